/* odan-team-view.h — what one team sees of an exercise, and who may see what
 *
 * Teams play without seeing what the facilitators see. An OdanTeamView is a
 * snapshot, built from the log, of one team's view at one minute:
 *
 *  - the inbox: every delivery that reached the team at or before the
 *    minute — scheduled, delayed, early, ad hoc and forwarded; to the team
 *    by name or to all teams — with the text as it was delivered, who
 *    forwarded it, and the team's acknowledgements (received / read) up to
 *    the minute;
 *  - the team's own decisions up to the minute;
 *  - the team's reporting obligations at the minute (deadlines.csv);
 *  - the model at the minute, only when the scenario lets teams see it
 *    (scenario.ini `team-view-model=true`).
 *
 * Nothing else is in it: no inject before it is delivered (nor its due
 * time, nor the MSEL's expected action and objective), no delivery to
 * another team, no skipped inject, no other team's decision, no evaluator
 * observation and no model state unless the scenario allows it. The view
 * holds only what it copied from those events, so it cannot leak more.
 *
 * Strings in the entries are owned by the view. Rebuild the view (cheap:
 * one pass over the log) when the exercise emits "event-added".
 */
#pragma once

#include <glib.h>
#include "odan-exercise.h"

G_BEGIN_DECLS

/**
 * OdanRole:
 * @ODAN_ROLE_FACILITATOR: runs the exercise: sees and controls everything
 * @ODAN_ROLE_TEAM: a sector team: sees only its own view (OdanTeamView)
 * @ODAN_ROLE_EVALUATOR: reviews: sees everything that happened, the
 *   model and the obligations of every team, but not the MSEL ahead of
 *   time, and changes nothing but observations
 */
typedef enum {
  ODAN_ROLE_FACILITATOR,
  ODAN_ROLE_TEAM,
  ODAN_ROLE_EVALUATOR,
} OdanRole;

/* What a role may see and do; odan_role_get_access() combines them. */
typedef enum {
  ODAN_ACCESS_UPCOMING_INJECTS = 1 << 0,  /* the MSEL before delivery, due times, expected actions */
  ODAN_ACCESS_ALL_TEAMS        = 1 << 1,  /* every team's deliveries, decisions, acks, obligations */
  ODAN_ACCESS_SKIPPED          = 1 << 2,  /* skipped injects and their text */
  ODAN_ACCESS_MODEL            = 1 << 3,  /* node states (a team: only with team-view-model=true) */
  ODAN_ACCESS_OBSERVATIONS     = 1 << 4,  /* evaluators' observations */
  ODAN_ACCESS_CONTROL          = 1 << 5,  /* clock, delivery, skip, reschedule, ad hoc injects */
  ODAN_ACCESS_DECIDE           = 1 << 6,  /* log decisions and acknowledgements for a team */
  ODAN_ACCESS_OBSERVE          = 1 << 7,  /* log observations */
} OdanAccess;

const char *odan_role_to_string   (OdanRole role);
/* "facilitator", "team", "evaluator" (any case). */
gboolean    odan_role_from_string (const char *text, OdanRole *out);
/* What @role may see and do in an exercise of @pack (@pack may be NULL:
 * then a team never sees the model). */
OdanAccess  odan_role_get_access  (OdanRole role, const OdanPack *pack);

/* One delivery in a team's inbox. */
typedef struct {
  gint64  delivery;      /* the delivery event id */
  char   *kind;          /* its action: scheduled, delayed, early, adhoc, forwarded */
  double  minute;        /* when it reached the team */
  char   *inject;        /* the inject id, NULL for an ad hoc inject */
  char   *title;
  char   *title_ja;      /* may be NULL */
  char   *from;          /* may be NULL */
  char   *channel;       /* may be NULL */
  char   *body;          /* as delivered; may be NULL */
  char   *from_ja;       /* the Japanese twins of from and body; may be NULL */
  char   *body_ja;
  char   *sharing;       /* may be NULL (TLP…) */
  char   *forwarded_by;  /* the forwarding team's id, NULL unless forwarded */
  gint64  origin;        /* forwarded: the delivery it forwarded, else 0 */
  double  received;      /* minute of the first received or read ack, NAN if none by the view's minute */
  double  read;          /* minute of the read ack, NAN if none by the view's minute */
} OdanInboxEntry;

/* One of the team's decisions as it logged them. */
typedef struct {
  gint64  event;
  double  minute;
  char   *category;      /* business-continuity, disclosure… */
  char   *summary;
  char   *mitigation;    /* id or NULL */
  char   *detail;        /* one line of category details (ministry, stage,
                          * channel, audience, recipients, BCP), may be "" */
} OdanTeamDecision;

typedef struct _OdanTeamView OdanTeamView;

/* The view of @team at @minute. Returns NULL with ODAN_EXERCISE_ERROR_INVALID
 * for an unknown team. */
OdanTeamView         *odan_team_view_new  (OdanExercise  *exercise,
                                           const char    *team,
                                           double         minute,
                                           GError       **error);
void                  odan_team_view_free (OdanTeamView  *view);

guint32               odan_team_view_get_team   (const OdanTeamView *view);
double                odan_team_view_get_minute (const OdanTeamView *view);

guint                 odan_team_view_get_n_inbox (const OdanTeamView *view);
/* Oldest first (log order). */
const OdanInboxEntry *odan_team_view_get_inbox   (const OdanTeamView *view,
                                                  guint               index);
/* Deliveries not acknowledged as received (or read) by the view's minute. */
guint                 odan_team_view_get_n_unacknowledged (const OdanTeamView *view);

guint                 odan_team_view_get_n_decisions (const OdanTeamView *view);
const OdanTeamDecision *odan_team_view_get_decision  (const OdanTeamView *view,
                                                      guint               index);

/* The team's obligations at the view's minute (OdanObligation). */
const GArray         *odan_team_view_get_obligations (const OdanTeamView *view);

/* The model at the view's minute when the scenario lets teams see it
 * (scenario.ini team-view-model=true): a new OdanSim to free with
 * odan_sim_free(); NULL otherwise. */
OdanSim              *odan_team_view_dup_model (const OdanTeamView *view,
                                                OdanExercise       *exercise);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (OdanTeamView, odan_team_view_free)

G_END_DECLS

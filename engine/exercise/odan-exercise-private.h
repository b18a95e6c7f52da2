/* odan-exercise-private.h — what the parts of OdanExercise share
 *
 * OdanExercise is one object in several files, one per concern:
 * odan-exercise.c (the object, opening, absorbing and committing events,
 * queries), -clock.c (the clock and what falls due), -inject.c (the
 * facilitator's injects), -decide.c (decisions, acknowledgements, forwards,
 * mitigations), -evaluation.c (evaluators' entries), -describe.c (events
 * as text) and -follow.c (following a log other connections write to). The struct and the helpers they share are here; nothing outside
 * engine/exercise includes this file.
 */
#pragma once

#include "odan-enum.h"
#include "odan-error-private.h"
#include "odan-exercise-enums.h"
#include "odan-exercise.h"
#include "odan-replay.h"

G_BEGIN_DECLS


typedef enum {
  INJECT_PENDING,
  INJECT_DELIVERED,
  INJECT_SKIPPED,
} InjectStatus;

typedef struct {
  double       due;
  InjectStatus status;
} InjectState;

/* An accepted mitigation waiting for its time. */
typedef struct {
  double   due;
  gint64   decision_event;
  guint32  decision;          /* index in decisions */
  guint32  mitigation;
} Pending;

/* A forward of an inject, waiting for its time (the channel's latency). */
typedef struct {
  double   due;
  gint64   decision_event;
  guint    order;             /* the inject's position in the decision */
  guint32  inject;
  gint64   origin;            /* the delivery to the forwarding team it copies */
  guint32  team;              /* the forwarding team */
  char   **to;                /* recipient team ids, owned */
  char    *channel;           /* owned, may be NULL */
  guint    members;           /* simulated members it reaches (forward-members) */
} Forward;

/* A simulated member's answer, waiting for its time (odan-exercise-members.c). */
typedef struct {
  double   due;
  gint64   delivery;          /* the forward that reached the member */
  guint32  member;            /* 1 … the CEPTOAR's members */
  gboolean read;              /* read, else received */
} MemberAck;

/* A decision of a decisions file, waiting for its time (headless play). */
typedef struct {
  OdanDecision decision;
  char        *key;
} Planned;

struct _OdanExercise
{
  GObject       parent_instance;

  OdanStore    *store;
  OdanPack     *pack;
  OdanClock    *clock;

  GPtrArray    *events;          /* OdanEvent*, id order */
  OdanReplay   *replay;          /* what each event does to the model, one step per event */
  GArray       *decisions;       /* OdanDecision, log order */
  GArray       *decision_events; /* gint64: the event of each decision */

  InjectState  *injects;         /* n_injects */
  guint        *pool_used;       /* n_pools */
  GArray       *pending;         /* Pending, by (due, decision_event) */
  GHashTable   *logged_keys;     /* "source" keys of decisions in the log */
  GArray       *planned;         /* Planned, by time then file order */
  guint         next_planned;
  char         *plan_file;       /* the decisions file's name, for messages */
  GArray       *forwards;        /* Forward, by (due, decision_event, order) */
  GHashTable   *acks;            /* "delivery\x1fteam\x1faction" → const OdanEvent* (the ack) */
  GArray       *member_acks;     /* MemberAck, sorted; done before member_head */
  guint         member_head;
  GHashTable   *member_relays;   /* "team\x1finject" → population forwards so far */

  gboolean      started;
  gboolean      ended;
  gboolean      interrupted;
  double        last_minute;

  OdanSim      *sim;             /* live: replay[0 .. sim_events) applied */
  guint         sim_events;
  double        sim_until;       /* furthest time the live sim was run to */

  struct _OdanExerciseFollow *follow;  /* while following a shared store, else NULL */

  char         *team_client;     /* a team's connection to a shared exercise: its id, else NULL */

  GPtrArray    *skipped;         /* char*: members' events left out, and why (multi-site) */
  gint64        skipped_through; /* the last id of those applied nowhere: part of the bookmark */
};

typedef struct _OdanExerciseFollow OdanExerciseFollow;

void
_odan_exercise_event_added (OdanExercise *self,
                            OdanEvent    *event);
/* Leaves out @event (a member's, which it takes) that does not apply: says
 * why, and the log goes on without it. */
void
_odan_exercise_skip (OdanExercise *self,
                     OdanEvent    *event,
                     const char   *why);

/* The clock mode a clock event names (its "mode"): step when none. */
OdanClockMode
_odan_exercise_event_clock_mode (const OdanEvent *event);

char *
_odan_exercise_format_time (double minute);

char *
_odan_exercise_one_line (const char *text);

void
_odan_exercise_add_string (GVariantBuilder *builder,
                           const char      *key,
                           const char      *value);

GVariant *
_odan_exercise_team_ids (const OdanPack *pack,
                         const guint32  *teams,
                         guint           n_teams);

GArray *
_odan_exercise_parse_effects (const OdanPack *pack,
                              const char     *text,
                              GError        **error);

gboolean
_odan_exercise_event_reaches (const OdanEvent *event,
                              const char      *team_id);

/* A planned row's key as logged_keys holds it: with the team whose event
 * carried it, so that no team's event can pass for another team's row. */
char *
_odan_exercise_logged_key (const char *team,
                           const char *source);
char *
_odan_exercise_ack_key (gint64      delivery,
                        const char *team,
                        const char *action);

void
_odan_exercise_sim_catch_up (OdanExercise *self);

gboolean
_odan_exercise_absorb (OdanExercise *self,
                       OdanEvent    *event,
                       gint64        wall,
                       GError      **error);

gboolean
_odan_exercise_check_writable (OdanExercise *self,
                               GError      **error);

gboolean
_odan_exercise_check_playing (OdanExercise *self,
                              GError      **error);

gint64
_odan_exercise_commit (OdanExercise *self,
                       OdanEvent    *event,
                       gint64        wall,
                       GError      **error);

gint64
_odan_exercise_commit_many (OdanExercise  *self,
                            OdanEvent    **events,
                            guint          n_events,
                            GError       **error);

gboolean
_odan_exercise_catch_up (OdanExercise *self,
                         GError      **error);

gboolean
_odan_exercise_ready_to_log (OdanExercise *self,
                             GError      **error);

double
_odan_exercise_team_client_minute (OdanExercise *self);

gint64
_odan_exercise_log_delivery (OdanExercise *self,
                             guint32       index,
                             double        at,
                             const char   *actor,
                             const char   *body,
                             GError      **error);

/* A request that does not fit the pack or the exercise: sets
 * ODAN_EXERCISE_ERROR_INVALID and returns FALSE. */
#define _odan_exercise_invalid(error, ...) \
  odan_fail ((error), ODAN_EXERCISE_ERROR, ODAN_EXERCISE_ERROR_INVALID, __VA_ARGS__)

gint64
_odan_exercise_decide_at (OdanExercise       *self,
                          const OdanDecision *d,
                          const char         *key,
                          const char         *by,
                          double              at,
                          GError            **error);

gboolean
_odan_exercise_deliver_forwards_due (OdanExercise *self,
                                     double        until,
                                     GError      **error);

gint64
_odan_exercise_log_forward (OdanExercise *self,
                            guint         index,
                            double        at,
                            GError      **error);

gint64
_odan_exercise_log_mitigation (OdanExercise *self,
                               guint         index,
                               double        at,
                               GError      **error);

void
_odan_exercise_forward_clear (Forward *f);

void
_odan_exercise_planned_clear (Planned *p);

gboolean
_odan_exercise_sync_before_commit (OdanExercise *self,
                                   gint64        id,
                                   GError      **error);

gboolean
_odan_exercise_inconsistent (const OdanEvent *event,
                             const char      *problem,
                             GError         **error);

void
_odan_exercise_members_schedule (OdanExercise    *self,
                                 const OdanEvent *delivery,
                                 guint32          team);

const MemberAck *
_odan_exercise_members_next (OdanExercise *self);

gint64
_odan_exercise_log_member_acks (OdanExercise *self,
                                double        until,
                                double        before,
                                GError      **error);

gboolean
_odan_exercise_absorb_member_ack (OdanExercise    *self,
                                  const OdanEvent *event,
                                  GError         **error);

G_END_DECLS

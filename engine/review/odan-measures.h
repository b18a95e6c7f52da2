/* odan-measures.h — how each team did, read back from an exercise's log
 *
 * The evaluator's numbers for the after-action report, computed in one pass
 * over the log of an OdanExercise and its pack. Everything is derived from
 * logged events (never logged itself), so a reopened file gives the same
 * measures. The exercise's "end" is its last event's minute.
 *
 *  - report timing: for every (trigger, team) that a ministry-report
 *    deadline of deadlines.csv applies to, the minutes from the trigger
 *    reaching the team to its first ministry report of each stage
 *    (第一報 initial, 続報 follow-up, 最終報 final), each against the
 *    deadline for that stage (a deadline without a stage counts for the
 *    first report, the initial column);
 *  - obligations: every deadline as it applies to each team, at the end;
 *  - reach (疎通確認率): for every inject that a `received`/`read` deadline
 *    names, per relay stage, the share of the teams expected at that stage
 *    that acknowledged the inject within their window (below);
 *  - relay reach per CEPTOAR and stage, as drills measure it
 *    (odan-relay-reach.h; the report prefers it to the rates above when
 *    the pack's deadlines name roles);
 *  - unanswered deliveries: a delivery that reached a team which neither
 *    acknowledged it nor named its inject in a decision;
 *  - per team: decisions per category, acknowledgements, obligations;
 *  - mitigations chosen: who, when, accepted or refused, applied when.
 *
 * Relay stages and who is expected. A team's stage is its place in the
 * information relay (odan-relay.h): `nisc` (id or role nisc), `ministry`
 * (role ministry), `ceptoar` (role ceptoar: a secretariat or council) and
 * `member` (everyone else). The teams expected to be reached by an inject
 * are its own recipients (every team for a delivery to all) and, following
 * the relay down from them until nothing new is added: from NISC every
 * ministry team, from a ministry the CEPTOAR teams of the sectors in its
 * charge, from a CEPTOAR team its members (odan_relay_resolve() with
 * "ceptoar" and "members"). A team is reached when it acknowledged
 * (received or read; read only for a `read` deadline) a delivery of the
 * inject within the window: the `within` of the inject's ack deadline that
 * applies to the team (named, or `to`), else of the inject's first ack
 * deadline, counted from the first delivery of the inject that reached the
 * team. Rows are per (inject, stage) and, for teams with a `ceptoar`
 * column, per (inject, stage, CEPTOAR).
 *
 * Layout: plain GArrays of plain structs; indices point into the pack
 * (teams, injects, deadlines, mitigations), strings are borrowed from it.
 */
#pragma once

#include <glib.h>
#include "odan-exercise.h"
#include "odan-relay-reach.h"

G_BEGIN_DECLS

typedef enum {
  ODAN_RELAY_STAGE_NISC,
  ODAN_RELAY_STAGE_MINISTRY,
  ODAN_RELAY_STAGE_CEPTOAR,
  ODAN_RELAY_STAGE_MEMBER,
} OdanRelayStage;

#define ODAN_RELAY_N_STAGES (ODAN_RELAY_STAGE_MEMBER + 1)

/* The nick of its registered enum (ODAN_TYPE_RELAY_STAGE, odan-review-enums.h):
 * "nisc", "ministry", "ceptoar", "member". */
const char     *odan_relay_stage_to_string (OdanRelayStage stage);
OdanRelayStage  odan_relay_stage_of_team   (const OdanPack *pack, guint32 team);

/* How a stage of a report went. */
typedef enum {
  ODAN_TIMING_NO_DEADLINE,  /* no deadline for this stage; see minutes */
  ODAN_TIMING_MET,
  ODAN_TIMING_MET_LATE,
  ODAN_TIMING_LATE,         /* never reported, and past due */
  ODAN_TIMING_OPEN,         /* not reported, not yet due at the end */
} OdanTimingState;

/* The nick of its registered enum (ODAN_TYPE_TIMING_STATE): "no-deadline",
 * "met", "met-late", "late", "open". */
const char *odan_timing_state_to_string (OdanTimingState state);

#define ODAN_MEASURE_N_STAGES 3   /* initial, follow-up, final */

typedef struct {
  guint32         trigger;   /* inject index */
  guint32         team;
  double          opened;    /* the trigger reached the team (minute) */
  gint64          opened_by; /* that delivery event */
  /* [0] initial (第一報), [1] follow-up (続報), [2] final (最終報) */
  double          minutes[ODAN_MEASURE_N_STAGES];  /* to the first report of the stage, NAN when none */
  gint64          report[ODAN_MEASURE_N_STAGES];   /* the decision event, 0 when none */
  double          within[ODAN_MEASURE_N_STAGES];   /* the deadline, NAN when none */
  guint32         deadline[ODAN_MEASURE_N_STAGES]; /* deadline index, ODAN_NONE */
  OdanTimingState state[ODAN_MEASURE_N_STAGES];
} OdanReportTiming;

typedef struct {
  guint32         inject;
  OdanRelayStage  stage;
  const char     *ceptoar;   /* the teams' CEPTOAR (borrowed), NULL for the whole stage */
  double          within;    /* the window of the stage's first expected team */
  guint           expected;
  guint           delivered; /* expected teams the inject reached */
  guint           reached;   /* acknowledged within the window */
  guint           acked_late;
} OdanReachRate;

typedef struct {
  gint64   delivery;   /* the first delivery that reached the team */
  guint32  inject;     /* ODAN_NONE for an ad hoc inject */
  guint32  team;
  double   minute;
} OdanUnanswered;

typedef struct {
  guint32  team;
  OdanRelayStage stage;
  guint    deliveries;          /* distinct injects (ad hoc: deliveries) that reached it */
  guint    acknowledged;        /* of those, acknowledged */
  guint    unanswered;
  guint    decisions[5];        /* per OdanCategory */
  guint    n_decisions;
  guint    mitigations;         /* decisions choosing a mitigation */
  guint    mitigations_applied;
  guint    obligations[4];      /* per OdanObligationState at the end */
} OdanTeamMeasures;

typedef struct {
  gint64   decision;   /* the decision event */
  guint32  decision_index;      /* position among the log's decisions */
  guint32  team;
  guint32  mitigation;
  double   decided;
  gboolean accepted;
  gint64   applied_by; /* the mitigation event, 0 when not (yet) applied */
  double   applied;    /* NAN when not applied */
} OdanMitigationUse;

typedef struct {
  double  end;                  /* the last event's minute */
  GArray *timings;              /* OdanReportTiming, by trigger then team */
  GArray *obligations;          /* OdanObligation (odan-exercise.h) at the end */
  GArray *reach;                /* OdanReachRate, by inject, stage, CEPTOAR */
  GArray *relay;                /* OdanRelayReach (odan-relay-reach.h): per CEPTOAR and stage */
  GArray *unanswered;           /* OdanUnanswered, by minute */
  GArray *teams;                /* OdanTeamMeasures, one per team of the pack */
  GArray *mitigations;          /* OdanMitigationUse, log order */
  guint   decisions[5];         /* per OdanCategory, all teams */
  guint   n_acks;
  guint   n_deliveries;         /* delivery events that reached someone */
} OdanMeasures;

OdanMeasures *odan_measures_compute (OdanExercise *exercise);
void          odan_measures_free    (OdanMeasures *measures);

/* reached ÷ expected (0 when nothing was expected). */
double        odan_reach_rate_value (const OdanReachRate *rate);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (OdanMeasures, odan_measures_free)

G_END_DECLS

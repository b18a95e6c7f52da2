/* odan-replay.h — what an exercise's logged events do to the model
 *
 * The one mapping from events to the simulator's schedule
 * (engine/SEMANTICS.md §6). A delivery that is `scheduled`, `delayed` or
 * `early` schedules its inject's effects at its minute; an `adhoc` one its
 * own effect text; an applied mitigation the mitigation's effects, with the
 * decision that chose it (its ref) as origin. Everything else — skips,
 * forwarded copies, decisions, clock changes — changes nothing.
 *
 * An OdanReplay reads a log in order into one step per event; the exercise
 * (live, reopened, the state at a past minute), the after-action
 * counterfactuals and the planner's preview all apply steps through
 * odan_replay_apply(), so they agree by construction. Reading does not
 * check the log against itself: the exercise does that before it adds an
 * event.
 */
#pragma once

#include "odan-event.h"
#include "odan-sim.h"

G_BEGIN_DECLS

/* What one event schedules: @effects at @minute with @origin. */
typedef struct {
  double        minute;
  const GArray *effects;   /* resolved OdanEffect, borrowed; NULL: nothing */
  OdanOrigin    origin;    /* for a mitigation also when it has no effects */
} OdanReplayStep;

typedef struct _OdanReplay OdanReplay;

/* An empty replay of a log on @pack, which must outlive it (and every sim
 * its steps are applied to). */
OdanReplay *odan_replay_new      (const OdanPack *pack);
/* The plan alone: every inject of the MSEL delivered at its time, nothing
 * else (the steps of the injects with effects, by time, MSEL order within a
 * minute). */
OdanReplay *odan_replay_new_msel (const OdanPack *pack);
void        odan_replay_free     (OdanReplay *replay);

/* Reads the next event of the log and appends its step. FALSE, and no
 * step, when an ad hoc delivery's effect text does not read against the
 * pack (the error says why, without the event). */
gboolean    odan_replay_add      (OdanReplay       *replay,
                                  const OdanEvent  *event,
                                  GError          **error);

guint                 odan_replay_get_n_steps (const OdanReplay *replay);
const OdanReplayStep *odan_replay_get_step    (const OdanReplay *replay,
                                               guint             index);

/* Schedules @step on @sim: runs @sim up to, not including, the step's
 * minute (reporting changes to @func, may be NULL), then schedules its
 * effects, so that everything logged for one instant applies in the same
 * round, as in `odan-cli simulate`. Steps must come in time order. */
void        odan_replay_apply    (OdanSim              *sim,
                                  const OdanReplayStep *step,
                                  OdanSimChangeFunc     func,
                                  gpointer              user_data);

/* Applies the first @n_steps steps whose minute is at most @minute, then
 * runs @sim to @minute. */
void        odan_replay_run      (const OdanReplay *replay,
                                  OdanSim          *sim,
                                  guint             n_steps,
                                  double            minute,
                                  OdanSimChangeFunc func,
                                  gpointer          user_data);

/* Schedules the mitigations of @decisions (OdanDecision, in file order) as
 * `odan-cli simulate --decisions` applies them (SEMANTICS.md §6): each at
 * its decision's time plus the mitigation's delay, with the decision as
 * origin; a mitigation whose pool has fewer units left than it takes is
 * refused, as an exercise refuses it, and applies nothing. Appends an
 * OdanReplayRefusal for each to @refused (may be NULL). */
typedef struct {
  guint decision;          /* index in @decisions */
  guint left;              /* units its pool had left */
} OdanReplayRefusal;

void        odan_replay_schedule_decisions (OdanSim      *sim,
                                            const GArray *decisions,
                                            GArray       *refused);

/* A simulator for reruns that need operability values only: its changes
 * carry no cause (finding one costs a pass over the node's in-edges). */
OdanSim    *odan_replay_new_values_sim (const OdanPack *pack);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (OdanReplay, odan_replay_free)

G_END_DECLS

/* odan-exercise.h — a running exercise: its log, clock, decisions and model
 *
 * An OdanExercise owns a store (the log), the pack embedded in it, a clock
 * and a cascade simulator. Every change — the clock, an inject delivered, a
 * decision, a mitigation applied — is an event: it is committed to the store
 * first, then applied. Applying events in log order is the only way state
 * changes, live and on reopening alike, so the state replayed from a file
 * equals the state shown live. engine/EXERCISE.md has the rules.
 *
 * Every function that logs returns the new event's id (> 0) only after the
 * store committed it, and emits "event-added" then; on failure it returns 0
 * (or FALSE) with @error set and nothing changed.
 */
#pragma once

#include <glib-object.h>
#include "odan-clock.h"
#include "odan-decisions.h"
#include "odan-event.h"
#include "odan-pack.h"
#include "odan-sim.h"
#include "odan-store.h"

G_BEGIN_DECLS

#define ODAN_EXERCISE_ERROR (odan_exercise_error_quark ())

/**
 * OdanExerciseError:
 * @ODAN_EXERCISE_ERROR_INVALID: a request that does not fit the pack or the
 *   exercise (an unknown team, an inject already delivered, a bad effect)
 * @ODAN_EXERCISE_ERROR_PACK: the pack does not load, or a pack named for an
 *   existing exercise differs from the one embedded in it
 * @ODAN_EXERCISE_ERROR_CLOCK: a clock operation that does not fit the
 *   clock's state (pausing a paused clock, jumping back, after the end)
 * @ODAN_EXERCISE_ERROR_INCONSISTENT: the log contradicts its pack or itself
 *   (events out of time order, a delivery of an unknown inject)
 */
typedef enum {
  ODAN_EXERCISE_ERROR_INVALID,
  ODAN_EXERCISE_ERROR_PACK,
  ODAN_EXERCISE_ERROR_CLOCK,
  ODAN_EXERCISE_ERROR_INCONSISTENT,
} OdanExerciseError;

GQuark odan_exercise_error_quark (void);

typedef enum {
  ODAN_EXERCISE_OPEN_DEFAULT   = 0,       /* write if possible, else read-only */
  ODAN_EXERCISE_OPEN_READ_ONLY = 1 << 0,  /* only read (evaluators, `odan-cli log`) */
  ODAN_EXERCISE_OPEN_WRITE     = 1 << 1,  /* fail rather than open read-only */
  ODAN_EXERCISE_OPEN_CREATE    = 1 << 2,  /* start it from the pack when the file is new or empty */
} OdanExerciseOpenFlags;

/* An inject the facilitator writes during the exercise. */
typedef struct {
  const char        *title;
  const char        *body;      /* may be NULL */
  const char        *from;      /* may be NULL */
  const char        *channel;   /* may be NULL */
  const char *const *to;        /* team ids, NULL-terminated; NULL for all teams */
  const char        *effect;    /* effects on the model (odan-effect.h), may be NULL */
} OdanAdhocInject;

#define ODAN_TYPE_EXERCISE (odan_exercise_get_type ())
G_DECLARE_FINAL_TYPE (OdanExercise, odan_exercise, ODAN, EXERCISE, GObject)

/* Opens the exercise at @location: a file name or a PostgreSQL connection
 * string (odan_store_open_location()). With CREATE, a missing or empty
 * store is started from the pack folder @pack_dir (a database must exist;
 * its administrator creates it). When the store already holds an exercise
 * and @pack_dir is given, the folder must hold the same files as the
 * embedded pack. */
OdanExercise   *odan_exercise_open   (const char            *location,
                                      const char            *pack_dir,
                                      OdanExerciseOpenFlags  flags,
                                      GError               **error);
/* The same over any store: loads the embedded pack and replays the log. */
OdanExercise   *odan_exercise_new    (OdanStore  *store,
                                      GError    **error);
/* Stores the pack folder @pack_dir, file by file, in the empty @store. */
gboolean        odan_exercise_init_store (OdanStore   *store,
                                          const char  *pack_dir,
                                          GError     **error);
/* The pack embedded in @store (file name → GBytes), provided the folder
 * @pack_dir, when given, holds the same files: an exercise goes on only
 * with the pack it was started from. Otherwise NULL with
 * ODAN_EXERCISE_ERROR_PACK naming the first file that differs. */
GHashTable     *odan_exercise_read_pack  (OdanStore   *store,
                                          const char  *pack_dir,
                                          GError     **error);

OdanStore      *odan_exercise_get_store (OdanExercise *self);
const OdanPack *odan_exercise_get_pack  (OdanExercise *self);
OdanClock      *odan_exercise_get_clock (OdanExercise *self);
gboolean        odan_exercise_is_read_only (OdanExercise *self);

/* The log, in id order. */
guint            odan_exercise_get_n_events (OdanExercise *self);
const OdanEvent *odan_exercise_get_event    (OdanExercise *self, guint index);
/* One line for people: what the event did, in the user's language. */
char            *odan_exercise_describe_event (OdanExercise    *self,
                                               const OdanEvent *event);

/* Exercise time now: the clock's, never before the last event. */
double          odan_exercise_get_minute    (OdanExercise *self);
gboolean        odan_exercise_has_started   (OdanExercise *self);
gboolean        odan_exercise_has_ended     (OdanExercise *self);
/* TRUE while the clock runs in real time: what a screen must redraw for
 * (the time, countdowns) even when nothing is logged. */
gboolean        odan_exercise_is_running_live (OdanExercise *self);
/* TRUE when the log ends with the clock running: the process that wrote it
 * stopped without pausing (a crash, a closed laptop). Such an exercise
 * reopens paused at its last event; resume it to go on. */
gboolean        odan_exercise_was_interrupted (OdanExercise *self);
/* The earliest time something falls due (an inject, a planned decision, a
 * mitigation), or INFINITY. */
double          odan_exercise_get_next_due  (OdanExercise *self);

/* The clock (each logs a clock event). Speeds are ×1 … ×60. Moving time
 * forward (resume keeping the schedule, jump, step) first delivers what
 * falls due on the way, each at its own time. */
gint64          odan_exercise_start     (OdanExercise   *self,
                                         OdanClockMode   mode,
                                         double          speed,
                                         GError        **error);
gint64          odan_exercise_pause     (OdanExercise  *self,
                                         GError       **error);
/* Pending injects shift by the pause (exercise time stood still), unless
 * @keep_schedule: then exercise time catches up with the wall-clock time
 * the pause lasted. */
gint64          odan_exercise_resume    (OdanExercise  *self,
                                         gboolean       keep_schedule,
                                         GError       **error);
gint64          odan_exercise_set_speed (OdanExercise  *self,
                                         double         speed,
                                         GError       **error);
gint64          odan_exercise_jump      (OdanExercise  *self,
                                         double         minute,
                                         GError       **error);
/* Jumps to the next pending inject and delivers it. */
gint64          odan_exercise_step      (OdanExercise  *self,
                                         GError       **error);
gint64          odan_exercise_end       (OdanExercise  *self,
                                         GError       **error);
/* Delivers and applies everything due up to the clock's time (call it from
 * a timer in real time). */
gboolean        odan_exercise_advance    (OdanExercise  *self,
                                          GError       **error);
/* Step mode: moves exercise time to @minute, delivering what falls due on
 * the way (headless play). */
gboolean        odan_exercise_advance_to (OdanExercise  *self,
                                          double         minute,
                                          GError       **error);

/* Injects of the MSEL, by index in the pack. */
gint64          odan_exercise_deliver    (OdanExercise  *self,
                                          guint32        inject,
                                          const char    *body,
                                          GError       **error);
gint64          odan_exercise_reschedule (OdanExercise  *self,
                                          guint32        inject,
                                          double         minute,
                                          GError       **error);
gint64          odan_exercise_skip       (OdanExercise  *self,
                                          guint32        inject,
                                          const char    *reason,
                                          GError       **error);
gint64          odan_exercise_deliver_adhoc (OdanExercise          *self,
                                             const OdanAdhocInject *inject,
                                             GError               **error);
/* The time an inject of the MSEL falls due (after any reschedule), or
 * INFINITY once it was delivered or skipped. */
double          odan_exercise_get_inject_due (OdanExercise *self,
                                              guint32       inject);

/* Logs a decision at the current time (decision->time and ->line are not
 * used). A chosen mitigation applies at this time plus its delay; when its
 * pool has too few units left the decision is logged all the same and the
 * mitigation refused, with the reason. @by names the person (may be NULL).
 *
 * Each category has its form, checked before anything is logged
 * (ODAN_EXERCISE_ERROR_INVALID naming the missing field):
 *  - business-continuity: BCP activation (bcp) and/or a mitigation;
 *  - disclosure: channel, audience and the text (summary);
 *  - ministry-report: a stage and the content (summary); the ministry
 *    defaults to the one in charge of the team's sector, and a team
 *    without one must name it;
 *  - information-sharing: recipients and the injects forwarded, each of
 *    which must have reached the team; the recipients must stand for at
 *    least one team (odan-relay.h). The decision then forwards: each inject
 *    is delivered again (a `forwarded` delivery) to those teams at this
 *    time plus the channel's latency.
 *  - other: a summary.
 * A decision with @decision->ack set acknowledges instead: each of its
 * injects' deliveries to the team (odan_exercise_acknowledge()), and
 * returns the last ack's id. */
gint64          odan_exercise_decide  (OdanExercise        *self,
                                       const OdanDecision  *decision,
                                       const char          *by,
                                       GError             **error);
/* Checks @decision against its category's form and the log as
 * odan_exercise_decide() would, without logging anything: for a form that
 * validates as it is typed. The clock is not checked. */
/* A mitigation a team proposed from its own connection (multi-site: a team
 * gives no verdict) takes effect only when the facilitator accepts it. This
 * logs the facilitator's decision for that team with the same category and
 * mitigation, now, checked against pools like any other; the proposal stays
 * in the log as it was. ODAN_EXERCISE_ERROR_INVALID when @proposal is not
 * such a proposal. */
gint64          odan_exercise_accept_proposal (OdanExercise *self,
                                               gint64        proposal,
                                               GError      **error);
/* Whether @event is a mitigation a team proposed without a verdict. */
gboolean        odan_exercise_is_proposal     (const OdanEvent *event);
gboolean        odan_exercise_check_decision (OdanExercise        *self,
                                              const OdanDecision  *decision,
                                              GError             **error);
/* Decisions to log when their time comes (headless play): those already in
 * the log — same content, same position among equal rows — are left out, so
 * playing the same file again applies nothing twice. */
void            odan_exercise_plan_decisions (OdanExercise *self,
                                              const GArray *decisions);
/* The same, naming the decisions file (its basename) in the message of a
 * row that does not fit what happened when its time comes ("FILE:LINE: inject
 * D-01 has not reached team 'mic'"). */
void            odan_exercise_plan_decisions_from (OdanExercise *self,
                                                   const GArray *decisions,
                                                   const char   *file);
/* An evaluator's observation, about @team (may be NULL) or an earlier event
 * @ref (may be 0). Also after the end. */
gint64          odan_exercise_observe (OdanExercise  *self,
                                       const char    *text,
                                       const char    *team,
                                       gint64         ref,
                                       const char    *by,
                                       GError       **error);

/* Acknowledges, for @team, the delivery event @delivery (a delivery that
 * reached @team: to it, to all teams, or forwarded to it) as received or
 * read. Logs an `ack` event (ref = @delivery, subject = the inject id, or
 * none for an ad hoc delivery). Idempotent: when @team already acknowledged
 * @delivery the same way — or read it, for @ack RECEIVED — nothing is
 * logged and the id of that earlier ack is returned. A delivery that never
 * reached @team, a skipped inject or an unknown event is refused
 * (ODAN_EXERCISE_ERROR_INVALID). @by names the person (may be NULL). */
gint64          odan_exercise_acknowledge (OdanExercise  *self,
                                           gint64         delivery,
                                           const char    *team,
                                           OdanAck        ack,
                                           const char    *by,
                                           GError       **error);
/* The delivery events of @inject (a pack index) that reached @team by
 * @minute, oldest first: a new GArray of gint64 event ids. Forwards count. */
GArray         *odan_exercise_deliveries_to (OdanExercise *self,
                                             guint32       inject,
                                             guint32       team,
                                             double        minute);
/* TRUE when delivery event @event reached @team (to it, to all teams, or
 * forwarded to it); FALSE for a skip or any other event. */
gboolean        odan_exercise_delivery_reaches (OdanExercise    *self,
                                                const OdanEvent *event,
                                                guint32          team);
/* The event with id @id, or NULL. */
const OdanEvent *odan_exercise_find_event (OdanExercise *self,
                                           gint64        id);

/**
 * OdanObligationState:
 * @ODAN_OBLIGATION_OPEN: not met yet, and not past its due time
 * @ODAN_OBLIGATION_MET: met by its due time
 * @ODAN_OBLIGATION_LATE: not met, and past its due time
 * @ODAN_OBLIGATION_MET_LATE: met, but after its due time
 */
typedef enum {
  ODAN_OBLIGATION_OPEN,
  ODAN_OBLIGATION_MET,
  ODAN_OBLIGATION_LATE,
  ODAN_OBLIGATION_MET_LATE,
} OdanObligationState;

const char *odan_obligation_state_to_string (OdanObligationState state);

/* A deadline of deadlines.csv as it applies to one team: opened when the
 * trigger reached that team (or, for a deadline naming a team, when the
 * trigger was first delivered to anyone), met by the team's first matching
 * decision or acknowledgement logged after that. */
typedef struct {
  guint32              deadline;  /* index into pack->deadlines */
  guint32              team;      /* team index */
  gint64               opened_by; /* the delivery event that opened it */
  double               opened;    /* minute */
  double               due;       /* opened + within */
  gint64               met_by;    /* the decision or ack event, or 0 while not met (at the minute asked) */
  double               met;       /* minute, or NAN while not met */
  OdanObligationState  state;     /* at the minute asked */
} OdanObligation;

/* The obligations open, met or late at @minute, for @team (ODAN_NONE for
 * every team), ordered by due time then deadline then team: a new GArray
 * of OdanObligation. Only events up to @minute count, so asking about an
 * earlier minute shows what the team saw then. */
GArray         *odan_exercise_get_obligations (OdanExercise *self,
                                               guint32       team,
                                               double        minute);
/* Every team's obligations at @minute in the same order, computed in one
 * pass over the log (odan-obligations.c): a new GArray of OdanObligation. */
GArray         *odan_exercise_list_obligations (OdanExercise *self,
                                                double        minute);

/* Decisions in log order, as OdanDecision (for odan_explain(): a mitigation's
 * origin.decision indexes this array). */
const GArray   *odan_exercise_get_decisions (OdanExercise *self);
/* Members' events (multi-site) left out because they could not be read or
 * applied: one message each (char*), naming the event, its author and why. */
const GPtrArray *odan_exercise_get_skipped  (OdanExercise *self);
/* Units of @pool not taken by accepted decisions. */
guint           odan_exercise_get_pool_available (OdanExercise *self,
                                                  guint32       pool);

/* The model as it stands at the exercise's time (owned by the exercise). */
const OdanSim  *odan_exercise_get_sim   (OdanExercise *self);
/* The model at @minute, rebuilt from the log: a new simulator (free it with
 * odan_sim_free() before the exercise goes) with every event up to @minute
 * applied — what was shown live once the events of that minute were in. */
OdanSim        *odan_exercise_state_at  (OdanExercise *self,
                                         double        minute);
/* The same with only the first @n_events events of the log (those up to
 * @minute): what was shown live at @minute when the log held @n_events
 * events — for a timeline that steps event by event. */
OdanSim        *odan_exercise_state_after (OdanExercise *self,
                                           guint         n_events,
                                           double        minute);

/* The chain of causes behind @node's operability at the exercise's time, in
 * words (odan_explain()): the log is replayed into a model that keeps its
 * history, so each step can look back one lag. */
char           *odan_exercise_explain (OdanExercise *self,
                                       guint32       node);

/* The model at the exercise's time rebuilt from the log, keeping every
 * node's history (odan_sim_dup_history()): a new simulator (free it with
 * odan_sim_free() before the exercise goes). One replay for all the nodes'
 * histories, where odan_exercise_node_history() replays once per node. */
OdanSim        *odan_exercise_replay_history (OdanExercise *self);
/* Every change of @node's operability up to the exercise's time, oldest
 * first: a new GArray of OdanChange (g_array_unref() it). */
GArray         *odan_exercise_node_history (OdanExercise *self,
                                            guint32       node);

/* An evaluator's entry of kind `observation` with action @action (NOTE
 * for an observation, IMPROVEMENT for an improvement-plan item —
 * odan-evaluation.h) and the extra keys of @details (a{sv}, floating or
 * not, may be NULL) beside `by`. Checked as odan_exercise_observe(). */
gint64          odan_exercise_observe_with_details (OdanExercise   *self,
                                                    OdanEventAction action,
                                                    const char     *text,
                                                    const char     *team,
                                                    gint64          ref,
                                                    const char     *by,
                                                    GVariant       *details,
                                                    GError        **error);

/* Multi-site play (engine/EXERCISE.md, "Multi-site exercises on
 * PostgreSQL"): other connections append to the same log. odan_exercise_sync()
 * reads the events after the last one applied and applies each, in id order
 * and once, through the same path as opening, emitting "event-added" for
 * each. odan_exercise_follow() keeps doing so in the thread-default main
 * loop while the exercise lives or until odan_exercise_unfollow(), from
 * odan_store_watch() (the store reconnects and catches up on its own); on a
 * store nobody else writes to (a SQLite file: its one writer is this
 * process) it does nothing. Logging through the exercise applies first whatever other
 * connections committed before it. */
gboolean        odan_exercise_sync     (OdanExercise  *self,
                                        GError       **error);
void            odan_exercise_follow   (OdanExercise  *self);
void            odan_exercise_unfollow (OdanExercise  *self);
gboolean        odan_exercise_is_following (OdanExercise *self);

/* A sector team's own connection to a shared exercise (a store whose role
 * is ODAN_STORE_ROLE_TEAM, odan_store_get_role()) opens a team client: the team's id, NULL otherwise. It
 * loads the team's slice of the pack (odan_pack_load_team_slice()) and
 * applies the log the team may read: a delivery brings its inject with the
 * text it carries (the inject joins the slice by id), a forward another
 * team sent arrives without the decision behind it, and the team's own
 * acknowledgements, decisions and forwards apply as anywhere. Nothing
 * falls due on its side: the facilitator's connection delivers injects,
 * applies mitigations and carries forwards that wait for their channel; a
 * forward without delay is logged by the team with its decision. The
 * facilitator's controls (clock, delivery, skip…) are not for it, and the
 * database refuses them. */
const char     *odan_exercise_get_team_client (OdanExercise *self);

G_END_DECLS

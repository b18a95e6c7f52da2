/* odan-sim.h — the cascade engine
 *
 * Implements shared/spec/cascade-semantics.md: event-driven, exact in time,
 * deterministic. An OdanSim holds the state of one run over one OdanPack
 * (which must outlive it). Effects are scheduled, then odan_sim_run_until()
 * processes every instant up to a time and reports each change of a node's
 * operability with its cause.
 */
#pragma once

#include <glib.h>
#include <stdio.h>
#include "odan-pack.h"

G_BEGIN_DECLS

typedef struct _OdanSim OdanSim;

/* Where an effect came from. */
typedef enum {
  ODAN_ORIGIN_INJECT,       /* index: inject index in the pack */
  ODAN_ORIGIN_MITIGATION,   /* index: mitigation index; decision: the decision's number */
  ODAN_ORIGIN_ADHOC,        /* index: caller's number for an ad-hoc inject */
} OdanOriginKind;

typedef struct {
  OdanOriginKind kind;
  guint32        index;
  guint32        decision;  /* ODAN_ORIGIN_MITIGATION: which decision chose it, else ODAN_NONE */
} OdanOrigin;

typedef enum {
  ODAN_CAUSE_NORMAL,        /* nothing binds: operability 1 */
  ODAN_CAUSE_DIRECT,        /* a set effect: origin, effect */
  ODAN_CAUSE_FLOOR,         /* a floor effect holds the node up: origin, effect */
  ODAN_CAUSE_EDGE,          /* an incoming edge binds: edge, flags */
} OdanCauseKind;

typedef enum {
  ODAN_CAUSE_FLAG_BUFFER_EMPTY = 1 << 0,  /* the edge's buffer has run out */
  ODAN_CAUSE_FLAG_ON_BUFFER    = 1 << 1,  /* riding on the buffer (coverage < shortfall) */
  ODAN_CAUSE_FLAG_RESTARTING   = 1 << 2,  /* supply is back but the restart window holds the cap */
} OdanCauseFlags;

typedef struct {
  OdanCauseKind kind;
  guint32       flags;
  guint32       edge;       /* ODAN_CAUSE_EDGE */
  OdanOrigin    origin;     /* ODAN_CAUSE_DIRECT / FLOOR */
  guint32       effect;     /* index of the effect in its origin's list */
} OdanCause;

typedef struct {
  double     time;
  guint32    node;
  double     value;
  OdanCause  cause;
} OdanChange;

/* Called for every change, in time order; within an instant in node order.
 * A node can change more than once at one instant only through effects
 * that begin and end there. */
typedef void (*OdanSimChangeFunc) (const OdanChange *change, gpointer user_data);

OdanSim   *odan_sim_new   (const OdanPack *pack);
void       odan_sim_free  (OdanSim *sim);

/* Keep every change per node so odan_sim_explain() can look back in time. */
void       odan_sim_set_record_history (OdanSim *sim, gboolean record);

/* Schedules @effects (resolved OdanEffect, borrowed: they must outlive the
 * sim) to apply at @time. Effects at the same instant apply in the order of
 * these calls within each origin kind, injects before mitigations before
 * ad-hoc effects. @time must not be earlier than the sim's current time. */
void       odan_sim_schedule (OdanSim          *sim,
                              double            time,
                              const GArray     *effects,
                              const OdanOrigin *origin);

/* Schedules every inject of the pack at its time, in file order. */
void       odan_sim_schedule_injects (OdanSim *sim);

/* Processes every instant t with t <= @until. */
void       odan_sim_run_until (OdanSim          *sim,
                               double            until,
                               OdanSimChangeFunc func,
                               gpointer          user_data);

const OdanPack *odan_sim_get_pack  (const OdanSim *sim);
double     odan_sim_get_time        (const OdanSim *sim);
double     odan_sim_get_operability (const OdanSim *sim, guint32 node);
const OdanCause *odan_sim_get_cause (const OdanSim *sim, guint32 node);
/* What binds the node now (the cause above is the one at its last change;
 * this one also sees a restart window or buffer that began since). */
void       odan_sim_compute_cause   (const OdanSim *sim, guint32 node, OdanCause *cause);
/* Since when the node has its current value. */
double     odan_sim_get_since       (const OdanSim *sim, guint32 node);

/* Statistics of the run so far. */
guint64    odan_sim_get_n_instants (const OdanSim *sim);
guint64    odan_sim_get_n_changes  (const OdanSim *sim);

/* With history recorded: the change in force for @node at @time (the last
 * change at or before it), or NULL when the node has been at 1 throughout. */
const OdanChange *odan_sim_history_at (const OdanSim *sim, guint32 node, double time);

/* With history recorded: every change of @node so far, oldest first (a new
 * array of OdanChange; free it with g_array_unref()). */
GArray    *odan_sim_dup_history (const OdanSim *sim, guint32 node);

/* Minutes until the buffer of @edge runs out if nothing changes, or a
 * negative value when it is not draining. */
double     odan_sim_buffer_remaining (const OdanSim *sim, guint32 edge);

/* What resupply (SEMANTICS.md §14) is doing for an edge, as `explain` says it. */
typedef enum {
  ODAN_RESUPPLY_IDLE,         /* nothing needed, nothing due */
  ODAN_RESUPPLY_EXPECTED,     /* none needed yet: one is due to arrive at next */
  ODAN_RESUPPLY_ON_THE_WAY,   /* a delivery arrives at next */
  ODAN_RESUPPLY_NO_ROUTE,     /* needed, but node is below the route's minimum */
  ODAN_RESUPPLY_NO_STOCK,     /* needed, but the stock is empty */
  ODAN_RESUPPLY_NO_TRUCK,     /* needed, but no truck is free */
} OdanResupplyState;

typedef struct {
  OdanResupplyState state;
  guint   row;                /* the pack's resupply row */
  double  level;              /* minutes of backup in the buffer, 0 when empty */
  double  left;               /* minutes of backup at the current drain; < 0: not draining */
  double  next;               /* ON_THE_WAY, EXPECTED: the arrival */
  guint32 node;               /* NO_ROUTE: the route node that stops it */
  gint64  trucks_free;        /* may be below 0 while taken trucks are out */
  gint64  trucks;             /* the pool's units: capacity + added − taken */
  gint64  stock_left;         /* loads left in the stock pool, -1 without one */
} OdanResupplyStatus;

/* The resupply of the pack's edge @edge at the sim's time; FALSE when it has
 * no resupply row. */
gboolean   odan_sim_get_resupply (const OdanSim      *sim,
                                  guint32             edge,
                                  OdanResupplyStatus *status);

/* The spec's CSV ("What the headless tool must print"): runs the sim to
 * @until and writes the header, a row per node at minute 0, then a row each
 * time a node's printed operability changes, grouped by printed minute and
 * sorted by node id in byte order. The sim must not have run yet. */
void       odan_sim_write_csv (OdanSim *sim,
                               double   until,
                               FILE    *out);

G_END_DECLS

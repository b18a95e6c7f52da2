/* odan-reference.h — a deliberately simple small-step cascade simulator
 *
 * Written from engine/SEMANTICS.md alone, to judge the engine
 * (engine/sim/odan-sim.c) in the differential test. It advances time in
 * fixed steps of 1/steps_per_minute minutes and knows nothing about events:
 * see odan-reference.c for how that stays exact.
 */
#pragma once

#include <glib.h>

#include "odan-pack.h"
#include "odan-sim.h"

G_BEGIN_DECLS

#define ODAN_REFERENCE_ERROR (odan_reference_error_quark ())

typedef enum {
  ODAN_REFERENCE_ERROR_OFF_GRID,  /* an input time (effect, duration, lag, restart) is not on the grid */
  ODAN_REFERENCE_ERROR_INEXACT,   /* a buffer ran out, or reached a reorder level, strictly between two steps */
  ODAN_REFERENCE_ERROR_DIVERGED,  /* the fixed-point iteration did not settle */
} OdanReferenceError;

GQuark odan_reference_error_quark (void);

typedef struct _OdanReference OdanReference;

OdanReference *odan_reference_new  (const OdanPack *pack,
                                    guint           steps_per_minute);
void           odan_reference_free (OdanReference *ref);

/* Like odan_sim_schedule(): @effects (borrowed) apply at @time; at one
 * instant injects go before mitigations before ad-hoc effects, and within a
 * kind the order of these calls counts. For ODAN_ORIGIN_MITIGATION,
 * @mitigation is its index in the pack: its pool's units are taken when it
 * applies (SEMANTICS.md §14.1); it is ignored for other kinds (ODAN_NONE). */
void           odan_reference_schedule (OdanReference  *ref,
                                        double          time,
                                        const GArray   *effects,
                                        OdanOriginKind  kind,
                                        guint32         mitigation);
void           odan_reference_schedule_injects (OdanReference *ref);

/* Steps from 0 to @until (inclusive). Fails when an event falls between
 * steps, so a finer grid is needed (INEXACT), or when an input time is off
 * the grid (OFF_GRID: effect times and durations, lags, restarts, a
 * resupply row's travel and turnaround). */
gboolean       odan_reference_run (OdanReference *ref,
                                   double         until,
                                   GError       **error);

/* After a run: the spec's CSV, and a node's operability at a time. */
char          *odan_reference_csv (const OdanReference *ref);
double         odan_reference_operability_at (const OdanReference *ref,
                                              guint32              node,
                                              double               time);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (OdanReference, odan_reference_free)

G_END_DECLS

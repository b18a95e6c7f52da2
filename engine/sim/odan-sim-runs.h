/* odan-sim-runs.h — many runs of the model under uncertainty, and their bands
 *
 * engine/SEMANTICS.md §12: each run draws the pack's uncertain values
 * (odan-uncertainty.h), runs the cascade exactly as a single run does, and
 * the runs are summed up as the nearest-rank p10, p50 and p90 of every
 * node's printed operability at every printed minute. The result is the rows
 * of the CSV `minute,node,p10,p50,p90`, in its order; plots read one node's
 * rows as three step curves.
 */
#pragma once

#include <glib.h>
#include <stdio.h>
#include "odan-pack.h"
#include "odan-uncertainty.h"

G_BEGIN_DECLS

/* The views (preview, report, Review page) draw bands only for packs of
 * at most this many nodes: every change of every run is kept until the
 * sweep, and a view runs without being asked to. */
#define ODAN_RUNS_VIEW_MAX_NODES 5000

typedef struct {
  gint64  minute;     /* minute key (odan_minute_key()) */
  guint32 node;
  gint32  p[3];       /* operability keys (odan_operability_key()) of p10, p50, p90 */
} OdanBandRow;

typedef struct {
  guint   n_runs;
  guint64 seed;
  double  until;
  GArray *rows;       /* OdanBandRow: minute 0 for every node, then changes;
                       * by minute, then node id in byte order */
} OdanRuns;

/* Runs the model @n_runs (≥ 1) times up to @until with the injects of
 * @pack, the mitigations chosen in @decisions (OdanDecision, may be NULL)
 * and the draws of @u for seed @seed. */
OdanRuns *odan_runs_compute   (const OdanPack        *pack,
                               const OdanUncertainty *u,
                               const GArray          *decisions,
                               guint                  n_runs,
                               guint64                seed,
                               double                 until);
/* The same runs summed up by group: a group's value in a run is the mean
 * of its members' printed operability keys, rounded (a sector's average);
 * @group_of gives each node's group below @n_groups, or ODAN_NONE. The
 * rows' node is then the group's index, and they are ordered by it. */
OdanRuns *odan_runs_compute_groups (const OdanPack        *pack,
                                    const OdanUncertainty *u,
                                    const GArray          *decisions,
                                    guint                  n_runs,
                                    guint64                seed,
                                    double                 until,
                                    const guint32         *group_of,
                                    guint32                n_groups);
void      odan_runs_free      (OdanRuns *runs);

/* The CSV of §12.3. */
void      odan_runs_write_csv (const OdanRuns *runs,
                               const OdanPack *pack,
                               FILE           *out);

/* @node's rows, oldest first: a new array of OdanBandRow. */
GArray   *odan_runs_dup_node  (const OdanRuns *runs,
                               guint32         node);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (OdanRuns, odan_runs_free)

G_END_DECLS

/* odan-checkpoints.h — a validation pack's recorded values (checkpoints.csv)
 *
 * engine/SEMANTICS.md §13: each checkpoint is a node's recorded operability
 * at a time, with the window the record's own uncertainty allows (never
 * wider than ±0.15 around the recorded value) and its source. Odan's value
 * is the single run's operability at that time.
 */
#pragma once

#include <glib.h>
#include "odan-pack.h"

G_BEGIN_DECLS

/* The widest a window may reach from the recorded value. */
#define ODAN_CHECKPOINT_MAX_HALF_WIDTH 0.15

typedef struct {
  double   time;          /* minutes after T0 */
  char    *time_text;     /* as written */
  guint32  node;
  double   recorded, low, high;
  char    *source;
  guint    line;
} OdanCheckpoint;

/* Reads @path, or the pack's checkpoints.csv when @path is NULL, into a new
 * array of OdanCheckpoint in file order; NULL with @error and every problem
 * in @diagnostics when the file is absent or has errors. */
GArray  *odan_checkpoints_load     (const OdanPack *pack,
                                    const char     *path,
                                    GPtrArray      *diagnostics,
                                    GError        **error);

/* Odan's value at each checkpoint (one run of the pack's injects) into
 * @values, which holds checkpoints->len numbers. */
void     odan_checkpoints_evaluate (const OdanPack *pack,
                                    const GArray   *checkpoints,
                                    double         *values);

/* Whether @value, printed to 4 decimals, lies in the checkpoint's window. */
gboolean odan_checkpoint_inside    (const OdanCheckpoint *cp,
                                    double                value);

G_END_DECLS

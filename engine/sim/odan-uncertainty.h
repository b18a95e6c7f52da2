/* odan-uncertainty.h — a pack's uncertain values (uncertainty.csv) and their draws
 *
 * engine/SEMANTICS.md §12: backups that fail to start with a probability,
 * buffers, restarts and lags given as ranges, and inject times (restorations)
 * with spread. The rows are kept in file order because each run draws one
 * number per row in that order. Targets are resolved to indices of the pack,
 * which must outlive the table.
 */
#pragma once

#include <glib.h>
#include "odan-pack.h"

G_BEGIN_DECLS

typedef enum {
  ODAN_UNCERTAIN_START,     /* the edge's backup fails to start with @probability */
  ODAN_UNCERTAIN_BUFFER,    /* the edge's buffer in [low, high], mode the pack's */
  ODAN_UNCERTAIN_RESTART,   /* the edge's restart */
  ODAN_UNCERTAIN_LAG,       /* the edge's lag */
  ODAN_UNCERTAIN_TIME,      /* the inject's time */
} OdanUncertainKind;

typedef struct {
  OdanUncertainKind kind;
  guint32  target;          /* edge index, or inject index for TIME */
  double   low, mode, high; /* minutes; mode is the pack's own value */
  double   probability;     /* START */
  char    *source;
  guint    line;
} OdanUncertain;

typedef struct {
  GArray *rows;             /* OdanUncertain, file order */
} OdanUncertainty;

/* Reads @path, or the pack's uncertainty.csv when @path is NULL. A pack
 * without the file has no uncertain values (an empty table, not an error).
 * Every problem goes to @diagnostics (file, line, column); NULL when any is
 * an error, with @error set. */
OdanUncertainty *odan_uncertainty_load (const OdanPack *pack,
                                        const char     *path,
                                        GPtrArray      *diagnostics,
                                        GError        **error);
/* The same for the file's contents held in memory (an exercise's
 * embedded uncertainty.csv). */
OdanUncertainty *odan_uncertainty_load_bytes (const OdanPack *pack,
                                              GBytes         *data,
                                              GPtrArray      *diagnostics,
                                              GError        **error);
/* A table with no rows. */
OdanUncertainty *odan_uncertainty_new_empty (void);
void             odan_uncertainty_free (OdanUncertainty *u);

/* What run @run of seed @seed draws (§12.2): for each row, in order, the
 * drawn value in @out (minutes; for START 1 when the backup fails, else 0).
 * @out holds rows->len values. */
void             odan_uncertainty_draw (const OdanUncertainty *u,
                                        guint64                seed,
                                        guint                  run,
                                        double                *out);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (OdanUncertainty, odan_uncertainty_free)

G_END_DECLS

/* odan-decisions.h — a decisions CSV for headless runs
 *
 * Columns: time, team, category, summary, mitigation, inject (the last two may
 * be empty). time is an inject time (odan_time_parse); category is one of
 * business-continuity, disclosure, ministry-report, information-sharing, other.
 */
#pragma once

#include <glib.h>
#include "odan-pack.h"

G_BEGIN_DECLS

typedef enum {
  ODAN_CATEGORY_BUSINESS_CONTINUITY,
  ODAN_CATEGORY_DISCLOSURE,
  ODAN_CATEGORY_MINISTRY_REPORT,
  ODAN_CATEGORY_INFORMATION_SHARING,
  ODAN_CATEGORY_OTHER,
} OdanCategory;

typedef struct {
  double        time;        /* minutes after T0 */
  guint32       team;        /* team index */
  OdanCategory  category;
  char         *summary;
  guint32       mitigation;  /* index or ODAN_NONE */
  guint32       inject;      /* index or ODAN_NONE */
  guint         line;
} OdanDecision;

const char *odan_category_to_string   (OdanCategory category);
gboolean    odan_category_from_string (const char *text, OdanCategory *out);

/* Returns a GArray of OdanDecision in file order (its clear function frees
 * each summary: g_array_unref() is all it takes), or NULL with every problem
 * in @diagnostics (file named by its basename) and ODAN_PACK_ERROR_INVALID. */
GArray *odan_decisions_load (const char     *path,
                             const OdanPack *pack,
                             GPtrArray      *diagnostics,
                             GError        **error);

G_END_DECLS

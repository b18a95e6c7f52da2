/* odan-checkpoints.c — checkpoints.csv and Odan's value at each (SEMANTICS.md §13)
 *
 * The evaluation runs the pack once and stops at each checkpoint's time in
 * time order (a run cut into pieces gives the same values, §4.4).
 */
#define G_LOG_DOMAIN "odan-sim"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <stdlib.h>

#include "odan-checkpoints.h"
#include "odan-sim-private.h"
#include "odan-table-private.h"
#include "odan-time.h"

enum { COL_TIME, COL_NODE, COL_RECORDED, COL_LOW, COL_HIGH, COL_SOURCE, N_COLUMNS };

static const char *const columns[N_COLUMNS] = {
  "time", "node", "recorded", "low", "high", "source",
};

static void
checkpoint_clear (OdanCheckpoint *cp)
{
  g_free (cp->time_text);
  g_free (cp->source);
}

static gboolean
read_share (OdanTableReader  *r,
            const OdanCsvRow *row,
            guint             c,
            double           *out)
{
  g_autofree char *s = NULL;
  const char *text = odan_table_cell (r, row, c, &s);

  if (odan_table_number (text, out) && *out >= 0 && *out <= 1)
    return TRUE;
  odan_table_report (r, row->line, c, _("expected an operability from 0 to 1, not '%s'"), text);
  return FALSE;
}

static gboolean
check_window (OdanTableReader  *r,
              const OdanCsvRow *row,
              OdanCheckpoint   *cp)
{
  /* a hair of slack so that 0.15 written in decimals is allowed */
  const double widest = ODAN_CHECKPOINT_MAX_HALF_WIDTH + 1e-9;

  if (cp->low > cp->recorded || cp->recorded > cp->high)
    {
      odan_table_report (r, row->line, COL_RECORDED, "%s",
                         _("the recorded value must lie between low and high"));
      return FALSE;
    }
  if (cp->recorded - cp->low > widest || cp->high - cp->recorded > widest)
    {
      odan_table_report (r, row->line, COL_HIGH, "%s",
                         _("the window reaches more than 0.15 from the recorded value"));
      return FALSE;
    }
  return TRUE;
}

static void
on_row (OdanTableReader  *r,
        const OdanCsvRow *row,
        gpointer          user_data)
{
  GArray *cps = user_data;
  OdanCheckpoint cp = { .line = row->line };
  g_autofree char *s = NULL;
  g_autoptr(GError) error = NULL;
  const char *text = odan_table_cell (r, row, COL_TIME, &s);
  gboolean ok = TRUE;

  if (!odan_time_parse (text, r->pack->start, &cp.time, &error))
    {
      odan_table_report (r, row->line, COL_TIME, "%s", error->message);
      ok = FALSE;
    }
  cp.time_text = g_strdup (text);
  text = odan_table_cell (r, row, COL_NODE, &s);
  cp.node = odan_pack_find_node (r->pack, text);
  if (cp.node == ODAN_NONE)
    {
      odan_table_report (r, row->line, COL_NODE, _("unknown node '%s'"), text);
      ok = FALSE;
    }
  ok &= read_share (r, row, COL_RECORDED, &cp.recorded);
  ok &= read_share (r, row, COL_LOW, &cp.low);
  ok &= read_share (r, row, COL_HIGH, &cp.high);
  if (ok)
    ok = check_window (r, row, &cp);
  cp.source = g_strdup (odan_table_cell (r, row, COL_SOURCE, &s));
  if (ok)
    g_array_append_val (cps, cp);
  else
    checkpoint_clear (&cp);
}

GArray *
odan_checkpoints_load (const OdanPack *pack,
                       const char     *path,
                       GPtrArray      *diagnostics,
                       GError        **error)
{
  g_autofree char *own = NULL;
  g_autofree char *file = NULL;
  g_autoptr(GArray) cps = g_array_new (FALSE, TRUE, sizeof (OdanCheckpoint));
  OdanTableReader r = { 0 };

  g_array_set_clear_func (cps, (GDestroyNotify) checkpoint_clear);
  if (path == NULL)
    path = own = g_build_filename (pack->path, "checkpoints.csv", NULL);
  file = own != NULL ? g_strdup ("checkpoints.csv") : g_path_get_basename (path);
  r.pack = pack;
  r.file = file;
  r.columns = columns;
  r.n_columns = N_COLUMNS;
  r.n_required = 5;
  r.func = on_row;
  r.user_data = cps;
  if (!odan_table_read (&r, path, diagnostics, error))
    return NULL;
  return g_steal_pointer (&cps);
}

static int
cmp_time (const void *a,
          const void *b,
          void       *user_data)
{
  const OdanCheckpoint *cps = user_data;
  double x = cps[*(const guint *) a].time, y = cps[*(const guint *) b].time;
  return (x > y) - (x < y);
}

void
odan_checkpoints_evaluate (const OdanPack *pack,
                           const GArray   *checkpoints,
                           double         *values)
{
  g_autofree guint *order = g_new (guint, checkpoints->len + 1);
  OdanSim *sim = odan_sim_new (pack);

  for (guint i = 0; i < checkpoints->len; i++)
    order[i] = i;
  g_qsort_with_data (order, checkpoints->len, sizeof (guint), cmp_time, checkpoints->data);
  _odan_sim_set_skip_causes (sim, TRUE);
  odan_sim_schedule_injects (sim);
  for (guint k = 0; k < checkpoints->len; k++)
    {
      const OdanCheckpoint *cp = &g_array_index (checkpoints, OdanCheckpoint, order[k]);
      odan_sim_run_until (sim, cp->time, NULL, NULL);
      values[order[k]] = odan_sim_get_operability (sim, cp->node);
    }
  odan_sim_free (sim);
}

gboolean
odan_checkpoint_inside (const OdanCheckpoint *cp,
                        double                value)
{
  return value >= cp->low - 5e-5 && value <= cp->high + 5e-5;
}

/* odan-uncertainty.c — uncertainty.csv and the draws of each run (SEMANTICS.md §12)
 *
 * Rows are checked against the pack (an edge P->D, an inject id, the pack's
 * own value inside [low, high]) and kept in file order; a run's draws are a
 * splitmix64 stream of its own, one number per row in that order, so run k
 * draws the same whatever the number of runs.
 */
#define G_LOG_DOMAIN "odan-sim"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#include "odan-time.h"
#include "odan-table-private.h"
#include "odan-uncertainty.h"

enum { COL_TARGET, COL_KIND, COL_LOW, COL_HIGH, COL_PROBABILITY, COL_SOURCE, N_COLUMNS };

static const char *const columns[N_COLUMNS] = {
  "target", "kind", "low", "high", "probability", "source",
};

static const char *const kind_words[] = { "start", "buffer", "restart", "lag", "time" };


typedef struct {
  OdanUncertainty *u;
  GHashTable      *seen;   /* "kind:target" of every row so far */
} Loading;

static void
uncertain_clear (OdanUncertain *row)
{
  g_free (row->source);
}

OdanUncertainty *
odan_uncertainty_new_empty (void)
{
  OdanUncertainty *u = g_new0 (OdanUncertainty, 1);
  u->rows = g_array_new (FALSE, TRUE, sizeof (OdanUncertain));
  g_array_set_clear_func (u->rows, (GDestroyNotify) uncertain_clear);
  return u;
}

void
odan_uncertainty_free (OdanUncertainty *u)
{
  if (u == NULL)
    return;
  g_array_unref (u->rows);
  g_free (u);
}

/* "P->D" → the edge's index, or ODAN_NONE with the problem reported. */
static guint32
parse_edge (OdanTableReader *r,
            guint            line,
            const char      *text)
{
  const char *arrow = strstr (text, "->");
  g_autofree char *p = NULL, *d = NULL;
  guint32 np, nd, e;

  if (arrow == NULL)
    {
      odan_table_report (r, line, COL_TARGET,
                         _("expected an edge PROVIDER->DEPENDENT, not '%s'"), text);
      return ODAN_NONE;
    }
  p = g_strstrip (g_strndup (text, arrow - text));
  d = g_strstrip (g_strdup (arrow + 2));
  np = odan_pack_find_node (r->pack, p);
  nd = odan_pack_find_node (r->pack, d);
  if (np == ODAN_NONE || nd == ODAN_NONE)
    {
      odan_table_report (r, line, COL_TARGET, _("unknown node '%s'"), np == ODAN_NONE ? p : d);
      return ODAN_NONE;
    }
  e = odan_pack_find_edge (r->pack, np, nd);
  if (e == ODAN_NONE)
    odan_table_report (r, line, COL_TARGET,
                       _("no edge %s->%s in dependencies.csv"), p, d);
  return e;
}

static gboolean
parse_bound (OdanTableReader *r,
             guint            line,
             guint            c,
             const char      *text,
             gboolean         is_time,
             double          *out)
{
  g_autoptr(GError) error = NULL;

  if (text[0] == '\0')
    {
      odan_table_report (r, line, c, "%s",
                         is_time ? _("expected an inject time") : _("expected a duration"));
      return FALSE;
    }
  if (is_time ? odan_time_parse (text, r->pack->start, out, &error)
              : odan_duration_parse (text, out, &error))
    return TRUE;
  odan_table_report (r, line, c, "%s", error->message);
  return FALSE;
}

/* The pack's own value of what the row makes uncertain. */
static double
nominal (const OdanPack      *pack,
         const OdanUncertain *row)
{
  switch (row->kind)
    {
    case ODAN_UNCERTAIN_BUFFER:  return pack->edges[row->target].buffer;
    case ODAN_UNCERTAIN_RESTART: return pack->edges[row->target].restart;
    case ODAN_UNCERTAIN_LAG:     return pack->edges[row->target].lag;
    case ODAN_UNCERTAIN_TIME:    return pack->injects[row->target].time;
    case ODAN_UNCERTAIN_START:
    default:                     return 0;
    }
}

static gboolean
check_start (OdanTableReader  *r,
             const OdanCsvRow *row,
             OdanUncertain    *u)
{
  g_autofree char *s = NULL;
  const char *text = odan_table_cell (r, row, COL_PROBABILITY, &s);
  gboolean ok = TRUE;

  if (!odan_table_number (text, &u->probability) || u->probability <= 0 || u->probability > 1)
    {
      odan_table_report (r, row->line, COL_PROBABILITY,
                         _("expected a probability above 0 and at most 1, not '%s'"), text);
      ok = FALSE;
    }
  if (u->target != ODAN_NONE && r->pack->edges[u->target].buffer <= 0)
    {
      odan_table_report (r, row->line, COL_TARGET, "%s",
                         _("the edge has no buffer, so no backup can fail to start"));
      ok = FALSE;
    }
  return ok;
}

static gboolean
check_range (OdanTableReader  *r,
             const OdanCsvRow *row,
             OdanUncertain    *u)
{
  g_autofree char *s = NULL;
  gboolean is_time = u->kind == ODAN_UNCERTAIN_TIME;
  gboolean ok = parse_bound (r, row->line, COL_LOW, odan_table_cell (r, row, COL_LOW, &s), is_time, &u->low);

  ok &= parse_bound (r, row->line, COL_HIGH, odan_table_cell (r, row, COL_HIGH, &s), is_time, &u->high);
  if (odan_table_cell (r, row, COL_PROBABILITY, &s)[0] != '\0')
    {
      odan_table_report (r, row->line, COL_PROBABILITY, "%s",
                         _("only a row of kind start has a probability"));
      ok = FALSE;
    }
  if (!ok || u->target == ODAN_NONE)
    return FALSE;
  if (u->low >= u->high)
    {
      odan_table_report (r, row->line, COL_HIGH, "%s", _("high must be later or longer than low"));
      return FALSE;
    }
  u->mode = nominal (r->pack, u);
  if (u->mode < u->low || u->mode > u->high)
    {
      g_autofree char *v = odan_time_format_offset (u->mode);
      /* "T+1h00m" for an inject time, "1h00m" for a duration */
      odan_table_report (r, row->line, COL_LOW,
                         _("the pack's own value (%s) is outside [low, high]"),
                         is_time || !g_str_has_prefix (v, "T+") ? v : v + 2);
      return FALSE;
    }
  return TRUE;
}

static void
on_row (OdanTableReader  *r,
        const OdanCsvRow *row,
        gpointer          user_data)
{
  Loading *l = user_data;
  OdanUncertain u = { .target = ODAN_NONE, .line = row->line };
  g_autofree char *s = NULL, *t = NULL;
  const char *kind = odan_table_cell (r, row, COL_KIND, &s);
  const char *target = odan_table_cell (r, row, COL_TARGET, &t);
  guint k;
  gboolean ok;

  for (k = 0; k < G_N_ELEMENTS (kind_words); k++)
    if (g_ascii_strcasecmp (kind, kind_words[k]) == 0)
      break;
  if (k == G_N_ELEMENTS (kind_words))
    {
      odan_table_report (r, row->line, COL_KIND,
                         _("unknown kind '%s' (expected start, buffer, restart, lag or time)"), kind);
      return;
    }
  u.kind = k;
  if (u.kind == ODAN_UNCERTAIN_TIME)
    {
      u.target = odan_pack_find_inject (r->pack, target);
      if (u.target == ODAN_NONE)
        odan_table_report (r, row->line, COL_TARGET, _("unknown inject '%s'"), target);
    }
  else
    u.target = parse_edge (r, row->line, target);

  ok = u.kind == ODAN_UNCERTAIN_START ? check_start (r, row, &u) : check_range (r, row, &u);
  if (!ok || u.target == ODAN_NONE)
    return;
  char *key = g_strdup_printf ("%u:%u", u.kind, u.target);
  if (!g_hash_table_add (l->seen, key))
    {
      odan_table_report (r, row->line, COL_TARGET,
                         _("'%s' already has a row of kind %s"), target, kind_words[k]);
      return;
    }
  u.source = g_strdup (odan_table_cell (r, row, COL_SOURCE, &s));
  g_array_append_val (l->u->rows, u);
}

OdanUncertainty *
odan_uncertainty_load (const OdanPack *pack,
                       const char     *path,
                       GPtrArray      *diagnostics,
                       GError        **error)
{
  g_autofree char *own = NULL;
  g_autofree char *file = NULL;
  g_autoptr(OdanUncertainty) u = odan_uncertainty_new_empty ();
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  Loading l = { u, seen };
  OdanTableReader r = { 0 };

  if (path == NULL)
    {
      own = g_build_filename (pack->path, "uncertainty.csv", NULL);
      if (!g_file_test (own, G_FILE_TEST_EXISTS))
        return g_steal_pointer (&u);
      path = own;
      file = g_strdup ("uncertainty.csv");
    }
  else
    file = g_path_get_basename (path);

  r.pack = pack;
  r.file = file;
  r.columns = columns;
  r.n_columns = N_COLUMNS;
  r.n_required = 2;
  r.func = on_row;
  r.user_data = &l;
  if (!odan_table_read (&r, path, diagnostics, error))
    return NULL;
  return g_steal_pointer (&u);
}

OdanUncertainty *
odan_uncertainty_load_bytes (const OdanPack *pack,
                             GBytes         *data,
                             GPtrArray      *diagnostics,
                             GError        **error)
{
  g_autoptr(OdanUncertainty) u = odan_uncertainty_new_empty ();
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  Loading l = { u, seen };
  OdanTableReader r = { 0 };

  r.pack = pack;
  r.file = "uncertainty.csv";
  r.columns = columns;
  r.n_columns = N_COLUMNS;
  r.n_required = 2;
  r.func = on_row;
  r.user_data = &l;
  if (!odan_table_read_bytes (&r, data, diagnostics, error))
    return NULL;
  return g_steal_pointer (&u);
}

static inline guint64
splitmix64 (guint64 *state)
{
  guint64 z = (*state += G_GUINT64_CONSTANT (0x9E3779B97F4A7C15));
  z = (z ^ (z >> 30)) * G_GUINT64_CONSTANT (0xBF58476D1CE4E5B9);
  z = (z ^ (z >> 27)) * G_GUINT64_CONSTANT (0x94D049BB133111EB);
  return z ^ (z >> 31);
}

static double
triangular (double u, double low, double mode, double high)
{
  double w = high - low;
  if (u * w < mode - low)
    return low + sqrt (u * w * (mode - low));
  return high - sqrt ((1 - u) * w * (high - mode));
}

void
odan_uncertainty_draw (const OdanUncertainty *u,
                       guint64                seed,
                       guint                  run,
                       double                *out)
{
  guint64 state = seed + (guint64) run * G_GUINT64_CONSTANT (0x9E3779B97F4A7C15);

  for (guint i = 0; i < u->rows->len; i++)
    {
      const OdanUncertain *row = &g_array_index (u->rows, OdanUncertain, i);
      double x = (double) (splitmix64 (&state) >> 11) * 0x1.0p-53;
      if (row->kind == ODAN_UNCERTAIN_START)
        out[i] = x < row->probability ? 1.0 : 0.0;
      else
        out[i] = triangular (x, row->low, row->mode, row->high);
    }
}

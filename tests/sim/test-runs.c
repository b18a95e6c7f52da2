/* test-runs.c — many runs under uncertainty (engine/SEMANTICS.md §12)
 *
 * Without uncertain values the bands collapse onto the single run's CSV;
 * the draws follow §12.2 (a run's stream does not depend on the number of
 * runs, triangular ranges keep their bounds and mean, failed starts come at
 * their rate); on a pack where each run's drop time is known from its draws,
 * every printed percentile is checked against the sorted drop times; and a
 * bad uncertainty.csv names each problem's line and column.
 */
#include <math.h>
#include <string.h>

#include "odan-sim-runs.h"
#include "odan-test-pack.h"
#include "odan-time.h"

static char *
runs_csv (const OdanPack *pack, const OdanUncertainty *u, guint n, guint64 seed, double until)
{
  g_autoptr(OdanRuns) runs = odan_runs_compute (pack, u, NULL, n, seed, until);
  char *text = NULL;
  size_t len = 0;
  FILE *f = open_memstream (&text, &len);
  odan_runs_write_csv (runs, pack, f);
  fclose (f);
  return text;
}

static OdanPack *
load_scenario (const char *name)
{
  g_autofree char *dir = g_build_filename (g_getenv ("ODAN_SCENARIOS"), name, NULL);
  return odan_test_pack_load (dir);
}

/* §12.3: with no uncertain values every column is the single run's value,
 * row for row. */
static void
test_single_equals_simulate (void)
{
  g_autoptr(OdanPack) pack = load_scenario ("kanto");
  g_autoptr(OdanUncertainty) none = odan_uncertainty_new_empty ();
  OdanSim *sim = odan_sim_new (pack);
  odan_sim_schedule_injects (sim);
  g_autofree char *single = odan_test_sim_csv (sim, pack->duration);
  odan_sim_free (sim);
  g_autofree char *bands = runs_csv (pack, none, 4, 7, pack->duration);
  g_auto(GStrv) a = g_strsplit (single, "\n", -1);
  g_auto(GStrv) b = g_strsplit (bands, "\n", -1);

  g_assert_cmpuint (g_strv_length (a), ==, g_strv_length (b));
  g_assert_cmpuint (g_strv_length (a), >, 200);
  g_assert_cmpstr (b[0], ==, "minute,node,p10,p50,p90");
  for (guint i = 1; a[i] != NULL && a[i][0] != '\0'; i++)
    {
      const char *v = strrchr (a[i], ',') + 1;
      g_autofree char *expected = g_strdup_printf ("%s,%s,%s", a[i], v, v);
      g_assert_cmpstr (b[i], ==, expected);
    }
}

static const OdanTestPack drop_pack = {
  .nodes = "p,power,,Power\nd,water,,Water\ne,telecom,,Exchange\n",
  .dependencies = "p,d,physical,1,60,,,,\np,e,physical,0.5,2h,,,,\n",
  .injects = "I1,0,all,Blackout,set p 0\nI2,10h,all,Back,restore p\n",
  .duration = 720,
};

static const char *drop_uncertainty =
  "target,kind,low,high,probability,source\n"
  "p->d,buffer,30,90,,test\n"
  "I2,time,9h,12h,,test\n"
  "p->e,start,,,0.25,test\n";

static OdanUncertainty *
load_uncertainty (const OdanPack *pack, const char *text, GPtrArray *diags)
{
  g_autofree char *path = g_build_filename (pack->path, "uncertainty.csv", NULL);
  g_autoptr(GError) error = NULL;
  g_assert_true (g_file_set_contents (path, text, -1, NULL));
  OdanUncertainty *u = odan_uncertainty_load (pack, NULL, diags, &error);
  if (diags == NULL)
    g_assert_no_error (error);
  return u;
}

/* Reproducible for a seed; another seed draws differently. */
static void
test_reproducible (void)
{
  g_autofree char *dir = odan_test_pack_write (&drop_pack);
  g_autoptr(OdanPack) pack = odan_test_pack_load (dir);
  g_autoptr(OdanUncertainty) u = load_uncertainty (pack, drop_uncertainty, NULL);
  g_autofree char *a = runs_csv (pack, u, 50, 42, 720);
  g_autofree char *b = runs_csv (pack, u, 50, 42, 720);
  g_autofree char *c = runs_csv (pack, u, 50, 43, 720);

  g_assert_cmpstr (a, ==, b);
  g_assert_cmpstr (a, !=, c);
  odan_test_pack_remove (dir);
}

/* §12.2: run k's draws, bounds, the triangular mean, the failure rate. */
static void
test_draws (void)
{
  g_autofree char *dir = odan_test_pack_write (&drop_pack);
  g_autoptr(OdanPack) pack = odan_test_pack_load (dir);
  g_autoptr(OdanUncertainty) u = load_uncertainty (pack, drop_uncertainty, NULL);
  double d[3], first[3], sum[2] = { 0, 0 };
  guint failed = 0, n = 20000;

  g_assert_cmpuint (u->rows->len, ==, 3);
  odan_uncertainty_draw (u, 9, 17, first);
  odan_uncertainty_draw (u, 9, 17, d);
  g_assert_cmpmem (first, sizeof first, d, sizeof d);
  odan_uncertainty_draw (u, 10, 17, d);
  g_assert_cmpfloat (d[0], !=, first[0]);
  for (guint k = 0; k < n; k++)
    {
      odan_uncertainty_draw (u, 9, k, d);
      g_assert_cmpfloat (d[0], >=, 30);
      g_assert_cmpfloat (d[0], <=, 90);
      g_assert_cmpfloat (d[1], >=, 540);
      g_assert_cmpfloat (d[1], <=, 720);
      g_assert_true (d[2] == 0 || d[2] == 1);
      sum[0] += d[0];
      sum[1] += d[1];
      failed += d[2] == 1;
    }
  /* triangular (30, 60, 90) has mean 60; (540, 600, 720) has mean 620 */
  g_assert_cmpfloat (fabs (sum[0] / n - 60), <, 0.5);
  g_assert_cmpfloat (fabs (sum[1] / n - 620), <, 1.5);
  g_assert_cmpfloat (fabs ((double) failed / n - 0.25), <, 0.01);
  odan_test_pack_remove (dir);
}

static int
cmp_key (gconstpointer a, gconstpointer b)
{
  gint32 x = *(const gint32 *) a, y = *(const gint32 *) b;
  return (x > y) - (x < y);
}

/* The bands of d and e against what each run's draws imply: d drops to 0
 * when its buffer runs out (unless power is back first) and returns when
 * power does; e is at 0.5 from 0 when its backup failed to start, else
 * from 2h, and back with power. */
static gint32
expected_value (const double *draw, guint32 node, gint64 minute)
{
  /* compared as printed minutes: a run's value at a printed minute is its
   * value after its last change that prints as that minute or earlier */
  gint64 back = odan_minute_key (draw[1]);
  if (node == 1)
    return (minute >= odan_minute_key (draw[0]) && minute < back && draw[0] < draw[1]) ? 0 : 10000;
  gint64 drop = draw[2] != 0 ? 0 : odan_minute_key (120);
  return (minute >= drop && minute < back) ? 5000 : 10000;
}

static void
test_percentiles (void)
{
  g_autofree char *dir = odan_test_pack_write (&drop_pack);
  g_autoptr(OdanPack) pack = odan_test_pack_load (dir);
  g_autoptr(OdanUncertainty) u = load_uncertainty (pack, drop_uncertainty, NULL);
  const guint n = 37;
  g_autoptr(OdanRuns) runs = odan_runs_compute (pack, u, NULL, n, 5, 720);
  double draws[37][3];
  guint k[3] = { (10 * n + 99) / 100 - 1, (50 * n + 99) / 100 - 1, (90 * n + 99) / 100 - 1 };
  guint checked = 0;

  for (guint r = 0; r < n; r++)
    odan_uncertainty_draw (u, 5, r, draws[r]);
  for (guint32 node = 1; node <= 2; node++)
    {
      g_autoptr(GArray) rows = odan_runs_dup_node (runs, node);
      g_assert_cmpuint (rows->len, >=, 3);
      for (guint i = 0; i < rows->len; i++)
        {
          const OdanBandRow *row = &g_array_index (rows, OdanBandRow, i);
          gint32 v[37];
          for (guint r = 0; r < n; r++)
            v[r] = expected_value (draws[r], node, row->minute);
          qsort (v, n, sizeof v[0], cmp_key);
          for (guint j = 0; j < 3; j++)
            g_assert_cmpint (row->p[j], ==, v[k[j]]);
          checked++;
        }
    }
  g_assert_cmpuint (checked, >=, 8);
  odan_test_pack_remove (dir);
}

/* Every problem of the file with its line and column; nothing loads. */
static void
test_errors (void)
{
  g_autofree char *dir = odan_test_pack_write (&drop_pack);
  g_autoptr(OdanPack) pack = odan_test_pack_load (dir);
  g_autoptr(GPtrArray) diags = g_ptr_array_new_with_free_func ((GDestroyNotify) odan_diagnostic_free);
  const char *bad =
    "target,kind,low,high,probability\n"
    "p->d,buffer,2h,3h,\n"             /* 60 is outside [2h, 3h] */
    "p->x,restart,0,1h,\n"             /* unknown node */
    "d->p,lag,0,1h,\n"                 /* no such edge */
    "p->d,start,,,1.5\n"                /* probability out of range */
    "I9,time,1h,2h,\n"                 /* unknown inject */
    "p->d,spread,0,1h,\n"              /* unknown kind */
    "p->d,restart,1h,30m,\n";          /* high before low */
  g_autoptr(OdanUncertainty) u = load_uncertainty (pack, bad, diags);
  const char *expected[] = {
    "uncertainty.csv:2: error: the pack's own value (1h00m) is outside [low, high] (column low)",
    "uncertainty.csv:3: error: unknown node 'x' (column target)",
    "uncertainty.csv:4: error: no edge d->p in dependencies.csv (column target)",
    "uncertainty.csv:5: error: expected a probability above 0 and at most 1, not '1.5' (column probability)",
    "uncertainty.csv:6: error: unknown inject 'I9' (column target)",
    "uncertainty.csv:7: error: unknown kind 'spread' (expected start, buffer, restart, lag or time) (column kind)",
    "uncertainty.csv:8: error: high must be later or longer than low (column high)",
  };

  g_assert_null (u);
  g_assert_cmpuint (diags->len, ==, G_N_ELEMENTS (expected));
  for (guint i = 0; i < diags->len; i++)
    {
      g_autofree char *text = odan_diagnostic_format (g_ptr_array_index (diags, i));
      g_assert_cmpstr (text, ==, expected[i]);
    }
  odan_test_pack_remove (dir);
}

/* Run k is the same run whatever N: the first 10 of 40 runs give the
 * bands of --runs 10. */
static void
test_prefix (void)
{
  g_autofree char *dir = odan_test_pack_write (&drop_pack);
  g_autoptr(OdanPack) pack = odan_test_pack_load (dir);
  g_autoptr(OdanUncertainty) u = load_uncertainty (pack, drop_uncertainty, NULL);
  g_autoptr(OdanRuns) ten = odan_runs_compute (pack, u, NULL, 10, 3, 720);
  double a[3], b[3];

  odan_uncertainty_draw (u, 3, 9, a);
  odan_uncertainty_draw (u, 3, 9, b);
  g_assert_cmpmem (a, sizeof a, b, sizeof b);
  /* with N = 1 the bands are run 0 alone: d drops at its drawn buffer */
  g_autoptr(OdanRuns) one = odan_runs_compute (pack, u, NULL, 1, 3, 720);
  g_autoptr(GArray) d = odan_runs_dup_node (one, 1);
  odan_uncertainty_draw (u, 3, 0, a);
  g_assert_cmpuint (d->len, ==, 3);
  g_assert_cmpint (g_array_index (d, OdanBandRow, 1).minute, ==, odan_minute_key (a[0]));
  g_assert_cmpint (g_array_index (d, OdanBandRow, 1).p[0], ==, 0);
  g_assert_cmpint (g_array_index (d, OdanBandRow, 2).minute, ==, odan_minute_key (a[1]));
  g_assert_cmpuint (ten->n_runs, ==, 10);
  odan_test_pack_remove (dir);
}

/* Grouped: a one-node group has its node's bands; a group's value is the
 * rounded mean of its members' (p at 0 and d at 1 give 0.5). */
static void
test_groups (void)
{
  g_autofree char *dir = odan_test_pack_write (&drop_pack);
  g_autoptr(OdanPack) pack = odan_test_pack_load (dir);
  g_autoptr(OdanUncertainty) u = load_uncertainty (pack, drop_uncertainty, NULL);
  const guint32 group_of[] = { 0, 0, 1 };   /* p, d | e */
  g_autoptr(OdanRuns) by_node = odan_runs_compute (pack, u, NULL, 25, 11, 720);
  g_autoptr(OdanRuns) grouped = odan_runs_compute_groups (pack, u, NULL, 25, 11, 720, group_of, 2);
  g_autoptr(GArray) e = odan_runs_dup_node (by_node, 2);
  g_autoptr(GArray) g1 = odan_runs_dup_node (grouped, 1);
  g_autoptr(GArray) g0 = odan_runs_dup_node (grouped, 0);

  g_assert_cmpuint (e->len, ==, g1->len);
  for (guint i = 0; i < e->len; i++)
    {
      g_assert_cmpint (g_array_index (e, OdanBandRow, i).minute, ==, g_array_index (g1, OdanBandRow, i).minute);
      g_assert_cmpmem (g_array_index (e, OdanBandRow, i).p, sizeof (gint32) * 3,
                       g_array_index (g1, OdanBandRow, i).p, sizeof (gint32) * 3);
    }
  g_assert_cmpint (g_array_index (g0, OdanBandRow, 0).minute, ==, 0);
  for (guint j = 0; j < 3; j++)
    g_assert_cmpint (g_array_index (g0, OdanBandRow, 0).p[j], ==, 5000);
  /* after 12 h everything is back: the last row is 1, 1, 1 */
  for (guint j = 0; j < 3; j++)
    g_assert_cmpint (g_array_index (g0, OdanBandRow, g0->len - 1).p[j], ==, 10000);
  odan_test_pack_remove (dir);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/engine/runs/single-equals-simulate", test_single_equals_simulate);
  g_test_add_func ("/engine/runs/reproducible", test_reproducible);
  g_test_add_func ("/engine/runs/draws", test_draws);
  g_test_add_func ("/engine/runs/percentiles", test_percentiles);
  g_test_add_func ("/engine/runs/prefix", test_prefix);
  g_test_add_func ("/engine/runs/groups", test_groups);
  g_test_add_func ("/data/uncertainty/errors", test_errors);
  return g_test_run ();
}

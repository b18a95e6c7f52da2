/* test-counterfactual.c — the exercise rerun without the teams' mitigations,
 * on the scripted exercise (aar-script.c): p1 (power, weight 2) and w1
 * (water, weight 1) go down at 10; the generator brings them back at 70;
 * the exercise ends at 130.
 */
#include <math.h>
#include <string.h>
#include <glib/gstdio.h>

#include "aar-script.h"
#include "odan-counterfactual.h"
#include "odan-test-cli.h"

typedef struct {
  char         *dir;
  TestTime      time;
  OdanExercise *ex;
} Fixture;

static void
fixture_set_up (Fixture      *f,
                gconstpointer data)
{
  f->dir = test_tmpdir_new ();
  f->ex = aar_play_in (f->dir, &f->time, NULL);
}

static void
fixture_tear_down (Fixture      *f,
                   gconstpointer data)
{
  g_object_unref (f->ex);
  test_tmpdir_free (f->dir);
}

static double
lost (OdanCounterfactual *cf,
      OdanCfKind          kind,
      guint32             team,
      guint32             decision,
      double              shift)
{
  OdanCfVariant v = { kind, team, decision, shift };

  return odan_counterfactual_lost (cf, &v, NULL);
}

#define EPS 1e-9

static void
test_variants (Fixture      *f,
               gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(OdanCounterfactual) cf = odan_counterfactual_new (f->ex, -1, &error);
  const OdanPack *pack = odan_exercise_get_pack (f->ex);
  guint32 pc = odan_pack_find_team (pack, "power-ceptoar");
  guint32 water = odan_pack_find_team (pack, "water");
  double per_sector[2];
  OdanCfVariant all = { ODAN_CF_ALL, ODAN_NONE, ODAN_NONE, 0 };

  g_assert_no_error (error);
  g_assert_cmpfloat (odan_counterfactual_get_horizon (cf), ==, 130);
  g_assert_cmpfloat (odan_counterfactual_get_weight (cf, 0), ==, 2);   /* power */
  g_assert_cmpfloat (odan_counterfactual_get_weight (cf, 1), ==, 1);   /* water: empty */

  /* as played: 1 h down each → 2 × 1 + 1 × 1 */
  g_assert_cmpfloat_with_epsilon (odan_counterfactual_lost (cf, &all, per_sector), 3.0, EPS);
  g_assert_cmpfloat_with_epsilon (per_sector[0], 2.0, EPS);
  g_assert_cmpfloat_with_epsilon (per_sector[1], 1.0, EPS);
  /* no generator: 2 h down each */
  g_assert_cmpfloat_with_epsilon (lost (cf, ODAN_CF_NONE, ODAN_NONE, ODAN_NONE, 0), 6.0, EPS);
  g_assert_cmpfloat_with_epsilon (lost (cf, ODAN_CF_WITHOUT_TEAM, pc, ODAN_NONE, 0), 6.0, EPS);
  g_assert_cmpfloat_with_epsilon (lost (cf, ODAN_CF_WITHOUT_TEAM, water, ODAN_NONE, 0), 3.0, EPS);
  /* the generator is the fourth decision of the log */
  g_assert_cmpfloat_with_epsilon (lost (cf, ODAN_CF_WITHOUT_DECISION, ODAN_NONE, 3, 0), 6.0, EPS);
  g_assert_cmpfloat_with_epsilon (lost (cf, ODAN_CF_WITHOUT_DECISION, ODAN_NONE, 2, 0), 3.0, EPS);
  /* 30 min later: down 10 → 100, 1.5 h each */
  g_assert_cmpfloat_with_epsilon (lost (cf, ODAN_CF_SHIFT_DECISION, ODAN_NONE, 3, 30), 4.5, EPS);
  /* 20 min earlier: down 10 → 50 */
  g_assert_cmpfloat_with_epsilon (lost (cf, ODAN_CF_SHIFT_DECISION, ODAN_NONE, 3, -20), 2.0, EPS);
  /* before the blackout (clamped to 0) the restore does nothing */
  g_assert_cmpfloat_with_epsilon (lost (cf, ODAN_CF_SHIFT_DECISION, ODAN_NONE, 3, -100), 6.0, EPS);
  /* the same log gives the same figure, bit for bit */
  g_assert_cmpfloat (lost (cf, ODAN_CF_SHIFT_DECISION, ODAN_NONE, 3, 30), ==,
                     lost (cf, ODAN_CF_SHIFT_DECISION, ODAN_NONE, 3, 30));
}

static void
test_summary (Fixture      *f,
              gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(OdanCounterfactual) cf = odan_counterfactual_new (f->ex, -1, &error);
  g_autoptr(OdanCfSummary) s = NULL;
  const OdanPack *pack = odan_exercise_get_pack (f->ex);
  const OdanCfDecision *d;
  const OdanCfTeam *t;

  g_assert_no_error (error);
  s = odan_counterfactual_summarize (cf);
  g_assert_cmpfloat_with_epsilon (s->lost_all, 3.0, EPS);
  g_assert_cmpfloat_with_epsilon (s->lost_none, 6.0, EPS);
  g_assert_cmpfloat_with_epsilon (s->avoided, 3.0, EPS);
  g_assert_cmpfloat_with_epsilon (s->lost_none_by_sector[0], 4.0, EPS);
  g_assert_cmpfloat_with_epsilon (s->lost_none_by_sector[1], 2.0, EPS);

  g_assert_cmpuint (s->teams->len, ==, 1);
  t = &g_array_index (s->teams, OdanCfTeam, 0);
  g_assert_cmpuint (t->team, ==, odan_pack_find_team (pack, "power-ceptoar"));
  g_assert_cmpuint (t->n_mitigations, ==, 1);
  g_assert_cmpfloat_with_epsilon (t->avoided, 3.0, EPS);

  g_assert_cmpuint (s->decisions->len, ==, 1);
  d = &g_array_index (s->decisions, OdanCfDecision, 0);
  g_assert_cmpuint (d->decision, ==, 3);
  g_assert_cmpstr (pack->mitigations[d->mitigation].id, ==, "GEN");
  g_assert_cmpfloat (d->applied, ==, 70);
  g_assert_cmpfloat_with_epsilon (d->lost_without, 6.0, EPS);
  g_assert_cmpfloat_with_epsilon (d->avoided, 3.0, EPS);
}

static void
test_horizon_and_curves (Fixture      *f,
                         gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(OdanCounterfactual) cf = odan_counterfactual_new (f->ex, 100, &error);
  OdanCfVariant all = { ODAN_CF_ALL, ODAN_NONE, ODAN_NONE, 0 };
  OdanCfVariant none = { ODAN_CF_NONE, ODAN_NONE, ODAN_NONE, 0 };
  GArray **curves;
  const OdanCurvePoint *p;

  g_assert_no_error (error);
  g_assert_cmpfloat_with_epsilon (odan_counterfactual_lost (cf, &all, NULL), 3.0, EPS);
  g_assert_cmpfloat_with_epsilon (odan_counterfactual_lost (cf, &none, NULL), 4.5, EPS);

  curves = odan_counterfactual_sector_curves (cf, &all);
  g_assert_cmpuint (curves[0]->len, ==, 3);
  p = (const OdanCurvePoint *) (void *) curves[0]->data;
  g_assert_cmpfloat (p[0].time, ==, 0);
  g_assert_cmpfloat (p[0].value, ==, 1);
  g_assert_cmpfloat (p[1].time, ==, 10);
  g_assert_cmpfloat (p[1].value, ==, 0);
  g_assert_cmpfloat (p[2].time, ==, 70);
  g_assert_cmpfloat (p[2].value, ==, 1);
  odan_counterfactual_curves_free (curves, 2);

  curves = odan_counterfactual_sector_curves (cf, &none);
  g_assert_cmpuint (curves[1]->len, ==, 2);
  odan_counterfactual_curves_free (curves, 2);
}

/* A weight that is no number is refused, naming the file and line. */
static void
test_bad_weight (Fixture      *f,
                 gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *src = test_fixture_path ("aar");
  g_autofree char *pack = g_build_filename (f->dir, "pack", NULL);
  g_autofree char *path = g_build_filename (f->dir, "bad.odan", NULL);
  g_autoptr(GDir) dir = g_dir_open (src, 0, &error);
  g_autoptr(OdanExercise) ex = NULL;
  g_autoptr(OdanCounterfactual) cf = NULL;
  const char *name;

  g_assert_no_error (error);
  g_assert_cmpint (g_mkdir (pack, 0700), ==, 0);
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *from = g_build_filename (src, name, NULL);
      g_autofree char *to = g_build_filename (pack, name, NULL);
      g_autofree char *contents = NULL;
      gsize len;

      g_assert_true (g_file_get_contents (from, &contents, &len, NULL));
      if (strcmp (name, "sectors.csv") == 0)
        {
          g_free (contents);
          contents = g_strdup ("id,name,name_ja,ministry,weight\npower,Electricity,電力,経済産業省,2\nwater,Water,水道,厚生労働省,heavy\n");
          len = strlen (contents);
        }
      g_assert_true (g_file_set_contents (to, contents, len, NULL));
    }
  ex = odan_exercise_open (path, pack, ODAN_EXERCISE_OPEN_CREATE, &error);
  g_assert_no_error (error);
  cf = odan_counterfactual_new (ex, -1, &error);
  g_assert_null (cf);
  g_assert_error (error, ODAN_PACK_ERROR, ODAN_PACK_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "sectors.csv:3:"));
  g_assert_nonnull (strstr (error->message, "heavy"));
}

/* The summary reruns decisions (and teams) whose downstream nodes are
 * disjoint together; each one's impact must equal that of a rerun without
 * it alone. The Kanto scenario over two days, every team choosing its
 * mitigations at random times (fixed seed), pools permitting. */
static void
test_batches_equal_single_reruns (void)
{
  g_autofree char *dir = test_tmpdir_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GRand) rand = g_rand_new_with_seed (777);
  g_autoptr(OdanExercise) ex = NULL;
  g_autoptr(OdanCounterfactual) cf = NULL;
  g_autoptr(OdanCfSummary) s = NULL;
  TestTime time = { TEST_TIME_START };
  const OdanPack *pack;

  ex = test_exercise_start_new (dir, "kanto", &time);
  pack = odan_exercise_get_pack (ex);
  for (double m = 30; m <= 48 * 60; m += 30)
    {
      OdanDecision d = { 0 };
      guint32 mit = g_rand_int_range (rand, 0, pack->n_mitigations);

      g_assert_true (odan_exercise_advance_to (ex, m, &error));
      g_assert_no_error (error);
      d.team = pack->mitigations[mit].team != ODAN_NONE ? pack->mitigations[mit].team
               : (guint32) g_rand_int_range (rand, 0, pack->n_teams);
      d.category = ODAN_CATEGORY_BUSINESS_CONTINUITY;
      d.summary = (char *) "Random mitigation";
      d.mitigation = mit;
      d.inject = ODAN_NONE;
      g_assert_cmpint (odan_exercise_decide (ex, &d, NULL, &error), >, 0);
      g_assert_no_error (error);
    }
  g_assert_true (odan_exercise_advance_to (ex, 60 * 60, &error));

  cf = odan_counterfactual_new (ex, -1, &error);
  g_assert_no_error (error);
  s = odan_counterfactual_summarize (cf);
  g_test_message ("%u decisions, %u teams, avoided %.3f", s->decisions->len, s->teams->len, s->avoided);
  g_assert_cmpuint (s->decisions->len, >, 40);
  g_assert_cmpuint (s->teams->len, >, 3);
  for (guint i = 0; i < s->decisions->len; i++)
    {
      const OdanCfDecision *d = &g_array_index (s->decisions, OdanCfDecision, i);
      double alone = lost (cf, ODAN_CF_WITHOUT_DECISION, ODAN_NONE, d->decision, 0);

      g_assert_cmpfloat_with_epsilon (d->lost_without, alone, 1e-6 * MAX (1.0, alone));
    }
  for (guint i = 0; i < s->teams->len; i++)
    {
      const OdanCfTeam *t = &g_array_index (s->teams, OdanCfTeam, i);
      double alone = lost (cf, ODAN_CF_WITHOUT_TEAM, t->team, ODAN_NONE, 0);

      g_assert_cmpfloat_with_epsilon (t->lost_without, alone, 1e-6 * MAX (1.0, alone));
    }
  g_clear_object (&ex);
  g_clear_pointer (&cf, odan_counterfactual_free);
  test_tmpdir_free (g_steal_pointer (&dir));
}

/* `odan-cli counterfactual`: the summary and a decision moved, on the
 * scripted exercise whose answers are worked out above. */
static void
test_cli (Fixture      *f,
          gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(OdanCounterfactual) cf = odan_counterfactual_new (f->ex, -1, &error);
  g_autoptr(OdanCfSummary) summary = NULL;
  g_autofree char *path = g_build_filename (f->dir, "aar.odan", NULL);
  g_autofree char *event = NULL;
  g_auto(OdanTestRun) run = { 0 };
  g_auto(OdanTestRun) later = { 0 };
  g_auto(OdanTestRun) bad = { 0 };

  g_assert_no_error (error);
  summary = odan_counterfactual_summarize (cf);
  for (guint i = 0; i < summary->decisions->len; i++)
    if (g_array_index (summary->decisions, OdanCfDecision, i).decision == 3)
      event = g_strdup_printf ("%" G_GINT64_FORMAT, g_array_index (summary->decisions, OdanCfDecision, i).event);
  g_assert_nonnull (event);

  run = odan_test_run_cli ("counterfactual", path, "--format", "csv", NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_true (g_str_has_prefix (run.out, "scope,event,team,mitigation,applied,lost_without,avoided\n"
                                            "all,,,,,6.000,3.000\n"));
  g_assert_nonnull (strstr (run.out, "team,,power-ceptoar,,,6.000,3.000\n"));

  /* 30 min later: 4.5 node-hours instead of 3 */
  later = odan_test_run_cli ("counterfactual", path, "--decision", event, "--shift", "+30m", "--format", "csv", NULL);
  g_assert_cmpint (later.status, ==, 0);
  g_assert_nonnull (strstr (later.out, ",3.000,4.500,+1.500\n"));

  bad = odan_test_run_cli ("counterfactual", path, "--shift", "30m", NULL);
  g_assert_cmpint (bad.status, ==, 2);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
#define ADD(path, fn) g_test_add (path, Fixture, NULL, fixture_set_up, fn, fixture_tear_down)
  ADD ("/exercise/counterfactual/variants", test_variants);
  ADD ("/exercise/counterfactual/summary", test_summary);
  ADD ("/exercise/counterfactual/horizon-and-curves", test_horizon_and_curves);
  ADD ("/exercise/counterfactual/bad-weight", test_bad_weight);
  ADD ("/exercise/counterfactual/cli", test_cli);
  g_test_add_func ("/exercise/counterfactual/batches-equal-single-reruns", test_batches_equal_single_reruns);
  return g_test_run ();
}

/* test-cli.c — odan-cli as a facilitator runs it: exit codes, output, messages */
#include <glib.h>

#include "odan-test-cli.h"
#include <glib/gstdio.h>
#include <string.h>

static char *
pack_path (const char *name)
{
  return g_build_filename (g_getenv ("G_TEST_SRCDIR"), "cli", "packs", name, NULL);
}

static void
test_validate_ok (void)
{
  g_autofree char *pack = pack_path ("worked");
  OdanTestRun r = odan_test_run_cli ("validate", pack, NULL);

  g_assert_cmpint (r.status, ==, 0);
  g_assert_nonnull (strstr (r.out, "worked-example: valid"));
  g_assert_nonnull (strstr (r.out, "3 nodes"));
  g_assert_nonnull (strstr (r.out, "2 dependencies"));
  g_assert_cmpstr (r.err, ==, "");
  /* one line */
  g_assert_cmpint (strchr (r.out, '\n') - r.out, ==, strlen (r.out) - 1);
  odan_test_run_clear (&r);
}

static void
test_validate_errors (void)
{
  g_autofree char *pack = pack_path ("broken");
  OdanTestRun r = odan_test_run_cli ("validate", pack, NULL);
  g_autofree char *nodes = g_build_filename (pack, "nodes.csv:3:", NULL);
  g_autofree char *deps2 = g_build_filename (pack, "dependencies.csv:2:", NULL);
  g_autofree char *deps3 = g_build_filename (pack, "dependencies.csv:3:", NULL);

  g_assert_cmpint (r.status, ==, 1);
  g_assert_cmpstr (r.out, ==, "");
  /* every problem in one pass, each with its file and line */
  g_assert_nonnull (strstr (r.err, nodes));
  g_assert_nonnull (strstr (r.err, "waterworks"));
  g_assert_nonnull (strstr (r.err, deps2));
  g_assert_nonnull (strstr (r.err, "strength"));
  g_assert_nonnull (strstr (r.err, deps3));
  g_assert_nonnull (strstr (r.err, "nowhere"));
  odan_test_run_clear (&r);
}

static const char worked_csv[] =
  "minute,node,operability\n"
  "0.000,hospital,1.0000\n"
  "0.000,power,0.0000\n"
  "0.000,water,1.0000\n"
  "360.000,water,0.1000\n"
  "600.000,power,1.0000\n"
  "660.000,water,1.0000\n";

static void
test_simulate_worked_example (void)
{
  g_autofree char *pack = pack_path ("worked");
  OdanTestRun r = odan_test_run_cli ("simulate", pack, NULL);

  g_assert_cmpint (r.status, ==, 0);
  g_assert_cmpstr (r.out, ==, worked_csv);
  odan_test_run_clear (&r);

  /* --until cuts the output */
  r = odan_test_run_cli ("simulate", pack, "--until", "10h", NULL);
  g_assert_cmpint (r.status, ==, 0);
  g_assert_cmpstr (r.out, ==,
                   "minute,node,operability\n"
                   "0.000,hospital,1.0000\n"
                   "0.000,power,0.0000\n"
                   "0.000,water,1.0000\n"
                   "360.000,water,0.1000\n"
                   "600.000,power,1.0000\n");
  odan_test_run_clear (&r);
}

static void
test_simulate_decisions (void)
{
  g_autofree char *pack = pack_path ("worked");
  g_autofree char *decisions = pack_path ("worked-decisions.csv");
  OdanTestRun r = odan_test_run_cli ("simulate", pack, "--decisions", decisions, NULL);

  /* fuel at 5h + 30m delay adds 2h to the 30 min left: the buffer runs out at 480 */
  g_assert_cmpint (r.status, ==, 0);
  g_assert_cmpstr (r.out, ==,
                   "minute,node,operability\n"
                   "0.000,hospital,1.0000\n"
                   "0.000,power,0.0000\n"
                   "0.000,water,1.0000\n"
                   "480.000,water,0.1000\n"
                   "600.000,power,1.0000\n"
                   "660.000,water,1.0000\n");
  odan_test_run_clear (&r);
}

/* simulate --decisions refuses what the pool cannot give, as an exercise
 * does (SEMANTICS.md §6): the third power vehicle and the second fuel convoy
 * of tests/exercise/packs/pools never apply, so hospital C drops at 10 h. */
static void
test_simulate_pools (void)
{
  g_autofree char *pack = g_build_filename (g_getenv ("G_TEST_SRCDIR"), "exercise", "packs", "pools", NULL);
  g_autofree char *decisions = g_build_filename (g_getenv ("G_TEST_SRCDIR"), "exercise", "packs",
                                                 "pools-decisions.csv", NULL);
  OdanTestRun r = odan_test_run_cli ("simulate", pack, "--decisions", decisions, "--until", "11h", NULL);

  g_assert_cmpint (r.status, ==, 0);
  g_assert_nonnull (strstr (r.out, "\n600.000,hospital.c,0.2000\n"));
  g_assert_cmpstr (r.err, ==,
                   "odan-cli: decision 3: mitigation PV-C refused: pool “Mobile power vehicles” is empty (all 2 in use)\n"
                   "odan-cli: decision 5: mitigation FUEL-B refused: pool “Fuel trucks” has 1 of 3 left and the mitigation needs 2\n");
  odan_test_run_clear (&r);
}

/* Ids may hold commas and quotes: the CSV quotes them, the order stays by
 * the ids' bytes. */
static void
test_simulate_quoted_ids (void)
{
  g_autofree char *pack = pack_path ("quoted");
  OdanTestRun r = odan_test_run_cli ("simulate", pack, NULL);

  g_assert_cmpint (r.status, ==, 0);
  g_assert_cmpstr (r.out, ==,
                   "minute,node,operability\n"
                   "0.000,cut,1.0000\n"
                   "0.000,\"grid, east\",1.0000\n"
                   "0.000,\"say \"\"hi\"\"\",1.0000\n"
                   "30.000,cut,0.0000\n"
                   "30.000,\"grid, east\",0.5000\n"
                   "30.000,\"say \"\"hi\"\"\",0.5000\n");
  odan_test_run_clear (&r);
}

static void
test_simulate_deterministic (void)
{
  g_autofree char *pack = pack_path ("worked");
  g_autofree char *decisions = pack_path ("worked-decisions.csv");
  OdanTestRun a = odan_test_run_cli ("simulate", pack, "--decisions", decisions, "--format", "table", NULL);
  OdanTestRun b = odan_test_run_cli ("simulate", pack, "--decisions", decisions, "--format", "table", NULL);

  g_assert_cmpint (a.status, ==, 0);
  g_assert_cmpstr (a.out, ==, b.out);
  g_assert_nonnull (strstr (a.out, "water"));
  g_assert_nonnull (strstr (a.out, "power"));
  odan_test_run_clear (&a);
  odan_test_run_clear (&b);
}

/* SEMANTICS.md §12: --runs without uncertain values is the single run in
 * three columns; with them, failed starts and drawn buffers spread the
 * bands, the same seed gives the same bytes, and bad usage exits 2. */
static void
test_simulate_runs (void)
{
  g_autofree char *pack = pack_path ("worked");
  g_autofree char *unc = pack_path ("worked-uncertainty.csv");
  OdanTestRun plain = odan_test_run_cli ("simulate", pack, "--runs", "3", "--seed", "8", NULL);
  OdanTestRun a = odan_test_run_cli ("simulate", pack, "--runs", "200", "--seed", "8", "--uncertainty", unc, NULL);
  OdanTestRun b = odan_test_run_cli ("simulate", pack, "--runs", "200", "--seed", "8", "--uncertainty", unc, NULL);
  OdanTestRun zero = odan_test_run_cli ("simulate", pack, "--seed", "8", NULL);
  OdanTestRun table = odan_test_run_cli ("simulate", pack, "--runs", "2", "--format", "table", NULL);

  g_assert_cmpint (plain.status, ==, 0);
  g_assert_cmpstr (plain.out, ==,
                   "minute,node,p10,p50,p90\n"
                   "0.000,hospital,1.0000,1.0000,1.0000\n"
                   "0.000,power,0.0000,0.0000,0.0000\n"
                   "0.000,water,1.0000,1.0000,1.0000\n"
                   "360.000,water,0.1000,0.1000,0.1000\n"
                   "600.000,power,1.0000,1.0000,1.0000\n"
                   "660.000,water,1.0000,1.0000,1.0000\n");
  g_assert_cmpint (a.status, ==, 0);
  g_assert_cmpstr (a.out, ==, b.out);
  /* about half the runs start without backup: p10 is down at once */
  g_assert_nonnull (strstr (a.out, "0.000,water,0.1000,"));
  /* every backup that started has run out by 8 h, and all restart by 11 h */
  g_assert_nonnull (strstr (a.out, ",water,0.1000,0.1000,0.1000\n"));
  g_assert_nonnull (strstr (a.out, "660.000,water,1.0000,1.0000,1.0000\n"));
  g_assert_cmpint (zero.status, ==, 2);
  g_assert_cmpint (table.status, ==, 2);
  odan_test_run_clear (&plain);
  odan_test_run_clear (&a);
  odan_test_run_clear (&b);
  odan_test_run_clear (&zero);
  odan_test_run_clear (&table);
}

/* SEMANTICS.md §13: every checkpoint of the Hokkaido pack with Odan's
 * value; a bad checkpoints file names its line and exits 1. */
static void
test_checkpoints (void)
{
  g_autofree char *pack = g_build_filename (g_getenv ("ODAN_SCENARIOS"), "hokkaido-2018", NULL);
  g_autofree char *bad = g_build_filename (g_get_tmp_dir (), "odan-bad-checkpoints.csv", NULL);
  OdanTestRun csv = odan_test_run_cli ("checkpoints", pack, "--format", "csv", NULL);
  OdanTestRun table = odan_test_run_cli ("checkpoints", pack, NULL);
  g_auto(GStrv) lines = NULL;
  guint inside = 0, outside = 0;

  g_assert_cmpint (csv.status, ==, 0);
  lines = g_strsplit (csv.out, "\n", -1);
  g_assert_cmpstr (lines[0], ==, "time,node,recorded,low,high,odan,inside,source");
  for (guint i = 1; lines[i] != NULL && lines[i][0] != '\0'; i++)
    {
      inside += strstr (lines[i], ",inside,") != NULL;
      outside += strstr (lines[i], ",outside,") != NULL;
    }
  g_assert_cmpuint (inside + outside, >=, 15);
  g_assert_cmpuint (inside * 100, >=, 80 * (inside + outside));
  /* the water checkpoint: 30,255 households at 15:00, Odan 0.989 */
  g_assert_nonnull (strstr (csv.out, "2018-09-06T15:00,water.supply.doo,0.9897,0.9797,0.9997,0.9890,inside,"));
  g_assert_cmpint (table.status, ==, 0);
  g_assert_nonnull (strstr (table.out, "checkpoints inside their windows"));

  g_assert_true (g_file_set_contents (bad, "time,node,recorded,low,high\n"
                                           "+1h,power.doo,0.5,0.2,0.6\n"
                                           "+2h,nowhere,0.5,0.4,0.6\n", -1, NULL));
  OdanTestRun err = odan_test_run_cli ("checkpoints", pack, "--file", bad, NULL);
  g_assert_cmpint (err.status, ==, 1);
  g_assert_nonnull (strstr (err.err, "odan-bad-checkpoints.csv:2: error: the window reaches more than 0.15 from the recorded value"));
  g_assert_nonnull (strstr (err.err, "odan-bad-checkpoints.csv:3: error: unknown node 'nowhere' (column node)"));
  g_unlink (bad);
  odan_test_run_clear (&csv);
  odan_test_run_clear (&table);
  odan_test_run_clear (&err);
}

/* validate reads uncertainty.csv too, and names the line and column. */
static void
test_validate_uncertainty (void)
{
  g_autofree char *src = pack_path ("worked");
  g_autofree char *dir = g_dir_make_tmp ("odan-unc-XXXXXX", NULL);
  g_autofree char *bad = g_build_filename (dir, "uncertainty.csv", NULL);
  g_autoptr(GDir) d = g_dir_open (src, 0, NULL);
  const char *name;

  while ((name = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *from = g_build_filename (src, name, NULL);
      g_autofree char *to = g_build_filename (dir, name, NULL);
      g_autofree char *text = NULL;
      gsize len;
      g_assert_true (g_file_get_contents (from, &text, &len, NULL));
      g_assert_true (g_file_set_contents (to, text, len, NULL));
    }
  g_assert_true (g_file_set_contents (bad, "target,kind,low,high,probability\npower->water,buffer,7h,9h,\n", -1, NULL));
  OdanTestRun r = odan_test_run_cli ("validate", dir, NULL);
  g_assert_cmpint (r.status, ==, 1);
  g_assert_nonnull (strstr (r.err, "uncertainty.csv:2: error: the pack's own value (6h00m) is outside [low, high] (column low)"));
  odan_test_run_clear (&r);
  g_assert_true (g_file_set_contents (bad, "target,kind,low,high,probability\npower->water,buffer,4h,9h,\n", -1, NULL));
  r = odan_test_run_cli ("validate", dir, NULL);
  g_assert_cmpint (r.status, ==, 0);
  odan_test_run_clear (&r);
  g_dir_rewind (d);
  while ((name = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *to = g_build_filename (dir, name, NULL);
      g_unlink (to);
    }
  g_unlink (bad);
  g_rmdir (dir);
}

static void
test_explain (void)
{
  g_autofree char *pack = pack_path ("worked");
  OdanTestRun r = odan_test_run_cli ("explain", pack, "water", "--at", "7h", NULL);

  g_assert_cmpint (r.status, ==, 0);
  /* water at 10 % since 6 h because the backup ran out, power set by I1 */
  g_assert_nonnull (strstr (r.out, "water"));
  g_assert_nonnull (strstr (r.out, "10%"));
  g_assert_nonnull (strstr (r.out, "T+6h"));
  g_assert_nonnull (strstr (r.out, "run out"));
  g_assert_nonnull (strstr (r.out, "power"));
  g_assert_nonnull (strstr (r.out, "I1"));
  g_assert_nonnull (strstr (r.out, "set power 0 for 10h"));
  odan_test_run_clear (&r);

  /* after power returns, water is restarting */
  r = odan_test_run_cli ("explain", pack, "water", "--at", "630", NULL);
  g_assert_cmpint (r.status, ==, 0);
  g_assert_nonnull (strstr (r.out, "restarting"));
  odan_test_run_clear (&r);

  r = odan_test_run_cli ("explain", pack, "hospital", "--at", "7h", NULL);
  g_assert_cmpint (r.status, ==, 0);
  g_assert_nonnull (strstr (r.out, "operating normally"));
  odan_test_run_clear (&r);

  /* kanto's rail restarts 4 h after the grid is back above 45 %: at T+40h
   * the grid is at 33 % and the line says what the rail waits for */
  {
    g_autofree char *kanto = g_build_filename (g_getenv ("ODAN_SCENARIOS"), "kanto", NULL);

    r = odan_test_run_cli ("explain", kanto, "rail.tokyo-23", "--at", "40h", NULL);
    g_assert_cmpint (r.status, ==, 0);
    g_assert_nonnull (strstr (r.out, "power.tokyo-23"));
    g_assert_nonnull (strstr (r.out, "it restarts 4h00m after its supply is back to 45% or more"));
    odan_test_run_clear (&r);
  }
}

static void
test_usage (void)
{
  g_autofree char *pack = pack_path ("worked");
  static const char *commands[] = { "validate", "simulate", "explain" };

  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    {
      OdanTestRun r = odan_test_run_cli (commands[i], "--help", NULL);
      g_assert_cmpint (r.status, ==, 0);
      g_assert_nonnull (strstr (r.out, "Usage:"));
      odan_test_run_clear (&r);
    }

  OdanTestRun r = odan_test_run_cli (NULL);
  g_assert_cmpint (r.status, ==, 2);
  odan_test_run_clear (&r);
  r = odan_test_run_cli ("frobnicate", NULL);
  g_assert_cmpint (r.status, ==, 2);
  g_assert_nonnull (strstr (r.err, "frobnicate"));
  odan_test_run_clear (&r);
  r = odan_test_run_cli ("simulate", NULL);
  g_assert_cmpint (r.status, ==, 2);
  odan_test_run_clear (&r);
  r = odan_test_run_cli ("simulate", pack, "--format", "xml", NULL);
  g_assert_cmpint (r.status, ==, 2);
  odan_test_run_clear (&r);
  r = odan_test_run_cli ("simulate", pack, "--bogus", NULL);
  g_assert_cmpint (r.status, ==, 2);
  odan_test_run_clear (&r);
  r = odan_test_run_cli ("explain", pack, "water", NULL);
  g_assert_cmpint (r.status, ==, 2);
  g_assert_nonnull (strstr (r.err, "--at"));
  odan_test_run_clear (&r);
  r = odan_test_run_cli ("explain", pack, "nosuchnode", "--at", "1h", NULL);
  g_assert_cmpint (r.status, ==, 1);
  g_assert_nonnull (strstr (r.err, "nosuchnode"));
  odan_test_run_clear (&r);
  r = odan_test_run_cli ("simulate", pack, "--until", "soon", NULL);
  g_assert_cmpint (r.status, ==, 2);
  odan_test_run_clear (&r);
}

/* inbox and obligations: usage, and a file that is not an exercise */
static void
test_inbox_usage (void)
{
  g_autofree char *pack = pack_path ("worked");
  static const char *commands[] = { "inbox", "obligations" };
  OdanTestRun r;

  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    {
      r = odan_test_run_cli (commands[i], "--help", NULL);
      g_assert_cmpint (r.status, ==, 0);
      g_assert_nonnull (strstr (r.out, "Usage:"));
      odan_test_run_clear (&r);
      r = odan_test_run_cli (commands[i], NULL);
      g_assert_cmpint (r.status, ==, 2);
      odan_test_run_clear (&r);
      r = odan_test_run_cli (commands[i], "/nonexistent/x.odan", "--team", "water-team", "--format", "xml", NULL);
      g_assert_cmpint (r.status, ==, 2);
      g_assert_nonnull (strstr (r.err, "--format"));
      odan_test_run_clear (&r);
      r = odan_test_run_cli (commands[i], "/nonexistent/x.odan", "--team", "water-team", NULL);
      g_assert_cmpint (r.status, ==, 1);
      g_assert_nonnull (strstr (r.err, "x.odan"));
      odan_test_run_clear (&r);
    }
  r = odan_test_run_cli ("inbox", "/nonexistent/x.odan", NULL);
  g_assert_cmpint (r.status, ==, 2);
  g_assert_nonnull (strstr (r.err, "--team"));
  odan_test_run_clear (&r);
  r = odan_test_run_cli (NULL);
  g_assert_nonnull (strstr (r.err, "inbox"));
  g_assert_nonnull (strstr (r.err, "obligations"));
  odan_test_run_clear (&r);
}

static void
test_missing_pack (void)
{
  OdanTestRun r = odan_test_run_cli ("validate", "/nonexistent/pack", NULL);
  g_assert_cmpint (r.status, ==, 1);
  g_assert_nonnull (strstr (r.err, "/nonexistent/pack"));
  odan_test_run_clear (&r);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/cli/validate/ok", test_validate_ok);
  g_test_add_func ("/cli/validate/errors", test_validate_errors);
  g_test_add_func ("/cli/validate/missing", test_missing_pack);
  g_test_add_func ("/cli/simulate/worked-example", test_simulate_worked_example);
  g_test_add_func ("/cli/simulate/decisions", test_simulate_decisions);
  g_test_add_func ("/cli/simulate/pools", test_simulate_pools);
  g_test_add_func ("/cli/simulate/deterministic", test_simulate_deterministic);
  g_test_add_func ("/cli/simulate/quoted-ids", test_simulate_quoted_ids);
  g_test_add_func ("/cli/simulate/runs", test_simulate_runs);
  g_test_add_func ("/cli/checkpoints/print", test_checkpoints);
  g_test_add_func ("/cli/validate/uncertainty", test_validate_uncertainty);
  g_test_add_func ("/cli/explain/chain", test_explain);
  g_test_add_func ("/cli/usage", test_usage);
  g_test_add_func ("/cli/inbox/usage", test_inbox_usage);
  return g_test_run ();
}

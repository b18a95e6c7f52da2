/* test-cli.c — odan-cli as a facilitator runs it: exit codes, output, messages */
#include <glib.h>

#include "odan-test-cli.h"
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
  g_test_add_func ("/cli/simulate/deterministic", test_simulate_deterministic);
  g_test_add_func ("/cli/simulate/quoted-ids", test_simulate_quoted_ids);
  g_test_add_func ("/cli/explain/chain", test_explain);
  g_test_add_func ("/cli/usage", test_usage);
  g_test_add_func ("/cli/inbox/usage", test_inbox_usage);
  return g_test_run ();
}

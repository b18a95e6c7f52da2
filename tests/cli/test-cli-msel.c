/* test-cli-msel.c — odan-cli import-msel, export and preview as a planner runs them */
#include <glib.h>
#include <glib/gstdio.h>
#include <string.h>

#include "odan-test-cli.h"
#include "odan-test-files.h"

static char *
msel (const char *name)
{
  return g_build_filename (g_getenv ("G_TEST_SRCDIR"), "authoring", "msel", name, NULL);
}

static char *
read_text (const char *dir, const char *name)
{
  g_autofree char *path = g_build_filename (dir, name, NULL);
  char *text = NULL;

  g_assert_true (g_file_get_contents (path, &text, NULL, NULL));
  return text;
}

/* The example pack in a temporary folder the test may change. */
static char *
copy_example (void)
{
  g_autofree char *source = g_build_filename (g_getenv ("ODAN_SCENARIOS"), "example", NULL);

  return odan_test_copy_folder (source, "odan-cli-msel-XXXXXX");
}

static void
test_import (void)
{
  g_autofree char *pack = copy_example ();
  g_autofree char *sheet = msel ("hseep-example.csv");
  g_autofree char *before = read_text (pack, "injects.csv");
  g_autofree char *after = NULL;
  OdanTestRun r;

  r = odan_test_run_cli ("import-msel", sheet, "--pack", pack, "--dry-run", NULL);
  g_assert_cmpint (r.status, ==, 0);
  g_assert_nonnull (strstr (r.out, "header on line 4, 22 rows"));
  g_assert_nonnull (strstr (r.out, "Designated Scenario Time"));
  g_assert_nonnull (strstr (r.out, "→ time"));
  g_assert_nonnull (strstr (r.out, "Dry run: 22 injects would be imported; the pack would have 30 injects"));
  g_assert_cmpstr (r.err, ==, "");
  odan_test_run_clear (&r);
  after = read_text (pack, "injects.csv");
  g_assert_cmpstr (before, ==, after);
  g_clear_pointer (&after, g_free);

  r = odan_test_run_cli ("import-msel", sheet, "--pack", pack, NULL);
  g_assert_cmpint (r.status, ==, 0);
  g_assert_nonnull (strstr (r.out, "Imported 22 injects"));
  odan_test_run_clear (&r);

  r = odan_test_run_cli ("validate", pack, NULL);
  g_assert_cmpint (r.status, ==, 0);
  g_assert_nonnull (strstr (r.out, "30 injects"));
  odan_test_run_clear (&r);

  /* a second import: every id is taken */
  after = read_text (pack, "injects.csv");
  r = odan_test_run_cli ("import-msel", sheet, "--pack", pack, NULL);
  g_assert_cmpint (r.status, ==, 1);
  g_assert_nonnull (strstr (r.err, "hseep-example.csv:5: error: inject id '1' is already in the pack"));
  odan_test_run_clear (&r);
  {
    g_autofree char *unchanged = read_text (pack, "injects.csv");
    g_assert_cmpstr (unchanged, ==, after);
  }

  r = odan_test_run_cli ("import-msel", sheet, "--pack", pack, "--replace", NULL);
  g_assert_cmpint (r.status, ==, 0);
  g_assert_nonnull (strstr (r.out, "the pack has 22 injects"));
  odan_test_run_clear (&r);
  odan_test_remove_tree (pack);
}

static void
test_import_problems (void)
{
  g_autofree char *pack = copy_example ();
  g_autofree char *sheet = msel ("malformed.csv");
  g_autofree char *before = read_text (pack, "injects.csv");
  g_autofree char *after = NULL;
  OdanTestRun r = odan_test_run_cli ("import-msel", sheet, "--pack", pack, NULL);
  static const char *const lines[] = {
    "malformed.csv:3: error: bad time 'soon'",
    "malformed.csv:4: error: unknown recipient 'Gas team'",
    "malformed.csv:5: error: empty message (column Message)",
    "malformed.csv:6: error: duplicate event number '2' (first used on line 3)",
    "malformed.csv:8: error: time '8:00' is before the start",
  };

  g_assert_cmpint (r.status, ==, 1);
  for (guint i = 0; i < G_N_ELEMENTS (lines); i++)
    g_assert_nonnull (strstr (r.err, lines[i]));
  g_assert_nonnull (strstr (r.err, "5 problems; nothing was imported"));
  odan_test_run_clear (&r);
  after = read_text (pack, "injects.csv");
  g_assert_cmpstr (before, ==, after);
  odan_test_remove_tree (pack);
}

static void
test_mapping_file (void)
{
  g_autofree char *pack = copy_example ();
  g_autofree char *sheet = msel ("inject-cards-cp932.csv");
  g_autofree char *other = msel ("variants-bom.csv");
  g_autofree char *mapping = g_build_filename (pack, "msel.mapping", NULL);
  g_autofree char *saved = NULL;
  OdanTestRun r;

  r = odan_test_run_cli ("import-msel", sheet, "--pack", pack, "--dry-run",
                         "--save-mapping", mapping, NULL);
  g_assert_cmpint (r.status, ==, 0);
  g_assert_nonnull (strstr (r.out, "CP932"));
  odan_test_run_clear (&r);

  /* the planner corrects the file: 備考 is not kept */
  saved = read_text (pack, "msel.mapping");
  g_assert_nonnull (strstr (saved, "fields=time;to;from;channel;body;expected_action;objective;extra;"));
  {
    g_autoptr(GString) edited = g_string_new (saved);
    g_string_replace (edited, "objective;extra;", "objective;ignore;", 1);
    g_assert_true (g_file_set_contents (mapping, edited->str, -1, NULL));
  }
  r = odan_test_run_cli ("import-msel", sheet, "--pack", pack, "--mapping", mapping, NULL);
  g_assert_cmpint (r.status, ==, 0);
  g_assert_nonnull (strstr (r.out, "→ ignore"));
  odan_test_run_clear (&r);
  {
    g_autofree char *injects = read_text (pack, "injects.csv");
    g_assert_null (strstr (injects, "備考"));
    g_assert_nonnull (strstr (injects, "msel-009"));
  }

  /* a sheet with another header has no mapping in the file */
  r = odan_test_run_cli ("import-msel", other, "--pack", pack, "--mapping", mapping, NULL);
  g_assert_cmpint (r.status, ==, 1);
  g_assert_nonnull (strstr (r.err, "no mapping for a sheet with these columns"));
  odan_test_run_clear (&r);
  odan_test_remove_tree (pack);
}

static void
test_export (void)
{
  g_autofree char *example = g_build_filename (g_getenv ("ODAN_SCENARIOS"), "example", NULL);
  g_autofree char *tmp = g_dir_make_tmp ("odan-cli-export-XXXXXX", NULL);
  g_autofree char *out = g_build_filename (tmp, "pack", NULL);
  g_autofree char *sheet = g_build_filename (tmp, "msel.csv", NULL);
  g_autofree char *text = NULL;
  OdanTestRun r;

  r = odan_test_run_cli ("export", example, "--to", out, "--msel-only", sheet, "--style", "japanese", NULL);
  g_assert_cmpint (r.status, ==, 0);
  g_assert_nonnull (strstr (r.out, "Wrote 8 injects"));
  odan_test_run_clear (&r);

  r = odan_test_run_cli ("validate", out, NULL);
  g_assert_cmpint (r.status, ==, 0);
  odan_test_run_clear (&r);

  g_assert_true (g_file_get_contents (sheet, &text, NULL, NULL));
  g_assert_true (g_str_has_prefix (text, "\xEF\xBB\xBF番号,付与時刻,付与先,発信元,伝達手段,件名,"));
  g_assert_nonnull (strstr (text, "\r\n"));

  /* the exported sheet imports back into the exported pack */
  r = odan_test_run_cli ("import-msel", sheet, "--pack", out, "--replace", NULL);
  g_assert_cmpint (r.status, ==, 0);
  g_assert_nonnull (strstr (r.out, "the pack has 8 injects"));
  odan_test_run_clear (&r);
  odan_test_remove_tree (tmp);
}

static void
test_preview (void)
{
  g_autofree char *example = g_build_filename (g_getenv ("ODAN_SCENARIOS"), "example", NULL);
  OdanTestRun r;

  r = odan_test_run_cli ("preview", example, NULL);
  g_assert_cmpint (r.status, ==, 0);
  g_assert_nonnull (strstr (r.out, "Water supply"));
  g_assert_nonnull (strstr (r.out, "degrades at T+6h00m, worst 10.0% at T+6h00m, back at 100% at T+11h00m"));
  g_assert_nonnull (strstr (r.out, "INJ-01"));
  odan_test_run_clear (&r);

  r = odan_test_run_cli ("preview", example, "--format", "csv", NULL);
  g_assert_cmpint (r.status, ==, 0);
  g_assert_true (g_str_has_prefix (r.out, "kind,id,sector,time,end,level,timing,reference,keyword,by\n"));
  g_assert_nonnull (strstr (r.out, "degraded,water,water,360.000,660.000,0.1000,,360.000,,\n"));
  g_assert_nonnull (strstr (r.out, "inject,INJ-01,power,0.000,,,ok,,blackout,both\n"));
  /* congestion announced at T+30m; the model degrades telecoms at T+3h */
  g_assert_nonnull (strstr (r.out, "inject,INJ-02,telecom,30.000,,,early,180.000,輻輳,keyword\n"));
  odan_test_run_clear (&r);
}

static void
test_usage (void)
{
  g_autofree char *example = g_build_filename (g_getenv ("ODAN_SCENARIOS"), "example", NULL);
  g_autofree char *sheet = msel ("hseep-example.csv");
  OdanTestRun r;

  r = odan_test_run_cli ("import-msel", "--help", NULL);
  g_assert_cmpint (r.status, ==, 0);
  g_assert_nonnull (strstr (r.out, "--save-mapping"));
  odan_test_run_clear (&r);
  r = odan_test_run_cli ("import-msel", sheet, NULL);
  g_assert_cmpint (r.status, ==, 2);
  g_assert_nonnull (strstr (r.err, "--pack is required"));
  odan_test_run_clear (&r);
  r = odan_test_run_cli ("export", example, NULL);
  g_assert_cmpint (r.status, ==, 2);
  odan_test_run_clear (&r);
  r = odan_test_run_cli ("export", example, "--msel-only", "/dev/null", "--style", "klingon", NULL);
  g_assert_cmpint (r.status, ==, 2);
  odan_test_run_clear (&r);
  r = odan_test_run_cli ("preview", example, "--format", "xml", NULL);
  g_assert_cmpint (r.status, ==, 2);
  odan_test_run_clear (&r);
  r = odan_test_run_cli ("preview", "--help", NULL);
  g_assert_cmpint (r.status, ==, 0);
  odan_test_run_clear (&r);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/cli/import-msel/import", test_import);
  g_test_add_func ("/cli/import-msel/problems", test_import_problems);
  g_test_add_func ("/cli/import-msel/mapping-file", test_mapping_file);
  g_test_add_func ("/cli/export/pack-and-msel", test_export);
  g_test_add_func ("/cli/preview/example", test_preview);
  g_test_add_func ("/cli/msel/usage", test_usage);
  return g_test_run ();
}

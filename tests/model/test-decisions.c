/* test-decisions.c — the decisions CSV of headless runs (odan-decisions.h)
 *
 * Read against the example pack: a valid file in order, a broken one with
 * every problem at its line, and the category names.
 */
#include <glib.h>
#include <glib/gstdio.h>

#include "odan-decisions.h"

static OdanPack *
load_example (void)
{
  const char *scenarios = g_getenv ("ODAN_SCENARIOS");
  g_autofree char *dir = g_build_filename (scenarios != NULL ? scenarios : ODAN_SOURCE_SCENARIOS,
                                           "example", NULL);
  g_autoptr(GError) error = NULL;
  OdanPack *pack = odan_pack_load (dir, NULL, &error);

  g_assert_no_error (error);
  return pack;
}

static GPtrArray *
new_diagnostics (void)
{
  return g_ptr_array_new_with_free_func ((GDestroyNotify) odan_diagnostic_free);
}

static void
test_categories (void)
{
  static const char *const names[] = {
    "business-continuity", "disclosure", "ministry-report", "information-sharing", "other",
  };
  OdanCategory category;

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_assert_cmpstr (odan_category_to_string ((OdanCategory) i), ==, names[i]);
      g_assert_true (odan_category_from_string (names[i], &category));
      g_assert_cmpint (category, ==, (OdanCategory) i);
    }
  g_assert_true (odan_category_from_string ("Ministry-Report", &category));
  g_assert_cmpint (category, ==, ODAN_CATEGORY_MINISTRY_REPORT);
  g_assert_false (odan_category_from_string ("panic", &category));
  g_assert_false (odan_category_from_string ("", &category));
}

static void
test_good (void)
{
  g_autoptr(OdanPack) pack = load_example ();
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "model", "decisions", "good.csv", NULL);
  g_autoptr(GPtrArray) diagnostics = new_diagnostics ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) decisions = odan_decisions_load (path, pack, diagnostics, &error);
  const OdanDecision *d;

  g_assert_no_error (error);
  g_assert_nonnull (decisions);
  g_assert_cmpuint (diagnostics->len, ==, 0);
  g_assert_cmpuint (decisions->len, ==, 4);

  d = &g_array_index (decisions, OdanDecision, 0);
  g_assert_cmpfloat (d->time, ==, 30);
  g_assert_cmpuint (d->team, ==, odan_pack_find_team (pack, "telecom"));
  g_assert_cmpint (d->category, ==, ODAN_CATEGORY_BUSINESS_CONTINUITY);
  g_assert_cmpstr (d->summary, ==, "移動電源車と移動基地局車の配備を決定");
  g_assert_cmpuint (d->mitigation, ==, odan_pack_find_mitigation (pack, "M-03"));
  g_assert_cmpuint (d->inject, ==, odan_pack_find_inject (pack, "INJ-02"));
  g_assert_cmpuint (d->line, ==, 2);

  d = &g_array_index (decisions, OdanDecision, 1);
  g_assert_cmpfloat (d->time, ==, 370);
  g_assert_cmpint (d->category, ==, ODAN_CATEGORY_INFORMATION_SHARING);
  g_assert_cmpstr (d->summary, ==, "病院と通信局舎への燃料の優先供給を調整し、\n石油CEPTOARで共有");
  g_assert_cmpuint (d->mitigation, ==, odan_pack_find_mitigation (pack, "M-02"));
  g_assert_cmpuint (d->line, ==, 3);

  d = &g_array_index (decisions, OdanDecision, 2);
  g_assert_cmpfloat (d->time, ==, 1440);
  g_assert_cmpint (d->category, ==, ODAN_CATEGORY_MINISTRY_REPORT);
  g_assert_cmpuint (d->mitigation, ==, ODAN_NONE);
  g_assert_cmpuint (d->inject, ==, odan_pack_find_inject (pack, "INJ-08"));
  g_assert_cmpuint (d->line, ==, 5);

  d = &g_array_index (decisions, OdanDecision, 3);
  g_assert_cmpfloat (d->time, ==, 90);
  g_assert_cmpint (d->category, ==, ODAN_CATEGORY_DISCLOSURE);
  g_assert_cmpuint (d->inject, ==, ODAN_NONE);
  g_assert_cmpuint (d->line, ==, 6);
}

static void
test_bad (void)
{
  g_autoptr(OdanPack) pack = load_example ();
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "model", "decisions", "bad.csv", NULL);
  g_autoptr(GPtrArray) diagnostics = new_diagnostics ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) decisions = odan_decisions_load (path, pack, diagnostics, &error);
  const char *const expected[] = {
    "bad.csv:2: error: unknown team 'police' (column team)",
    "bad.csv:3: error: unknown category 'panic' (expected business-continuity, disclosure, "
    "ministry-report, information-sharing or other) (column category)",
    "bad.csv:4: error: unknown mitigation 'M-99' (column mitigation)",
    "bad.csv:4: error: unknown inject 'INJ-99' (column inject)",
    "bad.csv:5: error: mitigation 'M-01' is reserved for team 'power', not 'water' (column mitigation)",
    "bad.csv:6: error: time '2015-12-08T08:00' is before the scenario start 2015-12-08T09:00+09:00 (column time)",
    "bad.csv:7: error: missing value (column summary)",
    "bad.csv:8: error: the row has 7 fields but the header has 6",
  };

  g_assert_null (decisions);
  g_assert_error (error, ODAN_PACK_ERROR, ODAN_PACK_ERROR_INVALID);
  g_assert_cmpuint (diagnostics->len, ==, G_N_ELEMENTS (expected));
  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    {
      g_autofree char *text = odan_diagnostic_format (g_ptr_array_index (diagnostics, i));

      g_assert_cmpstr (text, ==, expected[i]);
    }
}

static void
test_missing_column (void)
{
  g_autoptr(OdanPack) pack = load_example ();
  g_autofree char *dir = g_dir_make_tmp ("odan-test-decisions-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "decisions.csv", NULL);
  g_autoptr(GPtrArray) diagnostics = new_diagnostics ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) decisions = NULL;
  g_autofree char *text = NULL;

  g_file_set_contents (path, "Time, Team ,summary\n+1h,power,x\n", -1, &error);
  g_assert_no_error (error);
  decisions = odan_decisions_load (path, pack, diagnostics, &error);
  g_assert_null (decisions);
  g_assert_error (error, ODAN_PACK_ERROR, ODAN_PACK_ERROR_INVALID);
  g_assert_cmpuint (diagnostics->len, ==, 1);
  text = odan_diagnostic_format (g_ptr_array_index (diagnostics, 0));
  g_assert_cmpstr (text, ==, "decisions.csv:1: error: missing required column 'category'");

  g_unlink (path);
  g_rmdir (dir);

  /* a file that cannot be read is an I/O error */
  g_clear_error (&error);
  decisions = odan_decisions_load (path, pack, NULL, &error);
  g_assert_null (decisions);
  g_assert_error (error, ODAN_PACK_ERROR, ODAN_PACK_ERROR_IO);
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/data/decisions/categories", test_categories);
  g_test_add_func ("/data/decisions/good", test_good);
  g_test_add_func ("/data/decisions/bad", test_bad);
  g_test_add_func ("/data/decisions/missing-column", test_missing_column);

  return g_test_run ();
}

/* test-msel-import.c — spreadsheet MSELs in both header styles and all
 * encodings, malformed rows, the mapping dialog's logic, and the
 * export → import round trip */
#include <glib.h>
#include <glib/gstdio.h>
#include <string.h>
#include <xlsxwriter.h>

#include "odan-msel-import.h"
#include "odan-pack-writer.h"
#include "odan-test-files.h"
#include "odan-test-packs.h"

static char *
fixture (const char *name)
{
  return g_test_build_filename (G_TEST_DIST, "authoring", "msel", name, NULL);
}

static OdanPack *
load (const char *path)
{
  g_autoptr(GError) error = NULL;
  OdanPack *pack = odan_pack_load (path, NULL, &error);

  g_assert_no_error (error);
  return pack;
}

static char *
scenario (const char *name)
{
  return g_build_filename (g_getenv ("ODAN_SCENARIOS"), name, NULL);
}

/* A copy of a shipped pack in a new temporary folder. */
static char *
copy_pack (const char *name)
{
  g_autofree char *source = scenario (name);

  return odan_test_copy_folder (source, "odan-msel-XXXXXX");
}

static char *
file_text (const char *dir, const char *name)
{
  g_autofree char *path = g_build_filename (dir, name, NULL);
  char *contents = NULL;

  g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
  return contents;
}

static OdanMselImport *
import_file (const char     *name,
             const OdanPack *pack,
             GPtrArray      *diags,
             GError        **error)
{
  g_autofree char *path = fixture (name);
  g_autoptr(OdanMselSheet) sheet = odan_msel_sheet_read (path, error);
  g_autoptr(OdanMselMapping) mapping = NULL;

  g_assert_nonnull (sheet);
  mapping = odan_msel_mapping_propose ((const char *const *) sheet->headers);
  return odan_msel_import (sheet, mapping, pack, diags, error);
}

static const OdanMselInject *
nth (const OdanMselImport *import, guint i)
{
  return g_ptr_array_index (import->injects, i);
}

static void
test_hseep (void)
{
  g_autofree char *example = scenario ("example");
  g_autoptr(OdanPack) pack = load (example);
  g_autofree char *path = fixture ("hseep-example.csv");
  g_autoptr(GError) error = NULL;
  g_autoptr(OdanMselSheet) sheet = odan_msel_sheet_read (path, &error);
  g_autoptr(OdanMselMapping) mapping = NULL;
  g_autoptr(OdanMselImport) import = NULL;
  g_autoptr(GPtrArray) diags = g_ptr_array_new_with_free_func ((GDestroyNotify) odan_diagnostic_free);
  static const OdanMselField expected[] = {
    ODAN_MSEL_FIELD_ID, ODAN_MSEL_FIELD_TIME, ODAN_MSEL_FIELD_EVENT_TYPE, ODAN_MSEL_FIELD_CHANNEL,
    ODAN_MSEL_FIELD_FROM, ODAN_MSEL_FIELD_TO, ODAN_MSEL_FIELD_BODY, ODAN_MSEL_FIELD_EXPECTED_ACTION,
    ODAN_MSEL_FIELD_OBJECTIVE, ODAN_MSEL_FIELD_EXTRA,
  };

  g_assert_no_error (error);
  g_assert_cmpint (sheet->encoding, ==, ODAN_CSV_ENCODING_UTF8);
  /* the title block above the header is skipped */
  g_assert_cmpuint (sheet->header_line, ==, 4);
  g_assert_cmpuint (sheet->rows->len, ==, 22);

  mapping = odan_msel_mapping_propose ((const char *const *) sheet->headers);
  g_assert_cmpuint (mapping->n_columns, ==, G_N_ELEMENTS (expected));
  for (guint c = 0; c < mapping->n_columns; c++)
    {
      g_assert_cmpint (mapping->columns[c].field, ==, expected[c]);
      g_assert_cmpfloat (mapping->columns[c].confidence, ==, 1.0);
    }

  import = odan_msel_import (sheet, mapping, pack, diags, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (diags->len, ==, 0);
  g_assert_cmpuint (import->injects->len, ==, 22);
  /* HSEEP's event type is a column of injects.csv now; Notes stays extra */
  g_assert_cmpuint (import->n_extra, ==, 1);
  g_assert_cmpstr (import->extra_names[0], ==, "Notes");

  /* a quoted message over two lines, with commas; its title is its first sentence */
  g_assert_cmpstr (nth (import, 0)->id, ==, "1");
  g_assert_cmpstr (nth (import, 0)->to, ==, "all");
  g_assert_cmpstr (nth (import, 0)->body, ==,
                   "At 09:00, a fault on the trunk line cut power to most of the Kanto area.\n"
                   "Restoration time is unknown, updates follow hourly.");
  g_assert_cmpstr (nth (import, 0)->title, ==,
                   "At 09:00, a fault on the trunk line cut power to most of the Kanto area");
  g_assert_cmpstr (nth (import, 0)->extra[0], ==, "Scene-setter, read aloud");
  g_assert_cmpstr (nth (import, 0)->event_type, ==, "Player Inject");
  g_assert_cmpuint (nth (import, 0)->line, ==, 5);
  g_assert_cmpuint (nth (import, 1)->line, ==, 7);

  /* times in every form the sheet uses */
  static const double minutes[] = {
    0, 15, 30, 60, 90, 105, 60, 90, 120, 150, 180, 210, 240, 270, 300, 360, 390, 420, 480,
    1440 + 30, 1440 + 60, 1440 + 120,
  };
  for (guint i = 0; i < G_N_ELEMENTS (minutes); i++)
    g_assert_cmpfloat (nth (import, i)->time, ==, minutes[i]);
  /* kept as written when injects.csv reads it, else in its own form */
  g_assert_cmpstr (nth (import, 3)->time_text, ==, "+1h");
  g_assert_cmpstr (nth (import, 1)->time_text, ==, "+15m");
  g_assert_cmpstr (nth (import, 6)->time_text, ==, "2015-12-08T10:00");

  /* names, sectors and lists of recipients */
  g_assert_cmpstr (nth (import, 1)->to, ==, "telecom");
  g_assert_cmpstr (nth (import, 7)->to, ==, "power;water");
  g_assert_cmpstr (nth (import, 8)->to, ==, "power");
  g_assert_cmpstr (nth (import, 9)->to, ==, "water;medical");
  g_assert_cmpstr (nth (import, 11)->body, ==, "Trains stuck between stations, \"evacuate passengers\" order issued.");
}

static void
test_cp932_cards (void)
{
  g_autofree char *example = scenario ("example");
  g_autoptr(OdanPack) pack = load (example);
  g_autofree char *path = fixture ("inject-cards-cp932.csv");
  g_autoptr(GError) error = NULL;
  g_autoptr(OdanMselSheet) sheet = odan_msel_sheet_read (path, &error);
  g_autoptr(OdanMselMapping) mapping = NULL;
  g_autoptr(OdanMselImport) import = NULL;
  g_autofree char *raw = NULL;
  gsize raw_len;

  /* the fixture really is CP932 with CRLF */
  g_assert_true (g_file_get_contents (path, &raw, &raw_len, NULL));
  g_assert_false (g_utf8_validate (raw, (gssize) raw_len, NULL));
  g_assert_nonnull (strstr (raw, "\r\n"));

  g_assert_no_error (error);
  g_assert_cmpint (sheet->encoding, ==, ODAN_CSV_ENCODING_CP932);
  mapping = odan_msel_mapping_propose ((const char *const *) sheet->headers);
  g_assert_cmpint (odan_msel_mapping_find (mapping, ODAN_MSEL_FIELD_TIME), ==, 0);
  g_assert_cmpint (odan_msel_mapping_find (mapping, ODAN_MSEL_FIELD_TO), ==, 1);
  g_assert_cmpint (odan_msel_mapping_find (mapping, ODAN_MSEL_FIELD_FROM), ==, 2);
  g_assert_cmpint (odan_msel_mapping_find (mapping, ODAN_MSEL_FIELD_CHANNEL), ==, 3);
  g_assert_cmpint (odan_msel_mapping_find (mapping, ODAN_MSEL_FIELD_BODY), ==, 4);
  g_assert_cmpint (odan_msel_mapping_find (mapping, ODAN_MSEL_FIELD_EXPECTED_ACTION), ==, 5);
  g_assert_cmpint (odan_msel_mapping_find (mapping, ODAN_MSEL_FIELD_OBJECTIVE), ==, 6);
  g_assert_cmpint (mapping->columns[7].field, ==, ODAN_MSEL_FIELD_EXTRA);
  g_assert_cmpint (odan_msel_mapping_find (mapping, ODAN_MSEL_FIELD_ID), ==, -1);

  import = odan_msel_import (sheet, mapping, pack, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (import->injects->len, ==, 9);

  /* no id column: stable generated ids; no title column: the first sentence */
  g_assert_cmpstr (nth (import, 0)->id, ==, "msel-001");
  g_assert_cmpstr (nth (import, 8)->id, ==, "msel-009");
  g_assert_cmpstr (nth (import, 0)->title, ==, "9時00分、基幹送電線の事故により関東エリアのほぼ全域が停電した");
  /* CRLF inside the quoted cell becomes LF */
  g_assert_cmpstr (nth (import, 0)->body, ==,
                   "9時00分、基幹送電線の事故により関東エリアのほぼ全域が停電した。\n復旧の見込みは現時点で不明。");

  static const double minutes[] = { 0, 15, 30, 90, 120, 150, 240, 360, 1500 };
  for (guint i = 0; i < G_N_ELEMENTS (minutes); i++)
    g_assert_cmpfloat (nth (import, i)->time, ==, minutes[i]);

  g_assert_cmpstr (nth (import, 0)->to, ==, "all");
  g_assert_cmpstr (nth (import, 1)->to, ==, "telecom");
  g_assert_cmpstr (nth (import, 2)->to, ==, "water");
  g_assert_cmpstr (nth (import, 3)->to, ==, "medical;finance");
  g_assert_cmpstr (nth (import, 4)->to, ==, "power");
  g_assert_cmpstr (nth (import, 5)->to, ==, "rail");
  g_assert_cmpstr (nth (import, 0)->extra[0], ==, "読み上げ");
  g_assert_cmpuint (nth (import, 1)->line, ==, 4);
}

static void
test_bom_variants (void)
{
  g_autofree char *example = scenario ("example");
  g_autoptr(OdanPack) pack = load (example);
  g_autoptr(GError) error = NULL;
  g_autoptr(OdanMselImport) import = import_file ("variants-bom.csv", pack, NULL, &error);

  g_assert_no_error (error);
  g_assert_cmpuint (import->injects->len, ==, 3);
  g_assert_cmpuint (import->n_extra, ==, 0);
  g_assert_cmpstr (nth (import, 0)->id, ==, "A-1");
  g_assert_cmpstr (nth (import, 0)->title, ==, "大規模停電");
  g_assert_cmpstr (nth (import, 0)->sharing, ==, "TLP:GREEN");
  g_assert_cmpstr (nth (import, 1)->title, ==, "配水池の水位が低下している");
  g_assert_cmpstr (nth (import, 1)->to, ==, "water");
  g_assert_cmpfloat (nth (import, 1)->time, ==, 60);
  g_assert_cmpstr (nth (import, 2)->to, ==, "telecom;rail");
  g_assert_cmpfloat (nth (import, 2)->time, ==, 300);
  g_assert_cmpstr (nth (import, 2)->channel, ==, "FAX");
}

static void
test_malformed (void)
{
  g_autofree char *example = scenario ("example");
  g_autoptr(OdanPack) pack = load (example);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) diags = g_ptr_array_new_with_free_func ((GDestroyNotify) odan_diagnostic_free);
  g_autoptr(OdanMselImport) import = import_file ("malformed.csv", pack, diags, &error);
  static const struct { guint line; const char *column; const char *words; } expected[] = {
    { 3, "Designated Scenario Time", "bad time 'soon'" },
    { 4, "To", "unknown recipient 'Gas team'" },
    { 5, "Message", "empty message" },
    { 6, "Event Number", "duplicate event number '2' (first used on line 3)" },
    { 8, "Designated Scenario Time", "before the start" },
  };

  g_assert_null (import);
  g_assert_error (error, ODAN_MSEL_ERROR, ODAN_MSEL_ERROR_INVALID);
  g_assert_cmpuint (diags->len, ==, G_N_ELEMENTS (expected));
  for (guint i = 0; i < diags->len; i++)
    {
      const OdanDiagnostic *d = g_ptr_array_index (diags, i);
      g_autofree char *text = odan_diagnostic_format (d);

      g_test_message ("%s", text);
      g_assert_true (g_str_has_suffix (d->file, "malformed.csv"));
      g_assert_cmpuint (d->line, ==, expected[i].line);
      g_assert_cmpstr (d->column, ==, expected[i].column);
      g_assert_nonnull (strstr (d->message, expected[i].words));
    }
}

static void
test_ambiguous (void)
{
  g_autofree char *kanto = scenario ("kanto");
  g_autoptr(OdanPack) pack = load (kanto);
  static const char csv[] =
    "時刻,付与先,内容\n"
    "T+0,情報通信,通信障害が発生。\n"        /* two telecom CEPTOAR teams */
    "T+5,T-CEPTOARチーム,基地局が停止。\n"
    "T+10,全員;t-ceptoar,混在。\n";
  g_autoptr(GError) error = NULL;
  g_autoptr(OdanMselSheet) sheet = odan_msel_sheet_read_data ("inline.csv", csv, sizeof csv - 1, &error);
  g_autoptr(OdanMselMapping) mapping = odan_msel_mapping_propose ((const char *const *) sheet->headers);
  g_autoptr(GPtrArray) diags = g_ptr_array_new_with_free_func ((GDestroyNotify) odan_diagnostic_free);
  g_autoptr(OdanMselImport) import = odan_msel_import (sheet, mapping, pack, diags, &error);
  const OdanDiagnostic *d;

  g_assert_null (import);
  g_assert_cmpuint (diags->len, ==, 2);
  d = g_ptr_array_index (diags, 0);
  g_assert_cmpuint (d->line, ==, 2);
  g_assert_nonnull (strstr (d->message, "'情報通信' is ambiguous"));
  g_assert_nonnull (strstr (d->message, "t-ceptoar"));
  d = g_ptr_array_index (diags, 1);
  g_assert_cmpuint (d->line, ==, 4);
  g_assert_nonnull (strstr (d->message, "'all' cannot be combined"));
}

/* The dialog: propose, override, check, save, reload. */
static void
test_mapping_dialog (void)
{
  const char *headers[] = { "When", "Who gets it", "What happens", "Card colour", NULL };
  const char *other[] = { "When", "Who gets it", "What happens", NULL };
  g_autoptr(OdanMselMapping) mapping = odan_msel_mapping_propose (headers);
  g_autoptr(OdanMselMapping) reloaded = NULL;
  g_autoptr(OdanMselMapping) copy = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *tmp = g_dir_make_tmp ("odan-mapping-XXXXXX", NULL);
  g_autofree char *file = g_build_filename (tmp, "msel.mapping", NULL);

  /* nothing known: every column is kept as an extra column, with no confidence */
  for (guint c = 0; c < 4; c++)
    {
      g_assert_cmpint (mapping->columns[c].field, ==, ODAN_MSEL_FIELD_EXTRA);
      g_assert_cmpfloat (mapping->columns[c].confidence, ==, 0.0);
    }
  g_assert_false (odan_msel_mapping_check (mapping, &error));
  g_assert_error (error, ODAN_MSEL_ERROR, ODAN_MSEL_ERROR_MAPPING);
  g_clear_error (&error);

  /* the planner's choices */
  g_assert_cmpint (odan_msel_mapping_set (mapping, 0, ODAN_MSEL_FIELD_TIME), ==, -1);
  g_assert_cmpint (odan_msel_mapping_set (mapping, 1, ODAN_MSEL_FIELD_TO), ==, -1);
  g_assert_cmpint (odan_msel_mapping_set (mapping, 2, ODAN_MSEL_FIELD_TIME), ==, 0);
  g_assert_cmpint (mapping->columns[0].field, ==, ODAN_MSEL_FIELD_EXTRA);
  g_assert_cmpint (odan_msel_mapping_set (mapping, 0, ODAN_MSEL_FIELD_TIME), ==, 2);
  g_assert_cmpint (odan_msel_mapping_set (mapping, 2, ODAN_MSEL_FIELD_BODY), ==, -1);
  g_assert_cmpint (odan_msel_mapping_set (mapping, 3, ODAN_MSEL_FIELD_IGNORE), ==, -1);
  g_assert_cmpfloat (mapping->columns[1].confidence, ==, 1.0);
  g_assert_true (odan_msel_mapping_check (mapping, &error));
  g_assert_no_error (error);

  /* a column kept under a name injects.csv uses for a field is refused */
  copy = odan_msel_mapping_copy (mapping);
  g_free (copy->columns[3].header);
  copy->columns[3].header = g_strdup ("Effect");
  copy->columns[3].field = ODAN_MSEL_FIELD_EXTRA;
  g_assert_false (odan_msel_mapping_check (copy, &error));
  g_assert_error (error, ODAN_MSEL_ERROR, ODAN_MSEL_ERROR_MAPPING);
  g_clear_error (&error);

  /* saved, then found again by the header; another header is not */
  g_assert_true (odan_msel_mapping_save (mapping, file, &error));
  g_assert_no_error (error);
  reloaded = odan_msel_mapping_load (file, headers, &error);
  g_assert_no_error (error);
  for (guint c = 0; c < 4; c++)
    g_assert_cmpint (reloaded->columns[c].field, ==, mapping->columns[c].field);
  g_assert_cmpstr (reloaded->signature, ==, mapping->signature);
  g_assert_null (odan_msel_mapping_load (file, other, &error));
  g_assert_error (error, ODAN_MSEL_ERROR, ODAN_MSEL_ERROR_NO_MAPPING);
  g_clear_error (&error);

  /* the same header in other case and spacing has the same signature */
  {
    const char *spaced[] = { " WHEN ", "who gets  it", "What_happens", "Card colour", NULL };
    g_autofree char *a = odan_msel_header_signature (headers);
    g_autofree char *b = odan_msel_header_signature (spaced);
    g_assert_cmpstr (a, ==, b);
  }

  /* a second mapping goes into the same file beside the first */
  {
    g_autoptr(OdanMselMapping) second = odan_msel_mapping_propose (other);
    g_autoptr(OdanMselMapping) first_again = NULL;
    g_autoptr(OdanMselMapping) second_again = NULL;

    odan_msel_mapping_set (second, 0, ODAN_MSEL_FIELD_TIME);
    odan_msel_mapping_set (second, 1, ODAN_MSEL_FIELD_TO);
    odan_msel_mapping_set (second, 2, ODAN_MSEL_FIELD_TITLE);
    g_assert_true (odan_msel_mapping_save (second, file, &error));
    first_again = odan_msel_mapping_load (file, headers, &error);
    g_assert_no_error (error);
    g_assert_cmpint (first_again->columns[2].field, ==, ODAN_MSEL_FIELD_BODY);
    second_again = odan_msel_mapping_load (file, other, &error);
    g_assert_no_error (error);
    g_assert_cmpint (second_again->columns[2].field, ==, ODAN_MSEL_FIELD_TITLE);
  }

  g_remove (file);
  g_rmdir (tmp);
}

static void
test_keywords (void)
{
  const char *headers[] = { "Time of inject", "Sender organisation", "Message body text", "Internal ref", NULL };
  g_autoptr(OdanMselMapping) mapping = odan_msel_mapping_propose (headers);

  g_assert_cmpint (mapping->columns[0].field, ==, ODAN_MSEL_FIELD_TIME);
  g_assert_cmpfloat (mapping->columns[0].confidence, ==, 0.6);
  g_assert_cmpint (mapping->columns[1].field, ==, ODAN_MSEL_FIELD_FROM);
  g_assert_cmpint (mapping->columns[2].field, ==, ODAN_MSEL_FIELD_BODY);
  g_assert_cmpint (mapping->columns[3].field, ==, ODAN_MSEL_FIELD_EXTRA);
  g_assert_cmpfloat (mapping->columns[3].confidence, ==, 0.0);
}

static void
test_apply (void)
{
  g_autofree char *dir = copy_pack ("example");
  g_autoptr(OdanPack) pack = load (dir);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) diags = g_ptr_array_new_with_free_func ((GDestroyNotify) odan_diagnostic_free);
  g_autoptr(OdanMselImport) import = import_file ("hseep-example.csv", pack, NULL, &error);
  g_autofree char *before = file_text (dir, "injects.csv");
  g_autofree char *after = NULL;
  guint n = 0;

  g_assert_no_error (error);

  /* a dry run writes nothing */
  g_assert_true (odan_msel_import_apply (import, pack, FALSE, TRUE, diags, &n, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n, ==, 30);
  after = file_text (dir, "injects.csv");
  g_assert_cmpstr (before, ==, after);
  g_clear_pointer (&after, g_free);

  g_assert_true (odan_msel_import_apply (import, pack, FALSE, FALSE, diags, &n, &error));
  g_assert_no_error (error);
  {
    g_autoptr(OdanPack) merged = load (dir);
    guint32 i = odan_pack_find_inject (merged, "10");

    g_assert_cmpuint (merged->n_injects, ==, 30);
    g_assert_cmpstr (merged->injects[0].id, ==, "INJ-01");
    g_assert_cmpstr (merged->injects[0].body, ==, pack->injects[0].body);
    g_assert_cmpuint (i, ==, 8 + 9);
    g_assert_cmpfloat (merged->injects[i].time, ==, 150);
    g_assert_cmpuint (merged->inject_extra.n_columns, ==, 1);
    g_assert_cmpstr (merged->inject_extra.names[0], ==, "Notes");
    g_assert_cmpstr (merged->injects[i].event_type, ==, "Player Inject");
    g_assert_null (merged->injects[0].event_type);

    /* importing the same sheet again: every id is taken, nothing is written */
    g_autoptr(OdanMselImport) again = import_file ("hseep-example.csv", merged, NULL, &error);
    g_autofree char *merged_text = file_text (dir, "injects.csv");
    g_autofree char *unchanged = NULL;

    g_assert_no_error (error);
    g_ptr_array_set_size (diags, 0);
    g_assert_false (odan_msel_import_apply (again, merged, FALSE, FALSE, diags, NULL, &error));
    g_assert_error (error, ODAN_MSEL_ERROR, ODAN_MSEL_ERROR_INVALID);
    g_clear_error (&error);
    g_assert_cmpuint (diags->len, ==, 22);
    {
      const OdanDiagnostic *d = g_ptr_array_index (diags, 0);
      g_assert_cmpuint (d->line, ==, 5);
      g_assert_cmpstr (d->column, ==, "Event Number");
      g_assert_nonnull (strstr (d->message, "'1' is already in the pack (injects.csv line"));
    }
    unchanged = file_text (dir, "injects.csv");
    g_assert_cmpstr (unchanged, ==, merged_text);

    /* --replace: the sheet becomes the MSEL */
    g_ptr_array_set_size (diags, 0);
    g_assert_true (odan_msel_import_apply (again, merged, TRUE, FALSE, diags, &n, &error));
    g_assert_no_error (error);
    g_assert_cmpuint (n, ==, 22);
  }
  odan_test_remove_tree (dir);
}

/* MSEL export → import gives the same injects, in every header style */
static void
test_export_round_trip (gconstpointer data)
{
  const char *name = data;
  for (OdanMselStyle style = ODAN_MSEL_STYLE_PACK; style <= ODAN_MSEL_STYLE_JAPANESE; style++)
    {
      g_autofree char *dir = copy_pack (name);
      g_autoptr(OdanPack) pack = load (dir);
      g_autoptr(GBytes) csv = odan_msel_export_data (pack, style);
      g_autoptr(GError) error = NULL;
      g_autoptr(GPtrArray) diags = g_ptr_array_new_with_free_func ((GDestroyNotify) odan_diagnostic_free);
      g_autoptr(OdanMselSheet) sheet = NULL;
      g_autoptr(OdanMselMapping) mapping = NULL;
      g_autoptr(OdanMselImport) import = NULL;
      g_autoptr(OdanPack) reloaded = NULL;
      gsize len;
      const char *bytes = g_bytes_get_data (csv, &len);

      g_test_message ("%s, style %d", name, style);
      g_assert_cmpmem (bytes, 3, "\xEF\xBB\xBF", 3);
      sheet = odan_msel_sheet_read_data ("export.csv", bytes, len, &error);
      g_assert_no_error (error);
      g_assert_cmpint (sheet->encoding, ==, ODAN_CSV_ENCODING_UTF8_BOM);
      mapping = odan_msel_mapping_propose ((const char *const *) sheet->headers);
      for (guint c = 0; c < mapping->n_columns; c++)
        if (mapping->columns[c].field != ODAN_MSEL_FIELD_EXTRA)
          g_assert_cmpfloat (mapping->columns[c].confidence, ==, 1.0);
      import = odan_msel_import (sheet, mapping, pack, diags, &error);
      for (guint i = 0; i < diags->len; i++)
        {
          g_autofree char *t = odan_diagnostic_format (g_ptr_array_index (diags, i));
          g_test_message ("%s", t);
        }
      g_assert_no_error (error);
      g_assert_true (odan_msel_import_apply (import, pack, TRUE, FALSE, diags, NULL, &error));
      g_assert_no_error (error);
      reloaded = load (dir);
      odan_test_assert_injects_equal (pack, reloaded);
      odan_test_remove_tree (dir);
    }
}

/* The same through a workbook: MSEL export as .xlsx, import of its sheet */
static void
test_xlsx_round_trip (gconstpointer data)
{
  const char *name = data;

  for (OdanMselStyle style = ODAN_MSEL_STYLE_PACK; style <= ODAN_MSEL_STYLE_JAPANESE; style++)
    {
      g_autofree char *dir = copy_pack (name);
      g_autofree char *xlsx = g_build_filename (dir, "msel.xlsx", NULL);
      g_autoptr(OdanPack) pack = load (dir);
      g_autoptr(GError) error = NULL;
      g_autoptr(GPtrArray) diags = g_ptr_array_new_with_free_func ((GDestroyNotify) odan_diagnostic_free);
      g_autoptr(OdanMselSheet) sheet = NULL;
      g_autoptr(OdanMselMapping) mapping = NULL;
      g_autoptr(OdanMselImport) import = NULL;
      g_autoptr(OdanPack) reloaded = NULL;

      g_test_message ("%s, style %d", name, style);
      g_assert_true (odan_msel_export (pack, style, xlsx, &error));
      g_assert_no_error (error);
      sheet = odan_msel_sheet_read (xlsx, &error);
      g_assert_no_error (error);
      g_assert_cmpstr (sheet->sheet, ==, style == ODAN_MSEL_STYLE_JAPANESE ? "状況付与" : "MSEL");
      g_assert_cmpuint (sheet->header_line, ==, 1);
      g_assert_cmpuint (sheet->rows->len, ==, pack->n_injects);
      mapping = odan_msel_mapping_propose ((const char *const *) sheet->headers);
      import = odan_msel_import (sheet, mapping, pack, diags, &error);
      g_assert_no_error (error);
      g_assert_true (odan_msel_import_apply (import, pack, TRUE, FALSE, diags, NULL, &error));
      g_assert_no_error (error);
      reloaded = load (dir);
      odan_test_assert_injects_equal (pack, reloaded);
      odan_test_remove_tree (dir);
    }
}

/* A planner's workbook: the MSEL on the second sheet below a title block,
 * times as Excel date-time and time-of-day serials, the id a number. */
static void
test_xlsx_planner (void)
{
  g_autofree char *example = scenario ("example");
  g_autoptr(OdanPack) pack = load (example);
  g_autofree char *dir = g_dir_make_tmp ("odan-msel-xlsx-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "MSEL.xlsx", NULL);
  lxw_workbook *wb = workbook_new (path);
  lxw_worksheet *cover = workbook_add_worksheet (wb, "表紙");
  lxw_worksheet *msel = workbook_add_worksheet (wb, "MSEL");
  lxw_format *datetime = workbook_add_format (wb);
  lxw_format *clock = workbook_add_format (wb);
  lxw_datetime at = { 2015, 12, 8, 10, 30, 0 };
  const char *header[] = { "Event Number", "Designated Scenario Time", "To", "Message" };
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) diags = g_ptr_array_new_with_free_func ((GDestroyNotify) odan_diagnostic_free);
  g_autoptr(OdanMselSheet) sheet = NULL;
  g_autoptr(OdanMselMapping) mapping = NULL;
  g_autoptr(OdanMselImport) import = NULL;

  format_set_num_format (datetime, "yyyy/m/d h:mm");
  format_set_num_format (clock, "h:mm");
  worksheet_write_string (cover, 0, 0, "首都圏大規模停電 演習", NULL);
  worksheet_write_string (msel, 0, 0, "Master Scenario Events List", NULL);
  worksheet_write_string (msel, 1, 0, "Date of last revision: 2015-11-30", NULL);
  for (guint c = 0; c < G_N_ELEMENTS (header); c++)
    worksheet_write_string (msel, 4, (lxw_col_t) c, header[c], NULL);
  worksheet_write_number (msel, 5, 0, 1, NULL);
  worksheet_write_datetime (msel, 5, 1, &at, datetime);
  worksheet_write_string (msel, 5, 2, "power", NULL);
  worksheet_write_string (msel, 5, 3, "First report", NULL);
  worksheet_write_number (msel, 6, 0, 2, NULL);
  worksheet_write_number (msel, 6, 1, 11.0 / 24.0, clock);
  worksheet_write_string (msel, 6, 2, "all", NULL);
  worksheet_write_string (msel, 6, 3, "Second report", NULL);
  worksheet_write_number (msel, 7, 0, 3, NULL);
  worksheet_write_string (msel, 7, 1, "T+3h", NULL);
  worksheet_write_string (msel, 7, 2, "nobody", NULL);
  worksheet_write_string (msel, 7, 3, "Third report", NULL);
  g_assert_cmpint (workbook_close (wb), ==, LXW_NO_ERROR);

  sheet = odan_msel_sheet_read_sheet (path, "MSEL", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (sheet->header_line, ==, 5);
  g_assert_cmpuint (sheet->rows->len, ==, 3);
  mapping = odan_msel_mapping_propose ((const char *const *) sheet->headers);
  import = odan_msel_import (sheet, mapping, pack, diags, &error);
  /* the unknown team of row 8 is named with the file and the sheet's row */
  g_assert_error (error, ODAN_MSEL_ERROR, ODAN_MSEL_ERROR_INVALID);
  g_assert_null (import);
  g_assert_cmpuint (diags->len, >=, 1);
  {
    g_autofree char *text = odan_diagnostic_format (g_ptr_array_index (diags, 0));

    g_assert_nonnull (strstr (text, "MSEL.xlsx:8"));
    g_assert_nonnull (strstr (text, "nobody"));
  }
  g_clear_error (&error);
  g_ptr_array_set_size (diags, 0);

  g_free (((OdanMselRow *) g_ptr_array_index (sheet->rows, 2))->fields[2]);
  ((OdanMselRow *) g_ptr_array_index (sheet->rows, 2))->fields[2] = g_strdup ("water");
  import = odan_msel_import (sheet, mapping, pack, diags, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (import->injects->len, ==, 3);
  g_assert_cmpfloat (((OdanMselInject *) g_ptr_array_index (import->injects, 0))->time, ==, 90.0);
  g_assert_cmpfloat (((OdanMselInject *) g_ptr_array_index (import->injects, 1))->time, ==, 120.0);
  g_assert_cmpfloat (((OdanMselInject *) g_ptr_array_index (import->injects, 2))->time, ==, 180.0);
  g_assert_cmpstr (((OdanMselInject *) g_ptr_array_index (import->injects, 0))->id, ==, "1");

  /* a CSV file has no sheet to choose; a workbook names the ones it has */
  g_clear_pointer (&sheet, odan_msel_sheet_free);
  sheet = odan_msel_sheet_read_sheet (path, "Sheet1", &error);
  g_assert_null (sheet);
  g_assert_nonnull (strstr (error->message, "表紙, MSEL"));
  odan_test_remove_tree (dir);
}

/* HSEEP's control-cell columns: imported into their own fields of
 * injects.csv, exported under HSEEP's and Japanese names, and back */
static void
test_hseep_control_columns (void)
{
  static const char csv[] =
    "Event Number,Designated Scenario Time,To,Message,Event Type,Responsible Controller,Evaluator Instructions\n"
    "C-1,T+10,power,Substation fire reported,Contingency,Controller 2 (power desk),"
    "\"Watch whether the team reports to METI within 30 min\"\n";
  g_autofree char *dir = copy_pack ("example");
  g_autoptr(OdanPack) pack = load (dir);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) diags = g_ptr_array_new_with_free_func ((GDestroyNotify) odan_diagnostic_free);
  g_autoptr(OdanMselSheet) sheet = odan_msel_sheet_read_data ("control.csv", csv, sizeof csv - 1, &error);
  g_autoptr(OdanMselMapping) mapping = NULL;
  g_autoptr(OdanMselImport) import = NULL;
  g_autoptr(OdanPack) merged = NULL;
  guint32 c;

  g_assert_no_error (error);
  mapping = odan_msel_mapping_propose ((const char *const *) sheet->headers);
  g_assert_cmpint (odan_msel_mapping_find (mapping, ODAN_MSEL_FIELD_EVENT_TYPE), ==, 4);
  g_assert_cmpint (odan_msel_mapping_find (mapping, ODAN_MSEL_FIELD_CONTROLLER), ==, 5);
  g_assert_cmpint (odan_msel_mapping_find (mapping, ODAN_MSEL_FIELD_EVALUATOR_INSTRUCTIONS), ==, 6);
  import = odan_msel_import (sheet, mapping, pack, diags, &error);
  g_assert_no_error (error);
  g_assert_true (odan_msel_import_apply (import, pack, FALSE, FALSE, diags, NULL, &error));
  g_assert_no_error (error);

  merged = load (dir);
  c = odan_pack_find_inject (merged, "C-1");
  g_assert_cmpstr (merged->injects[c].event_type, ==, "Contingency");
  g_assert_cmpstr (merged->injects[c].controller, ==, "Controller 2 (power desk)");
  g_assert_cmpstr (merged->injects[c].evaluator_instructions, ==, "Watch whether the team reports to METI within 30 min");
  {
    g_autofree char *text = file_text (dir, "injects.csv");

    g_assert_nonnull (strstr (text, "event_type,responsible_controller,evaluator_instructions"));
  }
  {
    g_autoptr(GBytes) hseep = odan_msel_export_data (merged, ODAN_MSEL_STYLE_HSEEP);
    g_autoptr(GBytes) japanese = odan_msel_export_data (merged, ODAN_MSEL_STYLE_JAPANESE);
    g_autofree char *h = g_strndup (g_bytes_get_data (hseep, NULL), g_bytes_get_size (hseep));
    g_autofree char *j = g_strndup (g_bytes_get_data (japanese, NULL), g_bytes_get_size (japanese));

    g_assert_nonnull (strstr (h, ",Event Type,Responsible Controller,Evaluator Instructions"));
    g_assert_nonnull (strstr (h, ",Contingency,Controller 2 (power desk),Watch whether"));
    g_assert_nonnull (strstr (j, ",付与種別,担当コントローラー,評価者への指示"));
  }
  odan_test_remove_tree (dir);
}

/* The mapping file's words are the nicks of OdanMselField, read in any
 * case and with blanks around; the export styles' the nicks of
 * OdanMselStyle, with two aliases. */
static void
test_words (void)
{
  static const struct { OdanMselField field; const char *word; } fields[] = {
    { ODAN_MSEL_FIELD_IGNORE, "ignore" }, { ODAN_MSEL_FIELD_ID, "id" },
    { ODAN_MSEL_FIELD_TIME, "time" }, { ODAN_MSEL_FIELD_TO, "to" },
    { ODAN_MSEL_FIELD_FROM, "from" }, { ODAN_MSEL_FIELD_CHANNEL, "channel" },
    { ODAN_MSEL_FIELD_TITLE, "title" }, { ODAN_MSEL_FIELD_TITLE_JA, "title_ja" },
    { ODAN_MSEL_FIELD_BODY, "body" }, { ODAN_MSEL_FIELD_EXPECTED_ACTION, "expected_action" },
    { ODAN_MSEL_FIELD_OBJECTIVE, "objective" }, { ODAN_MSEL_FIELD_EFFECT, "effect" },
    { ODAN_MSEL_FIELD_SHARING, "sharing" }, { ODAN_MSEL_FIELD_EVENT_TYPE, "event_type" },
    { ODAN_MSEL_FIELD_CONTROLLER, "responsible_controller" },
    { ODAN_MSEL_FIELD_EVALUATOR_INSTRUCTIONS, "evaluator_instructions" }, { ODAN_MSEL_FIELD_EXTRA, "extra" },
  };
  static const struct { const char *word; OdanMselStyle style; } styles[] = {
    { "pack", ODAN_MSEL_STYLE_PACK }, { "Odan", ODAN_MSEL_STYLE_PACK },
    { "HSEEP", ODAN_MSEL_STYLE_HSEEP }, { "japanese", ODAN_MSEL_STYLE_JAPANESE },
    { "ja", ODAN_MSEL_STYLE_JAPANESE },
  };
  OdanMselField field;
  OdanMselStyle style;

  G_STATIC_ASSERT (G_N_ELEMENTS (fields) == ODAN_MSEL_N_FIELDS);
  for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
    {
      g_autofree char *up = g_ascii_strup (fields[i].word, -1);
      g_autofree char *upper = g_strdup_printf (" %s ", up);

      g_assert_cmpstr (odan_msel_field_to_string (fields[i].field), ==, fields[i].word);
      g_assert_true (odan_msel_field_from_string (upper, &field));
      g_assert_cmpint (field, ==, fields[i].field);
    }
  g_assert_false (odan_msel_field_from_string ("title-ja", &field));
  g_assert_false (odan_msel_field_from_string ("", &field));

  for (guint i = 0; i < G_N_ELEMENTS (styles); i++)
    {
      g_assert_true (odan_msel_style_from_string (styles[i].word, &style));
      g_assert_cmpint (style, ==, styles[i].style);
    }
  g_assert_false (odan_msel_style_from_string ("excel", &style));
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/data/msel-import/hseep", test_hseep);
  g_test_add_func ("/data/msel-import/words", test_words);
  g_test_add_func ("/data/msel-import/cp932-cards", test_cp932_cards);
  g_test_add_func ("/data/msel-import/bom-variants", test_bom_variants);
  g_test_add_func ("/data/msel-import/malformed", test_malformed);
  g_test_add_func ("/data/msel-import/ambiguous", test_ambiguous);
  g_test_add_func ("/data/msel-import/mapping-dialog", test_mapping_dialog);
  g_test_add_func ("/data/msel-import/keywords", test_keywords);
  g_test_add_func ("/data/msel-import/apply", test_apply);
  g_test_add_data_func ("/data/msel-import/export-round-trip/example", "example", test_export_round_trip);
  g_test_add_data_func ("/data/msel-import/xlsx-round-trip/example", "example", test_xlsx_round_trip);
  g_test_add_data_func ("/data/msel-import/xlsx-round-trip/ceptoar-drill", "ceptoar-drill", test_xlsx_round_trip);
  g_test_add_func ("/data/msel-import/xlsx-planner", test_xlsx_planner);
  g_test_add_func ("/data/msel-import/hseep-control-columns", test_hseep_control_columns);
  g_test_add_data_func ("/data/msel-import/export-round-trip/kanto", "kanto", test_export_round_trip);
  g_test_add_data_func ("/data/msel-import/export-round-trip/ceptoar-drill", "ceptoar-drill", test_export_round_trip);
  return g_test_run ();
}

/* test-authoring.c — scenario authoring under a display: the MSEL import
 * dialog, the scenario editor and its preview
 *
 * Each case works on a copy of the example pack in a temporary folder and
 * drives the widgets the planner uses (combo rows, entry rows, the
 * editor.* actions), then reads the pack folder back with the loader.
 * XDG_CONFIG_HOME points into a temporary folder too, so remembered
 * mappings neither come from nor go to the user's. Without a display the
 * cases skip.
 */
#define G_LOG_DOMAIN "odan-test"

#include <glib/gstdio.h>
#include <string.h>

#include "odan-msel-import-dialog-private.h"
#include "odan-scenario-editor-private.h"
#include "odan-table-row.h"
#include "odan-test-files.h"
#include "odan-window-private.h"
#include "odan-xlsx.h"
#include "ui-test.h"

static OdanApplication *app;  /* NULL without a display */
static char *config_dir;

#define REQUIRE_DISPLAY() UI_TEST_REQUIRE_DISPLAY (app)

typedef struct {
  char *pack;        /* a copy of the example pack */
} Fixture;

static void
fixture_setup (Fixture       *fixture,
               gconstpointer  data)
{
  g_autofree char *source = g_build_filename (g_getenv ("ODAN_SCENARIOS"), "example", NULL);

  fixture->pack = odan_test_copy_folder (source, "odan-test-authoring-XXXXXX");
  /* no mapping remembered from an earlier case */
  if (g_file_test (config_dir, G_FILE_TEST_IS_DIR))
    g_assert_true (odan_test_remove_tree (config_dir));
}

static void
fixture_teardown (Fixture       *fixture,
                  gconstpointer  data)
{
  g_assert_true (odan_test_remove_tree (fixture->pack));
  g_free (fixture->pack);
}

static char *
msel_fixture (const char *name)
{
  return g_test_build_filename (G_TEST_DIST, "authoring", "msel", name, NULL);
}

static char *
read_file (const char *dir,
           const char *name)
{
  g_autofree char *path = g_build_filename (dir, name, NULL);
  g_autoptr(GError) error = NULL;
  char *contents = NULL;

  g_file_get_contents (path, &contents, NULL, &error);
  g_assert_no_error (error);
  return contents;
}

static OdanPack *
load_pack (const char *path)
{
  g_autoptr(GPtrArray) diagnostics = g_ptr_array_new_with_free_func ((GDestroyNotify) odan_diagnostic_free);
  g_autoptr(GError) error = NULL;
  OdanPack *pack = odan_pack_load (path, diagnostics, &error);

  g_assert_no_error (error);
  g_assert_nonnull (pack);
  return pack;
}

/* The sheet column named @header. */
static guint
column_of (OdanMselImportDialog *dialog,
           const char           *header)
{
  for (guint c = 0; c < dialog->sheet->n_columns; c++)
    if (strcmp (dialog->sheet->headers[c], header) == 0)
      return c;
  g_assert_not_reached ();
}

static AdwComboRow *
combo_of (OdanMselImportDialog *dialog,
          const char           *header)
{
  AdwComboRow *row = g_ptr_array_index (dialog->combo_rows, column_of (dialog, header));

  /* the row shows the sheet's own column name */
  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)), ==, header);
  return row;
}

static void
on_imported (OdanMselImportDialog *dialog,
             guint                 n_injects,
             gpointer              user_data)
{
  *(guint *) user_data = n_injects;
}

static OdanMselImportDialog *
open_dialog (Fixture    *fixture,
             const char *sheet)
{
  g_autofree char *path = msel_fixture (sheet);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  OdanMselImportDialog *dialog = odan_msel_import_dialog_new (NULL, fixture->pack);

  gtk_window_present (GTK_WINDOW (dialog));
  g_assert_true (odan_msel_import_dialog_open_file (dialog, file, &error));
  g_assert_no_error (error);
  ui_test_drain ();
  return dialog;
}

static guint
count_children (GtkWidget *widget)
{
  guint n = 0;

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    n++;
  return n;
}

/* Import ------------------------------------------------------------------- */

/* A workbook: its worksheets offered, the chosen one read and imported */
static void
test_import_xlsx (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autofree char *dir = g_dir_make_tmp ("odan-ui-xlsx-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "msel.xlsx", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  g_autoptr(OdanPack) before = NULL;
  g_autoptr(OdanPack) after = NULL;
  OdanXlsxWriter *w = odan_xlsx_writer_new (path);
  const char *cover[] = { "訓練 状況付与票" };
  const char *header[] = { "番号", "付与時刻", "付与先", "付与内容" };
  const char *row[] = { "X-1", "T+30", "power", "停電の続報" };
  OdanMselImportDialog *dialog;
  guint n_imported = 0;

  REQUIRE_DISPLAY ();

  odan_xlsx_writer_sheet (w, "表紙");
  odan_xlsx_writer_row (w, cover, 1);
  odan_xlsx_writer_sheet (w, "状況付与");
  odan_xlsx_writer_row (w, header, G_N_ELEMENTS (header));
  odan_xlsx_writer_row (w, row, G_N_ELEMENTS (row));
  g_assert_true (odan_xlsx_writer_close (w, &error));

  before = load_pack (fixture->pack);
  dialog = odan_msel_import_dialog_new (NULL, fixture->pack);
  gtk_window_present (GTK_WINDOW (dialog));
  g_assert_true (odan_msel_import_dialog_open_file (dialog, file, &error));
  g_assert_no_error (error);
  ui_test_drain ();
  /* the first sheet has no MSEL: nothing to import, the sheets offered */
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (dialog->sheet_row)));
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (dialog->encoding_row)));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (dialog->sheet_model)), ==, 2);
  g_assert_cmpstr (dialog->sheet->sheet, ==, "表紙");
  g_assert_false (gtk_widget_get_sensitive (GTK_WIDGET (dialog->import_button)));

  adw_combo_row_set_selected (dialog->sheet_row, 1);
  ui_test_drain ();
  g_assert_cmpstr (dialog->sheet->sheet, ==, "状況付与");
  g_assert_cmpuint (dialog->sheet->rows->len, ==, 1);
  g_assert_true (gtk_widget_get_sensitive (GTK_WIDGET (dialog->import_button)));
  g_signal_connect (dialog, "imported", G_CALLBACK (on_imported), &n_imported);
  g_signal_emit_by_name (dialog->import_button, "clicked");
  ui_test_drain ();
  g_assert_cmpuint (n_imported, ==, before->n_injects + 1);
  after = load_pack (fixture->pack);
  g_assert_cmpfloat (after->injects[odan_pack_find_inject (after, "X-1")].time, ==, 30);
  g_assert_true (odan_test_remove_tree (dir));
}

static void
test_import_hseep (Fixture       *fixture,
                   gconstpointer  data)
{
  OdanMselImportDialog *dialog;
  g_autoptr(OdanPack) before = NULL;
  g_autoptr(OdanPack) after = NULL;
  g_autofree char *injects = NULL;
  g_autofree char *mapping_file = NULL;
  guint n_imported = 0;
  guint n_rows;

  REQUIRE_DISPLAY ();

  before = load_pack (fixture->pack);
  dialog = open_dialog (fixture, "hseep-example.csv");

  /* the sheet as read: title rows above the header skipped */
  g_assert_cmpuint (dialog->sheet->header_line, ==, 4);
  g_assert_nonnull (strstr (adw_action_row_get_subtitle (dialog->header_row), "Designated Scenario Time"));
  g_assert_cmpuint (dialog->combo_rows->len, ==, dialog->sheet->n_columns);
  n_rows = dialog->sheet->rows->len;

  /* the proposal, one row per column */
  g_assert_cmpuint (adw_combo_row_get_selected (combo_of (dialog, "Event Number")), ==, ODAN_MSEL_FIELD_ID);
  g_assert_cmpuint (adw_combo_row_get_selected (combo_of (dialog, "Designated Scenario Time")), ==, ODAN_MSEL_FIELD_TIME);
  g_assert_cmpuint (adw_combo_row_get_selected (combo_of (dialog, "To (Player/Group)")), ==, ODAN_MSEL_FIELD_TO);
  g_assert_cmpuint (adw_combo_row_get_selected (combo_of (dialog, "Message")), ==, ODAN_MSEL_FIELD_BODY);
  g_assert_cmpuint (adw_combo_row_get_selected (combo_of (dialog, "Event Type")), ==, ODAN_MSEL_FIELD_EVENT_TYPE);
  g_assert_cmpuint (adw_combo_row_get_selected (combo_of (dialog, "Notes")), ==, ODAN_MSEL_FIELD_EXTRA);
  g_assert_true (gtk_widget_get_sensitive (GTK_WIDGET (dialog->import_button)));
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (dialog->problems_group)));
  /* the preview: a heading row and the first five */
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (dialog->preview_group)));
  g_assert_cmpuint (count_children (GTK_WIDGET (dialog->preview_grid)), >=, 4 * 6);

  /* the planner drops the event type column */
  adw_combo_row_set_selected (combo_of (dialog, "Event Type"), ODAN_MSEL_FIELD_IGNORE);
  ui_test_drain ();
  g_assert_cmpint (dialog->mapping->columns[column_of (dialog, "Event Type")].field, ==, ODAN_MSEL_FIELD_IGNORE);
  g_assert_true (gtk_widget_get_sensitive (GTK_WIDGET (dialog->import_button)));

  g_signal_connect (dialog, "imported", G_CALLBACK (on_imported), &n_imported);
  g_assert_true (gtk_widget_is_sensitive (GTK_WIDGET (dialog->import_button)));
  g_signal_emit_by_name (dialog->import_button, "clicked");
  ui_test_drain ();
  g_assert_cmpuint (n_imported, ==, before->n_injects + n_rows);

  /* injects.csv: Excel's CSV, the rows added after the pack's own */
  injects = read_file (fixture->pack, "injects.csv");
  g_assert_true (g_str_has_prefix (injects, "\xEF\xBB\xBF"));
  g_assert_nonnull (strstr (injects, "\r\n"));
  g_assert_null (strstr (injects, "Event Type"));
  g_assert_nonnull (strstr (injects, "Notes"));
  after = load_pack (fixture->pack);
  g_assert_cmpuint (after->n_injects, ==, before->n_injects + n_rows);
  g_assert_cmpstr (after->injects[0].id, ==, before->injects[0].id);
  g_assert_cmpuint (odan_pack_find_inject (after, "1"), ==, before->n_injects);
  g_assert_cmpfloat (after->injects[before->n_injects].time, ==, 0);
  g_assert_true (after->injects[before->n_injects].to_all);

  /* remembered: the same header next time comes back with the choice */
  mapping_file = odan_msel_import_dialog_mapping_file ();
  g_assert_true (g_str_has_prefix (mapping_file, config_dir));
  g_assert_true (g_file_test (mapping_file, G_FILE_TEST_IS_REGULAR));
  dialog = open_dialog (fixture, "hseep-example.csv");
  g_assert_cmpuint (adw_combo_row_get_selected (combo_of (dialog, "Event Type")), ==, ODAN_MSEL_FIELD_IGNORE);
  g_assert_cmpstr (gtk_label_get_text (dialog->mapping_source_label), !=,
                   odan_msel_field_label (ODAN_MSEL_FIELD_IGNORE));
  /* its ids are in the pack now: an error, and Import stays off */
  g_assert_false (gtk_widget_get_sensitive (GTK_WIDGET (dialog->import_button)));
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (dialog->problems_group)));
  /* replacing the pack's injects instead has none */
  gtk_switch_set_active (dialog->replace_switch, TRUE);
  ui_test_drain ();
  g_assert_true (gtk_widget_get_sensitive (GTK_WIDGET (dialog->import_button)));
  g_assert_cmpuint (dialog->n_after, ==, n_rows);
  gtk_window_destroy (GTK_WINDOW (dialog));
  ui_test_drain ();
}

static void
test_import_cp932 (Fixture       *fixture,
                   gconstpointer  data)
{
  OdanMselImportDialog *dialog;
  g_autoptr(OdanPack) after = NULL;
  g_autofree char *injects = NULL;
  guint n_imported = 0;
  guint n_rows;

  REQUIRE_DISPLAY ();

  dialog = open_dialog (fixture, "inject-cards-cp932.csv");
  g_assert_cmpint (dialog->sheet->encoding, ==, ODAN_CSV_ENCODING_CP932);
  g_assert_nonnull (strstr (adw_action_row_get_subtitle (dialog->encoding_row), "CP932"));
  g_assert_cmpuint (adw_combo_row_get_selected (combo_of (dialog, "付与時刻")), ==, ODAN_MSEL_FIELD_TIME);
  g_assert_cmpuint (adw_combo_row_get_selected (combo_of (dialog, "付与先")), ==, ODAN_MSEL_FIELD_TO);
  g_assert_cmpuint (adw_combo_row_get_selected (combo_of (dialog, "付与内容")), ==, ODAN_MSEL_FIELD_BODY);
  g_assert_cmpuint (adw_combo_row_get_selected (combo_of (dialog, "備考")), ==, ODAN_MSEL_FIELD_EXTRA);
  n_rows = dialog->sheet->rows->len;

  /* 訓練目標 is kept as an extra column instead of the objective field */
  adw_combo_row_set_selected (combo_of (dialog, "訓練目標"), ODAN_MSEL_FIELD_EXTRA);
  ui_test_drain ();
  g_assert_true (gtk_widget_get_sensitive (GTK_WIDGET (dialog->import_button)));

  /* the sheet becomes the MSEL */
  gtk_switch_set_active (dialog->replace_switch, TRUE);
  ui_test_drain ();
  g_signal_connect (dialog, "imported", G_CALLBACK (on_imported), &n_imported);
  g_assert_true (gtk_widget_is_sensitive (GTK_WIDGET (dialog->import_button)));
  g_signal_emit_by_name (dialog->import_button, "clicked");
  ui_test_drain ();
  g_assert_cmpuint (n_imported, ==, n_rows);

  after = load_pack (fixture->pack);
  g_assert_cmpuint (after->n_injects, ==, n_rows);
  g_assert_cmpstr (after->injects[0].id, ==, "msel-001");
  g_assert_true (after->injects[0].to_all);
  g_assert_nonnull (strstr (after->injects[0].body, "基幹送電線"));
  g_assert_null (after->injects[0].objective);
  injects = read_file (fixture->pack, "injects.csv");
  g_assert_nonnull (strstr (injects, "訓練目標"));
  g_assert_nonnull (strstr (injects, "初動と第一報"));
}

static void
test_import_malformed (Fixture       *fixture,
                       gconstpointer  data)
{
  OdanMselImportDialog *dialog;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autofree char *mapping_file = NULL;
  g_autoptr(GString) problems = g_string_new (NULL);

  REQUIRE_DISPLAY ();

  before = read_file (fixture->pack, "injects.csv");
  dialog = open_dialog (fixture, "malformed.csv");

  g_assert_false (gtk_widget_get_sensitive (GTK_WIDGET (dialog->import_button)));
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (dialog->problems_group)));
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (dialog->preview_group)));

  /* every problem, FILE:LINE as odan-cli prints it */
  for (GtkWidget *row = gtk_widget_get_first_child (GTK_WIDGET (dialog->problems_list)); row != NULL;
       row = gtk_widget_get_next_sibling (row))
    g_string_append_printf (problems, "%s\n", adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)));
  g_assert_cmpuint (count_children (GTK_WIDGET (dialog->problems_list)), ==, 5);
  for (guint line = 3; line <= 8; line++)
    {
      g_autofree char *where = g_strdup_printf ("malformed.csv:%u: ", line);

      if (line == 7)
        g_assert_null (strstr (problems->str, where));
      else
        g_assert_nonnull (strstr (problems->str, where));
    }
  g_assert_nonnull (strstr (problems->str, "'soon'"));

  /* Import does nothing, even when its handler runs, and nothing was written */
  g_assert_false (gtk_widget_is_sensitive (GTK_WIDGET (dialog->import_button)));
  g_signal_emit_by_name (dialog->import_button, "clicked");
  ui_test_drain ();
  after = read_file (fixture->pack, "injects.csv");
  g_assert_cmpstr (before, ==, after);
  mapping_file = odan_msel_import_dialog_mapping_file ();
  g_assert_false (g_file_test (mapping_file, G_FILE_TEST_EXISTS));
  gtk_window_destroy (GTK_WINDOW (dialog));
  ui_test_drain ();
}

/* Editor ------------------------------------------------------------------- */

static void
type_into (GtkWidget  *field,
           const char *text)
{
  g_assert_true (ADW_IS_ENTRY_ROW (field));
  gtk_editable_set_text (GTK_EDITABLE (field), text);
  ui_test_drain ();
}

static void
activate (OdanScenarioEditor *editor,
          const char         *action)
{
  gtk_widget_activate_action (GTK_WIDGET (editor), action, NULL);
  ui_test_drain ();
}

static guint
find_row (OdanScenarioDocument *document,
          OdanPackTable         table,
          guint                 column,
          const char           *text)
{
  GListModel *rows = odan_scenario_document_get_rows (document, table);

  for (guint i = 0; i < g_list_model_get_n_items (rows); i++)
    if (strcmp (odan_scenario_document_get_cell (document, table, i, column), text) == 0)
      return i;
  g_assert_not_reached ();
}

/* The exercise overview of scenario.ini: typed, checked, undone, saved */
static void
test_editor_overview (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  OdanScenarioEditor *editor;
  OdanScenarioDocument *document;
  AdwEntryRow *sponsor, *area;
  g_autoptr(OdanPack) saved = NULL;
  g_autofree char *ini = NULL;

  REQUIRE_DISPLAY ();

  editor = odan_scenario_editor_new (GTK_APPLICATION (app), fixture->pack, &error);
  g_assert_no_error (error);
  gtk_window_set_default_size (GTK_WINDOW (editor), 1200, 760);
  gtk_window_present (GTK_WINDOW (editor));
  ui_test_drain ();
  document = odan_scenario_editor_get_document (editor);
  /* the editor's menu opens it */
  activate (editor, "editor.overview");
  g_assert_true (gtk_widget_get_visible (editor->overview_window));
  g_assert_true (gtk_widget_is_ancestor (GTK_WIDGET (editor->overview), editor->overview_window));
  sponsor = odan_overview_editor_get_row (editor->overview, ODAN_COL_SCENARIO_SPONSOR_JA);
  area = odan_overview_editor_get_row (editor->overview, ODAN_COL_SCENARIO_MISSION_AREA);
  /* the example pack's own values */
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (sponsor)), ==, "内閣サイバーセキュリティセンター（NISC）");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (area)), ==, "Response; Recovery");

  type_into (GTK_WIDGET (sponsor), "総務省");
  g_assert_cmpstr (odan_scenario_document_get_setting (document, ODAN_COL_SCENARIO_SPONSOR_JA), ==, "総務省");
  g_assert_true (odan_scenario_document_get_modified (document));

  /* a word that is no mission area: the loader's error, on the row */
  odan_scenario_document_close_group (document);
  type_into (GTK_WIDGET (area), "Response; Rescue");
  odan_scenario_document_validate (document);
  ui_test_drain ();
  g_assert_cmpuint (odan_scenario_document_get_n_errors (document), ==, 1);
  g_assert_true (gtk_widget_has_css_class (GTK_WIDGET (area), "error"));
  g_assert_false (odan_scenario_document_save (document, &error));
  g_clear_error (&error);

  /* undo takes it back, in the row too */
  g_assert_true (odan_scenario_document_undo (document));
  odan_scenario_document_validate (document);
  ui_test_drain ();
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (area)), ==, "Response; Recovery");
  g_assert_false (gtk_widget_has_css_class (GTK_WIDGET (area), "error"));
  g_assert_cmpuint (odan_scenario_document_get_n_errors (document), ==, 0);

  g_assert_true (odan_scenario_document_save (document, &error));
  g_assert_no_error (error);
  saved = load_pack (fixture->pack);
  g_assert_cmpstr (saved->sponsor_ja, ==, "総務省");
  g_assert_cmpstr (saved->mission_area, ==, "Response; Recovery");
  ini = read_file (fixture->pack, "scenario.ini");
  g_assert_nonnull (strstr (ini, "# Odan example pack"));   /* its comments kept */
  gtk_window_destroy (GTK_WINDOW (editor));
  ui_test_drain ();
}

static void
test_editor_edit_undo_save (Fixture       *fixture,
                            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  OdanScenarioEditor *editor;
  OdanScenarioDocument *document;
  OdanTableEditor *injects, *edges;
  g_autoptr(OdanPack) before = NULL;
  g_autoptr(OdanPack) after = NULL;
  g_autofree char *deps_before = NULL;
  g_autofree char *deps_unchanged = NULL;
  g_autofree char *inj02_time = NULL;
  int time_column, strength_column, provider_column;
  guint inj02, edge;
  guint32 e;

  REQUIRE_DISPLAY ();

  before = load_pack (fixture->pack);
  deps_before = read_file (fixture->pack, "dependencies.csv");
  editor = odan_scenario_editor_new (GTK_APPLICATION (app), fixture->pack, &error);
  g_assert_no_error (error);
  gtk_window_set_default_size (GTK_WINDOW (editor), 1200, 760);
  gtk_window_present (GTK_WINDOW (editor));
  ui_test_drain ();
  document = odan_scenario_editor_get_document (editor);
  g_assert_false (odan_scenario_document_get_modified (document));
  g_assert_cmpuint (odan_scenario_document_get_n_errors (document), ==, 0);

  /* an inject's time, typed into its field */
  injects = odan_scenario_editor_get_table_editor (editor, ODAN_PACK_TABLE_INJECTS);
  time_column = odan_scenario_document_find_column (document, ODAN_PACK_TABLE_INJECTS, "time");
  g_assert_cmpint (time_column, >=, 0);
  inj02 = find_row (document, ODAN_PACK_TABLE_INJECTS, 0, "INJ-02");
  inj02_time = g_strdup (odan_scenario_document_get_cell (document, ODAN_PACK_TABLE_INJECTS, inj02, time_column));
  odan_table_editor_select (injects, inj02);
  ui_test_drain ();
  g_assert_cmpint (odan_table_editor_get_selected (injects), ==, (int) inj02);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (odan_table_editor_get_field (injects, "time"))), ==, inj02_time);
  type_into (odan_table_editor_get_field (injects, "time"), "+45m");
  g_assert_cmpstr (odan_scenario_document_get_cell (document, ODAN_PACK_TABLE_INJECTS, inj02, time_column), ==, "+45m");
  g_assert_true (odan_scenario_document_get_modified (document));
  g_assert_cmpint (odan_table_editor_get_selected (injects), ==, (int) inj02);

  /* a dependency's strength: first a value the loader refuses */
  odan_scenario_editor_show_page (editor, "dependencies");
  edges = odan_scenario_editor_get_table_editor (editor, ODAN_PACK_TABLE_DEPENDENCIES);
  strength_column = odan_scenario_document_find_column (document, ODAN_PACK_TABLE_DEPENDENCIES, "strength");
  provider_column = odan_scenario_document_find_column (document, ODAN_PACK_TABLE_DEPENDENCIES, "provider");
  g_assert_cmpint (provider_column, ==, 0);
  edge = 0;
  odan_table_editor_select (edges, edge);
  ui_test_drain ();
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (odan_table_editor_get_field (edges, "strength"))), ==, "0.9");
  type_into (odan_table_editor_get_field (edges, "strength"), "1.5");
  /* the edge is refused, and with it the mitigation whose effect names it */
  g_assert_cmpuint (odan_scenario_document_get_n_errors (document), ==, 2);
  g_assert_null (odan_scenario_document_get_pack (document));
  /* the message beside the field, and in full as odan-cli validate prints it */
  g_assert_nonnull (odan_table_editor_get_field_problem (edges, "strength"));
  {
    GPtrArray *diagnostics = odan_scenario_document_get_diagnostics (document);
    g_autofree char *expected = NULL;

    /* sorted as odan-cli prints them: dependencies.csv before mitigations.csv */
    g_assert_cmpuint (diagnostics->len, >=, 1);
    expected = odan_diagnostic_format (g_ptr_array_index (diagnostics, 0));
    g_assert_true (g_str_has_prefix (expected, "dependencies.csv:2: "));
    g_assert_nonnull (strstr (expected, "1.5"));
    g_assert_cmpstr (odan_table_editor_get_row_problems (edges), ==, expected);
  }
  g_assert_nonnull (strstr (odan_table_editor_get_row_problems (edges), odan_table_editor_get_field_problem (edges, "strength")));
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (editor->problems_box)));
  /* no saving a pack with errors */
  activate (editor, "editor.save");
  g_assert_true (odan_scenario_document_get_modified (document));
  g_assert_false (odan_scenario_document_save (document, &error));
  g_assert_error (error, ODAN_PACK_ERROR, ODAN_PACK_ERROR_INVALID);
  g_clear_error (&error);
  deps_unchanged = read_file (fixture->pack, "dependencies.csv");
  g_assert_cmpstr (deps_unchanged, ==, deps_before);

  /* Ctrl+Z takes back the whole field's change, Ctrl+Shift+Z redoes it */
  activate (editor, "editor.undo");
  g_assert_cmpstr (odan_scenario_document_get_cell (document, ODAN_PACK_TABLE_DEPENDENCIES, edge, strength_column), ==, "0.9");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (odan_table_editor_get_field (edges, "strength"))), ==, "0.9");
  g_assert_cmpuint (odan_scenario_document_get_n_errors (document), ==, 0);
  g_assert_null (odan_table_editor_get_field_problem (edges, "strength"));
  activate (editor, "editor.redo");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (odan_table_editor_get_field (edges, "strength"))), ==, "1.5");
  g_assert_cmpuint (odan_scenario_document_get_n_errors (document), ==, 2);
  activate (editor, "editor.undo");

  /* a good value; then back to the time: undo twice, redo twice */
  type_into (odan_table_editor_get_field (edges, "strength"), "0.7");
  g_assert_cmpuint (odan_scenario_document_get_n_errors (document), ==, 0);
  activate (editor, "editor.undo");
  activate (editor, "editor.undo");
  g_assert_cmpstr (odan_scenario_document_get_cell (document, ODAN_PACK_TABLE_INJECTS, inj02, time_column), ==, inj02_time);
  g_assert_cmpstr (odan_scenario_document_get_cell (document, ODAN_PACK_TABLE_DEPENDENCIES, edge, strength_column), ==, "0.9");
  g_assert_false (odan_scenario_document_get_modified (document));
  activate (editor, "editor.redo");
  activate (editor, "editor.redo");
  g_assert_cmpstr (odan_scenario_document_get_cell (document, ODAN_PACK_TABLE_INJECTS, inj02, time_column), ==, "+45m");
  g_assert_cmpstr (odan_scenario_document_get_cell (document, ODAN_PACK_TABLE_DEPENDENCIES, edge, strength_column), ==, "0.7");

  /* save, then the folder as the loader reads it */
  activate (editor, "editor.save");
  g_assert_false (odan_scenario_document_get_modified (document));
  after = load_pack (fixture->pack);
  g_assert_cmpuint (after->n_injects, ==, before->n_injects);
  g_assert_cmpfloat (after->injects[odan_pack_find_inject (after, "INJ-02")].time, ==, 45);
  e = odan_pack_find_edge (after, odan_pack_find_node (after, "power.kanto"), odan_pack_find_node (after, "water.tokyo"));
  g_assert_cmpuint (e, !=, ODAN_NONE);
  g_assert_cmpfloat (after->edges[e].strength, ==, 0.7);
  g_assert_cmpuint (after->n_edges, ==, before->n_edges);

  /* a row added and deleted comes back with undo */
  odan_scenario_editor_show_page (editor, "mitigations");
  {
    OdanTableEditor *mitigations = odan_scenario_editor_get_table_editor (editor, ODAN_PACK_TABLE_MITIGATIONS);
    GListModel *rows = odan_scenario_document_get_rows (document, ODAN_PACK_TABLE_MITIGATIONS);
    guint n = g_list_model_get_n_items (rows);

    odan_table_editor_select (mitigations, 0);
    ui_test_drain ();
    odan_scenario_document_delete_row (document, ODAN_PACK_TABLE_MITIGATIONS, 0);
    ui_test_drain ();
    g_assert_cmpuint (g_list_model_get_n_items (rows), ==, n - 1);
    activate (editor, "editor.undo");
    g_assert_cmpuint (g_list_model_get_n_items (rows), ==, n);
    g_assert_false (odan_scenario_document_get_modified (document));
  }

  gtk_window_destroy (GTK_WINDOW (editor));
  ui_test_drain ();
}

static void
test_editor_preview (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  OdanScenarioEditor *editor;
  OdanPreviewView *view;
  const OdanPreview *preview;
  guint32 inj02;
  gboolean early = FALSE;
  g_autofree char *text = NULL;
  double x, y;

  REQUIRE_DISPLAY ();

  editor = odan_scenario_editor_new (GTK_APPLICATION (app), fixture->pack, &error);
  g_assert_no_error (error);
  gtk_window_set_default_size (GTK_WINDOW (editor), 1200, 760);
  gtk_window_present (GTK_WINDOW (editor));
  odan_scenario_editor_show_page (editor, "preview");
  ui_test_drain ();

  view = odan_scenario_editor_get_preview_view (editor);
  preview = odan_preview_view_get_preview (view);
  g_assert_nonnull (preview);
  g_assert_cmpuint (preview->n_sectors, ==, preview->pack->n_sectors);

  /* the example's INJ-02 speaks of congestion before telecoms degrade */
  inj02 = odan_pack_find_inject (preview->pack, "INJ-02");
  g_assert_cmpuint (inj02, !=, ODAN_NONE);
  g_assert_true (preview->injects[inj02].flagged);
  for (guint m = 0; m < preview->injects[inj02].n_mentions; m++)
    early |= preview->injects[inj02].mentions[m].timing == ODAN_PREVIEW_TIMING_EARLY;
  g_assert_true (early);
  text = odan_preview_view_describe (view, inj02);
  g_assert_true (g_str_has_prefix (text, "INJ-02"));
  g_assert_cmpuint (strlen (text), >, strlen ("INJ-02") + 20);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (editor->preview_list)));
  g_assert_nonnull (gtk_list_box_get_row_at_index (editor->preview_list, 0));

  /* its accessible description says what the picture shows: the injects,
   * the early one, and the blackout in the power lane */
  {
    g_autofree char *summary = odan_preview_view_get_summary (view);
    g_autofree char *count = g_strdup_printf ("%u", preview->n_injects);
    g_autofree char *message = gtk_test_accessible_check_property (GTK_ACCESSIBLE (view),
                                                                   GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, summary);
    guint32 power = odan_pack_find_sector (preview->pack, "power");
    const OdanSector *sector = &preview->pack->sectors[power];

    g_assert_null (message);
    g_assert_nonnull (strstr (summary, count));
    g_assert_nonnull (strstr (summary, odan_pack_localized (sector->name, sector->name_ja)));
  }

  /* its marker sits on the time axis at its time */
  g_assert_true (odan_preview_view_get_marker (view, inj02, &x, &y));
  g_assert_cmpfloat (x, >, 0);
  g_assert_cmpfloat (x, <, gtk_widget_get_width (GTK_WIDGET (view)));

  /* choosing it leads to the inject in the editor */
  g_signal_emit_by_name (view, "inject-activated", (guint) inj02);
  ui_test_drain ();
  g_assert_cmpstr (adw_view_stack_get_visible_child_name (editor->view_stack), ==, "injects");
  g_assert_cmpint (odan_table_editor_get_selected (odan_scenario_editor_get_table_editor (editor, ODAN_PACK_TABLE_INJECTS)),
                   ==, (int) inj02);

  /* moving it after the outage clears the flag */
  {
    OdanScenarioDocument *document = odan_scenario_editor_get_document (editor);
    int time_column = odan_scenario_document_find_column (document, ODAN_PACK_TABLE_INJECTS, "time");

    odan_scenario_document_set_cell (document, ODAN_PACK_TABLE_INJECTS, inj02, time_column, "+4h");
    preview = odan_preview_view_get_preview (odan_scenario_editor_get_preview_view (editor));
    g_assert_false (preview->injects[inj02].flagged);
  }

  gtk_widget_activate_action (GTK_WIDGET (editor), "editor.undo", NULL);
  ui_test_drain ();
  gtk_window_destroy (GTK_WINDOW (editor));
  ui_test_drain ();
}

static void
test_editor_from_window (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autoptr(GFile) folder = NULL;
  OdanWindow *window;
  OdanScenarioEditor *editor = NULL;
  GList *toplevels;

  REQUIRE_DISPLAY ();

  folder = g_file_new_for_path (fixture->pack);
  window = odan_window_new (app);
  gtk_window_present (GTK_WINDOW (window));
  odan_window_load (window, folder);
  while (odan_window_get_loading (window))
    g_main_context_iteration (NULL, TRUE);
  g_assert_nonnull (odan_window_get_pack (window));

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.edit-scenario", NULL));
  ui_test_drain ();
  toplevels = gtk_window_list_toplevels ();
  for (GList *l = toplevels; l != NULL; l = l->next)
    if (ODAN_IS_SCENARIO_EDITOR (l->data))
      editor = l->data;
  g_list_free (toplevels);
  g_assert_nonnull (editor);
  g_assert_cmpstr (odan_scenario_document_get_path (odan_scenario_editor_get_document (editor)), ==, fixture->pack);

  /* a save shows in the window: the pack is read again */
  {
    OdanScenarioDocument *document = odan_scenario_editor_get_document (editor);
    int title_column = odan_scenario_document_find_column (document, ODAN_PACK_TABLE_INJECTS, "title");

    odan_scenario_document_set_cell (document, ODAN_PACK_TABLE_INJECTS, 0, title_column, "Blackout, as edited");
    gtk_widget_activate_action (GTK_WIDGET (editor), "editor.save", NULL);
    while (odan_window_get_loading (window))
      g_main_context_iteration (NULL, TRUE);
    ui_test_drain ();
    g_assert_cmpstr (odan_window_get_pack (window)->injects[0].title, ==, "Blackout, as edited");
  }

  gtk_window_destroy (GTK_WINDOW (editor));
  gtk_window_destroy (GTK_WINDOW (window));
  ui_test_drain ();
}

/* A table the folder lacks starts with the schema's columns: teams get
 * role and member_of, and the editor shows a field for each. */
static void
test_editor_new_table_columns (Fixture       *fixture,
                               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *teams_csv = g_build_filename (fixture->pack, "teams.csv", NULL);
  OdanScenarioEditor *editor;
  OdanScenarioDocument *document;
  OdanTableEditor *teams;
  const char *const *columns;

  REQUIRE_DISPLAY ();

  /* the nodes' team column then refers to nothing: errors, but the editor opens */
  g_assert_cmpint (g_remove (teams_csv), ==, 0);

  editor = odan_scenario_editor_new (GTK_APPLICATION (app), fixture->pack, &error);
  g_assert_no_error (error);
  gtk_window_present (GTK_WINDOW (editor));
  ui_test_drain ();
  document = odan_scenario_editor_get_document (editor);

  columns = (const char *const *) odan_scenario_document_get_columns (document, ODAN_PACK_TABLE_TEAMS);
  g_assert_true (g_strv_contains (columns, "role"));
  g_assert_true (g_strv_contains (columns, "member_of"));
  g_assert_true (g_strv_contains (columns, "members"));
  /* the schema's order: member_of, then the simulated members' columns last */
  g_assert_cmpint (odan_scenario_document_find_column (document, ODAN_PACK_TABLE_TEAMS, "member_of"), ==,
                   (int) g_strv_length ((char **) columns) - 6);
  g_assert_cmpint (odan_scenario_document_find_column (document, ODAN_PACK_TABLE_TEAMS, "member_silent"), ==,
                   (int) g_strv_length ((char **) columns) - 1);

  /* a team added in the editor has both fields to fill in */
  teams = odan_scenario_editor_get_table_editor (editor, ODAN_PACK_TABLE_TEAMS);
  odan_scenario_document_insert_row (document, ODAN_PACK_TABLE_TEAMS, 0, NULL);
  odan_table_editor_select (teams, 0);
  ui_test_drain ();
  g_assert_nonnull (odan_table_editor_get_field (teams, "role"));
  g_assert_nonnull (odan_table_editor_get_field (teams, "member_of"));
  /* with a label of its own, not the bare column name */
  g_assert_cmpstr (odan_table_editor_column_label (ODAN_PACK_TABLE_TEAMS, "member_of"), !=, "member_of");

  gtk_window_destroy (GTK_WINDOW (editor));
  ui_test_drain ();
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autofree char *home = g_dir_make_tmp ("odan-test-config-XXXXXX", &error);
  int result;

  g_assert_no_error (error);
  /* before anything asks GLib for the user's folders */
  config_dir = g_build_filename (home, "config", NULL);
  g_setenv ("XDG_CONFIG_HOME", config_dir, TRUE);
  /* the preview's accessible description is read back through GTK's test
   * context (GTK_A11Y=none has no context to read) */
  if (g_strcmp0 (g_getenv ("GTK_A11Y"), "none") == 0)
    g_setenv ("GTK_A11Y", "test", TRUE);

  app = ui_test_init (&argc, &argv);

  g_test_add ("/ui/authoring/import-hseep", Fixture, NULL, fixture_setup, test_import_hseep, fixture_teardown);
  g_test_add ("/ui/authoring/import-xlsx", Fixture, NULL, fixture_setup, test_import_xlsx, fixture_teardown);
  g_test_add ("/ui/authoring/import-cp932", Fixture, NULL, fixture_setup, test_import_cp932, fixture_teardown);
  g_test_add ("/ui/authoring/import-malformed", Fixture, NULL, fixture_setup, test_import_malformed, fixture_teardown);
  g_test_add ("/ui/authoring/editor-overview", Fixture, NULL, fixture_setup, test_editor_overview, fixture_teardown);
  g_test_add ("/ui/authoring/editor", Fixture, NULL, fixture_setup, test_editor_edit_undo_save, fixture_teardown);
  g_test_add ("/ui/authoring/preview", Fixture, NULL, fixture_setup, test_editor_preview, fixture_teardown);
  g_test_add ("/ui/authoring/from-window", Fixture, NULL, fixture_setup, test_editor_from_window, fixture_teardown);
  g_test_add ("/ui/authoring/new-table-columns", Fixture, NULL, fixture_setup, test_editor_new_table_columns, fixture_teardown);

  result = ui_test_run (&app);
  if (g_file_test (config_dir, G_FILE_TEST_IS_DIR))
    g_assert_true (odan_test_remove_tree (config_dir));
  g_rmdir (home);
  g_free (config_dir);
  return result;
}

/* test-window.c — OdanWindow with real packs, under a display
 *
 * Each case builds a window of the real application, loads a pack from
 * disk and compares what the window shows with what odan_pack_load() reads
 * from the same folder: every sector and node of a good pack, every
 * diagnostic and no node of a broken one. Without a display the cases skip.
 */
#define G_LOG_DOMAIN "odan-test"

#include <glib/gstdio.h>
#include <string.h>

#include "odan-application.h"
#include "ui-test.h"
#include "odan-diagnostic-row.h"
#include "odan-test-files.h"
#include "odan-window-private.h"

static OdanApplication *app;  /* NULL without a display */

/* Set by the run with LANGUAGE=ja (tests/gui/meson.build): names must be the
 * Japanese ones wherever a pack gives them. Decided here, not by asking
 * odan_pack_localized(), so the test checks it too. */
static gboolean expect_japanese;

static const char *
expected_name (const char *name,
               const char *name_ja)
{
  return expect_japanese && name_ja != NULL && name_ja[0] != '\0' ? name_ja : name;
}

#define REQUIRE_DISPLAY() UI_TEST_REQUIRE_DISPLAY (app)

/* Helpers ------------------------------------------------------------------ */

static char *
example_path (void)
{
  const char *scenarios = g_getenv ("ODAN_SCENARIOS");

  g_assert_nonnull (scenarios);
  return g_build_filename (scenarios, "example", NULL);
}

static OdanPack *
load_expected (const char  *path,
               GPtrArray  **diagnostics,
               GError     **error)
{
  *diagnostics = g_ptr_array_new_with_free_func ((GDestroyNotify) odan_diagnostic_free);
  return odan_pack_load (path, *diagnostics, error);
}

/* A copy of the example pack with its first node repeated @n_copies times:
 * a duplicate id is an error whatever else the format allows. */
static char *
make_pack_with_duplicates (guint n_copies)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *source = example_path ();
  g_autofree char *nodes_path = NULL;
  g_autofree char *nodes = NULL;
  g_auto(GStrv) lines = NULL;
  g_autoptr(GString) broken = NULL;
  char *target = odan_test_copy_folder (source, "odan-test-broken-XXXXXX");

  nodes_path = g_build_filename (target, "nodes.csv", NULL);
  g_file_get_contents (nodes_path, &nodes, NULL, &error);
  g_assert_no_error (error);
  lines = g_strsplit (nodes, "\n", 3);
  g_assert_cmpuint (g_strv_length (lines), ==, 3);

  broken = g_string_new (nodes);
  if (broken->len > 0 && broken->str[broken->len - 1] != '\n')
    g_string_append_c (broken, '\n');
  for (guint i = 0; i < n_copies; i++)
    {
      g_string_append (broken, lines[1]);
      g_string_append_c (broken, '\n');
    }
  g_file_set_contents (nodes_path, broken->str, broken->len, &error);
  g_assert_no_error (error);

  return target;
}

static char *
make_broken_pack (void)
{
  return make_pack_with_duplicates (1);
}

static OdanWindow *
window_new (void)
{
  OdanWindow *window = odan_window_new (app);

  gtk_window_present (GTK_WINDOW (window));
  return window;
}

static void
load_and_wait (OdanWindow *window,
               const char *path)
{
  g_autoptr(GFile) folder = g_file_new_for_path (path);

  odan_window_load (window, folder);
  g_assert_true (odan_window_get_loading (window));
  g_assert_cmpstr (gtk_stack_get_visible_child_name (window->stack), ==, "loading");
  g_assert_null (odan_window_get_pack (window));

  /* Not a timeout: the loop runs until the load's callback has run. */
  while (odan_window_get_loading (window))
    g_main_context_iteration (NULL, TRUE);
}

static void
collect_widgets (GtkWidget  *widget,
                 GType       type,
                 const char *css_class,
                 GPtrArray  *found)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (widget, type) && gtk_widget_has_css_class (widget, css_class))
    g_ptr_array_add (found, widget);

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect_widgets (child, type, css_class, found);
}

static GPtrArray *
find_widgets (gpointer    root,
              GType       type,
              const char *css_class)
{
  GPtrArray *found = g_ptr_array_new ();

  collect_widgets (GTK_WIDGET (root), type, css_class, found);
  return found;
}

/* The window shows @pack whole: a group per sector, in order, each holding
 * a row per node of that sector with its localized name and id. */
static void
assert_shows_pack (OdanWindow     *window,
                   const OdanPack *pack)
{
  g_autoptr(GPtrArray) groups = find_widgets (window->pack_view, ADW_TYPE_PREFERENCES_GROUP, "sector");
  g_autoptr(GPtrArray) rows = find_widgets (window->pack_view, ADW_TYPE_ACTION_ROW, "node");
  g_autoptr(GHashTable) rows_by_id = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GPtrArray) diagnostic_rows = find_widgets (window->diagnostics_list, ADW_TYPE_ACTION_ROW, "diagnostic");

  g_assert_cmpstr (gtk_stack_get_visible_child_name (window->stack), ==, "pack");
  g_assert_nonnull (odan_window_get_pack (window));
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (window)), ==,
                   expected_name (pack->title, pack->title_ja));
  g_assert_cmpuint (diagnostic_rows->len, ==, 0);

  g_assert_cmpuint (pack->n_sectors, >, 0);
  g_assert_cmpuint (pack->n_nodes, >, 0);
  g_assert_cmpuint (groups->len, ==, pack->n_sectors);
  g_assert_cmpuint (rows->len, ==, pack->n_nodes);

  for (guint s = 0; s < pack->n_sectors; s++)
    {
      g_autofree char *title = g_markup_escape_text (expected_name (pack->sectors[s].name,
                                                                    pack->sectors[s].name_ja), -1);

      g_assert_cmpstr (adw_preferences_group_get_title (g_ptr_array_index (groups, s)), ==, title);
    }

  for (guint i = 0; i < rows->len; i++)
    {
      AdwActionRow *row = g_ptr_array_index (rows, i);

      g_assert_true (g_hash_table_insert (rows_by_id, (gpointer) adw_action_row_get_subtitle (row), row));
    }

  for (guint n = 0; n < pack->n_nodes; n++)
    {
      const OdanNode *node = &pack->nodes[n];
      GtkWidget *row = g_hash_table_lookup (rows_by_id, node->id);

      g_assert_nonnull (row);
      g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)), ==,
                       expected_name (node->name, node->name_ja));
      g_assert_true (gtk_widget_is_ancestor (row, g_ptr_array_index (groups, node->sector)));
    }
}

/* The window shows the problems of a failed load, one row each, exactly as
 * odan_diagnostic_format() writes them, and nothing of any pack. */
static void
assert_shows_diagnostics (OdanWindow *window,
                          GPtrArray  *expected)
{
  g_autoptr(GPtrArray) rows = find_widgets (window->diagnostics_list, ADW_TYPE_ACTION_ROW, "diagnostic");
  g_autoptr(GPtrArray) more_rows = find_widgets (window->diagnostics_list, ADW_TYPE_ACTION_ROW, "more-diagnostics");
  g_autoptr(GPtrArray) node_rows = find_widgets (window, ADW_TYPE_ACTION_ROW, "node");
  g_autoptr(GPtrArray) groups = find_widgets (window, ADW_TYPE_PREFERENCES_GROUP, "sector");

  g_assert_cmpstr (gtk_stack_get_visible_child_name (window->stack), ==, "error");
  g_assert_null (odan_window_get_pack (window));
  g_assert_cmpuint (node_rows->len, ==, 0);
  g_assert_cmpuint (groups->len, ==, 0);
  g_assert_cmpuint (rows->len, ==, MIN (expected->len, ODAN_DIAGNOSTIC_ROWS_MAX));
  g_assert_cmpuint (more_rows->len, ==, expected->len > ODAN_DIAGNOSTIC_ROWS_MAX ? 1 : 0);
  g_assert_cmpint (gtk_widget_get_visible (GTK_WIDGET (window->diagnostics_list)), ==, expected->len > 0);

  for (guint i = 0; i < rows->len; i++)
    {
      g_autofree char *text = odan_diagnostic_format (g_ptr_array_index (expected, i));

      g_assert_cmpstr (adw_preferences_row_get_title (g_ptr_array_index (rows, i)), ==, text);
    }
}

static char *
clipboard_text (GtkWidget *widget)
{
  GdkContentProvider *content = gdk_clipboard_get_content (gtk_widget_get_clipboard (widget));
  g_auto(GValue) value = G_VALUE_INIT;
  g_autoptr(GError) error = NULL;

  g_assert_nonnull (content);
  g_value_init (&value, G_TYPE_STRING);
  gdk_content_provider_get_value (content, &value, &error);
  g_assert_no_error (error);
  return g_value_dup_string (&value);
}

/* Cases ---------------------------------------------------------------------- */

static void
test_builtin_lookup (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) found = NULL;
  g_autofree char *expected = g_build_filename (g_getenv ("ODAN_SCENARIOS"), "kanto", NULL);
  g_autofree char *path = NULL;

  /* the December cross-sector exercise is what odan opens by default */
  found = odan_application_find_builtin_scenario (&error);
  g_assert_no_error (error);
  g_assert_nonnull (found);
  path = g_file_get_path (found);
  g_assert_cmpstr (path, ==, expected);
}

static void
test_window_empty (void)
{
  OdanWindow *window;
  g_autoptr(GPtrArray) node_rows = NULL;

  REQUIRE_DISPLAY ();

  window = window_new ();
  g_assert_cmpstr (gtk_stack_get_visible_child_name (window->stack), ==, "empty");
  g_assert_false (odan_window_get_loading (window));
  g_assert_null (odan_window_get_folder (window));
  g_assert_null (odan_window_get_pack (window));
  node_rows = find_widgets (window, ADW_TYPE_ACTION_ROW, "node");
  g_assert_cmpuint (node_rows->len, ==, 0);

  ui_test_window_destroy (window);
}

/* `odan FILE.odan` opens the exercise, not a pack: its console shows. */
static void
test_application_open_exercise (void)
{
  g_autofree char *pack_path = example_path ();
  g_autoptr(GFile) pack = g_file_new_for_path (pack_path);
  g_autofree char *dir = g_dir_make_tmp ("odan-open-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "drill.odan", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  OdanWindow *window;
  OdanWindow *opened = NULL;

  REQUIRE_DISPLAY ();

  window = window_new ();
  g_assert_true (odan_window_open_exercise (window, file, pack, &error));
  g_assert_no_error (error);
  ui_test_window_destroy (window);

  g_application_open (G_APPLICATION (app), &file, 1, "");
  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (app)); l != NULL; l = l->next)
    if (ODAN_IS_WINDOW (l->data))
      opened = l->data;
  g_assert_nonnull (opened);
  g_assert_nonnull (odan_window_get_exercise (opened));
  g_assert_cmpstr (gtk_stack_get_visible_child_name (opened->stack), ==, "exercise");
  ui_test_window_destroy (opened);

  g_unlink (path);
  g_rmdir (dir);
}

static void
test_window_example (void)
{
  g_autofree char *path = example_path ();
  g_autoptr(GPtrArray) diagnostics = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(OdanPack) pack = NULL;
  OdanWindow *window;

  REQUIRE_DISPLAY ();

  pack = load_expected (path, &diagnostics, &error);
  g_assert_no_error (error);
  g_assert_nonnull (pack);

  window = window_new ();
  load_and_wait (window, path);
  assert_shows_pack (window, pack);

  ui_test_window_destroy (window);
}

/* The start page lists every shipped scenario by title; choosing one opens
 * its pack, from which a new exercise starts. */
static void
test_window_scenarios_menu (void)
{
  g_autofree char *hokkaido = g_build_filename (g_getenv ("ODAN_SCENARIOS"), "hokkaido-2018", NULL);
  g_autoptr(GFile) expected = g_file_new_for_path (hokkaido);
  OdanWindow *window;
  GMenuModel *menu;
  gboolean found = FALSE;

  REQUIRE_DISPLAY ();

  window = window_new ();
  menu = G_MENU_MODEL (window->scenarios_menu);
  g_assert_cmpint (g_menu_model_get_n_items (menu), >=, 5);
  for (int i = 0; i < g_menu_model_get_n_items (menu); i++)
    {
      g_autoptr(GVariant) target = g_menu_model_get_item_attribute_value (menu, i, G_MENU_ATTRIBUTE_TARGET,
                                                                          G_VARIANT_TYPE_STRING);
      g_autofree char *label = NULL;
      g_autofree char *ini = g_build_filename (g_variant_get_string (target, NULL), "scenario.ini", NULL);

      g_assert_true (g_menu_model_get_item_attribute (menu, i, G_MENU_ATTRIBUTE_LABEL, "s", &label));
      g_assert_true (g_file_test (ini, G_FILE_TEST_EXISTS));
      /* titles, not folder names */
      g_assert_false (g_str_equal (label, "hokkaido-2018"));
      found = found || g_str_equal (g_variant_get_string (target, NULL), hokkaido);
    }
  g_assert_true (found);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.open-scenario", "s", hokkaido));
  while (odan_window_get_loading (window))
    g_main_context_iteration (NULL, TRUE);
  g_assert_true (g_file_equal (odan_window_get_folder (window), expected));
  g_assert_cmpstr (odan_window_get_pack (window)->id, ==, "hokkaido-2018");

  ui_test_window_destroy (window);
}

static void
test_window_builtin (void)
{
  g_autofree char *path = g_build_filename (g_getenv ("ODAN_SCENARIOS"), "kanto", NULL);
  g_autoptr(GPtrArray) diagnostics = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(OdanPack) pack = NULL;
  g_autofree char *shown = NULL;
  OdanWindow *window;

  REQUIRE_DISPLAY ();

  pack = load_expected (path, &diagnostics, &error);
  g_assert_no_error (error);

  window = window_new ();
  odan_window_load_builtin (window);
  while (odan_window_get_loading (window))
    g_main_context_iteration (NULL, TRUE);

  shown = g_file_get_path (odan_window_get_folder (window));
  g_assert_cmpstr (shown, ==, path);
  assert_shows_pack (window, pack);

  ui_test_window_destroy (window);
}

/* A broken pack: its diagnostics in the list (at most
 * ODAN_DIAGNOSTIC_ROWS_MAX rows and a row counting the rest), no node, and
 * Copy Problems puts every diagnostic on the clipboard, one per line. */
static void
check_broken_pack (guint n_copies)
{
  g_autofree char *path = make_pack_with_duplicates (n_copies);
  g_autoptr(GPtrArray) diagnostics = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(OdanPack) pack = NULL;
  g_autoptr(GString) expected_text = g_string_new (NULL);
  g_autofree char *copied = NULL;
  OdanWindow *window;

  pack = load_expected (path, &diagnostics, &error);
  g_assert_null (pack);
  g_assert_error (error, ODAN_PACK_ERROR, ODAN_PACK_ERROR_INVALID);
  g_assert_cmpuint (diagnostics->len, >=, n_copies);

  window = window_new ();
  load_and_wait (window, path);
  assert_shows_diagnostics (window, diagnostics);

  for (guint i = 0; i < diagnostics->len; i++)
    {
      g_autofree char *line = odan_diagnostic_format (g_ptr_array_index (diagnostics, i));

      g_string_append_printf (expected_text, "%s\n", line);
    }
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.copy-diagnostics", NULL));
  copied = clipboard_text (GTK_WIDGET (window));
  g_assert_cmpstr (copied, ==, expected_text->str);

  ui_test_window_destroy (window);
  g_assert_true (odan_test_remove_tree (path));
}

static void
test_window_broken (void)
{
  REQUIRE_DISPLAY ();

  check_broken_pack (1);
}

static void
test_window_many_problems (void)
{
  REQUIRE_DISPLAY ();

  check_broken_pack (ODAN_DIAGNOSTIC_ROWS_MAX + 50);
}

static void
test_window_missing_folder (void)
{
  g_autofree char *tmp = NULL;
  g_autofree char *path = NULL;
  g_autoptr(GPtrArray) diagnostics = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GError) tmp_error = NULL;
  g_autoptr(OdanPack) pack = NULL;
  OdanWindow *window;

  REQUIRE_DISPLAY ();

  tmp = g_dir_make_tmp ("odan-test-missing-XXXXXX", &tmp_error);
  g_assert_no_error (tmp_error);
  path = g_build_filename (tmp, "no-such-pack", NULL);

  pack = load_expected (path, &diagnostics, &error);
  g_assert_null (pack);
  g_assert_nonnull (error);

  window = window_new ();
  load_and_wait (window, path);
  assert_shows_diagnostics (window, diagnostics);
  g_assert_nonnull (adw_status_page_get_description (window->error_page));

  ui_test_window_destroy (window);
  g_assert_cmpint (g_rmdir (tmp), ==, 0);
}

/* A failed load after a good one leaves nothing of the good one, and the
 * other way round. */
static void
test_window_pack_then_broken (void)
{
  g_autofree char *good_path = example_path ();
  g_autofree char *broken_path = NULL;
  g_autoptr(GPtrArray) good_diagnostics = NULL;
  g_autoptr(GPtrArray) broken_diagnostics = NULL;
  g_autoptr(GError) good_error = NULL;
  g_autoptr(GError) broken_error = NULL;
  g_autoptr(OdanPack) good = NULL;
  g_autoptr(OdanPack) broken = NULL;
  OdanWindow *window;

  REQUIRE_DISPLAY ();

  broken_path = make_broken_pack ();

  good = load_expected (good_path, &good_diagnostics, &good_error);
  g_assert_no_error (good_error);
  broken = load_expected (broken_path, &broken_diagnostics, &broken_error);
  g_assert_null (broken);

  window = window_new ();
  load_and_wait (window, good_path);
  assert_shows_pack (window, good);
  load_and_wait (window, broken_path);
  assert_shows_diagnostics (window, broken_diagnostics);
  load_and_wait (window, good_path);
  assert_shows_pack (window, good);

  ui_test_window_destroy (window);
  g_assert_true (odan_test_remove_tree (broken_path));
}

/* A second load started before the first finished wins. */
static void
test_window_superseded_load (void)
{
  g_autofree char *good_path = example_path ();
  g_autofree char *broken_path = NULL;
  g_autoptr(GFile) broken_folder = NULL;
  g_autoptr(GPtrArray) diagnostics = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(OdanPack) good = NULL;
  g_autofree char *shown = NULL;
  OdanWindow *window;

  REQUIRE_DISPLAY ();

  broken_path = make_broken_pack ();
  broken_folder = g_file_new_for_path (broken_path);

  good = load_expected (good_path, &diagnostics, &error);
  g_assert_no_error (error);

  window = window_new ();
  odan_window_load (window, broken_folder);
  load_and_wait (window, good_path);
  assert_shows_pack (window, good);
  shown = g_file_get_path (odan_window_get_folder (window));
  g_assert_cmpstr (shown, ==, good_path);

  ui_test_window_destroy (window);
  g_assert_true (odan_test_remove_tree (broken_path));
}

/* The pack author's loop: the window shows the errors, the author fixes
 * the file, Reload shows the pack. */
static void
test_window_reload_after_fix (void)
{
  g_autofree char *good_path = example_path ();
  g_autofree char *broken_path = NULL;
  g_autofree char *good_nodes = g_build_filename (good_path, "nodes.csv", NULL);
  g_autofree char *broken_nodes = NULL;
  g_autoptr(GPtrArray) diagnostics = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(OdanPack) good = NULL;
  g_autofree char *contents = NULL;
  gsize length;
  OdanWindow *window;

  REQUIRE_DISPLAY ();

  broken_path = make_broken_pack ();
  broken_nodes = g_build_filename (broken_path, "nodes.csv", NULL);

  good = load_expected (good_path, &diagnostics, &error);
  g_assert_no_error (error);

  window = window_new ();
  load_and_wait (window, broken_path);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (window->stack), ==, "error");

  g_file_get_contents (good_nodes, &contents, &length, &error);
  g_assert_no_error (error);
  g_file_set_contents (broken_nodes, contents, length, &error);
  g_assert_no_error (error);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.reload", NULL));
  g_assert_true (odan_window_get_loading (window));
  while (odan_window_get_loading (window))
    g_main_context_iteration (NULL, TRUE);
  assert_shows_pack (window, good);

  ui_test_window_destroy (window);
  g_assert_true (odan_test_remove_tree (broken_path));
}

/* The Style menu writes the setting; the style manager follows it. */
static void
test_application_color_scheme (void)
{
  g_autoptr(GSettings) settings = NULL;
  g_autofree char *scheme = NULL;
  AdwStyleManager *style_manager;

  REQUIRE_DISPLAY ();

  settings = g_settings_new (ODAN_APPLICATION_ID);
  style_manager = adw_style_manager_get_default ();

  g_action_group_activate_action (G_ACTION_GROUP (app), "color-scheme", g_variant_new_string ("dark"));
  scheme = g_settings_get_string (settings, "color-scheme");
  g_assert_cmpstr (scheme, ==, "dark");
  g_assert_cmpint (adw_style_manager_get_color_scheme (style_manager), ==, ADW_COLOR_SCHEME_FORCE_DARK);

  g_settings_set_string (settings, "color-scheme", "light");
  g_assert_cmpint (adw_style_manager_get_color_scheme (style_manager), ==, ADW_COLOR_SCHEME_FORCE_LIGHT);

  g_settings_reset (settings, "color-scheme");
  g_assert_cmpint (adw_style_manager_get_color_scheme (style_manager), ==, ADW_COLOR_SCHEME_DEFAULT);
}

/* Closing a window while its pack is still loading frees it at once; the
 * late result touches nothing (a critical would fail the test). */
static void
test_window_close_while_loading (void)
{
  g_autofree char *path = example_path ();
  g_autoptr(GFile) folder = g_file_new_for_path (path);
  OdanWindow *window;

  REQUIRE_DISPLAY ();

  window = window_new ();
  odan_window_load (window, folder);
  g_assert_true (odan_window_get_loading (window));
  ui_test_window_destroy (window);

  /* Loads complete in the order asked (odan-pack-task.c): once a new
   * window's load is done, the orphaned one has delivered its result to
   * nobody. */
  window = window_new ();
  load_and_wait (window, path);
  ui_test_window_destroy (window);
}

int
main (int   argc,
      char *argv[])
{
  app = ui_test_init (&argc, &argv);
  expect_japanese = ui_test_expect_japanese ();

  g_test_add_func ("/ui/application/builtin-lookup", test_builtin_lookup);
  g_test_add_func ("/ui/application/color-scheme", test_application_color_scheme);
  g_test_add_func ("/ui/window/empty", test_window_empty);
  g_test_add_func ("/ui/application/open-exercise", test_application_open_exercise);
  g_test_add_func ("/ui/window/example", test_window_example);
  g_test_add_func ("/ui/window/builtin", test_window_builtin);
  g_test_add_func ("/ui/window/scenarios-menu", test_window_scenarios_menu);
  g_test_add_func ("/ui/window/broken", test_window_broken);
  g_test_add_func ("/ui/window/many-problems", test_window_many_problems);
  g_test_add_func ("/ui/window/missing-folder", test_window_missing_folder);
  g_test_add_func ("/ui/window/pack-then-broken", test_window_pack_then_broken);
  g_test_add_func ("/ui/window/superseded-load", test_window_superseded_load);
  g_test_add_func ("/ui/window/reload-after-fix", test_window_reload_after_fix);
  g_test_add_func ("/ui/window/close-while-loading", test_window_close_while_loading);

  return ui_test_run (&app);
}

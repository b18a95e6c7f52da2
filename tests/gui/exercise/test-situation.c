/* test-situation.c — the room's views: the situation display and the sector board
 *
 * Each case starts a new exercise from the example pack, drives it through
 * the console's actions on a wall clock the test moves by hand, and checks
 * what the situation display (OdanSituationWindow) and the Sectors page
 * show — on screen and to assistive technologies: the accessible labels
 * are read back through GTK's accessibility layer, which one run of this
 * program has on AT-SPI (tests/gui/meson.build, situation-a11y).
 */
#define G_LOG_DOMAIN "odan-test"

#include <string.h>

#include "ui-test.h"
#include "odan-exercise-view-private.h"
#include "odan-window-private.h"

static OdanApplication *app;  /* NULL without a display */

typedef UiTestFixture Fixture;

static void
fixture_setup (Fixture       *fixture,
               gconstpointer  data)
{
  ui_test_fixture_setup (fixture, "odan-test-situation-XXXXXX", "exercise.odan");
}

static const char *
tr (const char *english,
    const char *japanese)
{
  return ui_test_expect_japanese () ? japanese : english;
}

static OdanWindow *
window_with_example (Fixture *fixture)
{
  g_autofree char *pack_path = g_build_filename (g_getenv ("ODAN_SCENARIOS"), "example", NULL);
  g_autoptr(GFile) pack_folder = g_file_new_for_path (pack_path);
  g_autoptr(GFile) file = g_file_new_for_path (fixture->path);
  g_autoptr(GError) error = NULL;
  OdanWindow *window = odan_window_new (app);

  gtk_window_set_default_size (GTK_WINDOW (window), 1100, 700);
  gtk_window_present (GTK_WINDOW (window));
  g_assert_true (odan_window_open_exercise (window, file, pack_folder, &error));
  g_assert_no_error (error);
  odan_clock_set_time_func (odan_exercise_get_clock (odan_window_get_exercise (window)),
                            ui_test_fixture_wall_time, fixture, NULL);
  ui_test_drain ();
  return window;
}

static void
assert_accessible_label (GtkWidget  *widget,
                         const char *expected)
{
  g_autofree char *message = gtk_test_accessible_check_property (GTK_ACCESSIBLE (widget),
                                                                 GTK_ACCESSIBLE_PROPERTY_LABEL,
                                                                 expected);

  if (message != NULL)
    g_error ("accessible label: %s", message);
}

static void
assert_accessible_description (GtkWidget  *widget,
                               const char *expected)
{
  g_autofree char *message = gtk_test_accessible_check_property (GTK_ACCESSIBLE (widget),
                                                                 GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                                                 expected);

  if (message != NULL)
    g_error ("accessible description: %s", message);
}

static guint32
find_region (const OdanPack *pack,
             const char     *name)
{
  for (guint i = 0; i < pack->n_regions; i++)
    if (g_str_equal (pack->regions[i], name))
      return i;
  g_assert_not_reached ();
}

static const char *
cell_text (OdanSituationWindow *situation,
           const OdanPack      *pack,
           const char          *sector,
           const char          *region)
{
  GtkWidget *cell = odan_situation_window_get_cell (situation, odan_pack_find_sector (pack, sector),
                                                    find_region (pack, region));

  return cell != NULL ? gtk_label_get_label (GTK_LABEL (cell)) : NULL;
}

/* The display opens from the console, shows what every team may see until
 * the facilitator shows more, follows the exercise and closes with it. */
static void
test_situation_console (Fixture       *fixture,
                        gconstpointer  data)
{
  OdanWindow *window;
  OdanExerciseView *view;
  OdanSituationWindow *situation;
  const OdanPack *pack;
  g_autofree char *deliveries = NULL;
  g_autofree char *changes = NULL;
  g_autofree char *expected = NULL;
  GtkWidget *cell;

  UI_TEST_REQUIRE_DISPLAY (app);

  window = window_with_example (fixture);
  view = window->exercise_view;
  pack = odan_exercise_get_pack (odan_window_get_exercise (window));
  g_assert_false (pack->team_view_model);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (view), "exercise.show-situation", NULL));
  situation = view->situation;
  g_assert_nonnull (situation);
  g_object_add_weak_pointer (G_OBJECT (situation), (gpointer *) &situation);
  /* asked again, the same window comes forward */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (view), "exercise.show-situation", NULL));
  g_assert_true (view->situation == situation);
  ui_test_drain ();

  g_assert_cmpstr (odan_situation_window_get_clock_text (situation), ==, "T+0");
  g_assert_cmpstr (odan_situation_window_get_phase_text (situation), ==, tr ("Not started", "開始前"));
  deliveries = odan_situation_window_get_deliveries_text (situation);
  g_assert_cmpstr (deliveries, ==, tr ("Nothing delivered yet\n", "まだ何も配信されていません\n"));
  /* the example does not let teams see the model: neither matrix nor changes */
  g_assert_null (cell_text (situation, pack, "power", "kanto"));
  changes = odan_situation_window_get_changes_text (situation);
  g_assert_cmpstr (changes, ==, "");

  /* Start: INJ-01 goes to all teams at T+0 and takes power.kanto down;
   * a minute later the display follows. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (view), "exercise.toggle-clock", NULL));
  fixture->wall += 60 * G_USEC_PER_SEC;
  _odan_exercise_view_tick (view);
  odan_situation_window_refresh (situation);
  g_assert_cmpstr (odan_situation_window_get_clock_text (situation), ==, "T+1m");
  g_assert_cmpstr (odan_situation_window_get_phase_text (situation), ==, tr ("Running ×1", "進行中 ×1"));
  g_clear_pointer (&deliveries, g_free);
  deliveries = odan_situation_window_get_deliveries_text (situation);
  g_assert_cmpstr (deliveries, ==, tr ("T+0 → all teams\n", "T+0 → 全チーム\n"));

  /* The facilitator shows the titles, then the model. */
  g_object_set (situation, "show-titles", TRUE, NULL);
  g_clear_pointer (&deliveries, g_free);
  deliveries = odan_situation_window_get_deliveries_text (situation);
  g_assert_cmpstr (deliveries, ==, tr ("T+0 → all teams: Wide-area blackout in the Kanto area\n",
                                       "T+0 → 全チーム：関東エリアで大規模停電が発生\n"));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (situation), "situation.show-model", NULL));
  g_assert_cmpstr (cell_text (situation, pack, "power", "kanto"), ==, "0%");
  g_assert_cmpstr (cell_text (situation, pack, "water", "tokyo-23"), ==, "100%");
  g_assert_null (cell_text (situation, pack, "water", "kanto"));   /* no water node in that region */
  cell = odan_situation_window_get_cell (situation, odan_pack_find_sector (pack, "power"),
                                         find_region (pack, "kanto"));
  g_assert_true (gtk_widget_has_css_class (cell, "level-down"));
  /* the region's name from regions.csv, not its id */
  assert_accessible_label (cell, tr ("Electricity, Kanto area: 0%", "電力、関東エリア：0%"));
  g_clear_pointer (&changes, g_free);
  changes = odan_situation_window_get_changes_text (situation);
  expected = g_strdup (tr ("T+0 Electricity supply (Kanto area) → 0%", "T+0 関東エリアの電力供給 → 0%"));
  g_assert_nonnull (strstr (changes, expected));

  /* 40 minutes on, the blackout is older than 30 minutes: no longer a change */
  fixture->wall += (gint64) 40 * 60 * G_USEC_PER_SEC;
  _odan_exercise_view_tick (view);
  odan_situation_window_refresh (situation);
  g_clear_pointer (&changes, g_free);
  changes = odan_situation_window_get_changes_text (situation);
  g_assert_null (strstr (changes, expected));

  /* Closing the exercise closes its display. */
  ui_test_window_destroy (window);
  g_assert_null (situation);
}

/* `odan --situation`: a display of its own, on a second, read-only
 * connection that syncs with the log the console writes. */
static void
test_situation_follow (Fixture       *fixture,
                       gconstpointer  data)
{
  OdanWindow *window;
  OdanExerciseView *view;
  OdanSituationWindow *situation;
  g_autoptr(OdanExercise) reader = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *deliveries = NULL;
  const OdanPack *pack;

  UI_TEST_REQUIRE_DISPLAY (app);

  window = window_with_example (fixture);
  view = window->exercise_view;

  reader = odan_exercise_open (fixture->path, NULL, ODAN_EXERCISE_OPEN_READ_ONLY, &error);
  g_assert_no_error (error);
  odan_clock_set_time_func (odan_exercise_get_clock (reader), ui_test_fixture_wall_time, fixture, NULL);
  situation = odan_situation_window_new (GTK_APPLICATION (app), reader, TRUE);
  g_object_add_weak_pointer (G_OBJECT (situation), (gpointer *) &situation);
  g_object_set (situation, "show-model", TRUE, NULL);
  pack = odan_exercise_get_pack (reader);
  g_assert_cmpstr (cell_text (situation, pack, "power", "kanto"), ==, "100%");

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (view), "exercise.toggle-clock", NULL));
  fixture->wall += 90 * G_USEC_PER_SEC;
  _odan_exercise_view_tick (view);
  g_assert_true (odan_exercise_sync (reader, &error));
  g_assert_no_error (error);
  odan_situation_window_refresh (situation);
  /* its own clock, read from the log's clock events */
  g_assert_cmpstr (odan_situation_window_get_clock_text (situation), ==, "T+1m30s");
  g_assert_cmpstr (cell_text (situation, pack, "power", "kanto"), ==, "0%");
  deliveries = odan_situation_window_get_deliveries_text (situation);
  g_assert_cmpstr (deliveries, ==, tr ("T+0 → all teams\n", "T+0 → 全チーム\n"));

  gtk_window_destroy (GTK_WINDOW (situation));
  ui_test_drain ();
  g_assert_null (situation);
  ui_test_window_destroy (window);
}

/* The Sectors page puts the worst first, sums each sector up in a line,
 * and says each node's level to assistive technologies. */
static void
test_situation_sectors (Fixture       *fixture,
                        gconstpointer  data)
{
  OdanWindow *window;
  OdanExerciseView *view;
  const OdanPack *pack;
  guint32 kanto, first, last;
  g_autofree char *power = NULL;
  g_autofree char *rail = NULL;
  g_autofree char *petroleum = NULL;

  UI_TEST_REQUIRE_DISPLAY (app);

  window = window_with_example (fixture);
  view = window->exercise_view;
  pack = odan_exercise_get_pack (odan_window_get_exercise (window));
  kanto = odan_pack_find_node (pack, "power.kanto");

  /* before the start, the pack's order and every sector normal */
  g_assert_cmpuint (odan_sector_board_get_nth_node (view->sector_board, 0), ==, 0);
  power = odan_sector_board_get_sector_summary (view->sector_board, odan_pack_find_sector (pack, "power"));
  g_assert_cmpstr (power, ==, tr ("All 4 normal", "4件すべて正常"));

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (view), "exercise.toggle-clock", NULL));
  fixture->wall += 60 * G_USEC_PER_SEC;
  _odan_exercise_view_tick (view);
  ui_test_drain ();

  /* the blackout: a node at 0 % comes first, power.kanto first of them */
  first = odan_sector_board_get_nth_node (view->sector_board, 0);
  g_assert_cmpfloat (odan_sim_get_operability (odan_exercise_get_sim (odan_window_get_exercise (window)), first), ==, 0);
  g_assert_cmpuint (pack->nodes[first].sector, ==, pack->nodes[kanto].sector);
  /* levels never go up down the list within a sector, and every node is listed once */
  last = odan_sector_board_get_nth_node (view->sector_board, pack->n_nodes - 1);
  g_assert_cmpuint (last, !=, ODAN_NONE);
  g_assert_cmpuint (odan_sector_board_get_nth_node (view->sector_board, pack->n_nodes), ==, ODAN_NONE);
  for (guint i = 1; i < pack->n_nodes; i++)
    {
      guint32 a = odan_sector_board_get_nth_node (view->sector_board, i - 1);
      guint32 b = odan_sector_board_get_nth_node (view->sector_board, i);

      if (pack->nodes[a].sector == pack->nodes[b].sector)
        g_assert_cmpfloat (odan_sector_board_get_shown_level (view->sector_board, a), <=,
                           odan_sector_board_get_shown_level (view->sector_board, b));
    }

  g_clear_pointer (&power, g_free);
  power = odan_sector_board_get_sector_summary (view->sector_board, pack->nodes[kanto].sector);
  g_assert_cmpstr (power, ==, tr ("4 down · 0% on average", "停止 4 · 平均 0%"));
  rail = odan_sector_board_get_sector_summary (view->sector_board, odan_pack_find_sector (pack, "rail"));
  g_assert_cmpstr (rail, ==, tr ("1 down · 0% on average", "停止 1 · 平均 0%"));
  petroleum = odan_sector_board_get_sector_summary (view->sector_board, odan_pack_find_sector (pack, "petroleum"));
  g_assert_nonnull (petroleum);

  /* each row's accessible description states its level */
  {
    g_autofree char *expected = g_strdup_printf (tr ("%s, %s: 0%%", "%s、%s：0%%"),
                                                 odan_pack_localized (pack->nodes[kanto].name, pack->nodes[kanto].name_ja),
                                                 tr ("Kanto area", "関東エリア"));

    g_assert_true (odan_sector_board_select_node (view->sector_board, kanto));
    assert_accessible_description (odan_sector_board_get_row (view->sector_board, kanto), expected);
  }

  ui_test_window_destroy (window);
}

/* The graph and the sectors' curves say what they show. */
static void
test_situation_described (Fixture       *fixture,
                          gconstpointer  data)
{
  OdanWindow *window;
  OdanExerciseView *view;
  OdanGraphView *graph;
  const OdanPack *pack;
  const char *text;
  g_autofree char *expected = NULL;
  g_autofree char *message = NULL;

  UI_TEST_REQUIRE_DISPLAY (app);

  window = window_with_example (fixture);
  view = window->exercise_view;
  graph = view->graph_view;
  pack = odan_exercise_get_pack (odan_window_get_exercise (window));

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (view), "exercise.toggle-clock", NULL));
  fixture->wall += 60 * G_USEC_PER_SEC;
  _odan_exercise_view_tick (view);
  ui_test_drain ();

  text = odan_graph_view_get_description (graph);
  g_assert_true (g_str_has_prefix (text, tr ("Overview of 7 sectors.", "7分野の概観。")));
  g_assert_nonnull (strstr (text, tr ("Electricity: 4 nodes · 4 down.", "電力: 4ノード · 停止 4.")));
  message = gtk_test_accessible_check_property (GTK_ACCESSIBLE (odan_graph_view_get_canvas (graph)),
                                                GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, text);
  g_assert_null (message);

  /* a feeder's neighbourhood names the path: the grid */
  g_assert_true (odan_graph_view_select_node (graph, odan_pack_find_node (pack, "power.feeder-east")));
  text = odan_graph_view_get_description (graph);
  expected = g_strdup (tr (" Because of Electricity supply (Kanto area): 0%.", " 原因は 関東エリアの電力供給：0%。"));
  g_test_message ("%s", text);
  g_assert_nonnull (strstr (text, tr ("Because of Electricity supply (Kanto area): 0%", "原因は 関東エリアの電力供給：0%")));
  message = gtk_test_accessible_check_property (GTK_ACCESSIBLE (odan_graph_view_get_canvas (graph)),
                                                GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, text);
  g_assert_null (message);

  ui_test_window_destroy (window);
}

/* The actions a shortcut of @widget's controllers reaches: named actions,
 * and for the window's "win.exercise-key" the console action it passes. */
static void
collect_shortcuts (GtkWidget  *widget,
                   GHashTable *reached)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (widget);

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GtkEventController) controller = g_list_model_get_item (controllers, i);

      if (!GTK_IS_SHORTCUT_CONTROLLER (controller))
        continue;
      for (guint j = 0; j < g_list_model_get_n_items (G_LIST_MODEL (controller)); j++)
        {
          g_autoptr(GtkShortcut) shortcut = g_list_model_get_item (G_LIST_MODEL (controller), j);
          GtkShortcutAction *action = gtk_shortcut_get_action (shortcut);
          GVariant *arguments = gtk_shortcut_get_arguments (shortcut);
          const char *name;

          if (!GTK_IS_NAMED_ACTION (action))
            continue;
          name = gtk_named_action_get_action_name (GTK_NAMED_ACTION (action));
          if (g_strcmp0 (name, "win.exercise-key") == 0 && arguments != NULL)
            name = g_variant_get_string (arguments, NULL);
          g_hash_table_add (reached, g_strdup (name));
        }
    }
}

/* The actions of @menu's items, sections and submenus. */
static void
collect_menu (GMenuModel *menu,
              GHashTable *reached)
{
  for (int i = 0; i < g_menu_model_get_n_items (menu); i++)
    {
      g_autofree char *action = NULL;
      g_autoptr(GMenuLinkIter) links = g_menu_model_iterate_item_links (menu, i);
      GMenuModel *link;

      if (g_menu_model_get_item_attribute (menu, i, G_MENU_ATTRIBUTE_ACTION, "s", &action))
        g_hash_table_add (reached, g_steal_pointer (&action));
      while (g_menu_link_iter_get_next (links, NULL, &link))
        {
          collect_menu (link, reached);
          g_object_unref (link);
        }
    }
}

static GtkMenuButton *
find_primary_menu (GtkWidget *widget)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkMenuButton *found;

      if (GTK_IS_MENU_BUTTON (child) && gtk_menu_button_get_primary (GTK_MENU_BUTTON (child)))
        return GTK_MENU_BUTTON (child);
      if ((found = find_primary_menu (child)) != NULL)
        return found;
    }
  return NULL;
}

/* Every console action has a shortcut or a menu item (F10 opens the menu). */
static void
test_situation_keyboard (Fixture       *fixture,
                         gconstpointer  data)
{
  OdanWindow *window;
  OdanExerciseView *view;
  GtkMenuButton *menu;
  g_autoptr(GHashTable) reached = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  /* reached otherwise: Space runs a callback (odan-window-actions.c), the
   * jump popover's button opens with Ctrl+J, a proposal's button is in its
   * row (a parameter per proposal) */
  const char *const elsewhere[] = { "exercise.toggle-clock", "exercise.jump", "exercise.accept-proposal", NULL };
  GtkWidgetClass *klass;
  const char *name, *property;
  const GVariantType *parameter;
  GType owner;
  guint n_checked = 0;

  UI_TEST_REQUIRE_DISPLAY (app);

  window = window_with_example (fixture);
  view = window->exercise_view;
  collect_shortcuts (GTK_WIDGET (window), reached);
  collect_shortcuts (GTK_WIDGET (view), reached);
  menu = find_primary_menu (GTK_WIDGET (view));
  g_assert_nonnull (menu);
  collect_menu (gtk_menu_button_get_menu_model (menu), reached);

  klass = g_type_class_peek (ODAN_TYPE_EXERCISE_VIEW);
  for (guint i = 0; gtk_widget_class_query_action (klass, i, &owner, &name, &parameter, &property); i++)
    {
      if (!g_str_has_prefix (name, "exercise.") || g_strv_contains (elsewhere, name))
        continue;
      g_test_message ("%s", name);
      if (!g_hash_table_contains (reached, name))
        g_error ("the console action %s has no shortcut and no menu item", name);
      n_checked++;
    }
  g_assert_cmpuint (n_checked, >=, 12);

  ui_test_window_destroy (window);
}

int
main (int   argc,
      char *argv[])
{
  /* The other runs turn accessibility off (GTK_A11Y=none: no context to
   * read back); this program then uses GTK's test context, and its
   * situation-a11y run AT-SPI. */
  if (g_strcmp0 (g_getenv ("GTK_A11Y"), "none") == 0)
    g_setenv ("GTK_A11Y", "test", TRUE);
  app = ui_test_init (&argc, &argv);

  g_test_add ("/ui/situation/console", Fixture, NULL, fixture_setup, test_situation_console, ui_test_fixture_teardown);
  g_test_add ("/ui/situation/follow", Fixture, NULL, fixture_setup, test_situation_follow, ui_test_fixture_teardown);
  g_test_add ("/ui/situation/described", Fixture, NULL, fixture_setup, test_situation_described, ui_test_fixture_teardown);
  g_test_add ("/ui/situation/sectors", Fixture, NULL, fixture_setup, test_situation_sectors, ui_test_fixture_teardown);
  g_test_add ("/ui/situation/keyboard", Fixture, NULL, fixture_setup, test_situation_keyboard, ui_test_fixture_teardown);

  return ui_test_run (&app);
}

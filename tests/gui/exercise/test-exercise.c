/* test-exercise.c — the facilitator's console (OdanExerciseView) under a display
 *
 * Each case starts a new exercise from the example pack in a temporary
 * folder, drives it through the console's own actions — the clock on a
 * wall-clock source the test moves by hand, so nothing depends on timing —
 * and checks what the MSEL shows against the exercise file, read back by a
 * second, read-only OdanExercise. Without a display the cases skip.
 */
#define G_LOG_DOMAIN "odan-test"

#include <glib/gstdio.h>
#include <math.h>
#include <string.h>

#include "odan-adhoc-dialog-private.h"
#include "odan-application.h"
#include "odan-format.h"
#include "ui-test.h"
#include "odan-exercise-view-private.h"
#include "odan-window-private.h"

static OdanApplication *app;  /* NULL without a display */

#define REQUIRE_DISPLAY() UI_TEST_REQUIRE_DISPLAY (app)

typedef UiTestFixture Fixture;

static void
fixture_setup (Fixture       *fixture,
               gconstpointer  data)
{
  ui_test_fixture_setup (fixture, "odan-test-exercise-XXXXXX", "exercise.odan");
}

static OdanWindow *
window_with_pack (Fixture    *fixture,
                  const char *pack_path,
                  gboolean    create)
{
  g_autoptr(GFile) pack_folder = g_file_new_for_path (pack_path);
  g_autoptr(GFile) file = g_file_new_for_path (fixture->path);
  g_autoptr(GError) error = NULL;
  OdanWindow *window = odan_window_new (app);
  OdanExercise *exercise;

  gtk_window_set_default_size (GTK_WINDOW (window), 1100, 700);
  gtk_window_present (GTK_WINDOW (window));

  g_assert_true (odan_window_open_exercise (window, file, create ? pack_folder : NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (window->stack), ==, "exercise");
  /* The console brings its own header bar with the clock. */
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (window->header_bar)));

  exercise = odan_window_get_exercise (window);
  g_assert_nonnull (exercise);
  odan_clock_set_time_func (odan_exercise_get_clock (exercise), ui_test_fixture_wall_time, fixture, NULL);

  ui_test_drain ();
  return window;
}

static OdanWindow *
window_with_exercise (Fixture  *fixture,
                      gboolean  create)
{
  g_autofree char *pack_path = g_build_filename (g_getenv ("ODAN_SCENARIOS"), "example", NULL);

  return window_with_pack (fixture, pack_path, create);
}

static OdanInjectItem *
find_item (OdanExerciseView *view,
           const char       *id)
{
  GListModel *model = G_LIST_MODEL (view->injects);

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(OdanInjectItem) item = g_list_model_get_item (model, i);

      if (g_str_equal (odan_inject_item_get_id (item), id))
        return item;
    }

  g_assert_not_reached ();
}

static void
collect_labels (GtkWidget  *widget,
                const char *css_class,
                GPtrArray  *found)
{
  if (GTK_IS_LABEL (widget) && gtk_widget_has_css_class (widget, css_class))
    g_ptr_array_add (found, widget);

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect_labels (child, css_class, found);
}

/* The status cell of the MSEL row that shows @id: the row's labels are the
 * time, recipients, channel, title and status cells, in that order. */
static const char *
status_cell_text (OdanExerciseView *view,
                  const char       *id)
{
  g_autoptr(GPtrArray) cells = g_ptr_array_new ();
  OdanInjectItem *item = find_item (view, id);
  const char *title = odan_inject_item_get_title (item);

  collect_labels (GTK_WIDGET (view->msel_view), "inject-status", cells);
  for (guint i = 0; i < cells->len; i++)
    {
      GtkWidget *status = g_ptr_array_index (cells, i);
      GtkWidget *row = gtk_widget_get_parent (gtk_widget_get_parent (status));

      for (GtkWidget *cell = gtk_widget_get_first_child (row); cell != NULL; cell = gtk_widget_get_next_sibling (cell))
        {
          GtkWidget *label = gtk_widget_get_first_child (cell);

          if (GTK_IS_LABEL (label) && g_strcmp0 (gtk_label_get_label (GTK_LABEL (label)), title) == 0)
            return gtk_label_get_label (GTK_LABEL (status));
        }
    }

  g_assert_not_reached ();
}

static const char *
expected_status (const char *english,
                 const char *japanese)
{
  return ui_test_expect_japanese () ? japanese : english;
}

static guint
count_deliveries (const char *path,
                  const char *inject,
                  const char *action)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(OdanExercise) reader = odan_exercise_open (path, NULL, ODAN_EXERCISE_OPEN_READ_ONLY, &error);
  guint n = 0;

  g_assert_no_error (error);
  for (guint i = 0; i < odan_exercise_get_n_events (reader); i++)
    {
      const OdanEvent *event = odan_exercise_get_event (reader, i);

      if (event->kind == ODAN_EVENT_DELIVERY && g_strcmp0 (event->subject, inject) == 0
          && g_str_equal (odan_event_action_to_string (event), action))
        n++;
    }

  return n;
}

/* Cases ---------------------------------------------------------------------- */

/* The sector board says when a backup runs out if nothing changes: in the
 * example's blackout water.tokyo rides on 6 h of backup from T+0, so at
 * T+1h it has 5 h left, running out at T+6h. */
static void
test_exercise_buffers (Fixture       *fixture,
                       gconstpointer  data)
{
  OdanWindow *window;
  OdanExerciseView *view;
  OdanExercise *exercise;
  const OdanPack *pack;
  g_autoptr(GError) error = NULL;
  const char *text;

  REQUIRE_DISPLAY ();

  window = window_with_exercise (fixture, TRUE);
  view = window->exercise_view;
  exercise = odan_window_get_exercise (window);
  pack = odan_exercise_get_pack (exercise);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (view), "exercise.toggle-clock", NULL));
  fixture->wall += (gint64) 60 * 60 * G_USEC_PER_SEC;
  _odan_exercise_view_tick (view);
  g_assert_cmpfloat_with_epsilon (odan_exercise_get_minute (exercise), 60.0, 1e-9);

  odan_sector_board_select_node (view->sector_board, odan_pack_find_node (pack, "water.tokyo"));
  text = odan_sector_board_get_cause_text (view->sector_board);
  {
    /* the time left as a duration in the interface's language */
    g_autofree char *left = odan_format_duration (300);

    g_assert_nonnull (strstr (text, left));
  }
  g_assert_nonnull (strstr (text, "T+6h00m"));
  /* and its small history: power.kanto went down at T+0 */
  odan_sector_board_select_node (view->sector_board, odan_pack_find_node (pack, "power.kanto"));
  g_assert_nonnull (strstr (odan_sector_board_get_cause_text (view->sector_board), "T+0 0%"));
  /* a node with no draining backup says nothing of the kind */
  odan_sector_board_select_node (view->sector_board, odan_pack_find_node (pack, "hospital.tokyo"));
  g_assert_null (strstr (odan_sector_board_get_cause_text (view->sector_board), "T+"));

  ui_test_window_destroy (window);
}

static void
test_exercise_deliver (Fixture       *fixture,
                       gconstpointer  data)
{
  OdanWindow *window;
  OdanExerciseView *view;
  OdanExercise *exercise;
  const OdanPack *pack;
  guint32 depot;
  double before;

  REQUIRE_DISPLAY ();

  window = window_with_exercise (fixture, TRUE);
  view = window->exercise_view;
  exercise = odan_window_get_exercise (window);
  pack = odan_exercise_get_pack (exercise);

  /* Every inject, in time order, nothing sent yet. */
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (view->selection)), ==, pack->n_injects);
  {
    g_autoptr(OdanInjectItem) first = g_list_model_get_item (G_LIST_MODEL (view->selection), 0);

    g_assert_cmpstr (odan_inject_item_get_id (first), ==, "INJ-01");
  }
  g_assert_cmpstr (status_cell_text (view, "INJ-04"), ==, expected_status ("Upcoming", "予定"));
  g_assert_false (odan_exercise_has_started (exercise));

  /* Start at ×1, then one wall-clock minute passes. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (view), "exercise.toggle-clock", NULL));
  g_assert_true (odan_exercise_has_started (exercise));
  g_assert_true (odan_clock_get_running (odan_exercise_get_clock (exercise)));
  g_assert_cmpuint (view->tick_id, !=, 0);
  fixture->wall += 60 * G_USEC_PER_SEC;
  _odan_exercise_view_tick (view);
  g_assert_cmpfloat_with_epsilon (odan_exercise_get_minute (exercise), 1.0, 1e-9);
  g_assert_cmpstr (gtk_label_get_label (view->clock_label), ==, "T+1m");
  /* The scenario's local time; the offset follows when the computer's differs. */
  g_assert_true (g_str_has_prefix (gtk_label_get_label (view->clock_local),
                                   ui_test_expect_japanese () ? "2015年12月8日 09:01" : "2015-12-08 09:01"));
  g_assert_cmpint (odan_inject_item_get_status (find_item (view, "INJ-01")), ==, ODAN_INJECT_STATUS_DELIVERED);

  /* INJ-04 takes the fuel depot to 0.5; deliver it now, hours early. */
  depot = odan_pack_find_node (pack, "fuel.depot");
  g_assert_cmpuint (depot, !=, ODAN_NONE);
  before = odan_sim_get_operability (odan_exercise_get_sim (exercise), depot);
  g_assert_cmpfloat (before, >, 0.5);

  g_assert_true (_odan_exercise_view_select_inject (view, odan_pack_find_inject (pack, "INJ-04")));
  g_assert_cmpstr (odan_inject_item_get_id (_odan_exercise_view_get_selected (view)), ==, "INJ-04");
  g_assert_cmpstr (gtk_stack_get_visible_child_name (view->detail_stack), ==, "inject");
  g_assert_true (gtk_widget_get_visible (view->expected_box));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (view), "exercise.deliver", NULL));
  ui_test_drain ();

  /* (a) the MSEL row, (b) the file, (c) the model. */
  g_assert_cmpstr (status_cell_text (view, "INJ-04"), ==, expected_status ("Delivered", "配信済み"));
  g_assert_cmpuint (count_deliveries (fixture->path, "INJ-04", "early"), ==, 1);
  g_assert_cmpfloat (odan_sim_get_operability (odan_exercise_get_sim (exercise), depot), <=, 0.5);
  /* The sector board shows it, and names the inject as the cause. */
  g_assert_cmpfloat_with_epsilon (odan_sector_board_get_shown_level (view->sector_board, depot),
                                  odan_sim_get_operability (odan_exercise_get_sim (exercise), depot), 1e-9);
  g_assert_true (odan_sector_board_select_node (view->sector_board, depot));
  g_assert_nonnull (strstr (odan_sector_board_get_cause_text (view->sector_board), "INJ-04"));
  /* the effect in words, never the model's syntax */
  {
    const OdanInject *in = &pack->injects[odan_pack_find_inject (pack, "INJ-04")];
    g_autofree char *words = odan_format_effects (pack, g_array_index (in->effects, OdanEffect, 0).text);

    g_assert_nonnull (strstr (odan_sector_board_get_cause_text (view->sector_board), words));
    g_assert_null (strstr (odan_sector_board_get_cause_text (view->sector_board), "set fuel.depot"));
    g_assert_null (strstr (odan_sector_board_get_cause_text (view->sector_board), "(set "));
  }
  /* Delivered once, however often the action is asked for. */
  gtk_widget_activate_action (GTK_WIDGET (view), "exercise.deliver", NULL);
  g_assert_cmpuint (count_deliveries (fixture->path, "INJ-04", "early"), ==, 1);

  /* Skip one, delay another by 15 minutes. */
  g_assert_true (_odan_exercise_view_select_inject (view, odan_pack_find_inject (pack, "INJ-05")));
  gtk_widget_activate_action (GTK_WIDGET (view), "exercise.skip", NULL);
  g_assert_cmpstr (status_cell_text (view, "INJ-05"), ==, expected_status ("Skipped", "スキップ"));
  g_assert_cmpuint (count_deliveries (fixture->path, "INJ-05", "skipped"), ==, 1);

  g_assert_true (_odan_exercise_view_select_inject (view, odan_pack_find_inject (pack, "INJ-06")));
  gtk_spin_button_set_value (view->delay_spin, 15);
  gtk_widget_activate_action (GTK_WIDGET (view), "exercise.delay", NULL);
  g_assert_cmpstr (status_cell_text (view, "INJ-06"), ==, expected_status ("Delayed", "延期"));
  g_assert_cmpfloat_with_epsilon (odan_exercise_get_inject_due (exercise, odan_pack_find_inject (pack, "INJ-06")),
                                  8 * 60 + 15, 1e-9);

  /* Step (Ctrl+Right, through the window): the clock goes to the next
   * pending inject (INJ-02, T+30m) and sends it. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.exercise-key", "s", "exercise.step"));
  g_assert_cmpfloat_with_epsilon (odan_exercise_get_minute (exercise), 30.0, 1e-9);
  g_assert_cmpstr (status_cell_text (view, "INJ-02"), ==, expected_status ("Delivered", "配信済み"));

  /* Pause: the timer stops, the button offers to resume. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (view), "exercise.toggle-clock", NULL));
  g_assert_false (odan_clock_get_running (odan_exercise_get_clock (exercise)));
  g_assert_cmpuint (view->tick_id, ==, 0);
  g_assert_cmpstr (gtk_button_get_label (view->clock_button), ==, ui_test_expect_japanese () ? "再開(_R)" : "_Resume");

  ui_test_window_destroy (window);

  /* Reopened, the file shows the same MSEL. */
  window = window_with_exercise (fixture, FALSE);
  view = window->exercise_view;
  g_assert_cmpint (odan_inject_item_get_status (find_item (view, "INJ-04")), ==, ODAN_INJECT_STATUS_DELIVERED);
  g_assert_cmpint (odan_inject_item_get_status (find_item (view, "INJ-05")), ==, ODAN_INJECT_STATUS_SKIPPED);
  g_assert_cmpint (odan_inject_item_get_status (find_item (view, "INJ-06")), ==, ODAN_INJECT_STATUS_DELAYED);
  g_assert_cmpint (odan_inject_item_get_status (find_item (view, "INJ-03")), ==, ODAN_INJECT_STATUS_UPCOMING);
  ui_test_window_destroy (window);
}

static void
test_exercise_search (Fixture       *fixture,
                      gconstpointer  data)
{
  OdanWindow *window;
  OdanExerciseView *view;
  GListModel *shown;

  REQUIRE_DISPLAY ();

  window = window_with_exercise (fixture, TRUE);
  view = window->exercise_view;
  shown = G_LIST_MODEL (view->selection);

  gtk_editable_set_text (GTK_EDITABLE (view->search_entry), "inj-03");
  /* The entry signals after a pause for typing; the test does not wait. */
  g_signal_emit_by_name (view->search_entry, "search-changed");
  g_assert_cmpuint (g_list_model_get_n_items (shown), ==, 1);
  {
    g_autoptr(OdanInjectItem) item = g_list_model_get_item (shown, 0);

    g_assert_cmpstr (odan_inject_item_get_id (item), ==, "INJ-03");
  }

  gtk_editable_set_text (GTK_EDITABLE (view->search_entry), "");
  g_signal_emit_by_name (view->search_entry, "search-changed");
  g_assert_cmpuint (g_list_model_get_n_items (shown), ==, 8);

  /* Nothing is sent before the clock starts. */
  gtk_widget_activate_action (GTK_WIDGET (view), "exercise.deliver", NULL);
  g_assert_cmpuint (count_deliveries (fixture->path, "INJ-01", "early"), ==, 0);
  g_assert_cmpuint (count_deliveries (fixture->path, "INJ-01", "scheduled"), ==, 0);

  odan_window_close_exercise (window);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (window->stack), ==, "empty");
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (window->header_bar)));
  g_assert_null (odan_window_get_exercise (window));
  ui_test_window_destroy (window);
}

static void
test_exercise_clock (Fixture       *fixture,
                     gconstpointer  data)
{
  OdanWindow *window;
  OdanExerciseView *view;
  OdanExercise *exercise;

  REQUIRE_DISPLAY ();

  window = window_with_exercise (fixture, TRUE);
  view = window->exercise_view;
  exercise = odan_window_get_exercise (window);

  /* ×60: half a wall-clock minute is half an hour of exercise time, and
   * the timer's work delivers INJ-02 (T+30m) on schedule. */
  gtk_drop_down_set_selected (view->speed_dropdown, 5);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (view), "exercise.toggle-clock", NULL));
  g_assert_cmpfloat (odan_clock_get_speed (odan_exercise_get_clock (exercise)), ==, 60.0);
  fixture->wall += 29 * G_USEC_PER_SEC;
  _odan_exercise_view_tick (view);
  g_assert_cmpint (odan_inject_item_get_status (find_item (view, "INJ-02")), ==, ODAN_INJECT_STATUS_UPCOMING);
  fixture->wall += 1 * G_USEC_PER_SEC;
  _odan_exercise_view_tick (view);
  g_assert_cmpfloat_with_epsilon (odan_exercise_get_minute (exercise), 30.0, 1e-9);
  g_assert_cmpstr (status_cell_text (view, "INJ-02"), ==, expected_status ("Delivered", "配信済み"));
  g_assert_cmpuint (count_deliveries (fixture->path, "INJ-02", "scheduled"), ==, 1);

  /* Down to ×2 while running: the file has the change, the clock follows. */
  gtk_drop_down_set_selected (view->speed_dropdown, 1);
  g_assert_cmpfloat (odan_clock_get_speed (odan_exercise_get_clock (exercise)), ==, 2.0);
  fixture->wall += 60 * G_USEC_PER_SEC;
  _odan_exercise_view_tick (view);
  g_assert_cmpfloat_with_epsilon (odan_exercise_get_minute (exercise), 32.0, 1e-9);

  /* Jump forward by the popover's minutes. */
  gtk_spin_button_set_value (view->jump_spin, 90);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (view), "exercise.jump", NULL));
  g_assert_cmpfloat_with_epsilon (odan_exercise_get_minute (exercise), 122.0, 1e-9);
  /* INJ-03 (T+2h) went out on the way, at its own time. */
  g_assert_cmpuint (count_deliveries (fixture->path, "INJ-03", "scheduled"), ==, 1);
  g_assert_cmpstr (status_cell_text (view, "INJ-03"), ==, expected_status ("Delivered", "配信済み"));

  /* End, after the dialog's answer: the clock stops for good. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (view), "exercise.end", NULL));
  {
    GList *toplevels = gtk_window_list_toplevels ();
    AdwMessageDialog *dialog = NULL;

    for (GList *l = toplevels; l != NULL; l = l->next)
      if (ADW_IS_MESSAGE_DIALOG (l->data))
        dialog = ADW_MESSAGE_DIALOG (l->data);
    g_list_free (toplevels);
    g_assert_nonnull (dialog);
    g_assert_true (gtk_window_get_transient_for (GTK_WINDOW (dialog)) == GTK_WINDOW (window));
    g_assert_false (odan_exercise_has_ended (exercise));
    /* The dialog closes itself once it has answered. */
    adw_message_dialog_response (dialog, "end");
  }
  g_assert_true (odan_exercise_has_ended (exercise));
  g_assert_cmpuint (view->tick_id, ==, 0);
  g_assert_cmpstr (gtk_button_get_label (view->clock_button), ==, ui_test_expect_japanese () ? "終了" : "Ended");

  ui_test_window_destroy (window);
}

static OdanInjectItem *
find_adhoc_item (OdanExerciseView *view,
                 const char       *title)
{
  GListModel *model = G_LIST_MODEL (view->injects);

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(OdanInjectItem) item = g_list_model_get_item (model, i);

      if (odan_inject_item_get_index (item) == ODAN_NONE
          && g_str_equal (odan_inject_item_get_title (item), title))
        return item;
    }

  return NULL;
}

static OdanAdhocDialog *
find_adhoc_dialog (void)
{
  GList *toplevels = gtk_window_list_toplevels ();
  OdanAdhocDialog *dialog = NULL;

  for (GList *l = toplevels; l != NULL; l = l->next)
    if (ODAN_IS_ADHOC_DIALOG (l->data))
      dialog = ODAN_ADHOC_DIALOG (l->data);
  g_list_free (toplevels);

  return dialog;
}

static void
test_exercise_adhoc (Fixture       *fixture,
                     gconstpointer  data)
{
  OdanWindow *window;
  OdanExerciseView *view;
  OdanExercise *exercise;
  OdanAdhocDialog *dialog;
  const OdanPack *pack;
  guint32 node, water;
  OdanInjectItem *item;
  g_autofree char *water_name = NULL;
  guint n_injects;

  REQUIRE_DISPLAY ();

  window = window_with_exercise (fixture, TRUE);
  view = window->exercise_view;
  exercise = odan_window_get_exercise (window);
  pack = odan_exercise_get_pack (exercise);
  node = odan_pack_find_node (pack, "power.kanto");
  water = odan_pack_find_team (pack, "water");
  n_injects = pack->n_injects;
  g_assert_cmpuint (node, !=, ODAN_NONE);
  g_assert_cmpuint (water, !=, ODAN_NONE);
  g_assert_cmpfloat (odan_sim_get_operability (odan_exercise_get_sim (exercise), node), >, 0.5);

  /* Nothing to send to before the exercise starts. */
  gtk_widget_activate_action (GTK_WIDGET (view), "exercise.new-inject", NULL);
  g_assert_null (find_adhoc_dialog ());
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (view), "exercise.toggle-clock", NULL));

  /* Ctrl+I, through the window. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.exercise-key", "s", "exercise.new-inject"));
  dialog = find_adhoc_dialog ();
  g_assert_nonnull (dialog);
  g_object_add_weak_pointer (G_OBJECT (dialog), (gpointer *) &dialog);
  g_assert_true (gtk_window_get_transient_for (GTK_WINDOW (dialog)) == GTK_WINDOW (window));
  /* Empty: nothing to send. */
  g_assert_false (odan_adhoc_dialog_is_valid (dialog));
  g_assert_false (gtk_widget_get_sensitive (GTK_WIDGET (dialog->send_button)));

  /* One team, by its localized name. */
  g_assert_cmpuint (dialog->team_checks->len, ==, pack->n_teams);
  gtk_switch_set_active (dialog->all_switch, FALSE);
  gtk_check_button_set_active (g_ptr_array_index (dialog->team_checks, water), TRUE);
  water_name = g_strdup (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (gtk_widget_get_ancestor (g_ptr_array_index (dialog->team_checks, water), ADW_TYPE_ACTION_ROW))));
  g_assert_cmpstr (water_name, ==, ui_test_expect_japanese () ? "水道チーム" : "Water team");

  gtk_editable_set_text (GTK_EDITABLE (dialog->title_row), "Substation fire");
  gtk_editable_set_text (GTK_EDITABLE (dialog->channel_row), "Phone");
  gtk_editable_set_text (GTK_EDITABLE (dialog->from_row), "Fire department");
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (dialog->body_view), "A fire at the Kanto substation.", -1);

  /* An effect on a node the pack does not have: shown, Send stays off. */
  gtk_editable_set_text (GTK_EDITABLE (dialog->effect_row), "set power.nowhere 0.5 for 2h");
  g_assert_false (odan_adhoc_dialog_is_valid (dialog));
  g_assert_false (gtk_widget_get_sensitive (GTK_WIDGET (dialog->send_button)));
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (dialog->effect_error)));
  g_assert_nonnull (strstr (gtk_label_get_label (dialog->effect_error), "power.nowhere"));
  /* A syntax error too. */
  gtk_editable_set_text (GTK_EDITABLE (dialog->effect_row), "set power.kanto");
  g_assert_false (gtk_widget_get_sensitive (GTK_WIDGET (dialog->send_button)));
  g_assert_cmpstr (gtk_label_get_label (dialog->effect_error), !=, "");

  /* Fixed. */
  gtk_editable_set_text (GTK_EDITABLE (dialog->effect_row), "set power.kanto 0.4 for 2h");
  g_assert_true (odan_adhoc_dialog_is_valid (dialog));
  g_assert_null (odan_adhoc_dialog_get_effect_error (dialog));
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (dialog->effect_error)));
  g_assert_true (gtk_widget_get_sensitive (GTK_WIDGET (dialog->send_button)));

  /* No recipient at all is not valid either. */
  gtk_check_button_set_active (g_ptr_array_index (dialog->team_checks, water), FALSE);
  g_assert_false (gtk_widget_get_sensitive (GTK_WIDGET (dialog->send_button)));
  gtk_check_button_set_active (g_ptr_array_index (dialog->team_checks, water), TRUE);

  /* Send: the dialog closes. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "adhoc.send", NULL));
  ui_test_drain ();
  g_assert_null (dialog);

  /* (a) the MSEL row, delivered, (b) the file, (c) the model. */
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (view->injects)), ==, pack->n_injects + 1);
  item = find_adhoc_item (view, "Substation fire");
  g_assert_nonnull (item);
  g_assert_cmpint (odan_inject_item_get_status (item), ==, ODAN_INJECT_STATUS_DELIVERED);
  g_assert_cmpstr (odan_inject_item_get_recipients (item), ==, water_name);
  /* a channel word is vocabulary: the Japanese interface says 電話 */
  g_assert_cmpstr (odan_inject_item_get_channel (item), ==, ui_test_expect_japanese () ? "電話" : "Phone");
  g_assert_cmpstr (odan_inject_item_get_body (item), ==, "A fire at the Kanto substation.");
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(OdanExercise) reader = odan_exercise_open (fixture->path, NULL, ODAN_EXERCISE_OPEN_READ_ONLY, &error);
    guint n = 0;

    g_assert_no_error (error);
    for (guint i = 0; i < odan_exercise_get_n_events (reader); i++)
      {
        const OdanEvent *event = odan_exercise_get_event (reader, i);
        g_autofree const char **to = NULL;

        if (event->kind != ODAN_EVENT_DELIVERY || !g_str_equal (odan_event_action_to_string (event), "adhoc"))
          continue;
        n++;
        g_assert_cmpstr (odan_event_get_string (event, "title"), ==, "Substation fire");
        g_assert_cmpstr (odan_event_get_string (event, "from"), ==, "Fire department");
        g_assert_cmpstr (odan_event_get_string (event, "effect"), ==, "set power.kanto 0.4 for 2h");
        to = odan_event_get_strv (event, "to");
        g_assert_nonnull (to);
        g_assert_cmpstr (to[0], ==, "water");
        g_assert_null (to[1]);
      }
    g_assert_cmpuint (n, ==, 1);
  }
  g_assert_cmpfloat (odan_sim_get_operability (odan_exercise_get_sim (exercise), node), <=, 0.4 + 1e-9);
  g_assert_cmpfloat_with_epsilon (odan_sector_board_get_shown_level (view->sector_board, node),
                                  odan_sim_get_operability (odan_exercise_get_sim (exercise), node), 1e-9);

  /* Selected, it reads in full. */
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (view->selection)); i++)
    {
      g_autoptr(OdanInjectItem) shown = g_list_model_get_item (G_LIST_MODEL (view->selection), i);

      if (shown == item)
        gtk_single_selection_set_selected (view->selection, i);
    }
  g_assert_true (_odan_exercise_view_get_selected (view) == item);
  g_assert_cmpstr (gtk_label_get_label (view->detail_body), ==, "A fire at the Kanto substation.");
  g_assert_false (gtk_widget_get_visible (view->expected_box));

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (view), "exercise.toggle-clock", NULL));
  ui_test_window_destroy (window);

  /* Reopened, the file shows it again. */
  window = window_with_exercise (fixture, FALSE);
  view = window->exercise_view;
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (view->injects)), ==, n_injects + 1);
  item = find_adhoc_item (view, "Substation fire");
  g_assert_nonnull (item);
  g_assert_cmpint (odan_inject_item_get_status (item), ==, ODAN_INJECT_STATUS_DELIVERED);
  g_assert_cmpstr (odan_inject_item_get_recipients (item), ==, water_name);
  ui_test_window_destroy (window);
}

static gboolean
has_label (GtkWidget  *widget,
           const char *text)
{
  if (GTK_IS_LABEL (widget) && g_strcmp0 (gtk_label_get_label (GTK_LABEL (widget)), text) == 0
      && gtk_widget_get_mapped (widget))
    return TRUE;

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (has_label (child, text))
      return TRUE;

  return FALSE;
}

static OdanDecisionItem *
feed_item (OdanExerciseView *view,
           guint             position)
{
  g_autoptr(OdanDecisionItem) item = g_list_model_get_item (G_LIST_MODEL (view->decisions), position);

  g_assert_nonnull (item);
  return item;
}

static void
test_exercise_feed (Fixture       *fixture,
                    gconstpointer  data)
{
  OdanWindow *window;
  OdanExerciseView *view;
  OdanExercise *exercise;
  const OdanPack *pack;
  OdanDecision decision = { 0 };
  g_autoptr(GError) error = NULL;
  const char *team_name = ui_test_expect_japanese () ? "電力チーム" : "Electricity team";
  const char *category = ui_test_expect_japanese () ? "事業継続" : "Business continuity";
  OdanDecisionItem *item;

  REQUIRE_DISPLAY ();

  window = window_with_exercise (fixture, TRUE);
  view = window->exercise_view;
  exercise = odan_window_get_exercise (window);
  pack = odan_exercise_get_pack (exercise);

  adw_view_stack_set_visible_child_name (view->view_stack, "decisions");
  ui_test_drain ();
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (view->decisions)), ==, 0);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (view->feed_stack), ==, "empty");

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (view), "exercise.toggle-clock", NULL));
  fixture->wall += 60 * G_USEC_PER_SEC;
  _odan_exercise_view_tick (view);

  /* At T+1m the power team sends a power vehicle (M-01, 3 h later). */
  decision.team = odan_pack_find_team (pack, "power");
  decision.category = ODAN_CATEGORY_BUSINESS_CONTINUITY;
  decision.summary = (char *) "Power vehicle to the hospital";
  decision.mitigation = odan_pack_find_mitigation (pack, "M-01");
  decision.inject = ODAN_NONE;
  g_assert_cmpuint (decision.team, !=, ODAN_NONE);
  g_assert_cmpuint (decision.mitigation, !=, ODAN_NONE);
  g_assert_cmpint (odan_exercise_decide (exercise, &decision, "Sato", &error), >, 0);
  g_assert_no_error (error);
  ui_test_drain ();

  g_assert_cmpstr (gtk_stack_get_visible_child_name (view->feed_stack), ==, "feed");
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (view->decisions)), ==, 1);
  item = feed_item (view, 0);
  g_assert_cmpstr (odan_decision_item_get_team (item), ==, team_name);
  g_assert_cmpstr (odan_decision_item_get_category (item), ==, category);
  g_assert_cmpstr (odan_decision_item_get_summary (item), ==, "Power vehicle to the hospital");
  g_assert_cmpint (odan_decision_item_get_outcome (item), ==, ODAN_DECISION_OUTCOME_ACCEPTED);
  g_assert_nonnull (strstr (odan_decision_item_get_outcome_text (item), "T+3h01m"));
  g_assert_nonnull (strstr (odan_decision_item_get_outcome_text (item),
                            ui_test_expect_japanese () ? "災害拠点病院へ電源車を派遣" : "Send a power vehicle to the disaster base hospital"));
  g_assert_cmpstr (odan_decision_item_get_effect (item), ==, "floor hospital.disaster-base 0.9 for 2d");
  /* On screen: the row shows the team and the category. */
  g_assert_true (has_label (GTK_WIDGET (view->feed_view), team_name));
  g_assert_true (has_label (GTK_WIDGET (view->feed_view), category));

  /* Three hours on, the mitigation applies: a new row on top. */
  gtk_spin_button_set_value (view->jump_spin, 240);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (view), "exercise.jump", NULL));
  ui_test_drain ();
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (view->decisions)), ==, 2);
  item = feed_item (view, 0);
  g_assert_cmpint (odan_decision_item_get_outcome (item), ==, ODAN_DECISION_OUTCOME_APPLIED);
  g_assert_cmpstr (odan_decision_item_get_team (item), ==, team_name);
  g_assert_cmpstr (odan_decision_item_get_effect (item), ==, "floor hospital.disaster-base 0.9 for 2d");
  g_assert_cmpstr (odan_decision_item_get_time_text (item), ==, "T+3h01m");
  g_assert_cmpstr (odan_decision_item_get_summary (item), ==,
                   ui_test_expect_japanese () ? "災害拠点病院へ電源車を派遣" : "Send a power vehicle to the disaster base hospital");
  g_assert_true (has_label (GTK_WIDGET (view->feed_view), odan_decision_item_get_summary (item)));

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (view), "exercise.toggle-clock", NULL));
  ui_test_window_destroy (window);

  /* Reopened: the same rows, newest first. */
  window = window_with_exercise (fixture, FALSE);
  view = window->exercise_view;
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (view->decisions)), ==, 2);
  g_assert_cmpint (odan_decision_item_get_outcome (feed_item (view, 0)), ==, ODAN_DECISION_OUTCOME_APPLIED);
  g_assert_cmpint (odan_decision_item_get_outcome (feed_item (view, 1)), ==, ODAN_DECISION_OUTCOME_ACCEPTED);
  g_assert_cmpstr (odan_decision_item_get_category (feed_item (view, 1)), ==, category);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (view->feed_stack), ==, "feed");
  ui_test_window_destroy (window);
}

/* A mitigation whose pool is empty: the decision is in the feed, its
 * mitigation refused with the engine's reason, and no mitigation row follows. */
static void
test_exercise_feed_refused (Fixture       *fixture,
                            gconstpointer  data)
{
  g_autofree char *pack_path = g_test_build_filename (G_TEST_DIST, "exercise", "packs", "pools", NULL);
  const char *mitigations[] = { "PV-A", "PV-B", "PV-C" };
  OdanWindow *window;
  OdanExerciseView *view;
  OdanExercise *exercise;
  const OdanPack *pack;
  OdanDecisionItem *item;

  REQUIRE_DISPLAY ();

  window = window_with_pack (fixture, pack_path, TRUE);
  view = window->exercise_view;
  exercise = odan_window_get_exercise (window);
  pack = odan_exercise_get_pack (exercise);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (view), "exercise.toggle-clock", NULL));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (view), "exercise.toggle-clock", NULL));

  /* Two vehicles, three requests: the third finds the pool empty. */
  for (guint i = 0; i < G_N_ELEMENTS (mitigations); i++)
    {
      OdanDecision decision = { 0 };
      g_autoptr(GError) error = NULL;

      decision.team = odan_pack_find_team (pack, "power");
      decision.category = ODAN_CATEGORY_BUSINESS_CONTINUITY;
      decision.summary = (char *) mitigations[i];
      decision.mitigation = odan_pack_find_mitigation (pack, mitigations[i]);
      decision.inject = ODAN_NONE;
      g_assert_cmpuint (decision.mitigation, !=, ODAN_NONE);
      g_assert_cmpint (odan_exercise_decide (exercise, &decision, NULL, &error), >, 0);
      g_assert_no_error (error);
    }

  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (view->decisions)), ==, 3);
  item = feed_item (view, 0);
  g_assert_cmpstr (odan_decision_item_get_summary (item), ==, "PV-C");
  g_assert_cmpint (odan_decision_item_get_outcome (item), ==, ODAN_DECISION_OUTCOME_REFUSED);
  /* The reason, in the UI's language, and the mitigation refused. */
  g_assert_nonnull (strstr (odan_decision_item_get_outcome_text (item), ui_test_expect_japanese () ? "移動電源車" : "Mobile power vehicles"));
  g_assert_nonnull (strstr (odan_decision_item_get_outcome_text (item), ui_test_expect_japanese () ? "C病院へ電源車" : "Power vehicle to hospital C"));
  g_assert_cmpstr (odan_decision_item_get_effect (item), ==, "floor hospital.c 1 for 1d");
  g_assert_cmpint (odan_decision_item_get_outcome (feed_item (view, 1)), ==, ODAN_DECISION_OUTCOME_ACCEPTED);

  /* An hour on, two mitigations apply; the refused one never does. */
  gtk_spin_button_set_value (view->jump_spin, 120);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (view), "exercise.jump", NULL));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (view->decisions)), ==, 5);
  g_assert_cmpint (odan_decision_item_get_outcome (feed_item (view, 0)), ==, ODAN_DECISION_OUTCOME_APPLIED);
  g_assert_cmpint (odan_decision_item_get_outcome (feed_item (view, 1)), ==, ODAN_DECISION_OUTCOME_APPLIED);
  g_assert_cmpint (odan_decision_item_get_outcome (feed_item (view, 2)), ==, ODAN_DECISION_OUTCOME_REFUSED);

  ui_test_window_destroy (window);
}

/* The start page's "New exercise" loads the built-in scenario first, so
 * its problems would be listed like any pack's; only when that load ends
 * well does the save dialog ask where the file goes. (The dialog is GTK's
 * own and is not opened here: the case checks what leads to it and what
 * its answer does.) */
static void
test_exercise_new_from_start_page (Fixture       *fixture,
                                   gconstpointer  data)
{
  g_autofree char *example = g_build_filename (g_getenv ("ODAN_SCENARIOS"), "example", NULL);
  g_autoptr(GFile) example_folder = g_file_new_for_path (example);
  g_autoptr(GFile) builtin = NULL;
  g_autoptr(GFile) file = g_file_new_for_path (fixture->path);
  g_autoptr(GError) error = NULL;
  OdanWindow *window;

  REQUIRE_DISPLAY ();

  builtin = odan_application_find_builtin_scenario (&error);
  g_assert_no_error (error);

  window = odan_window_new (app);
  gtk_window_present (GTK_WINDOW (window));
  g_assert_cmpstr (gtk_stack_get_visible_child_name (window->stack), ==, "empty");

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.new-exercise", NULL));
  g_assert_true (odan_window_get_loading (window));
  g_assert_true (g_file_equal (odan_window_get_folder (window), builtin));
  g_assert_true (window->new_exercise_after_load);

  /* Another pack opened meanwhile: the new exercise no longer waits. */
  odan_window_load (window, example_folder);
  g_assert_false (window->new_exercise_after_load);
  while (odan_window_get_loading (window))
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (window->stack), ==, "pack");

  /* The dialog's answer: a file that was there is replaced (it asked). */
  g_assert_true (g_file_set_contents (fixture->path, "not an exercise", -1, &error));
  g_assert_no_error (error);
  g_assert_true (_odan_window_create_exercise (window, file, &error));
  g_assert_no_error (error);

  g_assert_cmpstr (gtk_stack_get_visible_child_name (window->stack), ==, "exercise");
  g_assert_nonnull (odan_window_get_exercise (window));
  g_assert_false (odan_exercise_has_started (odan_window_get_exercise (window)));
  g_assert_cmpstr (odan_exercise_get_pack (odan_window_get_exercise (window))->id, ==,
                   odan_window_get_pack (window)->id);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (window->exercise_view->injects)), ==,
                    odan_window_get_pack (window)->n_injects);

  /* Closing the exercise goes back to the pack it came from. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.close-exercise", NULL));
  g_assert_cmpstr (gtk_stack_get_visible_child_name (window->stack), ==, "pack");
  g_assert_null (odan_window_get_exercise (window));

  ui_test_window_destroy (window);
}

/* The built-in scenario (Kanto) end to end: started, stepped until K-15,
 * the wide-area blackout, goes out; the MSEL, the file and the sector
 * board all show it. */
static void
test_exercise_builtin (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autoptr(GFile) builtin = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *builtin_path = NULL;
  OdanWindow *window;
  OdanExerciseView *view;
  OdanExercise *exercise;
  const OdanPack *pack;
  guint32 k15;
  guint32 tokyo;
  guint steps = 0;

  REQUIRE_DISPLAY ();

  builtin = odan_application_find_builtin_scenario (&error);
  g_assert_no_error (error);
  builtin_path = g_file_get_path (builtin);
  g_assert_true (g_str_has_suffix (builtin_path, "kanto"));

  window = window_with_pack (fixture, builtin_path, TRUE);
  view = window->exercise_view;
  exercise = odan_window_get_exercise (window);
  pack = odan_exercise_get_pack (exercise);
  k15 = odan_pack_find_inject (pack, "K-15");
  tokyo = odan_pack_find_node (pack, "power.tokyo-23");
  g_assert_cmpuint (k15, !=, ODAN_NONE);
  g_assert_cmpuint (tokyo, !=, ODAN_NONE);
  g_assert_cmpstr (status_cell_text (view, "K-15"), ==, expected_status ("Upcoming", "予定"));
  g_assert_cmpfloat (odan_sector_board_get_shown_level (view->sector_board, tokyo), >, 0.0);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (view), "exercise.toggle-clock", NULL));
  g_assert_true (odan_exercise_has_started (exercise));

  /* Each step sends the next pending inject; K-15 comes within the MSEL. */
  while (odan_inject_item_get_status (find_item (view, "K-15")) != ODAN_INJECT_STATUS_DELIVERED)
    {
      g_assert_cmpuint (steps, <, pack->n_injects);
      g_assert_true (gtk_widget_activate_action (GTK_WIDGET (view), "exercise.step", NULL));
      steps++;
    }
  ui_test_drain ();
  g_assert_cmpuint (steps, >, 1);
  g_assert_cmpfloat_with_epsilon (odan_exercise_get_minute (exercise), 8 * 60 + 30, 1e-9);

  /* (a) the MSEL row, (b) the file, (c) the sector board. */
  g_assert_cmpstr (status_cell_text (view, "K-15"), ==, expected_status ("Delivered", "配信済み"));
  g_assert_cmpuint (count_deliveries (fixture->path, "K-15", "scheduled"), ==, 1);
  g_assert_cmpfloat_with_epsilon (odan_sector_board_get_shown_level (view->sector_board, tokyo), 0.0, 1e-9);
  g_assert_true (odan_sector_board_select_node (view->sector_board, tokyo));
  g_assert_nonnull (strstr (odan_sector_board_get_cause_text (view->sector_board), "K-15"));

  ui_test_window_destroy (window);
}

static void
assert_recent_rows (OdanWindow  *window,
                    const char **paths)
{
  guint n = g_strv_length ((char **) paths);

  g_assert_cmpuint (window->recent_rows->len, ==, n);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (window->recent_group)) == (n > 0));
  for (guint i = 0; i < n; i++)
    {
      AdwActionRow *row = g_ptr_array_index (window->recent_rows, i);
      g_autofree char *name = g_path_get_basename (paths[i]);
      g_autofree char *folder = g_path_get_dirname (paths[i]);

      g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)), ==, name);
      g_assert_cmpstr (adw_action_row_get_subtitle (row), ==, folder);
      g_assert_true (gtk_widget_is_ancestor (GTK_WIDGET (row), GTK_WIDGET (window->recent_group)));
    }
}

/* The start page lists the exercise files opened last, most recent first,
 * and leaves out those gone since. */
static void
test_exercise_recent (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autofree char *example = g_build_filename (g_getenv ("ODAN_SCENARIOS"), "example", NULL);
  g_autofree char *second_path = g_build_filename (fixture->dir, "second.odan", NULL);
  g_autoptr(GFile) example_folder = g_file_new_for_path (example);
  g_autoptr(GFile) first = g_file_new_for_path (fixture->path);
  g_autoptr(GFile) second = g_file_new_for_path (second_path);
  g_autoptr(GSettings) settings = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) recent = NULL;
  OdanWindow *window;

  REQUIRE_DISPLAY ();

  settings = g_settings_new (ODAN_APPLICATION_ID);
  g_settings_reset (settings, "recent-exercises");

  window = odan_window_new (app);
  gtk_window_present (GTK_WINDOW (window));
  g_assert_cmpstr (gtk_stack_get_visible_child_name (window->stack), ==, "empty");
  assert_recent_rows (window, (const char *[]) { NULL });
  g_assert_cmpstr (adw_preferences_group_get_title (window->recent_group), ==,
                   expected_status ("Recent Exercises", "最近の演習"));

  g_assert_true (odan_window_open_exercise (window, first, example_folder, &error));
  g_assert_no_error (error);
  g_assert_true (odan_window_open_exercise (window, second, example_folder, &error));
  g_assert_no_error (error);
  odan_window_close_exercise (window);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (window->stack), ==, "empty");
  assert_recent_rows (window, (const char *[]) { second_path, fixture->path, NULL });

  /* Opening the first again, from its row, moves it to the front. */
  adw_action_row_activate (g_ptr_array_index (window->recent_rows, 1));
  g_assert_cmpstr (gtk_stack_get_visible_child_name (window->stack), ==, "exercise");
  g_assert_true (g_file_equal (window->exercise_file, first));
  odan_window_close_exercise (window);
  assert_recent_rows (window, (const char *[]) { fixture->path, second_path, NULL });
  recent = g_settings_get_strv (settings, "recent-exercises");
  g_assert_cmpuint (g_strv_length (recent), ==, 2);
  ui_test_window_destroy (window);

  /* A deleted file is not shown, though the setting still names it. */
  g_assert_cmpint (g_remove (second_path), ==, 0);
  window = odan_window_new (app);
  gtk_window_present (GTK_WINDOW (window));
  assert_recent_rows (window, (const char *[]) { fixture->path, NULL });

  /* At most ten, without duplicates. */
  for (guint i = 0; i < 12; i++)
    {
      g_autoptr(GFile) file = NULL;

      g_free (second_path);
      second_path = g_strdup_printf ("%s/extra-%u.odan", fixture->dir, i);
      file = g_file_new_for_path (second_path);
      g_assert_true (odan_window_open_exercise (window, file, example_folder, &error));
      g_assert_no_error (error);
    }
  /* the last one again, opened rather than created: still once */
  {
    g_autoptr(GFile) last = g_file_new_for_path (second_path);

    g_assert_true (odan_window_open_exercise (window, last, NULL, &error));
    g_assert_no_error (error);
  }
  g_clear_pointer (&recent, g_strfreev);
  recent = g_settings_get_strv (settings, "recent-exercises");
  g_assert_cmpuint (g_strv_length (recent), ==, 10);
  g_assert_cmpstr (recent[0], ==, second_path);
  odan_window_close_exercise (window);
  g_assert_cmpuint (window->recent_rows->len, ==, 10);

  /* An empty list hides the group. */
  g_settings_reset (settings, "recent-exercises");
  assert_recent_rows (window, (const char *[]) { NULL });

  ui_test_window_destroy (window);
}

int
main (int   argc,
      char *argv[])
{
  app = ui_test_init (&argc, &argv);

  g_test_add ("/ui/exercise/deliver", Fixture, NULL, fixture_setup, test_exercise_deliver, ui_test_fixture_teardown);
  g_test_add ("/ui/exercise/buffers", Fixture, NULL, fixture_setup, test_exercise_buffers, ui_test_fixture_teardown);
  g_test_add ("/ui/exercise/clock", Fixture, NULL, fixture_setup, test_exercise_clock, ui_test_fixture_teardown);
  g_test_add ("/ui/exercise/new-from-start-page", Fixture, NULL, fixture_setup, test_exercise_new_from_start_page, ui_test_fixture_teardown);
  g_test_add ("/ui/exercise/adhoc", Fixture, NULL, fixture_setup, test_exercise_adhoc, ui_test_fixture_teardown);
  g_test_add ("/ui/exercise/feed", Fixture, NULL, fixture_setup, test_exercise_feed, ui_test_fixture_teardown);
  g_test_add ("/ui/exercise/feed-refused", Fixture, NULL, fixture_setup, test_exercise_feed_refused, ui_test_fixture_teardown);
  g_test_add ("/ui/exercise/builtin", Fixture, NULL, fixture_setup, test_exercise_builtin, ui_test_fixture_teardown);
  g_test_add ("/ui/exercise/recent", Fixture, NULL, fixture_setup, test_exercise_recent, ui_test_fixture_teardown);
  g_test_add ("/ui/exercise/search", Fixture, NULL, fixture_setup, test_exercise_search, ui_test_fixture_teardown);

  return ui_test_run (&app);
}

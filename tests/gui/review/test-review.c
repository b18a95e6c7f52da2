/* test-review.c — the evaluator's review page (OdanReviewPage, OdanCurvePlot,
 * OdanObservationDialog) under a display
 *
 * Each case plays the scripted after-action exercise of
 * tests/common/aar-script.c (packs/aar, every minute exact, the answers
 * worked out by hand there) into a temporary file and shows it on a review
 * page in a window of its own. The measures and the counterfactual run in a
 * GTask thread: the cases wait for it by iterating the main context until
 * the page is no longer busy, never by time. Without a display the cases
 * skip.
 */
#define G_LOG_DOMAIN "odan-test"

#include <glib/gstdio.h>
#include <math.h>
#include <string.h>

#include "odan-xlsx.h"

#include "aar-script.h"
#include "odan-evaluation.h"
#include "odan-exercise-view-private.h"
#include "odan-observation-dialog-private.h"
#include "odan-review-page-private.h"
#include "odan-timeline-item.h"
#include "odan-window-private.h"
#include "ui-test.h"

static OdanApplication *app;  /* NULL without a display */

#define REQUIRE_DISPLAY() UI_TEST_REQUIRE_DISPLAY (app)

typedef struct {
  char           *dir;
  char           *path;
  TestTime        time;
  OdanExercise   *exercise;
  GtkWindow      *window;
  OdanReviewPage *page;
} Fixture;

static void
wait_idle (OdanReviewPage *page)
{
  while (odan_review_page_get_busy (page))
    g_main_context_iteration (NULL, TRUE);
  ui_test_drain ();
}

static void
fixture_setup (Fixture       *fixture,
               gconstpointer  data)
{
  GtkWidget *overlay;

  if (app == NULL)
    return;

  fixture->dir = test_tmpdir_new ();
  fixture->path = g_build_filename (fixture->dir, "aar.odan", NULL);
  fixture->time.now = g_get_real_time ();
  fixture->exercise = aar_play (fixture->path, &fixture->time);

  fixture->window = GTK_WINDOW (gtk_window_new ());
  gtk_window_set_default_size (fixture->window, 1200, 800);
  overlay = adw_toast_overlay_new ();
  fixture->page = g_object_new (ODAN_TYPE_REVIEW_PAGE, NULL);
  adw_toast_overlay_set_child (ADW_TOAST_OVERLAY (overlay), GTK_WIDGET (fixture->page));
  gtk_window_set_child (fixture->window, overlay);
  gtk_window_present (fixture->window);

  odan_review_page_set_exercise (fixture->page, fixture->exercise);
  wait_idle (fixture->page);
}

static gboolean
give_up (gpointer data)
{
  *(gboolean *) data = TRUE;
  return G_SOURCE_REMOVE;
}

static void
fixture_teardown (Fixture       *fixture,
                  gconstpointer  data)
{
  if (app == NULL)
    return;

  g_object_add_weak_pointer (G_OBJECT (fixture->exercise), (gpointer *) &fixture->exercise);
  gtk_window_destroy (fixture->window);
  g_object_unref (fixture->exercise);
  /* Work the page started in a thread (curves, measures) keeps the page
   * until its callback has run: let it finish, then nothing else may hold
   * the exercise — the page and its board let go. */
  {
    gboolean gave_up = FALSE;
    guint guard = g_timeout_add_seconds (60, give_up, &gave_up);
    while (fixture->exercise != NULL && !gave_up)
      g_main_context_iteration (NULL, TRUE);
    if (!gave_up)
      g_source_remove (guard);
  }
  ui_test_drain ();
  g_assert_null (fixture->exercise);
  test_tmpdir_free (fixture->dir);
  g_free (fixture->path);
}

static GtkWidget *
find_named (GtkWidget  *widget,
            const char *name)
{
  if (g_strcmp0 (gtk_widget_get_name (widget), name) == 0)
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_named (child, name);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static GtkWidget *
find_type (GtkWidget *widget,
           GType      type)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (widget, type))
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_type (child, type);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* The text of the last label of @row (the value beside its bar). */
static const char *
last_label (GtkWidget *widget)
{
  const char *text = NULL;

  if (GTK_IS_LABEL (widget))
    text = gtk_label_get_label (GTK_LABEL (widget));
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL; child = gtk_widget_get_next_sibling (child))
    {
      const char *found = last_label (child);

      if (found != NULL && found[0] != '\0')
        text = found;
    }
  return text;
}

static guint
count_kind (GListModel       *model,
            OdanTimelineKind  kind)
{
  guint n = 0;

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(OdanTimelineItem) item = g_list_model_get_item (model, i);

      n += odan_timeline_item_get_kind (item) == kind;
    }
  return n;
}

static void
test_timeline (Fixture       *fixture,
               gconstpointer  data)
{
  OdanReviewPage *page = fixture->page;
  const OdanPack *pack;
  GListModel *timeline;
  guint32 water;
  guint total, n_events;
  double last = -1;
  gboolean water_ack = FALSE;

  REQUIRE_DISPLAY ();

  pack = odan_exercise_get_pack (fixture->exercise);
  water = odan_pack_find_team (pack, "water");
  n_events = odan_exercise_get_n_events (fixture->exercise);
  timeline = _odan_review_page_get_timeline (page);

  /* Every event, in time order, and the engine's impacts: power and water
   * go down at T+10 and come back with the generator at T+70. */
  total = g_list_model_get_n_items (timeline);
  g_assert_cmpuint (count_kind (timeline, ODAN_TIMELINE_IMPACT), ==, 4);
  g_assert_cmpuint (total, ==, n_events + 4);
  for (guint i = 0; i < total; i++)
    {
      g_autoptr(OdanTimelineItem) item = g_list_model_get_item (timeline, i);

      g_assert_cmpfloat (odan_timeline_item_get_minute (item), >=, last);
      last = odan_timeline_item_get_minute (item);
    }

  /* One team: only its rows — among them its confirmation of B-01. */
  gtk_drop_down_set_selected (page->team_dropdown, water + 1);
  ui_test_drain ();
  g_assert_cmpuint (g_list_model_get_n_items (timeline), >, 0);
  g_assert_cmpuint (g_list_model_get_n_items (timeline), <, total);
  for (guint i = 0; i < g_list_model_get_n_items (timeline); i++)
    {
      g_autoptr(OdanTimelineItem) item = g_list_model_get_item (timeline, i);

      g_assert_true (odan_timeline_item_has_team (item, water));
      if (odan_timeline_item_get_kind (item) == ODAN_TIMELINE_ACK && odan_timeline_item_get_minute (item) == 15)
        water_ack = TRUE;
    }
  g_assert_true (water_ack);
  /* water saw B-01 at 10 and N-01 at 20, confirmed B-01 at 15: nothing else */
  g_assert_cmpuint (g_list_model_get_n_items (timeline), ==, 3);

  /* Category and time range: the acknowledgements of 40–50 min. */
  gtk_drop_down_set_selected (page->team_dropdown, 0);
  gtk_drop_down_set_selected (page->category_dropdown, 2);
  gtk_spin_button_set_value (page->from_spin, 40);
  gtk_spin_button_set_value (page->to_spin, 50);
  ui_test_drain ();
  g_assert_cmpuint (g_list_model_get_n_items (timeline), ==, 4);   /* m1, m2, m3 at 40, m4 at 50 */
  g_assert_cmpuint (count_kind (timeline, ODAN_TIMELINE_ACK), ==, 4);

  /* The search narrows within that. */
  gtk_editable_set_text (GTK_EDITABLE (page->search_entry), "no such text anywhere");
  g_signal_emit_by_name (page->search_entry, "search-changed");
  ui_test_drain ();
  g_assert_cmpuint (g_list_model_get_n_items (timeline), ==, 0);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (page->timeline_stack), ==, "empty");
}

static void
test_scrub (Fixture       *fixture,
            gconstpointer  data)
{
  OdanReviewPage *page = fixture->page;
  const OdanPack *pack;
  guint32 w1;
  const double minutes[] = { 5, 40, 100 };
  double seen[G_N_ELEMENTS (minutes)];

  REQUIRE_DISPLAY ();

  pack = odan_exercise_get_pack (fixture->exercise);
  w1 = odan_pack_find_node (pack, "w1");
  g_assert_cmpuint (w1, !=, ODAN_NONE);

  /* It starts at the end. */
  g_assert_cmpfloat (odan_review_page_get_time (page), ==, 130);

  for (guint i = 0; i < G_N_ELEMENTS (minutes); i++)
    {
      g_autoptr(OdanSim) sim = odan_exercise_state_at (fixture->exercise, minutes[i]);

      odan_review_page_set_time (page, minutes[i]);
      ui_test_drain ();
      seen[i] = odan_sector_board_get_shown_level (page->board, w1);
      g_assert_cmpfloat_with_epsilon (seen[i], odan_sim_get_operability (sim, w1), 1e-9);
      g_assert_cmpfloat (odan_curve_plot_get_cursor (page->curve_plot), ==, minutes[i]);
    }
  /* the water works runs, stops with the plant, runs again with the generator */
  g_assert_cmpfloat (seen[0], ==, 1);
  g_assert_cmpfloat (seen[1], ==, 0);
  g_assert_cmpfloat (seen[2], ==, 1);

  /* The plot holds the same curves: each sector, then one sector's nodes. */
  g_assert_cmpuint (odan_curve_plot_get_n_series (page->curve_plot), ==, pack->n_sectors);
  /* this pack has no uncertainty.csv: no bands (test-report checks a pack that has) */
  g_assert_cmpuint (odan_curve_plot_get_n_bands (page->curve_plot), ==, 0);
  g_assert_cmpfloat (odan_curve_plot_value_at (page->curve_plot, 1, 40), ==, 0);
  g_assert_cmpfloat (odan_curve_plot_value_at (page->curve_plot, 1, 100), ==, 1);
  gtk_drop_down_set_selected (page->curve_dropdown, 1 + pack->nodes[w1].sector);
  ui_test_drain ();
  g_assert_cmpuint (odan_curve_plot_get_n_series (page->curve_plot), ==, 1);
  g_assert_cmpfloat (odan_curve_plot_value_at (page->curve_plot, 0, 40), ==, 0);

  /* The live board of the console is not the page's: the exercise's own
   * model stays at its end, with the water works running. */
  g_assert_cmpfloat (odan_sim_get_operability (odan_exercise_get_sim (fixture->exercise), w1), ==, 1);
}

static void
test_measures (Fixture       *fixture,
               gconstpointer  data)
{
  OdanReviewPage *page = fixture->page;
  GtkWidget *row;
  GtkWidget *bar;
  const char *subtitle;

  REQUIRE_DISPLAY ();

  g_assert_cmpstr (gtk_stack_get_visible_child_name (page->measures_stack), ==, "measures");

  /* 30 min from the blackout reaching power-ceptoar to its initial report, deadline 60. */
  row = find_named (GTK_WIDGET (page->measures_box), "timing-B-01-power-ceptoar");
  g_assert_nonnull (row);
  subtitle = adw_action_row_get_subtitle (ADW_ACTION_ROW (row));
  g_assert_nonnull (strstr (subtitle, "30"));
  /* met in time: no warning beside it */
  g_assert_null (find_type (row, GTK_TYPE_IMAGE) != NULL
                 && g_strcmp0 (gtk_image_get_icon_name (GTK_IMAGE (find_type (row, GTK_TYPE_IMAGE))), "dialog-warning-symbolic") == 0
                 ? row : NULL);

  /* 75 % of the members confirmed the reach check in time. */
  row = find_named (GTK_WIDGET (page->measures_box), "reach-R-01-member");
  g_assert_nonnull (row);
  bar = find_type (row, GTK_TYPE_LEVEL_BAR);
  g_assert_cmpfloat_with_epsilon (gtk_level_bar_get_value (GTK_LEVEL_BAR (bar)), 0.75, 1e-9);
  g_assert_cmpstr (last_label (row), ==, "75%");
  /* and the ministry stage, 1 of 1 */
  row = find_named (GTK_WIDGET (page->measures_box), "reach-R-01-ministry");
  g_assert_nonnull (row);
  g_assert_cmpfloat (gtk_level_bar_get_value (GTK_LEVEL_BAR (find_type (row, GTK_TYPE_LEVEL_BAR))), ==, 1);

  /* water never answered N-01 */
  g_assert_nonnull (find_named (GTK_WIDGET (page->measures_box), "unanswered-N-01-water"));
  g_assert_null (find_named (GTK_WIDGET (page->measures_box), "unanswered-B-01-water"));

  /* The generator avoided 3 weighted node-hours, all of it power-ceptoar's. */
  row = find_named (GTK_WIDGET (page->measures_box), "avoided-team-power-ceptoar");
  g_assert_nonnull (row);
  g_assert_nonnull (strstr (last_label (row), "3.00"));
  row = find_named (GTK_WIDGET (page->measures_box), "avoided-all");
  g_assert_nonnull (strstr (last_label (row), "3.00"));
}

static GtkWidget *
find_prefixed (GtkWidget  *widget,
               const char *prefix)
{
  if (g_str_has_prefix (gtk_widget_get_name (widget), prefix))
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_prefixed (child, prefix);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* What if the generator had come 30 minutes later: the model is rerun and
 * the page says 4.5 weighted node-hours would have been lost, not 3. */
static void
test_what_if (Fixture       *fixture,
              gconstpointer  data)
{
  OdanReviewPage *page = fixture->page;
  GtkWidget *spin, *run, *result;
  g_autofree char *event = NULL;
  g_autofree char *run_name = NULL;
  g_autofree char *result_name = NULL;
  gboolean gave_up = FALSE;
  guint guard;

  REQUIRE_DISPLAY ();

  spin = find_prefixed (GTK_WIDGET (page->measures_box), "shift-minutes-");
  g_assert_nonnull (spin);
  event = g_strdup (gtk_widget_get_name (spin) + strlen ("shift-minutes-"));
  run_name = g_strconcat ("shift-run-", event, NULL);
  result_name = g_strconcat ("shift-result-", event, NULL);
  run = find_named (GTK_WIDGET (page->measures_box), run_name);
  result = find_named (GTK_WIDGET (page->measures_box), result_name);
  g_assert_nonnull (run);
  g_assert_nonnull (result);

  gtk_spin_button_set_value (GTK_SPIN_BUTTON (spin), 30);
  g_signal_emit_by_name (run, "clicked");
  g_assert_false (gtk_widget_get_sensitive (run));
  guard = g_timeout_add_seconds (60, give_up, &gave_up);
  while (!gtk_widget_get_sensitive (run) && !gave_up)
    g_main_context_iteration (NULL, TRUE);
  if (!gave_up)
    g_source_remove (guard);
  g_assert_true (gtk_widget_get_sensitive (run));
  g_assert_nonnull (strstr (gtk_label_get_label (GTK_LABEL (result)), "4.50"));
  g_assert_nonnull (strstr (gtk_label_get_label (GTK_LABEL (result)), "3.00"));
  g_assert_nonnull (strstr (gtk_label_get_label (GTK_LABEL (result)), "+1.50"));
}

static OdanObservationDialog *
find_dialog (void)
{
  OdanObservationDialog *found = NULL;
  GList *toplevels = gtk_window_list_toplevels ();

  for (GList *l = toplevels; l != NULL; l = l->next)
    if (ODAN_IS_OBSERVATION_DIALOG (l->data))
      found = l->data;
  g_list_free (toplevels);
  return found;
}

static void
test_observation (Fixture       *fixture,
                  gconstpointer  data)
{
  OdanReviewPage *page = fixture->page;
  OdanObservationDialog *dialog;
  const OdanPack *pack;
  g_autoptr(GArray) observations = NULL;
  const OdanObservation *o;
  guint before;

  REQUIRE_DISPLAY ();

  before = g_list_model_get_n_items (_odan_review_page_get_timeline (page));
  pack = odan_exercise_get_pack (fixture->exercise);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (page->observations_stack), ==, "empty");

  odan_review_page_add_observation (page);
  ui_test_drain ();
  dialog = find_dialog ();
  g_assert_nonnull (dialog);

  /* Nothing to log without a text. */
  g_assert_false (odan_observation_dialog_is_valid (dialog));
  gtk_editable_set_text (GTK_EDITABLE (dialog->objective_row), "Information sharing");
  gtk_editable_set_text (GTK_EDITABLE (dialog->capability_row), "Intelligence and Information Sharing");
  adw_combo_row_set_selected (dialog->rating_row, ODAN_RATING_S);
  adw_combo_row_set_selected (dialog->finding_row, ODAN_FINDING_AREA);
  adw_combo_row_set_selected (dialog->team_row, odan_pack_find_team (pack, "water") + 1);
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (dialog->text_view), "N-01 was never acknowledged", -1);
  g_assert_true (odan_observation_dialog_is_valid (dialog));

  g_object_add_weak_pointer (G_OBJECT (dialog), (gpointer *) &dialog);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "observation.add", NULL));
  ui_test_drain ();
  g_assert_null (dialog);

  observations = odan_evaluation_get_observations (fixture->exercise);
  g_assert_cmpuint (observations->len, ==, 1);
  o = &g_array_index (observations, OdanObservation, 0);
  g_assert_cmpstr (o->text, ==, "N-01 was never acknowledged");
  g_assert_cmpint (o->rating, ==, ODAN_RATING_S);
  g_assert_cmpint (o->finding, ==, ODAN_FINDING_AREA);
  g_assert_cmpstr (o->team, ==, "water");
  g_assert_cmpstr (o->objective, ==, "Information sharing");
  g_assert_cmpstr (o->capability, ==, "Intelligence and Information Sharing");

  /* The page shows it: in the list, with its rating, and in the timeline. */
  g_assert_cmpstr (gtk_stack_get_visible_child_name (page->observations_stack), ==, "list");
  g_assert_nonnull (gtk_list_box_get_row_at_index (page->observation_list, 0));
  g_assert_null (gtk_list_box_get_row_at_index (page->observation_list, 1));
  g_assert_cmpstr (last_label (GTK_WIDGET (gtk_list_box_get_row_at_index (page->observation_list, 0))), ==, "S");
  g_assert_cmpuint (g_list_model_get_n_items (_odan_review_page_get_timeline (page)), ==, before + 1);

  /* An improvement-plan item through the page's form; a bad date is refused. */
  gtk_editable_set_text (GTK_EDITABLE (page->action_row), "Name a deputy for the contact point");
  gtk_editable_set_text (GTK_EDITABLE (page->plan_capability_row), "Intelligence and Information Sharing");
  gtk_editable_set_text (GTK_EDITABLE (page->owner_row), "Water team");
  gtk_editable_set_text (GTK_EDITABLE (page->start_row), "2016-01-10");
  gtk_editable_set_text (GTK_EDITABLE (page->completion_row), "2016-13-01");
  g_signal_emit_by_name (page->plan_button, "clicked");
  ui_test_drain ();
  {
    g_autoptr(GArray) plan = odan_evaluation_get_improvements (fixture->exercise);

    g_assert_cmpuint (plan->len, ==, 0);
  }
  gtk_editable_set_text (GTK_EDITABLE (page->completion_row), "2016-03-31");
  adw_combo_row_set_selected (page->status_row, ODAN_IMPROVEMENT_IN_PROGRESS);
  /* HSEEP's write-up: the area it answers, the reference, the root cause, a contact */
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (page->answers_model)), ==, 2);
  g_assert_nonnull (strstr (gtk_string_list_get_string (page->answers_model, 1), "N-01 was never acknowledged"));
  adw_combo_row_set_selected (page->answers_row, 1);
  gtk_editable_set_text (GTK_EDITABLE (page->issue_row), "No deputy at the contact point");
  gtk_editable_set_text (GTK_EDITABLE (page->reference_row), "Water CEPTOAR contact procedure §3");
  gtk_editable_set_text (GTK_EDITABLE (page->root_cause_row), "The procedure names one person only");
  gtk_editable_set_text (GTK_EDITABLE (page->poc_row), "Water team lead");
  g_signal_emit_by_name (page->plan_button, "clicked");
  ui_test_drain ();
  {
    g_autoptr(GArray) plan = odan_evaluation_get_improvements (fixture->exercise);
    const OdanImprovement *item;

    g_assert_cmpuint (plan->len, ==, 1);
    item = &g_array_index (plan, OdanImprovement, 0);
    g_assert_cmpstr (item->action, ==, "Name a deputy for the contact point");
    g_assert_cmpstr (item->organization, ==, "Water team");
    g_assert_cmpstr (item->completion, ==, "2016-03-31");
    g_assert_cmpint (item->status, ==, ODAN_IMPROVEMENT_IN_PROGRESS);
    g_assert_cmpint (item->observation, ==, g_array_index (observations, OdanObservation, 0).event);
    g_assert_cmpstr (item->issue, ==, "No deputy at the contact point");
    g_assert_cmpstr (item->reference, ==, "Water CEPTOAR contact procedure §3");
    g_assert_cmpstr (item->root_cause, ==, "The procedure names one person only");
    g_assert_cmpstr (item->poc, ==, "Water team lead");
  }
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (page->reference_row)), ==, "");
  g_assert_cmpuint (adw_combo_row_get_selected (page->answers_row), ==, 0);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (page->plan_stack), ==, "list");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (page->action_row)), ==, "");
}

static void
on_exported (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  GError **error = user_data;

  if (!odan_review_page_export_to_finish (ODAN_REVIEW_PAGE (source), result, error))
    g_assert_nonnull (*error);
  else
    *error = g_error_new_literal (G_IO_ERROR, G_IO_ERROR_EXISTS, "done");  /* a marker: finished */
}

static void
export_and_wait (OdanReviewPage    *page,
                 GFile             *file,
                 OdanReportFormat   format,
                 OdanReportLang     lang)
{
  GError *error = NULL;

  odan_review_page_export_to_async (page, file, format, lang, NULL, on_exported, &error);
  while (error == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_EXISTS);
  g_error_free (error);
}

static void
test_export (Fixture       *fixture,
             gconstpointer  data)
{
  g_autofree char *html_path = NULL;
  g_autofree char *csv_path = NULL;
  g_autofree char *reach_path = NULL;
  g_autoptr(GFile) html = NULL;
  g_autoptr(GFile) csv = NULL;
  g_autofree char *text = NULL;
  g_autoptr(GError) error = NULL;
  OdanObservation observation = { 0 };

  REQUIRE_DISPLAY ();

  /* Logged after the page was built: the export still has it. */
  observation.text = "The relay reached three members of four in time";
  observation.rating = ODAN_RATING_M;
  g_assert_cmpint (odan_evaluation_observe (fixture->exercise, &observation, &error), >, 0);
  g_assert_no_error (error);

  html_path = g_build_filename (fixture->dir, "aar.html", NULL);
  html = g_file_new_for_path (html_path);
  export_and_wait (fixture->page, html, ODAN_REPORT_HTML, ODAN_REPORT_LANG_EN);
  g_assert_true (g_file_get_contents (html_path, &text, NULL, &error));
  g_assert_no_error (error);
  g_assert_nonnull (strstr (text, "<html lang=\"en\">"));
  /* the measures: the initial report in 30 min, the members' reach 75 % */
  g_assert_nonnull (strstr (text, "<td>B-01</td><td>Power CEPTOAR</td><td>電力CEPTOAR</td><td>T+0:10</td><td>30</td><td>60</td><td>met</td>"));
  g_assert_nonnull (strstr (text, "<td>75.0</td>"));
  g_assert_nonnull (strstr (text, "The relay reached three members of four in time"));
  g_clear_pointer (&text, g_free);

  /* CSV: a folder of tables. */
  csv_path = g_build_filename (fixture->dir, "aar-csv", NULL);
  csv = g_file_new_for_path (csv_path);
  export_and_wait (fixture->page, csv, ODAN_REPORT_CSV, ODAN_REPORT_LANG_JA);
  reach_path = g_build_filename (csv_path, "reach.csv", NULL);
  g_assert_true (g_file_test (reach_path, G_FILE_TEST_IS_REGULAR));
  {
    g_autoptr(GDir) dir = g_dir_open (csv_path, 0, NULL);
    const char *name;

    while ((name = g_dir_read_name (dir)) != NULL)
      {
        g_autofree char *file = g_build_filename (csv_path, name, NULL);

        g_assert_cmpint (g_remove (file), ==, 0);
      }
  }

  /* Excel: the same tables, a sheet each, with the observation logged late */
  {
    g_autofree char *xlsx_path = g_build_filename (fixture->dir, "aar.xlsx", NULL);
    g_autoptr(GFile) xlsx = g_file_new_for_path (xlsx_path);
    g_auto(GStrv) sheets = NULL;

    export_and_wait (fixture->page, xlsx, ODAN_REPORT_XLSX, ODAN_REPORT_LANG_EN);
    sheets = odan_xlsx_list_sheets (xlsx_path, &error);
    g_assert_no_error (error);
    g_assert_true (g_strv_contains ((const char *const *) sheets, "reach"));
    g_assert_true (g_strv_contains ((const char *const *) sheets, "observations"));
  }
}

/* The console: the Review page is a page of the exercise view, with the
 * evaluator's actions. */
static void
test_console (Fixture       *fixture,
              gconstpointer  data)
{
  OdanWindow *window;
  g_autoptr(GFile) file = NULL;
  g_autoptr(GError) error = NULL;
  OdanExerciseView *view;
  OdanObservationDialog *dialog;

  REQUIRE_DISPLAY ();

  /* The console opens the file on its own: the played exercise lets go of it. */
  odan_review_page_set_exercise (fixture->page, NULL);
  g_assert_false (odan_review_page_get_busy (fixture->page));
  g_object_add_weak_pointer (G_OBJECT (fixture->exercise), (gpointer *) &fixture->exercise);
  g_object_unref (fixture->exercise);
  g_assert_null (fixture->exercise);

  window = odan_window_new (app);
  gtk_window_set_default_size (GTK_WINDOW (window), 1200, 800);
  gtk_window_present (GTK_WINDOW (window));
  file = g_file_new_for_path (fixture->path);
  g_assert_true (odan_window_open_exercise (window, file, NULL, &error));
  g_assert_no_error (error);
  view = window->exercise_view;
  wait_idle (view->review_page);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (view), "exercise.add-observation", NULL));
  ui_test_drain ();
  g_assert_cmpstr (adw_view_stack_get_visible_child_name (view->view_stack), ==, "review");
  dialog = find_dialog ();
  g_assert_nonnull (dialog);
  gtk_window_destroy (GTK_WINDOW (dialog));
  ui_test_drain ();

  /* Keep the fixture's teardown happy: it releases what it played. */
  fixture->exercise = g_object_ref (odan_window_get_exercise (window));
  g_object_ref (window);
  gtk_window_destroy (GTK_WINDOW (window));
  g_assert_finalize_object (window);
  ui_test_drain ();
}

int
main (int   argc,
      char *argv[])
{
  app = ui_test_init (&argc, &argv);

  g_test_add ("/ui/review/timeline", Fixture, NULL, fixture_setup, test_timeline, fixture_teardown);
  g_test_add ("/ui/review/scrub", Fixture, NULL, fixture_setup, test_scrub, fixture_teardown);
  g_test_add ("/ui/review/measures", Fixture, NULL, fixture_setup, test_measures, fixture_teardown);
  g_test_add ("/ui/review/what-if", Fixture, NULL, fixture_setup, test_what_if, fixture_teardown);
  g_test_add ("/ui/review/observation", Fixture, NULL, fixture_setup, test_observation, fixture_teardown);
  g_test_add ("/ui/review/export", Fixture, NULL, fixture_setup, test_export, fixture_teardown);
  g_test_add ("/ui/review/console", Fixture, NULL, fixture_setup, test_console, fixture_teardown);

  return ui_test_run (&app);
}

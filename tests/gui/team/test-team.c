/* test-team.c — a team's own view (OdanTeamPanel, OdanTeamWindow,
 * OdanDecisionDialog) and the console's Teams page under a display
 *
 * Each case starts a new exercise from the CEPTOAR drill in a temporary
 * folder, with the clock on a wall-clock source the test moves by hand, so
 * nothing depends on timing. The secrecy case searches every text a team
 * window holds (labels, tooltips, entries, the inbox's model) for what the
 * team must not see — an upcoming inject, another team's traffic, a skipped
 * inject, the MSEL's expected actions — and finds each once it reached the
 * team. The decision case logs one decision of each category through the
 * dialog's own widgets and reads them back from the file. Without a display
 * the cases skip.
 */
#define G_LOG_DOMAIN "odan-test"

#include <glib/gstdio.h>
#include <math.h>
#include <string.h>

#include "odan-application.h"
#include "odan-gui-enums.h"
#include "odan-inbox-item.h"
#include "odan-invitation.h"
#include "odan-invite-dialog.h"
#include "odan-decision-dialog-private.h"
#include "odan-exercise-view-private.h"
#include "odan-team-panel-private.h"
#include "odan-team-window.h"
#include "odan-teams-page-private.h"
#include "odan-window-private.h"
#include "ui-test.h"

static OdanApplication *app;  /* NULL without a display */

#define REQUIRE_DISPLAY() UI_TEST_REQUIRE_DISPLAY (app)

typedef UiTestFixture Fixture;

static void
fixture_setup (Fixture       *fixture,
               gconstpointer  data)
{
  ui_test_fixture_setup (fixture, "odan-test-team-XXXXXX", "drill.odan");
}

/* The console over a new exercise of the drill, its clock started at T+0. */
static OdanWindow *
drill_window (Fixture *fixture)
{
  g_autofree char *pack_path = g_build_filename (g_getenv ("ODAN_SCENARIOS"), "ceptoar-drill", NULL);
  g_autoptr(GFile) pack_folder = g_file_new_for_path (pack_path);
  g_autoptr(GFile) file = g_file_new_for_path (fixture->path);
  g_autoptr(GError) error = NULL;
  OdanWindow *window = odan_window_new (app);
  OdanExercise *exercise;

  gtk_window_set_default_size (GTK_WINDOW (window), 1100, 700);
  gtk_window_present (GTK_WINDOW (window));
  g_assert_true (odan_window_open_exercise (window, file, pack_folder, &error));
  g_assert_no_error (error);

  exercise = odan_window_get_exercise (window);
  odan_clock_set_time_func (odan_exercise_get_clock (exercise), ui_test_fixture_wall_time, fixture, NULL);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window->exercise_view), "exercise.toggle-clock", NULL));
  /* The console's timer delivers what is due at T+0 (D-01). */
  _odan_exercise_view_tick (window->exercise_view);
  ui_test_drain ();
  return window;
}

/* Opens @team's own window from the console's Teams page. */
static OdanTeamWindow *
open_team_window (OdanWindow *window,
                  const char *team)
{
  OdanExerciseView *view = window->exercise_view;
  OdanTeamWindow *found = NULL;
  GList *toplevels;

  g_assert_true (odan_teams_page_select_team (view->teams_page, team));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.exercise-key", "s", "exercise.open-team-window"));
  ui_test_drain ();

  toplevels = gtk_window_list_toplevels ();
  for (GList *l = toplevels; l != NULL; l = l->next)
    if (ODAN_IS_TEAM_WINDOW (l->data)
        && g_strcmp0 (odan_team_panel_get_team (odan_team_window_get_panel (l->data)), team) == 0)
      found = l->data;
  g_list_free (toplevels);

  g_assert_nonnull (found);
  return found;
}

static void
collect_text (GtkWidget *widget,
              GString   *text)
{
  const char *tooltip = gtk_widget_get_tooltip_text (widget);

  /* GTK keeps one tooltip per display and moves its window under whichever
   * window the pointer is in: it may still hold what the console's MSEL
   * showed the facilitator in this process, and is no part of the team's
   * window (its own widgets' tooltips are read below). */
  if (g_str_equal (G_OBJECT_TYPE_NAME (widget), "GtkTooltipWindow"))
    return;

  if (GTK_IS_LABEL (widget))
    g_string_append_printf (text, "%s\n", gtk_label_get_label (GTK_LABEL (widget)));
  if (GTK_IS_EDITABLE (widget))
    g_string_append_printf (text, "%s\n", gtk_editable_get_text (GTK_EDITABLE (widget)));
  if (GTK_IS_WINDOW (widget) && gtk_window_get_title (GTK_WINDOW (widget)) != NULL)
    g_string_append_printf (text, "%s\n", gtk_window_get_title (GTK_WINDOW (widget)));
  if (tooltip != NULL)
    g_string_append_printf (text, "%s\n", tooltip);

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect_text (child, text);
}

/* Everything the team window holds: every text of its widget tree, shown
 * or not, and every field of every item of its inbox. */
static char *
window_text (OdanTeamWindow *window)
{
  OdanTeamPanel *panel = odan_team_window_get_panel (window);
  GString *text = g_string_new (NULL);
  GListModel *inbox = G_LIST_MODEL (panel->inbox);

  collect_text (GTK_WIDGET (window), text);
  for (guint i = 0; i < g_list_model_get_n_items (inbox); i++)
    {
      g_autoptr(OdanInboxItem) item = g_list_model_get_item (inbox, i);

      g_string_append_printf (text, "%s\n%s\n%s\n%s\n%s\n",
                              odan_inbox_item_get_title (item), odan_inbox_item_get_from (item),
                              odan_inbox_item_get_channel (item), odan_inbox_item_get_body (item),
                              odan_inbox_item_get_forwarded_by (item));
    }
  return g_string_free (text, FALSE);
}

static gboolean
contains_widget_type (GtkWidget *widget,
                      GType      type)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (widget, type))
    return TRUE;
  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (contains_widget_type (child, type))
      return TRUE;
  return FALSE;
}

static const OdanInject *
inject (OdanExercise *exercise,
        const char   *id)
{
  const OdanPack *pack = odan_exercise_get_pack (exercise);
  guint32 index = odan_pack_find_inject (pack, id);

  g_assert_cmpuint (index, !=, ODAN_NONE);
  return &pack->injects[index];
}

/* Neither the inject's English nor its Japanese title, nor its body or
 * expected action in either language, anywhere in @text. */
static void
assert_absent (const char       *text,
               const OdanInject *inject)
{
  const char *secrets[] = { inject->title, inject->title_ja, inject->body, inject->body_ja,
                            inject->expected_action, inject->expected_action_ja };

  for (guint i = 0; i < G_N_ELEMENTS (secrets); i++)
    if (secrets[i] != NULL && secrets[i][0] != '\0' && strstr (text, secrets[i]) != NULL)
      g_error ("the team window shows “%s” of %s", secrets[i], inject->id);
}

static void
assert_present (const char       *text,
                const OdanInject *inject)
{
  const char *title = odan_pack_localized (inject->title, inject->title_ja);

  if (strstr (text, title) == NULL)
    g_error ("the team window does not show %s (“%s”)", inject->id, title);
}

static void
test_team_secrecy (Fixture       *fixture,
                   gconstpointer  data)
{
  OdanWindow *window;
  OdanExerciseView *view;
  OdanExercise *exercise;
  OdanTeamWindow *council, *mhlw;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  const OdanInject *d01, *d02, *own, *last;

  REQUIRE_DISPLAY ();

  window = drill_window (fixture);
  view = window->exercise_view;
  exercise = odan_window_get_exercise (window);
  d01 = inject (exercise, "D-01");                 /* to the five ministries, at T+0 */
  d02 = inject (exercise, "D-02");                 /* to MHLW only, T+10m: skipped below */
  own = inject (exercise, "D-90");                 /* to every team, T+4h */
  last = inject (exercise, "D-99");                /* to every team, T+23h */
  g_assert_cmpint (odan_exercise_skip (exercise, odan_pack_find_inject (odan_exercise_get_pack (exercise), "D-02"),
                                       "not played", &error), >, 0);
  g_assert_no_error (error);

  /* At T+0 the council has nothing: D-01 went to the ministries. */
  council = open_team_window (window, "fin-council");
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (council)), ==,
                   ui_test_expect_japanese () ? "金融CEPTOAR連絡協議会チーム" : "Financial CEPTOAR Liaison Council team");
  g_assert_true (gtk_window_get_application (GTK_WINDOW (council)) == GTK_APPLICATION (app));
  g_assert_false (gtk_window_get_transient_for (GTK_WINDOW (council)) == GTK_WINDOW (window));
  g_assert_cmpstr (gtk_stack_get_visible_child_name (odan_team_window_get_panel (council)->inbox_stack), ==, "empty");
  /* Nothing but the team's panel: no MSEL, no board (the drill keeps the model from teams). */
  g_assert_false (contains_widget_type (GTK_WIDGET (council), ODAN_TYPE_EXERCISE_VIEW));
  g_assert_false (gtk_widget_get_visible (odan_team_window_get_panel (council)->model_box));
  text = window_text (council);
  assert_absent (text, d01);
  assert_absent (text, d02);
  assert_absent (text, own);
  assert_absent (text, last);
  g_clear_pointer (&text, g_free);

  /* MHLW has D-01, never the skipped D-02. */
  mhlw = open_team_window (window, "mhlw");
  text = window_text (mhlw);
  assert_present (text, d01);
  assert_absent (text, d02);
  assert_absent (text, own);
  g_clear_pointer (&text, g_free);

  /* The same window again: presented, not a second one. */
  g_assert_true (open_team_window (window, "mhlw") == mhlw);

  /* T+4h: the interim results reach the council too; the ministries' D-01
   * does not. */
  gtk_spin_button_set_value (view->jump_spin, 240);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (view), "exercise.jump", NULL));
  ui_test_drain ();
  text = window_text (council);
  assert_present (text, own);
  assert_absent (text, d01);
  assert_absent (text, d02);
  /* The expected action of its inject is the facilitators' only. */
  g_assert_null (strstr (text, own->expected_action));
  g_assert_null (strstr (text, own->expected_action_ja));
  g_assert_cmpstr (gtk_stack_get_visible_child_name (odan_team_window_get_panel (council)->inbox_stack), ==, "list");
  g_assert_cmpuint (odan_team_view_get_n_inbox (odan_team_panel_get_view (odan_team_window_get_panel (council))), ==, 1);
  g_clear_pointer (&text, g_free);

  /* A closed team window is forgotten; the console's closing closes the rest. */
  gtk_window_destroy (GTK_WINDOW (mhlw));
  ui_test_drain ();
  g_assert_cmpuint (view->teams_page->windows->len, ==, 1);
  ui_test_window_destroy (window);
}

/* A click, as the button's "clicked" (activating it would emit that only
 * after its press animation's timeout). */
static void
click (GtkButton *button)
{
  g_assert_true (gtk_widget_is_sensitive (GTK_WIDGET (button)));
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (button)));
  g_signal_emit_by_name (button, "clicked");
}

static OdanDecisionDialog *
open_dialog (OdanTeamPanel *panel)
{
  GList *toplevels;
  OdanDecisionDialog *dialog = NULL;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (panel), "team.log-decision", NULL));
  toplevels = gtk_window_list_toplevels ();
  for (GList *l = toplevels; l != NULL; l = l->next)
    if (ODAN_IS_DECISION_DIALOG (l->data))
      dialog = l->data;
  g_list_free (toplevels);
  g_assert_nonnull (dialog);
  return dialog;
}

/* Clicks Log and checks the dialog closed. */
static void
click_log (OdanDecisionDialog *dialog)
{
  g_assert_null (odan_decision_dialog_get_message (dialog));
  g_assert_true (gtk_widget_get_sensitive (GTK_WIDGET (dialog->log_button)));
  g_object_add_weak_pointer (G_OBJECT (dialog), (gpointer *) &dialog);
  click (dialog->log_button);
  ui_test_drain ();
  g_assert_null (dialog);
}

/* The dialog shows the engine's message @msgid (in the user's language, as
 * a sentence) and keeps Log insensitive. */
static void
assert_invalid (OdanDecisionDialog *dialog,
                const char         *msgid)
{
  const char *message = odan_decision_dialog_get_message (dialog);
  g_autofree char *expected = g_strdup (g_dgettext (GETTEXT_PACKAGE, msgid));

  expected[0] = g_ascii_toupper (expected[0]);
  g_assert_cmpstr (message, ==, expected);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (dialog->message_label)));
  g_assert_cmpstr (gtk_label_get_label (dialog->message_label), ==, message);
  g_assert_false (gtk_widget_get_sensitive (GTK_WIDGET (dialog->log_button)));
}

/* Before the user has done anything the problem is not shown, only Log is
 * off: the dialog does not greet with an error. */
static void
assert_quietly_invalid (OdanDecisionDialog *dialog,
                        const char         *msgid)
{
  g_autofree char *expected = g_strdup (g_dgettext (GETTEXT_PACKAGE, msgid));

  expected[0] = g_ascii_toupper (expected[0]);
  g_assert_cmpstr (odan_decision_dialog_get_message (dialog), ==, expected);
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (dialog->message_label)));
  g_assert_false (gtk_widget_get_sensitive (GTK_WIDGET (dialog->log_button)));
}

static void
set_text (OdanDecisionDialog *dialog,
          const char         *text)
{
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (dialog->summary_view), text, -1);
}

/* The last decision of the file, read back by a second, read-only opener. */
static OdanEvent *
last_decision (Fixture *fixture)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(OdanExercise) reader = odan_exercise_open (fixture->path, NULL, ODAN_EXERCISE_OPEN_READ_ONLY, &error);

  g_assert_no_error (error);
  for (guint i = odan_exercise_get_n_events (reader); i-- > 0;)
    {
      const OdanEvent *event = odan_exercise_get_event (reader, i);

      if (event->kind == ODAN_EVENT_DECISION)
        return odan_event_copy (event);
    }
  g_assert_not_reached ();
}

static const char *
newest_decision_subtitle (OdanTeamPanel *panel)
{
  GtkWidget *row = gtk_widget_get_first_child (GTK_WIDGET (panel->decisions_list));

  g_assert_true (ADW_IS_ACTION_ROW (row));
  return adw_action_row_get_subtitle (ADW_ACTION_ROW (row));
}

static void
assert_newest_decision (OdanTeamPanel *panel,
                        const char    *summary,
                        const char    *english,
                        const char    *japanese)
{
  GtkWidget *row = gtk_widget_get_first_child (GTK_WIDGET (panel->decisions_list));
  const char *category = ui_test_expect_japanese () ? japanese : english;

  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)), ==, summary);
  if (strstr (newest_decision_subtitle (panel), category) == NULL)
    g_error ("expected “%s” in “%s”", category, newest_decision_subtitle (panel));
}

static guint
find_index (GPtrArray  *keys,
            const char *key)
{
  for (guint i = 0; i < keys->len; i++)
    if (g_strcmp0 (g_ptr_array_index (keys, i), key) == 0)
      return i;
  g_error ("no %s among the choices", key);
}

static const char *
obligation_text (OdanTeamPanel *panel,
                 const char    *label,
                 const char   **css_class)
{
  for (GtkWidget *row = gtk_widget_get_first_child (GTK_WIDGET (panel->obligations_list));
       row != NULL;
       row = gtk_widget_get_next_sibling (row))
    if (g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)), label) == 0)
      {
        g_autoptr(GPtrArray) labels = g_ptr_array_new ();
        GtkWidget *countdown = NULL;

        /* The countdown is the row's bold suffix. */
        for (GtkWidget *w = row; w != NULL;)
          {
            if (GTK_IS_LABEL (w) && gtk_widget_has_css_class (w, "heading") && gtk_widget_has_css_class (w, "numeric"))
              {
                countdown = w;
                break;
              }
            if (gtk_widget_get_first_child (w) != NULL)
              w = gtk_widget_get_first_child (w);
            else
              {
                while (w != row && gtk_widget_get_next_sibling (w) == NULL)
                  w = gtk_widget_get_parent (w);
                w = w == row ? NULL : gtk_widget_get_next_sibling (w);
              }
          }
        g_assert_nonnull (countdown);
        if (css_class != NULL)
          *css_class = gtk_widget_has_css_class (countdown, "error") ? "error"
                       : gtk_widget_has_css_class (countdown, "success") ? "success"
                       : gtk_widget_has_css_class (countdown, "warning") ? "warning" : NULL;
        return gtk_label_get_label (GTK_LABEL (countdown));
      }
  g_error ("no obligation “%s” shown", label);
}

static void
test_team_decisions (Fixture       *fixture,
                     gconstpointer  data)
{
  OdanWindow *window;
  OdanExercise *exercise;
  const OdanPack *pack;
  OdanTeamWindow *fsa_window, *bank_window;
  OdanTeamPanel *panel;
  OdanDecisionDialog *dialog;
  g_autoptr(OdanInboxItem) d01 = NULL;
  g_autofree char *text = NULL;
  const char *css_class = NULL;
  const char *ack_label, *fwd_label;
  guint32 alt_fsa;
  gboolean ja = ui_test_expect_japanese ();

  REQUIRE_DISPLAY ();

  window = drill_window (fixture);
  exercise = odan_window_get_exercise (window);
  pack = odan_exercise_get_pack (exercise);
  alt_fsa = odan_pack_find_mitigation (pack, "ALT-fsa");
  ack_label = odan_team_panel_deadline_label (pack, odan_pack_find_deadline (pack, "R1-ack"));
  fwd_label = odan_team_panel_deadline_label (pack, odan_pack_find_deadline (pack, "R1-fwd"));

  fsa_window = open_team_window (window, "fsa");
  panel = odan_team_window_get_panel (fsa_window);

  /* T+5m: D-01 is in, receipt owed within 15 minutes. */
  fixture->wall += 5 * 60 * G_USEC_PER_SEC;
  _odan_exercise_view_tick (window->exercise_view);
  odan_team_panel_refresh (panel);
  g_assert_cmpstr (odan_team_panel_get_time_text (panel), !=, "");
  g_assert_true (g_str_has_prefix (odan_team_panel_get_time_text (panel), "T+5m"));
  g_assert_cmpstr (obligation_text (panel, ack_label, &css_class), ==, ja ? "残り10分" : "10 min left");
  g_assert_null (css_class);
  g_assert_cmpstr (obligation_text (panel, fwd_label, NULL), ==, ja ? "残り25分" : "25 min left");

  /* Receipt, then read: explicit, recorded with the time. */
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (panel->inbox)), ==, 1);
  g_assert_false (gtk_widget_get_sensitive (GTK_WIDGET (panel->received_button)));
  gtk_single_selection_set_selected (panel->selection, 0);
  d01 = g_object_ref (gtk_single_selection_get_selected_item (panel->selection));
  g_assert_cmpint (odan_inbox_item_get_state (d01), ==, ODAN_INBOX_STATE_NEW);
  g_assert_true (gtk_widget_get_sensitive (GTK_WIDGET (panel->received_button)));
  click (panel->received_button);
  ui_test_drain ();
  g_assert_cmpint (odan_inbox_item_get_state (d01), ==, ODAN_INBOX_STATE_RECEIVED);
  g_assert_false (gtk_widget_get_sensitive (GTK_WIDGET (panel->received_button)));
  g_assert_cmpstr (obligation_text (panel, ack_label, &css_class), ==, ja ? "T+5mに対応済み" : "Met at T+5m");
  g_assert_cmpstr (css_class, ==, "success");
  click (panel->read_button);
  ui_test_drain ();
  g_assert_cmpint (odan_inbox_item_get_state (d01), ==, ODAN_INBOX_STATE_READ);
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(OdanExercise) reader = odan_exercise_open (fixture->path, NULL, ODAN_EXERCISE_OPEN_READ_ONLY, &error);
    guint n = 0;

    g_assert_no_error (error);
    for (guint i = 0; i < odan_exercise_get_n_events (reader); i++)
      {
        const OdanEvent *event = odan_exercise_get_event (reader, i);

        if (event->kind != ODAN_EVENT_ACK)
          continue;
        g_assert_cmpstr (odan_event_action_to_string (event), ==, n == 0 ? "received" : "read");
        g_assert_cmpstr (event->team, ==, "fsa");
        g_assert_cmpstr (event->subject, ==, "D-01");
        g_assert_cmpint (event->ref, ==, odan_inbox_item_get_delivery (d01));
        g_assert_cmpfloat_with_epsilon (event->minute, 5.0, 1e-6);
        n++;
      }
    g_assert_cmpuint (n, ==, 2);
  }

  /* Business continuity: BCP and a mitigation of the team's own. */
  dialog = open_dialog (panel);
  g_assert_true (gtk_window_get_transient_for (GTK_WINDOW (dialog)) == GTK_WINDOW (fsa_window));
  /* The selected message makes it a forward first. */
  g_assert_cmpint (odan_decision_dialog_get_category (dialog), ==, ODAN_CATEGORY_INFORMATION_SHARING);
  odan_decision_dialog_set_category (dialog, ODAN_CATEGORY_BUSINESS_CONTINUITY);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (dialog->form_stack), ==, "business-continuity");
  assert_quietly_invalid (dialog, "a decision needs a summary");
  set_text (dialog, "Forward to the CEPTOARs by phone and fax");
  assert_invalid (dialog, "a business-continuity decision activates the BCP or chooses a mitigation");
  gtk_switch_set_active (dialog->bcp_switch, TRUE);
  for (guint i = 0; i < dialog->mitigations->len; i++)
    {
      /* only the team's own mitigations and those for anyone */
      guint32 m = g_array_index (dialog->mitigations, guint32, i);

      g_assert_true (pack->mitigations[m].team == ODAN_NONE || m == alt_fsa);
      if (m == alt_fsa)
        adw_combo_row_set_selected (dialog->mitigation_row, i + 1);
    }
  g_assert_nonnull (strstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (dialog->mitigation_row)), "T+15m"));
  click_log (dialog);
  {
    g_autoptr(OdanEvent) event = last_decision (fixture);

    g_assert_cmpstr (odan_event_action_to_string (event), ==, "business-continuity");
    g_assert_cmpstr (event->team, ==, "fsa");
    g_assert_cmpstr (event->subject, ==, "ALT-fsa");
    g_assert_cmpstr (event->summary, ==, "Forward to the CEPTOARs by phone and fax");
    g_assert_true (odan_event_get_boolean (event, "bcp", FALSE));
    g_assert_cmpstr (odan_event_get_string (event, "mitigation-status"), ==, "accepted");
  }
  assert_newest_decision (panel, "Forward to the CEPTOARs by phone and fax", "Business continuity", "事業継続");
  g_assert_nonnull (strstr (newest_decision_subtitle (panel), ja ? "金融庁が電話・FAXで所管セプターへ転送" : "Financial Services Agency forwards by phone and fax"));

  /* Disclosure: channel, audience, text. */
  dialog = open_dialog (panel);
  odan_decision_dialog_set_category (dialog, ODAN_CATEGORY_DISCLOSURE);
  set_text (dialog, "金融機関を装う標的型メールへの注意喚起");
  assert_invalid (dialog, "a disclosure needs a channel (press release, website, SNS…)");
  gtk_editable_set_text (GTK_EDITABLE (dialog->channel_row), "報道発表");
  assert_invalid (dialog, "a disclosure needs an audience (the public, customers…)");
  gtk_editable_set_text (GTK_EDITABLE (dialog->audience_row), "利用者");
  gtk_editable_set_text (GTK_EDITABLE (dialog->by_row), "佐藤");
  click_log (dialog);
  {
    g_autoptr(OdanEvent) event = last_decision (fixture);

    g_assert_cmpstr (odan_event_action_to_string (event), ==, "disclosure");
    g_assert_cmpstr (event->summary, ==, "金融機関を装う標的型メールへの注意喚起");
    g_assert_cmpstr (odan_event_get_string (event, "channel"), ==, "報道発表");
    g_assert_cmpstr (odan_event_get_string (event, "audience"), ==, "利用者");
    g_assert_cmpstr (odan_event_get_string (event, "by"), ==, "佐藤");
  }
  assert_newest_decision (panel, "金融機関を装う標的型メールへの注意喚起", "Disclosure", "公表");

  /* Report to the ministry: prefilled with the sector's, in the UI's
   * language (sectors.csv says 金融庁), stage 続報. */
  dialog = open_dialog (panel);
  odan_decision_dialog_set_category (dialog, ODAN_CATEGORY_MINISTRY_REPORT);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (dialog->ministry_row)), ==,
                   ja ? "金融庁" : "Financial Services Agency");
  g_assert_cmpuint (g_list_model_get_n_items (adw_combo_row_get_model (dialog->stage_row)), ==, 3);
  adw_combo_row_set_selected (dialog->stage_row, 1);
  assert_invalid (dialog, "a decision needs a summary");
  set_text (dialog, "Follow-up: no damage at the banks so far");
  click_log (dialog);
  {
    g_autoptr(OdanEvent) event = last_decision (fixture);

    g_assert_cmpstr (odan_event_action_to_string (event), ==, "ministry-report");
    g_assert_cmpstr (odan_event_get_string (event, "ministry"), ==, ja ? "金融庁" : "Financial Services Agency");
    g_assert_cmpstr (odan_event_get_string (event, "stage"), ==, "follow-up");
  }
  assert_newest_decision (panel, "Follow-up: no damage at the banks so far", "Report to the ministry", "所管省庁への報告");
  g_assert_nonnull (strstr (newest_decision_subtitle (panel), ja ? "続報" : "Follow-up report"));

  /* Information sharing: D-01 to the CEPTOARs in the FSA's charge, by phone
   * (no latency), the teams it reaches shown as they are chosen. */
  dialog = open_dialog (panel);
  g_assert_cmpint (odan_decision_dialog_get_category (dialog), ==, ODAN_CATEGORY_INFORMATION_SHARING);
  g_assert_cmpuint (dialog->forward_checks->len, ==, 1);
  g_assert_true (gtk_check_button_get_active (g_ptr_array_index (dialog->forward_checks, 0)));
  g_assert_cmpstr (odan_decision_dialog_get_reach_text (dialog), ==, "");
  assert_quietly_invalid (dialog, "a decision needs a summary");
  set_text (dialog, "NISC's provision to the finance CEPTOARs");
  assert_invalid (dialog, "information sharing needs recipients (nisc, ministry, ceptoar, members, a sector or a team)");
  gtk_check_button_set_active (g_ptr_array_index (dialog->recipient_checks, find_index (dialog->recipient_keys, "ceptoar")), TRUE);
  g_assert_nonnull (strstr (odan_decision_dialog_get_reach_text (dialog), ja ? "銀行等CEPTOARチーム" : "Banks CEPTOAR team"));
  g_assert_null (strstr (odan_decision_dialog_get_reach_text (dialog), ja ? "総務省" : "Internal Affairs"));
  adw_combo_row_set_selected (dialog->forward_channel_row, find_index (dialog->channels, "電話"));
  click_log (dialog);
  {
    g_autoptr(OdanEvent) event = last_decision (fixture);
    g_autofree const char **recipients = odan_event_get_strv (event, "recipients");
    g_autofree const char **to = odan_event_get_strv (event, "forward-to");

    g_assert_cmpstr (odan_event_action_to_string (event), ==, "information-sharing");
    g_assert_cmpstr (recipients[0], ==, "ceptoar");
    g_assert_null (recipients[1]);
    g_assert_true (g_strv_contains (to, "bank-ceptoar"));
    /* the liaison council is no relay stage: only its member CEPTOARs inform it */
    g_assert_false (g_strv_contains (to, "fin-council"));
    g_assert_false (g_strv_contains (to, "fsa"));
    g_assert_cmpstr (odan_event_get_string (event, "forward-channel"), ==, "電話");
  }
  assert_newest_decision (panel, "NISC's provision to the finance CEPTOARs", "Information sharing", "情報共有");
  /* Forwarding by the deadline met it. */
  g_assert_cmpstr (obligation_text (panel, fwd_label, &css_class), ==, ja ? "T+5mに対応済み" : "Met at T+5m");
  g_assert_cmpstr (css_class, ==, "success");

  /* The forward is in the bank CEPTOAR's own window, forwarded by the FSA. */
  bank_window = open_team_window (window, "bank-ceptoar");
  {
    OdanTeamPanel *bank = odan_team_window_get_panel (bank_window);
    g_autoptr(OdanInboxItem) item = NULL;
    g_autofree char *shown = NULL;

    g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (bank->inbox)), ==, 1);
    item = g_list_model_get_item (G_LIST_MODEL (bank->inbox), 0);
    g_assert_cmpstr (odan_inbox_item_get_inject (item), ==, "D-01");
    g_assert_cmpstr (odan_inbox_item_get_forwarded_by (item), ==, ja ? "金融庁" : "Financial Services Agency");
    /* the pack's 電話 is vocabulary: the UI's own word for it */
    g_assert_cmpstr (odan_inbox_item_get_channel (item), ==, ja ? "電話" : "phone");
    g_assert_cmpfloat_with_epsilon (odan_inbox_item_get_minute (item), 5.0, 1e-6);
    shown = window_text (bank_window);
    assert_present (shown, inject (exercise, "D-01"));

    /* The bank CEPTOAR has no member teams but 1,446 simulated members:
     * "members" is offered, and the dialog says whom it reaches. */
    {
      OdanDecisionDialog *relay = open_dialog (bank);
      guint members;

      odan_decision_dialog_set_category (relay, ODAN_CATEGORY_INFORMATION_SHARING);
      members = find_index (relay->recipient_keys, "members");
      gtk_check_button_set_active (g_ptr_array_index (relay->recipient_checks, members), TRUE);
      g_assert_cmpstr (odan_decision_dialog_get_reach_text (relay), ==,
                       ja ? "模擬構成員 1446" : "1446 simulated members");
      gtk_window_destroy (GTK_WINDOW (relay));
      ui_test_drain ();
    }
  }

  /* Four decisions, newest first, in the FSA's own log. */
  g_assert_cmpuint (odan_team_view_get_n_decisions (odan_team_panel_get_view (panel)), ==, 4);
  text = window_text (fsa_window);
  g_assert_nonnull (strstr (text, "Forward to the CEPTOARs by phone and fax"));
  ui_test_window_destroy (window);
}

/* The countdown runs with the clock; past due, the team sees its obligation
 * late in the error style and the facilitator sees who is late first. */
static void
test_team_deadlines (Fixture       *fixture,
                     gconstpointer  data)
{
  OdanWindow *window;
  OdanExerciseView *view;
  OdanExercise *exercise;
  const OdanPack *pack;
  OdanTeamsPage *page;
  OdanTeamPanel *panel;
  const char *ack_label;
  const char *css_class = NULL;
  gboolean ja = ui_test_expect_japanese ();
  GtkWidget *row;

  REQUIRE_DISPLAY ();

  window = drill_window (fixture);
  view = window->exercise_view;
  exercise = odan_window_get_exercise (window);
  pack = odan_exercise_get_pack (exercise);
  page = view->teams_page;
  ack_label = odan_team_panel_deadline_label (pack, odan_pack_find_deadline (pack, "R1-ack"));

  /* The scribe's view in the console: the Teams page, the switcher on MIC. */
  adw_view_stack_set_visible_child_name (view->view_stack, "teams");
  g_assert_true (odan_teams_page_select_team (page, "mic"));
  g_assert_false (odan_teams_page_select_team (page, "nobody"));
  panel = odan_teams_page_get_panel (page);
  ui_test_drain ();
  g_assert_cmpstr (odan_team_panel_get_team (panel), ==, "mic");
  g_assert_cmpstr (obligation_text (panel, ack_label, &css_class), ==, ja ? "残り15分" : "15 min left");
  g_assert_cmpuint (odan_teams_page_get_n_late (page), ==, 0);

  /* Eight minutes and a half on the clock: the countdown follows. */
  fixture->wall += 510 * G_USEC_PER_SEC;
  _odan_exercise_view_tick (view);
  odan_team_panel_refresh (panel);
  odan_teams_page_refresh (page);
  g_assert_cmpstr (obligation_text (panel, ack_label, &css_class), ==, ja ? "残り7分" : "7 min left");
  g_assert_null (css_class);

  /* T+20m, no receipt confirmed: five minutes late. */
  fixture->wall += 690 * G_USEC_PER_SEC;
  _odan_exercise_view_tick (view);
  odan_team_panel_refresh (panel);
  odan_teams_page_refresh (page);
  g_assert_cmpstr (obligation_text (panel, ack_label, &css_class), ==, ja ? "5分超過" : "5 min late");
  g_assert_cmpstr (css_class, ==, "error");
  /* Late rows come first: the five ministries' receipts. */
  g_assert_cmpuint (odan_teams_page_get_n_late (page), ==, 5);
  row = gtk_widget_get_first_child (GTK_WIDGET (page->overview_list));
  /* one line a deadline: the team and what it owes */
  g_assert_nonnull (strstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)),
                            odan_team_panel_deadline_label (pack, odan_pack_find_deadline (pack, "R1-ack"))));

  /* Activating a row shows that team. */
  row = gtk_widget_get_next_sibling (row);
  g_signal_emit_by_name (page->overview_list, "row-activated", row);
  g_assert_cmpstr (odan_team_panel_get_team (panel), ==, g_object_get_data (G_OBJECT (row), "odan-team"));

  /* Ctrl+L logs for the chosen team, from the console. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.exercise-key", "s", "exercise.log-decision"));
  {
    GList *toplevels = gtk_window_list_toplevels ();
    OdanDecisionDialog *dialog = NULL;

    for (GList *l = toplevels; l != NULL; l = l->next)
      if (ODAN_IS_DECISION_DIALOG (l->data))
        dialog = l->data;
    g_list_free (toplevels);
    g_assert_nonnull (dialog);
    g_assert_true (gtk_window_get_transient_for (GTK_WINDOW (dialog)) == GTK_WINDOW (window));
    gtk_window_destroy (GTK_WINDOW (dialog));
  }

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (view), "exercise.toggle-clock", NULL));
  ui_test_window_destroy (window);
}

/* An inbox item's state is a registered enum property, so bindings and
 * the inspector show its word, not a number. */
/* The Teams page invites the chosen team: a link carrying a code the
 * exercise now accepts, its QR code, and Withdraw revokes it. */
static void
test_team_invite (Fixture       *fixture,
                  gconstpointer  data)
{
  OdanWindow *window;
  OdanExerciseView *view;
  OdanExercise *exercise;
  OdanInviteDialog *dialog;
  g_autoptr(GError) error = NULL;
  g_autofree char *team = NULL;
  g_autofree char *code = NULL;
  const char *link;

  REQUIRE_DISPLAY ();

  window = drill_window (fixture);
  view = window->exercise_view;
  exercise = odan_window_get_exercise (window);
  adw_view_stack_set_visible_child_name (view->view_stack, "teams");
  g_assert_true (odan_teams_page_select_team (view->teams_page, "mic"));
  ui_test_drain ();

  dialog = odan_invite_dialog_new (GTK_WINDOW (window), exercise, "mic", &error);
  g_assert_no_error (error);
  link = odan_invite_dialog_get_link (dialog);
  g_assert_nonnull (strstr (link, ":8080/join#"));
  code = g_strdup (strstr (link, "#") + 1);
  team = odan_invitation_find (odan_exercise_get_store (exercise), code, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (team, ==, "mic");
  /* a QR code of version 4 or more: 33 modules a side at least for ~80 characters */
  g_assert_cmpuint (odan_invite_dialog_get_qr_size (dialog), >=, 33);

  gtk_window_present (GTK_WINDOW (dialog));
  ui_test_drain ();
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), "revoke");
  ui_test_drain ();
  g_clear_pointer (&team, g_free);
  team = odan_invitation_find (odan_exercise_get_store (exercise), code, &error);
  g_assert_no_error (error);
  g_assert_null (team);
  ui_test_window_destroy (window);
}

static void
test_inbox_state_enum (void)
{
  g_autoptr(GTypeClass) items = g_type_class_ref (ODAN_TYPE_INBOX_ITEM);
  GParamSpec *pspec = g_object_class_find_property (G_OBJECT_CLASS (items), "state");
  GEnumClass *states;

  g_assert_nonnull (pspec);
  g_assert_true (G_IS_PARAM_SPEC_ENUM (pspec));
  g_assert_true (pspec->value_type == ODAN_TYPE_INBOX_STATE);
  states = g_type_class_ref (ODAN_TYPE_INBOX_STATE);
  g_assert_cmpstr (g_enum_get_value (states, ODAN_INBOX_STATE_READ)->value_nick, ==, "read");
  g_type_class_unref (states);
}

int
main (int   argc,
      char *argv[])
{
  app = ui_test_init (&argc, &argv);

  g_test_add_func ("/ui/team/inbox-state-enum", test_inbox_state_enum);
  g_test_add ("/ui/team/secrecy", Fixture, NULL, fixture_setup, test_team_secrecy, ui_test_fixture_teardown);
  g_test_add ("/ui/team/decisions", Fixture, NULL, fixture_setup, test_team_decisions, ui_test_fixture_teardown);
  g_test_add ("/ui/team/deadlines", Fixture, NULL, fixture_setup, test_team_deadlines, ui_test_fixture_teardown);
  g_test_add ("/ui/team/invite", Fixture, NULL, fixture_setup, test_team_invite, ui_test_fixture_teardown);

  return ui_test_run (&app);
}

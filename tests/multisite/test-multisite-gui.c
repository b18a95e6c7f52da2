/* test-multisite-gui.c — the desktop app on an exercise on a PostgreSQL server
 *
 * Starts its own server (odan-pg-fixture.c) and goes through what the
 * "Open Exercise on a Server…" dialog's Connect does
 * (odan_server_dialog_connect()): an evaluator gets the console without
 * clock control and follows the facilitator's deliveries live; a team's
 * connection opens only that team's own window, which shows a delivery the
 * facilitator makes afterwards and logs a decision through the team's own
 * connection; a password typed in the dialog never reaches the recent
 * exercises. Skips without a display or without PostgreSQL.
 */
#include <string.h>

#include "odan-pg-fixture.h"
#include "odan-pg-store.h"
#include "odan-decision-dialog-private.h"
#include "odan-exercise-view-private.h"
#include "odan-server-dialog.h"
#include "odan-team-panel-private.h"
#include "odan-team-window.h"
#include "odan-teams-page.h"
#include "odan-window-private.h"
#include "ui-test.h"

static OdanApplication *app;
static OdanPgFixture *server;
static const char *skip_reason;

static gboolean
give_up (gpointer user_data)
{
  g_error ("nothing arrived for two minutes");
  return G_SOURCE_REMOVE;
}

/* Iterates the main context until @done says so, with a generous cap. */
static void
await (gboolean (*done) (gpointer), gpointer data)
{
  guint guard = g_timeout_add_seconds (120, give_up, NULL);

  for (guint i = 0; !done (data); i++)
    {
      g_assert_cmpuint (i, <, 1000000);
      g_main_context_iteration (NULL, TRUE);
    }
  g_source_remove (guard);
}

static gboolean
dialog_idle (gpointer dialog)
{
  return !odan_server_dialog_get_busy (dialog);
}

typedef struct {
  OdanExercise *exercise;
  guint         n;
} Count;

static gboolean
has_events (gpointer data)
{
  Count *count = data;

  return odan_exercise_get_n_events (count->exercise) >= count->n;
}

static OdanExercise *
facilitator (const char *db)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *conninfo = odan_pg_fixture_conninfo (server, "odan", db);
  g_autofree char *sql = g_strdup_printf ("CREATE DATABASE \"%s\"", db);
  g_autofree char *dir = g_build_filename (g_getenv ("ODAN_SCENARIOS"), "example", NULL);
  g_autoptr(OdanStore) store = NULL;
  OdanExercise *exercise;

  odan_pg_fixture_sql (server, "postgres", sql, &error);
  g_assert_no_error (error);
  store = odan_pg_store_open (conninfo, ODAN_PG_STORE_OPEN_REQUIRE_WRITE, &error);
  g_assert_no_error (error);
  odan_exercise_init_store (store, dir, &error);
  g_assert_no_error (error);
  exercise = odan_exercise_new (store, &error);
  g_assert_no_error (error);
  odan_exercise_start (exercise, ODAN_CLOCK_STEP, 1.0, &error);
  g_assert_no_error (error);
  return exercise;
}

static guint
count_windows (GType type)
{
  guint n = 0;

  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (app)); l != NULL; l = l->next)
    n += G_TYPE_CHECK_INSTANCE_TYPE (l->data, type);
  return n;
}

static void
test_evaluator (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(OdanExercise) exercise = NULL;
  g_autoptr(GSettings) settings = NULL;
  g_auto(GStrv) recent = NULL;
  g_autofree char *conninfo = NULL;
  OdanWindow *window;
  OdanServerDialog *dialog;
  OdanExercise *shown;
  GtkWidget *view;
  Count count;
  gint64 id;

  UI_TEST_REQUIRE_DISPLAY (app);
  if (server == NULL)
    {
      odan_test_missing ("PostgreSQL", skip_reason);
      return;
    }
  exercise = facilitator ("gui_eval");
  window = odan_window_new (app);
  gtk_window_present (GTK_WINDOW (window));

  /* the password row's text goes to libpq, never to the recent list */
  conninfo = odan_pg_fixture_conninfo (server, odan_pg_fixture_role (server, "gui_eval", "evaluator", NULL), "gui_eval");
  dialog = odan_server_dialog_new (GTK_WINDOW (window), conninfo, NULL);
  gtk_window_present (GTK_WINDOW (dialog));
  g_object_ref (dialog);
  odan_server_dialog_connect (dialog);
  g_assert_true (odan_server_dialog_get_busy (dialog));
  await (dialog_idle, dialog);
  g_object_unref (dialog);

  shown = odan_window_get_exercise (window);
  g_assert_nonnull (shown);
  g_assert_true (odan_exercise_is_following (shown));
  /* an evaluator controls no clock and delivers nothing */
  view = GTK_WIDGET (window->exercise_view);
  gtk_widget_activate_action (view, "exercise.toggle-clock", NULL);
  gtk_widget_activate_action (view, "exercise.step", NULL);
  ui_test_drain ();
  g_assert_cmpuint (odan_exercise_get_n_events (shown), ==, odan_exercise_get_n_events (exercise));

  /* the facilitator delivers from its own machine; the console follows */
  id = odan_exercise_step (exercise, &error);
  g_assert_no_error (error);
  count = (Count) { shown, odan_exercise_get_n_events (exercise) };
  await (has_events, &count);
  g_assert_nonnull (odan_exercise_find_event (shown, id));
  g_assert_cmpuint (odan_exercise_get_n_events (shown), ==, odan_exercise_get_n_events (exercise));

  /* nor acts for a team: the Teams page shows team views only to look at */
  {
    OdanTeamPanel *panel = odan_teams_page_get_panel (window->exercise_view->teams_page);
    guint before = odan_exercise_get_n_events (shown);

    g_assert_true (panel->read_only);
    gtk_widget_activate_action (GTK_WIDGET (panel), "team.confirm-receipt", NULL);
    gtk_widget_activate_action (GTK_WIDGET (panel), "team.mark-read", NULL);
    gtk_widget_activate_action (view, "exercise.log-decision", NULL);
    ui_test_drain ();
    g_assert_cmpuint (odan_exercise_get_n_events (shown), ==, before);
  }

  settings = g_settings_new ("jp.odan.Odan");
  recent = g_settings_get_strv (settings, "recent-exercises");
  g_assert_cmpstr (recent[0], ==, conninfo);
  for (guint i = 0; recent[i] != NULL; i++)
    g_assert_null (strstr (recent[i], "password"));

  gtk_window_destroy (GTK_WINDOW (window));
  ui_test_drain ();
}

typedef struct {
  OdanTeamPanel *panel;
  gint64         delivery;
} Inbox;

static gboolean
inbox_has (gpointer data)
{
  Inbox *inbox = data;
  const OdanTeamView *view = odan_team_panel_get_view (inbox->panel);

  for (guint i = 0; view != NULL && i < odan_team_view_get_n_inbox (view); i++)
    if (odan_team_view_get_inbox (view, i)->delivery == inbox->delivery)
      return TRUE;
  return FALSE;
}

static OdanTeamWindow *
find_team_window (void)
{
  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (app)); l != NULL; l = l->next)
    if (ODAN_IS_TEAM_WINDOW (l->data))
      return l->data;
  return NULL;
}

static void
test_team_window (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(OdanExercise) exercise = NULL;
  g_autofree char *conninfo = NULL;
  const OdanPack *pack;
  const OdanEvent *decision = NULL;
  OdanWindow *window;
  OdanServerDialog *dialog;
  OdanTeamWindow *team_window;
  OdanTeamPanel *panel;
  OdanExercise *shown;
  OdanDecisionDialog *decide = NULL;
  GList *toplevels;
  Inbox inbox;

  UI_TEST_REQUIRE_DISPLAY (app);
  if (server == NULL)
    {
      odan_test_missing ("PostgreSQL", skip_reason);
      return;
    }
  exercise = facilitator ("gui_team");
  pack = odan_exercise_get_pack (exercise);
  window = odan_window_new (app);
  gtk_window_present (GTK_WINDOW (window));

  conninfo = odan_pg_fixture_conninfo (server, odan_pg_fixture_role (server, "gui_team", "team", "power"), "gui_team");
  dialog = odan_server_dialog_new (GTK_WINDOW (window), conninfo, NULL);
  gtk_window_present (GTK_WINDOW (dialog));
  g_object_ref (dialog);
  odan_server_dialog_connect (dialog);
  await (dialog_idle, dialog);
  g_object_unref (dialog);

  /* the team's own window and nothing else: no console, no MSEL */
  g_assert_null (odan_window_get_exercise (window));
  g_assert_cmpuint (count_windows (ODAN_TYPE_WINDOW), ==, 1);
  g_assert_cmpuint (count_windows (ODAN_TYPE_TEAM_WINDOW), ==, 1);
  team_window = find_team_window ();
  panel = odan_team_window_get_panel (team_window);
  g_assert_cmpstr (odan_team_panel_get_team (panel), ==, "power");
  shown = odan_team_panel_get_exercise (panel);
  g_assert_cmpstr (odan_exercise_get_team_client (shown), ==, "power");
  g_assert_true (odan_exercise_is_following (shown));
  g_assert_cmpuint (odan_exercise_get_pack (shown)->n_nodes, ==, 0);

  /* the facilitator delivers from its own machine; the team's inbox shows it */
  inbox.panel = panel;
  inbox.delivery = odan_exercise_deliver (exercise, odan_pack_find_inject (pack, "INJ-03"), NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (inbox.delivery, >, 0);
  await (inbox_has, &inbox);

  /* the window says when the server connection drops, until it is back */
  g_signal_emit_by_name (odan_exercise_get_store (shown), "connection-changed", FALSE);
  g_assert_nonnull (g_object_get_data (G_OBJECT (team_window), "odan-connection-lost-toast"));
  g_signal_emit_by_name (odan_exercise_get_store (shown), "connection-changed", TRUE);
  g_assert_null (g_object_get_data (G_OBJECT (team_window), "odan-connection-lost-toast"));

  /* a decision logged in the window's dialog lands in the database as the team's */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (panel), "team.log-decision", NULL));
  toplevels = gtk_window_list_toplevels ();
  for (GList *l = toplevels; l != NULL; l = l->next)
    if (ODAN_IS_DECISION_DIALOG (l->data))
      decide = l->data;
  g_list_free (toplevels);
  g_assert_nonnull (decide);
  odan_decision_dialog_set_category (decide, ODAN_CATEGORY_OTHER);
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (decide->summary_view), "Generators to the substations", -1);
  ui_test_drain ();
  g_assert_null (odan_decision_dialog_get_message (decide));
  g_object_add_weak_pointer (G_OBJECT (decide), (gpointer *) &decide);
  g_signal_emit_by_name (decide->log_button, "clicked");
  ui_test_drain ();
  g_assert_null (decide);

  odan_exercise_sync (exercise, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < odan_exercise_get_n_events (exercise); i++)
    {
      const OdanEvent *event = odan_exercise_get_event (exercise, i);

      if (event->kind == ODAN_EVENT_DECISION && g_strcmp0 (event->summary, "Generators to the substations") == 0)
        decision = event;
    }
  g_assert_nonnull (decision);
  g_assert_cmpstr (decision->team, ==, "power");
  g_assert_cmpstr (decision->actor, ==, "power");
  g_assert_nonnull (odan_exercise_find_event (shown, decision->id));

  /* a mitigation the team proposes from its office waits for the
   * facilitator, whose console accepts it from the decision feed */
  {
    OdanDecision proposal = { 0 };
    const OdanPack *team_pack = odan_exercise_get_pack (shown);
    OdanWindow *console;
    const OdanEvent *accepted;
    gint64 proposed;
    guint n;

    proposal.time = odan_exercise_get_minute (shown);
    proposal.team = odan_pack_find_team (team_pack, "power");
    proposal.category = ODAN_CATEGORY_BUSINESS_CONTINUITY;
    proposal.summary = g_strdup ("Power vehicle to the hospital");
    proposal.mitigation = odan_pack_find_mitigation (team_pack, "M-01");
    proposal.inject = ODAN_NONE;
    proposed = odan_exercise_decide (shown, &proposal, "power", &error);
    odan_decision_clear (&proposal);
    g_assert_no_error (error);
    odan_exercise_sync (exercise, &error);
    g_assert_no_error (error);
    g_assert_true (odan_exercise_is_proposal (odan_exercise_find_event (exercise, proposed)));

    console = odan_window_new (app);
    gtk_window_present (GTK_WINDOW (console));
    g_assert_true (odan_window_show_server_exercise (console, exercise, NULL, &error));
    g_assert_no_error (error);
    ui_test_drain ();
    n = odan_exercise_get_n_events (exercise);
    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (console->exercise_view), "exercise.accept-proposal",
                                               "x", proposed));
    ui_test_drain ();
    g_assert_cmpuint (odan_exercise_get_n_events (exercise), ==, n + 1);
    accepted = odan_exercise_get_event (exercise, n);
    g_assert_cmpint (accepted->kind, ==, ODAN_EVENT_DECISION);
    g_assert_cmpstr (accepted->team, ==, "power");
    g_assert_cmpstr (accepted->subject, ==, "M-01");
    g_assert_false (odan_exercise_is_proposal (accepted));
    gtk_window_destroy (GTK_WINDOW (console));
  }

  gtk_window_destroy (GTK_WINDOW (team_window));
  gtk_window_destroy (GTK_WINDOW (window));
  ui_test_drain ();
}

static void
test_password (void)
{
  g_autofree char *uri = odan_server_conninfo_with_password ("postgresql://u@h/db?sslmode=require", "p&w d");
  g_autofree char *kv = odan_server_conninfo_with_password ("host=h dbname=db", "it's\\");
  g_autofree char *none = odan_server_conninfo_with_password ("postgresql://u@h/db", "");

  g_assert_cmpstr (uri, ==, "postgresql://u@h/db?sslmode=require&password=p%26w%20d");
  g_assert_cmpstr (kv, ==, "host=h dbname=db password='it\\'s\\\\'");
  g_assert_cmpstr (none, ==, "postgresql://u@h/db");
  g_assert_true (odan_store_conninfo_has_password (uri));
  g_assert_true (odan_store_conninfo_has_password ("postgresql://u:secret@h/db"));
  g_assert_false (odan_store_conninfo_has_password ("postgresql://u@h/db?sslmode=verify-full"));
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *bindir = NULL;
  int status;

  app = ui_test_init (&argc, &argv);
  bindir = odan_pg_fixture_find_bindir ();
  if (bindir == NULL)
    skip_reason = "initdb and pg_ctl are not installed (apt-get install postgresql): the multisite suite needs a PostgreSQL server";
  else if (app != NULL)
    {
      server = odan_pg_fixture_start ("postgres_unused", 50, &error);
      if (server == NULL)
        g_error ("cannot start a PostgreSQL server: %s", error->message);
    }

  g_test_add_func ("/multisite/gui/password", test_password);
  g_test_add_func ("/multisite/gui/evaluator", test_evaluator);
  g_test_add_func ("/multisite/gui/team-window", test_team_window);
  status = g_test_run ();
  if (server != NULL)
    odan_pg_fixture_stop (server);
  return status;
}

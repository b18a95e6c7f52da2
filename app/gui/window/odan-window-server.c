/* odan-window-server.c — OdanWindow and exercises on a PostgreSQL server
 *
 *   win.open-server-exercise  open an exercise on a server (OdanServerDialog)
 *   win.new-server-exercise   start one there from the pack shown
 *
 * What opens depends on the connection's role (odan_store_get_role()):
 * the facilitator gets the console as for a file; an evaluator the console
 * without clock control, delivery or decisions (OdanRole, odan-team-view.h),
 * with the Review page for observations. A team's connection opens that
 * team's own OdanTeamWindow and nothing else (a team client, see
 * odan_exercise_get_team_client()): its inbox, obligations and decisions,
 * the board only when the scenario lets teams see the model; what it
 * acknowledges and decides goes through its own connection. The exercise
 * follows the log (odan_exercise_follow()), so what others log — teams'
 * decisions and acknowledgements, the facilitator's deliveries and clock —
 * appears live; in the console a toast says when the connection is lost
 * and when it is back.
 */
#define G_LOG_DOMAIN "odan-gui"

#include <glib/gi18n.h>

#include "odan-server-dialog.h"
#include "odan-team-view.h"
#include "odan-team-window.h"
#include "odan-window-private.h"

#define LOST_TOAST_KEY "odan-connection-lost-toast"

/* Says in @overlay when the connection is lost (a toast that stays until it
 * is back, kept on @holder) and when it is back. */
static void
show_connection_state (GObject         *holder,
                       AdwToastOverlay *overlay,
                       gboolean         connected)
{
  AdwToast *lost = g_object_get_data (holder, LOST_TOAST_KEY);

  if (lost != NULL)
    adw_toast_dismiss (lost);
  if (!connected)
    {
      AdwToast *toast = adw_toast_new (_("Connection to the server lost — reconnecting…"));

      /* stays until the connection is back */
      adw_toast_set_timeout (toast, 0);
      adw_toast_set_priority (toast, ADW_TOAST_PRIORITY_HIGH);
      g_object_set_data_full (holder, LOST_TOAST_KEY, g_object_ref (toast), g_object_unref);
      adw_toast_overlay_add_toast (overlay, toast);
    }
  else
    {
      g_object_set_data (holder, LOST_TOAST_KEY, NULL);
      adw_toast_overlay_add_toast (overlay, adw_toast_new (_("Reconnected to the server; caught up with the log")));
    }
}

static void
odan_window_on_connection_changed (OdanWindow *self,
                                   gboolean    connected,
                                   OdanStore  *store)
{
  show_connection_state (G_OBJECT (self), self->toast_overlay, connected);
}

static void
on_team_connection_changed (OdanTeamWindow *window,
                            gboolean        connected,
                            OdanStore      *store)
{
  OdanTeamPanel *panel = odan_team_window_get_panel (window);

  show_connection_state (G_OBJECT (window), odan_team_panel_get_toast_overlay (panel), connected);
}

/* A team's connection: the team's own window, following the log; the
 * console stays as it is. */
static gboolean
show_team_window (OdanWindow    *self,
                  OdanExercise  *exercise,
                  const char    *remember,
                  GError       **error)
{
  GtkApplication *application = gtk_window_get_application (GTK_WINDOW (self));
  const char *team = odan_exercise_get_team_client (exercise);
  OdanTeamWindow *window;

  if (application == NULL || team == NULL
      || odan_pack_find_team (odan_exercise_get_pack (exercise), team) == ODAN_NONE)
    {
      g_set_error (error, ODAN_STORE_ERROR, ODAN_STORE_ERROR_DENIED,
                   _("%s: the connection's team “%s” is not in the exercise"),
                   odan_store_get_location (odan_exercise_get_store (exercise)), team != NULL ? team : "");
      return FALSE;
    }
  window = odan_team_window_new (application, exercise, team);
  g_signal_connect_object (odan_exercise_get_store (exercise), "connection-changed",
                           G_CALLBACK (on_team_connection_changed), window, G_CONNECT_SWAPPED);
  odan_exercise_follow (exercise);
  if (remember != NULL && self->settings != NULL)
    _odan_window_remember_location (self, remember);
  gtk_window_present (GTK_WINDOW (window));
  return TRUE;
}

gboolean
odan_window_show_server_exercise (OdanWindow    *self,
                                  OdanExercise  *exercise,
                                  const char    *remember,
                                  GError       **error)
{
  OdanStore *store;
  OdanRole role = ODAN_ROLE_FACILITATOR;
  const OdanPack *pack;
  g_autofree char *subtitle = NULL;

  g_return_val_if_fail (ODAN_IS_WINDOW (self), FALSE);
  g_return_val_if_fail (ODAN_IS_EXERCISE (exercise), FALSE);

  store = odan_exercise_get_store (exercise);
  switch (odan_store_get_role (store))
    {
    case ODAN_STORE_ROLE_OWNER:
    case ODAN_STORE_ROLE_FACILITATOR:
      role = ODAN_ROLE_FACILITATOR;
      break;
    case ODAN_STORE_ROLE_EVALUATOR:
      role = ODAN_ROLE_EVALUATOR;
      break;
    case ODAN_STORE_ROLE_TEAM:
    default:
      return show_team_window (self, exercise, remember, error);
    }
  /* a file's store never emits it */
  g_signal_connect_object (store, "connection-changed",
                           G_CALLBACK (odan_window_on_connection_changed), self, G_CONNECT_SWAPPED);

  odan_window_close_exercise (self);
  g_object_set_data (G_OBJECT (self), LOST_TOAST_KEY, NULL);
  /* stands for the exercise while it is shown: close-exercise needs one */
  g_set_object (&self->exercise_file, NULL);
  self->exercise_file = g_file_new_for_uri (odan_store_get_location (store));
  odan_exercise_view_set_exercise (self->exercise_view, exercise);
  odan_exercise_view_set_role (self->exercise_view, role);
  odan_exercise_follow (exercise);
  if (remember != NULL && self->settings != NULL)
    _odan_window_remember_location (self, remember);

  pack = odan_exercise_get_pack (exercise);
  subtitle = role == ODAN_ROLE_EVALUATOR
             ? g_strdup_printf (_("%s (evaluator)"), odan_store_get_location (store))
             : g_strdup (odan_store_get_location (store));
  _odan_window_set_titles (self, odan_pack_localized (pack->title, pack->title_ja), subtitle);
  gtk_stack_set_visible_child_name (self->stack, "exercise");
  _odan_window_actions_update (self);
  return TRUE;
}

void
odan_window_open_server_dialog (OdanWindow *self,
                                const char *conninfo,
                                gboolean    create)
{
  g_autofree char *pack_dir = NULL;
  OdanServerDialog *dialog;

  g_return_if_fail (ODAN_IS_WINDOW (self));

  if (create)
    {
      if (self->pack != NULL && self->folder != NULL)
        pack_dir = g_file_get_path (self->folder);
      if (pack_dir == NULL)
        {
          adw_toast_overlay_add_toast (self->toast_overlay,
                                       adw_toast_new (_("Open a scenario pack folder first: a new exercise on a server starts from the pack shown")));
          return;
        }
    }
  dialog = odan_server_dialog_new (GTK_WINDOW (self), conninfo, pack_dir);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
open_server_exercise (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  odan_window_open_server_dialog (ODAN_WINDOW (widget), NULL, FALSE);
}

static void
new_server_exercise (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  odan_window_open_server_dialog (ODAN_WINDOW (widget), NULL, TRUE);
}

void
_odan_window_class_server_init (OdanWindowClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  gtk_widget_class_install_action (widget_class, "win.open-server-exercise", NULL, open_server_exercise);
  gtk_widget_class_install_action (widget_class, "win.new-server-exercise", NULL, new_server_exercise);
}

/* odan-teams-page.c — the console's Teams page: who is late, and one team's own view
 *
 * Beside the facilitator's other pages, the Teams page has two halves:
 *
 *  - the reporting deadlines of every team (odan_exercise_get_obligations()
 *    for all teams at the exercise's time): late first, then open by due
 *    time, then met — the facilitator sees who is late at a glance;
 *    activating a row shows that team;
 *  - a team switcher (GtkDropDown of the pack's teams) over that team's own
 *    view (OdanTeamPanel), for a scribe who logs for a table, with "Open in
 *    New Window" (OdanTeamWindow) for a team that plays at its own screen.
 *
 * The team windows opened here are closed when the exercise is cleared, so
 * closing the exercise closes its file everywhere.
 */
#define G_LOG_DOMAIN "odan-gui"

#include <glib/gi18n.h>

#include "odan-invite-dialog.h"
#include "odan-team-window.h"
#include "odan-teams-page-private.h"
#include "odan-time.h"

#define TICK_INTERVAL_MS 250

G_DEFINE_FINAL_TYPE (OdanTeamsPage, odan_teams_page, ADW_TYPE_BIN)

void
odan_teams_page_refresh (OdanTeamsPage *self)
{
  const OdanPack *pack;
  g_autoptr(GArray) obligations = NULL;
  g_autoptr(GString) shown = NULL;
  g_autoptr(GPtrArray) texts = NULL;
  g_autoptr(GPtrArray) classes = NULL;
  guint n_open = 0, n_met = 0;
  g_autofree char *summary = NULL;
  GtkWidget *child;
  double minute;

  g_return_if_fail (ODAN_IS_TEAMS_PAGE (self));

  if (self->exercise == NULL)
    {
      gtk_stack_set_visible_child_name (self->overview_stack, "empty");
      gtk_label_set_label (self->overview_summary, "");
      self->n_late = 0;
      return;
    }

  pack = odan_exercise_get_pack (self->exercise);
  minute = odan_exercise_get_minute (self->exercise);
  obligations = odan_exercise_get_obligations (self->exercise, ODAN_NONE, minute);
  g_array_sort (obligations, odan_team_panel_compare_obligations);

  shown = g_string_new (NULL);
  texts = g_ptr_array_new_with_free_func (g_free);
  classes = g_ptr_array_new ();
  self->n_late = 0;
  for (guint i = 0; i < obligations->len; i++)
    {
      const OdanObligation *obligation = &g_array_index (obligations, OdanObligation, i);
      const char *css_class = NULL;
      char *text = odan_team_panel_format_countdown (obligation, minute, &css_class);

      if (obligation->state == ODAN_OBLIGATION_LATE)
        self->n_late++;
      else if (obligation->state == ODAN_OBLIGATION_OPEN)
        n_open++;
      else
        n_met++;
      g_ptr_array_add (texts, text);
      g_ptr_array_add (classes, (gpointer) css_class);
      g_string_append_printf (shown, "%u|%u|%s\n", obligation->deadline, obligation->team, text);
    }

  /* Translators: the facilitator's count of reporting deadlines: late, open and met ones */
  summary = g_strdup_printf (_("%u late · %u open · %u met"), self->n_late, n_open, n_met);
  gtk_label_set_label (self->overview_summary, obligations->len > 0 ? summary : "");
  gtk_stack_set_visible_child_name (self->overview_stack, obligations->len > 0 ? "list" : "empty");

  if (g_strcmp0 (shown->str, self->overview_shown) == 0)
    return;
  g_free (self->overview_shown);
  self->overview_shown = g_string_free (g_steal_pointer (&shown), FALSE);

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->overview_list))) != NULL)
    gtk_list_box_remove (self->overview_list, child);

  for (guint i = 0; i < obligations->len; i++)
    {
      const OdanObligation *obligation = &g_array_index (obligations, OdanObligation, i);
      const OdanTeam *team = &pack->teams[obligation->team];
      const char *css_class = g_ptr_array_index (classes, i);
      g_autofree char *due = odan_time_format_offset (obligation->due);
      g_autofree char *subtitle = NULL;
      g_autofree char *title = NULL;
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *countdown = odan_team_panel_countdown_new (obligation, g_ptr_array_index (texts, i), css_class);

      /* Translators: an obligation in the facilitator's list: what is owed, and when it falls due */
      subtitle = g_strdup_printf (_("%s · due %s"), odan_team_panel_deadline_label (pack, obligation->deadline), due);
      /* One line a deadline, so that thirty late ones fit on a screen; the
       * whole text is the tooltip. */
      /* Translators: a team and what it owes, on one line of the facilitator's list */
      title = g_strdup_printf (_("%s: %s"), odan_pack_localized (team->name, team->name_ja), subtitle);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_action_row_set_title_lines (ADW_ACTION_ROW (row), 1);
      gtk_widget_set_tooltip_text (row, title);
      gtk_widget_add_css_class (row, "compact");
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), countdown);
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
      g_object_set_data_full (G_OBJECT (row), "odan-team", g_strdup (team->id), g_free);
      gtk_list_box_append (self->overview_list, row);
    }
}

static gboolean
odan_teams_page_tick_cb (gpointer user_data)
{
  OdanTeamsPage *self = ODAN_TEAMS_PAGE (user_data);

  if (gtk_widget_get_mapped (GTK_WIDGET (self)))
    odan_teams_page_refresh (self);
  return G_SOURCE_CONTINUE;
}

static void
odan_teams_page_update_timer (OdanTeamsPage *self)
{
  gboolean running = self->exercise != NULL && odan_exercise_is_running_live (self->exercise);

  if (running && self->tick_id == 0)
    self->tick_id = g_timeout_add (TICK_INTERVAL_MS, odan_teams_page_tick_cb, self);
  else if (!running)
    g_clear_handle_id (&self->tick_id, g_source_remove);
}

static void
odan_teams_page_on_event_added (OdanExercise    *exercise,
                                const OdanEvent *event,
                                OdanTeamsPage   *self)
{
  odan_teams_page_refresh (self);
  odan_teams_page_update_timer (self);
}

static void
odan_teams_page_on_team_changed (OdanTeamsPage *self)
{
  odan_team_panel_set_team (self->panel, self->exercise, odan_teams_page_get_team (self));
}

static void
odan_teams_page_on_row_activated (OdanTeamsPage *self,
                                  GtkListBoxRow *row)
{
  const char *team = g_object_get_data (G_OBJECT (row), "odan-team");

  if (team != NULL)
    odan_teams_page_select_team (self, team);
}

static void
odan_teams_page_forget_window (gpointer  data,
                               GObject  *where_the_object_was)
{
  OdanTeamsPage *self = data;

  g_ptr_array_remove (self->windows, where_the_object_was);
}

static void
odan_teams_page_close_windows (OdanTeamsPage *self)
{
  while (self->windows->len > 0)
    {
      GtkWindow *window = g_ptr_array_steal_index (self->windows, self->windows->len - 1);

      g_object_weak_unref (G_OBJECT (window), odan_teams_page_forget_window, self);
      gtk_window_destroy (window);
    }
}

/* Public API ----------------------------------------------------------------- */

void
odan_teams_page_set_exercise (OdanTeamsPage *self,
                              OdanExercise  *exercise)
{
  g_autoptr(GtkStringList) names = NULL;

  g_return_if_fail (ODAN_IS_TEAMS_PAGE (self));
  g_return_if_fail (exercise == NULL || ODAN_IS_EXERCISE (exercise));

  if (self->exercise == exercise)
    return;

  odan_teams_page_close_windows (self);
  g_clear_handle_id (&self->tick_id, g_source_remove);
  if (self->exercise != NULL)
    g_clear_signal_handler (&self->event_added_id, self->exercise);
  g_clear_pointer (&self->overview_shown, g_free);
  g_clear_object (&self->exercise);
  odan_team_panel_set_team (self->panel, NULL, NULL);

  names = gtk_string_list_new (NULL);
  if (exercise != NULL)
    {
      const OdanPack *pack = odan_exercise_get_pack (exercise);

      self->exercise = g_object_ref (exercise);
      for (guint32 i = 0; i < pack->n_teams; i++)
        gtk_string_list_append (names, odan_pack_localized (pack->teams[i].name, pack->teams[i].name_ja));
      self->event_added_id = g_signal_connect (exercise, "event-added",
                                               G_CALLBACK (odan_teams_page_on_event_added), self);
    }
  gtk_drop_down_set_model (self->team_dropdown, G_LIST_MODEL (names));
  if (exercise != NULL && g_list_model_get_n_items (G_LIST_MODEL (names)) > 0)
    gtk_drop_down_set_selected (self->team_dropdown, 0);
  odan_teams_page_on_team_changed (self);

  odan_teams_page_refresh (self);
  odan_teams_page_update_timer (self);
}

const char *
odan_teams_page_get_team (OdanTeamsPage *self)
{
  guint selected;
  const OdanPack *pack;

  g_return_val_if_fail (ODAN_IS_TEAMS_PAGE (self), NULL);

  if (self->exercise == NULL)
    return NULL;
  pack = odan_exercise_get_pack (self->exercise);
  selected = gtk_drop_down_get_selected (self->team_dropdown);
  return selected < pack->n_teams ? pack->teams[selected].id : NULL;
}

gboolean
odan_teams_page_select_team (OdanTeamsPage *self,
                             const char    *team)
{
  guint32 index;

  g_return_val_if_fail (ODAN_IS_TEAMS_PAGE (self), FALSE);

  if (self->exercise == NULL || team == NULL
      || (index = odan_pack_find_team (odan_exercise_get_pack (self->exercise), team)) == ODAN_NONE)
    return FALSE;

  gtk_drop_down_set_selected (self->team_dropdown, index);
  return TRUE;
}

OdanTeamPanel *
odan_teams_page_get_panel (OdanTeamsPage *self)
{
  g_return_val_if_fail (ODAN_IS_TEAMS_PAGE (self), NULL);

  return self->panel;
}

void
odan_teams_page_set_read_only (OdanTeamsPage *self,
                               gboolean       read_only)
{
  g_return_if_fail (ODAN_IS_TEAMS_PAGE (self));

  self->read_only = read_only;
  odan_team_panel_set_read_only (self->panel, read_only);
  for (guint i = 0; i < self->windows->len; i++)
    odan_team_panel_set_read_only (odan_team_window_get_panel (g_ptr_array_index (self->windows, i)), read_only);
}

OdanTeamWindow *
odan_teams_page_open_window (OdanTeamsPage *self)
{
  const char *team = odan_teams_page_get_team (self);
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkApplication *application;
  OdanTeamWindow *window;

  g_return_val_if_fail (ODAN_IS_TEAMS_PAGE (self), NULL);

  if (team == NULL || !GTK_IS_WINDOW (root)
      || (application = gtk_window_get_application (GTK_WINDOW (root))) == NULL)
    return NULL;

  /* One window per team: a second request brings it forward. */
  for (guint i = 0; i < self->windows->len; i++)
    {
      window = g_ptr_array_index (self->windows, i);
      if (g_strcmp0 (odan_team_panel_get_team (odan_team_window_get_panel (window)), team) == 0)
        {
          gtk_window_present (GTK_WINDOW (window));
          return window;
        }
    }

  window = odan_team_window_new (application, self->exercise, team);
  odan_team_panel_set_read_only (odan_team_window_get_panel (window), self->read_only);
  g_ptr_array_add (self->windows, window);
  g_object_weak_ref (G_OBJECT (window), odan_teams_page_forget_window, self);
  gtk_window_present (GTK_WINDOW (window));
  return window;
}

gboolean
odan_teams_page_invite (OdanTeamsPage  *self,
                        GError        **error)
{
  const char *team = odan_teams_page_get_team (self);
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  OdanInviteDialog *dialog;

  g_return_val_if_fail (ODAN_IS_TEAMS_PAGE (self), FALSE);

  if (team == NULL)
    return TRUE;
  dialog = odan_invite_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, self->exercise, team, error);
  if (dialog == NULL)
    return FALSE;
  gtk_window_present (GTK_WINDOW (dialog));
  return TRUE;
}

guint
odan_teams_page_get_n_late (OdanTeamsPage *self)
{
  g_return_val_if_fail (ODAN_IS_TEAMS_PAGE (self), 0);

  return self->n_late;
}

/* GObject ----------------------------------------------------------------- */

static void
odan_teams_page_dispose (GObject *object)
{
  OdanTeamsPage *self = ODAN_TEAMS_PAGE (object);

  if (self->windows != NULL)
    {
      odan_teams_page_close_windows (self);
      g_clear_pointer (&self->windows, g_ptr_array_unref);
    }
  g_clear_handle_id (&self->tick_id, g_source_remove);
  if (self->exercise != NULL)
    g_clear_signal_handler (&self->event_added_id, self->exercise);
  g_clear_object (&self->exercise);
  g_clear_pointer (&self->overview_shown, g_free);
  gtk_widget_dispose_template (GTK_WIDGET (self), ODAN_TYPE_TEAMS_PAGE);

  G_OBJECT_CLASS (odan_teams_page_parent_class)->dispose (object);
}

static void
odan_teams_page_class_init (OdanTeamsPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = odan_teams_page_dispose;

  g_type_ensure (ODAN_TYPE_TEAM_PANEL);

  gtk_widget_class_set_template_from_resource (widget_class, "/jp/odan/Odan/odan-teams-page.ui");
  gtk_widget_class_bind_template_child (widget_class, OdanTeamsPage, team_dropdown);
  gtk_widget_class_bind_template_child (widget_class, OdanTeamsPage, panel);
  gtk_widget_class_bind_template_child (widget_class, OdanTeamsPage, overview_summary);
  gtk_widget_class_bind_template_child (widget_class, OdanTeamsPage, overview_stack);
  gtk_widget_class_bind_template_child (widget_class, OdanTeamsPage, overview_list);
}

static void
odan_teams_page_init (OdanTeamsPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->windows = g_ptr_array_new ();

  g_signal_connect_object (self->team_dropdown, "notify::selected",
                           G_CALLBACK (odan_teams_page_on_team_changed), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->overview_list, "row-activated",
                           G_CALLBACK (odan_teams_page_on_row_activated), self, G_CONNECT_SWAPPED);
  g_signal_connect (self, "map", G_CALLBACK (odan_teams_page_refresh), NULL);

  odan_teams_page_refresh (self);
}

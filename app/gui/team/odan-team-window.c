/* odan-team-window.c — a window with one team's own view, for a screen of its own
 *
 * The window holds an OdanTeamPanel and nothing else: no MSEL, no clock
 * controls, no board (the panel shows the model only when the scenario
 * lets teams see it). It is titled with the team's name, its subtitle the
 * exercise time, so it can be moved to a screen the team's table looks at
 * while the facilitator keeps the console. Several can be open, one per
 * team; the console closes them when it closes the exercise.
 *
 *   win.log-decision   the team logs a decision   Ctrl+L
 */
#define G_LOG_DOMAIN "odan-gui"

#include <glib/gi18n.h>

#include "odan-team-window.h"

struct _OdanTeamWindow
{
  AdwApplicationWindow  parent_instance;

  /* Template widgets */
  AdwWindowTitle       *window_title;
  OdanTeamPanel        *panel;
};

G_DEFINE_FINAL_TYPE (OdanTeamWindow, odan_team_window, ADW_TYPE_APPLICATION_WINDOW)

static void
log_decision (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  OdanTeamWindow *self = ODAN_TEAM_WINDOW (widget);

  gtk_widget_activate_action (GTK_WIDGET (self->panel), "team.log-decision", NULL);
}

OdanTeamWindow *
odan_team_window_new (GtkApplication *application,
                      OdanExercise   *exercise,
                      const char     *team)
{
  OdanTeamWindow *self;
  const OdanPack *pack;
  guint32 t;
  const char *name;

  g_return_val_if_fail (GTK_IS_APPLICATION (application), NULL);
  g_return_val_if_fail (ODAN_IS_EXERCISE (exercise), NULL);
  g_return_val_if_fail (team != NULL, NULL);

  pack = odan_exercise_get_pack (exercise);
  t = odan_pack_find_team (pack, team);
  g_return_val_if_fail (t != ODAN_NONE, NULL);
  name = odan_pack_localized (pack->teams[t].name, pack->teams[t].name_ja);

  self = g_object_new (ODAN_TYPE_TEAM_WINDOW,
                       "application", application,
                       "title", name,
                       NULL);
  adw_window_title_set_title (self->window_title, name);
  odan_team_panel_set_team (self->panel, exercise, team);

  return self;
}

OdanTeamPanel *
odan_team_window_get_panel (OdanTeamWindow *self)
{
  g_return_val_if_fail (ODAN_IS_TEAM_WINDOW (self), NULL);

  return self->panel;
}

static void
odan_team_window_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), ODAN_TYPE_TEAM_WINDOW);

  G_OBJECT_CLASS (odan_team_window_parent_class)->dispose (object);
}

static void
odan_team_window_class_init (OdanTeamWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = odan_team_window_dispose;

  g_type_ensure (ODAN_TYPE_TEAM_PANEL);

  gtk_widget_class_set_template_from_resource (widget_class, "/jp/odan/Odan/odan-team-window.ui");
  gtk_widget_class_bind_template_child (widget_class, OdanTeamWindow, window_title);
  gtk_widget_class_bind_template_child (widget_class, OdanTeamWindow, panel);

  gtk_widget_class_install_action (widget_class, "win.log-decision", NULL, log_decision);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_l, GDK_CONTROL_MASK, "win.log-decision", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_w, GDK_CONTROL_MASK, "window.close", NULL);
}

static void
odan_team_window_init (OdanTeamWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  g_object_bind_property (self->panel, "time-text", self->window_title, "subtitle", G_BINDING_SYNC_CREATE);
}

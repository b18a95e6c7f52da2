/* odan-application-actions.c — app.* actions and their accelerators
 *
 * Actions that concern the whole application live here; those that act on
 * one window's pack are in odan-window-actions.c.
 */
#define G_LOG_DOMAIN "odan-gui"

#include <glib/gi18n.h>

#include "odan-application-private.h"
#include "odan-window.h"

static void
odan_application_actions_quit (GSimpleAction *action,
                               GVariant      *parameter,
                               gpointer       user_data)
{
  OdanApplication *self = user_data;
  g_autoptr(GList) windows = g_list_copy (gtk_application_get_windows (GTK_APPLICATION (self)));

  /* Close rather than destroy, so each window saves its size; the
   * application exits when the last one is gone. */
  for (const GList *l = windows; l != NULL; l = l->next)
    gtk_window_close (l->data);
}

static void
odan_application_actions_new_window (GSimpleAction *action,
                                     GVariant      *parameter,
                                     gpointer       user_data)
{
  OdanApplication *self = user_data;

  gtk_window_present (GTK_WINDOW (odan_window_new (self)));
}

static void
odan_application_actions_about (GSimpleAction *action,
                                GVariant      *parameter,
                                gpointer       user_data)
{
  OdanApplication *self = user_data;
  GtkWindow *parent = gtk_application_get_active_window (GTK_APPLICATION (self));
  GtkWindow *about;

  about = g_object_new (ADW_TYPE_ABOUT_WINDOW,
                        "transient-for", parent,
                        "modal", TRUE,
                        "application-name", _("Odan"),
                        "application-icon", ODAN_APPLICATION_ID,
                        "version", PACKAGE_VERSION,
                        "developer-name", _("The Odan developers"),
                        "copyright", _("© 2026 The Odan developers"),
                        "comments", _("Tabletop exercises on cascading failures across critical infrastructure sectors: "
                                      "facilitators run the cascade model and the inject list, sector teams log their decisions, "
                                      "evaluators review them."),
                        "license-type", GTK_LICENSE_GPL_3_0,
                        /* Translators: your name, one per line, as you want it credited */
                        "translator-credits", _("translator-credits"),
                        NULL);
  gtk_window_present (about);
}

static const GActionEntry app_entries[] = {
  { .name = "quit", .activate = odan_application_actions_quit },
  { .name = "new-window", .activate = odan_application_actions_new_window },
  { .name = "about", .activate = odan_application_actions_about },
};

static const struct {
  const char *action;
  const char *accels[3];
} app_accels[] = {
  { "app.quit", { "<Control>q", NULL } },
  { "app.new-window", { "<Control>n", NULL } },
};

void
_odan_application_actions_init (OdanApplication *self)
{
  g_autoptr(GAction) color_scheme = NULL;

  g_action_map_add_action_entries (G_ACTION_MAP (self),
                                   app_entries,
                                   G_N_ELEMENTS (app_entries),
                                   self);

  /* A stateful action on the setting: the menu's radio items write it,
   * and odan-application.c applies it to the style manager. */
  color_scheme = g_settings_create_action (self->settings, "color-scheme");
  g_action_map_add_action (G_ACTION_MAP (self), color_scheme);

  for (guint i = 0; i < G_N_ELEMENTS (app_accels); i++)
    gtk_application_set_accels_for_action (GTK_APPLICATION (self),
                                           app_accels[i].action,
                                           app_accels[i].accels);
}

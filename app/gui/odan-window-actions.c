/* odan-window-actions.c — win.* actions and their shortcuts
 *
 *   win.open              choose a pack folder             Ctrl+O
 *   win.open-builtin      the built-in scenario
 *   win.reload            read the pack again from disk    Ctrl+R, F5
 *   win.copy-diagnostics  the problems, as odan-cli prints them   Shift+Ctrl+C
 */
#define G_LOG_DOMAIN "odan-gui"

#include <glib/gi18n.h>

#include "odan-pack-chooser.h"
#include "odan-window-private.h"

static void
odan_window_actions_open_cb (GObject      *source,
                             GAsyncResult *result,
                             gpointer      user_data)
{
  OdanWindow *self = ODAN_WINDOW (source);
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) folder = NULL;
  g_autofree char *path = NULL;

  folder = odan_pack_chooser_open_finish (result, &error);
  if (folder == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (error->message));
      return;
    }

  path = g_file_get_path (folder);
  if (path != NULL)
    g_settings_set_string (self->settings, "last-pack", path);

  odan_window_load (self, folder);
}

static void
odan_window_actions_open (GtkWidget  *widget,
                          const char *action_name,
                          GVariant   *parameter)
{
  OdanWindow *self = ODAN_WINDOW (widget);
  g_autofree char *last_pack = g_settings_get_string (self->settings, "last-pack");
  g_autoptr(GFile) initial = NULL;

  /* Start next to the pack opened last, where its siblings likely are. */
  if (last_pack[0] != '\0')
    {
      g_autoptr(GFile) last = g_file_new_for_path (last_pack);

      initial = g_file_get_parent (last);
    }
  else if (self->folder != NULL)
    initial = g_file_get_parent (self->folder);

  if (initial != NULL && g_file_query_file_type (initial, G_FILE_QUERY_INFO_NONE, NULL) != G_FILE_TYPE_DIRECTORY)
    g_clear_object (&initial);

  odan_pack_chooser_open_async (GTK_WINDOW (self), initial, odan_window_actions_open_cb, NULL);
}

static void
odan_window_actions_open_builtin (GtkWidget  *widget,
                                  const char *action_name,
                                  GVariant   *parameter)
{
  odan_window_load_builtin (ODAN_WINDOW (widget));
}

static void
odan_window_actions_reload (GtkWidget  *widget,
                            const char *action_name,
                            GVariant   *parameter)
{
  OdanWindow *self = ODAN_WINDOW (widget);
  g_autoptr(GFile) folder = NULL;

  if (self->folder == NULL)
    return;

  folder = g_object_ref (self->folder);
  odan_window_load (self, folder);
}

static void
odan_window_actions_copy_diagnostics (GtkWidget  *widget,
                                      const char *action_name,
                                      GVariant   *parameter)
{
  OdanWindow *self = ODAN_WINDOW (widget);
  g_autoptr(GString) text = g_string_new (NULL);
  g_autofree char *message = NULL;

  if (self->diagnostics == NULL || self->diagnostics->len == 0)
    return;

  for (guint i = 0; i < self->diagnostics->len; i++)
    {
      g_autofree char *line = odan_diagnostic_format (g_ptr_array_index (self->diagnostics, i));

      g_string_append (text, line);
      g_string_append_c (text, '\n');
    }

  gdk_clipboard_set_text (gtk_widget_get_clipboard (widget), text->str);

  message = g_strdup_printf (ngettext ("%u problem copied", "%u problems copied", self->diagnostics->len),
                             self->diagnostics->len);
  adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (message));
}

void
_odan_window_actions_update (OdanWindow *self)
{
  gboolean loading = self->load_cancellable != NULL;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.reload",
                                 self->folder != NULL && !loading);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.copy-diagnostics",
                                 !loading && self->diagnostics != NULL && self->diagnostics->len > 0);
}

void
_odan_window_class_actions_init (OdanWindowClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  gtk_widget_class_install_action (widget_class, "win.open", NULL, odan_window_actions_open);
  gtk_widget_class_install_action (widget_class, "win.open-builtin", NULL, odan_window_actions_open_builtin);
  gtk_widget_class_install_action (widget_class, "win.reload", NULL, odan_window_actions_reload);
  gtk_widget_class_install_action (widget_class, "win.copy-diagnostics", NULL, odan_window_actions_copy_diagnostics);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_o, GDK_CONTROL_MASK, "win.open", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_r, GDK_CONTROL_MASK, "win.reload", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F5, 0, "win.reload", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_c, GDK_CONTROL_MASK | GDK_SHIFT_MASK,
                                       "win.copy-diagnostics", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_w, GDK_CONTROL_MASK, "window.close", NULL);
}

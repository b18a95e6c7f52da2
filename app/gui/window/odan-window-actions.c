/* odan-window-actions.c — win.* actions and their shortcuts
 *
 *   win.open              choose a pack folder             Ctrl+O
 *   win.open-builtin      the built-in scenario
 *   win.open-scenario     one of the scenarios shipped with Odan (its folder)
 *   win.reload            read the pack again from disk    Ctrl+R, F5
 *   win.copy-diagnostics  the problems, as odan-cli prints them   Shift+Ctrl+C
 *   win.new-exercise      a new exercise file from the pack shown, or the built-in scenario
 *   win.open-exercise     an exercise file (.odan)
 *   win.close-exercise    back to the pack or the start page
 *   win.edit-scenario     the scenario editor on the pack shown, or on a folder chosen   Ctrl+E
 *   win.import-msel       a spreadsheet MSEL into the pack shown
 *
 * On the exercise page the window also forwards the console's keys to
 * OdanExerciseView's exercise.* actions: Space (start/pause/resume — not
 * while typing in a text field), Ctrl+Right (step to the next inject),
 * Ctrl+J (jump forward), Ctrl+F (search the MSEL), Ctrl+L (log a decision
 * for the team chosen on the Teams page), Shift+Ctrl+T (that team's window).
 */
#define G_LOG_DOMAIN "odan-gui"

#include <glib/gi18n.h>

#include "odan-file-chooser.h"
#include "odan-msel-import-dialog.h"
#include "odan-scenario-editor.h"
#include "odan-window-private.h"

/* The file a chooser answered with, or NULL: a cancelled dialog says
 * nothing, any other failure shows as a toast. */
static GFile *
chosen_file (OdanWindow   *self,
             GAsyncResult *result)
{
  g_autoptr(GError) error = NULL;
  GFile *file = odan_file_chooser_finish (result, &error);

  if (file == NULL && !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (error->message));
  return file;
}

static void
odan_window_actions_open_cb (GObject      *source,
                             GAsyncResult *result,
                             gpointer      user_data)
{
  OdanWindow *self = ODAN_WINDOW (source);
  g_autoptr(GFile) folder = chosen_file (self, result);
  g_autofree char *path = NULL;

  if (folder == NULL)
    return;

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

  odan_file_chooser_pack_async (GTK_WINDOW (self), initial, odan_window_actions_open_cb, NULL);
}

static void
odan_window_actions_open_scenario (GtkWidget  *widget,
                                   const char *action_name,
                                   GVariant   *parameter)
{
  g_autoptr(GFile) folder = g_file_new_for_path (g_variant_get_string (parameter, NULL));

  odan_window_load (ODAN_WINDOW (widget), folder);
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

/* The file was chosen in a save dialog that asked before replacing it:
 * whatever it held goes, with SQLite's side files, so the new exercise
 * does not open the old one. */
static gboolean
remove_replaced_file (GFile   *file,
                      GError **error)
{
  static const char *const suffixes[] = { "-wal", "-shm", "-journal" };
  g_autofree char *path = g_file_get_path (file);
  g_autoptr(GError) local_error = NULL;

  if (!g_file_delete (file, NULL, &local_error)
      && !g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND))
    {
      g_propagate_prefixed_error (error, g_steal_pointer (&local_error),
                                  _("Cannot replace %s: "), path);
      return FALSE;
    }

  for (guint i = 0; path != NULL && i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *side = g_strconcat (path, suffixes[i], NULL);
      g_autoptr(GFile) side_file = g_file_new_for_path (side);

      g_file_delete (side_file, NULL, NULL);
    }

  return TRUE;
}

static void
odan_window_actions_new_exercise_cb (GObject      *source,
                                     GAsyncResult *result,
                                     gpointer      user_data)
{
  OdanWindow *self = ODAN_WINDOW (source);
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) file = chosen_file (self, result);

  if (file == NULL)
    return;

  if (!_odan_window_create_exercise (self, file, &error))
    adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (error->message));
}

gboolean
_odan_window_create_exercise (OdanWindow  *self,
                              GFile       *file,
                              GError     **error)
{
  /* The pack may have gone while the dialog was open. */
  if (self->pack == NULL || self->folder == NULL)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                           _("No scenario pack is open to start the exercise from"));
      return FALSE;
    }

  if (self->exercise_file != NULL && g_file_equal (self->exercise_file, file))
    odan_window_close_exercise (self);

  return remove_replaced_file (file, error)
         && odan_window_open_exercise (self, file, self->folder, error);
}

void
_odan_window_ask_new_exercise (OdanWindow *self)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *stamp = g_date_time_format (now, "%Y%m%d-%H%M");
  g_autofree char *name = NULL;

  g_return_if_fail (self->pack != NULL);

  name = g_strdup_printf ("%s-%s.odan", self->pack->id != NULL ? self->pack->id : "exercise", stamp);
  odan_file_chooser_exercise_save_async (GTK_WINDOW (self), name, odan_window_actions_new_exercise_cb, NULL);
}

static void
odan_window_actions_new_exercise (GtkWidget  *widget,
                                  const char *action_name,
                                  GVariant   *parameter)
{
  OdanWindow *self = ODAN_WINDOW (widget);

  if (self->pack != NULL && self->folder != NULL)
    {
      _odan_window_ask_new_exercise (self);
      return;
    }

  /* From the start page: the built-in scenario, checked first. */
  odan_window_load_builtin (self);
  self->new_exercise_after_load = odan_window_get_loading (self);
}

static void
odan_window_actions_open_exercise_cb (GObject      *source,
                                      GAsyncResult *result,
                                      gpointer      user_data)
{
  OdanWindow *self = ODAN_WINDOW (source);
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) file = chosen_file (self, result);

  if (file == NULL)
    return;

  if (!odan_window_open_exercise (self, file, NULL, &error))
    adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (error->message));
}

static void
odan_window_actions_open_exercise (GtkWidget  *widget,
                                   const char *action_name,
                                   GVariant   *parameter)
{
  odan_file_chooser_exercise_open_async (GTK_WINDOW (widget), odan_window_actions_open_exercise_cb, NULL);
}

static void
odan_window_actions_close_exercise (GtkWidget  *widget,
                                    const char *action_name,
                                    GVariant   *parameter)
{
  odan_window_close_exercise (ODAN_WINDOW (widget));
}

static gboolean
odan_window_on_exercise_page (OdanWindow *self)
{
  return odan_window_get_exercise (self) != NULL
         && g_strcmp0 (gtk_stack_get_visible_child_name (self->stack), "exercise") == 0;
}

/* The editor wrote the pack folder: show what it holds now, unless the
 * window has moved on to another pack or an exercise. */
static void
on_editor_saved (OdanWindow         *self,
                 OdanScenarioEditor *editor)
{
  OdanScenarioDocument *document = odan_scenario_editor_get_document (editor);
  g_autoptr(GFile) folder = g_file_new_for_path (odan_scenario_document_get_path (document));
  g_autoptr(GFile) shown = NULL;

  if (self->folder == NULL || !g_file_equal (self->folder, folder) || odan_window_on_exercise_page (self))
    return;
  shown = g_object_ref (self->folder);
  odan_window_load (self, shown);
}

static void
odan_window_edit_folder (OdanWindow *self,
                         GFile      *folder)
{
  g_autofree char *path = g_file_get_path (folder);
  g_autoptr(GError) error = NULL;
  OdanScenarioEditor *editor;

  if (path == NULL)
    {
      adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (_("Only local folders can be edited")));
      return;
    }
  editor = odan_scenario_editor_new (gtk_window_get_application (GTK_WINDOW (self)), path, &error);
  if (editor == NULL)
    {
      adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (error->message));
      return;
    }
  g_signal_connect_object (editor, "saved", G_CALLBACK (on_editor_saved), self, G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (editor));
}

static void
odan_window_actions_edit_scenario_cb (GObject      *source,
                                      GAsyncResult *result,
                                      gpointer      user_data)
{
  OdanWindow *self = ODAN_WINDOW (source);
  g_autoptr(GFile) folder = chosen_file (self, result);

  if (folder != NULL)
    odan_window_edit_folder (self, folder);
}

static void
odan_window_actions_edit_scenario (GtkWidget  *widget,
                                   const char *action_name,
                                   GVariant   *parameter)
{
  OdanWindow *self = ODAN_WINDOW (widget);

  if (self->folder != NULL && !odan_window_on_exercise_page (self))
    odan_window_edit_folder (self, self->folder);
  else
    odan_file_chooser_pack_async (GTK_WINDOW (self), NULL, odan_window_actions_edit_scenario_cb, NULL);
}

static void
on_msel_imported (OdanWindow *self,
                  guint       n_injects)
{
  g_autofree char *message = g_strdup_printf (ngettext ("MSEL imported: the pack has %u inject",
                                                        "MSEL imported: the pack has %u injects", n_injects),
                                              n_injects);

  adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (message));
  if (self->folder != NULL)
    {
      g_autoptr(GFile) folder = g_object_ref (self->folder);

      odan_window_load (self, folder);
    }
}

static void
odan_window_actions_import_msel (GtkWidget  *widget,
                                 const char *action_name,
                                 GVariant   *parameter)
{
  OdanWindow *self = ODAN_WINDOW (widget);
  g_autofree char *path = self->folder != NULL ? g_file_get_path (self->folder) : NULL;
  OdanMselImportDialog *dialog;

  if (path == NULL)
    return;
  dialog = odan_msel_import_dialog_new (GTK_WINDOW (self), path);
  g_signal_connect_object (dialog, "imported", G_CALLBACK (on_msel_imported), self, G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* The console's keys, forwarded to the exercise view's actions. */
static void
odan_window_actions_exercise_key (GtkWidget  *widget,
                                  const char *action_name,
                                  GVariant   *parameter)
{
  OdanWindow *self = ODAN_WINDOW (widget);

  if (odan_window_on_exercise_page (self))
    gtk_widget_activate_action (GTK_WIDGET (self->exercise_view), g_variant_get_string (parameter, NULL), NULL);
}

/* Space runs in the capture phase: a focused button or list row would
 * otherwise take it. Text fields keep it, for typing. */
static gboolean
odan_window_on_space (GtkWidget *widget,
                      GVariant  *args,
                      gpointer   user_data)
{
  OdanWindow *self = ODAN_WINDOW (widget);
  GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (self));

  if (!odan_window_on_exercise_page (self) || (focus != NULL && GTK_IS_EDITABLE (focus)))
    return FALSE;

  return gtk_widget_activate_action (GTK_WIDGET (self->exercise_view), "exercise.toggle-clock", NULL);
}

void
_odan_window_actions_init (OdanWindow *self)
{
  GtkEventController *controller = gtk_shortcut_controller_new ();

  gtk_event_controller_set_propagation_phase (controller, GTK_PHASE_CAPTURE);
  gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (controller),
                                        gtk_shortcut_new (gtk_keyval_trigger_new (GDK_KEY_space, 0),
                                                          gtk_callback_action_new (odan_window_on_space, NULL, NULL)));
  gtk_widget_add_controller (GTK_WIDGET (self), controller);
}

void
_odan_window_actions_update (OdanWindow *self)
{
  gboolean loading = self->load_cancellable != NULL;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.reload",
                                 self->folder != NULL && !loading);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.copy-diagnostics",
                                 !loading && self->diagnostics != NULL && self->diagnostics->len > 0);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.new-exercise",
                                 !loading && (self->pack != NULL || self->folder == NULL));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.close-exercise", self->exercise_file != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.import-msel", !loading && self->pack != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.edit-scenario", !loading);
}

void
_odan_window_class_actions_init (OdanWindowClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  gtk_widget_class_install_action (widget_class, "win.open", NULL, odan_window_actions_open);
  gtk_widget_class_install_action (widget_class, "win.open-builtin", NULL, odan_window_actions_open_builtin);
  gtk_widget_class_install_action (widget_class, "win.open-scenario", "s", odan_window_actions_open_scenario);
  gtk_widget_class_install_action (widget_class, "win.reload", NULL, odan_window_actions_reload);
  gtk_widget_class_install_action (widget_class, "win.copy-diagnostics", NULL, odan_window_actions_copy_diagnostics);

  gtk_widget_class_install_action (widget_class, "win.new-exercise", NULL, odan_window_actions_new_exercise);
  gtk_widget_class_install_action (widget_class, "win.open-exercise", NULL, odan_window_actions_open_exercise);
  gtk_widget_class_install_action (widget_class, "win.close-exercise", NULL, odan_window_actions_close_exercise);
  gtk_widget_class_install_action (widget_class, "win.exercise-key", "s", odan_window_actions_exercise_key);
  gtk_widget_class_install_action (widget_class, "win.edit-scenario", NULL, odan_window_actions_edit_scenario);
  gtk_widget_class_install_action (widget_class, "win.import-msel", NULL, odan_window_actions_import_msel);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_e, GDK_CONTROL_MASK, "win.edit-scenario", NULL);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Right, GDK_CONTROL_MASK,
                                       "win.exercise-key", "s", "exercise.step");
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_j, GDK_CONTROL_MASK,
                                       "win.exercise-key", "s", "exercise.show-jump");
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_f, GDK_CONTROL_MASK,
                                       "win.exercise-key", "s", "exercise.search");
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_i, GDK_CONTROL_MASK,
                                       "win.exercise-key", "s", "exercise.new-inject");
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_l, GDK_CONTROL_MASK,
                                       "win.exercise-key", "s", "exercise.log-decision");
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_T, GDK_CONTROL_MASK | GDK_SHIFT_MASK,
                                       "win.exercise-key", "s", "exercise.open-team-window");
  /* the selected inject's own buttons, from the keyboard wherever the focus is */
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Return, GDK_CONTROL_MASK,
                                       "win.exercise-key", "s", "exercise.deliver");
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Delete, GDK_CONTROL_MASK,
                                       "win.exercise-key", "s", "exercise.skip");
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Right, GDK_CONTROL_MASK | GDK_SHIFT_MASK,
                                       "win.exercise-key", "s", "exercise.delay");
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_o, GDK_CONTROL_MASK, "win.open", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_r, GDK_CONTROL_MASK, "win.reload", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F5, 0, "win.reload", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_c, GDK_CONTROL_MASK | GDK_SHIFT_MASK,
                                       "win.copy-diagnostics", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_w, GDK_CONTROL_MASK, "window.close", NULL);
}

/* odan-window.c — a window showing one scenario pack or one running exercise
 *
 * The window's stack has five pages: "empty" (the start page: new
 * exercise, open an exercise file, open a pack, and the recent exercise
 * files that are still there), "loading", "pack"
 * (OdanPackView), "error" (what kept the pack from loading, one row per
 * diagnostic) and "exercise" (OdanExerciseView, which brings its own
 * header bar with the clock, so the window's is hidden there). A pack is
 * shown whole or not at all: a failed load clears whatever was shown before.
 */
#define G_LOG_DOMAIN "odan-gui"

#include <glib/gi18n.h>

#include "odan-diagnostic-row.h"
#include "odan-format.h"
#include "odan-pack-task.h"
#include "odan-window-private.h"

G_DEFINE_FINAL_TYPE (OdanWindow, odan_window, ADW_TYPE_APPLICATION_WINDOW)

enum {
  PROP_0,
  PROP_FOLDER,
  PROP_LOADING,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

OdanWindow *
odan_window_new (OdanApplication *application)
{
  g_return_val_if_fail (ODAN_IS_APPLICATION (application), NULL);

  return g_object_new (ODAN_TYPE_WINDOW,
                       "application", application,
                       NULL);
}

gboolean
odan_window_get_loading (OdanWindow *self)
{
  g_return_val_if_fail (ODAN_IS_WINDOW (self), FALSE);

  return self->load_cancellable != NULL;
}

GFile *
odan_window_get_folder (OdanWindow *self)
{
  g_return_val_if_fail (ODAN_IS_WINDOW (self), NULL);

  return self->folder;
}

const OdanPack *
odan_window_get_pack (OdanWindow *self)
{
  g_return_val_if_fail (ODAN_IS_WINDOW (self), NULL);

  return self->pack;
}

static void
odan_window_set_titles (OdanWindow *self,
                        const char *title,
                        const char *subtitle)
{
  adw_window_title_set_title (self->window_title, title);
  adw_window_title_set_subtitle (self->window_title, subtitle);
  gtk_window_set_title (GTK_WINDOW (self), title);
}

#define RECENT_EXERCISES_MAX 10

/* Puts @path first in the recent-exercises key, once, keeping at most
 * RECENT_EXERCISES_MAX paths. */
static void
odan_window_remember_exercise (OdanWindow *self,
                               const char *path)
{
  g_auto(GStrv) old = g_settings_get_strv (self->settings, "recent-exercises");
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) recent = NULL;
  guint n = 1;

  g_strv_builder_add (builder, path);
  for (guint i = 0; old[i] != NULL && n < RECENT_EXERCISES_MAX; i++)
    if (!g_str_equal (old[i], path))
      {
        g_strv_builder_add (builder, old[i]);
        n++;
      }

  recent = g_strv_builder_end (builder);
  g_settings_set_strv (self->settings, "recent-exercises", (const char * const *) recent);
}

void
_odan_window_set_titles (OdanWindow *self,
                         const char *title,
                         const char *subtitle)
{
  odan_window_set_titles (self, title, subtitle);
}

void
_odan_window_remember_location (OdanWindow *self,
                                const char *location)
{
  odan_window_remember_exercise (self, location);
}

static void
odan_window_on_recent_activated (OdanWindow   *self,
                                 AdwActionRow *row)
{
  const char *path = g_object_get_data (G_OBJECT (row), "odan-path");
  g_autoptr(GFile) file = NULL;
  g_autoptr(GError) error = NULL;

  /* a server asks for its password again: none is ever remembered */
  if (odan_store_location_is_database (path))
    {
      odan_window_open_server_dialog (self, path, FALSE);
      return;
    }
  file = g_file_new_for_path (path);
  if (!odan_window_open_exercise (self, file, NULL, &error))
    adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (error->message));
}

/* The start page lists the recent exercise files still there; the group
 * hides when none is. */
static void
odan_window_update_recent (OdanWindow *self)
{
  g_auto(GStrv) recent = NULL;

  /* Nothing left to show once the window is being taken down. */
  if (self->recent_group == NULL || self->settings == NULL)
    return;

  recent = g_settings_get_strv (self->settings, "recent-exercises");
  for (guint i = 0; i < self->recent_rows->len; i++)
    adw_preferences_group_remove (self->recent_group, g_ptr_array_index (self->recent_rows, i));
  g_ptr_array_set_size (self->recent_rows, 0);

  for (guint i = 0; recent[i] != NULL; i++)
    {
      g_autofree char *name = NULL;
      g_autofree char *folder = NULL;
      g_autofree char *folder_name = NULL;
      GtkWidget *row;

      if (odan_store_location_is_database (recent[i]))
        {
          name = g_strdup (recent[i]);
          folder_name = g_strdup (_("On a PostgreSQL server"));
        }
      else if (!g_path_is_absolute (recent[i]) || !g_file_test (recent[i], G_FILE_TEST_IS_REGULAR))
        continue;
      else
        {
          name = g_filename_display_basename (recent[i]);
          folder = g_path_get_dirname (recent[i]);
          folder_name = g_filename_display_name (folder);
        }

      row = adw_action_row_new ();
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), name);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), folder_name);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), gtk_image_new_from_icon_name ("go-next-symbolic"));
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
      g_object_set_data_full (G_OBJECT (row), "odan-path", g_strdup (recent[i]), g_free);
      g_signal_connect_object (row, "activated", G_CALLBACK (odan_window_on_recent_activated),
                               self, G_CONNECT_SWAPPED);

      adw_preferences_group_add (self->recent_group, row);
      g_ptr_array_add (self->recent_rows, row);
    }

  gtk_widget_set_visible (GTK_WIDGET (self->recent_group), self->recent_rows->len > 0);
}

static void
odan_window_on_page_changed (OdanWindow *self)
{
  const char *page = gtk_stack_get_visible_child_name (self->stack);

  gtk_widget_set_visible (GTK_WIDGET (self->header_bar), g_strcmp0 (page, "exercise") != 0);

  /* A file may have gone since the list was last shown. */
  if (g_strcmp0 (page, "empty") == 0)
    odan_window_update_recent (self);
}

OdanExercise *
odan_window_get_exercise (OdanWindow *self)
{
  g_return_val_if_fail (ODAN_IS_WINDOW (self), NULL);

  return odan_exercise_view_get_exercise (self->exercise_view);
}

void
odan_window_toast (OdanWindow *self,
                   const char *message)
{
  g_return_if_fail (ODAN_IS_WINDOW (self));
  g_return_if_fail (message != NULL);

  adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (message));
}

gboolean
odan_window_open_exercise (OdanWindow  *self,
                           GFile       *file,
                           GFile       *pack_folder,
                           GError     **error)
{
  g_autoptr(OdanExercise) exercise = NULL;
  g_autofree char *path = NULL;
  g_autofree char *pack_path = NULL;
  g_autofree char *file_name = NULL;
  const OdanPack *pack;

  g_return_val_if_fail (ODAN_IS_WINDOW (self), FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);
  g_return_val_if_fail (pack_folder == NULL || G_IS_FILE (pack_folder), FALSE);

  path = g_file_get_path (file);
  if (path == NULL)
    {
      g_autofree char *name = g_file_get_parse_name (file);

      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                   _("%s is not a local file: exercise files must be on this computer"), name);
      return FALSE;
    }
  if (pack_folder != NULL)
    pack_path = g_file_get_path (pack_folder);

  exercise = odan_exercise_open (path, pack_path,
                                 pack_path != NULL ? ODAN_EXERCISE_OPEN_CREATE : ODAN_EXERCISE_OPEN_DEFAULT,
                                 error);
  if (exercise == NULL)
    {
      g_prefix_error (error, _("Cannot open the exercise %s: "), path);
      return FALSE;
    }

  g_set_object (&self->exercise_file, file);
  odan_exercise_view_set_exercise (self->exercise_view, exercise);
  odan_exercise_view_set_role (self->exercise_view, ODAN_ROLE_FACILITATOR);
  odan_window_remember_exercise (self, path);

  pack = odan_exercise_get_pack (exercise);
  file_name = g_file_get_basename (file);
  odan_window_set_titles (self, odan_pack_localized (pack->title, pack->title_ja), file_name);
  gtk_stack_set_visible_child_name (self->stack, "exercise");
  _odan_window_actions_update (self);

  return TRUE;
}

void
odan_window_close_exercise (OdanWindow *self)
{
  g_return_if_fail (ODAN_IS_WINDOW (self));

  odan_exercise_view_set_exercise (self->exercise_view, NULL);
  g_clear_object (&self->exercise_file);

  if (self->pack != NULL)
    {
      g_autofree char *start = NULL;
      g_autofree char *subtitle = NULL;

      if (self->pack->start != NULL)
        {
          start = odan_format_date_time (self->pack->start);
          subtitle = g_strdup_printf (_("T0 %s"), start);
        }
      odan_window_set_titles (self, odan_pack_localized (self->pack->title, self->pack->title_ja), subtitle);
      gtk_stack_set_visible_child_name (self->stack, "pack");
    }
  else
    {
      odan_window_set_titles (self, _("Odan"), NULL);
      gtk_stack_set_visible_child_name (self->stack, "empty");
    }

  _odan_window_actions_update (self);
}

static void
odan_window_clear_pack (OdanWindow *self)
{
  /* The view first: it must not outlive what it shows. */
  odan_pack_view_set_pack (self->pack_view, NULL, NULL);
  g_clear_pointer (&self->pack, odan_pack_free);
  g_clear_pointer (&self->diagnostics, g_ptr_array_unref);

  for (GtkWidget *row = gtk_widget_get_first_child (GTK_WIDGET (self->diagnostics_list));
       row != NULL;
       row = gtk_widget_get_first_child (GTK_WIDGET (self->diagnostics_list)))
    gtk_list_box_remove (self->diagnostics_list, row);
}

static void
odan_window_show_pack (OdanWindow *self,
                       OdanPack   *pack,
                       GPtrArray  *diagnostics)
{
  g_autofree char *start = NULL;
  g_autofree char *subtitle = NULL;

  odan_window_clear_pack (self);
  self->pack = pack;
  self->diagnostics = diagnostics;

  odan_pack_view_set_pack (self->pack_view, self->pack, self->diagnostics);

  if (pack->start != NULL)
    {
      start = odan_format_date_time (pack->start);
      /* Translators: the header bar's subtitle; T0 is when the exercise starts */
      subtitle = g_strdup_printf (_("T0 %s"), start);
    }
  odan_window_set_titles (self, odan_pack_localized (pack->title, pack->title_ja), subtitle);

  gtk_stack_set_visible_child_name (self->stack, "pack");
}

static void
add_list_box_row (gpointer row,
                  gpointer list_box)
{
  gtk_list_box_append (GTK_LIST_BOX (list_box), GTK_WIDGET (row));
}

static void
odan_window_show_error (OdanWindow   *self,
                        const GError *error,
                        GPtrArray    *diagnostics)
{
  g_autofree char *folder_name = NULL;
  g_autofree char *description = NULL;
  g_autofree char *description_markup = NULL;
  guint n_errors = 0;

  odan_window_clear_pack (self);
  self->diagnostics = diagnostics;

  if (self->folder != NULL)
    folder_name = g_file_get_parse_name (self->folder);

  if (diagnostics != NULL)
    for (guint i = 0; i < diagnostics->len; i++)
      if (((OdanDiagnostic *) g_ptr_array_index (diagnostics, i))->severity == ODAN_DIAGNOSTIC_ERROR)
        n_errors++;

  if (g_error_matches (error, ODAN_PACK_ERROR, ODAN_PACK_ERROR_INVALID) && n_errors > 0)
    {
      adw_status_page_set_title (self->error_page, _("The Pack Has Errors"));
      description = g_strdup_printf (ngettext ("%u error in %s keeps the pack from loading. Fix it and reload.",
                                               "%u errors in %s keep the pack from loading. Fix them and reload.",
                                               n_errors),
                                     n_errors, folder_name);
    }
  else if (self->folder == NULL)
    {
      adw_status_page_set_title (self->error_page, _("Built-in Scenario Not Found"));
      description = g_strdup (error->message);
    }
  else
    {
      adw_status_page_set_title (self->error_page, _("The Pack Could Not Be Read"));
      description = g_strdup (error->message);
    }

  /* The status page's description is markup. */
  description_markup = g_markup_escape_text (description, -1);
  adw_status_page_set_description (self->error_page, description_markup);

  odan_diagnostic_rows_populate (diagnostics, add_list_box_row, self->diagnostics_list);
  gtk_widget_set_visible (GTK_WIDGET (self->diagnostics_list),
                          diagnostics != NULL && diagnostics->len > 0);

  odan_window_set_titles (self, _("Odan"), folder_name);
  gtk_stack_set_visible_child_name (self->stack, "error");
}

static void
odan_window_set_loading (OdanWindow   *self,
                         GCancellable *cancellable)
{
  if (self->load_cancellable != NULL)
    g_cancellable_cancel (self->load_cancellable);
  g_set_object (&self->load_cancellable, cancellable);

  gtk_spinner_set_spinning (self->spinner, cancellable != NULL);
  _odan_window_actions_update (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOADING]);
}

/* The load holds the window weakly: closing a window frees it at once, and
 * the result of a load nobody waits for any more is dropped. */
static void
odan_window_load_cb (GObject      *source,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  GWeakRef *window_ref = user_data;
  g_autoptr(OdanWindow) self = g_weak_ref_get (window_ref);
  g_autoptr(GPtrArray) diagnostics = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(OdanPack) pack = NULL;

  g_weak_ref_clear (window_ref);
  g_free (window_ref);

  pack = odan_pack_task_load_finish (result, &diagnostics, &error);

  /* Closed, or superseded by a newer load. */
  if (self == NULL || g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  if (pack != NULL)
    odan_window_show_pack (self, g_steal_pointer (&pack), g_steal_pointer (&diagnostics));
  else
    odan_window_show_error (self, error, g_steal_pointer (&diagnostics));

  odan_window_set_loading (self, NULL);

  /* "New exercise" from the start page loads the pack first, so its
   * problems are listed like any pack's; only a good one goes on. */
  if (self->new_exercise_after_load)
    {
      self->new_exercise_after_load = FALSE;
      if (self->pack != NULL)
        _odan_window_ask_new_exercise (self);
    }
}

void
odan_window_load (OdanWindow *self,
                  GFile      *folder)
{
  g_autoptr(GCancellable) cancellable = NULL;
  g_autofree char *folder_name = NULL;
  GWeakRef *window_ref;

  g_return_if_fail (ODAN_IS_WINDOW (self));
  g_return_if_fail (G_IS_FILE (folder));

  if (g_set_object (&self->folder, folder))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FOLDER]);

  /* A new exercise waits only for the load that win.new-exercise asked
   * for (it sets the flag again after calling this). */
  self->new_exercise_after_load = FALSE;

  /* Whatever was shown goes now: a pack is never shown next to the
   * spinner of another, nor is any left behind if this load fails. */
  odan_window_close_exercise (self);
  odan_window_clear_pack (self);

  cancellable = g_cancellable_new ();
  odan_window_set_loading (self, cancellable);

  folder_name = g_file_get_parse_name (folder);
  odan_window_set_titles (self, _("Odan"), folder_name);
  gtk_stack_set_visible_child_name (self->stack, "loading");

  window_ref = g_new0 (GWeakRef, 1);
  g_weak_ref_init (window_ref, self);
  odan_pack_task_load_async (folder, cancellable, odan_window_load_cb, window_ref);
}

void
odan_window_load_builtin (OdanWindow *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) folder = NULL;

  g_return_if_fail (ODAN_IS_WINDOW (self));

  folder = odan_application_find_builtin_scenario (&error);
  if (folder != NULL)
    {
      odan_window_load (self, folder);
      return;
    }

  self->new_exercise_after_load = FALSE;
  if (g_set_object (&self->folder, NULL))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FOLDER]);
  odan_window_close_exercise (self);
  odan_window_show_error (self, error, NULL);
  odan_window_set_loading (self, NULL);
}

static gboolean
odan_window_on_drop (OdanWindow    *self,
                     const GValue  *value,
                     double         x,
                     double         y,
                     GtkDropTarget *target)
{
  GFile *file = g_value_get_object (value);
  g_autoptr(GFile) folder = NULL;

  if (file == NULL)
    return FALSE;

  /* A dropped file stands for the pack it belongs to. */
  if (g_file_query_file_type (file, G_FILE_QUERY_INFO_NONE, NULL) == G_FILE_TYPE_DIRECTORY)
    folder = g_object_ref (file);
  else
    folder = g_file_get_parent (file);

  if (folder == NULL)
    return FALSE;

  odan_window_load (self, folder);
  return TRUE;
}

static void
odan_window_save_size (OdanWindow *self)
{
  int width;
  int height;

  g_settings_delay (self->settings);
  g_settings_set_boolean (self->settings, "window-maximized", gtk_window_is_maximized (GTK_WINDOW (self)));
  if (!gtk_window_is_maximized (GTK_WINDOW (self)))
    {
      gtk_window_get_default_size (GTK_WINDOW (self), &width, &height);
      g_settings_set_int (self->settings, "window-width", width);
      g_settings_set_int (self->settings, "window-height", height);
    }
  g_settings_apply (self->settings);
}

static gboolean
odan_window_close_request (GtkWindow *window)
{
  odan_window_save_size (ODAN_WINDOW (window));

  return GTK_WINDOW_CLASS (odan_window_parent_class)->close_request (window);
}

static void
odan_window_dispose (GObject *object)
{
  OdanWindow *self = ODAN_WINDOW (object);

  if (self->load_cancellable != NULL)
    g_cancellable_cancel (self->load_cancellable);
  g_clear_object (&self->load_cancellable);

  gtk_widget_dispose_template (GTK_WIDGET (self), ODAN_TYPE_WINDOW);
  g_clear_object (&self->exercise_file);
  g_clear_pointer (&self->pack, odan_pack_free);
  g_clear_pointer (&self->diagnostics, g_ptr_array_unref);
  g_clear_object (&self->folder);
  g_clear_object (&self->settings);
  g_clear_pointer (&self->recent_rows, g_ptr_array_unref);

  G_OBJECT_CLASS (odan_window_parent_class)->dispose (object);
}

static void
odan_window_get_property (GObject    *object,
                          guint       prop_id,
                          GValue     *value,
                          GParamSpec *pspec)
{
  OdanWindow *self = ODAN_WINDOW (object);

  switch (prop_id)
    {
    case PROP_FOLDER:
      g_value_set_object (value, odan_window_get_folder (self));
      break;

    case PROP_LOADING:
      g_value_set_boolean (value, odan_window_get_loading (self));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
odan_window_class_init (OdanWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = odan_window_dispose;
  object_class->get_property = odan_window_get_property;

  window_class->close_request = odan_window_close_request;

  properties[PROP_FOLDER] =
    g_param_spec_object ("folder", NULL, NULL,
                         G_TYPE_FILE,
                         (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_LOADING] =
    g_param_spec_boolean ("loading", NULL, NULL,
                          FALSE,
                          (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (ODAN_TYPE_PACK_VIEW);
  g_type_ensure (ODAN_TYPE_EXERCISE_VIEW);

  gtk_widget_class_set_template_from_resource (widget_class, "/jp/odan/Odan/odan-window.ui");
  gtk_widget_class_bind_template_child (widget_class, OdanWindow, header_bar);
  gtk_widget_class_bind_template_child (widget_class, OdanWindow, window_title);
  gtk_widget_class_bind_template_child (widget_class, OdanWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, OdanWindow, stack);
  gtk_widget_class_bind_template_child (widget_class, OdanWindow, spinner);
  gtk_widget_class_bind_template_child (widget_class, OdanWindow, pack_view);
  gtk_widget_class_bind_template_child (widget_class, OdanWindow, error_page);
  gtk_widget_class_bind_template_child (widget_class, OdanWindow, diagnostics_list);
  gtk_widget_class_bind_template_child (widget_class, OdanWindow, exercise_view);
  gtk_widget_class_bind_template_child (widget_class, OdanWindow, recent_group);
  gtk_widget_class_bind_template_child (widget_class, OdanWindow, scenarios_menu);

  _odan_window_class_actions_init (klass);
  _odan_window_class_server_init (klass);
}

static int
compare_names (gconstpointer a, gconstpointer b)
{
  return g_strcmp0 (*(char * const *) a, *(char * const *) b);
}

/* Every scenario shipped beside the built-in one, by its localized title,
 * so a facilitator can start any of them without hunting for the folder. */
static void
odan_window_fill_scenarios_menu (OdanWindow *self)
{
  g_autoptr(GFile) builtin = odan_application_find_builtin_scenario (NULL);
  g_autoptr(GFile) parent = builtin ? g_file_get_parent (builtin) : NULL;
  g_autofree char *dir_path = parent ? g_file_get_path (parent) : NULL;
  g_autoptr(GDir) dir = dir_path ? g_dir_open (dir_path, 0, NULL) : NULL;
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  const char *name;

  if (dir == NULL)
    return;
  while ((name = g_dir_read_name (dir)) != NULL)
    g_ptr_array_add (names, g_strdup (name));
  g_ptr_array_sort (names, (GCompareFunc) compare_names);

  for (guint i = 0; i < names->len; i++)
    {
      g_autofree char *folder = g_build_filename (dir_path, g_ptr_array_index (names, i), NULL);
      g_autofree char *ini = g_build_filename (folder, "scenario.ini", NULL);
      g_autoptr(GKeyFile) key_file = g_key_file_new ();
      g_autofree char *title = NULL;
      g_autoptr(GMenuItem) item = NULL;

      if (!g_key_file_load_from_file (key_file, ini, G_KEY_FILE_NONE, NULL))
        continue;
      title = g_key_file_get_locale_string (key_file, "scenario", "title", NULL, NULL);
      item = g_menu_item_new (title ? title : g_ptr_array_index (names, i), NULL);
      g_menu_item_set_action_and_target (item, "win.open-scenario", "s", folder);
      g_menu_append_item (self->scenarios_menu, item);
    }
}

static void
odan_window_init (OdanWindow *self)
{
  GtkDropTarget *drop_target;

  gtk_widget_init_template (GTK_WIDGET (self));

  self->settings = g_settings_new (ODAN_APPLICATION_ID);
  self->recent_rows = g_ptr_array_new ();
  odan_window_fill_scenarios_menu (self);
  g_signal_connect_object (self->settings, "changed::recent-exercises",
                           G_CALLBACK (odan_window_update_recent), self, G_CONNECT_SWAPPED);
  gtk_window_set_default_size (GTK_WINDOW (self),
                               g_settings_get_int (self->settings, "window-width"),
                               g_settings_get_int (self->settings, "window-height"));
  if (g_settings_get_boolean (self->settings, "window-maximized"))
    gtk_window_maximize (GTK_WINDOW (self));

  drop_target = gtk_drop_target_new (G_TYPE_FILE, GDK_ACTION_COPY);
  g_signal_connect_object (drop_target, "drop", G_CALLBACK (odan_window_on_drop), self, G_CONNECT_SWAPPED);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (drop_target));

  g_signal_connect_object (self->stack, "notify::visible-child-name",
                           G_CALLBACK (odan_window_on_page_changed), self, G_CONNECT_SWAPPED);
  odan_window_on_page_changed (self);

  _odan_window_actions_init (self);
  _odan_window_actions_update (self);
}

/* odan-file-chooser.c — every file and folder chooser of the app */
#define G_LOG_DOMAIN "odan-gui"

#include <glib/gi18n.h>

#include "odan-file-chooser.h"

/* The ids of the choices odan_file_chooser_report_save_async() adds. */
static const char *const report_choices[] = { "format", "lang" };

static void
on_chooser_response (GtkNativeDialog *native,
                     int              response,
                     gpointer         user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GFile) file = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (native));

  /* The report chooser's choices, read before the dialog goes; asking
   * another chooser for them makes GTK warn "No choice with id …". */
  for (guint i = 0; g_object_get_data (G_OBJECT (native), "odan-report-choices") != NULL
                    && i < G_N_ELEMENTS (report_choices); i++)
    {
      const char *choice = gtk_file_chooser_get_choice (GTK_FILE_CHOOSER (native), report_choices[i]);

      if (choice != NULL)
        g_object_set_data_full (G_OBJECT (task), report_choices[i], g_strdup (choice), g_free);
    }

  if (file != NULL)
    g_task_return_pointer (task, g_steal_pointer (&file), g_object_unref);
  else if (gtk_file_chooser_get_action (GTK_FILE_CHOOSER (native)) == GTK_FILE_CHOOSER_ACTION_SELECT_FOLDER)
    g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_CANCELLED, "%s", _("No folder was chosen"));
  else
    g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_CANCELLED, "%s", _("No file was chosen"));

  gtk_native_dialog_destroy (native);
}

/* Shows @native (taking it) and finishes the task when it answers. */
static void
run_chooser (GtkWindow            *parent,
             GtkFileChooserNative *native,
             gboolean              exercise_files,
             GAsyncReadyCallback   callback,
             gpointer              user_data)
{
  g_autoptr(GTask) task = NULL;

  if (exercise_files)
    {
      g_autoptr(GtkFileFilter) exercises = gtk_file_filter_new ();
      g_autoptr(GtkFileFilter) all = gtk_file_filter_new ();

      gtk_file_filter_set_name (exercises, _("Exercise Files"));
      gtk_file_filter_add_pattern (exercises, "*.odan");
      gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (native), exercises);
      gtk_file_filter_set_name (all, _("All Files"));
      gtk_file_filter_add_pattern (all, "*");
      gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (native), all);
    }
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (native), TRUE);

  task = g_task_new (parent, NULL, callback, user_data);
  g_task_set_source_tag (task, odan_file_chooser_finish);
  /* The task keeps the dialog alive until it answers. */
  g_task_set_task_data (task, native, g_object_unref);

  g_signal_connect (native, "response", G_CALLBACK (on_chooser_response), g_object_ref (task));
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (native));
}

void
odan_file_chooser_pack_async (GtkWindow           *parent,
                              GFile               *initial_folder,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  GtkFileChooserNative *native;

  g_return_if_fail (parent == NULL || GTK_IS_WINDOW (parent));
  g_return_if_fail (initial_folder == NULL || G_IS_FILE (initial_folder));

  native = gtk_file_chooser_native_new (_("Open Scenario Pack"), parent,
                                        GTK_FILE_CHOOSER_ACTION_SELECT_FOLDER,
                                        _("_Open"), _("_Cancel"));
  if (initial_folder != NULL)
    gtk_file_chooser_set_current_folder (GTK_FILE_CHOOSER (native), initial_folder, NULL);
  run_chooser (parent, native, FALSE, callback, user_data);
}

void
odan_file_chooser_exercise_open_async (GtkWindow           *parent,
                                       GAsyncReadyCallback  callback,
                                       gpointer             user_data)
{
  g_return_if_fail (parent == NULL || GTK_IS_WINDOW (parent));

  run_chooser (parent,
               gtk_file_chooser_native_new (_("Open Exercise"), parent,
                                            GTK_FILE_CHOOSER_ACTION_OPEN,
                                            _("_Open"), _("_Cancel")),
               TRUE, callback, user_data);
}

void
odan_file_chooser_exercise_save_async (GtkWindow           *parent,
                                       const char          *suggested_name,
                                       GAsyncReadyCallback  callback,
                                       gpointer             user_data)
{
  GtkFileChooserNative *native;

  g_return_if_fail (parent == NULL || GTK_IS_WINDOW (parent));

  native = gtk_file_chooser_native_new (_("Save New Exercise"), parent,
                                        GTK_FILE_CHOOSER_ACTION_SAVE,
                                        _("_Create"), _("_Cancel"));
  if (suggested_name != NULL)
    gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (native), suggested_name);
  run_chooser (parent, native, TRUE, callback, user_data);
}

/* Spreadsheets: CSV and Excel workbooks (odan-xlsx.h) first, then each, then all */
static void
add_csv_filters (GtkFileChooserNative *native)
{
  g_autoptr(GtkFileFilter) sheets = gtk_file_filter_new ();
  g_autoptr(GtkFileFilter) csv = gtk_file_filter_new ();
  g_autoptr(GtkFileFilter) xlsx = gtk_file_filter_new ();
  g_autoptr(GtkFileFilter) all = gtk_file_filter_new ();
  const char *const patterns[] = { "*.csv", "*.CSV", "*.xlsx", "*.XLSX" };

  gtk_file_filter_set_name (sheets, _("Spreadsheets (CSV, Excel)"));
  for (guint i = 0; i < G_N_ELEMENTS (patterns); i++)
    gtk_file_filter_add_pattern (sheets, patterns[i]);
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (native), sheets);
  gtk_file_filter_set_name (xlsx, _("Excel Workbooks"));
  gtk_file_filter_add_pattern (xlsx, "*.xlsx");
  gtk_file_filter_add_pattern (xlsx, "*.XLSX");
  gtk_file_filter_add_mime_type (xlsx, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (native), xlsx);
  gtk_file_filter_set_name (csv, _("CSV Files"));
  gtk_file_filter_add_pattern (csv, "*.csv");
  gtk_file_filter_add_pattern (csv, "*.CSV");
  gtk_file_filter_add_mime_type (csv, "text/csv");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (native), csv);
  gtk_file_filter_set_name (all, _("All Files"));
  gtk_file_filter_add_pattern (all, "*");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (native), all);
}

void
odan_file_chooser_msel_open_async (GtkWindow           *parent,
                                   GAsyncReadyCallback  callback,
                                   gpointer             user_data)
{
  GtkFileChooserNative *native;

  g_return_if_fail (parent == NULL || GTK_IS_WINDOW (parent));

  native = gtk_file_chooser_native_new (_("Import MSEL Spreadsheet"), parent,
                                        GTK_FILE_CHOOSER_ACTION_OPEN,
                                        _("_Open"), _("_Cancel"));
  add_csv_filters (native);
  run_chooser (parent, native, FALSE, callback, user_data);
}

void
odan_file_chooser_csv_save_async (GtkWindow           *parent,
                                  const char          *title,
                                  const char          *suggested_name,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data)
{
  GtkFileChooserNative *native;

  g_return_if_fail (parent == NULL || GTK_IS_WINDOW (parent));

  native = gtk_file_chooser_native_new (title, parent, GTK_FILE_CHOOSER_ACTION_SAVE,
                                        _("_Export"), _("_Cancel"));
  if (suggested_name != NULL)
    gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (native), suggested_name);
  add_csv_filters (native);
  run_chooser (parent, native, FALSE, callback, user_data);
}

void
odan_file_chooser_export_folder_async (GtkWindow           *parent,
                                       GAsyncReadyCallback  callback,
                                       gpointer             user_data)
{
  g_return_if_fail (parent == NULL || GTK_IS_WINDOW (parent));

  run_chooser (parent,
               gtk_file_chooser_native_new (_("Export the Pack to a Folder"), parent,
                                            GTK_FILE_CHOOSER_ACTION_SELECT_FOLDER,
                                            _("_Export"), _("_Cancel")),
               FALSE, callback, user_data);
}

void
odan_file_chooser_report_save_async (GtkWindow           *parent,
                                     const char          *suggested_name,
                                     const char          *lang,
                                     GAsyncReadyCallback  callback,
                                     gpointer             user_data)
{
  const char *format_ids[] = { "html", "pdf", "csv", "xlsx", NULL };
  const char *format_labels[] = { N_("HTML (one file)"), N_("PDF (one file, A4)"), N_("CSV (a folder of tables)"),
                                  N_("Excel workbook (the tables, a sheet each)"), NULL };
  const char *lang_ids[] = { "ja", "en", NULL };
  const char *lang_labels[] = { N_("Japanese"), N_("English"), NULL };
  g_autofree const char **formats = g_new0 (const char *, G_N_ELEMENTS (format_labels));
  g_autofree const char **langs = g_new0 (const char *, G_N_ELEMENTS (lang_labels));
  GtkFileChooserNative *native;

  g_return_if_fail (parent == NULL || GTK_IS_WINDOW (parent));

  for (guint i = 0; format_labels[i] != NULL; i++)
    formats[i] = _(format_labels[i]);
  for (guint i = 0; lang_labels[i] != NULL; i++)
    langs[i] = _(lang_labels[i]);

  native = gtk_file_chooser_native_new (_("Export the After-Action Report"), parent,
                                        GTK_FILE_CHOOSER_ACTION_SAVE,
                                        _("_Export"), _("_Cancel"));
  if (suggested_name != NULL)
    gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (native), suggested_name);
  gtk_file_chooser_add_choice (GTK_FILE_CHOOSER (native), "format", _("Format"), format_ids, formats);
  gtk_file_chooser_set_choice (GTK_FILE_CHOOSER (native), "format", "html");
  /* Translators: the language the report is written in, whatever the interface's */
  gtk_file_chooser_add_choice (GTK_FILE_CHOOSER (native), "lang", _("Report language"), lang_ids, langs);
  gtk_file_chooser_set_choice (GTK_FILE_CHOOSER (native), "lang", g_strcmp0 (lang, "en") == 0 ? "en" : "ja");
  g_object_set_data (G_OBJECT (native), "odan-report-choices", GINT_TO_POINTER (TRUE));
  run_chooser (parent, native, FALSE, callback, user_data);
}

GFile *
odan_file_chooser_report_finish (GAsyncResult  *result,
                                 char         **format,
                                 char         **lang,
                                 GError       **error)
{
  GFile *file = odan_file_chooser_finish (result, error);

  if (file == NULL)
    return NULL;
  if (format != NULL)
    *format = g_strdup (g_object_get_data (G_OBJECT (result), "format"));
  if (lang != NULL)
    *lang = g_strdup (g_object_get_data (G_OBJECT (result), "lang"));
  return file;
}

GFile *
odan_file_chooser_finish (GAsyncResult  *result,
                          GError       **error)
{
  g_return_val_if_fail (G_IS_TASK (result), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == odan_file_chooser_finish, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/* odan-file-chooser.h — every file and folder chooser of the app
 *
 * GTK 4.8 has no GtkFileDialog; GtkFileChooserNative is wrapped here, once,
 * in GTask style: start with one of the *_async functions, then call
 * odan_file_chooser_finish() in the callback. A cancelled dialog finishes
 * with G_IO_ERROR_CANCELLED.
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* A scenario pack: a folder. */
void   odan_file_chooser_pack_async          (GtkWindow           *parent,
                                              GFile               *initial_folder,
                                              GAsyncReadyCallback  callback,
                                              gpointer             user_data);
/* An existing exercise file (.odan). */
void   odan_file_chooser_exercise_open_async (GtkWindow           *parent,
                                              GAsyncReadyCallback  callback,
                                              gpointer             user_data);
/* Where to create a new exercise file. */
void   odan_file_chooser_exercise_save_async (GtkWindow           *parent,
                                              const char          *suggested_name,
                                              GAsyncReadyCallback  callback,
                                              gpointer             user_data);
/* A spreadsheet MSEL to import (.csv). */
void   odan_file_chooser_msel_open_async     (GtkWindow           *parent,
                                              GAsyncReadyCallback  callback,
                                              gpointer             user_data);
/* Where to export a CSV file. */
void   odan_file_chooser_csv_save_async      (GtkWindow           *parent,
                                              const char          *title,
                                              const char          *suggested_name,
                                              GAsyncReadyCallback  callback,
                                              gpointer             user_data);
/* A folder to write a copy of a pack into. */
void   odan_file_chooser_export_folder_async (GtkWindow           *parent,
                                              GAsyncReadyCallback  callback,
                                              gpointer             user_data);
GFile *odan_file_chooser_finish              (GAsyncResult        *result,
                                              GError             **error);
/* Where to export the after-action report: a file, or for CSV the folder
 * to create, with two choices — the format ("html", "pdf", "csv", "xlsx") and the
 * report's language ("ja", "en"; @lang preselects it). Finish with
 * odan_file_chooser_report_finish(), which gives the choices made (NULL
 * when the chooser could not show them). */
void   odan_file_chooser_report_save_async   (GtkWindow           *parent,
                                              const char          *suggested_name,
                                              const char          *lang,
                                              GAsyncReadyCallback  callback,
                                              gpointer             user_data);
GFile *odan_file_chooser_report_finish       (GAsyncResult        *result,
                                              char               **format,
                                              char               **lang,
                                              GError             **error);

G_END_DECLS

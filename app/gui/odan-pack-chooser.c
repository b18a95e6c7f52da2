/* odan-pack-chooser.c — a folder chooser for scenario packs */
#define G_LOG_DOMAIN "odan-gui"

#include <glib/gi18n.h>

#include "odan-pack-chooser.h"

static void
on_chooser_response (GtkNativeDialog *native,
                     int              response,
                     gpointer         user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GFile) folder = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    folder = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (native));

  if (folder != NULL)
    g_task_return_pointer (task, g_steal_pointer (&folder), g_object_unref);
  else
    g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_CANCELLED,
                             "%s", _("No folder was chosen"));

  gtk_native_dialog_destroy (native);
}

void
odan_pack_chooser_open_async (GtkWindow           *parent,
                              GFile               *initial_folder,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  GtkFileChooserNative *native;

  g_return_if_fail (parent == NULL || GTK_IS_WINDOW (parent));
  g_return_if_fail (initial_folder == NULL || G_IS_FILE (initial_folder));

  native = gtk_file_chooser_native_new (_("Open Scenario Pack"),
                                        parent,
                                        GTK_FILE_CHOOSER_ACTION_SELECT_FOLDER,
                                        _("_Open"),
                                        _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (native), TRUE);
  if (initial_folder != NULL)
    gtk_file_chooser_set_current_folder (GTK_FILE_CHOOSER (native), initial_folder, NULL);

  task = g_task_new (parent, NULL, callback, user_data);
  g_task_set_source_tag (task, odan_pack_chooser_open_async);
  /* The task keeps the dialog alive until it answers. */
  g_task_set_task_data (task, native, g_object_unref);

  g_signal_connect (native, "response", G_CALLBACK (on_chooser_response), g_object_ref (task));
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (native));
}

GFile *
odan_pack_chooser_open_finish (GAsyncResult  *result,
                               GError       **error)
{
  g_return_val_if_fail (G_IS_TASK (result), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == odan_pack_chooser_open_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

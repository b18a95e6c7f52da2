/* odan-pack-chooser.h — asking for a scenario pack folder
 *
 * The one place that knows how odan asks for a folder: GtkFileChooserNative
 * on GTK 4.8 (GtkFileDialog arrives in 4.10).
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

void   odan_pack_chooser_open_async  (GtkWindow            *parent,
                                      GFile                *initial_folder,
                                      GAsyncReadyCallback   callback,
                                      gpointer              user_data);
/* The chosen folder, or NULL with G_IO_ERROR_CANCELLED when the user cancelled. */
GFile *odan_pack_chooser_open_finish (GAsyncResult         *result,
                                      GError              **error);

G_END_DECLS

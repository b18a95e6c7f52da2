/* odan-exercise-chooser.h — file choosers for exercise files (.odan) */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* Asks where to save a new exercise, suggesting @suggested_name. */
void   odan_exercise_chooser_save_async  (GtkWindow           *parent,
                                          const char          *suggested_name,
                                          GAsyncReadyCallback  callback,
                                          gpointer             user_data);
/* Asks for an existing exercise file. */
void   odan_exercise_chooser_open_async  (GtkWindow           *parent,
                                          GAsyncReadyCallback  callback,
                                          gpointer             user_data);
/* The chosen file; G_IO_ERROR_CANCELLED when none was. */
GFile *odan_exercise_chooser_finish      (GAsyncResult        *result,
                                          GError             **error);

G_END_DECLS

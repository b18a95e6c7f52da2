/* odan-server-dialog.h — opening (or starting) an exercise on a PostgreSQL server */
#pragma once

#include <adwaita.h>

#include "odan-exercise.h"

G_BEGIN_DECLS

#define ODAN_TYPE_SERVER_DIALOG (odan_server_dialog_get_type ())

G_DECLARE_FINAL_TYPE (OdanServerDialog, odan_server_dialog, ODAN, SERVER_DIALOG, AdwWindow)

/* A dialog over @parent (an OdanWindow) that opens the exercise at a
 * connection string, or with @pack_dir starts one there from that pack
 * folder. @conninfo pre-fills the entry (may be NULL). */
OdanServerDialog *odan_server_dialog_new      (GtkWindow  *parent,
                                               const char *conninfo,
                                               const char *pack_dir);
/* What "Connect" does: opens off the main thread, then shows the exercise
 * in the parent window and closes, or shows the error and stays. */
void              odan_server_dialog_connect  (OdanServerDialog *self);
/* TRUE while connecting. */
gboolean          odan_server_dialog_get_busy (OdanServerDialog *self);

/* Opens (with @pack_dir: creates) the exercise at @conninfo in a thread of
 * its own. @password, when not empty, goes to libpq as the `password`
 * keyword and nowhere else. A team's connection gives a team client
 * (odan_exercise_get_team_client()), loaded from the team's slice of the pack. */
void          odan_server_open_async  (const char          *conninfo,
                                       const char          *password,
                                       const char          *pack_dir,
                                       GCancellable        *cancellable,
                                       GAsyncReadyCallback  callback,
                                       gpointer             user_data);
OdanExercise *odan_server_open_finish (GAsyncResult  *result,
                                       GError       **error);
/* @conninfo with @password as libpq's `password` keyword (a new string). */
char         *odan_server_conninfo_with_password (const char *conninfo,
                                                  const char *password);

G_END_DECLS

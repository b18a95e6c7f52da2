/* odan-window.h — a window showing one scenario pack or one running exercise */
#pragma once

#include <adwaita.h>

#include "odan-application.h"
#include "odan-exercise.h"
#include "odan-pack.h"

G_BEGIN_DECLS

#define ODAN_TYPE_WINDOW (odan_window_get_type ())

G_DECLARE_FINAL_TYPE (OdanWindow, odan_window, ODAN, WINDOW, AdwApplicationWindow)

OdanWindow     *odan_window_new          (OdanApplication *application);
/* Loads the pack in @folder in the background; the window shows it, or the
 * problems that kept it from loading, when done (see :loading). */
void            odan_window_load         (OdanWindow      *self,
                                          GFile           *folder);
void            odan_window_load_builtin (OdanWindow      *self);
gboolean        odan_window_get_loading  (OdanWindow      *self);
GFile          *odan_window_get_folder   (OdanWindow      *self);
/* The pack shown, or NULL when none is (empty, loading or failed). */
const OdanPack *odan_window_get_pack     (OdanWindow      *self);
/* Opens the exercise file @file and shows the facilitator's console. With
 * @pack_folder, a missing or empty file is started from that pack. */
gboolean        odan_window_open_exercise  (OdanWindow    *self,
                                            GFile         *file,
                                            GFile         *pack_folder,
                                            GError       **error);
/* Back to the pack or start page; the exercise file stays as it is. */
void            odan_window_close_exercise (OdanWindow    *self);
/* The exercise shown, or NULL. */
OdanExercise   *odan_window_get_exercise   (OdanWindow    *self);
/* Shows @exercise, opened on a PostgreSQL server, as its connection's role
 * allows (odan-window-server.c) and follows it live; @remember (may be
 * NULL) goes to the recent exercises. A team's connection opens only that
 * team's own window (OdanTeamWindow) and leaves this one as it is. */
gboolean        odan_window_show_server_exercise (OdanWindow    *self,
                                                  OdanExercise  *exercise,
                                                  const char    *remember,
                                                  GError       **error);
/* The dialog that opens an exercise on a server (@create: starts one there
 * from the pack shown), the entry pre-filled with @conninfo (may be NULL). */
/* Shows @message as a toast over the window (an error that needs no dialog). */
void            odan_window_toast                (OdanWindow    *self,
                                                  const char    *message);
void            odan_window_open_server_dialog   (OdanWindow    *self,
                                                  const char    *conninfo,
                                                  gboolean       create);

G_END_DECLS

/* odan-window-private.h — shared by odan-window.c, odan-window-actions.c and the tests */
#pragma once

#include "odan-exercise-view.h"
#include "odan-pack-view.h"
#include "odan-window.h"

G_BEGIN_DECLS

struct _OdanWindow
{
  AdwApplicationWindow  parent_instance;

  /* Template widgets */
  AdwHeaderBar         *header_bar;
  AdwWindowTitle       *window_title;
  AdwToastOverlay      *toast_overlay;
  GtkStack             *stack;
  GtkSpinner           *spinner;
  OdanPackView         *pack_view;
  AdwStatusPage        *error_page;
  GtkListBox           *diagnostics_list;
  OdanExerciseView     *exercise_view;
  AdwPreferencesGroup  *recent_group;
  GMenu                *scenarios_menu;    /* the scenarios shipped with Odan, on the start page */

  /* Owned */
  GSettings            *settings;
  GFile                *folder;            /* shown or being loaded; NULL before any */
  OdanPack             *pack;              /* NULL unless the last load succeeded */
  GPtrArray            *diagnostics;       /* OdanDiagnostic* of the last load, or NULL */
  GCancellable         *load_cancellable;  /* non-NULL while loading */
  GFile                *exercise_file;     /* the exercise shown, or NULL */
  gboolean              new_exercise_after_load;  /* win.new-exercise waits for the built-in pack */
  GPtrArray            *recent_rows;       /* AdwActionRow* in recent_group, most recent first */
};

void _odan_window_class_actions_init (OdanWindowClass *klass);
void _odan_window_actions_init       (OdanWindow      *self);
void _odan_window_ask_new_exercise   (OdanWindow      *self);
/* What the save dialog's answer does: a new exercise file at @file from
 * the pack shown, replacing whatever @file held (the dialog asked). */
gboolean _odan_window_create_exercise (OdanWindow  *self,
                                       GFile       *file,
                                       GError     **error);
void _odan_window_actions_update     (OdanWindow      *self);
/* odan-window-server.c: exercises on a PostgreSQL server */
void _odan_window_class_server_init  (OdanWindowClass *klass);
void _odan_window_set_titles         (OdanWindow      *self,
                                      const char      *title,
                                      const char      *subtitle);
/* Puts @location (a file or a server's connection string, never one with a
 * password) first among the recent exercises. */
void _odan_window_remember_location  (OdanWindow      *self,
                                      const char      *location);

G_END_DECLS

/* odan-window-private.h — shared by odan-window.c, odan-window-actions.c and the tests */
#pragma once

#include "odan-pack-view.h"
#include "odan-window.h"

G_BEGIN_DECLS

struct _OdanWindow
{
  AdwApplicationWindow  parent_instance;

  /* Template widgets */
  AdwWindowTitle       *window_title;
  AdwToastOverlay      *toast_overlay;
  GtkStack             *stack;
  GtkSpinner           *spinner;
  OdanPackView         *pack_view;
  AdwStatusPage        *error_page;
  GtkListBox           *diagnostics_list;

  /* Owned */
  GSettings            *settings;
  GFile                *folder;            /* shown or being loaded; NULL before any */
  OdanPack             *pack;              /* NULL unless the last load succeeded */
  GPtrArray            *diagnostics;       /* OdanDiagnostic* of the last load, or NULL */
  GCancellable         *load_cancellable;  /* non-NULL while loading */
};

void _odan_window_class_actions_init (OdanWindowClass *klass);
void _odan_window_actions_update     (OdanWindow      *self);

G_END_DECLS

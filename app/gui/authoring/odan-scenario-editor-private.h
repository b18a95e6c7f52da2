/* odan-scenario-editor-private.h — shared by odan-scenario-editor.c, its actions and the tests */
#pragma once

#include "odan-overview-editor.h"
#include "odan-scenario-editor.h"

G_BEGIN_DECLS

struct _OdanScenarioEditor
{
  AdwWindow             parent_instance;

  /* Template widgets */
  AdwToastOverlay      *toast_overlay;
  AdwViewStack         *view_stack;
  AdwViewSwitcherTitle *switcher_title;
  GtkBox               *problems_box;
  GtkLabel             *problems_label;
  GtkListBox           *problems_list;
  GtkStack             *preview_stack;
  OdanPreviewView      *preview_view;
  GtkLabel             *preview_summary;
  GtkListBox           *preview_list;

  /* Owned */
  OdanScenarioDocument *document;
  OdanTableEditor      *editors[ODAN_PACK_N_TABLES];
  OdanOverviewEditor   *overview;       /* scenario.ini's exercise overview */
  GtkWidget            *overview_window; /* holds it; editor.overview shows it */
  gboolean              preview_stale;
  gboolean              close_confirmed;
};

void _odan_scenario_editor_class_actions_init (OdanScenarioEditorClass *klass);
/* A window around @overview, hidden on close, for the editor's life. */
GtkWidget *_odan_scenario_editor_overview_window (OdanScenarioEditor *self,
                                                 GtkWidget          *overview);
void _odan_scenario_editor_actions_update     (OdanScenarioEditor      *self);
/* Saves, telling the user in a toast; FALSE (and a toast) when refused. */
gboolean _odan_scenario_editor_save           (OdanScenarioEditor      *self);
void _odan_scenario_editor_toast              (OdanScenarioEditor      *self,
                                               const char              *message);

G_END_DECLS

/* odan-scenario-editor.h — a window to edit a scenario pack before the day
 *
 * One page per table of the pack (injects — the MSEL —, mitigations,
 * pools, teams, nodes, dependencies, sectors), each an OdanTableEditor on
 * the window's OdanScenarioDocument, and a Preview page: the scenario run
 * without decisions on a timeline (OdanPreviewView). The problems of the
 * pack, as `odan-cli validate` prints them, are listed under the pages and
 * lead to their row. Undo, redo, save, import and export of the MSEL are
 * the editor.* actions (odan-scenario-editor-actions.c).
 */
#pragma once

#include <adwaita.h>

#include "odan-preview-view.h"
#include "odan-scenario-document.h"
#include "odan-table-editor.h"

G_BEGIN_DECLS

#define ODAN_TYPE_SCENARIO_EDITOR (odan_scenario_editor_get_type ())

G_DECLARE_FINAL_TYPE (OdanScenarioEditor, odan_scenario_editor, ODAN, SCENARIO_EDITOR, AdwWindow)

/* Opens the pack folder @path; NULL with the reason when it cannot be read. */
OdanScenarioEditor   *odan_scenario_editor_new              (GtkApplication     *application,
                                                             const char         *path,
                                                             GError            **error);
OdanScenarioDocument *odan_scenario_editor_get_document     (OdanScenarioEditor *self);
OdanTableEditor      *odan_scenario_editor_get_table_editor (OdanScenarioEditor *self,
                                                             OdanPackTable       table);
/* Shows page "injects", "mitigations", "pools", "teams", "nodes",
 * "dependencies", "sectors" or "preview". */
void                  odan_scenario_editor_show_page        (OdanScenarioEditor *self,
                                                             const char         *name);
/* The timeline, its preview brought up to date with the pack as edited. */
OdanPreviewView      *odan_scenario_editor_get_preview_view (OdanScenarioEditor *self);

G_END_DECLS

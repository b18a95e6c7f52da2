/* odan-overview-editor.h — scenario.ini's exercise overview, edited
 *
 * HSEEP's exercise overview of a pack (mission area, threat or hazard,
 * sponsor, point of contact, each with its Japanese twin) as entry rows.
 * Typing edits the document at once (odan_scenario_document_set_setting(),
 * undoable like a cell); an undo or redo shows in the rows; a problem the
 * loader names on a key's line shows on its row.
 */
#pragma once

#include <adwaita.h>

#include "odan-scenario-document.h"

G_BEGIN_DECLS

#define ODAN_TYPE_OVERVIEW_EDITOR (odan_overview_editor_get_type ())

G_DECLARE_FINAL_TYPE (OdanOverviewEditor, odan_overview_editor, ODAN, OVERVIEW_EDITOR, AdwBin)

GtkWidget   *odan_overview_editor_new     (OdanScenarioDocument *document);
/* The row of scenario column @column (ODAN_COL_SCENARIO_*), or NULL when
 * the editor has none for it. */
AdwEntryRow *odan_overview_editor_get_row (OdanOverviewEditor   *self,
                                           guint                 column);

G_END_DECLS

/* odan-scenario-document.h — a scenario pack being edited, as text tables
 *
 * The editor works on the pack's CSV tables as text, as a spreadsheet
 * would: each table (OdanPackTable) is its header and a GListModel of
 * OdanTableRow. Reading keeps the cells as the files hold them, so a pack
 * that does not load can still be opened and fixed.
 *
 * Every change goes through the document, which records it in its
 * OdanEditHistory (undo/redo) and then checks the pack again: the tables
 * are written out in memory and loaded with odan_pack_load_from_files(),
 * the loader `odan-cli validate` uses, so the problems shown are the same
 * FILE:LINE messages. odan_scenario_document_locate() traces one back to a
 * row. Saving writes the folder with odan_pack_write() and is refused while
 * the pack has errors.
 */
#pragma once

#include <gio/gio.h>

#include "odan-pack.h"
#include "odan-pack-writer.h"

G_BEGIN_DECLS

#define ODAN_TYPE_SCENARIO_DOCUMENT (odan_scenario_document_get_type ())

G_DECLARE_FINAL_TYPE (OdanScenarioDocument, odan_scenario_document, ODAN, SCENARIO_DOCUMENT, GObject)

/* Reads the pack folder @path. Fails only when a file cannot be read as
 * CSV at all (the message names file and line). */
OdanScenarioDocument *odan_scenario_document_load (const char            *path,
                                                   GError               **error);
const char        *odan_scenario_document_get_path    (OdanScenarioDocument *self);

/* OdanTableRow items; the model stays the same for the document's life. */
GListModel        *odan_scenario_document_get_rows    (OdanScenarioDocument *self,
                                                       OdanPackTable         table);
const char *const *odan_scenario_document_get_columns (OdanScenarioDocument *self,
                                                       OdanPackTable         table);
/* The index of column @name (without regard to case), or -1. */
int                odan_scenario_document_find_column (OdanScenarioDocument *self,
                                                       OdanPackTable         table,
                                                       const char           *name);
const char        *odan_scenario_document_get_cell    (OdanScenarioDocument *self,
                                                       OdanPackTable         table,
                                                       guint                 row,
                                                       guint                 column);

/* Edits; each is one undoable step (typing into one cell merges, see
 * odan_edit_history_close_group()). */
void               odan_scenario_document_set_cell    (OdanScenarioDocument *self,
                                                       OdanPackTable         table,
                                                       guint                 row,
                                                       guint                 column,
                                                       const char           *text);
/* A new row at @row; @cells may be NULL for an empty one. */
void               odan_scenario_document_insert_row  (OdanScenarioDocument *self,
                                                       OdanPackTable         table,
                                                       guint                 row,
                                                       const char *const    *cells);
void               odan_scenario_document_delete_row  (OdanScenarioDocument *self,
                                                       OdanPackTable         table,
                                                       guint                 row);
/* Reads @table again from the folder (after an import wrote it), as one
 * undoable step. */
gboolean           odan_scenario_document_reload_table (OdanScenarioDocument *self,
                                                        OdanPackTable         table,
                                                        GError              **error);
void               odan_scenario_document_close_group (OdanScenarioDocument *self);
gboolean           odan_scenario_document_undo        (OdanScenarioDocument *self);
gboolean           odan_scenario_document_redo        (OdanScenarioDocument *self);
gboolean           odan_scenario_document_get_can_undo (OdanScenarioDocument *self);
gboolean           odan_scenario_document_get_can_redo (OdanScenarioDocument *self);
/* Whether there are changes not saved. */
gboolean           odan_scenario_document_get_modified (OdanScenarioDocument *self);

/* scenario.ini's settings, by their column of the scenario schema
 * (ODAN_COL_SCENARIO_*, "title[ja]" and the like are the Japanese
 * twins): the text as the file holds it ("" when absent), and a change of
 * it as one undoable step (an empty text removes the key). The edit is an
 * ODAN_EDIT_SET_CELL of table ODAN_PACK_N_TABLES, row 0; "edited" is
 * emitted with that table. Saving writes scenario.ini when it changed. */
const char        *odan_scenario_document_get_setting (OdanScenarioDocument *self,
                                                       guint                 column);
void               odan_scenario_document_set_setting (OdanScenarioDocument *self,
                                                       guint                 column,
                                                       const char           *text);
/* The line of scenario.ini holding @column's key, or 0: where the
 * loader's problems with it point. */
guint              odan_scenario_document_get_setting_line (OdanScenarioDocument *self,
                                                            guint                 column);

/* Checks the pack now (edits schedule a check at idle priority; this runs
 * a pending one at once). */
void               odan_scenario_document_validate    (OdanScenarioDocument *self);
/* OdanDiagnostic* of the last check, sorted as odan-cli prints them. */
GPtrArray         *odan_scenario_document_get_diagnostics (OdanScenarioDocument *self);
guint              odan_scenario_document_get_n_errors (OdanScenarioDocument *self);
/* The pack as last checked, or NULL while it has errors. */
const OdanPack    *odan_scenario_document_get_pack    (OdanScenarioDocument *self);
/* The table and row (-1 for the header or the whole file) a problem is
 * on; FALSE when it is in no table the editor shows. */
gboolean           odan_scenario_document_locate      (OdanScenarioDocument *self,
                                                       const OdanDiagnostic *diagnostic,
                                                       OdanPackTable        *out_table,
                                                       int                  *out_row);

/* Writes the tables into the pack folder (each file atomically); refuses,
 * writing nothing, while the pack has errors. */
gboolean           odan_scenario_document_save        (OdanScenarioDocument *self,
                                                       GError              **error);

G_END_DECLS

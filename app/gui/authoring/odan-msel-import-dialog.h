/* odan-msel-import-dialog.h — a planner's spreadsheet MSEL into a pack
 *
 * The dialog between the three steps of odan-msel-import.h: it reads the
 * chosen CSV, shows its encoding and header row, proposes what each column
 * becomes (or reuses the mapping saved for the same header) and lets the
 * planner correct it; after every change it imports the rows as a dry run
 * and shows the first of them as they will be imported, or every problem
 * (FILE:LINE: message). Import stays insensitive while there is one, and
 * writes injects.csv in one step. The mapping used is saved in the user's
 * configuration (odan_msel_import_dialog_mapping_file()).
 */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define ODAN_TYPE_MSEL_IMPORT_DIALOG (odan_msel_import_dialog_get_type ())

G_DECLARE_FINAL_TYPE (OdanMselImportDialog, odan_msel_import_dialog, ODAN, MSEL_IMPORT_DIALOG, AdwWindow)

/* For the pack in folder @pack_path (loaded now: a pack with errors cannot
 * take an import, and the dialog says so). */
OdanMselImportDialog *odan_msel_import_dialog_new       (GtkWindow            *parent,
                                                         const char           *pack_path);
/* Reads @file as the sheet to import (what choosing a file does). */
gboolean              odan_msel_import_dialog_open_file (OdanMselImportDialog *self,
                                                         GFile                *file,
                                                         GError              **error);
/* The same with the worksheet @sheet of a workbook (NULL: the first). */
gboolean              odan_msel_import_dialog_open_sheet (OdanMselImportDialog *self,
                                                          GFile                *file,
                                                          const char           *sheet,
                                                          GError              **error);
/* Where mappings are remembered: msel-mappings.ini in Odan's folder of the
 * user's configuration directory (~/.config/odan/). */
char                 *odan_msel_import_dialog_mapping_file (void);

G_END_DECLS

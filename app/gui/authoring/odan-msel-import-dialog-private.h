/* odan-msel-import-dialog-private.h — shared by odan-msel-import-dialog.c and the tests */
#pragma once

#include "odan-msel-import.h"
#include "odan-msel-import-dialog.h"

G_BEGIN_DECLS

struct _OdanMselImportDialog
{
  AdwWindow            parent_instance;

  /* Template widgets */
  GtkButton           *import_button;
  AdwActionRow        *file_row;
  AdwActionRow        *encoding_row;
  AdwComboRow         *sheet_row;       /* a workbook's worksheets */
  GtkStringList       *sheet_model;
  AdwActionRow        *header_row;
  AdwPreferencesGroup *mapping_group;
  GtkLabel            *mapping_source_label;
  GtkSwitch           *replace_switch;
  AdwActionRow        *replace_row;
  AdwActionRow        *result_row;
  AdwPreferencesGroup *preview_group;
  GtkGrid             *preview_grid;
  AdwPreferencesGroup *problems_group;
  GtkListBox          *problems_list;
  AdwStatusPage       *pack_error_page;
  GtkStack            *stack;

  /* Owned */
  char                *pack_path;
  GFile               *file;           /* the spreadsheet open, or NULL */
  OdanPack            *pack;           /* NULL when the pack does not load */
  OdanMselSheet       *sheet;
  OdanMselMapping     *mapping;
  OdanMselImport      *import;         /* the last dry run's rows, or NULL */
  GPtrArray           *diagnostics;    /* OdanDiagnostic* of the last check */
  char                *mapping_error;  /* why the mapping cannot be used, or NULL */
  GPtrArray           *combo_rows;     /* AdwComboRow*, one per sheet column */
  GPtrArray           *confidence_labels;
  guint                n_after;        /* injects after the import, when it can go ahead */
  gboolean             updating;
};

G_END_DECLS

/* odan-msel-import-dialog.c — a planner's spreadsheet MSEL into a pack
 *
 * State: the pack (loaded once, from its folder, as the import needs),
 * the sheet and the mapping being edited. Every change of a column's
 * field or of "replace" runs recheck(): mapping check, import of every
 * row, then the merge with the pack as a dry run — so what the dialog
 * shows is exactly what Import would do, and Import does it for real with
 * the same arguments. @updating is set while combo rows are set from the
 * mapping (a field moving away from a column), so that is not taken for
 * the planner's choice.
 */
#define G_LOG_DOMAIN "odan-gui"

#include <glib/gi18n.h>
#include <errno.h>
#include <glib/gstdio.h>

#include "odan-diagnostic-row.h"
#include "odan-file-chooser.h"
#include "odan-msel-import-dialog-private.h"

G_DEFINE_FINAL_TYPE (OdanMselImportDialog, odan_msel_import_dialog, ADW_TYPE_WINDOW)

enum {
  IMPORTED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* The first rows the preview shows. */
#define PREVIEW_ROWS 5

char *
odan_msel_import_dialog_mapping_file (void)
{
  return g_build_filename (g_get_user_config_dir (), "odan", "msel-mappings.ini", NULL);
}

static const char *
encoding_name (OdanCsvEncoding encoding)
{
  switch (encoding)
    {
    case ODAN_CSV_ENCODING_UTF8:     return _("UTF-8");
    case ODAN_CSV_ENCODING_UTF8_BOM: return _("UTF-8 with byte order mark (Excel)");
    case ODAN_CSV_ENCODING_CP932:    return _("Shift_JIS (CP932, Excel on Japanese Windows)");
    default:                         g_return_val_if_reached ("");
    }
}

static void
clear_list_box (GtkListBox *list)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (list))) != NULL)
    gtk_list_box_remove (list, child);
}

static void
add_problem_row (gpointer row,
                 gpointer list)
{
  gtk_list_box_append (GTK_LIST_BOX (list), row);
}

static void
clear_grid (GtkGrid *grid)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (grid))) != NULL)
    gtk_grid_remove (grid, child);
}

static void
grid_cell (GtkGrid    *grid,
           const char *text,
           int         column,
           int         row,
           gboolean    heading)
{
  g_autofree char *one_line = g_strdup (text != NULL ? text : "");
  GtkWidget *label;

  g_strdelimit (one_line, "\r\n", ' ');
  label = gtk_label_new (one_line);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  /* GTK 4.8 measures an ellipsizing label whose text is narrower than "…"
   * as narrower than its minimum: short texts need no ellipsis anyway */
  if (g_utf8_strlen (one_line, -1) > 3)
    gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_label_set_max_width_chars (GTK_LABEL (label), column == 3 ? 40 : 16);
  gtk_widget_set_hexpand (label, column == 3);
  if (heading)
    gtk_widget_add_css_class (label, "heading");
  gtk_grid_attach (grid, label, column, row, 1, 1);
}

static void
show_preview (OdanMselImportDialog *self)
{
  clear_grid (self->preview_grid);
  gtk_widget_set_visible (GTK_WIDGET (self->preview_group), self->import != NULL);
  if (self->import == NULL)
    return;

  grid_cell (self->preview_grid, _("Id"), 0, 0, TRUE);
  grid_cell (self->preview_grid, _("Time"), 1, 0, TRUE);
  grid_cell (self->preview_grid, _("Recipients"), 2, 0, TRUE);
  grid_cell (self->preview_grid, _("Title"), 3, 0, TRUE);
  for (guint i = 0; i < MIN (self->import->injects->len, PREVIEW_ROWS); i++)
    {
      const OdanMselInject *inject = g_ptr_array_index (self->import->injects, i);

      grid_cell (self->preview_grid, inject->id, 0, i + 1, FALSE);
      grid_cell (self->preview_grid, inject->time_text, 1, i + 1, FALSE);
      grid_cell (self->preview_grid, inject->to, 2, i + 1, FALSE);
      grid_cell (self->preview_grid, inject->title, 3, i + 1, FALSE);
    }
  if (self->import->injects->len > PREVIEW_ROWS)
    {
      guint n_more = self->import->injects->len - PREVIEW_ROWS;
      g_autofree char *more = g_strdup_printf (ngettext ("… and %u more row", "… and %u more rows", n_more),
                                               n_more);

      grid_cell (self->preview_grid, more, 0, PREVIEW_ROWS + 1, FALSE);
    }
}

static void
show_confidences (OdanMselImportDialog *self)
{
  for (guint c = 0; c < self->confidence_labels->len; c++)
    {
      GtkLabel *label = g_ptr_array_index (self->confidence_labels, c);
      const OdanMselColumn *column = &self->mapping->columns[c];
      g_autofree char *text = NULL;

      if (column->field == ODAN_MSEL_FIELD_EXTRA || column->field == ODAN_MSEL_FIELD_IGNORE)
        text = g_strdup ("");
      else
        text = g_strdup_printf ("%.0f%%", column->confidence * 100);
      gtk_label_set_text (label, text);
    }
}

static void
odan_msel_import_dialog_recheck (OdanMselImportDialog *self)
{
  g_autoptr(GError) error = NULL;
  gboolean replace;
  gboolean ok = FALSE;

  g_clear_pointer (&self->import, odan_msel_import_free);
  g_clear_pointer (&self->mapping_error, g_free);
  g_ptr_array_set_size (self->diagnostics, 0);
  self->n_after = 0;
  if (self->sheet == NULL || self->mapping == NULL || self->pack == NULL)
    {
      gtk_widget_set_sensitive (GTK_WIDGET (self->import_button), FALSE);
      return;
    }

  replace = gtk_switch_get_active (self->replace_switch);
  if (!odan_msel_mapping_check (self->mapping, &error))
    self->mapping_error = g_strdup (error->message);
  else
    {
      self->import = odan_msel_import (self->sheet, self->mapping, self->pack, self->diagnostics, &error);
      if (self->import != NULL)
        ok = odan_msel_import_apply (self->import, self->pack, replace, TRUE,
                                     self->diagnostics, &self->n_after, &error);
    }
  ok = ok && !odan_diagnostics_have_errors (self->diagnostics);

  clear_list_box (self->problems_list);
  if (self->mapping_error != NULL)
    {
      GtkWidget *row = adw_action_row_new ();

      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), self->mapping_error);
      adw_action_row_add_prefix (ADW_ACTION_ROW (row), gtk_image_new_from_icon_name ("dialog-error-symbolic"));
      gtk_list_box_append (self->problems_list, row);
    }
  else if (!ok && self->diagnostics->len == 0 && error != NULL)
    {
      GtkWidget *row = adw_action_row_new ();

      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), error->message);
      gtk_list_box_append (self->problems_list, row);
    }
  odan_diagnostic_rows_populate (self->diagnostics, add_problem_row, self->problems_list);
  gtk_widget_set_visible (GTK_WIDGET (self->problems_group),
                          gtk_widget_get_first_child (GTK_WIDGET (self->problems_list)) != NULL);

  show_preview (self);
  show_confidences (self);

  if (ok)
    {
      g_autofree char *result = NULL;

      result = g_strdup_printf (ngettext ("%u row of the sheet; the pack will have %u inject",
                                          "%u rows of the sheet; the pack will have %u injects",
                                          self->n_after),
                                self->import->injects->len, self->n_after);
      adw_action_row_set_subtitle (self->result_row, result);
    }
  else
    adw_action_row_set_subtitle (self->result_row, _("Nothing can be imported until the problems are fixed"));
  gtk_widget_set_sensitive (GTK_WIDGET (self->import_button), ok);
}

static void
on_field_selected (AdwComboRow          *combo,
                   GParamSpec           *pspec,
                   OdanMselImportDialog *self)
{
  guint column = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (combo), "odan-column"));
  guint field = adw_combo_row_get_selected (combo);
  int moved;

  if (self->updating || field >= ODAN_MSEL_N_FIELDS)
    return;

  moved = odan_msel_mapping_set (self->mapping, column, field);
  if (moved >= 0)
    {
      /* the field left that column, which now keeps its cells as an extra column */
      self->updating = TRUE;
      adw_combo_row_set_selected (g_ptr_array_index (self->combo_rows, moved),
                                  self->mapping->columns[moved].field);
      self->updating = FALSE;
    }
  gtk_label_set_text (self->mapping_source_label, _("Changed by you"));
  odan_msel_import_dialog_recheck (self);
}

/* The first non-empty cell of @column, to tell columns apart. */
static const char *
sample_cell (const OdanMselSheet *sheet,
             guint                column)
{
  for (guint r = 0; r < sheet->rows->len; r++)
    {
      const OdanMselRow *row = g_ptr_array_index (sheet->rows, r);

      if (column < row->n_fields && row->fields[column][0] != '\0')
        return row->fields[column];
    }
  return NULL;
}

static void
build_mapping_rows (OdanMselImportDialog *self)
{
  g_autoptr(GtkStringList) fields = gtk_string_list_new (NULL);

  for (guint i = 0; i < self->combo_rows->len; i++)
    adw_preferences_group_remove (self->mapping_group, g_ptr_array_index (self->combo_rows, i));
  g_ptr_array_set_size (self->combo_rows, 0);
  g_ptr_array_set_size (self->confidence_labels, 0);

  for (guint f = 0; f < ODAN_MSEL_N_FIELDS; f++)
    gtk_string_list_append (fields, odan_msel_field_label (f));

  for (guint c = 0; c < self->mapping->n_columns; c++)
    {
      GtkWidget *row = adw_combo_row_new ();
      GtkWidget *confidence = gtk_label_new (NULL);
      const char *sample = sample_cell (self->sheet, c);
      const char *header = self->mapping->columns[c].header;
      g_autofree char *one_line = g_strdup (sample != NULL ? sample : "");

      g_strdelimit (one_line, "\r\n", ' ');
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row),
                                     header[0] != '\0' ? header : _("(column without a name)"));
      /* a sample, to tell columns apart (ellipsized: see grid_cell()) */
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), one_line);
      if (g_utf8_strlen (one_line, -1) > 3)
        adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 1);
      adw_combo_row_set_model (ADW_COMBO_ROW (row), G_LIST_MODEL (fields));
      adw_combo_row_set_selected (ADW_COMBO_ROW (row), self->mapping->columns[c].field);
      g_object_set_data (G_OBJECT (row), "odan-column", GUINT_TO_POINTER (c));
      g_signal_connect (row, "notify::selected", G_CALLBACK (on_field_selected), self);

      gtk_widget_add_css_class (confidence, "dim-label");
      gtk_widget_add_css_class (confidence, "caption");
      gtk_widget_set_tooltip_text (confidence, _("How sure the guess is"));
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), confidence);

      adw_preferences_group_add (self->mapping_group, row);
      g_ptr_array_add (self->combo_rows, row);
      g_ptr_array_add (self->confidence_labels, confidence);
    }
}

/* The worksheets of a workbook to choose from; hidden for a CSV file. */
static void
show_sheets (OdanMselImportDialog *self,
             const char           *path)
{
  g_auto(GStrv) names = self->sheet->sheet != NULL ? odan_xlsx_list_sheets (path, NULL) : NULL;
  guint selected = 0;

  self->updating = TRUE;
  gtk_string_list_splice (self->sheet_model, 0, g_list_model_get_n_items (G_LIST_MODEL (self->sheet_model)),
                          (const char *const *) names);
  for (guint i = 0; names != NULL && names[i] != NULL; i++)
    if (g_strcmp0 (names[i], self->sheet->sheet) == 0)
      selected = i;
  adw_combo_row_set_selected (self->sheet_row, selected);
  self->updating = FALSE;
  gtk_widget_set_visible (GTK_WIDGET (self->sheet_row), names != NULL);
  gtk_widget_set_visible (GTK_WIDGET (self->encoding_row), names == NULL);
}

gboolean
odan_msel_import_dialog_open_sheet (OdanMselImportDialog  *self,
                                    GFile                 *file,
                                    const char            *sheet_name,
                                    GError               **error)
{
  g_autofree char *path = NULL;
  g_autofree char *mapping_file = odan_msel_import_dialog_mapping_file ();
  g_autofree char *header_text = NULL;
  g_autofree char *header_line = NULL;
  g_autoptr(OdanMselSheet) sheet = NULL;
  g_autoptr(OdanMselMapping) saved = NULL;

  g_return_val_if_fail (ODAN_IS_MSEL_IMPORT_DIALOG (self), FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);

  path = g_file_get_path (file);
  if (path == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED, _("Only local files can be imported"));
      return FALSE;
    }
  sheet = odan_msel_sheet_read_sheet (path, sheet_name, error);
  if (sheet == NULL)
    return FALSE;

  g_clear_pointer (&self->sheet, odan_msel_sheet_free);
  g_clear_pointer (&self->mapping, odan_msel_mapping_free);
  g_set_object (&self->file, file);
  self->sheet = g_steal_pointer (&sheet);

  saved = odan_msel_mapping_load (mapping_file, (const char *const *) self->sheet->headers, NULL);
  if (saved != NULL && saved->n_columns == self->sheet->n_columns)
    {
      self->mapping = g_steal_pointer (&saved);
      gtk_label_set_text (self->mapping_source_label, _("Your mapping for this header"));
    }
  else
    {
      self->mapping = odan_msel_mapping_propose ((const char *const *) self->sheet->headers);
      gtk_label_set_text (self->mapping_source_label, _("Proposed from the column names"));
    }

  adw_action_row_set_subtitle (self->file_row, path);
  if (self->sheet->sheet == NULL)
    adw_action_row_set_subtitle (self->encoding_row, encoding_name (self->sheet->encoding));
  show_sheets (self, path);
  header_text = g_strjoinv (", ", self->sheet->headers);
  header_line = g_strdup_printf (_("Line %u: %s"), self->sheet->header_line, header_text);
  adw_action_row_set_subtitle (self->header_row, header_line);
  gtk_widget_set_visible (GTK_WIDGET (self->header_row), TRUE);
  gtk_widget_set_visible (GTK_WIDGET (self->mapping_group), TRUE);

  self->updating = TRUE;
  build_mapping_rows (self);
  self->updating = FALSE;
  odan_msel_import_dialog_recheck (self);
  return TRUE;
}

gboolean
odan_msel_import_dialog_open_file (OdanMselImportDialog  *self,
                                   GFile                 *file,
                                   GError               **error)
{
  return odan_msel_import_dialog_open_sheet (self, file, NULL, error);
}

/* Another worksheet of the same workbook: read it instead. */
static void
on_sheet_selected (OdanMselImportDialog *self)
{
  g_autoptr(GError) error = NULL;
  guint selected = adw_combo_row_get_selected (self->sheet_row);
  const char *name;

  if (self->updating || self->file == NULL || selected == GTK_INVALID_LIST_POSITION)
    return;
  name = gtk_string_list_get_string (self->sheet_model, selected);
  if (name == NULL || g_strcmp0 (name, self->sheet != NULL ? self->sheet->sheet : NULL) == 0)
    return;
  if (!odan_msel_import_dialog_open_sheet (self, self->file, name, &error))
    {
      adw_action_row_set_subtitle (self->header_row, error->message);
      gtk_widget_set_sensitive (GTK_WIDGET (self->import_button), FALSE);
    }
}

static void
on_chosen (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  OdanMselImportDialog *self = ODAN_MSEL_IMPORT_DIALOG (source);
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) file = odan_file_chooser_finish (result, &error);

  if (file == NULL)
    return;
  if (!odan_msel_import_dialog_open_file (self, file, &error))
    {
      adw_action_row_set_subtitle (self->file_row, error->message);
      gtk_widget_set_sensitive (GTK_WIDGET (self->import_button), FALSE);
    }
}

static void
odan_msel_import_dialog_on_choose (OdanMselImportDialog *self)
{
  odan_file_chooser_msel_open_async (GTK_WINDOW (self), on_chosen, NULL);
}

static void
odan_msel_import_dialog_on_import (OdanMselImportDialog *self)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *mapping_file = odan_msel_import_dialog_mapping_file ();
  g_autofree char *mapping_dir = g_path_get_dirname (mapping_file);
  guint n_injects = 0;

  odan_msel_import_dialog_recheck (self);
  if (self->import == NULL || !gtk_widget_get_sensitive (GTK_WIDGET (self->import_button)))
    return;

  g_ptr_array_set_size (self->diagnostics, 0);
  if (!odan_msel_import_apply (self->import, self->pack, gtk_switch_get_active (self->replace_switch),
                               FALSE, self->diagnostics, &n_injects, &error))
    {
      adw_action_row_set_subtitle (self->result_row, error->message);
      gtk_widget_set_sensitive (GTK_WIDGET (self->import_button), FALSE);
      return;
    }

  /* remembered for the next sheet with this header; failing to is no reason
   * to call the import failed */
  if (g_mkdir_with_parents (mapping_dir, 0700) != 0
      || !odan_msel_mapping_save (self->mapping, mapping_file, &error))
    g_warning ("Cannot save the MSEL mapping in %s: %s", mapping_file,
               error != NULL ? error->message : g_strerror (errno));

  g_signal_emit (self, signals[IMPORTED], 0, n_injects);
  gtk_window_destroy (GTK_WINDOW (self));
}

static void
odan_msel_import_dialog_finalize (GObject *object)
{
  OdanMselImportDialog *self = ODAN_MSEL_IMPORT_DIALOG (object);

  g_free (self->pack_path);
  g_clear_object (&self->file);
  g_clear_pointer (&self->pack, odan_pack_free);
  g_clear_pointer (&self->sheet, odan_msel_sheet_free);
  g_clear_pointer (&self->mapping, odan_msel_mapping_free);
  g_clear_pointer (&self->import, odan_msel_import_free);
  g_clear_pointer (&self->diagnostics, g_ptr_array_unref);
  g_clear_pointer (&self->combo_rows, g_ptr_array_unref);
  g_clear_pointer (&self->confidence_labels, g_ptr_array_unref);
  g_free (self->mapping_error);

  G_OBJECT_CLASS (odan_msel_import_dialog_parent_class)->finalize (object);
}

static void
odan_msel_import_dialog_class_init (OdanMselImportDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->finalize = odan_msel_import_dialog_finalize;

  /* The rows were written into injects.csv: the number of injects now. */
  signals[IMPORTED] =
    g_signal_new ("imported", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_UINT);

  gtk_widget_class_set_template_from_resource (widget_class, "/jp/odan/Odan/odan-msel-import-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, OdanMselImportDialog, import_button);
  gtk_widget_class_bind_template_child (widget_class, OdanMselImportDialog, file_row);
  gtk_widget_class_bind_template_child (widget_class, OdanMselImportDialog, encoding_row);
  gtk_widget_class_bind_template_child (widget_class, OdanMselImportDialog, sheet_row);
  gtk_widget_class_bind_template_child (widget_class, OdanMselImportDialog, sheet_model);
  gtk_widget_class_bind_template_child (widget_class, OdanMselImportDialog, header_row);
  gtk_widget_class_bind_template_child (widget_class, OdanMselImportDialog, mapping_group);
  gtk_widget_class_bind_template_child (widget_class, OdanMselImportDialog, mapping_source_label);
  gtk_widget_class_bind_template_child (widget_class, OdanMselImportDialog, replace_switch);
  gtk_widget_class_bind_template_child (widget_class, OdanMselImportDialog, replace_row);
  gtk_widget_class_bind_template_child (widget_class, OdanMselImportDialog, result_row);
  gtk_widget_class_bind_template_child (widget_class, OdanMselImportDialog, preview_group);
  gtk_widget_class_bind_template_child (widget_class, OdanMselImportDialog, preview_grid);
  gtk_widget_class_bind_template_child (widget_class, OdanMselImportDialog, problems_group);
  gtk_widget_class_bind_template_child (widget_class, OdanMselImportDialog, problems_list);
  gtk_widget_class_bind_template_child (widget_class, OdanMselImportDialog, pack_error_page);
  gtk_widget_class_bind_template_child (widget_class, OdanMselImportDialog, stack);
  gtk_widget_class_bind_template_callback (widget_class, odan_msel_import_dialog_on_choose);
  gtk_widget_class_bind_template_callback (widget_class, on_sheet_selected);
  gtk_widget_class_bind_template_callback (widget_class, odan_msel_import_dialog_on_import);
  gtk_widget_class_bind_template_callback (widget_class, odan_msel_import_dialog_recheck);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
odan_msel_import_dialog_init (OdanMselImportDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->diagnostics = g_ptr_array_new_with_free_func ((GDestroyNotify) odan_diagnostic_free);
  self->combo_rows = g_ptr_array_new ();
  self->confidence_labels = g_ptr_array_new ();
}

OdanMselImportDialog *
odan_msel_import_dialog_new (GtkWindow  *parent,
                             const char *pack_path)
{
  OdanMselImportDialog *self;
  g_autoptr(GPtrArray) diagnostics = g_ptr_array_new_with_free_func ((GDestroyNotify) odan_diagnostic_free);
  g_autoptr(GError) error = NULL;
  g_autofree char *subtitle = NULL;

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (pack_path != NULL, NULL);

  self = g_object_new (ODAN_TYPE_MSEL_IMPORT_DIALOG, "transient-for", parent, NULL);
  self->pack_path = g_strdup (pack_path);
  self->pack = odan_pack_load (pack_path, diagnostics, &error);
  if (self->pack == NULL)
    {
      g_autoptr(GString) text = g_string_new (_("Fix the pack’s problems first:"));

      for (guint i = 0; i < diagnostics->len && i < 10; i++)
        {
          g_autofree char *line = odan_diagnostic_format (g_ptr_array_index (diagnostics, i));

          g_string_append_printf (text, "\n%s", line);
        }
      if (diagnostics->len == 0)
        g_string_append_printf (text, "\n%s", error->message);
      adw_status_page_set_description (self->pack_error_page, text->str);
      gtk_stack_set_visible_child_name (self->stack, "pack-error");
      return self;
    }

  subtitle = g_strdup_printf (ngettext ("Off: the rows are added after the pack’s %u inject",
                                        "Off: the rows are added after the pack’s %u injects",
                                        self->pack->n_injects),
                              self->pack->n_injects);
  adw_action_row_set_subtitle (self->replace_row, subtitle);
  adw_action_row_set_subtitle (self->result_row, _("Choose the spreadsheet to import"));
  return self;
}

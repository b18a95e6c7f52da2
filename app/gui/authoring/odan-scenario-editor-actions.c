/* odan-scenario-editor-actions.c — editor.* actions and their shortcuts
 *
 *   editor.undo          undo the last edit                  Ctrl+Z
 *   editor.redo          redo it                             Shift+Ctrl+Z, Ctrl+Y
 *   editor.save          write the pack folder               Ctrl+S
 *   editor.import-msel   a spreadsheet MSEL into injects.csv Ctrl+I
 *   editor.export-msel   the MSEL as Excel CSV ("hseep", "japanese" or "pack" headers)
 *   editor.export-pack   every table, as Excel CSV, into another folder
 *
 * The entries of the forms have their own undo turned off, so Ctrl+Z
 * always reaches the document's history.
 */
#define G_LOG_DOMAIN "odan-gui"

#include <glib/gi18n.h>

#include "odan-file-chooser.h"
#include "odan-msel-import.h"
#include "odan-msel-import-dialog.h"
#include "odan-scenario-editor-private.h"

static void
odan_scenario_editor_actions_undo (GtkWidget  *widget,
                                   const char *action_name,
                                   GVariant   *parameter)
{
  odan_scenario_document_undo (odan_scenario_editor_get_document (ODAN_SCENARIO_EDITOR (widget)));
}

static void
odan_scenario_editor_actions_redo (GtkWidget  *widget,
                                   const char *action_name,
                                   GVariant   *parameter)
{
  odan_scenario_document_redo (odan_scenario_editor_get_document (ODAN_SCENARIO_EDITOR (widget)));
}

static void
odan_scenario_editor_actions_save (GtkWidget  *widget,
                                   const char *action_name,
                                   GVariant   *parameter)
{
  _odan_scenario_editor_save (ODAN_SCENARIO_EDITOR (widget));
}

static void
on_imported (OdanMselImportDialog *dialog,
             guint                 n_injects,
             OdanScenarioEditor   *self)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;

  /* the import wrote injects.csv: take it in as one undoable step */
  if (!odan_scenario_document_reload_table (self->document, ODAN_PACK_TABLE_INJECTS, &error))
    {
      _odan_scenario_editor_toast (self, error->message);
      return;
    }
  message = g_strdup_printf (ngettext ("MSEL imported: the pack has %u inject",
                                       "MSEL imported: the pack has %u injects", n_injects),
                             n_injects);
  _odan_scenario_editor_toast (self, message);
  odan_scenario_editor_show_page (self, "injects");
  g_signal_emit_by_name (self, "saved");
}

static void
odan_scenario_editor_actions_import_msel (GtkWidget  *widget,
                                          const char *action_name,
                                          GVariant   *parameter)
{
  OdanScenarioEditor *self = ODAN_SCENARIO_EDITOR (widget);
  OdanMselImportDialog *dialog;

  /* the import merges into the pack on disk: it must hold the edits */
  if (odan_scenario_document_get_modified (self->document) && !_odan_scenario_editor_save (self))
    return;

  dialog = odan_msel_import_dialog_new (GTK_WINDOW (self), odan_scenario_document_get_path (self->document));
  g_signal_connect_object (dialog, "imported", G_CALLBACK (on_imported), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
on_export_msel_chosen (GObject      *source,
                       GAsyncResult *result,
                       gpointer      user_data)
{
  OdanScenarioEditor *self = ODAN_SCENARIO_EDITOR (source);
  OdanMselStyle style = GPOINTER_TO_INT (user_data);
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) file = odan_file_chooser_finish (result, &error);
  g_autofree char *path = NULL;
  const OdanPack *pack;

  if (file == NULL)
    return;
  pack = odan_scenario_document_get_pack (self->document);
  path = g_file_get_path (file);
  if (pack == NULL)
    _odan_scenario_editor_toast (self, _("The pack has errors; fix them before exporting"));
  else if (path == NULL)
    _odan_scenario_editor_toast (self, _("Only local files can be written"));
  else if (!odan_msel_export (pack, style, path, &error))
    _odan_scenario_editor_toast (self, error->message);
  else
    _odan_scenario_editor_toast (self, _("MSEL exported"));
}

static void
odan_scenario_editor_actions_export_msel (GtkWidget  *widget,
                                          const char *action_name,
                                          GVariant   *parameter)
{
  OdanScenarioEditor *self = ODAN_SCENARIO_EDITOR (widget);
  OdanMselStyle style;

  if (!odan_msel_style_from_string (g_variant_get_string (parameter, NULL), &style))
    g_return_if_reached ();
  odan_scenario_document_validate (self->document);
  if (odan_scenario_document_get_pack (self->document) == NULL)
    {
      _odan_scenario_editor_toast (self, _("The pack has errors; fix them before exporting"));
      return;
    }
  odan_file_chooser_csv_save_async (GTK_WINDOW (self), _("Export the MSEL"), "msel.csv",
                                    on_export_msel_chosen, GINT_TO_POINTER (style));
}

static void
on_export_pack_chosen (GObject      *source,
                       GAsyncResult *result,
                       gpointer      user_data)
{
  OdanScenarioEditor *self = ODAN_SCENARIO_EDITOR (source);
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) folder = odan_file_chooser_finish (result, &error);
  g_autofree char *path = NULL;
  const OdanPack *pack;

  if (folder == NULL)
    return;
  odan_scenario_document_validate (self->document);
  pack = odan_scenario_document_get_pack (self->document);
  path = g_file_get_path (folder);
  if (pack == NULL)
    _odan_scenario_editor_toast (self, _("The pack has errors; fix them before exporting"));
  else if (path == NULL)
    _odan_scenario_editor_toast (self, _("Only local files can be written"));
  else if (!odan_pack_write (pack, path, &error))
    _odan_scenario_editor_toast (self, error->message);
  else
    _odan_scenario_editor_toast (self, _("Pack exported"));
}

static void
odan_scenario_editor_actions_export_pack (GtkWidget  *widget,
                                          const char *action_name,
                                          GVariant   *parameter)
{
  odan_file_chooser_export_folder_async (GTK_WINDOW (widget), on_export_pack_chosen, NULL);
}

void
_odan_scenario_editor_actions_update (OdanScenarioEditor *self)
{
  OdanScenarioDocument *document = self->document;
  gboolean valid;

  if (document == NULL)
    return;
  valid = odan_scenario_document_get_n_errors (document) == 0;
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "editor.undo", odan_scenario_document_get_can_undo (document));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "editor.redo", odan_scenario_document_get_can_redo (document));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "editor.save",
                                 valid && odan_scenario_document_get_modified (document));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "editor.import-msel", valid);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "editor.export-msel", valid);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "editor.export-pack", valid);
}

GtkWidget *
_odan_scenario_editor_overview_window (OdanScenarioEditor *self,
                                       GtkWidget          *overview)
{
  GtkWidget *window = adw_window_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *header = adw_header_bar_new ();

  gtk_window_set_title (GTK_WINDOW (window), _("Exercise Overview"));
  gtk_window_set_transient_for (GTK_WINDOW (window), GTK_WINDOW (self));
  gtk_window_set_hide_on_close (GTK_WINDOW (window), TRUE);
  gtk_window_set_default_size (GTK_WINDOW (window), 560, 620);
  gtk_widget_set_vexpand (overview, TRUE);
  gtk_box_append (GTK_BOX (box), header);
  gtk_box_append (GTK_BOX (box), overview);
  adw_window_set_content (ADW_WINDOW (window), box);
  return window;
}

static void
odan_scenario_editor_actions_overview (GtkWidget  *widget,
                                       const char *action_name,
                                       GVariant   *parameter)
{
  OdanScenarioEditor *self = ODAN_SCENARIO_EDITOR (widget);

  gtk_window_present (GTK_WINDOW (self->overview_window));
}

void
_odan_scenario_editor_class_actions_init (OdanScenarioEditorClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  gtk_widget_class_install_action (widget_class, "editor.undo", NULL, odan_scenario_editor_actions_undo);
  gtk_widget_class_install_action (widget_class, "editor.redo", NULL, odan_scenario_editor_actions_redo);
  gtk_widget_class_install_action (widget_class, "editor.save", NULL, odan_scenario_editor_actions_save);
  gtk_widget_class_install_action (widget_class, "editor.import-msel", NULL, odan_scenario_editor_actions_import_msel);
  gtk_widget_class_install_action (widget_class, "editor.export-msel", "s", odan_scenario_editor_actions_export_msel);
  gtk_widget_class_install_action (widget_class, "editor.export-pack", NULL, odan_scenario_editor_actions_export_pack);
  gtk_widget_class_install_action (widget_class, "editor.overview", NULL, odan_scenario_editor_actions_overview);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_z, GDK_CONTROL_MASK, "editor.undo", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_z, GDK_CONTROL_MASK | GDK_SHIFT_MASK, "editor.redo", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_y, GDK_CONTROL_MASK, "editor.redo", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_s, GDK_CONTROL_MASK, "editor.save", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_i, GDK_CONTROL_MASK, "editor.import-msel", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_w, GDK_CONTROL_MASK, "window.close", NULL);
}

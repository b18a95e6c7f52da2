/* odan-overview-editor.c — scenario.ini's exercise overview, edited
 *
 * One AdwEntryRow per overview key, made from the table below in the
 * schema's order; @updating is set while rows are filled from the
 * document so that filling them does not edit it again.
 */
#define G_LOG_DOMAIN "odan-gui"

#include <glib/gi18n.h>

#include "odan-overview-editor.h"
#include "odan-pack-schema.h"


struct _OdanOverviewEditor
{
  AdwBin                parent_instance;

  AdwPreferencesGroup  *group;

  OdanScenarioDocument *document;
  AdwEntryRow          *rows[ODAN_N_SCENARIO_COLUMNS];
  gboolean              updating;
};

G_DEFINE_FINAL_TYPE (OdanOverviewEditor, odan_overview_editor, ADW_TYPE_BIN)

static const struct {
  guint       column;
  const char *title;
} fields[] = {
  { ODAN_COL_SCENARIO_MISSION_AREA, N_("Mission Area") },
  { ODAN_COL_SCENARIO_MISSION_AREA_JA, N_("Mission Area (Japanese)") },
  { ODAN_COL_SCENARIO_THREAT_HAZARD, N_("Threat or Hazard") },
  { ODAN_COL_SCENARIO_THREAT_HAZARD_JA, N_("Threat or Hazard (Japanese)") },
  { ODAN_COL_SCENARIO_SPONSOR, N_("Sponsor") },
  { ODAN_COL_SCENARIO_SPONSOR_JA, N_("Sponsor (Japanese)") },
  { ODAN_COL_SCENARIO_POC, N_("Point of Contact") },
  { ODAN_COL_SCENARIO_POC_JA, N_("Point of Contact (Japanese)") },
};

static void
fill (OdanOverviewEditor *self)
{
  self->updating = TRUE;
  for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
    {
      AdwEntryRow *row = self->rows[fields[i].column];
      const char *text = odan_scenario_document_get_setting (self->document, fields[i].column);

      if (g_strcmp0 (gtk_editable_get_text (GTK_EDITABLE (row)), text) != 0)
        gtk_editable_set_text (GTK_EDITABLE (row), text);
    }
  self->updating = FALSE;
}

static void
on_changed (AdwEntryRow        *row,
            OdanOverviewEditor *self)
{
  guint column = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (row), "odan-column"));

  if (!self->updating)
    odan_scenario_document_set_setting (self->document, column, gtk_editable_get_text (GTK_EDITABLE (row)));
}

static void
on_edited (OdanOverviewEditor *self,
           guint               table,
           guint               row,
           int                 column)
{
  if (table == ODAN_PACK_N_TABLES)
    fill (self);
}

/* A problem the loader names on a key's line marks that key's row, with
 * the message as its tooltip. */
static void
on_validated (OdanOverviewEditor *self)
{
  GPtrArray *diagnostics = odan_scenario_document_get_diagnostics (self->document);

  for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
    {
      GtkWidget *row = GTK_WIDGET (self->rows[fields[i].column]);
      guint line = odan_scenario_document_get_setting_line (self->document, fields[i].column);
      const OdanDiagnostic *found = NULL;

      for (guint d = 0; line > 0 && found == NULL && diagnostics != NULL && d < diagnostics->len; d++)
        {
          const OdanDiagnostic *diag = g_ptr_array_index (diagnostics, d);

          if (diag->line == line && g_strcmp0 (diag->file, "scenario.ini") == 0)
            found = diag;
        }
      if (found != NULL)
        gtk_widget_add_css_class (row, "error");
      else
        gtk_widget_remove_css_class (row, "error");
      gtk_widget_set_tooltip_text (row, found != NULL ? found->message : NULL);
    }
}

static void
odan_overview_editor_dispose (GObject *object)
{
  OdanOverviewEditor *self = ODAN_OVERVIEW_EDITOR (object);

  if (self->document != NULL)
    g_signal_handlers_disconnect_by_data (self->document, self);
  g_clear_object (&self->document);
  gtk_widget_dispose_template (GTK_WIDGET (self), ODAN_TYPE_OVERVIEW_EDITOR);
  G_OBJECT_CLASS (odan_overview_editor_parent_class)->dispose (object);
}

static void
odan_overview_editor_class_init (OdanOverviewEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = odan_overview_editor_dispose;
  gtk_widget_class_set_template_from_resource (widget_class, "/jp/odan/Odan/odan-overview-editor.ui");
  gtk_widget_class_bind_template_child (widget_class, OdanOverviewEditor, group);
}

static void
odan_overview_editor_init (OdanOverviewEditor *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
    {
      GtkWidget *row = adw_entry_row_new ();

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _(fields[i].title));
      g_object_set_data (G_OBJECT (row), "odan-column", GUINT_TO_POINTER (fields[i].column));
      g_signal_connect (row, "changed", G_CALLBACK (on_changed), self);
      adw_preferences_group_add (self->group, row);
      self->rows[fields[i].column] = ADW_ENTRY_ROW (row);
    }
}

GtkWidget *
odan_overview_editor_new (OdanScenarioDocument *document)
{
  OdanOverviewEditor *self;

  g_return_val_if_fail (ODAN_IS_SCENARIO_DOCUMENT (document), NULL);

  self = g_object_new (ODAN_TYPE_OVERVIEW_EDITOR, NULL);
  self->document = g_object_ref (document);
  fill (self);
  g_signal_connect_swapped (document, "edited", G_CALLBACK (on_edited), self);
  g_signal_connect_swapped (document, "validated", G_CALLBACK (on_validated), self);
  return GTK_WIDGET (self);
}

AdwEntryRow *
odan_overview_editor_get_row (OdanOverviewEditor *self,
                              guint               column)
{
  g_return_val_if_fail (ODAN_IS_OVERVIEW_EDITOR (self), NULL);
  g_return_val_if_fail (column < ODAN_N_SCENARIO_COLUMNS, NULL);

  return self->rows[column];
}

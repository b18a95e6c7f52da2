/* odan-scenario-editor.c — a window to edit a scenario pack before the day
 *
 * The window owns the document; the table pages and the problem list
 * follow its signals. The preview is run again only when the Preview page
 * is shown (or asked for) after a check found the pack valid: the
 * document replaces its pack on every check, and a preview points into
 * it, so a stale preview is dropped at once (@preview_stale).
 */
#define G_LOG_DOMAIN "odan-gui"

#include <glib/gi18n.h>

#include "odan-diagnostic-row.h"
#include "odan-scenario-editor-private.h"

G_DEFINE_FINAL_TYPE (OdanScenarioEditor, odan_scenario_editor, ADW_TYPE_WINDOW)

enum {
  SAVED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static const struct {
  OdanPackTable table;
  const char   *name;
  const char   *title;
  const char   *icon;
} pages[] = {
  { ODAN_PACK_TABLE_INJECTS,      "injects",      N_("Injects"),      "mail-unread-symbolic" },
  { ODAN_PACK_TABLE_MITIGATIONS,  "mitigations",  N_("Mitigations"),  "emblem-ok-symbolic" },
  { ODAN_PACK_TABLE_POOLS,        "pools",        N_("Pools"),        "view-grid-symbolic" },
  { ODAN_PACK_TABLE_TEAMS,        "teams",        N_("Teams"),        "system-users-symbolic" },
  { ODAN_PACK_TABLE_NODES,        "nodes",        N_("Nodes"),        "network-server-symbolic" },
  { ODAN_PACK_TABLE_DEPENDENCIES, "dependencies", N_("Dependencies"), "network-wired-symbolic" },
  { ODAN_PACK_TABLE_SECTORS,      "sectors",      N_("Sectors"),      "view-list-symbolic" },
};

void
_odan_scenario_editor_toast (OdanScenarioEditor *self,
                             const char         *message)
{
  AdwToast *toast = adw_toast_new (message);

  adw_toast_set_timeout (toast, 4);
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

static void
update_title (OdanScenarioEditor *self)
{
  g_autofree char *base = g_path_get_basename (odan_scenario_document_get_path (self->document));
  g_autofree char *title = NULL;

  title = odan_scenario_document_get_modified (self->document)
          ? g_strdup_printf ("• %s", base) : g_strdup (base);
  gtk_window_set_title (GTK_WINDOW (self), title);
  adw_view_switcher_title_set_title (self->switcher_title, title);
  adw_view_switcher_title_set_subtitle (self->switcher_title,
                                        odan_scenario_document_get_modified (self->document)
                                        ? _("Edit Scenario — not saved") : _("Edit Scenario"));
}

/* ------------------------------------------------------------------ */
/* Preview */

static void
show_preview_rows (OdanScenarioEditor *self,
                   const OdanPreview  *preview)
{
  GtkWidget *child;
  guint n_flagged = 0, n_noted = 0;
  g_autofree char *summary = NULL;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->preview_list))) != NULL)
    gtk_list_box_remove (self->preview_list, child);

  for (guint i = 0; preview != NULL && i < preview->n_injects; i++)
    {
      const OdanPreviewInject *pi = &preview->injects[i];
      g_autofree char *text = NULL;
      g_auto(GStrv) lines = NULL;
      GtkWidget *row, *icon;

      if (!pi->flagged && !pi->noted)
        continue;
      n_flagged += pi->flagged;
      n_noted += !pi->flagged;
      text = odan_preview_view_describe (self->preview_view, i);
      lines = g_strsplit (text, "\n", 2);
      row = adw_action_row_new ();
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), lines[0]);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), lines[1] != NULL ? lines[1] : "");
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
      icon = gtk_image_new_from_icon_name (pi->flagged ? "dialog-error-symbolic" : "dialog-information-symbolic");
      gtk_widget_add_css_class (icon, pi->flagged ? "error" : "warning");
      adw_action_row_add_prefix (ADW_ACTION_ROW (row), icon);
      g_object_set_data (G_OBJECT (row), "odan-inject", GUINT_TO_POINTER (i));
      gtk_list_box_append (self->preview_list, row);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->preview_list), n_flagged + n_noted > 0);

  if (preview == NULL)
    summary = g_strdup ("");
  else if (n_flagged + n_noted == 0)
    summary = g_strdup (_("The model without decisions. Every inject that speaks of an outage comes when the model has it."));
  else
    {
      g_autofree char *flags = g_strdup_printf (ngettext ("%u inject announces an outage before the model has it",
                                                          "%u injects announce an outage before the model has it",
                                                          n_flagged), n_flagged);
      g_autofree char *notes = g_strdup_printf (ngettext ("%u speaks of one long after it ended",
                                                          "%u speak of one long after it ended",
                                                          n_noted), n_noted);

      /* "The model without decisions: 1 inject announces …; 0 speak of …" */
      summary = g_strdup_printf (_("The model without decisions: %s; %s. Click a marker to edit its inject."),
                                 flags, notes);
    }
  gtk_label_set_text (self->preview_summary, summary);
}

static void
refresh_preview (OdanScenarioEditor *self)
{
  const OdanPack *pack = odan_scenario_document_get_pack (self->document);

  if (!self->preview_stale)
    return;
  self->preview_stale = FALSE;
  if (pack == NULL)
    {
      show_preview_rows (self, NULL);
      gtk_stack_set_visible_child_name (self->preview_stack, "invalid");
      return;
    }
  odan_preview_view_set_preview (self->preview_view, odan_preview_run (pack, -1));
  show_preview_rows (self, odan_preview_view_get_preview (self->preview_view));
  gtk_stack_set_visible_child_name (self->preview_stack, "timeline");
}

static void
odan_scenario_editor_on_page (OdanScenarioEditor *self)
{
  if (g_strcmp0 (adw_view_stack_get_visible_child_name (self->view_stack), "preview") == 0)
    refresh_preview (self);
}

static void
select_inject (OdanScenarioEditor *self,
               guint               inject)
{
  odan_scenario_editor_show_page (self, "injects");
  odan_table_editor_select (self->editors[ODAN_PACK_TABLE_INJECTS], inject);
}

static void
odan_scenario_editor_on_inject_activated (OdanScenarioEditor *self,
                                          guint               inject)
{
  select_inject (self, inject);
}

static void
odan_scenario_editor_on_preview_row (OdanScenarioEditor *self,
                                     GtkListBoxRow      *row)
{
  guint inject = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (row), "odan-inject"));

  odan_preview_view_set_selected (self->preview_view, inject);
  select_inject (self, inject);
}

/* ------------------------------------------------------------------ */
/* Problems */

static void
add_problem_row (gpointer row,
                 gpointer user_data)
{
  OdanScenarioEditor *self = user_data;

  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
  gtk_list_box_append (self->problems_list, row);
}

static void
on_validated (OdanScenarioEditor *self)
{
  GPtrArray *diagnostics = odan_scenario_document_get_diagnostics (self->document);
  guint n_errors = odan_scenario_document_get_n_errors (self->document);
  guint n_warnings = diagnostics->len - n_errors;
  GtkWidget *child;
  guint n_rows;
  g_autofree char *heading = NULL;

  /* the old preview points into the pack the check just replaced */
  odan_preview_view_set_preview (self->preview_view, NULL);
  self->preview_stale = TRUE;
  if (g_strcmp0 (adw_view_stack_get_visible_child_name (self->view_stack), "preview") == 0)
    refresh_preview (self);

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->problems_list))) != NULL)
    gtk_list_box_remove (self->problems_list, child);
  n_rows = odan_diagnostic_rows_populate (diagnostics, add_problem_row, self);
  for (guint i = 0; i < MIN (n_rows, diagnostics->len); i++)
    g_object_set_data (G_OBJECT (gtk_list_box_get_row_at_index (self->problems_list, i)),
                       "odan-diagnostic", g_ptr_array_index (diagnostics, i));

  if (n_errors > 0)
    heading = g_strdup_printf (ngettext ("%u error — the pack cannot be saved until it is fixed",
                                         "%u errors — the pack cannot be saved until they are fixed",
                                         n_errors), n_errors);
  else
    heading = g_strdup_printf (ngettext ("%u warning", "%u warnings", n_warnings), n_warnings);
  gtk_label_set_text (self->problems_label, heading);
  gtk_widget_set_visible (GTK_WIDGET (self->problems_box), diagnostics->len > 0);

  _odan_scenario_editor_actions_update (self);
}

static void
odan_scenario_editor_on_problem (OdanScenarioEditor *self,
                                 GtkListBoxRow      *row)
{
  const OdanDiagnostic *diag = g_object_get_data (G_OBJECT (row), "odan-diagnostic");
  OdanPackTable table;
  int index;

  if (diag == NULL || !odan_scenario_document_locate (self->document, diag, &table, &index))
    return;
  for (guint i = 0; i < G_N_ELEMENTS (pages); i++)
    if (pages[i].table == table)
      odan_scenario_editor_show_page (self, pages[i].name);
  if (index >= 0)
    odan_table_editor_select (self->editors[table], index);
}

static void
on_state_changed (OdanScenarioEditor *self)
{
  update_title (self);
  _odan_scenario_editor_actions_update (self);
}

/* ------------------------------------------------------------------ */
/* Closing with changes */

static void
on_close_response (AdwMessageDialog   *dialog,
                   const char         *response,
                   OdanScenarioEditor *self)
{
  if (g_strcmp0 (response, "save") == 0 && !_odan_scenario_editor_save (self))
    return;
  if (g_strcmp0 (response, "save") == 0 || g_strcmp0 (response, "discard") == 0)
    {
      self->close_confirmed = TRUE;
      gtk_window_close (GTK_WINDOW (self));
    }
}

static gboolean
odan_scenario_editor_close_request (GtkWindow *window)
{
  OdanScenarioEditor *self = ODAN_SCENARIO_EDITOR (window);
  GtkWidget *dialog;

  if (self->close_confirmed || !odan_scenario_document_get_modified (self->document))
    return GTK_WINDOW_CLASS (odan_scenario_editor_parent_class)->close_request (window);

  dialog = adw_message_dialog_new (window, _("Save Changes?"),
                                   _("The pack has changes that are not saved. Closing without saving loses them."));
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "discard", _("_Discard"),
                                    "save", _("_Save"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "discard", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "save", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_response_enabled (ADW_MESSAGE_DIALOG (dialog), "save",
                                           odan_scenario_document_get_n_errors (self->document) == 0);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_signal_connect (dialog, "response", G_CALLBACK (on_close_response), self);
  gtk_window_present (GTK_WINDOW (dialog));
  return TRUE;
}

/* ------------------------------------------------------------------ */

gboolean
_odan_scenario_editor_save (OdanScenarioEditor *self)
{
  g_autoptr(GError) error = NULL;

  if (!odan_scenario_document_save (self->document, &error))
    {
      _odan_scenario_editor_toast (self, error->message);
      return FALSE;
    }
  _odan_scenario_editor_toast (self, _("Pack saved"));
  g_signal_emit (self, signals[SAVED], 0);
  return TRUE;
}

static void
odan_scenario_editor_dispose (GObject *object)
{
  OdanScenarioEditor *self = ODAN_SCENARIO_EDITOR (object);

  if (self->document != NULL)
    g_signal_handlers_disconnect_by_data (self->document, self);
  if (self->overview_window != NULL)
    gtk_window_destroy (GTK_WINDOW (g_steal_pointer (&self->overview_window)));
  /* the preview points into the document's pack */
  if (self->preview_view != NULL)
    odan_preview_view_set_preview (self->preview_view, NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), ODAN_TYPE_SCENARIO_EDITOR);
  G_OBJECT_CLASS (odan_scenario_editor_parent_class)->dispose (object);
}

static void
odan_scenario_editor_finalize (GObject *object)
{
  OdanScenarioEditor *self = ODAN_SCENARIO_EDITOR (object);

  g_clear_object (&self->document);
  G_OBJECT_CLASS (odan_scenario_editor_parent_class)->finalize (object);
}

static void
odan_scenario_editor_class_init (OdanScenarioEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = odan_scenario_editor_dispose;
  object_class->finalize = odan_scenario_editor_finalize;
  window_class->close_request = odan_scenario_editor_close_request;

  /* The pack folder was written (by Save or an import). */
  signals[SAVED] =
    g_signal_new ("saved", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);

  g_type_ensure (ODAN_TYPE_PREVIEW_VIEW);
  gtk_widget_class_set_template_from_resource (widget_class, "/jp/odan/Odan/odan-scenario-editor.ui");
  gtk_widget_class_bind_template_child (widget_class, OdanScenarioEditor, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, OdanScenarioEditor, view_stack);
  gtk_widget_class_bind_template_child (widget_class, OdanScenarioEditor, switcher_title);
  gtk_widget_class_bind_template_child (widget_class, OdanScenarioEditor, problems_box);
  gtk_widget_class_bind_template_child (widget_class, OdanScenarioEditor, problems_label);
  gtk_widget_class_bind_template_child (widget_class, OdanScenarioEditor, problems_list);
  gtk_widget_class_bind_template_child (widget_class, OdanScenarioEditor, preview_stack);
  gtk_widget_class_bind_template_child (widget_class, OdanScenarioEditor, preview_view);
  gtk_widget_class_bind_template_child (widget_class, OdanScenarioEditor, preview_summary);
  gtk_widget_class_bind_template_child (widget_class, OdanScenarioEditor, preview_list);
  gtk_widget_class_bind_template_callback (widget_class, odan_scenario_editor_on_page);
  gtk_widget_class_bind_template_callback (widget_class, odan_scenario_editor_on_problem);
  gtk_widget_class_bind_template_callback (widget_class, odan_scenario_editor_on_inject_activated);
  gtk_widget_class_bind_template_callback (widget_class, odan_scenario_editor_on_preview_row);

  _odan_scenario_editor_class_actions_init (klass);
}

static void
odan_scenario_editor_init (OdanScenarioEditor *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

OdanScenarioEditor *
odan_scenario_editor_new (GtkApplication  *application,
                          const char      *path,
                          GError         **error)
{
  g_autoptr(OdanScenarioDocument) document = NULL;
  OdanScenarioEditor *self;
  AdwViewStackPage *page;

  g_return_val_if_fail (application == NULL || GTK_IS_APPLICATION (application), NULL);
  g_return_val_if_fail (path != NULL, NULL);

  document = odan_scenario_document_load (path, error);
  if (document == NULL)
    return NULL;

  self = g_object_new (ODAN_TYPE_SCENARIO_EDITOR, "application", application, NULL);
  self->document = g_steal_pointer (&document);

  for (guint i = 0; i < G_N_ELEMENTS (pages); i++)
    {
      GtkWidget *editor = odan_table_editor_new (self->document, pages[i].table);

      self->editors[pages[i].table] = ODAN_TABLE_EDITOR (editor);
      page = adw_view_stack_add_titled (self->view_stack, editor, pages[i].name, _(pages[i].title));
      adw_view_stack_page_set_icon_name (page, pages[i].icon);
    }
  /* the overview is a few settings, not a table: a window of its own
   * (editor.overview) rather than a ninth page of the switcher */
  self->overview = ODAN_OVERVIEW_EDITOR (odan_overview_editor_new (self->document));
  self->overview_window = _odan_scenario_editor_overview_window (self, GTK_WIDGET (self->overview));
  page = adw_view_stack_add_titled (self->view_stack, GTK_WIDGET (self->preview_stack), "preview", _("Preview"));
  adw_view_stack_page_set_icon_name (page, "x-office-presentation-symbolic");
  adw_view_stack_set_visible_child_name (self->view_stack, "injects");

  g_signal_connect_swapped (self->document, "validated", G_CALLBACK (on_validated), self);
  g_signal_connect_swapped (self->document, "notify::modified", G_CALLBACK (on_state_changed), self);
  g_signal_connect_swapped (self->document, "notify::can-undo", G_CALLBACK (on_state_changed), self);
  g_signal_connect_swapped (self->document, "notify::can-redo", G_CALLBACK (on_state_changed), self);

  on_validated (self);
  on_state_changed (self);
  return self;
}

OdanScenarioDocument *
odan_scenario_editor_get_document (OdanScenarioEditor *self)
{
  g_return_val_if_fail (ODAN_IS_SCENARIO_EDITOR (self), NULL);

  return self->document;
}

OdanTableEditor *
odan_scenario_editor_get_table_editor (OdanScenarioEditor *self,
                                       OdanPackTable       table)
{
  g_return_val_if_fail (ODAN_IS_SCENARIO_EDITOR (self), NULL);
  g_return_val_if_fail (table < ODAN_PACK_N_TABLES, NULL);

  return self->editors[table];
}

void
odan_scenario_editor_show_page (OdanScenarioEditor *self,
                                const char         *name)
{
  g_return_if_fail (ODAN_IS_SCENARIO_EDITOR (self));

  adw_view_stack_set_visible_child_name (self->view_stack, name);
}

OdanPreviewView *
odan_scenario_editor_get_preview_view (OdanScenarioEditor *self)
{
  g_return_val_if_fail (ODAN_IS_SCENARIO_EDITOR (self), NULL);

  odan_scenario_document_validate (self->document);
  refresh_preview (self);
  return self->preview_view;
}

/* odan-table-editor.c — one table of a pack being edited: a list and a form
 *
 * The column view shows the document's GListModel of OdanTableRow through
 * a GtkSingleSelection; each column's cells are labels bound to the row's
 * text. The form has one Field per table column: an AdwEntryRow, an
 * AdwComboRow for the dependency type, or a text view for the columns
 * that hold paragraphs. @updating is set while the form is filled from the
 * document, so filling it is not taken for typing.
 */
#define G_LOG_DOMAIN "odan-gui"

#include <glib/gi18n.h>
#include <string.h>

#include "odan-enum.h"
#include "odan-model-enums.h"
#include "odan-table-editor.h"
#include "odan-table-row.h"

typedef struct {
  OdanTableEditor *self;
  guint            column;
  char            *name;
  GtkWidget       *row;       /* the form's row */
  GtkWidget       *editor;    /* AdwEntryRow, AdwComboRow or GtkTextView */
  GtkWidget       *icon;      /* shows a problem, with the message as tooltip */
  char            *problem;
} Field;

struct _OdanTableEditor
{
  AdwBin                parent_instance;

  /* Template widgets */
  GtkButton            *add_button;
  GtkButton            *delete_button;
  GtkLabel             *count_label;
  GtkColumnView        *column_view;
  GtkStack             *form_stack;
  AdwPreferencesGroup  *fields_group;
  GtkLabel             *problems_label;

  /* Owned */
  OdanScenarioDocument *document;
  OdanPackTable         table;
  GtkSingleSelection   *selection;
  GPtrArray            *fields;     /* Field* */
  gboolean              updating;
};

G_DEFINE_FINAL_TYPE (OdanTableEditor, odan_table_editor, ADW_TYPE_BIN)

/* The dependency types, as dependencies.csv writes them: the nicks of
 * OdanDepType, in the order of its values. */
static const char *const *
dep_types (void)
{
  static const char **types = NULL;

  if (g_once_init_enter (&types))
    {
      const char **words = g_new0 (const char *, ODAN_DEP_LOGICAL + 2);

      for (int i = 0; i <= ODAN_DEP_LOGICAL; i++)
        words[i] = odan_enum_to_nick (ODAN_TYPE_DEP_TYPE, i);
      g_once_init_leave (&types, words);
    }
  return types;
}

static void field_free (Field *field);

const char *
odan_table_editor_column_label (OdanPackTable table,
                                const char   *column)
{
  static const struct { const char *name; const char *label; } labels[] = {
    { "id", N_("Id") },
    { "name", N_("Name") },
    { "name_ja", N_("Name (Japanese)") },
    { "ministry", N_("Ministry") },
    { "sector", N_("Sector") },
    { "region", N_("Region") },
    { "team", N_("Team") },
    { "notes", N_("Notes") },
    { "provider", N_("Provider") },
    { "dependent", N_("Dependent") },
    { "type", N_("Type") },
    { "strength", N_("Strength") },
    { "buffer", N_("Buffer") },
    { "lag", N_("Lag") },
    { "restart", N_("Restart") },
    { "restart_below", N_("Restart Below") },
    { "coverage", N_("Coverage") },
    { "group", N_("Group") },
    { "source", N_("Source") },
    { "ceptoar", N_("CEPTOAR") },
    { "contact", N_("Contact Means") },
    { "role", N_("Role") },
    { "member_of", N_("Member Of") },
    { "members", N_("Simulated Members") },
    { "member_received", N_("Members Confirm Receipt (Median)") },
    { "member_read", N_("Members Read (Median)") },
    { "member_spread", N_("Spread of Members' Times") },
    { "member_silent", N_("Share of Silent Members") },
    { "time", N_("Time") },
    { "to", N_("Recipients") },
    { "title", N_("Title") },
    { "title_ja", N_("Title (Japanese)") },
    { "from", N_("Sender") },
    { "channel", N_("Channel") },
    { "body", N_("Message") },
    { "expected_action", N_("Expected Action") },
    { "objective", N_("Objective") },
    { "effect", N_("Effect") },
    { "sharing", N_("Sharing Level") },
    { "event_type", N_("Event Type") },
    { "responsible_controller", N_("Responsible Controller") },
    { "evaluator_instructions", N_("Evaluator Instructions") },
    { "label", N_("Label") },
    { "label_ja", N_("Label (Japanese)") },
    { "delay", N_("Delay") },
    { "pool", N_("Pool") },
    { "uses", N_("Units Used") },
    { "capacity", N_("Capacity") },
  };

  for (guint i = 0; i < G_N_ELEMENTS (labels); i++)
    if (g_ascii_strcasecmp (labels[i].name, column) == 0)
      return _(labels[i].label);
  return column;
}

static gboolean
is_multiline (const char *column)
{
  static const char *const names[] = { "body", "expected_action", "notes", "objective", NULL };

  for (guint i = 0; names[i] != NULL; i++)
    if (g_ascii_strcasecmp (names[i], column) == 0)
      return TRUE;
  return FALSE;
}

static int
dep_type_index (const char *text)
{
  g_autofree char *trimmed = g_strstrip (g_strdup (text));

  for (guint i = 0; dep_types ()[i] != NULL; i++)
    if (g_ascii_strcasecmp (dep_types ()[i], trimmed) == 0)
      return i;
  return -1;
}

/* ------------------------------------------------------------------ */
/* The list */

static void
cell_setup (GtkSignalListItemFactory *factory,
            GtkListItem              *item,
            gpointer                  user_data)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_label_set_single_line_mode (GTK_LABEL (label), TRUE);
  gtk_label_set_max_width_chars (GTK_LABEL (label), 48);
  gtk_list_item_set_child (item, label);
}

static void
cell_bind (GtkSignalListItemFactory *factory,
           GtkListItem              *item,
           gpointer                  user_data)
{
  OdanTableRow *row = gtk_list_item_get_item (item);
  guint column = GPOINTER_TO_UINT (user_data);
  g_autofree char *text = g_strdup (odan_table_row_get (row, column));

  /* a paragraph shows on one line */
  g_strdelimit (text, "\r\n", ' ');
  /* GTK 4.8 measures an ellipsizing label whose text is narrower than "…"
   * as narrower than its minimum: short texts need no ellipsis anyway */
  gtk_label_set_ellipsize (GTK_LABEL (gtk_list_item_get_child (item)),
                           g_utf8_strlen (text, -1) > 3 ? PANGO_ELLIPSIZE_END : PANGO_ELLIPSIZE_NONE);
  gtk_label_set_text (GTK_LABEL (gtk_list_item_get_child (item)), text);
}

static int
column_width (const char *column)
{
  static const struct { const char *name; int width; } widths[] = {
    { "id", 110 }, { "time", 90 }, { "to", 130 }, { "title", 220 }, { "title_ja", 220 },
    { "body", 260 }, { "label", 240 }, { "label_ja", 240 }, { "name", 200 }, { "name_ja", 180 },
    { "provider", 150 }, { "dependent", 150 }, { "type", 90 }, { "strength", 80 },
    { "buffer", 80 }, { "lag", 70 }, { "restart", 80 }, { "restart_below", 80 }, { "coverage", 80 },
    { "capacity", 80 }, { "uses", 60 }, { "delay", 70 }, { "effect", 220 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (widths); i++)
    if (g_ascii_strcasecmp (widths[i].name, column) == 0)
      return widths[i].width;
  return 140;
}

static void
rebuild_columns (OdanTableEditor *self)
{
  GListModel *columns = gtk_column_view_get_columns (self->column_view);
  const char *const *names = odan_scenario_document_get_columns (self->document, self->table);

  while (g_list_model_get_n_items (columns) > 0)
    {
      g_autoptr(GtkColumnViewColumn) column = g_list_model_get_item (columns, 0);

      gtk_column_view_remove_column (self->column_view, column);
    }

  for (guint i = 0; names[i] != NULL; i++)
    {
      g_autoptr(GtkListItemFactory) factory = gtk_signal_list_item_factory_new ();
      g_autoptr(GtkColumnViewColumn) column = NULL;

      g_signal_connect (factory, "setup", G_CALLBACK (cell_setup), NULL);
      g_signal_connect (factory, "bind", G_CALLBACK (cell_bind), GUINT_TO_POINTER (i));
      column = gtk_column_view_column_new (odan_table_editor_column_label (self->table, names[i]),
                                           g_object_ref (factory));
      gtk_column_view_column_set_resizable (column, TRUE);
      /* natural widths would follow the first rows shown; fixed ones keep still */
      gtk_column_view_column_set_fixed_width (column, column_width (names[i]));
      gtk_column_view_append_column (self->column_view, column);
    }
}

static void
update_count (OdanTableEditor *self)
{
  guint n = g_list_model_get_n_items (odan_scenario_document_get_rows (self->document, self->table));
  g_autofree char *text = g_strdup_printf (ngettext ("%u row", "%u rows", n), n);

  gtk_label_set_text (self->count_label, text);
  gtk_widget_set_sensitive (GTK_WIDGET (self->delete_button), odan_table_editor_get_selected (self) >= 0);
}

/* ------------------------------------------------------------------ */
/* The form */

static void
field_free (Field *field)
{
  g_free (field->name);
  g_free (field->problem);
  g_free (field);
}

static void
field_commit (Field      *field,
              const char *text)
{
  OdanTableEditor *self = field->self;
  int row = odan_table_editor_get_selected (self);

  if (self->updating || row < 0)
    return;
  odan_scenario_document_set_cell (self->document, self->table, row, field->column, text);
}

static void
on_entry_changed (GtkEditable *editable,
                  Field       *field)
{
  field_commit (field, gtk_editable_get_text (editable));
}

static void
on_buffer_changed (GtkTextBuffer *buffer,
                   Field         *field)
{
  GtkTextIter start, end;
  g_autofree char *text = NULL;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  text = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
  field_commit (field, text);
}

static void
on_combo_selected (AdwComboRow *combo,
                   GParamSpec  *pspec,
                   Field       *field)
{
  guint selected = adw_combo_row_get_selected (combo);

  if (selected < g_strv_length ((char **) dep_types ()))
    field_commit (field, dep_types ()[selected]);
}

/* Leaving a field ends its undo step: the next typing is a new one. */
static void
on_focus_leave (GtkEventControllerFocus *controller,
                OdanTableEditor         *self)
{
  odan_scenario_document_close_group (self->document);
}

static void
watch_focus (OdanTableEditor *self,
             GtkWidget       *widget)
{
  GtkEventController *focus = gtk_event_controller_focus_new ();

  g_signal_connect (focus, "leave", G_CALLBACK (on_focus_leave), self);
  gtk_widget_add_controller (widget, focus);
}

static GtkWidget *
problem_icon_new (void)
{
  GtkWidget *icon = gtk_image_new_from_icon_name ("dialog-error-symbolic");

  gtk_widget_add_css_class (icon, "error");
  gtk_widget_set_valign (icon, GTK_ALIGN_CENTER);
  gtk_widget_set_visible (icon, FALSE);
  return icon;
}

static void
rebuild_fields (OdanTableEditor *self)
{
  const char *const *names = odan_scenario_document_get_columns (self->document, self->table);

  for (guint i = 0; i < self->fields->len; i++)
    {
      Field *field = g_ptr_array_index (self->fields, i);

      adw_preferences_group_remove (self->fields_group, field->row);
    }
  g_ptr_array_set_size (self->fields, 0);

  for (guint i = 0; names[i] != NULL; i++)
    {
      Field *field = g_new0 (Field, 1);
      const char *title = odan_table_editor_column_label (self->table, names[i]);

      field->self = self;
      field->column = i;
      field->name = g_strdup (names[i]);
      field->icon = problem_icon_new ();

      if (self->table == ODAN_PACK_TABLE_DEPENDENCIES && g_ascii_strcasecmp (names[i], "type") == 0)
        {
          g_autoptr(GtkStringList) model = gtk_string_list_new (dep_types ());

          field->row = field->editor = adw_combo_row_new ();
          adw_combo_row_set_model (ADW_COMBO_ROW (field->editor), G_LIST_MODEL (model));
          adw_preferences_row_set_title (ADW_PREFERENCES_ROW (field->row), title);
          adw_action_row_add_suffix (ADW_ACTION_ROW (field->row), field->icon);
          g_signal_connect (field->editor, "notify::selected", G_CALLBACK (on_combo_selected), field);
        }
      else if (is_multiline (names[i]))
        {
          GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
          GtkWidget *heading = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
          GtkWidget *label = gtk_label_new (title);

          field->row = adw_preferences_row_new ();
          adw_preferences_row_set_title (ADW_PREFERENCES_ROW (field->row), title);
          gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (field->row), FALSE);
          gtk_widget_set_margin_start (box, 12);
          gtk_widget_set_margin_end (box, 12);
          gtk_widget_set_margin_top (box, 8);
          gtk_widget_set_margin_bottom (box, 8);
          gtk_label_set_xalign (GTK_LABEL (label), 0);
          gtk_widget_set_hexpand (label, TRUE);
          gtk_widget_add_css_class (label, "caption");
          gtk_widget_add_css_class (label, "dim-label");
          gtk_box_append (GTK_BOX (heading), label);
          gtk_box_append (GTK_BOX (heading), field->icon);
          gtk_box_append (GTK_BOX (box), heading);

          field->editor = gtk_text_view_new ();
          gtk_text_view_set_wrap_mode (GTK_TEXT_VIEW (field->editor), GTK_WRAP_WORD_CHAR);
          gtk_text_view_set_accepts_tab (GTK_TEXT_VIEW (field->editor), FALSE);
          gtk_widget_set_size_request (field->editor, -1, 64);
          gtk_widget_add_css_class (field->editor, "inline");
          gtk_accessible_update_property (GTK_ACCESSIBLE (field->editor),
                                          GTK_ACCESSIBLE_PROPERTY_LABEL, title, -1);
          gtk_box_append (GTK_BOX (box), field->editor);
          gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (field->row), box);
          gtk_text_buffer_set_enable_undo (gtk_text_view_get_buffer (GTK_TEXT_VIEW (field->editor)), FALSE);
          g_signal_connect (gtk_text_view_get_buffer (GTK_TEXT_VIEW (field->editor)), "changed",
                            G_CALLBACK (on_buffer_changed), field);
        }
      else
        {
          field->row = field->editor = adw_entry_row_new ();
          adw_preferences_row_set_title (ADW_PREFERENCES_ROW (field->row), title);
          adw_preferences_row_set_use_underline (ADW_PREFERENCES_ROW (field->row), FALSE);
          adw_entry_row_add_suffix (ADW_ENTRY_ROW (field->row), field->icon);
          /* Ctrl+Z belongs to the document's history */
          gtk_editable_set_enable_undo (GTK_EDITABLE (field->editor), FALSE);
          g_signal_connect (field->editor, "changed", G_CALLBACK (on_entry_changed), field);
        }
      watch_focus (self, field->editor);
      adw_preferences_group_add (self->fields_group, field->row);
      g_ptr_array_add (self->fields, field);
    }
}

static void
field_show_text (Field      *field,
                 const char *text)
{
  if (ADW_IS_COMBO_ROW (field->editor))
    {
      int index = dep_type_index (text);

      adw_combo_row_set_selected (ADW_COMBO_ROW (field->editor),
                                  index >= 0 ? (guint) index : GTK_INVALID_LIST_POSITION);
    }
  else if (GTK_IS_TEXT_VIEW (field->editor))
    {
      GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (field->editor));
      GtkTextIter start, end;
      g_autofree char *shown = NULL;

      gtk_text_buffer_get_bounds (buffer, &start, &end);
      shown = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
      if (strcmp (shown, text) != 0)
        gtk_text_buffer_set_text (buffer, text, -1);
    }
  else if (strcmp (gtk_editable_get_text (GTK_EDITABLE (field->editor)), text) != 0)
    gtk_editable_set_text (GTK_EDITABLE (field->editor), text);
}

static void
show_problems (OdanTableEditor *self)
{
  GPtrArray *diagnostics = odan_scenario_document_get_diagnostics (self->document);
  int selected = odan_table_editor_get_selected (self);
  g_autoptr(GString) all = g_string_new (NULL);

  for (guint i = 0; i < self->fields->len; i++)
    {
      Field *field = g_ptr_array_index (self->fields, i);

      g_clear_pointer (&field->problem, g_free);
    }

  for (guint i = 0; selected >= 0 && i < diagnostics->len; i++)
    {
      const OdanDiagnostic *diag = g_ptr_array_index (diagnostics, i);
      OdanPackTable table;
      int row;
      g_autofree char *text = NULL;

      if (!odan_scenario_document_locate (self->document, diag, &table, &row)
          || table != self->table || row != selected)
        continue;
      text = odan_diagnostic_format (diag);
      if (all->len > 0)
        g_string_append_c (all, '\n');
      g_string_append (all, text);

      for (guint f = 0; diag->column != NULL && f < self->fields->len; f++)
        {
          Field *field = g_ptr_array_index (self->fields, f);

          if (field->problem == NULL && g_ascii_strcasecmp (field->name, diag->column) == 0)
            field->problem = g_strdup (diag->message);
        }
    }

  for (guint i = 0; i < self->fields->len; i++)
    {
      Field *field = g_ptr_array_index (self->fields, i);

      gtk_widget_set_visible (field->icon, field->problem != NULL);
      gtk_widget_set_tooltip_text (field->icon, field->problem);
      if (field->problem != NULL)
        gtk_widget_add_css_class (field->row, "error");
      else
        gtk_widget_remove_css_class (field->row, "error");
    }

  gtk_label_set_text (self->problems_label, all->str);
  gtk_widget_set_visible (GTK_WIDGET (self->problems_label), all->len > 0);
}

static void
fill_form (OdanTableEditor *self)
{
  int selected = odan_table_editor_get_selected (self);

  gtk_stack_set_visible_child_name (self->form_stack, selected >= 0 ? "form" : "empty");
  if (selected < 0)
    return;

  self->updating = TRUE;
  for (guint i = 0; i < self->fields->len; i++)
    {
      Field *field = g_ptr_array_index (self->fields, i);

      field_show_text (field, odan_scenario_document_get_cell (self->document, self->table,
                                                               selected, field->column));
    }
  self->updating = FALSE;

  if (self->table == ODAN_PACK_TABLE_DEPENDENCIES)
    {
      int provider = odan_scenario_document_find_column (self->document, self->table, "provider");
      int dependent = odan_scenario_document_find_column (self->document, self->table, "dependent");
      g_autofree char *title = NULL;

      /* an edge has no id: it is named by its two ends, as effects name it */
      title = g_strdup_printf ("%s → %s",
                               provider >= 0 ? odan_scenario_document_get_cell (self->document, self->table,
                                                                                 selected, provider) : "",
                               dependent >= 0 ? odan_scenario_document_get_cell (self->document, self->table,
                                                                                  selected, dependent) : "");
      adw_preferences_group_set_title (self->fields_group, title);
    }
  else
    adw_preferences_group_set_title (self->fields_group,
                                     odan_scenario_document_get_cell (self->document, self->table, selected, 0));
  show_problems (self);
}

/* ------------------------------------------------------------------ */
/* Document and selection */

static void
on_selection_changed (OdanTableEditor *self)
{
  odan_scenario_document_close_group (self->document);
  update_count (self);
  fill_form (self);
}

static void
on_edited (OdanTableEditor *self,
           guint            table,
           guint            row,
           int              column)
{
  if (table != self->table)
    return;
  update_count (self);
  if (column < 0 || (int) row == odan_table_editor_get_selected (self))
    fill_form (self);
}

static void
on_columns_changed (OdanTableEditor *self,
                    guint            table)
{
  if (table != self->table)
    return;
  rebuild_columns (self);
  rebuild_fields (self);
  fill_form (self);
}

static void
odan_table_editor_on_add (OdanTableEditor *self)
{
  int selected = odan_table_editor_get_selected (self);
  guint n = g_list_model_get_n_items (odan_scenario_document_get_rows (self->document, self->table));
  guint at = selected >= 0 ? (guint) selected + 1 : n;

  odan_scenario_document_insert_row (self->document, self->table, at, NULL);
  odan_table_editor_select (self, at);
}

static void
odan_table_editor_on_delete (OdanTableEditor *self)
{
  int selected = odan_table_editor_get_selected (self);

  if (selected >= 0)
    odan_scenario_document_delete_row (self->document, self->table, selected);
}

static void
odan_table_editor_dispose (GObject *object)
{
  OdanTableEditor *self = ODAN_TABLE_EDITOR (object);

  if (self->document != NULL)
    g_signal_handlers_disconnect_by_data (self->document, self);
  if (self->selection != NULL)
    g_signal_handlers_disconnect_by_data (self->selection, self);
  gtk_widget_dispose_template (GTK_WIDGET (self), ODAN_TYPE_TABLE_EDITOR);
  g_clear_object (&self->selection);
  g_clear_object (&self->document);
  g_clear_pointer (&self->fields, g_ptr_array_unref);

  G_OBJECT_CLASS (odan_table_editor_parent_class)->dispose (object);
}

static void
odan_table_editor_class_init (OdanTableEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = odan_table_editor_dispose;

  gtk_widget_class_set_template_from_resource (widget_class, "/jp/odan/Odan/odan-table-editor.ui");
  gtk_widget_class_bind_template_child (widget_class, OdanTableEditor, add_button);
  gtk_widget_class_bind_template_child (widget_class, OdanTableEditor, delete_button);
  gtk_widget_class_bind_template_child (widget_class, OdanTableEditor, count_label);
  gtk_widget_class_bind_template_child (widget_class, OdanTableEditor, column_view);
  gtk_widget_class_bind_template_child (widget_class, OdanTableEditor, form_stack);
  gtk_widget_class_bind_template_child (widget_class, OdanTableEditor, fields_group);
  gtk_widget_class_bind_template_child (widget_class, OdanTableEditor, problems_label);
  gtk_widget_class_bind_template_callback (widget_class, odan_table_editor_on_add);
  gtk_widget_class_bind_template_callback (widget_class, odan_table_editor_on_delete);
}

static void
odan_table_editor_init (OdanTableEditor *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->fields = g_ptr_array_new_with_free_func ((GDestroyNotify) field_free);
}

GtkWidget *
odan_table_editor_new (OdanScenarioDocument *document,
                       OdanPackTable         table)
{
  OdanTableEditor *self;

  g_return_val_if_fail (ODAN_IS_SCENARIO_DOCUMENT (document), NULL);
  g_return_val_if_fail (table < ODAN_PACK_N_TABLES, NULL);

  self = g_object_new (ODAN_TYPE_TABLE_EDITOR, NULL);
  self->document = g_object_ref (document);
  self->table = table;

  self->selection = gtk_single_selection_new (g_object_ref (odan_scenario_document_get_rows (document, table)));
  gtk_single_selection_set_autoselect (self->selection, TRUE);
  gtk_column_view_set_model (self->column_view, GTK_SELECTION_MODEL (self->selection));
  g_signal_connect_swapped (self->selection, "notify::selected", G_CALLBACK (on_selection_changed), self);

  g_signal_connect_swapped (document, "edited", G_CALLBACK (on_edited), self);
  g_signal_connect_swapped (document, "columns-changed", G_CALLBACK (on_columns_changed), self);
  g_signal_connect_swapped (document, "validated", G_CALLBACK (show_problems), self);

  rebuild_columns (self);
  rebuild_fields (self);
  update_count (self);
  fill_form (self);
  return GTK_WIDGET (self);
}

OdanPackTable
odan_table_editor_get_table (OdanTableEditor *self)
{
  g_return_val_if_fail (ODAN_IS_TABLE_EDITOR (self), 0);

  return self->table;
}

int
odan_table_editor_get_selected (OdanTableEditor *self)
{
  guint selected;

  g_return_val_if_fail (ODAN_IS_TABLE_EDITOR (self), -1);

  if (self->selection == NULL)
    return -1;
  selected = gtk_single_selection_get_selected (self->selection);
  return selected == GTK_INVALID_LIST_POSITION ? -1 : (int) selected;
}

void
odan_table_editor_select (OdanTableEditor *self,
                          guint            row)
{
  g_return_if_fail (ODAN_IS_TABLE_EDITOR (self));

  gtk_single_selection_set_selected (self->selection, row);
  /* GTK 4.8's column view cannot scroll to a row; its list view can */
  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->column_view));
       child != NULL; child = gtk_widget_get_next_sibling (child))
    if (GTK_IS_LIST_VIEW (child))
      gtk_widget_activate_action (child, "list.scroll-to-item", "u", row);
}

GtkWidget *
odan_table_editor_get_field (OdanTableEditor *self,
                             const char      *column)
{
  g_return_val_if_fail (ODAN_IS_TABLE_EDITOR (self), NULL);

  for (guint i = 0; i < self->fields->len; i++)
    {
      Field *field = g_ptr_array_index (self->fields, i);

      if (g_ascii_strcasecmp (field->name, column) == 0)
        return field->editor;
    }
  return NULL;
}

const char *
odan_table_editor_get_field_problem (OdanTableEditor *self,
                                     const char      *column)
{
  g_return_val_if_fail (ODAN_IS_TABLE_EDITOR (self), NULL);

  for (guint i = 0; i < self->fields->len; i++)
    {
      Field *field = g_ptr_array_index (self->fields, i);

      if (g_ascii_strcasecmp (field->name, column) == 0)
        return field->problem;
    }
  return NULL;
}

const char *
odan_table_editor_get_row_problems (OdanTableEditor *self)
{
  g_return_val_if_fail (ODAN_IS_TABLE_EDITOR (self), "");

  return gtk_label_get_text (self->problems_label);
}

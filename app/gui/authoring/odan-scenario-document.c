/* odan-scenario-document.c — a scenario pack being edited, as text tables
 *
 * Per table: @columns (the header, trimmed, NULL-terminated), @rows (a
 * GListStore of OdanTableRow) and whether the folder had the file
 * (@present: a table that was absent and is still empty is not written
 * out, so an optional file stays absent). The files the editor does not
 * show (scenario.ini, relay.csv, deadlines.csv) are kept as bytes for the
 * check. @pack and @diagnostics are the result of the last check.
 */
#define G_LOG_DOMAIN "odan-gui"

#include <glib/gi18n.h>
#include <string.h>

#include "odan-csv.h"
#include "odan-edit-history.h"
#include "odan-scenario-document.h"
#include "odan-table-row.h"

typedef struct {
  char     **columns;
  GListStore *rows;
  gboolean   present;
} Table;

struct _OdanScenarioDocument
{
  GObject          parent_instance;

  char            *path;
  Table            tables[ODAN_PACK_N_TABLES];
  GHashTable      *other_files;   /* name → GBytes */
  char            *setting;       /* the last odan_scenario_document_get_setting() */
  gboolean         ini_changed;   /* scenario.ini differs from the folder's */
  OdanEditHistory *history;

  OdanPack        *pack;
  GPtrArray       *diagnostics;
  guint            n_errors;
  guint            validate_source;
};

G_DEFINE_FINAL_TYPE (OdanScenarioDocument, odan_scenario_document, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_CAN_UNDO,
  PROP_CAN_REDO,
  PROP_MODIFIED,
  N_PROPS
};

enum {
  EDITED,
  COLUMNS_CHANGED,
  VALIDATED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

/* Whether the loader reads file @table but the editor does not show it
 * (scenario.ini, relay.csv, deadlines.csv): it is kept for the check. */
static gboolean
is_other_file (OdanSchemaTable table)
{
  for (guint t = 0; t < ODAN_PACK_N_TABLES; t++)
    if (odan_pack_table_schema (t) == table)
      return FALSE;
  return TRUE;
}

static void
odan_scenario_document_finalize (GObject *object)
{
  OdanScenarioDocument *self = ODAN_SCENARIO_DOCUMENT (object);

  g_clear_handle_id (&self->validate_source, g_source_remove);
  for (guint t = 0; t < ODAN_PACK_N_TABLES; t++)
    {
      g_strfreev (self->tables[t].columns);
      g_clear_object (&self->tables[t].rows);
    }
  g_clear_pointer (&self->other_files, g_hash_table_unref);
  g_free (self->setting);
  g_clear_pointer (&self->history, odan_edit_history_free);
  g_clear_pointer (&self->pack, odan_pack_free);
  g_clear_pointer (&self->diagnostics, g_ptr_array_unref);
  g_free (self->path);

  G_OBJECT_CLASS (odan_scenario_document_parent_class)->finalize (object);
}

static void
odan_scenario_document_get_property (GObject    *object,
                                     guint       prop_id,
                                     GValue     *value,
                                     GParamSpec *pspec)
{
  OdanScenarioDocument *self = ODAN_SCENARIO_DOCUMENT (object);

  switch (prop_id)
    {
    case PROP_CAN_UNDO:
      g_value_set_boolean (value, odan_scenario_document_get_can_undo (self));
      break;
    case PROP_CAN_REDO:
      g_value_set_boolean (value, odan_scenario_document_get_can_redo (self));
      break;
    case PROP_MODIFIED:
      g_value_set_boolean (value, odan_scenario_document_get_modified (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
odan_scenario_document_class_init (OdanScenarioDocumentClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = odan_scenario_document_finalize;
  object_class->get_property = odan_scenario_document_get_property;

  properties[PROP_CAN_UNDO] =
    g_param_spec_boolean ("can-undo", NULL, NULL, FALSE, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_CAN_REDO] =
    g_param_spec_boolean ("can-redo", NULL, NULL, FALSE, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_MODIFIED] =
    g_param_spec_boolean ("modified", NULL, NULL, FALSE, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /* A cell (column >= 0) or a whole row (column -1) of @table changed,
   * by an edit, an undo or a redo. */
  signals[EDITED] =
    g_signal_new ("edited", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 3, G_TYPE_UINT, G_TYPE_UINT, G_TYPE_INT);
  /* The header of @table changed (an import added columns). */
  signals[COLUMNS_CHANGED] =
    g_signal_new ("columns-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_UINT);
  /* The pack was checked: diagnostics and pack are new. */
  signals[VALIDATED] =
    g_signal_new ("validated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);
}

static void
odan_scenario_document_init (OdanScenarioDocument *self)
{
  for (guint t = 0; t < ODAN_PACK_N_TABLES; t++)
    self->tables[t].rows = g_list_store_new (ODAN_TYPE_TABLE_ROW);
  self->other_files = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) g_bytes_unref);
  self->history = odan_edit_history_new ();
  self->diagnostics = g_ptr_array_new_with_free_func ((GDestroyNotify) odan_diagnostic_free);
}

/* ------------------------------------------------------------------ */
/* Reading */

typedef struct {
  const char *file;
  char      **columns;
  GPtrArray  *rows;        /* char** */
} ReadContext;

static gboolean
read_row (const OdanCsvRow *row,
          gpointer          user_data,
          GError          **error)
{
  ReadContext *ctx = user_data;
  gboolean empty = TRUE;
  guint n_columns;
  char **cells;

  if (ctx->columns == NULL)
    {
      ctx->columns = g_new0 (char *, row->n_fields + 1);
      for (guint i = 0; i < row->n_fields; i++)
        ctx->columns[i] = g_strstrip (g_strdup (row->fields[i]));
      return TRUE;
    }

  /* the loader skips rows whose cells are all blank (Excel's ",,,,"); so do we */
  for (guint i = 0; i < row->n_fields && empty; i++)
    {
      const char *p = row->fields[i];

      while (*p == ' ' || *p == '\t')
        p++;
      empty = *p == '\0';
    }
  if (empty)
    return TRUE;

  n_columns = g_strv_length (ctx->columns);
  if (row->n_fields > n_columns)
    {
      g_set_error (error, ODAN_CSV_ERROR, ODAN_CSV_ERROR_CALLBACK,
                   _("%s:%u: the row has %u fields but the header names %u columns; "
                     "fix it in a spreadsheet or text editor first"),
                   ctx->file, row->line, row->n_fields, n_columns);
      return FALSE;
    }
  cells = g_new0 (char *, n_columns + 1);
  for (guint i = 0; i < n_columns; i++)
    cells[i] = g_strdup (i < row->n_fields ? row->fields[i] : "");
  g_ptr_array_add (ctx->rows, cells);
  return TRUE;
}

/* Reads table @file of @dir: its header into *@out_columns and its rows;
 * *@out_columns is NULL when the file is absent. */
static gboolean
read_table (const char  *dir,
            const char  *file,
            char      ***out_columns,
            GPtrArray  **out_rows,
            GError     **error)
{
  g_autofree char *path = g_build_filename (dir, file, NULL);
  ReadContext ctx = { file, NULL, g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev) };

  *out_columns = NULL;
  *out_rows = NULL;
  if (!g_file_test (path, G_FILE_TEST_EXISTS))
    {
      g_ptr_array_unref (ctx.rows);
      return TRUE;
    }
  if (!odan_csv_read_file (path, read_row, &ctx, NULL, error))
    {
      g_strfreev (ctx.columns);
      g_ptr_array_unref (ctx.rows);
      return FALSE;
    }
  if (ctx.columns == NULL)   /* an empty file: a header to come */
    ctx.columns = g_new0 (char *, 1);
  *out_columns = ctx.columns;
  *out_rows = ctx.rows;
  return TRUE;
}

static void
table_set (OdanScenarioDocument *self,
           OdanPackTable         table,
           char                **columns,
           GPtrArray            *rows)
{
  Table *t = &self->tables[table];
  guint n_columns = g_strv_length (columns);
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (g_object_unref);
  guint n_old = g_list_model_get_n_items (G_LIST_MODEL (t->rows));

  g_strfreev (t->columns);
  t->columns = g_strdupv (columns);
  for (guint i = 0; rows != NULL && i < rows->len; i++)
    g_ptr_array_add (items, odan_table_row_new (g_ptr_array_index (rows, i), n_columns));
  g_list_store_splice (t->rows, 0, n_old, items->pdata, items->len);
}

OdanScenarioDocument *
odan_scenario_document_load (const char  *path,
                             GError     **error)
{
  g_autoptr(OdanScenarioDocument) self = NULL;

  g_return_val_if_fail (path != NULL, NULL);

  if (!g_file_test (path, G_FILE_TEST_IS_DIR))
    {
      g_set_error (error, G_FILE_ERROR, G_FILE_ERROR_NOTDIR,
                   _("'%s' is not a scenario pack folder"), path);
      return NULL;
    }

  self = g_object_new (ODAN_TYPE_SCENARIO_DOCUMENT, NULL);
  self->path = g_strdup (path);

  for (guint t = 0; t < ODAN_PACK_N_TABLES; t++)
    {
      g_auto(GStrv) columns = NULL;
      g_autoptr(GPtrArray) rows = NULL;

      if (!read_table (path, odan_pack_table_file (t), &columns, &rows, error))
        return NULL;
      self->tables[t].present = columns != NULL;
      if (columns == NULL)
        columns = odan_pack_schema_default_header (odan_pack_table_schema (t));
      table_set (self, t, columns, rows);
    }

  for (guint i = 0; i < ODAN_SCHEMA_N_TABLES; i++)
    {
      const char *name = odan_pack_schema_table (i)->file;
      g_autofree char *file = NULL;
      g_autofree char *contents = NULL;
      gsize len;

      if (!is_other_file (i))
        continue;
      file = g_build_filename (path, name, NULL);
      if (!g_file_test (file, G_FILE_TEST_EXISTS))
        continue;
      if (!g_file_get_contents (file, &contents, &len, error))
        return NULL;
      g_hash_table_insert (self->other_files, g_strdup (name),
                           g_bytes_new_take (g_steal_pointer (&contents), len));
    }

  odan_scenario_document_validate (self);
  return g_steal_pointer (&self);
}

const char *
odan_scenario_document_get_path (OdanScenarioDocument *self)
{
  g_return_val_if_fail (ODAN_IS_SCENARIO_DOCUMENT (self), NULL);

  return self->path;
}

GListModel *
odan_scenario_document_get_rows (OdanScenarioDocument *self,
                                 OdanPackTable         table)
{
  g_return_val_if_fail (ODAN_IS_SCENARIO_DOCUMENT (self), NULL);
  g_return_val_if_fail (table < ODAN_PACK_N_TABLES, NULL);

  return G_LIST_MODEL (self->tables[table].rows);
}

const char *const *
odan_scenario_document_get_columns (OdanScenarioDocument *self,
                                    OdanPackTable         table)
{
  g_return_val_if_fail (ODAN_IS_SCENARIO_DOCUMENT (self), NULL);
  g_return_val_if_fail (table < ODAN_PACK_N_TABLES, NULL);

  return (const char *const *) self->tables[table].columns;
}

int
odan_scenario_document_find_column (OdanScenarioDocument *self,
                                    OdanPackTable         table,
                                    const char           *name)
{
  char **columns;

  g_return_val_if_fail (ODAN_IS_SCENARIO_DOCUMENT (self), -1);
  g_return_val_if_fail (table < ODAN_PACK_N_TABLES, -1);

  columns = self->tables[table].columns;
  for (guint i = 0; columns[i] != NULL; i++)
    if (g_ascii_strcasecmp (columns[i], name) == 0)
      return i;
  return -1;
}

static OdanTableRow *
get_row (OdanScenarioDocument *self,
         OdanPackTable         table,
         guint                 row)
{
  g_autoptr(OdanTableRow) item = g_list_model_get_item (G_LIST_MODEL (self->tables[table].rows), row);

  /* the store holds a reference */
  return item;
}

const char *
odan_scenario_document_get_cell (OdanScenarioDocument *self,
                                 OdanPackTable         table,
                                 guint                 row,
                                 guint                 column)
{
  OdanTableRow *item;

  g_return_val_if_fail (ODAN_IS_SCENARIO_DOCUMENT (self), "");
  g_return_val_if_fail (table < ODAN_PACK_N_TABLES, "");

  item = get_row (self, table, row);
  return item != NULL ? odan_table_row_get (item, column) : "";
}

/* ------------------------------------------------------------------ */
/* Checking */

/* The table as CSV, noting on each row the line it starts on. */
static GBytes *
table_to_csv (Table *t)
{
  GString *out = g_string_new (NULL);
  GListModel *rows = G_LIST_MODEL (t->rows);
  guint n = g_list_model_get_n_items (rows);
  guint n_columns = g_strv_length (t->columns);
  guint line = 1;
  gsize counted;

  odan_csv_excel_begin (out);
  odan_csv_excel_row (out, (const char *const *) t->columns, n_columns);
  counted = 0;
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(OdanTableRow) row = g_list_model_get_item (rows, i);
      g_auto(GStrv) cells = NULL;

      for (; counted < out->len; counted++)
        if (out->str[counted] == '\n')
          line++;
      odan_table_row_set_line (row, line);
      cells = odan_table_row_dup_cells (row);
      odan_csv_excel_row (out, (const char *const *) cells, n_columns);
    }
  return g_string_free_to_bytes (out);
}

static gboolean
table_is_written (Table *t)
{
  return t->present || g_list_model_get_n_items (G_LIST_MODEL (t->rows)) > 0;
}

void
odan_scenario_document_validate (OdanScenarioDocument *self)
{
  g_autoptr(GHashTable) files = NULL;
  g_autoptr(GError) error = NULL;
  GHashTableIter iter;
  gpointer key, value;

  g_return_if_fail (ODAN_IS_SCENARIO_DOCUMENT (self));

  g_clear_handle_id (&self->validate_source, g_source_remove);

  files = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, (GDestroyNotify) g_bytes_unref);
  g_hash_table_iter_init (&iter, self->other_files);
  while (g_hash_table_iter_next (&iter, &key, &value))
    g_hash_table_insert (files, key, g_bytes_ref (value));
  for (guint t = 0; t < ODAN_PACK_N_TABLES; t++)
    if (table_is_written (&self->tables[t]))
      g_hash_table_insert (files, (gpointer) odan_pack_table_file (t), table_to_csv (&self->tables[t]));

  g_clear_pointer (&self->pack, odan_pack_free);
  g_ptr_array_set_size (self->diagnostics, 0);
  self->pack = odan_pack_load_from_files (self->path, files, self->diagnostics, &error);
  if (self->pack == NULL && self->diagnostics->len == 0)
    g_ptr_array_add (self->diagnostics,
                     odan_diagnostic_new (ODAN_DIAGNOSTIC_ERROR, "scenario.ini", 0, NULL, "%s", error->message));
  odan_diagnostics_sort (self->diagnostics);

  self->n_errors = 0;
  for (guint i = 0; i < self->diagnostics->len; i++)
    {
      OdanDiagnostic *diag = g_ptr_array_index (self->diagnostics, i);

      if (diag->severity == ODAN_DIAGNOSTIC_ERROR)
        self->n_errors++;
    }

  g_signal_emit (self, signals[VALIDATED], 0);
}

static gboolean
validate_idle (gpointer user_data)
{
  OdanScenarioDocument *self = user_data;

  self->validate_source = 0;
  odan_scenario_document_validate (self);
  return G_SOURCE_REMOVE;
}

static void
schedule_validate (OdanScenarioDocument *self)
{
  /* typing fast makes one check for several keys */
  if (self->validate_source == 0)
    self->validate_source = g_idle_add_full (G_PRIORITY_DEFAULT_IDLE, validate_idle, self, NULL);
}

GPtrArray *
odan_scenario_document_get_diagnostics (OdanScenarioDocument *self)
{
  g_return_val_if_fail (ODAN_IS_SCENARIO_DOCUMENT (self), NULL);

  return self->diagnostics;
}

guint
odan_scenario_document_get_n_errors (OdanScenarioDocument *self)
{
  g_return_val_if_fail (ODAN_IS_SCENARIO_DOCUMENT (self), 0);

  return self->n_errors;
}

const OdanPack *
odan_scenario_document_get_pack (OdanScenarioDocument *self)
{
  g_return_val_if_fail (ODAN_IS_SCENARIO_DOCUMENT (self), NULL);

  return self->pack;
}

gboolean
odan_scenario_document_locate (OdanScenarioDocument *self,
                               const OdanDiagnostic *diagnostic,
                               OdanPackTable        *out_table,
                               int                  *out_row)
{
  g_return_val_if_fail (ODAN_IS_SCENARIO_DOCUMENT (self), FALSE);
  g_return_val_if_fail (diagnostic != NULL, FALSE);

  for (guint t = 0; t < ODAN_PACK_N_TABLES; t++)
    {
      GListModel *rows = G_LIST_MODEL (self->tables[t].rows);
      guint lo = 0, hi = g_list_model_get_n_items (rows);

      if (g_strcmp0 (diagnostic->file, odan_pack_table_file (t)) != 0)
        continue;

      *out_table = t;
      *out_row = -1;
      /* rows start on increasing lines: the last one starting at or before it */
      while (lo < hi)
        {
          guint mid = (lo + hi) / 2;
          g_autoptr(OdanTableRow) row = g_list_model_get_item (rows, mid);

          if (odan_table_row_get_line (row) <= diagnostic->line)
            lo = mid + 1;
          else
            hi = mid;
        }
      if (lo > 0 && diagnostic->line > 1)
        *out_row = lo - 1;
      return TRUE;
    }
  return FALSE;
}

/* ------------------------------------------------------------------ */
/* Edits */

static void
notify_state (OdanScenarioDocument *self)
{
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CAN_UNDO]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CAN_REDO]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MODIFIED]);
}

static GPtrArray *
table_dup_rows (Table *t)
{
  GListModel *rows = G_LIST_MODEL (t->rows);
  GPtrArray *copy = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);

  for (guint i = 0; i < g_list_model_get_n_items (rows); i++)
    {
      g_autoptr(OdanTableRow) row = g_list_model_get_item (rows, i);

      g_ptr_array_add (copy, odan_table_row_dup_cells (row));
    }
  return copy;
}

static void record (OdanScenarioDocument *self,
                    OdanEdit             *edit);

/* scenario.ini as a key file (comments and translations kept), or NULL. */
static GKeyFile *
scenario_ini (OdanScenarioDocument *self)
{
  GBytes *bytes = g_hash_table_lookup (self->other_files, "scenario.ini");
  g_autoptr(GKeyFile) kf = g_key_file_new ();
  gsize len;
  const char *data = bytes != NULL ? g_bytes_get_data (bytes, &len) : NULL;

  if (data == NULL
      || !g_key_file_load_from_data (kf, data, len, G_KEY_FILE_KEEP_COMMENTS | G_KEY_FILE_KEEP_TRANSLATIONS, NULL))
    return NULL;
  return g_steal_pointer (&kf);
}

/* The key of a scenario column: "mission-area[ja]" is "mission-area" in "ja". */
static char *
setting_key (guint        column,
             const char **locale)
{
  const char *name = odan_pack_schema_table (ODAN_SCHEMA_SCENARIO)->columns[column].name;
  const char *bracket = strchr (name, '[');

  *locale = bracket != NULL ? "ja" : NULL;
  return g_strndup (name, bracket != NULL ? (gsize) (bracket - name) : strlen (name));
}

static void
apply_setting (OdanScenarioDocument *self,
               guint                 column,
               const char           *text)
{
  g_autoptr(GKeyFile) kf = scenario_ini (self);
  g_autofree char *key = NULL;
  g_autofree char *data = NULL;
  const char *locale;
  gsize len;

  g_return_if_fail (kf != NULL);
  key = setting_key (column, &locale);
  if (text == NULL || text[0] == '\0')
    {
      g_autofree char *full = locale != NULL ? g_strdup_printf ("%s[%s]", key, locale) : g_strdup (key);

      g_key_file_remove_key (kf, "scenario", full, NULL);
    }
  else if (locale != NULL)
    g_key_file_set_locale_string (kf, "scenario", key, locale, text);
  else
    g_key_file_set_string (kf, "scenario", key, text);
  data = g_key_file_to_data (kf, &len, NULL);
  g_hash_table_insert (self->other_files, g_strdup ("scenario.ini"),
                       g_bytes_new_take (g_steal_pointer (&data), len));
  self->ini_changed = TRUE;
  g_signal_emit (self, signals[EDITED], 0, (guint) ODAN_PACK_N_TABLES, 0u, (int) column);
  schedule_validate (self);
}

const char *
odan_scenario_document_get_setting (OdanScenarioDocument *self,
                                    guint                 column)
{
  g_autoptr(GKeyFile) kf = NULL;
  g_autofree char *key = NULL;
  const char *locale;

  g_return_val_if_fail (ODAN_IS_SCENARIO_DOCUMENT (self), "");
  g_return_val_if_fail (column < ODAN_N_SCENARIO_COLUMNS, "");

  kf = scenario_ini (self);
  key = setting_key (column, &locale);
  g_free (self->setting);
  self->setting = kf == NULL ? NULL
                  : locale != NULL ? g_key_file_get_locale_string (kf, "scenario", key, locale, NULL)
                  : g_key_file_get_string (kf, "scenario", key, NULL);
  /* a twin absent falls back to the plain key in GKeyFile; not here */
  if (locale != NULL && self->setting != NULL)
    {
      g_autofree char *found = g_key_file_get_locale_for_key (kf, "scenario", key, locale);

      if (g_strcmp0 (found, locale) != 0)
        g_clear_pointer (&self->setting, g_free);
    }
  return self->setting != NULL ? self->setting : "";
}

guint
odan_scenario_document_get_setting_line (OdanScenarioDocument *self,
                                         guint                 column)
{
  GBytes *bytes;
  const char *name;
  g_auto(GStrv) lines = NULL;

  g_return_val_if_fail (ODAN_IS_SCENARIO_DOCUMENT (self), 0);
  g_return_val_if_fail (column < ODAN_N_SCENARIO_COLUMNS, 0);

  bytes = g_hash_table_lookup (self->other_files, "scenario.ini");
  if (bytes == NULL)
    return 0;
  name = odan_pack_schema_table (ODAN_SCHEMA_SCENARIO)->columns[column].name;
  {
    g_autofree char *text = g_strndup (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));

    lines = g_strsplit (text, "\n", -1);
  }
  for (guint i = 0; lines[i] != NULL; i++)
    {
      const char *l = lines[i] + strspn (lines[i], " \t");
      gsize n = strlen (name);

      if (strncmp (l, name, n) == 0 && (l[n] == '=' || l[n] == ' ' || l[n] == '\t'))
        return i + 1;
    }
  return 0;
}

void
odan_scenario_document_set_setting (OdanScenarioDocument *self,
                                    guint                 column,
                                    const char           *text)
{
  g_autofree char *old = NULL;

  g_return_if_fail (ODAN_IS_SCENARIO_DOCUMENT (self));
  g_return_if_fail (column < ODAN_N_SCENARIO_COLUMNS);

  old = g_strdup (odan_scenario_document_get_setting (self, column));
  if (g_strcmp0 (old, text != NULL ? text : "") == 0)
    return;
  record (self, odan_edit_new_set_cell (ODAN_PACK_N_TABLES, 0, column, old, text));
}

/* Applies @edit forwards, or its reverse. */
static void
apply_edit (OdanScenarioDocument *self,
            const OdanEdit       *edit,
            gboolean              forward)
{
  Table *t = &self->tables[MIN (edit->table, ODAN_PACK_N_TABLES - 1)];
  gboolean insert;

  if (edit->table == ODAN_PACK_N_TABLES)
    {
      apply_setting (self, edit->column, forward ? edit->new_text : edit->old_text);
      return;
    }

  switch (edit->kind)
    {
    case ODAN_EDIT_SET_CELL:
      {
        OdanTableRow *row = get_row (self, edit->table, edit->row);

        g_return_if_fail (row != NULL);
        odan_table_row_set (row, edit->column, forward ? edit->new_text : edit->old_text);
        /* the list shows the row again; its selection stays (same item) */
        g_list_model_items_changed (G_LIST_MODEL (t->rows), edit->row, 1, 1);
        g_signal_emit (self, signals[EDITED], 0, edit->table, edit->row, (int) edit->column);
      }
      break;

    case ODAN_EDIT_INSERT_ROW:
    case ODAN_EDIT_DELETE_ROW:
      insert = (edit->kind == ODAN_EDIT_INSERT_ROW) == forward;
      if (insert)
        {
          g_autoptr(OdanTableRow) row =
            odan_table_row_new ((const char *const *) edit->cells, g_strv_length (t->columns));

          g_list_store_insert (t->rows, edit->row, row);
        }
      else
        g_list_store_remove (t->rows, edit->row);
      g_signal_emit (self, signals[EDITED], 0, edit->table, edit->row, -1);
      break;

    case ODAN_EDIT_REPLACE_TABLE:
      table_set (self, edit->table,
                 forward ? edit->new_columns : edit->old_columns,
                 forward ? edit->new_rows : edit->old_rows);
      t->present = TRUE;
      g_signal_emit (self, signals[COLUMNS_CHANGED], 0, edit->table);
      g_signal_emit (self, signals[EDITED], 0, edit->table, 0, -1);
      break;

    default:
      g_return_if_reached ();
    }
  schedule_validate (self);
}

static void
record (OdanScenarioDocument *self,
        OdanEdit             *edit)
{
  apply_edit (self, edit, TRUE);
  odan_edit_history_push (self->history, edit);
  notify_state (self);
}

void
odan_scenario_document_set_cell (OdanScenarioDocument *self,
                                 OdanPackTable         table,
                                 guint                 row,
                                 guint                 column,
                                 const char           *text)
{
  OdanTableRow *item;
  const char *old;

  g_return_if_fail (ODAN_IS_SCENARIO_DOCUMENT (self));
  g_return_if_fail (table < ODAN_PACK_N_TABLES);

  item = get_row (self, table, row);
  g_return_if_fail (item != NULL);
  g_return_if_fail (column < odan_table_row_get_n_cells (item));

  old = odan_table_row_get (item, column);
  if (g_strcmp0 (old, text != NULL ? text : "") == 0)
    return;
  record (self, odan_edit_new_set_cell (table, row, column, old, text));
}

void
odan_scenario_document_insert_row (OdanScenarioDocument *self,
                                   OdanPackTable         table,
                                   guint                 row,
                                   const char *const    *cells)
{
  guint n_columns;
  g_auto(GStrv) empty = NULL;

  g_return_if_fail (ODAN_IS_SCENARIO_DOCUMENT (self));
  g_return_if_fail (table < ODAN_PACK_N_TABLES);
  g_return_if_fail (row <= g_list_model_get_n_items (G_LIST_MODEL (self->tables[table].rows)));

  n_columns = g_strv_length (self->tables[table].columns);
  if (cells == NULL)
    {
      empty = g_new0 (char *, n_columns + 1);
      for (guint i = 0; i < n_columns; i++)
        empty[i] = g_strdup ("");
      cells = (const char *const *) empty;
    }
  odan_edit_history_close_group (self->history);
  record (self, odan_edit_new_row (ODAN_EDIT_INSERT_ROW, table, row, cells));
}

void
odan_scenario_document_delete_row (OdanScenarioDocument *self,
                                   OdanPackTable         table,
                                   guint                 row)
{
  OdanTableRow *item;
  g_auto(GStrv) cells = NULL;

  g_return_if_fail (ODAN_IS_SCENARIO_DOCUMENT (self));
  g_return_if_fail (table < ODAN_PACK_N_TABLES);

  item = get_row (self, table, row);
  g_return_if_fail (item != NULL);
  cells = odan_table_row_dup_cells (item);
  odan_edit_history_close_group (self->history);
  record (self, odan_edit_new_row (ODAN_EDIT_DELETE_ROW, table, row, (const char *const *) cells));
}

gboolean
odan_scenario_document_reload_table (OdanScenarioDocument *self,
                                     OdanPackTable         table,
                                     GError              **error)
{
  g_auto(GStrv) columns = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  gboolean was_saved;
  Table *t;

  g_return_val_if_fail (ODAN_IS_SCENARIO_DOCUMENT (self), FALSE);
  g_return_val_if_fail (table < ODAN_PACK_N_TABLES, FALSE);

  if (!read_table (self->path, odan_pack_table_file (table), &columns, &rows, error))
    return FALSE;
  if (columns == NULL)
    {
      g_set_error (error, G_FILE_ERROR, G_FILE_ERROR_NOENT, _("%s: the file is missing"),
                   odan_pack_table_file (table));
      return FALSE;
    }
  t = &self->tables[table];
  was_saved = odan_edit_history_is_saved (self->history);
  odan_edit_history_close_group (self->history);
  record (self, odan_edit_new_replace_table (table, g_strdupv (t->columns), table_dup_rows (t),
                                             g_steal_pointer (&columns), g_steal_pointer (&rows)));
  /* the folder holds what the document now does */
  if (was_saved)
    {
      odan_edit_history_mark_saved (self->history);
      notify_state (self);
    }
  return TRUE;
}

void
odan_scenario_document_close_group (OdanScenarioDocument *self)
{
  g_return_if_fail (ODAN_IS_SCENARIO_DOCUMENT (self));

  odan_edit_history_close_group (self->history);
}

gboolean
odan_scenario_document_undo (OdanScenarioDocument *self)
{
  const OdanEdit *edit;

  g_return_val_if_fail (ODAN_IS_SCENARIO_DOCUMENT (self), FALSE);

  edit = odan_edit_history_undo (self->history);
  if (edit == NULL)
    return FALSE;
  apply_edit (self, edit, FALSE);
  notify_state (self);
  return TRUE;
}

gboolean
odan_scenario_document_redo (OdanScenarioDocument *self)
{
  const OdanEdit *edit;

  g_return_val_if_fail (ODAN_IS_SCENARIO_DOCUMENT (self), FALSE);

  edit = odan_edit_history_redo (self->history);
  if (edit == NULL)
    return FALSE;
  apply_edit (self, edit, TRUE);
  notify_state (self);
  return TRUE;
}

gboolean
odan_scenario_document_get_can_undo (OdanScenarioDocument *self)
{
  g_return_val_if_fail (ODAN_IS_SCENARIO_DOCUMENT (self), FALSE);

  return odan_edit_history_can_undo (self->history);
}

gboolean
odan_scenario_document_get_can_redo (OdanScenarioDocument *self)
{
  g_return_val_if_fail (ODAN_IS_SCENARIO_DOCUMENT (self), FALSE);

  return odan_edit_history_can_redo (self->history);
}

gboolean
odan_scenario_document_get_modified (OdanScenarioDocument *self)
{
  g_return_val_if_fail (ODAN_IS_SCENARIO_DOCUMENT (self), FALSE);

  return !odan_edit_history_is_saved (self->history);
}

gboolean
odan_scenario_document_save (OdanScenarioDocument *self,
                             GError              **error)
{
  g_return_val_if_fail (ODAN_IS_SCENARIO_DOCUMENT (self), FALSE);

  odan_scenario_document_validate (self);
  if (self->pack == NULL)
    {
      g_set_error (error, ODAN_PACK_ERROR, ODAN_PACK_ERROR_INVALID,
                   ngettext ("The pack has %u error; nothing was saved",
                                "The pack has %u errors; nothing was saved", self->n_errors),
                   self->n_errors);
      return FALSE;
    }
  if (!odan_pack_write (self->pack, self->path, error))
    return FALSE;
  if (self->ini_changed)
    {
      g_autofree char *ini = g_build_filename (self->path, "scenario.ini", NULL);

      if (!odan_write_file_atomic (ini, g_hash_table_lookup (self->other_files, "scenario.ini"), error))
        return FALSE;
      self->ini_changed = FALSE;
    }

  for (guint t = 0; t < ODAN_PACK_N_TABLES; t++)
    self->tables[t].present = table_is_written (&self->tables[t]);
  odan_edit_history_mark_saved (self->history);
  notify_state (self);
  return TRUE;
}

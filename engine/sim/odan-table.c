/* odan-table.c — reading the sim layer's side tables (odan-table-private.h) */
#define G_LOG_DOMAIN "odan-sim"

#include <glib/gi18n-lib.h>
#include <stdarg.h>
#include <string.h>

#include "odan-table-private.h"

const char *
odan_table_cell (OdanTableReader  *r,
                 const OdanCsvRow *row,
                 guint             c,
                 char            **scratch)
{
  int pos = r->col[c];

  g_clear_pointer (scratch, g_free);
  if (pos < 0 || (guint) pos >= row->n_fields)
    return "";
  *scratch = g_strstrip (g_strdup (row->fields[pos]));
  return *scratch;
}

void
odan_table_report (OdanTableReader *r,
                   guint            line,
                   guint            c,
                   const char      *format,
                   ...)
{
  va_list args;

  va_start (args, format);
  g_ptr_array_add (r->diags,
                   odan_diagnostic_new_valist (ODAN_DIAGNOSTIC_ERROR, r->file, line,
                                               c < r->n_columns ? r->columns[c] : NULL,
                                               format, args));
  va_end (args);
  r->n_errors++;
}

gboolean
odan_table_number (const char *text,
                   double     *out)
{
  char *end = NULL;

  if (text[0] == '\0' || strpbrk (text, "eEnNiIxX") != NULL)
    return FALSE;
  *out = g_ascii_strtod (text, &end);
  return end != NULL && *end == '\0';
}

static void
read_header (OdanTableReader  *r,
             const OdanCsvRow *row)
{
  r->header_seen = TRUE;
  r->n_header = row->n_fields;
  for (guint i = 0; i < row->n_fields; i++)
    {
      g_autofree char *name = g_strstrip (g_ascii_strdown (row->fields[i], -1));
      for (guint c = 0; c < r->n_columns; c++)
        if (strcmp (name, r->columns[c]) == 0 && r->col[c] < 0)
          r->col[c] = (int) i;
    }
  r->usable = TRUE;
  for (guint c = 0; c < r->n_required; c++)
    if (r->col[c] < 0)
      {
        odan_table_report (r, row->line, G_MAXUINT,
                           _("the header lacks the required column '%s'"),
                           r->columns[c]);
        r->usable = FALSE;
      }
}

static gboolean
on_row (const OdanCsvRow *row,
        gpointer          user_data,
        GError          **error)
{
  OdanTableReader *r = user_data;
  gboolean blank = TRUE;

  if (!r->header_seen)
    {
      read_header (r, row);
      return TRUE;
    }
  if (!r->usable)
    return TRUE;
  for (guint i = 0; i < row->n_fields && blank; i++)
    blank = row->fields[i][strspn (row->fields[i], " \t")] == '\0';
  if (blank)
    return TRUE;
  if (row->n_fields > r->n_header)
    odan_table_report (r, row->line, G_MAXUINT,
                       _("the row has %u fields but the header has %u"),
                       row->n_fields, r->n_header);
  r->func (r, row, r->user_data);
  return TRUE;
}

static gboolean
read_data (OdanTableReader *r,
           const char      *data,
           gsize            len,
           GPtrArray       *diagnostics,
           GError         **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autoptr(GPtrArray) diags = g_ptr_array_new_with_free_func ((GDestroyNotify) odan_diagnostic_free);
  guint line = 0;

  g_return_val_if_fail (r->n_columns <= G_N_ELEMENTS (r->col), FALSE);

  r->diags = diags;
  for (guint c = 0; c < G_N_ELEMENTS (r->col); c++)
    r->col[c] = -1;
  if (!odan_csv_read_data_at (r->file, data, len, on_row, r, NULL, &line, &local_error))
    odan_table_report (r, line, G_MAXUINT, "%s", local_error->message);
  else if (!r->header_seen)
    odan_table_report (r, 0, G_MAXUINT, "%s",
                       _("the file is empty (expected a header row)"));

  odan_diagnostics_sort (diags);
  if (diagnostics != NULL)
    for (guint i = 0; i < diags->len; i++)
      g_ptr_array_add (diagnostics, g_steal_pointer (&g_ptr_array_index (diags, i)));
  r->diags = NULL;
  if (r->n_errors > 0)
    {
      g_set_error (error, ODAN_PACK_ERROR, ODAN_PACK_ERROR_INVALID,
                   g_dngettext (GETTEXT_PACKAGE, "%s has %u error", "%s has %u errors", r->n_errors),
                   r->file, r->n_errors);
      return FALSE;
    }
  return TRUE;
}

gboolean
odan_table_read (OdanTableReader *r,
                 const char      *path,
                 GPtrArray       *diagnostics,
                 GError         **error)
{
  g_autoptr(GMappedFile) mapped = NULL;
  g_autoptr(GError) local_error = NULL;

  mapped = g_mapped_file_new (path, FALSE, &local_error);
  if (mapped == NULL)
    {
      g_set_error (error, ODAN_PACK_ERROR, ODAN_PACK_ERROR_IO,
                   _("cannot read %s: %s"), r->file, local_error->message);
      return FALSE;
    }
  return read_data (r, g_mapped_file_get_contents (mapped), g_mapped_file_get_length (mapped),
                    diagnostics, error);
}

gboolean
odan_table_read_bytes (OdanTableReader *r,
                       GBytes          *data,
                       GPtrArray       *diagnostics,
                       GError         **error)
{
  gsize len = 0;
  const char *p = g_bytes_get_data (data, &len);

  return read_data (r, p, len, diagnostics, error);
}

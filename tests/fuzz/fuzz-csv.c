/* fuzz-csv.c — fuzz target for the CSV reader (odan_csv_read_data)
 *
 * The input is one CSV file's bytes. Beyond "no crash, no leak, no
 * sanitizer report" the target checks what callers rely on:
 *  - the result and the GError agree; rows come in line order;
 *  - every field is NUL-terminated at its length and is valid UTF-8,
 *    whatever the input encoding (UTF-8, UTF-8 with BOM, CP932);
 *  - the reported encoding matches the input's first bytes;
 *  - the engine's fast UTF-8 check agrees with g_utf8_validate();
 *  - writing the rows back with odan_csv_write_row() and reading that text
 *    again gives the same rows (the writer quotes whatever needs it).
 */
#include "fuzz-common.h"

#include <string.h>

#include "odan-csv.h"
#include "odan-csv-private.h"

typedef struct {
  GPtrArray *rows;         /* GPtrArray of char* fields (NULL-terminated strv) */
  guint      last_line;
  gboolean   has_nul;      /* some field holds a NUL byte: skip the round trip */
} Collect;

static gboolean
valid_utf8_with_nuls (const char *s, gsize len)
{
  /* g_utf8_validate() refuses NUL bytes; the reader may pass them on. */
  while (len > 0)
    {
      const char *nul = memchr (s, '\0', len);
      gsize seg = nul != NULL ? (gsize) (nul - s) : len;

      if (!g_utf8_validate (s, (gssize) seg, NULL))
        return FALSE;
      if (nul == NULL)
        break;
      s += seg + 1;
      len -= seg + 1;
    }
  return TRUE;
}

static gboolean
on_row (const OdanCsvRow *row, gpointer user_data, GError **error)
{
  Collect *c = user_data;
  char **fields;

  odan_fuzz_check (row->line >= c->last_line && row->line >= 1, "row on line %u after a row on line %u",
                   row->line, c->last_line);
  odan_fuzz_check (row->n_fields > 0, "a row without fields on line %u", row->line);
  c->last_line = row->line;

  fields = g_new0 (char *, row->n_fields + 1);
  for (guint i = 0; i < row->n_fields; i++)
    {
      const char *f = row->fields[i];
      gsize len = row->lengths[i];

      odan_fuzz_check (f != NULL, "field %u of line %u is NULL", i, row->line);
      odan_fuzz_check (f[len] == '\0', "field %u of line %u is not terminated at its length", i, row->line);
      odan_fuzz_check (valid_utf8_with_nuls (f, len), "field %u of line %u is not UTF-8", i, row->line);
      if (memchr (f, '\0', len) != NULL)
        c->has_nul = TRUE;
      fields[i] = g_strndup (f, len);
    }
  if (c->rows != NULL)
    g_ptr_array_add (c->rows, fields);
  else
    g_strfreev (fields);
  return TRUE;
}

static gboolean
read_rows (const char *data, gsize len, Collect *c, OdanCsvEncoding *encoding, GError **error)
{
  gboolean ok = odan_csv_read_data ("fuzz.csv", data, len, on_row, c, encoding, error);

  odan_fuzz_check (ok == (error == NULL || *error == NULL), "result %d disagrees with the error", ok);
  odan_fuzz_check (ok || error == NULL || (*error)->message[0] != '\0', "an error without message");
  return ok;
}

int
LLVMFuzzerInitialize (int *argc, char ***argv)
{
  odan_fuzz_init ();
  return 0;
}

int
LLVMFuzzerTestOneInput (const uint8_t *data, size_t size)
{
  const char *text = (const char *) data;
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
  g_autoptr(GError) error = NULL;
  Collect c = { rows, 0, FALSE };
  OdanCsvEncoding encoding = ODAN_CSV_ENCODING_UTF8;
  gboolean ok;

  if (memchr (text, '\0', size) == NULL)
    {
      const char *end = NULL;
      gsize fast = odan_utf8_validate_prefix (text, size);

      g_utf8_validate (text, (gssize) size, &end);
      odan_fuzz_check (fast == (gsize) (end - text),
                       "odan_utf8_validate_prefix says %zu, g_utf8_validate %zu",
                       fast, (gsize) (end - text));
    }

  ok = read_rows (text, size, &c, &encoding, &error);
  if (!ok)
    return 0;

  if (size >= 3 && memcmp (text, "\xEF\xBB\xBF", 3) == 0)
    odan_fuzz_check (encoding == ODAN_CSV_ENCODING_UTF8_BOM, "BOM input read as encoding %d", encoding);
  else if (odan_utf8_validate_prefix (text, size) == size)
    odan_fuzz_check (size == 0 || encoding == ODAN_CSV_ENCODING_UTF8, "UTF-8 input read as encoding %d", encoding);
  else
    odan_fuzz_check (encoding == ODAN_CSV_ENCODING_CP932, "non-UTF-8 input read as encoding %d", encoding);

  /* A first field starting with U+FEFF would be written as a BOM and
   * stripped on reading: a text cannot say otherwise, so skip that case. */
  if (c.has_nul || (rows->len > 0 && g_str_has_prefix (((char **) rows->pdata[0])[0], "\xEF\xBB\xBF")))
    return 0;

  {
    g_autoptr(GString) out = g_string_new (NULL);
    g_autoptr(GPtrArray) again = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
    Collect c2 = { again, 0, FALSE };
    OdanCsvEncoding encoding2;

    for (guint r = 0; r < rows->len; r++)
      {
        const char *const *fields = rows->pdata[r];
        odan_csv_write_row (out, fields, g_strv_length ((char **) fields));
      }

    ok = read_rows (out->str, out->len, &c2, &encoding2, &error);
    odan_fuzz_check (ok, "reading back what odan_csv_write_row wrote failed: %s\n--- written:\n%s---",
                     error->message, out->str);
    odan_fuzz_check (again->len == rows->len, "%u rows written, %u read back\n--- written:\n%s---",
                     rows->len, again->len, out->str);
    for (guint r = 0; r < rows->len; r++)
      {
        char **a = rows->pdata[r], **b = again->pdata[r];
        odan_fuzz_check (g_strv_equal ((const char *const *) a, (const char *const *) b),
                         "row %u differs after writing and reading back\n--- written:\n%s---",
                         r + 1, out->str);
      }
  }
  return 0;
}

/* odan-csv.c — reading and writing CSV with libcsv
 *
 * A file is read whole, its encoding settled once (UTF-8 with a BOM: strip
 * it; valid UTF-8: as is; otherwise converted from CP932, the encoding Excel
 * saves on a Japanese Windows machine), then fed to libcsv one physical line
 * at a time so each row can be reported with the line it starts on, even
 * when quoted fields hold newlines.
 *
 * Fields of the current row are copied into one reusable buffer (offsets and
 * lengths in two reusable arrays); nothing is allocated per row or field once
 * the buffers have grown to the widest row.
 */
#define G_LOG_DOMAIN "odan-csv"

#include "odan-csv.h"
#include "odan-csv-private.h"

#include <csv.h>
#include <glib/gi18n-lib.h>
#include <string.h>

G_DEFINE_QUARK (odan-csv-error-quark, odan_csv_error)

typedef struct {
  const char     *path;
  OdanCsvRowFunc  func;
  gpointer        user_data;

  /* the current row */
  char           *buf;
  gsize           buf_len;
  gsize           buf_cap;
  gsize          *offsets;
  gsize          *lengths;
  const char    **fields;
  guint           n_fields;
  guint           fields_cap;

  guint           line;       /* physical line being fed */
  guint           row_line;   /* line the current row started on */
  gboolean        row_open;   /* a row has started and not yet ended */

  gboolean        stopped;
  GError         *callback_error;
} Reader;

static void
reader_clear (Reader *r)
{
  g_free (r->buf);
  g_free (r->offsets);
  g_free (r->lengths);
  g_free (r->fields);
  g_clear_error (&r->callback_error);
}

static void
on_field (void   *s,
          size_t  len,
          void   *data)
{
  Reader *r = data;

  if (r->stopped)
    return;

  if (r->n_fields == r->fields_cap)
    {
      r->fields_cap = MAX (16, r->fields_cap * 2);
      r->offsets = g_renew (gsize, r->offsets, r->fields_cap);
      r->lengths = g_renew (gsize, r->lengths, r->fields_cap);
      r->fields = g_renew (const char *, r->fields, r->fields_cap);
    }
  if (r->buf_len + len + 1 > r->buf_cap)
    {
      r->buf_cap = MAX (r->buf_cap * 2, r->buf_len + len + 1);
      r->buf_cap = MAX (r->buf_cap, 256);
      r->buf = g_realloc (r->buf, r->buf_cap);
    }
  /* libcsv hands over a NULL buffer for an empty first field */
  if (len > 0)
    memcpy (r->buf + r->buf_len, s, len);
  r->buf[r->buf_len + len] = '\0';
  r->offsets[r->n_fields] = r->buf_len;
  r->lengths[r->n_fields] = len;
  r->n_fields++;
  r->buf_len += len + 1;
}

static void
on_row_end (int   c,
            void *data)
{
  Reader *r = data;
  gboolean blank = TRUE;
  OdanCsvRow row;

  r->row_open = FALSE;
  if (r->stopped)
    return;

  for (guint i = 0; i < r->n_fields; i++)
    {
      r->fields[i] = r->buf + r->offsets[i];
      if (r->lengths[i] > 0)
        blank = FALSE;
    }

  /* Blank lines, and rows of nothing but empty cells (",,,," as Excel
   * writes for formatted but empty rows), are not rows. */
  if (!blank)
    {
      row.path = r->path;
      row.line = r->row_line;
      row.n_fields = r->n_fields;
      row.fields = r->fields;
      row.lengths = r->lengths;
      if (!r->func (&row, r->user_data, &r->callback_error))
        {
          r->stopped = TRUE;
          if (r->callback_error == NULL)
            g_set_error (&r->callback_error, ODAN_CSV_ERROR, ODAN_CSV_ERROR_CALLBACK,
                         _("%s:%u: reading stopped"),
                         r->path, r->row_line);
        }
    }

  r->n_fields = 0;
  r->buf_len = 0;
}

/* Offset of the first byte that is not part of valid UTF-8, or @len.
 * Eight bytes at a time while the text is ASCII, which CSV mostly is. */
gsize
odan_utf8_validate_prefix (const char *data,
                           gsize       len)
{
  const guchar *s = (const guchar *) data;
  gsize i = 0;

  while (i < len)
    {
      guchar c;

      if (i + 8 <= len)
        {
          guint64 word;

          memcpy (&word, s + i, 8);
          if ((word & G_GUINT64_CONSTANT (0x8080808080808080)) == 0)
            {
              i += 8;
              continue;
            }
        }

      c = s[i];
      if (c < 0x80)
        {
          i++;
          continue;
        }
      else if (c >= 0xC2 && c <= 0xDF)
        {
          if (i + 1 >= len || (s[i + 1] & 0xC0) != 0x80)
            return i;
          i += 2;
        }
      else if (c >= 0xE0 && c <= 0xEF)
        {
          guchar lo = 0x80, hi = 0xBF;

          if (c == 0xE0)
            lo = 0xA0;          /* overlong */
          else if (c == 0xED)
            hi = 0x9F;          /* surrogates */
          if (i + 2 >= len || s[i + 1] < lo || s[i + 1] > hi
              || (s[i + 2] & 0xC0) != 0x80)
            return i;
          i += 3;
        }
      else if (c >= 0xF0 && c <= 0xF4)
        {
          guchar lo = 0x80, hi = 0xBF;

          if (c == 0xF0)
            lo = 0x90;
          else if (c == 0xF4)
            hi = 0x8F;
          if (i + 3 >= len || s[i + 1] < lo || s[i + 1] > hi
              || (s[i + 2] & 0xC0) != 0x80 || (s[i + 3] & 0xC0) != 0x80)
            return i;
          i += 4;
        }
      else
        return i;
    }

  return len;
}

guint
odan_csv_line_at (const char *data,
                  gsize       offset)
{
  guint line = 1;
  const char *p = data;
  const char *end = data + offset;

  while (p < end && (p = memchr (p, '\n', (gsize) (end - p))) != NULL)
    {
      line++;
      p++;
    }
  return line;
}

gboolean
odan_csv_decode (const char       *path,
        const char       *data,
        gsize             len,
        const char      **out_text,
        gsize            *out_len,
        char            **out_converted,
        OdanCsvEncoding  *out_encoding,
        guint            *out_line,
        GError          **error)
{
  gsize bad;
  gsize written = 0;
  char *converted;

  *out_converted = NULL;

  if (len >= 3 && memcmp (data, "\xEF\xBB\xBF", 3) == 0)
    {
      bad = odan_utf8_validate_prefix (data + 3, len - 3);
      if (bad != len - 3)
        {
          guint line = odan_csv_line_at (data, bad + 3);

          if (out_line != NULL)
            *out_line = line;
          g_set_error_literal (error, ODAN_CSV_ERROR, ODAN_CSV_ERROR_ENCODING,
                               _("the file starts with a UTF-8 byte order mark but is not valid UTF-8"));
          return FALSE;
        }
      *out_text = data + 3;
      *out_len = len - 3;
      if (out_encoding != NULL)
        *out_encoding = ODAN_CSV_ENCODING_UTF8_BOM;
      return TRUE;
    }

  bad = odan_utf8_validate_prefix (data, len);
  if (bad == len)
    {
      *out_text = data;
      *out_len = len;
      if (out_encoding != NULL)
        *out_encoding = ODAN_CSV_ENCODING_UTF8;
      return TRUE;
    }

  converted = g_convert (data, (gssize) len, "UTF-8", "CP932", NULL, &written, NULL);
  if (converted == NULL)
    {
      guint line = odan_csv_line_at (data, bad);

      if (out_line != NULL)
        *out_line = line;
      g_set_error_literal (error, ODAN_CSV_ERROR, ODAN_CSV_ERROR_ENCODING,
                           _("the file is neither UTF-8 nor CP932 (Shift_JIS) text; save it as UTF-8 CSV"));
      return FALSE;
    }

  *out_converted = converted;
  *out_text = converted;
  *out_len = written;
  if (out_encoding != NULL)
        *out_encoding = ODAN_CSV_ENCODING_CP932;
  return TRUE;
}

gboolean
odan_csv_parse_utf8 (const char      *path,
                     const char      *text,
                     gsize            text_len,
                     guint            first_line,
                     OdanCsvRowFunc   func,
                     gpointer         user_data,
                     guint           *out_line,
                     GError         **error)
{
  struct csv_parser parser;
  Reader r = { 0 };
  const char *p;
  const char *end;
  guint error_line = 0;
  gboolean ok = TRUE;

  if (csv_init (&parser, CSV_STRICT | CSV_STRICT_FINI | CSV_REPALL_NL | CSV_APPEND_NULL) != 0)
    g_error ("libcsv: out of memory");
  /* grow the field buffer in large steps: fields like notes can be long */
  csv_set_blk_size (&parser, 1024);

  r.path = path;
  r.func = func;
  r.user_data = user_data;
  r.line = first_line;

  p = text;
  end = text + text_len;
  /* Lines end in LF or CRLF; a file with no LF at all but CRs was saved with
   * old Mac line ends (Excel's "CSV (Macintosh)"), so CR ends its lines. */
  char eol = '\n';
  if (memchr (text, '\n', text_len) == NULL && memchr (text, '\r', text_len) != NULL)
    eol = '\r';
  while (p < end && !r.stopped)
    {
      const char *nl = memchr (p, eol, (gsize) (end - p));
      gsize chunk = nl != NULL ? (gsize) (nl + 1 - p) : (gsize) (end - p);

      if (!r.row_open)
        {
          r.row_line = r.line;
          r.row_open = TRUE;
        }
      if (csv_parse (&parser, p, chunk, on_field, on_row_end, &r) != chunk)
        {
          if (csv_error (&parser) == CSV_EPARSE)
            {
              error_line = r.line;
              g_set_error_literal (error, ODAN_CSV_ERROR, ODAN_CSV_ERROR_SYNTAX,
                                   _("malformed quotes: a field holding a quote must be "
                                     "enclosed in quotes, with each quote inside doubled"));
            }
          else
            g_error ("libcsv: %s", csv_strerror (csv_error (&parser)));
          ok = FALSE;
          break;
        }
      r.line++;
      p += chunk;
    }

  if (ok && !r.stopped)
    {
      if (r.row_open && csv_fini (&parser, on_field, on_row_end, &r) != 0)
        {
          error_line = r.row_line;
          g_set_error_literal (error, ODAN_CSV_ERROR, ODAN_CSV_ERROR_SYNTAX,
                               _("a quoted field that starts here never ends (missing closing quote)"));
          ok = FALSE;
        }
      else if (!r.row_open)
        csv_fini (&parser, on_field, on_row_end, &r);
    }

  if (ok && r.stopped)
    {
      error_line = r.row_line;
      g_propagate_error (error, g_steal_pointer (&r.callback_error));
      ok = FALSE;
    }

  csv_free (&parser);
  reader_clear (&r);

  if (out_line != NULL)
    *out_line = ok ? 0 : error_line;
  return ok;
}

gboolean
odan_csv_read_data_at (const char      *path,
                       const char      *data,
                       gsize            len,
                       OdanCsvRowFunc   func,
                       gpointer         user_data,
                       OdanCsvEncoding *out_encoding,
                       guint           *out_line,
                       GError         **error)
{
  g_autofree char *converted = NULL;
  OdanCsvEncoding encoding = ODAN_CSV_ENCODING_UTF8;
  const char *text = "";
  gsize text_len = 0;
  guint error_line = 0;

  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (data != NULL || len == 0, FALSE);
  g_return_val_if_fail (func != NULL, FALSE);

  if (out_line != NULL)
    *out_line = 0;

  if (len > 0 && !odan_csv_decode (path, data, len, &text, &text_len, &converted,
                                   &encoding, &error_line, error))
    {
      if (out_line != NULL)
        *out_line = error_line;
      return FALSE;
    }
  if (out_encoding != NULL)
    *out_encoding = encoding;

  return odan_csv_parse_utf8 (path, text, text_len, 1, func, user_data, out_line, error);
}

gboolean
odan_csv_read_file_at (const char      *path,
                       OdanCsvRowFunc   func,
                       gpointer         user_data,
                       OdanCsvEncoding *out_encoding,
                       guint           *out_line,
                       GError         **error)
{
  g_autoptr(GMappedFile) mapped = NULL;
  g_autoptr(GError) local_error = NULL;

  g_return_val_if_fail (path != NULL, FALSE);

  if (out_line != NULL)
    *out_line = 0;

  mapped = g_mapped_file_new (path, FALSE, &local_error);
  if (mapped == NULL)
    {
      g_set_error_literal (error, ODAN_CSV_ERROR, ODAN_CSV_ERROR_IO, local_error->message);
      return FALSE;
    }

  return odan_csv_read_data_at (path,
                                g_mapped_file_get_contents (mapped),
                                g_mapped_file_get_length (mapped),
                                func, user_data, out_encoding, out_line, error);
}

/* The public forms put "PATH:LINE: " in front of the message. */
static gboolean
prefix_error (gboolean    ok,
              const char *path,
              guint       line,
              GError    **error)
{
  /* errors set by the row callback are passed on untouched */
  if (!ok && error != NULL && *error != NULL && (*error)->domain == ODAN_CSV_ERROR
      && (*error)->code != ODAN_CSV_ERROR_CALLBACK)
    {
      if (line > 0)
        g_prefix_error (error, "%s:%u: ", path, line);
      else
        g_prefix_error (error, "%s: ", path);
    }
  return ok;
}

gboolean
odan_csv_read_data (const char      *path,
                    const char      *data,
                    gsize            len,
                    OdanCsvRowFunc   func,
                    gpointer         user_data,
                    OdanCsvEncoding *out_encoding,
                    GError         **error)
{
  guint line = 0;
  gboolean ok = odan_csv_read_data_at (path, data, len, func, user_data,
                                       out_encoding, &line, error);

  return prefix_error (ok, path, line, error);
}

gboolean
odan_csv_read_file (const char      *path,
                    OdanCsvRowFunc   func,
                    gpointer         user_data,
                    OdanCsvEncoding *out_encoding,
                    GError         **error)
{
  guint line = 0;
  gboolean ok = odan_csv_read_file_at (path, func, user_data, out_encoding, &line, error);

  return prefix_error (ok, path, line, error);
}

static gboolean
needs_quotes (const char *field,
              gsize       len)
{
  if (len == 0)
    return FALSE;
  /* libcsv trims unquoted blanks, so keep leading and trailing ones quoted */
  if (field[0] == ' ' || field[0] == '\t' || field[len - 1] == ' ' || field[len - 1] == '\t')
    return TRUE;
  for (gsize i = 0; i < len; i++)
    if (field[i] == ',' || field[i] == '"' || field[i] == '\n' || field[i] == '\r')
      return TRUE;
  return FALSE;
}

void
odan_csv_write_field (GString    *out,
                      const char *field,
                      gboolean    first)
{
  gsize len;

  g_return_if_fail (out != NULL);

  if (!first)
    g_string_append_c (out, ',');
  if (field == NULL)
    return;

  len = strlen (field);
  if (needs_quotes (field, len))
    {
      gsize old = out->len;
      gsize room = 2 * len + 2;
      gsize n;

      g_string_set_size (out, old + room);
      n = csv_write (out->str + old, room, field, len);
      g_assert (n <= room);
      g_string_set_size (out, old + n);
    }
  else
    g_string_append_len (out, field, (gssize) len);
}

static void
write_row (GString           *out,
           const char *const *fields,
           guint              n_fields,
           const char        *end)
{
  for (guint i = 0; i < n_fields; i++)
    odan_csv_write_field (out, fields[i], i == 0);
  g_string_append (out, end);
}

void
odan_csv_write_row (GString           *out,
                    const char *const *fields,
                    guint              n_fields)
{
  g_return_if_fail (out != NULL);

  write_row (out, fields, n_fields, "\n");
}

void
odan_csv_excel_begin (GString *out)
{
  g_return_if_fail (out != NULL);

  g_string_append (out, "\xEF\xBB\xBF");
}

void
odan_csv_excel_row (GString           *out,
                    const char *const *fields,
                    guint              n_fields)
{
  g_return_if_fail (out != NULL);

  write_row (out, fields, n_fields, "\r\n");
}

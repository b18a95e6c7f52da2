/* odan-xlsx.c — reading workbooks (libarchive, libxml2), writing them (libxlsxwriter)
 *
 * A workbook is a zip of XML parts. Reading takes the parts under xl/ into
 * memory by name (libarchive streams the zip), then: workbook.xml and its
 * relationships name the sheets and their parts, sharedStrings.xml holds
 * the strings cells point to, styles.xml says which cells carry a date or
 * time format, and the sheet's own part holds the rows. Each part is parsed
 * by libxml2 without network access or entity expansion.
 */
#define G_LOG_DOMAIN "odan-xlsx"

#include "odan-xlsx.h"

#include <archive.h>
#include <errno.h>
#include <archive_entry.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <libxml/parser.h>
#include <libxml/tree.h>
#include <math.h>
#include <string.h>
#include <xlsxwriter.h>

G_DEFINE_QUARK (odan-xlsx-error-quark, odan_xlsx_error)

/* A workbook's parts above this are refused: no MSEL is that big, a zip bomb is */
#define MAX_PART_SIZE (256u * 1024u * 1024u)

gboolean
odan_xlsx_is_workbook (const char *path)
{
  g_autofree char *lower = path != NULL ? g_ascii_strdown (path, -1) : NULL;

  return lower != NULL && (g_str_has_suffix (lower, ".xlsx") || g_str_has_suffix (lower, ".xlsm"));
}

/* ------------------------------------------------------------------ */
/* The zip */

/* The parts of @path under xl/: name → GBytes. */
static GHashTable *
read_parts (const char  *path,
            GError     **error)
{
  g_autoptr(GHashTable) parts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                                       (GDestroyNotify) g_bytes_unref);
  struct archive *a = archive_read_new ();
  struct archive_entry *entry;
  gboolean ok = TRUE;
  int r;

  archive_read_support_format_zip (a);
  if (archive_read_open_filename (a, path, 65536) != ARCHIVE_OK)
    {
      g_set_error (error, ODAN_XLSX_ERROR, ODAN_XLSX_ERROR_IO,
                   _("%s: cannot be read as a workbook: %s"), path, archive_error_string (a));
      archive_read_free (a);
      return NULL;
    }
  while (ok && (r = archive_read_next_header (a, &entry)) == ARCHIVE_OK)
    {
      const char *name = archive_entry_pathname (entry);
      la_int64_t size = archive_entry_size (entry);
      GByteArray *data;
      char buffer[65536];
      la_ssize_t n;

      if (name == NULL || !g_str_has_prefix (name, "xl/") || (!g_str_has_suffix (name, ".xml")
                                                          && !g_str_has_suffix (name, ".rels")))
        continue;
      data = g_byte_array_sized_new (size > 0 && size < MAX_PART_SIZE ? (guint) size : 4096);
      while ((n = archive_read_data (a, buffer, sizeof buffer)) > 0 && data->len <= MAX_PART_SIZE)
        g_byte_array_append (data, (const guint8 *) buffer, (guint) n);
      if (n < 0 || data->len > MAX_PART_SIZE)
        {
          g_set_error (error, ODAN_XLSX_ERROR, ODAN_XLSX_ERROR_FORMAT,
                       n < 0 ? _("%s: part %s cannot be read: %s") : _("%s: part %s is too large%s"),
                       path, name, n < 0 ? archive_error_string (a) : "");
          ok = FALSE;
        }
      g_hash_table_insert (parts, g_strdup (name), g_byte_array_free_to_bytes (data));
    }
  if (ok && r != ARCHIVE_EOF)
    {
      g_set_error (error, ODAN_XLSX_ERROR, ODAN_XLSX_ERROR_FORMAT,
                   _("%s: not a workbook (a zip of Excel parts): %s"), path, archive_error_string (a));
      ok = FALSE;
    }
  archive_read_free (a);
  if (ok && !g_hash_table_contains (parts, "xl/workbook.xml"))
    {
      g_set_error (error, ODAN_XLSX_ERROR, ODAN_XLSX_ERROR_FORMAT,
                   _("%s: not a workbook (it has no xl/workbook.xml)"), path);
      ok = FALSE;
    }
  return ok ? g_steal_pointer (&parts) : NULL;
}

static xmlDoc *
parse_part (GHashTable  *parts,
            const char  *path,
            const char  *name,
            gboolean     required,
            GError     **error)
{
  GBytes *bytes = g_hash_table_lookup (parts, name);
  xmlDoc *doc;
  gsize len;
  const char *data;

  if (bytes == NULL)
    {
      if (required)
        g_set_error (error, ODAN_XLSX_ERROR, ODAN_XLSX_ERROR_FORMAT,
                     _("%s: the workbook lacks its part %s"), path, name);
      return NULL;
    }
  data = g_bytes_get_data (bytes, &len);
  doc = xmlReadMemory (data, (int) MIN (len, (gsize) G_MAXINT), name, NULL,
                       XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING | XML_PARSE_HUGE);
  if (doc == NULL || xmlDocGetRootElement (doc) == NULL)
    {
      const xmlError *e = xmlGetLastError ();

      g_set_error (error, ODAN_XLSX_ERROR, ODAN_XLSX_ERROR_FORMAT,
                   _("%s: part %s is not well-formed XML (line %d)"), path, name, e != NULL ? e->line : 0);
      g_clear_pointer (&doc, xmlFreeDoc);
    }
  return doc;
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (xmlDoc, xmlFreeDoc)

static gboolean
is (const xmlNode *node,
    const char    *name)
{
  return node->type == XML_ELEMENT_NODE && strcmp ((const char *) node->name, name) == 0;
}

/* The first child element named @name, or NULL. */
static xmlNode *
child (const xmlNode *node,
       const char    *name)
{
  for (xmlNode *c = node != NULL ? node->children : NULL; c != NULL; c = c->next)
    if (is (c, name))
      return c;
  return NULL;
}

/* An attribute without regard to its namespace (r:id, id). */
static char *
attr (const xmlNode *node,
      const char    *name)
{
  for (xmlAttr *a = node->properties; a != NULL; a = a->next)
    if (strcmp ((const char *) a->name, name) == 0)
      {
        xmlChar *v = xmlNodeGetContent ((const xmlNode *) a);
        char *out = g_strdup ((const char *) v);

        xmlFree (v);
        return out;
      }
  return NULL;
}

/* The text of the <t> elements below @node, phonetic guides (rPh) left out. */
static void
append_text (GString       *out,
             const xmlNode *node)
{
  for (const xmlNode *c = node->children; c != NULL; c = c->next)
    {
      if (is (c, "rPh") || is (c, "phoneticPr"))
        continue;
      if (is (c, "t"))
        {
          xmlChar *v = xmlNodeGetContent (c);

          g_string_append (out, (const char *) v);
          xmlFree (v);
        }
      else if (c->type == XML_ELEMENT_NODE)
        append_text (out, c);
    }
}

/* ------------------------------------------------------------------ */
/* The workbook: sheets, shared strings, date styles */

typedef struct {
  char       *path;
  GHashTable *parts;
  GPtrArray  *sheet_names;   /* char* */
  GPtrArray  *sheet_parts;   /* char*, "xl/worksheets/sheet1.xml" */
  GPtrArray  *strings;       /* char*, the shared strings */
  GArray     *styles;        /* guint8 per cellXfs entry: DATE | TIME bits */
  gboolean    date1904;
} Book;

enum { STYLE_DATE = 1, STYLE_TIME = 2, STYLE_ELAPSED = 4 };

static void
book_free (Book *book)
{
  g_free (book->path);
  g_clear_pointer (&book->parts, g_hash_table_unref);
  g_clear_pointer (&book->sheet_names, g_ptr_array_unref);
  g_clear_pointer (&book->sheet_parts, g_ptr_array_unref);
  g_clear_pointer (&book->strings, g_ptr_array_unref);
  g_clear_pointer (&book->styles, g_array_unref);
  g_free (book);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Book, book_free)

/* The part a relationship target names, from xl/. */
static char *
resolve_target (const char *target)
{
  if (target[0] == '/')
    return g_strdup (target + 1);
  if (g_str_has_prefix (target, "xl/"))
    return g_strdup (target);
  return g_strconcat ("xl/", target, NULL);
}

static gboolean
read_sheets (Book    *book,
             GError **error)
{
  g_autoptr(xmlDoc) doc = parse_part (book->parts, book->path, "xl/workbook.xml", TRUE, error);
  g_autoptr(xmlDoc) rels = NULL;
  g_autoptr(GHashTable) targets = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  xmlNode *root;

  if (doc == NULL)
    return FALSE;
  rels = parse_part (book->parts, book->path, "xl/_rels/workbook.xml.rels", TRUE, error);
  if (rels == NULL)
    return FALSE;
  for (xmlNode *r = xmlDocGetRootElement (rels)->children; r != NULL; r = r->next)
    if (is (r, "Relationship"))
      {
        char *id = attr (r, "Id");
        g_autofree char *target = attr (r, "Target");

        if (id != NULL && target != NULL)
          g_hash_table_insert (targets, id, resolve_target (target));
        else
          g_free (id);
      }

  root = xmlDocGetRootElement (doc);
  {
    xmlNode *pr = child (root, "workbookPr");
    g_autofree char *d1904 = pr != NULL ? attr (pr, "date1904") : NULL;

    book->date1904 = d1904 != NULL && (strcmp (d1904, "1") == 0 || g_ascii_strcasecmp (d1904, "true") == 0);
  }
  for (xmlNode *s = child (child (root, "sheets"), "sheet"); s != NULL; s = s->next)
    if (is (s, "sheet"))
      {
        g_autofree char *name = attr (s, "name");
        g_autofree char *id = attr (s, "id");
        const char *target = id != NULL ? g_hash_table_lookup (targets, id) : NULL;

        if (name == NULL || target == NULL)
          continue;   /* a chart sheet or a broken entry: no rows to read */
        g_ptr_array_add (book->sheet_names, g_steal_pointer (&name));
        g_ptr_array_add (book->sheet_parts, g_strdup (target));
      }
  if (book->sheet_names->len == 0)
    {
      g_set_error (error, ODAN_XLSX_ERROR, ODAN_XLSX_ERROR_FORMAT,
                   _("%s: the workbook has no worksheet"), book->path);
      return FALSE;
    }
  return TRUE;
}

static gboolean
read_strings (Book    *book,
              GError **error)
{
  g_autoptr(xmlDoc) doc = NULL;

  if (!g_hash_table_contains (book->parts, "xl/sharedStrings.xml"))
    return TRUE;
  doc = parse_part (book->parts, book->path, "xl/sharedStrings.xml", TRUE, error);
  if (doc == NULL)
    return FALSE;
  for (xmlNode *si = xmlDocGetRootElement (doc)->children; si != NULL; si = si->next)
    if (is (si, "si"))
      {
        GString *text = g_string_new (NULL);

        append_text (text, si);
        g_ptr_array_add (book->strings, g_string_free (text, FALSE));
      }
  return TRUE;
}

/* What a number format shows: a date, a time of day, both, or elapsed
 * hours ([h]:mm). Quoted text, escapes and [colour] sections are not
 * tokens; "m" is minutes beside h or s, else the month — either way a
 * format with d, y or e shows a date and one with h or s a time. */
static guint8
classify_format (const char *code)
{
  guint8 kind = 0;

  for (const char *p = code; p != NULL && *p != '\0'; p++)
    {
      char c = g_ascii_tolower (*p);

      if (*p == '"')
        {
          p = strchr (p + 1, '"');
          if (p == NULL)
            break;
        }
      else if (*p == '\\' || *p == '_' || *p == '*')
        {
          if (p[1] == '\0')
            break;
          p++;
        }
      else if (*p == '[')
        {
          const char *end = strchr (p, ']');

          if (end == NULL)
            break;
          if (p[1] == 'h' || p[1] == 'H' || p[1] == 'm' || p[1] == 'M' || p[1] == 's' || p[1] == 'S')
            kind |= STYLE_ELAPSED | STYLE_TIME;
          p = end;
        }
      else if (c == 'y' || c == 'd' || c == 'e' || c == 'g')
        kind |= STYLE_DATE;
      else if (c == 'h' || c == 's')
        kind |= STYLE_TIME;
      else if (c == ';')
        break;   /* the first section decides */
    }
  return kind;
}

/* The built-in formats (ECMA-376 18.8.30 and the Japanese locale's 27–36, 50–58). */
static guint8
builtin_format (guint id)
{
  if ((id >= 14 && id <= 17) || (id >= 27 && id <= 31) || (id >= 34 && id <= 36)
      || (id >= 50 && id <= 58))
    return STYLE_DATE;
  if ((id >= 18 && id <= 21) || id == 45 || id == 47 || id == 32 || id == 33)
    return STYLE_TIME;
  if (id == 22)
    return STYLE_DATE | STYLE_TIME;
  if (id == 46)
    return STYLE_TIME | STYLE_ELAPSED;
  return 0;
}

static gboolean
read_styles (Book    *book,
             GError **error)
{
  g_autoptr(xmlDoc) doc = NULL;
  g_autoptr(GHashTable) custom = g_hash_table_new (g_direct_hash, g_direct_equal);
  xmlNode *root;

  if (!g_hash_table_contains (book->parts, "xl/styles.xml"))
    return TRUE;
  doc = parse_part (book->parts, book->path, "xl/styles.xml", TRUE, error);
  if (doc == NULL)
    return FALSE;
  root = xmlDocGetRootElement (doc);
  for (xmlNode *f = child (child (root, "numFmts"), "numFmt"); f != NULL; f = f->next)
    if (is (f, "numFmt"))
      {
        g_autofree char *id = attr (f, "numFmtId");
        g_autofree char *code = attr (f, "formatCode");

        if (id != NULL && code != NULL)
          g_hash_table_insert (custom, GUINT_TO_POINTER (strtoul (id, NULL, 10) + 1),
                               GUINT_TO_POINTER ((guint) classify_format (code) + 1));
      }
  for (xmlNode *xf = child (child (root, "cellXfs"), "xf"); xf != NULL; xf = xf->next)
    if (is (xf, "xf"))
      {
        g_autofree char *id_text = attr (xf, "numFmtId");
        guint id = id_text != NULL ? (guint) strtoul (id_text, NULL, 10) : 0;
        gpointer found = g_hash_table_lookup (custom, GUINT_TO_POINTER (id + 1));
        guint8 kind = found != NULL ? (guint8) (GPOINTER_TO_UINT (found) - 1) : builtin_format (id);

        g_array_append_val (book->styles, kind);
      }
  return TRUE;
}

static Book *
book_open (const char  *path,
           gboolean     contents,
           GError     **error)
{
  g_autoptr(Book) book = g_new0 (Book, 1);

  book->path = g_strdup (path);
  book->sheet_names = g_ptr_array_new_with_free_func (g_free);
  book->sheet_parts = g_ptr_array_new_with_free_func (g_free);
  book->strings = g_ptr_array_new_with_free_func (g_free);
  book->styles = g_array_new (FALSE, FALSE, sizeof (guint8));
  book->parts = read_parts (path, error);
  if (book->parts == NULL || !read_sheets (book, error))
    return NULL;
  if (contents && (!read_strings (book, error) || !read_styles (book, error)))
    return NULL;
  return g_steal_pointer (&book);
}

char **
odan_xlsx_list_sheets (const char  *path,
                       GError     **error)
{
  g_autoptr(Book) book = NULL;

  g_return_val_if_fail (path != NULL, NULL);

  book = book_open (path, FALSE, error);
  if (book == NULL)
    return NULL;
  g_ptr_array_add (book->sheet_names, NULL);
  return (char **) g_ptr_array_steal (book->sheet_names, NULL);
}

/* ------------------------------------------------------------------ */
/* Cells */

/* @value as Excel shows it in General format: 15 significant digits, so
 * binary noise (0.1 + 0.2) reads as the 0.3 the planner typed. */
static char *
format_number (double value)
{
  char buffer[G_ASCII_DTOSTR_BUF_SIZE];

  g_ascii_formatd (buffer, sizeof buffer, "%.15g", value);
  return g_strdup (buffer);
}

/* A serial under a date/time style as text (see odan-xlsx.h). */
static char *
format_serial (double   serial,
               guint8   kind,
               gboolean date1904)
{
  gint64 seconds = (gint64) llround (serial * 86400.0);
  gint64 days = seconds >= 0 ? seconds / 86400 : -((-seconds + 86399) / 86400);
  gint64 of_day = seconds - days * 86400;
  int h = (int) (of_day / 3600), m = (int) (of_day / 60 % 60), s = (int) (of_day % 60);
  g_autofree char *time = NULL;
  GDate date;

  if (kind & STYLE_ELAPSED)
    {
      gint64 total = llabs (seconds);

      return g_strdup_printf ("%s%" G_GINT64_FORMAT ":%02d%s", seconds < 0 ? "-" : "", total / 3600,
                              (int) (total / 60 % 60), "");
    }
  time = s != 0 ? g_strdup_printf ("%02d:%02d:%02d", h, m, s) : g_strdup_printf ("%02d:%02d", h, m);
  if (!(kind & STYLE_DATE))
    return g_steal_pointer (&time);

  /* 1900 system: day 1 is 1900-01-01 and Excel counts a 29 February 1900
   * that never was, so from day 61 on the epoch is 1899-12-30 */
  g_date_clear (&date, 1);
  if (date1904)
    g_date_set_dmy (&date, 1, 1, 1904);
  else if (days >= 61)
    g_date_set_dmy (&date, 30, 12, 1899);
  else
    g_date_set_dmy (&date, 31, 12, 1899);
  if (days < 0 || days > 2958465)
    return format_number (serial);   /* outside Excel's calendar: the number as stored */
  g_date_add_days (&date, (guint) days);
  if (!(kind & STYLE_TIME) && of_day == 0)
    return g_strdup_printf ("%04u-%02u-%02u", g_date_get_year (&date), g_date_get_month (&date),
                            g_date_get_day (&date));
  return g_strdup_printf ("%04u-%02u-%02u %s", g_date_get_year (&date), g_date_get_month (&date),
                          g_date_get_day (&date), time);
}

/* The column of a cell reference ("C12" → 2), or -1. */
static int
column_of (const char *ref)
{
  int col = 0;
  const char *p = ref;

  if (ref == NULL || !g_ascii_isalpha (*p))
    return -1;
  for (; g_ascii_isalpha (*p); p++)
    {
      col = col * 26 + (g_ascii_toupper (*p) - 'A' + 1);
      if (col > 16384)
        return -1;
    }
  return col - 1;
}

static char *
cell_text (const Book    *book,
           const xmlNode *c)
{
  g_autofree char *type = attr (c, "t");
  g_autofree char *style = attr (c, "s");
  xmlNode *v = child (c, "v");
  xmlChar *raw;
  char *out;

  if (type != NULL && strcmp (type, "inlineStr") == 0)
    {
      GString *text = g_string_new (NULL);
      xmlNode *is_node = child (c, "is");

      if (is_node != NULL)
        append_text (text, is_node);
      return g_string_free (text, FALSE);
    }
  if (v == NULL)
    return g_strdup ("");
  raw = xmlNodeGetContent (v);
  if (type != NULL && strcmp (type, "s") == 0)
    {
      char *end;
      guint64 i = g_ascii_strtoull ((const char *) raw, &end, 10);

      out = g_strdup (end != (char *) raw && i < book->strings->len
                      ? (const char *) g_ptr_array_index (book->strings, i) : "");
    }
  else if (type != NULL && strcmp (type, "b") == 0)
    out = g_strdup (strcmp ((const char *) raw, "1") == 0 ? "TRUE" : "FALSE");
  else if (type == NULL || strcmp (type, "n") == 0)
    {
      char *end;
      double value = g_ascii_strtod ((const char *) raw, &end);
      guint s = style != NULL ? (guint) strtoul (style, NULL, 10) : 0;
      guint8 kind = s < book->styles->len ? g_array_index (book->styles, guint8, s) : 0;

      if (end == (char *) raw || *end != '\0' || !isfinite (value))
        out = g_strdup ((const char *) raw);
      else if (kind != 0)
        out = format_serial (value, kind, book->date1904);
      else
        out = format_number (value);
    }
  else
    out = g_strdup ((const char *) raw);   /* str (a formula's text), e (an error such as #N/A) */
  xmlFree (raw);
  return out;
}

/* ------------------------------------------------------------------ */
/* Rows */

static gboolean
emit_row (const char      *name,
          guint            line,
          GPtrArray       *cells,
          OdanCsvRowFunc   func,
          gpointer         user_data,
          GError         **error)
{
  g_autofree gsize *lengths = g_new (gsize, MAX (cells->len, 1));
  OdanCsvRow row = { name, line, cells->len, (const char *const *) cells->pdata, lengths };

  for (guint i = 0; i < cells->len; i++)
    lengths[i] = strlen (g_ptr_array_index (cells, i));
  return func (&row, user_data, error);
}

/* Whether @cells holds any text. */
static gboolean
has_text (GPtrArray *cells)
{
  for (guint i = 0; i < cells->len; i++)
    if (((const char *) g_ptr_array_index (cells, i))[0] != '\0')
      return TRUE;
  return FALSE;
}

static gboolean
read_rows (const Book      *book,
           const char      *name,
           xmlNode         *data,
           OdanCsvRowFunc   func,
           gpointer         user_data,
           GError         **error)
{
  g_autoptr(GPtrArray) cells = g_ptr_array_new_with_free_func (g_free);
  guint line = 0;

  for (xmlNode *r = data != NULL ? data->children : NULL; r != NULL; r = r->next)
    {
      g_autofree char *number = NULL;

      if (!is (r, "row"))
        continue;
      number = attr (r, "r");
      if (number != NULL)
        {
          char *end;
          guint64 n = g_ascii_strtoull (number, &end, 10);

          /* Excel's sheets end at row 1,048,576 */
          if (*end != '\0' || n == 0 || n > 1048576)
            {
              g_set_error (error, ODAN_XLSX_ERROR, ODAN_XLSX_ERROR_FORMAT,
                           _("%s: a row is numbered “%s”, not 1 to 1048576"), name, number);
              return FALSE;
            }
          line = (guint) n;
        }
      else
        line++;
      g_ptr_array_set_size (cells, 0);
      for (xmlNode *c = r->children; c != NULL; c = c->next)
        {
          g_autofree char *ref = NULL;
          int col;

          if (!is (c, "c"))
            continue;
          ref = attr (c, "r");
          col = column_of (ref);
          if (col < 0)
            col = (int) cells->len;
          while (cells->len < (guint) col)
            g_ptr_array_add (cells, g_strdup (""));
          if ((guint) col < cells->len)
            {
              g_free (g_ptr_array_index (cells, col));
              g_ptr_array_index (cells, col) = cell_text (book, c);
            }
          else
            g_ptr_array_add (cells, cell_text (book, c));
        }
      /* a row Excel keeps only for its height or style is no row of data */
      while (cells->len > 0 && ((const char *) g_ptr_array_index (cells, cells->len - 1))[0] == '\0')
        g_ptr_array_set_size (cells, cells->len - 1);
      if (has_text (cells) && !emit_row (name, line, cells, func, user_data, error))
        return FALSE;
    }
  return TRUE;
}

gboolean
odan_xlsx_read_sheet (const char      *path,
                      const char      *sheet,
                      OdanCsvRowFunc   func,
                      gpointer         user_data,
                      GError         **error)
{
  g_autoptr(Book) book = NULL;
  g_autoptr(xmlDoc) doc = NULL;
  g_autofree char *name = NULL;
  guint index = 0;

  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (func != NULL, FALSE);

  book = book_open (path, TRUE, error);
  if (book == NULL)
    return FALSE;
  if (sheet != NULL)
    {
      for (index = 0; index < book->sheet_names->len; index++)
        if (strcmp (g_ptr_array_index (book->sheet_names, index), sheet) == 0)
          break;
      if (index == book->sheet_names->len)
        {
          g_autofree char *names = NULL;

          g_ptr_array_add (book->sheet_names, NULL);
          names = g_strjoinv (", ", (char **) book->sheet_names->pdata);
          g_set_error (error, ODAN_XLSX_ERROR, ODAN_XLSX_ERROR_NO_SHEET,
                       _("%s: no sheet named “%s” (the workbook has: %s)"), path, sheet, names);
          return FALSE;
        }
    }
  doc = parse_part (book->parts, path, g_ptr_array_index (book->sheet_parts, index), TRUE, error);
  if (doc == NULL)
    return FALSE;
  name = g_strdup_printf ("%s [%s]", path, (const char *) g_ptr_array_index (book->sheet_names, index));
  return read_rows (book, name, child (xmlDocGetRootElement (doc), "sheetData"), func, user_data, error);
}

gboolean
odan_sheet_read_file (const char      *path,
                      const char      *sheet,
                      OdanCsvRowFunc   func,
                      gpointer         user_data,
                      GError         **error)
{
  g_return_val_if_fail (path != NULL, FALSE);

  if (odan_xlsx_is_workbook (path))
    return odan_xlsx_read_sheet (path, sheet, func, user_data, error);
  if (sheet != NULL)
    {
      g_set_error (error, ODAN_XLSX_ERROR, ODAN_XLSX_ERROR_NO_SHEET,
                   _("%s: a CSV file has no sheets; a sheet is chosen only in a workbook (.xlsx)"), path);
      return FALSE;
    }
  return odan_csv_read_file (path, func, user_data, NULL, error);
}

/* ------------------------------------------------------------------ */
/* Writing */

struct _OdanXlsxWriter {
  char          *path;
  char          *temp;
  lxw_workbook  *book;
  lxw_worksheet *sheet;
  lxw_format    *bold;
  GHashTable    *names;   /* sheet names taken, folded */
  guint          row;
  lxw_error      failed;
};

OdanXlsxWriter *
odan_xlsx_writer_new (const char *path)
{
  OdanXlsxWriter *w = g_new0 (OdanXlsxWriter, 1);
  lxw_workbook_options options = { 0 };

  w->path = g_strdup (path);
  w->temp = g_strdup_printf ("%s.%08x.tmp", path, g_random_int ());
  w->book = workbook_new_opt (w->temp, &options);
  if (w->book != NULL)
    w->bold = workbook_add_format (w->book);
  if (w->bold != NULL)
    format_set_bold (w->bold);
  w->names = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  w->failed = w->book == NULL ? LXW_ERROR_CREATING_XLSX_FILE : LXW_NO_ERROR;
  return w;
}

/* @name as Excel takes it: no []:*?/\, at most 31 characters, not yet used. */
static char *
sheet_name (OdanXlsxWriter *w,
            const char     *name)
{
  GString *clean = g_string_new (NULL);
  g_autofree char *base = NULL;
  char *candidate;

  for (const char *p = name != NULL && name[0] != '\0' ? name : "Sheet"; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_utf8_strlen (clean->str, -1) >= 31)
        break;
      if (c == '[' || c == ']' || c == ':' || c == '*' || c == '?' || c == '/' || c == '\\')
        g_string_append_c (clean, '_');
      else
        g_string_append_unichar (clean, c);
    }
  base = g_strstrip (g_string_free (clean, FALSE));   /* a name cut short may end in a blank */
  if (base[0] == '\0')
    {
      g_free (base);
      base = g_strdup ("Sheet");
    }
  candidate = g_strdup (base);
  for (guint n = 2;; n++)
    {
      char *folded = g_utf8_casefold (candidate, -1);
      g_autofree char *suffix = NULL;
      const char *end;

      if (!g_hash_table_contains (w->names, folded))
        {
          g_hash_table_add (w->names, folded);
          return candidate;
        }
      g_free (folded);
      g_free (candidate);
      /* "Name (2)": the base shortened so the whole stays within 31 */
      suffix = g_strdup_printf (" (%u)", n);
      end = g_utf8_offset_to_pointer (base, MIN (31 - (glong) strlen (suffix), g_utf8_strlen (base, -1)));
      candidate = g_strdup_printf ("%.*s%s", (int) (end - base), base, suffix);
    }
}

void
odan_xlsx_writer_sheet (OdanXlsxWriter *w,
                        const char     *name)
{
  g_autofree char *clean = NULL;

  g_return_if_fail (w != NULL);

  if (w->failed != LXW_NO_ERROR)
    return;
  clean = sheet_name (w, name);
  w->sheet = workbook_add_worksheet (w->book, clean);
  w->row = 0;
  if (w->sheet == NULL)
    w->failed = LXW_ERROR_MEMORY_MALLOC_FAILED;
}

void
odan_xlsx_writer_row (OdanXlsxWriter    *w,
                      const char *const *cells,
                      guint              n_cells)
{
  g_return_if_fail (w != NULL);

  if (w->failed != LXW_NO_ERROR)
    return;
  if (w->sheet == NULL)
    odan_xlsx_writer_sheet (w, NULL);
  if (w->failed != LXW_NO_ERROR)
    return;
  if (w->row >= LXW_ROW_MAX)
    {
      w->failed = LXW_ERROR_WORKSHEET_INDEX_OUT_OF_RANGE;
      return;
    }
  for (guint c = 0; c < n_cells && c < LXW_COL_MAX; c++)
    {
      lxw_error e;

      if (cells[c] == NULL || cells[c][0] == '\0')
        continue;
      e = worksheet_write_string (w->sheet, w->row, (lxw_col_t) c, cells[c], w->row == 0 ? w->bold : NULL);
      if (e != LXW_NO_ERROR)
        {
          w->failed = e;
          return;
        }
    }
  if (w->row == 0)
    worksheet_freeze_panes (w->sheet, 1, 0);
  w->row++;
}

void
odan_xlsx_writer_free (OdanXlsxWriter *w)
{
  if (w == NULL)
    return;
  if (w->book != NULL)
    {
      workbook_close (w->book);
      g_unlink (w->temp);
    }
  g_clear_pointer (&w->names, g_hash_table_unref);
  g_free (w->path);
  g_free (w->temp);
  g_free (w);
}

gboolean
odan_xlsx_writer_close (OdanXlsxWriter  *w,
                        GError         **error)
{
  lxw_error e;

  g_return_val_if_fail (w != NULL, FALSE);

  if (w->failed == LXW_NO_ERROR && w->sheet == NULL)
    odan_xlsx_writer_sheet (w, NULL);   /* a workbook needs one sheet */
  e = w->failed;
  if (w->book != NULL)
    {
      lxw_error closed = workbook_close (w->book);

      w->book = NULL;
      if (e == LXW_NO_ERROR)
        e = closed;
    }
  if (e == LXW_NO_ERROR && g_rename (w->temp, w->path) != 0)
    {
      int saved = errno;

      g_set_error (error, ODAN_XLSX_ERROR, ODAN_XLSX_ERROR_IO, _("%s: cannot be written: %s"),
                   w->path, g_strerror (saved));
      g_unlink (w->temp);
      odan_xlsx_writer_free (w);
      return FALSE;
    }
  if (e != LXW_NO_ERROR)
    {
      g_set_error (error, ODAN_XLSX_ERROR, ODAN_XLSX_ERROR_IO, _("%s: cannot be written: %s"),
                   w->path, lxw_strerror (e));
      g_unlink (w->temp);
    }
  odan_xlsx_writer_free (w);
  return e == LXW_NO_ERROR;
}

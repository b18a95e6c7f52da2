/* test-csv.c — reading and writing CSV (odan-csv.h)
 *
 * Encodings (UTF-8 with and without BOM, CP932 as Excel saves it), line
 * endings, quoting, the physical line each row starts on, and the errors of
 * malformed input with their lines.
 */
#include <glib.h>
#include <string.h>

#include "odan-csv.h"

/* Rows collected as "line|field|field|…" strings. */
typedef struct {
  GPtrArray *rows;
  guint      stop_at;   /* stop with an error at this row (1-based), or 0 */
} Collect;

static gboolean
collect_row (const OdanCsvRow *row,
             gpointer          user_data,
             GError          **error)
{
  Collect *c = user_data;
  GString *s = g_string_new (NULL);

  g_string_append_printf (s, "%u", row->line);
  for (guint i = 0; i < row->n_fields; i++)
    {
      g_assert_cmpuint (strlen (row->fields[i]), ==, row->lengths[i]);
      g_string_append_c (s, '|');
      g_string_append (s, row->fields[i]);
    }
  g_ptr_array_add (c->rows, g_string_free (s, FALSE));

  if (c->stop_at > 0 && c->rows->len == c->stop_at)
    {
      g_set_error (error, G_FILE_ERROR, G_FILE_ERROR_INTR, "stopped at line %u", row->line);
      return FALSE;
    }
  return TRUE;
}

/* Reads @data and compares the rows with the NULL-terminated @expected. */
static void
assert_rows (const char        *data,
             gssize             len,
             OdanCsvEncoding    expected_encoding,
             const char *const *expected)
{
  Collect c = { g_ptr_array_new_with_free_func (g_free), 0 };
  g_autoptr(GError) error = NULL;
  OdanCsvEncoding encoding = -1;
  guint n;

  if (len < 0)
    len = (gssize) strlen (data);
  g_assert_true (odan_csv_read_data ("test.csv", data, (gsize) len, collect_row, &c,
                                     &encoding, &error));
  g_assert_no_error (error);
  g_assert_cmpint (encoding, ==, expected_encoding);

  n = g_strv_length ((char **) expected);
  for (guint i = 0; i < MIN (n, c.rows->len); i++)
    g_assert_cmpstr (g_ptr_array_index (c.rows, i), ==, expected[i]);
  g_assert_cmpuint (c.rows->len, ==, n);
  g_ptr_array_unref (c.rows);
}

static void
test_plain (void)
{
  const char *const expected[] = {
    "1|id|name",
    "2|a|Alpha",
    "3|b|",
    NULL
  };

  assert_rows ("id,name\na,Alpha\nb,\n", -1, ODAN_CSV_ENCODING_UTF8, expected);
  /* no newline at the end */
  assert_rows ("id,name\na,Alpha\nb,", -1, ODAN_CSV_ENCODING_UTF8, expected);
}

static void
test_bom (void)
{
  const char *const expected[] = {
    "1|id|name_ja",
    "2|power|電力",
    NULL
  };

  assert_rows ("\xEF\xBB\xBFid,name_ja\npower,電力\n", -1, ODAN_CSV_ENCODING_UTF8_BOM, expected);
}

static void
test_crlf (void)
{
  const char *const expected[] = {
    "1|id|name",
    "2|a|Alpha",
    "4|b|Beta",
    NULL
  };

  /* the blank line 3 is skipped, and so is a row of empty cells (line 5) */
  assert_rows ("id,name\r\na,Alpha\r\n\r\nb,Beta\r\n,,\r\n", -1, ODAN_CSV_ENCODING_UTF8, expected);
}

/* Old Mac line ends: CR alone; rows are still on their own lines. */
static void
test_cr_only (void)
{
  const char *const expected[] = {
    "1|id|name",
    "2|a|Alpha",
    "4|b|Beta",
    NULL
  };

  assert_rows ("id,name\ra,Alpha\r\rb,Beta\r", -1, ODAN_CSV_ENCODING_UTF8, expected);
}

static void
test_quoted (void)
{
  const char *const expected[] = {
    "1|id|body|n",
    "2|a|one, two|1",
    "3|b|say \"hi\"|2",
    "4|c|first line\nsecond line\n\nfourth line|3",
    "8|d|after the multi-line field|4",
    "9|e| kept blanks |5",
    NULL
  };

  assert_rows ("id,body,n\n"
               "a,\"one, two\",1\n"
               "b,\"say \"\"hi\"\"\",2\n"
               "c,\"first line\nsecond line\n\nfourth line\",3\n"
               "d,after the multi-line field,4\n"
               "e,\" kept blanks \",5\n",
               -1, ODAN_CSV_ENCODING_UTF8, expected);
}

static void
test_quoted_crlf (void)
{
  const char *const expected[] = {
    "1|id|body",
    "2|a|x\r\ny",
    "4|b|z",
    NULL
  };

  assert_rows ("id,body\r\na,\"x\r\ny\"\r\nb,z\r\n", -1, ODAN_CSV_ENCODING_UTF8, expected);
}

/* Shift_JIS bytes of "id,name\r\n1,電力\r\n2,\"水道\r\n（東京）\"\r\n3,～①\r\n"
 * as `iconv -f UTF-8 -t CP932` writes them; ～ (U+FF5E) and ① exist in CP932
 * but not in plain Shift_JIS. */
static const char cp932_bytes[] =
  "id,name\r\n"
  "1,\x93\x64\x97\xcd\r\n"
  "2,\"\x90\x85\x93\xb9\r\n\x81\x69\x93\x8c\x8b\x9e\x81\x6a\"\r\n"
  "3,\x81\x60\x87\x40\r\n";

static void
test_cp932 (void)
{
  const char *const expected[] = {
    "1|id|name",
    "2|1|電力",
    "3|2|水道\r\n（東京）",
    "5|3|～①",
    NULL
  };

  assert_rows (cp932_bytes, sizeof cp932_bytes - 1, ODAN_CSV_ENCODING_CP932, expected);
}

static void
test_cp932_file (void)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "base", "csv", "cp932-crlf.csv", NULL);
  Collect c = { g_ptr_array_new_with_free_func (g_free), 0 };
  g_autoptr(GError) error = NULL;
  OdanCsvEncoding encoding = -1;
  const char *const expected[] = {
    "1|id|name|name_ja",
    "2|water|Water team|水道チーム",
    "3|medical|Medical team|医療チーム\r\n（災害拠点病院）",
    "5|finance|Finance|金融～①",
  };

  g_assert_true (odan_csv_read_file (path, collect_row, &c, &encoding, &error));
  g_assert_no_error (error);
  g_assert_cmpint (encoding, ==, ODAN_CSV_ENCODING_CP932);
  g_assert_cmpuint (c.rows->len, ==, G_N_ELEMENTS (expected));
  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    g_assert_cmpstr (g_ptr_array_index (c.rows, i), ==, expected[i]);
  g_ptr_array_unref (c.rows);
}

/* An error and the line reported with it, both through the prefixed public
 * form and through odan_csv_read_data_at(). */
static void
assert_error (const char *data,
              gsize       len,
              int         code,
              guint       line,
              const char *message)
{
  Collect c = { g_ptr_array_new_with_free_func (g_free), 0 };
  g_autoptr(GError) error = NULL;
  g_autofree char *prefixed = NULL;
  guint error_line = 12345;

  g_assert_false (odan_csv_read_data_at ("bad.csv", data, len, collect_row, &c, NULL,
                                         &error_line, &error));
  g_assert_error (error, ODAN_CSV_ERROR, code);
  g_assert_cmpstr (error->message, ==, message);
  g_assert_cmpuint (error_line, ==, line);
  g_clear_error (&error);

  g_assert_false (odan_csv_read_data ("bad.csv", data, len, collect_row, &c, NULL, &error));
  g_assert_error (error, ODAN_CSV_ERROR, code);
  prefixed = line > 0 ? g_strdup_printf ("bad.csv:%u: %s", line, message)
                      : g_strdup_printf ("bad.csv: %s", message);
  g_assert_cmpstr (error->message, ==, prefixed);
  g_ptr_array_unref (c.rows);
}

static void
test_malformed_quote (void)
{
  static const char stray[] = "id,name\na,Alpha\nb,Grid \"east\"\nc,Gamma\n";
  static const char after_quote[] = "id,name\na,\"multi\nline\"x\n";
  static const char unterminated[] = "id,name\na,Alpha\nb,\"never\nends\n";
  const char *quotes = "malformed quotes: a field holding a quote must be enclosed in quotes, "
                       "with each quote inside doubled";

  assert_error (stray, sizeof stray - 1, ODAN_CSV_ERROR_SYNTAX, 3, quotes);
  /* text after the closing quote, on the second line of the field */
  assert_error (after_quote, sizeof after_quote - 1, ODAN_CSV_ERROR_SYNTAX, 3, quotes);
  /* the unterminated field is reported where it starts */
  assert_error (unterminated, sizeof unterminated - 1, ODAN_CSV_ERROR_SYNTAX, 3,
                "a quoted field that starts here never ends (missing closing quote)");
}

static void
test_bad_encoding (void)
{
  /* 0xFF is neither UTF-8 nor CP932 */
  static const char neither[] = "id,name\na,Alpha\nb,W\xff\xfeter\n";
  static const char bad_bom[] = "\xEF\xBB\xBFid,name\n\n\na,\x93\x64\x97\xcd\n";

  assert_error (neither, sizeof neither - 1, ODAN_CSV_ERROR_ENCODING, 3,
                "the file is neither UTF-8 nor CP932 (Shift_JIS) text; save it as UTF-8 CSV");
  assert_error (bad_bom, sizeof bad_bom - 1, ODAN_CSV_ERROR_ENCODING, 4,
                "the file starts with a UTF-8 byte order mark but is not valid UTF-8");
}

static void
test_callback_stop (void)
{
  Collect c = { g_ptr_array_new_with_free_func (g_free), 2 };
  g_autoptr(GError) error = NULL;
  const char *data = "id\n\na\nb\nc\n";

  g_assert_false (odan_csv_read_data ("stop.csv", data, strlen (data), collect_row, &c, NULL, &error));
  /* the callback's own error comes back untouched */
  g_assert_error (error, G_FILE_ERROR, G_FILE_ERROR_INTR);
  g_assert_cmpstr (error->message, ==, "stopped at line 3");
  g_assert_cmpuint (c.rows->len, ==, 2);
  g_ptr_array_unref (c.rows);
}

static void
test_missing_file (void)
{
  Collect c = { g_ptr_array_new_with_free_func (g_free), 0 };
  g_autoptr(GError) error = NULL;

  g_assert_false (odan_csv_read_file ("/nonexistent/odan/file.csv", collect_row, &c, NULL, &error));
  g_assert_error (error, ODAN_CSV_ERROR, ODAN_CSV_ERROR_IO);
  g_assert_true (g_str_has_prefix (error->message, "/nonexistent/odan/file.csv: "));
  g_ptr_array_unref (c.rows);
}

static void
test_empty (void)
{
  const char *const none[] = { NULL };

  assert_rows ("", 0, ODAN_CSV_ENCODING_UTF8, none);
  assert_rows ("\n\n \n", -1, ODAN_CSV_ENCODING_UTF8, none);
}

static void
test_write (void)
{
  const char *const fields[] = { "plain", "with, comma", "say \"hi\"", "two\nlines", "", " padded", "電力" };
  g_autoptr(GString) out = g_string_new (NULL);
  Collect c = { g_ptr_array_new_with_free_func (g_free), 0 };
  g_autoptr(GError) error = NULL;

  odan_csv_write_row (out, fields, G_N_ELEMENTS (fields));
  odan_csv_write_field (out, "next", TRUE);
  odan_csv_write_field (out, NULL, FALSE);
  odan_csv_write_field (out, "end", FALSE);
  g_string_append_c (out, '\n');

  g_assert_cmpstr (out->str, ==,
                   "plain,\"with, comma\",\"say \"\"hi\"\"\",\"two\nlines\",,\" padded\",電力\n"
                   "next,,end\n");

  /* and it reads back as written */
  g_assert_true (odan_csv_read_data ("w.csv", out->str, out->len, collect_row, &c, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (c.rows->len, ==, 2);
  g_assert_cmpstr (g_ptr_array_index (c.rows, 0), ==,
                   "1|plain|with, comma|say \"hi\"|two\nlines|| padded|電力");
  g_assert_cmpstr (g_ptr_array_index (c.rows, 1), ==, "3|next||end");
  g_ptr_array_unref (c.rows);
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/data/csv/plain", test_plain);
  g_test_add_func ("/data/csv/bom", test_bom);
  g_test_add_func ("/data/csv/crlf", test_crlf);
  g_test_add_func ("/data/csv/cr-only", test_cr_only);
  g_test_add_func ("/data/csv/quoted", test_quoted);
  g_test_add_func ("/data/csv/quoted-crlf", test_quoted_crlf);
  g_test_add_func ("/data/csv/cp932", test_cp932);
  g_test_add_func ("/data/csv/cp932-file", test_cp932_file);
  g_test_add_func ("/data/csv/malformed-quote", test_malformed_quote);
  g_test_add_func ("/data/csv/bad-encoding", test_bad_encoding);
  g_test_add_func ("/data/csv/callback-stop", test_callback_stop);
  g_test_add_func ("/data/csv/missing-file", test_missing_file);
  g_test_add_func ("/data/csv/empty", test_empty);
  g_test_add_func ("/data/csv/write", test_write);

  return g_test_run ();
}

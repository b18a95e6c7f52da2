/* test-xlsx.c — workbooks: read as planners wrote them, written and read back */
#include <glib.h>
#include <glib/gstdio.h>
#include <string.h>
#include <xlsxwriter.h>
#include <archive.h>
#include <archive_entry.h>
#include <stdarg.h>

#include "odan-xlsx.h"

typedef struct {
  GPtrArray *rows;   /* char** (NULL-terminated cells), "line" first */
} Collected;

static gboolean
collect (const OdanCsvRow *row,
         gpointer          user_data,
         GError          **error)
{
  Collected *c = user_data;
  GPtrArray *cells = g_ptr_array_new ();

  g_ptr_array_add (cells, g_strdup_printf ("%u", row->line));
  for (guint i = 0; i < row->n_fields; i++)
    g_ptr_array_add (cells, g_strndup (row->fields[i], row->lengths[i]));
  g_ptr_array_add (cells, NULL);
  g_ptr_array_add (c->rows, g_ptr_array_free (cells, FALSE));
  return TRUE;
}

static char *
joined (Collected *c,
        guint      i)
{
  return g_strjoinv ("|", g_ptr_array_index (c->rows, i));
}

static char *
temp_path (const char *name)
{
  g_autofree char *dir = g_dir_make_tmp ("odan-xlsx-XXXXXX", NULL);

  g_assert_nonnull (dir);
  return g_build_filename (dir, name, NULL);
}

/* A workbook as Excel keeps an MSEL: a title row above the header, dates,
 * times and durations under their formats, numbers, booleans, a gap. */
static char *
write_planner_workbook (void)
{
  char *path = temp_path ("msel.xlsx");
  lxw_workbook *wb = workbook_new (path);
  lxw_worksheet *notes = workbook_add_worksheet (wb, "Notes");
  lxw_worksheet *msel = workbook_add_worksheet (wb, "MSEL 演習");
  lxw_format *datetime = workbook_add_format (wb);
  lxw_format *date = workbook_add_format (wb);
  lxw_format *time = workbook_add_format (wb);
  lxw_format *elapsed = workbook_add_format (wb);
  lxw_format *jdate = workbook_add_format (wb);
  lxw_datetime dt = { 2015, 11, 5, 10, 30, 0 };

  format_set_num_format (datetime, "yyyy/m/d h:mm");
  format_set_num_format (date, "[$-411]ggge\"年\"m\"月\"d\"日\"");
  format_set_num_format (time, "h:mm:ss;@");
  format_set_num_format (elapsed, "[h]:mm");
  format_set_num_format_index (jdate, 14);
  worksheet_write_string (notes, 0, 0, "not this sheet", NULL);
  worksheet_write_string (msel, 0, 0, "演習 MSEL（第2版）", NULL);
  worksheet_write_string (msel, 2, 0, "Event Number", NULL);
  worksheet_write_string (msel, 2, 1, "Time", NULL);
  worksheet_write_string (msel, 2, 3, "Message", NULL);
  worksheet_write_number (msel, 3, 0, 1, NULL);
  worksheet_write_datetime (msel, 3, 1, &dt, datetime);
  worksheet_write_string (msel, 3, 3, "停電, \"東京\"\n二行目", NULL);
  worksheet_write_number (msel, 4, 0, 2.5, NULL);
  worksheet_write_number (msel, 4, 1, 0.5 + 1.0 / 86400.0, time);
  worksheet_write_boolean (msel, 4, 2, 1, NULL);
  worksheet_write_number (msel, 4, 3, 0.1 + 0.2, NULL);
  worksheet_write_number (msel, 6, 1, 1.75, elapsed);
  worksheet_write_number (msel, 6, 2, 42313, date);
  worksheet_write_number (msel, 6, 3, 59, jdate);
  worksheet_write_number (msel, 7, 2, 61, jdate);
  g_assert_cmpint (workbook_close (wb), ==, LXW_NO_ERROR);
  return path;
}

static void
test_read_planner_sheet (void)
{
  g_autofree char *path = write_planner_workbook ();
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) sheets = odan_xlsx_list_sheets (path, &error);
  Collected c = { g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev) };
  const char *expected[] = {
    "1|演習 MSEL（第2版）",
    "3|Event Number|Time||Message",
    "4|1|2015-11-05 10:30||停電, \"東京\"\n二行目",
    "5|2.5|12:00:01|TRUE|0.3",
    "7||42:00|2015-11-05|1900-02-28",
    "8|||1900-03-01",   /* after Excel's 29 February 1900 that never was */
  };

  g_assert_no_error (error);
  g_assert_cmpuint (g_strv_length (sheets), ==, 2);
  g_assert_cmpstr (sheets[1], ==, "MSEL 演習");

  g_assert_true (odan_xlsx_read_sheet (path, "MSEL 演習", collect, &c, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (c.rows->len, ==, G_N_ELEMENTS (expected));
  for (guint i = 0; i < c.rows->len; i++)
    {
      g_autofree char *row = joined (&c, i);
      g_assert_cmpstr (row, ==, expected[i]);
    }
  g_ptr_array_set_size (c.rows, 0);

  /* no name: the first sheet */
  g_assert_true (odan_sheet_read_file (path, NULL, collect, &c, &error));
  g_assert_cmpuint (c.rows->len, ==, 1);
  g_assert_cmpstr (((char **) g_ptr_array_index (c.rows, 0))[1], ==, "not this sheet");
  g_ptr_array_unref (c.rows);
}

static void
test_bad_input (void)
{
  g_autofree char *path = write_planner_workbook ();
  g_autofree char *dir = g_path_get_dirname (path);
  g_autofree char *junk = g_build_filename (dir, "junk.xlsx", NULL);
  g_autoptr(GError) error = NULL;
  Collected c = { g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev) };

  g_assert_false (odan_xlsx_read_sheet (path, "Sheet9", collect, &c, &error));
  g_assert_error (error, ODAN_XLSX_ERROR, ODAN_XLSX_ERROR_NO_SHEET);
  g_assert_nonnull (strstr (error->message, "Notes, MSEL 演習"));
  g_clear_error (&error);

  g_assert_true (g_file_set_contents (junk, "id,time\n1,0:10\n", -1, NULL));
  g_assert_false (odan_xlsx_read_sheet (junk, NULL, collect, &c, &error));
  g_assert_error (error, ODAN_XLSX_ERROR, ODAN_XLSX_ERROR_IO);
  g_assert_nonnull (strstr (error->message, "junk.xlsx"));
  g_clear_error (&error);

  g_assert_false (odan_sheet_read_file (junk, NULL, collect, &c, &error));
  g_assert_nonnull (error);
  g_clear_error (&error);
  g_assert_cmpuint (c.rows->len, ==, 0);
  g_ptr_array_unref (c.rows);
}

/* A zip of the given parts (name, text, … NULL), as a broken workbook. */
static void
write_zip (const char *path,
           ...)
{
  struct archive *a = archive_write_new ();
  va_list ap;
  const char *name;

  archive_write_set_format_zip (a);
  g_assert_cmpint (archive_write_open_filename (a, path), ==, ARCHIVE_OK);
  va_start (ap, path);
  while ((name = va_arg (ap, const char *)) != NULL)
    {
      const char *text = va_arg (ap, const char *);
      struct archive_entry *e = archive_entry_new ();

      archive_entry_set_pathname (e, name);
      archive_entry_set_size (e, (la_int64_t) strlen (text));
      archive_entry_set_filetype (e, AE_IFREG);
      archive_entry_set_perm (e, 0644);
      archive_write_header (a, e);
      archive_write_data (a, text, strlen (text));
      archive_entry_free (e);
    }
  va_end (ap);
  archive_write_close (a);
  archive_write_free (a);
}

/* Broken parts: a message naming the file, never a crash */
static void
test_malformed_parts (void)
{
  g_autofree char *path = temp_path ("broken.xlsx");
  g_autoptr(GError) error = NULL;
  Collected c = { g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev) };
  const char *book = "<workbook xmlns:r=\"r\"><sheets><sheet name=\"A\" r:id=\"rId1\"/></sheets></workbook>";
  const char *rels = "<Relationships><Relationship Id=\"rId1\" Target=\"worksheets/sheet1.xml\"/></Relationships>";

  /* a row past Excel's last */
  write_zip (path, "xl/workbook.xml", book, "xl/_rels/workbook.xml.rels", rels,
             "xl/worksheets/sheet1.xml",
             "<worksheet><sheetData><row r=\"99999999999\"><c><v>1</v></c></row></sheetData></worksheet>", NULL);
  g_assert_false (odan_xlsx_read_sheet (path, NULL, collect, &c, &error));
  g_assert_error (error, ODAN_XLSX_ERROR, ODAN_XLSX_ERROR_FORMAT);
  g_assert_nonnull (strstr (error->message, "99999999999"));
  g_clear_error (&error);

  /* a shared string out of range, a column past XFD, a number that is none, a style that is not there */
  write_zip (path, "xl/workbook.xml", book, "xl/_rels/workbook.xml.rels", rels,
             "xl/worksheets/sheet1.xml",
             "<worksheet><sheetData><row r=\"2\"><c r=\"A2\" t=\"s\"><v>999999</v></c>"
             "<c r=\"ZZZZZZ2\"><v>abc</v></c><c r=\"C2\" s=\"99999\"><v>7</v></c></row></sheetData></worksheet>", NULL);
  g_assert_true (odan_xlsx_read_sheet (path, NULL, collect, &c, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (c.rows->len, ==, 1);
  {
    g_autofree char *row = joined (&c, 0);
    g_assert_cmpstr (row, ==, "2||abc|7");
  }

  /* no sheet part, malformed XML */
  write_zip (path, "xl/workbook.xml", book, "xl/_rels/workbook.xml.rels", rels, NULL);
  g_assert_false (odan_xlsx_read_sheet (path, NULL, collect, &c, &error));
  g_assert_error (error, ODAN_XLSX_ERROR, ODAN_XLSX_ERROR_FORMAT);
  g_assert_nonnull (strstr (error->message, "xl/worksheets/sheet1.xml"));
  g_clear_error (&error);
  write_zip (path, "xl/workbook.xml", "<workbook><sheets>", "xl/_rels/workbook.xml.rels", rels, NULL);
  g_assert_false (odan_xlsx_read_sheet (path, NULL, collect, &c, &error));
  g_assert_error (error, ODAN_XLSX_ERROR, ODAN_XLSX_ERROR_FORMAT);
  g_assert_nonnull (strstr (error->message, "broken.xlsx"));
  g_ptr_array_unref (c.rows);
}

static void
test_write_round_trip (void)
{
  g_autofree char *path = temp_path ("out.xlsx");
  g_autoptr(GError) error = NULL;
  OdanXlsxWriter *w = odan_xlsx_writer_new (path);
  const char *header[] = { "id", "title", "time" };
  const char *row[] = { "001", "=1+1", "0:10", "", "tail" };
  Collected c = { g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev) };
  g_auto(GStrv) sheets = NULL;

  odan_xlsx_writer_sheet (w, "injects.csv");
  odan_xlsx_writer_row (w, header, 3);
  odan_xlsx_writer_row (w, row, 5);
  odan_xlsx_writer_sheet (w, "a/b:c[d]*?that is far too long for Excel");
  odan_xlsx_writer_row (w, header, 1);
  odan_xlsx_writer_sheet (w, "INJECTS.CSV");
  odan_xlsx_writer_row (w, header, 2);
  g_assert_true (odan_xlsx_writer_close (w, &error));
  g_assert_no_error (error);

  sheets = odan_xlsx_list_sheets (path, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_strv_length (sheets), ==, 3);
  g_assert_cmpstr (sheets[0], ==, "injects.csv");
  g_assert_cmpstr (sheets[1], ==, "a_b_c_d___that is far too long");
  g_assert_cmpstr (sheets[2], ==, "INJECTS.CSV (2)");

  g_assert_true (odan_xlsx_read_sheet (path, "injects.csv", collect, &c, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (c.rows->len, ==, 2);
  {
    g_autofree char *r0 = joined (&c, 0);
    g_autofree char *r1 = joined (&c, 1);

    g_assert_cmpstr (r0, ==, "1|id|title|time");
    /* text stays text: no leading zero lost, no formula, no time serial */
    g_assert_cmpstr (r1, ==, "2|001|=1+1|0:10||tail");
  }
  g_ptr_array_unref (c.rows);
}

static void
test_write_failure (void)
{
  g_autoptr(GError) error = NULL;
  OdanXlsxWriter *w = odan_xlsx_writer_new ("/nonexistent-dir/out.xlsx");
  const char *row[] = { "a" };

  odan_xlsx_writer_row (w, row, 1);
  g_assert_false (odan_xlsx_writer_close (w, &error));
  g_assert_error (error, ODAN_XLSX_ERROR, ODAN_XLSX_ERROR_IO);
  g_assert_nonnull (strstr (error->message, "/nonexistent-dir/out.xlsx"));
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/engine/xlsx/read-planner-sheet", test_read_planner_sheet);
  g_test_add_func ("/engine/xlsx/bad-input", test_bad_input);
  g_test_add_func ("/engine/xlsx/malformed-parts", test_malformed_parts);
  g_test_add_func ("/engine/xlsx/write-round-trip", test_write_round_trip);
  g_test_add_func ("/engine/xlsx/write-failure", test_write_failure);
  return g_test_run ();
}

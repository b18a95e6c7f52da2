/* test-msel-time.c — every form of MSEL time, and bad ones */
#include <glib.h>

#include "odan-msel-time.h"
#include "odan-time.h"

static GDateTime *
start (void)
{
  g_autoptr(GTimeZone) jst = g_time_zone_new_identifier ("+09:00");
  return g_date_time_new (jst, 2015, 12, 8, 9, 0, 0);
}

typedef struct {
  const char      *text;
  double           minutes;
  OdanMselTimeKind kind;
} Good;

static void
test_forms (void)
{
  static const Good good[] = {
    { "T+15", 15, ODAN_MSEL_TIME_RELATIVE },
    { "t+15", 15, ODAN_MSEL_TIME_RELATIVE },
    { "T + 15 min", 15, ODAN_MSEL_TIME_RELATIVE },
    { "T+30 minutes", 30, ODAN_MSEL_TIME_RELATIVE },
    { "T+1:30", 90, ODAN_MSEL_TIME_RELATIVE },
    { "T+1h30m", 90, ODAN_MSEL_TIME_RELATIVE },
    { "T+0", 0, ODAN_MSEL_TIME_RELATIVE },
    { "T0", 0, ODAN_MSEL_TIME_RELATIVE },
    { "+1h30m", 90, ODAN_MSEL_TIME_RELATIVE },
    { "+1h30", 90, ODAN_MSEL_TIME_RELATIVE },
    { "+1 hour 30 min", 90, ODAN_MSEL_TIME_RELATIVE },
    { "+1.5h", 90, ODAN_MSEL_TIME_RELATIVE },
    { "+2d", 2880, ODAN_MSEL_TIME_RELATIVE },
    { "90", 90, ODAN_MSEL_TIME_RELATIVE },
    { "1h30m", 90, ODAN_MSEL_TIME_RELATIVE },
    { "1時間30分", 90, ODAN_MSEL_TIME_RELATIVE },
    { "D+1 H+2 M+30", 1440 + 150, ODAN_MSEL_TIME_RELATIVE },
    { "D+0 H+3", 180, ODAN_MSEL_TIME_RELATIVE },
    { "H+2", 120, ODAN_MSEL_TIME_RELATIVE },
    { "d+1h+2m+30", 1440 + 150, ODAN_MSEL_TIME_RELATIVE },
    { "Day 1 - 14:00", 300, ODAN_MSEL_TIME_CLOCK },
    { "Day 2 - 09:30", 1440 + 30, ODAN_MSEL_TIME_CLOCK },
    { "day2 10:00", 1440 + 60, ODAN_MSEL_TIME_CLOCK },
    { "1日目 14:00", 300, ODAN_MSEL_TIME_CLOCK },
    { "２日目 10:00", 1500, ODAN_MSEL_TIME_CLOCK },
    { "第2日 9:30", 1440 + 30, ODAN_MSEL_TIME_CLOCK },
    { "9:30", 30, ODAN_MSEL_TIME_CLOCK },
    { "09:00", 0, ODAN_MSEL_TIME_CLOCK },
    { "14:00", 300, ODAN_MSEL_TIME_CLOCK },
    { "14:00:30", 300.5, ODAN_MSEL_TIME_CLOCK },
    { "11時30分", 150, ODAN_MSEL_TIME_CLOCK },
    { "10時半", 90, ODAN_MSEL_TIME_CLOCK },
    { "１０：３０", 90, ODAN_MSEL_TIME_CLOCK },
    { "＋１５", 15, ODAN_MSEL_TIME_RELATIVE },
    { "Ｔ＋１：３０", 90, ODAN_MSEL_TIME_RELATIVE },
    { "2015-12-08T15:30", 390, ODAN_MSEL_TIME_CLOCK },
    { "2015/12/09 9:00", 1440, ODAN_MSEL_TIME_CLOCK },
    { "2015-12-08T00:30Z", 30, ODAN_MSEL_TIME_CLOCK },
  };
  g_autoptr(GDateTime) t0 = start ();

  for (guint i = 0; i < G_N_ELEMENTS (good); i++)
    {
      g_autoptr(GError) error = NULL;
      double minutes = -1;
      OdanMselTimeKind kind;

      g_test_message ("%s", good[i].text);
      g_assert_true (odan_msel_time_parse (good[i].text, t0, &minutes, &kind, &error));
      g_assert_no_error (error);
      g_assert_cmpfloat (minutes, ==, good[i].minutes);
      g_assert_cmpint (kind, ==, good[i].kind);
    }
}

static void
test_bad (void)
{
  static const char *const syntax[] = {
    "", "soon", "T+", "T+abc", "+1h1h", "25:00", "9:7", "9:61", "Day 0 - 10:00", "Day 1",
    "1日目", "D+", "+", "T+15 apples", "12:00 tomorrow", "1h30m2h", "9時間30分30",
  };
  static const char *const range[] = {
    "T-15", "-30", "8:00", "Day 1 - 08:59", "1日目 8:00", "2015-12-08T08:00",
  };
  g_autoptr(GDateTime) t0 = start ();

  for (guint i = 0; i < G_N_ELEMENTS (syntax); i++)
    {
      g_autoptr(GError) error = NULL;
      double minutes;

      g_test_message ("%s", syntax[i]);
      g_assert_false (odan_msel_time_parse (syntax[i], t0, &minutes, NULL, &error));
      g_assert_error (error, ODAN_TIME_ERROR, ODAN_TIME_ERROR_SYNTAX);
    }
  for (guint i = 0; i < G_N_ELEMENTS (range); i++)
    {
      g_autoptr(GError) error = NULL;
      double minutes;

      g_test_message ("%s", range[i]);
      g_assert_false (odan_msel_time_parse (range[i], t0, &minutes, NULL, &error));
      g_assert_error (error, ODAN_TIME_ERROR, ODAN_TIME_ERROR_RANGE);
      g_assert_nonnull (g_strstr_len (error->message, -1, "before the start"));
    }
}

static void
test_format (void)
{
  g_autoptr(GDateTime) t0 = start ();
  static const struct { double m; const char *rel; const char *clock; } cases[] = {
    { 0, "+0m", "2015-12-08T09:00" },
    { 15, "+15m", "2015-12-08T09:15" },
    { 60, "+1h", "2015-12-08T10:00" },
    { 90, "+1h30m", "2015-12-08T10:30" },
    { 1440 + 150, "+1d2h30m", "2015-12-09T11:30" },
    { 300.5, "+300.5", "2015-12-08T14:00:30" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *rel = odan_msel_time_format_relative (cases[i].m);
      g_autofree char *clock = odan_msel_time_format_clock (cases[i].m, t0);
      double back;

      g_assert_cmpstr (rel, ==, cases[i].rel);
      g_assert_cmpstr (clock, ==, cases[i].clock);
      /* both read back through the pack loader's own parser */
      g_assert_true (odan_time_parse (rel, t0, &back, NULL));
      g_assert_cmpfloat (back, ==, cases[i].m);
      g_assert_true (odan_time_parse (clock, t0, &back, NULL));
      g_assert_cmpfloat (back, ==, cases[i].m);
    }
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/data/msel-time/forms", test_forms);
  g_test_add_func ("/data/msel-time/bad", test_bad);
  g_test_add_func ("/data/msel-time/format", test_format);
  return g_test_run ();
}

/* test-time.c — durations, inject times and the printed forms (odan-time.h)
 *
 * Table-driven: each valid text with the minutes it means, each invalid text
 * with its error code and message.
 */
#include <glib.h>
#include <math.h>

#include "odan-time.h"

typedef struct {
  const char *text;
  double      minutes;
} ValidCase;

typedef struct {
  const char *text;
  int         code;
  const char *message;
} InvalidCase;

static const ValidCase valid_durations[] = {
  { "90m", 90 },
  { "6h", 360 },
  { "2d", 2880 },
  { "1d6h30m", 1830 },
  { "1d30m", 1470 },
  { "6H", 360 },
  { "0", 0 },
  { "0m", 0 },
  { "0.5", 0.5 },
  { "150", 150 },
  { "376.25", 376.25 },
  { ".5", 0.5 },
  { "  45m  ", 45 },
  { "1h90m", 150 },
};

static const InvalidCase invalid_durations[] = {
  { "", ODAN_TIME_ERROR_SYNTAX, "empty duration" },
  { "   ", ODAN_TIME_ERROR_SYNTAX, "empty duration" },
  { "-5", ODAN_TIME_ERROR_RANGE, "negative duration '-5'" },
  { "-1h", ODAN_TIME_ERROR_RANGE, "negative duration '-1h'" },
  { "1.5h", ODAN_TIME_ERROR_SYNTAX,
    "duration '1.5h' has a fraction with a unit: use whole numbers (1h30m) or plain minutes (90.5)" },
  { "6x", ODAN_TIME_ERROR_SYNTAX,
    "bad duration '6x' (expected e.g. 90m, 6h, 1d6h30m or minutes such as 0.5)" },
  { "30m6h", ODAN_TIME_ERROR_SYNTAX,
    "bad duration '30m6h' (expected e.g. 90m, 6h, 1d6h30m or minutes such as 0.5)" },
  { "1h30", ODAN_TIME_ERROR_SYNTAX,
    "bad duration '1h30' (expected e.g. 90m, 6h, 1d6h30m or minutes such as 0.5)" },
  { "h", ODAN_TIME_ERROR_SYNTAX,
    "bad duration 'h' (expected e.g. 90m, 6h, 1d6h30m or minutes such as 0.5)" },
  { "1 h", ODAN_TIME_ERROR_SYNTAX,
    "bad duration '1 h' (expected e.g. 90m, 6h, 1d6h30m or minutes such as 0.5)" },
  { "inf", ODAN_TIME_ERROR_SYNTAX,
    "bad duration 'inf' (expected e.g. 90m, 6h, 1d6h30m or minutes such as 0.5)" },
  { "0x10", ODAN_TIME_ERROR_SYNTAX,
    "bad duration '0x10' (expected e.g. 90m, 6h, 1d6h30m or minutes such as 0.5)" },
  { "1.2.3", ODAN_TIME_ERROR_SYNTAX,
    "bad duration '1.2.3' (expected e.g. 90m, 6h, 1d6h30m or minutes such as 0.5)" },
  { "+6h", ODAN_TIME_ERROR_SYNTAX,
    "bad duration '+6h' (expected e.g. 90m, 6h, 1d6h30m or minutes such as 0.5)" },
  { "99999999999d", ODAN_TIME_ERROR_RANGE, "duration '99999999999d' is too long" },
  { "100000000000000000000", ODAN_TIME_ERROR_RANGE, "duration '100000000000000000000' is too long" },
};

static void
test_durations (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (valid_durations); i++)
    {
      g_autoptr(GError) error = NULL;
      double minutes = -1;

      if (!odan_duration_parse (valid_durations[i].text, &minutes, &error))
        g_error ("'%s': %s", valid_durations[i].text, error->message);
      g_assert_cmpfloat (minutes, ==, valid_durations[i].minutes);
    }

  for (guint i = 0; i < G_N_ELEMENTS (invalid_durations); i++)
    {
      g_autoptr(GError) error = NULL;
      double minutes = -1;

      g_test_message ("duration '%s'", invalid_durations[i].text);
      g_assert_false (odan_duration_parse (invalid_durations[i].text, &minutes, &error));
      g_assert_error (error, ODAN_TIME_ERROR, invalid_durations[i].code);
      g_assert_cmpstr (error->message, ==, invalid_durations[i].message);
    }
}

static const ValidCase valid_times[] = {
  { "0", 0 },
  { "+0", 0 },
  { "150", 150 },
  { "+2h30m", 150 },
  { "+ 2h30m", 150 },
  { "2h30m", 150 },
  { "+0.5", 0.5 },
  { "2015-12-08T09:00+09:00", 0 },
  { "2015-12-08T11:30+09:00", 150 },
  { "2015-12-08T11:30", 150 },             /* no offset: the scenario's */
  { "2015-12-08 11:30", 150 },
  { "2015-12-08T02:30Z", 150 },
  { "2015-12-08T02:30:00+00:00", 150 },
  { "2015-12-08T03:30+0100", 150 },
  { "2015-12-08T11:30:30", 150.5 },
  { "2015-12-08T11:30:00.5", 150 + 0.5 / 60 },
  { "2015-12-11T09:00", 3 * 1440 },
};

static const InvalidCase invalid_times[] = {
  { "", ODAN_TIME_ERROR_SYNTAX, "empty time" },
  { "+", ODAN_TIME_ERROR_SYNTAX, "empty time" },
  { "+ ", ODAN_TIME_ERROR_SYNTAX, "empty time" },     /* fuzz: blanks past the trimmed text */
  { "soon", ODAN_TIME_ERROR_SYNTAX,
    "bad time 'soon' (expected e.g. +2h30m, 150 or 2015-12-08T15:30)" },
  { "-30m", ODAN_TIME_ERROR_RANGE, "negative time '-30m'" },
  { "+-30m", ODAN_TIME_ERROR_RANGE, "negative time '-30m'" },
  { "2015-12-08T08:59", ODAN_TIME_ERROR_RANGE,
    "time '2015-12-08T08:59' is before the scenario start 2015-12-08T09:00+09:00" },
  { "2015-12-08T09:00+10:00", ODAN_TIME_ERROR_RANGE,
    "time '2015-12-08T09:00+10:00' is before the scenario start 2015-12-08T09:00+09:00" },
  { "2015-12-08", ODAN_TIME_ERROR_SYNTAX,
    "bad date-time '2015-12-08' (expected e.g. 2015-12-08T15:30 or 2015-12-08T15:30+09:00)" },
  { "2015-02-30T10:00", ODAN_TIME_ERROR_SYNTAX,
    "bad date-time '2015-02-30T10:00' (expected e.g. 2015-12-08T15:30 or 2015-12-08T15:30+09:00)" },
  { "2015-12-08T25:00", ODAN_TIME_ERROR_SYNTAX,
    "bad date-time '2015-12-08T25:00' (expected e.g. 2015-12-08T15:30 or 2015-12-08T15:30+09:00)" },
  { "2015-12-08T10:00+9", ODAN_TIME_ERROR_SYNTAX,
    "bad date-time '2015-12-08T10:00+9' (expected e.g. 2015-12-08T15:30 or 2015-12-08T15:30+09:00)" },
  { "2015-12-08T10:00 JST", ODAN_TIME_ERROR_SYNTAX,
    "bad date-time '2015-12-08T10:00 JST' (expected e.g. 2015-12-08T15:30 or 2015-12-08T15:30+09:00)" },
};

static GDateTime *
scenario_t0 (void)
{
  g_autoptr(GTimeZone) tz = g_time_zone_new_offset (9 * 3600);

  return g_date_time_new (tz, 2015, 12, 8, 9, 0, 0);
}

static void
test_times (void)
{
  g_autoptr(GDateTime) t0 = scenario_t0 ();

  for (guint i = 0; i < G_N_ELEMENTS (valid_times); i++)
    {
      g_autoptr(GError) error = NULL;
      double minutes = -1;

      if (!odan_time_parse (valid_times[i].text, t0, &minutes, &error))
        g_error ("'%s': %s", valid_times[i].text, error->message);
      g_assert_cmpfloat_with_epsilon (minutes, valid_times[i].minutes, 1e-9);
    }

  for (guint i = 0; i < G_N_ELEMENTS (invalid_times); i++)
    {
      g_autoptr(GError) error = NULL;
      double minutes = -1;

      g_test_message ("time '%s'", invalid_times[i].text);
      g_assert_false (odan_time_parse (invalid_times[i].text, t0, &minutes, &error));
      g_assert_error (error, ODAN_TIME_ERROR, invalid_times[i].code);
      g_assert_cmpstr (error->message, ==, invalid_times[i].message);
    }
}

static void
test_datetime (void)
{
  g_autoptr(GTimeZone) utc = g_time_zone_new_utc ();
  g_autoptr(GDateTime) with_offset = odan_datetime_parse ("2015-12-08T09:00+09:00", utc);
  g_autoptr(GDateTime) without = odan_datetime_parse ("2015-12-08T09:00", utc);
  g_autoptr(GDateTime) bad = odan_datetime_parse ("yesterday", utc);

  g_assert_nonnull (with_offset);
  g_assert_cmpint (g_date_time_get_utc_offset (with_offset), ==, 9 * G_TIME_SPAN_HOUR);
  g_assert_cmpint (g_date_time_to_unix (with_offset), ==, 1449532800);
  g_assert_nonnull (without);
  g_assert_cmpint (g_date_time_get_utc_offset (without), ==, 0);
  g_assert_cmpint (g_date_time_to_unix (without), ==, 1449532800 + 9 * 3600);
  g_assert_null (bad);
}

static void
test_format_offset (void)
{
  static const struct {
    double      minutes;
    const char *text;
  } cases[] = {
    { 0, "T+0" },
    { 45, "T+45m" },
    { 365, "T+6h05m" },
    { 360, "T+6h00m" },
    { 1560, "T+1d02h00m" },
    { 376 + 2.0 / 3.0, "T+6h16m40s" },
    { 0.5, "T+30s" },
    { 1.5, "T+1m30s" },
    { 1440 + 0.25, "T+1d00h00m15s" },
    { -90, "T-1h30m" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *text = odan_time_format_offset (cases[i].minutes);

      g_assert_cmpstr (text, ==, cases[i].text);
    }
}

static void
test_keys (void)
{
  static const struct {
    double      minutes;
    gint64      key;
    const char *text;
  } minute_cases[] = {
    { 0, 0, "0.000" },
    { 376 + 2.0 / 3.0, 376667, "376.667" },
    { 360, 360000, "360.000" },
    { 0.0005, 1, "0.001" },          /* a tie rounds up */
    { 0.0004999, 0, "0.000" },
    { 1.2345, 1235, "1.235" },
    { 4320, 4320000, "4320.000" },
  };
  static const struct {
    double      o;
    gint32      key;
    const char *text;
  } operability_cases[] = {
    { 0, 0, "0.0000" },
    { 1, 10000, "1.0000" },
    { 0.60625, 6063, "0.6063" },     /* the spec's exact tie */
    { 0.1, 1000, "0.1000" },
    { 0.9 * (1.0 / 3.0), 3000, "0.3000" },
    { 0.12344, 1234, "0.1234" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (minute_cases); i++)
    {
      char buf[32];
      gint64 key = odan_minute_key (minute_cases[i].minutes);

      g_assert_cmpint (key, ==, minute_cases[i].key);
      odan_minute_key_format (key, buf);
      g_assert_cmpstr (buf, ==, minute_cases[i].text);
    }

  for (guint i = 0; i < G_N_ELEMENTS (operability_cases); i++)
    {
      char buf[16];
      gint32 key = odan_operability_key (operability_cases[i].o);

      g_assert_cmpint (key, ==, operability_cases[i].key);
      odan_operability_key_format (key, buf);
      g_assert_cmpstr (buf, ==, operability_cases[i].text);
    }

  {
    char buf[32];

    odan_minute_key_format (-1500, buf);
    g_assert_cmpstr (buf, ==, "-1.500");
  }
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/data/time/durations", test_durations);
  g_test_add_func ("/data/time/times", test_times);
  g_test_add_func ("/data/time/datetime", test_datetime);
  g_test_add_func ("/data/time/format-offset", test_format_offset);
  g_test_add_func ("/data/time/keys", test_keys);

  return g_test_run ();
}

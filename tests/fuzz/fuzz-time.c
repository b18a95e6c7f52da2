/* fuzz-time.c — fuzz target for durations and inject times
 *
 * The input, up to its first NUL byte, is given to odan_duration_parse()
 * and to odan_time_parse() (T0 = 2015-12-08T09:00+09:00, the spec's
 * example). Checked beyond memory safety:
 *  - the result and the GError agree, and an error message is valid UTF-8
 *    (a message that quotes the input must not cut a character in two);
 *  - accepted values are finite, in [0, 1e9] minutes, and format without
 *    trouble (odan_time_format_offset, odan_minute_key);
 *  - a text accepted as a duration D is accepted as an inject time, both
 *    as written and as "+D", with the same value; and "+D" is accepted only
 *    when D is.
 */
#include "fuzz-common.h"

#include <math.h>
#include <string.h>

#include "odan-time.h"

static GDateTime *t0;

int
LLVMFuzzerInitialize (int *argc, char ***argv)
{
  g_autoptr(GTimeZone) tz = g_time_zone_new_offset (9 * 3600);

  odan_fuzz_init ();
  t0 = g_date_time_new (tz, 2015, 12, 8, 9, 0, 0);
  return 0;
}

static void
check_value (const char *what, const char *text, double v)
{
  g_autofree char *formatted = NULL;
  char key_text[32];

  odan_fuzz_check (isfinite (v) && v >= 0 && v <= 1e9, "%s '%s' gave %g", what, text, v);
  formatted = odan_time_format_offset (v);
  odan_fuzz_check (formatted != NULL && formatted[0] == 'T', "offset of %g formats as '%s'", v,
                   formatted != NULL ? formatted : "(null)");
  odan_minute_key_format (odan_minute_key (v), key_text);
}

static void
check_message (gboolean input_utf8, const GError *error)
{
  if (error != NULL && input_utf8)
    odan_fuzz_check (g_utf8_validate (error->message, -1, NULL),
                     "the message '%s' is not UTF-8", error->message);
}

int
LLVMFuzzerTestOneInput (const uint8_t *data, size_t size)
{
  g_autofree char *text = odan_fuzz_strdup (data, size);
  g_autofree char *plus = g_strconcat ("+", text, NULL);
  g_autoptr(GError) error = NULL;
  gboolean utf8 = g_utf8_validate (text, -1, NULL);
  double duration = -1, time = -1, plus_time = -1;
  gboolean duration_ok, time_ok, plus_ok;

  duration_ok = odan_duration_parse (text, &duration, &error);
  odan_fuzz_check (duration_ok == (error == NULL), "duration '%s': result %d, error %s",
                   text, duration_ok, error != NULL ? error->message : "none");
  check_message (utf8, error);
  g_clear_error (&error);
  if (duration_ok)
    check_value ("duration", text, duration);

  time_ok = odan_time_parse (text, t0, &time, &error);
  odan_fuzz_check (time_ok == (error == NULL), "time '%s': result %d, error %s",
                   text, time_ok, error != NULL ? error->message : "none");
  check_message (utf8, error);
  g_clear_error (&error);
  if (time_ok)
    check_value ("time", text, time);

  plus_ok = odan_time_parse (plus, t0, &plus_time, &error);
  odan_fuzz_check (plus_ok == (error == NULL), "time '%s': result %d, error %s",
                   plus, plus_ok, error != NULL ? error->message : "none");
  check_message (utf8, error);
  g_clear_error (&error);

  odan_fuzz_check (plus_ok == duration_ok, "'%s' is %s as a duration but '%s' is %s as a time",
                   text, duration_ok ? "accepted" : "refused", plus, plus_ok ? "accepted" : "refused");
  if (duration_ok)
    {
      odan_fuzz_check (time_ok && time == duration, "duration '%s' = %g but as a time %s %g",
                       text, duration, time_ok ? "=" : "refused,", time);
      odan_fuzz_check (plus_time == duration, "duration '%s' = %g but '%s' = %g",
                       text, duration, plus, plus_time);
    }
  return 0;
}

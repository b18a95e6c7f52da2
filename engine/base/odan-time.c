/* odan-time.c — durations and exercise times
 *
 * Exercise time is a double counting minutes since T0. Two text forms exist:
 * durations ("90m", "1d6h30m", or a bare number of minutes such as "0.5") and
 * inject times (a duration after T0, optionally with a leading '+', or an
 * ISO 8601 date-time). The ISO parser is our own because GLib 2.74's
 * g_date_time_new_from_iso8601() insists on seconds ("09:00" is refused),
 * while scenario authors write "2015-12-08T09:00+09:00".
 *
 * The parsers run once per edge attribute on packs of a million edges, so
 * the success path allocates nothing.
 */
#define G_LOG_DOMAIN "odan-time"

#include "odan-time.h"
#include "odan-number-private.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

G_DEFINE_QUARK (odan-time-error-quark, odan_time_error)

/* About 1900 years: large enough for any exercise, small enough that minutes
 * stay exact in a double and keys fit in gint64. */
#define MAX_MINUTES 1e9

/* How many bytes of @text (of @len bytes) to quote in a message: at most
 * @max, and never half of a UTF-8 character (packs are full of kanji). */
static gsize
quote_len (const char *text,
           gsize       len,
           gsize       max)
{
  if (len <= max)
    return len;
  while (max > 0 && ((guchar) text[max] & 0xc0) == 0x80)
    max--;
  return max;
}

static const char *
skip_space (const char *p)
{
  while (*p == ' ' || *p == '\t')
    p++;
  return p;
}

/* Length of @text without trailing blanks. */
static gsize
trimmed_length (const char *text)
{
  gsize len = strlen (text);

  while (len > 0 && (text[len - 1] == ' ' || text[len - 1] == '\t'
                     || text[len - 1] == '\r' || text[len - 1] == '\n'))
    len--;
  return len;
}

static gboolean
is_digit (char c)
{
  return c >= '0' && c <= '9';
}

/* What a duration parser found wrong; the caller words the message. */
typedef enum {
  SPAN_OK,
  SPAN_SYNTAX,
  SPAN_TOO_LONG,
  SPAN_UNIT_FRACTION,   /* "1.5h": a fraction with a unit */
} SpanStatus;

/* Whether text[0..len) is a bare number of minutes: digits with at most
 * one '.', nothing else (g_ascii_strtod alone would also take "inf",
 * "nan" and hex). */
static inline gboolean
is_plain_minutes (const char *text,
                  gsize       len)
{
  gboolean has_digit = FALSE;
  gboolean has_dot = FALSE;

  for (gsize i = 0; i < len; i++)
    {
      if (is_digit (text[i]))
        has_digit = TRUE;
      else if (text[i] == '.' && !has_dot)
        has_dot = TRUE;
      else
        return FALSE;
    }
  return has_digit;
}

static SpanStatus
parse_plain_minutes (const char *text,
                     gsize       len,
                     double     *out_minutes)
{
  char buf[64];
  double v;
  char *num_end;

  if (!odan_parse_plain_decimal (text, len, &v))
    {
      if (len >= sizeof buf)
        return SPAN_TOO_LONG;
      memcpy (buf, text, len);
      buf[len] = '\0';
      v = g_ascii_strtod (buf, &num_end);
      if (*num_end != '\0' || !isfinite (v))
        return SPAN_SYNTAX;
    }
  if (v > MAX_MINUTES)
    return SPAN_TOO_LONG;
  *out_minutes = v;
  return SPAN_OK;
}

/* Whole numbers with units, largest unit first: 1d6h30m. */
static SpanStatus
parse_unit_span (const char *text,
                 gsize       len,
                 double     *out_minutes)
{
  static const struct { char unit; double minutes; } units[] = {
    { 'd', 1440.0 }, { 'h', 60.0 }, { 'm', 1.0 },
  };
  const char *p = text;
  const char *end = text + len;
  guint next_unit = 0;
  double total = 0.0;

  while (p < end)
    {
      guint64 n = 0;
      const char *digits = p;
      char unit;
      guint u;

      while (p < end && is_digit (*p))
        {
          n = n * 10 + (guint64) (*p - '0');
          if (n > (guint64) MAX_MINUTES)
            return SPAN_TOO_LONG;
          p++;
        }
      if (p == digits)
        return SPAN_SYNTAX;
      if (p < end && *p == '.')
        {
          const char *q = p + 1;

          while (q < end && is_digit (*q))
            q++;
          if (q == end || strchr ("dhmDHM", *q) == NULL)
            return SPAN_SYNTAX;
          return SPAN_UNIT_FRACTION;
        }
      if (p == end)
        return SPAN_SYNTAX;   /* "1h30": a number without unit after a unit */
      unit = g_ascii_tolower (*p);
      for (u = 0; u < G_N_ELEMENTS (units); u++)
        if (units[u].unit == unit)
          break;
      if (u == G_N_ELEMENTS (units) || u < next_unit)
        return SPAN_SYNTAX;
      next_unit = u + 1;
      total += (double) n * units[u].minutes;
      p++;
    }
  /* the loop ran at least once (len > 0), each time ending on a unit */
  if (total > MAX_MINUTES)
    return SPAN_TOO_LONG;
  *out_minutes = total;
  return SPAN_OK;
}

static void
set_span_error (SpanStatus   status,
                const char  *text,
                gsize        len,
                gboolean     is_time,
                GError     **error)
{
  switch (status)
    {
    case SPAN_UNIT_FRACTION:
      g_set_error (error, ODAN_TIME_ERROR, ODAN_TIME_ERROR_SYNTAX,
                   is_time
                   ? _("time '%.*s' has a fraction with a unit: "
                       "use whole numbers (1h30m) or plain minutes (90.5)")
                   : _("duration '%.*s' has a fraction with a unit: "
                       "use whole numbers (1h30m) or plain minutes (90.5)"),
                   (int) len, text);
      break;
    case SPAN_TOO_LONG:
      g_set_error (error, ODAN_TIME_ERROR, ODAN_TIME_ERROR_RANGE,
                   is_time ? _("time '%.*s' is too long") : _("duration '%.*s' is too long"),
                   (int) quote_len (text, len, 40), text);
      break;
    case SPAN_SYNTAX:
    case SPAN_OK:
    default:
      if (is_time)
        g_set_error (error, ODAN_TIME_ERROR, ODAN_TIME_ERROR_SYNTAX,
                     _("bad time '%.*s' (expected e.g. +2h30m, 150 or 2015-12-08T15:30)"),
                     (int) len, text);
      else
        g_set_error (error, ODAN_TIME_ERROR, ODAN_TIME_ERROR_SYNTAX,
                     _("bad duration '%.*s' (expected e.g. 90m, 6h, 1d6h30m or minutes such as 0.5)"),
                     (int) len, text);
      break;
    }
}

/* Parses the duration in text[0..len), already trimmed. @is_time picks the
 * wording of messages: an inject time after T0 or a plain duration (whole
 * sentences each, so that translations can order their words freely). */
static gboolean
parse_duration_span (const char *text,
                     gsize       len,
                     gboolean    is_time,
                     double     *out_minutes,
                     GError    **error)
{
  SpanStatus status;

  if (len == 0)
    {
      g_set_error_literal (error, ODAN_TIME_ERROR, ODAN_TIME_ERROR_SYNTAX,
                           is_time ? _("empty time") : _("empty duration"));
      return FALSE;
    }

  if (*text == '-')
    {
      g_set_error (error, ODAN_TIME_ERROR, ODAN_TIME_ERROR_RANGE,
                   is_time ? _("negative time '%.*s'") : _("negative duration '%.*s'"),
                   (int) len, text);
      return FALSE;
    }

  status = is_plain_minutes (text, len)
           ? parse_plain_minutes (text, len, out_minutes)
           : parse_unit_span (text, len, out_minutes);
  if (status == SPAN_OK)
    return TRUE;
  set_span_error (status, text, len, is_time, error);
  return FALSE;
}

gboolean
odan_duration_parse (const char *text,
                     double     *out_minutes,
                     GError    **error)
{
  const char *start;

  g_return_val_if_fail (text != NULL, FALSE);
  g_return_val_if_fail (out_minutes != NULL, FALSE);

  start = skip_space (text);
  return parse_duration_span (start, trimmed_length (start),
                              FALSE,
                              out_minutes, error);
}

/* Reads exactly @n digits. */
static gboolean
read_fixed (const char **p,
            guint        n,
            int         *out)
{
  int v = 0;

  for (guint i = 0; i < n; i++)
    {
      if (!is_digit ((*p)[i]))
        return FALSE;
      v = v * 10 + ((*p)[i] - '0');
    }
  *p += n;
  *out = v;
  return TRUE;
}

/* YYYY-MM-DD[T ]hh:mm[:ss[.fff]][Z|±hh[:mm]|±hhmm]. Without an offset the
 * date-time is in @default_tz. Returns NULL on any syntax error or an
 * impossible date. */
static GDateTime *
parse_iso8601 (const char *text,
               gsize       len,
               GTimeZone  *default_tz)
{
  char buf[80];
  const char *p = buf;
  int year, month, day, hour, minute, second = 0;
  double seconds;
  g_autoptr(GTimeZone) tz = NULL;

  if (len >= sizeof buf)
    return NULL;
  memcpy (buf, text, len);
  buf[len] = '\0';

  if (!read_fixed (&p, 4, &year) || *p++ != '-'
      || !read_fixed (&p, 2, &month) || *p++ != '-'
      || !read_fixed (&p, 2, &day))
    return NULL;
  if (*p != 'T' && *p != 't' && *p != ' ')
    return NULL;
  p++;
  if (!read_fixed (&p, 2, &hour) || *p++ != ':' || !read_fixed (&p, 2, &minute))
    return NULL;
  seconds = 0.0;
  if (*p == ':')
    {
      p++;
      if (!read_fixed (&p, 2, &second))
        return NULL;
      seconds = second;
      if (*p == '.' || *p == ',')
        {
          double scale = 0.1;

          p++;
          if (!is_digit (*p))
            return NULL;
          while (is_digit (*p))
            {
              seconds += (*p - '0') * scale;
              scale /= 10.0;
              p++;
            }
        }
    }

  if (*p == 'Z' || *p == 'z')
    {
      tz = g_time_zone_new_utc ();
      p++;
    }
  else if (*p == '+' || *p == '-')
    {
      int sign = *p == '-' ? -1 : 1;
      int oh, om = 0;

      p++;
      if (!read_fixed (&p, 2, &oh))
        return NULL;
      if (*p == ':')
        {
          p++;
          if (!read_fixed (&p, 2, &om))
            return NULL;
        }
      else if (is_digit (*p) && !read_fixed (&p, 2, &om))
        return NULL;
      if (oh > 23 || om > 59)
        return NULL;
      tz = g_time_zone_new_offset (sign * (oh * 3600 + om * 60));
    }
  else
    tz = g_time_zone_ref (default_tz);

  if (*p != '\0')
    return NULL;
  if (year < 1 || month < 1 || month > 12 || day < 1
      || day > g_date_get_days_in_month ((GDateMonth) month, (GDateYear) year)
      || hour > 23 || minute > 59 || seconds >= 60.0)
    return NULL;

  return g_date_time_new (tz, year, month, day, hour, minute, seconds);
}

/* Exported for odan-pack.c through odan-time.h's companion declaration. */
GDateTime *
odan_datetime_parse (const char *text,
                     GTimeZone  *default_tz)
{
  const char *start = skip_space (text);

  return parse_iso8601 (start, trimmed_length (start), default_tz);
}

gboolean
odan_time_parse (const char *text,
                 GDateTime  *t0,
                 double     *out_minutes,
                 GError    **error)
{
  const char *start;
  gsize len;

  g_return_val_if_fail (text != NULL, FALSE);
  g_return_val_if_fail (t0 != NULL, FALSE);
  g_return_val_if_fail (out_minutes != NULL, FALSE);

  start = skip_space (text);
  len = trimmed_length (start);

  if (len == 0)
    {
      g_set_error_literal (error, ODAN_TIME_ERROR, ODAN_TIME_ERROR_SYNTAX,
                           _("empty time"));
      return FALSE;
    }

  if (*start == '+')
    {
      /* blanks after the '+' only inside the trimmed text: "+ " is empty */
      const char *rest = start + 1;
      while (rest < start + len && (*rest == ' ' || *rest == '\t'))
        rest++;

      return parse_duration_span (rest, len - (gsize) (rest - start),
                                  TRUE,
                                  out_minutes, error);
    }

  /* An ISO date starts with four digits and a '-'. */
  if (len >= 5 && is_digit (start[0]) && is_digit (start[1])
      && is_digit (start[2]) && is_digit (start[3]) && start[4] == '-')
    {
      g_autoptr(GTimeZone) tz = g_time_zone_new_offset ((gint32) (g_date_time_get_utc_offset (t0) / G_USEC_PER_SEC));
      g_autoptr(GDateTime) dt = parse_iso8601 (start, len, tz);
      double minutes;

      if (dt == NULL)
        {
          g_set_error (error, ODAN_TIME_ERROR, ODAN_TIME_ERROR_SYNTAX,
                       _("bad date-time '%.*s' (expected e.g. 2015-12-08T15:30 or 2015-12-08T15:30+09:00)"),
                       (int) quote_len (start, len, 60), start);
          return FALSE;
        }
      minutes = (double) g_date_time_difference (dt, t0) / (60.0 * G_USEC_PER_SEC);
      if (minutes < 0.0)
        {
          g_autofree char *t0_text = g_date_time_format (t0, "%Y-%m-%dT%H:%M%:z");

          g_set_error (error, ODAN_TIME_ERROR, ODAN_TIME_ERROR_RANGE,
                       _("time '%.*s' is before the scenario start %s"),
                       (int) len, start, t0_text);
          return FALSE;
        }
      if (minutes > MAX_MINUTES)
        {
          g_set_error (error, ODAN_TIME_ERROR, ODAN_TIME_ERROR_RANGE,
                       _("time '%.*s' is too far after the scenario start"),
                       (int) len, start);
          return FALSE;
        }
      *out_minutes = minutes;
      return TRUE;
    }

  return parse_duration_span (start, len, TRUE,
                              out_minutes, error);
}

char *
odan_time_format_offset (double minutes)
{
  GString *out = g_string_new ("T");
  gint64 total;
  gint64 days, hours, mins, secs;

  if (!isfinite (minutes))
    {
      g_string_append (out, minutes < 0 ? "-∞" : "+∞");
      return g_string_free (out, FALSE);
    }

  g_string_append_c (out, minutes < 0 ? '-' : '+');
  total = llround (fabs (minutes) * 60.0);
  days = total / 86400;
  hours = (total / 3600) % 24;
  mins = (total / 60) % 60;
  secs = total % 60;

  if (days > 0)
    g_string_append_printf (out, "%" G_GINT64_FORMAT "d%02dh%02dm",
                            days, (int) hours, (int) mins);
  else if (hours > 0)
    g_string_append_printf (out, "%dh%02dm", (int) hours, (int) mins);
  else if (mins > 0)
    g_string_append_printf (out, "%dm", (int) mins);
  else if (secs == 0)
    g_string_append_c (out, '0');

  if (secs > 0)
    {
      if (days > 0 || hours > 0 || mins > 0)
        g_string_append_printf (out, "%02ds", (int) secs);
      else
        g_string_append_printf (out, "%ds", (int) secs);
    }

  return g_string_free (out, FALSE);
}

gint64
odan_minute_key (double minutes)
{
  return (gint64) floor (1e3 * minutes + 0.5 + 1e-6);
}

static void
format_key (gint64 key,
            gint64 scale,
            int    digits,
            char  *buf,
            gsize  size)
{
  /* By hand, not printf: the simulate CSV formats millions of these. */
  guint64 mag = key < 0 ? (guint64) 0 - (guint64) key : (guint64) key;
  guint64 whole = mag / (guint64) scale, frac = mag % (guint64) scale;
  char tmp[32];
  int n = 0;

  for (int i = 0; i < digits; i++, frac /= 10)
    tmp[n++] = (char) ('0' + frac % 10);
  tmp[n++] = '.';
  do
    {
      tmp[n++] = (char) ('0' + whole % 10);
      whole /= 10;
    }
  while (whole > 0);
  if (key < 0)
    tmp[n++] = '-';
  g_assert ((gsize) n < size);
  for (int i = 0; i < n; i++)
    buf[i] = tmp[n - 1 - i];
  buf[n] = '\0';
}

void
odan_minute_key_format (gint64 key,
                        char   buf[32])
{
  format_key (key, 1000, 3, buf, 32);
}

gint32
odan_operability_key (double o)
{
  double k = floor (1e4 * o + 0.5 + 1e-6);

  return (gint32) CLAMP (k, 0.0, 10000.0);
}

void
odan_operability_key_format (gint32 key,
                             char   buf[16])
{
  format_key (key, 10000, 4, buf, 16);
}

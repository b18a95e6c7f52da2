/* odan-msel-time.c — reading the time column of a spreadsheet MSEL
 *
 * The text is first normalised (NFKC turns full-width digits, signs and
 * colons into ASCII; ASCII letters are lowered; blank runs become one
 * space), then read by a small hand-written scanner: a cursor over the
 * normalised string, one function per form of odan-msel-time.h. Clock
 * forms become a GDateTime in T0's own offset, so the difference to T0 is
 * exact to the microsecond and a whole-minute time gives whole minutes.
 */
#define G_LOG_DOMAIN "odan-msel"

#include "odan-msel-time.h"
#include "odan-time.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

typedef struct {
  const char *s;     /* the normalised text */
  const char *p;     /* the cursor */
} Scan;

static void
skip_ws (Scan *sc)
{
  while (*sc->p == ' ')
    sc->p++;
}

static gboolean
at_end (Scan *sc)
{
  skip_ws (sc);
  return *sc->p == '\0';
}

/* Consumes @word when the text continues with it. */
static gboolean
eat (Scan       *sc,
     const char *word)
{
  gsize len = strlen (word);

  if (strncmp (sc->p, word, len) != 0)
    return FALSE;
  sc->p += len;
  return TRUE;
}

/* Digits with an optional decimal part. */
static gboolean
scan_number (Scan   *sc,
             double *out,
             gboolean allow_fraction)
{
  const char *start = sc->p;
  double v = 0.0;

  if (!g_ascii_isdigit (*sc->p))
    return FALSE;
  while (g_ascii_isdigit (*sc->p))
    {
      v = v * 10.0 + (*sc->p - '0');
      sc->p++;
      if (sc->p - start > 9)
        return FALSE;
    }
  if (allow_fraction && *sc->p == '.' && g_ascii_isdigit (sc->p[1]))
    {
      g_autofree char *text = NULL;

      sc->p++;
      while (g_ascii_isdigit (*sc->p))
        sc->p++;
      text = g_strndup (start, (gsize) (sc->p - start));
      v = g_ascii_strtod (text, NULL);
    }
  *out = v;
  return TRUE;
}

/* Exactly @n_digits digits (a clock's minutes or seconds). */
static gboolean
scan_digits (Scan *sc,
             guint n_digits,
             guint *out)
{
  guint v = 0;

  for (guint i = 0; i < n_digits; i++)
    {
      if (!g_ascii_isdigit (sc->p[i]))
        return FALSE;
      v = v * 10 + (guint) (sc->p[i] - '0');
    }
  if (g_ascii_isdigit (sc->p[n_digits]))
    return FALSE;
  sc->p += n_digits;
  *out = v;
  return TRUE;
}

/* H:MM[:SS] — hours of any size in a relative time, 0–23 on a clock. */
static gboolean
scan_colon_time (Scan   *sc,
                 guint   max_hours,
                 double *out)
{
  const char *save = sc->p;
  double h;
  guint m, s = 0;

  if (!scan_number (sc, &h, FALSE) || *sc->p != ':')
    goto fail;
  sc->p++;
  if (!scan_digits (sc, 2, &m) || m > 59)
    goto fail;
  if (*sc->p == ':')
    {
      sc->p++;
      if (!scan_digits (sc, 2, &s) || s > 59)
        goto fail;
    }
  if (h > max_hours)
    goto fail;
  *out = h * 60.0 + m + s / 60.0;
  return TRUE;

fail:
  sc->p = save;
  return FALSE;
}

/* A clock time: H:MM[:SS] or H時[MM分[SS秒]], as minutes after midnight. */
static gboolean
scan_clock (Scan   *sc,
            double *out)
{
  const char *save = sc->p;
  double h;

  if (scan_colon_time (sc, 23, out))
    return TRUE;
  /* "時" but not "時間", which is a duration */
  if (scan_number (sc, &h, FALSE) && h <= 23 && eat (sc, "時") && strncmp (sc->p, "間", strlen ("間")) != 0)
    {
      double m = 0, s = 0;
      const char *mark = sc->p;

      skip_ws (sc);
      if (eat (sc, "半"))
        m = 30;
      else if (scan_number (sc, &m, FALSE))
        {
          if (m > 59 || !eat (sc, "分"))
            goto fail;
          skip_ws (sc);
          mark = sc->p;
          if (scan_number (sc, &s, FALSE))
            {
              if (s > 59 || !eat (sc, "秒"))
                goto fail;
            }
          else
            sc->p = mark;
        }
      else
        sc->p = mark;
      *out = h * 60.0 + m + s / 60.0;
      return TRUE;
    }
fail:
  sc->p = save;
  return FALSE;
}

typedef struct {
  const char *word;
  double      minutes;
} Unit;

/* Longest words first, so "min" is not read as "m" then "in". */
static const Unit units[] = {
  { "minutes", 1 }, { "minute", 1 }, { "mins", 1 }, { "min", 1 }, { "m", 1 }, { "分間", 1 }, { "分", 1 },
  { "hours", 60 }, { "hour", 60 }, { "hrs", 60 }, { "hr", 60 }, { "h", 60 }, { "時間", 60 },
  { "days", 1440 }, { "day", 1440 }, { "d", 1440 }, { "日間", 1440 }, { "日", 1440 },
};

/* A relative time after the sign: H:MM[:SS], or numbers with units
 * ("1h30m", "1 hour 30 min", "1時間30分"), a last number without a unit
 * being minutes ("90", "1h30"). Must reach the end of the text. */
static gboolean
scan_relative (Scan   *sc,
               double *out)
{
  double total = 0.0;
  guint used = 0;      /* bit per unit size: 1 min, 2 h, 4 d */
  gboolean any = FALSE;

  skip_ws (sc);
  if (scan_colon_time (sc, G_MAXUINT, out))
    return at_end (sc);

  while (!at_end (sc))
    {
      double v;
      const Unit *unit = NULL;
      guint bit;

      if (!scan_number (sc, &v, TRUE))
        return FALSE;
      skip_ws (sc);
      for (guint i = 0; i < G_N_ELEMENTS (units); i++)
        {
          gsize len = strlen (units[i].word);

          /* an ASCII unit must not run into a following word ("m" of "more") */
          if (strncmp (sc->p, units[i].word, len) == 0
              && !(g_ascii_isalpha (units[i].word[0]) && g_ascii_isalpha (sc->p[len])))
            {
              unit = &units[i];
              sc->p += len;
              break;
            }
        }
      if (unit == NULL)
        {
          /* a bare number is minutes, and only at the end */
          if (!at_end (sc) || (used & 1))
            return FALSE;
          total += v;
          any = TRUE;
          break;
        }
      bit = unit->minutes == 1 ? 1 : unit->minutes == 60 ? 2 : 4;
      if (used & bit)
        return FALSE;
      used |= bit;
      total += v * unit->minutes;
      any = TRUE;
      skip_ws (sc);
    }
  if (!any || !isfinite (total))
    return FALSE;
  *out = total;
  return TRUE;
}

/* D+1 H+2 M+30: any of the three, in this order. */
static gboolean
scan_dhm (Scan   *sc,
          double *out)
{
  static const struct { char letter; double minutes; } parts[] = {
    { 'd', 1440 }, { 'h', 60 }, { 'm', 1 },
  };
  double total = 0.0;
  gboolean any = FALSE;

  for (guint i = 0; i < G_N_ELEMENTS (parts); i++)
    {
      const char *save;
      double v;

      skip_ws (sc);
      save = sc->p;
      if (*sc->p != parts[i].letter)
        continue;
      sc->p++;
      skip_ws (sc);
      if (*sc->p != '+')
        {
          sc->p = save;
          continue;
        }
      sc->p++;
      skip_ws (sc);
      if (!scan_number (sc, &v, FALSE))
        return FALSE;
      total += v * parts[i].minutes;
      any = TRUE;
    }
  if (!any || !at_end (sc))
    return FALSE;
  *out = total;
  return TRUE;
}

/* "day 2 - 14:00", "day2 14:00", "2日目 14:00", "第2日 14:00": the day number. */
static gboolean
scan_day (Scan  *sc,
          guint *out_day)
{
  const char *save = sc->p;
  double day;

  if (eat (sc, "day"))
    {
      skip_ws (sc);
      if (!scan_number (sc, &day, FALSE))
        goto fail;
    }
  else if (eat (sc, "第"))
    {
      if (!scan_number (sc, &day, FALSE) || !eat (sc, "日"))
        goto fail;
      eat (sc, "目");
    }
  else if (scan_number (sc, &day, FALSE) && eat (sc, "日目"))
    ;
  else
    goto fail;

  if (day < 1)
    goto fail;
  skip_ws (sc);
  /* the separator planners put between day and clock */
  if (*sc->p == '-' || *sc->p == ',' || *sc->p == '/' || *sc->p == '@')
    sc->p++;
  else
    eat (sc, "の");
  skip_ws (sc);
  *out_day = (guint) day;
  return TRUE;

fail:
  sc->p = save;
  return FALSE;
}

/* A date "2015-12-08" or "2015/12/8" before a clock time. */
static gboolean
scan_date (Scan  *sc,
           guint *y,
           guint *m,
           guint *d)
{
  const char *save = sc->p;
  double vy, vm, vd;

  if (!scan_number (sc, &vy, FALSE) || sc->p - save != 4)
    goto fail;
  if (*sc->p != '-' && *sc->p != '/')
    goto fail;
  sc->p++;
  if (!scan_number (sc, &vm, FALSE) || (*sc->p != '-' && *sc->p != '/'))
    goto fail;
  sc->p++;
  if (!scan_number (sc, &vd, FALSE) || vm < 1 || vm > 12 || vd < 1 || vd > 31)
    goto fail;
  if (*sc->p == 't')
    sc->p++;
  skip_ws (sc);
  *y = (guint) vy;
  *m = (guint) vm;
  *d = (guint) vd;
  return TRUE;

fail:
  sc->p = save;
  return FALSE;
}

static char *
normalise (const char *text)
{
  g_autofree char *nfkc = g_utf8_normalize (text, -1, G_NORMALIZE_NFKC);
  g_autofree char *lower = NULL;
  GString *out;
  gboolean blank = FALSE;

  if (nfkc == NULL)
    return NULL;
  lower = g_ascii_strdown (nfkc, -1);
  out = g_string_new (NULL);
  for (const char *p = lower; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_isspace (c))
        {
          blank = TRUE;
          continue;
        }
      if (blank && out->len > 0)
        g_string_append_c (out, ' ');
      blank = FALSE;
      /* minus signs and dashes that NFKC leaves alone */
      if (c == 0x2212 || c == 0x2010 || c == 0x2013 || c == 0x2014 || c == 0x30FC)
        c = '-';
      g_string_append_unichar (out, c);
    }
  return g_string_free (out, FALSE);
}

/* Minutes from @start to @day (1-based) at @clock minutes after midnight,
 * or to the date @y-@m-@d when @y is not 0. */
static gboolean
clock_offset (GDateTime *start,
              guint      y,
              guint      m,
              guint      d,
              guint      day,
              double     clock,
              double    *out)
{
  GTimeZone *tz = g_date_time_get_timezone (start);
  g_autoptr(GDateTime) midnight = NULL;
  g_autoptr(GDateTime) at = NULL;

  if (y == 0)
    {
      g_autoptr(GDateTime) first = g_date_time_new (tz,
                                                    g_date_time_get_year (start),
                                                    g_date_time_get_month (start),
                                                    g_date_time_get_day_of_month (start),
                                                    0, 0, 0);
      if (first == NULL)
        return FALSE;
      midnight = g_date_time_add_days (first, (gint) day - 1);
    }
  else
    midnight = g_date_time_new (tz, (gint) y, (gint) m, (gint) d, 0, 0, 0);
  if (midnight == NULL)
    return FALSE;
  at = g_date_time_add_seconds (midnight, clock * 60.0);
  if (at == NULL)
    return FALSE;
  *out = (double) g_date_time_difference (at, start) / (double) G_TIME_SPAN_MINUTE;
  return TRUE;
}

static gboolean
bad_time (const char *text,
          GError    **error)
{
  g_set_error (error, ODAN_TIME_ERROR, ODAN_TIME_ERROR_SYNTAX,
               _("bad time '%s' (expected e.g. T+15, +1h30m, D+1 H+2 M+30, Day 1 - 14:00 or 14:00)"),
               text);
  return FALSE;
}

static gboolean
before_start (const char *text,
              GDateTime  *start,
              GError    **error)
{
  g_autofree char *t0 = g_date_time_format (start, "%Y-%m-%d %H:%M");

  g_set_error (error, ODAN_TIME_ERROR, ODAN_TIME_ERROR_RANGE,
               _("time '%s' is before the start of the exercise (%s)"), text, t0);
  return FALSE;
}

gboolean
odan_msel_time_parse (const char        *text,
                      GDateTime         *start,
                      double            *out_minutes,
                      OdanMselTimeKind  *out_kind,
                      GError           **error)
{
  g_autofree char *norm = NULL;
  g_autofree char *trimmed = NULL;
  Scan sc;
  double minutes = 0.0;
  double clock;
  guint day, y, m, d;
  OdanMselTimeKind kind = ODAN_MSEL_TIME_RELATIVE;
  gboolean negative = FALSE;

  g_return_val_if_fail (text != NULL, FALSE);
  g_return_val_if_fail (start != NULL, FALSE);
  g_return_val_if_fail (out_minutes != NULL, FALSE);

  trimmed = g_strstrip (g_strdup (text));
  norm = normalise (trimmed);
  if (norm == NULL || norm[0] == '\0')
    {
      g_set_error_literal (error, ODAN_TIME_ERROR, ODAN_TIME_ERROR_SYNTAX, _("missing time"));
      return FALSE;
    }
  sc.s = norm;
  sc.p = norm;

  /* T+15, T-5, T0 */
  if (*sc.p == 't' && !g_ascii_isalpha (sc.p[1]))
    {
      sc.p++;
      skip_ws (&sc);
      if (*sc.p == '+' || *sc.p == '-')
        {
          negative = *sc.p == '-';
          sc.p++;
          if (!scan_relative (&sc, &minutes))
            return bad_time (trimmed, error);
        }
      else if (!at_end (&sc) && !(eat (&sc, "0") && at_end (&sc)))
        return bad_time (trimmed, error);
      goto done;
    }

  /* +1h30m, -15 */
  if (*sc.p == '+' || *sc.p == '-')
    {
      negative = *sc.p == '-';
      sc.p++;
      if (!scan_relative (&sc, &minutes))
        return bad_time (trimmed, error);
      goto done;
    }

  /* D+1 H+2 M+30 */
  if ((*sc.p == 'd' || *sc.p == 'h' || *sc.p == 'm')
      && (sc.p[1] == '+' || (sc.p[1] == ' ' && sc.p[2] == '+')))
    {
      if (!scan_dhm (&sc, &minutes))
        return bad_time (trimmed, error);
      goto done;
    }

  /* Day 2 - 14:00, 2日目 14:00 */
  if (scan_day (&sc, &day))
    {
      kind = ODAN_MSEL_TIME_CLOCK;
      if (!scan_clock (&sc, &clock) || !at_end (&sc)
          || !clock_offset (start, 0, 0, 0, day, clock, &minutes))
        return bad_time (trimmed, error);
      goto done;
    }

  /* 2015/12/08 14:00 */
  if (scan_date (&sc, &y, &m, &d))
    {
      kind = ODAN_MSEL_TIME_CLOCK;
      if (scan_clock (&sc, &clock) && at_end (&sc)
          && clock_offset (start, y, m, d, 0, clock, &minutes))
        goto done;
      /* ISO forms with seconds fractions or an offset */
      {
        g_autoptr(GError) local_error = NULL;

        if (odan_time_parse (trimmed, start, &minutes, &local_error))
          goto done;
        if (g_error_matches (local_error, ODAN_TIME_ERROR, ODAN_TIME_ERROR_RANGE))
          return before_start (trimmed, start, error);
      }
      return bad_time (trimmed, error);
    }

  /* 14:00, 9時30分 */
  if (scan_clock (&sc, &clock))
    {
      kind = ODAN_MSEL_TIME_CLOCK;
      if (!at_end (&sc) || !clock_offset (start, 0, 0, 0, 1, clock, &minutes))
        return bad_time (trimmed, error);
      goto done;
    }

  /* 90, 1h30m — a bare H:MM is a clock time, and "25:00" none */
  sc.p = norm;
  if (strchr (norm, ':') != NULL || !scan_relative (&sc, &minutes))
    return bad_time (trimmed, error);

done:
  if (negative && minutes > 0)
    return before_start (trimmed, start, error);
  if (minutes < 0)
    return before_start (trimmed, start, error);
  *out_minutes = minutes;
  if (out_kind != NULL)
    *out_kind = kind;
  return TRUE;
}

char *
odan_msel_time_format_relative (double minutes)
{
  double whole = round (minutes);
  GString *out;
  guint64 m, days, hours;

  if (fabs (minutes - whole) > 1e-9 || whole < 0 || whole > 1e12)
    {
      char buf[G_ASCII_DTOSTR_BUF_SIZE];

      return g_strconcat ("+", g_ascii_dtostr (buf, sizeof buf, minutes), NULL);
    }
  m = (guint64) whole;
  days = m / 1440;
  hours = (m % 1440) / 60;
  m %= 60;
  out = g_string_new ("+");
  if (days > 0)
    g_string_append_printf (out, "%" G_GUINT64_FORMAT "d", days);
  if (hours > 0)
    g_string_append_printf (out, "%" G_GUINT64_FORMAT "h", hours);
  if (m > 0 || (days == 0 && hours == 0))
    g_string_append_printf (out, "%" G_GUINT64_FORMAT "m", m);
  return g_string_free (out, FALSE);
}

char *
odan_msel_time_format_clock (double     minutes,
                             GDateTime *start)
{
  gint64 usec = (gint64) llround (minutes * (double) G_TIME_SPAN_MINUTE);
  g_autoptr(GDateTime) at = NULL;

  g_return_val_if_fail (start != NULL, NULL);

  if (usec % G_TIME_SPAN_SECOND != 0)
    return odan_msel_time_format_relative (minutes);
  at = g_date_time_add (start, usec);
  if (at == NULL)
    return odan_msel_time_format_relative (minutes);
  if (g_date_time_get_second (at) != 0)
    return g_date_time_format (at, "%Y-%m-%dT%H:%M:%S");
  return g_date_time_format (at, "%Y-%m-%dT%H:%M");
}

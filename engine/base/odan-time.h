/* odan-time.h — durations and exercise times, as the cascade spec writes them
 *
 * Exercise time is a double: minutes since T0. Durations are "90m", "6h", "2d",
 * "1d6h30m" (whole numbers with units) or a bare number of minutes that may
 * have decimals ("0.5"). Inject times are a duration after T0 ("+2h30m", "150")
 * or an ISO 8601 date-time inside the exercise; one without an offset is in
 * the scenario's own offset.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define ODAN_TIME_ERROR (odan_time_error_quark ())

typedef enum {
  ODAN_TIME_ERROR_SYNTAX,
  ODAN_TIME_ERROR_RANGE,
} OdanTimeError;

GQuark odan_time_error_quark (void);

/* Parses a non-negative duration into minutes. */
gboolean odan_duration_parse (const char *text,
                              double     *out_minutes,
                              GError    **error);

/* Parses an inject time relative to @t0 (which carries the scenario offset).
 * A date-time before T0 is an error (ODAN_TIME_ERROR_RANGE). */
gboolean odan_time_parse (const char *text,
                          GDateTime  *t0,
                          double     *out_minutes,
                          GError    **error);

/* Parses an ISO 8601 date-time "YYYY-MM-DDThh:mm[:ss[.f]][Z|±hh:mm]" (a space
 * may replace the T); one without an offset is in @default_tz. Returns NULL
 * when @text is not such a date-time. Added for scenario.ini's start. */
GDateTime *odan_datetime_parse (const char *text,
                                GTimeZone  *default_tz);

/* "T+6h05m" style for people; exact minutes keep their seconds ("T+6h16m40s"). */
char    *odan_time_format_offset (double minutes);

/* Formats minutes the way the spec prints them: exactly 3 decimals, rounded
 * half up on the decimal value (⌊10³·t + 0.5 + 10⁻⁶⌋ / 10³). */
gint64   odan_minute_key (double minutes);
void     odan_minute_key_format (gint64 key, char buf[32]);

/* Operability as printed: ⌊10⁴·o + 0.5 + 10⁻⁶⌋ (0..10000). */
gint32   odan_operability_key (double o);
void     odan_operability_key_format (gint32 key, char buf[16]);

G_END_DECLS

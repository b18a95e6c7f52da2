/* odan-msel-time.h — the times planners write in an MSEL spreadsheet
 *
 * A spreadsheet MSEL gives an inject's time in whatever form its team is
 * used to. All of these are read, relative to the scenario's start (T0):
 *
 *   T+15, T+1:30, T+1h30m, T + 90 min    relative (a bare number is minutes)
 *   +15, +1h30m, +1:30, 90, 1h30m         relative
 *   D+1 H+2 M+30                          day, hour and minute offsets from T0
 *   Day 1 - 14:00, Day 2 09:30, 1日目 14:00, 第2日 9:30
 *                                         a clock time on day N of the exercise
 *                                         (day 1 is the start day)
 *   9:30, 14:00, 14時30分                 a clock time on the exercise day
 *   2015-12-08T15:30, 2015/12/08 15:30    a date-time (as in injects.csv)
 *
 * Full-width digits and signs (＋１５, １４：００) read as their ASCII
 * forms. A time before T0 is an error. Results are exact minutes.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef enum {
  ODAN_MSEL_TIME_RELATIVE,   /* written as an offset from T0 */
  ODAN_MSEL_TIME_CLOCK,      /* written as a clock or date-time */
} OdanMselTimeKind;

/* Parses @text relative to @start (T0, with the scenario's offset) into
 * minutes after T0. @out_kind (may be NULL) tells how it was written.
 * Errors are ODAN_TIME_ERROR_SYNTAX or ODAN_TIME_ERROR_RANGE (before T0). */
gboolean odan_msel_time_parse (const char        *text,
                               GDateTime         *start,
                               double            *out_minutes,
                               OdanMselTimeKind  *out_kind,
                               GError           **error);

/* The form injects.csv stores a parsed time in: "+1d2h30m", "+15m", "+0m"
 * for whole minutes, decimal minutes ("+150.5") otherwise. */
char    *odan_msel_time_format_relative (double minutes);

/* "2015-12-08T14:00" in @start's offset (no offset written: injects.csv
 * reads it in the scenario's offset), with ":ss" when not a whole minute. */
char    *odan_msel_time_format_clock (double     minutes,
                                      GDateTime *start);

G_END_DECLS

/* odan-format.c — how odan writes times for people
 *
 * A scenario's times are shown in the scenario's own UTC offset, the local
 * time of the exercise, so a facilitator reads the times the pack was
 * written in whatever the computer's time zone. The offset is added only
 * when it differs from the computer's.
 */
#define G_LOG_DOMAIN "odan-gui"

#include <glib/gi18n.h>

#include "odan-format.h"

char *
odan_format_date_time (GDateTime *date_time)
{
  g_autoptr(GDateTime) here = NULL;
  g_autofree char *text = NULL;

  g_return_val_if_fail (date_time != NULL, NULL);

  /* Translators: a date and time in g_date_time_format() notation, e.g. "%Y年%-m月%-d日 %H:%M" */
  text = g_date_time_format (date_time, _("%Y-%m-%d %H:%M"));

  here = g_date_time_to_local (date_time);
  if (g_date_time_get_utc_offset (here) != g_date_time_get_utc_offset (date_time))
    {
      g_autofree char *offset = g_date_time_format (date_time, "%:z");

      /* Translators: a date and time followed by its UTC offset, e.g. "2015-12-08 09:00 (UTC+09:00)" */
      return g_strdup_printf (_("%s (UTC%s)"), text, offset);
    }

  return g_steal_pointer (&text);
}

/* odan-format.h — how odan writes times and pack vocabulary for people */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

char *odan_format_date_time (GDateTime *date_time);
/* A length of time in the interface's language, to the minute and at most
 * two units: "2 d 23 h" / "2日23時間", "1 h 05 min" / "1時間05分". */
char *odan_format_duration  (double minutes);
/* An inject's channel as the interface says it: the known words (phone,
 * e-mail, fax … in either language, joined by ・ / ; or ,) translated, any
 * other word as written. */
char *odan_format_channel   (const char *channel);

G_END_DECLS

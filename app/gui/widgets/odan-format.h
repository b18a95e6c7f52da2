/* odan-format.h — how odan writes times for people */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

char *odan_format_date_time (GDateTime *date_time);

G_END_DECLS

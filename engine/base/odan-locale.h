/* odan-locale.h — where Odan's message catalogues are */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The folder to bind the "odan" text domain to: $ODAN_LOCALEDIR when set;
 * else the installed LOCALEDIR when it holds Odan's catalogues; else the
 * build tree's po/, so that build/app/cli/odan-cli writes a Japanese report
 * without being installed (as it finds the source tree's scenarios). */
const char *odan_locale_dir (void);

G_END_DECLS

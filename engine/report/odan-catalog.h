/* odan-catalog.h — translations of one language, whatever the process's locale
 *
 * The report is written in the language the evaluator asks for (--lang ja
 * on an English desktop), not the interface's. gettext answers in the
 * process's language only, so the report reads the compiled catalogue
 * (LOCALEDIR/LANG/LC_MESSAGES/GETTEXT_PACKAGE.mo, where the program bound
 * its text domain) itself: the strings stay in po/ja.po for translators,
 * and the lookup neither touches the environment nor the locale.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The translation of @msgid (with a context: "CONTEXT\004MSGID") into
 * @language ("ja"), or NULL when the catalogue has none or cannot be read.
 * The catalogue is read once per process and kept; safe from any thread. */
const char *odan_catalog_lookup (const char *language,
                                 const char *msgid);

G_END_DECLS

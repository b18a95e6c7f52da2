/* odan-serve-page.h — the team page's files and words
 *
 * The page is HTML, CSS and a little JavaScript compiled into Odan as
 * GResources (page/), nothing fetched from elsewhere: it works in a room
 * without internet. Its words are gettext messages in context "page",
 * translated in po/ja.po and looked up in the page's language
 * (odan_catalog_lookup()), which follows the browser's Accept-Language
 * unless the page's switch set the cookie odan_lang.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* "ja" or "en": @cookie_lang when it is one of them, else the first of
 * @accept_language (the header, may be NULL) that Odan speaks, else "en". */
const char *odan_serve_page_language  (const char *accept_language,
                                       const char *cookie_lang);
/* The page's words in @language: a JSON object msgid → text. */
char       *odan_serve_page_strings   (const char *language);
/* The translation of the page's @msgid in @language. */
const char *odan_serve_page_gettext   (const char *language,
                                       const char *msgid);
/* The shipped file /static/@name: its bytes and content type, or NULL. */
GBytes     *odan_serve_page_lookup    (const char  *name,
                                       const char **out_content_type);
/* The page @name ("index.html", "join.html") with every {{key}} replaced
 * by the HTML-escaped value of @values (key → string): the page's words
 * are keys too, in @language. */
char       *odan_serve_page_render    (const char *name,
                                       const char *language,
                                       GHashTable *values);

G_END_DECLS

/* odan-serve-page.c — the page's files (GResource) and words (gettext)
 *
 * The words are one table of NC_("page", …) messages: xgettext finds them,
 * ja.po translates them, and the page fetches them as JSON in its own
 * language, so a Japanese page can be served by a process in English.
 */
#define G_LOG_DOMAIN "odan-serve"

#include "odan-serve-page.h"

#include <gio/gio.h>
#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>
#include <string.h>

#include "odan-catalog.h"
#include "odan-serve-resources.h"

static const char *const page_strings[] = {
  NC_("page", "Inbox"),
  NC_("page", "Nothing has been delivered to your team yet."),
  NC_("page", "Deadlines"),
  NC_("page", "No reporting deadline is open."),
  NC_("page", "Decisions"),
  NC_("page", "Category"),
  NC_("page", "Business continuity"),
  NC_("page", "Disclosure"),
  NC_("page", "Report to the ministry"),
  NC_("page", "Information sharing"),
  NC_("page", "Other"),
  NC_("page", "Activate the BCP"),
  NC_("page", "Mitigation"),
  NC_("page", "None"),
  NC_("page", "Channel"),
  NC_("page", "Audience"),
  NC_("page", "Ministry"),
  NC_("page", "Stage"),
  NC_("page", "Initial report"),
  NC_("page", "Follow-up report"),
  NC_("page", "Final report"),
  NC_("page", "Forward"),
  NC_("page", "Nothing to forward yet."),
  NC_("page", "Recipients"),
  NC_("page", "CEPTOAR"),
  NC_("page", "CEPTOAR members"),
  NC_("page", "NISC"),
  NC_("page", "Ministry in charge"),
  NC_("page", "Usual"),
  NC_("page", "Summary"),
  NC_("page", "Logged by"),
  NC_("page", "Log Decision"),
  NC_("page", "Logged"),
  NC_("page", "Your team has logged no decision yet."),
  NC_("page", "Board"),
  NC_("page", "Confirm Receipt"),
  NC_("page", "Mark as Read"),
  NC_("page", "Received"),
  NC_("page", "Read"),
  NC_("page", "forwarded by"),
  NC_("page", "met"),
  NC_("page", "late by"),
  NC_("page", "due in"),
  NC_("page", "Live"),
  NC_("page", "Reconnecting…"),
  NC_("page", "Signed out"),
  NC_("page", "Invitation code"),
  NC_("page", "Join"),
};

const char *
odan_serve_page_language (const char *accept_language,
                          const char *cookie_lang)
{
  g_auto(GStrv) ranges = NULL;

  if (g_strcmp0 (cookie_lang, "ja") == 0 || g_strcmp0 (cookie_lang, "en") == 0)
    return g_str_equal (cookie_lang, "ja") ? "ja" : "en";
  if (accept_language == NULL)
    return "en";
  /* browsers list the user's languages best first; q-values follow that order */
  ranges = g_strsplit (accept_language, ",", 32);
  for (guint i = 0; ranges[i] != NULL; i++)
    {
      char *range = g_strstrip (ranges[i]);

      if (g_ascii_strncasecmp (range, "ja", 2) == 0 && (range[2] == '\0' || range[2] == '-' || range[2] == ';'))
        return "ja";
      if (g_ascii_strncasecmp (range, "en", 2) == 0 && (range[2] == '\0' || range[2] == '-' || range[2] == ';'))
        return "en";
    }
  return "en";
}

const char *
odan_serve_page_gettext (const char *language,
                         const char *msgid)
{
  g_autofree char *key = NULL;
  const char *text;

  if (g_strcmp0 (language, "ja") != 0)
    return msgid;
  key = g_strconcat ("page\004", msgid, NULL);
  text = odan_catalog_lookup (language, key);
  return text != NULL ? text : msgid;
}

char *
odan_serve_page_strings (const char *language)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autoptr(JsonGenerator) gen = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;

  json_builder_begin_object (b);
  for (guint i = 0; i < G_N_ELEMENTS (page_strings); i++)
    {
      json_builder_set_member_name (b, page_strings[i]);
      json_builder_add_string_value (b, odan_serve_page_gettext (language, page_strings[i]));
    }
  json_builder_end_object (b);
  root = json_builder_get_root (b);
  json_generator_set_root (gen, root);
  return json_generator_to_data (gen, NULL);
}

GBytes *
odan_serve_page_lookup (const char  *name,
                        const char **out_content_type)
{
  static const struct {
    const char *suffix;
    const char *type;
  } types[] = {
    { ".html", "text/html; charset=utf-8" },
    { ".css", "text/css; charset=utf-8" },
    { ".js", "text/javascript; charset=utf-8" },
  };
  g_autofree char *path = NULL;

  /* a flat folder: no path but a plain name reaches it */
  if (name == NULL || name[0] == '\0' || strchr (name, '/') != NULL || strstr (name, "..") != NULL)
    return NULL;
  for (guint i = 0; i < G_N_ELEMENTS (types); i++)
    if (g_str_has_suffix (name, types[i].suffix))
      {
        path = g_strconcat ("/jp/odan/serve/", name, NULL);
        *out_content_type = types[i].type;
        /* the library's own resource: static linking drops a constructor that registers it */
        return g_resource_lookup_data (odan_serve_get_resource (), path, G_RESOURCE_LOOKUP_FLAGS_NONE, NULL);
      }
  return NULL;
}

char *
odan_serve_page_render (const char *name,
                        const char *language,
                        GHashTable *values)
{
  const char *type;
  g_autoptr(GBytes) bytes = odan_serve_page_lookup (name, &type);
  g_autoptr(GString) out = g_string_new (NULL);
  const char *p, *open;

  g_return_val_if_fail (bytes != NULL, NULL);

  p = g_bytes_get_data (bytes, NULL);
  while ((open = strstr (p, "{{")) != NULL)
    {
      const char *close = strstr (open + 2, "}}");
      g_autofree char *key = NULL;
      const char *value;
      g_autofree char *escaped = NULL;

      if (close == NULL)
        break;
      g_string_append_len (out, p, open - p);
      key = g_strndup (open + 2, close - open - 2);
      value = values != NULL ? g_hash_table_lookup (values, key) : NULL;
      if (value == NULL)
        value = g_str_equal (key, "lang") ? language : odan_serve_page_gettext (language, key);
      escaped = g_markup_escape_text (value, -1);
      g_string_append (out, escaped);
      p = close + 2;
    }
  g_string_append (out, p);
  return g_string_free (g_steal_pointer (&out), FALSE);
}

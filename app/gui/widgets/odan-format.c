/* odan-format.c — how odan writes times for people
 *
 * A scenario's times are shown in the scenario's own UTC offset, the local
 * time of the exercise, so a facilitator reads the times the pack was
 * written in whatever the computer's time zone. The offset is added only
 * when it differs from the computer's.
 */
#define G_LOG_DOMAIN "odan-gui"

#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

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

char *
odan_format_duration (double minutes)
{
  gint64 total = llround (fabs (minutes));
  int days = (int) MIN (total / 1440, G_MAXINT);
  int hours = (int) (total / 60 % 24);
  int mins = (int) (total % 60);

  if (days > 0 && hours > 0)
    /* Translators: a duration in days and hours, e.g. "2 d 23 h"; in Japanese "2日23時間" */
    return g_strdup_printf (_("%d d %d h"), days, hours);
  if (days > 0)
    /* Translators: a duration in whole days, e.g. "3 d"; in Japanese "3日" */
    return g_strdup_printf (_("%d d"), days);
  if (hours > 0 && mins > 0)
    /* Translators: a duration in hours and minutes, e.g. "1 h 05 min"; in Japanese "1時間05分" */
    return g_strdup_printf (_("%d h %02d min"), hours, mins);
  if (hours > 0)
    /* Translators: a duration in whole hours, e.g. "6 h"; in Japanese "6時間" */
    return g_strdup_printf (_("%d h"), hours);
  /* Translators: a duration in minutes, e.g. "30 min"; in Japanese "30分" */
  return g_strdup_printf (_("%d min"), mins);
}

/* The channel words of the packs: each with its English and Japanese
 * spellings; the interface shows the msgid translated. */
static const struct {
  const char *word;
  const char *spellings[6];
} channels[] = {
  { N_("phone"), { "phone", "telephone", "電話", NULL } },
  { N_("e-mail"), { "e-mail", "email", "mail", "メール", "電子メール", NULL } },
  { N_("fax"), { "fax", "FAX", "ファクス", "ファックス", NULL } },
  { N_("meeting"), { "meeting", "会議", "対面", NULL } },
  { N_("web"), { "web", "Web", "WEB", "ウェブ", NULL } },
  { N_("radio"), { "radio", "無線", NULL } },
  { N_("messenger"), { "messenger", "chat", "チャット", NULL } },
  { N_("press release"), { "press release", "報道発表", NULL } },
  { N_("letter"), { "letter", "文書", NULL } },
  { N_("satellite phone"), { "satellite phone", "衛星電話", NULL } },
  { N_("video conference"), { "video conference", "TV会議", "テレビ会議", "Web会議", NULL } },
};

static const char *
channel_word (const char *word)
{
  for (guint i = 0; i < G_N_ELEMENTS (channels); i++)
    for (guint s = 0; channels[i].spellings[s] != NULL; s++)
      if (g_ascii_strcasecmp (word, channels[i].spellings[s]) == 0)
        return _(channels[i].word);
  return word;
}

char *
odan_format_channel (const char *channel)
{
  g_autoptr(GString) out = g_string_new (NULL);
  const char *p = channel;

  if (channel == NULL)
    return g_strdup ("");
  /* split on the separators packs use, keep each word's own spelling when unknown */
  while (*p != '\0')
    {
      const char *end = p;
      g_autofree char *word = NULL;

      while (*end != '\0' && !g_str_has_prefix (end, "・") && *end != '/' && *end != ';' && *end != ',')
        end = g_utf8_next_char (end);
      word = g_strstrip (g_strndup (p, end - p));
      if (word[0] != '\0')
        {
          if (out->len > 0)
            /* Translators: between two channels, e.g. "phone, fax"; in Japanese "電話・FAX" */
            g_string_append (out, C_("channels", ", "));
          g_string_append (out, channel_word (word));
        }
      if (*end == '\0')
        break;
      p = g_str_has_prefix (end, "・") ? end + strlen ("・") : end + 1;
    }
  return g_string_free (g_steal_pointer (&out), FALSE);
}

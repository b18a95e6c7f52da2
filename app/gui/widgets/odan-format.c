/* odan-format.c — how odan writes times for people
 *
 * A scenario's times are shown in the scenario's own UTC offset, the local
 * time of the exercise, so a facilitator reads the times the pack was
 * written in whatever the computer's time zone. The offset is added only
 * when it differs from the computer's.
 */
#define G_LOG_DOMAIN "odan-gui"

#include <glib/gi18n.h>
#include <gtk/gtk.h>
#include <math.h>
#include <string.h>

#include "odan-format.h"
#include "odan-effect.h"

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
        {
          const char *ours = _(channels[i].word);

          /* already the interface's word: as the author wrote it ("Phone") */
          return g_ascii_strcasecmp (word, ours) == 0 ? word : ours;
        }
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

typedef enum { CLASS_OTHER, CLASS_SPACE, CLASS_HIRAGANA, CLASS_KATAKANA, CLASS_KANJI, CLASS_OPEN, CLASS_CLOSE } CharClass;

static CharClass
char_class (gunichar c)
{
  if (g_unichar_isspace (c))
    return CLASS_SPACE;
  if (c >= 0x3041 && c <= 0x309f)
    return CLASS_HIRAGANA;
  if ((c >= 0x30a0 && c <= 0x30ff) || (c >= 0xff66 && c <= 0xff9f))
    return CLASS_KATAKANA;
  if ((c >= 0x4e00 && c <= 0x9fff) || (c >= 0x3400 && c <= 0x4dbf) || c == 0x3005)
    return CLASS_KANJI;
  if (c == 0x300c || c == 0x300e || c == 0xff08 || c == 0x3010 || c == 0x3008 || c == 0x300a)
    return CLASS_OPEN;     /* 「『（【〈《 */
  if ((c >= 0x3000 && c <= 0x303f) || (c >= 0xff01 && c <= 0xff0f) || (c >= 0xff1a && c <= 0xff20))
    return CLASS_CLOSE;    /* 、。」』）・：… a break may follow */
  return CLASS_OTHER;
}

/* Phrases longer than this stay breakable: a narrow column must still wrap. */
#define MAX_PHRASE_CHARS 14

GArray *
odan_format_ja_phrases (const char *text)
{
  g_autoptr(GArray) ranges = g_array_new (FALSE, FALSE, sizeof (int));
  const char *start = NULL;
  gboolean japanese = FALSE;
  CharClass previous = CLASS_SPACE;
  guint n_chars = 0;

  if (text == NULL)
    return NULL;
  for (const char *p = text;; p = g_utf8_next_char (p))
    {
      CharClass class = *p != '\0' ? char_class (g_utf8_get_char (p)) : CLASS_SPACE;
      /* a phrase ends at a space, after closing punctuation, before an
       * opening one, and where hiragana give way to a new word */
      gboolean boundary = class == CLASS_SPACE || previous == CLASS_CLOSE || class == CLASS_OPEN
                          || (previous == CLASS_HIRAGANA && (class == CLASS_KANJI || class == CLASS_KATAKANA));

      if (class == CLASS_HIRAGANA || class == CLASS_KATAKANA || class == CLASS_KANJI)
        japanese = TRUE;
      if (boundary && start != NULL)
        {
          if (n_chars > 1 && n_chars <= MAX_PHRASE_CHARS)
            {
              int range[2] = { (int) (start - text), (int) (p - text) };

              g_array_append_vals (ranges, range, 2);
            }
          start = NULL;
        }
      if (*p == '\0')
        break;
      if (start == NULL && class != CLASS_SPACE)
        {
          start = p;
          n_chars = 0;
        }
      n_chars++;
      previous = class;
    }
  return japanese ? g_steal_pointer (&ranges) : NULL;
}

PangoAttrList *
odan_format_phrase_attributes (const char *text)
{
  g_autoptr(GArray) ranges = odan_format_ja_phrases (text);
  PangoAttrList *attributes;

  if (ranges == NULL)
    return NULL;
  attributes = pango_attr_list_new ();
  for (guint i = 0; i + 1 < ranges->len; i += 2)
    {
      PangoAttribute *keep = pango_attr_allow_breaks_new (FALSE);

      keep->start_index = g_array_index (ranges, int, i);
      keep->end_index = g_array_index (ranges, int, i + 1);
      pango_attr_list_insert (attributes, keep);
    }
  return attributes;
}

void
odan_format_label_phrases (gpointer label)
{
  g_autoptr(PangoAttrList) attributes = NULL;

  g_return_if_fail (GTK_IS_LABEL (label));

  attributes = odan_format_phrase_attributes (gtk_label_get_text (label));
  gtk_label_set_attributes (label, attributes);
}

/* A node, a selector or an id as the pack names it. */
static char *
effect_target (const OdanPack *pack,
               const char     *node,
               const char     *sector,
               const char     *region)
{
  guint32 index;

  if (node != NULL)
    {
      index = odan_pack_find_node (pack, node);
      return g_strdup (index != ODAN_NONE
                       ? odan_pack_localized (pack->nodes[index].name, pack->nodes[index].name_ja) : node);
    }
  index = sector != NULL ? odan_pack_find_sector (pack, sector) : ODAN_NONE;
  if (sector != NULL && region != NULL)
    /* Translators: the nodes of a sector in a region, e.g. "Water supply in tokyo-23" */
    return g_strdup_printf (_("%s in %s"), index != ODAN_NONE
                            ? odan_pack_localized (pack->sectors[index].name, pack->sectors[index].name_ja) : sector, region);
  if (sector != NULL)
    return g_strdup (index != ODAN_NONE
                     ? odan_pack_localized (pack->sectors[index].name, pack->sectors[index].name_ja) : sector);
  /* Translators: every node of a region, e.g. "everything in tokyo-23" */
  return g_strdup_printf (_("everything in %s"), region != NULL ? region : "");
}

static void
append_effect (GString          *out,
               const OdanPack   *pack,
               const OdanEffect *e)
{
  g_autofree char *target = NULL;
  g_autofree char *provider = NULL;
  g_autofree char *duration = NULL;
  g_autofree char *words = NULL;

  if (odan_effect_on_edge (e))
    {
      provider = effect_target (pack, e->provider, NULL, NULL);
      target = effect_target (pack, e->dependent, NULL, NULL);
    }
  else if (e->kind == ODAN_EFFECT_UNITS)
    {
      guint32 pool = odan_pack_find_pool (pack, e->pool);

      target = g_strdup (pool != ODAN_NONE
                         ? odan_pack_localized (pack->pools[pool].name, pack->pools[pool].name_ja) : e->pool);
    }
  else
    target = effect_target (pack, e->node, e->sector, e->region);

  switch (e->kind)
    {
    case ODAN_EFFECT_SET:
    case ODAN_EFFECT_FLOOR:
      words = e->kind == ODAN_EFFECT_SET
              /* Translators: an effect on the model: a node's level, e.g. "Electricity supply, Saitama at 0 %" */
              ? g_strdup_printf (_("%s at %.0f %%"), target, e->value * 100.0)
              /* Translators: an effect on the model: a node kept at a level or above, e.g. "Hospital at 90 % or more" */
              : g_strdup_printf (_("%s at %.0f %% or more"), target, e->value * 100.0);
      if (e->duration >= 0)
        {
          duration = odan_format_duration (e->duration);
          /* Translators: an effect that lasts a while, e.g. "Hospital at 90 % or more for 2 d" */
          g_string_append_printf (out, _("%s for %s"), words, duration);
        }
      else
        g_string_append (out, words);
      break;
    case ODAN_EFFECT_RESTORE:
      /* Translators: an effect on the model: a node back to normal */
      g_string_append_printf (out, _("%s restored"), target);
      break;
    case ODAN_EFFECT_BUFFER:
      duration = odan_format_duration (e->value);
      /* Translators: an effect on the model: more backup, e.g. "Hospital's backup for Electricity supply: 6 h more" */
      g_string_append_printf (out, _("%s's backup for %s: %s more"), target, provider, duration);
      break;
    case ODAN_EFFECT_STRENGTH:
      /* Translators: an effect on the model: how much a node depends on another, e.g. "Hospital depends on Water supply × 0.5" */
      g_string_append_printf (out, _("%s depends on %s × %g"), target, provider, e->value);
      break;
    case ODAN_EFFECT_PRIORITY:
      /* Translators: an effect on the model: who is refuelled first, e.g. "Hospital's deliveries for Electricity supply: priority 5" */
      g_string_append_printf (out, _("%s's deliveries for %s: priority %.0f"), target, provider, e->value);
      break;
    case ODAN_EFFECT_UNITS:
      /* Translators: an effect on the model: more units in a pool, e.g. "Tank trucks: 4 more" */
      g_string_append_printf (out, _("%s: %.0f more"), target, e->value);
      break;
    default:
      g_string_append (out, e->text != NULL ? e->text : "");
      break;
    }
}

char *
odan_format_effects (const OdanPack *pack,
                     const char     *text)
{
  g_autoptr(GArray) effects = NULL;
  g_autoptr(GString) out = NULL;

  g_return_val_if_fail (pack != NULL, NULL);

  if (text == NULL)
    return g_strdup ("");
  effects = odan_effects_parse (text, NULL);
  if (effects == NULL)
    return g_strdup (text);
  g_array_set_clear_func (effects, (GDestroyNotify) odan_effect_clear);
  out = g_string_new (NULL);
  for (guint i = 0; i < effects->len; i++)
    {
      if (i > 0)
        /* Translators: between two effects on the model */
        g_string_append (out, _("; "));
      append_effect (out, pack, &g_array_index (effects, OdanEffect, i));
    }
  return g_string_free (g_steal_pointer (&out), FALSE);
}

static gboolean
explanation_effect (const GMatchInfo *match,
                    GString          *out,
                    gpointer          pack)
{
  g_autofree char *syntax = g_match_info_fetch (match, 1);
  g_autofree char *words = odan_format_effects (pack, syntax);

  g_string_append_printf (out, "(%s)", words);
  return FALSE;
}

char *
odan_format_explanation (const OdanPack *pack,
                         const char     *text)
{
  static GRegex *effect;

  g_return_val_if_fail (pack != NULL, NULL);

  if (text == NULL)
    return NULL;
  if (g_once_init_enter (&effect))
    g_once_init_leave (&effect, g_regex_new ("\\(((?:set|restore|floor|buffer|strength|priority|units) [^()\\n]*)\\)",
                                             G_REGEX_OPTIMIZE, 0, NULL));
  return g_regex_replace_eval (effect, text, -1, 0, 0, explanation_effect, (gpointer) pack, NULL);
}

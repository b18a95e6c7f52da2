/* odan-effect.c — parsing the effects that injects and mitigations carry
 *
 * An effect list is text such as
 *   "set power.kanto 0 for 10h; floor sector=water 0.5"
 * split at ';' into effects, each a keyword and its words. Parsing only
 * checks the syntax and the ranges of values; names are bound to a pack by
 * odan_effects_resolve() in odan-pack.c. Each parsed effect owns its strings.
 */
#define G_LOG_DOMAIN "odan-effect"

#include "odan-effect.h"
#include "odan-enum.h"
#include "odan-model-enums.h"
#include "odan-time.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

G_DEFINE_QUARK (odan-effect-error-quark, odan_effect_error)

void
odan_effect_clear (OdanEffect *effect)
{
  if (effect == NULL)
    return;
  g_clear_pointer (&effect->text, g_free);
  g_clear_pointer (&effect->node, g_free);
  g_clear_pointer (&effect->sector, g_free);
  g_clear_pointer (&effect->region, g_free);
  g_clear_pointer (&effect->provider, g_free);
  g_clear_pointer (&effect->dependent, g_free);
  g_clear_pointer (&effect->pool, g_free);
  g_clear_pointer (&effect->nodes, g_free);
  effect->n_nodes = 0;
}

static gboolean
is_blank (char c)
{
  return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

/* Splits @text at blanks. */
static GStrv
split_words (const char *text)
{
  GPtrArray *words = g_ptr_array_new ();
  const char *p = text;

  while (*p != '\0')
    {
      const char *start;

      while (is_blank (*p))
        p++;
      if (*p == '\0')
        break;
      start = p;
      while (*p != '\0' && !is_blank (*p))
        p++;
      g_ptr_array_add (words, g_strndup (start, (gsize) (p - start)));
    }
  g_ptr_array_add (words, NULL);
  return (GStrv) g_ptr_array_free (words, FALSE);
}

static gboolean
parse_number (const char *word,
              double     *out)
{
  char *end;
  double v;

  /* only plain decimals: g_ascii_strtod would also take "nan", "inf", hex */
  for (const char *p = word; *p != '\0'; p++)
    if (!g_ascii_isdigit (*p) && *p != '.' && *p != '-' && *p != '+')
      return FALSE;
  v = g_ascii_strtod (word, &end);
  if (end == word || *end != '\0' || !isfinite (v))
    return FALSE;
  *out = v;
  return TRUE;
}

/* A level (set/floor VALUE) or a factor (strength *FACTOR), both in [0, 1]. */
static gboolean
parse_level (const char *effect_text,
             const char *word,
             gboolean    is_factor,
             double     *out,
             GError    **error)
{
  if (!parse_number (word, out))
    {
      g_set_error (error, ODAN_EFFECT_ERROR, ODAN_EFFECT_ERROR_SYNTAX,
                   is_factor ? _("'%s': factor '%s' is not a number")
                             : _("'%s': value '%s' is not a number"),
                   effect_text, word);
      return FALSE;
    }
  if (*out < 0.0 || *out > 1.0)
    {
      g_set_error (error, ODAN_EFFECT_ERROR, ODAN_EFFECT_ERROR_RANGE,
                   is_factor ? _("'%s': factor %s is out of range [0, 1]")
                             : _("'%s': value %s is out of range [0, 1]"),
                   effect_text, word);
      return FALSE;
    }
  return TRUE;
}

/* NODE: a node id, or sector=S, region=R, sector=S,region=R. */
static gboolean
parse_target (const char *effect_text,
              const char *word,
              OdanEffect *effect,
              GError    **error)
{
  g_auto(GStrv) parts = NULL;

  if (strchr (word, '=') == NULL)
    {
      effect->node = g_strdup (word);
      return TRUE;
    }

  parts = g_strsplit (word, ",", -1);
  for (guint i = 0; parts[i] != NULL; i++)
    {
      const char *eq = strchr (parts[i], '=');
      g_autofree char *key = NULL;
      const char *value;
      char **slot;

      if (eq == NULL || eq == parts[i] || eq[1] == '\0')
        {
          g_set_error (error, ODAN_EFFECT_ERROR, ODAN_EFFECT_ERROR_SYNTAX,
                       _("'%s': bad selector '%s' (expected sector=S, region=R or sector=S,region=R)"),
                       effect_text, word);
          return FALSE;
        }
      key = g_ascii_strdown (parts[i], eq - parts[i]);
      value = eq + 1;
      if (strcmp (key, "sector") == 0)
        slot = &effect->sector;
      else if (strcmp (key, "region") == 0)
        slot = &effect->region;
      else
        {
          g_set_error (error, ODAN_EFFECT_ERROR, ODAN_EFFECT_ERROR_SYNTAX,
                       _("'%s': unknown selector key '%s' (expected sector or region)"),
                       effect_text, key);
          return FALSE;
        }
      if (*slot != NULL)
        {
          g_set_error (error, ODAN_EFFECT_ERROR, ODAN_EFFECT_ERROR_SYNTAX,
                       _("'%s': selector names %s twice"),
                       effect_text, key);
          return FALSE;
        }
      *slot = g_strdup (value);
    }
  return TRUE;
}

/* P->D, with or without blanks around the arrow: the words after the
 * keyword are joined back and split at the arrow. Consumes the words that
 * make up the edge and returns the index of the first word after it. */
static gboolean
parse_edge (const char  *effect_text,
            GStrv        words,
            guint       *index,
            OdanEffect  *effect,
            GError     **error)
{
  guint i = *index;
  g_autoptr(GString) joined = g_string_new (NULL);
  const char *arrow;

  /* gather words until the arrow has been seen with something after it */
  for (; words[i] != NULL; i++)
    {
      const char *a;

      g_string_append (joined, words[i]);
      a = strstr (joined->str, "->");
      if (a != NULL && a[2] != '\0')
        {
          i++;
          break;
        }
    }

  arrow = strstr (joined->str, "->");
  if (arrow == NULL || arrow == joined->str || arrow[2] == '\0' || strstr (arrow + 2, "->") != NULL)
    {
      g_set_error (error, ODAN_EFFECT_ERROR, ODAN_EFFECT_ERROR_SYNTAX,
                   _("'%s': expected an edge PROVIDER->DEPENDENT"),
                   effect_text);
      return FALSE;
    }

  effect->provider = g_strndup (joined->str, (gsize) (arrow - joined->str));
  effect->dependent = g_strdup (arrow + 2);
  if (strchr (effect->provider, '=') != NULL || strchr (effect->dependent, '=') != NULL)
    {
      g_set_error (error, ODAN_EFFECT_ERROR, ODAN_EFFECT_ERROR_SYNTAX,
                   _("'%s': an edge is named by node ids, not selectors"),
                   effect_text);
      return FALSE;
    }
  *index = i;
  return TRUE;
}

static gboolean
expect_end (const char *effect_text,
            GStrv       words,
            guint       i,
            const char *usage,
            GError    **error)
{
  if (words[i] == NULL)
    return TRUE;
  g_set_error (error, ODAN_EFFECT_ERROR, ODAN_EFFECT_ERROR_SYNTAX,
               _("'%s': unexpected '%s' (usage: %s)"),
               effect_text, words[i], usage);
  return FALSE;
}

typedef enum {
  MISSING_NODE,
  MISSING_VALUE,
  MISSING_DURATION,
  MISSING_EDGE,
  MISSING_FACTOR,
  MISSING_POOL,
} Missing;

static gboolean
missing (const char *effect_text,
         Missing     what,
         const char *usage,
         GError    **error)
{
  const char *format = NULL;

  switch (what)
    {
    case MISSING_NODE:
      format = _("'%s': missing node (usage: %s)");
      break;
    case MISSING_VALUE:
      format = _("'%s': missing value (usage: %s)");
      break;
    case MISSING_DURATION:
      format = _("'%s': missing duration (usage: %s)");
      break;
    case MISSING_EDGE:
      format = _("'%s': missing edge (usage: %s)");
      break;
    case MISSING_FACTOR:
      format = _("'%s': missing factor (usage: %s)");
      break;
    case MISSING_POOL:
      format = _("'%s': missing pool (usage: %s)");
      break;
    default:
      g_assert_not_reached ();
    }
  g_set_error (error, ODAN_EFFECT_ERROR, ODAN_EFFECT_ERROR_SYNTAX, format, effect_text, usage);
  return FALSE;
}

/* A whole number from @min to @max: a priority or a number of units. */
static gboolean
parse_whole (const char *effect_text,
             const char *word,
             double      min,
             double      max,
             double     *out,
             GError    **error)
{
  for (const char *p = word; *p != '\0'; p++)
    if (!g_ascii_isdigit (*p))
      {
        g_set_error (error, ODAN_EFFECT_ERROR, ODAN_EFFECT_ERROR_SYNTAX,
                     _("'%s': '%s' is not a whole number"), effect_text, word);
        return FALSE;
      }
  if (word[0] == '\0' || !parse_number (word, out) || *out < min || *out > max)
    {
      g_set_error (error, ODAN_EFFECT_ERROR, ODAN_EFFECT_ERROR_RANGE,
                   _("'%s': %s is out of range [%g, %g]"), effect_text, word, min, max);
      return FALSE;
    }
  return TRUE;
}

/* priority P->D N (SEMANTICS.md §14.4) */
static gboolean
parse_priority (const char *text,
                GStrv       words,
                OdanEffect *effect,
                GError    **error)
{
  static const char usage[] = "priority PROVIDER->DEPENDENT N";
  guint i = 1;

  effect->kind = ODAN_EFFECT_PRIORITY;
  if (words[i] == NULL)
    return missing (text, MISSING_EDGE, usage, error);
  if (!parse_edge (text, words, &i, effect, error))
    return FALSE;
  if (words[i] == NULL)
    return missing (text, MISSING_VALUE, usage, error);
  if (!parse_whole (text, words[i++], 0, ODAN_EFFECT_MAX_PRIORITY, &effect->value, error))
    return FALSE;
  return expect_end (text, words, i, usage, error);
}

/* units POOL [+]N (SEMANTICS.md §14.4) */
static gboolean
parse_units (const char *text,
             GStrv       words,
             OdanEffect *effect,
             GError    **error)
{
  static const char usage[] = "units POOL +N";
  guint i = 1;
  const char *word;

  effect->kind = ODAN_EFFECT_UNITS;
  if (words[i] == NULL)
    return missing (text, MISSING_POOL, usage, error);
  effect->pool = g_strdup (words[i++]);
  if (words[i] == NULL)
    return missing (text, MISSING_VALUE, usage, error);
  word = words[i++];
  if (*word == '+')
    word++;
  if (!parse_whole (text, word, 1, ODAN_EFFECT_MAX_UNITS, &effect->value, error))
    return FALSE;
  return expect_end (text, words, i, usage, error);
}

static gboolean
parse_one (const char *text,
           OdanEffect *effect,
           GError    **error)
{
  static const char set_usage[] = "set NODE VALUE [for DURATION]";
  static const char floor_usage[] = "floor NODE VALUE [for DURATION]";
  static const char restore_usage[] = "restore NODE";
  static const char buffer_usage[] = "buffer PROVIDER->DEPENDENT +DURATION";
  static const char strength_usage[] = "strength PROVIDER->DEPENDENT *FACTOR";
  g_auto(GStrv) words = split_words (text);
  int kind = -1;
  guint i = 1;

  effect->text = g_strdup (text);
  effect->duration = -1.0;

  /* the keywords are the nicks of OdanEffectKind, in any case */
  odan_enum_from_nick (ODAN_TYPE_EFFECT_KIND, words[0], &kind);
  if (kind == ODAN_EFFECT_SET || kind == ODAN_EFFECT_FLOOR)
    {
      gboolean is_set = kind == ODAN_EFFECT_SET;
      const char *usage = is_set ? set_usage : floor_usage;

      effect->kind = kind;
      if (words[i] == NULL)
        return missing (text, MISSING_NODE, usage, error);
      if (!parse_target (text, words[i++], effect, error))
        return FALSE;
      if (words[i] == NULL)
        return missing (text, MISSING_VALUE, usage, error);
      if (!parse_level (text, words[i++], FALSE,
                        &effect->value, error))
        return FALSE;
      if (words[i] != NULL && g_ascii_strcasecmp (words[i], "for") == 0)
        {
          g_autoptr(GError) local_error = NULL;

          i++;
          if (words[i] == NULL)
            return missing (text, MISSING_DURATION, usage, error);
          if (!odan_duration_parse (words[i], &effect->duration, &local_error))
            {
              g_set_error (error, ODAN_EFFECT_ERROR,
                           local_error->code == ODAN_TIME_ERROR_RANGE
                           ? ODAN_EFFECT_ERROR_RANGE : ODAN_EFFECT_ERROR_SYNTAX,
                           "'%s': %s", text, local_error->message);
              return FALSE;
            }
          i++;
        }
      return expect_end (text, words, i, usage, error);
    }
  else if (kind == ODAN_EFFECT_PRIORITY)
    return parse_priority (text, words, effect, error);
  else if (kind == ODAN_EFFECT_UNITS)
    return parse_units (text, words, effect, error);
  else if (kind == ODAN_EFFECT_RESTORE)
    {
      effect->kind = ODAN_EFFECT_RESTORE;
      if (words[i] == NULL)
        return missing (text, MISSING_NODE, restore_usage, error);
      if (!parse_target (text, words[i++], effect, error))
        return FALSE;
      return expect_end (text, words, i, restore_usage, error);
    }
  else if (kind == ODAN_EFFECT_BUFFER || kind == ODAN_EFFECT_STRENGTH)
    {
      gboolean is_buffer = kind == ODAN_EFFECT_BUFFER;
      const char *usage = is_buffer ? buffer_usage : strength_usage;
      const char *word;

      effect->kind = kind;
      if (words[i] == NULL)
        return missing (text, MISSING_EDGE, usage, error);
      if (!parse_edge (text, words, &i, effect, error))
        return FALSE;
      if (words[i] == NULL)
        return missing (text, is_buffer ? MISSING_DURATION : MISSING_FACTOR,
                        usage, error);
      word = words[i++];
      if (is_buffer)
        {
          g_autoptr(GError) local_error = NULL;

          if (*word == '+')
            word++;
          if (!odan_duration_parse (word, &effect->value, &local_error))
            {
              g_set_error (error, ODAN_EFFECT_ERROR,
                           local_error->code == ODAN_TIME_ERROR_RANGE
                           ? ODAN_EFFECT_ERROR_RANGE : ODAN_EFFECT_ERROR_SYNTAX,
                           "'%s': %s", text, local_error->message);
              return FALSE;
            }
        }
      else
        {
          if (*word == '*')
            word++;
          if (!parse_level (text, word, TRUE,
                            &effect->value, error))
            return FALSE;
        }
      return expect_end (text, words, i, usage, error);
    }

  g_set_error (error, ODAN_EFFECT_ERROR, ODAN_EFFECT_ERROR_SYNTAX,
               _("'%s': unknown effect '%s' (expected set, restore, floor, buffer, strength, priority or units)"),
               text, words[0]);
  return FALSE;
}

GArray *
odan_effects_parse (const char *text,
                    GError    **error)
{
  g_autoptr(GArray) effects = NULL;
  g_auto(GStrv) pieces = NULL;

  g_return_val_if_fail (text != NULL, NULL);

  effects = g_array_new (FALSE, TRUE, sizeof (OdanEffect));
  g_array_set_clear_func (effects, (GDestroyNotify) odan_effect_clear);

  /* empty pieces ("a; ;b", a trailing ';') are skipped */
  pieces = g_strsplit (text, ";", -1);
  for (guint i = 0; pieces[i] != NULL; i++)
    {
      OdanEffect effect = { 0 };

      g_strstrip (pieces[i]);
      if (pieces[i][0] == '\0')
        continue;
      if (!parse_one (pieces[i], &effect, error))
        {
          odan_effect_clear (&effect);
          return NULL;
        }
      effect.edge = G_MAXUINT32;
      g_array_append_val (effects, effect);
    }

  return g_steal_pointer (&effects);
}

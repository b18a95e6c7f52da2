/* fuzz-effect.c — fuzz target for the effect parser (odan_effects_parse)
 *
 * The input, up to its first NUL byte, is an effect text such as
 * "set power.kanto 0 for 10h; buffer a->b +6h". Checked beyond memory safety:
 *  - the result and the GError agree, and for UTF-8 input the message is
 *    valid UTF-8;
 *  - every parsed effect is well formed: a kind, its own trimmed text, a
 *    target that fits the kind (a node or a selector; a provider and a
 *    dependent), values in range, no resolution yet;
 *  - each effect's own text parses again to exactly that effect, and all
 *    the texts joined with ";" give the same list.
 */
#include "fuzz-common.h"

#include <math.h>
#include <string.h>

#include "odan-effect.h"

int
LLVMFuzzerInitialize (int *argc, char ***argv)
{
  odan_fuzz_init ();
  return 0;
}

static gboolean
is_blank (char c)
{
  return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

static void
check_effect (const char *input, const OdanEffect *e)
{
  gsize len;
  gboolean node_target = e->kind == ODAN_EFFECT_SET || e->kind == ODAN_EFFECT_RESTORE
                         || e->kind == ODAN_EFFECT_FLOOR;

  odan_fuzz_check (e->kind >= ODAN_EFFECT_SET && e->kind <= ODAN_EFFECT_UNITS,
                   "'%s': kind %d", input, e->kind);
  odan_fuzz_check (e->text != NULL && e->text[0] != '\0', "'%s': an effect without text", input);
  len = strlen (e->text);
  odan_fuzz_check (!is_blank (e->text[0]) && !is_blank (e->text[len - 1]),
                   "'%s': effect text '%s' is not trimmed", input, e->text);
  odan_fuzz_check (g_utf8_validate (e->text, -1, NULL) || !g_utf8_validate (input, -1, NULL),
                   "'%s': effect text is not UTF-8", input);
  odan_fuzz_check (e->nodes == NULL && e->n_nodes == 0, "'%s': resolved before resolving", input);

  if (e->kind == ODAN_EFFECT_UNITS)
    odan_fuzz_check (e->pool != NULL && e->pool[0] != '\0' && e->node == NULL && e->provider == NULL,
                     "'%s': a units effect without its pool alone", e->text);
  else if (node_target)
    {
      gboolean selector = e->sector != NULL || e->region != NULL;
      odan_fuzz_check ((e->node != NULL) != selector,
                       "'%s': node '%s', sector '%s', region '%s'", e->text,
                       e->node ? e->node : "", e->sector ? e->sector : "", e->region ? e->region : "");
      odan_fuzz_check (e->provider == NULL && e->dependent == NULL, "'%s': a node effect with an edge", e->text);
      odan_fuzz_check (e->node == NULL || e->node[0] != '\0', "'%s': empty node", e->text);
    }
  else
    {
      odan_fuzz_check (e->provider != NULL && e->provider[0] != '\0'
                       && e->dependent != NULL && e->dependent[0] != '\0',
                       "'%s': an edge effect without both ends", e->text);
      odan_fuzz_check (e->node == NULL && e->sector == NULL && e->region == NULL,
                       "'%s': an edge effect with a node target", e->text);
    }

  switch (e->kind)
    {
    case ODAN_EFFECT_SET:
    case ODAN_EFFECT_FLOOR:
      odan_fuzz_check (isfinite (e->value) && e->value >= 0 && e->value <= 1,
                       "'%s': level %g", e->text, e->value);
      odan_fuzz_check (e->duration < 0 || (isfinite (e->duration) && e->duration <= 1e9),
                       "'%s': duration %g", e->text, e->duration);
      break;
    case ODAN_EFFECT_BUFFER:
      odan_fuzz_check (isfinite (e->value) && e->value >= 0 && e->value <= 1e9,
                       "'%s': buffer minutes %g", e->text, e->value);
      break;
    case ODAN_EFFECT_STRENGTH:
      odan_fuzz_check (isfinite (e->value) && e->value >= 0 && e->value <= 1,
                       "'%s': strength factor %g", e->text, e->value);
      break;
    case ODAN_EFFECT_PRIORITY:
      odan_fuzz_check (e->value >= 0 && e->value <= ODAN_EFFECT_MAX_PRIORITY && e->value == floor (e->value),
                       "'%s': priority %g", e->text, e->value);
      break;
    case ODAN_EFFECT_UNITS:
      odan_fuzz_check (e->value >= 1 && e->value <= ODAN_EFFECT_MAX_UNITS && e->value == floor (e->value),
                       "'%s': units %g", e->text, e->value);
      break;
    case ODAN_EFFECT_RESTORE:
      break;
    }
}

static gboolean
same_effect (const OdanEffect *a, const OdanEffect *b)
{
  return a->kind == b->kind
         && g_strcmp0 (a->text, b->text) == 0
         && g_strcmp0 (a->node, b->node) == 0
         && g_strcmp0 (a->sector, b->sector) == 0
         && g_strcmp0 (a->region, b->region) == 0
         && g_strcmp0 (a->provider, b->provider) == 0
         && g_strcmp0 (a->dependent, b->dependent) == 0
         && g_strcmp0 (a->pool, b->pool) == 0
         && (a->kind == ODAN_EFFECT_RESTORE || a->value == b->value)
         && ((a->kind != ODAN_EFFECT_SET && a->kind != ODAN_EFFECT_FLOOR)
             || a->duration == b->duration || (a->duration < 0 && b->duration < 0));
}

static GArray *
parse (const char *text)
{
  g_autoptr(GError) error = NULL;
  GArray *effects = odan_effects_parse (text, &error);

  odan_fuzz_check ((effects != NULL) == (error == NULL), "'%s': result %p, error %s",
                   text, (void *) effects, error != NULL ? error->message : "none");
  odan_fuzz_check (error == NULL || error->message[0] != '\0', "'%s': an error without message", text);
  odan_fuzz_check (error == NULL || !g_utf8_validate (text, -1, NULL) || g_utf8_validate (error->message, -1, NULL),
                   "'%s': the message '%s' is not UTF-8", text, error->message);
  return effects;
}

int
LLVMFuzzerTestOneInput (const uint8_t *data, size_t size)
{
  g_autofree char *text = odan_fuzz_strdup (data, size);
  g_autoptr(GArray) effects = parse (text);
  g_autoptr(GString) joined = g_string_new (NULL);

  if (effects == NULL)
    return 0;

  for (guint i = 0; i < effects->len; i++)
    {
      const OdanEffect *e = &g_array_index (effects, OdanEffect, i);
      g_autoptr(GArray) again = NULL;

      check_effect (text, e);
      again = parse (e->text);
      odan_fuzz_check (again != NULL && again->len == 1,
                       "'%s': effect %u's text '%s' does not parse back to one effect",
                       text, i, e->text);
      odan_fuzz_check (same_effect (e, &g_array_index (again, OdanEffect, 0)),
                       "'%s': effect %u's text '%s' parses back to a different effect",
                       text, i, e->text);
      if (i > 0)
        g_string_append (joined, "; ");
      g_string_append (joined, e->text);
    }

  {
    g_autoptr(GArray) again = parse (joined->str);
    odan_fuzz_check (again != NULL && again->len == effects->len,
                     "'%s': the effects joined again ('%s') give %d effects instead of %u",
                     text, joined->str, again != NULL ? (int) again->len : -1, effects->len);
  }
  return 0;
}

/* test-effect.c — parsing effects and binding them to a pack (odan-effect.h)
 *
 * Table-driven in the manner of json-glib's tests/invalid.c: every invalid
 * text with the error it must give; then the valid forms field by field, and
 * odan_effects_resolve() against the example pack.
 */
#include <glib.h>

#include "odan-effect.h"
#include "odan-pack.h"

static const struct {
  const char *text;
  int         code;
  const char *message;
} invalid_effects[] = {
  { "explode p1", ODAN_EFFECT_ERROR_SYNTAX,
    "'explode p1': unknown effect 'explode' (expected set, restore, floor, buffer, strength, priority or units)" },
  { "set", ODAN_EFFECT_ERROR_SYNTAX,
    "'set': missing node (usage: set NODE VALUE [for DURATION])" },
  { "set p1", ODAN_EFFECT_ERROR_SYNTAX,
    "'set p1': missing value (usage: set NODE VALUE [for DURATION])" },
  { "set p1 zero", ODAN_EFFECT_ERROR_SYNTAX, "'set p1 zero': value 'zero' is not a number" },
  { "set p1 1.5", ODAN_EFFECT_ERROR_RANGE, "'set p1 1.5': value 1.5 is out of range [0, 1]" },
  { "set p1 -0.1", ODAN_EFFECT_ERROR_RANGE, "'set p1 -0.1': value -0.1 is out of range [0, 1]" },
  { "set p1 nan", ODAN_EFFECT_ERROR_SYNTAX, "'set p1 nan': value 'nan' is not a number" },
  { "set p1 0 for", ODAN_EFFECT_ERROR_SYNTAX,
    "'set p1 0 for': missing duration (usage: set NODE VALUE [for DURATION])" },
  { "set p1 0 for ever", ODAN_EFFECT_ERROR_SYNTAX,
    "'set p1 0 for ever': bad duration 'ever' (expected e.g. 90m, 6h, 1d6h30m or minutes such as 0.5)" },
  { "set p1 0 for -1h", ODAN_EFFECT_ERROR_RANGE, "'set p1 0 for -1h': negative duration '-1h'" },
  { "set p1 0 during 2h", ODAN_EFFECT_ERROR_SYNTAX,
    "'set p1 0 during 2h': unexpected 'during' (usage: set NODE VALUE [for DURATION])" },
  { "floor p1 0.5 for 2h now", ODAN_EFFECT_ERROR_SYNTAX,
    "'floor p1 0.5 for 2h now': unexpected 'now' (usage: floor NODE VALUE [for DURATION])" },
  { "restore", ODAN_EFFECT_ERROR_SYNTAX, "'restore': missing node (usage: restore NODE)" },
  { "restore p1 1", ODAN_EFFECT_ERROR_SYNTAX, "'restore p1 1': unexpected '1' (usage: restore NODE)" },
  { "set sector= 0", ODAN_EFFECT_ERROR_SYNTAX,
    "'set sector= 0': bad selector 'sector=' (expected sector=S, region=R or sector=S,region=R)" },
  { "set =power 0", ODAN_EFFECT_ERROR_SYNTAX,
    "'set =power 0': bad selector '=power' (expected sector=S, region=R or sector=S,region=R)" },
  { "set sector=power,kanto 0", ODAN_EFFECT_ERROR_SYNTAX,
    "'set sector=power,kanto 0': bad selector 'sector=power,kanto' (expected sector=S, region=R or sector=S,region=R)" },
  { "set city=tokyo 0", ODAN_EFFECT_ERROR_SYNTAX,
    "'set city=tokyo 0': unknown selector key 'city' (expected sector or region)" },
  { "set sector=a,sector=b 0", ODAN_EFFECT_ERROR_SYNTAX,
    "'set sector=a,sector=b 0': selector names sector twice" },
  { "priority p1->w1", ODAN_EFFECT_ERROR_SYNTAX,
    "'priority p1->w1': missing value (usage: priority PROVIDER->DEPENDENT N)" },
  { "priority p1->w1 high", ODAN_EFFECT_ERROR_SYNTAX, "'priority p1->w1 high': 'high' is not a whole number" },
  { "priority p1->w1 1000", ODAN_EFFECT_ERROR_RANGE, "'priority p1->w1 1000': 1000 is out of range [0, 999]" },
  { "units", ODAN_EFFECT_ERROR_SYNTAX, "'units': missing pool (usage: units POOL +N)" },
  { "units trucks", ODAN_EFFECT_ERROR_SYNTAX, "'units trucks': missing value (usage: units POOL +N)" },
  { "units trucks +0", ODAN_EFFECT_ERROR_RANGE, "'units trucks +0': 0 is out of range [1, 100000]" },
  { "units trucks -2", ODAN_EFFECT_ERROR_SYNTAX, "'units trucks -2': '-2' is not a whole number" },
  { "units trucks +2 now", ODAN_EFFECT_ERROR_SYNTAX, "'units trucks +2 now': unexpected 'now' (usage: units POOL +N)" },
  { "buffer", ODAN_EFFECT_ERROR_SYNTAX,
    "'buffer': missing edge (usage: buffer PROVIDER->DEPENDENT +DURATION)" },
  { "buffer p1 w1 +2h", ODAN_EFFECT_ERROR_SYNTAX, "'buffer p1 w1 +2h': expected an edge PROVIDER->DEPENDENT" },
  { "buffer ->w1 +2h", ODAN_EFFECT_ERROR_SYNTAX, "'buffer ->w1 +2h': expected an edge PROVIDER->DEPENDENT" },
  { "buffer p1->w1->h1 +2h", ODAN_EFFECT_ERROR_SYNTAX,
    "'buffer p1->w1->h1 +2h': expected an edge PROVIDER->DEPENDENT" },
  { "buffer p1->w1", ODAN_EFFECT_ERROR_SYNTAX,
    "'buffer p1->w1': missing duration (usage: buffer PROVIDER->DEPENDENT +DURATION)" },
  { "buffer p1->w1 +lots", ODAN_EFFECT_ERROR_SYNTAX,
    "'buffer p1->w1 +lots': bad duration 'lots' (expected e.g. 90m, 6h, 1d6h30m or minutes such as 0.5)" },
  { "buffer p1->w1 -2h", ODAN_EFFECT_ERROR_RANGE, "'buffer p1->w1 -2h': negative duration '-2h'" },
  { "buffer sector=power->w1 +2h", ODAN_EFFECT_ERROR_SYNTAX,
    "'buffer sector=power->w1 +2h': an edge is named by node ids, not selectors" },
  { "strength p1->w1", ODAN_EFFECT_ERROR_SYNTAX,
    "'strength p1->w1': missing factor (usage: strength PROVIDER->DEPENDENT *FACTOR)" },
  { "strength p1->w1 *2", ODAN_EFFECT_ERROR_RANGE, "'strength p1->w1 *2': factor 2 is out of range [0, 1]" },
  { "strength p1->w1 *half", ODAN_EFFECT_ERROR_SYNTAX, "'strength p1->w1 *half': factor 'half' is not a number" },
  { "strength p1->w1 *0.5 now", ODAN_EFFECT_ERROR_SYNTAX,
    "'strength p1->w1 *0.5 now': unexpected 'now' (usage: strength PROVIDER->DEPENDENT *FACTOR)" },
  /* the first bad effect of a list is reported */
  { "set p1 0; floor p1 2", ODAN_EFFECT_ERROR_RANGE, "'floor p1 2': value 2 is out of range [0, 1]" },
};

static void
test_invalid (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (invalid_effects); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GArray) effects = NULL;

      g_test_message ("effect '%s'", invalid_effects[i].text);
      effects = odan_effects_parse (invalid_effects[i].text, &error);
      g_assert_null (effects);
      g_assert_error (error, ODAN_EFFECT_ERROR, invalid_effects[i].code);
      g_assert_cmpstr (error->message, ==, invalid_effects[i].message);
    }
}

static GArray *
parse (const char *text)
{
  g_autoptr(GError) error = NULL;
  GArray *effects = odan_effects_parse (text, &error);

  g_assert_no_error (error);
  g_assert_nonnull (effects);
  return effects;
}

static void
test_valid (void)
{
  g_autoptr(GArray) effects = parse ("SET power.kanto 0 FOR 10h ; restore w1;"
                                     "floor sector=water,region=tokyo 0.5;"
                                     " buffer p1 -> w1 +1d6h ; strength p1->w1 *0.25;"
                                     "floor region=tama 1 for 90;"
                                     "buffer a->b 30m; strength a ->b 0;;");
  const OdanEffect *e;

  g_assert_cmpuint (effects->len, ==, 8);

  e = &g_array_index (effects, OdanEffect, 0);
  g_assert_cmpint (e->kind, ==, ODAN_EFFECT_SET);
  g_assert_cmpstr (e->text, ==, "SET power.kanto 0 FOR 10h");
  g_assert_cmpstr (e->node, ==, "power.kanto");
  g_assert_null (e->sector);
  g_assert_null (e->region);
  g_assert_cmpfloat (e->value, ==, 0.0);
  g_assert_cmpfloat (e->duration, ==, 600.0);

  e = &g_array_index (effects, OdanEffect, 1);
  g_assert_cmpint (e->kind, ==, ODAN_EFFECT_RESTORE);
  g_assert_cmpstr (e->node, ==, "w1");
  g_assert_cmpfloat (e->duration, <, 0.0);

  e = &g_array_index (effects, OdanEffect, 2);
  g_assert_cmpint (e->kind, ==, ODAN_EFFECT_FLOOR);
  g_assert_null (e->node);
  g_assert_cmpstr (e->sector, ==, "water");
  g_assert_cmpstr (e->region, ==, "tokyo");
  g_assert_cmpfloat (e->value, ==, 0.5);
  g_assert_cmpfloat (e->duration, <, 0.0);

  e = &g_array_index (effects, OdanEffect, 3);
  g_assert_cmpint (e->kind, ==, ODAN_EFFECT_BUFFER);
  g_assert_cmpstr (e->text, ==, "buffer p1 -> w1 +1d6h");
  g_assert_cmpstr (e->provider, ==, "p1");
  g_assert_cmpstr (e->dependent, ==, "w1");
  g_assert_cmpfloat (e->value, ==, 1800.0);

  e = &g_array_index (effects, OdanEffect, 4);
  g_assert_cmpint (e->kind, ==, ODAN_EFFECT_STRENGTH);
  g_assert_cmpfloat (e->value, ==, 0.25);

  e = &g_array_index (effects, OdanEffect, 5);
  g_assert_cmpstr (e->region, ==, "tama");
  g_assert_null (e->sector);
  g_assert_cmpfloat (e->duration, ==, 90.0);

  /* the '+' and '*' are optional */
  e = &g_array_index (effects, OdanEffect, 6);
  g_assert_cmpfloat (e->value, ==, 30.0);
  e = &g_array_index (effects, OdanEffect, 7);
  g_assert_cmpstr (e->provider, ==, "a");
  g_assert_cmpstr (e->dependent, ==, "b");
  g_assert_cmpfloat (e->value, ==, 0.0);
}

static void
test_empty (void)
{
  g_autoptr(GArray) none = parse ("");
  g_autoptr(GArray) blank = parse ("  ; ;\t");

  g_assert_cmpuint (none->len, ==, 0);
  g_assert_cmpuint (blank->len, ==, 0);
}

static OdanPack *
load_example (void)
{
  const char *scenarios = g_getenv ("ODAN_SCENARIOS");
  g_autofree char *dir = g_build_filename (scenarios != NULL ? scenarios : ODAN_SOURCE_SCENARIOS,
                                           "example", NULL);
  g_autoptr(GError) error = NULL;
  OdanPack *pack = odan_pack_load (dir, NULL, &error);

  g_assert_no_error (error);
  g_assert_nonnull (pack);
  return pack;
}

static void
test_resolve (void)
{
  g_autoptr(OdanPack) pack = load_example ();
  g_autoptr(GArray) effects = parse ("set power.kanto 0 for 10h;"
                                     "floor sector=telecom,region=tokyo-23 0.5;"
                                     "floor region=tama 0.2;"
                                     "restore sector=medical;"
                                     "floor sector=water,region=tama 1;"
                                     "buffer power.hospital-intake->hospital.disaster-base +1d;"
                                     "strength power.kanto->water.tokyo *0.5");
  g_autoptr(GError) error = NULL;
  guint n_empty = 99;
  const OdanEffect *e;
  guint32 kanto = odan_pack_find_node (pack, "power.kanto");
  guint32 water = odan_pack_find_node (pack, "water.tokyo");

  g_assert_true (odan_effects_resolve (effects, pack, &n_empty, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n_empty, ==, 1);

  e = &g_array_index (effects, OdanEffect, 0);
  g_assert_cmpuint (e->n_nodes, ==, 1);
  g_assert_cmpuint (e->nodes[0], ==, kanto);

  e = &g_array_index (effects, OdanEffect, 1);
  g_assert_cmpuint (e->n_nodes, ==, 2);
  g_assert_cmpuint (e->nodes[0], ==, odan_pack_find_node (pack, "telecom.exchange"));
  g_assert_cmpuint (e->nodes[1], ==, odan_pack_find_node (pack, "telecom.mobile"));

  /* every node of a region, ascending */
  e = &g_array_index (effects, OdanEffect, 2);
  g_assert_cmpuint (e->n_nodes, ==, 4);
  for (guint i = 0; i < e->n_nodes; i++)
    {
      g_assert_cmpstr (pack->regions[pack->nodes[e->nodes[i]].region], ==, "tama");
      if (i > 0)
        g_assert_cmpuint (e->nodes[i - 1], <, e->nodes[i]);
    }

  e = &g_array_index (effects, OdanEffect, 3);
  g_assert_cmpuint (e->n_nodes, ==, 2);

  /* water is in tokyo-23 only: an empty selector, not an error */
  e = &g_array_index (effects, OdanEffect, 4);
  g_assert_cmpuint (e->n_nodes, ==, 0);
  g_assert_null (e->nodes);

  e = &g_array_index (effects, OdanEffect, 5);
  g_assert_cmpuint (e->edge, !=, ODAN_NONE);
  g_assert_cmpuint (pack->edges[e->edge].provider, ==, odan_pack_find_node (pack, "power.hospital-intake"));
  g_assert_cmpuint (pack->edges[e->edge].dependent, ==, odan_pack_find_node (pack, "hospital.disaster-base"));

  e = &g_array_index (effects, OdanEffect, 6);
  g_assert_cmpuint (e->edge, ==, odan_pack_find_edge (pack, kanto, water));
  g_assert_cmpfloat (pack->edges[e->edge].strength, ==, 0.9);

  /* resolving again gives the same */
  g_assert_true (odan_effects_resolve (effects, pack, &n_empty, &error));
  g_assert_cmpuint (n_empty, ==, 1);
}

static void
test_resolve_errors (void)
{
  g_autoptr(OdanPack) pack = load_example ();
  static const struct {
    const char *text;
    int         code;
    const char *message;
  } cases[] = {
    { "set power.tohoku 0", ODAN_EFFECT_ERROR_UNKNOWN_NODE, "'set power.tohoku 0': unknown node 'power.tohoku'" },
    { "buffer power.kanto->nowhere +1h", ODAN_EFFECT_ERROR_UNKNOWN_NODE,
      "'buffer power.kanto->nowhere +1h': unknown node 'nowhere'" },
    { "strength water.tokyo->power.kanto *0.5", ODAN_EFFECT_ERROR_UNKNOWN_EDGE,
      "'strength water.tokyo->power.kanto *0.5': there is no dependency water.tokyo->power.kanto" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GArray) effects = parse (cases[i].text);
      g_autoptr(GError) error = NULL;

      g_assert_false (odan_effects_resolve (effects, pack, NULL, &error));
      g_assert_error (error, ODAN_EFFECT_ERROR, cases[i].code);
      g_assert_cmpstr (error->message, ==, cases[i].message);
    }
}

/* The keywords are the nicks of OdanEffectKind, in any case. */
static void
test_keywords (void)
{
  static const struct { const char *text; OdanEffectKind kind; } cases[] = {
    { "set a 0", ODAN_EFFECT_SET }, { "SET a 0", ODAN_EFFECT_SET },
    { "Floor a 0.5", ODAN_EFFECT_FLOOR }, { "restore a", ODAN_EFFECT_RESTORE },
    { "buffer a->b +1h", ODAN_EFFECT_BUFFER }, { "STRENGTH a->b *0.5", ODAN_EFFECT_STRENGTH },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GArray) effects = odan_effects_parse (cases[i].text, &error);

      g_assert_no_error (error);
      g_assert_cmpuint (effects->len, ==, 1);
      g_assert_cmpint (g_array_index (effects, OdanEffect, 0).kind, ==, cases[i].kind);
    }
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(GArray) effects = odan_effects_parse ("sets a 0", &error);

    g_assert_null (effects);
    g_assert_error (error, ODAN_EFFECT_ERROR, ODAN_EFFECT_ERROR_SYNTAX);
  }
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/data/effect/invalid", test_invalid);
  g_test_add_func ("/data/effect/keywords", test_keywords);
  g_test_add_func ("/data/effect/valid", test_valid);
  g_test_add_func ("/data/effect/empty", test_empty);
  g_test_add_func ("/data/effect/resolve", test_resolve);
  g_test_add_func ("/data/effect/resolve-errors", test_resolve_errors);

  return g_test_run ();
}

/* test-preview.c — the scenario run without decisions, and injects checked against it */
#include <glib.h>
#include <string.h>

#include "odan-preview.h"

static OdanPack *
load_example (void)
{
  g_autofree char *path = g_build_filename (g_getenv ("ODAN_SCENARIOS"), "example", NULL);
  g_autoptr(GError) error = NULL;
  OdanPack *pack = odan_pack_load (path, NULL, &error);

  g_assert_no_error (error);
  return pack;
}

static guint32
sector (const OdanPack *pack, const char *id)
{
  for (guint32 s = 0; s < pack->n_sectors; s++)
    if (strcmp (pack->sectors[s].id, id) == 0)
      return s;
  g_assert_not_reached ();
}

static const OdanPreviewMention *
mention (const OdanPreviewInject *pi, guint32 s)
{
  for (guint k = 0; k < pi->n_mentions; k++)
    if (pi->mentions[k].sector == s)
      return &pi->mentions[k];
  return NULL;
}

static void
test_sectors (void)
{
  g_autoptr(OdanPack) pack = load_example ();
  g_autoptr(OdanPreview) p = odan_preview_run (pack, -1);
  const OdanPreviewSector *water = &p->sectors[sector (pack, "water")];
  const OdanPreviewSector *power = &p->sectors[sector (pack, "power")];

  g_assert_cmpfloat (p->until, ==, pack->duration);
  /* the worked example: water holds 6 h on its buffer, then drops to 0.1 until 11 h */
  g_assert_cmpfloat (water->first_degraded, ==, 360);
  g_assert_cmpuint (water->n_spans, ==, 1);
  g_assert_cmpfloat (water->spans[0].start, ==, 360);
  g_assert_cmpfloat (water->spans[0].end, ==, 660);
  g_assert_cmpfloat (water->worst_time, ==, 360);
  g_assert_cmpfloat_with_epsilon (water->worst_level, 0.1, 1e-12);
  g_assert_cmpfloat (power->first_degraded, ==, 0);
  g_assert_cmpfloat (power->worst_level, ==, 0.0);
}

static void
test_injects (void)
{
  g_autoptr(OdanPack) pack = load_example ();
  g_autoptr(OdanPreview) p = NULL;
  guint32 inj01 = odan_pack_find_inject (pack, "INJ-01");
  guint32 inj05 = odan_pack_find_inject (pack, "INJ-05");
  const OdanPreviewMention *m;

  /* an inject that announces a water outage an hour in, before the model has one */
  pack->injects[inj05].time = 60;
  pack->injects[inj05].body = "配水池の水位が低下し、一部地域で断水が始まった。";
  p = odan_preview_run (pack, -1);

  m = mention (&p->injects[inj01], sector (pack, "power"));
  g_assert_nonnull (m);
  g_assert_true (m->by_effect);
  g_assert_cmpint (m->timing, ==, ODAN_PREVIEW_TIMING_OK);
  g_assert_false (p->injects[inj01].flagged);

  m = mention (&p->injects[inj05], sector (pack, "water"));
  g_assert_nonnull (m);
  g_assert_true (m->by_keyword);
  g_assert_true (m->outage);
  g_assert_cmpstr (m->keyword, ==, "断水");
  g_assert_cmpint (m->timing, ==, ODAN_PREVIEW_TIMING_EARLY);
  g_assert_cmpfloat (m->reference, ==, 360);
  g_assert_true (p->injects[inj05].flagged);
  g_clear_pointer (&p, odan_preview_free);

  /* during the outage: fine; a day after recovery: a note */
  pack->injects[inj05].time = 400;
  p = odan_preview_run (pack, -1);
  m = mention (&p->injects[inj05], sector (pack, "water"));
  g_assert_cmpint (m->timing, ==, ODAN_PREVIEW_TIMING_OK);
  g_clear_pointer (&p, odan_preview_free);

  pack->injects[inj05].time = 660 + 1440;
  p = odan_preview_run (pack, -1);
  m = mention (&p->injects[inj05], sector (pack, "water"));
  g_assert_cmpint (m->timing, ==, ODAN_PREVIEW_TIMING_LATE);
  g_assert_cmpfloat (m->reference, ==, 660);
  g_assert_true (p->injects[inj05].noted);
  g_clear_pointer (&p, odan_preview_free);

  /* speaking of recovery is not announcing an outage */
  pack->injects[inj05].time = 60;
  pack->injects[inj05].body = "Water supply restored after the outage in the west.";
  pack->injects[inj05].body_ja = NULL;   /* its twin speaks of the outage to come */
  p = odan_preview_run (pack, -1);
  m = mention (&p->injects[inj05], sector (pack, "water"));
  g_assert_nonnull (m);
  g_assert_false (m->outage);
  g_assert_cmpint (m->timing, ==, ODAN_PREVIEW_TIMING_NONE);
}

static void
test_words (void)
{
  g_autoptr(OdanPack) pack = load_example ();
  g_autoptr(OdanPreview) p = NULL;
  guint32 inj08 = odan_pack_find_inject (pack, "INJ-08");
  const OdanPreviewInject *pi;

  /* ASCII words stand alone: "gasoline" is petroleum, "ATMs" finance, "empowered" nothing */
  pack->injects[inj08].title = "Team empowered to buy gasoline";
  pack->injects[inj08].title_ja = NULL;
  pack->injects[inj08].body = "ATMs are down across the ward.";
  p = odan_preview_run (pack, -1);
  pi = &p->injects[inj08];
  g_assert_nonnull (mention (pi, sector (pack, "petroleum")));
  g_assert_nonnull (mention (pi, sector (pack, "finance")));
  g_assert_true (mention (pi, sector (pack, "finance"))->outage);
  g_assert_null (mention (pi, sector (pack, "power")));
}

/* SEMANTICS.md §12: a pack with uncertain values gets each sector's band;
 * one without gets none. The grid's band at 03:00 on the 7th spans the
 * recorded point drawn ±1 h: some runs are still below 0.33, none above. */
static void
test_bands (void)
{
  g_autoptr(OdanPack) example = load_example ();
  g_autoptr(OdanPreview) none = odan_preview_run (example, -1);
  g_autofree char *path = g_build_filename (g_getenv ("ODAN_SCENARIOS"), "hokkaido-2018", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(OdanPack) pack = odan_pack_load (path, NULL, &error);
  g_autoptr(OdanPreview) p = NULL;
  g_autoptr(GArray) power = NULL;
  gint32 at[3] = { -1, -1, -1 };

  g_assert_null (none->bands);
  g_assert_no_error (error);
  p = odan_preview_run (pack, -1);
  g_assert_nonnull (p->bands);
  g_assert_cmpuint (p->bands->n_runs, ==, ODAN_PREVIEW_RUNS);
  power = odan_runs_dup_node (p->bands, sector (pack, "power"));
  g_assert_cmpuint (power->len, >, 10);
  /* the row in force at 9/7 03:00 (T+23h53m = 1433 min) */
  for (guint i = 0; i < power->len; i++)
    if (g_array_index (power, OdanBandRow, i).minute <= 1433000)
      memcpy (at, g_array_index (power, OdanBandRow, i).p, sizeof at);
  g_assert_cmpint (at[0], <, at[2]);
  g_assert_cmpint (at[2], <=, 3300 + 50);   /* the sector mean includes Tomato-Atsuma at 0 */
  for (guint i = 0; i < power->len; i++)
    {
      const OdanBandRow *row = &g_array_index (power, OdanBandRow, i);
      g_assert_cmpint (row->p[0], <=, row->p[1]);
      g_assert_cmpint (row->p[1], <=, row->p[2]);
    }
}

/* Issue 16: the December exercise's injects announce nothing earlier than
 * the Kanto model has it, and the pack's own uncertainty.csv gives the
 * preview its bands. */
static void
test_kanto (void)
{
  g_autofree char *path = g_build_filename (g_getenv ("ODAN_SCENARIOS"), "kanto", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(OdanPack) pack = odan_pack_load (path, NULL, &error);
  g_autoptr(OdanPreview) p = NULL;
  guint flagged = 0;

  g_assert_no_error (error);
  p = odan_preview_run (pack, -1);
  for (guint32 i = 0; i < p->n_injects; i++)
    if (p->injects[i].flagged)
      {
        g_test_message ("%s is flagged", pack->injects[p->injects[i].inject].id);
        flagged++;
      }
  g_assert_cmpuint (flagged, ==, 0);
  g_assert_nonnull (p->bands);
  g_assert_cmpuint (p->bands->n_runs, ==, ODAN_PREVIEW_RUNS);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/data/preview/sectors", test_sectors);
  g_test_add_func ("/data/preview/injects", test_injects);
  g_test_add_func ("/data/preview/words", test_words);
  g_test_add_func ("/data/preview/bands", test_bands);
  g_test_add_func ("/data/preview/kanto", test_kanto);
  return g_test_run ();
}

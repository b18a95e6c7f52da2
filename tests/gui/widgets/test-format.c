/* test-format.c — how odan writes durations, channels and Japanese phrases
 * for people (app/gui/widgets/odan-format.c); no display needed. The
 * program runs untranslated: the English words are the msgids. */
#include <glib.h>

#include <string.h>

#include "odan-format.h"

static void
test_duration (void)
{
  const struct { double minutes; const char *text; } cases[] = {
    { 0, "0 min" }, { 30, "30 min" }, { 65, "1 h 05 min" }, { 360, "6 h" },
    { 4260, "2 d 23 h" }, { 2880, "2 d" }, { 4261.4, "2 d 23 h" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *text = odan_format_duration (cases[i].minutes);

      g_assert_cmpstr (text, ==, cases[i].text);
    }
}

static void
test_channel (void)
{
  const struct { const char *in, *out; } cases[] = {
    { "電話", "phone" }, { "メール", "e-mail" }, { "電話・FAX", "phone, FAX" },
    { "メール;電話", "e-mail, phone" }, { "Phone", "Phone" }, { "TV会議", "video conference" },
    { "伝書鳩", "伝書鳩" }, { "", "" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *text = odan_format_channel (cases[i].in);

      g_assert_cmpstr (text, ==, cases[i].out);
    }
}

/* The phrases of @text, joined with '|' between them and ' ' elsewhere. */
static char *
phrases (const char *text)
{
  g_autoptr(GArray) ranges = odan_format_ja_phrases (text);
  g_autoptr(GString) out = g_string_new (NULL);

  if (ranges == NULL)
    return NULL;
  for (guint i = 0; i + 1 < ranges->len; i += 2)
    {
      if (i > 0)
        g_string_append_c (out, '|');
      g_string_append_len (out, text + g_array_index (ranges, int, i),
                           g_array_index (ranges, int, i + 1) - g_array_index (ranges, int, i));
    }
  return g_string_free (g_steal_pointer (&out), FALSE);
}

static void
test_ja_phrases (void)
{
  const struct { const char *in, *out; } cases[] = {
    { "ノードが選ばれていません", "ノードが|選ばれていません" },
    { "京葉地区のプラントが緊急停止した。", "京葉地区の|プラントが|緊急停止した。" },
    { "東京23区", "東京23区" },
    { "水道（東京23区）", "水道|（東京23区）" },
    { "K電力 業務系端末", "K電力|業務系端末" },
  };
  g_autofree char *english = phrases ("No Node Selected");

  g_assert_null (english);
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *text = phrases (cases[i].in);

      g_assert_cmpstr (text, ==, cases[i].out);
    }
}

/* The model's syntax in words, with the pack's names; what does not parse
 * stays as written. */
static void
test_effects (void)
{
  g_autofree char *dir = g_build_filename (g_getenv ("ODAN_SCENARIOS"), "example", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(OdanPack) pack = odan_pack_load (dir, NULL, &error);
  const struct { const char *in, *out; } cases[] = {
    { "set power.kanto 0 for 10h", "Electricity supply (Kanto area) at 0 % for 10 h" },
    { "floor hospital.disaster-base 0.9 for 2d", "Disaster base hospital (Tama) at 90 % or more for 2 d" },
    { "restore power.kanto; set sector=water 0.5", "Electricity supply (Kanto area) restored; Water supply at 50 %" },
    { "set region=tama 0", "everything in tama at 0 %" },
    { "set power.kanto zero", "set power.kanto zero" },
    { "priority power.kanto->telecom.exchange 5",
      "Telephone exchange building's deliveries for Electricity supply (Kanto area): priority 5" },
    { "units tank-trucks +4", "tank-trucks: 4 more" },
  };

  g_assert_no_error (error);
  g_assert_nonnull (pack);
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *text = odan_format_effects (pack, cases[i].in);

      g_assert_cmpstr (text, ==, cases[i].out);
    }
}

/* A layout's attributes keep 東京 whole, as a label's do; none for English. */
static void
test_phrase_attributes (void)
{
  const char *text = "浄水場・主要ポンプ所（東京23区）";
  const char *tokyo = strstr (text, "東京");
  g_autoptr(PangoAttrList) none = odan_format_phrase_attributes ("Water supply, Tokyo 23 wards");
  g_autoptr(PangoAttrList) attributes = odan_format_phrase_attributes (text);
  g_autoptr(GSList) list = NULL;
  gboolean kept = FALSE;

  g_assert_null (none);
  g_assert_nonnull (attributes);
  list = pango_attr_list_get_attributes (attributes);
  for (GSList *l = list; l != NULL; l = l->next)
    {
      PangoAttribute *a = l->data;

      kept |= a->klass->type == PANGO_ATTR_ALLOW_BREAKS && !((PangoAttrInt *) a)->value &&
              a->start_index <= (guint) (tokyo - text) && a->end_index >= (guint) (tokyo - text + strlen ("東京"));
    }
  g_slist_free_full (g_steal_pointer (&list), (GDestroyNotify) pango_attribute_destroy);
  g_assert_true (kept);
}

/* An explanation keeps its words and loses the syntax it quotes. */
static void
test_explanation (void)
{
  g_autofree char *dir = g_build_filename (g_getenv ("ODAN_SCENARIOS"), "example", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(OdanPack) pack = odan_pack_load (dir, NULL, &error);
  const char *in = "water.tokyo at 40% since T+6h\n"
                   "  ← power.kanto at 0% since T+0: set by inject INJ-01 “Blackout” (set power.kanto 0 for 10h)\n"
                   "  (a note in brackets stays)";
  g_autofree char *out = NULL;

  g_assert_no_error (error);
  out = odan_format_explanation (pack, in);
  g_assert_cmpstr (out, ==, "water.tokyo at 40% since T+6h\n"
                            "  ← power.kanto at 0% since T+0: set by inject INJ-01 “Blackout” "
                            "(Electricity supply (Kanto area) at 0 % for 10 h)\n"
                            "  (a note in brackets stays)");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/ui/format/duration", test_duration);
  g_test_add_func ("/ui/format/channel", test_channel);
  g_test_add_func ("/ui/format/ja-phrases", test_ja_phrases);
  g_test_add_func ("/ui/format/effects", test_effects);
  g_test_add_func ("/ui/format/explanation", test_explanation);
  g_test_add_func ("/ui/format/phrase-attributes", test_phrase_attributes);
  return g_test_run ();
}

/* test-pack-writer.c — every shipped pack written back loads as the same pack
 *
 * Load → write to a temporary folder → load again → compare every field of
 * every table; writing the reloaded pack again gives the same bytes.
 */
#include <glib.h>
#include <glib/gstdio.h>
#include <string.h>

#include "odan-pack.h"
#include "odan-pack-writer.h"
#include "odan-xlsx.h"
#include "odan-test-files.h"
#include "odan-test-packs.h"

static OdanPack *
load (const char *path)
{
  g_autoptr(GPtrArray) diags = g_ptr_array_new_with_free_func ((GDestroyNotify) odan_diagnostic_free);
  g_autoptr(GError) error = NULL;
  OdanPack *pack = odan_pack_load (path, diags, &error);

  for (guint i = 0; i < diags->len; i++)
    {
      g_autofree char *line = odan_diagnostic_format (g_ptr_array_index (diags, i));
      g_test_message ("%s", line);
    }
  g_assert_no_error (error);
  g_assert_nonnull (pack);
  return pack;
}

static void
assert_extra_equal (char **a, char **b, guint n)
{
  for (guint i = 0; i < n; i++)
    g_assert_cmpstr (a ? a[i] : NULL, ==, b ? b[i] : NULL);
}

static void
assert_effects_equal (const GArray *a, const GArray *b)
{
  g_assert_cmpuint (a ? a->len : 0, ==, b ? b->len : 0);
  for (guint i = 0; a != NULL && i < a->len; i++)
    {
      const OdanEffect *x = &g_array_index (a, OdanEffect, i);
      const OdanEffect *y = &g_array_index (b, OdanEffect, i);
      g_assert_cmpint (x->kind, ==, y->kind);
      g_assert_cmpfloat (x->value, ==, y->value);
      g_assert_cmpfloat (x->duration, ==, y->duration);
      g_assert_cmpuint (x->n_nodes, ==, y->n_nodes);
      g_assert_cmpuint (x->edge, ==, y->edge);
    }
}

static void
assert_packs_equal (const OdanPack *a, const OdanPack *b)
{
  g_assert_cmpstr (a->id, ==, b->id);
  g_assert_cmpstr (a->title, ==, b->title);
  g_assert_cmpstr (a->title_ja, ==, b->title_ja);
  g_assert_cmpstr (a->description, ==, b->description);
  g_assert_cmpstr (a->description_ja, ==, b->description_ja);
  g_assert_cmpstr (a->mission_area, ==, b->mission_area);
  g_assert_cmpstr (a->mission_area_ja, ==, b->mission_area_ja);
  g_assert_cmpstr (a->threat_hazard, ==, b->threat_hazard);
  g_assert_cmpstr (a->threat_hazard_ja, ==, b->threat_hazard_ja);
  g_assert_cmpstr (a->sponsor, ==, b->sponsor);
  g_assert_cmpstr (a->sponsor_ja, ==, b->sponsor_ja);
  g_assert_cmpstr (a->poc, ==, b->poc);
  g_assert_cmpstr (a->poc_ja, ==, b->poc_ja);
  g_assert_cmpint (a->team_view_model, ==, b->team_view_model);
  g_assert_true (g_date_time_equal (a->start, b->start));
  g_assert_cmpfloat (a->duration, ==, b->duration);

  g_assert_cmpuint (a->n_sectors, ==, b->n_sectors);
  for (guint i = 0; i < a->n_sectors; i++)
    {
      g_assert_cmpstr (a->sectors[i].id, ==, b->sectors[i].id);
      g_assert_cmpstr (a->sectors[i].name, ==, b->sectors[i].name);
      g_assert_cmpstr (a->sectors[i].name_ja, ==, b->sectors[i].name_ja);
      g_assert_cmpstr (a->sectors[i].ministry, ==, b->sectors[i].ministry);
      assert_extra_equal (a->sectors[i].extra, b->sectors[i].extra, a->sector_extra.n_columns);
    }
  g_assert_cmpuint (a->n_nodes, ==, b->n_nodes);
  for (guint i = 0; i < a->n_nodes; i++)
    {
      const OdanNode *x = &a->nodes[i], *y = &b->nodes[i];
      g_assert_cmpstr (x->id, ==, y->id);
      g_assert_cmpuint (x->sector, ==, y->sector);
      g_assert_cmpuint (x->region, ==, y->region);
      g_assert_cmpstr (x->name, ==, y->name);
      g_assert_cmpstr (x->name_ja, ==, y->name_ja);
      g_assert_cmpuint (x->team, ==, y->team);
      g_assert_cmpstr (x->notes, ==, y->notes);
      assert_extra_equal (x->extra, y->extra, a->node_extra.n_columns);
    }
  g_assert_cmpuint (a->n_edges, ==, b->n_edges);
  for (guint i = 0; i < a->n_edges; i++)
    {
      const OdanEdge *x = &a->edges[i], *y = &b->edges[i];
      g_assert_cmpuint (x->provider, ==, y->provider);
      g_assert_cmpuint (x->dependent, ==, y->dependent);
      g_assert_cmpuint (x->group, ==, y->group);
      g_assert_cmpint (x->type, ==, y->type);
      g_assert_cmpfloat (x->strength, ==, y->strength);
      g_assert_cmpfloat (x->buffer, ==, y->buffer);
      g_assert_cmpfloat (x->lag, ==, y->lag);
      g_assert_cmpfloat (x->restart, ==, y->restart);
      g_assert_cmpfloat (x->coverage, ==, y->coverage);
      g_assert_cmpstr (x->source, ==, y->source);
      if (a->edge_extra.n_columns > 0)
        assert_extra_equal ((char **) odan_pack_edge_extra (a, i), (char **) odan_pack_edge_extra (b, i),
                            a->edge_extra.n_columns);
    }
  g_assert_cmpuint (a->n_teams, ==, b->n_teams);
  for (guint i = 0; i < a->n_teams; i++)
    {
      const OdanTeam *x = &a->teams[i], *y = &b->teams[i];
      g_assert_cmpstr (x->id, ==, y->id);
      g_assert_cmpstr (x->name, ==, y->name);
      g_assert_cmpstr (x->name_ja, ==, y->name_ja);
      g_assert_cmpuint (x->sector, ==, y->sector);
      g_assert_cmpstr (x->ceptoar, ==, y->ceptoar);
      g_assert_cmpstr (x->contact, ==, y->contact);
      g_assert_cmpstr (x->role, ==, y->role);
      g_assert_cmpuint (x->member_of, ==, y->member_of);
      assert_extra_equal (x->extra, y->extra, a->team_extra.n_columns);
    }
  odan_test_assert_injects_equal (a, b);
  for (guint i = 0; i < a->n_injects; i++)
    assert_effects_equal (a->injects[i].effects, b->injects[i].effects);
  g_assert_cmpuint (a->n_mitigations, ==, b->n_mitigations);
  for (guint i = 0; i < a->n_mitigations; i++)
    {
      const OdanMitigation *x = &a->mitigations[i], *y = &b->mitigations[i];
      g_assert_cmpstr (x->id, ==, y->id);
      g_assert_cmpstr (x->label, ==, y->label);
      g_assert_cmpstr (x->label_ja, ==, y->label_ja);
      g_assert_cmpuint (x->team, ==, y->team);
      g_assert_cmpfloat (x->delay, ==, y->delay);
      g_assert_cmpstr (x->effect_text, ==, y->effect_text);
      assert_effects_equal (x->effects, y->effects);
      g_assert_cmpuint (x->pool, ==, y->pool);
      g_assert_cmpuint (x->uses, ==, y->uses);
      assert_extra_equal (x->extra, y->extra, a->mitigation_extra.n_columns);
    }
  g_assert_cmpuint (a->n_pools, ==, b->n_pools);
  for (guint i = 0; i < a->n_pools; i++)
    {
      g_assert_cmpstr (a->pools[i].id, ==, b->pools[i].id);
      g_assert_cmpstr (a->pools[i].name, ==, b->pools[i].name);
      g_assert_cmpstr (a->pools[i].name_ja, ==, b->pools[i].name_ja);
      g_assert_cmpuint (a->pools[i].capacity, ==, b->pools[i].capacity);
      assert_extra_equal (a->pools[i].extra, b->pools[i].extra, a->pool_extra.n_columns);
    }

  /* the same columns in the same order, file by file */
  for (guint t = 0; t < ODAN_PACK_N_TABLES; t++)
    {
      g_auto(GStrv) ca = odan_pack_table_columns (a, t);
      g_auto(GStrv) cb = odan_pack_table_columns (b, t);
      g_assert_true (g_strv_equal ((const char *const *) ca, (const char *const *) cb));
    }
}

static GBytes *
read_bytes (const char *dir, const char *name)
{
  g_autofree char *path = g_build_filename (dir, name, NULL);
  char *contents = NULL;
  gsize len = 0;

  if (!g_file_get_contents (path, &contents, &len, NULL))
    return NULL;
  return g_bytes_new_take (contents, len);
}

static void
test_round_trip (gconstpointer data)
{
  const char *source = data;
  g_autoptr(GError) error = NULL;
  g_autofree char *tmp = g_dir_make_tmp ("odan-writer-XXXXXX", &error);
  g_autofree char *first = g_build_filename (tmp, "first", NULL);
  g_autofree char *second = g_build_filename (tmp, "second", NULL);
  g_autoptr(OdanPack) original = load (source);
  g_autoptr(OdanPack) reloaded = NULL;
  g_autoptr(OdanPack) again = NULL;

  g_assert_no_error (error);
  g_assert_true (odan_pack_write (original, first, &error));
  g_assert_no_error (error);
  reloaded = load (first);
  assert_packs_equal (original, reloaded);

  g_assert_true (odan_pack_write (reloaded, second, &error));
  g_assert_no_error (error);
  again = load (second);
  assert_packs_equal (original, again);

  for (guint t = 0; t < ODAN_PACK_N_TABLES; t++)
    {
      g_autoptr(GBytes) a = read_bytes (first, odan_pack_table_file (t));
      g_autoptr(GBytes) b = read_bytes (second, odan_pack_table_file (t));
      g_autoptr(GBytes) src = read_bytes (source, odan_pack_table_file (t));

      /* a file the pack had is written, one it had not stays absent */
      g_assert_true ((a != NULL) == (src != NULL));
      if (a == NULL)
        continue;
      g_assert_true (g_bytes_equal (a, b));
      /* Excel's CSV: BOM, CRLF */
      g_assert_cmpmem (g_bytes_get_data (a, NULL), 3, "\xEF\xBB\xBF", 3);
      g_assert_nonnull (g_strstr_len (g_bytes_get_data (a, NULL), (gssize) g_bytes_get_size (a), "\r\n"));
    }
  /* scenario.ini untouched, and the pack's other files along */
  {
    g_autoptr(GBytes) a = read_bytes (source, "scenario.ini");
    g_autoptr(GBytes) b = read_bytes (first, "scenario.ini");
    g_autoptr(GDir) d = g_dir_open (source, 0, NULL);
    const char *name;

    g_assert_true (g_bytes_equal (a, b));
    while ((name = g_dir_read_name (d)) != NULL)
      {
        g_autofree char *copy = g_build_filename (first, name, NULL);
        g_assert_true (g_file_test (copy, G_FILE_TEST_IS_REGULAR));
      }
  }

  g_assert_true (odan_test_remove_tree (first));
  g_assert_true (odan_test_remove_tree (second));
  g_rmdir (tmp);
}

/* A pack held in memory has no folder: scenario.ini is written from its fields. */
static void
test_scenario_ini_from_fields (void)
{
  g_autofree char *example = g_build_filename (g_getenv ("ODAN_SCENARIOS"), "example", NULL);
  g_autoptr(OdanPack) pack = load (example);
  g_autoptr(GHashTable) files = g_hash_table_new_full (g_str_hash, g_str_equal, NULL,
                                                       (GDestroyNotify) g_bytes_unref);
  g_autoptr(OdanPack) copy = NULL;
  g_autoptr(GBytes) ini = NULL;

  g_free (pack->path);
  pack->path = g_strdup ("/nonexistent/pack");
  ini = odan_pack_scenario_ini (pack);
  g_hash_table_insert (files, "scenario.ini", g_bytes_ref (ini));
  for (guint t = 0; t < ODAN_PACK_N_TABLES; t++)
    {
      GBytes *csv = odan_pack_table_to_csv (pack, t);
      if (csv != NULL)
        g_hash_table_insert (files, (gpointer) odan_pack_table_file (t), csv);
    }
  copy = odan_pack_load_from_files ("memory", files, NULL, NULL);
  g_assert_nonnull (copy);
  assert_packs_equal (pack, copy);
}

static void
test_durations (void)
{
  static const struct { double m; const char *text; } cases[] = {
    { 45, "45m" }, { 60, "1h" }, { 90, "1h30m" }, { 1440, "1d" }, { 2250, "1d13h30m" }, { 0.5, "0.5" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *text = odan_pack_format_duration (cases[i].m);
      g_assert_cmpstr (text, ==, cases[i].text);
    }
}

static gboolean
collect_row (const OdanCsvRow *row,
             gpointer          user_data,
             GError          **error)
{
  GPtrArray *cells = g_ptr_array_new ();

  for (guint i = 0; i < row->n_fields; i++)
    g_ptr_array_add (cells, g_strndup (row->fields[i], row->lengths[i]));
  /* a workbook drops the empty cells at a row's end; so does the comparison */
  while (cells->len > 0 && ((char *) g_ptr_array_index (cells, cells->len - 1))[0] == '\0')
    g_free (g_ptr_array_steal_index (cells, cells->len - 1));
  g_ptr_array_add (cells, NULL);
  g_ptr_array_add (user_data, g_strjoinv ("\x1f", (char **) cells->pdata));
  g_strfreev ((char **) g_ptr_array_free (cells, FALSE));
  return TRUE;
}

/* The pack as one workbook: each sheet holds what its CSV file holds */
static void
test_xlsx (void)
{
  g_autofree char *source = g_build_filename (g_getenv ("ODAN_SCENARIOS"), "ceptoar-drill", NULL);
  g_autoptr(OdanPack) pack = load (source);
  g_autofree char *dir = g_dir_make_tmp ("odan-writer-xlsx-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "pack.xlsx", NULL);
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) sheets = NULL;
  guint n_tables = 0;

  g_assert_true (odan_pack_write_xlsx (pack, path, &error));
  g_assert_no_error (error);
  sheets = odan_xlsx_list_sheets (path, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (sheets[0], ==, "scenario.ini");
  for (guint t = 0; t < ODAN_PACK_N_TABLES; t++)
    {
      g_autoptr(GBytes) csv = odan_pack_table_to_csv (pack, t);
      g_autoptr(GPtrArray) expected = g_ptr_array_new_with_free_func (g_free);
      g_autoptr(GPtrArray) got = g_ptr_array_new_with_free_func (g_free);
      gsize len;
      const char *data;

      if (csv == NULL)
        continue;
      n_tables++;
      g_assert_cmpstr (sheets[n_tables], ==, odan_pack_table_file (t));
      data = g_bytes_get_data (csv, &len);
      g_assert_true (odan_csv_read_data ("csv", data, len, collect_row, expected, NULL, &error));
      g_assert_true (odan_xlsx_read_sheet (path, odan_pack_table_file (t), collect_row, got, &error));
      g_assert_no_error (error);
      g_assert_cmpuint (got->len, ==, expected->len);
      for (guint r = 0; r < got->len; r++)
        g_assert_cmpstr (g_ptr_array_index (got, r), ==, g_ptr_array_index (expected, r));
    }
  g_assert_cmpuint (n_tables, >=, 5);
  /* the drill's own tables follow, by name */
  g_assert_true (g_strv_contains ((const char *const *) sheets, "deadlines.csv"));
  g_assert_true (g_strv_contains ((const char *const *) sheets, "relay.csv"));
  {
    g_autoptr(GPtrArray) ini = g_ptr_array_new_with_free_func (g_free);
    g_autofree char *id_row = g_strdup_printf ("scenario\x1fid\x1f%s", pack->id);

    g_assert_true (odan_xlsx_read_sheet (path, "scenario.ini", collect_row, ini, &error));
    g_assert_cmpstr (g_ptr_array_index (ini, 0), ==, "section\x1fkey\x1fvalue");
    g_assert_true (g_ptr_array_find_with_equal_func (ini, id_row, g_str_equal, NULL));
  }
  odan_test_remove_tree (dir);
}

int
main (int argc, char **argv)
{
  const char *scenarios = g_getenv ("ODAN_SCENARIOS");
  g_autoptr(GPtrArray) packs = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GDir) dir = NULL;
  const char *name;

  g_test_init (&argc, &argv, NULL);
  g_assert_nonnull (scenarios);
  dir = g_dir_open (scenarios, 0, NULL);
  g_assert_nonnull (dir);
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (scenarios, name, NULL);
      g_autofree char *ini = g_build_filename (path, "scenario.ini", NULL);

      if (g_file_test (ini, G_FILE_TEST_IS_REGULAR))
        g_ptr_array_add (packs, g_strdup (name));
    }
  g_ptr_array_sort (packs, (GCompareFunc) g_strcmp0);
  g_assert_cmpuint (packs->len, >=, 5);
  for (guint i = 0, n = packs->len; i < n; i++)
    {
      const char *pack = g_ptr_array_index (packs, i);
      g_autofree char *test = g_strdup_printf ("/data/pack-writer/round-trip/%s", pack);
      char *path = g_build_filename (scenarios, pack, NULL);

      g_ptr_array_add (packs, path);   /* the array keeps the path alive */
      g_test_add_data_func (test, path, test_round_trip);
    }
  /* a CP932 pack with CRLF comes back as UTF-8 with BOM */
  {
    char *cp932 = g_test_build_filename (G_TEST_DIST, "model", "packs", "cp932", NULL);
    g_ptr_array_add (packs, cp932);
    g_test_add_data_func ("/data/pack-writer/round-trip/cp932", cp932, test_round_trip);
  }
  g_test_add_func ("/data/pack-writer/scenario-ini", test_scenario_ini_from_fields);
  g_test_add_func ("/data/pack-writer/durations", test_durations);
  g_test_add_func ("/data/pack-writer/xlsx", test_xlsx);
  return g_test_run ();
}

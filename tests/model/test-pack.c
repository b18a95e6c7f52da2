/* test-pack.c — loading and validating scenario packs (odan-pack.h)
 *
 * The example pack loads with no diagnostic and holds the spec's worked
 * example; each broken pack under tests/model/packs/ gives exactly the
 * listed problems, all in one pass, and no pack; a CP932 pack loads like a
 * UTF-8 one; a generated pack big enough to be read by two threads reports
 * the same lines and keeps the same order as one reader would; a team's
 * slice (odan_pack_load_team_slice()) loads without the model and the MSEL
 * and still checks every table it has. scenarios/README.md documents
 * every table and column of the schema (odan-pack-schema.h) with its
 * required-ness, and no other; the id lookups agree with the tables.
 */
#include <glib.h>
#include <glib/gstdio.h>
#include <math.h>
#include <string.h>

#include "odan-pack.h"
#include "odan-pack-schema.h"

static char *
example_dir (void)
{
  const char *scenarios = g_getenv ("ODAN_SCENARIOS");

  return g_build_filename (scenarios != NULL ? scenarios : ODAN_SOURCE_SCENARIOS, "example", NULL);
}

static char *
fixture_dir (const char *name)
{
  return g_test_build_filename (G_TEST_DIST, "model", "packs", name, NULL);
}

static GPtrArray *
new_diagnostics (void)
{
  return g_ptr_array_new_with_free_func ((GDestroyNotify) odan_diagnostic_free);
}

/* Compares the formatted diagnostics with the NULL-terminated @expected. */
static void
assert_diagnostics (GPtrArray         *diagnostics,
                    const char *const *expected)
{
  guint n = g_strv_length ((char **) expected);

  for (guint i = 0; i < diagnostics->len; i++)
    {
      g_autofree char *text = odan_diagnostic_format (g_ptr_array_index (diagnostics, i));

      g_test_message ("diagnostic %u: %s", i, text);
      if (i < n)
        g_assert_cmpstr (text, ==, expected[i]);
    }
  g_assert_cmpuint (diagnostics->len, ==, n);
}

/* Loads a broken fixture: no pack, ODAN_PACK_ERROR_INVALID, these problems. */
static void
assert_broken (const char        *name,
               const char *const *expected)
{
  g_autofree char *dir = fixture_dir (name);
  g_autoptr(GPtrArray) diagnostics = new_diagnostics ();
  g_autoptr(GError) error = NULL;
  g_autoptr(OdanPack) pack = odan_pack_load (dir, diagnostics, &error);

  g_assert_null (pack);
  g_assert_error (error, ODAN_PACK_ERROR, ODAN_PACK_ERROR_INVALID);
  assert_diagnostics (diagnostics, expected);
}

static guint32
edge_between (const OdanPack *pack,
              const char     *provider,
              const char     *dependent)
{
  guint32 p = odan_pack_find_node (pack, provider);
  guint32 d = odan_pack_find_node (pack, dependent);

  g_assert_cmpuint (p, !=, ODAN_NONE);
  g_assert_cmpuint (d, !=, ODAN_NONE);
  return odan_pack_find_edge (pack, p, d);
}

/* Every index in range and the by-dependent index complete and sorted. */
static void
assert_consistent (const OdanPack *pack)
{
  g_autofree guint8 *seen = g_new0 (guint8, pack->n_edges + 1);

  for (guint n = 0; n < pack->n_nodes; n++)
    {
      g_assert_cmpuint (pack->nodes[n].sector, <, pack->n_sectors);
      g_assert_true (pack->nodes[n].region == ODAN_NONE || pack->nodes[n].region < pack->n_regions);
      g_assert_true (pack->nodes[n].team == ODAN_NONE || pack->nodes[n].team < pack->n_teams);
      g_assert_cmpuint (odan_pack_find_node (pack, pack->nodes[n].id), ==, n);
    }

  g_assert_cmpuint (pack->in_start[0], ==, 0);
  g_assert_cmpuint (pack->in_start[pack->n_nodes], ==, pack->n_edges);
  for (guint d = 0; d < pack->n_nodes; d++)
    for (guint32 i = pack->in_start[d]; i < pack->in_start[d + 1]; i++)
      {
        const OdanEdge *edge = &pack->edges[pack->in_edges[i]];

        g_assert_cmpuint (edge->dependent, ==, d);
        if (i > pack->in_start[d])
          g_assert_cmpuint (pack->edges[pack->in_edges[i - 1]].provider, <, edge->provider);
        g_assert_cmpuint (seen[pack->in_edges[i]], ==, 0);
        seen[pack->in_edges[i]] = 1;
        g_assert_cmpuint (odan_pack_find_edge (pack, edge->provider, d), ==, pack->in_edges[i]);
      }

  for (guint e = 0; e < pack->n_edges; e++)
    {
      const OdanEdge *edge = &pack->edges[e];

      g_assert_cmpuint (seen[e], ==, 1);
      g_assert_cmpfloat (edge->strength, >=, 0.0);
      g_assert_cmpfloat (edge->strength, <=, 1.0);
      g_assert_cmpfloat (edge->coverage, >, 0.0);
      g_assert_cmpfloat (edge->coverage, <=, 1.0);
      g_assert_true (edge->group == ODAN_NONE || edge->group < pack->n_groups);
      if (e > 0)
        g_assert_cmpuint (pack->edges[e - 1].line, <, edge->line);
    }
}

static void
test_example (void)
{
  g_autofree char *dir = example_dir ();
  g_autoptr(GPtrArray) diagnostics = new_diagnostics ();
  g_autoptr(GError) error = NULL;
  g_autoptr(OdanPack) pack = odan_pack_load (dir, diagnostics, &error);
  const OdanEdge *edge;
  const OdanInject *inject;
  guint32 e;

  g_assert_no_error (error);
  g_assert_nonnull (pack);
  assert_diagnostics (diagnostics, (const char *const[]) { NULL });

  g_assert_cmpstr (pack->id, ==, "tokyo-blackout-example");
  g_assert_cmpstr (pack->title, ==, "Tokyo blackout (example)");
  g_assert_cmpstr (pack->title_ja, ==, "首都圏大規模停電（例）");
  g_assert_nonnull (pack->description);
  g_assert_nonnull (pack->description_ja);
  /* HSEEP's exercise overview */
  g_assert_cmpstr (pack->mission_area, ==, "Response; Recovery");
  g_assert_cmpstr (pack->mission_area_ja, ==, "対応・復旧");
  g_assert_cmpstr (pack->threat_hazard_ja, ==, "広域停電（自然災害）");
  g_assert_cmpstr (pack->sponsor, ==, "National center of Incident readiness and Strategy for Cybersecurity (NISC)");
  g_assert_cmpstr (pack->poc, ==, "Exercise control cell, control@example.jp");
  g_assert_cmpstr (pack->poc_ja, ==, "演習統制班　control@example.jp");
  g_assert_true (odan_mission_area_is_valid ("recovery"));
  g_assert_false (odan_mission_area_is_valid ("Recess"));
  g_assert_cmpint (g_date_time_to_unix (pack->start), ==, 1449532800);
  g_assert_cmpint (g_date_time_get_utc_offset (pack->start), ==, 9 * G_TIME_SPAN_HOUR);
  g_assert_cmpfloat (pack->duration, ==, 3 * 1440);

  g_assert_cmpuint (pack->n_sectors, ==, 7);
  g_assert_cmpuint (pack->n_nodes, ==, 14);
  g_assert_cmpuint (pack->n_edges, ==, 22);
  g_assert_cmpuint (pack->n_teams, ==, 7);
  g_assert_cmpuint (pack->n_injects, ==, 8);
  g_assert_cmpuint (pack->n_mitigations, ==, 4);
  g_assert_cmpuint (pack->n_regions, ==, 3);
  g_assert_cmpuint (pack->n_groups, ==, 1);
  g_assert_cmpstr (pack->groups[0], ==, "grid-feed");
  assert_consistent (pack);

  /* Japanese names throughout, sources on every edge */
  for (guint i = 0; i < pack->n_sectors; i++)
    g_assert_nonnull (pack->sectors[i].name_ja);
  for (guint i = 0; i < pack->n_nodes; i++)
    g_assert_nonnull (pack->nodes[i].name_ja);
  for (guint i = 0; i < pack->n_teams; i++)
    {
      g_assert_nonnull (pack->teams[i].name_ja);
      g_assert_nonnull (pack->teams[i].ceptoar);
      g_assert_nonnull (pack->teams[i].contact);
    }
  for (guint i = 0; i < pack->n_injects; i++)
    g_assert_nonnull (pack->injects[i].title_ja);
  for (guint i = 0; i < pack->n_mitigations; i++)
    g_assert_nonnull (pack->mitigations[i].label_ja);
  for (guint i = 0; i < pack->n_edges; i++)
    g_assert_nonnull (pack->edges[i].source);

  /* the worked example */
  e = edge_between (pack, "power.kanto", "water.tokyo");
  g_assert_cmpuint (e, !=, ODAN_NONE);
  edge = &pack->edges[e];
  g_assert_cmpint (edge->type, ==, ODAN_DEP_PHYSICAL);
  g_assert_cmpfloat (edge->strength, ==, 0.9);
  g_assert_cmpfloat (edge->buffer, ==, 360);
  g_assert_cmpfloat (edge->lag, ==, 0);
  g_assert_cmpfloat (edge->restart, ==, 60);
  g_assert_cmpfloat (edge->coverage, ==, 1);
  g_assert_cmpuint (edge->group, ==, ODAN_NONE);
  g_assert_cmpuint (edge->line, ==, 2);
  g_assert_cmpuint (pack->in_start[edge->dependent + 1] - pack->in_start[edge->dependent], ==, 1);

  e = edge_between (pack, "water.tokyo", "hospital.tokyo");
  edge = &pack->edges[e];
  g_assert_cmpfloat (edge->strength, ==, 0.5);
  g_assert_cmpfloat (edge->buffer, ==, 720);
  g_assert_cmpfloat (edge->restart, ==, 0);
  g_assert_cmpuint (pack->in_start[edge->dependent + 1] - pack->in_start[edge->dependent], ==, 1);

  inject = &pack->injects[odan_pack_find_inject (pack, "INJ-01")];
  g_assert_cmpfloat (inject->time, ==, 0);
  g_assert_true (inject->to_all);
  g_assert_cmpuint (inject->n_to, ==, 0);
  g_assert_cmpuint (inject->effects->len, ==, 1);
  {
    const OdanEffect *effect = &g_array_index (inject->effects, OdanEffect, 0);

    g_assert_cmpint (effect->kind, ==, ODAN_EFFECT_SET);
    g_assert_cmpuint (effect->n_nodes, ==, 1);
    g_assert_cmpuint (effect->nodes[0], ==, odan_pack_find_node (pack, "power.kanto"));
    g_assert_cmpfloat (effect->value, ==, 0);
    g_assert_cmpfloat (effect->duration, ==, 600);
  }
  /* a multi-line body */
  g_assert_nonnull (strchr (inject->body, '\n'));

  /* the rest of the model the brief asks for */
  g_assert_cmpuint (edge_between (pack, "power.kanto", "telecom.exchange"), !=, ODAN_NONE);
  e = edge_between (pack, "telecom.exchange", "power.kanto");
  g_assert_cmpfloat (pack->edges[e].lag, ==, 0);
  e = edge_between (pack, "power.hospital-intake", "hospital.disaster-base");
  g_assert_cmpfloat (pack->edges[e].coverage, ==, 0.6);
  g_assert_cmpuint (pack->edges[edge_between (pack, "power.feeder-east", "power.hospital-intake")].group, ==, 0);
  g_assert_cmpuint (pack->edges[edge_between (pack, "power.feeder-west", "power.hospital-intake")].group, ==, 0);
  e = edge_between (pack, "fuel.depot", "fuel.station");
  g_assert_cmpfloat (pack->edges[e].lag, ==, 240);

  /* an ISO date-time without offset is in the scenario's offset */
  inject = &pack->injects[odan_pack_find_inject (pack, "INJ-07")];
  g_assert_cmpstr (inject->time_text, ==, "2015-12-08T21:00");
  g_assert_cmpfloat (inject->time, ==, 720);
  g_assert_false (inject->to_all);
  g_assert_cmpuint (inject->n_to, ==, 2);
  g_assert_cmpuint (inject->to[0], ==, odan_pack_find_team (pack, "medical"));
  g_assert_cmpuint (inject->to[1], ==, odan_pack_find_team (pack, "petroleum"));

  {
    const OdanMitigation *m = &pack->mitigations[odan_pack_find_mitigation (pack, "M-03")];
    const OdanEffect *effect = &g_array_index (m->effects, OdanEffect, 0);

    g_assert_cmpuint (m->team, ==, odan_pack_find_team (pack, "telecom"));
    g_assert_cmpfloat (m->delay, ==, 120);
    g_assert_cmpstr (m->effect_text, ==, "floor sector=telecom,region=tokyo-23 0.5 for 1d");
    g_assert_cmpuint (effect->n_nodes, ==, 2);
  }

  g_assert_cmpuint (odan_pack_find_node (pack, "power.tohoku"), ==, ODAN_NONE);
  g_assert_cmpuint (odan_pack_find_team (pack, "police"), ==, ODAN_NONE);
  g_assert_cmpuint (odan_pack_find_inject (pack, "INJ-99"), ==, ODAN_NONE);
  g_assert_cmpuint (odan_pack_find_mitigation (pack, "M-99"), ==, ODAN_NONE);
  g_assert_cmpuint (edge_between (pack, "water.tokyo", "power.kanto"), ==, ODAN_NONE);
}

static void
test_multi_error (void)
{
  const char *const expected[] = {
    "sectors.csv:4: error: duplicate id 'power' (first defined on line 2) (column id)",
    "nodes.csv:4: error: unknown sector 'health' (column sector)",
    "nodes.csv:5: error: duplicate id 'p1' (first defined on line 2) (column id)",
    "nodes.csv:6: error: unknown team 'nobody' (column team)",
    "dependencies.csv:3: error: duplicate dependency p1->w1 (first defined on line 2)",
    "dependencies.csv:4: error: unknown node 'x9' (column dependent)",
    "dependencies.csv:5: error: unknown dependency type 'electric' (expected physical, cyber, geographic or logical) (column type)",
    "dependencies.csv:6: error: strength 1.5 is out of range [0, 1] (column strength)",
    "dependencies.csv:7: error: 'abc' is not a number (column strength)",
    "dependencies.csv:8: error: coverage 0 is out of range (0, 1] (column coverage)",
    "dependencies.csv:9: error: negative duration '-5' (column buffer)",
    "dependencies.csv:10: error: duration '1.5h' has a fraction with a unit: use whole numbers (1h30m) or plain minutes (90.5) (column lag)",
    "dependencies.csv:11: error: node 'g1' depends on itself",
    "dependencies.csv:12: error: the row has 11 fields but the header has 10",
    "teams.csv:3: error: unknown sector 'sewage' (column sector)",
    "injects.csv:3: error: bad time 'soon' (expected e.g. +2h30m, 150 or 2015-12-08T15:30) (column time)",
    "injects.csv:4: error: time '2015-12-08T08:00' is before the scenario start 2015-12-08T09:00+09:00 (column time)",
    "injects.csv:5: error: unknown team 'fire' (column to)",
    "injects.csv:6: error: 'explode p1': unknown effect 'explode' (expected set, restore, floor, buffer, strength, priority or units) (column effect)",
    "injects.csv:7: error: 'set zz 0': unknown node 'zz' (column effect)",
    "injects.csv:8: warning: selector 'sector=gas' matches no node (column effect)",
    "injects.csv:9: warning: the inject at T+2d00h00m comes after the end of the scenario (T+1d00h00m) (column time)",
    "injects.csv:10: error: duplicate id 'I1' (first defined on line 2) (column id)",
    "mitigations.csv:3: error: unknown team 'police' (column team)",
    "mitigations.csv:4: error: bad duration 'later' (expected e.g. 90m, 6h, 1d6h30m or minutes such as 0.5) (column delay)",
    "mitigations.csv:5: error: 'strength w1->p1 *0.5': there is no dependency w1->p1 (column effect)",
    NULL
  };

  assert_broken ("multi-error", expected);
}

/* Ids that would widen what a team reads on a shared exercise (the
 * store's audiences, every team, the separators of its lists). */
static void
test_reserved_ids (void)
{
  const char *const expected[] = {
    "teams.csv:3: error: 'staff' is a reserved word and cannot be a team id (column id)",
    "teams.csv:4: error: the team id '*' holds a character a team id cannot ('*', ';', ',', a space or a control character) (column id)",
    "teams.csv:5: error: 'Everyone' is a reserved word and cannot be a team id (column id)",
    "teams.csv:6: error: 'ALL' is a reserved word and cannot be a team id (column id)",
    "teams.csv:7: error: the team id 'a;b' holds a character a team id cannot ('*', ';', ',', a space or a control character) (column id)",
    "teams.csv:8: error: the team id 'c d' holds a character a team id cannot ('*', ';', ',', a space or a control character) (column id)",
    NULL
  };

  assert_broken ("reserved-ids", expected);
}

static GHashTable *
files_with_dependencies (const char *dependencies)
{
  GHashTable *files = g_hash_table_new_full (g_str_hash, g_str_equal, NULL,
                                             (GDestroyNotify) g_bytes_unref);
  const char *ini = "[scenario]\nid=t\ntitle=T\nstart=2015-12-08T09:00+09:00\nduration=1d\n";
  const char *sectors = "id,name\npower,Power\n";
  GString *nodes = g_string_new ("id,sector,name\n");

  for (guint i = 0; i < 400; i++)
    g_string_append_printf (nodes, "n%u,power,N%u\n", i, i);
  g_hash_table_insert (files, "scenario.ini", g_bytes_new_static (ini, strlen (ini)));
  g_hash_table_insert (files, "sectors.csv", g_bytes_new_static (sectors, strlen (sectors)));
  g_hash_table_insert (files, "nodes.csv", g_string_free_to_bytes (nodes));
  g_hash_table_insert (files, "dependencies.csv",
                       g_bytes_new (dependencies, strlen (dependencies)));
  return files;
}

/* Column restart_below (SEMANTICS.md §3.2.1): kept per edge beside the
 * edges, also when two threads read a big file; errors name the row. */
static void
test_restart_below (void)
{
  g_autoptr(GString) big = g_string_new ("provider,dependent,type,strength,restart,restart_below\n");
  g_autoptr(GHashTable) files = NULL;
  g_autoptr(GPtrArray) diagnostics = new_diagnostics ();
  g_autoptr(GError) error = NULL;
  g_autoptr(OdanPack) pack = NULL;
  g_autoptr(OdanPack) plain = NULL;
  guint n = 0;
  const char *const expected[] = {
    "dependencies.csv:3: error: restart_below 0 is out of range (0, 1] (column restart_below)",
    "dependencies.csv:4: error: 'half' is not a number (column restart_below)",
    "dependencies.csv:5: error: restart_below needs a restart time in column restart (column restart_below)",
    NULL
  };

  /* over a megabyte, so that the loader splits it between two threads */
  for (guint p = 0; p < 400; p++)
    for (guint d = 0; d < 400; d++)
      if (p != d && (p + d) % 3 == 0)
        {
          if (n % 5 == 0)
            g_string_append_printf (big, "n%u,n%u,physical,0.5,2h,0.%u\n", p, d, 1 + n % 9);
          else
            g_string_append_printf (big, "n%u,n%u,physical,0.5,%s,\n", p, d, n % 2 ? "30m" : "");
          n++;
        }
  g_assert_cmpuint (big->len, >, 1024 * 1024);
  files = files_with_dependencies (big->str);
  pack = odan_pack_load_from_files ("big", files, diagnostics, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (pack->n_edges, ==, n);
  for (guint e = 0; e < n; e++)
    g_assert_cmpfloat (odan_pack_edge_restart_below (pack, e), ==,
                       e % 5 == 0 ? (1 + e % 9) / 10.0 : 0.0);
  g_clear_pointer (&files, g_hash_table_unref);

  /* without the column there is nothing beside the edges */
  files = files_with_dependencies ("provider,dependent,type,strength,restart\nn1,n2,physical,1,1h\n");
  plain = odan_pack_load_from_files ("plain", files, NULL, &error);
  g_assert_no_error (error);
  g_assert_null (plain->edge_restart_below);
  g_assert_cmpfloat (odan_pack_edge_restart_below (plain, 0), ==, 0.0);
  g_clear_pointer (&files, g_hash_table_unref);

  files = files_with_dependencies ("provider,dependent,type,strength,restart,restart_below\n"
                                   "n1,n2,physical,1,1h,1\n"
                                   "n1,n3,physical,1,1h,0\n"
                                   "n1,n4,physical,1,1h,half\n"
                                   "n1,n5,physical,1,,0.5\n"
                                   "n1,n6,physical,1,0,\n");
  g_clear_pointer (&pack, odan_pack_free);
  pack = odan_pack_load_from_files ("broken", files, diagnostics, &error);
  g_assert_null (pack);
  g_assert_error (error, ODAN_PACK_ERROR, ODAN_PACK_ERROR_INVALID);
  assert_diagnostics (diagnostics, expected);
}

static void
add_file (GHashTable *files, const char *name, const char *text)
{
  g_hash_table_insert (files, (gpointer) name, g_bytes_new_static (text, strlen (text)));
}

/* resupply.csv (SEMANTICS.md §14.2): its rows, its defaults, and a problem
 * per column with its line; priority and units effects are checked against
 * the rows and the pools. */
static void
test_resupply (void)
{
  g_autoptr(GHashTable) files = files_with_dependencies ("provider,dependent,type,strength,buffer\n"
                                                         "n1,n2,physical,1,6h\n"
                                                         "n1,n3,physical,1,\n" "n1,n4,physical,1,\n"
                                                         "n1,n5,physical,1,\n" "n1,n6,physical,1,\n"
                                                         "n1,n7,physical,1,\n" "n1,n8,physical,1,\n"
                                                         "n1,n9,physical,1,\n" "n1,n10,physical,1,\n"
                                                         "n1,n11,physical,1,\n" "n1,n12,physical,1,\n");
  g_autoptr(GPtrArray) diagnostics = new_diagnostics ();
  g_autoptr(GError) error = NULL;
  g_autoptr(OdanPack) pack = NULL;
  const char *const expected[] = {
    "injects.csv:3: error: 'priority n1->n12 1': the dependency n1->n12 has no row in resupply.csv (column effect)",
    "injects.csv:4: error: 'units lorries +2': unknown pool 'lorries' (column effect)",
    "resupply.csv:3: error: the edge already has a resupply row (line 2) (column dependent)",
    "resupply.csv:4: error: there is no dependency n2->n1 in dependencies.csv (column dependent)",
    "resupply.csv:5: error: unknown pool 'lorries' (column trucks)",
    "resupply.csv:6: error: a delivery must add more than 0 minutes (column load)",
    "resupply.csv:7: error: the capacity is less than one load (column capacity)",
    "resupply.csv:8: error: the truck cannot be back before it has arrived (turnaround less than travel) (column turnaround)",
    "resupply.csv:9: error: unknown node 'road9' (column route)",
    "resupply.csv:10: error: the route's operability must be more than 0 (column route_min)",
    "resupply.csv:11: error: bad priority '1000' (expected a whole number from 0 to 999) (column priority)",
    "resupply.csv:12: error: missing value (column travel)",
    "resupply.csv:13: error: a pool cannot be both the trucks and the stock of a delivery (column stock)",
    NULL
  };

  add_file (files, "pools.csv", "id,name,capacity\ntrucks,Tank trucks,4\ndepot,Depot,40\n");
  add_file (files, "resupply.csv",
            "provider,dependent,trucks,stock,load,capacity,reorder,travel,turnaround,route,route_min,priority\n"
            "n1,n2,trucks,depot,12h,,,2h,,n5;n6,,3\n");
  add_file (files, "injects.csv", "id,time,to,title,effect\n"
                                  "i1,1h,all,Priority,priority n1->n2 7; units trucks +2\n");
  pack = odan_pack_load_from_files ("resupply", files, diagnostics, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (pack->n_resupplies, ==, 1);
  const OdanResupply *r = &pack->resupplies[0];
  g_assert_cmpuint (r->edge, ==, odan_pack_find_edge (pack, 1, 2));
  g_assert_cmpuint (pack->edge_resupply[r->edge], ==, 0);
  g_assert_cmpuint (r->trucks, ==, 0);
  g_assert_cmpuint (r->stock, ==, 1);
  g_assert_cmpfloat (r->load, ==, 720);
  g_assert_cmpfloat (r->capacity, ==, 720);     /* the edge's buffer, 6 h, is less than a load */
  g_assert_cmpfloat (r->reorder, ==, 120);      /* travel */
  g_assert_cmpfloat (r->turnaround, ==, 240);   /* twice travel */
  g_assert_cmpuint (r->n_route, ==, 2);
  g_assert_cmpuint (r->route[1], ==, 6);
  g_assert_cmpfloat (r->route_min, ==, 0.5);
  g_assert_cmpuint (r->priority, ==, 3);
  const GArray *fx = pack->injects[0].effects;
  g_assert_cmpint (g_array_index (fx, OdanEffect, 0).kind, ==, ODAN_EFFECT_PRIORITY);
  g_assert_cmpuint (g_array_index (fx, OdanEffect, 0).edge, ==, r->edge);
  g_assert_cmpfloat (g_array_index (fx, OdanEffect, 0).value, ==, 7);
  g_assert_cmpint (g_array_index (fx, OdanEffect, 1).kind, ==, ODAN_EFFECT_UNITS);
  g_assert_cmpuint (g_array_index (fx, OdanEffect, 1).pool_index, ==, 0);
  g_clear_pointer (&pack, odan_pack_free);

  add_file (files, "resupply.csv",
            "provider,dependent,trucks,stock,load,capacity,reorder,travel,turnaround,route,route_min,priority\n"
            "n1,n2,trucks,,12h,,,2h,,,,\n"
            "n1,n2,trucks,,12h,,,2h,,,,\n"
            "n2,n1,trucks,,12h,,,2h,,,,\n"
            "n1,n3,lorries,,12h,,,2h,,,,\n"
            "n1,n4,trucks,,0,,,2h,,,,\n"
            "n1,n5,trucks,,12h,6h,,2h,,,,\n"
            "n1,n6,trucks,,12h,,,2h,1h,,,\n"
            "n1,n7,trucks,,12h,,,2h,,road9,,\n"
            "n1,n8,trucks,,12h,,,2h,,,0,\n"
            "n1,n9,trucks,,12h,,,2h,,,,1000\n"
            "n1,n10,trucks,,12h,,,,,,,\n"
            "n1,n11,trucks,trucks,12h,,,2h,,,,\n");
  add_file (files, "injects.csv", "id,time,to,title,effect\n"
                                  "i1,1h,all,Fine,priority n1->n2 1\n"
                                  "i2,1h,all,No row,priority n1->n12 1\n"
                                  "i3,1h,all,No pool,units lorries +2\n");
  pack = odan_pack_load_from_files ("broken", files, diagnostics, &error);
  g_assert_null (pack);
  g_assert_error (error, ODAN_PACK_ERROR, ODAN_PACK_ERROR_INVALID);
  assert_diagnostics (diagnostics, expected);
}

static void
test_missing_columns (void)
{
  /* the missing column is one problem: rows referring to the unreadable
   * nodes are not reported one by one */
  const char *const expected[] = {
    "nodes.csv:1: error: missing required column 'sector'",
    "dependencies.csv:3: error: strength 2 is out of range [0, 1] (column strength)",
    "injects.csv:1: error: missing required column 'to'",
    "injects.csv:1: error: missing required column 'title'",
    NULL
  };

  assert_broken ("missing-columns", expected);
}

static void
test_bad_ini (void)
{
  const char *const expected[] = {
    "scenario.ini:4: error: missing value for key 'id' in group [scenario]",
    "scenario.ini:6: error: start '2015-12-08T09:00' needs a UTC offset, e.g. 2015-12-08T09:00+09:00",
    "scenario.ini:7: error: negative duration '-3h'",
    "scenario.ini:8: error: mission area 'Recess' is none of HSEEP's: Prevention, Protection, Mitigation, Response, Recovery",
    "dependencies.csv: error: required file is missing",
    NULL
  };

  assert_broken ("bad-ini", expected);
}

static void
test_bad_csv (void)
{
  const char *const expected[] = {
    "sectors.csv:3: error: the file is neither UTF-8 nor CP932 (Shift_JIS) text; save it as UTF-8 CSV",
    "nodes.csv:4: error: malformed quotes: a field holding a quote must be enclosed in quotes, with each quote inside doubled",
    "dependencies.csv:3: error: a quoted field that starts here never ends (missing closing quote)",
    /* the multi-line body of line 2 spans lines 2–4 (CRLF inside quotes) */
    "injects.csv:5: error: bad time 'zzz' (expected e.g. +2h30m, 150 or 2015-12-08T15:30) (column time)",
    NULL
  };

  assert_broken ("bad-csv", expected);
}

static void
test_warnings_only (void)
{
  g_autofree char *dir = fixture_dir ("warnings-only");
  g_autoptr(GPtrArray) diagnostics = new_diagnostics ();
  g_autoptr(GError) error = NULL;
  g_autoptr(OdanPack) pack = NULL;
  const char *const expected[] = {
    "injects.csv:3: warning: the inject at T+13h00m comes after the end of the scenario (T+12h00m) (column time)",
    "injects.csv:4: warning: selector 'sector=power,region=tokyo' matches no node (column effect)",
    NULL
  };

  pack = odan_pack_load (dir, diagnostics, &error);
  g_assert_no_error (error);
  g_assert_nonnull (pack);
  assert_diagnostics (diagnostics, expected);
  g_assert_cmpuint (pack->n_injects, ==, 3);
  g_assert_cmpuint (g_array_index (pack->injects[2].effects, OdanEffect, 0).n_nodes, ==, 0);
  /* no teams.csv: a pure model pack */
  g_assert_cmpuint (pack->n_teams, ==, 0);
  g_assert_null (pack->teams);
}

static void
test_cp932 (void)
{
  g_autofree char *dir = fixture_dir ("cp932");
  g_autoptr(GPtrArray) diagnostics = new_diagnostics ();
  g_autoptr(GError) error = NULL;
  g_autoptr(OdanPack) pack = odan_pack_load (dir, diagnostics, &error);
  const OdanNode *p1, *w1;

  g_assert_no_error (error);
  g_assert_nonnull (pack);
  assert_diagnostics (diagnostics, (const char *const[]) { NULL });

  g_assert_cmpstr (pack->title_ja, ==, "シフトJISのパック");
  g_assert_cmpstr (pack->sectors[0].name_ja, ==, "電力");
  g_assert_cmpstr (pack->sectors[1].ministry, ==, "厚生労働省");

  p1 = &pack->nodes[odan_pack_find_node (pack, "p1")];
  w1 = &pack->nodes[odan_pack_find_node (pack, "w1")];
  g_assert_cmpstr (p1->name_ja, ==, "関東エリアの電力供給");
  g_assert_cmpstr (pack->regions[p1->region], ==, "関東");
  /* U+FF5E, which CP932 has and plain Shift_JIS spells differently */
  g_assert_cmpstr (w1->name_ja, ==, "東京の水道（～浄水場）");

  /* an unknown column is kept, with its value per row */
  g_assert_cmpuint (pack->node_extra.n_columns, ==, 1);
  g_assert_cmpstr (pack->node_extra.names[0], ==, "備考2");
  g_assert_cmpstr (p1->extra[0], ==, "予備線あり、\"二回線\"");
  g_assert_null (w1->extra[0]);

  /* dependencies.csv is UTF-8 with a BOM; the type is case-insensitive */
  g_assert_cmpuint (pack->n_edges, ==, 1);
  g_assert_cmpint (pack->edges[0].type, ==, ODAN_DEP_PHYSICAL);
  g_assert_cmpstr (pack->edges[0].source, ==, "東京都水道局の資料");

  g_assert_cmpstr (pack->teams[0].contact, ==, "電話;メール");
  g_assert_cmpuint (pack->teams[0].sector, ==, ODAN_NONE);
  g_assert_cmpstr (pack->injects[0].body, ==, "停電が発生。\r\n復旧は未定。");
  g_assert_cmpuint (pack->injects[0].n_to, ==, 1);
}

static void
test_not_a_folder (void)
{
  g_autoptr(GPtrArray) diagnostics = new_diagnostics ();
  g_autoptr(GError) error = NULL;
  g_autoptr(OdanPack) pack = odan_pack_load ("/nonexistent/odan/pack", diagnostics, &error);

  g_assert_null (pack);
  g_assert_error (error, ODAN_PACK_ERROR, ODAN_PACK_ERROR_IO);
  g_assert_cmpuint (diagnostics->len, ==, 0);
}

static void
write_file (const char *dir,
            const char *name,
            const char *contents)
{
  g_autofree char *path = g_build_filename (dir, name, NULL);
  g_autoptr(GError) error = NULL;

  g_file_set_contents (path, contents, -1, &error);
  g_assert_no_error (error);
}

static void
remove_dir (const char *dir)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  const char *name;

  while (d != NULL && (name = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);

      g_unlink (path);
    }
  g_rmdir (dir);
}

static void
test_missing_files (void)
{
  g_autofree char *dir = g_dir_make_tmp ("odan-test-pack-XXXXXX", NULL);
  g_autoptr(GPtrArray) diagnostics = new_diagnostics ();
  g_autoptr(GError) error = NULL;
  g_autoptr(OdanPack) pack = NULL;
  OdanDiagnostic *first;
  const char *const expected[] = {
    "scenario.ini: error: required file is missing",
    "sectors.csv: error: required file is missing",
    "nodes.csv: error: the file is empty (expected a header row)",
    "dependencies.csv: error: required file is missing",
    NULL
  };

  g_assert_nonnull (dir);
  write_file (dir, "nodes.csv", "\n\n");

  /* diagnostics already in the array stay first */
  first = g_new0 (OdanDiagnostic, 1);
  first->file = g_strdup ("other");
  first->message = g_strdup ("kept");
  g_ptr_array_add (diagnostics, first);

  pack = odan_pack_load (dir, diagnostics, &error);
  g_assert_null (pack);
  g_assert_error (error, ODAN_PACK_ERROR, ODAN_PACK_ERROR_INVALID);
  g_assert_true (g_ptr_array_index (diagnostics, 0) == first);
  g_ptr_array_remove_index (diagnostics, 0);
  assert_diagnostics (diagnostics, expected);

  remove_dir (dir);
}

static void
test_scenario_group (void)
{
  g_autofree char *dir = g_dir_make_tmp ("odan-test-pack-XXXXXX", NULL);
  g_autoptr(GPtrArray) diagnostics = new_diagnostics ();
  g_autoptr(GError) error = NULL;
  g_autoptr(OdanPack) pack = NULL;
  const char *const expected[] = {
    "scenario.ini: error: missing group [scenario]",
    NULL
  };

  write_file (dir, "scenario.ini", "[exercise]\nid=x\n");
  write_file (dir, "sectors.csv", "id,name\npower,Electricity\n");
  write_file (dir, "nodes.csv", "id,sector,name\np1,power,Grid\n");
  write_file (dir, "dependencies.csv", "provider,dependent,type,strength\n");

  pack = odan_pack_load (dir, diagnostics, &error);
  g_assert_null (pack);
  assert_diagnostics (diagnostics, expected);

  /* fixed, the same folder loads; a pack without edges is a pack */
  write_file (dir, "scenario.ini",
              "[scenario]\nid=x\ntitle=X\nstart=2015-12-08T09:00Z\nduration=90\n");
  g_clear_error (&error);
  g_ptr_array_set_size (diagnostics, 0);
  pack = odan_pack_load (dir, diagnostics, &error);
  g_assert_no_error (error);
  g_assert_nonnull (pack);
  g_assert_cmpuint (diagnostics->len, ==, 0);
  g_assert_cmpuint (pack->n_edges, ==, 0);
  g_assert_cmpfloat (pack->duration, ==, 90);
  g_assert_null (pack->title_ja);
  g_assert_cmpuint (odan_pack_find_edge (pack, 0, 0), ==, ODAN_NONE);

  remove_dir (dir);
}

/* A pack whose dependencies.csv is large enough for two reader threads,
 * with quoted multi-line fields and doubled quotes so that only the quote
 * parity tells row boundaries, and problems in both halves. */
typedef struct {
  char      *dir;
  guint      n_edges;
  guint      bad_line_first;    /* lines of the two planted problems, or 0 */
  guint      bad_line_second;
  guint      note_line;         /* a row with an extra value in the second half */
} BigPack;

static void
big_pack_write (BigPack  *big,
                gboolean  with_errors)
{
  const guint n_nodes = 1000;
  const guint rounds = 40;
  g_autoptr(GString) nodes = g_string_new ("id,sector,name\n");
  g_autoptr(GString) deps = g_string_new ("provider,dependent,type,strength,group,source,note\n");
  guint line = 2;
  guint row = 0;
  guint total = n_nodes * rounds;

  big->dir = g_dir_make_tmp ("odan-test-big-XXXXXX", NULL);
  g_assert_nonnull (big->dir);
  big->n_edges = 0;

  for (guint n = 0; n < n_nodes; n++)
    g_string_append_printf (nodes, "node-%04u,power,Node %u\n", n, n);

  for (guint k = 0; k < rounds; k++)
    for (guint d = 0; d < n_nodes; d++, row++)
      {
        guint p = (d + 1 + k) % n_nodes;
        const char *group = (row % 7 == 0) ? (row < total / 2 ? "early" : "late") : "";

        if (with_errors && row == total / 4)
          {
            big->bad_line_first = line;
            g_string_append_printf (deps, "node-%04u,ghost-1,physical,0.5,,plain,\n", p);
            line++;
            continue;
          }
        if (with_errors && row == 3 * total / 4)
          {
            big->bad_line_second = line;
            g_string_append_printf (deps, "node-%04u,ghost-2,physical,0.5,,plain,\n", p);
            line++;
            continue;
          }

        g_string_append_printf (deps, "node-%04u,node-%04u,%s,0.%u,%s,", p, d,
                                row % 2 ? "cyber" : "physical", row % 10, group);
        if (row % 5 == 0)
          {
            /* three physical lines in one field */
            g_string_append_printf (deps, "\"report %u, p.%u\nsecond line\nsays \"\"ok\"\"\"", row, k);
            line += 2;
          }
        else
          g_string_append_printf (deps, "source %u", row % 13);
        if (row == 3 * total / 4 + 1)
          {
            big->note_line = line;
            g_string_append (deps, ",kept note");
          }
        else
          g_string_append (deps, ",");
        g_string_append_c (deps, '\n');
        line++;
        big->n_edges++;
      }
  /* well above the size at which the loader reads with two threads (1 MiB) */
  g_assert_cmpuint (deps->len, >, 3 * 512 * 1024);

  write_file (big->dir, "scenario.ini",
              "[scenario]\nid=big\ntitle=Big\nstart=2015-12-08T09:00+09:00\nduration=1d\n");
  write_file (big->dir, "sectors.csv", "id,name\npower,Electricity\n");
  write_file (big->dir, "nodes.csv", nodes->str);
  write_file (big->dir, "dependencies.csv", deps->str);
}

static void
test_big_split (void)
{
  BigPack big = { 0 };
  g_autoptr(GPtrArray) diagnostics = new_diagnostics ();
  g_autoptr(GError) error = NULL;
  g_autoptr(OdanPack) pack = NULL;
  g_autofree char *first = NULL;
  g_autofree char *second = NULL;

  big_pack_write (&big, TRUE);
  first = g_strdup_printf ("dependencies.csv:%u: error: unknown node 'ghost-1' (column dependent)",
                           big.bad_line_first);
  second = g_strdup_printf ("dependencies.csv:%u: error: unknown node 'ghost-2' (column dependent)",
                            big.bad_line_second);
  pack = odan_pack_load (big.dir, diagnostics, &error);
  g_assert_null (pack);
  g_assert_error (error, ODAN_PACK_ERROR, ODAN_PACK_ERROR_INVALID);
  assert_diagnostics (diagnostics, (const char *const[]) { first, second, NULL });
  remove_dir (big.dir);
  g_free (big.dir);

  /* without the planted problems it loads, in file order */
  g_clear_error (&error);
  g_ptr_array_set_size (diagnostics, 0);
  big_pack_write (&big, FALSE);
  pack = odan_pack_load (big.dir, diagnostics, &error);
  g_assert_no_error (error);
  g_assert_nonnull (pack);
  g_assert_cmpuint (diagnostics->len, ==, 0);
  g_assert_cmpuint (pack->n_nodes, ==, 1000);
  g_assert_cmpuint (pack->n_edges, ==, big.n_edges);
  assert_consistent (pack);

  /* groups in first-seen order, one index per name whichever thread met it */
  g_assert_cmpuint (pack->n_groups, ==, 2);
  g_assert_cmpstr (pack->groups[0], ==, "early");
  g_assert_cmpstr (pack->groups[1], ==, "late");
  for (guint e = 0; e < pack->n_edges; e++)
    {
      const OdanEdge *edge = &pack->edges[e];

      if (edge->group != ODAN_NONE)
        g_assert_cmpstr (pack->groups[edge->group], ==, e < pack->n_edges / 2 ? "early" : "late");
      const char **extra = odan_pack_edge_extra (pack, e);

      g_assert_nonnull (edge->source);
      g_assert_nonnull (extra);
      if (edge->line == big.note_line)
        g_assert_cmpstr (extra[0], ==, "kept note");
      else
        g_assert_null (extra[0]);
    }
  g_assert_cmpstr (pack->edges[0].source, ==, "report 0, p.0\nsecond line\nsays \"ok\"");
  g_assert_cmpuint (pack->edges[0].line, ==, 2);
  g_assert_cmpuint (pack->edges[1].line, ==, 5);
  g_assert_cmpuint (pack->edge_extra.n_columns, ==, 1);
  g_assert_cmpstr (pack->edge_extra.names[0], ==, "note");

  remove_dir (big.dir);
  g_free (big.dir);
}

static void
test_localized (void)
{
  g_setenv ("LANGUAGE", "ja:en", TRUE);
  g_assert_cmpstr (odan_pack_localized ("Water", "水道"), ==, "水道");
  g_assert_cmpstr (odan_pack_localized ("Water", ""), ==, "Water");
  g_assert_cmpstr (odan_pack_localized ("Water", NULL), ==, "Water");
  g_setenv ("LANGUAGE", "en", TRUE);
  g_assert_cmpstr (odan_pack_localized ("Water", "水道"), ==, "Water");
  g_setenv ("LANGUAGE", "C", TRUE);
}

/* regions.csv names the regions of nodes.csv in both languages; a row for
 * a region no node is in is a warning, a duplicate id an error. */
static void
test_regions (void)
{
  g_autofree char *dir = example_dir ();
  g_autoptr(GPtrArray) diagnostics = new_diagnostics ();
  g_autoptr(GError) error = NULL;
  g_autoptr(OdanPack) pack = odan_pack_load (dir, diagnostics, &error);
  g_autoptr(GHashTable) files = files_with_dependencies ("provider,dependent,type,strength\nn0,n1,physical,1\n");
  g_autoptr(GHashTable) dup_files = files_with_dependencies ("provider,dependent,type,strength\nn0,n1,physical,1\n");
  g_autoptr(OdanPack) other = NULL;
  guint32 tokyo = ODAN_NONE;
  const char *nodes = "id,sector,name,region\nn0,power,N0,west\nn1,power,N1,east\nn2,power,N2,\n";
  const char *regions = "id,name,name_ja\nwest,West side,西側\nnorth,North,北\n";
  const char *dup = "id,name\nwest,West\nwest,West again\n";
  const char *const expected_warning[] = { "regions.csv:3: warning: no node in nodes.csv is in region 'north' (column id)", NULL };
  const char *const expected_dup[] = { "regions.csv:3: error: duplicate id 'west' (first defined on line 2) (column id)", NULL };

  g_assert_no_error (error);
  for (guint32 r = 0; r < pack->n_regions; r++)
    if (strcmp (pack->regions[r], "tokyo-23") == 0)
      tokyo = r;
  g_assert_cmpuint (tokyo, !=, ODAN_NONE);
  g_setenv ("LANGUAGE", "ja:en", TRUE);
  g_assert_cmpstr (odan_pack_region_name (pack, tokyo), ==, "東京23区");
  g_setenv ("LANGUAGE", "en", TRUE);
  g_assert_cmpstr (odan_pack_region_name (pack, tokyo), ==, "Tokyo 23 wards");

  /* a region without a row keeps its id; one without nodes is a warning */
  g_hash_table_insert (files, "nodes.csv", g_bytes_new_static (nodes, strlen (nodes)));
  g_hash_table_insert (files, "regions.csv", g_bytes_new_static (regions, strlen (regions)));
  g_ptr_array_set_size (diagnostics, 0);
  other = odan_pack_load_from_files ("mem", files, diagnostics, &error);
  g_assert_no_error (error);
  assert_diagnostics (diagnostics, expected_warning);
  g_assert_cmpuint (other->n_regions, ==, 2);
  g_assert_cmpuint (other->n_region_rows, ==, 2);
  g_assert_cmpuint (other->region_rows[1].region, ==, ODAN_NONE);
  g_assert_cmpstr (odan_pack_region_name (other, 0), ==, "West side");
  g_assert_cmpstr (odan_pack_region_name (other, 1), ==, "east");
  g_setenv ("LANGUAGE", "C", TRUE);

  g_hash_table_insert (dup_files, "nodes.csv", g_bytes_new_static (nodes, strlen (nodes)));
  g_hash_table_insert (dup_files, "regions.csv", g_bytes_new_static (dup, strlen (dup)));
  g_ptr_array_set_size (diagnostics, 0);
  g_assert_null (odan_pack_load_from_files ("mem", dup_files, diagnostics, &error));
  g_assert_error (error, ODAN_PACK_ERROR, ODAN_PACK_ERROR_INVALID);
  assert_diagnostics (diagnostics, expected_dup);
}

/* The files of pack @name except those in @without, as a team's
 * connection reads them (name → GBytes). */
static GHashTable *
pack_files (const char        *name,
            const char *const *without)
{
  const char *scenarios = g_getenv ("ODAN_SCENARIOS");
  g_autofree char *dir = g_build_filename (scenarios != NULL ? scenarios : ODAN_SOURCE_SCENARIOS, name, NULL);
  GHashTable *files = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) g_bytes_unref);
  g_autoptr(GDir) folder = g_dir_open (dir, 0, NULL);
  const char *file;

  g_assert_nonnull (folder);
  while ((file = g_dir_read_name (folder)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, file, NULL);
      char *contents = NULL;
      gsize len = 0;

      if ((!g_str_has_suffix (file, ".csv") && !g_str_has_suffix (file, ".ini"))
          || g_strv_contains (without, file))
        continue;
      g_assert_true (g_file_get_contents (path, &contents, &len, NULL));
      g_hash_table_insert (files, g_strdup (file), g_bytes_new_take (contents, len));
    }
  return files;
}

/* A team's slice: no model, no MSEL; the deadlines' triggers known by id. */
static void
test_team_slice (void)
{
  const char *const hidden[] = { "nodes.csv", "dependencies.csv", "injects.csv", NULL };
  const char *const no_msel[] = { "injects.csv", NULL };
  g_autoptr(GHashTable) files = pack_files ("ceptoar-drill", hidden);
  g_autoptr(GHashTable) all = pack_files ("ceptoar-drill", no_msel + 1);
  g_autoptr(GHashTable) with_model = pack_files ("example", no_msel);
  g_autoptr(GPtrArray) diagnostics = new_diagnostics ();
  g_autoptr(GError) error = NULL;
  g_autoptr(OdanPack) full = NULL;
  g_autoptr(OdanPack) slice = NULL;
  g_autoptr(OdanPack) refused = NULL;
  g_autoptr(OdanPack) model = NULL;
  guint32 n, learnt;

  full = odan_pack_load_from_files ("drill", all, NULL, &error);
  g_assert_no_error (error);
  g_assert_false (full->team_slice);

  slice = odan_pack_load_team_slice ("drill", files, diagnostics, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (diagnostics->len, ==, 0);
  g_assert_true (slice->team_slice);
  g_assert_cmpuint (slice->n_nodes, ==, 0);
  g_assert_cmpuint (slice->n_edges, ==, 0);
  assert_consistent (slice);
  g_assert_cmpuint (slice->n_teams, ==, full->n_teams);
  g_assert_cmpuint (slice->n_relays, ==, full->n_relays);
  g_assert_cmpuint (slice->n_mitigations, ==, full->n_mitigations);
  for (guint i = 0; i < slice->n_mitigations; i++)
    g_assert_null (slice->mitigations[i].effects);   /* nodes it cannot see */
  g_assert_cmpuint (slice->n_deadlines, ==, full->n_deadlines);
  for (guint k = 0; k < slice->n_deadlines; k++)
    {
      const OdanInject *trigger = &slice->injects[slice->deadlines[k].trigger];

      g_assert_cmpuint (slice->deadlines[k].trigger, <, slice->n_injects);
      g_assert_cmpstr (trigger->id, ==, full->injects[full->deadlines[k].trigger].id);
      g_assert_true (isinf (trigger->time));
      g_assert_null (trigger->body);
      g_assert_null (trigger->effects);
      g_assert_cmpuint (slice->deadlines[k].team, ==, full->deadlines[k].team);
    }
  /* the MSEL's other injects are not there: a delivery teaches them */
  g_assert_cmpuint (slice->n_injects, <, full->n_injects);
  n = slice->n_injects;
  g_assert_cmpuint (odan_pack_learn_inject (slice, "D-01"), ==, odan_pack_find_inject (slice, "D-01"));
  g_assert_cmpuint (slice->n_injects, ==, n);
  learnt = odan_pack_learn_inject (slice, "ADHOC-X");
  g_assert_cmpuint (learnt, ==, n);
  g_assert_cmpuint (odan_pack_find_inject (slice, "ADHOC-X"), ==, n);
  g_assert_cmpstr (slice->injects[learnt].title, ==, "ADHOC-X");

  /* the whole-pack loader still refuses the same files */
  refused = odan_pack_load_from_files ("drill", files, NULL, &error);
  g_assert_null (refused);
  g_assert_error (error, ODAN_PACK_ERROR, ODAN_PACK_ERROR_INVALID);
  g_clear_error (&error);

  /* a table that is there is checked as in a whole pack */
  {
    static const char broken[] = "id,trigger,team,category,stage,within,label\n"
                                 "X-1,D-01,nobody,received,,0m,Nobody\n";

    g_hash_table_insert (files, g_strdup ("deadlines.csv"), g_bytes_new_static (broken, strlen (broken)));
  }
  g_ptr_array_set_size (diagnostics, 0);
  refused = odan_pack_load_team_slice ("drill", files, diagnostics, &error);
  g_assert_null (refused);
  g_assert_error (error, ODAN_PACK_ERROR, ODAN_PACK_ERROR_INVALID);
  g_assert_cmpuint (diagnostics->len, ==, 2);
  g_clear_error (&error);

  /* with the model (team-view-model), effects resolve against its nodes */
  model = odan_pack_load_team_slice ("example", with_model, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (model->n_nodes, >, 0);
  g_assert_cmpuint (model->n_injects, ==, 0);
  for (guint i = 0; i < model->n_mitigations; i++)
    g_assert_nonnull (model->mitigations[i].effects);
}

/* ------------------------------------------------------------------ */
/* The schema against scenarios/README.md */

/* The backquoted words of a README table cell. */
static GPtrArray *
quoted_words (const char *cell)
{
  GPtrArray *words = g_ptr_array_new_with_free_func (g_free);
  const char *p = cell;
  const char *open, *close;

  while ((open = strchr (p, '`')) != NULL && (close = strchr (open + 1, '`')) != NULL)
    {
      g_ptr_array_add (words, g_strndup (open + 1, (gsize) (close - open - 1)));
      p = close + 1;
    }
  return words;
}

/* The README's column table of @file ("| column | needed | …" or "| key |
 * needed | …" under the heading "## `FILE`"): column name → "yes"/"no". */
static GHashTable *
readme_columns (const char *readme,
                const char *file)
{
  g_autoptr(GHashTable) columns = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_auto(GStrv) lines = g_strsplit (readme, "\n", -1);
  g_autofree char *heading = g_strdup_printf ("## `%s`", file);
  gboolean in_section = FALSE, in_table = FALSE, done = FALSE;

  for (guint i = 0; lines[i] != NULL && !done; i++)
    {
      const char *line = lines[i];

      if (g_str_has_prefix (line, "## "))
        {
          in_section = g_str_has_prefix (line, heading);
          continue;
        }
      if (!in_section)
        continue;
      if (!in_table)
        {
          in_table = g_str_has_prefix (line, "| column | needed |") || g_str_has_prefix (line, "| key | needed |");
          continue;
        }
      if (line[0] != '|')
        {
          done = TRUE;
          continue;
        }
      if (g_str_has_prefix (line, "|---"))
        continue;
      {
        g_auto(GStrv) cells = g_strsplit (line, "|", -1);
        g_autoptr(GPtrArray) names = NULL;
        g_autoptr(GPtrArray) needed_words = NULL;
        const char *needed;

        g_assert_cmpuint (g_strv_length (cells), >=, 4);
        names = quoted_words (cells[1]);
        needed = g_strstrip (cells[2]);
        needed_words = quoted_words (needed);
        for (guint n = 0; n < names->len; n++)
          {
            const char *name = g_ptr_array_index (names, n);
            gboolean required;

            if (needed_words->len > 0)   /* "`label` yes": only the one named */
              required = g_ptr_array_find_with_equal_func (needed_words, name, g_str_equal, NULL);
            else
              required = g_str_has_prefix (needed, "yes");
            g_assert_false (g_hash_table_contains (columns, name));
            g_hash_table_insert (columns, g_strdup (name), g_strdup (required ? "yes" : "no"));
          }
      }
    }
  return g_steal_pointer (&columns);
}

/* Whether the README's table of files says @file is needed. */
static const char *
readme_file_needed (const char *readme,
                    const char *file)
{
  g_autofree char *row = g_strdup_printf ("| `%s` | ", file);
  const char *at = strstr (readme, row);

  g_assert_nonnull (at);
  at += strlen (row);
  return g_str_has_prefix (at, "yes") ? "yes" : g_str_has_prefix (at, "no") ? "no" : "?";
}

static void
test_schema_readme (void)
{
  const char *scenarios = g_getenv ("ODAN_SCENARIOS");
  g_autofree char *path = g_build_filename (scenarios != NULL ? scenarios : ODAN_SOURCE_SCENARIOS,
                                            "README.md", NULL);
  g_autofree char *readme = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (g_file_get_contents (path, &readme, NULL, &error));
  g_assert_no_error (error);

  for (guint t = 0; t < ODAN_SCHEMA_N_TABLES; t++)
    {
      const OdanTableSchema *schema = odan_pack_schema_table (t);
      g_autoptr(GHashTable) documented = readme_columns (readme, schema->file);

      g_test_message ("%s", schema->file);
      g_assert_cmpstr (readme_file_needed (readme, schema->file), ==, schema->required ? "yes" : "no");
      for (guint c = 0; c < schema->n_columns; c++)
        {
          const OdanColumnSpec *column = &schema->columns[c];
          const char *needed = g_hash_table_lookup (documented, column->name);
          g_autofree char *got = g_strdup_printf ("%s %s: %s", schema->file, column->name,
                                                  needed != NULL ? needed : "undocumented");
          g_autofree char *want = g_strdup_printf ("%s %s: %s", schema->file, column->name,
                                                   column->required ? "yes" : "no");

          g_assert_cmpstr (got, ==, want);
          g_hash_table_remove (documented, column->name);
          if (column->twin != NULL)
            g_assert_cmpint (odan_pack_schema_find_column (t, column->twin), >=, 0);
        }
      /* what is left the README documents but the schema lacks */
      if (g_hash_table_size (documented) > 0)
        {
          g_autofree char **left = (char **) g_hash_table_get_keys_as_array (documented, NULL);
          g_autofree char *undocumented = g_strdup_printf ("%s %s", schema->file, left[0]);

          g_assert_cmpstr (undocumented, ==, "no column the schema lacks");
        }
    }
}

/* Every table the loader reads is in the schema, with the columns it knows. */
static void
test_schema_loader (void)
{
  g_autofree char *dir = example_dir ();
  g_autoptr(OdanPack) pack = odan_pack_load (dir, NULL, NULL);
  g_auto(GStrv) header = NULL;
  g_autofree char *joined = NULL;

  g_assert_nonnull (pack);
  g_assert_cmpint (odan_pack_schema_find_table ("teams.csv"), ==, ODAN_SCHEMA_TEAMS);
  g_assert_cmpint (odan_pack_schema_find_table ("nothing.csv"), ==, ODAN_SCHEMA_N_TABLES);
  g_assert_cmpint (odan_pack_schema_find_column (ODAN_SCHEMA_TEAMS, "MEMBER_OF"), ==, ODAN_COL_TEAM_MEMBER_OF);
  g_assert_cmpint (odan_pack_schema_find_column (ODAN_SCHEMA_TEAMS, "weight"), ==, -1);
  /* a column of another layer stays among the extra ones */
  g_assert_cmpint (odan_pack_schema_find_column (ODAN_SCHEMA_SECTORS, "weight"), ==, ODAN_COL_SECTOR_WEIGHT);
  g_assert_true (odan_pack_schema_table (ODAN_SCHEMA_SECTORS)->columns[ODAN_COL_SECTOR_WEIGHT].extra);

  /* a new file starts with its own columns, twins beside them */
  header = odan_pack_schema_default_header (ODAN_SCHEMA_TEAMS);
  joined = g_strjoinv (",", header);
  g_assert_cmpstr (joined, ==, "id,name,name_ja,sector,ceptoar,contact,role,member_of,members,"
                   "member_received,member_read,member_spread,member_silent");
}

/* The lookups go through the loader's indexes and agree with the arrays. */
static void
test_lookups (void)
{
  g_autofree char *dir = example_dir ();
  g_autoptr(OdanPack) pack = odan_pack_load (dir, NULL, NULL);

  g_assert_nonnull (pack);
  for (guint32 i = 0; i < pack->n_nodes; i++)
    g_assert_cmpuint (odan_pack_find_node (pack, pack->nodes[i].id), ==, i);
  for (guint32 i = 0; i < pack->n_sectors; i++)
    g_assert_cmpuint (odan_pack_find_sector (pack, pack->sectors[i].id), ==, i);
  for (guint32 i = 0; i < pack->n_teams; i++)
    g_assert_cmpuint (odan_pack_find_team (pack, pack->teams[i].id), ==, i);
  for (guint32 i = 0; i < pack->n_injects; i++)
    g_assert_cmpuint (odan_pack_find_inject (pack, pack->injects[i].id), ==, i);
  for (guint32 i = 0; i < pack->n_mitigations; i++)
    g_assert_cmpuint (odan_pack_find_mitigation (pack, pack->mitigations[i].id), ==, i);
  for (guint32 i = 0; i < pack->n_pools; i++)
    g_assert_cmpuint (odan_pack_find_pool (pack, pack->pools[i].id), ==, i);
  for (guint32 i = 0; i < pack->n_deadlines; i++)
    g_assert_cmpuint (odan_pack_find_deadline (pack, pack->deadlines[i].id), ==, i);
  for (guint32 i = 0; i < pack->n_relays; i++)
    g_assert_cmpuint (odan_pack_find_relay (pack, pack->relays[i].channel), ==, i);
  g_assert_cmpuint (pack->n_nodes, >, 0);
  g_assert_cmpuint (pack->n_teams, >, 0);
  g_assert_cmpuint (pack->n_injects, >, 0);
  g_assert_cmpuint (odan_pack_find_node (pack, "no-such-node"), ==, ODAN_NONE);
  g_assert_cmpuint (odan_pack_find_team (pack, "no-such-team"), ==, ODAN_NONE);
  g_assert_cmpuint (odan_pack_find_inject (pack, "no-such-inject"), ==, ODAN_NONE);
  g_assert_cmpuint (odan_pack_find_mitigation (pack, "no-such"), ==, ODAN_NONE);
  g_assert_cmpuint (odan_pack_find_pool (pack, "no-such"), ==, ODAN_NONE);
  g_assert_cmpuint (odan_pack_find_deadline (pack, "no-such"), ==, ODAN_NONE);
  g_assert_cmpuint (odan_pack_find_relay (pack, "no-such"), ==, ODAN_NONE);
  g_assert_cmpuint (odan_pack_find_relay (pack, NULL), ==, ODAN_NONE);
}

/* A pack folder read into memory loads as the folder does; hidden files,
 * editor backups and subfolders stay out. */
static void
test_read_folder (void)
{
  g_autofree char *source = example_dir ();
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("odan-test-pack-XXXXXX", &error);
  g_autoptr(GHashTable) source_files = NULL;
  g_autoptr(GHashTable) files = NULL;
  g_autoptr(OdanPack) pack = NULL;
  GHashTableIter iter;
  gpointer name, bytes;
  const char *extra[] = { ".hidden.csv", "nodes.csv~", "sub/x.csv" };

  g_assert_no_error (error);
  source_files = odan_pack_read_folder (source, &error);
  g_assert_no_error (error);
  g_assert_true (g_hash_table_contains (source_files, "scenario.ini"));
  g_assert_true (g_hash_table_contains (source_files, "nodes.csv"));

  g_hash_table_iter_init (&iter, source_files);
  while (g_hash_table_iter_next (&iter, &name, &bytes))
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);

      g_assert_true (g_file_set_contents (path, g_bytes_get_data (bytes, NULL),
                                          (gssize) g_bytes_get_size (bytes), NULL));
    }
  for (guint i = 0; i < G_N_ELEMENTS (extra); i++)
    {
      g_autofree char *path = g_build_filename (dir, extra[i], NULL);
      g_autofree char *parent = g_path_get_dirname (path);

      g_assert_cmpint (g_mkdir_with_parents (parent, 0700), ==, 0);
      g_assert_true (g_file_set_contents (path, "x", -1, NULL));
    }

  files = odan_pack_read_folder (dir, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_hash_table_size (files), ==, g_hash_table_size (source_files));
  for (guint i = 0; i < G_N_ELEMENTS (extra); i++)
    g_assert_false (g_hash_table_contains (files, extra[i]));
  g_assert_false (g_hash_table_contains (files, "sub"));
  pack = odan_pack_load_from_files ("example", files, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (pack);

  g_assert_null (odan_pack_read_folder ("/nonexistent/odan-pack", &error));
  g_assert_nonnull (error);

  for (guint i = 0; i < G_N_ELEMENTS (extra); i++)
    {
      g_autofree char *path = g_build_filename (dir, extra[i], NULL);

      g_remove (path);
    }
  g_hash_table_iter_init (&iter, source_files);
  while (g_hash_table_iter_next (&iter, &name, NULL))
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);

      g_remove (path);
    }
  {
    g_autofree char *sub = g_build_filename (dir, "sub", NULL);

    g_rmdir (sub);
  }
  g_assert_cmpint (g_rmdir (dir), ==, 0);
}

/* The dependency types are the nicks of OdanDepType, read in any case. */
static void
test_dep_types (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) diagnostics = new_diagnostics ();
  g_autoptr(GHashTable) files = g_hash_table_new_full (g_str_hash, g_str_equal, NULL,
                                                       (GDestroyNotify) g_bytes_unref);
  g_autoptr(OdanPack) pack = NULL;
  static const char deps[] =
    "provider,dependent,type,strength\n"
    "a,b,physical,1\n" "b,c,CYBER,1\n" "c,d,Geographic,1\n" "d,e,logical,1\n" "e,a,logic,1\n";

  static const char ini[] = "[scenario]\nid=t\ntitle=T\nstart=2015-12-08T09:00+09:00\nduration=1h\n";
  static const char sectors[] = "id,name\ns,S\n";
  static const char nodes[] = "id,sector,name\na,s,A\nb,s,B\nc,s,C\nd,s,D\ne,s,E\n";

  g_hash_table_insert (files, "scenario.ini", g_bytes_new_static (ini, sizeof ini - 1));
  g_hash_table_insert (files, "sectors.csv", g_bytes_new_static (sectors, sizeof sectors - 1));
  g_hash_table_insert (files, "nodes.csv", g_bytes_new_static (nodes, sizeof nodes - 1));
  g_hash_table_insert (files, "dependencies.csv", g_bytes_new_static (deps, sizeof deps - 1));
  pack = odan_pack_load_from_files ("types", files, diagnostics, &error);
  g_assert_null (pack);
  g_assert_cmpuint (diagnostics->len, ==, 1);
  {
    g_autofree char *text = odan_diagnostic_format (g_ptr_array_index (diagnostics, 0));

    g_assert_nonnull (strstr (text, "dependencies.csv:6:"));
    g_assert_nonnull (strstr (text, "'logic'"));
  }

  /* without the bad row the four types load */
  g_clear_error (&error);
  g_ptr_array_set_size (diagnostics, 0);
  g_hash_table_insert (files, "dependencies.csv", g_bytes_new_static (deps, sizeof deps - 1 - strlen ("e,a,logic,1\n")));
  pack = odan_pack_load_from_files ("types", files, diagnostics, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (pack->n_edges, ==, 4);
  for (guint32 e = 0; e < pack->n_edges; e++)
    g_assert_cmpint (pack->edges[e].type, ==, (OdanDepType) e);
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/data/pack/example", test_example);
  g_test_add_func ("/data/pack/multi-error", test_multi_error);
  g_test_add_func ("/data/pack/restart-below", test_restart_below);
  g_test_add_func ("/data/pack/resupply", test_resupply);
  g_test_add_func ("/data/pack/missing-columns", test_missing_columns);
  g_test_add_func ("/data/pack/reserved-ids", test_reserved_ids);
  g_test_add_func ("/data/pack/bad-ini", test_bad_ini);
  g_test_add_func ("/data/pack/bad-csv", test_bad_csv);
  g_test_add_func ("/data/pack/warnings-only", test_warnings_only);
  g_test_add_func ("/data/pack/cp932", test_cp932);
  g_test_add_func ("/data/pack/not-a-folder", test_not_a_folder);
  g_test_add_func ("/data/pack/missing-files", test_missing_files);
  g_test_add_func ("/data/pack/scenario-group", test_scenario_group);
  g_test_add_func ("/data/pack/big-split", test_big_split);
  g_test_add_func ("/data/pack/localized", test_localized);
  g_test_add_func ("/data/pack/regions", test_regions);
  g_test_add_func ("/data/pack/team-slice", test_team_slice);
  g_test_add_func ("/data/pack/schema-readme", test_schema_readme);
  g_test_add_func ("/data/pack/schema-loader", test_schema_loader);
  g_test_add_func ("/data/pack/lookups", test_lookups);
  g_test_add_func ("/data/pack/dep-types", test_dep_types);
  g_test_add_func ("/data/pack/read-folder", test_read_folder);

  return g_test_run ();
}

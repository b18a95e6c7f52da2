/* odan-pack-schema.c — the columns of every file of a scenario pack
 *
 * The tables below are the format; scenarios/README.md documents them for
 * authors and tests/data/test-pack-schema.c fails when the two disagree.
 * Column order is the loader's: it is the order a pack written without a
 * header gets, so it only grows at the end.
 */
#define G_LOG_DOMAIN "odan-pack"

#include "odan-pack-schema.h"

#include <string.h>

#define REQ(name, type)              { name, TRUE, ODAN_COLUMN_##type, NULL, 0, FALSE }
#define OPT(name, type)              { name, FALSE, ODAN_COLUMN_##type, NULL, 0, FALSE }
#define REQ_TWIN(name, type, twin)   { name, TRUE, ODAN_COLUMN_##type, twin, 0, FALSE }
#define OPT_TWIN(name, type, twin)   { name, FALSE, ODAN_COLUMN_##type, twin, 0, FALSE }
#define REQ_REF(name, type, table)   { name, TRUE, ODAN_COLUMN_##type, NULL, ODAN_SCHEMA_##table, FALSE }
#define OPT_REF(name, type, table)   { name, FALSE, ODAN_COLUMN_##type, NULL, ODAN_SCHEMA_##table, FALSE }

static const OdanColumnSpec scenario_columns[ODAN_N_SCENARIO_COLUMNS] = {
  REQ ("id", TEXT),
  REQ_TWIN ("title", TEXT, "title[ja]"),
  OPT ("title[ja]", TEXT),
  REQ ("start", DATETIME),
  REQ ("duration", DURATION),
  OPT_TWIN ("description", TEXT, "description[ja]"),
  OPT ("description[ja]", TEXT),
  OPT ("team-view-model", BOOLEAN),
  OPT ("seed", COUNT),
  /* HSEEP's exercise overview */
  OPT_TWIN ("mission-area", TEXT, "mission-area[ja]"),
  OPT ("mission-area[ja]", TEXT),
  OPT_TWIN ("threat-hazard", TEXT, "threat-hazard[ja]"),
  OPT ("threat-hazard[ja]", TEXT),
  OPT_TWIN ("sponsor", TEXT, "sponsor[ja]"),
  OPT ("sponsor[ja]", TEXT),
  OPT_TWIN ("point-of-contact", TEXT, "point-of-contact[ja]"),
  OPT ("point-of-contact[ja]", TEXT),
};

static const OdanColumnSpec sector_columns[ODAN_N_SECTOR_COLUMNS] = {
  REQ ("id", ID),
  REQ_TWIN ("name", TEXT, "name_ja"),
  OPT ("name_ja", TEXT),
  OPT ("ministry", TEXT),
  /* the counterfactual's weight (engine/review): the pack keeps it as an extra column */
  { "weight", FALSE, ODAN_COLUMN_NUMBER, NULL, 0, TRUE },
};

static const OdanColumnSpec node_columns[ODAN_N_NODE_COLUMNS] = {
  REQ ("id", ID),
  REQ_REF ("sector", REFERENCE, SECTORS),
  REQ_TWIN ("name", TEXT, "name_ja"),
  OPT ("region", TEXT),
  OPT_REF ("team", REFERENCE, TEAMS),
  OPT ("name_ja", TEXT),
  OPT_TWIN ("notes", TEXT, "notes_ja"),
  OPT ("notes_ja", TEXT),
};

static const OdanColumnSpec edge_columns[ODAN_N_EDGE_COLUMNS] = {
  REQ_REF ("provider", REFERENCE, NODES),
  REQ_REF ("dependent", REFERENCE, NODES),
  REQ ("type", WORD),
  REQ ("strength", NUMBER),
  OPT ("buffer", DURATION),
  OPT ("lag", DURATION),
  OPT ("restart", DURATION),
  OPT ("coverage", NUMBER),
  OPT ("group", TEXT),
  OPT ("source", TEXT),
  OPT ("restart_below", NUMBER),
};

static const OdanColumnSpec team_columns[ODAN_N_TEAM_COLUMNS] = {
  REQ ("id", ID),
  REQ_TWIN ("name", TEXT, "name_ja"),
  OPT ("name_ja", TEXT),
  OPT_REF ("sector", REFERENCE, SECTORS),
  OPT ("ceptoar", TEXT),
  OPT ("contact", TEXT),
  OPT ("role", WORD),
  OPT_REF ("member_of", REFERENCE, TEAMS),
  OPT ("members", COUNT),
  OPT ("member_received", DURATION),
  OPT ("member_read", DURATION),
  OPT ("member_spread", NUMBER),
  OPT ("member_silent", NUMBER),
};

static const OdanColumnSpec inject_columns[ODAN_N_INJECT_COLUMNS] = {
  REQ ("id", ID),
  REQ ("time", TIME),
  REQ_REF ("to", REFERENCES, TEAMS),
  REQ_TWIN ("title", TEXT, "title_ja"),
  OPT ("title_ja", TEXT),
  OPT_TWIN ("from", TEXT, "from_ja"),
  OPT ("channel", TEXT),
  OPT_TWIN ("body", TEXT, "body_ja"),
  OPT_TWIN ("expected_action", TEXT, "expected_action_ja"),
  OPT_TWIN ("objective", TEXT, "objective_ja"),
  OPT ("effect", EFFECT),
  OPT ("sharing", TEXT),
  /* the language twins of what participants read, after the columns above
   * so that a pack written without a header keeps its order */
  OPT ("from_ja", TEXT),
  OPT ("body_ja", TEXT),
  OPT ("expected_action_ja", TEXT),
  OPT ("objective_ja", TEXT),
  /* HSEEP's MSEL columns for the control cell (teams never see them) */
  OPT ("event_type", TEXT),
  OPT ("responsible_controller", TEXT),
  OPT ("evaluator_instructions", TEXT),
};

static const OdanColumnSpec mitigation_columns[ODAN_N_MIT_COLUMNS] = {
  REQ ("id", ID),
  REQ_TWIN ("label", TEXT, "label_ja"),
  REQ ("effect", EFFECT),
  OPT_REF ("team", REFERENCE, TEAMS),
  OPT ("delay", DURATION),
  OPT ("label_ja", TEXT),
  OPT_REF ("pool", REFERENCE, POOLS),
  OPT ("uses", COUNT),
};

static const OdanColumnSpec pool_columns[ODAN_N_POOL_COLUMNS] = {
  REQ ("id", ID),
  REQ_TWIN ("name", TEXT, "name_ja"),
  REQ ("capacity", COUNT),
  OPT ("name_ja", TEXT),
};

static const OdanColumnSpec relay_columns[ODAN_N_RELAY_COLUMNS] = {
  REQ ("channel", ID),
  REQ ("latency", DURATION),
};

static const OdanColumnSpec deadline_columns[ODAN_N_DEADLINE_COLUMNS] = {
  REQ ("id", ID),
  REQ_REF ("trigger", REFERENCE, INJECTS),
  OPT_REF ("team", REFERENCE, TEAMS),
  REQ ("category", WORD),
  OPT ("stage", WORD),
  REQ ("within", DURATION),
  REQ_TWIN ("label", TEXT, "label_ja"),
  OPT ("label_ja", TEXT),
  OPT ("role", WORD),
  OPT ("recipients", TEXT),
};

/* The display names of the regions nodes.csv names: the ids stay the
 * selectors' words, the names are what people read. */
static const OdanColumnSpec region_columns[ODAN_N_REGION_COLUMNS] = {
  REQ ("id", ID),
  REQ_TWIN ("name", TEXT, "name_ja"),
  OPT ("name_ja", TEXT),
};

/* Deliveries that refill an edge's buffer (SEMANTICS.md §14). */
static const OdanColumnSpec resupply_columns[ODAN_N_RESUPPLY_COLUMNS] = {
  REQ_REF ("provider", REFERENCE, NODES),
  REQ_REF ("dependent", REFERENCE, NODES),
  REQ_REF ("trucks", REFERENCE, POOLS),
  OPT_REF ("stock", REFERENCE, POOLS),
  REQ ("load", DURATION),
  OPT ("capacity", DURATION),
  OPT ("reorder", DURATION),
  REQ ("travel", DURATION),
  OPT ("turnaround", DURATION),
  OPT_REF ("route", REFERENCES, NODES),
  OPT ("route_min", NUMBER),
  OPT ("priority", COUNT),
  OPT ("source", TEXT),
};

#define TABLE(file, required, columns) { file, required, columns, G_N_ELEMENTS (columns) }

static const OdanTableSchema tables[ODAN_SCHEMA_N_TABLES] = {
  [ODAN_SCHEMA_SCENARIO] = TABLE ("scenario.ini", TRUE, scenario_columns),
  [ODAN_SCHEMA_SECTORS] = TABLE ("sectors.csv", TRUE, sector_columns),
  [ODAN_SCHEMA_TEAMS] = TABLE ("teams.csv", FALSE, team_columns),
  [ODAN_SCHEMA_NODES] = TABLE ("nodes.csv", TRUE, node_columns),
  [ODAN_SCHEMA_DEPENDENCIES] = TABLE ("dependencies.csv", TRUE, edge_columns),
  [ODAN_SCHEMA_INJECTS] = TABLE ("injects.csv", FALSE, inject_columns),
  [ODAN_SCHEMA_POOLS] = TABLE ("pools.csv", FALSE, pool_columns),
  [ODAN_SCHEMA_MITIGATIONS] = TABLE ("mitigations.csv", FALSE, mitigation_columns),
  [ODAN_SCHEMA_RELAY] = TABLE ("relay.csv", FALSE, relay_columns),
  [ODAN_SCHEMA_DEADLINES] = TABLE ("deadlines.csv", FALSE, deadline_columns),
  [ODAN_SCHEMA_REGIONS] = TABLE ("regions.csv", FALSE, region_columns),
  [ODAN_SCHEMA_RESUPPLY] = TABLE ("resupply.csv", FALSE, resupply_columns),
};

G_STATIC_ASSERT (G_N_ELEMENTS (inject_columns) <= ODAN_SCHEMA_MAX_COLUMNS);
G_STATIC_ASSERT (G_N_ELEMENTS (scenario_columns) <= ODAN_SCHEMA_MAX_COLUMNS);

const OdanTableSchema *
odan_pack_schema_table (OdanSchemaTable table)
{
  g_return_val_if_fail (table < ODAN_SCHEMA_N_TABLES, NULL);
  return &tables[table];
}

OdanSchemaTable
odan_pack_schema_find_table (const char *file)
{
  g_return_val_if_fail (file != NULL, ODAN_SCHEMA_N_TABLES);

  for (guint t = 0; t < ODAN_SCHEMA_N_TABLES; t++)
    if (strcmp (tables[t].file, file) == 0)
      return t;
  return ODAN_SCHEMA_N_TABLES;
}

int
odan_pack_schema_find_column (OdanSchemaTable  table,
                              const char      *name)
{
  g_return_val_if_fail (table < ODAN_SCHEMA_N_TABLES, -1);
  g_return_val_if_fail (name != NULL, -1);

  for (guint c = 0; c < tables[table].n_columns; c++)
    if (g_ascii_strcasecmp (tables[table].columns[c].name, name) == 0)
      return (int) c;
  return -1;
}

static gboolean
is_twin (const OdanTableSchema *schema,
         const char            *name)
{
  for (guint c = 0; c < schema->n_columns; c++)
    if (g_strcmp0 (schema->columns[c].twin, name) == 0)
      return TRUE;
  return FALSE;
}

char **
odan_pack_schema_default_header (OdanSchemaTable table)
{
  const OdanTableSchema *schema;
  GPtrArray *header;

  g_return_val_if_fail (table < ODAN_SCHEMA_N_TABLES, NULL);

  schema = &tables[table];
  header = g_ptr_array_new ();
  for (guint c = 0; c < schema->n_columns; c++)
    {
      const OdanColumnSpec *column = &schema->columns[c];

      if (column->extra || is_twin (schema, column->name))
        continue;
      g_ptr_array_add (header, g_strdup (column->name));
      if (column->twin != NULL)
        g_ptr_array_add (header, g_strdup (column->twin));
    }
  g_ptr_array_add (header, NULL);
  return (char **) g_ptr_array_free (header, FALSE);
}

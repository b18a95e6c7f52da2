/* odan-pack-schema.h — the one description of a scenario pack's files
 *
 * Every table of a pack (scenario.ini's keys and each CSV file the loader
 * reads) with its columns: name, whether it is required, the kind of value
 * it holds and its language twin (name → name_ja). The loader matches
 * headers against it, the writer and the scenario editor take their
 * columns from it, and a test checks scenarios/README.md against it.
 *
 * The column enums below are the positions of the columns in their table,
 * so code that reads one column names it (ODAN_COL_TEAM_MEMBER_OF) rather
 * than counting.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef enum {
  ODAN_SCHEMA_SCENARIO,       /* scenario.ini, group [scenario] */
  ODAN_SCHEMA_SECTORS,
  ODAN_SCHEMA_TEAMS,
  ODAN_SCHEMA_NODES,
  ODAN_SCHEMA_DEPENDENCIES,
  ODAN_SCHEMA_INJECTS,
  ODAN_SCHEMA_POOLS,
  ODAN_SCHEMA_MITIGATIONS,
  ODAN_SCHEMA_RELAY,
  ODAN_SCHEMA_DEADLINES,
  ODAN_SCHEMA_REGIONS,
  ODAN_SCHEMA_RESUPPLY,
  ODAN_SCHEMA_N_TABLES
} OdanSchemaTable;

/* What a column holds, as the loader reads it. */
typedef enum {
  ODAN_COLUMN_TEXT,           /* free text */
  ODAN_COLUMN_ID,             /* the row's own id, unique in the table */
  ODAN_COLUMN_REFERENCE,      /* the id of a row of @references */
  ODAN_COLUMN_REFERENCES,     /* ids of @references separated by ';' (or a keyword) */
  ODAN_COLUMN_NUMBER,         /* a plain decimal number */
  ODAN_COLUMN_COUNT,          /* a whole number of units */
  ODAN_COLUMN_DURATION,       /* a duration: 1d6h30m, 45m… */
  ODAN_COLUMN_TIME,           /* an inject time: +2h, a date-time… */
  ODAN_COLUMN_DATETIME,       /* a date-time with its UTC offset */
  ODAN_COLUMN_BOOLEAN,        /* true or false */
  ODAN_COLUMN_WORD,           /* one of a fixed set of words (a dependency type…) */
  ODAN_COLUMN_EFFECT,         /* effects on the model (odan-effect.h) */
} OdanColumnType;

typedef struct {
  const char      *name;
  gboolean         required;   /* the column (for scenario.ini: the key) must be there */
  OdanColumnType   type;
  const char      *twin;       /* the column holding its Japanese text, or NULL */
  OdanSchemaTable  references; /* for REFERENCE(S): the table referred to */
  gboolean         extra;      /* read by another layer from the extra columns
                                * (sectors' weight, by the review): the loader
                                * and the writer keep it as an unknown column */
} OdanColumnSpec;

typedef struct {
  const char           *file;       /* "sectors.csv", "scenario.ini" */
  gboolean              required;   /* the file must be in a whole pack */
  const OdanColumnSpec *columns;
  guint                 n_columns;
} OdanTableSchema;

enum { ODAN_COL_SCENARIO_ID, ODAN_COL_SCENARIO_TITLE, ODAN_COL_SCENARIO_TITLE_JA,
       ODAN_COL_SCENARIO_START, ODAN_COL_SCENARIO_DURATION, ODAN_COL_SCENARIO_DESCRIPTION,
       ODAN_COL_SCENARIO_DESCRIPTION_JA, ODAN_COL_SCENARIO_TEAM_VIEW_MODEL, ODAN_COL_SCENARIO_SEED,
       ODAN_COL_SCENARIO_MISSION_AREA, ODAN_COL_SCENARIO_MISSION_AREA_JA,
       ODAN_COL_SCENARIO_THREAT_HAZARD, ODAN_COL_SCENARIO_THREAT_HAZARD_JA,
       ODAN_COL_SCENARIO_SPONSOR, ODAN_COL_SCENARIO_SPONSOR_JA,
       ODAN_COL_SCENARIO_POC, ODAN_COL_SCENARIO_POC_JA,
       ODAN_N_SCENARIO_COLUMNS };

enum { ODAN_COL_SECTOR_ID, ODAN_COL_SECTOR_NAME, ODAN_COL_SECTOR_NAME_JA,
       ODAN_COL_SECTOR_MINISTRY, ODAN_COL_SECTOR_WEIGHT, ODAN_N_SECTOR_COLUMNS };

enum { ODAN_COL_NODE_ID, ODAN_COL_NODE_SECTOR, ODAN_COL_NODE_NAME, ODAN_COL_NODE_REGION,
       ODAN_COL_NODE_TEAM, ODAN_COL_NODE_NAME_JA, ODAN_COL_NODE_NOTES, ODAN_COL_NODE_NOTES_JA,
       ODAN_N_NODE_COLUMNS };

enum { ODAN_COL_EDGE_PROVIDER, ODAN_COL_EDGE_DEPENDENT, ODAN_COL_EDGE_TYPE,
       ODAN_COL_EDGE_STRENGTH, ODAN_COL_EDGE_BUFFER, ODAN_COL_EDGE_LAG, ODAN_COL_EDGE_RESTART,
       ODAN_COL_EDGE_COVERAGE, ODAN_COL_EDGE_GROUP, ODAN_COL_EDGE_SOURCE,
       ODAN_COL_EDGE_RESTART_BELOW, ODAN_N_EDGE_COLUMNS };

enum { ODAN_COL_TEAM_ID, ODAN_COL_TEAM_NAME, ODAN_COL_TEAM_NAME_JA, ODAN_COL_TEAM_SECTOR,
       ODAN_COL_TEAM_CEPTOAR, ODAN_COL_TEAM_CONTACT, ODAN_COL_TEAM_ROLE,
       ODAN_COL_TEAM_MEMBER_OF, ODAN_COL_TEAM_MEMBERS, ODAN_COL_TEAM_MEMBER_RECEIVED,
       ODAN_COL_TEAM_MEMBER_READ, ODAN_COL_TEAM_MEMBER_SPREAD, ODAN_COL_TEAM_MEMBER_SILENT,
       ODAN_N_TEAM_COLUMNS };

enum { ODAN_COL_INJECT_ID, ODAN_COL_INJECT_TIME, ODAN_COL_INJECT_TO, ODAN_COL_INJECT_TITLE,
       ODAN_COL_INJECT_TITLE_JA, ODAN_COL_INJECT_FROM, ODAN_COL_INJECT_CHANNEL,
       ODAN_COL_INJECT_BODY, ODAN_COL_INJECT_EXPECTED_ACTION, ODAN_COL_INJECT_OBJECTIVE,
       ODAN_COL_INJECT_EFFECT, ODAN_COL_INJECT_SHARING, ODAN_COL_INJECT_FROM_JA,
       ODAN_COL_INJECT_BODY_JA, ODAN_COL_INJECT_EXPECTED_ACTION_JA, ODAN_COL_INJECT_OBJECTIVE_JA,
       ODAN_COL_INJECT_EVENT_TYPE, ODAN_COL_INJECT_CONTROLLER,
       ODAN_COL_INJECT_EVALUATOR_INSTRUCTIONS, ODAN_N_INJECT_COLUMNS };

enum { ODAN_COL_MIT_ID, ODAN_COL_MIT_LABEL, ODAN_COL_MIT_EFFECT, ODAN_COL_MIT_TEAM,
       ODAN_COL_MIT_DELAY, ODAN_COL_MIT_LABEL_JA, ODAN_COL_MIT_POOL, ODAN_COL_MIT_USES,
       ODAN_N_MIT_COLUMNS };

enum { ODAN_COL_POOL_ID, ODAN_COL_POOL_NAME, ODAN_COL_POOL_CAPACITY, ODAN_COL_POOL_NAME_JA,
       ODAN_N_POOL_COLUMNS };

enum { ODAN_COL_RELAY_CHANNEL, ODAN_COL_RELAY_LATENCY, ODAN_N_RELAY_COLUMNS };

enum { ODAN_COL_DEADLINE_ID, ODAN_COL_DEADLINE_TRIGGER, ODAN_COL_DEADLINE_TEAM,
       ODAN_COL_DEADLINE_CATEGORY, ODAN_COL_DEADLINE_STAGE, ODAN_COL_DEADLINE_WITHIN,
       ODAN_COL_DEADLINE_LABEL, ODAN_COL_DEADLINE_LABEL_JA, ODAN_COL_DEADLINE_ROLE,
       ODAN_COL_DEADLINE_RECIPIENTS, ODAN_N_DEADLINE_COLUMNS };

enum { ODAN_COL_REGION_ID, ODAN_COL_REGION_NAME, ODAN_COL_REGION_NAME_JA,
       ODAN_N_REGION_COLUMNS };

enum { ODAN_COL_RESUPPLY_PROVIDER, ODAN_COL_RESUPPLY_DEPENDENT, ODAN_COL_RESUPPLY_TRUCKS,
       ODAN_COL_RESUPPLY_STOCK, ODAN_COL_RESUPPLY_LOAD, ODAN_COL_RESUPPLY_CAPACITY,
       ODAN_COL_RESUPPLY_REORDER, ODAN_COL_RESUPPLY_TRAVEL, ODAN_COL_RESUPPLY_TURNAROUND,
       ODAN_COL_RESUPPLY_ROUTE, ODAN_COL_RESUPPLY_ROUTE_MIN, ODAN_COL_RESUPPLY_PRIORITY,
       ODAN_COL_RESUPPLY_SOURCE, ODAN_N_RESUPPLY_COLUMNS };

/* The largest n_columns of any table. */
#define ODAN_SCHEMA_MAX_COLUMNS 24

const OdanTableSchema *odan_pack_schema_table  (OdanSchemaTable table);
/* The table of file @file ("teams.csv"), or ODAN_SCHEMA_N_TABLES. */
OdanSchemaTable        odan_pack_schema_find_table (const char *file);
/* The position of column @name in @table, without regard to case; -1
 * when @table has no such column. */
int                    odan_pack_schema_find_column (OdanSchemaTable  table,
                                                     const char      *name);
/* The columns a new file of @table starts with, in the order an author
 * reads them: the table's own columns, each twin right after its column,
 * without the extra ones. A new NULL-terminated array. */
char                 **odan_pack_schema_default_header (OdanSchemaTable table);

G_END_DECLS

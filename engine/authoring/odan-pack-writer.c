/* odan-pack-writer.c — a loaded pack back to CSV files
 *
 * Each table is described by its known column names; a cell is produced by
 * one switch per table from the row struct (references back to ids,
 * numbers and durations formatted so the loader reads the same value) or,
 * for a column Odan does not know, from the row's extra values. Column
 * order comes from the header the loader recorded (OdanExtraColumns.header).
 * Files the writer has no table for (relay.csv, deadlines.csv, regions.csv, sources)
 * are copied byte for byte when the pack is written to another folder.
 * Text goes through odan_csv_write_field(), i.e. libcsv's csv_write().
 */
#define G_LOG_DOMAIN "odan-pack"

#include "odan-pack-writer.h"
#include "odan-csv.h"
#include "odan-enum.h"
#include "odan-model-enums.h"
#include "odan-msel-time.h"
#include "odan-pack-schema.h"
#include "odan-xlsx.h"

#include <errno.h>
#include <gio/gio.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <math.h>
#include <string.h>

/* Each table the writer writes, as the schema knows it. */
static const OdanSchemaTable schema_tables[ODAN_PACK_N_TABLES] = {
  ODAN_SCHEMA_SECTORS, ODAN_SCHEMA_NODES, ODAN_SCHEMA_DEPENDENCIES, ODAN_SCHEMA_TEAMS,
  ODAN_SCHEMA_INJECTS, ODAN_SCHEMA_MITIGATIONS, ODAN_SCHEMA_POOLS,
};

static const OdanTableSchema *
table_schema (OdanPackTable table)
{
  return odan_pack_schema_table (schema_tables[table]);
}

OdanSchemaTable
odan_pack_table_schema (OdanPackTable table)
{
  g_return_val_if_fail (table < ODAN_PACK_N_TABLES, ODAN_SCHEMA_N_TABLES);
  return schema_tables[table];
}

const char *
odan_pack_table_file (OdanPackTable table)
{
  g_return_val_if_fail (table < ODAN_PACK_N_TABLES, NULL);
  return table_schema (table)->file;
}

static const OdanExtraColumns *
table_extra (const OdanPack *pack,
             OdanPackTable   table)
{
  switch (table)
    {
    case ODAN_PACK_TABLE_SECTORS:      return &pack->sector_extra;
    case ODAN_PACK_TABLE_NODES:        return &pack->node_extra;
    case ODAN_PACK_TABLE_DEPENDENCIES: return &pack->edge_extra;
    case ODAN_PACK_TABLE_TEAMS:        return &pack->team_extra;
    case ODAN_PACK_TABLE_INJECTS:      return &pack->inject_extra;
    case ODAN_PACK_TABLE_MITIGATIONS:  return &pack->mitigation_extra;
    case ODAN_PACK_TABLE_POOLS:        return &pack->pool_extra;
    case ODAN_PACK_N_TABLES:
    default:
      g_return_val_if_reached (NULL);
    }
}

guint
odan_pack_table_n_rows (const OdanPack *pack,
                        OdanPackTable   table)
{
  g_return_val_if_fail (pack != NULL, 0);

  switch (table)
    {
    case ODAN_PACK_TABLE_SECTORS:      return pack->n_sectors;
    case ODAN_PACK_TABLE_NODES:        return pack->n_nodes;
    case ODAN_PACK_TABLE_DEPENDENCIES: return pack->n_edges;
    case ODAN_PACK_TABLE_TEAMS:        return pack->n_teams;
    case ODAN_PACK_TABLE_INJECTS:      return pack->n_injects;
    case ODAN_PACK_TABLE_MITIGATIONS:  return pack->n_mitigations;
    case ODAN_PACK_TABLE_POOLS:        return pack->n_pools;
    case ODAN_PACK_N_TABLES:
    default:
      g_return_val_if_reached (0);
    }
}

char **
odan_pack_table_columns (const OdanPack *pack,
                         OdanPackTable   table)
{
  const OdanExtraColumns *extra;
  GPtrArray *columns;

  g_return_val_if_fail (pack != NULL, NULL);
  g_return_val_if_fail (table < ODAN_PACK_N_TABLES, NULL);

  extra = table_extra (pack, table);
  if (extra->header != NULL)
    return g_strdupv (extra->header);

  columns = g_ptr_array_new ();
  for (guint i = 0; i < table_schema (table)->n_columns; i++)
    if (!table_schema (table)->columns[i].extra)
      g_ptr_array_add (columns, g_strdup (table_schema (table)->columns[i].name));
  for (guint i = 0; i < extra->n_columns; i++)
    g_ptr_array_add (columns, g_strdup (extra->names[i]));
  g_ptr_array_add (columns, NULL);
  return (char **) g_ptr_array_free (columns, FALSE);
}

char *
odan_pack_format_duration (double minutes)
{
  g_autofree char *relative = odan_msel_time_format_relative (minutes);

  return g_strdup (relative + 1);   /* without the "+" */
}

/* The shortest decimal that reads back as @v. */
static char *
format_number (double v)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];

  for (int digits = 15; digits <= 17; digits++)
    {
      char format[8];

      g_snprintf (format, sizeof format, "%%.%dg", digits);
      g_ascii_formatd (buf, sizeof buf, format, v);
      if (g_ascii_strtod (buf, NULL) == v)
        break;
    }
  return g_strdup (buf);
}

static char *
dup_or_null (const char *s)
{
  return s != NULL && s[0] != '\0' ? g_strdup (s) : NULL;
}

static const char *
dep_type_name (OdanDepType type)
{
  return odan_enum_to_nick (ODAN_TYPE_DEP_TYPE, type);
}

static char *
team_id (const OdanPack *pack,
         guint32         team)
{
  return team != ODAN_NONE && team < pack->n_teams ? g_strdup (pack->teams[team].id) : NULL;
}

static char *
duration_or_null (double minutes)
{
  return minutes != 0.0 ? odan_pack_format_duration (minutes) : NULL;
}

/* Index of @column among the columns of @table the pack has a field
 * for, or -1 (an extra one of the schema is kept among the extra values). */
static int
known_index (OdanPackTable  table,
             const char    *column)
{
  int c = odan_pack_schema_find_column (schema_tables[table], column);

  return c >= 0 && !table_schema (table)->columns[c].extra ? c : -1;
}

static char *
sector_cell (const OdanPack *pack,
             guint           r,
             int             c)
{
  const OdanSector *s = &pack->sectors[r];

  switch (c)
    {
    case ODAN_COL_SECTOR_ID:       return dup_or_null (s->id);
    case ODAN_COL_SECTOR_NAME:     return dup_or_null (s->name);
    case ODAN_COL_SECTOR_NAME_JA:  return dup_or_null (s->name_ja);
    case ODAN_COL_SECTOR_MINISTRY: return dup_or_null (s->ministry);
    default:                       return NULL;
    }
}

static char *
node_cell (const OdanPack *pack,
           guint           r,
           int             c)
{
  const OdanNode *n = &pack->nodes[r];

  switch (c)
    {
    case ODAN_COL_NODE_ID:      return dup_or_null (n->id);
    case ODAN_COL_NODE_SECTOR:  return n->sector < pack->n_sectors ? g_strdup (pack->sectors[n->sector].id) : NULL;
    case ODAN_COL_NODE_NAME:    return dup_or_null (n->name);
    case ODAN_COL_NODE_REGION:  return n->region != ODAN_NONE && n->region < pack->n_regions
                                       ? g_strdup (pack->regions[n->region]) : NULL;
    case ODAN_COL_NODE_TEAM:    return team_id (pack, n->team);
    case ODAN_COL_NODE_NAME_JA: return dup_or_null (n->name_ja);
    case ODAN_COL_NODE_NOTES:   return dup_or_null (n->notes);
    case ODAN_COL_NODE_NOTES_JA: return dup_or_null (n->notes_ja);
    default:                    return NULL;
    }
}

static char *
edge_cell (const OdanPack *pack,
           guint           r,
           int             c)
{
  const OdanEdge *e = &pack->edges[r];

  switch (c)
    {
    case ODAN_COL_EDGE_PROVIDER:  return g_strdup (pack->nodes[e->provider].id);
    case ODAN_COL_EDGE_DEPENDENT: return g_strdup (pack->nodes[e->dependent].id);
    case ODAN_COL_EDGE_TYPE:      return g_strdup (dep_type_name (e->type));
    case ODAN_COL_EDGE_STRENGTH:  return format_number (e->strength);
    case ODAN_COL_EDGE_BUFFER:    return duration_or_null (e->buffer);
    case ODAN_COL_EDGE_LAG:       return duration_or_null (e->lag);
    case ODAN_COL_EDGE_RESTART:   return duration_or_null (e->restart);
    case ODAN_COL_EDGE_COVERAGE:  return e->coverage != 1.0 ? format_number (e->coverage) : NULL;
    case ODAN_COL_EDGE_GROUP:     return e->group != ODAN_NONE && e->group < pack->n_groups
                                         ? g_strdup (pack->groups[e->group]) : NULL;
    case ODAN_COL_EDGE_SOURCE:    return dup_or_null (e->source);
    case ODAN_COL_EDGE_RESTART_BELOW:
      {
        double below = odan_pack_edge_restart_below (pack, r);
        return below > 0.0 ? format_number (below) : NULL;
      }
    default:                      return NULL;
    }
}

static char *
team_cell (const OdanPack *pack,
           guint           r,
           int             c)
{
  const OdanTeam *t = &pack->teams[r];

  switch (c)
    {
    case ODAN_COL_TEAM_ID:        return dup_or_null (t->id);
    case ODAN_COL_TEAM_NAME:      return dup_or_null (t->name);
    case ODAN_COL_TEAM_NAME_JA:   return dup_or_null (t->name_ja);
    case ODAN_COL_TEAM_SECTOR:    return t->sector != ODAN_NONE && t->sector < pack->n_sectors
                                         ? g_strdup (pack->sectors[t->sector].id) : NULL;
    case ODAN_COL_TEAM_CEPTOAR:   return dup_or_null (t->ceptoar);
    case ODAN_COL_TEAM_CONTACT:   return dup_or_null (t->contact);
    case ODAN_COL_TEAM_ROLE:      return dup_or_null (t->role);
    case ODAN_COL_TEAM_MEMBER_OF: return team_id (pack, t->member_of);
    case ODAN_COL_TEAM_MEMBERS:   return t->members > 0 ? g_strdup_printf ("%u", t->members) : NULL;
    case ODAN_COL_TEAM_MEMBER_RECEIVED: return duration_or_null (t->member_received);
    case ODAN_COL_TEAM_MEMBER_READ:     return duration_or_null (t->member_read);
    case ODAN_COL_TEAM_MEMBER_SPREAD:   return t->members > 0 && t->member_spread != 0.5
                                               ? format_number (t->member_spread) : NULL;
    case ODAN_COL_TEAM_MEMBER_SILENT:   return t->member_silent > 0.0 ? format_number (t->member_silent) : NULL;
    default:                      return NULL;
    }
}

/* Column to of an inject: "all" or the team ids joined by ';'. */
static char *
inject_recipients (const OdanPack   *pack,
                   const OdanInject *in)
{
  GString *to;

  if (in->to_all)
    return g_strdup ("all");
  to = g_string_new (NULL);
  for (guint i = 0; i < in->n_to; i++)
    {
      if (i > 0)
        g_string_append_c (to, ';');
      g_string_append (to, pack->teams[in->to[i]].id);
    }
  return g_string_free (to, to->len == 0);
}

static char *
inject_cell (const OdanPack *pack,
             guint           r,
             int             c)
{
  const OdanInject *in = &pack->injects[r];

  switch (c)
    {
    case ODAN_COL_INJECT_ID:              return dup_or_null (in->id);
    case ODAN_COL_INJECT_TIME:            return dup_or_null (in->time_text);
    case ODAN_COL_INJECT_TO:              return inject_recipients (pack, in);
    case ODAN_COL_INJECT_TITLE:           return dup_or_null (in->title);
    case ODAN_COL_INJECT_TITLE_JA:        return dup_or_null (in->title_ja);
    case ODAN_COL_INJECT_FROM:            return dup_or_null (in->from);
    case ODAN_COL_INJECT_CHANNEL:         return dup_or_null (in->channel);
    case ODAN_COL_INJECT_BODY:            return dup_or_null (in->body);
    case ODAN_COL_INJECT_EXPECTED_ACTION: return dup_or_null (in->expected_action);
    case ODAN_COL_INJECT_OBJECTIVE:       return dup_or_null (in->objective);
    case ODAN_COL_INJECT_EFFECT:          return dup_or_null (in->effect_text);
    case ODAN_COL_INJECT_SHARING:         return dup_or_null (in->sharing);
    case ODAN_COL_INJECT_FROM_JA:         return dup_or_null (in->from_ja);
    case ODAN_COL_INJECT_BODY_JA:         return dup_or_null (in->body_ja);
    case ODAN_COL_INJECT_EXPECTED_ACTION_JA: return dup_or_null (in->expected_action_ja);
    case ODAN_COL_INJECT_OBJECTIVE_JA:    return dup_or_null (in->objective_ja);
    case ODAN_COL_INJECT_EVENT_TYPE:      return dup_or_null (in->event_type);
    case ODAN_COL_INJECT_CONTROLLER:      return dup_or_null (in->controller);
    case ODAN_COL_INJECT_EVALUATOR_INSTRUCTIONS: return dup_or_null (in->evaluator_instructions);
    default:                              return NULL;
    }
}

static char *
mitigation_cell (const OdanPack *pack,
                 guint           r,
                 int             c)
{
  const OdanMitigation *m = &pack->mitigations[r];

  switch (c)
    {
    case ODAN_COL_MIT_ID:       return dup_or_null (m->id);
    case ODAN_COL_MIT_LABEL:    return dup_or_null (m->label);
    case ODAN_COL_MIT_EFFECT:   return dup_or_null (m->effect_text);
    case ODAN_COL_MIT_TEAM:     return team_id (pack, m->team);
    case ODAN_COL_MIT_DELAY:    return duration_or_null (m->delay);
    case ODAN_COL_MIT_LABEL_JA: return dup_or_null (m->label_ja);
    case ODAN_COL_MIT_POOL:     return m->pool != ODAN_NONE && m->pool < pack->n_pools
                                       ? g_strdup (pack->pools[m->pool].id) : NULL;
    case ODAN_COL_MIT_USES:     return m->pool != ODAN_NONE ? g_strdup_printf ("%u", m->uses) : NULL;
    default:                    return NULL;
    }
}

static char *
pool_cell (const OdanPack *pack,
           guint           r,
           int             c)
{
  const OdanPool *p = &pack->pools[r];

  switch (c)
    {
    case ODAN_COL_POOL_ID:       return dup_or_null (p->id);
    case ODAN_COL_POOL_NAME:     return dup_or_null (p->name);
    case ODAN_COL_POOL_CAPACITY: return g_strdup_printf ("%u", p->capacity);
    case ODAN_COL_POOL_NAME_JA:  return dup_or_null (p->name_ja);
    default:                     return NULL;
    }
}

/* Cell @c (a column of the table's schema) of row @r. */
static char *
known_cell (const OdanPack *pack,
            OdanPackTable   table,
            guint           r,
            int             c)
{
  static char *(*const cells[ODAN_PACK_N_TABLES]) (const OdanPack *, guint, int) = {
    sector_cell, node_cell, edge_cell, team_cell, inject_cell, mitigation_cell, pool_cell,
  };

  return table < ODAN_PACK_N_TABLES ? cells[table] (pack, r, c) : NULL;
}

static char **
row_extra (const OdanPack *pack,
           OdanPackTable   table,
           guint           r)
{
  switch (table)
    {
    case ODAN_PACK_TABLE_SECTORS:      return pack->sectors[r].extra;
    case ODAN_PACK_TABLE_NODES:        return pack->nodes[r].extra;
    case ODAN_PACK_TABLE_DEPENDENCIES: return (char **) odan_pack_edge_extra (pack, r);
    case ODAN_PACK_TABLE_TEAMS:        return pack->teams[r].extra;
    case ODAN_PACK_TABLE_INJECTS:      return pack->injects[r].extra;
    case ODAN_PACK_TABLE_MITIGATIONS:  return pack->mitigations[r].extra;
    case ODAN_PACK_TABLE_POOLS:        return pack->pools[r].extra;
    case ODAN_PACK_N_TABLES:
    default:                           return NULL;
    }
}

char *
odan_pack_cell_text (const OdanPack *pack,
                     OdanPackTable   table,
                     guint           row,
                     const char     *column)
{
  const OdanExtraColumns *extra;
  char **values;
  int c;

  g_return_val_if_fail (pack != NULL, NULL);
  g_return_val_if_fail (table < ODAN_PACK_N_TABLES, NULL);
  g_return_val_if_fail (row < odan_pack_table_n_rows (pack, table), NULL);
  g_return_val_if_fail (column != NULL, NULL);

  c = known_index (table, column);
  if (c >= 0)
    return known_cell (pack, table, row, c);

  extra = table_extra (pack, table);
  values = row_extra (pack, table, row);
  if (values == NULL)
    return NULL;
  for (guint i = 0; i < extra->n_columns; i++)
    if (strcmp (extra->names[i], column) == 0)
      return dup_or_null (values[i]);
  return NULL;
}

GBytes *
odan_pack_table_to_csv (const OdanPack *pack,
                        OdanPackTable   table)
{
  g_auto(GStrv) columns = NULL;
  g_autoptr(GPtrArray) cells = NULL;
  GString *out;
  guint n_columns, n_rows;

  g_return_val_if_fail (pack != NULL, NULL);
  g_return_val_if_fail (table < ODAN_PACK_N_TABLES, NULL);

  n_rows = odan_pack_table_n_rows (pack, table);
  /* an optional file the pack did not have stays absent */
  if (table_extra (pack, table)->header == NULL && n_rows == 0
      && table != ODAN_PACK_TABLE_SECTORS && table != ODAN_PACK_TABLE_NODES
      && table != ODAN_PACK_TABLE_DEPENDENCIES)
    return NULL;

  columns = odan_pack_table_columns (pack, table);
  n_columns = g_strv_length (columns);
  out = g_string_new (NULL);
  odan_csv_excel_begin (out);
  odan_csv_excel_row (out, (const char *const *) columns, n_columns);

  cells = g_ptr_array_new_full (n_columns, g_free);
  for (guint r = 0; r < n_rows; r++)
    {
      g_ptr_array_set_size (cells, 0);
      for (guint c = 0; c < n_columns; c++)
        g_ptr_array_add (cells, odan_pack_cell_text (pack, table, r, columns[c]));
      odan_csv_excel_row (out, (const char *const *) cells->pdata, n_columns);
    }
  return g_string_free_to_bytes (out);
}

GBytes *
odan_pack_scenario_ini (const OdanPack *pack)
{
  g_autoptr(GKeyFile) kf = NULL;
  g_autofree char *path = NULL;
  g_autofree char *start = NULL;
  g_autofree char *duration = NULL;
  char *contents;
  gsize len;

  g_return_val_if_fail (pack != NULL, NULL);

  path = g_build_filename (pack->path, "scenario.ini", NULL);
  if (g_file_get_contents (path, &contents, &len, NULL))
    return g_bytes_new_take (contents, len);

  kf = g_key_file_new ();
  if (pack->id != NULL)
    g_key_file_set_string (kf, "scenario", "id", pack->id);
  if (pack->title != NULL)
    g_key_file_set_string (kf, "scenario", "title", pack->title);
  if (pack->title_ja != NULL)
    g_key_file_set_locale_string (kf, "scenario", "title", "ja", pack->title_ja);
  if (pack->start != NULL)
    {
      start = g_date_time_format (pack->start,
                                  g_date_time_get_second (pack->start) != 0
                                  ? "%Y-%m-%dT%H:%M:%S%:z" : "%Y-%m-%dT%H:%M%:z");
      g_key_file_set_string (kf, "scenario", "start", start);
    }
  duration = odan_pack_format_duration (pack->duration);
  g_key_file_set_string (kf, "scenario", "duration", duration);
  if (pack->description != NULL)
    g_key_file_set_string (kf, "scenario", "description", pack->description);
  if (pack->description_ja != NULL)
    g_key_file_set_locale_string (kf, "scenario", "description", "ja", pack->description_ja);
  if (pack->seed != 0)
    g_key_file_set_uint64 (kf, "scenario", "seed", pack->seed);
  if (pack->team_view_model)
    g_key_file_set_boolean (kf, "scenario", "team-view-model", TRUE);
  {
    const char *const overview[][3] = {
      { "mission-area", pack->mission_area, pack->mission_area_ja },
      { "threat-hazard", pack->threat_hazard, pack->threat_hazard_ja },
      { "sponsor", pack->sponsor, pack->sponsor_ja },
      { "point-of-contact", pack->poc, pack->poc_ja },
    };

    for (guint i = 0; i < G_N_ELEMENTS (overview); i++)
      {
        if (overview[i][1] != NULL)
          g_key_file_set_string (kf, "scenario", overview[i][0], overview[i][1]);
        if (overview[i][2] != NULL)
          g_key_file_set_locale_string (kf, "scenario", overview[i][0], "ja", overview[i][2]);
      }
  }
  contents = g_key_file_to_data (kf, &len, NULL);
  return g_bytes_new_take (contents, len);
}

gboolean
odan_write_file_atomic (const char *path,
                        GBytes     *data,
                        GError    **error)
{
  gsize len;
  const char *bytes = g_bytes_get_data (data, &len);

  /* g_file_set_contents writes a temporary file beside @path and renames it */
  return g_file_set_contents_full (path, bytes != NULL ? bytes : "", (gssize) len,
                                   G_FILE_SET_CONTENTS_CONSISTENT, 0666, error);
}

static gboolean
is_table_file (const char *name)
{
  if (strcmp (name, "scenario.ini") == 0)
    return TRUE;
  for (guint t = 0; t < ODAN_PACK_N_TABLES; t++)
    if (strcmp (name, odan_pack_table_file (t)) == 0)
      return TRUE;
  return FALSE;
}

static gboolean
same_folder (const char *a,
             const char *b)
{
  g_autoptr(GFile) fa = g_file_new_for_path (a);
  g_autoptr(GFile) fb = g_file_new_for_path (b);
  GStatBuf sa, sb;

  if (g_file_equal (fa, fb))
    return TRUE;
  return g_stat (a, &sa) == 0 && g_stat (b, &sb) == 0
         && sa.st_dev == sb.st_dev && sa.st_ino == sb.st_ino;
}

gboolean
odan_pack_write (const OdanPack *pack,
                 const char     *dir,
                 GError        **error)
{
  gboolean in_place;

  g_return_val_if_fail (pack != NULL, FALSE);
  g_return_val_if_fail (dir != NULL, FALSE);

  if (g_mkdir_with_parents (dir, 0777) != 0)
    {
      int saved = errno;

      g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved),
                   _("cannot create the folder '%s': %s"), dir, g_strerror (saved));
      return FALSE;
    }
  in_place = g_file_test (pack->path, G_FILE_TEST_IS_DIR) && same_folder (pack->path, dir);

  /* a column the loader knows but this writer does not would be lost: refuse */
  for (guint t = 0; t < ODAN_PACK_N_TABLES; t++)
    {
      const OdanExtraColumns *extra = table_extra (pack, t);

      for (guint c = 0; extra->header != NULL && extra->header[c] != NULL; c++)
        {
          const char *name = extra->header[c];
          gboolean found = known_index (t, name) >= 0;

          for (guint e = 0; !found && e < extra->n_columns; e++)
            found = strcmp (extra->names[e], name) == 0;
          if (!found)
            {
              g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                           _("%s: the writer does not know the column '%s'; nothing was written"),
                           odan_pack_table_file (t), name);
              return FALSE;
            }
        }
    }

  for (guint t = 0; t < ODAN_PACK_N_TABLES; t++)
    {
      g_autoptr(GBytes) data = odan_pack_table_to_csv (pack, t);
      g_autofree char *path = NULL;

      if (data == NULL)
        continue;
      path = g_build_filename (dir, odan_pack_table_file (t), NULL);
      if (!odan_write_file_atomic (path, data, error))
        return FALSE;
    }

  if (!in_place)
    {
      g_autoptr(GBytes) ini = odan_pack_scenario_ini (pack);
      g_autofree char *path = g_build_filename (dir, "scenario.ini", NULL);
      g_autoptr(GDir) source = NULL;
      const char *name;

      if (!odan_write_file_atomic (path, ini, error))
        return FALSE;

      /* sources, notes and tables of the pack's own (ceptoars.csv…) go along as they are */
      source = g_file_test (pack->path, G_FILE_TEST_IS_DIR) ? g_dir_open (pack->path, 0, NULL) : NULL;
      while (source != NULL && (name = g_dir_read_name (source)) != NULL)
        {
          g_autofree char *from = g_build_filename (pack->path, name, NULL);
          g_autofree char *to = NULL;
          g_autofree char *contents = NULL;
          g_autoptr(GBytes) bytes = NULL;
          gsize len;

          if (is_table_file (name) || name[0] == '.' || !g_file_test (from, G_FILE_TEST_IS_REGULAR))
            continue;
          if (!g_file_get_contents (from, &contents, &len, error))
            return FALSE;
          bytes = g_bytes_new_take (g_steal_pointer (&contents), len);
          to = g_build_filename (dir, name, NULL);
          if (!odan_write_file_atomic (to, bytes, error))
            return FALSE;
        }
    }
  return TRUE;
}

/* ------------------------------------------------------------------ */
/* The pack as one workbook */

static gboolean
xlsx_row (const OdanCsvRow *row,
          gpointer          user_data,
          GError          **error)
{
  odan_xlsx_writer_row (user_data, row->fields, row->n_fields);
  return TRUE;
}

/* One sheet named @name holding the CSV @data. */
static gboolean
xlsx_csv_sheet (OdanXlsxWriter *writer,
                const char     *name,
                GBytes         *data,
                GError        **error)
{
  gsize len;
  const char *bytes = g_bytes_get_data (data, &len);

  odan_xlsx_writer_sheet (writer, name);
  return odan_csv_read_data (name, bytes, len, xlsx_row, writer, NULL, error);
}

/* scenario.ini as rows: the section, then key and value. */
static gboolean
xlsx_ini_sheet (OdanXlsxWriter *writer,
                const OdanPack *pack,
                GError        **error)
{
  g_autoptr(GBytes) ini = odan_pack_scenario_ini (pack);
  g_autoptr(GKeyFile) kf = g_key_file_new ();
  g_auto(GStrv) groups = NULL;
  gsize len;
  const char *data = g_bytes_get_data (ini, &len);
  const char *header[] = { "section", "key", "value" };

  if (!g_key_file_load_from_data (kf, data, len, G_KEY_FILE_KEEP_TRANSLATIONS, error))
    return FALSE;
  odan_xlsx_writer_sheet (writer, "scenario.ini");
  odan_xlsx_writer_row (writer, header, G_N_ELEMENTS (header));
  groups = g_key_file_get_groups (kf, NULL);
  for (guint g = 0; groups[g] != NULL; g++)
    {
      g_auto(GStrv) keys = g_key_file_get_keys (kf, groups[g], NULL, NULL);

      for (guint k = 0; keys != NULL && keys[k] != NULL; k++)
        {
          g_autofree char *value = g_key_file_get_value (kf, groups[g], keys[k], NULL);
          const char *row[] = { groups[g], keys[k], value };

          odan_xlsx_writer_row (writer, row, G_N_ELEMENTS (row));
        }
    }
  return TRUE;
}

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return strcmp (*(const char *const *) a, *(const char *const *) b);
}

gboolean
odan_pack_write_xlsx (const OdanPack *pack,
                      const char     *path,
                      GError        **error)
{
  g_autoptr(OdanXlsxWriter) writer = NULL;
  g_autoptr(GDir) source = NULL;
  g_autoptr(GPtrArray) others = g_ptr_array_new_with_free_func (g_free);
  const char *name;

  g_return_val_if_fail (pack != NULL, FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  writer = odan_xlsx_writer_new (path);
  if (!xlsx_ini_sheet (writer, pack, error))
    return FALSE;
  for (guint t = 0; t < ODAN_PACK_N_TABLES; t++)
    {
      g_autoptr(GBytes) data = odan_pack_table_to_csv (pack, t);

      if (data != NULL && !xlsx_csv_sheet (writer, odan_pack_table_file (t), data, error))
        return FALSE;
    }

  /* the pack's other tables (relay.csv, deadlines.csv, ceptoars.csv…), by name */
  source = g_file_test (pack->path, G_FILE_TEST_IS_DIR) ? g_dir_open (pack->path, 0, NULL) : NULL;
  while (source != NULL && (name = g_dir_read_name (source)) != NULL)
    if (!is_table_file (name) && g_str_has_suffix (name, ".csv"))
      g_ptr_array_add (others, g_strdup (name));
  g_ptr_array_sort (others, compare_names);
  for (guint i = 0; i < others->len; i++)
    {
      g_autofree char *from = g_build_filename (pack->path, g_ptr_array_index (others, i), NULL);
      g_autofree char *contents = NULL;
      g_autoptr(GBytes) bytes = NULL;
      gsize len;

      if (!g_file_get_contents (from, &contents, &len, error))
        return FALSE;
      bytes = g_bytes_new_take (g_steal_pointer (&contents), len);
      if (!xlsx_csv_sheet (writer, g_ptr_array_index (others, i), bytes, error))
        return FALSE;
    }
  return odan_xlsx_writer_close (g_steal_pointer (&writer), error);
}

/* odan-pack.c — loading and validating a scenario pack
 *
 * A pack folder holds scenario.ini and CSV tables. Loading reads the files in
 * dependency order (scenario.ini, sectors, teams, nodes, dependencies,
 * injects, pools, mitigations, and the optional relay and deadlines),
 * checks every row and every reference, and
 * collects all problems as diagnostics in one pass; the pack is returned only
 * when none of them is an error. The same code reads a pack held in memory
 * as file name → bytes (the copy an exercise file embeds): only
 * read_pack_file() knows the difference.
 *
 * Data layout: every table is a plain array of structs indexed by position;
 * rows refer to each other by index. All strings of the tables live in the
 * pack's GStringChunk (edge sources, groups and edge extras interned with
 * g_string_chunk_insert_const, since a million edges share few of them), so
 * freeing a pack is freeing a handful of arrays. Edges also get a CSR index
 * by dependent (in_start/in_edges), each run sorted by provider, built with
 * two stable counting sorts; duplicate edges show up there as neighbours.
 *
 * When a table cannot be read at all (missing required file or column),
 * references into it are not reported one by one: the one diagnostic about
 * the table says it all.
 *
 * Speed (a pack of 10⁵ nodes and 10⁶ edges is the target): each file is
 * mapped and decoded whole; dependencies.csv, when large, is cut at a row
 * boundary and its second half read by a worker thread into the upper part
 * of the same edge array, then appended as if one reader had read it all;
 * node ids are resolved through a cache-friendly table one row late, so that
 * the memory fetch of a row's node slots overlaps the parsing of the next.
 */
#define G_LOG_DOMAIN "odan-pack"

#include "odan-pack.h"
#include "odan-pack-schema.h"
#include "odan-category.h"
#include "odan-csv.h"
#include "odan-csv-private.h"
#include "odan-enum.h"
#include "odan-model-enums.h"
#include "odan-number-private.h"
#include "odan-time.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

G_DEFINE_QUARK (odan-pack-error-quark, odan_pack_error)

#define MAX_COLUMNS ODAN_SCHEMA_MAX_COLUMNS

/* ------------------------------------------------------------------ */
/* Loader state */

typedef struct _Loader Loader;
typedef struct _Table Table;

typedef void (*RowHandler) (Loader           *l,
                            Table            *t,
                            const OdanCsvRow *row);

struct _Table {
  const char       *file;
  const OdanColumnSpec *specs;
  guint             n_specs;
  RowHandler        handler;

  int               col[MAX_COLUMNS];  /* field index of each spec, or -1 */
  guint             n_header;
  gboolean          header_seen;
  gboolean          usable;            /* header read with every required column */
  guint            *extra_fields;      /* field index of each extra column */
  OdanExtraColumns *extra;             /* where the extra names go */
  void            (*finish) (Loader *l, Table *t);  /* after the last row, or NULL */
  gboolean          may_split;         /* big files are read by two threads */
  gpointer          second_half;       /* SecondHalf waiting for the header */
};

/* The 2 million node lookups of a large dependencies.csv go through this
 * open-addressing table (linear probing) rather than pack->node_index: a
 * GHashTable spreads a lookup over four arrays and the key string, each a
 * cache miss on a table this size. A slot holds the hash and, for ids of up
 * to NODE_KEY_INLINE bytes, the id itself, so a lookup reads one 32-byte
 * slot, which edge_row() prefetches a row before it needs it (PendingEdge).
 * Longer ids are compared through the nodes array. */
#define NODE_KEY_INLINE 22

typedef struct {
  guint32 hash;
  guint32 index;                      /* node index + 1; 0 marks an empty slot */
  guint8  len;                        /* id length, or G_MAXUINT8 when longer than inline */
  char    key[NODE_KEY_INLINE + 1];   /* the id (its first bytes when longer) */
} NodeSlot;

G_STATIC_ASSERT (sizeof (NodeSlot) == 32);

/* An edge row whose node ids are looked up when the next row arrives. */
typedef struct {
  gboolean  active;
  gboolean  ok;               /* no problem in the other columns */
  OdanEdge  edge;
  double    restart_below;    /* column restart_below, 0 when empty */
  GString  *provider;
  GString  *dependent;
  guint32   provider_hash;
  guint32   dependent_hash;
} PendingEdge;

struct _Loader {
  OdanPack  *pack;
  GPtrArray *diags;
  guint      n_errors;

  GHashTable *region_index;
  GHashTable *group_index;

  GArray     *sectors, *nodes, *teams, *injects, *mitigations, *pools;
  GArray     *relays, *deadlines, *region_rows, *resupplies;
  GHashTable *region_row_index;  /* regions.csv id → row + 1 */
  GPtrArray  *member_of;         /* per team row kept: its member_of text or NULL */

  /* A pack held in memory (odan_pack_load_from_files): file name → GBytes;
   * NULL when reading a folder. */
  GHashTable *files;
  GPtrArray  *regions, *groups;

  /* Edges go straight into one array sized by the file's line count; a
   * second thread reading the second half of the file writes from an
   * offset into the same array (see SecondHalf). */
  OdanEdge    *edges;            /* this reader's first edge */
  guint        n_edges;
  guint        edge_room;        /* how many fit from @edges on */
  const char **edge_extra;       /* n_edges × n_extra interned values, same layout */
  double      *edge_below;       /* restart_below per edge, same layout; NULL without the column */

  /* Interning of edge strings: a per-reader cache in front of the pack's
   * chunk, which both readers share under @strings_lock. */
  GHashTable  *intern_cache;
  GMutex      *strings_lock;     /* the main reader's @strings_mutex */
  GMutex       strings_mutex;
  PendingEdge  pending;

  NodeSlot   *node_slots;
  guint32     node_mask;         /* number of slots - 1 (a power of two) */
  guint32     n_node_slots_used;

  /* a table that exists but could not be read stays quiet about references into it */
  gboolean    sectors_broken, nodes_broken, teams_broken, pools_broken, edges_broken;

  /* odan_pack_load_team_slice(): the model, the MSEL and the pools may be absent */
  gboolean    team_slice;
  gboolean    injects_absent;   /* the slice has no injects.csv */
  gboolean    nodes_absent;     /* the slice has no nodes.csv */

  const char *last_source;       /* edges mostly repeat their neighbour's citation */
  const char *dep_types[ODAN_DEP_LOGICAL + 1];   /* the nicks of OdanDepType */
  GDateTime  *t0;
};

static void
report (Loader                 *l,
        OdanDiagnosticSeverity  severity,
        const char             *file,
        guint                   line,
        const char             *column,
        const char             *format,
        ...) G_GNUC_PRINTF (6, 7);

static void
report (Loader                 *l,
        OdanDiagnosticSeverity  severity,
        const char             *file,
        guint                   line,
        const char             *column,
        const char             *format,
        ...)
{
  va_list args;

  va_start (args, format);
  g_ptr_array_add (l->diags, odan_diagnostic_new_valist (severity, file, line, column, format, args));
  va_end (args);
  if (severity == ODAN_DIAGNOSTIC_ERROR)
    l->n_errors++;
}

#define ERROR_AT(l, t, row, column, ...) \
  report ((l), ODAN_DIAGNOSTIC_ERROR, (t)->file, (row)->line, (column), __VA_ARGS__)
#define WARNING_AT(l, t, row, column, ...) \
  report ((l), ODAN_DIAGNOSTIC_WARNING, (t)->file, (row)->line, (column), __VA_ARGS__)

/* The value of column @spec in @row ("" when the column or field is absent). */
static inline const char *
cell (const Table      *t,
      const OdanCsvRow *row,
      guint             spec,
      gsize            *out_len)
{
  int c = t->col[spec];

  if (c < 0 || (guint) c >= row->n_fields)
    {
      if (out_len != NULL)
        *out_len = 0;
      return "";
    }
  if (out_len != NULL)
    *out_len = row->lengths[c];
  return row->fields[c];
}

static char *
chunk_or_null (Loader     *l,
               const char *s,
               gsize       len)
{
  if (len == 0)
    return NULL;
  return g_string_chunk_insert_len (l->pack->strings, s, (gssize) len);
}

static char *
chunk_cell (Loader           *l,
            const Table      *t,
            const OdanCsvRow *row,
            guint             spec)
{
  gsize len;
  const char *s = cell (t, row, spec, &len);

  return chunk_or_null (l, s, len);
}

/* Interns an edge string (source, group, extra value) in the pack's chunk. */
static const char *
intern (Loader     *l,
        const char *s)
{
  const char *found = g_hash_table_lookup (l->intern_cache, s);

  if (found == NULL)
    {
      g_mutex_lock (l->strings_lock);
      found = g_string_chunk_insert_const (l->pack->strings, s);
      g_mutex_unlock (l->strings_lock);
      g_hash_table_add (l->intern_cache, (gpointer) found);
    }
  return found;
}

/* A required value; reports it when empty. */
static const char *
required_cell (Loader           *l,
               const Table      *t,
               const OdanCsvRow *row,
               guint             spec)
{
  const char *s = cell (t, row, spec, NULL);

  if (s[0] == '\0')
    {
      ERROR_AT (l, t, row, t->specs[spec].name, "%s", _("missing value"));
      return NULL;
    }
  return s;
}

static char **
row_extra (Loader           *l,
           const Table      *t,
           const OdanCsvRow *row)
{
  char **extra;

  if (t->extra->n_columns == 0)
    return NULL;
  extra = g_new0 (char *, t->extra->n_columns);
  for (guint i = 0; i < t->extra->n_columns; i++)
    {
      guint f = t->extra_fields[i];

      if (f < row->n_fields)
        extra[i] = chunk_or_null (l, row->fields[f], row->lengths[f]);
    }
  return extra;
}

/* Plain decimal numbers only: g_ascii_strtod alone would also accept "inf",
 * "nan" and hexadecimal. */
static gboolean
parse_number (const char *s,
              gsize       len,
              double     *out)
{
  char *end;
  double v;

  if (len == 0)
    return FALSE;
  if (odan_parse_plain_decimal (s, len, out))
    return TRUE;
  for (gsize i = 0; i < len; i++)
    {
      char c = s[i];

      if (!((c >= '0' && c <= '9') || c == '.' || c == '-' || c == '+' || c == 'e' || c == 'E'))
        return FALSE;
    }
  v = g_ascii_strtod (s, &end);
  if (end != s + len || !isfinite (v))
    return FALSE;
  *out = v;
  return TRUE;
}

/* An optional duration column: empty means @fallback. */
static gboolean
duration_cell (Loader           *l,
               const Table      *t,
               const OdanCsvRow *row,
               guint             spec,
               double            fallback,
               double           *out)
{
  gsize len;
  const char *s = cell (t, row, spec, &len);
  g_autoptr(GError) error = NULL;

  if (len == 0)
    {
      *out = fallback;
      return TRUE;
    }
  if (!odan_duration_parse (s, out, &error))
    {
      ERROR_AT (l, t, row, t->specs[spec].name, "%s", error->message);
      *out = fallback;
      return FALSE;
    }
  return TRUE;
}

/* Checks an id for duplicates in @index; adds it when new. @table holds
 * the rows so far, their line at @line_offset. */
static gboolean
register_id (Loader           *l,
             const Table      *t,
             const OdanCsvRow *row,
             GHashTable       *index,
             const char       *id,
             GArray           *table,
             gsize             line_offset,
             char            **out_id)
{
  gpointer found;

  found = g_hash_table_lookup (index, id);
  if (found != NULL)
    {
      guint other = GPOINTER_TO_UINT (found) - 1;
      const char *element = table->data + (gsize) other * g_array_get_element_size (table);
      guint other_line;

      memcpy (&other_line, element + line_offset, sizeof other_line);
      ERROR_AT (l, t, row, t->specs[0].name,
                _("duplicate id '%s' (first defined on line %u)"), id, other_line);
      return FALSE;
    }
  *out_id = g_string_chunk_insert (l->pack->strings, id);
  g_hash_table_insert (index, *out_id, GUINT_TO_POINTER (table->len + 1));
  return TRUE;
}

/* ------------------------------------------------------------------ */
/* Table reading */

static gboolean
table_row (const OdanCsvRow *row,
           gpointer          user_data,
           GError          **error);
static void second_half_start (Loader *l,
                               Table  *t);

typedef struct {
  Loader *l;
  Table  *t;
} RowContext;

static void
table_header (Loader           *l,
              Table            *t,
              const OdanCsvRow *row)
{
  g_autoptr(GArray) extra_fields = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autoptr(GPtrArray) extra_names = g_ptr_array_new ();
  GPtrArray *header = g_ptr_array_new ();

  for (guint f = 0; f < row->n_fields; f++)
    g_ptr_array_add (header, g_strstrip (g_strdup (row->fields[f])));
  g_ptr_array_add (header, NULL);
  g_strfreev (t->extra->header);
  t->extra->header = (char **) g_ptr_array_free (header, FALSE);

  t->header_seen = TRUE;
  t->n_header = row->n_fields;
  for (guint s = 0; s < MAX_COLUMNS; s++)
    t->col[s] = -1;

  for (guint f = 0; f < row->n_fields; f++)
    {
      g_autofree char *name = g_strstrip (g_strdup (row->fields[f]));
      g_autofree char *lower = g_ascii_strdown (name, -1);
      guint s;

      /* a column another layer reads (extra in the schema) stays an extra one */
      for (s = 0; s < t->n_specs; s++)
        if (!t->specs[s].extra && strcmp (lower, t->specs[s].name) == 0)
          break;
      if (s < t->n_specs)
        {
          if (t->col[s] >= 0)
            ERROR_AT (l, t, row, NULL, _("duplicate column '%s'"), t->specs[s].name);
          else
            t->col[s] = (int) f;
        }
      else
        {
          g_array_append_val (extra_fields, f);
          g_ptr_array_add (extra_names, g_steal_pointer (&name));
        }
    }

  t->usable = TRUE;
  for (guint s = 0; s < t->n_specs; s++)
    if (t->specs[s].required && t->col[s] < 0)
      {
        ERROR_AT (l, t, row, NULL, _("missing required column '%s'"), t->specs[s].name);
        t->usable = FALSE;
      }

  t->extra->n_columns = extra_names->len;
  g_ptr_array_add (extra_names, NULL);
  t->extra->names = (char **) g_ptr_array_free (g_steal_pointer (&extra_names), FALSE);
  t->extra_fields = (guint *) (void *) g_array_free (g_steal_pointer (&extra_fields), FALSE);
}

static gboolean
table_row (const OdanCsvRow *row,
           gpointer          user_data,
           GError          **error)
{
  RowContext *ctx = user_data;
  Loader *l = ctx->l;
  Table *t = ctx->t;

  if (!t->header_seen)
    {
      table_header (l, t, row);
      if (t->second_half != NULL && t->usable)
        second_half_start (l, t);
      return TRUE;
    }
  if (!t->usable)
    return TRUE;

  if (row->n_fields > t->n_header)
    ERROR_AT (l, t, row, NULL, _("the row has %u fields but the header has %u"),
              row->n_fields, t->n_header);

  t->handler (l, t, row);
  return TRUE;
}

/* A file of at least this size is read by two threads when it may be
 * (dependencies.csv): the second half goes to a worker that starts as soon
 * as the main thread has read the header. */
#ifndef SPLIT_MIN_BYTES
#define SPLIT_MIN_BYTES (1024 * 1024)
#endif

typedef struct {
  const char *text;          /* from a row boundary to the end of the file */
  gsize       len;
  guint       first_line;
  guint       offset;        /* where its edges go in the shared array */
  guint       total_room;    /* size of the shared array */

  Loader      worker;        /* a copy of the main loader with its own output */
  RowContext  ctx;
  GThread    *thread;
  gboolean    ok;
  guint       error_line;
  GError     *error;
} SecondHalf;

/* Where the text can be cut in two at a row boundary near its middle: after
 * a newline outside quotes. In valid CSV quotes pair up, so the parity of
 * the quotes before a newline tells whether it is inside a quoted field.
 * Returns 0 when there is no such place. */
static gsize
find_split (const char *text,
            gsize       len)
{
  const char *end = text + len;
  const char *mid = text + len / 2;
  const char *p = text;
  const char *q;
  gboolean quoted = FALSE;

  while ((q = memchr (p, '"', (gsize) (mid - p))) != NULL)
    {
      quoted = !quoted;
      p = q + 1;
    }
  p = mid;
  while (p < end)
    {
      const char *nl = memchr (p, '\n', (gsize) (end - p));

      if (nl == NULL)
        return 0;
      for (q = p; (q = memchr (q, '"', (gsize) (nl - q))) != NULL; q++)
        quoted = !quoted;
      if (!quoted)
        return nl + 1 < end ? (gsize) (nl + 1 - text) : 0;
      p = nl + 1;
    }
  return 0;
}

static gpointer
second_half_run (gpointer data)
{
  SecondHalf *half = data;

  half->ok = odan_csv_parse_utf8 (half->ctx.t->file, half->text, half->len, half->first_line,
                                  table_row, &half->ctx, &half->error_line, &half->error);
  if (half->ctx.t->finish != NULL)
    half->ctx.t->finish (&half->worker, half->ctx.t);
  return NULL;
}

/* Called from the main reader's callback once the header is known. */
static void
second_half_start (Loader *l,
                   Table  *t)
{
  SecondHalf *half = t->second_half;
  guint n_extra = t->extra->n_columns;

  t->second_half = NULL;

  if (n_extra > 0)
    l->edge_extra = g_new0 (const char *, (gsize) MAX (half->total_room, 1) * n_extra);
  if (t->col[ODAN_COL_EDGE_RESTART_BELOW] >= 0)
    l->edge_below = g_new (double, MAX (half->total_room, 1));

  half->worker = *l;
  half->worker.diags = g_ptr_array_new_with_free_func ((GDestroyNotify) odan_diagnostic_free);
  half->worker.n_errors = 0;
  half->worker.edges = l->edges + half->offset;
  half->worker.n_edges = 0;
  half->worker.edge_room = half->total_room - half->offset;
  half->worker.edge_extra = n_extra > 0 ? l->edge_extra + (gsize) half->offset * n_extra : NULL;
  half->worker.edge_below = l->edge_below != NULL ? l->edge_below + half->offset : NULL;
  half->worker.intern_cache = g_hash_table_new (g_str_hash, g_str_equal);
  half->worker.group_index = g_hash_table_new (g_str_hash, g_str_equal);
  half->worker.groups = g_ptr_array_new ();
  half->worker.last_source = NULL;
  half->worker.pending.active = FALSE;
  half->worker.pending.provider = g_string_new (NULL);
  half->worker.pending.dependent = g_string_new (NULL);
  half->ctx.l = &half->worker;
  half->ctx.t = t;

  /* the main reader keeps to the rows before the worker's */
  l->edge_room = half->offset;

  half->thread = g_thread_new ("odan-pack-edges", second_half_run, half);
}

/* Joins the worker and appends what it read to the main reader's output,
 * exactly as if one thread had read the whole file. */
static void
second_half_finish (Loader     *l,
                    Table      *t,
                    SecondHalf *half,
                    gboolean    first_half_ok)
{
  Loader *w = &half->worker;
  guint n_extra = t->extra->n_columns;
  g_autofree guint32 *group_map = NULL;

  g_thread_join (half->thread);

  /* one reader would have stopped at a syntax error in the first half */
  if (first_half_ok)
    {
      if (!half->ok)
        report (w, ODAN_DIAGNOSTIC_ERROR, t->file, half->error_line, NULL, "%s",
                half->error->message);

      for (guint i = 0; i < w->diags->len; i++)
        g_ptr_array_add (l->diags, g_steal_pointer (&g_ptr_array_index (w->diags, i)));
      l->n_errors += w->n_errors;

      /* the worker's groups, renumbered after the main reader's */
      group_map = g_new (guint32, MAX (w->groups->len, 1));
      for (guint g = 0; g < w->groups->len; g++)
        {
          char *name = g_ptr_array_index (w->groups, g);
          gpointer found = g_hash_table_lookup (l->group_index, name);

          if (found == NULL)
            {
              g_ptr_array_add (l->groups, name);
              found = GUINT_TO_POINTER (l->groups->len);
              g_hash_table_insert (l->group_index, name, found);
            }
          group_map[g] = GPOINTER_TO_UINT (found) - 1;
        }
      for (guint e = 0; e < w->n_edges; e++)
        if (w->edges[e].group != ODAN_NONE)
          w->edges[e].group = group_map[w->edges[e].group];

      memmove (l->edges + l->n_edges, w->edges, w->n_edges * sizeof (OdanEdge));
      if (n_extra > 0)
        memmove (l->edge_extra + (gsize) l->n_edges * n_extra, w->edge_extra,
                 (gsize) w->n_edges * n_extra * sizeof (const char *));
      if (l->edge_below != NULL)
        memmove (l->edge_below + l->n_edges, w->edge_below, w->n_edges * sizeof (double));
      l->n_edges += w->n_edges;
    }

  l->edge_room = half->total_room;
  g_clear_error (&half->error);
  g_ptr_array_unref (w->diags);
  g_hash_table_unref (w->intern_cache);
  g_hash_table_unref (w->group_index);
  g_ptr_array_unref (w->groups);
  g_string_free (w->pending.provider, TRUE);
  g_string_free (w->pending.dependent, TRUE);
}

/* Reads one CSV table. @prepare (may be NULL) learns an upper bound of the
 * number of rows before the first row arrives. Returns FALSE when the file
 * is absent; a missing @required file is reported. */
/* The contents of one file of the pack, from the folder (mapped) or from
 * the files in memory; a missing file is G_FILE_ERROR_NOENT. */
static GBytes *
read_pack_file (Loader     *l,
                const char *file,
                GError    **error)
{
  g_autofree char *path = NULL;
  g_autoptr(GMappedFile) mapped = NULL;

  if (l->files != NULL)
    {
      GBytes *bytes = g_hash_table_lookup (l->files, file);

      if (bytes == NULL)
        {
          g_set_error (error, G_FILE_ERROR, G_FILE_ERROR_NOENT,
                       _("the pack has no file '%s'"), file);
          return NULL;
        }
      return g_bytes_ref (bytes);
    }

  path = g_build_filename (l->pack->path, file, NULL);
  mapped = g_mapped_file_new (path, FALSE, error);
  if (mapped == NULL)
    return NULL;
  return g_mapped_file_get_bytes (mapped);
}

static gboolean
load_table (Loader   *l,
            Table    *t,
            gboolean  required,
            void    (*prepare) (Loader *l, guint n_rows))
{
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *converted = NULL;
  RowContext ctx = { l, t };
  SecondHalf half = { 0 };
  const char *text = "";
  gsize len = 0;
  gsize split = 0;
  guint line = 0;
  gboolean ok = TRUE;

  for (guint s = 0; s < MAX_COLUMNS; s++)
    t->col[s] = -1;

  bytes = read_pack_file (l, t->file, &error);
  if (bytes == NULL)
    {
      if (g_error_matches (error, G_FILE_ERROR, G_FILE_ERROR_NOENT))
        {
          if (required)
            report (l, ODAN_DIAGNOSTIC_ERROR, t->file, 0, NULL, "%s",
                    _("required file is missing"));
        }
      else
        report (l, ODAN_DIAGNOSTIC_ERROR, t->file, 0, NULL,
                _("cannot read the file: %s"), error->message);
      return FALSE;
    }

  if (g_bytes_get_size (bytes) > 0
      && !odan_csv_decode (t->file, g_bytes_get_data (bytes, NULL),
                           g_bytes_get_size (bytes),
                           &text, &len, &converted, NULL, &line, &error))
    {
      report (l, ODAN_DIAGNOSTIC_ERROR, t->file, line, NULL, "%s", error->message);
      t->usable = FALSE;
      return TRUE;
    }

  if (prepare != NULL)
    prepare (l, len > 0 ? odan_csv_line_at (text, len) : 0);

  if (t->may_split && len >= SPLIT_MIN_BYTES && g_get_num_processors () > 1)
    split = find_split (text, len);

  if (split > 0)
    {
      half.text = text + split;
      half.len = len - split;
      half.first_line = odan_csv_line_at (text, split);
      half.offset = half.first_line - 1;
      half.total_room = l->edge_room;
      t->second_half = &half;

      ok = odan_csv_parse_utf8 (t->file, text, split, 1, table_row, &ctx, &line, &error);
      if (t->finish != NULL)
        t->finish (l, t);
      if (t->second_half == NULL)
        second_half_finish (l, t, &half, ok);
      else if (ok)
        {
          /* no header in the first half (only blank rows): one reader after all */
          t->second_half = NULL;
          ok = odan_csv_parse_utf8 (t->file, half.text, half.len, half.first_line,
                                    table_row, &ctx, &line, &error);
          if (t->finish != NULL)
            t->finish (l, t);
        }
      t->second_half = NULL;
    }
  else
    {
      ok = odan_csv_parse_utf8 (t->file, text, len, 1, table_row, &ctx, &line, &error);
      if (t->finish != NULL)
        t->finish (l, t);
    }

  if (!ok)
    report (l, ODAN_DIAGNOSTIC_ERROR, t->file, line, NULL, "%s", error->message);

  if (!t->header_seen)
    {
      if (ok)
        report (l, ODAN_DIAGNOSTIC_ERROR, t->file, 0, NULL, "%s",
                _("the file is empty (expected a header row)"));
      t->usable = FALSE;
    }
  return TRUE;
}

/* ------------------------------------------------------------------ */
/* The loader's node table */

static inline guint32
id_hash (const char *s,
         gsize       len)
{
  guint64 h = G_GUINT64_CONSTANT (0x9E3779B97F4A7C15) ^ len;

  while (len >= 8)
    {
      guint64 w;

      memcpy (&w, s, 8);
      h = (h ^ w) * G_GUINT64_CONSTANT (0xff51afd7ed558ccd);
      h ^= h >> 32;
      s += 8;
      len -= 8;
    }
  if (len > 0)
    {
      guint64 w = 0;

      memcpy (&w, s, len);
      h = (h ^ w) * G_GUINT64_CONSTANT (0xc4ceb9fe1a85ec53);
    }
  h ^= h >> 29;
  h *= G_GUINT64_CONSTANT (0xbf58476d1ce4e5b9);
  h ^= h >> 32;
  return (guint32) h;
}

/* Random probes into a table of several MB miss the TLB as often as the
 * cache; where the kernel offers transparent huge pages on request, the
 * table asks for them (2 MB pages: a handful of TLB entries). */
static NodeSlot *
node_slots_alloc (guint32 n_slots)
{
  gsize size = (gsize) n_slots * sizeof (NodeSlot);
#if defined(MADV_HUGEPAGE)
  const gsize huge = 2 * 1024 * 1024;

  if (size >= huge)
    {
      void *mem = NULL;

      if (posix_memalign (&mem, huge, size) == 0)
        {
          madvise (mem, size, MADV_HUGEPAGE);
          memset (mem, 0, size);
          return mem;
        }
    }
#endif
  return g_malloc0 (size);
}

static void
node_slots_free (NodeSlot *slots)
{
  /* posix_memalign() memory is released with free(), like g_malloc()'s */
  free (slots);
}

static void
node_slots_resize (Loader *l,
                   guint32 n_slots)
{
  NodeSlot *old = l->node_slots;
  guint32 old_n = old != NULL ? l->node_mask + 1 : 0;

  l->node_slots = node_slots_alloc (n_slots);
  l->node_mask = n_slots - 1;
  for (guint32 i = 0; i < old_n; i++)
    if (old[i].index != 0)
      {
        guint32 j = old[i].hash & l->node_mask;

        while (l->node_slots[j].index != 0)
          j = (j + 1) & l->node_mask;
        l->node_slots[j] = old[i];
      }
  node_slots_free (old);
}

/* @id must be new. */
static void
node_slots_insert (Loader     *l,
                   const char *id,
                   guint32     index)
{
  gsize len = strlen (id);
  guint32 hash = id_hash (id, len);
  NodeSlot *slot;
  guint32 j;

  /* keep the load factor at most 1/2 */
  if (l->node_slots == NULL || 2 * (l->n_node_slots_used + 1) > l->node_mask + 1)
    node_slots_resize (l, l->node_slots == NULL ? 64 : 2 * (l->node_mask + 1));

  j = hash & l->node_mask;
  while (l->node_slots[j].index != 0)
    j = (j + 1) & l->node_mask;
  slot = &l->node_slots[j];
  slot->hash = hash;
  slot->index = index + 1;
  slot->len = len <= NODE_KEY_INLINE ? (guint8) len : G_MAXUINT8;
  memcpy (slot->key, id, MIN (len, NODE_KEY_INLINE));
  l->n_node_slots_used++;
}

static inline void
node_slots_prefetch (const Loader *l,
                     guint32       hash)
{
  if (l->node_slots != NULL)
    __builtin_prefetch (&l->node_slots[hash & l->node_mask]);
}

/* Long ids are checked against the node array, complete once nodes.csv is read. */
static inline guint32
node_slots_lookup (const Loader *l,
                   guint32       hash,
                   const char   *id,
                   gsize         len)
{
  guint32 j;

  if (l->node_slots == NULL)
    return ODAN_NONE;
  for (j = hash & l->node_mask; l->node_slots[j].index != 0; j = (j + 1) & l->node_mask)
    {
      const NodeSlot *slot = &l->node_slots[j];

      if (slot->hash != hash)
        continue;
      if (len <= NODE_KEY_INLINE)
        {
          if (slot->len == len && memcmp (slot->key, id, len) == 0)
            return slot->index - 1;
        }
      else if (slot->len == G_MAXUINT8
               && strcmp (l->pack->nodes[slot->index - 1].id, id) == 0)
        return slot->index - 1;
    }
  return ODAN_NONE;
}

/* ------------------------------------------------------------------ */
/* Row handlers */

static void
sector_row (Loader           *l,
            Table            *t,
            const OdanCsvRow *row)
{
  OdanSector sector = { 0 };
  const char *id = required_cell (l, t, row, ODAN_COL_SECTOR_ID);
  const char *name = required_cell (l, t, row, ODAN_COL_SECTOR_NAME);

  if (id == NULL)
    return;
  if (!register_id (l, t, row, l->pack->sector_index, id, l->sectors, G_STRUCT_OFFSET (OdanSector, line),
                    &sector.id))
    return;
  sector.name = name != NULL ? g_string_chunk_insert (l->pack->strings, name) : sector.id;
  sector.name_ja = chunk_cell (l, t, row, ODAN_COL_SECTOR_NAME_JA);
  sector.ministry = chunk_cell (l, t, row, ODAN_COL_SECTOR_MINISTRY);
  sector.extra = row_extra (l, t, row);
  sector.line = row->line;
  g_array_append_val (l->sectors, sector);
}

/* A reference in column @spec to a row of the table whose ids are in
 * @index, or ODAN_NONE: empty, or unknown (reported with @unknown, which
 * takes the id, unless that table is @broken and so the cause). */
static guint32
lookup_id (Loader           *l,
           const Table      *t,
           const OdanCsvRow *row,
           guint             spec,
           GHashTable       *index,
           gboolean          broken,
           const char       *unknown)
{
  const char *id = cell (t, row, spec, NULL);
  gpointer found;

  if (id[0] == '\0')
    return ODAN_NONE;
  found = g_hash_table_lookup (index, id);
  if (found == NULL)
    {
      if (!broken)
        ERROR_AT (l, t, row, t->specs[spec].name, unknown, id);
      return ODAN_NONE;
    }
  return GPOINTER_TO_UINT (found) - 1;
}

static guint32
lookup_sector (Loader           *l,
               const Table      *t,
               const OdanCsvRow *row,
               guint             spec)
{
  return lookup_id (l, t, row, spec, l->pack->sector_index, l->sectors_broken, _("unknown sector '%s'"));
}

static guint32
lookup_team (Loader           *l,
             const Table      *t,
             const OdanCsvRow *row,
             guint             spec)
{
  return lookup_id (l, t, row, spec, l->pack->team_index, l->teams_broken, _("unknown team '%s'"));
}

/* Words a team id may not be: the multi-site store's audiences ("staff",
 * "everyone"), the "to" column's "all", and what its recipients and role
 * names treat specially ('*' for every team, ';' between teams). A team
 * with such an id would read what is not its own. NULL when @id is fine. */
static const char *
reserved_team_id (const char *id)
{
  static const char *const words[] = { "staff", "everyone", "all" };

  for (guint i = 0; i < G_N_ELEMENTS (words); i++)
    if (g_ascii_strcasecmp (id, words[i]) == 0)
      return _("'%s' is a reserved word and cannot be a team id");
  for (const char *p = id; *p != '\0'; p++)
    if (*p == '*' || *p == ';' || *p == ',' || g_ascii_isspace (*p) || g_ascii_iscntrl (*p))
      return _("the team id '%s' holds a character a team id cannot ('*', ';', ',', a space or a control character)");
  return NULL;
}

static gboolean parse_count (const char *s,
                             guint      *out);

/* A number column in [@min, @max]; empty means @fallback. */
static void
bounded_number_cell (Loader           *l,
                     const Table      *t,
                     const OdanCsvRow *row,
                     guint             spec,
                     double            min,
                     double            max,
                     double            fallback,
                     double           *out)
{
  gsize len;
  const char *s = cell (t, row, spec, &len);

  *out = fallback;
  if (len == 0)
    return;
  if (!parse_number (s, len, out) || *out < min || *out > max)
    {
      ERROR_AT (l, t, row, t->specs[spec].name,
                _("bad number '%s' (expected a number from %g to %g)"), s, min, max);
      *out = fallback;
    }
}

/* Columns members … member_silent: a simulated population of members and
 * the law of their answers. */
static void
team_members (Loader           *l,
              const Table      *t,
              const OdanCsvRow *row,
              OdanTeam         *team)
{
  const char *members = cell (t, row, ODAN_COL_TEAM_MEMBERS, NULL);
  gsize received_len;

  cell (t, row, ODAN_COL_TEAM_MEMBER_RECEIVED, &received_len);
  duration_cell (l, t, row, ODAN_COL_TEAM_MEMBER_RECEIVED, 0.0, &team->member_received);
  duration_cell (l, t, row, ODAN_COL_TEAM_MEMBER_READ, 0.0, &team->member_read);
  bounded_number_cell (l, t, row, ODAN_COL_TEAM_MEMBER_SPREAD, 0.0, 5.0, 0.5, &team->member_spread);
  bounded_number_cell (l, t, row, ODAN_COL_TEAM_MEMBER_SILENT, 0.0, 1.0, 0.0, &team->member_silent);
  if (members[0] == '\0')
    return;
  if (!parse_count (members, &team->members) || team->members == 0 || team->members > 1000000)
    {
      ERROR_AT (l, t, row, "members",
                _("bad number of members '%s' (expected a whole number from 1 to 1000000)"), members);
      team->members = 0;
      return;
    }
  if (g_ascii_strcasecmp (team->role != NULL ? team->role : "", "ceptoar") != 0)
    ERROR_AT (l, t, row, "members", "%s",
              _("only a CEPTOAR team (role ceptoar) has simulated members"));
  if (received_len == 0)
    ERROR_AT (l, t, row, "member_received", "%s",
              _("simulated members need the median time to confirm receipt, e.g. 20m"));
}

static void
team_row (Loader           *l,
          Table            *t,
          const OdanCsvRow *row)
{
  OdanTeam team = { 0 };
  const char *id = required_cell (l, t, row, ODAN_COL_TEAM_ID);
  const char *name = required_cell (l, t, row, ODAN_COL_TEAM_NAME);

  const char *reserved;

  team.sector = lookup_sector (l, t, row, ODAN_COL_TEAM_SECTOR);
  if (id == NULL)
    return;
  reserved = reserved_team_id (id);
  if (reserved != NULL)
    {
      ERROR_AT (l, t, row, t->specs[ODAN_COL_TEAM_ID].name, reserved, id);
      return;
    }
  if (!register_id (l, t, row, l->pack->team_index, id, l->teams, G_STRUCT_OFFSET (OdanTeam, line),
                    &team.id))
    return;
  team.name = name != NULL ? g_string_chunk_insert (l->pack->strings, name) : team.id;
  team.name_ja = chunk_cell (l, t, row, ODAN_COL_TEAM_NAME_JA);
  team.ceptoar = chunk_cell (l, t, row, ODAN_COL_TEAM_CEPTOAR);
  team.contact = chunk_cell (l, t, row, ODAN_COL_TEAM_CONTACT);
  team.role = chunk_cell (l, t, row, ODAN_COL_TEAM_ROLE);
  team.member_of = ODAN_NONE;
  team_members (l, t, row, &team);
  team.extra = row_extra (l, t, row);
  team.line = row->line;
  g_array_append_val (l->teams, team);
  /* a team may be a member of one further down: resolved in teams_finish() */
  g_ptr_array_add (l->member_of, chunk_cell (l, t, row, ODAN_COL_TEAM_MEMBER_OF));
}

static void
teams_finish (Loader *l,
              Table  *t)
{
  for (guint i = 0; i < l->teams->len; i++)
    {
      OdanTeam *team = &g_array_index (l->teams, OdanTeam, i);
      const char *id = g_ptr_array_index (l->member_of, i);
      gpointer found;

      if (id == NULL)
        continue;
      found = g_hash_table_lookup (l->pack->team_index, id);
      if (found == NULL)
        report (l, ODAN_DIAGNOSTIC_ERROR, t->file, team->line, "member_of",
                _("unknown team '%s'"), id);
      else if (GPOINTER_TO_UINT (found) - 1 == i)
        report (l, ODAN_DIAGNOSTIC_ERROR, t->file, team->line, "member_of", "%s",
                _("a team cannot be a member of itself"));
      else
        team->member_of = GPOINTER_TO_UINT (found) - 1;
    }
}

static void
node_prepare (Loader *l,
              guint   n_rows)
{
  guint32 n_slots = 64;

  if (n_rows > 0)
    {
      /* reserve without changing the length */
      g_array_set_size (l->nodes, n_rows);
      g_array_set_size (l->nodes, 0);
    }
  while (n_slots < 2 * (guint64) n_rows && n_slots < (1u << 31))
    n_slots *= 2;
  node_slots_resize (l, n_slots);
}

static void
node_row (Loader           *l,
          Table            *t,
          const OdanCsvRow *row)
{
  OdanNode node = { 0 };
  const char *id = required_cell (l, t, row, ODAN_COL_NODE_ID);
  const char *name = required_cell (l, t, row, ODAN_COL_NODE_NAME);
  const char *sector = required_cell (l, t, row, ODAN_COL_NODE_SECTOR);
  gsize region_len;
  const char *region = cell (t, row, ODAN_COL_NODE_REGION, &region_len);
  gpointer found;

  node.sector = sector != NULL ? lookup_sector (l, t, row, ODAN_COL_NODE_SECTOR) : ODAN_NONE;
  node.team = lookup_team (l, t, row, ODAN_COL_NODE_TEAM);
  node.region = ODAN_NONE;
  if (region_len > 0)
    {
      found = g_hash_table_lookup (l->region_index, region);
      if (found == NULL)
        {
          char *interned = g_string_chunk_insert (l->pack->strings, region);

          g_ptr_array_add (l->regions, interned);
          found = GUINT_TO_POINTER (l->regions->len);
          g_hash_table_insert (l->region_index, interned, found);
        }
      node.region = GPOINTER_TO_UINT (found) - 1;
    }

  if (id == NULL)
    return;
  if (!register_id (l, t, row, l->pack->node_index, id, l->nodes, G_STRUCT_OFFSET (OdanNode, line),
                    &node.id))
    return;
  node_slots_insert (l, node.id, l->nodes->len);
  node.name = name != NULL ? g_string_chunk_insert (l->pack->strings, name) : node.id;
  node.name_ja = chunk_cell (l, t, row, ODAN_COL_NODE_NAME_JA);
  node.notes = chunk_cell (l, t, row, ODAN_COL_NODE_NOTES);
  node.notes_ja = chunk_cell (l, t, row, ODAN_COL_NODE_NOTES_JA);
  node.extra = row_extra (l, t, row);
  node.line = row->line;
  g_array_append_val (l->nodes, node);
}

static void
edge_prepare (Loader *l,
              guint   n_rows)
{
  l->edges = g_new (OdanEdge, MAX (n_rows, 1));
  l->edge_room = n_rows;
  l->n_edges = 0;
}

/* A node id of dependencies.csv, resolved one row late (see PendingEdge). */
static guint32
lookup_node_id (Loader     *l,
                guint       line,
                const char *column,
                GString    *id,
                guint32     hash)
{
  guint32 found;

  if (id->len == 0)
    {
      report (l, ODAN_DIAGNOSTIC_ERROR, "dependencies.csv", line, column, "%s", _("missing value"));
      return ODAN_NONE;
    }
  found = node_slots_lookup (l, hash, id->str, id->len);
  if (found == ODAN_NONE && !l->nodes_broken)
    report (l, ODAN_DIAGNOSTIC_ERROR, "dependencies.csv", line, column,
            _("unknown node '%s'"), id->str);
  return found;
}

/* Finishes the edge of the previous row: its node slots have had a whole
 * row's time to arrive in the cache. */
static void
pending_edge_finish (Loader *l)
{
  PendingEdge *p = &l->pending;
  OdanEdge *edge = &p->edge;

  if (!p->active)
    return;
  p->active = FALSE;

  edge->provider = lookup_node_id (l, edge->line, "provider", p->provider, p->provider_hash);
  edge->dependent = lookup_node_id (l, edge->line, "dependent", p->dependent, p->dependent_hash);
  if (edge->provider == ODAN_NONE || edge->dependent == ODAN_NONE)
    return;
  if (edge->provider == edge->dependent)
    {
      report (l, ODAN_DIAGNOSTIC_ERROR, "dependencies.csv", edge->line, NULL,
              _("node '%s' depends on itself"), p->provider->str);
      return;
    }
  if (p->ok)
    {
      g_assert (l->n_edges < l->edge_room);
      if (l->edge_below != NULL)
        l->edge_below[l->n_edges] = p->restart_below;
      l->edges[l->n_edges++] = *edge;
    }
}

static void
edges_finish (Loader *l,
              Table  *t)
{
  pending_edge_finish (l);
}

static inline char
ascii_lower (char c)
{
  return c >= 'A' && c <= 'Z' ? (char) (c + ('a' - 'A')) : c;
}

/* Column type, in any case: the nicks of OdanDepType (lower case), which
 * the loader looked up once (l->dep_types) since every edge row asks. */
static inline gboolean
parse_dep_type (const Loader *l,
                const char   *s,
                OdanDepType  *out)
{
  for (guint i = 0; i < G_N_ELEMENTS (l->dep_types); i++)
    {
      const char *nick = l->dep_types[i];
      const char *p = s;

      while (*nick != '\0' && ascii_lower (*p) == *nick)
        {
          p++;
          nick++;
        }
      if (*nick == '\0' && *p == '\0')
        {
          *out = (OdanDepType) i;
          return TRUE;
        }
    }
  return FALSE;
}

/* Columns type and strength of an edge row; FALSE after reporting a problem. */
static inline gboolean
edge_type_strength (Loader           *l,
                    const Table      *t,
                    const OdanCsvRow *row,
                    OdanEdge         *edge)
{
  gboolean ok = TRUE;
  OdanDepType type;
  gsize len;
  const char *s = cell (t, row, ODAN_COL_EDGE_TYPE, &len);

  if (len == 0)
    {
      ERROR_AT (l, t, row, "type", "%s", _("missing value"));
      ok = FALSE;
    }
  else if (!parse_dep_type (l, s, &type))
    {
      ERROR_AT (l, t, row, "type",
                _("unknown dependency type '%s' (expected physical, cyber, geographic or logical)"), s);
      ok = FALSE;
    }
  else
    edge->type = type;

  s = cell (t, row, ODAN_COL_EDGE_STRENGTH, &len);
  if (len == 0)
    {
      ERROR_AT (l, t, row, "strength", "%s", _("missing value"));
      ok = FALSE;
    }
  else if (!parse_number (s, len, &edge->strength))
    {
      ERROR_AT (l, t, row, "strength", _("'%s' is not a number"), s);
      ok = FALSE;
    }
  else if (edge->strength < 0.0 || edge->strength > 1.0)
    {
      ERROR_AT (l, t, row, "strength", _("strength %s is out of range [0, 1]"), s);
      ok = FALSE;
    }
  return ok;
}

/* Column coverage: 1 when empty; FALSE after reporting a problem. */
static inline gboolean
edge_coverage (Loader           *l,
               const Table      *t,
               const OdanCsvRow *row,
               OdanEdge         *edge)
{
  gsize len;
  const char *s = cell (t, row, ODAN_COL_EDGE_COVERAGE, &len);

  edge->coverage = 1.0;
  if (len == 0)
    return TRUE;
  if (!parse_number (s, len, &edge->coverage))
    {
      ERROR_AT (l, t, row, "coverage", _("'%s' is not a number"), s);
      return FALSE;
    }
  if (!(edge->coverage > 0.0 && edge->coverage <= 1.0))
    {
      ERROR_AT (l, t, row, "coverage", _("coverage %s is out of range (0, 1]"), s);
      return FALSE;
    }
  return TRUE;
}

/* Column restart_below: 0 when empty, and only beside a restart (SEMANTICS.md
 * §3.2.1); FALSE after reporting a problem. */
static gboolean
edge_restart_below (Loader           *l,
                    const Table      *t,
                    const OdanCsvRow *row,
                    const OdanEdge   *edge,
                    double           *below)
{
  gsize len;
  const char *s;

  *below = 0.0;
  if (t->col[ODAN_COL_EDGE_RESTART_BELOW] < 0)
    return TRUE;
  if (l->edge_below == NULL)
    l->edge_below = g_new (double, MAX (l->edge_room, 1));
  s = cell (t, row, ODAN_COL_EDGE_RESTART_BELOW, &len);
  if (len == 0)
    return TRUE;
  if (!parse_number (s, len, below))
    {
      ERROR_AT (l, t, row, "restart_below", _("'%s' is not a number"), s);
      return FALSE;
    }
  if (!(*below > 0.0 && *below <= 1.0))
    {
      ERROR_AT (l, t, row, "restart_below", _("restart_below %s is out of range (0, 1]"), s);
      return FALSE;
    }
  if (!(edge->restart > 0.0))
    {
      ERROR_AT (l, t, row, "restart_below", "%s",
                _("restart_below needs a restart time in column restart"));
      return FALSE;
    }
  return TRUE;
}

/* Columns group and source, interned. */
static inline void
edge_group_source (Loader           *l,
                   const Table      *t,
                   const OdanCsvRow *row,
                   OdanEdge         *edge)
{
  gsize len;
  const char *s = cell (t, row, ODAN_COL_EDGE_GROUP, &len);

  edge->group = ODAN_NONE;
  if (len > 0)
    {
      gpointer found = g_hash_table_lookup (l->group_index, s);

      if (found == NULL)
        {
          char *interned = (char *) intern (l, s);

          g_ptr_array_add (l->groups, interned);
          found = GUINT_TO_POINTER (l->groups->len);
          g_hash_table_insert (l->group_index, interned, found);
        }
      edge->group = GPOINTER_TO_UINT (found) - 1;
    }

  s = cell (t, row, ODAN_COL_EDGE_SOURCE, &len);
  if (len > 0)
    {
      if (l->last_source == NULL || strcmp (l->last_source, s) != 0)
        l->last_source = intern (l, s);
      edge->source = l->last_source;
    }
}

/* The extra values go where the edge will go if it turns out valid. */
static inline void
edge_extra_values (Loader           *l,
                   const Table      *t,
                   const OdanCsvRow *row)
{
  const char **extra;

  if (t->extra->n_columns == 0 || l->n_edges >= l->edge_room)
    return;
  if (l->edge_extra == NULL)
    l->edge_extra = g_new0 (const char *, (gsize) MAX (l->edge_room, 1) * t->extra->n_columns);
  extra = l->edge_extra + (gsize) l->n_edges * t->extra->n_columns;
  for (guint i = 0; i < t->extra->n_columns; i++)
    {
      guint f = t->extra_fields[i];

      extra[i] = f < row->n_fields && row->lengths[f] > 0 ? intern (l, row->fields[f]) : NULL;
    }
}

static void
edge_row (Loader           *l,
          Table            *t,
          const OdanCsvRow *row)
{
  PendingEdge *p = &l->pending;
  OdanEdge *edge = &p->edge;
  gsize len;
  const char *s;
  guint32 provider_hash;
  guint32 dependent_hash;

  /* Node lookups on a big pack are cache misses: start fetching this row's
   * node slots now, finish the previous row (whose slots were fetched one
   * row ago), then parse the rest of this row and leave it pending. */
  s = cell (t, row, ODAN_COL_EDGE_PROVIDER, &len);
  provider_hash = id_hash (s, len);
  node_slots_prefetch (l, provider_hash);
  s = cell (t, row, ODAN_COL_EDGE_DEPENDENT, &len);
  dependent_hash = id_hash (s, len);
  node_slots_prefetch (l, dependent_hash);

  pending_edge_finish (l);

  memset (edge, 0, sizeof *edge);
  p->active = TRUE;
  p->provider_hash = provider_hash;
  p->dependent_hash = dependent_hash;
  s = cell (t, row, ODAN_COL_EDGE_PROVIDER, &len);
  g_string_truncate (p->provider, 0);
  g_string_append_len (p->provider, s, (gssize) len);
  s = cell (t, row, ODAN_COL_EDGE_DEPENDENT, &len);
  g_string_truncate (p->dependent, 0);
  g_string_append_len (p->dependent, s, (gssize) len);
  edge->line = row->line;

  p->ok = edge_type_strength (l, t, row, edge);
  p->ok &= duration_cell (l, t, row, ODAN_COL_EDGE_BUFFER, 0.0, &edge->buffer);
  p->ok &= duration_cell (l, t, row, ODAN_COL_EDGE_LAG, 0.0, &edge->lag);
  p->ok &= duration_cell (l, t, row, ODAN_COL_EDGE_RESTART, 0.0, &edge->restart);
  p->ok &= edge_coverage (l, t, row, edge);
  p->ok &= edge_restart_below (l, t, row, edge, &p->restart_below);
  edge_group_source (l, t, row, edge);
  edge_extra_values (l, t, row);
}

/* ------------------------------------------------------------------ */
/* Edges by dependent */

static void
build_edge_index (Loader *l)
{
  OdanPack *pack = l->pack;
  guint n_nodes = pack->n_nodes;
  guint n_edges = pack->n_edges;
  gsize n = MAX (n_edges, 1);
  g_autofree guint32 *count = g_new0 (guint32, n_nodes + 1);
  g_autofree guint32 *provider = g_new (guint32, n);
  g_autofree guint32 *dependent = g_new (guint32, n);
  g_autofree guint32 *by_provider = g_new (guint32, n);
  g_autofree guint32 *in_provider = g_new (guint32, n);

  /* The sorts work on compact copies of the endpoints: their random
   * accesses then stay in a few MB instead of the whole edge array. */
  for (guint e = 0; e < n_edges; e++)
    {
      provider[e] = pack->edges[e].provider;
      dependent[e] = pack->edges[e].dependent;
    }

  /* stable counting sort by provider ... */
  for (guint e = 0; e < n_edges; e++)
    count[provider[e] + 1]++;
  for (guint i = 0; i < n_nodes; i++)
    count[i + 1] += count[i];
  for (guint e = 0; e < n_edges; e++)
    by_provider[count[provider[e]]++] = e;

  /* ... then by dependent: each dependent's run comes out sorted by provider,
   * and edges with the same provider keep their file order */
  pack->in_start = g_new0 (guint32, n_nodes + 1);
  pack->in_edges = g_new (guint32, n);
  for (guint e = 0; e < n_edges; e++)
    pack->in_start[dependent[e] + 1]++;
  for (guint i = 0; i < n_nodes; i++)
    pack->in_start[i + 1] += pack->in_start[i];
  memcpy (count, pack->in_start, (n_nodes + 1) * sizeof (guint32));
  for (guint i = 0; i < n_edges; i++)
    {
      guint32 e = by_provider[i];
      guint32 pos = count[dependent[e]]++;

      pack->in_edges[pos] = e;
      in_provider[pos] = provider[e];
    }

  /* a duplicate edge is next to its twin; report the later one */
  for (guint d = 0; d < n_nodes; d++)
    for (guint32 i = pack->in_start[d] + 1; i < pack->in_start[d + 1]; i++)
      if (in_provider[i - 1] == in_provider[i])
        {
          const OdanEdge *prev = &pack->edges[pack->in_edges[i - 1]];
          const OdanEdge *edge = &pack->edges[pack->in_edges[i]];

          report (l, ODAN_DIAGNOSTIC_ERROR, "dependencies.csv", edge->line, NULL,
                  _("duplicate dependency %s->%s (first defined on line %u)"),
                  pack->nodes[edge->provider].id, pack->nodes[d].id, prev->line);
        }
}

/* ------------------------------------------------------------------ */
/* Effects */

static guint32
find_region (const OdanPack *pack,
             const char     *name)
{
  for (guint i = 0; i < pack->n_regions; i++)
    if (strcmp (pack->regions[i], name) == 0)
      return i;
  return ODAN_NONE;
}

gboolean
odan_effects_resolve (GArray         *effects,
                      const OdanPack *pack,
                      guint          *n_empty_selectors,
                      GError        **error)
{
  guint n_empty = 0;

  g_return_val_if_fail (effects != NULL, FALSE);
  g_return_val_if_fail (pack != NULL, FALSE);

  for (guint i = 0; i < effects->len; i++)
    {
      OdanEffect *effect = &g_array_index (effects, OdanEffect, i);

      g_clear_pointer (&effect->nodes, g_free);
      effect->n_nodes = 0;
      effect->edge = ODAN_NONE;

      switch (effect->kind)
        {
        case ODAN_EFFECT_SET:
        case ODAN_EFFECT_RESTORE:
        case ODAN_EFFECT_FLOOR:
          if (effect->node != NULL)
            {
              guint32 n = odan_pack_find_node (pack, effect->node);

              if (n == ODAN_NONE)
                {
                  g_set_error (error, ODAN_EFFECT_ERROR, ODAN_EFFECT_ERROR_UNKNOWN_NODE,
                               _("'%s': unknown node '%s'"), effect->text, effect->node);
                  return FALSE;
                }
              effect->nodes = g_new (guint32, 1);
              effect->nodes[0] = n;
              effect->n_nodes = 1;
            }
          else
            {
              guint32 sector = ODAN_NONE;
              guint32 region = ODAN_NONE;
              gboolean possible = TRUE;
              g_autoptr(GArray) matches = g_array_new (FALSE, FALSE, sizeof (guint32));

              if (effect->sector != NULL)
                {
                  sector = odan_pack_find_sector (pack, effect->sector);
                  possible &= sector != ODAN_NONE;
                }
              if (effect->region != NULL)
                {
                  region = find_region (pack, effect->region);
                  possible &= region != ODAN_NONE;
                }
              for (guint32 n = 0; possible && n < pack->n_nodes; n++)
                if ((effect->sector == NULL || pack->nodes[n].sector == sector)
                    && (effect->region == NULL || pack->nodes[n].region == region))
                  g_array_append_val (matches, n);
              effect->n_nodes = matches->len;
              effect->nodes = (guint32 *) (void *) g_array_free (g_steal_pointer (&matches), FALSE);
              if (effect->n_nodes == 0)
                {
                  g_clear_pointer (&effect->nodes, g_free);
                  n_empty++;
                }
            }
          break;

        case ODAN_EFFECT_UNITS:
          effect->pool_index = odan_pack_find_pool (pack, effect->pool);
          if (effect->pool_index == ODAN_NONE)
            {
              g_set_error (error, ODAN_EFFECT_ERROR, ODAN_EFFECT_ERROR_UNKNOWN_POOL,
                           _("'%s': unknown pool '%s'"), effect->text, effect->pool);
              return FALSE;
            }
          break;

        case ODAN_EFFECT_BUFFER:
        case ODAN_EFFECT_STRENGTH:
        case ODAN_EFFECT_PRIORITY:
          {
            guint32 p = odan_pack_find_node (pack, effect->provider);
            guint32 d = odan_pack_find_node (pack, effect->dependent);

            if (p == ODAN_NONE || d == ODAN_NONE)
              {
                g_set_error (error, ODAN_EFFECT_ERROR, ODAN_EFFECT_ERROR_UNKNOWN_NODE,
                             _("'%s': unknown node '%s'"), effect->text,
                             p == ODAN_NONE ? effect->provider : effect->dependent);
                return FALSE;
              }
            effect->edge = odan_pack_find_edge (pack, p, d);
            if (effect->edge == ODAN_NONE)
              {
                g_set_error (error, ODAN_EFFECT_ERROR, ODAN_EFFECT_ERROR_UNKNOWN_EDGE,
                             _("'%s': there is no dependency %s->%s"), effect->text,
                             effect->provider, effect->dependent);
                return FALSE;
              }
            if (effect->kind == ODAN_EFFECT_PRIORITY
                && (pack->edge_resupply == NULL || pack->edge_resupply[effect->edge] == ODAN_NONE))
              {
                g_set_error (error, ODAN_EFFECT_ERROR, ODAN_EFFECT_ERROR_UNKNOWN_EDGE,
                             _("'%s': the dependency %s->%s has no row in resupply.csv"), effect->text,
                             effect->provider, effect->dependent);
                return FALSE;
              }
          }
          break;

        default:
          g_assert_not_reached ();
        }
    }

  if (n_empty_selectors != NULL)
    *n_empty_selectors = n_empty;
  return TRUE;
}

static char *
selector_text (const OdanEffect *effect)
{
  if (effect->sector != NULL && effect->region != NULL)
    return g_strdup_printf ("sector=%s,region=%s", effect->sector, effect->region);
  if (effect->sector != NULL)
    return g_strdup_printf ("sector=%s", effect->sector);
  return g_strdup_printf ("region=%s", effect->region);
}

/* Parses and resolves an effect column; problems become diagnostics. */
static GArray *
effects_cell (Loader           *l,
              const Table      *t,
              const OdanCsvRow *row,
              guint             spec)
{
  gsize len;
  const char *text = cell (t, row, spec, &len);
  g_autoptr(GArray) effects = NULL;
  g_autoptr(GError) error = NULL;

  effects = odan_effects_parse (text, &error);
  if (effects == NULL)
    {
      ERROR_AT (l, t, row, "effect", "%s", error->message);
      return NULL;
    }
  /* a team's slice without the model: the effects are the facilitator's to apply */
  if (l->nodes_absent)
    return NULL;
  if (!odan_effects_resolve (effects, l->pack, NULL, &error))
    {
      /* unknown names are the fault of a broken table, if any */
      if (!l->nodes_broken)
        ERROR_AT (l, t, row, "effect", "%s", error->message);
      return NULL;
    }
  for (guint i = 0; i < effects->len; i++)
    {
      const OdanEffect *effect = &g_array_index (effects, OdanEffect, i);

      if (effect->node == NULL && effect->n_nodes == 0
          && (effect->kind == ODAN_EFFECT_SET || effect->kind == ODAN_EFFECT_RESTORE
              || effect->kind == ODAN_EFFECT_FLOOR))
        {
          g_autofree char *selector = selector_text (effect);

          WARNING_AT (l, t, row, "effect", _("selector '%s' matches no node"), selector);
        }
    }
  return g_steal_pointer (&effects);
}

/* ------------------------------------------------------------------ */
/* Injects and mitigations */

/* In both handlers below a row whose id is registered stays in its table
 * whatever its problems, so that the indices in the id table stay right; a
 * row with a problem has reported an error, so the pack is not returned. */
static void
inject_row (Loader           *l,
            Table            *t,
            const OdanCsvRow *row)
{
  OdanInject inject = { 0 };
  const char *id = required_cell (l, t, row, ODAN_COL_INJECT_ID);
  const char *time_text = required_cell (l, t, row, ODAN_COL_INJECT_TIME);
  const char *to = required_cell (l, t, row, ODAN_COL_INJECT_TO);
  required_cell (l, t, row, ODAN_COL_INJECT_TITLE);
  g_autoptr(GArray) recipients = g_array_new (FALSE, FALSE, sizeof (guint32));

  if (time_text != NULL)
    {
      g_autoptr(GError) error = NULL;

      if (!odan_time_parse (time_text, l->t0, &inject.time, &error))
        ERROR_AT (l, t, row, "time", "%s", error->message);
      else if (l->pack->duration > 0 && inject.time > l->pack->duration)
        {
          g_autofree char *at = odan_time_format_offset (inject.time);
          g_autofree char *end = odan_time_format_offset (l->pack->duration);

          WARNING_AT (l, t, row, "time",
                      _("the inject at %s comes after the end of the scenario (%s)"), at, end);
        }
    }

  if (to != NULL)
    {
      g_auto(GStrv) ids = g_strsplit (to, ";", -1);
      guint n_ids = g_strv_length (ids);

      for (guint i = 0; i < n_ids; i++)
        {
          const char *team_id = g_strstrip (ids[i]);
          gpointer found;
          guint32 team;

          if (g_ascii_strcasecmp (team_id, "all") == 0)
            {
              if (n_ids > 1)
                ERROR_AT (l, t, row, "to", "%s", _("'all' cannot be combined with team ids"));
              inject.to_all = TRUE;
              continue;
            }
          if (team_id[0] == '\0')
            {
              ERROR_AT (l, t, row, "to", _("empty team id in '%s'"), to);
              continue;
            }
          found = g_hash_table_lookup (l->pack->team_index, team_id);
          if (found == NULL)
            {
              if (!l->teams_broken)
                ERROR_AT (l, t, row, "to", _("unknown team '%s'"), team_id);
              continue;
            }
          team = GPOINTER_TO_UINT (found) - 1;
          g_array_append_val (recipients, team);
        }
    }

  inject.effects = effects_cell (l, t, row, ODAN_COL_INJECT_EFFECT);

  if (id == NULL || !register_id (l, t, row, l->pack->inject_index, id, l->injects,
                                  G_STRUCT_OFFSET (OdanInject, line), &inject.id))
    {
      g_clear_pointer (&inject.effects, g_array_unref);
      return;
    }

  inject.time_text = chunk_cell (l, t, row, ODAN_COL_INJECT_TIME);
  if (inject.to_all)
    g_array_set_size (recipients, 0);
  inject.n_to = recipients->len;
  inject.to = (guint32 *) (void *) g_array_free (g_steal_pointer (&recipients), FALSE);
  inject.title = chunk_cell (l, t, row, ODAN_COL_INJECT_TITLE);
  inject.title_ja = chunk_cell (l, t, row, ODAN_COL_INJECT_TITLE_JA);
  inject.from = chunk_cell (l, t, row, ODAN_COL_INJECT_FROM);
  inject.channel = chunk_cell (l, t, row, ODAN_COL_INJECT_CHANNEL);
  inject.body = chunk_cell (l, t, row, ODAN_COL_INJECT_BODY);
  inject.expected_action = chunk_cell (l, t, row, ODAN_COL_INJECT_EXPECTED_ACTION);
  inject.objective = chunk_cell (l, t, row, ODAN_COL_INJECT_OBJECTIVE);
  inject.sharing = chunk_cell (l, t, row, ODAN_COL_INJECT_SHARING);
  inject.from_ja = chunk_cell (l, t, row, ODAN_COL_INJECT_FROM_JA);
  inject.body_ja = chunk_cell (l, t, row, ODAN_COL_INJECT_BODY_JA);
  inject.expected_action_ja = chunk_cell (l, t, row, ODAN_COL_INJECT_EXPECTED_ACTION_JA);
  inject.objective_ja = chunk_cell (l, t, row, ODAN_COL_INJECT_OBJECTIVE_JA);
  inject.event_type = chunk_cell (l, t, row, ODAN_COL_INJECT_EVENT_TYPE);
  inject.controller = chunk_cell (l, t, row, ODAN_COL_INJECT_CONTROLLER);
  inject.evaluator_instructions = chunk_cell (l, t, row, ODAN_COL_INJECT_EVALUATOR_INSTRUCTIONS);
  inject.effect_text = chunk_cell (l, t, row, ODAN_COL_INJECT_EFFECT);
  inject.extra = row_extra (l, t, row);
  inject.line = row->line;
  g_array_append_val (l->injects, inject);
}

/* A whole number of units: digits only, up to G_MAXUINT32. */
static gboolean
parse_count (const char *s,
             guint      *out)
{
  guint64 v = 0;

  if (s[0] == '\0')
    return FALSE;
  for (const char *p = s; *p != '\0'; p++)
    {
      if (!g_ascii_isdigit (*p))
        return FALSE;
      v = v * 10 + (guint64) (*p - '0');
      if (v > G_MAXUINT32)
        return FALSE;
    }
  *out = (guint) v;
  return TRUE;
}

static void
pool_row (Loader           *l,
          Table            *t,
          const OdanCsvRow *row)
{
  OdanPool pool = { 0 };
  const char *id = required_cell (l, t, row, ODAN_COL_POOL_ID);
  const char *name = required_cell (l, t, row, ODAN_COL_POOL_NAME);
  const char *capacity = required_cell (l, t, row, ODAN_COL_POOL_CAPACITY);

  if (capacity != NULL && !parse_count (capacity, &pool.capacity))
    ERROR_AT (l, t, row, "capacity",
              _("bad capacity '%s' (expected a whole number of units, e.g. 4)"), capacity);
  if (id == NULL)
    return;
  if (!register_id (l, t, row, l->pack->pool_index, id, l->pools, G_STRUCT_OFFSET (OdanPool, line),
                    &pool.id))
    return;
  pool.name = name != NULL ? g_string_chunk_insert (l->pack->strings, name) : pool.id;
  pool.name_ja = chunk_cell (l, t, row, ODAN_COL_POOL_NAME_JA);
  pool.extra = row_extra (l, t, row);
  pool.line = row->line;
  g_array_append_val (l->pools, pool);
}

static void
relay_row (Loader           *l,
           Table            *t,
           const OdanCsvRow *row)
{
  OdanRelay relay = { 0 };
  const char *channel = required_cell (l, t, row, ODAN_COL_RELAY_CHANNEL);
  gpointer found;

  if (required_cell (l, t, row, ODAN_COL_RELAY_LATENCY) != NULL)
    duration_cell (l, t, row, ODAN_COL_RELAY_LATENCY, 0.0, &relay.latency);
  if (channel == NULL)
    return;
  found = g_hash_table_lookup (l->pack->relay_index, channel);
  if (found != NULL)
    {
      ERROR_AT (l, t, row, "channel", _("duplicate channel '%s' (first defined on line %u)"),
                channel, g_array_index (l->relays, OdanRelay, GPOINTER_TO_UINT (found) - 1).line);
      return;
    }
  relay.channel = g_string_chunk_insert (l->pack->strings, channel);
  relay.extra = row_extra (l, t, row);
  relay.line = row->line;
  g_hash_table_insert (l->pack->relay_index, relay.channel, GUINT_TO_POINTER (l->relays->len + 1));
  g_array_append_val (l->relays, relay);
}

static void
region_row (Loader           *l,
            Table            *t,
            const OdanCsvRow *row)
{
  OdanRegion region = { 0 };
  const char *id = required_cell (l, t, row, ODAN_COL_REGION_ID);
  const char *name = required_cell (l, t, row, ODAN_COL_REGION_NAME);
  gpointer found;

  if (id == NULL)
    return;
  if (!register_id (l, t, row, l->region_row_index, id, l->region_rows,
                    G_STRUCT_OFFSET (OdanRegion, line), &region.id))
    return;
  region.name = name != NULL ? g_string_chunk_insert (l->pack->strings, name) : region.id;
  region.name_ja = chunk_cell (l, t, row, ODAN_COL_REGION_NAME_JA);
  found = g_hash_table_lookup (l->region_index, id);
  region.region = found != NULL ? GPOINTER_TO_UINT (found) - 1 : ODAN_NONE;
  /* a name for a region no node is in is most likely a typo of its id */
  if (found == NULL && !l->nodes_broken && !l->nodes_absent)
    WARNING_AT (l, t, row, "id", _("no node in nodes.csv is in region '%s'"), id);
  region.extra = row_extra (l, t, row);
  region.line = row->line;
  g_array_append_val (l->region_rows, region);
}

/* ------------------------------------------------------------------ */
/* Resupply (SEMANTICS.md §14) */

/* A pool named in column @spec, or ODAN_NONE (reported when unknown). */
static guint32
lookup_pool (Loader           *l,
             const Table      *t,
             const OdanCsvRow *row,
             guint             spec)
{
  return lookup_id (l, t, row, spec, l->pack->pool_index, l->pools_broken, _("unknown pool '%s'"));
}

/* Column route: node ids joined by ';'. */
static void
resupply_route (Loader           *l,
                const Table      *t,
                const OdanCsvRow *row,
                OdanResupply     *r)
{
  g_auto(GStrv) ids = g_strsplit (cell (t, row, ODAN_COL_RESUPPLY_ROUTE, NULL), ";", -1);
  g_autoptr(GArray) route = g_array_new (FALSE, FALSE, sizeof (guint32));

  for (guint i = 0; ids[i] != NULL; i++)
    {
      guint32 n;

      g_strstrip (ids[i]);
      if (ids[i][0] == '\0')
        continue;
      n = odan_pack_find_node (l->pack, ids[i]);
      if (n == ODAN_NONE)
        {
          if (!l->nodes_broken)
            ERROR_AT (l, t, row, "route", _("unknown node '%s'"), ids[i]);
          continue;
        }
      g_array_append_val (route, n);
    }
  r->n_route = route->len;
  r->route = r->n_route > 0 ? (guint32 *) (void *) g_array_free (g_steal_pointer (&route), FALSE)
                            : NULL;
}

/* Columns provider and dependent: an edge of dependencies.csv. */
static guint32
resupply_edge (Loader           *l,
               const Table      *t,
               const OdanCsvRow *row)
{
  const char *ids[2] = { required_cell (l, t, row, ODAN_COL_RESUPPLY_PROVIDER),
                         required_cell (l, t, row, ODAN_COL_RESUPPLY_DEPENDENT) };
  guint32 nodes[2];
  guint32 edge;

  for (guint i = 0; i < 2; i++)
    {
      if (ids[i] == NULL)
        return ODAN_NONE;
      nodes[i] = odan_pack_find_node (l->pack, ids[i]);
      if (nodes[i] == ODAN_NONE)
        {
          if (!l->nodes_broken)
            ERROR_AT (l, t, row, i == 0 ? "provider" : "dependent", _("unknown node '%s'"), ids[i]);
          return ODAN_NONE;
        }
    }
  edge = odan_pack_find_edge (l->pack, nodes[0], nodes[1]);
  if (edge == ODAN_NONE && !l->edges_broken)
    ERROR_AT (l, t, row, "dependent", _("there is no dependency %s->%s in dependencies.csv"),
              ids[0], ids[1]);
  return edge;
}

/* The durations of a row and how they must relate. */
static void
resupply_durations (Loader           *l,
                    const Table      *t,
                    const OdanCsvRow *row,
                    OdanResupply     *r)
{
  double buffer = r->edge != ODAN_NONE ? l->pack->edges[r->edge].buffer : 0;

  if (required_cell (l, t, row, ODAN_COL_RESUPPLY_LOAD) != NULL
      && duration_cell (l, t, row, ODAN_COL_RESUPPLY_LOAD, 0, &r->load) && r->load <= 0)
    ERROR_AT (l, t, row, "load", "%s", _("a delivery must add more than 0 minutes"));
  if (required_cell (l, t, row, ODAN_COL_RESUPPLY_TRAVEL) != NULL
      && duration_cell (l, t, row, ODAN_COL_RESUPPLY_TRAVEL, 0, &r->travel) && r->travel <= 0)
    ERROR_AT (l, t, row, "travel", "%s", _("a delivery takes more than 0 minutes to arrive"));
  duration_cell (l, t, row, ODAN_COL_RESUPPLY_CAPACITY, MAX (buffer, r->load), &r->capacity);
  duration_cell (l, t, row, ODAN_COL_RESUPPLY_REORDER, r->travel, &r->reorder);
  duration_cell (l, t, row, ODAN_COL_RESUPPLY_TURNAROUND, 2 * r->travel, &r->turnaround);
  if (r->capacity < r->load)
    ERROR_AT (l, t, row, "capacity", "%s", _("the capacity is less than one load"));
  if (r->turnaround < r->travel)
    ERROR_AT (l, t, row, "turnaround", "%s",
              _("the truck cannot be back before it has arrived (turnaround less than travel)"));
}

static void
resupply_row (Loader           *l,
              Table            *t,
              const OdanCsvRow *row)
{
  OdanResupply r = { 0 };
  gsize len;
  const char *text;

  r.edge = resupply_edge (l, t, row);
  if (required_cell (l, t, row, ODAN_COL_RESUPPLY_TRUCKS) != NULL)
    r.trucks = lookup_pool (l, t, row, ODAN_COL_RESUPPLY_TRUCKS);
  r.stock = lookup_pool (l, t, row, ODAN_COL_RESUPPLY_STOCK);
  if (r.stock != ODAN_NONE && r.stock == r.trucks)
    ERROR_AT (l, t, row, "stock", "%s", _("a pool cannot be both the trucks and the stock of a delivery"));
  resupply_durations (l, t, row, &r);
  resupply_route (l, t, row, &r);
  bounded_number_cell (l, t, row, ODAN_COL_RESUPPLY_ROUTE_MIN, 0, 1, 0.5, &r.route_min);
  if (r.route_min <= 0)
    {
      ERROR_AT (l, t, row, "route_min", "%s", _("the route's operability must be more than 0"));
      r.route_min = 0.5;
    }
  text = cell (t, row, ODAN_COL_RESUPPLY_PRIORITY, &len);
  if (len > 0 && (!parse_count (text, &r.priority) || r.priority > ODAN_EFFECT_MAX_PRIORITY))
    ERROR_AT (l, t, row, "priority", _("bad priority '%s' (expected a whole number from 0 to %u)"),
              text, ODAN_EFFECT_MAX_PRIORITY);
  r.source = chunk_cell (l, t, row, ODAN_COL_RESUPPLY_SOURCE);
  r.extra = row_extra (l, t, row);
  r.line = row->line;
  if (r.edge != ODAN_NONE)
    for (guint i = 0; i < l->resupplies->len; i++)
      if (g_array_index (l->resupplies, OdanResupply, i).edge == r.edge)
        {
          ERROR_AT (l, t, row, "dependent", _("the edge already has a resupply row (line %u)"),
                    g_array_index (l->resupplies, OdanResupply, i).line);
          break;
        }
  g_array_append_val (l->resupplies, r);
}

/* Per edge, its resupply row: what the simulator and explain look up. */
static void
index_resupplies (OdanPack *pack)
{
  if (pack->n_resupplies == 0)
    return;
  pack->edge_resupply = g_new (guint32, MAX (pack->n_edges, 1));
  for (guint32 e = 0; e < pack->n_edges; e++)
    pack->edge_resupply[e] = ODAN_NONE;
  for (guint i = 0; i < pack->n_resupplies; i++)
    if (pack->resupplies[i].edge != ODAN_NONE)
      pack->edge_resupply[pack->resupplies[i].edge] = i;
}

/* Columns role and recipients: who owes a deadline, and which forward meets it. */
static void
deadline_scope (Loader           *l,
                const Table      *t,
                const OdanCsvRow *row,
                OdanDeadline     *deadline,
                const char       *team)
{
  deadline->role = chunk_cell (l, t, row, ODAN_COL_DEADLINE_ROLE);
  deadline->recipients = chunk_cell (l, t, row, ODAN_COL_DEADLINE_RECIPIENTS);
  if (deadline->role != NULL && team[0] != '\0' && strcmp (team, "to") != 0)
    ERROR_AT (l, t, row, "role", "%s",
              _("a role applies to the recipients of the trigger: leave column team empty or 'to'"));
  if (deadline->role != NULL && g_ascii_strcasecmp (deadline->role, "members") == 0
      && deadline->kind == ODAN_DEADLINE_DECISION)
    ERROR_AT (l, t, row, "role", "%s",
              _("simulated members only acknowledge: a deadline for role 'members' must be received or read"));
  if (deadline->recipients != NULL
      && (deadline->kind != ODAN_DEADLINE_DECISION
          || deadline->category != ODAN_CATEGORY_INFORMATION_SHARING))
    ERROR_AT (l, t, row, "recipients", "%s",
              _("only an information-sharing deadline names recipients"));
}

/* deadlines.csv comes after injects.csv and teams.csv. */
static void
deadline_row (Loader           *l,
              Table            *t,
              const OdanCsvRow *row)
{
  OdanDeadline deadline = { 0 };
  const char *id = required_cell (l, t, row, ODAN_COL_DEADLINE_ID);
  const char *trigger = required_cell (l, t, row, ODAN_COL_DEADLINE_TRIGGER);
  const char *team = cell (t, row, ODAN_COL_DEADLINE_TEAM, NULL);
  const char *category = required_cell (l, t, row, ODAN_COL_DEADLINE_CATEGORY);
  const char *stage = cell (t, row, ODAN_COL_DEADLINE_STAGE, NULL);
  const char *within = required_cell (l, t, row, ODAN_COL_DEADLINE_WITHIN);
  OdanCategory decision_category = ODAN_CATEGORY_OTHER;
  OdanReportStage report_stage = ODAN_REPORT_STAGE_NONE;
  OdanAck ack = ODAN_ACK_NONE;

  required_cell (l, t, row, ODAN_COL_DEADLINE_LABEL);
  deadline.trigger = ODAN_NONE;
  deadline.team = ODAN_NONE;
  if (trigger != NULL)
    {
      gpointer found = g_hash_table_lookup (l->pack->inject_index, trigger);

      if (found != NULL)
        deadline.trigger = GPOINTER_TO_UINT (found) - 1;
      else if (l->team_slice && l->injects_absent)
        {
          /* a team's slice has no MSEL: the trigger is known by its id only */
          deadline.trigger = odan_pack_learn_inject (l->pack, trigger);
        }
      else
        ERROR_AT (l, t, row, "trigger", _("unknown inject '%s'"), trigger);
    }
  if (team[0] != '\0' && strcmp (team, "to") != 0)
    deadline.team = lookup_team (l, t, row, ODAN_COL_DEADLINE_TEAM);

  if (category != NULL)
    {
      if (odan_ack_from_string (category, &ack))
        deadline.kind = ack == ODAN_ACK_READ ? ODAN_DEADLINE_READ : ODAN_DEADLINE_RECEIVED;
      else if (odan_category_from_string (category, &decision_category))
        {
          deadline.kind = ODAN_DEADLINE_DECISION;
          deadline.category = decision_category;
        }
      else
        ERROR_AT (l, t, row, "category",
                  _("unknown category '%s' (expected business-continuity, disclosure, "
                    "ministry-report, information-sharing or other, or received or read "
                    "for an acknowledgement)"), category);
    }
  if (stage[0] != '\0')
    {
      if (!odan_report_stage_from_string (stage, &report_stage))
        ERROR_AT (l, t, row, "stage",
                  _("unknown report stage '%s' (expected initial, follow-up or final, "
                    "or 第一報, 続報 or 最終報)"), stage);
      else if (category != NULL && (deadline.kind != ODAN_DEADLINE_DECISION
                                    || decision_category != ODAN_CATEGORY_MINISTRY_REPORT))
        ERROR_AT (l, t, row, "stage", "%s", _("only a ministry-report deadline has a stage"));
      deadline.stage = report_stage;
    }
  if (within != NULL && duration_cell (l, t, row, ODAN_COL_DEADLINE_WITHIN, 0.0, &deadline.within)
      && deadline.within <= 0.0)
    ERROR_AT (l, t, row, "within", "%s", _("the time allowed must be longer than 0"));

  if (id == NULL || !register_id (l, t, row, l->pack->deadline_index, id, l->deadlines,
                                  G_STRUCT_OFFSET (OdanDeadline, line), &deadline.id))
    return;
  deadline.label = chunk_cell (l, t, row, ODAN_COL_DEADLINE_LABEL);
  deadline.label_ja = chunk_cell (l, t, row, ODAN_COL_DEADLINE_LABEL_JA);
  deadline_scope (l, t, row, &deadline, team);
  deadline.extra = row_extra (l, t, row);
  deadline.line = row->line;
  g_array_append_val (l->deadlines, deadline);
}

/* Columns pool and uses of a mitigation; pools.csv is read before. */
static void
mitigation_pool (Loader           *l,
                 const Table      *t,
                 const OdanCsvRow *row,
                 OdanMitigation   *mitigation)
{
  const char *pool_id = cell (t, row, ODAN_COL_MIT_POOL, NULL);
  const char *uses = cell (t, row, ODAN_COL_MIT_USES, NULL);

  mitigation->pool = lookup_pool (l, t, row, ODAN_COL_MIT_POOL);
  mitigation->uses = 0;

  if (uses[0] != '\0')
    {
      if (!parse_count (uses, &mitigation->uses) || mitigation->uses == 0)
        {
          ERROR_AT (l, t, row, "uses",
                    _("bad number of units '%s' (expected a whole number, at least 1)"), uses);
          mitigation->uses = 0;
        }
      else if (pool_id[0] == '\0')
        ERROR_AT (l, t, row, "uses", "%s", _("a number of units needs a pool; name one in column 'pool'"));
    }
  else if (pool_id[0] != '\0')
    mitigation->uses = 1;

  if (mitigation->pool != ODAN_NONE && mitigation->uses > l->pack->pools[mitigation->pool].capacity)
    WARNING_AT (l, t, row, "uses",
                _("the mitigation takes %u units but pool '%s' holds only %u: it will always be refused"),
                mitigation->uses, l->pack->pools[mitigation->pool].id,
                l->pack->pools[mitigation->pool].capacity);
}

static void
mitigation_row (Loader           *l,
                Table            *t,
                const OdanCsvRow *row)
{
  OdanMitigation mitigation = { 0 };
  const char *id = required_cell (l, t, row, ODAN_COL_MIT_ID);

  required_cell (l, t, row, ODAN_COL_MIT_LABEL);
  mitigation.team = lookup_team (l, t, row, ODAN_COL_MIT_TEAM);
  duration_cell (l, t, row, ODAN_COL_MIT_DELAY, 0.0, &mitigation.delay);
  mitigation.effects = effects_cell (l, t, row, ODAN_COL_MIT_EFFECT);
  mitigation_pool (l, t, row, &mitigation);

  if (id == NULL || !register_id (l, t, row, l->pack->mitigation_index, id, l->mitigations,
                                  G_STRUCT_OFFSET (OdanMitigation, line), &mitigation.id))
    {
      g_clear_pointer (&mitigation.effects, g_array_unref);
      return;
    }

  mitigation.label = chunk_cell (l, t, row, ODAN_COL_MIT_LABEL);
  mitigation.label_ja = chunk_cell (l, t, row, ODAN_COL_MIT_LABEL_JA);
  mitigation.effect_text = chunk_cell (l, t, row, ODAN_COL_MIT_EFFECT);
  mitigation.extra = row_extra (l, t, row);
  mitigation.line = row->line;
  g_array_append_val (l->mitigations, mitigation);
}

/* ------------------------------------------------------------------ */
/* scenario.ini */

/* The line of "key=" in group [scenario], or of the group header when
 * @key is NULL; 0 when absent. */
static guint
ini_line (const char *text,
          const char *key)
{
  g_auto(GStrv) lines = g_strsplit (text, "\n", -1);
  gboolean in_group = FALSE;

  for (guint i = 0; lines[i] != NULL; i++)
    {
      char *line = g_strstrip (lines[i]);

      if (line[0] == '[')
        {
          in_group = strcmp (line, "[scenario]") == 0;
          if (in_group && key == NULL)
            return i + 1;
          continue;
        }
      if (in_group && key != NULL && line[0] != '#')
        {
          char *eq = strchr (line, '=');

          if (eq != NULL)
            {
              *eq = '\0';
              g_strchomp (line);
              if (strcmp (line, key) == 0)
                return i + 1;
            }
        }
    }
  return 0;
}

/* The value of key @column of the schema's scenario.ini; a required one
 * is reported when missing. */
static char *
ini_string (Loader     *l,
            GKeyFile   *kf,
            const char *text,
            guint       column)
{
  const OdanColumnSpec *spec = &odan_pack_schema_table (ODAN_SCHEMA_SCENARIO)->columns[column];
  const char *key = spec->name;
  gboolean required = spec->required;
  g_autofree char *value = g_key_file_get_string (kf, "scenario", key, NULL);

  if (value != NULL)
    g_strstrip (value);
  if (value == NULL || value[0] == '\0')
    {
      if (required)
        report (l, ODAN_DIAGNOSTIC_ERROR, "scenario.ini",
                value == NULL ? ini_line (text, NULL) : ini_line (text, key), NULL,
                _("missing value for key '%s' in group [scenario]"), key);
      return NULL;
    }
  return g_steal_pointer (&value);
}

/* Key seed: a whole number, 0 when absent. */
static void
scenario_seed (Loader     *l,
               GKeyFile   *kf,
               const char *text)
{
  g_autofree char *seed = ini_string (l, kf, text, ODAN_COL_SCENARIO_SEED);

  if (seed != NULL && !parse_count (seed, &l->pack->seed))
    report (l, ODAN_DIAGNOSTIC_ERROR, "scenario.ini", ini_line (text, "seed"), NULL,
            _("bad seed '%s' (expected a whole number, e.g. 2015)"), seed);
}

static char *
ini_locale_string (GKeyFile   *kf,
                   const char *key,
                   const char *locale)
{
  g_autofree char *found = g_key_file_get_locale_for_key (kf, "scenario", key, locale);
  char *value;

  if (g_strcmp0 (found, locale) != 0)
    return NULL;
  value = g_key_file_get_locale_string (kf, "scenario", key, locale, NULL);
  if (value != NULL && g_strstrip (value)[0] == '\0')
    g_clear_pointer (&value, g_free);
  return value;
}

/* HSEEP's five mission areas, in its order */
static const char *const mission_areas[] = { "Prevention", "Protection", "Mitigation", "Response", "Recovery" };

gboolean
odan_mission_area_is_valid (const char *word)
{
  for (guint i = 0; word != NULL && i < G_N_ELEMENTS (mission_areas); i++)
    if (g_ascii_strcasecmp (word, mission_areas[i]) == 0)
      return TRUE;
  return FALSE;
}

/* The exercise overview's keys; each mission area must be one of HSEEP's. */
static void
load_overview (Loader     *l,
               GKeyFile   *kf,
               const char *text)
{
  OdanPack *pack = l->pack;
  g_auto(GStrv) areas = NULL;

  pack->mission_area = ini_string (l, kf, text, ODAN_COL_SCENARIO_MISSION_AREA);
  pack->mission_area_ja = ini_locale_string (kf, "mission-area", "ja");
  pack->threat_hazard = ini_string (l, kf, text, ODAN_COL_SCENARIO_THREAT_HAZARD);
  pack->threat_hazard_ja = ini_locale_string (kf, "threat-hazard", "ja");
  pack->sponsor = ini_string (l, kf, text, ODAN_COL_SCENARIO_SPONSOR);
  pack->sponsor_ja = ini_locale_string (kf, "sponsor", "ja");
  pack->poc = ini_string (l, kf, text, ODAN_COL_SCENARIO_POC);
  pack->poc_ja = ini_locale_string (kf, "point-of-contact", "ja");

  areas = pack->mission_area != NULL ? g_strsplit_set (pack->mission_area, ";,", -1) : NULL;
  for (guint i = 0; areas != NULL && areas[i] != NULL; i++)
    {
      const char *word = g_strstrip (areas[i]);

      if (word[0] != '\0' && !odan_mission_area_is_valid (word))
        report (l, ODAN_DIAGNOSTIC_ERROR, "scenario.ini", ini_line (text, "mission-area"), NULL,
                _("mission area '%s' is none of HSEEP's: Prevention, Protection, Mitigation, Response, Recovery"),
                word);
    }
}

static void
load_scenario (Loader *l)
{
  OdanPack *pack = l->pack;
  g_autoptr(GBytes) bytes = NULL;
  g_autofree char *raw = NULL;
  g_autofree char *converted = NULL;
  g_autoptr(GKeyFile) kf = g_key_file_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *start = NULL;
  g_autofree char *duration = NULL;
  const char *text;
  gsize len;

  bytes = read_pack_file (l, "scenario.ini", &error);
  if (bytes == NULL)
    {
      if (g_error_matches (error, G_FILE_ERROR, G_FILE_ERROR_NOENT))
        report (l, ODAN_DIAGNOSTIC_ERROR, "scenario.ini", 0, NULL, "%s",
                _("required file is missing"));
      else
        report (l, ODAN_DIAGNOSTIC_ERROR, "scenario.ini", 0, NULL,
                _("cannot read the file: %s"), error->message);
      return;
    }
  /* a copy that ends in NUL: ini_line() splits it into lines */
  len = g_bytes_get_size (bytes);
  raw = g_malloc (len + 1);
  if (len > 0)
    memcpy (raw, g_bytes_get_data (bytes, NULL), len);
  raw[len] = '\0';

  /* the same encodings as the CSV files: Notepad on Japanese Windows may save CP932 */
  text = raw;
  if (len >= 3 && memcmp (raw, "\xEF\xBB\xBF", 3) == 0)
    {
      text += 3;
      len -= 3;
    }
  if (odan_utf8_validate_prefix (text, len) != len)
    {
      gsize written;

      converted = g_convert (text, (gssize) len, "UTF-8", "CP932", NULL, &written, NULL);
      if (converted == NULL)
        {
          report (l, ODAN_DIAGNOSTIC_ERROR, "scenario.ini", 0, NULL, "%s",
                  _("the file is neither UTF-8 nor CP932 (Shift_JIS) text"));
          return;
        }
      text = converted;
      len = written;
    }

  if (!g_key_file_load_from_data (kf, text, len, G_KEY_FILE_KEEP_TRANSLATIONS, &error))
    {
      report (l, ODAN_DIAGNOSTIC_ERROR, "scenario.ini", 0, NULL, "%s", error->message);
      return;
    }
  if (!g_key_file_has_group (kf, "scenario"))
    {
      report (l, ODAN_DIAGNOSTIC_ERROR, "scenario.ini", 0, NULL, "%s",
              _("missing group [scenario]"));
      return;
    }

  pack->id = ini_string (l, kf, text, ODAN_COL_SCENARIO_ID);
  pack->title = ini_string (l, kf, text, ODAN_COL_SCENARIO_TITLE);
  pack->title_ja = ini_locale_string (kf, "title", "ja");
  pack->description = ini_string (l, kf, text, ODAN_COL_SCENARIO_DESCRIPTION);
  pack->description_ja = ini_locale_string (kf, "description", "ja");
  load_overview (l, kf, text);

  start = ini_string (l, kf, text, ODAN_COL_SCENARIO_START);
  if (start != NULL)
    {
      g_autoptr(GTimeZone) utc = g_time_zone_new_utc ();
      g_autoptr(GTimeZone) other = g_time_zone_new_offset (3600);
      g_autoptr(GDateTime) a = odan_datetime_parse (start, utc);
      g_autoptr(GDateTime) b = odan_datetime_parse (start, other);

      if (a == NULL)
        report (l, ODAN_DIAGNOSTIC_ERROR, "scenario.ini", ini_line (text, "start"), NULL,
                _("bad start '%s' (expected a date-time with offset, e.g. 2015-12-08T09:00+09:00)"),
                start);
      else if (!g_date_time_equal (a, b))
        report (l, ODAN_DIAGNOSTIC_ERROR, "scenario.ini", ini_line (text, "start"), NULL,
                _("start '%s' needs a UTC offset, e.g. 2015-12-08T09:00+09:00"), start);
      else
        pack->start = g_steal_pointer (&a);
    }

  if (g_key_file_has_key (kf, "scenario", "team-view-model", NULL))
    {
      g_autoptr(GError) local_error = NULL;

      pack->team_view_model = g_key_file_get_boolean (kf, "scenario", "team-view-model", &local_error);
      if (local_error != NULL)
        report (l, ODAN_DIAGNOSTIC_ERROR, "scenario.ini", ini_line (text, "team-view-model"), NULL,
                "%s", _("team-view-model must be true or false"));
    }

  scenario_seed (l, kf, text);
  duration = ini_string (l, kf, text, ODAN_COL_SCENARIO_DURATION);
  if (duration != NULL)
    {
      g_autoptr(GError) local_error = NULL;

      if (!odan_duration_parse (duration, &pack->duration, &local_error))
        report (l, ODAN_DIAGNOSTIC_ERROR, "scenario.ini", ini_line (text, "duration"), NULL,
                "%s", local_error->message);
      else if (pack->duration <= 0.0)
        report (l, ODAN_DIAGNOSTIC_ERROR, "scenario.ini", ini_line (text, "duration"), NULL,
                "%s", _("the duration must be longer than 0"));
    }
}

/* ------------------------------------------------------------------ */

void
odan_pack_free (OdanPack *pack)
{
  if (pack == NULL)
    return;

  g_free (pack->path);
  g_free (pack->id);
  g_free (pack->title);
  g_free (pack->title_ja);
  g_free (pack->description);
  g_free (pack->description_ja);
  g_free (pack->mission_area);
  g_free (pack->mission_area_ja);
  g_free (pack->threat_hazard);
  g_free (pack->threat_hazard_ja);
  g_free (pack->sponsor);
  g_free (pack->sponsor_ja);
  g_free (pack->poc);
  g_free (pack->poc_ja);
  g_clear_pointer (&pack->start, g_date_time_unref);

  for (guint i = 0; i < pack->n_sectors; i++)
    g_free (pack->sectors[i].extra);
  g_free (pack->sectors);
  g_free (pack->regions);
  for (guint i = 0; i < pack->n_nodes; i++)
    g_free (pack->nodes[i].extra);
  g_free (pack->nodes);
  g_free (pack->edge_extra_values);
  g_free (pack->edge_restart_below);
  g_free (pack->edges);
  g_free (pack->groups);
  for (guint i = 0; i < pack->n_teams; i++)
    g_free (pack->teams[i].extra);
  g_free (pack->teams);
  for (guint i = 0; i < pack->n_injects; i++)
    {
      g_free (pack->injects[i].to);
      g_clear_pointer (&pack->injects[i].effects, g_array_unref);
      g_free (pack->injects[i].extra);
    }
  g_free (pack->injects);
  for (guint i = 0; i < pack->n_mitigations; i++)
    {
      g_clear_pointer (&pack->mitigations[i].effects, g_array_unref);
      g_free (pack->mitigations[i].extra);
    }
  g_free (pack->mitigations);
  for (guint i = 0; i < pack->n_pools; i++)
    g_free (pack->pools[i].extra);
  g_free (pack->pools);
  for (guint i = 0; i < pack->n_relays; i++)
    g_free (pack->relays[i].extra);
  g_free (pack->relays);
  for (guint i = 0; i < pack->n_deadlines; i++)
    g_free (pack->deadlines[i].extra);
  g_free (pack->deadlines);
  for (guint i = 0; i < pack->n_region_rows; i++)
    g_free (pack->region_rows[i].extra);
  g_free (pack->region_rows);
  g_free (pack->region_row);
  for (guint i = 0; i < pack->n_resupplies; i++)
    {
      g_free (pack->resupplies[i].route);
      g_free (pack->resupplies[i].extra);
    }
  g_free (pack->resupplies);
  g_free (pack->edge_resupply);

  g_strfreev (pack->sector_extra.names);
  g_strfreev (pack->node_extra.names);
  g_strfreev (pack->edge_extra.names);
  g_strfreev (pack->team_extra.names);
  g_strfreev (pack->inject_extra.names);
  g_strfreev (pack->mitigation_extra.names);
  g_strfreev (pack->pool_extra.names);
  g_strfreev (pack->relay_extra.names);
  g_strfreev (pack->deadline_extra.names);
  g_strfreev (pack->region_extra.names);
  g_strfreev (pack->resupply_extra.names);
  g_strfreev (pack->sector_extra.header);
  g_strfreev (pack->node_extra.header);
  g_strfreev (pack->edge_extra.header);
  g_strfreev (pack->team_extra.header);
  g_strfreev (pack->inject_extra.header);
  g_strfreev (pack->mitigation_extra.header);
  g_strfreev (pack->pool_extra.header);
  g_strfreev (pack->relay_extra.header);
  g_strfreev (pack->deadline_extra.header);
  g_strfreev (pack->region_extra.header);
  g_strfreev (pack->resupply_extra.header);

  g_free (pack->in_start);
  g_free (pack->in_edges);
  g_clear_pointer (&pack->node_index, g_hash_table_unref);
  g_clear_pointer (&pack->sector_index, g_hash_table_unref);
  g_clear_pointer (&pack->team_index, g_hash_table_unref);
  g_clear_pointer (&pack->inject_index, g_hash_table_unref);
  g_clear_pointer (&pack->mitigation_index, g_hash_table_unref);
  g_clear_pointer (&pack->pool_index, g_hash_table_unref);
  g_clear_pointer (&pack->deadline_index, g_hash_table_unref);
  g_clear_pointer (&pack->relay_index, g_hash_table_unref);
  g_clear_pointer (&pack->strings, g_string_chunk_free);
  g_free (pack);
}

static void
loader_clear (Loader *l)
{
  g_clear_pointer (&l->member_of, g_ptr_array_unref);
  g_clear_pointer (&l->relays, g_array_unref);
  g_clear_pointer (&l->deadlines, g_array_unref);
  g_clear_pointer (&l->region_rows, g_array_unref);
  g_clear_pointer (&l->resupplies, g_array_unref);
  g_clear_pointer (&l->region_row_index, g_hash_table_unref);
  g_clear_pointer (&l->region_index, g_hash_table_unref);
  g_clear_pointer (&l->group_index, g_hash_table_unref);
  g_clear_pointer (&l->edges, g_free);
  g_clear_pointer (&l->edge_extra, g_free);
  g_clear_pointer (&l->edge_below, g_free);
  g_clear_pointer (&l->intern_cache, g_hash_table_unref);
  if (l->pending.provider != NULL)
    g_string_free (l->pending.provider, TRUE);
  if (l->pending.dependent != NULL)
    g_string_free (l->pending.dependent, TRUE);
  g_mutex_clear (&l->strings_mutex);
  g_clear_pointer (&l->node_slots, node_slots_free);
  g_clear_pointer (&l->t0, g_date_time_unref);
}

#define STEAL_TABLE(l, field, count, array, type)                        \
  G_STMT_START {                                                         \
    (l)->pack->count = (array)->len;                                     \
    (l)->pack->field = (type *) (void *) g_array_free ((array), FALSE);  \
    (array) = NULL;                                                      \
  } G_STMT_END

/* The loader's tables, in reading order. */
typedef struct {
  Table sectors, teams, nodes, regions, edges, injects, pools, mitigations, relays, deadlines;
  Table resupplies;
} Tables;

static void
table_init (Table            *t,
            OdanSchemaTable   which,
            RowHandler        handler,
            OdanExtraColumns *extra)
{
  const OdanTableSchema *schema = odan_pack_schema_table (which);

  *t = (Table) { 0 };
  t->file = schema->file;
  t->specs = schema->columns;
  t->n_specs = schema->n_columns;
  t->handler = handler;
  t->extra = extra;
}

static void
tables_init (Tables   *ts,
             OdanPack *pack)
{
  table_init (&ts->sectors, ODAN_SCHEMA_SECTORS, sector_row, &pack->sector_extra);
  table_init (&ts->teams, ODAN_SCHEMA_TEAMS, team_row, &pack->team_extra);
  ts->teams.finish = teams_finish;
  table_init (&ts->nodes, ODAN_SCHEMA_NODES, node_row, &pack->node_extra);
  table_init (&ts->regions, ODAN_SCHEMA_REGIONS, region_row, &pack->region_extra);
  table_init (&ts->edges, ODAN_SCHEMA_DEPENDENCIES, edge_row, &pack->edge_extra);
  ts->edges.may_split = TRUE;
  ts->edges.finish = edges_finish;
  table_init (&ts->injects, ODAN_SCHEMA_INJECTS, inject_row, &pack->inject_extra);
  table_init (&ts->pools, ODAN_SCHEMA_POOLS, pool_row, &pack->pool_extra);
  table_init (&ts->mitigations, ODAN_SCHEMA_MITIGATIONS, mitigation_row, &pack->mitigation_extra);
  table_init (&ts->relays, ODAN_SCHEMA_RELAY, relay_row, &pack->relay_extra);
  table_init (&ts->deadlines, ODAN_SCHEMA_DEADLINES, deadline_row, &pack->deadline_extra);
  table_init (&ts->resupplies, ODAN_SCHEMA_RESUPPLY, resupply_row, &pack->resupply_extra);
}

static void
tables_clear (Tables *ts)
{
  Table *all[] = { &ts->sectors, &ts->teams, &ts->nodes, &ts->regions, &ts->edges, &ts->injects,
                   &ts->pools, &ts->mitigations, &ts->relays, &ts->deadlines, &ts->resupplies };

  for (guint i = 0; i < G_N_ELEMENTS (all); i++)
    g_clear_pointer (&all[i]->extra_fields, g_free);
}

static GHashTable *
id_index_new (void)
{
  return g_hash_table_new (g_str_hash, g_str_equal);
}

/* An empty pack at @path: its id indexes are the loader's as it reads. */
static OdanPack *
pack_new (const char *path,
          gboolean    team_slice)
{
  OdanPack *pack = g_new0 (OdanPack, 1);

  pack->path = g_strdup (path);
  pack->strings = g_string_chunk_new (64 * 1024);
  pack->team_slice = team_slice;
  pack->node_index = id_index_new ();
  pack->sector_index = id_index_new ();
  pack->team_index = id_index_new ();
  pack->inject_index = id_index_new ();
  pack->mitigation_index = id_index_new ();
  pack->pool_index = id_index_new ();
  pack->deadline_index = id_index_new ();
  pack->relay_index = id_index_new ();
  return pack;
}

static void
loader_init (Loader     *l,
             OdanPack   *pack,
             GHashTable *files,
             GPtrArray  *diags)
{
  l->pack = pack;
  l->diags = diags;
  l->files = files;
  l->team_slice = pack->team_slice;
  l->region_index = g_hash_table_new (g_str_hash, g_str_equal);
  l->group_index = g_hash_table_new (g_str_hash, g_str_equal);
  l->sectors = g_array_new (FALSE, TRUE, sizeof (OdanSector));
  l->nodes = g_array_new (FALSE, TRUE, sizeof (OdanNode));
  l->teams = g_array_new (FALSE, TRUE, sizeof (OdanTeam));
  l->injects = g_array_new (FALSE, TRUE, sizeof (OdanInject));
  l->mitigations = g_array_new (FALSE, TRUE, sizeof (OdanMitigation));
  l->pools = g_array_new (FALSE, TRUE, sizeof (OdanPool));
  l->relays = g_array_new (FALSE, TRUE, sizeof (OdanRelay));
  l->deadlines = g_array_new (FALSE, TRUE, sizeof (OdanDeadline));
  l->region_rows = g_array_new (FALSE, TRUE, sizeof (OdanRegion));
  l->resupplies = g_array_new (FALSE, TRUE, sizeof (OdanResupply));
  l->region_row_index = g_hash_table_new (g_str_hash, g_str_equal);
  l->member_of = g_ptr_array_new ();
  l->regions = g_ptr_array_new ();
  l->groups = g_ptr_array_new ();
  l->intern_cache = g_hash_table_new (g_str_hash, g_str_equal);
  g_mutex_init (&l->strings_mutex);
  l->strings_lock = &l->strings_mutex;
  l->pending.provider = g_string_new (NULL);
  l->pending.dependent = g_string_new (NULL);
  for (int i = 0; i <= ODAN_DEP_LOGICAL; i++)
    l->dep_types[i] = odan_enum_to_nick (ODAN_TYPE_DEP_TYPE, i);
}

/* regions.csv (optional), once nodes.csv has named the regions */
static void
load_regions (Loader *l,
              Table  *t)
{
  OdanPack *pack = l->pack;

  load_table (l, t, FALSE, NULL);
  STEAL_TABLE (l, region_rows, n_region_rows, l->region_rows, OdanRegion);
  pack->region_row = g_new (guint32, MAX (pack->n_regions, 1));
  for (guint i = 0; i < pack->n_regions; i++)
    pack->region_row[i] = ODAN_NONE;
  for (guint i = 0; i < pack->n_region_rows; i++)
    if (pack->region_rows[i].region != ODAN_NONE)
      pack->region_row[pack->region_rows[i].region] = i;
}

/* sectors, teams, nodes and dependencies: the model */
static void
load_model (Loader *l,
            Tables *ts)
{
  OdanPack *pack = l->pack;
  gboolean team_slice = l->team_slice;

  load_table (l, &ts->sectors, TRUE, NULL);
  l->sectors_broken = !ts->sectors.usable;
  STEAL_TABLE (l, sectors, n_sectors, l->sectors, OdanSector);

  /* a pure model pack may have no teams.csv; then every team reference is unknown */
  if (load_table (l, &ts->teams, FALSE, NULL))
    l->teams_broken = !ts->teams.usable;
  STEAL_TABLE (l, teams, n_teams, l->teams, OdanTeam);

  l->nodes_absent = !load_table (l, &ts->nodes, !team_slice, node_prepare) && team_slice;
  l->nodes_broken = !ts->nodes.usable;
  STEAL_TABLE (l, nodes, n_nodes, l->nodes, OdanNode);
  pack->n_regions = l->regions->len;
  pack->regions = (char **) g_ptr_array_free (g_steal_pointer (&l->regions), FALSE);
  load_regions (l, &ts->regions);

  load_table (l, &ts->edges, !team_slice, edge_prepare);
  l->edges_broken = !ts->edges.usable;
  pack->n_edges = l->n_edges;
  pack->edges = g_renew (OdanEdge, g_steal_pointer (&l->edges), MAX (l->n_edges, 1));
  pack->n_groups = l->groups->len;
  pack->groups = (char **) g_ptr_array_free (g_steal_pointer (&l->groups), FALSE);
  if (l->edge_below != NULL)
    pack->edge_restart_below = g_renew (double, g_steal_pointer (&l->edge_below), MAX (l->n_edges, 1));
  if (l->edge_extra != NULL && pack->n_edges > 0)
    pack->edge_extra_values = g_renew (const char *, g_steal_pointer (&l->edge_extra),
                                       (gsize) pack->n_edges * pack->edge_extra.n_columns);
  build_edge_index (l);
}

/* injects, pools, mitigations, relay and deadlines: the exercise */
static void
load_exercise (Loader *l,
               Tables *ts)
{
  /* optional, and first: mitigations, resupply rows and units effects name the pools */
  if (load_table (l, &ts->pools, FALSE, NULL))
    l->pools_broken = !ts->pools.usable;
  else if (l->team_slice)
    l->pools_broken = TRUE;   /* a team is not given the pools: its mitigations name them all the same */
  STEAL_TABLE (l, pools, n_pools, l->pools, OdanPool);
  /* optional: deliveries that refill buffers; priority effects name their edges */
  if (!l->nodes_absent)
    load_table (l, &ts->resupplies, FALSE, NULL);
  STEAL_TABLE (l, resupplies, n_resupplies, l->resupplies, OdanResupply);
  index_resupplies (l->pack);
  l->injects_absent = !load_table (l, &ts->injects, FALSE, NULL);
  STEAL_TABLE (l, injects, n_injects, l->injects, OdanInject);
  load_table (l, &ts->mitigations, FALSE, NULL);
  STEAL_TABLE (l, mitigations, n_mitigations, l->mitigations, OdanMitigation);
  /* optional: latency per channel of forwarded messages, and reporting deadlines */
  load_table (l, &ts->relays, FALSE, NULL);
  STEAL_TABLE (l, relays, n_relays, l->relays, OdanRelay);
  load_table (l, &ts->deadlines, FALSE, NULL);
  STEAL_TABLE (l, deadlines, n_deadlines, l->deadlines, OdanDeadline);
}

/* Both loaders: a folder at @path, or @files in memory named @path. */
static OdanPack *
pack_load (const char *path,
           GHashTable *files,
           gboolean    team_slice,
           GPtrArray  *diagnostics,
           GError    **error)
{
  g_autoptr(OdanPack) pack = pack_new (path, team_slice);
  g_autoptr(GPtrArray) diags = g_ptr_array_new_with_free_func ((GDestroyNotify) odan_diagnostic_free);
  Loader l = { 0 };
  Tables ts;
  guint n_errors;

  loader_init (&l, pack, files, diags);
  tables_init (&ts, pack);

  load_scenario (&l);
  /* inject times still get checked against some T0 when start is broken */
  l.t0 = pack->start != NULL ? g_date_time_ref (pack->start)
                             : g_date_time_new_from_unix_utc (0);
  load_model (&l, &ts);
  load_exercise (&l, &ts);

  tables_clear (&ts);
  n_errors = l.n_errors;
  loader_clear (&l);

  odan_diagnostics_sort (diags);
  if (diagnostics != NULL)
    for (guint i = 0; i < diags->len; i++)
      g_ptr_array_add (diagnostics, g_steal_pointer (&g_ptr_array_index (diags, i)));

  if (n_errors > 0)
    {
      g_set_error (error, ODAN_PACK_ERROR, ODAN_PACK_ERROR_INVALID,
                   g_dngettext (GETTEXT_PACKAGE,
                                "the scenario pack '%s' has %u error",
                                "the scenario pack '%s' has %u errors", n_errors),
                   path, n_errors);
      return NULL;
    }

  return g_steal_pointer (&pack);
}

OdanPack *
odan_pack_load (const char *path,
                GPtrArray  *diagnostics,
                GError    **error)
{
  g_return_val_if_fail (path != NULL, NULL);

  if (!g_file_test (path, G_FILE_TEST_IS_DIR))
    {
      g_set_error (error, ODAN_PACK_ERROR, ODAN_PACK_ERROR_IO,
                   _("'%s' is not a scenario pack folder"), path);
      return NULL;
    }
  return pack_load (path, NULL, FALSE, diagnostics, error);
}

OdanPack *
odan_pack_load_from_files (const char *name,
                           GHashTable *files,
                           GPtrArray  *diagnostics,
                           GError    **error)
{
  g_return_val_if_fail (name != NULL, NULL);
  g_return_val_if_fail (files != NULL, NULL);

  return pack_load (name, files, FALSE, diagnostics, error);
}

OdanPack *
odan_pack_load_team_slice (const char *name,
                           GHashTable *files,
                           GPtrArray  *diagnostics,
                           GError    **error)
{
  g_return_val_if_fail (name != NULL, NULL);
  g_return_val_if_fail (files != NULL, NULL);

  return pack_load (name, files, TRUE, diagnostics, error);
}

guint32
odan_pack_learn_inject (OdanPack   *pack,
                        const char *id)
{
  OdanInject *inject;
  guint32 index;

  g_return_val_if_fail (pack != NULL, ODAN_NONE);
  g_return_val_if_fail (pack->team_slice, ODAN_NONE);
  g_return_val_if_fail (id != NULL, ODAN_NONE);

  index = odan_pack_find_inject (pack, id);
  if (index != ODAN_NONE)
    return index;
  index = pack->n_injects++;
  pack->injects = g_renew (OdanInject, pack->injects, pack->n_injects);
  inject = &pack->injects[index];
  *inject = (OdanInject) { 0 };
  inject->id = g_string_chunk_insert (pack->strings, id);
  inject->title = inject->id;
  inject->time = INFINITY;
  inject->time_text = g_string_chunk_insert_const (pack->strings, "");
  inject->line = 0;
  g_hash_table_insert (pack->inject_index, inject->id, GUINT_TO_POINTER (index + 1));
  return index;
}

/* ------------------------------------------------------------------ */
/* A pack folder in memory */

GHashTable *
odan_pack_read_folder (const char  *dir,
                       GError     **error)
{
  g_autoptr(GHashTable) files = NULL;
  g_autoptr(GDir) folder = NULL;
  const char *name;

  g_return_val_if_fail (dir != NULL, NULL);

  folder = g_dir_open (dir, 0, error);
  if (folder == NULL)
    return NULL;
  files = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) g_bytes_unref);
  while ((name = g_dir_read_name (folder)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);
      char *contents = NULL;
      gsize len = 0;

      /* hidden files and editor backups are not the pack's */
      if (name[0] == '.' || g_str_has_suffix (name, "~")
          || !g_file_test (path, G_FILE_TEST_IS_REGULAR))
        continue;
      if (!g_file_get_contents (path, &contents, &len, error))
        return NULL;
      g_hash_table_insert (files, g_strdup (name), g_bytes_new_take (contents, len));
    }
  return g_steal_pointer (&files);
}

/* ------------------------------------------------------------------ */
/* Lookups: the loader's id indexes, kept in the pack */

static inline guint32
index_lookup (GHashTable *index,
              const char *id)
{
  gpointer found = g_hash_table_lookup (index, id);

  return found != NULL ? GPOINTER_TO_UINT (found) - 1 : ODAN_NONE;
}

guint32
odan_pack_find_node (const OdanPack *pack,
                     const char     *id)
{
  g_return_val_if_fail (pack != NULL, ODAN_NONE);
  g_return_val_if_fail (id != NULL, ODAN_NONE);

  return index_lookup (pack->node_index, id);
}

guint32
odan_pack_find_edge (const OdanPack *pack,
                     guint32         provider,
                     guint32         dependent)
{
  guint32 lo, hi;

  g_return_val_if_fail (pack != NULL, ODAN_NONE);

  if (provider >= pack->n_nodes || dependent >= pack->n_nodes)
    return ODAN_NONE;

  lo = pack->in_start[dependent];
  hi = pack->in_start[dependent + 1];
  while (lo < hi)
    {
      guint32 mid = lo + (hi - lo) / 2;
      guint32 p = pack->edges[pack->in_edges[mid]].provider;

      if (p == provider)
        return pack->in_edges[mid];
      if (p < provider)
        lo = mid + 1;
      else
        hi = mid;
    }
  return ODAN_NONE;
}

const char **
odan_pack_edge_extra (const OdanPack *pack,
                      guint32         e)
{
  g_return_val_if_fail (pack != NULL, NULL);
  g_return_val_if_fail (e < pack->n_edges, NULL);

  if (pack->edge_extra_values == NULL)
    return NULL;
  return pack->edge_extra_values + (gsize) e * pack->edge_extra.n_columns;
}

double
odan_pack_edge_restart_below (const OdanPack *pack,
                              guint32         e)
{
  g_return_val_if_fail (pack != NULL, 0.0);
  g_return_val_if_fail (e < pack->n_edges, 0.0);

  return pack->edge_restart_below != NULL ? pack->edge_restart_below[e] : 0.0;
}

guint32
odan_pack_find_sector (const OdanPack *pack,
                       const char     *id)
{
  g_return_val_if_fail (pack != NULL, ODAN_NONE);
  g_return_val_if_fail (id != NULL, ODAN_NONE);

  return index_lookup (pack->sector_index, id);
}

guint32
odan_pack_find_team (const OdanPack *pack,
                     const char     *id)
{
  g_return_val_if_fail (pack != NULL, ODAN_NONE);
  if (id == NULL)    /* an event without a team or inject */
    return ODAN_NONE;

  return index_lookup (pack->team_index, id);
}

guint32
odan_pack_find_inject (const OdanPack *pack,
                       const char     *id)
{
  g_return_val_if_fail (pack != NULL, ODAN_NONE);
  if (id == NULL)    /* an event without a team or inject */
    return ODAN_NONE;

  return index_lookup (pack->inject_index, id);
}

guint32
odan_pack_find_pool (const OdanPack *pack,
                     const char     *id)
{
  g_return_val_if_fail (pack != NULL, ODAN_NONE);
  g_return_val_if_fail (id != NULL, ODAN_NONE);

  return index_lookup (pack->pool_index, id);
}

guint32
odan_pack_find_deadline (const OdanPack *pack,
                         const char     *id)
{
  g_return_val_if_fail (pack != NULL, ODAN_NONE);
  g_return_val_if_fail (id != NULL, ODAN_NONE);

  return index_lookup (pack->deadline_index, id);
}

guint32
odan_pack_find_relay (const OdanPack *pack,
                      const char     *channel)
{
  g_return_val_if_fail (pack != NULL, ODAN_NONE);

  if (channel == NULL)
    return ODAN_NONE;
  return index_lookup (pack->relay_index, channel);
}

guint32
odan_pack_find_mitigation (const OdanPack *pack,
                           const char     *id)
{
  g_return_val_if_fail (pack != NULL, ODAN_NONE);
  g_return_val_if_fail (id != NULL, ODAN_NONE);

  return index_lookup (pack->mitigation_index, id);
}

const char *
odan_pack_region_name (const OdanPack *pack,
                       guint32         region)
{
  const OdanRegion *row;

  g_return_val_if_fail (pack != NULL, NULL);
  g_return_val_if_fail (region < pack->n_regions, NULL);

  if (pack->region_row == NULL || pack->region_row[region] == ODAN_NONE)
    return pack->regions[region];
  row = &pack->region_rows[pack->region_row[region]];
  return odan_pack_localized (row->name, row->name_ja);
}

const char *
odan_pack_localized (const char *name,
                     const char *name_ja)
{
  const char *const *languages = g_get_language_names ();
  gboolean has_ja = name_ja != NULL && name_ja[0] != '\0';

  if (has_ja && languages != NULL && languages[0] != NULL
      && g_str_has_prefix (languages[0], "ja"))
    return name_ja;
  /* an English text left empty shows its twin rather than nothing */
  if ((name == NULL || name[0] == '\0') && has_ja)
    return name_ja;
  return name;
}

char *
odan_pack_pool_refusal (const OdanPack *pack,
                        guint32         pool,
                        guint           left,
                        guint           uses)
{
  g_return_val_if_fail (pool < pack->n_pools, NULL);

  const OdanPool *p = &pack->pools[pool];
  const char *name = odan_pack_localized (p->name, p->name_ja);

  if (left == 0)
    return g_strdup_printf (_("pool “%s” is empty (all %u in use)"), name, p->capacity);
  return g_strdup_printf (_("pool “%s” has %u of %u left and the mitigation needs %u"),
                          name, left, p->capacity, uses);
}

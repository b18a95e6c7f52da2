/* odan-sim-runs.c — many runs under uncertainty, summed up as bands (SEMANTICS.md §12)
 *
 * Each run copies the pack's edge array (64 bytes an edge), writes the drawn
 * buffers, restarts and lags into the copy, and builds a sim over a shallow
 * copy of the pack that points at it: the simulator itself is the one of a
 * single run, untouched. Injects are scheduled at their drawn times.
 *
 * Every change of every run goes into one array as (printed minute, node's
 * rank in id order, run, printed operability). Sorted by minute and rank,
 * the array is swept once: per node, the printed value of each run and the
 * same values kept sorted (a change moves one entry with one memmove), so a
 * percentile is an index into the sorted values.
 */
#define G_LOG_DOMAIN "odan-sim"

#include <string.h>

#include "odan-csv.h"
#include "odan-decisions.h"
#include "odan-sim-private.h"
#include "odan-sim-runs.h"
#include "odan-replay.h"
#include "odan-time.h"

typedef struct {
  gint64  minute;
  guint32 rank;
  guint32 run;
  guint32 seq;
  gint32  q;
} RunChange;

typedef struct {
  GArray        *changes;   /* RunChange */
  const guint32 *rank;
  guint32        run;
  /* grouped runs: a node's group (ODAN_NONE: none), each group's size, and
   * within the run each node's printed value and each group's sum of them */
  const guint32 *group_of;
  const guint32 *group_size;
  gint32        *node_key;
  gint64        *group_sum;
} Collect;

static void
on_change (const OdanChange *ch,
           gpointer          user_data)
{
  Collect *c = user_data;
  gint32 q = odan_operability_key (ch->value);
  RunChange rc = { odan_minute_key (ch->time), 0, c->run, c->changes->len, q };

  if (c->group_of == NULL)
    rc.rank = c->rank[ch->node];
  else
    {
      guint32 g = c->group_of[ch->node];
      if (g == ODAN_NONE)
        return;
      /* a group's value: the mean of its members' printed values, rounded */
      c->group_sum[g] += q - c->node_key[ch->node];
      c->node_key[ch->node] = q;
      rc.rank = g;
      rc.q = (gint32) ((c->group_sum[g] + c->group_size[g] / 2) / c->group_size[g]);
    }
  g_array_append_val (c->changes, rc);
}

/* The drawn values into the run's copy of the edges and inject times; a
 * failed start after every buffer draw (§12.1). */
static void
apply_draws (const OdanUncertainty *u,
             const double          *draw,
             OdanEdge              *edges,
             double                *times)
{
  for (guint pass = 0; pass < 2; pass++)
    for (guint i = 0; i < u->rows->len; i++)
      {
        const OdanUncertain *row = &g_array_index (u->rows, OdanUncertain, i);
        if ((pass == 1) != (row->kind == ODAN_UNCERTAIN_START))
          continue;
        switch (row->kind)
          {
          case ODAN_UNCERTAIN_START:
            if (draw[i] != 0)
              edges[row->target].buffer = 0;
            break;
          case ODAN_UNCERTAIN_BUFFER:  edges[row->target].buffer = draw[i]; break;
          case ODAN_UNCERTAIN_RESTART: edges[row->target].restart = draw[i]; break;
          case ODAN_UNCERTAIN_LAG:     edges[row->target].lag = draw[i]; break;
          case ODAN_UNCERTAIN_TIME:    times[row->target] = draw[i]; break;
          default:                     break;
          }
      }
}

static void
schedule (OdanSim        *sim,
          const OdanPack *pack,
          const double   *times,
          const GArray   *decisions)
{
  for (guint i = 0; i < pack->n_injects; i++)
    {
      OdanOrigin origin = { ODAN_ORIGIN_INJECT, i, ODAN_NONE };
      if (pack->injects[i].effects)
        odan_sim_schedule (sim, times[i], pack->injects[i].effects, &origin);
    }
  odan_replay_schedule_decisions (sim, decisions, NULL);
}

static int
cmp_change (gconstpointer a,
            gconstpointer b)
{
  const RunChange *x = a, *y = b;
  if (x->minute != y->minute)
    return x->minute < y->minute ? -1 : 1;
  if (x->rank != y->rank)
    return x->rank < y->rank ? -1 : 1;
  return x->seq < y->seq ? -1 : x->seq > y->seq;
}

static int
cmp_id (gconstpointer a,
        gconstpointer b,
        gpointer      user_data)
{
  const OdanPack *pack = user_data;
  return strcmp (pack->nodes[*(const guint32 *) a].id, pack->nodes[*(const guint32 *) b].id);
}

/* First index of @s[0..n) whose value is >= @v. */
static guint
lower_bound (const guint16 *s,
             guint          n,
             guint16        v)
{
  guint lo = 0, hi = n;
  while (lo < hi)
    {
      guint mid = (lo + hi) / 2;
      if (s[mid] < v)
        lo = mid + 1;
      else
        hi = mid;
    }
  return lo;
}

/* One run's value moves from its old one to @q in the sorted values. */
static void
move_value (guint16 *s,
            guint    n,
            guint16  old,
            guint16  q)
{
  guint pos = lower_bound (s, n, old);
  guint k = lower_bound (s, n, q);

  if (q > old)
    {
      memmove (s + pos, s + pos + 1, (k - 1 - pos) * sizeof *s);
      s[k - 1] = q;
    }
  else if (q < old)
    {
      memmove (s + k + 1, s + k, (pos - k) * sizeof *s);
      s[k] = q;
    }
}

typedef struct {
  guint     n_runs;
  guint16  *cur;        /* node × run: printed value */
  guint16  *sorted;     /* node × run: the same, ascending */
  gint32   *last;       /* node × 3: last printed triple, -1 before minute 0 */
  guint     k[3];       /* nearest-rank indices of p10, p50, p90 */
  GArray   *rows;
} Sweep;

static void
emit (Sweep *sw, gint64 minute, guint32 node, gboolean always)
{
  const guint16 *s = sw->sorted + (gsize) node * sw->n_runs;
  gint32 *last = sw->last + (gsize) node * 3;
  OdanBandRow row = { minute, node, { s[sw->k[0]], s[sw->k[1]], s[sw->k[2]] } };

  if (!always && memcmp (last, row.p, sizeof row.p) == 0)
    return;
  memcpy (last, row.p, sizeof row.p);
  g_array_append_val (sw->rows, row);
}

static void
sweep (Sweep         *sw,
       const GArray  *changes,
       const guint32 *by_rank,
       guint32        n_nodes)
{
  const RunChange *c = (const RunChange *) changes->data;
  guint len = changes->len, i = 0;
  gboolean zero_done = FALSE;

  while (i <= len)
    {
      if (!zero_done && (i == len || c[i].minute > 0))
        {
          for (guint32 r = 0; r < n_nodes; r++)
            emit (sw, 0, by_rank[r], TRUE);
          zero_done = TRUE;
        }
      if (i == len)
        break;
      guint j = i;
      guint32 node = by_rank[c[i].rank];
      for (; j < len && c[j].minute == c[i].minute && c[j].rank == c[i].rank; j++)
        {
          guint16 *cur = &sw->cur[(gsize) node * sw->n_runs + c[j].run];
          move_value (sw->sorted + (gsize) node * sw->n_runs, sw->n_runs, *cur, (guint16) c[j].q);
          *cur = (guint16) c[j].q;
        }
      if (c[i].minute > 0)
        emit (sw, c[i].minute, node, FALSE);
      i = j;
    }
}

/* The runs of §12, their changes by node (@group_of NULL) or by group. */
static OdanRuns *
compute (const OdanPack        *pack,
         const OdanUncertainty *u,
         const GArray          *decisions,
         guint                  n_runs,
         guint64                seed,
         double                 until,
         const guint32         *group_of,
         guint32                n_groups)
{
  guint32 n = pack->n_nodes, m = pack->n_edges;
  guint32 n_series = group_of != NULL ? n_groups : n;
  g_autofree OdanEdge *edges = g_new (OdanEdge, m ? m : 1);
  g_autofree double *times = g_new (double, pack->n_injects ? pack->n_injects : 1);
  g_autofree double *draw = g_new (double, u->rows->len ? u->rows->len : 1);
  g_autofree guint32 *by_rank = g_new (guint32, MAX (n, n_series) + 1);
  g_autofree guint32 *rank = g_new (guint32, n ? n : 1);
  g_autofree guint32 *group_size = g_new0 (guint32, n_groups + 1);
  g_autofree gint32 *node_key = g_new (gint32, n ? n : 1);
  g_autofree gint64 *group_sum = g_new (gint64, n_groups + 1);
  g_autoptr(GArray) changes = g_array_sized_new (FALSE, FALSE, sizeof (RunChange), 1024);
  OdanPack view = *pack;
  Collect c = { changes, rank, 0, group_of, group_size, node_key, group_sum };
  OdanRuns *runs;
  Sweep sw = { n_runs };

  for (guint32 i = 0; i < n; i++)
    by_rank[i] = i;
  g_qsort_with_data (by_rank, n, sizeof (guint32), cmp_id, (gpointer) pack);
  for (guint32 r = 0; r < n; r++)
    rank[by_rank[r]] = r;
  if (group_of != NULL)
    {
      for (guint32 i = 0; i < n; i++)
        if (group_of[i] != ODAN_NONE)
          group_size[group_of[i]]++;
      for (guint32 g = 0; g < n_groups; g++)
        by_rank[g] = g;
    }

  view.edges = edges;
  for (guint run = 0; run < n_runs; run++)
    {
      memcpy (edges, pack->edges, sizeof (OdanEdge) * m);
      for (guint i = 0; i < pack->n_injects; i++)
        times[i] = pack->injects[i].time;
      odan_uncertainty_draw (u, seed, run, draw);
      apply_draws (u, draw, edges, times);
      for (guint32 i = 0; i < n; i++)
        node_key[i] = 10000;
      for (guint32 g = 0; g < n_groups; g++)
        group_sum[g] = (gint64) 10000 * group_size[g];

      OdanSim *sim = odan_sim_new (&view);
      _odan_sim_set_skip_causes (sim, TRUE);
      schedule (sim, pack, times, decisions);
      c.run = run;
      odan_sim_run_until (sim, until, on_change, &c);
      odan_sim_free (sim);
    }
  g_array_sort (changes, cmp_change);

  runs = g_new0 (OdanRuns, 1);
  runs->n_runs = n_runs;
  runs->seed = seed;
  runs->until = until;
  runs->rows = g_array_new (FALSE, FALSE, sizeof (OdanBandRow));

  sw.cur = g_new (guint16, (gsize) n_series * n_runs + 1);
  sw.sorted = g_new (guint16, (gsize) n_series * n_runs + 1);
  sw.last = g_new (gint32, (gsize) n_series * 3 + 1);
  for (gsize i = 0; i < (gsize) n_series * n_runs; i++)
    sw.cur[i] = sw.sorted[i] = 10000;
  sw.k[0] = (10 * n_runs + 99) / 100 - 1;
  sw.k[1] = (50 * n_runs + 99) / 100 - 1;
  sw.k[2] = (90 * n_runs + 99) / 100 - 1;
  sw.rows = runs->rows;
  sweep (&sw, changes, by_rank, n_series);
  g_free (sw.cur);
  g_free (sw.sorted);
  g_free (sw.last);
  return runs;
}

OdanRuns *
odan_runs_compute (const OdanPack        *pack,
                   const OdanUncertainty *u,
                   const GArray          *decisions,
                   guint                  n_runs,
                   guint64                seed,
                   double                 until)
{
  g_return_val_if_fail (n_runs >= 1, NULL);
  return compute (pack, u, decisions, n_runs, seed, until, NULL, 0);
}

OdanRuns *
odan_runs_compute_groups (const OdanPack        *pack,
                          const OdanUncertainty *u,
                          const GArray          *decisions,
                          guint                  n_runs,
                          guint64                seed,
                          double                 until,
                          const guint32         *group_of,
                          guint32                n_groups)
{
  g_return_val_if_fail (n_runs >= 1, NULL);
  g_return_val_if_fail (group_of != NULL, NULL);
  return compute (pack, u, decisions, n_runs, seed, until, group_of, n_groups);
}

void
odan_runs_free (OdanRuns *runs)
{
  if (runs == NULL)
    return;
  g_array_unref (runs->rows);
  g_free (runs);
}

void
odan_runs_write_csv (const OdanRuns *runs,
                     const OdanPack *pack,
                     FILE           *out)
{
  g_autoptr(GString) buf = g_string_sized_new (1 << 16);

  g_string_append (buf, "minute,node,p10,p50,p90\n");
  for (guint i = 0; i < runs->rows->len; i++)
    {
      const OdanBandRow *row = &g_array_index (runs->rows, OdanBandRow, i);
      char minute[32], p[16];
      odan_minute_key_format (row->minute, minute);
      g_string_append (buf, minute);
      g_string_append_c (buf, ',');
      odan_csv_write_field (buf, pack->nodes[row->node].id, TRUE);
      for (guint k = 0; k < 3; k++)
        {
          odan_operability_key_format (row->p[k], p);
          g_string_append_c (buf, ',');
          g_string_append (buf, p);
        }
      g_string_append_c (buf, '\n');
      if (buf->len > (1 << 16) - 256)
        {
          fwrite (buf->str, 1, buf->len, out);
          g_string_truncate (buf, 0);
        }
    }
  fwrite (buf->str, 1, buf->len, out);
}

GArray *
odan_runs_dup_node (const OdanRuns *runs,
                    guint32         node)
{
  GArray *rows = g_array_new (FALSE, FALSE, sizeof (OdanBandRow));

  for (guint i = 0; i < runs->rows->len; i++)
    if (g_array_index (runs->rows, OdanBandRow, i).node == node)
      g_array_append_val (rows, g_array_index (runs->rows, OdanBandRow, i));
  return rows;
}

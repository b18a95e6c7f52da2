/* odan-counterfactual.c — the exercise rerun without the teams' mitigations
 *
 * The log is read once through OdanReplay (engine/sim/odan-replay.h), the
 * exercise's own mapping from events to effects, into a list of Items: one
 * per step that carries effects, in log order. A variant copies the list,
 * drops or moves mitigations, sorts it by minute (stable: log order within
 * a minute, as replay has it) and applies it with odan_replay_apply(), as
 * odan_exercise_state_at() does. The change callback integrates the lost
 * operability of each node piecewise.
 */
#define G_LOG_DOMAIN "odan-counterfactual"

#include "odan-counterfactual.h"
#include "odan-replay.h"

#include <glib/gi18n-lib.h>
#include <errno.h>
#include <math.h>
#include <string.h>

typedef struct {
  OdanReplayStep step;        /* effects borrowed from the pack or the replay */
  guint32       decision;     /* mitigations: the decision's index, else ODAN_NONE */
  guint32       team;         /* mitigations: the deciding team, else ODAN_NONE */
  guint         seq;          /* position in the log */
} Item;

struct _OdanCounterfactual
{
  OdanExercise   *exercise;
  const OdanPack *pack;
  double          horizon;
  double         *weights;        /* n_sectors */
  GArray         *items;          /* Item, log order */
  OdanReplay     *replay;         /* the log's steps; owns ad hoc effects */
  GArray         *decisions;      /* OdanCfDecision skeletons: applied mitigations */
};

/* The integration of one run. */
typedef struct {
  const OdanPack *pack;
  double         *value;      /* n_nodes: operability since @since */
  double         *since;
  double         *lost;       /* n_nodes, minutes */
  /* curves (NULL when not wanted) */
  GArray        **curves;
  double         *sector_sum;
  guint          *sector_n;
} Run;

static gboolean
parse_weights (OdanCounterfactual *cf,
               GError            **error)
{
  const OdanPack *pack = cf->pack;
  guint column = G_MAXUINT;

  cf->weights = g_new (double, MAX (pack->n_sectors, 1));
  for (guint s = 0; s < pack->n_sectors; s++)
    cf->weights[s] = 1.0;
  for (guint c = 0; c < pack->sector_extra.n_columns; c++)
    if (g_strcmp0 (pack->sector_extra.names[c], "weight") == 0)
      column = c;
  if (column == G_MAXUINT)
    return TRUE;

  for (guint s = 0; s < pack->n_sectors; s++)
    {
      const char *text = pack->sectors[s].extra != NULL ? pack->sectors[s].extra[column] : NULL;
      g_autofree char *trimmed = NULL;
      char *end = NULL;
      double w;

      if (text == NULL)
        continue;
      trimmed = g_strstrip (g_strdup (text));
      if (trimmed[0] == '\0')
        continue;
      errno = 0;
      w = g_ascii_strtod (trimmed, &end);
      if (end == trimmed || *end != '\0' || errno != 0 || !isfinite (w) || w < 0)
        {
          g_set_error (error, ODAN_PACK_ERROR, ODAN_PACK_ERROR_INVALID,
                       g_dgettext (GETTEXT_PACKAGE, "sectors.csv:%u: weight “%s” is not a number of 0 or more"),
                       pack->sectors[s].line, trimmed);
          return FALSE;
        }
      cf->weights[s] = w;
    }
  return TRUE;
}

/* An applied mitigation: the decision it belongs to, for the summary. */
static void
add_decision (OdanCounterfactual   *cf,
              const OdanEvent      *e,
              const OdanReplayStep *step)
{
  const OdanEvent *decision = odan_exercise_find_event (cf->exercise, e->ref);
  OdanCfDecision d = { 0 };

  d.decision = step->origin.decision;
  d.event = e->ref;
  d.team = decision != NULL && decision->team != NULL ? odan_pack_find_team (cf->pack, decision->team) : ODAN_NONE;
  d.mitigation = step->origin.index;
  d.applied = e->minute;
  g_array_append_val (cf->decisions, d);
}

static gboolean
read_log (OdanCounterfactual *cf,
          GError            **error)
{
  OdanExercise *ex = cf->exercise;
  guint n_events = odan_exercise_get_n_events (ex);

  for (guint i = 0; i < n_events; i++)
    {
      const OdanEvent *e = odan_exercise_get_event (ex, i);
      g_autoptr(GError) local_error = NULL;
      const OdanReplayStep *step;
      Item item = { { 0 }, ODAN_NONE, ODAN_NONE, i };

      if (!odan_replay_add (cf->replay, e, &local_error))
        {
          g_autofree char *id = g_strdup_printf ("%" G_GINT64_FORMAT, e->id);

          g_set_error (error, ODAN_EXERCISE_ERROR, ODAN_EXERCISE_ERROR_INCONSISTENT,
                       g_dgettext (GETTEXT_PACKAGE, "event %s: %s"), id, local_error->message);
          return FALSE;
        }
      step = odan_replay_get_step (cf->replay, odan_replay_get_n_steps (cf->replay) - 1);
      if (e->kind == ODAN_EVENT_MITIGATION && step->origin.kind == ODAN_ORIGIN_MITIGATION)
        {
          add_decision (cf, e, step);
          item.decision = step->origin.decision;
          item.team = g_array_index (cf->decisions, OdanCfDecision, cf->decisions->len - 1).team;
        }
      if (step->effects == NULL)
        continue;
      item.step = *step;
      g_array_append_val (cf->items, item);
    }
  return TRUE;
}

OdanCounterfactual *
odan_counterfactual_new (OdanExercise  *exercise,
                         double         horizon,
                         GError       **error)
{
  OdanCounterfactual *cf;
  guint n_events;

  g_return_val_if_fail (ODAN_IS_EXERCISE (exercise), NULL);

  cf = g_new0 (OdanCounterfactual, 1);
  cf->exercise = exercise;
  cf->pack = odan_exercise_get_pack (exercise);
  cf->items = g_array_new (FALSE, FALSE, sizeof (Item));
  cf->replay = odan_replay_new (cf->pack);
  cf->decisions = g_array_new (FALSE, FALSE, sizeof (OdanCfDecision));
  n_events = odan_exercise_get_n_events (exercise);
  cf->horizon = horizon >= 0 ? horizon
                : n_events > 0 ? odan_exercise_get_event (exercise, n_events - 1)->minute : 0.0;
  if (!parse_weights (cf, error) || !read_log (cf, error))
    {
      odan_counterfactual_free (cf);
      return NULL;
    }
  return cf;
}

void
odan_counterfactual_free (OdanCounterfactual *cf)
{
  if (cf == NULL)
    return;
  g_free (cf->weights);
  g_clear_pointer (&cf->items, g_array_unref);
  g_clear_pointer (&cf->replay, odan_replay_free);
  g_clear_pointer (&cf->decisions, g_array_unref);
  g_free (cf);
}

double
odan_counterfactual_get_horizon (const OdanCounterfactual *cf)
{
  return cf->horizon;
}

double
odan_counterfactual_get_weight (const OdanCounterfactual *cf,
                                guint32                   sector)
{
  g_return_val_if_fail (sector < cf->pack->n_sectors, 1.0);
  return cf->weights[sector];
}

/* ------------------------------------------------------------------ */
/* Running a variant */

static gint
item_compare (gconstpointer a,
              gconstpointer b)
{
  const Item *x = a, *y = b;

  if (x->step.minute != y->step.minute)
    return x->step.minute < y->step.minute ? -1 : 1;
  return x->seq < y->seq ? -1 : x->seq > y->seq;
}

/* @skip (may be NULL): also leave out the mitigation of every decision
 * whose index is set in it (the summary's batched reruns). */
static GArray *
variant_items (const OdanCounterfactual *cf,
               const OdanCfVariant      *v,
               const guint8             *skip)
{
  GArray *items = g_array_sized_new (FALSE, FALSE, sizeof (Item), cf->items->len);
  gboolean moved = FALSE;

  for (guint i = 0; i < cf->items->len; i++)
    {
      Item item = g_array_index (cf->items, Item, i);
      gboolean mitigation = item.step.origin.kind == ODAN_ORIGIN_MITIGATION;

      if (mitigation)
        {
          if (v->kind == ODAN_CF_NONE
              || (skip != NULL && skip[item.decision])
              || (v->kind == ODAN_CF_WITHOUT_TEAM && item.team == v->team)
              || (v->kind == ODAN_CF_WITHOUT_DECISION && item.decision == v->decision))
            continue;
          if (v->kind == ODAN_CF_SHIFT_DECISION && item.decision == v->decision)
            {
              item.step.minute = MAX (0.0, item.step.minute + v->shift);
              moved = TRUE;
            }
        }
      g_array_append_val (items, item);
    }
  if (moved)
    g_array_sort (items, item_compare);   /* stable: log order within a minute */
  return items;
}

static void
on_change (const OdanChange *change,
           gpointer          user_data)
{
  Run *run = user_data;
  guint32 n = change->node;
  double old = run->value[n];

  run->lost[n] += (1.0 - old) * (change->time - run->since[n]);
  run->value[n] = change->value;
  run->since[n] = change->time;

  if (run->curves != NULL && change->value != old)
    {
      guint32 s = run->pack->nodes[n].sector;
      GArray *curve = run->curves[s];
      OdanCurvePoint p;

      run->sector_sum[s] += change->value - old;
      p.time = change->time;
      p.value = run->sector_sum[s] / run->sector_n[s];
      /* several changes of one instant: the sector's value after all of them */
      if (curve->len > 0 && g_array_index (curve, OdanCurvePoint, curve->len - 1).time == p.time)
        g_array_index (curve, OdanCurvePoint, curve->len - 1).value = p.value;
      else
        g_array_append_val (curve, p);
    }
}

static void
run_variant (OdanCounterfactual  *cf,
             const OdanCfVariant *v,
             const guint8        *skip,
             Run                 *run)
{
  const OdanPack *pack = cf->pack;
  g_autoptr(GArray) items = variant_items (cf, v, skip);
  /* values are all the integral needs */
  OdanSim *sim = odan_replay_new_values_sim (pack);

  run->pack = pack;
  for (guint32 n = 0; n < pack->n_nodes; n++)
    {
      run->value[n] = odan_sim_get_operability (sim, n);
      run->since[n] = 0.0;
      run->lost[n] = 0.0;
    }
  if (run->curves != NULL)
    {
      for (guint32 n = 0; n < pack->n_nodes; n++)
        {
          run->sector_sum[pack->nodes[n].sector] += run->value[n];
          run->sector_n[pack->nodes[n].sector]++;
        }
      for (guint s = 0; s < pack->n_sectors; s++)
        {
          OdanCurvePoint p = { 0.0, run->sector_n[s] > 0 ? run->sector_sum[s] / run->sector_n[s] : 1.0 };

          g_array_append_val (run->curves[s], p);
        }
    }

  for (guint i = 0; i < items->len; i++)
    {
      const Item *item = &g_array_index (items, Item, i);

      if (item->step.minute > cf->horizon)
        break;
      odan_replay_apply (sim, &item->step, on_change, run);
    }
  odan_sim_run_until (sim, cf->horizon, on_change, run);
  for (guint32 n = 0; n < pack->n_nodes; n++)
    {
      run->lost[n] += (1.0 - run->value[n]) * (cf->horizon - run->since[n]);
      run->since[n] = cf->horizon;
    }
  odan_sim_free (sim);
}

/* Lost operability under @v (and @skip), weighted node-hours; each node's
 * part goes to @per_node (n_nodes, may be NULL), each sector's to
 * @per_sector (may be NULL). */
static double
run_lost (OdanCounterfactual  *cf,
          const OdanCfVariant *v,
          const guint8        *skip,
          double              *per_sector,
          double              *per_node)
{
  const OdanPack *pack = cf->pack;
  guint n = MAX (pack->n_nodes, 1);
  g_autofree double *buf = g_new (double, 3 * n);
  Run run = { pack, buf, buf + n, buf + 2 * n, NULL, NULL, NULL };
  double total = 0.0;

  run_variant (cf, v, skip, &run);
  if (per_sector != NULL)
    memset (per_sector, 0, sizeof (double) * pack->n_sectors);
  for (guint32 i = 0; i < pack->n_nodes; i++)
    {
      guint32 s = pack->nodes[i].sector;
      double hours = run.lost[i] / 60.0 * cf->weights[s];

      total += hours;
      if (per_sector != NULL)
        per_sector[s] += hours;
      if (per_node != NULL)
        per_node[i] = hours;
    }
  return total;
}

double
odan_counterfactual_lost (OdanCounterfactual  *cf,
                          const OdanCfVariant *variant,
                          double              *per_sector)
{
  g_return_val_if_fail (cf != NULL && variant != NULL, 0.0);
  return run_lost (cf, variant, NULL, per_sector, NULL);
}

GArray **
odan_counterfactual_sector_curves (OdanCounterfactual  *cf,
                                   const OdanCfVariant *variant)
{
  const OdanPack *pack = cf->pack;
  guint n = MAX (pack->n_nodes, 1);
  g_autofree double *buf = g_new (double, 3 * n);
  g_autofree double *sum = g_new0 (double, MAX (pack->n_sectors, 1));
  g_autofree guint *count = g_new0 (guint, MAX (pack->n_sectors, 1));
  GArray **curves = g_new0 (GArray *, MAX (pack->n_sectors, 1));
  Run run = { pack, buf, buf + n, buf + 2 * n, curves, sum, count };

  for (guint s = 0; s < pack->n_sectors; s++)
    curves[s] = g_array_new (FALSE, FALSE, sizeof (OdanCurvePoint));
  run_variant (cf, variant, NULL, &run);
  return curves;
}

void
odan_counterfactual_curves_free (GArray **curves,
                                 guint    n_sectors)
{
  if (curves == NULL)
    return;
  for (guint s = 0; s < n_sectors; s++)
    g_clear_pointer (&curves[s], g_array_unref);
  g_free (curves);
}

/* ------------------------------------------------------------------ */
/* The summary: reruns in batches
 *
 * Operability flows only from provider to dependent, so a mitigation can
 * change only the nodes downstream of what its effects touch (its
 * "closure": the nodes it sets or floors, the dependents of the edges it
 * changes, and everything that depends on them). Two decisions whose
 * closures share no node cannot see each other: one rerun without both
 * gives each one's impact, summed over its own closure. So the decisions
 * (and the teams) are packed into batches of pairwise disjoint closures and
 * each batch is one rerun. A closure larger than a quarter of the model is
 * not worth listing: such a decision gets a rerun of its own, and its
 * impact is the whole difference. Batches depend only on the log, so the
 * figures do not depend on the number of cores. */

typedef struct {
  GArray  *nodes;     /* guint32, the closure; NULL: a rerun of its own */
  guint32 *decisions; /* the decision indices to leave out */
  guint    n_decisions;
  double   avoided;   /* result */
  double   lost_without;
} Member;

typedef struct {
  guint  *members;    /* indices into the member array */
  guint   n_members;
} Batch;

typedef struct {
  OdanCounterfactual *cf;
  Member             *members;
  Batch              *batches;
  guint               n_batches;
  guint               n_skip;       /* size of a skip array: decision indices */
  const double       *lost_all;     /* per node, weighted node-hours */
  double              lost_all_total;
  gint                next;         /* atomic */
} Work;

static gpointer
batch_worker (gpointer data)
{
  Work *w = data;
  const OdanPack *pack = w->cf->pack;
  g_autofree guint8 *skip = g_new0 (guint8, MAX (w->n_skip, 1));
  g_autofree double *lost = g_new (double, MAX (pack->n_nodes, 1));
  OdanCfVariant all = { ODAN_CF_ALL, ODAN_NONE, ODAN_NONE, 0 };
  guint b;

  while ((b = (guint) g_atomic_int_add (&w->next, 1)) < w->n_batches)
    {
      const Batch *batch = &w->batches[b];
      double total;

      for (guint k = 0; k < batch->n_members; k++)
        {
          const Member *m = &w->members[batch->members[k]];

          for (guint i = 0; i < m->n_decisions; i++)
            skip[m->decisions[i]] = 1;
        }
      total = run_lost (w->cf, &all, skip, NULL, lost);
      for (guint k = 0; k < batch->n_members; k++)
        {
          Member *m = &w->members[batch->members[k]];

          for (guint i = 0; i < m->n_decisions; i++)
            skip[m->decisions[i]] = 0;
          if (m->nodes == NULL)
            m->avoided = total - w->lost_all_total;
          else
            {
              m->avoided = 0.0;
              for (guint i = 0; i < m->nodes->len; i++)
                {
                  guint32 n = g_array_index (m->nodes, guint32, i);

                  m->avoided += lost[n] - w->lost_all[n];
                }
            }
          m->lost_without = w->lost_all_total + m->avoided;
        }
    }
  return NULL;
}

static void
run_batches (Work *w)
{
  guint n_threads = MIN (g_get_num_processors (), MAX (w->n_batches, 1));
  g_autofree GThread **threads = g_new0 (GThread *, n_threads);

  g_atomic_int_set (&w->next, 0);
  for (guint i = 1; i < n_threads; i++)
    threads[i] = g_thread_new ("odan-counterfactual", batch_worker, w);
  batch_worker (w);
  for (guint i = 1; i < n_threads; i++)
    g_thread_join (threads[i]);
}

/* Out-edges of every node (CSR): dependents of node n are
 * out_list[out_start[n] .. out_start[n + 1]). */
typedef struct {
  guint32 *out_start;
  guint32 *out_list;
  guint32 *stamp;
  guint32  round;
  /* per node: whether resupply (SEMANTICS.md §14) reads it, as a row's
   * provider, dependent or route node; NULL without resupply rows */
  guint8  *resupply;
} Graph;

static void
graph_init (Graph          *g,
            const OdanPack *pack)
{
  g->out_start = g_new0 (guint32, pack->n_nodes + 1);
  g->out_list = g_new (guint32, MAX (pack->n_edges, 1));
  g->stamp = g_new0 (guint32, MAX (pack->n_nodes, 1));
  g->round = 0;
  for (guint e = 0; e < pack->n_edges; e++)
    g->out_start[pack->edges[e].provider + 1]++;
  for (guint32 n = 0; n < pack->n_nodes; n++)
    g->out_start[n + 1] += g->out_start[n];
  {
    g_autofree guint32 *fill = g_memdup2 (g->out_start, sizeof (guint32) * pack->n_nodes);

    for (guint e = 0; e < pack->n_edges; e++)
      g->out_list[fill[pack->edges[e].provider]++] = pack->edges[e].dependent;
  }
  g->resupply = pack->n_resupplies > 0 ? g_new0 (guint8, pack->n_nodes) : NULL;
  for (guint i = 0; i < pack->n_resupplies; i++)
    {
      const OdanResupply *r = &pack->resupplies[i];

      g->resupply[pack->edges[r->edge].provider] = 1;
      g->resupply[pack->edges[r->edge].dependent] = 1;
      for (guint k = 0; k < r->n_route; k++)
        g->resupply[r->route[k]] = 1;
    }
}

static void
graph_clear (Graph *g)
{
  g_free (g->out_start);
  g_free (g->out_list);
  g_free (g->stamp);
  g_free (g->resupply);
}

static void
closure_add (Graph   *g,
             GArray  *nodes,
             guint32  n)
{
  if (g->stamp[n] == g->round)
    return;
  g->stamp[n] = g->round;
  g_array_append_val (nodes, n);
}

/* The nodes downstream of the effects of @decisions' mitigations, or NULL
 * when they are more than a quarter of the model. */
static GArray *
closure_of (OdanCounterfactual *cf,
            Graph              *g,
            const guint32      *mitigations,
            guint               n_mitigations)
{
  const OdanPack *pack = cf->pack;
  GArray *nodes = g_array_new (FALSE, FALSE, sizeof (guint32));
  guint limit = MAX (pack->n_nodes / 4, 1);

  gboolean shares_trucks = FALSE, expanded = FALSE;

  g->round++;
  for (guint k = 0; k < n_mitigations; k++)
    {
      const OdanMitigation *m = &pack->mitigations[mitigations[k]];
      const GArray *effects = m->effects;

      shares_trucks |= m->pool != ODAN_NONE;
      for (guint i = 0; effects != NULL && i < effects->len; i++)
        {
          const OdanEffect *e = &g_array_index (effects, OdanEffect, i);

          shares_trucks |= e->kind == ODAN_EFFECT_PRIORITY || e->kind == ODAN_EFFECT_UNITS;
          if (odan_effect_on_edge (e))
            closure_add (g, nodes, pack->edges[e->edge].dependent);
          else
            for (guint j = 0; j < e->n_nodes; j++)
              closure_add (g, nodes, e->nodes[j]);
        }
    }
  for (guint i = 0; i < nodes->len && nodes->len <= limit; i++)
    {
      guint32 n = g_array_index (nodes, guint32, i);

      /* Deliveries share trucks: what changes one resupplied edge's need,
       * or a route, moves every row's deliveries (SEMANTICS.md §14.3). */
      if (g->resupply != NULL && !expanded && (shares_trucks || g->resupply[n]))
        {
          expanded = TRUE;
          for (guint r = 0; r < pack->n_resupplies; r++)
            closure_add (g, nodes, pack->edges[pack->resupplies[r].edge].dependent);
        }
      for (guint32 k = g->out_start[n]; k < g->out_start[n + 1]; k++)
        closure_add (g, nodes, g->out_list[k]);
    }
  if (nodes->len > limit)
    g_clear_pointer (&nodes, g_array_unref);
  return nodes;
}

/* Packs @members into batches of pairwise disjoint closures, in member
 * order: round after round, a member joins the round's batch when none of
 * its nodes is taken yet. */
static GArray *
make_batches (Graph        *g,
              const Member *members,
              guint         n_members)
{
  GArray *batches = g_array_new (FALSE, FALSE, sizeof (Batch));
  g_autofree guint8 *placed = g_new0 (guint8, MAX (n_members, 1));
  guint left = n_members;

  for (guint i = 0; i < n_members; i++)
    if (members[i].nodes == NULL)
      {
        Batch b = { g_new (guint, 1), 1 };

        b.members[0] = i;
        placed[i] = 1;
        left--;
        g_array_append_val (batches, b);
      }
  while (left > 0)
    {
      g_autoptr(GArray) taken = g_array_new (FALSE, FALSE, sizeof (guint));

      g->round++;
      for (guint i = 0; i < n_members; i++)
        {
          const GArray *nodes = members[i].nodes;
          gboolean free_ = TRUE;

          if (placed[i])
            continue;
          for (guint k = 0; k < nodes->len && free_; k++)
            free_ = g->stamp[g_array_index (nodes, guint32, k)] != g->round;
          if (!free_)
            continue;
          for (guint k = 0; k < nodes->len; k++)
            g->stamp[g_array_index (nodes, guint32, k)] = g->round;
          placed[i] = 1;
          left--;
          g_array_append_val (taken, i);
        }
      {
        Batch b = { NULL, taken->len };

        b.members = (guint *) (void *) g_array_free (g_steal_pointer (&taken), FALSE);
        g_array_append_val (batches, b);
      }
    }
  return batches;
}

static void
members_free (Member *members,
              guint   n)
{
  for (guint i = 0; i < n; i++)
    {
      g_clear_pointer (&members[i].nodes, g_array_unref);
      g_free (members[i].decisions);
    }
  g_free (members);
}

static void
batches_free (GArray *batches)
{
  for (guint i = 0; i < batches->len; i++)
    g_free (g_array_index (batches, Batch, i).members);
  g_array_unref (batches);
}

typedef struct {
  OdanCounterfactual *cf;
  double             *per_sector;
  double             *per_node;
  double              lost;
  gboolean            none;
} Whole;

static gpointer
whole_worker (gpointer data)
{
  Whole *w = data;
  OdanCfVariant v = { w->none ? ODAN_CF_NONE : ODAN_CF_ALL, ODAN_NONE, ODAN_NONE, 0 };

  w->lost = run_lost (w->cf, &v, NULL, w->per_sector, w->per_node);
  return NULL;
}

OdanCfSummary *
odan_counterfactual_summarize (OdanCounterfactual *cf)
{
  const OdanPack *pack;
  OdanCfSummary *s;
  g_autofree double *lost_all = NULL;
  g_autofree guint *team_count = NULL;
  guint n_decisions, n_teams = 0, n_skip = 0;
  Member *members;
  Graph graph;
  Whole all, none;
  GThread *thread;

  g_return_val_if_fail (cf != NULL, NULL);

  pack = cf->pack;
  s = g_new0 (OdanCfSummary, 1);
  s->horizon = cf->horizon;
  s->lost_all_by_sector = g_new0 (double, MAX (pack->n_sectors, 1));
  s->lost_none_by_sector = g_new0 (double, MAX (pack->n_sectors, 1));
  s->teams = g_array_new (FALSE, FALSE, sizeof (OdanCfTeam));
  s->decisions = g_array_copy (cf->decisions);
  n_decisions = s->decisions->len;

  /* as played and without anything, side by side */
  lost_all = g_new0 (double, MAX (pack->n_nodes, 1));
  all = (Whole) { cf, s->lost_all_by_sector, lost_all, 0, FALSE };
  none = (Whole) { cf, s->lost_none_by_sector, NULL, 0, TRUE };
  thread = g_thread_new ("odan-counterfactual", whole_worker, &none);
  whole_worker (&all);
  g_thread_join (thread);
  s->lost_all = all.lost;
  s->lost_none = none.lost;
  s->avoided = s->lost_none - s->lost_all;

  /* members: each decision, then each team with decisions */
  team_count = g_new0 (guint, MAX (pack->n_teams, 1));
  for (guint i = 0; i < n_decisions; i++)
    {
      const OdanCfDecision *d = &g_array_index (s->decisions, OdanCfDecision, i);

      if (d->team != ODAN_NONE && team_count[d->team]++ == 0)
        n_teams++;
      n_skip = MAX (n_skip, d->decision + 1);
    }
  members = g_new0 (Member, n_decisions + n_teams + 1);
  graph_init (&graph, pack);
  for (guint i = 0; i < n_decisions; i++)
    {
      const OdanCfDecision *d = &g_array_index (s->decisions, OdanCfDecision, i);

      members[i].nodes = closure_of (cf, &graph, &d->mitigation, 1);
      members[i].decisions = g_new (guint32, 1);
      members[i].decisions[0] = d->decision;
      members[i].n_decisions = 1;
    }
  for (guint32 t = 0, k = n_decisions; t < pack->n_teams; t++)
    {
      Member *m;
      g_autofree guint32 *mitigations = NULL;
      OdanCfTeam row = { t, team_count[t], 0, 0 };

      if (team_count[t] == 0)
        continue;
      m = &members[k++];
      m->decisions = g_new (guint32, team_count[t]);
      mitigations = g_new (guint32, team_count[t]);
      for (guint i = 0; i < n_decisions; i++)
        {
          const OdanCfDecision *d = &g_array_index (s->decisions, OdanCfDecision, i);

          if (d->team == t)
            {
              mitigations[m->n_decisions] = d->mitigation;
              m->decisions[m->n_decisions++] = d->decision;
            }
        }
      m->nodes = closure_of (cf, &graph, mitigations, m->n_decisions);
      g_array_append_val (s->teams, row);
    }

  /* decisions and teams are batched apart: a team overlaps its own decisions */
  for (guint part = 0; part < 2; part++)
    {
      Member *first = part == 0 ? members : members + n_decisions;
      guint n = part == 0 ? n_decisions : n_teams;
      GArray *batches = make_batches (&graph, first, n);
      Work work = { cf, first, (Batch *) (void *) batches->data, batches->len, n_skip,
                    lost_all, s->lost_all, 0 };

      g_debug ("%u %s in %u reruns", n, part == 0 ? "decisions" : "teams", batches->len);
      run_batches (&work);
      batches_free (batches);
    }
  graph_clear (&graph);

  for (guint i = 0; i < n_decisions; i++)
    {
      OdanCfDecision *row = &g_array_index (s->decisions, OdanCfDecision, i);

      row->lost_without = members[i].lost_without;
      row->avoided = members[i].avoided;
    }
  for (guint i = 0; i < n_teams; i++)
    {
      OdanCfTeam *row = &g_array_index (s->teams, OdanCfTeam, i);

      row->lost_without = members[n_decisions + i].lost_without;
      row->avoided = members[n_decisions + i].avoided;
    }
  members_free (members, n_decisions + n_teams);
  return s;
}

void
odan_cf_summary_free (OdanCfSummary *summary)
{
  if (summary == NULL)
    return;
  g_free (summary->lost_all_by_sector);
  g_free (summary->lost_none_by_sector);
  g_clear_pointer (&summary->teams, g_array_unref);
  g_clear_pointer (&summary->decisions, g_array_unref);
  g_free (summary);
}

/* odan-reference.c — a deliberately simple small-step cascade simulator
 *
 * A direct transcription of engine/SEMANTICS.md, written
 * without looking at the engine, so the differential test can hold the two
 * against each other. Nothing here is clever:
 *
 * - Time advances in fixed steps k = 0, 1, 2, ... of dt = 1/steps_per_minute
 *   minutes; the state at step k is the state on [k dt, (k+1) dt).
 * - At each step: drain every buffer over the step just ended, apply the
 *   effects scheduled at this step (and end the ones whose duration is up),
 *   then solve the node equations by iterating downward from 1 for every
 *   node until nothing changes (the greatest fixed point), and record the
 *   result.
 * - Lagged supply o_p(t - L) and restart windows min over [t - R, t] are read
 *   from the recorded history: per node and per edge, a list of (step, value)
 *   changes.
 *
 * Exactness: effect times, durations, lags and restarts must be whole numbers
 * of steps (checked: ODAN_REFERENCE_ERROR_OFF_GRID). Everything the model
 * does then happens on a step, except a buffer running out, which happens at
 * level / rate. The reference notices when a buffer empties strictly between
 * two steps and fails with ODAN_REFERENCE_ERROR_INEXACT; the caller then
 * retries on a finer grid. A result the reference returns is therefore exact
 * in time, not an approximation within dt.
 *
 * Resupply (SEMANTICS.md §14) follows the same plan. Travel and turnaround
 * must be whole numbers of steps (OFF_GRID otherwise), so deliveries arrive
 * and trucks come back on a step; a buffer that reaches a row's reorder
 * level strictly between two steps, with no delivery on the way, is an
 * instant the grid misses and fails with INEXACT like a run-out. At step k
 * arrivals and returns come after the drain and before the effects (which
 * take a mitigation's pool units); the dispatch comes after the record,
 * from the settled state of step k.
 *
 * Two readings of the spec are made explicit here:
 * - Effects that begin and end at the same instant ("for 0m") never hold:
 *   the value of an instant is the state after every effect there, and a
 *   set or floor is active on [start, start + duration).
 * - A change of at most 1e-9 is no change: the node keeps its previous value.
 */
#define G_LOG_DOMAIN "odan-reference"

#include <math.h>
#include <string.h>

#include "odan-reference.h"

G_DEFINE_QUARK (odan-reference-error-quark, odan_reference_error)

/* Buffer levels within this many minutes of zero are zero: drained in steps
 * of rate * dt, a level that should reach 0 exactly may miss it by rounding. */
#define LEVEL_EPSILON 1e-9
/* The spec's "a change of at most 1e-9 is no change". */
#define CHANGE_EPSILON 1e-9

typedef struct {
  gint64 step;     /* from this step on ... */
  double value;    /* ... the value is this */
} Change;

typedef struct {
  gint64 end;      /* first step at which it no longer holds; G_MAXINT64: open */
  double value;
} Active;

typedef struct {
  gint64        step;
  int           rank;    /* injects 0, mitigations 1, ad-hoc 2 */
  guint         seq;     /* order of the schedule calls */
  double        time;
  const GArray *effects;
  guint32       mitigation;  /* its pool takes units when it applies; ODAN_NONE */
} Entry;

/* A delivery on the way (§14.3): arrives at @arrive, in dispatch order. */
typedef struct {
  gint64  arrive;
  guint32 row;
} Delivery;

/* A truck on a trip: back in @pool at @back. */
typedef struct {
  gint64  back;
  guint32 pool;
} Trip;

struct _OdanReference
{
  const OdanPack *pack;
  guint           steps_per_minute;

  GArray   *entries;        /* Entry */

  /* per node */
  GArray  **sets;           /* Active, oldest first: the last one counts */
  GArray  **floors;         /* Active */
  GArray  **history;        /* Change; before the first one the node is 1 */
  GArray  **in;             /* guint32 edge indices into the node */

  /* per edge */
  double   *strength;
  double   *level;
  double   *rate;           /* drain rate over the current step */
  gint64   *lag;            /* in steps */
  gint64   *restart;        /* in steps */
  GArray  **raw_history;    /* Change of the raw cap r_e */

  /* per resupply row */
  guint    *priority;
  gint64   *travel;         /* in steps */
  gint64   *turnaround;     /* in steps */
  gboolean *on_way;         /* a delivery is on the way */
  gint64   *since;          /* first step of the current spell of need; -1: none */

  /* per pool: free = capacity + added - taken - out */
  gint64   *added;
  gint64   *taken;
  gint64   *out;

  GArray   *deliveries;     /* Delivery, in dispatch order */
  GArray   *trips;          /* Trip */
  GArray   *need;           /* guint32 rows in need at the current step (scratch) */

  gint64    last_step;      /* -1 before a run */
};

OdanReference *
odan_reference_new (const OdanPack *pack,
                    guint           steps_per_minute)
{
  OdanReference *ref = g_new0 (OdanReference, 1);
  guint n = pack->n_nodes, m = pack->n_edges;

  g_return_val_if_fail (steps_per_minute > 0, NULL);

  ref->pack = pack;
  ref->steps_per_minute = steps_per_minute;
  ref->entries = g_array_new (FALSE, FALSE, sizeof (Entry));
  ref->sets = g_new0 (GArray *, n);
  ref->floors = g_new0 (GArray *, n);
  ref->history = g_new0 (GArray *, n);
  ref->in = g_new0 (GArray *, n);
  for (guint i = 0; i < n; i++)
    {
      ref->sets[i] = g_array_new (FALSE, FALSE, sizeof (Active));
      ref->floors[i] = g_array_new (FALSE, FALSE, sizeof (Active));
      ref->history[i] = g_array_new (FALSE, FALSE, sizeof (Change));
      ref->in[i] = g_array_new (FALSE, FALSE, sizeof (guint32));
    }
  ref->strength = g_new0 (double, m);
  ref->level = g_new0 (double, m);
  ref->rate = g_new0 (double, m);
  ref->lag = g_new0 (gint64, m);
  ref->restart = g_new0 (gint64, m);
  ref->raw_history = g_new0 (GArray *, m);
  for (guint32 e = 0; e < m; e++)
    {
      ref->raw_history[e] = g_array_new (FALSE, FALSE, sizeof (Change));
      g_array_append_val (ref->in[pack->edges[e].dependent], e);
    }
  ref->priority = g_new0 (guint, pack->n_resupplies);
  ref->travel = g_new0 (gint64, pack->n_resupplies);
  ref->turnaround = g_new0 (gint64, pack->n_resupplies);
  ref->on_way = g_new0 (gboolean, pack->n_resupplies);
  ref->since = g_new0 (gint64, pack->n_resupplies);
  ref->added = g_new0 (gint64, pack->n_pools);
  ref->taken = g_new0 (gint64, pack->n_pools);
  ref->out = g_new0 (gint64, pack->n_pools);
  ref->deliveries = g_array_new (FALSE, FALSE, sizeof (Delivery));
  ref->trips = g_array_new (FALSE, FALSE, sizeof (Trip));
  ref->need = g_array_new (FALSE, FALSE, sizeof (guint32));
  ref->last_step = -1;
  return ref;
}

void
odan_reference_free (OdanReference *ref)
{
  if (ref == NULL)
    return;
  for (guint i = 0; i < ref->pack->n_nodes; i++)
    {
      g_array_unref (ref->sets[i]);
      g_array_unref (ref->floors[i]);
      g_array_unref (ref->history[i]);
      g_array_unref (ref->in[i]);
    }
  for (guint e = 0; e < ref->pack->n_edges; e++)
    g_array_unref (ref->raw_history[e]);
  g_free (ref->sets);
  g_free (ref->floors);
  g_free (ref->history);
  g_free (ref->in);
  g_free (ref->strength);
  g_free (ref->level);
  g_free (ref->rate);
  g_free (ref->lag);
  g_free (ref->restart);
  g_free (ref->raw_history);
  g_free (ref->priority);
  g_free (ref->travel);
  g_free (ref->turnaround);
  g_free (ref->on_way);
  g_free (ref->since);
  g_free (ref->added);
  g_free (ref->taken);
  g_free (ref->out);
  g_array_unref (ref->deliveries);
  g_array_unref (ref->trips);
  g_array_unref (ref->need);
  g_array_unref (ref->entries);
  g_free (ref);
}

void
odan_reference_schedule (OdanReference  *ref,
                         double          time,
                         const GArray   *effects,
                         OdanOriginKind  kind,
                         guint32         mitigation)
{
  Entry entry = {
    .step = -1,
    .rank = kind == ODAN_ORIGIN_INJECT ? 0 : kind == ODAN_ORIGIN_MITIGATION ? 1 : 2,
    .seq = ref->entries->len,
    .time = time,
    .effects = effects,
    .mitigation = kind == ODAN_ORIGIN_MITIGATION ? mitigation : ODAN_NONE,
  };

  g_return_if_fail (entry.mitigation == ODAN_NONE || mitigation < ref->pack->n_mitigations);

  g_array_append_val (ref->entries, entry);
}

void
odan_reference_schedule_injects (OdanReference *ref)
{
  for (guint i = 0; i < ref->pack->n_injects; i++)
    odan_reference_schedule (ref, ref->pack->injects[i].time,
                             ref->pack->injects[i].effects, ODAN_ORIGIN_INJECT, ODAN_NONE);
}

/* Minutes to a whole number of steps, or an error naming @what. */
static gboolean
to_steps (const OdanReference *ref,
          double               minutes,
          const char          *what,
          gint64              *out,
          GError             **error)
{
  double x = minutes * ref->steps_per_minute;
  double k = nearbyint (x);

  if (fabs (x - k) > 1e-6)
    {
      g_set_error (error, ODAN_REFERENCE_ERROR, ODAN_REFERENCE_ERROR_OFF_GRID,
                   "%s %.9g min is not a whole number of 1/%u min steps",
                   what, minutes, ref->steps_per_minute);
      return FALSE;
    }
  *out = (gint64) k;
  return TRUE;
}

static int
compare_entries (gconstpointer a,
                 gconstpointer b)
{
  const Entry *x = a, *y = b;

  if (x->step != y->step)
    return x->step < y->step ? -1 : 1;
  if (x->rank != y->rank)
    return x->rank - y->rank;
  return x->seq < y->seq ? -1 : x->seq > y->seq;
}

/* The value recorded in @changes at @step; 1 before the first change and
 * for every step before 0 (o_p(t) = 1 for t < 0). */
static double
value_at (const GArray *changes,
          gint64        step)
{
  guint lo = 0, hi = changes->len;

  if (step < 0)
    return 1.0;
  /* the last change with change.step <= step */
  while (lo < hi)
    {
      guint mid = (lo + hi) / 2;
      if (g_array_index (changes, Change, mid).step <= step)
        lo = mid + 1;
      else
        hi = mid;
    }
  return lo == 0 ? 1.0 : g_array_index (changes, Change, lo - 1).value;
}

/* min of the recorded values over steps [@from, @to]; steps before the first
 * change (and before 0) hold 1, which never lowers a minimum. */
static double
min_over (const GArray *changes,
          gint64        from,
          gint64        to)
{
  double m = 1.0;

  for (guint i = changes->len; i > 0; i--)
    {
      const Change *c = &g_array_index (changes, Change, i - 1);
      gint64 end = i < changes->len ? g_array_index (changes, Change, i).step - 1 : to;

      if (end < from)
        break;
      if (c->step <= to)
        m = MIN (m, c->value);
      if (c->step <= from)
        break;
    }
  return m;
}

/* restart_below (SEMANTICS.md §3.2.1): a value below @theta counts until R
 * after the comeback, so a window that starts inside an outage reaches back
 * to the step the outage began. */
static gint64
outage_start (const GArray *changes,
              gint64        from,
              double        theta)
{
  guint lo = 0, hi = changes->len;

  while (lo < hi)
    {
      guint mid = (lo + hi) / 2;
      if (g_array_index (changes, Change, mid).step <= from)
        lo = mid + 1;
      else
        hi = mid;
    }
  if (lo == 0 || !(g_array_index (changes, Change, lo - 1).value < theta))
    return from;
  while (lo > 1 && g_array_index (changes, Change, lo - 2).value < theta)
    lo--;
  return g_array_index (changes, Change, lo - 1).step;
}

static void
record (GArray *changes,
        gint64  step,
        double  value)
{
  Change c = { step, value };

  if (value_at (changes, step) == value)
    return;
  if (changes->len > 0 && g_array_index (changes, Change, changes->len - 1).step == step)
    g_array_index (changes, Change, changes->len - 1).value = value;
  else
    g_array_append_val (changes, c);
}

static void
push_active (GArray *list,
             gint64  end,
             double  value)
{
  Active a = { end, value };

  g_array_append_val (list, a);
}

static gboolean
apply_entry (OdanReference *ref,
             const Entry   *entry,
             GError       **error)
{
  /* §14.1: a mitigation with a pool takes its units when it applies, for
   * good, whether or not it has effects. */
  if (entry->mitigation != ODAN_NONE)
    {
      const OdanMitigation *mitigation = &ref->pack->mitigations[entry->mitigation];
      if (mitigation->pool != ODAN_NONE)
        ref->taken[mitigation->pool] += mitigation->uses;
    }

  for (guint i = 0; i < entry->effects->len; i++)
    {
      const OdanEffect *effect = &g_array_index (entry->effects, OdanEffect, i);
      gint64 end = G_MAXINT64;

      if ((effect->kind == ODAN_EFFECT_SET || effect->kind == ODAN_EFFECT_FLOOR) &&
          effect->duration >= 0)
        {
          gint64 d;
          if (!to_steps (ref, effect->duration, "effect duration", &d, error))
            return FALSE;
          end = entry->step + d;
        }

      switch (effect->kind)
        {
        case ODAN_EFFECT_SET:
          for (guint j = 0; j < effect->n_nodes; j++)
            push_active (ref->sets[effect->nodes[j]], end, effect->value);
          break;
        case ODAN_EFFECT_RESTORE:
          for (guint j = 0; j < effect->n_nodes; j++)
            g_array_set_size (ref->sets[effect->nodes[j]], 0);
          break;
        case ODAN_EFFECT_FLOOR:
          for (guint j = 0; j < effect->n_nodes; j++)
            push_active (ref->floors[effect->nodes[j]], end, effect->value);
          break;
        case ODAN_EFFECT_BUFFER:
          ref->level[effect->edge] += effect->value;
          break;
        case ODAN_EFFECT_STRENGTH:
          ref->strength[effect->edge] *= effect->value;
          break;
        case ODAN_EFFECT_PRIORITY:
          ref->priority[ref->pack->edge_resupply[effect->edge]] = (guint) effect->value;
          break;
        case ODAN_EFFECT_UNITS:
          ref->added[effect->pool_index] += (gint64) effect->value;
          break;
        default:
          g_assert_not_reached ();
        }
    }
  return TRUE;
}

static void
expire (GArray *list,
        gint64  step)
{
  guint kept = 0;

  for (guint i = 0; i < list->len; i++)
    if (g_array_index (list, Active, i).end > step)
      g_array_index (list, Active, kept++) = g_array_index (list, Active, i);
  g_array_set_size (list, kept);
}

/* Equation 4. */
static double
raw_cap (const OdanReference *ref,
         guint32              e,
         double               supply)
{
  const OdanEdge *edge = &ref->pack->edges[e];
  double f = 1.0 - supply;

  if (ref->level[e] > 0)
    return 1.0 - ref->strength[e] * MAX (0.0, f - edge->coverage);
  return 1.0 - ref->strength[e] * f;
}

/* --- resupply (SEMANTICS.md §14) ------------------------------------------ */

/* The rows' priorities and state at T0, their times in steps. */
static gboolean
resupply_start (OdanReference *ref,
                GError       **error)
{
  const OdanPack *pack = ref->pack;

  for (guint32 r = 0; r < pack->n_resupplies; r++)
    {
      const OdanResupply *row = &pack->resupplies[r];

      ref->priority[r] = row->priority;
      ref->on_way[r] = FALSE;
      ref->since[r] = -1;
      if (!to_steps (ref, row->travel, "resupply travel", &ref->travel[r], error) ||
          !to_steps (ref, row->turnaround, "resupply turnaround", &ref->turnaround[r], error))
        return FALSE;
    }
  return TRUE;
}

/* The resupply row of edge @e, or ODAN_NONE. */
static guint32
row_of (const OdanReference *ref,
        guint32              e)
{
  return ref->pack->edge_resupply != NULL ? ref->pack->edge_resupply[e] : ODAN_NONE;
}

/* Deliveries that arrive and trucks that come back at step @k: after the
 * drain (so after a run-out at k), before the effects; arrivals in the order
 * they were dispatched. */
static void
resupply_arrive (OdanReference *ref,
                 gint64         k)
{
  guint kept = 0;

  for (guint i = 0; i < ref->deliveries->len; i++)
    {
      Delivery d = g_array_index (ref->deliveries, Delivery, i);
      const OdanResupply *row = &ref->pack->resupplies[d.row];
      double *level = &ref->level[row->edge];

      if (d.arrive != k)
        {
          g_array_index (ref->deliveries, Delivery, kept++) = d;
          continue;
        }
      /* min (level + load, capacity); a level at or above capacity stays */
      if (*level < row->capacity)
        *level = MIN (*level + row->load, row->capacity);
      ref->on_way[d.row] = FALSE;
    }
  g_array_set_size (ref->deliveries, kept);

  kept = 0;
  for (guint i = 0; i < ref->trips->len; i++)
    {
      Trip trip = g_array_index (ref->trips, Trip, i);

      if (trip.back == k)
        ref->out[trip.pool]--;
      else
        g_array_index (ref->trips, Trip, kept++) = trip;
    }
  g_array_set_size (ref->trips, kept);
}

static gint64
free_units (const OdanReference *ref,
            guint32              pool)
{
  return (gint64) ref->pack->pools[pool].capacity + ref->added[pool]
         - ref->taken[pool] - ref->out[pool];
}

/* Priority, highest first; then since, earliest first; then file order. */
static gint
compare_need (gconstpointer a,
              gconstpointer b,
              gpointer      data)
{
  const OdanReference *ref = data;
  guint32 x = *(const guint32 *) a, y = *(const guint32 *) b;

  if (ref->priority[x] != ref->priority[y])
    return ref->priority[x] > ref->priority[y] ? -1 : 1;
  if (ref->since[x] != ref->since[y])
    return ref->since[x] < ref->since[y] ? -1 : 1;
  return x < y ? -1 : x > y;
}

/* §14.3 from the settled state of step @k (@o, @lagged): need, order,
 * dispatch. */
static void
resupply_dispatch (OdanReference *ref,
                   gint64         k,
                   const double  *o,
                   const double  *lagged)
{
  const OdanPack *pack = ref->pack;
  GArray *need = ref->need;

  g_array_set_size (need, 0);
  for (guint32 r = 0; r < pack->n_resupplies; r++)
    {
      const OdanResupply *row = &pack->resupplies[r];
      guint32 e = row->edge;
      double supply = ref->lag[e] > 0 ? lagged[e] : o[pack->edges[e].provider];

      if (ref->on_way[r] || !(1.0 - supply > CHANGE_EPSILON) ||
          ref->level[e] > row->reorder + LEVEL_EPSILON)
        {
          ref->since[r] = -1;    /* the spell of need, if any, is over */
          continue;
        }
      if (ref->since[r] < 0)
        ref->since[r] = k;
      g_array_append_val (need, r);
    }
  g_array_sort_with_data (need, compare_need, ref);

  for (guint i = 0; i < need->len; i++)
    {
      guint32 r = g_array_index (need, guint32, i);
      const OdanResupply *row = &pack->resupplies[r];
      gboolean route = TRUE;
      Delivery delivery = { k + ref->travel[r], r };
      Trip trip = { k + ref->turnaround[r], row->trucks };

      for (guint j = 0; j < row->n_route; j++)
        route = route && o[row->route[j]] >= row->route_min;
      /* a row that cannot be served waits, keeps its since, blocks no one */
      if (!route || free_units (ref, row->trucks) < 1 ||
          (row->stock != ODAN_NONE && free_units (ref, row->stock) < 1))
        continue;
      ref->out[row->trucks]++;
      if (row->stock != ODAN_NONE)
        ref->taken[row->stock]++;
      ref->on_way[r] = TRUE;
      ref->since[r] = -1;
      g_array_append_val (ref->deliveries, delivery);
      g_array_append_val (ref->trips, trip);
    }
}

gboolean
odan_reference_run (OdanReference *ref,
                    double         until,
                    GError       **error)
{
  const OdanPack *pack = ref->pack;
  guint n = pack->n_nodes, m = pack->n_edges;
  double dt = 1.0 / ref->steps_per_minute;
  gint64 last = (gint64) floor (until * ref->steps_per_minute + 1e-9);
  guint next_entry = 0;
  g_autofree double *o = g_new (double, n);
  g_autofree double *next = g_new (double, n);
  g_autofree double *prev = g_new (double, n);
  g_autofree double *direct = g_new (double, n);
  g_autofree double *floor_value = g_new (double, n);
  g_autofree double *held = g_new (double, m);      /* min of r_e over [t - R, t) */
  g_autofree double *lagged = g_new (double, m);    /* o_p(t - L) for L > 0 */

  g_return_val_if_fail (ref->last_step < 0, FALSE);

  for (guint32 e = 0; e < m; e++)
    {
      ref->strength[e] = pack->edges[e].strength;
      ref->level[e] = pack->edges[e].buffer;
      ref->rate[e] = 0;
      if (!to_steps (ref, pack->edges[e].lag, "lag", &ref->lag[e], error) ||
          !to_steps (ref, pack->edges[e].restart, "restart", &ref->restart[e], error))
        return FALSE;
    }
  if (!resupply_start (ref, error))
    return FALSE;
  for (guint i = 0; i < ref->entries->len; i++)
    {
      Entry *entry = &g_array_index (ref->entries, Entry, i);
      if (!to_steps (ref, entry->time, "effect time", &entry->step, error))
        return FALSE;
    }
  g_array_sort (ref->entries, compare_entries);
  for (guint i = 0; i < n; i++)
    prev[i] = 1.0;

  for (gint64 k = 0; k <= last; k++)
    {
      guint iterations = 0;
      gboolean changed;

      /* Equation 3: drain over [k - 1, k) at the rate fixed at step k - 1. */
      for (guint32 e = 0; k > 0 && e < m; e++)
        {
          double level;

          if (ref->level[e] <= 0 || ref->rate[e] <= 0)
            continue;
          level = ref->level[e] - ref->rate[e] * dt;
          if (level < -LEVEL_EPSILON)
            {
              g_set_error (error, ODAN_REFERENCE_ERROR, ODAN_REFERENCE_ERROR_INEXACT,
                           "the buffer of %s->%s runs out at %.9g, between steps of 1/%u min",
                           pack->nodes[pack->edges[e].provider].id,
                           pack->nodes[pack->edges[e].dependent].id,
                           (k - 1) * dt + ref->level[e] / ref->rate[e],
                           ref->steps_per_minute);
              return FALSE;
            }
          /* §14.3: reaching the reorder level is an instant; it counts
           * only while no delivery is on the way */
          if (row_of (ref, e) != ODAN_NONE && !ref->on_way[row_of (ref, e)])
            {
              double reorder = pack->resupplies[row_of (ref, e)].reorder;

              if (ref->level[e] > reorder + LEVEL_EPSILON && level < reorder - LEVEL_EPSILON)
                {
                  g_set_error (error, ODAN_REFERENCE_ERROR, ODAN_REFERENCE_ERROR_INEXACT,
                               "the buffer of %s->%s reaches its reorder level %.9g at %.9g,"
                               " between steps of 1/%u min",
                               pack->nodes[pack->edges[e].provider].id,
                               pack->nodes[pack->edges[e].dependent].id, reorder,
                               (k - 1) * dt + (ref->level[e] - reorder) / ref->rate[e],
                               ref->steps_per_minute);
                  return FALSE;
                }
            }
          ref->level[e] = level <= LEVEL_EPSILON ? 0.0 : level;
        }
      resupply_arrive (ref, k);

      /* Effects of this instant, in order; then the ones whose time is up. */
      while (next_entry < ref->entries->len &&
             g_array_index (ref->entries, Entry, next_entry).step <= k)
        {
          const Entry *entry = &g_array_index (ref->entries, Entry, next_entry++);
          if (entry->step == k && !apply_entry (ref, entry, error))
            return FALSE;
        }
      for (guint i = 0; i < n; i++)
        {
          GArray *sets = ref->sets[i], *floors = ref->floors[i];

          expire (sets, k);
          expire (floors, k);
          direct[i] = sets->len > 0 ? g_array_index (sets, Active, sets->len - 1).value : 1.0;
          floor_value[i] = 0.0;
          for (guint j = 0; j < floors->len; j++)
            floor_value[i] = MAX (floor_value[i], g_array_index (floors, Active, j).value);
        }

      /* What the past fixes: lagged supply (equation 1) and the part of
       * the restart window before this instant (equation 5). */
      for (guint32 e = 0; e < m; e++)
        {
          if (ref->lag[e] > 0)
            lagged[e] = value_at (ref->history[pack->edges[e].provider], k - ref->lag[e]);
          if (ref->restart[e] > 0)
            {
              double theta = odan_pack_edge_restart_below (pack, e);
              gint64 from = k - ref->restart[e];

              if (theta > 0)
                from = outage_start (ref->raw_history[e], from, theta);
              held[e] = min_over (ref->raw_history[e], from, k - 1);
            }
          else
            held[e] = 1.0;
        }

      /* The node formula, iterated downward from 1: the greatest solution. */
      for (guint i = 0; i < n; i++)
        o[i] = 1.0;
      do
        {
          changed = FALSE;
          for (guint d = 0; d < n; d++)
            {
              const GArray *in = ref->in[d];
              double groups = 1.0;

              for (guint j = 0; j < in->len; j++)
                {
                  guint32 e = g_array_index (in, guint32, j);
                  guint32 group = pack->edges[e].group;
                  double best = 0.0;
                  gboolean seen = FALSE;

                  /* Each group once, at its first edge: max over its edges. */
                  for (guint i = 0; i < j && group != ODAN_NONE; i++)
                    if (pack->edges[g_array_index (in, guint32, i)].group == group)
                      seen = TRUE;
                  if (seen)
                    continue;
                  for (guint i = j; i < in->len; i++)
                    {
                      guint32 f = g_array_index (in, guint32, i);
                      double supply, cap;

                      if (i != j && (group == ODAN_NONE || pack->edges[f].group != group))
                        continue;
                      supply = ref->lag[f] > 0 ? lagged[f] : o[pack->edges[f].provider];
                      cap = MIN (held[f], raw_cap (ref, f, supply));
                      best = MAX (best, cap);
                    }
                  groups = MIN (groups, best);
                }
              next[d] = MIN (direct[d], MAX (floor_value[d], groups));
            }
          for (guint i = 0; i < n; i++)
            {
              if (next[i] != o[i])
                changed = TRUE;
              o[i] = next[i];
            }
          if (++iterations > 100 + 10 * n)
            {
              g_set_error (error, ODAN_REFERENCE_ERROR, ODAN_REFERENCE_ERROR_DIVERGED,
                           "no fixed point after %u iterations at minute %.9g",
                           iterations, k * dt);
              return FALSE;
            }
        }
      while (changed);

      for (guint i = 0; i < n; i++)
        {
          if (fabs (o[i] - prev[i]) <= CHANGE_EPSILON)
            o[i] = prev[i];
          record (ref->history[i], k, o[i]);
          prev[i] = o[i];
        }

      /* Record r_e at this instant and fix the drain rate until the next. */
      for (guint32 e = 0; e < m; e++)
        {
          const OdanEdge *edge = &pack->edges[e];
          double supply = ref->lag[e] > 0 ? lagged[e] : o[edge->provider];
          double f = MAX (0.0, 1.0 - supply);

          /* with restart_below the window holds only raw caps below it (§3.2.1) */
          double r = raw_cap (ref, e, supply);
          double theta = odan_pack_edge_restart_below (pack, e);

          record (ref->raw_history[e], k, theta > 0 && r >= theta ? 1.0 : r);
          ref->rate[e] = ref->level[e] > 0 ? MIN (f, edge->coverage) / edge->coverage : 0.0;
        }
      resupply_dispatch (ref, k, o, lagged);
      ref->last_step = k;
    }
  return TRUE;
}

double
odan_reference_operability_at (const OdanReference *ref,
                               guint32              node,
                               double               time)
{
  gint64 step = (gint64) floor (time * ref->steps_per_minute + 1e-9);

  g_return_val_if_fail (node < ref->pack->n_nodes, 1.0);
  g_return_val_if_fail (ref->last_step >= 0 && step <= ref->last_step, 1.0);
  return value_at (ref->history[node], step);
}

/* The spec's printing rules, written out again rather than shared with the
 * engine. */
static gint64
minute_key (double minutes)
{
  return (gint64) floor (1e3 * minutes + 0.5 + 1e-6);
}

static gint64
operability_key (double o)
{
  return (gint64) floor (1e4 * o + 0.5 + 1e-6);
}

typedef struct {
  gint64  step;
  guint32 rank;     /* the node's position in byte order of ids */
  double  value;
} Row;

static int
compare_rows (gconstpointer a,
              gconstpointer b)
{
  const Row *x = a, *y = b;

  if (x->step != y->step)
    return x->step < y->step ? -1 : 1;
  return x->rank < y->rank ? -1 : x->rank > y->rank;
}

static const OdanPack *sort_pack;

static int
compare_ids (gconstpointer a,
             gconstpointer b)
{
  return strcmp (sort_pack->nodes[*(const guint32 *) a].id,
                 sort_pack->nodes[*(const guint32 *) b].id);
}

char *
odan_reference_csv (const OdanReference *ref)
{
  const OdanPack *pack = ref->pack;
  guint n = pack->n_nodes;
  g_autofree guint32 *order = g_new (guint32, n);    /* rank -> node */
  g_autofree guint32 *rank = g_new (guint32, n);     /* node -> rank */
  g_autofree double *value = g_new (double, n);      /* by rank, within a minute */
  g_autofree gint64 *printed = g_new (gint64, n);    /* by rank */
  g_autofree gboolean *touched = g_new0 (gboolean, n);
  g_autoptr(GArray) rows = g_array_new (FALSE, FALSE, sizeof (Row));
  GString *out = g_string_new ("minute,node,operability\n");
  guint i = 0;

  g_return_val_if_fail (ref->last_step >= 0, NULL);

  for (guint32 j = 0; j < n; j++)
    order[j] = j;
  sort_pack = pack;
  qsort (order, n, sizeof (guint32), compare_ids);
  for (guint32 j = 0; j < n; j++)
    {
      rank[order[j]] = j;
      value[j] = 1.0;
    }
  for (guint32 node = 0; node < n; node++)
    for (guint j = 0; j < ref->history[node]->len; j++)
      {
        const Change *c = &g_array_index (ref->history[node], Change, j);
        Row row = { c->step, rank[node], c->value };
        g_array_append_val (rows, row);
      }
  g_array_sort (rows, compare_rows);

  /* One group per printed minute; the first is minute 0, printed whole. */
  for (gboolean first = TRUE; first || i < rows->len; first = FALSE)
    {
      gint64 key = first ? 0 : minute_key ((double) g_array_index (rows, Row, i).step / ref->steps_per_minute);

      for (; i < rows->len; i++)
        {
          const Row *row = &g_array_index (rows, Row, i);
          if (minute_key ((double) row->step / ref->steps_per_minute) != key)
            break;
          value[row->rank] = row->value;
          touched[row->rank] = TRUE;
        }
      for (guint32 j = 0; j < n; j++)
        {
          gint64 o;

          if (!first && !touched[j])
            continue;
          touched[j] = FALSE;
          o = operability_key (value[j]);
          if (!first && o == printed[j])
            continue;
          printed[j] = o;
          g_string_append_printf (out, "%" G_GINT64_FORMAT ".%03d,%s,%d.%04d\n",
                                  key / 1000, (int) (key % 1000),
                                  pack->nodes[order[j]].id,
                                  (int) (o / 10000), (int) (o % 10000));
        }
    }
  return g_string_free (out, FALSE);
}

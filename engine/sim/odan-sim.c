/* odan-sim.c — the cascade engine
 *
 * Implements shared/spec/cascade-semantics.md. Every quantity is piecewise
 * constant between instants, so the engine jumps from instant to instant:
 *
 *  - effect applications and expiries      a small binary heap (EffectEvent)
 *  - lagged deliveries o_p(t − L)           one FIFO per distinct lag value;
 *                                           entries are appended in time order
 *  - buffer run-outs and restart expiries   a calendar queue of "slots"
 *                                           (odan-calendar-private.h)
 *
 * The FIFO heads sit in a small indexed heap of their own; restart windows
 * and buffers are slots of the calendar (slot = window id, or base_buf +
 * buffer id), each due at most once at a time.
 *
 * At an instant every input change is applied first; then the new operability
 * vector is the greatest fixed point of the node equations given those inputs.
 * Rises are the hard part: a node held down only by a zero-lag cycle must come
 * back (a ↔ b after `set a 0 for 60m`). We compute an upper bound U — nodes
 * that may rise start at their direct level, everything else at its previous
 * value — and iterate downward from it. U grows from the nodes whose inputs
 * rose, along zero-lag, zero-restart edges, and only into nodes whose
 * "potential" (their equation with every U provider and every provider in the
 * same static zero-lag strongly connected component at its direct level)
 * exceeds their current value. DESIGN.md in this folder proves why this bound
 * is never below the greatest fixed point; it keeps recoveries local in big
 * degraded networks.
 *
 * Layout: nodes are flat arrays indexed like the pack's; edges are numbered
 * by provider (the lagged ones after all the others) and mapped to and from
 * the pack's numbers. Hot fields of an edge (provider, strength, coverage,
 * window minimum) sit together in SimEdge, which also holds the edge's
 * restart window or buffer id; a window holds the buffer of an edge that has
 * both. Restart windows are monotone deques in one pooled array with a free
 * list; buffers have their own arrays. Nothing is allocated per event once
 * the pools have grown to the run's high-water mark. Reads whose address is
 * known early are asked for early (DESIGN.md, "Prefetching").
 */
#define G_LOG_DOMAIN "odan-sim"

#include <math.h>
#include <string.h>

#include "odan-calendar-private.h"
#include "odan-sim-private.h"
#include "odan-sort-private.h"

#define EPS 1e-9              /* a change of at most this is no change (spec) */
#define GROUP_START 0x80000000u
#define EDGE_MASK   0x7fffffffu

/* An edge's flags share a word with its provider: a million edges must
 * stay in the last-level cache. */
#define EDGE_LAGGED    (1u << 31)   /* lag > 0: reads the delivered value u */
#define EDGE_RESTART   (1u << 30)   /* restart > 0: cap is the window minimum */
#define EDGE_BUFFERED  (1u << 29)   /* buffer level > 0 now */
#define EDGE_HAS_BUF   (1u << 28)   /* has (had) a buffer slot */
#define EDGE_PROVIDER  0x0fffffffu
/* state a change of the provider must settle at commit: an empty buffer keeps none */
#define EDGE_STATEFUL  (EDGE_RESTART | EDGE_BUFFERED)
#define MAX_NODES      EDGE_PROVIDER



/* 32 bytes, aligned: a node's in-edges are read out of order, one cache
 * line each. */
typedef struct {
  guint32 flags;              /* EDGE_* in the top bits, the provider below */
  guint32 aux;                /* restart window (EDGE_RESTART), else buffer (EDGE_HAS_BUF) */
  double  s;                  /* current strength */
  double  cover;              /* coverage while the buffer holds, else 0 */
  double  hmin;               /* min of the raw cap over the restart window, 1 without restart */
} __attribute__((aligned (32))) SimEdge;

typedef struct {
  double  level;              /* at tb */
  double  tb;
  double  rate;               /* drain per minute */
  double  cover;              /* the edge's coverage */
} BufState;

typedef struct {
  double  expire;             /* when this segment leaves the window; INFINITY for the current one */
  double  value;
  guint32 next;
} DqNode;

/* A restart window: the monotone deque of raw-cap segments still inside
 * [t − R, t]. Its head (the minimum) lives here; most windows hold one or two
 * segments, so only the ones after the head go to the shared pool. */
typedef struct {
  double  head_expire;        /* INFINITY when the head is the current segment */
  double  head_value;
  double  tail_value;         /* the current segment: the raw cap (1 at or above restart_below) as last committed */
  double  restart;            /* R, minutes */
  guint32 edge;
  guint32 rest;               /* pool chain after the head, or ODAN_NONE */
  guint32 last;               /* last node of that chain (the current segment) */
  guint32 buf;                /* the edge's buffer (an edge can have both), or ODAN_NONE */
} RestartWindow;

typedef struct {
  double  time;
  guint32 slot;
} HeapItem;

/* What an instant reads and writes of a node, in one cache line: visiting a
 * node costs one miss, not one per array. Its operability stays in o[],
 * which edge caps read far more often and which fits the L2 cache alone. */
typedef struct {
  double  prev;               /* value before this instant, valid when touched */
  double  direct;
  double  floor;
  guint32 stamp_touch;        /* == instant when prev is valid */
  guint32 stamp_queue;        /* == instant while queued in the worklist */
  guint32 stamp_fallen;
  guint32 fallen_pos;         /* position in the fallen heap while there */
  guint32 hint;               /* in_list position of a group that holds the node down
                               * (its caps ≤ o + EPS), or ODAN_NONE: unknown */
  guint32 set_head;           /* StackEntry lists, most recent first */
  guint32 floor_head;
  guint32 scc;                /* static zero-lag, zero-restart SCC id */
  guint8  marks;              /* MARK_*: how the inputs moved at this instant */
  guint8  raised;             /* lifted by the upper bound at this instant */
  guint8  rigid;              /* member of a rigid component of two or more nodes */
  guint8  simple;             /* every group of the node is a single edge */
  guint32 pad;
} __attribute__((aligned (64))) NodeHot;

/* The value rides along, so sifting never reads o[] at random. */
typedef struct {
  double  value;
  guint32 node;
} FallenItem;

/* An indexed 4-ary min-heap of slots, each due at most once. */
typedef struct {
  HeapItem *items;
  guint32   len, cap;
  guint32  *pos;              /* per slot; ODAN_NONE when absent */
  double   *due;              /* per slot: when it is really due (entries may sit early) */
  guint32   n_slots, cap_slots;
} IHeap;

typedef struct {
  double  time;
  double  value;
  guint32 node;
  guint32 begin;              /* out-edge range [begin, end) of this lag */
  guint32 end;
} Delivery;

/* A ring: deliveries leave in the order they were appended. */
typedef struct {
  Delivery *items;
  gsize     head, len, cap;   /* cap is a power of two */
  double    lag;
} LagFifo;

/* An effect applied at some instant: what set/floor entries point at. */
typedef struct {
  OdanOrigin       origin;
  guint32          effect;    /* index in its list */
  const OdanEffect *fx;
  double           value;
} Activation;

/* One active set or floor on one node. */
typedef struct {
  guint32 activation;
  guint32 next;
} StackEntry;

enum { PHASE_APPLY = 0, PHASE_EXPIRE = 1 };

enum {
  MARK_RISE = 1 << 0,         /* an input rose above the node's value */
  MARK_DROP = 1 << 1,         /* an input fell below it */
  MARK_RELIFT = 1 << 2,       /* lifted twice by the raise: to its direct level */
};

typedef struct {
  double        time;
  guint8        phase;
  guint8        cls;          /* origin kind: injects before mitigations before ad hoc */
  guint64       seq;
  const GArray *effects;      /* PHASE_APPLY */
  OdanOrigin    origin;
  guint32       activation;   /* PHASE_EXPIRE */
} EffectEvent;

/* Resupply (SEMANTICS.md §14): one per resupply.csv row. */
typedef struct {
  double   since;             /* first instant of the current need; INFINITY: no need */
  double   arrive;            /* the delivery on the way; INFINITY: none */
  guint64  seq;               /* dispatch order of the delivery on the way */
  guint    priority;
} ResRow;

typedef struct {
  double  time;               /* when the truck is back */
  guint32 pool;
} ResTrip;

typedef struct {
  ResRow  *rows;
  guint32 *order;             /* scratch: the rows in need */
  gint64  *units;             /* per pool: capacity + added − taken (loads, mitigations) */
  gint64  *free_units;        /* per pool: units − trucks out; below 0 when taken while out */
  GArray  *trips;             /* ResTrip: trucks out, unsorted */
  guint64  seq;
  double   next;              /* the earliest arrival, return or reorder instant */
} SimResupply;

struct _OdanSim
{
  const OdanPack *pack;
  guint32   n_nodes;
  guint32   n_edges;

  /* nodes */
  double   *o;                /* operability (working vector during an instant) */
  NodeHot  *nd;               /* everything else an instant reads of a node */
  double   *since;
  OdanCause *cause;
  FallenItem *fallen;         /* nodes set by a falling cap, out-edges still to follow */
  guint32   n_fallen;

  /* edges */
  SimEdge     *e;
  double      *u;             /* delivered supply, per lagged edge (lag_u()) */
  guint64     *touched_bits;  /* edges whose inputs changed at this instant */
  guint32  *in_start;         /* per dependent, grouped: GROUP_START marks a group's first edge */
  guint32  *in_list;
  guint32  *out_start;        /* [p, p+1): zero-lag out-edges of p; [n+p, n+p+1): lagged ones, by class */
  guint32   first_lagged;     /* every lagged edge comes after every other */
  guint32  *out_dep;          /* per edge: its dependent */
  guint32  *lag_classes;      /* per lagged edge: lag class (lag_class()) */
  guint32  *edge_group;       /* per edge: in_list position of its group's first edge */
  guint32  *pack_edge;        /* the sim's edge → the pack's edge */
  guint32  *sim_edge;         /* the pack's edge → the sim's edge */

  /* buffers */
  BufState *bs;               /* what a drain reads and writes, together */
  guint32  *buf_edge;
  guint32   n_bufs, cap_bufs;

  /* restart windows */
  DqNode   *dq;
  guint32   dq_len, dq_cap, dq_free;
  RestartWindow *rs;
  /* per window, restart_below (SEMANTICS.md §3.2.1), 0 for none: raw caps
   * below it wait until R after the comeback. NULL when the pack has no such
   * column, which keeps every window what it always was. */
  double   *rs_below;

  /* lag FIFOs */
  LagFifo  *fifos;
  guint32   n_fifos;

  /* timed events: the heads of the lag FIFOs (slot = lag class), and
   * restart windows and buffers (slot = window id, then base_buf + buffer id) */
  IHeap     fifo_heap;
  OdanCalendar timers;
  guint32   base_buf;

  /* effects */
  GArray   *fx_heap;          /* EffectEvent */
  guint64   fx_seq;
  GArray   *activations;      /* Activation */
  StackEntry *stack;
  guint32   stack_len, stack_cap, stack_free;

  /* per-instant work lists */
  guint32  *touched_nodes;    guint32 n_touched_nodes;
  guint32  *seeds;            guint32 n_seeds;
  guint32  *queue;            guint32 q_head, q_len;   /* ring of n_nodes */
  guint32  *touched_edges;    guint32 n_touched_edges, cap_touched_edges;
  guint32  *changed;          guint32 n_changed;
  guint32  *sort_tmp;

  double    now;
  gboolean  started;
  guint32   instant;
  guint64   n_instants;
  guint64   n_changes;

  /* deliveries that refill buffers; NULL when the pack has no resupply rows,
   * which adds nothing to an instant */
  SimResupply *res;

  gboolean  record;
  gboolean  skip_causes;      /* a CSV run needs values only */
  GArray   *history;          /* OdanChange */
  GArray  **node_history;     /* per node: guint32 indices into history */
};

static void res_new  (OdanSim *sim);
static void res_free (SimResupply *res);

/* ---------------------------------------------------------------- helpers */

static inline double
dmin (double a, double b)
{
  return a < b ? a : b;
}

static inline double
dmax (double a, double b)
{
  return a > b ? a : b;
}

static gpointer
grow (gpointer mem, guint32 *cap, guint32 need, gsize elem)
{
  if (need <= *cap)
    return mem;
  guint32 ncap = *cap ? *cap : 16;
  while (ncap < need)
    ncap *= 2;
  *cap = ncap;
  return g_realloc_n (mem, ncap, elem);
}

/* ------------------------------------------------------------ indexed heap */

static inline gboolean
heap_less (const HeapItem *a, const HeapItem *b)
{
  return a->time < b->time || (a->time == b->time && a->slot < b->slot);
}

/* A 4-ary heap: half the depth of a binary one, and the four children of a
 * node share a cache line or two. */
static void
heap_sift_up (IHeap *h, guint32 i)
{
  HeapItem it = h->items[i];
  while (i > 0)
    {
      guint32 parent = (i - 1) / 4;
      if (!heap_less (&it, &h->items[parent]))
        break;
      h->items[i] = h->items[parent];
      h->pos[h->items[i].slot] = i;
      i = parent;
    }
  h->items[i] = it;
  h->pos[it.slot] = i;
}

static void
heap_sift_down (IHeap *h, guint32 i)
{
  HeapItem it = h->items[i];
  guint32 n = h->len;
  for (;;)
    {
      guint32 c = 4 * i + 1;
      if (c >= n)
        break;
      guint32 m = c, last = MIN (c + 4, n);
      for (guint32 k = c + 1; k < last; k++)
        if (heap_less (&h->items[k], &h->items[m]))
          m = k;
      if (!heap_less (&h->items[m], &it))
        break;
      h->items[i] = h->items[m];
      h->pos[h->items[i].slot] = i;
      i = m;
    }
  h->items[i] = it;
  h->pos[it.slot] = i;
}

static guint32
heap_new_slot (IHeap *h)
{
  guint32 slot = h->n_slots++;
  guint32 old = h->cap_slots;
  h->pos = grow (h->pos, &h->cap_slots, h->n_slots, sizeof (guint32));
  if (h->cap_slots != old)
    h->due = g_renew (double, h->due, h->cap_slots);
  for (guint32 i = old; i < h->cap_slots; i++)
    {
      h->pos[i] = ODAN_NONE;
      h->due[i] = INFINITY;
    }
  return slot;
}

/* Sets when the slot is due (INFINITY: not at all). Only an earlier time
 * moves the entry now; a later time or a removal is left for heap_top_time()
 * to notice when the entry surfaces. Drain rates change at nearly every
 * instant, mostly pushing run-outs later, so this saves most heap work. */
static void
heap_set (IHeap *h, guint32 slot, double time)
{
  guint32 i = h->pos[slot];

  h->due[slot] = time;
  if (i == ODAN_NONE)
    {
      if (isinf (time))
        return;
      h->items = grow (h->items, &h->cap, h->len + 1, sizeof (HeapItem));
      i = h->len++;
      h->items[i].slot = slot;
      h->items[i].time = time;
      heap_sift_up (h, i);
    }
  else if (time < h->items[i].time)
    {
      h->items[i].time = time;
      heap_sift_up (h, i);
    }
}

/* The earliest due time, after settling entries that were moved later or
 * removed since they were placed. */
static double
heap_top_time (IHeap *h)
{
  while (h->len > 0)
    {
      HeapItem *top = &h->items[0];
      double due = h->due[top->slot];
      if (due == top->time)
        return due;
      if (isinf (due))
        {
          h->pos[top->slot] = ODAN_NONE;
          h->len--;
          if (h->len > 0)
            {
              h->items[0] = h->items[h->len];
              h->pos[h->items[0].slot] = 0;
              heap_sift_down (h, 0);
            }
        }
      else
        {
          top->time = due;
          heap_sift_down (h, 0);
        }
    }
  return INFINITY;
}

static void
heap_clear (IHeap *h)
{
  g_free (h->items);
  g_free (h->pos);
  g_free (h->due);
}

/* ----------------------------------------------------------- effect heap */

static inline gboolean
fx_less (const EffectEvent *a, const EffectEvent *b)
{
  if (a->time != b->time)
    return a->time < b->time;
  if (a->phase != b->phase)
    return a->phase < b->phase;
  if (a->cls != b->cls)
    return a->cls < b->cls;
  return a->seq < b->seq;
}

static void
fx_push (OdanSim *sim, const EffectEvent *ev)
{
  GArray *h = sim->fx_heap;
  g_array_append_val (h, *ev);
  EffectEvent *a = (EffectEvent *) h->data;
  guint i = h->len - 1;
  EffectEvent it = a[i];
  while (i > 0)
    {
      guint p = (i - 1) / 2;
      if (!fx_less (&it, &a[p]))
        break;
      a[i] = a[p];
      i = p;
    }
  a[i] = it;
}

static void
fx_pop (OdanSim *sim, EffectEvent *out)
{
  GArray *h = sim->fx_heap;
  EffectEvent *a = (EffectEvent *) h->data;
  *out = a[0];
  EffectEvent it = a[h->len - 1];
  g_array_set_size (h, h->len - 1);
  if (h->len == 0)
    return;
  guint i = 0, n = h->len;
  for (;;)
    {
      guint l = 2 * i + 1;
      if (l >= n)
        break;
      guint m = l;
      if (l + 1 < n && fx_less (&a[l + 1], &a[l]))
        m = l + 1;
      if (!fx_less (&a[m], &it))
        break;
      a[i] = a[m];
      i = m;
    }
  a[i] = it;
}

static inline double
fx_top_time (const OdanSim *sim)
{
  if (sim->fx_heap->len == 0)
    return INFINITY;
  return ((EffectEvent *) sim->fx_heap->data)[0].time;
}

/* ------------------------------------------------------------ lag FIFOs */

static void
fifo_push (OdanSim *sim, guint32 k, const Delivery *d)
{
  LagFifo *f = &sim->fifos[k];
  if (f->len == f->cap)
    {
      /* unwrap into a ring twice the size */
      gsize ncap = f->cap ? f->cap * 2 : 64;
      f->items = g_realloc_n (f->items, ncap, sizeof (Delivery));
      if (f->head + f->len > f->cap)
        {
          gsize wrapped = f->head + f->len - f->cap;
          memcpy (f->items + f->cap, f->items, wrapped * sizeof (Delivery));
        }
      f->cap = ncap;
    }
  f->items[(f->head + f->len) & (f->cap - 1)] = *d;
  if (f->len++ == 0)
    heap_set (&sim->fifo_heap, k, d->time);
}

/* ---------------------------------------------------------- edge caps */

/* Equation 4 in one form: with an empty buffer `cover` is 0 and
 * max(0, f − 0) is exactly f, so no branch is needed. */
static inline double
raw_cap (double s, double u, double cover)
{
  double x = (1.0 - u) - cover;
  return 1.0 - s * (x > 0 ? x : 0);
}

/* The buffer of edge @e (which has one). */
static inline guint32
edge_buf (const OdanSim *sim, guint32 e)
{
  const SimEdge *se = &sim->e[e];
  return (se->flags & EDGE_RESTART) ? sim->rs[se->aux].buf : se->aux;
}

/* The buffer of @e starts or stops carrying its share of the need. An empty
 * buffer keeps no state that a change of its provider could move, so only a
 * holding buffer (or a restart window) makes the edge stateful. */
static inline void
set_buffered (OdanSim *sim, guint32 e, gboolean on)
{
  SimEdge *se = &sim->e[e];
  if (on)
    {
      se->flags |= EDGE_BUFFERED;
      se->cover = sim->bs[edge_buf (sim, e)].cover;
    }
  else
    {
      se->flags &= ~EDGE_BUFFERED;
      se->cover = 0;
    }
}

/* What only lagged edges have: indexed from the first of them. */
static inline double *
lag_u (const OdanSim *sim, guint32 e)
{
  return &sim->u[e - sim->first_lagged];
}

static inline guint32 *
lag_class (const OdanSim *sim, guint32 e)
{
  return &sim->lag_classes[e - sim->first_lagged];
}

static inline double
edge_u (const OdanSim *sim, guint32 e)
{
  const SimEdge *se = &sim->e[e];
  return (se->flags & EDGE_LAGGED) ? *lag_u (sim, e) : sim->o[se->flags & EDGE_PROVIDER];
}

static inline double
edge_raw (const OdanSim *sim, guint32 e)
{
  return raw_cap (sim->e[e].s, edge_u (sim, e), sim->e[e].cover);
}

static inline double
edge_cap (const OdanSim *sim, guint32 e)
{
  return dmin (sim->e[e].hmin, edge_raw (sim, e));
}

/* The node equation at the working vector; *low gets the group with the
 * lowest cap and *caps that cap (ODAN_NONE and 1 without in-edges). */
static double
node_value_low (const OdanSim *sim, guint32 d, guint32 *lowest, double *lowest_cap)
{
  double caps = 1.0;
  guint32 i = sim->in_start[d], end = sim->in_start[d + 1];
  guint32 low = ODAN_NONE;

  while (i < end)
    {
      guint32 g = i;
      double gmax = edge_cap (sim, sim->in_list[i] & EDGE_MASK);
      for (i++; i < end && !(sim->in_list[i] & GROUP_START); i++)
        gmax = dmax (gmax, edge_cap (sim, sim->in_list[i]));
      if (low == ODAN_NONE || gmax < caps)
        low = g;
      caps = dmin (caps, gmax);
    }
  *lowest = low;
  *lowest_cap = caps;
  return dmin (sim->nd[d].direct, dmax (sim->nd[d].floor, caps));
}

/* The raise's question about @d, which no floor holds above @threshold:
 * can it rise above @threshold? If some group's caps are all at or below it,
 * no: *holder gets the first such group, and the scan stops there. If none
 * is, every edge has been read and *value gets the node's equation. */
static gboolean
node_held (const OdanSim *sim, guint32 d, double threshold, guint32 *holder, double *value)
{
  double caps = 1.0;
  guint32 i = sim->in_start[d], end = sim->in_start[d + 1];

  while (i < end)
    {
      guint32 g = i;
      double gmax = edge_cap (sim, sim->in_list[i] & EDGE_MASK);
      for (i++; i < end && !(sim->in_list[i] & GROUP_START); i++)
        gmax = dmax (gmax, edge_cap (sim, sim->in_list[i]));
      if (gmax <= threshold)
        {
          *holder = g;
          return TRUE;
        }
      caps = dmin (caps, gmax);
    }
  *value = dmin (sim->nd[d].direct, dmax (sim->nd[d].floor, caps));
  return FALSE;
}

/* Whether some edge of the group starting at in_list position @g has a cap
 * above @threshold. */
static inline gboolean
group_exceeds (const OdanSim *sim, guint32 d, guint32 g, double threshold)
{
  guint32 end = sim->in_start[d + 1];
  do
    {
      if (edge_cap (sim, sim->in_list[g] & EDGE_MASK) > threshold)
        return TRUE;
      g++;
    }
  while (g < end && !(sim->in_list[g] & GROUP_START));
  return FALSE;
}

/* The node equation at the working vector. */
static double
node_value (const OdanSim *sim, guint32 d)
{
  double caps = 1.0;
  guint32 i = sim->in_start[d], end = sim->in_start[d + 1];

  while (i < end)
    {
      double gmax = edge_cap (sim, sim->in_list[i] & EDGE_MASK);
      for (i++; i < end && !(sim->in_list[i] & GROUP_START); i++)
        gmax = dmax (gmax, edge_cap (sim, sim->in_list[i]));
      caps = dmin (caps, gmax);
    }
  return dmin (sim->nd[d].direct, dmax (sim->nd[d].floor, caps));
}

/* An upper bound on what @d can reach at this instant: its equation at the
 * working vector (which holds the bounds found so far), except that providers
 * in its own rigid component count at their direct level — a cycle of
 * strength-1 instant edges can lift itself, nothing else can (DESIGN.md). */
static double
node_potential (const OdanSim *sim, guint32 d)
{
  if (!sim->nd[d].rigid)
    return node_value (sim, d);

  double caps = 1.0;
  guint32 i = sim->in_start[d], end = sim->in_start[d + 1];

  while (i < end)
    {
      double gmax = -1.0;
      do
        {
          guint32 e = sim->in_list[i] & EDGE_MASK;
          const SimEdge *se = &sim->e[e];
          double c;
          guint32 p = se->flags & EDGE_PROVIDER;
          if (!(se->flags & EDGE_LAGGED) && sim->nd[p].scc == sim->nd[d].scc)
            c = dmin (se->hmin, raw_cap (se->s, sim->nd[p].direct, se->cover));
          else
            c = edge_cap (sim, e);
          gmax = dmax (gmax, c);
          i++;
        }
      while (i < end && !(sim->in_list[i] & GROUP_START));
      caps = dmin (caps, gmax);
    }
  return dmin (sim->nd[d].direct, dmax (sim->nd[d].floor, caps));
}

/* ----------------------------------------------------- per-instant marks */

static inline void
touch_node (OdanSim *sim, guint32 n)
{
  if (sim->nd[n].stamp_touch != sim->instant)
    {
      sim->nd[n].stamp_touch = sim->instant;
      sim->nd[n].prev = sim->o[n];
      sim->nd[n].marks = 0;
      sim->nd[n].raised = FALSE;
      sim->touched_nodes[sim->n_touched_nodes++] = n;
    }
}

static inline void
mark_drop (OdanSim *sim, guint32 n)
{
  touch_node (sim, n);
  sim->nd[n].marks |= MARK_DROP;
}

static inline void
mark_rise (OdanSim *sim, guint32 n)
{
  touch_node (sim, n);
  if (!(sim->nd[n].marks & MARK_RISE))
    {
      sim->nd[n].marks |= MARK_RISE;
      sim->seeds[sim->n_seeds++] = n;
    }
}

static inline void
touch_edge (OdanSim *sim, guint32 e)
{
  guint64 bit = G_GUINT64_CONSTANT (1) << (e & 63);
  if (!(sim->touched_bits[e >> 6] & bit))
    {
      sim->touched_bits[e >> 6] |= bit;
      sim->touched_edges = grow (sim->touched_edges, &sim->cap_touched_edges,
                                 sim->n_touched_edges + 1, sizeof (guint32));
      sim->touched_edges[sim->n_touched_edges++] = e;
    }
}

/* Edge @e's cap went from @before to what it is now. Its dependent is
 * affected only if the cap crossed the dependent's value: a cap above a
 * node's value does not bind it, and one below cannot lift it. */
static inline void
edge_cap_changed (OdanSim *sim, guint32 e, double before)
{
  guint32 y = sim->out_dep[e];
  double after = edge_cap (sim, e);

  if (after < before && after < sim->o[y] - EPS)
    mark_drop (sim, y);
  else if (after > before && after > sim->o[y] + EPS &&
           (sim->nd[y].hint == ODAN_NONE || sim->nd[y].hint == sim->edge_group[e] || sim->nd[y].rigid))
    mark_rise (sim, y);   /* (not while another group holds it down) */
}

/* An input of edge @e changed (supply, buffer, strength): its drain rate and
 * restart window follow at commit. */
static inline void
edge_input_changed (OdanSim *sim, guint32 e, double before)
{
  if (sim->e[e].flags & (EDGE_BUFFERED | EDGE_RESTART))
    touch_edge (sim, e);
  edge_cap_changed (sim, e, before);
}

/* --------------------------------------------------------------- buffers */

/* Brings the buffer of @e to the current instant (level at the old rate). */
static inline double
buf_level_now (const OdanSim *sim, guint32 b)
{
  double lvl = sim->bs[b].level - sim->bs[b].rate * (sim->now - sim->bs[b].tb);
  return lvl;
}

/* Re-derives the drain rate from the edge's current shortfall and schedules
 * the run-out. */
static void
buf_settle (OdanSim *sim, guint32 e)
{
  SimEdge *se = &sim->e[e];
  guint32 b = edge_buf (sim, e);
  guint32 slot = sim->base_buf + b;
  OdanCalendar *h = &sim->timers;

  /* an empty buffer was settled when it ran out (or was never filled) */
  if (!(se->flags & EDGE_BUFFERED))
    return;

  double lvl = buf_level_now (sim, b);
  double f = 1.0 - edge_u (sim, e);
  double phi = sim->bs[b].cover;
  /* A shortfall of at most EPS is none: a recovery through a contracting
   * cycle ends within EPS of full supply (the spec's rule), and that residue
   * must not drain the buffer and move its run-out (DESIGN.md, "Where
   * exactness ends"). */
  double rate = f > EPS ? dmin (f, phi) / phi : 0;

  sim->bs[b].level = lvl;
  sim->bs[b].tb = sim->now;
  sim->bs[b].rate = rate;

  if (lvl <= 0)
    odan_cal_set (h, slot, sim->now);     /* rounding reached the end: run out now */
  else if (rate > 0)
    {
      double t = sim->now + lvl / rate;
      odan_cal_set (h, slot, t > sim->now ? t : sim->now);
    }
  else
    odan_cal_set (h, slot, INFINITY);
}

static guint32
buf_alloc (OdanSim *sim, guint32 e, double level, double cover)
{
  guint32 b = sim->n_bufs++;
  if (sim->n_bufs > sim->cap_bufs)
    {
      sim->cap_bufs = MAX (16, sim->cap_bufs * 2);
      sim->bs = g_renew (BufState, sim->bs, sim->cap_bufs);
      sim->buf_edge = g_renew (guint32, sim->buf_edge, sim->cap_bufs);
    }
  sim->bs[b].level = level;
  sim->bs[b].tb = sim->now;
  sim->bs[b].rate = 0;
  sim->buf_edge[b] = e;
  sim->bs[b].cover = cover;
  if (sim->e[e].flags & EDGE_RESTART)
    sim->rs[sim->e[e].aux].buf = b;
  else
    sim->e[e].aux = b;
  sim->e[e].flags |= EDGE_HAS_BUF;
  if (level > 0)
    set_buffered (sim, e, TRUE);
  guint32 slot = odan_cal_new_slot (&sim->timers);
  g_assert (slot == sim->base_buf + b);
  return b;
}

/* -------------------------------------------------------- restart windows */

static guint32
dq_alloc (OdanSim *sim, double expire, double value)
{
  guint32 i;
  if (sim->dq_free != ODAN_NONE)
    {
      i = sim->dq_free;
      sim->dq_free = sim->dq[i].next;
    }
  else
    {
      sim->dq = grow (sim->dq, &sim->dq_cap, sim->dq_len + 1, sizeof (DqNode));
      i = sim->dq_len++;
    }
  sim->dq[i].expire = expire;
  sim->dq[i].value = value;
  sim->dq[i].next = ODAN_NONE;
  return i;
}

static void
dq_free_chain (OdanSim *sim, guint32 i)
{
  while (i != ODAN_NONE)
    {
      guint32 next = sim->dq[i].next;
      sim->dq[i].next = sim->dq_free;
      sim->dq_free = i;
      i = next;
    }
}

/* Timed entries come out one at a time, and handling one starts with a
 * chain of misses (window or buffer, then its edge) that nothing overlaps.
 * The calendar announces them a bucket ahead: step 1 asks for the window or
 * buffer, step 2 (a bucket later, when that has arrived) for the edge. */
static void
prefetch_slot (gpointer data, guint32 slot, guint step)
{
  const OdanSim *sim = data;
  if (slot < sim->base_buf)
    {
      const RestartWindow *w = &sim->rs[slot];
      if (step == 1)
        {
          __builtin_prefetch (w);
          __builtin_prefetch ((const char *) w + sizeof (RestartWindow) - 1);
          return;
        }
      __builtin_prefetch (&sim->e[w->edge]);
      __builtin_prefetch (&sim->out_dep[w->edge]);
      if (w->rest != ODAN_NONE)
        __builtin_prefetch (&sim->dq[w->rest]);
    }
  else
    {
      guint32 b = slot - sim->base_buf;
      if (step == 1)
        {
          __builtin_prefetch (&sim->bs[b]);
          __builtin_prefetch (&sim->buf_edge[b]);
          return;
        }
      __builtin_prefetch (&sim->e[sim->buf_edge[b]]);
      __builtin_prefetch (&sim->out_dep[sim->buf_edge[b]]);
    }
}

static void
dq_schedule (OdanSim *sim, guint32 rs)
{
  odan_cal_set (&sim->timers, rs, sim->rs[rs].head_expire);
}

/* The raw cap of @e changed to @r at the current instant: the segment that
 * ends now stays in the window until @closing (R more minutes, or until a
 * comeback fixes it: dq_record_below). Values increase from head to tail and
 * expiries do not decrease, so the head is the window minimum; a new value
 * drops every segment at or above it, since those leave the window first. */
static inline __attribute__((always_inline)) void
dq_record_closing (OdanSim *sim, guint32 e, double r, double closing)
{
  RestartWindow *w = &sim->rs[sim->e[e].aux];

  w->tail_value = r;
  if (r <= w->head_value)
    {
      dq_free_chain (sim, w->rest);
      w->rest = w->last = ODAN_NONE;
      w->head_expire = INFINITY;
      w->head_value = r;
    }
  else if (w->rest == ODAN_NONE)
    {
      w->head_expire = closing;
      w->rest = w->last = dq_alloc (sim, INFINITY, r);
    }
  else
    {
      sim->dq[w->last].expire = closing;
      guint32 keep = ODAN_NONE;
      for (guint32 j = w->rest; j != ODAN_NONE && sim->dq[j].value < r; j = sim->dq[j].next)
        keep = j;
      guint32 node = dq_alloc (sim, INFINITY, r);
      if (keep == ODAN_NONE)
        {
          dq_free_chain (sim, w->rest);
          w->rest = node;
        }
      else
        {
          dq_free_chain (sim, sim->dq[keep].next);
          sim->dq[keep].next = node;
        }
      w->last = node;
    }
  sim->e[e].hmin = w->head_value;
  dq_schedule (sim, sim->e[e].aux);
}

/* inlined into the settling loop, as it was before thresholds existed */
static inline __attribute__((always_inline)) void
dq_record (OdanSim *sim, guint32 e, double r)
{
  dq_record_closing (sim, e, r, sim->now + sim->rs[sim->e[e].aux].restart);
}

/* An edge with restart_below @theta (SEMANTICS.md §3.2.1): a raw cap below
 * it is an outage and stays in the window until R after the comeback, so
 * its segments wait with no expiry; one at or above it is recorded as 1,
 * which never binds. At the comeback every waiting segment gets its expiry. */
static G_GNUC_NO_INLINE void
dq_record_below (OdanSim *sim, guint32 e, double r, double theta)
{
  RestartWindow *w = &sim->rs[sim->e[e].aux];
  double q = r < theta ? r : 1.0;
  double due = sim->now + w->restart;

  if (q == w->tail_value)
    return;
  if (w->tail_value < theta && q < theta)
    {
      dq_record_closing (sim, e, q, INFINITY);
      return;
    }
  if (w->tail_value < theta && w->rest != ODAN_NONE)
    {
      if (w->head_expire == INFINITY)
        w->head_expire = due;
      for (guint32 j = w->rest; j != w->last; j = sim->dq[j].next)
        if (sim->dq[j].expire == INFINITY)
          sim->dq[j].expire = due;
    }
  dq_record_closing (sim, e, q, due);
}

/* ----------------------------------------------------------- set / floor */

static guint32
stack_alloc (OdanSim *sim, guint32 activation, guint32 next)
{
  guint32 i;
  if (sim->stack_free != ODAN_NONE)
    {
      i = sim->stack_free;
      sim->stack_free = sim->stack[i].next;
    }
  else
    {
      sim->stack = grow (sim->stack, &sim->stack_cap, sim->stack_len + 1, sizeof (StackEntry));
      i = sim->stack_len++;
    }
  sim->stack[i].activation = activation;
  sim->stack[i].next = next;
  return i;
}

static void
stack_remove (OdanSim *sim, guint32 *head, guint32 activation)
{
  guint32 *link = head;
  while (*link != ODAN_NONE)
    {
      guint32 i = *link;
      if (sim->stack[i].activation == activation)
        {
          *link = sim->stack[i].next;
          sim->stack[i].next = sim->stack_free;
          sim->stack_free = i;
          return;
        }
      link = &sim->stack[i].next;
    }
}

static void
stack_clear (OdanSim *sim, guint32 *head)
{
  while (*head != ODAN_NONE)
    {
      guint32 i = *head;
      *head = sim->stack[i].next;
      sim->stack[i].next = sim->stack_free;
      sim->stack_free = i;
    }
}

static inline const Activation *
activation (const OdanSim *sim, guint32 a)
{
  return &g_array_index (sim->activations, Activation, a);
}

static void
refresh_direct (OdanSim *sim, guint32 n)
{
  guint32 h = sim->nd[n].set_head;
  double v = h == ODAN_NONE ? 1.0 : activation (sim, sim->stack[h].activation)->value;
  double old = sim->nd[n].direct;
  sim->nd[n].direct = v;
  if (v < old && v < sim->o[n] - EPS)
    mark_drop (sim, n);
  else if (v > old && v > sim->o[n] + EPS)
    mark_rise (sim, n);
}

static void
refresh_floor (OdanSim *sim, guint32 n)
{
  double v = 0;
  for (guint32 i = sim->nd[n].floor_head; i != ODAN_NONE; i = sim->stack[i].next)
    v = dmax (v, activation (sim, sim->stack[i].activation)->value);
  double old = sim->nd[n].floor;
  sim->nd[n].floor = v;
  if (v < old && old >= sim->o[n] - EPS)
    mark_drop (sim, n);
  else if (v > old && v > sim->o[n] + EPS)
    mark_rise (sim, n);
}

/* Adds @minutes to the buffer of the pack's edge @edge, up to @most (a
 * `buffer` effect or a delivery, SEMANTICS.md §5 and §14.3). */
static void
buffer_fill (OdanSim *sim, guint32 edge, double minutes, double most)
{
  guint32 e = sim->sim_edge[edge];
  SimEdge *se = &sim->e[e];
  double before = edge_cap (sim, e);
  if (!(se->flags & EDGE_HAS_BUF))
    {
      /* first fuel on an edge that had no buffer: it now keeps state */
      buf_alloc (sim, e, 0, sim->pack->edges[edge].coverage);
    }
  guint32 b = edge_buf (sim, e);
  double lvl = (se->flags & EDGE_BUFFERED) ? dmax (buf_level_now (sim, b), 0) : 0;
  if (lvl >= most)
    return;
  sim->bs[b].level = dmin (lvl + minutes, most);
  sim->bs[b].tb = sim->now;
  if (sim->bs[b].level > 0)
    set_buffered (sim, e, TRUE);
  edge_input_changed (sim, e, before);
}

static void
apply_effect (OdanSim *sim, const OdanEffect *fx, const OdanOrigin *origin, guint32 index)
{
  switch (fx->kind)
    {
    case ODAN_EFFECT_SET:
    case ODAN_EFFECT_FLOOR:
      {
        Activation act = { *origin, index, fx, fx->value };
        guint32 a = sim->activations->len;
        g_array_append_val (sim->activations, act);
        gboolean set = fx->kind == ODAN_EFFECT_SET;
        for (guint32 i = 0; i < fx->n_nodes; i++)
          {
            guint32 n = fx->nodes[i];
            guint32 *head = set ? &sim->nd[n].set_head : &sim->nd[n].floor_head;
            *head = stack_alloc (sim, a, *head);
            if (set)
              refresh_direct (sim, n);
            else
              refresh_floor (sim, n);
          }
        if (fx->duration >= 0)
          {
            EffectEvent ev = { 0 };
            ev.time = sim->now + fx->duration;
            ev.phase = PHASE_EXPIRE;
            ev.seq = sim->fx_seq++;
            ev.activation = a;
            fx_push (sim, &ev);
          }
      }
      break;

    case ODAN_EFFECT_RESTORE:
      for (guint32 i = 0; i < fx->n_nodes; i++)
        {
          guint32 n = fx->nodes[i];
          stack_clear (sim, &sim->nd[n].set_head);
          refresh_direct (sim, n);
        }
      break;

    case ODAN_EFFECT_BUFFER:
      buffer_fill (sim, fx->edge, fx->value, INFINITY);
      break;

    case ODAN_EFFECT_PRIORITY:
      if (sim->res != NULL)
        sim->res->rows[sim->pack->edge_resupply[fx->edge]].priority = (guint) fx->value;
      break;

    case ODAN_EFFECT_UNITS:
      if (sim->res != NULL)
        {
          sim->res->units[fx->pool_index] += (gint64) fx->value;
          sim->res->free_units[fx->pool_index] += (gint64) fx->value;
        }
      break;

    case ODAN_EFFECT_STRENGTH:
      {
        guint32 e = sim->sim_edge[fx->edge];
        SimEdge *se = &sim->e[e];
        double before = edge_cap (sim, e);
        se->s *= fx->value;
        touch_edge (sim, e);   /* strength enters the raw cap even without buffer or restart */
        edge_input_changed (sim, e, before);
      }
      break;
    }
}

static void
expire_activation (OdanSim *sim, guint32 a)
{
  const Activation *act = activation (sim, a);
  const OdanEffect *fx = act->fx;
  gboolean set = fx->kind == ODAN_EFFECT_SET;

  for (guint32 i = 0; i < fx->n_nodes; i++)
    {
      guint32 n = fx->nodes[i];
      stack_remove (sim, set ? &sim->nd[n].set_head : &sim->nd[n].floor_head, a);
      if (set)
        refresh_direct (sim, n);
      else
        refresh_floor (sim, n);
    }
}

/* ------------------------------------------------------------- creation */

typedef struct {
  guint64 key;
  guint32 edge;
} KeyedEdge;

static int
cmp_keyed (const void *a, const void *b)
{
  const KeyedEdge *x = a, *y = b;
  if (x->key != y->key)
    return (x->key > y->key) - (x->key < y->key);
  return (x->edge > y->edge) - (x->edge < y->edge);
}

static int
cmp_double (const void *a, const void *b)
{
  double x = *(const double *) a, y = *(const double *) b;
  return (x > y) - (x < y);
}

/* Tarjan's algorithm, iterative, over the rigid edges: zero lag, strength
 * 1. Only cycles of such edges can hold each other down after their cause
 * is gone; every other cycle contracts (DESIGN.md). A restart window does
 * not break such a cycle at an instant: below its past minimum the cap
 * follows the provider at once. Strength effects only lower strengths, so
 * components computed once stay a safe superset. */
static void
compute_scc (OdanSim *sim)
{
  guint32 n = sim->n_nodes;
  g_autofree guint32 *index = g_new (guint32, n);
  g_autofree guint32 *low = g_new (guint32, n);
  g_autofree guint8 *on_stack = g_new0 (guint8, n);
  g_autofree guint32 *stack = g_new (guint32, n);
  g_autofree guint32 *call_node = g_new (guint32, n);
  g_autofree guint32 *call_edge = g_new (guint32, n);
  guint32 sp = 0, cp = 0, counter = 0, n_scc = 0;

  for (guint32 i = 0; i < n; i++)
    index[i] = ODAN_NONE;

  for (guint32 root = 0; root < n; root++)
    {
      if (index[root] != ODAN_NONE)
        continue;
      call_node[cp] = root;
      call_edge[cp] = sim->out_start[root];
      cp++;
      index[root] = low[root] = counter++;
      stack[sp++] = root;
      on_stack[root] = 1;

      while (cp > 0)
        {
          guint32 v = call_node[cp - 1];
          guint32 *k = &call_edge[cp - 1];
          gboolean descended = FALSE;

          while (*k < sim->out_start[v + 1])
            {
              guint32 e = (*k)++;
              if (sim->e[e].s < 1.0)
                continue;
              guint32 w = sim->out_dep[e];
              if (index[w] == ODAN_NONE)
                {
                  index[w] = low[w] = counter++;
                  stack[sp++] = w;
                  on_stack[w] = 1;
                  call_node[cp] = w;
                  call_edge[cp] = sim->out_start[w];
                  cp++;
                  descended = TRUE;
                  break;
                }
              else if (on_stack[w])
                low[v] = MIN (low[v], index[w]);
            }
          if (descended)
            continue;

          if (low[v] == index[v])
            {
              guint32 w, size = 0;
              do
                {
                  w = stack[--sp];
                  on_stack[w] = 0;
                  sim->nd[w].scc = n_scc;
                  size++;
                }
              while (w != v);
              if (size > 1)
                for (guint32 q = sp; q < sp + size; q++)
                  sim->nd[stack[q]].rigid = 1;
              n_scc++;
            }
          cp--;
          if (cp > 0)
            {
              guint32 parent = call_node[cp - 1];
              low[parent] = MIN (low[parent], low[v]);
            }
        }
    }
}

/* The in-edges of every node, grouped: key = group id (own groups after
 * named ones), then the sim's edge number; a dependent has few, so
 * insertion sort. Needs only the edge numbering, so on a large pack it runs
 * on a thread of its own while the edges' state is set up. */
static gpointer
build_in_lists (gpointer data)
{
  OdanSim *sim = data;
  const OdanPack *pack = sim->pack;
  guint32 n = sim->n_nodes, m = sim->n_edges;
  guint32 max_in = 1;
  for (guint32 d = 0; d < n; d++)
    max_in = MAX (max_in, pack->in_start[d + 1] - pack->in_start[d]);
  g_autofree KeyedEdge *tmp = g_new (KeyedEdge, max_in);
  for (guint32 d = 0; d < n; d++)
    {
      guint32 a = pack->in_start[d], b = pack->in_start[d + 1];
      for (guint32 j = a; j < b; j++)
        {
          guint32 e = pack->in_edges[j];
          guint32 g = pack->edges[e].group;
          KeyedEdge it = { g == ODAN_NONE ? ((guint64) 1 << 32) | e : g, sim->sim_edge[e] };
          guint32 c = j - a;
          for (; c > 0 && cmp_keyed (&tmp[c - 1], &it) > 0; c--)
            tmp[c] = tmp[c - 1];
          tmp[c] = it;
        }
      sim->in_start[d] = a;
      for (guint32 j = a; j < b; j++)
        {
          gboolean first = j == a || tmp[j - a].key != tmp[j - a - 1].key;
          sim->in_list[j] = tmp[j - a].edge | (first ? GROUP_START : 0);
        }
    }
  sim->in_start[n] = m;
  for (guint32 j = 0, g = 0; j < m; j++)
    {
      if (sim->in_list[j] & GROUP_START)
        g = j;
      sim->edge_group[sim->in_list[j] & EDGE_MASK] = g;
    }
  for (guint32 d = 0; d < n; d++)
    {
      sim->nd[d].hint = sim->in_start[d];
      sim->nd[d].simple = TRUE;
      for (guint32 j = sim->in_start[d]; j < sim->in_start[d + 1]; j++)
        if (!(sim->in_list[j] & GROUP_START))
          sim->nd[d].simple = FALSE;
    }

  return NULL;
}

/* Node state at its normal level; the worklists sized for every node. */
static void
sim_alloc_nodes (OdanSim *sim)
{
  guint32 n = sim->n_nodes;

  sim->o = g_new (double, n);
  sim->nd = g_aligned_alloc0 (n ? n : 1, sizeof (NodeHot), 64);
  sim->since = g_new0 (double, n);
  sim->cause = g_new0 (OdanCause, n);
  sim->fallen = g_new (FallenItem, n ? n : 1);
  sim->touched_nodes = g_new (guint32, n);
  sim->seeds = g_new (guint32, n);
  sim->queue = g_new (guint32, n > 0 ? n : 1);
  sim->changed = g_new (guint32, n);
  sim->sort_tmp = g_new (guint32, n ? n : 1);
  for (guint32 i = 0; i < n; i++)
    {
      sim->o[i] = 1.0;
      sim->nd[i].direct = 1.0;
      sim->nd[i].set_head = ODAN_NONE;
      sim->nd[i].floor_head = ODAN_NONE;
      sim->cause[i].kind = ODAN_CAUSE_NORMAL;
    }
}

/* Lag classes: the distinct positive lags, ascending, as a new array of
 * *n_out; in the same pass over the pack's edges, every provider's
 * out-degree (zero-lag and lagged apart) into out_start. A pack has a
 * handful of distinct lags: they are collected by a linear search, and only
 * if there turn out to be many are all lags sorted instead. */
static double *
sim_collect_lags (OdanSim *sim,
                  guint32 *n_out)
{
  const OdanPack *pack = sim->pack;
  guint32 n = sim->n_nodes, m = sim->n_edges;
  double few[32];
  guint32 n_few = 0, n_lags = 0, n_distinct = 0;
  gboolean many = FALSE;
  double *lags;

  sim->out_start = g_new0 (guint32, 2 * n + 1);
  for (guint32 i = 0; i < m; i++)
    {
      double lag = pack->edges[i].lag;
      sim->out_start[(lag > 0 ? n : 0) + pack->edges[i].provider + 1]++;
      if (lag > 0)
        {
          n_lags++;
          guint32 k = 0;
          while (k < n_few && few[k] != lag)
            k++;
          if (k == n_few && !many)
            {
              if (n_few < G_N_ELEMENTS (few))
                few[n_few++] = lag;
              else
                many = TRUE;
            }
        }
    }
  lags = g_new (double, many ? n_lags : n_few + 1);
  if (many)
    {
      for (guint32 i = 0; i < m; i++)
        if (pack->edges[i].lag > 0)
          lags[n_distinct++] = pack->edges[i].lag;
    }
  else
    {
      memcpy (lags, few, sizeof (double) * n_few);
      n_distinct = n_few;
    }
  qsort (lags, n_distinct, sizeof (double), cmp_double);
  n_lags = n_distinct;
  n_distinct = 0;
  for (guint32 i = 0; i < n_lags; i++)
    if (n_distinct == 0 || lags[i] != lags[n_distinct - 1])
      lags[n_distinct++] = lags[i];
  *n_out = n_distinct;
  return lags;
}

/* The sim numbers the zero-lag edges by provider, then the lagged ones by
 * provider and lag class, each class in file order: a changed node's
 * out-edges — what every instant walks — are then consecutive in every
 * per-edge array, and the state only lagged edges have (delivered supply,
 * lag class) is a small array of its own. A counting sort of keys (class +
 * 1, file position) by (lagged, provider) does it; each provider's few
 * lagged keys are then put in order in place. The pack's edges (64 bytes
 * each) are read in file order only: reading them in the sim's order would
 * miss the cache on every one. */
static void
sim_number_edges (OdanSim      *sim,
                  const double *lags,
                  guint32       n_distinct)
{
  const OdanPack *pack = sim->pack;
  guint32 n = sim->n_nodes, m = sim->n_edges;
  g_autofree guint64 *keys = g_new (guint64, m ? m : 1);
  g_autofree guint32 *fill = g_new (guint32, 2 * n + 1);

  sim->pack_edge = g_new (guint32, m ? m : 1);
  sim->sim_edge = g_new (guint32, m ? m : 1);
  for (guint32 b = 0; b < 2 * n; b++)
    sim->out_start[b + 1] += sim->out_start[b];
  sim->first_lagged = sim->out_start[n];
  memcpy (fill, sim->out_start, sizeof (guint32) * (2 * n + 1));
  for (guint32 i = 0; i < m; i++)
    {
      double lag = pack->edges[i].lag;
      guint64 cls = 0;   /* zero lag */
      if (lag > 0)
        cls = 1 + (guint64) ((double *) bsearch (&lag, lags, n_distinct, sizeof (double), cmp_double) - lags);
      keys[fill[(cls ? n : 0) + pack->edges[i].provider]++] = cls << 32 | i;
    }
  for (guint32 b = n; b < 2 * n; b++)
    for (guint32 a = sim->out_start[b] + 1; a < sim->out_start[b + 1]; a++)
      {
        guint64 v = keys[a];
        guint32 c = a;
        for (; c > sim->out_start[b] && keys[c - 1] > v; c--)
          keys[c] = keys[c - 1];
        keys[c] = v;
      }

  sim->e = g_aligned_alloc0 (m ? m : 1, sizeof (SimEdge), 64);
  sim->u = g_new (double, m - sim->first_lagged + 1);
  sim->out_dep = g_new (guint32, m ? m : 1);
  sim->lag_classes = g_new (guint32, m - sim->first_lagged + 1);
  for (guint32 i = 0; i < m; i++)
    {
      guint32 k = (guint32) keys[i];
      sim->pack_edge[i] = k;
      sim->sim_edge[k] = i;
    }
  for (guint32 i = sim->first_lagged; i < m; i++)
    {
      sim->lag_classes[i - sim->first_lagged] = (guint32) ((keys[i] >> 32) - 1);
      sim->u[i - sim->first_lagged] = 1.0;
    }
}

/* Per edge, in file order: what the sim keeps of it. The buffer's level
 * waits in @level, the coverage in cover and the restart in hmin until the
 * buffers and windows are numbered, in the sim's order
 * (sim_number_windows_and_buffers). */
static void
sim_init_edges (OdanSim *sim,
                double  *level)
{
  const OdanPack *pack = sim->pack;
  guint32 m = sim->n_edges;

  sim->touched_bits = g_new0 (guint64, m / 64 + 1);
  for (guint32 k = 0; k < m; k++)
    {
      const OdanEdge *pe = &pack->edges[k];
      guint32 i = sim->sim_edge[k];
      SimEdge *se = &sim->e[i];
      se->flags = pe->provider | (pe->lag > 0 ? EDGE_LAGGED : 0) | (pe->restart > 0 ? EDGE_RESTART : 0);
      se->aux = ODAN_NONE;
      se->s = pe->strength;
      se->cover = pe->coverage;
      se->hmin = pe->restart;
      level[i] = pe->buffer;
      sim->out_dep[i] = pe->dependent;
    }
}

/* Slots: FIFO heads in their own heap; restart windows, then buffers
 * (which can grow), numbered in the sim's order in one pass. */
static void
sim_number_windows_and_buffers (OdanSim      *sim,
                                const double *level)
{
  guint32 m = sim->n_edges;
  guint32 n_rs = 0, n_buf = 0;

  for (guint32 k = 0; k < sim->n_fifos; k++)
    heap_new_slot (&sim->fifo_heap);
  for (guint32 i = 0; i < m; i++)
    {
      n_rs += (sim->e[i].flags & EDGE_RESTART) != 0;
      n_buf += level[i] > 0;
    }
  sim->rs = g_new (RestartWindow, n_rs ? n_rs : 1);
  if (sim->pack->edge_restart_below != NULL)
    sim->rs_below = g_new (double, n_rs ? n_rs : 1);
  odan_cal_reserve (&sim->timers, n_rs + n_buf);
  for (guint32 k = 0; k < n_rs; k++)
    odan_cal_new_slot (&sim->timers);
  sim->base_buf = n_rs;
  /* sized exactly: doubling would leave up to half of these unused */
  sim->cap_bufs = MAX (n_buf, 1);
  sim->bs = g_new (BufState, sim->cap_bufs);
  sim->buf_edge = g_new (guint32, sim->cap_bufs);
  n_rs = 0;
  for (guint32 i = 0; i < m; i++)
    {
      SimEdge *se = &sim->e[i];
      if (se->flags & EDGE_RESTART)
        {
          RestartWindow *w = &sim->rs[n_rs];
          se->aux = n_rs++;
          w->head_expire = INFINITY;
          w->head_value = w->tail_value = 1.0;
          w->restart = se->hmin;
          w->edge = i;
          w->rest = w->last = ODAN_NONE;
          w->buf = ODAN_NONE;
          if (sim->rs_below != NULL)
            sim->rs_below[se->aux] = sim->pack->edge_restart_below[sim->pack_edge[i]];
        }
      se->hmin = 1.0;
      double cover = se->cover;
      se->cover = 0;
      if (level[i] > 0)
        buf_alloc (sim, i, level[i], cover);
    }
}

OdanSim *
odan_sim_new (const OdanPack *pack)
{
  g_return_val_if_fail (pack->n_nodes <= MAX_NODES, NULL);   /* providers share a word with flags */

  OdanSim *sim = g_new0 (OdanSim, 1);
  guint32 n = pack->n_nodes, m = pack->n_edges;
  g_autofree double *lags = NULL;
  g_autofree double *level = NULL;
  guint32 n_distinct;
  GThread *in_lists;

  sim->pack = pack;
  sim->n_nodes = n;
  sim->n_edges = m;
  sim->dq_free = ODAN_NONE;
  sim->stack_free = ODAN_NONE;
  odan_cal_init (&sim->timers);
  sim->timers.prefetch = prefetch_slot;
  sim->timers.prefetch_data = sim;

  sim_alloc_nodes (sim);
  lags = sim_collect_lags (sim, &n_distinct);
  sim->n_fifos = n_distinct;
  sim->fifos = g_new0 (LagFifo, n_distinct ? n_distinct : 1);
  for (guint32 k = 0; k < n_distinct; k++)
    sim->fifos[k].lag = lags[k];
  sim_number_edges (sim, lags, n_distinct);
  g_clear_pointer (&lags, g_free);

  sim->in_start = g_new0 (guint32, n + 1);
  sim->in_list = g_new (guint32, m ? m : 1);
  sim->edge_group = g_new (guint32, m ? m : 1);
  in_lists = m >= 100000 ? g_thread_new ("odan-sim-in", build_in_lists, sim) : NULL;

  level = g_new (double, m ? m : 1);
  sim_init_edges (sim, level);
  sim_number_windows_and_buffers (sim, level);

  if (in_lists != NULL)
    g_thread_join (in_lists);
  else
    build_in_lists (sim);

  compute_scc (sim);
  res_new (sim);

  sim->fx_heap = g_array_new (FALSE, FALSE, sizeof (EffectEvent));
  sim->activations = g_array_new (FALSE, FALSE, sizeof (Activation));
  sim->now = 0;
  return sim;
}

void
odan_sim_free (OdanSim *sim)
{
  if (sim == NULL)
    return;
  g_free (sim->o);
  g_aligned_free (sim->nd);
  g_free (sim->since);
  g_free (sim->cause);
  g_free (sim->edge_group);
  g_free (sim->fallen);
  g_aligned_free (sim->e);
  g_free (sim->touched_bits);
  g_free (sim->u);
  g_free (sim->in_start);
  g_free (sim->in_list);
  g_free (sim->out_start);
  g_free (sim->pack_edge);
  g_free (sim->sim_edge);
  g_free (sim->out_dep);
  g_free (sim->lag_classes);
  g_free (sim->bs);
  g_free (sim->buf_edge);
  g_free (sim->dq);
  g_free (sim->rs);
  g_free (sim->rs_below);
  for (guint32 k = 0; k < sim->n_fifos; k++)
    g_free (sim->fifos[k].items);
  g_free (sim->fifos);
  heap_clear (&sim->fifo_heap);
  odan_cal_clear (&sim->timers);
  g_array_unref (sim->fx_heap);
  g_array_unref (sim->activations);
  g_free (sim->stack);
  g_free (sim->touched_nodes);
  g_free (sim->seeds);
  g_free (sim->queue);
  g_free (sim->touched_edges);
  g_free (sim->changed);
  g_free (sim->sort_tmp);
  res_free (sim->res);
  if (sim->history)
    g_array_unref (sim->history);
  if (sim->node_history)
    {
      for (guint32 i = 0; i < sim->n_nodes; i++)
        if (sim->node_history[i])
          g_array_unref (sim->node_history[i]);
      g_free (sim->node_history);
    }
  g_free (sim);
}

void
_odan_sim_set_skip_causes (OdanSim *sim, gboolean skip)
{
  sim->skip_causes = skip && !sim->record;
}

void
odan_sim_set_record_history (OdanSim *sim, gboolean record)
{
  sim->record = record;
  if (record && sim->history == NULL)
    {
      sim->history = g_array_new (FALSE, FALSE, sizeof (OdanChange));
      sim->node_history = g_new0 (GArray *, sim->n_nodes);
    }
}

/* ------------------------------------------------------------- resupply */

/* SEMANTICS.md §14. Rows are few (one per refuelled edge), so each instant
 * looks at all of them after it has settled; a pack without rows has no
 * SimResupply and pays nothing. */

/* A level this close above the reorder level is at it: the reorder instant
 * is computed as level / rate and may land a rounding short. */
#define RES_LEVEL_EPS 1e-7

static void
res_new (OdanSim *sim)
{
  const OdanPack *pack = sim->pack;
  if (pack->n_resupplies == 0)
    return;
  SimResupply *res = g_new0 (SimResupply, 1);
  res->rows = g_new (ResRow, pack->n_resupplies);
  res->order = g_new (guint32, pack->n_resupplies);
  res->units = g_new (gint64, MAX (pack->n_pools, 1));
  res->free_units = g_new (gint64, MAX (pack->n_pools, 1));
  res->trips = g_array_new (FALSE, FALSE, sizeof (ResTrip));
  for (guint i = 0; i < pack->n_resupplies; i++)
    res->rows[i] = (ResRow) { INFINITY, INFINITY, 0, pack->resupplies[i].priority };
  for (guint p = 0; p < pack->n_pools; p++)
    res->units[p] = res->free_units[p] = pack->pools[p].capacity;
  /* the first instant decides what is needed at T0 */
  res->next = 0;
  sim->res = res;
}

static void
res_free (SimResupply *res)
{
  if (res == NULL)
    return;
  g_free (res->rows);
  g_free (res->order);
  g_free (res->units);
  g_free (res->free_units);
  g_array_unref (res->trips);
  g_free (res);
}

/* The level of a row's buffer now (0 when empty or never filled). */
static double
res_level (const OdanSim *sim, guint32 e)
{
  if (!(sim->e[e].flags & EDGE_BUFFERED))
    return 0;
  return dmax (buf_level_now (sim, edge_buf (sim, e)), 0);
}

/* §14.3 step 1: short, nothing on the way, at or below the reorder level. */
static gboolean
res_needs (const OdanSim *sim, guint i)
{
  const OdanResupply *r = &sim->pack->resupplies[i];
  guint32 e = sim->sim_edge[r->edge];
  return isinf (sim->res->rows[i].arrive)
         && 1.0 - edge_u (sim, e) > EPS
         && res_level (sim, e) <= r->reorder + RES_LEVEL_EPS;
}

/* The first route node below route_min, or ODAN_NONE. */
static guint32
res_route_blocked (const OdanSim *sim, const OdanResupply *r)
{
  for (guint k = 0; k < r->n_route; k++)
    if (sim->o[r->route[k]] < r->route_min)
      return r->route[k];
  return ODAN_NONE;
}

/* Arrivals in dispatch order, then trucks back: at the start of an instant,
 * with the other timed inputs. */
static void
res_pop (OdanSim *sim, double t)
{
  SimResupply *res = sim->res;
  const OdanPack *pack = sim->pack;
  if (res == NULL || res->next > t)
    return;
  for (;;)
    {
      guint best = G_MAXUINT;
      for (guint i = 0; i < pack->n_resupplies; i++)
        if (res->rows[i].arrive <= t && (best == G_MAXUINT || res->rows[i].seq < res->rows[best].seq))
          best = i;
      if (best == G_MAXUINT)
        break;
      const OdanResupply *r = &pack->resupplies[best];
      res->rows[best].arrive = INFINITY;
      buffer_fill (sim, r->edge, r->load, r->capacity);
    }
  for (guint k = 0; k < res->trips->len;)
    {
      ResTrip *trip = &g_array_index (res->trips, ResTrip, k);
      if (trip->time <= t)
        {
          res->free_units[trip->pool]++;
          g_array_remove_index_fast (res->trips, k);
        }
      else
        k++;
    }
}

static int
res_compare (const void *a, const void *b, void *data)
{
  const ResRow *rows = data;
  guint32 i = *(const guint32 *) a, j = *(const guint32 *) b;
  if (rows[i].priority != rows[j].priority)
    return rows[i].priority > rows[j].priority ? -1 : 1;
  if (rows[i].since != rows[j].since)
    return rows[i].since < rows[j].since ? -1 : 1;
  return i < j ? -1 : i > j;
}

static void
res_serve (OdanSim *sim, guint i, double t)
{
  SimResupply *res = sim->res;
  const OdanResupply *r = &sim->pack->resupplies[i];
  ResTrip trip = { t + r->turnaround, r->trucks };
  res->free_units[r->trucks]--;
  g_array_append_val (res->trips, trip);
  if (r->stock != ODAN_NONE)
    {
      res->free_units[r->stock]--;
      res->units[r->stock]--;
    }
  res->rows[i] = (ResRow) { INFINITY, t + r->travel, res->seq++, res->rows[i].priority };
}

/* When a row not yet in need will be: its level reaches reorder. */
static double
res_wake (const OdanSim *sim, guint i)
{
  const OdanResupply *r = &sim->pack->resupplies[i];
  guint32 e = sim->sim_edge[r->edge];
  if (!isinf (sim->res->rows[i].arrive) || !(sim->e[e].flags & EDGE_BUFFERED))
    return INFINITY;
  const BufState *bs = &sim->bs[edge_buf (sim, e)];
  if (bs->rate <= 0)
    return INFINITY;
  return dmax (sim->now, sim->now + (res_level (sim, e) - r->reorder) / bs->rate);
}

/* §14.3: need, order, dispatch, once the instant @t has settled. */
static void
res_dispatch (OdanSim *sim, double t)
{
  SimResupply *res = sim->res;
  const OdanPack *pack = sim->pack;
  guint n = 0;
  for (guint i = 0; i < pack->n_resupplies; i++)
    if (res_needs (sim, i))
      {
        if (isinf (res->rows[i].since))
          res->rows[i].since = t;
        res->order[n++] = i;
      }
    else
      res->rows[i].since = INFINITY;
  if (n > 1)
    g_qsort_with_data (res->order, (gint) n, sizeof (guint32), res_compare, res->rows);
  for (guint k = 0; k < n; k++)
    {
      const OdanResupply *r = &pack->resupplies[res->order[k]];
      if (res->free_units[r->trucks] >= 1
          && (r->stock == ODAN_NONE || res->free_units[r->stock] >= 1)
          && res_route_blocked (sim, r) == ODAN_NONE)
        res_serve (sim, res->order[k], t);
    }
  res->next = INFINITY;
  for (guint i = 0; i < pack->n_resupplies; i++)
    {
      double wake = isinf (res->rows[i].since) ? res_wake (sim, i) : INFINITY;
      res->next = dmin (res->next, dmin (wake, res->rows[i].arrive));
    }
  for (guint k = 0; k < res->trips->len; k++)
    res->next = dmin (res->next, g_array_index (res->trips, ResTrip, k).time);
}

/* A mitigation with a pool takes its units for good when its effects apply
 * (§14.1). */
static void
res_take (OdanSim *sim, const OdanOrigin *origin)
{
  if (sim->res == NULL || origin->kind != ODAN_ORIGIN_MITIGATION)
    return;
  const OdanMitigation *m = &sim->pack->mitigations[origin->index];
  if (m->pool == ODAN_NONE)
    return;
  sim->res->units[m->pool] -= m->uses;
  sim->res->free_units[m->pool] -= m->uses;
}

gboolean
odan_sim_get_resupply (const OdanSim *sim, guint32 edge, OdanResupplyStatus *status)
{
  g_return_val_if_fail (edge < sim->n_edges, FALSE);
  const OdanPack *pack = sim->pack;
  if (sim->res == NULL || pack->edge_resupply[edge] == ODAN_NONE)
    return FALSE;
  guint i = pack->edge_resupply[edge];
  const OdanResupply *r = &pack->resupplies[i];
  const ResRow *row = &sim->res->rows[i];
  *status = (OdanResupplyStatus) { 0 };
  status->row = i;
  status->level = res_level (sim, sim->sim_edge[edge]);
  status->left = odan_sim_buffer_remaining (sim, edge);
  status->node = ODAN_NONE;
  status->trucks_free = sim->res->free_units[r->trucks];
  status->trucks = sim->res->units[r->trucks];
  status->stock_left = r->stock != ODAN_NONE ? sim->res->free_units[r->stock] : -1;
  status->next = INFINITY;
  if (!isinf (row->arrive))
    {
      status->state = ODAN_RESUPPLY_ON_THE_WAY;
      status->next = row->arrive;
    }
  else if (res_needs (sim, i))
    {
      status->node = res_route_blocked (sim, r);
      status->state = status->node != ODAN_NONE ? ODAN_RESUPPLY_NO_ROUTE
                      : r->stock != ODAN_NONE && status->stock_left < 1 ? ODAN_RESUPPLY_NO_STOCK
                      : ODAN_RESUPPLY_NO_TRUCK;
    }
  else
    {
      double start = res_wake (sim, i);
      status->state = isinf (start) ? ODAN_RESUPPLY_IDLE : ODAN_RESUPPLY_EXPECTED;
      /* no truck free: the first one back */
      double back = status->trucks_free < 1 ? INFINITY : start;
      for (guint k = 0; status->trucks_free < 1 && k < sim->res->trips->len; k++)
        {
          const ResTrip *trip = &g_array_index (sim->res->trips, ResTrip, k);
          if (trip->pool == r->trucks)
            back = dmin (back, trip->time);
        }
      status->next = dmax (start, back) + r->travel;
    }
  return TRUE;
}

/* ------------------------------------------------------------ scheduling */

void
odan_sim_schedule (OdanSim          *sim,
                   double            time,
                   const GArray     *effects,
                   const OdanOrigin *origin)
{
  g_return_if_fail (effects != NULL);

  if (time < sim->now)
    time = sim->now;
  /* a mitigation without effects may still take pool units (§14.1) */
  if (effects->len == 0
      && !(sim->res != NULL && origin->kind == ODAN_ORIGIN_MITIGATION
           && sim->pack->mitigations[origin->index].pool != ODAN_NONE))
    return;

  EffectEvent ev = { 0 };
  ev.time = time;
  ev.phase = PHASE_APPLY;
  ev.cls = (guint8) origin->kind;
  ev.seq = sim->fx_seq++;
  ev.effects = effects;
  ev.origin = *origin;
  fx_push (sim, &ev);
}

void
odan_sim_schedule_injects (OdanSim *sim)
{
  const OdanPack *pack = sim->pack;
  for (guint i = 0; i < pack->n_injects; i++)
    {
      OdanOrigin origin = { ODAN_ORIGIN_INJECT, i, ODAN_NONE };
      if (pack->injects[i].effects)
        odan_sim_schedule (sim, pack->injects[i].time, pack->injects[i].effects, &origin);
    }
}

/* ------------------------------------------------------------ an instant */

static inline void
queue_push (OdanSim *sim, guint32 n)
{
  if (sim->nd[n].stamp_queue == sim->instant)
    return;
  sim->nd[n].stamp_queue = sim->instant;
  guint32 cap = sim->n_nodes;
  sim->queue[(sim->q_head + sim->q_len) % cap] = n;
  sim->q_len++;
}

static inline guint32
queue_pop (OdanSim *sim)
{
  guint32 n = sim->queue[sim->q_head];
  sim->q_head = (sim->q_head + 1) % sim->n_nodes;
  sim->q_len--;
  sim->nd[n].stamp_queue = sim->instant - 1;   /* not queued */
  return n;
}

/* The worklist is a FIFO, so what will be examined next is known: start
 * loading a node some places ahead, and the in-edges of one nearer.
 * (Distances of 4/2 to 16/8 measured the same.) */
#define PF_FAR  6
#define PF_NEAR 3

static inline void
prefetch_queued (const OdanSim *sim)
{
  guint32 n = sim->n_nodes;
  if (sim->q_len > PF_FAR)
    {
      guint32 k = sim->q_head + PF_FAR;
      guint32 z = sim->queue[k >= n ? k - n : k];
      __builtin_prefetch (&sim->nd[z]);
      __builtin_prefetch (&sim->in_list[sim->in_start[z]]);
    }
  if (sim->q_len > PF_NEAR)
    {
      guint32 k = sim->q_head + PF_NEAR;
      guint32 z = sim->queue[k >= n ? k - n : k];
      for (guint32 j = sim->in_start[z]; j < sim->in_start[z + 1]; j++)
        __builtin_prefetch (&sim->e[sim->in_list[j] & EDGE_MASK]);
      /* and the out-edges it walks if it moves */
      __builtin_prefetch (&sim->e[sim->out_start[z]]);
      __builtin_prefetch (&sim->out_dep[sim->out_start[z]]);
    }
}

static void
pop_inputs (OdanSim *sim, double t)
{
  /* deliveries first, then restart windows and run-outs, then effects */
  while (heap_top_time (&sim->fifo_heap) == t)
    {
      guint32 k = sim->fifo_heap.items[0].slot;
      LagFifo *f = &sim->fifos[k];
      while (f->len > 0 && f->items[f->head].time == t)
        {
          const Delivery *d = &f->items[f->head];
          if (f->len > 2)
            {
              /* deliveries leave in order: load the one after next */
              const Delivery *ahead = &f->items[(f->head + 2) & (f->cap - 1)];
              __builtin_prefetch (&sim->e[ahead->begin]);
              __builtin_prefetch (lag_u (sim, ahead->begin));
              __builtin_prefetch (&sim->out_dep[ahead->begin]);
              /* and the dependents of the next one, whose edges have arrived */
              const Delivery *next = &f->items[(f->head + 1) & (f->cap - 1)];
              for (guint32 e = next->begin; e < next->end; e++)
                __builtin_prefetch (&sim->nd[sim->out_dep[e]]);
            }
          for (guint32 e = d->begin; e < d->end; e++)
            {
              double before = edge_cap (sim, e);
              *lag_u (sim, e) = d->value;
              edge_input_changed (sim, e, before);
            }
          f->head = (f->head + 1) & (f->cap - 1);
          f->len--;
        }
      if (f->len == 0)
        {
          f->head = 0;
          heap_set (&sim->fifo_heap, k, INFINITY);
        }
      else
        heap_set (&sim->fifo_heap, k, f->items[f->head].time);
    }

  while (odan_cal_top_time (&sim->timers) == t)
    {
      guint32 slot = odan_cal_top_slot (&sim->timers);

      if (slot < sim->base_buf)
        {
          RestartWindow *w = &sim->rs[slot];
          guint32 e = w->edge;
          while (w->rest != ODAN_NONE && w->head_expire <= t)
            {
              guint32 old = w->rest;
              w->head_expire = sim->dq[old].expire;
              w->head_value = sim->dq[old].value;
              w->rest = sim->dq[old].next;
              if (w->rest == ODAN_NONE)
                w->last = ODAN_NONE;
              sim->dq[old].next = sim->dq_free;
              sim->dq_free = old;
            }
          double before = edge_cap (sim, e);
          sim->e[e].hmin = w->head_value;
          dq_schedule (sim, slot);
          /* The window moved on by itself: the raw cap it follows did not
           * change, so only a holding buffer has anything to settle. */
          if (sim->e[e].flags & EDGE_BUFFERED)
            touch_edge (sim, e);
          edge_cap_changed (sim, e, before);
        }
      else
        {
          guint32 b = slot - sim->base_buf;
          guint32 e = sim->buf_edge[b];
          double before = edge_cap (sim, e);
          set_buffered (sim, e, FALSE);
          sim->bs[b].level = 0;
          sim->bs[b].rate = 0;
          sim->bs[b].tb = t;
          odan_cal_set (&sim->timers, slot, INFINITY);
          edge_input_changed (sim, e, before);
        }
    }

  /* deliveries of fuel with the timed events (SEMANTICS.md §14.3) */
  res_pop (sim, t);

  /* Effects after the timed events: a buffer that runs out at this instant
   * is empty before fuel delivered at the same instant fills it again. */
  while (fx_top_time (sim) == t)
    {
      EffectEvent ev;
      fx_pop (sim, &ev);
      if (ev.phase == PHASE_APPLY)
        {
          res_take (sim, &ev.origin);
          for (guint i = 0; i < ev.effects->len; i++)
            apply_effect (sim, &g_array_index (ev.effects, OdanEffect, i), &ev.origin, i);
        }
      else
        expire_activation (sim, ev.activation);
    }
}

/* Raises the working vector to an upper bound of the greatest fixed point:
 * an upward iteration from the nodes whose inputs rose, along instant edges,
 * each node lifted to its potential and examined again whenever a provider is
 * lifted further. Nodes that cannot rise keep their values. */
static void
raise_upper_bound (OdanSim *sim)
{
  for (guint32 i = 0; i < sim->n_seeds; i++)
    queue_push (sim, sim->seeds[i]);

  while (sim->q_len > 0)
    {
      prefetch_queued (sim);
      guint32 x = queue_pop (sim);
      double threshold = sim->o[x] + EPS, p;
      if (sim->nd[x].rigid)
        p = node_potential (sim, x);
      else
        {
          /* Outside rigid components the potential is the equation itself.
           * Most nodes asked are still held by the group that held them:
           * try it before evaluating them whole. */
          if (sim->nd[x].direct <= threshold)
            continue;
          guint32 h = sim->nd[x].hint;
          if (sim->nd[x].floor <= threshold)
            {
              if (h != ODAN_NONE && h < sim->in_start[x + 1] && !group_exceeds (sim, x, h, threshold))
                continue;
              if (node_held (sim, x, threshold, &h, &p))
                {
                  sim->nd[x].hint = h;
                  continue;
                }
            }
          else
            p = node_value (sim, x);   /* the floor alone lifts it */
        }
      if (p <= threshold)
        continue;
      touch_node (sim, x);
      if (sim->nd[x].raised)
        {
          /* Lifted again: a cycle is lifting itself a step at a time and
           * would close in on its value geometrically, stopping up to 1e-9
           * short. Lift it to its direct level at once (still an upper
           * bound) and let the downward pass find the value: a recovery to
           * full supply then ends at exactly 1. */
          p = sim->nd[x].direct;
          sim->nd[x].marks |= MARK_RELIFT;
        }
      sim->o[x] = p;
      sim->nd[x].raised = TRUE;
      sim->nd[x].hint = ODAN_NONE;
      /* A dependent can rise only if this edge's cap now exceeds it, and
       * not while another of its groups still holds it down: that group's
       * caps did not move, or the dependent was queued when they did. A
       * restart window delays only a rise above its past minimum: up to it,
       * the cap follows the provider at once (an input that fell earlier in
       * this instant, such as a buffer running out while the provider was
       * still down, may have put the cap below it). */
      for (guint32 j = sim->out_start[x]; j < sim->out_start[x + 1]; j++)
        {
          guint32 y = sim->out_dep[j];
          if (edge_cap (sim, j) > sim->o[y] + EPS &&
              (sim->nd[y].hint == ODAN_NONE || sim->nd[y].hint == sim->edge_group[j] || sim->nd[y].rigid))
            queue_push (sim, y);
        }
    }
}

static void
compute_cause (const OdanSim *sim, guint32 d, OdanCause *c)
{
  memset (c, 0, sizeof *c);
  c->edge = ODAN_NONE;
  c->effect = ODAN_NONE;
  double v = sim->o[d];

  if (v >= 1.0 - EPS)
    {
      c->kind = ODAN_CAUSE_NORMAL;
      return;
    }

  if (sim->nd[d].direct <= v + EPS && sim->nd[d].set_head != ODAN_NONE)
    {
      const Activation *a = activation (sim, sim->stack[sim->nd[d].set_head].activation);
      c->kind = ODAN_CAUSE_DIRECT;
      c->origin = a->origin;
      c->effect = a->effect;
      return;
    }

  /* the binding group: the one with the smallest max, its best edge */
  double caps = 2.0;
  guint32 best = ODAN_NONE;
  guint32 i = sim->in_start[d], end = sim->in_start[d + 1];
  while (i < end)
    {
      guint32 ge = sim->in_list[i] & EDGE_MASK;
      double gmax = edge_cap (sim, ge);
      for (i++; i < end && !(sim->in_list[i] & GROUP_START); i++)
        {
          double cap = edge_cap (sim, sim->in_list[i]);
          if (cap > gmax)
            {
              gmax = cap;
              ge = sim->in_list[i];
            }
        }
      if (gmax < caps)
        {
          caps = gmax;
          best = ge;
        }
    }

  if (sim->nd[d].floor > caps && sim->nd[d].floor_head != ODAN_NONE)
    {
      /* held up by the largest floor */
      double fv = -1;
      const Activation *fa = NULL;
      for (guint32 k = sim->nd[d].floor_head; k != ODAN_NONE; k = sim->stack[k].next)
        {
          const Activation *a = activation (sim, sim->stack[k].activation);
          if (a->value > fv)
            {
              fv = a->value;
              fa = a;
            }
        }
      c->kind = ODAN_CAUSE_FLOOR;
      c->origin = fa->origin;
      c->effect = fa->effect;
      return;
    }

  if (best != ODAN_NONE)
    {
      const SimEdge *se = &sim->e[best];
      double r = edge_raw (sim, best);
      c->kind = ODAN_CAUSE_EDGE;
      c->edge = sim->pack_edge[best];
      if (se->flags & EDGE_HAS_BUF)
        c->flags |= (se->flags & EDGE_BUFFERED) ? ODAN_CAUSE_FLAG_ON_BUFFER : ODAN_CAUSE_FLAG_BUFFER_EMPTY;
      if (sim->e[best].hmin < r - EPS)
        c->flags |= ODAN_CAUSE_FLAG_RESTARTING;
      return;
    }

  c->kind = ODAN_CAUSE_NORMAL;
}

static void
record_change (OdanSim *sim, guint32 n, double t, OdanSimChangeFunc func, gpointer data)
{
  OdanChange ch;
  ch.time = t;
  ch.node = n;
  ch.value = sim->o[n];
  if (sim->skip_causes)
    memset (&ch.cause, 0, sizeof ch.cause);   /* not computed: reading it would only cost a miss */
  else
    ch.cause = sim->cause[n];
  sim->n_changes++;
  if (sim->record)
    {
      guint32 idx = sim->history->len;
      g_array_append_val (sim->history, ch);
      if (sim->node_history[n] == NULL)
        sim->node_history[n] = g_array_new (FALSE, FALSE, sizeof (guint32));
      g_array_append_val (sim->node_history[n], idx);
    }
  if (func)
    func (&ch, data);
}


/* The fallen nodes form a min-heap on their value: a node is followed when
 * no other pending node is lower, so (since an edge's cap is never below its
 * provider's value) it is followed once per instant, as in Dijkstra's
 * algorithm, instead of once per path that reaches it. */
static void
fallen_up (OdanSim *sim, guint32 i, guint32 x)
{
  FallenItem it = { sim->o[x], x };

  while (i > 0)
    {
      guint32 p = (i - 1) / 2;
      if (sim->fallen[p].value <= it.value)
        break;
      sim->fallen[i] = sim->fallen[p];
      sim->nd[sim->fallen[i].node].fallen_pos = i;
      i = p;
    }
  sim->fallen[i] = it;
  sim->nd[x].fallen_pos = i;
}

static guint32
fallen_pop (OdanSim *sim)
{
  guint32 top = sim->fallen[0].node;
  FallenItem it = sim->fallen[--sim->n_fallen];
  guint32 n = sim->n_fallen, i = 0;

  if (n == 0)
    return top;
  for (;;)
    {
      guint32 c = 2 * i + 1;
      if (c >= n)
        break;
      if (c + 1 < n && sim->fallen[c + 1].value < sim->fallen[c].value)
        c++;
      if (sim->fallen[c].value >= it.value)
        break;
      sim->fallen[i] = sim->fallen[c];
      sim->nd[sim->fallen[i].node].fallen_pos = i;
      i = c;
    }
  sim->fallen[i] = it;
  sim->nd[it.node].fallen_pos = i;
  return top;
}

/* The nodes the downward pass starts from, after the raise. */
static inline void
seed_downward (OdanSim *sim)
{
  /* A node lifted once outside rigid components already sits at its
   * equation's value; it moves again only if a provider falls below it (one
   * lifted twice sits at its direct level and is evaluated). A node whose
   * inputs only rose, and that could not rise, cannot fall either unless a
   * provider falls now, which the downward pass reaches on its own. */
  for (guint32 i = 0; i < sim->n_touched_nodes; i++)
    {
      guint32 x = sim->touched_nodes[i];
      if (sim->nd[x].raised ? sim->nd[x].rigid || (sim->nd[x].marks & MARK_RELIFT)
                            : (sim->nd[x].marks & MARK_DROP) != 0)
        queue_push (sim, x);
    }

}

/* Iterate downward from the upper bound until nothing falls: the fallen
 * heap (nodes that simply took a cap) first, then the queue of nodes to
 * evaluate. */
static inline void
settle_downward (OdanSim *sim)
{
  for (;;)
    {
      guint32 x;
      if (sim->n_fallen > 0)
        {
          x = fallen_pop (sim);
          sim->nd[x].stamp_fallen = sim->instant - 1;
        }
      else if (sim->q_len > 0)
        {
          prefetch_queued (sim);
          x = queue_pop (sim);
          guint32 low;
          double caps;
          double v = node_value_low (sim, x, &low, &caps);
          if (v >= sim->o[x] - EPS)
            continue;
          touch_node (sim, x);
          sim->o[x] = v;
          sim->nd[x].hint = caps <= v + EPS ? low : ODAN_NONE;
        }
      else
        break;

      /* A dependent falls only if this edge's cap fell below it. One whose
       * groups are single edges and that no floor holds up is the minimum
       * of its caps, so it simply takes this cap; others are evaluated. */
      for (guint32 j = sim->out_start[x]; j < sim->out_start[x + 1]; j++)
        {
          guint32 y = sim->out_dep[j];
          double c = edge_cap (sim, j);
          if (c >= sim->o[y] - EPS)
            continue;
          touch_node (sim, y);
          if (sim->nd[y].simple && sim->nd[y].floor == 0 && sim->nd[y].stamp_queue != sim->instant &&
              !(sim->nd[y].raised && sim->nd[y].rigid))
            {
              sim->o[y] = c;
              sim->nd[y].hint = sim->edge_group[j];
              if (sim->nd[y].stamp_fallen != sim->instant)
                {
                  sim->nd[y].stamp_fallen = sim->instant;
                  fallen_up (sim, sim->n_fallen++, y);
                  /* its out-edges are walked when it leaves the heap */
                  __builtin_prefetch (&sim->e[sim->out_start[y]]);
                  __builtin_prefetch (&sim->out_dep[sim->out_start[y]]);
                }
              else
                fallen_up (sim, sim->nd[y].fallen_pos, y);
            }
          else
            queue_push (sim, y);
        }
    }

}

/* Commit: what moved by more than EPS is a change; the changes sorted. */
static inline void
commit_changes (OdanSim *sim)
{
  /* Commit: what moved by more than EPS is a change. */
  for (guint32 i = 0; i < sim->n_touched_nodes; i++)
    {
      guint32 x = sim->touched_nodes[i];
      if (fabs (sim->o[x] - sim->nd[x].prev) <= EPS)
        {
          if (sim->o[x] != sim->nd[x].prev)
            {
              /* Back by up to EPS: the holding groups of x and of its
               * dependents are no longer known. */
              sim->nd[x].hint = ODAN_NONE;
              if (sim->nd[x].prev > sim->o[x])
                for (guint32 j = sim->out_start[x]; j < sim->out_start[x + 1]; j++)
                  sim->nd[sim->out_dep[j]].hint = ODAN_NONE;
            }
          sim->o[x] = sim->nd[x].prev;
        }
      else
        sim->changed[sim->n_changed++] = x;
    }
  odan_sort_u32 (sim->changed, sim->n_changed, sim->sort_tmp);

}

/* Each change reaches its out-edges: stateful zero-lag ones are touched
 * now, lagged ones get one delivery per lag class. */
static inline void
deliver_changes (OdanSim *sim,
                 double   t)
{
  for (guint32 i = 0; i < sim->n_changed; i++)
    {
      guint32 x = sim->changed[i];
      double v = sim->o[x];

      if (i + 4 < sim->n_changed)
        {
          /* the lag classes of a node's lagged out-edges are in an array of their own */
          guint32 z = sim->changed[i + 4];
          __builtin_prefetch (lag_class (sim, sim->out_start[sim->n_nodes + z]));
        }

      /* zero-lag out-edges see the change now; only buffers and restart
       * windows keep state that must follow it */
      for (guint32 j = sim->out_start[x]; j < sim->out_start[x + 1]; j++)
        if (sim->e[j].flags & EDGE_STATEFUL)
          touch_edge (sim, j);
      /* lagged ones later, one delivery per lag class */
      guint32 j = sim->out_start[sim->n_nodes + x], end = sim->out_start[sim->n_nodes + x + 1];
      while (j < end)
        {
          guint32 k = *lag_class (sim, j);
          guint32 b = j;
          while (j < end && *lag_class (sim, j) == k)
            j++;
          Delivery d = { t + sim->fifos[k].lag, v, x, b, j };
          fifo_push (sim, k, &d);
        }
    }

}

/* Edges: drain rates, run-outs and restart windows from the new state. */
static inline void
settle_touched_edges (OdanSim *sim)
{
  /* in a register for the whole loop: a pack without thresholds pays one test */
  const double *below = sim->rs_below;

  for (guint32 i = 0; i < sim->n_touched_edges; i++)
    {
      guint32 e = sim->touched_edges[i];
      SimEdge *se = &sim->e[e];
      if (i + 8 < sim->n_touched_edges)
        {
          /* a settle is long: the processor does not reach the next ones' misses */
          const SimEdge *ahead = &sim->e[sim->touched_edges[i + 8]];
          if (ahead->flags & EDGE_RESTART)
            __builtin_prefetch (&sim->rs[ahead->aux]);
          else if (ahead->flags & EDGE_BUFFERED)
            __builtin_prefetch (&sim->bs[ahead->aux]);
        }
      sim->touched_bits[e >> 6] &= ~(G_GUINT64_CONSTANT (1) << (e & 63));
      if (se->flags & EDGE_BUFFERED)
        buf_settle (sim, e);
      if (se->flags & EDGE_RESTART)
        {
          double r = raw_cap (se->s, edge_u (sim, e), sim->e[e].cover);
          if (G_UNLIKELY (below != NULL) && below[se->aux] > 0)
            dq_record_below (sim, e, r, below[se->aux]);
          else if (r != sim->rs[se->aux].tail_value)
            dq_record (sim, e, r);
        }
    }

}

static inline void
record_changes (OdanSim           *sim,
                double             t,
                OdanSimChangeFunc  func,
                gpointer           data)
{
  for (guint32 i = 0; i < sim->n_changed; i++)
    {
      guint32 x = sim->changed[i];
      sim->since[x] = t;
      if (!sim->skip_causes)
        compute_cause (sim, x, &sim->cause[x]);
      record_change (sim, x, t, func, data);
    }
}

static void
process_round (OdanSim *sim, double t, OdanSimChangeFunc func, gpointer data)
{
  sim->instant++;
  sim->n_touched_nodes = 0;
  sim->n_seeds = 0;
  sim->n_touched_edges = 0;
  sim->n_changed = 0;

  pop_inputs (sim, t);

  /* Lift what may rise to an upper bound, then iterate downward from it,
   * starting with every node whose inputs changed. */
  raise_upper_bound (sim);
  seed_downward (sim);
  settle_downward (sim);
  commit_changes (sim);
  deliver_changes (sim, t);
  settle_touched_edges (sim);
  record_changes (sim, t, func, data);
  if (sim->res != NULL)
    res_dispatch (sim, t);
}

static double
next_time (OdanSim *sim)
{
  double t = dmin (fx_top_time (sim),
                   dmin (heap_top_time (&sim->fifo_heap), odan_cal_top_time (&sim->timers)));
  return sim->res != NULL ? dmin (t, sim->res->next) : t;
}

void
odan_sim_run_until (OdanSim          *sim,
                    double            until,
                    OdanSimChangeFunc func,
                    gpointer          user_data)
{
  for (;;)
    {
      double t = next_time (sim);
      if (isinf (t) || t > until)
        break;
      if (!sim->started || t > sim->now)
        sim->n_instants++;
      sim->started = TRUE;
      sim->now = t;
      process_round (sim, t, func, user_data);
    }
  if (until > sim->now && !isinf (until))
    sim->now = until;
}

/* ------------------------------------------------------------- queries */

const OdanPack *
odan_sim_get_pack (const OdanSim *sim)
{
  return sim->pack;
}

double
odan_sim_get_time (const OdanSim *sim)
{
  return sim->now;
}

double
odan_sim_get_operability (const OdanSim *sim, guint32 node)
{
  g_return_val_if_fail (node < sim->n_nodes, 1.0);
  return sim->o[node];
}

void
odan_sim_compute_cause (const OdanSim *sim, guint32 node, OdanCause *cause)
{
  g_return_if_fail (node < sim->n_nodes);
  compute_cause (sim, node, cause);
}

const OdanCause *
odan_sim_get_cause (const OdanSim *sim, guint32 node)
{
  g_return_val_if_fail (node < sim->n_nodes, NULL);
  return &sim->cause[node];
}

double
odan_sim_get_since (const OdanSim *sim, guint32 node)
{
  g_return_val_if_fail (node < sim->n_nodes, 0);
  return sim->since[node];
}

guint64
odan_sim_get_n_instants (const OdanSim *sim)
{
  return sim->n_instants;
}

guint64
odan_sim_get_n_changes (const OdanSim *sim)
{
  return sim->n_changes;
}

const OdanChange *
odan_sim_history_at (const OdanSim *sim, guint32 node, double time)
{
  g_return_val_if_fail (sim->record, NULL);
  g_return_val_if_fail (node < sim->n_nodes, NULL);

  GArray *idx = sim->node_history[node];
  if (idx == NULL || idx->len == 0)
    return NULL;

  /* last change at or before @time */
  guint lo = 0, hi = idx->len;
  while (lo < hi)
    {
      guint mid = (lo + hi) / 2;
      const OdanChange *c = &g_array_index (sim->history, OdanChange, g_array_index (idx, guint32, mid));
      if (c->time <= time)
        lo = mid + 1;
      else
        hi = mid;
    }
  if (lo == 0)
    return NULL;
  return &g_array_index (sim->history, OdanChange, g_array_index (idx, guint32, lo - 1));
}

GArray *
odan_sim_dup_history (const OdanSim *sim, guint32 node)
{
  g_return_val_if_fail (sim->record, NULL);
  g_return_val_if_fail (node < sim->n_nodes, NULL);

  GArray *out = g_array_new (FALSE, FALSE, sizeof (OdanChange));
  GArray *idx = sim->node_history[node];
  for (guint i = 0; idx != NULL && i < idx->len; i++)
    g_array_append_val (out, g_array_index (sim->history, OdanChange, g_array_index (idx, guint32, i)));
  return out;
}

double
odan_sim_buffer_remaining (const OdanSim *sim, guint32 edge)
{
  g_return_val_if_fail (edge < sim->n_edges, -1);
  edge = sim->sim_edge[edge];
  if (!(sim->e[edge].flags & EDGE_BUFFERED))
    return -1;
  guint32 b = edge_buf (sim, edge);
  if (sim->bs[b].rate <= 0)
    return -1;
  return buf_level_now (sim, b) / sim->bs[b].rate;
}

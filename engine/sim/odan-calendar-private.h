/* odan-calendar-private.h — timed slots for the engine: a calendar queue
 *
 * The simulator's restart windows and buffer run-outs are "slots", each due
 * at most once at a time (or never: INFINITY). Their times move constantly —
 * a drain rate changes at nearly every instant, mostly pushing a run-out
 * later — and only the earliest matters. A binary or 4-ary heap pays a
 * logarithmic walk through cold memory for each move; here a slot's entry
 * lives in a bucket of one minute (a ring of buckets ahead of now, the rest
 * in an overflow list), and only the current minute's entries form a small
 * heap. Moving a slot later touches nothing but the slot; the old entry is
 * moved when it comes due. Moving it earlier appends a new entry and leaves
 * the old one to be dropped when it surfaces.
 *
 * Entries come out in (time, slot) order, exactly as a heap on (time, slot)
 * would give them, so the engine's order of events does not depend on this
 * structure. Entries are kept in pooled chunks: once the pool has grown to
 * the run's high-water mark, nothing is allocated. Superseded entries far
 * ahead would pile up (a drain rate that rises moves a run-out earlier at
 * every instant), so whenever the ring and overflow have doubled since they
 * were last compacted, they are compacted in place.
 */
#pragma once

#include <math.h>
#include <string.h>
#include <glib.h>

#define ODAN_CAL_NONE     G_MAXUINT32
#define ODAN_CAL_WIDTH    4.0           /* minutes per bucket */
#define ODAN_CAL_RING     4096u         /* buckets ahead of now (power of two): 11 days */
#define ODAN_CAL_CHUNK    15u
#define ODAN_CAL_BLOCK    4096u         /* chunks per block: the pool grows without copying */

typedef struct {
  double  time;
  guint32 slot;
} OdanCalEntry;

typedef struct {
  OdanCalEntry items[ODAN_CAL_CHUNK];
  guint32      n;
  guint32      next;
} OdanCalChunk;

typedef struct {
  double  due;                  /* when the slot is due; INFINITY: not at all */
  double  live;                 /* time of its one valid entry; INFINITY: none */
} OdanCalSlot;

typedef struct {
  guint64       base;           /* the bucket being processed */
  guint64       next_migration; /* base at which overflow entries move into the ring */
  guint32      *ring;           /* per bucket: its chunk list, newest first */
  guint64       n_ring;         /* entries in ring buckets */
  guint64       compact_at;     /* compact when ring and overflow hold this many */
  OdanCalChunk **blocks;
  guint32       n_chunks, n_blocks, free_chunk;
  OdanCalEntry *cur;            /* binary heap: the entries of bucket `base` */
  guint32       cur_len, cur_cap;
  OdanCalEntry *over;           /* entries beyond the ring */
  guint32       over_len, over_cap;
  OdanCalSlot  *slots;
  guint32       n_slots, cap_slots;
  /* Lets the owner start loading what handling an entry will read, long
   * before the entry comes out: called with step 1 for each entry of the
   * next bucket as a bucket becomes current, and with step 2 for each entry
   * of the bucket that does (whose step 1 is then usually in cache). */
  void        (*prefetch) (gpointer data, guint32 slot, guint step);
  gpointer      prefetch_data;
} OdanCalendar;

static inline OdanCalChunk *
odan_cal_chunk (const OdanCalendar *cal, guint32 c)
{
  return &cal->blocks[c / ODAN_CAL_BLOCK][c % ODAN_CAL_BLOCK];
}

static inline gboolean
odan_cal_less (const OdanCalEntry *a, const OdanCalEntry *b)
{
  return a->time < b->time || (a->time == b->time && a->slot < b->slot);
}

static inline guint64
odan_cal_bucket (double time)
{
  double q = time / ODAN_CAL_WIDTH;
  return q < 4e18 ? (guint64) q : (guint64) 4e18;
}

static void
odan_cal_init (OdanCalendar *cal)
{
  memset (cal, 0, sizeof *cal);
  cal->ring = g_new (guint32, ODAN_CAL_RING);
  for (guint32 i = 0; i < ODAN_CAL_RING; i++)
    cal->ring[i] = ODAN_CAL_NONE;
  cal->free_chunk = ODAN_CAL_NONE;
  cal->next_migration = ODAN_CAL_RING / 2;
  cal->compact_at = 65536;
}

static void
odan_cal_clear (OdanCalendar *cal)
{
  g_free (cal->ring);
  for (guint32 i = 0; i < cal->n_blocks; i++)
    g_free (cal->blocks[i]);
  g_free (cal->blocks);
  g_free (cal->cur);
  g_free (cal->over);
  g_free (cal->slots);
}

static guint32
odan_cal_new_slot (OdanCalendar *cal)
{
  if (cal->n_slots == cal->cap_slots)
    {
      cal->cap_slots = cal->cap_slots ? cal->cap_slots * 2 : 64;
      cal->slots = g_renew (OdanCalSlot, cal->slots, cal->cap_slots);
    }
  cal->slots[cal->n_slots].due = INFINITY;
  cal->slots[cal->n_slots].live = INFINITY;
  return cal->n_slots++;
}

/* Room for @n slots without regrowing. */
static void
odan_cal_reserve (OdanCalendar *cal, guint32 n)
{
  if (n > cal->cap_slots)
    {
      cal->cap_slots = n;
      cal->slots = g_renew (OdanCalSlot, cal->slots, n);
    }
}

static void
odan_cal_cur_push (OdanCalendar *cal, OdanCalEntry it)
{
  if (cal->cur_len == cal->cur_cap)
    {
      cal->cur_cap = cal->cur_cap ? cal->cur_cap * 2 : 256;
      cal->cur = g_renew (OdanCalEntry, cal->cur, cal->cur_cap);
    }
  guint32 i = cal->cur_len++;
  while (i > 0)
    {
      guint32 p = (i - 1) / 2;
      if (!odan_cal_less (&it, &cal->cur[p]))
        break;
      cal->cur[i] = cal->cur[p];
      i = p;
    }
  cal->cur[i] = it;
}

static void
odan_cal_cur_pop (OdanCalendar *cal)
{
  OdanCalEntry it = cal->cur[--cal->cur_len];
  guint32 n = cal->cur_len, i = 0;

  if (n == 0)
    return;
  for (;;)
    {
      guint32 c = 2 * i + 1;
      if (c >= n)
        break;
      if (c + 1 < n && odan_cal_less (&cal->cur[c + 1], &cal->cur[c]))
        c++;
      if (!odan_cal_less (&cal->cur[c], &it))
        break;
      cal->cur[i] = cal->cur[c];
      i = c;
    }
  cal->cur[i] = it;
}

static void
odan_cal_ring_push (OdanCalendar *cal, guint64 bucket, OdanCalEntry it)
{
  guint32 *head = &cal->ring[bucket & (ODAN_CAL_RING - 1)];
  if (*head == ODAN_CAL_NONE || odan_cal_chunk (cal, *head)->n == ODAN_CAL_CHUNK)
    {
      guint32 c;
      if (cal->free_chunk != ODAN_CAL_NONE)
        {
          c = cal->free_chunk;
          cal->free_chunk = odan_cal_chunk (cal, c)->next;
        }
      else
        {
          if (cal->n_chunks == cal->n_blocks * ODAN_CAL_BLOCK)
            {
              cal->blocks = g_renew (OdanCalChunk *, cal->blocks, cal->n_blocks + 1);
              cal->blocks[cal->n_blocks++] = g_new (OdanCalChunk, ODAN_CAL_BLOCK);
            }
          c = cal->n_chunks++;
        }
      OdanCalChunk *fresh = odan_cal_chunk (cal, c);
      fresh->n = 0;
      fresh->next = *head;
      *head = c;
    }
  OdanCalChunk *chunk = odan_cal_chunk (cal, *head);
  chunk->items[chunk->n++] = it;
  cal->n_ring++;
}

static void
odan_cal_insert (OdanCalendar *cal, double time, guint32 slot)
{
  OdanCalEntry it = { time, slot };
  guint64 b = odan_cal_bucket (time);

  cal->slots[slot].live = time;
  if (b <= cal->base)
    odan_cal_cur_push (cal, it);
  else if (b - cal->base < ODAN_CAL_RING)
    odan_cal_ring_push (cal, b, it);
  else
    {
      if (cal->over_len == cal->over_cap)
        {
          cal->over_cap = cal->over_cap ? cal->over_cap * 2 : 256;
          cal->over = g_renew (OdanCalEntry, cal->over, cal->over_cap);
        }
      cal->over[cal->over_len++] = it;
    }
}

/* Drops superseded entries from the ring and the overflow, in place. */
static void
odan_cal_compact (OdanCalendar *cal)
{
  for (guint32 r = 0; r < ODAN_CAL_RING; r++)
    {
      guint32 *head = &cal->ring[r];
      if (*head == ODAN_CAL_NONE)
        continue;
      /* rewrite the live entries from the head chunk on; free what is left */
      guint32 wc = *head, wn = 0, rc = *head;
      while (rc != ODAN_CAL_NONE)
        {
          OdanCalChunk *chunk = odan_cal_chunk (cal, rc);
          for (guint32 i = 0; i < chunk->n; i++)
            {
              OdanCalEntry it = chunk->items[i];
              if (cal->slots[it.slot].live != it.time)
                continue;
              if (wn == ODAN_CAL_CHUNK)
                {
                  odan_cal_chunk (cal, wc)->n = wn;
                  wc = odan_cal_chunk (cal, wc)->next;
                  wn = 0;
                }
              odan_cal_chunk (cal, wc)->items[wn++] = it;
            }
          rc = chunk->next;
        }
      guint32 rest = odan_cal_chunk (cal, wc)->next;
      odan_cal_chunk (cal, wc)->n = wn;
      odan_cal_chunk (cal, wc)->next = ODAN_CAL_NONE;
      while (rest != ODAN_CAL_NONE)
        {
          guint32 next = odan_cal_chunk (cal, rest)->next;
          odan_cal_chunk (cal, rest)->next = cal->free_chunk;
          cal->free_chunk = rest;
          rest = next;
        }
      if (wn == 0 && wc == *head)
        {
          odan_cal_chunk (cal, wc)->next = cal->free_chunk;
          cal->free_chunk = wc;
          *head = ODAN_CAL_NONE;
        }
    }
  cal->n_ring = 0;
  for (guint32 r = 0; r < ODAN_CAL_RING; r++)
    for (guint32 c = cal->ring[r]; c != ODAN_CAL_NONE; c = odan_cal_chunk (cal, c)->next)
      cal->n_ring += odan_cal_chunk (cal, c)->n;

  guint32 kept = 0;
  for (guint32 i = 0; i < cal->over_len; i++)
    if (cal->slots[cal->over[i].slot].live == cal->over[i].time)
      cal->over[kept++] = cal->over[i];
  cal->over_len = kept;
}

/* Sets when @slot is due. Only an earlier time adds an entry. */
static inline void
odan_cal_set (OdanCalendar *cal, guint32 slot, double time)
{
  OdanCalSlot *s = &cal->slots[slot];
  s->due = time;
  if (time < s->live)
    {
      odan_cal_insert (cal, time, slot);
      if (cal->n_ring + cal->over_len >= cal->compact_at)
        {
          odan_cal_compact (cal);
          cal->compact_at = MAX (65536, 2 * (cal->n_ring + cal->over_len));
        }
    }
}

/* Moves the overflow entries that now fall inside the ring into it. */
static void
odan_cal_migrate (OdanCalendar *cal)
{
  guint32 kept = 0;
  for (guint32 i = 0; i < cal->over_len; i++)
    {
      OdanCalEntry it = cal->over[i];
      if (cal->slots[it.slot].live != it.time)
        continue;                       /* superseded: drop */
      guint64 b = odan_cal_bucket (it.time);
      if (b <= cal->base)
        odan_cal_cur_push (cal, it);
      else if (b - cal->base < ODAN_CAL_RING)
        odan_cal_ring_push (cal, b, it);
      else
        cal->over[kept++] = it;
    }
  cal->over_len = kept;
  cal->next_migration = cal->base + ODAN_CAL_RING / 2;
}

/* Empties bucket `base` of the ring into the current heap. */
static void
odan_cal_load (OdanCalendar *cal)
{
  if (cal->prefetch)
    {
      guint32 next = cal->ring[(cal->base + 1) & (ODAN_CAL_RING - 1)];
      for (guint32 c = next; c != ODAN_CAL_NONE; c = odan_cal_chunk (cal, c)->next)
        for (guint32 i = 0; i < odan_cal_chunk (cal, c)->n; i++)
          cal->prefetch (cal->prefetch_data, odan_cal_chunk (cal, c)->items[i].slot, 1);
    }
  guint32 *head = &cal->ring[cal->base & (ODAN_CAL_RING - 1)];
  while (*head != ODAN_CAL_NONE)
    {
      guint32 c = *head;
      OdanCalChunk *chunk = odan_cal_chunk (cal, c);
      for (guint32 i = 0; i < chunk->n; i++)
        if (cal->slots[chunk->items[i].slot].live == chunk->items[i].time)
          {
            odan_cal_cur_push (cal, chunk->items[i]);
            if (cal->prefetch)
              cal->prefetch (cal->prefetch_data, chunk->items[i].slot, 2);
          }
      cal->n_ring -= chunk->n;
      *head = chunk->next;
      chunk->next = cal->free_chunk;
      cal->free_chunk = c;
    }
}

/* Steps `base` to the next bucket holding entries; FALSE when none is left. */
static gboolean
odan_cal_advance (OdanCalendar *cal)
{
  if (cal->n_ring == 0)
    {
      if (cal->over_len == 0)
        return FALSE;
      /* jump to the earliest overflow bucket */
      guint64 low = G_MAXUINT64;
      for (guint32 i = 0; i < cal->over_len; i++)
        low = MIN (low, odan_cal_bucket (cal->over[i].time));
      cal->base = MAX (low, cal->base + 1);
      odan_cal_migrate (cal);
      odan_cal_load (cal);
      return TRUE;
    }
  do
    {
      cal->base++;
      if (cal->base >= cal->next_migration)
        odan_cal_migrate (cal);
    }
  while (cal->ring[cal->base & (ODAN_CAL_RING - 1)] == ODAN_CAL_NONE);
  odan_cal_load (cal);
  return TRUE;
}

/* The earliest due time, after settling entries that were moved later or
 * superseded; the slot due then is odan_cal_top_slot(). */
static double
odan_cal_top_time (OdanCalendar *cal)
{
  for (;;)
    {
      if (cal->cur_len == 0)
        {
          if (!odan_cal_advance (cal))
            return INFINITY;
          continue;
        }
      OdanCalEntry top = cal->cur[0];
      OdanCalSlot *s = &cal->slots[top.slot];
      if (s->live != top.time)
        {
          odan_cal_cur_pop (cal);       /* superseded by an earlier entry */
          continue;
        }
      if (s->due == top.time)
        return top.time;
      odan_cal_cur_pop (cal);           /* moved later, or no longer due */
      s->live = INFINITY;
      if (!isinf (s->due))
        odan_cal_insert (cal, s->due, top.slot);
    }
}

static inline guint32
odan_cal_top_slot (const OdanCalendar *cal)
{
  return cal->cur[0].slot;
}

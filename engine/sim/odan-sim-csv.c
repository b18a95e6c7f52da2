/* odan-sim-csv.c — the spec's simulate CSV
 *
 * "minute,node,operability": a row per node at minute 0, then a row each time
 * a node's printed operability changes. Changes arrive in time order; those
 * whose instants print as the same minute are gathered, then written sorted
 * by node id in byte order, each node with its last value and only when that
 * differs from what was last printed for it.
 *
 * Rows go by hand into one big buffer: this is the one output path where
 * millions of rows must go out in well under a second. Only node ids can
 * need quoting; each id is quoted once, up front, by libcsv.
 *
 * Formatting runs on a thread of its own: the simulation only copies each
 * change into a batch, and full batches go to the writer through a queue
 * (a few batches circulate, so nothing is allocated per change).
 */
#define G_LOG_DOMAIN "odan-sim"

#include <string.h>

#include "odan-csv.h"
#include "odan-sim-private.h"
#include "odan-sort-private.h"
#include "odan-time.h"

typedef struct {
  FILE           *out;
  const OdanPack *pack;
  const char    **ids;        /* node → its id as a CSV field (quoted when needed) */
  guint32        *id_lens;
  GPtrArray      *quoted;     /* the ids that needed quoting, owned */
  guint32        *rank;       /* node → position in byte order of ids */
  guint32        *by_rank;    /* position → node */
  guint32        *sort_tmp;
  gint32         *printed;    /* last printed operability key, -1 before minute 0 */
  gint32         *pending;    /* latest key within the current minute */
  guint32        *stamp;      /* == group number while in touched */
  guint32        *touched;
  guint32         n_touched;
  guint32         group;
  gint64          minute;
  char           *buf;
  gsize           len;
} Printer;

#define BUF_SIZE (1 << 20)
#define BATCH_LEN 16384
#define N_BATCHES 4

typedef struct {
  double  time;
  double  value;
  guint32 node;
} Change;

typedef struct {
  Change  items[BATCH_LEN];
  guint   len;
} Batch;

typedef struct {
  Printer      *printer;
  GAsyncQueue  *full;         /* Batch *, to the writer; the printer itself ends it */
  GAsyncQueue  *empty;        /* Batch *, back to the simulation */
  Batch        *current;
} Feed;

static int
cmp_node_id (gconstpointer a, gconstpointer b, gpointer data)
{
  const OdanPack *pack = data;
  return strcmp (pack->nodes[*(const guint32 *) a].id,
                 pack->nodes[*(const guint32 *) b].id);
}

static void
printer_write (Printer *p, const char *s, gsize n)
{
  if (p->len + n > BUF_SIZE)
    {
      fwrite (p->buf, 1, p->len, p->out);
      p->len = 0;
    }
  memcpy (p->buf + p->len, s, n);
  p->len += n;
}

static void
printer_flush_group (Printer *p)
{
  char minute[32], value[16];

  if (p->n_touched == 0)
    return;
  odan_minute_key_format (p->minute, minute);
  gsize mlen = strlen (minute);

  /* sort by id: as ranks, then back to nodes */
  for (guint32 i = 0; i < p->n_touched; i++)
    p->touched[i] = p->rank[p->touched[i]];
  odan_sort_u32 (p->touched, p->n_touched, p->sort_tmp);
  for (guint32 i = 0; i < p->n_touched; i++)
    {
      guint32 n = p->by_rank[p->touched[i]];
      if (p->pending[n] == p->printed[n])
        continue;
      p->printed[n] = p->pending[n];
      odan_operability_key_format (p->pending[n], value);
      printer_write (p, minute, mlen);
      printer_write (p, ",", 1);
      printer_write (p, p->ids[n], p->id_lens[n]);
      printer_write (p, ",", 1);
      printer_write (p, value, 6);   /* always d.dddd */
      printer_write (p, "\n", 1);
    }
  p->n_touched = 0;
  p->group++;
}

static void
printer_take (Printer *p, const Change *ch)
{
  gint64 minute = odan_minute_key (ch->time);

  if (minute != p->minute)
    {
      printer_flush_group (p);
      p->minute = minute;
    }
  p->pending[ch->node] = odan_operability_key (ch->value);
  if (p->stamp[ch->node] != p->group)
    {
      p->stamp[ch->node] = p->group;
      p->touched[p->n_touched++] = ch->node;
    }
}

/* Everything the printer needs before the first change: ids in byte
 * order, quoted where needed, and minute 0 pending for every node. It runs
 * on the writer thread, while the simulation makes its first changes. */
static void
printer_init (Printer *p)
{
  const OdanPack *pack = p->pack;
  guint32 n = pack->n_nodes;

  p->rank = g_new (guint32, n);
  p->printed = g_new (gint32, n);
  p->pending = g_new (gint32, n);
  p->stamp = g_new (guint32, n);
  p->touched = g_new (guint32, n);
  p->buf = g_malloc (BUF_SIZE);
  p->group = 1;
  p->minute = 0;

  p->by_rank = g_new (guint32, n);
  p->sort_tmp = g_new (guint32, n ? n : 1);
  for (guint32 i = 0; i < n; i++)
    p->by_rank[i] = i;
  g_qsort_with_data (p->by_rank, n, sizeof (guint32), cmp_node_id, (gpointer) pack);
  for (guint32 i = 0; i < n; i++)
    p->rank[p->by_rank[i]] = i;

  /* most ids go out as they are; only those that need quotes get a copy */
  p->ids = g_new (const char *, n);
  p->id_lens = g_new (guint32, n);
  p->quoted = g_ptr_array_new_with_free_func (g_free);
  for (guint32 i = 0; i < n; i++)
    {
      g_autoptr(GString) field = g_string_new (NULL);
      odan_csv_write_field (field, pack->nodes[i].id, TRUE);
      if (g_str_equal (field->str, pack->nodes[i].id))
        p->ids[i] = pack->nodes[i].id;
      else
        {
          p->ids[i] = field->str;
          g_ptr_array_add (p->quoted, g_string_free (g_steal_pointer (&field), FALSE));
        }
      p->id_lens[i] = strlen (p->ids[i]);
    }

  /* Minute 0 prints every node: start with all of them pending at 1. */
  gint32 one = odan_operability_key (1.0);
  for (guint32 i = 0; i < n; i++)
    {
      p->printed[i] = -1;
      p->pending[i] = one;
      p->stamp[i] = p->group;
      p->touched[i] = i;
    }
  p->n_touched = n;

  printer_write (p, "minute,node,operability\n", strlen ("minute,node,operability\n"));
}

static gpointer
writer_thread (gpointer data)
{
  Feed *feed = data;

  printer_init (feed->printer);
  for (;;)
    {
      gpointer item = g_async_queue_pop (feed->full);
      if (item == feed->printer)   /* the end */
        break;
      Batch *batch = item;
      for (guint i = 0; i < batch->len; i++)
        printer_take (feed->printer, &batch->items[i]);
      batch->len = 0;
      g_async_queue_push (feed->empty, batch);
    }
  return NULL;
}

static void
on_change (const OdanChange *ch, gpointer data)
{
  Feed *feed = data;
  Batch *batch = feed->current;

  batch->items[batch->len++] = (Change) { ch->time, ch->value, ch->node };
  if (batch->len == BATCH_LEN)
    {
      g_async_queue_push (feed->full, batch);
      feed->current = g_async_queue_pop (feed->empty);
    }
}

void
odan_sim_write_csv (OdanSim *sim,
                    double   until,
                    FILE    *out)
{
  Printer p = { 0 };

  g_return_if_fail (odan_sim_get_n_instants (sim) == 0);

  p.out = out;
  p.pack = odan_sim_get_pack (sim);

  Feed feed = { &p, g_async_queue_new (), g_async_queue_new (), NULL };
  g_autofree Batch *batches = g_new (Batch, N_BATCHES);
  for (guint i = 0; i < N_BATCHES; i++)
    {
      batches[i].len = 0;
      g_async_queue_push (feed.empty, &batches[i]);
    }
  feed.current = g_async_queue_pop (feed.empty);
  GThread *writer = g_thread_new ("odan-csv-writer", writer_thread, &feed);

  _odan_sim_set_skip_causes (sim, TRUE);
  odan_sim_run_until (sim, until, on_change, &feed);
  _odan_sim_set_skip_causes (sim, FALSE);

  if (feed.current->len > 0)
    g_async_queue_push (feed.full, feed.current);
  g_async_queue_push (feed.full, &p);
  g_thread_join (writer);
  g_async_queue_unref (feed.full);
  g_async_queue_unref (feed.empty);

  printer_flush_group (&p);
  fwrite (p.buf, 1, p.len, out);
  fflush (out);

  g_free (p.ids);
  g_free (p.id_lens);
  g_ptr_array_unref (p.quoted);
  g_free (p.rank);
  g_free (p.by_rank);
  g_free (p.sort_tmp);
  g_free (p.printed);
  g_free (p.pending);
  g_free (p.stamp);
  g_free (p.touched);
  g_free (p.buf);
}

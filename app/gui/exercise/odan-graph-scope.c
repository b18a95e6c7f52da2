/* odan-graph-scope.c — what the Graph page lays out: the sector overview or a neighbourhood
 *
 * Laying a whole model out is what made the page a hairball, and on a
 * model of 2,000 nodes it kept Graphviz in dot_mincross long enough to
 * stall the console. So the page lays out a scope: first the sectors, one
 * box each, with one arrow per pair of sectors standing for all the
 * dependencies between them; then, on a selection, a neighbourhood — the
 * chosen nodes, the path that explains each one's level, and providers
 * and dependents a few hops out, up to a size Graphviz lays out at once.
 *
 * A scope is plain arrays: items (sectors or nodes) and links between
 * items, each link owning a run of the pack edges it stands for.
 */
#define G_LOG_DOMAIN "odan-gui"

#include <string.h>

#include "odan-graph-scope.h"

void
odan_graph_index_init (OdanGraphIndex *index,
                       const OdanPack *pack)
{
  guint32 *fill;

  index->out_start = g_new0 (guint32, pack->n_nodes + 1);
  index->out_edges = g_new (guint32, MAX (pack->n_edges, 1));
  for (guint32 e = 0; e < pack->n_edges; e++)
    index->out_start[pack->edges[e].provider + 1]++;
  for (guint32 i = 0; i < pack->n_nodes; i++)
    index->out_start[i + 1] += index->out_start[i];
  fill = g_memdup2 (index->out_start, sizeof (guint32) * (pack->n_nodes + 1));
  for (guint32 e = 0; e < pack->n_edges; e++)
    index->out_edges[fill[pack->edges[e].provider]++] = e;
  g_free (fill);
}

void
odan_graph_index_clear (OdanGraphIndex *index)
{
  g_clear_pointer (&index->out_start, g_free);
  g_clear_pointer (&index->out_edges, g_free);
}

void
odan_graph_scope_free (OdanGraphScope *scope)
{
  if (scope == NULL)
    return;
  g_free (scope->item_ref);
  g_free (scope->item_of);
  g_free (scope->links);
  g_free (scope->edges);
  g_free (scope);
}

typedef struct {
  guint32 from, to, edge;
} Pair;

static int
compare_pairs (gconstpointer a,
               gconstpointer b)
{
  const Pair *pa = a, *pb = b;

  if (pa->from != pb->from)
    return pa->from < pb->from ? -1 : 1;
  if (pa->to != pb->to)
    return pa->to < pb->to ? -1 : 1;
  return pa->edge < pb->edge ? -1 : pa->edge > pb->edge;
}

/* Links from @pairs (sorted here): one per (from, to), owning its edges. */
static void
build_links (OdanGraphScope *scope,
             GArray         *pairs)
{
  g_array_sort (pairs, compare_pairs);
  scope->edges = g_new (guint32, MAX (pairs->len, 1));
  scope->links = g_new0 (OdanGraphLink, MAX (pairs->len, 1));
  for (guint i = 0; i < pairs->len; i++)
    {
      const Pair *p = &g_array_index (pairs, Pair, i);
      OdanGraphLink *last = scope->n_links > 0 ? &scope->links[scope->n_links - 1] : NULL;

      scope->edges[i] = p->edge;
      if (last != NULL && last->from == p->from && last->to == p->to)
        last->count++;
      else
        scope->links[scope->n_links++] = (OdanGraphLink) { p->from, p->to, i, 1 };
    }
}

OdanGraphScope *
odan_graph_scope_new_overview (const OdanPack *pack)
{
  OdanGraphScope *scope = g_new0 (OdanGraphScope, 1);
  g_autoptr(GArray) pairs = g_array_new (FALSE, FALSE, sizeof (Pair));

  scope->overview = TRUE;
  scope->item_of = g_new (guint32, MAX (pack->n_sectors, 1));
  scope->item_ref = g_new (guint32, MAX (pack->n_sectors, 1));
  for (guint32 s = 0; s < pack->n_sectors; s++)
    scope->item_of[s] = ODAN_NONE;
  for (guint32 i = 0; i < pack->n_nodes; i++)
    scope->item_of[pack->nodes[i].sector] = 0;   /* has nodes; numbered below */
  for (guint32 s = 0; s < pack->n_sectors; s++)
    if (scope->item_of[s] != ODAN_NONE)
      {
        scope->item_of[s] = scope->n_items;
        scope->item_ref[scope->n_items++] = s;
      }

  for (guint32 e = 0; e < pack->n_edges; e++)
    {
      guint32 from = scope->item_of[pack->nodes[pack->edges[e].provider].sector];
      guint32 to = scope->item_of[pack->nodes[pack->edges[e].dependent].sector];
      Pair p = { from, to, e };

      if (from != to)
        g_array_append_val (pairs, p);
    }
  build_links (scope, pairs);
  return scope;
}

void
odan_graph_explain_path (const OdanSim *sim,
                         guint32        node,
                         GArray        *edges)
{
  const OdanPack *pack = odan_sim_get_pack (sim);
  g_autoptr(GHashTable) seen = g_hash_table_new (NULL, NULL);

  while (node < pack->n_nodes && g_hash_table_add (seen, GUINT_TO_POINTER (node)))
    {
      OdanCause cause;

      odan_sim_compute_cause (sim, node, &cause);
      if (cause.kind != ODAN_CAUSE_EDGE || cause.edge >= pack->n_edges)
        return;
      g_array_append_val (edges, cause.edge);
      node = pack->edges[cause.edge].provider;
    }
}

static void
add_item (OdanGraphScope *scope,
          guint32         node)
{
  if (scope->item_of[node] != ODAN_NONE)
    return;
  scope->item_of[node] = scope->n_items;
  scope->item_ref[scope->n_items++] = node;
}

/* One hop out from the items [start, end): providers and dependents not in
 * yet, while fewer than @max_nodes are in. */
static void
add_hop (OdanGraphScope       *scope,
         const OdanPack       *pack,
         const OdanGraphIndex *index,
         guint                 start,
         guint                 end,
         guint                 max_nodes)
{
  for (guint k = start; k < end; k++)
    {
      guint32 n = scope->item_ref[k];

      for (guint32 j = pack->in_start[n]; j < pack->in_start[n + 1]; j++)
        {
          guint32 p = pack->edges[pack->in_edges[j]].provider;

          if (scope->item_of[p] != ODAN_NONE)
            continue;
          if (scope->n_items >= max_nodes)
            scope->n_left_out++;
          else
            add_item (scope, p);
        }
      for (guint32 j = index->out_start[n]; j < index->out_start[n + 1]; j++)
        {
          guint32 d = pack->edges[index->out_edges[j]].dependent;

          if (scope->item_of[d] != ODAN_NONE)
            continue;
          if (scope->n_items >= max_nodes)
            scope->n_left_out++;
          else
            add_item (scope, d);
        }
    }
}

OdanGraphScope *
odan_graph_scope_new_neighbourhood (const OdanPack       *pack,
                                    const OdanGraphIndex *index,
                                    const OdanSim        *sim,
                                    const guint32        *focus,
                                    guint                 n_focus,
                                    guint                 hops,
                                    guint                 max_nodes)
{
  OdanGraphScope *scope = g_new0 (OdanGraphScope, 1);
  g_autoptr(GArray) path = g_array_new (FALSE, FALSE, sizeof (guint32));
  g_autoptr(GArray) pairs = g_array_new (FALSE, FALSE, sizeof (Pair));
  guint start = 0;

  scope->item_of = g_new (guint32, MAX (pack->n_nodes, 1));
  scope->item_ref = g_new (guint32, MAX (pack->n_nodes, 1));
  memset (scope->item_of, 0xff, sizeof (guint32) * MAX (pack->n_nodes, 1));

  /* the focus, then its neighbours hop by hop */
  for (guint i = 0; i < n_focus; i++)
    if (focus[i] < pack->n_nodes)
      add_item (scope, focus[i]);
  for (guint h = 0; h < hops; h++)
    {
      guint end = scope->n_items;

      add_hop (scope, pack, index, start, end, max_nodes);
      start = end;
    }

  /* and every explaining path, whatever the limit and however far */
  for (guint i = 0; i < n_focus; i++)
    if (focus[i] < pack->n_nodes)
      {
        g_array_set_size (path, 0);
        odan_graph_explain_path (sim, focus[i], path);
        for (guint k = 0; k < path->len; k++)
          add_item (scope, pack->edges[g_array_index (path, guint32, k)].provider);
      }

  for (guint k = 0; k < scope->n_items; k++)
    {
      guint32 n = scope->item_ref[k];

      for (guint32 j = pack->in_start[n]; j < pack->in_start[n + 1]; j++)
        {
          guint32 e = pack->in_edges[j];
          guint32 from = scope->item_of[pack->edges[e].provider];
          Pair p = { from, k, e };

          if (from != ODAN_NONE)
            g_array_append_val (pairs, p);
        }
    }
  build_links (scope, pairs);
  return scope;
}

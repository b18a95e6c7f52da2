/* odan-graph-scope.h — what the Graph page lays out: the sector overview or a neighbourhood */
#pragma once

#include "odan-exercise.h"

G_BEGIN_DECLS

/* One arrow of the drawing: from item @from to item @to, standing for
 * the pack edges edges[first .. first + count - 1] of its scope. */
typedef struct {
  guint32 from, to;
  guint32 first;
  guint32 count;
} OdanGraphLink;

typedef struct {
  gboolean       overview;   /* items are sectors; else pack nodes */
  guint          n_items;
  guint32       *item_ref;   /* per item: its sector or node */
  guint32       *item_of;    /* per sector (overview) or node: its item, or ODAN_NONE */
  guint          n_links;
  OdanGraphLink *links;
  guint32       *edges;      /* the pack edges of the links, link by link */
  guint          n_left_out; /* neighbours beyond the size limit, not shown */
} OdanGraphScope;

/* The pack's edges by provider, for walking downstream: the edges out of
 * node p are out_edges[out_start[p] .. out_start[p + 1] - 1]. */
typedef struct {
  guint32 *out_start;   /* n_nodes + 1 */
  guint32 *out_edges;   /* n_edges */
} OdanGraphIndex;

void            odan_graph_index_init  (OdanGraphIndex *index,
                                        const OdanPack *pack);
void            odan_graph_index_clear (OdanGraphIndex *index);

/* Sectors as items (those with nodes), one link per ordered pair of
 * different sectors with edges between them. */
OdanGraphScope *odan_graph_scope_new_overview      (const OdanPack *pack);
/* The @n_focus nodes, the nodes on their explaining paths in @sim (all
 * of them, however far), then their providers and dependents hop by hop
 * up to @hops away while fewer than @max_nodes are in; links for every
 * pack edge between two of them. */
OdanGraphScope *odan_graph_scope_new_neighbourhood (const OdanPack       *pack,
                                                    const OdanGraphIndex *index,
                                                    const OdanSim        *sim,
                                                    const guint32        *focus,
                                                    guint                 n_focus,
                                                    guint                 hops,
                                                    guint                 max_nodes);
void            odan_graph_scope_free              (OdanGraphScope *scope);

/* The path that explains @node's level in @sim: the pack edges that bind
 * it, then its provider, and so on upstream (odan_sim_compute_cause()),
 * appended to @edges (guint32) until a node is set directly, normal, or
 * met before. */
void            odan_graph_explain_path (const OdanSim *sim,
                                         guint32        node,
                                         GArray        *edges);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (OdanGraphScope, odan_graph_scope_free)

G_END_DECLS

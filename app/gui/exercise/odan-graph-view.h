/* odan-graph-view.h — the model's dependency graph, coloured by operability now */
#pragma once

#include <adwaita.h>

#include "odan-exercise.h"

G_BEGIN_DECLS

#define ODAN_TYPE_GRAPH_VIEW (odan_graph_view_get_type ())

G_DECLARE_FINAL_TYPE (OdanGraphView, odan_graph_view, ODAN, GRAPH_VIEW, AdwBin)

/* Shows the model of @exercise (NULL for none), first the sector overview;
 * the view keeps a reference and redraws on the exercise's "event-added". */
void        odan_graph_view_set_exercise (OdanGraphView *self,
                                          OdanExercise  *exercise);
/* Reads the model again (as the clock moves). */
void        odan_graph_view_refresh      (OdanGraphView *self);

/* The sector overview: sectors as boxes, dependencies between them
 * aggregated into one arrow per pair with their number. */
void        odan_graph_view_show_overview (OdanGraphView *self);
gboolean    odan_graph_view_is_overview   (OdanGraphView *self);
/* Lays out the neighbourhood of @sector's nodes; FALSE without such a sector. */
gboolean    odan_graph_view_open_sector   (OdanGraphView *self,
                                           guint32        sector);
/* How far a neighbourhood reaches, in hops from its nodes (1 at first). */
void        odan_graph_view_set_hops      (OdanGraphView *self,
                                           guint          hops);
/* The boxes drawn: sectors in the overview, nodes in a neighbourhood. */
guint       odan_graph_view_get_n_shown   (OdanGraphView *self);
/* Whether the edge @provider → @dependent is drawn as part of the path that
 * explains the selected node's level. */
gboolean    odan_graph_view_is_on_path    (OdanGraphView *self,
                                           guint32        provider,
                                           guint32        dependent);
/* The part of the drawing in view, in pixels at the current zoom. */
void        odan_graph_view_get_visible_area (OdanGraphView   *self,
                                              graphene_rect_t *area);
/* In the overview: @sector's box, and the sector at a point. */
gboolean    odan_graph_view_get_sector_bounds (OdanGraphView   *self,
                                               guint32          sector,
                                               graphene_rect_t *bounds);
guint32     odan_graph_view_sector_at       (OdanGraphView *self,
                                             double         x,
                                             double         y);

/* What the drawing shows, in words: the canvas's accessible description
 * ("Overview of 7 sectors. Electricity: 4 nodes · 4 down. …"). */
const char *odan_graph_view_get_description (OdanGraphView *self);
GtkWidget  *odan_graph_view_get_canvas      (OdanGraphView *self);

/* The drawing's size at the current zoom, in pixels. */
void        odan_graph_view_get_graph_size  (OdanGraphView *self,
                                             int           *width,
                                             int           *height);
/* @node's box in the drawing at the current zoom; FALSE when it is not
 * drawn (the overview, or outside the neighbourhood shown). */
gboolean    odan_graph_view_get_node_bounds (OdanGraphView   *self,
                                             guint32          node,
                                             graphene_rect_t *bounds);
/* The node whose box holds the drawing's point (@x, @y), or ODAN_NONE (and
 * always in the overview). */
guint32     odan_graph_view_node_at         (OdanGraphView *self,
                                             double         x,
                                             double         y);
/* The level class ("level-normal" … "level-down") @node is drawn with. */
const char *odan_graph_view_get_node_level_class (OdanGraphView *self,
                                                  guint32        node);
/* Selects @node (ODAN_NONE for none), as a click on it does, first laying
 * out its neighbourhood when it is not drawn, and scrolls it into view;
 * FALSE when there is no such node. */
gboolean    odan_graph_view_select_node  (OdanGraphView *self,
                                          guint32        node);
/* The selected node, or ODAN_NONE. */
guint32     odan_graph_view_get_selected_node (OdanGraphView *self);
/* Selects the nearest node from the selected one in @direction (an arrow
 * key's: GTK_DIR_LEFT … GTK_DIR_DOWN), or with none selected the one nearest
 * the middle of the view; FALSE when there is none. */
gboolean    odan_graph_view_move_selection (OdanGraphView    *self,
                                            GtkDirectionType  direction);
/* What the side pane says about the selected node's cause, or NULL. */
const char *odan_graph_view_get_cause_text (OdanGraphView *self);
/* Zoom factor of the drawing, 0.1 … 4. */
void        odan_graph_view_set_zoom     (OdanGraphView *self,
                                          double         zoom);
double      odan_graph_view_get_zoom     (OdanGraphView *self);
/* The zoom at which the whole drawing fits the visible area (within the
 * zoom's range); nothing before the view is shown. */
void        odan_graph_view_zoom_to_fit  (OdanGraphView *self);

G_END_DECLS

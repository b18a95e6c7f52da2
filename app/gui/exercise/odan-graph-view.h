/* odan-graph-view.h — the model's dependency graph, coloured by operability now */
#pragma once

#include <adwaita.h>

#include "odan-exercise.h"

G_BEGIN_DECLS

#define ODAN_TYPE_GRAPH_VIEW (odan_graph_view_get_type ())

G_DECLARE_FINAL_TYPE (OdanGraphView, odan_graph_view, ODAN, GRAPH_VIEW, AdwBin)

/* Shows the model of @exercise (NULL for none) and lays it out once; the
 * view keeps a reference and redraws on the exercise's "event-added". */
void        odan_graph_view_set_exercise (OdanGraphView *self,
                                          OdanExercise  *exercise);
/* Reads the model again (as the clock moves). */
void        odan_graph_view_refresh      (OdanGraphView *self);

/* The drawing's size at the current zoom, in pixels. */
void        odan_graph_view_get_graph_size  (OdanGraphView *self,
                                             int           *width,
                                             int           *height);
/* @node's box in the drawing at the current zoom; FALSE without such a node. */
gboolean    odan_graph_view_get_node_bounds (OdanGraphView   *self,
                                             guint32          node,
                                             graphene_rect_t *bounds);
/* The node whose box holds the drawing's point (@x, @y), or ODAN_NONE. */
guint32     odan_graph_view_node_at         (OdanGraphView *self,
                                             double         x,
                                             double         y);
/* The level class ("level-normal" … "level-down") @node is drawn with. */
const char *odan_graph_view_get_node_level_class (OdanGraphView *self,
                                                  guint32        node);
/* Selects @node (ODAN_NONE for none), as a click on it does; FALSE when
 * there is no such node. */
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

/* odan-graph-view.c — the model's dependency graph, coloured by operability now
 *
 * Graphviz (libgvc, "dot", left to right, one cluster per sector) lays the
 * pack's nodes and edges out once per exercise; the positions, box sizes and
 * edge splines are copied into plain arrays in graph points (y down, origin
 * at the drawing's top-left corner) and the Graphviz graph is freed. Each
 * box is sized beforehand from its label as Pango sets it, so Graphviz
 * leaves room for the text drawn here.
 *
 * Drawing is cairo in a GtkDrawingArea inside a GtkScrolledWindow, scaled
 * by the zoom. Boxes are filled by operability band — the sector board's
 * level classes (odan_sector_board_level_class()) and the colours style.css
 * gives them — and edges are drawn strong when they bind their dependent
 * now (odan_sim_compute_cause()), faint otherwise. The side pane names the
 * selected node's cause chain (odan_exercise_explain()).
 */
#define G_LOG_DOMAIN "odan-gui"

#include <glib/gi18n.h>
#include <graphviz/gvc.h>
#include <math.h>
#include <string.h>

#include "odan-graph-view.h"
#include "odan-sector-board.h"

#define GRAPH_MARGIN 16.0   /* points around the layout */
#define LABEL_WIDTH  150    /* widest node label, pixels at zoom 1 */
#define LABEL_LINES  2
#define BOX_PAD_X    8.0
#define BOX_PAD_Y    5.0
#define ZOOM_MIN     0.1     /* low enough to show a 100-node model whole */
#define ZOOM_MAX     4.0

typedef struct {
  double x, y, width, height;   /* box, top-left corner, graph points */
} Box;

typedef struct {
  double *points;               /* x, y pairs: p0, then (c1, c2, p) per cubic piece */
  guint   n_points;
  gboolean has_arrow;
  double  arrow_x, arrow_y;     /* the arrow's tip; it starts at the last point */
} Spline;

typedef struct {
  char   *name;
  Box     box;
} Cluster;

struct _OdanGraphView
{
  AdwBin          parent_instance;

  /* Template widgets */
  GtkScrolledWindow *scrolled;
  GtkDrawingArea *canvas;
  GtkStack       *detail_stack;
  GtkLabel       *detail_title;
  GtkLabel       *detail_meta;
  GtkLabel       *detail_level;
  GtkLabel       *detail_cause;

  /* Owned */
  OdanExercise   *exercise;
  Box            *boxes;        /* per node */
  char          **labels;       /* per node: the localized name */
  Spline         *splines;      /* per edge */
  Cluster        *clusters;
  guint           n_clusters;
  double          width, height; /* the layout, graph points */
  const char    **levels;       /* per node: level class drawn */
  guint32         selected;     /* node or ODAN_NONE */
  double          zoom;
  gboolean        clicking;     /* selecting from a click: no scrolling */
};

G_DEFINE_FINAL_TYPE (OdanGraphView, odan_graph_view, ADW_TYPE_BIN)

/* Layout ----------------------------------------------------------------- */

static PangoLayout *
make_label_layout (OdanGraphView *self,
                   const char    *text)
{
  PangoLayout *layout = gtk_widget_create_pango_layout (GTK_WIDGET (self->canvas), text);
  const PangoFontDescription *base = pango_context_get_font_description (pango_layout_get_context (layout));
  g_autoptr(PangoFontDescription) font = base ? pango_font_description_copy (base) : pango_font_description_new ();

  pango_font_description_set_size (font, 9 * PANGO_SCALE);
  pango_layout_set_font_description (layout, font);
  pango_layout_set_width (layout, LABEL_WIDTH * PANGO_SCALE);
  pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
  pango_layout_set_height (layout, -LABEL_LINES);
  pango_layout_set_ellipsize (layout, PANGO_ELLIPSIZE_END);
  pango_layout_set_alignment (layout, PANGO_ALIGN_CENTER);
  return layout;
}

static PangoLayout *
make_cluster_layout (OdanGraphView *self,
                     const char    *text,
                     double         width)
{
  PangoLayout *layout = gtk_widget_create_pango_layout (GTK_WIDGET (self->canvas), text);
  const PangoFontDescription *base = pango_context_get_font_description (pango_layout_get_context (layout));
  g_autoptr(PangoFontDescription) font = base ? pango_font_description_copy (base) : pango_font_description_new ();

  pango_font_description_set_size (font, 10 * PANGO_SCALE);
  pango_font_description_set_weight (font, PANGO_WEIGHT_BOLD);
  pango_layout_set_font_description (layout, font);
  pango_layout_set_width (layout, (int) (MAX (width, 1) * PANGO_SCALE));
  pango_layout_set_ellipsize (layout, PANGO_ELLIPSIZE_END);
  return layout;
}

static void
set_attr (void       *object,
          const char *name,
          const char *value)
{
  /* agsafeset takes char *, and copies both. */
  agsafeset (object, (char *) name, (char *) value, (char *) "");
}

static void
set_attr_points (void       *object,
                 const char *name,
                 double      value)
{
  char buffer[G_ASCII_DTOSTR_BUF_SIZE];

  set_attr (object, name, g_ascii_dtostr (buffer, sizeof buffer, value));
}

static void
odan_graph_view_free_layout (OdanGraphView *self)
{
  const OdanPack *pack = self->exercise ? odan_exercise_get_pack (self->exercise) : NULL;

  if (self->splines != NULL && pack != NULL)
    for (guint32 i = 0; i < pack->n_edges; i++)
      g_free (self->splines[i].points);
  if (self->labels != NULL && pack != NULL)
    for (guint32 i = 0; i < pack->n_nodes; i++)
      g_free (self->labels[i]);
  for (guint i = 0; i < self->n_clusters; i++)
    g_free (self->clusters[i].name);
  g_clear_pointer (&self->splines, g_free);
  g_clear_pointer (&self->labels, g_free);
  g_clear_pointer (&self->boxes, g_free);
  g_clear_pointer (&self->clusters, g_free);
  g_clear_pointer (&self->levels, g_free);
  self->n_clusters = 0;
  self->width = self->height = 0;
}

/* One Graphviz context for the process, never freed: Graphviz 2.43's Pango
 * plugin remembers the last font by a pointer into the context's font
 * cache, so measuring text in a second context after freeing the first
 * reads freed memory. */
static GVC_t *
get_gvc (void)
{
  static GVC_t *gvc;

  /* Layout runs in the GTK thread only. */
  if (gvc == NULL)
    gvc = gvContext ();
  return gvc;
}

/* Graph points (y up, Graphviz's) to the drawing's (y down, margin added). */
#define TO_X(bb, px) ((px) - (bb).LL.x + GRAPH_MARGIN)
#define TO_Y(bb, py) ((bb).UR.y - (py) + GRAPH_MARGIN)

/* One cluster per sector, named for Graphviz to reserve room for its
 * label; the view draws the label with Pango. */
static void
add_clusters (const OdanPack  *pack,
              Agraph_t        *g,
              Agraph_t       **subgraphs)
{
  for (guint32 s = 0; s < pack->n_sectors; s++)
    {
      const OdanSector *sector = &pack->sectors[s];
      g_autofree char *name = g_strdup_printf ("cluster_%u", s);

      subgraphs[s] = agsubg (g, name, 1);
      set_attr (subgraphs[s], "label", odan_pack_localized (sector->name, sector->name_ja));
      set_attr (subgraphs[s], "labeljust", "l");
      set_attr (subgraphs[s], "fontsize", "12");
      set_attr (subgraphs[s], "margin", "10");
    }
}

/* A fixed-size box per node, as large as its label laid out with Pango,
 * in its sector's cluster; an edge per dependency. */
static void
add_nodes_and_edges (OdanGraphView  *self,
                     const OdanPack *pack,
                     Agraph_t       *g,
                     Agraph_t      **subgraphs,
                     Agnode_t      **nodes,
                     Agedge_t      **edges)
{
  for (guint32 i = 0; i < pack->n_nodes; i++)
    {
      const OdanNode *node = &pack->nodes[i];
      g_autoptr(PangoLayout) layout = NULL;
      g_autofree char *name = g_strdup_printf ("n%u", i);
      Agraph_t *parent = node->sector < pack->n_sectors ? subgraphs[node->sector] : g;
      int w, h;

      self->labels[i] = g_strdup (odan_pack_localized (node->name, node->name_ja));
      layout = make_label_layout (self, self->labels[i]);
      pango_layout_get_pixel_size (layout, &w, &h);

      nodes[i] = agnode (parent, name, 1);
      set_attr (nodes[i], "shape", "box");
      set_attr (nodes[i], "fixedsize", "true");
      set_attr (nodes[i], "label", "");
      set_attr_points (nodes[i], "width", (w + 2 * BOX_PAD_X) / 72.0);
      set_attr_points (nodes[i], "height", (h + 2 * BOX_PAD_Y) / 72.0);
    }

  for (guint32 e = 0; e < pack->n_edges; e++)
    {
      g_autofree char *name = g_strdup_printf ("e%u", e);

      edges[e] = agedge (g, nodes[pack->edges[e].provider], nodes[pack->edges[e].dependent], name, 1);
      set_attr (edges[e], "arrowsize", "0.7");
    }
}

/* The edges' curves from the laid-out graph, in the view's coordinates. */
static void
read_splines (OdanGraphView  *self,
              const OdanPack *pack,
              boxf            bb,
              Agedge_t      **edges)
{
  for (guint32 e = 0; e < pack->n_edges; e++)
    {
      splines *spl = ED_spl (edges[e]);
      Spline *out = &self->splines[e];
      bezier *bz;

      if (spl == NULL || spl->size == 0 || spl->list[0].size == 0)
        continue;
      /* dot draws one bezier per edge (more only for compound edges). */
      bz = &spl->list[0];
      out->n_points = bz->size;
      out->points = g_new (double, 2 * bz->size);
      for (guint k = 0; k < (guint) bz->size; k++)
        {
          out->points[2 * k] = TO_X (bb, bz->list[k].x);
          out->points[2 * k + 1] = TO_Y (bb, bz->list[k].y);
        }
      if (bz->eflag)
        {
          out->has_arrow = TRUE;
          out->arrow_x = TO_X (bb, bz->ep.x);
          out->arrow_y = TO_Y (bb, bz->ep.y);
        }
    }
}

/* The boxes of the nodes and of the non-empty sectors' clusters. */
static void
read_boxes (OdanGraphView  *self,
            const OdanPack *pack,
            boxf            bb,
            Agnode_t      **nodes,
            Agraph_t      **subgraphs)
{
  for (guint32 i = 0; i < pack->n_nodes; i++)
    {
      double w = ND_width (nodes[i]) * 72.0;
      double h = ND_height (nodes[i]) * 72.0;

      self->boxes[i].x = TO_X (bb, ND_coord (nodes[i]).x) - w / 2;
      self->boxes[i].y = TO_Y (bb, ND_coord (nodes[i]).y) - h / 2;
      self->boxes[i].width = w;
      self->boxes[i].height = h;
    }

  self->clusters = g_new0 (Cluster, MAX (pack->n_sectors, 1));
  for (guint32 s = 0; s < pack->n_sectors; s++)
    {
      boxf cb;

      if (agfstnode (subgraphs[s]) == NULL)
        continue;
      cb = GD_bb (subgraphs[s]);
      self->clusters[self->n_clusters].name = g_strdup (agget (subgraphs[s], (char *) "label"));
      self->clusters[self->n_clusters].box.x = TO_X (bb, cb.LL.x);
      self->clusters[self->n_clusters].box.y = TO_Y (bb, cb.UR.y);
      self->clusters[self->n_clusters].box.width = cb.UR.x - cb.LL.x;
      self->clusters[self->n_clusters].box.height = cb.UR.y - cb.LL.y;
      self->n_clusters++;
    }
}

static void
odan_graph_view_layout (OdanGraphView *self)
{
  const OdanPack *pack = odan_exercise_get_pack (self->exercise);
  g_autofree Agnode_t **nodes = g_new0 (Agnode_t *, MAX (pack->n_nodes, 1));
  g_autofree Agedge_t **edges = g_new0 (Agedge_t *, MAX (pack->n_edges, 1));
  g_autofree Agraph_t **subgraphs = g_new0 (Agraph_t *, MAX (pack->n_sectors, 1));
  gint64 started = g_get_monotonic_time ();
  GVC_t *gvc;
  Agraph_t *g;
  boxf bb;

  self->boxes = g_new0 (Box, MAX (pack->n_nodes, 1));
  self->labels = g_new0 (char *, MAX (pack->n_nodes, 1));
  self->splines = g_new0 (Spline, MAX (pack->n_edges, 1));
  self->levels = g_new0 (const char *, MAX (pack->n_nodes, 1));

  gvc = get_gvc ();
  g = agopen ((char *) "odan", Agdirected, NULL);
  set_attr (g, "rankdir", "LR");
  set_attr (g, "nodesep", "0.12");
  set_attr (g, "ranksep", "0.45");
  set_attr (g, "fontsize", "10");
  add_clusters (pack, g, subgraphs);
  add_nodes_and_edges (self, pack, g, subgraphs, nodes, edges);

  if (gvLayout (gvc, g, "dot") != 0)
    {
      g_warning ("Graphviz could not lay out the graph of pack “%s”", pack->id);
      agclose (g);
      return;
    }

  bb = GD_bb (g);
  self->width = bb.UR.x - bb.LL.x + 2 * GRAPH_MARGIN;
  self->height = bb.UR.y - bb.LL.y + 2 * GRAPH_MARGIN;
  read_boxes (self, pack, bb, nodes, subgraphs);
  read_splines (self, pack, bb, edges);

  gvFreeLayout (gvc, g);
  agclose (g);
  g_debug ("Laid out %u nodes and %u edges of pack “%s” in %.0f ms (%.0f × %.0f pt)",
           pack->n_nodes, pack->n_edges, pack->id,
           (g_get_monotonic_time () - started) / 1000.0, self->width, self->height);
}

/* Drawing ------------------------------------------------------------------ */

static void
lookup_color (GtkWidget  *widget,
              const char *name,
              const char *fallback,
              GdkRGBA    *color)
{
  G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  if (!gtk_style_context_lookup_color (gtk_widget_get_style_context (widget), name, color))
    gdk_rgba_parse (color, fallback);
  G_GNUC_END_IGNORE_DEPRECATIONS
}

/* The colours style.css gives the sector board's level classes. */
static void
level_color (GtkWidget  *widget,
             const char *css_class,
             GdkRGBA    *color)
{
  if (g_strcmp0 (css_class, "level-normal") == 0)
    lookup_color (widget, "success_color", "#26a269", color);
  else if (g_strcmp0 (css_class, "level-degraded") == 0)
    lookup_color (widget, "warning_color", "#cd9309", color);
  else if (g_strcmp0 (css_class, "level-impaired") == 0)
    gdk_rgba_parse (color, "#e66100");
  else
    lookup_color (widget, "error_color", "#c01c28", color);
}

static void
rounded_rect (cairo_t   *cr,
              const Box *box,
              double     radius)
{
  double r = MIN (radius, MIN (box->width, box->height) / 2);

  cairo_new_sub_path (cr);
  cairo_arc (cr, box->x + box->width - r, box->y + r, r, -G_PI / 2, 0);
  cairo_arc (cr, box->x + box->width - r, box->y + box->height - r, r, 0, G_PI / 2);
  cairo_arc (cr, box->x + r, box->y + box->height - r, r, G_PI / 2, G_PI);
  cairo_arc (cr, box->x + r, box->y + r, r, G_PI, 3 * G_PI / 2);
  cairo_close_path (cr);
}

static void
draw_arrow (cairo_t *cr,
            double   from_x,
            double   from_y,
            double   tip_x,
            double   tip_y)
{
  double dx = tip_x - from_x;
  double dy = tip_y - from_y;
  double length = hypot (dx, dy);
  double ux, uy;

  if (length < 1e-6)
    return;
  ux = dx / length;
  uy = dy / length;
  cairo_move_to (cr, tip_x, tip_y);
  cairo_line_to (cr, from_x - uy * length * 0.4, from_y + ux * length * 0.4);
  cairo_line_to (cr, from_x + uy * length * 0.4, from_y - ux * length * 0.4);
  cairo_close_path (cr);
  cairo_fill (cr);
}

static void
draw_edges (OdanGraphView  *self,
            cairo_t        *cr,
            const GdkRGBA  *fg,
            gboolean        binding_pass,
            const gboolean *binding)
{
  const OdanPack *pack = odan_exercise_get_pack (self->exercise);
  GtkWidget *widget = GTK_WIDGET (self->canvas);

  for (guint32 e = 0; e < pack->n_edges; e++)
    {
      const Spline *s = &self->splines[e];
      double last_x, last_y;

      if (s->n_points < 1 || binding[e] != binding_pass)
        continue;

      /* A binding edge takes its provider's colour: the shortfall it carries. */
      if (binding_pass)
        {
          GdkRGBA color;

          level_color (widget, self->levels[pack->edges[e].provider], &color);
          cairo_set_source_rgba (cr, color.red, color.green, color.blue, 0.85);
          cairo_set_line_width (cr, 1.8);
        }
      else
        {
          cairo_set_source_rgba (cr, fg->red, fg->green, fg->blue, 0.22);
          cairo_set_line_width (cr, 1.0);
        }
      cairo_move_to (cr, s->points[0], s->points[1]);
      for (guint k = 1; k + 2 < s->n_points; k += 3)
        cairo_curve_to (cr, s->points[2 * k], s->points[2 * k + 1],
                        s->points[2 * k + 2], s->points[2 * k + 3],
                        s->points[2 * k + 4], s->points[2 * k + 5]);
      cairo_stroke (cr);

      last_x = s->points[2 * (s->n_points - 1)];
      last_y = s->points[2 * (s->n_points - 1) + 1];
      if (s->has_arrow)
        draw_arrow (cr, last_x, last_y, s->arrow_x, s->arrow_y);
    }
}

static void
draw_graph (GtkDrawingArea *area,
            cairo_t        *cr,
            int             width,
            int             height,
            gpointer        user_data)
{
  OdanGraphView *self = user_data;
  GtkWidget *widget = GTK_WIDGET (area);
  const OdanPack *pack;
  const OdanSim *sim;
  g_autofree gboolean *binding = NULL;
  GdkRGBA fg, bg, accent;

  if (self->exercise == NULL || self->boxes == NULL)
    return;

  pack = odan_exercise_get_pack (self->exercise);
  sim = odan_exercise_get_sim (self->exercise);
  G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  gtk_style_context_get_color (gtk_widget_get_style_context (widget), &fg);
  G_GNUC_END_IGNORE_DEPRECATIONS
  lookup_color (widget, "view_bg_color", "#ffffff", &bg);
  lookup_color (widget, "accent_color", "#1c71d8", &accent);

  cairo_scale (cr, self->zoom, self->zoom);

  /* Sectors: a tinted panel with the sector's name in its top-left corner. */
  for (guint i = 0; i < self->n_clusters; i++)
    {
      const Cluster *c = &self->clusters[i];
      g_autoptr(PangoLayout) layout = make_cluster_layout (self, c->name, c->box.width - 16);

      rounded_rect (cr, &c->box, 8);
      cairo_set_source_rgba (cr, fg.red, fg.green, fg.blue, 0.04);
      cairo_fill_preserve (cr);
      cairo_set_source_rgba (cr, fg.red, fg.green, fg.blue, 0.18);
      cairo_set_line_width (cr, 1);
      cairo_stroke (cr);

      cairo_set_source_rgba (cr, fg.red, fg.green, fg.blue, 0.75);
      cairo_move_to (cr, c->box.x + 8, c->box.y + 4);
      pango_cairo_show_layout (cr, layout);
    }

  /* Edges: the binding ones on top of the faint ones. */
  binding = g_new0 (gboolean, MAX (pack->n_edges, 1));
  for (guint32 i = 0; i < pack->n_nodes; i++)
    {
      OdanCause cause;

      odan_sim_compute_cause (sim, i, &cause);
      if (cause.kind == ODAN_CAUSE_EDGE && cause.edge < pack->n_edges)
        binding[cause.edge] = TRUE;
    }
  draw_edges (self, cr, &fg, FALSE, binding);
  draw_edges (self, cr, &fg, TRUE, binding);

  /* Nodes: filled by band over the view's background, so the label reads. */
  for (guint32 i = 0; i < pack->n_nodes; i++)
    {
      const Box *box = &self->boxes[i];
      g_autoptr(PangoLayout) layout = make_label_layout (self, self->labels[i]);
      GdkRGBA color;
      int tw, th;

      level_color (widget, self->levels[i], &color);
      rounded_rect (cr, box, 6);
      gdk_cairo_set_source_rgba (cr, &bg);
      cairo_fill_preserve (cr);
      cairo_set_source_rgba (cr, color.red, color.green, color.blue,
                             g_strcmp0 (self->levels[i], "level-normal") == 0 ? 0.22 : 0.45);
      cairo_fill_preserve (cr);
      if (i == self->selected)
        {
          gdk_cairo_set_source_rgba (cr, &accent);
          cairo_set_line_width (cr, 3);
        }
      else
        {
          gdk_cairo_set_source_rgba (cr, &color);
          cairo_set_line_width (cr, 1.5);
        }
      cairo_stroke (cr);

      pango_layout_get_pixel_size (layout, &tw, &th);
      gdk_cairo_set_source_rgba (cr, &fg);
      cairo_move_to (cr, box->x + (box->width - LABEL_WIDTH) / 2, box->y + (box->height - th) / 2);
      pango_cairo_show_layout (cr, layout);
    }
}

/* Detail pane -------------------------------------------------------------- */

static void
odan_graph_view_update_detail (OdanGraphView *self)
{
  const OdanPack *pack;
  const OdanSim *sim;
  const OdanNode *node;
  double value;
  g_autofree char *meta = NULL;
  g_autofree char *percent = NULL;
  g_autofree char *cause = NULL;

  if (self->exercise == NULL || self->selected == ODAN_NONE)
    {
      gtk_stack_set_visible_child_name (self->detail_stack, "none");
      return;
    }

  pack = odan_exercise_get_pack (self->exercise);
  sim = odan_exercise_get_sim (self->exercise);
  node = &pack->nodes[self->selected];
  value = odan_sim_get_operability (sim, self->selected);

  gtk_label_set_label (self->detail_title, self->labels ? self->labels[self->selected]
                                                        : odan_pack_localized (node->name, node->name_ja));
  /* Translators: a node's id and its sector's name */
  meta = g_strdup_printf (_("%s · %s"), node->id,
                          odan_pack_localized (pack->sectors[node->sector].name, pack->sectors[node->sector].name_ja));
  gtk_label_set_label (self->detail_meta, meta);

  /* Translators: a node's operability as a percentage, e.g. "45%" */
  percent = g_strdup_printf (_("%.0f%%"), floor (value * 100.0 + 0.5));
  gtk_label_set_label (self->detail_level, percent);
  for (guint i = 0; i < 4; i++)
    {
      static const char *const classes[] = { "level-normal", "level-degraded", "level-impaired", "level-down" };

      gtk_widget_remove_css_class (GTK_WIDGET (self->detail_level), classes[i]);
    }
  gtk_widget_add_css_class (GTK_WIDGET (self->detail_level), odan_sector_board_level_class (value));

  cause = odan_exercise_explain (self->exercise, self->selected);
  gtk_label_set_label (self->detail_cause, cause != NULL ? g_strchomp (cause) : "");

  gtk_stack_set_visible_child_name (self->detail_stack, "node");
}

/* Public API ---------------------------------------------------------------- */

static void
odan_graph_view_update_size (OdanGraphView *self)
{
  gtk_drawing_area_set_content_width (self->canvas, (int) ceil (self->width * self->zoom));
  gtk_drawing_area_set_content_height (self->canvas, (int) ceil (self->height * self->zoom));
}

void
odan_graph_view_refresh (OdanGraphView *self)
{
  const OdanPack *pack;
  const OdanSim *sim;
  gboolean changed = FALSE;

  g_return_if_fail (ODAN_IS_GRAPH_VIEW (self));

  if (self->exercise == NULL || self->levels == NULL)
    return;

  pack = odan_exercise_get_pack (self->exercise);
  sim = odan_exercise_get_sim (self->exercise);
  for (guint32 i = 0; i < pack->n_nodes; i++)
    {
      const char *level = odan_sector_board_level_class (odan_sim_get_operability (sim, i));

      if (self->levels[i] != level)
        {
          self->levels[i] = level;
          changed = TRUE;
        }
    }

  /* Binding edges can change while every band stays: redraw all the same. */
  gtk_widget_queue_draw (GTK_WIDGET (self->canvas));
  if (changed || self->selected != ODAN_NONE)
    odan_graph_view_update_detail (self);
}

static void
odan_graph_view_clear (OdanGraphView *self)
{
  odan_graph_view_free_layout (self);
  g_clear_object (&self->exercise);
  self->selected = ODAN_NONE;
}

void
odan_graph_view_set_exercise (OdanGraphView *self,
                              OdanExercise  *exercise)
{
  g_return_if_fail (ODAN_IS_GRAPH_VIEW (self));
  g_return_if_fail (exercise == NULL || ODAN_IS_EXERCISE (exercise));

  if (self->exercise == exercise)
    return;

  if (self->exercise != NULL)
    g_signal_handlers_disconnect_by_data (self->exercise, self);
  odan_graph_view_clear (self);

  if (exercise != NULL)
    {
      self->exercise = g_object_ref (exercise);
      odan_graph_view_layout (self);
      g_signal_connect_object (exercise, "event-added",
                               G_CALLBACK (odan_graph_view_refresh), self, G_CONNECT_SWAPPED);
    }

  odan_graph_view_update_size (self);
  odan_graph_view_refresh (self);
  odan_graph_view_update_detail (self);
  gtk_widget_queue_draw (GTK_WIDGET (self->canvas));
}

void
odan_graph_view_get_graph_size (OdanGraphView *self,
                                int           *width,
                                int           *height)
{
  g_return_if_fail (ODAN_IS_GRAPH_VIEW (self));

  if (width != NULL)
    *width = (int) ceil (self->width * self->zoom);
  if (height != NULL)
    *height = (int) ceil (self->height * self->zoom);
}

gboolean
odan_graph_view_get_node_bounds (OdanGraphView   *self,
                                 guint32          node,
                                 graphene_rect_t *bounds)
{
  const Box *box;

  g_return_val_if_fail (ODAN_IS_GRAPH_VIEW (self), FALSE);
  g_return_val_if_fail (bounds != NULL, FALSE);

  if (self->exercise == NULL || self->boxes == NULL || node >= odan_exercise_get_pack (self->exercise)->n_nodes)
    return FALSE;

  box = &self->boxes[node];
  graphene_rect_init (bounds, box->x * self->zoom, box->y * self->zoom,
                      box->width * self->zoom, box->height * self->zoom);
  return TRUE;
}

guint32
odan_graph_view_node_at (OdanGraphView *self,
                         double         x,
                         double         y)
{
  g_return_val_if_fail (ODAN_IS_GRAPH_VIEW (self), ODAN_NONE);

  if (self->exercise == NULL || self->boxes == NULL)
    return ODAN_NONE;

  x /= self->zoom;
  y /= self->zoom;
  for (guint32 i = 0; i < odan_exercise_get_pack (self->exercise)->n_nodes; i++)
    {
      const Box *box = &self->boxes[i];

      if (x >= box->x && x <= box->x + box->width && y >= box->y && y <= box->y + box->height)
        return i;
    }
  return ODAN_NONE;
}

const char *
odan_graph_view_get_node_level_class (OdanGraphView *self,
                                      guint32        node)
{
  g_return_val_if_fail (ODAN_IS_GRAPH_VIEW (self), NULL);
  g_return_val_if_fail (self->exercise != NULL && self->levels != NULL, NULL);
  g_return_val_if_fail (node < odan_exercise_get_pack (self->exercise)->n_nodes, NULL);

  return self->levels[node];
}

/* Brings @node's box into view, centred when the drawing allows. */
static void
odan_graph_view_scroll_to (OdanGraphView *self,
                           guint32        node)
{
  GtkAdjustment *h = gtk_scrolled_window_get_hadjustment (self->scrolled);
  GtkAdjustment *v = gtk_scrolled_window_get_vadjustment (self->scrolled);
  const Box *box;

  if (self->boxes == NULL)
    return;
  box = &self->boxes[node];
  gtk_adjustment_set_value (h, (box->x + box->width / 2) * self->zoom - gtk_adjustment_get_page_size (h) / 2);
  gtk_adjustment_set_value (v, (box->y + box->height / 2) * self->zoom - gtk_adjustment_get_page_size (v) / 2);
}

gboolean
odan_graph_view_select_node (OdanGraphView *self,
                             guint32        node)
{
  g_return_val_if_fail (ODAN_IS_GRAPH_VIEW (self), FALSE);

  if (node != ODAN_NONE
      && (self->exercise == NULL || node >= odan_exercise_get_pack (self->exercise)->n_nodes))
    return FALSE;

  self->selected = node;
  odan_graph_view_update_detail (self);
  /* A click selects what is in view already; a caller may not be. */
  if (node != ODAN_NONE && !self->clicking)
    odan_graph_view_scroll_to (self, node);
  gtk_widget_queue_draw (GTK_WIDGET (self->canvas));
  return TRUE;
}

guint32
odan_graph_view_get_selected_node (OdanGraphView *self)
{
  g_return_val_if_fail (ODAN_IS_GRAPH_VIEW (self), ODAN_NONE);

  return self->selected;
}

gboolean
odan_graph_view_move_selection (OdanGraphView    *self,
                                GtkDirectionType  direction)
{
  guint32 n, best = ODAN_NONE;
  double best_score = G_MAXDOUBLE, cx, cy;

  g_return_val_if_fail (ODAN_IS_GRAPH_VIEW (self), FALSE);

  if (self->boxes == NULL || self->exercise == NULL)
    return FALSE;
  n = odan_exercise_get_pack (self->exercise)->n_nodes;

  if (self->selected == ODAN_NONE)
    {
      /* start from the middle of what is in view */
      GtkAdjustment *h = gtk_scrolled_window_get_hadjustment (self->scrolled);
      GtkAdjustment *v = gtk_scrolled_window_get_vadjustment (self->scrolled);
      cx = (gtk_adjustment_get_value (h) + gtk_adjustment_get_page_size (h) / 2) / self->zoom;
      cy = (gtk_adjustment_get_value (v) + gtk_adjustment_get_page_size (v) / 2) / self->zoom;
    }
  else
    {
      cx = self->boxes[self->selected].x + self->boxes[self->selected].width / 2;
      cy = self->boxes[self->selected].y + self->boxes[self->selected].height / 2;
    }

  for (guint32 i = 0; i < n; i++)
    {
      double dx = self->boxes[i].x + self->boxes[i].width / 2 - cx;
      double dy = self->boxes[i].y + self->boxes[i].height / 2 - cy;
      double along, across, score;

      if (i == self->selected)
        continue;
      if (self->selected == ODAN_NONE)
        score = dx * dx + dy * dy;
      else
        {
          switch (direction)
            {
            case GTK_DIR_LEFT:  along = -dx; across = dy; break;
            case GTK_DIR_RIGHT: along = dx;  across = dy; break;
            case GTK_DIR_UP:    along = -dy; across = dx; break;
            case GTK_DIR_DOWN:  along = dy;  across = dx; break;
            case GTK_DIR_TAB_FORWARD:
            case GTK_DIR_TAB_BACKWARD:
            default:
              return FALSE;
            }
          /* ahead in that direction, within 60° either side of it; what is
           * off to the side counts double, so a row or column is followed */
          if (along < 1 || fabs (across) > 2 * along)
            continue;
          score = along + 2 * fabs (across);
        }
      if (score < best_score)
        {
          best_score = score;
          best = i;
        }
    }
  if (best == ODAN_NONE)
    return FALSE;
  odan_graph_view_select_node (self, best);
  return TRUE;
}

const char *
odan_graph_view_get_cause_text (OdanGraphView *self)
{
  g_return_val_if_fail (ODAN_IS_GRAPH_VIEW (self), NULL);

  if (self->selected == ODAN_NONE)
    return NULL;
  return gtk_label_get_label (self->detail_cause);
}

void
odan_graph_view_set_zoom (OdanGraphView *self,
                          double         zoom)
{
  g_return_if_fail (ODAN_IS_GRAPH_VIEW (self));

  self->zoom = CLAMP (zoom, ZOOM_MIN, ZOOM_MAX);
  odan_graph_view_update_size (self);
  gtk_widget_queue_draw (GTK_WIDGET (self->canvas));
}

void
odan_graph_view_zoom_to_fit (OdanGraphView *self)
{
  g_return_if_fail (ODAN_IS_GRAPH_VIEW (self));

  /* the visible part of the drawing, less a scrollbar's worth of slack */
  int visible_w = gtk_widget_get_width (GTK_WIDGET (self->scrolled)) - 16;
  int visible_h = gtk_widget_get_height (GTK_WIDGET (self->scrolled)) - 16;
  if (visible_w <= 0 || visible_h <= 0 || self->width <= 0 || self->height <= 0)
    return;   /* not shown yet, or nothing to show */
  odan_graph_view_set_zoom (self, MIN (visible_w / self->width, visible_h / self->height));
}

double
odan_graph_view_get_zoom (OdanGraphView *self)
{
  g_return_val_if_fail (ODAN_IS_GRAPH_VIEW (self), 1.0);

  return self->zoom;
}

/* Input ------------------------------------------------------------------ */

static void
on_pressed (GtkGestureClick *gesture,
            int              n_press,
            double           x,
            double           y,
            OdanGraphView   *self)
{
  self->clicking = TRUE;
  odan_graph_view_select_node (self, odan_graph_view_node_at (self, x, y));
  self->clicking = FALSE;
  gtk_widget_grab_focus (GTK_WIDGET (self->canvas));   /* the arrow keys go on from here */
}

/* Arrow keys walk from node to node; Escape lets go of the selection. */
static gboolean
on_key_pressed (GtkEventControllerKey *controller,
                guint                  keyval,
                guint                  keycode,
                GdkModifierType        state,
                OdanGraphView         *self)
{
  if (state & (GDK_CONTROL_MASK | GDK_ALT_MASK))
    return FALSE;   /* Ctrl+Right and friends belong to the window */
  switch (keyval)
    {
    case GDK_KEY_Left:
    case GDK_KEY_KP_Left:
      odan_graph_view_move_selection (self, GTK_DIR_LEFT);
      return TRUE;
    case GDK_KEY_Right:
    case GDK_KEY_KP_Right:
      odan_graph_view_move_selection (self, GTK_DIR_RIGHT);
      return TRUE;
    case GDK_KEY_Up:
    case GDK_KEY_KP_Up:
      odan_graph_view_move_selection (self, GTK_DIR_UP);
      return TRUE;
    case GDK_KEY_Down:
    case GDK_KEY_KP_Down:
      odan_graph_view_move_selection (self, GTK_DIR_DOWN);
      return TRUE;
    case GDK_KEY_Escape:
      if (self->selected == ODAN_NONE)
        return FALSE;
      odan_graph_view_select_node (self, ODAN_NONE);
      return TRUE;
    default:
      return FALSE;
    }
}

static gboolean
on_scroll (GtkEventControllerScroll *controller,
           double                    dx,
           double                    dy,
           OdanGraphView            *self)
{
  GdkModifierType state = gtk_event_controller_get_current_event_state (GTK_EVENT_CONTROLLER (controller));

  if (!(state & GDK_CONTROL_MASK) || dy == 0)
    return FALSE;
  odan_graph_view_set_zoom (self, self->zoom * (dy < 0 ? 1.1 : 1 / 1.1));
  return TRUE;
}

static void
on_zoom_in (OdanGraphView *self)
{
  odan_graph_view_set_zoom (self, self->zoom * 1.25);
}

static void
on_zoom_out (OdanGraphView *self)
{
  odan_graph_view_set_zoom (self, self->zoom / 1.25);
}

static void
on_zoom_fit (OdanGraphView *self)
{
  odan_graph_view_zoom_to_fit (self);
}

/* GObject ------------------------------------------------------------------ */

static void
odan_graph_view_dispose (GObject *object)
{
  OdanGraphView *self = ODAN_GRAPH_VIEW (object);

  if (self->exercise != NULL)
    g_signal_handlers_disconnect_by_data (self->exercise, self);
  odan_graph_view_clear (self);
  gtk_widget_dispose_template (GTK_WIDGET (self), ODAN_TYPE_GRAPH_VIEW);

  G_OBJECT_CLASS (odan_graph_view_parent_class)->dispose (object);
}

static void
odan_graph_view_class_init (OdanGraphViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = odan_graph_view_dispose;

  gtk_widget_class_set_template_from_resource (widget_class, "/jp/odan/Odan/odan-graph-view.ui");
  gtk_widget_class_bind_template_child (widget_class, OdanGraphView, scrolled);
  gtk_widget_class_bind_template_child (widget_class, OdanGraphView, canvas);
  gtk_widget_class_bind_template_child (widget_class, OdanGraphView, detail_stack);
  gtk_widget_class_bind_template_child (widget_class, OdanGraphView, detail_title);
  gtk_widget_class_bind_template_child (widget_class, OdanGraphView, detail_meta);
  gtk_widget_class_bind_template_child (widget_class, OdanGraphView, detail_level);
  gtk_widget_class_bind_template_child (widget_class, OdanGraphView, detail_cause);
  gtk_widget_class_bind_template_callback (widget_class, on_zoom_in);
  gtk_widget_class_bind_template_callback (widget_class, on_zoom_out);
  gtk_widget_class_bind_template_callback (widget_class, on_zoom_fit);
}

static void
odan_graph_view_init (OdanGraphView *self)
{
  GtkGesture *click;
  GtkEventController *scroll, *key;

  self->selected = ODAN_NONE;
  self->zoom = 1.0;

  gtk_widget_init_template (GTK_WIDGET (self));

  gtk_drawing_area_set_draw_func (self->canvas, draw_graph, self, NULL);

  click = gtk_gesture_click_new ();
  g_signal_connect (click, "pressed", G_CALLBACK (on_pressed), self);
  gtk_widget_add_controller (GTK_WIDGET (self->canvas), GTK_EVENT_CONTROLLER (click));

  key = gtk_event_controller_key_new ();
  g_signal_connect (key, "key-pressed", G_CALLBACK (on_key_pressed), self);
  gtk_widget_add_controller (GTK_WIDGET (self->canvas), key);

  /* Ctrl+scroll zooms; captured before the scrolled window scrolls. */
  scroll = gtk_event_controller_scroll_new (GTK_EVENT_CONTROLLER_SCROLL_VERTICAL);
  gtk_event_controller_set_propagation_phase (scroll, GTK_PHASE_CAPTURE);
  g_signal_connect (scroll, "scroll", G_CALLBACK (on_scroll), self);
  gtk_widget_add_controller (GTK_WIDGET (self->scrolled), scroll);

  odan_graph_view_update_detail (self);
}

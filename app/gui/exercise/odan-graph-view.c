/* odan-graph-view.c — the model's dependency graph, coloured by operability now
 *
 * The page opens on the sector overview: one box per sector, filled by its
 * worst node's band and saying how many of its nodes are down, and one
 * arrow per pair of sectors with dependencies between them, labelled with
 * their number and coloured by the worst provider among them. Selecting a
 * sector, or a node from anywhere (the Sectors page, a test), lays out its
 * neighbourhood (odan-graph-scope.c): the node or the sector's nodes, the
 * path that explains each one's level, and providers and dependents up to
 * N hops away (the spin in the corner). Within a neighbourhood a click
 * selects a node and highlights the path that explains its level; a
 * double click or Enter centres the neighbourhood on it; Escape goes back.
 *
 * Graphviz (libgvc, "dot", left to right, one cluster per sector in a
 * neighbourhood) lays out each scope; the positions, box sizes and edge
 * splines are copied into plain arrays per item and per link, in graph
 * points (y down, origin at the drawing's top-left corner), and the
 * Graphviz graph is freed. Each box is sized beforehand from its label as
 * Pango sets it, so Graphviz leaves room for the text drawn here.
 *
 * Drawing is cairo in a GtkDrawingArea inside a GtkScrolledWindow, scaled
 * by the zoom. Boxes are filled by operability band — the sector board's
 * level classes (odan_sector_board_level_class()) and the colours style.css
 * gives them; a legend over the drawing names them. Edges are strong in
 * their provider's colour when they bind their dependent now
 * (odan_sim_compute_cause()), faint otherwise, and the explaining path is
 * drawn thickest, in the accent colour. The canvas says what it shows to
 * assistive technologies in its accessible description.
 */
#define G_LOG_DOMAIN "odan-gui"

#include <glib/gi18n.h>
#include <graphviz/gvc.h>
#include <math.h>
#include <string.h>

#include "odan-graph-scope.h"
#include "odan-format.h"
#include "odan-graph-view.h"
#include "odan-sector-board.h"

#define GRAPH_MARGIN 16.0   /* points left and right of the layout */
#define GRAPH_TOP    56.0   /* above it: the title bar over the drawing */
#define GRAPH_BOTTOM 72.0   /* below it: the legend */
#define LABEL_WIDTH  160    /* widest node label, pixels at zoom 1 */
#define SECTOR_WIDTH 190    /* widest sector label */
#define LABEL_LINES  2
#define BOX_PAD_X    8.0
#define BOX_PAD_Y    6.0
#define ZOOM_MIN     0.1
#define ZOOM_MAX     4.0
#define MAX_NODES    150    /* a neighbourhood Graphviz lays out at once */
#define DEFAULT_HOPS 1

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
  GtkLabel       *scope_label;
  GtkButton      *overview_button;
  GtkSpinButton  *hops_spin;

  /* Owned */
  OdanExercise   *exercise;
  OdanGraphIndex  index;
  OdanGraphScope *scope;
  Box            *boxes;        /* per item */
  char          **labels;       /* per item: the localized name */
  Spline         *splines;      /* per link */
  Cluster        *clusters;
  guint           n_clusters;
  double          width, height; /* the layout, graph points */
  const char    **levels;       /* per item: level class drawn */
  gboolean       *on_path;      /* per link: on the selected node's explaining path */
  guint32         selected;     /* node or ODAN_NONE */
  guint32         selected_sector; /* overview: the sector chosen with the keys, or ODAN_NONE */
  guint32         focus;        /* the node the neighbourhood is around, or ODAN_NONE */
  guint32         focus_sector; /* the sector it is around, or ODAN_NONE */
  double          zoom;
  gboolean        clicking;     /* selecting from a click: no scrolling */
  guint32         pending_scroll; /* the item to centre once the new size is allocated, or ODAN_NONE */
  gboolean        pending_fit;  /* the overview: fit it once the page has a size */
  guint           fit_id;       /* the idle that does, outside the allocation */
  char           *description;  /* the canvas's accessible description */
};

G_DEFINE_FINAL_TYPE (OdanGraphView, odan_graph_view, ADW_TYPE_BIN)

/* Layout ----------------------------------------------------------------- */

static PangoLayout *
make_label_layout (OdanGraphView *self,
                   const char    *text,
                   gboolean       sector)
{
  PangoLayout *layout = gtk_widget_create_pango_layout (GTK_WIDGET (self->canvas), NULL);
  const PangoFontDescription *base = pango_context_get_font_description (pango_layout_get_context (layout));
  g_autoptr(PangoFontDescription) font = base ? pango_font_description_copy (base) : pango_font_description_new ();

  pango_font_description_set_size (font, (sector ? 11 : 10) * PANGO_SCALE);
  if (sector)
    pango_font_description_set_weight (font, PANGO_WEIGHT_BOLD);
  pango_layout_set_font_description (layout, font);
  pango_layout_set_text (layout, text, -1);
  {
    /* Japanese wraps between phrases, never inside 東京 */
    g_autoptr(PangoAttrList) phrases = odan_format_phrase_attributes (text);

    pango_layout_set_attributes (layout, phrases);
  }
  pango_layout_set_width (layout, (sector ? SECTOR_WIDTH : LABEL_WIDTH) * PANGO_SCALE);
  pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
  pango_layout_set_height (layout, -LABEL_LINES);
  pango_layout_set_ellipsize (layout, PANGO_ELLIPSIZE_END);
  pango_layout_set_alignment (layout, PANGO_ALIGN_CENTER);
  return layout;
}

static PangoLayout *
make_small_layout (OdanGraphView *self,
                   const char    *text,
                   gboolean       bold)
{
  PangoLayout *layout = gtk_widget_create_pango_layout (GTK_WIDGET (self->canvas), text);
  const PangoFontDescription *base = pango_context_get_font_description (pango_layout_get_context (layout));
  g_autoptr(PangoFontDescription) font = base ? pango_font_description_copy (base) : pango_font_description_new ();

  pango_font_description_set_size (font, 9 * PANGO_SCALE);
  if (bold)
    pango_font_description_set_weight (font, PANGO_WEIGHT_BOLD);
  pango_layout_set_font_description (layout, font);
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
  guint n_items = self->scope != NULL ? self->scope->n_items : 0;
  guint n_links = self->scope != NULL ? self->scope->n_links : 0;

  if (self->splines != NULL)
    for (guint i = 0; i < n_links; i++)
      g_free (self->splines[i].points);
  if (self->labels != NULL)
    for (guint i = 0; i < n_items; i++)
      g_free (self->labels[i]);
  for (guint i = 0; i < self->n_clusters; i++)
    g_free (self->clusters[i].name);
  g_clear_pointer (&self->splines, g_free);
  g_clear_pointer (&self->labels, g_free);
  g_clear_pointer (&self->boxes, g_free);
  g_clear_pointer (&self->clusters, g_free);
  g_clear_pointer (&self->levels, g_free);
  g_clear_pointer (&self->on_path, g_free);
  g_clear_pointer (&self->scope, odan_graph_scope_free);
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
#define TO_Y(bb, py) ((bb).UR.y - (py) + GRAPH_TOP)

static const char *
sector_name (const OdanPack *pack,
             guint32         sector)
{
  return odan_pack_localized (pack->sectors[sector].name, pack->sectors[sector].name_ja);
}

/* In a neighbourhood, one cluster per sector present, named for Graphviz to
 * reserve room for its label; the view draws the label with Pango. */
static void
add_clusters (OdanGraphView  *self,
              const OdanPack *pack,
              Agraph_t       *g,
              Agraph_t      **subgraphs)
{
  for (guint k = 0; k < self->scope->n_items; k++)
    {
      guint32 s = pack->nodes[self->scope->item_ref[k]].sector;
      g_autofree char *name = NULL;

      if (subgraphs[s] != NULL)
        continue;
      name = g_strdup_printf ("cluster_%u", s);
      subgraphs[s] = agsubg (g, name, 1);
      set_attr (subgraphs[s], "label", sector_name (pack, s));
      set_attr (subgraphs[s], "labeljust", "l");
      set_attr (subgraphs[s], "fontsize", "12");
      set_attr (subgraphs[s], "margin", "10");
    }
}

/* A fixed-size box per item, as large as its label laid out with Pango (a
 * sector's has a second line for its counts); an edge per link. */
static void
add_items_and_links (OdanGraphView  *self,
                     const OdanPack *pack,
                     Agraph_t       *g,
                     Agraph_t      **subgraphs,
                     Agnode_t      **nodes)
{
  gboolean overview = self->scope->overview;

  for (guint k = 0; k < self->scope->n_items; k++)
    {
      guint32 ref = self->scope->item_ref[k];
      g_autoptr(PangoLayout) layout = NULL;
      g_autofree char *name = g_strdup_printf ("n%u", k);
      Agraph_t *parent = g;
      int w, h;

      if (overview)
        self->labels[k] = g_strdup (sector_name (pack, ref));
      else
        {
          self->labels[k] = g_strdup (odan_pack_localized (pack->nodes[ref].name, pack->nodes[ref].name_ja));
          parent = subgraphs[pack->nodes[ref].sector];
        }
      layout = make_label_layout (self, self->labels[k], overview);
      pango_layout_get_pixel_size (layout, &w, &h);
      if (overview)
        h += h / 2 + 14;   /* the counts' line */

      nodes[k] = agnode (parent, name, 1);
      set_attr (nodes[k], "shape", "box");
      set_attr (nodes[k], "fixedsize", "true");
      set_attr (nodes[k], "label", "");
      set_attr_points (nodes[k], "width", ((overview ? SECTOR_WIDTH : w) + 2 * BOX_PAD_X) / 72.0);
      set_attr_points (nodes[k], "height", (h + 2 * BOX_PAD_Y) / 72.0);
    }
}

/* The links' curves from the laid-out graph, in the view's coordinates. */
static void
read_splines (OdanGraphView  *self,
              boxf            bb,
              Agedge_t      **edges)
{
  for (guint l = 0; l < self->scope->n_links; l++)
    {
      splines *spl = edges[l] != NULL ? ED_spl (edges[l]) : NULL;
      Spline *out = &self->splines[l];
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

/* The boxes of the items and of the neighbourhood's clusters. */
static void
read_boxes (OdanGraphView  *self,
            const OdanPack *pack,
            boxf            bb,
            Agnode_t      **nodes,
            Agraph_t      **subgraphs)
{
  for (guint k = 0; k < self->scope->n_items; k++)
    {
      double w = ND_width (nodes[k]) * 72.0;
      double h = ND_height (nodes[k]) * 72.0;

      self->boxes[k].x = TO_X (bb, ND_coord (nodes[k]).x) - w / 2;
      self->boxes[k].y = TO_Y (bb, ND_coord (nodes[k]).y) - h / 2;
      self->boxes[k].width = w;
      self->boxes[k].height = h;
    }

  self->clusters = g_new0 (Cluster, MAX (pack->n_sectors, 1));
  for (guint32 s = 0; s < pack->n_sectors; s++)
    {
      boxf cb;

      if (subgraphs[s] == NULL || agfstnode (subgraphs[s]) == NULL)
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

/* Lays out @scope (taken), replacing the one shown. */
static void
odan_graph_view_layout (OdanGraphView  *self,
                        OdanGraphScope *scope)
{
  const OdanPack *pack = odan_exercise_get_pack (self->exercise);
  g_autofree Agnode_t **nodes = NULL;
  g_autofree Agedge_t **edges = NULL;
  g_autofree Agraph_t **subgraphs = g_new0 (Agraph_t *, MAX (pack->n_sectors, 1));
  gint64 started = g_get_monotonic_time ();
  GVC_t *gvc;
  Agraph_t *g;
  boxf bb;

  odan_graph_view_free_layout (self);
  self->scope = scope;
  nodes = g_new0 (Agnode_t *, MAX (scope->n_items, 1));
  edges = g_new0 (Agedge_t *, MAX (scope->n_links, 1));
  self->boxes = g_new0 (Box, MAX (scope->n_items, 1));
  self->labels = g_new0 (char *, MAX (scope->n_items, 1));
  self->levels = g_new0 (const char *, MAX (scope->n_items, 1));
  self->splines = g_new0 (Spline, MAX (scope->n_links, 1));
  self->on_path = g_new0 (gboolean, MAX (scope->n_links, 1));

  gvc = get_gvc ();
  g = agopen ((char *) "odan", Agdirected, NULL);
  set_attr (g, "rankdir", "LR");
  set_attr (g, "nodesep", scope->overview ? "0.35" : "0.15");
  set_attr (g, "ranksep", scope->overview ? "0.9" : "0.6");
  set_attr (g, "fontsize", "10");
  if (!scope->overview)
    add_clusters (self, pack, g, subgraphs);
  add_items_and_links (self, pack, g, subgraphs, nodes);
  for (guint l = 0; l < scope->n_links; l++)
    {
      g_autofree char *name = g_strdup_printf ("e%u", l);

      edges[l] = agedge (g, nodes[scope->links[l].from], nodes[scope->links[l].to], name, 1);
      set_attr (edges[l], "arrowsize", "0.8");
      if (scope->overview)
        set_attr_points (edges[l], "weight", MAX (1, scope->links[l].count));
    }

  if (gvLayout (gvc, g, "dot") != 0)
    {
      g_warning ("Graphviz could not lay out the graph of pack “%s”", pack->id);
      agclose (g);
      return;
    }

  bb = GD_bb (g);
  self->width = bb.UR.x - bb.LL.x + 2 * GRAPH_MARGIN;
  self->height = bb.UR.y - bb.LL.y + GRAPH_TOP + GRAPH_BOTTOM;
  read_boxes (self, pack, bb, nodes, subgraphs);
  read_splines (self, bb, edges);

  gvFreeLayout (gvc, g);
  agclose (g);
  g_debug ("Laid out %u items and %u links of pack “%s” in %.0f ms (%.0f × %.0f pt)",
           scope->n_items, scope->n_links, pack->id,
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
stroke_spline (cairo_t      *cr,
               const Spline *s)
{
  cairo_move_to (cr, s->points[0], s->points[1]);
  for (guint k = 1; k + 2 < s->n_points; k += 3)
    cairo_curve_to (cr, s->points[2 * k], s->points[2 * k + 1],
                    s->points[2 * k + 2], s->points[2 * k + 3],
                    s->points[2 * k + 4], s->points[2 * k + 5]);
  cairo_stroke (cr);
  if (s->has_arrow)
    draw_arrow (cr, s->points[2 * (s->n_points - 1)], s->points[2 * (s->n_points - 1) + 1],
                s->arrow_x, s->arrow_y);
}

/* The lowest operability among the providers of @link's edges. */
static double
link_worst (OdanGraphView       *self,
            const OdanSim       *sim,
            const OdanGraphLink *link)
{
  const OdanPack *pack = odan_exercise_get_pack (self->exercise);
  double worst = 1;

  for (guint32 i = 0; i < link->count; i++)
    worst = MIN (worst, odan_sim_get_operability (sim, pack->edges[self->scope->edges[link->first + i]].provider));
  return worst;
}

/* How strong a link is drawn: 0 faint, 1 binding or short, 2 the path. */
static int
link_strength (OdanGraphView  *self,
               const OdanSim  *sim,
               guint           l,
               const gboolean *binding)
{
  const OdanGraphLink *link = &self->scope->links[l];

  if (self->on_path[l])
    return 2;
  if (self->scope->overview)
    return link_worst (self, sim, link) < 0.99995;
  return binding[self->scope->edges[link->first]];
}

/* The overview's count of dependencies on a link, at its middle. */
static void
draw_link_count (OdanGraphView *self,
                 cairo_t       *cr,
                 const Spline  *s,
                 guint          count,
                 const GdkRGBA *fg,
                 const GdkRGBA *bg)
{
  g_autofree char *text = g_strdup_printf ("%u", count);
  g_autoptr(PangoLayout) layout = make_small_layout (self, text, TRUE);
  guint mid = (s->n_points / 2) & ~1u;
  double x = s->points[2 * mid], y = s->points[2 * mid + 1];
  int w, h;

  pango_layout_get_pixel_size (layout, &w, &h);
  cairo_rectangle (cr, x - w / 2.0 - 3, y - h / 2.0 - 1, w + 6, h + 2);
  gdk_cairo_set_source_rgba (cr, bg);
  cairo_fill (cr);
  cairo_set_source_rgba (cr, fg->red, fg->green, fg->blue, 0.8);
  cairo_move_to (cr, x - w / 2.0, y - h / 2.0);
  pango_cairo_show_layout (cr, layout);
}

static void
draw_links (OdanGraphView  *self,
            cairo_t        *cr,
            const OdanSim  *sim,
            const gboolean *binding,
            const GdkRGBA  *fg,
            const GdkRGBA  *bg,
            const GdkRGBA  *accent)
{
  const OdanPack *pack = odan_exercise_get_pack (self->exercise);
  GtkWidget *widget = GTK_WIDGET (self->canvas);

  /* faint ones first, the path on top */
  for (int pass = 0; pass <= 2; pass++)
    for (guint l = 0; l < self->scope->n_links; l++)
      {
        const OdanGraphLink *link = &self->scope->links[l];
        const Spline *s = &self->splines[l];
        double extra = self->scope->overview ? log2 (link->count) : 0;
        GdkRGBA color;

        if (s->n_points < 1 || link_strength (self, sim, l, binding) != pass)
          continue;
        if (pass == 2)
          {
            gdk_cairo_set_source_rgba (cr, accent);
            cairo_set_line_width (cr, 4 + extra);
          }
        else if (pass == 1)
          {
            double worst = self->scope->overview ? link_worst (self, sim, link)
                                                 : odan_sim_get_operability (sim, pack->edges[self->scope->edges[link->first]].provider);

            level_color (widget, odan_sector_board_level_class (worst), &color);
            cairo_set_source_rgba (cr, color.red, color.green, color.blue, 0.85);
            cairo_set_line_width (cr, 2 + extra);
          }
        else
          {
            cairo_set_source_rgba (cr, fg->red, fg->green, fg->blue, self->scope->overview ? 0.35 : 0.25);
            cairo_set_line_width (cr, 1.2 + extra);
          }
        stroke_spline (cr, s);
        if (self->scope->overview)
          draw_link_count (self, cr, s, link->count, fg, bg);
      }
}

/* A sector's second line: its nodes and how many are down or below normal. */
static char *
sector_counts (OdanGraphView *self,
               const OdanSim *sim,
               guint32        sector)
{
  const OdanPack *pack = odan_exercise_get_pack (self->exercise);
  guint n = 0, down = 0, below = 0;

  for (guint32 i = 0; i < pack->n_nodes; i++)
    if (pack->nodes[i].sector == sector)
      {
        double v = odan_sim_get_operability (sim, i);

        n++;
        down += v <= 0.00005;
        below += v < 0.99995;
      }
  if (down > 0)
    /* Translators: a sector on the graph's overview: its nodes, how many are down */
    return g_strdup_printf (ngettext ("%u node · %u down", "%u nodes · %u down", n), n, down);
  if (below > 0)
    /* Translators: a sector on the graph's overview: its nodes, how many are below normal */
    return g_strdup_printf (ngettext ("%u node · %u below normal", "%u nodes · %u below normal", n), n, below);
  /* Translators: a sector on the graph's overview: its nodes, all normal */
  return g_strdup_printf (ngettext ("%u node", "%u nodes", n), n);
}

static void
draw_items (OdanGraphView *self,
            cairo_t       *cr,
            const OdanSim *sim,
            const GdkRGBA *fg,
            const GdkRGBA *bg,
            const GdkRGBA *accent)
{
  GtkWidget *widget = GTK_WIDGET (self->canvas);
  gboolean overview = self->scope->overview;

  for (guint k = 0; k < self->scope->n_items; k++)
    {
      const Box *box = &self->boxes[k];
      guint32 ref = self->scope->item_ref[k];
      g_autoptr(PangoLayout) layout = make_label_layout (self, self->labels[k], overview);
      gboolean chosen = overview ? ref == self->selected_sector : ref == self->selected;
      GdkRGBA color;
      int tw, th;

      level_color (widget, self->levels[k], &color);
      rounded_rect (cr, box, 6);
      gdk_cairo_set_source_rgba (cr, bg);
      cairo_fill_preserve (cr);
      cairo_set_source_rgba (cr, color.red, color.green, color.blue,
                             g_strcmp0 (self->levels[k], "level-normal") == 0 ? 0.22 : 0.5);
      cairo_fill_preserve (cr);
      if (chosen || (!overview && ref == self->focus))
        {
          gdk_cairo_set_source_rgba (cr, accent);
          cairo_set_line_width (cr, chosen ? 4 : 2.5);
        }
      else
        {
          gdk_cairo_set_source_rgba (cr, &color);
          cairo_set_line_width (cr, 1.5);
        }
      cairo_stroke (cr);

      pango_layout_get_pixel_size (layout, &tw, &th);
      gdk_cairo_set_source_rgba (cr, fg);
      if (overview)
        {
          g_autofree char *counts = sector_counts (self, sim, ref);
          g_autoptr(PangoLayout) second = make_small_layout (self, counts, FALSE);
          int cw, ch;

          cairo_move_to (cr, box->x + (box->width - SECTOR_WIDTH) / 2, box->y + BOX_PAD_Y);
          pango_cairo_show_layout (cr, layout);
          pango_layout_get_pixel_size (second, &cw, &ch);
          cairo_move_to (cr, box->x + (box->width - cw) / 2, box->y + box->height - BOX_PAD_Y - ch);
          pango_cairo_show_layout (cr, second);
        }
      else
        {
          cairo_move_to (cr, box->x + (box->width - LABEL_WIDTH) / 2, box->y + (box->height - th) / 2);
          pango_cairo_show_layout (cr, layout);
        }
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

  /* Sectors of a neighbourhood: a tinted panel with the name at its top left. */
  for (guint i = 0; i < self->n_clusters; i++)
    {
      const Cluster *c = &self->clusters[i];
      g_autoptr(PangoLayout) layout = make_small_layout (self, c->name, TRUE);

      pango_layout_set_width (layout, (int) (MAX (c->box.width - 16, 1) * PANGO_SCALE));
      pango_layout_set_ellipsize (layout, PANGO_ELLIPSIZE_END);
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

  /* The edges that bind their dependent now. */
  binding = g_new0 (gboolean, MAX (pack->n_edges, 1));
  if (!self->scope->overview)
    for (guint k = 0; k < self->scope->n_items; k++)
      {
        OdanCause cause;

        odan_sim_compute_cause (sim, self->scope->item_ref[k], &cause);
        if (cause.kind == ODAN_CAUSE_EDGE && cause.edge < pack->n_edges)
          binding[cause.edge] = TRUE;
      }
  draw_links (self, cr, sim, binding, &fg, &bg, &accent);
  draw_items (self, cr, sim, &fg, &bg, &accent);
}

/* Detail pane and description ---------------------------------------------- */

static void
odan_graph_view_update_detail (OdanGraphView *self)
{
  const OdanPack *pack;
  const OdanSim *sim;
  const OdanNode *node;
  double value;
  g_autofree char *meta = NULL;
  g_autofree char *percent = NULL;
  g_autofree char *raw = NULL;
  g_autofree char *cause = NULL;

  /* no empty pane taking half the page: it shows with a selection */
  gtk_widget_set_visible (GTK_WIDGET (self->detail_stack), self->exercise != NULL && self->selected != ODAN_NONE);
  if (self->exercise == NULL || self->selected == ODAN_NONE)
    {
      gtk_stack_set_visible_child_name (self->detail_stack, "none");
      return;
    }

  pack = odan_exercise_get_pack (self->exercise);
  sim = odan_exercise_get_sim (self->exercise);
  node = &pack->nodes[self->selected];
  value = odan_sim_get_operability (sim, self->selected);

  gtk_label_set_label (self->detail_title, odan_pack_localized (node->name, node->name_ja));
  /* Translators: a node's id and its sector's name */
  meta = g_strdup_printf (_("%s · %s"), node->id, sector_name (pack, node->sector));
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

  raw = odan_exercise_explain (self->exercise, self->selected);
  cause = odan_format_explanation (odan_exercise_get_pack (self->exercise), raw);
  gtk_label_set_label (self->detail_cause, cause != NULL ? g_strchomp (cause) : "");
  odan_format_label_phrases (self->detail_cause);

  gtk_stack_set_visible_child_name (self->detail_stack, "node");
}

static char *
node_level_text (const OdanPack *pack,
                 const OdanSim  *sim,
                 guint32         node)
{
  /* Translators: a node and its operability, e.g. "Water supply (Tokyo): 12%" */
  return g_strdup_printf (_("%s: %.0f%%"), odan_pack_localized (pack->nodes[node].name, pack->nodes[node].name_ja),
                          floor (odan_sim_get_operability (sim, node) * 100.0 + 0.5));
}

/* What the canvas shows, in words, for assistive technologies: the
 * sectors below normal, or the neighbourhood and its explaining path. */
static void
odan_graph_view_describe (OdanGraphView *self)
{
  const OdanPack *pack = odan_exercise_get_pack (self->exercise);
  const OdanSim *sim = odan_exercise_get_sim (self->exercise);
  g_autoptr(GString) text = g_string_new (NULL);

  if (self->scope->overview)
    {
      /* Translators: the graph's accessible description, then each sector's counts */
      g_string_append_printf (text, ngettext ("Overview of %u sector.", "Overview of %u sectors.", self->scope->n_items),
                              self->scope->n_items);
      for (guint k = 0; k < self->scope->n_items; k++)
        {
          g_autofree char *counts = sector_counts (self, sim, self->scope->item_ref[k]);

          g_string_append_printf (text, " %s: %s.", self->labels[k], counts);
        }
    }
  else
    {
      guint32 about = self->selected != ODAN_NONE ? self->selected : self->focus;
      g_autofree char *around = about != ODAN_NONE ? node_level_text (pack, sim, about)
                                                   : g_strdup (sector_name (pack, self->focus_sector));
      g_autoptr(GArray) path = g_array_new (FALSE, FALSE, sizeof (guint32));

      /* Translators: the graph's accessible description of a neighbourhood */
      g_string_append_printf (text, ngettext ("Around %s: %u node.", "Around %s: %u nodes.", self->scope->n_items),
                              around, self->scope->n_items);
      if (about != ODAN_NONE)
        odan_graph_explain_path (sim, about, path);
      for (guint i = 0; i < path->len; i++)
        {
          g_autofree char *step = node_level_text (pack, sim, pack->edges[g_array_index (path, guint32, i)].provider);

          /* Translators: the explaining path in the graph's accessible description: "… because of X: 0%" */
          g_string_append_printf (text, i == 0 ? _(" Because of %s") : _(", because of %s"), step);
        }
      if (path->len > 0)
        g_string_append_c (text, '.');
    }
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->canvas), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, text->str, -1);
  g_free (self->description);
  self->description = g_string_free (g_steal_pointer (&text), FALSE);
}

const char *
odan_graph_view_get_description (OdanGraphView *self)
{
  g_return_val_if_fail (ODAN_IS_GRAPH_VIEW (self), NULL);

  return self->description;
}

GtkWidget *
odan_graph_view_get_canvas (OdanGraphView *self)
{
  g_return_val_if_fail (ODAN_IS_GRAPH_VIEW (self), NULL);

  return GTK_WIDGET (self->canvas);
}

/* The links on the explaining path of the selected node (or the focus). */
static void
odan_graph_view_update_path (OdanGraphView *self)
{
  const OdanSim *sim = odan_exercise_get_sim (self->exercise);
  g_autoptr(GArray) path = g_array_new (FALSE, FALSE, sizeof (guint32));
  guint32 about = self->selected != ODAN_NONE ? self->selected : self->focus;

  memset (self->on_path, 0, sizeof (gboolean) * MAX (self->scope->n_links, 1));
  if (self->scope->overview || about == ODAN_NONE)
    return;
  odan_graph_explain_path (sim, about, path);
  for (guint l = 0; l < self->scope->n_links; l++)
    for (guint i = 0; i < path->len; i++)
      if (self->scope->edges[self->scope->links[l].first] == g_array_index (path, guint32, i))
        self->on_path[l] = TRUE;
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

  g_return_if_fail (ODAN_IS_GRAPH_VIEW (self));

  if (self->exercise == NULL || self->levels == NULL)
    return;

  pack = odan_exercise_get_pack (self->exercise);
  sim = odan_exercise_get_sim (self->exercise);
  if (self->scope->overview)
    {
      /* a sector by its worst node */
      double *worst = g_newa (double, MAX (pack->n_sectors, 1));

      for (guint32 s = 0; s < pack->n_sectors; s++)
        worst[s] = 1;
      for (guint32 i = 0; i < pack->n_nodes; i++)
        worst[pack->nodes[i].sector] = MIN (worst[pack->nodes[i].sector], odan_sim_get_operability (sim, i));
      for (guint k = 0; k < self->scope->n_items; k++)
        self->levels[k] = odan_sector_board_level_class (worst[self->scope->item_ref[k]]);
    }
  else
    for (guint k = 0; k < self->scope->n_items; k++)
      self->levels[k] = odan_sector_board_level_class (odan_sim_get_operability (sim, self->scope->item_ref[k]));

  odan_graph_view_update_path (self);
  odan_graph_view_describe (self);
  if (self->selected != ODAN_NONE)
    odan_graph_view_update_detail (self);
  /* Binding edges can change while every band stays: redraw all the same. */
  gtk_widget_queue_draw (GTK_WIDGET (self->canvas));
}

/* Says which scope is shown, and offers the way back to the overview. */
static void
odan_graph_view_update_scope_label (OdanGraphView *self)
{
  const OdanPack *pack = odan_exercise_get_pack (self->exercise);
  g_autofree char *text = NULL;
  const char *around;

  gtk_widget_set_sensitive (GTK_WIDGET (self->overview_button), !self->scope->overview);
  if (self->scope->overview)
    {
      gtk_label_set_label (self->scope_label, _("Sectors and the dependencies between them"));
      return;
    }
  around = self->focus != ODAN_NONE ? odan_pack_localized (pack->nodes[self->focus].name, pack->nodes[self->focus].name_ja)
                                    : sector_name (pack, self->focus_sector);
  if (self->scope->n_left_out > 0)
    /* Translators: the graph's title for a neighbourhood too large to show whole */
    text = g_strdup_printf (ngettext ("Around %s (%u more neighbour not shown)",
                                      "Around %s (%u more neighbours not shown)", self->scope->n_left_out),
                            around, self->scope->n_left_out);
  else
    /* Translators: the graph's title for a neighbourhood */
    text = g_strdup_printf (_("Around %s"), around);
  gtk_label_set_label (self->scope_label, text);
}

/* The overview: as large as the page allows, up to zoom 1. */
static void
fit_overview (OdanGraphView *self)
{
  int visible_w = gtk_widget_get_width (GTK_WIDGET (self->scrolled)) - 16;
  int visible_h = gtk_widget_get_height (GTK_WIDGET (self->scrolled)) - 16;

  if (visible_w <= 0 || visible_h <= 0 || self->width <= 0 || self->height <= 0)
    return;
  self->pending_fit = FALSE;
  odan_graph_view_set_zoom (self, CLAMP (MIN (visible_w / self->width, visible_h / self->height), 0.5, 1.0));
}

/* Lays out @scope (taken) and shows it at zoom 1 (labels readable), the
 * overview smaller if it would not fit. */
static void
odan_graph_view_show_scope (OdanGraphView  *self,
                            OdanGraphScope *scope)
{
  odan_graph_view_layout (self, scope);
  self->pending_scroll = ODAN_NONE;
  self->zoom = 1.0;
  self->pending_fit = scope->overview;
  if (scope->overview)
    fit_overview (self);
  odan_graph_view_update_size (self);
  odan_graph_view_update_scope_label (self);
  odan_graph_view_refresh (self);
}

void
odan_graph_view_show_overview (OdanGraphView *self)
{
  g_return_if_fail (ODAN_IS_GRAPH_VIEW (self));

  if (self->exercise == NULL)
    return;
  self->selected = ODAN_NONE;
  self->focus = ODAN_NONE;
  self->focus_sector = ODAN_NONE;
  odan_graph_view_show_scope (self, odan_graph_scope_new_overview (odan_exercise_get_pack (self->exercise)));
  odan_graph_view_update_detail (self);
}

static guint
current_hops (OdanGraphView *self)
{
  return (guint) gtk_spin_button_get_value_as_int (self->hops_spin);
}

/* The neighbourhood of @node, or with ODAN_NONE of the sector @sector. */
static void
odan_graph_view_open (OdanGraphView *self,
                      guint32        node,
                      guint32        sector)
{
  const OdanPack *pack = odan_exercise_get_pack (self->exercise);
  g_autoptr(GArray) focus = g_array_new (FALSE, FALSE, sizeof (guint32));

  if (node != ODAN_NONE)
    g_array_append_val (focus, node);
  else
    for (guint32 i = 0; i < pack->n_nodes && focus->len < MAX_NODES; i++)
      if (pack->nodes[i].sector == sector)
        g_array_append_val (focus, i);
  self->focus = node;
  self->focus_sector = node != ODAN_NONE ? pack->nodes[node].sector : sector;
  self->selected_sector = ODAN_NONE;
  odan_graph_view_show_scope (self,
                              odan_graph_scope_new_neighbourhood (pack, &self->index, odan_exercise_get_sim (self->exercise),
                                                                  (const guint32 *) focus->data, focus->len,
                                                                  current_hops (self), MAX_NODES));
}

gboolean
odan_graph_view_open_sector (OdanGraphView *self,
                             guint32        sector)
{
  g_return_val_if_fail (ODAN_IS_GRAPH_VIEW (self), FALSE);

  if (self->exercise == NULL || sector >= odan_exercise_get_pack (self->exercise)->n_sectors)
    return FALSE;
  self->selected = ODAN_NONE;
  odan_graph_view_open (self, ODAN_NONE, sector);
  odan_graph_view_update_detail (self);
  return TRUE;
}

gboolean
odan_graph_view_is_overview (OdanGraphView *self)
{
  g_return_val_if_fail (ODAN_IS_GRAPH_VIEW (self), FALSE);

  return self->scope == NULL || self->scope->overview;
}

guint
odan_graph_view_get_n_shown (OdanGraphView *self)
{
  g_return_val_if_fail (ODAN_IS_GRAPH_VIEW (self), 0);

  return self->scope != NULL ? self->scope->n_items : 0;
}

static void
odan_graph_view_clear (OdanGraphView *self)
{
  odan_graph_view_free_layout (self);
  odan_graph_index_clear (&self->index);
  g_clear_object (&self->exercise);
  self->selected = ODAN_NONE;
  self->selected_sector = ODAN_NONE;
  self->focus = ODAN_NONE;
  self->focus_sector = ODAN_NONE;
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
      odan_graph_index_init (&self->index, odan_exercise_get_pack (exercise));
      odan_graph_view_show_overview (self);
      g_signal_connect_object (exercise, "event-added",
                               G_CALLBACK (odan_graph_view_refresh), self, G_CONNECT_SWAPPED);
    }

  odan_graph_view_update_size (self);
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

static gboolean
item_bounds (OdanGraphView   *self,
             guint32          item,
             graphene_rect_t *bounds)
{
  const Box *box;

  if (item == ODAN_NONE || self->boxes == NULL)
    return FALSE;
  box = &self->boxes[item];
  graphene_rect_init (bounds, box->x * self->zoom, box->y * self->zoom,
                      box->width * self->zoom, box->height * self->zoom);
  return TRUE;
}

gboolean
odan_graph_view_get_node_bounds (OdanGraphView   *self,
                                 guint32          node,
                                 graphene_rect_t *bounds)
{
  g_return_val_if_fail (ODAN_IS_GRAPH_VIEW (self), FALSE);
  g_return_val_if_fail (bounds != NULL, FALSE);

  if (self->exercise == NULL || self->scope == NULL || self->scope->overview
      || node >= odan_exercise_get_pack (self->exercise)->n_nodes)
    return FALSE;
  return item_bounds (self, self->scope->item_of[node], bounds);
}

gboolean
odan_graph_view_get_sector_bounds (OdanGraphView   *self,
                                   guint32          sector,
                                   graphene_rect_t *bounds)
{
  g_return_val_if_fail (ODAN_IS_GRAPH_VIEW (self), FALSE);
  g_return_val_if_fail (bounds != NULL, FALSE);

  if (self->exercise == NULL || self->scope == NULL || !self->scope->overview
      || sector >= odan_exercise_get_pack (self->exercise)->n_sectors)
    return FALSE;
  return item_bounds (self, self->scope->item_of[sector], bounds);
}

static guint32
item_at (OdanGraphView *self,
         double         x,
         double         y)
{
  if (self->exercise == NULL || self->boxes == NULL)
    return ODAN_NONE;

  x /= self->zoom;
  y /= self->zoom;
  for (guint k = 0; k < self->scope->n_items; k++)
    {
      const Box *box = &self->boxes[k];

      if (x >= box->x && x <= box->x + box->width && y >= box->y && y <= box->y + box->height)
        return k;
    }
  return ODAN_NONE;
}

guint32
odan_graph_view_node_at (OdanGraphView *self,
                         double         x,
                         double         y)
{
  guint32 k;

  g_return_val_if_fail (ODAN_IS_GRAPH_VIEW (self), ODAN_NONE);

  if (self->scope == NULL || self->scope->overview || (k = item_at (self, x, y)) == ODAN_NONE)
    return ODAN_NONE;
  return self->scope->item_ref[k];
}

guint32
odan_graph_view_sector_at (OdanGraphView *self,
                           double         x,
                           double         y)
{
  guint32 k;

  g_return_val_if_fail (ODAN_IS_GRAPH_VIEW (self), ODAN_NONE);

  if (self->scope == NULL || !self->scope->overview || (k = item_at (self, x, y)) == ODAN_NONE)
    return ODAN_NONE;
  return self->scope->item_ref[k];
}

const char *
odan_graph_view_get_node_level_class (OdanGraphView *self,
                                      guint32        node)
{
  g_return_val_if_fail (ODAN_IS_GRAPH_VIEW (self), NULL);
  g_return_val_if_fail (self->exercise != NULL, NULL);
  g_return_val_if_fail (node < odan_exercise_get_pack (self->exercise)->n_nodes, NULL);

  return odan_sector_board_level_class (odan_sim_get_operability (odan_exercise_get_sim (self->exercise), node));
}

gboolean
odan_graph_view_is_on_path (OdanGraphView *self,
                            guint32        provider,
                            guint32        dependent)
{
  const OdanPack *pack;

  g_return_val_if_fail (ODAN_IS_GRAPH_VIEW (self), FALSE);

  if (self->scope == NULL || self->scope->overview)
    return FALSE;
  pack = odan_exercise_get_pack (self->exercise);
  for (guint l = 0; l < self->scope->n_links; l++)
    {
      const OdanEdge *edge = &pack->edges[self->scope->edges[self->scope->links[l].first]];

      if (self->on_path[l] && edge->provider == provider && edge->dependent == dependent)
        return TRUE;
    }
  return FALSE;
}

void
odan_graph_view_get_visible_area (OdanGraphView   *self,
                                  graphene_rect_t *area)
{
  GtkAdjustment *h = gtk_scrolled_window_get_hadjustment (self->scrolled);
  GtkAdjustment *v = gtk_scrolled_window_get_vadjustment (self->scrolled);

  g_return_if_fail (ODAN_IS_GRAPH_VIEW (self));

  graphene_rect_init (area, gtk_adjustment_get_value (h), gtk_adjustment_get_value (v),
                      gtk_adjustment_get_page_size (h), gtk_adjustment_get_page_size (v));
}

/* Brings item @item's box into view, centred when the drawing allows. */
static void
odan_graph_view_scroll_to (OdanGraphView *self,
                           guint32        item)
{
  GtkAdjustment *h = gtk_scrolled_window_get_hadjustment (self->scrolled);
  GtkAdjustment *v = gtk_scrolled_window_get_vadjustment (self->scrolled);
  const Box *box;

  if (self->boxes == NULL || item == ODAN_NONE)
    return;
  box = &self->boxes[item];
  /* a new layout is allocated at the next frame: centre it again then */
  if (gtk_adjustment_get_upper (h) < floor (self->width * self->zoom)
      || gtk_adjustment_get_upper (v) < floor (self->height * self->zoom))
    self->pending_scroll = item;
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

  /* a node not in the neighbourhood shown opens its own */
  if (node != ODAN_NONE && (self->scope->overview || self->scope->item_of[node] == ODAN_NONE))
    odan_graph_view_open (self, node, ODAN_NONE);
  self->selected = node;
  odan_graph_view_update_detail (self);
  odan_graph_view_update_path (self);
  odan_graph_view_describe (self);
  /* A click selects what is in view already; a caller may not be. */
  if (node != ODAN_NONE && !self->clicking)
    odan_graph_view_scroll_to (self, self->scope->item_of[node]);
  gtk_widget_queue_draw (GTK_WIDGET (self->canvas));
  return TRUE;
}

guint32
odan_graph_view_get_selected_node (OdanGraphView *self)
{
  g_return_val_if_fail (ODAN_IS_GRAPH_VIEW (self), ODAN_NONE);

  return self->selected;
}

/* The item nearest (@cx, @cy) in @direction, or with @from ODAN_NONE
 * nearest it in any direction. */
static guint32
nearest_item (OdanGraphView    *self,
              guint32           from,
              double            cx,
              double            cy,
              GtkDirectionType  direction)
{
  guint32 best = ODAN_NONE;
  double best_score = G_MAXDOUBLE;

  for (guint k = 0; k < self->scope->n_items; k++)
    {
      double dx = self->boxes[k].x + self->boxes[k].width / 2 - cx;
      double dy = self->boxes[k].y + self->boxes[k].height / 2 - cy;
      double along, across, score;

      if (k == from)
        continue;
      if (from == ODAN_NONE)
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
              return ODAN_NONE;
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
          best = k;
        }
    }
  return best;
}

gboolean
odan_graph_view_move_selection (OdanGraphView    *self,
                                GtkDirectionType  direction)
{
  guint32 from, best;
  double cx, cy;

  g_return_val_if_fail (ODAN_IS_GRAPH_VIEW (self), FALSE);

  if (self->boxes == NULL || self->exercise == NULL)
    return FALSE;
  if (self->scope->overview)
    from = self->selected_sector != ODAN_NONE ? self->scope->item_of[self->selected_sector] : ODAN_NONE;
  else
    from = self->selected != ODAN_NONE ? self->scope->item_of[self->selected] : ODAN_NONE;

  if (from == ODAN_NONE)
    {
      /* start from the middle of what is in view */
      graphene_rect_t area;

      odan_graph_view_get_visible_area (self, &area);
      cx = (area.origin.x + area.size.width / 2) / self->zoom;
      cy = (area.origin.y + area.size.height / 2) / self->zoom;
    }
  else
    {
      cx = self->boxes[from].x + self->boxes[from].width / 2;
      cy = self->boxes[from].y + self->boxes[from].height / 2;
    }

  best = nearest_item (self, from, cx, cy, direction);
  if (best == ODAN_NONE)
    return FALSE;
  if (self->scope->overview)
    {
      self->selected_sector = self->scope->item_ref[best];
      odan_graph_view_scroll_to (self, best);
      gtk_widget_queue_draw (GTK_WIDGET (self->canvas));
    }
  else
    odan_graph_view_select_node (self, self->scope->item_ref[best]);
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

/* What a click or Enter on item @item does: in the overview, open the
 * sector; in a neighbourhood, select the node (@open: centre on it). */
static void
odan_graph_view_activate_item (OdanGraphView *self,
                               guint32        item,
                               gboolean       open)
{
  guint32 ref;

  if (item == ODAN_NONE)
    {
      odan_graph_view_select_node (self, ODAN_NONE);
      return;
    }
  ref = self->scope->item_ref[item];
  if (self->scope->overview)
    odan_graph_view_open_sector (self, ref);
  else if (open)
    {
      odan_graph_view_open (self, ref, ODAN_NONE);
      self->clicking = FALSE;
      odan_graph_view_select_node (self, ref);
    }
  else
    odan_graph_view_select_node (self, ref);
}

static void
on_pressed (GtkGestureClick *gesture,
            int              n_press,
            double           x,
            double           y,
            OdanGraphView   *self)
{
  self->clicking = TRUE;
  odan_graph_view_activate_item (self, item_at (self, x, y), n_press >= 2);
  self->clicking = FALSE;
  gtk_widget_grab_focus (GTK_WIDGET (self->canvas));   /* the arrow keys go on from here */
}

/* Arrow keys walk from item to item; Enter opens; Escape lets go of the
 * selection, then goes back to the overview. */
static gboolean
on_key_pressed (GtkEventControllerKey *controller,
                guint                  keyval,
                guint                  keycode,
                GdkModifierType        state,
                OdanGraphView         *self)
{
  static const struct { guint key, kp; GtkDirectionType dir; } arrows[] = {
    { GDK_KEY_Left, GDK_KEY_KP_Left, GTK_DIR_LEFT }, { GDK_KEY_Right, GDK_KEY_KP_Right, GTK_DIR_RIGHT },
    { GDK_KEY_Up, GDK_KEY_KP_Up, GTK_DIR_UP }, { GDK_KEY_Down, GDK_KEY_KP_Down, GTK_DIR_DOWN },
  };

  if (state & (GDK_CONTROL_MASK | GDK_ALT_MASK))
    return FALSE;   /* Ctrl+Right and friends belong to the window */
  for (guint i = 0; i < G_N_ELEMENTS (arrows); i++)
    if (keyval == arrows[i].key || keyval == arrows[i].kp)
      {
        odan_graph_view_move_selection (self, arrows[i].dir);
        return TRUE;
      }
  if (self->scope == NULL)
    return FALSE;
  switch (keyval)
    {
    case GDK_KEY_Return:
    case GDK_KEY_KP_Enter:
    case GDK_KEY_space:
      if (self->scope->overview && self->selected_sector != ODAN_NONE)
        odan_graph_view_open_sector (self, self->selected_sector);
      else if (!self->scope->overview && self->selected != ODAN_NONE)
        odan_graph_view_activate_item (self, self->scope->item_of[self->selected], TRUE);
      else
        return FALSE;
      return TRUE;
    case GDK_KEY_Escape:
    case GDK_KEY_BackSpace:
      if (self->selected != ODAN_NONE)
        odan_graph_view_select_node (self, ODAN_NONE);
      else if (!self->scope->overview)
        odan_graph_view_show_overview (self);
      else
        return FALSE;
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

static void
on_overview (OdanGraphView *self)
{
  odan_graph_view_show_overview (self);
}

/* A new number of hops lays the neighbourhood out again. */
static void
on_hops_changed (OdanGraphView *self)
{
  guint32 selected = self->selected;

  if (self->exercise == NULL || self->scope == NULL || self->scope->overview)
    return;
  odan_graph_view_open (self, self->focus, self->focus_sector);
  if (selected != ODAN_NONE && self->scope->item_of[selected] != ODAN_NONE)
    odan_graph_view_select_node (self, selected);
  else
    self->selected = ODAN_NONE;
  odan_graph_view_update_detail (self);
}

void
odan_graph_view_set_hops (OdanGraphView *self,
                          guint          hops)
{
  g_return_if_fail (ODAN_IS_GRAPH_VIEW (self));

  gtk_spin_button_set_value (self->hops_spin, hops);
}

static void
fit_overview_idle (gpointer user_data)
{
  OdanGraphView *self = user_data;

  self->fit_id = 0;
  if (self->pending_fit && self->scope != NULL && self->scope->overview)
    fit_overview (self);
}

static void
on_adjustment_changed (OdanGraphView *self)
{
  guint32 item = self->pending_scroll;

  /* not while the page is being allocated: resizing the canvas then
   * leaves it unallocated for a frame */
  if (self->pending_fit && self->fit_id == 0 && self->scope != NULL && self->scope->overview)
    self->fit_id = g_idle_add_once (fit_overview_idle, self);

  if (item == ODAN_NONE || self->scope == NULL || item >= self->scope->n_items)
    return;
  self->pending_scroll = ODAN_NONE;
  odan_graph_view_scroll_to (self, item);
}

/* GObject ------------------------------------------------------------------ */

static void
odan_graph_view_dispose (GObject *object)
{
  OdanGraphView *self = ODAN_GRAPH_VIEW (object);

  if (self->exercise != NULL)
    g_signal_handlers_disconnect_by_data (self->exercise, self);
  g_clear_handle_id (&self->fit_id, g_source_remove);
  g_clear_pointer (&self->description, g_free);
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
  gtk_widget_class_bind_template_child (widget_class, OdanGraphView, scope_label);
  gtk_widget_class_bind_template_child (widget_class, OdanGraphView, overview_button);
  gtk_widget_class_bind_template_child (widget_class, OdanGraphView, hops_spin);
  gtk_widget_class_bind_template_callback (widget_class, on_zoom_in);
  gtk_widget_class_bind_template_callback (widget_class, on_zoom_out);
  gtk_widget_class_bind_template_callback (widget_class, on_zoom_fit);
  gtk_widget_class_bind_template_callback (widget_class, on_overview);
  gtk_widget_class_bind_template_callback (widget_class, on_hops_changed);
}

static void
odan_graph_view_init (OdanGraphView *self)
{
  GtkGesture *click;
  GtkEventController *scroll, *key;

  self->selected = ODAN_NONE;
  self->selected_sector = ODAN_NONE;
  self->focus = ODAN_NONE;
  self->focus_sector = ODAN_NONE;
  self->zoom = 1.0;
  self->pending_scroll = ODAN_NONE;

  gtk_widget_init_template (GTK_WIDGET (self));
  g_signal_connect_object (gtk_scrolled_window_get_hadjustment (self->scrolled), "changed",
                           G_CALLBACK (on_adjustment_changed), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (gtk_scrolled_window_get_vadjustment (self->scrolled), "changed",
                           G_CALLBACK (on_adjustment_changed), self, G_CONNECT_SWAPPED);
  gtk_spin_button_set_value (self->hops_spin, DEFAULT_HOPS);

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

/* odan-plot.c — step curves over exercise time, their axes and the sector palette
 *
 * Every view that draws time or operability draws it here, so the Review
 * page, the preview and the report agree on colours, ticks and labels.
 * Text is laid out with the caller's PangoContext (a widget's, so labels
 * follow the desktop's font; the report's own for SVG and PDF) and shown
 * on whatever cairo context the caller draws on.
 */
#define G_LOG_DOMAIN "odan-report"

#include "odan-plot.h"
#include "odan-counterfactual.h"
#include "odan-msel-time.h"
#include "odan-sim-runs.h"

#include <math.h>

#define AXIS_GAP     6.0    /* between an axis and its labels */
#define LABEL_GAP   16.0    /* at least between two time labels */
#define LEGEND_GAP   6.0    /* between legend lines, and after a swatch */
#define ENTRY_GAP   18.0    /* between legend entries */

#define GRID_ALPHA   0.12
#define AXIS_ALPHA   0.45
#define TEXT_ALPHA   0.7
#define LEGEND_ALPHA 0.85

/* Sixteen sectors in eight hues that stay apart for the common kinds of
 * colour blindness (Okabe and Ito's set, its yellow and black replaced by
 * Paul Tol's olive and wine, which read on a white page and a dark view
 * alike and stay apart from the orange), drawn solid; the same hues in darker shades, dashed, for sectors
 * 9 to 16. Hue alone cannot carry sixteen series, the dash does the rest.
 * No entry is near-black or grey: those are the axes' and the cursor's. */
static const OdanPlotColor palette[] = {
  { 0x00 / 255.0, 0x72 / 255.0, 0xb2 / 255.0 },   /* blue */
  { 0xe6 / 255.0, 0x9f / 255.0, 0x00 / 255.0 },   /* orange */
  { 0x00 / 255.0, 0x9e / 255.0, 0x73 / 255.0 },   /* bluish green */
  { 0xcc / 255.0, 0x79 / 255.0, 0xa7 / 255.0 },   /* reddish purple */
  { 0xd5 / 255.0, 0x5e / 255.0, 0x00 / 255.0 },   /* vermillion */
  { 0x56 / 255.0, 0xb4 / 255.0, 0xe9 / 255.0 },   /* sky blue */
  { 0x99 / 255.0, 0x99 / 255.0, 0x33 / 255.0 },   /* olive */
  { 0x88 / 255.0, 0x22 / 255.0, 0x55 / 255.0 },   /* wine */
  { 0x00 / 255.0, 0x4a / 255.0, 0x75 / 255.0 },   /* the same, darker, dashed */
  { 0x9c / 255.0, 0x6b / 255.0, 0x00 / 255.0 },
  { 0x00 / 255.0, 0x66 / 255.0, 0x4b / 255.0 },
  { 0x8f / 255.0, 0x4a / 255.0, 0x73 / 255.0 },
  { 0x8f / 255.0, 0x3f / 255.0, 0x00 / 255.0 },
  { 0x2a / 255.0, 0x7a / 255.0, 0xa8 / 255.0 },
  { 0x66 / 255.0, 0x66 / 255.0, 0x1a / 255.0 },
  { 0x5c / 255.0, 0x10 / 255.0, 0x36 / 255.0 },
};

#define N_SOLID 8

/* Tick intervals of the time axis, in minutes. */
static const double time_steps[] = { 5, 10, 15, 30, 60, 120, 180, 360, 720, 1440, 2880, 10080 };

void
odan_plot_sector_color (guint          index,
                        OdanPlotColor *out)
{
  *out = palette[index % G_N_ELEMENTS (palette)];
}

guint
odan_plot_n_sector_colors (void)
{
  return G_N_ELEMENTS (palette);
}

gboolean
odan_plot_sector_dashed (guint index)
{
  return index % G_N_ELEMENTS (palette) >= N_SOLID;
}

void
odan_plot_set_sector_line (cairo_t *cr,
                           guint    index,
                           double   line_width)
{
  /* long dashes: a step line keeps its shape, and short steps still show */
  const double dashes[] = { 4 * line_width, 2 * line_width };
  OdanPlotColor c;

  odan_plot_sector_color (index, &c);
  cairo_set_source_rgb (cr, c.red, c.green, c.blue);
  cairo_set_line_width (cr, line_width);
  if (odan_plot_sector_dashed (index))
    cairo_set_dash (cr, dashes, G_N_ELEMENTS (dashes), 0);
  else
    cairo_set_dash (cr, NULL, 0, 0);
}

void
odan_plot_draw_cursor (const OdanPlot *plot,
                       cairo_t        *cr,
                       double          minute)
{
  double x = round (odan_plot_x (plot, CLAMP (minute, plot->start, plot->end))) + 0.5;

  /* the foreground, full strength, over a halo of the background: no
   * sector's hue, so the cursor is never taken for a curve */
  cairo_save (cr);
  cairo_set_dash (cr, NULL, 0, 0);
  cairo_set_line_width (cr, 4);
  cairo_set_source_rgba (cr, 1 - plot->fg.red, 1 - plot->fg.green, 1 - plot->fg.blue, 0.8);
  cairo_move_to (cr, x, plot->top - 4);
  cairo_line_to (cr, x, plot->bottom);
  cairo_stroke (cr);
  cairo_set_line_width (cr, 2);
  cairo_set_source_rgb (cr, plot->fg.red, plot->fg.green, plot->fg.blue);
  cairo_move_to (cr, x, plot->top - 4);
  cairo_line_to (cr, x, plot->bottom);
  cairo_stroke (cr);
  cairo_restore (cr);
}

static void
set_fg (const OdanPlot *plot,
        cairo_t        *cr,
        double          alpha)
{
  cairo_set_source_rgba (cr, plot->fg.red, plot->fg.green, plot->fg.blue, alpha);
}

double
odan_plot_x (const OdanPlot *plot,
             double          minute)
{
  double span = plot->end - plot->start;

  if (span <= 0)
    return plot->left;
  return plot->left + (minute - plot->start) / span * (plot->right - plot->left);
}

double
odan_plot_minute_at (const OdanPlot *plot,
                     double          x)
{
  double width = plot->right - plot->left;

  if (width <= 0)
    return plot->start;
  x = CLAMP (x, plot->left, plot->right);
  return plot->start + (x - plot->left) / width * (plot->end - plot->start);
}

double
odan_plot_y (const OdanPlot *plot,
             double          value)
{
  return plot->bottom - CLAMP (value, 0, 1) * (plot->bottom - plot->top);
}

PangoLayout *
odan_plot_layout (const OdanPlot *plot,
                  const char     *text)
{
  PangoLayout *layout = pango_layout_new (plot->pango);

  pango_layout_set_font_description (layout, plot->font);
  pango_layout_set_text (layout, text, -1);
  return layout;
}

void
odan_plot_text_size (const OdanPlot *plot,
                     const char     *text,
                     double         *width,
                     double         *height)
{
  g_autoptr(PangoLayout) layout = odan_plot_layout (plot, text);
  PangoRectangle logical;

  pango_layout_get_extents (layout, NULL, &logical);
  if (width != NULL)
    *width = (double) logical.width / PANGO_SCALE;
  if (height != NULL)
    *height = (double) logical.height / PANGO_SCALE;
}

static void
show_text (const OdanPlot *plot,
           cairo_t        *cr,
           const char     *text,
           double          x,
           double          y)
{
  g_autoptr(PangoLayout) layout = odan_plot_layout (plot, text);

  cairo_move_to (cr, x, y);
  pango_cairo_show_layout (cr, layout);
}

char *
odan_plot_format_time (double minute)
{
  g_autofree char *relative = NULL;

  if (fabs (minute) < 0.5)
    return g_strdup ("T+0");
  /* relative is "+1d6h"; the axis reads from T, the start of the exercise */
  relative = odan_msel_time_format_relative (round (fabs (minute)));
  return g_strconcat (minute < 0 ? "T-" : "T+", relative + 1, NULL);
}

double
odan_plot_time_step (const OdanPlot *plot,
                     double          min_gap)
{
  double span = plot->end - plot->start;
  double width = plot->right - plot->left;
  double widest;
  g_autofree char *sample = odan_plot_format_time (plot->end);

  if (span <= 0 || width <= 0)
    return time_steps[G_N_ELEMENTS (time_steps) - 1];
  /* the label of the end is about the widest: every label fits its gap */
  odan_plot_text_size (plot, sample, &widest, NULL);
  min_gap = MAX (min_gap, widest + LABEL_GAP);
  for (guint i = 0; i < G_N_ELEMENTS (time_steps); i++)
    if (time_steps[i] / span * width >= min_gap)
      return time_steps[i];
  return time_steps[G_N_ELEMENTS (time_steps) - 1];
}

void
odan_plot_draw_time_grid (const OdanPlot *plot,
                          cairo_t        *cr,
                          double          step,
                          OdanPlotLabels  labels)
{
  double taken = -G_MAXDOUBLE;   /* the right edge of the last label shown */

  if (plot->end <= plot->start)
    return;
  if (step <= 0)
    step = odan_plot_time_step (plot, 0);
  cairo_save (cr);
  cairo_set_line_width (cr, 1);
  for (double t = ceil (plot->start / step) * step; t <= plot->end + 1e-9; t += step)
    {
      double x = round (odan_plot_x (plot, t)) + 0.5;
      g_autofree char *text = odan_plot_format_time (t);
      double w, h, left;

      set_fg (plot, cr, GRID_ALPHA);
      cairo_move_to (cr, x, plot->top);
      cairo_line_to (cr, x, plot->bottom);
      cairo_stroke (cr);

      odan_plot_text_size (plot, text, &w, &h);
      /* labels stay inside the text bounds; one pushed onto its neighbour
       * is left out */
      left = labels == ODAN_PLOT_LABELS_BELOW ? x - w / 2.0 : x + 3;
      left = CLAMP (left, plot->text_left, plot->text_right - w);
      if (left < taken + 8)
        continue;
      taken = left + w;
      set_fg (plot, cr, TEXT_ALPHA);
      show_text (plot, cr, text, left,
                 labels == ODAN_PLOT_LABELS_BELOW ? plot->bottom + AXIS_GAP : plot->top - AXIS_GAP - h + 2);
    }
  cairo_restore (cr);
}

void
odan_plot_draw_level_grid (const OdanPlot *plot,
                           cairo_t        *cr,
                           const double   *levels,
                           guint           n_levels)
{
  cairo_save (cr);
  cairo_set_line_width (cr, 1);
  for (guint i = 0; i < n_levels; i++)
    {
      double y = round (odan_plot_y (plot, levels[i])) + 0.5;
      g_autofree char *text = g_strdup_printf ("%.0f%%", levels[i] * 100);
      double w, h;

      set_fg (plot, cr, levels[i] == 0 ? AXIS_ALPHA : GRID_ALPHA);
      cairo_move_to (cr, plot->left, y);
      cairo_line_to (cr, plot->right, y);
      cairo_stroke (cr);

      odan_plot_text_size (plot, text, &w, &h);
      set_fg (plot, cr, TEXT_ALPHA);
      show_text (plot, cr, text, plot->left - AXIS_GAP - w, y - h / 2.0);
    }
  cairo_restore (cr);
}

static void
step_curve (const OdanPlot *plot,
            cairo_t        *cr,
            const GArray   *points,
            double          offset)
{
  gboolean started = FALSE;
  double y = 0;

  for (guint i = 0; i < points->len; i++)
    {
      const OdanCurvePoint *p = &g_array_index (points, OdanCurvePoint, i);
      double x = odan_plot_x (plot, MAX (p->time, plot->start));

      if (p->time > plot->end)
        break;
      if (!started)
        cairo_move_to (cr, x, odan_plot_y (plot, p->value) + offset);
      else
        {
          cairo_line_to (cr, x, y);
          cairo_line_to (cr, x, odan_plot_y (plot, p->value) + offset);
        }
      started = TRUE;
      y = odan_plot_y (plot, p->value) + offset;
    }
  if (started)
    cairo_line_to (cr, odan_plot_x (plot, plot->end), y);
}

void
odan_plot_draw_step_curves (const OdanPlot *plot,
                            cairo_t        *cr,
                            GArray *const  *curves,
                            guint           n_curves,
                            double          line_width,
                            gboolean        spread)
{
  cairo_save (cr);
  cairo_set_line_width (cr, line_width);
  cairo_set_line_join (cr, CAIRO_LINE_JOIN_MITER);
  cairo_rectangle (cr, plot->left - 2, plot->top - 4, plot->right - plot->left + 4, plot->bottom - plot->top + 8);
  cairo_clip (cr);
  for (guint s = 0; s < n_curves; s++)
    {
      /* lines at the same level would hide each other: each sits a pixel
       * or so off the next */
      double offset = spread && n_curves > 1 ? ((double) s - (n_curves - 1) / 2.0) * MIN (1.5, 6.0 / n_curves) : 0;

      if (curves[s] == NULL || curves[s]->len == 0)
        continue;
      step_curve (plot, cr, curves[s], offset);
      odan_plot_set_sector_line (cr, s, line_width);
      cairo_stroke (cr);
    }
  cairo_restore (cr);
}

/* Percentile @k of @rows as a step path from the first row to the end of
 * the area; @reverse walks it back from the end (to close a band). */
static void
band_edge (const OdanPlot *plot,
           cairo_t        *cr,
           const GArray   *rows,
           guint           k,
           gboolean        reverse)
{
  guint n = rows->len;

  for (guint j = 0; j < n; j++)
    {
      guint i = reverse ? n - 1 - j : j;
      const OdanBandRow *row = &g_array_index (rows, OdanBandRow, i);
      double x0 = odan_plot_x (plot, MAX (row->minute / 1000.0, plot->start));
      double x1 = i + 1 < n ? odan_plot_x (plot, MIN (g_array_index (rows, OdanBandRow, i + 1).minute / 1000.0, plot->end))
                            : plot->right;
      double y = odan_plot_y (plot, row->p[k] / 10000.0);

      if (reverse)
        {
          cairo_line_to (cr, x1, y);
          cairo_line_to (cr, x0, y);
        }
      else if (j == 0)
        {
          cairo_move_to (cr, x0, y);
          cairo_line_to (cr, x1, y);
        }
      else
        {
          cairo_line_to (cr, x0, y);
          cairo_line_to (cr, x1, y);
        }
    }
}

void
odan_plot_draw_band (const OdanPlot *plot,
                     cairo_t        *cr,
                     const GArray   *rows,
                     guint           color,
                     double          alpha,
                     double          line_width)
{
  OdanPlotColor c;

  if (rows == NULL || rows->len == 0 || plot->end <= plot->start)
    return;
  odan_plot_sector_color (color, &c);
  cairo_save (cr);
  cairo_rectangle (cr, plot->left, plot->top - 1, plot->right - plot->left, plot->bottom - plot->top + 2);
  cairo_clip (cr);
  band_edge (plot, cr, rows, 2, FALSE);
  band_edge (plot, cr, rows, 0, TRUE);
  cairo_close_path (cr);
  cairo_set_source_rgba (cr, c.red, c.green, c.blue, alpha);
  cairo_fill (cr);
  band_edge (plot, cr, rows, 1, FALSE);
  cairo_set_line_width (cr, line_width);
  cairo_set_line_join (cr, CAIRO_LINE_JOIN_MITER);
  cairo_set_source_rgb (cr, c.red, c.green, c.blue);
  cairo_stroke (cr);
  cairo_restore (cr);
}

double
odan_plot_draw_legend (const OdanPlot    *plot,
                       cairo_t           *cr,
                       const char *const *names,
                       guint              n_names,
                       double             x,
                       double             y,
                       double             right)
{
  double line_h, swatch, cx = x, cy = y;

  if (n_names == 0)
    return 0;
  odan_plot_text_size (plot, "T+0123456789%", NULL, &line_h);
  swatch = floor (line_h * 0.8);
  for (guint i = 0; i < n_names; i++)
    {
      double w;

      odan_plot_text_size (plot, names[i], &w, NULL);
      w += 2 * swatch + LEGEND_GAP + ENTRY_GAP;
      if (cx > x && cx + w > right)
        {
          cx = x;
          cy += line_h + LEGEND_GAP;
        }
      if (cr != NULL)
        {
          /* a sample of the line, dashed as the curve is */
          cairo_save (cr);
          odan_plot_set_sector_line (cr, i, MAX (2.5, floor (swatch / 3)));
          cairo_set_line_cap (cr, CAIRO_LINE_CAP_BUTT);
          cairo_move_to (cr, cx, cy + line_h / 2.0);
          cairo_line_to (cr, cx + 2 * swatch, cy + line_h / 2.0);
          cairo_stroke (cr);
          cairo_restore (cr);
          set_fg (plot, cr, LEGEND_ALPHA);
          show_text (plot, cr, names[i], cx + 2 * swatch + LEGEND_GAP, cy);
        }
      cx += w;
    }
  return cy - y + line_h + LEGEND_GAP;
}

/* odan-plot.h — step curves over exercise time, their axes and the sector palette
 *
 * One drawing module for every place that plots operability or the
 * scenario over time: the Review page's curves (app/gui/widgets/
 * odan-curve-plot.c), the scenario preview (app/gui/authoring/
 * odan-preview-view.c) and the report's chart (odan-report.c). Plain
 * cairo and PangoCairo, no GTK: a widget calls it from its snapshot on
 * gtk_snapshot_append_cairo()'s context with its own PangoContext and
 * colours, the report on an SVG or PDF surface.
 *
 * An OdanPlot is a plain struct the caller fills: the plot area in the
 * context's units, the minutes shown from left to right, the labels' font
 * and the foreground colour (axes and text take it, at fixed opacities).
 * Operability is piecewise constant, so a curve is a step line: flat until
 * the next point, then a vertical step.
 */
#pragma once

#include <cairo.h>
#include <glib.h>
#include <pango/pangocairo.h>

G_BEGIN_DECLS

typedef struct {
  double red, green, blue;
} OdanPlotColor;

/* Sector @index's colour (the palette of 16 repeats past its end): eight
 * hues told apart by colour-blind viewers, solid for sectors 0–7, the same
 * hues darker and dashed for 8–15. Every view colours sector @index so. */
void     odan_plot_sector_color (guint          index,
                                 OdanPlotColor *out);
guint    odan_plot_n_sector_colors (void);
/* Whether sector @index's line is dashed. */
gboolean odan_plot_sector_dashed (guint index);
/* Sets @cr's source, width and dash to draw sector @index's line. */
void     odan_plot_set_sector_line (cairo_t *cr,
                                    guint    index,
                                    double   line_width);

typedef struct {
  PangoContext               *pango;   /* lays the labels out */
  const PangoFontDescription *font;    /* the labels' font */
  OdanPlotColor               fg;      /* axes and text */
  double left, top, right, bottom;     /* the plot area */
  double start, end;                   /* the minutes at left and right */
  double text_left, text_right;        /* where labels may go */
} OdanPlot;

double       odan_plot_x         (const OdanPlot *plot,
                                  double          minute);
/* The minute at @x, clamped to the plot area. */
double       odan_plot_minute_at (const OdanPlot *plot,
                                  double          x);
/* @value 0 … 1 (clamped), bottom to top. */
double       odan_plot_y         (const OdanPlot *plot,
                                  double          value);

/* A layout of @text in the plot's font (unref it). */
PangoLayout *odan_plot_layout    (const OdanPlot *plot,
                                  const char     *text);
void         odan_plot_text_size (const OdanPlot *plot,
                                  const char     *text,
                                  double         *width,
                                  double         *height);

/* A time axis label: "T+0", "T+30m", "T+6h", "T+1d12h" (the MSEL's notation). */
char        *odan_plot_format_time (double minute);
/* The tick interval in minutes: the shortest "nice" one (5 min … a week)
 * whose ticks are at least @min_gap apart and whose labels never touch. */
double       odan_plot_time_step   (const OdanPlot *plot,
                                    double          min_gap);

typedef enum {
  ODAN_PLOT_LABELS_BELOW,   /* centred under each tick, under the area */
  ODAN_PLOT_LABELS_ABOVE,   /* right of each tick, over the area */
} OdanPlotLabels;

/* Vertical grid lines at every tick of @step minutes (0: choose one with
 * odan_plot_time_step), across the area, with their time labels. */
void   odan_plot_draw_time_grid  (const OdanPlot *plot,
                                  cairo_t        *cr,
                                  double          step,
                                  OdanPlotLabels  labels);
/* Horizontal grid lines at @levels (0 … 1), labelled "50%" on the left;
 * the line at 0 is the axis, darker. */
void   odan_plot_draw_level_grid (const OdanPlot *plot,
                                  cairo_t        *cr,
                                  const double   *levels,
                                  guint           n_levels);
/* @n_curves step lines, curve i a GArray of OdanCurvePoint (time order,
 * odan-counterfactual.h) in sector colour i, from its first point to the
 * end of the area. With @spread, lines at the same level are drawn a
 * little apart so none hides another. */
void   odan_plot_draw_step_curves (const OdanPlot *plot,
                                   cairo_t        *cr,
                                   GArray *const  *curves,
                                   guint           n_curves,
                                   double          line_width,
                                   gboolean        spread);

/* A band of many runs (odan-sim-runs.h): @rows are one node's or group's
 * OdanBandRow in time order. The area between p10 and p90 is filled in
 * sector colour @color at @alpha, and p50 stroked over it at @line_width,
 * all as steps from the first row to the end of the area. */
void   odan_plot_draw_band (const OdanPlot *plot,
                            cairo_t        *cr,
                            const GArray   *rows,
                            guint           color,
                            double          alpha,
                            double          line_width);
/* The time cursor at @minute: a vertical line in the foreground colour (no
 * sector's hue) over a halo of the background, across the area. */
void   odan_plot_draw_cursor (const OdanPlot *plot,
                              cairo_t        *cr,
                              double          minute);

/* The legend: a swatch in sector colour i and @names[i], laid out left
 * to right from @x and wrapped at @right. Returns its height (draws
 * nothing when @cr is NULL). */
double odan_plot_draw_legend (const OdanPlot    *plot,
                              cairo_t           *cr,
                              const char *const *names,
                              guint              n_names,
                              double             x,
                              double             y,
                              double             right);

G_END_DECLS

/* odan-curve-plot.c — operability curves over exercise time, drawn as step lines
 *
 * Operability is piecewise constant between the simulator's changes, so
 * each series is drawn as a step line: flat until the next point, then a
 * vertical step. The y axis is operability 0–100 %, the x axis exercise
 * time with T+ labels at a "nice" interval chosen so they never overlap.
 * Under the plot, a legend: a swatch and the series' name, wrapped onto as
 * many lines as the width needs (measure() asks for their height).
 *
 * The cursor is the review's scrub time: a vertical line in the
 * foreground colour, which no sector's line takes (odan_plot_draw_cursor()). Hovering shows a tooltip with every series' value at the time
 * under the pointer; a click or a drag asks the owner to move the cursor
 * there ("seek"), so the plot itself scrubs.
 *
 * Axes, curves, labels and the legend are drawn by odan-plot.h, in the
 * sectors' palette every view shares; axes and text take the widget's
 * foreground colour, labels the widget's font a notch smaller.
 */
#define G_LOG_DOMAIN "odan-gui"

#include <glib/gi18n.h>
#include <math.h>

#include "odan-counterfactual.h"
#include "odan-curve-plot.h"
#include "odan-plot.h"
#include "odan-time.h"

#define MARGIN_TOP     10.0
#define MARGIN_RIGHT   16.0
#define AXIS_GAP        6.0
#define LEGEND_GAP     10.0
#define MIN_PLOT_H    140.0

struct _OdanCurvePlot
{
  GtkWidget   parent_instance;

  GPtrArray  *names;      /* char* */
  GPtrArray  *curves;     /* GArray of OdanCurvePoint, referenced */
  GPtrArray  *bands;      /* per series: GArray of OdanBandRow (odan-sim-runs.h), or empty */
  double      start;
  double      end;
  double      cursor;
};

G_DEFINE_FINAL_TYPE (OdanCurvePlot, odan_curve_plot, GTK_TYPE_WIDGET)

enum {
  SEEK,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* The plot in @width × @height: its area, font and colours (odan-plot.h
 * draws), and where the legend starts. @font is the caller's, set to a
 * notch smaller than the body text, as chart labels usually are. */
static void
plot_init (OdanCurvePlot        *self,
           double                width,
           double                height,
           PangoFontDescription *font,
           OdanPlot             *plot,
           double               *legend_top)
{
  PangoContext *context = gtk_widget_get_pango_context (GTK_WIDGET (self));
  const PangoFontDescription *base = pango_context_get_font_description (context);
  GdkRGBA fg;
  double axis_w, th, legend_h;

  if (base != NULL)
    pango_font_description_merge (font, base, FALSE);
  pango_font_description_set_size (font, 9 * PANGO_SCALE);

  G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  gtk_style_context_get_color (gtk_widget_get_style_context (GTK_WIDGET (self)), &fg);
  G_GNUC_END_IGNORE_DEPRECATIONS

  *plot = (OdanPlot) {
    .pango = context, .font = font, .fg = { fg.red, fg.green, fg.blue },
    .start = self->start, .end = self->end, .text_left = 0, .text_right = width,
  };
  odan_plot_text_size (plot, "100%", &axis_w, NULL);
  odan_plot_text_size (plot, "T+0123456789%", NULL, &th);
  plot->left = axis_w + AXIS_GAP + 8;
  plot->right = MAX (width - MARGIN_RIGHT, plot->left + 1);
  plot->top = MARGIN_TOP;
  legend_h = odan_plot_draw_legend (plot, NULL, (const char *const *) self->names->pdata, self->names->len,
                                    plot->left, 0, width - MARGIN_RIGHT);
  *legend_top = height - legend_h;
  plot->bottom = *legend_top - (legend_h > 0 ? LEGEND_GAP : 0) - th - AXIS_GAP;
  if (plot->bottom <= plot->top)
    plot->bottom = plot->top + 1;
}

static void
odan_curve_plot_measure (GtkWidget      *widget,
                         GtkOrientation  orientation,
                         int             for_size,
                         int            *minimum,
                         int            *natural,
                         int            *minimum_baseline,
                         int            *natural_baseline)
{
  OdanCurvePlot *self = ODAN_CURVE_PLOT (widget);

  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      *minimum = 200;
      *natural = 480;
    }
  else
    {
      g_autoptr(PangoFontDescription) font = pango_font_description_new ();
      double legend_top;
      OdanPlot plot;
      int extra;

      /* laid out in a widget of no height, everything but the area
       * itself is above its bottom */
      plot_init (self, for_size > 0 ? for_size : 480, 0, font, &plot, &legend_top);
      extra = (int) ceil (MARGIN_TOP - plot.bottom);

      *minimum = MIN_PLOT_H + extra;
      *natural = 220 + extra;
    }
}

static void
odan_curve_plot_snapshot (GtkWidget   *widget,
                          GtkSnapshot *snapshot)
{
  static const double levels[] = { 0, 0.5, 1 };
  OdanCurvePlot *self = ODAN_CURVE_PLOT (widget);
  double width = gtk_widget_get_width (widget);
  double height = gtk_widget_get_height (widget);
  g_autoptr(PangoFontDescription) font = pango_font_description_new ();
  cairo_t *cr;
  OdanPlot plot;
  double legend_top;

  if (width <= 0 || height <= 0)
    return;

  plot_init (self, width, height, font, &plot, &legend_top);
  cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (0, 0, width, height));

  odan_plot_draw_level_grid (&plot, cr, levels, G_N_ELEMENTS (levels));
  odan_plot_draw_time_grid (&plot, cr, 0, ODAN_PLOT_LABELS_BELOW);
  /* under the curves: the band says how far the model could have gone */
  for (guint i = 0; i < self->bands->len && i < self->curves->len; i++)
    odan_plot_draw_band (&plot, cr, g_ptr_array_index (self->bands, i), i, 0.15, 0);
  odan_plot_draw_step_curves (&plot, cr, (GArray *const *) self->curves->pdata, self->curves->len, 2, TRUE);
  odan_plot_draw_legend (&plot, cr, (const char *const *) self->names->pdata, self->names->len,
                         plot.left, legend_top, width - MARGIN_RIGHT);

  if (isfinite (self->cursor) && self->end > self->start)
    odan_plot_draw_cursor (&plot, cr, self->cursor);
  cairo_destroy (cr);
}

static gboolean
odan_curve_plot_query_tooltip (GtkWidget  *widget,
                               int         x,
                               int         y,
                               gboolean    keyboard_mode,
                               GtkTooltip *tooltip)
{
  OdanCurvePlot *self = ODAN_CURVE_PLOT (widget);
  g_autofree char *text = NULL;
  g_autoptr(PangoFontDescription) font = pango_font_description_new ();
  OdanPlot plot;
  double legend_top;

  if (self->curves->len == 0 || self->end <= self->start)
    return FALSE;

  plot_init (self, gtk_widget_get_width (widget), gtk_widget_get_height (widget), font, &plot, &legend_top);
  if (!keyboard_mode && (x < plot.left || x > plot.right || y < plot.top || y > plot.bottom))
    return FALSE;

  text = odan_curve_plot_describe_at (self, keyboard_mode && isfinite (self->cursor)
                                              ? self->cursor : odan_plot_minute_at (&plot, x));
  gtk_tooltip_set_text (tooltip, text);
  return TRUE;
}

/* What the plot shows, for assistive technologies: every series' level at
 * the cursor (or at the end), as the tooltip says it. */
static void
odan_curve_plot_update_description (OdanCurvePlot *self)
{
  g_autofree char *text = NULL;

  if (self->curves->len == 0 || self->end <= self->start)
    {
      gtk_accessible_reset_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION);
      return;
    }
  text = odan_curve_plot_describe_at (self, isfinite (self->cursor) ? self->cursor : self->end);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, text, -1);
}

static void
odan_curve_plot_seek_to (OdanCurvePlot *self,
                         double         x)
{
  g_autoptr(PangoFontDescription) font = pango_font_description_new ();
  OdanPlot plot;
  double legend_top;

  if (self->end <= self->start)
    return;
  plot_init (self, gtk_widget_get_width (GTK_WIDGET (self)), gtk_widget_get_height (GTK_WIDGET (self)), font, &plot,
             &legend_top);
  g_signal_emit (self, signals[SEEK], 0, odan_plot_minute_at (&plot, x));
}

static void
on_drag_begin (GtkGestureDrag *gesture,
               double          x,
               double          y,
               OdanCurvePlot  *self)
{
  odan_curve_plot_seek_to (self, x);
}

static void
on_drag_update (GtkGestureDrag *gesture,
                double          dx,
                double          dy,
                OdanCurvePlot  *self)
{
  double x, y;

  if (gtk_gesture_drag_get_start_point (gesture, &x, &y))
    odan_curve_plot_seek_to (self, x + dx);
}

static void
odan_curve_plot_finalize (GObject *object)
{
  OdanCurvePlot *self = ODAN_CURVE_PLOT (object);

  g_clear_pointer (&self->names, g_ptr_array_unref);
  g_clear_pointer (&self->curves, g_ptr_array_unref);
  g_clear_pointer (&self->bands, g_ptr_array_unref);

  G_OBJECT_CLASS (odan_curve_plot_parent_class)->finalize (object);
}

static void
odan_curve_plot_class_init (OdanCurvePlotClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->finalize = odan_curve_plot_finalize;
  widget_class->measure = odan_curve_plot_measure;
  widget_class->snapshot = odan_curve_plot_snapshot;
  widget_class->query_tooltip = odan_curve_plot_query_tooltip;

  /**
   * OdanCurvePlot::seek:
   * @minute: the time under the pointer
   *
   * A click or drag on the plot asks to move the cursor to @minute.
   */
  signals[SEEK] = g_signal_new ("seek", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_DOUBLE);

  gtk_widget_class_set_css_name (widget_class, "curveplot");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
}

static void
odan_curve_plot_init (OdanCurvePlot *self)
{
  GtkGesture *drag = gtk_gesture_drag_new ();

  self->names = g_ptr_array_new_with_free_func (g_free);
  self->curves = g_ptr_array_new_with_free_func ((GDestroyNotify) g_array_unref);
  self->bands = g_ptr_array_new_with_free_func ((GDestroyNotify) g_array_unref);
  self->cursor = NAN;

  gtk_widget_set_has_tooltip (GTK_WIDGET (self), TRUE);
  g_signal_connect (drag, "drag-begin", G_CALLBACK (on_drag_begin), self);
  g_signal_connect (drag, "drag-update", G_CALLBACK (on_drag_update), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (drag));
}

GtkWidget *
odan_curve_plot_new (void)
{
  return g_object_new (ODAN_TYPE_CURVE_PLOT, NULL);
}

void
odan_curve_plot_set_series (OdanCurvePlot     *self,
                            guint              n_series,
                            const char *const *names,
                            GArray           **curves,
                            double             start,
                            double             end)
{
  g_return_if_fail (ODAN_IS_CURVE_PLOT (self));
  g_return_if_fail (n_series == 0 || (names != NULL && curves != NULL));

  g_ptr_array_set_size (self->names, 0);
  g_ptr_array_set_size (self->curves, 0);
  g_ptr_array_set_size (self->bands, 0);
  for (guint i = 0; i < n_series; i++)
    {
      g_ptr_array_add (self->names, g_strdup (names[i]));
      g_ptr_array_add (self->curves, curves[i] != NULL ? g_array_ref (curves[i])
                                                       : g_array_new (FALSE, FALSE, sizeof (OdanCurvePoint)));
    }
  self->start = start;
  self->end = MAX (end, start);

  gtk_widget_queue_resize (GTK_WIDGET (self));
  odan_curve_plot_update_description (self);
}

guint
odan_curve_plot_get_n_series (OdanCurvePlot *self)
{
  g_return_val_if_fail (ODAN_IS_CURVE_PLOT (self), 0);

  return self->curves->len;
}

const char *
odan_curve_plot_get_name (OdanCurvePlot *self,
                          guint          series)
{
  g_return_val_if_fail (ODAN_IS_CURVE_PLOT (self), NULL);
  g_return_val_if_fail (series < self->names->len, NULL);

  return g_ptr_array_index (self->names, series);
}

double
odan_curve_plot_value_at (OdanCurvePlot *self,
                          guint          series,
                          double         minute)
{
  GArray *points;
  double value = NAN;

  g_return_val_if_fail (ODAN_IS_CURVE_PLOT (self), NAN);

  if (series >= self->curves->len)
    return NAN;

  points = g_ptr_array_index (self->curves, series);
  for (guint i = 0; i < points->len; i++)
    {
      const OdanCurvePoint *p = &g_array_index (points, OdanCurvePoint, i);

      if (p->time > minute)
        break;
      value = p->value;
    }
  return value;
}

void
odan_curve_plot_set_cursor (OdanCurvePlot *self,
                            double         minute)
{
  g_return_if_fail (ODAN_IS_CURVE_PLOT (self));

  if (self->cursor == minute || (isnan (self->cursor) && isnan (minute)))
    return;
  self->cursor = minute;
  gtk_widget_queue_draw (GTK_WIDGET (self));
  odan_curve_plot_update_description (self);
}

void
odan_curve_plot_set_bands (OdanCurvePlot  *self,
                           const OdanRuns *runs)
{
  g_return_if_fail (ODAN_IS_CURVE_PLOT (self));

  g_ptr_array_set_size (self->bands, 0);
  for (guint i = 0; runs != NULL && i < self->curves->len; i++)
    g_ptr_array_add (self->bands, odan_runs_dup_node (runs, i));
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

guint
odan_curve_plot_get_n_bands (OdanCurvePlot *self)
{
  g_return_val_if_fail (ODAN_IS_CURVE_PLOT (self), 0);

  return self->bands->len;
}

double
odan_curve_plot_get_cursor (OdanCurvePlot *self)
{
  g_return_val_if_fail (ODAN_IS_CURVE_PLOT (self), NAN);

  return self->cursor;
}

char *
odan_curve_plot_describe_at (OdanCurvePlot *self,
                             double         minute)
{
  g_autoptr(GString) text = NULL;
  g_autofree char *time = NULL;

  g_return_val_if_fail (ODAN_IS_CURVE_PLOT (self), NULL);

  time = odan_time_format_offset (minute);
  text = g_string_new (time);
  for (guint i = 0; i < self->curves->len; i++)
    {
      double value = odan_curve_plot_value_at (self, i, minute);

      if (isnan (value))
        continue;
      /* Translators: one line of the plot's tooltip: a series and its operability, e.g. "Electricity: 45%" */
      g_string_append_printf (text, _("\n%s: %.0f%%"), (const char *) g_ptr_array_index (self->names, i),
                              floor (value * 100 + 0.5));
    }
  return g_string_free (g_steal_pointer (&text), FALSE);
}

/* odan-curve-plot.c — operability curves over exercise time, drawn as step lines
 *
 * Operability is piecewise constant between the simulator's changes, so
 * each series is drawn as a step line: flat until the next point, then a
 * vertical step. The y axis is operability 0–100 %, the x axis exercise
 * time with T+ labels at a "nice" interval chosen so they never overlap.
 * Under the plot, a legend: a swatch and the series' name, wrapped onto as
 * many lines as the width needs (measure() asks for their height).
 *
 * The cursor is the review's scrub time: a vertical line in the accent
 * colour. Hovering shows a tooltip with every series' value at the time
 * under the pointer; a click or a drag asks the owner to move the cursor
 * there ("seek"), so the plot itself scrubs.
 *
 * Series colours: a fixed palette of mid tones from the GNOME palette,
 * readable on light and dark backgrounds alike; axes and text take the
 * widget's foreground colour.
 */
#define G_LOG_DOMAIN "odan-gui"

#include <glib/gi18n.h>
#include <math.h>

#include "odan-counterfactual.h"
#include "odan-curve-plot.h"
#include "odan-time.h"

#define MARGIN_TOP     10.0
#define MARGIN_RIGHT   16.0
#define AXIS_GAP        6.0
#define LEGEND_GAP     10.0
#define SWATCH         12.0
#define MIN_PLOT_H    140.0

struct _OdanCurvePlot
{
  GtkWidget   parent_instance;

  GPtrArray  *names;      /* char* */
  GPtrArray  *curves;     /* GArray of OdanCurvePoint, referenced */
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

/* GNOME palette, the 3rd/4th shades: blue, orange, green, purple, red,
 * brown, yellow, teal — distinct from each other in both styles. */
static const double palette[][3] = {
  { 0x35 / 255.0, 0x84 / 255.0, 0xe4 / 255.0 },
  { 0xff / 255.0, 0x78 / 255.0, 0x00 / 255.0 },
  { 0x2e / 255.0, 0xc2 / 255.0, 0x7e / 255.0 },
  { 0x91 / 255.0, 0x41 / 255.0, 0xac / 255.0 },
  { 0xe0 / 255.0, 0x1b / 255.0, 0x24 / 255.0 },
  { 0x98 / 255.0, 0x6a / 255.0, 0x44 / 255.0 },
  { 0xe5 / 255.0, 0xa5 / 255.0, 0x0a / 255.0 },
  { 0x1c / 255.0, 0xa0 / 255.0, 0xa8 / 255.0 },
};

/* Tick intervals for the time axis, in minutes. */
static const double time_steps[] = { 5, 10, 15, 30, 60, 120, 180, 360, 720, 1440, 2880, 10080 };

typedef struct {
  double left, top, right, bottom;   /* the plot area */
  double legend_top;
} Frame;

static PangoLayout *
make_layout (OdanCurvePlot *self,
             const char    *text)
{
  PangoLayout *layout = gtk_widget_create_pango_layout (GTK_WIDGET (self), text);
  const PangoFontDescription *base = pango_context_get_font_description (pango_layout_get_context (layout));
  g_autoptr(PangoFontDescription) font = base ? pango_font_description_copy (base) : pango_font_description_new ();

  /* A notch smaller than the body text, as chart labels usually are. */
  pango_font_description_set_size (font, 9 * PANGO_SCALE);
  pango_layout_set_font_description (layout, font);
  return layout;
}

static int
text_height (OdanCurvePlot *self)
{
  g_autoptr(PangoLayout) layout = make_layout (self, "T+0123456789%");
  int h;

  pango_layout_get_pixel_size (layout, NULL, &h);
  return h;
}

static double
legend_entry_width (OdanCurvePlot *self,
                    guint          series)
{
  g_autoptr(PangoLayout) layout = make_layout (self, g_ptr_array_index (self->names, series));
  int w;

  pango_layout_get_pixel_size (layout, &w, NULL);
  return SWATCH + 6 + w + 18;
}

/* How many lines the legend takes at @width, laying entries left to right. */
static guint
legend_lines (OdanCurvePlot *self,
              double         width,
              double         left)
{
  guint lines = self->names->len > 0 ? 1 : 0;
  double x = left;

  for (guint i = 0; i < self->names->len; i++)
    {
      double w = legend_entry_width (self, i);

      if (x > left && x + w > width - MARGIN_RIGHT)
        {
          lines++;
          x = left;
        }
      x += w;
    }
  return lines;
}

static double
y_axis_width (OdanCurvePlot *self)
{
  g_autoptr(PangoLayout) layout = make_layout (self, "100%");
  int w;

  pango_layout_get_pixel_size (layout, &w, NULL);
  return w + AXIS_GAP + 8;
}

static void
compute_frame (OdanCurvePlot *self,
               double         width,
               double         height,
               Frame         *frame)
{
  int th = text_height (self);
  guint lines = legend_lines (self, width, y_axis_width (self));

  frame->left = y_axis_width (self);
  frame->right = width - MARGIN_RIGHT;
  frame->top = MARGIN_TOP;
  frame->legend_top = height - lines * (th + 6);
  frame->bottom = frame->legend_top - (lines > 0 ? LEGEND_GAP : 0) - th - AXIS_GAP;
  if (frame->right <= frame->left)
    frame->right = frame->left + 1;
  if (frame->bottom <= frame->top)
    frame->bottom = frame->top + 1;
}

static double
x_of (OdanCurvePlot *self,
      const Frame   *frame,
      double         minute)
{
  double span = self->end - self->start;

  if (span <= 0)
    return frame->left;
  return frame->left + (minute - self->start) / span * (frame->right - frame->left);
}

static double
minute_of (OdanCurvePlot *self,
           const Frame   *frame,
           double         x)
{
  double span = self->end - self->start;

  x = CLAMP (x, frame->left, frame->right);
  return self->start + (x - frame->left) / (frame->right - frame->left) * span;
}

static double
y_of (const Frame *frame,
      double       value)
{
  return frame->bottom - CLAMP (value, 0, 1) * (frame->bottom - frame->top);
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
      int th = text_height (self);
      double width = for_size > 0 ? for_size : 480;
      guint lines = legend_lines (self, width, y_axis_width (self));
      int extra = MARGIN_TOP + th + AXIS_GAP + (lines > 0 ? LEGEND_GAP + lines * (th + 6) : 0);

      *minimum = MIN_PLOT_H + extra;
      *natural = 220 + extra;
    }
}

static void
draw_axes (OdanCurvePlot *self,
           cairo_t       *cr,
           const Frame   *frame,
           const GdkRGBA *fg)
{
  static const double levels[] = { 0, 0.5, 1 };
  double span = self->end - self->start;
  double step = time_steps[G_N_ELEMENTS (time_steps) - 1];
  double widest = 0;

  cairo_set_line_width (cr, 1);

  /* Horizontal grid at 0, 50 and 100 %, labelled on the left. */
  for (guint i = 0; i < G_N_ELEMENTS (levels); i++)
    {
      double y = round (y_of (frame, levels[i])) + 0.5;
      /* Translators: an operability level on the plot's axis, e.g. "50%" */
      g_autofree char *text = g_strdup_printf (_("%.0f%%"), levels[i] * 100);
      g_autoptr(PangoLayout) layout = make_layout (self, text);
      int w, h;

      cairo_set_source_rgba (cr, fg->red, fg->green, fg->blue, levels[i] == 0 ? 0.45 : 0.12);
      cairo_move_to (cr, frame->left, y);
      cairo_line_to (cr, frame->right, y);
      cairo_stroke (cr);

      pango_layout_get_pixel_size (layout, &w, &h);
      cairo_set_source_rgba (cr, fg->red, fg->green, fg->blue, 0.7);
      cairo_move_to (cr, frame->left - AXIS_GAP - w, y - h / 2.0);
      pango_cairo_show_layout (cr, layout);
    }

  if (span <= 0)
    return;

  /* The widest label decides the interval: labels never touch. */
  {
    g_autofree char *sample = odan_time_format_offset (self->end);
    g_autoptr(PangoLayout) layout = make_layout (self, sample);
    int w;

    pango_layout_get_pixel_size (layout, &w, NULL);
    widest = w + 16;
  }
  for (guint i = 0; i < G_N_ELEMENTS (time_steps); i++)
    if (time_steps[i] / span * (frame->right - frame->left) >= widest)
      {
        step = time_steps[i];
        break;
      }

  double taken = -G_MAXDOUBLE;   /* right edge of the last label drawn */
  for (double t = ceil (self->start / step) * step; t <= self->end + 1e-9; t += step)
    {
      double x = round (x_of (self, frame, t)) + 0.5;
      g_autofree char *text = odan_time_format_offset (t);
      g_autoptr(PangoLayout) layout = make_layout (self, text);
      int w, h;

      cairo_set_source_rgba (cr, fg->red, fg->green, fg->blue, 0.12);
      cairo_move_to (cr, x, frame->top);
      cairo_line_to (cr, x, frame->bottom);
      cairo_stroke (cr);

      pango_layout_get_pixel_size (layout, &w, &h);
      /* The first and last labels stay inside the widget; one pushed back
       * onto its neighbour is left out. */
      double left = CLAMP (x - w / 2.0, 0, gtk_widget_get_width (GTK_WIDGET (self)) - w);
      if (left < taken + 8)
        continue;
      taken = left + w;
      cairo_set_source_rgba (cr, fg->red, fg->green, fg->blue, 0.7);
      cairo_move_to (cr, left, frame->bottom + AXIS_GAP);
      pango_cairo_show_layout (cr, layout);
    }
}

static void
draw_series (OdanCurvePlot *self,
             cairo_t       *cr,
             const Frame   *frame)
{
  guint n = self->curves->len;

  cairo_set_line_width (cr, 2);
  cairo_set_line_join (cr, CAIRO_LINE_JOIN_MITER);
  cairo_save (cr);
  cairo_rectangle (cr, frame->left - 2, frame->top - 4, frame->right - frame->left + 4, frame->bottom - frame->top + 8);
  cairo_clip (cr);

  for (guint s = 0; s < n; s++)
    {
      GArray *points = g_ptr_array_index (self->curves, s);
      const double *rgb = palette[s % G_N_ELEMENTS (palette)];
      /* Lines at the same level would hide each other: each series sits a
       * pixel or so off the next. */
      double offset = n > 1 ? ((double) s - (n - 1) / 2.0) * MIN (1.5, 6.0 / n) : 0;
      double y = 0;
      gboolean started = FALSE;

      if (points == NULL || points->len == 0)
        continue;

      for (guint i = 0; i < points->len; i++)
        {
          const OdanCurvePoint *p = &g_array_index (points, OdanCurvePoint, i);
          double x = x_of (self, frame, MAX (p->time, self->start));

          if (p->time > self->end)
            break;
          if (!started)
            {
              cairo_move_to (cr, x, y_of (frame, p->value) + offset);
              started = TRUE;
            }
          else
            {
              cairo_line_to (cr, x, y);
              cairo_line_to (cr, x, y_of (frame, p->value) + offset);
            }
          y = y_of (frame, p->value) + offset;
        }
      if (started)
        {
          cairo_line_to (cr, x_of (self, frame, self->end), y);
          cairo_set_source_rgb (cr, rgb[0], rgb[1], rgb[2]);
          cairo_stroke (cr);
        }
    }
  cairo_restore (cr);
}

static void
draw_legend (OdanCurvePlot *self,
             cairo_t       *cr,
             const Frame   *frame,
             const GdkRGBA *fg,
             double         width)
{
  int th = text_height (self);
  double x = frame->left;
  double y = frame->legend_top;

  for (guint i = 0; i < self->names->len; i++)
    {
      const double *rgb = palette[i % G_N_ELEMENTS (palette)];
      g_autoptr(PangoLayout) layout = make_layout (self, g_ptr_array_index (self->names, i));
      double w = legend_entry_width (self, i);

      if (x > frame->left && x + w > width - MARGIN_RIGHT)
        {
          x = frame->left;
          y += th + 6;
        }
      cairo_set_source_rgb (cr, rgb[0], rgb[1], rgb[2]);
      cairo_rectangle (cr, x, y + (th - SWATCH) / 2.0, SWATCH, SWATCH);
      cairo_fill (cr);
      cairo_set_source_rgba (cr, fg->red, fg->green, fg->blue, 0.85);
      cairo_move_to (cr, x + SWATCH + 6, y);
      pango_cairo_show_layout (cr, layout);
      x += w;
    }
}

static void
odan_curve_plot_snapshot (GtkWidget   *widget,
                          GtkSnapshot *snapshot)
{
  OdanCurvePlot *self = ODAN_CURVE_PLOT (widget);
  double width = gtk_widget_get_width (widget);
  double height = gtk_widget_get_height (widget);
  cairo_t *cr;
  GdkRGBA fg, accent;
  Frame frame;

  if (width <= 0 || height <= 0)
    return;

  G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  gtk_style_context_get_color (gtk_widget_get_style_context (widget), &fg);
  if (!gtk_style_context_lookup_color (gtk_widget_get_style_context (widget), "accent_color", &accent))
    gdk_rgba_parse (&accent, "#1c71d8");
  G_GNUC_END_IGNORE_DEPRECATIONS

  compute_frame (self, width, height, &frame);
  cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (0, 0, width, height));

  draw_axes (self, cr, &frame, &fg);
  draw_series (self, cr, &frame);
  draw_legend (self, cr, &frame, &fg, width);

  if (isfinite (self->cursor) && self->end > self->start)
    {
      double x = round (x_of (self, &frame, CLAMP (self->cursor, self->start, self->end))) + 0.5;

      gdk_cairo_set_source_rgba (cr, &accent);
      cairo_set_line_width (cr, 2);
      cairo_move_to (cr, x, frame.top - 4);
      cairo_line_to (cr, x, frame.bottom);
      cairo_stroke (cr);
    }
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
  Frame frame;

  if (self->curves->len == 0 || self->end <= self->start)
    return FALSE;

  compute_frame (self, gtk_widget_get_width (widget), gtk_widget_get_height (widget), &frame);
  if (!keyboard_mode && (x < frame.left || x > frame.right || y < frame.top || y > frame.bottom))
    return FALSE;

  text = odan_curve_plot_describe_at (self, keyboard_mode && isfinite (self->cursor)
                                              ? self->cursor : minute_of (self, &frame, x));
  gtk_tooltip_set_text (tooltip, text);
  return TRUE;
}

static void
odan_curve_plot_seek_to (OdanCurvePlot *self,
                         double         x)
{
  Frame frame;

  if (self->end <= self->start)
    return;
  compute_frame (self, gtk_widget_get_width (GTK_WIDGET (self)), gtk_widget_get_height (GTK_WIDGET (self)), &frame);
  g_signal_emit (self, signals[SEEK], 0, minute_of (self, &frame, x));
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
  for (guint i = 0; i < n_series; i++)
    {
      g_ptr_array_add (self->names, g_strdup (names[i]));
      g_ptr_array_add (self->curves, curves[i] != NULL ? g_array_ref (curves[i])
                                                       : g_array_new (FALSE, FALSE, sizeof (OdanCurvePoint)));
    }
  self->start = start;
  self->end = MAX (end, start);

  gtk_widget_queue_resize (GTK_WIDGET (self));
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

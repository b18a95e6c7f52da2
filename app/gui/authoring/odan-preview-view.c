/* odan-preview-view.c — the scenario before the day, on a timeline
 *
 * Layout, top to bottom: the time axis, the inject lane, then one lane
 * per sector; a column of names on the left. x maps minutes 0 … until
 * linearly onto the width right of the names. Everything is drawn with
 * cairo inside one snapshot node, the time axis by odan-plot.h as on the
 * Review page and in the report; nothing is cached, a preview has a few
 * dozen sectors and injects.
 */
#define G_LOG_DOMAIN "odan-gui"

#include <glib/gi18n.h>
#include <math.h>

#include "odan-pack-writer.h"
#include "odan-plot.h"
#include "odan-preview-view.h"

#define NAME_WIDTH    168.0
#define AXIS_HEIGHT   28.0
#define INJECT_HEIGHT 40.0
#define LANE_HEIGHT   30.0
#define MARGIN        12.0
#define HIT_RADIUS    7.0

struct _OdanPreviewView
{
  GtkWidget    parent_instance;

  OdanPreview *preview;
  int          selected;
};

G_DEFINE_FINAL_TYPE (OdanPreviewView, odan_preview_view, GTK_TYPE_WIDGET)

enum {
  INJECT_ACTIVATED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static double
time_to_x (OdanPreviewView *self,
           double           minutes)
{
  double width = gtk_widget_get_width (GTK_WIDGET (self)) - NAME_WIDTH - 2 * MARGIN;
  double until = self->preview->until > 0 ? self->preview->until : 1;

  return MARGIN + NAME_WIDTH + CLAMP (minutes / until, 0, 1) * MAX (width, 1);
}

gboolean
odan_preview_view_get_marker (OdanPreviewView *self,
                              guint            inject,
                              double          *x,
                              double          *y)
{
  g_return_val_if_fail (ODAN_IS_PREVIEW_VIEW (self), FALSE);

  if (self->preview == NULL || inject >= self->preview->n_injects
      || gtk_widget_get_width (GTK_WIDGET (self)) <= NAME_WIDTH + 2 * MARGIN)
    return FALSE;
  *x = time_to_x (self, self->preview->injects[inject].time);
  *y = AXIS_HEIGHT + INJECT_HEIGHT / 2;
  return TRUE;
}

/* The inject whose marker is at (@x, @y), or -1; flagged ones win where
 * markers overlap, as they are the ones worth clicking. */
static int
marker_at (OdanPreviewView *self,
           double           x,
           double           y)
{
  int best = -1;
  double best_distance = HIT_RADIUS;
  gboolean best_flagged = FALSE;

  if (self->preview == NULL || fabs (y - (AXIS_HEIGHT + INJECT_HEIGHT / 2)) > INJECT_HEIGHT / 2)
    return -1;
  for (guint i = 0; i < self->preview->n_injects; i++)
    {
      double mx, my, distance;
      gboolean flagged = self->preview->injects[i].flagged;

      if (!odan_preview_view_get_marker (self, i, &mx, &my))
        return -1;
      distance = fabs (mx - x);
      if (distance <= HIT_RADIUS && (best < 0 || (flagged && !best_flagged)
                                     || (flagged == best_flagged && distance < best_distance)))
        {
          best = i;
          best_distance = distance;
          best_flagged = flagged;
        }
    }
  return best;
}

static char *
format_time (double minutes)
{
  g_autofree char *duration = odan_pack_format_duration (round (minutes));

  /* "T+1d6h": after the start of the exercise */
  return g_strdup_printf (_("T+%s"), duration);
}

char *
odan_preview_view_describe (OdanPreviewView *self,
                            guint            inject)
{
  const OdanPack *pack;
  const OdanPreviewInject *pi;
  const OdanInject *in;
  g_autofree char *when = NULL;
  GString *text;

  g_return_val_if_fail (ODAN_IS_PREVIEW_VIEW (self), NULL);
  g_return_val_if_fail (self->preview != NULL && inject < self->preview->n_injects, NULL);

  pack = self->preview->pack;
  pi = &self->preview->injects[inject];
  in = &pack->injects[pi->inject];
  when = format_time (pi->time);
  text = g_string_new (NULL);
  g_string_append_printf (text, "%s  %s — %s", in->id, when, odan_pack_localized (in->title, in->title_ja));

  for (guint m = 0; m < pi->n_mentions; m++)
    {
      const OdanPreviewMention *mention = &pi->mentions[m];
      const OdanSector *sector = &pack->sectors[mention->sector];
      const char *name = odan_pack_localized (sector->name, sector->name_ja);
      g_autofree char *reference = mention->reference >= 0 ? format_time (mention->reference) : NULL;

      g_string_append_c (text, '\n');
      switch (mention->timing)
        {
        case ODAN_PREVIEW_TIMING_EARLY:
          if (reference != NULL)
            g_string_append_printf (text, _("Too early: it announces an outage of %s (“%s”), "
                                            "but the model degrades %s only at %s"),
                                    name, mention->keyword != NULL ? mention->keyword : sector->id,
                                    name, reference);
          else
            g_string_append_printf (text, _("Too early: it announces an outage of %s (“%s”), "
                                            "but the model never degrades %s"),
                                    name, mention->keyword != NULL ? mention->keyword : sector->id, name);
          break;
        case ODAN_PREVIEW_TIMING_LATE:
          g_string_append_printf (text, _("Late: it speaks of an outage of %s, which recovered at %s"),
                                  name, reference != NULL ? reference : "");
          break;
        case ODAN_PREVIEW_TIMING_OK:
          g_string_append_printf (text, _("Matches the model: %s is degraded then"), name);
          break;
        case ODAN_PREVIEW_TIMING_NONE:
        default:
          g_string_append_printf (text, _("Mentions %s"), name);
          break;
        }
    }
  return g_string_free (text, FALSE);
}

char *
odan_preview_view_get_summary (OdanPreviewView *self)
{
  const OdanPack *pack;
  g_autoptr(GString) text = NULL;
  g_autofree char *until = NULL;
  guint n_flagged = 0, n_noted = 0, n_normal = 0;

  g_return_val_if_fail (ODAN_IS_PREVIEW_VIEW (self), NULL);

  if (self->preview == NULL)
    return g_strdup (_("No preview yet."));

  pack = self->preview->pack;
  for (guint i = 0; i < self->preview->n_injects; i++)
    {
      n_flagged += self->preview->injects[i].flagged;
      n_noted += self->preview->injects[i].noted;
    }
  until = format_time (self->preview->until);
  text = g_string_new (NULL);
  /* Translators: the start of the editor preview's description, e.g. "12 injects until T+3d." */
  g_string_append_printf (text, ngettext ("%u inject until %s.", "%u injects until %s.", self->preview->n_injects),
                          self->preview->n_injects, until);
  if (n_flagged > 0)
    g_string_append_printf (text, ngettext (" %u announces an outage too early.",
                                            " %u announce an outage too early.", n_flagged), n_flagged);
  if (n_noted > 0)
    g_string_append_printf (text, ngettext (" %u speaks of an outage after it ended.",
                                            " %u speak of an outage after it ended.", n_noted), n_noted);

  /* the sectors the model degrades, in the lanes' order, then how many stay normal */
  for (guint i = 0; i < self->preview->n_sectors; i++)
    {
      const OdanPreviewSector *ps = &self->preview->sectors[i];
      const OdanSector *sector = &pack->sectors[ps->sector];
      g_autofree char *from = NULL;
      g_autofree char *worst = NULL;

      if (ps->first_degraded < 0)
        {
          n_normal++;
          continue;
        }
      from = format_time (ps->first_degraded);
      worst = format_time (ps->worst_time);
      /* Translators: one sector in the editor preview's description, e.g. " Electricity: degraded from T+2h, lowest 10% at T+6h." */
      g_string_append_printf (text, _(" %s: degraded from %s, lowest %.0f%% at %s."),
                              odan_pack_localized (sector->name, sector->name_ja), from,
                              floor (ps->worst_level * 100.0 + 0.5), worst);
    }
  if (n_normal > 0)
    g_string_append_printf (text, ngettext (" %u sector stays normal.", " %u sectors stay normal.", n_normal),
                            n_normal);
  return g_string_free (g_steal_pointer (&text), FALSE);
}

/* ------------------------------------------------------------------ */
/* Drawing */

static void
set_color (cairo_t    *cr,
           const char *spec,
           double      alpha)
{
  GdkRGBA rgba;

  gdk_rgba_parse (&rgba, spec);
  cairo_set_source_rgba (cr, rgba.red, rgba.green, rgba.blue, alpha);
}

static void
draw_text (OdanPreviewView *self,
           cairo_t         *cr,
           const char      *text,
           double           x,
           double           y,
           double           max_width,
           gboolean         small)
{
  g_autoptr(PangoLayout) layout = gtk_widget_create_pango_layout (GTK_WIDGET (self), text);

  if (small)
    {
      g_autoptr(PangoAttrList) attrs = pango_attr_list_new ();

      pango_attr_list_insert (attrs, pango_attr_scale_new (PANGO_SCALE_SMALL));
      pango_layout_set_attributes (layout, attrs);
    }
  if (max_width > 0)
    {
      pango_layout_set_width (layout, (int) (max_width * PANGO_SCALE));
      pango_layout_set_ellipsize (layout, PANGO_ELLIPSIZE_END);
    }
  cairo_move_to (cr, x, y);
  pango_cairo_show_layout (cr, layout);
}

/* The time axis over every lane: a tick about every 80 pixels or more,
 * labelled above the lanes in the widget's small font (odan-plot.h). */
static void
draw_axis (OdanPreviewView *self,
           cairo_t         *cr,
           const GdkRGBA   *fg)
{
  PangoContext *context = gtk_widget_get_pango_context (GTK_WIDGET (self));
  g_autoptr(PangoFontDescription) font = pango_font_description_copy (pango_context_get_font_description (context));
  OdanPlot plot = {
    .pango = context, .font = font, .fg = { fg->red, fg->green, fg->blue },
    .left = time_to_x (self, 0), .right = time_to_x (self, self->preview->until),
    .top = AXIS_HEIGHT - 4, .bottom = gtk_widget_get_height (GTK_WIDGET (self)),
    .start = 0, .end = self->preview->until,
    .text_left = 0, .text_right = gtk_widget_get_width (GTK_WIDGET (self)),
  };

  if (pango_font_description_get_size_is_absolute (font))
    pango_font_description_set_absolute_size (font, pango_font_description_get_size (font) * PANGO_SCALE_SMALL);
  else
    pango_font_description_set_size (font, pango_font_description_get_size (font) * PANGO_SCALE_SMALL);
  odan_plot_draw_time_grid (&plot, cr, odan_plot_time_step (&plot, 80), ODAN_PLOT_LABELS_ABOVE);
}

/* Sector @s's band over many runs (p10–p90 shaded, p50 drawn) across its
 * lane at @y, 0 at the lane's foot and 1 at its head (odan-plot.h). */
static void
draw_band (OdanPreviewView *self,
           cairo_t         *cr,
           const GdkRGBA   *fg,
           guint            s,
           double           y)
{
  PangoContext *context = gtk_widget_get_pango_context (GTK_WIDGET (self));
  g_autoptr(GArray) rows = odan_runs_dup_node (self->preview->bands, s);
  OdanPlot plot = {
    .pango = context, .font = pango_context_get_font_description (context),
    .fg = { fg->red, fg->green, fg->blue },
    .left = time_to_x (self, 0), .right = time_to_x (self, self->preview->until),
    .top = y + 3, .bottom = y + LANE_HEIGHT - 3,
    .start = 0, .end = self->preview->until,
    .text_left = 0, .text_right = gtk_widget_get_width (GTK_WIDGET (self)),
  };

  odan_plot_draw_band (&plot, cr, rows, s, 0.45, 1.5);
}

/* One lane per sector: its name, shaded where the model has it degraded,
 * its band over many runs when the pack has uncertain values, and its
 * worst level. */
static void
draw_lanes (OdanPreviewView *self,
            cairo_t         *cr,
            const GdkRGBA   *fg)
{
  const OdanPack *pack = self->preview->pack;
  double x0 = time_to_x (self, 0);
  double x1 = time_to_x (self, self->preview->until);

  cairo_set_source_rgba (cr, fg->red, fg->green, fg->blue, 0.8);
  draw_text (self, cr, _("Injects"), MARGIN, AXIS_HEIGHT + INJECT_HEIGHT / 2 - 9, NAME_WIDTH - 8, FALSE);

  for (guint s = 0; s < self->preview->n_sectors; s++)
    {
      const OdanPreviewSector *ps = &self->preview->sectors[s];
      const OdanSector *sector = &pack->sectors[ps->sector];
      double y = AXIS_HEIGHT + INJECT_HEIGHT + s * LANE_HEIGHT;
      double depth = CLAMP (1.0 - ps->worst_level, 0, 1);

      cairo_set_source_rgba (cr, fg->red, fg->green, fg->blue, s % 2 == 0 ? 0.04 : 0.0);
      cairo_rectangle (cr, x0, y, x1 - x0, LANE_HEIGHT);
      cairo_fill (cr);

      cairo_set_source_rgba (cr, fg->red, fg->green, fg->blue, 0.8);
      draw_text (self, cr, odan_pack_localized (sector->name, sector->name_ja),
                 MARGIN, y + LANE_HEIGHT / 2 - 9, NAME_WIDTH - 8, FALSE);

      for (guint i = 0; i < ps->n_spans; i++)
        {
          double start = time_to_x (self, ps->spans[i].start);
          double end = time_to_x (self, ps->spans[i].end >= 0 ? ps->spans[i].end : self->preview->until);

          set_color (cr, "#c01c28", 0.25 + 0.6 * depth);
          cairo_rectangle (cr, start, y + 5, MAX (end - start, 2), LANE_HEIGHT - 10);
          cairo_fill (cr);
        }
      /* over the shading, which says where; the band says how far */
      if (self->preview->bands != NULL)
        draw_band (self, cr, fg, s, y);
      if (ps->worst_time >= 0)
        {
          g_autofree char *level = g_strdup_printf ("%.0f%%", ps->worst_level * 100);
          double x = time_to_x (self, ps->worst_time);

          set_color (cr, "#ffffff", 0.95);
          cairo_arc (cr, x, y + LANE_HEIGHT / 2, 3, 0, 2 * G_PI);
          cairo_fill (cr);
          cairo_set_source_rgba (cr, fg->red, fg->green, fg->blue, 0.9);
          draw_text (self, cr, level, MIN (x + 6, x1 - 36), y + LANE_HEIGHT / 2 - 8, -1, TRUE);
        }
    }
}

/* Inject @i's marker at (@x, @y): a flag with lines down to the lanes it
 * announces too early, a note, or a plain dot; ringed when selected. */
static void
draw_marker (OdanPreviewView *self,
             cairo_t         *cr,
             const GdkRGBA   *fg,
             guint            i,
             double           x,
             double           y)
{
  const OdanPreviewInject *pi = &self->preview->injects[i];

  if (pi->flagged)
    {
      for (guint m = 0; m < pi->n_mentions; m++)
        if (pi->mentions[m].timing == ODAN_PREVIEW_TIMING_EARLY)
          {
            double lane = AXIS_HEIGHT + INJECT_HEIGHT + pi->mentions[m].sector * LANE_HEIGHT;

            set_color (cr, "#e01b24", 0.9);
            cairo_set_line_width (cr, 2);
            cairo_move_to (cr, x, y);
            cairo_line_to (cr, x, lane + LANE_HEIGHT - 4);
            cairo_stroke (cr);
            cairo_set_line_width (cr, 1);
          }
      set_color (cr, "#e01b24", 1);
      cairo_move_to (cr, x, y - 8);
      cairo_line_to (cr, x + 8, y + 6);
      cairo_line_to (cr, x - 8, y + 6);
      cairo_close_path (cr);
      cairo_fill (cr);
      set_color (cr, "#ffffff", 1);
      draw_text (self, cr, "!", x - 2, y - 5, -1, TRUE);
    }
  else if (pi->noted)
    {
      set_color (cr, "#e5a50a", 1);
      cairo_rectangle (cr, x - 5, y - 5, 10, 10);
      cairo_fill (cr);
    }
  else
    {
      set_color (cr, "#3584e4", 1);
      cairo_arc (cr, x, y, 5, 0, 2 * G_PI);
      cairo_fill (cr);
    }

  if ((int) i == self->selected)
    {
      cairo_set_source_rgba (cr, fg->red, fg->green, fg->blue, 1);
      cairo_set_line_width (cr, 2);
      cairo_arc (cr, x, y, 10, 0, 2 * G_PI);
      cairo_stroke (cr);
      cairo_set_line_width (cr, 1);
    }
}

static void
odan_preview_view_snapshot (GtkWidget   *widget,
                            GtkSnapshot *snapshot)
{
  OdanPreviewView *self = ODAN_PREVIEW_VIEW (widget);
  double width = gtk_widget_get_width (widget);
  double height = gtk_widget_get_height (widget);
  GdkRGBA fg;
  cairo_t *cr;

  if (self->preview == NULL || width <= NAME_WIDTH + 2 * MARGIN)
    return;

  G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  gtk_style_context_get_color (gtk_widget_get_style_context (widget), &fg);
  G_GNUC_END_IGNORE_DEPRECATIONS

  cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (0, 0, width, height));
  cairo_set_line_width (cr, 1);
  draw_axis (self, cr, &fg);
  draw_lanes (self, cr, &fg);

  /* the injects: plain dots, then notes, then flags on top */
  for (guint pass = 0; pass < 3; pass++)
    for (guint i = 0; i < self->preview->n_injects; i++)
      {
        const OdanPreviewInject *pi = &self->preview->injects[i];
        guint kind = pi->flagged ? 2 : pi->noted ? 1 : 0;
        double x, y;

        if (kind == pass && odan_preview_view_get_marker (self, i, &x, &y))
          draw_marker (self, cr, &fg, i, x, y);
      }
  cairo_destroy (cr);
}

static void
odan_preview_view_measure (GtkWidget      *widget,
                           GtkOrientation  orientation,
                           int             for_size,
                           int            *minimum,
                           int            *natural,
                           int            *minimum_baseline,
                           int            *natural_baseline)
{
  OdanPreviewView *self = ODAN_PREVIEW_VIEW (widget);

  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      *minimum = NAME_WIDTH + 2 * MARGIN + 200;
      *natural = NAME_WIDTH + 2 * MARGIN + 800;
    }
  else
    {
      guint n = self->preview != NULL ? self->preview->n_sectors : 0;

      *minimum = *natural = AXIS_HEIGHT + INJECT_HEIGHT + n * LANE_HEIGHT + MARGIN;
    }
}

static gboolean
on_query_tooltip (GtkWidget  *widget,
                  int         x,
                  int         y,
                  gboolean    keyboard,
                  GtkTooltip *tooltip,
                  gpointer    user_data)
{
  OdanPreviewView *self = ODAN_PREVIEW_VIEW (widget);
  int inject = marker_at (self, x, y);
  g_autofree char *text = NULL;

  if (inject < 0)
    return FALSE;
  text = odan_preview_view_describe (self, inject);
  gtk_tooltip_set_text (tooltip, text);
  return TRUE;
}

static void
on_pressed (GtkGestureClick *gesture,
            int              n_press,
            double           x,
            double           y,
            OdanPreviewView *self)
{
  int inject = marker_at (self, x, y);

  if (inject < 0)
    return;
  odan_preview_view_set_selected (self, inject);
  g_signal_emit (self, signals[INJECT_ACTIVATED], 0, (guint) inject);
}

static void
odan_preview_view_finalize (GObject *object)
{
  OdanPreviewView *self = ODAN_PREVIEW_VIEW (object);

  g_clear_pointer (&self->preview, odan_preview_free);
  G_OBJECT_CLASS (odan_preview_view_parent_class)->finalize (object);
}

static void
odan_preview_view_class_init (OdanPreviewViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->finalize = odan_preview_view_finalize;
  widget_class->snapshot = odan_preview_view_snapshot;
  widget_class->measure = odan_preview_view_measure;

  /* An inject marker was clicked: its index into the pack's injects. */
  signals[INJECT_ACTIVATED] =
    g_signal_new ("inject-activated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_UINT);

  gtk_widget_class_set_css_name (widget_class, "preview-timeline");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
}

static void
odan_preview_view_init (OdanPreviewView *self)
{
  GtkGesture *click = gtk_gesture_click_new ();

  self->selected = -1;
  gtk_widget_set_has_tooltip (GTK_WIDGET (self), TRUE);
  g_signal_connect (self, "query-tooltip", G_CALLBACK (on_query_tooltip), NULL);
  g_signal_connect (click, "pressed", G_CALLBACK (on_pressed), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (click));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Timeline of the scenario without decisions"), -1);
}

GtkWidget *
odan_preview_view_new (void)
{
  return g_object_new (ODAN_TYPE_PREVIEW_VIEW, NULL);
}

void
odan_preview_view_set_preview (OdanPreviewView *self,
                               OdanPreview     *preview)
{
  g_return_if_fail (ODAN_IS_PREVIEW_VIEW (self));

  g_clear_pointer (&self->preview, odan_preview_free);
  self->preview = preview;
  if (preview == NULL || self->selected >= (int) preview->n_injects)
    self->selected = -1;
  /* what the picture shows, for those who cannot see it */
  {
    g_autofree char *summary = odan_preview_view_get_summary (self);

    gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, summary, -1);
  }
  gtk_widget_queue_resize (GTK_WIDGET (self));
}

const OdanPreview *
odan_preview_view_get_preview (OdanPreviewView *self)
{
  g_return_val_if_fail (ODAN_IS_PREVIEW_VIEW (self), NULL);

  return self->preview;
}

void
odan_preview_view_set_selected (OdanPreviewView *self,
                                int              inject)
{
  g_return_if_fail (ODAN_IS_PREVIEW_VIEW (self));

  self->selected = inject;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

/* odan-curve-plot.h — operability curves over exercise time, drawn as step lines */
#pragma once

#include <gtk/gtk.h>
#include "odan-sim-runs.h"

G_BEGIN_DECLS

#define ODAN_TYPE_CURVE_PLOT (odan_curve_plot_get_type ())

G_DECLARE_FINAL_TYPE (OdanCurvePlot, odan_curve_plot, ODAN, CURVE_PLOT, GtkWidget)

GtkWidget *odan_curve_plot_new (void);

/* Shows @n_series curves: @names[i] (copied) and @curves[i], a GArray of
 * OdanCurvePoint (odan-counterfactual.h) in time order, the first at or
 * before @start (referenced, never changed). @n_series 0 clears the plot.
 * The x axis runs from @start to @end minutes. */
void       odan_curve_plot_set_series (OdanCurvePlot     *self,
                                       guint              n_series,
                                       const char *const *names,
                                       GArray           **curves,
                                       double             start,
                                       double             end);
guint      odan_curve_plot_get_n_series (OdanCurvePlot *self);
/* A band under each series: series i's is @runs' rows of node (or group)
 * i, p10–p90 shaded in the series' colour (odan_plot_draw_band()). Call
 * after odan_curve_plot_set_series(), which clears them; NULL clears. */
void       odan_curve_plot_set_bands  (OdanCurvePlot  *self,
                                       const OdanRuns *runs);
guint      odan_curve_plot_get_n_bands (OdanCurvePlot *self);
const char *odan_curve_plot_get_name    (OdanCurvePlot *self,
                                         guint          series);
/* The value of @series at @minute (the step in force then), NAN before
 * its first point or for no such series. */
double     odan_curve_plot_value_at   (OdanCurvePlot *self,
                                       guint          series,
                                       double         minute);

/* The vertical cursor (the review's scrub time); NAN hides it. */
void       odan_curve_plot_set_cursor (OdanCurvePlot *self,
                                       double         minute);
double     odan_curve_plot_get_cursor (OdanCurvePlot *self);

/* The tooltip's text for @minute: the time, then each series' value. */
char      *odan_curve_plot_describe_at (OdanCurvePlot *self,
                                        double         minute);

G_END_DECLS

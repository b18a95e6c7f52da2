/* odan-review-page.c — the evaluator's review: timeline, curves, scrubbing, measures, observations
 *
 * The console's Review page, for the evaluator during or after play:
 *
 *  - a scrubber over exercise time: the plot's cursor and the page's own
 *    sector board (not the live one) show the model at the chosen instant,
 *    rebuilt from the log by odan_exercise_state_at();
 *  - the timeline: every event of the log plus the engine's impacts (a
 *    sector's mean operability crossing a band: normal, degraded,
 *    impaired, down), in a GtkColumnView filtered by team, sector,
 *    category, a time range and a search (GListStores → GtkFlattenListModel
 *    → GtkSortListModel by time → GtkFilterListModel);
 *  - the operability curves (OdanCurvePlot) of every sector, or of the
 *    nodes of one;
 *  - the measures (odan-measures.h) and the counterfactual
 *    (odan-counterfactual.h): time to report, reach rate per relay stage
 *    and CEPTOAR, deliveries never answered, decisions per category, the
 *    impact each team and decision avoided;
 *  - the observations and the improvement plan (odan-evaluation.h), with
 *    the dialog and the form that log them;
 *  - the export of the AAR/IP (odan-report.h) as HTML, PDF or CSV.
 *
 * The measures, the counterfactual reruns and the curves take a moment on a
 * large exercise, so they run in a GTask thread. The thread never touches
 * the live exercise, which the main thread goes on appending to: it opens
 * its own read-only copy of the store (odan_store_open_location() on the
 * live store's location) and replays it. The copy, the report built on it
 * and the curves are handed to the main thread whole (OdanReviewData) and
 * only read there afterwards: the report's strings are borrowed from the
 * copy's pack. Exports work the same way, each on a fresh copy, so they
 * include what was logged up to the moment they start.
 */
#define G_LOG_DOMAIN "odan-gui"

#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

#include "odan-counterfactual.h"
#include "odan-decision-item.h"
#include "odan-evaluation.h"
#include "odan-file-chooser.h"
#include "odan-measures.h"
#include "odan-observation-dialog.h"
#include "odan-review-page-private.h"
#include "odan-time.h"
#include "odan-timeline-item.h"

G_DEFINE_FINAL_TYPE (OdanReviewPage, odan_review_page, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_BUSY,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* Impacts sort after the events of their minute. */
#define IMPACT_ORDER (G_MAXINT64 / 2)

struct _OdanReviewData
{
  OdanExercise  *copy;          /* owns the pack the report's strings come from */
  OdanReport    *report;
  GArray       **sector_curves; /* n_sectors, OdanCurvePoint, as played */
  GArray       **node_curves;   /* n_nodes, OdanCurvePoint */
  guint          n_sectors;
  guint          n_nodes;
  double         horizon;
};

static void
odan_review_data_free (OdanReviewData *data)
{
  if (data == NULL)
    return;
  g_clear_pointer (&data->report, odan_report_free);
  if (data->sector_curves != NULL)
    odan_counterfactual_curves_free (data->sector_curves, data->n_sectors);
  for (guint i = 0; data->node_curves != NULL && i < data->n_nodes; i++)
    g_clear_pointer (&data->node_curves[i], g_array_unref);
  g_free (data->node_curves);
  g_clear_object (&data->copy);
  g_free (data);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (OdanReviewData, odan_review_data_free)

/* Words ------------------------------------------------------------------- */

static const char *
stage_label (OdanRelayStage stage)
{
  switch (stage)
    {
    case ODAN_RELAY_STAGE_NISC:
      /* Translators: a stage of the information relay */
      return C_("relay stage", "NISC");
    case ODAN_RELAY_STAGE_MINISTRY:
      return C_("relay stage", "Ministries");
    case ODAN_RELAY_STAGE_CEPTOAR:
      return C_("relay stage", "CEPTOARs");
    case ODAN_RELAY_STAGE_MEMBER:
    default:
      return C_("relay stage", "Members");
    }
}

static const char *
report_stage_label (guint stage)
{
  switch (stage)
    {
    case 0:
      return C_("report stage", "Initial report");
    case 1:
      return C_("report stage", "Follow-up");
    case 2:
    default:
      return C_("report stage", "Final report");
    }
}

static const char *
timing_label (OdanTimingState state)
{
  switch (state)
    {
    case ODAN_TIMING_MET:
      return C_("report timing", "met");
    case ODAN_TIMING_MET_LATE:
      return C_("report timing", "met late");
    case ODAN_TIMING_LATE:
      return C_("report timing", "late");
    case ODAN_TIMING_OPEN:
      return C_("report timing", "not due yet");
    case ODAN_TIMING_NO_DEADLINE:
    default:
      return C_("report timing", "no deadline");
    }
}

static const char *
status_label (OdanImprovementStatus status)
{
  switch (status)
    {
    case ODAN_IMPROVEMENT_OPEN:
      return C_("improvement status", "Open");
    case ODAN_IMPROVEMENT_IN_PROGRESS:
      return C_("improvement status", "In progress");
    case ODAN_IMPROVEMENT_COMPLETED:
      return C_("improvement status", "Completed");
    case ODAN_IMPROVEMENT_CANCELLED:
    default:
      return C_("improvement status", "Cancelled");
    }
}

/* A duration for people: "30 min", "1 h 05 min". */
static char *
format_duration (double minutes)
{
  long total = lround (minutes);

  if (total < 60)
    /* Translators: a duration in minutes, e.g. "30 min" */
    return g_strdup_printf (_("%ld min"), total);
  /* Translators: a duration in hours and minutes, e.g. "1 h 05 min" */
  return g_strdup_printf (_("%ld h %02ld min"), total / 60, total % 60);
}

static char *
format_percent (double value)
{
  /* Translators: a node's operability as a percentage, e.g. "45%" */
  return g_strdup_printf (_("%.0f%%"), floor (value * 100.0 + 0.5));
}

static const char *
team_name (const OdanPack *pack,
           guint32         team)
{
  if (team >= pack->n_teams)
    return "";
  return odan_pack_localized (pack->teams[team].name, pack->teams[team].name_ja);
}

static const char *
inject_title (const OdanPack *pack,
              guint32         inject)
{
  if (inject >= pack->n_injects)
    return _("an ad hoc inject");
  return odan_pack_localized (pack->injects[inject].title, pack->injects[inject].title_ja);
}

/* The band of a level, as the sector board colours it. */
static int
band_of (double value)
{
  if (value >= 0.99995)
    return 0;
  if (value >= 0.5)
    return 1;
  if (value > 0.00005)
    return 2;
  return 3;
}

static const char *
band_label (int band)
{
  switch (band)
    {
    case 0:
      return C_("operability band", "normal");
    case 1:
      return C_("operability band", "degraded");
    case 2:
      return C_("operability band", "impaired");
    case 3:
    default:
      return C_("operability band", "down");
    }
}

static void
show_toast (OdanReviewPage *self,
            const char     *text)
{
  GtkWidget *overlay = gtk_widget_get_ancestor (GTK_WIDGET (self), ADW_TYPE_TOAST_OVERLAY);
  AdwToast *toast;

  if (overlay == NULL)
    {
      g_message ("%s", text);
      return;
    }
  toast = adw_toast_new (text);
  adw_toast_set_timeout (toast, 6);
  adw_toast_overlay_add_toast (ADW_TOAST_OVERLAY (overlay), toast);
}

/* The timeline --------------------------------------------------------------- */

static void
add_index (GArray  *indices,
           guint32  index)
{
  for (guint i = 0; i < indices->len; i++)
    if (g_array_index (indices, guint32, i) == index)
      return;
  g_array_append_val (indices, index);
}

static OdanTimelineItem *
item_for_event (OdanReviewPage  *self,
                GHashTable      *team_index,
                const OdanEvent *event)
{
  OdanExercise *ex = self->exercise;
  const OdanPack *pack = odan_exercise_get_pack (ex);
  g_autoptr(GArray) teams = g_array_new (FALSE, FALSE, sizeof (guint32));
  g_autoptr(GArray) sectors = g_array_new (FALSE, FALSE, sizeof (guint32));
  g_autofree char *summary = odan_exercise_describe_event (ex, event);
  g_autoptr(GString) team_text = g_string_new (NULL);
  OdanTimelineKind kind = ODAN_TIMELINE_CLOCK;
  const char *kind_text = "";
  int category = -1;
  gpointer found;

  switch (event->kind)
    {
    case ODAN_EVENT_DELIVERY:
      kind = ODAN_TIMELINE_INJECT;
      kind_text = event->action == ODAN_ACTION_FORWARDED ? C_("timeline", "Forward")
                  : event->action == ODAN_ACTION_SKIPPED ? C_("timeline", "Skipped inject")
                  : C_("timeline", "Inject");
      for (guint32 t = 0; t < pack->n_teams; t++)
        if (odan_exercise_delivery_reaches (ex, event, t))
          add_index (teams, t);
      break;
    case ODAN_EVENT_RESCHEDULE:
      kind = ODAN_TIMELINE_INJECT;
      kind_text = C_("timeline", "Reschedule");
      break;
    case ODAN_EVENT_ACK:
      kind = ODAN_TIMELINE_ACK;
      kind_text = C_("timeline", "Acknowledgement");
      break;
    case ODAN_EVENT_DECISION:
      kind = ODAN_TIMELINE_DECISION;
      category = event->category;
      kind_text = odan_decision_item_category_name (event->category);
      break;
    case ODAN_EVENT_MITIGATION:
      kind = ODAN_TIMELINE_MITIGATION;
      kind_text = C_("timeline", "Mitigation");
      break;
    case ODAN_EVENT_OBSERVATION:
      kind = ODAN_TIMELINE_OBSERVATION;
      kind_text = event->action == ODAN_ACTION_IMPROVEMENT ? C_("timeline", "Corrective action")
                                                        : C_("timeline", "Observation");
      break;
    case ODAN_EVENT_CLOCK:
    default:
      kind = ODAN_TIMELINE_CLOCK;
      kind_text = C_("timeline", "Clock");
      break;
    }

  /* The team it is about, and the team that did it. */
  if (event->team != NULL && g_hash_table_lookup_extended (team_index, event->team, NULL, &found))
    add_index (teams, GPOINTER_TO_UINT (found));
  if (event->actor != NULL && g_hash_table_lookup_extended (team_index, event->actor, NULL, &found))
    add_index (teams, GPOINTER_TO_UINT (found));

  for (guint i = 0; i < teams->len; i++)
    {
      guint32 t = g_array_index (teams, guint32, i);

      if (pack->teams[t].sector != ODAN_NONE)
        add_index (sectors, pack->teams[t].sector);
    }

  if (event->kind == ODAN_EVENT_DELIVERY && teams->len == pack->n_teams && pack->n_teams > 1)
    g_string_append (team_text, _("All teams"));
  else
    for (guint i = 0; i < teams->len; i++)
      {
        if (i == 3)
          {
            /* Translators: after three team names, how many more, e.g. " +4" */
            g_string_append_printf (team_text, _(" +%u"), teams->len - 3);
            break;
          }
        if (i > 0)
          g_string_append (team_text, _(", "));
        g_string_append (team_text, team_name (pack, g_array_index (teams, guint32, i)));
      }

  return odan_timeline_item_new (kind, category, event->minute, event->id, kind_text,
                                 team_text->str, summary, teams, sectors);
}

/* The engine's impacts: each time a sector's mean operability moves into
 * another band. Finer changes are in the curves; the timeline stays
 * readable. */
static void
odan_review_page_build_impacts (OdanReviewPage *self)
{
  const OdanPack *pack;
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (g_object_unref);
  gint64 order = IMPACT_ORDER;

  g_list_store_remove_all (self->impacts);
  if (self->data == NULL || self->exercise == NULL)
    return;

  pack = odan_exercise_get_pack (self->exercise);
  for (guint s = 0; s < self->data->n_sectors && s < pack->n_sectors; s++)
    {
      GArray *points = self->data->sector_curves[s];
      const char *name = odan_pack_localized (pack->sectors[s].name, pack->sectors[s].name_ja);
      g_autoptr(GArray) sectors = g_array_new (FALSE, FALSE, sizeof (guint32));
      int band = 0;
      double value = 1;

      g_array_append_val (sectors, s);
      for (guint i = 0; i < points->len; i++)
        {
          const OdanCurvePoint *p = &g_array_index (points, OdanCurvePoint, i);
          int now = band_of (p->value);
          g_autofree char *percent = NULL;
          g_autofree char *was = NULL;
          g_autofree char *summary = NULL;

          if (now == band)
            {
              value = p->value;
              continue;
            }
          percent = format_percent (p->value);
          was = format_percent (value);
          /* Translators: an impact in the timeline: a sector, its mean
           * operability, the band it entered and the level before, e.g.
           * "Electricity: 0% on average (down; was 100%)" */
          summary = g_strdup_printf (_("%s: %s on average (%s; was %s)"), name, percent, band_label (now), was);
          g_ptr_array_add (items, odan_timeline_item_new (ODAN_TIMELINE_IMPACT, -1, p->time, order++,
                                                          C_("timeline", "Impact"), "", summary, NULL, sectors));
          band = now;
          value = p->value;
        }
    }
  g_list_store_splice (self->impacts, 0, 0, items->pdata, items->len);
}

static GHashTable *
team_index_new (const OdanPack *pack)
{
  GHashTable *index = g_hash_table_new (g_str_hash, g_str_equal);

  for (guint32 i = 0; i < pack->n_teams; i++)
    g_hash_table_insert (index, pack->teams[i].id, GUINT_TO_POINTER (i));
  return index;
}

static gboolean
filter_item (gpointer item,
             gpointer user_data)
{
  OdanReviewPage *self = user_data;
  OdanTimelineItem *row = item;
  guint team = gtk_drop_down_get_selected (self->team_dropdown);
  guint sector = gtk_drop_down_get_selected (self->sector_dropdown);
  guint category = gtk_drop_down_get_selected (self->category_dropdown);
  double minute = odan_timeline_item_get_minute (row);
  OdanTimelineKind kind = odan_timeline_item_get_kind (row);

  if (team != GTK_INVALID_LIST_POSITION && team > 0 && !odan_timeline_item_has_team (row, team - 1))
    return FALSE;
  if (sector != GTK_INVALID_LIST_POSITION && sector > 0 && !odan_timeline_item_has_sector (row, sector - 1))
    return FALSE;

  /* The category dropdown: all, injects, acknowledgements, decisions (all),
   * the five decision categories, mitigations, observations, impacts, clock. */
  switch (category)
    {
    case 0:
    case GTK_INVALID_LIST_POSITION:
      break;
    case 1:
      if (kind != ODAN_TIMELINE_INJECT)
        return FALSE;
      break;
    case 2:
      if (kind != ODAN_TIMELINE_ACK)
        return FALSE;
      break;
    case 3:
      if (kind != ODAN_TIMELINE_DECISION)
        return FALSE;
      break;
    case 4: case 5: case 6: case 7: case 8:
      if (kind != ODAN_TIMELINE_DECISION || odan_timeline_item_get_category (row) != (int) category - 4)
        return FALSE;
      break;
    case 9:
      if (kind != ODAN_TIMELINE_MITIGATION)
        return FALSE;
      break;
    case 10:
      if (kind != ODAN_TIMELINE_OBSERVATION)
        return FALSE;
      break;
    case 11:
      if (kind != ODAN_TIMELINE_IMPACT)
        return FALSE;
      break;
    default:
      if (kind != ODAN_TIMELINE_CLOCK)
        return FALSE;
      break;
    }

  if (minute < gtk_spin_button_get_value (self->from_spin) - 1e-9
      || minute > gtk_spin_button_get_value (self->to_spin) + 1e-9)
    return FALSE;

  return odan_timeline_item_matches (row, self->needle);
}

static void
odan_review_page_update_count (OdanReviewPage *self)
{
  guint shown = g_list_model_get_n_items (G_LIST_MODEL (self->filtered));
  guint total = g_list_model_get_n_items (G_LIST_MODEL (self->events))
                + g_list_model_get_n_items (G_LIST_MODEL (self->impacts));
  g_autofree char *text = NULL;

  /* Translators: how many timeline rows the filters let through, e.g. "12 of 40 entries" */
  text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u of %u entry", "%u of %u entries", total), shown, total);
  gtk_label_set_label (self->timeline_count, text);
  gtk_stack_set_visible_child_name (self->timeline_stack, shown > 0 ? "list" : "empty");
}

static void
odan_review_page_refilter (OdanReviewPage *self)
{
  gtk_filter_changed (GTK_FILTER (self->filter), GTK_FILTER_CHANGE_DIFFERENT);
  odan_review_page_update_count (self);
}

static void
on_search_changed (OdanReviewPage *self)
{
  g_clear_pointer (&self->needle, g_free);
  self->needle = g_utf8_casefold (gtk_editable_get_text (GTK_EDITABLE (self->search_entry)), -1);
  odan_review_page_refilter (self);
}

typedef enum {
  TIMELINE_TIME,
  TIMELINE_KIND,
  TIMELINE_TEAM,
  TIMELINE_SUMMARY,
} TimelineColumn;

/* The full text of an ellipsized cell, on hover only: a tooltip set with
 * gtk_widget_set_tooltip_text() is queried at once, and GTK's one tooltip
 * window would keep the text of a row of the log (a skipped inject's
 * title) wherever it goes next, a team's own window included. */
static gboolean
on_cell_query_tooltip (GtkLabel   *label,
                       int         x,
                       int         y,
                       gboolean    keyboard_mode,
                       GtkTooltip *tooltip,
                       gpointer    user_data)
{
  PangoLayout *layout = gtk_label_get_layout (label);

  if (!pango_layout_is_ellipsized (layout))
    return FALSE;
  gtk_tooltip_set_text (tooltip, gtk_label_get_label (label));
  return TRUE;
}

static void
timeline_setup (GtkSignalListItemFactory *factory,
                GtkListItem              *list_item,
                gpointer                  user_data)
{
  TimelineColumn column = GPOINTER_TO_INT (user_data);
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  if (column == TIMELINE_TIME)
    gtk_widget_add_css_class (label, "numeric");
  else
    {
      gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
      gtk_label_set_width_chars (GTK_LABEL (label), column == TIMELINE_SUMMARY ? 20 : 6);
      gtk_label_set_max_width_chars (GTK_LABEL (label), column == TIMELINE_SUMMARY ? 80 : 18);
      gtk_widget_set_has_tooltip (label, TRUE);
      g_signal_connect (label, "query-tooltip", G_CALLBACK (on_cell_query_tooltip), NULL);
    }
  gtk_list_item_set_child (list_item, label);
}

static void
timeline_bind (GtkSignalListItemFactory *factory,
               GtkListItem              *list_item,
               gpointer                  user_data)
{
  TimelineColumn column = GPOINTER_TO_INT (user_data);
  OdanTimelineItem *item = gtk_list_item_get_item (list_item);
  GtkWidget *label = gtk_list_item_get_child (list_item);
  const char *text;

  switch (column)
    {
    case TIMELINE_TIME:
      text = odan_timeline_item_get_time_text (item);
      break;
    case TIMELINE_KIND:
      text = odan_timeline_item_get_kind_text (item);
      break;
    case TIMELINE_TEAM:
      text = odan_timeline_item_get_team_text (item);
      break;
    case TIMELINE_SUMMARY:
    default:
      text = odan_timeline_item_get_summary (item);
      break;
    }
  gtk_label_set_label (GTK_LABEL (label), text);
  if (column == TIMELINE_KIND && odan_timeline_item_get_kind (item) == ODAN_TIMELINE_IMPACT)
    gtk_widget_add_css_class (label, "warning");
  else
    gtk_widget_remove_css_class (label, "warning");
}

static void
add_timeline_column (OdanReviewPage *self,
                     TimelineColumn  column,
                     const char     *title,
                     gboolean        expand)
{
  g_autoptr(GtkListItemFactory) factory = gtk_signal_list_item_factory_new ();
  g_autoptr(GtkColumnViewColumn) view_column = NULL;

  g_signal_connect (factory, "setup", G_CALLBACK (timeline_setup), GINT_TO_POINTER (column));
  g_signal_connect (factory, "bind", G_CALLBACK (timeline_bind), GINT_TO_POINTER (column));
  view_column = gtk_column_view_column_new (title, g_object_ref (factory));
  gtk_column_view_column_set_expand (view_column, expand);
  gtk_column_view_column_set_resizable (view_column, TRUE);
  gtk_column_view_append_column (self->timeline_view, view_column);
}

static int
compare_rows (gconstpointer a,
              gconstpointer b,
              gpointer      user_data)
{
  OdanTimelineItem *x = (OdanTimelineItem *) a;
  OdanTimelineItem *y = (OdanTimelineItem *) b;
  double mx = odan_timeline_item_get_minute (x), my = odan_timeline_item_get_minute (y);
  gint64 ox = odan_timeline_item_get_order (x), oy = odan_timeline_item_get_order (y);

  if (mx != my)
    return mx < my ? -1 : 1;
  return ox < oy ? -1 : ox > oy;
}

GListModel *
_odan_review_page_get_timeline (OdanReviewPage *self)
{
  g_return_val_if_fail (ODAN_IS_REVIEW_PAGE (self), NULL);

  return G_LIST_MODEL (self->filtered);
}

/* The scrubber, the board and the plot ------------------------------------------ */

static void
odan_review_page_show_time (OdanReviewPage *self)
{
  double minute = gtk_adjustment_get_value (self->scrub_adjustment);
  g_autofree char *text = odan_time_format_offset (minute);

  gtk_label_set_label (self->scrub_label, text);
  odan_curve_plot_set_cursor (self->curve_plot, self->exercise != NULL ? minute : NAN);
  if (self->exercise != NULL)
    odan_sector_board_set_state (self->board, odan_exercise_state_at (self->exercise, minute));
  self->at_end = minute >= self->end - 1e-9;
}

void
odan_review_page_set_time (OdanReviewPage *self,
                           double          minute)
{
  g_return_if_fail (ODAN_IS_REVIEW_PAGE (self));

  gtk_adjustment_set_value (self->scrub_adjustment, CLAMP (minute, 0, self->end));
  /* value-changed does not fire for the same value: show it all the same */
  odan_review_page_show_time (self);
}

double
odan_review_page_get_time (OdanReviewPage *self)
{
  g_return_val_if_fail (ODAN_IS_REVIEW_PAGE (self), NAN);

  return gtk_adjustment_get_value (self->scrub_adjustment);
}

static void
on_plot_seek (OdanReviewPage *self,
              double          minute)
{
  gtk_adjustment_set_value (self->scrub_adjustment, CLAMP (round (minute), 0, self->end));
}

/* The time range follows the exercise: the scrubber's end, the filters'. */
static void
odan_review_page_update_range (OdanReviewPage *self)
{
  double end = 0;
  gboolean to_at_end = gtk_spin_button_get_value (self->to_spin) >= self->end - 1e-9;
  gboolean follow = self->at_end;

  if (self->exercise != NULL)
    end = odan_exercise_get_minute (self->exercise);
  if (self->data != NULL)
    end = MAX (end, self->data->horizon);
  self->end = end;

  gtk_adjustment_set_upper (self->scrub_adjustment, end);
  gtk_adjustment_set_upper (gtk_spin_button_get_adjustment (self->from_spin), end);
  gtk_adjustment_set_upper (gtk_spin_button_get_adjustment (self->to_spin), end);
  if (to_at_end)
    gtk_spin_button_set_value (self->to_spin, end);
  if (follow && self->exercise != NULL)
    odan_review_page_set_time (self, end);
}

static void
odan_review_page_update_curves (OdanReviewPage *self)
{
  const OdanPack *pack;
  guint selected = gtk_drop_down_get_selected (self->curve_dropdown);
  g_autoptr(GPtrArray) names = g_ptr_array_new ();
  g_autoptr(GPtrArray) curves = g_ptr_array_new ();

  if (self->data == NULL || self->exercise == NULL)
    {
      odan_curve_plot_set_series (self->curve_plot, 0, NULL, NULL, 0, 0);
      return;
    }

  pack = odan_exercise_get_pack (self->exercise);
  if (selected == 0 || selected == GTK_INVALID_LIST_POSITION || selected > pack->n_sectors)
    for (guint s = 0; s < pack->n_sectors; s++)
      {
        g_ptr_array_add (names, (gpointer) odan_pack_localized (pack->sectors[s].name, pack->sectors[s].name_ja));
        g_ptr_array_add (curves, self->data->sector_curves[s]);
      }
  else
    for (guint32 n = 0; n < pack->n_nodes; n++)
      if (pack->nodes[n].sector == selected - 1)
        {
          g_ptr_array_add (names, (gpointer) odan_pack_localized (pack->nodes[n].name, pack->nodes[n].name_ja));
          g_ptr_array_add (curves, self->data->node_curves[n]);
        }

  odan_curve_plot_set_series (self->curve_plot, names->len, (const char *const *) names->pdata,
                              (GArray **) curves->pdata, 0, MAX (self->end, self->data->horizon));
  /* the sectors' bands over many runs of the plan, when the pack has uncertain values */
  if (selected == 0 || selected == GTK_INVALID_LIST_POSITION || selected > pack->n_sectors)
    odan_curve_plot_set_bands (self->curve_plot, odan_report_get_bands (self->data->report));
}

/* Measures --------------------------------------------------------------------- */

static GtkWidget *
add_group (OdanReviewPage *self,
           const char     *title,
           const char     *description)
{
  GtkWidget *group = adw_preferences_group_new ();

  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), title);
  if (description != NULL)
    adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (group), description);
  gtk_box_append (self->measures_box, group);
  return group;
}

static GtkWidget *
add_row (GtkWidget  *group,
         const char *name,
         const char *title,
         const char *subtitle)
{
  GtkWidget *row = adw_action_row_new ();
  g_autofree char *escaped_title = g_markup_escape_text (title, -1);
  g_autofree char *escaped_subtitle = g_markup_escape_text (subtitle != NULL ? subtitle : "", -1);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), escaped_title);
  if (subtitle != NULL && subtitle[0] != '\0')
    adw_action_row_set_subtitle (ADW_ACTION_ROW (row), escaped_subtitle);
  if (name != NULL)
    gtk_widget_set_name (row, name);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), row);
  return row;
}

/* A small bar and its value as text, at the end of @row. */
static void
add_bar (GtkWidget  *row,
         double      fraction,
         const char *text,
         const char *css_class)
{
  GtkWidget *bar = gtk_level_bar_new_for_interval (0, 1);
  GtkWidget *label = gtk_label_new (text);

  gtk_level_bar_remove_offset_value (GTK_LEVEL_BAR (bar), GTK_LEVEL_BAR_OFFSET_LOW);
  gtk_level_bar_remove_offset_value (GTK_LEVEL_BAR (bar), GTK_LEVEL_BAR_OFFSET_HIGH);
  gtk_level_bar_remove_offset_value (GTK_LEVEL_BAR (bar), GTK_LEVEL_BAR_OFFSET_FULL);
  gtk_level_bar_set_value (GTK_LEVEL_BAR (bar), CLAMP (fraction, 0, 1));
  gtk_widget_set_valign (bar, GTK_ALIGN_CENTER);
  gtk_widget_set_size_request (bar, 100, -1);
  if (css_class != NULL)
    gtk_widget_add_css_class (bar, css_class);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), bar);

  gtk_label_set_xalign (GTK_LABEL (label), 1);
  gtk_label_set_width_chars (GTK_LABEL (label), 6);
  gtk_widget_add_css_class (label, "numeric");
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), label);
}

static void
add_empty_row (GtkWidget  *group,
               const char *text)
{
  GtkWidget *row = add_row (group, NULL, text, NULL);

  gtk_widget_add_css_class (row, "dim-label");
}

static void
build_timings (OdanReviewPage     *self,
               const OdanPack     *pack,
               const OdanMeasures *m)
{
  GtkWidget *group = add_group (self, _("Time to Report"),
                                _("From the trigger reaching the team to its first report of each stage to the ministry, against the deadline."));

  if (m->timings->len == 0)
    add_empty_row (group, _("No report deadline applied to any team."));

  for (guint i = 0; i < m->timings->len; i++)
    {
      const OdanReportTiming *t = &g_array_index (m->timings, OdanReportTiming, i);
      g_autofree char *title = g_strdup_printf (_("%s — %s"), team_name (pack, t->team), inject_title (pack, t->trigger));
      g_autofree char *name = g_strdup_printf ("timing-%s-%s", t->trigger < pack->n_injects ? pack->injects[t->trigger].id : "",
                                               pack->teams[t->team].id);
      g_autoptr(GString) subtitle = g_string_new (NULL);
      gboolean late = FALSE;
      GtkWidget *row;

      for (guint s = 0; s < ODAN_MEASURE_N_STAGES; s++)
        {
          g_autofree char *took = NULL;
          g_autofree char *within = NULL;

          if (isnan (t->minutes[s]) && isnan (t->within[s]))
            continue;
          if (subtitle->len > 0)
            g_string_append_c (subtitle, '\n');
          took = isnan (t->minutes[s]) ? g_strdup (_("not reported")) : format_duration (t->minutes[s]);
          if (!isnan (t->within[s]))
            {
              within = format_duration (t->within[s]);
              /* Translators: a report stage, the time it took, the deadline and how it went,
               * e.g. "Initial report: 30 min (deadline 1 h 00 min, met)" */
              g_string_append_printf (subtitle, _("%s: %s (deadline %s, %s)"), report_stage_label (s), took, within,
                                      timing_label (t->state[s]));
            }
          else
            /* Translators: a report stage and the time it took, e.g. "Follow-up: 45 min" */
            g_string_append_printf (subtitle, _("%s: %s"), report_stage_label (s), took);
          late = late || t->state[s] == ODAN_TIMING_LATE || t->state[s] == ODAN_TIMING_MET_LATE;
        }
      row = add_row (group, name, title, subtitle->str);
      if (late)
        {
          GtkWidget *icon = gtk_image_new_from_icon_name ("dialog-warning-symbolic");

          gtk_widget_add_css_class (icon, "warning");
          gtk_widget_set_tooltip_text (icon, _("A report was late"));
          adw_action_row_add_suffix (ADW_ACTION_ROW (row), icon);
        }
    }
}

static const char *
hop_label (OdanRelayHop hop)
{
  switch (hop)
    {
    case ODAN_RELAY_HOP_NISC_MINISTRY:
      return _("NISC → ministry");
    case ODAN_RELAY_HOP_MINISTRY_CEPTOAR:
      return _("Ministry → CEPTOAR");
    case ODAN_RELAY_HOP_CEPTOAR_MEMBERS:
    default:
      return _("CEPTOAR → members");
    }
}

/* A CEPTOAR drill's reach (odan-relay-reach.h): the rows of `odan-cli reach`. */
static void
build_relay_reach (OdanReviewPage     *self,
                   const OdanPack     *pack,
                   const OdanMeasures *m)
{
  GtkWidget *group = add_group (self, _("Reach Rate"),
                                _("Per CEPTOAR and relay stage, the share of the receivers reached within the stage's deadline, counted from when the stage before actually forwarded."));

  for (guint i = 0; i < m->relay->len; i++)
    {
      const OdanRelayReach *r = &g_array_index (m->relay, OdanRelayReach, i);
      const OdanTeam *team = &pack->teams[r->ceptoar];
      double rate = odan_relay_reach_rate (r);
      g_autofree char *title = g_strdup_printf (_("%s — %s"), odan_pack_localized (team->name, team->name_ja),
                                                hop_label (r->hop));
      g_autofree char *name = g_strdup_printf ("relay-%s-%s", team->id, odan_relay_hop_to_string (r->hop));
      g_autofree char *deadline = isnan (r->deadline) ? g_strdup ("—") : format_duration (r->deadline);
      g_autofree char *percent = format_percent (rate);
      g_autofree char *subtitle = NULL;
      GtkWidget *row;

      /* Translators: reached within the deadline, of those expected; the deadline; reached after it */
      subtitle = g_strdup_printf (_("%u of %u reached within %s; %u reached late"),
                                  r->reached_in_time, r->expected, deadline, r->reached - r->reached_in_time);
      row = add_row (group, name, title, subtitle);
      add_bar (row, rate, percent, rate >= 0.99995 ? "level-normal" : rate >= 0.5 ? "level-degraded" : "level-down");
    }
}

static void
build_reach (OdanReviewPage     *self,
             const OdanPack     *pack,
             const OdanMeasures *m)
{
  GtkWidget *group;

  if (m->relay->len > 0)
    {
      build_relay_reach (self, pack, m);
      return;
    }
  group = add_group (self, _("Reach Rate"),
                     _("Of the teams the relay must reach, the share that confirmed receipt within the window, per stage and CEPTOAR."));

  if (m->reach->len == 0)
    add_empty_row (group, _("No inject has a receipt deadline."));

  for (guint i = 0; i < m->reach->len; i++)
    {
      const OdanReachRate *r = &g_array_index (m->reach, OdanReachRate, i);
      double rate = odan_reach_rate_value (r);
      g_autofree char *title = NULL;
      g_autofree char *name = NULL;
      g_autofree char *subtitle = NULL;
      g_autofree char *window = format_duration (r->within);
      g_autofree char *percent = format_percent (rate);
      GtkWidget *row;

      if (r->ceptoar != NULL)
        title = g_strdup_printf (_("%s — %s · %s"), inject_title (pack, r->inject), stage_label (r->stage), r->ceptoar);
      else
        title = g_strdup_printf (_("%s — %s"), inject_title (pack, r->inject), stage_label (r->stage));
      name = g_strdup_printf ("reach-%s-%s%s%s", r->inject < pack->n_injects ? pack->injects[r->inject].id : "",
                              odan_relay_stage_to_string (r->stage), r->ceptoar != NULL ? "-" : "",
                              r->ceptoar != NULL ? r->ceptoar : "");
      /* Translators: a reach rate: teams reached of those expected, the window, and how many confirmed late */
      subtitle = g_strdup_printf (_("%u of %u confirmed within %s; %u late, %u not reached"),
                                  r->reached, r->expected, window, r->acked_late,
                                  r->expected >= r->delivered ? r->expected - r->delivered : 0);
      row = add_row (group, name, title, subtitle);
      add_bar (row, rate, percent, rate >= 0.99995 ? "level-normal" : rate >= 0.5 ? "level-degraded" : "level-down");
    }
}

static void
build_unanswered (OdanReviewPage     *self,
                  const OdanPack     *pack,
                  const OdanMeasures *m)
{
  GtkWidget *group = add_group (self, _("Never Answered"),
                                _("Injects that reached a team which neither confirmed them nor acted on them."));

  if (m->unanswered->len == 0)
    add_empty_row (group, _("Every inject that reached a team was answered."));

  for (guint i = 0; i < m->unanswered->len; i++)
    {
      const OdanUnanswered *u = &g_array_index (m->unanswered, OdanUnanswered, i);
      g_autofree char *title = g_strdup_printf (_("%s — %s"), team_name (pack, u->team), inject_title (pack, u->inject));
      g_autofree char *at = odan_time_format_offset (u->minute);
      /* Translators: when an inject that was never answered reached the team, e.g. "Reached it at T+20m" */
      g_autofree char *subtitle = g_strdup_printf (_("Reached it at %s"), at);
      g_autofree char *name = g_strdup_printf ("unanswered-%s-%s", u->inject < pack->n_injects ? pack->injects[u->inject].id : "",
                                               pack->teams[u->team].id);

      add_row (group, name, title, subtitle);
    }
}

static void
build_decisions (OdanReviewPage     *self,
                 const OdanPack     *pack,
                 const OdanMeasures *m)
{
  GtkWidget *group = add_group (self, _("Decisions per Category"), NULL);
  guint most = 1;
  guint total = 0;

  for (guint c = 0; c < G_N_ELEMENTS (m->decisions); c++)
    {
      most = MAX (most, m->decisions[c]);
      total += m->decisions[c];
    }

  for (guint c = 0; c < G_N_ELEMENTS (m->decisions); c++)
    {
      g_autofree char *count = g_strdup_printf ("%u", m->decisions[c]);
      g_autofree char *name = g_strdup_printf ("decisions-%s", odan_category_to_string (c));
      GtkWidget *row = add_row (group, name, odan_decision_item_category_name (c), NULL);

      add_bar (row, (double) m->decisions[c] / most, count, NULL);
    }

  if (total == 0)
    return;

  group = add_group (self, _("Per Team"), NULL);
  for (guint i = 0; i < m->teams->len; i++)
    {
      const OdanTeamMeasures *t = &g_array_index (m->teams, OdanTeamMeasures, i);
      g_autoptr(GString) subtitle = g_string_new (NULL);
      g_autofree char *name = g_strdup_printf ("team-%s", pack->teams[t->team].id);

      if (t->n_decisions == 0 && t->deliveries == 0)
        continue;
      /* Translators: a team's figures: decisions, injects confirmed of those received, never answered */
      g_string_append_printf (subtitle, _("%u decisions · %u of %u injects confirmed · %u never answered"),
                              t->n_decisions, t->acknowledged, t->deliveries, t->unanswered);
      for (guint c = 0; c < G_N_ELEMENTS (t->decisions); c++)
        if (t->decisions[c] > 0)
          g_string_append_printf (subtitle, "\n%s: %u", odan_decision_item_category_name (c), t->decisions[c]);
      add_row (group, name, team_name (pack, t->team), subtitle->str);
    }
}

static void add_shift_button (OdanReviewPage       *self,
                              GtkWidget            *row,
                              const OdanCfDecision *decision);

static void
build_counterfactual (OdanReviewPage      *self,
                      const OdanPack      *pack,
                      const OdanCfSummary *cf)
{
  GtkWidget *group = add_group (self, _("Impact Avoided"),
                                _("The model rerun without the teams' mitigations: the lost operability each avoided, in node-hours weighted by sector."));
  g_autofree char *subtitle = NULL;
  g_autofree char *value = NULL;
  double most = fabs (cf->avoided);
  GtkWidget *row;

  for (guint i = 0; i < cf->teams->len; i++)
    most = MAX (most, fabs (g_array_index (cf->teams, OdanCfTeam, i).avoided));
  for (guint i = 0; i < cf->decisions->len; i++)
    most = MAX (most, fabs (g_array_index (cf->decisions, OdanCfDecision, i).avoided));
  if (most <= 0)
    most = 1;

  /* Translators: lost operability as played and with no mitigation at all, in node-hours */
  subtitle = g_strdup_printf (_("Lost as played: %.2f node-hours; with no mitigation: %.2f"), cf->lost_all, cf->lost_none);
  /* Translators: node-hours of operability avoided, e.g. "3.00 n·h" */
  value = g_strdup_printf (_("%.2f n·h"), cf->avoided);
  row = add_row (group, "avoided-all", _("All mitigations"), subtitle);
  add_bar (row, cf->avoided / most, value, cf->avoided >= 0 ? "level-normal" : "level-down");

  for (guint i = 0; i < cf->teams->len; i++)
    {
      const OdanCfTeam *t = &g_array_index (cf->teams, OdanCfTeam, i);
      g_autofree char *team_value = g_strdup_printf (_("%.2f n·h"), t->avoided);
      g_autofree char *team_subtitle = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u mitigation applied", "%u mitigations applied",
                                                                     t->n_mitigations), t->n_mitigations);
      g_autofree char *name = g_strdup_printf ("avoided-team-%s", pack->teams[t->team].id);

      row = add_row (group, name, team_name (pack, t->team), team_subtitle);
      add_bar (row, t->avoided / most, team_value, t->avoided >= 0 ? "level-normal" : "level-down");
    }

  for (guint i = 0; i < cf->decisions->len; i++)
    {
      const OdanCfDecision *d = &g_array_index (cf->decisions, OdanCfDecision, i);
      g_autofree char *decision_value = g_strdup_printf (_("%.2f n·h"), d->avoided);
      g_autofree char *at = odan_time_format_offset (d->applied);
      const char *mitigation = d->mitigation < pack->n_mitigations
                               ? odan_pack_localized (pack->mitigations[d->mitigation].label, pack->mitigations[d->mitigation].label_ja)
                               : "";
      g_autofree char *title = g_strdup_printf (_("%s — %s"), team_name (pack, d->team), mitigation);
      /* Translators: when a decision's mitigation applied, e.g. "Applied at T+1h10m" */
      g_autofree char *decision_subtitle = g_strdup_printf (_("Applied at %s"), at);
      g_autofree char *name = g_strdup_printf ("avoided-decision-%" G_GINT64_FORMAT, d->event);

      row = add_row (group, name, title, decision_subtitle);
      add_bar (row, d->avoided / most, decision_value, d->avoided >= 0 ? "level-normal" : "level-down");
      add_shift_button (self, row, d);
    }
}

static void
odan_review_page_build_measures (OdanReviewPage *self)
{
  GtkWidget *child;
  const OdanPack *pack;
  const OdanMeasures *m;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->measures_box))) != NULL)
    gtk_box_remove (self->measures_box, child);

  if (self->data == NULL)
    return;

  pack = odan_exercise_get_pack (self->data->copy);
  m = odan_report_get_measures (self->data->report);
  build_timings (self, pack, m);
  build_reach (self, pack, m);
  build_unanswered (self, pack, m);
  build_decisions (self, pack, m);
  build_counterfactual (self, pack, odan_report_get_counterfactual (self->data->report));
  gtk_stack_set_visible_child_name (self->measures_stack, "measures");
}

/* Observations and the improvement plan --------------------------------------------- */

static const char *
rating_class (OdanRating rating)
{
  switch (rating)
    {
    case ODAN_RATING_P:
      return "success";
    case ODAN_RATING_S:
      return "accent";
    case ODAN_RATING_M:
      return "warning";
    case ODAN_RATING_U:
      return "error";
    case ODAN_RATING_NONE:
    default:
      return "dim-label";
    }
}

static void
clear_list (GtkListBox *list)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (list))) != NULL)
    gtk_list_box_remove (list, child);
}

/* The areas for improvement a plan item may answer, "None" first; the
 * one chosen stays chosen while it is there. */
static void
update_areas (OdanReviewPage *self,
              const GArray   *observations)
{
  guint selected = adw_combo_row_get_selected (self->answers_row);
  gint64 chosen = selected != GTK_INVALID_LIST_POSITION && selected >= 1 && selected <= self->areas->len
                  ? g_array_index (self->areas, gint64, selected - 1) : 0;
  g_autoptr(GPtrArray) labels = g_ptr_array_new_with_free_func (g_free);
  guint keep = 0;

  g_array_set_size (self->areas, 0);
  g_ptr_array_add (labels, g_strdup (_("None")));
  for (guint i = 0; observations != NULL && i < observations->len; i++)
    {
      const OdanObservation *o = &g_array_index (observations, OdanObservation, i);
      g_autofree char *at = NULL;

      if (o->finding != ODAN_FINDING_AREA)
        continue;
      g_array_append_val (self->areas, o->event);
      if (o->event == chosen)
        keep = self->areas->len;
      at = odan_time_format_offset (o->minute);
      g_ptr_array_add (labels, g_strdup_printf ("%s · %s", at, o->text != NULL ? o->text : ""));
    }
  g_ptr_array_add (labels, NULL);
  gtk_string_list_splice (self->answers_model, 0,
                          g_list_model_get_n_items (G_LIST_MODEL (self->answers_model)),
                          (const char *const *) labels->pdata);
  adw_combo_row_set_selected (self->answers_row, keep);
}

static void
odan_review_page_update_evaluation (OdanReviewPage *self)
{
  g_autoptr(GArray) observations = NULL;
  g_autoptr(GArray) plan = NULL;
  const OdanPack *pack;

  clear_list (self->observation_list);
  clear_list (self->plan_list);
  if (self->exercise == NULL)
    {
      gtk_stack_set_visible_child_name (self->observations_stack, "empty");
      gtk_stack_set_visible_child_name (self->plan_stack, "empty");
      update_areas (self, NULL);
      return;
    }

  pack = odan_exercise_get_pack (self->exercise);
  observations = odan_evaluation_get_observations (self->exercise);
  update_areas (self, observations);
  for (guint i = 0; i < observations->len; i++)
    {
      const OdanObservation *o = &g_array_index (observations, OdanObservation, i);
      g_autoptr(GString) subtitle = g_string_new (NULL);
      g_autofree char *at = odan_time_format_offset (o->minute);
      g_autofree char *text = g_markup_escape_text (o->text != NULL ? o->text : "", -1);
      g_autofree char *escaped = NULL;
      guint32 team = o->team != NULL ? odan_pack_find_team (pack, o->team) : ODAN_NONE;
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *badge;

      g_string_append (subtitle, at);
      if (team != ODAN_NONE)
        g_string_append_printf (subtitle, " · %s", team_name (pack, team));
      if (o->objective != NULL)
        /* Translators: an observation's objective in the list, e.g. "Objective: Information sharing" */
        g_string_append_printf (subtitle, _(" · Objective: %s"), o->objective);
      if (o->capability != NULL)
        g_string_append_printf (subtitle, _(" · Capability: %s"), o->capability);
      if (o->finding == ODAN_FINDING_STRENGTH)
        g_string_append_printf (subtitle, " · %s", C_("finding", "Strength"));
      else if (o->finding == ODAN_FINDING_AREA)
        g_string_append_printf (subtitle, " · %s", C_("finding", "Area for improvement"));
      escaped = g_markup_escape_text (subtitle->str, -1);

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), text);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), escaped);
      adw_action_row_set_title_lines (ADW_ACTION_ROW (row), 0);
      adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 0);
      badge = gtk_label_new (o->rating != ODAN_RATING_NONE ? odan_rating_to_string (o->rating) : "–");
      gtk_widget_add_css_class (badge, "title-3");
      gtk_widget_add_css_class (badge, rating_class (o->rating));
      gtk_widget_set_tooltip_text (badge, _("HSEEP rating: P, S, M or U"));
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), badge);
      gtk_list_box_append (self->observation_list, row);
    }
  gtk_stack_set_visible_child_name (self->observations_stack, observations->len > 0 ? "list" : "empty");

  plan = odan_evaluation_get_improvements (self->exercise);
  for (guint i = 0; i < plan->len; i++)
    {
      const OdanImprovement *item = &g_array_index (plan, OdanImprovement, i);
      g_autofree char *title = g_markup_escape_text (item->action != NULL ? item->action : "", -1);
      /* Translators: an improvement-plan item: capability, responsible organisation, start → completion, status */
      g_autofree char *subtitle = g_strdup_printf (_("%s · %s · %s → %s · %s"),
                                                   item->capability != NULL ? item->capability : "",
                                                   item->organization != NULL ? item->organization : "",
                                                   item->start != NULL ? item->start : "",
                                                   item->completion != NULL ? item->completion : "",
                                                   status_label (item->status));
      g_autofree char *escaped = g_markup_escape_text (subtitle, -1);
      GtkWidget *row = adw_action_row_new ();

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), escaped);
      adw_action_row_set_title_lines (ADW_ACTION_ROW (row), 0);
      gtk_list_box_append (self->plan_list, row);
    }
  gtk_stack_set_visible_child_name (self->plan_stack, plan->len > 0 ? "list" : "empty");
}

static char *
dup_row_text (AdwEntryRow *row)
{
  return g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (row))));
}

static void
on_plan_add (OdanReviewPage *self)
{
  g_autofree char *action = dup_row_text (self->action_row);
  g_autofree char *issue = dup_row_text (self->issue_row);
  g_autofree char *reference = dup_row_text (self->reference_row);
  g_autofree char *root_cause = dup_row_text (self->root_cause_row);
  g_autofree char *capability = dup_row_text (self->plan_capability_row);
  g_autofree char *owner = dup_row_text (self->owner_row);
  g_autofree char *poc = dup_row_text (self->poc_row);
  guint answers = adw_combo_row_get_selected (self->answers_row);
  g_autofree char *start = dup_row_text (self->start_row);
  g_autofree char *completion = dup_row_text (self->completion_row);
  g_autoptr(GError) error = NULL;
  OdanImprovement item = { 0 };

  if (self->exercise == NULL)
    return;

  item.action = action[0] != '\0' ? action : NULL;
  item.capability = capability[0] != '\0' ? capability : NULL;
  item.organization = owner[0] != '\0' ? owner : NULL;
  item.issue = issue[0] != '\0' ? issue : NULL;
  item.reference = reference[0] != '\0' ? reference : NULL;
  item.root_cause = root_cause[0] != '\0' ? root_cause : NULL;
  item.poc = poc[0] != '\0' ? poc : NULL;
  item.observation = answers != GTK_INVALID_LIST_POSITION && answers >= 1 && answers <= self->areas->len
                     ? g_array_index (self->areas, gint64, answers - 1) : 0;
  item.start = start[0] != '\0' ? start : NULL;
  item.completion = completion[0] != '\0' ? completion : NULL;
  item.status = MIN (adw_combo_row_get_selected (self->status_row), ODAN_IMPROVEMENT_CANCELLED);

  if (odan_evaluation_add_improvement (self->exercise, &item, &error) == 0)
    {
      show_toast (self, error->message);
      return;
    }
  gtk_editable_set_text (GTK_EDITABLE (self->action_row), "");
  gtk_editable_set_text (GTK_EDITABLE (self->plan_capability_row), "");
  gtk_editable_set_text (GTK_EDITABLE (self->owner_row), "");
  gtk_editable_set_text (GTK_EDITABLE (self->issue_row), "");
  gtk_editable_set_text (GTK_EDITABLE (self->reference_row), "");
  gtk_editable_set_text (GTK_EDITABLE (self->root_cause_row), "");
  gtk_editable_set_text (GTK_EDITABLE (self->poc_row), "");
  adw_combo_row_set_selected (self->answers_row, 0);
  gtk_editable_set_text (GTK_EDITABLE (self->start_row), "");
  gtk_editable_set_text (GTK_EDITABLE (self->completion_row), "");
  adw_combo_row_set_selected (self->status_row, 0);
}

/* What if a decision had come earlier or later ------------------------------------ */

/* The evaluator moves one decision's mitigation by some minutes and the
 * model is rerun (in a thread, on a read-only copy, like the measures):
 * the lost operability that way against the exercise as played. */

typedef struct {
  char    *location;
  guint32  decision;      /* index among the log's decisions */
  double   shift;         /* minutes */
  double   applied;       /* when it applied as played */
  double   lost_played;   /* results */
  double   lost_moved;
} ShiftJob;

static void
shift_job_free (ShiftJob *job)
{
  g_free (job->location);
  g_free (job);
}

static OdanExercise *open_copy (const char  *location,
                                GError     **error);

static void
shift_thread (GTask        *task,
              gpointer      source_object,
              gpointer      task_data,
              GCancellable *cancellable)
{
  ShiftJob *job = task_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(OdanExercise) copy = open_copy (job->location, &error);
  g_autoptr(OdanCounterfactual) cf = NULL;
  OdanCfVariant played = { ODAN_CF_ALL, ODAN_NONE, ODAN_NONE, 0 };
  OdanCfVariant moved = { ODAN_CF_SHIFT_DECISION, ODAN_NONE, job->decision, job->shift };

  if (copy == NULL || (cf = odan_counterfactual_new (copy, -1, &error)) == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  job->lost_played = odan_counterfactual_lost (cf, &played, NULL);
  job->lost_moved = odan_counterfactual_lost (cf, &moved, NULL);
  g_task_return_boolean (task, TRUE);
}

static void
on_shift_done (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(GtkLabel) label = user_data;
  ShiftJob *job = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    text = g_strdup (error->message);
  else
    {
      g_autofree char *at = odan_time_format_offset (MAX (0, job->applied + job->shift));
      /* Translators: the result of moving a decision: when it would have
       * applied, lost operability that way, as played, and the difference,
       * e.g. "At T+1h40m: 4.50 n·h lost instead of 3.00 (+1.50)" */
      text = g_strdup_printf (_("At %s: %.2f n·h lost instead of %.2f (%+.2f)"),
                              at, job->lost_moved, job->lost_played, job->lost_moved - job->lost_played);
    }
  gtk_label_set_label (label, text);
  gtk_widget_set_sensitive (GTK_WIDGET (g_object_get_data (G_OBJECT (label), "run-button")), TRUE);
}

static void
on_shift_run (GtkButton *button,
              gpointer   user_data)
{
  OdanReviewPage *self = ODAN_REVIEW_PAGE (user_data);
  GtkSpinButton *spin = g_object_get_data (G_OBJECT (button), "spin");
  GtkLabel *label = g_object_get_data (G_OBJECT (button), "result");
  ShiftJob *job;
  g_autoptr(GTask) task = NULL;

  if (self->exercise == NULL)
    return;
  job = g_new0 (ShiftJob, 1);
  job->location = g_strdup (odan_store_get_location (odan_exercise_get_store (self->exercise)));
  job->decision = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (button), "decision"));
  job->applied = *(double *) g_object_get_data (G_OBJECT (button), "applied");
  job->shift = gtk_spin_button_get_value (spin);

  gtk_widget_set_sensitive (GTK_WIDGET (button), FALSE);
  gtk_label_set_label (label, _("Rerunning the model…"));
  task = g_task_new (self, NULL, on_shift_done, g_object_ref (label));
  g_task_set_task_data (task, job, (GDestroyNotify) shift_job_free);
  g_task_run_in_thread (task, shift_thread);
}

/* A "What if…" button at the end of a decision's row. */
static void
add_shift_button (OdanReviewPage       *self,
                  GtkWidget            *row,
                  const OdanCfDecision *decision)
{
  GtkWidget *menu = gtk_menu_button_new ();
  GtkWidget *popover = gtk_popover_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *line = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *prompt = gtk_label_new (_("Move it by (minutes, − for earlier)"));
  GtkWidget *spin = gtk_spin_button_new_with_range (-2880, 2880, 15);
  GtkWidget *run = gtk_button_new_with_mnemonic (_("_Rerun"));
  GtkWidget *result = gtk_label_new (NULL);
  double *applied = g_new (double, 1);
  g_autofree char *name = g_strdup_printf ("shift-%" G_GINT64_FORMAT, decision->event);
  g_autofree char *spin_name = g_strdup_printf ("shift-minutes-%" G_GINT64_FORMAT, decision->event);
  g_autofree char *run_name = g_strdup_printf ("shift-run-%" G_GINT64_FORMAT, decision->event);
  g_autofree char *result_name = g_strdup_printf ("shift-result-%" G_GINT64_FORMAT, decision->event);

  gtk_menu_button_set_label (GTK_MENU_BUTTON (menu), _("What If…"));
  gtk_widget_set_tooltip_text (menu, _("Rerun the model with this decision earlier or later"));
  gtk_widget_set_valign (menu, GTK_ALIGN_CENTER);
  gtk_widget_set_name (menu, name);
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (spin), -30);
  gtk_widget_set_name (spin, spin_name);
  gtk_widget_set_name (run, run_name);
  gtk_widget_set_name (result, result_name);
  gtk_label_set_wrap (GTK_LABEL (result), TRUE);
  gtk_label_set_max_width_chars (GTK_LABEL (result), 40);
  gtk_label_set_xalign (GTK_LABEL (result), 0);
  gtk_label_set_xalign (GTK_LABEL (prompt), 0);

  *applied = decision->applied;
  g_object_set_data (G_OBJECT (run), "decision", GUINT_TO_POINTER (decision->decision));
  g_object_set_data_full (G_OBJECT (run), "applied", applied, g_free);
  g_object_set_data (G_OBJECT (run), "spin", spin);
  g_object_set_data (G_OBJECT (run), "result", result);
  g_object_set_data_full (G_OBJECT (result), "run-button", g_object_ref (run), g_object_unref);
  g_signal_connect (run, "clicked", G_CALLBACK (on_shift_run), self);

  gtk_box_append (GTK_BOX (line), spin);
  gtk_box_append (GTK_BOX (line), run);
  gtk_box_append (GTK_BOX (box), prompt);
  gtk_box_append (GTK_BOX (box), line);
  gtk_box_append (GTK_BOX (box), result);
  gtk_popover_set_child (GTK_POPOVER (popover), box);
  gtk_menu_button_set_popover (GTK_MENU_BUTTON (menu), popover);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), menu);
}

/* The computation ------------------------------------------------------------------ */

/* A read-only copy of the exercise at @location, opened and replayed in
 * the calling thread. */
static OdanExercise *
open_copy (const char  *location,
           GError     **error)
{
  g_autoptr(OdanStore) store = odan_store_open_location (location, ODAN_STORE_OPEN_READ_ONLY, error);

  if (store == NULL)
    return NULL;
  return odan_exercise_new (store, error);
}

static void
compute_thread (GTask        *task,
                gpointer      source_object,
                gpointer      task_data,
                GCancellable *cancellable)
{
  const char *location = task_data;
  g_autoptr(OdanReviewData) data = g_new0 (OdanReviewData, 1);
  g_autoptr(OdanCounterfactual) cf = NULL;
  g_autoptr(GError) error = NULL;
  OdanSim *history_sim;
  OdanCfVariant all = { ODAN_CF_ALL, ODAN_NONE, ODAN_NONE, 0 };
  const OdanPack *pack;

  data->copy = open_copy (location, &error);
  if (data->copy == NULL
      || (data->report = odan_report_new (data->copy, -1, &error)) == NULL
      || (cf = odan_counterfactual_new (data->copy, -1, &error)) == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  pack = odan_exercise_get_pack (data->copy);
  data->n_sectors = pack->n_sectors;
  data->sector_curves = odan_counterfactual_sector_curves (cf, &all);
  data->horizon = odan_counterfactual_get_horizon (cf);
  data->n_nodes = pack->n_nodes;
  data->node_curves = g_new0 (GArray *, MAX (pack->n_nodes, 1));
  /* one replay for every node's history: one per node took minutes on a
   * model of 2,000 nodes */
  history_sim = odan_exercise_replay_history (data->copy);
  for (guint32 n = 0; n < pack->n_nodes; n++)
    {
      g_autoptr(GArray) history = NULL;
      GArray *points = g_array_new (FALSE, FALSE, sizeof (OdanCurvePoint));
      OdanCurvePoint start = { 0, 1 };

      data->node_curves[n] = points;
      if (g_cancellable_set_error_if_cancelled (cancellable, &error))
        {
          odan_sim_free (history_sim);
          g_task_return_error (task, g_steal_pointer (&error));
          return;
        }
      history = odan_sim_dup_history (history_sim, n);
      /* Every node starts at 100 %: the history holds only changes. */
      if (history->len == 0 || g_array_index (history, OdanChange, 0).time > 0)
        g_array_append_val (points, start);
      for (guint i = 0; i < history->len; i++)
        {
          const OdanChange *change = &g_array_index (history, OdanChange, i);
          OdanCurvePoint point = { change->time, change->value };

          if (points->len > 0 && g_array_index (points, OdanCurvePoint, points->len - 1).time == point.time)
            g_array_index (points, OdanCurvePoint, points->len - 1).value = point.value;
          else
            g_array_append_val (points, point);
        }
    }
  odan_sim_free (history_sim);

  g_task_return_pointer (task, g_steal_pointer (&data), (GDestroyNotify) odan_review_data_free);
}

static void
odan_review_page_set_busy (OdanReviewPage *self,
                           gboolean        busy)
{
  gtk_spinner_set_spinning (self->spinner, busy);
  gtk_widget_set_visible (GTK_WIDGET (self->spinner), busy);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUSY]);
}

static void
on_computed (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  OdanReviewPage *self = ODAN_REVIEW_PAGE (source);
  g_autoptr(GError) error = NULL;
  OdanReviewData *data = g_task_propagate_pointer (G_TASK (result), &error);

  if (data == NULL && g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;  /* another computation, or none, replaced it */

  g_clear_object (&self->cancellable);
  if (data == NULL)
    {
      adw_status_page_set_description (self->measures_error, error->message);
      gtk_stack_set_visible_child_name (self->measures_stack, "error");
    }
  else
    {
      g_clear_pointer (&self->data, odan_review_data_free);
      self->data = data;
      odan_review_page_build_measures (self);
      odan_review_page_build_impacts (self);
      odan_review_page_update_range (self);
      odan_review_page_update_curves (self);
      odan_review_page_update_count (self);
    }

  if (self->dirty && gtk_widget_get_mapped (GTK_WIDGET (self)))
    odan_review_page_recompute (self);
  else
    odan_review_page_set_busy (self, FALSE);
}

void
odan_review_page_recompute (OdanReviewPage *self)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (ODAN_IS_REVIEW_PAGE (self));

  if (self->exercise == NULL)
    return;

  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  self->dirty = FALSE;

  if (self->data == NULL)
    gtk_stack_set_visible_child_name (self->measures_stack, "busy");
  task = g_task_new (self, self->cancellable, on_computed, NULL);
  g_task_set_source_tag (task, odan_review_page_recompute);
  g_task_set_task_data (task, g_strdup (odan_store_get_location (odan_exercise_get_store (self->exercise))), g_free);
  g_task_set_return_on_cancel (task, FALSE);
  g_task_run_in_thread (task, compute_thread);
  odan_review_page_set_busy (self, TRUE);
}

gboolean
odan_review_page_get_busy (OdanReviewPage *self)
{
  g_return_val_if_fail (ODAN_IS_REVIEW_PAGE (self), FALSE);

  return self->cancellable != NULL;
}

/* Export ----------------------------------------------------------------------- */

typedef struct {
  char             *location;
  char             *path;
  OdanReportFormat  format;
  OdanReportLang    lang;
} ExportJob;

static void
export_job_free (ExportJob *job)
{
  g_free (job->location);
  g_free (job->path);
  g_free (job);
}

static void
export_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  ExportJob *job = task_data;
  g_autoptr(OdanExercise) copy = NULL;
  g_autoptr(OdanReport) report = NULL;
  g_autoptr(GError) error = NULL;

  copy = open_copy (job->location, &error);
  if (copy == NULL
      || (report = odan_report_new (copy, -1, &error)) == NULL
      || !odan_report_write (report, job->format, job->lang, job->path, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  g_task_return_boolean (task, TRUE);
}

void
odan_review_page_export_to_async (OdanReviewPage      *self,
                                  GFile               *file,
                                  OdanReportFormat     format,
                                  OdanReportLang       lang,
                                  GCancellable        *cancellable,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  ExportJob *job;

  g_return_if_fail (ODAN_IS_REVIEW_PAGE (self));
  g_return_if_fail (G_IS_FILE (file));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, odan_review_page_export_to_async);
  if (self->exercise == NULL)
    {
      g_task_return_new_error (task, ODAN_REPORT_ERROR, ODAN_REPORT_ERROR_INVALID, "%s", _("No exercise is open"));
      return;
    }
  job = g_new0 (ExportJob, 1);
  job->location = g_strdup (odan_store_get_location (odan_exercise_get_store (self->exercise)));
  job->path = g_file_get_path (file);
  job->format = format;
  job->lang = lang;
  if (job->path == NULL)
    {
      export_job_free (job);
      g_task_return_new_error (task, ODAN_REPORT_ERROR, ODAN_REPORT_ERROR_IO, "%s", _("The report can only be written to a local file"));
      return;
    }
  g_task_set_task_data (task, job, (GDestroyNotify) export_job_free);
  g_task_run_in_thread (task, export_thread);
}

gboolean
odan_review_page_export_to_finish (OdanReviewPage  *self,
                                   GAsyncResult    *result,
                                   GError         **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

static void
on_exported (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  OdanReviewPage *self = ODAN_REVIEW_PAGE (source);
  g_autoptr(GFile) file = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *name = g_file_get_basename (file);
  g_autofree char *text = NULL;

  if (!odan_review_page_export_to_finish (self, result, &error))
    {
      show_toast (self, error->message);
      return;
    }
  /* Translators: a toast once the report is written, with the file's name */
  text = g_strdup_printf (_("Report exported to “%s”"), name);
  show_toast (self, text);
}

static void
on_report_chosen (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(OdanReviewPage) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *format_text = NULL;
  g_autofree char *lang_text = NULL;
  g_autoptr(GFile) file = odan_file_chooser_report_finish (result, &format_text, &lang_text, &error);
  OdanReportFormat format = ODAN_REPORT_HTML;
  OdanReportLang lang = odan_report_lang_default ();

  if (file == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        show_toast (self, error->message);
      return;
    }

  if (format_text != NULL)
    odan_report_format_from_string (format_text, &format);
  if (lang_text != NULL)
    odan_report_lang_from_string (lang_text, &lang);

  /* A file without the format's extension gets it; CSV is a folder. */
  if (format != ODAN_REPORT_CSV)
    {
      g_autofree char *base = g_file_get_basename (file);
      const char *suffix = format == ODAN_REPORT_PDF ? ".pdf" : format == ODAN_REPORT_XLSX ? ".xlsx" : ".html";

      if (!g_str_has_suffix (base, suffix))
        {
          g_autoptr(GFile) parent = g_file_get_parent (file);
          g_autofree char *named = g_strconcat (base, suffix, NULL);
          GFile *child = g_file_get_child (parent, named);

          g_clear_object (&file);
          file = child;
        }
    }

  odan_review_page_export_to_async (self, file, format, lang, NULL, on_exported, g_object_ref (file));
}

void
odan_review_page_export (OdanReviewPage *self)
{
  GtkRoot *root;
  g_autofree char *name = NULL;
  const OdanPack *pack;

  g_return_if_fail (ODAN_IS_REVIEW_PAGE (self));

  if (self->exercise == NULL)
    return;
  root = gtk_widget_get_root (GTK_WIDGET (self));
  pack = odan_exercise_get_pack (self->exercise);
  name = g_strdup_printf ("%s-aar", pack->id != NULL ? pack->id : "exercise");
  odan_file_chooser_report_save_async (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, name,
                                       odan_report_lang_default () == ODAN_REPORT_LANG_JA ? "ja" : "en",
                                       on_report_chosen, g_object_ref (self));
}

/* Observations ---------------------------------------------------------------------- */

static void
on_observation_add (OdanObservationDialog *dialog,
                    OdanReviewPage        *self)
{
  g_autoptr(GError) error = NULL;

  if (odan_observation_dialog_add (dialog, &error) == 0)
    {
      show_toast (self, error->message);
      return;
    }
  gtk_window_destroy (GTK_WINDOW (dialog));
}

void
odan_review_page_add_observation (OdanReviewPage *self)
{
  GtkRoot *root;
  OdanObservationDialog *dialog;

  g_return_if_fail (ODAN_IS_REVIEW_PAGE (self));

  if (self->exercise == NULL)
    return;
  root = gtk_widget_get_root (GTK_WIDGET (self));
  dialog = odan_observation_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, self->exercise);
  g_signal_connect_object (dialog, "add", G_CALLBACK (on_observation_add), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* The exercise ------------------------------------------------------------------------ */

static void
on_event_added (OdanExercise    *exercise,
                const OdanEvent *event,
                OdanReviewPage  *self)
{
  g_autoptr(GHashTable) teams = team_index_new (odan_exercise_get_pack (exercise));
  g_autoptr(OdanTimelineItem) item = item_for_event (self, teams, event);

  g_list_store_append (self->events, item);
  if (event->kind == ODAN_EVENT_OBSERVATION)
    odan_review_page_update_evaluation (self);
  odan_review_page_update_range (self);
  odan_review_page_update_count (self);

  /* The measures are read again when someone looks at them. */
  self->dirty = TRUE;
  if (gtk_widget_get_mapped (GTK_WIDGET (self)) && self->cancellable == NULL)
    odan_review_page_recompute (self);
}

static void
on_map (OdanReviewPage *self)
{
  if (self->dirty && self->cancellable == NULL)
    odan_review_page_recompute (self);
}

static GtkStringList *
string_list_new (const char *first)
{
  GtkStringList *list = gtk_string_list_new (NULL);

  gtk_string_list_append (list, first);
  return list;
}

static void
odan_review_page_clear (OdanReviewPage *self)
{
  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  if (self->exercise != NULL)
    g_clear_signal_handler (&self->event_added_id, self->exercise);
  if (self->events != NULL)
    g_list_store_remove_all (self->events);
  if (self->impacts != NULL)
    g_list_store_remove_all (self->impacts);
  g_clear_pointer (&self->data, odan_review_data_free);
  if (self->board != NULL)
    odan_sector_board_set_exercise (self->board, NULL);
  g_clear_object (&self->exercise);
  self->dirty = FALSE;
}

void
odan_review_page_set_exercise (OdanReviewPage *self,
                               OdanExercise   *exercise)
{
  const OdanPack *pack;
  g_autoptr(GHashTable) teams = NULL;
  g_autoptr(GPtrArray) items = NULL;
  g_autoptr(GtkStringList) team_names = NULL;
  g_autoptr(GtkStringList) sector_names = NULL;
  g_autoptr(GtkStringList) curve_names = NULL;
  guint n_events;

  g_return_if_fail (ODAN_IS_REVIEW_PAGE (self));
  g_return_if_fail (exercise == NULL || ODAN_IS_EXERCISE (exercise));

  if (self->exercise == exercise)
    return;

  odan_review_page_clear (self);
  odan_review_page_set_busy (self, FALSE);
  if (exercise == NULL)
    {
      odan_review_page_build_measures (self);
      odan_review_page_update_evaluation (self);
      odan_review_page_update_curves (self);
      odan_review_page_update_count (self);
      return;
    }

  self->exercise = g_object_ref (exercise);
  pack = odan_exercise_get_pack (exercise);

  team_names = string_list_new (_("All teams"));
  for (guint32 i = 0; i < pack->n_teams; i++)
    gtk_string_list_append (team_names, team_name (pack, i));
  gtk_drop_down_set_model (self->team_dropdown, G_LIST_MODEL (team_names));

  sector_names = string_list_new (_("All sectors"));
  /* Translators: the plot's choice: every sector's mean curve */
  curve_names = string_list_new (_("Every sector"));
  for (guint32 i = 0; i < pack->n_sectors; i++)
    {
      const char *name = odan_pack_localized (pack->sectors[i].name, pack->sectors[i].name_ja);
      /* Translators: the plot's choice: the nodes of one sector, e.g. "Nodes of Electricity" */
      g_autofree char *nodes = g_strdup_printf (_("Nodes of %s"), name);

      gtk_string_list_append (sector_names, name);
      gtk_string_list_append (curve_names, nodes);
    }
  gtk_drop_down_set_model (self->sector_dropdown, G_LIST_MODEL (sector_names));
  gtk_drop_down_set_model (self->curve_dropdown, G_LIST_MODEL (curve_names));

  /* One splice: the list is built once, not once per event. */
  teams = team_index_new (pack);
  n_events = odan_exercise_get_n_events (exercise);
  items = g_ptr_array_new_full (n_events, g_object_unref);
  for (guint i = 0; i < n_events; i++)
    g_ptr_array_add (items, item_for_event (self, teams, odan_exercise_get_event (exercise, i)));
  g_list_store_splice (self->events, 0, 0, items->pdata, items->len);

  odan_sector_board_set_exercise (self->board, exercise);
  self->event_added_id = g_signal_connect (exercise, "event-added", G_CALLBACK (on_event_added), self);

  self->at_end = TRUE;
  gtk_spin_button_set_value (self->from_spin, 0);
  gtk_spin_button_set_value (self->to_spin, G_MAXDOUBLE);
  odan_review_page_update_range (self);
  odan_review_page_set_time (self, self->end);
  odan_review_page_update_evaluation (self);
  odan_review_page_update_curves (self);
  odan_review_page_refilter (self);
  odan_review_page_recompute (self);
}

/* GObject ------------------------------------------------------------------------------ */

/* The range spins show exercise time as T+…, and read it back. */
static gboolean
on_spin_output (GtkSpinButton *spin,
                gpointer       user_data)
{
  g_autofree char *text = odan_time_format_offset (gtk_spin_button_get_value (spin));

  gtk_editable_set_text (GTK_EDITABLE (spin), text);
  return TRUE;
}

static int
on_spin_input (GtkSpinButton *spin,
               double        *value,
               gpointer       user_data)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (spin));
  double minutes;

  if (g_str_has_prefix (text, "T+"))
    text += 2;
  if (!odan_duration_parse (text, &minutes, NULL))
    return GTK_INPUT_ERROR;
  *value = minutes;
  return TRUE;
}

static void
odan_review_page_dispose (GObject *object)
{
  OdanReviewPage *self = ODAN_REVIEW_PAGE (object);

  odan_review_page_clear (self);
  gtk_widget_dispose_template (GTK_WIDGET (self), ODAN_TYPE_REVIEW_PAGE);
  g_clear_object (&self->filtered);
  g_clear_object (&self->filter);
  g_clear_object (&self->events);
  g_clear_object (&self->impacts);
  g_clear_pointer (&self->needle, g_free);
  g_clear_pointer (&self->areas, g_array_unref);

  G_OBJECT_CLASS (odan_review_page_parent_class)->dispose (object);
}

static void
odan_review_page_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  OdanReviewPage *self = ODAN_REVIEW_PAGE (object);

  switch (prop_id)
    {
    case PROP_BUSY:
      g_value_set_boolean (value, odan_review_page_get_busy (self));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
odan_review_page_class_init (OdanReviewPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = odan_review_page_dispose;
  object_class->get_property = odan_review_page_get_property;

  properties[PROP_BUSY] =
    g_param_spec_boolean ("busy", NULL, NULL, FALSE,
                          (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (ODAN_TYPE_CURVE_PLOT);
  g_type_ensure (ODAN_TYPE_SECTOR_BOARD);

  gtk_widget_class_set_template_from_resource (widget_class, "/jp/odan/Odan/odan-review-page.ui");
  gtk_widget_class_bind_template_child (widget_class, OdanReviewPage, scrubber);
  gtk_widget_class_bind_template_child (widget_class, OdanReviewPage, scrub_adjustment);
  gtk_widget_class_bind_template_child (widget_class, OdanReviewPage, scrub_label);
  gtk_widget_class_bind_template_child (widget_class, OdanReviewPage, spinner);
  gtk_widget_class_bind_template_child (widget_class, OdanReviewPage, section_stack);
  gtk_widget_class_bind_template_child (widget_class, OdanReviewPage, search_entry);
  gtk_widget_class_bind_template_child (widget_class, OdanReviewPage, category_dropdown);
  gtk_widget_class_bind_template_child (widget_class, OdanReviewPage, team_dropdown);
  gtk_widget_class_bind_template_child (widget_class, OdanReviewPage, sector_dropdown);
  gtk_widget_class_bind_template_child (widget_class, OdanReviewPage, from_spin);
  gtk_widget_class_bind_template_child (widget_class, OdanReviewPage, to_spin);
  gtk_widget_class_bind_template_child (widget_class, OdanReviewPage, timeline_count);
  gtk_widget_class_bind_template_child (widget_class, OdanReviewPage, timeline_stack);
  gtk_widget_class_bind_template_child (widget_class, OdanReviewPage, timeline_view);
  gtk_widget_class_bind_template_child (widget_class, OdanReviewPage, measures_stack);
  gtk_widget_class_bind_template_child (widget_class, OdanReviewPage, measures_error);
  gtk_widget_class_bind_template_child (widget_class, OdanReviewPage, measures_box);
  gtk_widget_class_bind_template_child (widget_class, OdanReviewPage, observations_stack);
  gtk_widget_class_bind_template_child (widget_class, OdanReviewPage, observation_list);
  gtk_widget_class_bind_template_child (widget_class, OdanReviewPage, plan_stack);
  gtk_widget_class_bind_template_child (widget_class, OdanReviewPage, plan_list);
  gtk_widget_class_bind_template_child (widget_class, OdanReviewPage, action_row);
  gtk_widget_class_bind_template_child (widget_class, OdanReviewPage, plan_capability_row);
  gtk_widget_class_bind_template_child (widget_class, OdanReviewPage, owner_row);
  gtk_widget_class_bind_template_child (widget_class, OdanReviewPage, answers_row);
  gtk_widget_class_bind_template_child (widget_class, OdanReviewPage, answers_model);
  gtk_widget_class_bind_template_child (widget_class, OdanReviewPage, issue_row);
  gtk_widget_class_bind_template_child (widget_class, OdanReviewPage, reference_row);
  gtk_widget_class_bind_template_child (widget_class, OdanReviewPage, root_cause_row);
  gtk_widget_class_bind_template_child (widget_class, OdanReviewPage, poc_row);
  gtk_widget_class_bind_template_child (widget_class, OdanReviewPage, start_row);
  gtk_widget_class_bind_template_child (widget_class, OdanReviewPage, completion_row);
  gtk_widget_class_bind_template_child (widget_class, OdanReviewPage, status_row);
  gtk_widget_class_bind_template_child (widget_class, OdanReviewPage, plan_button);
  gtk_widget_class_bind_template_child (widget_class, OdanReviewPage, curve_dropdown);
  gtk_widget_class_bind_template_child (widget_class, OdanReviewPage, curve_plot);
  gtk_widget_class_bind_template_child (widget_class, OdanReviewPage, board);
}

static void
odan_review_page_init (OdanReviewPage *self)
{
  g_autoptr(GListStore) models = NULL;
  g_autoptr(GtkSortListModel) sorted = NULL;
  g_autoptr(GtkNoSelection) selection = NULL;
  g_autoptr(GtkStringList) categories = NULL;
  const char *const category_names[] = {
    C_("timeline filter", "All categories"),
    C_("timeline filter", "Injects"),
    C_("timeline filter", "Acknowledgements"),
    C_("timeline filter", "Decisions"),
    NULL, NULL, NULL, NULL, NULL,   /* the five decision categories */
    C_("timeline filter", "Mitigations"),
    C_("timeline filter", "Observations"),
    C_("timeline filter", "Impacts"),
    C_("timeline filter", "Clock"),
  };

  self->areas = g_array_new (FALSE, FALSE, sizeof (gint64));
  gtk_widget_init_template (GTK_WIDGET (self));

  self->events = g_list_store_new (ODAN_TYPE_TIMELINE_ITEM);
  self->impacts = g_list_store_new (ODAN_TYPE_TIMELINE_ITEM);
  self->end = 0;
  self->at_end = TRUE;

  add_timeline_column (self, TIMELINE_TIME, _("Time"), FALSE);
  add_timeline_column (self, TIMELINE_KIND, _("Kind"), FALSE);
  add_timeline_column (self, TIMELINE_TEAM, _("Team"), FALSE);
  add_timeline_column (self, TIMELINE_SUMMARY, _("Summary"), TRUE);

  models = g_list_store_new (G_TYPE_LIST_MODEL);
  g_list_store_append (models, self->events);
  g_list_store_append (models, self->impacts);
  sorted = gtk_sort_list_model_new (G_LIST_MODEL (gtk_flatten_list_model_new (G_LIST_MODEL (g_steal_pointer (&models)))),
                                    GTK_SORTER (gtk_custom_sorter_new (compare_rows, NULL, NULL)));
  self->filter = gtk_custom_filter_new (filter_item, self, NULL);
  self->filtered = gtk_filter_list_model_new (G_LIST_MODEL (g_steal_pointer (&sorted)),
                                              g_object_ref (GTK_FILTER (self->filter)));
  selection = gtk_no_selection_new (g_object_ref (G_LIST_MODEL (self->filtered)));
  gtk_column_view_set_model (self->timeline_view, GTK_SELECTION_MODEL (selection));

  categories = gtk_string_list_new (NULL);
  for (guint i = 0; i < G_N_ELEMENTS (category_names); i++)
    gtk_string_list_append (categories, category_names[i] != NULL ? category_names[i] : odan_decision_item_category_name (i - 4));
  gtk_drop_down_set_model (self->category_dropdown, G_LIST_MODEL (categories));
  {
    g_autoptr(GtkStringList) none = string_list_new (_("All teams"));
    g_autoptr(GtkStringList) no_sector = string_list_new (_("All sectors"));
    g_autoptr(GtkStringList) no_curve = string_list_new (_("Every sector"));

    gtk_drop_down_set_model (self->team_dropdown, G_LIST_MODEL (none));
    gtk_drop_down_set_model (self->sector_dropdown, G_LIST_MODEL (no_sector));
    gtk_drop_down_set_model (self->curve_dropdown, G_LIST_MODEL (no_curve));
  }

  g_signal_connect_object (self->search_entry, "search-changed", G_CALLBACK (on_search_changed), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->team_dropdown, "notify::selected", G_CALLBACK (odan_review_page_refilter), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->sector_dropdown, "notify::selected", G_CALLBACK (odan_review_page_refilter), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->category_dropdown, "notify::selected", G_CALLBACK (odan_review_page_refilter), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->from_spin, "value-changed", G_CALLBACK (odan_review_page_refilter), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->to_spin, "value-changed", G_CALLBACK (odan_review_page_refilter), self, G_CONNECT_SWAPPED);
  g_signal_connect (self->from_spin, "output", G_CALLBACK (on_spin_output), NULL);
  g_signal_connect (self->to_spin, "output", G_CALLBACK (on_spin_output), NULL);
  g_signal_connect (self->from_spin, "input", G_CALLBACK (on_spin_input), NULL);
  g_signal_connect (self->to_spin, "input", G_CALLBACK (on_spin_input), NULL);
  g_signal_connect_object (self->curve_dropdown, "notify::selected", G_CALLBACK (odan_review_page_update_curves), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->scrub_adjustment, "value-changed", G_CALLBACK (odan_review_page_show_time), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->curve_plot, "seek", G_CALLBACK (on_plot_seek), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->plan_button, "clicked", G_CALLBACK (on_plan_add), self, G_CONNECT_SWAPPED);
  g_signal_connect (self, "map", G_CALLBACK (on_map), NULL);

  gtk_widget_set_visible (GTK_WIDGET (self->spinner), FALSE);
  odan_review_page_update_evaluation (self);
  odan_review_page_update_count (self);
}

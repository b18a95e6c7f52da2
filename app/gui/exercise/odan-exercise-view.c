/* odan-exercise-view.c — the facilitator's console for one running exercise
 *
 * A header bar with the exercise clock (start/pause/resume, speed, step to
 * the next inject, jump forward; the time as T+… and as the scenario's local
 * time) over the MSEL: a GtkColumnView of OdanInjectItem (GListStore →
 * GtkSortListModel with the columns' sorters → GtkFilterListModel with the
 * search → GtkSingleSelection) beside the selected inject's full text, the
 * sector board (OdanSectorBoard) on a second page and the decision feed on
 * a third: a GtkColumnView of OdanDecisionItem, one per decision and
 * mitigation event of the log, newest first. Ad hoc injects join the MSEL
 * as they are delivered. The Teams page (OdanTeamsPage) shows every team's
 * reporting deadlines, late first, and one team's own view. The Review page
 * (OdanReviewPage) is the evaluator's: timeline, curves, measures, observations.
 *
 * Everything the facilitator does goes through OdanExercise, which commits
 * it to the file before it changes anything; the view only follows the
 * exercise's "event-added" signal. The statuses come from the log: a
 * delivery or skip settles an inject for good, a reschedule marks it
 * delayed, and an inject not settled whose time has come is due.
 */
#define G_LOG_DOMAIN "odan-gui"

#include <glib/gi18n.h>
#include <math.h>

#include "odan-exercise-view-private.h"
#include "odan-format.h"
#include "odan-time.h"

/* How often the clock is read while it runs in real time. */
#define TICK_INTERVAL_MS 250

static const double speeds[] = { 1, 2, 5, 10, 30, 60 };

G_DEFINE_FINAL_TYPE (OdanExerciseView, odan_exercise_view, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_EXERCISE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* Columns ------------------------------------------------------------------ */

typedef enum {
  COLUMN_TIME,
  COLUMN_RECIPIENTS,
  COLUMN_CHANNEL,
  COLUMN_TITLE,
  COLUMN_STATUS,
} Column;

static void
update_status_label (OdanInjectItem *item,
                     GParamSpec     *pspec,
                     GtkLabel       *label)
{
  OdanInjectStatus status = odan_inject_item_get_status (item);
  const char *css_class = odan_inject_status_to_css_class (status);
  const char *classes[] = { "inject-status", css_class, NULL };

  gtk_label_set_label (label, odan_inject_status_to_label (status));
  gtk_widget_set_css_classes (GTK_WIDGET (label), classes);
}

static void
column_setup (GtkSignalListItemFactory *factory,
              GtkListItem              *list_item,
              gpointer                  user_data)
{
  Column column = GPOINTER_TO_INT (user_data);
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  /* Bounded both ways, so the columns share the width they get and the
   * status, at the end, always shows. */
  if (column == COLUMN_TITLE || column == COLUMN_RECIPIENTS || column == COLUMN_CHANNEL)
    {
      gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
      gtk_label_set_width_chars (GTK_LABEL (label), column == COLUMN_TITLE ? 16 : column == COLUMN_RECIPIENTS ? 8 : 4);
      gtk_label_set_max_width_chars (GTK_LABEL (label), column == COLUMN_TITLE ? 60 : column == COLUMN_RECIPIENTS ? 16 : 8);
    }
  if (column == COLUMN_TIME)
    gtk_widget_add_css_class (label, "numeric");
  if (column == COLUMN_STATUS)
    {
      /* Wide enough for every status: a column keeps the width it was
       * first measured at, and a status changes in place. */
      g_autoptr(PangoAttrList) attrs = pango_attr_list_new ();
      int width = 0;

      pango_attr_list_insert (attrs, pango_attr_weight_new (PANGO_WEIGHT_BOLD));
      for (OdanInjectStatus status = ODAN_INJECT_STATUS_DUE; status <= ODAN_INJECT_STATUS_SKIPPED; status++)
        {
          g_autoptr(PangoLayout) layout = gtk_widget_create_pango_layout (label, odan_inject_status_to_label (status));
          int text_width;

          pango_layout_set_attributes (layout, attrs);
          pango_layout_get_pixel_size (layout, &text_width, NULL);
          width = MAX (width, text_width);
        }
      gtk_widget_set_size_request (label, width, -1);
    }
  gtk_list_item_set_child (list_item, label);
}

static void
column_bind (GtkSignalListItemFactory *factory,
             GtkListItem              *list_item,
             gpointer                  user_data)
{
  Column column = GPOINTER_TO_INT (user_data);
  OdanInjectItem *item = gtk_list_item_get_item (list_item);
  GtkLabel *label = GTK_LABEL (gtk_list_item_get_child (list_item));

  switch (column)
    {
    case COLUMN_TIME:
      gtk_label_set_label (label, odan_inject_item_get_time_text (item));
      break;

    case COLUMN_RECIPIENTS:
      gtk_label_set_label (label, odan_inject_item_get_recipients (item));
      gtk_widget_set_tooltip_text (GTK_WIDGET (label), odan_inject_item_get_recipients (item));
      break;

    case COLUMN_CHANNEL:
      gtk_label_set_label (label, odan_inject_item_get_channel (item));
      gtk_widget_set_tooltip_text (GTK_WIDGET (label), odan_inject_item_get_channel (item));
      break;

    case COLUMN_TITLE:
      gtk_label_set_label (label, odan_inject_item_get_title (item));
      gtk_widget_set_tooltip_text (GTK_WIDGET (label), odan_inject_item_get_title (item));
      break;

    case COLUMN_STATUS:
      update_status_label (item, NULL, label);
      g_signal_connect_object (item, "notify::status", G_CALLBACK (update_status_label), label, 0);
      break;

    default:
      g_assert_not_reached ();
    }
}

static void
column_unbind (GtkSignalListItemFactory *factory,
               GtkListItem              *list_item,
               gpointer                  user_data)
{
  Column column = GPOINTER_TO_INT (user_data);
  OdanInjectItem *item = gtk_list_item_get_item (list_item);

  if (column == COLUMN_STATUS && item != NULL)
    g_signal_handlers_disconnect_by_func (item, update_status_label, gtk_list_item_get_child (list_item));
}

static void
add_column (OdanExerciseView *self,
            Column            column,
            const char       *title,
            GtkSorter        *sorter,
            gboolean          expand)
{
  g_autoptr(GtkListItemFactory) factory = gtk_signal_list_item_factory_new ();
  g_autoptr(GtkColumnViewColumn) view_column = NULL;

  g_signal_connect (factory, "setup", G_CALLBACK (column_setup), GINT_TO_POINTER (column));
  g_signal_connect (factory, "bind", G_CALLBACK (column_bind), GINT_TO_POINTER (column));
  g_signal_connect (factory, "unbind", G_CALLBACK (column_unbind), GINT_TO_POINTER (column));

  view_column = gtk_column_view_column_new (title, g_object_ref (factory));
  gtk_column_view_column_set_sorter (view_column, sorter);
  gtk_column_view_column_set_expand (view_column, expand);
  gtk_column_view_column_set_resizable (view_column, TRUE);
  gtk_column_view_append_column (self->msel_view, view_column);

  g_object_unref (sorter);
}

static GtkSorter *
string_sorter (const char *property)
{
  return GTK_SORTER (gtk_string_sorter_new (gtk_property_expression_new (ODAN_TYPE_INJECT_ITEM, NULL, property)));
}

static GtkSorter *
numeric_sorter (const char *property)
{
  return GTK_SORTER (gtk_numeric_sorter_new (gtk_property_expression_new (ODAN_TYPE_INJECT_ITEM, NULL, property)));
}

static void
odan_exercise_view_build_columns (OdanExerciseView *self)
{
  GListModel *columns;

  add_column (self, COLUMN_TIME, _("Time"), numeric_sorter ("time"), FALSE);
  add_column (self, COLUMN_RECIPIENTS, _("To"), string_sorter ("recipients"), TRUE);
  add_column (self, COLUMN_CHANNEL, _("Channel"), string_sorter ("channel"), FALSE);
  add_column (self, COLUMN_TITLE, _("Title"), string_sorter ("title"), TRUE);
  add_column (self, COLUMN_STATUS, _("Status"), numeric_sorter ("status"), FALSE);

  /* The MSEL reads in time order until someone sorts otherwise. */
  columns = gtk_column_view_get_columns (self->msel_view);
  {
    g_autoptr(GtkColumnViewColumn) time_column = g_list_model_get_item (columns, COLUMN_TIME);

    gtk_column_view_sort_by_column (self->msel_view, time_column, GTK_SORT_ASCENDING);
  }
}

/* The decision feed ---------------------------------------------------------- */

typedef enum {
  FEED_TIME,
  FEED_TEAM,
  FEED_CATEGORY,
  FEED_SUMMARY,
  FEED_OUTCOME,
  FEED_EFFECT,
  FEED_ACCEPT,
} FeedColumn;

static void
feed_setup (GtkSignalListItemFactory *factory,
            GtkListItem              *list_item,
            gpointer                  user_data)
{
  FeedColumn column = GPOINTER_TO_INT (user_data);
  GtkWidget *label;

  if (column == FEED_ACCEPT)
    {
      /* a team's proposal from its own office waits for the facilitator */
      GtkWidget *button = gtk_button_new_with_label (_("Accept"));

      gtk_widget_add_css_class (button, "flat");
      gtk_widget_set_tooltip_text (button, _("Apply the mitigation this team proposed"));
      /* the row's event id comes at bind time; the action takes one */
      gtk_actionable_set_action_target_value (GTK_ACTIONABLE (button), g_variant_new_int64 (0));
      gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "exercise.accept-proposal");
      gtk_list_item_set_child (list_item, button);
      return;
    }
  label = gtk_label_new (NULL);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  if (column == FEED_TIME)
    gtk_widget_add_css_class (label, "numeric");
  else
    {
      gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
      gtk_label_set_width_chars (GTK_LABEL (label), column == FEED_SUMMARY || column == FEED_OUTCOME ? 16 : 6);
      gtk_label_set_max_width_chars (GTK_LABEL (label), column == FEED_SUMMARY || column == FEED_OUTCOME ? 40 : 24);
    }
  if (column == FEED_EFFECT)
    gtk_widget_add_css_class (label, "monospace");
  gtk_list_item_set_child (list_item, label);
}

static void
feed_bind (GtkSignalListItemFactory *factory,
           GtkListItem              *list_item,
           gpointer                  user_data)
{
  FeedColumn column = GPOINTER_TO_INT (user_data);
  OdanDecisionItem *item = gtk_list_item_get_item (list_item);
  GtkWidget *label = gtk_list_item_get_child (list_item);
  const char *text;

  if (column == FEED_ACCEPT)
    {
      gtk_actionable_set_action_target_value (GTK_ACTIONABLE (label),
                                              g_variant_new_int64 (odan_decision_item_get_event_id (item)));
      gtk_widget_set_visible (label, odan_decision_item_get_outcome (item) == ODAN_DECISION_OUTCOME_PROPOSED);
      return;
    }

  switch (column)
    {
    case FEED_TIME:
      text = odan_decision_item_get_time_text (item);
      break;
    case FEED_TEAM:
      text = odan_decision_item_get_team (item);
      break;
    case FEED_CATEGORY:
      text = odan_decision_item_get_category (item);
      break;
    case FEED_SUMMARY:
      text = odan_decision_item_get_summary (item);
      break;
    case FEED_OUTCOME:
      text = odan_decision_item_get_outcome_text (item);
      gtk_widget_remove_css_class (label, "error");
      gtk_widget_remove_css_class (label, "success");
      if (odan_decision_item_get_outcome (item) == ODAN_DECISION_OUTCOME_REFUSED)
        gtk_widget_add_css_class (label, "error");
      else if (odan_decision_item_get_outcome (item) == ODAN_DECISION_OUTCOME_APPLIED)
        gtk_widget_add_css_class (label, "success");
      break;
    case FEED_EFFECT:
      /* the model's syntax in words; the syntax itself in the tooltip */
      text = odan_decision_item_get_effect_words (item);
      break;
    default:
      g_assert_not_reached ();
    }

  gtk_label_set_label (GTK_LABEL (label), text);
  if (column == FEED_EFFECT)
    text = odan_decision_item_get_effect (item);
  gtk_widget_set_tooltip_text (label, column != FEED_TIME && text[0] != '\0' ? text : NULL);
}

static void
add_feed_column (OdanExerciseView *self,
                 FeedColumn        column,
                 const char       *title,
                 gboolean          expand)
{
  g_autoptr(GtkListItemFactory) factory = gtk_signal_list_item_factory_new ();
  g_autoptr(GtkColumnViewColumn) view_column = NULL;

  g_signal_connect (factory, "setup", G_CALLBACK (feed_setup), GINT_TO_POINTER (column));
  g_signal_connect (factory, "bind", G_CALLBACK (feed_bind), GINT_TO_POINTER (column));

  view_column = gtk_column_view_column_new (title, g_object_ref (factory));
  gtk_column_view_column_set_expand (view_column, expand);
  gtk_column_view_column_set_resizable (view_column, TRUE);
  gtk_column_view_append_column (self->feed_view, view_column);
}

static void
odan_exercise_view_build_feed (OdanExerciseView *self)
{
  g_autoptr(GtkNoSelection) selection = NULL;

  add_feed_column (self, FEED_TIME, _("Time"), FALSE);
  add_feed_column (self, FEED_TEAM, _("Team"), FALSE);
  add_feed_column (self, FEED_CATEGORY, _("Category"), FALSE);
  add_feed_column (self, FEED_SUMMARY, _("Summary"), TRUE);
  /* Translators: the decision feed's column with what became of a decision's mitigation */
  add_feed_column (self, FEED_OUTCOME, _("Mitigation"), TRUE);
  add_feed_column (self, FEED_EFFECT, _("Effect"), TRUE);
  add_feed_column (self, FEED_ACCEPT, "", FALSE);

  selection = gtk_no_selection_new (g_object_ref (G_LIST_MODEL (self->decisions)));
  gtk_column_view_set_model (self->feed_view, GTK_SELECTION_MODEL (selection));
}

static void
odan_exercise_view_update_feed_page (OdanExerciseView *self)
{
  gtk_stack_set_visible_child_name (self->feed_stack,
                                    g_list_model_get_n_items (G_LIST_MODEL (self->decisions)) > 0
                                    ? "feed" : "empty");
}

/* State from the log ----------------------------------------------------- */

static void
odan_exercise_view_apply_event (OdanExerciseView *self,
                                const OdanEvent  *event)
{
  const OdanPack *pack = odan_exercise_get_pack (self->exercise);
  guint32 index;

  if (odan_decision_item_accepts (event))
    {
      g_autoptr(OdanDecisionItem) item = odan_decision_item_new (pack, event);

      /* Newest first. */
      g_list_store_insert (self->decisions, 0, item);
      return;
    }

  if (event->kind == ODAN_EVENT_DELIVERY && event->action == ODAN_ACTION_ADHOC)
    {
      g_autoptr(OdanInjectItem) item = odan_inject_item_new_adhoc (pack, event);

      g_list_store_append (self->injects, item);
      return;
    }

  if (event->subject == NULL
      || (event->kind != ODAN_EVENT_DELIVERY && event->kind != ODAN_EVENT_RESCHEDULE))
    return;

  index = odan_pack_find_inject (pack, event->subject);
  if (index == ODAN_NONE)
    return;

  if (event->kind == ODAN_EVENT_DELIVERY)
    self->settled[index] = event->action == ODAN_ACTION_SKIPPED
                           ? ODAN_INJECT_STATUS_SKIPPED
                           : ODAN_INJECT_STATUS_DELIVERED;
  else
    self->delayed[index] = event->action == ODAN_ACTION_DELAY;
}

static void
odan_exercise_view_update_statuses (OdanExerciseView *self)
{
  guint n_items = g_list_model_get_n_items (G_LIST_MODEL (self->injects));
  double now = odan_exercise_get_minute (self->exercise);

  for (guint i = 0; i < n_items; i++)
    {
      g_autoptr(OdanInjectItem) item = g_list_model_get_item (G_LIST_MODEL (self->injects), i);
      guint32 index = odan_inject_item_get_index (item);
      OdanInjectStatus status;

      /* Ad hoc injects are delivered when they appear. */
      if (index == ODAN_NONE)
        continue;

      if (self->settled[index] != 0)
        status = self->settled[index];
      else if (odan_exercise_get_inject_due (self->exercise, index) <= now)
        status = ODAN_INJECT_STATUS_DUE;
      else if (self->delayed[index])
        status = ODAN_INJECT_STATUS_DELAYED;
      else
        status = ODAN_INJECT_STATUS_UPCOMING;

      odan_inject_item_set_status (item, status);
    }
}

static void
odan_exercise_view_update_clock (OdanExerciseView *self)
{
  const OdanPack *pack = odan_exercise_get_pack (self->exercise);
  OdanClock *clock = odan_exercise_get_clock (self->exercise);
  double minute = odan_exercise_get_minute (self->exercise);
  g_autofree char *offset = odan_time_format_offset (minute);
  g_autofree char *local = NULL;
  const char *button_label;

  if (pack->start != NULL)
    {
      /* Whole seconds: the header shows where the exercise is, not how
       * precisely the timer fired. */
      g_autoptr(GDateTime) now = g_date_time_add_seconds (pack->start, floor (minute * 60.0));

      local = odan_format_date_time (now);
    }

  gtk_label_set_label (self->clock_label, offset);
  gtk_label_set_label (self->clock_local, local);

  if (!odan_exercise_has_started (self->exercise))
    button_label = _("_Start");
  else if (odan_exercise_has_ended (self->exercise))
    button_label = _("Ended");
  else if (odan_clock_get_running (clock))
    button_label = _("_Pause");
  else
    button_label = _("_Resume");
  gtk_button_set_label (self->clock_button, button_label);
  gtk_button_set_use_underline (self->clock_button, TRUE);

  if (odan_exercise_has_started (self->exercise))
    {
      double speed = odan_clock_get_speed (clock);

      for (guint i = 0; i < G_N_ELEMENTS (speeds); i++)
        if (speeds[i] == speed && gtk_drop_down_get_selected (self->speed_dropdown) != i)
          {
            self->syncing_speed = TRUE;
            gtk_drop_down_set_selected (self->speed_dropdown, i);
            self->syncing_speed = FALSE;
          }
    }
}

static void
set_optional_text (GtkWidget  *box,
                   GtkLabel   *label,
                   const char *text)
{
  gboolean shown = text != NULL && text[0] != '\0';

  gtk_label_set_label (label, shown ? text : "");
  odan_format_label_phrases (label);
  gtk_widget_set_visible (box, shown);
}

static void
odan_exercise_view_update_detail (OdanExerciseView *self)
{
  OdanInjectItem *item = _odan_exercise_view_get_selected (self);
  const OdanPack *pack;
  const OdanInject *inject;
  const char *from, *channel, *body;
  g_autoptr(GString) meta = NULL;
  OdanInjectStatus status;
  const char *classes[3] = { "inject-status", NULL, NULL };

  if (item == NULL || self->exercise == NULL)
    {
      gtk_stack_set_visible_child_name (self->detail_stack, "none");
      return;
    }

  pack = odan_exercise_get_pack (self->exercise);
  if (odan_inject_item_get_index (item) != ODAN_NONE)
    inject = &pack->injects[odan_inject_item_get_index (item)];
  else
    inject = NULL;

  gtk_label_set_label (self->detail_title, odan_inject_item_get_title (item));

  status = odan_inject_item_get_status (item);
  classes[1] = odan_inject_status_to_css_class (status);
  gtk_label_set_label (self->detail_status, odan_inject_status_to_label (status));
  gtk_widget_set_css_classes (GTK_WIDGET (self->detail_status), classes);

  meta = g_string_new (NULL);
  /* Translators: the selected inject's id and MSEL time, e.g. "INJ-02 · T+30m" */
  g_string_append_printf (meta, _("%s · %s"), odan_inject_item_get_id (item), odan_inject_item_get_time_text (item));
  g_string_append_c (meta, '\n');
  /* Translators: who an inject goes to */
  g_string_append_printf (meta, _("To: %s"), odan_inject_item_get_recipients (item));
  from = inject != NULL ? odan_pack_localized (inject->from, inject->from_ja) : odan_inject_item_get_from (item);
  channel = odan_inject_item_get_channel (item);
  body = inject != NULL ? odan_pack_localized (inject->body, inject->body_ja) : odan_inject_item_get_body (item);
  if (from != NULL && from[0] != '\0')
    {
      g_string_append_c (meta, '\n');
      /* Translators: who an inject comes from, in the story */
      g_string_append_printf (meta, _("From: %s"), from);
    }
  if (channel != NULL && channel[0] != '\0')
    {
      g_string_append_c (meta, '\n');
      /* Translators: how an inject reaches the teams (phone, mail …) */
      g_string_append_printf (meta, _("Channel: %s"), channel);
    }
  gtk_label_set_label (self->detail_meta, meta->str);

  gtk_label_set_label (self->detail_body, body != NULL ? body : "");
  odan_format_label_phrases (self->detail_title);
  odan_format_label_phrases (self->detail_body);
  gtk_widget_set_visible (GTK_WIDGET (self->detail_body), body != NULL && body[0] != '\0');
  set_optional_text (self->expected_box, self->detail_expected,
                     inject != NULL ? odan_pack_localized (inject->expected_action, inject->expected_action_ja) : NULL);
  set_optional_text (self->objective_box, self->detail_objective,
                     inject != NULL ? odan_pack_localized (inject->objective, inject->objective_ja) : NULL);

  gtk_stack_set_visible_child_name (self->detail_stack, "inject");
}

static gboolean
odan_exercise_view_tick_cb (gpointer user_data)
{
  _odan_exercise_view_tick (ODAN_EXERCISE_VIEW (user_data));
  return G_SOURCE_CONTINUE;
}

/* The timer runs only while the clock runs in real time. */
static void
odan_exercise_view_update_timer (OdanExerciseView *self)
{
  gboolean running = self->exercise != NULL && odan_exercise_is_running_live (self->exercise);

  if (running && self->tick_id == 0)
    self->tick_id = g_timeout_add (TICK_INTERVAL_MS, odan_exercise_view_tick_cb, self);
  else if (!running)
    g_clear_handle_id (&self->tick_id, g_source_remove);
}

static void
odan_exercise_view_refresh (OdanExerciseView *self)
{
  odan_sector_board_refresh (self->sector_board);
  odan_graph_view_refresh (self->graph_view);
  odan_exercise_view_update_statuses (self);
  odan_exercise_view_update_clock (self);
  odan_exercise_view_update_detail (self);
  odan_exercise_view_update_timer (self);
  odan_exercise_view_update_feed_page (self);
  _odan_exercise_view_actions_update (self);
}

static void
odan_exercise_view_on_event_added (OdanExercise     *exercise,
                                   const OdanEvent  *event,
                                   OdanExerciseView *self)
{
  odan_exercise_view_apply_event (self, event);
  odan_exercise_view_refresh (self);
}

/* Internal API ------------------------------------------------------------- */

void
_odan_exercise_view_tick (OdanExerciseView *self)
{
  g_autoptr(GError) error = NULL;

  g_return_if_fail (ODAN_IS_EXERCISE_VIEW (self));

  if (self->exercise == NULL || !odan_exercise_has_started (self->exercise)
      || odan_exercise_has_ended (self->exercise))
    return;

  if (!(odan_role_get_access (self->role, odan_exercise_get_pack (self->exercise)) & ODAN_ACCESS_CONTROL))
    {
      /* not ours to deliver: the facilitator's deliveries arrive as events */
      odan_exercise_view_update_clock (self);
      return;
    }

  if (!odan_exercise_advance (self->exercise, &error))
    {
      /* The clock stops rather than repeating the error four times a second. */
      g_clear_handle_id (&self->tick_id, g_source_remove);
      _odan_exercise_view_show_error (self, error);
      return;
    }

  odan_sector_board_refresh (self->sector_board);
  odan_graph_view_refresh (self->graph_view);
  odan_exercise_view_update_statuses (self);
  odan_exercise_view_update_clock (self);
}

OdanInjectItem *
_odan_exercise_view_get_selected (OdanExerciseView *self)
{
  g_return_val_if_fail (ODAN_IS_EXERCISE_VIEW (self), NULL);

  return gtk_single_selection_get_selected_item (self->selection);
}

gboolean
_odan_exercise_view_select_inject (OdanExerciseView *self,
                                   guint32           index)
{
  GListModel *model = G_LIST_MODEL (self->selection);
  guint n_items = g_list_model_get_n_items (model);

  g_return_val_if_fail (ODAN_IS_EXERCISE_VIEW (self), FALSE);

  for (guint i = 0; i < n_items; i++)
    {
      g_autoptr(OdanInjectItem) item = g_list_model_get_item (model, i);

      if (odan_inject_item_get_index (item) == index)
        {
          gtk_single_selection_set_selected (self->selection, i);
          return TRUE;
        }
    }

  return FALSE;
}

void
_odan_exercise_view_show_error (OdanExerciseView *self,
                                const GError     *error)
{
  AdwToast *toast = adw_toast_new (error->message);

  adw_toast_set_timeout (toast, 8);
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

double
_odan_exercise_view_get_speed (OdanExerciseView *self)
{
  guint selected = gtk_drop_down_get_selected (self->speed_dropdown);

  return selected < G_N_ELEMENTS (speeds) ? speeds[selected] : 1.0;
}

/* Public API ----------------------------------------------------------------- */

OdanExercise *
odan_exercise_view_get_exercise (OdanExerciseView *self)
{
  g_return_val_if_fail (ODAN_IS_EXERCISE_VIEW (self), NULL);

  return self->exercise;
}

void
odan_exercise_view_set_role (OdanExerciseView *self,
                             OdanRole          role)
{
  g_return_if_fail (ODAN_IS_EXERCISE_VIEW (self));

  self->role = role;
  /* Only a facilitator's console acts for a team (a scribe at the table). */
  odan_teams_page_set_read_only (self->teams_page, role != ODAN_ROLE_FACILITATOR);
  _odan_exercise_view_actions_update (self);
}

static void
odan_exercise_view_clear (OdanExerciseView *self)
{
  _odan_exercise_view_close_situation (self);
  g_clear_handle_id (&self->tick_id, g_source_remove);
  if (self->exercise != NULL)
    g_clear_signal_handler (&self->event_added_id, self->exercise);
  g_list_store_remove_all (self->injects);
  g_list_store_remove_all (self->decisions);
  if (self->sector_board != NULL)
    odan_sector_board_set_exercise (self->sector_board, NULL);
  if (self->graph_view != NULL)
    odan_graph_view_set_exercise (self->graph_view, NULL);
  if (self->teams_page != NULL)
    odan_teams_page_set_exercise (self->teams_page, NULL);
  if (self->review_page != NULL)
    odan_review_page_set_exercise (self->review_page, NULL);
  g_clear_pointer (&self->settled, g_free);
  g_clear_pointer (&self->delayed, g_free);
  g_clear_object (&self->exercise);
}

void
odan_exercise_view_set_exercise (OdanExerciseView *self,
                                 OdanExercise     *exercise)
{
  const OdanPack *pack;
  g_autoptr(GPtrArray) items = NULL;
  g_autoptr(GPtrArray) feed = NULL;
  guint n_events;

  g_return_if_fail (ODAN_IS_EXERCISE_VIEW (self));
  g_return_if_fail (exercise == NULL || ODAN_IS_EXERCISE (exercise));

  if (self->exercise == exercise)
    return;

  odan_exercise_view_clear (self);

  if (exercise == NULL)
    {
      odan_exercise_view_update_detail (self);
      odan_exercise_view_update_feed_page (self);
      _odan_exercise_view_actions_update (self);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_EXERCISE]);
      return;
    }

  self->exercise = g_object_ref (exercise);
  pack = odan_exercise_get_pack (exercise);
  self->settled = g_new0 (guint8, MAX (pack->n_injects, 1));
  self->delayed = g_new0 (gboolean, MAX (pack->n_injects, 1));

  /* The feed is built in one splice too, newest first. */
  n_events = odan_exercise_get_n_events (exercise);
  feed = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = n_events; i-- > 0;)
    {
      const OdanEvent *event = odan_exercise_get_event (exercise, i);

      if (odan_decision_item_accepts (event))
        g_ptr_array_add (feed, odan_decision_item_new (pack, event));
    }
  g_list_store_splice (self->decisions, 0, 0, feed->pdata, feed->len);
  for (guint i = 0; i < n_events; i++)
    {
      const OdanEvent *event = odan_exercise_get_event (exercise, i);

      if (!odan_decision_item_accepts (event))
        odan_exercise_view_apply_event (self, event);
    }

  /* One splice: the list is built once, not once per inject. */
  items = g_ptr_array_new_full (pack->n_injects, g_object_unref);
  for (guint32 i = 0; i < pack->n_injects; i++)
    g_ptr_array_add (items, odan_inject_item_new (pack, i));
  g_list_store_splice (self->injects, 0, 0, items->pdata, items->len);

  odan_sector_board_set_exercise (self->sector_board, exercise);
  odan_graph_view_set_exercise (self->graph_view, exercise);
  odan_teams_page_set_exercise (self->teams_page, exercise);
  odan_review_page_set_exercise (self->review_page, exercise);
  adw_view_switcher_title_set_title (self->switcher_title, odan_pack_localized (pack->title, pack->title_ja));

  self->event_added_id = g_signal_connect (exercise, "event-added",
                                           G_CALLBACK (odan_exercise_view_on_event_added), self);

  if (!odan_exercise_has_started (exercise))
    gtk_drop_down_set_selected (self->speed_dropdown, 0);

  odan_exercise_view_refresh (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_EXERCISE]);
}

/* GObject ----------------------------------------------------------------- */

static void
odan_exercise_view_on_selection_changed (OdanExerciseView *self)
{
  odan_exercise_view_update_detail (self);
  _odan_exercise_view_actions_update (self);
}

static void
odan_exercise_view_on_search_changed (OdanExerciseView *self,
                                      GtkSearchEntry   *entry)
{
  gtk_string_filter_set_search (self->filter, gtk_editable_get_text (GTK_EDITABLE (entry)));
}

static void
odan_exercise_view_on_speed_changed (OdanExerciseView *self)
{
  g_autoptr(GError) error = NULL;
  OdanClock *clock;
  double speed;

  if (self->syncing_speed || self->exercise == NULL
      || !odan_exercise_has_started (self->exercise) || odan_exercise_has_ended (self->exercise))
    return;

  clock = odan_exercise_get_clock (self->exercise);
  speed = _odan_exercise_view_get_speed (self);
  if (odan_clock_get_speed (clock) == speed)
    return;

  if (!odan_exercise_set_speed (self->exercise, speed, &error))
    {
      _odan_exercise_view_show_error (self, error);
      odan_exercise_view_update_clock (self);
    }
}

static void
odan_exercise_view_dispose (GObject *object)
{
  OdanExerciseView *self = ODAN_EXERCISE_VIEW (object);

  odan_exercise_view_clear (self);
  gtk_widget_dispose_template (GTK_WIDGET (self), ODAN_TYPE_EXERCISE_VIEW);
  g_clear_object (&self->selection);
  g_clear_object (&self->filter);
  g_clear_object (&self->injects);
  g_clear_object (&self->decisions);

  G_OBJECT_CLASS (odan_exercise_view_parent_class)->dispose (object);
}

static void
odan_exercise_view_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  OdanExerciseView *self = ODAN_EXERCISE_VIEW (object);

  switch (prop_id)
    {
    case PROP_EXERCISE:
      g_value_set_object (value, self->exercise);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
odan_exercise_view_class_init (OdanExerciseViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = odan_exercise_view_dispose;
  object_class->get_property = odan_exercise_view_get_property;

  properties[PROP_EXERCISE] =
    g_param_spec_object ("exercise", NULL, NULL,
                         ODAN_TYPE_EXERCISE,
                         (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (ODAN_TYPE_SECTOR_BOARD);
  g_type_ensure (ODAN_TYPE_GRAPH_VIEW);
  g_type_ensure (ODAN_TYPE_TEAMS_PAGE);
  g_type_ensure (ODAN_TYPE_REVIEW_PAGE);

  gtk_widget_class_set_template_from_resource (widget_class, "/jp/odan/Odan/odan-exercise-view.ui");
  gtk_widget_class_bind_template_child (widget_class, OdanExerciseView, clock_label);
  gtk_widget_class_bind_template_child (widget_class, OdanExerciseView, msel_paned);
  gtk_widget_class_bind_template_child (widget_class, OdanExerciseView, clock_local);
  gtk_widget_class_bind_template_child (widget_class, OdanExerciseView, switcher_title);
  gtk_widget_class_bind_template_child (widget_class, OdanExerciseView, view_stack);
  gtk_widget_class_bind_template_child (widget_class, OdanExerciseView, sector_board);
  gtk_widget_class_bind_template_child (widget_class, OdanExerciseView, graph_view);
  gtk_widget_class_bind_template_child (widget_class, OdanExerciseView, clock_button);
  gtk_widget_class_bind_template_child (widget_class, OdanExerciseView, speed_dropdown);
  gtk_widget_class_bind_template_child (widget_class, OdanExerciseView, jump_button);
  gtk_widget_class_bind_template_child (widget_class, OdanExerciseView, jump_spin);
  gtk_widget_class_bind_template_child (widget_class, OdanExerciseView, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, OdanExerciseView, search_entry);
  gtk_widget_class_bind_template_child (widget_class, OdanExerciseView, msel_view);
  gtk_widget_class_bind_template_child (widget_class, OdanExerciseView, delay_spin);
  gtk_widget_class_bind_template_child (widget_class, OdanExerciseView, detail_stack);
  gtk_widget_class_bind_template_child (widget_class, OdanExerciseView, detail_title);
  gtk_widget_class_bind_template_child (widget_class, OdanExerciseView, detail_meta);
  gtk_widget_class_bind_template_child (widget_class, OdanExerciseView, detail_status);
  gtk_widget_class_bind_template_child (widget_class, OdanExerciseView, detail_body);
  gtk_widget_class_bind_template_child (widget_class, OdanExerciseView, expected_box);
  gtk_widget_class_bind_template_child (widget_class, OdanExerciseView, detail_expected);
  gtk_widget_class_bind_template_child (widget_class, OdanExerciseView, objective_box);
  gtk_widget_class_bind_template_child (widget_class, OdanExerciseView, detail_objective);
  gtk_widget_class_bind_template_child (widget_class, OdanExerciseView, feed_stack);
  gtk_widget_class_bind_template_child (widget_class, OdanExerciseView, feed_view);
  gtk_widget_class_bind_template_child (widget_class, OdanExerciseView, teams_page);
  gtk_widget_class_bind_template_child (widget_class, OdanExerciseView, review_page);

  _odan_exercise_view_class_actions_init (klass);
}

/* The MSEL's recipients and titles are what the facilitator scans: when
 * the window changes size, the list takes about 64 % of the width and the
 * detail the rest (a divider dragged since holds until the next resize). */
static void
msel_paned_resized (OdanExerciseView *self)
{
  int max = 0;

  g_object_get (self->msel_paned, "max-position", &max, NULL);
  if (max > 0)
    gtk_paned_set_position (self->msel_paned,
                            MIN (max, (int) (gtk_widget_get_width (GTK_WIDGET (self->msel_paned)) * 0.64)));
}

static void
odan_exercise_view_init (OdanExerciseView *self)
{
  g_autoptr(GtkSortListModel) sorted = NULL;
  g_autoptr(GtkFilterListModel) filtered = NULL;

  gtk_widget_init_template (GTK_WIDGET (self));

  self->injects = g_list_store_new (ODAN_TYPE_INJECT_ITEM);

  self->decisions = g_list_store_new (ODAN_TYPE_DECISION_ITEM);

  odan_exercise_view_build_columns (self);
  odan_exercise_view_build_feed (self);
  g_signal_connect_object (self->msel_paned, "notify::max-position", G_CALLBACK (msel_paned_resized), self, G_CONNECT_SWAPPED);

  sorted = gtk_sort_list_model_new (g_object_ref (G_LIST_MODEL (self->injects)),
                                    g_object_ref (gtk_column_view_get_sorter (self->msel_view)));

  self->filter = gtk_string_filter_new (gtk_property_expression_new (ODAN_TYPE_INJECT_ITEM, NULL, "search-text"));
  gtk_string_filter_set_ignore_case (self->filter, TRUE);
  gtk_string_filter_set_match_mode (self->filter, GTK_STRING_FILTER_MATCH_MODE_SUBSTRING);
  filtered = gtk_filter_list_model_new (G_LIST_MODEL (g_steal_pointer (&sorted)),
                                        g_object_ref (GTK_FILTER (self->filter)));

  self->selection = gtk_single_selection_new (G_LIST_MODEL (g_steal_pointer (&filtered)));
  gtk_single_selection_set_autoselect (self->selection, TRUE);
  gtk_column_view_set_model (self->msel_view, GTK_SELECTION_MODEL (self->selection));

  g_signal_connect_object (self->selection, "notify::selected-item",
                           G_CALLBACK (odan_exercise_view_on_selection_changed), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->search_entry, "search-changed",
                           G_CALLBACK (odan_exercise_view_on_search_changed), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->speed_dropdown, "notify::selected",
                           G_CALLBACK (odan_exercise_view_on_speed_changed), self, G_CONNECT_SWAPPED);

  gtk_search_entry_set_key_capture_widget (self->search_entry, GTK_WIDGET (self->msel_view));

  odan_exercise_view_update_detail (self);
  odan_exercise_view_update_feed_page (self);
  _odan_exercise_view_actions_update (self);
}

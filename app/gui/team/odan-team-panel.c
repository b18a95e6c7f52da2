/* odan-team-panel.c — one sector team's own view of a running exercise
 *
 * What a team sees while it plays: its inbox (a GtkColumnView of
 * OdanInboxItem, newest first, with the selected message's text as it was
 * delivered beside it), its reporting deadlines counting down, the
 * decisions it logged, and a button that opens OdanDecisionDialog.
 *
 * The panel reads nothing of the exercise but an OdanTeamView, rebuilt
 * from the log on every "event-added" and on every clock tick while the
 * clock runs: no upcoming inject, other team's traffic or hidden state can
 * reach the screen, because the view never holds them. The model is shown
 * (the sector board) only when the scenario lets teams see it
 * (odan_role_get_access()). The exercise is used otherwise only to log
 * what the team does: acknowledgements and decisions.
 *
 * Acknowledgements are explicit (Confirm Receipt 受信確認, Mark as Read
 * 既読), never automatic on selection: they measure reach against the
 * deadlines, so a scribe or facilitator looking through the inbox must not
 * record them by accident.
 *
 * Actions: team.confirm-receipt, team.mark-read, team.log-decision.
 */
#define G_LOG_DOMAIN "odan-gui"

#include <glib/gi18n.h>
#include <math.h>

#include "odan-decision-dialog.h"
#include "odan-decision-item.h"
#include "odan-format.h"
#include "odan-sector-board.h"
#include "odan-team-panel-private.h"
#include "odan-time.h"

/* How often the countdowns are read while the clock runs in real time. */
#define TICK_INTERVAL_MS 250

G_DEFINE_FINAL_TYPE (OdanTeamPanel, odan_team_panel, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_TIME_TEXT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void odan_team_panel_update_actions (OdanTeamPanel *self);

/* Formatting --------------------------------------------------------------- */

/* "12 min", "1 h 05 min": whole minutes, rounded up for the time left (14.2
 * minutes left is not yet 14) and down for lateness (never under 1). */
static char *
format_minutes (double   minutes,
                gboolean late)
{
  double rounded = late ? MAX (floor (minutes + 1e-9), 1.0) : ceil (minutes - 1e-9);
  int whole = (int) MIN (rounded, (double) G_MAXINT);

  if (whole >= 24 * 60)
    return odan_format_duration (whole);   /* "1 d 3 h": minutes no longer matter */
  if (whole < 60)
    /* Translators: a countdown or lateness in minutes */
    return g_strdup_printf (_("%d min"), whole);
  /* Translators: a countdown or lateness in hours and minutes */
  return g_strdup_printf (_("%d h %02d min"), whole / 60, whole % 60);
}

char *
odan_team_panel_format_countdown (const OdanObligation *obligation,
                                  double                minute,
                                  const char          **css_class)
{
  g_autofree char *amount = NULL;
  g_autofree char *at = NULL;
  const char *style = NULL;
  char *text;

  g_return_val_if_fail (obligation != NULL, NULL);

  switch (obligation->state)
    {
    case ODAN_OBLIGATION_OPEN:
      amount = format_minutes (MAX (obligation->due - minute, 0.0), FALSE);
      /* Translators: the time left before a reporting deadline, e.g. "12 min left" */
      text = g_strdup_printf (_("%s left"), amount);
      if (obligation->due - minute <= 5.0)
        style = "warning";
      break;
    case ODAN_OBLIGATION_LATE:
      amount = format_minutes (minute - obligation->due, TRUE);
      /* Translators: how far past its deadline an obligation is, e.g. "5 min late" */
      text = g_strdup_printf (_("%s late"), amount);
      style = "error";
      break;
    case ODAN_OBLIGATION_MET:
      at = odan_time_format_offset (obligation->met);
      /* Translators: an obligation met on time, and when */
      text = g_strdup_printf (_("Met at %s"), at);
      style = "success";
      break;
    case ODAN_OBLIGATION_MET_LATE:
    default:
      at = odan_time_format_offset (obligation->met);
      /* Translators: an obligation met after its deadline, and when */
      text = g_strdup_printf (_("Met late at %s"), at);
      style = "warning";
      break;
    }

  if (css_class != NULL)
    *css_class = style;
  return text;
}

/* The countdown at the end of an obligation's row: @text from
 * odan_team_panel_format_countdown(), in its @css_class. */
GtkWidget *
odan_team_panel_countdown_new (const OdanObligation *obligation,
                               const char           *text,
                               const char           *css_class)
{
  GtkWidget *countdown = gtk_label_new (text);

  gtk_widget_add_css_class (countdown, "numeric");
  gtk_widget_add_css_class (countdown, "heading");
  if (css_class != NULL)
    gtk_widget_add_css_class (countdown, css_class);
  if (obligation->state == ODAN_OBLIGATION_MET || obligation->state == ODAN_OBLIGATION_MET_LATE)
    {
      /* "Met late at …" is long: wrapped, it leaves the label room. */
      gtk_label_set_wrap (GTK_LABEL (countdown), TRUE);
      gtk_label_set_wrap_mode (GTK_LABEL (countdown), PANGO_WRAP_WORD_CHAR);
      gtk_label_set_width_chars (GTK_LABEL (countdown), 8);
      gtk_label_set_max_width_chars (GTK_LABEL (countdown), 12);
      gtk_label_set_justify (GTK_LABEL (countdown), GTK_JUSTIFY_RIGHT);
      gtk_label_set_xalign (GTK_LABEL (countdown), 1);
    }
  return countdown;
}

const char *
odan_team_panel_deadline_label (const OdanPack *pack,
                                guint32         deadline)
{
  g_return_val_if_fail (pack != NULL && deadline < pack->n_deadlines, NULL);

  return odan_pack_localized (pack->deadlines[deadline].label, pack->deadlines[deadline].label_ja);
}

static const char *
stage_label (const char *stage)
{
  OdanReportStage value;

  if (stage == NULL || !odan_report_stage_from_string (stage, &value))
    return stage;

  switch (value)
    {
    case ODAN_REPORT_STAGE_INITIAL:
      /* Translators: the first report to the ministry (第一報) */
      return C_("report stage", "Initial report");
    case ODAN_REPORT_STAGE_FOLLOW_UP:
      /* Translators: a follow-up report to the ministry (続報) */
      return C_("report stage", "Follow-up report");
    case ODAN_REPORT_STAGE_FINAL:
      /* Translators: the final report to the ministry (最終報) */
      return C_("report stage", "Final report");
    case ODAN_REPORT_STAGE_NONE:
    default:
      return stage;
    }
}

static const char *
team_name (const OdanPack *pack,
           const char     *id)
{
  guint32 team = id != NULL ? odan_pack_find_team (pack, id) : ODAN_NONE;

  return team != ODAN_NONE ? odan_pack_localized (pack->teams[team].name, pack->teams[team].name_ja) : id;
}

/* One line of the team's own decision's details, in the user's language.
 * The event is the team's own (the view names it), so nothing else shows. */
static char *
describe_decision (OdanTeamPanel          *self,
                   const OdanTeamDecision *decision)
{
  const OdanPack *pack = odan_exercise_get_pack (self->exercise);
  const OdanEvent *event = odan_exercise_find_event (self->exercise, decision->event);
  g_autoptr(GString) text = g_string_new (NULL);
  g_autofree char *time = odan_time_format_offset (decision->minute);
  g_auto(GStrv) forward_to = NULL;
  const char *value;

  /* Translators: separates the parts of a line (time · category · details) */
#define SEP _(" · ")
  g_string_append (text, time);
  g_string_append (text, SEP);
  g_string_append (text, odan_decision_item_category_label (decision->category));

  if (event == NULL)
    return g_string_free (g_steal_pointer (&text), FALSE);

  if (odan_event_is_bcp (event))
    {
      g_string_append (text, SEP);
      /* Translators: a business-continuity decision activated the BCP (BCP発動) */
      g_string_append (text, _("BCP activated"));
    }
  if (decision->mitigation != NULL)
    {
      guint32 m = odan_pack_find_mitigation (pack, decision->mitigation);
      const char *status = odan_event_get_mitigation_status (event);

      g_string_append (text, SEP);
      g_string_append (text, m != ODAN_NONE ? odan_pack_localized (pack->mitigations[m].label, pack->mitigations[m].label_ja)
                                            : decision->mitigation);
      if (g_strcmp0 (status, "refused") == 0)
        {
          const char *reason = odan_event_get_reason (event);

          /* Translators: a chosen mitigation was refused, with the reason */
          g_string_append_printf (text, _(" (refused: %s)"), reason != NULL ? reason : "");
        }
    }
  if ((value = odan_event_get_ministry (event)) != NULL)
    g_string_append_printf (text, "%s%s", SEP, value);
  if ((value = odan_report_stage_to_string (odan_event_get_stage (event))) != NULL)
    g_string_append_printf (text, "%s%s", SEP, stage_label (value));
  if ((value = odan_event_get_channel (event)) != NULL)
    g_string_append_printf (text, "%s%s", SEP, value);
  if ((value = odan_event_get_audience (event)) != NULL)
    g_string_append_printf (text, "%s%s", SEP, value);
  forward_to = odan_event_dup_forward_to (event);
  if (forward_to != NULL)
    {
      g_string_append (text, SEP);
      /* Translators: followed by the teams a message was forwarded to */
      g_string_append (text, _("Forwarded to "));
      for (guint i = 0; forward_to[i] != NULL; i++)
        {
          if (i > 0)
            g_string_append (text, _(", "));
          g_string_append (text, team_name (pack, forward_to[i]));
        }
    }
#undef SEP

  return g_string_free (g_steal_pointer (&text), FALSE);
}

/* The inbox's columns ------------------------------------------------------- */

typedef enum {
  COLUMN_TIME,
  COLUMN_FROM,
  COLUMN_CHANNEL,
  COLUMN_TITLE,
  COLUMN_FORWARDED,
  COLUMN_STATE,
} Column;

static void
update_state_label (OdanInboxItem *item,
                    GParamSpec    *pspec,
                    GtkLabel      *label)
{
  g_autofree char *text = odan_inbox_item_dup_state_text (item);
  OdanInboxState state = odan_inbox_item_get_state (item);

  gtk_label_set_label (label, text);
  gtk_widget_remove_css_class (GTK_WIDGET (label), "accent");
  gtk_widget_remove_css_class (GTK_WIDGET (label), "dim-label");
  gtk_widget_remove_css_class (GTK_WIDGET (label), "heading");
  if (state == ODAN_INBOX_STATE_NEW)
    {
      gtk_widget_add_css_class (GTK_WIDGET (label), "accent");
      gtk_widget_add_css_class (GTK_WIDGET (label), "heading");
    }
  else if (state == ODAN_INBOX_STATE_READ)
    gtk_widget_add_css_class (GTK_WIDGET (label), "dim-label");
}

static void
column_setup (GtkSignalListItemFactory *factory,
              GtkListItem              *list_item,
              gpointer                  user_data)
{
  Column column = GPOINTER_TO_INT (user_data);
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  if (column == COLUMN_TIME)
    gtk_widget_add_css_class (label, "numeric");
  else if (column != COLUMN_STATE)
    {
      gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
      gtk_label_set_width_chars (GTK_LABEL (label), column == COLUMN_TITLE ? 16 : 6);
      gtk_label_set_max_width_chars (GTK_LABEL (label), column == COLUMN_TITLE ? 60 : 18);
    }
  gtk_list_item_set_child (list_item, label);
}

static void
column_bind (GtkSignalListItemFactory *factory,
             GtkListItem              *list_item,
             gpointer                  user_data)
{
  Column column = GPOINTER_TO_INT (user_data);
  OdanInboxItem *item = gtk_list_item_get_item (list_item);
  GtkLabel *label = GTK_LABEL (gtk_list_item_get_child (list_item));
  const char *text = NULL;

  switch (column)
    {
    case COLUMN_TIME:
      text = odan_inbox_item_get_time_text (item);
      break;
    case COLUMN_FROM:
      text = odan_inbox_item_get_from (item);
      break;
    case COLUMN_CHANNEL:
      text = odan_inbox_item_get_channel (item);
      break;
    case COLUMN_TITLE:
      text = odan_inbox_item_get_title (item);
      break;
    case COLUMN_FORWARDED:
      text = odan_inbox_item_get_forwarded_by (item);
      break;
    case COLUMN_STATE:
      update_state_label (item, NULL, label);
      g_signal_connect_object (item, "notify::state", G_CALLBACK (update_state_label), label, 0);
      return;
    default:
      g_assert_not_reached ();
    }

  gtk_label_set_label (label, text);
  gtk_widget_set_tooltip_text (GTK_WIDGET (label), column != COLUMN_TIME && text[0] != '\0' ? text : NULL);
}

static void
column_unbind (GtkSignalListItemFactory *factory,
               GtkListItem              *list_item,
               gpointer                  user_data)
{
  Column column = GPOINTER_TO_INT (user_data);
  OdanInboxItem *item = gtk_list_item_get_item (list_item);

  if (column == COLUMN_STATE && item != NULL)
    g_signal_handlers_disconnect_by_func (item, update_state_label, gtk_list_item_get_child (list_item));
}

static void
add_column (OdanTeamPanel *self,
            Column         column,
            const char    *title,
            gboolean       expand)
{
  g_autoptr(GtkListItemFactory) factory = gtk_signal_list_item_factory_new ();
  g_autoptr(GtkColumnViewColumn) view_column = NULL;

  g_signal_connect (factory, "setup", G_CALLBACK (column_setup), GINT_TO_POINTER (column));
  g_signal_connect (factory, "bind", G_CALLBACK (column_bind), GINT_TO_POINTER (column));
  g_signal_connect (factory, "unbind", G_CALLBACK (column_unbind), GINT_TO_POINTER (column));

  view_column = gtk_column_view_column_new (title, g_object_ref (factory));
  gtk_column_view_column_set_expand (view_column, expand);
  gtk_column_view_column_set_resizable (view_column, TRUE);
  gtk_column_view_append_column (self->inbox_view, view_column);
  if (column == COLUMN_FORWARDED)
    self->forwarded_column = view_column;
}

/* Showing the view ------------------------------------------------------------ */

static OdanInboxItem *
odan_team_panel_get_selected (OdanTeamPanel *self)
{
  return gtk_single_selection_get_selected_item (self->selection);
}

static void
odan_team_panel_update_message (OdanTeamPanel *self)
{
  OdanInboxItem *item = odan_team_panel_get_selected (self);
  g_autoptr(GString) meta = NULL;
  g_autofree char *state = NULL;
  const char *value;

  if (item == NULL)
    {
      gtk_stack_set_visible_child_name (self->message_stack, "none");
      odan_team_panel_update_actions (self);
      return;
    }

  gtk_label_set_label (self->message_title, odan_inbox_item_get_title (item));

  meta = g_string_new (NULL);
  /* Translators: when a message reached the team */
  g_string_append_printf (meta, _("Received at: %s"), odan_inbox_item_get_time_text (item));
  if ((value = odan_inbox_item_get_from (item))[0] != '\0')
    {
      g_string_append_c (meta, '\n');
      g_string_append_printf (meta, _("From: %s"), value);
    }
  if ((value = odan_inbox_item_get_channel (item))[0] != '\0')
    {
      g_string_append_c (meta, '\n');
      g_string_append_printf (meta, _("Channel: %s"), value);
    }
  if ((value = odan_inbox_item_get_forwarded_by (item))[0] != '\0')
    {
      g_string_append_c (meta, '\n');
      /* Translators: the team that forwarded a message to this team */
      g_string_append_printf (meta, _("Forwarded by: %s"), value);
    }
  if ((value = odan_inbox_item_get_sharing (item))[0] != '\0')
    {
      g_string_append_c (meta, '\n');
      /* Translators: a message's sharing level (TLP) */
      g_string_append_printf (meta, _("Sharing: %s"), value);
    }
  gtk_label_set_label (self->message_meta, meta->str);

  state = odan_inbox_item_dup_state_text (item);
  gtk_label_set_label (self->message_state, state);
  value = odan_inbox_item_get_body (item);
  gtk_label_set_label (self->message_body, value);
  odan_format_label_phrases (self->message_title);
  odan_format_label_phrases (self->message_body);
  gtk_widget_set_visible (GTK_WIDGET (self->message_body), value[0] != '\0');

  gtk_stack_set_visible_child_name (self->message_stack, "message");
  odan_team_panel_update_actions (self);
}

/* The inbox only grows (log order) and its acknowledgements change in
 * place: new deliveries go on top, known ones take their new state, and
 * the selection stays where it is. */
static void
odan_team_panel_sync_inbox (OdanTeamPanel *self)
{
  const OdanPack *pack = odan_exercise_get_pack (self->exercise);
  guint n_items = g_list_model_get_n_items (G_LIST_MODEL (self->inbox));
  guint n_entries = odan_team_view_get_n_inbox (self->view);
  guint n_new;
  gboolean forwarded;
  g_autofree char *count = NULL;

  /* Oldest first in the view, newest first in the store. */
  for (guint i = 0; i < MIN (n_items, n_entries); i++)
    {
      g_autoptr(OdanInboxItem) item = g_list_model_get_item (G_LIST_MODEL (self->inbox), n_items - 1 - i);
      const OdanInboxEntry *entry = odan_team_view_get_inbox (self->view, i);

      if (odan_inbox_item_get_delivery (item) != entry->delivery)
        {
          /* Not the same inbox (another team, another exercise): start over. */
          g_list_store_remove_all (self->inbox);
          n_items = 0;
          break;
        }
      odan_inbox_item_update (item, entry);
    }

  if (n_entries > n_items)
    {
      g_autoptr(GPtrArray) added = g_ptr_array_new_with_free_func (g_object_unref);

      for (guint i = n_entries; i-- > n_items;)
        g_ptr_array_add (added, odan_inbox_item_new (pack, odan_team_view_get_inbox (self->view, i)));
      g_list_store_splice (self->inbox, 0, 0, added->pdata, added->len);
    }

  /* an empty column would take the titles' room: shown once something is forwarded */
  forwarded = FALSE;
  for (guint i = 0; i < n_entries && !forwarded; i++)
    forwarded = odan_team_view_get_inbox (self->view, i)->forwarded_by != NULL;
  gtk_column_view_column_set_visible (self->forwarded_column, forwarded);

  n_new = odan_team_view_get_n_unacknowledged (self->view);
  if (n_new > 0)
    /* Translators: messages in the inbox, and how many are not acknowledged yet */
    count = g_strdup_printf (g_dngettext (NULL, "%u message, %u new", "%u messages, %u new", n_entries), n_entries, n_new);
  else
    count = g_strdup_printf (g_dngettext (NULL, "%u message", "%u messages", n_entries), n_entries);
  gtk_label_set_label (self->inbox_count, count);
  gtk_stack_set_visible_child_name (self->inbox_stack, n_entries > 0 ? "list" : "empty");
}

static void
odan_team_panel_sync_decisions (OdanTeamPanel *self)
{
  guint n = odan_team_view_get_n_decisions (self->view);

  if (n < self->n_decisions)
    {
      GtkWidget *child;

      while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->decisions_list))) != NULL)
        gtk_list_box_remove (self->decisions_list, child);
      self->n_decisions = 0;
    }

  /* Newest on top. */
  for (guint i = self->n_decisions; i < n; i++)
    {
      const OdanTeamDecision *decision = odan_team_view_get_decision (self->view, i);
      g_autofree char *subtitle = describe_decision (self, decision);
      GtkWidget *row = adw_action_row_new ();

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), decision->summary != NULL ? decision->summary : "");
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
      adw_action_row_set_title_lines (ADW_ACTION_ROW (row), 3);
      adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 3);
      gtk_list_box_prepend (self->decisions_list, row);
    }
  self->n_decisions = n;
  gtk_stack_set_visible_child_name (self->decisions_stack, n > 0 ? "list" : "empty");
}

static int
obligation_rank (const OdanObligation *obligation)
{
  switch (obligation->state)
    {
    case ODAN_OBLIGATION_LATE:
      return 0;
    case ODAN_OBLIGATION_OPEN:
      return 1;
    case ODAN_OBLIGATION_MET_LATE:
      return 2;
    case ODAN_OBLIGATION_MET:
    default:
      return 3;
    }
}

int
odan_team_panel_compare_obligations (gconstpointer a,
                                     gconstpointer b)
{
  const OdanObligation *x = a, *y = b;
  int rank = obligation_rank (x) - obligation_rank (y);

  if (rank != 0)
    return rank;
  if (x->due != y->due)
    return x->due < y->due ? -1 : 1;
  return x->team < y->team ? -1 : x->team > y->team ? 1 : 0;
}

/* Late first, then open by due time, then met; rebuilt only when what the
 * rows say changed (a countdown moves once a minute of exercise time). */
static void
odan_team_panel_sync_obligations (OdanTeamPanel *self)
{
  const OdanPack *pack = odan_exercise_get_pack (self->exercise);
  const GArray *obligations = odan_team_view_get_obligations (self->view);
  double minute = odan_team_view_get_minute (self->view);
  g_autoptr(GArray) sorted = g_array_sized_new (FALSE, FALSE, sizeof (OdanObligation), obligations->len);
  g_autoptr(GString) shown = g_string_new (NULL);
  g_autoptr(GPtrArray) texts = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) classes = g_ptr_array_new ();
  GtkWidget *child;

  g_array_append_vals (sorted, obligations->data, obligations->len);
  g_array_sort (sorted, odan_team_panel_compare_obligations);

  for (guint i = 0; i < sorted->len; i++)
    {
      const OdanObligation *obligation = &g_array_index (sorted, OdanObligation, i);
      const char *css_class = NULL;
      char *text = odan_team_panel_format_countdown (obligation, minute, &css_class);

      g_ptr_array_add (texts, text);
      g_ptr_array_add (classes, (gpointer) css_class);
      g_string_append_printf (shown, "%u|%s|%s\n", obligation->deadline, text, css_class != NULL ? css_class : "");
    }

  gtk_stack_set_visible_child_name (self->obligations_stack, sorted->len > 0 ? "list" : "empty");
  if (g_strcmp0 (shown->str, self->obligations_shown) == 0)
    return;
  g_free (self->obligations_shown);
  self->obligations_shown = g_strdup (shown->str);

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->obligations_list))) != NULL)
    gtk_list_box_remove (self->obligations_list, child);

  for (guint i = 0; i < sorted->len; i++)
    {
      const OdanObligation *obligation = &g_array_index (sorted, OdanObligation, i);
      const char *css_class = g_ptr_array_index (classes, i);
      g_autofree char *due = odan_time_format_offset (obligation->due);
      g_autofree char *subtitle = NULL;
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *countdown = odan_team_panel_countdown_new (obligation, g_ptr_array_index (texts, i), css_class);

      /* Translators: when a reporting deadline falls due */
      subtitle = g_strdup_printf (_("Due %s"), due);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), odan_team_panel_deadline_label (pack, obligation->deadline));
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_action_row_set_title_lines (ADW_ACTION_ROW (row), 3);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
      if (obligation->state == ODAN_OBLIGATION_MET)
        gtk_widget_add_css_class (row, "dim-label");
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), countdown);
      gtk_list_box_append (self->obligations_list, row);
    }
}

static void
odan_team_panel_update_time (OdanTeamPanel *self,
                             double         minute)
{
  const OdanPack *pack = odan_exercise_get_pack (self->exercise);
  g_autofree char *offset = odan_time_format_offset (minute);
  g_autofree char *text = NULL;

  if (pack->start != NULL)
    {
      g_autoptr(GDateTime) now = g_date_time_add_seconds (pack->start, floor (minute * 60.0));
      g_autofree char *local = odan_format_date_time (now);

      text = g_strdup_printf ("%s%s%s", offset, _(" · "), local);
    }
  else
    text = g_steal_pointer (&offset);

  if (g_strcmp0 (text, self->time_text) == 0)
    return;
  g_free (self->time_text);
  self->time_text = g_steal_pointer (&text);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TIME_TEXT]);
}

static gboolean
odan_team_panel_tick_cb (gpointer user_data)
{
  OdanTeamPanel *self = ODAN_TEAM_PANEL (user_data);

  if (gtk_widget_get_mapped (GTK_WIDGET (self)))
    odan_team_panel_refresh (self);
  return G_SOURCE_CONTINUE;
}

/* The countdowns move only while the clock runs in real time. */
static void
odan_team_panel_update_timer (OdanTeamPanel *self)
{
  gboolean running = self->exercise != NULL && self->view != NULL
                     && odan_exercise_is_running_live (self->exercise);

  if (running && self->tick_id == 0)
    self->tick_id = g_timeout_add (TICK_INTERVAL_MS, odan_team_panel_tick_cb, self);
  else if (!running)
    g_clear_handle_id (&self->tick_id, g_source_remove);
}

static gboolean
odan_team_panel_is_playing (OdanTeamPanel *self)
{
  return self->exercise != NULL && self->view != NULL && !self->read_only
         && !odan_exercise_is_read_only (self->exercise)
         && odan_exercise_has_started (self->exercise)
         && !odan_exercise_has_ended (self->exercise);
}

static void
odan_team_panel_update_actions (OdanTeamPanel *self)
{
  gboolean playing = odan_team_panel_is_playing (self);
  OdanInboxItem *item = playing ? odan_team_panel_get_selected (self) : NULL;
  OdanInboxState state = item != NULL ? odan_inbox_item_get_state (item) : ODAN_INBOX_STATE_READ;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "team.confirm-receipt", state == ODAN_INBOX_STATE_NEW);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "team.mark-read", state != ODAN_INBOX_STATE_READ);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "team.log-decision", playing);
}

/* Where the team's window says things in passing (the server connection). */
AdwToastOverlay *
odan_team_panel_get_toast_overlay (OdanTeamPanel *self)
{
  g_return_val_if_fail (ODAN_IS_TEAM_PANEL (self), NULL);

  return self->toast_overlay;
}

/* An evaluator's console shows a team's view but must not act for it. */
void
odan_team_panel_set_read_only (OdanTeamPanel *self,
                               gboolean       read_only)
{
  g_return_if_fail (ODAN_IS_TEAM_PANEL (self));

  self->read_only = read_only;
  odan_team_panel_update_actions (self);
}

void
odan_team_panel_refresh (OdanTeamPanel *self)
{
  g_autoptr(GError) error = NULL;
  double minute;

  g_return_if_fail (ODAN_IS_TEAM_PANEL (self));

  g_clear_pointer (&self->view, odan_team_view_free);
  if (self->exercise == NULL || self->team_id == NULL)
    {
      gtk_stack_set_visible_child_name (self->main_stack, "none");
      odan_team_panel_update_timer (self);
      odan_team_panel_update_actions (self);
      return;
    }

  minute = odan_exercise_get_minute (self->exercise);
  self->view = odan_team_view_new (self->exercise, self->team_id, minute, &error);
  if (self->view == NULL)
    {
      g_warning ("%s", error->message);
      gtk_stack_set_visible_child_name (self->main_stack, "none");
      odan_team_panel_update_timer (self);
      odan_team_panel_update_actions (self);
      return;
    }

  odan_team_panel_update_time (self, minute);
  odan_team_panel_sync_inbox (self);
  odan_team_panel_sync_decisions (self);
  odan_team_panel_sync_obligations (self);
  if (self->model_board != NULL && gtk_widget_get_visible (self->model_box))
    odan_sector_board_refresh (ODAN_SECTOR_BOARD (self->model_board));
  gtk_stack_set_visible_child_name (self->main_stack, "team");
  odan_team_panel_update_message (self);
  odan_team_panel_update_timer (self);
}

static void
odan_team_panel_on_event_added (OdanExercise    *exercise,
                                const OdanEvent *event,
                                OdanTeamPanel   *self)
{
  odan_team_panel_refresh (self);
}

static void
odan_team_panel_show_error (OdanTeamPanel *self,
                            const GError  *error)
{
  AdwToast *toast = adw_toast_new (error->message);

  adw_toast_set_timeout (toast, 8);
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

/* Actions ------------------------------------------------------------------- */

static void
acknowledge (OdanTeamPanel *self,
             OdanAck        ack)
{
  OdanInboxItem *item = odan_team_panel_get_selected (self);
  g_autoptr(GError) error = NULL;

  if (item == NULL || !odan_team_panel_is_playing (self))
    return;

  if (odan_exercise_acknowledge (self->exercise, odan_inbox_item_get_delivery (item),
                                 self->team_id, ack, NULL, &error) == 0)
    odan_team_panel_show_error (self, error);
}

static void
confirm_receipt (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  acknowledge (ODAN_TEAM_PANEL (widget), ODAN_ACK_RECEIVED);
}

static void
mark_read (GtkWidget  *widget,
           const char *action_name,
           GVariant   *parameter)
{
  acknowledge (ODAN_TEAM_PANEL (widget), ODAN_ACK_READ);
}

static void
on_decision_log (OdanDecisionDialog *dialog,
                 OdanTeamPanel      *self)
{
  g_autoptr(GError) error = NULL;

  if (odan_decision_dialog_log (dialog, &error) == 0)
    {
      odan_decision_dialog_show_error (dialog, error);
      return;
    }

  gtk_window_destroy (GTK_WINDOW (dialog));
}

static void
log_decision (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  OdanTeamPanel *self = ODAN_TEAM_PANEL (widget);
  GtkRoot *root = gtk_widget_get_root (widget);
  OdanInboxItem *item = odan_team_panel_get_selected (self);
  OdanDecisionDialog *dialog;

  if (!odan_team_panel_is_playing (self))
    return;

  dialog = odan_decision_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                     self->exercise, self->team_id,
                                     item != NULL ? odan_inbox_item_get_delivery (item) : 0);
  /* The dialog does not keep the panel alive: a closed window takes both. */
  g_signal_connect_object (dialog, "log", G_CALLBACK (on_decision_log), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* Public API ----------------------------------------------------------------- */

GtkWidget *
odan_team_panel_new (void)
{
  return g_object_new (ODAN_TYPE_TEAM_PANEL, NULL);
}

static void
odan_team_panel_clear (OdanTeamPanel *self)
{
  g_clear_handle_id (&self->tick_id, g_source_remove);
  if (self->exercise != NULL)
    g_clear_signal_handler (&self->event_added_id, self->exercise);
  if (self->inbox != NULL)
    g_list_store_remove_all (self->inbox);
  if (self->decisions_list != NULL)
    {
      GtkWidget *child;

      while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->decisions_list))) != NULL)
        gtk_list_box_remove (self->decisions_list, child);
    }
  self->n_decisions = 0;
  g_clear_pointer (&self->obligations_shown, g_free);
  if (self->model_board != NULL)
    odan_sector_board_set_exercise (ODAN_SECTOR_BOARD (self->model_board), NULL);
  g_clear_pointer (&self->view, odan_team_view_free);
  g_clear_pointer (&self->team_id, g_free);
  g_clear_object (&self->exercise);
  self->team = ODAN_NONE;
}

void
odan_team_panel_set_team (OdanTeamPanel *self,
                          OdanExercise  *exercise,
                          const char    *team)
{
  gboolean model = FALSE;

  g_return_if_fail (ODAN_IS_TEAM_PANEL (self));
  g_return_if_fail (exercise == NULL || ODAN_IS_EXERCISE (exercise));

  if (self->exercise == exercise && g_strcmp0 (self->team_id, team) == 0)
    return;

  odan_team_panel_clear (self);

  if (exercise != NULL && team != NULL)
    {
      const OdanPack *pack = odan_exercise_get_pack (exercise);

      self->exercise = g_object_ref (exercise);
      self->team_id = g_strdup (team);
      self->team = odan_pack_find_team (pack, team);
      self->event_added_id = g_signal_connect (exercise, "event-added",
                                               G_CALLBACK (odan_team_panel_on_event_added), self);
      model = (odan_role_get_access (ODAN_ROLE_TEAM, pack) & ODAN_ACCESS_MODEL) != 0;
      if (model)
        odan_sector_board_set_exercise (ODAN_SECTOR_BOARD (self->model_board), exercise);
    }
  gtk_widget_set_visible (self->model_box, model);

  odan_team_panel_refresh (self);
}

OdanExercise *
odan_team_panel_get_exercise (OdanTeamPanel *self)
{
  g_return_val_if_fail (ODAN_IS_TEAM_PANEL (self), NULL);
  return self->exercise;
}

const char *
odan_team_panel_get_team (OdanTeamPanel *self)
{
  g_return_val_if_fail (ODAN_IS_TEAM_PANEL (self), NULL);
  return self->team_id;
}

const OdanTeamView *
odan_team_panel_get_view (OdanTeamPanel *self)
{
  g_return_val_if_fail (ODAN_IS_TEAM_PANEL (self), NULL);
  return self->view;
}

const char *
odan_team_panel_get_time_text (OdanTeamPanel *self)
{
  g_return_val_if_fail (ODAN_IS_TEAM_PANEL (self), NULL);
  return self->time_text != NULL ? self->time_text : "";
}

/* GObject ----------------------------------------------------------------- */

static void
odan_team_panel_dispose (GObject *object)
{
  OdanTeamPanel *self = ODAN_TEAM_PANEL (object);

  odan_team_panel_clear (self);
  /* The toast overlay is both the bin's child and a template child: the
   * bin lets go of it first, so it is unparented once. */
  adw_bin_set_child (ADW_BIN (self), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), ODAN_TYPE_TEAM_PANEL);
  self->model_board = NULL;
  g_clear_object (&self->selection);
  g_clear_object (&self->inbox);
  g_clear_pointer (&self->time_text, g_free);

  G_OBJECT_CLASS (odan_team_panel_parent_class)->dispose (object);
}

static void
odan_team_panel_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  OdanTeamPanel *self = ODAN_TEAM_PANEL (object);

  switch (prop_id)
    {
    case PROP_TIME_TEXT:
      g_value_set_string (value, odan_team_panel_get_time_text (self));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
odan_team_panel_class_init (OdanTeamPanelClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = odan_team_panel_dispose;
  object_class->get_property = odan_team_panel_get_property;

  properties[PROP_TIME_TEXT] =
    g_param_spec_string ("time-text", NULL, NULL, "",
                         (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (ODAN_TYPE_SECTOR_BOARD);

  gtk_widget_class_set_template_from_resource (widget_class, "/jp/odan/Odan/odan-team-panel.ui");
  gtk_widget_class_bind_template_child (widget_class, OdanTeamPanel, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, OdanTeamPanel, main_stack);
  gtk_widget_class_bind_template_child (widget_class, OdanTeamPanel, inbox_count);
  gtk_widget_class_bind_template_child (widget_class, OdanTeamPanel, inbox_stack);
  gtk_widget_class_bind_template_child (widget_class, OdanTeamPanel, inbox_view);
  gtk_widget_class_bind_template_child (widget_class, OdanTeamPanel, message_stack);
  gtk_widget_class_bind_template_child (widget_class, OdanTeamPanel, message_title);
  gtk_widget_class_bind_template_child (widget_class, OdanTeamPanel, message_meta);
  gtk_widget_class_bind_template_child (widget_class, OdanTeamPanel, message_state);
  gtk_widget_class_bind_template_child (widget_class, OdanTeamPanel, message_body);
  gtk_widget_class_bind_template_child (widget_class, OdanTeamPanel, received_button);
  gtk_widget_class_bind_template_child (widget_class, OdanTeamPanel, read_button);
  gtk_widget_class_bind_template_child (widget_class, OdanTeamPanel, log_button);
  gtk_widget_class_bind_template_child (widget_class, OdanTeamPanel, obligations_stack);
  gtk_widget_class_bind_template_child (widget_class, OdanTeamPanel, obligations_list);
  gtk_widget_class_bind_template_child (widget_class, OdanTeamPanel, decisions_stack);
  gtk_widget_class_bind_template_child (widget_class, OdanTeamPanel, decisions_list);
  gtk_widget_class_bind_template_child (widget_class, OdanTeamPanel, model_box);
  gtk_widget_class_bind_template_child (widget_class, OdanTeamPanel, model_board);

  gtk_widget_class_install_action (widget_class, "team.confirm-receipt", NULL, confirm_receipt);
  gtk_widget_class_install_action (widget_class, "team.mark-read", NULL, mark_read);
  gtk_widget_class_install_action (widget_class, "team.log-decision", NULL, log_decision);
}

static void
odan_team_panel_init (OdanTeamPanel *self)
{
  self->team = ODAN_NONE;

  gtk_widget_init_template (GTK_WIDGET (self));

  self->inbox = g_list_store_new (ODAN_TYPE_INBOX_ITEM);
  self->selection = gtk_single_selection_new (g_object_ref (G_LIST_MODEL (self->inbox)));
  gtk_single_selection_set_autoselect (self->selection, FALSE);
  gtk_single_selection_set_can_unselect (self->selection, TRUE);
  gtk_column_view_set_model (self->inbox_view, GTK_SELECTION_MODEL (self->selection));

  add_column (self, COLUMN_TIME, _("Time"), FALSE);
  add_column (self, COLUMN_FROM, _("From"), FALSE);
  add_column (self, COLUMN_CHANNEL, _("Channel"), FALSE);
  add_column (self, COLUMN_TITLE, _("Title"), TRUE);
  /* Translators: the inbox column naming the team that forwarded a message */
  add_column (self, COLUMN_FORWARDED, _("Forwarded by"), FALSE);
  /* Translators: the inbox column with received / read */
  add_column (self, COLUMN_STATE, _("State"), FALSE);

  g_signal_connect_object (self->selection, "notify::selected-item",
                           G_CALLBACK (odan_team_panel_update_message), self, G_CONNECT_SWAPPED);
  g_signal_connect (self, "map", G_CALLBACK (odan_team_panel_refresh), NULL);

  odan_team_panel_refresh (self);
}

/* odan-decision-dialog.c — a team logs a decision, in its category's form
 *
 * A modal window (composite template ui/odan-decision-dialog.ui). A combo
 * row chooses the category and a GtkStack shows its form:
 *
 *  - business continuity: BCP activation and a mitigation of the pack that
 *    the team may choose, with the pool it draws from and the units left;
 *  - disclosure: channel and audience;
 *  - report to the ministry: the ministry (prefilled with the one in charge
 *    of the team's sector) and the stage 第一報 / 続報 / 最終報;
 *  - information sharing: which messages of the team's inbox to forward
 *    (read from the team's OdanTeamView, so only what reached it), the
 *    recipients (the relay keywords that reach someone from this team,
 *    sectors, teams) with the teams they stand for shown as they are
 *    chosen (odan_relay_resolve()), and the channel with its latency;
 *  - other.
 *
 * The text below (the summary, the disclosure's text, the report's
 * content) is shared by every form. As anything changes the decision is
 * built and checked by the engine (odan_exercise_check_decision()); its
 * message shows under the form and decision.log stays disabled until it
 * passes. Like OdanAdhocDialog, the dialog emits "log" and the panel logs
 * through odan_decision_dialog_log(), so a refusal shows in the dialog.
 */
#define G_LOG_DOMAIN "odan-gui"

#include <glib/gi18n.h>
#include <string.h>

#include "odan-decision-dialog-private.h"
#include "odan-relay.h"
#include "odan-team-view.h"
#include "odan-time.h"

G_DEFINE_FINAL_TYPE (OdanDecisionDialog, odan_decision_dialog, ADW_TYPE_WINDOW)

enum {
  SIGNAL_LOG,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* The stack's pages, in OdanCategory order. */
static const char *const category_pages[] = {
  "business-continuity", "disclosure", "ministry-report", "information-sharing", "other",
};

static char *
dup_entry_text (AdwEntryRow *row)
{
  g_autofree char *text = g_strdup (gtk_editable_get_text (GTK_EDITABLE (row)));

  g_strstrip (text);
  return text[0] != '\0' ? g_steal_pointer (&text) : NULL;
}

static char *
dup_summary (OdanDecisionDialog *self)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->summary_view);
  GtkTextIter start, end;
  char *text;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  text = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
  return g_strstrip (text);
}

/* The decision as the form holds it; odan_decision_clear() it. */
static void
build_decision (OdanDecisionDialog *self,
                OdanDecision       *d)
{
  OdanCategory category = odan_decision_dialog_get_category (self);

  memset (d, 0, sizeof *d);
  d->team = self->team;
  d->category = category;
  d->summary = dup_summary (self);
  d->mitigation = ODAN_NONE;
  d->inject = ODAN_NONE;
  d->ack = ODAN_ACK_NONE;

  switch (category)
    {
    case ODAN_CATEGORY_BUSINESS_CONTINUITY:
      {
        guint selected = adw_combo_row_get_selected (self->mitigation_row);

        d->bcp = gtk_switch_get_active (self->bcp_switch);
        if (selected != GTK_INVALID_LIST_POSITION && selected > 0 && selected - 1 < self->mitigations->len)
          d->mitigation = g_array_index (self->mitigations, guint32, selected - 1);
      }
      break;

    case ODAN_CATEGORY_DISCLOSURE:
      d->channel = dup_entry_text (self->channel_row);
      d->audience = dup_entry_text (self->audience_row);
      break;

    case ODAN_CATEGORY_MINISTRY_REPORT:
      {
        guint selected = adw_combo_row_get_selected (self->stage_row);

        d->ministry = dup_entry_text (self->ministry_row);
        d->stage = selected != GTK_INVALID_LIST_POSITION ? ODAN_REPORT_STAGE_INITIAL + selected : ODAN_REPORT_STAGE_NONE;
      }
      break;

    case ODAN_CATEGORY_INFORMATION_SHARING:
      {
        g_autoptr(GArray) injects = g_array_new (FALSE, FALSE, sizeof (guint32));
        g_autoptr(GPtrArray) recipients = g_ptr_array_new ();
        guint selected = adw_combo_row_get_selected (self->forward_channel_row);

        for (guint i = 0; i < self->forward_checks->len; i++)
          if (gtk_check_button_get_active (g_ptr_array_index (self->forward_checks, i)))
            g_array_append_val (injects, g_array_index (self->forward_injects, guint32, i));
        d->n_injects = injects->len;
        d->injects = d->n_injects > 0 ? (guint32 *) g_array_free (g_steal_pointer (&injects), FALSE) : NULL;
        d->inject = d->n_injects > 0 ? d->injects[0] : ODAN_NONE;

        for (guint i = 0; i < self->recipient_checks->len; i++)
          if (gtk_check_button_get_active (g_ptr_array_index (self->recipient_checks, i)))
            g_ptr_array_add (recipients, g_strdup (g_ptr_array_index (self->recipient_keys, i)));
        if (recipients->len > 0)
          {
            g_ptr_array_add (recipients, NULL);
            d->recipients = (char **) g_ptr_array_free (g_steal_pointer (&recipients), FALSE);
          }

        if (selected != GTK_INVALID_LIST_POSITION && selected < self->channels->len)
          d->channel = g_strdup (g_ptr_array_index (self->channels, selected));
      }
      break;

    case ODAN_CATEGORY_OTHER:
    default:
      break;
    }
}

/* The teams the chosen recipients reach, by name, and the forward's
 * arrival, in reach_label. */
static void
update_reach (OdanDecisionDialog *self)
{
  const OdanPack *pack = odan_exercise_get_pack (self->exercise);
  g_autoptr(GArray) teams = g_array_new (FALSE, FALSE, sizeof (guint32));
  g_autoptr(GString) text = g_string_new (NULL);
  guint selected = adw_combo_row_get_selected (self->forward_channel_row);
  const char *channel;
  double latency;

  guint population = 0;

  for (guint i = 0; i < self->recipient_checks->len; i++)
    if (gtk_check_button_get_active (g_ptr_array_index (self->recipient_checks, i)))
      {
        g_autoptr(GError) error = NULL;

        /* A recipient that reaches nobody: the engine's message says so below. */
        if (!odan_relay_resolve (pack, self->team, g_ptr_array_index (self->recipient_keys, i), teams, &error))
          g_debug ("%s", error->message);
        population = MAX (population, odan_relay_population (pack, self->team,
                                                             g_ptr_array_index (self->recipient_keys, i)));
      }

  for (guint i = 0; i < teams->len; i++)
    {
      const OdanTeam *team = &pack->teams[g_array_index (teams, guint32, i)];

      if (i > 0)
        g_string_append (text, _(", "));
      g_string_append (text, odan_pack_localized (team->name, team->name_ja));
    }
  if (population > 0)
    {
      if (text->len > 0)
        g_string_append (text, _(", "));
      /* Translators: the member operators a CEPTOAR's relay reaches, played by the simulation */
      g_string_append_printf (text, g_dngettext (NULL, "%u simulated member", "%u simulated members",
                                                 population), population);
    }
  g_free (self->reach_text);
  self->reach_text = g_strdup (text->str);

  channel = odan_relay_channel (pack, self->team,
                                selected != GTK_INVALID_LIST_POSITION && selected < self->channels->len
                                ? g_ptr_array_index (self->channels, selected) : NULL);
  latency = odan_relay_latency (pack, channel);

  if (teams->len == 0 && population == 0)
    gtk_label_set_label (self->reach_label, _("Choose who the messages go to."));
  else if (teams->len == 0)
    {
      g_autofree char *delay = odan_time_format_offset (latency);
      /* Translators: the simulated members a relay reaches, e.g. "24 simulated
       * members", and after how long, e.g. "T+2m" */
      g_autofree char *label = g_strdup_printf (_("Reaches %s, %s after it is logged"), text->str, delay);

      gtk_label_set_label (self->reach_label, label);
    }
  else
    {
      g_autofree char *label = NULL;
      g_autofree char *delay = odan_time_format_offset (latency);

      /* Translators: the teams a forward reaches (a list of names), how
       * many, and after how long, e.g. "Reaches 3 teams after T+2m: …" */
      label = g_strdup_printf (g_dngettext (NULL, "Reaches %u team, %s after it is logged: %s",
                                            "Reaches %u teams, %s after it is logged: %s", teams->len),
                               teams->len, delay, text->str);
      gtk_label_set_label (self->reach_label, label);
    }
}

static void
update_mitigation (OdanDecisionDialog *self)
{
  const OdanPack *pack = odan_exercise_get_pack (self->exercise);
  guint selected = adw_combo_row_get_selected (self->mitigation_row);
  g_autoptr(GString) subtitle = g_string_new (NULL);

  if (selected != GTK_INVALID_LIST_POSITION && selected > 0 && selected - 1 < self->mitigations->len)
    {
      const OdanMitigation *m = &pack->mitigations[g_array_index (self->mitigations, guint32, selected - 1)];
      g_autofree char *delay = odan_time_format_offset (m->delay);

      /* Translators: how long after the decision a mitigation takes effect, e.g. "Takes effect after T+1h" */
      g_string_append_printf (subtitle, _("Takes effect after %s"), delay);
      if (m->pool != ODAN_NONE)
        {
          const OdanPool *pool = &pack->pools[m->pool];

          g_string_append (subtitle, _(" · "));
          /* Translators: the units a mitigation takes from a pool of resources, of those left */
          g_string_append_printf (subtitle, _("takes %u from “%s” (%u of %u left)"),
                                  m->uses, odan_pack_localized (pool->name, pool->name_ja),
                                  odan_exercise_get_pool_available (self->exercise, m->pool), pool->capacity);
        }
    }
  adw_action_row_set_subtitle (ADW_ACTION_ROW (self->mitigation_row), subtitle->str);
}

static void
validate (OdanDecisionDialog *self)
{
  OdanDecision decision;
  g_autoptr(GError) error = NULL;
  OdanCategory category = odan_decision_dialog_get_category (self);
  const char *summary_title;

  if (self->exercise == NULL)
    return;

  gtk_stack_set_visible_child_name (self->form_stack, category_pages[category]);
  switch (category)
    {
    case ODAN_CATEGORY_DISCLOSURE:
      summary_title = _("Text of the Disclosure");
      break;
    case ODAN_CATEGORY_MINISTRY_REPORT:
      summary_title = _("Content of the Report");
      break;
    case ODAN_CATEGORY_INFORMATION_SHARING:
      summary_title = _("What Is Shared");
      break;
    case ODAN_CATEGORY_BUSINESS_CONTINUITY:
    case ODAN_CATEGORY_OTHER:
    default:
      summary_title = _("What Was Decided");
      break;
    }
  adw_preferences_group_set_title (self->summary_group, summary_title);

  update_mitigation (self);
  update_reach (self);

  build_decision (self, &decision);
  g_clear_pointer (&self->message, g_free);
  if (!odan_exercise_check_decision (self->exercise, &decision, &error))
    {
      /* The engine's message, as a sentence. */
      self->message = g_strdup (error->message);
      if (self->message[0] != '\0' && g_ascii_islower (self->message[0]))
        self->message[0] = g_ascii_toupper (self->message[0]);
    }
  odan_decision_clear (&decision);

  gtk_label_set_label (self->message_label, self->message != NULL ? self->message : "");
  /* no error before the user has done anything: the Log button is off meanwhile */
  gtk_widget_set_visible (GTK_WIDGET (self->message_label), self->message != NULL && self->touched);
  if (self->touched)
    {
      gtk_widget_remove_css_class (GTK_WIDGET (self->message_label), "dim-label");
      gtk_widget_add_css_class (GTK_WIDGET (self->message_label), "error");
    }
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "decision.log", self->message == NULL);
}

static void
changed (OdanDecisionDialog *self)
{
  self->touched = TRUE;
  validate (self);
}

static GtkWidget *
add_check_row (OdanDecisionDialog *self,
               GtkWidget          *parent,
               const char         *title,
               const char         *subtitle)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *check = gtk_check_button_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_action_row_set_title_lines (ADW_ACTION_ROW (row), 2);
  if (subtitle != NULL)
    adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  gtk_widget_set_valign (check, GTK_ALIGN_CENTER);
  adw_action_row_add_prefix (ADW_ACTION_ROW (row), check);
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), check);
  g_signal_connect_object (check, "toggled", G_CALLBACK (changed), self, G_CONNECT_SWAPPED);

  if (ADW_IS_EXPANDER_ROW (parent))
    adw_expander_row_add_row (ADW_EXPANDER_ROW (parent), row);
  else
    adw_preferences_group_add (ADW_PREFERENCES_GROUP (parent), row);
  return check;
}

static void
set_string_model (AdwComboRow *row,
                  GPtrArray   *labels)
{
  g_autoptr(GtkStringList) list = gtk_string_list_new (NULL);

  for (guint i = 0; i < labels->len; i++)
    gtk_string_list_append (list, g_ptr_array_index (labels, i));
  adw_combo_row_set_model (row, G_LIST_MODEL (list));
}

static void
build_business_continuity (OdanDecisionDialog *self)
{
  const OdanPack *pack = odan_exercise_get_pack (self->exercise);
  g_autoptr(GPtrArray) labels = g_ptr_array_new ();

  /* Translators: no mitigation chosen */
  g_ptr_array_add (labels, (gpointer) C_("mitigation", "None"));
  for (guint32 i = 0; i < pack->n_mitigations; i++)
    if (pack->mitigations[i].team == ODAN_NONE || pack->mitigations[i].team == self->team)
      {
        g_array_append_val (self->mitigations, i);
        g_ptr_array_add (labels, (gpointer) odan_pack_localized (pack->mitigations[i].label, pack->mitigations[i].label_ja));
      }
  set_string_model (self->mitigation_row, labels);
  adw_combo_row_set_selected (self->mitigation_row, 0);
}

/* The ministry as sectors.csv writes it, in the interface's language when
 * a ministry team carries that name. */
static const char *
ministry_name (const OdanPack *pack,
               const char     *ministry)
{
  for (guint32 t = 0; t < pack->n_teams; t++)
    if ((g_strcmp0 (pack->teams[t].name, ministry) == 0 || g_strcmp0 (pack->teams[t].name_ja, ministry) == 0)
        && odan_relay_team_has_role (pack, t, "ministry"))
      return odan_pack_localized (pack->teams[t].name, pack->teams[t].name_ja);
  return ministry;
}

static void
build_ministry_report (OdanDecisionDialog *self)
{
  const OdanPack *pack = odan_exercise_get_pack (self->exercise);
  const OdanTeam *team = &pack->teams[self->team];
  g_autoptr(GPtrArray) labels = g_ptr_array_new ();

  if (team->sector != ODAN_NONE && pack->sectors[team->sector].ministry != NULL)
    gtk_editable_set_text (GTK_EDITABLE (self->ministry_row),
                           ministry_name (pack, pack->sectors[team->sector].ministry));
  else if (odan_relay_team_has_role (pack, self->team, "ministry"))
    /* a ministry's team reports on its own behalf */
    gtk_editable_set_text (GTK_EDITABLE (self->ministry_row),
                           odan_pack_localized (team->name, team->name_ja));

  g_ptr_array_add (labels, (gpointer) C_("report stage", "Initial report"));
  g_ptr_array_add (labels, (gpointer) C_("report stage", "Follow-up report"));
  g_ptr_array_add (labels, (gpointer) C_("report stage", "Final report"));
  set_string_model (self->stage_row, labels);
  adw_combo_row_set_selected (self->stage_row, 0);
}

static gboolean
reaches_someone (const OdanPack *pack,
                 guint32         team,
                 const char     *recipient)
{
  g_autoptr(GArray) teams = g_array_new (FALSE, FALSE, sizeof (guint32));

  /* a CEPTOAR's simulated members are someone, though no team */
  return odan_relay_resolve (pack, team, recipient, teams, NULL)
         && (teams->len > 0 || odan_relay_population (pack, team, recipient) > 0);
}

static void
add_channel (OdanDecisionDialog *self,
             GPtrArray          *labels,
             const char         *channel)
{
  for (guint i = 1; i < self->channels->len; i++)
    if (g_strcmp0 (g_ptr_array_index (self->channels, i), channel) == 0)
      return;
  g_ptr_array_add (self->channels, g_strdup (channel));
  g_ptr_array_add (labels, g_strdup (channel));
}

static void
build_information_sharing (OdanDecisionDialog *self,
                           gint64              selected)
{
  static const struct {
    const char *key;
    const char *title;
  } keywords[] = {
    /* Translators: forwarding recipients (the relay's keywords) */
    { "ceptoar", N_("CEPTOAR") },
    { "members", N_("CEPTOAR members") },
    { "nisc", N_("NISC") },
    { "ministry", N_("Ministry in charge") },
  };
  const OdanPack *pack = odan_exercise_get_pack (self->exercise);
  const OdanTeam *me = &pack->teams[self->team];
  g_autoptr(OdanTeamView) view = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) labels = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *default_channel = NULL;
  const char *first;

  /* What the team may forward: what reached it, nothing else. */
  view = odan_team_view_new (self->exercise, me->id, odan_exercise_get_minute (self->exercise), &error);
  if (view == NULL)
    g_warning ("%s", error->message);
  for (guint i = view != NULL ? odan_team_view_get_n_inbox (view) : 0; i-- > 0;)
    {
      const OdanInboxEntry *entry = odan_team_view_get_inbox (view, i);
      guint32 inject = entry->inject != NULL ? odan_pack_find_inject (pack, entry->inject) : ODAN_NONE;
      g_autofree char *time = NULL;
      g_autofree char *subtitle = NULL;
      gboolean seen = FALSE;
      GtkWidget *check;

      if (inject == ODAN_NONE)
        continue;  /* an ad hoc inject has no id to forward by */
      for (guint j = 0; j < self->forward_injects->len && !seen; j++)
        seen = g_array_index (self->forward_injects, guint32, j) == inject;
      if (seen)
        continue;

      time = odan_time_format_offset (entry->minute);
      subtitle = entry->from != NULL ? g_strdup_printf ("%s%s%s", time, _(" · "), entry->from) : g_strdup (time);
      check = add_check_row (self, GTK_WIDGET (self->forward_group),
                             odan_pack_localized (entry->title, entry->title_ja), subtitle);
      g_ptr_array_add (self->forward_checks, check);
      g_array_append_val (self->forward_injects, inject);
      if (selected != 0 && entry->delivery == selected)
        gtk_check_button_set_active (GTK_CHECK_BUTTON (check), TRUE);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->forward_empty), self->forward_checks->len == 0);

  /* The relay's keywords that stand for someone from this team, then
   * sectors and teams. */
  for (guint i = 0; i < G_N_ELEMENTS (keywords); i++)
    if (reaches_someone (pack, self->team, keywords[i].key))
      {
        GtkWidget *check = add_check_row (self, GTK_WIDGET (self->recipients_group), _(keywords[i].title), NULL);

        g_ptr_array_add (self->recipient_checks, check);
        g_ptr_array_add (self->recipient_keys, g_strdup (keywords[i].key));
      }
  for (guint32 i = 0; i < pack->n_sectors; i++)
    {
      GtkWidget *check = add_check_row (self, GTK_WIDGET (self->sectors_row),
                                        odan_pack_localized (pack->sectors[i].name, pack->sectors[i].name_ja), NULL);

      g_ptr_array_add (self->recipient_checks, check);
      g_ptr_array_add (self->recipient_keys, g_strdup (pack->sectors[i].id));
    }
  for (guint32 i = 0; i < pack->n_teams; i++)
    {
      GtkWidget *check;

      if (i == self->team)
        continue;
      check = add_check_row (self, GTK_WIDGET (self->teams_row),
                             odan_pack_localized (pack->teams[i].name, pack->teams[i].name_ja), NULL);
      g_ptr_array_add (self->recipient_checks, check);
      g_ptr_array_add (self->recipient_keys, g_strdup (pack->teams[i].id));
    }

  /* Channels: the team's first contact means by default, its other means,
   * then the channels of relay.csv. */
  first = odan_relay_channel (pack, self->team, NULL);
  /* Translators: the team's usual channel for a forward, e.g. "Usual (メール)" */
  default_channel = first != NULL ? g_strdup_printf (_("Usual (%s)"), first) : g_strdup (_("Usual"));
  g_ptr_array_add (self->channels, NULL);
  g_ptr_array_add (labels, g_steal_pointer (&default_channel));
  if (me->contact != NULL)
    {
      g_auto(GStrv) means = g_strsplit (me->contact, ";", -1);

      for (guint i = 0; means[i] != NULL; i++)
        {
          g_strstrip (means[i]);
          if (means[i][0] != '\0')
            add_channel (self, labels, means[i]);
        }
    }
  for (guint i = 0; i < pack->n_relays; i++)
    add_channel (self, labels, pack->relays[i].channel);
  {
    g_autoptr(GtkStringList) list = gtk_string_list_new (NULL);

    for (guint i = 0; i < labels->len; i++)
      gtk_string_list_append (list, g_ptr_array_index (labels, i));
    adw_combo_row_set_model (self->forward_channel_row, G_LIST_MODEL (list));
  }
}

static void
log_action (GtkWidget  *widget,
            const char *action_name,
            GVariant   *parameter)
{
  OdanDecisionDialog *self = ODAN_DECISION_DIALOG (widget);

  if (odan_decision_dialog_is_valid (self))
    g_signal_emit (self, signals[SIGNAL_LOG], 0);
}

/* Public API ----------------------------------------------------------------- */

OdanDecisionDialog *
odan_decision_dialog_new (GtkWindow    *parent,
                          OdanExercise *exercise,
                          const char   *team,
                          gint64        selected)
{
  OdanDecisionDialog *self;
  const OdanPack *pack;
  g_autofree char *title = NULL;
  g_autofree char *title_markup = NULL;
  guint32 t;

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (ODAN_IS_EXERCISE (exercise), NULL);
  g_return_val_if_fail (team != NULL, NULL);

  pack = odan_exercise_get_pack (exercise);
  t = odan_pack_find_team (pack, team);
  g_return_val_if_fail (t != ODAN_NONE, NULL);

  self = g_object_new (ODAN_TYPE_DECISION_DIALOG,
                       "transient-for", parent,
                       NULL);
  self->exercise = g_object_ref (exercise);
  self->team = t;
  /* Translators: the decision dialog's title, with the team's name */
  title = g_strdup_printf (_("Decision of %s"), odan_pack_localized (pack->teams[t].name, pack->teams[t].name_ja));
  gtk_window_set_title (GTK_WINDOW (self), title);
  /* the heading wraps where the header bar would cut a ministry's long name */
  title_markup = g_markup_escape_text (odan_pack_localized (pack->teams[t].name, pack->teams[t].name_ja), -1);
  adw_preferences_group_set_title (self->team_group, title_markup);

  build_business_continuity (self);
  build_ministry_report (self);
  build_information_sharing (self, selected);

  /* Something to forward was chosen: that is what the team means to do. */
  if (selected != 0)
    for (guint i = 0; i < self->forward_checks->len; i++)
      if (gtk_check_button_get_active (g_ptr_array_index (self->forward_checks, i)))
        adw_combo_row_set_selected (self->category_row, ODAN_CATEGORY_INFORMATION_SHARING);

  self->touched = FALSE;
  validate (self);
  return self;
}

void
odan_decision_dialog_set_category (OdanDecisionDialog *self,
                                   OdanCategory        category)
{
  g_return_if_fail (ODAN_IS_DECISION_DIALOG (self));
  g_return_if_fail ((guint) category <= ODAN_CATEGORY_OTHER);

  adw_combo_row_set_selected (self->category_row, category);
}

OdanCategory
odan_decision_dialog_get_category (OdanDecisionDialog *self)
{
  guint selected;

  g_return_val_if_fail (ODAN_IS_DECISION_DIALOG (self), ODAN_CATEGORY_OTHER);

  selected = adw_combo_row_get_selected (self->category_row);
  return selected <= ODAN_CATEGORY_OTHER ? (OdanCategory) selected : ODAN_CATEGORY_OTHER;
}

gboolean
odan_decision_dialog_is_valid (OdanDecisionDialog *self)
{
  g_return_val_if_fail (ODAN_IS_DECISION_DIALOG (self), FALSE);

  return self->exercise != NULL && self->message == NULL;
}

const char *
odan_decision_dialog_get_message (OdanDecisionDialog *self)
{
  g_return_val_if_fail (ODAN_IS_DECISION_DIALOG (self), NULL);

  return self->message;
}

const char *
odan_decision_dialog_get_reach_text (OdanDecisionDialog *self)
{
  g_return_val_if_fail (ODAN_IS_DECISION_DIALOG (self), NULL);

  return self->reach_text != NULL ? self->reach_text : "";
}

gint64
odan_decision_dialog_log (OdanDecisionDialog  *self,
                          GError             **error)
{
  OdanDecision decision;
  g_autofree char *by = NULL;
  gint64 id;

  g_return_val_if_fail (ODAN_IS_DECISION_DIALOG (self), 0);

  build_decision (self, &decision);
  by = dup_entry_text (self->by_row);
  id = odan_exercise_decide (self->exercise, &decision, by, error);
  odan_decision_clear (&decision);
  return id;
}

void
odan_decision_dialog_show_error (OdanDecisionDialog *self,
                                 const GError       *error)
{
  g_return_if_fail (ODAN_IS_DECISION_DIALOG (self));
  g_return_if_fail (error != NULL);

  gtk_label_set_label (self->message_label, error->message);
  gtk_widget_remove_css_class (GTK_WIDGET (self->message_label), "dim-label");
  gtk_widget_add_css_class (GTK_WIDGET (self->message_label), "error");
  gtk_widget_set_visible (GTK_WIDGET (self->message_label), TRUE);
}

/* GObject ----------------------------------------------------------------- */

static void
odan_decision_dialog_dispose (GObject *object)
{
  OdanDecisionDialog *self = ODAN_DECISION_DIALOG (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), ODAN_TYPE_DECISION_DIALOG);
  g_clear_pointer (&self->mitigations, g_array_unref);
  g_clear_pointer (&self->forward_checks, g_ptr_array_unref);
  g_clear_pointer (&self->forward_injects, g_array_unref);
  g_clear_pointer (&self->recipient_checks, g_ptr_array_unref);
  g_clear_pointer (&self->recipient_keys, g_ptr_array_unref);
  g_clear_pointer (&self->channels, g_ptr_array_unref);
  g_clear_pointer (&self->message, g_free);
  g_clear_pointer (&self->reach_text, g_free);
  g_clear_object (&self->exercise);

  G_OBJECT_CLASS (odan_decision_dialog_parent_class)->dispose (object);
}

static void
odan_decision_dialog_class_init (OdanDecisionDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = odan_decision_dialog_dispose;

  /**
   * OdanDecisionDialog::log:
   *
   * The team asked to log a valid decision.
   */
  signals[SIGNAL_LOG] =
    g_signal_new ("log", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class, "/jp/odan/Odan/odan-decision-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, OdanDecisionDialog, log_button);
  gtk_widget_class_bind_template_child (widget_class, OdanDecisionDialog, category_row);
  gtk_widget_class_bind_template_child (widget_class, OdanDecisionDialog, form_stack);
  gtk_widget_class_bind_template_child (widget_class, OdanDecisionDialog, bcp_switch);
  gtk_widget_class_bind_template_child (widget_class, OdanDecisionDialog, mitigation_row);
  gtk_widget_class_bind_template_child (widget_class, OdanDecisionDialog, channel_row);
  gtk_widget_class_bind_template_child (widget_class, OdanDecisionDialog, audience_row);
  gtk_widget_class_bind_template_child (widget_class, OdanDecisionDialog, ministry_row);
  gtk_widget_class_bind_template_child (widget_class, OdanDecisionDialog, stage_row);
  gtk_widget_class_bind_template_child (widget_class, OdanDecisionDialog, forward_group);
  gtk_widget_class_bind_template_child (widget_class, OdanDecisionDialog, forward_empty);
  gtk_widget_class_bind_template_child (widget_class, OdanDecisionDialog, recipients_group);
  gtk_widget_class_bind_template_child (widget_class, OdanDecisionDialog, sectors_row);
  gtk_widget_class_bind_template_child (widget_class, OdanDecisionDialog, teams_row);
  gtk_widget_class_bind_template_child (widget_class, OdanDecisionDialog, forward_channel_row);
  gtk_widget_class_bind_template_child (widget_class, OdanDecisionDialog, reach_label);
  gtk_widget_class_bind_template_child (widget_class, OdanDecisionDialog, summary_group);
  gtk_widget_class_bind_template_child (widget_class, OdanDecisionDialog, summary_view);
  gtk_widget_class_bind_template_child (widget_class, OdanDecisionDialog, by_row);
  gtk_widget_class_bind_template_child (widget_class, OdanDecisionDialog, message_label);
  gtk_widget_class_bind_template_child (widget_class, OdanDecisionDialog, team_group);

  gtk_widget_class_install_action (widget_class, "decision.log", NULL, log_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Return, GDK_CONTROL_MASK, "decision.log", NULL);
}

static void
odan_decision_dialog_init (OdanDecisionDialog *self)
{
  g_autoptr(GtkStringList) categories = NULL;

  gtk_widget_init_template (GTK_WIDGET (self));

  self->mitigations = g_array_new (FALSE, FALSE, sizeof (guint32));
  self->forward_checks = g_ptr_array_new ();
  self->forward_injects = g_array_new (FALSE, FALSE, sizeof (guint32));
  self->recipient_checks = g_ptr_array_new ();
  self->recipient_keys = g_ptr_array_new_with_free_func (g_free);
  self->channels = g_ptr_array_new_with_free_func (g_free);

  /* In OdanCategory order. */
  categories = gtk_string_list_new (NULL);
  gtk_string_list_append (categories, C_("decision category", "Business continuity"));
  gtk_string_list_append (categories, C_("decision category", "Disclosure"));
  gtk_string_list_append (categories, C_("decision category", "Report to the ministry"));
  gtk_string_list_append (categories, C_("decision category", "Information sharing"));
  gtk_string_list_append (categories, C_("decision category", "Other"));
  adw_combo_row_set_model (self->category_row, G_LIST_MODEL (categories));

  g_signal_connect_object (self->category_row, "notify::selected", G_CALLBACK (validate), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->mitigation_row, "notify::selected", G_CALLBACK (changed), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->stage_row, "notify::selected", G_CALLBACK (changed), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->forward_channel_row, "notify::selected", G_CALLBACK (changed), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->bcp_switch, "notify::active", G_CALLBACK (changed), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->channel_row, "changed", G_CALLBACK (changed), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->audience_row, "changed", G_CALLBACK (changed), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->ministry_row, "changed", G_CALLBACK (changed), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (gtk_text_view_get_buffer (self->summary_view), "changed",
                           G_CALLBACK (changed), self, G_CONNECT_SWAPPED);
}

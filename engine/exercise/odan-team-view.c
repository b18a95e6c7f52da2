/* odan-team-view.c — what one team sees of an exercise, and who may see what
 *
 * The view is built in one pass over the log up to its minute. It copies
 * only the fields a team may read, from events that concern the team: a
 * delivery that reached it (its text as delivered), its own
 * acknowledgements and decisions. Everything else — pending injects, other
 * teams' traffic, skips, observations, the engine's state — is never
 * looked at, so no later change to the event format can leak into it
 * unnoticed. The inbox keeps log order; acknowledgements are matched to
 * their delivery by the delivery's event id.
 */
#define G_LOG_DOMAIN "odan-team-view"

#include "odan-enum.h"
#include "odan-exercise-enums.h"
#include "odan-team-view.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

struct _OdanTeamView
{
  guint32  team;
  double   minute;
  gboolean model;          /* the scenario lets teams see the model */
  GArray  *inbox;          /* OdanInboxEntry */
  GArray  *decisions;      /* OdanTeamDecision */
  GArray  *obligations;    /* OdanObligation */
};

/* The roles' words are their nicks (odan-enum.h). */
const char *
odan_role_to_string (OdanRole role)
{
  const char *nick = odan_enum_to_nick (ODAN_TYPE_ROLE, role);

  g_return_val_if_fail (nick != NULL, NULL);
  return nick;
}

gboolean
odan_role_from_string (const char *text,
                       OdanRole   *out)
{
  int role;

  g_return_val_if_fail (text != NULL, FALSE);

  if (!odan_enum_from_nick (ODAN_TYPE_ROLE, text, &role))
    return FALSE;
  if (out != NULL)
    *out = (OdanRole) role;
  return TRUE;
}

OdanAccess
odan_role_get_access (OdanRole        role,
                      const OdanPack *pack)
{
  switch (role)
    {
    case ODAN_ROLE_FACILITATOR:
      return ODAN_ACCESS_UPCOMING_INJECTS | ODAN_ACCESS_ALL_TEAMS | ODAN_ACCESS_SKIPPED
             | ODAN_ACCESS_MODEL | ODAN_ACCESS_OBSERVATIONS | ODAN_ACCESS_CONTROL
             | ODAN_ACCESS_DECIDE;
    case ODAN_ROLE_EVALUATOR:
      return ODAN_ACCESS_ALL_TEAMS | ODAN_ACCESS_SKIPPED | ODAN_ACCESS_MODEL
             | ODAN_ACCESS_OBSERVATIONS | ODAN_ACCESS_OBSERVE;
    case ODAN_ROLE_TEAM:
    default:
      return ODAN_ACCESS_DECIDE
             | (pack != NULL && pack->team_view_model ? ODAN_ACCESS_MODEL : 0);
    }
}

static void
inbox_entry_clear (OdanInboxEntry *entry)
{
  g_free (entry->kind);
  g_free (entry->inject);
  g_free (entry->title);
  g_free (entry->title_ja);
  g_free (entry->from);
  g_free (entry->channel);
  g_free (entry->body);
  g_free (entry->from_ja);
  g_free (entry->body_ja);
  g_free (entry->sharing);
  g_free (entry->forwarded_by);
}

static void
team_decision_clear (OdanTeamDecision *d)
{
  g_free (d->category);
  g_free (d->summary);
  g_free (d->mitigation);
  g_free (d->detail);
}

void
odan_team_view_free (OdanTeamView *view)
{
  if (view == NULL)
    return;
  g_array_unref (view->inbox);
  g_array_unref (view->decisions);
  g_array_unref (view->obligations);
  g_free (view);
}

static OdanInboxEntry *
find_entry (OdanTeamView *view,
            gint64        delivery)
{
  for (guint i = view->inbox->len; i > 0; i--)
    {
      OdanInboxEntry *entry = &g_array_index (view->inbox, OdanInboxEntry, i - 1);

      if (entry->delivery == delivery)
        return entry;
    }
  return NULL;
}

/* "ministry: 厚生労働省; stage: initial; …", from the decision's own fields. */
static char *
decision_detail (const OdanEvent *event)
{
  const struct {
    const char *label;
    const char *value;
  } fields[] = {
    { "ministry", odan_event_get_ministry (event) },
    { "stage", odan_report_stage_to_string (odan_event_get_stage (event)) },
    { "channel", odan_event_get_channel (event) },
    { "audience", odan_event_get_audience (event) },
  };
  g_autoptr(GString) text = g_string_new (NULL);
  g_auto(GStrv) recipients = odan_event_dup_recipients (event);
  g_auto(GStrv) to = odan_event_dup_forward_to (event);

  for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
    if (fields[i].value != NULL)
      g_string_append_printf (text, "%s%s: %s", text->len > 0 ? "; " : "", fields[i].label, fields[i].value);
  if (recipients != NULL)
    {
      g_autofree char *list = g_strjoinv (",", recipients);

      g_string_append_printf (text, "%srecipients: %s", text->len > 0 ? "; " : "", list);
    }
  if (to != NULL)
    {
      g_autofree char *list = g_strjoinv (",", to);

      g_string_append_printf (text, "%sforwarded to: %s", text->len > 0 ? "; " : "", list);
    }
  if (odan_event_is_bcp (event))
    g_string_append_printf (text, "%sBCP activated", text->len > 0 ? "; " : "");
  return g_string_free (g_steal_pointer (&text), FALSE);
}

OdanTeamView *
odan_team_view_new (OdanExercise  *exercise,
                    const char    *team,
                    double         minute,
                    GError       **error)
{
  const OdanPack *pack;
  OdanTeamView *view;
  const char *team_id;
  guint32 t;

  g_return_val_if_fail (ODAN_IS_EXERCISE (exercise), NULL);

  pack = odan_exercise_get_pack (exercise);
  if (team == NULL || (t = odan_pack_find_team (pack, team)) == ODAN_NONE)
    {
      g_set_error (error, ODAN_EXERCISE_ERROR, ODAN_EXERCISE_ERROR_INVALID,
                   _("unknown team '%s'"), team != NULL ? team : "");
      return NULL;
    }
  team_id = pack->teams[t].id;

  view = g_new0 (OdanTeamView, 1);
  view->team = t;
  view->minute = minute;
  view->model = pack->team_view_model;
  view->inbox = g_array_new (FALSE, TRUE, sizeof (OdanInboxEntry));
  g_array_set_clear_func (view->inbox, (GDestroyNotify) inbox_entry_clear);
  view->decisions = g_array_new (FALSE, TRUE, sizeof (OdanTeamDecision));
  g_array_set_clear_func (view->decisions, (GDestroyNotify) team_decision_clear);

  for (guint i = 0; i < odan_exercise_get_n_events (exercise); i++)
    {
      const OdanEvent *event = odan_exercise_get_event (exercise, i);

      /* the log is in time order: nothing after the view's minute counts */
      if (event->minute > minute)
        break;

      if (event->kind == ODAN_EVENT_DELIVERY && odan_exercise_delivery_reaches (exercise, event, t))
        {
          OdanInboxEntry entry = { 0 };
          gboolean forwarded = event->action == ODAN_ACTION_FORWARDED;

          entry.delivery = event->id;
          entry.kind = g_strdup (odan_event_action_to_string (event));
          entry.minute = event->minute;
          entry.inject = g_strdup (event->subject);
          entry.title = g_strdup (odan_event_get_title (event));
          if (entry.title == NULL)
            entry.title = g_strdup (event->summary);
          entry.title_ja = g_strdup (odan_event_get_title_ja (event));
          entry.from = g_strdup (odan_event_get_from (event));
          entry.channel = g_strdup (odan_event_get_channel (event));
          entry.body = g_strdup (odan_event_get_body (event));
          entry.from_ja = g_strdup (odan_event_get_from_ja (event));
          entry.body_ja = g_strdup (odan_event_get_body_ja (event));
          entry.sharing = g_strdup (odan_event_get_sharing (event));
          entry.forwarded_by = forwarded ? g_strdup (odan_event_get_via (event)) : NULL;
          entry.origin = forwarded ? odan_event_get_origin (event) : 0;
          entry.received = NAN;
          entry.read = NAN;
          g_array_append_val (view->inbox, entry);
        }
      else if (event->kind == ODAN_EVENT_ACK && g_strcmp0 (event->team, team_id) == 0)
        {
          OdanInboxEntry *entry = find_entry (view, event->ref);

          if (entry == NULL)
            continue;
          if (isnan (entry->received))
            entry->received = event->minute;
          if (event->action == ODAN_ACTION_READ && isnan (entry->read))
            entry->read = event->minute;
        }
      else if (event->kind == ODAN_EVENT_DECISION && g_strcmp0 (event->team, team_id) == 0)
        {
          OdanTeamDecision d = { 0 };

          d.event = event->id;
          d.minute = event->minute;
          d.category = g_strdup (odan_event_action_to_string (event));
          d.summary = g_strdup (event->summary);
          d.mitigation = g_strdup (event->subject);
          d.detail = decision_detail (event);
          g_array_append_val (view->decisions, d);
        }
    }

  view->obligations = odan_exercise_get_obligations (exercise, t, minute);
  return view;
}

guint32
odan_team_view_get_team (const OdanTeamView *view)
{
  g_return_val_if_fail (view != NULL, ODAN_NONE);

  return view->team;
}

double
odan_team_view_get_minute (const OdanTeamView *view)
{
  g_return_val_if_fail (view != NULL, 0.0);

  return view->minute;
}

guint
odan_team_view_get_n_inbox (const OdanTeamView *view)
{
  g_return_val_if_fail (view != NULL, 0);

  return view->inbox->len;
}

const OdanInboxEntry *
odan_team_view_get_inbox (const OdanTeamView *view,
                          guint               index)
{
  g_return_val_if_fail (view != NULL, NULL);
  g_return_val_if_fail (index < view->inbox->len, NULL);

  return &g_array_index (view->inbox, OdanInboxEntry, index);
}

guint
odan_team_view_get_n_unacknowledged (const OdanTeamView *view)
{
  guint n = 0;

  g_return_val_if_fail (view != NULL, 0);

  for (guint i = 0; i < view->inbox->len; i++)
    n += isnan (g_array_index (view->inbox, OdanInboxEntry, i).received);
  return n;
}

guint
odan_team_view_get_n_decisions (const OdanTeamView *view)
{
  g_return_val_if_fail (view != NULL, 0);

  return view->decisions->len;
}

const OdanTeamDecision *
odan_team_view_get_decision (const OdanTeamView *view,
                             guint               index)
{
  g_return_val_if_fail (view != NULL, NULL);
  g_return_val_if_fail (index < view->decisions->len, NULL);

  return &g_array_index (view->decisions, OdanTeamDecision, index);
}

const GArray *
odan_team_view_get_obligations (const OdanTeamView *view)
{
  g_return_val_if_fail (view != NULL, NULL);

  return view->obligations;
}

OdanSim *
odan_team_view_dup_model (const OdanTeamView *view,
                          OdanExercise       *exercise)
{
  g_return_val_if_fail (view != NULL, NULL);
  g_return_val_if_fail (ODAN_IS_EXERCISE (exercise), NULL);

  if (!view->model)
    return NULL;
  return odan_exercise_state_at (exercise, view->minute);
}

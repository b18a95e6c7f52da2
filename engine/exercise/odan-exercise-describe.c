/* odan-exercise-describe.c — an event of the log as one line of text
 *
 * What the log panel and the CLI show for each event.
 */
#define G_LOG_DOMAIN "odan-exercise"

#include "odan-exercise-private.h"

#include <glib/gi18n-lib.h>
#include <string.h>

/* ------------------------------------------------------------------ */
/* Describing events */

static char *
describe_clock (const OdanEvent *event)
{
  double speed = odan_event_get_speed (event);
  gboolean realtime = _odan_exercise_event_clock_mode (event) == ODAN_CLOCK_REALTIME;
  g_autofree char *from = _odan_exercise_format_time (odan_event_get_jumped_from (event, event->minute));
  g_autofree char *to = _odan_exercise_format_time (event->minute);

  switch (event->action)
    {
    case ODAN_ACTION_START:
      return realtime ? g_strdup_printf (_("Exercise started in real time ×%g"), speed)
                      : g_strdup (_("Exercise started, played step by step"));
    case ODAN_ACTION_PAUSE:
      return g_strdup (_("Clock paused"));
    case ODAN_ACTION_RESUME:
      if (odan_event_keeps_schedule (event))
        return g_strdup_printf (_("Clock resumed on the original schedule (from %s to %s)"), from, to);
      return g_strdup (_("Clock resumed; pending injects shift by the pause"));
    case ODAN_ACTION_SPEED:
      return g_strdup_printf (_("Clock speed ×%g"), speed);
    case ODAN_ACTION_JUMP:
      return g_strdup_printf (_("Clock jumped from %s to %s"), from, to);
    case ODAN_ACTION_STEP:
      return g_strdup_printf (_("Clock stepped from %s to the next inject at %s"), from, to);
    case ODAN_ACTION_END:
      return g_strdup (_("Exercise ended"));
    default:
      return g_strdup (odan_event_action_to_string (event));
    }
}

static char *
describe_delivery (OdanExercise    *self,
                   const OdanEvent *event)
{
  const char *title = odan_pack_localized (odan_event_get_title (event), odan_event_get_title_ja (event));
  g_autofree char *due = _odan_exercise_format_time (odan_event_get_due (event, event->minute));
  const char *id = event->subject != NULL ? event->subject : "";
  OdanEventAction a = event->action;

  if (title == NULL)
    title = event->summary;
  if (a == ODAN_ACTION_ADHOC)
    return g_strdup_printf (_("Ad hoc inject: %s"), title);
  if (a == ODAN_ACTION_FORWARDED)
    {
      g_auto(GStrv) to = odan_event_dup_to (event);
      g_autofree char *list = to != NULL ? g_strjoinv (", ", to) : g_strdup ("");

      return g_strdup_printf (_("Inject %s forwarded by %s to %s: %s"), id,
                              event->team != NULL ? event->team : "", list, title);
    }
  if (a == ODAN_ACTION_SKIPPED)
    {
      const char *reason = odan_event_get_reason (event);

      return reason != NULL ? g_strdup_printf (_("Inject %s skipped (%s): %s"), id, reason, title)
                            : g_strdup_printf (_("Inject %s skipped: %s"), id, title);
    }
  if (a == ODAN_ACTION_DELAYED)
    return g_strdup_printf (_("Inject %s delivered late (due %s): %s"), id, due, title);
  if (a == ODAN_ACTION_EARLY)
    return g_strdup_printf (_("Inject %s delivered early (due %s): %s"), id, due, title);
  return g_strdup_printf (_("Inject %s delivered: %s"), id, title);
}

static char *
describe_ack (OdanExercise    *self,
              const OdanEvent *event)
{
  const char *what = event->subject != NULL ? event->subject : event->summary;
  guint member = odan_event_get_uint32 (event, ODAN_EVENT_KEY_MEMBER, 0);

  if (member > 0)
    return event->action == ODAN_ACTION_READ
           ? g_strdup_printf (_("Member %u of %s read inject %s"), member, odan_event_get_via (event), what)
           : g_strdup_printf (_("Member %u of %s confirmed receipt of inject %s"), member,
                              odan_event_get_via (event), what);
  if (event->action == ODAN_ACTION_READ)
    return g_strdup_printf (_("Team %s read inject %s"), event->team, what);
  return g_strdup_printf (_("Team %s confirmed receipt of inject %s"), event->team, what);
}

static char *
describe_decision (OdanExercise    *self,
                   const OdanEvent *event)
{
  g_autoptr(GString) text = g_string_new (NULL);
  const char *status = odan_event_get_mitigation_status (event);
  const char *reason = odan_event_get_reason (event);

  g_string_append_printf (text, _("Decision (%s): %s"), odan_event_action_to_string (event), event->summary);
  if (event->subject != NULL && g_strcmp0 (status, "refused") == 0)
    g_string_append_printf (text, _(" — mitigation %s refused: %s"), event->subject,
                            reason != NULL ? reason : "");
  else if (odan_exercise_is_proposal (event))
    /* logged from a team's own connection (multi-site): a team gives no
     * verdict, so the mitigation is not applied and uses no pool */
    g_string_append_printf (text, _(" — mitigation %s proposed by the team, not applied"), event->subject);
  else if (event->subject != NULL)
    {
      g_autofree char *at = _odan_exercise_format_time (odan_event_get_applies (event, event->minute));

      g_string_append_printf (text, _(" — mitigation %s, applies at %s"), event->subject, at);
    }
  return g_string_free (g_steal_pointer (&text), FALSE);
}

char *
odan_exercise_describe_event (OdanExercise    *self,
                              const OdanEvent *event)
{
  g_autofree char *text = NULL;

  g_return_val_if_fail (ODAN_IS_EXERCISE (self), NULL);
  g_return_val_if_fail (event != NULL, NULL);

  switch (event->kind)
    {
    case ODAN_EVENT_CLOCK:
      text = describe_clock (event);
      break;
    case ODAN_EVENT_DELIVERY:
      text = describe_delivery (self, event);
      break;
    case ODAN_EVENT_RESCHEDULE:
      {
        g_autofree char *from = _odan_exercise_format_time (odan_event_get_previous (event, event->minute));
        g_autofree char *to = _odan_exercise_format_time (odan_event_get_due (event, event->minute));

        text = g_strdup_printf (_("Inject %s moved from %s to %s"), event->subject, from, to);
      }
      break;
    case ODAN_EVENT_DECISION:
      text = describe_decision (self, event);
      break;
    case ODAN_EVENT_MITIGATION:
      {
        guint32 m = odan_pack_find_mitigation (self->pack, event->subject);
        const char *label = m != ODAN_NONE
                            ? odan_pack_localized (self->pack->mitigations[m].label,
                                                   self->pack->mitigations[m].label_ja)
                            : event->summary;

        text = g_strdup_printf (_("Mitigation %s applied: %s"), event->subject, label);
      }
      break;
    case ODAN_EVENT_ACK:
      text = describe_ack (self, event);
      break;
    case ODAN_EVENT_OBSERVATION:
    default:
      text = g_strdup_printf (_("Observation: %s"), event->summary);
      break;
    }
  return _odan_exercise_one_line (text);
}

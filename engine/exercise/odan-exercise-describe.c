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
  const char *a = event->action;
  double speed = odan_event_get_double (event, "speed", 1.0);
  gboolean realtime = _odan_exercise_event_clock_mode (event) == ODAN_CLOCK_REALTIME;
  g_autofree char *from = _odan_exercise_format_time (odan_event_get_double (event, "from", event->minute));
  g_autofree char *to = _odan_exercise_format_time (event->minute);

  if (strcmp (a, "start") == 0)
    return realtime ? g_strdup_printf (_("Exercise started in real time ×%g"), speed)
                    : g_strdup (_("Exercise started, played step by step"));
  if (strcmp (a, "pause") == 0)
    return g_strdup (_("Clock paused"));
  if (strcmp (a, "resume") == 0)
    {
      if (odan_event_get_boolean (event, "keep-schedule", FALSE))
        return g_strdup_printf (_("Clock resumed on the original schedule (from %s to %s)"), from, to);
      return g_strdup (_("Clock resumed; pending injects shift by the pause"));
    }
  if (strcmp (a, "speed") == 0)
    return g_strdup_printf (_("Clock speed ×%g"), speed);
  if (strcmp (a, "jump") == 0)
    return g_strdup_printf (_("Clock jumped from %s to %s"), from, to);
  if (strcmp (a, "step") == 0)
    return g_strdup_printf (_("Clock stepped from %s to the next inject at %s"), from, to);
  if (strcmp (a, "end") == 0)
    return g_strdup (_("Exercise ended"));
  return g_strdup (a);
}

static char *
describe_delivery (OdanExercise    *self,
                   const OdanEvent *event)
{
  const char *title = odan_pack_localized (odan_event_get_string (event, "title"),
                                           odan_event_get_string (event, "title-ja"));
  g_autofree char *due = _odan_exercise_format_time (odan_event_get_double (event, "due", event->minute));
  const char *id = event->subject != NULL ? event->subject : "";
  const char *a = event->action;

  if (title == NULL)
    title = event->summary;
  if (strcmp (a, "adhoc") == 0)
    return g_strdup_printf (_("Ad hoc inject: %s"), title);
  if (strcmp (a, "forwarded") == 0)
    {
      g_autofree const char **to = odan_event_get_strv (event, "to");
      g_autofree char *list = to != NULL ? g_strjoinv (", ", (char **) to) : g_strdup ("");

      return g_strdup_printf (_("Inject %s forwarded by %s to %s: %s"), id,
                              event->team != NULL ? event->team : "", list, title);
    }
  if (strcmp (a, "skipped") == 0)
    {
      const char *reason = odan_event_get_string (event, "reason");

      return reason != NULL ? g_strdup_printf (_("Inject %s skipped (%s): %s"), id, reason, title)
                            : g_strdup_printf (_("Inject %s skipped: %s"), id, title);
    }
  if (strcmp (a, "delayed") == 0)
    return g_strdup_printf (_("Inject %s delivered late (due %s): %s"), id, due, title);
  if (strcmp (a, "early") == 0)
    return g_strdup_printf (_("Inject %s delivered early (due %s): %s"), id, due, title);
  return g_strdup_printf (_("Inject %s delivered: %s"), id, title);
}

static char *
describe_ack (OdanExercise    *self,
              const OdanEvent *event)
{
  const char *what = event->subject != NULL ? event->subject : event->summary;

  if (g_strcmp0 (event->action, "read") == 0)
    return g_strdup_printf (_("Team %s read inject %s"), event->team, what);
  return g_strdup_printf (_("Team %s confirmed receipt of inject %s"), event->team, what);
}

static char *
describe_decision (OdanExercise    *self,
                   const OdanEvent *event)
{
  g_autoptr(GString) text = g_string_new (NULL);
  const char *status = odan_event_get_string (event, "mitigation-status");

  g_string_append_printf (text, _("Decision (%s): %s"), event->action, event->summary);
  if (event->subject != NULL && g_strcmp0 (status, "refused") == 0)
    g_string_append_printf (text, _(" — mitigation %s refused: %s"), event->subject,
                            odan_event_get_string (event, "reason") != NULL
                            ? odan_event_get_string (event, "reason") : "");
  else if (odan_exercise_is_proposal (event))
    /* logged from a team's own connection (multi-site): a team gives no
     * verdict, so the mitigation is not applied and uses no pool */
    g_string_append_printf (text, _(" — mitigation %s proposed by the team, not applied"), event->subject);
  else if (event->subject != NULL)
    {
      g_autofree char *at = _odan_exercise_format_time (odan_event_get_double (event, "applies", event->minute));

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
        g_autofree char *from = _odan_exercise_format_time (odan_event_get_double (event, "previous", event->minute));
        g_autofree char *to = _odan_exercise_format_time (odan_event_get_double (event, "due", event->minute));

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

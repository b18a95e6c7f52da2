/* odan-exercise-inject.c — the facilitator's injects
 *
 * Delivering an inject of the MSEL now, rescheduling or skipping it, and
 * delivering an ad hoc message.
 */
#define G_LOG_DOMAIN "odan-exercise"

#include "odan-exercise-private.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

/* ------------------------------------------------------------------ */
/* Injects */

gint64
_odan_exercise_log_delivery (OdanExercise *self,
              guint32       index,
              double        at,
              const char   *actor,
              const char   *body,
              GError      **error)
{
  const OdanInject *inject = &self->pack->injects[index];
  g_auto(GVariantBuilder) builder = G_VARIANT_BUILDER_INIT (G_VARIANT_TYPE_VARDICT);
  OdanEventAction action = at == inject->time ? ODAN_ACTION_SCHEDULED
                           : at > inject->time ? ODAN_ACTION_DELAYED : ODAN_ACTION_EARLY;
  OdanEvent *event;

  g_variant_builder_add (&builder, "{sv}", ODAN_EVENT_KEY_DUE, g_variant_new_double (inject->time));
  _odan_exercise_add_string (&builder, ODAN_EVENT_KEY_TITLE, inject->title);
  _odan_exercise_add_string (&builder, ODAN_EVENT_KEY_TITLE_JA, inject->title_ja);
  _odan_exercise_add_string (&builder, ODAN_EVENT_KEY_FROM, inject->from);
  _odan_exercise_add_string (&builder, ODAN_EVENT_KEY_FROM_JA, inject->from_ja);
  _odan_exercise_add_string (&builder, ODAN_EVENT_KEY_CHANNEL, inject->channel);
  _odan_exercise_add_string (&builder, ODAN_EVENT_KEY_BODY, body != NULL ? body : inject->body);
  /* an edited body is in the facilitator's words, in one language */
  if (body == NULL)
    _odan_exercise_add_string (&builder, ODAN_EVENT_KEY_BODY_JA, inject->body_ja);
  g_variant_builder_add (&builder, "{sv}", ODAN_EVENT_KEY_TO_ALL, g_variant_new_boolean (inject->to_all));
  g_variant_builder_add (&builder, "{sv}", ODAN_EVENT_KEY_TO, _odan_exercise_team_ids (self->pack, inject->to, inject->n_to));
  _odan_exercise_add_string (&builder, ODAN_EVENT_KEY_SHARING, inject->sharing);
  _odan_exercise_add_string (&builder, ODAN_EVENT_KEY_EFFECT, inject->effect_text);

  event = odan_event_new (action, at, g_variant_builder_end (&builder));
  event->actor = g_strdup (actor);
  event->subject = g_strdup (inject->id);
  g_free (event->summary);
  event->summary = g_strdup (inject->title);
  return _odan_exercise_commit (self, event, -1, error);
}

static gboolean
check_pending_inject (OdanExercise *self,
                      guint32       inject,
                      GError      **error)
{
  if (inject >= self->pack->n_injects)
    {
      g_set_error (error, ODAN_EXERCISE_ERROR, ODAN_EXERCISE_ERROR_INVALID,
                   _("no inject number %u in the pack"), inject);
      return FALSE;
    }
  if (self->injects[inject].status != INJECT_PENDING)
    {
      g_set_error (error, ODAN_EXERCISE_ERROR, ODAN_EXERCISE_ERROR_INVALID,
                   self->injects[inject].status == INJECT_DELIVERED
                   ? _("inject %s has been delivered already")
                   : _("inject %s has been skipped"),
                   self->pack->injects[inject].id);
      return FALSE;
    }
  return TRUE;
}

gint64
odan_exercise_deliver (OdanExercise  *self,
                       guint32        inject,
                       const char    *body,
                       GError       **error)
{
  g_return_val_if_fail (ODAN_IS_EXERCISE (self), 0);

  if (!_odan_exercise_ready_to_log (self, error)
      || !check_pending_inject (self, inject, error))
    return 0;
  return _odan_exercise_log_delivery (self, inject, odan_exercise_get_minute (self), "facilitator", body, error);
}

/* Commits a facilitator's event about @inject, named and summed up by it. */
static gint64
commit_about_inject (OdanExercise *self,
                     OdanEvent    *event,
                     guint32       inject,
                     GError      **error)
{
  event->actor = g_strdup ("facilitator");
  event->subject = g_strdup (self->pack->injects[inject].id);
  g_free (event->summary);
  event->summary = g_strdup (self->pack->injects[inject].title);
  return _odan_exercise_commit (self, event, -1, error);
}

gint64
odan_exercise_reschedule (OdanExercise  *self,
                          guint32        inject,
                          double         minute,
                          GError       **error)
{
  g_auto(GVariantBuilder) builder = G_VARIANT_BUILDER_INIT (G_VARIANT_TYPE_VARDICT);
  double now;
  double previous;
  OdanEvent *event;

  g_return_val_if_fail (ODAN_IS_EXERCISE (self), 0);

  if (!_odan_exercise_ready_to_log (self, error)
      || !check_pending_inject (self, inject, error))
    return 0;
  now = odan_exercise_get_minute (self);
  if (!isfinite (minute) || minute < now)
    {
      g_autofree char *at = _odan_exercise_format_time (now);

      g_set_error (error, ODAN_EXERCISE_ERROR, ODAN_EXERCISE_ERROR_INVALID,
                   _("an inject can only be moved to now (%s) or later"), at);
      return 0;
    }
  previous = self->injects[inject].due;
  g_variant_builder_add (&builder, "{sv}", ODAN_EVENT_KEY_DUE, g_variant_new_double (minute));
  g_variant_builder_add (&builder, "{sv}", ODAN_EVENT_KEY_PREVIOUS, g_variant_new_double (previous));
  event = odan_event_new (minute > previous ? ODAN_ACTION_DELAY : ODAN_ACTION_ADVANCE, now,
                          g_variant_builder_end (&builder));
  return commit_about_inject (self, event, inject, error);
}

gint64
odan_exercise_skip (OdanExercise  *self,
                    guint32        inject,
                    const char    *reason,
                    GError       **error)
{
  g_auto(GVariantBuilder) builder = G_VARIANT_BUILDER_INIT (G_VARIANT_TYPE_VARDICT);
  OdanEvent *event;

  g_return_val_if_fail (ODAN_IS_EXERCISE (self), 0);

  if (!_odan_exercise_ready_to_log (self, error)
      || !check_pending_inject (self, inject, error))
    return 0;
  g_variant_builder_add (&builder, "{sv}", ODAN_EVENT_KEY_DUE, g_variant_new_double (self->injects[inject].due));
  _odan_exercise_add_string (&builder, ODAN_EVENT_KEY_TITLE, self->pack->injects[inject].title);
  _odan_exercise_add_string (&builder, ODAN_EVENT_KEY_REASON, reason);
  event = odan_event_new (ODAN_ACTION_SKIPPED, odan_exercise_get_minute (self),
                          g_variant_builder_end (&builder));
  return commit_about_inject (self, event, inject, error);
}

gint64
odan_exercise_deliver_adhoc (OdanExercise          *self,
                             const OdanAdhocInject *inject,
                             GError               **error)
{
  g_auto(GVariantBuilder) builder = G_VARIANT_BUILDER_INIT (G_VARIANT_TYPE_VARDICT);
  g_autoptr(GArray) effects = NULL;
  g_autoptr(GError) local_error = NULL;
  OdanEvent *event;

  g_return_val_if_fail (ODAN_IS_EXERCISE (self), 0);
  g_return_val_if_fail (inject != NULL, 0);

  if (!_odan_exercise_check_playing (self, error))
    return 0;
  if (inject->title == NULL || inject->title[strspn (inject->title, " \t\r\n")] == '\0')
    {
      g_set_error (error, ODAN_EXERCISE_ERROR, ODAN_EXERCISE_ERROR_INVALID, "%s",
                   _("an ad hoc inject needs a title"));
      return 0;
    }
  for (guint i = 0; inject->to != NULL && inject->to[i] != NULL; i++)
    if (odan_pack_find_team (self->pack, inject->to[i]) == ODAN_NONE)
      {
        g_set_error (error, ODAN_EXERCISE_ERROR, ODAN_EXERCISE_ERROR_INVALID,
                     _("unknown team '%s'"), inject->to[i]);
        return 0;
      }
  effects = _odan_exercise_parse_effects (self->pack, inject->effect, &local_error);
  if (effects == NULL)
    {
      g_set_error (error, ODAN_EXERCISE_ERROR, ODAN_EXERCISE_ERROR_INVALID,
                   _("bad effect: %s"), local_error->message);
      return 0;
    }
  if (!_odan_exercise_catch_up (self, error))
    return 0;

  _odan_exercise_add_string (&builder, ODAN_EVENT_KEY_TITLE, inject->title);
  _odan_exercise_add_string (&builder, ODAN_EVENT_KEY_BODY, inject->body);
  _odan_exercise_add_string (&builder, ODAN_EVENT_KEY_FROM, inject->from);
  _odan_exercise_add_string (&builder, ODAN_EVENT_KEY_CHANNEL, inject->channel);
  g_variant_builder_add (&builder, "{sv}", ODAN_EVENT_KEY_TO_ALL, g_variant_new_boolean (inject->to == NULL));
  g_variant_builder_add (&builder, "{sv}", ODAN_EVENT_KEY_TO,
                         g_variant_new_strv (inject->to, inject->to != NULL ? -1 : 0));
  _odan_exercise_add_string (&builder, ODAN_EVENT_KEY_EFFECT, inject->effect != NULL ? inject->effect : "");
  event = odan_event_new (ODAN_ACTION_ADHOC, odan_exercise_get_minute (self),
                          g_variant_builder_end (&builder));
  event->actor = g_strdup ("facilitator");
  g_free (event->summary);
  event->summary = g_strdup (inject->title);
  return _odan_exercise_commit (self, event, -1, error);
}

double
odan_exercise_get_inject_due (OdanExercise *self,
                              guint32       inject)
{
  g_return_val_if_fail (ODAN_IS_EXERCISE (self), INFINITY);
  g_return_val_if_fail (inject < self->pack->n_injects, INFINITY);

  return self->injects[inject].status == INJECT_PENDING ? self->injects[inject].due : INFINITY;
}

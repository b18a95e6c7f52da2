/* odan-exercise-evaluation.c — evaluators' entries in the log
 *
 * Observations and notes, with or without details (odan-evaluation.h),
 * logged as events of their own that change nothing in the model.
 */
#define G_LOG_DOMAIN "odan-exercise"

#include "odan-exercise-private.h"

#include <glib/gi18n-lib.h>
#include <string.h>

/* What every evaluator's entry needs: a writable log, some text, a known
 * team if any. */
static gboolean
check_observation (OdanExercise  *self,
                   const char    *text,
                   const char    *team,
                   GError       **error)
{
  if (!_odan_exercise_check_writable (self, error))
    return FALSE;
  if (text == NULL || text[strspn (text, " \t\r\n")] == '\0')
    return _odan_exercise_invalid (error, "%s", _("an observation needs some text"));
  if (team != NULL && odan_pack_find_team (self->pack, team) == ODAN_NONE)
    return _odan_exercise_invalid (error, _("unknown team '%s'"), team);
  return TRUE;
}

/* Logs an evaluator's entry: @builder holds its details but "by". */
static gint64
commit_observation (OdanExercise     *self,
                    OdanEventAction   action,
                    const char       *text,
                    const char       *team,
                    gint64            ref,
                    const char       *by,
                    GVariantBuilder  *builder,
                    GError          **error)
{
  OdanEvent *event;

  _odan_exercise_add_string (builder, ODAN_EVENT_KEY_BY, by);
  event = odan_event_new (action, odan_exercise_get_minute (self), g_variant_builder_end (builder));
  event->actor = g_strdup ("evaluator");
  event->team = g_strdup (team);
  event->ref = ref;
  g_free (event->summary);
  event->summary = g_strdup (text);
  return _odan_exercise_commit (self, event, -1, error);
}

gint64
odan_exercise_observe (OdanExercise  *self,
                       const char    *text,
                       const char    *team,
                       gint64         ref,
                       const char    *by,
                       GError       **error)
{
  g_auto(GVariantBuilder) builder = G_VARIANT_BUILDER_INIT (G_VARIANT_TYPE_VARDICT);

  g_return_val_if_fail (ODAN_IS_EXERCISE (self), 0);

  if (!check_observation (self, text, team, error))
    return 0;
  if (ref < 0 || (ref > 0 && (self->events->len == 0
                              || ref > ((const OdanEvent *) g_ptr_array_index (self->events, self->events->len - 1))->id)))
    {
      g_autofree char *id = g_strdup_printf ("%" G_GINT64_FORMAT, ref);

      _odan_exercise_invalid (error, _("no event %s in the log"), id);
      return 0;
    }
  if (!_odan_exercise_catch_up (self, error))
    return 0;

  return commit_observation (self, ODAN_ACTION_NOTE, text, team, ref, by, &builder, error);
}

/* ------------------------------------------------------------------ */
/* Evaluators' entries with details (odan-evaluation.h) */

gint64
odan_exercise_observe_with_details (OdanExercise   *self,
                                    OdanEventAction action,
                                    const char    *text,
                                    const char    *team,
                                    gint64         ref,
                                    const char    *by,
                                    GVariant      *details,
                                    GError       **error)
{
  g_auto(GVariantBuilder) builder = G_VARIANT_BUILDER_INIT (G_VARIANT_TYPE_VARDICT);
  g_autoptr(GVariant) owned = details != NULL ? g_variant_ref_sink (details) : NULL;

  g_return_val_if_fail (ODAN_IS_EXERCISE (self), 0);
  g_return_val_if_fail (odan_event_action_get_kind (action) == ODAN_EVENT_OBSERVATION, 0);
  g_return_val_if_fail (details == NULL || g_variant_is_of_type (details, G_VARIANT_TYPE_VARDICT), 0);

  if (!check_observation (self, text, team, error))
    return 0;
  if (ref < 0 || (ref > 0 && odan_exercise_find_event (self, ref) == NULL))
    {
      g_autofree char *id = g_strdup_printf ("%" G_GINT64_FORMAT, ref);

      _odan_exercise_invalid (error, _("no event %s in the log"), id);
      return 0;
    }
  if (!_odan_exercise_catch_up (self, error))
    return 0;

  if (owned != NULL)
    {
      GVariantIter iter;
      const char *key;
      GVariant *value;

      g_variant_iter_init (&iter, owned);
      while (g_variant_iter_next (&iter, "{&sv}", &key, &value))
        {
          if (strcmp (key, ODAN_EVENT_KEY_BY) != 0)
            g_variant_builder_add (&builder, "{sv}", key, value);
          g_variant_unref (value);
        }
    }
  return commit_observation (self, action, text, team, ref, by, &builder, error);
}

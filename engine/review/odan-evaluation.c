/* odan-evaluation.c — evaluator observations and the improvement plan
 *
 * Writes through odan_exercise_observe_with_details() (the log's one door
 * for evaluators) and reads back by scanning the log's observation events.
 */
#define G_LOG_DOMAIN "odan-evaluation"

#include "odan-evaluation.h"
#include "odan-enum.h"
#include "odan-review-enums.h"

#include <glib/gi18n-lib.h>
#include <string.h>

static const char *const elements[] = { "planning", "organization", "equipment", "training", "exercise" };

/* The words are the nicks of the registered enums (odan-enum.h); a rating
 * or finding of NONE has none. */
const char *
odan_rating_to_string (OdanRating rating)
{
  g_return_val_if_fail (rating < ODAN_N_RATINGS, NULL);
  return odan_enum_to_nick (ODAN_TYPE_RATING, rating);
}

gboolean
odan_rating_from_string (const char *text,
                         OdanRating *out)
{
  int value;

  if (!odan_enum_from_nick (ODAN_TYPE_RATING, text, &value))
    return FALSE;
  *out = value;
  return TRUE;
}

const char *
odan_finding_to_string (OdanFinding finding)
{
  g_return_val_if_fail (finding <= ODAN_FINDING_AREA, NULL);
  return odan_enum_to_nick (ODAN_TYPE_FINDING, finding);
}

gboolean
odan_finding_from_string (const char  *text,
                          OdanFinding *out)
{
  int value;

  if (!odan_enum_from_nick (ODAN_TYPE_FINDING, text, &value))
    return FALSE;
  *out = value;
  return TRUE;
}

const char *
odan_improvement_status_to_string (OdanImprovementStatus status)
{
  g_return_val_if_fail (status <= ODAN_IMPROVEMENT_CANCELLED, NULL);
  return odan_enum_to_nick (ODAN_TYPE_IMPROVEMENT_STATUS, status);
}

gboolean
odan_improvement_status_from_string (const char            *text,
                                     OdanImprovementStatus *out)
{
  int value;

  if (!odan_enum_from_nick (ODAN_TYPE_IMPROVEMENT_STATUS, text, &value))
    return FALSE;
  *out = value;
  return TRUE;
}

gboolean
odan_capability_element_is_valid (const char *element)
{
  for (guint i = 0; element != NULL && i < G_N_ELEMENTS (elements); i++)
    if (g_ascii_strcasecmp (element, elements[i]) == 0)
      return TRUE;
  return FALSE;
}

static gboolean
is_blank (const char *text)
{
  return text == NULL || text[strspn (text, " \t\r\n")] == '\0';
}

static void
add (GVariantBuilder *builder,
     const char      *key,
     const char      *value)
{
  if (!is_blank (value))
    g_variant_builder_add (builder, "{sv}", key, g_variant_new_string (value));
}

static gboolean
invalid (GError    **error,
         const char *message)
{
  g_set_error_literal (error, ODAN_EXERCISE_ERROR, ODAN_EXERCISE_ERROR_INVALID, message);
  return FALSE;
}

gint64
odan_evaluation_observe (OdanExercise           *exercise,
                         const OdanObservation  *o,
                         GError                **error)
{
  g_auto(GVariantBuilder) builder = G_VARIANT_BUILDER_INIT (G_VARIANT_TYPE_VARDICT);

  g_return_val_if_fail (ODAN_IS_EXERCISE (exercise), 0);
  g_return_val_if_fail (o != NULL, 0);
  g_return_val_if_fail (o->rating < ODAN_N_RATINGS && o->finding <= ODAN_FINDING_AREA, 0);

  add (&builder, ODAN_EVENT_KEY_OBJECTIVE, o->objective);
  add (&builder, ODAN_EVENT_KEY_CAPABILITY, o->capability);
  add (&builder, ODAN_EVENT_KEY_RATING, odan_rating_to_string (o->rating));
  add (&builder, ODAN_EVENT_KEY_FINDING, odan_finding_to_string (o->finding));
  return odan_exercise_observe_with_details (exercise, ODAN_ACTION_NOTE, o->text, o->team, o->ref, o->by,
                                             g_variant_builder_end (&builder), error);
}

/* A calendar date written YYYY-MM-DD, as a GDate; FALSE when it is not. */
static gboolean
parse_date (const char *text,
            GDate      *out)
{
  guint y, m, d;
  char tail;

  if (text == NULL || strlen (text) != 10
      || sscanf (text, "%4u-%2u-%2u%c", &y, &m, &d, &tail) != 3
      || !g_date_valid_dmy (d, m, y))
    return FALSE;
  g_date_clear (out, 1);
  g_date_set_dmy (out, d, m, y);
  return TRUE;
}

gint64
odan_evaluation_add_improvement (OdanExercise           *exercise,
                                 const OdanImprovement  *item,
                                 GError                **error)
{
  g_auto(GVariantBuilder) builder = G_VARIANT_BUILDER_INIT (G_VARIANT_TYPE_VARDICT);
  GDate start, completion;

  g_return_val_if_fail (ODAN_IS_EXERCISE (exercise), 0);
  g_return_val_if_fail (item != NULL, 0);
  g_return_val_if_fail (item->status <= ODAN_IMPROVEMENT_CANCELLED, 0);

  if (is_blank (item->action))
    return invalid (error, _("an improvement needs a corrective action"));
  if (is_blank (item->capability))
    return invalid (error, _("an improvement needs the core capability it improves"));
  if (is_blank (item->organization))
    return invalid (error, _("an improvement needs the organisation responsible for it"));
  if (!parse_date (item->start, &start))
    return invalid (error, _("an improvement needs a start date written YYYY-MM-DD"));
  if (!parse_date (item->completion, &completion))
    return invalid (error, _("an improvement needs a completion date written YYYY-MM-DD"));
  if (g_date_compare (&completion, &start) < 0)
    return invalid (error, _("an improvement cannot be completed before it starts"));
  if (!is_blank (item->element) && !odan_capability_element_is_valid (item->element))
    return invalid (error, _("the capability element must be planning, organization, equipment, training or exercise"));
  if (item->observation != 0)
    {
      const OdanEvent *o = odan_exercise_find_event (exercise, item->observation);

      if (o == NULL || o->kind != ODAN_EVENT_OBSERVATION || o->action != ODAN_ACTION_NOTE)
        return invalid (error, _("an improvement can only answer an observation"));
    }
  if (item->revises != 0)
    {
      const OdanEvent *r = odan_exercise_find_event (exercise, item->revises);

      if (r == NULL || r->kind != ODAN_EVENT_OBSERVATION || r->action != ODAN_ACTION_IMPROVEMENT)
        return invalid (error, _("only an improvement item can be revised"));
    }

  add (&builder, ODAN_EVENT_KEY_ISSUE, item->issue);
  add (&builder, ODAN_EVENT_KEY_REFERENCE, item->reference);
  add (&builder, ODAN_EVENT_KEY_ROOT_CAUSE, item->root_cause);
  add (&builder, ODAN_EVENT_KEY_CAPABILITY, item->capability);
  add (&builder, ODAN_EVENT_KEY_ELEMENT, item->element);
  add (&builder, ODAN_EVENT_KEY_ORGANIZATION, item->organization);
  add (&builder, ODAN_EVENT_KEY_POC, item->poc);
  add (&builder, ODAN_EVENT_KEY_START, item->start);
  add (&builder, ODAN_EVENT_KEY_COMPLETION, item->completion);
  add (&builder, ODAN_EVENT_KEY_STATUS, odan_improvement_status_to_string (item->status));
  if (item->revises != 0)
    g_variant_builder_add (&builder, "{sv}", ODAN_EVENT_KEY_REVISES, g_variant_new_int64 (item->revises));
  return odan_exercise_observe_with_details (exercise, ODAN_ACTION_IMPROVEMENT, item->action, NULL,
                                             item->observation, item->by,
                                             g_variant_builder_end (&builder), error);
}

GArray *
odan_evaluation_get_observations (OdanExercise *exercise)
{
  GArray *out = g_array_new (FALSE, TRUE, sizeof (OdanObservation));
  guint n = odan_exercise_get_n_events (exercise);

  for (guint i = 0; i < n; i++)
    {
      const OdanEvent *e = odan_exercise_get_event (exercise, i);
      OdanObservation o = { 0 };

      if (e->kind != ODAN_EVENT_OBSERVATION || e->action != ODAN_ACTION_NOTE)
        continue;
      o.event = e->id;
      o.minute = e->minute;
      o.by = odan_event_get_by (e);
      o.team = e->team;
      o.ref = e->ref;
      o.text = e->summary;
      o.objective = odan_event_get_objective (e);
      o.capability = odan_event_get_capability (e);
      odan_rating_from_string (odan_event_get_rating (e), &o.rating);
      odan_finding_from_string (odan_event_get_finding (e), &o.finding);
      g_array_append_val (out, o);
    }
  return out;
}

GArray *
odan_evaluation_get_improvements (OdanExercise *exercise)
{
  GArray *out = g_array_new (FALSE, TRUE, sizeof (OdanImprovement));
  g_autoptr(GHashTable) row_of = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  guint n = odan_exercise_get_n_events (exercise);

  for (guint i = 0; i < n; i++)
    {
      const OdanEvent *e = odan_exercise_get_event (exercise, i);
      OdanImprovement item = { 0 };
      gpointer found;

      if (e->kind != ODAN_EVENT_OBSERVATION || e->action != ODAN_ACTION_IMPROVEMENT)
        continue;
      item.event = e->id;
      item.first = e->id;
      item.minute = e->minute;
      item.by = odan_event_get_by (e);
      item.observation = e->ref;
      item.revises = odan_event_get_revises (e);
      item.issue = odan_event_get_issue (e);
      item.reference = odan_event_get_reference (e);
      item.root_cause = odan_event_get_root_cause (e);
      item.action = e->summary;
      item.capability = odan_event_get_capability (e);
      item.element = odan_event_get_element (e);
      item.organization = odan_event_get_organization (e);
      item.poc = odan_event_get_poc (e);
      item.start = odan_event_get_start (e);
      item.completion = odan_event_get_completion (e);
      odan_improvement_status_from_string (odan_event_get_status (e), &item.status);

      /* a revision takes the place of the item it revises (any revision of it) */
      found = item.revises != 0 ? g_hash_table_lookup (row_of, &item.revises) : NULL;
      if (found != NULL)
        {
          guint row = GPOINTER_TO_UINT (found) - 1;

          item.first = g_array_index (out, OdanImprovement, row).first;
          g_array_index (out, OdanImprovement, row) = item;
          g_hash_table_insert (row_of, g_memdup2 (&e->id, sizeof e->id), found);
        }
      else
        {
          g_array_append_val (out, item);
          g_hash_table_insert (row_of, g_memdup2 (&e->id, sizeof e->id), GUINT_TO_POINTER (out->len));
        }
    }
  return out;
}

GArray *
odan_evaluation_rate_capabilities (const GArray *observations)
{
  GArray *rows = g_array_new (FALSE, TRUE, sizeof (OdanCapabilityRating));

  for (guint i = 0; i < observations->len; i++)
    {
      const OdanObservation *o = &g_array_index (observations, OdanObservation, i);
      const char *objective = o->objective != NULL ? o->objective : "";
      const char *capability = o->capability != NULL ? o->capability : "";
      OdanCapabilityRating *row = NULL;
      guint insert_at = rows->len;

      if (o->rating == ODAN_RATING_NONE && o->finding == ODAN_FINDING_NONE)
        continue;
      for (guint r = 0; r < rows->len && row == NULL; r++)
        {
          OdanCapabilityRating *x = &g_array_index (rows, OdanCapabilityRating, r);

          if (strcmp (x->objective, objective) == 0)
            {
              insert_at = r + 1;
              if (strcmp (x->capability, capability) == 0)
                row = x;
            }
        }
      if (row == NULL)
        {
          OdanCapabilityRating fresh = { objective, capability, { 0 }, ODAN_RATING_NONE, 0, 0 };

          g_array_insert_val (rows, insert_at, fresh);
          row = &g_array_index (rows, OdanCapabilityRating, insert_at);
        }
      if (o->rating != ODAN_RATING_NONE)
        {
          row->count[o->rating]++;
          row->final = o->rating;
        }
      row->strengths += o->finding == ODAN_FINDING_STRENGTH;
      row->areas += o->finding == ODAN_FINDING_AREA;
    }
  return rows;
}

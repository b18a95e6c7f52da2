/* odan-event.c — one entry of an exercise's log
 *
 * Plain structs with their strings owned. Details are a GVariant a{sv}:
 * typed, versionable (a reader ignores keys it does not know) and stored
 * as GVariant's serialised form in little-endian byte order, which loads
 * without parsing (g_variant_new_from_bytes checks lazily and never trusts
 * the bytes).
 */
#define G_LOG_DOMAIN "odan-event"

#include "odan-event.h"
#include "odan-enum.h"
#include "odan-model-enums.h"


#include <string.h>

const char *
odan_event_kind_to_string (OdanEventKind kind)
{
  return odan_enum_to_nick (ODAN_TYPE_EVENT_KIND, kind);
}

gboolean
odan_event_kind_from_string (const char    *text,
                             OdanEventKind *out)
{
  int value;

  g_return_val_if_fail (text != NULL, FALSE);

  if (!odan_enum_from_nick (ODAN_TYPE_EVENT_KIND, text, &value))
    return FALSE;
  if (out != NULL)
    *out = (OdanEventKind) value;
  return TRUE;
}

OdanEventKind
odan_event_action_get_kind (OdanEventAction action)
{
  if (action <= ODAN_ACTION_END)
    return ODAN_EVENT_CLOCK;
  if (action <= ODAN_ACTION_FORWARDED)
    return ODAN_EVENT_DELIVERY;
  if (action <= ODAN_ACTION_ADVANCE)
    return ODAN_EVENT_RESCHEDULE;
  if (action == ODAN_ACTION_DECIDED)
    return ODAN_EVENT_DECISION;
  if (action == ODAN_ACTION_APPLIED)
    return ODAN_EVENT_MITIGATION;
  if (action <= ODAN_ACTION_IMPROVEMENT)
    return ODAN_EVENT_OBSERVATION;
  return ODAN_EVENT_ACK;
}

const char *
odan_event_action_to_string (const OdanEvent *event)
{
  if (event->action == ODAN_ACTION_DECIDED)
    return odan_category_to_string (event->category);
  return odan_enum_to_nick (ODAN_TYPE_EVENT_ACTION, event->action);
}

gboolean
odan_event_action_from_string (OdanEventKind    kind,
                               const char      *text,
                               OdanEventAction *action,
                               OdanCategory    *category)
{
  int value;

  g_return_val_if_fail (text != NULL, FALSE);

  if (kind == ODAN_EVENT_DECISION)
    {
      OdanCategory c;

      if (!odan_category_from_string (text, &c))
        return FALSE;
      if (category != NULL)
        *category = c;
      value = ODAN_ACTION_DECIDED;
    }
  else if (!odan_enum_from_nick (ODAN_TYPE_EVENT_ACTION, text, &value)
           || value == ODAN_ACTION_DECIDED
           || odan_event_action_get_kind ((OdanEventAction) value) != kind)
    return FALSE;
  if (action != NULL)
    *action = (OdanEventAction) value;
  return TRUE;
}

OdanEvent *
odan_event_new (OdanEventAction  action,
                double           minute,
                GVariant        *details)
{
  OdanEvent *event = g_new0 (OdanEvent, 1);

  event->kind = odan_event_action_get_kind (action);
  event->action = action;
  event->category = ODAN_CATEGORY_OTHER;
  event->minute = minute;
  event->summary = g_strdup ("");
  if (details == NULL)
    details = g_variant_new_array (G_VARIANT_TYPE ("{sv}"), NULL, 0);
  g_return_val_if_fail (g_variant_is_of_type (details, G_VARIANT_TYPE_VARDICT), event);
  event->details = g_variant_ref_sink (details);
  return event;
}

OdanEvent *
odan_event_new_decision (OdanCategory  category,
                         double        minute,
                         GVariant     *details)
{
  OdanEvent *event = odan_event_new (ODAN_ACTION_DECIDED, minute, details);

  event->category = category;
  return event;
}

OdanEvent *
odan_event_new_from_words (const char *kind,
                           const char *action,
                           double      minute,
                           GVariant   *details)
{
  /* a store's full reference is taken as well as a floating one */
  g_autoptr(GVariant) owned = details != NULL ? g_variant_take_ref (details) : NULL;
  OdanEventKind k;
  OdanEventAction a;
  OdanCategory category = ODAN_CATEGORY_OTHER;
  OdanEvent *event;

  if (kind == NULL || action == NULL || !odan_event_kind_from_string (kind, &k)
      || !odan_event_action_from_string (k, action, &a, &category))
    return NULL;
  event = odan_event_new (a, minute, owned != NULL ? g_variant_ref (owned) : NULL);
  event->category = category;
  return event;
}

OdanEvent *
odan_event_copy (const OdanEvent *event)
{
  OdanEvent *copy = g_new0 (OdanEvent, 1);

  *copy = *event;
  copy->wall = g_strdup (event->wall);
  copy->actor = g_strdup (event->actor);
  copy->team = g_strdup (event->team);
  copy->subject = g_strdup (event->subject);
  copy->summary = g_strdup (event->summary);
  copy->details = g_variant_ref (event->details);
  return copy;
}

void
odan_event_free (OdanEvent *event)
{
  if (event == NULL)
    return;
  g_free (event->wall);
  g_free (event->actor);
  g_free (event->team);
  g_free (event->subject);
  g_free (event->summary);
  g_clear_pointer (&event->details, g_variant_unref);
  g_free (event);
}

const char *
odan_event_get_string (const OdanEvent *event,
                       const char      *key)
{
  const char *value = NULL;

  /* "&s" borrows the string from the dictionary, which the event keeps */
  if (!g_variant_lookup (event->details, key, "&s", &value))
    return NULL;
  return value;
}

double
odan_event_get_double (const OdanEvent *event,
                       const char      *key,
                       double           fallback)
{
  double value;

  return g_variant_lookup (event->details, key, "d", &value) ? value : fallback;
}

guint32
odan_event_get_uint32 (const OdanEvent *event,
                       const char      *key,
                       guint32          fallback)
{
  guint32 value;

  return g_variant_lookup (event->details, key, "u", &value) ? value : fallback;
}

gboolean
odan_event_get_boolean (const OdanEvent *event,
                        const char      *key,
                        gboolean         fallback)
{
  gboolean value;

  return g_variant_lookup (event->details, key, "b", &value) ? value : fallback;
}

const char **
odan_event_get_strv (const OdanEvent *event,
                     const char      *key)
{
  g_autoptr(GVariant) value = g_variant_lookup_value (event->details, key, G_VARIANT_TYPE_STRING_ARRAY);

  if (value == NULL)
    return NULL;
  /* the strings point into the serialised dictionary, which @event keeps */
  return g_variant_get_strv (value, NULL);
}

/* Named lookups: each key's name and type in one place */

static char **
dup_strv (const OdanEvent *event,
          const char      *key)
{
  g_autoptr(GVariant) value = g_variant_lookup_value (event->details, key, G_VARIANT_TYPE_STRING_ARRAY);

  return value != NULL ? g_variant_dup_strv (value, NULL) : NULL;
}

gboolean
odan_event_reaches_teams (const OdanEvent *event)
{
  return event->kind == ODAN_EVENT_DELIVERY && event->action != ODAN_ACTION_SKIPPED;
}

const char *
odan_event_get_title (const OdanEvent *event)
{
  return odan_event_get_string (event, ODAN_EVENT_KEY_TITLE);
}

const char *
odan_event_get_title_ja (const OdanEvent *event)
{
  return odan_event_get_string (event, ODAN_EVENT_KEY_TITLE_JA);
}

const char *
odan_event_get_from (const OdanEvent *event)
{
  return odan_event_get_string (event, ODAN_EVENT_KEY_FROM);
}

const char *
odan_event_get_channel (const OdanEvent *event)
{
  return odan_event_get_string (event, ODAN_EVENT_KEY_CHANNEL);
}

const char *
odan_event_get_body (const OdanEvent *event)
{
  return odan_event_get_string (event, ODAN_EVENT_KEY_BODY);
}

const char *
odan_event_get_from_ja (const OdanEvent *event)
{
  return odan_event_get_string (event, ODAN_EVENT_KEY_FROM_JA);
}

const char *
odan_event_get_body_ja (const OdanEvent *event)
{
  return odan_event_get_string (event, ODAN_EVENT_KEY_BODY_JA);
}

void
odan_event_get_reached_teams (const OdanEvent *event,
                              const OdanPack  *pack,
                              GArray          *out)
{
  g_auto(GStrv) ids = NULL;

  g_array_set_size (out, 0);
  if (odan_event_is_to_all (event))
    {
      for (guint32 t = 0; t < pack->n_teams; t++)
        g_array_append_val (out, t);
      return;
    }
  ids = odan_event_dup_to (event);
  for (guint i = 0; ids != NULL && ids[i] != NULL; i++)
    {
      guint32 t = odan_pack_find_team (pack, ids[i]);

      if (t != ODAN_NONE)
        g_array_append_val (out, t);
    }
}

const char *
odan_event_get_sharing (const OdanEvent *event)
{
  return odan_event_get_string (event, ODAN_EVENT_KEY_SHARING);
}

const char *
odan_event_get_effect (const OdanEvent *event)
{
  return odan_event_get_string (event, ODAN_EVENT_KEY_EFFECT);
}

const char *
odan_event_get_reason (const OdanEvent *event)
{
  return odan_event_get_string (event, ODAN_EVENT_KEY_REASON);
}

const char *
odan_event_get_via (const OdanEvent *event)
{
  return odan_event_get_string (event, ODAN_EVENT_KEY_VIA);
}

const char *
odan_event_get_original_from (const OdanEvent *event)
{
  return odan_event_get_string (event, ODAN_EVENT_KEY_ORIGINAL_FROM);
}

const char *
odan_event_get_ministry (const OdanEvent *event)
{
  return odan_event_get_string (event, ODAN_EVENT_KEY_MINISTRY);
}

const char *
odan_event_get_audience (const OdanEvent *event)
{
  return odan_event_get_string (event, ODAN_EVENT_KEY_AUDIENCE);
}

const char *
odan_event_get_mitigation_status (const OdanEvent *event)
{
  return odan_event_get_string (event, ODAN_EVENT_KEY_MITIGATION_STATUS);
}

const char *
odan_event_get_source (const OdanEvent *event)
{
  return odan_event_get_string (event, ODAN_EVENT_KEY_SOURCE);
}

const char *
odan_event_get_by (const OdanEvent *event)
{
  return odan_event_get_string (event, ODAN_EVENT_KEY_BY);
}

const char *
odan_event_get_objective (const OdanEvent *event)
{
  return odan_event_get_string (event, ODAN_EVENT_KEY_OBJECTIVE);
}

const char *
odan_event_get_capability (const OdanEvent *event)
{
  return odan_event_get_string (event, ODAN_EVENT_KEY_CAPABILITY);
}

const char *
odan_event_get_rating (const OdanEvent *event)
{
  return odan_event_get_string (event, ODAN_EVENT_KEY_RATING);
}

const char *
odan_event_get_finding (const OdanEvent *event)
{
  return odan_event_get_string (event, ODAN_EVENT_KEY_FINDING);
}

const char *
odan_event_get_issue (const OdanEvent *event)
{
  return odan_event_get_string (event, ODAN_EVENT_KEY_ISSUE);
}

const char *
odan_event_get_element (const OdanEvent *event)
{
  return odan_event_get_string (event, ODAN_EVENT_KEY_ELEMENT);
}

const char *
odan_event_get_organization (const OdanEvent *event)
{
  return odan_event_get_string (event, ODAN_EVENT_KEY_ORGANIZATION);
}

const char *
odan_event_get_poc (const OdanEvent *event)
{
  return odan_event_get_string (event, ODAN_EVENT_KEY_POC);
}

const char *
odan_event_get_start (const OdanEvent *event)
{
  return odan_event_get_string (event, ODAN_EVENT_KEY_START);
}

const char *
odan_event_get_completion (const OdanEvent *event)
{
  return odan_event_get_string (event, ODAN_EVENT_KEY_COMPLETION);
}

const char *
odan_event_get_reference (const OdanEvent *event)
{
  return odan_event_get_string (event, ODAN_EVENT_KEY_REFERENCE);
}

const char *
odan_event_get_root_cause (const OdanEvent *event)
{
  return odan_event_get_string (event, ODAN_EVENT_KEY_ROOT_CAUSE);
}

const char *
odan_event_get_status (const OdanEvent *event)
{
  return odan_event_get_string (event, ODAN_EVENT_KEY_STATUS);
}

char **
odan_event_dup_to (const OdanEvent *event)
{
  return dup_strv (event, ODAN_EVENT_KEY_TO);
}

char **
odan_event_dup_injects (const OdanEvent *event)
{
  return dup_strv (event, ODAN_EVENT_KEY_INJECTS);
}

char **
odan_event_dup_recipients (const OdanEvent *event)
{
  return dup_strv (event, ODAN_EVENT_KEY_RECIPIENTS);
}

char **
odan_event_dup_forward_to (const OdanEvent *event)
{
  return dup_strv (event, ODAN_EVENT_KEY_FORWARD_TO);
}

double
odan_event_get_due (const OdanEvent *event,
                    double           fallback)
{
  return odan_event_get_double (event, ODAN_EVENT_KEY_DUE, fallback);
}

double
odan_event_get_previous (const OdanEvent *event,
                         double           fallback)
{
  return odan_event_get_double (event, ODAN_EVENT_KEY_PREVIOUS, fallback);
}

double
odan_event_get_applies (const OdanEvent *event,
                        double           fallback)
{
  return odan_event_get_double (event, ODAN_EVENT_KEY_APPLIES, fallback);
}

double
odan_event_get_jumped_from (const OdanEvent *event,
                            double           fallback)
{
  return odan_event_get_double (event, ODAN_EVENT_KEY_FROM, fallback);
}

gboolean
odan_event_is_to_all (const OdanEvent *event)
{
  return odan_event_get_boolean (event, ODAN_EVENT_KEY_TO_ALL, FALSE);
}

gboolean
odan_event_is_bcp (const OdanEvent *event)
{
  return odan_event_get_boolean (event, ODAN_EVENT_KEY_BCP, FALSE);
}

gboolean
odan_event_is_running (const OdanEvent *event)
{
  return odan_event_get_boolean (event, ODAN_EVENT_KEY_RUNNING, FALSE);
}

gboolean
odan_event_keeps_schedule (const OdanEvent *event)
{
  return odan_event_get_boolean (event, ODAN_EVENT_KEY_KEEP_SCHEDULE, FALSE);
}

static gint64
get_int64 (const OdanEvent *event,
           const char      *key)
{
  gint64 value;

  return g_variant_lookup (event->details, key, "x", &value) ? value : 0;
}

gint64
odan_event_get_origin (const OdanEvent *event)
{
  return get_int64 (event, ODAN_EVENT_KEY_ORIGIN);
}

gint64
odan_event_get_revises (const OdanEvent *event)
{
  return get_int64 (event, ODAN_EVENT_KEY_REVISES);
}

OdanReportStage
odan_event_get_stage (const OdanEvent *event)
{
  const char *text = odan_event_get_string (event, ODAN_EVENT_KEY_STAGE);
  OdanReportStage stage = ODAN_REPORT_STAGE_NONE;

  if (text != NULL)
    odan_report_stage_from_string (text, &stage);
  return stage;
}

const char *
odan_event_get_mode (const OdanEvent *event)
{
  return odan_event_get_string (event, ODAN_EVENT_KEY_MODE);
}

double
odan_event_get_speed (const OdanEvent *event)
{
  return odan_event_get_double (event, ODAN_EVENT_KEY_SPEED, 1.0);
}

GBytes *
odan_event_details_to_bytes (GVariant *details)
{
  g_autoptr(GVariant) normal = g_variant_get_normal_form (details);

#if G_BYTE_ORDER == G_BIG_ENDIAN
  {
    g_autoptr(GVariant) swapped = g_variant_byteswap (normal);
    return g_variant_get_data_as_bytes (swapped);
  }
#else
  return g_variant_get_data_as_bytes (normal);
#endif
}

GVariant *
odan_event_details_from_bytes (GBytes *bytes)
{
  g_autoptr(GVariant) value = g_variant_new_from_bytes (G_VARIANT_TYPE_VARDICT, bytes, FALSE);

  g_variant_ref_sink (value);
#if G_BYTE_ORDER == G_BIG_ENDIAN
  {
    GVariant *swapped = g_variant_byteswap (value);
    g_variant_unref (value);
    value = swapped;
  }
#endif
  /* Bytes that are not an a{sv} read as an empty dictionary; say so. */
  if (g_bytes_get_size (bytes) > 0 && g_variant_n_children (value) == 0)
    return NULL;
  return g_steal_pointer (&value);
}

char *
odan_wall_time_format (gint64 usec)
{
  g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (usec / G_USEC_PER_SEC);
  g_autoptr(GDateTime) exact = NULL;
  g_autoptr(GDateTime) local = NULL;
  g_autofree char *seconds = NULL;
  g_autofree char *offset = NULL;
  gint64 rest = usec % G_USEC_PER_SEC;

  if (rest < 0)
    rest += G_USEC_PER_SEC;
  if (utc == NULL)
    return g_strdup ("");
  exact = g_date_time_add (utc, usec % G_USEC_PER_SEC);
  local = g_date_time_to_local (exact);
  seconds = g_date_time_format (local, "%Y-%m-%dT%H:%M:%S");
  offset = g_date_time_format (local, "%:z");
  return g_strdup_printf ("%s.%03d%s", seconds, (int) (rest / 1000), offset);
}

gboolean
odan_wall_time_parse (const char *text,
                      gint64     *out_usec)
{
  g_autoptr(GDateTime) dt = NULL;

  if (text == NULL)
    return FALSE;
  dt = g_date_time_new_from_iso8601 (text, NULL);
  if (dt == NULL)
    return FALSE;
  *out_usec = g_date_time_to_unix (dt) * G_USEC_PER_SEC + g_date_time_get_microsecond (dt);
  return TRUE;
}

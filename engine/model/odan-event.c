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

#include <string.h>

static const char *const kind_names[ODAN_EVENT_N_KINDS] = {
  [ODAN_EVENT_CLOCK] = "clock",
  [ODAN_EVENT_DELIVERY] = "delivery",
  [ODAN_EVENT_RESCHEDULE] = "reschedule",
  [ODAN_EVENT_DECISION] = "decision",
  [ODAN_EVENT_MITIGATION] = "mitigation",
  [ODAN_EVENT_OBSERVATION] = "observation",
  [ODAN_EVENT_ACK] = "ack",
};

const char *
odan_event_kind_to_string (OdanEventKind kind)
{
  g_return_val_if_fail ((guint) kind < ODAN_EVENT_N_KINDS, NULL);

  return kind_names[kind];
}

gboolean
odan_event_kind_from_string (const char    *text,
                             OdanEventKind *out)
{
  g_return_val_if_fail (text != NULL, FALSE);

  for (guint i = 0; i < ODAN_EVENT_N_KINDS; i++)
    if (strcmp (text, kind_names[i]) == 0)
      {
        if (out != NULL)
          *out = (OdanEventKind) i;
        return TRUE;
      }
  return FALSE;
}

OdanEvent *
odan_event_new (OdanEventKind  kind,
                const char    *action,
                double         minute,
                GVariant      *details)
{
  OdanEvent *event = g_new0 (OdanEvent, 1);

  event->kind = kind;
  event->action = g_strdup (action != NULL ? action : "");
  event->minute = minute;
  event->summary = g_strdup ("");
  if (details == NULL)
    details = g_variant_new_array (G_VARIANT_TYPE ("{sv}"), NULL, 0);
  g_return_val_if_fail (g_variant_is_of_type (details, G_VARIANT_TYPE_VARDICT), event);
  event->details = g_variant_ref_sink (details);
  return event;
}

OdanEvent *
odan_event_copy (const OdanEvent *event)
{
  OdanEvent *copy = g_new0 (OdanEvent, 1);

  *copy = *event;
  copy->action = g_strdup (event->action);
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
  g_free (event->action);
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

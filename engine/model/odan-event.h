/* odan-event.h — one entry of an exercise's log
 *
 * Everything that happens in an exercise is an OdanEvent: clock changes,
 * inject deliveries, decisions, mitigations applied, evaluator observations.
 * The columns every kind has are fields; what only one kind needs is in
 * @details, a GVariant dictionary (a{sv}) whose keys engine/EXERCISE.md lists
 * per kind. A store keeps events in id order and hands out ids only on commit.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef enum {
  ODAN_EVENT_CLOCK,        /* action: start, pause, resume, speed, jump, step, end */
  ODAN_EVENT_DELIVERY,     /* action: scheduled, delayed, early, adhoc, skipped */
  ODAN_EVENT_RESCHEDULE,   /* action: delay, advance — an inject's new due time */
  ODAN_EVENT_DECISION,     /* action: the category */
  ODAN_EVENT_MITIGATION,   /* action: applied */
  ODAN_EVENT_OBSERVATION,  /* action: note */
  ODAN_EVENT_ACK,          /* action: received, read — a team acknowledges a delivery */
} OdanEventKind;

#define ODAN_EVENT_N_KINDS (ODAN_EVENT_ACK + 1)

typedef struct {
  gint64         id;       /* given by the store on commit; 0 before */
  OdanEventKind  kind;
  char          *action;   /* what happened, per kind (above) */
  double         minute;   /* exercise time: minutes after T0, exact */
  char          *wall;     /* wall-clock time, ISO 8601 with offset */
  char          *actor;    /* a team id, "facilitator", "evaluator" or "system" */
  char          *team;     /* the team concerned, or NULL */
  char          *subject;  /* the inject or mitigation concerned, or NULL */
  gint64         ref;      /* an earlier event this one follows from, or 0 */
  char          *summary;  /* one line for the timeline, may be "" */
  GVariant      *details;  /* a{sv}, never NULL (empty when nothing to add) */
} OdanEvent;

const char *odan_event_kind_to_string   (OdanEventKind kind);
gboolean    odan_event_kind_from_string (const char *text, OdanEventKind *out);

/* A new event; @details (a{sv}, floating or not, may be NULL) is taken. */
OdanEvent  *odan_event_new  (OdanEventKind  kind,
                             const char    *action,
                             double         minute,
                             GVariant      *details);
OdanEvent  *odan_event_copy (const OdanEvent *event);
void        odan_event_free (OdanEvent *event);

/* Typed lookups in @details; a missing key or another type gives the fallback. */
const char *odan_event_get_string  (const OdanEvent *event, const char *key);
double      odan_event_get_double  (const OdanEvent *event, const char *key, double fallback);
guint32     odan_event_get_uint32  (const OdanEvent *event, const char *key, guint32 fallback);
gboolean    odan_event_get_boolean (const OdanEvent *event, const char *key, gboolean fallback);
/* A string array (as), NULL when absent; free with g_free() (not g_strfreev). */
const char **odan_event_get_strv   (const OdanEvent *event, const char *key);

/* @details as stored: the serialised a{sv} in little-endian byte order, so a
 * file moves between machines. */
GBytes     *odan_event_details_to_bytes   (GVariant *details);
/* Back from stored bytes; anything that is not a valid a{sv} gives NULL. */
GVariant   *odan_event_details_from_bytes (GBytes   *bytes);

/* The wall-clock time @usec (µs since the Unix epoch) in the local time zone,
 * ISO 8601 with offset: "2015-12-08T09:00:00.000+09:00". */
char       *odan_wall_time_format (gint64 usec);
/* Back to µs; FALSE when @text is not such a time. */
gboolean    odan_wall_time_parse  (const char *text, gint64 *out_usec);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (OdanEvent, odan_event_free)

G_END_DECLS

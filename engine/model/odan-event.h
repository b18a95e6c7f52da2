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
#include "odan-category.h"
#include "odan-pack.h"

G_BEGIN_DECLS

typedef enum {
  ODAN_EVENT_CLOCK,        /* start, pause, resume, speed, jump, step, end */
  ODAN_EVENT_DELIVERY,     /* scheduled, delayed, early, adhoc, skipped, forwarded */
  ODAN_EVENT_RESCHEDULE,   /* delay, advance — an inject's new due time */
  ODAN_EVENT_DECISION,     /* the category (OdanCategory) */
  ODAN_EVENT_MITIGATION,   /* applied */
  ODAN_EVENT_OBSERVATION,  /* note, improvement */
  ODAN_EVENT_ACK,          /* received, read — a team acknowledges a delivery */
} OdanEventKind;

#define ODAN_EVENT_N_KINDS (ODAN_EVENT_ACK + 1)

/* What happened, one value per word the log stores in its action column
 * (the nicks). A decision's word is its category instead: its action is
 * ODAN_ACTION_DECIDED and @category says which. Grouped by kind in kind
 * order, which odan_event_action_get_kind() relies on. */
typedef enum {
  ODAN_ACTION_START,          /* clock */
  ODAN_ACTION_PAUSE,
  ODAN_ACTION_RESUME,
  ODAN_ACTION_SPEED,
  ODAN_ACTION_JUMP,
  ODAN_ACTION_STEP,
  ODAN_ACTION_END,
  ODAN_ACTION_SCHEDULED,      /* delivery */
  ODAN_ACTION_DELAYED,
  ODAN_ACTION_EARLY,
  ODAN_ACTION_ADHOC,
  ODAN_ACTION_SKIPPED,
  ODAN_ACTION_FORWARDED,
  ODAN_ACTION_DELAY,          /* reschedule */
  ODAN_ACTION_ADVANCE,
  ODAN_ACTION_DECIDED,        /* decision (never stored: the category is) */
  ODAN_ACTION_APPLIED,        /* mitigation */
  ODAN_ACTION_NOTE,           /* observation */
  ODAN_ACTION_IMPROVEMENT,
  ODAN_ACTION_RECEIVED,       /* ack */
  ODAN_ACTION_READ,
} OdanEventAction;

typedef struct {
  gint64         id;       /* given by the store on commit; 0 before */
  OdanEventKind  kind;
  OdanEventAction action;  /* what happened, one of its kind's (above) */
  OdanCategory   category; /* a decision's (action ODAN_ACTION_DECIDED); else OTHER */
  double         minute;   /* exercise time: minutes after T0, exact */
  char          *wall;     /* wall-clock time, ISO 8601 with offset */
  char          *actor;    /* a team id, "facilitator", "evaluator" or "system" */
  char          *team;     /* the team concerned, or NULL */
  char          *subject;  /* the inject or mitigation concerned, or NULL */
  gint64         ref;      /* an earlier event this one follows from, or 0 */
  char          *summary;  /* one line for the timeline, may be "" */
  GVariant      *details;  /* a{sv}, never NULL (empty when nothing to add) */
  gboolean       by_member; /* written through a member's own connection (a team's or
                             * an evaluator's, multi-site): a reader that cannot
                             * apply it skips it and says so instead of refusing the log */
} OdanEvent;

const char *odan_event_kind_to_string   (OdanEventKind kind);
gboolean    odan_event_kind_from_string (const char *text, OdanEventKind *out);

/* The kind of event @action belongs to. */
OdanEventKind odan_event_action_get_kind (OdanEventAction action);
/* The word stored for @event's action: a decision's category, else the
 * action's nick. */
const char *odan_event_action_to_string (const OdanEvent *event);
/* Reads the stored word @text of an event of @kind: its action, and for a
 * decision its category (@category may be NULL). FALSE when @text is no
 * action of @kind. */
gboolean    odan_event_action_from_string (OdanEventKind    kind,
                                           const char      *text,
                                           OdanEventAction *action,
                                           OdanCategory    *category);

/* A new event of @action's kind; @details (a{sv}, floating or not, may be
 * NULL) is taken. */
OdanEvent  *odan_event_new  (OdanEventAction  action,
                             double           minute,
                             GVariant        *details);
/* A new decision of @category. */
OdanEvent  *odan_event_new_decision (OdanCategory  category,
                                     double        minute,
                                     GVariant     *details);
/* An event from the words a store keeps: NULL when @kind is no kind or
 * @action no action of it. @details (floating or a full reference, may be
 * NULL) is taken either way. */
OdanEvent  *odan_event_new_from_words (const char *kind,
                                       const char *action,
                                       double      minute,
                                       GVariant   *details);
OdanEvent  *odan_event_copy (const OdanEvent *event);
void        odan_event_free (OdanEvent *event);

/* Typed lookups in @details; a missing key or another type gives the fallback. */
const char *odan_event_get_string  (const OdanEvent *event, const char *key);
double      odan_event_get_double  (const OdanEvent *event, const char *key, double fallback);
guint32     odan_event_get_uint32  (const OdanEvent *event, const char *key, guint32 fallback);
gboolean    odan_event_get_boolean (const OdanEvent *event, const char *key, gboolean fallback);
/* A string array (as), NULL when absent; free with g_free() (not g_strfreev). */
const char **odan_event_get_strv   (const OdanEvent *event, const char *key);

/* The keys of @details (engine/EXERCISE.md lists them per kind). Code
 * reads them through the accessors below and writes them with these names. */
#define ODAN_EVENT_KEY_TITLE              "title"
#define ODAN_EVENT_KEY_TITLE_JA           "title-ja"
#define ODAN_EVENT_KEY_FROM               "from"     /* deliveries: a sender; clock: a minute */
#define ODAN_EVENT_KEY_CHANNEL            "channel"
#define ODAN_EVENT_KEY_BODY               "body"
#define ODAN_EVENT_KEY_FROM_JA            "from-ja"
#define ODAN_EVENT_KEY_BODY_JA            "body-ja"
#define ODAN_EVENT_KEY_TO_ALL             "to-all"
#define ODAN_EVENT_KEY_TO                 "to"
#define ODAN_EVENT_KEY_SHARING            "sharing"
#define ODAN_EVENT_KEY_EFFECT             "effect"
#define ODAN_EVENT_KEY_DUE                "due"
#define ODAN_EVENT_KEY_PREVIOUS           "previous"
#define ODAN_EVENT_KEY_REASON             "reason"
#define ODAN_EVENT_KEY_VIA                "via"
#define ODAN_EVENT_KEY_ORIGINAL_FROM      "original-from"
#define ODAN_EVENT_KEY_ORIGIN             "origin"
#define ODAN_EVENT_KEY_INJECTS            "injects"
#define ODAN_EVENT_KEY_MINISTRY           "ministry"
#define ODAN_EVENT_KEY_STAGE              "stage"
#define ODAN_EVENT_KEY_AUDIENCE           "audience"
#define ODAN_EVENT_KEY_RECIPIENTS         "recipients"
#define ODAN_EVENT_KEY_BCP                "bcp"
#define ODAN_EVENT_KEY_FORWARD_TO         "forward-to"
#define ODAN_EVENT_KEY_FORWARD_ORIGINS    "forward-origins"
#define ODAN_EVENT_KEY_FORWARD_CHANNEL    "forward-channel"
#define ODAN_EVENT_KEY_ARRIVES            "arrives"
#define ODAN_EVENT_KEY_FORWARD_MEMBERS    "forward-members"  /* simulated members a forward reaches */
#define ODAN_EVENT_KEY_MEMBERS            "members"          /* on the forwarded delivery */
#define ODAN_EVENT_KEY_MEMBER             "member"           /* a simulated member's ack: its number */
#define ODAN_EVENT_KEY_POOL               "pool"
#define ODAN_EVENT_KEY_USES               "uses"
#define ODAN_EVENT_KEY_REFUSAL            "refusal"
#define ODAN_EVENT_KEY_MITIGATION_STATUS  "mitigation-status"
#define ODAN_EVENT_KEY_APPLIES            "applies"
#define ODAN_EVENT_KEY_DECIDED            "decided"
#define ODAN_EVENT_KEY_DELIVERED          "delivered"
#define ODAN_EVENT_KEY_SOURCE             "source"
#define ODAN_EVENT_KEY_BY                 "by"
#define ODAN_EVENT_KEY_REVISES            "revises"
#define ODAN_EVENT_KEY_MODE               "mode"
#define ODAN_EVENT_KEY_SPEED              "speed"
#define ODAN_EVENT_KEY_RUNNING            "running"
#define ODAN_EVENT_KEY_KEEP_SCHEDULE      "keep-schedule"
/* an evaluator's observation and an improvement item (review/odan-evaluation.h) */
#define ODAN_EVENT_KEY_OBJECTIVE          "objective"
#define ODAN_EVENT_KEY_CAPABILITY         "capability"
#define ODAN_EVENT_KEY_RATING             "rating"
#define ODAN_EVENT_KEY_FINDING            "finding"
#define ODAN_EVENT_KEY_ISSUE              "issue"
#define ODAN_EVENT_KEY_ELEMENT            "element"
#define ODAN_EVENT_KEY_ORGANIZATION       "organization"
#define ODAN_EVENT_KEY_POC                "poc"
#define ODAN_EVENT_KEY_START              "start"
#define ODAN_EVENT_KEY_COMPLETION         "completion"
#define ODAN_EVENT_KEY_STATUS             "status"
#define ODAN_EVENT_KEY_REFERENCE          "reference"
#define ODAN_EVENT_KEY_ROOT_CAUSE         "root-cause"

/* Named lookups, one per key. Strings are borrowed from @event (NULL when
 * absent); string lists are copies (NULL when absent, free with
 * g_strfreev()); a number absent gives @fallback. */

/* A delivery that put a message in front of teams: any but a skip. */
gboolean     odan_event_reaches_teams        (const OdanEvent *event);

/* deliveries */
const char  *odan_event_get_title            (const OdanEvent *event);
const char  *odan_event_get_title_ja         (const OdanEvent *event);
const char  *odan_event_get_from             (const OdanEvent *event);
const char  *odan_event_get_channel          (const OdanEvent *event);  /* also decisions */
const char  *odan_event_get_body             (const OdanEvent *event);
const char  *odan_event_get_from_ja          (const OdanEvent *event);
const char  *odan_event_get_body_ja          (const OdanEvent *event);
/* Addressed to every team (FALSE when not said). */
gboolean     odan_event_is_to_all            (const OdanEvent *event);
/* The team ids a delivery names ("to"). */
char       **odan_event_dup_to               (const OdanEvent *event);
/* Sets @out (guint32) to the teams of @pack a delivery is addressed to, in
 * pack order for one to all, else in the order it names them; ids the pack
 * lacks are left out. */
void         odan_event_get_reached_teams    (const OdanEvent *event,
                                              const OdanPack  *pack,
                                              GArray          *out);
const char  *odan_event_get_sharing          (const OdanEvent *event);
const char  *odan_event_get_effect           (const OdanEvent *event);  /* also mitigations */
double       odan_event_get_due              (const OdanEvent *event, double fallback);  /* also reschedules */
const char  *odan_event_get_reason           (const OdanEvent *event);  /* skips, refused mitigations */
/* a forwarded copy: the forwarding team, the original sender, the delivery it copies */
const char  *odan_event_get_via              (const OdanEvent *event);
const char  *odan_event_get_original_from    (const OdanEvent *event);
gint64       odan_event_get_origin           (const OdanEvent *event);

/* reschedules */
double       odan_event_get_previous         (const OdanEvent *event, double fallback);

/* decisions */
char       **odan_event_dup_injects          (const OdanEvent *event);
const char  *odan_event_get_ministry         (const OdanEvent *event);
/* ODAN_REPORT_STAGE_NONE when not given */
OdanReportStage odan_event_get_stage         (const OdanEvent *event);
const char  *odan_event_get_audience         (const OdanEvent *event);
char       **odan_event_dup_recipients       (const OdanEvent *event);
gboolean     odan_event_is_bcp               (const OdanEvent *event);
char       **odan_event_dup_forward_to       (const OdanEvent *event);
/* "accepted", "refused", or NULL for a team's proposal */
const char  *odan_event_get_mitigation_status (const OdanEvent *event);
double       odan_event_get_applies          (const OdanEvent *event, double fallback);
/* decisions and acks: the decisions file's key; who logged it */
const char  *odan_event_get_source           (const OdanEvent *event);
const char  *odan_event_get_by               (const OdanEvent *event);  /* also observations */

/* clock changes */
const char  *odan_event_get_mode             (const OdanEvent *event);  /* an OdanClockMode nick */
double       odan_event_get_speed            (const OdanEvent *event);  /* 1 when not said */
gboolean     odan_event_is_running           (const OdanEvent *event);
gboolean     odan_event_keeps_schedule       (const OdanEvent *event);
/* a jump or step: the minute it left */
double       odan_event_get_jumped_from      (const OdanEvent *event, double fallback);

/* observations and improvement items */
const char  *odan_event_get_objective        (const OdanEvent *event);
const char  *odan_event_get_capability       (const OdanEvent *event);
const char  *odan_event_get_rating           (const OdanEvent *event);
const char  *odan_event_get_finding          (const OdanEvent *event);
const char  *odan_event_get_issue            (const OdanEvent *event);
const char  *odan_event_get_element          (const OdanEvent *event);
const char  *odan_event_get_organization     (const OdanEvent *event);
const char  *odan_event_get_poc              (const OdanEvent *event);
const char  *odan_event_get_start            (const OdanEvent *event);
const char  *odan_event_get_completion       (const OdanEvent *event);
const char  *odan_event_get_status           (const OdanEvent *event);
const char  *odan_event_get_reference        (const OdanEvent *event);
const char  *odan_event_get_root_cause       (const OdanEvent *event);
/* an improvement item's revision: the event of the item it revises, or 0 */
gint64       odan_event_get_revises          (const OdanEvent *event);

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

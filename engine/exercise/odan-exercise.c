/* odan-exercise.c — a running exercise: its log, clock, decisions and model
 *
 * The one rule: state changes only by absorb(), which applies one event
 * that is already in the store. Opening a file absorbs its events in id
 * order; a live change builds an event, commits it, then absorbs it. So the
 * live exercise and one reopened from its file hold the same state.
 *
 * What absorb() keeps:
 *  - the clock's anchor (from clock events);
 *  - per inject of the MSEL: due time and whether it is pending, delivered
 *    or skipped (deliveries, skips, reschedules);
 *  - decisions as OdanDecision, units taken from each pool, and the
 *    mitigations waiting for their time (decisions, mitigations applied);
 *  - forwards waiting for their time: an information-sharing decision that
 *    forwards injects records the teams it reaches and when (its channel's
 *    latency later); each becomes a `forwarded` delivery event then;
 *  - acknowledgements by (delivery event, team, received/read);
 *  - a Replay entry per event: the effects it schedules in the model, if
 *    any, at its minute. Deliveries schedule their inject's effects, ad hoc
 *    deliveries theirs, applied mitigations the mitigation's.
 *
 * The model at minute M (odan_exercise_state_at) is a fresh OdanSim that
 * gets every Replay entry with minute ≤ M in order — each scheduled after
 * running the sim to just before its minute, so that everything logged for
 * one instant applies in the same round, as in `odan-cli simulate` — and
 * then runs to M. The live sim does exactly that incrementally; when an
 * event lands on an instant the live sim has already processed (the clock
 * was paused there), it is rebuilt from the log rather than patched.
 *
 * Things fall due in a fixed order (deliver_due): by time, then injects,
 * planned decisions, mitigations; injects in MSEL order, mitigations in
 * decision order. Each is logged at its own due time, never at the time
 * the clock was read, so how often a caller advances changes nothing.
 */
#define G_LOG_DOMAIN "odan-exercise"

#include "odan-exercise.h"
#include "odan-explain.h"
#include "odan-relay.h"
#include "odan-sqlite-store.h"
#include "odan-time.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

G_DEFINE_QUARK (odan-exercise-error-quark, odan_exercise_error)

typedef enum {
  INJECT_PENDING,
  INJECT_DELIVERED,
  INJECT_SKIPPED,
} InjectStatus;

typedef struct {
  double       due;
  InjectStatus status;
} InjectState;

/* What an event does to the model; effects NULL when nothing. */
typedef struct {
  double        minute;
  const GArray *effects;       /* borrowed from the pack or from adhoc_effects */
  OdanOrigin    origin;
} Replay;

/* An accepted mitigation waiting for its time. */
typedef struct {
  double   due;
  gint64   decision_event;
  guint32  decision;          /* index in decisions */
  guint32  mitigation;
} Pending;

/* A forward of an inject, waiting for its time (the channel's latency). */
typedef struct {
  double   due;
  gint64   decision_event;
  guint    order;             /* the inject's position in the decision */
  guint32  inject;
  gint64   origin;            /* the delivery to the forwarding team it copies */
  guint32  team;              /* the forwarding team */
  char   **to;                /* recipient team ids, owned */
  char    *channel;           /* owned, may be NULL */
} Forward;

/* A decision of a decisions file, waiting for its time (headless play). */
typedef struct {
  OdanDecision decision;
  char        *key;
} Planned;

struct _OdanExercise
{
  GObject       parent_instance;

  OdanStore    *store;
  OdanPack     *pack;
  OdanClock    *clock;

  GPtrArray    *events;          /* OdanEvent*, id order */
  GArray       *replay;          /* Replay, one per event */
  GPtrArray    *adhoc_effects;   /* GArray of OdanEffect per ad hoc delivery with effects */
  guint         n_adhoc;
  GArray       *decisions;       /* OdanDecision, log order */
  GArray       *decision_events; /* gint64: the event of each decision */

  InjectState  *injects;         /* n_injects */
  guint        *pool_used;       /* n_pools */
  GArray       *pending;         /* Pending, by (due, decision_event) */
  GHashTable   *logged_keys;     /* "source" keys of decisions in the log */
  GArray       *planned;         /* Planned, by time then file order */
  guint         next_planned;
  char         *plan_file;       /* the decisions file's name, for messages */
  GArray       *forwards;        /* Forward, by (due, decision_event, order) */
  GHashTable   *acks;            /* "delivery\x1fteam\x1faction" → const OdanEvent* (the ack) */

  gboolean      started;
  gboolean      ended;
  gboolean      interrupted;
  double        last_minute;

  OdanSim      *sim;             /* live: replay[0 .. sim_events) applied */
  guint         sim_events;
  double        sim_until;       /* furthest time the live sim was run to */

  struct _OdanExerciseFollow *follow;  /* while following a shared store, else NULL */

  char         *team_client;     /* a team's connection to a shared exercise: its id, else NULL */
};

G_DEFINE_FINAL_TYPE (OdanExercise, odan_exercise, G_TYPE_OBJECT)

enum {
  EVENT_ADDED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* ------------------------------------------------------------------ */
/* Helpers */

static gboolean
inconsistent (const OdanEvent *event,
              const char      *problem,
              GError         **error)
{
  /* the number as text: xgettext cannot see through G_GINT64_FORMAT */
  g_autofree char *id = g_strdup_printf ("%" G_GINT64_FORMAT, event->id);

  g_set_error (error, ODAN_EXERCISE_ERROR, ODAN_EXERCISE_ERROR_INCONSISTENT,
               _("event %s (%s): %s"), id, odan_event_kind_to_string (event->kind), problem);
  return FALSE;
}

static char *
format_time (double minute)
{
  return odan_time_format_offset (minute);
}

/* One line: newlines and tabs of multi-line text become spaces. */
static char *
one_line (const char *text)
{
  char *line = g_strdup (text != NULL ? text : "");

  for (char *p = line; *p != '\0'; p++)
    if (*p == '\n' || *p == '\r' || *p == '\t')
      *p = ' ';
  return line;
}

static void
add_string (GVariantBuilder *builder,
            const char      *key,
            const char      *value)
{
  if (value != NULL)
    g_variant_builder_add (builder, "{sv}", key, g_variant_new_string (value));
}

static GVariant *
team_ids (const OdanPack *pack,
          const guint32  *teams,
          guint           n_teams)
{
  g_autoptr(GPtrArray) ids = g_ptr_array_new ();

  for (guint i = 0; i < n_teams; i++)
    g_ptr_array_add (ids, pack->teams[teams[i]].id);
  return g_variant_new_strv ((const char *const *) ids->pdata, (gssize) ids->len);
}

static GArray *
parse_effects (const OdanPack *pack,
               const char     *text,
               GError        **error)
{
  g_autoptr(GArray) effects = odan_effects_parse (text != NULL ? text : "", error);
  guint n_empty = 0;

  if (effects == NULL || !odan_effects_resolve (effects, pack, &n_empty, error))
    return NULL;
  return g_steal_pointer (&effects);
}

/* The actions of delivery events that put a message in front of a team
 * (a skip does not). */
static gboolean
is_reaching_delivery (const OdanEvent *event)
{
  static const char *const actions[] = { "scheduled", "delayed", "early", "adhoc", "forwarded" };

  if (event->kind != ODAN_EVENT_DELIVERY || event->action == NULL)
    return FALSE;
  for (guint i = 0; i < G_N_ELEMENTS (actions); i++)
    if (strcmp (event->action, actions[i]) == 0)
      return TRUE;
  return FALSE;
}

static gboolean
event_reaches (const OdanEvent *event,
               const char      *team_id)
{
  g_autoptr(GVariant) to = NULL;
  const char **ids;
  gboolean found = FALSE;

  if (!is_reaching_delivery (event))
    return FALSE;
  if (odan_event_get_boolean (event, "to-all", FALSE))
    return TRUE;
  to = g_variant_lookup_value (event->details, "to", G_VARIANT_TYPE_STRING_ARRAY);
  if (to == NULL)
    return FALSE;
  ids = g_variant_get_strv (to, NULL);
  for (guint i = 0; ids[i] != NULL && !found; i++)
    found = strcmp (ids[i], team_id) == 0;
  g_free (ids);
  return found;
}

static char *
ack_key (gint64      delivery,
         const char *team,
         const char *action)
{
  return g_strdup_printf ("%" G_GINT64_FORMAT "\x1f%s\x1f%s", delivery, team, action);
}

/* ------------------------------------------------------------------ */
/* The live model */

static void
replay_apply (OdanSim      *sim,
              const Replay *r)
{
  /* everything up to, not including, this instant; events of one instant
   * then apply together in the sim's own order */
  odan_sim_run_until (sim, nextafter (r->minute, -INFINITY), NULL, NULL);
  odan_sim_schedule (sim, r->minute, r->effects, &r->origin);
}

static void
sim_rebuild (OdanExercise *self,
             guint         n_events)
{
  g_clear_pointer (&self->sim, odan_sim_free);
  self->sim = odan_sim_new (self->pack);
  self->sim_until = -INFINITY;
  for (guint i = 0; i < n_events; i++)
    {
      const Replay *r = &g_array_index (self->replay, Replay, i);

      if (r->effects != NULL)
        {
          replay_apply (self->sim, r);
          self->sim_until = nextafter (r->minute, -INFINITY);
        }
    }
  self->sim_events = n_events;
}

static void
sim_catch_up (OdanExercise *self)
{
  while (self->sim_events < self->replay->len)
    {
      const Replay *r = &g_array_index (self->replay, Replay, self->sim_events);

      if (r->effects == NULL)
        self->sim_events++;
      else if (self->sim_until >= r->minute)
        /* the sim has been shown this instant already: start over */
        sim_rebuild (self, self->sim_events + 1);
      else
        {
          replay_apply (self->sim, r);
          self->sim_until = nextafter (r->minute, -INFINITY);
          self->sim_events++;
        }
    }
}

/* ------------------------------------------------------------------ */
/* Absorbing events */

static gboolean
absorb_clock (OdanExercise    *self,
              const OdanEvent *event,
              gint64           wall,
              GError         **error)
{
  const char *mode_text = odan_event_get_string (event, "mode");
  OdanClockMode mode = g_strcmp0 (mode_text, "realtime") == 0 ? ODAN_CLOCK_REALTIME : ODAN_CLOCK_STEP;
  double speed = odan_event_get_double (event, "speed", 1.0);
  gboolean running = odan_event_get_boolean (event, "running", FALSE);
  static const char *const actions[] = { "start", "pause", "resume", "speed", "jump", "step", "end" };
  gboolean known = FALSE;

  for (guint i = 0; i < G_N_ELEMENTS (actions); i++)
    known |= strcmp (event->action, actions[i]) == 0;
  if (!known)
    return inconsistent (event, _("unknown clock action"), error);

  if (strcmp (event->action, "start") == 0)
    {
      if (self->started)
        return inconsistent (event, _("the exercise starts twice"), error);
      self->started = TRUE;
    }
  else if (!self->started)
    return inconsistent (event, _("a clock change before the start"), error);
  if (strcmp (event->action, "end") == 0)
    {
      self->ended = TRUE;
      running = FALSE;
    }
  if (strcmp (event->action, "resume") == 0)
    self->interrupted = FALSE;

  if (wall < 0 && !odan_wall_time_parse (event->wall, &wall))
    wall = 0;
  odan_clock_set (self->clock, mode, running, speed, event->minute, wall);
  return TRUE;
}

/* A team client learns injects from the deliveries that reach it: the
 * index of @id, added to its slice of the pack when new. */
static guint32
learn_inject (OdanExercise *self,
              const char   *id)
{
  guint32 n = self->pack->n_injects;
  guint32 inject = odan_pack_learn_inject (self->pack, id);

  if (self->pack->n_injects > n)
    {
      self->injects = g_renew (InjectState, self->injects, self->pack->n_injects);
      self->injects[inject] = (InjectState) { INFINITY, INJECT_PENDING };
    }
  return inject;
}

static gboolean
absorb_delivery (OdanExercise    *self,
                 const OdanEvent *event,
                 Replay          *r,
                 GError         **error)
{
  guint32 inject;

  if (strcmp (event->action, "forwarded") == 0)
    {
      /* a copy of what a team forwarded: it was waiting for this time,
       * and changes nothing in the model (the inject's effects applied
       * once, when it was first delivered) */
      for (guint i = 0; i < self->forwards->len; i++)
        {
          const Forward *f = &g_array_index (self->forwards, Forward, i);

          if (f->decision_event == event->ref
              && g_strcmp0 (event->subject, self->pack->injects[f->inject].id) == 0)
            {
              if (event->minute < f->due)
                return inconsistent (event, _("a forward delivered before its channel could carry it"), error);
              g_array_remove_index (self->forwards, i);
              return TRUE;
            }
        }
      /* a team client sees the copies other teams forwarded to it, not
       * the decisions that sent them */
      if (self->team_client != NULL && event->subject != NULL)
        {
          learn_inject (self, event->subject);
          return TRUE;
        }
      return inconsistent (event, _("no decision forwards this inject now"), error);
    }

  if (strcmp (event->action, "adhoc") == 0)
    {
      g_autoptr(GError) local_error = NULL;
      g_autoptr(GArray) effects = parse_effects (self->pack, odan_event_get_string (event, "effect"),
                                                 &local_error);

      if (effects == NULL)
        return inconsistent (event, local_error->message, error);
      if (effects->len > 0)
        {
          r->effects = effects;
          r->origin = (OdanOrigin) { ODAN_ORIGIN_ADHOC, self->n_adhoc, ODAN_NONE };
          g_ptr_array_add (self->adhoc_effects, g_steal_pointer (&effects));
        }
      self->n_adhoc++;
      return TRUE;
    }

  /* a team client has no MSEL: a delivery brings the inject with its text */
  if (self->team_client != NULL && event->subject != NULL)
    inject = learn_inject (self, event->subject);
  else if (event->subject == NULL
           || (inject = odan_pack_find_inject (self->pack, event->subject)) == ODAN_NONE)
    return inconsistent (event, _("an inject that is not in the pack"), error);
  if (self->injects[inject].status != INJECT_PENDING)
    return inconsistent (event, _("the inject was delivered or skipped before"), error);

  if (strcmp (event->action, "skipped") == 0)
    {
      self->injects[inject].status = INJECT_SKIPPED;
      return TRUE;
    }
  if (strcmp (event->action, "scheduled") != 0 && strcmp (event->action, "delayed") != 0
      && strcmp (event->action, "early") != 0)
    return inconsistent (event, _("unknown kind of delivery"), error);

  self->injects[inject].status = INJECT_DELIVERED;
  if (self->pack->injects[inject].effects != NULL && self->pack->injects[inject].effects->len > 0)
    {
      r->effects = self->pack->injects[inject].effects;
      r->origin = (OdanOrigin) { ODAN_ORIGIN_INJECT, inject, ODAN_NONE };
    }
  return TRUE;
}

static gboolean
absorb_reschedule (OdanExercise    *self,
                   const OdanEvent *event,
                   GError         **error)
{
  double due = odan_event_get_double (event, "due", NAN);
  guint32 inject;

  if (event->subject == NULL
      || (inject = odan_pack_find_inject (self->pack, event->subject)) == ODAN_NONE)
    return inconsistent (event, _("an inject that is not in the pack"), error);
  if (self->injects[inject].status != INJECT_PENDING)
    return inconsistent (event, _("the inject was delivered or skipped before"), error);
  if (!isfinite (due) || due < event->minute)
    return inconsistent (event, _("the new time is missing or in the past"), error);
  self->injects[inject].due = due;
  return TRUE;
}

static void
pending_insert (OdanExercise  *self,
                const Pending *p)
{
  guint i = self->pending->len;

  while (i > 0)
    {
      const Pending *q = &g_array_index (self->pending, Pending, i - 1);

      if (q->due < p->due || (q->due == p->due && q->decision_event < p->decision_event))
        break;
      i--;
    }
  g_array_insert_val (self->pending, i, *p);
}

static gboolean
absorb_decision (OdanExercise    *self,
                 const OdanEvent *event,
                 GError         **error)
{
  OdanDecision d = { 0 };
  g_autoptr(GArray) inject_list = g_array_new (FALSE, FALSE, sizeof (guint32));
  gboolean accepted = FALSE;
  gboolean bad_inject = FALSE, bad_stage = FALSE;
  g_autofree const char **forward_to = NULL;
  g_autoptr(GVariant) origins = NULL;
  const char *forward_channel = NULL;
  double arrives = NAN;
  GVariantIter iter;
  const char *key;
  GVariant *value;

  d.time = event->minute;
  d.mitigation = ODAN_NONE;
  d.inject = ODAN_NONE;
  if (event->team == NULL || (d.team = odan_pack_find_team (self->pack, event->team)) == ODAN_NONE)
    return inconsistent (event, _("a team that is not in the pack"), error);
  if (!odan_category_from_string (event->action, &d.category))
    return inconsistent (event, _("an unknown category"), error);
  if (event->subject != NULL
      && (d.mitigation = odan_pack_find_mitigation (self->pack, event->subject)) == ODAN_NONE)
    return inconsistent (event, _("a mitigation that is not in the pack"), error);

  /* one pass over the details: a log of 10⁵ events is read on every open */
  g_variant_iter_init (&iter, event->details);
  while (g_variant_iter_next (&iter, "{&sv}", &key, &value))
    {
      gboolean is_string = g_variant_is_of_type (value, G_VARIANT_TYPE_STRING);
      gboolean is_strv = g_variant_is_of_type (value, G_VARIANT_TYPE_STRING_ARRAY);

      if (is_strv && strcmp (key, "injects") == 0)
        {
          g_autofree const char **ids = g_variant_get_strv (value, NULL);

          for (guint i = 0; ids[i] != NULL; i++)
            {
              guint32 inject = self->team_client != NULL ? learn_inject (self, ids[i])
                                                         : odan_pack_find_inject (self->pack, ids[i]);

              bad_inject |= inject == ODAN_NONE;
              g_array_append_val (inject_list, inject);
            }
        }
      else if (is_strv && strcmp (key, "recipients") == 0)
        d.recipients = g_variant_dup_strv (value, NULL);
      else if (is_string && strcmp (key, "stage") == 0)
        bad_stage = !odan_report_stage_from_string (g_variant_get_string (value, NULL), &d.stage);
      else if (is_string && strcmp (key, "ministry") == 0)
        d.ministry = g_variant_dup_string (value, NULL);
      else if (is_string && strcmp (key, "channel") == 0)
        d.channel = g_variant_dup_string (value, NULL);
      else if (is_string && strcmp (key, "audience") == 0)
        d.audience = g_variant_dup_string (value, NULL);
      else if (is_string && strcmp (key, "mitigation-status") == 0)
        accepted = strcmp (g_variant_get_string (value, NULL), "accepted") == 0;
      else if (is_string && strcmp (key, "source") == 0)
        g_hash_table_add (self->logged_keys, g_variant_dup_string (value, NULL));
      else if (strcmp (key, "bcp") == 0 && g_variant_is_of_type (value, G_VARIANT_TYPE_BOOLEAN))
        d.bcp = g_variant_get_boolean (value);
      else if (is_strv && strcmp (key, "forward-to") == 0)
        {
          g_free (forward_to);
          forward_to = g_variant_get_strv (value, NULL);
        }
      else if (strcmp (key, "forward-origins") == 0 && g_variant_is_of_type (value, G_VARIANT_TYPE ("ax")))
        {
          g_clear_pointer (&origins, g_variant_unref);
          origins = g_variant_ref (value);
        }
      else if (is_string && strcmp (key, "forward-channel") == 0)
        forward_channel = g_variant_get_string (value, NULL);
      else if (strcmp (key, "arrives") == 0 && g_variant_is_of_type (value, G_VARIANT_TYPE_DOUBLE))
        arrives = g_variant_get_double (value);
      g_variant_unref (value);
    }
  if (bad_inject || bad_stage)
    {
      odan_decision_clear (&d);
      return inconsistent (event, bad_inject ? _("an inject that is not in the pack")
                                             : _("an unknown report stage"), error);
    }

  /* a forward: one waiting delivery per inject, each copying the delivery
   * that reached the forwarding team */
  if (forward_to != NULL)
    {
      gsize n_origins = origins != NULL ? g_variant_n_children (origins) : 0;
      const gint64 *origin_ids = n_origins > 0 ? g_variant_get_fixed_array (origins, &n_origins, sizeof (gint64)) : NULL;
      const char *problem = NULL;

      if (forward_to[0] == NULL || n_origins != inject_list->len || !isfinite (arrives))
        problem = _("a forward without recipients, origins or time of arrival");
      /* the server stamps a team's event with the log's last minute, which
       * its own connection may not see: a forward never arrives before the
       * decision that sends it */
      arrives = MAX (arrives, event->minute);
      for (guint i = 0; forward_to[i] != NULL && problem == NULL; i++)
        if (odan_pack_find_team (self->pack, forward_to[i]) == ODAN_NONE)
          problem = _("a forward to a team that is not in the pack");
      for (guint i = 0; i < n_origins && problem == NULL; i++)
        {
          const OdanEvent *origin = odan_exercise_find_event (self, origin_ids[i]);
          guint32 inject = g_array_index (inject_list, guint32, i);

          if (origin == NULL || !event_reaches (origin, event->team)
              || g_strcmp0 (origin->subject, self->pack->injects[inject].id) != 0)
            problem = _("a forward of an inject that had not reached the team");
        }
      if (problem != NULL)
        {
          odan_decision_clear (&d);
          return inconsistent (event, problem, error);
        }
      for (guint i = 0; i < n_origins; i++)
        {
          Forward f = { arrives, event->id, i, g_array_index (inject_list, guint32, i), origin_ids[i],
                        d.team, g_strdupv ((char **) forward_to), g_strdup (forward_channel) };
          guint at = self->forwards->len;

          while (at > 0 && g_array_index (self->forwards, Forward, at - 1).due > f.due)
            at--;
          g_array_insert_val (self->forwards, at, f);
        }
    }

  d.summary = g_strdup (event->summary);
  d.n_injects = inject_list->len;
  d.inject = d.n_injects > 0 ? g_array_index (inject_list, guint32, 0) : ODAN_NONE;
  d.injects = (guint32 *) (void *) g_array_free (g_steal_pointer (&inject_list), d.n_injects == 0);

  if (d.mitigation != ODAN_NONE && accepted)
    {
      const OdanMitigation *m = &self->pack->mitigations[d.mitigation];
      Pending p = { event->minute + m->delay, event->id, self->decisions->len, d.mitigation };

      if (m->pool != ODAN_NONE)
        self->pool_used[m->pool] += m->uses;
      pending_insert (self, &p);
    }

  g_array_append_val (self->decisions, d);
  g_array_append_val (self->decision_events, event->id);
  return TRUE;
}

static gboolean
absorb_mitigation (OdanExercise    *self,
                   const OdanEvent *event,
                   Replay          *r,
                   GError         **error)
{
  for (guint i = 0; i < self->pending->len; i++)
    {
      Pending p = g_array_index (self->pending, Pending, i);
      const OdanMitigation *m = &self->pack->mitigations[p.mitigation];

      if (p.decision_event != event->ref)
        continue;
      if (g_strcmp0 (event->subject, m->id) != 0)
        return inconsistent (event, _("not the mitigation its decision chose"), error);
      g_array_remove_index (self->pending, i);
      if (m->effects != NULL && m->effects->len > 0)
        {
          r->effects = m->effects;
          r->origin = (OdanOrigin) { ODAN_ORIGIN_MITIGATION, p.mitigation, p.decision };
        }
      return TRUE;
    }
  return inconsistent (event, _("no decision is waiting for this mitigation"), error);
}

static gboolean
absorb_ack (OdanExercise    *self,
            const OdanEvent *event,
            GError         **error)
{
  const OdanEvent *delivery;
  g_autofree char *key = NULL;
  const char *source;

  if (event->team == NULL || odan_pack_find_team (self->pack, event->team) == ODAN_NONE)
    return inconsistent (event, _("a team that is not in the pack"), error);
  if (g_strcmp0 (event->action, "received") != 0 && g_strcmp0 (event->action, "read") != 0)
    return inconsistent (event, _("unknown kind of acknowledgement"), error);
  delivery = odan_exercise_find_event (self, event->ref);
  if (delivery == NULL || !event_reaches (delivery, event->team))
    return inconsistent (event, _("an acknowledgement of a delivery that did not reach the team"), error);
  key = ack_key (event->ref, event->team, event->action);
  if (g_hash_table_contains (self->acks, key))
    return inconsistent (event, _("the team acknowledged this delivery so before"), error);
  /* stored after the event joins the log: absorb() adds it right after */
  g_hash_table_insert (self->acks, g_steal_pointer (&key), (gpointer) event);
  source = odan_event_get_string (event, "source");
  if (source != NULL)
    g_hash_table_add (self->logged_keys, g_strdup (source));
  return TRUE;
}

/* Applies @event (already in the store) and takes it. @wall is its
 * wall-clock time in µs, or -1 to read it from the event. */
static gboolean
absorb (OdanExercise *self,
        OdanEvent    *event,
        gint64        wall,
        GError      **error)
{
  Replay r = { event->minute, NULL, { 0, 0, 0 } };
  gboolean ok = TRUE;

  if (!isfinite (event->minute) || event->minute < 0)
    return inconsistent (event, _("its time is not a time of the exercise"), error);
  if (self->events->len > 0 && event->minute < self->last_minute)
    return inconsistent (event, _("it comes before the event above it"), error);
  if (!self->started && event->kind != ODAN_EVENT_CLOCK && event->kind != ODAN_EVENT_OBSERVATION)
    return inconsistent (event, _("it comes before the start"), error);

  switch (event->kind)
    {
    case ODAN_EVENT_CLOCK:
      ok = absorb_clock (self, event, wall, error);
      break;
    case ODAN_EVENT_DELIVERY:
      ok = absorb_delivery (self, event, &r, error);
      break;
    case ODAN_EVENT_RESCHEDULE:
      ok = absorb_reschedule (self, event, error);
      break;
    case ODAN_EVENT_DECISION:
      ok = absorb_decision (self, event, error);
      break;
    case ODAN_EVENT_MITIGATION:
      ok = absorb_mitigation (self, event, &r, error);
      break;
    case ODAN_EVENT_ACK:
      ok = absorb_ack (self, event, error);
      break;
    case ODAN_EVENT_OBSERVATION:
    default:
      break;
    }
  if (!ok)
    return FALSE;

  g_ptr_array_add (self->events, event);
  g_array_append_val (self->replay, r);
  self->last_minute = event->minute;
  return TRUE;
}

/* ------------------------------------------------------------------ */
/* Committing */

static gboolean
check_writable (OdanExercise *self,
                GError      **error)
{
  if (odan_store_is_read_only (self->store))
    {
      g_set_error (error, ODAN_STORE_ERROR, ODAN_STORE_ERROR_READ_ONLY,
                   odan_store_get_access (self->store) == ODAN_STORE_ACCESS_LOCKED
                   ? _("%s is open read-only: another Odan process is writing to it")
                   : _("%s is open read-only"),
                   odan_store_get_location (self->store));
      return FALSE;
    }
  return TRUE;
}

static gboolean
check_playing (OdanExercise *self,
               GError      **error)
{
  if (!check_writable (self, error))
    return FALSE;
  if (!self->started)
    {
      g_set_error (error, ODAN_EXERCISE_ERROR, ODAN_EXERCISE_ERROR_CLOCK, "%s",
                   _("the exercise has not started"));
      return FALSE;
    }
  if (self->ended)
    {
      g_set_error (error, ODAN_EXERCISE_ERROR, ODAN_EXERCISE_ERROR_CLOCK, "%s",
                   _("the exercise has ended"));
      return FALSE;
    }
  return TRUE;
}

typedef struct _OdanExerciseFollow OdanExerciseFollow;
static gboolean sync_before_commit (OdanExercise *self, gint64 id, GError **error);

/* Commits @event (taken), applies it and tells the listeners. @wall: the
 * wall-clock µs to stamp it with, or -1 for now. */
static gint64
commit (OdanExercise *self,
        OdanEvent    *event,
        gint64        wall,
        GError      **error)
{
  g_autoptr(OdanEvent) owned = event;
  g_autoptr(GError) local_error = NULL;

  if (wall < 0)
    wall = odan_clock_get_wall_time (self->clock);
  g_free (event->wall);
  event->wall = odan_wall_time_format (wall);
  if (event->actor == NULL)
    event->actor = g_strdup ("system");

  if (!odan_store_append_event (self->store, event, error))
    return 0;
  if (!sync_before_commit (self, event->id, error))
    return 0;

  /* The checks before each commit make this succeed; if it did not, the
   * file would hold an event that reopening rejects, so say so loudly. */
  if (!absorb (self, event, wall, &local_error))
    {
      g_critical ("%s: logged an event it cannot apply: %s",
                  odan_store_get_location (self->store), local_error->message);
      g_propagate_error (error, g_steal_pointer (&local_error));
      return 0;
    }
  g_steal_pointer (&owned);
  sim_catch_up (self);
  g_signal_emit (self, signals[EVENT_ADDED], 0, event);
  return event->id;
}

/* ------------------------------------------------------------------ */
/* What falls due */

typedef enum {
  DUE_INJECT,
  DUE_DECISION,
  DUE_MITIGATION,
  DUE_FORWARD,
} DueKind;

typedef struct {
  double  minute;
  DueKind kind;
  guint   index;
} Due;

static gboolean
next_due (OdanExercise *self,
          Due          *out)
{
  gboolean found = FALSE;

  for (guint i = 0; i < self->pack->n_injects; i++)
    if (self->injects[i].status == INJECT_PENDING
        && (!found || self->injects[i].due < out->minute))
      {
        *out = (Due) { self->injects[i].due, DUE_INJECT, i };
        found = TRUE;
      }

  while (self->next_planned < self->planned->len
         && g_hash_table_contains (self->logged_keys,
                                   g_array_index (self->planned, Planned, self->next_planned).key))
    self->next_planned++;
  if (self->next_planned < self->planned->len)
    {
      double t = g_array_index (self->planned, Planned, self->next_planned).decision.time;

      if (!found || t < out->minute)
        {
          *out = (Due) { t, DUE_DECISION, self->next_planned };
          found = TRUE;
        }
    }

  if (self->pending->len > 0)
    {
      double t = g_array_index (self->pending, Pending, 0).due;

      if (!found || t < out->minute)
        {
          *out = (Due) { t, DUE_MITIGATION, 0 };
          found = TRUE;
        }
    }

  if (self->forwards->len > 0)
    {
      double t = g_array_index (self->forwards, Forward, 0).due;

      if (!found || t < out->minute)
        {
          *out = (Due) { t, DUE_FORWARD, 0 };
          found = TRUE;
        }
    }
  return found;
}

double
odan_exercise_get_next_due (OdanExercise *self)
{
  Due due;

  g_return_val_if_fail (ODAN_IS_EXERCISE (self), INFINITY);

  if (self->ended)
    return INFINITY;
  return next_due (self, &due) ? due.minute : INFINITY;
}

static gint64 log_delivery   (OdanExercise *self, guint32 inject, double at, const char *actor,
                              const char *body, GError **error);
static gint64 log_mitigation (OdanExercise *self, guint index, double at, GError **error);
static gint64 log_forward    (OdanExercise *self, guint index, double at, GError **error);
static gint64 decide_at      (OdanExercise *self, const OdanDecision *d, const char *key,
                              const char *by, double at, GError **error);

/* Logs everything due at or before @until, each at its own time. */
static gboolean
deliver_due (OdanExercise *self,
             double        until,
             GError      **error)
{
  Due due;

  while (next_due (self, &due) && due.minute <= until)
    {
      double at = MAX (due.minute, self->last_minute);

      switch (due.kind)
        {
        case DUE_INJECT:
          if (!log_delivery (self, due.index, at, "system", NULL, error))
            return FALSE;
          break;
        case DUE_DECISION:
          {
            const Planned *p = &g_array_index (self->planned, Planned, due.index);
            g_autofree char *key = g_strdup (p->key);
            g_autoptr(GError) local_error = NULL;

            /* 0 without an error: an acknowledgement with nothing left to acknowledge */
            if (!decide_at (self, &p->decision, key, NULL, at, &local_error) && local_error != NULL)
              {
                /* a row that does not fit what happened: say which row */
                p = &g_array_index (self->planned, Planned, due.index);
                if (local_error->domain == ODAN_EXERCISE_ERROR
                    && local_error->code == ODAN_EXERCISE_ERROR_INVALID)
                  g_prefix_error (&local_error, "%s:%u: ",
                                  self->plan_file != NULL ? self->plan_file : "decisions", p->decision.line);
                g_propagate_error (error, g_steal_pointer (&local_error));
                return FALSE;
              }
            /* an acknowledgement already in the log logs nothing: done all the same */
            g_hash_table_add (self->logged_keys, g_steal_pointer (&key));
          }
          break;
        case DUE_MITIGATION:
          if (!log_mitigation (self, due.index, at, error))
            return FALSE;
          break;
        case DUE_FORWARD:
        default:
          if (!log_forward (self, due.index, at, error))
            return FALSE;
          break;
        }
    }
  return TRUE;
}

/* Before logging anything at the current time: what a running clock has
 * passed goes first, so that the log stays in time order. */
static gboolean
catch_up (OdanExercise *self,
          GError      **error)
{
  /* a team client logs nothing that falls due: the facilitator does */
  if (self->team_client != NULL)
    return TRUE;
  if (!self->started || self->ended || !odan_clock_get_running (self->clock))
    return TRUE;
  return deliver_due (self, odan_exercise_get_minute (self), error);
}

/* The facilitator's controls log only into a running exercise, after what
 * fell due by now. */
static gboolean
ready_to_log (OdanExercise *self,
              GError      **error)
{
  return check_playing (self, error) && catch_up (self, error);
}

/* The minute of what this exercise logs now. A team client's events get
 * the log's last minute from the server; it logs them at the last minute
 * it has seen, so that a forward's time of arrival never counts from a
 * minute the log has not reached. */
static double
team_client_minute (OdanExercise *self)
{
  if (self->team_client != NULL)
    return self->last_minute;
  return odan_exercise_get_minute (self);
}

/* ------------------------------------------------------------------ */
/* Injects */

static gint64
log_delivery (OdanExercise *self,
              guint32       index,
              double        at,
              const char   *actor,
              const char   *body,
              GError      **error)
{
  const OdanInject *inject = &self->pack->injects[index];
  g_auto(GVariantBuilder) builder = G_VARIANT_BUILDER_INIT (G_VARIANT_TYPE_VARDICT);
  const char *action = at == inject->time ? "scheduled" : at > inject->time ? "delayed" : "early";
  OdanEvent *event;

  g_variant_builder_add (&builder, "{sv}", "due", g_variant_new_double (inject->time));
  add_string (&builder, "title", inject->title);
  add_string (&builder, "title-ja", inject->title_ja);
  add_string (&builder, "from", inject->from);
  add_string (&builder, "channel", inject->channel);
  add_string (&builder, "body", body != NULL ? body : inject->body);
  g_variant_builder_add (&builder, "{sv}", "to-all", g_variant_new_boolean (inject->to_all));
  g_variant_builder_add (&builder, "{sv}", "to", team_ids (self->pack, inject->to, inject->n_to));
  add_string (&builder, "sharing", inject->sharing);
  add_string (&builder, "effect", inject->effect_text);

  event = odan_event_new (ODAN_EVENT_DELIVERY, action, at, g_variant_builder_end (&builder));
  event->actor = g_strdup (actor);
  event->subject = g_strdup (inject->id);
  g_free (event->summary);
  event->summary = g_strdup (inject->title);
  return commit (self, event, -1, error);
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

  if (!ready_to_log (self, error)
      || !check_pending_inject (self, inject, error))
    return 0;
  return log_delivery (self, inject, odan_exercise_get_minute (self), "facilitator", body, error);
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
  return commit (self, event, -1, error);
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

  if (!ready_to_log (self, error)
      || !check_pending_inject (self, inject, error))
    return 0;
  now = odan_exercise_get_minute (self);
  if (!isfinite (minute) || minute < now)
    {
      g_autofree char *at = format_time (now);

      g_set_error (error, ODAN_EXERCISE_ERROR, ODAN_EXERCISE_ERROR_INVALID,
                   _("an inject can only be moved to now (%s) or later"), at);
      return 0;
    }
  previous = self->injects[inject].due;
  g_variant_builder_add (&builder, "{sv}", "due", g_variant_new_double (minute));
  g_variant_builder_add (&builder, "{sv}", "previous", g_variant_new_double (previous));
  event = odan_event_new (ODAN_EVENT_RESCHEDULE, minute > previous ? "delay" : "advance", now,
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

  if (!ready_to_log (self, error)
      || !check_pending_inject (self, inject, error))
    return 0;
  g_variant_builder_add (&builder, "{sv}", "due", g_variant_new_double (self->injects[inject].due));
  add_string (&builder, "title", self->pack->injects[inject].title);
  add_string (&builder, "reason", reason);
  event = odan_event_new (ODAN_EVENT_DELIVERY, "skipped", odan_exercise_get_minute (self),
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

  if (!check_playing (self, error))
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
  effects = parse_effects (self->pack, inject->effect, &local_error);
  if (effects == NULL)
    {
      g_set_error (error, ODAN_EXERCISE_ERROR, ODAN_EXERCISE_ERROR_INVALID,
                   _("bad effect: %s"), local_error->message);
      return 0;
    }
  if (!catch_up (self, error))
    return 0;

  add_string (&builder, "title", inject->title);
  add_string (&builder, "body", inject->body);
  add_string (&builder, "from", inject->from);
  add_string (&builder, "channel", inject->channel);
  g_variant_builder_add (&builder, "{sv}", "to-all", g_variant_new_boolean (inject->to == NULL));
  g_variant_builder_add (&builder, "{sv}", "to",
                         g_variant_new_strv (inject->to, inject->to != NULL ? -1 : 0));
  add_string (&builder, "effect", inject->effect != NULL ? inject->effect : "");
  event = odan_event_new (ODAN_EVENT_DELIVERY, "adhoc", odan_exercise_get_minute (self),
                          g_variant_builder_end (&builder));
  event->actor = g_strdup ("facilitator");
  g_free (event->summary);
  event->summary = g_strdup (inject->title);
  return commit (self, event, -1, error);
}

double
odan_exercise_get_inject_due (OdanExercise *self,
                              guint32       inject)
{
  g_return_val_if_fail (ODAN_IS_EXERCISE (self), INFINITY);
  g_return_val_if_fail (inject < self->pack->n_injects, INFINITY);

  return self->injects[inject].status == INJECT_PENDING ? self->injects[inject].due : INFINITY;
}

/* ------------------------------------------------------------------ */
/* Decisions and mitigations */

static gboolean
invalid (GError    **error,
         const char *format,
         ...) G_GNUC_PRINTF (2, 3);

static gboolean
invalid (GError    **error,
         const char *format,
         ...)
{
  va_list args;

  va_start (args, format);
  if (error != NULL)
    *error = g_error_new_valist (ODAN_EXERCISE_ERROR, ODAN_EXERCISE_ERROR_INVALID, format, args);
  va_end (args);
  return FALSE;
}

static gboolean
is_blank (const char *text)
{
  return text == NULL || text[strspn (text, " \t\r\n")] == '\0';
}

/* The injects a decision names, each once, in order. */
static GArray *
decision_injects (const OdanDecision *d)
{
  GArray *injects = g_array_new (FALSE, FALSE, sizeof (guint32));

  for (guint i = 0; i < d->n_injects; i++)
    {
      gboolean seen = FALSE;

      for (guint j = 0; j < injects->len && !seen; j++)
        seen = g_array_index (injects, guint32, j) == d->injects[i];
      if (!seen)
        g_array_append_val (injects, d->injects[i]);
    }
  if (d->n_injects == 0 && d->inject != ODAN_NONE)
    g_array_append_val (injects, d->inject);
  return injects;
}

/* The latest delivery of @inject that reached @team, or NULL. */
static const OdanEvent *
latest_delivery_to (OdanExercise *self,
                    guint32       inject,
                    guint32       team)
{
  const char *inject_id = self->pack->injects[inject].id;
  const char *team_id = self->pack->teams[team].id;

  for (guint i = self->events->len; i > 0; i--)
    {
      const OdanEvent *event = g_ptr_array_index (self->events, i - 1);

      if (event->kind == ODAN_EVENT_DELIVERY && g_strcmp0 (event->subject, inject_id) == 0
          && event_reaches (event, team_id))
        return event;
    }
  return NULL;
}

/* The teams an information-sharing decision reaches: a new GArray of
 * guint32, never empty, or NULL with @error. */
static GArray *
forward_recipients (OdanExercise       *self,
                    const OdanDecision *d,
                    GError            **error)
{
  g_autoptr(GArray) teams = g_array_new (FALSE, FALSE, sizeof (guint32));

  for (guint i = 0; d->recipients != NULL && d->recipients[i] != NULL; i++)
    {
      g_autoptr(GError) local_error = NULL;

      /* To the caller this is an invalid decision like any other. */
      if (!odan_relay_resolve (self->pack, d->team, d->recipients[i], teams, &local_error))
        return invalid (error, "%s", local_error->message), NULL;
    }
  return g_steal_pointer (&teams);
}

/* Each category's form (odan-exercise.h, odan_exercise_decide()). */
static gboolean
validate_decision (OdanExercise       *self,
                   const OdanDecision *d,
                   GError            **error)
{
  const OdanPack *pack = self->pack;
  const OdanTeam *team;

  if (d->team >= pack->n_teams)
    return invalid (error, "%s", _("a decision needs a team of the pack"));
  team = &pack->teams[d->team];
  if (self->team_client != NULL && strcmp (team->id, self->team_client) != 0)
    return invalid (error, _("this is the connection of team “%s”: it logs only that team's decisions"),
                    self->team_client);
  if ((guint) d->category > ODAN_CATEGORY_OTHER)
    return invalid (error, "%s", _("unknown category"));
  if ((guint) d->ack > ODAN_ACK_READ)
    return invalid (error, "%s", _("unknown kind of acknowledgement"));
  if (d->ack == ODAN_ACK_NONE && is_blank (d->summary))
    return invalid (error, "%s", _("a decision needs a summary"));
  if (d->mitigation != ODAN_NONE)
    {
      if (d->mitigation >= pack->n_mitigations)
        return invalid (error, "%s", _("unknown mitigation"));
      if (pack->mitigations[d->mitigation].team != ODAN_NONE
          && pack->mitigations[d->mitigation].team != d->team)
        return invalid (error, _("mitigation '%s' is reserved for team '%s', not '%s'"),
                        pack->mitigations[d->mitigation].id,
                        pack->teams[pack->mitigations[d->mitigation].team].id,
                        team->id);
    }
  if (d->inject != ODAN_NONE && d->inject >= pack->n_injects)
    return invalid (error, "%s", _("unknown inject"));
  for (guint i = 0; i < d->n_injects; i++)
    if (d->injects[i] >= pack->n_injects)
      return invalid (error, "%s", _("unknown inject"));
  if ((guint) d->stage > ODAN_REPORT_STAGE_FINAL)
    return invalid (error, "%s", _("unknown report stage"));
  for (guint i = 0; d->recipients != NULL && d->recipients[i] != NULL; i++)
    if (!odan_recipient_is_valid (d->recipients[i], pack))
      return invalid (error, _("unknown recipient '%s' (expected nisc, ministry, ceptoar, members, "
                               "a sector id or a team id)"), d->recipients[i]);

  if (d->ack != ODAN_ACK_NONE)
    {
      g_autoptr(GArray) injects = decision_injects (d);

      if (injects->len == 0)
        return invalid (error, "%s", _("an acknowledgement names the injects it acknowledges"));
      for (guint i = 0; i < injects->len; i++)
        {
          guint32 inject = g_array_index (injects, guint32, i);

          if (latest_delivery_to (self, inject, d->team) == NULL)
            return invalid (error, _("inject %s has not reached team '%s'"),
                            pack->injects[inject].id, team->id);
        }
      return TRUE;
    }

  switch (d->category)
    {
    case ODAN_CATEGORY_BUSINESS_CONTINUITY:
      if (!d->bcp && d->mitigation == ODAN_NONE)
        return invalid (error, "%s", _("a business-continuity decision activates the BCP or chooses a mitigation"));
      break;
    case ODAN_CATEGORY_DISCLOSURE:
      if (is_blank (d->channel))
        return invalid (error, "%s", _("a disclosure needs a channel (press release, website, SNS…)"));
      if (is_blank (d->audience))
        return invalid (error, "%s", _("a disclosure needs an audience (the public, customers…)"));
      break;
    case ODAN_CATEGORY_MINISTRY_REPORT:
      if (is_blank (d->ministry) && (team->sector == ODAN_NONE || is_blank (pack->sectors[team->sector].ministry)))
        return invalid (error, _("a report to the ministry needs the ministry: team '%s' has no sector with a ministry in charge"),
                        team->id);
      if (d->stage == ODAN_REPORT_STAGE_NONE)
        return invalid (error, "%s", _("a report to the ministry needs its stage: initial (第一報), follow-up (続報) or final (最終報)"));
      break;
    case ODAN_CATEGORY_INFORMATION_SHARING:
      {
        g_autoptr(GArray) injects = decision_injects (d);
        g_autoptr(GArray) teams = NULL;

        if (d->recipients == NULL || d->recipients[0] == NULL)
          return invalid (error, "%s", _("information sharing needs recipients (nisc, ministry, ceptoar, members, a sector or a team)"));
        if (injects->len == 0)
          return invalid (error, "%s", _("information sharing names the injects it forwards"));
        for (guint i = 0; i < injects->len; i++)
          {
            guint32 inject = g_array_index (injects, guint32, i);

            if (latest_delivery_to (self, inject, d->team) == NULL)
              return invalid (error, _("inject %s has not reached team '%s': it cannot forward it"),
                              pack->injects[inject].id, team->id);
          }
        teams = forward_recipients (self, d, error);
        if (teams == NULL)
          return FALSE;
      }
      break;
    case ODAN_CATEGORY_OTHER:
    default:
      break;
    }
  return TRUE;
}

static gint64 log_ack (OdanExercise *self, const OdanEvent *delivery, guint32 team, OdanAck ack,
                       const char *key, const char *by, double at, GError **error);

/* The acknowledgements of a decision with ack set: each inject's earliest
 * delivery to the team that it has not yet acknowledged that way. */
static gint64
acknowledge_injects (OdanExercise       *self,
                     const OdanDecision *d,
                     const char         *key,
                     const char         *by,
                     double              at,
                     GError            **error)
{
  g_autoptr(GArray) injects = decision_injects (d);
  const char *team_id = self->pack->teams[d->team].id;
  gint64 last = 0;

  for (guint i = 0; i < injects->len; i++)
    {
      const char *inject_id = self->pack->injects[g_array_index (injects, guint32, i)].id;
      const OdanEvent *target = NULL;
      gint64 id;

      for (guint e = 0; e < self->events->len && target == NULL; e++)
        {
          const OdanEvent *event = g_ptr_array_index (self->events, e);
          g_autofree char *same = NULL;
          g_autofree char *read = NULL;

          if (event->kind != ODAN_EVENT_DELIVERY || g_strcmp0 (event->subject, inject_id) != 0
              || !event_reaches (event, team_id))
            continue;
          same = ack_key (event->id, team_id, odan_ack_to_string (d->ack));
          read = ack_key (event->id, team_id, "read");
          if (!g_hash_table_contains (self->acks, same) && !g_hash_table_contains (self->acks, read))
            target = event;
        }
      if (target == NULL)
        continue;   /* every delivery acknowledged already: nothing to log */
      id = log_ack (self, target, d->team, d->ack, key, by, at, error);
      if (id == 0)
        return 0;
      last = id;
    }
  return last;
}

static gint64
decide_at (OdanExercise       *self,
           const OdanDecision *d,
           const char         *key,
           const char         *by,
           double              at,
           GError            **error)
{
  const OdanPack *pack = self->pack;
  const OdanTeam *team;
  g_auto(GVariantBuilder) builder = G_VARIANT_BUILDER_INIT (G_VARIANT_TYPE_VARDICT);
  g_autoptr(GPtrArray) injects = g_ptr_array_new ();
  g_autoptr(GArray) inject_list = NULL;
  const char *ministry;
  OdanEvent *event;

  if (!validate_decision (self, d, error))
    return 0;
  if (d->ack != ODAN_ACK_NONE)
    return acknowledge_injects (self, d, key, by, at, error);
  team = &pack->teams[d->team];

  inject_list = decision_injects (d);
  for (guint i = 0; i < inject_list->len; i++)
    g_ptr_array_add (injects, pack->injects[g_array_index (inject_list, guint32, i)].id);
  if (injects->len > 0)
    g_variant_builder_add (&builder, "{sv}", "injects",
                           g_variant_new_strv ((const char *const *) injects->pdata, (gssize) injects->len));

  /* a report goes to the ministry in charge of the team's sector unless named */
  ministry = d->ministry;
  if (is_blank (ministry) && d->category == ODAN_CATEGORY_MINISTRY_REPORT && team->sector != ODAN_NONE)
    ministry = pack->sectors[team->sector].ministry;
  add_string (&builder, "ministry", ministry);
  add_string (&builder, "stage", d->stage != ODAN_REPORT_STAGE_NONE ? odan_report_stage_to_string (d->stage) : NULL);
  add_string (&builder, "channel", d->channel);
  add_string (&builder, "audience", d->audience);
  if (d->recipients != NULL && d->recipients[0] != NULL)
    g_variant_builder_add (&builder, "{sv}", "recipients",
                           g_variant_new_strv ((const char *const *) d->recipients, -1));
  if (d->bcp)
    g_variant_builder_add (&builder, "{sv}", "bcp", g_variant_new_boolean (TRUE));

  /* information sharing forwards: who, by which channel, arriving when —
   * recorded so that replay never has to resolve recipients again */
  if (d->category == ODAN_CATEGORY_INFORMATION_SHARING)
    {
      g_autoptr(GArray) teams = forward_recipients (self, d, error);
      g_autoptr(GPtrArray) ids = g_ptr_array_new ();
      g_autoptr(GArray) origins = g_array_new (FALSE, FALSE, sizeof (gint64));
      const char *channel = odan_relay_channel (pack, d->team, d->channel);

      if (teams == NULL)
        return 0;
      for (guint i = 0; i < teams->len; i++)
        g_ptr_array_add (ids, pack->teams[g_array_index (teams, guint32, i)].id);
      for (guint i = 0; i < inject_list->len; i++)
        {
          const OdanEvent *origin = latest_delivery_to (self, g_array_index (inject_list, guint32, i), d->team);

          g_array_append_val (origins, origin->id);
        }
      g_variant_builder_add (&builder, "{sv}", "forward-to",
                             g_variant_new_strv ((const char *const *) ids->pdata, (gssize) ids->len));
      g_variant_builder_add (&builder, "{sv}", "forward-origins",
                             g_variant_new_fixed_array (G_VARIANT_TYPE_INT64, origins->data, origins->len,
                                                        sizeof (gint64)));
      add_string (&builder, "forward-channel", channel);
      g_variant_builder_add (&builder, "{sv}", "arrives",
                             g_variant_new_double (at + odan_relay_latency (pack, channel)));
    }

  /* a team's own connection proposes a mitigation; the verdict is the
   * facilitator's, and the database refuses it from a team */
  if (d->mitigation != ODAN_NONE && self->team_client == NULL)
    {
      const OdanMitigation *m = &pack->mitigations[d->mitigation];
      gboolean refused = FALSE;

      if (m->pool != ODAN_NONE)
        {
          const OdanPool *pool = &pack->pools[m->pool];
          guint left = pool->capacity - MIN (self->pool_used[m->pool], pool->capacity);

          g_variant_builder_add (&builder, "{sv}", "pool", g_variant_new_string (pool->id));
          g_variant_builder_add (&builder, "{sv}", "uses", g_variant_new_uint32 (m->uses));
          if (left < m->uses)
            {
              g_autofree char *reason = NULL;

              refused = TRUE;
              if (left == 0)
                reason = g_strdup_printf (_("pool “%s” is empty (all %u in use)"),
                                          odan_pack_localized (pool->name, pool->name_ja), pool->capacity);
              else
                reason = g_strdup_printf (_("pool “%s” has %u of %u left and the mitigation needs %u"),
                                          odan_pack_localized (pool->name, pool->name_ja),
                                          left, pool->capacity, m->uses);
              g_variant_builder_add (&builder, "{sv}", "refusal", g_variant_new_string ("pool-empty"));
              g_variant_builder_add (&builder, "{sv}", "reason", g_variant_new_string (reason));
            }
        }
      g_variant_builder_add (&builder, "{sv}", "mitigation-status",
                             g_variant_new_string (refused ? "refused" : "accepted"));
      if (!refused)
        g_variant_builder_add (&builder, "{sv}", "applies", g_variant_new_double (at + m->delay));
    }
  add_string (&builder, "source", key);
  add_string (&builder, "by", by);

  event = odan_event_new (ODAN_EVENT_DECISION, odan_category_to_string (d->category), at,
                          g_variant_builder_end (&builder));
  event->actor = g_strdup (team->id);
  event->team = g_strdup (team->id);
  event->subject = d->mitigation != ODAN_NONE ? g_strdup (pack->mitigations[d->mitigation].id) : NULL;
  g_free (event->summary);
  event->summary = g_strdup (d->summary);
  return commit (self, event, -1, error);
}

/* Logs now what is due up to @until among forwards only: a forward with no
 * latency arrives with the decision that sent it. */
static gboolean
deliver_forwards_due (OdanExercise *self,
                      double        until,
                      GError      **error)
{
  while (self->forwards->len > 0 && g_array_index (self->forwards, Forward, 0).due <= until)
    if (!log_forward (self, 0, MAX (g_array_index (self->forwards, Forward, 0).due, self->last_minute),
                      error))
      return FALSE;
  return TRUE;
}

gint64
odan_exercise_decide (OdanExercise        *self,
                      const OdanDecision  *decision,
                      const char          *by,
                      GError             **error)
{
  double now;
  gint64 id;

  g_return_val_if_fail (ODAN_IS_EXERCISE (self), 0);
  g_return_val_if_fail (decision != NULL, 0);

  if (!check_playing (self, error) || !validate_decision (self, decision, error)
      || !catch_up (self, error))
    return 0;
  now = team_client_minute (self);
  id = decide_at (self, decision, NULL, by, now, error);
  if (id == 0 && decision->ack != ODAN_ACK_NONE && (error == NULL || *error == NULL))
    {
      /* every delivery was acknowledged so before: the latest such ack */
      g_autoptr(GArray) injects = decision_injects (decision);
      const OdanEvent *delivery = latest_delivery_to (self, g_array_index (injects, guint32, injects->len - 1),
                                                      decision->team);

      return odan_exercise_acknowledge (self, delivery->id, self->pack->teams[decision->team].id,
                                        decision->ack, by, error);
    }
  /* a team client's forwards are carried by the facilitator's connection,
   * the one writer of what falls due, so that none is carried twice */
  if (id > 0 && self->team_client == NULL && !deliver_forwards_due (self, now, error))
    return 0;
  return id;
}

gboolean
odan_exercise_is_proposal (const OdanEvent *event)
{
  g_return_val_if_fail (event != NULL, FALSE);

  return event->kind == ODAN_EVENT_DECISION && event->subject != NULL
         && odan_event_get_string (event, "mitigation-status") == NULL;
}

gint64
odan_exercise_accept_proposal (OdanExercise *self,
                               gint64        proposal,
                               GError      **error)
{
  const OdanEvent *event;
  OdanDecision decision = { 0 };
  guint32 team, mitigation;
  gint64 id;

  g_return_val_if_fail (ODAN_IS_EXERCISE (self), 0);

  event = odan_exercise_find_event (self, proposal);
  team = event != NULL && event->team != NULL ? odan_pack_find_team (self->pack, event->team) : ODAN_NONE;
  mitigation = event != NULL && event->subject != NULL ? odan_pack_find_mitigation (self->pack, event->subject) : ODAN_NONE;
  if (event == NULL || !odan_exercise_is_proposal (event) || team == ODAN_NONE || mitigation == ODAN_NONE
      || !odan_category_from_string (event->action, &decision.category))
    {
      g_autofree char *which = g_strdup_printf ("%" G_GINT64_FORMAT, proposal);

      g_set_error (error, ODAN_EXERCISE_ERROR, ODAN_EXERCISE_ERROR_INVALID,
                   _("event %s is not a mitigation proposed by a team"), which);
      return 0;
    }

  decision.time = odan_exercise_get_minute (self);
  decision.team = team;
  decision.mitigation = mitigation;
  decision.inject = ODAN_NONE;
  decision.bcp = odan_event_get_boolean (event, "bcp", FALSE);
  /* Translators: the facilitator's decision that accepts a team's proposal */
  decision.summary = g_strdup_printf (_("Accepted: %s"), event->summary != NULL ? event->summary : event->subject);
  id = odan_exercise_decide (self, &decision, "facilitator", error);
  odan_decision_clear (&decision);
  return id;
}

gboolean
odan_exercise_check_decision (OdanExercise        *self,
                              const OdanDecision  *decision,
                              GError             **error)
{
  g_return_val_if_fail (ODAN_IS_EXERCISE (self), FALSE);
  g_return_val_if_fail (decision != NULL, FALSE);

  return validate_decision (self, decision, error);
}

static gint64
log_forward (OdanExercise *self,
             guint         index,
             double        at,
             GError      **error)
{
  const Forward *f = &g_array_index (self->forwards, Forward, index);
  const OdanEvent *origin = odan_exercise_find_event (self, f->origin);
  const OdanTeam *via = &self->pack->teams[f->team];
  g_auto(GVariantBuilder) builder = G_VARIANT_BUILDER_INIT (G_VARIANT_TYPE_VARDICT);
  static const char *const copied[] = { "title", "title-ja", "body", "sharing" };
  OdanEvent *event;

  /* the text as the forwarding team received it; from and channel are the forward's */
  for (guint i = 0; i < G_N_ELEMENTS (copied); i++)
    add_string (&builder, copied[i], odan_event_get_string (origin, copied[i]));
  /* not localized: the log must read the same whoever wrote it */
  add_string (&builder, "from", via->name_ja != NULL ? via->name_ja : via->name);
  add_string (&builder, "channel", f->channel);
  add_string (&builder, "original-from", odan_event_get_string (origin, "from"));
  add_string (&builder, "via", via->id);
  g_variant_builder_add (&builder, "{sv}", "origin", g_variant_new_int64 (f->origin));
  g_variant_builder_add (&builder, "{sv}", "to-all", g_variant_new_boolean (FALSE));
  g_variant_builder_add (&builder, "{sv}", "to", g_variant_new_strv ((const char *const *) f->to, -1));

  event = odan_event_new (ODAN_EVENT_DELIVERY, "forwarded", at, g_variant_builder_end (&builder));
  event->actor = g_strdup ("system");
  event->team = g_strdup (via->id);
  event->subject = g_strdup (self->pack->injects[f->inject].id);
  event->ref = f->decision_event;
  g_free (event->summary);
  event->summary = g_strdup (origin->summary);
  return commit (self, event, -1, error);
}

static gint64
log_ack (OdanExercise    *self,
         const OdanEvent *delivery,
         guint32          team,
         OdanAck          ack,
         const char      *key,
         const char      *by,
         double           at,
         GError         **error)
{
  g_auto(GVariantBuilder) builder = G_VARIANT_BUILDER_INIT (G_VARIANT_TYPE_VARDICT);
  OdanEvent *event;

  g_variant_builder_add (&builder, "{sv}", "delivered", g_variant_new_double (delivery->minute));
  add_string (&builder, "source", key);
  add_string (&builder, "by", by);
  event = odan_event_new (ODAN_EVENT_ACK, odan_ack_to_string (ack), at, g_variant_builder_end (&builder));
  event->actor = g_strdup (self->pack->teams[team].id);
  event->team = g_strdup (self->pack->teams[team].id);
  event->subject = g_strdup (delivery->subject);
  event->ref = delivery->id;
  g_free (event->summary);
  event->summary = g_strdup (delivery->summary);
  return commit (self, event, -1, error);
}

gint64
odan_exercise_acknowledge (OdanExercise  *self,
                           gint64         delivery,
                           const char    *team,
                           OdanAck        ack,
                           const char    *by,
                           GError       **error)
{
  const OdanEvent *event;
  const OdanEvent *earlier;
  guint32 t;
  g_autofree char *same = NULL;
  g_autofree char *read = NULL;

  g_return_val_if_fail (ODAN_IS_EXERCISE (self), 0);

  if (!check_playing (self, error))
    return 0;
  if (team == NULL || (t = odan_pack_find_team (self->pack, team)) == ODAN_NONE)
    {
      invalid (error, _("unknown team '%s'"), team != NULL ? team : "");
      return 0;
    }
  if (ack != ODAN_ACK_RECEIVED && ack != ODAN_ACK_READ)
    {
      invalid (error, "%s", _("unknown kind of acknowledgement"));
      return 0;
    }
  event = odan_exercise_find_event (self, delivery);
  if (event == NULL || event->kind != ODAN_EVENT_DELIVERY)
    {
      g_autofree char *id = g_strdup_printf ("%" G_GINT64_FORMAT, delivery);

      invalid (error, _("no delivery %s in the log"), id);
      return 0;
    }
  if (!event_reaches (event, team))
    {
      g_autofree char *id = g_strdup_printf ("%" G_GINT64_FORMAT, delivery);

      invalid (error, _("delivery %s did not reach team '%s'"), id, team);
      return 0;
    }
  /* idempotent: the same acknowledgement again, or received after read, is
   * not logged; the earlier one stands */
  same = ack_key (delivery, team, odan_ack_to_string (ack));
  read = ack_key (delivery, team, "read");
  earlier = g_hash_table_lookup (self->acks, same);
  if (earlier == NULL && ack == ODAN_ACK_RECEIVED)
    earlier = g_hash_table_lookup (self->acks, read);
  if (earlier != NULL)
    return earlier->id;
  if (!catch_up (self, error))
    return 0;
  return log_ack (self, event, t, ack, NULL, by, team_client_minute (self), error);
}

const OdanEvent *
odan_exercise_find_event (OdanExercise *self,
                          gint64        id)
{
  guint lo = 0, hi;

  g_return_val_if_fail (ODAN_IS_EXERCISE (self), NULL);

  /* ids grow with the log, though not always by one (another writer, a
   * failed insert): a binary search */
  hi = self->events->len;
  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;
      const OdanEvent *event = g_ptr_array_index (self->events, mid);

      if (event->id == id)
        return event;
      if (event->id < id)
        lo = mid + 1;
      else
        hi = mid;
    }
  return NULL;
}

gboolean
odan_exercise_delivery_reaches (OdanExercise    *self,
                                const OdanEvent *event,
                                guint32          team)
{
  g_return_val_if_fail (ODAN_IS_EXERCISE (self), FALSE);
  g_return_val_if_fail (event != NULL, FALSE);

  return team < self->pack->n_teams && event_reaches (event, self->pack->teams[team].id);
}

GArray *
odan_exercise_deliveries_to (OdanExercise *self,
                             guint32       inject,
                             guint32       team,
                             double        minute)
{
  GArray *ids = g_array_new (FALSE, FALSE, sizeof (gint64));

  g_return_val_if_fail (ODAN_IS_EXERCISE (self), ids);
  g_return_val_if_fail (inject < self->pack->n_injects && team < self->pack->n_teams, ids);

  for (guint i = 0; i < self->events->len; i++)
    {
      const OdanEvent *event = g_ptr_array_index (self->events, i);

      if (event->minute > minute)
        break;
      if (event->kind == ODAN_EVENT_DELIVERY
          && g_strcmp0 (event->subject, self->pack->injects[inject].id) == 0
          && event_reaches (event, self->pack->teams[team].id))
        g_array_append_val (ids, event->id);
    }
  return ids;
}

/* ------------------------------------------------------------------ */
/* Obligations (deadlines.csv) */

const char *
odan_obligation_state_to_string (OdanObligationState state)
{
  static const char *const names[] = { "open", "met", "late", "met-late" };

  g_return_val_if_fail ((guint) state < G_N_ELEMENTS (names), NULL);
  return names[state];
}

/* The rules (EXERCISE.md, "Deadlines") are applied in one pass over the
 * log by odan_exercise_list_obligations(); one team's obligations are those of
 * every team, filtered, since no team's obligations depend on another's. */
GArray *
odan_exercise_get_obligations (OdanExercise *self,
                               guint32       team,
                               double        minute)
{
  GArray *obligations;
  guint kept = 0;

  g_return_val_if_fail (ODAN_IS_EXERCISE (self), g_array_new (FALSE, FALSE, sizeof (OdanObligation)));

  obligations = odan_exercise_list_obligations (self, minute);
  if (team == ODAN_NONE)
    return obligations;
  for (guint i = 0; i < obligations->len; i++)
    if (g_array_index (obligations, OdanObligation, i).team == team)
      g_array_index (obligations, OdanObligation, kept++) = g_array_index (obligations, OdanObligation, i);
  g_array_set_size (obligations, kept);
  return obligations;
}

static gint64
log_mitigation (OdanExercise *self,
                guint         index,
                double        at,
                GError      **error)
{
  const Pending *p = &g_array_index (self->pending, Pending, index);
  const OdanMitigation *m = &self->pack->mitigations[p->mitigation];
  const OdanDecision *d = &g_array_index (self->decisions, OdanDecision, p->decision);
  g_auto(GVariantBuilder) builder = G_VARIANT_BUILDER_INIT (G_VARIANT_TYPE_VARDICT);
  OdanEvent *event;

  g_variant_builder_add (&builder, "{sv}", "decided", g_variant_new_double (d->time));
  add_string (&builder, "effect", m->effect_text);
  if (m->pool != ODAN_NONE)
    {
      add_string (&builder, "pool", self->pack->pools[m->pool].id);
      g_variant_builder_add (&builder, "{sv}", "uses", g_variant_new_uint32 (m->uses));
    }
  event = odan_event_new (ODAN_EVENT_MITIGATION, "applied", at, g_variant_builder_end (&builder));
  event->actor = g_strdup ("system");
  event->team = g_strdup (self->pack->teams[d->team].id);
  event->subject = g_strdup (m->id);
  event->ref = p->decision_event;
  g_free (event->summary);
  event->summary = g_strdup (m->label);
  return commit (self, event, -1, error);
}

static void
forward_clear (Forward *f)
{
  g_strfreev (f->to);
  g_free (f->channel);
}

static void
planned_clear (Planned *p)
{
  odan_decision_clear (&p->decision);
  g_free (p->key);
}

static gint
planned_compare (gconstpointer a,
                 gconstpointer b)
{
  const Planned *pa = a, *pb = b;

  return (pa->decision.time > pb->decision.time) - (pa->decision.time < pb->decision.time);
}

/* The content of a decision as one string: what makes two rows the same. */
static char *
decision_fingerprint (const OdanPack     *pack,
                      const OdanDecision *d)
{
  g_autoptr(GString) text = g_string_new (NULL);
  char number[G_ASCII_DTOSTR_BUF_SIZE];

  g_string_append (text, g_ascii_dtostr (number, sizeof number, d->time));
  g_string_append_printf (text, "\x1f%s\x1f%s\x1f%s\x1f%s",
                          pack->teams[d->team].id, odan_category_to_string (d->category),
                          d->summary != NULL ? d->summary : "",
                          d->mitigation != ODAN_NONE ? pack->mitigations[d->mitigation].id : "");
  for (guint i = 0; i < d->n_injects; i++)
    g_string_append_printf (text, "\x1f" "i:%s", pack->injects[d->injects[i]].id);
  if (d->n_injects == 0 && d->inject != ODAN_NONE)
    g_string_append_printf (text, "\x1f" "i:%s", pack->injects[d->inject].id);
  g_string_append_printf (text, "\x1f%s\x1f%d\x1f%s\x1f%s",
                          d->ministry != NULL ? d->ministry : "", (int) d->stage,
                          d->channel != NULL ? d->channel : "", d->audience != NULL ? d->audience : "");
  for (guint i = 0; d->recipients != NULL && d->recipients[i] != NULL; i++)
    g_string_append_printf (text, "\x1f" "r:%s", d->recipients[i]);
  /* only when set, so that the rows of older files keep their keys */
  if (d->bcp)
    g_string_append (text, "\x1f" "bcp");
  if (d->ack != ODAN_ACK_NONE)
    g_string_append_printf (text, "\x1f" "ack:%s", odan_ack_to_string (d->ack));
  return g_string_free (g_steal_pointer (&text), FALSE);
}

void
odan_exercise_plan_decisions (OdanExercise *self,
                              const GArray *decisions)
{
  odan_exercise_plan_decisions_from (self, decisions, NULL);
}

void
odan_exercise_plan_decisions_from (OdanExercise *self,
                                   const GArray *decisions,
                                   const char   *file)
{
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GArray) rows = g_array_new (FALSE, TRUE, sizeof (OdanDecision));

  g_return_if_fail (ODAN_IS_EXERCISE (self));
  g_return_if_fail (decisions != NULL);

  g_free (self->plan_file);
  self->plan_file = g_strdup (file);

  /* an acknowledgement of several injects is one planned item per inject,
   * each with its own key: a crash between two of them loses none */
  g_array_set_clear_func (rows, (GDestroyNotify) odan_decision_clear);
  for (guint i = 0; i < decisions->len; i++)
    {
      const OdanDecision *d = &g_array_index (decisions, OdanDecision, i);
      OdanDecision copy;

      if (d->ack == ODAN_ACK_NONE || d->n_injects <= 1)
        {
          odan_decision_copy (d, &copy);
          g_array_append_val (rows, copy);
          continue;
        }
      for (guint j = 0; j < d->n_injects; j++)
        {
          odan_decision_copy (d, &copy);
          copy.injects[0] = d->injects[j];
          copy.n_injects = 1;
          copy.inject = d->injects[j];
          g_array_append_val (rows, copy);
        }
    }
  decisions = rows;

  for (guint i = 0; i < decisions->len; i++)
    {
      const OdanDecision *d = &g_array_index (decisions, OdanDecision, i);
      g_autofree char *fingerprint = NULL;
      g_autofree char *digest = NULL;
      Planned p = { { 0 }, NULL };
      guint occurrence;

      if (d->team >= self->pack->n_teams)
        continue;
      fingerprint = decision_fingerprint (self->pack, d);
      digest = g_compute_checksum_for_string (G_CHECKSUM_SHA256, fingerprint, -1);
      /* identical rows are told apart by their rank among themselves */
      occurrence = GPOINTER_TO_UINT (g_hash_table_lookup (seen, digest));
      g_hash_table_insert (seen, g_strdup (digest), GUINT_TO_POINTER (occurrence + 1));

      odan_decision_copy (d, &p.decision);
      p.key = g_strdup_printf ("plan:%.32s#%u", digest, occurrence);
      g_array_append_val (self->planned, p);
    }
  /* g_array_sort is stable (GLib ≥ 2.32): rows of one time keep their file order */
  g_array_sort (self->planned, planned_compare);
  self->next_planned = 0;
}

/* What every evaluator's entry needs: a writable log, some text, a known
 * team if any. */
static gboolean
check_observation (OdanExercise  *self,
                   const char    *text,
                   const char    *team,
                   GError       **error)
{
  if (!check_writable (self, error))
    return FALSE;
  if (text == NULL || text[strspn (text, " \t\r\n")] == '\0')
    return invalid (error, "%s", _("an observation needs some text"));
  if (team != NULL && odan_pack_find_team (self->pack, team) == ODAN_NONE)
    return invalid (error, _("unknown team '%s'"), team);
  return TRUE;
}

/* Logs an evaluator's entry: @builder holds its details but "by". */
static gint64
commit_observation (OdanExercise     *self,
                    const char       *action,
                    const char       *text,
                    const char       *team,
                    gint64            ref,
                    const char       *by,
                    GVariantBuilder  *builder,
                    GError          **error)
{
  OdanEvent *event;

  add_string (builder, "by", by);
  event = odan_event_new (ODAN_EVENT_OBSERVATION, action, odan_exercise_get_minute (self),
                          g_variant_builder_end (builder));
  event->actor = g_strdup ("evaluator");
  event->team = g_strdup (team);
  event->ref = ref;
  g_free (event->summary);
  event->summary = g_strdup (text);
  return commit (self, event, -1, error);
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

      invalid (error, _("no event %s in the log"), id);
      return 0;
    }
  if (!catch_up (self, error))
    return 0;

  return commit_observation (self, "note", text, team, ref, by, &builder, error);
}

const GArray *
odan_exercise_get_decisions (OdanExercise *self)
{
  g_return_val_if_fail (ODAN_IS_EXERCISE (self), NULL);

  return self->decisions;
}

guint
odan_exercise_get_pool_available (OdanExercise *self,
                                  guint32       pool)
{
  g_return_val_if_fail (ODAN_IS_EXERCISE (self), 0);
  g_return_val_if_fail (pool < self->pack->n_pools, 0);

  return self->pack->pools[pool].capacity - MIN (self->pool_used[pool], self->pack->pools[pool].capacity);
}

/* ------------------------------------------------------------------ */
/* The clock */

static OdanEvent *
clock_event (OdanExercise  *self,
             const char    *action,
             double         minute,
             OdanClockMode  mode,
             gboolean       running,
             double         speed,
             GVariantBuilder *extra)
{
  g_auto(GVariantBuilder) builder = G_VARIANT_BUILDER_INIT (G_VARIANT_TYPE_VARDICT);
  OdanEvent *event;

  g_variant_builder_add (&builder, "{sv}", "mode",
                         g_variant_new_string (mode == ODAN_CLOCK_REALTIME ? "realtime" : "step"));
  g_variant_builder_add (&builder, "{sv}", "speed", g_variant_new_double (speed));
  g_variant_builder_add (&builder, "{sv}", "running", g_variant_new_boolean (running));
  if (extra != NULL)
    {
      g_autoptr(GVariant) more = g_variant_ref_sink (g_variant_builder_end (extra));
      GVariantIter iter;
      const char *key;
      GVariant *value;

      g_variant_iter_init (&iter, more);
      while (g_variant_iter_next (&iter, "{&sv}", &key, &value))
        {
          g_variant_builder_add (&builder, "{sv}", key, value);
          g_variant_unref (value);
        }
    }
  event = odan_event_new (ODAN_EVENT_CLOCK, action, minute, g_variant_builder_end (&builder));
  event->actor = g_strdup ("facilitator");
  return event;
}

static gboolean
check_speed (double   speed,
             GError **error)
{
  if (!(speed >= ODAN_CLOCK_MIN_SPEED && speed <= ODAN_CLOCK_MAX_SPEED))
    {
      g_set_error (error, ODAN_EXERCISE_ERROR, ODAN_EXERCISE_ERROR_INVALID,
                   _("the speed must be between ×%g and ×%g"), ODAN_CLOCK_MIN_SPEED, ODAN_CLOCK_MAX_SPEED);
      return FALSE;
    }
  return TRUE;
}

gint64
odan_exercise_start (OdanExercise   *self,
                     OdanClockMode   mode,
                     double          speed,
                     GError        **error)
{
  g_return_val_if_fail (ODAN_IS_EXERCISE (self), 0);

  if (!check_writable (self, error))
    return 0;
  if (self->started)
    {
      g_set_error (error, ODAN_EXERCISE_ERROR, ODAN_EXERCISE_ERROR_CLOCK, "%s",
                   _("the exercise has started already"));
      return 0;
    }
  if (mode == ODAN_CLOCK_STEP)
    speed = 1.0;
  else if (!check_speed (speed, error))
    return 0;
  return commit (self, clock_event (self, "start", self->last_minute, mode, TRUE, speed, NULL), -1, error);
}

gint64
odan_exercise_pause (OdanExercise  *self,
                     GError       **error)
{
  OdanClock *clock = self->clock;
  double now;

  g_return_val_if_fail (ODAN_IS_EXERCISE (self), 0);

  if (!check_playing (self, error))
    return 0;
  if (!odan_clock_get_running (clock))
    {
      g_set_error (error, ODAN_EXERCISE_ERROR, ODAN_EXERCISE_ERROR_CLOCK, "%s",
                   _("the clock is paused already"));
      return 0;
    }
  now = odan_exercise_get_minute (self);
  if (!deliver_due (self, now, error))
    return 0;
  now = MAX (now, self->last_minute);
  return commit (self, clock_event (self, "pause", now, odan_clock_get_mode (clock), FALSE,
                                    odan_clock_get_speed (clock), NULL), -1, error);
}

gint64
odan_exercise_resume (OdanExercise  *self,
                      gboolean       keep_schedule,
                      GError       **error)
{
  OdanClock *clock = self->clock;
  g_auto(GVariantBuilder) extra = G_VARIANT_BUILDER_INIT (G_VARIANT_TYPE_VARDICT);
  gint64 wall;
  double from, target;

  g_return_val_if_fail (ODAN_IS_EXERCISE (self), 0);

  if (!check_playing (self, error))
    return 0;
  if (odan_clock_get_running (clock))
    {
      g_set_error (error, ODAN_EXERCISE_ERROR, ODAN_EXERCISE_ERROR_CLOCK, "%s",
                   _("the clock is running already"));
      return 0;
    }

  wall = odan_clock_get_wall_time (clock);
  from = odan_exercise_get_minute (self);
  target = from;
  /* keeping the schedule: exercise time went on while the clock stood */
  if (keep_schedule && odan_clock_get_mode (clock) == ODAN_CLOCK_REALTIME
      && wall > odan_clock_get_anchor_wall (clock))
    target = from + (double) (wall - odan_clock_get_anchor_wall (clock))
                    / (60.0 * G_USEC_PER_SEC) * odan_clock_get_speed (clock);
  if (!deliver_due (self, target, error))
    return 0;
  target = MAX (target, self->last_minute);

  g_variant_builder_add (&extra, "{sv}", "keep-schedule", g_variant_new_boolean (keep_schedule));
  g_variant_builder_add (&extra, "{sv}", "from", g_variant_new_double (from));
  return commit (self, clock_event (self, "resume", target, odan_clock_get_mode (clock), TRUE,
                                    odan_clock_get_speed (clock), &extra), -1, error);
}

gint64
odan_exercise_set_speed (OdanExercise  *self,
                         double         speed,
                         GError       **error)
{
  OdanClock *clock = self->clock;
  double now;

  g_return_val_if_fail (ODAN_IS_EXERCISE (self), 0);

  if (!check_playing (self, error) || !check_speed (speed, error))
    return 0;
  if (odan_clock_get_mode (clock) != ODAN_CLOCK_REALTIME)
    {
      g_set_error (error, ODAN_EXERCISE_ERROR, ODAN_EXERCISE_ERROR_CLOCK, "%s",
                   _("a clock that steps has no speed"));
      return 0;
    }
  now = odan_exercise_get_minute (self);
  if (!deliver_due (self, now, error))
    return 0;
  now = MAX (now, self->last_minute);
  return commit (self, clock_event (self, "speed", now, ODAN_CLOCK_REALTIME,
                                    odan_clock_get_running (clock), speed, NULL), -1, error);
}

/* jump and step: move to @target, delivering on the way */
static gint64
move_to (OdanExercise *self,
         const char   *action,
         double        target,
         GError      **error)
{
  OdanClock *clock = self->clock;
  g_auto(GVariantBuilder) extra = G_VARIANT_BUILDER_INIT (G_VARIANT_TYPE_VARDICT);
  double from = odan_exercise_get_minute (self);

  if (!deliver_due (self, target, error))
    return 0;
  target = MAX (target, self->last_minute);
  g_variant_builder_add (&extra, "{sv}", "from", g_variant_new_double (from));
  return commit (self, clock_event (self, action, target, odan_clock_get_mode (clock),
                                    odan_clock_get_running (clock), odan_clock_get_speed (clock),
                                    &extra), -1, error);
}

gint64
odan_exercise_jump (OdanExercise  *self,
                    double         minute,
                    GError       **error)
{
  g_return_val_if_fail (ODAN_IS_EXERCISE (self), 0);

  if (!ready_to_log (self, error))
    return 0;
  if (!isfinite (minute) || minute <= odan_exercise_get_minute (self))
    {
      g_autofree char *now = format_time (odan_exercise_get_minute (self));

      g_set_error (error, ODAN_EXERCISE_ERROR, ODAN_EXERCISE_ERROR_CLOCK,
                   _("the clock only jumps forward, past %s"), now);
      return 0;
    }
  return move_to (self, "jump", minute, error);
}

gint64
odan_exercise_step (OdanExercise  *self,
                    GError       **error)
{
  double target = INFINITY;

  g_return_val_if_fail (ODAN_IS_EXERCISE (self), 0);

  if (!ready_to_log (self, error))
    return 0;
  for (guint i = 0; i < self->pack->n_injects; i++)
    if (self->injects[i].status == INJECT_PENDING)
      target = MIN (target, self->injects[i].due);
  if (isinf (target))
    {
      g_set_error (error, ODAN_EXERCISE_ERROR, ODAN_EXERCISE_ERROR_CLOCK, "%s",
                   _("no inject is left to deliver"));
      return 0;
    }
  return move_to (self, "step", MAX (target, odan_exercise_get_minute (self)), error);
}

gint64
odan_exercise_end (OdanExercise  *self,
                   GError       **error)
{
  OdanClock *clock = self->clock;
  double now;

  g_return_val_if_fail (ODAN_IS_EXERCISE (self), 0);

  if (!ready_to_log (self, error))
    return 0;
  now = odan_exercise_get_minute (self);
  return commit (self, clock_event (self, "end", now, odan_clock_get_mode (clock), FALSE,
                                    odan_clock_get_speed (clock), NULL), -1, error);
}

gboolean
odan_exercise_advance (OdanExercise  *self,
                       GError       **error)
{
  g_return_val_if_fail (ODAN_IS_EXERCISE (self), FALSE);

  if (!check_playing (self, error))
    return FALSE;
  return deliver_due (self, odan_exercise_get_minute (self), error);
}

gboolean
odan_exercise_advance_to (OdanExercise  *self,
                          double         minute,
                          GError       **error)
{
  OdanClock *clock = self->clock;

  g_return_val_if_fail (ODAN_IS_EXERCISE (self), FALSE);

  if (!check_playing (self, error))
    return FALSE;
  if (odan_clock_get_mode (clock) != ODAN_CLOCK_STEP || !odan_clock_get_running (clock))
    {
      g_set_error (error, ODAN_EXERCISE_ERROR, ODAN_EXERCISE_ERROR_CLOCK, "%s",
                   _("only a running clock that steps can be moved this way"));
      return FALSE;
    }
  if (!isfinite (minute) || minute < odan_exercise_get_minute (self))
    {
      g_autofree char *now = format_time (odan_exercise_get_minute (self));

      g_set_error (error, ODAN_EXERCISE_ERROR, ODAN_EXERCISE_ERROR_CLOCK,
                   _("the clock does not go back from %s"), now);
      return FALSE;
    }
  if (!deliver_due (self, minute, error))
    return FALSE;
  odan_clock_set (clock, ODAN_CLOCK_STEP, TRUE, 1.0, minute, odan_clock_get_wall_time (clock));
  return TRUE;
}

/* ------------------------------------------------------------------ */
/* Queries */

OdanStore *
odan_exercise_get_store (OdanExercise *self)
{
  g_return_val_if_fail (ODAN_IS_EXERCISE (self), NULL);

  return self->store;
}

const OdanPack *
odan_exercise_get_pack (OdanExercise *self)
{
  g_return_val_if_fail (ODAN_IS_EXERCISE (self), NULL);

  return self->pack;
}

OdanClock *
odan_exercise_get_clock (OdanExercise *self)
{
  g_return_val_if_fail (ODAN_IS_EXERCISE (self), NULL);

  return self->clock;
}

gboolean
odan_exercise_is_read_only (OdanExercise *self)
{
  g_return_val_if_fail (ODAN_IS_EXERCISE (self), TRUE);

  return odan_store_is_read_only (self->store);
}

guint
odan_exercise_get_n_events (OdanExercise *self)
{
  g_return_val_if_fail (ODAN_IS_EXERCISE (self), 0);

  return self->events->len;
}

const OdanEvent *
odan_exercise_get_event (OdanExercise *self,
                         guint         index)
{
  g_return_val_if_fail (ODAN_IS_EXERCISE (self), NULL);
  g_return_val_if_fail (index < self->events->len, NULL);

  return g_ptr_array_index (self->events, index);
}

double
odan_exercise_get_minute (OdanExercise *self)
{
  g_return_val_if_fail (ODAN_IS_EXERCISE (self), 0.0);

  return MAX (odan_clock_get_minute (self->clock), self->last_minute);
}

gboolean
odan_exercise_has_started (OdanExercise *self)
{
  g_return_val_if_fail (ODAN_IS_EXERCISE (self), FALSE);

  return self->started;
}

gboolean
odan_exercise_has_ended (OdanExercise *self)
{
  g_return_val_if_fail (ODAN_IS_EXERCISE (self), FALSE);

  return self->ended;
}

gboolean
odan_exercise_is_running_live (OdanExercise *self)
{
  g_return_val_if_fail (ODAN_IS_EXERCISE (self), FALSE);

  if (!odan_exercise_has_started (self) || self->ended)
    return FALSE;
  return odan_clock_get_running (self->clock) && odan_clock_get_mode (self->clock) == ODAN_CLOCK_REALTIME;
}

gboolean
odan_exercise_was_interrupted (OdanExercise *self)
{
  g_return_val_if_fail (ODAN_IS_EXERCISE (self), FALSE);

  return self->interrupted;
}

const OdanSim *
odan_exercise_get_sim (OdanExercise *self)
{
  double now;

  g_return_val_if_fail (ODAN_IS_EXERCISE (self), NULL);

  sim_catch_up (self);
  now = odan_exercise_get_minute (self);
  if (now > self->sim_until)
    {
      odan_sim_run_until (self->sim, now, NULL, NULL);
      self->sim_until = now;
    }
  return self->sim;
}

OdanSim *
odan_exercise_state_at (OdanExercise *self,
                        double        minute)
{
  g_return_val_if_fail (ODAN_IS_EXERCISE (self), NULL);

  return odan_exercise_state_after (self, self->replay->len, minute);
}

OdanSim *
odan_exercise_state_after (OdanExercise *self,
                           guint         n_events,
                           double        minute)
{
  OdanSim *sim;

  g_return_val_if_fail (ODAN_IS_EXERCISE (self), NULL);

  sim = odan_sim_new (self->pack);
  for (guint i = 0; i < MIN (n_events, self->replay->len); i++)
    {
      const Replay *r = &g_array_index (self->replay, Replay, i);

      /* events are in time order: the first one after @minute ends it */
      if (r->minute > minute)
        break;
      if (r->effects != NULL)
        replay_apply (sim, r);
    }
  odan_sim_run_until (sim, minute, NULL, NULL);
  return sim;
}

/* The model at the exercise's time, rebuilt from the log with its history. */
static OdanSim *
replay_with_history (OdanExercise *self,
                     double        minute)
{
  OdanSim *sim = odan_sim_new (self->pack);

  odan_sim_set_record_history (sim, TRUE);
  for (guint i = 0; i < self->replay->len; i++)
    {
      const Replay *r = &g_array_index (self->replay, Replay, i);

      if (r->minute > minute)
        break;
      if (r->effects != NULL)
        replay_apply (sim, r);
    }
  odan_sim_run_until (sim, minute, NULL, NULL);
  return sim;
}

char *
odan_exercise_explain (OdanExercise *self,
                       guint32       node)
{
  double minute;
  OdanSim *sim;
  char *text;

  g_return_val_if_fail (ODAN_IS_EXERCISE (self), NULL);
  g_return_val_if_fail (node < self->pack->n_nodes, NULL);

  minute = odan_exercise_get_minute (self);
  sim = replay_with_history (self, minute);
  text = odan_explain (sim, self->pack, self->decisions, node, minute);
  odan_sim_free (sim);
  return text;
}

GArray *
odan_exercise_node_history (OdanExercise *self,
                            guint32       node)
{
  OdanSim *sim;
  GArray *history;

  g_return_val_if_fail (ODAN_IS_EXERCISE (self), NULL);
  g_return_val_if_fail (node < self->pack->n_nodes, NULL);

  sim = replay_with_history (self, odan_exercise_get_minute (self));
  history = odan_sim_dup_history (sim, node);
  odan_sim_free (sim);
  return history;
}

/* ------------------------------------------------------------------ */
/* Describing events */

static char *
describe_clock (const OdanEvent *event)
{
  const char *a = event->action;
  double speed = odan_event_get_double (event, "speed", 1.0);
  gboolean realtime = g_strcmp0 (odan_event_get_string (event, "mode"), "realtime") == 0;
  g_autofree char *from = format_time (odan_event_get_double (event, "from", event->minute));
  g_autofree char *to = format_time (event->minute);

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
  g_autofree char *due = format_time (odan_event_get_double (event, "due", event->minute));
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
      g_autofree char *at = format_time (odan_event_get_double (event, "applies", event->minute));

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
        g_autofree char *from = format_time (odan_event_get_double (event, "previous", event->minute));
        g_autofree char *to = format_time (odan_event_get_double (event, "due", event->minute));

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
  return one_line (text);
}

/* ------------------------------------------------------------------ */
/* Opening */

static gboolean
on_stored_event (OdanEvent *event,
                 gpointer   user_data,
                 GError   **error)
{
  OdanExercise *self = user_data;

  if (!absorb (self, event, -1, error))
    {
      odan_event_free (event);
      return FALSE;
    }
  return TRUE;
}

gboolean
odan_exercise_init_store (OdanStore   *store,
                          const char  *pack_dir,
                          GError     **error)
{
  g_autoptr(GHashTable) files = NULL;
  g_autoptr(GHashTable) meta = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GPtrArray) diagnostics = g_ptr_array_new_with_free_func ((GDestroyNotify) odan_diagnostic_free);
  g_autoptr(OdanPack) pack = NULL;
  g_autoptr(GError) local_error = NULL;

  g_return_val_if_fail (ODAN_IS_STORE (store), FALSE);
  g_return_val_if_fail (pack_dir != NULL, FALSE);

  /* only a pack that loads may start an exercise */
  pack = odan_pack_load (pack_dir, diagnostics, &local_error);
  if (pack == NULL)
    {
      g_set_error (error, ODAN_EXERCISE_ERROR, ODAN_EXERCISE_ERROR_PACK, "%s", local_error->message);
      return FALSE;
    }
  files = odan_pack_read_folder (pack_dir, &local_error);
  if (files == NULL)
    {
      g_set_error (error, ODAN_EXERCISE_ERROR, ODAN_EXERCISE_ERROR_PACK,
                   _("cannot read the pack %s: %s"), pack_dir, local_error->message);
      return FALSE;
    }
  g_hash_table_insert (meta, (gpointer) "pack-id", pack->id);
  g_hash_table_insert (meta, (gpointer) "pack-title", pack->title);
  return odan_store_init_exercise (store, files, meta, error);
}

/* The first file that differs between @a and @b, or NULL. */
static const char *
first_difference (GHashTable *a,
                  GHashTable *b)
{
  GHashTableIter iter;
  gpointer key, value;

  g_hash_table_iter_init (&iter, a);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      GBytes *other = g_hash_table_lookup (b, key);

      if (other == NULL || !g_bytes_equal (value, other))
        return key;
    }
  g_hash_table_iter_init (&iter, b);
  while (g_hash_table_iter_next (&iter, &key, &value))
    if (!g_hash_table_contains (a, key))
      return key;
  return NULL;
}

GHashTable *
odan_exercise_read_pack (OdanStore   *store,
                         const char  *pack_dir,
                         GError     **error)
{
  g_autoptr(GHashTable) files = NULL;
  g_autoptr(GHashTable) given = NULL;
  g_autoptr(GError) local_error = NULL;
  const char *location;
  const char *differing;

  g_return_val_if_fail (ODAN_IS_STORE (store), NULL);

  files = odan_store_read_pack (store, error);
  if (files == NULL || pack_dir == NULL)
    return g_steal_pointer (&files);
  given = odan_pack_read_folder (pack_dir, &local_error);
  if (given == NULL)
    {
      g_set_error (error, ODAN_EXERCISE_ERROR, ODAN_EXERCISE_ERROR_PACK,
                   _("cannot read the pack %s: %s"), pack_dir, local_error->message);
      return NULL;
    }
  differing = first_difference (files, given);
  if (differing == NULL)
    return g_steal_pointer (&files);

  location = odan_store_get_location (store);
  if (odan_store_location_is_database (location))
    g_set_error (error, ODAN_EXERCISE_ERROR, ODAN_EXERCISE_ERROR_PACK,
                 _("%s was started from another version of the pack: %s differs from the "
                   "copy in the exercise. Start a new exercise to play this pack."),
                 location, differing);
  else
    g_set_error (error, ODAN_EXERCISE_ERROR, ODAN_EXERCISE_ERROR_PACK,
                 _("%s was started from another version of the pack: %s differs from the "
                   "copy in the exercise file. Start a new exercise file to play this pack."),
                 location, differing);
  return NULL;
}

#ifdef ODAN_HAVE_LIBPQ
#include "odan-pg-store.h"
#endif

/* The team whose own connection @store is, or NULL: a facilitator's,
 * an evaluator's or a file. */
static const char *
store_team (OdanStore *store)
{
#ifdef ODAN_HAVE_LIBPQ
  if (ODAN_IS_PG_STORE (store) && odan_pg_store_get_role (ODAN_PG_STORE (store)) == ODAN_PG_ROLE_TEAM)
    return odan_pg_store_get_team (ODAN_PG_STORE (store));
#endif
  return NULL;
}

static OdanExercise *
load (OdanStore   *store,
      GHashTable  *pack_files,
      GError     **error)
{
  g_autoptr(OdanExercise) self = g_object_new (ODAN_TYPE_EXERCISE, NULL);
  g_autoptr(GPtrArray) diagnostics = g_ptr_array_new_with_free_func ((GDestroyNotify) odan_diagnostic_free);
  g_autoptr(GError) local_error = NULL;
  g_autofree char *name = g_strdup_printf ("%s:pack", odan_store_get_location (store));

  self->store = g_object_ref (store);
  self->team_client = g_strdup (store_team (store));
  /* a team reads only its slice of the pack: no MSEL, the model only when teams see it */
  self->pack = self->team_client != NULL
               ? odan_pack_load_team_slice (name, pack_files, diagnostics, &local_error)
               : odan_pack_load_from_files (name, pack_files, diagnostics, &local_error);
  if (self->pack == NULL)
    {
      g_autoptr(GString) message = g_string_new (NULL);

      g_string_append_printf (message, _("the pack embedded in %s does not load: %s"),
                              odan_store_get_location (store), local_error->message);
      for (guint i = 0; i < diagnostics->len && i < 5; i++)
        {
          g_autofree char *line = odan_diagnostic_format (g_ptr_array_index (diagnostics, i));
          g_string_append_printf (message, "\n  %s", line);
        }
      g_set_error (error, ODAN_EXERCISE_ERROR, ODAN_EXERCISE_ERROR_PACK, "%s", message->str);
      return NULL;
    }

  self->injects = g_new0 (InjectState, MAX (self->pack->n_injects, 1));
  for (guint i = 0; i < self->pack->n_injects; i++)
    self->injects[i] = (InjectState) { self->pack->injects[i].time, INJECT_PENDING };
  self->pool_used = g_new0 (guint, MAX (self->pack->n_pools, 1));
  self->sim = odan_sim_new (self->pack);

  if (!odan_store_read_events (store, 0, on_stored_event, self, &local_error))
    {
      if (local_error->domain == ODAN_EXERCISE_ERROR)
        g_set_error (error, ODAN_EXERCISE_ERROR, ODAN_EXERCISE_ERROR_INCONSISTENT,
                     _("%s: the log contradicts itself: %s"),
                     odan_store_get_location (store), local_error->message);
      else
        g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }

  /* A clock that was running when the file was last written: the writer
   * stopped without pausing. Hold it at the last event, anchored at the
   * wall time the running clock read that minute, so that resuming on the
   * original schedule catches up from where the clock really was. */
  if (self->started)
    {
      OdanClock *clock = self->clock;
      double minute = MAX (self->last_minute, odan_clock_get_anchor_minute (clock));
      gint64 wall = odan_clock_get_anchor_wall (clock);

      self->interrupted = odan_clock_get_running (clock);
      if (self->interrupted && odan_clock_get_mode (clock) == ODAN_CLOCK_REALTIME)
        wall += (gint64) ((minute - odan_clock_get_anchor_minute (clock))
                          / odan_clock_get_speed (clock) * 60.0 * G_USEC_PER_SEC);
      odan_clock_set (clock, odan_clock_get_mode (clock), FALSE, odan_clock_get_speed (clock),
                      minute, wall);
    }
  sim_catch_up (self);
  return g_steal_pointer (&self);
}

OdanExercise *
odan_exercise_new (OdanStore  *store,
                   GError    **error)
{
  g_autoptr(GHashTable) files = NULL;

  g_return_val_if_fail (ODAN_IS_STORE (store), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  files = odan_store_read_pack (store, error);
  if (files == NULL)
    return NULL;
  return load (store, files, error);
}

OdanExercise *
odan_exercise_open (const char            *path,
                    const char            *pack_dir,
                    OdanExerciseOpenFlags  flags,
                    GError               **error)
{
  OdanSqliteStoreFlags store_flags = ODAN_SQLITE_STORE_OPEN_DEFAULT;
  g_autoptr(OdanStore) store = NULL;
  g_autoptr(GHashTable) files = NULL;
  gboolean empty;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);
  g_return_val_if_fail (!(flags & ODAN_EXERCISE_OPEN_CREATE) || pack_dir != NULL, NULL);

  if (flags & ODAN_EXERCISE_OPEN_READ_ONLY)
    store_flags |= ODAN_SQLITE_STORE_OPEN_READ_ONLY;
  if (flags & (ODAN_EXERCISE_OPEN_WRITE | ODAN_EXERCISE_OPEN_CREATE))
    store_flags |= ODAN_SQLITE_STORE_OPEN_REQUIRE_WRITE;
  if (flags & ODAN_EXERCISE_OPEN_CREATE)
    store_flags |= ODAN_SQLITE_STORE_OPEN_CREATE;

  store = odan_sqlite_store_open (path, store_flags, error);
  if (store == NULL)
    return NULL;

  /* a pack folder given for an exercise already under way must be its pack */
  empty = odan_store_is_empty (store);
  if (empty && (flags & ODAN_EXERCISE_OPEN_CREATE))
    {
      if (!odan_exercise_init_store (store, pack_dir, error))
        return NULL;
    }

  files = odan_exercise_read_pack (store, empty ? NULL : pack_dir, error);
  if (files == NULL)
    return NULL;
  return load (store, files, error);
}

/* ------------------------------------------------------------------ */
/* GObject */

static void
odan_exercise_dispose (GObject *object)
{
  OdanExercise *self = ODAN_EXERCISE (object);

  if (self->store != NULL)
    odan_exercise_unfollow (self);
  g_clear_object (&self->clock);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (odan_exercise_parent_class)->dispose (object);
}

static void
odan_exercise_finalize (GObject *object)
{
  OdanExercise *self = ODAN_EXERCISE (object);

  /* the sim borrows effects from the pack and from adhoc_effects */
  g_clear_pointer (&self->sim, odan_sim_free);
  g_ptr_array_unref (self->events);
  g_array_unref (self->replay);
  g_ptr_array_unref (self->adhoc_effects);
  g_array_unref (self->decisions);
  g_array_unref (self->decision_events);
  g_array_unref (self->pending);
  g_array_unref (self->planned);
  g_hash_table_unref (self->logged_keys);
  g_array_unref (self->forwards);
  g_hash_table_unref (self->acks);
  g_free (self->plan_file);
  g_free (self->team_client);
  g_free (self->injects);
  g_free (self->pool_used);
  g_clear_pointer (&self->pack, odan_pack_free);

  G_OBJECT_CLASS (odan_exercise_parent_class)->finalize (object);
}

static void
odan_exercise_class_init (OdanExerciseClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = odan_exercise_dispose;
  object_class->finalize = odan_exercise_finalize;

  /**
   * OdanExercise::event-added:
   * @event: (type gpointer): the OdanEvent, committed and applied
   *
   * Emitted after each new event is durable in the store and applied.
   */
  signals[EVENT_ADDED] =
    g_signal_new ("event-added", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_POINTER);
}

static void
odan_exercise_init (OdanExercise *self)
{
  self->clock = odan_clock_new ();
  self->events = g_ptr_array_new_with_free_func ((GDestroyNotify) odan_event_free);
  self->replay = g_array_new (FALSE, FALSE, sizeof (Replay));
  self->adhoc_effects = g_ptr_array_new_with_free_func ((GDestroyNotify) g_array_unref);
  self->decisions = g_array_new (FALSE, TRUE, sizeof (OdanDecision));
  g_array_set_clear_func (self->decisions, (GDestroyNotify) odan_decision_clear);
  self->decision_events = g_array_new (FALSE, FALSE, sizeof (gint64));
  self->pending = g_array_new (FALSE, FALSE, sizeof (Pending));
  self->planned = g_array_new (FALSE, TRUE, sizeof (Planned));
  g_array_set_clear_func (self->planned, (GDestroyNotify) planned_clear);
  self->logged_keys = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->forwards = g_array_new (FALSE, TRUE, sizeof (Forward));
  g_array_set_clear_func (self->forwards, (GDestroyNotify) forward_clear);
  self->acks = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->sim_until = -INFINITY;
}

/* ------------------------------------------------------------------ */
/* Evaluators' entries with details (odan-evaluation.h) */

gint64
odan_exercise_observe_with_details (OdanExercise  *self,
                                    const char    *action,
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
  g_return_val_if_fail (action != NULL && action[0] != '\0', 0);
  g_return_val_if_fail (details == NULL || g_variant_is_of_type (details, G_VARIANT_TYPE_VARDICT), 0);

  if (!check_observation (self, text, team, error))
    return 0;
  if (ref < 0 || (ref > 0 && odan_exercise_find_event (self, ref) == NULL))
    {
      g_autofree char *id = g_strdup_printf ("%" G_GINT64_FORMAT, ref);

      invalid (error, _("no event %s in the log"), id);
      return 0;
    }
  if (!catch_up (self, error))
    return 0;

  if (owned != NULL)
    {
      GVariantIter iter;
      const char *key;
      GVariant *value;

      g_variant_iter_init (&iter, owned);
      while (g_variant_iter_next (&iter, "{&sv}", &key, &value))
        {
          if (strcmp (key, "by") != 0)
            g_variant_builder_add (&builder, "{sv}", key, value);
          g_variant_unref (value);
        }
    }
  return commit_observation (self, action, text, team, ref, by, &builder, error);
}

/* ------------------------------------------------------------------ */
/* Following a store other connections write to (multi-site play)
 *
 * On PostgreSQL, teams and evaluators append to the log the facilitator
 * writes. Their events reach this exercise through the same absorb() as
 * on opening, in id order, each once: the id of the last event applied is
 * the only bookmark, so a watch that catches up after a reconnect, an
 * explicit sync and commit()'s own catch-up may overlap freely. The watch
 * only queues what it reads; an idle callback applies the queue, so no
 * "event-added" handler ever runs inside the store's read loop (a handler
 * may commit, or close the exercise). */

struct _OdanExerciseFollow
{
  GPtrArray *queue;      /* OdanEvent*, read by the watch, not applied yet */
  guint      idle_id;
  gboolean   carries;    /* the facilitator's writing connection: carries what teams forward */
};

static gint64
last_applied_id (OdanExercise *self)
{
  const OdanEvent *last;

  if (self->events->len == 0)
    return 0;
  last = g_ptr_array_index (self->events, self->events->len - 1);
  return last->id;
}

static gboolean
collect_event (OdanEvent *event,
               gpointer   user_data,
               GError   **error)
{
  g_ptr_array_add (user_data, event);
  return TRUE;
}

/* Applies the events of @batch (id order) that come after the last one
 * applied and before @before (0: no limit), telling the listeners of each. */
static gboolean
apply_batch (OdanExercise *self,
             GPtrArray    *batch,
             gint64        before,
             GError      **error)
{
  for (guint i = 0; i < batch->len; i++)
    {
      OdanEvent *event = g_ptr_array_index (batch, i);
      g_autoptr(GError) local_error = NULL;

      if (event->id <= last_applied_id (self) || (before > 0 && event->id >= before))
        continue;
      if (!absorb (self, event, -1, &local_error))
        {
          g_set_error (error, ODAN_EXERCISE_ERROR, ODAN_EXERCISE_ERROR_INCONSISTENT,
                       _("%s: the log contradicts itself: %s"),
                       odan_store_get_location (self->store), local_error->message);
          return FALSE;
        }
      /* the log owns it now */
      g_ptr_array_index (batch, i) = NULL;
      sim_catch_up (self);
      g_signal_emit (self, signals[EVENT_ADDED], 0, event);
    }
  return TRUE;
}

static gboolean
sync_before (OdanExercise *self,
             gint64        before,
             GError      **error)
{
  g_autoptr(GPtrArray) batch = g_ptr_array_new_with_free_func ((GDestroyNotify) odan_event_free);

  if (!odan_store_read_events (self->store, last_applied_id (self), collect_event, batch, error))
    return FALSE;
  return apply_batch (self, batch, before, error);
}

/* commit()'s catch-up: another connection may have committed events just
 * before ours (ids are handed out in commit order), and they must be applied
 * first so that the log applies in id order here as on reopening. */
static gboolean
sync_before_commit (OdanExercise *self,
                    gint64        id,
                    GError      **error)
{
  if (id == last_applied_id (self) + 1)
    return TRUE;
  return sync_before (self, id, error);
}

gboolean
odan_exercise_sync (OdanExercise  *self,
                    GError       **error)
{
  g_return_val_if_fail (ODAN_IS_EXERCISE (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  return sync_before (self, 0, error);
}

static gboolean
follow_apply (gpointer user_data)
{
  OdanExercise *self = user_data;
  g_autoptr(GPtrArray) batch = NULL;
  g_autoptr(GError) error = NULL;

  self->follow->idle_id = 0;
  batch = g_steal_pointer (&self->follow->queue);
  self->follow->queue = g_ptr_array_new_with_free_func ((GDestroyNotify) odan_event_free);
  g_object_ref (self);
  /* a team's forward without delay arrives with its decision: the writer
   * carries it as soon as it applies the decision */
  if (!apply_batch (self, batch, 0, &error)
      || (self->follow != NULL && self->follow->carries && self->started && !self->ended
          && !deliver_forwards_due (self, self->last_minute, &error)))
    {
      /* the log cannot be applied here: stop rather than show a state that
       * reopening would not give */
      g_warning ("%s", error->message);
      odan_exercise_unfollow (self);
    }
  g_object_unref (self);
  return G_SOURCE_REMOVE;
}

#ifdef ODAN_HAVE_LIBPQ
static gboolean
follow_queue_event (OdanEvent *event,
                    gpointer   user_data,
                    GError   **error)
{
  OdanExercise *self = user_data;

  g_ptr_array_add (self->follow->queue, event);
  if (self->follow->idle_id == 0)
    self->follow->idle_id = g_idle_add (follow_apply, self);
  return TRUE;
}

/* The writer is elsewhere: a clock that was running when this connection
 * opened the log is running there still, not interrupted. */
static void
follow_running_clock (OdanExercise *self)
{
  for (guint i = self->events->len; i > 0; i--)
    {
      const OdanEvent *event = g_ptr_array_index (self->events, i - 1);
      gint64 wall = 0;

      if (event->kind != ODAN_EVENT_CLOCK)
        continue;
      if (!odan_wall_time_parse (event->wall, &wall))
        wall = 0;
      odan_clock_set (self->clock,
                      g_strcmp0 (odan_event_get_string (event, "mode"), "realtime") == 0
                      ? ODAN_CLOCK_REALTIME : ODAN_CLOCK_STEP,
                      odan_event_get_boolean (event, "running", FALSE) && !self->ended,
                      odan_event_get_double (event, "speed", 1.0), event->minute, wall);
      self->interrupted = FALSE;
      return;
    }
}
#endif

void
odan_exercise_follow (OdanExercise *self)
{
  g_return_if_fail (ODAN_IS_EXERCISE (self));

  if (self->follow != NULL)
    return;
#ifdef ODAN_HAVE_LIBPQ
  if (ODAN_IS_PG_STORE (self->store))
    {
      OdanPgStore *store = ODAN_PG_STORE (self->store);
      OdanPgRole role = odan_pg_store_get_role (store);

      if (self->interrupted
          && ((role != ODAN_PG_ROLE_OWNER && role != ODAN_PG_ROLE_FACILITATOR)
              || odan_store_get_access (self->store) != ODAN_STORE_ACCESS_READ_WRITE))
        follow_running_clock (self);
      self->follow = g_new0 (OdanExerciseFollow, 1);
      self->follow->queue = g_ptr_array_new_with_free_func ((GDestroyNotify) odan_event_free);
      self->follow->carries = (role == ODAN_PG_ROLE_OWNER || role == ODAN_PG_ROLE_FACILITATOR)
                              && odan_store_get_access (self->store) == ODAN_STORE_ACCESS_READ_WRITE;
      odan_pg_store_watch (store, last_applied_id (self), follow_queue_event, self, NULL);
    }
#endif
}

void
odan_exercise_unfollow (OdanExercise *self)
{
  g_return_if_fail (ODAN_IS_EXERCISE (self));

  if (self->follow == NULL)
    return;
#ifdef ODAN_HAVE_LIBPQ
  if (ODAN_IS_PG_STORE (self->store))
    odan_pg_store_unwatch (ODAN_PG_STORE (self->store));
#endif
  g_clear_handle_id (&self->follow->idle_id, g_source_remove);
  g_ptr_array_unref (self->follow->queue);
  g_clear_pointer (&self->follow, g_free);
}

const char *
odan_exercise_get_team_client (OdanExercise *self)
{
  g_return_val_if_fail (ODAN_IS_EXERCISE (self), NULL);

  return self->team_client;
}

gboolean
odan_exercise_is_following (OdanExercise *self)
{
  g_return_val_if_fail (ODAN_IS_EXERCISE (self), FALSE);

  return self->follow != NULL;
}

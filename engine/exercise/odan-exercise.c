/* odan-exercise.c — a running exercise: the object, opening, and its log applied
 *
 * This file holds the object, opening an exercise and applying its log, and
 * the queries; the clock, injects, decisions, evaluators' entries, the text
 * of events and following live in odan-exercise-*.c (see
 * odan-exercise-private.h).
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
 *  - a replay step per event (engine/sim/odan-replay.h, the one mapping
 *    shared with the counterfactuals): the effects it schedules in the
 *    model, if any, at its minute.
 *
 * The model at minute M (odan_exercise_state_at) is a fresh OdanSim that
 * gets every step with minute ≤ M in order — each scheduled after
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

#include "odan-exercise-private.h"
#include "odan-explain.h"
#include "odan-time.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

G_DEFINE_QUARK (odan-exercise-error-quark, odan_exercise_error)

G_DEFINE_FINAL_TYPE (OdanExercise, odan_exercise, G_TYPE_OBJECT)

enum {
  EVENT_ADDED,
  EVENT_SKIPPED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

void
_odan_exercise_event_added (OdanExercise *self,
                            OdanEvent    *event)
{
  g_signal_emit (self, signals[EVENT_ADDED], 0, event);
}

char *
_odan_exercise_logged_key (const char *team,
                           const char *source)
{
  return g_strdup_printf ("%s\n%s", team != NULL ? team : "", source);
}

static void
note_skipped (OdanExercise *self,
              gint64        id,
              const char   *message)
{
  g_ptr_array_add (self->skipped, g_strdup (message));
  g_signal_emit (self, signals[EVENT_SKIPPED], 0, id, message);
}

void
_odan_exercise_skip (OdanExercise *self,
                     OdanEvent    *event,
                     const char   *why)
{
  g_autofree char *number = g_strdup_printf ("%" G_GINT64_FORMAT, event->id);
  g_autofree char *message = g_strdup_printf (_("%s: event %s, written by %s, is left out: %s"),
                                              odan_store_get_location (self->store), number,
                                              event->actor != NULL ? event->actor : "?", why);

  g_message ("%s", message);
  self->skipped_through = MAX (self->skipped_through, event->id);
  note_skipped (self, event->id, message);
  odan_event_free (event);
}

/* The store left out a member's row it could not read (already said). */
static void
on_store_skipped (OdanStore  *store,
                  gint64      id,
                  const char *message,
                  gpointer    user_data)
{
  note_skipped (user_data, id, message);
}

const GPtrArray *
odan_exercise_get_skipped (OdanExercise *self)
{
  g_return_val_if_fail (ODAN_IS_EXERCISE (self), NULL);

  return self->skipped;
}

/* ------------------------------------------------------------------ */
/* Helpers */

OdanClockMode
_odan_exercise_event_clock_mode (const OdanEvent *event)
{
  const char *nick = odan_event_get_mode (event);
  int mode = ODAN_CLOCK_STEP;

  if (nick != NULL)
    odan_enum_from_nick (ODAN_TYPE_CLOCK_MODE, nick, &mode);
  return (OdanClockMode) mode;
}

gboolean
_odan_exercise_inconsistent (const OdanEvent *event,
                             const char      *problem,
                             GError         **error)
{
  /* the number as text: xgettext cannot see through G_GINT64_FORMAT */
  g_autofree char *id = g_strdup_printf ("%" G_GINT64_FORMAT, event->id);

  g_set_error (error, ODAN_EXERCISE_ERROR, ODAN_EXERCISE_ERROR_INCONSISTENT,
               _("event %s (%s): %s"), id, odan_event_kind_to_string (event->kind), problem);
  return FALSE;
}

char *
_odan_exercise_format_time (double minute)
{
  return odan_time_format_offset (minute);
}

/* One line: newlines and tabs of multi-line text become spaces. */
char *
_odan_exercise_one_line (const char *text)
{
  char *line = g_strdup (text != NULL ? text : "");

  for (char *p = line; *p != '\0'; p++)
    if (*p == '\n' || *p == '\r' || *p == '\t')
      *p = ' ';
  return line;
}

void
_odan_exercise_add_string (GVariantBuilder *builder,
            const char      *key,
            const char      *value)
{
  if (value != NULL)
    g_variant_builder_add (builder, "{sv}", key, g_variant_new_string (value));
}

GVariant *
_odan_exercise_team_ids (const OdanPack *pack,
          const guint32  *teams,
          guint           n_teams)
{
  g_autoptr(GPtrArray) ids = g_ptr_array_new ();

  for (guint i = 0; i < n_teams; i++)
    g_ptr_array_add (ids, pack->teams[teams[i]].id);
  return g_variant_new_strv ((const char *const *) ids->pdata, (gssize) ids->len);
}

GArray *
_odan_exercise_parse_effects (const OdanPack *pack,
               const char     *text,
               GError        **error)
{
  g_autoptr(GArray) effects = odan_effects_parse (text != NULL ? text : "", error);
  guint n_empty = 0;

  if (effects == NULL || !odan_effects_resolve (effects, pack, &n_empty, error))
    return NULL;
  return g_steal_pointer (&effects);
}

gboolean
_odan_exercise_event_reaches (const OdanEvent *event,
               const char      *team_id)
{
  g_auto(GStrv) ids = NULL;

  if (!odan_event_reaches_teams (event))
    return FALSE;
  if (odan_event_is_to_all (event))
    return TRUE;
  ids = odan_event_dup_to (event);
  return ids != NULL && g_strv_contains ((const char *const *) ids, team_id);
}

char *
_odan_exercise_ack_key (gint64      delivery,
         const char *team,
         const char *action)
{
  return g_strdup_printf ("%" G_GINT64_FORMAT "\x1f%s\x1f%s", delivery, team, action);
}

/* ------------------------------------------------------------------ */
/* The live model */

static void
sim_rebuild (OdanExercise *self,
             guint         n_events)
{
  g_clear_pointer (&self->sim, odan_sim_free);
  self->sim = odan_sim_new (self->pack);
  self->sim_until = -INFINITY;
  for (guint i = 0; i < n_events; i++)
    {
      const OdanReplayStep *r = odan_replay_get_step (self->replay, i);

      if (r->effects != NULL)
        {
          odan_replay_apply (self->sim, r, NULL, NULL);
          self->sim_until = nextafter (r->minute, -INFINITY);
        }
    }
  self->sim_events = n_events;
}

void
_odan_exercise_sim_catch_up (OdanExercise *self)
{
  while (self->sim_events < odan_replay_get_n_steps (self->replay))
    {
      const OdanReplayStep *r = odan_replay_get_step (self->replay, self->sim_events);

      if (r->effects == NULL)
        self->sim_events++;
      else if (self->sim_until >= r->minute)
        /* the sim has been shown this instant already: start over */
        sim_rebuild (self, self->sim_events + 1);
      else
        {
          odan_replay_apply (self->sim, r, NULL, NULL);
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
  OdanClockMode mode = _odan_exercise_event_clock_mode (event);
  double speed = odan_event_get_speed (event);
  gboolean running = odan_event_is_running (event);

  /* an event's action is always one of its kind's (odan-event.h) */
  if (event->action == ODAN_ACTION_START)
    {
      if (self->started)
        return _odan_exercise_inconsistent (event, _("the exercise starts twice"), error);
      self->started = TRUE;
    }
  else if (!self->started)
    return _odan_exercise_inconsistent (event, _("a clock change before the start"), error);
  if (event->action == ODAN_ACTION_END)
    {
      self->ended = TRUE;
      running = FALSE;
    }
  if (event->action == ODAN_ACTION_RESUME)
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
                 GError         **error)
{
  guint32 inject;

  if (event->action == ODAN_ACTION_FORWARDED)
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
              guint members = f->members;
              guint32 via = f->team;

              if (event->minute < f->due)
                return _odan_exercise_inconsistent (event, _("a forward delivered before its channel could carry it"), error);
              if (odan_event_get_uint32 (event, ODAN_EVENT_KEY_MEMBERS, 0) != members)
                return _odan_exercise_inconsistent (event, _("a forward to another number of members than its decision"), error);
              g_array_remove_index (self->forwards, i);
              /* a team client logs nothing that falls due: the answers are the facilitator's */
              if (members > 0 && self->team_client == NULL)
                _odan_exercise_members_schedule (self, event, via);
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
      return _odan_exercise_inconsistent (event, _("no decision forwards this inject now"), error);
    }

  /* its effect text is read with the replay (absorb) */
  if (event->action == ODAN_ACTION_ADHOC)
    return TRUE;

  /* a team client has no MSEL: a delivery brings the inject with its text */
  if (self->team_client != NULL && event->subject != NULL)
    inject = learn_inject (self, event->subject);
  else if (event->subject == NULL
           || (inject = odan_pack_find_inject (self->pack, event->subject)) == ODAN_NONE)
    return _odan_exercise_inconsistent (event, _("an inject that is not in the pack"), error);
  if (self->injects[inject].status != INJECT_PENDING)
    return _odan_exercise_inconsistent (event, _("the inject was delivered or skipped before"), error);

  if (event->action == ODAN_ACTION_SKIPPED)
    {
      self->injects[inject].status = INJECT_SKIPPED;
      return TRUE;
    }
  /* scheduled, delayed or early */

  self->injects[inject].status = INJECT_DELIVERED;
  return TRUE;
}

static gboolean
absorb_reschedule (OdanExercise    *self,
                   const OdanEvent *event,
                   GError         **error)
{
  double due = odan_event_get_due (event, NAN);
  guint32 inject;

  if (event->subject == NULL
      || (inject = odan_pack_find_inject (self->pack, event->subject)) == ODAN_NONE)
    return _odan_exercise_inconsistent (event, _("an inject that is not in the pack"), error);
  if (self->injects[inject].status != INJECT_PENDING)
    return _odan_exercise_inconsistent (event, _("the inject was delivered or skipped before"), error);
  if (!isfinite (due) || due < event->minute)
    return _odan_exercise_inconsistent (event, _("the new time is missing or in the past"), error);
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

/* A forward: one waiting delivery per inject of @inject_list, each copying
 * the delivery (@origins) that reached the forwarding @team. NULL, or what
 * makes the forward impossible (then nothing is kept). */
static const char *
absorb_forward (OdanExercise     *self,
                const OdanEvent  *event,
                guint32           team,
                GArray           *inject_list,
                const char      **forward_to,
                GVariant         *origins,
                const char       *forward_channel,
                double            arrives)
{
  gsize n_origins = origins != NULL ? g_variant_n_children (origins) : 0;
  const gint64 *origin_ids = n_origins > 0 ? g_variant_get_fixed_array (origins, &n_origins, sizeof (gint64)) : NULL;
  guint members = odan_event_get_uint32 (event, ODAN_EVENT_KEY_FORWARD_MEMBERS, 0);

  if (members != 0 && members != self->pack->teams[team].members)
    return _("a forward to another number of simulated members than the team has");
  if ((forward_to[0] == NULL && members == 0) || n_origins != inject_list->len || !isfinite (arrives))
    return _("a forward without recipients, origins or time of arrival");
  /* the server stamps a team's event with the log's last minute, which
   * its own connection may not see: a forward never arrives before the
   * decision that sends it */
  arrives = MAX (arrives, event->minute);
  for (guint i = 0; forward_to[i] != NULL; i++)
    if (odan_pack_find_team (self->pack, forward_to[i]) == ODAN_NONE)
      return _("a forward to a team that is not in the pack");
  for (guint i = 0; i < n_origins; i++)
    {
      const OdanEvent *origin = odan_exercise_find_event (self, origin_ids[i]);
      guint32 inject = g_array_index (inject_list, guint32, i);

      if (origin == NULL || !_odan_exercise_event_reaches (origin, event->team)
          || g_strcmp0 (origin->subject, self->pack->injects[inject].id) != 0)
        return _("a forward of an inject that had not reached the team");
    }
  for (guint i = 0; i < n_origins; i++)
    {
      Forward f = { arrives, event->id, i, g_array_index (inject_list, guint32, i), origin_ids[i],
                    team, g_strdupv ((char **) forward_to), g_strdup (forward_channel), members };
      guint at = self->forwards->len;

      while (at > 0 && g_array_index (self->forwards, Forward, at - 1).due > f.due)
        at--;
      g_array_insert_val (self->forwards, at, f);
    }
  return NULL;
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
  /* copies: a detail read in place lives only as long as its value, and
   * the value goes at the end of each turn of the loop */
  g_auto(GStrv) forward_to = NULL;
  g_autoptr(GVariant) origins = NULL;
  g_autofree char *forward_channel = NULL;
  double arrives = NAN;
  GVariantIter iter;
  const char *key;
  GVariant *value;

  d.time = event->minute;
  d.mitigation = ODAN_NONE;
  d.inject = ODAN_NONE;
  if (event->team == NULL || (d.team = odan_pack_find_team (self->pack, event->team)) == ODAN_NONE)
    return _odan_exercise_inconsistent (event, _("a team that is not in the pack"), error);
  d.category = event->category;
  if (event->subject != NULL
      && (d.mitigation = odan_pack_find_mitigation (self->pack, event->subject)) == ODAN_NONE)
    return _odan_exercise_inconsistent (event, _("a mitigation that is not in the pack"), error);

  /* one pass over the details: a log of 10⁵ events is read on every open */
  g_variant_iter_init (&iter, event->details);
  while (g_variant_iter_next (&iter, "{&sv}", &key, &value))
    {
      gboolean is_string = g_variant_is_of_type (value, G_VARIANT_TYPE_STRING);
      gboolean is_strv = g_variant_is_of_type (value, G_VARIANT_TYPE_STRING_ARRAY);

      if (is_strv && strcmp (key, ODAN_EVENT_KEY_INJECTS) == 0)
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
      else if (is_strv && strcmp (key, ODAN_EVENT_KEY_RECIPIENTS) == 0)
        d.recipients = g_variant_dup_strv (value, NULL);
      else if (is_string && strcmp (key, ODAN_EVENT_KEY_STAGE) == 0)
        bad_stage = !odan_report_stage_from_string (g_variant_get_string (value, NULL), &d.stage);
      else if (is_string && strcmp (key, ODAN_EVENT_KEY_MINISTRY) == 0)
        d.ministry = g_variant_dup_string (value, NULL);
      else if (is_string && strcmp (key, ODAN_EVENT_KEY_CHANNEL) == 0)
        d.channel = g_variant_dup_string (value, NULL);
      else if (is_string && strcmp (key, ODAN_EVENT_KEY_AUDIENCE) == 0)
        d.audience = g_variant_dup_string (value, NULL);
      else if (is_string && strcmp (key, ODAN_EVENT_KEY_MITIGATION_STATUS) == 0)
        accepted = strcmp (g_variant_get_string (value, NULL), "accepted") == 0;
      else if (is_string && strcmp (key, ODAN_EVENT_KEY_SOURCE) == 0)
        g_hash_table_add (self->logged_keys,
                          _odan_exercise_logged_key (event->team, g_variant_get_string (value, NULL)));
      else if (strcmp (key, ODAN_EVENT_KEY_BCP) == 0 && g_variant_is_of_type (value, G_VARIANT_TYPE_BOOLEAN))
        d.bcp = g_variant_get_boolean (value);
      else if (is_strv && strcmp (key, ODAN_EVENT_KEY_FORWARD_TO) == 0)
        {
          g_strfreev (forward_to);
          forward_to = g_variant_dup_strv (value, NULL);
        }
      else if (strcmp (key, ODAN_EVENT_KEY_FORWARD_ORIGINS) == 0 && g_variant_is_of_type (value, G_VARIANT_TYPE ("ax")))
        {
          g_clear_pointer (&origins, g_variant_unref);
          origins = g_variant_ref (value);
        }
      else if (is_string && strcmp (key, ODAN_EVENT_KEY_FORWARD_CHANNEL) == 0)
        {
          g_free (forward_channel);
          forward_channel = g_variant_dup_string (value, NULL);
        }
      else if (strcmp (key, ODAN_EVENT_KEY_ARRIVES) == 0 && g_variant_is_of_type (value, G_VARIANT_TYPE_DOUBLE))
        arrives = g_variant_get_double (value);
      g_variant_unref (value);
    }
  if (bad_inject || bad_stage)
    {
      odan_decision_clear (&d);
      return _odan_exercise_inconsistent (event, bad_inject ? _("an inject that is not in the pack")
                                             : _("an unknown report stage"), error);
    }

  if (forward_to != NULL)
    {
      const char *problem = absorb_forward (self, event, d.team, inject_list, (const char **) forward_to, origins,
                                            forward_channel, arrives);

      if (problem != NULL)
        {
          odan_decision_clear (&d);
          return _odan_exercise_inconsistent (event, problem, error);
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
                   GError         **error)
{
  for (guint i = 0; i < self->pending->len; i++)
    {
      Pending p = g_array_index (self->pending, Pending, i);
      const OdanMitigation *m = &self->pack->mitigations[p.mitigation];

      if (p.decision_event != event->ref)
        continue;
      if (g_strcmp0 (event->subject, m->id) != 0)
        return _odan_exercise_inconsistent (event, _("not the mitigation its decision chose"), error);
      /* its effects, with the decision as origin, come with the replay */
      g_array_remove_index (self->pending, i);
      return TRUE;
    }
  return _odan_exercise_inconsistent (event, _("no decision is waiting for this mitigation"), error);
}

static gboolean
absorb_ack (OdanExercise    *self,
            const OdanEvent *event,
            GError         **error)
{
  const OdanEvent *delivery;
  g_autofree char *key = NULL;
  const char *source;

  /* a simulated member's answer has no team */
  if (event->team == NULL && odan_event_get_uint32 (event, ODAN_EVENT_KEY_MEMBER, 0) > 0)
    return _odan_exercise_absorb_member_ack (self, event, error);
  if (event->team == NULL || odan_pack_find_team (self->pack, event->team) == ODAN_NONE)
    return _odan_exercise_inconsistent (event, _("a team that is not in the pack"), error);
  delivery = odan_exercise_find_event (self, event->ref);
  if (delivery == NULL || !_odan_exercise_event_reaches (delivery, event->team))
    return _odan_exercise_inconsistent (event, _("an acknowledgement of a delivery that did not reach the team"), error);
  key = _odan_exercise_ack_key (event->ref, event->team, odan_event_action_to_string (event));
  if (g_hash_table_contains (self->acks, key))
    return _odan_exercise_inconsistent (event, _("the team acknowledged this delivery so before"), error);
  /* stored after the event joins the log: _odan_exercise_absorb() adds it right after */
  g_hash_table_insert (self->acks, g_steal_pointer (&key), (gpointer) event);
  source = odan_event_get_source (event);
  if (source != NULL)
    g_hash_table_add (self->logged_keys, _odan_exercise_logged_key (event->team, source));
  return TRUE;
}

/* Applies @event (already in the store) and takes it. @wall is its
 * wall-clock time in µs, or -1 to read it from the event. */
gboolean
_odan_exercise_absorb (OdanExercise *self,
        OdanEvent    *event,
        gint64        wall,
        GError      **error)
{
  g_autoptr(GError) local_error = NULL;
  gboolean ok = TRUE;

  if (!isfinite (event->minute) || event->minute < 0)
    return _odan_exercise_inconsistent (event, _("its time is not a time of the exercise"), error);
  if (self->events->len > 0 && event->minute < self->last_minute)
    return _odan_exercise_inconsistent (event, _("it comes before the event above it"), error);
  if (!self->started && event->kind != ODAN_EVENT_CLOCK && event->kind != ODAN_EVENT_OBSERVATION)
    return _odan_exercise_inconsistent (event, _("it comes before the start"), error);

  switch (event->kind)
    {
    case ODAN_EVENT_CLOCK:
      ok = absorb_clock (self, event, wall, error);
      break;
    case ODAN_EVENT_DELIVERY:
      ok = absorb_delivery (self, event, error);
      break;
    case ODAN_EVENT_RESCHEDULE:
      ok = absorb_reschedule (self, event, error);
      break;
    case ODAN_EVENT_DECISION:
      ok = absorb_decision (self, event, error);
      break;
    case ODAN_EVENT_MITIGATION:
      ok = absorb_mitigation (self, event, error);
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
  /* what it does to the model: only an ad hoc effect text can fail here */
  if (!odan_replay_add (self->replay, event, &local_error))
    return _odan_exercise_inconsistent (event, local_error->message, error);

  g_ptr_array_add (self->events, event);
  self->last_minute = event->minute;
  return TRUE;
}

/* ------------------------------------------------------------------ */
/* Committing */

gboolean
_odan_exercise_check_writable (OdanExercise *self,
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

gboolean
_odan_exercise_check_playing (OdanExercise *self,
               GError      **error)
{
  if (!_odan_exercise_check_writable (self, error))
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


/* Commits @event (taken), applies it and tells the listeners. @wall: the
 * wall-clock µs to stamp it with, or -1 for now. */
/* Applies @event (taken), just committed, and tells the listeners. */
static gint64
apply_committed (OdanExercise *self,
                 OdanEvent    *event,
                 gint64        wall,
                 GError      **error)
{
  g_autoptr(OdanEvent) owned = event;
  g_autoptr(GError) local_error = NULL;

  if (!_odan_exercise_sync_before_commit (self, event->id, error))
    return 0;

  /* The checks before each _odan_exercise_commit make this succeed; if it did not, the
   * file would hold an event that reopening rejects, so say so loudly. */
  if (!_odan_exercise_absorb (self, event, wall, &local_error))
    {
      g_critical ("%s: logged an event it cannot apply: %s",
                  odan_store_get_location (self->store), local_error->message);
      g_propagate_error (error, g_steal_pointer (&local_error));
      return 0;
    }
  g_steal_pointer (&owned);
  _odan_exercise_sim_catch_up (self);
  g_signal_emit (self, signals[EVENT_ADDED], 0, event);
  return event->id;
}

gint64
_odan_exercise_commit (OdanExercise *self,
        OdanEvent    *event,
        gint64        wall,
        GError      **error)
{
  g_autoptr(OdanEvent) owned = event;

  if (wall < 0)
    wall = odan_clock_get_wall_time (self->clock);
  g_free (event->wall);
  event->wall = odan_wall_time_format (wall);
  if (event->actor == NULL)
    event->actor = g_strdup ("system");

  if (!odan_store_append_event (self->store, event, error))
    return 0;
  return apply_committed (self, g_steal_pointer (&owned), wall, error);
}

/* Commits @events (taken) in one transaction where the store can, then
 * applies each as _odan_exercise_commit() does. Returns the last id, or 0. */
gint64
_odan_exercise_commit_many (OdanExercise  *self,
                            OdanEvent    **events,
                            guint          n_events,
                            GError       **error)
{
  gint64 wall = odan_clock_get_wall_time (self->clock);
  gint64 last = 0;
  guint i;

  for (i = 0; i < n_events; i++)
    {
      g_free (events[i]->wall);
      events[i]->wall = odan_wall_time_format (wall);
      if (events[i]->actor == NULL)
        events[i]->actor = g_strdup ("system");
    }
  if (!odan_store_append_events (self->store, events, n_events, error))
    {
      /* a store without transactions keeps those committed before the failure */
      gboolean applying = TRUE;

      for (i = 0; i < n_events; i++)
        {
          if (applying && events[i]->id != 0)
            applying = apply_committed (self, events[i], wall, NULL) != 0;   /* takes it */
          else
            odan_event_free (events[i]);
        }
      return 0;
    }
  for (i = 0; i < n_events; i++)
    {
      if (last >= 0)
        {
          gint64 id = apply_committed (self, events[i], wall, error);   /* takes it */

          last = id != 0 ? id : -1;
        }
      else
        odan_event_free (events[i]);
    }
  return MAX (last, 0);
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

  _odan_exercise_sim_catch_up (self);
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

  return odan_exercise_state_after (self, odan_replay_get_n_steps (self->replay), minute);
}

OdanSim *
odan_exercise_state_after (OdanExercise *self,
                           guint         n_events,
                           double        minute)
{
  OdanSim *sim;

  g_return_val_if_fail (ODAN_IS_EXERCISE (self), NULL);

  sim = odan_sim_new (self->pack);
  odan_replay_run (self->replay, sim, n_events, minute, NULL, NULL);
  return sim;
}

/* The model at the exercise's time, rebuilt from the log with its history. */
static OdanSim *
replay_with_history (OdanExercise *self,
                     double        minute)
{
  OdanSim *sim = odan_sim_new (self->pack);

  odan_sim_set_record_history (sim, TRUE);
  odan_replay_run (self->replay, sim, G_MAXUINT, minute, NULL, NULL);
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

OdanSim *
odan_exercise_replay_history (OdanExercise *self)
{
  g_return_val_if_fail (ODAN_IS_EXERCISE (self), NULL);

  return replay_with_history (self, odan_exercise_get_minute (self));
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
/* Opening */

static gboolean
on_stored_event (OdanEvent *event,
                 gpointer   user_data,
                 GError   **error)
{
  OdanExercise *self = user_data;
  g_autoptr(GError) local_error = NULL;

  if (!_odan_exercise_absorb (self, event, -1, &local_error))
    {
      /* one member's event never takes the whole log with it */
      if (event->by_member && local_error->domain == ODAN_EXERCISE_ERROR)
        {
          _odan_exercise_skip (self, event, local_error->message);
          return TRUE;
        }
      odan_event_free (event);
      g_propagate_error (error, g_steal_pointer (&local_error));
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

/* The team whose own connection @store is, or NULL: a facilitator's,
 * an evaluator's or a file. */
static const char *
store_team (OdanStore *store)
{
  if (odan_store_get_role (store) == ODAN_STORE_ROLE_TEAM)
    return odan_store_get_team (store);
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
  g_signal_connect_object (store, "event-skipped", G_CALLBACK (on_store_skipped), self, 0);
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

  self->replay = odan_replay_new (self->pack);
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
  _odan_exercise_sim_catch_up (self);
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
odan_exercise_open (const char            *location,
                    const char            *pack_dir,
                    OdanExerciseOpenFlags  flags,
                    GError               **error)
{
  OdanStoreOpenFlags store_flags = ODAN_STORE_OPEN_DEFAULT;
  g_autoptr(OdanStore) store = NULL;
  g_autoptr(GHashTable) files = NULL;
  gboolean empty;

  g_return_val_if_fail (location != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);
  g_return_val_if_fail (!(flags & ODAN_EXERCISE_OPEN_CREATE) || pack_dir != NULL, NULL);

  if (flags & ODAN_EXERCISE_OPEN_READ_ONLY)
    store_flags |= ODAN_STORE_OPEN_READ_ONLY;
  if (flags & (ODAN_EXERCISE_OPEN_WRITE | ODAN_EXERCISE_OPEN_CREATE))
    store_flags |= ODAN_STORE_OPEN_REQUIRE_WRITE;
  if (flags & ODAN_EXERCISE_OPEN_CREATE)
    store_flags |= ODAN_STORE_OPEN_CREATE;

  store = odan_store_open_location (location, store_flags, error);
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

  /* the sim borrows effects from the pack and from the replay */
  g_clear_pointer (&self->sim, odan_sim_free);
  g_ptr_array_unref (self->events);
  g_clear_pointer (&self->replay, odan_replay_free);
  g_array_unref (self->decisions);
  g_array_unref (self->decision_events);
  g_array_unref (self->pending);
  g_array_unref (self->planned);
  g_hash_table_unref (self->logged_keys);
  g_ptr_array_unref (self->skipped);
  g_array_unref (self->forwards);
  g_hash_table_unref (self->acks);
  g_array_unref (self->member_acks);
  g_hash_table_unref (self->member_relays);
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
  /**
   * OdanExercise::event-skipped:
   * @id: the event's id (gint64)
   * @message: which event, who wrote it, why it was left out
   *
   * A member's event (a team's or an evaluator's own connection wrote it,
   * multi-site) that this exercise could not read or apply: the log goes on
   * without it. odan_exercise_get_skipped() lists them all.
   */
  signals[EVENT_SKIPPED] =
    g_signal_new ("event-skipped", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 2, G_TYPE_INT64, G_TYPE_STRING);
}

static void
odan_exercise_init (OdanExercise *self)
{
  self->clock = odan_clock_new ();
  self->events = g_ptr_array_new_with_free_func ((GDestroyNotify) odan_event_free);
  self->decisions = g_array_new (FALSE, TRUE, sizeof (OdanDecision));
  g_array_set_clear_func (self->decisions, (GDestroyNotify) odan_decision_clear);
  self->decision_events = g_array_new (FALSE, FALSE, sizeof (gint64));
  self->pending = g_array_new (FALSE, FALSE, sizeof (Pending));
  self->planned = g_array_new (FALSE, TRUE, sizeof (Planned));
  g_array_set_clear_func (self->planned, (GDestroyNotify) _odan_exercise_planned_clear);
  self->logged_keys = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->forwards = g_array_new (FALSE, TRUE, sizeof (Forward));
  g_array_set_clear_func (self->forwards, (GDestroyNotify) _odan_exercise_forward_clear);
  self->acks = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->skipped = g_ptr_array_new_with_free_func (g_free);
  self->member_acks = g_array_new (FALSE, FALSE, sizeof (MemberAck));
  self->member_relays = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->sim_until = -INFINITY;
}

/* odan-exercise-decide.c — decisions and what follows from them
 *
 * A team's decision is checked against its category's form, logged, and
 * then brings about acknowledgements, forwards of injects to other teams
 * and mitigations, each at its time. Decisions files (headless play) are
 * planned here too.
 */
#define G_LOG_DOMAIN "odan-exercise"

#include "odan-exercise-private.h"
#include "odan-relay.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

/* ------------------------------------------------------------------ */
/* Decisions and mitigations */

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
          && _odan_exercise_event_reaches (event, team_id))
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

      /* To the caller this is an _odan_exercise_invalid decision like any other. */
      if (!odan_relay_resolve (self->pack, d->team, d->recipients[i], teams, &local_error))
        return _odan_exercise_invalid (error, "%s", local_error->message), NULL;
    }
  return g_steal_pointer (&teams);
}

/* The simulated members an information-sharing decision reaches. */
static guint
forward_population (const OdanPack     *pack,
                    const OdanDecision *d)
{
  for (guint i = 0; d->recipients != NULL && d->recipients[i] != NULL; i++)
    if (odan_relay_population (pack, d->team, d->recipients[i]) > 0)
      return odan_relay_population (pack, d->team, d->recipients[i]);
  return 0;
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
    return _odan_exercise_invalid (error, "%s", _("a decision needs a team of the pack"));
  team = &pack->teams[d->team];
  if (self->team_client != NULL && strcmp (team->id, self->team_client) != 0)
    return _odan_exercise_invalid (error, _("this is the connection of team “%s”: it logs only that team's decisions"),
                    self->team_client);
  if ((guint) d->category > ODAN_CATEGORY_OTHER)
    return _odan_exercise_invalid (error, "%s", _("unknown category"));
  if ((guint) d->ack > ODAN_ACK_READ)
    return _odan_exercise_invalid (error, "%s", _("unknown kind of acknowledgement"));
  if (d->ack == ODAN_ACK_NONE && is_blank (d->summary))
    return _odan_exercise_invalid (error, "%s", _("a decision needs a summary"));
  if (d->mitigation != ODAN_NONE)
    {
      if (d->mitigation >= pack->n_mitigations)
        return _odan_exercise_invalid (error, "%s", _("unknown mitigation"));
      if (pack->mitigations[d->mitigation].team != ODAN_NONE
          && pack->mitigations[d->mitigation].team != d->team)
        return _odan_exercise_invalid (error, _("mitigation '%s' is reserved for team '%s', not '%s'"),
                        pack->mitigations[d->mitigation].id,
                        pack->teams[pack->mitigations[d->mitigation].team].id,
                        team->id);
    }
  if (d->inject != ODAN_NONE && d->inject >= pack->n_injects)
    return _odan_exercise_invalid (error, "%s", _("unknown inject"));
  for (guint i = 0; i < d->n_injects; i++)
    if (d->injects[i] >= pack->n_injects)
      return _odan_exercise_invalid (error, "%s", _("unknown inject"));
  if ((guint) d->stage > ODAN_REPORT_STAGE_FINAL)
    return _odan_exercise_invalid (error, "%s", _("unknown report stage"));
  for (guint i = 0; d->recipients != NULL && d->recipients[i] != NULL; i++)
    if (!odan_recipient_is_valid (d->recipients[i], pack))
      return _odan_exercise_invalid (error, _("unknown recipient '%s' (expected nisc, ministry, ceptoar, members, "
                               "a sector id or a team id)"), d->recipients[i]);

  if (d->ack != ODAN_ACK_NONE)
    {
      g_autoptr(GArray) injects = decision_injects (d);

      if (injects->len == 0)
        return _odan_exercise_invalid (error, "%s", _("an acknowledgement names the injects it acknowledges"));
      for (guint i = 0; i < injects->len; i++)
        {
          guint32 inject = g_array_index (injects, guint32, i);

          if (latest_delivery_to (self, inject, d->team) == NULL)
            return _odan_exercise_invalid (error, _("inject %s has not reached team '%s'"),
                            pack->injects[inject].id, team->id);
        }
      return TRUE;
    }

  switch (d->category)
    {
    case ODAN_CATEGORY_BUSINESS_CONTINUITY:
      if (!d->bcp && d->mitigation == ODAN_NONE)
        return _odan_exercise_invalid (error, "%s", _("a business-continuity decision activates the BCP or chooses a mitigation"));
      break;
    case ODAN_CATEGORY_DISCLOSURE:
      if (is_blank (d->channel))
        return _odan_exercise_invalid (error, "%s", _("a disclosure needs a channel (press release, website, SNS…)"));
      if (is_blank (d->audience))
        return _odan_exercise_invalid (error, "%s", _("a disclosure needs an audience (the public, customers…)"));
      break;
    case ODAN_CATEGORY_MINISTRY_REPORT:
      if (is_blank (d->ministry) && (team->sector == ODAN_NONE || is_blank (pack->sectors[team->sector].ministry)))
        return _odan_exercise_invalid (error, _("a report to the ministry needs the ministry: team '%s' has no sector with a ministry in charge"),
                        team->id);
      if (d->stage == ODAN_REPORT_STAGE_NONE)
        return _odan_exercise_invalid (error, "%s", _("a report to the ministry needs its stage: initial (第一報), follow-up (続報) or final (最終報)"));
      break;
    case ODAN_CATEGORY_INFORMATION_SHARING:
      {
        g_autoptr(GArray) injects = decision_injects (d);
        g_autoptr(GArray) teams = NULL;

        if (d->recipients == NULL || d->recipients[0] == NULL)
          return _odan_exercise_invalid (error, "%s", _("information sharing needs recipients (nisc, ministry, ceptoar, members, a sector or a team)"));
        if (injects->len == 0)
          return _odan_exercise_invalid (error, "%s", _("information sharing names the injects it forwards"));
        for (guint i = 0; i < injects->len; i++)
          {
            guint32 inject = g_array_index (injects, guint32, i);

            if (latest_delivery_to (self, inject, d->team) == NULL)
              return _odan_exercise_invalid (error, _("inject %s has not reached team '%s': it cannot forward it"),
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
              || !_odan_exercise_event_reaches (event, team_id))
            continue;
          same = _odan_exercise_ack_key (event->id, team_id, odan_ack_to_string (d->ack));
          read = _odan_exercise_ack_key (event->id, team_id, "read");
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

gint64
_odan_exercise_decide_at (OdanExercise       *self,
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
    g_variant_builder_add (&builder, "{sv}", ODAN_EVENT_KEY_INJECTS,
                           g_variant_new_strv ((const char *const *) injects->pdata, (gssize) injects->len));

  /* a report goes to the ministry in charge of the team's sector unless named */
  ministry = d->ministry;
  if (is_blank (ministry) && d->category == ODAN_CATEGORY_MINISTRY_REPORT && team->sector != ODAN_NONE)
    ministry = pack->sectors[team->sector].ministry;
  _odan_exercise_add_string (&builder, ODAN_EVENT_KEY_MINISTRY, ministry);
  _odan_exercise_add_string (&builder, ODAN_EVENT_KEY_STAGE, d->stage != ODAN_REPORT_STAGE_NONE ? odan_report_stage_to_string (d->stage) : NULL);
  _odan_exercise_add_string (&builder, ODAN_EVENT_KEY_CHANNEL, d->channel);
  _odan_exercise_add_string (&builder, ODAN_EVENT_KEY_AUDIENCE, d->audience);
  if (d->recipients != NULL && d->recipients[0] != NULL)
    g_variant_builder_add (&builder, "{sv}", ODAN_EVENT_KEY_RECIPIENTS,
                           g_variant_new_strv ((const char *const *) d->recipients, -1));
  if (d->bcp)
    g_variant_builder_add (&builder, "{sv}", ODAN_EVENT_KEY_BCP, g_variant_new_boolean (TRUE));

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
      g_variant_builder_add (&builder, "{sv}", ODAN_EVENT_KEY_FORWARD_TO,
                             g_variant_new_strv ((const char *const *) ids->pdata, (gssize) ids->len));
      g_variant_builder_add (&builder, "{sv}", ODAN_EVENT_KEY_FORWARD_ORIGINS,
                             g_variant_new_fixed_array (G_VARIANT_TYPE_INT64, origins->data, origins->len,
                                                        sizeof (gint64)));
      _odan_exercise_add_string (&builder, ODAN_EVENT_KEY_FORWARD_CHANNEL, channel);
      g_variant_builder_add (&builder, "{sv}", ODAN_EVENT_KEY_ARRIVES,
                             g_variant_new_double (at + odan_relay_latency (pack, channel)));
      if (forward_population (pack, d) > 0)
        g_variant_builder_add (&builder, "{sv}", ODAN_EVENT_KEY_FORWARD_MEMBERS,
                               g_variant_new_uint32 (forward_population (pack, d)));
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

          g_variant_builder_add (&builder, "{sv}", ODAN_EVENT_KEY_POOL, g_variant_new_string (pool->id));
          g_variant_builder_add (&builder, "{sv}", ODAN_EVENT_KEY_USES, g_variant_new_uint32 (m->uses));
          if (left < m->uses)
            {
              g_autofree char *reason = odan_pack_pool_refusal (pack, m->pool, left, m->uses);

              refused = TRUE;
              g_variant_builder_add (&builder, "{sv}", ODAN_EVENT_KEY_REFUSAL, g_variant_new_string ("pool-empty"));
              g_variant_builder_add (&builder, "{sv}", ODAN_EVENT_KEY_REASON, g_variant_new_string (reason));
            }
        }
      g_variant_builder_add (&builder, "{sv}", ODAN_EVENT_KEY_MITIGATION_STATUS,
                             g_variant_new_string (refused ? "refused" : "accepted"));
      if (!refused)
        g_variant_builder_add (&builder, "{sv}", ODAN_EVENT_KEY_APPLIES, g_variant_new_double (at + m->delay));
    }
  _odan_exercise_add_string (&builder, ODAN_EVENT_KEY_SOURCE, key);
  _odan_exercise_add_string (&builder, ODAN_EVENT_KEY_BY, by);

  event = odan_event_new_decision (d->category, at, g_variant_builder_end (&builder));
  event->actor = g_strdup (team->id);
  event->team = g_strdup (team->id);
  event->subject = d->mitigation != ODAN_NONE ? g_strdup (pack->mitigations[d->mitigation].id) : NULL;
  g_free (event->summary);
  event->summary = g_strdup (d->summary);
  return _odan_exercise_commit (self, event, -1, error);
}

/* Logs now what is due up to @until among forwards only: a forward with no
 * latency arrives with the decision that sent it. */
gboolean
_odan_exercise_deliver_forwards_due (OdanExercise *self,
                      double        until,
                      GError      **error)
{
  while (self->forwards->len > 0 && g_array_index (self->forwards, Forward, 0).due <= until)
    if (!_odan_exercise_log_forward (self, 0, MAX (g_array_index (self->forwards, Forward, 0).due, self->last_minute),
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

  if (!_odan_exercise_check_playing (self, error) || !validate_decision (self, decision, error)
      || !_odan_exercise_catch_up (self, error))
    return 0;
  now = _odan_exercise_team_client_minute (self);
  id = _odan_exercise_decide_at (self, decision, NULL, by, now, error);
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
  if (id > 0 && self->team_client == NULL && !_odan_exercise_deliver_forwards_due (self, now, error))
    return 0;
  return id;
}

gboolean
odan_exercise_is_proposal (const OdanEvent *event)
{
  g_return_val_if_fail (event != NULL, FALSE);

  return event->kind == ODAN_EVENT_DECISION && event->subject != NULL
         && odan_event_get_mitigation_status (event) == NULL;
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
  if (event == NULL || !odan_exercise_is_proposal (event) || team == ODAN_NONE || mitigation == ODAN_NONE)
    {
      g_autofree char *which = g_strdup_printf ("%" G_GINT64_FORMAT, proposal);

      g_set_error (error, ODAN_EXERCISE_ERROR, ODAN_EXERCISE_ERROR_INVALID,
                   _("event %s is not a mitigation proposed by a team"), which);
      return 0;
    }

  decision.category = event->category;
  decision.time = odan_exercise_get_minute (self);
  decision.team = team;
  decision.mitigation = mitigation;
  decision.inject = ODAN_NONE;
  decision.bcp = odan_event_is_bcp (event);
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

gint64
_odan_exercise_log_forward (OdanExercise *self,
             guint         index,
             double        at,
             GError      **error)
{
  const Forward *f = &g_array_index (self->forwards, Forward, index);
  const OdanEvent *origin = odan_exercise_find_event (self, f->origin);
  const OdanTeam *via = &self->pack->teams[f->team];
  g_auto(GVariantBuilder) builder = G_VARIANT_BUILDER_INIT (G_VARIANT_TYPE_VARDICT);
  static const char *const copied[] = {
    ODAN_EVENT_KEY_TITLE, ODAN_EVENT_KEY_TITLE_JA, ODAN_EVENT_KEY_BODY, ODAN_EVENT_KEY_BODY_JA,
    ODAN_EVENT_KEY_SHARING,
  };
  OdanEvent *event;

  /* the text as the forwarding team received it; from and channel are the forward's */
  for (guint i = 0; i < G_N_ELEMENTS (copied); i++)
    _odan_exercise_add_string (&builder, copied[i], odan_event_get_string (origin, copied[i]));
  /* both twins: the log must read the same whoever wrote it */
  _odan_exercise_add_string (&builder, ODAN_EVENT_KEY_FROM, via->name);
  _odan_exercise_add_string (&builder, ODAN_EVENT_KEY_FROM_JA, via->name_ja);
  _odan_exercise_add_string (&builder, ODAN_EVENT_KEY_CHANNEL, f->channel);
  _odan_exercise_add_string (&builder, ODAN_EVENT_KEY_ORIGINAL_FROM, odan_event_get_from (origin));
  _odan_exercise_add_string (&builder, ODAN_EVENT_KEY_VIA, via->id);
  g_variant_builder_add (&builder, "{sv}", ODAN_EVENT_KEY_ORIGIN, g_variant_new_int64 (f->origin));
  g_variant_builder_add (&builder, "{sv}", ODAN_EVENT_KEY_TO_ALL, g_variant_new_boolean (FALSE));
  g_variant_builder_add (&builder, "{sv}", ODAN_EVENT_KEY_TO, g_variant_new_strv ((const char *const *) f->to, -1));
  if (f->members > 0)
    g_variant_builder_add (&builder, "{sv}", ODAN_EVENT_KEY_MEMBERS, g_variant_new_uint32 (f->members));

  event = odan_event_new (ODAN_ACTION_FORWARDED, at, g_variant_builder_end (&builder));
  event->actor = g_strdup ("system");
  event->team = g_strdup (via->id);
  event->subject = g_strdup (self->pack->injects[f->inject].id);
  event->ref = f->decision_event;
  g_free (event->summary);
  event->summary = g_strdup (origin->summary);
  return _odan_exercise_commit (self, event, -1, error);
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

  g_variant_builder_add (&builder, "{sv}", ODAN_EVENT_KEY_DELIVERED, g_variant_new_double (delivery->minute));
  _odan_exercise_add_string (&builder, ODAN_EVENT_KEY_SOURCE, key);
  _odan_exercise_add_string (&builder, ODAN_EVENT_KEY_BY, by);
  event = odan_event_new (ack == ODAN_ACK_READ ? ODAN_ACTION_READ : ODAN_ACTION_RECEIVED, at,
                          g_variant_builder_end (&builder));
  event->actor = g_strdup (self->pack->teams[team].id);
  event->team = g_strdup (self->pack->teams[team].id);
  event->subject = g_strdup (delivery->subject);
  event->ref = delivery->id;
  g_free (event->summary);
  event->summary = g_strdup (delivery->summary);
  return _odan_exercise_commit (self, event, -1, error);
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

  if (!_odan_exercise_check_playing (self, error))
    return 0;
  if (team == NULL || (t = odan_pack_find_team (self->pack, team)) == ODAN_NONE)
    {
      _odan_exercise_invalid (error, _("unknown team '%s'"), team != NULL ? team : "");
      return 0;
    }
  if (ack != ODAN_ACK_RECEIVED && ack != ODAN_ACK_READ)
    {
      _odan_exercise_invalid (error, "%s", _("unknown kind of acknowledgement"));
      return 0;
    }
  event = odan_exercise_find_event (self, delivery);
  if (event == NULL || event->kind != ODAN_EVENT_DELIVERY)
    {
      g_autofree char *id = g_strdup_printf ("%" G_GINT64_FORMAT, delivery);

      _odan_exercise_invalid (error, _("no delivery %s in the log"), id);
      return 0;
    }
  if (!_odan_exercise_event_reaches (event, team))
    {
      g_autofree char *id = g_strdup_printf ("%" G_GINT64_FORMAT, delivery);

      _odan_exercise_invalid (error, _("delivery %s did not reach team '%s'"), id, team);
      return 0;
    }
  /* idempotent: the same acknowledgement again, or received after read, is
   * not logged; the earlier one stands */
  same = _odan_exercise_ack_key (delivery, team, odan_ack_to_string (ack));
  read = _odan_exercise_ack_key (delivery, team, "read");
  earlier = g_hash_table_lookup (self->acks, same);
  if (earlier == NULL && ack == ODAN_ACK_RECEIVED)
    earlier = g_hash_table_lookup (self->acks, read);
  if (earlier != NULL)
    return earlier->id;
  if (!_odan_exercise_catch_up (self, error))
    return 0;
  return log_ack (self, event, t, ack, NULL, by, _odan_exercise_team_client_minute (self), error);
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

  return team < self->pack->n_teams && _odan_exercise_event_reaches (event, self->pack->teams[team].id);
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
          && _odan_exercise_event_reaches (event, self->pack->teams[team].id))
        g_array_append_val (ids, event->id);
    }
  return ids;
}

gint64
_odan_exercise_log_mitigation (OdanExercise *self,
                guint         index,
                double        at,
                GError      **error)
{
  const Pending *p = &g_array_index (self->pending, Pending, index);
  const OdanMitigation *m = &self->pack->mitigations[p->mitigation];
  const OdanDecision *d = &g_array_index (self->decisions, OdanDecision, p->decision);
  g_auto(GVariantBuilder) builder = G_VARIANT_BUILDER_INIT (G_VARIANT_TYPE_VARDICT);
  OdanEvent *event;

  g_variant_builder_add (&builder, "{sv}", ODAN_EVENT_KEY_DECIDED, g_variant_new_double (d->time));
  _odan_exercise_add_string (&builder, ODAN_EVENT_KEY_EFFECT, m->effect_text);
  if (m->pool != ODAN_NONE)
    {
      _odan_exercise_add_string (&builder, ODAN_EVENT_KEY_POOL, self->pack->pools[m->pool].id);
      g_variant_builder_add (&builder, "{sv}", ODAN_EVENT_KEY_USES, g_variant_new_uint32 (m->uses));
    }
  event = odan_event_new (ODAN_ACTION_APPLIED, at, g_variant_builder_end (&builder));
  event->actor = g_strdup ("system");
  event->team = g_strdup (self->pack->teams[d->team].id);
  event->subject = g_strdup (m->id);
  event->ref = p->decision_event;
  g_free (event->summary);
  event->summary = g_strdup (m->label);
  return _odan_exercise_commit (self, event, -1, error);
}

void
_odan_exercise_forward_clear (Forward *f)
{
  g_strfreev (f->to);
  g_free (f->channel);
}

void
_odan_exercise_planned_clear (Planned *p)
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

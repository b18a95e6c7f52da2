/* odan-serve-api.c — a team's view as JSON, and its requests
 *
 * Every value a request carries is read with a type check (a page may send
 * anything), and every delivery it names is looked up in the team's own view
 * first: an id that is not there gets one and the same answer whatever the
 * log holds under it.
 */
#define G_LOG_DOMAIN "odan-serve"

#include "odan-serve-api.h"

#include <glib/gi18n-lib.h>
#include <math.h>

#include "odan-invitation.h"
#include "odan-relay.h"
#include "odan-team-view.h"
#include "odan-time.h"

/* ------------------------------------------------------------------ */
/* Writing */

static void
add_string (JsonBuilder *b,
            const char  *name,
            const char  *value)
{
  json_builder_set_member_name (b, name);
  if (value != NULL)
    json_builder_add_string_value (b, value);
  else
    json_builder_add_null_value (b);
}

/* A minute, or null for NAN (not yet). */
static void
add_minute (JsonBuilder *b,
            const char  *name,
            double       minute)
{
  json_builder_set_member_name (b, name);
  if (isnan (minute) || isinf (minute))
    json_builder_add_null_value (b);
  else
    json_builder_add_double_value (b, minute);
}

static char *
builder_to_string (JsonBuilder *b)
{
  g_autoptr(JsonGenerator) gen = json_generator_new ();
  g_autoptr(JsonNode) root = json_builder_get_root (b);

  json_generator_set_root (gen, root);
  return json_generator_to_data (gen, NULL);
}

char *
odan_serve_error_json (const char *message)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();

  json_builder_begin_object (b);
  add_string (b, "error", message);
  json_builder_end_object (b);
  return builder_to_string (b);
}

static char *
event_json (gint64 id)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "event");
  json_builder_add_int_value (b, id);
  json_builder_end_object (b);
  return builder_to_string (b);
}

static void
add_inbox (JsonBuilder        *b,
           const OdanTeamView *view)
{
  json_builder_set_member_name (b, "inbox");
  json_builder_begin_array (b);
  for (guint i = 0; i < odan_team_view_get_n_inbox (view); i++)
    {
      const OdanInboxEntry *e = odan_team_view_get_inbox (view, i);

      json_builder_begin_object (b);
      json_builder_set_member_name (b, "delivery");
      json_builder_add_int_value (b, e->delivery);
      add_string (b, "kind", e->kind);
      add_minute (b, "minute", e->minute);
      add_string (b, "inject", e->inject);
      add_string (b, "title", e->title);
      add_string (b, "title_ja", e->title_ja);
      add_string (b, "from", e->from);
      add_string (b, "channel", e->channel);
      add_string (b, "body", e->body);
      add_string (b, "sharing", e->sharing);
      add_string (b, "forwarded_by", e->forwarded_by);
      add_minute (b, "received", e->received);
      add_minute (b, "read", e->read);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
}

static void
add_decisions (JsonBuilder        *b,
               const OdanTeamView *view)
{
  json_builder_set_member_name (b, "decisions");
  json_builder_begin_array (b);
  for (guint i = 0; i < odan_team_view_get_n_decisions (view); i++)
    {
      const OdanTeamDecision *d = odan_team_view_get_decision (view, i);

      json_builder_begin_object (b);
      json_builder_set_member_name (b, "event");
      json_builder_add_int_value (b, d->event);
      add_minute (b, "minute", d->minute);
      add_string (b, "category", d->category);
      add_string (b, "summary", d->summary);
      add_string (b, "mitigation", d->mitigation);
      add_string (b, "detail", d->detail);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
}

static void
add_obligations (JsonBuilder        *b,
                 const OdanPack     *pack,
                 const OdanTeamView *view)
{
  const GArray *obligations = odan_team_view_get_obligations (view);

  json_builder_set_member_name (b, "obligations");
  json_builder_begin_array (b);
  for (guint i = 0; obligations != NULL && i < obligations->len; i++)
    {
      const OdanObligation *o = &g_array_index (obligations, OdanObligation, i);
      const OdanDeadline *k = &pack->deadlines[o->deadline];

      json_builder_begin_object (b);
      add_string (b, "deadline", k->id);
      add_string (b, "label", k->label);
      add_string (b, "label_ja", k->label_ja);
      add_string (b, "state", odan_obligation_state_to_string (o->state));
      add_minute (b, "opened", o->opened);
      add_minute (b, "due", o->due);
      add_minute (b, "met", o->met);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
}

static void
add_choice (JsonBuilder *b,
            const char  *key,
            const char  *label,
            const char  *label_ja)
{
  json_builder_begin_object (b);
  add_string (b, "key", key);
  add_string (b, "label", label);
  add_string (b, "label_ja", label_ja);
  json_builder_end_object (b);
}

static gboolean
reaches_someone (const OdanPack *pack,
                 guint32         team,
                 const char     *recipient)
{
  g_autoptr(GArray) teams = g_array_new (FALSE, FALSE, sizeof (guint32));

  return odan_relay_resolve (pack, team, recipient, teams, NULL) && teams->len > 0;
}

/* The forms' choices, as the desktop's decision dialog offers them. */
static void
add_form (JsonBuilder    *b,
          const OdanPack *pack,
          guint32         team)
{
  static const char *const keywords[] = { "ceptoar", "members", "nisc", "ministry" };
  const OdanTeam *me = &pack->teams[team];
  g_autoptr(GPtrArray) channels = g_ptr_array_new_with_free_func (g_free);

  json_builder_set_member_name (b, "mitigations");
  json_builder_begin_array (b);
  for (guint32 i = 0; i < pack->n_mitigations; i++)
    if (pack->mitigations[i].team == ODAN_NONE || pack->mitigations[i].team == team)
      add_choice (b, pack->mitigations[i].id, pack->mitigations[i].label, pack->mitigations[i].label_ja);
  json_builder_end_array (b);

  add_string (b, "ministry", me->sector != ODAN_NONE ? pack->sectors[me->sector].ministry : NULL);

  json_builder_set_member_name (b, "recipients");
  json_builder_begin_array (b);
  for (guint i = 0; i < G_N_ELEMENTS (keywords); i++)
    if (reaches_someone (pack, team, keywords[i]))
      add_choice (b, keywords[i], NULL, NULL);
  for (guint32 i = 0; i < pack->n_sectors; i++)
    add_choice (b, pack->sectors[i].id, pack->sectors[i].name, pack->sectors[i].name_ja);
  for (guint32 i = 0; i < pack->n_teams; i++)
    if (i != team)
      add_choice (b, pack->teams[i].id, pack->teams[i].name, pack->teams[i].name_ja);
  json_builder_end_array (b);

  /* the team's own means first, then relay.csv's */
  if (me->contact != NULL)
    {
      g_auto(GStrv) means = g_strsplit (me->contact, ";", -1);

      for (guint i = 0; means[i] != NULL; i++)
        if (g_strstrip (means[i])[0] != '\0' && !g_ptr_array_find_with_equal_func (channels, means[i], g_str_equal, NULL))
          g_ptr_array_add (channels, g_strdup (means[i]));
    }
  for (guint i = 0; i < pack->n_relays; i++)
    if (!g_ptr_array_find_with_equal_func (channels, pack->relays[i].channel, g_str_equal, NULL))
      g_ptr_array_add (channels, g_strdup (pack->relays[i].channel));
  json_builder_set_member_name (b, "channels");
  json_builder_begin_array (b);
  for (guint i = 0; i < channels->len; i++)
    json_builder_add_string_value (b, g_ptr_array_index (channels, i));
  json_builder_end_array (b);
}

/* The model by sector, only when the scenario lets teams see it. */
static void
add_board (JsonBuilder        *b,
           OdanExercise       *exercise,
           const OdanTeamView *view)
{
  const OdanPack *pack = odan_exercise_get_pack (exercise);
  OdanSim *sim = odan_team_view_dup_model (view, exercise);

  json_builder_set_member_name (b, "board");
  if (sim == NULL)
    {
      json_builder_add_null_value (b);
      return;
    }
  json_builder_begin_array (b);
  for (guint32 s = 0; s < pack->n_sectors; s++)
    {
      json_builder_begin_object (b);
      add_string (b, "id", pack->sectors[s].id);
      add_string (b, "name", pack->sectors[s].name);
      add_string (b, "name_ja", pack->sectors[s].name_ja);
      json_builder_set_member_name (b, "nodes");
      json_builder_begin_array (b);
      for (guint32 n = 0; n < pack->n_nodes; n++)
        if (pack->nodes[n].sector == s)
          {
            json_builder_begin_object (b);
            add_string (b, "id", pack->nodes[n].id);
            add_string (b, "name", pack->nodes[n].name);
            add_string (b, "name_ja", pack->nodes[n].name_ja);
            json_builder_set_member_name (b, "operability");
            json_builder_add_double_value (b, odan_sim_get_operability (sim, n));
            json_builder_end_object (b);
          }
      json_builder_end_array (b);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
  odan_sim_free (sim);
}

char *
odan_serve_view_json (OdanExercise *exercise,
                      guint32       team)
{
  const OdanPack *pack = odan_exercise_get_pack (exercise);
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autoptr(OdanTeamView) view = NULL;
  g_autoptr(GError) error = NULL;

  g_return_val_if_fail (team < pack->n_teams, NULL);

  view = odan_team_view_new (exercise, pack->teams[team].id, odan_exercise_get_minute (exercise), &error);
  if (view == NULL)
    {
      g_warning ("%s", error->message);
      return odan_serve_error_json (_("The exercise cannot be read"));
    }
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "team");
  add_choice (b, pack->teams[team].id, pack->teams[team].name, pack->teams[team].name_ja);
  json_builder_set_member_name (b, "scenario");
  add_choice (b, pack->id, pack->title, pack->title_ja);
  add_inbox (b, view);
  add_decisions (b, view);
  add_obligations (b, pack, view);
  add_form (b, pack, team);
  add_board (b, exercise, view);
  json_builder_end_object (b);
  return builder_to_string (b);
}

char *
odan_serve_clock_json (OdanExercise *exercise)
{
  OdanClock *clock = odan_exercise_get_clock (exercise);
  g_autoptr(JsonBuilder) b = json_builder_new ();
  gboolean live = odan_exercise_is_running_live (exercise);

  json_builder_begin_object (b);
  add_minute (b, "minute", odan_exercise_get_minute (exercise));
  json_builder_set_member_name (b, "running");
  json_builder_add_boolean_value (b, live);
  json_builder_set_member_name (b, "speed");
  json_builder_add_double_value (b, live ? odan_clock_get_speed (clock) : 0);
  json_builder_set_member_name (b, "started");
  json_builder_add_boolean_value (b, odan_exercise_has_started (exercise));
  json_builder_set_member_name (b, "ended");
  json_builder_add_boolean_value (b, odan_exercise_has_ended (exercise));
  json_builder_end_object (b);
  return builder_to_string (b);
}

/* ------------------------------------------------------------------ */
/* Reading requests: every member type-checked */

static const char *
get_string (JsonObject *o,
            const char *name)
{
  JsonNode *node = json_object_get_member (o, name);

  if (node == NULL || JSON_NODE_TYPE (node) != JSON_NODE_VALUE
      || json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;
  return json_node_get_string (node);
}

/* A non-empty string, stripped (a copy), or NULL. */
static char *
dup_text (JsonObject *o,
          const char *name)
{
  const char *text = get_string (o, name);
  char *copy;

  if (text == NULL || !g_utf8_validate (text, -1, NULL))
    return NULL;
  copy = g_strstrip (g_strdup (text));
  if (copy[0] == '\0')
    g_clear_pointer (&copy, g_free);
  return copy;
}

static gboolean
get_int (JsonObject *o,
         const char *name,
         gint64     *out)
{
  JsonNode *node = json_object_get_member (o, name);

  if (node == NULL || JSON_NODE_TYPE (node) != JSON_NODE_VALUE)
    return FALSE;
  if (json_node_get_value_type (node) == G_TYPE_INT64)
    *out = json_node_get_int (node);
  else if (json_node_get_value_type (node) == G_TYPE_STRING)
    {
      const char *text = json_node_get_string (node);
      guint64 v;

      if (!g_ascii_string_to_unsigned (text, 10, 1, G_MAXINT64, &v, NULL))
        return FALSE;
      *out = (gint64) v;
    }
  else
    return FALSE;
  return TRUE;
}

static gboolean
get_bool (JsonObject *o,
          const char *name)
{
  JsonNode *node = json_object_get_member (o, name);
  const char *text;

  if (node == NULL || JSON_NODE_TYPE (node) != JSON_NODE_VALUE)
    return FALSE;
  if (json_node_get_value_type (node) == G_TYPE_BOOLEAN)
    return json_node_get_boolean (node);
  text = get_string (o, name);
  return text != NULL && (g_str_equal (text, "true") || g_str_equal (text, "on") || g_str_equal (text, "1"));
}

static JsonArray *
get_array (JsonObject *o,
           const char *name)
{
  JsonNode *node = json_object_get_member (o, name);

  return node != NULL && JSON_NODE_TYPE (node) == JSON_NODE_ARRAY ? json_node_get_array (node) : NULL;
}

static guint
refuse (char       **out_json,
        guint        status,
        const char  *message)
{
  *out_json = odan_serve_error_json (message);
  return status;
}

/* The entry of @delivery in the team's inbox now, or NULL: the only way a
 * request reaches a delivery. */
static const OdanInboxEntry *
find_in_inbox (const OdanTeamView *view,
               gint64              delivery)
{
  for (guint i = 0; i < odan_team_view_get_n_inbox (view); i++)
    if (odan_team_view_get_inbox (view, i)->delivery == delivery)
      return odan_team_view_get_inbox (view, i);
  return NULL;
}

static OdanTeamView *
view_now (OdanExercise *exercise,
          guint32       team)
{
  const OdanPack *pack = odan_exercise_get_pack (exercise);

  return odan_team_view_new (exercise, pack->teams[team].id, odan_exercise_get_minute (exercise), NULL);
}

/* An error of the exercise, as the page may show it: only refusals of the
 * request's own content (ODAN_EXERCISE_ERROR_INVALID, CLOCK) keep their
 * words; anything else is logged here and answered in general terms. */
static guint
refuse_error (char        **out_json,
              const GError *error)
{
  if (error->domain == ODAN_EXERCISE_ERROR
      && (error->code == ODAN_EXERCISE_ERROR_INVALID || error->code == ODAN_EXERCISE_ERROR_CLOCK))
    return refuse (out_json, 422, error->message);
  g_warning ("%s", error->message);
  if (error->domain == ODAN_STORE_ERROR && error->code == ODAN_STORE_ERROR_READ_ONLY)
    return refuse (out_json, 503, _("The exercise is open read-only: nothing can be logged"));
  return refuse (out_json, 500, _("The exercise could not log this; ask the facilitator"));
}

guint
odan_serve_api_ack (OdanExercise *exercise,
                    guint32       team,
                    JsonObject   *request,
                    char        **out_json)
{
  const OdanPack *pack = odan_exercise_get_pack (exercise);
  g_autoptr(OdanTeamView) view = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *by = NULL;
  const char *ack_text = get_string (request, "ack");
  gint64 delivery = 0, id;
  OdanAck ack;

  if (ack_text != NULL && g_str_equal (ack_text, "received"))
    ack = ODAN_ACK_RECEIVED;
  else if (ack_text != NULL && g_str_equal (ack_text, "read"))
    ack = ODAN_ACK_READ;
  else
    return refuse (out_json, 400, _("“ack” must be “received” or “read”"));
  if (!get_int (request, "delivery", &delivery))
    return refuse (out_json, 400, _("“delivery” must be the number of a delivery in your inbox"));

  view = view_now (exercise, team);
  if (view == NULL || find_in_inbox (view, delivery) == NULL)
    return refuse (out_json, 404, _("No such delivery in your inbox"));

  by = dup_text (request, "by");
  id = odan_exercise_acknowledge (exercise, delivery, pack->teams[team].id, ack, by, &error);
  if (id == 0)
    return refuse_error (out_json, error);
  *out_json = event_json (id);
  return 200;
}

/* The deliveries to forward, by event id, each in the team's inbox with an
 * inject of the MSEL (an ad hoc one has no id to forward by). */
static guint
read_forwards (const OdanPack     *pack,
               const OdanTeamView *view,
               JsonArray          *deliveries,
               OdanDecision       *d,
               char              **out_json)
{
  guint n = deliveries != NULL ? json_array_get_length (deliveries) : 0;

  if (n > 1000)
    return refuse (out_json, 400, _("Too many deliveries to forward"));
  if (n > 0)
    d->injects = g_new0 (guint32, n);
  for (guint i = 0; i < n; i++)
    {
      JsonNode *node = json_array_get_element (deliveries, i);
      const OdanInboxEntry *e = NULL;
      guint32 inject;

      if (JSON_NODE_TYPE (node) == JSON_NODE_VALUE && json_node_get_value_type (node) == G_TYPE_INT64)
        e = find_in_inbox (view, json_node_get_int (node));
      if (e == NULL)
        return refuse (out_json, 404, _("No such delivery in your inbox"));
      inject = e->inject != NULL ? odan_pack_find_inject (pack, e->inject) : ODAN_NONE;
      if (inject == ODAN_NONE)
        return refuse (out_json, 422, _("An ad hoc inject cannot be forwarded"));
      d->injects[d->n_injects++] = inject;
    }
  d->inject = d->n_injects > 0 ? d->injects[0] : ODAN_NONE;
  return 0;
}

static guint
read_recipients (const OdanPack *pack,
                 JsonArray      *recipients,
                 OdanDecision   *d,
                 char          **out_json)
{
  guint n = recipients != NULL ? json_array_get_length (recipients) : 0;
  g_autoptr(GPtrArray) keys = g_ptr_array_new_with_free_func (g_free);

  if (n > 1000)
    return refuse (out_json, 400, _("Too many recipients"));
  for (guint i = 0; i < n; i++)
    {
      JsonNode *node = json_array_get_element (recipients, i);
      const char *key = NULL;

      if (JSON_NODE_TYPE (node) == JSON_NODE_VALUE && json_node_get_value_type (node) == G_TYPE_STRING)
        key = json_node_get_string (node);
      if (key == NULL || !odan_recipient_is_valid (key, pack))
        return refuse (out_json, 422, _("Unknown recipient"));
      g_ptr_array_add (keys, g_strdup (key));
    }
  if (keys->len > 0)
    {
      g_ptr_array_add (keys, NULL);
      d->recipients = (char **) g_ptr_array_free (g_steal_pointer (&keys), FALSE);
    }
  return 0;
}

/* The form of @d's category from @request; 0, or the status of a refusal. */
static guint
read_category_form (OdanExercise       *exercise,
                    guint32             team,
                    const OdanTeamView *view,
                    JsonObject         *request,
                    OdanDecision       *d,
                    char              **out_json)
{
  const OdanPack *pack = odan_exercise_get_pack (exercise);
  g_autofree char *mitigation = NULL;
  g_autofree char *stage = NULL;
  guint status;

  switch (d->category)
    {
    case ODAN_CATEGORY_BUSINESS_CONTINUITY:
      d->bcp = get_bool (request, "bcp");
      mitigation = dup_text (request, "mitigation");
      if (mitigation != NULL)
        {
          d->mitigation = odan_pack_find_mitigation (pack, mitigation);
          /* another team's mitigation is as unknown to this team as a missing one */
          if (d->mitigation == ODAN_NONE
              || (pack->mitigations[d->mitigation].team != ODAN_NONE && pack->mitigations[d->mitigation].team != team))
            return refuse (out_json, 422, _("Unknown mitigation"));
        }
      return 0;
    case ODAN_CATEGORY_DISCLOSURE:
      d->channel = dup_text (request, "channel");
      d->audience = dup_text (request, "audience");
      return 0;
    case ODAN_CATEGORY_MINISTRY_REPORT:
      d->ministry = dup_text (request, "ministry");
      stage = dup_text (request, "stage");
      if (stage != NULL && !odan_report_stage_from_string (stage, &d->stage))
        return refuse (out_json, 422, _("Unknown report stage"));
      return 0;
    case ODAN_CATEGORY_INFORMATION_SHARING:
      d->channel = dup_text (request, "channel");
      status = read_forwards (pack, view, get_array (request, "deliveries"), d, out_json);
      if (status == 0)
        status = read_recipients (pack, get_array (request, "recipients"), d, out_json);
      return status;
    case ODAN_CATEGORY_OTHER:
    default:
      return 0;
    }
}

guint
odan_serve_api_decide (OdanExercise *exercise,
                       guint32       team,
                       JsonObject   *request,
                       const char   *by_default,
                       char        **out_json)
{
  g_autoptr(OdanTeamView) view = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *by = NULL;
  const char *category = get_string (request, "category");
  OdanDecision d = { 0 };
  guint status;
  gint64 id;

  d.team = team;
  d.mitigation = ODAN_NONE;
  d.inject = ODAN_NONE;
  d.ack = ODAN_ACK_NONE;
  if (category == NULL || !odan_category_from_string (category, &d.category))
    return refuse (out_json, 400, _("Unknown decision category"));
  d.summary = dup_text (request, "summary");
  if (d.summary == NULL)
    d.summary = g_strdup ("");

  view = view_now (exercise, team);
  if (view == NULL)
    status = refuse (out_json, 500, _("The exercise cannot be read"));
  else
    status = read_category_form (exercise, team, view, request, &d, out_json);
  if (status != 0)
    {
      odan_decision_clear (&d);
      return status;
    }

  by = dup_text (request, "by");
  id = odan_exercise_decide (exercise, &d, by != NULL ? by : by_default, &error);
  odan_decision_clear (&d);
  if (id == 0)
    return refuse_error (out_json, error);
  *out_json = event_json (id);
  return 200;
}

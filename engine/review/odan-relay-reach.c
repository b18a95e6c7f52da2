/* odan-relay-reach.c — reach per CEPTOAR and relay stage (疎通確認率)
 *
 * For each message measured, one pass over the log gathers per team its
 * first delivery (and when the stage before forwarded it), its first
 * acknowledgements, each CEPTOAR's first forward to its members and each
 * simulated member's first answers; the rows are then counted from those
 * tables (odan-relay-reach.h).
 */
#define G_LOG_DOMAIN "odan-measures"

#include "odan-relay-reach.h"
#include "odan-enum.h"
#include "odan-relay.h"
#include "odan-review-enums.h"

#include <math.h>
#include <string.h>

const char *
odan_relay_hop_to_string (OdanRelayHop hop)
{
  g_return_val_if_fail (hop < ODAN_RELAY_N_HOPS, NULL);
  return odan_enum_to_nick (ODAN_TYPE_RELAY_HOP, hop);
}

double
odan_relay_reach_rate (const OdanRelayReach *row)
{
  return row->expected > 0 ? (double) row->reached_in_time / row->expected : 0.0;
}

/* What the log says about one message. */
typedef struct {
  const OdanPack *pack;
  guint32   message;
  gboolean  read;        /* the deadlines ask for reading, not receipt */
  double   *clock;       /* per team: when the stage before sent what first reached it; INFINITY */
  double   *acked;       /* per team: first acknowledgement that counts; INFINITY */
  double   *relayed;     /* per team: its first forward of the message to its members; INFINITY */
  double  **member;      /* per team: per simulated member, first answer that counts; NULL */
} Trace;

static void
trace_clear (Trace *t)
{
  for (guint32 i = 0; i < t->pack->n_teams; i++)
    g_free (t->member[i]);
  g_free (t->member);
  g_free (t->clock);
  g_free (t->acked);
  g_free (t->relayed);
}

static gboolean
names_members (const OdanEvent *e,
               const char      *message)
{
  g_auto(GStrv) injects = odan_event_dup_injects (e);
  g_auto(GStrv) recipients = odan_event_dup_recipients (e);
  gboolean members = FALSE;

  for (guint i = 0; recipients != NULL && recipients[i] != NULL; i++)
    members |= g_ascii_strcasecmp (recipients[i], "members") == 0;
  return members && injects != NULL && g_strv_contains ((const char *const *) injects, message);
}

static void
trace_delivery (OdanExercise    *exercise,
                Trace           *t,
                const OdanEvent *e,
                GArray          *reached)
{
  double sent = e->minute;

  if (e->action == ODAN_ACTION_FORWARDED)
    {
      const OdanEvent *decision = odan_exercise_find_event (exercise, e->ref);

      if (decision != NULL)
        sent = decision->minute;
    }
  odan_event_get_reached_teams (e, t->pack, reached);
  for (guint k = 0; k < reached->len; k++)
    {
      guint32 team = g_array_index (reached, guint32, k);

      if (!isfinite (t->clock[team]))
        t->clock[team] = sent;
    }
}

static void
trace_ack (Trace           *t,
           const OdanEvent *e)
{
  guint member = odan_event_get_uint32 (e, ODAN_EVENT_KEY_MEMBER, 0);
  double *slot;

  if (t->read && e->action != ODAN_ACTION_READ)
    return;
  if (member > 0)
    {
      guint32 via = odan_pack_find_team (t->pack, odan_event_get_via (e));

      if (via == ODAN_NONE || member > t->pack->teams[via].members)
        return;
      if (t->member[via] == NULL)
        {
          t->member[via] = g_new (double, t->pack->teams[via].members);
          for (guint i = 0; i < t->pack->teams[via].members; i++)
            t->member[via][i] = INFINITY;
        }
      slot = &t->member[via][member - 1];
    }
  else
    {
      guint32 team = odan_pack_find_team (t->pack, e->team);

      if (team == ODAN_NONE)
        return;
      slot = &t->acked[team];
    }
  *slot = MIN (*slot, e->minute);
}

static void
trace_log (OdanExercise *exercise,
           Trace        *t)
{
  const char *id = t->pack->injects[t->message].id;
  g_autoptr(GArray) reached = g_array_new (FALSE, FALSE, sizeof (guint32));
  guint n = odan_exercise_get_n_events (exercise);

  for (guint i = 0; i < n; i++)
    {
      const OdanEvent *e = odan_exercise_get_event (exercise, i);
      guint32 team;

      if (g_strcmp0 (e->subject, id) != 0 && e->kind != ODAN_EVENT_DECISION)
        continue;
      if (e->kind == ODAN_EVENT_DELIVERY && odan_event_reaches_teams (e))
        trace_delivery (exercise, t, e, reached);
      else if (e->kind == ODAN_EVENT_ACK)
        trace_ack (t, e);
      else if (e->kind == ODAN_EVENT_DECISION && e->category == ODAN_CATEGORY_INFORMATION_SHARING
               && (team = odan_pack_find_team (t->pack, e->team)) != ODAN_NONE
               && !isfinite (t->relayed[team]) && names_members (e, id))
        t->relayed[team] = e->minute;
    }
}

/* The `within` of @message's ack deadline for receivers of @role; NAN. */
static double
deadline_for (const OdanPack *pack,
              guint32         message,
              const char     *role)
{
  for (guint i = 0; i < pack->n_deadlines; i++)
    {
      const OdanDeadline *d = &pack->deadlines[i];

      if (d->trigger == message && d->kind != ODAN_DEADLINE_DECISION
          && d->role != NULL && g_ascii_strcasecmp (d->role, role) == 0)
        return d->within;
    }
  return NAN;
}

/* One receiver: acknowledged at @acked, the stage's clock at @clock. */
static void
count (OdanRelayReach *row,
       double          clock,
       double          acked)
{
  row->expected++;
  if (!isfinite (acked) || !isfinite (clock))
    return;
  row->reached++;
  if (isnan (row->deadline) || acked - clock <= row->deadline)
    row->reached_in_time++;
}

static void
add_rows (const Trace *t,
          guint32      ceptoar,
          GArray      *rows)
{
  const OdanPack *pack = t->pack;
  g_autoptr(GArray) teams = g_array_new (FALSE, FALSE, sizeof (guint32));
  OdanRelayReach row[ODAN_RELAY_N_HOPS] = {
    { t->message, ceptoar, ODAN_RELAY_HOP_NISC_MINISTRY, 0, 0, 0, deadline_for (pack, t->message, "ministry") },
    { t->message, ceptoar, ODAN_RELAY_HOP_MINISTRY_CEPTOAR, 0, 0, 0, deadline_for (pack, t->message, "ceptoar") },
    { t->message, ceptoar, ODAN_RELAY_HOP_CEPTOAR_MEMBERS, 0, 0, 0, deadline_for (pack, t->message, "members") },
  };
  guint population = pack->teams[ceptoar].members;

  /* a team without a ministry in charge leaves the first stage empty */
  if (odan_relay_resolve (pack, ceptoar, "ministry", teams, NULL))
    for (guint k = 0; k < teams->len; k++)
      {
        guint32 m = g_array_index (teams, guint32, k);

        count (&row[0], t->clock[m], t->acked[m]);
      }
  count (&row[1], t->clock[ceptoar], t->acked[ceptoar]);

  g_array_set_size (teams, 0);
  odan_relay_resolve (pack, ceptoar, "members", teams, NULL);
  for (guint k = 0; k < teams->len; k++)
    {
      guint32 m = g_array_index (teams, guint32, k);

      count (&row[2], t->relayed[ceptoar], t->acked[m]);
    }
  for (guint i = 0; i < population; i++)
    count (&row[2], t->relayed[ceptoar], t->member[ceptoar] != NULL ? t->member[ceptoar][i] : INFINITY);
  g_array_append_vals (rows, row, ODAN_RELAY_N_HOPS);
}

static void
measure_message (OdanExercise *exercise,
                 guint32       message,
                 gboolean      read,
                 GArray       *rows)
{
  const OdanPack *pack = odan_exercise_get_pack (exercise);
  Trace t = { pack, message, read,
              g_new (double, MAX (pack->n_teams, 1)), g_new (double, MAX (pack->n_teams, 1)),
              g_new (double, MAX (pack->n_teams, 1)), g_new0 (double *, MAX (pack->n_teams, 1)) };

  for (guint32 i = 0; i < pack->n_teams; i++)
    t.clock[i] = t.acked[i] = t.relayed[i] = INFINITY;
  trace_log (exercise, &t);
  for (guint32 c = 0; c < pack->n_teams; c++)
    if (odan_relay_team_has_role (pack, c, "ceptoar"))
      add_rows (&t, c, rows);
  trace_clear (&t);
}

GArray *
odan_relay_reach_compute (OdanExercise *exercise)
{
  const OdanPack *pack;
  GArray *rows = g_array_new (FALSE, FALSE, sizeof (OdanRelayReach));
  g_autofree guint8 *kind = NULL;

  g_return_val_if_fail (ODAN_IS_EXERCISE (exercise), rows);

  pack = odan_exercise_get_pack (exercise);
  /* per message: 0 not measured, 1 by receipt, 2 by reading (its first such deadline) */
  kind = g_new0 (guint8, MAX (pack->n_injects, 1));
  for (guint i = 0; i < pack->n_deadlines; i++)
    {
      const OdanDeadline *d = &pack->deadlines[i];

      if (d->kind != ODAN_DEADLINE_DECISION && d->role != NULL && d->trigger < pack->n_injects
          && kind[d->trigger] == 0)
        kind[d->trigger] = d->kind == ODAN_DEADLINE_READ ? 2 : 1;
    }
  for (guint32 i = 0; i < pack->n_injects; i++)
    if (kind[i] != 0)
      measure_message (exercise, i, kind[i] == 2, rows);
  return rows;
}

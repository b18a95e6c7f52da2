/* odan-obligations.c — every team's deadlines at a given minute
 *
 * The rules of engine/EXERCISE.md, "Deadlines": a deadline of deadlines.csv
 * opens for a team when its trigger reaches the team, and is met by the
 * team's first matching decision or acknowledgement logged after that. The
 * team panel counts them down live and the review measures them at the end,
 * so they are computed here, in the exercise, and both read them.
 */
#define G_LOG_DOMAIN "odan-obligations"

#include "odan-enum.h"
#include "odan-exercise-enums.h"
#include "odan-exercise.h"
#include "odan-relay.h"

#include <math.h>
#include <string.h>

/* Obligations in one pass
 *
 * The rules of engine/EXERCISE.md, "Deadlines", for
 * odan_exercise_get_obligations() and the report alike: scanning the log
 * once per deadline and per obligation is more than a report of 10⁵ events
 * and 10⁴ obligations can wait for, so the log is read once into
 * per-trigger deliveries and per-team decisions and acks, and each
 * obligation looks up its team's list. */

typedef struct {
  gint64          id;
  double          minute;
  guint           category;   /* decisions */
  OdanReportStage stage;      /* decisions */
  guint32         inject;     /* acks: the inject acknowledged */
  gboolean        read;       /* acks */
  gboolean        is_ack;
  const OdanEvent *event;
} TeamEvent;

/* Whether @team is one of the recipients @d applies to (its column role). */
static gboolean
owes (const OdanPack     *pack,
      const OdanDeadline *d,
      guint32             team)
{
  if (d->role == NULL)
    return TRUE;
  if (g_ascii_strcasecmp (d->role, "nisc") == 0)
    return odan_relay_team_is_nisc (pack, team);
  /* "members" are the simulated members: no team owes it */
  return odan_relay_team_has_role (pack, team, d->role);
}

/* Whether decision @e forwards the trigger of @d to its `recipients`. */
static gboolean
forwards_as_asked (const OdanPack     *pack,
                   const OdanDeadline *d,
                   const OdanEvent    *e)
{
  g_auto(GStrv) injects = odan_event_dup_injects (e);
  g_auto(GStrv) recipients = odan_event_dup_recipients (e);
  gboolean named = FALSE;

  for (guint i = 0; recipients != NULL && recipients[i] != NULL && !named; i++)
    named = g_ascii_strcasecmp (recipients[i], d->recipients) == 0;
  return named && injects != NULL && g_strv_contains ((const char *const *) injects, pack->injects[d->trigger].id);
}

static gint
obligation_order (gconstpointer a,
                  gconstpointer b)
{
  const OdanObligation *x = a, *y = b;

  if (x->due != y->due)
    return x->due < y->due ? -1 : 1;
  if (x->deadline != y->deadline)
    return x->deadline < y->deadline ? -1 : 1;
  return x->team < y->team ? -1 : x->team > y->team;
}

/* The log up to @minute, read once: each inject's deliveries that reach
 * teams (@deliveries, const OdanEvent*) and each team's decisions and
 * acknowledgements (@by_team, TeamEvent). */
static void
read_log (OdanExercise   *exercise,
          const OdanPack *pack,
          double          minute,
          GArray        **deliveries,
          GArray        **by_team)
{
  guint n = odan_exercise_get_n_events (exercise);

  for (guint i = 0; i < n; i++)
    {
      const OdanEvent *e = odan_exercise_get_event (exercise, i);
      guint32 team;
      TeamEvent te = { e->id, e->minute, 0, ODAN_REPORT_STAGE_NONE, ODAN_NONE, FALSE, FALSE, e };

      if (e->minute > minute)
        break;
      if (odan_event_reaches_teams (e))
        {
          guint32 inject = odan_pack_find_inject (pack, e->subject);

          if (inject != ODAN_NONE)
            {
              if (deliveries[inject] == NULL)
                deliveries[inject] = g_array_new (FALSE, FALSE, sizeof (const OdanEvent *));
              g_array_append_val (deliveries[inject], e);
            }
          continue;
        }
      if ((team = odan_pack_find_team (pack, e->team)) == ODAN_NONE)
        continue;
      if (e->kind == ODAN_EVENT_DECISION)
        {
          te.category = e->category;
          te.stage = odan_event_get_stage (e);
        }
      else if (e->kind == ODAN_EVENT_ACK)
        {
          te.is_ack = TRUE;
          te.inject = odan_pack_find_inject (pack, e->subject);
          te.read = e->action == ODAN_ACTION_READ;
        }
      else
        continue;
      if (by_team[team] == NULL)
        by_team[team] = g_array_new (FALSE, FALSE, sizeof (TeamEvent));
      g_array_append_val (by_team[team], te);
    }
}

/* Where deadline @d opens for each team: at the first delivery of its
 * trigger (@list) that concerns the team; @opened_by 0 where it does not. */
static void
open_deadline (const OdanPack     *pack,
               const OdanDeadline *d,
               const GArray       *list,
               GArray             *reached,
               gint64             *opened_by,
               double             *opened)
{
  for (guint32 t = 0; t < pack->n_teams; t++)
    opened_by[t] = 0;
  for (guint i = 0; i < list->len; i++)
    {
      const OdanEvent *e = g_array_index (list, const OdanEvent *, i);

      if (d->team != ODAN_NONE)
        {
          opened_by[d->team] = e->id;
          opened[d->team] = e->minute;
          break;
        }
      odan_event_get_reached_teams (e, pack, reached);
      for (guint r = 0; r < reached->len; r++)
        {
          guint32 t = g_array_index (reached, guint32, r);

          if (opened_by[t] == 0)
            {
              opened_by[t] = e->id;
              opened[t] = e->minute;
            }
        }
    }
}

/* Whether @ob (of deadline @d) is met: by the team's first matching event
 * (@events) logged after the opening; its state at @minute. */
static void
meet (const OdanPack     *pack,
      OdanObligation     *ob,
      const OdanDeadline *d,
      const GArray       *events,
      double              minute)
{
  for (guint i = 0; events != NULL && i < events->len && ob->met_by == 0; i++)
    {
      const TeamEvent *te = &g_array_index (events, TeamEvent, i);
      gboolean match;

      if (te->id <= ob->opened_by)
        continue;
      if (d->kind == ODAN_DEADLINE_DECISION)
        match = !te->is_ack && te->category == d->category
                && (d->stage == ODAN_REPORT_STAGE_NONE || te->stage == d->stage)
                && (d->recipients == NULL || forwards_as_asked (pack, d, te->event));
      else
        match = te->is_ack && te->inject == d->trigger && (d->kind == ODAN_DEADLINE_RECEIVED || te->read);
      if (match)
        {
          ob->met_by = te->id;
          ob->met = te->minute;
        }
    }
  if (ob->met_by != 0)
    ob->state = ob->met <= ob->due ? ODAN_OBLIGATION_MET : ODAN_OBLIGATION_MET_LATE;
  else
    ob->state = minute > ob->due ? ODAN_OBLIGATION_LATE : ODAN_OBLIGATION_OPEN;
}

GArray *
odan_exercise_list_obligations (OdanExercise *exercise,
                                double        minute)
{
  const OdanPack *pack = odan_exercise_get_pack (exercise);
  GArray *out = g_array_new (FALSE, FALSE, sizeof (OdanObligation));
  g_autofree GArray **deliveries = g_new0 (GArray *, MAX (pack->n_injects, 1));  /* const OdanEvent* */
  g_autofree GArray **by_team = g_new0 (GArray *, MAX (pack->n_teams, 1));      /* TeamEvent */
  g_autofree gint64 *opened_by = g_new (gint64, MAX (pack->n_teams, 1));
  g_autofree double *opened = g_new (double, MAX (pack->n_teams, 1));
  g_autoptr(GArray) reached = g_array_new (FALSE, FALSE, sizeof (guint32));

  read_log (exercise, pack, minute, deliveries, by_team);
  for (guint32 k = 0; k < pack->n_deadlines; k++)
    {
      const OdanDeadline *d = &pack->deadlines[k];
      const GArray *list = deliveries[d->trigger];

      if (list == NULL)
        continue;
      open_deadline (pack, d, list, reached, opened_by, opened);
      for (guint32 t = 0; t < pack->n_teams; t++)
        {
          OdanObligation ob;

          if (opened_by[t] == 0 || !owes (pack, d, t))
            continue;
          ob = (OdanObligation) { k, t, opened_by[t], opened[t], opened[t] + d->within, 0, NAN, ODAN_OBLIGATION_OPEN };
          meet (pack, &ob, d, by_team[t], minute);
          g_array_append_val (out, ob);
        }
    }
  for (guint i = 0; i < pack->n_injects; i++)
    g_clear_pointer (&deliveries[i], g_array_unref);
  for (guint i = 0; i < pack->n_teams; i++)
    g_clear_pointer (&by_team[i], g_array_unref);
  g_array_sort (out, obligation_order);
  return out;
}

/* ------------------------------------------------------------------ */
/* Obligations (deadlines.csv) */

const char *
odan_obligation_state_to_string (OdanObligationState state)
{
  const char *nick = odan_enum_to_nick (ODAN_TYPE_OBLIGATION_STATE, state);

  g_return_val_if_fail (nick != NULL, NULL);
  return nick;
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

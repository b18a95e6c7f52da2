/* odan-measures.c — how each team did, read back from an exercise's log
 *
 * One pass over the log builds a table of "contacts": for every message
 * (an inject of the MSEL, or an ad hoc delivery) and team it reached, the
 * first delivery, the first acknowledgement (received or read, and read)
 * and whether a decision of the team named it. Report timings come from the
 * obligations (so they agree with `odan-cli obligations` by construction),
 * reach rates from the contacts of the teams the relay expects.
 */
#define G_LOG_DOMAIN "odan-measures"

#include "odan-measures.h"
#include "odan-enum.h"
#include "odan-relay.h"
#include "odan-review-enums.h"

#include <math.h>
#include <string.h>

typedef struct {
  gint64   delivery;      /* first delivery that reached the team, 0 before */
  double   delivered;
  double   received;      /* first ack, received or read; INFINITY */
  double   read;          /* first read ack; INFINITY */
  gboolean answered;      /* a decision of the team named the inject */
} Contact;

/* Keys of the contact table: a message and a team in one word. MSEL injects
 * and ad hoc deliveries (by event id) live in separate halves; bit 61 keeps
 * every key non-zero. */
static gpointer
contact_key (gboolean adhoc,
             guint64  message,
             guint32  team)
{
  guint64 key = (G_GUINT64_CONSTANT (1) << 61) | ((guint64) (adhoc != 0) << 60)
                | ((message & G_GUINT64_CONSTANT (0xFFFFFFFFF)) << 24) | (team & 0xFFFFFF);

  return (gpointer) (guintptr) key;
}

static Contact *
contact_get (GHashTable *contacts,
             gpointer    key)
{
  Contact *c = g_hash_table_lookup (contacts, key);

  if (c == NULL)
    {
      c = g_new0 (Contact, 1);
      c->received = INFINITY;
      c->read = INFINITY;
      g_hash_table_insert (contacts, key, c);
    }
  return c;
}

const char *
odan_relay_stage_to_string (OdanRelayStage stage)
{
  g_return_val_if_fail (stage < ODAN_RELAY_N_STAGES, NULL);
  return odan_enum_to_nick (ODAN_TYPE_RELAY_STAGE, stage);
}

OdanRelayStage
odan_relay_stage_of_team (const OdanPack *pack,
                          guint32         team)
{
  if (odan_relay_team_is_nisc (pack, team))
    return ODAN_RELAY_STAGE_NISC;
  if (odan_relay_team_has_role (pack, team, "ministry"))
    return ODAN_RELAY_STAGE_MINISTRY;
  if (odan_relay_team_has_role (pack, team, "ceptoar"))
    return ODAN_RELAY_STAGE_CEPTOAR;
  return ODAN_RELAY_STAGE_MEMBER;
}

const char *
odan_timing_state_to_string (OdanTimingState state)
{
  g_return_val_if_fail (state <= ODAN_TIMING_OPEN, NULL);
  return odan_enum_to_nick (ODAN_TYPE_TIMING_STATE, state);
}

double
odan_reach_rate_value (const OdanReachRate *rate)
{
  return rate->expected > 0 ? (double) rate->reached / rate->expected : 0.0;
}

void
odan_measures_free (OdanMeasures *measures)
{
  if (measures == NULL)
    return;
  g_clear_pointer (&measures->timings, g_array_unref);
  g_clear_pointer (&measures->obligations, g_array_unref);
  g_clear_pointer (&measures->reach, g_array_unref);
  g_clear_pointer (&measures->relay, g_array_unref);
  g_clear_pointer (&measures->unanswered, g_array_unref);
  g_clear_pointer (&measures->teams, g_array_unref);
  g_clear_pointer (&measures->mitigations, g_array_unref);
  g_free (measures);
}

/* A ministry report logged by a team: for timings without a deadline. */
typedef struct {
  gint64          event;
  double          minute;
  guint32         team;
  OdanReportStage stage;
} Report;

static guint
stage_column (OdanReportStage stage)
{
  switch (stage)
    {
    case ODAN_REPORT_STAGE_FOLLOW_UP:
      return 1;
    case ODAN_REPORT_STAGE_FINAL:
      return 2;
    case ODAN_REPORT_STAGE_NONE:
    case ODAN_REPORT_STAGE_INITIAL:
    default:
      return 0;
    }
}

static OdanTimingState
timing_state (OdanObligationState state)
{
  switch (state)
    {
    case ODAN_OBLIGATION_MET:
      return ODAN_TIMING_MET;
    case ODAN_OBLIGATION_MET_LATE:
      return ODAN_TIMING_MET_LATE;
    case ODAN_OBLIGATION_LATE:
      return ODAN_TIMING_LATE;
    case ODAN_OBLIGATION_OPEN:
    default:
      return ODAN_TIMING_OPEN;
    }
}

static gint
timing_compare (gconstpointer a,
                gconstpointer b)
{
  const OdanReportTiming *x = a, *y = b;

  if (x->trigger != y->trigger)
    return x->trigger < y->trigger ? -1 : 1;
  if (x->team != y->team)
    return x->team < y->team ? -1 : 1;
  return 0;
}

static void
compute_timings (OdanExercise *exercise,
                 OdanMeasures *m,
                 const GArray *reports)
{
  const OdanPack *pack = odan_exercise_get_pack (exercise);
  g_autoptr(GHashTable) rows = g_hash_table_new (g_direct_hash, g_direct_equal);

  for (guint i = 0; i < m->obligations->len; i++)
    {
      const OdanObligation *o = &g_array_index (m->obligations, OdanObligation, i);
      const OdanDeadline *d = &pack->deadlines[o->deadline];
      gpointer key = contact_key (FALSE, d->trigger, o->team);
      gpointer found;
      OdanReportTiming *row;
      guint col;

      if (d->kind != ODAN_DEADLINE_DECISION || d->category != ODAN_CATEGORY_MINISTRY_REPORT)
        continue;
      found = g_hash_table_lookup (rows, key);
      if (found == NULL)
        {
          OdanReportTiming t = { .trigger = d->trigger, .team = o->team,
                                 .opened = o->opened, .opened_by = o->opened_by };

          for (guint s = 0; s < ODAN_MEASURE_N_STAGES; s++)
            {
              t.minutes[s] = NAN;
              t.within[s] = NAN;
              t.deadline[s] = ODAN_NONE;
              t.state[s] = ODAN_TIMING_NO_DEADLINE;
            }
          g_array_append_val (m->timings, t);
          found = GUINT_TO_POINTER (m->timings->len);
          g_hash_table_insert (rows, key, found);
        }
      row = &g_array_index (m->timings, OdanReportTiming, GPOINTER_TO_UINT (found) - 1);
      col = stage_column (d->stage);
      if (row->deadline[col] != ODAN_NONE)
        continue;   /* two deadlines for one stage: the first in file order counts */
      row->deadline[col] = o->deadline;
      row->within[col] = d->within;
      row->state[col] = timing_state (o->state);
      row->report[col] = o->met_by;
      row->minutes[col] = o->met_by != 0 ? o->met - o->opened : NAN;
    }

  /* stages without a deadline: the team's first report of that stage */
  for (guint i = 0; i < m->timings->len; i++)
    {
      OdanReportTiming *row = &g_array_index (m->timings, OdanReportTiming, i);

      for (guint j = 0; j < reports->len; j++)
        {
          const Report *r = &g_array_index (reports, Report, j);
          guint col = stage_column (r->stage);

          if (r->team != row->team || r->event <= row->opened_by
              || row->deadline[col] != ODAN_NONE || row->report[col] != 0)
            continue;
          row->report[col] = r->event;
          row->minutes[col] = r->minute - row->opened;
        }
    }
  g_array_sort (m->timings, timing_compare);
}

/* The teams the relay expects @inject to reach: its recipients, then down
 * the relay (NISC → ministries → CEPTOARs → members) until nothing is new. */
static GArray *
expected_teams (const OdanPack *pack,
                guint32         inject)
{
  const OdanInject *in = &pack->injects[inject];
  GArray *teams = g_array_new (FALSE, FALSE, sizeof (guint32));
  g_autofree gboolean *seen = g_new0 (gboolean, pack->n_teams);
  g_autoptr(GArray) next = g_array_new (FALSE, FALSE, sizeof (guint32));

  for (guint32 t = 0; t < pack->n_teams; t++)
    {
      gboolean named = in->to_all;

      for (guint k = 0; k < in->n_to && !named; k++)
        named = in->to[k] == t;
      if (named)
        {
          seen[t] = TRUE;
          g_array_append_val (teams, t);
        }
    }
  for (guint i = 0; i < teams->len; i++)
    {
      guint32 from = g_array_index (teams, guint32, i);

      g_array_set_size (next, 0);
      switch (odan_relay_stage_of_team (pack, from))
        {
        case ODAN_RELAY_STAGE_NISC:
          for (guint32 t = 0; t < pack->n_teams; t++)
            if (odan_relay_team_has_role (pack, t, "ministry"))
              g_array_append_val (next, t);
          break;
        case ODAN_RELAY_STAGE_MINISTRY:
          odan_relay_resolve (pack, from, "ceptoar", next, NULL);
          break;
        case ODAN_RELAY_STAGE_CEPTOAR:
          odan_relay_resolve (pack, from, "members", next, NULL);
          break;
        case ODAN_RELAY_STAGE_MEMBER:
        default:
          break;
        }
      for (guint k = 0; k < next->len; k++)
        {
          guint32 t = g_array_index (next, guint32, k);

          if (!seen[t])
            {
              seen[t] = TRUE;
              g_array_append_val (teams, t);
            }
        }
    }
  return teams;
}

/* The ack deadline of @inject that sets @team's window. */
static const OdanDeadline *
window_of (const OdanPack *pack,
           guint32         inject,
           guint32         team)
{
  const OdanDeadline *first = NULL, *to = NULL;

  for (guint i = 0; i < pack->n_deadlines; i++)
    {
      const OdanDeadline *d = &pack->deadlines[i];

      if (d->trigger != inject || d->kind == ODAN_DEADLINE_DECISION)
        continue;
      if (d->team == team)
        return d;
      if (first == NULL)
        first = d;
      if (to == NULL && d->team == ODAN_NONE)
        to = d;
    }
  return to != NULL ? to : first;
}

typedef struct {
  OdanReachRate rate;
} ReachAcc;

/* The index of @inject's row for @stage and @ceptoar in @rows, added when
 * missing. An index, not a pointer: adding a row may move the others. */
static guint
reach_row (GArray         *rows,
           guint32         inject,
           OdanRelayStage  stage,
           const char     *ceptoar,
           double          within)
{
  ReachAcc a = { { inject, stage, ceptoar, within, 0, 0, 0, 0 } };

  for (guint i = 0; i < rows->len; i++)
    {
      const ReachAcc *row = &g_array_index (rows, ReachAcc, i);

      if (row->rate.stage == stage && g_strcmp0 (row->rate.ceptoar, ceptoar) == 0)
        return i;
    }
  g_array_append_val (rows, a);
  return rows->len - 1;
}

static gint
reach_compare (gconstpointer a,
               gconstpointer b)
{
  const OdanReachRate *x = a, *y = b;

  if (x->inject != y->inject)
    return x->inject < y->inject ? -1 : 1;
  if (x->stage != y->stage)
    return x->stage < y->stage ? -1 : 1;
  if ((x->ceptoar == NULL) != (y->ceptoar == NULL))
    return x->ceptoar == NULL ? -1 : 1;
  return g_strcmp0 (x->ceptoar, y->ceptoar);
}

static void
compute_reach (const OdanPack *pack,
               OdanMeasures   *m,
               GHashTable     *contacts)
{
  g_autofree gboolean *done = g_new0 (gboolean, pack->n_injects + 1);

  for (guint i = 0; i < pack->n_deadlines; i++)
    {
      const OdanDeadline *d = &pack->deadlines[i];
      g_autoptr(GArray) teams = NULL;
      g_autoptr(GArray) rows = NULL;

      if (d->kind == ODAN_DEADLINE_DECISION || done[d->trigger])
        continue;
      done[d->trigger] = TRUE;
      teams = expected_teams (pack, d->trigger);
      rows = g_array_new (FALSE, FALSE, sizeof (ReachAcc));
      for (guint k = 0; k < teams->len; k++)
        {
          guint32 t = g_array_index (teams, guint32, k);
          const OdanDeadline *w = window_of (pack, d->trigger, t);
          OdanRelayStage stage = odan_relay_stage_of_team (pack, t);
          const char *ceptoar = pack->teams[t].ceptoar;
          const Contact *c = g_hash_table_lookup (contacts, contact_key (FALSE, d->trigger, t));
          gboolean delivered = c != NULL && c->delivery != 0;
          double acked = !delivered ? INFINITY : w->kind == ODAN_DEADLINE_READ ? c->read : c->received;
          gboolean reached = delivered && acked - c->delivered <= w->within;
          gboolean late = delivered && isfinite (acked) && !reached;
          guint rows_of[2] = { reach_row (rows, d->trigger, stage, NULL, w->within), G_MAXUINT };

          if (ceptoar != NULL && ceptoar[0] != '\0')
            rows_of[1] = reach_row (rows, d->trigger, stage, ceptoar, w->within);
          for (guint r = 0; r < 2 && rows_of[r] != G_MAXUINT; r++)
            {
              OdanReachRate *rate = &g_array_index (rows, ReachAcc, rows_of[r]).rate;

              rate->expected++;
              rate->delivered += delivered;
              rate->reached += reached;
              rate->acked_late += late;
            }
        }
      for (guint k = 0; k < rows->len; k++)
        g_array_append_val (m->reach, g_array_index (rows, ReachAcc, k).rate);
    }
  g_array_sort (m->reach, reach_compare);
}

static gint
unanswered_compare (gconstpointer a,
                    gconstpointer b)
{
  const OdanUnanswered *x = a, *y = b;

  if (x->minute != y->minute)
    return x->minute < y->minute ? -1 : 1;
  if (x->delivery != y->delivery)
    return x->delivery < y->delivery ? -1 : 1;
  return x->team < y->team ? -1 : x->team > y->team;
}

/* What odan_measures_compute() gathers while it reads the log once. */
typedef struct {
  OdanExercise   *exercise;
  const OdanPack *pack;
  OdanMeasures   *m;
  GHashTable     *contacts;       /* contact_key → Contact */
  GHashTable     *mitigation_of;  /* decision event id → index + 1 into m->mitigations */
  GArray         *reached;        /* guint32, scratch for odan_event_get_reached_teams() */
  GArray         *reports;        /* Report */
  guint           n_decisions;
} Scan;

static OdanMeasures *
measures_new (const OdanPack *pack)
{
  OdanMeasures *m = g_new0 (OdanMeasures, 1);

  m->timings = g_array_new (FALSE, FALSE, sizeof (OdanReportTiming));
  m->reach = g_array_new (FALSE, FALSE, sizeof (OdanReachRate));
  m->unanswered = g_array_new (FALSE, FALSE, sizeof (OdanUnanswered));
  m->teams = g_array_sized_new (FALSE, TRUE, sizeof (OdanTeamMeasures), pack->n_teams);
  m->mitigations = g_array_new (FALSE, FALSE, sizeof (OdanMitigationUse));
  g_array_set_size (m->teams, pack->n_teams);
  for (guint32 t = 0; t < pack->n_teams; t++)
    {
      OdanTeamMeasures *tm = &g_array_index (m->teams, OdanTeamMeasures, t);

      tm->team = t;
      tm->stage = odan_relay_stage_of_team (pack, t);
    }
  return m;
}

/* A delivery: the first contact of each team it reached. */
static void
scan_delivery (Scan            *scan,
               const OdanEvent *e)
{
  gboolean adhoc = e->subject == NULL;
  guint32 inject = adhoc ? ODAN_NONE : odan_pack_find_inject (scan->pack, e->subject);

  if (!odan_event_reaches_teams (e) || (!adhoc && inject == ODAN_NONE))
    return;
  scan->m->n_deliveries++;
  odan_event_get_reached_teams (e, scan->pack, scan->reached);
  for (guint k = 0; k < scan->reached->len; k++)
    {
      guint32 t = g_array_index (scan->reached, guint32, k);
      Contact *c = contact_get (scan->contacts, contact_key (adhoc, adhoc ? (guint64) e->id : inject, t));

      if (c->delivery == 0)
        {
          c->delivery = e->id;
          c->delivered = e->minute;
        }
    }
}

/* An acknowledgement: when @team first received and read the message. */
static void
scan_ack (Scan            *scan,
          const OdanEvent *e,
          guint32          team)
{
  const OdanEvent *delivery = odan_exercise_find_event (scan->exercise, e->ref);
  gboolean adhoc;
  guint64 message;
  Contact *c;

  if (team == ODAN_NONE || delivery == NULL)
    return;
  adhoc = delivery->subject == NULL;
  message = adhoc ? (guint64) delivery->id : odan_pack_find_inject (scan->pack, delivery->subject);
  if (!adhoc && message == ODAN_NONE)
    return;
  scan->m->n_acks++;
  c = contact_get (scan->contacts, contact_key (adhoc, message, team));
  c->received = MIN (c->received, e->minute);
  if (e->action == ODAN_ACTION_READ)
    c->read = MIN (c->read, e->minute);
}

/* A decision's mitigation, matched later by its ODAN_EVENT_MITIGATION. */
static void
scan_mitigation_use (Scan            *scan,
                     const OdanEvent *e,
                     guint32          team,
                     guint32          d_index)
{
  OdanMitigationUse use = {
    e->id, d_index, team, odan_pack_find_mitigation (scan->pack, e->subject), e->minute,
    g_strcmp0 (odan_event_get_mitigation_status (e), "accepted") == 0,
    0, NAN
  };

  if (use.mitigation == ODAN_NONE)
    return;
  g_array_append_val (scan->m->mitigations, use);
  g_array_index (scan->m->teams, OdanTeamMeasures, team).mitigations++;
  g_hash_table_insert (scan->mitigation_of, g_memdup2 (&e->id, sizeof e->id),
                       GUINT_TO_POINTER (scan->m->mitigations->len));
}

/* A decision: its category, the injects it answers, a ministry report's
 * stage, its mitigation. */
static void
scan_decision (Scan            *scan,
               const OdanEvent *e,
               guint32          team)
{
  OdanMeasures *m = scan->m;
  OdanCategory category = e->category;
  g_auto(GStrv) injects = odan_event_dup_injects (e);
  guint32 d_index = scan->n_decisions++;

  if (team == ODAN_NONE)
    return;
  m->decisions[category]++;
  g_array_index (m->teams, OdanTeamMeasures, team).decisions[category]++;
  g_array_index (m->teams, OdanTeamMeasures, team).n_decisions++;
  for (guint k = 0; injects != NULL && injects[k] != NULL; k++)
    {
      guint32 inject = odan_pack_find_inject (scan->pack, injects[k]);

      if (inject != ODAN_NONE)
        contact_get (scan->contacts, contact_key (FALSE, inject, team))->answered = TRUE;
    }
  if (category == ODAN_CATEGORY_MINISTRY_REPORT)
    {
      Report r = { e->id, e->minute, team, odan_event_get_stage (e) };

      g_array_append_val (scan->reports, r);
    }
  if (e->subject != NULL)
    scan_mitigation_use (scan, e, team, d_index);
}

/* A mitigation taking effect: the decision's use is applied. */
static void
scan_mitigation (Scan            *scan,
                 const OdanEvent *e)
{
  guint found = GPOINTER_TO_UINT (g_hash_table_lookup (scan->mitigation_of, &e->ref));
  OdanMitigationUse *use;

  if (found == 0)
    return;
  use = &g_array_index (scan->m->mitigations, OdanMitigationUse, found - 1);
  use->applied_by = e->id;
  use->applied = e->minute;
  g_array_index (scan->m->teams, OdanTeamMeasures, use->team).mitigations_applied++;
}

/* HSEEP's scripted and contextual injects (EXERCISE.md, odan-measures)
 * play an action on a team's behalf or set the scene: nobody owes them an
 * answer. */
static gboolean
expects_no_answer (const OdanPack *pack,
                   guint64         inject)
{
  const char *type;

  if (inject >= pack->n_injects)
    return FALSE;
  type = pack->injects[inject].event_type;
  return type != NULL && (g_ascii_strcasecmp (type, "scripted") == 0 ||
                          g_ascii_strcasecmp (type, "contextual") == 0);
}

/* Per team: the messages that reached it, those it acknowledged, and
 * those it never answered. */
static void
count_contacts (const OdanPack *pack,
                OdanMeasures   *m,
                GHashTable     *contacts)
{
  GHashTableIter iter;
  gpointer key, value;

  g_hash_table_iter_init (&iter, contacts);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      const Contact *c = value;
      guint64 k = (guint64) (guintptr) key;
      guint32 team = k & 0xFFFFFF;
      gboolean adhoc = (k >> 60) & 1;
      OdanTeamMeasures *tm = &g_array_index (m->teams, OdanTeamMeasures, team);

      if (c->delivery == 0)
        continue;
      tm->deliveries++;
      if (isfinite (c->received))
        tm->acknowledged++;
      else if (!c->answered && (adhoc || !expects_no_answer (pack, (k >> 24) & 0xFFFFFFFFF)))
        {
          OdanUnanswered u = { c->delivery, adhoc ? ODAN_NONE : (guint32) ((k >> 24) & 0xFFFFFFFFF),
                               team, c->delivered };

          tm->unanswered++;
          g_array_append_val (m->unanswered, u);
        }
    }
  g_array_sort (m->unanswered, unanswered_compare);
}

OdanMeasures *
odan_measures_compute (OdanExercise *exercise)
{
  g_autoptr(GHashTable) contacts = g_hash_table_new_full (g_direct_hash, g_direct_equal, NULL, g_free);
  g_autoptr(GHashTable) mitigation_of = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  g_autoptr(GArray) reached = g_array_new (FALSE, FALSE, sizeof (guint32));
  g_autoptr(GArray) reports = g_array_new (FALSE, FALSE, sizeof (Report));
  Scan scan = { exercise, NULL, NULL, contacts, mitigation_of, reached, reports, 0 };
  OdanMeasures *m;
  guint n_events;

  g_return_val_if_fail (ODAN_IS_EXERCISE (exercise), NULL);

  scan.pack = odan_exercise_get_pack (exercise);
  n_events = odan_exercise_get_n_events (exercise);
  m = scan.m = measures_new (scan.pack);
  m->end = n_events > 0 ? odan_exercise_get_event (exercise, n_events - 1)->minute : 0.0;

  for (guint i = 0; i < n_events; i++)
    {
      const OdanEvent *e = odan_exercise_get_event (exercise, i);
      guint32 team = odan_pack_find_team (scan.pack, e->team);

      switch (e->kind)
        {
        case ODAN_EVENT_DELIVERY:
          scan_delivery (&scan, e);
          break;
        case ODAN_EVENT_ACK:
          scan_ack (&scan, e, team);
          break;
        case ODAN_EVENT_DECISION:
          scan_decision (&scan, e, team);
          break;
        case ODAN_EVENT_MITIGATION:
          scan_mitigation (&scan, e);
          break;
        case ODAN_EVENT_CLOCK:
        case ODAN_EVENT_RESCHEDULE:
        case ODAN_EVENT_OBSERVATION:
        default:
          break;
        }
    }
  count_contacts (scan.pack, m, contacts);

  m->obligations = odan_exercise_list_obligations (exercise, m->end);
  for (guint i = 0; i < m->obligations->len; i++)
    {
      const OdanObligation *o = &g_array_index (m->obligations, OdanObligation, i);

      g_array_index (m->teams, OdanTeamMeasures, o->team).obligations[o->state]++;
    }
  compute_timings (exercise, m, reports);
  compute_reach (scan.pack, m, contacts);
  m->relay = odan_relay_reach_compute (exercise);
  return m;
}

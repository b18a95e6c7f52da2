/* test-measures.c — the evaluator's measures on a scripted exercise whose
 * answers are worked out by hand (aar-script.c has the minutes)
 */
#include <math.h>
#include <string.h>

#include "aar-script.h"
#include "odan-measures.h"
#include "odan-test-files.h"

typedef struct {
  char         *dir;
  TestTime      time;
  OdanExercise *ex;
  OdanMeasures *m;
  const OdanPack *pack;
} Fixture;

static void
fixture_set_up (Fixture      *f,
                gconstpointer data)
{
  f->dir = test_tmpdir_new ();
  f->ex = aar_play_in (f->dir, &f->time, NULL);
  f->pack = odan_exercise_get_pack (f->ex);
  f->m = odan_measures_compute (f->ex);
}

static void
fixture_tear_down (Fixture      *f,
                   gconstpointer data)
{
  odan_measures_free (f->m);
  g_object_unref (f->ex);
  test_tmpdir_free (f->dir);
}

static guint32
team (Fixture    *f,
      const char *id)
{
  guint32 t = odan_pack_find_team (f->pack, id);

  g_assert_cmpuint (t, !=, ODAN_NONE);
  return t;
}

static void
test_report_timing (Fixture      *f,
                    gconstpointer data)
{
  const OdanReportTiming *t;

  g_assert_cmpfloat (f->m->end, ==, 130);
  g_assert_cmpuint (f->m->timings->len, ==, 1);
  t = &g_array_index (f->m->timings, OdanReportTiming, 0);
  g_assert_cmpstr (f->pack->injects[t->trigger].id, ==, "B-01");
  g_assert_cmpuint (t->team, ==, team (f, "power-ceptoar"));
  g_assert_cmpfloat (t->opened, ==, 10);
  /* initial: B-01 at T+10, the report at T+40: 30 minutes, within 60 */
  g_assert_cmpfloat (t->minutes[0], ==, 30);
  g_assert_cmpfloat (t->within[0], ==, 60);
  g_assert_cmpint (t->state[0], ==, ODAN_TIMING_MET);
  g_assert_cmpint (t->report[0], >, 0);
  /* no follow-up deadline and no follow-up */
  g_assert_true (isnan (t->minutes[1]));
  g_assert_true (isnan (t->within[1]));
  g_assert_cmpint (t->state[1], ==, ODAN_TIMING_NO_DEADLINE);
  /* final: due at 190, the exercise ended at 130 without one */
  g_assert_true (isnan (t->minutes[2]));
  g_assert_cmpfloat (t->within[2], ==, 180);
  g_assert_cmpint (t->state[2], ==, ODAN_TIMING_OPEN);
}

static void
test_obligations (Fixture      *f,
                  gconstpointer data)
{
  guint met = 0, met_late = 0, open = 0, late = 0;

  /* D-ack for meti, power-ceptoar and m1–m4; D-initial and D-final */
  g_assert_cmpuint (f->m->obligations->len, ==, 8);
  for (guint i = 0; i < f->m->obligations->len; i++)
    switch (g_array_index (f->m->obligations, OdanObligation, i).state)
      {
      case ODAN_OBLIGATION_MET: met++; break;
      case ODAN_OBLIGATION_MET_LATE: met_late++; break;
      case ODAN_OBLIGATION_OPEN: open++; break;
      case ODAN_OBLIGATION_LATE: late++; break;
      default: g_assert_not_reached ();
      }
  g_assert_cmpuint (met, ==, 5);       /* meti, m1, m2, m3, the initial report */
  g_assert_cmpuint (met_late, ==, 2);  /* power-ceptoar's ack at 22 min, m4's at 20 */
  g_assert_cmpuint (open, ==, 1);      /* the final report */
  g_assert_cmpuint (late, ==, 0);
  g_assert_cmpuint (g_array_index (f->m->teams, OdanTeamMeasures, team (f, "power-ceptoar")).obligations[ODAN_OBLIGATION_MET_LATE], ==, 1);
}

static const OdanReachRate *
reach (Fixture        *f,
       OdanRelayStage  stage,
       const char     *ceptoar)
{
  for (guint i = 0; i < f->m->reach->len; i++)
    {
      const OdanReachRate *r = &g_array_index (f->m->reach, OdanReachRate, i);

      if (r->stage == stage && g_strcmp0 (r->ceptoar, ceptoar) == 0)
        return r;
    }
  g_assert_not_reached ();
  return NULL;
}

static void
test_reach (Fixture      *f,
            gconstpointer data)
{
  const OdanReachRate *r;

  /* ministry, ceptoar and member stages, the last two also per CEPTOAR */
  g_assert_cmpuint (f->m->reach->len, ==, 5);
  for (guint i = 0; i < f->m->reach->len; i++)
    {
      g_assert_cmpstr (f->pack->injects[g_array_index (f->m->reach, OdanReachRate, i).inject].id, ==, "R-01");
      g_assert_cmpfloat (g_array_index (f->m->reach, OdanReachRate, i).within, ==, 15);
    }

  r = reach (f, ODAN_RELAY_STAGE_MINISTRY, NULL);
  g_assert_cmpuint (r->expected, ==, 1);
  g_assert_cmpuint (r->reached, ==, 1);
  g_assert_cmpfloat (odan_reach_rate_value (r), ==, 1.0);

  r = reach (f, ODAN_RELAY_STAGE_CEPTOAR, NULL);
  g_assert_cmpuint (r->expected, ==, 1);
  g_assert_cmpuint (r->delivered, ==, 1);
  g_assert_cmpuint (r->reached, ==, 0);
  g_assert_cmpuint (r->acked_late, ==, 1);

  /* three of four members confirmed within 15 minutes of the forward */
  r = reach (f, ODAN_RELAY_STAGE_MEMBER, NULL);
  g_assert_cmpuint (r->expected, ==, 4);
  g_assert_cmpuint (r->delivered, ==, 4);
  g_assert_cmpuint (r->reached, ==, 3);
  g_assert_cmpuint (r->acked_late, ==, 1);
  g_assert_cmpfloat (odan_reach_rate_value (r), ==, 0.75);
  r = reach (f, ODAN_RELAY_STAGE_MEMBER, "電力CEPTOAR");
  g_assert_cmpuint (r->expected, ==, 4);
  g_assert_cmpuint (r->reached, ==, 3);
}

static void
test_unanswered (Fixture      *f,
                 gconstpointer data)
{
  const OdanUnanswered *u;
  const OdanTeamMeasures *water = &g_array_index (f->m->teams, OdanTeamMeasures, team (f, "water"));

  /* B-01 was answered by an ack (water) and by a report naming it
   * (power-ceptoar); N-01 never */
  g_assert_cmpuint (f->m->unanswered->len, ==, 1);
  u = &g_array_index (f->m->unanswered, OdanUnanswered, 0);
  g_assert_cmpstr (f->pack->injects[u->inject].id, ==, "N-01");
  g_assert_cmpuint (u->team, ==, team (f, "water"));
  g_assert_cmpfloat (u->minute, ==, 20);
  g_assert_cmpuint (water->deliveries, ==, 2);
  g_assert_cmpuint (water->acknowledged, ==, 1);
  g_assert_cmpuint (water->unanswered, ==, 1);
}

/* The same script with N-01 marked as HSEEP's scripted inject: delivered
 * to water, never acknowledged, yet owed no answer. */
static void
test_unanswered_scripted (void)
{
  g_autofree char *source = test_fixture_path ("aar");
  g_autofree char *pack = odan_test_copy_folder (source, "odan-scripted-XXXXXX");
  g_autofree char *injects_path = g_build_filename (pack, "injects.csv", NULL);
  g_autofree char *path = g_build_filename (pack, "aar.odan", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(OdanExercise) ex = NULL;
  g_autoptr(OdanMeasures) m = NULL;
  const char *injects =
    "id,time,to,from,channel,title,title_ja,objective,effect,event_type\n"
    "R-01,0,meti,NISC,メール,Reach check,疎通確認,Information sharing,,\n"
    "B-01,+10m,power-ceptoar;water,Grid operator,電話,Blackout,停電,Situational assessment,set p1 0,Contingency\n"
    "N-01,+20m,water,Facilitator,電話,Water pressure,水圧低下,Situational assessment,,Scripted\n";
  TestTime time = { 0 };
  const OdanTeamMeasures *water;

  g_assert_nonnull (pack);
  g_assert_true (g_file_set_contents (injects_path, injects, -1, &error));
  g_assert_no_error (error);

  time.now = TEST_TIME_START;
  ex = aar_play_pack (path, pack, &time);
  m = odan_measures_compute (ex);
  water = &g_array_index (m->teams, OdanTeamMeasures, odan_pack_find_team (odan_exercise_get_pack (ex), "water"));
  /* as in test_unanswered, but N-01 is no longer owed an answer */
  g_assert_cmpuint (m->unanswered->len, ==, 0);
  g_assert_cmpuint (water->deliveries, ==, 2);
  g_assert_cmpuint (water->acknowledged, ==, 1);
  g_assert_cmpuint (water->unanswered, ==, 0);
  g_clear_object (&ex);
  g_assert_true (odan_test_remove_tree (pack));
}

static void
test_decisions (Fixture      *f,
                gconstpointer data)
{
  const OdanTeamMeasures *pc = &g_array_index (f->m->teams, OdanTeamMeasures, team (f, "power-ceptoar"));
  const OdanTeamMeasures *meti = &g_array_index (f->m->teams, OdanTeamMeasures, team (f, "meti"));
  const OdanMitigationUse *use;

  g_assert_cmpuint (f->m->decisions[ODAN_CATEGORY_INFORMATION_SHARING], ==, 2);
  g_assert_cmpuint (f->m->decisions[ODAN_CATEGORY_MINISTRY_REPORT], ==, 1);
  g_assert_cmpuint (f->m->decisions[ODAN_CATEGORY_BUSINESS_CONTINUITY], ==, 1);
  g_assert_cmpuint (f->m->decisions[ODAN_CATEGORY_DISCLOSURE], ==, 0);
  g_assert_cmpuint (f->m->n_acks, ==, 7);
  g_assert_cmpuint (pc->n_decisions, ==, 3);
  g_assert_cmpuint (pc->decisions[ODAN_CATEGORY_MINISTRY_REPORT], ==, 1);
  g_assert_cmpuint (meti->decisions[ODAN_CATEGORY_INFORMATION_SHARING], ==, 1);
  g_assert_cmpint (pc->stage, ==, ODAN_RELAY_STAGE_CEPTOAR);
  g_assert_cmpint (meti->stage, ==, ODAN_RELAY_STAGE_MINISTRY);
  g_assert_cmpint (g_array_index (f->m->teams, OdanTeamMeasures, team (f, "nisc")).stage, ==, ODAN_RELAY_STAGE_NISC);
  g_assert_cmpint (g_array_index (f->m->teams, OdanTeamMeasures, team (f, "m1")).stage, ==, ODAN_RELAY_STAGE_MEMBER);

  g_assert_cmpuint (f->m->mitigations->len, ==, 1);
  use = &g_array_index (f->m->mitigations, OdanMitigationUse, 0);
  g_assert_cmpstr (f->pack->mitigations[use->mitigation].id, ==, "GEN");
  g_assert_cmpuint (use->team, ==, team (f, "power-ceptoar"));
  g_assert_cmpuint (use->decision_index, ==, 3);
  g_assert_true (use->accepted);
  g_assert_cmpfloat (use->decided, ==, 70);
  g_assert_cmpfloat (use->applied, ==, 70);
  g_assert_cmpint (use->applied_by, >, use->decision);
  g_assert_cmpuint (pc->mitigations_applied, ==, 1);
}

/* Reopening the file gives the same measures: they come from the log only. */
static void
test_reopened (Fixture      *f,
               gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (f->dir, "aar.odan", NULL);
  g_autoptr(OdanExercise) again = NULL;
  g_autoptr(OdanMeasures) m = NULL;

  g_clear_object (&f->ex);
  again = odan_exercise_open (path, NULL, ODAN_EXERCISE_OPEN_READ_ONLY, &error);
  g_assert_no_error (error);
  m = odan_measures_compute (again);
  g_assert_cmpuint (m->timings->len, ==, f->m->timings->len);
  g_assert_cmpmem (m->timings->data, m->timings->len * sizeof (OdanReportTiming),
                   f->m->timings->data, f->m->timings->len * sizeof (OdanReportTiming));
  g_assert_cmpuint (m->reach->len, ==, f->m->reach->len);
  for (guint i = 0; i < m->reach->len; i++)
    g_assert_cmpuint (g_array_index (m->reach, OdanReachRate, i).reached, ==,
                      g_array_index (f->m->reach, OdanReachRate, i).reached);
  g_assert_cmpuint (m->unanswered->len, ==, 1);
  f->ex = g_steal_pointer (&again);
}

/* The deadline rules of EXERCISE.md read the plain way, as the reference
 * the one-pass odan_exercise_list_obligations() must agree with: per deadline,
 * scan the log for the openings, then once per obligation for what meets it.
 *
 * A delivery opens obligations when it put its inject in front of some team,
 * as the public odan_exercise_delivery_reaches() tells (a skip reaches no
 * one); which actions do so is the engine's to say, not this file's. */
static gboolean
reaches_anyone (OdanExercise    *ex,
                const OdanEvent *event)
{
  const OdanPack *pack = odan_exercise_get_pack (ex);

  for (guint32 t = 0; t < pack->n_teams; t++)
    if (odan_exercise_delivery_reaches (ex, event, t))
      return TRUE;
  return FALSE;
}

static gboolean
meets (const OdanPack     *pack,
       const OdanDeadline *k,
       const char         *team,
       const OdanEvent    *event)
{
  if (g_strcmp0 (event->team, team) != 0)
    return FALSE;
  if (k->kind == ODAN_DEADLINE_DECISION)
    return event->kind == ODAN_EVENT_DECISION
           && g_strcmp0 (odan_event_action_to_string (event), odan_category_to_string ((OdanCategory) k->category)) == 0
           && (k->stage == ODAN_REPORT_STAGE_NONE
               || g_strcmp0 (odan_event_get_string (event, "stage"),
                             odan_report_stage_to_string ((OdanReportStage) k->stage)) == 0);
  return event->kind == ODAN_EVENT_ACK
         && g_strcmp0 (event->subject, pack->injects[k->trigger].id) == 0
         && (k->kind == ODAN_DEADLINE_RECEIVED || g_strcmp0 (odan_event_action_to_string (event), "read") == 0);
}

static gint
obligation_compare (gconstpointer a,
                    gconstpointer b)
{
  const OdanObligation *oa = a, *ob = b;

  if (oa->due != ob->due)
    return oa->due < ob->due ? -1 : 1;
  if (oa->deadline != ob->deadline)
    return oa->deadline < ob->deadline ? -1 : 1;
  return (oa->team > ob->team) - (oa->team < ob->team);
}

static GArray *
reference_obligations (OdanExercise *ex,
                       guint32       team,
                       double        minute)
{
  const OdanPack *pack = odan_exercise_get_pack (ex);
  GArray *obligations = g_array_new (FALSE, FALSE, sizeof (OdanObligation));
  guint n = 0;

  while (n < odan_exercise_get_n_events (ex) && odan_exercise_get_event (ex, n)->minute <= minute)
    n++;
  for (guint32 k = 0; k < pack->n_deadlines; k++)
    {
      const OdanDeadline *deadline = &pack->deadlines[k];
      const char *trigger = pack->injects[deadline->trigger].id;
      guint first = obligations->len;

      /* open: per team, at the first delivery of the trigger that concerns it */
      for (guint i = 0; i < n; i++)
        {
          const OdanEvent *event = odan_exercise_get_event (ex, i);

          if (event->kind != ODAN_EVENT_DELIVERY || g_strcmp0 (event->subject, trigger) != 0
              || !reaches_anyone (ex, event))
            continue;
          for (guint32 t = 0; t < pack->n_teams; t++)
            {
              gboolean open = FALSE;

              if ((team != ODAN_NONE && t != team) || (deadline->team != ODAN_NONE && t != deadline->team))
                continue;
              if (deadline->team == ODAN_NONE && !odan_exercise_delivery_reaches (ex, event, t))
                continue;
              for (guint o = first; o < obligations->len && !open; o++)
                open = g_array_index (obligations, OdanObligation, o).team == t;
              if (!open)
                {
                  OdanObligation ob = { k, t, event->id, event->minute, event->minute + deadline->within,
                                        0, NAN, ODAN_OBLIGATION_OPEN };

                  g_array_append_val (obligations, ob);
                }
            }
        }
      /* met: by the team's first matching event logged after the opening */
      for (guint o = first; o < obligations->len; o++)
        {
          OdanObligation *ob = &g_array_index (obligations, OdanObligation, o);

          for (guint i = 0; i < n && ob->met_by == 0; i++)
            {
              const OdanEvent *event = odan_exercise_get_event (ex, i);

              if (event->id > ob->opened_by && meets (pack, deadline, pack->teams[ob->team].id, event))
                {
                  ob->met_by = event->id;
                  ob->met = event->minute;
                }
            }
          if (ob->met_by != 0)
            ob->state = ob->met <= ob->due ? ODAN_OBLIGATION_MET : ODAN_OBLIGATION_MET_LATE;
          else
            ob->state = minute > ob->due ? ODAN_OBLIGATION_LATE : ODAN_OBLIGATION_OPEN;
        }
    }
  g_array_sort (obligations, obligation_compare);
  return obligations;
}

static void
assert_obligations_equal (const GArray *expected,
                          const GArray *got)
{
  g_assert_cmpuint (got->len, ==, expected->len);
  for (guint i = 0; i < got->len; i++)
    {
      const OdanObligation *a = &g_array_index (got, OdanObligation, i);
      const OdanObligation *b = &g_array_index (expected, OdanObligation, i);

      g_assert_cmpuint (a->deadline, ==, b->deadline);
      g_assert_cmpuint (a->team, ==, b->team);
      g_assert_cmpint (a->opened_by, ==, b->opened_by);
      g_assert_cmpfloat (a->opened, ==, b->opened);
      g_assert_cmpfloat (a->due, ==, b->due);
      g_assert_cmpint (a->met_by, ==, b->met_by);
      g_assert_true (a->met == b->met || (isnan (a->met) && isnan (b->met)));
      g_assert_cmpint (a->state, ==, b->state);
    }
}

/* odan_exercise_list_obligations() and odan_exercise_get_obligations(), for
 * every team and for each one, against the reference. */
static void
assert_same_obligations (OdanExercise *ex,
                         double        minute)
{
  const OdanPack *pack = odan_exercise_get_pack (ex);
  g_autoptr(GArray) reference = reference_obligations (ex, ODAN_NONE, minute);
  g_autoptr(GArray) fast = odan_exercise_list_obligations (ex, minute);
  g_autoptr(GArray) all = odan_exercise_get_obligations (ex, ODAN_NONE, minute);

  g_test_message ("%u obligations at minute %g", fast->len, minute);
  assert_obligations_equal (reference, fast);
  assert_obligations_equal (reference, all);
  for (guint32 t = 0; t < pack->n_teams; t++)
    {
      g_autoptr(GArray) one_reference = reference_obligations (ex, t, minute);
      g_autoptr(GArray) one = odan_exercise_get_obligations (ex, t, minute);

      assert_obligations_equal (one_reference, one);
    }
}

/* The obligations equal the reference's, minute by minute. */
static void
test_obligations_same (Fixture      *f,
                       gconstpointer data)
{
  static const double minutes[] = { 0, 5, 8, 9.5, 10, 23, 30, 40, 45, 50, 70, 130, 190, 1000 };

  for (guint i = 0; i < G_N_ELEMENTS (minutes); i++)
    assert_same_obligations (f->ex, minutes[i]);
}

/* The same on the Kanto scenario played at random (fixed seed): teams
 * acknowledge (received or read) what reached them and report at every
 * stage, decide on their BCP and do other things. */
static void
test_obligations_kanto (void)
{
  g_autofree char *dir = test_tmpdir_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GRand) rand = g_rand_new_with_seed (4242);
  g_autoptr(OdanExercise) ex = NULL;
  g_autoptr(GArray) pending = g_array_new (FALSE, FALSE, sizeof (gint64) * 2);
  TestTime time = { TEST_TIME_START };
  const OdanPack *pack;
  guint seen = 0;

  ex = test_exercise_start_new (dir, "kanto", &time);
  pack = odan_exercise_get_pack (ex);
  for (double m = 10; m <= 24 * 60; m += 10)
    {
      g_assert_true (odan_exercise_advance_to (ex, m, &error));
      g_assert_no_error (error);
      for (; seen < odan_exercise_get_n_events (ex); seen++)
        {
          const OdanEvent *e = odan_exercise_get_event (ex, seen);

          if (e->kind != ODAN_EVENT_DELIVERY || g_strcmp0 (odan_event_action_to_string (e), "skipped") == 0)
            continue;
          for (guint32 t = 0; t < pack->n_teams; t++)
            if (odan_exercise_delivery_reaches (ex, e, t) && g_rand_int_range (rand, 0, 4) != 0)
              {
                gint64 item[2] = { e->id, t };

                g_array_append_val (pending, item);
              }
        }
      for (guint k = 0; k < 6 && pending->len > 0; k++)
        {
          guint i = g_rand_int_range (rand, 0, pending->len);
          gint64 *item = &g_array_index (pending, gint64, 2 * i);

          g_assert_cmpint (odan_exercise_acknowledge (ex, item[0], pack->teams[item[1]].id,
                                                      g_rand_boolean (rand) ? ODAN_ACK_READ : ODAN_ACK_RECEIVED,
                                                      NULL, &error), >, 0);
          g_assert_no_error (error);
          g_array_remove_index_fast (pending, i);
        }
      for (guint k = 0; k < 2; k++)
        {
          OdanDecision d = { 0 };
          guint32 t = g_rand_int_range (rand, 0, pack->n_teams);

          if (pack->teams[t].sector == ODAN_NONE || pack->sectors[pack->teams[t].sector].ministry == NULL)
            continue;
          d.team = t;
          d.mitigation = ODAN_NONE;
          d.inject = ODAN_NONE;
          d.summary = (char *) "Random decision";
          switch (g_rand_int_range (rand, 0, 3))
            {
            case 0:
              d.category = ODAN_CATEGORY_MINISTRY_REPORT;
              d.stage = g_rand_int_range (rand, ODAN_REPORT_STAGE_INITIAL, ODAN_REPORT_STAGE_FINAL + 1);
              break;
            case 1:
              d.category = ODAN_CATEGORY_BUSINESS_CONTINUITY;
              d.bcp = TRUE;
              break;
            default:
              d.category = ODAN_CATEGORY_OTHER;
              break;
            }
          g_assert_cmpint (odan_exercise_decide (ex, &d, NULL, &error), >, 0);
          g_assert_no_error (error);
        }
      if (((int) m) % 120 == 0)
        assert_same_obligations (ex, m - 35);
    }
  assert_same_obligations (ex, 24 * 60);
  g_clear_object (&ex);
  test_tmpdir_free (g_steal_pointer (&dir));
}

/* Reach rows of the CEPTOAR drill: each stage's "(all)" row counts every
 * expected team, so it equals the sum of the per-CEPTOAR rows wherever every
 * team of the stage has a CEPTOAR, as the drill's CEPTOAR teams do. (A
 * pointer into the growing row array once made these counts random.) */
static void
test_reach_drill (void)
{
  g_autofree char *dir = test_tmpdir_new ();
  g_autofree char *path = g_build_filename (dir, "drill.odan", NULL);
  g_autofree char *pack_dir = test_scenario_path ("ceptoar-drill");
  g_autoptr(GError) error = NULL;
  g_autoptr(OdanExercise) ex = NULL;
  g_autoptr(OdanMeasures) m = NULL;
  TestTime time = { TEST_TIME_START };
  guint checked = 0;

  ex = odan_exercise_open (path, pack_dir, ODAN_EXERCISE_OPEN_CREATE, &error);
  g_assert_no_error (error);
  test_time_attach (ex, &time);
  g_assert_cmpint (odan_exercise_start (ex, ODAN_CLOCK_STEP, 1.0, &error), >, 0);
  g_assert_true (odan_exercise_advance_to (ex, 180, &error));
  g_assert_no_error (error);
  m = odan_measures_compute (ex);
  for (guint i = 0; i < m->reach->len; i++)
    {
      const OdanReachRate *all = &g_array_index (m->reach, OdanReachRate, i);
      guint sum = 0, delivered = 0, n_rows = 0;

      if (all->ceptoar != NULL)
        continue;
      for (guint k = 0; k < m->reach->len; k++)
        {
          const OdanReachRate *r = &g_array_index (m->reach, OdanReachRate, k);

          if (r->inject == all->inject && r->stage == all->stage && r->ceptoar != NULL)
            {
              sum += r->expected;
              delivered += r->delivered;
              n_rows++;
            }
        }
      g_assert_cmpuint (sum, <=, all->expected);
      if (all->stage == ODAN_RELAY_STAGE_CEPTOAR && n_rows > 0)
        {
          g_assert_cmpuint (sum, ==, all->expected);
          g_assert_cmpuint (delivered, ==, all->delivered);
          checked++;
        }
    }
  g_assert_cmpuint (checked, >, 0);
  g_clear_object (&ex);
  test_tmpdir_free (g_steal_pointer (&dir));
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
#define ADD(path, fn) g_test_add (path, Fixture, NULL, fixture_set_up, fn, fixture_tear_down)
  ADD ("/exercise/measures/report-timing", test_report_timing);
  ADD ("/exercise/measures/obligations", test_obligations);
  ADD ("/exercise/measures/reach", test_reach);
  ADD ("/exercise/measures/unanswered", test_unanswered);
  g_test_add_func ("/exercise/measures/unanswered-scripted", test_unanswered_scripted);
  ADD ("/exercise/measures/decisions", test_decisions);
  ADD ("/exercise/measures/reopened", test_reopened);
  ADD ("/exercise/measures/obligations-same", test_obligations_same);
  g_test_add_func ("/exercise/measures/obligations-kanto", test_obligations_kanto);
  g_test_add_func ("/exercise/measures/reach-drill", test_reach_drill);
  return g_test_run ();
}

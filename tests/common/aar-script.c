/* aar-script.c — the scripted exercise the after-action tests read back
 *
 * tests/exercise/packs/aar, step mode, every minute exact:
 *
 *   0   R-01 (reach check) from NISC reaches METI
 *   5   METI confirms receipt                          → ministry stage: 1 of 1 in 15 min
 *   8   METI forwards R-01 to its CEPTOARs (no latency): power-ceptoar has it at 8
 *   10  B-01 (blackout: p1 → 0, so w1 → 0) reaches power-ceptoar and water
 *   15  water confirms receipt of B-01
 *   20  N-01 reaches water, which never answers it     → the one unanswered delivery
 *   30  power-ceptoar confirms R-01 (22 min: late) and forwards it to its members
 *   40  m1, m2, m3 confirm (10 min); power-ceptoar's initial report on B-01
 *                                                      → 30 min after B-01, deadline 60: met
 *   50  m4 confirms (20 min: late)                     → member stage: 3 of 4 = 75 %
 *   70  power-ceptoar decides the generator (GEN: restore p1, no delay)
 *   130 end; the final report (due 190) is still open
 *
 * Lost operability up to 130 (power weighs 2, water 1):
 *   as played: p1 and w1 down 10 → 70 = 1 h each → 2 + 1 = 3 node-hours
 *   without GEN: down 10 → 130 = 2 h each        → 4 + 2 = 6 node-hours
 *   avoided by GEN (and by power-ceptoar): 3 node-hours
 */
#include "aar-script.h"

#include "odan-exercise.h"

#include <math.h>

static gint64
last_delivery (OdanExercise *ex,
               const char   *inject,
               const char   *team)
{
  const OdanPack *pack = odan_exercise_get_pack (ex);
  g_autoptr(GArray) ids = odan_exercise_deliveries_to (ex, odan_pack_find_inject (pack, inject),
                                                       odan_pack_find_team (pack, team), INFINITY);

  g_assert_cmpuint (ids->len, >, 0);
  return g_array_index (ids, gint64, ids->len - 1);
}

static void
ack (OdanExercise *ex,
     const char   *inject,
     const char   *team)
{
  g_autoptr(GError) error = NULL;

  g_assert_cmpint (odan_exercise_acknowledge (ex, last_delivery (ex, inject, team), team,
                                              ODAN_ACK_RECEIVED, "tester", &error), >, 0);
  g_assert_no_error (error);
}

static void
decide (OdanExercise    *ex,
        const char      *team,
        OdanCategory     category,
        const char      *summary,
        const char      *inject,
        const char      *recipient,
        OdanReportStage  stage,
        const char      *mitigation)
{
  const OdanPack *pack = odan_exercise_get_pack (ex);
  g_autoptr(GError) error = NULL;
  guint32 injects[1];
  char *recipients[2] = { (char *) recipient, NULL };
  OdanDecision d = { 0 };

  d.team = odan_pack_find_team (pack, team);
  d.category = category;
  d.summary = (char *) summary;
  d.mitigation = mitigation != NULL ? odan_pack_find_mitigation (pack, mitigation) : ODAN_NONE;
  d.inject = inject != NULL ? odan_pack_find_inject (pack, inject) : ODAN_NONE;
  if (inject != NULL)
    {
      injects[0] = d.inject;
      d.injects = injects;
      d.n_injects = 1;
    }
  d.recipients = recipient != NULL ? recipients : NULL;
  d.stage = stage;
  g_assert_cmpint (odan_exercise_decide (ex, &d, "tester", &error), >, 0);
  g_assert_no_error (error);
}

OdanExercise *
aar_play (const char *path,
          TestTime   *time)
{
  g_autofree char *pack = test_fixture_path ("aar");

  return aar_play_pack (path, pack, time);
}

OdanExercise *
aar_play_pack (const char *path,
               const char *pack,
               TestTime   *time)
{
  g_autoptr(GError) error = NULL;
  OdanExercise *ex = odan_exercise_open (path, pack, ODAN_EXERCISE_OPEN_CREATE, &error);

  g_assert_no_error (error);
  test_time_attach (ex, time);
  g_assert_cmpint (odan_exercise_start (ex, ODAN_CLOCK_STEP, 1.0, &error), >, 0);
  g_assert_no_error (error);

  test_advance (ex, 5);
  ack (ex, "R-01", "meti");
  test_advance (ex, 8);
  decide (ex, "meti", ODAN_CATEGORY_INFORMATION_SHARING, "To the CEPTOARs", "R-01", "ceptoar",
          ODAN_REPORT_STAGE_NONE, NULL);
  test_advance (ex, 15);
  ack (ex, "B-01", "water");
  test_advance (ex, 30);
  ack (ex, "R-01", "power-ceptoar");
  decide (ex, "power-ceptoar", ODAN_CATEGORY_INFORMATION_SHARING, "To the members", "R-01", "members",
          ODAN_REPORT_STAGE_NONE, NULL);
  test_advance (ex, 40);
  ack (ex, "R-01", "m1");
  ack (ex, "R-01", "m2");
  ack (ex, "R-01", "m3");
  decide (ex, "power-ceptoar", ODAN_CATEGORY_MINISTRY_REPORT, "Blackout at the plant", "B-01", NULL,
          ODAN_REPORT_STAGE_INITIAL, NULL);
  test_advance (ex, 50);
  ack (ex, "R-01", "m4");
  test_advance (ex, 70);
  decide (ex, "power-ceptoar", ODAN_CATEGORY_BUSINESS_CONTINUITY, "Generator to the plant", NULL, NULL,
          ODAN_REPORT_STAGE_NONE, "GEN");
  test_advance (ex, 130);
  g_assert_cmpint (odan_exercise_end (ex, &error), >, 0);
  g_assert_no_error (error);
  return ex;
}

OdanExercise *
aar_play_in (const char  *dir,
             TestTime    *time,
             char       **out_path)
{
  g_autofree char *path = g_build_filename (dir, "aar.odan", NULL);
  OdanExercise *ex;

  time->now = TEST_TIME_START;
  ex = aar_play (path, time);
  if (out_path != NULL)
    *out_path = g_steal_pointer (&path);
  return ex;
}

/* test-team.c — sector teams: the decision forms, acknowledgements, the
 * information relay, reporting deadlines and the team's own view
 *
 * Everything runs on packs/relay (NISC, two ministries, a power CEPTOAR with
 * two members, a medical team; relay.csv gives e-mail 3 min and fax 10 min;
 * deadlines.csv four deadlines) with the clock stepped by hand, so every
 * minute below is exact.
 */
#include <math.h>
#include <string.h>
#include <glib/gstdio.h>

#include "exercise-test.h"
#include "odan-relay.h"
#include "odan-team-view.h"
#include "odan-test-cli.h"

typedef struct {
  char     *dir;
  char     *path;
  char     *pack;
  TestTime  time;
} Fixture;

static void
fixture_set_up (Fixture      *f,
                gconstpointer data)
{
  f->dir = test_tmpdir_new ();
  f->path = g_build_filename (f->dir, "team.odan", NULL);
  f->pack = test_fixture_path ("relay");
  f->time.now = TEST_TIME_START;
}

static void
fixture_tear_down (Fixture      *f,
                   gconstpointer data)
{
  test_tmpdir_free (f->dir);
  g_free (f->path);
  g_free (f->pack);
}

static OdanExercise *
start (Fixture *f)
{
  g_autoptr(GError) error = NULL;
  OdanExercise *ex = odan_exercise_open (f->path, f->pack, ODAN_EXERCISE_OPEN_CREATE, &error);

  g_assert_no_error (error);
  test_time_attach (ex, &f->time);
  g_assert_cmpint (odan_exercise_start (ex, ODAN_CLOCK_STEP, 1.0, &error), >, 0);
  g_assert_no_error (error);
  return ex;
}

static OdanDecision
decision (OdanExercise *ex,
          const char   *team,
          OdanCategory  category,
          const char   *summary)
{
  OdanDecision d = { 0 };

  d.team = odan_pack_find_team (odan_exercise_get_pack (ex), team);
  g_assert_cmpuint (d.team, !=, ODAN_NONE);
  d.category = category;
  d.summary = (char *) summary;
  d.mitigation = ODAN_NONE;
  d.inject = ODAN_NONE;
  return d;
}

static gint64
decide_ok (OdanExercise       *ex,
           const OdanDecision *d)
{
  g_autoptr(GError) error = NULL;
  gint64 id = odan_exercise_decide (ex, d, "tester", &error);

  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);
  return id;
}

static void
decide_refused (OdanExercise       *ex,
                const OdanDecision *d,
                const char         *expected)
{
  g_autoptr(GError) error = NULL;
  guint n = odan_exercise_get_n_events (ex);

  g_assert_cmpint (odan_exercise_decide (ex, d, NULL, &error), ==, 0);
  g_assert_error (error, ODAN_EXERCISE_ERROR, ODAN_EXERCISE_ERROR_INVALID);
  g_test_message ("refused: %s", error->message);
  g_assert_nonnull (strstr (error->message, expected));
  g_assert_cmpuint (odan_exercise_get_n_events (ex), ==, n);
}

/* The one delivery of @inject that reached @team by @minute. */
static gint64
delivery_to (OdanExercise *ex,
             const char   *inject,
             const char   *team,
             double        minute,
             guint         nth)
{
  const OdanPack *pack = odan_exercise_get_pack (ex);
  g_autoptr(GArray) ids = odan_exercise_deliveries_to (ex, odan_pack_find_inject (pack, inject),
                                                       odan_pack_find_team (pack, team), minute);

  g_assert_cmpuint (ids->len, >, nth);
  return g_array_index (ids, gint64, nth);
}

static const OdanEvent *
event (OdanExercise *ex,
       gint64        id)
{
  const OdanEvent *e = odan_exercise_find_event (ex, id);

  g_assert_nonnull (e);
  return e;
}

/* ------------------------------------------------------------------ */
/* Each category's form */

static void
test_categories (Fixture      *f,
                 gconstpointer data)
{
  g_autoptr(OdanExercise) ex = start (f);
  const OdanPack *pack = odan_exercise_get_pack (ex);
  const char *to_meti[] = { "meti", NULL };
  const char *to_press[] = { "nobody-team", NULL };
  gint64 bc, bcp, disclosure, report, sharing;
  OdanDecision d;

  test_advance (ex, 40);

  /* business continuity: BCP activation and/or a mitigation */
  d = decision (ex, "medical", ODAN_CATEGORY_BUSINESS_CONTINUITY, "Keep the wards running");
  decide_refused (ex, &d, "activates the BCP or chooses a mitigation");
  d.mitigation = odan_pack_find_mitigation (pack, "GEN");
  bc = decide_ok (ex, &d);
  d.mitigation = ODAN_NONE;
  d.bcp = TRUE;
  bcp = decide_ok (ex, &d);
  d = decision (ex, "power-a", ODAN_CATEGORY_BUSINESS_CONTINUITY, "Take the hospital's generator");
  d.mitigation = odan_pack_find_mitigation (pack, "GEN");
  decide_refused (ex, &d, "reserved for team 'medical'");

  /* disclosure: channel, audience, text */
  d = decision (ex, "power-a", ODAN_CATEGORY_DISCLOSURE, "Restoration expected tonight");
  decide_refused (ex, &d, "needs a channel");
  d.channel = (char *) "press release";
  decide_refused (ex, &d, "needs an audience");
  d.audience = (char *) "the public";
  disclosure = decide_ok (ex, &d);
  d.summary = (char *) " \n";
  decide_refused (ex, &d, "needs a summary");

  /* ministry report: stage and content; the ministry of the team's sector */
  d = decision (ex, "power-a", ODAN_CATEGORY_MINISTRY_REPORT, "Blackout since 10:30");
  decide_refused (ex, &d, "needs its stage");
  d.stage = ODAN_REPORT_STAGE_INITIAL;
  report = decide_ok (ex, &d);
  d = decision (ex, "nisc", ODAN_CATEGORY_MINISTRY_REPORT, "A report with no ministry");
  d.stage = ODAN_REPORT_STAGE_INITIAL;
  decide_refused (ex, &d, "needs the ministry");

  /* information sharing: recipients and injects that reached the team */
  d = decision (ex, "power-a", ODAN_CATEGORY_INFORMATION_SHARING, "Tell METI");
  decide_refused (ex, &d, "needs recipients");
  d.recipients = (char **) to_meti;
  decide_refused (ex, &d, "names the injects it forwards");
  d.inject = odan_pack_find_inject (pack, "PRIVATE");
  decide_refused (ex, &d, "inject PRIVATE has not reached team 'power-a'");
  d.inject = odan_pack_find_inject (pack, "BLACKOUT");
  d.recipients = (char **) to_press;
  decide_refused (ex, &d, "unknown recipient 'nobody-team'");
  d.recipients = (char **) (const char *[]) { "members", NULL };
  decide_refused (ex, &d, "is not a CEPTOAR");
  d.recipients = (char **) (const char *[]) { "ceptoar", "ministry", NULL };
  sharing = decide_ok (ex, &d);

  /* forwarding the blackout does not black out the grid again: the
   * outage is 30 min … 2 h 30 min whatever copies arrive at 43 min */
  test_advance (ex, 160);
  {
    OdanSim *sim = odan_exercise_state_at (ex, 155);

    g_assert_cmpfloat (odan_sim_get_operability (sim, odan_pack_find_node (pack, "grid")), ==, 1.0);
    odan_sim_free (sim);
    sim = odan_exercise_state_at (ex, 149);
    g_assert_cmpfloat (odan_sim_get_operability (sim, odan_pack_find_node (pack, "grid")), ==, 0.0);
    odan_sim_free (sim);
  }

  /* stored: reopen the file and read the details back */
  g_clear_object (&ex);
  ex = odan_exercise_open (f->path, NULL, ODAN_EXERCISE_OPEN_READ_ONLY, NULL);
  g_assert_nonnull (ex);
  g_assert_cmpstr (event (ex, bc)->subject, ==, "GEN");
  g_assert_cmpstr (odan_event_get_string (event (ex, bc), "mitigation-status"), ==, "accepted");
  g_assert_true (odan_event_get_boolean (event (ex, bcp), "bcp", FALSE));
  g_assert_null (event (ex, bcp)->subject);
  g_assert_cmpstr (odan_event_get_string (event (ex, disclosure), "channel"), ==, "press release");
  g_assert_cmpstr (odan_event_get_string (event (ex, disclosure), "audience"), ==, "the public");
  g_assert_cmpstr (event (ex, disclosure)->summary, ==, "Restoration expected tonight");
  g_assert_cmpstr (odan_event_get_string (event (ex, report), "ministry"), ==, "経済産業省");
  g_assert_cmpstr (odan_event_get_string (event (ex, report), "stage"), ==, "initial");
  {
    g_autofree const char **to = odan_event_get_strv (event (ex, sharing), "forward-to");
    g_autofree const char **injects = odan_event_get_strv (event (ex, sharing), "injects");

    /* power-a's CEPTOAR and the ministry in charge of power */
    g_assert_cmpuint (g_strv_length ((char **) to), ==, 2);
    g_assert_cmpstr (to[0], ==, "meti");
    g_assert_cmpstr (to[1], ==, "power-ceptoar");
    g_assert_cmpstr (injects[0], ==, "BLACKOUT");
    g_assert_cmpstr (odan_event_get_string (event (ex, sharing), "forward-channel"), ==, "メール");
    g_assert_cmpfloat (odan_event_get_double (event (ex, sharing), "arrives", 0), ==, 43.0);
  }
  /* the decisions as OdanDecision keep their forms too */
  {
    const GArray *decisions = odan_exercise_get_decisions (ex);

    g_assert_cmpuint (decisions->len, ==, 5);
    g_assert_true (g_array_index (decisions, OdanDecision, 1).bcp);
    g_assert_cmpint (g_array_index (decisions, OdanDecision, 3).stage, ==, ODAN_REPORT_STAGE_INITIAL);
  }
}

/* ------------------------------------------------------------------ */
/* The relay chain: NISC → ministry → CEPTOAR → members */

static void
test_relay_chain (Fixture      *f,
                  gconstpointer data)
{
  g_autoptr(OdanExercise) ex = start (f);
  const OdanPack *pack = odan_exercise_get_pack (ex);
  gint64 nisc_forward, meti_forward, ceptoar_forward;
  OdanDecision d;

  test_advance (ex, 12);
  /* NISC has no sector: "ministry" stands for nobody, a team id works */
  d = decision (ex, "nisc", ODAN_CATEGORY_INFORMATION_SHARING, "To METI");
  d.inject = odan_pack_find_inject (pack, "N-01");
  d.recipients = (char **) (const char *[]) { "ministry", NULL };
  decide_refused (ex, &d, "has no sector with a ministry in charge");
  d.recipients = (char **) (const char *[]) { "meti", NULL };
  nisc_forward = decide_ok (ex, &d);            /* by e-mail: 3 min */

  test_advance (ex, 20);
  d = decision (ex, "meti", ODAN_CATEGORY_INFORMATION_SHARING, "To the power CEPTOAR");
  d.inject = odan_pack_find_inject (pack, "N-01");
  d.recipients = (char **) (const char *[]) { "ceptoar", NULL };
  meti_forward = decide_ok (ex, &d);            /* METI's first means, FAX: 10 min */
  g_assert_cmpfloat (odan_exercise_get_next_due (ex), ==, 30.0);

  test_advance (ex, 40);
  d = decision (ex, "power-ceptoar", ODAN_CATEGORY_INFORMATION_SHARING, "To the members");
  d.inject = odan_pack_find_inject (pack, "N-01");
  d.recipients = (char **) (const char *[]) { "members", NULL };
  ceptoar_forward = decide_ok (ex, &d);         /* by phone: no latency, delivered at once */
  test_advance (ex, 50);

  /* measured from the deliveries: 0 → 15 → 30 → 40 */
  {
    static const struct { const char *team; double minute; const char *via; } stages[] = {
      { "nisc", 0, NULL }, { "meti", 15, "nisc" }, { "power-ceptoar", 30, "meti" },
      { "power-a", 40, "power-ceptoar" }, { "power-b", 40, "power-ceptoar" },
    };
    gint64 refs[] = { 0, nisc_forward, meti_forward, ceptoar_forward, ceptoar_forward };

    for (guint i = 0; i < G_N_ELEMENTS (stages); i++)
      {
        const OdanEvent *e = event (ex, delivery_to (ex, "N-01", stages[i].team, 50, 0));

        g_test_message ("N-01 reaches %s at %g", stages[i].team, e->minute);
        g_assert_cmpfloat (e->minute, ==, stages[i].minute);
        g_assert_cmpint (e->ref, ==, refs[i]);
        g_assert_cmpstr (odan_event_get_string (e, "via"), ==, stages[i].via);
        /* the text as it was first delivered travels along */
        g_assert_cmpstr (odan_event_get_string (e, "body"), ==, "Indicators of a targeted mail campaign.");
      }
  }
  /* the medical team and MHLW were never in the chain */
  {
    g_autoptr(GArray) none = odan_exercise_deliveries_to (ex, odan_pack_find_inject (pack, "N-01"),
                                                          odan_pack_find_team (pack, "medical"), 50);
    g_assert_cmpuint (none->len, ==, 0);
  }
  /* replay: reopening gives the same deliveries */
  {
    g_autoptr(OdanExercise) again = odan_exercise_open (f->path, NULL, ODAN_EXERCISE_OPEN_READ_ONLY, NULL);

    g_assert_nonnull (again);
    g_assert_cmpuint (odan_exercise_get_n_events (again), ==, odan_exercise_get_n_events (ex));
    g_assert_cmpfloat (event (again, delivery_to (again, "N-01", "power-b", 50, 0))->minute, ==, 40.0);
  }
}

/* A forward with latency still pending when the file is reopened is
 * delivered on time afterwards. */
static void
test_relay_pending_reopen (Fixture      *f,
                           gconstpointer data)
{
  g_autoptr(OdanExercise) ex = start (f);
  g_autoptr(GError) error = NULL;
  OdanDecision d;

  test_advance (ex, 5);
  d = decision (ex, "nisc", ODAN_CATEGORY_INFORMATION_SHARING, "To METI by fax");
  d.inject = odan_pack_find_inject (odan_exercise_get_pack (ex), "N-01");
  d.recipients = (char **) (const char *[]) { "meti", NULL };
  d.channel = (char *) "FAX";
  decide_ok (ex, &d);
  g_assert_true (odan_exercise_pause (ex, &error));
  g_clear_object (&ex);

  ex = odan_exercise_open (f->path, NULL, ODAN_EXERCISE_OPEN_WRITE, &error);
  g_assert_no_error (error);
  test_time_attach (ex, &f->time);
  /* waiting: not in the log, but known again from it */
  {
    g_autoptr(GArray) none = odan_exercise_deliveries_to (ex, odan_pack_find_inject (odan_exercise_get_pack (ex), "N-01"),
                                                          odan_pack_find_team (odan_exercise_get_pack (ex), "meti"), 1e9);
    g_assert_cmpuint (none->len, ==, 0);
  }
  g_assert_true (odan_exercise_resume (ex, FALSE, &error));
  test_advance (ex, 20);
  g_assert_cmpfloat (event (ex, delivery_to (ex, "N-01", "meti", 20, 0))->minute, ==, 15.0);
}

/* ------------------------------------------------------------------ */
/* Acknowledgements */

static void
test_acks (Fixture      *f,
           gconstpointer data)
{
  g_autoptr(OdanExercise) ex = start (f);
  g_autoptr(GError) error = NULL;
  gint64 blackout, received, read, again;

  test_advance (ex, 31);
  blackout = delivery_to (ex, "BLACKOUT", "medical", 31, 0);

  /* a delivery that never reached the team */
  g_assert_cmpint (odan_exercise_acknowledge (ex, delivery_to (ex, "N-01", "nisc", 31, 0), "medical",
                                              ODAN_ACK_RECEIVED, NULL, &error), ==, 0);
  g_assert_error (error, ODAN_EXERCISE_ERROR, ODAN_EXERCISE_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "did not reach team 'medical'"));
  g_clear_error (&error);
  g_assert_cmpint (odan_exercise_acknowledge (ex, 9999, "medical", ODAN_ACK_RECEIVED, NULL, &error), ==, 0);
  g_assert_error (error, ODAN_EXERCISE_ERROR, ODAN_EXERCISE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_cmpint (odan_exercise_acknowledge (ex, blackout, "nobody", ODAN_ACK_RECEIVED, NULL, &error), ==, 0);
  g_assert_error (error, ODAN_EXERCISE_ERROR, ODAN_EXERCISE_ERROR_INVALID);
  g_clear_error (&error);

  /* received, then the same again: ignored, the first one's id */
  received = odan_exercise_acknowledge (ex, blackout, "medical", ODAN_ACK_RECEIVED, "nurse", &error);
  g_assert_no_error (error);
  g_assert_cmpint (received, >, 0);
  g_assert_cmpstr (odan_event_action_to_string (event (ex, received)), ==, "received");
  g_assert_cmpstr (event (ex, received)->subject, ==, "BLACKOUT");
  g_assert_cmpint (event (ex, received)->ref, ==, blackout);
  again = odan_exercise_acknowledge (ex, blackout, "medical", ODAN_ACK_RECEIVED, NULL, &error);
  g_assert_cmpint (again, ==, received);
  test_advance (ex, 35);
  read = odan_exercise_acknowledge (ex, blackout, "medical", ODAN_ACK_READ, NULL, &error);
  g_assert_cmpint (read, >, received);
  g_assert_cmpint (odan_exercise_acknowledge (ex, blackout, "medical", ODAN_ACK_READ, NULL, &error), ==, read);

  /* read implies received: power-a reads first, then "received" is the read */
  read = odan_exercise_acknowledge (ex, blackout, "power-a", ODAN_ACK_READ, NULL, &error);
  g_assert_cmpint (odan_exercise_acknowledge (ex, blackout, "power-a", ODAN_ACK_RECEIVED, NULL, &error), ==, read);
  g_assert_no_error (error);

  /* the acks in the team's view */
  {
    g_autoptr(OdanTeamView) view = odan_team_view_new (ex, "power-a", 35, &error);
    const OdanInboxEntry *e = odan_team_view_get_inbox (view, 0);

    g_assert_cmpstr (e->inject, ==, "BLACKOUT");
    g_assert_cmpfloat (e->received, ==, 35.0);
    g_assert_cmpfloat (e->read, ==, 35.0);
    g_clear_pointer (&view, odan_team_view_free);
    view = odan_team_view_new (ex, "medical", 34, &error);
    /* PRIVATE and BLACKOUT; BLACKOUT received at 31, read only at 35 */
    g_assert_cmpuint (odan_team_view_get_n_inbox (view), ==, 2);
    e = odan_team_view_get_inbox (view, 1);
    g_assert_cmpfloat (e->received, ==, 31.0);
    g_assert_true (isnan (e->read));
    g_assert_cmpuint (odan_team_view_get_n_unacknowledged (view), ==, 1);
  }

  /* start, three deliveries and three acks: the refused and repeated ones logged nothing */
  g_assert_cmpuint (odan_exercise_get_n_events (ex), ==, 7);
}

/* ------------------------------------------------------------------ */
/* Deadlines */

static const OdanObligation *
obligation (const GArray   *obligations,
            const OdanPack *pack,
            const char     *deadline,
            const char     *team)
{
  for (guint i = 0; i < obligations->len; i++)
    {
      const OdanObligation *o = &g_array_index (obligations, OdanObligation, i);

      if (g_str_equal (pack->deadlines[o->deadline].id, deadline) && g_str_equal (pack->teams[o->team].id, team))
        return o;
    }
  return NULL;
}

static void
assert_state (OdanExercise        *ex,
              double               minute,
              const char          *deadline,
              const char          *team,
              OdanObligationState  state)
{
  const OdanPack *pack = odan_exercise_get_pack (ex);
  g_autoptr(GArray) all = odan_exercise_get_obligations (ex, ODAN_NONE, minute);
  const OdanObligation *o = obligation (all, pack, deadline, team);

  g_test_message ("%s for %s at %g", deadline, team, minute);
  if ((int) state < 0)
    {
      g_assert_null (o);
      return;
    }
  g_assert_nonnull (o);
  g_assert_cmpstr (odan_obligation_state_to_string (o->state), ==, odan_obligation_state_to_string (state));
}

static void
test_deadlines (Fixture      *f,
                gconstpointer data)
{
  g_autoptr(OdanExercise) ex = start (f);
  const OdanPack *pack = odan_exercise_get_pack (ex);
  g_autoptr(GError) error = NULL;
  OdanDecision d;

  g_assert_cmpuint (pack->n_deadlines, ==, 4);
  g_assert_cmpuint (pack->n_relays, ==, 2);

  test_advance (ex, 5);
  odan_exercise_acknowledge (ex, delivery_to (ex, "N-01", "nisc", 5, 0), "nisc", ODAN_ACK_RECEIVED, NULL, &error);
  g_assert_no_error (error);
  test_advance (ex, 12);
  d = decision (ex, "nisc", ODAN_CATEGORY_INFORMATION_SHARING, "To METI");
  d.inject = odan_pack_find_inject (pack, "N-01");
  d.recipients = (char **) (const char *[]) { "meti", NULL };
  decide_ok (ex, &d);                           /* reaches METI at 15 */
  test_advance (ex, 20);
  d = decision (ex, "meti", ODAN_CATEGORY_INFORMATION_SHARING, "To the CEPTOAR");
  d.inject = odan_pack_find_inject (pack, "N-01");
  d.recipients = (char **) (const char *[]) { "ceptoar", NULL };
  decide_ok (ex, &d);
  test_advance (ex, 45);
  odan_exercise_acknowledge (ex, delivery_to (ex, "N-01", "meti", 45, 0), "meti", ODAN_ACK_RECEIVED, NULL, &error);
  test_advance (ex, 50);
  d = decision (ex, "power-a", ODAN_CATEGORY_MINISTRY_REPORT, "Follow-up first (wrong stage)");
  d.stage = ODAN_REPORT_STAGE_FOLLOW_UP;
  decide_ok (ex, &d);
  test_advance (ex, 100);
  d.stage = ODAN_REPORT_STAGE_INITIAL;
  d.summary = (char *) "Initial report, late";
  decide_ok (ex, &d);
  test_advance (ex, 120);

  /* NISC: opened at 0 by the MSEL, received at 5 (due 15), forwarded at 12 (due 30) */
  assert_state (ex, 4, "DL-ack", "nisc", ODAN_OBLIGATION_OPEN);
  assert_state (ex, 5, "DL-ack", "nisc", ODAN_OBLIGATION_MET);
  assert_state (ex, 12, "DL-fwd", "nisc", ODAN_OBLIGATION_MET);
  /* METI: opened by the forward at 15; due 30; acknowledged at 45 */
  assert_state (ex, 14, "DL-ack", "meti", (OdanObligationState) -1);
  assert_state (ex, 15, "DL-ack", "meti", ODAN_OBLIGATION_OPEN);
  assert_state (ex, 30, "DL-ack", "meti", ODAN_OBLIGATION_OPEN);
  assert_state (ex, 30.5, "DL-ack", "meti", ODAN_OBLIGATION_LATE);
  assert_state (ex, 44, "DL-ack", "meti", ODAN_OBLIGATION_LATE);
  assert_state (ex, 45, "DL-ack", "meti", ODAN_OBLIGATION_MET_LATE);
  assert_state (ex, 20, "DL-fwd", "meti", ODAN_OBLIGATION_MET);
  /* the CEPTOAR: opened when METI's fax arrived at 30 */
  assert_state (ex, 30, "DL-fwd", "power-ceptoar", ODAN_OBLIGATION_OPEN);
  assert_state (ex, 61, "DL-fwd", "power-ceptoar", ODAN_OBLIGATION_LATE);
  /* read within 2 h: nobody read it */
  assert_state (ex, 120, "DL-read", "nisc", ODAN_OBLIGATION_OPEN);
  assert_state (ex, 121, "DL-read", "nisc", ODAN_OBLIGATION_LATE);
  /* power-a's report: opened by the blackout at 30, due 90; the follow-up
   * at 50 is not the initial report; the initial one came at 100 */
  assert_state (ex, 29, "DL-report", "power-a", (OdanObligationState) -1);
  assert_state (ex, 60, "DL-report", "power-a", ODAN_OBLIGATION_OPEN);
  assert_state (ex, 90, "DL-report", "power-a", ODAN_OBLIGATION_OPEN);
  assert_state (ex, 91, "DL-report", "power-a", ODAN_OBLIGATION_LATE);
  assert_state (ex, 100, "DL-report", "power-a", ODAN_OBLIGATION_MET_LATE);

  {
    g_autoptr(GArray) late = odan_exercise_get_obligations (ex, odan_pack_find_team (pack, "power-a"), 100);
    const OdanObligation *o = obligation (late, pack, "DL-report", "power-a");

    g_assert_cmpuint (late->len, ==, 1);
    g_assert_cmpfloat (o->opened, ==, 30);
    g_assert_cmpfloat (o->due, ==, 90);
    g_assert_cmpfloat (o->met, ==, 100);
  }

  /* replay: the same obligations from the reopened file */
  {
    g_autoptr(OdanExercise) again = odan_exercise_open (f->path, NULL, ODAN_EXERCISE_OPEN_READ_ONLY, NULL);
    g_autoptr(GArray) a = odan_exercise_get_obligations (ex, ODAN_NONE, 120);
    g_autoptr(GArray) b = odan_exercise_get_obligations (again, ODAN_NONE, 120);

    g_assert_cmpuint (a->len, ==, b->len);
    for (guint i = 0; i < a->len; i++)
      {
        const OdanObligation *x = &g_array_index (a, OdanObligation, i);
        const OdanObligation *y = &g_array_index (b, OdanObligation, i);

        g_assert_cmpuint (x->deadline, ==, y->deadline);
        g_assert_cmpuint (x->team, ==, y->team);
        g_assert_cmpint (x->state, ==, y->state);
        g_assert_cmpint (x->met_by, ==, y->met_by);
      }
  }

  /* odan-cli obligations: the facilitator's list of who is late */
  {
    OdanTestRun r = odan_test_run_cli ("obligations", f->path, "--at", "1h", "--format", "csv", NULL);

    g_assert_cmpint (r.status, ==, 0);
    g_assert_nonnull (strstr (r.out, "DL-ack,meti,met-late,15.000,30.000,45.000,"));
    /* due at 1 h exactly: still open at 1 h, late after */
    g_assert_nonnull (strstr (r.out, "DL-fwd,power-ceptoar,open,30.000,60.000,,"));
    g_assert_nonnull (strstr (r.out, "DL-report,power-a,open,30.000,90.000,,"));
    odan_test_run_clear (&r);
  }
}

/* ------------------------------------------------------------------ */
/* The team view keeps secrets */

/* The first five stay secret from power-a for good; the last three only
 * until delivered or forwarded to it. */
static const char *const secrets[] = {
  "SECRET-MEDICAL-BODY", "Private hospital memo",     /* another team's private traffic */
  "SECRET-SKIPPED-BODY", "Skipped secret",            /* skipped */
  "set grid 0",                                       /* the effects on the model */
  "SECRET-UPCOMING-BODY", "Upcoming secret",          /* not delivered yet */
  "Indicators of a targeted mail campaign",           /* NISC's, not forwarded to power-a yet */
};
#define N_LASTING_SECRETS 5

static void
assert_no_secret (const char *text,
                  guint       n)
{
  for (guint i = 0; i < n; i++)
    {
      g_test_message ("looking for %s", secrets[i]);
      g_assert_null (strstr (text, secrets[i]));
    }
}

/* Everything the view holds, as text. */
static char *
view_text (const OdanTeamView *view)
{
  g_autoptr(GString) text = g_string_new (NULL);

  for (guint i = 0; i < odan_team_view_get_n_inbox (view); i++)
    {
      const OdanInboxEntry *e = odan_team_view_get_inbox (view, i);

      g_string_append_printf (text, "%s|%s|%s|%s|%s|%s|%s|%s|%s\n", e->kind, e->inject, e->title, e->title_ja,
                              e->from, e->channel, e->body, e->sharing, e->forwarded_by);
    }
  for (guint i = 0; i < odan_team_view_get_n_decisions (view); i++)
    {
      const OdanTeamDecision *d = odan_team_view_get_decision (view, i);

      g_string_append_printf (text, "%s|%s|%s|%s\n", d->category, d->summary, d->mitigation, d->detail);
    }
  return g_string_free (g_steal_pointer (&text), FALSE);
}

static void
test_view_secrecy (Fixture      *f,
                   gconstpointer data)
{
  g_autoptr(OdanExercise) ex = start (f);
  const OdanPack *pack = odan_exercise_get_pack (ex);
  g_autoptr(GError) error = NULL;
  g_autoptr(OdanTeamView) view = NULL;
  g_autofree char *text = NULL;
  OdanDecision d;

  test_advance (ex, 35);
  g_assert_cmpint (odan_exercise_skip (ex, odan_pack_find_inject (pack, "SKIPME"), "not needed", &error), >, 0);
  d = decision (ex, "medical", ODAN_CATEGORY_OTHER, "Medical team's own note");
  decide_ok (ex, &d);
  g_assert_cmpint (odan_exercise_observe (ex, "Evaluator: power-a is slow", "power-a", 0, NULL, &error), >, 0);
  d = decision (ex, "power-a", ODAN_CATEGORY_OTHER, "Power A's own note");
  decide_ok (ex, &d);
  test_advance (ex, 60);

  /* the role rules */
  g_assert_false (odan_role_get_access (ODAN_ROLE_TEAM, pack) & ODAN_ACCESS_MODEL);
  g_assert_false (odan_role_get_access (ODAN_ROLE_TEAM, pack) & ODAN_ACCESS_UPCOMING_INJECTS);
  g_assert_false (odan_role_get_access (ODAN_ROLE_EVALUATOR, pack) & ODAN_ACCESS_UPCOMING_INJECTS);
  g_assert_true (odan_role_get_access (ODAN_ROLE_FACILITATOR, pack) & ODAN_ACCESS_UPCOMING_INJECTS);
  g_assert_true (odan_role_get_access (ODAN_ROLE_EVALUATOR, pack) & ODAN_ACCESS_MODEL);

  view = odan_team_view_new (ex, "power-a", 60, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (odan_team_view_get_n_inbox (view), ==, 1);
  g_assert_cmpstr (odan_team_view_get_inbox (view, 0)->inject, ==, "BLACKOUT");
  g_assert_cmpuint (odan_team_view_get_n_decisions (view), ==, 1);
  g_assert_null (odan_team_view_dup_model (view, ex));
  text = view_text (view);
  assert_no_secret (text, G_N_ELEMENTS (secrets));
  g_assert_null (strstr (text, "Medical team's own note"));
  g_assert_null (strstr (text, "Evaluator"));
  g_assert_nonnull (strstr (text, "The grid is down."));
  g_assert_nonnull (strstr (text, "Power A's own note"));
  g_clear_pointer (&text, g_free);

  /* odan-cli inbox prints no more than the view, in both formats */
  {
    OdanTestRun csv = odan_test_run_cli ("inbox", f->path, "--team", "power-a", "--at", "1h", "--format", "csv", NULL);
    OdanTestRun table = odan_test_run_cli ("inbox", f->path, "--team", "power-a", "--at", "1h", NULL);

    g_assert_cmpint (csv.status, ==, 0);
    g_assert_cmpint (table.status, ==, 0);
    g_assert_true (g_str_has_prefix (csv.out, "delivery,inject,minute,time,kind,title,"));
    g_assert_nonnull (strstr (csv.out, ",BLACKOUT,30.000,T+30m,scheduled,Blackout,"));
    assert_no_secret (csv.out, G_N_ELEMENTS (secrets));
    /* the table names the team's CEPTOAR deadline; nothing else of others */
    assert_no_secret (table.out, G_N_ELEMENTS (secrets));
    g_assert_null (strstr (table.out, "Evaluator"));
    odan_test_run_clear (&csv);
    odan_test_run_clear (&table);
  }
  {
    OdanTestRun r = odan_test_run_cli ("inbox", f->path, "--team", "nobody", NULL);

    g_assert_cmpint (r.status, ==, 1);
    g_assert_nonnull (strstr (r.err, "unknown team 'nobody'"));
    odan_test_run_clear (&r);
  }

  /* once delivered (and forwarded), it shows */
  test_advance (ex, 5 * 60);
  d = decision (ex, "nisc", ODAN_CATEGORY_INFORMATION_SHARING, "To power A directly");
  d.inject = odan_pack_find_inject (pack, "N-01");
  d.recipients = (char **) (const char *[]) { "power-a", NULL };
  decide_ok (ex, &d);                           /* e-mail: at 5 h 03 */
  g_clear_pointer (&view, odan_team_view_free);
  view = odan_team_view_new (ex, "power-a", 5 * 60 + 2, &error);
  text = view_text (view);
  g_assert_nonnull (strstr (text, "SECRET-UPCOMING-BODY"));
  g_assert_null (strstr (text, "Indicators of a targeted mail campaign"));
  g_clear_pointer (&text, g_free);
  test_advance (ex, 5 * 60 + 3);
  g_clear_pointer (&view, odan_team_view_free);
  view = odan_team_view_new (ex, "power-a", 5 * 60 + 3, &error);
  text = view_text (view);
  g_assert_nonnull (strstr (text, "Indicators of a targeted mail campaign"));
  g_assert_cmpstr (odan_team_view_get_inbox (view, 2)->forwarded_by, ==, "nisc");
  g_assert_cmpstr (odan_team_view_get_inbox (view, 2)->from_ja, ==, "内閣サイバーセキュリティセンター");
  g_assert_cmpstr (odan_team_view_get_inbox (view, 2)->kind, ==, "forwarded");
  /* skipped stays hidden, and the medical team's memo too */
  assert_no_secret (text, N_LASTING_SECRETS);
  g_clear_pointer (&text, g_free);

  /* replay: the reopened file gives the same view */
  {
    g_autoptr(OdanExercise) again = odan_exercise_open (f->path, NULL, ODAN_EXERCISE_OPEN_READ_ONLY, NULL);
    g_autoptr(OdanTeamView) replayed = odan_team_view_new (again, "power-a", 5 * 60 + 3, &error);
    g_autofree char *a = view_text (view);
    g_autofree char *b = view_text (replayed);

    g_assert_cmpstr (a, ==, b);
  }
}

/* With team-view-model=true the team sees the model, at the view's minute only. */
static void
test_view_model (Fixture      *f,
                 gconstpointer data)
{
  g_autofree char *copy = g_build_filename (f->dir, "pack", NULL);
  g_autoptr(GDir) dir = g_dir_open (f->pack, 0, NULL);
  g_autoptr(OdanExercise) ex = NULL;
  g_autoptr(OdanTeamView) view = NULL;
  g_autoptr(GError) error = NULL;
  const char *name;
  OdanSim *sim;

  g_assert_cmpint (g_mkdir (copy, 0700), ==, 0);
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *from = g_build_filename (f->pack, name, NULL);
      g_autofree char *to = g_build_filename (copy, name, NULL);
      g_autofree char *contents = NULL;
      gsize len;

      g_assert_true (g_file_get_contents (from, &contents, &len, NULL));
      if (g_str_equal (name, "scenario.ini"))
        {
          char *more = g_strconcat (contents, "team-view-model=true\n", NULL);

          g_free (contents);
          contents = more;
          len = strlen (more);
        }
      g_assert_true (g_file_set_contents (to, contents, (gssize) len, NULL));
    }
  g_free (f->pack);
  f->pack = g_steal_pointer (&copy);

  ex = start (f);
  g_assert_true (odan_exercise_get_pack (ex)->team_view_model);
  g_assert_true (odan_role_get_access (ODAN_ROLE_TEAM, odan_exercise_get_pack (ex)) & ODAN_ACCESS_MODEL);
  test_advance (ex, 60);
  view = odan_team_view_new (ex, "power-a", 20, &error);
  sim = odan_team_view_dup_model (view, ex);
  g_assert_nonnull (sim);
  /* at 20 min the blackout (30 min) has not happened */
  g_assert_cmpfloat (odan_sim_get_operability (sim, odan_pack_find_node (odan_exercise_get_pack (ex), "grid")), ==, 1.0);
  odan_sim_free (sim);
}

/* ------------------------------------------------------------------ */
/* Headless: the decisions CSV acknowledges and forwards */

static void
test_play_relay (Fixture      *f,
                 gconstpointer data)
{
  g_autofree char *csv = g_build_filename (f->dir, "drill.csv", NULL);
  g_autofree char *bad = g_build_filename (f->dir, "bad.csv", NULL);
  OdanTestRun r, again, inbox, failed;

  g_assert_true (g_file_set_contents (csv,
    "time,team,category,summary,inject,recipients,channel\n"
    "+5m,nisc,received,,N-01,,\n"
    "+10m,nisc,information-sharing,To METI,N-01,meti,\n"
    "+12m,meti,received,,N-01,,\n"                /* arrives at 13 min: refused */
    , -1, NULL));
  r = odan_test_run_cli ("play", f->pack, "--exercise", f->path, "--decisions", csv, NULL);
  g_assert_cmpint (r.status, ==, 1);
  g_assert_nonnull (strstr (r.err, "drill.csv:4: inject N-01 has not reached team 'meti'"));
  odan_test_run_clear (&r);

  g_assert_true (g_file_set_contents (csv,
    "time,team,category,summary,inject,recipients,channel\n"
    "+5m,nisc,received,,N-01,,\n"
    "+10m,nisc,information-sharing,To METI,N-01,meti,\n"
    "+16m,meti,read,,N-01,,\n"
    "+16m,meti,received,,N-01,,\n"               /* read already: nothing logged */
    "+20m,meti,information-sharing,To the CEPTOAR,N-01,ceptoar,\n"
    "+31m,power-ceptoar,received,,N-01;BLACKOUT,,\n"
    "+40m,power-ceptoar,information-sharing,To the members,N-01,members,メール\n"
    , -1, NULL));
  r = odan_test_run_cli ("play", f->pack, "--exercise", f->path, "--decisions", csv, "--until", "2h", NULL);
  g_assert_cmpstr (r.err, ==, "");
  g_assert_cmpint (r.status, ==, 0);
  g_assert_nonnull (strstr (r.out, "T+13m\tdelivery\tsystem\tInject N-01 forwarded by nisc to meti"));
  g_assert_nonnull (strstr (r.out, "T+16m\tack\tmeti\tTeam meti read inject N-01"));
  g_assert_nonnull (strstr (r.out, "T+43m\tdelivery\tsystem\tInject N-01 forwarded by power-ceptoar to power-a, power-b"));
  g_assert_null (strstr (r.out, "Team meti confirmed receipt"));

  /* playing the same file again logs nothing twice */
  again = odan_test_run_cli ("play", f->pack, "--exercise", f->path, "--decisions", csv, "--until", "3h", NULL);
  g_assert_cmpint (again.status, ==, 0);
  g_assert_null (strstr (again.out, "\tack\t"));
  g_assert_null (strstr (again.out, "forwarded"));

  inbox = odan_test_run_cli ("inbox", f->path, "--team", "power-b", "--format", "csv", NULL);
  g_assert_cmpint (inbox.status, ==, 0);
  /* the forwarding team in both languages: from, then from_ja last but one */
  g_assert_nonnull (strstr (inbox.out, ",N-01,43.000,T+43m,forwarded,Threat intelligence,,Power CEPTOAR,メール,,power-ceptoar,,,"));
  g_assert_nonnull (strstr (inbox.out, ",電力CEPTOAR事務局,"));

  /* unknown team or inject: FILE:LINE */
  g_assert_true (g_file_set_contents (bad,
    "time,team,category,summary,inject\n"
    "+5m,nobody,received,,N-01\n"
    "+5m,nisc,read,,NOPE\n"
    "+5m,nisc,read,,\n", -1, NULL));
  failed = odan_test_run_cli ("play", f->pack, "--exercise", f->path, "--decisions", bad, NULL);
  g_assert_cmpint (failed.status, ==, 1);
  g_assert_nonnull (strstr (failed.err, "bad.csv:2: error: unknown team 'nobody' (column team)"));
  g_assert_nonnull (strstr (failed.err, "bad.csv:3: error: unknown inject 'NOPE' (column inject)"));
  g_assert_nonnull (strstr (failed.err, "bad.csv:4: error: an acknowledgement names the injects it acknowledges"));

  odan_test_run_clear (&r);
  odan_test_run_clear (&again);
  odan_test_run_clear (&inbox);
  odan_test_run_clear (&failed);
}

/* ------------------------------------------------------------------ */
/* The shipped drill runs end to end */

static void
test_shipped_drill (Fixture      *f,
                    gconstpointer data)
{
  g_autofree char *pack = test_scenario_path ("ceptoar-drill");
  g_autofree char *csv = g_build_filename (f->dir, "drill.csv", NULL);
  OdanTestRun r, obligations, inbox;

  g_assert_true (g_file_set_contents (csv,
    "time,team,category,summary,inject,recipients,channel\n"
    "+5m,fsa,received,,D-01,,\n"
    "+10m,fsa,information-sharing,Forward NISC's provision to the finance CEPTOARs,D-01,ceptoar,\n"
    "+15m,bank-ceptoar,received,,D-01,,\n"
    "+30m,bank-ceptoar,information-sharing,Relay to our members,D-01,members,\n"
    "+40m,life-ceptoar,information-sharing,Inform the liaison council,D-01,ceptoar,\n"
    "+50m,bank-ceptoar,information-sharing,Reach report to the FSA,D-01,ministry,電話\n"
    "+1h,fsa,information-sharing,Reach report of the finance sector,D-01,nisc,FAX\n", -1, NULL));
  r = odan_test_run_cli ("play", pack, "--exercise", f->path, "--decisions", csv, "--until", "2h", NULL);
  g_assert_cmpstr (r.err, ==, "");
  g_assert_cmpint (r.status, ==, 0);
  /* e-mail 2 min (relay.csv), phone 0, fax 5; the council is no relay stage:
   * the FSA's forward reaches the four CEPTOARs only, once each */
  g_assert_nonnull (strstr (r.out, "T+12m\tdelivery\tsystem\tInject D-01 forwarded by fsa to bank-ceptoar, "
                                   "securities-ceptoar, life-ceptoar, nonlife-ceptoar"));
  g_assert_null (strstr (r.out, "forwarded by fsa to fin-council"));
  /* the bank CEPTOAR's 1,446 members are simulated: its relay reaches them */
  g_assert_nonnull (strstr (r.out, "Member 1446 of bank-ceptoar confirmed receipt of inject D-01"));
  g_assert_nonnull (strstr (r.out, "T+42m\tdelivery\tsystem\tInject D-01 forwarded by life-ceptoar to fin-council"));
  g_assert_nonnull (strstr (r.out, "T+50m\tdelivery\tsystem\tInject D-01 forwarded by bank-ceptoar to fsa"));
  g_assert_nonnull (strstr (r.out, "T+1h05m\tdelivery\tsystem\tInject D-01 forwarded by fsa to nisc"));

  obligations = odan_test_run_cli ("obligations", f->path, "--team", "fsa", "--format", "csv", NULL);
  g_assert_cmpint (obligations.status, ==, 0);
  g_assert_nonnull (strstr (obligations.out, "R1-ack,fsa,met,0.000,15.000,5.000,"));
  g_assert_nonnull (strstr (obligations.out, "R1-fwd,fsa,met,0.000,30.000,10.000,"));
  /* the ministry's deadlines are the ministry's: no CEPTOAR stage opens for it */
  g_assert_null (strstr (obligations.out, "R2-"));
  odan_test_run_clear (&obligations);
  obligations = odan_test_run_cli ("obligations", f->path, "--team", "bank-ceptoar", "--format", "csv", NULL);
  /* opened by the FSA's forward at T+12m; the relay to members met it, the
   * report to the FSA by forward did not stand in for it */
  g_assert_nonnull (strstr (obligations.out, "R2-ack,bank-ceptoar,met,12.000,27.000,15.000,"));
  g_assert_nonnull (strstr (obligations.out, "R2-fwd,bank-ceptoar,met,12.000,72.000,30.000,"));
  g_assert_null (strstr (obligations.out, "R1-"));
  inbox = odan_test_run_cli ("inbox", f->path, "--team", "nisc", "--format", "csv", NULL);
  g_assert_nonnull (strstr (inbox.out, ",D-01,65.000,T+1h05m,forwarded,"));

  odan_test_run_clear (&r);
  odan_test_run_clear (&obligations);
  odan_test_run_clear (&inbox);
}

/* The recipient words on the shipped Kanto pack. */
static void
test_kanto_recipients (void)
{
  g_autofree char *path = test_scenario_path ("kanto");
  g_autoptr(OdanPack) pack = odan_pack_load (path, NULL, NULL);
  g_autoptr(GArray) teams = g_array_new (FALSE, FALSE, sizeof (guint32));
  g_autoptr(GError) error = NULL;

  g_assert_nonnull (pack);
  g_assert_cmpuint (pack->n_deadlines, >, 0);
  g_assert_true (odan_relay_resolve (pack, odan_pack_find_team (pack, "water-ceptoar"), "ministry", teams, &error));
  g_assert_cmpuint (teams->len, ==, 1);
  g_assert_cmpstr (pack->teams[g_array_index (teams, guint32, 0)].id, ==, "mhlw");
  g_array_set_size (teams, 0);
  g_assert_true (odan_relay_resolve (pack, odan_pack_find_team (pack, "meti"), "ceptoar", teams, &error));
  g_assert_cmpuint (teams->len, ==, 5);   /* power, gas, chemical, credit, petroleum */
  g_array_set_size (teams, 0);
  g_assert_true (odan_relay_resolve (pack, odan_pack_find_team (pack, "mic"), "nisc", teams, &error));
  g_assert_cmpuint (teams->len, ==, 1);
  g_assert_false (odan_relay_resolve (pack, odan_pack_find_team (pack, "power-ceptoar"), "members", teams, &error));
  g_assert_error (error, ODAN_RELAY_ERROR, ODAN_RELAY_ERROR_NO_RECIPIENT);
}

/* deadlines.csv and relay.csv problems, FILE:LINE, nothing half-loaded. */
static void
test_pack_errors (Fixture      *f,
                  gconstpointer data)
{
  g_autoptr(GPtrArray) diagnostics = g_ptr_array_new_with_free_func ((GDestroyNotify) odan_diagnostic_free);
  g_autoptr(GError) error = NULL;
  g_autoptr(OdanPack) pack = NULL;
  g_autoptr(GDir) dir = g_dir_open (f->pack, 0, NULL);
  const char *name;
  /* known files in load order, then the others by name */
  static const char *const expected[] = {
    "scenario.ini:6: error: team-view-model must be true or false",
    "teams.csv:2: error: unknown team 'nowhere' (column member_of)",
    "deadlines.csv:2: error: unknown inject 'NOPE' (column trigger)",
    "deadlines.csv:3: error: unknown team 'ghost' (column team)",
    "deadlines.csv:4: error: only a ministry-report deadline has a stage (column stage)",
    "deadlines.csv:5: error: the time allowed must be longer than 0 (column within)",
    "deadlines.csv:6: error: duplicate id 'A' (first defined on line 4) (column id)",
    "relay.csv:3: error: duplicate channel 'FAX' (first defined on line 2) (column channel)",
  };

  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *from = g_build_filename (f->pack, name, NULL);
      g_autofree char *to = g_build_filename (f->dir, name, NULL);
      g_autofree char *contents = NULL;

      g_assert_true (g_file_get_contents (from, &contents, NULL, NULL));
      g_assert_true (g_file_set_contents (to, contents, -1, NULL));
    }
#define WRITE(file, text) \
  G_STMT_START { g_autofree char *p = g_build_filename (f->dir, file, NULL); \
                 g_assert_true (g_file_set_contents (p, text, -1, NULL)); } G_STMT_END
  WRITE ("deadlines.csv",
         "id,trigger,team,category,stage,within,label\n"
         "X,NOPE,to,received,,15m,x\n"
         "Y,N-01,ghost,received,,15m,y\n"
         "A,N-01,to,disclosure,initial,15m,a\n"
         "B,N-01,to,read,,0m,b\n"
         "A,N-01,to,read,,1m,again\n");
  WRITE ("relay.csv", "channel,latency\nFAX,1m\nFAX,2m\n");
  WRITE ("scenario.ini", "[scenario]\nid=x\ntitle=x\nstart=2015-10-21T10:00+09:00\nduration=1d\nteam-view-model=maybe\n");
  WRITE ("teams.csv", "id,name,member_of\nnisc,NISC,nowhere\nmeti,METI,\nmhlw,MHLW,\npower-ceptoar,P,\n"
                      "power-a,A,\npower-b,B,\nmedical,M,\n");
#undef WRITE
  pack = odan_pack_load (f->dir, diagnostics, &error);
  g_assert_null (pack);
  g_assert_error (error, ODAN_PACK_ERROR, ODAN_PACK_ERROR_INVALID);
  g_assert_cmpuint (diagnostics->len, ==, G_N_ELEMENTS (expected));
  for (guint i = 0; i < diagnostics->len; i++)
    {
      g_autofree char *line = odan_diagnostic_format (g_ptr_array_index (diagnostics, i));

      g_assert_cmpstr (line, ==, expected[i]);
    }
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/exercise/team/categories", test_categories);
  ADD ("/exercise/team/relay-chain", test_relay_chain);
  ADD ("/exercise/team/relay-pending-reopen", test_relay_pending_reopen);
  ADD ("/exercise/team/acks", test_acks);
  ADD ("/exercise/team/deadlines", test_deadlines);
  ADD ("/exercise/team/view-secrecy", test_view_secrecy);
  ADD ("/exercise/team/view-model", test_view_model);
  ADD ("/exercise/team/play-relay", test_play_relay);
  ADD ("/exercise/team/shipped-drill", test_shipped_drill);
  ADD ("/exercise/team/pack-errors", test_pack_errors);
#undef ADD
  g_test_add_func ("/exercise/team/kanto-recipients", test_kanto_recipients);
  return g_test_run ();
}

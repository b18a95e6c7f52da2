/* odan-bench-store.c — measures the exercise file: commits and rebuilding
 *
 *   odan-bench-store [--pack DIR] [--dir DIR] [--decisions N] [--events N] [--keep]
 *
 * 1. Commit latency: starts an exercise from the pack (default: the Kanto
 *    pack) in a file under DIR (default: the current folder — put it on the
 *    disk you care about; a tmpfs has no fsync to wait for) and logs N
 *    decisions (default 10,000) one by one with odan_exercise_decide(),
 *    each its own durable transaction. Prints the median, 99th percentile
 *    and worst latency and the throughput.
 * 2. Rebuild: plays a second exercise to a log of N events (default
 *    100,000: every inject of the MSEL, decisions over the whole scenario,
 *    one in twenty choosing a mitigation, evaluator notes), then measures
 *    opening that file (reading and applying every event) and
 *    odan_exercise_state_at() at several times — the scrubbing a timeline
 *    does. Target: under 100 ms.
 *
 * Wall-clock times from g_get_monotonic_time(). The files are removed at
 * the end unless --keep.
 */
#define G_LOG_DOMAIN "odan-bench"

#include <glib.h>
#include <glib/gstdio.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>

#include "odan-exercise.h"
#include "odan-time.h"

static int
compare_gint64 (const void *a,
                const void *b)
{
  gint64 x = *(const gint64 *) a, y = *(const gint64 *) b;

  return (x > y) - (x < y);
}

static double
percentile_ms (const gint64 *sorted,
               guint         n,
               double        p)
{
  guint i = (guint) ceil (p * n) - 1;

  return sorted[MIN (i, n - 1)] / 1000.0;
}

static void
fail (const char *what,
      GError     *error)
{
  fprintf (stderr, "odan-bench-store: %s: %s\n", what, error->message);
  exit (1);
}

/* The teams that may choose each mitigation: its own, or any. */
static guint32
team_for (const OdanPack *pack,
          guint32         mitigation,
          guint           i)
{
  guint32 team = pack->mitigations[mitigation].team;

  return team != ODAN_NONE ? team : i % pack->n_teams;
}

static OdanDecision
make_decision (const OdanPack *pack,
               guint           i,
               gboolean        with_mitigation)
{
  static const char *const summaries[] = {
    "Convene the crisis team and confirm the BCP level",
    "Report the damage to the ministry in charge",
    "Share the restoration outlook with the CEPTOAR",
    "Publish the service status on the website",
  };
  OdanDecision d = { 0 };

  /* Every category's form filled in as a team would (odan_exercise_decide()
   * refuses an incomplete one); information sharing forwards a delivery,
   * which a bench of bare decisions has none of, so it is logged as other. */
  d.category = (OdanCategory) (i % (ODAN_CATEGORY_OTHER + 1));
  if (d.category == ODAN_CATEGORY_INFORMATION_SHARING)
    d.category = ODAN_CATEGORY_OTHER;
  d.bcp = d.category == ODAN_CATEGORY_BUSINESS_CONTINUITY;
  d.channel = d.category == ODAN_CATEGORY_DISCLOSURE ? (char *) "website" : NULL;
  d.audience = d.category == ODAN_CATEGORY_DISCLOSURE ? (char *) "the public" : NULL;
  d.ministry = d.category == ODAN_CATEGORY_MINISTRY_REPORT ? (char *) "METI" : NULL;
  d.stage = d.category == ODAN_CATEGORY_MINISTRY_REPORT ? ODAN_REPORT_STAGE_INITIAL : ODAN_REPORT_STAGE_NONE;
  d.summary = (char *) summaries[i % G_N_ELEMENTS (summaries)];
  d.inject = pack->n_injects > 0 ? i % pack->n_injects : ODAN_NONE;
  d.mitigation = ODAN_NONE;
  d.team = i % pack->n_teams;
  if (with_mitigation && pack->n_mitigations > 0)
    {
      d.mitigation = i % pack->n_mitigations;
      d.team = team_for (pack, d.mitigation, i);
    }
  return d;
}

static void
bench_commits (const char *pack_dir,
               const char *dir,
               guint       n_decisions,
               gboolean    keep)
{
  g_autofree char *path = g_build_filename (dir, "bench-commits.odan", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(OdanExercise) ex = NULL;
  g_autofree gint64 *latency = g_new (gint64, n_decisions);
  const OdanPack *pack;
  gint64 total_start, total;

  g_unlink (path);
  ex = odan_exercise_open (path, pack_dir, ODAN_EXERCISE_OPEN_CREATE, &error);
  if (ex == NULL)
    fail (path, error);
  pack = odan_exercise_get_pack (ex);
  if (pack->n_teams == 0)
    {
      fprintf (stderr, "odan-bench-store: the pack has no teams to decide\n");
      exit (1);
    }
  if (!odan_exercise_start (ex, ODAN_CLOCK_STEP, 1, &error))
    fail ("start", error);

  total_start = g_get_monotonic_time ();
  for (guint i = 0; i < n_decisions; i++)
    {
      OdanDecision d = make_decision (pack, i, i % 10 == 0);
      gint64 t0;

      /* a decision every 0.4 exercise minutes; due injects and
       * mitigations are logged on the way, outside the timed call */
      if (!odan_exercise_advance_to (ex, i * 0.4, &error))
        fail ("advance", error);
      t0 = g_get_monotonic_time ();
      if (!odan_exercise_decide (ex, &d, NULL, &error))
        fail ("decide", error);
      latency[i] = g_get_monotonic_time () - t0;
    }
  total = g_get_monotonic_time () - total_start;

  qsort (latency, n_decisions, sizeof (gint64), compare_gint64);
  printf ("commit: %u decisions, each its own durable transaction (WAL, synchronous=FULL) in %s\n",
          n_decisions, dir);
  printf ("commit: latency median %.3f ms, 99th percentile %.3f ms, worst %.3f ms\n",
          percentile_ms (latency, n_decisions, 0.5), percentile_ms (latency, n_decisions, 0.99),
          latency[n_decisions - 1] / 1000.0);
  printf ("commit: throughput %.0f decisions/s (%u events logged in %.2f s, injects and mitigations included)\n",
          n_decisions / (total / 1e6), odan_exercise_get_n_events (ex), total / 1e6);

  g_clear_object (&ex);
  if (!keep)
    g_unlink (path);
}

static void
bench_rebuild (const char *pack_dir,
               const char *dir,
               guint       n_events,
               gboolean    keep)
{
  g_autofree char *path = g_build_filename (dir, "bench-rebuild.odan", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(OdanExercise) ex = NULL;
  const OdanPack *pack;
  double step;
  guint i = 0, n_effects = 0;
  gint64 t0, build_time, open_time;

  g_unlink (path);
  ex = odan_exercise_open (path, pack_dir, ODAN_EXERCISE_OPEN_CREATE, &error);
  if (ex == NULL)
    fail (path, error);
  pack = odan_exercise_get_pack (ex);
  if (!odan_exercise_start (ex, ODAN_CLOCK_STEP, 1, &error))
    fail ("start", error);

  /* spread the decisions over the scenario; due events come on the way */
  step = pack->duration / (n_events * 0.9);
  t0 = g_get_monotonic_time ();
  while (odan_exercise_get_n_events (ex) < n_events - 1)
    {
      double at = MIN (i * step, pack->duration);

      if (!odan_exercise_advance_to (ex, MAX (at, odan_exercise_get_minute (ex)), &error))
        fail ("advance", error);
      if (odan_exercise_get_n_events (ex) >= n_events - 1)
        break;
      if (i % 20 == 7)
        {
          if (!odan_exercise_observe (ex, "Clear and on time", NULL, 0, "evaluator", &error))
            fail ("observe", error);
        }
      else
        {
          OdanDecision d = make_decision (pack, i, i % 20 == 3);

          if (!odan_exercise_decide (ex, &d, NULL, &error))
            fail ("decide", error);
        }
      i++;
    }
  if (!odan_exercise_pause (ex, &error))
    fail ("pause", error);
  build_time = g_get_monotonic_time () - t0;
  printf ("rebuild: a log of %u events over %s built in %.1f s\n",
          odan_exercise_get_n_events (ex), pack->id, build_time / 1e6);
  g_clear_object (&ex);

  /* cold: read every event from the file and apply it */
  t0 = g_get_monotonic_time ();
  ex = odan_exercise_open (path, NULL, ODAN_EXERCISE_OPEN_READ_ONLY, &error);
  if (ex == NULL)
    fail (path, error);
  open_time = g_get_monotonic_time () - t0;
  pack = odan_exercise_get_pack (ex);

  for (guint e = 0; e < odan_exercise_get_n_events (ex); e++)
    {
      const OdanEvent *event = odan_exercise_get_event (ex, e);

      n_effects += event->kind == ODAN_EVENT_MITIGATION
                   || (event->kind == ODAN_EVENT_DELIVERY && g_strcmp0 (odan_event_action_to_string (event), "skipped") != 0);
    }
  printf ("rebuild: %u events change the model (deliveries and mitigations applied)\n", n_effects);
  printf ("rebuild: opening the file (integrity check, pack, every event read and applied): %.1f ms\n",
          open_time / 1000.0);

  {
    const double fractions[] = { 1.0, 0.5, 0.25, 0.75, 0.1 };
    g_autofree gint64 *times = g_new (gint64, G_N_ELEMENTS (fractions) * 5);
    guint n = 0;

    for (guint rep = 0; rep < 5; rep++)
      for (guint k = 0; k < G_N_ELEMENTS (fractions); k++)
        {
          double minute = pack->duration * fractions[k];
          OdanSim *sim;

          t0 = g_get_monotonic_time ();
          sim = odan_exercise_state_at (ex, minute);
          times[n++] = g_get_monotonic_time () - t0;
          odan_sim_free (sim);
        }
    {
      OdanSim *sim = odan_exercise_state_at (ex, pack->duration);

      printf ("rebuild: the rebuilt model at the end went through %" G_GUINT64_FORMAT " instants and %"
              G_GUINT64_FORMAT " changes of operability\n",
              odan_sim_get_n_instants (sim), odan_sim_get_n_changes (sim));
      odan_sim_free (sim);
    }
    qsort (times, n, sizeof (gint64), compare_gint64);
    printf ("rebuild: state at a time from the %u-event log: median %.2f ms, worst %.2f ms "
            "(%u rebuilds at 10 %%–100 %% of the scenario; target < 100 ms)\n",
            odan_exercise_get_n_events (ex), percentile_ms (times, n, 0.5), times[n - 1] / 1000.0, n);
  }

  g_clear_object (&ex);
  if (!keep)
    g_unlink (path);
}

int
main (int    argc,
      char **argv)
{
  g_autofree char *pack_dir = NULL;
  g_autofree char *dir = NULL;
  int n_decisions = 10000;
  int n_events = 100000;
  gboolean keep = FALSE;
  GOptionEntry entries[] = {
    { "pack", 'p', 0, G_OPTION_ARG_FILENAME, &pack_dir, "Scenario pack (default: the Kanto pack)", "DIR" },
    { "dir", 'd', 0, G_OPTION_ARG_FILENAME, &dir, "Folder for the exercise files (default: .)", "DIR" },
    { "decisions", 'n', 0, G_OPTION_ARG_INT, &n_decisions, "Decisions to commit (default 10000)", "N" },
    { "events", 'e', 0, G_OPTION_ARG_INT, &n_events, "Events in the log to rebuild from (default 100000)", "N" },
    { "keep", 'k', 0, G_OPTION_ARG_NONE, &keep, "Keep the exercise files", NULL },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new ("— measure the exercise file");
  g_autoptr(GError) error = NULL;

  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      fprintf (stderr, "odan-bench-store: %s\n", error->message);
      return 2;
    }
  if (n_decisions < 1 || n_events < 10)
    {
      fprintf (stderr, "odan-bench-store: --decisions must be at least 1 and --events at least 10\n");
      return 2;
    }
  if (pack_dir == NULL)
    pack_dir = g_build_filename (g_getenv ("ODAN_SCENARIOS") != NULL ? g_getenv ("ODAN_SCENARIOS")
                                                                     : ODAN_SOURCE_SCENARIOS,
                                 "kanto", NULL);
  if (dir == NULL)
    dir = g_get_current_dir ();

  bench_commits (pack_dir, dir, (guint) n_decisions, keep);
  bench_rebuild (pack_dir, dir, (guint) n_events, keep);
  return 0;
}

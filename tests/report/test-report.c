/* test-report.c — evaluator observations, the improvement plan and the
 * AAR/IP report (HTML, PDF, CSV, and `odan-cli report`) on the scripted
 * exercise of aar-script.c
 */
#define _GNU_SOURCE   /* memmem */
#include <string.h>
#include <glib/gstdio.h>

#include "aar-script.h"
#include "odan-evaluation.h"
#include "odan-report.h"
#include "odan-test-cli.h"

typedef struct {
  char         *dir;
  char         *path;
  TestTime      time;
  OdanExercise *ex;
  gint64        area;      /* the area-for-improvement observation */
  gint64        item;      /* the improvement item's first revision */
} Fixture;

static void
evaluate (Fixture *f)
{
  g_autoptr(GError) error = NULL;
  OdanObservation strength = {
    .team = "m1", .text = "Members confirmed receipt within ten minutes",
    .objective = "Information sharing", .capability = "Intelligence and Information Sharing",
    .rating = ODAN_RATING_S, .finding = ODAN_FINDING_STRENGTH, .by = "Evaluator A"
  };
  OdanObservation area = {
    .team = "power-ceptoar", .text = "The CEPTOAR confirmed receipt 22 minutes after the forward",
    .objective = "Information sharing", .capability = "Intelligence and Information Sharing",
    .rating = ODAN_RATING_M, .finding = ODAN_FINDING_AREA, .by = "Evaluator A"
  };
  OdanImprovement item = {
    .issue = "Late receipt confirmation at the CEPTOAR", .action = "Name a deputy for the contact point",
    .capability = "Intelligence and Information Sharing", .element = "organization",
    .organization = "Power CEPTOAR secretariat", .poc = "Sato", .start = "2015-11-01",
    .completion = "2016-03-31", .status = ODAN_IMPROVEMENT_OPEN, .by = "Evaluator A"
  };

  g_assert_cmpint (odan_evaluation_observe (f->ex, &strength, &error), >, 0);
  g_assert_no_error (error);
  f->area = odan_evaluation_observe (f->ex, &area, &error);
  g_assert_no_error (error);
  item.observation = f->area;
  f->item = odan_evaluation_add_improvement (f->ex, &item, &error);
  g_assert_no_error (error);
  g_assert_cmpint (f->item, >, f->area);
  /* a revision: work started */
  item.revises = f->item;
  item.status = ODAN_IMPROVEMENT_IN_PROGRESS;
  g_assert_cmpint (odan_evaluation_add_improvement (f->ex, &item, &error), >, f->item);
  g_assert_no_error (error);
}

static void
fixture_set_up (Fixture      *f,
                gconstpointer data)
{
  f->dir = test_tmpdir_new ();
  f->ex = aar_play_in (f->dir, &f->time, &f->path);
  evaluate (f);
}

static void
fixture_tear_down (Fixture      *f,
                   gconstpointer data)
{
  g_clear_object (&f->ex);
  test_tmpdir_free (f->dir);
  g_free (f->path);
}

static void
test_evaluation (Fixture      *f,
                 gconstpointer data)
{
  g_autoptr(GArray) obs = odan_evaluation_get_observations (f->ex);
  g_autoptr(GArray) plan = odan_evaluation_get_improvements (f->ex);
  g_autoptr(GArray) rows = odan_evaluation_rate_capabilities (obs);
  const OdanObservation *o;
  const OdanImprovement *it;
  const OdanCapabilityRating *r;

  g_assert_cmpuint (obs->len, ==, 2);
  o = &g_array_index (obs, OdanObservation, 1);
  g_assert_cmpint (o->event, ==, f->area);
  g_assert_cmpstr (o->team, ==, "power-ceptoar");
  g_assert_cmpstr (o->capability, ==, "Intelligence and Information Sharing");
  g_assert_cmpint (o->rating, ==, ODAN_RATING_M);
  g_assert_cmpint (o->finding, ==, ODAN_FINDING_AREA);
  g_assert_cmpstr (o->by, ==, "Evaluator A");
  g_assert_cmpfloat (o->minute, ==, 130);

  /* the plan holds the latest revision of the one item */
  g_assert_cmpuint (plan->len, ==, 1);
  it = &g_array_index (plan, OdanImprovement, 0);
  g_assert_cmpint (it->first, ==, f->item);
  g_assert_cmpint (it->revises, ==, f->item);
  g_assert_cmpint (it->status, ==, ODAN_IMPROVEMENT_IN_PROGRESS);
  g_assert_cmpint (it->observation, ==, f->area);
  g_assert_cmpstr (it->organization, ==, "Power CEPTOAR secretariat");
  g_assert_cmpstr (it->completion, ==, "2016-03-31");

  /* one objective × capability: S then M, so the final rating is M */
  g_assert_cmpuint (rows->len, ==, 1);
  r = &g_array_index (rows, OdanCapabilityRating, 0);
  g_assert_cmpuint (r->count[ODAN_RATING_S], ==, 1);
  g_assert_cmpuint (r->count[ODAN_RATING_M], ==, 1);
  g_assert_cmpint (r->final, ==, ODAN_RATING_M);
  g_assert_cmpuint (r->strengths, ==, 1);
  g_assert_cmpuint (r->areas, ==, 1);
}

static void
refused (Fixture               *f,
         const OdanImprovement *item,
         const char            *expected)
{
  g_autoptr(GError) error = NULL;
  guint n = odan_exercise_get_n_events (f->ex);

  g_assert_cmpint (odan_evaluation_add_improvement (f->ex, item, &error), ==, 0);
  g_assert_error (error, ODAN_EXERCISE_ERROR, ODAN_EXERCISE_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, expected));
  g_assert_cmpuint (odan_exercise_get_n_events (f->ex), ==, n);
}

static void
test_improvement_refused (Fixture      *f,
                          gconstpointer data)
{
  OdanImprovement ok = {
    .action = "Drill the contact list", .capability = "Operational Communications",
    .organization = "NISC", .start = "2015-11-01", .completion = "2015-12-01"
  };
  OdanImprovement bad;

  bad = ok; bad.action = "  ";
  refused (f, &bad, "corrective action");
  bad = ok; bad.organization = NULL;
  refused (f, &bad, "organisation");
  bad = ok; bad.start = "2015-02-30";
  refused (f, &bad, "start date");
  bad = ok; bad.completion = "2015-10-01";
  refused (f, &bad, "before it starts");
  bad = ok; bad.element = "money";
  refused (f, &bad, "capability element");
  bad = ok; bad.observation = 1;   /* the clock's start, not an observation */
  refused (f, &bad, "observation");
  bad = ok; bad.revises = f->area;
  refused (f, &bad, "revised");
}

static char *
read_file (const char *path)
{
  g_autoptr(GError) error = NULL;
  char *contents = NULL;

  g_assert_true (g_file_get_contents (path, &contents, NULL, &error));
  g_assert_no_error (error);
  return contents;
}

static guint
count (const char *haystack,
       const char *needle)
{
  guint n = 0;

  for (const char *p = strstr (haystack, needle); p != NULL; p = strstr (p + 1, needle))
    n++;
  return n;
}

static void
test_html (Fixture      *f,
           gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(OdanReport) report = odan_report_new (f->ex, -1, &error);
  g_autofree char *en_path = g_build_filename (f->dir, "aar.html", NULL);
  g_autofree char *ja_path = g_build_filename (f->dir, "aar-ja.html", NULL);
  g_autofree char *en = NULL;
  g_autofree char *ja = NULL;

  g_assert_no_error (error);
  g_assert_true (odan_report_write (report, ODAN_REPORT_HTML, ODAN_REPORT_LANG_EN, en_path, &error));
  g_assert_no_error (error);
  en = read_file (en_path);
  g_assert_true (g_str_has_prefix (en, "<!DOCTYPE html>"));
  g_assert_nonnull (strstr (en, "<html lang=\"en\">"));
  /* HSEEP's sections */
  g_assert_nonnull (strstr (en, "Executive summary"));
  g_assert_nonnull (strstr (en, "Analysis of core capabilities"));
  g_assert_nonnull (strstr (en, "Appendix A: Improvement plan"));
  /* four plots, inline SVG with ids unique to each */
  g_assert_cmpuint (count (en, "<svg"), ==, 4);
  g_assert_cmpuint (count (en, "<?xml"), ==, 0);
  g_assert_nonnull (strstr (en, "id=\"p1-"));
  g_assert_nonnull (strstr (en, "id=\"p4-"));
  /* the measures */
  g_assert_nonnull (strstr (en, "<td>B-01</td><td>Power CEPTOAR</td><td>電力CEPTOAR</td><td>T+0:10</td><td>30</td><td>60</td><td>met</td>"));
  g_assert_nonnull (strstr (en, "<td>R-01</td><td>Members / operators</td><td>(all)</td><td>15</td><td>4</td><td>4</td><td>3</td><td>1</td><td>75.0</td>"));
  g_assert_nonnull (strstr (en, "<td>T+0:20</td><td>N-01</td><td>Water team</td>"));
  /* counterfactual: 3 node-hours avoided by the generator */
  g_assert_nonnull (strstr (en, "<td>Power CEPTOAR</td><td>1</td><td>6.00</td><td>3.00</td>"));
  g_assert_nonnull (strstr (en, "avoided: 3.00."));
  /* evaluation */
  g_assert_nonnull (strstr (en, "<td>Information sharing</td><td>Intelligence and Information Sharing</td><td>0</td><td>1</td><td>● 1</td><td>0</td>"));
  g_assert_nonnull (strstr (en, "Name a deputy for the contact point"));
  g_assert_nonnull (strstr (en, "<td>in progress</td>"));
  /* the timeline: one row per event */
  g_assert_nonnull (strstr (en, "<table id=\"timeline\">"));

  g_assert_true (odan_report_write (report, ODAN_REPORT_HTML, ODAN_REPORT_LANG_JA, ja_path, &error));
  g_assert_no_error (error);
  ja = read_file (ja_path);
  g_assert_nonnull (strstr (ja, "<html lang=\"ja\">"));
  g_assert_nonnull (strstr (ja, "事後報告書・改善計画"));
  g_assert_nonnull (strstr (ja, "疎通確認率"));
  g_assert_nonnull (strstr (ja, "<td>B-01</td><td>電力CEPTOAR事務局</td>"));
  g_assert_nonnull (strstr (ja, "付録A：改善計画"));
}

static void
test_pdf (Fixture      *f,
          gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(OdanReport) report = odan_report_new (f->ex, -1, &error);
  g_autofree char *path = g_build_filename (f->dir, "aar.pdf", NULL);
  g_autofree char *pdf = NULL;
  gsize len;
  guint pages;

  g_assert_no_error (error);
  g_assert_true (odan_report_write (report, ODAN_REPORT_PDF, ODAN_REPORT_LANG_JA, path, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (path, &pdf, &len, NULL));
  g_assert_true (g_str_has_prefix (pdf, "%PDF-1."));
  g_assert_nonnull (memmem (pdf + len - MIN (len, 16), MIN (len, 16), "%%EOF", 5));
  /* page objects: "/Type /Page" but not "/Type /Pages" */
  pages = 0;
  for (const char *p = pdf; (p = memmem (p, len - (p - pdf), "/Type /Page", 11)) != NULL; p += 11)
    pages += p[11] != 's';
  g_test_message ("%u pages, %" G_GSIZE_FORMAT " bytes", pages, len);
  g_assert_cmpuint (pages, >=, 4);
  g_assert_cmpuint (pages, <=, 20);
  /* Japanese text needs a CID font embedded */
  g_assert_nonnull (memmem (pdf, len, "/FontFile", 9));
}

static char *
csv_in (const char *folder,
        const char *name)
{
  g_autofree char *path = g_build_filename (folder, name, NULL);

  return read_file (path);
}

static void
test_csv (Fixture      *f,
          gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(OdanReport) report = odan_report_new (f->ex, -1, &error);
  g_autofree char *folder = g_build_filename (f->dir, "csv", NULL);
  g_autofree char *reach = NULL;
  g_autofree char *timeline = NULL;
  g_autofree char *plan = NULL;
  g_autofree char *timing = NULL;

  g_assert_no_error (error);
  g_assert_true (odan_report_write (report, ODAN_REPORT_CSV, ODAN_REPORT_LANG_EN, folder, &error));
  g_assert_no_error (error);

  reach = csv_in (folder, "reach.csv");
  g_assert_true (g_str_has_prefix (reach, "\xEF\xBB\xBF" "Inject,Relay stage,CEPTOAR,Window (min),Expected,Delivered,"
                                   "Confirmed in time,Confirmed late,Reach rate (%)\n"));
  g_assert_nonnull (strstr (reach, "\nR-01,Members / operators,(all),15,4,4,3,1,75.0\n"));
  g_assert_nonnull (strstr (reach, "\nR-01,Ministries,(all),15,1,1,1,0,100.0\n"));

  timing = csv_in (folder, "report-timing.csv");
  g_assert_nonnull (strstr (timing, "\nB-01,Power CEPTOAR,電力CEPTOAR,T+0:10,30,60,met,—,—,,—,180,open\n"));

  timeline = csv_in (folder, "timeline.csv");
  g_assert_true (g_str_has_prefix (timeline, "\xEF\xBB\xBF" "Time,Event,Kind,Action,Team,Subject,Summary\n"));
  g_assert_cmpuint (count (timeline, "\n"), ==, odan_exercise_get_n_events (f->ex) + 1);

  plan = csv_in (folder, "improvement-plan.csv");
  g_assert_nonnull (strstr (plan, "Intelligence and Information Sharing,Late receipt confirmation at the CEPTOAR,"
                                  "Name a deputy for the contact point,organization,Power CEPTOAR secretariat,Sato,"
                                  "2015-11-01,2016-03-31,in progress\n"));
  for (guint i = 0; i < 3; i++)
    {
      static const char *const others[] = { "counterfactual-teams.csv", "unanswered.csv", "operability.csv" };
      g_autofree char *text = csv_in (folder, others[i]);

      g_assert_true (g_str_has_prefix (text, "\xEF\xBB\xBF"));
    }
}

static void
test_cli (Fixture      *f,
          gconstpointer data)
{
  g_autofree char *out = g_build_filename (f->dir, "cli.html", NULL);
  g_autofree char *html = NULL;
  OdanTestRun run;

  g_clear_object (&f->ex);   /* as after the exercise: the file alone */
  run = odan_test_run_cli ("report", f->path, "--format", "html", "-o", out, "--lang", "en", NULL);
  g_test_message ("%s", run.err);
  g_assert_cmpint (run.status, ==, 0);
  odan_test_run_clear (&run);
  html = read_file (out);
  g_assert_nonnull (strstr (html, "<td>Power CEPTOAR</td><td>1</td><td>6.00</td><td>3.00</td>"));
  g_assert_nonnull (strstr (html, "Name a deputy for the contact point"));

  run = odan_test_run_cli ("report", f->path, "--format", "docx", "-o", out, NULL);
  g_assert_cmpint (run.status, ==, 2);
  g_assert_nonnull (strstr (run.err, "--format must be html, pdf or csv"));
  odan_test_run_clear (&run);

  run = odan_test_run_cli ("report", f->path, "--format", "pdf", "-o", out, "--lang", "fr", NULL);
  g_assert_cmpint (run.status, ==, 2);
  odan_test_run_clear (&run);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
#define ADD(path, fn) g_test_add (path, Fixture, NULL, fixture_set_up, fn, fixture_tear_down)
  ADD ("/exercise/report/evaluation", test_evaluation);
  ADD ("/exercise/report/improvement-refused", test_improvement_refused);
  ADD ("/exercise/report/html", test_html);
  ADD ("/exercise/report/pdf", test_pdf);
  ADD ("/exercise/report/csv", test_csv);
  ADD ("/exercise/report/cli", test_cli);
  return g_test_run ();
}

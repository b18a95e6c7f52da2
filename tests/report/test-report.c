/* test-report.c — evaluator observations, the improvement plan and the
 * AAR/IP report (HTML, PDF, CSV, and `odan-cli report`) on the scripted
 * exercise of aar-script.c
 */
#define _GNU_SOURCE   /* memmem */
#include <math.h>
#include <string.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include "aar-script.h"
#include "odan-catalog.h"
#include "odan-evaluation.h"
#include "odan-plot.h"
#include "odan-report.h"
#include "odan-report-enums.h"
#include "odan-review-enums.h"
#include "odan-test-cli.h"
#include "odan-xlsx.h"

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
    .reference = "CEPTOAR relay procedure §2", .root_cause = "One person holds the contact point",
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

  /* HSEEP's overview fields from scenario.ini */
  {
    g_autofree char *overview = csv_in (folder, "overview.csv");

    g_assert_nonnull (strstr (overview, "\nMission area,\"Response, Recovery\"\n"));
    g_assert_nonnull (strstr (overview, "\nThreat or hazard,Power outage\n"));
    g_assert_nonnull (strstr (overview, "\nSponsor,NISC\n"));
    g_assert_nonnull (strstr (overview, "\nPoint of contact,\"Exercise director, exercise@example.jp\"\n"));
  }

  plan = csv_in (folder, "improvement-plan.csv");
  g_assert_nonnull (strstr (plan, "Intelligence and Information Sharing,Late receipt confirmation at the CEPTOAR,"
                                  "CEPTOAR relay procedure §2,One person holds the contact point,"
                                  "Name a deputy for the contact point,organization,Power CEPTOAR secretariat,Sato,"
                                  "2015-11-01,2016-03-31,in progress\n"));
  for (guint i = 0; i < 3; i++)
    {
      static const char *const others[] = { "counterfactual-teams.csv", "unanswered.csv", "operability.csv" };
      g_autofree char *text = csv_in (folder, others[i]);

      g_assert_true (g_str_has_prefix (text, "\xEF\xBB\xBF"));
    }
  /* the scripted pack has no uncertain values: no bands */
  g_autofree char *bands = g_build_filename (folder, "bands.csv", NULL);
  g_assert_false (g_file_test (bands, G_FILE_TEST_EXISTS));
}

/* SEMANTICS.md §12: an exercise whose pack has uncertainty.csv gets each
 * sector's band over many runs of the plan in its report. */
static void
test_bands (void)
{
  char *dir = test_tmpdir_new ();
  g_autofree char *pack = g_build_filename (g_getenv ("ODAN_SCENARIOS"), "hokkaido-2018", NULL);
  g_autofree char *file = g_build_filename (dir, "h.odan", NULL);
  g_autofree char *folder = g_build_filename (dir, "csv", NULL);
  g_autofree char *html = g_build_filename (dir, "r.html", NULL);
  OdanTestRun play = odan_test_run_cli ("play", pack, "--exercise", file, "--until", "30h", NULL);
  OdanTestRun csv = odan_test_run_cli ("report", file, "--format", "csv", "-o", folder, NULL);
  OdanTestRun page = odan_test_run_cli ("report", file, "--format", "html", "-o", html, NULL);
  g_autofree char *text = NULL;
  g_autofree char *page_text = NULL;
  g_auto(GStrv) lines = NULL;
  guint spread = 0, power = 0;

  g_assert_cmpint (play.status, ==, 0);
  g_assert_cmpint (csv.status, ==, 0);
  g_assert_cmpint (page.status, ==, 0);
  text = csv_in (folder, "bands.csv");
  g_assert_true (g_str_has_prefix (text, "\xEF\xBB\xBF" "Sector,Time,Minute,p10,p50,p90\n"));
  lines = g_strsplit (text, "\n", -1);
  for (guint i = 1; lines[i] != NULL && lines[i][0] != '\0'; i++)
    {
      g_auto(GStrv) f = g_strsplit (lines[i], ",", -1);
      double p10 = g_ascii_strtod (f[3], NULL), p50 = g_ascii_strtod (f[4], NULL), p90 = g_ascii_strtod (f[5], NULL);
      g_assert_cmpfloat (p10, <=, p50);
      g_assert_cmpfloat (p50, <=, p90);
      spread += p10 < p90;
      power += strcmp (f[0], "power") == 0;
    }
  g_assert_cmpuint (spread, >, 0);
  g_assert_cmpuint (power, >, 5);
  page_text = read_file (html);
  g_assert_nonnull (strstr (page_text, "Uncertainty of the model"));
  odan_test_run_clear (&play);
  odan_test_run_clear (&csv);
  odan_test_run_clear (&page);
  test_tmpdir_free (dir);
}

static gboolean
collect_joined (const OdanCsvRow *row,
                gpointer          user_data,
                GError          **error)
{
  GString *out = user_data;

  for (guint i = 0; i < row->n_fields; i++)
    g_string_append_printf (out, "%s%.*s", i > 0 ? "|" : "", (int) row->lengths[i], row->fields[i]);
  g_string_append_c (out, '\n');
  return TRUE;
}

/* The same tables as one workbook; the HSEEP write-up of an area for
 * improvement (reference, analysis) under its capability */
static void
test_xlsx (Fixture      *f,
           gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(OdanReport) report = odan_report_new (f->ex, -1, &error);
  g_autofree char *path = g_build_filename (f->dir, "report.xlsx", NULL);
  g_autofree char *html_path = g_build_filename (f->dir, "area.html", NULL);
  g_autofree char *html = NULL;
  g_autoptr(GString) plan = g_string_new (NULL);
  g_auto(GStrv) sheets = NULL;
  OdanReportFormat format;

  g_assert_true (odan_report_format_from_string ("xlsx", &format));
  g_assert_true (odan_report_write (report, format, ODAN_REPORT_LANG_EN, path, &error));
  g_assert_no_error (error);
  sheets = odan_xlsx_list_sheets (path, &error);
  g_assert_no_error (error);
  g_assert_true (g_strv_contains ((const char *const *) sheets, "timeline"));
  g_assert_true (g_strv_contains ((const char *const *) sheets, "capabilities"));
  g_assert_true (odan_xlsx_read_sheet (path, "improvement-plan", collect_joined, plan, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (plan->str, ==,
                   "Core capability|Issue / area for improvement|Reference|Root cause|Corrective action|"
                   "Capability element|Primary responsible organization|Organization POC|Start date|"
                   "Completion date|Status\n"
                   "Intelligence and Information Sharing|Late receipt confirmation at the CEPTOAR|"
                   "CEPTOAR relay procedure §2|One person holds the contact point|"
                   "Name a deputy for the contact point|organization|Power CEPTOAR secretariat|Sato|"
                   "2015-11-01|2016-03-31|in progress\n");

  g_assert_true (odan_report_write (report, ODAN_REPORT_HTML, ODAN_REPORT_LANG_EN, html_path, &error));
  html = read_file (html_path);
  g_assert_nonnull (strstr (html, "Reference: CEPTOAR relay procedure §2"));
  g_assert_nonnull (strstr (html, "Analysis: One person holds the contact point"));
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
  g_assert_nonnull (strstr (run.err, "--format must be html, pdf, csv or xlsx"));
  odan_test_run_clear (&run);

  run = odan_test_run_cli ("report", f->path, "--format", "pdf", "-o", out, "--lang", "fr", NULL);
  g_assert_cmpint (run.status, ==, 2);
  odan_test_run_clear (&run);
}

/* The report's language is its own: Japanese from po/ja.po while the
 * process runs in C (LANGUAGE=C, as the tests do), the words the Japanese
 * column headers and the summary (whose Japanese reorders its numbers)
 * had before they moved to gettext; and reports written at once from
 * several threads, in both languages, come out as written alone. */
typedef struct {
  OdanReport     *report;
  OdanReportLang  lang;
  char           *path;
} WriteJob;

/* The text without the plots' SVG, whose glyph tables depend on what
 * cairo cached first, which threads change. */
static const char *
without_plots (char *html)
{
  char *start;

  while ((start = strstr (html, "<figure>")) != NULL)
    {
      char *end = strstr (start, "</figure>");

      g_assert_nonnull (end);
      memmove (start, end + strlen ("</figure>"), strlen (end + strlen ("</figure>")) + 1);
    }
  return html;
}

static gpointer
write_job (gpointer data)
{
  WriteJob *job = data;
  g_autoptr(GError) error = NULL;
  gboolean ok = odan_report_write (job->report, ODAN_REPORT_HTML, job->lang, job->path, &error);

  g_assert_no_error (error);
  return GINT_TO_POINTER (ok);
}

static void
test_lang (Fixture      *f,
           gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(OdanReport) report = odan_report_new (f->ex, -1, &error);
  g_autofree char *folder = g_build_filename (f->dir, "csv-ja", NULL);
  g_autofree char *ja_path = g_build_filename (f->dir, "alone-ja.html", NULL);
  g_autofree char *en_path = g_build_filename (f->dir, "alone-en.html", NULL);
  g_autofree char *reach = NULL;
  g_autofree char *plan = NULL;
  g_autofree char *ja = NULL;
  g_autofree char *en = NULL;
  WriteJob jobs[6];
  GThread *threads[6];

  g_assert_cmpstr (g_getenv ("LANGUAGE"), ==, "C");
  g_assert_cmpstr (odan_catalog_lookup ("ja", "report\004Team"), ==, "チーム");
  /* one English word, two Japanese ones: the contexts keep them apart */
  g_assert_cmpstr (odan_catalog_lookup ("ja", "report\004Status"), ==, "状態");
  g_assert_cmpstr (odan_catalog_lookup ("ja", "report: improvement plan\004Status"), ==, "状況");
  g_assert_null (odan_catalog_lookup ("ja", "report\004no such words"));

  g_assert_no_error (error);
  g_assert_true (odan_report_write (report, ODAN_REPORT_CSV, ODAN_REPORT_LANG_JA, folder, &error));
  g_assert_no_error (error);
  reach = csv_in (folder, "reach.csv");
  g_assert_true (g_str_has_prefix (reach, "\xEF\xBB\xBF" "状況付与,段階,セプター,期限（分）,対象,到達,"
                                   "期限内の受信確認,期限後の受信確認,疎通確認率（%）\n"));
  g_assert_nonnull (strstr (reach, "\nR-01,構成員・事業者,（全体）,15,4,4,3,1,75.0\n"));
  {
    g_autofree char *overview = csv_in (folder, "overview.csv");

    g_assert_nonnull (strstr (overview, "\n対象ミッション領域,対応、復旧\n"));
    g_assert_nonnull (strstr (overview, "\n脅威・ハザード,停電\n"));
    g_assert_nonnull (strstr (overview, "\n主催,内閣サイバーセキュリティセンター\n"));
  }
  plan = csv_in (folder, "improvement-plan.csv");
  g_assert_nonnull (strstr (plan, "コア・ケイパビリティ,課題・改善すべき点,根拠,根本原因,是正措置,要素（POETE）,主担当組織,担当者,開始日,完了予定日,状況\n"));
  g_assert_nonnull (strstr (plan, ",2015-11-01,2016-03-31,対応中\n"));

  g_assert_true (odan_report_write (report, ODAN_REPORT_HTML, ODAN_REPORT_LANG_JA, ja_path, &error));
  g_assert_true (odan_report_write (report, ODAN_REPORT_HTML, ODAN_REPORT_LANG_EN, en_path, &error));
  g_assert_no_error (error);
  ja = read_file (ja_path);
  en = read_file (en_path);
  g_assert_nonnull (strstr (ja, "<h2>概要</h2>"));
  g_assert_true (g_regex_match_simple ("<p>報告期限 [0-9]+ 件のうち [0-9]+ 件（[0-9]+%）が期限内に満たされた。", ja, 0, 0));
  g_assert_nonnull (strstr (en, "<h2>Executive summary</h2>"));
  g_assert_null (strstr (en, "概要"));

  for (guint i = 0; i < G_N_ELEMENTS (jobs); i++)
    {
      jobs[i].report = report;
      jobs[i].lang = i % 2 == 0 ? ODAN_REPORT_LANG_JA : ODAN_REPORT_LANG_EN;
      jobs[i].path = g_strdup_printf ("%s/thread-%u.html", f->dir, i);
      threads[i] = g_thread_new ("report", write_job, &jobs[i]);
    }
  for (guint i = 0; i < G_N_ELEMENTS (jobs); i++)
    {
      g_autofree char *text = NULL;

      g_assert_true (GPOINTER_TO_INT (g_thread_join (threads[i])));
      text = read_file (jobs[i].path);
      g_assert_cmpstr (without_plots (text), ==, without_plots (i % 2 == 0 ? ja : en));
      g_free (jobs[i].path);
    }
}

/* odan-plot.h, which the Review page, the preview and the report share:
 * labels, ticks, the palette, and a step curve drawn where it belongs. */
static void
test_plot (Fixture      *f,
           gconstpointer data)
{
  static const char *const labels[][2] = {
    { "0", "T+0" }, { "30", "T+30m" }, { "360", "T+6h" }, { "1440", "T+1d" }, { "2190", "T+1d12h30m" },
  };
  PangoContext *context = pango_font_map_create_context (pango_cairo_font_map_get_default ());
  g_autoptr(PangoFontDescription) font = pango_font_description_from_string ("Sans 8");
  OdanPlot plot = {
    .pango = context, .font = font, .fg = { 0, 0, 0 },
    .left = 20, .top = 10, .right = 220, .bottom = 110, .start = 0, .end = 100,
    .text_left = 0, .text_right = 240,
  };
  OdanCurvePoint points[] = { { 0, 1.0 }, { 50, 0.25 } };
  g_autoptr(GArray) curve = g_array_new (FALSE, FALSE, sizeof (OdanCurvePoint));
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, 240, 140);
  cairo_t *cr = cairo_create (surface);
  OdanPlotColor first, again;
  const guint32 *pixels;
  double label_w;
  int stride;

  for (guint i = 0; i < G_N_ELEMENTS (labels); i++)
    {
      g_autofree char *text = odan_plot_format_time (g_ascii_strtod (labels[i][0], NULL));

      g_assert_cmpstr (text, ==, labels[i][1]);
    }
  g_assert_cmpfloat (odan_plot_x (&plot, 50), ==, 120);
  g_assert_cmpfloat (odan_plot_minute_at (&plot, 120), ==, 50);
  g_assert_cmpfloat (odan_plot_minute_at (&plot, 500), ==, 100);
  g_assert_cmpfloat (odan_plot_y (&plot, 0.25), ==, 85);
  /* ticks at least 120 units apart on 200 units for 100 minutes: an
   * hour; with no gap asked, still labels that never touch */
  g_assert_cmpfloat (odan_plot_time_step (&plot, 120), ==, 60);
  odan_plot_text_size (&plot, "T+1h40m", &label_w, NULL);
  g_assert_cmpfloat (label_w, >, 0);
  g_assert_cmpfloat (odan_plot_time_step (&plot, 0) * 2, >=, label_w);
  g_assert_cmpfloat (odan_plot_time_step (&plot, 0), <=, odan_plot_time_step (&plot, 120));

  /* sixteen sectors, no colour twice; then it repeats */
  g_assert_cmpuint (odan_plot_n_sector_colors (), ==, 16);
  for (guint i = 0; i < odan_plot_n_sector_colors (); i++)
    for (guint j = 0; j < i; j++)
      {
        OdanPlotColor a, b;

        odan_plot_sector_color (i, &a);
        odan_plot_sector_color (j, &b);
        g_assert_false (a.red == b.red && a.green == b.green && a.blue == b.blue);
        /* two solid lines differ clearly in colour, not by a shade */
        if (!odan_plot_sector_dashed (i) && !odan_plot_sector_dashed (j))
          g_assert_cmpfloat (fabs (a.red - b.red) + fabs (a.green - b.green) + fabs (a.blue - b.blue), >, 0.3);
      }
  /* the first eight solid, the next eight dashed */
  for (guint i = 0; i < 16; i++)
    g_assert_cmpint (odan_plot_sector_dashed (i), ==, i >= 8);
  odan_plot_sector_color (0, &first);
  odan_plot_sector_color (odan_plot_n_sector_colors (), &again);
  g_assert_true (first.red == again.red && first.green == again.green && first.blue == again.blue);
  /* no line is near-grey: grey and black belong to the axes and the cursor */
  for (guint i = 0; i < odan_plot_n_sector_colors (); i++)
    {
      OdanPlotColor c;

      odan_plot_sector_color (i, &c);
      g_assert_cmpfloat (MAX (c.red, MAX (c.green, c.blue)) - MIN (c.red, MIN (c.green, c.blue)), >, 0.25);
    }

  /* full until minute 50, a quarter after: the step is at x 120 */
  g_array_append_vals (curve, points, G_N_ELEMENTS (points));
  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_paint (cr);
  odan_plot_draw_step_curves (&plot, cr, &curve, 1, 2, FALSE);
  cairo_surface_flush (surface);
  pixels = (const guint32 *) cairo_image_surface_get_data (surface);
  stride = cairo_image_surface_get_stride (surface) / 4;
#define PIXEL(x, y) (pixels[(y) * stride + (x)] & 0xffffff)
#define RGB(c) (((guint32) lround ((c).red * 255) << 16) | ((guint32) lround ((c).green * 255) << 8) | (guint32) lround ((c).blue * 255))
  g_assert_cmphex (PIXEL (60, 10), ==, RGB (first));
  g_assert_cmphex (PIXEL (180, 85), ==, RGB (first));
  g_assert_cmphex (PIXEL (120, 50), ==, RGB (first));
  g_assert_cmphex (PIXEL (180, 10), ==, 0xffffff);
  g_assert_cmphex (PIXEL (60, 85), ==, 0xffffff);
  /* the cursor at minute 75 (x 170) is the foreground, black here, over
   * the curve as well as over the background */
  odan_plot_draw_cursor (&plot, cr, 75);
  cairo_surface_flush (surface);
  g_assert_cmphex (PIXEL (170, 50), ==, 0x000000);
  g_assert_cmphex (PIXEL (170, 85), ==, 0x000000);
  g_assert_cmphex (PIXEL (60, 10), ==, RGB (first));
#undef PIXEL
#undef RGB
  g_assert_cmpfloat (odan_plot_draw_legend (&plot, NULL, (const char *const[]) { "Power", "Water" }, 2, 0, 0, 240), >, 0);

  cairo_destroy (cr);
  cairo_surface_destroy (surface);
  g_object_unref (context);
}

/* The report's and the measures' words are their registered enums' nicks. */
static void
test_enums (Fixture      *f,
            gconstpointer data)
{
  OdanReportFormat format = ODAN_REPORT_HTML;
  OdanReportLang lang = ODAN_REPORT_LANG_EN;

  g_assert_true (odan_report_format_from_string ("pdf", &format));
  g_assert_cmpint (format, ==, ODAN_REPORT_PDF);
  g_assert_true (odan_report_format_from_string ("CSV", &format));
  g_assert_cmpint (format, ==, ODAN_REPORT_CSV);
  g_assert_false (odan_report_format_from_string ("docx", &format));
  g_assert_false (odan_report_format_from_string (NULL, &format));
  g_assert_cmpint (format, ==, ODAN_REPORT_CSV);
  g_assert_true (odan_report_lang_from_string ("ja", &lang));
  g_assert_cmpint (lang, ==, ODAN_REPORT_LANG_JA);
  g_assert_true (odan_report_lang_from_string ("en", &lang));
  g_assert_cmpint (lang, ==, ODAN_REPORT_LANG_EN);
  g_assert_false (odan_report_lang_from_string ("fr", &lang));
  g_assert_true (G_TYPE_IS_ENUM (ODAN_TYPE_REPORT_LANG));

  g_assert_cmpstr (odan_relay_stage_to_string (ODAN_RELAY_STAGE_NISC), ==, "nisc");
  g_assert_cmpstr (odan_relay_stage_to_string (ODAN_RELAY_STAGE_MEMBER), ==, "member");
  g_assert_cmpstr (odan_timing_state_to_string (ODAN_TIMING_NO_DEADLINE), ==, "no-deadline");
  g_assert_cmpstr (odan_timing_state_to_string (ODAN_TIMING_MET_LATE), ==, "met-late");
  g_assert_cmpstr (odan_timing_state_to_string (ODAN_TIMING_OPEN), ==, "open");
  g_assert_true (G_TYPE_IS_ENUM (ODAN_TYPE_TIMING_STATE));
}

/* Reach on kanto, where one message reaches many CEPTOARs: each relay
 * stage's "(all)" row counts what its CEPTOARs' rows count (a row added
 * for a new CEPTOAR once moved the array and lost the "(all)" row's
 * count, a use after free). */
static void
test_reach_rows (Fixture      *f,
                 gconstpointer data)
{
  g_autofree char *path = g_build_filename (f->dir, "kanto.odan", NULL);
  g_autofree char *pack_dir = test_scenario_path ("kanto");
  g_autoptr(GError) error = NULL;
  g_autoptr(OdanExercise) ex = NULL;
  g_autoptr(OdanMeasures) m = NULL;
  TestTime time = { TEST_TIME_START };
  const OdanPack *pack;
  guint checked = 0;

  ex = odan_exercise_open (path, pack_dir, ODAN_EXERCISE_OPEN_CREATE, &error);
  g_assert_no_error (error);
  test_time_attach (ex, &time);
  pack = odan_exercise_get_pack (ex);
  g_assert_cmpint (odan_exercise_start (ex, ODAN_CLOCK_STEP, 1.0, &error), >, 0);
  g_assert_true (odan_exercise_advance_to (ex, 3 * 60, &error));
  g_assert_no_error (error);
  /* every CEPTOAR-stage team of kanto names its CEPTOAR */
  for (guint32 t = 0; t < pack->n_teams; t++)
    if (odan_relay_stage_of_team (pack, t) == ODAN_RELAY_STAGE_CEPTOAR)
      g_assert_true (pack->teams[t].ceptoar != NULL && pack->teams[t].ceptoar[0] != '\0');

  m = odan_measures_compute (ex);
  for (guint i = 0; i < m->reach->len; i++)
    {
      const OdanReachRate *all = &g_array_index (m->reach, OdanReachRate, i);
      guint expected = 0, delivered = 0;

      if (all->ceptoar != NULL || all->stage != ODAN_RELAY_STAGE_CEPTOAR)
        continue;
      for (guint k = 0; k < m->reach->len; k++)
        {
          const OdanReachRate *one = &g_array_index (m->reach, OdanReachRate, k);

          if (one->inject == all->inject && one->stage == all->stage && one->ceptoar != NULL)
            {
              expected += one->expected;
              delivered += one->delivered;
            }
        }
      g_assert_cmpuint (all->expected, ==, expected);
      g_assert_cmpuint (all->delivered, ==, delivered);
      checked += all->expected > 1;
    }
  g_assert_cmpuint (checked, >, 0);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  /* the report's Japanese comes from the catalogue built in the tree */
  if (g_getenv ("ODAN_LOCALEDIR") != NULL)
    bindtextdomain (GETTEXT_PACKAGE, g_getenv ("ODAN_LOCALEDIR"));
#define ADD(path, fn) g_test_add (path, Fixture, NULL, fixture_set_up, fn, fixture_tear_down)
  ADD ("/exercise/report/evaluation", test_evaluation);
  ADD ("/exercise/report/improvement-refused", test_improvement_refused);
  ADD ("/exercise/report/html", test_html);
  ADD ("/exercise/report/pdf", test_pdf);
  ADD ("/exercise/report/csv", test_csv);
  ADD ("/exercise/report/xlsx", test_xlsx);
  ADD ("/exercise/report/cli", test_cli);
  ADD ("/exercise/report/lang", test_lang);
  ADD ("/exercise/report/plot", test_plot);
  ADD ("/exercise/report/enums", test_enums);
  ADD ("/exercise/report/reach-rows", test_reach_rows);
  g_test_add_func ("/exercise/report/bands", test_bands);
  return g_test_run ();
}

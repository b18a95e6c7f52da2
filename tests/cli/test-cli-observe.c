/* test-cli-observe.c — evaluators headless: `odan-cli observe`, one
 * observation or an EEG sheet (CSV, xlsx), read back through the engine as
 * the Review page and the report read them */
#include <glib.h>
#include <glib/gstdio.h>
#include <string.h>

#include "odan-evaluation.h"
#include "odan-test-cli.h"
#include "odan-test-files.h"
#include "odan-xlsx.h"

typedef struct {
  char *dir;
  char *exercise;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autofree char *pack = g_build_filename (g_getenv ("ODAN_SCENARIOS"), "example", NULL);
  g_auto(OdanTestRun) r = { 0 };

  f->dir = g_dir_make_tmp ("odan-observe-XXXXXX", NULL);
  f->exercise = g_build_filename (f->dir, "ex.odan", NULL);
  r = odan_test_run_cli ("play", pack, "--exercise", f->exercise, "--until", "2h", NULL);
  g_assert_cmpint (r.status, ==, 0);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  odan_test_remove_tree (f->dir);
  g_free (f->dir);
  g_free (f->exercise);
}

static GArray *
observations (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(OdanExercise) exercise = odan_exercise_open (path, NULL, ODAN_EXERCISE_OPEN_READ_ONLY, &error);
  GArray *out;

  g_assert_no_error (error);
  out = odan_evaluation_get_observations (exercise);
  /* the strings are the exercise's: keep copies that outlive it */
  for (guint i = 0; i < out->len; i++)
    {
      OdanObservation *o = &g_array_index (out, OdanObservation, i);

      o->text = g_intern_string (o->text);
      o->team = g_intern_string (o->team);
      o->capability = g_intern_string (o->capability);
      o->objective = g_intern_string (o->objective);
      o->by = g_intern_string (o->by);
    }
  return out;
}

static void
test_one (Fixture       *f,
          gconstpointer  data)
{
  g_auto(OdanTestRun) r = odan_test_run_cli ("observe", f->exercise, "--team", "power",
                                             "--capability", "Operational Communications",
                                             "--objective", "Report within 30 minutes",
                                             "--rating", "s", "--finding", "area-for-improvement",
                                             "--by", "評価者A", "--text", "経産省への報告が遅れた", NULL);
  g_autoptr(GArray) seen = NULL;
  const OdanObservation *o;

  g_assert_cmpint (r.status, ==, 0);
  g_assert_nonnull (strstr (r.out, "Logged observation"));
  seen = observations (f->exercise);
  g_assert_cmpuint (seen->len, ==, 1);
  o = &g_array_index (seen, OdanObservation, 0);
  g_assert_cmpstr (o->text, ==, "経産省への報告が遅れた");
  g_assert_cmpstr (o->team, ==, "power");
  g_assert_cmpstr (o->capability, ==, "Operational Communications");
  g_assert_cmpstr (o->objective, ==, "Report within 30 minutes");
  g_assert_cmpstr (o->by, ==, "評価者A");
  g_assert_cmpint (o->rating, ==, ODAN_RATING_S);
  g_assert_cmpint (o->finding, ==, ODAN_FINDING_AREA);
  g_assert_cmpfloat (o->minute, ==, 120.0);
}

/* The exercise's checks refuse what the dialog would refuse: nothing logged */
static void
test_refused (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(GArray) seen = NULL;

  {
    g_auto(OdanTestRun) r = odan_test_run_cli ("observe", f->exercise, "--team", "nobody", "--text", "x", NULL);
    g_assert_cmpint (r.status, ==, 1);
    g_assert_nonnull (strstr (r.err, "nobody"));
  }
  {
    g_auto(OdanTestRun) r = odan_test_run_cli ("observe", f->exercise, "--rating", "X", "--text", "x", NULL);
    g_assert_cmpint (r.status, ==, 2);
    g_assert_nonnull (strstr (r.err, "--rating"));
  }
  {
    g_auto(OdanTestRun) r = odan_test_run_cli ("observe", f->exercise, "--text", "   ", NULL);
    g_assert_cmpint (r.status, ==, 1);
  }
  {
    g_auto(OdanTestRun) r = odan_test_run_cli ("observe", f->exercise, NULL);
    g_assert_cmpint (r.status, ==, 2);
  }
  seen = observations (f->exercise);
  g_assert_cmpuint (seen->len, ==, 0);
}

static const char eeg_csv[] =
  "Exercise Evaluation Guide: Operational Communications\n"
  "\n"
  "Evaluator Name,Organization,Core Capability,Target Rating,Strength/Area for Improvement,"
  "Observation Notes and Explanation of Rating,Time\n"
  "B,電力チーム,Operational Communications,Performed with Major Challenges,Area for Improvement,"
  "\"No FAX backup, phone only\",09:40\n"
  ",water,Situational Assessment,P,strength,Good common picture,\n";

static void
test_sheet_csv (Fixture       *f,
                gconstpointer  data)
{
  g_autofree char *path = g_build_filename (f->dir, "eeg.csv", NULL);
  g_auto(OdanTestRun) r = { 0 };
  g_autoptr(GArray) seen = NULL;
  const OdanObservation *a, *b;

  g_assert_true (g_file_set_contents (path, eeg_csv, -1, NULL));
  r = odan_test_run_cli ("observe", f->exercise, "--import", path, "--by", "Lead", NULL);
  g_assert_cmpint (r.status, ==, 0);
  g_assert_nonnull (strstr (r.out, "Logged 2 observations"));
  seen = observations (f->exercise);
  g_assert_cmpuint (seen->len, ==, 2);
  a = &g_array_index (seen, OdanObservation, 0);
  b = &g_array_index (seen, OdanObservation, 1);
  g_assert_cmpstr (a->team, ==, "power");   /* named by its Japanese name */
  g_assert_cmpstr (a->by, ==, "B");
  g_assert_cmpstr (a->text, ==, "No FAX backup, phone only");
  g_assert_cmpint (a->rating, ==, ODAN_RATING_M);
  g_assert_cmpint (a->finding, ==, ODAN_FINDING_AREA);
  g_assert_cmpstr (b->by, ==, "Lead");      /* no name in the row: --by */
  g_assert_cmpint (b->rating, ==, ODAN_RATING_P);
  g_assert_cmpint (b->finding, ==, ODAN_FINDING_STRENGTH);
}

/* A sheet with problems: each named with its line, nothing logged */
static void
test_sheet_problems (Fixture       *f,
                     gconstpointer  data)
{
  g_autofree char *path = g_build_filename (f->dir, "bad.csv", NULL);
  g_autofree char *none = g_build_filename (f->dir, "none.csv", NULL);
  g_autoptr(GArray) seen = NULL;

  g_assert_true (g_file_set_contents (path,
                                      "Observation Notes,Team,Rating,Event\n"
                                      "fine,power,P,\n"
                                      ",power,Q,\n"
                                      "ok,nobody,P,999999\n", -1, NULL));
  {
    g_auto(OdanTestRun) r = odan_test_run_cli ("observe", f->exercise, "--import", path, NULL);
    g_autofree char *line3 = g_strdup_printf ("%s:3:", path);
    g_autofree char *line4 = g_strdup_printf ("%s:4:", path);

    g_assert_cmpint (r.status, ==, 1);
    g_assert_nonnull (strstr (r.err, line3));
    g_assert_nonnull (strstr (r.err, "“Q”"));
    g_assert_nonnull (strstr (r.err, line4));
    g_assert_nonnull (strstr (r.err, "nobody"));
    g_assert_nonnull (strstr (r.err, "999999"));
    g_assert_nonnull (strstr (r.err, "nothing was logged"));
  }
  g_assert_true (g_file_set_contents (none, "Title only\nTeam,Rating\npower,P\n", -1, NULL));
  {
    g_auto(OdanTestRun) r = odan_test_run_cli ("observe", f->exercise, "--import", none, NULL);
    g_assert_cmpint (r.status, ==, 1);
    g_assert_nonnull (strstr (r.err, "observation column"));
  }
  seen = observations (f->exercise);
  g_assert_cmpuint (seen->len, ==, 0);
}

/* The same EEG as a workbook, on its second sheet, in Japanese */
static void
test_sheet_xlsx (Fixture       *f,
                 gconstpointer  data)
{
  g_autofree char *path = g_build_filename (f->dir, "eeg.xlsx", NULL);
  g_autoptr(GError) error = NULL;
  OdanXlsxWriter *w = odan_xlsx_writer_new (path);
  const char *header[] = { "評価者", "チーム", "コアケイパビリティ", "評価", "所見", "観察内容" };
  const char *row[] = { "C", "telecom", "情報共有", "U", "改善点", "NISC 連絡先が古い" };
  g_auto(OdanTestRun) r = { 0 };
  g_autoptr(GArray) seen = NULL;
  const OdanObservation *o;

  odan_xlsx_writer_sheet (w, "表紙");
  odan_xlsx_writer_row (w, header, 1);
  odan_xlsx_writer_sheet (w, "EEG");
  odan_xlsx_writer_row (w, header, G_N_ELEMENTS (header));
  odan_xlsx_writer_row (w, row, G_N_ELEMENTS (row));
  g_assert_true (odan_xlsx_writer_close (w, &error));

  r = odan_test_run_cli ("observe", f->exercise, "--import", path, "--sheet", "EEG", NULL);
  g_assert_cmpint (r.status, ==, 0);
  seen = observations (f->exercise);
  g_assert_cmpuint (seen->len, ==, 1);
  o = &g_array_index (seen, OdanObservation, 0);
  g_assert_cmpstr (o->team, ==, "telecom");
  g_assert_cmpstr (o->capability, ==, "情報共有");
  g_assert_cmpint (o->rating, ==, ODAN_RATING_U);
  g_assert_cmpint (o->finding, ==, ODAN_FINDING_AREA);
  g_assert_cmpstr (o->text, ==, "NISC 連絡先が古い");
}

/* An improvement-plan item answering an area for improvement, headless */
static void
test_improve (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(OdanExercise) exercise = NULL;
  g_autoptr(GArray) plan = NULL;
  const OdanImprovement *item;

  {
    g_auto(OdanTestRun) r = odan_test_run_cli ("observe", f->exercise, "--team", "water", "--finding",
                                               "area-for-improvement", "--text", "No deputy answered", NULL);
    g_assert_cmpint (r.status, ==, 0);
  }
  {
    g_autoptr(GArray) seen = observations (f->exercise);
    g_autofree char *answers = g_strdup_printf ("%" G_GINT64_FORMAT, g_array_index (seen, OdanObservation, 0).event);
    g_auto(OdanTestRun) bad = odan_test_run_cli ("improve", f->exercise, "--action", "Name a deputy",
                                                 "--capability", "Operational Communications", "--owner", "Water team",
                                                 "--start", "2016-04-01", "--due", "2016-03-01", NULL);
    g_auto(OdanTestRun) r = odan_test_run_cli ("improve", f->exercise, "--action", "Name a deputy",
                                               "--capability", "Operational Communications", "--owner", "Water team",
                                               "--poc", "Suzuki", "--start", "2016-01-10", "--due", "2016-03-31",
                                               "--reference", "Water CEPTOAR procedure §3",
                                               "--root-cause", "One person holds the contact point",
                                               "--answers", answers, "--status", "in-progress", NULL);

    /* due before start: refused by the engine's check, nothing logged */
    g_assert_cmpint (bad.status, ==, 1);
    g_assert_nonnull (strstr (bad.err, "completed before it starts"));
    g_assert_cmpint (r.status, ==, 0);
    g_assert_nonnull (strstr (r.out, "Logged improvement-plan item"));

    exercise = odan_exercise_open (f->exercise, NULL, ODAN_EXERCISE_OPEN_READ_ONLY, &error);
    g_assert_no_error (error);
    plan = odan_evaluation_get_improvements (exercise);
    g_assert_cmpuint (plan->len, ==, 1);
    item = &g_array_index (plan, OdanImprovement, 0);
    g_assert_cmpstr (item->reference, ==, "Water CEPTOAR procedure §3");
    g_assert_cmpstr (item->root_cause, ==, "One person holds the contact point");
    g_assert_cmpstr (item->organization, ==, "Water team");
    g_assert_cmpstr (item->poc, ==, "Suzuki");
    g_assert_cmpstr (item->completion, ==, "2016-03-31");
    g_assert_cmpint (item->status, ==, ODAN_IMPROVEMENT_IN_PROGRESS);
    g_assert_cmpint (item->observation, ==, g_array_index (seen, OdanObservation, 0).event);
  }
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add ("/cli/observe/one", Fixture, NULL, fixture_set_up, test_one, fixture_tear_down);
  g_test_add ("/cli/observe/refused", Fixture, NULL, fixture_set_up, test_refused, fixture_tear_down);
  g_test_add ("/cli/observe/sheet-csv", Fixture, NULL, fixture_set_up, test_sheet_csv, fixture_tear_down);
  g_test_add ("/cli/observe/sheet-problems", Fixture, NULL, fixture_set_up, test_sheet_problems, fixture_tear_down);
  g_test_add ("/cli/observe/improve", Fixture, NULL, fixture_set_up, test_improve, fixture_tear_down);
  g_test_add ("/cli/observe/sheet-xlsx", Fixture, NULL, fixture_set_up, test_sheet_xlsx, fixture_tear_down);
  return g_test_run ();
}

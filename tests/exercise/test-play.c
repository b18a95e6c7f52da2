/* test-play.c — `odan-cli play`, `log` and `state` as a facilitator runs
 * them, and the crash test
 *
 * The crash test kills `odan-cli play` with SIGKILL at many points chosen by
 * a seeded generator — while it creates the file, between events, inside a
 * commit — and checks after each kill that every event the program had
 * printed (acknowledged) is in the file as printed; then that playing on
 * finishes the exercise with the same log, minus clock events, as a run
 * that was never interrupted, and the same model.
 */
#include <glib.h>

#include "odan-test-cli.h"
#include <glib/gstdio.h>
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "exercise-test.h"
#include "odan-csv.h"
#include "odan-sqlite-store.h"

typedef struct {
  char *dir;
  char *path;
  char *example;
  char *pools;
} Fixture;

static void
fixture_setup (Fixture      *f,
               gconstpointer data)
{
  f->dir = test_tmpdir_new ();
  f->path = g_build_filename (f->dir, "exercise.odan", NULL);
  f->example = test_scenario_path ("example");
  f->pools = test_fixture_path ("pools");
}

static void
fixture_teardown (Fixture      *f,
                  gconstpointer data)
{
  g_free (f->path);
  g_free (f->example);
  g_free (f->pools);
  test_tmpdir_free (f->dir);
}

/* A printed line: "ID\tTIME\tKIND\tACTOR\tWHAT". */
typedef struct {
  gint64  id;
  char   *kind;
  char   *what;
} Line;

static void
line_clear (Line *line)
{
  g_free (line->kind);
  g_free (line->what);
}

static gboolean
parse_line (const char *text,
            Line       *out)
{
  g_auto(GStrv) fields = g_strsplit (text, "\t", 5);
  char *end;

  if (g_strv_length (fields) != 5)
    return FALSE;
  out->id = g_ascii_strtoll (fields[0], &end, 10);
  if (*end != '\0' || out->id <= 0)
    return FALSE;
  out->kind = g_strdup (fields[2]);
  out->what = g_strchomp (g_strdup (fields[4]));
  return TRUE;
}

static GArray *
parse_lines (const char *out)
{
  g_auto(GStrv) lines = g_strsplit (out, "\n", -1);
  GArray *parsed = g_array_new (FALSE, TRUE, sizeof (Line));

  g_array_set_clear_func (parsed, (GDestroyNotify) line_clear);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      Line line = { 0 };

      if (lines[i][0] == '\0')
        continue;
      if (!parse_line (lines[i], &line))
        g_error ("not an event line: “%s”", lines[i]);
      g_array_append_val (parsed, line);
    }
  return parsed;
}

/* Every acknowledged line is in the file, as printed. */
static void
assert_acknowledged (const char *path,
                     GArray     *lines)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(OdanExercise) ex = odan_exercise_open (path, NULL, ODAN_EXERCISE_OPEN_READ_ONLY, &error);
  g_autoptr(GHashTable) by_id = g_hash_table_new (g_int64_hash, g_int64_equal);

  g_assert_no_error (error);
  for (guint i = 0; i < odan_exercise_get_n_events (ex); i++)
    {
      const OdanEvent *e = odan_exercise_get_event (ex, i);
      g_hash_table_insert (by_id, (gpointer) &e->id, (gpointer) e);
    }
  for (guint i = 0; i < lines->len; i++)
    {
      const Line *line = &g_array_index (lines, Line, i);
      const OdanEvent *e = g_hash_table_lookup (by_id, &line->id);
      g_autofree char *what = NULL;

      if (e == NULL)
        g_error ("event %" G_GINT64_FORMAT " was printed but is not in %s", line->id, path);
      g_assert_cmpstr (odan_event_kind_to_string (e->kind), ==, line->kind);
      what = odan_exercise_describe_event (ex, e);
      g_assert_cmpstr (what, ==, line->what);
    }
}

/* ------------------------------------------------------------------ */

static void
test_play_fresh (Fixture      *f,
                 gconstpointer data)
{
  g_autofree char *decisions = test_fixture_path ("example-decisions.csv");
  OdanTestRun r = odan_test_run_cli ("play", f->example, "--exercise", f->path, "--decisions", decisions, NULL);
  g_autoptr(GArray) lines = NULL;
  OdanTestRun state, simulated;

  g_assert_cmpstr (r.err, ==, "");
  g_assert_cmpint (r.status, ==, 0);
  lines = parse_lines (r.out);
  /* start, 8 injects, 7 decisions, 4 mitigations, 1 forward, end */
  g_assert_cmpuint (lines->len, ==, 22);
  for (guint i = 0; i < lines->len; i++)
    g_assert_cmpint (g_array_index (lines, Line, i).id, ==, (gint64) i + 1);
  g_assert_cmpstr (g_array_index (lines, Line, 0).what, ==, "Exercise started, played step by step");
  g_assert_cmpstr (g_array_index (lines, Line, 1).what, ==, "Inject INJ-01 delivered: Wide-area blackout in the Kanto area");
  g_assert_cmpstr (g_array_index (lines, Line, lines->len - 1).what, ==, "Exercise ended");
  assert_acknowledged (f->path, lines);
  odan_test_run_clear (&r);

  /* the model at 7 h is what simulate computes with the same decisions */
  state = odan_test_run_cli ("state", f->path, "--at", "7h", NULL);
  simulated = odan_test_run_cli ("simulate", f->example, "--decisions", decisions, "--until", "7h", NULL);
  g_assert_cmpint (state.status, ==, 0);
  g_assert_cmpint (simulated.status, ==, 0);
  {
    g_auto(GStrv) state_rows = g_strsplit (state.out, "\n", -1);
    g_auto(GStrv) sim_rows = g_strsplit (simulated.out, "\n", -1);
    g_autoptr(GHashTable) last = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);

    g_assert_cmpstr (state_rows[0], ==, "node,operability");
    for (guint i = 1; sim_rows[i] != NULL && sim_rows[i][0] != '\0'; i++)
      {
        g_auto(GStrv) cells = g_strsplit (sim_rows[i], ",", 3);
        g_hash_table_insert (last, g_strdup (cells[1]), g_strdup (cells[2]));
      }
    g_assert_cmpuint (g_strv_length (state_rows), ==, g_hash_table_size (last) + 2);
    for (guint i = 1; state_rows[i] != NULL && state_rows[i][0] != '\0'; i++)
      {
        g_auto(GStrv) cells = g_strsplit (state_rows[i], ",", 2);
        g_assert_cmpstr (cells[1], ==, g_hash_table_lookup (last, cells[0]));
      }
  }
  odan_test_run_clear (&state);
  odan_test_run_clear (&simulated);
}

/* The log's CSV: the header, then one row per event in id order. */
typedef struct {
  GPtrArray *rows;   /* GStrv */
} CsvRows;

static gboolean
on_csv_row (const OdanCsvRow *row,
            gpointer          user_data,
            GError          **error)
{
  CsvRows *rows = user_data;
  char **copy = g_new0 (char *, row->n_fields + 1);

  for (guint i = 0; i < row->n_fields; i++)
    copy[i] = g_strdup (row->fields[i]);
  g_ptr_array_add (rows->rows, copy);
  return TRUE;
}

static void
test_log (Fixture      *f,
          gconstpointer data)
{
  g_autofree char *decisions = test_fixture_path ("pools-decisions.csv");
  OdanTestRun r = odan_test_run_cli ("play", f->pools, "--exercise", f->path, "--decisions", decisions, NULL);
  OdanTestRun log, table;
  CsvRows rows = { g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev) };
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) lines = parse_lines (r.out);
  static const char *const header[] = {
    "id", "kind", "action", "minute", "time", "wall", "actor", "team", "subject", "ref", "summary", "details",
  };
  char **row;

  g_assert_cmpint (r.status, ==, 0);
  log = odan_test_run_cli ("log", f->path, NULL);
  g_assert_cmpint (log.status, ==, 0);
  g_assert_cmpstr (log.err, ==, "");
  g_assert_true (odan_csv_read_data ("log.csv", log.out, strlen (log.out), on_csv_row, &rows, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (rows.rows->len, ==, lines->len + 1);

  row = g_ptr_array_index (rows.rows, 0);
  g_assert_cmpuint (g_strv_length (row), ==, G_N_ELEMENTS (header));
  for (guint i = 0; i < G_N_ELEMENTS (header); i++)
    g_assert_cmpstr (row[i], ==, header[i]);
  for (guint i = 1; i < rows.rows->len; i++)
    {
      row = g_ptr_array_index (rows.rows, i);
      g_assert_cmpint (g_ascii_strtoll (row[0], NULL, 10), ==, g_array_index (lines, Line, i - 1).id);
      g_assert_cmpstr (row[1], ==, g_array_index (lines, Line, i - 1).kind);
    }

  /* a decision row: team, mitigation, the text as written, its details */
  row = g_ptr_array_index (rows.rows, 5);
  g_assert_cmpstr (row[1], ==, "decision");
  g_assert_cmpstr (row[2], ==, "business-continuity");
  g_assert_cmpstr (row[3], ==, "50.000");
  g_assert_cmpstr (row[4], ==, "T+50m");
  g_assert_cmpstr (row[7], ==, "power");
  g_assert_cmpstr (row[8], ==, "PV-C");
  g_assert_cmpstr (row[10], ==, "Send a power vehicle to hospital C");
  g_assert_nonnull (strstr (row[11], "mitigation-status=refused"));
  g_assert_nonnull (strstr (row[11], "reason=pool “Mobile power vehicles” is empty (all 2 in use)"));
  /* a delivery keeps its text as delivered, line breaks and all */
  row = g_ptr_array_index (rows.rows, 2);
  g_assert_cmpstr (row[1], ==, "delivery");
  g_assert_nonnull (strstr (row[11], "body=The grid is down.\nRestoration unknown."));
  /* a mitigation refers to its decision */
  row = g_ptr_array_index (rows.rows, 8);
  g_assert_cmpstr (row[1], ==, "mitigation");
  g_assert_cmpstr (row[9], ==, "3");
  /* wall-clock times carry their offset */
  g_assert_true (g_regex_match_simple ("^\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}[+-]\\d\\d:\\d\\d$",
                                       row[5], 0, 0));

  table = odan_test_run_cli ("log", f->path, "--format", "table", NULL);
  g_assert_cmpint (table.status, ==, 0);

  /* writing and reading leave nothing beside the file */
  {
    static const char *const suffixes[] = { "-wal", "-shm", "-lock" };

    for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
      {
        g_autofree char *beside = g_strconcat (f->path, suffixes[i], NULL);

        g_assert_false (g_file_test (beside, G_FILE_TEST_EXISTS));
      }
  }
  g_assert_nonnull (strstr (table.out, "Mitigation PV-A applied: Power vehicle to hospital A"));
  g_assert_nonnull (strstr (table.out, "Decision (ministry-report): First report to the ministry"));

  g_ptr_array_unref (rows.rows);
  odan_test_run_clear (&r);
  odan_test_run_clear (&log);
  odan_test_run_clear (&table);
}

static guint
count_kind (const char *path,
            OdanEventKind kind)
{
  g_autoptr(OdanExercise) ex = odan_exercise_open (path, NULL, ODAN_EXERCISE_OPEN_READ_ONLY, NULL);
  guint n = 0;

  g_assert_nonnull (ex);
  for (guint i = 0; i < odan_exercise_get_n_events (ex); i++)
    n += odan_exercise_get_event (ex, i)->kind == kind;
  return n;
}

static void
test_play_resume (Fixture      *f,
                  gconstpointer data)
{
  g_autofree char *decisions = test_fixture_path ("pools-decisions.csv");
  OdanTestRun first = odan_test_run_cli ("play", f->pools, "--exercise", f->path, "--decisions", decisions, "--until", "5h", NULL);
  OdanTestRun second, third, early;
  g_autoptr(GArray) a = NULL;
  g_autoptr(GArray) b = NULL;

  g_assert_cmpint (first.status, ==, 0);
  a = parse_lines (first.out);
  g_assert_cmpstr (g_array_index (a, Line, a->len - 1).what, ==, "Clock paused");

  /* nothing to do up to a time already passed */
  early = odan_test_run_cli ("play", f->pools, "--exercise", f->path, "--decisions", decisions, "--until", "4h", NULL);
  g_assert_cmpint (early.status, ==, 0);
  g_assert_cmpstr (early.out, ==, "");
  g_assert_nonnull (strstr (early.err, "is at T+5h00m already"));

  second = odan_test_run_cli ("play", f->pools, "--exercise", f->path, "--decisions", decisions, NULL);
  g_assert_cmpint (second.status, ==, 0);
  b = parse_lines (second.out);
  g_assert_cmpint (g_array_index (b, Line, 0).id, ==, g_array_index (a, Line, a->len - 1).id + 1);
  g_assert_cmpstr (g_array_index (b, Line, 0).what, ==, "Clock resumed; pending injects shift by the pause");
  g_assert_cmpstr (g_array_index (b, Line, b->len - 1).what, ==, "Exercise ended");

  /* each decision and inject once, and the two injects forwarded once */
  g_assert_cmpuint (count_kind (f->path, ODAN_EVENT_DECISION), ==, 9);
  g_assert_cmpuint (count_kind (f->path, ODAN_EVENT_DELIVERY), ==, 4 + 2);
  g_assert_cmpuint (count_kind (f->path, ODAN_EVENT_MITIGATION), ==, 3);

  third = odan_test_run_cli ("play", f->pools, "--exercise", f->path, "--decisions", decisions, NULL);
  g_assert_cmpint (third.status, ==, 0);
  g_assert_cmpstr (third.out, ==, "");
  g_assert_nonnull (strstr (third.err, "nothing left to play"));

  odan_test_run_clear (&first);
  odan_test_run_clear (&second);
  odan_test_run_clear (&third);
  odan_test_run_clear (&early);
}

/* A second process: play is refused, log and state read. */
static void
test_play_locked (Fixture      *f,
                  gconstpointer data)
{
  OdanTestRun first = odan_test_run_cli ("play", f->pools, "--exercise", f->path, "--until", "1h", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(OdanStore) writer = NULL;
  g_autofree char *pid = g_strdup_printf ("pid %d", (int) getpid ());
  OdanTestRun refused, log, state;

  g_assert_cmpint (first.status, ==, 0);
  writer = odan_sqlite_store_open (f->path, ODAN_SQLITE_STORE_OPEN_REQUIRE_WRITE, &error);
  g_assert_no_error (error);

  refused = odan_test_run_cli ("play", f->pools, "--exercise", f->path, NULL);
  g_assert_cmpint (refused.status, ==, 1);
  g_assert_cmpstr (refused.out, ==, "");
  g_assert_nonnull (strstr (refused.err, "in use by another Odan process"));
  g_assert_nonnull (strstr (refused.err, pid));

  log = odan_test_run_cli ("log", f->path, "--format", "table", NULL);
  g_assert_cmpint (log.status, ==, 0);
  g_assert_nonnull (strstr (log.out, "Inject BLACKOUT delivered"));
  state = odan_test_run_cli ("state", f->path, "--at", "30m", NULL);
  g_assert_cmpint (state.status, ==, 0);
  g_assert_nonnull (strstr (state.out, "grid,0.0000\n"));

  /* the file is whole after all of it */
  g_clear_object (&writer);
  {
    g_autoptr(OdanExercise) ex = odan_exercise_open (f->path, NULL, ODAN_EXERCISE_OPEN_WRITE, &error);

    g_assert_no_error (error);
    g_assert_cmpuint (odan_exercise_get_n_events (ex), ==, 3);
  }

  odan_test_run_clear (&first);
  odan_test_run_clear (&refused);
  odan_test_run_clear (&log);
  odan_test_run_clear (&state);
}

static void
test_play_problems (Fixture      *f,
                    gconstpointer data)
{
  g_autofree char *garbage = g_build_filename (f->dir, "garbage.odan", NULL);
  g_autofree char *missing = g_build_filename (f->dir, "missing.odan", NULL);
  OdanTestRun r;

  r = odan_test_run_cli ("play", f->pools, NULL);
  g_assert_cmpint (r.status, ==, 2);
  g_assert_nonnull (strstr (r.err, "--exercise FILE.odan is required"));
  odan_test_run_clear (&r);

  r = odan_test_run_cli ("state", f->path, NULL);
  g_assert_cmpint (r.status, ==, 2);
  g_assert_nonnull (strstr (r.err, "--at TIME is required"));
  odan_test_run_clear (&r);

  r = odan_test_run_cli ("log", f->path, "--format", "xml", NULL);
  g_assert_cmpint (r.status, ==, 2);
  odan_test_run_clear (&r);

  r = odan_test_run_cli ("log", missing, NULL);
  g_assert_cmpint (r.status, ==, 1);
  g_assert_nonnull (strstr (r.err, "no such exercise file"));
  g_assert_false (g_file_test (missing, G_FILE_TEST_EXISTS));
  odan_test_run_clear (&r);

  g_assert_true (g_file_set_contents (garbage, "SQLite format 3 — not really\n", -1, NULL));
  r = odan_test_run_cli ("log", garbage, NULL);
  g_assert_cmpint (r.status, ==, 1);
  g_assert_nonnull (strstr (r.err, "not an Odan exercise file"));
  odan_test_run_clear (&r);

  /* another pack for an existing exercise */
  r = odan_test_run_cli ("play", f->pools, "--exercise", f->path, "--until", "1h", NULL);
  g_assert_cmpint (r.status, ==, 0);
  odan_test_run_clear (&r);
  r = odan_test_run_cli ("play", f->example, "--exercise", f->path, NULL);
  g_assert_cmpint (r.status, ==, 1);
  g_assert_nonnull (strstr (r.err, "another version of the pack"));
  g_assert_cmpstr (r.out, ==, "");
  odan_test_run_clear (&r);
}

/* ------------------------------------------------------------------ */
/* The crash test */

/* 150 decisions over three days for the example pack, half with a mitigation. */
static char *
write_many_decisions (const char *dir)
{
  static const struct { const char *team, *mitigation; } who[] = {
    { "power", "M-01" }, { "medical", NULL }, { "petroleum", "M-02" }, { "rail", NULL },
    { "telecom", "M-03" }, { "finance", NULL }, { "water", "M-04" }, { "water", NULL },
  };
  static const char *const categories[] = {
    "business-continuity", "disclosure", "ministry-report", "information-sharing", "other",
  };
  g_autoptr(GString) csv = g_string_new ("time,team,category,summary,mitigation,"
                                          "inject,stage,channel,audience,recipients,bcp\n");
  char *path = g_build_filename (dir, "decisions.csv", NULL);

  /* each row filled in as its category's form asks; information sharing
   * forwards the opening inject (to all teams) to another team */
  for (guint i = 0; i < 150; i++)
    {
      const char *team = who[i % G_N_ELEMENTS (who)].team;
      const char *mitigation = who[i % G_N_ELEMENTS (who)].mitigation;
      const char *category = categories[i % G_N_ELEMENTS (categories)];
      gboolean sharing = g_str_equal (category, "information-sharing");

      g_string_append_printf (csv, "%u,%s,%s,Decision %u of the crash test,%s,%s,%s,%s,%s,%s,%s\n",
                              10 + i * 28, team, category, i, mitigation != NULL ? mitigation : "",
                              sharing ? "INJ-01" : "",
                              g_str_equal (category, "ministry-report") ? "initial" : "",
                              g_str_equal (category, "disclosure") ? "press release" : "",
                              g_str_equal (category, "disclosure") ? "the public" : "",
                              sharing ? (g_str_equal (team, "medical") ? "power" : "medical") : "",
                              g_str_equal (category, "business-continuity") && mitigation == NULL ? "yes" : "");
    }
  g_assert_true (g_file_set_contents (path, csv->str, (gssize) csv->len, NULL));
  return path;
}

/* Spawns play, reads @n_before lines, waits @pause_us, kills it, then
 * reads what it printed before it died. Returns TRUE when it finished by
 * itself before the kill. */
static gboolean
play_and_kill (const char *pack,
               const char *path,
               const char *decisions,
               guint       n_before,
               guint       pause_us,
               GArray     *acknowledged)
{
  const char *argv[] = { g_getenv ("ODAN_CLI"), "play", pack, "--exercise", path,
                         "--decisions", decisions, NULL };
  g_autoptr(GError) error = NULL;
  GPid pid;
  int out_fd, status;
  FILE *out;
  char *text = NULL;
  size_t size = 0;
  guint n = 0;

  g_assert_true (g_spawn_async_with_pipes (NULL, (char **) argv, NULL,
                                           G_SPAWN_DO_NOT_REAP_CHILD | G_SPAWN_STDERR_TO_DEV_NULL,
                                           NULL, NULL, &pid, NULL, &out_fd, NULL, &error));
  g_assert_no_error (error);
  out = fdopen (out_fd, "r");

  while (n < n_before && getline (&text, &size, out) > 0)
    {
      Line line = { 0 };

      g_assert_true (parse_line (text, &line));
      g_array_append_val (acknowledged, line);
      n++;
    }
  if (pause_us > 0)
    g_usleep (pause_us);
  kill (pid, SIGKILL);
  /* lines already written are acknowledged too */
  while (getline (&text, &size, out) > 0)
    {
      Line line = { 0 };

      g_assert_true (parse_line (text, &line));
      g_array_append_val (acknowledged, line);
    }
  free (text);
  fclose (out);

  while (waitpid (pid, &status, 0) < 0)
    g_assert_cmpint (errno, ==, EINTR);
  g_spawn_close_pid (pid);
  if (WIFEXITED (status))
    {
      g_assert_cmpint (WEXITSTATUS (status), ==, 0);
      return TRUE;
    }
  g_assert_true (WIFSIGNALED (status));
  g_assert_cmpint (WTERMSIG (status), ==, SIGKILL);
  return FALSE;
}

/* The log without clock events, as comparable text. */
static GPtrArray *
story (OdanExercise *ex)
{
  GPtrArray *lines = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; i < odan_exercise_get_n_events (ex); i++)
    {
      const OdanEvent *e = odan_exercise_get_event (ex, i);

      if (e->kind != ODAN_EVENT_CLOCK)
        g_ptr_array_add (lines, g_strdup_printf ("%s %s %.17g %s %s %s",
                                                 odan_event_kind_to_string (e->kind), odan_event_action_to_string (e),
                                                 e->minute, e->subject != NULL ? e->subject : "-",
                                                 e->team != NULL ? e->team : "-", e->summary));
    }
  return lines;
}

static void
test_crash (Fixture      *f,
            gconstpointer data)
{
  g_autofree char *decisions = write_many_decisions (f->dir);
  g_autofree char *reference = g_build_filename (f->dir, "reference.odan", NULL);
  g_autoptr(GRand) rand = g_rand_new_with_seed (0x0DA1);
  g_autoptr(GArray) acknowledged = g_array_new (FALSE, TRUE, sizeof (Line));
  g_autoptr(OdanExercise) crashed = NULL;
  g_autoptr(OdanExercise) clean = NULL;
  g_autoptr(GPtrArray) crashed_story = NULL;
  g_autoptr(GPtrArray) clean_story = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GHashTable) sources = g_hash_table_new (g_str_hash, g_str_equal);
  gboolean finished = FALSE;
  guint kills = 0, runs = 0;
  OdanTestRun r;

  g_array_set_clear_func (acknowledged, (GDestroyNotify) line_clear);

  /* the uninterrupted run to compare with */
  r = odan_test_run_cli ("play", f->example, "--exercise", reference, "--decisions", decisions, NULL);
  g_assert_cmpint (r.status, ==, 0);
  odan_test_run_clear (&r);

  while (!finished)
    {
      /* mostly a few lines in; sometimes at once (the file is being made);
       * sometimes a little later, inside the next commit */
      guint n_before = g_rand_int_range (rand, 0, 4) == 0 ? 0 : (guint) g_rand_int_range (rand, 1, 6);
      guint pause_us = g_rand_boolean (rand) ? (guint) g_rand_int_range (rand, 0, 3000) : 0;

      g_assert_cmpuint (runs, <, 400);
      runs++;
      finished = play_and_kill (f->example, f->path, decisions, n_before, pause_us, acknowledged);
      if (!finished)
        kills++;
      if (g_file_test (f->path, G_FILE_TEST_EXISTS) && acknowledged->len > 0)
        assert_acknowledged (f->path, acknowledged);
    }
  g_test_message ("%u runs, %u killed, %u events acknowledged", runs, kills, acknowledged->len);
  /* dozens of kills; how many depends on how far each run gets */
  g_assert_cmpuint (kills, >=, 20);

  /* acknowledged ids never repeat: nothing printed twice */
  for (guint i = 1; i < acknowledged->len; i++)
    g_assert_cmpint (g_array_index (acknowledged, Line, i).id, >, g_array_index (acknowledged, Line, i - 1).id);

  crashed = odan_exercise_open (f->path, NULL, ODAN_EXERCISE_OPEN_READ_ONLY, &error);
  g_assert_no_error (error);
  clean = odan_exercise_open (reference, NULL, ODAN_EXERCISE_OPEN_READ_ONLY, &error);
  g_assert_no_error (error);
  g_assert_true (odan_exercise_has_ended (crashed));

  /* the same story as the run that was never killed, each decision once */
  crashed_story = story (crashed);
  clean_story = story (clean);
  g_assert_cmpuint (crashed_story->len, ==, clean_story->len);
  for (guint i = 0; i < clean_story->len; i++)
    g_assert_cmpstr (g_ptr_array_index (crashed_story, i), ==, g_ptr_array_index (clean_story, i));
  g_assert_cmpuint (odan_exercise_get_decisions (crashed)->len, ==, 150);
  for (guint i = 0; i < odan_exercise_get_n_events (crashed); i++)
    {
      const OdanEvent *e = odan_exercise_get_event (crashed, i);
      const char *source = e->kind == ODAN_EVENT_DECISION ? odan_event_get_string (e, "source") : NULL;

      if (source != NULL)
        {
          g_assert_false (g_hash_table_contains (sources, source));
          g_hash_table_add (sources, (gpointer) source);
        }
    }

  /* and the same model at every time */
  for (double m = 0; m <= odan_exercise_get_pack (clean)->duration; m += 180)
    {
      g_autoptr(OdanSim) a = odan_exercise_state_at (crashed, m);
      g_autoptr(OdanSim) b = odan_exercise_state_at (clean, m);

      test_assert_same_state (a, b);
    }
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/exercise/play/fresh", Fixture, NULL, fixture_setup, test_play_fresh, fixture_teardown);
  g_test_add ("/exercise/play/log", Fixture, NULL, fixture_setup, test_log, fixture_teardown);
  g_test_add ("/exercise/play/resume", Fixture, NULL, fixture_setup, test_play_resume, fixture_teardown);
  g_test_add ("/exercise/play/locked", Fixture, NULL, fixture_setup, test_play_locked, fixture_teardown);
  g_test_add ("/exercise/play/problems", Fixture, NULL, fixture_setup, test_play_problems, fixture_teardown);
  g_test_add ("/exercise/play/crash", Fixture, NULL, fixture_setup, test_crash, fixture_teardown);

  return g_test_run ();
}

/* test-exercise.c — the exercise: packs in memory, pools, decision details,
 * the clock, every kind of event, pause shifting, replay equality, pool
 * exhaustion, and logs Odan must refuse
 *
 * Time is a TestTime moved by hand: nothing here sleeps or depends on how
 * fast the machine is.
 */
#include <glib.h>
#include <glib/gstdio.h>
#include <math.h>
#include <string.h>

#include "exercise-test.h"
#include "odan-enum.h"
#include "odan-sqlite-store.h"
#include "odan-replay.h"

/* 2015-12-08T09:00+09:00 */
#define T0_USEC G_GINT64_CONSTANT (1449532800000000)

typedef struct {
  char     *dir;
  char     *path;
  TestTime  time;
} Fixture;

static void
fixture_setup (Fixture      *f,
               gconstpointer data)
{
  f->dir = test_tmpdir_new ();
  f->path = g_build_filename (f->dir, "exercise.odan", NULL);
  f->time.now = T0_USEC;
}

static void
fixture_teardown (Fixture      *f,
                  gconstpointer data)
{
  g_free (f->path);
  test_tmpdir_free (f->dir);
}

static OdanExercise *
create (Fixture    *f,
        const char *pack_name,
        gboolean    fixture_pack)
{
  g_autofree char *pack = fixture_pack ? test_fixture_path (pack_name) : test_scenario_path (pack_name);
  g_autoptr(GError) error = NULL;
  OdanExercise *exercise = odan_exercise_open (f->path, pack, ODAN_EXERCISE_OPEN_CREATE, &error);

  g_assert_no_error (error);
  g_assert_nonnull (exercise);
  test_time_attach (exercise, &f->time);
  return exercise;
}

static OdanExercise *
reopen (Fixture               *f,
        OdanExerciseOpenFlags  flags)
{
  g_autoptr(GError) error = NULL;
  OdanExercise *exercise = odan_exercise_open (f->path, NULL, flags, &error);

  g_assert_no_error (error);
  test_time_attach (exercise, &f->time);
  return exercise;
}

static const OdanEvent *
last_event (OdanExercise *exercise)
{
  return odan_exercise_get_event (exercise, odan_exercise_get_n_events (exercise) - 1);
}

static void
assert_event (OdanExercise  *exercise,
              gint64         id,
              OdanEventKind  kind,
              const char    *action,
              double         minute,
              const char    *subject)
{
  const OdanEvent *e = NULL;

  for (guint i = 0; i < odan_exercise_get_n_events (exercise); i++)
    if (odan_exercise_get_event (exercise, i)->id == id)
      e = odan_exercise_get_event (exercise, i);
  if (e == NULL)
    g_error ("no event %" G_GINT64_FORMAT, id);
  g_assert_cmpint (e->kind, ==, kind);
  g_assert_cmpstr (odan_event_action_to_string (e), ==, action);
  g_assert_cmpfloat_with_epsilon (e->minute, minute, 1e-9);
  g_assert_cmpstr (e->subject, ==, subject);
}

static void
assert_same_log (OdanExercise *a,
                 OdanExercise *b)
{
  g_assert_cmpuint (odan_exercise_get_n_events (a), ==, odan_exercise_get_n_events (b));
  for (guint i = 0; i < odan_exercise_get_n_events (a); i++)
    {
      const OdanEvent *x = odan_exercise_get_event (a, i);
      const OdanEvent *y = odan_exercise_get_event (b, i);

      g_assert_cmpint (x->id, ==, y->id);
      g_assert_cmpint (x->kind, ==, y->kind);
      g_assert_cmpstr (odan_event_action_to_string (x), ==, odan_event_action_to_string (y));
      g_assert_cmpfloat (x->minute, ==, y->minute);
      g_assert_cmpstr (x->wall, ==, y->wall);
      g_assert_cmpstr (x->actor, ==, y->actor);
      g_assert_cmpstr (x->team, ==, y->team);
      g_assert_cmpstr (x->subject, ==, y->subject);
      g_assert_cmpint (x->ref, ==, y->ref);
      g_assert_cmpstr (x->summary, ==, y->summary);
      g_assert_true (g_variant_equal (x->details, y->details));
    }
}

static OdanDecision
decision (const OdanPack *pack,
          const char     *team,
          OdanCategory    category,
          const char     *summary,
          const char     *mitigation)
{
  OdanDecision d = { 0 };

  d.team = odan_pack_find_team (pack, team);
  d.category = category;
  d.summary = (char *) summary;
  d.mitigation = mitigation != NULL ? odan_pack_find_mitigation (pack, mitigation) : ODAN_NONE;
  d.inject = ODAN_NONE;
  return d;
}

static GHashTable *
folder_files (const char *dir)
{
  GHashTable *files = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) g_bytes_unref);
  g_autoptr(GDir) folder = g_dir_open (dir, 0, NULL);
  const char *name;

  g_assert_nonnull (folder);
  while ((name = g_dir_read_name (folder)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);
      char *contents;
      gsize len;

      if (!g_file_test (path, G_FILE_TEST_IS_REGULAR))
        continue;
      g_assert_true (g_file_get_contents (path, &contents, &len, NULL));
      g_hash_table_insert (files, g_strdup (name), g_bytes_new_take (contents, len));
    }
  return files;
}

static GPtrArray *
new_diagnostics (void)
{
  return g_ptr_array_new_with_free_func ((GDestroyNotify) odan_diagnostic_free);
}

static char **
format_diagnostics (GPtrArray *diagnostics)
{
  GStrvBuilder *builder = g_strv_builder_new ();
  char **lines;

  for (guint i = 0; i < diagnostics->len; i++)
    {
      g_autofree char *line = odan_diagnostic_format (g_ptr_array_index (diagnostics, i));
      g_strv_builder_add (builder, line);
    }
  lines = g_strv_builder_end (builder);
  g_strv_builder_unref (builder);
  return lines;
}

/* ------------------------------------------------------------------ */
/* Packs held in memory, and pools */

static void
test_pack_from_files (void)
{
  g_autofree char *dir = test_scenario_path ("example");
  g_autoptr(GHashTable) files = folder_files (dir);
  g_autoptr(GError) error = NULL;
  g_autoptr(OdanPack) folder = odan_pack_load (dir, NULL, &error);
  g_autoptr(OdanPack) memory = odan_pack_load_from_files ("example.odan:pack", files, NULL, &error);
  g_autoptr(GPtrArray) diagnostics = new_diagnostics ();
  g_autoptr(OdanPack) broken = NULL;
  g_auto(GStrv) lines = NULL;

  g_assert_no_error (error);
  g_assert_cmpstr (memory->path, ==, "example.odan:pack");
  g_assert_cmpstr (memory->id, ==, folder->id);
  g_assert_true (g_date_time_equal (memory->start, folder->start));
  g_assert_cmpfloat (memory->duration, ==, folder->duration);
  g_assert_cmpuint (memory->n_nodes, ==, folder->n_nodes);
  g_assert_cmpuint (memory->n_edges, ==, folder->n_edges);
  g_assert_cmpuint (memory->n_injects, ==, folder->n_injects);
  g_assert_cmpuint (memory->n_mitigations, ==, folder->n_mitigations);
  for (guint i = 0; i < folder->n_nodes; i++)
    g_assert_cmpstr (memory->nodes[i].id, ==, folder->nodes[i].id);
  for (guint i = 0; i < folder->n_edges; i++)
    {
      g_assert_cmpuint (memory->edges[i].provider, ==, folder->edges[i].provider);
      g_assert_cmpfloat (memory->edges[i].buffer, ==, folder->edges[i].buffer);
    }
  for (guint i = 0; i < folder->n_injects; i++)
    {
      g_assert_cmpfloat (memory->injects[i].time, ==, folder->injects[i].time);
      g_assert_cmpstr (memory->injects[i].body, ==, folder->injects[i].body);
      g_assert_cmpuint (memory->injects[i].effects->len, ==, folder->injects[i].effects->len);
    }

  /* the same checks as a folder: a missing file is named */
  g_hash_table_remove (files, "nodes.csv");
  broken = odan_pack_load_from_files ("example.odan:pack", files, diagnostics, &error);
  g_assert_null (broken);
  g_assert_error (error, ODAN_PACK_ERROR, ODAN_PACK_ERROR_INVALID);
  lines = format_diagnostics (diagnostics);
  g_assert_cmpstr (lines[0], ==, "nodes.csv: error: required file is missing");
}

static void
test_pack_pools (void)
{
  g_autofree char *dir = test_fixture_path ("pools");
  g_autoptr(GError) error = NULL;
  g_autoptr(OdanPack) pack = odan_pack_load (dir, NULL, &error);
  const OdanMitigation *m;
  guint32 vehicles;

  g_assert_no_error (error);
  g_assert_cmpuint (pack->n_pools, ==, 2);
  vehicles = odan_pack_find_pool (pack, "power-vehicles");
  g_assert_cmpuint (vehicles, ==, 0);
  g_assert_cmpstr (pack->pools[vehicles].name_ja, ==, "移動電源車");
  g_assert_cmpuint (pack->pools[vehicles].capacity, ==, 2);
  g_assert_cmpuint (pack->pool_extra.n_columns, ==, 1);
  g_assert_cmpstr (pack->pools[vehicles].extra[0], ==, "Two vehicles in the region");
  g_assert_cmpuint (odan_pack_find_pool (pack, "nothing"), ==, ODAN_NONE);

  m = &pack->mitigations[odan_pack_find_mitigation (pack, "PV-A")];
  g_assert_cmpuint (m->pool, ==, vehicles);
  g_assert_cmpuint (m->uses, ==, 1);   /* empty uses: one unit */
  m = &pack->mitigations[odan_pack_find_mitigation (pack, "FUEL-B")];
  g_assert_cmpuint (m->pool, ==, odan_pack_find_pool (pack, "fuel-trucks"));
  g_assert_cmpuint (m->uses, ==, 2);
  m = &pack->mitigations[odan_pack_find_mitigation (pack, "NOTE")];
  g_assert_cmpuint (m->pool, ==, ODAN_NONE);
  g_assert_cmpuint (m->uses, ==, 0);
}

static void
test_pack_pool_errors (void)
{
  g_autofree char *dir = test_fixture_path ("pools");
  g_autoptr(GHashTable) files = folder_files (dir);
  g_autoptr(GPtrArray) diagnostics = new_diagnostics ();
  g_autoptr(GError) error = NULL;
  g_autoptr(OdanPack) pack = NULL;
  g_auto(GStrv) lines = NULL;
  const char *const expected[] = {
    "mitigations.csv:2: error: unknown pool 'vans' (column pool)",
    "mitigations.csv:3: error: a number of units needs a pool; name one in column 'pool' (column uses)",
    "mitigations.csv:4: error: bad number of units '0' (expected a whole number, at least 1) (column uses)",
    "mitigations.csv:5: warning: the mitigation takes 9 units but pool 'trucks' holds only 3: it will always be refused (column uses)",
    "pools.csv:3: error: bad capacity 'two' (expected a whole number of units, e.g. 4) (column capacity)",
    "pools.csv:4: error: duplicate id 'trucks' (first defined on line 2) (column id)",
  };

  static const char pools[] =
    "id,name,capacity\n"
    "trucks,Trucks,3\n"
    "boats,Boats,two\n"
    "trucks,Trucks again,1\n";
  static const char mitigations[] =
    "id,label,effect,pool,uses\n"
    "A,a,,vans,\n"
    "B,b,,,2\n"
    "C,c,,trucks,0\n"
    "D,d,,trucks,9\n";

  g_hash_table_insert (files, g_strdup ("pools.csv"), g_bytes_new_static (pools, strlen (pools)));
  g_hash_table_insert (files, g_strdup ("mitigations.csv"),
                       g_bytes_new_static (mitigations, strlen (mitigations)));
  pack = odan_pack_load_from_files ("memory", files, diagnostics, &error);
  g_assert_null (pack);
  g_assert_error (error, ODAN_PACK_ERROR, ODAN_PACK_ERROR_INVALID);
  lines = format_diagnostics (diagnostics);
  g_assert_cmpuint (g_strv_length (lines), ==, G_N_ELEMENTS (expected));
  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    g_assert_cmpstr (lines[i], ==, expected[i]);
}

/* ------------------------------------------------------------------ */
/* Decision details in the CSV */

static void
test_decision_details (void)
{
  g_autofree char *dir = test_fixture_path ("pools");
  g_autofree char *csv = test_fixture_path ("pools-decisions.csv");
  g_autoptr(GError) error = NULL;
  g_autoptr(OdanPack) pack = odan_pack_load (dir, NULL, &error);
  g_autoptr(GArray) decisions = odan_decisions_load (csv, pack, NULL, &error);
  const OdanDecision *d;

  g_assert_no_error (error);
  g_assert_cmpuint (decisions->len, ==, 9);

  d = &g_array_index (decisions, OdanDecision, 5);
  g_assert_cmpint (d->category, ==, ODAN_CATEGORY_INFORMATION_SHARING);
  g_assert_cmpuint (d->n_injects, ==, 2);
  g_assert_cmpuint (d->inject, ==, odan_pack_find_inject (pack, "BLACKOUT"));
  g_assert_cmpuint (d->injects[1], ==, odan_pack_find_inject (pack, "FIRE"));
  g_assert_cmpuint (g_strv_length (d->recipients), ==, 3);
  g_assert_cmpstr (d->recipients[2], ==, "power");

  d = &g_array_index (decisions, OdanDecision, 6);
  g_assert_cmpint (d->stage, ==, ODAN_REPORT_STAGE_INITIAL);   /* written 第一報 */
  g_assert_cmpstr (d->channel, ==, "FAX");
  g_assert_null (d->ministry);

  d = &g_array_index (decisions, OdanDecision, 7);
  g_assert_cmpstr (d->channel, ==, "press release");
  g_assert_cmpstr (d->audience, ==, "the public");

  g_assert_cmpstr (odan_report_stage_to_string (ODAN_REPORT_STAGE_FOLLOW_UP), ==, "follow-up");
  {
    OdanReportStage stage;

    g_assert_true (odan_report_stage_from_string ("続報", &stage));
    g_assert_cmpint (stage, ==, ODAN_REPORT_STAGE_FOLLOW_UP);
    g_assert_true (odan_report_stage_from_string ("Final", &stage));
    g_assert_cmpint (stage, ==, ODAN_REPORT_STAGE_FINAL);
    g_assert_false (odan_report_stage_from_string ("second", &stage));
  }
}

static void
test_decision_details_errors (Fixture      *f,
                              gconstpointer data)
{
  g_autofree char *dir = test_fixture_path ("pools");
  g_autofree char *csv = g_build_filename (f->dir, "bad.csv", NULL);
  g_autoptr(GPtrArray) diagnostics = new_diagnostics ();
  g_autoptr(GError) error = NULL;
  g_autoptr(OdanPack) pack = odan_pack_load (dir, NULL, &error);
  g_autoptr(GArray) decisions = NULL;
  g_auto(GStrv) lines = NULL;

  g_assert_true (g_file_set_contents (csv,
    "time,team,category,summary,inject,stage,recipients\n"
    "+1h,medical,ministry-report,x,,second,\n"
    "+1h,medical,information-sharing,x,BLACKOUT;NOPE,,nisc;press\n", -1, NULL));
  decisions = odan_decisions_load (csv, pack, diagnostics, &error);
  g_assert_null (decisions);
  lines = format_diagnostics (diagnostics);
  g_assert_cmpuint (g_strv_length (lines), ==, 3);
  g_assert_cmpstr (lines[0], ==, "bad.csv:2: error: unknown report stage 'second' (expected initial, "
                                 "follow-up or final, or 第一報, 続報 or 最終報) (column stage)");
  g_assert_cmpstr (lines[1], ==, "bad.csv:3: error: unknown inject 'NOPE' (column inject)");
  g_assert_cmpstr (lines[2], ==, "bad.csv:3: error: unknown recipient 'press' (expected nisc, ministry, "
                                 "ceptoar, members, a sector id or a team id) (column recipients)");
}

/* ------------------------------------------------------------------ */
/* The clock alone */

static void
count_notify (GObject    *object,
              GParamSpec *pspec,
              gpointer    user_data)
{
  (*(guint *) user_data)++;
}

static void
test_clock (void)
{
  g_autoptr(OdanClock) clock = odan_clock_new ();
  TestTime time = { T0_USEC };
  guint notified = 0;
  const gint64 minute = 60 * G_USEC_PER_SEC;

  odan_clock_set_time_func (clock, test_time_func, &time, NULL);
  g_assert_cmpint (odan_clock_get_wall_time (clock), ==, T0_USEC);
  g_assert_cmpint (odan_clock_get_mode (clock), ==, ODAN_CLOCK_STEP);
  g_signal_connect (clock, "notify::running", G_CALLBACK (count_notify), &notified);

  /* real time ×10 from minute 5 */
  odan_clock_set (clock, ODAN_CLOCK_REALTIME, TRUE, 10, 5, time.now);
  /* "mode" is an enum property whose nicks are the log's words */
  {
    GParamSpec *pspec = g_object_class_find_property (G_OBJECT_GET_CLASS (clock), "mode");
    OdanClockMode mode = ODAN_CLOCK_STEP;

    g_assert_true (G_IS_PARAM_SPEC_ENUM (pspec));
    g_assert_cmpstr (odan_enum_to_nick (pspec->value_type, ODAN_CLOCK_REALTIME), ==, "realtime");
    g_assert_cmpstr (odan_enum_to_nick (pspec->value_type, ODAN_CLOCK_STEP), ==, "step");
    g_object_get (clock, "mode", &mode, NULL);
    g_assert_cmpint (mode, ==, ODAN_CLOCK_REALTIME);
  }
  g_assert_cmpuint (notified, ==, 1);
  g_assert_cmpfloat (odan_clock_get_minute (clock), ==, 5);
  test_time_advance (&time, 1);
  g_assert_cmpfloat (odan_clock_get_minute (clock), ==, 15);
  g_assert_cmpint (odan_clock_wall_until (clock, 25), ==, minute);
  g_assert_cmpint (odan_clock_wall_until (clock, 10), ==, 0);
  g_assert_cmpfloat (odan_clock_minute_at (clock, T0_USEC + 30 * G_USEC_PER_SEC), ==, 10);
  /* a wall clock set back reads the anchor, never before it */
  g_assert_cmpfloat (odan_clock_minute_at (clock, T0_USEC - minute), ==, 5);

  /* paused: time stands, and never arrives by itself */
  odan_clock_set (clock, ODAN_CLOCK_REALTIME, FALSE, 10, 15, time.now);
  g_assert_cmpuint (notified, ==, 2);
  test_time_advance (&time, 60);
  g_assert_cmpfloat (odan_clock_get_minute (clock), ==, 15);
  g_assert_cmpint (odan_clock_wall_until (clock, 16), ==, -1);

  /* speeds are clamped to ×1 … ×60 */
  odan_clock_set (clock, ODAN_CLOCK_REALTIME, TRUE, 500, 15, time.now);
  g_assert_cmpfloat (odan_clock_get_speed (clock), ==, ODAN_CLOCK_MAX_SPEED);
  test_time_advance (&time, 0.5);
  g_assert_cmpfloat (odan_clock_get_minute (clock), ==, 45);

  /* step mode: only explicit moves */
  odan_clock_set (clock, ODAN_CLOCK_STEP, TRUE, 1, 100, time.now);
  test_time_advance (&time, 60);
  g_assert_cmpfloat (odan_clock_get_minute (clock), ==, 100);
  g_assert_cmpint (odan_clock_wall_until (clock, 101), ==, -1);
  g_assert_cmpfloat (odan_clock_get_anchor_minute (clock), ==, 100);
}

/* ------------------------------------------------------------------ */
/* Every kind of event, live, then reopened */

static void
test_every_kind (Fixture      *f,
                 gconstpointer data)
{
  g_autoptr(OdanExercise) ex = create (f, "pools", TRUE);
  g_autoptr(OdanExercise) again = NULL;
  g_autoptr(GError) error = NULL;
  const OdanPack *pack = odan_exercise_get_pack (ex);
  guint32 vehicles = odan_pack_find_pool (pack, "power-vehicles");
  guint32 fire = odan_pack_find_inject (pack, "FIRE");
  guint32 report = odan_pack_find_inject (pack, "REPORT");
  guint32 rumour = odan_pack_find_inject (pack, "RUMOUR");
  const char *const medical[] = { "medical", NULL };
  OdanAdhocInject adhoc = { "Water pressure drops at hospital C", "Tanks last 2 hours.",
                            "Water bureau", "phone", medical, "set hospital.c 0.5 for 1h" };
  OdanDecision d;
  gint64 id, refused;
  const OdanEvent *e;

  g_assert_false (odan_exercise_has_started (ex));
  g_assert_false (odan_exercise_is_read_only (ex));
  g_assert_cmpuint (odan_exercise_get_n_events (ex), ==, 0);

  /* nothing but the start before the start */
  d = decision (pack, "power", ODAN_CATEGORY_OTHER, "too early", NULL);
  g_assert_cmpint (odan_exercise_decide (ex, &d, NULL, &error), ==, 0);
  g_assert_error (error, ODAN_EXERCISE_ERROR, ODAN_EXERCISE_ERROR_CLOCK);
  g_clear_error (&error);

  g_assert_cmpint (odan_exercise_start (ex, ODAN_CLOCK_REALTIME, 2, &error), ==, 1);
  g_assert_no_error (error);
  assert_event (ex, 1, ODAN_EVENT_CLOCK, "start", 0, NULL);
  {
    g_autofree char *t0 = odan_wall_time_format (T0_USEC);

    /* stamped with the (test's) wall clock */
    g_assert_cmpstr (last_event (ex)->wall, ==, t0);
  }
  g_assert_cmpint (odan_exercise_start (ex, ODAN_CLOCK_REALTIME, 2, &error), ==, 0);
  g_assert_error (error, ODAN_EXERCISE_ERROR, ODAN_EXERCISE_ERROR_CLOCK);
  g_clear_error (&error);

  /* 15 wall minutes at ×2: T+30m; the inject at T+0 goes out at T+0 */
  test_time_advance (&f->time, 15);
  g_assert_cmpfloat (odan_exercise_get_minute (ex), ==, 30);
  g_assert_true (odan_exercise_advance (ex, &error));
  assert_event (ex, 2, ODAN_EVENT_DELIVERY, "scheduled", 0, "BLACKOUT");
  e = last_event (ex);
  g_assert_cmpstr (e->actor, ==, "system");
  g_assert_cmpstr (odan_event_get_string (e, "body"), ==, "The grid is down.\nRestoration unknown.");
  g_assert_true (odan_event_get_boolean (e, "to-all", FALSE));

  /* a decision with a mitigation from the pool */
  d = decision (pack, "power", ODAN_CATEGORY_BUSINESS_CONTINUITY, "Power vehicle to A", "PV-A");
  id = odan_exercise_decide (ex, &d, "Sato", &error);
  g_assert_no_error (error);
  assert_event (ex, id, ODAN_EVENT_DECISION, "business-continuity", 30, "PV-A");
  e = last_event (ex);
  g_assert_cmpstr (e->team, ==, "power");
  g_assert_cmpstr (e->actor, ==, "power");
  g_assert_cmpstr (odan_event_get_string (e, "mitigation-status"), ==, "accepted");
  g_assert_cmpstr (odan_event_get_string (e, "by"), ==, "Sato");
  g_assert_cmpfloat (odan_event_get_double (e, "applies", 0), ==, 90);
  g_assert_cmpuint (odan_exercise_get_pool_available (ex, vehicles), ==, 1);

  /* pause, an hour of wall time, resume: exercise time stood still */
  id = odan_exercise_pause (ex, &error);
  assert_event (ex, id, ODAN_EVENT_CLOCK, "pause", 30, NULL);
  g_assert_cmpint (odan_exercise_pause (ex, &error), ==, 0);
  g_assert_error (error, ODAN_EXERCISE_ERROR, ODAN_EXERCISE_ERROR_CLOCK);
  g_clear_error (&error);
  test_time_advance (&f->time, 60);
  g_assert_cmpfloat (odan_exercise_get_minute (ex), ==, 30);
  id = odan_exercise_resume (ex, FALSE, &error);
  assert_event (ex, id, ODAN_EVENT_CLOCK, "resume", 30, NULL);
  g_assert_false (odan_event_get_boolean (last_event (ex), "keep-schedule", TRUE));

  /* ×10: six wall minutes are an exercise hour; PV-A lands at T+1h30m */
  id = odan_exercise_set_speed (ex, 10, &error);
  assert_event (ex, id, ODAN_EVENT_CLOCK, "speed", 30, NULL);
  g_assert_cmpint (odan_exercise_set_speed (ex, 61, &error), ==, 0);
  g_assert_error (error, ODAN_EXERCISE_ERROR, ODAN_EXERCISE_ERROR_INVALID);
  g_clear_error (&error);
  test_time_advance (&f->time, 6);
  g_assert_true (odan_exercise_advance (ex, &error));
  e = last_event (ex);
  assert_event (ex, e->id, ODAN_EVENT_MITIGATION, "applied", 90, "PV-A");
  g_assert_cmpint (e->ref, ==, 3);
  g_assert_cmpstr (e->team, ==, "power");

  /* the facilitator moves FIRE from T+2h to T+2h30m, then jumps to T+2h40m */
  id = odan_exercise_reschedule (ex, fire, 150, &error);
  g_assert_no_error (error);
  assert_event (ex, id, ODAN_EVENT_RESCHEDULE, "delay", 90, "FIRE");
  g_assert_cmpfloat (odan_exercise_get_inject_due (ex, fire), ==, 150);
  g_assert_cmpint (odan_exercise_reschedule (ex, fire, 10, &error), ==, 0);
  g_assert_error (error, ODAN_EXERCISE_ERROR, ODAN_EXERCISE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_cmpint (odan_exercise_jump (ex, 60, &error), ==, 0);
  g_assert_error (error, ODAN_EXERCISE_ERROR, ODAN_EXERCISE_ERROR_CLOCK);
  g_clear_error (&error);
  id = odan_exercise_jump (ex, 160, &error);
  g_assert_no_error (error);
  assert_event (ex, id - 1, ODAN_EVENT_DELIVERY, "delayed", 150, "FIRE");
  assert_event (ex, id, ODAN_EVENT_CLOCK, "jump", 160, NULL);
  g_assert_cmpfloat (odan_event_get_double (last_event (ex), "from", 0), ==, 90);
  g_assert_cmpfloat (odan_exercise_get_inject_due (ex, fire), ==, INFINITY);

  /* REPORT early, with the text as delivered; RUMOUR skipped */
  id = odan_exercise_deliver (ex, report, "Report by 16:00, not 17:00.", &error);
  g_assert_no_error (error);
  assert_event (ex, id, ODAN_EVENT_DELIVERY, "early", 160, "REPORT");
  g_assert_cmpstr (odan_event_get_string (last_event (ex), "body"), ==, "Report by 16:00, not 17:00.");
  g_assert_cmpstr (last_event (ex)->actor, ==, "facilitator");
  g_assert_cmpint (odan_exercise_deliver (ex, report, NULL, &error), ==, 0);
  g_assert_error (error, ODAN_EXERCISE_ERROR, ODAN_EXERCISE_ERROR_INVALID);
  g_clear_error (&error);
  id = odan_exercise_skip (ex, rumour, "not needed", &error);
  assert_event (ex, id, ODAN_EVENT_DELIVERY, "skipped", 160, "RUMOUR");
  g_assert_cmpstr (odan_event_get_string (last_event (ex), "reason"), ==, "not needed");

  /* an ad hoc inject with an effect */
  id = odan_exercise_deliver_adhoc (ex, &adhoc, &error);
  g_assert_no_error (error);
  assert_event (ex, id, ODAN_EVENT_DELIVERY, "adhoc", 160, NULL);
  e = last_event (ex);
  g_assert_cmpstr (e->summary, ==, "Water pressure drops at hospital C");
  g_assert_cmpstr (odan_event_get_string (e, "effect"), ==, "set hospital.c 0.5 for 1h");
  adhoc.effect = "set nowhere 0";
  g_assert_cmpint (odan_exercise_deliver_adhoc (ex, &adhoc, &error), ==, 0);
  g_assert_error (error, ODAN_EXERCISE_ERROR, ODAN_EXERCISE_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "nowhere"));
  g_clear_error (&error);
  g_assert_cmpfloat (odan_sim_get_operability (odan_exercise_get_sim (ex),
                                               odan_pack_find_node (pack, "hospital.c")), ==, 0.5);

  /* the pool runs dry: the decision is logged, the mitigation refused */
  d = decision (pack, "power", ODAN_CATEGORY_BUSINESS_CONTINUITY, "Power vehicle to B", "PV-B");
  g_assert_cmpint (odan_exercise_decide (ex, &d, NULL, &error), >, 0);
  g_assert_cmpuint (odan_exercise_get_pool_available (ex, vehicles), ==, 0);
  d = decision (pack, "power", ODAN_CATEGORY_BUSINESS_CONTINUITY, "Power vehicle to C", "PV-C");
  refused = odan_exercise_decide (ex, &d, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (refused, >, 0);
  e = last_event (ex);
  g_assert_cmpstr (odan_event_get_string (e, "mitigation-status"), ==, "refused");
  g_assert_cmpstr (odan_event_get_string (e, "refusal"), ==, "pool-empty");
  g_assert_cmpstr (odan_event_get_string (e, "reason"), ==, "pool “Mobile power vehicles” is empty (all 2 in use)");
  {
    g_autofree char *line = odan_exercise_describe_event (ex, e);

    g_assert_nonnull (strstr (line, "PV-C refused: pool “Mobile power vehicles” is empty"));
  }

  /* a ministry report goes to the ministry of the team's sector unless named */
  d = decision (pack, "medical", ODAN_CATEGORY_MINISTRY_REPORT, "First report", NULL);
  d.stage = ODAN_REPORT_STAGE_INITIAL;
  d.inject = report;
  id = odan_exercise_decide (ex, &d, NULL, &error);
  e = last_event (ex);
  g_assert_cmpstr (odan_event_get_string (e, "ministry"), ==, "厚生労働省");
  g_assert_cmpstr (odan_event_get_string (e, "stage"), ==, "initial");

  /* decisions that do not fit are refused before anything is logged */
  d = decision (pack, "medical", ODAN_CATEGORY_BUSINESS_CONTINUITY, "not ours", "PV-A");
  g_assert_cmpint (odan_exercise_decide (ex, &d, NULL, &error), ==, 0);
  g_assert_error (error, ODAN_EXERCISE_ERROR, ODAN_EXERCISE_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "reserved for team 'power'"));
  g_clear_error (&error);
  d = decision (pack, "medical", ODAN_CATEGORY_OTHER, "  ", NULL);
  g_assert_cmpint (odan_exercise_decide (ex, &d, NULL, &error), ==, 0);
  g_assert_error (error, ODAN_EXERCISE_ERROR, ODAN_EXERCISE_ERROR_INVALID);
  g_clear_error (&error);

  /* an evaluator's observation */
  id = odan_exercise_observe (ex, "Refused vehicle handled calmly", "power", refused, "Evaluator 2", &error);
  g_assert_no_error (error);
  assert_event (ex, id, ODAN_EVENT_OBSERVATION, "note", 160, NULL);
  g_assert_cmpstr (last_event (ex)->actor, ==, "evaluator");
  g_assert_cmpint (last_event (ex)->ref, ==, refused);
  g_assert_cmpint (odan_exercise_observe (ex, "x", NULL, 9999, NULL, &error), ==, 0);
  g_assert_error (error, ODAN_EXERCISE_ERROR, ODAN_EXERCISE_ERROR_INVALID);
  g_clear_error (&error);

  /* nothing left to step to */
  g_assert_cmpint (odan_exercise_step (ex, &error), ==, 0);
  g_assert_error (error, ODAN_EXERCISE_ERROR, ODAN_EXERCISE_ERROR_CLOCK);
  g_clear_error (&error);

  /* PV-B applies at T+3h40m on the way to the end */
  test_time_advance (&f->time, 6);
  id = odan_exercise_end (ex, &error);
  g_assert_no_error (error);
  assert_event (ex, id - 1, ODAN_EVENT_MITIGATION, "applied", 220, "PV-B");
  assert_event (ex, id, ODAN_EVENT_CLOCK, "end", 220, NULL);
  g_assert_true (odan_exercise_has_ended (ex));
  d = decision (pack, "power", ODAN_CATEGORY_OTHER, "after the end", NULL);
  g_assert_cmpint (odan_exercise_decide (ex, &d, NULL, &error), ==, 0);
  g_assert_error (error, ODAN_EXERCISE_ERROR, ODAN_EXERCISE_ERROR_CLOCK);
  g_clear_error (&error);
  /* evaluators may still write */
  g_assert_cmpint (odan_exercise_observe (ex, "Hot wash done", NULL, 0, NULL, &error), ==, id + 1);

  /* every id is one more than the last */
  for (guint i = 0; i < odan_exercise_get_n_events (ex); i++)
    g_assert_cmpint (odan_exercise_get_event (ex, i)->id, ==, (gint64) i + 1);

  /* reopened from the file: the same log, pools, decisions and model */
  again = reopen (f, ODAN_EXERCISE_OPEN_READ_ONLY);
  g_assert_true (odan_exercise_is_read_only (again));
  assert_same_log (ex, again);
  g_assert_true (odan_exercise_has_ended (again));
  g_assert_false (odan_exercise_was_interrupted (again));
  g_assert_cmpuint (odan_exercise_get_pool_available (again, vehicles), ==, 0);
  g_assert_cmpuint (odan_exercise_get_decisions (again)->len, ==, odan_exercise_get_decisions (ex)->len);
  for (double m = 0; m <= 240; m += 10)
    {
      g_autoptr(OdanSim) live = odan_exercise_state_at (ex, m);
      g_autoptr(OdanSim) file = odan_exercise_state_at (again, m);

      test_assert_same_state (live, file);
    }
  test_assert_same_state (odan_exercise_get_sim (ex), odan_exercise_get_sim (again));
  g_assert_cmpint (odan_exercise_observe (again, "read-only", NULL, 0, NULL, &error), ==, 0);
  g_assert_error (error, ODAN_STORE_ERROR, ODAN_STORE_ERROR_READ_ONLY);
}

/* ------------------------------------------------------------------ */
/* Pausing: shifting the schedule, or keeping it */

static void
test_pause_shift (Fixture      *f,
                  gconstpointer data)
{
  g_autoptr(OdanExercise) ex = create (f, "pools", TRUE);
  g_autoptr(GError) error = NULL;
  guint32 fire = odan_pack_find_inject (odan_exercise_get_pack (ex), "FIRE");
  gint64 start_wall, fire_wall;
  const OdanEvent *e;

  odan_exercise_start (ex, ODAN_CLOCK_REALTIME, 1, &error);
  test_time_advance (&f->time, 10);
  odan_exercise_pause (ex, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (odan_exercise_get_event (ex, 1)->subject, ==, "BLACKOUT");
  g_assert_true (odan_wall_time_parse (odan_exercise_get_event (ex, 0)->wall, &start_wall));

  /* 200 minutes of pause, then on: FIRE is still due at T+2h */
  test_time_advance (&f->time, 200);
  odan_exercise_resume (ex, FALSE, &error);
  g_assert_no_error (error);
  g_assert_cmpfloat (odan_exercise_get_minute (ex), ==, 10);
  g_assert_cmpfloat (odan_exercise_get_inject_due (ex, fire), ==, 120);
  test_time_advance (&f->time, 109.5);
  g_assert_true (odan_exercise_advance (ex, &error));
  g_assert_cmpfloat (odan_exercise_get_inject_due (ex, fire), ==, 120);
  test_time_advance (&f->time, 0.5);
  g_assert_true (odan_exercise_advance (ex, &error));
  e = last_event (ex);
  g_assert_cmpstr (e->subject, ==, "FIRE");
  g_assert_cmpstr (odan_event_action_to_string (e), ==, "scheduled");
  g_assert_cmpfloat (e->minute, ==, 120);
  /* in wall time it came 200 minutes later than it would have */
  g_assert_true (odan_wall_time_parse (e->wall, &fire_wall));
  g_assert_cmpint (fire_wall - start_wall, ==, (gint64) (320 * 60) * G_USEC_PER_SEC);
}

static void
test_pause_keep_schedule (Fixture      *f,
                          gconstpointer data)
{
  g_autoptr(OdanExercise) ex = create (f, "pools", TRUE);
  g_autoptr(GError) error = NULL;
  const OdanPack *pack = odan_exercise_get_pack (ex);
  OdanDecision d = decision (pack, "power", ODAN_CATEGORY_BUSINESS_CONTINUITY, "Vehicle to A", "PV-A");
  gint64 resume;
  guint n;

  odan_exercise_start (ex, ODAN_CLOCK_REALTIME, 1, &error);
  test_time_advance (&f->time, 10);
  g_assert_cmpint (odan_exercise_decide (ex, &d, NULL, &error), ==, 3);
  odan_exercise_pause (ex, &error);

  /* a 200-minute pause kept on schedule: exercise time catches up to
   * T+3h30m, delivering what fell due on the way at its own time */
  test_time_advance (&f->time, 200);
  resume = odan_exercise_resume (ex, TRUE, &error);
  g_assert_no_error (error);
  n = odan_exercise_get_n_events (ex);
  assert_event (ex, resume - 2, ODAN_EVENT_MITIGATION, "applied", 70, "PV-A");
  assert_event (ex, resume - 1, ODAN_EVENT_DELIVERY, "scheduled", 120, "FIRE");
  assert_event (ex, resume, ODAN_EVENT_CLOCK, "resume", 210, NULL);
  g_assert_cmpint (odan_exercise_get_event (ex, n - 1)->id, ==, resume);
  g_assert_true (odan_event_get_boolean (last_event (ex), "keep-schedule", FALSE));
  g_assert_cmpfloat (odan_event_get_double (last_event (ex), "from", 0), ==, 10);
  g_assert_cmpfloat (odan_exercise_get_minute (ex), ==, 210);
  test_time_advance (&f->time, 1);
  g_assert_cmpfloat (odan_exercise_get_minute (ex), ==, 211);
}

static void
test_step_mode (Fixture      *f,
                gconstpointer data)
{
  g_autoptr(OdanExercise) ex = create (f, "pools", TRUE);
  g_autoptr(GError) error = NULL;
  gint64 id;

  odan_exercise_start (ex, ODAN_CLOCK_STEP, 1, &error);
  /* wall time does not move a clock that steps */
  test_time_advance (&f->time, 500);
  g_assert_cmpfloat (odan_exercise_get_minute (ex), ==, 0);
  /* what is due now goes out first; then on to the next inject */
  id = odan_exercise_step (ex, &error);
  g_assert_no_error (error);
  assert_event (ex, 2, ODAN_EVENT_DELIVERY, "scheduled", 0, "BLACKOUT");
  assert_event (ex, id - 1, ODAN_EVENT_DELIVERY, "scheduled", 120, "FIRE");
  assert_event (ex, id, ODAN_EVENT_CLOCK, "step", 120, NULL);
  g_assert_cmpfloat (odan_event_get_double (last_event (ex), "from", -1), ==, 0);
  g_assert_cmpint (odan_exercise_set_speed (ex, 2, &error), ==, 0);
  g_assert_error (error, ODAN_EXERCISE_ERROR, ODAN_EXERCISE_ERROR_CLOCK);
  g_clear_error (&error);
  g_assert_true (odan_exercise_advance_to (ex, 200, &error));
  g_assert_cmpfloat (odan_exercise_get_minute (ex), ==, 200);
  g_assert_false (odan_exercise_advance_to (ex, 100, &error));
  g_assert_error (error, ODAN_EXERCISE_ERROR, ODAN_EXERCISE_ERROR_CLOCK);
  g_clear_error (&error);
  g_assert_cmpfloat (odan_exercise_get_next_due (ex), ==, 360);
  id = odan_exercise_step (ex, &error);
  assert_event (ex, id - 1, ODAN_EVENT_DELIVERY, "scheduled", 360, "REPORT");
  assert_event (ex, id, ODAN_EVENT_CLOCK, "step", 360, NULL);
}

/* The cause chain as the console shows it: water at 10 % seven hours into
 * the example's blackout, because its backup ran out, because INJ-01 cut
 * the power (the spec's worked example, played through an exercise). */
static void
test_explain (Fixture      *f,
              gconstpointer data)
{
  g_autoptr(OdanExercise) ex = create (f, "example", FALSE);
  g_autoptr(GError) error = NULL;
  const OdanPack *pack = odan_exercise_get_pack (ex);
  guint32 water = odan_pack_find_node (pack, "water.tokyo");
  guint32 hospital = odan_pack_find_node (pack, "hospital.tokyo");
  g_autofree char *chain = NULL;
  g_autofree char *normal = NULL;

  odan_exercise_start (ex, ODAN_CLOCK_STEP, 1, &error);
  g_assert_no_error (error);
  g_assert_true (odan_exercise_advance_to (ex, 7 * 60, &error));
  g_assert_no_error (error);

  chain = odan_exercise_explain (ex, water);
  g_assert_nonnull (strstr (chain, "water.tokyo"));
  g_assert_nonnull (strstr (chain, "10%"));
  g_assert_nonnull (strstr (chain, "T+6h"));
  g_assert_nonnull (strstr (chain, "← power.kanto"));
  g_assert_nonnull (strstr (chain, "INJ-01"));
  g_assert_nonnull (strstr (chain, "set power.kanto 0 for 10h"));

  normal = odan_exercise_explain (ex, hospital);
  g_assert_nonnull (strstr (normal, "operating normally"));

  /* the worked example's water: 1 → 0.1 at minute 360; then, once power is
   * back at 600 and the 60 min restart is over, 0.1 → 1 at 660 */
  g_assert_true (odan_exercise_advance_to (ex, 12 * 60, &error));
  g_autoptr(GArray) history = odan_exercise_node_history (ex, water);
  g_assert_cmpuint (history->len, ==, 2);
  g_assert_cmpfloat (g_array_index (history, OdanChange, 0).time, ==, 360);
  g_assert_cmpfloat_with_epsilon (g_array_index (history, OdanChange, 0).value, 0.1, 1e-12);
  g_assert_cmpfloat (g_array_index (history, OdanChange, 1).time, ==, 660);
  g_assert_cmpfloat (g_array_index (history, OdanChange, 1).value, ==, 1.0);
  g_autoptr(GArray) none = odan_exercise_node_history (ex, hospital);
  g_assert_cmpuint (none->len, ==, 0);
}

/* ------------------------------------------------------------------ */
/* Replay: the state rebuilt from the log is the state shown live */

typedef struct {
  double  minute;
  guint   n_events;     /* the log's length when it was shown */
  GArray *values;
} Snapshot;

static void
snapshot_clear (Snapshot *s)
{
  g_array_unref (s->values);
}

static void
take_snapshot (OdanExercise *ex,
               GArray       *snapshots)
{
  Snapshot s = { odan_exercise_get_minute (ex), odan_exercise_get_n_events (ex),
                 test_operabilities (odan_exercise_get_sim (ex)) };

  g_array_append_val (snapshots, s);
}

static void
assert_same_values (guint   i,
                    double  minute,
                    GArray *values,
                    GArray *expected)
{
  for (guint n = 0; n < values->len; n++)
    if (g_array_index (values, double, n) != g_array_index (expected, double, n))
      g_error ("snapshot %u at minute %.17g: node %u is %.17g rebuilt, %.17g live", i, minute, n,
               g_array_index (values, double, n), g_array_index (expected, double, n));
}

/* Each snapshot equals the log replayed to its length and time; and the
 * plain state at its time once no later event shares that time. */
static guint
assert_snapshots (OdanExercise *ex,
                  GArray       *snapshots)
{
  guint n_at = 0;

  for (guint i = 0; i < snapshots->len; i++)
    {
      const Snapshot *s = &g_array_index (snapshots, Snapshot, i);
      g_autoptr(OdanSim) sim = odan_exercise_state_after (ex, s->n_events, s->minute);
      g_autoptr(GArray) values = test_operabilities (sim);
      gboolean last_at_minute = s->n_events == odan_exercise_get_n_events (ex)
                                || odan_exercise_get_event (ex, s->n_events)->minute > s->minute;

      assert_same_values (i, s->minute, values, s->values);
      if (last_at_minute)
        {
          g_autoptr(OdanSim) at = odan_exercise_state_at (ex, s->minute);
          g_autoptr(GArray) at_values = test_operabilities (at);

          assert_same_values (i, s->minute, at_values, s->values);
          n_at++;
        }
    }
  return n_at;
}

static void
test_replay_equals_live (Fixture      *f,
                         gconstpointer data)
{
  g_autoptr(OdanExercise) ex = create (f, "pools", TRUE);
  g_autoptr(OdanExercise) again = NULL;
  g_autoptr(GArray) snapshots = g_array_new (FALSE, FALSE, sizeof (Snapshot));
  g_autoptr(GRand) rand = g_rand_new_with_seed (20151208);
  g_autoptr(GError) error = NULL;
  const OdanPack *pack = odan_exercise_get_pack (ex);
  static const struct { const char *team, *mitigation; } choices[] = {
    { "power", "PV-A" }, { "power", "PV-B" }, { "petroleum", "FUEL-A" }, { "petroleum", "QUICK" },
    { "medical", NULL }, { "petroleum", "FUEL-B" }, { "power", "PV-C" }, { "petroleum", "QUICK" },
  };
  guint next_choice = 0;

  g_array_set_clear_func (snapshots, (GDestroyNotify) snapshot_clear);
  odan_exercise_start (ex, ODAN_CLOCK_REALTIME, 60, &error);
  g_assert_no_error (error);
  take_snapshot (ex, snapshots);

  /* 40 ticks of random length; decisions now and then; a pause with a
   * decision whose mitigation lands on the very instant the screen shows */
  for (guint tick = 0; tick < 40; tick++)
    {
      test_time_advance (&f->time, g_rand_double_range (rand, 0.05, 1.5));
      g_assert_true (odan_exercise_advance (ex, &error));
      g_assert_no_error (error);
      take_snapshot (ex, snapshots);

      if (g_rand_int_range (rand, 0, 4) == 0 && next_choice < G_N_ELEMENTS (choices))
        {
          OdanDecision d = decision (pack, choices[next_choice].team, ODAN_CATEGORY_BUSINESS_CONTINUITY,
                                     "a decision", choices[next_choice].mitigation);

          d.bcp = choices[next_choice].mitigation == NULL;   /* BCP activation alone */

          g_assert_cmpint (odan_exercise_decide (ex, &d, NULL, &error), >, 0);
          g_assert_no_error (error);
          next_choice++;
          take_snapshot (ex, snapshots);
        }
      if (tick == 20)
        {
          OdanDecision d = decision (pack, "petroleum", ODAN_CATEGORY_BUSINESS_CONTINUITY,
                                     "stop loading now", "QUICK");

          odan_exercise_pause (ex, &error);
          take_snapshot (ex, snapshots);          /* the sim has run to this instant */
          g_assert_cmpint (odan_exercise_decide (ex, &d, NULL, &error), >, 0);
          g_assert_no_error (error);
          take_snapshot (ex, snapshots);          /* QUICK applies at this same instant */
          test_time_advance (&f->time, 30);
          odan_exercise_resume (ex, FALSE, &error);
          take_snapshot (ex, snapshots);
        }
    }
  g_assert_cmpuint (odan_exercise_get_n_events (ex), >, 15);

  /* most snapshots were taken with every event of their minute in */
  g_assert_cmpuint (assert_snapshots (ex, snapshots), >, snapshots->len / 2);
  g_clear_object (&ex);
  again = reopen (f, ODAN_EXERCISE_OPEN_READ_ONLY);
  assert_snapshots (again, snapshots);
}

/* Played through the exercise or simulated in one go, the example pack
 * with its decisions gives the same model at every time. */
static void
test_replay_equals_simulate (Fixture      *f,
                             gconstpointer data)
{
  g_autoptr(OdanExercise) ex = create (f, "example", FALSE);
  g_autofree char *csv = test_fixture_path ("example-decisions.csv");
  g_autoptr(GError) error = NULL;
  const OdanPack *pack = odan_exercise_get_pack (ex);
  g_autoptr(GArray) decisions = odan_decisions_load (csv, pack, NULL, &error);
  g_autoptr(OdanSim) sim = odan_sim_new (pack);

  g_assert_no_error (error);
  odan_exercise_start (ex, ODAN_CLOCK_STEP, 1, &error);
  odan_exercise_plan_decisions (ex, decisions);
  g_assert_true (odan_exercise_advance_to (ex, pack->duration, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (odan_exercise_get_decisions (ex)->len, ==, decisions->len);

  /* what `odan-cli simulate --decisions` schedules */
  odan_sim_schedule_injects (sim);
  for (guint i = 0; i < decisions->len; i++)
    {
      const OdanDecision *d = &g_array_index (decisions, OdanDecision, i);
      OdanOrigin origin = { ODAN_ORIGIN_MITIGATION, d->mitigation, i };

      if (d->mitigation != ODAN_NONE)
        odan_sim_schedule (sim, d->time + pack->mitigations[d->mitigation].delay,
                           pack->mitigations[d->mitigation].effects, &origin);
    }
  for (double m = 0; m <= pack->duration; m += 7.5)
    {
      g_autoptr(OdanSim) replayed = odan_exercise_state_at (ex, m);

      odan_sim_run_until (sim, m, NULL, NULL);
      test_assert_same_state (replayed, sim);
    }
}

/* ------------------------------------------------------------------ */
/* Pools in a headless run */

static void
test_pool_exhaustion (Fixture      *f,
                      gconstpointer data)
{
  g_autoptr(OdanExercise) ex = create (f, "pools", TRUE);
  g_autoptr(OdanExercise) again = NULL;
  g_autofree char *csv = test_fixture_path ("pools-decisions.csv");
  g_autoptr(GError) error = NULL;
  const OdanPack *pack = odan_exercise_get_pack (ex);
  g_autoptr(GArray) decisions = odan_decisions_load (csv, pack, NULL, &error);
  guint n_refused = 0, n_applied = 0;
  g_autoptr(OdanSim) at_11h = NULL;

  odan_exercise_start (ex, ODAN_CLOCK_STEP, 1, &error);
  odan_exercise_plan_decisions (ex, decisions);
  g_assert_true (odan_exercise_advance_to (ex, 12 * 60, &error));
  g_assert_no_error (error);

  for (guint i = 0; i < odan_exercise_get_n_events (ex); i++)
    {
      const OdanEvent *e = odan_exercise_get_event (ex, i);

      if (e->kind == ODAN_EVENT_DECISION && g_strcmp0 (odan_event_get_string (e, "mitigation-status"), "refused") == 0)
        {
          n_refused++;
          g_assert_true (g_strcmp0 (e->subject, "PV-C") == 0 || g_strcmp0 (e->subject, "FUEL-B") == 0);
        }
      if (e->kind == ODAN_EVENT_MITIGATION)
        {
          n_applied++;
          g_assert_true (g_strcmp0 (e->subject, "PV-C") != 0 && g_strcmp0 (e->subject, "FUEL-B") != 0);
        }
    }
  g_assert_cmpuint (n_refused, ==, 2);
  g_assert_cmpuint (n_applied, ==, 3);
  g_assert_cmpuint (odan_exercise_get_decisions (ex)->len, ==, 9);
  g_assert_cmpuint (odan_exercise_get_pool_available (ex, odan_pack_find_pool (pack, "power-vehicles")), ==, 0);
  g_assert_cmpuint (odan_exercise_get_pool_available (ex, odan_pack_find_pool (pack, "fuel-trucks")), ==, 1);

  /* hospitals A and B hold on their vehicles; C's generator ran out at 10 h */
  at_11h = odan_exercise_state_at (ex, 11 * 60);
  g_assert_cmpfloat (odan_sim_get_operability (at_11h, odan_pack_find_node (pack, "hospital.a")), ==, 1);
  g_assert_cmpfloat (odan_sim_get_operability (at_11h, odan_pack_find_node (pack, "hospital.b")), ==, 1);
  g_assert_cmpfloat_with_epsilon (odan_sim_get_operability (at_11h, odan_pack_find_node (pack, "hospital.c")), 0.2, 1e-12);

  g_clear_object (&ex);
  again = reopen (f, ODAN_EXERCISE_OPEN_DEFAULT);
  pack = odan_exercise_get_pack (again);
  g_assert_cmpuint (odan_exercise_get_pool_available (again, odan_pack_find_pool (pack, "power-vehicles")), ==, 0);
  g_assert_cmpuint (odan_exercise_get_pool_available (again, odan_pack_find_pool (pack, "fuel-trucks")), ==, 1);
}

/* Planning the same decisions again after reopening applies none twice. */
static void
test_plan_resume (Fixture      *f,
                  gconstpointer data)
{
  g_autoptr(OdanExercise) ex = create (f, "pools", TRUE);
  g_autofree char *csv = test_fixture_path ("pools-decisions.csv");
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) decisions = odan_decisions_load (csv, odan_exercise_get_pack (ex), NULL, &error);

  odan_exercise_start (ex, ODAN_CLOCK_STEP, 1, &error);
  odan_exercise_plan_decisions (ex, decisions);
  /* up to the first of the two identical rows at T+7h */
  g_assert_true (odan_exercise_advance_to (ex, 410, &error));
  g_assert_cmpuint (odan_exercise_get_decisions (ex)->len, ==, 7);
  g_clear_object (&ex);

  ex = reopen (f, ODAN_EXERCISE_OPEN_WRITE);
  g_assert_true (odan_exercise_was_interrupted (ex));
  g_assert_cmpfloat (odan_exercise_get_minute (ex), ==, 390);
  odan_exercise_plan_decisions (ex, decisions);
  g_assert_cmpfloat (odan_exercise_get_next_due (ex), ==, 420);
  odan_exercise_resume (ex, FALSE, &error);
  g_assert_true (odan_exercise_advance_to (ex, 2880, &error));
  g_assert_no_error (error);
  /* both identical rows, each once */
  g_assert_cmpuint (odan_exercise_get_decisions (ex)->len, ==, 9);

  g_clear_object (&ex);
  ex = reopen (f, ODAN_EXERCISE_OPEN_WRITE);
  odan_exercise_plan_decisions (ex, decisions);
  g_assert_cmpfloat (odan_exercise_get_next_due (ex), ==, INFINITY);
}

/* ------------------------------------------------------------------ */
/* Opening */

static void
test_open_pack_mismatch (Fixture      *f,
                         gconstpointer data)
{
  g_autoptr(OdanExercise) ex = create (f, "pools", TRUE);
  g_autofree char *example = test_scenario_path ("example");
  g_autofree char *pools = test_fixture_path ("pools");
  g_autoptr(GError) error = NULL;
  g_autoptr(OdanExercise) other = NULL;

  g_clear_object (&ex);
  other = odan_exercise_open (f->path, example, ODAN_EXERCISE_OPEN_CREATE, &error);
  g_assert_null (other);
  g_assert_error (error, ODAN_EXERCISE_ERROR, ODAN_EXERCISE_ERROR_PACK);
  g_assert_nonnull (strstr (error->message, "another version of the pack"));
  g_clear_error (&error);

  other = odan_exercise_open (f->path, pools, ODAN_EXERCISE_OPEN_CREATE, &error);
  g_assert_no_error (error);
  g_assert_nonnull (other);
}

static void
test_open_read_only_second (Fixture      *f,
                            gconstpointer data)
{
  g_autoptr(OdanExercise) writer = create (f, "pools", TRUE);
  g_autoptr(OdanExercise) reader = NULL;
  g_autoptr(OdanExercise) refused = NULL;
  g_autoptr(GError) error = NULL;

  odan_exercise_start (writer, ODAN_CLOCK_STEP, 1, &error);
  reader = odan_exercise_open (f->path, NULL, ODAN_EXERCISE_OPEN_DEFAULT, &error);
  g_assert_no_error (error);
  g_assert_true (odan_exercise_is_read_only (reader));
  g_assert_cmpint (odan_store_get_access (odan_exercise_get_store (reader)), ==, ODAN_STORE_ACCESS_LOCKED);
  g_assert_cmpuint (odan_exercise_get_n_events (reader), ==, 1);
  g_assert_cmpint (odan_exercise_pause (reader, &error), ==, 0);
  g_assert_error (error, ODAN_STORE_ERROR, ODAN_STORE_ERROR_READ_ONLY);
  g_clear_error (&error);

  refused = odan_exercise_open (f->path, NULL, ODAN_EXERCISE_OPEN_WRITE, &error);
  g_assert_null (refused);
  g_assert_error (error, ODAN_STORE_ERROR, ODAN_STORE_ERROR_LOCKED);
  g_clear_error (&error);

  /* the writer goes on, undisturbed: BLACKOUT (due now), then the pause */
  g_assert_cmpint (odan_exercise_pause (writer, &error), ==, 3);
  g_assert_no_error (error);
}

static void
test_open_empty (Fixture      *f,
                 gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(OdanExercise) ex = NULL;
  g_autofree char *pools = test_fixture_path ("pools");

  g_assert_true (g_file_set_contents (f->path, "", 0, NULL));
  ex = odan_exercise_open (f->path, NULL, ODAN_EXERCISE_OPEN_DEFAULT, &error);
  g_assert_null (ex);
  g_assert_error (error, ODAN_STORE_ERROR, ODAN_STORE_ERROR_EMPTY);
  g_clear_error (&error);

  /* creation picks up where an interrupted creation stopped */
  ex = odan_exercise_open (f->path, pools, ODAN_EXERCISE_OPEN_CREATE, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (odan_exercise_get_pack (ex)->id, ==, "pools-test");
}

/* Logs that contradict their pack or themselves are refused by name. */
static void
append_raw (const char    *path,
            OdanEventKind  kind,
            const char    *action,
            double         minute,
            const char    *subject)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(OdanStore) store = odan_sqlite_store_open (path, ODAN_SQLITE_STORE_OPEN_REQUIRE_WRITE, &error);
  g_autoptr(OdanEvent) event = odan_event_new_from_words (odan_event_kind_to_string (kind), action, minute, NULL);

  g_assert_no_error (error);
  event->wall = g_strdup ("2015-12-08T09:00:00.000+09:00");
  event->actor = g_strdup ("system");
  event->subject = g_strdup (subject);
  g_assert_true (odan_store_append_event (store, event, &error));
}

static void
test_open_inconsistent (Fixture      *f,
                        gconstpointer data)
{
  static const struct {
    OdanEventKind kind;
    const char   *action;
    double        minute;
    const char   *subject;
    const char   *words;
  } cases[] = {
    { ODAN_EVENT_DELIVERY, "scheduled", 5, "NOPE", "not in the pack" },
    { ODAN_EVENT_DELIVERY, "scheduled", 5, "BLACKOUT", "delivered or skipped before" },
    { ODAN_EVENT_MITIGATION, "applied", 5, "PV-A", "no decision is waiting" },
    { ODAN_EVENT_OBSERVATION, "note", 1, NULL, "comes before the event above it" },
    { ODAN_EVENT_CLOCK, "start", 5, NULL, "starts twice" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(OdanExercise) ex = create (f, "pools", TRUE);
      g_autoptr(GError) error = NULL;

      odan_exercise_start (ex, ODAN_CLOCK_STEP, 1, &error);
      g_assert_true (odan_exercise_advance_to (ex, 3, &error));
      odan_exercise_pause (ex, &error);
      g_clear_object (&ex);

      append_raw (f->path, cases[i].kind, cases[i].action, cases[i].minute, cases[i].subject);
      ex = odan_exercise_open (f->path, NULL, ODAN_EXERCISE_OPEN_READ_ONLY, &error);
      g_assert_null (ex);
      g_assert_error (error, ODAN_EXERCISE_ERROR, ODAN_EXERCISE_ERROR_INCONSISTENT);
      g_assert_nonnull (strstr (error->message, "event 4"));
      if (strstr (error->message, cases[i].words) == NULL)
        g_error ("“%s” does not say “%s”", error->message, cases[i].words);
      g_unlink (f->path);
    }
}

/* A writer that stopped without pausing reopens paused at its last event. */
static void
test_open_interrupted (Fixture      *f,
                       gconstpointer data)
{
  g_autoptr(OdanExercise) ex = create (f, "pools", TRUE);
  g_autoptr(GError) error = NULL;

  odan_exercise_start (ex, ODAN_CLOCK_REALTIME, 10, &error);
  test_time_advance (&f->time, 13);      /* T+2h10m: BLACKOUT and FIRE are due */
  g_assert_true (odan_exercise_advance (ex, &error));
  g_assert_cmpfloat (last_event (ex)->minute, ==, 120);
  g_clear_object (&ex);                  /* no pause: as if the laptop closed */

  test_time_advance (&f->time, 45);
  ex = reopen (f, ODAN_EXERCISE_OPEN_WRITE);
  g_assert_true (odan_exercise_was_interrupted (ex));
  g_assert_false (odan_clock_get_running (odan_exercise_get_clock (ex)));
  g_assert_cmpfloat (odan_exercise_get_minute (ex), ==, 120);
  g_assert_cmpint (odan_exercise_resume (ex, FALSE, &error), ==, 4);
  g_assert_false (odan_exercise_was_interrupted (ex));
  test_time_advance (&f->time, 1);
  g_assert_cmpfloat (odan_exercise_get_minute (ex), ==, 130);
}

/* Resuming an interrupted real-time exercise on the original schedule:
 * exercise time is where the running clock would be now. */
static void
test_open_interrupted_keep (Fixture      *f,
                            gconstpointer data)
{
  g_autoptr(OdanExercise) ex = create (f, "pools", TRUE);
  g_autoptr(GError) error = NULL;
  gint64 id;

  odan_exercise_start (ex, ODAN_CLOCK_REALTIME, 10, &error);
  test_time_advance (&f->time, 13);      /* T+2h10m; the last event is FIRE at T+2h */
  g_assert_true (odan_exercise_advance (ex, &error));
  g_clear_object (&ex);

  test_time_advance (&f->time, 10);      /* the clock would read T+3h50m */
  ex = reopen (f, ODAN_EXERCISE_OPEN_WRITE);
  g_assert_cmpfloat (odan_exercise_get_minute (ex), ==, 120);
  id = odan_exercise_resume (ex, TRUE, &error);
  g_assert_no_error (error);
  assert_event (ex, id, ODAN_EVENT_CLOCK, "resume", 230, NULL);
}

/* The one mapping from events to the simulator's schedule, on a hand-made
 * log: what each event schedules, and a sim run from the steps equals one
 * scheduled by hand as the exercise and the counterfactual did. */
static OdanEvent *
replay_event (gint64         id,
              OdanEventKind  kind,
              const char    *action,
              double         minute,
              const char    *subject,
              gint64         ref,
              const char    *effect)
{
  GVariant *details = NULL;
  OdanEvent *event;

  if (effect != NULL)
    {
      GVariantBuilder builder;

      g_variant_builder_init (&builder, G_VARIANT_TYPE_VARDICT);
      g_variant_builder_add (&builder, "{sv}", ODAN_EVENT_KEY_EFFECT, g_variant_new_string (effect));
      details = g_variant_builder_end (&builder);
    }
  event = odan_event_new_from_words (odan_event_kind_to_string (kind), action, minute, details);
  event->id = id;
  event->subject = g_strdup (subject);
  event->ref = ref;
  return event;
}

static void
test_replay_steps (void)
{
  g_autofree char *dir = test_fixture_path ("pools");
  g_autoptr(GError) error = NULL;
  g_autoptr(OdanPack) pack = odan_pack_load (dir, NULL, &error);
  g_autoptr(OdanReplay) replay = NULL;
  g_autoptr(OdanReplay) msel = NULL;
  g_autoptr(GPtrArray) log = g_ptr_array_new_with_free_func ((GDestroyNotify) odan_event_free);
  g_autoptr(OdanEvent) bad = NULL;
  guint32 blackout, pv_a, quick;
  OdanSim *by_steps, *by_hand, *plan, *simulate;

  g_assert_no_error (error);
  blackout = odan_pack_find_inject (pack, "BLACKOUT");
  pv_a = odan_pack_find_mitigation (pack, "PV-A");
  quick = odan_pack_find_mitigation (pack, "QUICK");
  g_ptr_array_add (log, replay_event (1, ODAN_EVENT_CLOCK, "start", 0, NULL, 0, NULL));
  g_ptr_array_add (log, replay_event (2, ODAN_EVENT_DELIVERY, "scheduled", 0, "BLACKOUT", 0, NULL));
  g_ptr_array_add (log, replay_event (3, ODAN_EVENT_DELIVERY, "skipped", 120, "FIRE", 0, NULL));
  g_ptr_array_add (log, replay_event (4, ODAN_EVENT_DELIVERY, "adhoc", 130, NULL, 0, "set depot 0.5 for 1h"));
  g_ptr_array_add (log, replay_event (5, ODAN_EVENT_DELIVERY, "adhoc", 131, NULL, 0, ""));
  g_ptr_array_add (log, replay_event (6, ODAN_EVENT_DECISION, "other", 140, "QUICK", 0, NULL));
  g_ptr_array_add (log, replay_event (7, ODAN_EVENT_DECISION, "business-continuity", 140, "PV-A", 0, NULL));
  g_ptr_array_add (log, replay_event (8, ODAN_EVENT_MITIGATION, "applied", 140, "QUICK", 6, NULL));
  g_ptr_array_add (log, replay_event (9, ODAN_EVENT_DELIVERY, "adhoc", 150, NULL, 0, "floor grid 0.2 for 2h"));
  g_ptr_array_add (log, replay_event (10, ODAN_EVENT_MITIGATION, "applied", 200, "PV-A", 7, NULL));
  g_ptr_array_add (log, replay_event (11, ODAN_EVENT_DELIVERY, "forwarded", 210, "BLACKOUT", 7, NULL));
  g_ptr_array_add (log, replay_event (12, ODAN_EVENT_MITIGATION, "applied", 220, "NOTE", 6, NULL));

  replay = odan_replay_new (pack);
  for (guint i = 0; i < log->len; i++)
    {
      g_assert_true (odan_replay_add (replay, g_ptr_array_index (log, i), &error));
      g_assert_no_error (error);
    }
  g_assert_cmpuint (odan_replay_get_n_steps (replay), ==, log->len);
  {
    static const struct {
      guint          event;
      gboolean       effects;
      OdanOriginKind kind;
      guint32        decision;
    } want[] = {
      { 0, FALSE }, { 1, TRUE, ODAN_ORIGIN_INJECT, ODAN_NONE }, { 2, FALSE }, { 3, TRUE, ODAN_ORIGIN_ADHOC, ODAN_NONE },
      { 4, FALSE }, { 5, FALSE }, { 6, FALSE }, { 7, TRUE, ODAN_ORIGIN_MITIGATION, 0 },
      { 8, TRUE, ODAN_ORIGIN_ADHOC, ODAN_NONE }, { 9, TRUE, ODAN_ORIGIN_MITIGATION, 1 }, { 10, FALSE },
      { 11, FALSE, ODAN_ORIGIN_MITIGATION, 0 },   /* NOTE has no effects */
    };

    for (guint i = 0; i < G_N_ELEMENTS (want); i++)
      {
        const OdanReplayStep *step = odan_replay_get_step (replay, want[i].event);

        g_assert_cmpfloat (step->minute, ==, ((OdanEvent *) g_ptr_array_index (log, i))->minute);
        g_assert_cmpint (step->effects != NULL, ==, want[i].effects);
        if (want[i].effects || want[i].kind == ODAN_ORIGIN_MITIGATION)
          {
            g_assert_cmpint (step->origin.kind, ==, want[i].kind);
            g_assert_cmpuint (step->origin.decision, ==, want[i].decision);
          }
      }
  }
  /* borrowed from the pack; ad hoc effects numbered over every ad hoc delivery */
  g_assert_true (odan_replay_get_step (replay, 1)->effects == pack->injects[blackout].effects);
  g_assert_cmpuint (odan_replay_get_step (replay, 1)->origin.index, ==, blackout);
  g_assert_cmpuint (odan_replay_get_step (replay, 3)->origin.index, ==, 0);
  g_assert_cmpuint (odan_replay_get_step (replay, 8)->origin.index, ==, 2);
  g_assert_true (odan_replay_get_step (replay, 7)->effects == pack->mitigations[quick].effects);
  g_assert_true (odan_replay_get_step (replay, 9)->effects == pack->mitigations[pv_a].effects);

  /* an effect text that does not read refuses the event and adds no step */
  bad = replay_event (13, ODAN_EVENT_DELIVERY, "adhoc", 230, NULL, 0, "set nowhere 0");
  g_assert_false (odan_replay_add (replay, bad, &error));
  g_assert_nonnull (error);
  g_assert_cmpuint (odan_replay_get_n_steps (replay), ==, log->len);

  /* the steps run as the exercise did: each scheduled after running to
   * just before its minute */
  by_steps = odan_sim_new (pack);
  odan_replay_run (replay, by_steps, G_MAXUINT, 600, NULL, NULL);
  by_hand = odan_sim_new (pack);
  for (guint i = 0; i < odan_replay_get_n_steps (replay); i++)
    {
      const OdanReplayStep *step = odan_replay_get_step (replay, i);

      if (step->effects == NULL)
        continue;
      odan_sim_run_until (by_hand, nextafter (step->minute, -INFINITY), NULL, NULL);
      odan_sim_schedule (by_hand, step->minute, step->effects, &step->origin);
    }
  odan_sim_run_until (by_hand, 600, NULL, NULL);
  for (guint32 n = 0; n < pack->n_nodes; n++)
    {
      g_assert_cmpfloat (odan_sim_get_operability (by_steps, n), ==, odan_sim_get_operability (by_hand, n));
      g_assert_cmpfloat (odan_sim_get_since (by_steps, n), ==, odan_sim_get_since (by_hand, n));
    }
  /* PV-A keeps hospital A up although the grid is down */
  g_assert_cmpfloat (odan_sim_get_operability (by_steps, odan_pack_find_node (pack, "hospital.a")), ==, 1.0);

  /* the plan alone is what `odan-cli simulate` schedules */
  msel = odan_replay_new_msel (pack);
  plan = odan_sim_new (pack);
  simulate = odan_sim_new (pack);
  odan_sim_schedule_injects (simulate);
  for (double m = 0; m <= 2 * 1440; m += 30)
    {
      odan_replay_run (msel, plan, G_MAXUINT, m, NULL, NULL);
      odan_sim_run_until (simulate, m, NULL, NULL);
      for (guint32 n = 0; n < pack->n_nodes; n++)
        g_assert_cmpfloat (odan_sim_get_operability (plan, n), ==, odan_sim_get_operability (simulate, n));
      odan_sim_free (plan);
      plan = odan_sim_new (pack);
    }
  odan_sim_free (plan);
  odan_sim_free (simulate);
  odan_sim_free (by_steps);
  odan_sim_free (by_hand);
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/exercise/pack/from-files", test_pack_from_files);
  g_test_add_func ("/exercise/pack/pools", test_pack_pools);
  g_test_add_func ("/exercise/pack/pool-errors", test_pack_pool_errors);
  g_test_add_func ("/exercise/decisions/details", test_decision_details);
  g_test_add ("/exercise/decisions/details-errors", Fixture, NULL, fixture_setup, test_decision_details_errors, fixture_teardown);
  g_test_add_func ("/exercise/clock/alone", test_clock);
  g_test_add ("/exercise/events/every-kind", Fixture, NULL, fixture_setup, test_every_kind, fixture_teardown);
  g_test_add ("/exercise/clock/pause-shifts", Fixture, NULL, fixture_setup, test_pause_shift, fixture_teardown);
  g_test_add ("/exercise/clock/pause-keeps-schedule", Fixture, NULL, fixture_setup, test_pause_keep_schedule, fixture_teardown);
  g_test_add ("/exercise/clock/step", Fixture, NULL, fixture_setup, test_step_mode, fixture_teardown);
  g_test_add ("/exercise/replay/equals-live", Fixture, NULL, fixture_setup, test_replay_equals_live, fixture_teardown);
  g_test_add ("/exercise/explain/chain", Fixture, NULL, fixture_setup, test_explain, fixture_teardown);
  g_test_add_func ("/exercise/replay/steps", test_replay_steps);
  g_test_add ("/exercise/replay/equals-simulate", Fixture, NULL, fixture_setup, test_replay_equals_simulate, fixture_teardown);
  g_test_add ("/exercise/pools/exhaustion", Fixture, NULL, fixture_setup, test_pool_exhaustion, fixture_teardown);
  g_test_add ("/exercise/plan/resume", Fixture, NULL, fixture_setup, test_plan_resume, fixture_teardown);
  g_test_add ("/exercise/open/pack-mismatch", Fixture, NULL, fixture_setup, test_open_pack_mismatch, fixture_teardown);
  g_test_add ("/exercise/open/second-reads-only", Fixture, NULL, fixture_setup, test_open_read_only_second, fixture_teardown);
  g_test_add ("/exercise/open/empty", Fixture, NULL, fixture_setup, test_open_empty, fixture_teardown);
  g_test_add ("/exercise/open/inconsistent", Fixture, NULL, fixture_setup, test_open_inconsistent, fixture_teardown);
  g_test_add ("/exercise/open/interrupted", Fixture, NULL, fixture_setup, test_open_interrupted, fixture_teardown);
  g_test_add ("/exercise/open/interrupted-keep-schedule", Fixture, NULL, fixture_setup, test_open_interrupted_keep, fixture_teardown);

  return g_test_run ();
}

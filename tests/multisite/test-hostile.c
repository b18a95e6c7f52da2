/* test-hostile.c — a team or an evaluator that tries to break the exercise
 *
 * Starts its own server (odan-pg-fixture.c) and plays ceptoar-drill on it.
 * Every case connects with a member's login the way any program holding
 * its password could (raw libpq, not Odan), tries an attack, and asserts
 * the refusal (its SQLSTATE) and that every honest client — the owner, the
 * facilitator, the evaluator and two teams — then reads the whole log
 * exactly as before: the same events, nothing left out. The attacks are
 * those of issue 15 (an unreadable or self-contradicting row, a forged
 * forward, the facilitator's claim, a stalled transaction, shared roles,
 * reading the roles) and generic ones: garbage and oversize values in
 * every parameter of every function a role may call, and INSERT, UPDATE,
 * DELETE and TRUNCATE on every table. Rows that get past the server some
 * other way (written as the owner) are left out by clients, who say so.
 */
#include <glib/gstdio.h>
#include <libpq-fe.h>
#include <string.h>

#include "odan-decisions.h"
#include "odan-exercise.h"
#include "odan-pg-fixture.h"
#include "odan-pg-store.h"
#include "odan-test-env.h"

static OdanPgFixture *server;
static const char *skip_reason;

#define NEED_SERVER() G_STMT_START { if (server == NULL) { odan_test_missing ("PostgreSQL", skip_reason); return; } } G_STMT_END

static const char *const tables[] = {
  "events", "recipients", "members", "meta", "pack_files", "log_head", "writer", "names", "choices",
  "member_keys", "schema_version", "inbox",
};

static void
sql_as_owner (const char *db,
              const char *sql)
{
  g_autoptr(GError) error = NULL;

  odan_pg_fixture_sql (server, db, sql, &error);
  g_assert_no_error (error);
}

/* ceptoar-drill in @db, started and played for two hours, as its owner. */
static OdanExercise *
new_drill (const char *db)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *conninfo = odan_pg_fixture_conninfo (server, "odan", db);
  g_autofree char *create = g_strdup_printf ("CREATE DATABASE \"%s\"", db);
  const char *root = g_getenv ("ODAN_SCENARIOS");
  g_autofree char *pack = g_build_filename (root != NULL ? root : ODAN_SOURCE_SCENARIOS, "ceptoar-drill", NULL);
  OdanExercise *exercise;

  sql_as_owner ("postgres", create);
  exercise = odan_exercise_open (conninfo, pack, ODAN_EXERCISE_OPEN_CREATE, &error);
  g_assert_no_error (error);
  odan_exercise_start (exercise, ODAN_CLOCK_STEP, 1.0, &error);
  g_assert_no_error (error);
  odan_exercise_advance_to (exercise, 120, &error);
  g_assert_no_error (error);
  return exercise;
}

static PGconn *
raw_as (const char *db,
        const char *role)
{
  g_autofree char *conninfo = odan_pg_fixture_conninfo (server, role, db);
  PGconn *conn = PQconnectdb (conninfo);

  g_assert_cmpint (PQstatus (conn), ==, CONNECTION_OK);
  return conn;
}

/* The SQLSTATE of @sql ("" when it succeeded). */
static char *
attempt (PGconn     *conn,
         const char *sql)
{
  PGresult *res = PQexec (conn, sql);
  const char *state = PQresultErrorField (res, PG_DIAG_SQLSTATE);
  char *out = g_strdup (state != NULL ? state : "");

  PQclear (res);
  return out;
}

static void
assert_refused (PGconn     *conn,
                const char *sql,
                const char *expected)
{
  g_autofree char *state = attempt (conn, sql);

  if (g_strcmp0 (state, expected) != 0)
    g_error ("%s: SQLSTATE '%s', expected '%s'", sql, state, expected);
}

/* The log as @role's Odan reads it, one line per event; fails when any
 * event was left out. */
static char *
fingerprint (const char *db,
             const char *role)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *conninfo = odan_pg_fixture_conninfo (server, role, db);
  g_autoptr(OdanStore) store = odan_pg_store_open (conninfo, ODAN_PG_STORE_OPEN_READ_ONLY, &error);
  g_autoptr(OdanExercise) exercise = NULL;
  GString *out = g_string_new (NULL);

  g_assert_no_error (error);
  exercise = odan_exercise_new (store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (odan_exercise_get_skipped (exercise)->len, ==, 0);
  for (guint i = 0; i < odan_exercise_get_n_events (exercise); i++)
    {
      const OdanEvent *e = odan_exercise_get_event (exercise, i);
      g_autofree char *details = g_variant_print (e->details, TRUE);

      g_string_append_printf (out, "%" G_GINT64_FORMAT " %s %s %g %s %s %s %" G_GINT64_FORMAT " %s %s\n",
                              e->id, odan_event_kind_to_string (e->kind), odan_event_action_to_string (e),
                              e->minute, e->actor, e->team, e->subject, e->ref, e->summary, details);
    }
  return g_string_free (out, FALSE);
}

typedef struct {
  const char *db;
  char       *prints[5];
} Honest;

static const char *
role_of (const char *db,
         guint       i)
{
  switch (i)
    {
    case 0: return "odan";
    case 1: return odan_pg_fixture_role (server, db, "facilitator", NULL);
    case 2: return odan_pg_fixture_role (server, db, "evaluator", NULL);
    case 3: return odan_pg_fixture_role (server, db, "team", "mic");
    default: return odan_pg_fixture_role (server, db, "team", "t-ceptoar");
    }
}

static void
honest_read (Honest     *honest,
             const char *db)
{
  honest->db = db;
  for (guint i = 0; i < G_N_ELEMENTS (honest->prints); i++)
    honest->prints[i] = fingerprint (db, role_of (db, i));
}

/* Every honest client reads exactly what it read before. */
static void
honest_check (Honest *honest)
{
  for (guint i = 0; i < G_N_ELEMENTS (honest->prints); i++)
    {
      g_autofree char *now = fingerprint (honest->db, role_of (honest->db, i));

      g_assert_cmpstr (now, ==, honest->prints[i]);
      g_clear_pointer (&honest->prints[i], g_free);
    }
}

/* The id of the first delivery of @inject, from the owner's log. */
static gint64
delivery_of (OdanExercise *exercise,
             const char   *inject)
{
  for (guint i = 0; i < odan_exercise_get_n_events (exercise); i++)
    {
      const OdanEvent *e = odan_exercise_get_event (exercise, i);

      if (e->kind == ODAN_EVENT_DELIVERY && g_strcmp0 (e->subject, inject) == 0)
        return e->id;
    }
  g_assert_not_reached ();
  return 0;
}

/* Writing a table directly: refused for every table, every member. */
static void
assert_no_table_writes (PGconn *conn)
{
  for (guint i = 0; i < G_N_ELEMENTS (tables); i++)
    {
      g_autofree char *insert = g_strdup_printf ("INSERT INTO odan.%s DEFAULT VALUES", tables[i]);
      g_autofree char *update = g_strdup_printf ("UPDATE odan.%s SET %s = %s", tables[i],
                                                 strcmp (tables[i], "events") == 0 ? "summary" : "ctid",
                                                 strcmp (tables[i], "events") == 0 ? "'x'" : "ctid");
      g_autofree char *delete = g_strdup_printf ("DELETE FROM odan.%s", tables[i]);
      g_autofree char *truncate = g_strdup_printf ("TRUNCATE odan.%s CASCADE", tables[i]);

      assert_refused (conn, insert, "42501");
      if (strcmp (tables[i], "events") == 0)
        assert_refused (conn, update, "42501");
      assert_refused (conn, delete, "42501");
      assert_refused (conn, truncate, "42501");
    }
  assert_refused (conn, "CREATE TABLE odan.mine (i int)", "42501");
  assert_refused (conn, "CREATE TABLE public.mine (i int)", "42501");
  assert_refused (conn, "CREATE TEMP TABLE mine (i int)", "42501");
  assert_refused (conn, "SELECT pg_read_file ('/etc/passwd')", "42501");
  assert_refused (conn, "COPY odan.events FROM STDIN", "42501");
  assert_refused (conn, "SELECT odan.claim_writer ()", "42501");
  assert_refused (conn, "SELECT odan.evict (pg_backend_pid ())", "42501");
  assert_refused (conn, "SELECT * FROM odan.head_holder ()", "42501");
  assert_refused (conn, "SELECT odan.lock_head ()", "42501");
  /* schema 5: the inbox's own machinery is the server's */
  assert_refused (conn, "SELECT odan.sequence_inbox (true)", "42501");
  assert_refused (conn, "SELECT odan.move_inbox (h) FROM odan.log_head h", "42501");
  assert_refused (conn, "SELECT odan.suspect_holder ()", "42501");
  assert_refused (conn, "SELECT count (*) FROM odan.inbox", "42501");
  assert_refused (conn, "SELECT * FROM odan.store_member_event (gen_random_uuid (), 'decision', 'other',"
                        " 'mic', 'mic', NULL, NULL, '', '', '{}')", "42501");
}

#define DECIDE(category, mitigation, ref, wall, summary, details) \
  "SELECT * FROM odan.decide (gen_random_uuid (), " category ", " mitigation ", " ref ", " wall ", " summary \
  ", " details ")"

/* Garbage, oversize and out-of-bounds values in every parameter of the
 * team's two functions. */
static void
team_garbage (PGconn *conn,
              gint64  reached,
              gint64  elsewhere)
{
  static const struct { const char *sql; const char *state; } cases[] = {
    /* attack 1: a category no client knows */
    { DECIDE ("'bogus'", "NULL", "NULL", "''", "''", "'{}'"), "OD013" },
    { DECIDE ("NULL", "NULL", "NULL", "''", "''", "'{}'"), "OD013" },
    { DECIDE ("'other'", "NULL", "NULL", "''", "''", "'[1]'"), "OD011" },
    { DECIDE ("'other'", "NULL", "NULL", "''", "''", "'\"text\"'"), "OD011" },
    { DECIDE ("'other'", "NULL", "NULL", "''", "''", "'{\"nested\": {\"a\": 1}}'"), "OD011" },
    { DECIDE ("'other'", "NULL", "NULL", "''", "''", "'{\"mitigation-status\": \"accepted\"}'"), "OD011" },
    { DECIDE ("'other'", "NULL", "NULL", "''", "''", "'{\"applies\": 5}'"), "OD011" },
    { DECIDE ("'other'", "NULL", "NULL", "''", "''", "'{\"to\": [\"fsa\"]}'"), "OD011" },
    { DECIDE ("'other'", "NULL", "NULL", "''", "''", "'{\"injects\": 5}'"), "OD012" },
    { DECIDE ("'other'", "NULL", "NULL", "''", "''", "'{\"injects\": [5]}'"), "OD012" },
    { DECIDE ("'other'", "NULL", "NULL", "''", "''", "'{\"injects\": [\"\"]}'"), "OD012" },
    { DECIDE ("'other'", "NULL", "NULL", "''", "''", "'{\"by\": 7}'"), "OD012" },
    { DECIDE ("'other'", "NULL", "NULL", "''", "''", "'{\"bcp\": \"yes\"}'"), "OD012" },
    { DECIDE ("'other'", "NULL", "NULL", "''", "''", "jsonb_build_object ('by', repeat ('x', 4001))"), "OD012" },
    { DECIDE ("'other'", "NULL", "NULL", "''", "''", "jsonb_build_object ('by', repeat ('x', 70000))"), "OD010" },
    { DECIDE ("'other'", "NULL", "NULL", "''", "''", "jsonb_build_object ('injects', (SELECT jsonb_agg ('D-01'::text) FROM generate_series (1, 1001)))"), "OD012" },
    { DECIDE ("'other'", "NULL", "NULL", "''", "repeat ('x', 4001)", "'{}'"), "OD010" },
    { DECIDE ("'other'", "NULL", "NULL", "repeat ('9', 65)", "''", "'{}'"), "OD010" },
    { DECIDE ("'other'", "NULL", "'1'", "''", "''", "'{}'"), "OD013" },
    { "SELECT * FROM odan.decide (NULL, 'other', NULL, NULL, '', '', '{}')", "OD010" },
    { "SELECT * FROM odan.decide ('not a uuid', 'other', NULL, NULL, '', '', '{}')", "22P02" },
    /* the token of an event someone else wrote */
    { "SELECT * FROM odan.decide ((SELECT token FROM odan.events WHERE kind = 'clock' LIMIT 1), 'other',"
      " NULL, NULL, '', '', '{}')", "23505" },
    { "SELECT * FROM odan.sequenced ((SELECT token FROM odan.events WHERE kind = 'clock' LIMIT 1), true)", "OD014" },
    { DECIDE ("'other'", "NULL", "NULL", "''", "''", "'{\"stage\": \"never\"}'"), "OD013" },
    { DECIDE ("'business-continuity'", "'ALT-fsa'", "NULL", "''", "''", "'{}'"), "OD014" },
    { DECIDE ("'business-continuity'", "'nothing'", "NULL", "''", "''", "'{}'"), "OD014" },
    { DECIDE ("'other'", "NULL", "NULL", "''", "''", "'{\"injects\": [\"D-02\"]}'"), "OD014" },
    { DECIDE ("'other'", "NULL", "NULL", "''", "''", "'{\"injects\": [\"D-99\"]}'"), "OD014" },
    { DECIDE ("'information-sharing'", "NULL", "NULL", "''", "''", "'{\"recipients\": [\"*\"]}'"), "OD014" },
    { DECIDE ("'information-sharing'", "NULL", "NULL", "''", "''", "'{\"recipients\": [\"staff\"]}'"), "OD014" },
    /* attack 2: a forward the relay never carried */
    { DECIDE ("'other'", "NULL", "NULL", "''", "''", "'{\"forward-to\": [\"fsa\"]}'"), "OD013" },
    { DECIDE ("'information-sharing'", "NULL", "NULL", "''", "''", "'{\"forward-to\": [\"mic\"]}'"), "OD014" },
    { DECIDE ("'information-sharing'", "NULL", "NULL", "''", "''", "'{\"forward-to\": [\"*\"]}'"), "OD014" },
    { DECIDE ("'information-sharing'", "NULL", "NULL", "''", "''",
              "'{\"injects\": [\"D-01\"], \"forward-to\": [\"fsa\"], \"forward-origins\": [1]}'"), "OD014" },
    { DECIDE ("'information-sharing'", "NULL", "NULL", "''", "''",
              "'{\"injects\": [\"D-01\"], \"forward-to\": [\"fsa\"], \"forward-origins\": [0]}'"), "OD012" },
    { DECIDE ("'information-sharing'", "NULL", "NULL", "''", "''",
              "'{\"injects\": [\"D-01\"], \"forward-to\": [\"fsa\"], \"forward-origins\": [1.5]}'"), "OD012" },
    { DECIDE ("'information-sharing'", "NULL", "NULL", "''", "''", "'{\"arrives\": -1}'"), "OD012" },
    { DECIDE ("'information-sharing'", "NULL", "NULL", "''", "''", "'{\"arrives\": 1e300}'"), "OD012" },
    /* acknowledgements */
    { "SELECT * FROM odan.ack (gen_random_uuid (), 'bogus', 1, '', '', '{}')", "OD013" },
    { "SELECT * FROM odan.ack (gen_random_uuid (), 'received', 1, '', '', '{}')", "OD014" },
    { "SELECT * FROM odan.ack (gen_random_uuid (), 'received', 999999, '', '', '{}')", "OD014" },
    { "SELECT * FROM odan.ack (gen_random_uuid (), 'received', NULL, '', '', '{}')", "OD014" },
    { "SELECT * FROM odan.ack (gen_random_uuid (), 'received', -1, '', '', '{}')", "OD014" },
    /* the evaluator's door is not the team's */
    { "SELECT * FROM odan.observe (gen_random_uuid (), 'note', NULL, NULL, '', 'x', '{}')", "42501" },
    { "SELECT role FROM odan.members", "42501" },
    { "SELECT payload FROM odan.events", "42501" },
    { "SELECT details FROM odan.events", "42501" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    assert_refused (conn, cases[i].sql, cases[i].state);
  {
    g_autofree char *other = g_strdup_printf ("SELECT * FROM odan.ack (gen_random_uuid (), 'received', %"
                                              G_GINT64_FORMAT ", '', '', '{}')", elsewhere);
    g_autofree char *delivered = g_strdup_printf ("SELECT * FROM odan.ack (gen_random_uuid (), 'received', %"
                                                  G_GINT64_FORMAT ", '', '', '{\"delivered\": 0}')", reached);
    g_autofree char *summary = g_strdup_printf ("SELECT * FROM odan.ack (gen_random_uuid (), 'read', %"
                                                G_GINT64_FORMAT ", '', repeat ('x', 4001), '{}')", reached);

    assert_refused (conn, other, "OD014");
    assert_refused (conn, delivered, "OD011");
    assert_refused (conn, summary, "OD010");
  }
}

/* Attacks 1 and 2 and the generic ones, from a team and the evaluator. */
static void
test_member_writes (void)
{
  g_autoptr(OdanExercise) owner = NULL;
  Honest honest = { 0 };
  PGconn *team, *evaluator;
  gint64 reached, elsewhere;

  NEED_SERVER ();
  owner = new_drill ("writes");
  reached = delivery_of (owner, "D-01");     /* to the ministries, mic among them */
  elsewhere = delivery_of (owner, "D-02");   /* to mhlw only */
  honest_read (&honest, "writes");

  team = raw_as ("writes", odan_pg_fixture_role (server, "writes", "team", "mic"));
  /* the raw rows of the issue: a decision of no category, a forged forward */
  assert_refused (team, "INSERT INTO odan.events (token, kind, action, minute, wall, actor, team, summary,"
                        " details, payload, public_payload) VALUES (gen_random_uuid (), 'decision', 'bogus', 0,"
                        " '', 'mic', 'mic', '', '{}', '', '')", "42501");
  assert_refused (team, "INSERT INTO odan.events (token, kind, action, minute, wall, actor, team, subject, summary,"
                        " details, payload, public_payload) VALUES (gen_random_uuid (), 'delivery', 'forwarded',"
                        " 0, '', 'mic', 'fsa', 'D-01', 'EXERCISE CONTROL: exercise suspended',"
                        " '{\"via\": \"mic\", \"to\": [\"fsa\"]}', '\\xdeadbeef', '\\xdeadbeef')", "42501");
  assert_no_table_writes (team);
  team_garbage (team, reached, elsewhere);
  PQfinish (team);

  evaluator = raw_as ("writes", odan_pg_fixture_role (server, "writes", "evaluator", NULL));
  assert_refused (evaluator, "INSERT INTO odan.events (token, kind, action, minute, wall, actor, summary, details,"
                             " payload, public_payload) VALUES (gen_random_uuid (), 'observation', 'note', 0, '',"
                             " 'evaluator', '', '{}', '\\xdeadbeef', '\\xdeadbeef')", "42501");
  assert_no_table_writes (evaluator);
  assert_refused (evaluator, "SELECT * FROM odan.observe (gen_random_uuid (), 'bogus', NULL, NULL, '', 'x', '{}')", "OD013");
  assert_refused (evaluator, "SELECT * FROM odan.observe (gen_random_uuid (), 'note', 'nobody', NULL, '', 'x', '{}')", "OD014");
  assert_refused (evaluator, "SELECT * FROM odan.observe (gen_random_uuid (), 'note', NULL, 999999, '', 'x', '{}')", "OD014");
  assert_refused (evaluator, "SELECT * FROM odan.observe (gen_random_uuid (), 'note', NULL, NULL, '', 'x', '{\"rating\": 5}')", "OD012");
  assert_refused (evaluator, "SELECT * FROM odan.observe (gen_random_uuid (), 'improvement', NULL, NULL, '', 'x', '{\"revises\": 1}')", "OD014");
  assert_refused (evaluator, "SELECT * FROM odan.observe (gen_random_uuid (), 'note', NULL, NULL, '', 'x', '{\"effect\": \"set p1 0\"}')", "OD011");
  assert_refused (evaluator, "SELECT * FROM odan.observe (gen_random_uuid (), 'note', NULL, NULL, '', repeat ('x', 4001), '{}')", "OD010");
  assert_refused (evaluator, DECIDE ("'other'", "NULL", "NULL", "''", "''", "'{}'"), "42501");
  PQfinish (evaluator);

  honest_check (&honest);
}

/* A row that reached the log some other way (here: written as the owner,
 * in a member's name) is left out by every client, which says so; the rest
 * of the log reads as before. */
static void
test_skipped_rows (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(OdanExercise) owner = NULL;
  g_autoptr(OdanExercise) facilitator = NULL;
  g_autoptr(OdanStore) store = NULL;
  g_autofree char *sql = NULL;
  g_autofree char *conninfo = NULL;
  const char *mic;
  guint n;

  NEED_SERVER ();
  owner = new_drill ("skipped");
  n = odan_exercise_get_n_events (owner);
  mic = odan_pg_fixture_role (server, "skipped", "team", "mic");
  sql = g_strdup_printf ("INSERT INTO odan.events (token, kind, action, minute, wall, actor, team, ref, summary,"
                         " details, member_details, author) VALUES"
                         " (gen_random_uuid (), 'decision', 'bogus', 0, '', 'mic', 'mic', NULL, 'a', '{}', '{}', '%1$s'),"
                         " (gen_random_uuid (), 'decision', 'other', 0, '', 'mic', 'mic', NULL, 'b',"
                         "  '{\"injects\": 5}', '{\"injects\": 5}', '%1$s'),"
                         " (gen_random_uuid (), 'ack', 'received', 0, '', 'mic', 'mic', 1, 'c', '{}', '{}', '%1$s')",
                         mic);
  sql_as_owner ("skipped", sql);

  conninfo = odan_pg_fixture_conninfo (server, odan_pg_fixture_role (server, "skipped", "facilitator", NULL), "skipped");
  store = odan_pg_store_open (conninfo, ODAN_PG_STORE_OPEN_READ_ONLY, &error);
  g_assert_no_error (error);
  facilitator = odan_exercise_new (store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (odan_exercise_get_n_events (facilitator), ==, n);
  /* the facilitator sees each, with its author */
  g_assert_cmpuint (odan_exercise_get_skipped (facilitator)->len, ==, 3);
  for (guint i = 0; i < 3; i++)
    g_assert_nonnull (strstr (g_ptr_array_index (odan_exercise_get_skipped (facilitator), i), "mic"));

  /* and the owner, following, takes the rest of the log on as before */
  odan_exercise_sync (owner, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (odan_exercise_get_skipped (owner)->len, ==, 3);
  /* past D-90 (T+4h), the drill's next inject */
  odan_exercise_advance_to (owner, 300, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (odan_exercise_get_n_events (owner), >, n);
  g_assert_cmpuint (odan_exercise_get_skipped (owner)->len, ==, 3);
}

/* Attack 3: only the facilitator (or the owner) may hold the claim to write. */
static void
test_writer_claim (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(OdanExercise) owner = NULL;
  g_autoptr(OdanStore) first = NULL;
  g_autoptr(OdanStore) second = NULL;
  g_autofree char *facilitator = NULL;
  PGconn *team, *raw;

  NEED_SERVER ();
  owner = new_drill ("claim");
  odan_store_close (odan_exercise_get_store (owner), &error);
  g_assert_no_error (error);

  team = raw_as ("claim", odan_pg_fixture_role (server, "claim", "team", "mic"));
  assert_refused (team, "SELECT odan.claim_writer ()", "42501");
  /* the old advisory lock means nothing now */
  assert_refused (team, "SELECT pg_advisory_lock (1329881454)", "");

  facilitator = odan_pg_fixture_conninfo (server, odan_pg_fixture_role (server, "claim", "facilitator", NULL), "claim");
  first = odan_pg_store_open (facilitator, ODAN_PG_STORE_OPEN_REQUIRE_WRITE, &error);
  g_assert_no_error (error);
  g_assert_cmpint (odan_store_get_access (first), ==, ODAN_STORE_ACCESS_READ_WRITE);
  second = odan_pg_store_open (facilitator, ODAN_PG_STORE_OPEN_DEFAULT, &error);
  g_assert_no_error (error);
  g_assert_cmpint (odan_store_get_access (second), ==, ODAN_STORE_ACCESS_LOCKED);

  /* a facilitator's connection without the claim cannot write either */
  raw = raw_as ("claim", odan_pg_fixture_role (server, "claim", "facilitator", NULL));
  assert_refused (raw, "INSERT INTO odan.events (token, kind, action, minute, wall, actor, summary, details,"
                       " payload, public_payload) VALUES (gen_random_uuid (), 'clock', 'end', 10000, '', 'facilitator',"
                       " '', '{}', '', '')", "OD003");
  PQfinish (raw);
  PQfinish (team);

  /* the claim passes on when its holder is gone */
  odan_store_close (first, &error);
  g_assert_no_error (error);
  g_clear_object (&second);
  second = odan_pg_store_open (facilitator, ODAN_PG_STORE_OPEN_REQUIRE_WRITE, &error);
  g_assert_no_error (error);
}

/* A team's connection in a transaction that has acked and taken the log's
 * lock by running the sequencer, the timeouts that would end it reset. */
static PGconn *
take_sequencer (gint64      reached,
                const char *summary)
{
  g_autofree char *ack = g_strdup_printf ("SELECT * FROM odan.ack (gen_random_uuid (), 'received', %"
                                          G_GINT64_FORMAT ", '', '%s', '{}')", reached, summary);
  PGconn *conn = raw_as ("stall", odan_pg_fixture_role (server, "stall", "team", "mic"));

  assert_refused (conn, "SET idle_in_transaction_session_timeout = 0", "");
  assert_refused (conn, "SET statement_timeout = 0", "");
  assert_refused (conn, "SET lock_timeout = 0", "");
  assert_refused (conn, "BEGIN", "");
  assert_refused (conn, ack, "");
  /* its own row is waiting: the sequencer moves it and keeps the lock */
  assert_refused (conn, "SELECT odan.sequence ()", "");
  return conn;
}

/* Until a statement shows in pg_stat_activity as @condition says. */
static void
wait_for_activity (const char *condition)
{
  g_autofree char *sql = g_strdup_printf ("SELECT count (*) FROM pg_stat_activity WHERE %s"
                                          " AND pid <> pg_backend_pid ()", condition);

  for (;;)
    {
      PGconn *probe = raw_as ("stall", "odan");
      PGresult *r = PQexec (probe, sql);
      gboolean seen = strcmp (PQgetvalue (r, 0, 0), "0") != 0;

      PQclear (r);
      PQfinish (probe);
      if (seen)
        return;
      g_usleep (10000);
    }
}

/* The holder's statement (sent with PQsendQuery) ends in an error: evicted. */
static void
assert_evicted (PGconn *conn)
{
  PGresult *res;

  while ((res = PQgetResult (conn)) != NULL)
    {
      g_assert_cmpint (PQresultStatus (res), !=, PGRES_TUPLES_OK);
      PQclear (res);
    }
  PQfinish (conn);
}

/* Facilitator's event past a member holding the lock; the wait is printed. */
static void
write_past (OdanExercise *owner,
            const char   *what)
{
  g_autoptr(GError) error = NULL;
  gint64 start = g_get_monotonic_time ();

  odan_exercise_observe (owner, what, NULL, 0, "facilitator", &error);
  g_assert_no_error (error);
  /* measured, not asserted (the machine's load decides): printed for the log */
  g_test_message ("%s: the facilitator waited %.2f s", what, (g_get_monotonic_time () - start) / 1e6);
}

/* A team's open transaction holding only its own ack (schema 5: in the
 * inbox) stalls no one: the facilitator writes, another team's ack goes
 * into the log at once; the team's own ack follows when it commits. */
static void
open_ack (OdanExercise *owner,
          gint64        reached,
          gint64        elsewhere)
{
  g_autofree char *ack = g_strdup_printf ("SELECT * FROM odan.ack (gen_random_uuid (), 'received', %"
                                          G_GINT64_FORMAT ", '', 'held open', '{}')", reached);
  g_autofree char *other = g_strdup_printf ("SELECT * FROM odan.ack ('0b7e9d3c-1a2b-4c5d-8e9f-a0b1c2d3e4f5',"
                                            " 'received', %" G_GINT64_FORMAT ", '', 'passed by', '{}')", elsewhere);
  PGconn *hostile = raw_as ("stall", odan_pg_fixture_role (server, "stall", "team", "mic"));
  PGconn *honest = raw_as ("stall", odan_pg_fixture_role (server, "stall", "team", "mhlw"));
  PGresult *res;

  assert_refused (hostile, "SET idle_in_transaction_session_timeout = 0", "");
  assert_refused (hostile, "BEGIN", "");
  assert_refused (hostile, ack, "");

  write_past (owner, "written past the open transaction");
  assert_refused (honest, other, "");
  /* patient, as its store asks after 2 s (schema 6): nobody else
   * sequences, so it takes the lock itself and has its id */
  res = PQexec (honest, "SELECT * FROM odan.sequenced ('0b7e9d3c-1a2b-4c5d-8e9f-a0b1c2d3e4f5', true)");
  g_assert_cmpint (PQresultStatus (res), ==, PGRES_TUPLES_OK);
  g_assert_false (PQgetisnull (res, 0, 0));
  PQclear (res);
  PQfinish (honest);

  assert_refused (hostile, "COMMIT", "");
  PQfinish (hostile);
}

/* Attack 4: a team holds the log's lock (schema 5: the sequencer's) in an
 * open transaction, in a statement that sleeps, or busy with a heavy query
 * after it. Writers wait about a second at most before the holder is
 * evicted; its own event is lost, every other one written. An open
 * transaction that holds only its own ack stalls no one at all. */
static void
test_stall (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(OdanExercise) owner = NULL;
  g_autofree char *log = NULL;
  PGconn *hostile;
  gint64 reached, elsewhere;

  NEED_SERVER ();
  owner = new_drill ("stall");
  reached = delivery_of (owner, "D-01");
  elsewhere = delivery_of (owner, "D-02");   /* to mhlw */

  open_ack (owner, reached, elsewhere);

  /* idle in its transaction, holding the lock */
  hostile = take_sequencer (reached, "held the lock");
  write_past (owner, "written past the held lock");
  g_assert_true (PQsendQuery (hostile, "COMMIT"));
  assert_evicted (hostile);

  /* asleep in a statement after taking the lock */
  hostile = raw_as ("stall", odan_pg_fixture_role (server, "stall", "team", "mic"));
  {
    g_autofree char *ack = g_strdup_printf ("SELECT * FROM odan.ack (gen_random_uuid (), 'read', %"
                                            G_GINT64_FORMAT ", '', 'asleep', '{}')", reached);

    assert_refused (hostile, "SET statement_timeout = 0", "");
    assert_refused (hostile, "BEGIN", "");
    assert_refused (hostile, ack, "");
  }
  g_assert_true (PQsendQuery (hostile, "SELECT pg_sleep (60) FROM (SELECT odan.sequence () AS n OFFSET 0) s"));
  wait_for_activity ("wait_event = 'PgSleep'");
  write_past (owner, "written past the sleeping statement");
  assert_evicted (hostile);

  /* busy in an endless loop (never idle, never asleep) after taking it */
  hostile = take_sequencer (reached, "churning");
  g_assert_true (PQsendQuery (hostile, "DO $$ BEGIN LOOP PERFORM 1; END LOOP; END $$"));
  wait_for_activity ("state = 'active' AND query LIKE 'DO $$ BEGIN LOOP%'");
  write_past (owner, "written past the busy transaction");
  assert_evicted (hostile);

  odan_exercise_sync (owner, &error);
  g_assert_no_error (error);
  log = fingerprint ("stall", "odan");
  g_assert_nonnull (strstr (log, " held open "));
  g_assert_nonnull (strstr (log, " passed by "));
  g_assert_null (strstr (log, " held the lock "));
  g_assert_null (strstr (log, " asleep "));
  g_assert_null (strstr (log, " churning "));
  for (const char *const *w = (const char *const[]) { "the open transaction", "the held lock",
                                                      "the sleeping statement", "the busy transaction", NULL };
       *w != NULL; w++)
    {
      g_autofree char *line = g_strdup_printf (" written past %s ", *w);

      g_assert_nonnull (strstr (log, line));
    }
}

/* Attack 5: databases whose names agree in their first 24 characters, or
 * differ only in case and punctuation, share no role; a role of one
 * exercise cannot even connect to the other's database. */
static void
test_role_names (void)
{
  static const char *const pairs[][2] = {
    { "kanto_regional_drill_2026_day1", "kanto_regional_drill_2026_day2" },
    { "Drill-1", "drill_1" },
  };

  NEED_SERVER ();
  for (guint p = 0; p < G_N_ELEMENTS (pairs); p++)
    {
      g_autoptr(OdanExercise) a = new_drill (pairs[p][0]);
      g_autoptr(OdanExercise) b = new_drill (pairs[p][1]);
      const char *kinds[] = { "facilitator", "evaluator", "team" };

      for (guint k = 0; k < G_N_ELEMENTS (kinds); k++)
        {
          const char *team = strcmp (kinds[k], "team") == 0 ? "nisc" : NULL;
          const char *role_a = odan_pg_fixture_role (server, pairs[p][0], kinds[k], team);
          const char *role_b = odan_pg_fixture_role (server, pairs[p][1], kinds[k], team);
          g_autofree char *conninfo = odan_pg_fixture_conninfo (server, role_a, pairs[p][1]);
          PGconn *conn;

          g_assert_cmpstr (role_a, !=, role_b);
          conn = PQconnectdb (conninfo);
          g_assert_cmpint (PQstatus (conn), ==, CONNECTION_BAD);
          g_assert_nonnull (strstr (PQerrorMessage (conn), "CONNECT"));
          PQfinish (conn);
        }
    }
}

/* The planned rows of a decisions file (headless play) for team fsa, and
 * the source key its decision was logged with. */
static GArray *
plan_for_fsa (OdanExercise  *exercise,
              char         **out_path)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("odan-plan-XXXXXX", &error);
  char *path;
  GArray *decisions;

  g_assert_no_error (error);
  path = g_build_filename (dir, "decisions.csv", NULL);
  g_file_set_contents (path, "time,team,category,summary,mitigation,inject\n+150m,fsa,other,planned for fsa,,\n",
                       -1, &error);
  g_assert_no_error (error);
  decisions = odan_decisions_load (path, odan_exercise_get_pack (exercise), NULL, &error);
  g_assert_no_error (error);
  *out_path = path;
  return decisions;
}

static const OdanEvent *
decision_of (OdanExercise *exercise,
             const char   *team,
             const char   *source)
{
  for (guint i = 0; i < odan_exercise_get_n_events (exercise); i++)
    {
      const OdanEvent *e = odan_exercise_get_event (exercise, i);

      if (e->kind == ODAN_EVENT_DECISION && g_strcmp0 (e->team, team) == 0
          && (source == NULL || g_strcmp0 (odan_event_get_source (e), source) == 0))
        return e;
    }
  return NULL;
}

/* A team's decision carrying another team's planned row's key (its
 * source) does not stand in for that row: headless play still logs it. */
static void
test_planned_row (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(OdanExercise) probe = NULL;
  g_autoptr(OdanExercise) owner = NULL;
  g_autoptr(GArray) decisions = NULL;
  g_autoptr(GArray) again = NULL;
  g_autofree char *path = NULL;
  g_autofree char *path2 = NULL;
  g_autofree char *key = NULL;
  g_autofree char *sql = NULL;
  PGconn *team;

  NEED_SERVER ();
  /* the key the row is logged with */
  probe = new_drill ("planned_probe");
  decisions = plan_for_fsa (probe, &path);
  odan_exercise_plan_decisions (probe, decisions);
  odan_exercise_advance_to (probe, 160, &error);
  g_assert_no_error (error);
  g_assert_nonnull (decision_of (probe, "fsa", NULL));
  key = g_strdup (odan_event_get_source (decision_of (probe, "fsa", NULL)));
  g_assert_true (g_str_has_prefix (key, "plan:"));

  owner = new_drill ("planned");
  team = raw_as ("planned", odan_pg_fixture_role (server, "planned", "team", "mic"));
  sql = g_strdup_printf ("SELECT * FROM odan.decide (gen_random_uuid (), 'other', NULL, NULL, '', 'decoy',"
                         " jsonb_build_object ('source', '%s'))", key);
  assert_refused (team, sql, "");
  PQfinish (team);
  odan_exercise_sync (owner, &error);
  g_assert_no_error (error);
  g_assert_nonnull (decision_of (owner, "mic", key));

  again = plan_for_fsa (owner, &path2);
  odan_exercise_plan_decisions (owner, again);
  odan_exercise_advance_to (owner, 160, &error);
  g_assert_no_error (error);
  g_assert_nonnull (decision_of (owner, "fsa", key));

  for (const char *const *p = (const char *const[]) { path, path2, NULL }; *p != NULL; p++)
    {
      g_autofree char *dir = g_path_get_dirname (*p);

      g_unlink (*p);
      g_rmdir (dir);
    }
}

/* A forward from a team arrives no sooner than its channel carries it,
 * whatever arrival the team claims. */
static void
test_forward_latency (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(OdanExercise) owner = NULL;
  g_autofree char *sql = NULL;
  PGconn *team, *check;
  PGresult *res;
  gint64 reached;

  NEED_SERVER ();
  owner = new_drill ("forward");
  reached = delivery_of (owner, "D-01");
  team = raw_as ("forward", odan_pg_fixture_role (server, "forward", "team", "mic"));
  sql = g_strdup_printf ("SELECT * FROM odan.decide (gen_random_uuid (), 'information-sharing', NULL, NULL, '',"
                         " 'at once', '{\"injects\": [\"D-01\"], \"forward-to\": [\"fsa\"],"
                         " \"forward-origins\": [%" G_GINT64_FORMAT "], \"forward-channel\": \"FAX\","
                         " \"arrives\": 0}')", reached);
  assert_refused (team, sql, "");
  PQfinish (team);

  check = raw_as ("forward", "odan");
  /* into the log (schema 5: it waited in the inbox) */
  assert_refused (check, "SELECT odan.sequence ()", "");
  res = PQexec (check, "SELECT (member_details->>'arrives')::float8 - minute FROM odan.events"
                       " WHERE summary = 'at once'");
  g_assert_cmpint (PQntuples (res), ==, 1);
  /* relay.csv: FAX, 5m */
  g_assert_cmpfloat (g_ascii_strtod (PQgetvalue (res, 0, 0), NULL), >=, 5.0);
  PQclear (res);
  PQfinish (check);
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *bindir = odan_pg_fixture_find_bindir ();
  int status;

  g_test_init (&argc, &argv, NULL);
  if (bindir == NULL)
    skip_reason = "initdb and pg_ctl are not installed (apt-get install postgresql): the hostile suite needs a PostgreSQL server";
  else if (!g_test_subprocess ())
    {
      server = odan_pg_fixture_start ("postgres_unused", 100, &error);
      if (server == NULL)
        g_error ("cannot start a PostgreSQL server: %s", error->message);
    }

  g_test_add_func ("/multisite/hostile/member-writes", test_member_writes);
  g_test_add_func ("/multisite/hostile/skipped-rows", test_skipped_rows);
  g_test_add_func ("/multisite/hostile/writer-claim", test_writer_claim);
  g_test_add_func ("/multisite/hostile/stall", test_stall);
  g_test_add_func ("/multisite/hostile/role-names", test_role_names);
  g_test_add_func ("/multisite/hostile/planned-row", test_planned_row);
  g_test_add_func ("/multisite/hostile/forward-latency", test_forward_latency);
  status = g_test_run ();
  odan_pg_fixture_stop (server);
  return status;
}

/* test-multisite.c — exercises played across sites on PostgreSQL
 *
 * Starts its own server (odan-pg-fixture.c) and checks the PostgreSQL store:
 * events read back as appended; the schema refuses newer versions; one
 * facilitator writes; row-level security and column privileges keep the
 * MSEL, the model and other teams' traffic from a team's connection and stop
 * it writing as another team; a 50-office drill over ceptoar-drill with a
 * server restart and dropped connections loses and repeats nothing, and every
 * office read exactly what it may see; the facilitator and an evaluator
 * compute the same model from the shared log; the GLib watch catches up
 * across a restart; a team client (an OdanExercise over a team's own
 * connection) sees exactly what reached its team, logs acknowledgements and
 * decisions the facilitator takes in once, and counts down the same
 * obligations; 50 team connections writing at once through the inbox give
 * a gapless log holding each event once, under the id its writer got.
 * Skipped when initdb and pg_ctl are not installed.
 */
#include <fcntl.h>
#include <glib/gstdio.h>
#include <libpq-fe.h>
#include <unistd.h>
#include <math.h>
#include <stdio.h>
#include <poll.h>
#include <string.h>

#include "odan-exercise.h"
#include "odan-pg-fixture.h"
#include "odan-team-view.h"
#include "odan-test-env.h"
#include "odan-test-files.h"
#include "odan-pg-store.h"

static OdanPgFixture *server;
static const char *skip_reason;

/* Without PostgreSQL the case skips, or fails under CI (odan-test-env.h). */
#define NEED_SERVER() G_STMT_START { if (server == NULL) { odan_test_missing ("PostgreSQL", skip_reason); return; } } G_STMT_END

static char *
scenario (const char *name)
{
  const char *root = g_getenv ("ODAN_SCENARIOS");

  return g_build_filename (root != NULL ? root : ODAN_SOURCE_SCENARIOS, name, NULL);
}

static void
create_db (const char *db)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *sql = g_strdup_printf ("CREATE DATABASE \"%s\"", db);

  odan_pg_fixture_sql (server, "postgres", sql, &error);
  g_assert_no_error (error);
}

/* A fresh exercise of @pack in database @db, as its owner (a facilitator). */
static OdanExercise *
new_exercise (const char *db,
              const char *pack)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *conninfo = odan_pg_fixture_conninfo (server, "odan", db);
  g_autofree char *dir = scenario (pack);
  g_autoptr(OdanStore) store = NULL;
  OdanExercise *exercise;

  create_db (db);
  store = odan_pg_store_open (conninfo, ODAN_PG_STORE_OPEN_REQUIRE_WRITE, &error);
  g_assert_no_error (error);
  g_assert_true (odan_store_is_empty (store));
  odan_exercise_init_store (store, dir, &error);
  g_assert_no_error (error);
  exercise = odan_exercise_new (store, &error);
  g_assert_no_error (error);
  return exercise;
}

static OdanStore *
open_as (const char       *db,
         const char       *role,
         OdanPgStoreFlags  flags)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *conninfo = odan_pg_fixture_conninfo (server, role, db);
  OdanStore *store = odan_pg_store_open (conninfo, flags, &error);

  g_assert_no_error (error);
  return store;
}

static gboolean
collect (OdanEvent *event,
         gpointer   user_data,
         GError   **error)
{
  g_ptr_array_add (user_data, event);
  return TRUE;
}

static GPtrArray *
read_all (OdanStore *store)
{
  g_autoptr(GError) error = NULL;
  GPtrArray *events = g_ptr_array_new_with_free_func ((GDestroyNotify) odan_event_free);

  odan_store_read_events (store, 0, collect, events, &error);
  g_assert_no_error (error);
  return events;
}

/* ------------------------------------------------------------------ */

/* odan_exercise_open() takes a connection string where it takes a file
 * name: the same call starts, reopens and refuses as for a file. */
static void
test_open_by_location (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(OdanExercise) created = NULL;
  g_autoptr(OdanExercise) reader = NULL;
  g_autoptr(OdanExercise) team = NULL;
  g_autofree char *owner = NULL;
  g_autofree char *water = NULL;
  g_autofree char *example = scenario ("example");
  g_autofree char *kanto = scenario ("kanto");
  OdanExercise *refused;

  NEED_SERVER ();
  create_db ("location");
  owner = odan_pg_fixture_conninfo (server, "odan", "location");
  g_assert_true (odan_store_location_is_database (owner));

  /* an empty database is no exercise until it is started from a pack */
  refused = odan_exercise_open (owner, NULL, ODAN_EXERCISE_OPEN_DEFAULT, &error);
  g_assert_null (refused);
  g_assert_error (error, ODAN_STORE_ERROR, ODAN_STORE_ERROR_EMPTY);
  g_assert_nonnull (strstr (error->message, "no exercise yet"));
  g_clear_error (&error);

  created = odan_exercise_open (owner, example, ODAN_EXERCISE_OPEN_CREATE, &error);
  g_assert_no_error (error);
  g_assert_false (odan_exercise_is_read_only (created));
  g_assert_cmpint (odan_store_get_role (odan_exercise_get_store (created)), ==, ODAN_STORE_ROLE_OWNER);
  odan_exercise_start (created, ODAN_CLOCK_STEP, 1.0, &error);
  g_assert_no_error (error);

  /* the writer holds the lock: a second opener reads */
  reader = odan_exercise_open (owner, NULL, ODAN_EXERCISE_OPEN_READ_ONLY, &error);
  g_assert_no_error (error);
  g_assert_true (odan_exercise_is_read_only (reader));
  g_assert_cmpuint (odan_exercise_get_n_events (reader), ==, odan_exercise_get_n_events (created));

  /* a pack folder named for it must be its pack */
  refused = odan_exercise_open (owner, kanto, ODAN_EXERCISE_OPEN_READ_ONLY, &error);
  g_assert_null (refused);
  g_assert_error (error, ODAN_EXERCISE_ERROR, ODAN_EXERCISE_ERROR_PACK);
  g_clear_error (&error);

  /* a team's connection string opens that team's client */
  water = odan_pg_fixture_conninfo (server, odan_pg_fixture_role (server, "location", "team", "water"), "location");
  team = odan_exercise_open (water, NULL, ODAN_EXERCISE_OPEN_DEFAULT, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (odan_exercise_get_team_client (team), ==, "water");
  g_assert_cmpint (odan_store_get_role (odan_exercise_get_store (team)), ==, ODAN_STORE_ROLE_TEAM);
  g_assert_cmpstr (odan_store_get_team (odan_exercise_get_store (team)), ==, "water");
}

static void
test_round_trip (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(OdanExercise) exercise = NULL;
  g_autoptr(OdanStore) second = NULL;
  g_autoptr(GPtrArray) events = NULL;
  g_autoptr(OdanEvent) note = NULL;
  g_autofree char *conninfo = NULL;
  OdanStore *store;
  GVariantBuilder builder;
  const char *strv[] = { "a", "b;c", "「日本語」", NULL };
  const OdanEvent *last;

  NEED_SERVER ();
  exercise = new_exercise ("roundtrip", "example");
  store = odan_exercise_get_store (exercise);
  g_assert_cmpuint (odan_store_get_schema_version (store), ==, ODAN_PG_STORE_SCHEMA_VERSION);
  g_assert_cmpint (odan_store_get_access (store), ==, ODAN_STORE_ACCESS_READ_WRITE);
  /* the database's name and a random id: no two exercises share a role */
  g_assert_true (g_str_has_prefix (odan_pg_store_get_exercise_name (ODAN_PG_STORE (store)), "roundtrip_"));
  g_assert_cmpuint (strlen (odan_pg_store_get_exercise_name (ODAN_PG_STORE (store))), ==, strlen ("roundtrip_") + 8);
  /* the principal: whoever created the exercise owns it, and plays no team */
  g_assert_cmpint (odan_store_get_role (store), ==, ODAN_STORE_ROLE_OWNER);
  g_assert_null (odan_store_get_team (store));

  odan_exercise_start (exercise, ODAN_CLOCK_STEP, 1.0, &error);
  g_assert_no_error (error);
  odan_exercise_advance_to (exercise, 1.0 / 3.0, &error);
  g_assert_no_error (error);

  /* every type details use, an awkward minute, NULLs and text that needs quoting */
  g_variant_builder_init (&builder, G_VARIANT_TYPE_VARDICT);
  g_variant_builder_add (&builder, "{sv}", "s", g_variant_new_string ("quote \" backslash \\ tab \t"));
  g_variant_builder_add (&builder, "{sv}", "as", g_variant_new_strv (strv, -1));
  g_variant_builder_add (&builder, "{sv}", "d", g_variant_new_double (0.1 + 0.2));
  g_variant_builder_add (&builder, "{sv}", "inf", g_variant_new_double (INFINITY));
  g_variant_builder_add (&builder, "{sv}", "b", g_variant_new_boolean (TRUE));
  g_variant_builder_add (&builder, "{sv}", "u", g_variant_new_uint32 (4000000000u));
  g_variant_builder_add (&builder, "{sv}", "x", g_variant_new_int64 (-42));
  note = odan_event_new_from_words (odan_event_kind_to_string (ODAN_EVENT_OBSERVATION), "note", odan_exercise_get_minute (exercise),
                         g_variant_builder_end (&builder));
  note->wall = odan_wall_time_format (g_get_real_time ());
  note->actor = g_strdup ("evaluator");
  note->summary = (g_free (note->summary), g_strdup ("改行\nを含む"));
  odan_store_append_event (store, note, &error);
  g_assert_no_error (error);
  g_assert_cmpint (note->id, >, 0);

  /* the jsonb column, what the database's own checks and people read: an
   * object of the keys, numbers as numbers, no infinity (null instead) */
  {
    g_autofree char *owner = odan_pg_fixture_conninfo (server, "odan", "roundtrip");
    g_autofree char *id = g_strdup_printf ("%" G_GINT64_FORMAT, note->id);
    const char *expected =
      "{\"s\": \"quote \\\" backslash \\\\ tab \\t\", \"as\": [\"a\", \"b;c\", \"「日本語」\"],"
      " \"d\": 0.30000000000000004, \"inf\": null, \"b\": true, \"u\": 4000000000, \"x\": -42}";
    const char *params[2] = { expected, id };
    PGconn *conn = PQconnectdb (owner);
    PGresult *res;

    g_assert_cmpint (PQstatus (conn), ==, CONNECTION_OK);
    res = PQexecParams (conn, "SELECT details = $1::jsonb, details::text FROM odan.events WHERE id = $2::bigint",
                        2, NULL, params, NULL, NULL, 0);
    g_assert_cmpint (PQresultStatus (res), ==, PGRES_TUPLES_OK);
    g_assert_cmpint (PQntuples (res), ==, 1);
    g_test_message ("details: %s", PQgetvalue (res, 0, 1));
    g_assert_cmpstr (PQgetvalue (res, 0, 0), ==, "t");
    PQclear (res);
    PQfinish (conn);
  }

  events = read_all (store);
  g_assert_cmpuint (events->len, ==, odan_exercise_get_n_events (exercise) + 1);
  for (guint i = 0; i + 1 < events->len; i++)
    {
      const OdanEvent *a = odan_exercise_get_event (exercise, i);
      const OdanEvent *b = g_ptr_array_index (events, i);

      g_assert_cmpint (a->id, ==, b->id);
      g_assert_cmpint (a->kind, ==, b->kind);
      g_assert_cmpstr (odan_event_action_to_string (a), ==, odan_event_action_to_string (b));
      g_assert_true (a->minute == b->minute);
      g_assert_cmpstr (a->wall, ==, b->wall);
      g_assert_cmpstr (a->actor, ==, b->actor);
      g_assert_cmpstr (a->team, ==, b->team);
      g_assert_cmpstr (a->subject, ==, b->subject);
      g_assert_cmpint (a->ref, ==, b->ref);
      g_assert_cmpstr (a->summary, ==, b->summary);
      g_assert_true (g_variant_equal (a->details, b->details));
    }
  last = g_ptr_array_index (events, events->len - 1);
  g_assert_cmpint (last->id, ==, note->id);
  g_assert_cmpstr (last->summary, ==, note->summary);
  g_assert_true (g_variant_equal (last->details, note->details));

  /* a second facilitator reads, and cannot write */
  conninfo = odan_pg_fixture_conninfo (server, odan_pg_fixture_role (server, "roundtrip", "facilitator", NULL), "roundtrip");
  g_assert_null (odan_pg_store_open (conninfo, ODAN_PG_STORE_OPEN_REQUIRE_WRITE, &error));
  g_assert_error (error, ODAN_STORE_ERROR, ODAN_STORE_ERROR_LOCKED);
  g_clear_error (&error);
  second = odan_pg_store_open (conninfo, ODAN_PG_STORE_OPEN_DEFAULT, &error);
  g_assert_no_error (error);
  g_assert_cmpint (odan_store_get_access (second), ==, ODAN_STORE_ACCESS_LOCKED);
  {
    g_autoptr(OdanEvent) refused = odan_event_copy (note);

    refused->id = 0;
    g_assert_false (odan_store_append_event (second, refused, &error));
    g_assert_error (error, ODAN_STORE_ERROR, ODAN_STORE_ERROR_READ_ONLY);
    g_clear_error (&error);
  }

  /* the server restarts under an open store: the next append reconnects */
  odan_pg_fixture_restart (server, &error);
  g_assert_no_error (error);
  odan_exercise_observe (exercise, "after the restart", NULL, 0, "evaluator", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (odan_pg_store_get_reconnects (ODAN_PG_STORE (store)), >=, 1);
}

static void
test_refusals (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(OdanExercise) exercise = NULL;
  g_autofree char *conninfo = NULL;
  g_autofree char *other = NULL;
  OdanStore *store;

  NEED_SERVER ();
  exercise = new_exercise ("toonew", "example");
  store = odan_exercise_get_store (exercise);
  odan_pg_fixture_sql (server, "toonew", "UPDATE odan.schema_version SET version = 99", &error);
  g_assert_no_error (error);
  conninfo = odan_pg_fixture_conninfo (server, "odan", "toonew");
  g_assert_null (odan_pg_store_open (conninfo, ODAN_PG_STORE_OPEN_READ_ONLY, &error));
  g_assert_error (error, ODAN_STORE_ERROR, ODAN_STORE_ERROR_TOO_NEW);
  g_assert_nonnull (strstr (error->message, "99"));
  g_clear_error (&error);
  g_assert_nonnull (store);

  /* a database of another program */
  create_db ("foreign");
  odan_pg_fixture_sql (server, "foreign", "CREATE TABLE accounts (id int)", &error);
  g_assert_no_error (error);
  other = odan_pg_fixture_conninfo (server, "odan", "foreign");
  g_assert_null (odan_pg_store_open (other, ODAN_PG_STORE_OPEN_DEFAULT, &error));
  g_assert_error (error, ODAN_STORE_ERROR, ODAN_STORE_ERROR_NOT_EXERCISE);
  g_clear_error (&error);

  /* a role that takes no part */
  odan_pg_fixture_sql (server, "postgres", "CREATE ROLE stranger LOGIN", &error);
  g_assert_no_error (error);
  g_free (other);
  other = odan_pg_fixture_conninfo (server, "stranger", "toonew");
  odan_pg_fixture_sql (server, "toonew", "UPDATE odan.schema_version SET version = 1", &error);
  g_assert_no_error (error);
  /* kept out at the door: CONNECT is the exercise's roles' only */
  g_assert_null (odan_pg_store_open (other, ODAN_PG_STORE_OPEN_DEFAULT, &error));
  g_assert_error (error, ODAN_STORE_ERROR, ODAN_STORE_ERROR_IO);
  g_assert_nonnull (strstr (error->message, "CONNECT"));
  g_clear_error (&error);
  /* and let in by an administrator, still no part of the exercise */
  odan_pg_fixture_sql (server, "toonew", "GRANT CONNECT ON DATABASE toonew TO stranger", &error);
  g_assert_no_error (error);
  g_assert_null (odan_pg_store_open (other, ODAN_PG_STORE_OPEN_DEFAULT, &error));
  g_assert_error (error, ODAN_STORE_ERROR, ODAN_STORE_ERROR_DENIED);
}

/* A raw connection as @role: what any program with the team's password could do. */
static PGconn *
raw_as (const char *db,
        const char *role)
{
  g_autofree char *conninfo = odan_pg_fixture_conninfo (server, role, db);
  PGconn *conn = PQconnectdb (conninfo);

  g_assert_cmpint (PQstatus (conn), ==, CONNECTION_OK);
  return conn;
}

/* The SQLSTATE of @sql, or "" when it succeeded; *@rows its row count. */
static char *
attempt (PGconn     *conn,
         const char *sql,
         int        *rows)
{
  PGresult *res = PQexec (conn, sql);
  const char *state = PQresultErrorField (res, PG_DIAG_SQLSTATE);
  char *out = g_strdup (state != NULL ? state : "");

  if (rows != NULL)
    *rows = PQresultStatus (res) == PGRES_TUPLES_OK ? PQntuples (res) : -1;
  PQclear (res);
  return out;
}

static gboolean
delivery_reaches (const OdanEvent *event,
                  const char      *team)
{
  g_autofree const char **to = odan_event_get_strv (event, "to");

  if (odan_event_get_boolean (event, "to-all", FALSE))
    return TRUE;
  for (guint i = 0; to != NULL && to[i] != NULL; i++)
    if (strcmp (to[i], team) == 0)
      return TRUE;
  return FALSE;
}

/* What a team may see of the full log, by the rules in EXERCISE.md. */
static gboolean
team_may_see (const OdanEvent *event,
              const char      *team)
{
  switch (event->kind)
    {
    case ODAN_EVENT_CLOCK:
      return TRUE;
    case ODAN_EVENT_DELIVERY:
      return strcmp (odan_event_action_to_string (event), "skipped") != 0
             && (delivery_reaches (event, team) || g_strcmp0 (odan_event_get_string (event, "via"), team) == 0);
    case ODAN_EVENT_DECISION:
    case ODAN_EVENT_ACK:
    case ODAN_EVENT_OBSERVATION:
    case ODAN_EVENT_MITIGATION:
      return g_strcmp0 (event->team, team) == 0;
    case ODAN_EVENT_RESCHEDULE:
    default:
      return FALSE;
    }
}

static void
test_row_level_security (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(OdanExercise) exercise = NULL;
  g_autoptr(OdanStore) water = NULL;
  g_autoptr(OdanStore) evaluator = NULL;
  g_autoptr(GHashTable) files = NULL;
  g_autoptr(GPtrArray) all = NULL;
  g_autoptr(GPtrArray) seen = NULL;
  g_autoptr(GString) others = g_string_new (NULL);
  g_autoptr(OdanEvent) mine = NULL;
  g_autoptr(OdanEvent) forged = NULL;
  g_autoptr(OdanEvent) verdict = NULL;
  GVariantBuilder builder;
  PGconn *conn;
  char *state;
  int rows;
  guint j = 0;

  NEED_SERVER ();
  exercise = new_exercise ("rls", "example");
  odan_exercise_start (exercise, ODAN_CLOCK_STEP, 1.0, &error);
  g_assert_no_error (error);
  odan_exercise_advance_to (exercise, 6 * 60, &error);
  g_assert_no_error (error);
  odan_exercise_observe (exercise, "the power team is slow", "power", 0, "evaluator", &error);
  g_assert_no_error (error);

  water = open_as ("rls", odan_pg_fixture_role (server, "rls", "team", "water"), ODAN_PG_STORE_OPEN_DEFAULT);
  g_assert_cmpint (odan_store_get_role (water), ==, ODAN_STORE_ROLE_TEAM);
  g_assert_cmpstr (odan_store_get_team (water), ==, "water");

  /* the pack: scenario.ini, teams and sectors, its own mitigations; never the MSEL or the model */
  files = odan_store_read_pack (water, &error);
  g_assert_no_error (error);
  g_assert_true (g_hash_table_contains (files, "teams.csv"));
  g_assert_true (g_hash_table_contains (files, "sectors.csv"));
  /* T0 and the duration, for its own client (deadlines.csv and relay.csv too: test_team_client) */
  g_assert_true (g_hash_table_contains (files, "scenario.ini"));
  g_assert_false (g_hash_table_contains (files, "injects.csv"));
  g_assert_false (g_hash_table_contains (files, "nodes.csv"));
  g_assert_false (g_hash_table_contains (files, "dependencies.csv"));
  {
    GBytes *mitigations = g_hash_table_lookup (files, "mitigations.csv");
    g_autofree char *text = g_strndup (g_bytes_get_data (mitigations, NULL), g_bytes_get_size (mitigations));

    /* M-01 is the power team's own, M-04 the water team's */
    g_assert_null (strstr (text, "M-01,"));
    g_assert_nonnull (strstr (text, "M-04,"));
  }

  /* the log: exactly what reached it */
  all = read_all (odan_exercise_get_store (exercise));
  seen = read_all (water);
  for (guint i = 0; i < all->len; i++)
    {
      const OdanEvent *event = g_ptr_array_index (all, i);

      if (team_may_see (event, "water"))
        {
          const OdanEvent *got;

          g_assert_cmpuint (j, <, seen->len);
          got = g_ptr_array_index (seen, j++);
          g_assert_cmpint (got->id, ==, event->id);
          /* without the model's keys */
          g_assert_null (odan_event_get_string (got, "effect"));
        }
      else if (event->kind == ODAN_EVENT_DELIVERY)
        g_string_append_printf (others, "%s%" G_GINT64_FORMAT, others->len > 0 ? "," : "", event->id);
    }
  g_assert_cmpuint (j, ==, seen->len);
  g_assert_cmpuint (others->len, >, 0);

  /* the same through SQL, as any program holding the team's login would try */
  conn = raw_as ("rls", odan_pg_fixture_role (server, "rls", "team", "water"));
  state = attempt (conn, "SELECT content FROM odan.pack_files WHERE name = 'injects.csv'", &rows);
  g_assert_cmpstr (state, ==, "");
  g_assert_cmpint (rows, ==, 0);
  g_free (state);
  state = attempt (conn, "SELECT content FROM odan.pack_files WHERE name IN ('nodes.csv', 'dependencies.csv')", &rows);
  g_assert_cmpint (rows, ==, 0);
  g_free (state);
  {
    g_autofree char *sql = g_strdup_printf ("SELECT id FROM odan.events WHERE id IN (%s)", others->str);

    state = attempt (conn, sql, &rows);
    g_assert_cmpstr (state, ==, "");
    g_assert_cmpint (rows, ==, 0);
    g_free (state);
  }
  state = attempt (conn, "SELECT id FROM odan.events WHERE kind = 'reschedule' OR (kind = 'observation' AND team <> 'water')", &rows);
  g_assert_cmpint (rows, ==, 0);
  g_free (state);
  state = attempt (conn, "SELECT payload FROM odan.events", &rows);
  g_assert_cmpstr (state, ==, "42501");
  g_free (state);
  state = attempt (conn, "SELECT details->>'effect' FROM odan.events", &rows);
  g_assert_cmpstr (state, ==, "42501");
  g_free (state);
  state = attempt (conn, "SELECT * FROM odan.log_head", &rows);
  g_assert_cmpstr (state, ==, "42501");
  g_free (state);
  state = attempt (conn, "SELECT team FROM odan.recipients WHERE team NOT IN ('water', '*')", &rows);
  g_assert_cmpint (rows, ==, 0);
  g_free (state);
  state = attempt (conn, "INSERT INTO odan.events (token, kind, action, minute, wall, actor, team, summary,"
                         " details, payload, public_payload) VALUES (gen_random_uuid (), 'decision', 'other', 0,"
                         " '', 'power', 'power', 'forged', '{}', '', '')", NULL);
  g_assert_cmpstr (state, ==, "42501");
  g_free (state);
  state = attempt (conn, "UPDATE odan.events SET summary = 'changed'", NULL);
  g_assert_cmpstr (state, ==, "42501");
  g_free (state);
  state = attempt (conn, "DELETE FROM odan.events", NULL);
  g_assert_cmpstr (state, ==, "42501");
  g_free (state);
  state = attempt (conn, "INSERT INTO odan.recipients VALUES (1, 'water')", NULL);
  g_assert_cmpstr (state, ==, "42501");
  g_free (state);
  PQfinish (conn);

  /* through the store: its own decision yes, another team's or a verdict no */
  g_variant_builder_init (&builder, G_VARIANT_TYPE_VARDICT);
  g_variant_builder_add (&builder, "{sv}", "by", g_variant_new_string ("water desk"));
  mine = odan_event_new_from_words (odan_event_kind_to_string (ODAN_EVENT_DECISION), "other", 0, g_variant_builder_end (&builder));
  mine->actor = g_strdup ("water");
  mine->team = g_strdup ("water");
  mine->wall = odan_wall_time_format (g_get_real_time ());
  odan_store_append_event (water, mine, &error);
  g_assert_no_error (error);
  /* logged at the log's time, not the client's */
  g_assert_cmpfloat (mine->minute, ==, odan_exercise_get_minute (exercise));

  forged = odan_event_copy (mine);
  forged->id = 0;
  g_free (forged->team);
  g_free (forged->actor);
  forged->team = g_strdup ("power");
  forged->actor = g_strdup ("power");
  g_assert_false (odan_store_append_event (water, forged, &error));
  g_assert_error (error, ODAN_STORE_ERROR, ODAN_STORE_ERROR_DENIED);
  g_assert_cmpint (forged->id, ==, 0);
  g_clear_error (&error);

  g_variant_builder_init (&builder, G_VARIANT_TYPE_VARDICT);
  g_variant_builder_add (&builder, "{sv}", "mitigation-status", g_variant_new_string ("accepted"));
  verdict = odan_event_new_from_words (odan_event_kind_to_string (ODAN_EVENT_DECISION), "business-continuity", 0, g_variant_builder_end (&builder));
  verdict->actor = g_strdup ("water");
  verdict->team = g_strdup ("water");
  verdict->subject = g_strdup ("M-02");
  verdict->wall = g_strdup ("");
  g_assert_false (odan_store_append_event (water, verdict, &error));
  g_assert_error (error, ODAN_STORE_ERROR, ODAN_STORE_ERROR_DENIED);
  g_clear_error (&error);

  /* an evaluator reads everything, writes only observations */
  evaluator = open_as ("rls", odan_pg_fixture_role (server, "rls", "evaluator", NULL), ODAN_PG_STORE_OPEN_DEFAULT);
  g_assert_cmpint (odan_store_get_role (evaluator), ==, ODAN_STORE_ROLE_EVALUATOR);
  g_assert_null (odan_store_get_team (evaluator));
  g_clear_pointer (&seen, g_ptr_array_unref);
  seen = read_all (evaluator);
  g_assert_cmpuint (seen->len, ==, all->len + 1);
  g_assert_false (odan_store_append_event (evaluator, forged, &error));
  g_assert_error (error, ODAN_STORE_ERROR, ODAN_STORE_ERROR_DENIED);
  g_clear_error (&error);

  /* the facilitator reopens the log with the team's decision in it */
  {
    g_autoptr(OdanStore) again = open_as ("rls", odan_pg_fixture_role (server, "rls", "facilitator", NULL), ODAN_PG_STORE_OPEN_READ_ONLY);
    g_autoptr(OdanExercise) reopened = odan_exercise_new (again, &error);

    g_assert_cmpint (odan_store_get_role (again), ==, ODAN_STORE_ROLE_FACILITATOR);
    g_assert_null (odan_store_get_team (again));

    g_assert_no_error (error);
    g_assert_cmpuint (odan_exercise_get_n_events (reopened), ==, all->len + 1);
  }
}

/* ------------------------------------------------------------------ */
/* The drill: one facilitator, 50 offices */

#define N_CLIENTS 50

typedef struct {
  char  *team;
  char  *out_path;
  GPid   pid;
  int    status;
  gboolean done;
} Office;

static void
on_client_exit (GPid     pid,
                int      status,
                gpointer user_data)
{
  Office *office = user_data;

  office->status = status;
  office->done = TRUE;
  g_spawn_close_pid (pid);
}

static char *
run_cli (const char *const *argv)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *err = NULL;
  char *out = NULL;
  int status = 0;

  g_spawn_sync (NULL, (char **) argv, NULL, 0, NULL, NULL, &out, &err, &status, &error);
  g_assert_no_error (error);
  if (!g_spawn_check_wait_status (status, NULL))
    g_error ("%s failed: %s", argv[1], err);
  return out;
}

static GArray *
read_ids (const char *path,
          const char *prefix)
{
  g_autofree char *text = NULL;
  g_auto(GStrv) lines = NULL;
  GArray *ids = g_array_new (FALSE, FALSE, sizeof (gint64));

  g_assert_true (g_file_get_contents (path, &text, NULL, NULL));
  lines = g_strsplit (text, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    if (g_str_has_prefix (lines[i], prefix))
      {
        gint64 id = g_ascii_strtoll (lines[i] + strlen (prefix), NULL, 10);
        g_array_append_val (ids, id);
      }
  return ids;
}

/* A CEPTOAR's simulated members on a server: the same answers and the same
 * reach as in a file, and a team's connection never reads them. */
static void
test_members (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *owner = NULL;
  g_autofree char *pack = scenario ("ceptoar-drill");
  g_autofree char *tmp = NULL;
  g_autofree char *csv = NULL;
  g_autofree char *file = NULL;
  g_autofree char *on_server = NULL;
  g_autofree char *in_file = NULL;
  g_autofree char *team_conninfo = NULL;
  g_autoptr(OdanStore) team = NULL;
  g_autoptr(OdanStore) reader = NULL;
  g_autoptr(GPtrArray) all = NULL;
  g_autoptr(GPtrArray) seen = NULL;
  const char *cli = g_getenv ("ODAN_CLI");
  guint n_members = 0;

  NEED_SERVER ();
  g_assert_nonnull (cli);
  create_db ("members");
  owner = odan_pg_fixture_conninfo (server, "odan", "members");
  tmp = g_dir_make_tmp ("odan-members-XXXXXX", &error);
  g_assert_no_error (error);
  csv = g_build_filename (tmp, "drill.csv", NULL);
  file = g_build_filename (tmp, "drill.odan", NULL);
  g_assert_true (g_file_set_contents (csv,
    "time,team,category,summary,inject,recipients,channel\n"
    "+5m,mic,received,,D-01,,\n"
    "+12m,mic,information-sharing,Forward to our CEPTOARs,D-01,ceptoar,\n"
    "+20m,t-ceptoar,received,,D-01,,\n"
    "+40m,t-ceptoar,information-sharing,Relay to our members,D-01,members,\n", -1, NULL));
  {
    const char *argv[] = { cli, "play", pack, "--exercise", owner, "--decisions", csv, "--until", "6h", NULL };
    g_free (run_cli (argv));
  }
  {
    const char *argv[] = { cli, "play", pack, "--exercise", file, "--decisions", csv, "--until", "6h", NULL };
    g_free (run_cli (argv));
  }
  {
    const char *argv[] = { cli, "reach", owner, "--format", "csv", NULL };
    on_server = run_cli (argv);
  }
  {
    const char *argv[] = { cli, "reach", file, "--format", "csv", NULL };
    in_file = run_cli (argv);
  }
  g_assert_cmpstr (on_server, ==, in_file);
  g_assert_nonnull (strstr (on_server, "\nt-ceptoar,ceptoar-members,24,"));

  reader = ODAN_STORE (odan_pg_store_open (owner, ODAN_PG_STORE_OPEN_READ_ONLY, &error));
  g_assert_no_error (error);
  all = read_all (reader);
  for (guint i = 0; i < all->len; i++)
    n_members += odan_event_get_uint32 (g_ptr_array_index (all, i), "member", 0) > 0;
  g_assert_cmpuint (n_members, >, 0);

  /* T-CEPTOAR's own connection sees its forward, not its members' answers */
  team_conninfo = odan_pg_fixture_conninfo (server, odan_pg_fixture_role (server, "members", "team", "t-ceptoar"), "members");
  team = ODAN_STORE (odan_pg_store_open (team_conninfo, ODAN_PG_STORE_OPEN_DEFAULT, &error));
  g_assert_no_error (error);
  seen = read_all (team);
  g_assert_cmpuint (seen->len, >, 0);
  for (guint i = 0; i < seen->len; i++)
    g_assert_cmpuint (odan_event_get_uint32 (g_ptr_array_index (seen, i), "member", 0), ==, 0);
  odan_test_remove_tree (tmp);
}

static void
test_drill (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *owner = NULL;
  g_autofree char *pack = scenario ("ceptoar-drill");
  g_autofree char *tmp = NULL;
  g_autofree char *printed = NULL;
  g_autoptr(OdanStore) store = NULL;
  g_autoptr(GPtrArray) all = NULL;
  g_autoptr(GHashTable) by_id = g_hash_table_new (g_int64_hash, g_int64_equal);
  g_autoptr(GHashTable) delivered = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GMainContext) context = NULL;
  const char *cli = g_getenv ("ODAN_CLI");
  const char *client_exe = g_getenv ("ODAN_MULTISITE_CLIENT");
  Office offices[N_CLIENTS] = { 0 };
  g_autoptr(GPtrArray) teams = g_ptr_array_new_with_free_func (g_free);
  guint n_written = 0, n_team_events = 0;

  NEED_SERVER ();
  g_assert_nonnull (cli);
  g_assert_nonnull (client_exe);
  create_db ("drill");
  owner = odan_pg_fixture_conninfo (server, "odan", "drill");
  tmp = g_dir_make_tmp ("odan-drill-XXXXXX", &error);
  g_assert_no_error (error);

  /* phase 1: the console creates the exercise and plays the first two hours */
  {
    const char *argv[] = { cli, "play", pack, "--exercise", owner, "--until", "+2h", NULL };
    printed = run_cli (argv);
  }
  store = odan_pg_store_open (owner, ODAN_PG_STORE_OPEN_READ_ONLY, &error);
  g_assert_no_error (error);
  {
    g_autoptr(GHashTable) files = odan_store_read_pack (store, &error);
    GBytes *csv = g_hash_table_lookup (files, "teams.csv");
    g_autofree char *text = g_strndup (g_bytes_get_data (csv, NULL), g_bytes_get_size (csv));
    g_auto(GStrv) lines = g_strsplit (text, "\n", -1);

    for (guint i = 1; lines[i] != NULL; i++)
      if (lines[i][0] != '\0')
        g_ptr_array_add (teams, g_strndup (lines[i], strcspn (lines[i], ",")));
  }
  g_assert_cmpuint (teams->len, >=, N_CLIENTS / 2);

  /* 50 offices: two per team for the first 25 teams, one deciding, one acknowledging */
  for (guint i = 0; i < N_CLIENTS; i++)
    {
      Office *office = &offices[i];
      g_autofree char *role = NULL;
      g_autofree char *conninfo = NULL;
      const char *argv[4];
      int fd;

      office->team = g_strdup (g_ptr_array_index (teams, i / 2));
      role = g_strdup (odan_pg_fixture_role (server, "drill", "team", office->team));
      conninfo = odan_pg_fixture_conninfo (server, role, "drill");
      office->out_path = g_strdup_printf ("%s/office-%02u.txt", tmp, i);
      fd = g_open (office->out_path, O_WRONLY | O_CREAT | O_TRUNC, 0644);
      g_assert_cmpint (fd, >=, 0);
      argv[0] = client_exe;
      argv[1] = conninfo;
      argv[2] = i % 2 == 0 ? "decide" : "ack";
      argv[3] = NULL;
      g_spawn_async_with_fds (NULL, (char **) argv, NULL, G_SPAWN_DO_NOT_REAP_CHILD, NULL, NULL,
                              &office->pid, -1, fd, -1, &error);
      g_assert_no_error (error);
      close (fd);
      g_child_watch_add (office->pid, on_client_exit, office);
    }

  /* the server restarts in the middle: every office loses its connection */
  odan_pg_fixture_restart (server, &error);
  g_assert_no_error (error);
  {
    const char *argv[] = { cli, "play", pack, "--exercise", owner, "--until", "+8h", NULL };
    g_autofree char *more = run_cli (argv);
    char *joined = g_strconcat (printed, more, NULL);

    g_free (printed);
    printed = joined;
  }
  /* and the offices' connections are cut by the administrator */
  odan_pg_fixture_sql (server, "drill",
                       "SELECT pg_terminate_backend (pid) FROM pg_stat_activity "
                       "WHERE usename IN (SELECT role FROM odan.members WHERE kind = 'team')", &error);
  g_assert_no_error (error);
  {
    const char *argv[] = { cli, "play", pack, "--exercise", owner, NULL };
    g_autofree char *more = run_cli (argv);
    char *joined = g_strconcat (printed, more, NULL);

    g_free (printed);
    printed = joined;
  }

  for (guint i = 0; i < N_CLIENTS; i++)
    while (!offices[i].done)
      g_main_context_iteration (NULL, TRUE);

  /* the whole log, as its owner reads it */
  g_object_unref (g_steal_pointer (&store));
  store = odan_pg_store_open (owner, ODAN_PG_STORE_OPEN_READ_ONLY, &error);
  g_assert_no_error (error);
  all = read_all (store);
  for (guint i = 0; i < all->len; i++)
    {
      OdanEvent *event = g_ptr_array_index (all, i);

      g_assert_cmpint (event->id, ==, (gint64) i + 1);   /* no gaps, no repeats */
      g_hash_table_insert (by_id, &event->id, event);
      if (event->kind == ODAN_EVENT_DELIVERY && event->subject != NULL && strcmp (odan_event_action_to_string (event), "skipped") != 0)
        {
          g_assert_false (g_hash_table_contains (delivered, event->subject));
          g_hash_table_add (delivered, event->subject);
        }
      if (event->kind == ODAN_EVENT_DECISION || event->kind == ODAN_EVENT_ACK)
        n_team_events++;
    }
  g_assert_cmpuint (g_hash_table_size (delivered), >, 0);

  /* every id the facilitator printed is there */
  {
    g_auto(GStrv) lines = g_strsplit (printed, "\n", -1);
    guint n = 0;

    for (guint i = 0; lines[i] != NULL; i++)
      {
        gint64 id;
        char *end = NULL;

        id = g_ascii_strtoll (lines[i], &end, 10);
        if (end == lines[i] || id <= 0)
          continue;
        g_assert_true (g_hash_table_contains (by_id, &id));
        n++;
      }
    g_assert_cmpuint (n, >, 0);
  }

  for (guint i = 0; i < N_CLIENTS; i++)
    {
      Office *office = &offices[i];
      g_autoptr(GArray) read = read_ids (office->out_path, "read ");
      g_autoptr(GArray) wrote = read_ids (office->out_path, "wrote ");
      gint64 last;
      guint k = 0;

      if (!g_spawn_check_wait_status (office->status, &error))
        g_error ("office %u (%s): %s", i, office->team, error->message);
      g_assert_cmpuint (read->len, >, 0);
      last = g_array_index (read, gint64, read->len - 1);
      /* exactly the events it may see, each once, up to where it stopped */
      for (guint j = 0; j < all->len; j++)
        {
          const OdanEvent *event = g_ptr_array_index (all, j);

          if (event->id > last || !team_may_see (event, office->team))
            continue;
          g_assert_cmpuint (k, <, read->len);
          g_assert_cmpint (g_array_index (read, gint64, k), ==, event->id);
          k++;
        }
      g_assert_cmpuint (k, ==, read->len);
      /* what it wrote is in the log, once, as its own */
      for (guint j = 0; j < wrote->len; j++)
        {
          const OdanEvent *event = g_hash_table_lookup (by_id, &g_array_index (wrote, gint64, j));

          g_assert_nonnull (event);
          g_assert_cmpstr (event->team, ==, office->team);
          g_assert_cmpint (event->kind, ==, i % 2 == 0 ? ODAN_EVENT_DECISION : ODAN_EVENT_ACK);
        }
      n_written += wrote->len;
    }
  /* nothing written twice by a retry */
  g_assert_cmpuint (n_written, ==, n_team_events);
  g_assert_cmpuint (n_written, >, N_CLIENTS);

  /* the model: facilitator and evaluator compute it alike from the shared log */
  {
    g_autofree char *facilitator = odan_pg_fixture_conninfo (server, odan_pg_fixture_role (server, "drill", "facilitator", NULL), "drill");
    g_autofree char *evaluator = odan_pg_fixture_conninfo (server, odan_pg_fixture_role (server, "drill", "evaluator", NULL), "drill");
    const char *times[] = { "+30m", "+1h15m", "+3h", "+12h", "+1d" };

    for (guint i = 0; i < G_N_ELEMENTS (times); i++)
      {
        const char *a[] = { cli, "state", facilitator, "--at", times[i], NULL };
        const char *b[] = { cli, "state", evaluator, "--at", times[i], NULL };
        g_autofree char *state_a = run_cli (a);
        g_autofree char *state_b = run_cli (b);

        g_assert_cmpstr (state_a, ==, state_b);
        g_assert_true (g_str_has_prefix (state_a, "node,operability\n"));
      }
  }
  /* and `odan-cli log` for a team prints its view */
  {
    g_autofree char *role = g_strdup (odan_pg_fixture_role (server, "drill", "team", offices[0].team));
    g_autofree char *conninfo = odan_pg_fixture_conninfo (server, role, "drill");
    const char *argv[] = { cli, "log", conninfo, NULL };
    g_autofree char *log = run_cli (argv);
    g_auto(GStrv) lines = g_strsplit (log, "\n", -1);
    guint expected = 0;

    for (guint j = 0; j < all->len; j++)
      expected += team_may_see (g_ptr_array_index (all, j), offices[0].team);
    /* the header and one line per event (no field spans lines in this pack's log) */
    g_assert_cmpuint (g_strv_length (lines) - 2, ==, expected);
  }

  for (guint i = 0; i < N_CLIENTS; i++)
    {
      g_unlink (offices[i].out_path);
      g_free (offices[i].out_path);
      g_free (offices[i].team);
    }
  g_rmdir (tmp);
}

/* ------------------------------------------------------------------ */
/* The main-loop watch */

typedef struct {
  GArray  *ids;
  gint64   until;
  GMainLoop *loop;
} Watched;

static gboolean
on_watched (OdanEvent *event,
            gpointer   user_data,
            GError   **error)
{
  Watched *watched = user_data;

  g_array_append_val (watched->ids, event->id);
  if (event->id >= watched->until)
    g_main_loop_quit (watched->loop);
  odan_event_free (event);
  return TRUE;
}

/* OdanStore::connection-changed, as words in @user_data (a GString). */
static void
on_connection_changed (OdanStore *store,
                       gboolean   connected,
                       gpointer   user_data)
{
  g_string_append (user_data, connected ? "back;" : "lost;");
}

static gboolean
give_up (gpointer user_data)
{
  g_error ("the watch saw nothing new for two minutes");
  return G_SOURCE_REMOVE;
}

static void
test_watch (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(OdanExercise) exercise = NULL;
  g_autoptr(OdanStore) evaluator = NULL;
  g_autoptr(GMainLoop) loop = g_main_loop_new (NULL, FALSE);
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GString) changes = g_string_new (NULL);
  Watched watched = { ids, 0, loop };
  guint guard;

  NEED_SERVER ();
  exercise = new_exercise ("watch", "example");
  odan_exercise_start (exercise, ODAN_CLOCK_STEP, 1.0, &error);
  g_assert_no_error (error);
  evaluator = open_as ("watch", odan_pg_fixture_role (server, "watch", "evaluator", NULL), ODAN_PG_STORE_OPEN_DEFAULT);
  g_signal_connect (evaluator, "connection-changed", G_CALLBACK (on_connection_changed), changes);

  /* what is there already comes first */
  watched.until = odan_exercise_get_event (exercise, odan_exercise_get_n_events (exercise) - 1)->id;
  g_assert_true (odan_store_watch (evaluator, 0, on_watched, &watched, NULL));
  guard = g_timeout_add_seconds (120, give_up, NULL);
  g_main_loop_run (loop);

  /* then each new one, also across a restart of the server */
  for (guint round = 0; round < 3; round++)
    {
      if (round == 1)
        {
          odan_pg_fixture_restart (server, &error);
          g_assert_no_error (error);
        }
      watched.until = odan_exercise_step (exercise, &error);
      g_assert_no_error (error);
      g_main_loop_run (loop);
    }
  g_source_remove (guard);
  odan_store_unwatch (evaluator);

  /* the restart, told through the interface: lost once, then back before
   * the watch could hand on anything logged after it */
  g_assert_cmpstr (changes->str, ==, "lost;back;");
  g_assert_cmpuint (ids->len, ==, odan_exercise_get_n_events (exercise));
  for (guint i = 0; i < ids->len; i++)
    g_assert_cmpint (g_array_index (ids, gint64, i), ==, odan_exercise_get_event (exercise, i)->id);
}

/* ------------------------------------------------------------------ */
/* Following: the facilitator's exercise takes in what teams log elsewhere */

typedef struct {
  GArray  *ids;       /* gint64: every "event-added", in order */
} Followed;

static void
on_followed (OdanExercise *exercise,
             OdanEvent    *event,
             gpointer      user_data)
{
  Followed *followed = user_data;

  g_array_append_val (followed->ids, event->id);
}

/* Iterates the main context until @exercise holds @n events; the cap is
 * generous and only there so that a broken watch fails instead of hanging. */
static void
await_events (OdanExercise *exercise,
              guint         n)
{
  guint guard = g_timeout_add_seconds (120, give_up, NULL);

  for (guint i = 0; odan_exercise_get_n_events (exercise) < n; i++)
    {
      g_assert_cmpuint (i, <, 1000000);
      g_main_context_iteration (NULL, TRUE);
    }
  g_source_remove (guard);
}

/* A team's event as a team's own office writes it (odan-multisite-client):
 * the server gives it the log's last minute. */
static gint64
team_append (OdanStore       *team,
             OdanEventKind    kind,
             const char      *action,
             const char      *subject,
             gint64           ref,
             const char      *summary)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(OdanEvent) event = odan_event_new_from_words (odan_event_kind_to_string (kind), action, 0, NULL);

  event->actor = g_strdup ("power");
  event->team = g_strdup ("power");
  event->subject = g_strdup (subject);
  event->ref = ref;
  if (summary != NULL)
    {
      g_free (event->summary);
      event->summary = g_strdup (summary);
    }
  event->wall = odan_wall_time_format (g_get_real_time ());
  odan_store_append_event (team, event, &error);
  g_assert_no_error (error);
  g_assert_cmpint (event->id, >, 0);
  return event->id;
}

static void
assert_same_exercise (OdanExercise *a,
                      OdanExercise *b)
{
  const OdanPack *pack = odan_exercise_get_pack (a);

  g_assert_cmpuint (odan_exercise_get_n_events (a), ==, odan_exercise_get_n_events (b));
  for (guint i = 0; i < odan_exercise_get_n_events (a); i++)
    {
      const OdanEvent *x = odan_exercise_get_event (a, i);
      const OdanEvent *y = odan_exercise_get_event (b, i);
      g_autofree char *dx = odan_exercise_describe_event (a, x);
      g_autofree char *dy = odan_exercise_describe_event (b, y);

      g_assert_cmpint (x->id, ==, y->id);
      g_assert_cmpfloat (x->minute, ==, y->minute);
      g_assert_cmpstr (dx, ==, dy);
    }
  g_assert_cmpuint (odan_exercise_get_decisions (a)->len, ==, odan_exercise_get_decisions (b)->len);
  for (guint p = 0; p < pack->n_pools; p++)
    g_assert_cmpuint (odan_exercise_get_pool_available (a, p), ==, odan_exercise_get_pool_available (b, p));
  g_assert_cmpfloat (odan_exercise_get_minute (a), ==, odan_exercise_get_minute (b));
  g_assert_cmpfloat (odan_exercise_get_next_due (a), ==, odan_exercise_get_next_due (b));
  for (guint n = 0; n < pack->n_nodes; n++)
    {
      g_autofree char *ea = odan_exercise_explain (a, n);
      g_autofree char *eb = odan_exercise_explain (b, n);

      g_assert_cmpstr (ea, ==, eb);
    }
}

static void
test_follow (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(OdanExercise) exercise = NULL;
  g_autoptr(OdanExercise) evaluator = NULL;
  g_autoptr(OdanExercise) reopened = NULL;
  g_autoptr(OdanStore) team = NULL;
  g_autoptr(OdanStore) evaluator_store = NULL;
  g_autoptr(OdanStore) again = NULL;
  g_autoptr(GPtrArray) seen = NULL;
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  Followed followed = { ids };
  const OdanEvent *delivery = NULL;
  gint64 decision, ack, proposal, late_ack, observation;
  guint before, n;

  NEED_SERVER ();
  exercise = new_exercise ("follow", "example");
  odan_exercise_start (exercise, ODAN_CLOCK_STEP, 1.0, &error);
  g_assert_no_error (error);
  odan_exercise_advance_to (exercise, 6 * 60, &error);
  g_assert_no_error (error);
  g_signal_connect (exercise, "event-added", G_CALLBACK (on_followed), &followed);
  odan_exercise_follow (exercise);
  g_assert_true (odan_exercise_is_following (exercise));
  /* an evaluator that syncs by hand instead of following */
  evaluator_store = open_as ("follow", odan_pg_fixture_role (server, "follow", "evaluator", NULL), ODAN_PG_STORE_OPEN_DEFAULT);
  evaluator = odan_exercise_new (evaluator_store, &error);
  g_assert_no_error (error);

  /* the team answers a delivery that reached it, from its own connection */
  team = open_as ("follow", odan_pg_fixture_role (server, "follow", "team", "power"), ODAN_PG_STORE_OPEN_DEFAULT);
  seen = read_all (team);
  for (guint i = 0; i < seen->len && delivery == NULL; i++)
    {
      const OdanEvent *e = g_ptr_array_index (seen, i);

      if (e->kind == ODAN_EVENT_DELIVERY && e->subject != NULL)
        delivery = e;
    }
  g_assert_nonnull (delivery);
  before = odan_exercise_get_n_events (exercise);
  decision = team_append (team, ODAN_EVENT_DECISION, "other", NULL, 0, "We run on the generators");
  ack = team_append (team, ODAN_EVENT_ACK, "received", delivery->subject, delivery->id, NULL);
  /* a mitigation chosen from the team's own connection: no verdict */
  proposal = team_append (team, ODAN_EVENT_DECISION, "business-continuity", "M-01", 0,
                          "Power vehicle to the hospital");
  await_events (exercise, before + 3);
  g_assert_cmpuint (ids->len, ==, 3);
  g_assert_cmpint (g_array_index (ids, gint64, 0), ==, decision);
  g_assert_cmpint (g_array_index (ids, gint64, 1), ==, ack);
  g_assert_cmpint (g_array_index (ids, gint64, 2), ==, proposal);
  {
    g_autofree char *text = odan_exercise_describe_event (exercise, odan_exercise_find_event (exercise, proposal));

    g_assert_nonnull (strstr (text, "not applied"));
  }
  /* a team gives no verdict: the proposal takes no pool and applies nothing */
  g_assert_true (isinf (odan_exercise_get_next_due (exercise))
                 || odan_exercise_get_next_due (exercise) != odan_exercise_get_minute (exercise) + 3 * 60);

  /* until the facilitator accepts it: then it is the facilitator's decision
   * for the team, and applies */
  {
    g_autoptr(GError) refused = NULL;
    g_autofree char *text = NULL;
    gint64 accepted = odan_exercise_accept_proposal (exercise, proposal, &error);

    g_assert_no_error (error);
    g_assert_cmpint (accepted, >, proposal);
    text = odan_exercise_describe_event (exercise, odan_exercise_find_event (exercise, accepted));
    g_assert_nonnull (strstr (text, "M-01, applies at"));
    g_assert_cmpstr (odan_exercise_find_event (exercise, accepted)->team, ==, "power");
    g_assert_false (odan_exercise_is_proposal (odan_exercise_find_event (exercise, accepted)));
    /* a decision without a mitigation is no proposal */
    g_assert_cmpint (odan_exercise_accept_proposal (exercise, decision, &refused), ==, 0);
    g_assert_error (refused, ODAN_EXERCISE_ERROR, ODAN_EXERCISE_ERROR_INVALID);
  }

  /* syncing by hand applies each once, however often it is called */
  odan_exercise_sync (evaluator, &error);
  g_assert_no_error (error);
  n = odan_exercise_get_n_events (evaluator);
  odan_exercise_sync (evaluator, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (odan_exercise_get_n_events (evaluator), ==, n);
  assert_same_exercise (exercise, evaluator);

  /* the facilitator's connection is cut by the administrator; the team
   * goes on logging meanwhile, and the watch catches up after reconnecting */
  odan_pg_fixture_sql (server, "follow",
                       "SELECT pg_terminate_backend (pid) FROM pg_stat_activity "
                       "WHERE datname = 'follow' AND usename = 'odan' AND pid <> pg_backend_pid ()", &error);
  g_assert_no_error (error);
  late_ack = team_append (team, ODAN_EVENT_ACK, "read", delivery->subject, delivery->id, NULL);
  await_events (exercise, before + 5);
  g_assert_cmpint (g_array_index (ids, gint64, ids->len - 1), ==, late_ack);

  /* the team logs, then the facilitator logs before its watch woke up:
   * the team's event is applied first, as on reopening */
  decision = team_append (team, ODAN_EVENT_DECISION, "other", NULL, 0, "Second thoughts");
  observation = odan_exercise_observe (exercise, "the power team answers fast", "power", 0, "evaluator", &error);
  g_assert_no_error (error);
  g_assert_cmpint (g_array_index (ids, gint64, ids->len - 2), ==, decision);
  g_assert_cmpint (g_array_index (ids, gint64, ids->len - 1), ==, observation);
  /* and the watch, waking up afterwards, applies nothing twice */
  odan_exercise_step (exercise, &error);
  g_assert_no_error (error);
  while (g_main_context_iteration (NULL, FALSE))
    ;
  for (guint i = 1; i < ids->len; i++)
    g_assert_cmpint (g_array_index (ids, gint64, i - 1), <, g_array_index (ids, gint64, i));
  g_assert_cmpuint (ids->len, ==, odan_exercise_get_n_events (exercise) - before);

  /* the state followed live equals a fresh reopening of the log */
  again = open_as ("follow", "odan", ODAN_PG_STORE_OPEN_READ_ONLY);
  reopened = odan_exercise_new (again, &error);
  g_assert_no_error (error);
  assert_same_exercise (exercise, reopened);
  odan_exercise_sync (evaluator, &error);
  g_assert_no_error (error);
  assert_same_exercise (exercise, evaluator);
  g_assert_cmpuint (odan_pg_store_get_reconnects (ODAN_PG_STORE (odan_exercise_get_store (exercise))), >=, 1);

  odan_exercise_unfollow (exercise);
  g_assert_false (odan_exercise_is_following (exercise));
}

/* The deliveries of @exercise, up to now, that reached @team. */
static GArray *
deliveries_reaching (OdanExercise *exercise,
                     guint32       team)
{
  GArray *ids = g_array_new (FALSE, FALSE, sizeof (gint64));

  for (guint i = 0; i < odan_exercise_get_n_events (exercise); i++)
    {
      const OdanEvent *event = odan_exercise_get_event (exercise, i);

      if (event->kind == ODAN_EVENT_DELIVERY && odan_exercise_delivery_reaches (exercise, event, team))
        g_array_append_val (ids, event->id);
    }
  return ids;
}

static void
assert_same_obligations (const GArray *a,
                         const GArray *b)
{
  g_assert_cmpuint (a->len, ==, b->len);
  for (guint i = 0; i < a->len; i++)
    {
      const OdanObligation *x = &g_array_index (a, OdanObligation, i);
      const OdanObligation *y = &g_array_index (b, OdanObligation, i);

      g_assert_cmpuint (x->deadline, ==, y->deadline);
      g_assert_cmpuint (x->team, ==, y->team);
      g_assert_cmpint (x->opened_by, ==, y->opened_by);
      g_assert_cmpfloat (x->due, ==, y->due);
      g_assert_cmpint (x->met_by, ==, y->met_by);
      g_assert_cmpint (x->state, ==, y->state);
    }
}

static guint
count_id (OdanExercise *exercise,
          gint64        id)
{
  guint n = 0;

  for (guint i = 0; i < odan_exercise_get_n_events (exercise); i++)
    n += odan_exercise_get_event (exercise, i)->id == id;
  return n;
}

/* A team plays from its own office: an OdanExercise over its own
 * connection loads its slice of the pack and applies what it may read. */
static void
test_team_client (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(OdanExercise) exercise = NULL;
  g_autoptr(OdanExercise) team = NULL;
  g_autoptr(OdanStore) store = NULL;
  g_autoptr(OdanTeamView) view = NULL;
  g_autoptr(GArray) reached = NULL;
  g_autoptr(GArray) own = NULL;
  g_autoptr(GArray) theirs = NULL;
  g_autoptr(GArray) logged = g_array_new (FALSE, FALSE, sizeof (gint64));
  const OdanPack *full, *slice;
  const OdanInboxEntry *entry;
  guint32 mic;
  gint64 id, ack;
  guint n_forwards = 0;

  NEED_SERVER ();
  exercise = new_exercise ("teamclient", "ceptoar-drill");
  full = odan_exercise_get_pack (exercise);
  mic = odan_pack_find_team (full, "mic");
  odan_exercise_start (exercise, ODAN_CLOCK_STEP, 1.0, &error);
  g_assert_no_error (error);
  /* D-01 reaches the five ministries at 0 min, D-02 only mhlw at 10 min */
  odan_exercise_advance_to (exercise, 12, &error);
  g_assert_no_error (error);

  store = open_as ("teamclient", odan_pg_fixture_role (server, "teamclient", "team", "mic"), ODAN_PG_STORE_OPEN_DEFAULT);
  team = odan_exercise_new (store, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (odan_exercise_get_team_client (team), ==, "mic");
  g_assert_null (odan_exercise_get_team_client (exercise));
  slice = odan_exercise_get_pack (team);
  g_assert_true (slice->team_slice);
  /* no model, no MSEL; its obligations and the channels' delays are there */
  g_assert_cmpuint (slice->n_nodes, ==, 0);
  g_assert_cmpuint (slice->n_edges, ==, 0);
  g_assert_cmpuint (slice->n_deadlines, ==, full->n_deadlines);
  g_assert_cmpuint (slice->n_relays, ==, full->n_relays);
  g_assert_cmpuint (slice->n_teams, ==, full->n_teams);
  for (guint i = 0; i < slice->n_injects; i++)
    g_assert_null (slice->injects[i].body);

  /* its view: exactly the deliveries that reached it, with their text */
  view = odan_team_view_new (team, "mic", odan_exercise_get_minute (team), &error);
  g_assert_no_error (error);
  reached = deliveries_reaching (exercise, mic);
  g_assert_cmpuint (reached->len, >, 0);
  g_assert_cmpuint (odan_team_view_get_n_inbox (view), ==, reached->len);
  for (guint i = 0; i < reached->len; i++)
    {
      guint32 inject;

      entry = odan_team_view_get_inbox (view, i);
      g_assert_cmpint (entry->delivery, ==, g_array_index (reached, gint64, i));
      inject = odan_pack_find_inject (full, entry->inject);
      g_assert_cmpuint (inject, !=, ODAN_NONE);
      g_assert_cmpstr (entry->title, ==, full->injects[inject].title);
      g_assert_cmpstr (entry->body, ==, full->injects[inject].body);
      g_assert_cmpstr (entry->inject, !=, "D-02");   /* mhlw's */
    }
  /* nothing upcoming: the slice knows no inject that has not reached it */
  for (guint i = 0; i < slice->n_injects; i++)
    {
      gboolean delivered = FALSE, trigger = FALSE;

      for (guint j = 0; j < odan_team_view_get_n_inbox (view); j++)
        delivered |= g_strcmp0 (odan_team_view_get_inbox (view, j)->inject, slice->injects[i].id) == 0;
      for (guint k = 0; k < slice->n_deadlines; k++)
        trigger |= slice->deadlines[k].trigger == i;
      g_assert_true (delivered || trigger);
      g_assert_true (isinf (slice->injects[i].time));
    }

  /* its obligations count down as the facilitator sees them */
  {
    g_autoptr(GArray) mine = odan_exercise_get_obligations (team, mic, 12);
    g_autoptr(GArray) seen = odan_exercise_get_obligations (exercise, mic, 12);

    g_assert_cmpuint (mine->len, >, 0);
    assert_same_obligations (mine, seen);
    for (guint i = 0; i < mine->len; i++)
      {
        const OdanObligation *o = &g_array_index (mine, OdanObligation, i);

        g_assert_cmpint (o->state, ==, ODAN_OBLIGATION_OPEN);
        g_assert_cmpfloat (o->due, >, 12);
      }
  }

  /* it acknowledges and decides through its own connection */
  entry = odan_team_view_get_inbox (view, 0);
  ack = odan_exercise_acknowledge (team, entry->delivery, "mic", ODAN_ACK_RECEIVED, "duty officer", &error);
  g_assert_no_error (error);
  g_array_append_val (logged, ack);
  {
    OdanDecision d = { 0 };
    char *recipients[] = { "ceptoar", NULL };
    guint32 inject = odan_pack_find_inject (slice, entry->inject);

    d.team = mic;
    d.mitigation = ODAN_NONE;
    d.inject = ODAN_NONE;
    for (OdanCategory c = ODAN_CATEGORY_BUSINESS_CONTINUITY; c <= ODAN_CATEGORY_OTHER; c++)
      {
        d.category = c;
        d.summary = (char *) odan_category_to_string (c);
        d.bcp = c == ODAN_CATEGORY_BUSINESS_CONTINUITY;
        d.channel = c == ODAN_CATEGORY_DISCLOSURE ? (char *) "press release" : NULL;
        d.audience = c == ODAN_CATEGORY_DISCLOSURE ? (char *) "the public" : NULL;
        d.ministry = c == ODAN_CATEGORY_MINISTRY_REPORT ? (char *) "nisc" : NULL;
        d.stage = c == ODAN_CATEGORY_MINISTRY_REPORT ? ODAN_REPORT_STAGE_INITIAL : ODAN_REPORT_STAGE_NONE;
        d.recipients = c == ODAN_CATEGORY_INFORMATION_SHARING ? recipients : NULL;
        d.inject = c == ODAN_CATEGORY_INFORMATION_SHARING ? inject : ODAN_NONE;
        id = odan_exercise_decide (team, &d, "duty officer", &error);
        g_assert_no_error (error);
        g_assert_cmpint (id, >, 0);
        g_array_append_val (logged, id);
      }
    /* only its own team */
    d.team = odan_pack_find_team (slice, "fsa");
    d.category = ODAN_CATEGORY_OTHER;
    d.summary = (char *) "not ours";
    g_assert_cmpint (odan_exercise_decide (team, &d, NULL, &error), ==, 0);
    g_assert_error (error, ODAN_EXERCISE_ERROR, ODAN_EXERCISE_ERROR_INVALID);
    g_clear_error (&error);
  }

  /* the facilitator takes each in once, and carries the forward when due */
  odan_exercise_sync (exercise, &error);
  g_assert_no_error (error);
  odan_exercise_sync (exercise, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < logged->len; i++)
    g_assert_cmpuint (count_id (exercise, g_array_index (logged, gint64, i)), ==, 1);
  odan_exercise_advance_to (exercise, 30, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < odan_exercise_get_n_events (exercise); i++)
    {
      const OdanEvent *event = odan_exercise_get_event (exercise, i);

      if (event->kind == ODAN_EVENT_DELIVERY && g_strcmp0 (odan_event_action_to_string (event), "forwarded") == 0)
        {
          g_assert_cmpint (event->ref, ==, g_array_index (logged, gint64, 4));
          n_forwards++;
        }
    }
  g_assert_cmpuint (n_forwards, ==, 1);

  /* the team's side follows: the same obligations, met by what it logged */
  odan_exercise_sync (team, &error);
  g_assert_no_error (error);
  own = odan_exercise_get_obligations (team, mic, 30);
  theirs = odan_exercise_get_obligations (exercise, mic, 30);
  assert_same_obligations (own, theirs);
  {
    gboolean met_by_ack = FALSE;

    for (guint i = 0; i < own->len; i++)
      met_by_ack |= g_array_index (own, OdanObligation, i).met_by == ack;
    g_assert_true (met_by_ack);
  }
  g_clear_pointer (&view, odan_team_view_free);
  view = odan_team_view_new (team, "mic", 30, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (odan_team_view_get_n_decisions (view), ==, 5);
  g_assert_cmpuint (odan_team_view_get_n_unacknowledged (view), ==, reached->len - 1);

  /* a team of the forward's recipients sees it arrive, as it was delivered */
  {
    g_autoptr(OdanStore) ceptoar_store = open_as ("teamclient", odan_pg_fixture_role (server, "teamclient", "team", "t-ceptoar"),
                                                  ODAN_PG_STORE_OPEN_DEFAULT);
    g_autoptr(OdanExercise) ceptoar = odan_exercise_new (ceptoar_store, &error);
    g_autoptr(OdanTeamView) theirs_view = NULL;
    g_autoptr(GArray) reached_ceptoar = NULL;
    gboolean forwarded = FALSE;

    g_assert_no_error (error);
    theirs_view = odan_team_view_new (ceptoar, "t-ceptoar", odan_exercise_get_minute (ceptoar), &error);
    g_assert_no_error (error);
    reached_ceptoar = deliveries_reaching (exercise, odan_pack_find_team (full, "t-ceptoar"));
    g_assert_cmpuint (odan_team_view_get_n_inbox (theirs_view), ==, reached_ceptoar->len);
    for (guint i = 0; i < odan_team_view_get_n_inbox (theirs_view); i++)
      forwarded |= g_strcmp0 (odan_team_view_get_inbox (theirs_view, i)->forwarded_by, "mic") == 0;
    g_assert_true (forwarded);
    g_assert_cmpuint (odan_team_view_get_n_decisions (theirs_view), ==, 0);
  }
}

/* What may be remembered of a connection string is libpq's reading of
 * it, not a search for the word: a percent-encoded keyword, a password in
 * the URI's user part and the key=value form all count, a database that
 * happens to be called "password" does not, and what libpq cannot parse is
 * never saved. Needs no server. */
/* ------------------------------------------------------------------ */
/* Members write in parallel, one sequencer orders the log (schema 5) */

#define N_WRITERS 50
#define N_WRITES  40

typedef struct {
  const char *db;
  const char *role;
  const char *team;
  guint       index;
  gint       *go;
  gint64      ids[N_WRITES];   /* what each append answered */
} Writer;

static gpointer
writer_thread (gpointer data)
{
  Writer *writer = data;
  g_autoptr(GError) error = NULL;
  g_autofree char *conninfo = odan_pg_fixture_conninfo (server, writer->role, writer->db);
  g_autoptr(OdanStore) store = odan_pg_store_open (conninfo, ODAN_PG_STORE_OPEN_DEFAULT, &error);

  g_assert_no_error (error);
  while (!g_atomic_int_get (writer->go))
    g_thread_yield ();
  for (guint j = 0; j < N_WRITES; j++)
    {
      g_autoptr(OdanEvent) event = odan_event_new_from_words (odan_event_kind_to_string (ODAN_EVENT_DECISION),
                                                               "other", 0, NULL);

      event->actor = g_strdup (writer->team);
      event->team = g_strdup (writer->team);
      g_free (event->summary);
      event->summary = g_strdup_printf ("writer %u write %u", writer->index, j);
      event->wall = odan_wall_time_format (g_get_real_time ());
      odan_store_append_event (store, event, &error);
      g_assert_no_error (error);
      writer->ids[j] = event->id;
    }
  return NULL;
}

/* 50 team connections append 40 decisions each while the facilitator logs
 * observations: every event is in the log exactly once, under the id its
 * writer was given, ids have no gap, each writer's events keep its order,
 * minutes never go back, and nothing is left waiting in the inbox. Holds
 * however the commits interleave: no timing is asserted. */
static void
test_concurrent_writers (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(OdanExercise) owner = NULL;
  g_autoptr(GPtrArray) threads = g_ptr_array_new ();
  g_autoptr(GPtrArray) events = NULL;
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autofree Writer *writers = g_new0 (Writer, N_WRITERS);
  g_autofree char *owner_conninfo = NULL;
  const OdanPack *pack;
  PGconn *raw;
  PGresult *res;
  gint go = 0;
  guint first, n_observations = 0;

  NEED_SERVER ();
  owner = new_exercise ("concurrent", "example");
  odan_exercise_start (owner, ODAN_CLOCK_STEP, 1.0, &error);
  g_assert_no_error (error);
  pack = odan_exercise_get_pack (owner);
  first = odan_exercise_get_n_events (owner);
  for (guint i = 0; i < N_WRITERS; i++)
    {
      writers[i].db = "concurrent";
      writers[i].team = pack->teams[i % pack->n_teams].id;
      writers[i].role = odan_pg_fixture_role (server, "concurrent", "team", writers[i].team);
      writers[i].index = i;
      writers[i].go = &go;
      g_ptr_array_add (threads, g_thread_new ("writer", writer_thread, &writers[i]));
    }
  g_atomic_int_set (&go, 1);
  /* the facilitator writes meanwhile: its append moves what waits first */
  for (guint j = 0; j < N_WRITES; j++)
    {
      odan_exercise_advance_to (owner, j + 1, &error);
      g_assert_no_error (error);
      odan_exercise_observe (owner, "facilitator's note", NULL, 0, "facilitator", &error);
      g_assert_no_error (error);
    }
  for (guint i = 0; i < threads->len; i++)
    g_thread_join (g_ptr_array_index (threads, i));

  /* the facilitator's store reads every event, in id order, without a gap */
  events = read_all (odan_exercise_get_store (owner));
  for (guint i = 0; i < events->len; i++)
    {
      const OdanEvent *e = g_ptr_array_index (events, i);

      g_assert_cmpint (e->id, ==, (gint64) i + 1);
      if (i > 0)
        g_assert_cmpfloat (e->minute, >=, ((const OdanEvent *) g_ptr_array_index (events, i - 1))->minute);
      if (e->kind == ODAN_EVENT_OBSERVATION && g_strcmp0 (e->summary, "facilitator's note") == 0)
        n_observations++;
      if (e->kind != ODAN_EVENT_DECISION)
        continue;
      g_assert_true (e->by_member);
      /* each once */
      g_assert_false (g_hash_table_contains (seen, e->summary));
      g_hash_table_add (seen, g_strdup (e->summary));
    }
  g_assert_cmpuint (n_observations, ==, N_WRITES);
  g_assert_cmpuint (g_hash_table_size (seen), ==, N_WRITERS * N_WRITES);
  g_assert_cmpuint (events->len, >=, first + N_WRITES + N_WRITERS * N_WRITES);

  /* each writer's events are where its appends said, in its own order */
  for (guint i = 0; i < N_WRITERS; i++)
    for (guint j = 0; j < N_WRITES; j++)
      {
        gint64 id = writers[i].ids[j];
        const OdanEvent *e = g_ptr_array_index (events, id - 1);
        g_autofree char *summary = g_strdup_printf ("writer %u write %u", i, j);

        g_assert_cmpstr (e->summary, ==, summary);
        g_assert_cmpstr (e->team, ==, writers[i].team);
        if (j > 0)
          g_assert_cmpint (id, >, writers[i].ids[j - 1]);
      }

  /* every append returned once its event was in the log: nothing waits */
  owner_conninfo = odan_pg_fixture_conninfo (server, "odan", "concurrent");
  raw = PQconnectdb (owner_conninfo);
  res = PQexec (raw, "SELECT (SELECT count (*) FROM odan.inbox), (SELECT last_id FROM odan.log_head),"
                     " (SELECT count (*) FROM odan.events)");
  g_assert_cmpint (PQresultStatus (res), ==, PGRES_TUPLES_OK);
  g_assert_cmpstr (PQgetvalue (res, 0, 0), ==, "0");
  g_assert_cmpint (g_ascii_strtoll (PQgetvalue (res, 0, 1), NULL, 10), ==, events->len);
  g_assert_cmpint (g_ascii_strtoll (PQgetvalue (res, 0, 2), NULL, 10), ==, events->len);
  PQclear (res);
  PQfinish (raw);
}

/* A member's event that waits in the inbox (its writer gone before asking
 * for its id) reaches the log through the staff's next read, and a member
 * cannot ask for the id of an event it did not write. */
static void
test_inbox_drained (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(OdanExercise) owner = NULL;
  g_autoptr(OdanStore) evaluator = NULL;
  g_autoptr(OdanExercise) watcher = NULL;
  g_autofree char *conninfo = NULL;
  const char *power;
  PGconn *team;
  PGresult *res;
  guint n;

  NEED_SERVER ();
  owner = new_exercise ("drained", "example");
  odan_exercise_start (owner, ODAN_CLOCK_STEP, 1.0, &error);
  g_assert_no_error (error);
  n = odan_exercise_get_n_events (owner);
  power = odan_pg_fixture_role (server, "drained", "team", "power");
  conninfo = odan_pg_fixture_conninfo (server, power, "drained");
  team = PQconnectdb (conninfo);
  g_assert_cmpint (PQstatus (team), ==, CONNECTION_OK);
  res = PQexec (team, "SELECT * FROM odan.decide ('6f1c1b9e-6f9a-4a55-9f5e-1c2d3e4f5a6b', 'other', NULL, NULL,"
                      " '', 'left waiting', '{}')");
  g_assert_cmpint (PQresultStatus (res), ==, PGRES_TUPLES_OK);
  /* in the inbox: no id yet */
  g_assert_true (PQgetisnull (res, 0, 0));
  PQclear (res);
  /* another event's token is not the team's to ask about */
  res = PQexec (team, "SELECT * FROM odan.sequenced (gen_random_uuid (), false)");
  g_assert_cmpstr (PQresultErrorField (res, PG_DIAG_SQLSTATE), ==, "OD014");
  PQclear (res);
  PQfinish (team);

  /* the evaluator's read (staff) sequences it */
  evaluator = open_as ("drained", odan_pg_fixture_role (server, "drained", "evaluator", NULL),
                       ODAN_PG_STORE_OPEN_DEFAULT);
  watcher = odan_exercise_new (evaluator, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (odan_exercise_get_n_events (watcher), ==, n + 1);
  g_assert_cmpstr (odan_exercise_get_event (watcher, n)->summary, ==, "left waiting");
  g_assert_cmpint (odan_exercise_get_event (watcher, n)->id, ==,
                   odan_exercise_get_event (watcher, n - 1)->id + 1);

  /* the same call again answers the id it got: once in the log */
  team = PQconnectdb (conninfo);
  res = PQexec (team, "SELECT * FROM odan.decide ('6f1c1b9e-6f9a-4a55-9f5e-1c2d3e4f5a6b', 'other', NULL, NULL,"
                      " '', 'left waiting', '{}')");
  g_assert_cmpint (PQresultStatus (res), ==, PGRES_TUPLES_OK);
  g_assert_cmpint (g_ascii_strtoll (PQgetvalue (res, 0, 0), NULL, 10), ==,
                   odan_exercise_get_event (watcher, n)->id);
  PQclear (res);
  PQfinish (team);
  odan_exercise_sync (owner, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (odan_exercise_get_n_events (owner), ==, n + 1);
}

/* Takes what @conn was sent: the number of notifications of an event id
 * @from or later (0: all). */
static guint
notified_from (PGconn *conn,
               gint64  from)
{
  PGnotify *notify;
  guint n = 0;

  g_assert_true (PQconsumeInput (conn));
  while ((notify = PQnotifies (conn)) != NULL)
    {
      n += g_ascii_strtoll (notify->extra, NULL, 10) >= from;
      PQfreemem (notify);
    }
  return n;
}

static char *
value_of (PGconn     *conn,
          const char *sql)
{
  PGresult *res = PQexec (conn, sql);
  char *value;

  g_assert_cmpint (PQresultStatus (res), ==, PGRES_TUPLES_OK);
  value = PQgetisnull (res, 0, 0) ? NULL : g_strdup (PQgetvalue (res, 0, 0));
  PQclear (res);
  return value;
}

/* Waits (up to a minute: a cap, not a timing) for a notification on @conn;
 * the number taken. A NOTIFY reaches a listener after the commit, when its
 * backend is idle and passes it on: not at once. */
static guint
await_notified (PGconn *conn)
{
  for (guint i = 0; i < 600; i++)
    {
      struct pollfd pfd = { PQsocket (conn), POLLIN, 0 };
      guint n = notified_from (conn, 0);

      if (n > 0)
        return n;
      poll (&pfd, 1, 100);
    }
  return 0;
}

/* A team's raw connection, listening as a team's watching store does. */
static PGconn *
listening_team (const char *db,
                const char *team)
{
  g_autofree char *conninfo = odan_pg_fixture_conninfo (server, odan_pg_fixture_role (server, db, "team", team), db);
  PGconn *conn = PQconnectdb (conninfo);
  g_autofree char *listen = NULL;
  PGresult *res;

  g_assert_cmpint (PQstatus (conn), ==, CONNECTION_OK);
  listen = value_of (conn, "SELECT 'LISTEN ' || quote_ident (value) FROM odan.meta WHERE key = 'channel'");
  res = PQexec (conn, listen);
  g_assert_cmpint (PQresultStatus (res), ==, PGRES_COMMAND_OK);
  PQclear (res);
  return conn;
}

/* Schema 6: a batch of members' events notifies no one (PostgreSQL wakes
 * every listening backend at each notifying commit: at 1,000 teams a
 * NOTIFY per batch was 20,000 wake-ups a second); the facilitator's events
 * still do. A team asking for its id does not sequence unless its event
 * has waited (patient); a staff watch learns of a batch another sequencer
 * moved from its tick. */
static void
test_quiet_batches (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(OdanExercise) owner = NULL;
  g_autoptr(OdanStore) evaluator = NULL;
  g_autoptr(GMainLoop) loop = g_main_loop_new (NULL, FALSE);
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  Watched watched = { ids, 0, loop };
  g_autofree char *id = NULL;
  g_autofree char *count = NULL;
  PGconn *power, *water;
  PGresult *res;
  guint guard;

  NEED_SERVER ();
  owner = new_exercise ("quiet", "example");
  odan_exercise_start (owner, ODAN_CLOCK_STEP, 1.0, &error);
  g_assert_no_error (error);
  power = listening_team ("quiet", "power");
  water = listening_team ("quiet", "water");
  evaluator = open_as ("quiet", odan_pg_fixture_role (server, "quiet", "evaluator", NULL), ODAN_PG_STORE_OPEN_DEFAULT);
  watched.until = odan_exercise_get_event (owner, odan_exercise_get_n_events (owner) - 1)->id;
  g_assert_true (odan_store_watch (evaluator, 0, on_watched, &watched, NULL));
  guard = g_timeout_add_seconds (120, give_up, NULL);
  g_main_loop_run (loop);

  /* the facilitator's events wake the teams */
  odan_exercise_advance_to (owner, 1, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (await_notified (power), >=, 1);
  g_assert_cmpuint (await_notified (water), >=, 1);

  res = PQexec (power, "SELECT * FROM odan.decide ('0c7d2a61-3b4e-4f5a-8b9c-0d1e2f3a4b5c', 'other', NULL, NULL,"
                       " '', 'quiet batch', '{}')");
  g_assert_cmpint (PQresultStatus (res), ==, PGRES_TUPLES_OK);
  g_assert_true (PQgetisnull (res, 0, 0));
  PQclear (res);
  /* not patient: the team asks, it does not sequence */
  id = value_of (power, "SELECT event_id FROM odan.sequenced ('0c7d2a61-3b4e-4f5a-8b9c-0d1e2f3a4b5c', false)");
  g_assert_null (id);
  count = value_of (power, "SELECT count (*) FROM odan.events WHERE summary = 'quiet batch'");
  g_assert_cmpstr (count, ==, "0");
  /* patient (no staff sequenced it for 2 s): it does, and gets its id */
  id = value_of (power, "SELECT event_id FROM odan.sequenced ('0c7d2a61-3b4e-4f5a-8b9c-0d1e2f3a4b5c', true)");
  g_assert_nonnull (id);
  /* the batch woke no one (a facilitator's event from before may still
   * come in: it names an earlier id) */
  g_usleep (100000);
  g_assert_cmpuint (notified_from (power, g_ascii_strtoll (id, NULL, 10)), ==, 0);
  g_assert_cmpuint (notified_from (water, g_ascii_strtoll (id, NULL, 10)), ==, 0);
  /* the evaluator's watch finds it all the same, from its tick */
  watched.until = g_ascii_strtoll (id, NULL, 10);
  g_main_loop_run (loop);
  g_source_remove (guard);
  odan_store_unwatch (evaluator);
  g_assert_cmpint (g_array_index (ids, gint64, ids->len - 1), ==, watched.until);
  PQfinish (power);
  PQfinish (water);
}

/* A team's append in a thread of its own: its id, or 0 on failure. */
typedef struct {
  OdanStore *store;
  const char *summary;
  gint64     id;
} Appending;

static gpointer
append_in_thread (gpointer data)
{
  Appending *a = data;
  g_autoptr(GError) error = NULL;
  g_autoptr(OdanEvent) event = odan_event_new_from_words ("decision", "other", 0, NULL);

  event->actor = g_strdup ("power");
  event->team = g_strdup ("power");
  g_free (event->summary);
  event->summary = g_strdup (a->summary);
  event->wall = odan_wall_time_format (g_get_real_time ());
  if (odan_store_append_event (a->store, event, &error))
    a->id = event->id;
  else
    g_test_message ("append: %s", error->message);
  return NULL;
}

static guint
count_summary (const char *db,
               const char *summary,
               const char *table)
{
  g_autofree char *conninfo = odan_pg_fixture_conninfo (server, "odan", db);
  PGconn *conn = PQconnectdb (conninfo);
  const char *values[1] = { summary };
  g_autofree char *sql = g_strdup_printf ("SELECT count (*) FROM odan.%s WHERE summary = $1", table);
  PGresult *res = PQexecParams (conn, sql, 1, NULL, values, NULL, NULL, 0);
  guint n;

  g_assert_cmpint (PQresultStatus (res), ==, PGRES_TUPLES_OK);
  n = (guint) g_ascii_strtoull (PQgetvalue (res, 0, 0), NULL, 10);
  PQclear (res);
  PQfinish (conn);
  return n;
}

static void
await_in_inbox (const char *db,
                const char *summary)
{
  for (guint i = 0; count_summary (db, summary, "inbox") == 0; i++)
    {
      g_assert_cmpuint (i, <, 5000);
      g_usleep (1000);
    }
}

/* Schema 6: a member's call commits asynchronously; the store returns only
 * with the id, after the batch's synchronous commit. A crash between the
 * two may lose the row: the store, told after reconnecting that no event of
 * its own has the token, sends the call again. Either way the event is in
 * the log exactly once. No staff sequences here: the team does, patiently,
 * after 2 s. */
static void
test_member_write_through_crash (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(OdanExercise) owner = NULL;
  g_autoptr(OdanStore) power = NULL;
  Appending crashed = { NULL, "through a crash", 0 };
  Appending lost = { NULL, "lost with the server", 0 };
  GThread *thread;

  NEED_SERVER ();
  owner = new_exercise ("crash", "example");
  odan_exercise_start (owner, ODAN_CLOCK_STEP, 1.0, &error);
  g_assert_no_error (error);
  power = open_as ("crash", odan_pg_fixture_role (server, "crash", "team", "power"), ODAN_PG_STORE_OPEN_DEFAULT);

  /* the server crashes while the row waits in the inbox */
  crashed.store = power;
  thread = g_thread_new ("append", append_in_thread, &crashed);
  await_in_inbox ("crash", crashed.summary);
  odan_pg_fixture_crash (server, &error);
  g_assert_no_error (error);
  g_thread_join (thread);
  g_assert_cmpint (crashed.id, >, 0);
  g_assert_cmpuint (count_summary ("crash", crashed.summary, "events"), ==, 1);

  /* the row is certainly lost (as a crash before the WAL's flush loses it),
   * and the team's connection with it */
  lost.store = power;
  thread = g_thread_new ("append", append_in_thread, &lost);
  await_in_inbox ("crash", lost.summary);
  odan_pg_fixture_sql (server, "crash", "DELETE FROM odan.inbox WHERE summary = 'lost with the server'", &error);
  g_assert_no_error (error);
  {
    g_autofree char *kill = g_strdup_printf ("SELECT pg_terminate_backend (pid) FROM pg_stat_activity"
                                             " WHERE usename = '%s'",
                                             odan_pg_fixture_role (server, "crash", "team", "power"));

    odan_pg_fixture_sql (server, "crash", kill, &error);
    g_assert_no_error (error);
  }
  g_thread_join (thread);
  g_assert_cmpint (lost.id, >, crashed.id);
  g_assert_cmpuint (count_summary ("crash", lost.summary, "events"), ==, 1);
  g_assert_cmpuint (count_summary ("crash", lost.summary, "inbox"), ==, 0);
}

static void
test_conninfo_password (void)
{
  static const struct { const char *conninfo; gboolean secret; } cases[] = {
    { "postgresql://u@h/db?sslmode=verify-full", FALSE },
    { "host=h dbname=password user=u", FALSE },
    { "postgresql://u@h/password", FALSE },
    { "postgresql://u:secret@h/db", TRUE },
    { "postgresql://u@h/db?password=x", TRUE },
    { "postgresql://u@h/db?%70assword=x", TRUE },
    { "postgresql://u@h/db?sslmode=require&PASSWORD=x", TRUE },   /* unknown keyword: unparsable */
    { "host=h dbname=d password='it''s'", TRUE },
    { "host=h password=x dbname=d", TRUE },
    { "host='unterminated", TRUE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_test_message ("%s", cases[i].conninfo);
      g_assert_cmpint (odan_store_conninfo_has_password (cases[i].conninfo), ==, cases[i].secret);
    }
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
    skip_reason = "initdb and pg_ctl are not installed (apt-get install postgresql): the multisite suite needs a PostgreSQL server";
  else if (!g_test_subprocess ())
    {
      server = odan_pg_fixture_start ("postgres_unused", 200, &error);
      if (server == NULL)
        g_error ("cannot start a PostgreSQL server: %s", error->message);
    }

  g_test_add_func ("/multisite/store/conninfo-password", test_conninfo_password);
  g_test_add_func ("/multisite/store/round-trip", test_round_trip);
  g_test_add_func ("/multisite/store/open-by-location", test_open_by_location);
  g_test_add_func ("/multisite/store/refusals", test_refusals);
  g_test_add_func ("/multisite/rls/team", test_row_level_security);
  g_test_add_func ("/multisite/watch/restart", test_watch);
  g_test_add_func ("/multisite/follow/team-events", test_follow);
  g_test_add_func ("/multisite/team-client/drill", test_team_client);
  g_test_add_func ("/multisite/drill/fifty-offices", test_drill);
  g_test_add_func ("/multisite/drill/members", test_members);
  g_test_add_func ("/multisite/sequencer/concurrent-writers", test_concurrent_writers);
  g_test_add_func ("/multisite/sequencer/inbox-drained", test_inbox_drained);
  g_test_add_func ("/multisite/sequencer/quiet-batches", test_quiet_batches);
  g_test_add_func ("/multisite/sequencer/member-write-through-crash", test_member_write_through_crash);
  status = g_test_run ();
  odan_pg_fixture_stop (server);
  return status;
}

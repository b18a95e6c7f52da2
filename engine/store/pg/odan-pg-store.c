/* odan-pg-store.c — an exercise in a PostgreSQL database (multi-site play)
 *
 * Layout (schema 1, all in the schema "odan"; engine/EXERCISE.md has the
 * reasons):
 *
 *   schema_version (version)                   one row
 *   meta        (key, value)                   created, odan-version, exercise, channel …
 *   members     (role, kind, team)             database role → facilitator | evaluator | team
 *   pack_files  (name, audience, content)      audience: staff, everyone, or a team id
 *                                              (that team's own copy of mitigations.csv)
 *   log_head    (last_id, last_minute, started) one row, locked by whoever
 *                                              gives out ids: the facilitator's append
 *                                              and the sequencer (schema 5)
 *   events      (id, token, kind, action, minute, wall, actor, team, subject,
 *                ref, summary, details jsonb, payload bytea, public_payload
 *                bytea, author)
 *   recipients  (event_id, team)               who a delivery reached ('*': every team)
 *
 * payload is the event's details as odan_event_details_to_bytes() gives
 * them, so an event reads back exactly as it was appended; details is the
 * same as jsonb, for the server's own checks and for people querying the
 * log; public_payload is payload without what only the model's keepers may
 * read (the inject's effects, its MSEL time). Team roles get no SELECT on
 * details and payload at all: column privileges, not the client, hide them.
 *
 * Ids in commit order: ids come from log_head, whose row lock the giver
 * holds until its transaction ends. A sequence would hand out 7 to one
 * session and 8 to another that commits first; a reader that saw 8 would
 * never go back for 7. With the row lock, id n + 1 cannot be given before n
 * committed or rolled back, so "everything after my last id" never skips an
 * event. The facilitator's rows get theirs from a BEFORE INSERT trigger,
 * which refuses one before the log's last minute (the facilitator's clock is
 * the only one that moves exercise time).
 *
 * Members' events (schema 5, odan-pg-sequencer.c) do not take that lock:
 * odan.ack/decide/observe put the row into odan.inbox and commit in
 * parallel; a sequencer (odan.sequence ()) moves what is committed there
 * into events in one statement, with the next ids and the log's last
 * minute, and sends one NOTIFY per batch. A member's append then asks
 * odan.sequenced () for its id (running the sequencer itself unless another
 * is at work: then it asks again after 2 ms, doubling to 50 ms); staff
 * reads run it first, the staff's watch every 50 ms, and the facilitator's
 * append moves the inbox first under the lock it takes anyway.
 *
 * An AFTER INSERT trigger fills recipients from the facilitator's
 * delivery's details ("to", "to-all") and sends NOTIFY odan_NAME, 'ID':
 * delivered at commit, so a woken client always finds the event. Members'
 * rows (no payload) skip it: their batch has its one NOTIFY.
 *
 * Exactly once: each append carries a random token (UNIQUE). When the
 * connection drops before the commit's answer arrives, the store reconnects
 * with back-off and looks the token up; only if it is not there is the
 * insert sent again.
 *
 * One writer: the facilitator's connection holds the claim in odan.writer
 * (schema 3; taken again after each reconnect); a second facilitator opens
 * read-only (ODAN_STORE_ACCESS_LOCKED). Team and evaluator connections write
 * only through their functions (schema 3).
 */
#define G_LOG_DOMAIN "odan-store"

#include "odan-pg-store.h"
#include "odan-pg-schema-private.h"
#include "odan-pg-invitations-private.h"
#include "odan-pg-sequencer-private.h"
#include "odan-csv.h"
#include "odan-enum.h"
#include "odan-pack.h"
#include "odan-store-enums.h"

#include <errno.h>
#include <glib-unix.h>
#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>
#include <libpq-fe.h>
#include <math.h>
#include <poll.h>
#include <string.h>
#include <unistd.h>

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PGresult, PQclear)

/* How often the staff's follow loop runs the sequencer (schema 5). */
#define SEQUENCE_TICK_MS 50

/* pg_type oids of the parameters we bind */
#define OID_INT8    20
#define OID_TEXT    25
#define OID_FLOAT8  701
#define OID_BYTEA   17
#define OID_UUID    2950
#define OID_JSONB   3802

/* Keys of details that only the model's keepers read. */
static const char *const hidden_keys[] = { "effect", "due" };
/* Keys a team may not write into its decisions: the facilitator's verdict. */
static const char *const verdict_keys[] = { "mitigation-status", "applies", "pool", "uses", "refusal" };

struct _OdanPgStore
{
  GObject          parent_instance;

  char            *conninfo;
  char            *location;       /* for messages: no password */
  PGconn          *conn;
  OdanPgStoreFlags flags;
  OdanStoreAccess  access;
  guint            schema_version;
  gboolean         empty;
  gboolean         closed;

  OdanStoreRole       role;
  char            *team;
  char            *exercise;       /* the name in role names and the channel */
  char            *channel;
  gboolean         teams_see_model;
  gboolean         writer;         /* we hold (and retake) the advisory lock */
  gboolean         listening;
  guint            reconnect_timeout;
  guint            reconnects;

  /* odan_pg_store_watch() */
  OdanStoreEventFunc watch_func;
  gpointer         watch_data;
  GDestroyNotify   watch_destroy;
  gint64           watch_last;
  guint            watch_fd_source;
  guint            watch_retry_source;
  guint            watch_tick_source;  /* the staff's sequencer, every 50 ms */
  gint64           watch_tick_last;    /* the log's last id the tick has seen */
  guint            watch_backoff_ms;
  gint64           watch_deadline;
  gboolean         watch_offline;  /* the watch lost the server and is retrying */

  GHashTable      *skipped;        /* gint64 ids of members' rows left out, said once */
};

static void odan_pg_store_iface_init (OdanStoreInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (OdanPgStore, odan_pg_store, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (ODAN_TYPE_STORE, odan_pg_store_iface_init))

/* ------------------------------------------------------------------ */
/* Errors */

/* libpq's messages end in a newline and may run over lines. */
static char *
one_line (const char *message)
{
  g_autofree char *copy = g_strdup (message != NULL ? message : "");

  g_strstrip (copy);
  for (char *p = copy; *p != '\0'; p++)
    if (*p == '\n')
      *p = ' ';
  return g_steal_pointer (&copy);
}

static gboolean
connection_lost (OdanPgStore    *self,
                 const PGresult *res)
{
  const char *state = res != NULL ? PQresultErrorField (res, PG_DIAG_SQLSTATE) : NULL;

  if (self->conn == NULL || PQstatus (self->conn) != CONNECTION_OK)
    return TRUE;
  /* 08: connection exception; 57P01–57P03: shutdown, crash, cannot connect now */
  return state != NULL && (g_str_has_prefix (state, "08") || g_str_has_prefix (state, "57P"));
}

static gboolean
set_pg_error (OdanPgStore    *self,
              const PGresult *res,
              const char     *what,
              GError        **error)
{
  const char *state = res != NULL ? PQresultErrorField (res, PG_DIAG_SQLSTATE) : NULL;
  g_autofree char *message = one_line (res != NULL && PQresultErrorMessage (res)[0] != '\0'
                                       ? PQresultErrorMessage (res)
                                       : self->conn != NULL ? PQerrorMessage (self->conn) : "");
  OdanStoreError code = ODAN_STORE_ERROR_IO;

  /* 42501: insufficient privilege (RLS included); OD0xx: our triggers */
  if (state != NULL && (strcmp (state, "42501") == 0 || g_str_has_prefix (state, "OD")))
    code = ODAN_STORE_ERROR_DENIED;
  g_set_error (error, ODAN_STORE_ERROR, code, _("%s: cannot %s: %s"), self->location, what, message);
  return FALSE;
}

gboolean
odan_pg_store_conninfo_has_password (const char *conninfo)
{
  PQconninfoOption *options = PQconninfoParse (conninfo, NULL);
  gboolean found = FALSE;

  if (options == NULL)
    return TRUE;   /* unreadable: it might hold one */
  for (PQconninfoOption *o = options; o->keyword != NULL; o++)
    if (strcmp (o->keyword, "password") == 0 && o->val != NULL && o->val[0] != '\0')
      found = TRUE;
  PQconninfoFree (options);
  return found;
}

/* ------------------------------------------------------------------ */
/* Connecting */

static gboolean
take_writer_lock (OdanPgStore *self,
                  gboolean    *out_taken,
                  GError     **error)
{
  /* a claim in the database that only the facilitator may take (schema 3):
   * an advisory lock is open to any role that can connect */
  g_autoptr(PGresult) res = PQexec (self->conn, "SELECT odan.claim_writer ()");

  if (PQresultStatus (res) != PGRES_TUPLES_OK)
    return set_pg_error (self, res, _("take the writer's lock"), error);
  *out_taken = strcmp (PQgetvalue (res, 0, 0), "t") == 0;
  return TRUE;
}

/* The server's notices ("terminating connection due to administrator
 * command") go to the debug log, not to the terminal of whoever runs us. */
static void
on_notice (void       *user_data,
           const char *message)
{
  g_autofree char *line = one_line (message);

  g_debug ("%s", line);
}

/* What a fresh connection needs: UTF-8, LISTEN, the writer's lock again. */
static gboolean
session_setup (OdanPgStore *self,
               GError     **error)
{
  g_autoptr(PGresult) digits = NULL;

  PQsetNoticeProcessor (self->conn, on_notice, NULL);
  if (PQsetClientEncoding (self->conn, "UTF8") != 0)
    return set_pg_error (self, NULL, _("use UTF-8"), error);
  /* minutes must read back exactly: shortest round-trip float output */
  digits = PQexec (self->conn, "SET extra_float_digits = 1");
  if (PQresultStatus (digits) != PGRES_COMMAND_OK)
    return set_pg_error (self, digits, _("connect"), error);
  if (self->listening)
    {
      g_autofree char *quoted = PQescapeIdentifier (self->conn, self->channel, strlen (self->channel));
      g_autofree char *sql = g_strdup_printf ("LISTEN %s", quoted);
      g_autoptr(PGresult) res = PQexec (self->conn, sql);

      if (PQresultStatus (res) != PGRES_COMMAND_OK)
        return set_pg_error (self, res, _("listen for new events"), error);
    }
  if (self->writer && self->access == ODAN_STORE_ACCESS_READ_WRITE)
    {
      gboolean taken = FALSE;

      if (!take_writer_lock (self, &taken, error))
        return FALSE;
      /* someone else became the writer while we were away */
      if (!taken)
        {
          g_warning ("%s: another facilitator took over while the connection was down; "
                     "this one is read-only now", self->location);
          self->access = ODAN_STORE_ACCESS_LOCKED;
          self->writer = FALSE;
        }
    }
  return TRUE;
}

/* One attempt; FALSE with @error naming the cause. */
static void watch_attach (OdanPgStore *self);

static gboolean
reconnect_once (OdanPgStore *self,
                GError     **error)
{
  PQreset (self->conn);
  if (PQstatus (self->conn) != CONNECTION_OK)
    return set_pg_error (self, NULL, _("reconnect"), error);
  if (!session_setup (self, error))
    return FALSE;
  self->reconnects++;
  g_debug ("%s: reconnected", self->location);
  if (self->watch_func != NULL && !self->watch_offline)
    {
      /* The server went away under one of our own reads or writes before
       * the watch's socket told it: the new connection has a socket of its
       * own, and the listeners are owed the drop they did not see. */
      watch_attach (self);
      g_signal_emit_by_name (self, "connection-changed", FALSE);
      g_signal_emit_by_name (self, "connection-changed", TRUE);
    }
  return TRUE;
}

/* After losing the server: tries again with back-off (50 ms doubling to
 * 2 s) until the reconnect timeout. */
static gboolean
reconnect (OdanPgStore *self,
           GError     **error)
{
  gint64 deadline = g_get_monotonic_time () + (gint64) self->reconnect_timeout * G_USEC_PER_SEC;
  guint delay_ms = 50;
  g_autoptr(GError) last = NULL;

  if (self->closed || self->conn == NULL)
    {
      g_set_error (error, ODAN_STORE_ERROR, ODAN_STORE_ERROR_IO, _("%s: the exercise is closed"), self->location);
      return FALSE;
    }
  for (;;)
    {
      gint64 left;

      g_clear_error (&last);
      if (reconnect_once (self, &last))
        return TRUE;
      left = deadline - g_get_monotonic_time ();
      if (left <= 0)
        break;
      g_usleep (MIN ((gint64) delay_ms * 1000, left));
      delay_ms = MIN (delay_ms * 2, 2000);
    }
  g_set_error (error, ODAN_STORE_ERROR, ODAN_STORE_ERROR_IO,
               _("%s: lost the connection to the server and could not reconnect within %u s (%s)"),
               self->location, self->reconnect_timeout, last->message);
  return FALSE;
}

/* Runs an idempotent statement (a read, LISTEN), reconnecting and running
 * it again when the connection drops. @n_params text parameters. */
static PGresult *
run (OdanPgStore        *self,
     const char         *sql,
     int                 n_params,
     const char *const  *values,
     ExecStatusType      expected,
     const char         *what,
     GError            **error)
{
  for (;;)
    {
      PGresult *res;

      if (self->closed || self->conn == NULL)
        {
          g_set_error (error, ODAN_STORE_ERROR, ODAN_STORE_ERROR_IO,
                       _("%s: the exercise is closed"), self->location);
          return NULL;
        }
      res = PQexecParams (self->conn, sql, n_params, NULL, values, NULL, NULL, 0);
      if (PQresultStatus (res) == expected)
        return res;
      if (!connection_lost (self, res))
        {
          set_pg_error (self, res, what, error);
          PQclear (res);
          return NULL;
        }
      PQclear (res);
      if (!reconnect (self, error))
        return NULL;
    }
}

/* "postgresql://user@host:port/db": what messages name, never the password. */
static char *
describe_location (PGconn *conn)
{
  const char *host = PQhost (conn);
  const char *port = PQport (conn);

  return g_strdup_printf ("postgresql://%s@%s%s%s/%s", PQuser (conn),
                          host != NULL && host[0] != '/' ? host : "localhost",
                          port != NULL && port[0] != '\0' ? ":" : "", port != NULL ? port : "",
                          PQdb (conn));
}

/* The exercise's name in role names and its channel: the database's name
 * ([a-z0-9_], at most 16, for people) and a random id of 8 hex digits, so
 * that no two exercises share a role whatever their databases are called
 * ("…_day1" and "…_day2", "Drill-1" and "drill_1"). Stored in meta. */
static char *
exercise_name_from (const char *db)
{
  GString *name = g_string_new (NULL);

  for (const char *p = db; *p != '\0' && name->len < 16; p++)
    g_string_append_c (name, g_ascii_isalnum (*p) ? g_ascii_tolower (*p) : '_');
  if (name->len == 0)
    g_string_append (name, "exercise");
  g_string_append_printf (name, "_%08x", g_random_int ());
  return g_string_free (name, FALSE);
}

gboolean
odan_pg_store_is_location (const char *location)
{
  return location != NULL
         && (g_str_has_prefix (location, "postgresql://") || g_str_has_prefix (location, "postgres://"));
}

/* ------------------------------------------------------------------ */
/* Migrations: migrations[i] takes a database from version i to i + 1 */

static const char migrate_to_1[] =
  "CREATE SCHEMA odan;"
  "CREATE TABLE odan.schema_version (version integer NOT NULL);"
  "INSERT INTO odan.schema_version VALUES (0);"
  "CREATE TABLE odan.meta (key text PRIMARY KEY, value text NOT NULL);"
  "CREATE TABLE odan.members ("
  "  role name PRIMARY KEY,"
  "  kind text NOT NULL CHECK (kind IN ('facilitator', 'evaluator', 'team')),"
  "  team text,"
  "  CHECK ((kind = 'team') = (team IS NOT NULL)));"
  "CREATE TABLE odan.pack_files ("
  "  name text NOT NULL, audience text NOT NULL, content bytea NOT NULL,"
  "  PRIMARY KEY (name, audience));"
  "CREATE TABLE odan.log_head ("
  "  one boolean PRIMARY KEY DEFAULT true CHECK (one),"
  "  last_id bigint NOT NULL, last_minute double precision NOT NULL, started boolean NOT NULL);"
  "INSERT INTO odan.log_head VALUES (true, 0, 0, false);"
  "CREATE TABLE odan.events ("
  "  id bigint PRIMARY KEY,"
  "  token uuid NOT NULL UNIQUE,"
  "  kind text NOT NULL, action text NOT NULL,"
  "  minute double precision NOT NULL, wall text NOT NULL, actor text NOT NULL,"
  "  team text, subject text, ref bigint, summary text NOT NULL,"
  "  details jsonb NOT NULL, payload bytea NOT NULL, public_payload bytea NOT NULL,"
  "  author name NOT NULL DEFAULT current_user);"
  "CREATE INDEX events_kind ON odan.events (kind, id);"
  "CREATE INDEX events_team ON odan.events (team, id);"
  "CREATE TABLE odan.recipients ("
  "  event_id bigint NOT NULL REFERENCES odan.events (id), team text NOT NULL,"
  "  PRIMARY KEY (event_id, team));"
  "CREATE INDEX recipients_team ON odan.recipients (team, event_id);"
  /* who the current role is: policies call these for the querying role */
  "CREATE FUNCTION odan.my_kind () RETURNS text LANGUAGE sql STABLE"
  "  AS $$ SELECT kind FROM odan.members WHERE role = current_user $$;"
  "CREATE FUNCTION odan.my_team () RETURNS text LANGUAGE sql STABLE"
  "  AS $$ SELECT team FROM odan.members WHERE role = current_user $$;"
  /* ids in commit order, the log in time order */
  "CREATE FUNCTION odan.before_append () RETURNS trigger LANGUAGE plpgsql"
  "  SECURITY DEFINER SET search_path = pg_catalog, odan AS $$"
  "DECLARE head odan.log_head%ROWTYPE; who text;"
  "BEGIN"
  "  SELECT * INTO head FROM odan.log_head FOR UPDATE;"
  "  SELECT kind INTO who FROM odan.members WHERE role = NEW.author;"
  "  IF who IS NULL OR who = 'facilitator' THEN"
  "    IF NEW.minute < head.last_minute THEN"
  "      RAISE EXCEPTION 'the event at minute % comes before the last one in the log (minute %)',"
  "        NEW.minute, head.last_minute USING ERRCODE = 'OD001';"
  "    END IF;"
  "  ELSE"
  "    IF NOT head.started AND NEW.kind <> 'observation' THEN"
  "      RAISE EXCEPTION 'the exercise has not started' USING ERRCODE = 'OD002';"
  "    END IF;"
  "    NEW.minute := head.last_minute;"
  "  END IF;"
  "  NEW.id := head.last_id + 1;"
  "  UPDATE odan.log_head SET last_id = NEW.id,"
  "    last_minute = greatest (head.last_minute, NEW.minute),"
  "    started = head.started OR (NEW.kind = 'clock' AND NEW.action = 'start');"
  "  RETURN NEW;"
  "END $$;"
  "CREATE TRIGGER before_append BEFORE INSERT ON odan.events"
  "  FOR EACH ROW EXECUTE FUNCTION odan.before_append ();"
  /* who a delivery reached, and the wake-up call */
  "CREATE FUNCTION odan.after_append () RETURNS trigger LANGUAGE plpgsql"
  "  SECURITY DEFINER SET search_path = pg_catalog, odan AS $$"
  "BEGIN"
  "  IF NEW.kind = 'delivery' AND NEW.action <> 'skipped' THEN"
  "    IF coalesce (NEW.details->>'to-all', 'false') = 'true' THEN"
  "      INSERT INTO odan.recipients VALUES (NEW.id, '*');"
  "    ELSIF jsonb_typeof (NEW.details->'to') = 'array' THEN"
  "      INSERT INTO odan.recipients"
  "        SELECT DISTINCT NEW.id, t FROM jsonb_array_elements_text (NEW.details->'to') AS t;"
  "    END IF;"
  "  END IF;"
  "  PERFORM pg_notify ((SELECT value FROM odan.meta WHERE key = 'channel'), NEW.id::text);"
  "  RETURN NULL;"
  "END $$;"
  "CREATE TRIGGER after_append AFTER INSERT ON odan.events"
  "  FOR EACH ROW EXECUTE FUNCTION odan.after_append ();"
  /* row-level security: the owner (who created the exercise) is not subject to it */
  "ALTER TABLE odan.events ENABLE ROW LEVEL SECURITY;"
  "ALTER TABLE odan.recipients ENABLE ROW LEVEL SECURITY;"
  "ALTER TABLE odan.pack_files ENABLE ROW LEVEL SECURITY;"
  "CREATE POLICY staff_read ON odan.events FOR SELECT"
  "  USING (odan.my_kind () IN ('facilitator', 'evaluator'));"
  "CREATE POLICY team_read ON odan.events FOR SELECT USING ("
  "  odan.my_kind () = 'team' AND ("
  "    kind = 'clock'"
  "    OR (kind IN ('decision', 'ack', 'observation', 'mitigation') AND team = odan.my_team ())"
  "    OR (kind = 'delivery' AND (author = current_user OR EXISTS ("
  "          SELECT 1 FROM odan.recipients r"
  "          WHERE r.event_id = events.id AND r.team IN (odan.my_team (), '*'))))));"
  "CREATE POLICY facilitator_write ON odan.events FOR INSERT"
  "  WITH CHECK (odan.my_kind () = 'facilitator');"
  "CREATE POLICY evaluator_write ON odan.events FOR INSERT"
  "  WITH CHECK (odan.my_kind () = 'evaluator' AND kind = 'observation' AND actor = 'evaluator');"
  "CREATE POLICY team_write ON odan.events FOR INSERT WITH CHECK ("
  "  odan.my_kind () = 'team' AND actor = odan.my_team () AND payload = public_payload AND ("
  "    (kind = 'ack' AND team = odan.my_team ())"
  "    OR (kind = 'decision' AND team = odan.my_team ()"
  "        AND NOT details ?| ARRAY['mitigation-status', 'applies', 'pool', 'uses', 'refusal'])"
  "    OR (kind = 'delivery' AND action = 'forwarded' AND details->>'via' = odan.my_team ())));"
  "CREATE POLICY staff_read ON odan.recipients FOR SELECT"
  "  USING (odan.my_kind () IN ('facilitator', 'evaluator'));"
  "CREATE POLICY team_read ON odan.recipients FOR SELECT"
  "  USING (odan.my_kind () = 'team' AND team IN (odan.my_team (), '*'));"
  "CREATE POLICY staff_read ON odan.pack_files FOR SELECT"
  "  USING (odan.my_kind () IN ('facilitator', 'evaluator') AND audience IN ('staff', 'everyone'));"
  "CREATE POLICY team_read ON odan.pack_files FOR SELECT"
  "  USING (odan.my_kind () = 'team' AND audience IN ('everyone', odan.my_team ()));";

/* A team's client loads its slice of the pack: it needs T0 and the
 * duration (scenario.ini), its reporting obligations (deadlines.csv) and
 * the channels' delays of its forwards (relay.csv). None is a secret. */
static const char migrate_to_2[] =
  "UPDATE odan.pack_files SET audience = 'everyone'"
  "  WHERE audience = 'staff' AND name IN ('scenario.ini', 'deadlines.csv', 'relay.csv');";

static const char *const migrations[] = {
  migrate_to_1,
  migrate_to_2,
  odan_pg_migrate_to_3,
  odan_pg_migrate_to_4,
  odan_pg_migrate_to_5,
  odan_pg_migrate_to_6,
};

G_STATIC_ASSERT (G_N_ELEMENTS (migrations) == ODAN_PG_STORE_SCHEMA_VERSION);

/* Runs the migrations after @from inside the caller's transaction. */
static gboolean
migrate (OdanPgStore *self,
         guint        from,
         GError     **error)
{
  g_autofree char *set_version = g_strdup_printf ("UPDATE odan.schema_version SET version = %d",
                                                  ODAN_PG_STORE_SCHEMA_VERSION);
  g_autoptr(PGresult) res = NULL;

  for (guint v = from; v < ODAN_PG_STORE_SCHEMA_VERSION; v++)
    {
      g_autoptr(PGresult) step = PQexec (self->conn, migrations[v]);

      if (PQresultStatus (step) != PGRES_COMMAND_OK)
        return set_pg_error (self, step, _("create the tables"), error);
    }
  res = PQexec (self->conn, set_version);
  if (PQresultStatus (res) != PGRES_COMMAND_OK)
    return set_pg_error (self, res, _("create the tables"), error);
  return TRUE;
}

static gboolean
exec_command (OdanPgStore *self,
              const char  *sql,
              const char  *what,
              GError     **error)
{
  g_autoptr(PGresult) res = PQexec (self->conn, sql);

  if (PQresultStatus (res) != PGRES_COMMAND_OK)
    return set_pg_error (self, res, what, error);
  return TRUE;
}

static void
rollback (OdanPgStore *self)
{
  if (self->conn != NULL && PQtransactionStatus (self->conn) != PQTRANS_IDLE)
    PQclear (PQexec (self->conn, "ROLLBACK"));
}

/* ------------------------------------------------------------------ */
/* Opening */

static char *
query_value (OdanPgStore *self,
             const char  *sql,
             GError     **error)
{
  g_autoptr(PGresult) res = run (self, sql, 0, NULL, PGRES_TUPLES_OK, _("read the exercise"), error);

  if (res == NULL)
    return NULL;
  if (PQntuples (res) < 1 || PQgetisnull (res, 0, 0))
    return g_strdup ("");
  return g_strdup (PQgetvalue (res, 0, 0));
}

static char *
read_meta_value (OdanPgStore *self,
                 const char  *key)
{
  const char *values[1] = { key };
  g_autoptr(PGresult) res = run (self, "SELECT value FROM odan.meta WHERE key = $1", 1, values,
                                 PGRES_TUPLES_OK, _("read the exercise"), NULL);

  if (res == NULL || PQntuples (res) < 1)
    return NULL;
  return g_strdup (PQgetvalue (res, 0, 0));
}

/* Who this connection is in the exercise. */
static gboolean
load_role (OdanPgStore *self,
           GError     **error)
{
  g_autoptr(PGresult) res = run (self,
                                 "SELECT odan.my_kind (), odan.my_team (),"
                                 "  (SELECT rolsuper FROM pg_roles WHERE rolname = current_user)"
                                 "  OR pg_has_role (current_user,"
                                 "    (SELECT relowner FROM pg_class WHERE oid = 'odan.events'::regclass), 'USAGE')",
                                 0, NULL, PGRES_TUPLES_OK, _("read the exercise"), error);
  const char *kind;

  if (res == NULL)
    return FALSE;
  kind = PQgetisnull (res, 0, 0) ? NULL : PQgetvalue (res, 0, 0);
  g_clear_pointer (&self->team, g_free);
  if (kind == NULL)
    {
      if (strcmp (PQgetvalue (res, 0, 2), "t") != 0)
        {
          g_set_error (error, ODAN_STORE_ERROR, ODAN_STORE_ERROR_DENIED,
                       _("%s: the role %s takes no part in this exercise"), self->location, PQuser (self->conn));
          return FALSE;
        }
      self->role = ODAN_STORE_ROLE_OWNER;
    }
  else
    {
      int role = ODAN_STORE_ROLE_TEAM;

      /* odan.members' kinds are the roles' nicks; any other plays a team */
      if (!odan_enum_from_nick (ODAN_TYPE_STORE_ROLE, kind, &role) || role == ODAN_STORE_ROLE_OWNER)
        role = ODAN_STORE_ROLE_TEAM;
      self->role = (OdanStoreRole) role;
      if (self->role == ODAN_STORE_ROLE_TEAM)
        self->team = g_strdup (PQgetvalue (res, 0, 1));
    }
  return TRUE;
}

static GHashTable *odan_pg_store_read_pack (OdanStore *store, GError **error);
static OdanPack   *load_pack (OdanPgStore *self, GHashTable *pack_files, GError **error);
static gboolean    store_names (OdanPgStore *self, const OdanPack *pack, GError **error);
static gboolean    keep_strangers_out (OdanPgStore *self, GError **error);

/* Schema 3 checks members' words against the pack's names, and keeps other
 * roles out of the database. */
static gboolean
upgrade_to_3 (OdanPgStore *self,
              GError     **error)
{
  g_autoptr(GHashTable) files = odan_pg_store_read_pack (ODAN_STORE (self), error);
  g_autoptr(OdanPack) pack = NULL;

  if (files == NULL)
    return FALSE;
  pack = load_pack (self, files, error);
  return pack != NULL && keep_strangers_out (self, error) && store_names (self, pack, error);
}

/* Schema 6 made the inbox 10,000 rows large and emptied it; a vacuum now
 * (outside any transaction) records that space as free, so that a burst
 * of members' inserts finds room instead of queuing to extend the table.
 * Autovacuum would do it within a minute; an exercise may start sooner. */
static void
make_room (OdanPgStore *self)
{
  g_autoptr(PGresult) res = PQexec (self->conn, "VACUUM odan.inbox");

  if (PQresultStatus (res) != PGRES_COMMAND_OK)
    g_debug ("%s: cannot vacuum the inbox: %s", self->location, PQresultErrorMessage (res));
}

/* After the schema exists: names, version (upgrading or refusing), role, access. */
static gboolean
open_exercise (OdanPgStore *self,
               GError     **error)
{
  g_autofree char *version_text = query_value (self, "SELECT version FROM odan.schema_version", error);
  g_autofree char *see = NULL;
  guint64 version;

  if (version_text == NULL)
    return FALSE;
  version = g_ascii_strtoull (version_text, NULL, 10);
  if (version > ODAN_PG_STORE_SCHEMA_VERSION)
    {
      g_set_error (error, ODAN_STORE_ERROR, ODAN_STORE_ERROR_TOO_NEW,
                   _("%s was written by a newer version of Odan (database format %u; this version "
                     "reads up to %d). Please update Odan."),
                   self->location, (guint) version, ODAN_PG_STORE_SCHEMA_VERSION);
      return FALSE;
    }
  if (version < ODAN_PG_STORE_SCHEMA_VERSION)
    {
      if (!exec_command (self, "BEGIN", _("upgrade the database"), error))
        return FALSE;
      if (!migrate (self, (guint) version, error)
          || (version < 3 && !upgrade_to_3 (self, error))
          || !exec_command (self, "COMMIT", _("upgrade the database"), error))
        {
          rollback (self);
          g_prefix_error (error, _("only the role that created the exercise can upgrade it: "));
          return FALSE;
        }
      if (version < 6)
        make_room (self);
    }
  self->schema_version = ODAN_PG_STORE_SCHEMA_VERSION;

  self->exercise = read_meta_value (self, "exercise");
  self->channel = read_meta_value (self, "channel");
  see = read_meta_value (self, "teams-see-model");
  self->teams_see_model = see != NULL && strcmp (see, "true") == 0;
  if (self->exercise == NULL || self->channel == NULL)
    {
      g_set_error (error, ODAN_STORE_ERROR, ODAN_STORE_ERROR_DAMAGED,
                   _("%s: the exercise has no name (the meta table lacks “exercise” or “channel”)"),
                   self->location);
      return FALSE;
    }
  if (!load_role (self, error))
    return FALSE;

  if (self->flags & ODAN_PG_STORE_OPEN_READ_ONLY)
    self->access = ODAN_STORE_ACCESS_READ_ONLY;
  else if (self->role == ODAN_STORE_ROLE_OWNER || self->role == ODAN_STORE_ROLE_FACILITATOR)
    {
      gboolean taken = FALSE;

      if (!take_writer_lock (self, &taken, error))
        return FALSE;
      self->writer = taken;
      self->access = taken ? ODAN_STORE_ACCESS_READ_WRITE : ODAN_STORE_ACCESS_LOCKED;
      if (!taken && (self->flags & ODAN_PG_STORE_OPEN_REQUIRE_WRITE))
        {
          g_set_error (error, ODAN_STORE_ERROR, ODAN_STORE_ERROR_LOCKED,
                       _("%s is in use by another facilitator's Odan; it can only be opened read-only"),
                       self->location);
          return FALSE;
        }
    }
  else
    /* teams and evaluators append what their policies allow, alongside the facilitator */
    self->access = ODAN_STORE_ACCESS_READ_WRITE;
  return TRUE;
}

OdanStore *
odan_pg_store_open (const char        *conninfo,
                    OdanPgStoreFlags   flags,
                    GError           **error)
{
  g_autoptr(OdanPgStore) self = NULL;
  const char *const keys[] = { "dbname", "fallback_application_name", NULL };
  const char *values[] = { conninfo, NULL, NULL };
  g_autofree char *app = NULL;
  g_autofree char *exists = NULL;

  g_return_val_if_fail (conninfo != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  self = g_object_new (ODAN_TYPE_PG_STORE, NULL);
  self->conninfo = g_strdup (conninfo);
  self->flags = flags;
  /* who holds the writer's lock shows in pg_stat_activity */
  app = g_strdup_printf ("%s %ld", g_get_prgname () != NULL ? g_get_prgname () : "odan", (long) getpid ());
  values[1] = app;
  /* expand_dbname: the string is a full connection string, passed on untouched */
  self->conn = PQconnectdbParams (keys, values, 1);
  if (self->conn == NULL)
    {
      g_set_error (error, ODAN_STORE_ERROR, ODAN_STORE_ERROR_IO, _("cannot connect: out of memory"));
      return NULL;
    }
  if (PQstatus (self->conn) != CONNECTION_OK)
    {
      g_autofree char *message = one_line (PQerrorMessage (self->conn));

      /* never echo the connection string: it may hold a password */
      g_set_error (error, ODAN_STORE_ERROR, ODAN_STORE_ERROR_IO,
                   _("cannot connect to the exercise database: %s"), message);
      return NULL;
    }
  self->location = describe_location (self->conn);
  if (!session_setup (self, error))
    return NULL;

  exists = query_value (self, "SELECT to_regclass('odan.schema_version') IS NOT NULL", error);
  if (exists == NULL)
    return NULL;
  if (strcmp (exists, "t") != 0)
    {
      g_autofree char *tables = query_value (self,
                                             "SELECT count(*) FROM pg_tables "
                                             "WHERE schemaname NOT IN ('pg_catalog', 'information_schema')",
                                             error);

      if (tables == NULL)
        return NULL;
      if (strcmp (tables, "0") != 0)
        {
          g_set_error (error, ODAN_STORE_ERROR, ODAN_STORE_ERROR_NOT_EXERCISE,
                       _("%s: the database holds other tables and no Odan exercise"), self->location);
          return NULL;
        }
      self->empty = TRUE;
      self->role = ODAN_STORE_ROLE_OWNER;
      self->access = (flags & ODAN_PG_STORE_OPEN_READ_ONLY) ? ODAN_STORE_ACCESS_READ_ONLY
                                                             : ODAN_STORE_ACCESS_READ_WRITE;
      return ODAN_STORE (g_steal_pointer (&self));
    }
  if (!open_exercise (self, error))
    return NULL;
  return ODAN_STORE (g_steal_pointer (&self));
}

/* ------------------------------------------------------------------ */
/* Creating: schema, roles, grants, pack */

/* The pack as the model reads it (odan-pack.h): the store takes the teams
 * and which mitigations each may choose from there, never from the CSV. */
static OdanPack *
load_pack (OdanPgStore *self,
           GHashTable  *pack_files,
           GError     **error)
{
  g_autoptr(GError) local_error = NULL;
  OdanPack *pack = odan_pack_load_from_files (self->location, pack_files, NULL, &local_error);

  if (pack == NULL)
    g_set_error (error, ODAN_STORE_ERROR, ODAN_STORE_ERROR_NOT_EXERCISE, "%s", local_error->message);
  return pack;
}

typedef struct {
  GHashTable *lines;     /* the lines where the team's mitigations start */
  GString    *out;
  gboolean    header_done;
} TeamCopy;

static gboolean
copy_team_row (const OdanCsvRow *row,
               gpointer          user_data,
               GError          **error)
{
  TeamCopy *copy = user_data;

  if (!copy->header_done || g_hash_table_contains (copy->lines, GUINT_TO_POINTER (row->line)))
    odan_csv_write_row (copy->out, row->fields, row->n_fields);
  copy->header_done = TRUE;
  return TRUE;
}

/* A team's own copy of mitigations.csv: the header and the rows of the
 * mitigations it may choose (its own and everyone's), as written. */
static GBytes *
team_mitigations (const OdanPack *pack,
                  guint32         team,
                  GBytes         *mitigations_csv,
                  GError        **error)
{
  g_autoptr(GHashTable) lines = g_hash_table_new (NULL, NULL);
  g_autoptr(GString) out = g_string_new (NULL);
  TeamCopy copy = { lines, out, FALSE };
  gsize len;
  const char *data = g_bytes_get_data (mitigations_csv, &len);

  for (guint32 i = 0; i < pack->n_mitigations; i++)
    if (pack->mitigations[i].team == ODAN_NONE || pack->mitigations[i].team == team)
      g_hash_table_add (lines, GUINT_TO_POINTER (pack->mitigations[i].line));
  if (!odan_csv_read_data ("mitigations.csv", data, len, copy_team_row, &copy, NULL, error))
    return NULL;
  return g_bytes_new (out->str, out->len);
}

static const char *
audience_of (const char *name,
             gboolean    teams_see_model)
{
  if (strcmp (name, "injects.csv") == 0 || strcmp (name, "mitigations.csv") == 0)
    return "staff";   /* the MSEL never; mitigations as each team's own copy */
  /* what a team's own client needs besides (see migrate_to_2) */
  if (strcmp (name, "teams.csv") == 0 || strcmp (name, "sectors.csv") == 0
      || strcmp (name, "scenario.ini") == 0 || strcmp (name, "deadlines.csv") == 0
      || strcmp (name, "relay.csv") == 0)
    return "everyone";
  return teams_see_model ? "everyone" : "staff";
}

static gboolean
insert_file (OdanPgStore *self,
             const char  *name,
             const char  *audience,
             GBytes      *content,
             GError     **error)
{
  gsize len = 0;
  const char *data = g_bytes_get_data (content, &len);
  const char *values[3] = { name, audience, len > 0 ? data : "" };
  int lengths[3] = { 0, 0, (int) len };
  int formats[3] = { 0, 0, 1 };
  Oid types[3] = { OID_TEXT, OID_TEXT, OID_BYTEA };
  g_autoptr(PGresult) res = NULL;

  if (len > G_MAXINT)
    {
      g_set_error (error, ODAN_STORE_ERROR, ODAN_STORE_ERROR_IO, _("%s: %s is too large"), self->location, name);
      return FALSE;
    }
  res = PQexecParams (self->conn, "INSERT INTO odan.pack_files (name, audience, content) VALUES ($1, $2, $3)",
                      3, types, values, lengths, formats, 0);
  if (PQresultStatus (res) != PGRES_COMMAND_OK)
    return set_pg_error (self, res, _("store the exercise"), error);
  return TRUE;
}

static gboolean
insert_meta (OdanPgStore *self,
             const char  *key,
             const char  *value,
             GError     **error)
{
  const char *values[2] = { key, value };
  g_autoptr(PGresult) res = PQexecParams (self->conn,
                                          "INSERT INTO odan.meta (key, value) VALUES ($1, $2) "
                                          "ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value",
                                          2, NULL, values, NULL, NULL, 0);

  if (PQresultStatus (res) != PGRES_COMMAND_OK)
    return set_pg_error (self, res, _("store the exercise"), error);
  return TRUE;
}

/* What a member's role may do, and for how long it may hold anything. */
static gboolean
grant_member (OdanPgStore   *self,
              const char    *quoted,
              OdanStoreRole  part,
              GError       **error)
{
  const char *db = PQdb (self->conn);
  g_autofree char *db_quoted = PQescapeIdentifier (self->conn, db, strlen (db));
  g_autoptr(GString) sql = g_string_new (NULL);

  g_string_printf (sql,
                   "GRANT CONNECT ON DATABASE %2$s TO %1$s;"
                   "GRANT USAGE ON SCHEMA odan TO %1$s;"
                   "GRANT SELECT ON odan.schema_version, odan.meta, odan.pack_files, odan.recipients TO %1$s;"
                   /* an honest client sends one statement per transaction; these
                    * are its defaults, and odan.lock_head () evicts whoever
                    * resets them to hold the log */
                   "ALTER ROLE %1$s IN DATABASE %2$s SET lock_timeout = '1s';"
                   "ALTER ROLE %1$s IN DATABASE %2$s SET idle_in_transaction_session_timeout = '1s';"
                   "ALTER ROLE %1$s IN DATABASE %2$s SET statement_timeout = '60s';"
                   /* odan.evict () runs as the owner, who must see and
                    * may end a member's sessions */
                   "GRANT %1$s TO CURRENT_USER;",
                   quoted, db_quoted);
  if (part == ODAN_STORE_ROLE_TEAM)
    g_string_append_printf (sql,
                            "GRANT SELECT (id, token, kind, action, minute, wall, actor, team, subject, ref,"
                            "  summary, public_payload, member_details, author) ON odan.events TO %1$s;"
                            "GRANT EXECUTE ON FUNCTION odan.ack (uuid, text, bigint, text, text, jsonb),"
                            "  odan.decide (uuid, text, text, bigint, text, text, jsonb) TO %1$s;", quoted);
  else if (part == ODAN_STORE_ROLE_EVALUATOR)
    g_string_append_printf (sql,
                            "GRANT SELECT ON odan.events, odan.members TO %1$s;"
                            "GRANT EXECUTE ON FUNCTION odan.observe (uuid, text, text, bigint, text, text, jsonb)"
                            "  TO %1$s;", quoted);
  else
    g_string_append_printf (sql,
                            "GRANT SELECT ON odan.events, odan.members TO %1$s;"
                            "GRANT INSERT (token, kind, action, minute, wall, actor, team, subject, ref, summary,"
                            "  details, payload, public_payload) ON odan.events TO %1$s;"
                            "GRANT EXECUTE ON FUNCTION odan.claim_writer () TO %1$s;", quoted);
  odan_pg_invitations_grants (sql, quoted, part);
  odan_pg_sequencer_grants (sql, quoted, part);
  return exec_command (self, sql->str, _("grant access"), error);
}

/* Creates a login role for this exercise and records what it is. A role
 * that exists already belongs to someone else (names carry the exercise's
 * random id): it is never reused. */
static gboolean
add_member (OdanPgStore   *self,
            const char    *role,
            OdanStoreRole  part,
            const char    *team,
            GError       **error)
{
  /* odan.members' kinds are the roles' nicks */
  const char *kind = odan_enum_to_nick (ODAN_TYPE_STORE_ROLE, part);
  const char *values[3] = { role, kind, team };
  g_autoptr(PGresult) found = NULL;
  g_autoptr(PGresult) res = NULL;
  g_autofree char *quoted = NULL;
  g_autofree char *sql = NULL;

  if (strlen (role) > 63)
    {
      g_set_error (error, ODAN_STORE_ERROR, ODAN_STORE_ERROR_NOT_EXERCISE,
                   _("%s: the role name %s is longer than PostgreSQL's 63 bytes; use a shorter team id"),
                   self->location, role);
      return FALSE;
    }
  found = PQexecParams (self->conn, "SELECT 1 FROM pg_roles WHERE rolname = $1", 1, NULL, values, NULL, NULL, 0);
  if (PQresultStatus (found) != PGRES_TUPLES_OK)
    return set_pg_error (self, found, _("create the roles"), error);
  if (PQntuples (found) > 0)
    {
      g_set_error (error, ODAN_STORE_ERROR, ODAN_STORE_ERROR_DENIED,
                   _("%s: the role %s exists already and this exercise did not create it; "
                     "Odan never reuses a role"), self->location, role);
      return FALSE;
    }
  quoted = PQescapeIdentifier (self->conn, role, strlen (role));
  sql = g_strdup_printf ("CREATE ROLE %s LOGIN", quoted);
  if (!exec_command (self, sql, _("create the roles"), error)
      || !grant_member (self, quoted, part, error))
    return FALSE;

  res = PQexecParams (self->conn, "INSERT INTO odan.members (role, kind, team) VALUES ($1, $2, $3)",
                      3, NULL, values, NULL, NULL, 0);
  if (PQresultStatus (res) != PGRES_COMMAND_OK)
    return set_pg_error (self, res, _("create the roles"), error);
  return TRUE;
}

/* {"a","b"}: a PostgreSQL array literal of @words. */
static void
append_array_literal (GString     *out,
                      const char  *word)
{
  g_string_append_c (out, out->len == 0 ? '{' : ',');
  g_string_append_c (out, '"');
  for (const char *p = word; *p != '\0'; p++)
    {
      if (*p == '"' || *p == '\\')
        g_string_append_c (out, '\\');
      g_string_append_c (out, *p);
    }
  g_string_append_c (out, '"');
}

static gboolean
insert_pairs (OdanPgStore *self,
              const char  *sql,
              GString     *first,
              GString     *second,
              GError     **error)
{
  const char *values[2];
  g_autoptr(PGresult) res = NULL;

  if (first->len == 0)
    return TRUE;
  g_string_append_c (first, '}');
  g_string_append_c (second, '}');
  values[0] = first->str;
  values[1] = second->str;
  res = PQexecParams (self->conn, sql, 2, NULL, values, NULL, NULL, 0);
  if (PQresultStatus (res) != PGRES_COMMAND_OK)
    return set_pg_error (self, res, _("store the exercise"), error);
  return TRUE;
}

/* What the member functions check words against: the teams, the sectors,
 * which mitigations each team may choose (as the model reads the pack),
 * and each relay channel's latency (a forward's earliest arrival). */
static gboolean
store_names (OdanPgStore    *self,
             const OdanPack *pack,
             GError        **error)
{
  g_autoptr(GString) kinds = g_string_new (NULL);
  g_autoptr(GString) ids = g_string_new (NULL);
  g_autoptr(GString) teams = g_string_new (NULL);
  g_autoptr(GString) mitigations = g_string_new (NULL);
  g_autoptr(GString) channels = g_string_new (NULL);
  g_autoptr(GString) latencies = g_string_new (NULL);

  for (guint32 t = 0; t < pack->n_teams; t++)
    {
      append_array_literal (kinds, "team");
      append_array_literal (ids, pack->teams[t].id);
      for (guint32 i = 0; i < pack->n_mitigations; i++)
        if (pack->mitigations[i].team == ODAN_NONE || pack->mitigations[i].team == t)
          {
            append_array_literal (teams, pack->teams[t].id);
            append_array_literal (mitigations, pack->mitigations[i].id);
          }
    }
  for (guint32 s = 0; s < pack->n_sectors; s++)
    {
      append_array_literal (kinds, "sector");
      append_array_literal (ids, pack->sectors[s].id);
    }
  for (guint r = 0; r < pack->n_relays; r++)
    {
      char number[G_ASCII_DTOSTR_BUF_SIZE];

      append_array_literal (channels, pack->relays[r].channel);
      append_array_literal (latencies, g_ascii_dtostr (number, sizeof number, pack->relays[r].latency));
    }
  return insert_pairs (self, "INSERT INTO odan.names SELECT DISTINCT * FROM unnest ($1::text[], $2::text[])",
                       kinds, ids, error)
         && insert_pairs (self, "INSERT INTO odan.latencies SELECT DISTINCT ON (c) c, l::double precision"
                                " FROM unnest ($1::text[], $2::text[]) AS u (c, l)", channels, latencies, error)
         && insert_pairs (self, "INSERT INTO odan.choices SELECT DISTINCT * FROM unnest ($1::text[], $2::text[])",
                          teams, mitigations, error);
}

/* Only this exercise's roles may connect (and none may make temporary
 * tables); needs the database's owner or a superuser. */
static gboolean
keep_strangers_out (OdanPgStore *self,
                    GError     **error)
{
  const char *db = PQdb (self->conn);
  g_autofree char *quoted = PQescapeIdentifier (self->conn, db, strlen (db));
  g_autofree char *sql = g_strdup_printf ("REVOKE CONNECT, TEMPORARY ON DATABASE %s FROM PUBLIC", quoted);
  g_autofree char *open = NULL;

  if (!exec_command (self, sql, _("keep other roles out"), error))
    return FALSE;
  open = query_value (self, "SELECT has_database_privilege ('public', current_database (), 'CONNECT')", error);
  if (open == NULL)
    return FALSE;
  if (strcmp (open, "f") != 0)
    {
      g_set_error (error, ODAN_STORE_ERROR, ODAN_STORE_ERROR_DENIED,
                   _("%s: every role may still connect to the database; the exercise must be created "
                     "by the database's owner, who can revoke that"), self->location);
      return FALSE;
    }
  return TRUE;
}

char *
odan_pg_store_role_name (OdanPgStore   *self,
                         OdanStoreRole  kind,
                         const char    *team)
{
  g_return_val_if_fail (ODAN_IS_PG_STORE (self), NULL);
  g_return_val_if_fail (self->exercise != NULL, NULL);

  switch (kind)
    {
    case ODAN_STORE_ROLE_TEAM:
      g_return_val_if_fail (team != NULL, NULL);
      return g_strdup_printf ("odan_%s_team_%s", self->exercise, team);
    case ODAN_STORE_ROLE_EVALUATOR:
      return g_strdup_printf ("odan_%s_evaluator", self->exercise);
    case ODAN_STORE_ROLE_FACILITATOR:
    case ODAN_STORE_ROLE_OWNER:
    default:
      return g_strdup_printf ("odan_%s_facilitator", self->exercise);
    }
}

static gboolean
create_everything (OdanPgStore *self,
                   GHashTable  *pack_files,
                   GHashTable  *meta,
                   GError     **error)
{
  g_autoptr(OdanPack) pack = NULL;
  g_autoptr(GList) names = NULL;
  g_autofree char *created = odan_wall_time_format (g_get_real_time ());
  g_autofree char *facilitator = NULL;
  g_autofree char *evaluator = NULL;
  GBytes *mitigations_csv = g_hash_table_lookup (pack_files, "mitigations.csv");
  GHashTableIter iter;
  gpointer key, value;

  pack = load_pack (self, pack_files, error);
  if (pack == NULL)
    return FALSE;

  if (!migrate (self, 0, error) || !keep_strangers_out (self, error) || !store_names (self, pack, error))
    return FALSE;

  names = g_list_sort (g_hash_table_get_keys (pack_files), (GCompareFunc) strcmp);
  for (GList *l = names; l != NULL; l = l->next)
    if (!insert_file (self, l->data, audience_of (l->data, self->teams_see_model),
                      g_hash_table_lookup (pack_files, l->data), error))
      return FALSE;

  for (guint32 i = 0; i < pack->n_teams; i++)
    {
      const char *team = pack->teams[i].id;
      g_autofree char *role = odan_pg_store_role_name (self, ODAN_STORE_ROLE_TEAM, team);

      if (!add_member (self, role, ODAN_STORE_ROLE_TEAM, team, error))
        return FALSE;
      if (mitigations_csv != NULL)
        {
          g_autoptr(GBytes) copy = team_mitigations (pack, i, mitigations_csv, error);

          if (copy == NULL || !insert_file (self, "mitigations.csv", team, copy, error))
            return FALSE;
        }
    }
  facilitator = odan_pg_store_role_name (self, ODAN_STORE_ROLE_FACILITATOR, NULL);
  evaluator = odan_pg_store_role_name (self, ODAN_STORE_ROLE_EVALUATOR, NULL);
  if (!add_member (self, facilitator, ODAN_STORE_ROLE_FACILITATOR, NULL, error)
      || !add_member (self, evaluator, ODAN_STORE_ROLE_EVALUATOR, NULL, error))
    return FALSE;

  if (!insert_meta (self, "created", created, error)
      || !insert_meta (self, "odan-version", PACKAGE_VERSION, error))
    return FALSE;
  if (meta != NULL)
    {
      g_hash_table_iter_init (&iter, meta);
      while (g_hash_table_iter_next (&iter, &key, &value))
        if (!insert_meta (self, key, value, error))
          return FALSE;
    }
  /* after the caller's meta: these are the store's own */
  return insert_meta (self, "exercise", self->exercise, error)
         && insert_meta (self, "channel", self->channel, error)
         && insert_meta (self, "teams-see-model", self->teams_see_model ? "true" : "false", error);
}

/* ------------------------------------------------------------------ */
/* Details as JSON (for the server's checks and for people) */

/* JSON has no infinity: such a value is not a number people query, and
 * jsonb refuses it, so it becomes null. */
static void
finite_numbers (JsonNode *node)
{
  switch (json_node_get_node_type (node))
    {
    case JSON_NODE_OBJECT:
      {
        JsonObjectIter iter;
        const char *member_name;
        JsonNode *member;

        json_object_iter_init (&iter, json_node_get_object (node));
        while (json_object_iter_next (&iter, &member_name, &member))
          finite_numbers (member);
      }
      break;
    case JSON_NODE_ARRAY:
      {
        JsonArray *array = json_node_get_array (node);

        for (guint i = 0; i < json_array_get_length (array); i++)
          finite_numbers (json_array_get_element (array, i));
      }
      break;
    case JSON_NODE_VALUE:
      if (json_node_get_value_type (node) == G_TYPE_DOUBLE && !isfinite (json_node_get_double (node)))
        json_node_init_null (node);
      break;
    case JSON_NODE_NULL:
    default:
      break;
    }
}

/* The details as the jsonb column holds them: an object of the keys. */
static char *
details_json (GVariant *details)
{
  g_autoptr(JsonNode) node = json_gvariant_serialize (details);

  finite_numbers (node);
  return json_to_string (node, FALSE);
}

/* @details without the keys teams may not read. */
static GVariant *
public_details (OdanPgStore *self,
                GVariant    *details)
{
  g_auto(GVariantBuilder) builder = G_VARIANT_BUILDER_INIT (G_VARIANT_TYPE_VARDICT);
  GVariantIter iter;
  const char *key;
  GVariant *value;

  /* in the details' own order, so that a team's event, which hides nothing,
   * gives the same bytes as its payload (a GVariantDict would reorder) */
  g_variant_iter_init (&iter, details);
  while (g_variant_iter_next (&iter, "{&sv}", &key, &value))
    {
      gboolean hidden = FALSE;

      for (guint i = 0; i < G_N_ELEMENTS (hidden_keys); i++)
        /* a model open to teams still keeps the MSEL's times to itself */
        hidden |= strcmp (key, hidden_keys[i]) == 0
                  && (!self->teams_see_model || strcmp (hidden_keys[i], "effect") != 0);
      if (!hidden)
        g_variant_builder_add (&builder, "{sv}", key, value);
      g_variant_unref (value);
    }
  return g_variant_ref_sink (g_variant_builder_end (&builder));
}

/* ------------------------------------------------------------------ */
/* OdanStore */

static gboolean check_open (OdanPgStore *self, gboolean writing, GError **error);
static gboolean check_exercise (OdanPgStore *self, GError **error);

/* For odan-pg-invitations.c */
PGresult *
_odan_pg_store_run (OdanPgStore        *self,
                    const char         *sql,
                    int                 n_params,
                    const char *const  *values,
                    ExecStatusType      expected,
                    const char         *what,
                    GError            **error)
{
  return run (self, sql, n_params, values, expected, what, error);
}

gboolean
_odan_pg_store_check_exercise (OdanPgStore *self,
                               GError     **error)
{
  return check_open (self, FALSE, error) && check_exercise (self, error);
}

static gboolean
check_open (OdanPgStore *self,
            gboolean     writing,
            GError     **error)
{
  if (self->closed)
    {
      g_set_error (error, ODAN_STORE_ERROR, ODAN_STORE_ERROR_IO, _("%s: the exercise is closed"), self->location);
      return FALSE;
    }
  if (writing && self->access != ODAN_STORE_ACCESS_READ_WRITE)
    {
      g_set_error (error, ODAN_STORE_ERROR, ODAN_STORE_ERROR_READ_ONLY,
                   self->access == ODAN_STORE_ACCESS_LOCKED
                   ? _("%s is open read-only: another facilitator's Odan is writing to it")
                   : _("%s is open read-only"), self->location);
      return FALSE;
    }
  return TRUE;
}

static gboolean
check_exercise (OdanPgStore *self,
                GError     **error)
{
  if (self->empty)
    {
      g_set_error (error, ODAN_STORE_ERROR, ODAN_STORE_ERROR_EMPTY,
                   _("%s holds no exercise yet"), self->location);
      return FALSE;
    }
  return TRUE;
}

static const char *
odan_pg_store_get_location (OdanStore *store)
{
  return ODAN_PG_STORE (store)->location;
}

static OdanStoreAccess
odan_pg_store_get_access (OdanStore *store)
{
  return ODAN_PG_STORE (store)->access;
}

static guint
odan_pg_store_get_schema_version (OdanStore *store)
{
  return ODAN_PG_STORE (store)->schema_version;
}

static gboolean
odan_pg_store_is_empty (OdanStore *store)
{
  return ODAN_PG_STORE (store)->empty;
}

static gboolean
odan_pg_store_init_exercise (OdanStore   *store,
                             GHashTable  *pack_files,
                             GHashTable  *meta,
                             GError     **error)
{
  OdanPgStore *self = ODAN_PG_STORE (store);
  const char *see = meta != NULL ? g_hash_table_lookup (meta, "teams-see-model") : NULL;
  gboolean taken = FALSE;

  if (!check_open (self, TRUE, error))
    return FALSE;
  if (!self->empty)
    {
      g_set_error (error, ODAN_STORE_ERROR, ODAN_STORE_ERROR_EXISTS,
                   _("%s already holds an exercise"), self->location);
      return FALSE;
    }

  self->exercise = exercise_name_from (PQdb (self->conn));
  self->channel = g_strdup_printf ("odan_%s", self->exercise);
  self->teams_see_model = see != NULL && strcmp (see, "true") == 0;
  if (!exec_command (self, "BEGIN", _("store the exercise"), error))
    goto fail;
  if (!create_everything (self, pack_files, meta, error)
      || !exec_command (self, "COMMIT", _("store the exercise"), error))
    goto fail;
  make_room (self);

  self->empty = FALSE;
  self->schema_version = ODAN_PG_STORE_SCHEMA_VERSION;
  if (!load_role (self, error) || !take_writer_lock (self, &taken, error))
    return FALSE;
  self->writer = taken;
  self->access = taken ? ODAN_STORE_ACCESS_READ_WRITE : ODAN_STORE_ACCESS_LOCKED;
  return TRUE;

fail:
  rollback (self);
  g_clear_pointer (&self->exercise, g_free);
  g_clear_pointer (&self->channel, g_free);
  return FALSE;
}

OdanStore *
odan_pg_store_create (const char        *conninfo,
                      GHashTable        *pack_files,
                      GHashTable        *meta,
                      OdanPgCreateFlags  flags,
                      GError           **error)
{
  g_autoptr(OdanStore) store = odan_pg_store_open (conninfo, ODAN_PG_STORE_OPEN_REQUIRE_WRITE, error);
  g_autoptr(GHashTable) all_meta = g_hash_table_new (g_str_hash, g_str_equal);
  GHashTableIter iter;
  gpointer key, value;

  g_return_val_if_fail (pack_files != NULL, NULL);

  if (store == NULL)
    return NULL;
  if (meta != NULL)
    {
      g_hash_table_iter_init (&iter, meta);
      while (g_hash_table_iter_next (&iter, &key, &value))
        g_hash_table_insert (all_meta, key, value);
    }
  g_hash_table_insert (all_meta, (gpointer) "teams-see-model",
                       (gpointer) ((flags & ODAN_PG_CREATE_TEAMS_SEE_MODEL) ? "true" : "false"));
  if (!odan_store_init_exercise (store, pack_files, all_meta, error))
    return NULL;
  return g_steal_pointer (&store);
}

static GHashTable *
odan_pg_store_read_pack (OdanStore *store,
                         GError   **error)
{
  OdanPgStore *self = ODAN_PG_STORE (store);
  g_autoptr(GHashTable) files = NULL;
  g_autoptr(PGresult) res = NULL;

  if (!check_open (self, FALSE, error) || !check_exercise (self, error))
    return NULL;
  /* the owner is not subject to row-level security: name the audiences */
  res = run (self,
             "SELECT name, content FROM odan.pack_files "
             "WHERE audience IN ('staff', 'everyone') OR audience = odan.my_team () ORDER BY name",
             0, NULL, PGRES_TUPLES_OK, _("read the embedded pack"), error);
  if (res == NULL)
    return NULL;

  files = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) g_bytes_unref);
  for (int i = 0; i < PQntuples (res); i++)
    {
      size_t len = 0;
      unsigned char *bytes = PQunescapeBytea ((const unsigned char *) PQgetvalue (res, i, 1), &len);

      if (bytes == NULL)
        {
          g_set_error (error, ODAN_STORE_ERROR, ODAN_STORE_ERROR_IO,
                       _("%s: cannot read the embedded pack: out of memory"), self->location);
          return NULL;
        }
      g_hash_table_insert (files, g_strdup (PQgetvalue (res, i, 0)), g_bytes_new (bytes, len));
      PQfreemem (bytes);
    }
  return g_steal_pointer (&files);
}

static char *
odan_pg_store_get_meta (OdanStore  *store,
                        const char *key)
{
  OdanPgStore *self = ODAN_PG_STORE (store);

  if (self->closed || self->empty)
    return NULL;
  return read_meta_value (self, key);
}

static void
set_text_param (const char **values,
                int          index,
                const char  *text)
{
  values[index] = text;
}

static gboolean watch_first (gpointer user_data);

/* Our own queries read the socket too, and the notifications they swallow
 * wait in libpq's queue where the socket watch never sees them. */
static void
poke_watch (OdanPgStore *self)
{
  if (self->watch_func != NULL && self->watch_retry_source == 0 && self->watch_fd_source != 0)
    self->watch_retry_source = g_idle_add (watch_first, self);
}

/* ------------------------------------------------------------------ */
/* Members' events: written by the server's functions, read from jsonb */

/* How each detail a member may write (odan.member_keys) reads back: the
 * GVariant type the facilitator's own events give it. The rest are text. */
static const struct {
  const char *key;
  char        type;   /* 's', 'b', 'd', 'x'; 'S': as; 'X': ax */
} member_keys[] = {
  { ODAN_EVENT_KEY_INJECTS, 'S' }, { ODAN_EVENT_KEY_RECIPIENTS, 'S' }, { ODAN_EVENT_KEY_FORWARD_TO, 'S' },
  { ODAN_EVENT_KEY_FORWARD_ORIGINS, 'X' }, { ODAN_EVENT_KEY_ARRIVES, 'd' },
  { ODAN_EVENT_KEY_DELIVERED, 'd' }, { ODAN_EVENT_KEY_REVISES, 'x' }, { ODAN_EVENT_KEY_BCP, 'b' },
};

static GVariant *
member_scalar (JsonNode *node,
               char      type)
{
  GType held;

  if (!JSON_NODE_HOLDS_VALUE (node))
    return NULL;
  held = json_node_get_value_type (node);
  switch (type)
    {
    case 's':
      return held == G_TYPE_STRING ? g_variant_new_string (json_node_get_string (node)) : NULL;
    case 'b':
      return held == G_TYPE_BOOLEAN ? g_variant_new_boolean (json_node_get_boolean (node)) : NULL;
    case 'x':
      return held == G_TYPE_INT64 ? g_variant_new_int64 (json_node_get_int (node)) : NULL;
    case 'd':
      if (held == G_TYPE_INT64)
        return g_variant_new_double ((double) json_node_get_int (node));
      return held == G_TYPE_DOUBLE ? g_variant_new_double (json_node_get_double (node)) : NULL;
    default:
      return NULL;
    }
}

static GVariant *
member_array (JsonNode *node,
              char      type)
{
  g_auto(GVariantBuilder) builder = G_VARIANT_BUILDER_INIT (type == 's' ? G_VARIANT_TYPE_STRING_ARRAY
                                                                         : G_VARIANT_TYPE ("ax"));
  JsonArray *array;

  if (!JSON_NODE_HOLDS_ARRAY (node))
    return NULL;
  array = json_node_get_array (node);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      GVariant *element = member_scalar (json_array_get_element (array, i), type);

      if (element == NULL)
        return NULL;   /* the builder is cleared on the way out */
      g_variant_builder_add_value (&builder, element);
    }
  return g_variant_builder_end (&builder);
}

/* One detail of a member's event, or NULL when it is not of its type. */
static GVariant *
member_value (const char *key,
              JsonNode   *node)
{
  char type = 's';

  for (guint i = 0; i < G_N_ELEMENTS (member_keys); i++)
    if (strcmp (key, member_keys[i].key) == 0)
      type = member_keys[i].type;
  if (type == 'S')
    return member_array (node, 's');
  if (type == 'X')
    return member_array (node, 'x');
  return member_scalar (node, type);
}

/* jsonb's own order of keys (shorter first, then bytewise): the writer's
 * copy and every reader's agree whatever order the details were built in. */
static int
compare_keys (gconstpointer a,
              gconstpointer b)
{
  const char *x = *(const char *const *) a;
  const char *y = *(const char *const *) b;
  size_t lx = strlen (x), ly = strlen (y);

  return lx != ly ? (lx < ly ? -1 : 1) : strcmp (x, y);
}

/* The details of a member's event from the jsonb the server built; NULL
 * when it is no object of the keys' types. */
static GVariant *
member_details_from_json (const char *json)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_auto(GVariantBuilder) builder = G_VARIANT_BUILDER_INIT (G_VARIANT_TYPE_VARDICT);
  g_autoptr(GPtrArray) keys = NULL;
  GList *members;
  JsonObject *object;

  if (json == NULL || !json_parser_load_from_data (parser, json, -1, NULL)
      || !JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
    return NULL;
  object = json_node_get_object (json_parser_get_root (parser));
  keys = g_ptr_array_new ();
  members = json_object_get_members (object);
  for (GList *l = members; l != NULL; l = l->next)
    g_ptr_array_add (keys, l->data);
  g_list_free (members);
  g_ptr_array_sort (keys, compare_keys);
  for (guint i = 0; i < keys->len; i++)
    {
      const char *key = g_ptr_array_index (keys, i);
      GVariant *value = member_value (key, json_object_get_member (object, key));

      if (value == NULL)
        return NULL;
      g_variant_builder_add (&builder, "{sv}", key, value);
    }
  return g_variant_ref_sink (g_variant_builder_end (&builder));
}

/* @details as JSON without @left_out (a key the server fills itself). */
static char *
member_json (GVariant   *details,
             const char *left_out)
{
  g_auto(GVariantBuilder) builder = G_VARIANT_BUILDER_INIT (G_VARIANT_TYPE_VARDICT);
  g_autoptr(GVariant) kept = NULL;
  GVariantIter iter;
  const char *key;
  GVariant *value;

  g_variant_iter_init (&iter, details);
  while (g_variant_iter_next (&iter, "{&sv}", &key, &value))
    {
      if (left_out == NULL || strcmp (key, left_out) != 0)
        g_variant_builder_add (&builder, "{sv}", key, value);
      g_variant_unref (value);
    }
  kept = g_variant_ref_sink (g_variant_builder_end (&builder));
  return details_json (kept);
}

/* A member's event waits in the inbox until a sequencer moves it into the
 * log (schema 5). A team (schema 6) asks for its id after the staff's
 * sequencer has had a tick (50 ms), then after 50 ms doubling to a second;
 * after 2 s it asks patiently, which runs the sequencer itself (no staff
 * is sequencing). An evaluator asks at once, sequencing what waits when no
 * one else is, then after 2 ms doubling to 50 ms; after a second it asks
 * the server to wait for the lock instead, evicting a member that keeps
 * it. Safe to repeat after a reconnect. */
static gboolean
await_sequenced (OdanPgStore *self,
                 const char  *token,
                 OdanEvent   *event,
                 GError     **error)
{
  gint64 start = g_get_monotonic_time ();
  gboolean team = self->role == ODAN_STORE_ROLE_TEAM;
  gint64 patience = team ? ODAN_PG_TEAM_PATIENCE_US : G_USEC_PER_SEC;
  gulong delay_us = team ? ODAN_PG_TEAM_FIRST_ASK_US : 2000;

  if (team)
    g_usleep (delay_us);
  for (;;)
    {
      gint64 waited = g_get_monotonic_time () - start;
      const char *values[2] = { token, waited > patience ? "true" : "false" };
      g_autoptr(PGresult) res = run (self, "SELECT * FROM odan.sequenced ($1::uuid, $2::boolean)", 2, values,
                                     PGRES_TUPLES_OK, _("record the event"), error);

      if (res == NULL)
        return FALSE;
      if (PQntuples (res) == 1 && !PQgetisnull (res, 0, 0))
        {
          event->id = g_ascii_strtoll (PQgetvalue (res, 0, 0), NULL, 10);
          event->minute = g_ascii_strtod (PQgetvalue (res, 0, 1), NULL);
          return TRUE;
        }
      if (waited > 60 * G_USEC_PER_SEC)
        {
          g_set_error (error, ODAN_STORE_ERROR, ODAN_STORE_ERROR_IO,
                       _("%s: the event waited a minute for its place in the log"), self->location);
          return FALSE;
        }
      /* another sequencer is at work: its batch or the next takes ours */
      g_usleep (delay_us);
      delay_us = MIN (delay_us * 2, team ? G_USEC_PER_SEC : 50000);
    }
}

/* A team's or an evaluator's event goes through its function (schema 3):
 * the server checks every value and builds the row. Idempotent by token,
 * so after a lost answer the call is simply made again. */
static gboolean
append_member_event (OdanPgStore *self,
                     OdanEvent   *event,
                     const char  *token,
                     GError     **error)
{
  g_autofree char *ref = event->ref > 0 ? g_strdup_printf ("%" G_GINT64_FORMAT, event->ref) : NULL;
  g_autofree char *json = NULL;
  g_autofree char *all = details_json (event->details);
  g_autoptr(GVariant) canonical = NULL;
  const char *word = odan_event_action_to_string (event);
  const char *wall = event->wall != NULL ? event->wall : "";
  const char *summary = event->summary != NULL ? event->summary : "";
  const char *sql;
  const char *values[7];
  int n = 7;
  guint resent = 0;

  if (self->role == ODAN_STORE_ROLE_TEAM
      && (g_strcmp0 (event->team, self->team) != 0 || g_strcmp0 (event->actor, self->team) != 0))
    {
      g_set_error (error, ODAN_STORE_ERROR, ODAN_STORE_ERROR_DENIED,
                   _("%s: the team %s writes only its own events"), self->location, self->team);
      return FALSE;
    }
  if (self->role == ODAN_STORE_ROLE_TEAM && event->kind == ODAN_EVENT_ACK)
    {
      json = member_json (event->details, ODAN_EVENT_KEY_DELIVERED);
      sql = "SELECT * FROM odan.ack ($1::uuid, $2, $3::bigint, $4, $5, $6::jsonb)";
      values[0] = token; values[1] = word; values[2] = ref; values[3] = wall; values[4] = summary;
      values[5] = json;
      n = 6;
    }
  else if (self->role == ODAN_STORE_ROLE_TEAM && event->kind == ODAN_EVENT_DECISION)
    {
      json = member_json (event->details, NULL);
      sql = "SELECT * FROM odan.decide ($1::uuid, $2, $3, $4::bigint, $5, $6, $7::jsonb)";
      values[0] = token; values[1] = word; values[2] = event->subject; values[3] = ref; values[4] = wall;
      values[5] = summary; values[6] = json;
    }
  else if (self->role == ODAN_STORE_ROLE_EVALUATOR && event->kind == ODAN_EVENT_OBSERVATION)
    {
      json = member_json (event->details, NULL);
      sql = "SELECT * FROM odan.observe ($1::uuid, $2, $3, $4::bigint, $5, $6, $7::jsonb)";
      values[0] = token; values[1] = word; values[2] = event->team; values[3] = ref; values[4] = wall;
      values[5] = summary; values[6] = json;
    }
  else
    {
      g_set_error (error, ODAN_STORE_ERROR, ODAN_STORE_ERROR_DENIED,
                   _("%s: a team writes only acknowledgements and decisions, an evaluator only observations"),
                   self->location);
      return FALSE;
    }
  canonical = member_details_from_json (all);
  if (canonical == NULL)
    {
      g_set_error (error, ODAN_STORE_ERROR, ODAN_STORE_ERROR_DENIED,
                   _("%s: cannot record the event: a detail is not of its type"), self->location);
      return FALSE;
    }

  for (;;)
    {
      g_autoptr(PGresult) res = PQexecParams (self->conn, sql, n, NULL, values, NULL, NULL, 0);

      if (PQresultStatus (res) == PGRES_TUPLES_OK && PQntuples (res) == 1)
        {
          /* in the inbox (no id yet), or in the log already (a retry) */
          if (PQgetisnull (res, 0, 0))
            {
              g_autoptr(GError) local_error = NULL;
              guint reconnects = self->reconnects;

              if (!await_sequenced (self, token, event, &local_error))
                {
                  /* the call commits asynchronously (schema 6): a server that
                   * crashed before the batch may have lost the row, and then
                   * knows no such token; the call goes again (the token makes
                   * it once) */
                  if (self->reconnects != reconnects && resent < 3
                      && g_error_matches (local_error, ODAN_STORE_ERROR, ODAN_STORE_ERROR_DENIED))
                    {
                      resent++;
                      continue;
                    }
                  g_propagate_error (error, g_steal_pointer (&local_error));
                  return FALSE;
                }
            }
          else
            {
              event->id = g_ascii_strtoll (PQgetvalue (res, 0, 0), NULL, 10);
              event->minute = g_ascii_strtod (PQgetvalue (res, 0, 1), NULL);
            }
          /* what every reader gets back: the server's copy */
          g_variant_unref (event->details);
          event->details = g_steal_pointer (&canonical);
          event->by_member = TRUE;
          poke_watch (self);
          return TRUE;
        }
      if (!connection_lost (self, res))
        return set_pg_error (self, res, _("record the event"), error);
      if (!reconnect (self, error))
        return FALSE;
    }
}

static gboolean
odan_pg_store_append_event (OdanStore  *store,
                            OdanEvent  *event,
                            GError    **error)
{
  OdanPgStore *self = ODAN_PG_STORE (store);
  g_autoptr(GBytes) payload = NULL;
  g_autoptr(GBytes) public_bytes = NULL;
  g_autoptr(GVariant) public = NULL;
  g_autofree char *json = NULL;
  g_autofree char *token = g_uuid_string_random ();
  g_autofree char *ref = event->ref > 0 ? g_strdup_printf ("%" G_GINT64_FORMAT, event->ref) : NULL;
  char minute[G_ASCII_DTOSTR_BUF_SIZE];
  const char *values[13];
  int lengths[13] = { 0 };
  int formats[13] = { 0 };
  static const Oid types[13] = {
    OID_UUID, OID_TEXT, OID_TEXT, OID_FLOAT8, OID_TEXT, OID_TEXT, OID_TEXT, OID_TEXT, OID_INT8,
    OID_TEXT, OID_JSONB, OID_BYTEA, OID_BYTEA,
  };
  gsize payload_len, public_len;

  if (!check_open (self, TRUE, error) || !check_exercise (self, error))
    return FALSE;
  if (self->role == ODAN_STORE_ROLE_TEAM || self->role == ODAN_STORE_ROLE_EVALUATOR)
    return append_member_event (self, event, token, error);

  payload = odan_event_details_to_bytes (event->details);
  public = public_details (self, event->details);
  public_bytes = odan_event_details_to_bytes (public);
  json = details_json (event->details);
  g_ascii_dtostr (minute, sizeof minute, event->minute);

  set_text_param (values, 0, token);
  set_text_param (values, 1, odan_event_kind_to_string (event->kind));
  set_text_param (values, 2, odan_event_action_to_string (event));
  set_text_param (values, 3, minute);
  set_text_param (values, 4, event->wall != NULL ? event->wall : "");
  set_text_param (values, 5, event->actor != NULL ? event->actor : "system");
  set_text_param (values, 6, event->team);
  set_text_param (values, 7, event->subject);
  set_text_param (values, 8, ref);
  set_text_param (values, 9, event->summary != NULL ? event->summary : "");
  set_text_param (values, 10, json);
  values[11] = g_bytes_get_data (payload, &payload_len);
  values[12] = g_bytes_get_data (public_bytes, &public_len);
  /* an empty dictionary serialises to no bytes: still a value, not NULL */
  if (values[11] == NULL)
    values[11] = "";
  if (values[12] == NULL)
    values[12] = "";
  lengths[11] = (int) payload_len;
  lengths[12] = (int) public_len;
  formats[11] = formats[12] = 1;

  for (;;)
    {
      g_autoptr(PGresult) res = PQexecParams (self->conn,
                                              "INSERT INTO odan.events (token, kind, action, minute, wall, actor,"
                                              "  team, subject, ref, summary, details, payload, public_payload)"
                                              " VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)"
                                              " RETURNING id, minute",
                                              13, types, values, lengths, formats, 0);
      g_autoptr(PGresult) found = NULL;

      /* autocommit: the result arrives after COMMIT (synchronous_commit) */
      if (PQresultStatus (res) == PGRES_TUPLES_OK && PQntuples (res) == 1)
        {
          event->minute = g_ascii_strtod (PQgetvalue (res, 0, 1), NULL);
          event->id = g_ascii_strtoll (PQgetvalue (res, 0, 0), NULL, 10);
          poke_watch (self);
          return TRUE;
        }
      if (!connection_lost (self, res))
        return set_pg_error (self, res, _("record the event"), error);

      /* the commit may or may not have happened: ask by token */
      if (!reconnect (self, error))
        return FALSE;
      found = run (self, "SELECT id, minute FROM odan.events WHERE token = $1", 1, values,
                   PGRES_TUPLES_OK, _("record the event"), error);
      if (found == NULL)
        return FALSE;
      if (PQntuples (found) == 1)
        {
          event->minute = g_ascii_strtod (PQgetvalue (found, 0, 1), NULL);
          event->id = g_ascii_strtoll (PQgetvalue (found, 0, 0), NULL, 10);
          poke_watch (self);
          return TRUE;
        }
      /* not there: lost before the commit; the writer's lock was checked
       * again on reconnecting */
      if (!check_open (self, TRUE, error))
        return FALSE;
    }
}

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return strcmp (*(const char *const *) a, *(const char *const *) b);
}

static gboolean
has_key (GVariant   *details,
         const char *key)
{
  g_autoptr(GVariant) value = g_variant_lookup_value (details, key, NULL);

  return value != NULL;
}

/* A team's event as the staff read it must say what the server checked. */
static gboolean
check_team_event (OdanPgStore     *self,
                  const OdanEvent *event,
                  const char      *author,
                  const char      *recipients,
                  GError         **error)
{
  g_autofree char *number = g_strdup_printf ("%" G_GINT64_FORMAT, event->id);

  if (event->kind == ODAN_EVENT_DECISION)
    for (guint i = 0; i < G_N_ELEMENTS (verdict_keys); i++)
      if (has_key (event->details, verdict_keys[i]))
        goto bad;
  if (event->kind == ODAN_EVENT_DELIVERY)
    {
      g_auto(GStrv) to = odan_event_dup_to (event);
      g_autoptr(GPtrArray) sorted = g_ptr_array_new ();
      g_autofree char *joined = NULL;

      if (odan_event_is_to_all (event))
        joined = g_strdup ("*");
      else
        {
          for (guint i = 0; to != NULL && to[i] != NULL; i++)
            {
              gboolean seen = FALSE;

              for (guint j = 0; j < sorted->len && !seen; j++)
                seen = strcmp (g_ptr_array_index (sorted, j), to[i]) == 0;
              if (!seen)
                g_ptr_array_add (sorted, (gpointer) to[i]);
            }
          g_ptr_array_sort (sorted, compare_strings);
          g_ptr_array_add (sorted, NULL);
          joined = g_strjoinv (";", (char **) sorted->pdata);
        }
      if (strcmp (joined, recipients != NULL ? recipients : "") != 0)
        goto bad;
    }
  return TRUE;

bad:
  g_set_error (error, ODAN_STORE_ERROR, ODAN_STORE_ERROR_DAMAGED,
               _("%s: event %s written by %s does not match the copy the server checked"),
               self->location, number, author);
  return FALSE;
}

/* A member's row this reader cannot take: left out, said once. */
static void
skip_member_event (OdanPgStore *self,
                   gint64       id,
                   const char  *author,
                   const char  *why)
{
  g_autofree char *number = g_strdup_printf ("%" G_GINT64_FORMAT, id);
  g_autofree char *message = NULL;

  if (g_hash_table_contains (self->skipped, &id))
    return;
  g_hash_table_add (self->skipped, g_memdup2 (&id, sizeof id));
  message = g_strdup_printf (_("%s: event %s, written by %s, is left out: %s"), self->location, number,
                             author != NULL ? author : "?", why);
  g_message ("%s", message);
  g_signal_emit_by_name (self, "event-skipped", id, message);
}

/* The details of row @i: the GVariant bytes the facilitator wrote, or the
 * jsonb the server built for a member (payload NULL). */
static GVariant *
row_details (const PGresult *res,
             int             i)
{
  size_t len = 0;
  unsigned char *raw;
  g_autoptr(GBytes) bytes = NULL;

  if (PQgetisnull (res, i, 10))
    return member_details_from_json (PQgetisnull (res, i, 14) ? NULL : PQgetvalue (res, i, 14));
  raw = PQunescapeBytea ((const unsigned char *) PQgetvalue (res, i, 10), &len);
  if (raw == NULL)
    return NULL;
  bytes = g_bytes_new (raw, len);
  PQfreemem (raw);
  return odan_event_details_from_bytes (bytes);
}

/* Row @i as an event in *@out, or *@out NULL for a member's row left out.
 * FALSE only for a row of the facilitator's that cannot be read. */
static gboolean
read_row (OdanPgStore     *self,
          const PGresult  *res,
          int              i,
          gboolean         staff,
          OdanEvent      **out,
          GError         **error)
{
  gint64 id = g_ascii_strtoll (PQgetvalue (res, i, 0), NULL, 10);
  const char *kind_text = PQgetvalue (res, i, 1);
  const char *action_text = PQgetvalue (res, i, 2);
  const char *author = PQgetisnull (res, i, 12) ? NULL : PQgetvalue (res, i, 12);
  gboolean member = PQgetisnull (res, i, 10);
  GVariant *details = row_details (res, i);
  g_autoptr(GError) local_error = NULL;
  gboolean had_details;
  OdanEvent *event;

  *out = NULL;
  had_details = details != NULL;   /* taken either way below */
  event = details != NULL ? odan_event_new_from_words (kind_text, action_text,
                                                       g_ascii_strtod (PQgetvalue (res, i, 3), NULL), details)
                          : NULL;
  if (event == NULL)
    {
      g_autofree char *number = g_strdup_printf ("%" G_GINT64_FORMAT, id);

      if (member)
        {
          g_autofree char *why = had_details
                                 ? g_strdup_printf (_("no event is of kind “%s” and action “%s”"),
                                                    kind_text, action_text)
                                 : g_strdup (_("its details are not of their types"));

          skip_member_event (self, id, author, why);
          return TRUE;
        }
      g_set_error (error, ODAN_STORE_ERROR, ODAN_STORE_ERROR_DAMAGED,
                   _("%s: event %s cannot be read (kind “%s”, action “%s”)"), self->location, number,
                   kind_text, action_text);
      return FALSE;
    }
  event->id = id;
  event->by_member = member;
  event->wall = g_strdup (PQgetvalue (res, i, 4));
  event->actor = g_strdup (PQgetvalue (res, i, 5));
  event->team = PQgetisnull (res, i, 6) ? NULL : g_strdup (PQgetvalue (res, i, 6));
  event->subject = PQgetisnull (res, i, 7) ? NULL : g_strdup (PQgetvalue (res, i, 7));
  event->ref = PQgetisnull (res, i, 8) ? 0 : g_ascii_strtoll (PQgetvalue (res, i, 8), NULL, 10);
  g_free (event->summary);
  event->summary = g_strdup (PQgetvalue (res, i, 9));
  /* a team's event of schema 2 (written with INSERT) is checked against
   * what the server checked; one that differs is left out */
  if (staff && !PQgetisnull (res, i, 11)
      && g_strcmp0 (PQgetvalue (res, i, 11), odan_enum_to_nick (ODAN_TYPE_STORE_ROLE, ODAN_STORE_ROLE_TEAM)) == 0
      && !check_team_event (self, event, author, PQgetisnull (res, i, 13) ? NULL : PQgetvalue (res, i, 13),
                            &local_error))
    {
      event->by_member = TRUE;
      skip_member_event (self, id, author, local_error->message);
      odan_event_free (event);
      return TRUE;
    }
  *out = event;
  return TRUE;
}

typedef struct {
  OdanPgStore *self;
  GPtrArray   *events;    /* OdanEvent*, read before any is handed on */
} ReadState;

/* The staff take in what members committed before reading (schema 5:
 * odan.sequence ()); a refusal is only said, since the next read or tick
 * tries again. FALSE only when the server is gone. *@out_moved (may be
 * NULL): how many events went into the log. */
static gboolean
sequence_waiting_moved (OdanPgStore *self,
                        gint64      *out_moved,
                        gint64      *out_last,
                        GError     **error)
{
  g_autoptr(GError) local_error = NULL;
  /* the log's last id only for the watch's tick: a read finds it anyway */
  g_autoptr(PGresult) res = run (self, out_last != NULL ? "SELECT odan.sequence (), (SELECT max (id) FROM odan.events)"
                                                        : "SELECT odan.sequence ()",
                                 0, NULL, PGRES_TUPLES_OK, _("order the log"), &local_error);

  if (out_moved != NULL)
    *out_moved = 0;
  if (out_last != NULL)
    *out_last = 0;
  if (res == NULL)
    {
      if (self->conn == NULL || PQstatus (self->conn) != CONNECTION_OK)
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return FALSE;
        }
      g_debug ("%s", local_error->message);
      return TRUE;
    }
  if (out_moved != NULL)
    *out_moved = g_ascii_strtoll (PQgetvalue (res, 0, 0), NULL, 10);
  if (out_last != NULL)
    *out_last = g_ascii_strtoll (PQgetvalue (res, 0, 1), NULL, 10);
  return TRUE;
}

static gboolean
sequence_waiting (OdanPgStore *self,
                  GError     **error)
{
  return sequence_waiting_moved (self, NULL, NULL, error);
}

static gboolean
odan_pg_store_read_events (OdanStore          *store,
                           gint64              after_id,
                           OdanStoreEventFunc  func,
                           gpointer            user_data,
                           GError            **error)
{
  OdanPgStore *self = ODAN_PG_STORE (store);
  g_autofree char *after = g_strdup_printf ("%" G_GINT64_FORMAT, after_id);
  const char *values[1] = { after };
  g_autoptr(PGresult) res = NULL;
  g_autoptr(GPtrArray) events = g_ptr_array_new_with_free_func ((GDestroyNotify) odan_event_free);
  gboolean staff;

  if (!check_open (self, FALSE, error) || !check_exercise (self, error))
    return FALSE;
  staff = self->role != ODAN_STORE_ROLE_TEAM;
  if (staff && !sequence_waiting (self, error))
    return FALSE;
  /* teams read the details without the model's keys: they may not select the others */
  res = run (self,
             staff
             ? "SELECT e.id, e.kind, e.action, e.minute, e.wall, e.actor, e.team, e.subject, e.ref,"
               "  e.summary, e.payload, m.kind, e.author,"
               "  CASE WHEN m.kind = 'team' AND e.kind = 'delivery' THEN array_to_string (ARRAY ("
               "    SELECT r.team FROM odan.recipients r WHERE r.event_id = e.id"
               "    ORDER BY r.team COLLATE \"C\"), ';') END, e.member_details::text"
               " FROM odan.events e LEFT JOIN odan.members m ON m.role = e.author"
               " WHERE e.id > $1 ORDER BY e.id"
             : "SELECT e.id, e.kind, e.action, e.minute, e.wall, e.actor, e.team, e.subject, e.ref,"
               "  e.summary, e.public_payload, NULL, e.author, NULL, e.member_details::text"
               " FROM odan.events e WHERE e.id > $1 ORDER BY e.id",
             1, values, PGRES_TUPLES_OK, _("read the events"), error);
  if (res == NULL)
    return FALSE;

  /* everything is read before anything is handed on: a query that fails
   * half-way gives the caller nothing twice */
  for (int i = 0; i < PQntuples (res); i++)
    {
      OdanEvent *event = NULL;

      if (!read_row (self, res, i, staff, &event, error))
        return FALSE;
      if (event != NULL)
        g_ptr_array_add (events, event);
    }
  g_clear_pointer (&res, PQclear);

  for (guint i = 0; i < events->len; i++)
    {
      OdanEvent *event = g_steal_pointer (&g_ptr_array_index (events, i));

      if (!func (event, user_data, error))
        return FALSE;
    }
  return TRUE;
}

static void watch_stop (OdanPgStore *self);

static gboolean
odan_pg_store_close (OdanStore *store,
                     GError   **error)
{
  OdanPgStore *self = ODAN_PG_STORE (store);

  if (self->closed)
    return TRUE;
  watch_stop (self);
  self->closed = TRUE;
  /* ending the session releases the writer's advisory lock */
  g_clear_pointer (&self->conn, PQfinish);
  return TRUE;
}

static OdanStoreRole odan_pg_store_get_role (OdanStore *store);
static const char   *odan_pg_store_get_team (OdanStore *store);
static gboolean      odan_pg_store_watch    (OdanStore *store, gint64 after_id, OdanStoreEventFunc func,
                                             gpointer user_data, GDestroyNotify destroy);
static void          odan_pg_store_unwatch  (OdanStore *store);

static void
odan_pg_store_iface_init (OdanStoreInterface *iface)
{
  iface->get_location = odan_pg_store_get_location;
  iface->get_access = odan_pg_store_get_access;
  iface->get_schema_version = odan_pg_store_get_schema_version;
  iface->is_empty = odan_pg_store_is_empty;
  iface->init_exercise = odan_pg_store_init_exercise;
  iface->read_pack = odan_pg_store_read_pack;
  iface->get_meta = odan_pg_store_get_meta;
  iface->append_event = odan_pg_store_append_event;
  iface->read_events = odan_pg_store_read_events;
  iface->close = odan_pg_store_close;
  iface->get_role = odan_pg_store_get_role;
  iface->get_team = odan_pg_store_get_team;
  iface->watch = odan_pg_store_watch;
  iface->unwatch = odan_pg_store_unwatch;
  odan_pg_invitations_iface_init (iface);
}

/* ------------------------------------------------------------------ */
/* Who we are */

const char *
odan_pg_store_get_exercise_name (OdanPgStore *self)
{
  g_return_val_if_fail (ODAN_IS_PG_STORE (self), NULL);

  return self->exercise;
}

static OdanStoreRole
odan_pg_store_get_role (OdanStore *store)
{
  return ODAN_PG_STORE (store)->role;
}

static const char *
odan_pg_store_get_team (OdanStore *store)
{
  return ODAN_PG_STORE (store)->team;
}

void
odan_pg_store_set_reconnect_timeout (OdanPgStore *self,
                                     guint        seconds)
{
  g_return_if_fail (ODAN_IS_PG_STORE (self));

  self->reconnect_timeout = seconds;
}

guint
odan_pg_store_get_reconnects (OdanPgStore *self)
{
  g_return_val_if_fail (ODAN_IS_PG_STORE (self), 0);

  return self->reconnects;
}

/* ------------------------------------------------------------------ */
/* Waiting for new events */

typedef struct {
  gint64             *last_id;
  guint               n;
  OdanStoreEventFunc  func;
  gpointer            user_data;
} Forward;

static gboolean
forward_event (OdanEvent *event,
               gpointer   user_data,
               GError   **error)
{
  Forward *forward = user_data;

  *forward->last_id = event->id;
  forward->n++;
  return forward->func (event, forward->user_data, error);
}

/* TRUE when at least one notification was waiting. */
static gboolean
drain_notifies (OdanPgStore *self)
{
  PGnotify *notify;
  gboolean any = FALSE;

  while ((notify = PQnotifies (self->conn)) != NULL)
    {
      any = TRUE;
      PQfreemem (notify);
    }
  return any;
}

static gboolean
start_listening (OdanPgStore *self,
                 GError     **error)
{
  g_autofree char *quoted = NULL;
  g_autofree char *sql = NULL;
  g_autoptr(PGresult) res = NULL;

  if (self->listening)
    return TRUE;
  quoted = PQescapeIdentifier (self->conn, self->channel, strlen (self->channel));
  sql = g_strdup_printf ("LISTEN %s", quoted);
  /* set first: a reconnect inside run() listens again by itself */
  self->listening = TRUE;
  res = run (self, sql, 0, NULL, PGRES_COMMAND_OK, _("listen for new events"), error);
  if (res == NULL)
    {
      self->listening = FALSE;
      return FALSE;
    }
  return TRUE;
}

gboolean
odan_pg_store_wait (OdanPgStore        *self,
                    gint64             *last_id,
                    gint64              timeout_us,
                    OdanStoreEventFunc  func,
                    gpointer            user_data,
                    GError            **error)
{
  gint64 deadline;
  gboolean staff;

  g_return_val_if_fail (ODAN_IS_PG_STORE (self), FALSE);
  g_return_val_if_fail (last_id != NULL, FALSE);
  g_return_val_if_fail (func != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  deadline = timeout_us < 0 ? G_MAXINT64 : g_get_monotonic_time () + timeout_us;
  if (!check_open (self, FALSE, error) || !check_exercise (self, error))
    return FALSE;
  /* listen before reading: an event committed in between still wakes us */
  if (!start_listening (self, error))
    return FALSE;
  staff = self->role != ODAN_STORE_ROLE_TEAM;

  for (;;)
    {
      Forward forward = { last_id, 0, func, user_data };
      struct pollfd pfd;
      gint64 left;
      int rc;

      drain_notifies (self);
      if (!odan_pg_store_read_events (ODAN_STORE (self), *last_id, forward_event, &forward, error))
        return FALSE;
      if (forward.n > 0)
        return TRUE;

      /* sleep on the socket until a notification (or anything) arrives */
      for (;;)
        {
          left = deadline - g_get_monotonic_time ();
          if (left <= 0)
            return TRUE;
          pfd.fd = PQsocket (self->conn);
          pfd.events = POLLIN;
          pfd.revents = 0;
          /* the staff read (and so sequence) at least every 50 ms */
          rc = poll (&pfd, 1, (int) MIN ((left + 999) / 1000, staff ? SEQUENCE_TICK_MS : 1000));
          if (rc < 0 && errno != EINTR)
            {
              int saved = errno;

              g_set_error (error, ODAN_STORE_ERROR, ODAN_STORE_ERROR_IO,
                           _("%s: cannot wait for new events: %s"), self->location, g_strerror (saved));
              return FALSE;
            }
          if (rc == 0 && staff)
            break;
          if (rc <= 0)
            continue;
          if (!PQconsumeInput (self->conn) || PQstatus (self->conn) != CONNECTION_OK)
            {
              /* the server went away: come back and catch up from *last_id */
              if (!reconnect (self, error))
                return FALSE;
              break;
            }
          if (drain_notifies (self))
            break;
        }
    }
}

/* The GLib main loop version */

static gboolean watch_on_socket (int fd, GIOCondition condition, gpointer user_data);
static gboolean watch_retry (gpointer user_data);

static void
watch_attach (OdanPgStore *self)
{
  g_clear_handle_id (&self->watch_fd_source, g_source_remove);
  self->watch_fd_source = g_unix_fd_add (PQsocket (self->conn), G_IO_IN | G_IO_HUP | G_IO_ERR,
                                         watch_on_socket, self);
}

static void
watch_lost (OdanPgStore *self)
{
  g_clear_handle_id (&self->watch_fd_source, g_source_remove);
  if (self->watch_retry_source != 0)
    return;
  self->watch_retry_source = g_timeout_add (self->watch_backoff_ms > 0 ? self->watch_backoff_ms : 50,
                                            watch_retry, self);
  if (self->watch_backoff_ms == 0)
    {
      g_message ("%s: lost the connection to the server; reconnecting", self->location);
      self->watch_backoff_ms = 50;
      self->watch_offline = TRUE;
      g_signal_emit_by_name (self, "connection-changed", FALSE);
    }
}

/* Hands on what came after watch_last; FALSE when the watch ended. */
static gboolean
watch_catch_up (OdanPgStore *self)
{
  Forward forward = { &self->watch_last, 0, self->watch_func, self->watch_data };
  g_autoptr(GError) error = NULL;
  guint saved_timeout = self->reconnect_timeout;
  gboolean ok;

  /* never block the main loop on a dead server: one attempt, then back off */
  self->reconnect_timeout = 0;
  ok = odan_pg_store_read_events (ODAN_STORE (self), self->watch_last, forward_event, &forward, &error);
  self->reconnect_timeout = saved_timeout;
  /* a NOTIFY that came while we read (a batch committed after our snapshot)
   * waits in libpq's queue, where the socket watch never sees it */
  if (ok && self->watch_func != NULL && self->conn != NULL && drain_notifies (self))
    poke_watch (self);
  if (ok)
    return TRUE;
  if (g_error_matches (error, ODAN_STORE_ERROR, ODAN_STORE_ERROR_IO)
      && (self->conn == NULL || PQstatus (self->conn) != CONNECTION_OK) && !self->closed)
    {
      watch_lost (self);
      return TRUE;
    }
  g_warning ("%s: stopped watching for new events: %s", self->location, error->message);
  watch_stop (self);
  return FALSE;
}

static gboolean
watch_retry (gpointer user_data)
{
  OdanPgStore *self = user_data;
  g_autoptr(GError) error = NULL;

  self->watch_retry_source = 0;
  if (!reconnect_once (self, &error))
    {
      g_debug ("%s", error->message);
      self->watch_backoff_ms = MIN (self->watch_backoff_ms * 2, 2000);
      self->watch_retry_source = g_timeout_add (self->watch_backoff_ms, watch_retry, self);
      return G_SOURCE_REMOVE;
    }
  g_message ("%s: reconnected", self->location);
  self->watch_backoff_ms = 0;
  watch_attach (self);
  if (self->watch_offline)
    {
      self->watch_offline = FALSE;
      g_signal_emit_by_name (self, "connection-changed", TRUE);
    }
  watch_catch_up (self);
  return G_SOURCE_REMOVE;
}

static gboolean
watch_on_socket (int          fd,
                 GIOCondition condition,
                 gpointer     user_data)
{
  OdanPgStore *self = user_data;

  if (!PQconsumeInput (self->conn) || PQstatus (self->conn) != CONNECTION_OK)
    {
      self->watch_fd_source = 0;
      watch_lost (self);
      return G_SOURCE_REMOVE;
    }
  if (drain_notifies (self) && !watch_catch_up (self))
    return G_SOURCE_REMOVE;
  return G_SOURCE_CONTINUE;
}

/* The staff's follow loop sequences what members committed every 50 ms,
 * so that their events reach the log even when no member does it (schema
 * 5), and looks at the log's last id: a batch notifies no one (schema 6),
 * so this is how a watch learns of one another sequencer moved. */
static gboolean
watch_tick (gpointer user_data)
{
  OdanPgStore *self = user_data;
  g_autoptr(GError) error = NULL;
  guint saved_timeout = self->reconnect_timeout;
  guint reconnects = self->reconnects;
  gint64 moved = 0, last = 0;

  if (self->watch_offline || self->watch_fd_source == 0 || self->conn == NULL
      || PQstatus (self->conn) != CONNECTION_OK)
    return G_SOURCE_CONTINUE;
  /* never block the main loop on a dead server: the socket watch reconnects */
  self->reconnect_timeout = 0;
  if (!sequence_waiting_moved (self, &moved, &last, &error))
    g_debug ("%s", error->message);
  self->reconnect_timeout = saved_timeout;
  /* the log grew (a batch notifies no one, schema 6; a member's row the
   * watch skips leaves watch_last behind, so each id pokes once); our own
   * query read a NOTIFY off the socket, which then never wakes the socket
   * watch; or it found the server gone and came back, listening anew: what
   * was committed between woke no one */
  if (last > MAX (self->watch_last, self->watch_tick_last) || moved > 0 || self->reconnects != reconnects
      || (self->conn != NULL && PQstatus (self->conn) != CONNECTION_OK)
      || (self->conn != NULL && drain_notifies (self)))
    {
      self->watch_tick_last = MAX (self->watch_tick_last, last);
      poke_watch (self);
    }
  return G_SOURCE_CONTINUE;
}

static gboolean
watch_first (gpointer user_data)
{
  OdanPgStore *self = user_data;

  self->watch_retry_source = 0;
  watch_catch_up (self);
  return G_SOURCE_REMOVE;
}

static gboolean
odan_pg_store_watch (OdanStore          *store,
                     gint64              after_id,
                     OdanStoreEventFunc  func,
                     gpointer            user_data,
                     GDestroyNotify      destroy)
{
  OdanPgStore *self = ODAN_PG_STORE (store);
  g_autoptr(GError) error = NULL;

  g_return_val_if_fail (self->watch_func == NULL, FALSE);
  g_return_val_if_fail (!self->closed && !self->empty, FALSE);

  self->watch_func = func;
  self->watch_data = user_data;
  self->watch_destroy = destroy;
  self->watch_last = after_id;
  if (!start_listening (self, &error))
    {
      g_message ("%s", error->message);
      watch_lost (self);
      return TRUE;
    }
  watch_attach (self);
  /* the first catch-up from the main loop, never inside this call */
  self->watch_retry_source = g_idle_add (watch_first, self);
  if (self->role != ODAN_STORE_ROLE_TEAM)
    self->watch_tick_source = g_timeout_add (SEQUENCE_TICK_MS, watch_tick, self);
  return TRUE;
}

static void
watch_stop (OdanPgStore *self)
{
  GDestroyNotify destroy = self->watch_destroy;
  gpointer data = self->watch_data;

  g_clear_handle_id (&self->watch_fd_source, g_source_remove);
  g_clear_handle_id (&self->watch_retry_source, g_source_remove);
  g_clear_handle_id (&self->watch_tick_source, g_source_remove);
  self->watch_func = NULL;
  self->watch_data = NULL;
  self->watch_destroy = NULL;
  self->watch_backoff_ms = 0;
  self->watch_offline = FALSE;
  if (destroy != NULL)
    destroy (data);
}

static void
odan_pg_store_unwatch (OdanStore *store)
{
  watch_stop (ODAN_PG_STORE (store));
}

/* ------------------------------------------------------------------ */
/* GObject */

static void
odan_pg_store_finalize (GObject *object)
{
  OdanPgStore *self = ODAN_PG_STORE (object);

  odan_pg_store_close (ODAN_STORE (self), NULL);
  g_free (self->conninfo);
  g_free (self->location);
  g_free (self->team);
  g_free (self->exercise);
  g_free (self->channel);
  g_clear_pointer (&self->skipped, g_hash_table_unref);

  G_OBJECT_CLASS (odan_pg_store_parent_class)->finalize (object);
}

static void
odan_pg_store_class_init (OdanPgStoreClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = odan_pg_store_finalize;
}

gboolean
odan_pg_store_is_watch_connected (OdanPgStore *self)
{
  g_return_val_if_fail (ODAN_IS_PG_STORE (self), FALSE);

  return self->watch_func != NULL && !self->watch_offline;
}

static void
odan_pg_store_init (OdanPgStore *self)
{
  self->access = ODAN_STORE_ACCESS_READ_ONLY;
  self->reconnect_timeout = 60;
  self->skipped = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
}

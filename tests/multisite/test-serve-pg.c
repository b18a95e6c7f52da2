/* test-serve-pg.c — `odan-cli serve` and `odan-cli invite` over PostgreSQL
 *
 * Starts its own server (odan-pg-fixture.c) with the ceptoar-drill played
 * to minute 12 (D-01 has reached the five ministries, D-02 only mhlw), and
 * runs real processes: `odan-cli invite` with the facilitator's role, and
 * two `odan-cli serve`, one with mic's role and one with mhlw's, side by
 * side against the one database. Over HTTP (libsoup's client): each team
 * signs in at its own server and sees exactly its deliveries; a server
 * signs in no other team and acts for no other team; a withdrawn code is
 * refused and ends the sessions it opened. In the database: only hashes
 * are stored, no team reads them, and a team's role may neither invite nor
 * withdraw; a database of schema 3 gains them when its owner opens it. Skipped without PostgreSQL (fails under CI).
 */
#include <glib-unix.h>
#include <json-glib/json-glib.h>
#include <libpq-fe.h>
#include <libsoup/soup.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>
#include <string.h>

#include "odan-exercise.h"
#include "odan-invitation.h"
#include "odan-pg-fixture.h"
#include "odan-pg-store.h"
#include "odan-test-env.h"

#define DB "servepg"

static OdanPgFixture *server;
static const char *skip_reason;
static OdanExercise *exercise;      /* the owner's, in this process */

#define NEED_SERVER() G_STMT_START { if (server == NULL) { odan_test_missing ("PostgreSQL", skip_reason); return; } } G_STMT_END

typedef struct {
  GPid  pid;
  char *url;
  int   out_fd;   /* kept open: serve never writes into a closed pipe */
} Serve;

static Serve serve_mic, serve_mhlw;

typedef struct {
  guint  status;
  char  *body;
  char  *set_cookie;
} Reply;

static void
reply_clear (Reply *r)
{
  g_clear_pointer (&r->body, g_free);
  g_clear_pointer (&r->set_cookie, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Reply, reply_clear)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PGconn, PQfinish)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PGresult, PQclear)

static char *
conninfo_of (const char *kind,
             const char *team)
{
  return odan_pg_fixture_conninfo (server, odan_pg_fixture_role (server, DB, kind, team), DB);
}

/* `odan-cli ARGS…`: its standard output; *@out_status its exit status. */
static char *
cli (const char *const *args,
     int               *out_status)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  char *out = NULL;
  g_autofree char *err = NULL;
  int status = 0;

  g_ptr_array_add (argv, (gpointer) g_getenv ("ODAN_CLI"));
  for (guint i = 0; args[i] != NULL; i++)
    g_ptr_array_add (argv, (gpointer) args[i]);
  g_ptr_array_add (argv, NULL);
  g_spawn_sync (NULL, (char **) argv->pdata, NULL, 0, NULL, NULL, &out, &err, &status, &error);
  g_assert_no_error (error);
  if (out_status != NULL)
    *out_status = g_spawn_check_wait_status (status, NULL) ? 0 : 1;
  else if (!g_spawn_check_wait_status (status, NULL))
    g_error ("odan-cli %s failed: %s", args[0], err);
  g_test_message ("odan-cli %s: %s%s", args[0], out, err);
  return out;
}

/* A fresh invitation of @team made with the facilitator's role: its code. */
static char *
invite (const char *team)
{
  g_autofree char *facilitator = conninfo_of ("facilitator", NULL);
  const char *args[] = { "invite", facilitator, "--team", team, "--base-url", "http://room.example:8080", NULL };
  g_autofree char *out = cli (args, NULL);
  const char *hash_mark;

  g_strstrip (out);
  g_assert_true (g_str_has_prefix (out, "http://room.example:8080/join#"));
  hash_mark = strchr (out, '#');
  g_assert_cmpuint (strlen (hash_mark + 1), ==, ODAN_INVITATION_CODE_LENGTH);
  return g_strdup (hash_mark + 1);
}

/* Starts `odan-cli serve CONNINFO --listen 127.0.0.1:0` and reads its URL. */
static void
serve_start (Serve      *s,
             const char *conninfo)
{
  g_autoptr(GError) error = NULL;
  const char *argv[] = { g_getenv ("ODAN_CLI"), "serve", conninfo, "--listen", "127.0.0.1:0", NULL };
  g_autoptr(GString) line = g_string_new (NULL);
  const char *at;
  int out_fd = -1;
  char c;

  g_spawn_async_with_pipes (NULL, (char **) argv, NULL, G_SPAWN_DO_NOT_REAP_CHILD, NULL, NULL,
                            &s->pid, NULL, &out_fd, NULL, &error);
  g_assert_no_error (error);
  /* its first line names the URL; nothing: serve ended before listening */
  while (read (out_fd, &c, 1) == 1 && c != '\n')
    g_string_append_c (line, c);
  s->out_fd = out_fd;
  g_test_message ("serve: %s", line->str);
  at = strstr (line->str, "http://127.0.0.1:");
  g_assert_nonnull (at);
  s->url = g_strndup (at, strcspn (at, " "));
}

static void
serve_stop (Serve *s)
{
  if (s->pid == 0)
    return;
  kill (s->pid, SIGTERM);
  g_spawn_close_pid (s->pid);
  waitpid (s->pid, NULL, 0);
  close (s->out_fd);
  s->pid = 0;
  g_clear_pointer (&s->url, g_free);
}

static void
request (const Serve *s,
         const char  *method,
         const char  *path,
         const char  *cookie,
         const char  *csrf,
         const char  *body,
         Reply       *out)
{
  static SoupSession *http;
  g_autofree char *uri = g_strconcat (s->url, path, NULL);
  g_autoptr(SoupMessage) msg = soup_message_new (method, uri);
  SoupMessageHeaders *h = soup_message_get_request_headers (msg);
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GString) cookies = g_string_new (NULL);
  g_autoptr(GError) error = NULL;
  SoupMessageHeadersIter iter;
  const char *name, *value;

  if (http == NULL)
    http = soup_session_new ();
  if (cookie != NULL)
    soup_message_headers_replace (h, "Cookie", cookie);
  if (csrf != NULL)
    soup_message_headers_replace (h, "X-CSRF-Token", csrf);
  if (body != NULL)
    {
      g_autoptr(GBytes) content = g_bytes_new (body, strlen (body));

      soup_message_set_request_body_from_bytes (msg, "application/json", content);
    }
  bytes = soup_session_send_and_read (http, msg, NULL, &error);
  g_assert_no_error (error);
  out->status = soup_message_get_status (msg);
  out->body = g_strndup (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
  soup_message_headers_iter_init (&iter, soup_message_get_response_headers (msg));
  while (soup_message_headers_iter_next (&iter, &name, &value))
    if (g_ascii_strcasecmp (name, "Set-Cookie") == 0)
      g_string_append_printf (cookies, "%s\n", value);
  out->set_cookie = g_string_free (g_steal_pointer (&cookies), FALSE);
}

static char *
cookie_of (const Reply *r,
           const char  *name)
{
  g_autofree char *prefix = g_strconcat (name, "=", NULL);
  g_auto(GStrv) lines = g_strsplit (r->set_cookie, "\n", -1);

  for (guint i = 0; lines[i] != NULL; i++)
    if (g_str_has_prefix (lines[i], prefix))
      return g_strndup (lines[i], strcspn (lines[i], ";"));
  return NULL;
}

static JsonObject *
parse_object (const char  *text,
              JsonParser **out_parser)
{
  g_autoptr(GError) error = NULL;
  JsonParser *parser = json_parser_new ();

  g_assert_true (json_parser_load_from_data (parser, text, -1, &error));
  g_assert_no_error (error);
  g_assert_cmpint (JSON_NODE_TYPE (json_parser_get_root (parser)), ==, JSON_NODE_OBJECT);
  *out_parser = parser;
  return json_node_get_object (json_parser_get_root (parser));
}

/* Signs in at @s with @code: the status; *@out_cookie the session's cookie
 * and *@out_csrf its token when it succeeded. */
static guint
join (const Serve  *s,
      const char   *code,
      char        **out_cookie,
      char        **out_csrf)
{
  g_auto(Reply) form = { 0 };
  g_auto(Reply) r = { 0 };
  g_auto(Reply) session = { 0 };
  g_autoptr(JsonParser) parser = NULL;
  g_autofree char *form_cookie = NULL;
  g_autofree char *body = NULL;
  g_autofree char *cookie = NULL;

  request (s, "GET", "/join", NULL, NULL, NULL, &form);
  g_assert_cmpuint (form.status, ==, 200);
  form_cookie = cookie_of (&form, "odan_join");
  g_assert_nonnull (form_cookie);
  body = g_strdup_printf ("{\"code\":\"%s\",\"csrf\":\"%s\"}", code, form_cookie + strlen ("odan_join="));
  request (s, "POST", "/api/join", form_cookie, NULL, body, &r);
  if (r.status != 200)
    return r.status;
  cookie = cookie_of (&r, "odan_session");
  g_assert_nonnull (cookie);
  request (s, "GET", "/api/session", cookie, NULL, NULL, &session);
  g_assert_cmpuint (session.status, ==, 200);
  if (out_csrf != NULL)
    *out_csrf = g_strdup (json_object_get_string_member (parse_object (session.body, &parser), "csrf"));
  if (out_cookie != NULL)
    *out_cookie = g_steal_pointer (&cookie);
  return r.status;
}

/* The deliveries of the page's view, in order. */
static GArray *
view_deliveries (const Serve *s,
                 const char  *cookie,
                 const char  *team)
{
  g_auto(Reply) r = { 0 };
  g_autoptr(JsonParser) parser = NULL;
  GArray *ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  JsonObject *view;
  JsonArray *inbox;

  request (s, "GET", "/api/view", cookie, NULL, NULL, &r);
  g_assert_cmpuint (r.status, ==, 200);
  view = parse_object (r.body, &parser);
  if (json_object_has_member (view, "view"))
    view = json_object_get_object_member (view, "view");
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (view, "team"), "key"), ==, team);
  inbox = json_object_get_array_member (view, "inbox");
  for (guint i = 0; i < json_array_get_length (inbox); i++)
    {
      gint64 id = json_object_get_int_member (json_array_get_object_element (inbox, i), "delivery");

      g_array_append_val (ids, id);
    }
  return ids;
}

static GArray *
deliveries_reaching (const char *team)
{
  GArray *ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  guint32 t = odan_pack_find_team (odan_exercise_get_pack (exercise), team);

  for (guint i = 0; i < odan_exercise_get_n_events (exercise); i++)
    {
      const OdanEvent *event = odan_exercise_get_event (exercise, i);

      if (event->kind == ODAN_EVENT_DELIVERY && odan_exercise_delivery_reaches (exercise, event, t))
        g_array_append_val (ids, event->id);
    }
  return ids;
}

static PGconn *
connect_owner (void)
{
  g_autofree char *conninfo = odan_pg_fixture_conninfo (server, "odan", DB);

  return PQconnectdb (conninfo);
}

static PGconn *
connect_as (const char *kind,
            const char *team)
{
  g_autofree char *conninfo = conninfo_of (kind, team);
  PGconn *conn = PQconnectdb (conninfo);

  g_assert_cmpint (PQstatus (conn), ==, CONNECTION_OK);
  return conn;
}

/* One value of @sql run with @param, or NULL (SQL NULL); *@out_state the
 * error's SQLSTATE ("" when it ran). */
static char *
query (PGconn      *conn,
       const char  *sql,
       const char  *param,
       char       **out_state)
{
  const char *values[1] = { param };
  g_autoptr(PGresult) res = PQexecParams (conn, sql, param != NULL ? 1 : 0, NULL, values, NULL, NULL, 0);
  const char *state = PQresultErrorField (res, PG_DIAG_SQLSTATE);

  *out_state = g_strdup (state != NULL ? state : "");
  if (PQresultStatus (res) != PGRES_TUPLES_OK || PQntuples (res) < 1 || PQgetisnull (res, 0, 0))
    return NULL;
  return g_strdup (PQgetvalue (res, 0, 0));
}

/* ------------------------------------------------------------------ */

/* The invitation is kept as its hash, beside the log; teams read no hash,
 * check only their own, and may neither invite nor withdraw. */
static void
test_invite (void)
{
  g_autofree char *code = NULL;
  g_autofree char *other = NULL;
  g_autofree char *hash = NULL;
  g_autofree char *other_hash = NULL;
  g_autoptr(PGconn) owner = NULL;
  g_autoptr(PGconn) mic = NULL;
  g_autoptr(PGconn) evaluator = NULL;
  char *state = NULL;
  char *value = NULL;

  NEED_SERVER ();
  code = invite ("mic");
  other = invite ("mhlw");
  hash = odan_invitation_hash (code);
  other_hash = odan_invitation_hash (other);
  owner = connect_owner ();
  g_assert_cmpint (PQstatus (owner), ==, CONNECTION_OK);

  value = query (owner, "SELECT team FROM odan.invitations WHERE hash = $1 AND revoked IS NULL", hash, &state);
  g_assert_cmpstr (value, ==, "mic");
  g_clear_pointer (&value, g_free);
  g_clear_pointer (&state, g_free);
  /* the code itself is nowhere in the table */
  value = query (owner, "SELECT count (*) FROM odan.invitations i WHERE strpos (i::text, $1) > 0", code, &state);
  g_assert_cmpstr (value, ==, "0");
  g_clear_pointer (&value, g_free);
  g_clear_pointer (&state, g_free);

  mic = connect_as ("team", "mic");
  value = query (mic, "SELECT count (*) FROM odan.invitations", NULL, &state);
  g_assert_null (value);
  g_assert_cmpstr (state, ==, "42501");
  g_clear_pointer (&state, g_free);
  value = query (mic, "SELECT odan.check_invitation ($1)", hash, &state);
  g_assert_cmpstr (value, ==, "mic");
  g_clear_pointer (&value, g_free);
  g_clear_pointer (&state, g_free);
  /* another team's hash answers as a wrong one does */
  value = query (mic, "SELECT odan.check_invitation ($1)", other_hash, &state);
  g_assert_null (value);
  g_assert_cmpstr (state, ==, "");
  g_clear_pointer (&state, g_free);
  value = query (mic, "SELECT odan.put_invitation ('mic', $1)", hash + 0, &state);
  g_assert_null (value);
  g_assert_cmpstr (state, ==, "42501");
  g_clear_pointer (&state, g_free);
  value = query (mic, "SELECT odan.revoke_invitation ($1)", "mhlw", &state);
  g_assert_null (value);
  g_assert_cmpstr (state, ==, "42501");
  g_clear_pointer (&state, g_free);

  evaluator = connect_as ("evaluator", NULL);
  value = query (evaluator, "SELECT odan.check_invitation ($1)", hash, &state);
  g_assert_null (value);
  g_assert_cmpstr (state, ==, "42501");
  g_clear_pointer (&state, g_free);

  /* a team's connection cannot invite through odan-cli either */
  {
    g_autofree char *team_conn = conninfo_of ("team", "mic");
    const char *args[] = { "invite", team_conn, "--team", "mic", NULL };
    g_autofree char *out = NULL;
    int status = 0;

    out = cli (args, &status);
    g_assert_cmpint (status, !=, 0);
    g_assert_null (strstr (out, "/join#"));
  }
  /* nor serve with an evaluator's */
  {
    g_autofree char *evaluator_conn = conninfo_of ("evaluator", NULL);
    const char *args[] = { "serve", evaluator_conn, "--listen", "127.0.0.1:0", NULL };
    g_autofree char *out = NULL;
    int status = 0;

    out = cli (args, &status);
    g_assert_cmpint (status, !=, 0);
    g_assert_null (strstr (out, "http://"));
  }
}

/* Two servers, one per team's role, side by side: each signs in its own
 * team only and shows it exactly its deliveries. */
static void
test_side_by_side (void)
{
  g_autofree char *mic_code = NULL;
  g_autofree char *mhlw_code = NULL;
  g_autofree char *mic_cookie = NULL;
  g_autofree char *mhlw_cookie = NULL;
  g_autoptr(GArray) mic_seen = NULL;
  g_autoptr(GArray) mhlw_seen = NULL;
  g_autoptr(GArray) mic_reached = NULL;
  g_autoptr(GArray) mhlw_reached = NULL;

  NEED_SERVER ();
  mic_code = invite ("mic");
  mhlw_code = invite ("mhlw");

  /* each server holds only its team's rights */
  g_assert_cmpuint (join (&serve_mic, mhlw_code, NULL, NULL), ==, 403);
  g_assert_cmpuint (join (&serve_mhlw, mic_code, NULL, NULL), ==, 403);

  g_assert_cmpuint (join (&serve_mic, mic_code, &mic_cookie, NULL), ==, 200);
  g_assert_cmpuint (join (&serve_mhlw, mhlw_code, &mhlw_cookie, NULL), ==, 200);
  /* a session of one server means nothing to the other */
  {
    g_auto(Reply) r = { 0 };

    request (&serve_mhlw, "GET", "/api/view", mic_cookie, NULL, NULL, &r);
    g_assert_cmpuint (r.status, ==, 401);
  }

  mic_seen = view_deliveries (&serve_mic, mic_cookie, "mic");
  mhlw_seen = view_deliveries (&serve_mhlw, mhlw_cookie, "mhlw");
  mic_reached = deliveries_reaching ("mic");
  mhlw_reached = deliveries_reaching ("mhlw");
  g_assert_cmpuint (mic_reached->len, >, 0);
  g_assert_cmpuint (mhlw_reached->len, >, mic_reached->len);   /* D-02 too */
  g_assert_cmpmem (mic_seen->data, mic_seen->len * sizeof (gint64),
                   mic_reached->data, mic_reached->len * sizeof (gint64));
  g_assert_cmpmem (mhlw_seen->data, mhlw_seen->len * sizeof (gint64),
                   mhlw_reached->data, mhlw_reached->len * sizeof (gint64));
}

/* mic's server logs mic's acknowledgement, and nothing for mhlw. */
static void
test_acts_only_for_its_team (void)
{
  g_autofree char *code = NULL;
  g_autofree char *cookie = NULL;
  g_autofree char *csrf = NULL;
  g_autoptr(GArray) mic_reached = NULL;
  g_autoptr(GArray) mhlw_reached = NULL;
  g_autoptr(PGconn) owner = NULL;
  g_autofree char *body = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autofree char *author = NULL;
  char *state = NULL;
  gint64 mhlw_only = 0;

  NEED_SERVER ();
  code = invite ("mic");
  g_assert_cmpuint (join (&serve_mic, code, &cookie, &csrf), ==, 200);
  mic_reached = deliveries_reaching ("mic");
  mhlw_reached = deliveries_reaching ("mhlw");
  for (guint i = 0; i < mhlw_reached->len; i++)
    {
      gboolean mine = FALSE;

      for (guint j = 0; j < mic_reached->len; j++)
        mine |= g_array_index (mic_reached, gint64, j) == g_array_index (mhlw_reached, gint64, i);
      if (!mine)
        mhlw_only = g_array_index (mhlw_reached, gint64, i);
    }
  g_assert_cmpint (mhlw_only, >, 0);

  owner = connect_owner ();
  g_assert_cmpint (PQstatus (owner), ==, CONNECTION_OK);
  before = query (owner, "SELECT count (*) FROM odan.events", NULL, &state);
  g_clear_pointer (&state, g_free);

  /* another team's delivery: refused, nothing logged */
  {
    g_auto(Reply) r = { 0 };

    body = g_strdup_printf ("{\"delivery\":%" G_GINT64_FORMAT ",\"ack\":\"received\"}", mhlw_only);
    request (&serve_mic, "POST", "/api/ack", cookie, csrf, body, &r);
    g_assert_cmpuint (r.status, >=, 400);
    g_assert_cmpuint (r.status, <, 500);
    g_assert_null (strstr (r.body, "D-02"));
    after = query (owner, "SELECT count (*) FROM odan.events", NULL, &state);
    g_clear_pointer (&state, g_free);
    g_assert_cmpstr (after, ==, before);
  }
  /* its own: logged by mic's own role */
  {
    g_auto(Reply) r = { 0 };
    g_autoptr(JsonParser) parser = NULL;
    g_autofree char *id = NULL;

    g_free (body);
    body = g_strdup_printf ("{\"delivery\":%" G_GINT64_FORMAT ",\"ack\":\"received\"}",
                            g_array_index (mic_reached, gint64, 0));
    request (&serve_mic, "POST", "/api/ack", cookie, csrf, body, &r);
    g_assert_cmpuint (r.status, ==, 200);
    id = g_strdup_printf ("%" G_GINT64_FORMAT,
                          json_object_get_int_member (parse_object (r.body, &parser), "event"));
    author = query (owner, "SELECT author || ' ' || kind || ' ' || team FROM odan.events WHERE id = $1::bigint",
                    id, &state);
    g_clear_pointer (&state, g_free);
  }
  {
    g_autofree char *expected = g_strdup_printf ("%s ack mic", odan_pg_fixture_role (server, DB, "team", "mic"));

    g_assert_cmpstr (author, ==, expected);
  }
}

/* A withdrawn code signs in no more, and the session it opened ends. */
static void
test_revoked (void)
{
  g_autofree char *facilitator = conninfo_of ("facilitator", NULL);
  g_autofree char *code = NULL;
  g_autofree char *cookie = NULL;
  g_autofree char *fresh = NULL;
  const char *revoke[] = { "invite", facilitator, "--team", "mic", "--revoke", NULL };
  g_autofree char *out = NULL;
  guint status = 200;

  NEED_SERVER ();
  code = invite ("mic");
  g_assert_cmpuint (join (&serve_mic, code, &cookie, NULL), ==, 200);
  out = cli (revoke, NULL);
  g_assert_nonnull (strstr (out, "mic"));
  g_assert_cmpuint (join (&serve_mic, code, NULL, NULL), ==, 403);
  /* the session asks the database again on each request */
  {
    g_auto(Reply) r = { 0 };

    request (&serve_mic, "GET", "/api/view", cookie, NULL, NULL, &r);
    status = r.status;
  }
  g_assert_cmpuint (status, ==, 401);
  /* a new invitation works again */
  fresh = invite ("mic");
  g_assert_cmpstr (fresh, !=, code);
  g_assert_cmpuint (join (&serve_mic, fresh, NULL, NULL), ==, 200);
  g_assert_cmpuint (join (&serve_mic, code, NULL, NULL), ==, 403);
}

/* The facilitator delivers D-90 (at 4 h, to every team): each team's
 * server, following the database, shows it to its team. Waits for the
 * NOTIFY to reach the servers (meson's timeout guards a hang). */
static void
test_follows_live (void)
{
  g_autoptr(GError) error = NULL;
  const char *teams[] = { "mic", "mhlw" };
  Serve *serves[] = { &serve_mic, &serve_mhlw };
  g_autoptr(GArray) before = NULL;

  NEED_SERVER ();
  before = deliveries_reaching ("mic");
  odan_exercise_advance_to (exercise, 240, &error);
  g_assert_no_error (error);
  for (guint t = 0; t < G_N_ELEMENTS (teams); t++)
    {
      g_autofree char *code = invite (teams[t]);
      g_autofree char *cookie = NULL;
      g_autoptr(GArray) reached = deliveries_reaching (teams[t]);

      g_assert_cmpuint (join (serves[t], code, &cookie, NULL), ==, 200);
      for (;;)
        {
          g_autoptr(GArray) seen = view_deliveries (serves[t], cookie, teams[t]);

          if (seen->len == reached->len)
            {
              g_assert_cmpmem (seen->data, seen->len * sizeof (gint64),
                               reached->data, reached->len * sizeof (gint64));
              break;
            }
          g_assert_cmpuint (seen->len, <, reached->len);
          g_usleep (50 * 1000);
        }
    }
  {
    g_autoptr(GArray) after = deliveries_reaching ("mic");

    g_assert_cmpuint (after->len, >, before->len);
  }
}

/* A database of schema 3 (no invitations) is upgraded by its owner's next
 * open: the facilitator then invites, and the teams already there check. */
static void
test_upgrade_from_3 (void)
{
  g_autoptr(GError) error = NULL;
  const char *db = "servepg3";
  g_autofree char *owner = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *facilitator = NULL;
  g_autofree char *mic_conninfo = NULL;
  g_autofree char *out = NULL;
  g_autofree char *hash = NULL;
  g_autoptr(OdanStore) store = NULL;
  g_autoptr(PGconn) mic = NULL;
  char *state = NULL;
  char *value = NULL;
  const char *root = g_getenv ("ODAN_SCENARIOS");

  NEED_SERVER ();
  owner = odan_pg_fixture_conninfo (server, "odan", db);
  dir = g_build_filename (root != NULL ? root : ODAN_SOURCE_SCENARIOS, "ceptoar-drill", NULL);
  odan_pg_fixture_sql (server, "postgres", "CREATE DATABASE servepg3", &error);
  g_assert_no_error (error);
  store = odan_pg_store_open (owner, ODAN_PG_STORE_OPEN_REQUIRE_WRITE, &error);
  g_assert_no_error (error);
  odan_exercise_init_store (store, dir, &error);
  g_assert_no_error (error);
  g_clear_object (&store);
  /* what schema 3 had: no table, no functions (neither schema 4's, 5's nor 6's) */
  odan_pg_fixture_sql (server, db,
                       "DROP FUNCTION odan.check_invitation (text), odan.put_invitation (text, text),"
                       "  odan.revoke_invitation (text), odan.may_invite ();"
                       "DROP TABLE odan.invitations;"
                       "DROP FUNCTION odan.sequenced (uuid, boolean), odan.sequence (),"
                       "  odan.sequence_inbox (boolean), odan.suspect_holder (), odan.move_inbox (odan.log_head);"
                       "DROP TABLE odan.inbox;"
                       "DROP TRIGGER note_start ON odan.events; DROP FUNCTION odan.note_start ();"
                       "UPDATE odan.schema_version SET version = 3;", &error);
  g_assert_no_error (error);

  /* a team cannot upgrade it */
  mic_conninfo = odan_pg_fixture_conninfo (server, odan_pg_fixture_role (server, db, "team", "mic"), db);
  g_assert_null (odan_pg_store_open (mic_conninfo, ODAN_PG_STORE_OPEN_DEFAULT, &error));
  g_assert_nonnull (error);
  g_clear_error (&error);

  store = odan_pg_store_open (owner, ODAN_PG_STORE_OPEN_DEFAULT, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (odan_store_get_schema_version (store), ==, ODAN_PG_STORE_SCHEMA_VERSION);
  g_clear_object (&store);

  facilitator = odan_pg_fixture_conninfo (server, odan_pg_fixture_role (server, db, "facilitator", NULL), db);
  {
    const char *args[] = { "invite", facilitator, "--team", "mic", NULL };

    out = cli (args, NULL);
  }
  g_strstrip (out);
  g_assert_nonnull (strchr (out, '#'));
  hash = odan_invitation_hash (strchr (out, '#') + 1);
  mic = PQconnectdb (mic_conninfo);
  g_assert_cmpint (PQstatus (mic), ==, CONNECTION_OK);
  value = query (mic, "SELECT odan.check_invitation ($1)", hash, &state);
  g_assert_cmpstr (value, ==, "mic");
  g_free (value);
  g_clear_pointer (&state, g_free);
  value = query (mic, "SELECT count (*) FROM odan.invitations", NULL, &state);
  g_assert_null (value);
  g_assert_cmpstr (state, ==, "42501");
  g_clear_pointer (&state, g_free);
  /* schema 5 came with it: the team may run the sequencer (nothing waits),
   * and reads nothing of the inbox */
  value = query (mic, "SELECT odan.sequence ()", NULL, &state);
  g_assert_cmpstr (value, ==, "0");
  g_free (value);
  g_clear_pointer (&state, g_free);
  value = query (mic, "SELECT count (*) FROM odan.inbox", NULL, &state);
  g_assert_null (value);
  g_assert_cmpstr (state, ==, "42501");
  g_free (state);
}

static void
set_up_exercise (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *owner = odan_pg_fixture_conninfo (server, "odan", DB);
  g_autofree char *sql = g_strdup_printf ("CREATE DATABASE \"%s\"", DB);
  const char *root = g_getenv ("ODAN_SCENARIOS");
  g_autofree char *dir = g_build_filename (root != NULL ? root : ODAN_SOURCE_SCENARIOS, "ceptoar-drill", NULL);
  g_autoptr(OdanStore) store = NULL;
  g_autofree char *mic = NULL;
  g_autofree char *mhlw = NULL;

  odan_pg_fixture_sql (server, "postgres", sql, &error);
  g_assert_no_error (error);
  store = odan_pg_store_open (owner, ODAN_PG_STORE_OPEN_REQUIRE_WRITE, &error);
  g_assert_no_error (error);
  odan_exercise_init_store (store, dir, &error);
  g_assert_no_error (error);
  exercise = odan_exercise_new (store, &error);
  g_assert_no_error (error);
  odan_exercise_start (exercise, ODAN_CLOCK_STEP, 1.0, &error);
  g_assert_no_error (error);
  odan_exercise_advance_to (exercise, 12, &error);
  g_assert_no_error (error);

  mic = conninfo_of ("team", "mic");
  mhlw = conninfo_of ("team", "mhlw");
  serve_start (&serve_mic, mic);
  serve_start (&serve_mhlw, mhlw);
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
  else
    {
      server = odan_pg_fixture_start ("postgres_unused", 50, &error);
      if (server == NULL)
        g_error ("cannot start a PostgreSQL server: %s", error->message);
      set_up_exercise ();
    }

  g_test_add_func ("/multisite/serve/invite", test_invite);
  g_test_add_func ("/multisite/serve/side-by-side", test_side_by_side);
  g_test_add_func ("/multisite/serve/only-its-team", test_acts_only_for_its_team);
  g_test_add_func ("/multisite/serve/revoked", test_revoked);
  g_test_add_func ("/multisite/serve/upgrade-from-3", test_upgrade_from_3);
  g_test_add_func ("/multisite/serve/follows-live", test_follows_live);
  status = g_test_run ();
  serve_stop (&serve_mic);
  serve_stop (&serve_mhlw);
  g_clear_object (&exercise);
  odan_pg_fixture_stop (server);
  return status;
}

/* test-serve.c — suite "serve": the teams' pages over real HTTP and WebSocket
 *
 * Each case starts an OdanServer on 127.0.0.1 (a free port) over an
 * exercise of the example pack played to T+3h in a temporary file, and
 * talks to it with libsoup's client, in the same main context: a request is
 * sent asynchronously and the context iterated until its answer arrives.
 * Nothing waits on a timer; meson's timeout guards a hang.
 */
#include <glib.h>
#include <glib/gi18n-lib.h>
#include <libsoup/soup.h>
#include <json-glib/json-glib.h>
#include <string.h>

#include "exercise-test.h"
#include "odan-invitation.h"
#include "odan-locale.h"
#include "odan-server.h"
#include "odan-serve-api.h"
#include "odan-team-view.h"

typedef struct {
  char         *dir;
  TestTime      time;
  OdanExercise *exercise;
  OdanServer   *server;
  char         *url;
  SoupSession  *http;
} Fixture;

typedef struct {
  guint  status;
  char  *body;
  char  *set_cookie;    /* every Set-Cookie, joined by "\n" */
} Reply;

static void
reply_clear (Reply *r)
{
  g_clear_pointer (&r->body, g_free);
  g_clear_pointer (&r->set_cookie, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Reply, reply_clear)

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  f->dir = test_tmpdir_new ();
  f->time.now = TEST_TIME_START;
  f->exercise = test_exercise_start_new (f->dir, "example", &f->time);
  test_advance (f->exercise, 180);
  f->server = odan_server_new (f->exercise, &error);
  g_assert_no_error (error);
  g_assert_true (odan_server_listen (f->server, "127.0.0.1:0", &error));
  g_assert_no_error (error);
  f->url = odan_server_get_url (f->server);
  g_assert_true (g_str_has_prefix (f->url, "http://127.0.0.1:"));
  f->http = soup_session_new ();
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_clear_object (&f->http);
  g_clear_object (&f->server);
  g_clear_object (&f->exercise);
  g_free (f->url);
  test_tmpdir_free (f->dir);
}

static void
on_sent (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  GBytes **out = user_data;
  g_autoptr(GError) error = NULL;

  *out = soup_session_send_and_read_finish (SOUP_SESSION (source), result, &error);
  g_assert_no_error (error);
}

/* Only the test's own certificate (tests/serve/tls-cert.pem) is trusted. */
static gboolean
accept_test_certificate (SoupMessage          *msg,
                         GTlsCertificate      *certificate,
                         GTlsCertificateFlags  errors,
                         gpointer              user_data)
{
  return g_tls_certificate_is_same (certificate, user_data);
}

static GTlsCertificate *trusted;

/* One request; @cookie and @csrf may be NULL. */
static void
request (Fixture    *f,
         const char *method,
         const char *path,
         const char *cookie,
         const char *csrf,
         const char *body,
         Reply      *out)
{
  g_autofree char *uri = g_strconcat (f->url, path, NULL);
  g_autoptr(SoupMessage) msg = soup_message_new (method, uri);
  SoupMessageHeaders *h = soup_message_get_request_headers (msg);
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GString) cookies = g_string_new (NULL);
  SoupMessageHeadersIter iter;
  const char *name, *value;

  if (trusted != NULL)
    g_signal_connect (msg, "accept-certificate", G_CALLBACK (accept_test_certificate), trusted);
  if (cookie != NULL)
    soup_message_headers_replace (h, "Cookie", cookie);
  if (csrf != NULL)
    soup_message_headers_replace (h, "X-CSRF-Token", csrf);
  if (body != NULL)
    {
      g_autoptr(GBytes) content = g_bytes_new (body, strlen (body));

      soup_message_set_request_body_from_bytes (msg, "application/json", content);
    }
  soup_session_send_and_read_async (f->http, msg, G_PRIORITY_DEFAULT, NULL, on_sent, &bytes);
  while (bytes == NULL)
    g_main_context_iteration (NULL, TRUE);

  out->status = soup_message_get_status (msg);
  out->body = g_strndup (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
  soup_message_headers_iter_init (&iter, soup_message_get_response_headers (msg));
  while (soup_message_headers_iter_next (&iter, &name, &value))
    if (g_ascii_strcasecmp (name, "Set-Cookie") == 0)
      g_string_append_printf (cookies, "%s\n", value);
  out->set_cookie = g_string_free (g_steal_pointer (&cookies), FALSE);
}

/* The value of cookie @name set by @r ("name=value"), or NULL. */
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

/* Signs in with @code: returns the status, and in *@out_cookie the
 * session's "odan_session=…". */
static guint
join (Fixture     *f,
      const char  *code,
      char       **out_cookie)
{
  g_auto(Reply) form = { 0 };
  g_auto(Reply) r = { 0 };
  g_autofree char *form_cookie = NULL;
  g_autofree char *body = NULL;
  const char *token;

  request (f, "GET", "/join", NULL, NULL, NULL, &form);
  g_assert_cmpuint (form.status, ==, 200);
  form_cookie = cookie_of (&form, "odan_join");
  g_assert_nonnull (form_cookie);
  token = form_cookie + strlen ("odan_join=");
  /* the form carries the same token as its cookie */
  g_assert_nonnull (strstr (form.body, token));
  body = g_strdup_printf ("{\"code\":\"%s\",\"csrf\":\"%s\"}", code, token);
  request (f, "POST", "/api/join", form_cookie, NULL, body, &r);
  if (out_cookie != NULL)
    *out_cookie = r.status == 200 ? cookie_of (&r, "odan_session") : NULL;
  return r.status;
}

/* An invitation for @team and a session with it; *@out_csrf its token. */
static char *
sign_in (Fixture     *f,
         const char  *team,
         char       **out_csrf)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *code = odan_invitation_create (f->exercise, team, &error);
  g_autoptr(JsonParser) parser = NULL;
  g_auto(Reply) r = { 0 };
  char *cookie = NULL;

  g_assert_no_error (error);
  g_assert_cmpuint (join (f, code, &cookie), ==, 200);
  g_assert_nonnull (cookie);
  request (f, "GET", "/api/session", cookie, NULL, NULL, &r);
  g_assert_cmpuint (r.status, ==, 200);
  *out_csrf = g_strdup (json_object_get_string_member (parse_object (r.body, &parser), "csrf"));
  return cookie;
}

/* A wrong code, a form without its token and a session cookie's flags. */
static void
test_join (Fixture       *f,
           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *code = odan_invitation_create (f->exercise, "power", &error);
  g_autofree char *wrong = g_strdup (code);
  g_autofree char *cookie = NULL;
  g_auto(Reply) r = { 0 };
  g_auto(Reply) page = { 0 };
  g_auto(Reply) forged = { 0 };

  g_assert_no_error (error);
  g_assert_cmpuint (strlen (code), ==, ODAN_INVITATION_CODE_LENGTH);
  wrong[0] = wrong[0] == 'A' ? 'B' : 'A';
  g_assert_cmpuint (join (f, wrong, NULL), ==, 403);
  g_assert_cmpuint (join (f, "short", NULL), ==, 403);

  /* no page without a session: to the sign-in form */
  request (f, "GET", "/api/view", NULL, NULL, NULL, &r);
  g_assert_cmpuint (r.status, ==, 401);
  /* a join without the form's token is refused even with the right code */
  {
    g_autofree char *body = g_strdup_printf ("{\"code\":\"%s\",\"csrf\":\"x\"}", code);

    request (f, "POST", "/api/join", "odan_join=y", NULL, body, &forged);
    g_assert_cmpuint (forged.status, ==, 403);
  }

  g_assert_cmpuint (join (f, code, &cookie), ==, 200);
  request (f, "GET", "/", cookie, NULL, NULL, &page);
  g_assert_cmpuint (page.status, ==, 200);
  g_assert_nonnull (strstr (page.body, "/static/odan.js"));
  /* the page loads nothing from elsewhere */
  g_assert_null (strstr (page.body, "http://"));
  g_assert_null (strstr (page.body, "https://"));
  g_assert_cmpuint (odan_server_get_n_sessions (f->server), ==, 1);
}

static void
test_cookie_flags (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *code = odan_invitation_create (f->exercise, "water", &error);
  g_auto(Reply) form = { 0 };
  g_auto(Reply) r = { 0 };
  g_autofree char *form_cookie = NULL;
  g_autofree char *body = NULL;

  request (f, "GET", "/join", NULL, NULL, NULL, &form);
  form_cookie = cookie_of (&form, "odan_join");
  body = g_strdup_printf ("{\"code\":\"%s\",\"csrf\":\"%s\"}", code, form_cookie + strlen ("odan_join="));
  request (f, "POST", "/api/join", form_cookie, NULL, body, &r);
  g_assert_cmpuint (r.status, ==, 200);
  g_assert_nonnull (strstr (r.set_cookie, "odan_session="));
  g_assert_nonnull (strstr (r.set_cookie, "HttpOnly"));
  g_assert_nonnull (strstr (r.set_cookie, "SameSite=Strict"));
  g_assert_null (strstr (r.set_cookie, "domain="));
  /* plain HTTP: not Secure (the browser would drop it); TLS sets it */
  g_assert_null (strstr (r.set_cookie, "Secure"));
}

/* The view's inbox is the team's, delivery for delivery, and no word of
 * what did not reach it is anywhere in it. */
static void
test_view_exact (Fixture       *f,
                 gconstpointer  data)
{
  const OdanPack *pack = odan_exercise_get_pack (f->exercise);
  g_autofree char *csrf = NULL;
  g_autofree char *cookie = sign_in (f, "power", &csrf);
  g_autoptr(OdanTeamView) view = odan_team_view_new (f->exercise, "power", 180, NULL);
  g_autoptr(JsonParser) parser = NULL;
  g_auto(Reply) r = { 0 };
  JsonArray *inbox;

  request (f, "GET", "/api/view", cookie, NULL, NULL, &r);
  g_assert_cmpuint (r.status, ==, 200);
  inbox = json_object_get_array_member (parse_object (r.body, &parser), "inbox");
  g_assert_cmpuint (json_array_get_length (inbox), ==, odan_team_view_get_n_inbox (view));
  g_assert_cmpuint (json_array_get_length (inbox), ==, 2);
  for (guint i = 0; i < json_array_get_length (inbox); i++)
    {
      JsonObject *e = json_array_get_object_element (inbox, i);

      g_assert_cmpint (json_object_get_int_member (e, "delivery"), ==, odan_team_view_get_inbox (view, i)->delivery);
      g_assert_cmpstr (json_object_get_string_member (e, "inject"), ==, odan_team_view_get_inbox (view, i)->inject);
    }
  for (guint32 i = 0; i < pack->n_injects; i++)
    {
      const OdanInject *inject = &pack->injects[i];
      gboolean reached = FALSE;

      for (guint j = 0; j < odan_team_view_get_n_inbox (view); j++)
        reached |= g_strcmp0 (odan_team_view_get_inbox (view, j)->inject, inject->id) == 0;
      /* never the MSEL's expected action or objective, delivered or not */
      if (inject->expected_action != NULL && inject->expected_action[0] != '\0')
        g_assert_null (strstr (r.body, inject->expected_action));
      if (inject->objective != NULL && inject->objective[0] != '\0')
        g_assert_null (strstr (r.body, inject->objective));
      if (reached)
        continue;
      g_assert_null (strstr (r.body, inject->id));
      g_assert_null (strstr (r.body, inject->title));
      if (inject->title_ja != NULL)
        g_assert_null (strstr (r.body, inject->title_ja));
    }
}

static void
post (Fixture    *f,
      const char *path,
      const char *cookie,
      const char *csrf,
      const char *body,
      Reply      *out)
{
  request (f, "POST", path, cookie, csrf, body, out);
}

static gint64
posted_event (const Reply *r)
{
  g_autoptr(JsonParser) parser = NULL;

  g_assert_cmpuint (r->status, ==, 200);
  return json_object_get_int_member (parse_object (r->body, &parser), "event");
}

/* Acknowledging and one decision of each category, each found in the log
 * with the team, as the desktop window logs them. */
static void
test_ack_and_decide (Fixture       *f,
                     gconstpointer  data)
{
  static const char *const decisions[] = {
    "{\"category\":\"business-continuity\",\"bcp\":true,\"mitigation\":\"M-01\",\"summary\":\"BCP activated\"}",
    "{\"category\":\"disclosure\",\"channel\":\"press release\",\"audience\":\"the public\",\"summary\":\"Outage notice\"}",
    "{\"category\":\"ministry-report\",\"stage\":\"initial\",\"summary\":\"First report\"}",
    "{\"category\":\"information-sharing\",\"deliveries\":[2],\"recipients\":[\"telecom\"],\"summary\":\"Passing on\"}",
    "{\"category\":\"other\",\"summary\":\"Staff called in\",\"by\":\"Sato\"}",
  };
  g_autofree char *csrf = NULL;
  g_autofree char *cookie = sign_in (f, "power", &csrf);
  g_auto(Reply) ack = { 0 };
  g_auto(Reply) again = { 0 };
  const OdanEvent *event;
  gint64 id;

  post (f, "/api/ack", cookie, csrf, "{\"delivery\":2,\"ack\":\"received\"}", &ack);
  id = posted_event (&ack);
  event = odan_exercise_get_event (f->exercise, odan_exercise_get_n_events (f->exercise) - 1);
  g_assert_cmpint (event->id, ==, id);
  g_assert_cmpint (event->kind, ==, ODAN_EVENT_ACK);
  g_assert_cmpstr (event->team, ==, "power");
  g_assert_cmpint (event->ref, ==, 2);
  /* idempotent as in the desktop window: the same ack again is that ack */
  post (f, "/api/ack", cookie, csrf, "{\"delivery\":2,\"ack\":\"received\"}", &again);
  g_assert_cmpint (posted_event (&again), ==, id);

  for (guint i = 0; i < G_N_ELEMENTS (decisions); i++)
    {
      g_auto(Reply) r = { 0 };
      g_autoptr(JsonParser) parser = NULL;
      const char *category;

      post (f, "/api/decide", cookie, csrf, decisions[i], &r);
      id = posted_event (&r);
      category = json_object_get_string_member (parse_object (decisions[i], &parser), "category");
      event = NULL;
      for (guint j = 0; j < odan_exercise_get_n_events (f->exercise); j++)
        if (odan_exercise_get_event (f->exercise, j)->id == id)
          event = odan_exercise_get_event (f->exercise, j);
      g_assert_nonnull (event);
      g_assert_cmpint (event->kind, ==, ODAN_EVENT_DECISION);
      g_assert_cmpstr (event->team, ==, "power");
      {
        g_autofree char *described = odan_exercise_describe_event (f->exercise, event);

        g_assert_nonnull (strstr (described, category));
      }
    }
  /* the forward reached telecom */
  {
    g_autoptr(OdanTeamView) view = odan_team_view_new (f->exercise, "telecom", 180, NULL);
    gboolean forwarded = FALSE;

    for (guint i = 0; i < odan_team_view_get_n_inbox (view); i++)
      forwarded |= g_strcmp0 (odan_team_view_get_inbox (view, i)->forwarded_by, "power") == 0;
    g_assert_true (forwarded);
  }
}

/* Writes need the session's token; a form missing a field is refused with
 * the exercise's own message and nothing logged. */
static void
test_write_checks (Fixture       *f,
                   gconstpointer  data)
{
  g_autofree char *csrf = NULL;
  g_autofree char *cookie = sign_in (f, "power", &csrf);
  guint n = odan_exercise_get_n_events (f->exercise);
  g_auto(Reply) no_token = { 0 };
  g_auto(Reply) bad_token = { 0 };
  g_auto(Reply) incomplete = { 0 };
  g_auto(Reply) unknown = { 0 };

  post (f, "/api/decide", cookie, NULL, "{\"category\":\"other\",\"summary\":\"x\"}", &no_token);
  g_assert_cmpuint (no_token.status, ==, 403);
  post (f, "/api/decide", cookie, "not-the-token", "{\"category\":\"other\",\"summary\":\"x\"}", &bad_token);
  g_assert_cmpuint (bad_token.status, ==, 403);
  post (f, "/api/decide", cookie, csrf, "{\"category\":\"disclosure\",\"summary\":\"x\"}", &incomplete);
  g_assert_cmpuint (incomplete.status, ==, 422);
  g_assert_nonnull (strstr (incomplete.body, "\"error\""));
  post (f, "/api/decide", cookie, csrf, "{\"category\":\"veto\"}", &unknown);
  g_assert_cmpuint (unknown.status, ==, 400);
  g_assert_cmpuint (odan_exercise_get_n_events (f->exercise), ==, n);
}

/* A body larger than any form is refused before it is read. */
static void
test_too_large (Fixture       *f,
                gconstpointer  data)
{
  g_autofree char *csrf = NULL;
  g_autofree char *cookie = sign_in (f, "power", &csrf);
  g_autofree char *big = g_strnfill (200 * 1024, ' ');
  g_auto(Reply) r = { 0 };
  g_auto(Reply) after = { 0 };

  big[0] = '{';
  big[200 * 1024 - 1] = '}';
  post (f, "/api/decide", cookie, csrf, big, &r);
  g_assert_cmpuint (r.status, ==, 413);
  /* and the server goes on */
  request (f, "GET", "/api/view", cookie, NULL, NULL, &after);
  g_assert_cmpuint (after.status, ==, 200);
}

/* Another team's delivery (3: INJ-02 to telecom and medical), a delivery
 * that does not exist and a skip all get the same answer, naming nothing. */
static void
test_no_leak_in_errors (Fixture       *f,
                        gconstpointer  data)
{
  g_autofree char *csrf = NULL;
  g_autofree char *cookie = sign_in (f, "power", &csrf);
  g_auto(Reply) other = { 0 };
  g_auto(Reply) missing = { 0 };
  g_auto(Reply) forward_other = { 0 };
  g_auto(Reply) forward_missing = { 0 };
  g_auto(Reply) mitigation = { 0 };
  g_auto(Reply) others_mitigation = { 0 };

  post (f, "/api/ack", cookie, csrf, "{\"delivery\":3,\"ack\":\"read\"}", &other);
  post (f, "/api/ack", cookie, csrf, "{\"delivery\":999,\"ack\":\"read\"}", &missing);
  g_assert_cmpuint (other.status, ==, missing.status);
  g_assert_cmpstr (other.body, ==, missing.body);
  g_assert_null (strstr (other.body, "INJ-02"));

  post (f, "/api/decide", cookie, csrf,
        "{\"category\":\"information-sharing\",\"deliveries\":[3],\"recipients\":[\"water\"]}", &forward_other);
  post (f, "/api/decide", cookie, csrf,
        "{\"category\":\"information-sharing\",\"deliveries\":[999],\"recipients\":[\"water\"]}", &forward_missing);
  g_assert_cmpuint (forward_other.status, ==, forward_missing.status);
  g_assert_cmpstr (forward_other.body, ==, forward_missing.body);

  /* another team's mitigation is refused like one that does not exist */
  post (f, "/api/decide", cookie, csrf,
        "{\"category\":\"business-continuity\",\"mitigation\":\"NO-SUCH\"}", &mitigation);
  post (f, "/api/decide", cookie, csrf,
        "{\"category\":\"business-continuity\",\"mitigation\":\"M-02\"}", &others_mitigation);
  g_assert_cmpuint (mitigation.status, ==, 422);
  g_assert_cmpstr (mitigation.body, ==, others_mitigation.body);
}

/* ------------------------------------------------------------------ */
/* Live pages */

typedef struct {
  SoupWebsocketConnection *ws;
  GPtrArray               *messages;   /* char * */
  gboolean                 closed;
} Page;

static void
on_ws_message (SoupWebsocketConnection *ws,
               gint                     type,
               GBytes                  *message,
               Page                    *page)
{
  g_ptr_array_add (page->messages, g_strndup (g_bytes_get_data (message, NULL), g_bytes_get_size (message)));
}

static void
on_ws_closed (SoupWebsocketConnection *ws,
              Page                    *page)
{
  page->closed = TRUE;
}

static void
on_ws_connected (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  Page *page = user_data;
  g_autoptr(GError) error = NULL;

  page->ws = soup_session_websocket_connect_finish (SOUP_SESSION (source), result, &error);
  g_assert_no_error (error);
  g_signal_connect (page->ws, "message", G_CALLBACK (on_ws_message), page);
  g_signal_connect (page->ws, "closed", G_CALLBACK (on_ws_closed), page);
}

static void
page_open (Fixture    *f,
           const char *cookie,
           Page       *page)
{
  g_autofree char *uri = g_strconcat (f->url, "/api/live", NULL);
  g_autoptr(SoupMessage) msg = soup_message_new ("GET", uri);

  page->messages = g_ptr_array_new_with_free_func (g_free);
  soup_message_headers_replace (soup_message_get_request_headers (msg), "Cookie", cookie);
  soup_session_websocket_connect_async (f->http, msg, f->url, NULL, G_PRIORITY_DEFAULT, NULL, on_ws_connected, page);
  while (page->ws == NULL)
    g_main_context_iteration (NULL, TRUE);
}

static void
page_close (Page *page)
{
  g_clear_object (&page->ws);
  g_clear_pointer (&page->messages, g_ptr_array_unref);
}

/* Iterates until @page has @n messages. */
static const char *
page_wait (Page  *page,
           guint  n)
{
  while (page->messages->len < n)
    g_main_context_iteration (NULL, TRUE);
  return g_ptr_array_index (page->messages, n - 1);
}

/* A new delivery reaches the open page without a request; the page of
 * another team hears nothing of it. */
static void
test_live (Fixture       *f,
           gconstpointer  data)
{
  const char *const to_power[] = { "power", NULL };
  OdanAdhocInject adhoc = { "Substation staff evacuated", "All staff left the east substation.", NULL, NULL, to_power, NULL };
  g_autofree char *csrf = NULL;
  g_autofree char *cookie = sign_in (f, "power", &csrf);
  g_autofree char *csrf2 = NULL;
  g_autofree char *cookie2 = sign_in (f, "water", &csrf2);
  g_autoptr(GError) error = NULL;
  Page page = { 0 }, other = { 0 };
  const char *first, *second;

  page_open (f, cookie, &page);
  page_open (f, cookie2, &other);
  first = page_wait (&page, 1);
  page_wait (&other, 1);
  g_assert_nonnull (strstr (first, "\"type\":\"view\""));
  g_assert_null (strstr (first, "Substation staff evacuated"));
  g_assert_cmpuint (odan_server_get_n_pages (f->server), ==, 2);

  g_assert_cmpint (odan_exercise_deliver_adhoc (f->exercise, &adhoc, &error), >, 0);
  g_assert_no_error (error);
  second = page_wait (&page, 2);
  g_assert_nonnull (strstr (second, "Substation staff evacuated"));
  /* water's page got its own view again (the log changed), without it */
  g_assert_null (strstr (page_wait (&other, 2), "Substation staff evacuated"));

  page_close (&page);
  page_close (&other);
}

/* A page that lost its socket (a network drop) opens a new one with its
 * cookie and gets the view as it is now, deliveries it missed included. */
static void
test_reconnect (Fixture       *f,
                gconstpointer  data)
{
  const char *const to_power[] = { "power", NULL };
  OdanAdhocInject adhoc = { "Delivered while the page was away", NULL, NULL, NULL, to_power, NULL };
  g_autofree char *csrf = NULL;
  g_autofree char *cookie = sign_in (f, "power", &csrf);
  g_autoptr(GError) error = NULL;
  Page page = { 0 }, again = { 0 };

  page_open (f, cookie, &page);
  page_wait (&page, 1);
  soup_websocket_connection_close (page.ws, SOUP_WEBSOCKET_CLOSE_GOING_AWAY, NULL);
  while (!page.closed)
    g_main_context_iteration (NULL, TRUE);
  while (odan_server_get_n_pages (f->server) > 0)
    g_main_context_iteration (NULL, TRUE);

  g_assert_cmpint (odan_exercise_deliver_adhoc (f->exercise, &adhoc, &error), >, 0);
  g_assert_no_error (error);
  page_open (f, cookie, &again);
  g_assert_nonnull (strstr (page_wait (&again, 1), "Delivered while the page was away"));
  g_assert_cmpuint (odan_server_get_n_pages (f->server), ==, 1);
  g_assert_cmpuint (odan_server_get_n_sessions (f->server), ==, 1);
  page_close (&page);
  page_close (&again);
}

typedef struct {
  gboolean                 done;
  SoupWebsocketConnection *ws;
  GError                  *error;
} Refusal;

static void
on_ws_refused (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  Refusal *r = user_data;

  r->ws = soup_session_websocket_connect_finish (SOUP_SESSION (source), result, &r->error);
  r->done = TRUE;
}

/* A page without a session gets no socket, nor one from another site. */
static void
test_live_needs_session (Fixture       *f,
                         gconstpointer  data)
{
  g_autofree char *csrf = NULL;
  g_autofree char *cookie = sign_in (f, "power", &csrf);
  const char *cookies[] = { "odan_session=forged", cookie };
  const char *origins[] = { NULL, "http://evil.example" };

  for (guint i = 0; i < G_N_ELEMENTS (cookies); i++)
    {
      g_autofree char *uri = g_strconcat (f->url, "/api/live", NULL);
      g_autoptr(SoupMessage) msg = soup_message_new ("GET", uri);
      Refusal r = { 0 };

      soup_message_headers_replace (soup_message_get_request_headers (msg), "Cookie", cookies[i]);
      soup_session_websocket_connect_async (f->http, msg, origins[i] != NULL ? origins[i] : f->url, NULL,
                                            G_PRIORITY_DEFAULT, NULL, on_ws_refused, &r);
      while (!r.done)
        g_main_context_iteration (NULL, TRUE);
      g_assert_null (r.ws);
      g_assert_nonnull (r.error);
      g_clear_error (&r.error);
      g_assert_cmpuint (soup_message_get_status (msg), ==, i == 0 ? 401 : 403);
    }
}

/* Revoking ends the sessions and open pages the invitation opened, and
 * the code no longer signs in. */
static void
test_revoke (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *code = odan_invitation_create (f->exercise, "power", &error);
  g_autofree char *cookie = NULL;
  g_auto(Reply) before = { 0 };
  g_auto(Reply) after = { 0 };
  gboolean had = FALSE;
  Page page = { 0 };

  g_assert_cmpuint (join (f, code, &cookie), ==, 200);
  request (f, "GET", "/api/view", cookie, NULL, NULL, &before);
  g_assert_cmpuint (before.status, ==, 200);
  page_open (f, cookie, &page);
  page_wait (&page, 1);

  g_assert_true (odan_invitation_revoke (f->exercise, "power", &had, &error));
  g_assert_no_error (error);
  g_assert_true (had);
  odan_server_check_invitations (f->server);
  while (!page.closed)
    g_main_context_iteration (NULL, TRUE);
  g_assert_nonnull (strstr (page_wait (&page, 2), "revoked"));

  request (f, "GET", "/api/view", cookie, NULL, NULL, &after);
  g_assert_cmpuint (after.status, ==, 401);
  g_assert_cmpuint (join (f, code, NULL), ==, 403);
  g_assert_cmpuint (odan_server_get_n_sessions (f->server), ==, 0);
  page_close (&page);
}

/* A new invitation replaces the last: the old code stops working. */
static void
test_reinvite (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *first = odan_invitation_create (f->exercise, "power", &error);
  g_autofree char *second = odan_invitation_create (f->exercise, "power", &error);

  g_assert_no_error (error);
  g_assert_cmpstr (first, !=, second);
  g_assert_cmpuint (join (f, first, NULL), ==, 403);
  g_assert_cmpuint (join (f, second, NULL), ==, 200);
}

/* After ODAN_SERVE_MAX_FAILURES wrong codes an address is refused, even
 * with the right code. */
static void
test_rate_limit (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *code = odan_invitation_create (f->exercise, "power", &error);

  for (guint i = 0; i < 10; i++)
    {
      g_autofree char *guess = odan_invitation_random_token (32, &error);

      g_assert_cmpuint (join (f, guess, NULL), ==, 403);
    }
  g_assert_cmpuint (join (f, code, NULL), ==, 429);
}

/* ------------------------------------------------------------------ */
/* Fuzzing the handlers */

static const char *const seeds[] = {
  "{\"delivery\":2,\"ack\":\"received\"}",
  "{\"delivery\":\"4\",\"ack\":\"read\",\"by\":\"x\"}",
  "{\"category\":\"business-continuity\",\"bcp\":true,\"mitigation\":\"M-01\",\"summary\":\"s\"}",
  "{\"category\":\"disclosure\",\"channel\":\"web\",\"audience\":\"all\",\"summary\":\"s\"}",
  "{\"category\":\"ministry-report\",\"stage\":\"final\",\"ministry\":\"METI\",\"summary\":\"s\"}",
  "{\"category\":\"information-sharing\",\"deliveries\":[2,4],\"recipients\":[\"nisc\",\"water\"],\"channel\":\"メール\"}",
  "{\"category\":\"other\",\"summary\":\"\\u0000\\ud800\"}",
};

/* @seed with a few random bytes changed, cut or repeated. */
static char *
mutate (const char *seed)
{
  GString *s = g_string_new (seed);
  guint n = (guint) g_test_rand_int_range (1, 6);

  for (guint i = 0; i < n && s->len > 0; i++)
    {
      guint at = (guint) g_test_rand_int_range (0, (gint32) s->len);

      switch (g_test_rand_int_range (0, 5))
        {
        case 0:
          s->str[at] = (char) g_test_rand_int_range (1, 256);
          break;
        case 1:
          g_string_truncate (s, at);
          break;
        case 2:
          g_string_insert_len (s, at, s->str, MIN (at, 16));
          break;
        case 3:
          g_string_insert (s, at, g_test_rand_bit () ? "[[[[{" : "\"deliveries\":[1e999,-1,null,{}],");
          break;
        default:
          g_string_insert (s, at, g_test_rand_bit () ? "9223372036854775807" : "\"ack\":[],\"category\":{},");
          break;
        }
    }
  return g_string_free (s, FALSE);
}

/* Every answer is a status with a JSON body; whatever was logged is in the
 * file exactly as in memory. */
static void
test_fuzz_requests (Fixture       *f,
                    gconstpointer  data)
{
  g_autofree char *csrf = NULL;
  g_autofree char *cookie = sign_in (f, "power", &csrf);
  g_autoptr(OdanExercise) reread = NULL;
  g_autoptr(GError) error = NULL;
  guint n_http = g_test_thorough () ? 3000 : 600;

  for (guint i = 0; i < n_http; i++)
    {
      g_autofree char *body = mutate (seeds[g_test_rand_int_range (0, G_N_ELEMENTS (seeds))]);
      g_auto(Reply) r = { 0 };

      post (f, g_test_rand_bit () ? "/api/ack" : "/api/decide", cookie, csrf, body, &r);
      g_assert_true (r.status == 200 || (r.status >= 400 && r.status < 500));
      g_assert_true (r.body[0] == '{');
    }
  /* the same, without HTTP: many more, straight into the handlers */
  for (guint i = 0; i < 20000; i++)
    {
      g_autofree char *body = mutate (seeds[g_test_rand_int_range (0, G_N_ELEMENTS (seeds))]);
      g_autoptr(JsonParser) parser = json_parser_new ();
      g_autofree char *json = NULL;
      JsonNode *root;

      if (!json_parser_load_from_data (parser, body, -1, NULL)
          || (root = json_parser_get_root (parser)) == NULL || JSON_NODE_TYPE (root) != JSON_NODE_OBJECT)
        continue;
      if (g_test_rand_bit ())
        odan_serve_api_ack (f->exercise, 0, json_node_get_object (root), &json);
      else
        odan_serve_api_decide (f->exercise, 0, json_node_get_object (root), NULL, &json);
      g_assert_nonnull (json);
    }

  reread = odan_exercise_open (odan_store_get_location (odan_exercise_get_store (f->exercise)), NULL,
                               ODAN_EXERCISE_OPEN_READ_ONLY, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (odan_exercise_get_n_events (reread), ==, odan_exercise_get_n_events (f->exercise));
  for (guint i = 0; i < odan_exercise_get_n_events (reread); i++)
    {
      const OdanEvent *a = odan_exercise_get_event (reread, i);
      const OdanEvent *b = odan_exercise_get_event (f->exercise, i);

      g_assert_cmpint (a->id, ==, b->id);
      g_assert_cmpint (a->kind, ==, b->kind);
      g_assert_cmpstr (a->team, ==, b->team);
      g_assert_cmpstr (a->summary, ==, b->summary);
    }
}

/* Under TLS (GnuTLS through GIO) the cookies are Secure too. */
static void
test_tls (Fixture       *f,
          gconstpointer  data)
{
  g_autofree char *cert = g_test_build_filename (G_TEST_DIST, "serve", "tls-cert.pem", NULL);
  g_autofree char *key = g_test_build_filename (G_TEST_DIST, "serve", "tls-key.pem", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GTlsCertificate) certificate = odan_server_load_certificate (cert, key, &error);
  g_autoptr(OdanServer) tls_server = NULL;
  g_autofree char *code = NULL;
  g_autofree char *cookie = NULL;
  g_auto(Reply) form = { 0 };
  g_auto(Reply) view = { 0 };
  char *plain_url = f->url;

  g_assert_no_error (error);
  tls_server = odan_server_new (f->exercise, &error);
  g_assert_no_error (error);
  odan_server_set_tls (tls_server, certificate);
  g_assert_true (odan_server_listen (tls_server, "127.0.0.1:0", &error));
  g_assert_no_error (error);
  f->url = odan_server_get_url (tls_server);
  g_assert_true (g_str_has_prefix (f->url, "https://127.0.0.1:"));
  trusted = certificate;

  request (f, "GET", "/join", NULL, NULL, NULL, &form);
  g_assert_cmpuint (form.status, ==, 200);
  g_assert_nonnull (strstr (form.set_cookie, "secure"));
  code = odan_invitation_create (f->exercise, "power", &error);
  g_assert_cmpuint (join (f, code, &cookie), ==, 200);
  request (f, "GET", "/api/view", cookie, NULL, NULL, &view);
  g_assert_cmpuint (view.status, ==, 200);

  /* a certificate that does not load is refused with both files named */
  {
    g_autoptr(GTlsCertificate) none = odan_server_load_certificate (key, cert, &error);

    g_assert_null (none);
    g_assert_error (error, ODAN_SERVER_ERROR, ODAN_SERVER_ERROR_TLS);
    g_assert_nonnull (strstr (error->message, "tls-cert.pem"));
  }
  trusted = NULL;
  g_free (f->url);
  f->url = plain_url;
}

/* The page's words in both languages, by Accept-Language or the switch. */
static void
test_language (Fixture       *f,
               gconstpointer  data)
{
  g_auto(Reply) ja = { 0 };
  g_auto(Reply) en = { 0 };

  request (f, "GET", "/api/strings?lang=ja", NULL, NULL, NULL, &ja);
  request (f, "GET", "/api/strings?lang=en", NULL, NULL, NULL, &en);
  g_assert_cmpuint (ja.status, ==, 200);
  g_assert_nonnull (strstr (en.body, "\"Confirm Receipt\":\"Confirm Receipt\""));
  g_assert_null (strstr (ja.body, "\"Confirm Receipt\":\"Confirm Receipt\""));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  bindtextdomain (GETTEXT_PACKAGE, odan_locale_dir ());

#define ADD(path, func) g_test_add ("/serve/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("join", test_join);
  ADD ("cookie-flags", test_cookie_flags);
  ADD ("view-exact", test_view_exact);
  ADD ("ack-and-decide", test_ack_and_decide);
  ADD ("write-checks", test_write_checks);
  ADD ("no-leak-in-errors", test_no_leak_in_errors);
  ADD ("live", test_live);
  ADD ("live-needs-session", test_live_needs_session);
  ADD ("reconnect", test_reconnect);
  ADD ("too-large", test_too_large);
  ADD ("revoke", test_revoke);
  ADD ("reinvite", test_reinvite);
  ADD ("rate-limit", test_rate_limit);
  ADD ("fuzz-requests", test_fuzz_requests);
  ADD ("language", test_language);
  ADD ("tls", test_tls);
#undef ADD

  return g_test_run ();
}

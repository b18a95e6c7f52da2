/* odan-server.c — the HTTP server of the team pages
 *
 * One SoupServer; one handler routes by path (the API is small):
 *
 *   GET  /               the page (or a redirect to /join without a session)
 *   GET  /join           the sign-in form; sets the form's CSRF cookie
 *   GET  /static/NAME    the page's files (GResources)
 *   GET  /api/session    {team, csrf, lang}
 *   GET  /api/strings    the page's words in ?lang=
 *   GET  /api/view       the team's view (also pushed over /api/live)
 *   POST /api/join       {code, csrf}: an invitation for a session cookie
 *   POST /api/ack, /api/decide, /api/logout   with the session's CSRF token
 *   WS   /api/live       {type: "view", clock, view} on every change
 *
 * Pushing: "event-added" marks every team's view stale and schedules one
 * idle pass, which builds each team's JSON once (the log applied once per
 * batch of events, not once per page) and sends the same bytes to each of
 * the team's open pages.
 */
#define G_LOG_DOMAIN "odan-serve"

#include "odan-server.h"

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>
#include <libsoup/soup.h>
#include <string.h>

#include "odan-invitation.h"
#include "odan-serve-api.h"
#include "odan-serve-page.h"
#include "odan-serve-sessions.h"

#define SESSION_COOKIE "odan_session"
#define JOIN_COOKIE    "odan_join"
#define LANG_COOKIE    "odan_lang"
/* No form of the page comes near it; anything larger is refused unread. */
#define MAX_BODY       (64 * 1024)

G_DEFINE_QUARK (odan-server-error-quark, odan_server_error)

struct _OdanServer
{
  GObject             parent_instance;

  OdanExercise       *exercise;
  SoupServer         *soup;
  OdanServeSessions  *sessions;
  GTlsCertificate    *certificate;
  GHashTable         *views;          /* team index → GBytes of the push message */
  GMainContext       *context;        /* its creator's thread-default */
  gulong              event_handler;
  GSource            *push_source;
  GSource            *tick_source;
  guint               n_pages;
};

G_DEFINE_FINAL_TYPE (OdanServer, odan_server, G_TYPE_OBJECT)

/* ------------------------------------------------------------------ */
/* Sources in the server's own context (a server may run on a thread of its
 * own, as the benchmark's does) */

static GSource *
attach (OdanServer  *self,
        GSource     *source,
        GSourceFunc  func,
        gpointer     data)
{
  g_source_set_callback (source, func, data, NULL);
  g_source_attach (source, self->context);
  return source;
}

static void
clear_source (GSource **source)
{
  if (*source != NULL)
    {
      g_source_destroy (*source);
      g_clear_pointer (source, g_source_unref);
    }
}

/* ------------------------------------------------------------------ */
/* Replies */

static void
set_common_headers (SoupServerMessage *msg)
{
  SoupMessageHeaders *h = soup_server_message_get_response_headers (msg);

  /* nothing from elsewhere, no framing, no sniffing, no Referer */
  soup_message_headers_replace (h, "Content-Security-Policy",
                                "default-src 'self'; connect-src 'self'; img-src 'self' data:; "
                                "frame-ancestors 'none'; base-uri 'none'; form-action 'self'");
  soup_message_headers_replace (h, "X-Content-Type-Options", "nosniff");
  soup_message_headers_replace (h, "X-Frame-Options", "DENY");
  soup_message_headers_replace (h, "Referrer-Policy", "no-referrer");
  soup_message_headers_replace (h, "Cache-Control", "no-store");
}

static void
reply (SoupServerMessage *msg,
       guint              status,
       const char        *content_type,
       char              *body)      /* transfer full */
{
  set_common_headers (msg);
  soup_server_message_set_status (msg, status, NULL);
  soup_server_message_set_response (msg, content_type, SOUP_MEMORY_TAKE, body, strlen (body));
}

static void
reply_json (SoupServerMessage *msg,
            guint              status,
            char              *json)     /* transfer full */
{
  reply (msg, status, "application/json; charset=utf-8", json);
}

static void
reply_error (SoupServerMessage *msg,
             guint              status,
             const char        *message)
{
  reply_json (msg, status, odan_serve_error_json (message));
}

static void
redirect (SoupServerMessage *msg,
          const char        *to)
{
  set_common_headers (msg);
  soup_server_message_set_redirect (msg, SOUP_STATUS_SEE_OTHER, to);
}

/* ------------------------------------------------------------------ */
/* Requests */

static char *
dup_cookie (SoupServerMessage *msg,
            const char        *name)
{
  const char *header = soup_message_headers_get_list (soup_server_message_get_request_headers (msg), "Cookie");
  g_autoptr(GHashTable) cookies = NULL;

  if (header == NULL)
    return NULL;
  cookies = soup_header_parse_semi_param_list (header);
  return g_strdup (g_hash_table_lookup (cookies, name));
}

static void
add_cookie (SoupServerMessage *msg,
            gboolean           secure,
            const char        *name,
            const char        *value,
            int                max_age)
{
  SoupCookie *cookie = soup_cookie_new (name, value, "", "/", max_age);
  g_autofree char *header = NULL;
  char *domain;

  soup_cookie_set_http_only (cookie, TRUE);
  soup_cookie_set_same_site_policy (cookie, SOUP_SAME_SITE_POLICY_STRICT);
  soup_cookie_set_secure (cookie, secure);
  header = soup_cookie_to_set_cookie_header (cookie);
  /* a host-only cookie: libsoup writes its empty domain, which means nothing */
  if ((domain = strstr (header, "; domain=;")) != NULL)
    memmove (domain, domain + strlen ("; domain="), strlen (domain + strlen ("; domain=")) + 1);
  soup_message_headers_append (soup_server_message_get_response_headers (msg), "Set-Cookie", header);
  soup_cookie_free (cookie);
}

static const char *
language_of (SoupServerMessage *msg)
{
  g_autofree char *cookie = dup_cookie (msg, LANG_COOKIE);

  return odan_serve_page_language (soup_message_headers_get_one (soup_server_message_get_request_headers (msg),
                                                                 "Accept-Language"),
                                   cookie);
}

/* The request's JSON object, or NULL with the reply set. */
static JsonObject *
read_json (SoupServerMessage  *msg,
           JsonParser        **out_parser)
{
  SoupMessageBody *body = soup_server_message_get_request_body (msg);
  g_autoptr(JsonParser) parser = json_parser_new_immutable ();
  g_autoptr(GError) error = NULL;
  JsonNode *root;

  if (body->length > MAX_BODY)
    {
      reply_error (msg, SOUP_STATUS_REQUEST_ENTITY_TOO_LARGE, _("The request is too large"));
      return NULL;
    }
  if (body->length == 0 || !g_utf8_validate_len (body->data, (gsize) body->length, NULL)
      || !json_parser_load_from_data (parser, body->data, (gssize) body->length, &error))
    {
      reply_error (msg, SOUP_STATUS_BAD_REQUEST, _("The request is not JSON"));
      return NULL;
    }
  root = json_parser_get_root (parser);
  if (root == NULL || JSON_NODE_TYPE (root) != JSON_NODE_OBJECT)
    {
      reply_error (msg, SOUP_STATUS_BAD_REQUEST, _("The request is not a JSON object"));
      return NULL;
    }
  *out_parser = g_steal_pointer (&parser);
  return json_node_get_object (root);
}

static const char *
json_string (JsonObject *o,
             const char *name)
{
  JsonNode *node = json_object_get_member (o, name);

  if (node == NULL || JSON_NODE_TYPE (node) != JSON_NODE_VALUE
      || json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;
  return json_node_get_string (node);
}

/* ------------------------------------------------------------------ */
/* Sessions */

static void
close_session (OdanServer       *self,
               OdanServeSession *session,
               const char       *reason)
{
  for (guint i = 0; i < session->sockets->len; i++)
    {
      SoupWebsocketConnection *ws = g_ptr_array_index (session->sockets, i);

      g_signal_handlers_disconnect_by_data (ws, self);
      if (soup_websocket_connection_get_state (ws) == SOUP_WEBSOCKET_STATE_OPEN)
        {
          soup_websocket_connection_send_text (ws, "{\"type\":\"revoked\"}");
          soup_websocket_connection_close (ws, 4001, reason);
        }
      self->n_pages--;
    }
  odan_serve_sessions_remove (self->sessions, session);
}

/* Whether @session's invitation still stands; ends it otherwise. @answers
 * (may be NULL) keeps the store's answers for one pass over every session:
 * a team's pages share one invitation, and over PostgreSQL each answer is a
 * round trip. */
static gboolean
session_is_valid (OdanServer       *self,
                  OdanServeSession *session,
                  GHashTable       *answers)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *team = NULL;
  gpointer known = NULL;

  if (answers != NULL && g_hash_table_lookup_extended (answers, session->invitation, NULL, &known))
    team = g_strdup (known);
  else if (!odan_store_find_invitation (odan_exercise_get_store (self->exercise), session->invitation, &team, &error))
    {
      /* the store failing is no revocation: keep the session, say why */
      g_warning ("%s", error->message);
      return TRUE;
    }
  else if (answers != NULL)
    g_hash_table_insert (answers, g_strdup (session->invitation), g_strdup (team));
  if (g_strcmp0 (team, session->team) == 0)
    return TRUE;
  close_session (self, session, "revoked");
  return FALSE;
}

/* The request's session, NULL (and a 401 reply) without a valid one. */
static OdanServeSession *
require_session (OdanServer        *self,
                 SoupServerMessage *msg,
                 gboolean           reply_if_none)
{
  g_autofree char *id = dup_cookie (msg, SESSION_COOKIE);
  OdanServeSession *session = odan_serve_sessions_lookup (self->sessions, id);

  if (session != NULL && session_is_valid (self, session, NULL))
    return session;
  if (reply_if_none)
    reply_error (msg, SOUP_STATUS_UNAUTHORIZED, _("Sign in with your team’s invitation"));
  return NULL;
}

void
odan_server_check_invitations (OdanServer *self)
{
  g_autoptr(GPtrArray) sessions = NULL;
  g_autoptr(GHashTable) answers = NULL;

  g_return_if_fail (ODAN_IS_SERVER (self));

  sessions = odan_serve_sessions_list (self->sessions);
  /* one query per invitation, not per page: a table's forty pages share one */
  answers = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  for (guint i = 0; i < sessions->len; i++)
    session_is_valid (self, g_ptr_array_index (sessions, i), answers);
}

/* ------------------------------------------------------------------ */
/* Signing in */

static gboolean
is_tls (OdanServer *self)
{
  return self->certificate != NULL;
}

/* POST /api/join: the form's CSRF token must match its cookie (set with
 * the form), then the code is tried — within the address's allowance. */
static void
handle_join (OdanServer        *self,
             SoupServerMessage *msg)
{
  g_autoptr(JsonParser) parser = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *form_token = dup_cookie (msg, JOIN_COOKIE);
  g_autofree char *team = NULL;
  g_autofree char *hash = NULL;
  const char *address = soup_server_message_get_remote_host (msg);
  gint64 now = g_get_monotonic_time () / G_USEC_PER_SEC;
  const OdanPack *pack = odan_exercise_get_pack (self->exercise);
  OdanServeSession *session;
  JsonObject *request;
  const char *code;
  guint retry;

  if (!odan_serve_sessions_may_try (self->sessions, address, now, &retry))
    {
      g_autofree char *seconds = g_strdup_printf ("%u", retry);

      soup_message_headers_replace (soup_server_message_get_response_headers (msg), "Retry-After", seconds);
      reply_error (msg, 429 /* Too Many Requests */, _("Too many wrong codes from this address; try again in a minute"));
      return;
    }
  request = read_json (msg, &parser);
  if (request == NULL)
    return;
  if (!odan_serve_token_equal (json_string (request, "csrf"), form_token))
    {
      reply_error (msg, SOUP_STATUS_FORBIDDEN, _("The form has expired; reload the page"));
      return;
    }
  code = json_string (request, "code");
  team = odan_invitation_find (odan_exercise_get_store (self->exercise), code, &error);
  if (error != NULL)
    {
      g_warning ("%s", error->message);
      reply_error (msg, SOUP_STATUS_SERVICE_UNAVAILABLE, _("The exercise cannot be read; try again"));
      return;
    }
  /* A team's own connection serves that team only; its database already
   * answers no other team's invitation, and this says so twice. */
  if (team == NULL || odan_pack_find_team (pack, team) == ODAN_NONE
      || (odan_exercise_get_team_client (self->exercise) != NULL
          && strcmp (team, odan_exercise_get_team_client (self->exercise)) != 0))
    {
      odan_serve_sessions_note_failure (self->sessions, address, now);
      reply_error (msg, SOUP_STATUS_FORBIDDEN, _("This invitation code is not valid (wrong, or withdrawn)"));
      return;
    }
  hash = odan_invitation_hash (code);
  session = odan_serve_sessions_add (self->sessions, team, odan_pack_find_team (pack, team), hash, &error);
  if (session == NULL)
    {
      g_warning ("%s", error->message);
      reply_error (msg, SOUP_STATUS_INTERNAL_SERVER_ERROR, _("No session could be made; try again"));
      return;
    }
  g_message ("team %s signed in from %s", team, address != NULL ? address : "?");
  add_cookie (msg, is_tls (self), SESSION_COOKIE, session->id, -1);
  add_cookie (msg, is_tls (self), JOIN_COOKIE, "", 0);
  reply_json (msg, SOUP_STATUS_OK, g_strdup ("{\"ok\":true}"));
}

static void
serve_join_page (OdanServer        *self,
                 SoupServerMessage *msg,
                 const char        *message)
{
  g_autoptr(GHashTable) values = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GError) error = NULL;
  g_autofree char *token = odan_invitation_random_token (32, &error);

  if (token == NULL)
    {
      reply_error (msg, SOUP_STATUS_INTERNAL_SERVER_ERROR, error->message);
      return;
    }
  g_hash_table_insert (values, "csrf", token);
  g_hash_table_insert (values, "message", (gpointer) (message != NULL ? message : ""));
  add_cookie (msg, is_tls (self), JOIN_COOKIE, token, 3600);
  reply (msg, SOUP_STATUS_OK, "text/html; charset=utf-8",
         odan_serve_page_render ("join.html", language_of (msg), values));
}

static gboolean
has_csrf (SoupServerMessage *msg,
          OdanServeSession  *session,
          JsonObject        *request)
{
  const char *header = soup_message_headers_get_one (soup_server_message_get_request_headers (msg), "X-CSRF-Token");

  return odan_serve_token_equal (header != NULL ? header : json_string (request, "csrf"), session->csrf);
}

/* POST /api/ack, /api/decide, /api/logout */
static void
handle_write (OdanServer        *self,
              SoupServerMessage *msg,
              const char        *path)
{
  OdanServeSession *session = require_session (self, msg, TRUE);
  g_autoptr(JsonParser) parser = NULL;
  char *json = NULL;
  JsonObject *request;
  guint status;

  if (session == NULL)
    return;
  request = read_json (msg, &parser);
  if (request == NULL)
    return;
  if (!has_csrf (msg, session, request))
    {
      reply_error (msg, SOUP_STATUS_FORBIDDEN, _("The page has expired; reload it"));
      return;
    }
  if (g_str_equal (path, "/api/logout"))
    {
      close_session (self, session, "signed out");
      add_cookie (msg, is_tls (self), SESSION_COOKIE, "", 0);
      reply_json (msg, SOUP_STATUS_OK, g_strdup ("{\"ok\":true}"));
      return;
    }
  if (g_str_equal (path, "/api/ack"))
    status = odan_serve_api_ack (self->exercise, session->team_index, request, &json);
  else
    status = odan_serve_api_decide (self->exercise, session->team_index, request, NULL, &json);
  reply_json (msg, status, json);
}

static void
handle_session (OdanServer        *self,
                SoupServerMessage *msg)
{
  OdanServeSession *session = require_session (self, msg, TRUE);
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autoptr(JsonGenerator) gen = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;

  if (session == NULL)
    return;
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "team");
  json_builder_add_string_value (b, session->team);
  json_builder_set_member_name (b, "csrf");
  json_builder_add_string_value (b, session->csrf);
  json_builder_set_member_name (b, "lang");
  json_builder_add_string_value (b, language_of (msg));
  json_builder_end_object (b);
  root = json_builder_get_root (b);
  json_generator_set_root (gen, root);
  reply_json (msg, SOUP_STATUS_OK, json_generator_to_data (gen, NULL));
}

static void
serve_static (SoupServerMessage *msg,
              const char        *name)
{
  const char *type = NULL;
  g_autoptr(GBytes) bytes = odan_serve_page_lookup (name, &type);
  gsize size;
  gconstpointer data;

  if (bytes == NULL)
    {
      reply_error (msg, SOUP_STATUS_NOT_FOUND, _("No such page"));
      return;
    }
  set_common_headers (msg);
  soup_message_headers_replace (soup_server_message_get_response_headers (msg), "Cache-Control", "no-cache");
  data = g_bytes_get_data (bytes, &size);
  soup_server_message_set_status (msg, SOUP_STATUS_OK, NULL);
  soup_server_message_set_response (msg, type, SOUP_MEMORY_COPY, data, size);
}

static void
handle_get (OdanServer        *self,
            SoupServerMessage *msg,
            const char        *path)
{
  if (g_str_equal (path, "/") || g_str_equal (path, "/index.html"))
    {
      if (require_session (self, msg, FALSE) == NULL)
        redirect (msg, "/join");
      else
        reply (msg, SOUP_STATUS_OK, "text/html; charset=utf-8",
               odan_serve_page_render ("index.html", language_of (msg), NULL));
    }
  else if (g_str_equal (path, "/join"))
    serve_join_page (self, msg, NULL);
  else if (g_str_has_prefix (path, "/static/"))
    serve_static (msg, path + strlen ("/static/"));
  else if (g_str_equal (path, "/api/session"))
    handle_session (self, msg);
  else if (g_str_equal (path, "/api/strings"))
    {
      GUri *uri = soup_server_message_get_uri (msg);
      g_autoptr(GHashTable) query = g_uri_get_query (uri) != NULL
        ? g_uri_parse_params (g_uri_get_query (uri), -1, "&", G_URI_PARAMS_NONE, NULL) : NULL;
      const char *lang = query != NULL ? g_hash_table_lookup (query, "lang") : NULL;

      reply_json (msg, SOUP_STATUS_OK, odan_serve_page_strings (odan_serve_page_language (NULL, lang)));
    }
  else if (g_str_equal (path, "/api/view"))
    {
      OdanServeSession *session = require_session (self, msg, TRUE);

      if (session != NULL)
        reply_json (msg, SOUP_STATUS_OK, odan_serve_view_json (self->exercise, session->team_index));
    }
  else
    reply_error (msg, SOUP_STATUS_NOT_FOUND, _("No such page"));
}

static void
handle_request (SoupServer        *server,
                SoupServerMessage *msg,
                const char        *path,
                GHashTable        *query,
                gpointer           user_data)
{
  OdanServer *self = user_data;
  const char *method = soup_server_message_get_method (msg);

  if (g_str_equal (method, "GET") || g_str_equal (method, "HEAD"))
    handle_get (self, msg, path);
  else if (g_str_equal (method, "POST") && g_str_equal (path, "/api/join"))
    handle_join (self, msg);
  else if (g_str_equal (method, "POST")
           && (g_str_equal (path, "/api/ack") || g_str_equal (path, "/api/decide") || g_str_equal (path, "/api/logout")))
    handle_write (self, msg, path);
  else
    {
      soup_message_headers_replace (soup_server_message_get_response_headers (msg), "Allow", "GET, HEAD, POST");
      reply_error (msg, SOUP_STATUS_METHOD_NOT_ALLOWED, _("Not allowed"));
    }
}

/* Before the body is read: one larger than any form, or of unknown length,
 * is refused unread, so no request can make the server hold much. */
static void
check_length (SoupServer        *server,
              SoupServerMessage *msg,
              const char        *path,
              GHashTable        *query,
              gpointer           user_data)
{
  SoupMessageHeaders *h = soup_server_message_get_request_headers (msg);
  SoupEncoding encoding = soup_message_headers_get_encoding (h);

  if ((encoding == SOUP_ENCODING_CONTENT_LENGTH && soup_message_headers_get_content_length (h) > MAX_BODY)
      || encoding == SOUP_ENCODING_CHUNKED || encoding == SOUP_ENCODING_EOF)
    {
      soup_message_headers_replace (soup_server_message_get_response_headers (msg), "Connection", "close");
      reply_error (msg, SOUP_STATUS_REQUEST_ENTITY_TOO_LARGE, _("The request is too large"));
    }
}

/* ------------------------------------------------------------------ */
/* Live pages */

/* The push message of @team: {type, clock, view}, built once per change. */
static GBytes *
team_message (OdanServer *self,
              guint32     team)
{
  GBytes *bytes = g_hash_table_lookup (self->views, GUINT_TO_POINTER (team));

  if (bytes == NULL)
    {
      g_autofree char *view = odan_serve_view_json (self->exercise, team);
      g_autofree char *clock = odan_serve_clock_json (self->exercise);
      char *text = g_strdup_printf ("{\"type\":\"view\",\"clock\":%s,\"view\":%s}", clock, view);

      bytes = g_bytes_new_take (text, strlen (text));
      g_hash_table_insert (self->views, GUINT_TO_POINTER (team), bytes);
    }
  return bytes;
}

static void
send_view (OdanServer              *self,
           SoupWebsocketConnection *ws,
           guint32                  team)
{
  if (soup_websocket_connection_get_state (ws) == SOUP_WEBSOCKET_STATE_OPEN)
    soup_websocket_connection_send_message (ws, SOUP_WEBSOCKET_DATA_TEXT, team_message (self, team));
}

static gboolean
push_views (gpointer user_data)
{
  OdanServer *self = user_data;
  g_autoptr(GPtrArray) sessions = odan_serve_sessions_list (self->sessions);

  g_clear_pointer (&self->push_source, g_source_unref);
  g_hash_table_remove_all (self->views);
  for (guint i = 0; i < sessions->len; i++)
    {
      OdanServeSession *session = g_ptr_array_index (sessions, i);

      for (guint j = 0; j < session->sockets->len; j++)
        send_view (self, g_ptr_array_index (session->sockets, j), session->team_index);
    }
  return G_SOURCE_REMOVE;
}

static void
on_event_added (OdanExercise *exercise,
                gpointer      event,
                OdanServer   *self)
{
  /* a batch of events (a jump delivering ten injects) is one push */
  g_hash_table_remove_all (self->views);
  if (self->push_source == NULL)
    {
      GSource *idle = g_idle_source_new ();

      g_source_set_priority (idle, G_PRIORITY_HIGH_IDLE);
      self->push_source = attach (self, idle, push_views, self);
    }
}

static gboolean
unref_later (gpointer object)
{
  g_object_unref (object);
  return G_SOURCE_REMOVE;
}

static void
on_socket_closed (SoupWebsocketConnection *ws,
                  OdanServer              *self)
{
  g_autoptr(GPtrArray) sessions = odan_serve_sessions_list (self->sessions);

  for (guint i = 0; i < sessions->len; i++)
    {
      OdanServeSession *session = g_ptr_array_index (sessions, i);
      guint index;

      if (g_ptr_array_find (session->sockets, ws, &index))
        {
          /* not freed inside its own "closed" */
          g_source_unref (attach (self, g_idle_source_new (), unref_later,
                                  g_ptr_array_steal_index_fast (session->sockets, index)));
          self->n_pages--;
          return;
        }
    }
}

/* Before the handshake: a page of a session, from this server's origin. */
static void
handle_live (SoupServer        *server,
             SoupServerMessage *msg,
             const char        *path,
             GHashTable        *query,
             gpointer           user_data)
{
  OdanServer *self = user_data;
  SoupMessageHeaders *h = soup_server_message_get_request_headers (msg);
  const char *origin = soup_message_headers_get_one (h, "Origin");
  const char *host = soup_message_headers_get_one (h, "Host");

  if (require_session (self, msg, TRUE) == NULL)
    return;
  if (origin != NULL)
    {
      g_autofree char *expected = g_strdup_printf ("%s://%s", is_tls (self) ? "https" : "http", host != NULL ? host : "");

      if (g_ascii_strcasecmp (origin, expected) != 0)
        reply_error (msg, SOUP_STATUS_FORBIDDEN, _("Not from this server’s page"));
    }
}

static void
handle_websocket (SoupServer              *server,
                  SoupServerMessage       *msg,
                  const char              *path,
                  SoupWebsocketConnection *ws,
                  gpointer                 user_data)
{
  OdanServer *self = user_data;
  OdanServeSession *session = require_session (self, msg, FALSE);

  if (session == NULL)
    {
      soup_websocket_connection_close (ws, 4001, "signed out");
      return;
    }
  /* notice a page whose network went away without a close */
  soup_websocket_connection_set_keepalive_interval (ws, 30);
  g_ptr_array_add (session->sockets, g_object_ref (ws));
  self->n_pages++;
  g_signal_connect (ws, "closed", G_CALLBACK (on_socket_closed), self);
  send_view (self, ws, session->team_index);
}

/* Every second: a file's clock running in real time delivers what falls
 * due (nobody else writes to the file), and revoked invitations end their
 * sessions. */
static gboolean
tick (gpointer user_data)
{
  OdanServer *self = user_data;
  g_autoptr(GError) error = NULL;

  if (odan_store_get_role (odan_exercise_get_store (self->exercise)) == ODAN_STORE_ROLE_OWNER
      && odan_exercise_is_running_live (self->exercise)
      && !odan_exercise_advance (self->exercise, &error))
    g_warning ("%s", error->message);
  odan_server_check_invitations (self);
  return G_SOURCE_CONTINUE;
}

/* ------------------------------------------------------------------ */
/* Listening */

GTlsCertificate *
odan_server_load_certificate (const char  *certificate_file,
                              const char  *key_file,
                              GError     **error)
{
  g_autoptr(GError) local = NULL;
  GTlsCertificate *certificate = g_tls_certificate_new_from_files (certificate_file, key_file, &local);

  if (certificate == NULL)
    g_set_error (error, ODAN_SERVER_ERROR, ODAN_SERVER_ERROR_TLS,
                 _("%s, %s: the certificate or its key cannot be used: %s"),
                 certificate_file, key_file, local->message);
  return certificate;
}

void
odan_server_set_tls (OdanServer      *self,
                     GTlsCertificate *certificate)
{
  g_return_if_fail (ODAN_IS_SERVER (self));

  g_set_object (&self->certificate, certificate);
  soup_server_set_tls_certificate (self->soup, certificate);
}

/* A listening socket with a backlog for a room that opens its pages at
 * once (GSocket's default of 10 drops the rest of a burst of handshakes). */
static gboolean
listen_on (OdanServer      *self,
           GSocketAddress  *address,
           GError         **error)
{
  g_autoptr(GSocket) socket = g_socket_new (g_socket_address_get_family (address), G_SOCKET_TYPE_STREAM,
                                            G_SOCKET_PROTOCOL_TCP, error);

  if (socket == NULL)
    return FALSE;
  g_socket_set_listen_backlog (socket, 1024);
  if (!g_socket_bind (socket, address, TRUE, error) || !g_socket_listen (socket, error))
    return FALSE;
  return soup_server_listen_socket (self->soup, socket, is_tls (self) ? SOUP_SERVER_LISTEN_HTTPS : 0, error);
}

gboolean
odan_server_listen (OdanServer  *self,
                    const char  *address,
                    GError     **error)
{
  g_autoptr(GSocketConnectable) where = NULL;
  g_autoptr(GSocketAddressEnumerator) addresses = NULL;
  g_autoptr(GError) local = NULL;
  const char *colon = address != NULL ? strrchr (address, ':') : NULL;
  guint64 port;
  gboolean any = FALSE;

  g_return_val_if_fail (ODAN_IS_SERVER (self), FALSE);

  if (colon == NULL || !g_ascii_string_to_unsigned (colon + 1, 10, 0, 65535, &port, NULL))
    {
      g_set_error (error, ODAN_SERVER_ERROR, ODAN_SERVER_ERROR_ADDRESS,
                   _("“%s” is not HOST:PORT (e.g. 0.0.0.0:8080, *:8443, [::1]:8080)"), address != NULL ? address : "");
      return FALSE;
    }
  if (colon == address + 1 && address[0] == '*')
    {
      /* IPv6's any address takes IPv4 too on a dual-stack host */
      g_autoptr(GInetAddress) any6 = g_inet_address_new_any (G_SOCKET_FAMILY_IPV6);
      g_autoptr(GInetAddress) any4 = g_inet_address_new_any (G_SOCKET_FAMILY_IPV4);
      g_autoptr(GSocketAddress) all6 = g_inet_socket_address_new (any6, (guint16) port);
      g_autoptr(GSocketAddress) all4 = g_inet_socket_address_new (any4, (guint16) port);

      if (listen_on (self, all6, NULL) || listen_on (self, all4, &local))
        return TRUE;
      goto failed;
    }
  where = g_network_address_parse (address, (guint16) port, &local);
  if (where == NULL)
    goto failed;
  addresses = g_socket_connectable_enumerate (where);
  for (;;)
    {
      g_autoptr(GSocketAddress) one = g_socket_address_enumerator_next (addresses, NULL, &local);

      if (one == NULL)
        break;
      if (!listen_on (self, one, &local))
        goto failed;
      any = TRUE;
      /* port 0: the first address's free port is the server's */
      if (port == 0)
        break;
    }
  if (any)
    return TRUE;
  if (local == NULL)
    g_set_error (&local, G_IO_ERROR, G_IO_ERROR_NOT_FOUND, _("no address"));

failed:
  g_set_error (error, ODAN_SERVER_ERROR, ODAN_SERVER_ERROR_LISTEN,
               _("Cannot listen on %s: %s"), address, local->message);
  return FALSE;
}

char *
odan_server_get_url (OdanServer *self)
{
  GSList *uris;
  char *url = NULL;

  g_return_val_if_fail (ODAN_IS_SERVER (self), NULL);

  uris = soup_server_get_uris (self->soup);
  if (uris != NULL)
    {
      GUri *uri = uris->data;
      const char *host = g_uri_get_host (uri);
      gboolean v6 = strchr (host, ':') != NULL;

      url = g_strdup_printf ("%s://%s%s%s:%d", g_uri_get_scheme (uri), v6 ? "[" : "", host, v6 ? "]" : "",
                             g_uri_get_port (uri));
    }
  g_slist_free_full (uris, (GDestroyNotify) g_uri_unref);
  return url;
}

OdanExercise *
odan_server_get_exercise (OdanServer *self)
{
  g_return_val_if_fail (ODAN_IS_SERVER (self), NULL);
  return self->exercise;
}

guint
odan_server_get_n_sessions (OdanServer *self)
{
  g_return_val_if_fail (ODAN_IS_SERVER (self), 0);
  return odan_serve_sessions_count (self->sessions);
}

guint
odan_server_get_n_pages (OdanServer *self)
{
  g_return_val_if_fail (ODAN_IS_SERVER (self), 0);
  return self->n_pages;
}

/* ------------------------------------------------------------------ */
/* GObject */

OdanServer *
odan_server_new (OdanExercise  *exercise,
                 GError       **error)
{
  OdanStore *store;
  OdanServer *self;

  g_return_val_if_fail (ODAN_IS_EXERCISE (exercise), NULL);

  store = odan_exercise_get_store (exercise);
  if (odan_exercise_is_read_only (exercise))
    {
      g_set_error (error, ODAN_SERVER_ERROR, ODAN_SERVER_ERROR_EXERCISE,
                   _("%s is open read-only (another program is writing to it?): teams could log nothing"),
                   odan_store_get_location (store));
      return NULL;
    }
  if (odan_store_get_role (store) == ODAN_STORE_ROLE_EVALUATOR)
    {
      g_set_error (error, ODAN_SERVER_ERROR, ODAN_SERVER_ERROR_EXERCISE,
                   _("%s is an evaluator’s connection, which acts for no team: serve with a team’s own "
                     "connection or the facilitator’s"),
                   odan_store_get_location (store));
      return NULL;
    }
  {
    /* a store that keeps no invitations could sign nobody in: say so now */
    g_autofree char *nobody = NULL;

    if (!odan_store_find_invitation (store, "", &nobody, error))
      return NULL;
  }
  self = g_object_new (ODAN_TYPE_SERVER, NULL);
  self->exercise = g_object_ref (exercise);
  self->event_handler = g_signal_connect (exercise, "event-added", G_CALLBACK (on_event_added), self);
  odan_exercise_follow (exercise);
  self->tick_source = attach (self, g_timeout_source_new_seconds (1), tick, self);
  return self;
}

static void
odan_server_dispose (GObject *object)
{
  OdanServer *self = ODAN_SERVER (object);

  clear_source (&self->push_source);
  clear_source (&self->tick_source);
  if (self->exercise != NULL)
    g_clear_signal_handler (&self->event_handler, self->exercise);
  if (self->soup != NULL)
    {
      g_autoptr(GPtrArray) sessions = odan_serve_sessions_list (self->sessions);

      for (guint i = 0; i < sessions->len; i++)
        close_session (self, g_ptr_array_index (sessions, i), "server stopping");
      soup_server_disconnect (self->soup);
    }
  g_clear_object (&self->soup);
  g_clear_object (&self->exercise);
  g_clear_object (&self->certificate);

  G_OBJECT_CLASS (odan_server_parent_class)->dispose (object);
}

static void
odan_server_finalize (GObject *object)
{
  OdanServer *self = ODAN_SERVER (object);

  odan_serve_sessions_free (self->sessions);
  g_hash_table_unref (self->views);
  g_main_context_unref (self->context);

  G_OBJECT_CLASS (odan_server_parent_class)->finalize (object);
}

static void
odan_server_class_init (OdanServerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = odan_server_dispose;
  object_class->finalize = odan_server_finalize;
}

static void
odan_server_init (OdanServer *self)
{
  self->context = g_main_context_ref_thread_default ();
  self->sessions = odan_serve_sessions_new ();
  self->views = g_hash_table_new_full (NULL, NULL, NULL, (GDestroyNotify) g_bytes_unref);
  self->soup = soup_server_new ("server-header", "Odan ", NULL);
  soup_server_add_early_handler (self->soup, NULL, check_length, self, NULL);
  soup_server_add_handler (self->soup, NULL, handle_request, self, NULL);
  soup_server_add_handler (self->soup, "/api/live", handle_live, self, NULL);
  soup_server_add_websocket_handler (self->soup, "/api/live", NULL, NULL, handle_websocket, self, NULL);
}

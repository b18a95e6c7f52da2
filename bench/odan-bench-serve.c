/* odan-bench-serve.c — 1,000 team pages on one server: delivery latency
 *
 *   odan-bench-serve [--pack DIR] [--pages N] [--rounds R]
 *
 * Starts an exercise of the pack (default: the Kanto scenario) in a
 * temporary file, plays it to T+1h and serves it with libodan-serve — the
 * server `odan-cli serve` runs — on its own thread and main context, on
 * 127.0.0.1. Then, as the load generator, it signs N pages in (the pack's
 * teams in turn, each with its invitation, over HTTP) and opens one real
 * WebSocket per page (libsoup's client). Each round the facilitator's side
 * delivers an ad hoc inject to all teams, on the server's thread, and every
 * page's next message is timed from just before that call: the time for a
 * delivery to reach every open page, log commit included. Prints the
 * median, 99th percentile and worst over every page of every round.
 * Nothing else writes to the log, so the first message after a delivery
 * is the one that carries it (checked: it holds the inject's title).
 */
#include <gio/gio.h>
#include <glib/gstdio.h>
#include <libsoup/soup.h>
#include <stdio.h>
#include <string.h>
#include <sys/resource.h>

#include "odan-exercise.h"
#include "odan-invitation.h"
#include "odan-server.h"

typedef struct {
  char         *pack;
  char         *dir;
  GMainContext *context;
  GMainLoop    *loop;
  OdanExercise *exercise;
  OdanServer   *server;
  char         *url;
  GPtrArray    *codes;      /* one per team, pack order */
  GMutex        lock;
  GCond         ready_cond;
  gboolean      ready;
  gint64        sent;       /* µs, monotonic: just before the delivery */
  guint         round;
} Server;

typedef struct {
  SoupWebsocketConnection *ws;
  guint                    round;    /* the last round it heard */
  guint                    n_messages;
  char                    *cookie;
} Page;

static Server srv;
static Page  *pages;
static guint  n_pages, n_open, n_heard, n_greeted;
static GArray *latencies;   /* double, ms */
static char   marker[64];

static gpointer
server_main (gpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *file = g_build_filename (srv.dir, "bench.odan", NULL);
  const OdanPack *pack;

  g_main_context_push_thread_default (srv.context);
  srv.exercise = odan_exercise_open (file, srv.pack, ODAN_EXERCISE_OPEN_CREATE, &error);
  if (srv.exercise == NULL
      || odan_exercise_start (srv.exercise, ODAN_CLOCK_STEP, 1.0, &error) == 0
      || !odan_exercise_advance_to (srv.exercise, 60, &error))
    g_error ("%s", error->message);
  pack = odan_exercise_get_pack (srv.exercise);
  srv.codes = g_ptr_array_new_with_free_func (g_free);
  for (guint i = 0; i < pack->n_teams; i++)
    {
      char *code = odan_invitation_create (srv.exercise, pack->teams[i].id, &error);

      if (code == NULL)
        g_error ("%s", error->message);
      g_ptr_array_add (srv.codes, code);
    }
  srv.server = odan_server_new (srv.exercise, &error);
  if (srv.server == NULL || !odan_server_listen (srv.server, "127.0.0.1:0", &error))
    g_error ("%s", error->message);
  srv.url = odan_server_get_url (srv.server);

  g_mutex_lock (&srv.lock);
  srv.ready = TRUE;
  g_cond_signal (&srv.ready_cond);
  g_mutex_unlock (&srv.lock);

  srv.loop = g_main_loop_new (srv.context, FALSE);
  g_main_loop_run (srv.loop);
  return NULL;
}

/* On the server's thread: one ad hoc inject to all teams. */
static gboolean
deliver (gpointer data)
{
  g_autoptr(GError) error = NULL;
  OdanAdhocInject inject = { marker, "A delivery to every team.", "NISC", NULL, NULL, NULL };

  g_atomic_int_set (&srv.round, GPOINTER_TO_UINT (data));
  srv.sent = g_get_monotonic_time ();
  if (odan_exercise_deliver_adhoc (srv.exercise, &inject, &error) == 0)
    g_error ("%s", error->message);
  return G_SOURCE_REMOVE;
}

/* ------------------------------------------------------------------ */
/* The load generator, on the main thread */

static void
on_sent (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  GBytes **out = user_data;
  g_autoptr(GError) error = NULL;

  *out = soup_session_send_and_read_finish (SOUP_SESSION (source), result, &error);
  if (*out == NULL)
    g_error ("%s", error->message);
}

static GBytes *
send (SoupSession *http,
      SoupMessage *msg)
{
  GBytes *bytes = NULL;

  soup_session_send_and_read_async (http, msg, G_PRIORITY_DEFAULT, NULL, on_sent, &bytes);
  while (bytes == NULL)
    g_main_context_iteration (NULL, TRUE);
  return bytes;
}

/* "name=value" of the cookie @name among @msg's Set-Cookie headers. */
static char *
cookie_of (SoupMessage *msg,
           const char  *name)
{
  SoupMessageHeadersIter iter;
  const char *header, *value;
  g_autofree char *prefix = g_strconcat (name, "=", NULL);

  soup_message_headers_iter_init (&iter, soup_message_get_response_headers (msg));
  while (soup_message_headers_iter_next (&iter, &header, &value))
    if (g_ascii_strcasecmp (header, "Set-Cookie") == 0 && g_str_has_prefix (value, prefix))
      return g_strndup (value, strcspn (value, ";"));
  return NULL;
}

/* Signs a page in as a browser does: the form, then the code. */
static char *
sign_in (SoupSession *http,
         const char  *code)
{
  g_autofree char *join_uri = g_strconcat (srv.url, "/join", NULL);
  g_autofree char *post_uri = g_strconcat (srv.url, "/api/join", NULL);
  g_autoptr(SoupMessage) form = soup_message_new ("GET", join_uri);
  g_autoptr(SoupMessage) post = soup_message_new ("POST", post_uri);
  g_autoptr(GBytes) page = NULL;
  g_autoptr(GBytes) reply = NULL;
  g_autoptr(GBytes) body = NULL;
  g_autofree char *form_cookie = NULL;
  char *json;

  /* a page signs in once: no idle connection left behind per page */
  soup_message_headers_replace (soup_message_get_request_headers (form), "Connection", "close");
  soup_message_headers_replace (soup_message_get_request_headers (post), "Connection", "close");
  page = send (http, form);
  form_cookie = cookie_of (form, "odan_join");
  json = g_strdup_printf ("{\"code\":\"%s\",\"csrf\":\"%s\"}", code, form_cookie + strlen ("odan_join="));
  body = g_bytes_new_take (json, strlen (json));
  soup_message_headers_replace (soup_message_get_request_headers (post), "Cookie", form_cookie);
  soup_message_set_request_body_from_bytes (post, "application/json", body);
  reply = send (http, post);
  if (soup_message_get_status (post) != 200)
    g_error ("sign-in refused: %u %.*s", soup_message_get_status (post),
             (int) g_bytes_get_size (reply), (const char *) g_bytes_get_data (reply, NULL));
  return cookie_of (post, "odan_session");
}

static void
on_message (SoupWebsocketConnection *ws,
            gint                     type,
            GBytes                  *message,
            Page                    *page)
{
  guint round = g_atomic_int_get (&srv.round);
  gint64 now = g_get_monotonic_time ();
  gsize size;
  const char *data = g_bytes_get_data (message, &size);
  gint64 sent;

  /* the view every page gets when it opens */
  if (page->n_messages++ == 0)
    {
      n_greeted++;
      return;
    }
  if (round == 0 || page->round == round)
    return;
  if (g_strstr_len (data, (gssize) size, marker) == NULL)
    g_error ("page heard a message without the round's delivery");
  g_mutex_lock (&srv.lock);
  sent = srv.sent;
  g_mutex_unlock (&srv.lock);
  page->round = round;
  {
    double ms = (double) (now - sent) / 1000.0;

    g_array_append_val (latencies, ms);
  }
  n_heard++;
}

static void
on_connected (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  Page *page = user_data;
  g_autoptr(GError) error = NULL;

  page->ws = soup_session_websocket_connect_finish (SOUP_SESSION (source), result, &error);
  if (page->ws == NULL)
    g_error ("WebSocket: %s", error->message);
  soup_websocket_connection_set_max_incoming_payload_size (page->ws, 16 * 1024 * 1024);
  g_signal_connect (page->ws, "message", G_CALLBACK (on_message), page);
  n_open++;
}

static int
compare_double (gconstpointer a,
                gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return x < y ? -1 : x > y;
}

static double
percentile (GArray *sorted,
            double  p)
{
  guint i = (guint) (p * (sorted->len - 1) + 0.5);

  return g_array_index (sorted, double, MIN (i, sorted->len - 1));
}

static void
open_pages (SoupSession *http)
{
  g_autofree char *live = g_strconcat (srv.url, "/api/live", NULL);
  gint64 start = g_get_monotonic_time ();

  for (guint i = 0; i < n_pages; i++)
    pages[i].cookie = sign_in (http, g_ptr_array_index (srv.codes, i % srv.codes->len));
  printf ("signed in %u pages in %.2f s\n", n_pages, (g_get_monotonic_time () - start) / 1e6);
  start = g_get_monotonic_time ();
  for (guint i = 0; i < n_pages; i++)
    {
      g_autoptr(SoupMessage) msg = soup_message_new ("GET", live);

      soup_message_headers_replace (soup_message_get_request_headers (msg), "Cookie", pages[i].cookie);
      soup_session_websocket_connect_async (http, msg, srv.url, NULL, G_PRIORITY_DEFAULT, NULL, on_connected, &pages[i]);
    }
  while (n_open < n_pages || n_greeted < n_pages)
    g_main_context_iteration (NULL, TRUE);
  printf ("opened %u WebSockets in %.2f s; the server counts %u sessions, %u pages\n", n_pages,
          (g_get_monotonic_time () - start) / 1e6,
          odan_server_get_n_sessions (srv.server), odan_server_get_n_pages (srv.server));
}

static gboolean
stop_waiting (gpointer data)
{
  *(gboolean *) data = TRUE;
  return G_SOURCE_REMOVE;
}

int
main (int    argc,
      char **argv)
{
  g_autofree char *pack = NULL;
  int n = 1000, rounds = 20;
  GOptionEntry entries[] = {
    { "pack", 0, 0, G_OPTION_ARG_FILENAME, &pack, "the scenario pack (default scenarios/kanto)", "DIR" },
    { "pages", 0, 0, G_OPTION_ARG_INT, &n, "open pages (default 1000)", "N" },
    { "rounds", 0, 0, G_OPTION_ARG_INT, &rounds, "deliveries (default 20)", "R" },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new ("— delivery latency to many open team pages");
  g_autoptr(GError) error = NULL;
  g_autoptr(SoupSession) http = NULL;
  struct rlimit limit;
  GThread *thread;

  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error) || n < 1 || rounds < 1)
    {
      g_printerr ("%s\n", error != NULL ? error->message : "--pages and --rounds must be positive");
      return 2;
    }
  /* two descriptors per page in this one process: the server's and the client's */
  if (getrlimit (RLIMIT_NOFILE, &limit) == 0 && limit.rlim_cur < limit.rlim_max)
    {
      limit.rlim_cur = limit.rlim_max;
      setrlimit (RLIMIT_NOFILE, &limit);
    }
  srv.pack = pack != NULL ? g_steal_pointer (&pack) : g_build_filename (ODAN_SOURCE_SCENARIOS, "kanto", NULL);
  srv.dir = g_dir_make_tmp ("odan-bench-serve-XXXXXX", &error);
  g_assert_no_error (error);
  srv.context = g_main_context_new ();
  g_mutex_init (&srv.lock);
  g_cond_init (&srv.ready_cond);
  thread = g_thread_new ("server", server_main, NULL);
  g_mutex_lock (&srv.lock);
  while (!srv.ready)
    g_cond_wait (&srv.ready_cond, &srv.lock);
  g_mutex_unlock (&srv.lock);
  printf ("serving %s (%u teams) on %s\n", srv.pack, srv.codes->len, srv.url);

  n_pages = (guint) n;
  pages = g_new0 (Page, n_pages);
  latencies = g_array_new (FALSE, FALSE, sizeof (double));
  http = soup_session_new_with_options ("max-conns", n + 16, "max-conns-per-host", n + 16, "timeout", 60, NULL);
  open_pages (http);

  for (int r = 1; r <= rounds; r++)
    {
      gboolean waited = FALSE;
      guint goal = n_heard + n_pages;

      g_snprintf (marker, sizeof marker, "Bench delivery %d", r);
      g_main_context_invoke (srv.context, deliver, GUINT_TO_POINTER ((guint) r));
      while (n_heard < goal)
        g_main_context_iteration (NULL, TRUE);
      /* a breath between rounds, as between injects */
      g_timeout_add (200, stop_waiting, &waited);
      while (!waited)
        g_main_context_iteration (NULL, TRUE);
    }

  g_array_sort (latencies, compare_double);
  printf ("%u deliveries to %u open pages: %u messages; delivery → page: median %.1f ms, "
          "99th percentile %.1f ms, worst %.1f ms\n",
          (guint) rounds, n_pages, latencies->len, percentile (latencies, 0.5), percentile (latencies, 0.99),
          g_array_index (latencies, double, latencies->len - 1));
  fflush (stdout);
  /* the temporary exercise goes with the process */
  {
    g_autofree char *file = g_build_filename (srv.dir, "bench.odan", NULL);
    g_autofree char *wal = g_strconcat (file, "-wal", NULL);
    g_autofree char *shm = g_strconcat (file, "-shm", NULL);
    g_autofree char *lock = g_strconcat (file, "-lock", NULL);

    g_unlink (file), g_unlink (wal), g_unlink (shm), g_unlink (lock);
    g_rmdir (srv.dir);
  }
  (void) thread;
  return 0;
}

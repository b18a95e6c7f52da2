/* odan-bench-multisite.c — many offices logging decisions into one server
 *
 *   odan-bench-multisite [--clients 200] [--decisions 50]
 *
 * Starts a throw-away PostgreSQL server (tests/multisite/odan-pg-fixture.c:
 * initdb and pg_ctl in a temporary folder, 127.0.0.1 only), creates an
 * exercise of the example pack, and lets CLIENTS threads — each with its own
 * connection as a team's role, round-robin over the pack's teams — append
 * DECISIONS decisions each through OdanPgStore, all at once. A listener
 * connection LISTENs on the exercise's channel. Prints the throughput
 * (decisions committed per second, first send to last commit) and the
 * latency from an append's commit returning to its NOTIFY arriving at the
 * listener, median and 99th percentile (and the same from the send).
 */
#include <libpq-fe.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "odan-exercise.h"
#include "odan-pg-fixture.h"
#include "odan-pg-store.h"

typedef struct {
  gint64 sent;
  gint64 committed;
  gint64 notified;
} Timing;

static Timing *timings;          /* by event id */
static gint64  max_id;
static char   *pack_teams[64];
static char   *team_roles[64];   /* odan.members' role of each, looked up before the threads */
static guint   n_teams;
static OdanPgFixture *server;
static guint   n_decisions = 50;
static gint    ready;
static gint    go;
static gint    failures;

static gpointer
client_thread (gpointer data)
{
  guint index = GPOINTER_TO_UINT (data);
  const char *team = pack_teams[index % n_teams];
  const char *role = team_roles[index % n_teams];
  g_autofree char *conninfo = odan_pg_fixture_conninfo (server, role, "bench");
  g_autoptr(GError) error = NULL;
  g_autoptr(OdanStore) store = odan_pg_store_open (conninfo, ODAN_PG_STORE_OPEN_DEFAULT, &error);

  if (store == NULL)
    {
      g_printerr ("client %u: %s\n", index, error->message);
      g_atomic_int_inc (&failures);
      g_atomic_int_inc (&ready);
      return NULL;
    }
  g_atomic_int_inc (&ready);
  while (!g_atomic_int_get (&go))
    g_usleep (1000);

  for (guint i = 0; i < n_decisions; i++)
    {
      g_autoptr(OdanEvent) event = NULL;
      GVariantBuilder builder;
      gint64 sent, committed;

      g_variant_builder_init (&builder, G_VARIANT_TYPE_VARDICT);
      g_variant_builder_add (&builder, "{sv}", "by", g_variant_new_string ("bench"));
      event = odan_event_new_from_words (odan_event_kind_to_string (ODAN_EVENT_DECISION), "other", 0, g_variant_builder_end (&builder));
      event->actor = g_strdup (team);
      event->team = g_strdup (team);
      event->wall = odan_wall_time_format (g_get_real_time ());
      event->summary = (g_free (event->summary), g_strdup_printf ("decision %u of office %u", i, index));
      sent = g_get_monotonic_time ();
      if (!odan_store_append_event (store, event, &error))
        {
          g_printerr ("client %u: %s\n", index, error->message);
          g_atomic_int_inc (&failures);
          return NULL;
        }
      committed = g_get_monotonic_time ();
      if (event->id <= max_id)
        {
          timings[event->id].sent = sent;
          timings[event->id].committed = committed;
        }
    }
  return NULL;
}

typedef struct {
  PGconn *conn;
  guint   expected;
  gint64  deadline;
} Listener;

static gpointer
listener_thread (gpointer data)
{
  Listener *listener = data;
  guint received = 0;

  while (received < listener->expected && g_get_monotonic_time () < listener->deadline)
    {
      struct pollfd pfd = { PQsocket (listener->conn), POLLIN, 0 };
      PGnotify *notify;

      if (poll (&pfd, 1, 100) <= 0)
        continue;
      if (!PQconsumeInput (listener->conn))
        break;
      while ((notify = PQnotifies (listener->conn)) != NULL)
        {
          gint64 now = g_get_monotonic_time ();
          gint64 id = g_ascii_strtoll (notify->extra, NULL, 10);

          if (id > 0 && id <= max_id)
            timings[id].notified = now;
          received++;
          PQfreemem (notify);
        }
    }
  return NULL;
}

static int
compare_gint64 (const void *a,
                const void *b)
{
  gint64 x = *(const gint64 *) a, y = *(const gint64 *) b;

  return x < y ? -1 : x > y;
}

static double
percentile (gint64 *sorted,
            guint   n,
            double  p)
{
  guint index = (guint) (p * (n - 1) + 0.5);

  return sorted[MIN (index, n - 1)] / 1000.0;
}

/* The pack's teams and their roles (named with the exercise's random id). */
static void
look_up_teams (OdanExercise *exercise)
{
  const OdanPack *p = odan_exercise_get_pack (exercise);

  for (guint i = 0; i < p->n_teams && i < G_N_ELEMENTS (pack_teams); i++)
    {
      team_roles[n_teams] = g_strdup (odan_pg_fixture_role (server, "bench", "team", p->teams[i].id));
      pack_teams[n_teams++] = p->teams[i].id;
    }
}

int
main (int    argc,
      char **argv)
{
  guint n_clients = 200;
  GOptionEntry entries[] = {
    { "clients", 'c', 0, G_OPTION_ARG_INT, &n_clients, "Concurrent team connections (200)", "N" },
    { "decisions", 'd', 0, G_OPTION_ARG_INT, &n_decisions, "Decisions each client logs (50)", "N" },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new ("— many offices logging into one PostgreSQL server");
  g_autoptr(GError) error = NULL;
  g_autoptr(OdanStore) owner_store = NULL;
  g_autoptr(OdanExercise) exercise = NULL;
  g_autoptr(GPtrArray) threads = g_ptr_array_new ();
  g_autofree char *owner = NULL;
  g_autofree char *pack = NULL;
  g_autofree gint64 *commit_lat = NULL;
  g_autofree gint64 *send_lat = NULL;
  const char *scenarios = g_getenv ("ODAN_SCENARIOS");
  Listener listener = { 0 };
  GThread *listen_thread;
  gint64 first_sent = G_MAXINT64, last_commit = 0, start_id;
  guint total, n_lat = 0;

  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      g_printerr ("%s\n", error->message);
      return 2;
    }
  pack = g_build_filename (scenarios != NULL ? scenarios : ODAN_SOURCE_SCENARIOS, "example", NULL);

  server = odan_pg_fixture_start ("bench", n_clients + 20, &error);
  if (server == NULL)
    {
      g_printerr ("cannot start PostgreSQL: %s\n", error->message);
      return 1;
    }
  owner = odan_pg_fixture_conninfo (server, "odan", "bench");
  owner_store = odan_pg_store_open (owner, ODAN_PG_STORE_OPEN_REQUIRE_WRITE, &error);
  if (owner_store == NULL || !odan_exercise_init_store (owner_store, pack, &error)
      || !(exercise = odan_exercise_new (owner_store, &error))
      || !odan_exercise_start (exercise, ODAN_CLOCK_STEP, 1.0, &error))
    {
      g_printerr ("cannot create the exercise: %s\n", error->message);
      odan_pg_fixture_stop (server);
      return 1;
    }
  look_up_teams (exercise);
  start_id = odan_exercise_get_event (exercise, odan_exercise_get_n_events (exercise) - 1)->id;
  total = n_clients * n_decisions;
  max_id = start_id + total;
  timings = g_new0 (Timing, max_id + 1);

  listener.conn = PQconnectdb (owner);
  if (PQstatus (listener.conn) != CONNECTION_OK)
    {
      g_printerr ("listener: %s", PQerrorMessage (listener.conn));
      return 1;
    }
  {
    g_autofree char *listen = g_strdup_printf ("LISTEN \"odan_%s\"",
                                               odan_pg_store_get_exercise_name (ODAN_PG_STORE (owner_store)));

    PQclear (PQexec (listener.conn, listen));
  }
  listener.expected = total;
  listener.deadline = g_get_monotonic_time () + 600 * G_USEC_PER_SEC;
  listen_thread = g_thread_new ("listener", listener_thread, &listener);

  for (guint i = 0; i < n_clients; i++)
    g_ptr_array_add (threads, g_thread_new ("office", client_thread, GUINT_TO_POINTER (i)));
  while ((guint) g_atomic_int_get (&ready) < n_clients)
    g_usleep (1000);
  g_atomic_int_set (&go, 1);
  for (guint i = 0; i < threads->len; i++)
    g_thread_join (g_ptr_array_index (threads, i));
  g_thread_join (listen_thread);
  PQfinish (listener.conn);

  commit_lat = g_new (gint64, total);
  send_lat = g_new (gint64, total);
  for (gint64 id = start_id + 1; id <= max_id; id++)
    {
      Timing *t = &timings[id];

      if (t->sent == 0)
        continue;
      first_sent = MIN (first_sent, t->sent);
      last_commit = MAX (last_commit, t->committed);
      if (t->notified == 0)
        continue;
      /* the notification can overtake the commit's answer to the writer */
      commit_lat[n_lat] = MAX (t->notified - t->committed, 0);
      send_lat[n_lat] = t->notified - t->sent;
      n_lat++;
    }
  qsort (commit_lat, n_lat, sizeof (gint64), compare_gint64);
  qsort (send_lat, n_lat, sizeof (gint64), compare_gint64);

  printf ("clients: %u, decisions: %u, failures: %d, notifications: %u\n",
          n_clients, total, g_atomic_int_get (&failures), n_lat);
  if (n_lat > 0 && last_commit > first_sent)
    {
      printf ("throughput: %.0f decisions/s\n", total / ((last_commit - first_sent) / 1e6));
      printf ("commit → notification: median %.2f ms, p99 %.2f ms, worst %.2f ms\n",
              percentile (commit_lat, n_lat, 0.5), percentile (commit_lat, n_lat, 0.99),
              commit_lat[n_lat - 1] / 1000.0);
      printf ("send → notification: median %.2f ms, p99 %.2f ms\n",
              percentile (send_lat, n_lat, 0.5), percentile (send_lat, n_lat, 0.99));
    }
  g_clear_object (&exercise);
  g_clear_object (&owner_store);
  odan_pg_fixture_stop (server);
  g_free (timings);
  return g_atomic_int_get (&failures) > 0 || n_lat < total;
}

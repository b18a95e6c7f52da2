/* odan-bench-pgscale.c — a national exercise's teams on one PostgreSQL server
 *
 *   odan-bench-pgscale [--teams 1000] [--rate 2000] [--seconds 10]
 *
 * Starts a throw-away PostgreSQL server (tests/multisite/odan-pg-fixture.c:
 * initdb and pg_ctl in a temporary folder, 127.0.0.1 only, max_connections
 * TEAMS + 100), writes a pack of TEAMS teams (the example pack with teams
 * added), creates the exercise (a role per team) and delivers its first
 * inject to every team. Then it opens one connection per team's role
 * (libpq, non-blocking, all in this thread under poll(); connecting, and a
 * first decision and acknowledgement of each team that warm its new backend, are not measured) and the facilitator's OdanStore in a thread of its own,
 * following the log with odan_store_watch() as the console does.
 *
 * Each team's connection listens on the exercise's channel, as a team's
 * watching OdanPgStore does.
 *
 * Burst: every team acknowledges the delivery at once (one odan.ack () each,
 * sent within the same few milliseconds), then, as OdanPgStore does (schema
 * 6), asks for its event's id with odan.sequenced () after 50 ms, and again
 * after 50 ms doubling to a second (patient, that is sequencing itself,
 * after 2 s). Latency: from a team's send to the moment the facilitator's
 * watch hands the event on.
 *
 * Sustained: RATE writes/s offered for SECONDS s, spread evenly over the
 * connections (each writes every TEAMS/RATE s, alternately a decision and
 * an acknowledgement); a write due while its connection is still busy goes
 * when it is free. Latency counts from when the write was due.
 *
 * Prints the percentiles, the rates, and what the database and the
 * facilitator hold at the end: nothing may be lost.
 */
#include <libpq-fe.h>
#include <poll.h>
#include <pthread.h>
#include <sched.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <unistd.h>

#include "odan-exercise.h"
#include "odan-pg-fixture.h"
#include "odan-pg-store.h"
#include "odan-test-files.h"

typedef enum { IDLE, CALLING, ASKING, WAITING } State;

typedef struct {
  PGconn *conn;
  State   state;
  guint   write;         /* the write in flight: index into the writes */
  gint64  retry_at;      /* WAITING: ask then at the latest */
  gulong  delay_us;
  guint   next;          /* sustained: its next write */
} Team;

typedef struct {
  gint64 due;            /* burst: the send; sustained: when it was due */
  gint64 sent;
  gint64 known;          /* its id came back to the team */
  gint64 seen;           /* the facilitator's watch handed it on */
  char   token[37];
} Write;

static Team   *teams;
static guint   n_teams = 1000;
static Write  *writes;          /* burst: [0, n_teams); sustained after */
static guint   n_writes;
static guint   n_burst;
static gint    n_seen;
static gint    stop_watching;
static gint    watching;
static gint    failures;
static gint64  delivery_id;
static guint64 n_notified;      /* notifications the teams' clients received */
static guint64 n_asks;          /* odan.sequenced () calls */
static char   *facilitator_conninfo;

/* The machine's busy time so far, in seconds of one core (/proc/stat):
 * what a phase cost, the server's backends and this load generator
 * together. */
static double
cpu_busy (void)
{
  g_autofree char *stat = NULL;
  guint64 user = 0, nice = 0, system = 0, irq = 0, softirq = 0;

  if (!g_file_get_contents ("/proc/stat", &stat, NULL, NULL)
      || sscanf (stat, "cpu %" G_GUINT64_FORMAT " %" G_GUINT64_FORMAT " %" G_GUINT64_FORMAT " %*u %*u %"
                 G_GUINT64_FORMAT " %" G_GUINT64_FORMAT, &user, &nice, &system, &irq, &softirq) != 5)
    return 0;
  return (double) (user + nice + system + irq + softirq) / sysconf (_SC_CLK_TCK);
}

/* This process's CPU time (the load generator and the facilitator's
 * thread), and the facilitator's thread's own (µs, kept by its thread). */
static volatile gint64 facilitator_cpu_us;

static double
own_cpu (void)
{
  struct rusage usage;

  getrusage (RUSAGE_SELF, &usage);
  return usage.ru_utime.tv_sec + usage.ru_stime.tv_sec + (usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6;
}

typedef struct {
  double busy, own, facilitator;
} Cpu;

static Cpu
cpu_now (void)
{
  return (Cpu) { cpu_busy (), own_cpu (), facilitator_cpu_us / 1e6 };
}

static void
print_cpu (Cpu   since,
           guint n)
{
  Cpu now = cpu_now ();
  double busy = now.busy - since.busy, own = now.own - since.own, facilitator = now.facilitator - since.facilitator;

  printf ("  CPU, core-seconds: %.2f in all (%.2f ms per write): server and kernel %.2f, "
          "load generator %.2f, facilitator's store %.2f\n",
          busy, busy * 1000 / MAX (n, 1), busy - own, own - facilitator, facilitator);
}

/* --profile: what the backends wait on, sampled from pg_stat_activity
 * every 10 ms by a thread of its own, counted per phase. */
static char       *sampler_conninfo;
static gint        sampling = -1;       /* -1 stop; 0 paused; 1 counting */
static GHashTable *waits;               /* "type:event" → sample count */
static GMutex      waits_lock;

static gpointer
sampler_thread (gpointer data)
{
  PGconn *conn = PQconnectdb (sampler_conninfo);

  while (g_atomic_int_get (&sampling) >= 0)
    {
      PGresult *res;

      if (g_atomic_int_get (&sampling) == 0)
        {
          g_usleep (10000);
          continue;
        }
      res = PQexec (conn, "SELECT coalesce (wait_event_type || ':' || wait_event, 'running'), count (*)"
                          " FROM pg_stat_activity WHERE backend_type = 'client backend' AND state = 'active'"
                          " AND pid <> pg_backend_pid () GROUP BY 1");
      g_mutex_lock (&waits_lock);
      for (int i = 0; PQresultStatus (res) == PGRES_TUPLES_OK && i < PQntuples (res); i++)
        {
          gpointer old = g_hash_table_lookup (waits, PQgetvalue (res, i, 0));

          g_hash_table_insert (waits, g_strdup (PQgetvalue (res, i, 0)),
                               GINT_TO_POINTER (GPOINTER_TO_INT (old) + atoi (PQgetvalue (res, i, 1))));
        }
      g_mutex_unlock (&waits_lock);
      PQclear (res);
      g_usleep (10000);
    }
  PQfinish (conn);
  return NULL;
}

static gint
compare_waits (gconstpointer a,
               gconstpointer b,
               gpointer      table)
{
  return GPOINTER_TO_INT (g_hash_table_lookup (table, *(char **) b))
         - GPOINTER_TO_INT (g_hash_table_lookup (table, *(char **) a));
}

/* Prints and forgets what was sampled since the last call. */
static void
print_waits (void)
{
  g_autoptr(GPtrArray) keys = g_ptr_array_new ();
  GHashTableIter iter;
  gpointer key;
  guint total = 0;

  if (waits == NULL)
    return;
  g_mutex_lock (&waits_lock);
  g_hash_table_iter_init (&iter, waits);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    {
      g_ptr_array_add (keys, key);
      total += GPOINTER_TO_INT (g_hash_table_lookup (waits, key));
    }
  g_ptr_array_sort_with_data (keys, compare_waits, waits);
  printf ("  active backends sampled every 10 ms (%u samples), by what they wait on:", total);
  for (guint i = 0; i < keys->len && i < 8; i++)
    printf ("%s %s %.0f%%", i > 0 ? "," : "", (char *) keys->pdata[i],
            100.0 * GPOINTER_TO_INT (g_hash_table_lookup (waits, keys->pdata[i])) / MAX (total, 1));
  printf ("\n");
  g_hash_table_remove_all (waits);
  g_mutex_unlock (&waits_lock);
}

/* "b TEAM" for the burst, "s INDEX" for the sustained writes. */
static gboolean
on_event (OdanEvent *event,
          gpointer   user_data,
          GError   **error)
{
  gint64 now = g_get_monotonic_time ();
  const char *s = event->summary;
  guint64 index = G_MAXUINT64;

  if (event->by_member && s != NULL && (s[0] == 'b' || s[0] == 's') && s[1] == ' ')
    index = g_ascii_strtoull (s + 2, NULL, 10) + (s[0] == 's' ? n_burst : 0);
  if (index < n_writes && writes[index].seen == 0)
    {
      writes[index].seen = now;
      g_atomic_int_inc (&n_seen);
    }
  odan_event_free (event);
  return TRUE;
}

static gboolean
check_stop (gpointer user_data)
{
  struct timespec now;

  if (clock_gettime (CLOCK_THREAD_CPUTIME_ID, &now) == 0)
    facilitator_cpu_us = (gint64) now.tv_sec * G_USEC_PER_SEC + now.tv_nsec / 1000;
  if (g_atomic_int_get (&stop_watching))
    g_main_loop_quit (user_data);
  return G_SOURCE_CONTINUE;
}

/* Real time (SCHED_FIFO) for the calling thread, or back to normal. The
 * facilitator's console and the teams' clients are machines of their own
 * in an exercise; here they share two cores with a thousand backends, and
 * each send wakes a backend that preempts the sender. So the facilitator's
 * thread (which sleeps in its main loop but for 0.24 s of CPU in a run)
 * runs in real time, and so does the load generator while it sends the
 * burst (16 ms instead of half a second at normal priority, nice -10
 * changed nothing); for the rest it competes with the server, since a
 * generator that polls a thousand sockets in real time took a core of its
 * own. The server's work, the facilitator's backend's (the sequencer)
 * included, competes as it would. */
static void
real_time (gboolean on)
{
  struct sched_param param = { .sched_priority = on ? 1 : 0 };
  int rc = pthread_setschedparam (pthread_self (), on ? SCHED_FIFO : SCHED_OTHER, &param);

  if (rc != 0 && on)
    g_printerr ("cannot run a client thread in real time (%s): its share of the CPU counts in the latencies\n",
                g_strerror (rc));
}

/* The facilitator's console: its own connection, following the log. */
static gpointer
facilitator_thread (gpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GMainLoop) loop = g_main_loop_new (NULL, FALSE);
  g_autoptr(OdanStore) store = NULL;

  real_time (TRUE);
  store = odan_pg_store_open (facilitator_conninfo, ODAN_PG_STORE_OPEN_DEFAULT, &error);
  if (store == NULL)
    {
      g_printerr ("facilitator: %s\n", error->message);
      g_atomic_int_inc (&failures);
      g_atomic_int_set (&watching, 1);
      return NULL;
    }
  odan_store_watch (store, delivery_id, on_event, NULL, NULL);
  g_timeout_add (20, check_stop, loop);
  g_atomic_int_set (&watching, 1);
  g_main_loop_run (loop);
  odan_store_unwatch (store);
  return NULL;
}

static void
send_call (Team   *team,
           guint   index,
           gboolean decision)
{
  Write *w = &writes[index];
  g_autofree char *summary = index < n_burst ? g_strdup_printf ("b %u", index)
                                             : g_strdup_printf ("s %u", index - n_burst);
  g_autofree char *ref = g_strdup_printf ("%" G_GINT64_FORMAT, delivery_id);
  g_autofree char *uuid = g_uuid_string_random ();
  const char *values[3] = { w->token, decision ? summary : ref, summary };

  g_strlcpy (w->token, uuid, sizeof w->token);
  team->write = index;
  team->state = CALLING;
  team->delay_us = ODAN_PG_TEAM_FIRST_ASK_US;
  w->sent = g_get_monotonic_time ();
  if (!PQsendQueryParams (team->conn,
                          decision
                          ? "SELECT * FROM odan.decide ($1::uuid, 'other', NULL, NULL, '', $2, '{}')"
                          : "SELECT * FROM odan.ack ($1::uuid, 'received', $2::bigint, '', $3, '{}')",
                          decision ? 2 : 3, NULL, values, NULL, NULL, 0))
    {
      g_printerr ("send: %s", PQerrorMessage (team->conn));
      g_atomic_int_inc (&failures);
      team->state = IDLE;
    }
  PQflush (team->conn);
}

static void
send_ask (Team *team)
{
  const char *values[2] = { writes[team->write].token,
                            g_get_monotonic_time () - writes[team->write].sent > ODAN_PG_TEAM_PATIENCE_US
                            ? "true" : "false" };

  team->state = ASKING;
  n_asks++;
  if (!PQsendQueryParams (team->conn, "SELECT * FROM odan.sequenced ($1::uuid, $2::boolean)", 2, NULL, values,
                          NULL, NULL, 0))
    {
      g_printerr ("ask: %s", PQerrorMessage (team->conn));
      g_atomic_int_inc (&failures);
      team->state = IDLE;
    }
  PQflush (team->conn);
}

/* A result of the team's call: an id (done), none yet (ask, or back off). */
static void
on_result (Team     *team,
           PGresult *res,
           gint64    now)
{
  if (PQresultStatus (res) != PGRES_TUPLES_OK || PQntuples (res) != 1)
    {
      g_printerr ("team %u: %s", (guint) (team - teams), PQresultErrorMessage (res));
      g_atomic_int_inc (&failures);
      team->state = IDLE;
      return;
    }
  if (!PQgetisnull (res, 0, 0))
    {
      writes[team->write].known = now;
      team->state = IDLE;
    }
  else
    {
      /* in the inbox: ask again after 50 ms, 50, 100, … a second
       * (OdanPgStore's await_sequenced ()) */
      team->retry_at = now + team->delay_us;
      if (team->state == ASKING)
        team->delay_us = MIN (team->delay_us * 2, G_USEC_PER_SEC);
      team->state = WAITING;
    }
}

/* Takes the notifications that came; TRUE if any. */
static gboolean
take_notifies (Team *team)
{
  PGnotify *notify;
  gboolean any = FALSE;

  while ((notify = PQnotifies (team->conn)) != NULL)
    {
      any = TRUE;
      n_notified++;
      PQfreemem (notify);
    }
  return any;
}

/* One round of poll() over the busy connections. */
static void
pump (int timeout_ms)
{
  static struct pollfd *fds;
  static guint *which;
  guint n = 0;
  gint64 now = g_get_monotonic_time ();

  if (fds == NULL)
    {
      fds = g_new0 (struct pollfd, n_teams);
      which = g_new0 (guint, n_teams);
    }
  for (guint i = 0; i < n_teams; i++)
    {
      if (teams[i].state == WAITING && now >= teams[i].retry_at)
        send_ask (&teams[i]);
      if (teams[i].state != IDLE)
        {
          fds[n].fd = PQsocket (teams[i].conn);
          fds[n].events = POLLIN | (PQflush (teams[i].conn) == 1 ? POLLOUT : 0);
          fds[n].revents = 0;
          which[n++] = i;
        }
    }
  if (poll (fds, n, timeout_ms) <= 0)
    return;
  now = g_get_monotonic_time ();
  for (guint k = 0; k < n; k++)
    {
      Team *team = &teams[which[k]];
      State before = team->state;
      gboolean handled = FALSE;
      PGresult *res;

      if (fds[k].revents == 0)
        continue;
      if (!PQconsumeInput (team->conn))
        {
          g_printerr ("team %u: %s", which[k], PQerrorMessage (team->conn));
          g_atomic_int_inc (&failures);
          team->state = IDLE;
          continue;
        }
      if (before == WAITING)
        {
          take_notifies (team);
          continue;
        }
      if (PQisBusy (team->conn))
        continue;
      while ((res = PQgetResult (team->conn)) != NULL)
        {
          if (!handled)
            on_result (team, res, now);
          handled = TRUE;
          PQclear (res);
        }
      take_notifies (team);
    }
}

static gboolean
busy (void)
{
  for (guint i = 0; i < n_teams; i++)
    if (teams[i].state != IDLE)
      return TRUE;
  return FALSE;
}

static int
compare_gint64 (const void *a,
                const void *b)
{
  gint64 x = *(const gint64 *) a, y = *(const gint64 *) b;

  return x < y ? -1 : x > y;
}

/* Percentiles of seen − due over writes [first, first + n). */
static void
report (const char *what,
        guint       first,
        guint       n)
{
  g_autofree gint64 *lat = g_new (gint64, n);
  g_autofree gint64 *own = g_new (gint64, n);
  g_autofree gint64 *sent = g_new (gint64, n);
  guint m = 0, k = 0;

  for (guint i = first; i < first + n; i++)
    {
      if (writes[i].seen != 0)
        {
          sent[m] = writes[i].seen - writes[i].sent;
          lat[m++] = writes[i].seen - writes[i].due;
        }
      if (writes[i].known != 0)
        own[k++] = writes[i].known - writes[i].sent;
    }
  qsort (lat, m, sizeof (gint64), compare_gint64);
  qsort (own, k, sizeof (gint64), compare_gint64);
  qsort (sent, m, sizeof (gint64), compare_gint64);
  printf ("%s: %u written, %u seen by the facilitator\n", what, n, m);
  if (m > 0)
    printf ("  due → facilitator sees it: p50 %.1f ms, p90 %.1f ms, p99 %.1f ms, max %.1f ms\n",
            lat[m / 2] / 1000.0, lat[(guint) (0.9 * (m - 1))] / 1000.0, lat[(guint) (0.99 * (m - 1))] / 1000.0,
            lat[m - 1] / 1000.0);
  if (m > 0 && first > 0)
    printf ("  sent → facilitator sees it (without the load generator's own lateness): p50 %.1f ms, "
            "p99 %.1f ms\n", sent[m / 2] / 1000.0, sent[(guint) (0.99 * (m - 1))] / 1000.0);
  if (k > 0)
    printf ("  send → the team has its event's id: p50 %.1f ms, p99 %.1f ms, max %.1f ms\n",
            own[k / 2] / 1000.0, own[(guint) (0.99 * (k - 1))] / 1000.0, own[k - 1] / 1000.0);
}

/* The example pack with teams b0008 … added up to @n teams in all. */
static char *
write_pack (guint    n,
            GError **error)
{
  const char *root = g_getenv ("ODAN_SCENARIOS");
  g_autofree char *example = g_build_filename (root != NULL ? root : ODAN_SOURCE_SCENARIOS, "example", NULL);
  g_autofree char *dir = odan_test_copy_folder (example, "odan-bench-pack-XXXXXX");
  g_autofree char *path = NULL;
  g_autofree char *csv = NULL;
  g_autoptr(GString) out = NULL;
  guint have = 0;

  if (dir == NULL)
    return NULL;
  path = g_build_filename (dir, "teams.csv", NULL);
  if (!g_file_get_contents (path, &csv, NULL, error))
    return NULL;
  out = g_string_new (csv);
  for (const char *p = csv; *p != '\0'; p++)
    have += *p == '\n';
  have = have > 0 ? have - 1 : 0;   /* the header */
  for (guint i = have; i < n; i++)
    g_string_append_printf (out, "b%04u,Bench team %u,ベンチ%u,power,,\n", i, i, i);
  if (!g_file_set_contents (path, out->str, out->len, error))
    return NULL;
  return g_steal_pointer (&dir);
}

static gint64
first_delivery_to_all (OdanExercise *exercise)
{
  for (guint i = 0; i < odan_exercise_get_n_events (exercise); i++)
    {
      const OdanEvent *e = odan_exercise_get_event (exercise, i);

      if (e->kind == ODAN_EVENT_DELIVERY && odan_event_is_to_all (e))
        return e->id;
    }
  return 0;
}

/* The exercise, its first delivery to all, and the teams' roles. */
static gboolean
set_up (OdanPgFixture *server,
        const char    *pack,
        GPtrArray     *roles,
        GError       **error)
{
  g_autofree char *owner = odan_pg_fixture_conninfo (server, "odan", "bench");
  g_autoptr(OdanStore) store = odan_pg_store_open (owner, ODAN_PG_STORE_OPEN_REQUIRE_WRITE, error);
  g_autoptr(OdanExercise) exercise = NULL;
  gint64 start = g_get_monotonic_time ();
  const OdanPack *p;

  if (store == NULL || !odan_exercise_init_store (store, pack, error)
      || !(exercise = odan_exercise_new (store, error))
      || !odan_exercise_start (exercise, ODAN_CLOCK_STEP, 1.0, error)
      || !odan_exercise_advance_to (exercise, 1, error))
    return FALSE;
  delivery_id = first_delivery_to_all (exercise);
  p = odan_exercise_get_pack (exercise);
  for (guint i = 0; i < p->n_teams && i < n_teams; i++)
    g_ptr_array_add (roles, g_strdup (odan_pg_fixture_role (server, "bench", "team", p->teams[i].id)));
  printf ("exercise of %u teams created in %.1f s; delivery %" G_GINT64_FORMAT " to all\n",
          p->n_teams, (g_get_monotonic_time () - start) / 1e6, delivery_id);
  facilitator_conninfo = odan_pg_fixture_conninfo (server, odan_pg_fixture_role (server, "bench", "facilitator", NULL),
                                                   "bench");
  return delivery_id > 0 && roles->len == n_teams;
}

static gboolean
connect_teams (OdanPgFixture *server,
               GPtrArray     *roles)
{
  gint64 start = g_get_monotonic_time ();

  teams = g_new0 (Team, n_teams);
  for (guint i = 0; i < n_teams; i++)
    {
      g_autofree char *conninfo = odan_pg_fixture_conninfo (server, g_ptr_array_index (roles, i), "bench");

      teams[i].conn = PQconnectdb (conninfo);
      if (PQstatus (teams[i].conn) != CONNECTION_OK)
        {
          g_printerr ("team %u: %s", i, PQerrorMessage (teams[i].conn));
          return FALSE;
        }
      /* as a team's watching OdanPgStore */
      {
        PGresult *res = PQexec (teams[i].conn, "SELECT 'LISTEN ' || quote_ident (value) FROM odan.meta"
                                               " WHERE key = 'channel'");

        if (PQresultStatus (res) != PGRES_TUPLES_OK || PQgetisnull (res, 0, 0))
          {
            g_printerr ("team %u: %s", i, PQresultErrorMessage (res));
            PQclear (res);
            return FALSE;
          }
        PQclear (PQexec (teams[i].conn, PQgetvalue (res, 0, 0)));
        PQclear (res);
      }
      /* a new backend reads the catalog and plans the functions' queries on
       * its first calls: done here, by a decision ("w TEAM") and a "read" each, in the
       * log like any other */
      {
        g_autofree char *token = g_uuid_string_random ();
        g_autofree char *summary = g_strdup_printf ("w %u", i);
        const char *values[2] = { token, summary };

        PQclear (PQexecParams (teams[i].conn, "SELECT * FROM odan.decide ($1::uuid, 'other', NULL, NULL, '', $2, '{}')",
                               2, NULL, values, NULL, NULL, 0));
        PQclear (PQexecParams (teams[i].conn, "SELECT * FROM odan.sequenced ($1::uuid, true)", 1, NULL, values,
                               NULL, NULL, 0));
        g_free (token);
        token = g_uuid_string_random ();
        values[0] = token;
        values[1] = g_strdup_printf ("%" G_GINT64_FORMAT, delivery_id);
        PQclear (PQexecParams (teams[i].conn, "SELECT * FROM odan.ack ($1::uuid, 'read', $2::bigint, '', 'w', '{}')",
                               2, NULL, values, NULL, NULL, 0));
        g_free ((char *) values[1]);
        PQclear (PQexecParams (teams[i].conn, "SELECT * FROM odan.sequenced ($1::uuid, true)", 1, NULL, values,
                               NULL, NULL, 0));
      }
      PQsetnonblocking (teams[i].conn, 1);
    }
  printf ("%u team connections open in %.1f s\n", n_teams, (g_get_monotonic_time () - start) / 1e6);
  return TRUE;
}

/* Waits until the facilitator has seen @until writes or @seconds passed. */
static void
await_seen (guint  until,
            double seconds)
{
  gint64 deadline = g_get_monotonic_time () + (gint64) (seconds * G_USEC_PER_SEC);

  while ((guint) g_atomic_int_get (&n_seen) < until && g_get_monotonic_time () < deadline)
    {
      if (busy ())
        pump (5);
      else
        g_usleep (2000);
    }
}

static void
burst (void)
{
  gint64 t0 = g_get_monotonic_time (), last_send;
  Cpu cpu0 = cpu_now ();

  real_time (TRUE);
  for (guint i = 0; i < n_teams; i++)
    {
      writes[i].due = g_get_monotonic_time ();
      send_call (&teams[i], i, FALSE);
    }
  last_send = g_get_monotonic_time ();
  real_time (FALSE);
  while (busy ())
    pump (5);
  await_seen (n_burst, 30);
  printf ("burst: %u acks sent within %.1f ms; the last id known to its team after %.1f ms\n",
          n_teams, (last_send - t0) / 1000.0, (g_get_monotonic_time () - t0) / 1000.0);
  print_cpu (cpu0, n_teams);
  print_waits ();
  report ("burst", 0, n_burst);
}

static void
sustained (guint  rate,
           guint  seconds)
{
  guint per_team = (guint) ((guint64) rate * seconds / n_teams);
  double period_us = (double) n_teams / rate * G_USEC_PER_SEC;
  gint64 t0 = g_get_monotonic_time () + 100000, last_known = 0;
  guint n = per_team * n_teams, done = 0;
  Cpu cpu0 = cpu_now ();

  for (guint i = 0; i < n_teams; i++)
    for (guint k = 0; k < per_team; k++)
      writes[n_burst + k * n_teams + i].due = t0 + (gint64) (k * period_us + i * period_us / n_teams);
  for (;;)
    {
      gint64 now = g_get_monotonic_time ();
      gboolean left = FALSE;

      for (guint i = 0; i < n_teams; i++)
        {
          Team *team = &teams[i];

          if (team->next < per_team)
            left = TRUE;
          if (team->state == IDLE && team->next < per_team
              && writes[n_burst + team->next * n_teams + i].due <= now)
            {
              send_call (team, n_burst + team->next * n_teams + i, team->next % 2 == 0);
              team->next++;
            }
        }
      if (!left && !busy ())
        break;
      pump (1);
    }
  for (guint i = n_burst; i < n_burst + n; i++)
    if (writes[i].known != 0)
      {
        done++;
        last_known = MAX (last_known, writes[i].known);
      }
  await_seen (n_burst + n, 30);
  printf ("sustained: %u writes/s offered for %u s (%u writes); %u committed and sequenced, "
          "%.0f writes/s achieved (first due to last id known)\n",
          rate, seconds, n, done, done / ((last_known - t0) / 1e6));
  print_cpu (cpu0, done);
  print_waits ();
  report ("sustained", n_burst, n);
}

/* One team's acks one after another, with nothing else running: what one
 * write costs the server (the call, then its id from the next batch). */
static void
serial (guint n)
{
  Team *team = &teams[0];
  gint64 t0 = g_get_monotonic_time (), calls = 0;
  Cpu cpu0 = cpu_now ();

  for (guint i = 0; i < n; i++)
    {
      g_autofree char *token = g_uuid_string_random ();
      g_autofree char *ref = g_strdup_printf ("%" G_GINT64_FORMAT, delivery_id);
      const char *values[2] = { token, ref };
      gint64 c0 = g_get_monotonic_time ();
      PGresult *res = PQexecParams (team->conn, "SELECT * FROM odan.ack ($1::uuid, 'read', $2::bigint, '', 'x', '{}')",
                                    2, NULL, values, NULL, NULL, 0);

      if (PQresultStatus (res) != PGRES_TUPLES_OK)
        {
          g_printerr ("serial: %s", PQresultErrorMessage (res));
          g_atomic_int_inc (&failures);
        }
      PQclear (res);
      calls += g_get_monotonic_time () - c0;
    }
  printf ("serial: %u acks from one team, one at a time: %.3f ms per call (%.0f calls/s)\n", n,
          calls / 1000.0 / n, n / ((g_get_monotonic_time () - t0) / 1e6));
  print_cpu (cpu0, n);
}

/* --pooled N: what a pool of N backends would give (issue 15's next
 * step). A thousand acknowledgements, all due at once, queue on the first
 * N teams' connections and go one after another on each, as a pooler in
 * transaction mode would run them; latency counts from the common start
 * to each call's answer (the call only: a pooled design's id would come
 * as it does now). The other connections stay idle. */
static void
pooled_burst (guint n_pool,
              guint n_acks)
{
  g_autofree gint64 *answered = g_new0 (gint64, n_acks);
  g_autofree guint *next = g_new0 (guint, n_pool);
  g_autofree struct pollfd *fds = g_new0 (struct pollfd, n_pool);
  g_autofree char *ref = g_strdup_printf ("%" G_GINT64_FORMAT, delivery_id);
  gint64 t0 = g_get_monotonic_time ();
  Cpu cpu0 = cpu_now ();
  guint done = 0, per = (n_acks + n_pool - 1) / n_pool;

  for (guint c = 0; c < n_pool; c++)
    next[c] = c * per;
  for (;;)
    {
      guint busy_conns = 0;

      for (guint c = 0; c < n_pool; c++)
        {
          fds[c].fd = -1;
          if (teams[c].state == IDLE && next[c] < MIN ((c + 1) * per, n_acks))
            {
              g_autofree char *token = g_uuid_string_random ();
              const char *values[2] = { token, ref };

              PQsendQueryParams (teams[c].conn, "SELECT * FROM odan.ack ($1::uuid, 'read', $2::bigint, '', 'p', '{}')",
                                 2, NULL, values, NULL, NULL, 0);
              PQflush (teams[c].conn);
              teams[c].state = CALLING;
            }
          if (teams[c].state == CALLING)
            {
              fds[c].fd = PQsocket (teams[c].conn);
              fds[c].events = POLLIN;
              busy_conns++;
            }
        }
      if (busy_conns == 0)
        break;
      poll (fds, n_pool, 5);
      for (guint c = 0; c < n_pool; c++)
        if (fds[c].fd >= 0 && fds[c].revents != 0)
          {
            PGresult *res;

            PQconsumeInput (teams[c].conn);
            if (PQisBusy (teams[c].conn))
              continue;
            while ((res = PQgetResult (teams[c].conn)) != NULL)
              {
                if (PQresultStatus (res) != PGRES_TUPLES_OK)
                  g_atomic_int_inc (&failures);
                PQclear (res);
              }
            take_notifies (&teams[c]);
            answered[done++] = g_get_monotonic_time () - t0;
            next[c]++;
            teams[c].state = IDLE;
          }
    }
  qsort (answered, done, sizeof (gint64), compare_gint64);
  printf ("pooled: %u acks due at once over %u backends, one at a time on each: answered p50 %.1f ms, "
          "p99 %.1f ms, all %.1f ms\n", done, n_pool, answered[done / 2] / 1000.0,
          answered[(guint) (0.99 * (done - 1))] / 1000.0, answered[done - 1] / 1000.0);
  print_cpu (cpu0, done);
}

/* Every team sends @sql at once: what a round trip costs with this many
 * backends, before any of Odan's work. */
static void
trivial_burst (const char *sql)
{
  gint64 t0 = g_get_monotonic_time ();
  Cpu cpu0 = cpu_now ();
  guint left = n_teams;
  g_autofree struct pollfd *fds = g_new0 (struct pollfd, n_teams);

  for (guint i = 0; i < n_teams; i++)
    {
      PQsendQuery (teams[i].conn, sql);
      PQflush (teams[i].conn);
      teams[i].state = CALLING;
    }
  while (left > 0)
    {
      for (guint i = 0; i < n_teams; i++)
        {
          fds[i].fd = teams[i].state == CALLING ? PQsocket (teams[i].conn) : -1;
          fds[i].events = POLLIN;
        }
      poll (fds, n_teams, 5);
      for (guint i = 0; i < n_teams; i++)
        if (fds[i].revents != 0)
          {
            PGresult *res;

            PQconsumeInput (teams[i].conn);
            if (PQisBusy (teams[i].conn))
              continue;
            while ((res = PQgetResult (teams[i].conn)) != NULL)
              PQclear (res);
            teams[i].state = IDLE;
            left--;
          }
    }
  printf ("every team sends \"%s\" at once: all answered after %.1f ms\n", sql,
          (g_get_monotonic_time () - t0) / 1000.0);
  print_cpu (cpu0, n_teams);
}

/* Where the server's time went, by function (track_functions). */
static void
print_functions (OdanPgFixture *server)
{
  g_autofree char *owner = odan_pg_fixture_conninfo (server, "odan", "bench");
  PGconn *conn = PQconnectdb (owner);
  PGresult *res = PQexec (conn, "SELECT funcname, calls, round (total_time), round (self_time),"
                                "  round ((self_time / calls * 1000)::numeric, 1)"
                                " FROM pg_stat_user_functions ORDER BY self_time DESC LIMIT 12");

  if (PQresultStatus (res) == PGRES_TUPLES_OK)
    {
      printf ("server time by function (ms): name, calls, total, self, self per call (µs)\n");
      for (int i = 0; i < PQntuples (res); i++)
        printf ("  %-22s %8s %8s %8s %8s\n", PQgetvalue (res, i, 0), PQgetvalue (res, i, 1), PQgetvalue (res, i, 2),
                PQgetvalue (res, i, 3), PQgetvalue (res, i, 4));
    }
  PQclear (res);
  res = PQexec (conn, "SELECT relname, seq_scan, seq_tup_read, idx_scan, n_live_tup, n_dead_tup,"
                      "  pg_relation_size (relid) / 8192 FROM pg_stat_user_tables"
                      " WHERE seq_scan + coalesce (idx_scan, 0) > 0 ORDER BY seq_tup_read DESC LIMIT 8");
  if (PQresultStatus (res) == PGRES_TUPLES_OK)
    {
      printf ("tables: name, sequential scans, rows they read, index scans, live rows, dead rows, pages\n");
      for (int i = 0; i < PQntuples (res); i++)
        printf ("  %-14s %8s %10s %8s %8s %8s %6s\n", PQgetvalue (res, i, 0), PQgetvalue (res, i, 1),
                PQgetvalue (res, i, 2), PQgetvalue (res, i, 3), PQgetvalue (res, i, 4), PQgetvalue (res, i, 5),
                PQgetvalue (res, i, 6));
    }
  PQclear (res);
  PQfinish (conn);
}

/* What the database holds: every write once, nothing left in the inbox. */
static void
count_in_database (OdanPgFixture *server)
{
  g_autofree char *owner = odan_pg_fixture_conninfo (server, "odan", "bench");
  PGconn *conn = PQconnectdb (owner);
  PGresult *res = PQexec (conn, "SELECT (SELECT count (*) FROM odan.events WHERE summary LIKE 'b %'),"
                                " (SELECT count (*) FROM odan.events WHERE summary LIKE 's %'),"
                                " (SELECT count (DISTINCT summary) FROM odan.events WHERE summary ~ '^[bs] '),"
                                " (SELECT count (*) FROM odan.inbox),"
                                " (SELECT max (id) = count (*) FROM odan.events)");

  if (PQresultStatus (res) == PGRES_TUPLES_OK)
    printf ("in the database: %s burst acks, %s sustained writes, %s distinct, %s left in the inbox, "
            "ids without a gap: %s\n", PQgetvalue (res, 0, 0), PQgetvalue (res, 0, 1), PQgetvalue (res, 0, 2),
            PQgetvalue (res, 0, 3), PQgetvalue (res, 0, 4));
  else
    g_printerr ("%s", PQresultErrorMessage (res));
  PQclear (res);
  PQfinish (conn);
}

/* --profile: the server counts time per function and logs statements of
 * 300 ms or more. */
static void
profile_configure (OdanPgFixture *server)
{
  odan_pg_fixture_sql (server, "postgres", "ALTER SYSTEM SET track_functions = 'pl'", NULL);
  odan_pg_fixture_sql (server, "postgres", "ALTER SYSTEM SET log_min_duration_statement = 300", NULL);
  odan_pg_fixture_sql (server, "postgres", "ALTER SYSTEM SET log_line_prefix = '%m %u '", NULL);
  odan_pg_fixture_sql (server, "postgres", "SELECT pg_reload_conf ()", NULL);
  g_usleep (100000);
}

/* --profile, before the burst: one team's acknowledgements alone, trivial
 * bursts, then the sampler of what backends wait on. */
static void
profile_start (OdanPgFixture *server)
{
  serial (500);
  for (guint round = 0; round < 2; round++)
    {
      trivial_burst ("SELECT 1");
      trivial_burst ("SELECT odan.my_team ()");
    }
  g_usleep (1500000);
  print_functions (server);
  sampler_conninfo = odan_pg_fixture_conninfo (server, "odan", "bench");
  waits = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_atomic_int_set (&sampling, 1);
  g_thread_unref (g_thread_new ("sampler", sampler_thread, NULL));
  odan_pg_fixture_sql (server, "bench", "SELECT pg_stat_reset ()", NULL);
}

/* --profile, at the end: time by function, and the tables whose rows
 * carry a multixact (a lock shared between transactions) in their xmax. */
static void
profile_finish (OdanPgFixture *server)
{
  g_autofree char *owner = odan_pg_fixture_conninfo (server, "odan", "bench");
  PGconn *conn;
  PGresult *res;

  print_functions (server);
  odan_pg_fixture_sql (server, "bench", "CREATE EXTENSION IF NOT EXISTS pageinspect", NULL);
  conn = PQconnectdb (owner);
  res = PQexec (conn,
    "SELECT c.relname, count (*) FILTER (WHERE (t.t_infomask & 4096) <> 0), count (*)"
    " FROM pg_class c, generate_series (0, pg_relation_size (c.oid) / 8192 - 1) AS b,"
    "  LATERAL heap_page_items (get_raw_page (c.oid::regclass::text, b::int)) t"
    " WHERE c.relnamespace = 'odan'::regnamespace AND c.relkind = 'r' AND pg_relation_size (c.oid) < 2000000"
    " GROUP BY 1 ORDER BY 2 DESC LIMIT 5");
  for (int i = 0; PQresultStatus (res) == PGRES_TUPLES_OK && i < PQntuples (res); i++)
    printf ("  multixact xmax: %s %s of %s\n", PQgetvalue (res, i, 0), PQgetvalue (res, i, 1), PQgetvalue (res, i, 2));
  if (PQresultStatus (res) != PGRES_TUPLES_OK)
    printf ("%s", PQresultErrorMessage (res));
  PQclear (res);
  PQfinish (conn);
}

/* --profile: the statements that took 300 ms or more, by their text. */
static void
print_slow_statements (OdanPgFixture *server)
{
  g_autofree char *path = g_build_filename (server->dir, "server.log", NULL);
  g_autofree char *text = NULL;
  g_autoptr(GHashTable) slow = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_auto(GStrv) lines = NULL;
  GHashTableIter iter;
  gpointer key, value;

  if (!g_file_get_contents (path, &text, NULL, NULL))
    return;
  lines = g_strsplit (text, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      const char *d = strstr (lines[i], "duration: ");
      const char *st = d != NULL ? strstr (d, "statement: ") : NULL;

      if (st == NULL)
        st = d != NULL ? strstr (d, "execute ") : NULL;
      if (st != NULL)
        {
          g_autofree char *k = g_strndup (st, 60);
          gpointer old = g_hash_table_lookup (slow, k);

          g_hash_table_insert (slow, g_steal_pointer (&k), GINT_TO_POINTER (GPOINTER_TO_INT (old) + 1));
        }
    }
  printf ("statements that took 300 ms or more:\n");
  g_hash_table_iter_init (&iter, slow);
  while (g_hash_table_iter_next (&iter, &key, &value))
    printf ("  %6d  %s\n", GPOINTER_TO_INT (value), (char *) key);
}

int
main (int    argc,
      char **argv)
{
  guint rate = 2000, seconds = 10;
  gboolean profile = FALSE;
  guint pooled = 0;
  GOptionEntry entries[] = {
    { "teams", 't', 0, G_OPTION_ARG_INT, &n_teams, "Teams, one connection each (1000)", "N" },
    { "rate", 'r', 0, G_OPTION_ARG_INT, &rate, "Sustained writes per second offered (2000)", "N" },
    { "seconds", 's', 0, G_OPTION_ARG_INT, &seconds, "Sustained for this long (10)", "S" },
    { "profile", 'p', 0, G_OPTION_ARG_NONE, &profile, "Time 500 acks one at a time first; "
      "print the server's time by function", NULL },
    { "pooled", 0, 0, G_OPTION_ARG_INT, &pooled, "Before the burst, 1,000 acks due at once over this many "
      "backends, as a pool would run them", "N" },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new ("— a national exercise's teams on one PostgreSQL");
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) roles = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *pack = NULL;
  OdanPgFixture *server;
  GThread *thread;
  struct rlimit files;

  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error) || n_teams < 8 || rate == 0 || seconds == 0)
    {
      g_printerr ("%s\n", error != NULL ? error->message : "--teams is at least 8; --rate, --seconds above 0");
      return 2;
    }
  /* one socket per team */
  if (getrlimit (RLIMIT_NOFILE, &files) == 0 && files.rlim_cur < files.rlim_max)
    {
      files.rlim_cur = files.rlim_max;
      setrlimit (RLIMIT_NOFILE, &files);
    }
  n_burst = n_teams;
  n_writes = n_burst + (guint) ((guint64) rate * seconds / n_teams) * n_teams;
  writes = g_new0 (Write, n_writes);

  pack = write_pack (n_teams, &error);
  server = pack != NULL ? odan_pg_fixture_start ("bench", n_teams + 100, &error) : NULL;
  if (server == NULL)
    {
      g_printerr ("cannot set up: %s\n", error->message);
      return 1;
    }

  if (!set_up (server, pack, roles, &error) || !connect_teams (server, roles))
    {
      g_printerr ("cannot create the exercise: %s\n", error != NULL ? error->message : "a connection failed");
      odan_pg_fixture_stop (server);
      return 1;
    }
  if (profile)
    profile_configure (server);
  thread = g_thread_new ("facilitator", facilitator_thread, NULL);
  while (!g_atomic_int_get (&watching))
    g_usleep (1000);
  g_usleep (200000);   /* its first catch-up */
  if (profile)
    profile_start (server);

  if (pooled > 0)
    {
      pooled_burst (MIN (pooled, n_teams), 1000);
      g_usleep (500000);
    }
  burst ();
  sustained (rate, seconds);
  g_atomic_int_set (&stop_watching, 1);
  g_thread_join (thread);
  count_in_database (server);
  if (profile)
    profile_finish (server);
  printf ("notifications the teams' clients received: %" G_GUINT64_FORMAT "; odan.sequenced () calls: %"
          G_GUINT64_FORMAT " (%.2f per write)\n", n_notified, n_asks, (double) n_asks / n_writes);
  printf ("failures: %d\n", g_atomic_int_get (&failures));

  for (guint i = 0; i < n_teams; i++)
    PQfinish (teams[i].conn);
  if (profile)
    print_slow_statements (server);
  odan_pg_fixture_stop (server);
  odan_test_remove_tree (pack);
  return g_atomic_int_get (&failures) > 0 || (guint) g_atomic_int_get (&n_seen) < n_writes;
}

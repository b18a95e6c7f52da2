/* odan-pg-fixture.c — a throw-away PostgreSQL server for tests and benchmarks
 *
 * Every command runs through g_spawn_sync with an argument vector (no
 * shell); as root, through setpriv so that initdb and the server run as
 * "nobody", which owns the temporary folder.
 */
#include "odan-pg-fixture.h"
#include "odan-test-files.h"

#include <arpa/inet.h>
#include <gio/gio.h>
#include <glib/gstdio.h>
#include <libpq-fe.h>
#include <netinet/in.h>
#include <pwd.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

char *
odan_pg_fixture_find_bindir (void)
{
  g_autoptr(GDir) dir = g_dir_open ("/usr/lib/postgresql", 0, NULL);
  const char *name;
  guint best = 0;
  char *found = NULL;

  if (dir == NULL)
    return NULL;
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *bin = g_build_filename ("/usr/lib/postgresql", name, "bin", NULL);
      g_autofree char *initdb = g_build_filename (bin, "initdb", NULL);
      g_autofree char *pg_ctl = g_build_filename (bin, "pg_ctl", NULL);
      guint version = (guint) g_ascii_strtoull (name, NULL, 10);

      if (version > best && g_file_test (initdb, G_FILE_TEST_IS_EXECUTABLE)
          && g_file_test (pg_ctl, G_FILE_TEST_IS_EXECUTABLE))
        {
          best = version;
          g_free (found);
          found = g_steal_pointer (&bin);
        }
    }
  return found;
}

static guint
free_port (void)
{
  struct sockaddr_in addr = { 0 };
  socklen_t len = sizeof addr;
  int fd = socket (AF_INET, SOCK_STREAM, 0);
  guint port = 0;

  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl (INADDR_LOOPBACK);
  if (fd >= 0 && bind (fd, (struct sockaddr *) &addr, sizeof addr) == 0
      && getsockname (fd, (struct sockaddr *) &addr, &len) == 0)
    port = ntohs (addr.sin_port);
  if (fd >= 0)
    close (fd);
  return port;
}

/* Runs @argv (as fixture->run_as when set); FALSE with the output in @error. */
static gboolean
run (OdanPgFixture      *fixture,
     const char *const  *argv,
     GError            **error)
{
  g_autoptr(GPtrArray) full = g_ptr_array_new ();
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  int status = 0;

  if (fixture->run_as != NULL)
    {
      g_ptr_array_add (full, (gpointer) "setpriv");
      g_ptr_array_add (full, (gpointer) "--reuid=nobody");
      g_ptr_array_add (full, (gpointer) "--regid=nogroup");
      g_ptr_array_add (full, (gpointer) "--clear-groups");
      g_ptr_array_add (full, (gpointer) "--");
    }
  for (guint i = 0; argv[i] != NULL; i++)
    g_ptr_array_add (full, (gpointer) argv[i]);
  g_ptr_array_add (full, NULL);
  if (!g_spawn_sync (fixture->dir, (char **) full->pdata, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL,
                     &out, &err, &status, error))
    return FALSE;
  if (!g_spawn_check_wait_status (status, NULL))
    {
      g_set_error (error, G_SPAWN_ERROR, G_SPAWN_ERROR_FAILED, "%s failed: %s%s", argv[0], out, err);
      return FALSE;
    }
  return TRUE;
}

static gboolean
pg_ctl_mode (OdanPgFixture *fixture,
             const char    *command,
             const char    *mode,
             GError       **error)
{
  g_autofree char *exe = g_build_filename (fixture->bindir, "pg_ctl", NULL);
  g_autofree char *data = g_build_filename (fixture->dir, "data", NULL);
  g_autofree char *log = g_build_filename (fixture->dir, "server.log", NULL);
  const char *argv[] = { exe, command, "-w", "-t", "120", "-m", mode, "-D", data, "-l", log, NULL };

  return run (fixture, argv, error);
}

static gboolean
pg_ctl (OdanPgFixture *fixture,
        const char    *command,
        GError       **error)
{
  return pg_ctl_mode (fixture, command, "fast", error);
}

OdanPgFixture *
odan_pg_fixture_start (const char  *db,
                       guint        max_connections,
                       GError     **error)
{
  OdanPgFixture *fixture = g_new0 (OdanPgFixture, 1);
  g_autofree char *initdb = NULL;
  g_autofree char *data = NULL;
  g_autofree char *conf = NULL;
  g_autofree char *settings = NULL;
  g_autofree char *create = NULL;

  fixture->bindir = odan_pg_fixture_find_bindir ();
  if (fixture->bindir == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                   "initdb and pg_ctl are not installed (Debian package postgresql)");
      odan_pg_fixture_stop (fixture);
      return NULL;
    }
  fixture->dir = g_dir_make_tmp ("odan-pg-XXXXXX", error);
  if (fixture->dir == NULL)
    {
      odan_pg_fixture_stop (fixture);
      return NULL;
    }
  if (geteuid () == 0)
    {
      struct passwd *nobody = getpwnam ("nobody");

      if (nobody == NULL || chown (fixture->dir, nobody->pw_uid, nobody->pw_gid) != 0)
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, "cannot hand %s to the user nobody", fixture->dir);
          odan_pg_fixture_stop (fixture);
          return NULL;
        }
      fixture->run_as = g_strdup ("nobody");
    }
  g_chmod (fixture->dir, 0755);
  fixture->port = free_port ();

  initdb = g_build_filename (fixture->bindir, "initdb", NULL);
  data = g_build_filename (fixture->dir, "data", NULL);
  {
    const char *argv[] = { initdb, "-D", data, "-U", "odan", "--auth=trust", "-E", "UTF8",
                           "--no-locale", "--no-sync", NULL };

    if (!run (fixture, argv, error))
      {
        odan_pg_fixture_stop (fixture);
        return NULL;
      }
  }
  /* loopback only; the socket in our own folder */
  conf = g_build_filename (data, "postgresql.conf", NULL);
  settings = g_strdup_printf ("\nlisten_addresses = '127.0.0.1'\nport = %u\n"
                              "unix_socket_directories = '%s'\nmax_connections = %u\n"
                              "shared_buffers = 64MB\n",
                              fixture->port, fixture->dir, max_connections);
  {
    g_autofree char *old = NULL;
    g_autofree char *all = NULL;

    if (!g_file_get_contents (conf, &old, NULL, error))
      {
        odan_pg_fixture_stop (fixture);
        return NULL;
      }
    all = g_strconcat (old, settings, NULL);
    /* the file belongs to nobody: root may still write it */
    if (!g_file_set_contents (conf, all, -1, error))
      {
        odan_pg_fixture_stop (fixture);
        return NULL;
      }
    if (fixture->run_as != NULL)
      {
        struct passwd *nobody = getpwnam ("nobody");

        if (nobody == NULL || chown (conf, nobody->pw_uid, nobody->pw_gid) != 0)
          {
            g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, "cannot hand %s to nobody", conf);
            odan_pg_fixture_stop (fixture);
            return NULL;
          }
      }
  }
  if (!pg_ctl (fixture, "start", error))
    {
      odan_pg_fixture_stop (fixture);
      return NULL;
    }
  create = g_strdup_printf ("CREATE DATABASE \"%s\"", db);
  if (!odan_pg_fixture_sql (fixture, "postgres", create, error))
    {
      odan_pg_fixture_stop (fixture);
      return NULL;
    }
  return fixture;
}

char *
odan_pg_fixture_conninfo (OdanPgFixture *fixture,
                          const char    *user,
                          const char    *db)
{
  return g_strdup_printf ("postgresql://%s@127.0.0.1:%u/%s?connect_timeout=10", user, fixture->port, db);
}

gboolean
odan_pg_fixture_restart (OdanPgFixture  *fixture,
                         GError        **error)
{
  return pg_ctl (fixture, "restart", error);
}

gboolean
odan_pg_fixture_crash (OdanPgFixture  *fixture,
                       GError        **error)
{
  return pg_ctl_mode (fixture, "stop", "immediate", error) && pg_ctl (fixture, "start", error);
}

gboolean
odan_pg_fixture_sql (OdanPgFixture  *fixture,
                     const char     *db,
                     const char     *sql,
                     GError        **error)
{
  g_autofree char *conninfo = odan_pg_fixture_conninfo (fixture, "odan", db);
  PGconn *conn = PQconnectdb (conninfo);
  PGresult *res = NULL;
  gboolean ok;

  if (PQstatus (conn) != CONNECTION_OK)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, "%s", PQerrorMessage (conn));
      PQfinish (conn);
      return FALSE;
    }
  res = PQexec (conn, sql);
  ok = PQresultStatus (res) == PGRES_COMMAND_OK || PQresultStatus (res) == PGRES_TUPLES_OK;
  if (!ok)
    g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, "%s: %s", sql, PQresultErrorMessage (res));
  PQclear (res);
  PQfinish (conn);
  return ok;
}

const char *
odan_pg_fixture_role (OdanPgFixture *fixture,
                      const char    *db,
                      const char    *kind,
                      const char    *team)
{
  g_autofree char *key = g_strdup_printf ("%s/%s/%s", db, kind, team != NULL ? team : "");
  g_autofree char *conninfo = NULL;
  const char *values[2] = { kind, team };
  const char *found;
  PGconn *conn;
  PGresult *res;

  if (fixture->roles == NULL)
    fixture->roles = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  found = g_hash_table_lookup (fixture->roles, key);
  if (found != NULL)
    return found;
  conninfo = odan_pg_fixture_conninfo (fixture, "odan", db);
  conn = PQconnectdb (conninfo);
  g_assert_cmpint (PQstatus (conn), ==, CONNECTION_OK);
  res = PQexecParams (conn, "SELECT role FROM odan.members WHERE kind = $1 AND team IS NOT DISTINCT FROM $2",
                      2, NULL, values, NULL, NULL, 0);
  g_assert_cmpint (PQresultStatus (res), ==, PGRES_TUPLES_OK);
  g_assert_cmpint (PQntuples (res), ==, 1);
  g_hash_table_insert (fixture->roles, g_strdup (key), g_strdup (PQgetvalue (res, 0, 0)));
  PQclear (res);
  PQfinish (conn);
  return g_hash_table_lookup (fixture->roles, key);
}

void
odan_pg_fixture_stop (OdanPgFixture *fixture)
{
  if (fixture == NULL)
    return;
  g_clear_pointer (&fixture->roles, g_hash_table_unref);
  if (fixture->dir != NULL && fixture->bindir != NULL)
    {
      g_autofree char *pid = g_build_filename (fixture->dir, "data", "postmaster.pid", NULL);
      g_autofree char *exe = g_build_filename (fixture->bindir, "pg_ctl", NULL);
      g_autofree char *data = g_build_filename (fixture->dir, "data", NULL);
      const char *argv[] = { exe, "stop", "-w", "-m", "immediate", "-D", data, NULL };

      if (g_file_test (pid, G_FILE_TEST_EXISTS))
        run (fixture, argv, NULL);
    }
  if (fixture->dir != NULL)
    odan_test_remove_tree (fixture->dir);
  g_free (fixture->dir);
  g_free (fixture->bindir);
  g_free (fixture->run_as);
  g_free (fixture);
}

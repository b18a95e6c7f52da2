/* odan-pg-fixture.h — a throw-away PostgreSQL server for tests and benchmarks
 *
 * initdb and pg_ctl from Debian's postgresql package (found under
 * /usr/lib/postgresql/VERSION/bin) start a server in a temporary folder,
 * listening on a free port of 127.0.0.1 only and on a unix socket in that
 * folder, with trust authentication (nothing leaves the machine). Run as
 * root (CI), the server runs as the unprivileged user "nobody", since
 * initdb refuses root.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct {
  char  *dir;        /* the temporary folder: data/, the socket, server.log */
  char  *bindir;     /* where initdb and pg_ctl are */
  char  *run_as;     /* "nobody" when we are root, else NULL */
  guint  port;
  GHashTable *roles; /* "db/kind/team" → the role odan.members names (odan_pg_fixture_role) */
} OdanPgFixture;

/* The folder with initdb and pg_ctl, or NULL when PostgreSQL is not installed. */
char          *odan_pg_fixture_find_bindir (void);
/* Starts a server (superuser "odan", @max_connections) and creates database @db. */
OdanPgFixture *odan_pg_fixture_start   (const char  *db,
                                        guint        max_connections,
                                        GError     **error);
/* "postgresql://USER@127.0.0.1:PORT/DB" */
char          *odan_pg_fixture_conninfo (OdanPgFixture *fixture,
                                         const char    *user,
                                         const char    *db);
/* pg_ctl restart -m fast: every client loses its connection. */
gboolean       odan_pg_fixture_restart (OdanPgFixture  *fixture,
                                        GError        **error);
/* pg_ctl stop -m immediate, then start: a crash, with crash recovery;
 * what was committed asynchronously and not yet flushed may be gone. */
gboolean       odan_pg_fixture_crash   (OdanPgFixture  *fixture,
                                        GError        **error);
/* Runs one SQL command as the superuser on @db (psql-free: through libpq). */
gboolean       odan_pg_fixture_sql     (OdanPgFixture  *fixture,
                                        const char     *db,
                                        const char     *sql,
                                        GError        **error);
/* The role of @kind ("facilitator", "evaluator", "team" with @team) in the
 * exercise in @db: role names carry the exercise's random id, so tests ask
 * odan.members. Owned by the fixture; aborts the test when there is none. */
const char    *odan_pg_fixture_role    (OdanPgFixture  *fixture,
                                        const char     *db,
                                        const char     *kind,
                                        const char     *team);
/* Stops the server and removes the folder. */
void           odan_pg_fixture_stop    (OdanPgFixture  *fixture);

G_END_DECLS

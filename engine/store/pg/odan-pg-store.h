/* odan-pg-store.h — an exercise in a PostgreSQL database (multi-site play)
 *
 * Implements OdanStore with libpq for exercises played from many offices:
 * the facilitator's console writes the log, team and evaluator instances of
 * Odan on other machines connect to the same database with roles of their
 * own, and the database itself (row-level security, column privileges)
 * decides what each may read and write. engine/EXERCISE.md, section
 * "Multi-site exercises on PostgreSQL", has the layout and the reasons.
 *
 * Who a connection is (odan_store_get_role(), _get_team()) comes from the
 * database's role mapping; following the log (odan_store_watch()) listens
 * for the NOTIFY each append sends. Only odan-store-open.c and the tests
 * include this header: everything else goes through OdanStore.
 *
 * One database holds one exercise. Opening takes a libpq connection string
 * ("postgresql://user@host/db?sslmode=verify-full…" or "host=… dbname=…")
 * and passes it to libpq untouched, TLS settings included.
 */
#pragma once

#include "odan-store.h"

G_BEGIN_DECLS

/* The schema this Odan writes; databases with a lower one are upgraded on open. */
#define ODAN_PG_STORE_SCHEMA_VERSION 6

/* A team's append waits for its event's id (schema 6, engine/EXERCISE.md):
 * it asks first after the staff's sequencer has had its tick, then after
 * that time doubling to a second, and runs the sequencer itself only once
 * the event has waited this long. */
#define ODAN_PG_TEAM_FIRST_ASK_US  50000
#define ODAN_PG_TEAM_PATIENCE_US   2000000

typedef enum {
  ODAN_PG_STORE_OPEN_DEFAULT       = 0,       /* the facilitator writes; read-only when another does */
  ODAN_PG_STORE_OPEN_READ_ONLY     = 1 << 0,  /* never write and never take the writer's lock */
  ODAN_PG_STORE_OPEN_REQUIRE_WRITE = 1 << 2,  /* fail (LOCKED) rather than fall back to read-only */
} OdanPgStoreFlags;

typedef enum {
  ODAN_PG_CREATE_DEFAULT         = 0,
  ODAN_PG_CREATE_TEAMS_SEE_MODEL = 1 << 0,  /* teams may read the model's files (nodes, dependencies …) */
} OdanPgCreateFlags;

#define ODAN_TYPE_PG_STORE (odan_pg_store_get_type ())
G_DECLARE_FINAL_TYPE (OdanPgStore, odan_pg_store, ODAN, PG_STORE, GObject)

/* TRUE for the locations this backend opens: "postgresql://…", "postgres://…". */
gboolean    odan_pg_store_is_location (const char *location);
/* odan_store_conninfo_has_password(): TRUE when libpq parses a password out
 * of @conninfo, or cannot parse it at all. */
gboolean    odan_pg_store_conninfo_has_password (const char *conninfo);

/* Connects with @conninfo. A database without an exercise opens with
 * odan_store_is_empty(); odan_store_init_exercise() then creates the schema,
 * the roles and the grants (the connection's role needs CREATEROLE). Fails
 * with ODAN_STORE_ERROR_IO (cannot connect), _NOT_EXERCISE, _TOO_NEW,
 * _DENIED (a role that takes no part), or _LOCKED with REQUIRE_WRITE. */
OdanStore  *odan_pg_store_open   (const char        *conninfo,
                                  OdanPgStoreFlags   flags,
                                  GError           **error);
/* The console's "new multi-site exercise": opens @conninfo, which must hold
 * no exercise yet, and stores the pack (@pack_files: name → GBytes) and @meta
 * with the schema, one role per team, facilitator and evaluator and their
 * grants, in one transaction. */
OdanStore  *odan_pg_store_create (const char        *conninfo,
                                  GHashTable        *pack_files,
                                  GHashTable        *meta,
                                  OdanPgCreateFlags  flags,
                                  GError           **error);

/* The exercise's name, from the database's name: the prefix of its roles
 * ("odan_NAME_team_ID", "odan_NAME_facilitator", "odan_NAME_evaluator") and
 * of its notification channel ("odan_NAME"). NULL while empty. */
const char *odan_pg_store_get_exercise_name (OdanPgStore *self);
/* The database role a team, the facilitator or the evaluators log in as
 * (@team NULL and @kind FACILITATOR or EVALUATOR); a new string. */
char       *odan_pg_store_role_name (OdanPgStore   *self,
                                     OdanStoreRole  kind,
                                     const char    *team);

/* How long an operation keeps trying to reconnect after losing the server
 * (the back-off starts at 50 ms and doubles up to 2 s); 60 s by default. */
void        odan_pg_store_set_reconnect_timeout (OdanPgStore *self,
                                                 guint        seconds);
/* How many times this store has reconnected (for tests and the status bar). */
guint       odan_pg_store_get_reconnects (OdanPgStore *self);

/* Blocks until events after *@last_id exist that this connection may see,
 * or @timeout_us passes (< 0: no limit). Calls @func with each (id order)
 * and moves *@last_id to the last one. Woken by NOTIFY; a lost connection
 * is re-established with back-off and the wait catches up from *@last_id,
 * so nothing is lost or seen twice. FALSE with @error on failure (the
 * server stayed away past the reconnect timeout, or @func failed). */
gboolean    odan_pg_store_wait   (OdanPgStore        *self,
                                  gint64             *last_id,
                                  gint64              timeout_us,
                                  OdanStoreEventFunc  func,
                                  gpointer            user_data,
                                  GError            **error);

/* TRUE while a watch (odan_store_watch()) runs and has its connection. */
gboolean    odan_pg_store_is_watch_connected (OdanPgStore *self);

G_END_DECLS

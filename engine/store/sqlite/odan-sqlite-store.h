/* odan-sqlite-store.h — an exercise in one SQLite file (.odan)
 *
 * Implements OdanStore with sqlite3: WAL journal, synchronous=FULL (an
 * append returns only after its commit reached the disk), the schema version
 * in user_version with migrations, PRAGMA integrity_check on open, and one
 * writer at a time through a lock file beside the database (FILE-lock).
 * engine/EXERCISE.md describes the layout.
 */
#pragma once

#include "odan-store.h"

G_BEGIN_DECLS

/* The schema this Odan writes; files with a lower one are upgraded on open. */
#define ODAN_SQLITE_STORE_SCHEMA_VERSION 3
/* PRAGMA application_id of an exercise file: "Odan" in ASCII. */
#define ODAN_SQLITE_STORE_APPLICATION_ID 0x4F64616E

typedef enum {
  ODAN_SQLITE_STORE_OPEN_DEFAULT       = 0,       /* write; read-only when another process writes */
  ODAN_SQLITE_STORE_OPEN_READ_ONLY     = 1 << 0,  /* never write and never take the lock */
  ODAN_SQLITE_STORE_OPEN_CREATE        = 1 << 1,  /* create the file when it does not exist */
  ODAN_SQLITE_STORE_OPEN_REQUIRE_WRITE = 1 << 2,  /* fail (LOCKED, READ_ONLY) rather than fall back */
} OdanSqliteStoreFlags;

#define ODAN_TYPE_SQLITE_STORE (odan_sqlite_store_get_type ())
G_DECLARE_FINAL_TYPE (OdanSqliteStore, odan_sqlite_store, ODAN, SQLITE_STORE, GObject)

/* Opens (or creates) the exercise file at @path. Fails with
 * ODAN_STORE_ERROR_NOT_EXERCISE, _DAMAGED, _TOO_NEW, _IO, or _LOCKED with
 * REQUIRE_WRITE; a new or empty file opens with odan_store_is_empty(). */
OdanStore *odan_sqlite_store_open (const char            *path,
                                   OdanSqliteStoreFlags   flags,
                                   GError               **error);

/* Who holds the writer's lock, as that process recorded it ("odan-cli,
 * pid 4242 on host ws-3 since 2015-12-08T09:00:00+09:00"), or NULL. */
char      *odan_sqlite_store_get_lock_holder (OdanSqliteStore *self);

G_END_DECLS

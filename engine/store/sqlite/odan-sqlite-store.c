/* odan-sqlite-store.c — an exercise in one SQLite file (.odan)
 *
 * Layout (schema 3; engine/EXERCISE.md has the reasons):
 *
 *   meta        (key TEXT PRIMARY KEY, value TEXT)        created, odan-version…
 *   pack_files  (name TEXT PRIMARY KEY, content BLOB)     the pack, file by file
 *   events      (id INTEGER PRIMARY KEY, kind, action, minute REAL, wall,
 *                actor, team, subject, ref, summary, payload BLOB)
 *   invitations (team TEXT PRIMARY KEY, hash TEXT UNIQUE, created)
 *                                                          one per team, hashed
 *
 * Invitations are not the log: `odan-cli invite` writes them through a
 * short connection of its own while `odan-cli serve` holds the writer's
 * lock, and SQLite's own locking orders the two.
 *
 * payload holds the event's details: a GVariant a{sv}, little-endian.
 *
 * Durability: journal_mode=WAL with synchronous=FULL, so each INSERT (its
 * own transaction in autocommit mode) returns SQLITE_DONE only once the WAL
 * has been fsync()ed; the id is read only then. The new file's directory
 * entry is synced once after the exercise is stored.
 *
 * One writer: the writer holds flock() on FILE-lock for as long as the store
 * is open. The lock lives in a file of its own because closing any
 * descriptor of the database file would drop the POSIX locks SQLite holds
 * on it in this process. A second opener that cannot take the lock reads
 * the file through a read-only connection (WAL lets it read while the
 * writer appends). The kernel releases the lock when the writer dies, so a
 * killed `odan-cli play` never leaves the file locked.
 *
 * Schema versions live in PRAGMA user_version. A new file is built by
 * running every migration from 0 in one transaction, so creation and
 * upgrade share one code path; an older file opened for writing is upgraded
 * in place (one transaction), one opened read-only is copied into memory
 * and upgraded there.
 */
#define G_LOG_DOMAIN "odan-store"

#include "odan-sqlite-store.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <sqlite3.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

G_DEFINE_AUTOPTR_CLEANUP_FUNC (sqlite3_stmt, sqlite3_finalize)

struct _OdanSqliteStore
{
  GObject          parent_instance;

  char            *path;
  char            *lock_path;
  sqlite3         *db;
  int              lock_fd;        /* flock()ed while we are the writer, else -1 */
  OdanStoreAccess  access;
  guint            schema_version;
  gboolean         empty;
  gboolean         tidy;           /* a reader that found no -wal/-shm removes the ones it made */
  gboolean         opened;         /* the open succeeded: a refused file is left alone */
  sqlite3_stmt    *insert;         /* the append statement, prepared once */
};

static void odan_sqlite_store_iface_init (OdanStoreInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (OdanSqliteStore, odan_sqlite_store, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (ODAN_TYPE_STORE, odan_sqlite_store_iface_init))

/* ------------------------------------------------------------------ */
/* Errors */

static OdanStoreError
error_code_for (int rc)
{
  switch (rc & 0xff)
    {
    case SQLITE_CORRUPT:
      return ODAN_STORE_ERROR_DAMAGED;
    case SQLITE_NOTADB:
      return ODAN_STORE_ERROR_NOT_EXERCISE;
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
      return ODAN_STORE_ERROR_LOCKED;
    case SQLITE_READONLY:
      return ODAN_STORE_ERROR_READ_ONLY;
    default:
      return ODAN_STORE_ERROR_IO;
    }
}

/* "FILE: cannot WHAT: sqlite's message" */
static gboolean
set_db_error (OdanSqliteStore *self,
              sqlite3         *db,
              int              rc,
              const char      *what,
              GError         **error)
{
  const char *message = db != NULL ? sqlite3_errmsg (db) : sqlite3_errstr (rc);

  if ((rc & 0xff) == SQLITE_NOTADB)
    g_set_error (error, ODAN_STORE_ERROR, ODAN_STORE_ERROR_NOT_EXERCISE,
                 _("%s: not an Odan exercise file (%s)"), self->path, message);
  else if ((rc & 0xff) == SQLITE_CORRUPT)
    g_set_error (error, ODAN_STORE_ERROR, ODAN_STORE_ERROR_DAMAGED,
                 _("%s: the file is damaged (%s); restore it from a backup"), self->path, message);
  else
    g_set_error (error, ODAN_STORE_ERROR, error_code_for (rc),
                 _("%s: cannot %s: %s"), self->path, what, message);
  return FALSE;
}

static sqlite3_stmt *
prepare (OdanSqliteStore *self,
         sqlite3         *db,
         const char      *sql,
         GError         **error)
{
  sqlite3_stmt *stmt = NULL;
  int rc = sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL);

  if (rc != SQLITE_OK)
    {
      set_db_error (self, db, rc, _("read the file"), error);
      sqlite3_finalize (stmt);
      return NULL;
    }
  return stmt;
}

/* Runs SQL without parameters (schema statements, BEGIN, COMMIT). */
static gboolean
exec (OdanSqliteStore *self,
      sqlite3         *db,
      const char      *sql,
      const char      *what,
      GError         **error)
{
  int rc = sqlite3_exec (db, sql, NULL, NULL, NULL);

  if (rc != SQLITE_OK)
    return set_db_error (self, db, rc, what, error);
  return TRUE;
}

/* The single integer an SQL statement without parameters returns. */
static gboolean
query_int (OdanSqliteStore *self,
           sqlite3         *db,
           const char      *sql,
           gint64          *out,
           GError         **error)
{
  g_autoptr(sqlite3_stmt) stmt = prepare (self, db, sql, error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW)
    return set_db_error (self, db, rc, _("read the file"), error);
  *out = sqlite3_column_int64 (stmt, 0);
  return TRUE;
}

static void
rollback (sqlite3 *db)
{
  if (!sqlite3_get_autocommit (db))
    sqlite3_exec (db, "ROLLBACK", NULL, NULL, NULL);
}

/* ------------------------------------------------------------------ */
/* Migrations: migrations[i] takes a file from version i to i + 1 */

/* The first layout: everything but the common columns in the payload. */
static gboolean
migrate_to_1 (OdanSqliteStore *self,
              sqlite3         *db,
              GError         **error)
{
  return exec (self, db,
               "CREATE TABLE meta (key TEXT PRIMARY KEY NOT NULL, value TEXT NOT NULL);"
               "CREATE TABLE pack_files (name TEXT PRIMARY KEY NOT NULL, content BLOB NOT NULL);"
               "CREATE TABLE events ("
               "  id INTEGER PRIMARY KEY,"
               "  kind TEXT NOT NULL,"
               "  minute REAL NOT NULL,"
               "  wall TEXT NOT NULL,"
               "  actor TEXT NOT NULL,"
               "  summary TEXT NOT NULL,"
               "  payload BLOB NOT NULL);",
               _("create the tables"), error);
}

/* Version 2 lifts action, team, subject and ref out of the payload into
 * columns, so that the timeline can be listed and filtered by SQL alone. */
static gboolean
migrate_to_2 (OdanSqliteStore *self,
              sqlite3         *db,
              GError         **error)
{
  g_autoptr(sqlite3_stmt) select = NULL;
  g_autoptr(sqlite3_stmt) update = NULL;
  static const char *const lifted[] = { "action", "team", "subject", "ref" };
  int rc;

  if (!exec (self, db,
             "ALTER TABLE events ADD COLUMN action TEXT NOT NULL DEFAULT '';"
             "ALTER TABLE events ADD COLUMN team TEXT;"
             "ALTER TABLE events ADD COLUMN subject TEXT;"
             "ALTER TABLE events ADD COLUMN ref INTEGER;",
             _("upgrade the file"), error))
    return FALSE;

  select = prepare (self, db, "SELECT id, payload FROM events ORDER BY id", error);
  update = prepare (self, db,
                    "UPDATE events SET action = ?1, team = ?2, subject = ?3, ref = ?4, payload = ?5 "
                    "WHERE id = ?6", error);
  if (select == NULL || update == NULL)
    return FALSE;

  while ((rc = sqlite3_step (select)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (select, 0);
      g_autoptr(GBytes) bytes = g_bytes_new (sqlite3_column_blob (select, 1),
                                             (gsize) sqlite3_column_bytes (select, 1));
      g_autoptr(GVariant) old = odan_event_details_from_bytes (bytes);
      g_autofree char *action = NULL;
      g_autofree char *team = NULL;
      g_autofree char *subject = NULL;
      gint64 ref = 0;
      g_autoptr(GVariant) details = NULL;
      g_autoptr(GBytes) payload = NULL;

      if (old == NULL)
        {
          g_autofree char *number = g_strdup_printf ("%" G_GINT64_FORMAT, id);

          g_set_error (error, ODAN_STORE_ERROR, ODAN_STORE_ERROR_DAMAGED,
                       _("%s: the details of event %s cannot be read"), self->path, number);
          return FALSE;
        }

      g_auto(GVariantDict) dict = G_VARIANT_DICT_INIT (old);
      g_variant_dict_lookup (&dict, "action", "s", &action);
      g_variant_dict_lookup (&dict, "team", "s", &team);
      g_variant_dict_lookup (&dict, "subject", "s", &subject);
      g_variant_dict_lookup (&dict, "ref", "x", &ref);
      for (guint i = 0; i < G_N_ELEMENTS (lifted); i++)
        g_variant_dict_remove (&dict, lifted[i]);
      details = g_variant_ref_sink (g_variant_dict_end (&dict));
      payload = odan_event_details_to_bytes (details);

      sqlite3_reset (update);
      sqlite3_bind_text (update, 1, action != NULL ? action : "", -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (update, 2, team, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (update, 3, subject, -1, SQLITE_TRANSIENT);
      if (ref > 0)
        sqlite3_bind_int64 (update, 4, ref);
      else
        sqlite3_bind_null (update, 4);
      /* an empty dictionary serialises to no bytes: still a blob, not NULL */
      sqlite3_bind_blob64 (update, 5, g_bytes_get_size (payload) > 0 ? g_bytes_get_data (payload, NULL) : "",
                           g_bytes_get_size (payload), SQLITE_TRANSIENT);
      sqlite3_bind_int64 (update, 6, id);
      rc = sqlite3_step (update);
      if (rc != SQLITE_DONE)
        return set_db_error (self, db, rc, _("upgrade the file"), error);
    }
  if (rc != SQLITE_DONE)
    return set_db_error (self, db, rc, _("upgrade the file"), error);

  return exec (self, db, "CREATE INDEX events_kind ON events (kind, id);",
               _("upgrade the file"), error);
}

/* Version 3 keeps the teams' invitations to the browser pages: the SHA-256
 * of each code, never the code. */
static gboolean
migrate_to_3 (OdanSqliteStore *self,
              sqlite3         *db,
              GError         **error)
{
  return exec (self, db,
               "CREATE TABLE invitations ("
               "  team TEXT PRIMARY KEY NOT NULL,"
               "  hash TEXT NOT NULL UNIQUE,"
               "  created TEXT NOT NULL);",
               _("upgrade the file"), error);
}

typedef gboolean (*Migration) (OdanSqliteStore *self, sqlite3 *db, GError **error);

static const Migration migrations[] = {
  migrate_to_1,
  migrate_to_2,
  migrate_to_3,
};

G_STATIC_ASSERT (G_N_ELEMENTS (migrations) == ODAN_SQLITE_STORE_SCHEMA_VERSION);

/* Runs the migrations after @from inside the caller's transaction. */
static gboolean
migrate (OdanSqliteStore *self,
         sqlite3         *db,
         guint            from,
         GError         **error)
{
  g_autofree char *set_version = NULL;

  for (guint v = from; v < ODAN_SQLITE_STORE_SCHEMA_VERSION; v++)
    if (!migrations[v] (self, db, error))
      return FALSE;
  /* PRAGMA takes no parameters; the value is our own constant */
  set_version = g_strdup_printf ("PRAGMA user_version = %d", ODAN_SQLITE_STORE_SCHEMA_VERSION);
  return exec (self, db, set_version, _("upgrade the file"), error);
}

static gboolean
upgrade (OdanSqliteStore *self,
         sqlite3         *db,
         guint            from,
         GError         **error)
{
  if (!exec (self, db, "BEGIN IMMEDIATE", _("upgrade the file"), error))
    return FALSE;
  if (!migrate (self, db, from, error)
      || !exec (self, db, "COMMIT", _("upgrade the file"), error))
    {
      rollback (db);
      return FALSE;
    }
  g_debug ("%s: upgraded from schema %u to %d", self->path, from, ODAN_SQLITE_STORE_SCHEMA_VERSION);
  return TRUE;
}

/* ------------------------------------------------------------------ */
/* The writer's lock */

/* Takes the lock file; -1 with *@busy when another process holds it, -1 with
 * neither @busy nor @error when the folder cannot hold a lock file (a
 * read-only medium: then nobody can write anyway). */
static int
lock_acquire (OdanSqliteStore *self,
              gboolean        *busy,
              GError         **error)
{
  *busy = FALSE;
  /* the lock file may be replaced between open() and flock(): try again */
  for (guint attempt = 0; attempt < 16; attempt++)
    {
      struct stat held, named;
      int fd = open (self->lock_path, O_RDWR | O_CREAT | O_CLOEXEC, 0666);

      if (fd < 0)
        {
          int saved = errno;

          if (saved == EACCES || saved == EROFS || saved == EPERM)
            return -1;
          g_set_error (error, ODAN_STORE_ERROR, ODAN_STORE_ERROR_IO,
                       _("%s: cannot create the lock file: %s"), self->lock_path, g_strerror (saved));
          return -1;
        }
      if (flock (fd, LOCK_EX | LOCK_NB) < 0)
        {
          int saved = errno;

          close (fd);
          if (saved == EWOULDBLOCK)
            {
              *busy = TRUE;
              return -1;
            }
          g_set_error (error, ODAN_STORE_ERROR, ODAN_STORE_ERROR_IO,
                       _("%s: cannot lock: %s"), self->lock_path, g_strerror (saved));
          return -1;
        }
      if (fstat (fd, &held) == 0 && stat (self->lock_path, &named) == 0
          && held.st_dev == named.st_dev && held.st_ino == named.st_ino)
        return fd;
      close (fd);
    }
  g_set_error (error, ODAN_STORE_ERROR, ODAN_STORE_ERROR_IO,
               _("%s: cannot lock: the lock file keeps changing"), self->lock_path);
  return -1;
}

/* Writes who holds the lock, for the message a second opener shows. */
static void
lock_describe (OdanSqliteStore *self)
{
  g_autofree char *since = odan_wall_time_format (g_get_real_time ());
  g_autofree char *text = g_strdup_printf ("%s\n%ld\n%s\n%s\n",
                                           g_get_prgname () != NULL ? g_get_prgname () : "odan",
                                           (long) getpid (), g_get_host_name (), since);
  gsize len = strlen (text);

  /* advisory text only: a failure here changes nothing about the lock */
  if (ftruncate (self->lock_fd, 0) == 0 && pwrite (self->lock_fd, text, len, 0) != (ssize_t) len)
    g_debug ("%s: cannot describe the lock holder", self->lock_path);
}

static void
lock_release (OdanSqliteStore *self)
{
  if (self->lock_fd < 0)
    return;
  /* unlink while still holding the lock: an opener that raced us notices
   * that the name no longer leads to the file it locked */
  g_unlink (self->lock_path);
  close (self->lock_fd);
  self->lock_fd = -1;
}

char *
odan_sqlite_store_get_lock_holder (OdanSqliteStore *self)
{
  g_autofree char *text = NULL;
  g_auto(GStrv) lines = NULL;

  g_return_val_if_fail (ODAN_IS_SQLITE_STORE (self), NULL);

  if (!g_file_get_contents (self->lock_path, &text, NULL, NULL))
    return NULL;
  lines = g_strsplit (text, "\n", 5);
  if (g_strv_length (lines) < 4)
    return NULL;
  /* TRANSLATORS: who is writing to an exercise file: program, process id, host name, since when */
  return g_strdup_printf (_("%s, pid %s on %s since %s"), lines[0], lines[1], lines[2], lines[3]);
}

/* ------------------------------------------------------------------ */
/* Opening */

static gboolean
check_integrity (OdanSqliteStore *self,
                 GError         **error)
{
  g_autoptr(sqlite3_stmt) stmt = prepare (self, self->db, "PRAGMA integrity_check(8)", error);
  g_autoptr(GString) problems = g_string_new (NULL);
  int rc;

  if (stmt == NULL)
    return FALSE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *line = (const char *) sqlite3_column_text (stmt, 0);

      if (line != NULL && strcmp (line, "ok") != 0)
        {
          if (problems->len > 0)
            g_string_append (problems, "; ");
          g_string_append (problems, line);
        }
    }
  if (rc != SQLITE_DONE)
    return set_db_error (self, self->db, rc, _("check the file"), error);
  if (problems->len > 0)
    {
      g_set_error (error, ODAN_STORE_ERROR, ODAN_STORE_ERROR_DAMAGED,
                   _("%s: the file is damaged (integrity check: %s); Odan will not use it — "
                     "restore it from a backup"), self->path, problems->str);
      return FALSE;
    }
  return TRUE;
}

/* Reads the header: empty, not ours, too new, or a version to upgrade from. */
static gboolean
inspect (OdanSqliteStore *self,
         guint           *out_version,
         GError         **error)
{
  gint64 n_objects, version, application_id;

  if (!query_int (self, self->db, "SELECT count(*) FROM sqlite_schema", &n_objects, error)
      || !query_int (self, self->db, "PRAGMA user_version", &version, error)
      || !query_int (self, self->db, "PRAGMA application_id", &application_id, error))
    return FALSE;

  self->empty = n_objects == 0 && version == 0;
  *out_version = (guint) version;
  if (self->empty)
    return TRUE;
  if (application_id != ODAN_SQLITE_STORE_APPLICATION_ID || version <= 0)
    {
      g_set_error (error, ODAN_STORE_ERROR, ODAN_STORE_ERROR_NOT_EXERCISE,
                   _("%s: not an Odan exercise file (an SQLite database of another program)"),
                   self->path);
      return FALSE;
    }
  if (version > ODAN_SQLITE_STORE_SCHEMA_VERSION)
    {
      g_set_error (error, ODAN_STORE_ERROR, ODAN_STORE_ERROR_TOO_NEW,
                   _("%s was written by a newer version of Odan (file format %d; this version "
                     "reads up to %d). Please update Odan to open it."),
                   self->path, (int) version, ODAN_SQLITE_STORE_SCHEMA_VERSION);
      return FALSE;
    }
  return check_integrity (self, error);
}

/* A read-only opener of an older file works on an upgraded copy in memory. */
static gboolean
upgrade_in_memory (OdanSqliteStore *self,
                   guint            from,
                   GError         **error)
{
  sqlite3 *memory = NULL;
  sqlite3_backup *backup;
  int rc;

  rc = sqlite3_open_v2 (":memory:", &memory, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL);
  if (rc != SQLITE_OK)
    {
      set_db_error (self, memory, rc, _("read the file"), error);
      sqlite3_close (memory);
      return FALSE;
    }
  backup = sqlite3_backup_init (memory, "main", self->db, "main");
  if (backup == NULL)
    {
      set_db_error (self, memory, sqlite3_errcode (memory), _("read the file"), error);
      sqlite3_close (memory);
      return FALSE;
    }
  sqlite3_backup_step (backup, -1);
  rc = sqlite3_backup_finish (backup);
  if (rc != SQLITE_OK || !upgrade (self, memory, from, error))
    {
      if (rc != SQLITE_OK)
        set_db_error (self, memory, rc, _("read the file"), error);
      sqlite3_close (memory);
      return FALSE;
    }
  sqlite3_close (self->db);
  self->db = memory;
  return TRUE;
}

static gboolean
open_database (OdanSqliteStore *self,
               gboolean         create,
               GError         **error)
{
  int flags = self->access == ODAN_STORE_ACCESS_READ_WRITE
              ? SQLITE_OPEN_READWRITE | (create ? SQLITE_OPEN_CREATE : 0)
              : SQLITE_OPEN_READONLY;
  g_autofree char *wal = g_strconcat (self->path, "-wal", NULL);
  g_autofree char *shm = g_strconcat (self->path, "-shm", NULL);
  int rc;

  /* a reader of a file that was closed cleanly makes -wal and -shm, which
   * only a writer's close removes: it tidies them up itself (see close) */
  self->tidy = self->access != ODAN_STORE_ACCESS_READ_WRITE
               && !g_file_test (wal, G_FILE_TEST_EXISTS) && !g_file_test (shm, G_FILE_TEST_EXISTS);
  rc = sqlite3_open_v2 (self->path, &self->db, flags, NULL);

  if (rc != SQLITE_OK)
    return set_db_error (self, self->db, rc, _("open the file"), error);
  sqlite3_extended_result_codes (self->db, 1);
  /* a reader may briefly hold the WAL while the writer checkpoints */
  sqlite3_busy_timeout (self->db, 5000);
  return TRUE;
}

static gboolean
set_durable (OdanSqliteStore *self,
             GError         **error)
{
  g_autoptr(sqlite3_stmt) stmt = prepare (self, self->db, "PRAGMA journal_mode = WAL", error);
  const char *mode;
  int rc;

  if (stmt == NULL)
    return FALSE;
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW)
    return set_db_error (self, self->db, rc, _("switch the file to write-ahead logging"), error);
  mode = (const char *) sqlite3_column_text (stmt, 0);
  if (mode == NULL || g_ascii_strcasecmp (mode, "wal") != 0)
    {
      g_set_error (error, ODAN_STORE_ERROR, ODAN_STORE_ERROR_IO,
                   _("%s: cannot switch the file to write-ahead logging (journal mode stays %s)"),
                   self->path, mode != NULL ? mode : "?");
      return FALSE;
    }
  return exec (self, self->db, "PRAGMA synchronous = FULL", _("set up the file"), error);
}

static gboolean
prepare_insert (OdanSqliteStore *self,
                GError         **error)
{
  self->insert = prepare (self, self->db,
                          "INSERT INTO events (kind, action, minute, wall, actor, team, subject, ref, "
                          "summary, payload) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
                          error);
  return self->insert != NULL;
}

OdanStore *
odan_sqlite_store_open (const char            *path,
                        OdanSqliteStoreFlags   flags,
                        GError               **error)
{
  g_autoptr(OdanSqliteStore) self = NULL;
  gboolean create = (flags & ODAN_SQLITE_STORE_OPEN_CREATE) != 0;
  guint version = 0;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  self = g_object_new (ODAN_TYPE_SQLITE_STORE, NULL);
  self->path = g_strdup (path);
  self->lock_path = g_strconcat (path, "-lock", NULL);

  if (!create && !g_file_test (path, G_FILE_TEST_EXISTS))
    {
      g_set_error (error, ODAN_STORE_ERROR, ODAN_STORE_ERROR_IO,
                   _("%s: no such exercise file"), path);
      return NULL;
    }
  if (g_file_test (path, G_FILE_TEST_IS_DIR))
    {
      g_set_error (error, ODAN_STORE_ERROR, ODAN_STORE_ERROR_NOT_EXERCISE,
                   _("%s: a folder, not an exercise file"), path);
      return NULL;
    }

  self->access = ODAN_STORE_ACCESS_READ_ONLY;
  if (!(flags & ODAN_SQLITE_STORE_OPEN_READ_ONLY))
    {
      gboolean busy;

      self->lock_fd = lock_acquire (self, &busy, error);
      if (self->lock_fd >= 0)
        {
          /* a file we may lock but not write stays read-only */
          if (!g_file_test (path, G_FILE_TEST_EXISTS) || access (path, W_OK) == 0)
            {
              self->access = ODAN_STORE_ACCESS_READ_WRITE;
              lock_describe (self);
            }
          else
            lock_release (self);
        }
      else if (busy)
        self->access = ODAN_STORE_ACCESS_LOCKED;
      else if (error != NULL && *error != NULL)
        return NULL;

      if (self->access != ODAN_STORE_ACCESS_READ_WRITE
          && (flags & ODAN_SQLITE_STORE_OPEN_REQUIRE_WRITE))
        {
          g_autofree char *holder = busy ? odan_sqlite_store_get_lock_holder (self) : NULL;

          if (busy && holder != NULL)
            g_set_error (error, ODAN_STORE_ERROR, ODAN_STORE_ERROR_LOCKED,
                         _("%s is in use by another Odan process (%s); it can only be opened read-only"),
                         path, holder);
          else if (busy)
            g_set_error (error, ODAN_STORE_ERROR, ODAN_STORE_ERROR_LOCKED,
                         _("%s is in use by another Odan process; it can only be opened read-only"),
                         path);
          else
            g_set_error (error, ODAN_STORE_ERROR, ODAN_STORE_ERROR_READ_ONLY,
                         _("%s cannot be written (no permission, or a read-only disk)"), path);
          return NULL;
        }
      if (self->access != ODAN_STORE_ACCESS_READ_WRITE && !g_file_test (path, G_FILE_TEST_EXISTS))
        {
          g_set_error (error, ODAN_STORE_ERROR, ODAN_STORE_ERROR_IO,
                       _("%s: no such exercise file"), path);
          return NULL;
        }
    }

  if (!open_database (self, create, error) || !inspect (self, &version, error))
    return NULL;

  if (self->access == ODAN_STORE_ACCESS_READ_WRITE)
    {
      if (!set_durable (self, error))
        return NULL;
      if (!self->empty && version < ODAN_SQLITE_STORE_SCHEMA_VERSION
          && !upgrade (self, self->db, version, error))
        return NULL;
      if (!self->empty && !prepare_insert (self, error))
        return NULL;
    }
  else if (!self->empty && version < ODAN_SQLITE_STORE_SCHEMA_VERSION
           && !upgrade_in_memory (self, version, error))
    return NULL;

  self->schema_version = self->empty ? 0 : ODAN_SQLITE_STORE_SCHEMA_VERSION;
  self->opened = TRUE;
  return ODAN_STORE (g_steal_pointer (&self));
}

/* ------------------------------------------------------------------ */
/* OdanStore */

static gboolean
check_open (OdanSqliteStore *self,
            gboolean         writing,
            GError         **error)
{
  if (self->db == NULL)
    {
      g_set_error (error, ODAN_STORE_ERROR, ODAN_STORE_ERROR_IO,
                   _("%s: the exercise file is closed"), self->path);
      return FALSE;
    }
  if (writing && self->access != ODAN_STORE_ACCESS_READ_WRITE)
    {
      g_set_error (error, ODAN_STORE_ERROR, ODAN_STORE_ERROR_READ_ONLY,
                   self->access == ODAN_STORE_ACCESS_LOCKED
                   ? _("%s is open read-only: another Odan process is writing to it")
                   : _("%s is open read-only"), self->path);
      return FALSE;
    }
  return TRUE;
}

static gboolean
check_exercise (OdanSqliteStore *self,
                GError         **error)
{
  if (self->empty)
    {
      g_set_error (error, ODAN_STORE_ERROR, ODAN_STORE_ERROR_EMPTY,
                   _("%s holds no exercise yet (its creation was interrupted)"), self->path);
      return FALSE;
    }
  return TRUE;
}

static const char *
odan_sqlite_store_get_location (OdanStore *store)
{
  return ODAN_SQLITE_STORE (store)->path;
}

static OdanStoreAccess
odan_sqlite_store_get_access (OdanStore *store)
{
  return ODAN_SQLITE_STORE (store)->access;
}

static guint
odan_sqlite_store_get_schema_version (OdanStore *store)
{
  return ODAN_SQLITE_STORE (store)->schema_version;
}

static gboolean
odan_sqlite_store_is_empty (OdanStore *store)
{
  return ODAN_SQLITE_STORE (store)->empty;
}

static gboolean
insert_pair (OdanSqliteStore *self,
             sqlite3_stmt    *stmt,
             const char      *key,
             const void      *value,
             gsize            len,
             gboolean         blob,
             GError         **error)
{
  int rc;

  sqlite3_reset (stmt);
  sqlite3_bind_text (stmt, 1, key, -1, SQLITE_STATIC);
  if (blob)
    sqlite3_bind_blob64 (stmt, 2, len > 0 ? value : "", len, SQLITE_STATIC);
  else
    sqlite3_bind_text (stmt, 2, value, -1, SQLITE_STATIC);
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_DONE)
    return set_db_error (self, self->db, rc, _("store the exercise"), error);
  return TRUE;
}

/* Directory entries are not covered by the WAL's fsync. */
static void
sync_folder (const char *path)
{
  g_autofree char *dir = g_path_get_dirname (path);
  int fd = open (dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);

  if (fd < 0)
    return;
  if (fsync (fd) != 0)
    g_debug ("cannot sync folder %s: %s", dir, g_strerror (errno));
  close (fd);
}

static gboolean
odan_sqlite_store_init_exercise (OdanStore   *store,
                                 GHashTable  *pack_files,
                                 GHashTable  *meta,
                                 GError     **error)
{
  OdanSqliteStore *self = ODAN_SQLITE_STORE (store);
  g_autoptr(sqlite3_stmt) file_stmt = NULL;
  g_autoptr(sqlite3_stmt) meta_stmt = NULL;
  g_autofree char *set_id = NULL;
  g_autofree char *created = NULL;
  g_autoptr(GList) names = NULL;
  GHashTableIter iter;
  gpointer key, value;

  if (!check_open (self, TRUE, error))
    return FALSE;
  if (!self->empty)
    {
      g_set_error (error, ODAN_STORE_ERROR, ODAN_STORE_ERROR_EXISTS,
                   _("%s already holds an exercise"), self->path);
      return FALSE;
    }

  if (!exec (self, self->db, "BEGIN IMMEDIATE", _("store the exercise"), error))
    return FALSE;
  set_id = g_strdup_printf ("PRAGMA application_id = %d", ODAN_SQLITE_STORE_APPLICATION_ID);
  if (!migrate (self, self->db, 0, error)
      || !exec (self, self->db, set_id, _("store the exercise"), error)
      || !(file_stmt = prepare (self, self->db,
                                "INSERT INTO pack_files (name, content) VALUES (?1, ?2)", error))
      || !(meta_stmt = prepare (self, self->db,
                                "INSERT OR REPLACE INTO meta (key, value) VALUES (?1, ?2)", error)))
    goto fail;

  /* in name order, so that two files from one pack are byte for byte alike */
  names = g_list_sort (g_hash_table_get_keys (pack_files), (GCompareFunc) strcmp);
  for (GList *l = names; l != NULL; l = l->next)
    {
      GBytes *bytes = g_hash_table_lookup (pack_files, l->data);

      if (!insert_pair (self, file_stmt, l->data, g_bytes_get_data (bytes, NULL),
                        g_bytes_get_size (bytes), TRUE, error))
        goto fail;
    }

  created = odan_wall_time_format (g_get_real_time ());
  if (!insert_pair (self, meta_stmt, "created", created, 0, FALSE, error)
      || !insert_pair (self, meta_stmt, "odan-version", PACKAGE_VERSION, 0, FALSE, error))
    goto fail;
  if (meta != NULL)
    {
      g_hash_table_iter_init (&iter, meta);
      while (g_hash_table_iter_next (&iter, &key, &value))
        if (!insert_pair (self, meta_stmt, key, value, 0, FALSE, error))
          goto fail;
    }

  g_clear_pointer (&file_stmt, sqlite3_finalize);
  g_clear_pointer (&meta_stmt, sqlite3_finalize);
  if (!exec (self, self->db, "COMMIT", _("store the exercise"), error))
    goto fail;

  sync_folder (self->path);
  self->empty = FALSE;
  self->schema_version = ODAN_SQLITE_STORE_SCHEMA_VERSION;
  return prepare_insert (self, error);

fail:
  g_clear_pointer (&file_stmt, sqlite3_finalize);
  g_clear_pointer (&meta_stmt, sqlite3_finalize);
  rollback (self->db);
  return FALSE;
}

static GHashTable *
odan_sqlite_store_read_pack (OdanStore *store,
                             GError   **error)
{
  OdanSqliteStore *self = ODAN_SQLITE_STORE (store);
  g_autoptr(GHashTable) files = NULL;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  if (!check_open (self, FALSE, error) || !check_exercise (self, error))
    return NULL;
  stmt = prepare (self, self->db, "SELECT name, content FROM pack_files ORDER BY name", error);
  if (stmt == NULL)
    return NULL;

  files = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) g_bytes_unref);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_hash_table_insert (files,
                         g_strdup ((const char *) sqlite3_column_text (stmt, 0)),
                         g_bytes_new (sqlite3_column_blob (stmt, 1),
                                      (gsize) sqlite3_column_bytes (stmt, 1)));
  if (rc != SQLITE_DONE)
    {
      set_db_error (self, self->db, rc, _("read the embedded pack"), error);
      return NULL;
    }
  return g_steal_pointer (&files);
}

static char *
odan_sqlite_store_get_meta (OdanStore  *store,
                            const char *key)
{
  OdanSqliteStore *self = ODAN_SQLITE_STORE (store);
  g_autoptr(sqlite3_stmt) stmt = NULL;

  if (self->db == NULL || self->empty)
    return NULL;
  stmt = prepare (self, self->db, "SELECT value FROM meta WHERE key = ?1", NULL);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, key, -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    return NULL;
  return g_strdup ((const char *) sqlite3_column_text (stmt, 0));
}

/* Invitations: a connection of their own for writing, so that they can be
 * issued and revoked while another process holds the log (a running
 * `odan-cli serve`). */
static gboolean
write_invitation (OdanSqliteStore *self,
                  const char      *sql,
                  const char      *team,
                  const char      *hash,
                  gboolean        *out_changed,
                  GError         **error)
{
  sqlite3 *db = NULL;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autofree char *created = g_date_time_format_iso8601 (now);
  int rc;

  if (self->db == NULL || self->empty)
    {
      g_set_error (error, ODAN_STORE_ERROR, ODAN_STORE_ERROR_EMPTY,
                   _("%s holds no exercise yet"), self->path);
      return FALSE;
    }
  rc = sqlite3_open_v2 (self->path, &db, SQLITE_OPEN_READWRITE, NULL);
  if (rc != SQLITE_OK)
    {
      set_db_error (self, db, rc, _("write the invitation"), error);
      sqlite3_close (db);
      return FALSE;
    }
  sqlite3_busy_timeout (db, 5000);
  stmt = prepare (self, db, sql, error);
  if (stmt != NULL)
    {
      sqlite3_bind_text (stmt, 1, team, -1, SQLITE_STATIC);
      if (hash != NULL)
        {
          sqlite3_bind_text (stmt, 2, hash, -1, SQLITE_STATIC);
          sqlite3_bind_text (stmt, 3, created, -1, SQLITE_STATIC);
        }
      rc = sqlite3_step (stmt);
      if (rc != SQLITE_DONE)
        set_db_error (self, db, rc, _("write the invitation"), error);
      else if (out_changed != NULL)
        *out_changed = sqlite3_changes (db) > 0;
    }
  g_clear_pointer (&stmt, sqlite3_finalize);
  sqlite3_close (db);
  return rc == SQLITE_DONE;
}

static gboolean
odan_sqlite_store_put_invitation (OdanStore   *store,
                                  const char  *team,
                                  const char  *hash,
                                  GError     **error)
{
  return write_invitation (ODAN_SQLITE_STORE (store),
                           "INSERT INTO invitations (team, hash, created) VALUES (?1, ?2, ?3) "
                           "ON CONFLICT (team) DO UPDATE SET hash = excluded.hash, created = excluded.created",
                           team, hash, NULL, error);
}

static gboolean
odan_sqlite_store_revoke_invitation (OdanStore   *store,
                                     const char  *team,
                                     gboolean    *out_revoked,
                                     GError     **error)
{
  return write_invitation (ODAN_SQLITE_STORE (store), "DELETE FROM invitations WHERE team = ?1",
                           team, NULL, out_revoked, error);
}

static gboolean
odan_sqlite_store_find_invitation (OdanStore   *store,
                                   const char  *hash,
                                   char       **out_team,
                                   GError     **error)
{
  OdanSqliteStore *self = ODAN_SQLITE_STORE (store);
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  *out_team = NULL;
  if (self->db == NULL || self->empty)
    return TRUE;
  stmt = prepare (self, self->db, "SELECT team FROM invitations WHERE hash = ?1", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, hash, -1, SQLITE_STATIC);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    *out_team = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  else if (rc != SQLITE_DONE)
    return set_db_error (self, self->db, rc, _("read the invitations"), error);
  return TRUE;
}

static void
bind_text_or_null (sqlite3_stmt *stmt,
                   int           index,
                   const char   *text)
{
  if (text != NULL)
    sqlite3_bind_text (stmt, index, text, -1, SQLITE_STATIC);
  else
    sqlite3_bind_null (stmt, index);
}

/* Steps the insert statement for @event: in autocommit mode that is its
 * own durable transaction, inside BEGIN one row of it. */
static gboolean
insert_event (OdanSqliteStore *self,
              OdanEvent       *event,
              GError         **error)
{
  g_autoptr(GBytes) payload = NULL;
  sqlite3_stmt *stmt = self->insert;
  int rc;

  payload = odan_event_details_to_bytes (event->details);
  sqlite3_reset (stmt);
  sqlite3_clear_bindings (stmt);
  sqlite3_bind_text (stmt, 1, odan_event_kind_to_string (event->kind), -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, odan_event_action_to_string (event), -1, SQLITE_STATIC);
  sqlite3_bind_double (stmt, 3, event->minute);
  sqlite3_bind_text (stmt, 4, event->wall != NULL ? event->wall : "", -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 5, event->actor != NULL ? event->actor : "system", -1, SQLITE_STATIC);
  bind_text_or_null (stmt, 6, event->team);
  bind_text_or_null (stmt, 7, event->subject);
  if (event->ref > 0)
    sqlite3_bind_int64 (stmt, 8, event->ref);
  else
    sqlite3_bind_null (stmt, 8);
  sqlite3_bind_text (stmt, 9, event->summary != NULL ? event->summary : "", -1, SQLITE_STATIC);
  sqlite3_bind_blob64 (stmt, 10, g_bytes_get_size (payload) > 0 ? g_bytes_get_data (payload, NULL) : "",
                       g_bytes_get_size (payload), SQLITE_STATIC);

  /* autocommit: SQLITE_DONE means committed, and with synchronous=FULL in
   * WAL mode the commit has been fsync()ed */
  rc = sqlite3_step (stmt);
  sqlite3_reset (stmt);
  sqlite3_clear_bindings (stmt);
  if (rc != SQLITE_DONE)
    return set_db_error (self, self->db, rc, _("record the event"), error);

  event->id = sqlite3_last_insert_rowid (self->db);
  return TRUE;
}

static gboolean
odan_sqlite_store_append_event (OdanStore  *store,
                                OdanEvent  *event,
                                GError    **error)
{
  OdanSqliteStore *self = ODAN_SQLITE_STORE (store);

  if (!check_open (self, TRUE, error) || !check_exercise (self, error))
    return FALSE;
  return insert_event (self, event, error);
}

/* Many events, one durable transaction: one fdatasync() for all. */
static gboolean
odan_sqlite_store_append_events (OdanStore  *store,
                                 OdanEvent **events,
                                 guint       n_events,
                                 GError    **error)
{
  OdanSqliteStore *self = ODAN_SQLITE_STORE (store);

  if (!check_open (self, TRUE, error) || !check_exercise (self, error))
    return FALSE;
  if (!exec (self, self->db, "BEGIN IMMEDIATE", _("record the event"), error))
    return FALSE;
  for (guint i = 0; i < n_events; i++)
    if (!insert_event (self, events[i], error))
      {
        rollback (self->db);
        for (guint k = 0; k < n_events; k++)
          events[k]->id = 0;
        return FALSE;
      }
  if (!exec (self, self->db, "COMMIT", _("record the event"), error))
    {
      rollback (self->db);
      for (guint k = 0; k < n_events; k++)
        events[k]->id = 0;
      return FALSE;
    }
  return TRUE;
}

static const char *
column_text_or_null (sqlite3_stmt *stmt,
                     int           column)
{
  if (sqlite3_column_type (stmt, column) == SQLITE_NULL)
    return NULL;
  return (const char *) sqlite3_column_text (stmt, column);
}

static gboolean
odan_sqlite_store_read_events (OdanStore          *store,
                               gint64              after_id,
                               OdanStoreEventFunc  func,
                               gpointer            user_data,
                               GError            **error)
{
  OdanSqliteStore *self = ODAN_SQLITE_STORE (store);
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  if (!check_open (self, FALSE, error) || !check_exercise (self, error))
    return FALSE;
  stmt = prepare (self, self->db,
                  "SELECT id, kind, action, minute, wall, actor, team, subject, ref, summary, payload "
                  "FROM events WHERE id > ?1 ORDER BY id", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, after_id);

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);
      const char *kind_text = (const char *) sqlite3_column_text (stmt, 1);
      const char *action_text = (const char *) sqlite3_column_text (stmt, 2);
      g_autoptr(GBytes) bytes = g_bytes_new (sqlite3_column_blob (stmt, 10),
                                             (gsize) sqlite3_column_bytes (stmt, 10));
      GVariant *details = odan_event_details_from_bytes (bytes);
      OdanEvent *event;

      event = details != NULL ? odan_event_new_from_words (kind_text, action_text,
                                                           sqlite3_column_double (stmt, 3), details)
                              : NULL;
      if (event == NULL)
        {
          g_autofree char *number = g_strdup_printf ("%" G_GINT64_FORMAT, id);

          g_set_error (error, ODAN_STORE_ERROR, ODAN_STORE_ERROR_DAMAGED,
                       _("%s: event %s cannot be read (kind “%s”, action “%s”)"),
                       self->path, number, kind_text != NULL ? kind_text : "",
                       action_text != NULL ? action_text : "");
          return FALSE;
        }
      event->id = id;
      event->wall = g_strdup ((const char *) sqlite3_column_text (stmt, 4));
      event->actor = g_strdup ((const char *) sqlite3_column_text (stmt, 5));
      event->team = g_strdup (column_text_or_null (stmt, 6));
      event->subject = g_strdup (column_text_or_null (stmt, 7));
      event->ref = sqlite3_column_int64 (stmt, 8);
      g_free (event->summary);
      event->summary = g_strdup ((const char *) sqlite3_column_text (stmt, 9));
      if (event->summary == NULL)
        event->summary = g_strdup ("");
      if (!func (event, user_data, error))
        return FALSE;
    }
  if (rc != SQLITE_DONE)
    return set_db_error (self, self->db, rc, _("read the events"), error);
  return TRUE;
}

/* After reading: when no writer has come meanwhile, a read-write
 * connection opened and closed under the lock is the last one on the file,
 * and SQLite removes the (empty) -wal and -shm the reader made. */
static void
tidy_after_reading (OdanSqliteStore *self)
{
  g_autofree char *wal = g_strconcat (self->path, "-wal", NULL);
  g_autofree char *shm = g_strconcat (self->path, "-shm", NULL);
  sqlite3 *db = NULL;
  gboolean busy;

  if (!self->tidy || !self->opened
      || (!g_file_test (wal, G_FILE_TEST_EXISTS) && !g_file_test (shm, G_FILE_TEST_EXISTS)))
    return;
  self->tidy = FALSE;
  if (access (self->path, W_OK) != 0)
    return;
  self->lock_fd = lock_acquire (self, &busy, NULL);
  if (self->lock_fd < 0)
    return;
  if (sqlite3_open_v2 (self->path, &db, SQLITE_OPEN_READWRITE, NULL) == SQLITE_OK)
    sqlite3_exec (db, "SELECT count(*) FROM sqlite_schema", NULL, NULL, NULL);
  sqlite3_close (db);
  lock_release (self);
}

static gboolean
odan_sqlite_store_close (OdanStore *store,
                         GError   **error)
{
  OdanSqliteStore *self = ODAN_SQLITE_STORE (store);
  int rc;

  if (self->db == NULL)
    return TRUE;
  g_clear_pointer (&self->insert, sqlite3_finalize);
  rc = sqlite3_close (self->db);
  if (rc != SQLITE_OK)
    {
      set_db_error (self, self->db, rc, _("close the file"), error);
      /* statements someone else left open: let SQLite finish when they go */
      sqlite3_close_v2 (self->db);
      self->db = NULL;
      lock_release (self);
      return FALSE;
    }
  self->db = NULL;
  /* only now: the lock guarded the checkpoint that closing runs */
  lock_release (self);
  tidy_after_reading (self);
  return TRUE;
}

static void
odan_sqlite_store_iface_init (OdanStoreInterface *iface)
{
  iface->get_location = odan_sqlite_store_get_location;
  iface->get_access = odan_sqlite_store_get_access;
  iface->get_schema_version = odan_sqlite_store_get_schema_version;
  iface->is_empty = odan_sqlite_store_is_empty;
  iface->init_exercise = odan_sqlite_store_init_exercise;
  iface->read_pack = odan_sqlite_store_read_pack;
  iface->get_meta = odan_sqlite_store_get_meta;
  iface->append_event = odan_sqlite_store_append_event;
  iface->append_events = odan_sqlite_store_append_events;
  iface->read_events = odan_sqlite_store_read_events;
  iface->close = odan_sqlite_store_close;
  iface->put_invitation = odan_sqlite_store_put_invitation;
  iface->revoke_invitation = odan_sqlite_store_revoke_invitation;
  iface->find_invitation = odan_sqlite_store_find_invitation;
}

/* ------------------------------------------------------------------ */
/* GObject */

static void
odan_sqlite_store_finalize (GObject *object)
{
  OdanSqliteStore *self = ODAN_SQLITE_STORE (object);
  g_autoptr(GError) error = NULL;

  if (!odan_sqlite_store_close (ODAN_STORE (self), &error))
    g_warning ("%s", error->message);
  lock_release (self);
  g_free (self->path);
  g_free (self->lock_path);

  G_OBJECT_CLASS (odan_sqlite_store_parent_class)->finalize (object);
}

static void
odan_sqlite_store_class_init (OdanSqliteStoreClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = odan_sqlite_store_finalize;
}

static void
odan_sqlite_store_init (OdanSqliteStore *self)
{
  self->lock_fd = -1;
  self->access = ODAN_STORE_ACCESS_READ_ONLY;
}

/* test-store.c — the exercise file (odan-sqlite-store.h) on its own
 *
 * Creating and reading back every field, bound parameters, the writer's
 * lock and the read-only second opener, damaged, foreign and too-new files,
 * and the upgrade of a version-1 file written by hand as the first Odan
 * wrote it. Also opening any store by its location, and a file's principal.
 */
#include <glib.h>
#include <glib/gstdio.h>
#include <sqlite3.h>
#include <string.h>

#include "exercise-test.h"
#include "odan-sqlite-store.h"
#include "odan-model-enums.h"

G_DEFINE_AUTOPTR_CLEANUP_FUNC (sqlite3_stmt, sqlite3_finalize)

typedef struct {
  char *dir;
  char *path;
} Fixture;

static void
fixture_setup (Fixture      *f,
               gconstpointer data)
{
  f->dir = test_tmpdir_new ();
  f->path = g_build_filename (f->dir, "exercise.odan", NULL);
}

static void
fixture_teardown (Fixture      *f,
                  gconstpointer data)
{
  g_free (f->path);
  test_tmpdir_free (f->dir);
}

/* The example pack's files, as an exercise embeds them. */
static GHashTable *
example_files (void)
{
  g_autofree char *dir = test_scenario_path ("example");
  GHashTable *files = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) g_bytes_unref);
  g_autoptr(GDir) folder = g_dir_open (dir, 0, NULL);
  const char *name;

  g_assert_nonnull (folder);
  while ((name = g_dir_read_name (folder)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);
      char *contents;
      gsize len;

      g_assert_true (g_file_get_contents (path, &contents, &len, NULL));
      g_hash_table_insert (files, g_strdup (name), g_bytes_new_take (contents, len));
    }
  return files;
}

static OdanEvent *
new_event (OdanEventKind  kind,
           const char    *action,
           double         minute,
           const char    *summary)
{
  g_auto(GVariantBuilder) builder = G_VARIANT_BUILDER_INIT (G_VARIANT_TYPE_VARDICT);
  const char *teams[] = { "power", "medical", NULL };
  OdanEvent *event;

  g_variant_builder_add (&builder, "{sv}", "text", g_variant_new_string ("改行\nと \"引用\" と 'quote'"));
  g_variant_builder_add (&builder, "{sv}", "to", g_variant_new_strv (teams, -1));
  g_variant_builder_add (&builder, "{sv}", "due", g_variant_new_double (1.0 / 3.0));
  event = odan_event_new_from_words (odan_event_kind_to_string (kind), action, minute, g_variant_builder_end (&builder));
  event->wall = g_strdup ("2015-12-08T09:00:00.000+09:00");
  event->actor = g_strdup ("facilitator");
  event->team = g_strdup ("power");
  event->subject = g_strdup ("INJ-01");
  g_free (event->summary);
  event->summary = g_strdup (summary);
  return event;
}

static gboolean
collect (OdanEvent *event,
         gpointer   user_data,
         GError   **error)
{
  g_ptr_array_add (user_data, event);
  return TRUE;
}

static GPtrArray *
read_all (OdanStore *store,
          gint64     after)
{
  GPtrArray *events = g_ptr_array_new_with_free_func ((GDestroyNotify) odan_event_free);
  g_autoptr(GError) error = NULL;

  g_assert_true (odan_store_read_events (store, after, collect, events, &error));
  g_assert_no_error (error);
  return events;
}

static void
assert_same_event (const OdanEvent *a,
                   const OdanEvent *b)
{
  g_assert_cmpint (a->id, ==, b->id);
  g_assert_cmpint (a->kind, ==, b->kind);
  g_assert_cmpint (a->action, ==, b->action);
  g_assert_cmpint (a->category, ==, b->category);
  g_assert_cmpfloat (a->minute, ==, b->minute);
  g_assert_cmpstr (a->wall, ==, b->wall);
  g_assert_cmpstr (a->actor, ==, b->actor);
  g_assert_cmpstr (a->team, ==, b->team);
  g_assert_cmpstr (a->subject, ==, b->subject);
  g_assert_cmpint (a->ref, ==, b->ref);
  g_assert_cmpstr (a->summary, ==, b->summary);
  g_assert_true (g_variant_equal (a->details, b->details));
}

static OdanStore *
new_store (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GHashTable) files = example_files ();
  OdanStore *store = odan_sqlite_store_open (path, ODAN_SQLITE_STORE_OPEN_CREATE, &error);

  g_assert_no_error (error);
  g_assert_true (odan_store_init_exercise (store, files, NULL, &error));
  g_assert_no_error (error);
  return store;
}

/* ------------------------------------------------------------------ */

static void
test_create_and_read (Fixture      *f,
                      gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(OdanStore) store = odan_sqlite_store_open (f->path, ODAN_SQLITE_STORE_OPEN_CREATE, &error);
  g_autoptr(GHashTable) files = example_files ();
  g_autoptr(GHashTable) meta = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GHashTable) embedded = NULL;
  g_autoptr(GPtrArray) written = g_ptr_array_new_with_free_func ((GDestroyNotify) odan_event_free);
  g_autoptr(GPtrArray) read = NULL;
  g_autofree char *created = NULL;
  g_autofree char *pack_id = NULL;
  GHashTableIter iter;
  gpointer key, value;

  g_assert_no_error (error);
  g_assert_true (odan_store_is_empty (store));
  g_assert_cmpint (odan_store_get_access (store), ==, ODAN_STORE_ACCESS_READ_WRITE);
  g_assert_cmpuint (odan_store_get_schema_version (store), ==, 0);
  g_assert_cmpstr (odan_store_get_location (store), ==, f->path);

  /* an empty store holds no events yet */
  g_assert_false (odan_store_read_events (store, 0, collect, written, &error));
  g_assert_error (error, ODAN_STORE_ERROR, ODAN_STORE_ERROR_EMPTY);
  g_clear_error (&error);

  g_hash_table_insert (meta, (gpointer) "pack-id", (gpointer) "tokyo-blackout-example");
  g_assert_true (odan_store_init_exercise (store, files, meta, &error));
  g_assert_no_error (error);
  g_assert_false (odan_store_is_empty (store));
  g_assert_cmpuint (odan_store_get_schema_version (store), ==, ODAN_SQLITE_STORE_SCHEMA_VERSION);
  created = odan_store_get_meta (store, "created");
  g_assert_nonnull (created);
  pack_id = odan_store_get_meta (store, "pack-id");
  g_assert_cmpstr (pack_id, ==, "tokyo-blackout-example");
  g_assert_null (odan_store_get_meta (store, "no-such-key"));

  /* a second exercise does not fit */
  g_assert_false (odan_store_init_exercise (store, files, NULL, &error));
  g_assert_error (error, ODAN_STORE_ERROR, ODAN_STORE_ERROR_EXISTS);
  g_clear_error (&error);

  for (guint k = 0; k < ODAN_EVENT_N_KINDS; k++)
    {
      static const char *const actions[ODAN_EVENT_N_KINDS] = {
        "start", "scheduled", "delay", "ministry-report", "applied", "note", "read",
      };
      OdanEvent *event = new_event ((OdanEventKind) k, actions[k], 10.0 * k + 0.125, "一行の要約");

      if (k == ODAN_EVENT_MITIGATION)
        event->ref = 1;
      if (k == ODAN_EVENT_CLOCK)
        g_clear_pointer (&event->team, g_free);
      g_assert_cmpint (event->id, ==, 0);
      g_assert_true (odan_store_append_event (store, event, &error));
      g_assert_no_error (error);
      /* ids grow one by one from 1 */
      g_assert_cmpint (event->id, ==, (gint64) k + 1);
      g_ptr_array_add (written, event);
    }

  read = read_all (store, 0);
  g_assert_cmpuint (read->len, ==, written->len);
  for (guint i = 0; i < read->len; i++)
    assert_same_event (g_ptr_array_index (read, i), g_ptr_array_index (written, i));
  g_clear_pointer (&read, g_ptr_array_unref);

  /* after an id: what a replica catching up asks for */
  read = read_all (store, 3);
  g_assert_cmpuint (read->len, ==, written->len - 3);
  assert_same_event (g_ptr_array_index (read, 0), g_ptr_array_index (written, 3));
  g_clear_pointer (&read, g_ptr_array_unref);

  embedded = odan_store_read_pack (store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_hash_table_size (embedded), ==, g_hash_table_size (files));
  g_hash_table_iter_init (&iter, files);
  while (g_hash_table_iter_next (&iter, &key, &value))
    g_assert_true (g_bytes_equal (value, g_hash_table_lookup (embedded, key)));

  /* closed, then reopened: the same events, and ids go on */
  g_assert_true (odan_store_close (store, &error));
  g_assert_no_error (error);
  {
    g_autoptr(OdanEvent) late = new_event (ODAN_EVENT_OBSERVATION, "note", 99, "after closing");

    g_assert_false (odan_store_append_event (store, late, &error));
    g_assert_error (error, ODAN_STORE_ERROR, ODAN_STORE_ERROR_IO);
    g_assert_cmpint (late->id, ==, 0);
    g_clear_error (&error);
  }
  g_clear_object (&store);

  store = odan_sqlite_store_open (f->path, ODAN_SQLITE_STORE_OPEN_DEFAULT, &error);
  g_assert_no_error (error);
  read = read_all (store, 0);
  g_assert_cmpuint (read->len, ==, written->len);
  for (guint i = 0; i < read->len; i++)
    assert_same_event (g_ptr_array_index (read, i), g_ptr_array_index (written, i));
  {
    g_autoptr(OdanEvent) more = new_event (ODAN_EVENT_OBSERVATION, "note", 100, "more");

    g_assert_true (odan_store_append_event (store, more, &error));
    g_assert_cmpint (more->id, ==, (gint64) written->len + 1);
  }
}

/* Text that would break SQL built by pasting stays text. */
static void raw_exec (const char *path, const char *sql);

static void
test_bound_parameters (Fixture      *f,
                       gconstpointer data)
{
  g_autoptr(OdanStore) store = new_store (f->path);
  g_autoptr(GError) error = NULL;
  g_autoptr(OdanEvent) event = new_event (ODAN_EVENT_DECISION, "other", 1, "'); DROP TABLE events; --");
  g_autoptr(OdanEvent) second = new_event (ODAN_EVENT_OBSERVATION, "note", 2, "%s %n \"\" ''");
  g_autoptr(GPtrArray) read = NULL;
  g_autoptr(OdanStore) again = NULL;

  g_free (event->subject);
  event->subject = g_strdup ("INJ' OR '1'='1");
  g_assert_true (odan_store_append_event (store, event, &error));
  g_assert_true (odan_store_append_event (store, second, &error));
  g_assert_no_error (error);

  read = read_all (store, 0);
  g_assert_cmpuint (read->len, ==, 2);
  assert_same_event (g_ptr_array_index (read, 0), event);
  assert_same_event (g_ptr_array_index (read, 1), second);
  g_clear_object (&store);

  /* an action the log does not know (here a category on a note) is damage */
  raw_exec (f->path, "UPDATE events SET action = 'other' WHERE id = 2");
  again = odan_sqlite_store_open (f->path, ODAN_SQLITE_STORE_OPEN_READ_ONLY, &error);
  g_assert_no_error (error);
  g_clear_pointer (&read, g_ptr_array_unref);
  read = g_ptr_array_new_with_free_func ((GDestroyNotify) odan_event_free);
  g_assert_false (odan_store_read_events (again, 0, collect, read, &error));
  g_assert_error (error, ODAN_STORE_ERROR, ODAN_STORE_ERROR_DAMAGED);
  g_assert_nonnull (strstr (error->message, "action “other”"));
}

/* One writer; a second opener reads, and cannot write. */
static void
test_lock (Fixture      *f,
           gconstpointer data)
{
  g_autoptr(OdanStore) writer = new_store (f->path);
  g_autoptr(OdanStore) reader = NULL;
  g_autoptr(OdanStore) third = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(OdanEvent) first = new_event (ODAN_EVENT_OBSERVATION, "note", 1, "first");
  g_autoptr(OdanEvent) refused = new_event (ODAN_EVENT_OBSERVATION, "note", 2, "refused");
  g_autoptr(OdanEvent) later = new_event (ODAN_EVENT_OBSERVATION, "note", 3, "later");
  g_autoptr(GPtrArray) read = NULL;
  g_autofree char *holder = NULL;

  g_assert_true (odan_store_append_event (writer, first, &error));

  reader = odan_sqlite_store_open (f->path, ODAN_SQLITE_STORE_OPEN_DEFAULT, &error);
  g_assert_no_error (error);
  g_assert_cmpint (odan_store_get_access (reader), ==, ODAN_STORE_ACCESS_LOCKED);
  g_assert_true (odan_store_is_read_only (reader));
  holder = odan_sqlite_store_get_lock_holder (ODAN_SQLITE_STORE (reader));
  g_assert_nonnull (holder);
  g_assert_nonnull (strstr (holder, "pid"));

  read = read_all (reader, 0);
  g_assert_cmpuint (read->len, ==, 1);
  g_clear_pointer (&read, g_ptr_array_unref);

  /* a write through the read-only handle is refused and changes nothing */
  g_assert_false (odan_store_append_event (reader, refused, &error));
  g_assert_error (error, ODAN_STORE_ERROR, ODAN_STORE_ERROR_READ_ONLY);
  g_assert_nonnull (strstr (error->message, "another Odan process"));
  g_assert_cmpint (refused->id, ==, 0);
  g_clear_error (&error);

  /* asking for write access fails clearly */
  third = odan_sqlite_store_open (f->path, ODAN_SQLITE_STORE_OPEN_REQUIRE_WRITE, &error);
  g_assert_null (third);
  g_assert_error (error, ODAN_STORE_ERROR, ODAN_STORE_ERROR_LOCKED);
  g_assert_nonnull (strstr (error->message, f->path));
  g_assert_nonnull (strstr (error->message, "in use by another Odan process"));
  g_clear_error (&error);

  /* the reader sees what the writer commits meanwhile */
  g_assert_true (odan_store_append_event (writer, later, &error));
  read = read_all (reader, first->id);
  g_assert_cmpuint (read->len, ==, 1);
  assert_same_event (g_ptr_array_index (read, 0), later);
  g_clear_pointer (&read, g_ptr_array_unref);

  /* once the writer has gone, the next opener writes */
  g_clear_object (&writer);
  third = odan_sqlite_store_open (f->path, ODAN_SQLITE_STORE_OPEN_REQUIRE_WRITE, &error);
  g_assert_no_error (error);
  g_assert_cmpint (odan_store_get_access (third), ==, ODAN_STORE_ACCESS_READ_WRITE);
  g_clear_object (&third);

  /* asked read-only, read-only it stays */
  third = odan_sqlite_store_open (f->path, ODAN_SQLITE_STORE_OPEN_READ_ONLY, &error);
  g_assert_no_error (error);
  g_assert_cmpint (odan_store_get_access (third), ==, ODAN_STORE_ACCESS_READ_ONLY);
}

/* ------------------------------------------------------------------ */
/* Files Odan must refuse */

static void
raw_exec (const char *path,
          const char *sql)
{
  sqlite3 *db = NULL;

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, sql, NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);
}

static gint64
raw_int (const char *path,
         const char *sql)
{
  sqlite3 *db = NULL;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  gint64 value;

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  value = sqlite3_column_int64 (stmt, 0);
  g_clear_pointer (&stmt, sqlite3_finalize);
  sqlite3_close (db);
  return value;
}

/* A file with enough events to fill a few pages, closed (checkpointed). */
static void
write_long_exercise (const char *path)
{
  g_autoptr(OdanStore) store = new_store (path);
  g_autofree char *filler = g_strnfill (300, 'x');

  for (guint i = 0; i < 200; i++)
    {
      g_autoptr(OdanEvent) event = new_event (ODAN_EVENT_OBSERVATION, "note", i, filler);

      g_assert_true (odan_store_append_event (store, event, NULL));
    }
}

static void
overwrite (const char *path,
           gsize       offset,
           gsize       len)
{
  g_autofree char *contents = NULL;
  gsize size;

  g_assert_true (g_file_get_contents (path, &contents, &size, NULL));
  g_assert_cmpuint (offset + len, <=, size);
  memset (contents + offset, 0xA5, len);
  g_assert_true (g_file_set_contents (path, contents, (gssize) size, NULL));
}

static void
make_garbage (const char *path)
{
  g_assert_true (g_file_set_contents (path, "id,name\nthis is a CSV file, not an exercise\n", -1, NULL));
}

static void
make_foreign (const char *path)
{
  raw_exec (path, "CREATE TABLE notes (text TEXT); INSERT INTO notes VALUES ('hello');");
}

static void
make_corrupt_page (const char *path)
{
  gint64 page_size = raw_int (path, "PRAGMA page_size");
  gint64 pages = raw_int (path, "PRAGMA page_count");

  /* the last pages hold the events' b-tree */
  overwrite (path, (gsize) ((pages - 2) * page_size), (gsize) (2 * page_size));
}

static void
make_truncated (const char *path)
{
  g_autofree char *contents = NULL;
  gsize size;

  g_assert_true (g_file_get_contents (path, &contents, &size, NULL));
  g_assert_true (g_file_set_contents (path, contents, (gssize) (size / 2), NULL));
}

static void
make_too_new (const char *path)
{
  raw_exec (path, "PRAGMA user_version = 99");
}

static void
make_foreign_with_version (const char *path)
{
  raw_exec (path, "PRAGMA application_id = 12345");
}

typedef struct {
  const char     *name;
  gboolean        from_exercise;   /* start from a real exercise file */
  void          (*make) (const char *path);
  OdanStoreError  code;
  const char     *words;           /* in the message */
} BadFile;

static const BadFile bad_files[] = {
  { "garbage", FALSE, make_garbage, ODAN_STORE_ERROR_NOT_EXERCISE, "not an Odan exercise file" },
  { "foreign", FALSE, make_foreign, ODAN_STORE_ERROR_NOT_EXERCISE, "another program" },
  { "foreign-id", TRUE, make_foreign_with_version, ODAN_STORE_ERROR_NOT_EXERCISE, "not an Odan exercise file" },
  { "corrupt-page", TRUE, make_corrupt_page, ODAN_STORE_ERROR_DAMAGED, "damaged" },
  { "truncated", TRUE, make_truncated, ODAN_STORE_ERROR_DAMAGED, "damaged" },
  { "too-new", TRUE, make_too_new, ODAN_STORE_ERROR_TOO_NEW, "newer version of Odan" },
};

static void
test_bad_file (Fixture      *f,
               gconstpointer data)
{
  const BadFile *bad = data;
  static const OdanSqliteStoreFlags modes[] = {
    ODAN_SQLITE_STORE_OPEN_DEFAULT, ODAN_SQLITE_STORE_OPEN_READ_ONLY,
  };
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  gsize before_len, after_len;

  if (bad->from_exercise)
    write_long_exercise (f->path);
  bad->make (f->path);
  g_assert_true (g_file_get_contents (f->path, &before, &before_len, NULL));

  for (guint m = 0; m < G_N_ELEMENTS (modes); m++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(OdanStore) store = odan_sqlite_store_open (f->path, modes[m], &error);

      g_assert_null (store);
      g_assert_error (error, ODAN_STORE_ERROR, (gint) bad->code);
      g_assert_nonnull (strstr (error->message, f->path));
      if (strstr (error->message, bad->words) == NULL)
        g_error ("“%s” does not say “%s”", error->message, bad->words);
    }

  /* refusing a file never writes to it */
  g_assert_true (g_file_get_contents (f->path, &after, &after_len, NULL));
  g_assert_cmpmem (before, before_len, after, after_len);
}

/* A file whose creation stopped before the pack was stored. */
static void
test_empty_file (Fixture      *f,
                 gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(OdanStore) store = NULL;
  g_autoptr(GHashTable) pack = NULL;

  g_assert_true (g_file_set_contents (f->path, "", 0, NULL));
  store = odan_sqlite_store_open (f->path, ODAN_SQLITE_STORE_OPEN_READ_ONLY, &error);
  g_assert_no_error (error);
  g_assert_true (odan_store_is_empty (store));
  pack = odan_store_read_pack (store, &error);
  g_assert_null (pack);
  g_assert_error (error, ODAN_STORE_ERROR, ODAN_STORE_ERROR_EMPTY);
  g_assert_nonnull (strstr (error->message, "no exercise yet"));
  g_clear_error (&error);
  g_clear_object (&store);

  /* a missing file is an error unless it may be created */
  g_unlink (f->path);
  store = odan_sqlite_store_open (f->path, ODAN_SQLITE_STORE_OPEN_DEFAULT, &error);
  g_assert_null (store);
  g_assert_error (error, ODAN_STORE_ERROR, ODAN_STORE_ERROR_IO);
  g_assert_nonnull (strstr (error->message, "no such exercise file"));
  g_assert_false (g_file_test (f->path, G_FILE_TEST_EXISTS));
}

/* ------------------------------------------------------------------ */
/* The upgrade of a version-1 file */

/* A version-1 payload: action, team, subject and ref lived in it. */
static void
insert_v1 (sqlite3    *db,
           const char *kind,
           double      minute,
           const char *actor,
           const char *summary,
           const char *action,
           const char *team,
           const char *subject,
           gint64      ref,
           GVariantBuilder *more)
{
  g_autoptr(GVariant) payload = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  GVariantBuilder builder;

  g_variant_builder_init (&builder, G_VARIANT_TYPE_VARDICT);
  g_variant_builder_add (&builder, "{sv}", "action", g_variant_new_string (action));
  if (team != NULL)
    g_variant_builder_add (&builder, "{sv}", "team", g_variant_new_string (team));
  if (subject != NULL)
    g_variant_builder_add (&builder, "{sv}", "subject", g_variant_new_string (subject));
  if (ref > 0)
    g_variant_builder_add (&builder, "{sv}", "ref", g_variant_new_int64 (ref));
  if (more != NULL)
    {
      g_autoptr(GVariant) extra = g_variant_ref_sink (g_variant_builder_end (more));
      GVariantIter iter;
      const char *key;
      GVariant *value;

      g_variant_iter_init (&iter, extra);
      while (g_variant_iter_next (&iter, "{&sv}", &key, &value))
        {
          g_variant_builder_add (&builder, "{sv}", key, value);
          g_variant_unref (value);
        }
    }
  payload = g_variant_ref_sink (g_variant_builder_end (&builder));
  bytes = odan_event_details_to_bytes (payload);

  g_assert_cmpint (sqlite3_prepare_v2 (db, "INSERT INTO events (kind, minute, wall, actor, summary, payload) "
                                           "VALUES (?1, ?2, ?3, ?4, ?5, ?6)", -1, &stmt, NULL), ==, SQLITE_OK);
  sqlite3_bind_text (stmt, 1, kind, -1, SQLITE_STATIC);
  sqlite3_bind_double (stmt, 2, minute);
  sqlite3_bind_text (stmt, 3, "2015-12-08T09:00:00.000+09:00", -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 4, actor, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 5, summary, -1, SQLITE_STATIC);
  sqlite3_bind_blob (stmt, 6, g_bytes_get_data (bytes, NULL), (int) g_bytes_get_size (bytes), SQLITE_STATIC);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_DONE);
}

/* Writes the file the first Odan wrote: schema 1 (its DDL copied here, as
 * that Odan had it), the example pack, and an exercise in five events. */
static void
write_version_1 (const char *path)
{
  g_autoptr(GHashTable) files = example_files ();
  sqlite3 *db = NULL;
  GHashTableIter iter;
  gpointer key, value;
  GVariantBuilder clock, delivery, decision;
  g_autofree char *application_id = g_strdup_printf ("PRAGMA application_id = %d;",
                                                     ODAN_SQLITE_STORE_APPLICATION_ID);

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, application_id, NULL, NULL, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db,
                                 "PRAGMA user_version = 1;"
                                 "CREATE TABLE meta (key TEXT PRIMARY KEY NOT NULL, value TEXT NOT NULL);"
                                 "CREATE TABLE pack_files (name TEXT PRIMARY KEY NOT NULL, content BLOB NOT NULL);"
                                 "CREATE TABLE events ("
                                 "  id INTEGER PRIMARY KEY,"
                                 "  kind TEXT NOT NULL,"
                                 "  minute REAL NOT NULL,"
                                 "  wall TEXT NOT NULL,"
                                 "  actor TEXT NOT NULL,"
                                 "  summary TEXT NOT NULL,"
                                 "  payload BLOB NOT NULL);"
                                 "INSERT INTO meta VALUES ('created', '2015-12-01T10:00:00.000+09:00');",
                                 NULL, NULL, NULL), ==, SQLITE_OK);

  g_hash_table_iter_init (&iter, files);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      g_autoptr(sqlite3_stmt) stmt = NULL;

      g_assert_cmpint (sqlite3_prepare_v2 (db, "INSERT INTO pack_files VALUES (?1, ?2)", -1, &stmt, NULL), ==, SQLITE_OK);
      sqlite3_bind_text (stmt, 1, key, -1, SQLITE_STATIC);
      sqlite3_bind_blob (stmt, 2, g_bytes_get_data (value, NULL), (int) g_bytes_get_size (value), SQLITE_STATIC);
      g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_DONE);
    }

  g_variant_builder_init (&clock, G_VARIANT_TYPE_VARDICT);
  g_variant_builder_add (&clock, "{sv}", "mode", g_variant_new_string ("step"));
  g_variant_builder_add (&clock, "{sv}", "speed", g_variant_new_double (1));
  g_variant_builder_add (&clock, "{sv}", "running", g_variant_new_boolean (TRUE));
  insert_v1 (db, "clock", 0, "facilitator", "", "start", NULL, NULL, 0, &clock);

  g_variant_builder_init (&delivery, G_VARIANT_TYPE_VARDICT);
  g_variant_builder_add (&delivery, "{sv}", "due", g_variant_new_double (0));
  g_variant_builder_add (&delivery, "{sv}", "title", g_variant_new_string ("Wide-area blackout in the Kanto area"));
  insert_v1 (db, "delivery", 0, "system", "Wide-area blackout in the Kanto area", "scheduled",
             NULL, "INJ-01", 0, &delivery);

  g_variant_builder_init (&decision, G_VARIANT_TYPE_VARDICT);
  g_variant_builder_add (&decision, "{sv}", "mitigation-status", g_variant_new_string ("accepted"));
  insert_v1 (db, "decision", 60, "power", "Send a power vehicle", "business-continuity",
             "power", "M-01", 0, &decision);
  insert_v1 (db, "mitigation", 240, "system", "Send a power vehicle to the disaster base hospital",
             "applied", "power", "M-01", 3, NULL);
  insert_v1 (db, "observation", 250, "evaluator", "Quick and clear", "note", "power", NULL, 3, NULL);
  sqlite3_close (db);
}

static void
test_migration_v1 (Fixture      *f,
                   gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(OdanStore) store = NULL;
  g_autoptr(GPtrArray) events = NULL;
  g_autoptr(OdanExercise) exercise = NULL;
  const OdanEvent *e;

  write_version_1 (f->path);

  /* read-only: upgraded in memory, the file stays as it was */
  store = odan_sqlite_store_open (f->path, ODAN_SQLITE_STORE_OPEN_READ_ONLY, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (odan_store_get_schema_version (store), ==, ODAN_SQLITE_STORE_SCHEMA_VERSION);
  events = read_all (store, 0);
  g_assert_cmpuint (events->len, ==, 5);
  g_clear_pointer (&events, g_ptr_array_unref);
  g_clear_object (&store);
  g_assert_cmpint (raw_int (f->path, "PRAGMA user_version"), ==, 1);

  /* for writing: upgraded in place */
  store = odan_sqlite_store_open (f->path, ODAN_SQLITE_STORE_OPEN_DEFAULT, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (odan_store_get_schema_version (store), ==, ODAN_SQLITE_STORE_SCHEMA_VERSION);
  events = read_all (store, 0);
  g_assert_cmpuint (events->len, ==, 5);

  e = g_ptr_array_index (events, 1);
  g_assert_cmpint (e->kind, ==, ODAN_EVENT_DELIVERY);
  g_assert_cmpint (e->action, ==, ODAN_ACTION_SCHEDULED);
  g_assert_cmpstr (e->subject, ==, "INJ-01");
  g_assert_null (e->team);
  g_assert_cmpstr (odan_event_get_string (e, "title"), ==, "Wide-area blackout in the Kanto area");
  /* lifted out of the payload, not copied */
  g_assert_null (odan_event_get_string (e, "action"));
  g_assert_null (odan_event_get_string (e, "subject"));

  e = g_ptr_array_index (events, 3);
  g_assert_cmpint (e->kind, ==, ODAN_EVENT_MITIGATION);
  g_assert_cmpstr (e->team, ==, "power");
  g_assert_cmpint (e->ref, ==, 3);
  g_assert_false (g_variant_lookup (e->details, "ref", "x", NULL));
  g_clear_object (&store);

  g_assert_cmpint (raw_int (f->path, "PRAGMA user_version"), ==, ODAN_SQLITE_STORE_SCHEMA_VERSION);
  g_assert_cmpint (raw_int (f->path, "SELECT count(*) FROM sqlite_schema WHERE name = 'events_kind'"), ==, 1);

  /* and the exercise in it plays on */
  exercise = odan_exercise_open (f->path, NULL, ODAN_EXERCISE_OPEN_WRITE, &error);
  g_assert_no_error (error);
  g_assert_true (odan_exercise_has_started (exercise));
  g_assert_true (odan_exercise_was_interrupted (exercise));
  g_assert_cmpuint (odan_exercise_get_decisions (exercise)->len, ==, 1);
  g_assert_cmpfloat (odan_exercise_get_minute (exercise), ==, 250);
  /* the first Odan's log left INJ-02 … INJ-04 undelivered: they go out
   * late, at the exercise's time, before the clock resumes */
  g_assert_cmpint (odan_exercise_resume (exercise, FALSE, &error), ==, 9);
  g_assert_no_error (error);
  e = odan_exercise_get_event (exercise, 5);
  g_assert_cmpstr (e->subject, ==, "INJ-02");
  g_assert_cmpint (e->action, ==, ODAN_ACTION_DELAYED);
  g_assert_cmpfloat (e->minute, ==, 250);
  g_assert_cmpfloat (odan_event_get_double (e, "due", 0), ==, 30);
}

static void
test_details_bytes (void)
{
  g_auto(GVariantBuilder) builder = G_VARIANT_BUILDER_INIT (G_VARIANT_TYPE_VARDICT);
  g_autoptr(GVariant) details = NULL;
  g_autoptr(GVariant) back = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GBytes) empty = g_bytes_new (NULL, 0);
  g_autoptr(GVariant) none = NULL;
  static const guint8 little_endian_double[] = { 0, 0, 0, 0, 0, 0, 0xf8, 0x3f };  /* 1.5 */

  g_variant_builder_add (&builder, "{sv}", "due", g_variant_new_double (1.5));
  details = g_variant_ref_sink (g_variant_builder_end (&builder));
  bytes = odan_event_details_to_bytes (details);
  /* the stored form is little-endian on every machine */
  {
    const guint8 *data = g_bytes_get_data (bytes, NULL);
    gboolean found = FALSE;

    for (gsize i = 0; i + sizeof little_endian_double <= g_bytes_get_size (bytes); i++)
      found |= memcmp (data + i, little_endian_double, sizeof little_endian_double) == 0;
    g_assert_true (found);
  }
  back = odan_event_details_from_bytes (bytes);
  g_assert_true (g_variant_equal (details, back));

  none = odan_event_details_from_bytes (empty);
  g_assert_nonnull (none);
  g_assert_cmpuint (g_variant_n_children (none), ==, 0);
}

/* Every action's word reads back as the same action of its kind, and of no
 * other kind; a decision's word is its category. */
static void
test_event_actions (void)
{
  GEnumClass *klass = g_type_class_ref (ODAN_TYPE_EVENT_ACTION);
  GEnumClass *kinds = g_type_class_ref (ODAN_TYPE_EVENT_KIND);
  static const char *const stored[] = {
    "start", "pause", "resume", "speed", "jump", "step", "end",
    "scheduled", "delayed", "early", "adhoc", "skipped", "forwarded",
    "delay", "advance", "applied", "note", "improvement", "received", "read",
  };

  /* the words files and PostgreSQL logs hold today */
  for (guint i = 0; i < G_N_ELEMENTS (stored); i++)
    {
      OdanEventAction action;
      gboolean found = FALSE;

      for (guint k = 0; k < ODAN_EVENT_N_KINDS; k++)
        if (odan_event_action_from_string ((OdanEventKind) k, stored[i], &action, NULL))
          {
            g_autoptr(OdanEvent) event = NULL;

            g_assert_false (found);   /* one kind only */
            found = TRUE;
            g_assert_cmpint (odan_event_action_get_kind (action), ==, k);
            event = odan_event_new (action, 0, NULL);
            g_assert_cmpint (event->kind, ==, k);
            g_assert_cmpint (event->action, ==, action);
            g_assert_cmpstr (odan_event_action_to_string (event), ==, stored[i]);
          }
      g_assert_true (found);
    }
  /* and every value of the enum is one of them, or the decision's */
  g_assert_cmpuint (klass->n_values, ==, G_N_ELEMENTS (stored) + 1);
  for (guint i = 0; i < klass->n_values; i++)
    {
      OdanEventAction action = klass->values[i].value;
      OdanEventKind kind = odan_event_action_get_kind (action);
      OdanEventAction back;

      if (action == ODAN_ACTION_DECIDED)
        {
          g_assert_cmpint (kind, ==, ODAN_EVENT_DECISION);
          g_assert_false (odan_event_action_from_string (kind, "decided", NULL, NULL));
          continue;
        }
      g_assert_true (odan_event_action_from_string (kind, klass->values[i].value_nick, &back, NULL));
      g_assert_cmpint (back, ==, action);
    }
  for (guint c = ODAN_CATEGORY_BUSINESS_CONTINUITY; c <= ODAN_CATEGORY_OTHER; c++)
    {
      const char *word = odan_category_to_string ((OdanCategory) c);
      g_autoptr(OdanEvent) event = odan_event_new_from_words ("decision", word, 0, NULL);
      OdanEventAction action;
      OdanCategory category = ODAN_CATEGORY_OTHER;

      g_assert_true (odan_event_action_from_string (ODAN_EVENT_DECISION, word, &action, &category));
      g_assert_cmpint (action, ==, ODAN_ACTION_DECIDED);
      g_assert_cmpint (category, ==, c);
      g_assert_cmpint (event->action, ==, ODAN_ACTION_DECIDED);
      g_assert_cmpint (event->category, ==, c);
      g_assert_cmpstr (odan_event_action_to_string (event), ==, word);
      /* a category is no other kind's action */
      g_assert_false (odan_event_action_from_string (ODAN_EVENT_DELIVERY, word, NULL, NULL));
    }
  g_assert_false (odan_event_action_from_string (ODAN_EVENT_DELIVERY, "start", NULL, NULL));
  g_assert_false (odan_event_action_from_string (ODAN_EVENT_CLOCK, "bogus", NULL, NULL));
  g_assert_false (odan_event_action_from_string (ODAN_EVENT_ACK, "", NULL, NULL));

  /* kinds: the words of the kind column */
  g_assert_cmpuint (kinds->n_values, ==, ODAN_EVENT_N_KINDS);
  for (guint k = 0; k < ODAN_EVENT_N_KINDS; k++)
    {
      static const char *const words[] = {
        "clock", "delivery", "reschedule", "decision", "mitigation", "observation", "ack",
      };
      OdanEventKind back;

      g_assert_cmpstr (odan_event_kind_to_string ((OdanEventKind) k), ==, words[k]);
      g_assert_true (odan_event_kind_from_string (words[k], &back));
      g_assert_cmpint (back, ==, k);
    }
  g_assert_false (odan_event_kind_from_string ("verdict", NULL));
  g_type_class_unref (klass);
  g_type_class_unref (kinds);
}

static OdanEvent *
event_with (OdanEventKind  kind,
            const char    *action,
            const char    *text)
{
  return odan_event_new_from_words (odan_event_kind_to_string (kind), action, 0,
                                    g_variant_parse (G_VARIANT_TYPE_VARDICT, text, NULL, NULL, NULL));
}

/* Each named accessor reads its own key with its type; absent keys give
 * NULL, FALSE or the fallback. */
static void
test_event_accessors (void)
{
  g_autoptr(OdanEvent) delivery = event_with (ODAN_EVENT_DELIVERY, "forwarded",
    "{'title': <'Blackout'>, 'title-ja': <'停電'>, 'from': <'電力'>, 'channel': <'phone'>,"
    " 'body': <'The grid is down.'>, 'to-all': <false>, 'to': <['medical', 'water']>,"
    " 'effect': <'set grid 0'>, 'due': <12.5>, 'reason': <'no need'>, 'via': <'power'>,"
    " 'original-from': <'METI'>, 'origin': <int64 7>}");
  g_autoptr(OdanEvent) decision = event_with (ODAN_EVENT_DECISION, "ministry-report",
    "{'injects': <['BLACKOUT']>, 'ministry': <'経済産業省'>, 'stage': <'follow-up'>,"
    " 'audience': <'press'>, 'recipients': <['nisc']>, 'bcp': <true>,"
    " 'forward-to': <['water']>, 'mitigation-status': <'refused'>, 'applies': <90.0>,"
    " 'source': <'decisions.csv:2'>, 'by': <'Sato'>}");
  g_autoptr(OdanEvent) reschedule = event_with (ODAN_EVENT_RESCHEDULE, "delay",
    "{'due': <30.0>, 'previous': <20.0>}");
  g_autoptr(OdanEvent) clock = event_with (ODAN_EVENT_CLOCK, "jump",
    "{'mode': <'realtime'>, 'speed': <4.0>, 'running': <true>, 'keep-schedule': <true>, 'from': <15.0>}");
  g_autoptr(OdanEvent) note = event_with (ODAN_EVENT_OBSERVATION, "improvement",
    "{'objective': <'O1'>, 'capability': <'C1'>, 'rating': <'P'>, 'finding': <'strength'>,"
    " 'issue': <'I'>, 'element': <'E'>, 'organization': <'Org'>, 'poc': <'Tanaka'>,"
    " 'start': <'2016-01'>, 'completion': <'2016-03'>, 'status': <'open'>, 'revises': <int64 9>}");
  g_autoptr(OdanEvent) empty = odan_event_new (ODAN_ACTION_SKIPPED, 0, NULL);
  g_autoptr(OdanEvent) step = odan_event_new (ODAN_ACTION_STEP, 0, NULL);
  g_auto(GStrv) to = odan_event_dup_to (delivery);
  g_auto(GStrv) injects = odan_event_dup_injects (decision);
  g_auto(GStrv) recipients = odan_event_dup_recipients (decision);
  g_auto(GStrv) forward_to = odan_event_dup_forward_to (decision);

  g_assert_cmpstr (odan_event_get_title (delivery), ==, "Blackout");
  g_assert_cmpstr (odan_event_get_title_ja (delivery), ==, "停電");
  g_assert_cmpstr (odan_event_get_from (delivery), ==, "電力");
  g_assert_cmpstr (odan_event_get_channel (delivery), ==, "phone");
  g_assert_cmpstr (odan_event_get_body (delivery), ==, "The grid is down.");
  g_assert_false (odan_event_is_to_all (delivery));
  g_assert_cmpuint (g_strv_length (to), ==, 2);
  g_assert_cmpstr (to[1], ==, "water");
  g_assert_cmpstr (odan_event_get_effect (delivery), ==, "set grid 0");
  g_assert_cmpfloat (odan_event_get_due (delivery, -1), ==, 12.5);
  g_assert_cmpstr (odan_event_get_reason (delivery), ==, "no need");
  g_assert_cmpstr (odan_event_get_via (delivery), ==, "power");
  g_assert_cmpstr (odan_event_get_original_from (delivery), ==, "METI");
  g_assert_cmpint (odan_event_get_origin (delivery), ==, 7);
  g_assert_true (odan_event_reaches_teams (delivery));

  g_assert_cmpstr (injects[0], ==, "BLACKOUT");
  g_assert_cmpstr (odan_event_get_ministry (decision), ==, "経済産業省");
  g_assert_cmpint (odan_event_get_stage (decision), ==, ODAN_REPORT_STAGE_FOLLOW_UP);
  g_assert_cmpstr (odan_event_get_audience (decision), ==, "press");
  g_assert_cmpstr (recipients[0], ==, "nisc");
  g_assert_true (odan_event_is_bcp (decision));
  g_assert_cmpstr (forward_to[0], ==, "water");
  g_assert_cmpstr (odan_event_get_mitigation_status (decision), ==, "refused");
  g_assert_cmpfloat (odan_event_get_applies (decision, -1), ==, 90);
  g_assert_cmpstr (odan_event_get_source (decision), ==, "decisions.csv:2");
  g_assert_cmpstr (odan_event_get_by (decision), ==, "Sato");
  g_assert_false (odan_event_reaches_teams (decision));

  g_assert_cmpfloat (odan_event_get_due (reschedule, -1), ==, 30);
  g_assert_cmpfloat (odan_event_get_previous (reschedule, -1), ==, 20);

  g_assert_cmpstr (odan_event_get_mode (clock), ==, "realtime");
  g_assert_cmpfloat (odan_event_get_speed (clock), ==, 4);
  g_assert_true (odan_event_is_running (clock));
  g_assert_true (odan_event_keeps_schedule (clock));
  g_assert_cmpfloat (odan_event_get_jumped_from (clock, -1), ==, 15);

  g_assert_cmpstr (odan_event_get_objective (note), ==, "O1");
  g_assert_cmpstr (odan_event_get_capability (note), ==, "C1");
  g_assert_cmpstr (odan_event_get_rating (note), ==, "P");
  g_assert_cmpstr (odan_event_get_finding (note), ==, "strength");
  g_assert_cmpstr (odan_event_get_issue (note), ==, "I");
  g_assert_cmpstr (odan_event_get_element (note), ==, "E");
  g_assert_cmpstr (odan_event_get_organization (note), ==, "Org");
  g_assert_cmpstr (odan_event_get_poc (note), ==, "Tanaka");
  g_assert_cmpstr (odan_event_get_start (note), ==, "2016-01");
  g_assert_cmpstr (odan_event_get_completion (note), ==, "2016-03");
  g_assert_cmpstr (odan_event_get_status (note), ==, "open");
  g_assert_cmpint (odan_event_get_revises (note), ==, 9);

  /* absent keys */
  g_assert_null (odan_event_get_title (empty));
  g_assert_null (odan_event_dup_to (empty));
  g_assert_false (odan_event_is_to_all (empty));
  g_assert_false (odan_event_reaches_teams (empty));   /* a skip */
  g_assert_cmpfloat (odan_event_get_due (empty, -1), ==, -1);
  g_assert_cmpint (odan_event_get_origin (empty), ==, 0);
  g_assert_cmpint (odan_event_get_stage (empty), ==, ODAN_REPORT_STAGE_NONE);
  g_assert_null (odan_event_get_mode (step));
  g_assert_cmpfloat (odan_event_get_speed (step), ==, 1);
  g_assert_false (odan_event_is_running (step));
  g_assert_false (odan_event_keeps_schedule (step));
  g_assert_cmpfloat (odan_event_get_jumped_from (step, 3), ==, 3);
  g_assert_cmpint (odan_event_get_revises (step), ==, 0);
  /* a key with another type is absent */
  g_assert_null (odan_event_get_channel (reschedule));
  g_assert_cmpfloat (odan_event_get_due (decision, -2), ==, -2);
}

static void
test_wall_time (void)
{
  gint64 usec = G_GINT64_CONSTANT (1449532800123456);   /* 2015-12-08T00:00:00.123456Z */
  g_autofree char *text = odan_wall_time_format (usec);
  gint64 back = 0;

  /* ISO 8601 with an offset, to the millisecond */
  g_assert_true (g_regex_match_simple ("^2015-12-0[78]T\\d\\d:\\d\\d:00\\.123[+-]\\d\\d:\\d\\d$", text, 0, 0));
  g_assert_true (odan_wall_time_parse (text, &back));
  g_assert_cmpint (back, ==, usec - 456);
  g_assert_false (odan_wall_time_parse ("yesterday", &back));
}

/* Opening by location (odan_store_open_location(), odan_exercise_open()):
 * a file name opens the file, a connection string goes to the database
 * backend through the same call, and a location that is neither says so. */
static void
test_open_location (Fixture      *f,
                    gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(OdanStore) store = NULL;
  g_autoptr(OdanExercise) exercise = NULL;
  g_autofree char *pack = test_scenario_path ("example");
  g_autofree char *missing = g_build_filename (f->dir, "no-such-folder", "exercise.odan", NULL);
  g_autofree char *cwd = g_get_current_dir ();
  g_autofree char *stray = g_build_filename (cwd, "postgresql:", NULL);
  const char *uri = "postgresql://odan@127.0.0.1:1/odan?connect_timeout=2";
  OdanStore *none;

  g_assert_false (odan_store_location_is_database (f->path));
  g_assert_true (odan_store_location_is_database (uri));
  g_assert_true (odan_store_location_is_database ("postgres://host/db"));

  /* a file: created on demand, then an exercise like any other */
  store = odan_store_open_location (f->path, ODAN_STORE_OPEN_CREATE | ODAN_STORE_OPEN_REQUIRE_WRITE, &error);
  g_assert_no_error (error);
  g_assert_true (odan_store_is_empty (store));
  g_assert_cmpstr (odan_store_get_location (store), ==, f->path);
  g_assert_true (odan_store_close (store, &error));
  g_assert_no_error (error);
  exercise = odan_exercise_open (f->path, pack, ODAN_EXERCISE_OPEN_CREATE, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (odan_store_get_location (odan_exercise_get_store (exercise)), ==, f->path);
  g_assert_false (odan_exercise_is_read_only (exercise));

  /* the principal of a file: its opener owns it and plays no team */
  g_assert_cmpint (odan_store_get_role (odan_exercise_get_store (exercise)), ==, ODAN_STORE_ROLE_OWNER);
  g_assert_null (odan_store_get_team (odan_exercise_get_store (exercise)));
  g_assert_null (odan_exercise_get_team_client (exercise));

  /* a file has one writer, this process: nothing to follow */
  odan_exercise_follow (exercise);
  g_assert_false (odan_exercise_is_following (exercise));

  /* a connection string never becomes a file: the database backend answers
   * (nobody listens on port 1; an Odan without libpq says it has none) */
  none = odan_store_open_location (uri, ODAN_STORE_OPEN_CREATE, &error);
  g_assert_null (none);
  g_assert_nonnull (error);
  g_assert_true (g_error_matches (error, ODAN_STORE_ERROR, ODAN_STORE_ERROR_IO)
                 || g_error_matches (error, ODAN_STORE_ERROR, ODAN_STORE_ERROR_DENIED));
  g_assert_false (g_file_test (stray, G_FILE_TEST_EXISTS));
  g_clear_error (&error);
  none = (OdanStore *) odan_exercise_open (uri, pack, ODAN_EXERCISE_OPEN_CREATE, &error);
  g_assert_null (none);
  g_assert_true (g_error_matches (error, ODAN_STORE_ERROR, ODAN_STORE_ERROR_IO)
                 || g_error_matches (error, ODAN_STORE_ERROR, ODAN_STORE_ERROR_DENIED));
  g_assert_false (g_file_test (stray, G_FILE_TEST_EXISTS));
  g_clear_error (&error);

  /* a file in a folder that does not exist: an I/O error naming it */
  none = odan_store_open_location (missing, ODAN_STORE_OPEN_CREATE, &error);
  g_assert_null (none);
  g_assert_error (error, ODAN_STORE_ERROR, ODAN_STORE_ERROR_IO);
  g_assert_nonnull (strstr (error->message, missing));
  g_clear_error (&error);

  /* a file that is not there, without CREATE */
  none = (OdanStore *) odan_exercise_open (missing, NULL, ODAN_EXERCISE_OPEN_READ_ONLY, &error);
  g_assert_null (none);
  g_assert_error (error, ODAN_STORE_ERROR, ODAN_STORE_ERROR_IO);
  g_assert_nonnull (strstr (error->message, missing));
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/exercise/store/create-and-read", Fixture, NULL, fixture_setup, test_create_and_read, fixture_teardown);
  g_test_add ("/exercise/store/bound-parameters", Fixture, NULL, fixture_setup, test_bound_parameters, fixture_teardown);
  g_test_add ("/exercise/store/lock", Fixture, NULL, fixture_setup, test_lock, fixture_teardown);
  for (guint i = 0; i < G_N_ELEMENTS (bad_files); i++)
    {
      g_autofree char *path = g_strdup_printf ("/exercise/store/refused/%s", bad_files[i].name);

      g_test_add (path, Fixture, &bad_files[i], fixture_setup, test_bad_file, fixture_teardown);
    }
  g_test_add ("/exercise/store/empty-file", Fixture, NULL, fixture_setup, test_empty_file, fixture_teardown);
  g_test_add ("/exercise/store/migration-v1", Fixture, NULL, fixture_setup, test_migration_v1, fixture_teardown);
  g_test_add_func ("/exercise/store/details-bytes", test_details_bytes);
  g_test_add_func ("/exercise/store/wall-time", test_wall_time);
  g_test_add_func ("/exercise/store/event-actions", test_event_actions);
  g_test_add_func ("/exercise/store/event-accessors", test_event_accessors);
  g_test_add ("/exercise/store/open-location", Fixture, NULL, fixture_setup, test_open_location, fixture_teardown);

  return g_test_run ();
}

/* odan-cli-location.c — opening an exercise by file name or connection string
 *
 * Wherever a command takes FILE.odan it also takes a PostgreSQL connection
 * string (postgresql://…): the file goes through odan_exercise_open(), the
 * database through odan_store_open_location() and odan_exercise_new(), with
 * the same rules — CREATE starts an empty one from the pack folder, and a
 * pack folder named for an existing exercise must hold the same files.
 */
#define G_LOG_DOMAIN "odan-cli"

#include <glib/gi18n.h>
#include <string.h>

#include "odan-cli.h"

/* The files of a pack folder as odan_exercise_init_store() stores them. */
static GHashTable *
read_folder (const char  *dir,
             GError     **error)
{
  g_autoptr(GHashTable) files = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                                       (GDestroyNotify) g_bytes_unref);
  g_autoptr(GDir) folder = g_dir_open (dir, 0, error);
  const char *name;

  if (folder == NULL)
    return NULL;
  while ((name = g_dir_read_name (folder)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);
      char *contents = NULL;
      gsize len = 0;

      if (name[0] == '.' || g_str_has_suffix (name, "~") || !g_file_test (path, G_FILE_TEST_IS_REGULAR))
        continue;
      if (!g_file_get_contents (path, &contents, &len, error))
        return NULL;
      g_hash_table_insert (files, g_strdup (name), g_bytes_new_take (contents, len));
    }
  return g_steal_pointer (&files);
}

/* The first file that differs between @a and @b, or NULL. */
static const char *
first_difference (GHashTable *a,
                  GHashTable *b)
{
  GHashTableIter iter;
  gpointer key, value;

  g_hash_table_iter_init (&iter, a);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      GBytes *other = g_hash_table_lookup (b, key);

      if (other == NULL || !g_bytes_equal (value, other))
        return key;
    }
  g_hash_table_iter_init (&iter, b);
  while (g_hash_table_iter_next (&iter, &key, &value))
    if (!g_hash_table_contains (a, key))
      return key;
  return NULL;
}

OdanExercise *
odan_cli_open_exercise (const char             *location,
                        const char             *pack_dir,
                        OdanExerciseOpenFlags   flags,
                        GError                **error)
{
  OdanStoreOpenFlags store_flags = ODAN_STORE_OPEN_DEFAULT;
  g_autoptr(OdanStore) store = NULL;

  if (!odan_store_location_is_database (location))
    return odan_exercise_open (location, pack_dir, flags, error);

  if (flags & ODAN_EXERCISE_OPEN_READ_ONLY)
    store_flags |= ODAN_STORE_OPEN_READ_ONLY;
  if (flags & (ODAN_EXERCISE_OPEN_WRITE | ODAN_EXERCISE_OPEN_CREATE))
    store_flags |= ODAN_STORE_OPEN_REQUIRE_WRITE;
  store = odan_store_open_location (location, store_flags, error);
  if (store == NULL)
    return NULL;

  if (odan_store_is_empty (store))
    {
      if (!(flags & ODAN_EXERCISE_OPEN_CREATE))
        {
          g_set_error (error, ODAN_STORE_ERROR, ODAN_STORE_ERROR_EMPTY,
                       _("%s holds no exercise yet"), odan_store_get_location (store));
          return NULL;
        }
      if (!odan_exercise_init_store (store, pack_dir, error))
        return NULL;
    }
  else if (pack_dir != NULL)
    {
      g_autoptr(GHashTable) stored = odan_store_read_pack (store, error);
      g_autoptr(GHashTable) given = NULL;
      g_autoptr(GError) local_error = NULL;
      const char *differing;

      if (stored == NULL)
        return NULL;
      given = read_folder (pack_dir, &local_error);
      if (given == NULL)
        {
          g_set_error (error, ODAN_EXERCISE_ERROR, ODAN_EXERCISE_ERROR_PACK,
                       _("cannot read the pack %s: %s"), pack_dir, local_error->message);
          return NULL;
        }
      differing = first_difference (stored, given);
      if (differing != NULL)
        {
          g_set_error (error, ODAN_EXERCISE_ERROR, ODAN_EXERCISE_ERROR_PACK,
                       _("%s was started from another version of the pack: %s differs from the "
                         "copy in the exercise. Start a new exercise to play this pack."),
                       odan_store_get_location (store), differing);
          return NULL;
        }
    }
  return odan_exercise_new (store, error);
}

#ifdef ODAN_HAVE_LIBPQ
#include <stdio.h>
#include "odan-csv.h"
#include "odan-pg-store.h"
#include "odan-time.h"

typedef struct {
  gboolean  table;
  GString  *out;
} TeamLog;

static gboolean
print_team_event (OdanEvent *event,
                  gpointer   user_data,
                  GError   **error)
{
  g_autoptr(OdanEvent) owned = event;
  TeamLog *log = user_data;
  g_autofree char *time = odan_time_format_offset (event->minute);

  if (log->table)
    {
      /* a team has no model to describe clock events with: name the action */
      printf ("%-6" G_GINT64_FORMAT " %-12s %-12s %-14s %s\n", event->id, time,
              odan_event_kind_to_string (event->kind), event->actor,
              event->summary[0] != '\0' ? event->summary : event->action);
    }
  else
    {
      g_autofree char *id = g_strdup_printf ("%" G_GINT64_FORMAT, event->id);
      g_autofree char *ref = event->ref > 0 ? g_strdup_printf ("%" G_GINT64_FORMAT, event->ref) : g_strdup ("");
      g_autofree char *details = odan_cli_format_details (event->details);
      char minute[32];
      const char *fields[12];

      odan_minute_key_format (odan_minute_key (event->minute), minute);
      fields[0] = id;
      fields[1] = odan_event_kind_to_string (event->kind);
      fields[2] = event->action;
      fields[3] = minute;
      fields[4] = time;
      fields[5] = event->wall;
      fields[6] = event->actor;
      fields[7] = event->team != NULL ? event->team : "";
      fields[8] = event->subject != NULL ? event->subject : "";
      fields[9] = ref;
      fields[10] = event->summary;
      fields[11] = details;
      g_string_truncate (log->out, 0);
      odan_csv_write_row (log->out, fields, G_N_ELEMENTS (fields));
      fputs (log->out->str, stdout);
    }
  return TRUE;
}

gboolean
odan_cli_print_team_log (const char *location,
                         gboolean    table,
                         int        *status)
{
  static const char *const header[] = {
    "id", "kind", "action", "minute", "time", "wall", "actor", "team", "subject", "ref",
    "summary", "details",
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(OdanStore) store = odan_store_open_location (location, ODAN_STORE_OPEN_READ_ONLY, &error);
  g_autoptr(GString) out = g_string_new (NULL);
  TeamLog log = { table, out };

  if (store == NULL)
    {
      fprintf (stderr, "odan-cli: %s\n", error->message);
      *status = ODAN_CLI_PROBLEMS;
      return TRUE;
    }
  if (!ODAN_IS_PG_STORE (store) || odan_pg_store_sees_everything (ODAN_PG_STORE (store))
      || odan_store_is_empty (store))
    return FALSE;

  if (table)
    {
      g_autofree char *id = odan_cli_pad (_("Id"), 6);
      g_autofree char *time = odan_cli_pad (_("Time"), 12);
      g_autofree char *kind = odan_cli_pad (_("Kind"), 12);
      g_autofree char *who = odan_cli_pad (_("Who"), 14);

      printf ("%s %s %s %s %s\n", id, time, kind, who, _("What"));
    }
  else
    {
      odan_csv_write_row (out, header, G_N_ELEMENTS (header));
      fputs (out->str, stdout);
    }
  if (!odan_store_read_events (store, 0, print_team_event, &log, &error))
    {
      fprintf (stderr, "odan-cli: %s\n", error->message);
      *status = ODAN_CLI_PROBLEMS;
      return TRUE;
    }
  *status = ODAN_CLI_OK;
  return TRUE;
}
#else
gboolean
odan_cli_print_team_log (const char *location,
                         gboolean    table,
                         int        *status)
{
  /* without libpq odan_cli_open_exercise() says why a database cannot be read */
  return FALSE;
}
#endif

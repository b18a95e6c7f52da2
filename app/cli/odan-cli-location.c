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
      g_autoptr(GHashTable) stored = odan_exercise_read_pack (store, pack_dir, error);

      if (stored == NULL)
        return NULL;
    }
  return odan_exercise_new (store, error);
}

#ifdef ODAN_HAVE_LIBPQ
#include <stdio.h>
#include "odan-pg-store.h"

typedef struct {
  gboolean  table;
  GString  *scratch;
} TeamLog;

static gboolean
print_team_event (OdanEvent *event,
                  gpointer   user_data,
                  GError   **error)
{
  g_autoptr(OdanEvent) owned = event;
  TeamLog *log = user_data;
  /* a team has no model to describe clock events with: the table names the action */
  const char *what = log->table && event->summary[0] == '\0' ? odan_event_action_to_string (event) : event->summary;

  odan_cli_print_log_event (event, what, log->table, log->scratch);
  return TRUE;
}

gboolean
odan_cli_print_team_log (const char *location,
                         gboolean    table,
                         int        *status)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(OdanStore) store = odan_store_open_location (location, ODAN_STORE_OPEN_READ_ONLY, &error);
  g_autoptr(GString) scratch = g_string_new (NULL);
  TeamLog log = { table, scratch };

  if (store == NULL)
    {
      fprintf (stderr, "odan-cli: %s\n", error->message);
      *status = ODAN_CLI_PROBLEMS;
      return TRUE;
    }
  if (!ODAN_IS_PG_STORE (store) || odan_pg_store_sees_everything (ODAN_PG_STORE (store))
      || odan_store_is_empty (store))
    return FALSE;

  odan_cli_print_log_header (table, scratch);
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

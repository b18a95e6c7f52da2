/* odan-cli-location.c — `odan-cli log` for a team's own connection
 *
 * Wherever a command takes FILE.odan it also takes a PostgreSQL connection
 * string (postgresql://…): odan_exercise_open() opens either. A team's
 * connection cannot load the exercise (it may not read the MSEL), so `log`
 * prints what the team may read straight from the store.
 */
#define G_LOG_DOMAIN "odan-cli"

#include <glib/gi18n.h>
#include <stdio.h>

#include "odan-cli.h"

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
  g_autoptr(OdanStore) store = NULL;
  g_autoptr(GString) scratch = g_string_new (NULL);
  TeamLog log = { table, scratch };

  /* a file is the facilitator's: odan_exercise_open() reads it whole */
  if (!odan_store_location_is_database (location))
    return FALSE;
  store = odan_store_open_location (location, ODAN_STORE_OPEN_READ_ONLY, &error);
  if (store == NULL)
    {
      fprintf (stderr, "odan-cli: %s\n", error->message);
      *status = ODAN_CLI_PROBLEMS;
      return TRUE;
    }
  if (odan_store_get_role (store) != ODAN_STORE_ROLE_TEAM || odan_store_is_empty (store))
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

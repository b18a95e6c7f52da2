/* odan-cli.h — the headless tool's commands, one file each
 *
 * Every command takes argv from its own name on and returns the process exit
 * status: 0 success, 1 the input has problems, 2 bad usage.
 */
#pragma once

#include <glib.h>
#include "odan-pack.h"
#include "odan-sim.h"
#include "odan-decisions.h"
#include "odan-exercise.h"

G_BEGIN_DECLS

enum {
  ODAN_CLI_OK = 0,
  ODAN_CLI_PROBLEMS = 1,
  ODAN_CLI_USAGE = 2,
};

int  odan_cli_main     (int argc, char **argv);

int  odan_cli_validate (int argc, char **argv);
int  odan_cli_simulate (int argc, char **argv);
int  odan_cli_explain  (int argc, char **argv);
int  odan_cli_play     (int argc, char **argv);
int  odan_cli_log      (int argc, char **argv);
int  odan_cli_state    (int argc, char **argv);
int  odan_cli_import_msel (int argc, char **argv);
int  odan_cli_export   (int argc, char **argv);
int  odan_cli_preview  (int argc, char **argv);
int  odan_cli_inbox    (int argc, char **argv);
int  odan_cli_obligations (int argc, char **argv);
int  odan_cli_report   (int argc, char **argv);

/* Shared by the commands. */
OdanPack *odan_cli_load_pack      (const char *path, gboolean quiet_warnings);
GArray   *odan_cli_load_decisions (const char *path, const OdanPack *pack);
void      odan_cli_schedule       (OdanSim *sim, const OdanPack *pack, const GArray *decisions);
int       odan_cli_usage_error    (GOptionContext *context, const char *message);
gboolean  odan_cli_parse_until    (const char *text, const OdanPack *pack, double *out);
/* @text padded to @width terminal columns, wide (CJK) characters counting
 * two: table headers line up in Japanese too. */
char     *odan_cli_pad            (const char *text, int width);
/* An exercise by location: FILE.odan or a PostgreSQL connection string
 * (odan-cli-location.c); the flags as for odan_exercise_open(). */
OdanExercise *odan_cli_open_exercise (const char            *location,
                                      const char            *pack_dir,
                                      OdanExerciseOpenFlags  flags,
                                      GError               **error);
/* An event's details as `odan-cli log` prints them: "key=value; …". */
char     *odan_cli_format_details (GVariant *details);
/* `odan-cli log` for a team's database connection: the events the team may
 * see, without the model. FALSE (and nothing printed) when @location is a
 * connection that sees the whole exercise; *@status is the exit status. */
gboolean  odan_cli_print_team_log (const char *location,
                                   gboolean    table,
                                   int        *status);

G_END_DECLS

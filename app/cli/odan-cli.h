/* odan-cli.h — the headless tool's commands, one file each
 *
 * Every command takes argv from its own name on and returns the process exit
 * status: 0 success, 1 the input has problems, 2 bad usage.
 */
#pragma once

#include <glib.h>
#include "odan-pack.h"
#include "odan-sim.h"
#include "odan-uncertainty.h"
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
int  odan_cli_reach    (int argc, char **argv);
int  odan_cli_counterfactual (int argc, char **argv);
int  odan_cli_checkpoints (int argc, char **argv);
int  odan_cli_observe  (int argc, char **argv);
int  odan_cli_serve    (int argc, char **argv);
int  odan_cli_invite   (int argc, char **argv);
int  odan_cli_improve  (int argc, char **argv);

/* Shared by the commands. */
OdanPack *odan_cli_load_pack      (const char *path, gboolean quiet_warnings);
GArray   *odan_cli_load_decisions (const char *path, const OdanPack *pack);
/* @path, or the pack's uncertainty.csv (none: an empty table); NULL, the
 * problems printed, when it has errors. */
OdanUncertainty *odan_cli_load_uncertainty (const OdanPack *pack, const char *path);
/* The pack's checkpoints.csv, when it has one: FALSE, the problems printed,
 * when it has errors. */
gboolean  odan_cli_check_checkpoints (const OdanPack *pack);
void      odan_cli_schedule       (OdanSim *sim, const OdanPack *pack, const GArray *decisions);
int       odan_cli_usage_error    (GOptionContext *context, const char *message);
/* Adds @entries to @context and parses @argc/@argv, which must then hold
 * @n_args arguments after the command's name; otherwise prints the usage
 * with the parser's message or @args_message and returns FALSE (exit with
 * ODAN_CLI_USAGE). */
gboolean  odan_cli_parse_options  (GOptionContext     *context,
                                   const GOptionEntry *entries,
                                   int                 n_args,
                                   const char         *args_message,
                                   int                *argc,
                                   char             ***argv);

/* --format of the commands that print a table for people or CSV. */
typedef enum {
  ODAN_CLI_FORMAT_CSV,
  ODAN_CLI_FORMAT_TABLE,
} OdanCliFormat;

/* @text ("csv" or "table") in *@out, @fallback when @text is NULL; FALSE
 * for anything else. */
gboolean  odan_cli_parse_format   (const char    *text,
                                   OdanCliFormat  fallback,
                                   OdanCliFormat *out);
gboolean  odan_cli_parse_until    (const char *text, const OdanPack *pack, double *out);
/* @text padded to @width terminal columns, wide (CJK) characters counting
 * two: table headers line up in Japanese too. */
char     *odan_cli_pad            (const char *text, int width);
/* How many terminal columns @text takes (wide characters two). */
int       odan_cli_columns        (const char *text);
/* odan_exercise_open() read-only (FILE.odan or a PostgreSQL connection
 * string), for the commands that only print an exercise: NULL, the reason
 * printed, when it cannot be opened. */
OdanExercise *odan_cli_read_exercise (const char *location);
/* An event's details as `odan-cli log` prints them: "key=value; …". */
char     *odan_cli_format_details (GVariant *details);
/* `odan-cli log` for a team's database connection: the events the team may
 * see, without the model. FALSE (and nothing printed) when @location is a
 * connection that sees the whole exercise; *@status is the exit status. */
gboolean  odan_cli_print_team_log (const char *location,
                                   gboolean    table,
                                   int        *status);
/* `odan-cli log`'s first line: the table's column names or the CSV
 * header. @scratch is a buffer the caller keeps for the rows. */
void      odan_cli_print_log_header (gboolean  table,
                                     GString  *scratch);
/* One event as a line of `odan-cli log`; @what is the summary shown. */
void      odan_cli_print_log_event  (const OdanEvent *event,
                                     const char      *what,
                                     gboolean         table,
                                     GString         *scratch);

G_END_DECLS

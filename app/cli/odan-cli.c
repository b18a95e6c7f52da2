/* odan-cli.c — command dispatch and what the commands share */
#define G_LOG_DOMAIN "odan-cli"

#include <glib/gi18n.h>
#include <stdio.h>
#include <string.h>

#include "odan-cli.h"
#include "odan-replay.h"
#include "odan-checkpoints.h"
#include "odan-time.h"

typedef struct {
  const char *name;
  int (*run) (int argc, char **argv);
  const char *summary;
} Command;

static const Command commands[] = {
  { "validate", odan_cli_validate, N_("Check a scenario pack and list every problem") },
  { "simulate", odan_cli_simulate, N_("Run the cascade model and print every change") },
  { "explain",  odan_cli_explain,  N_("Explain why a node is at its level at a given time") },
  { "play",     odan_cli_play,     N_("Play an exercise without a screen, recording it in a file") },
  { "log",      odan_cli_log,      N_("Print the timeline of an exercise file") },
  { "state",    odan_cli_state,    N_("Print every node's operability at a time of an exercise") },
  { "import-msel", odan_cli_import_msel, N_("Import a spreadsheet MSEL into a pack") },
  { "export",   odan_cli_export,   N_("Write a pack or its MSEL back as spreadsheet CSV") },
  { "preview",  odan_cli_preview,  N_("Run a scenario without decisions and check its injects against it") },
  { "inbox",    odan_cli_inbox,    N_("Print what one team sees: its inbox, decisions and obligations") },
  { "obligations", odan_cli_obligations, N_("Print the reporting deadlines of an exercise: who is on time, who is late") },
  { "reach",    odan_cli_reach,    N_("Print the reach within the deadline per CEPTOAR and relay stage") },
  { "report",   odan_cli_report,   N_("Write the after-action report and improvement plan (HTML, PDF or CSV)") },
  { "observe",  odan_cli_observe,  N_("Log an evaluator's observation, or every row of an EEG sheet") },
  { "improve",  odan_cli_improve,  N_("Add an item to the improvement plan: action, reference, root cause, owner, due date") },
  { "counterfactual", odan_cli_counterfactual, N_("What the teams' mitigations changed, and what moving one would have") },
  { "checkpoints", odan_cli_checkpoints, N_("Compare a validation pack's recorded checkpoints with the model") },
  { "serve",    odan_cli_serve,    N_("Serve the teams' pages to their browsers") },
  { "invite",   odan_cli_invite,   N_("Invite a team to its page in a browser, or withdraw the invitation") },
};

static void
print_usage (FILE *out)
{
  fprintf (out, "%s\n  odan-cli COMMAND [OPTION…]\n\n%s\n", _("Usage:"), _("Commands:"));
  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    fprintf (out, "  %-15s %s\n", commands[i].name, _(commands[i].summary));
  fprintf (out, "\n%s\n", _("Run “odan-cli COMMAND --help” for the options of a command."));
}

int
odan_cli_main (int    argc,
               char **argv)
{
  if (argc < 2)
    {
      print_usage (stderr);
      return ODAN_CLI_USAGE;
    }
  if (g_str_equal (argv[1], "--help") || g_str_equal (argv[1], "-h") || g_str_equal (argv[1], "help"))
    {
      print_usage (stdout);
      return ODAN_CLI_OK;
    }
  if (g_str_equal (argv[1], "--version"))
    {
      printf ("odan-cli %s\n", PACKAGE_VERSION);
      return ODAN_CLI_OK;
    }
  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    if (g_str_equal (argv[1], commands[i].name))
      {
        /* so --help and errors say "odan-cli simulate", not "simulate" */
        g_autofree char *prgname = g_strdup_printf ("odan-cli %s", commands[i].name);
        g_set_prgname (prgname);
        return commands[i].run (argc - 1, argv + 1);
      }

  fprintf (stderr, _("odan-cli: unknown command “%s”\n"), argv[1]);
  print_usage (stderr);
  return ODAN_CLI_USAGE;
}

int
odan_cli_usage_error (GOptionContext *context,
                      const char     *message)
{
  g_autofree char *help = g_option_context_get_help (context, TRUE, NULL);
  fprintf (stderr, "odan-cli: %s\n\n%s", message, help);
  return ODAN_CLI_USAGE;
}

gboolean
odan_cli_parse_options (GOptionContext     *context,
                        const GOptionEntry *entries,
                        int                 n_args,
                        const char         *args_message,
                        int                *argc,
                        char             ***argv)
{
  g_autoptr(GError) error = NULL;

  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);
  if (!g_option_context_parse (context, argc, argv, &error))
    {
      odan_cli_usage_error (context, error->message);
      return FALSE;
    }
  if (*argc != n_args + 1)
    {
      odan_cli_usage_error (context, args_message);
      return FALSE;
    }
  return TRUE;
}

gboolean
odan_cli_parse_format (const char    *text,
                       OdanCliFormat  fallback,
                       OdanCliFormat *out)
{
  if (text == NULL)
    *out = fallback;
  else if (g_str_equal (text, "csv"))
    *out = ODAN_CLI_FORMAT_CSV;
  else if (g_str_equal (text, "table"))
    *out = ODAN_CLI_FORMAT_TABLE;
  else
    return FALSE;
  return TRUE;
}

OdanExercise *
odan_cli_read_exercise (const char *location)
{
  g_autoptr(GError) error = NULL;
  OdanExercise *exercise = odan_exercise_open (location, NULL, ODAN_EXERCISE_OPEN_READ_ONLY, &error);

  if (exercise == NULL)
    fprintf (stderr, "odan-cli: %s\n", error->message);
  return exercise;
}

/* Diagnostics name files relative to their folder; print them as paths the
 * user can open, "scenarios/example/nodes.csv:12: error: …". */
static void
print_diagnostics (const char *dir,
                   GPtrArray  *diagnostics,
                   gboolean    warnings_too)
{
  for (guint i = 0; i < diagnostics->len; i++)
    {
      const OdanDiagnostic *d = g_ptr_array_index (diagnostics, i);
      if (d->severity == ODAN_DIAGNOSTIC_WARNING && !warnings_too)
        continue;
      g_autofree char *line = odan_diagnostic_format (d);
      g_autofree char *full = g_build_filename (dir, line, NULL);
      fprintf (stderr, "%s\n", full);
    }
}

OdanPack *
odan_cli_load_pack (const char *path,
                    gboolean    quiet_warnings)
{
  g_autoptr(GPtrArray) diagnostics = g_ptr_array_new_with_free_func ((GDestroyNotify) odan_diagnostic_free);
  g_autoptr(GError) error = NULL;
  OdanPack *pack = odan_pack_load (path, diagnostics, &error);

  print_diagnostics (path, diagnostics, !quiet_warnings || pack == NULL);
  if (pack == NULL && diagnostics->len == 0)
    fprintf (stderr, "odan-cli: %s\n", error ? error->message : _("cannot load the pack"));
  return pack;
}

GArray *
odan_cli_load_decisions (const char     *path,
                         const OdanPack *pack)
{
  g_autoptr(GPtrArray) diagnostics = g_ptr_array_new_with_free_func ((GDestroyNotify) odan_diagnostic_free);
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_path_get_dirname (path);
  GArray *decisions = odan_decisions_load (path, pack, diagnostics, &error);

  print_diagnostics (dir, diagnostics, TRUE);
  if (decisions == NULL && diagnostics->len == 0)
    fprintf (stderr, "odan-cli: %s\n", error ? error->message : _("cannot load the decisions"));
  return decisions;
}

OdanUncertainty *
odan_cli_load_uncertainty (const OdanPack *pack,
                           const char     *path)
{
  g_autoptr(GPtrArray) diagnostics = g_ptr_array_new_with_free_func ((GDestroyNotify) odan_diagnostic_free);
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = path != NULL ? g_path_get_dirname (path) : g_strdup (pack->path);
  OdanUncertainty *u = odan_uncertainty_load (pack, path, diagnostics, &error);

  print_diagnostics (dir, diagnostics, TRUE);
  if (u == NULL && diagnostics->len == 0)
    fprintf (stderr, "odan-cli: %s\n", error ? error->message : _("cannot load the uncertain values"));
  return u;
}

gboolean
odan_cli_check_checkpoints (const OdanPack *pack)
{
  g_autoptr(GPtrArray) diagnostics = g_ptr_array_new_with_free_func ((GDestroyNotify) odan_diagnostic_free);
  g_autofree char *path = g_build_filename (pack->path, "checkpoints.csv", NULL);
  g_autoptr(GArray) cps = NULL;

  if (!g_file_test (path, G_FILE_TEST_EXISTS))
    return TRUE;
  cps = odan_checkpoints_load (pack, NULL, diagnostics, NULL);
  print_diagnostics (pack->path, diagnostics, TRUE);
  return cps != NULL;
}

/* Injects at their times, then each decision's mitigation at the decision's
 * time plus the mitigation's delay, in file order; those their pool
 * refuses, as an exercise would, are named on stderr. */
void
odan_cli_schedule (OdanSim        *sim,
                   const OdanPack *pack,
                   const GArray   *decisions)
{
  g_autoptr(GArray) refused = g_array_new (FALSE, FALSE, sizeof (OdanReplayRefusal));

  odan_sim_schedule_injects (sim);
  odan_replay_schedule_decisions (sim, decisions, refused);
  for (guint k = 0; k < refused->len; k++)
    {
      const OdanReplayRefusal *no = &g_array_index (refused, OdanReplayRefusal, k);
      const OdanMitigation *m = &pack->mitigations[g_array_index (decisions, OdanDecision, no->decision).mitigation];
      g_autofree char *reason = odan_pack_pool_refusal (pack, m->pool, no->left, m->uses);

      /* Translators: a decision of a decisions file whose mitigation is refused, and why */
      fprintf (stderr, _("odan-cli: decision %u: mitigation %s refused: %s\n"), no->decision + 1, m->id, reason);
    }
}

gboolean
odan_cli_parse_until (const char     *text,
                      const OdanPack *pack,
                      double         *out)
{
  g_autoptr(GError) error = NULL;

  if (text == NULL)
    {
      *out = pack->duration;
      return TRUE;
    }
  if (!odan_time_parse (text, pack->start, out, &error))
    {
      fprintf (stderr, "odan-cli: %s\n", error->message);
      return FALSE;
    }
  return TRUE;
}

int
odan_cli_columns (const char *text)
{
  int columns = 0;

  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);
      columns += g_unichar_iswide (c) ? 2 : g_unichar_iszerowidth (c) ? 0 : 1;
    }
  return columns;
}

char *
odan_cli_pad (const char *text,
              int         width)
{
  GString *padded = g_string_new (text);

  for (int columns = odan_cli_columns (text); columns < width; columns++)
    g_string_append_c (padded, ' ');
  return g_string_free (padded, FALSE);
}

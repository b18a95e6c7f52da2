/* odan-cli-observe.c — `odan-cli observe EXERCISE --text T [--team T] [--capability C] [--rating P|S|M|U] …`
 *                      `odan-cli observe EXERCISE --import EEG.csv|EEG.xlsx [--sheet NAME]`
 *
 * An evaluator's observations without a screen: the same `observation`
 * events the Review page's dialog logs, through odan_evaluation_observe()
 * and its checks, into the exercise file or the shared database (where an
 * evaluator's role may append observations only). Also after the end.
 */
#define G_LOG_DOMAIN "odan-cli"

#include <glib/gi18n.h>
#include <stdio.h>

#include "odan-cli.h"
#include "odan-evaluation.h"

typedef struct {
  char *text;
  char *team;
  char *objective;
  char *capability;
  char *rating;
  char *finding;
  char *by;
  char *import;
  char *sheet;
  gint64 ref;
} Options;

static void
options_clear (Options *o)
{
  g_free (o->text);
  g_free (o->team);
  g_free (o->objective);
  g_free (o->capability);
  g_free (o->rating);
  g_free (o->finding);
  g_free (o->by);
  g_free (o->import);
  g_free (o->sheet);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Options, options_clear)

static int
fail (const char *location,
      const GError *error)
{
  fprintf (stderr, "odan-cli: %s: %s\n", location, error->message);
  return ODAN_CLI_PROBLEMS;
}

/* The one observation of the options, checked as the dialog checks it. */
static int
observe_one (OdanExercise  *exercise,
             const char    *location,
             const Options *o)
{
  OdanObservation observation = { 0 };
  g_autoptr(GError) error = NULL;
  gint64 id;

  observation.text = o->text;
  observation.team = o->team;
  observation.objective = o->objective;
  observation.capability = o->capability;
  observation.by = o->by;
  observation.ref = o->ref;
  if (o->rating != NULL && !odan_rating_from_string (o->rating, &observation.rating))
    {
      fprintf (stderr, _("odan-cli: --rating must be P, S, M or U, not “%s”\n"), o->rating);
      return ODAN_CLI_USAGE;
    }
  if (o->finding != NULL && !odan_finding_from_string (o->finding, &observation.finding))
    {
      fprintf (stderr, _("odan-cli: --finding must be strength or area-for-improvement, not “%s”\n"), o->finding);
      return ODAN_CLI_USAGE;
    }
  id = odan_evaluation_observe (exercise, &observation, &error);
  if (id == 0)
    return fail (location, error);
  {
    g_autofree char *id_text = g_strdup_printf ("%" G_GINT64_FORMAT, id);

    printf (_("Logged observation %s\n"), id_text);
  }
  return ODAN_CLI_OK;
}

int
odan_cli_observe (int    argc,
                  char **argv)
{
  g_auto(Options) o = { 0 };
  GOptionEntry entries[] = {
    { "text", 0, 0, G_OPTION_ARG_STRING, &o.text, N_("What the evaluator saw"), N_("TEXT") },
    { "team", 0, 0, G_OPTION_ARG_STRING, &o.team, N_("The team it is about (its id)"), N_("TEAM") },
    { "objective", 0, 0, G_OPTION_ARG_STRING, &o.objective, N_("The exercise objective"), N_("OBJECTIVE") },
    { "capability", 0, 0, G_OPTION_ARG_STRING, &o.capability, N_("The core capability"), N_("CAPABILITY") },
    { "rating", 0, 0, G_OPTION_ARG_STRING, &o.rating,
      N_("P (without challenges), S (some), M (major) or U (unable to be performed)"), N_("P|S|M|U") },
    { "finding", 0, 0, G_OPTION_ARG_STRING, &o.finding,
      N_("strength or area-for-improvement"), N_("FINDING") },
    { "ref", 0, 0, G_OPTION_ARG_INT64, &o.ref, N_("The id of the event it is about"), N_("ID") },
    { "by", 0, 0, G_OPTION_ARG_STRING, &o.by, N_("The evaluator's name"), N_("NAME") },
    { "import", 0, 0, G_OPTION_ARG_FILENAME, &o.import,
      N_("Log every row of this Exercise Evaluation Guide sheet instead (CSV or .xlsx)"), N_("FILE") },
    { "sheet", 0, 0, G_OPTION_ARG_STRING, &o.sheet,
      N_("The worksheet of the workbook to import (default: the first)"), N_("NAME") },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new (_("EXERCISE — log an evaluator's observations"));
  g_autoptr(GError) error = NULL;
  g_autoptr(OdanExercise) exercise = NULL;

  g_option_context_set_description (context,
    _("EXERCISE is an exercise file or a PostgreSQL connection string. An EEG sheet has a header "
      "row naming its columns: the observation (“Observation Notes”, “text”, “観察内容”) and "
      "optionally team, objective, core capability, rating (P/S/M/U), strength or area for "
      "improvement, evaluator and event. Every row is checked before any is logged."));
  if (!odan_cli_parse_options (context, entries, 1, _("expected exactly one exercise"), &argc, &argv))
    return ODAN_CLI_USAGE;
  if ((o.import == NULL) == (o.text == NULL))
    return odan_cli_usage_error (context, _("give either --text or --import"));
  if (o.import != NULL && (o.team || o.objective || o.capability || o.rating || o.finding || o.ref))
    return odan_cli_usage_error (context, _("--import takes the observations' details from the sheet"));
  if (o.sheet != NULL && o.import == NULL)
    return odan_cli_usage_error (context, _("--sheet goes with --import"));

  exercise = odan_exercise_open (argv[1], NULL, ODAN_EXERCISE_OPEN_WRITE, &error);
  if (exercise == NULL)
    return fail (argv[1], error);

  if (o.import != NULL)
    {
      guint n = odan_evaluation_import_sheet (exercise, o.import, o.sheet, o.by, &error);

      if (n == 0)
        {
          fprintf (stderr, "odan-cli: %s\n", error->message);
          return ODAN_CLI_PROBLEMS;
        }
      printf (g_dngettext (GETTEXT_PACKAGE, "Logged %u observation from %s\n",
                           "Logged %u observations from %s\n", n), n, o.import);
      return ODAN_CLI_OK;
    }
  return observe_one (exercise, argv[1], &o);
}

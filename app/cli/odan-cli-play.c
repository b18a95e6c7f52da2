/* odan-cli-play.c — `odan-cli play PACK --exercise FILE.odan [--decisions F] [--until T]`
 *
 * Plays an exercise without a screen: the clock steps from one due item to
 * the next, injects are delivered on schedule and the decisions of the CSV
 * logged at their times — acknowledgements (category received or read) and
 * forwards (information-sharing rows with recipients and injects) too, so a
 * whole relay drill runs headless. Every event is printed — id first — only after it
 * has been committed to the file, so a line on stdout is a promise that the
 * event survives a crash. Playing the same file again resumes it.
 */
#define G_LOG_DOMAIN "odan-cli"

#include <glib/gi18n.h>
#include <math.h>
#include <stdio.h>

#include "odan-cli.h"
#include "odan-exercise.h"
#include "odan-time.h"

static void
on_event_added (OdanExercise *exercise,
                gpointer      event_pointer,
                gpointer      user_data)
{
  const OdanEvent *event = event_pointer;
  g_autofree char *when = odan_time_format_offset (event->minute);
  g_autofree char *what = odan_exercise_describe_event (exercise, event);

  printf ("%" G_GINT64_FORMAT "\t%s\t%s\t%s\t%s\n", event->id, when,
          odan_event_kind_to_string (event->kind), event->actor, what);
  /* a reader (a person, a test) sees each line as soon as it is durable */
  fflush (stdout);
}

static int
fail (const GError *error)
{
  fprintf (stderr, "odan-cli: %s\n", error->message);
  return ODAN_CLI_PROBLEMS;
}

int
odan_cli_play (int    argc,
               char **argv)
{
  g_autofree char *exercise_path = NULL;
  g_autofree char *decisions_path = NULL;
  g_autofree char *until_text = NULL;
  GOptionEntry entries[] = {
    { "exercise", 'e', 0, G_OPTION_ARG_FILENAME, &exercise_path,
      N_("The exercise file to write (created when missing, resumed when it exists)"), N_("FILE.odan") },
    { "decisions", 'd', 0, G_OPTION_ARG_FILENAME, &decisions_path,
      N_("Log the decisions of this CSV at their times"), N_("FILE") },
    { "until", 'u', 0, G_OPTION_ARG_STRING, &until_text,
      N_("Play up to this time (a duration after T0 or a date-time; default: the scenario's duration)"), N_("TIME") },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new (_("PACK — play an exercise without a screen"));
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) decisions = NULL;
  g_autoptr(OdanPack) pack = NULL;
  g_autoptr(OdanExercise) exercise = NULL;
  double until, now;

  g_option_context_set_description (context,
    _("The decisions CSV has the columns time, team, category, summary, and optionally mitigation, "
      "inject, ministry, stage, channel, audience, recipients and bcp. Each category needs its "
      "fields: business-continuity bcp=yes or a mitigation; disclosure channel and audience; "
      "ministry-report stage (initial, follow-up, final); information-sharing recipients (nisc, "
      "ministry, ceptoar, members, a sector or a team id) and the injects it forwards, which reach "
      "the recipients as forwarded deliveries.\n"
      "A row of category received or read acknowledges, for its team, the delivery of each inject "
      "in the inject column (the summary may be empty)."));
  if (!odan_cli_parse_options (context, entries, 1, _("expected exactly one pack folder"), &argc, &argv))
    return ODAN_CLI_USAGE;
  if (exercise_path == NULL)
    return odan_cli_usage_error (context, _("--exercise FILE.odan is required"));

  /* the folder is checked here for its diagnostics; the exercise then runs
   * on the copy embedded in the file, which must be the same */
  pack = odan_cli_load_pack (argv[1], TRUE);
  if (pack == NULL)
    return ODAN_CLI_PROBLEMS;
  if (!odan_cli_parse_until (until_text, pack, &until))
    return ODAN_CLI_USAGE;
  if (decisions_path != NULL && !(decisions = odan_cli_load_decisions (decisions_path, pack)))
    return ODAN_CLI_PROBLEMS;

  exercise = odan_exercise_open (exercise_path, argv[1],
                                 ODAN_EXERCISE_OPEN_WRITE | ODAN_EXERCISE_OPEN_CREATE, &error);
  if (exercise == NULL)
    return fail (error);

  if (odan_exercise_has_ended (exercise))
    {
      g_autofree char *at = odan_time_format_offset (odan_exercise_get_minute (exercise));

      fprintf (stderr, _("odan-cli: %s: the exercise ended at %s; nothing left to play\n"),
               exercise_path, at);
      return ODAN_CLI_OK;
    }
  if (odan_exercise_has_started (exercise)
      && odan_clock_get_mode (odan_exercise_get_clock (exercise)) != ODAN_CLOCK_STEP)
    {
      fprintf (stderr, _("odan-cli: %s is played in real time; continue it in Odan\n"), exercise_path);
      return ODAN_CLI_PROBLEMS;
    }

  g_signal_connect (exercise, "event-added", G_CALLBACK (on_event_added), NULL);
  if (decisions != NULL)
    {
      g_autofree char *name = g_path_get_basename (decisions_path);

      odan_exercise_plan_decisions_from (exercise, decisions, name);
    }

  now = odan_exercise_get_minute (exercise);
  if (odan_exercise_has_started (exercise) && now >= until && odan_exercise_get_next_due (exercise) > until)
    {
      g_autofree char *at = odan_time_format_offset (now);

      fprintf (stderr, _("odan-cli: %s is at %s already; nothing to play up to there\n"),
               exercise_path, at);
      return ODAN_CLI_OK;
    }

  if (!odan_exercise_has_started (exercise))
    {
      if (!odan_exercise_start (exercise, ODAN_CLOCK_STEP, 1.0, &error))
        return fail (error);
    }
  else if (!odan_clock_get_running (odan_exercise_get_clock (exercise))
           && !odan_exercise_resume (exercise, FALSE, &error))
    return fail (error);

  if (!odan_exercise_advance_to (exercise, MAX (until, odan_exercise_get_minute (exercise)), &error))
    return fail (error);

  /* the end of the scenario ends the exercise; an earlier --until pauses it */
  if (odan_exercise_get_minute (exercise) >= pack->duration)
    {
      if (!odan_exercise_end (exercise, &error))
        return fail (error);
    }
  else if (!odan_exercise_pause (exercise, &error))
    return fail (error);

  return ODAN_CLI_OK;
}

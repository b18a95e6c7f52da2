/* odan-cli-improve.c — `odan-cli improve EXERCISE --action A --capability C --owner O --start D --due D …`
 *
 * An improvement-plan item without a screen: the same `observation` event
 * of action `improvement` the Review page's form logs, through
 * odan_evaluation_add_improvement() and its checks — with the issue, the
 * reference it is measured against, the root cause, the area for
 * improvement it answers, the owner and its point of contact, the dates
 * and the status; --revises logs a revision of an item.
 */
#define G_LOG_DOMAIN "odan-cli"

#include <glib/gi18n.h>
#include <stdio.h>

#include "odan-cli.h"
#include "odan-evaluation.h"

typedef struct {
  char   *action;
  char   *issue;
  char   *reference;
  char   *root_cause;
  char   *capability;
  char   *element;
  char   *owner;
  char   *poc;
  char   *start;
  char   *due;
  char   *status;
  char   *by;
  gint64  answers;
  gint64  revises;
} Options;

static void
options_clear (Options *o)
{
  g_free (o->action);
  g_free (o->issue);
  g_free (o->reference);
  g_free (o->root_cause);
  g_free (o->capability);
  g_free (o->element);
  g_free (o->owner);
  g_free (o->poc);
  g_free (o->start);
  g_free (o->due);
  g_free (o->status);
  g_free (o->by);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Options, options_clear)

int
odan_cli_improve (int    argc,
                  char **argv)
{
  g_auto(Options) o = { 0 };
  GOptionEntry entries[] = {
    { "action", 0, 0, G_OPTION_ARG_STRING, &o.action, N_("The corrective action (required)"), N_("TEXT") },
    { "capability", 0, 0, G_OPTION_ARG_STRING, &o.capability, N_("The core capability (required)"), N_("CAPABILITY") },
    { "owner", 0, 0, G_OPTION_ARG_STRING, &o.owner, N_("The organisation responsible (required)"), N_("ORGANISATION") },
    { "start", 0, 0, G_OPTION_ARG_STRING, &o.start, N_("Start date (required)"), N_("YYYY-MM-DD") },
    { "due", 0, 0, G_OPTION_ARG_STRING, &o.due, N_("Due date, the completion date (required)"), N_("YYYY-MM-DD") },
    { "issue", 0, 0, G_OPTION_ARG_STRING, &o.issue, N_("The issue or area for improvement"), N_("TEXT") },
    { "reference", 0, 0, G_OPTION_ARG_STRING, &o.reference,
      N_("The plan, procedure or agreement the issue is measured against"), N_("TEXT") },
    { "root-cause", 0, 0, G_OPTION_ARG_STRING, &o.root_cause, N_("The analysis of why it happened"), N_("TEXT") },
    { "answers", 0, 0, G_OPTION_ARG_INT64, &o.answers,
      N_("The id of the observation (area for improvement) it answers"), N_("ID") },
    { "element", 0, 0, G_OPTION_ARG_STRING, &o.element,
      N_("planning, organization, equipment, training or exercise"), N_("ELEMENT") },
    { "poc", 0, 0, G_OPTION_ARG_STRING, &o.poc, N_("The owner's point of contact"), N_("NAME") },
    { "status", 0, 0, G_OPTION_ARG_STRING, &o.status,
      N_("open (default), in-progress, completed or cancelled"), N_("STATUS") },
    { "revises", 0, 0, G_OPTION_ARG_INT64, &o.revises, N_("The id of the item this revision replaces"), N_("ID") },
    { "by", 0, 0, G_OPTION_ARG_STRING, &o.by, N_("The evaluator's name"), N_("NAME") },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new (_("EXERCISE — add an item to the improvement plan"));
  g_autoptr(GError) error = NULL;
  g_autoptr(OdanExercise) exercise = NULL;
  OdanImprovement item = { 0 };
  gint64 id;

  if (!odan_cli_parse_options (context, entries, 1, _("expected exactly one exercise"), &argc, &argv))
    return ODAN_CLI_USAGE;
  if (o.status != NULL && !odan_improvement_status_from_string (o.status, &item.status))
    return odan_cli_usage_error (context, _("--status must be open, in-progress, completed or cancelled"));

  exercise = odan_exercise_open (argv[1], NULL, ODAN_EXERCISE_OPEN_WRITE, &error);
  if (exercise == NULL)
    {
      fprintf (stderr, "odan-cli: %s: %s\n", argv[1], error->message);
      return ODAN_CLI_PROBLEMS;
    }
  item.action = o.action;
  item.issue = o.issue;
  item.reference = o.reference;
  item.root_cause = o.root_cause;
  item.capability = o.capability;
  item.element = o.element;
  item.organization = o.owner;
  item.poc = o.poc;
  item.start = o.start;
  item.completion = o.due;
  item.observation = o.answers;
  item.revises = o.revises;
  item.by = o.by;
  id = odan_evaluation_add_improvement (exercise, &item, &error);
  if (id == 0)
    {
      fprintf (stderr, "odan-cli: %s: %s\n", argv[1], error->message);
      return ODAN_CLI_PROBLEMS;
    }
  {
    g_autofree char *id_text = g_strdup_printf ("%" G_GINT64_FORMAT, id);

    printf (_("Logged improvement-plan item %s\n"), id_text);
  }
  return ODAN_CLI_OK;
}

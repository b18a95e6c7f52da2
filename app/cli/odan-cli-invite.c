/* odan-cli-invite.c — `odan-cli invite`: a team's invitation to its page
 *
 * invite EXERCISE --team TEAM [--base-url URL] [--revoke]
 *   prints the URL (BASE/join#CODE) that signs the team in to the page
 *   `odan-cli serve` serves; the exercise keeps only the code's hash, and a
 *   new invitation replaces the team's last one. --revoke withdraws it and
 *   ends the sessions it opened. Works while serve runs on the file; over
 *   PostgreSQL it needs the facilitator's role (or the owner's).
 */
#define G_LOG_DOMAIN "odan-cli"

#include <glib/gi18n.h>
#include <stdio.h>

#include "odan-cli.h"
#include "odan-invitation.h"

int
odan_cli_invite (int    argc,
                 char **argv)
{
  g_autofree char *team = NULL;
  g_autofree char *base_url = NULL;
  gboolean revoke = FALSE;
  GOptionEntry entries[] = {
    { "team", 't', 0, G_OPTION_ARG_STRING, &team, N_("the team invited (its id in teams.csv)"), N_("TEAM") },
    { "base-url", 'b', 0, G_OPTION_ARG_STRING, &base_url,
      N_("where the teams reach odan-cli serve (default http://THIS-HOST:8080)"), N_("URL") },
    { "revoke", 0, 0, G_OPTION_ARG_NONE, &revoke, N_("withdraw the team's invitation instead"), NULL },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new (_("EXERCISE — invite a team to its page in a browser"));
  g_autoptr(OdanExercise) exercise = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *code = NULL;
  g_autofree char *url = NULL;

  if (!odan_cli_parse_options (context, entries, 1, _("expected exactly one exercise (FILE.odan or postgresql://…)"),
                               &argc, &argv))
    return ODAN_CLI_USAGE;
  if (team == NULL)
    return odan_cli_usage_error (context, _("--team is required"));

  /* read-only is enough: invitations are written beside the log */
  exercise = odan_exercise_open (argv[1], NULL, ODAN_EXERCISE_OPEN_READ_ONLY, &error);
  if (exercise == NULL)
    {
      g_printerr ("%s\n", error->message);
      return ODAN_CLI_PROBLEMS;
    }
  if (revoke)
    {
      gboolean had = FALSE;

      if (!odan_invitation_revoke (exercise, team, &had, &error))
        {
          g_printerr ("%s\n", error->message);
          return ODAN_CLI_PROBLEMS;
        }
      printf (had ? _("The invitation of team %s is withdrawn\n") : _("Team %s had no invitation\n"), team);
      return ODAN_CLI_OK;
    }
  code = odan_invitation_create (exercise, team, &error);
  if (code == NULL)
    {
      g_printerr ("%s\n", error->message);
      return ODAN_CLI_PROBLEMS;
    }
  if (base_url == NULL)
    base_url = g_strdup_printf ("http://%s:8080", g_get_host_name ());
  url = odan_invitation_url (base_url, code);
  printf ("%s\n", url);
  return ODAN_CLI_OK;
}

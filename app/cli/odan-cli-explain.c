/* odan-cli-explain.c — `odan-cli explain PACK NODE --at TIME [--decisions F]` */
#define G_LOG_DOMAIN "odan-cli"

#include <glib/gi18n.h>
#include <stdio.h>

#include "odan-cli.h"
#include "odan-explain.h"

int
odan_cli_explain (int    argc,
                  char **argv)
{
  g_autofree char *at_text = NULL;
  g_autofree char *decisions_path = NULL;
  GOptionEntry entries[] = {
    { "at", 'a', 0, G_OPTION_ARG_STRING, &at_text,
      N_("The time to explain (a duration after T0 or a date-time; required)"), N_("TIME") },
    { "decisions", 'd', 0, G_OPTION_ARG_FILENAME, &decisions_path,
      N_("Apply the mitigations chosen in this decisions CSV"), N_("FILE") },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new (_("PACK NODE — explain a node's operability"));
  g_autoptr(GArray) decisions = NULL;
  double at;

  if (!odan_cli_parse_options (context, entries, 2, _("expected a pack folder and a node id"), &argc, &argv))
    return ODAN_CLI_USAGE;
  if (at_text == NULL)
    return odan_cli_usage_error (context, _("--at TIME is required"));

  g_autoptr(OdanPack) pack = odan_cli_load_pack (argv[1], TRUE);
  if (pack == NULL)
    return ODAN_CLI_PROBLEMS;
  guint32 node = odan_pack_find_node (pack, argv[2]);
  if (node == ODAN_NONE)
    {
      fprintf (stderr, _("odan-cli: the pack has no node “%s”\n"), argv[2]);
      return ODAN_CLI_PROBLEMS;
    }
  if (!odan_cli_parse_until (at_text, pack, &at))
    return ODAN_CLI_USAGE;
  if (decisions_path && !(decisions = odan_cli_load_decisions (decisions_path, pack)))
    return ODAN_CLI_PROBLEMS;

  OdanSim *sim = odan_sim_new (pack);
  odan_sim_set_record_history (sim, TRUE);
  odan_cli_schedule (sim, pack, decisions);
  odan_sim_run_until (sim, at, NULL, NULL);

  g_autofree char *text = odan_explain (sim, pack, decisions, node, at);
  fputs (text, stdout);
  odan_sim_free (sim);
  return ODAN_CLI_OK;
}

/* odan-cli-validate.c — `odan-cli validate PACK` */
#define G_LOG_DOMAIN "odan-cli"

#include <glib/gi18n.h>
#include <stdio.h>

#include "odan-cli.h"

int
odan_cli_validate (int    argc,
                   char **argv)
{
  g_autoptr(GOptionContext) context = g_option_context_new (_("PACK — check a scenario pack"));
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) diagnostics = NULL;

  g_option_context_set_summary (context,
    _("Loads the pack folder and reports every problem as FILE:LINE: message on\n"
      "standard error. Exits 0 with a one-line summary when the pack has no errors\n"
      "(warnings are listed too), 1 when it has errors."));
  if (!g_option_context_parse (context, &argc, &argv, &error))
    return odan_cli_usage_error (context, error->message);
  if (argc != 2)
    return odan_cli_usage_error (context, _("expected exactly one pack folder"));

  g_autoptr(OdanPack) pack = odan_cli_load_pack (argv[1], FALSE);
  if (pack == NULL)
    return ODAN_CLI_PROBLEMS;

  guint n_events = 0;
  for (guint i = 0; i < pack->n_injects; i++)
    n_events += pack->injects[i].effects ? pack->injects[i].effects->len : 0;

  /* One line, so scripts can grep it and people can read it. */
  printf (_("%s: valid — %u sectors, %u nodes, %u dependencies, %u teams, %u injects (%u effects), %u mitigations\n"),
          pack->id ? pack->id : argv[1], pack->n_sectors, pack->n_nodes, pack->n_edges,
          pack->n_teams, pack->n_injects, n_events, pack->n_mitigations);
  return ODAN_CLI_OK;
}

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
  /* the side tables of SEMANTICS.md §12 and §13, when the pack has them */
  g_autoptr(OdanUncertainty) uncertainty = odan_cli_load_uncertainty (pack, NULL);
  if (uncertainty == NULL)
    return ODAN_CLI_PROBLEMS;
  if (!odan_cli_check_checkpoints (pack))
    return ODAN_CLI_PROBLEMS;

  guint n_events = 0;
  for (guint i = 0; i < pack->n_injects; i++)
    n_events += pack->injects[i].effects ? pack->injects[i].effects->len : 0;

  /* One line, so scripts can grep it and people can read it; each count
   * with its own plural form. */
  g_autofree char *sectors = g_strdup_printf (ngettext ("%u sector", "%u sectors", pack->n_sectors), pack->n_sectors);
  g_autofree char *nodes = g_strdup_printf (ngettext ("%u node", "%u nodes", pack->n_nodes), pack->n_nodes);
  g_autofree char *edges = g_strdup_printf (ngettext ("%u dependency", "%u dependencies", pack->n_edges), pack->n_edges);
  g_autofree char *teams = g_strdup_printf (ngettext ("%u team", "%u teams", pack->n_teams), pack->n_teams);
  g_autofree char *injects = g_strdup_printf (ngettext ("%u inject", "%u injects", pack->n_injects), pack->n_injects);
  g_autofree char *effects = g_strdup_printf (ngettext ("%u effect", "%u effects", n_events), n_events);
  g_autofree char *mitigations = g_strdup_printf (ngettext ("%u mitigation", "%u mitigations", pack->n_mitigations),
                                                  pack->n_mitigations);

  /* Translators: the counts of a valid pack, each already translated, e.g.
   * "kanto: valid — 13 sectors, 121 nodes, 291 dependencies, 25 teams, 49 injects (36 effects), 49 mitigations" */
  printf (_("%s: valid — %s, %s, %s, %s, %s (%s), %s\n"),
          pack->id ? pack->id : argv[1], sectors, nodes, edges, teams, injects, effects, mitigations);
  return ODAN_CLI_OK;
}

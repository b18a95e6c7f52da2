/* odan-cli-state.c — `odan-cli state FILE.odan --at TIME [--format csv|table]`
 *
 * Every node's operability at one exercise time, rebuilt from the file's
 * log (odan_exercise_state_at): the CSV is node,operability sorted by node
 * id in byte order, operability printed as the spec prints it.
 */
#define G_LOG_DOMAIN "odan-cli"

#include <glib/gi18n.h>
#include <stdio.h>
#include <string.h>

#include "odan-cli.h"
#include "odan-csv.h"
#include "odan-exercise.h"
#include "odan-time.h"

static const OdanPack *sort_pack;

static int
compare_nodes (gconstpointer a,
               gconstpointer b)
{
  return strcmp (sort_pack->nodes[*(const guint32 *) a].id, sort_pack->nodes[*(const guint32 *) b].id);
}

int
odan_cli_state (int    argc,
                char **argv)
{
  g_autofree char *at_text = NULL;
  g_autofree char *format_text = NULL;
  GOptionEntry entries[] = {
    { "at", 'a', 0, G_OPTION_ARG_STRING, &at_text,
      N_("The exercise time (a duration after T0 or a date-time)"), N_("TIME") },
    { "format", 'f', 0, G_OPTION_ARG_STRING, &format_text,
      N_("csv (default: node,operability) or table (for people)"), N_("FORMAT") },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new (_("FILE.odan — print the model at a time of an exercise"));
  g_autoptr(OdanExercise) exercise = NULL;
  g_autoptr(GString) out = g_string_new (NULL);
  g_autofree guint32 *order = NULL;
  const OdanPack *pack;
  OdanSim *sim;
  OdanCliFormat format;
  double at;
  guint n;

  if (!odan_cli_parse_options (context, entries, 1, _("expected exactly one exercise file"), &argc, &argv))
    return ODAN_CLI_USAGE;
  if (at_text == NULL)
    return odan_cli_usage_error (context, _("--at TIME is required"));
  if (!odan_cli_parse_format (format_text, ODAN_CLI_FORMAT_CSV, &format))
    return odan_cli_usage_error (context, _("--format must be csv or table"));

  exercise = odan_cli_read_exercise (argv[1]);
  if (exercise == NULL)
    return ODAN_CLI_PROBLEMS;
  pack = odan_exercise_get_pack (exercise);
  if (!odan_cli_parse_until (at_text, pack, &at))
    return ODAN_CLI_USAGE;

  n = odan_exercise_get_n_events (exercise);
  if (n == 0 || at > odan_exercise_get_event (exercise, n - 1)->minute)
    {
      g_autofree char *end = odan_time_format_offset (n > 0 ? odan_exercise_get_event (exercise, n - 1)->minute : 0);

      fprintf (stderr, _("odan-cli: note: the log ends at %s; later times show the model "
                         "without what was not logged yet\n"), end);
    }

  sim = odan_exercise_state_at (exercise, at);
  order = g_new (guint32, MAX (pack->n_nodes, 1));
  for (guint32 i = 0; i < pack->n_nodes; i++)
    order[i] = i;
  sort_pack = pack;
  qsort (order, pack->n_nodes, sizeof (guint32), compare_nodes);

  if (format == ODAN_CLI_FORMAT_CSV)
    {
      static const char *const header[] = { "node", "operability" };

      odan_csv_write_row (out, header, 2);
      for (guint32 i = 0; i < pack->n_nodes; i++)
        {
          char value[16];
          const char *fields[2];

          odan_operability_key_format (odan_operability_key (odan_sim_get_operability (sim, order[i])), value);
          fields[0] = pack->nodes[order[i]].id;
          fields[1] = value;
          odan_csv_write_row (out, fields, 2);
        }
      fputs (out->str, stdout);
    }
  else
    {
      g_autofree char *when = odan_time_format_offset (at);

      printf (_("State at %s\n"), when);
      g_autofree char *node_h = odan_cli_pad (_("Node"), 32);
      g_autofree char *level = odan_cli_pad (_("Level"), 8);
      g_autofree char *since_h = odan_cli_pad (_("Since"), 12);
      printf ("%s %s  %s %s\n", node_h, level, since_h, _("Name"));
      for (guint32 i = 0; i < pack->n_nodes; i++)
        {
          const OdanNode *node = &pack->nodes[order[i]];
          g_autofree char *since = odan_time_format_offset (odan_sim_get_since (sim, order[i]));

          printf ("%-32s %7.1f%%  %-12s %s\n", node->id, odan_sim_get_operability (sim, order[i]) * 100.0,
                  since, odan_pack_localized (node->name, node->name_ja));
        }
    }
  odan_sim_free (sim);
  return ODAN_CLI_OK;
}

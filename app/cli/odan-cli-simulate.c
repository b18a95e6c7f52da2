/* odan-cli-simulate.c — `odan-cli simulate PACK [--until D] [--decisions F] [--format csv|table]
 *                         [--runs N --seed S [--uncertainty FILE]]` */
#define G_LOG_DOMAIN "odan-cli"

#include <glib/gi18n.h>
#include <math.h>
#include <stdio.h>

#include "odan-cli.h"
#include "odan-sim-runs.h"
#include "odan-time.h"

typedef struct {
  const OdanPack *pack;
  double         *last;
} TableState;

static const char *
cause_words (const OdanPack *pack, const OdanChange *ch, char *buf, gsize len)
{
  switch (ch->cause.kind)
    {
    case ODAN_CAUSE_DIRECT:
      if (ch->cause.origin.kind == ODAN_ORIGIN_INJECT)
        g_snprintf (buf, len, _("set by inject %s"), pack->injects[ch->cause.origin.index].id);
      else if (ch->cause.origin.kind == ODAN_ORIGIN_MITIGATION)
        g_snprintf (buf, len, _("set by mitigation %s"), pack->mitigations[ch->cause.origin.index].id);
      else
        g_snprintf (buf, len, _("set by an ad-hoc inject"));
      break;
    case ODAN_CAUSE_FLOOR:
      g_snprintf (buf, len, _("held up by mitigation %s"),
                  ch->cause.origin.kind == ODAN_ORIGIN_MITIGATION
                  ? pack->mitigations[ch->cause.origin.index].id
                  : pack->injects[ch->cause.origin.index].id);
      break;
    case ODAN_CAUSE_EDGE:
      {
        const OdanEdge *e = &pack->edges[ch->cause.edge];
        const char *why = "";
        if (ch->cause.flags & ODAN_CAUSE_FLAG_RESTARTING)
          why = _(", restarting");
        else if (ch->cause.flags & ODAN_CAUSE_FLAG_BUFFER_EMPTY)
          why = _(", backup ran out");
        else if (ch->cause.flags & ODAN_CAUSE_FLAG_ON_BUFFER)
          why = _(", on backup");
        g_snprintf (buf, len, _("supply from %s%s"), pack->nodes[e->provider].id, why);
      }
      break;
    case ODAN_CAUSE_NORMAL:
    default:
      g_snprintf (buf, len, _("normal"));
      break;
    }
  return buf;
}

static void
on_table_change (const OdanChange *ch,
                 gpointer          user_data)
{
  TableState *st = user_data;
  const OdanNode *n = &st->pack->nodes[ch->node];
  g_autofree char *offset = odan_time_format_offset (ch->time);
  g_autoptr(GDateTime) when = g_date_time_add_seconds (st->pack->start, round (ch->time * 60.0));
  g_autofree char *local = g_date_time_format (when, "%m-%d %H:%M");
  char cause[256];

  printf ("%-12s %-11s %-28s %5.1f%% → %5.1f%%  %s\n",
          offset, local, n->id, st->last[ch->node] * 100.0, ch->value * 100.0,
          cause_words (st->pack, ch, cause, sizeof cause));
  st->last[ch->node] = ch->value;
}

/* --runs: the bands of SEMANTICS.md §12 as CSV. */
static int
simulate_runs (GOptionContext *context,
               const OdanPack *pack,
               const GArray   *decisions,
               double          until,
               OdanCliFormat   format,
               int             runs,
               const char     *seed_text,
               const char     *uncertainty_path)
{
  guint64 seed = 0;

  if (runs < 1)
    return odan_cli_usage_error (context, _("--seed and --uncertainty need --runs N with N at least 1"));
  if (format != ODAN_CLI_FORMAT_CSV)
    return odan_cli_usage_error (context, _("--runs prints CSV only"));
  if (seed_text != NULL && !g_ascii_string_to_unsigned (seed_text, 10, 0, G_MAXUINT64, &seed, NULL))
    return odan_cli_usage_error (context, _("--seed must be a whole number of at least 0"));

  g_autoptr(OdanUncertainty) u = odan_cli_load_uncertainty (pack, uncertainty_path);
  if (u == NULL)
    return ODAN_CLI_PROBLEMS;
  g_autoptr(OdanRuns) result = odan_runs_compute (pack, u, decisions, (guint) runs, seed, until);
  odan_runs_write_csv (result, pack, stdout);
  return ODAN_CLI_OK;
}

int
odan_cli_simulate (int    argc,
                   char **argv)
{
  g_autofree char *until_text = NULL;
  g_autofree char *decisions_path = NULL;
  g_autofree char *format_text = NULL;
  g_autofree char *uncertainty_path = NULL;
  g_autofree char *seed_text = NULL;
  int runs = 0;
  GOptionEntry entries[] = {
    { "until", 'u', 0, G_OPTION_ARG_STRING, &until_text,
      N_("Simulate up to this time (a duration after T0 or a date-time; default: the scenario's duration)"), N_("TIME") },
    { "decisions", 'd', 0, G_OPTION_ARG_FILENAME, &decisions_path,
      N_("Apply the mitigations chosen in this decisions CSV"), N_("FILE") },
    { "format", 'f', 0, G_OPTION_ARG_STRING, &format_text,
      N_("csv (default: the spec's minute,node,operability) or table (for people)"), N_("FORMAT") },
    { "runs", 'n', 0, G_OPTION_ARG_INT, &runs,
      N_("Run the model N times with the pack's uncertain values drawn anew each time and print minute,node,p10,p50,p90"), N_("N") },
    { "seed", 's', 0, G_OPTION_ARG_STRING, &seed_text,
      N_("Seed of the draws for --runs (default 0): the same seed gives the same output"), N_("S") },
    { "uncertainty", 0, 0, G_OPTION_ARG_FILENAME, &uncertainty_path,
      N_("Read the uncertain values from this file instead of the pack's uncertainty.csv"), N_("FILE") },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new (_("PACK — run the cascade model"));
  g_autoptr(GArray) decisions = NULL;
  OdanCliFormat format;
  double until;

  if (!odan_cli_parse_options (context, entries, 1, _("expected exactly one pack folder"), &argc, &argv))
    return ODAN_CLI_USAGE;
  if (!odan_cli_parse_format (format_text, ODAN_CLI_FORMAT_CSV, &format))
    return odan_cli_usage_error (context, _("--format must be csv or table"));

  g_autoptr(OdanPack) pack = odan_cli_load_pack (argv[1], TRUE);
  if (pack == NULL)
    return ODAN_CLI_PROBLEMS;
  if (!odan_cli_parse_until (until_text, pack, &until))
    return ODAN_CLI_USAGE;
  if (decisions_path && !(decisions = odan_cli_load_decisions (decisions_path, pack)))
    return ODAN_CLI_PROBLEMS;
  if (runs != 0 || seed_text != NULL || uncertainty_path != NULL)
    return simulate_runs (context, pack, decisions, until, format, runs, seed_text, uncertainty_path);

  OdanSim *sim = odan_sim_new (pack);
  odan_cli_schedule (sim, pack, decisions);

  if (format == ODAN_CLI_FORMAT_CSV)
    odan_sim_write_csv (sim, until, stdout);
  else
    {
      TableState st = { pack, g_new (double, pack->n_nodes) };
      for (guint i = 0; i < pack->n_nodes; i++)
        st.last[i] = 1.0;
      g_autofree char *time = odan_cli_pad (_("Time"), 12);
      g_autofree char *local = odan_cli_pad (_("Local"), 11);
      g_autofree char *node = odan_cli_pad (_("Node"), 28);
      printf ("%s %s %s %s\n", time, local, node, _("Operability and cause"));
      odan_sim_run_until (sim, until, on_table_change, &st);
      g_free (st.last);
    }
  odan_sim_free (sim);
  return ODAN_CLI_OK;
}

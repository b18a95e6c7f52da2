/* odan-cli-reach.c — `odan-cli reach FILE.odan [--format csv|table]`
 *
 * Reach within the deadline per CEPTOAR and relay stage (疎通確認率), as a
 * CEPTOAR drill measures it: the rows of odan_relay_reach_compute(), which
 * the report's relay table and headline sum.
 */
#define G_LOG_DOMAIN "odan-cli"

#include <glib/gi18n.h>
#include <math.h>
#include <stdio.h>

#include "odan-cli.h"
#include "odan-csv.h"
#include "odan-pack-writer.h"
#include "odan-relay-reach.h"

static char *
format_deadline (double minutes)
{
  return isnan (minutes) ? g_strdup ("") : odan_pack_format_duration (minutes);
}

static void
print_csv (const OdanPack *pack,
           const GArray   *rows)
{
  static const char *const header[] = {
    "ceptoar", "stage", "expected", "reached", "reached_in_time", "deadline", "rate",
  };
  g_autoptr(GString) out = g_string_new (NULL);

  odan_csv_write_row (out, header, G_N_ELEMENTS (header));
  for (guint i = 0; i < rows->len; i++)
    {
      const OdanRelayReach *r = &g_array_index (rows, OdanRelayReach, i);
      g_autofree char *deadline = format_deadline (r->deadline);
      char expected[16], reached[16], in_time[16], rate[G_ASCII_DTOSTR_BUF_SIZE];
      const char *fields[G_N_ELEMENTS (header)];

      g_snprintf (expected, sizeof expected, "%u", r->expected);
      g_snprintf (reached, sizeof reached, "%u", r->reached);
      g_snprintf (in_time, sizeof in_time, "%u", r->reached_in_time);
      g_ascii_formatd (rate, sizeof rate, "%.4f", odan_relay_reach_rate (r));
      fields[0] = pack->teams[r->ceptoar].id;
      fields[1] = odan_relay_hop_to_string (r->hop);
      fields[2] = expected;
      fields[3] = reached;
      fields[4] = in_time;
      fields[5] = deadline;
      fields[6] = rate;
      odan_csv_write_row (out, fields, G_N_ELEMENTS (fields));
    }
  fputs (out->str, stdout);
}

static void
print_table (const OdanPack *pack,
             const GArray   *rows)
{
  guint sum[ODAN_RELAY_N_HOPS][3] = { { 0 } };
  g_autofree char *h_ceptoar = odan_cli_pad (_("CEPTOAR"), 34);
  g_autofree char *h_stage = odan_cli_pad (_("Stage"), 17);

  printf ("%s %s %9s %9s %9s %9s %7s\n", h_ceptoar, h_stage, _("Expected"), _("Reached"),
          _("In time"), _("Deadline"), _("Rate"));
  for (guint i = 0; i < rows->len; i++)
    {
      const OdanRelayReach *r = &g_array_index (rows, OdanRelayReach, i);
      const OdanTeam *t = &pack->teams[r->ceptoar];
      g_autofree char *name = odan_cli_pad (odan_pack_localized (t->name, t->name_ja), 34);
      g_autofree char *stage = odan_cli_pad (odan_relay_hop_to_string (r->hop), 17);
      g_autofree char *deadline = format_deadline (r->deadline);

      printf ("%s %s %9u %9u %9u %9s %6.1f%%\n", name, stage, r->expected, r->reached,
              r->reached_in_time, deadline, 100.0 * odan_relay_reach_rate (r));
      sum[r->hop][0] += r->expected;
      sum[r->hop][1] += r->reached;
      sum[r->hop][2] += r->reached_in_time;
    }
  for (guint h = 0; h < ODAN_RELAY_N_HOPS && rows->len > 0; h++)
    {
      g_autofree char *name = odan_cli_pad (_("All CEPTOARs"), 34);
      g_autofree char *stage = odan_cli_pad (odan_relay_hop_to_string (h), 17);

      printf ("%s %s %9u %9u %9u %9s %6.1f%%\n", name, stage, sum[h][0], sum[h][1], sum[h][2], "",
              sum[h][0] > 0 ? 100.0 * sum[h][2] / sum[h][0] : 0.0);
    }
}

int
odan_cli_reach (int    argc,
                char **argv)
{
  g_autofree char *format_text = NULL;
  GOptionEntry entries[] = {
    { "format", 'f', 0, G_OPTION_ARG_STRING, &format_text,
      N_("table (default, for people) or csv"), N_("FORMAT") },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new (_("FILE.odan — print the reach within the deadline per CEPTOAR and relay stage"));
  g_autoptr(OdanExercise) exercise = NULL;
  g_autoptr(GArray) rows = NULL;
  OdanCliFormat format;

  if (!odan_cli_parse_options (context, entries, 1, _("expected exactly one exercise file"), &argc, &argv))
    return ODAN_CLI_USAGE;
  if (!odan_cli_parse_format (format_text, ODAN_CLI_FORMAT_TABLE, &format))
    return odan_cli_usage_error (context, _("--format must be csv or table"));

  exercise = odan_cli_read_exercise (argv[1]);
  if (exercise == NULL)
    return ODAN_CLI_PROBLEMS;
  rows = odan_relay_reach_compute (exercise);
  if (format == ODAN_CLI_FORMAT_CSV)
    print_csv (odan_exercise_get_pack (exercise), rows);
  else
    print_table (odan_exercise_get_pack (exercise), rows);
  return ODAN_CLI_OK;
}

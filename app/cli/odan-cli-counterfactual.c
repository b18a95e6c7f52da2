/* odan-cli-counterfactual.c — `odan-cli counterfactual FILE.odan [--until TIME]
 *                                  [--decision ID --shift ±DURATION] [--format table|csv]`
 *
 * What the teams' mitigations changed: the model rerun from the log without
 * any mitigation, without each team's and without each decision's, in
 * weighted node-hours of lost operability (odan-counterfactual.h). With
 * --decision and --shift, one decision's mitigation is applied that much
 * earlier or later instead, and the difference from the exercise as played
 * is printed: the "what if we had decided an hour sooner" of a debrief.
 */
#define G_LOG_DOMAIN "odan-cli"

#include <glib/gi18n.h>
#include <stdio.h>
#include <stdlib.h>

#include "odan-cli.h"
#include "odan-counterfactual.h"
#include "odan-csv.h"
#include "odan-time.h"

/* "+1h", "-30m" or "45m": minutes, negative for earlier. */
static gboolean
parse_shift (const char *text,
             double     *out)
{
  double sign = 1, minutes;

  if (text[0] == '-' || text[0] == '+')
    {
      sign = text[0] == '-' ? -1 : 1;
      text++;
    }
  if (!odan_duration_parse (text, &minutes, NULL))
    return FALSE;
  *out = sign * minutes;
  return TRUE;
}

static const char *
team_id (const OdanPack *pack,
         guint32         team)
{
  return team < pack->n_teams ? pack->teams[team].id : "";
}

static const char *
mitigation_id (const OdanPack *pack,
               guint32         mitigation)
{
  return mitigation < pack->n_mitigations ? pack->mitigations[mitigation].id : "";
}

static void
print_row (gboolean    table,
           const char *const *cells,
           const int  *widths,
           guint       n)
{
  g_autoptr(GString) line = g_string_new (NULL);

  if (table)
    {
      for (guint i = 0; i < n; i++)
        {
          g_autofree char *cell = odan_cli_pad (cells[i], widths[i]);
          g_string_append (line, cell);
          if (i + 1 < n)
            g_string_append (line, "  ");
        }
      while (line->len > 0 && line->str[line->len - 1] == ' ')
        g_string_truncate (line, line->len - 1);
      g_string_append_c (line, '\n');
    }
  else
    odan_csv_write_row (line, cells, n);
  fputs (line->str, stdout);
}

static int
print_summary (OdanExercise   *exercise,
               OdanCfSummary  *summary,
               gboolean        table)
{
  const OdanPack *pack = odan_exercise_get_pack (exercise);
  static const int widths[] = { 10, 14, 10, 24, 12, 14, 12 };
  char played[32], none[32], avoided[32];

  g_snprintf (played, sizeof played, "%.3f", summary->lost_all);
  g_snprintf (none, sizeof none, "%.3f", summary->lost_none);
  g_snprintf (avoided, sizeof avoided, "%.3f", summary->avoided);

  if (table)
    {
      g_autofree char *horizon = odan_time_format_offset (summary->horizon);
      /* Translators: weighted node-hours of lost operability, up to a time */
      printf (_("Lost operability up to %s, in weighted node-hours:\n"), horizon);
      printf (_("  as played            %s\n"), played);
      printf (_("  without mitigations  %s (avoided by all of them: %s)\n\n"), none, avoided);
    }

  {
    const char *header[] = { "scope", "event", "team", "mitigation", "applied", "lost_without", "avoided" };
    const char *header_table[] = { _("scope"), _("event"), _("team"), _("mitigation"), _("applied"),
                                   _("lost without"), _("avoided") };
    print_row (table, table ? header_table : header, widths, G_N_ELEMENTS (header));
  }
  if (!table)
    {
      /* lost as played = lost_without − avoided, on every row */
      const char *row[] = { "all", "", "", "", "", none, avoided };
      print_row (FALSE, row, widths, 7);
    }
  for (guint i = 0; i < summary->teams->len; i++)
    {
      const OdanCfTeam *t = &g_array_index (summary->teams, OdanCfTeam, i);
      char lost[32], av[32];
      g_snprintf (lost, sizeof lost, "%.3f", t->lost_without);
      g_snprintf (av, sizeof av, "%.3f", t->avoided);
      const char *row[] = { table ? _("team") : "team", "", team_id (pack, t->team), "", "", lost, av };
      print_row (table, row, widths, 7);
    }
  for (guint i = 0; i < summary->decisions->len; i++)
    {
      const OdanCfDecision *d = &g_array_index (summary->decisions, OdanCfDecision, i);
      char event[32], lost[32], av[32];
      g_autofree char *applied = odan_time_format_offset (d->applied);
      g_snprintf (event, sizeof event, "%" G_GINT64_FORMAT, d->event);
      g_snprintf (lost, sizeof lost, "%.3f", d->lost_without);
      g_snprintf (av, sizeof av, "%.3f", d->avoided);
      const char *row[] = { table ? _("decision") : "decision", event, team_id (pack, d->team),
                            mitigation_id (pack, d->mitigation), applied, lost, av };
      print_row (table, row, widths, 7);
    }
  return ODAN_CLI_OK;
}

int
odan_cli_counterfactual (int    argc,
                         char **argv)
{
  g_autofree char *until_text = NULL;
  g_autofree char *shift_text = NULL;
  g_autofree char *format_text = NULL;
  gint64 decision_event = 0;
  GOptionEntry entries[] = {
    { "until", 'u', 0, G_OPTION_ARG_STRING, &until_text,
      N_("Count lost operability up to this time (default: the last event)"), N_("TIME") },
    { "decision", 'd', 0, G_OPTION_ARG_INT64, &decision_event,
      N_("The decision to move: its event id, as odan-cli log prints it"), N_("ID") },
    { "shift", 's', 0, G_OPTION_ARG_STRING, &shift_text,
      N_("Apply that decision's mitigation this much later (-30m: earlier)"), N_("±DURATION") },
    { "format", 'f', 0, G_OPTION_ARG_STRING, &format_text,
      N_("table (default) or csv"), N_("FORMAT") },
    { NULL }
  };
  g_autoptr(GOptionContext) context =
    g_option_context_new (_("FILE.odan — what the teams' mitigations changed, and what moving one would have"));
  g_autoptr(GError) error = NULL;
  g_autoptr(OdanExercise) exercise = NULL;
  g_autoptr(OdanCounterfactual) cf = NULL;
  g_autoptr(OdanCfSummary) summary = NULL;
  OdanCliFormat format;
  double until = -1, shift = 0;

  if (!odan_cli_parse_options (context, entries, 1, _("expected exactly one exercise file"), &argc, &argv))
    return ODAN_CLI_USAGE;
  if (!odan_cli_parse_format (format_text, ODAN_CLI_FORMAT_TABLE, &format))
    return odan_cli_usage_error (context, _("--format must be table or csv"));
  if ((decision_event != 0) != (shift_text != NULL))
    return odan_cli_usage_error (context, _("--decision and --shift go together"));
  if (shift_text != NULL && !parse_shift (shift_text, &shift))
    return odan_cli_usage_error (context, _("--shift must be a duration such as 30m, +1h or -45m"));

  exercise = odan_cli_read_exercise (argv[1]);
  if (exercise == NULL)
    return ODAN_CLI_PROBLEMS;
  if (until_text != NULL && !odan_cli_parse_until (until_text, odan_exercise_get_pack (exercise), &until))
    return ODAN_CLI_USAGE;

  cf = odan_counterfactual_new (exercise, until, &error);
  if (cf == NULL)
    {
      fprintf (stderr, "odan-cli: %s\n", error->message);
      return ODAN_CLI_PROBLEMS;
    }
  summary = odan_counterfactual_summarize (cf);

  if (decision_event == 0)
    return print_summary (exercise, summary, format == ODAN_CLI_FORMAT_TABLE);

  for (guint i = 0; i < summary->decisions->len; i++)
    {
      const OdanCfDecision *d = &g_array_index (summary->decisions, OdanCfDecision, i);
      if (d->event != decision_event)
        continue;

      OdanCfVariant variant = { ODAN_CF_SHIFT_DECISION, 0, d->decision, shift };
      double lost = odan_counterfactual_lost (cf, &variant, NULL);
      double moved_to = MAX (0, d->applied + shift);
      char played[32], shifted[32], difference[32];
      g_autofree char *applied = odan_time_format_offset (d->applied);
      g_autofree char *moved = odan_time_format_offset (moved_to);
      g_autofree char *event = g_strdup_printf ("%" G_GINT64_FORMAT, d->event);

      g_snprintf (played, sizeof played, "%.3f", summary->lost_all);
      g_snprintf (shifted, sizeof shifted, "%.3f", lost);
      g_snprintf (difference, sizeof difference, "%+.3f", lost - summary->lost_all);
      if (format == ODAN_CLI_FORMAT_TABLE)
        {
          printf (_("Decision %s (%s, %s) applied at %s; moved to %s:\n"),
                  event, team_id (odan_exercise_get_pack (exercise), d->team),
                  mitigation_id (odan_exercise_get_pack (exercise), d->mitigation), applied, moved);
          printf (_("  lost operability as played  %s weighted node-hours\n"), played);
          printf (_("  lost operability if moved   %s weighted node-hours (%s)\n"), shifted, difference);
        }
      else
        {
          static const int widths[] = { 0 };
          const char *header[] = { "event", "team", "mitigation", "applied", "moved_to",
                                   "lost_as_played", "lost_if_moved", "difference" };
          const char *row[] = { event, team_id (odan_exercise_get_pack (exercise), d->team),
                                mitigation_id (odan_exercise_get_pack (exercise), d->mitigation),
                                applied, moved, played, shifted, difference };
          print_row (FALSE, header, widths, G_N_ELEMENTS (header));
          print_row (FALSE, row, widths, G_N_ELEMENTS (row));
        }
      return ODAN_CLI_OK;
    }

  g_autofree char *asked = g_strdup_printf ("%" G_GINT64_FORMAT, decision_event);
  fprintf (stderr, _("odan-cli: event %s is not a decision whose mitigation was applied "
                     "(odan-cli counterfactual %s lists them)\n"), asked, argv[1]);
  return ODAN_CLI_PROBLEMS;
}

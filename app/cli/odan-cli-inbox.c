/* odan-cli-inbox.c — `odan-cli inbox` and `odan-cli obligations`
 *
 * inbox FILE.odan --team TEAM [--at TIME] [--format table|csv]
 *   exactly what the team's own view shows at TIME (default: the
 *   exercise's time): every delivery that reached the team, with its ack
 *   state, then (table only) the team's decisions and obligations. The CSV
 *   has one row per delivery, columns delivery, inject, minute, time, kind,
 *   title, title_ja, from, channel, sharing, forwarded-by, received, read,
 *   body. Nothing a team may not see is printed (OdanTeamView).
 *
 * obligations FILE.odan [--team TEAM] [--at TIME] [--format table|csv]
 *   the reporting deadlines as the facilitator sees them: every team's
 *   obligations (or one team's) with their state at TIME; columns deadline,
 *   team, state, opened, due, met, label.
 */
#define G_LOG_DOMAIN "odan-cli"

#include <glib/gi18n.h>
#include <math.h>
#include <stdio.h>

#include "odan-cli.h"
#include "odan-csv.h"
#include "odan-team-view.h"
#include "odan-time.h"

/* An exact minute for CSV ("" when NAN). */
static void
format_minute (double minute,
               char   buf[32])
{
  if (isnan (minute))
    buf[0] = '\0';
  else
    odan_minute_key_format (odan_minute_key (minute), buf);
}

static char *
format_time (double minute)
{
  return isnan (minute) ? g_strdup ("—") : odan_time_format_offset (minute);
}

static const char *
obligation_state_label (OdanObligationState state)
{
  switch (state)
    {
    case ODAN_OBLIGATION_MET:
      return _("met");
    case ODAN_OBLIGATION_LATE:
      return _("late");
    case ODAN_OBLIGATION_MET_LATE:
      return _("met late");
    case ODAN_OBLIGATION_OPEN:
    default:
      return _("open");
    }
}

/* --at: a time of the scenario, or the exercise's time when not given. */
static gboolean
parse_at (const char   *text,
          OdanExercise *exercise,
          double       *out)
{
  if (text == NULL)
    {
      *out = odan_exercise_get_minute (exercise);
      return TRUE;
    }
  return odan_cli_parse_until (text, odan_exercise_get_pack (exercise), out);
}

static void
print_inbox_csv (const OdanTeamView *view)
{
  static const char *const header[] = {
    "delivery", "inject", "minute", "time", "kind", "title", "title_ja", "from", "channel",
    "sharing", "forwarded-by", "received", "read", "body", "from_ja", "body_ja",
  };
  g_autoptr(GString) out = g_string_new (NULL);

  odan_csv_write_row (out, header, G_N_ELEMENTS (header));
  for (guint i = 0; i < odan_team_view_get_n_inbox (view); i++)
    {
      const OdanInboxEntry *e = odan_team_view_get_inbox (view, i);
      g_autofree char *id = g_strdup_printf ("%" G_GINT64_FORMAT, e->delivery);
      g_autofree char *time = odan_time_format_offset (e->minute);
      char minute[32], received[32], read[32];
      const char *fields[G_N_ELEMENTS (header)];

      format_minute (e->minute, minute);
      format_minute (e->received, received);
      format_minute (e->read, read);
      fields[0] = id;
      fields[1] = e->inject != NULL ? e->inject : "";
      fields[2] = minute;
      fields[3] = time;
      fields[4] = e->kind;
      fields[5] = e->title != NULL ? e->title : "";
      fields[6] = e->title_ja != NULL ? e->title_ja : "";
      fields[7] = e->from != NULL ? e->from : "";
      fields[8] = e->channel != NULL ? e->channel : "";
      fields[9] = e->sharing != NULL ? e->sharing : "";
      fields[10] = e->forwarded_by != NULL ? e->forwarded_by : "";
      fields[11] = received;
      fields[12] = read;
      fields[13] = e->body != NULL ? e->body : "";
      fields[14] = e->from_ja != NULL ? e->from_ja : "";
      fields[15] = e->body_ja != NULL ? e->body_ja : "";
      odan_csv_write_row (out, fields, G_N_ELEMENTS (fields));
    }
  fputs (out->str, stdout);
}

static void
print_obligations_table (const OdanPack *pack,
                         const GArray   *obligations,
                         gboolean        with_team)
{
  g_autofree char *deadline = odan_cli_pad (_("Deadline"), 22);
  g_autofree char *team = odan_cli_pad (_("Team"), 20);
  g_autofree char *state = odan_cli_pad (_("State"), 10);
  g_autofree char *due = odan_cli_pad (_("Due"), 12);
  g_autofree char *met = odan_cli_pad (_("Met"), 12);

  printf ("%s %s%s %s %s %s %s\n", deadline, with_team ? team : "", with_team ? " " : "", state, due, met,
          _("What"));
  for (guint i = 0; i < obligations->len; i++)
    {
      const OdanObligation *o = &g_array_index (obligations, OdanObligation, i);
      const OdanDeadline *k = &pack->deadlines[o->deadline];
      g_autofree char *id = odan_cli_pad (k->id, 22);
      g_autofree char *who = odan_cli_pad (pack->teams[o->team].id, 20);
      g_autofree char *st = odan_cli_pad (obligation_state_label (o->state), 10);
      g_autofree char *due_text = format_time (o->due);
      g_autofree char *met_text = format_time (o->met);
      g_autofree char *due_cell = odan_cli_pad (due_text, 12);
      g_autofree char *met_cell = odan_cli_pad (met_text, 12);

      printf ("%s %s%s %s %s %s %s\n", id, with_team ? who : "", with_team ? " " : "", st, due_cell,
              met_cell, odan_pack_localized (k->label, k->label_ja));
    }
}

static void
print_inbox_table (OdanExercise       *exercise,
                   const OdanTeamView *view)
{
  const OdanPack *pack = odan_exercise_get_pack (exercise);
  const OdanTeam *team = &pack->teams[odan_team_view_get_team (view)];
  g_autofree char *at = odan_time_format_offset (odan_team_view_get_minute (view));

  printf (_("Inbox of %s (%s) at %s: %u messages, %u not acknowledged\n"),
          odan_pack_localized (team->name, team->name_ja), team->id, at,
          odan_team_view_get_n_inbox (view), odan_team_view_get_n_unacknowledged (view));
  for (guint i = 0; i < odan_team_view_get_n_inbox (view); i++)
    {
      const OdanInboxEntry *e = odan_team_view_get_inbox (view, i);
      g_autofree char *when = odan_time_format_offset (e->minute);
      g_autofree char *received = format_time (e->received);
      g_autofree char *read = format_time (e->read);
      g_autofree char *time = odan_cli_pad (when, 12);
      g_autofree char *id = odan_cli_pad (e->inject != NULL ? e->inject : _("ad hoc"), 14);

      printf ("%s %s %s\n", time, id, odan_pack_localized (e->title, e->title_ja));
      printf (_("             from %s by %s; received %s, read %s\n"),
              e->from != NULL || e->from_ja != NULL ? odan_pack_localized (e->from, e->from_ja) : "—", e->channel != NULL ? e->channel : "—", received, read);
      if (e->forwarded_by != NULL)
        printf (_("             forwarded by %s\n"), e->forwarded_by);
    }

  printf ("\n");
  printf (_("Decisions: %u\n"), odan_team_view_get_n_decisions (view));
  for (guint i = 0; i < odan_team_view_get_n_decisions (view); i++)
    {
      const OdanTeamDecision *d = odan_team_view_get_decision (view, i);
      g_autofree char *when = odan_time_format_offset (d->minute);
      g_autofree char *time = odan_cli_pad (when, 12);

      printf ("%s %s: %s%s%s%s\n", time, d->category, d->summary, d->detail[0] != '\0' ? " (" : "",
              d->detail, d->detail[0] != '\0' ? ")" : "");
    }

  if (pack->n_deadlines > 0)
    {
      printf ("\n");
      printf ("%s\n", _("Obligations:"));
      print_obligations_table (pack, odan_team_view_get_obligations (view), FALSE);
    }
}

int
odan_cli_inbox (int    argc,
                char **argv)
{
  g_autofree char *team = NULL;
  g_autofree char *at_text = NULL;
  g_autofree char *format_text = NULL;
  GOptionEntry entries[] = {
    { "team", 't', 0, G_OPTION_ARG_STRING, &team,
      N_("The team whose view to print (required)"), N_("TEAM") },
    { "at", 'a', 0, G_OPTION_ARG_STRING, &at_text,
      N_("The view at this time (a duration after T0 or a date-time; default: the exercise's time)"), N_("TIME") },
    { "format", 'f', 0, G_OPTION_ARG_STRING, &format_text,
      N_("table (default, for people) or csv"), N_("FORMAT") },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new (_("FILE.odan — print what one team sees"));
  g_autoptr(GError) error = NULL;
  g_autoptr(OdanExercise) exercise = NULL;
  g_autoptr(OdanTeamView) view = NULL;
  OdanCliFormat format;
  double at;

  if (!odan_cli_parse_options (context, entries, 1, _("expected exactly one exercise file"), &argc, &argv))
    return ODAN_CLI_USAGE;
  if (team == NULL)
    return odan_cli_usage_error (context, _("--team TEAM is required"));
  if (!odan_cli_parse_format (format_text, ODAN_CLI_FORMAT_TABLE, &format))
    return odan_cli_usage_error (context, _("--format must be csv or table"));

  exercise = odan_cli_read_exercise (argv[1]);
  if (exercise == NULL)
    return ODAN_CLI_PROBLEMS;
  if (!parse_at (at_text, exercise, &at))
    return ODAN_CLI_USAGE;
  view = odan_team_view_new (exercise, team, at, &error);
  if (view == NULL)
    {
      fprintf (stderr, "odan-cli: %s\n", error->message);
      return ODAN_CLI_PROBLEMS;
    }

  if (format == ODAN_CLI_FORMAT_CSV)
    print_inbox_csv (view);
  else
    print_inbox_table (exercise, view);
  return ODAN_CLI_OK;
}

int
odan_cli_obligations (int    argc,
                      char **argv)
{
  g_autofree char *team = NULL;
  g_autofree char *at_text = NULL;
  g_autofree char *format_text = NULL;
  GOptionEntry entries[] = {
    { "team", 't', 0, G_OPTION_ARG_STRING, &team,
      N_("Only this team's obligations"), N_("TEAM") },
    { "at", 'a', 0, G_OPTION_ARG_STRING, &at_text,
      N_("The state at this time (a duration after T0 or a date-time; default: the exercise's time)"), N_("TIME") },
    { "format", 'f', 0, G_OPTION_ARG_STRING, &format_text,
      N_("table (default, for people) or csv"), N_("FORMAT") },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new (_("FILE.odan — print the reporting deadlines: who is on time, who is late"));
  g_autoptr(OdanExercise) exercise = NULL;
  g_autoptr(GArray) obligations = NULL;
  const OdanPack *pack;
  guint32 t = ODAN_NONE;
  OdanCliFormat format;
  double at;

  if (!odan_cli_parse_options (context, entries, 1, _("expected exactly one exercise file"), &argc, &argv))
    return ODAN_CLI_USAGE;
  if (!odan_cli_parse_format (format_text, ODAN_CLI_FORMAT_TABLE, &format))
    return odan_cli_usage_error (context, _("--format must be csv or table"));

  exercise = odan_cli_read_exercise (argv[1]);
  if (exercise == NULL)
    return ODAN_CLI_PROBLEMS;
  pack = odan_exercise_get_pack (exercise);
  if (team != NULL && (t = odan_pack_find_team (pack, team)) == ODAN_NONE)
    {
      fprintf (stderr, _("odan-cli: unknown team '%s'\n"), team);
      return ODAN_CLI_PROBLEMS;
    }
  if (!parse_at (at_text, exercise, &at))
    return ODAN_CLI_USAGE;
  obligations = odan_exercise_get_obligations (exercise, t, at);

  if (format == ODAN_CLI_FORMAT_CSV)
    {
      static const char *const header[] = {
        "deadline", "team", "state", "opened", "due", "met", "label", "label_ja",
      };
      g_autoptr(GString) out = g_string_new (NULL);

      odan_csv_write_row (out, header, G_N_ELEMENTS (header));
      for (guint i = 0; i < obligations->len; i++)
        {
          const OdanObligation *o = &g_array_index (obligations, OdanObligation, i);
          const OdanDeadline *k = &pack->deadlines[o->deadline];
          char opened[32], due[32], met[32];
          const char *fields[G_N_ELEMENTS (header)];

          format_minute (o->opened, opened);
          format_minute (o->due, due);
          format_minute (o->met, met);
          fields[0] = k->id;
          fields[1] = pack->teams[o->team].id;
          fields[2] = odan_obligation_state_to_string (o->state);
          fields[3] = opened;
          fields[4] = due;
          fields[5] = met;
          fields[6] = k->label;
          fields[7] = k->label_ja != NULL ? k->label_ja : "";
          odan_csv_write_row (out, fields, G_N_ELEMENTS (fields));
        }
      fputs (out->str, stdout);
    }
  else
    print_obligations_table (pack, obligations, TRUE);
  return ODAN_CLI_OK;
}

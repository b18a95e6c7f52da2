/* odan-cli-log.c — `odan-cli log FILE.odan [--format csv|table]`
 *
 * The timeline of an exercise file, one row per event in id order. The CSV
 * has the columns id, kind, action, minute, time, wall, actor, team,
 * subject, ref, summary and details (the event's other fields as
 * "key=value; …"); the table is one line per event for people.
 */
#define G_LOG_DOMAIN "odan-cli"

#include <glib/gi18n.h>
#include <stdio.h>
#include <string.h>

#include "odan-cli.h"
#include "odan-csv.h"
#include "odan-exercise.h"
#include "odan-time.h"

static int
compare_keys (gconstpointer a,
              gconstpointer b)
{
  return strcmp (*(const char *const *) a, *(const char *const *) b);
}

/* "key=value; key=value" in key order; string arrays joined by ';'. */
char *
odan_cli_format_details (GVariant *details)
{
  g_autoptr(GString) out = g_string_new (NULL);
  g_autoptr(GPtrArray) keys = g_ptr_array_new ();
  GVariantIter iter;
  const char *key;
  GVariant *value;

  g_variant_iter_init (&iter, details);
  while (g_variant_iter_next (&iter, "{&sv}", &key, &value))
    {
      g_ptr_array_add (keys, (gpointer) key);
      g_variant_unref (value);
    }
  g_ptr_array_sort (keys, compare_keys);

  for (guint i = 0; i < keys->len; i++)
    {
      g_autoptr(GVariant) v = g_variant_lookup_value (details, g_ptr_array_index (keys, i), NULL);
      char number[G_ASCII_DTOSTR_BUF_SIZE];

      if (out->len > 0)
        g_string_append (out, "; ");
      g_string_append_printf (out, "%s=", (const char *) g_ptr_array_index (keys, i));
      if (g_variant_is_of_type (v, G_VARIANT_TYPE_STRING))
        g_string_append (out, g_variant_get_string (v, NULL));
      else if (g_variant_is_of_type (v, G_VARIANT_TYPE_STRING_ARRAY))
        {
          g_autofree const char **strv = g_variant_get_strv (v, NULL);
          g_autofree char *joined = g_strjoinv (";", (char **) strv);

          g_string_append (out, joined);
        }
      else if (g_variant_is_of_type (v, G_VARIANT_TYPE_DOUBLE))
        g_string_append (out, g_ascii_dtostr (number, sizeof number, g_variant_get_double (v)));
      else if (g_variant_is_of_type (v, G_VARIANT_TYPE_BOOLEAN))
        g_string_append (out, g_variant_get_boolean (v) ? "true" : "false");
      else
        {
          g_autofree char *printed = g_variant_print (v, FALSE);

          g_string_append (out, printed);
        }
    }
  return g_string_free (g_steal_pointer (&out), FALSE);
}

void
odan_cli_print_log_header (gboolean  table,
                           GString  *scratch)
{
  static const char *const header[] = {
    "id", "kind", "action", "minute", "time", "wall", "actor", "team", "subject", "ref",
    "summary", "details",
  };

  if (table)
    {
      g_autofree char *id = odan_cli_pad (_("Id"), 6);
      g_autofree char *time = odan_cli_pad (_("Time"), 12);
      g_autofree char *kind = odan_cli_pad (_("Kind"), 12);
      g_autofree char *who = odan_cli_pad (_("Who"), 14);

      printf ("%s %s %s %s %s\n", id, time, kind, who, _("What"));
      return;
    }
  g_string_truncate (scratch, 0);
  odan_csv_write_row (scratch, header, G_N_ELEMENTS (header));
  fputs (scratch->str, stdout);
}

void
odan_cli_print_log_event (const OdanEvent *event,
                          const char      *what,
                          gboolean         table,
                          GString         *scratch)
{
  g_autofree char *time = odan_time_format_offset (event->minute);
  g_autofree char *id = NULL;
  g_autofree char *ref = NULL;
  g_autofree char *details = NULL;
  char minute[32];
  const char *fields[12];

  if (table)
    {
      printf ("%-6" G_GINT64_FORMAT " %-12s %-12s %-14s %s\n", event->id, time,
              odan_event_kind_to_string (event->kind), event->actor, what);
      return;
    }

  id = g_strdup_printf ("%" G_GINT64_FORMAT, event->id);
  ref = event->ref > 0 ? g_strdup_printf ("%" G_GINT64_FORMAT, event->ref) : g_strdup ("");
  details = odan_cli_format_details (event->details);
  odan_minute_key_format (odan_minute_key (event->minute), minute);
  fields[0] = id;
  fields[1] = odan_event_kind_to_string (event->kind);
  fields[2] = odan_event_action_to_string (event);
  fields[3] = minute;
  fields[4] = time;
  fields[5] = event->wall;
  fields[6] = event->actor;
  fields[7] = event->team != NULL ? event->team : "";
  fields[8] = event->subject != NULL ? event->subject : "";
  fields[9] = ref;
  fields[10] = what;
  fields[11] = details;
  g_string_truncate (scratch, 0);
  odan_csv_write_row (scratch, fields, G_N_ELEMENTS (fields));
  fputs (scratch->str, stdout);
}

static void
print_log (OdanExercise *exercise,
           gboolean      table)
{
  g_autoptr(GString) scratch = g_string_new (NULL);

  odan_cli_print_log_header (table, scratch);
  for (guint i = 0; i < odan_exercise_get_n_events (exercise); i++)
    {
      const OdanEvent *event = odan_exercise_get_event (exercise, i);
      g_autofree char *described = NULL;

      /* the table describes every event; the CSV keeps the logged summary
       * and describes only clock events, which carry no text of their own */
      if (table || event->summary[0] == '\0')
        described = odan_exercise_describe_event (exercise, event);
      odan_cli_print_log_event (event, described != NULL ? described : event->summary, table, scratch);
    }
}

int
odan_cli_log (int    argc,
              char **argv)
{
  g_autofree char *format_text = NULL;
  GOptionEntry entries[] = {
    { "format", 'f', 0, G_OPTION_ARG_STRING, &format_text,
      N_("csv (default) or table (for people)"), N_("FORMAT") },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new (_("FILE.odan — print the timeline of an exercise"));
  g_autoptr(OdanExercise) exercise = NULL;
  OdanCliFormat format;

  if (!odan_cli_parse_options (context, entries, 1, _("expected exactly one exercise file"), &argc, &argv))
    return ODAN_CLI_USAGE;
  if (!odan_cli_parse_format (format_text, ODAN_CLI_FORMAT_CSV, &format))
    return odan_cli_usage_error (context, _("--format must be csv or table"));

  /* a team's connection reads only its own view, without the model */
  if (odan_store_location_is_database (argv[1]))
    {
      int status;

      if (odan_cli_print_team_log (argv[1], format == ODAN_CLI_FORMAT_TABLE, &status))
        return status;
    }
  exercise = odan_cli_read_exercise (argv[1]);
  if (exercise == NULL)
    return ODAN_CLI_PROBLEMS;

  print_log (exercise, format == ODAN_CLI_FORMAT_TABLE);
  return ODAN_CLI_OK;
}

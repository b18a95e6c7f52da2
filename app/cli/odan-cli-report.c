/* odan-cli-report.c — `odan-cli report FILE.odan --format html|pdf|csv|xlsx -o OUT [--lang ja|en] [--until TIME]`
 *
 * The after-action report / improvement plan of an exercise, headless: the
 * same report the console's review view exports (odan-report.h). HTML and
 * PDF write one file; CSV writes a folder with one file per table, xlsx
 * the same tables as one workbook.
 */
#define G_LOG_DOMAIN "odan-cli"

#include <glib/gi18n.h>
#include <stdio.h>

#include "odan-cli.h"
#include "odan-report.h"

int
odan_cli_report (int    argc,
                 char **argv)
{
  g_autofree char *format_text = NULL;
  g_autofree char *output = NULL;
  g_autofree char *lang_text = NULL;
  g_autofree char *until_text = NULL;
  GOptionEntry entries[] = {
    { "format", 'f', 0, G_OPTION_ARG_STRING, &format_text,
      N_("html, pdf, csv (a folder with one file per table) or xlsx (one workbook, a sheet per table)"), N_("FORMAT") },
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output,
      N_("The file to write (a folder for csv)"), N_("OUT") },
    { "lang", 'l', 0, G_OPTION_ARG_STRING, &lang_text,
      N_("The report's language: ja or en (default: the interface's)"), N_("LANG") },
    { "until", 'u', 0, G_OPTION_ARG_STRING, &until_text,
      N_("Count lost operability up to this time (default: the last event)"), N_("TIME") },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new (_("FILE.odan — write the after-action report and improvement plan"));
  g_autoptr(GError) error = NULL;
  g_autoptr(OdanExercise) exercise = NULL;
  g_autoptr(OdanReport) report = NULL;
  OdanReportFormat format;
  OdanReportLang lang = odan_report_lang_default ();
  double until = -1;

  if (!odan_cli_parse_options (context, entries, 1, _("expected exactly one exercise file"), &argc, &argv))
    return ODAN_CLI_USAGE;
  if (format_text == NULL || !odan_report_format_from_string (format_text, &format))
    return odan_cli_usage_error (context, _("--format must be html, pdf, csv or xlsx"));
  if (output == NULL)
    return odan_cli_usage_error (context, _("-o OUT is required"));
  if (lang_text != NULL && !odan_report_lang_from_string (lang_text, &lang))
    return odan_cli_usage_error (context, _("--lang must be ja or en"));

  exercise = odan_cli_read_exercise (argv[1]);
  if (exercise == NULL)
    return ODAN_CLI_PROBLEMS;
  if (until_text != NULL && !odan_cli_parse_until (until_text, odan_exercise_get_pack (exercise), &until))
    return ODAN_CLI_USAGE;

  report = odan_report_new (exercise, until, &error);
  if (report == NULL || !odan_report_write (report, format, lang, output, &error))
    {
      fprintf (stderr, "odan-cli: %s\n", error->message);
      return ODAN_CLI_PROBLEMS;
    }
  return ODAN_CLI_OK;
}

/* odan-cli-export.c — `odan-cli export PACK [--to DIR] [--xlsx FILE.xlsx] [--msel-only FILE.csv|FILE.xlsx] [--style pack|hseep|japanese]` */
#define G_LOG_DOMAIN "odan-cli"

#include <glib/gi18n.h>
#include <stdio.h>

#include "odan-cli.h"
#include "odan-msel-import.h"
#include "odan-pack-writer.h"

int
odan_cli_export (int    argc,
                 char **argv)
{
  g_autofree char *to = NULL;
  g_autofree char *msel = NULL;
  g_autofree char *xlsx = NULL;
  g_autofree char *style_text = NULL;
  GOptionEntry entries[] = {
    { "to", 't', 0, G_OPTION_ARG_FILENAME, &to,
      N_("Write the whole pack into this folder (Excel CSV: UTF-8 with BOM, CRLF)"), N_("DIR") },
    { "xlsx", 'x', 0, G_OPTION_ARG_FILENAME, &xlsx,
      N_("Write the whole pack into this Excel workbook, a sheet per table"), N_("FILE.xlsx") },
    { "msel-only", 'm', 0, G_OPTION_ARG_FILENAME, &msel,
      N_("Write only the MSEL (the injects) to this file: a workbook when it ends in .xlsx, CSV otherwise"),
      N_("FILE") },
    { "style", 's', 0, G_OPTION_ARG_STRING, &style_text,
      N_("Column names of the MSEL: pack (default), hseep or japanese"), N_("STYLE") },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new (_("PACK — write a pack back as spreadsheet CSV"));
  g_autoptr(GError) error = NULL;
  OdanMselStyle style = ODAN_MSEL_STYLE_PACK;

  if (!odan_cli_parse_options (context, entries, 1, _("expected exactly one pack folder"), &argc, &argv))
    return ODAN_CLI_USAGE;
  if (to == NULL && msel == NULL && xlsx == NULL)
    return odan_cli_usage_error (context, _("give --to DIR, --xlsx FILE.xlsx, --msel-only FILE or several"));
  if (style_text != NULL && !odan_msel_style_from_string (style_text, &style))
    return odan_cli_usage_error (context, _("--style must be pack, hseep or japanese"));

  g_autoptr(OdanPack) pack = odan_cli_load_pack (argv[1], TRUE);
  if (pack == NULL)
    return ODAN_CLI_PROBLEMS;

  if (to != NULL)
    {
      if (!odan_pack_write (pack, to, &error))
        {
          fprintf (stderr, "odan-cli: %s\n", error->message);
          return ODAN_CLI_PROBLEMS;
        }
      printf (_("Wrote the pack to %s\n"), to);
    }
  if (xlsx != NULL)
    {
      if (!odan_pack_write_xlsx (pack, xlsx, &error))
        {
          fprintf (stderr, "odan-cli: %s\n", error->message);
          return ODAN_CLI_PROBLEMS;
        }
      printf (_("Wrote the pack to %s\n"), xlsx);
    }
  if (msel != NULL)
    {
      if (!odan_msel_export (pack, style, msel, &error))
        {
          fprintf (stderr, "odan-cli: %s\n", error->message);
          return ODAN_CLI_PROBLEMS;
        }
      printf (g_dngettext (GETTEXT_PACKAGE, "Wrote %u inject to %s\n", "Wrote %u injects to %s\n",
                           pack->n_injects), pack->n_injects, msel);
    }
  return ODAN_CLI_OK;
}

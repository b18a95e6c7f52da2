/* odan-cli-import-msel.c — `odan-cli import-msel FILE.csv|FILE.xlsx --pack PACK [--sheet NAME] [--mapping F] [--save-mapping F] [--replace] [--dry-run]` */
#define G_LOG_DOMAIN "odan-cli"

#include <glib/gi18n.h>
#include <stdio.h>

#include "odan-cli.h"
#include "odan-msel-import.h"

static const char *
encoding_name (OdanCsvEncoding encoding)
{
  switch (encoding)
    {
    case ODAN_CSV_ENCODING_UTF8_BOM: return _("UTF-8 with BOM");
    case ODAN_CSV_ENCODING_CP932:    return _("CP932 (Shift_JIS)");
    case ODAN_CSV_ENCODING_UTF8:
    default:                         return _("UTF-8");
    }
}

static void
print_mapping (const OdanMselSheet   *sheet,
               const OdanMselMapping *mapping)
{
  if (sheet->sheet != NULL)
    printf (_("%s: sheet “%s”, header on row %u, %u rows\n"), sheet->path,
            sheet->sheet, sheet->header_line, sheet->rows->len);
  else
    printf (_("%s: %s, header on line %u, %u rows\n"), sheet->path,
            encoding_name (sheet->encoding), sheet->header_line, sheet->rows->len);
  printf (_("Mapping (signature %s):\n"), mapping->signature);
  for (guint c = 0; c < mapping->n_columns; c++)
    {
      const OdanMselColumn *col = &mapping->columns[c];
      g_autofree char *header = odan_cli_pad (col->header, 36);

      printf ("  %s → %-16s %3.0f%%  %s\n", header, odan_msel_field_to_string (col->field),
              col->confidence * 100.0, odan_msel_field_label (col->field));
    }
}

static void
print_diagnostics (GPtrArray *diagnostics)
{
  for (guint i = 0; i < diagnostics->len; i++)
    {
      g_autofree char *line = odan_diagnostic_format (g_ptr_array_index (diagnostics, i));
      fprintf (stderr, "%s\n", line);
    }
}

int
odan_cli_import_msel (int    argc,
                      char **argv)
{
  g_autofree char *pack_path = NULL;
  g_autofree char *mapping_path = NULL;
  g_autofree char *save_path = NULL;
  g_autofree char *sheet_name = NULL;
  gboolean replace = FALSE, dry_run = FALSE;
  GOptionEntry entries[] = {
    { "pack", 'p', 0, G_OPTION_ARG_FILENAME, &pack_path,
      N_("The scenario pack folder to import into (required)"), N_("PACK") },
    { "sheet", 0, 0, G_OPTION_ARG_STRING, &sheet_name,
      N_("The worksheet of an Excel workbook to read (default: the first)"), N_("NAME") },
    { "mapping", 'm', 0, G_OPTION_ARG_FILENAME, &mapping_path,
      N_("Use the column mapping saved in this file for this sheet's header"), N_("FILE") },
    { "save-mapping", 's', 0, G_OPTION_ARG_FILENAME, &save_path,
      N_("Save the mapping used into this file, for the next import"), N_("FILE") },
    { "replace", 'r', 0, G_OPTION_ARG_NONE, &replace,
      N_("Replace the pack's injects instead of adding to them"), NULL },
    { "dry-run", 'n', 0, G_OPTION_ARG_NONE, &dry_run,
      N_("Check everything but write nothing"), NULL },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new (_("FILE.csv|FILE.xlsx — import a spreadsheet MSEL into a pack"));
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) diagnostics = g_ptr_array_new_with_free_func ((GDestroyNotify) odan_diagnostic_free);
  g_autoptr(OdanMselSheet) sheet = NULL;
  g_autoptr(OdanMselMapping) mapping = NULL;
  g_autoptr(OdanMselImport) import = NULL;
  guint n_injects = 0;

  if (!odan_cli_parse_options (context, entries, 1, _("expected exactly one MSEL file"), &argc, &argv))
    return ODAN_CLI_USAGE;
  if (pack_path == NULL)
    return odan_cli_usage_error (context, _("--pack is required"));

  g_autoptr(OdanPack) pack = odan_cli_load_pack (pack_path, TRUE);
  if (pack == NULL)
    return ODAN_CLI_PROBLEMS;

  sheet = odan_msel_sheet_read_sheet (argv[1], sheet_name, &error);
  if (sheet == NULL)
    {
      fprintf (stderr, "odan-cli: %s\n", error->message);
      return ODAN_CLI_PROBLEMS;
    }

  if (mapping_path != NULL)
    {
      mapping = odan_msel_mapping_load (mapping_path, (const char *const *) sheet->headers, &error);
      if (mapping == NULL)
        {
          fprintf (stderr, "odan-cli: %s\n", error->message);
          return ODAN_CLI_PROBLEMS;
        }
    }
  else
    mapping = odan_msel_mapping_propose ((const char *const *) sheet->headers);

  print_mapping (sheet, mapping);

  if (!odan_msel_mapping_check (mapping, &error))
    {
      fprintf (stderr, "odan-cli: %s: %s\n", sheet->path, error->message);
      return ODAN_CLI_PROBLEMS;
    }
  if (save_path != NULL && !odan_msel_mapping_save (mapping, save_path, &error))
    {
      fprintf (stderr, "odan-cli: %s\n", error->message);
      return ODAN_CLI_PROBLEMS;
    }

  import = odan_msel_import (sheet, mapping, pack, diagnostics, &error);
  if (import == NULL)
    {
      print_diagnostics (diagnostics);
      fprintf (stderr, "odan-cli: %s\n", error->message);
      return ODAN_CLI_PROBLEMS;
    }
  if (!odan_msel_import_apply (import, pack, replace, dry_run, diagnostics, &n_injects, &error))
    {
      print_diagnostics (diagnostics);
      fprintf (stderr, "odan-cli: %s\n", error->message);
      return ODAN_CLI_PROBLEMS;
    }
  print_diagnostics (diagnostics);   /* warnings only */

  if (dry_run)
    printf (g_dngettext (GETTEXT_PACKAGE,
                         "Dry run: %u inject would be imported; the pack would have %u injects; nothing was written\n",
                         "Dry run: %u injects would be imported; the pack would have %u injects; nothing was written\n",
                         import->injects->len),
            import->injects->len, n_injects);
  else
    printf (g_dngettext (GETTEXT_PACKAGE,
                         "Imported %u inject into %s; the pack has %u injects\n",
                         "Imported %u injects into %s; the pack has %u injects\n",
                         import->injects->len),
            import->injects->len, pack_path, n_injects);
  return ODAN_CLI_OK;
}

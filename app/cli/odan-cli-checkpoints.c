/* odan-cli-checkpoints.c — `odan-cli checkpoints PACK [--file F] [--format table|csv]`
 *
 * Each recorded checkpoint of a validation pack beside Odan's value and
 * whether it falls inside the record's window (engine/SEMANTICS.md §13),
 * then how many are inside. Exit 0 whatever the share: the share is the
 * finding, and the tests hold the packs to their standard.
 */
#define G_LOG_DOMAIN "odan-cli"

#include <glib/gi18n.h>
#include <stdio.h>

#include "odan-checkpoints.h"
#include "odan-cli.h"
#include "odan-csv.h"

static void
print_csv (const OdanPack *pack,
           const GArray   *cps,
           const double   *values)
{
  g_autoptr(GString) out = g_string_new (NULL);
  const char *header[] = { "time", "node", "recorded", "low", "high", "odan", "inside", "source" };

  odan_csv_write_row (out, header, G_N_ELEMENTS (header));
  for (guint i = 0; i < cps->len; i++)
    {
      const OdanCheckpoint *cp = &g_array_index (cps, OdanCheckpoint, i);
      g_autofree char *rec = g_strdup_printf ("%.4f", cp->recorded);
      g_autofree char *low = g_strdup_printf ("%.4f", cp->low);
      g_autofree char *high = g_strdup_printf ("%.4f", cp->high);
      g_autofree char *odan = g_strdup_printf ("%.4f", values[i]);
      const char *row[] = { cp->time_text, pack->nodes[cp->node].id, rec, low, high, odan,
                            odan_checkpoint_inside (cp, values[i]) ? "inside" : "outside",
                            cp->source };
      odan_csv_write_row (out, row, G_N_ELEMENTS (row));
    }
  fwrite (out->str, 1, out->len, stdout);
}

static void
print_table (const OdanPack *pack,
             const GArray   *cps,
             const double   *values,
             guint           inside)
{
  g_autofree char *time = odan_cli_pad (_("Time"), 18);
  g_autofree char *node = odan_cli_pad (_("Node"), 28);

  printf ("%s %s %s\n", time, node, _("Recorded [window]  Odan  Inside"));
  for (guint i = 0; i < cps->len; i++)
    {
      const OdanCheckpoint *cp = &g_array_index (cps, OdanCheckpoint, i);
      gboolean in = odan_checkpoint_inside (cp, values[i]);
      printf ("%-18s %-28s %5.1f%% [%5.1f–%5.1f]  %5.1f%%  %s\n",
              cp->time_text, pack->nodes[cp->node].id, cp->recorded * 100, cp->low * 100,
              cp->high * 100, values[i] * 100, in ? _("inside") : _("OUTSIDE"));
    }
  printf (g_dngettext (NULL, "%u of %u checkpoint inside its window (%.0f%%)\n",
                       "%u of %u checkpoints inside their windows (%.0f%%)\n", cps->len),
          inside, cps->len, cps->len ? 100.0 * inside / cps->len : 0.0);
}

int
odan_cli_checkpoints (int    argc,
                      char **argv)
{
  g_autofree char *file = NULL;
  g_autofree char *format_text = NULL;
  GOptionEntry entries[] = {
    { "file", 0, 0, G_OPTION_ARG_FILENAME, &file,
      N_("Read the checkpoints from this file instead of the pack's checkpoints.csv"), N_("FILE") },
    { "format", 'f', 0, G_OPTION_ARG_STRING, &format_text,
      N_("table (default, for people) or csv"), N_("FORMAT") },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new (_("PACK — compare the model with recorded checkpoints"));
  g_autoptr(GPtrArray) diagnostics = g_ptr_array_new_with_free_func ((GDestroyNotify) odan_diagnostic_free);
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) cps = NULL;
  g_autofree double *values = NULL;
  OdanCliFormat format;
  guint inside = 0;

  if (!odan_cli_parse_options (context, entries, 1, _("expected exactly one pack folder"), &argc, &argv))
    return ODAN_CLI_USAGE;
  if (!odan_cli_parse_format (format_text, ODAN_CLI_FORMAT_TABLE, &format))
    return odan_cli_usage_error (context, _("--format must be csv or table"));

  g_autoptr(OdanPack) pack = odan_cli_load_pack (argv[1], TRUE);
  if (pack == NULL)
    return ODAN_CLI_PROBLEMS;
  cps = odan_checkpoints_load (pack, file, diagnostics, &error);
  for (guint i = 0; i < diagnostics->len; i++)
    {
      g_autofree char *line = odan_diagnostic_format (g_ptr_array_index (diagnostics, i));
      g_autofree char *dir = file ? g_path_get_dirname (file) : g_strdup (argv[1]);
      g_autofree char *full = g_build_filename (dir, line, NULL);
      fprintf (stderr, "%s\n", full);
    }
  if (cps == NULL)
    {
      if (diagnostics->len == 0)
        fprintf (stderr, "odan-cli: %s\n", error->message);
      return ODAN_CLI_PROBLEMS;
    }

  values = g_new (double, cps->len + 1);
  odan_checkpoints_evaluate (pack, cps, values);
  for (guint i = 0; i < cps->len; i++)
    inside += odan_checkpoint_inside (&g_array_index (cps, OdanCheckpoint, i), values[i]);
  if (format == ODAN_CLI_FORMAT_CSV)
    print_csv (pack, cps, values);
  else
    print_table (pack, cps, values, inside);
  return ODAN_CLI_OK;
}

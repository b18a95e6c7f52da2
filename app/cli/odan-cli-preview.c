/* odan-cli-preview.c — `odan-cli preview PACK [--until TIME] [--format table|csv]` */
#define G_LOG_DOMAIN "odan-cli"

#include <glib/gi18n.h>
#include <stdio.h>

#include "odan-cli.h"
#include "odan-csv.h"
#include "odan-preview.h"
#include "odan-time.h"

static char *
offset_or_dash (double minutes)
{
  return minutes < 0 ? g_strdup ("-") : odan_time_format_offset (minutes);
}

static const char *
timing_word (OdanPreviewTiming timing)
{
  switch (timing)
    {
    case ODAN_PREVIEW_TIMING_OK:    return "ok";
    case ODAN_PREVIEW_TIMING_EARLY: return "early";
    case ODAN_PREVIEW_TIMING_LATE:  return "late";
    case ODAN_PREVIEW_TIMING_NONE:
    default:                        return "";
    }
}

static void
print_csv (const OdanPreview *p)
{
  const OdanPack *pack = p->pack;
  g_autoptr(GString) out = g_string_new (NULL);
  char number[G_ASCII_DTOSTR_BUF_SIZE];

  /* one table, two kinds of rows: the sectors' degraded spans (the first with
   * the worst level and its time in level/reference), then the injects' mentions */
  const char *header[] = { "kind", "id", "sector", "time", "end", "level", "timing", "reference",
                           "keyword", "by" };
  odan_csv_write_row (out, header, G_N_ELEMENTS (header));
  for (guint s = 0; s < p->n_sectors; s++)
    {
      const OdanPreviewSector *ps = &p->sectors[s];
      for (guint k = 0; k < ps->n_spans; k++)
        {
          g_autofree char *start = g_strdup (g_ascii_formatd (number, sizeof number, "%.3f", ps->spans[k].start));
          g_autofree char *end = ps->spans[k].end < 0 ? g_strdup ("")
                                 : g_strdup (g_ascii_formatd (number, sizeof number, "%.3f", ps->spans[k].end));
          g_autofree char *level = NULL;
          g_autofree char *worst = NULL;
          if (k == 0)
            {
              level = g_strdup (g_ascii_formatd (number, sizeof number, "%.4f", ps->worst_level));
              worst = g_strdup (g_ascii_formatd (number, sizeof number, "%.3f", ps->worst_time));
            }
          const char *row[] = { "degraded", pack->sectors[s].id, pack->sectors[s].id, start, end,
                                level, "", worst, "", "" };
          odan_csv_write_row (out, row, G_N_ELEMENTS (row));
        }
    }
  for (guint i = 0; i < p->n_injects; i++)
    {
      const OdanPreviewInject *pi = &p->injects[i];
      for (guint k = 0; k < pi->n_mentions; k++)
        {
          const OdanPreviewMention *m = &pi->mentions[k];
          g_autofree char *time = g_strdup (g_ascii_formatd (number, sizeof number, "%.3f", pi->time));
          g_autofree char *ref = m->reference < 0 ? g_strdup ("")
                                 : g_strdup (g_ascii_formatd (number, sizeof number, "%.3f", m->reference));
          const char *row[] = { "inject", pack->injects[pi->inject].id, pack->sectors[m->sector].id,
                                time, "", "", timing_word (m->timing), ref,
                                m->keyword != NULL ? m->keyword : "",
                                m->by_effect && m->by_keyword ? "both"
                                : m->by_effect ? "effect" : "keyword" };
          odan_csv_write_row (out, row, G_N_ELEMENTS (row));
        }
    }
  fwrite (out->str, 1, out->len, stdout);
}

static void
print_table (const OdanPreview *p)
{
  const OdanPack *pack = p->pack;
  guint n_flagged = 0, n_noted = 0;
  int width = 0;

  /* the names in one column, however long the longest */
  for (guint s = 0; s < p->n_sectors; s++)
    width = MAX (width, odan_cli_columns (odan_pack_localized (pack->sectors[s].name, pack->sectors[s].name_ja)));

  printf ("%s\n", _("Sectors without decisions:"));
  for (guint s = 0; s < p->n_sectors; s++)
    {
      const OdanPreviewSector *ps = &p->sectors[s];
      g_autofree char *name = odan_cli_pad (odan_pack_localized (pack->sectors[s].name,
                                                                 pack->sectors[s].name_ja), width);
      if (ps->first_degraded < 0)
        {
          printf ("  %s %s\n", name, _("stays at 100%"));
          continue;
        }
      g_autofree char *first = offset_or_dash (ps->first_degraded);
      g_autofree char *worst = offset_or_dash (ps->worst_time);
      printf (_("  %s degrades at %s, worst %.1f%% at %s"), name, first, ps->worst_level * 100.0, worst);
      const OdanPreviewSpan *last = &ps->spans[ps->n_spans - 1];
      if (last->end >= 0)
        {
          g_autofree char *back = odan_time_format_offset (last->end);
          printf (_(", back at 100%% at %s"), back);
        }
      printf ("\n");
    }

  printf ("\n%s\n", _("Injects and the sectors they talk about:"));
  for (guint i = 0; i < p->n_injects; i++)
    {
      const OdanPreviewInject *pi = &p->injects[i];
      const OdanInject *in = &pack->injects[pi->inject];
      g_autofree char *at = odan_time_format_offset (pi->time);
      GString *sectors = g_string_new (NULL);

      for (guint k = 0; k < pi->n_mentions; k++)
        {
          const OdanPreviewMention *m = &pi->mentions[k];
          if (k > 0)
            g_string_append (sectors, ", ");
          g_string_append (sectors, pack->sectors[m->sector].id);
          if (m->by_effect)
            g_string_append (sectors, _(" (effect)"));
        }
      printf ("  %-12s %-10s %s%s%s\n", at, in->id,
              odan_pack_localized (in->title, in->title_ja),
              sectors->len > 0 ? " — " : "", sectors->str);
      g_string_free (sectors, TRUE);

      for (guint k = 0; k < pi->n_mentions; k++)
        {
          const OdanPreviewMention *m = &pi->mentions[k];
          const char *sector = pack->sectors[m->sector].id;
          if (m->timing == ODAN_PREVIEW_TIMING_EARLY)
            {
              n_flagged++;
              if (m->reference < 0)
                printf (_("      ⚠ announces an outage in %s (“%s”) but the model never degrades it\n"),
                        sector, m->keyword);
              else
                {
                  g_autofree char *when = odan_time_format_offset (m->reference);
                  printf (_("      ⚠ announces an outage in %s (“%s”) before the model has one (from %s)\n"),
                          sector, m->keyword, when);
                }
            }
          else if (m->timing == ODAN_PREVIEW_TIMING_LATE)
            {
              g_autofree char *when = odan_time_format_offset (m->reference);
              n_noted++;
              printf (_("      note: speaks of an outage in %s long after it recovered (at %s)\n"),
                      sector, when);
            }
        }
    }
  printf ("\n");
  printf (g_dngettext (GETTEXT_PACKAGE, "%u inject flagged", "%u injects flagged", n_flagged), n_flagged);
  printf (g_dngettext (GETTEXT_PACKAGE, ", %u note\n", ", %u notes\n", n_noted), n_noted);
}

int
odan_cli_preview (int    argc,
                  char **argv)
{
  g_autofree char *format_text = NULL;
  g_autofree char *until_text = NULL;
  GOptionEntry entries[] = {
    { "until", 'u', 0, G_OPTION_ARG_STRING, &until_text,
      N_("Run up to this time (default: the scenario's duration)"), N_("TIME") },
    { "format", 'f', 0, G_OPTION_ARG_STRING, &format_text,
      N_("table (default, for people) or csv"), N_("FORMAT") },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new (_("PACK — run the scenario without decisions and check the MSEL against it"));
  OdanCliFormat format;
  double until;

  if (!odan_cli_parse_options (context, entries, 1, _("expected exactly one pack folder"), &argc, &argv))
    return ODAN_CLI_USAGE;
  if (!odan_cli_parse_format (format_text, ODAN_CLI_FORMAT_TABLE, &format))
    return odan_cli_usage_error (context, _("--format must be table or csv"));

  g_autoptr(OdanPack) pack = odan_cli_load_pack (argv[1], TRUE);
  if (pack == NULL)
    return ODAN_CLI_PROBLEMS;
  if (!odan_cli_parse_until (until_text, pack, &until))
    return ODAN_CLI_USAGE;

  g_autoptr(OdanPreview) preview = odan_preview_run (pack, until);
  if (format == ODAN_CLI_FORMAT_CSV)
    print_csv (preview);
  else
    print_table (preview);
  return ODAN_CLI_OK;
}

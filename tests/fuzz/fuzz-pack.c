/* fuzz-pack.c — fuzz target for the pack loader (odan_pack_load), and a
 * short simulation of every small pack it accepts
 *
 * The input is a whole pack in one file: its sections are separated by
 * lines that are exactly "%%", in this order:
 *
 *   scenario.ini %% sectors.csv %% nodes.csv %% dependencies.csv %%
 *   teams.csv %% injects.csv %% mitigations.csv
 *
 * Sections missing at the end are files missing from the pack. The
 * sections are written to a temporary folder made once per process (and
 * removed at exit) and the folder is loaded. Checked beyond memory safety:
 *  - NULL comes with ODAN_PACK_ERROR and at least one error diagnostic; a
 *    pack comes with no error diagnostic; every diagnostic formats;
 *  - an accepted pack is consistent: every index in range, values in their
 *    ranges, the by-dependent index sorted and complete, ids found again;
 *  - an accepted small pack (at most 300 nodes and 3000 edges) simulates
 *    over at most two days: changes come in time order with operability in
 *    [0, 1], and odan_sim_write_csv() writes the header and a row per node.
 *
 * With ODAN_FUZZ_VERBOSE set in the environment the diagnostics are
 * printed, which helps when writing seeds.
 */
#include "fuzz-common.h"

#include <glib/gstdio.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "odan-diagnostic.h"
#include "odan-pack.h"
#include "odan-sim.h"

static const char *const section_files[] = {
  "scenario.ini", "sectors.csv", "nodes.csv", "dependencies.csv",
  "teams.csv", "injects.csv", "mitigations.csv",
};

static char *pack_dir;

static void
remove_pack_dir (void)
{
  if (pack_dir == NULL)
    return;
  for (guint i = 0; i < G_N_ELEMENTS (section_files); i++)
    {
      g_autofree char *path = g_build_filename (pack_dir, section_files[i], NULL);
      g_unlink (path);
    }
  g_rmdir (pack_dir);
  g_clear_pointer (&pack_dir, g_free);
}

int
LLVMFuzzerInitialize (int *argc, char ***argv)
{
  g_autoptr(GError) error = NULL;

  odan_fuzz_init ();
  pack_dir = g_dir_make_tmp ("odan-fuzz-pack-XXXXXX", &error);
  if (pack_dir == NULL)
    g_error ("cannot make a temporary folder: %s", error->message);
  atexit (remove_pack_dir);
  return 0;
}

/* Writes the sections of @data to the pack folder; files of sections the
 * input does not have are removed. */
static void
write_sections (const char *data, size_t size)
{
  const char *p = data, *end = data + size;

  for (guint i = 0; i < G_N_ELEMENTS (section_files); i++)
    {
      g_autofree char *path = g_build_filename (pack_dir, section_files[i], NULL);
      g_autoptr(GError) error = NULL;
      const char *sep = NULL;
      const char *q = p;

      if (p == NULL)
        {
          g_unlink (path);
          continue;
        }
      /* the next line that is exactly "%%" (with LF or CRLF) */
      while (q < end)
        {
          const char *nl = memchr (q, '\n', (gsize) (end - q));
          const char *line_end = nl != NULL ? nl : end;
          gsize n = (gsize) (line_end - q);

          if (n > 0 && q[n - 1] == '\r')
            n--;
          if (n == 2 && q[0] == '%' && q[1] == '%')
            {
              sep = q;
              break;
            }
          q = nl != NULL ? nl + 1 : end;
        }

      if (!g_file_set_contents (path, p, (gssize) ((sep != NULL ? sep : end) - p), &error))
        g_error ("%s", error->message);

      if (sep != NULL)
        {
          const char *nl = memchr (sep, '\n', (gsize) (end - sep));
          p = nl != NULL ? nl + 1 : end;
        }
      else
        p = NULL;
    }
}

static void
check_pack (const OdanPack *pack)
{
  odan_fuzz_check (pack->in_start != NULL || pack->n_nodes == 0, "no in_start");
  odan_fuzz_check (isfinite (pack->duration) && pack->duration >= 0, "duration %g", pack->duration);

  for (guint i = 0; i < pack->n_nodes; i++)
    {
      const OdanNode *n = &pack->nodes[i];
      odan_fuzz_check (n->id != NULL && n->id[0] != '\0', "node %u without id", i);
      odan_fuzz_check (n->sector < pack->n_sectors, "node %s: sector %u of %u", n->id, n->sector, pack->n_sectors);
      odan_fuzz_check (n->region == ODAN_NONE || n->region < pack->n_regions,
                       "node %s: region %u of %u", n->id, n->region, pack->n_regions);
      odan_fuzz_check (n->team == ODAN_NONE || n->team < pack->n_teams,
                       "node %s: team %u of %u", n->id, n->team, pack->n_teams);
      odan_fuzz_check (odan_pack_find_node (pack, n->id) == i, "node %s not found at %u", n->id, i);
    }

  for (guint e = 0; e < pack->n_edges; e++)
    {
      const OdanEdge *edge = &pack->edges[e];
      odan_fuzz_check (edge->provider < pack->n_nodes && edge->dependent < pack->n_nodes
                       && edge->provider != edge->dependent,
                       "edge %u: %u -> %u of %u nodes", e, edge->provider, edge->dependent, pack->n_nodes);
      odan_fuzz_check (edge->type <= ODAN_DEP_LOGICAL, "edge %u: type %d", e, edge->type);
      odan_fuzz_check (edge->strength >= 0 && edge->strength <= 1, "edge %u: strength %g", e, edge->strength);
      odan_fuzz_check (isfinite (edge->buffer) && edge->buffer >= 0, "edge %u: buffer %g", e, edge->buffer);
      odan_fuzz_check (isfinite (edge->lag) && edge->lag >= 0, "edge %u: lag %g", e, edge->lag);
      odan_fuzz_check (isfinite (edge->restart) && edge->restart >= 0, "edge %u: restart %g", e, edge->restart);
      odan_fuzz_check (edge->coverage > 0 && edge->coverage <= 1, "edge %u: coverage %g", e, edge->coverage);
      odan_fuzz_check (edge->group == ODAN_NONE || edge->group < pack->n_groups,
                       "edge %u: group %u of %u", e, edge->group, pack->n_groups);
      odan_fuzz_check (odan_pack_find_edge (pack, edge->provider, edge->dependent) == e,
                       "edge %u not found by its ends", e);
    }

  if (pack->n_nodes > 0)
    {
      odan_fuzz_check (pack->in_start[0] == 0 && pack->in_start[pack->n_nodes] == pack->n_edges,
                       "in_start runs from %u to %u for %u edges",
                       pack->in_start[0], pack->in_start[pack->n_nodes], pack->n_edges);
      for (guint d = 0; d < pack->n_nodes; d++)
        {
          odan_fuzz_check (pack->in_start[d] <= pack->in_start[d + 1], "in_start decreases at %u", d);
          for (guint32 k = pack->in_start[d]; k < pack->in_start[d + 1]; k++)
            {
              guint32 e = pack->in_edges[k];
              odan_fuzz_check (e < pack->n_edges && pack->edges[e].dependent == d,
                               "in_edges[%u] = %u is not an edge into node %u", k, e, d);
              odan_fuzz_check (k == pack->in_start[d]
                               || pack->edges[pack->in_edges[k - 1]].provider < pack->edges[e].provider,
                               "edges into node %u are not sorted by provider", d);
            }
        }
    }

  for (guint i = 0; i < pack->n_injects; i++)
    {
      const OdanInject *inj = &pack->injects[i];
      odan_fuzz_check (isfinite (inj->time) && inj->time >= 0, "inject %s: time %g", inj->id, inj->time);
      for (guint k = 0; k < inj->n_to; k++)
        odan_fuzz_check (inj->to[k] < pack->n_teams, "inject %s: team %u of %u", inj->id, inj->to[k], pack->n_teams);
      odan_fuzz_check (odan_pack_find_inject (pack, inj->id) == i, "inject %s not found at %u", inj->id, i);
      for (guint k = 0; inj->effects != NULL && k < inj->effects->len; k++)
        {
          const OdanEffect *eff = &g_array_index (inj->effects, OdanEffect, k);
          if (eff->kind == ODAN_EFFECT_BUFFER || eff->kind == ODAN_EFFECT_STRENGTH)
            odan_fuzz_check (eff->edge < pack->n_edges, "inject %s: effect '%s' on edge %u of %u",
                             inj->id, eff->text, eff->edge, pack->n_edges);
          else
            for (guint32 j = 0; j < eff->n_nodes; j++)
              odan_fuzz_check (eff->nodes[j] < pack->n_nodes && (j == 0 || eff->nodes[j - 1] < eff->nodes[j]),
                               "inject %s: effect '%s' has node indices out of range or order", inj->id, eff->text);
        }
    }

  for (guint i = 0; i < pack->n_mitigations; i++)
    {
      const OdanMitigation *m = &pack->mitigations[i];
      odan_fuzz_check (isfinite (m->delay) && m->delay >= 0, "mitigation %s: delay %g", m->id, m->delay);
      odan_fuzz_check (m->team == ODAN_NONE || m->team < pack->n_teams, "mitigation %s: team %u", m->id, m->team);
      odan_fuzz_check (odan_pack_find_mitigation (pack, m->id) == i, "mitigation %s not found at %u", m->id, i);
    }
}

typedef struct {
  const OdanPack *pack;
  double          last_time;
} Watch;

static void
on_change (const OdanChange *change, gpointer user_data)
{
  Watch *w = user_data;

  odan_fuzz_check (change->time >= w->last_time, "change at %g after one at %g", change->time, w->last_time);
  odan_fuzz_check (change->node < w->pack->n_nodes, "change of node %u of %u", change->node, w->pack->n_nodes);
  odan_fuzz_check (change->value >= 0 && change->value <= 1, "node %s changes to %g",
                   w->pack->nodes[change->node].id, change->value);
  w->last_time = change->time;
}

static void
simulate (const OdanPack *pack)
{
  double until = MIN (pack->duration > 0 ? pack->duration : 1440, 2 * 1440);
  Watch w = { pack, 0 };
  OdanSim *sim;
  char *csv = NULL;
  size_t csv_len = 0;
  FILE *out;
  guint lines = 0;

  sim = odan_sim_new (pack);
  odan_sim_schedule_injects (sim);
  odan_sim_run_until (sim, until, on_change, &w);
  for (guint32 n = 0; n < pack->n_nodes; n++)
    {
      double o = odan_sim_get_operability (sim, n);
      odan_fuzz_check (o >= 0 && o <= 1, "node %s ends at %g", pack->nodes[n].id, o);
    }
  odan_sim_free (sim);

  out = open_memstream (&csv, &csv_len);
  sim = odan_sim_new (pack);
  odan_sim_schedule_injects (sim);
  odan_sim_write_csv (sim, until, out);
  odan_sim_free (sim);
  fclose (out);

  odan_fuzz_check (g_str_has_prefix (csv, "minute,node,operability\n"), "CSV starts '%.40s'", csv);
  for (const char *p = csv; (p = strchr (p, '\n')) != NULL; p++)
    lines++;
  odan_fuzz_check (lines >= pack->n_nodes + 1, "CSV has %u lines for %u nodes", lines, pack->n_nodes);
  free (csv);
}

int
LLVMFuzzerTestOneInput (const uint8_t *data, size_t size)
{
  g_autoptr(GPtrArray) diagnostics = g_ptr_array_new_with_free_func ((GDestroyNotify) odan_diagnostic_free);
  g_autoptr(GError) error = NULL;
  g_autoptr(OdanPack) pack = NULL;
  guint n_errors = 0;
  gboolean verbose = g_getenv ("ODAN_FUZZ_VERBOSE") != NULL;

  write_sections ((const char *) data, size);
  pack = odan_pack_load (pack_dir, diagnostics, &error);

  for (guint i = 0; i < diagnostics->len; i++)
    {
      const OdanDiagnostic *diag = g_ptr_array_index (diagnostics, i);
      g_autofree char *text = odan_diagnostic_format (diag);

      odan_fuzz_check (diag->file != NULL && diag->message != NULL && diag->message[0] != '\0',
                       "diagnostic %u without file or message", i);
      odan_fuzz_check (text != NULL && g_utf8_validate (text, -1, NULL), "diagnostic %u formats badly", i);
      if (diag->severity == ODAN_DIAGNOSTIC_ERROR)
        n_errors++;
      if (verbose)
        g_printerr ("%s\n", text);
    }
  if (verbose)
    g_printerr ("%s\n", pack != NULL ? "loaded" : error->message);

  if (pack == NULL)
    {
      odan_fuzz_check (error != NULL && error->domain == ODAN_PACK_ERROR, "NULL pack with error %s",
                       error != NULL ? error->message : "none");
      odan_fuzz_check (error->code != ODAN_PACK_ERROR_INVALID || n_errors > 0,
                       "pack refused as invalid without an error diagnostic: %s", error->message);
      return 0;
    }

  odan_fuzz_check (error == NULL && n_errors == 0, "a pack loaded with %u error diagnostics", n_errors);
  check_pack (pack);
  if (pack->n_nodes <= 300 && pack->n_edges <= 3000)
    simulate (pack);
  return 0;
}

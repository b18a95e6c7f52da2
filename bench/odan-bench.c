/* odan-bench.c — measures loading a pack and simulating it
 *
 *   odan-bench PACK [--until DURATION] [--out FILE]
 *
 * Loads and validates PACK with odan_pack_load(), schedules its injects,
 * then runs odan_sim_write_csv() to DURATION (default: the scenario's own
 * duration) writing the spec's CSV to FILE (default /dev/null), and prints
 * the figures the README quotes: load time, simulation time (including the
 * CSV), instants and changes with their rates, and the peak resident set.
 * Times are wall-clock from g_get_monotonic_time(); peak memory is
 * getrusage()'s ru_maxrss, which covers the whole process.
 */
#define G_LOG_DOMAIN "odan-bench"

#include <errno.h>
#include <glib.h>
#include <stdio.h>
#include <string.h>
#include <sys/resource.h>
#include <unistd.h>

#include "odan-diagnostic.h"
#include "odan-pack.h"
#include "odan-sim.h"
#include "odan-time.h"

/* Peak resident set in MiB (ru_maxrss is in KiB on Linux). */
static double
peak_rss_mib (void)
{
  struct rusage usage;

  if (getrusage (RUSAGE_SELF, &usage) != 0)
    return -1;
  return usage.ru_maxrss / 1024.0;
}

/* Current resident set in MiB from /proc/self/statm, or -1 where there is
 * no /proc: it tells the pack's own size apart from the loader's peak. */
static double
current_rss_mib (void)
{
  g_autofree char *statm = NULL;
  unsigned long size, resident;

  if (!g_file_get_contents ("/proc/self/statm", &statm, NULL, NULL)
      || sscanf (statm, "%lu %lu", &size, &resident) != 2)
    return -1;
  return resident * (double) sysconf (_SC_PAGESIZE) / (1024.0 * 1024.0);
}

static double
per_second (guint64 count, double seconds)
{
  return seconds > 0 ? count / seconds : 0;
}

int
main (int argc, char **argv)
{
  g_autofree char *until_text = NULL;
  g_autofree char *out_path = NULL;
  GOptionEntry entries[] = {
    { "until", 0, 0, G_OPTION_ARG_STRING, &until_text, "Simulate up to this duration after T0 (default: the scenario's duration)", "DURATION" },
    { "out", 0, 0, G_OPTION_ARG_FILENAME, &out_path, "Write the CSV here (default /dev/null)", "FILE" },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new ("PACK — time loading and simulating a scenario pack");
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) diagnostics = g_ptr_array_new_with_free_func ((GDestroyNotify) odan_diagnostic_free);
  g_autoptr(OdanPack) pack = NULL;
  OdanSim *sim;
  FILE *out;
  double until, load_s, sim_s, rss_after_load, rss_pack;
  guint64 n_instants, n_changes;
  gint64 t0, t1, t2, t3;

  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      g_printerr ("odan-bench: %s\n", error->message);
      return 2;
    }
  if (argc != 2)
    {
      g_printerr ("odan-bench: expected one PACK folder (see --help)\n");
      return 2;
    }

  t0 = g_get_monotonic_time ();
  pack = odan_pack_load (argv[1], diagnostics, &error);
  t1 = g_get_monotonic_time ();
  rss_after_load = peak_rss_mib ();
  rss_pack = current_rss_mib ();

  for (guint i = 0; i < diagnostics->len; i++)
    {
      const OdanDiagnostic *diag = g_ptr_array_index (diagnostics, i);
      g_autofree char *text = odan_diagnostic_format (diag);
      /* A large pack's warnings would drown the figures: show the first few. */
      if (i == 20)
        {
          g_printerr ("odan-bench: … %u more diagnostics\n", diagnostics->len - i);
          break;
        }
      g_printerr ("%s: %s\n", argv[1], text);
    }
  if (pack == NULL)
    {
      g_printerr ("odan-bench: %s: %s\n", argv[1], error->message);
      return 1;
    }

  if (until_text != NULL)
    {
      if (!odan_duration_parse (until_text, &until, &error))
        {
          g_printerr ("odan-bench: --until %s: %s\n", until_text, error->message);
          return 2;
        }
    }
  else
    until = pack->duration;

  if (out_path == NULL)
    out_path = g_strdup ("/dev/null");
  out = fopen (out_path, "w");
  if (out == NULL)
    {
      int saved = errno;
      g_printerr ("odan-bench: %s: cannot create: %s\n", out_path, g_strerror (saved));
      return 1;
    }
  setvbuf (out, NULL, _IOFBF, 1 << 20);

  load_s = (t1 - t0) / 1e6;
  g_print ("pack:        %s (%u nodes, %u edges, %u injects)\n",
           argv[1], pack->n_nodes, pack->n_edges, pack->n_injects);
  g_print ("load:        %.3f s (peak RSS so far %.1f MiB, resident after load %.1f MiB)\n",
           load_s, rss_after_load, rss_pack);

  t2 = g_get_monotonic_time ();
  sim = odan_sim_new (pack);
  odan_sim_schedule_injects (sim);
  odan_sim_write_csv (sim, until, out);
  if (fflush (out) != 0 || ferror (out))
    {
      int saved = errno;
      g_printerr ("odan-bench: %s: cannot write: %s\n", out_path, g_strerror (saved));
      fclose (out);
      odan_sim_free (sim);
      return 1;
    }
  t3 = g_get_monotonic_time ();
  fclose (out);

  n_instants = odan_sim_get_n_instants (sim);
  n_changes = odan_sim_get_n_changes (sim);
  odan_sim_free (sim);

  sim_s = (t3 - t2) / 1e6;
  g_print ("simulation:  %.3f s to minute %g, CSV to %s\n", sim_s, until, out_path);
  g_print ("instants:    %" G_GUINT64_FORMAT " (%.0f/s)\n", n_instants, per_second (n_instants, sim_s));
  g_print ("changes:     %" G_GUINT64_FORMAT " (%.0f/s)\n", n_changes, per_second (n_changes, sim_s));
  g_print ("peak RSS:    %.1f MiB\n", peak_rss_mib ());
  return 0;
}

/* odan-bench-runs.c — many runs under uncertainty (engine/SEMANTICS.md §12)
 *
 *   odan-bench-runs PACK [UNCERTAINTY] [--runs N] [--seed S] [--repeat K]
 *
 * Loads the pack and the uncertainty file (by default the pack's own
 * uncertainty.csv) once, then computes the bands of
 * N runs (default 1,000) K times (default 5) and prints each wall time, the
 * fastest and the median, the rows of the CSV and the process's CPU time.
 * `ninja -C BUILD bench-runs` runs it on the Kanto pack with its
 * scenarios/kanto/uncertainty.csv. It measures and prints; it is not a test.
 */
#include <stdio.h>
#include <stdlib.h>
#include <sys/resource.h>

#include "odan-sim-runs.h"

static int
cmp_double (const void *a, const void *b)
{
  double x = *(const double *) a, y = *(const double *) b;
  return (x > y) - (x < y);
}

int
main (int argc, char **argv)
{
  int runs = 1000, repeat = 5;
  gint64 seed = 1;
  GOptionEntry entries[] = {
    { "runs", 0, 0, G_OPTION_ARG_INT, &runs, "Runs per measurement (default 1000)", "N" },
    { "seed", 0, 0, G_OPTION_ARG_INT64, &seed, "Seed (default 1)", "S" },
    { "repeat", 0, 0, G_OPTION_ARG_INT, &repeat, "Measurements (default 5)", "K" },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new ("PACK [UNCERTAINTY]");
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) diags = g_ptr_array_new_with_free_func ((GDestroyNotify) odan_diagnostic_free);

  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error) || argc < 2 || argc > 3 || runs < 1 || repeat < 1)
    {
      fprintf (stderr, "usage: odan-bench-runs PACK [UNCERTAINTY] [--runs N] [--seed S] [--repeat K]\n");
      return 2;
    }
  g_autoptr(OdanPack) pack = odan_pack_load (argv[1], diags, &error);
  if (pack == NULL)
    {
      fprintf (stderr, "odan-bench-runs: %s\n", error->message);
      return 1;
    }
  g_autoptr(OdanUncertainty) u = odan_uncertainty_load (pack, argc == 3 ? argv[2] : NULL, diags, &error);
  if (u == NULL)
    {
      fprintf (stderr, "odan-bench-runs: %s\n", error->message);
      return 1;
    }

  double *wall = g_new (double, repeat);
  guint rows = 0;
  for (int k = 0; k < repeat; k++)
    {
      gint64 t0 = g_get_monotonic_time ();
      g_autoptr(OdanRuns) r = odan_runs_compute (pack, u, NULL, (guint) runs, (guint64) seed, pack->duration);
      wall[k] = (g_get_monotonic_time () - t0) / 1e6;
      rows = r->rows->len;
      printf ("%d runs of %s (%u uncertain values): %.3f s\n", runs, pack->id, u->rows->len, wall[k]);
    }
  qsort (wall, repeat, sizeof (double), cmp_double);
  struct rusage ru;
  getrusage (RUSAGE_SELF, &ru);
  printf ("fastest %.3f s, median %.3f s; %u band rows; CPU %.2f s user over %d measurements\n",
          wall[0], wall[repeat / 2], rows,
          ru.ru_utime.tv_sec + ru.ru_utime.tv_usec / 1e6, repeat);
  g_free (wall);
  return 0;
}

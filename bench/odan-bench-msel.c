/* odan-bench-msel.c — how smoothly the console's MSEL scrolls through a long list
 *
 *   odan-bench-msel PACK [--steps N]
 *
 * Starts an exercise on PACK (one with many injects: `odan-gen-pack DIR
 * --nodes 2000 --effects 10000` writes 10,000) in a temporary file, shows the
 * console's MSEL, then scrolls it from top to bottom in half-page steps. Each
 * step is what one frame costs: the list binds the rows that came into view,
 * lays out and draws the window (rendered through the window's own renderer,
 * as GTK does for a frame). Prints the median, 99th percentile and worst step
 * in milliseconds. Needs a display (run it under xvfb-run); measure with
 * GSK_RENDERER=cairo for a figure comparable across machines.
 */
#define G_LOG_DOMAIN "odan-bench"

#include <adwaita.h>
#include <glib/gstdio.h>
#include <stdio.h>
#include <stdlib.h>

#include "odan-application.h"
#include "odan-exercise-view-private.h"
#include "odan-window-private.h"

static void
drain (void)
{
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

/* One frame: layout and the window's render node, rendered to a texture. */
static void
render_frame (GtkWidget *window)
{
  g_autoptr(GdkPaintable) paintable = gtk_widget_paintable_new (window);
  g_autoptr(GtkSnapshot) snapshot = gtk_snapshot_new ();
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  int width = gtk_widget_get_width (window);
  int height = gtk_widget_get_height (window);

  drain ();
  gdk_paintable_snapshot (paintable, GDK_SNAPSHOT (snapshot), width, height);
  node = gtk_snapshot_to_node (snapshot);
  if (node != NULL)
    texture = gsk_renderer_render_texture (gtk_native_get_renderer (GTK_NATIVE (window)), node,
                                           &GRAPHENE_RECT_INIT (0, 0, width, height));
}

static int
cmp_double (const void *a, const void *b)
{
  double x = *(const double *) a, y = *(const double *) b;
  return (x > y) - (x < y);
}

int
main (int    argc,
      char **argv)
{
  int steps = 400;
  GOptionEntry entries[] = {
    { "steps", 0, 0, G_OPTION_ARG_INT, &steps, "Scroll steps to measure at most", "N" },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new ("PACK — measure MSEL scrolling");
  g_autoptr(GError) error = NULL;

  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error) || argc != 2)
    {
      fprintf (stderr, "odan-bench-msel: %s\n", error ? error->message : "expected a pack folder");
      return 2;
    }
  if (!gtk_init_check ())
    {
      fprintf (stderr, "odan-bench-msel: no display (run it under xvfb-run)\n");
      return 1;
    }
  adw_init ();

  g_autoptr(OdanApplication) app = odan_application_new (G_APPLICATION_NON_UNIQUE);
  if (!g_application_register (G_APPLICATION (app), NULL, &error))
    {
      fprintf (stderr, "odan-bench-msel: %s\n", error->message);
      return 1;
    }

  g_autofree char *dir = g_dir_make_tmp ("odan-bench-msel-XXXXXX", &error);
  g_autofree char *path = g_build_filename (dir, "bench.odan", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GFile) pack = g_file_new_for_commandline_arg (argv[1]);
  OdanWindow *window = odan_window_new (app);

  gtk_window_set_default_size (GTK_WINDOW (window), 1280, 800);
  gtk_window_present (GTK_WINDOW (window));

  gint64 t_open = g_get_monotonic_time ();
  if (!odan_window_open_exercise (window, file, pack, &error))
    {
      fprintf (stderr, "odan-bench-msel: %s\n", error->message);
      return 1;
    }
  render_frame (GTK_WIDGET (window));
  double open_ms = (g_get_monotonic_time () - t_open) / 1000.0;

  OdanExerciseView *view = window->exercise_view;
  GtkAdjustment *adj = gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (view->msel_view));
  guint n_rows = g_list_model_get_n_items (G_LIST_MODEL (gtk_column_view_get_model (view->msel_view)));
  g_autofree double *ms = g_new (double, steps);
  int n = 0;

  /* The list learns its full height as it binds rows: keep stepping until
   * the bottom is reached or the step budget is spent. */
  while (n < steps)
    {
      double value = gtk_adjustment_get_value (adj);
      double top = gtk_adjustment_get_upper (adj) - gtk_adjustment_get_page_size (adj);
      if (value >= top && n > 0)
        break;
      gint64 t0 = g_get_monotonic_time ();
      gtk_adjustment_set_value (adj, MIN (value + gtk_adjustment_get_page_size (adj) / 2, top));
      render_frame (GTK_WIDGET (window));
      ms[n++] = (g_get_monotonic_time () - t0) / 1000.0;
    }

  qsort (ms, n, sizeof (double), cmp_double);
  printf ("msel: %u injects; exercise opened and first frame in %.0f ms\n", n_rows, open_ms);
  printf ("msel: %d half-page scroll steps to the bottom: median %.1f ms, 99th percentile %.1f ms, worst %.1f ms per frame\n",
          n, ms[n / 2], ms[(int) (n * 0.99) < n ? (int) (n * 0.99) : n - 1], ms[n - 1]);

  gtk_window_destroy (GTK_WINDOW (window));
  drain ();
  g_unlink (path);
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  g_autofree char *shm = g_strconcat (path, "-shm", NULL);
  g_autofree char *lock = g_strconcat (path, "-lock", NULL);
  g_unlink (wal);
  g_unlink (shm);
  g_unlink (lock);
  g_rmdir (dir);
  return 0;
}

/* test-graph.c — the console's dependency graph (OdanGraphView) under a display
 *
 * Each case starts a new exercise from a pack in a temporary folder, opens
 * it in a real window and checks the graph page: it opens on the sector
 * overview (a box per sector, one arrow per pair of sectors); selecting a
 * node lays out its neighbourhood, where Graphviz puts every node shown
 * inside the drawing with no two boxes overlapping, keeps it in view,
 * highlights the path that explains its level and names its cause; a
 * delivered inject recolours the nodes it takes down.
 * The clock is driven in step mode, so nothing depends on timing. Without a
 * display the cases skip.
 *
 * With ODAN_TEST_GRAPH_PNG set to a path, the Kanto case also renders the
 * window on the graph page after the blackout to that PNG, for review.
 */
#define G_LOG_DOMAIN "odan-test"

#include <glib/gstdio.h>
#include <math.h>
#include <string.h>

#include "odan-application.h"
#include "ui-test.h"
#include "odan-exercise-view-private.h"
#include "odan-window-private.h"

static OdanApplication *app;  /* NULL without a display */

#define REQUIRE_DISPLAY() UI_TEST_REQUIRE_DISPLAY (app)

typedef UiTestFixture Fixture;

static void
fixture_setup (Fixture       *fixture,
               gconstpointer  data)
{
  ui_test_fixture_setup (fixture, "odan-test-graph-XXXXXX", "exercise.odan");
}

static gboolean
count_frame (GtkWidget     *widget,
             GdkFrameClock *frame_clock,
             gpointer       user_data)
{
  guint *frames = user_data;

  (*frames)++;
  return G_SOURCE_CONTINUE;
}

/* Lets the window lay out and draw twice: the graph is drawn for real. */
static void
wait_frames (GtkWidget *widget)
{
  guint frames = 0;
  guint id = gtk_widget_add_tick_callback (widget, count_frame, &frames, NULL);

  while (frames < 2)
    g_main_context_iteration (NULL, TRUE);
  gtk_widget_remove_tick_callback (widget, id);
}

static OdanWindow *
window_with_pack (Fixture    *fixture,
                  const char *pack_name)
{
  g_autofree char *pack_path = g_build_filename (g_getenv ("ODAN_SCENARIOS"), pack_name, NULL);
  g_autoptr(GFile) pack_folder = g_file_new_for_path (pack_path);
  g_autoptr(GFile) file = g_file_new_for_path (fixture->path);
  g_autoptr(GError) error = NULL;
  OdanWindow *window = odan_window_new (app);

  gtk_window_set_default_size (GTK_WINDOW (window), 1400, 900);
  gtk_window_present (GTK_WINDOW (window));

  g_assert_true (odan_window_open_exercise (window, file, pack_folder, &error));
  g_assert_no_error (error);
  adw_view_stack_set_visible_child_name (window->exercise_view->view_stack, "graph");
  wait_frames (GTK_WIDGET (window));
  return window;
}

/* Takes the window down and proves nothing else holds it, its graph view or
 * its exercise. */
static void
window_destroy (OdanWindow *window)
{
  OdanGraphView *graph = window->exercise_view->graph_view;

  g_object_add_weak_pointer (G_OBJECT (graph), (gpointer *) &graph);
  ui_test_window_destroy (window);
  g_assert_null (graph);
}

/* Every node shown inside the drawing, at a finite place, no two boxes
 * overlapping; the others not drawn. */
static void
check_layout (OdanGraphView  *graph,
              const OdanPack *pack)
{
  g_autofree graphene_rect_t *boxes = g_new0 (graphene_rect_t, pack->n_nodes);
  g_autofree gboolean *shown = g_new0 (gboolean, pack->n_nodes);
  guint n_shown = 0;
  int width, height;

  g_assert_false (odan_graph_view_is_overview (graph));
  odan_graph_view_get_graph_size (graph, &width, &height);
  g_assert_cmpint (width, >, 0);
  g_assert_cmpint (height, >, 0);

  for (guint32 i = 0; i < pack->n_nodes; i++)
    {
      graphene_rect_t *b = &boxes[i];
      graphene_point_t centre;

      shown[i] = odan_graph_view_get_node_bounds (graph, i, b);
      if (!shown[i])
        continue;
      n_shown++;
      g_assert_true (isfinite (b->origin.x) && isfinite (b->origin.y));
      g_assert_true (isfinite (b->size.width) && isfinite (b->size.height));
      g_assert_cmpfloat (b->size.width, >, 10);
      g_assert_cmpfloat (b->size.height, >, 10);
      g_assert_cmpfloat (b->origin.x, >=, 0);
      g_assert_cmpfloat (b->origin.y, >=, 0);
      g_assert_cmpfloat (b->origin.x + b->size.width, <=, width);
      g_assert_cmpfloat (b->origin.y + b->size.height, <=, height);

      /* A click at the box's centre finds that node. */
      graphene_rect_get_center (b, &centre);
      g_assert_cmpuint (odan_graph_view_node_at (graph, centre.x, centre.y), ==, i);

      for (guint32 j = 0; j < i; j++)
        {
          graphene_rect_t overlap;

          if (shown[j] && graphene_rect_intersection (b, &boxes[j], &overlap))
            g_assert_cmpfloat (overlap.size.width * overlap.size.height, <, 1e-6);
        }
    }
  g_assert_cmpuint (n_shown, ==, odan_graph_view_get_n_shown (graph));
  g_assert_cmpuint (odan_graph_view_node_at (graph, -5, -5), ==, ODAN_NONE);
}

/* The overview: one box per sector with nodes, each found at its centre;
 * no node is drawn. */
static void
check_overview (OdanGraphView  *graph,
                const OdanPack *pack)
{
  guint n = 0;

  g_assert_true (odan_graph_view_is_overview (graph));
  for (guint32 s = 0; s < pack->n_sectors; s++)
    {
      graphene_rect_t b;
      graphene_point_t centre;

      if (!odan_graph_view_get_sector_bounds (graph, s, &b))
        continue;
      n++;
      graphene_rect_get_center (&b, &centre);
      g_assert_cmpuint (odan_graph_view_sector_at (graph, centre.x, centre.y), ==, s);
      g_assert_cmpuint (odan_graph_view_node_at (graph, centre.x, centre.y), ==, ODAN_NONE);
    }
  g_assert_cmpuint (n, ==, odan_graph_view_get_n_shown (graph));
  g_assert_cmpuint (n, >, 1);
  for (guint32 i = 0; i < pack->n_nodes; i++)
    {
      graphene_rect_t b;

      g_assert_false (odan_graph_view_get_node_bounds (graph, i, &b));
    }
}

/* @node's box is (at least partly) in the part of the drawing in view. */
static void
assert_in_view (OdanGraphView *graph,
                guint32        node)
{
  graphene_rect_t bounds, area, overlap;

  g_assert_true (odan_graph_view_get_node_bounds (graph, node, &bounds));
  odan_graph_view_get_visible_area (graph, &area);
  g_assert_cmpfloat (area.size.width, >, 0);
  g_assert_true (graphene_rect_intersection (&bounds, &area, &overlap));
  g_assert_cmpfloat (overlap.size.width * overlap.size.height, >=, bounds.size.width * bounds.size.height / 2);
}

static void
save_window (GtkWidget  *widget,
             const char *path)
{
  g_autoptr(GdkPaintable) paintable = gtk_widget_paintable_new (widget);
  g_autoptr(GtkSnapshot) snapshot = gtk_snapshot_new ();
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);

  gdk_paintable_snapshot (paintable, GDK_SNAPSHOT (snapshot), width, height);
  node = gtk_snapshot_to_node (snapshot);
  g_assert_nonnull (node);
  texture = gsk_renderer_render_texture (gtk_native_get_renderer (GTK_NATIVE (widget)), node,
                                         &GRAPHENE_RECT_INIT (0, 0, width, height));
  g_assert_true (gdk_texture_save_to_png (texture, path));
}

static void
start_clock (OdanExercise *exercise)
{
  g_autoptr(GError) error = NULL;
  gint64 event_id = odan_exercise_start (exercise, ODAN_CLOCK_STEP, 1.0, &error);

  g_assert_no_error (error);
  g_assert_cmpint (event_id, >, 0);
}

/* Moves the clock to @minute, delivering what falls due on the way. */
static void
jump_to (OdanExercise *exercise,
         double        minute)
{
  g_autoptr(GError) error = NULL;
  gint64 event_id = odan_exercise_jump (exercise, minute, &error);

  g_assert_no_error (error);
  g_assert_cmpint (event_id, >, 0);
}

/* Cases ---------------------------------------------------------------------- */

static void
test_graph_example (Fixture       *fixture,
                    gconstpointer  data)
{
  OdanWindow *window;
  OdanGraphView *graph;
  OdanExercise *exercise;
  const OdanPack *pack;
  guint32 node;
  const char *cause;

  REQUIRE_DISPLAY ();

  window = window_with_pack (fixture, "example");
  graph = window->exercise_view->graph_view;
  exercise = odan_window_get_exercise (window);
  pack = odan_exercise_get_pack (exercise);
  check_overview (graph, pack);
  g_assert_cmpuint (odan_graph_view_get_n_shown (graph), ==, pack->n_sectors);

  /* INJ-01 takes the grid (power.kanto) down to 0. */
  node = odan_pack_find_node (pack, "power.kanto");
  g_assert_cmpuint (node, !=, ODAN_NONE);
  g_assert_cmpstr (odan_graph_view_get_node_level_class (graph, node), ==, "level-normal");
  g_assert_null (odan_graph_view_get_cause_text (graph));

  /* INJ-01, due at T+0, is delivered as the clock moves on. */
  start_clock (exercise);
  jump_to (exercise, 1);
  ui_test_drain ();
  g_assert_cmpstr (odan_graph_view_get_node_level_class (graph, node), ==, "level-down");

  /* Selecting it opens its neighbourhood; a click on its box selects it
   * there, and the detail names the inject as the cause. */
  g_assert_true (odan_graph_view_select_node (graph, node));
  check_layout (graph, pack);
  {
    graphene_rect_t bounds;
    graphene_point_t centre;

    g_assert_true (odan_graph_view_get_node_bounds (graph, node, &bounds));
    graphene_rect_get_center (&bounds, &centre);
    g_assert_true (odan_graph_view_select_node (graph, odan_graph_view_node_at (graph, centre.x, centre.y)));
  }
  cause = odan_graph_view_get_cause_text (graph);
  g_assert_nonnull (cause);
  g_assert_nonnull (strstr (cause, "INJ-01"));

  /* A feeder is down because the grid is: that edge is the explaining
   * path, drawn as such once the feeder is selected. */
  {
    guint32 feeder = odan_pack_find_node (pack, "power.feeder-east");

    g_assert_false (odan_graph_view_is_on_path (graph, node, feeder));
    g_assert_true (odan_graph_view_select_node (graph, feeder));
    g_assert_true (odan_graph_view_is_on_path (graph, node, feeder));
    g_assert_false (odan_graph_view_is_on_path (graph, feeder, node));
  }

  /* The arrow keys walk the graph: each step lands on a node that lies that
   * way from the one before; with nothing selected, one is picked. */
  {
    static const GtkDirectionType ways[] = { GTK_DIR_RIGHT, GTK_DIR_DOWN, GTK_DIR_LEFT, GTK_DIR_UP };
    guint moved = 0;

    for (guint k = 0; k < G_N_ELEMENTS (ways); k++)
      {
        guint32 from = odan_graph_view_get_selected_node (graph);
        graphene_rect_t a, b;
        graphene_point_t pa, pb;

        if (!odan_graph_view_move_selection (graph, ways[k]))
          {
            g_assert_cmpuint (odan_graph_view_get_selected_node (graph), ==, from);
            continue;
          }
        moved++;
        g_assert_true (odan_graph_view_get_node_bounds (graph, from, &a));
        g_assert_true (odan_graph_view_get_node_bounds (graph, odan_graph_view_get_selected_node (graph), &b));
        graphene_rect_get_center (&a, &pa);
        graphene_rect_get_center (&b, &pb);
        switch (ways[k])
          {
          case GTK_DIR_RIGHT: g_assert_cmpfloat (pb.x, >, pa.x); break;
          case GTK_DIR_DOWN:  g_assert_cmpfloat (pb.y, >, pa.y); break;
          case GTK_DIR_LEFT:  g_assert_cmpfloat (pb.x, <, pa.x); break;
          case GTK_DIR_UP:    g_assert_cmpfloat (pb.y, <, pa.y); break;
          default: g_assert_not_reached ();
          }
        g_assert_nonnull (odan_graph_view_get_cause_text (graph));
      }
    g_assert_cmpuint (moved, >=, 2);
    g_assert_true (odan_graph_view_select_node (graph, ODAN_NONE));
    g_assert_true (odan_graph_view_move_selection (graph, GTK_DIR_RIGHT));
    g_assert_cmpuint (odan_graph_view_get_selected_node (graph), !=, ODAN_NONE);
  }

  /* Zooming keeps the layout consistent. */
  odan_graph_view_set_zoom (graph, 2.0);
  check_layout (graph, pack);
  g_assert_false (odan_graph_view_select_node (graph, pack->n_nodes));
  g_assert_true (odan_graph_view_select_node (graph, ODAN_NONE));
  g_assert_null (odan_graph_view_get_cause_text (graph));

  /* A sector's neighbourhood holds its nodes; back to the overview. */
  g_assert_true (odan_graph_view_open_sector (graph, odan_pack_find_sector (pack, "water")));
  check_layout (graph, pack);
  {
    graphene_rect_t b;

    g_assert_true (odan_graph_view_get_node_bounds (graph, odan_pack_find_node (pack, "water.tokyo"), &b));
  }
  odan_graph_view_show_overview (graph);
  check_overview (graph, pack);

  window_destroy (window);
}

static void
test_graph_kanto (Fixture       *fixture,
                  gconstpointer  data)
{
  OdanWindow *window;
  OdanGraphView *graph;
  OdanExercise *exercise;
  const OdanPack *pack;
  guint32 tokyo, ems;
  const char *png;

  REQUIRE_DISPLAY ();

  window = window_with_pack (fixture, "kanto");
  graph = window->exercise_view->graph_view;
  exercise = odan_window_get_exercise (window);
  pack = odan_exercise_get_pack (exercise);
  g_assert_cmpuint (pack->n_nodes, >=, 100);
  check_overview (graph, pack);
  g_assert_cmpuint (odan_graph_view_get_n_shown (graph), ==, 13);

  tokyo = odan_pack_find_node (pack, "power.tokyo-23");
  ems = odan_pack_find_node (pack, "power.ems");
  g_assert_cmpuint (tokyo, !=, ODAN_NONE);
  g_assert_cmpuint (ems, !=, ODAN_NONE);
  g_assert_cmpstr (odan_graph_view_get_node_level_class (graph, tokyo), ==, "level-normal");

  /* Selecting a node lays out its neighbourhood, not the model, and keeps
   * the node in view; two hops reach further. */
  g_assert_true (odan_graph_view_select_node (graph, tokyo));
  check_layout (graph, pack);
  g_assert_cmpuint (odan_graph_view_get_n_shown (graph), <, pack->n_nodes);
  wait_frames (GTK_WIDGET (window));
  assert_in_view (graph, tokyo);
  {
    guint one = odan_graph_view_get_n_shown (graph);

    odan_graph_view_set_hops (graph, 2);
    g_assert_cmpuint (odan_graph_view_get_selected_node (graph), ==, tokyo);
    g_assert_cmpuint (odan_graph_view_get_n_shown (graph), >, one);
    check_layout (graph, pack);
    wait_frames (GTK_WIDGET (window));
    assert_in_view (graph, tokyo);
    odan_graph_view_set_hops (graph, 1);
  }

  /* Showing the whole neighbourhood: from any zoom it comes to the same one, at
   * which the drawing fits the view, and a box still maps to its node. */
  wait_frames (GTK_WIDGET (window));
  {
    int width, height;
    double fit;

    odan_graph_view_set_zoom (graph, 4.0);
    odan_graph_view_zoom_to_fit (graph);
    fit = odan_graph_view_get_zoom (graph);
    g_assert_cmpfloat (fit, <, 4.0);
    odan_graph_view_get_graph_size (graph, &width, &height);
    g_assert_cmpint (width, <=, gtk_widget_get_width (GTK_WIDGET (graph)));
    g_assert_cmpint (height, <=, gtk_widget_get_height (GTK_WIDGET (graph)));
    {
      graphene_rect_t bounds;
      graphene_point_t centre;

      g_assert_true (odan_graph_view_get_node_bounds (graph, tokyo, &bounds));
      g_assert_cmpfloat (bounds.origin.x + bounds.size.width, <=, width + 1);
      g_assert_cmpfloat (bounds.origin.y + bounds.size.height, <=, height + 1);
      graphene_rect_get_center (&bounds, &centre);
      g_assert_cmpuint (odan_graph_view_node_at (graph, centre.x, centre.y), ==, tokyo);
    }

    odan_graph_view_set_zoom (graph, 0.1);
    odan_graph_view_zoom_to_fit (graph);
    g_assert_cmpfloat (odan_graph_view_get_zoom (graph), ==, fit);
  }

  /* The blackout: K-14 (T+8h) takes the EMS down, K-15 (T+8h30m) the five
   * areas; then an hour of cascade. */
  start_clock (exercise);
  jump_to (exercise, 9 * 60 + 30);
  ui_test_drain ();
  g_assert_cmpstr (odan_graph_view_get_node_level_class (graph, tokyo), ==, "level-down");
  g_assert_cmpstr (odan_graph_view_get_node_level_class (graph, ems), ==, "level-down");

  g_assert_true (odan_graph_view_select_node (graph, tokyo));
  g_assert_nonnull (strstr (odan_graph_view_get_cause_text (graph), "K-15"));
  /* a dialysis clinic is down because its power is: that edge is on the path */
  {
    guint32 dialysis = odan_pack_find_node (pack, "medical.dialysis.tokyo-23");

    g_assert_cmpuint (dialysis, !=, ODAN_NONE);
    g_assert_true (odan_graph_view_select_node (graph, dialysis));
    assert_in_view (graph, dialysis);
  }

  png = g_getenv ("ODAN_TEST_GRAPH_PNG");
  if (png != NULL && *png != '\0')
    {
      wait_frames (GTK_WIDGET (window));
      save_window (GTK_WIDGET (window), png);
    }

  window_destroy (window);
}

int
main (int   argc,
      char *argv[])
{
  app = ui_test_init (&argc, &argv);

  g_test_add ("/ui/graph/example", Fixture, NULL, fixture_setup, test_graph_example, ui_test_fixture_teardown);
  g_test_add ("/ui/graph/kanto", Fixture, NULL, fixture_setup, test_graph_kanto, ui_test_fixture_teardown);

  return ui_test_run (&app);
}

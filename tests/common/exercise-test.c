/* exercise-test.c — what the exercise suite's programs share */
#include "exercise-test.h"
#include "odan-test-files.h"

#include <glib/gstdio.h>
#include <math.h>

char *
test_tmpdir_new (void)
{
  g_autoptr(GError) error = NULL;
  char *dir = g_dir_make_tmp ("odan-exercise-XXXXXX", &error);

  g_assert_no_error (error);
  return dir;
}

void
test_tmpdir_free (char *dir)
{
  if (dir == NULL)
    return;
  odan_test_remove_tree (dir);
  g_free (dir);
}

char *
test_scenario_path (const char *name)
{
  const char *scenarios = g_getenv ("ODAN_SCENARIOS");

  return g_build_filename (scenarios != NULL ? scenarios : ODAN_SOURCE_SCENARIOS, name, NULL);
}

char *
test_fixture_path (const char *name)
{
  return g_test_build_filename (G_TEST_DIST, "exercise", "packs", name, NULL);
}

gint64
test_time_func (gpointer user_data)
{
  return ((TestTime *) user_data)->now;
}

void
test_time_attach (OdanExercise *exercise,
                  TestTime     *time)
{
  odan_clock_set_time_func (odan_exercise_get_clock (exercise), test_time_func, time, NULL);
}

void
test_time_advance (TestTime *time,
                   double    minutes)
{
  time->now += (gint64) llround (minutes * 60.0 * G_USEC_PER_SEC);
}

GArray *
test_operabilities (const OdanSim *sim)
{
  const OdanPack *pack = odan_sim_get_pack (sim);
  GArray *values = g_array_sized_new (FALSE, FALSE, sizeof (double), pack->n_nodes);

  for (guint i = 0; i < pack->n_nodes; i++)
    {
      double v = odan_sim_get_operability (sim, i);
      g_array_append_val (values, v);
    }
  return values;
}

void
test_assert_same_state (const OdanSim *a,
                        const OdanSim *b)
{
  const OdanPack *pack = odan_sim_get_pack (a);

  for (guint i = 0; i < pack->n_nodes; i++)
    {
      double va = odan_sim_get_operability (a, i);
      double vb = odan_sim_get_operability (b, i);

      if (va != vb)
        g_error ("node %s: %.17g != %.17g", pack->nodes[i].id, va, vb);
      g_assert_cmpfloat (odan_sim_get_since (a, i), ==, odan_sim_get_since (b, i));
    }
}

OdanExercise *
test_exercise_start_new (const char *dir,
                         const char *pack_name,
                         TestTime   *time)
{
  g_autofree char *file = g_strconcat (pack_name, ".odan", NULL);
  g_autofree char *path = g_build_filename (dir, file, NULL);
  g_autofree char *pack_dir = test_scenario_path (pack_name);
  g_autoptr(GError) error = NULL;
  OdanExercise *exercise = odan_exercise_open (path, pack_dir, ODAN_EXERCISE_OPEN_CREATE, &error);

  g_assert_no_error (error);
  test_time_attach (exercise, time);
  g_assert_cmpint (odan_exercise_start (exercise, ODAN_CLOCK_STEP, 1.0, &error), >, 0);
  g_assert_no_error (error);
  return exercise;
}

void
test_advance (OdanExercise *exercise,
              double        minute)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (odan_exercise_advance_to (exercise, minute, &error));
  g_assert_no_error (error);
}

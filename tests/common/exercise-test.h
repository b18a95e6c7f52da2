/* exercise-test.h — what the exercise suite's programs share
 *
 * Temporary folders that clean up after themselves, the packs the tests
 * use, and a wall clock the test moves by hand (no sleeping, no timing).
 */
#pragma once

#include <glib.h>

#include "odan-exercise.h"

G_BEGIN_DECLS

/* A new empty folder under the system's temporary folder; removed with
 * everything in it by test_tmpdir_free(). */
char       *test_tmpdir_new  (void);
void        test_tmpdir_free (char *dir);

/* scenarios/NAME (the example pack, …) and tests/exercise/packs/NAME. */
char       *test_scenario_path (const char *name);
char       *test_fixture_path  (const char *name);

/* A wall clock that moves only when told: µs since the Unix epoch. */
typedef struct {
  gint64 now;
} TestTime;

gint64      test_time_func (gpointer user_data);
/* Makes @exercise's clock read @time (which must outlive the exercise). */
void        test_time_attach (OdanExercise *exercise, TestTime *time);
/* Moves @time on by @minutes of wall-clock time. */
void        test_time_advance (TestTime *time, double minutes);
/* Where the scripted exercises' wall clock starts: 2015-10-21 01:00 UTC. */
#define TEST_TIME_START ((gint64) 1445389200 * G_USEC_PER_SEC)

/* A new exercise of scenarios/@pack_name in the file @pack_name.odan of
 * @dir, its clock reading @time, started in step mode. */
OdanExercise *test_exercise_start_new (const char *dir,
                                       const char *pack_name,
                                       TestTime   *time);

/* odan_exercise_advance_to(), asserting that it succeeds. */
void        test_advance (OdanExercise *exercise, double minute);

/* Every node's operability in @sim, in node order. */
GArray     *test_operabilities (const OdanSim *sim);
void        test_assert_same_state (const OdanSim *a, const OdanSim *b);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (OdanSim, odan_sim_free)

G_END_DECLS

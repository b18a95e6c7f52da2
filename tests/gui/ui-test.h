/* ui-test.h — what the UI test programs share: the application under a
 * display, skipping without one (failing under CI), and the language the
 * run expects */
#pragma once

#include "odan-application.h"
#include "odan-window.h"
#include "odan-test-env.h"

G_BEGIN_DECLS

/* Skips the case when the program found no display (app is NULL), or
 * fails it when CI is set (odan_test_missing()). */
#define UI_TEST_REQUIRE_DISPLAY(app)                                    \
  G_STMT_START {                                                        \
    if ((app) == NULL)                                                  \
      {                                                                 \
        odan_test_missing ("display", "set DISPLAY, e.g. with xvfb-run"); \
        return;                                                         \
      }                                                                 \
  } G_STMT_END

/* g_test_init(), then, with a display, a registered application with its
 * translations bound and animations off (so frames are deterministic);
 * NULL without a display. */
OdanApplication *ui_test_init            (int    *argc,
                                          char ***argv);
/* Whether this run is the Japanese one (ODAN_TEST_EXPECT_JAPANESE). */
gboolean         ui_test_expect_japanese (void);
/* Runs every pending main-context source without blocking. */
void             ui_test_drain           (void);
/* g_test_run(), then lets go of the application *@app (NULL or not). */
int              ui_test_run             (OdanApplication **app);
/* Takes @window down and proves that nothing else holds it or its exercise
 * (when it has one) and that no team window is left open. */
void             ui_test_window_destroy  (OdanWindow *window);

/* A case's temporary folder, the exercise file it is to hold, and a wall
 * clock that moves only when the test moves it (no timing). */
typedef struct {
  char   *dir;
  char   *path;       /* the exercise file */
  gint64  wall;       /* the clock's wall time, µs */
} UiTestFixture;

/* A new folder named after @tmpl (as for g_dir_make_tmp()), @path the file
 * @name in it, the wall clock at the real time. */
void             ui_test_fixture_setup    (UiTestFixture *fixture,
                                           const char    *tmpl,
                                           const char    *name);
/* Removes the folder, asserting that nothing of it is left. */
void             ui_test_fixture_teardown (UiTestFixture *fixture,
                                           gconstpointer  data);
/* For odan_clock_set_time_func(): reads @fixture's wall clock. */
gint64           ui_test_fixture_wall_time (gpointer fixture);

G_END_DECLS

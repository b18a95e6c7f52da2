/* ui-test.h — what the UI test programs share: the application under a
 * display, skipping without one, and the language the run expects */
#pragma once

#include "odan-application.h"

G_BEGIN_DECLS

/* Skips the case when the program found no display (app is NULL). */
#define UI_TEST_REQUIRE_DISPLAY(app)                                    \
  G_STMT_START {                                                        \
    if ((app) == NULL)                                                  \
      {                                                                 \
        g_test_skip ("no display (set DISPLAY, e.g. with xvfb-run)");   \
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

G_END_DECLS

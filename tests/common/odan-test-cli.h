/* odan-test-cli.h — running odan-cli from a test, as a facilitator would */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct {
  int   status;   /* exit status, -1 when it did not exit normally */
  char *out;
  char *err;
} OdanTestRun;

/* Runs $ODAN_CLI with the NULL-terminated arguments and waits for it. */
OdanTestRun odan_test_run_cli   (const char *first, ...);
void        odan_test_run_clear (OdanTestRun *run);

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (OdanTestRun, odan_test_run_clear)

G_END_DECLS

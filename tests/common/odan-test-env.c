/* odan-test-env.c — what a case needs from the machine, and CI's rule */
#include "odan-test-env.h"

void
odan_test_missing (const char *what,
                   const char *hint)
{
  g_autofree char *reason = NULL;

  if (g_getenv ("CI") != NULL)
    {
      g_test_fail_printf ("CI is set but no %s: %s", what, hint);
      return;
    }
  reason = g_strdup_printf ("no %s (%s)", what, hint);
  g_test_skip (reason);
}

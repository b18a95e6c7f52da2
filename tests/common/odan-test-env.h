/* odan-test-env.h — what a case needs from the machine, and CI's rule
 *
 * A case whose environment is missing (no display, no PostgreSQL server)
 * skips on a developer's machine. When the environment variable CI is set
 * it fails instead: a CI run must not come out green by skipping.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Skips the running case for want of @what ("display", …), saying @hint
 * (how to provide it); under CI fails it with "CI is set but no @what:
 * @hint". The case returns right after. */
void odan_test_missing (const char *what,
                        const char *hint);

G_END_DECLS

/* aar-script.h — the scripted exercise the after-action tests read back
 *
 * packs/aar played with the clock stepped by hand; the minutes are in
 * aar-script.c with the answers each measure must give.
 */
#pragma once

#include "exercise-test.h"

G_BEGIN_DECLS

/* Plays the script into a new exercise file @path and returns the
 * exercise, ended at minute 130. */
OdanExercise *aar_play (const char *path,
                        TestTime   *time);

G_END_DECLS

/* aar-script.h — the scripted exercise the after-action tests read back
 *
 * tests/exercise/packs/aar played with the clock stepped by hand; the
 * minutes are in aar-script.c with the answers each measure must give.
 */
#pragma once

#include "exercise-test.h"

G_BEGIN_DECLS

/* Plays the script into a new exercise file @path and returns the
 * exercise, ended at minute 130. */
OdanExercise *aar_play (const char *path,
                        TestTime   *time);
/* The same script on a variant @pack of tests/exercise/packs/aar (its
 * teams, injects and mitigation ids). */
OdanExercise *aar_play_pack (const char *path,
                             const char *pack,
                             TestTime   *time);
/* aar_play() into the file "aar.odan" of the folder @dir, the clock
 * starting at TEST_TIME_START; the file's path in *@out_path if not NULL. */
OdanExercise *aar_play_in (const char  *dir,
                           TestTime    *time,
                           char       **out_path);

G_END_DECLS

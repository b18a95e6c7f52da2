/* odan-exercise-view.h — the facilitator's console for one running exercise */
#pragma once

#include <adwaita.h>

#include "odan-exercise.h"
#include "odan-team-view.h"

G_BEGIN_DECLS

#define ODAN_TYPE_EXERCISE_VIEW (odan_exercise_view_get_type ())

G_DECLARE_FINAL_TYPE (OdanExerciseView, odan_exercise_view, ODAN, EXERCISE_VIEW, AdwBin)

/* Shows @exercise (NULL for none); the view keeps a reference. */
void          odan_exercise_view_set_exercise (OdanExerciseView *self,
                                               OdanExercise     *exercise);
OdanExercise *odan_exercise_view_get_exercise (OdanExerciseView *self);
/* Who uses the console (ODAN_ROLE_FACILITATOR by default). Without
 * ODAN_ACCESS_CONTROL (an evaluator on a server) the clock, delivery and
 * decisions are disabled and the timer only shows the time: the facilitator
 * elsewhere delivers, and the exercise follows the log. */
void          odan_exercise_view_set_role     (OdanExerciseView *self,
                                               OdanRole          role);

G_END_DECLS

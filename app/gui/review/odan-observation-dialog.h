/* odan-observation-dialog.h — an evaluator notes an observation, HSEEP style */
#pragma once

#include <adwaita.h>

#include "odan-exercise.h"

G_BEGIN_DECLS

#define ODAN_TYPE_OBSERVATION_DIALOG (odan_observation_dialog_get_type ())

G_DECLARE_FINAL_TYPE (OdanObservationDialog, odan_observation_dialog, ODAN, OBSERVATION_DIALOG, AdwWindow)

/* A dialog for @exercise, transient for @parent (may be NULL). It emits
 * "add" when the evaluator asks to log a valid observation. */
OdanObservationDialog *odan_observation_dialog_new      (GtkWindow             *parent,
                                                         OdanExercise          *exercise);
/* TRUE when the form holds an observation that can be logged: its text. */
gboolean               odan_observation_dialog_is_valid (OdanObservationDialog *self);
/* Logs the observation as written (odan_evaluation_observe()): the new
 * event's id, or 0 with @error set. */
gint64                 odan_observation_dialog_add      (OdanObservationDialog *self,
                                                         GError               **error);

G_END_DECLS

/* odan-decision-dialog.h — a team logs a decision, in its category's form */
#pragma once

#include <adwaita.h>

#include "odan-exercise.h"

G_BEGIN_DECLS

#define ODAN_TYPE_DECISION_DIALOG (odan_decision_dialog_get_type ())

G_DECLARE_FINAL_TYPE (OdanDecisionDialog, odan_decision_dialog, ODAN, DECISION_DIALOG, AdwWindow)

/* A dialog for team @team (an id) of @exercise, transient for @parent (may
 * be NULL). @selected is a delivery of the team's inbox to offer first for
 * forwarding (0 for none). It emits "log" when asked to log a valid
 * decision. */
OdanDecisionDialog *odan_decision_dialog_new  (GtkWindow          *parent,
                                               OdanExercise       *exercise,
                                               const char         *team,
                                               gint64              selected);
void         odan_decision_dialog_set_category (OdanDecisionDialog *self,
                                                OdanCategory        category);
OdanCategory odan_decision_dialog_get_category (OdanDecisionDialog *self);
/* TRUE when the form holds a decision the exercise would take. */
gboolean     odan_decision_dialog_is_valid     (OdanDecisionDialog *self);
/* What is missing or wrong, in the engine's words, or NULL. */
const char  *odan_decision_dialog_get_message  (OdanDecisionDialog *self);
/* The teams the chosen recipients stand for, by name, "" for none. */
const char  *odan_decision_dialog_get_reach_text (OdanDecisionDialog *self);
/* Logs the decision as the form holds it (odan_exercise_decide()): the new
 * event's id, or 0 with @error set. */
gint64       odan_decision_dialog_log          (OdanDecisionDialog *self,
                                                GError            **error);
/* Shows @error where the form's problems show. */
void         odan_decision_dialog_show_error   (OdanDecisionDialog *self,
                                                const GError       *error);

G_END_DECLS

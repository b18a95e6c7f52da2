/* odan-adhoc-dialog.h — the facilitator writes an inject during the exercise */
#pragma once

#include <adwaita.h>

#include "odan-exercise.h"

G_BEGIN_DECLS

#define ODAN_TYPE_ADHOC_DIALOG (odan_adhoc_dialog_get_type ())

G_DECLARE_FINAL_TYPE (OdanAdhocDialog, odan_adhoc_dialog, ODAN, ADHOC_DIALOG, AdwWindow)

/* A dialog for @exercise's pack, transient for @parent (may be NULL). It
 * emits "send" when the facilitator asks to send a valid inject. */
OdanAdhocDialog *odan_adhoc_dialog_new       (GtkWindow       *parent,
                                              OdanExercise    *exercise);
/* TRUE when the form holds an inject that can be sent: a title, at least
 * one recipient and an effect (if any) that fits the pack. */
gboolean         odan_adhoc_dialog_is_valid  (OdanAdhocDialog *self);
/* The problem with the effect as typed, in words, or NULL. */
const char      *odan_adhoc_dialog_get_effect_error (OdanAdhocDialog *self);
/* Delivers the inject as written (odan_exercise_deliver_adhoc): the new
 * event's id, or 0 with @error set. */
gint64           odan_adhoc_dialog_send      (OdanAdhocDialog *self,
                                              GError         **error);

G_END_DECLS

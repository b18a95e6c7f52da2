/* odan-situation-window.h — the situation display: the exercise at a glance, for the room */
#pragma once

#include <adwaita.h>

#include "odan-exercise.h"

G_BEGIN_DECLS

#define ODAN_TYPE_SITUATION_WINDOW (odan_situation_window_get_type ())

G_DECLARE_FINAL_TYPE (OdanSituationWindow, odan_situation_window, ODAN, SITUATION_WINDOW, AdwApplicationWindow)

/* A situation display of @exercise (the window keeps a reference). With
 * @follow, the window keeps the exercise up to date itself, as a process
 * of its own that only reads (`odan --situation`): it syncs with the log
 * and rebuilds the model at the clock's time; without, the console that
 * owns the exercise does, and the window reads its live model. */
OdanSituationWindow *odan_situation_window_new (GtkApplication *application,
                                                OdanExercise   *exercise,
                                                gboolean        follow);

OdanExercise *odan_situation_window_get_exercise (OdanSituationWindow *self);
/* Reads the exercise again (the window also does so on its own timer). */
void          odan_situation_window_refresh      (OdanSituationWindow *self);

/* What the display shows, for tests: the clock and phase, the matrix cell
 * of @sector × @region (pack indices; ODAN_NONE for nodes without a
 * region; NULL for no such cell or a hidden model), the deliveries and the
 * recent changes, one line each ("" when hidden). */
const char   *odan_situation_window_get_clock_text  (OdanSituationWindow *self);
const char   *odan_situation_window_get_phase_text  (OdanSituationWindow *self);
GtkWidget    *odan_situation_window_get_cell        (OdanSituationWindow *self,
                                                     guint32              sector,
                                                     guint32              region);
char         *odan_situation_window_get_deliveries_text (OdanSituationWindow *self);
char         *odan_situation_window_get_changes_text    (OdanSituationWindow *self);

G_END_DECLS

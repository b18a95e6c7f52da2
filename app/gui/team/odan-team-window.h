/* odan-team-window.h — a window with one team's own view, for a screen of its own */
#pragma once

#include <adwaita.h>

#include "odan-exercise.h"
#include "odan-team-panel.h"

G_BEGIN_DECLS

#define ODAN_TYPE_TEAM_WINDOW (odan_team_window_get_type ())

G_DECLARE_FINAL_TYPE (OdanTeamWindow, odan_team_window, ODAN, TEAM_WINDOW, AdwApplicationWindow)

/* A window of @application showing team @team (an id) of @exercise. */
OdanTeamWindow *odan_team_window_new       (GtkApplication *application,
                                            OdanExercise   *exercise,
                                            const char     *team);
OdanTeamPanel  *odan_team_window_get_panel (OdanTeamWindow *self);

G_END_DECLS

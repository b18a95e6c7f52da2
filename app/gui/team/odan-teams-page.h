/* odan-teams-page.h — the console's Teams page: who is late, and one team's own view */
#pragma once

#include <adwaita.h>

#include "odan-exercise.h"
#include "odan-team-panel.h"
#include "odan-team-window.h"

G_BEGIN_DECLS

#define ODAN_TYPE_TEAMS_PAGE (odan_teams_page_get_type ())

G_DECLARE_FINAL_TYPE (OdanTeamsPage, odan_teams_page, ODAN, TEAMS_PAGE, AdwBin)

/* Shows @exercise (NULL for none); the page keeps a reference. Clearing it
 * closes the team windows opened from the page. */
void            odan_teams_page_set_exercise (OdanTeamsPage *self,
                                              OdanExercise  *exercise);
/* The team chosen in the switcher (an id), or NULL. */
const char     *odan_teams_page_get_team     (OdanTeamsPage *self);
/* Chooses team @team (an id); FALSE when the pack has no such team. */
gboolean        odan_teams_page_select_team  (OdanTeamsPage *self,
                                              const char    *team);
OdanTeamPanel  *odan_teams_page_get_panel    (OdanTeamsPage *self);
/* Opens the chosen team's own window (or presents it, when open). */
OdanTeamWindow *odan_teams_page_open_window  (OdanTeamsPage *self);
/* The late obligations of every team the overview shows, late first. */
guint           odan_teams_page_get_n_late   (OdanTeamsPage *self);
/* Reads the obligations again (after an event, or as the clock moves). */
void            odan_teams_page_refresh      (OdanTeamsPage *self);

/* An evaluator's console: the team views are only to look at. */
void            odan_teams_page_set_read_only (OdanTeamsPage *self,
                                               gboolean       read_only);

/* A new invitation for the chosen team to its browser page, shown with
 * its link and QR code (OdanInviteDialog); FALSE with @error when the
 * exercise keeps no invitations. */
gboolean        odan_teams_page_invite      (OdanTeamsPage  *self,
                                             GError        **error);

G_END_DECLS

/* odan-team-panel.h — one sector team's own view of a running exercise */
#pragma once

#include <adwaita.h>

#include "odan-exercise.h"
#include "odan-team-view.h"

G_BEGIN_DECLS

#define ODAN_TYPE_TEAM_PANEL (odan_team_panel_get_type ())

G_DECLARE_FINAL_TYPE (OdanTeamPanel, odan_team_panel, ODAN, TEAM_PANEL, AdwBin)

GtkWidget      *odan_team_panel_new          (void);
/* Shows team @team (an id of the pack) of @exercise; either may be NULL
 * for none. The panel keeps a reference to the exercise. An unknown team
 * shows nothing. */
void            odan_team_panel_set_team     (OdanTeamPanel *self,
                                              OdanExercise  *exercise,
                                              const char    *team);
OdanExercise   *odan_team_panel_get_exercise (OdanTeamPanel *self);
/* The team's id, or NULL. */
const char     *odan_team_panel_get_team     (OdanTeamPanel *self);
/* The team view shown (rebuilt on every event and clock tick), or NULL. */
const OdanTeamView *odan_team_panel_get_view (OdanTeamPanel *self);
/* The exercise time as the panel shows it ("T+1h05m · 2015-12-08 10:05"). */
const char     *odan_team_panel_get_time_text (OdanTeamPanel *self);
/* Builds the view again at the exercise's time and shows it. */
void            odan_team_panel_refresh      (OdanTeamPanel *self);

/* What an obligation's countdown says at @minute ("12 min left", "5 min
 * late", "Met at T+1h10m") and the style class of its state ("error",
 * "warning", "success" or NULL). */
char           *odan_team_panel_format_countdown (const OdanObligation *obligation,
                                                  double                minute,
                                                  const char          **css_class);
/* A deadline's label in the user's language. */
GtkWidget      *odan_team_panel_countdown_new    (const OdanObligation *obligation,
                                                 const char           *text,
                                                 const char           *css_class);
const char     *odan_team_panel_deadline_label   (const OdanPack       *pack,
                                                  guint32               deadline);
/* For g_array_sort() of OdanObligation: late first, then open, then met
 * late, then met; by due time, then team, within each. */
int             odan_team_panel_compare_obligations (gconstpointer a,
                                                     gconstpointer b);

AdwToastOverlay *odan_team_panel_get_toast_overlay (OdanTeamPanel *self);
void           odan_team_panel_set_read_only (OdanTeamPanel *self,
                                              gboolean       read_only);

G_END_DECLS

/* odan-sector-board.h — every node of the model, by sector, with its operability now */
#pragma once

#include <adwaita.h>

#include "odan-exercise.h"

G_BEGIN_DECLS

#define ODAN_TYPE_SECTOR_BOARD (odan_sector_board_get_type ())

G_DECLARE_FINAL_TYPE (OdanSectorBoard, odan_sector_board, ODAN, SECTOR_BOARD, AdwBin)

/* Shows the model of @exercise (NULL for none); the board keeps a reference. */
void     odan_sector_board_set_exercise (OdanSectorBoard *self,
                                         OdanExercise    *exercise);
/* Reads the model again (after an event, or as the clock moves). */
void     odan_sector_board_refresh      (OdanSectorBoard *self);
/* Shows @sim (taken; a model of the board's exercise, e.g. from
 * odan_exercise_state_at()) instead of the live model; NULL goes back to
 * the live one. Cleared with the exercise. */
void     odan_sector_board_set_state    (OdanSectorBoard *self,
                                         OdanSim         *sim);
/* Selects node @node of the pack; FALSE when there is no such node. */
gboolean odan_sector_board_select_node  (OdanSectorBoard *self,
                                         guint32          node);
/* The operability shown for @node, as its row's level bar holds it. */
double   odan_sector_board_get_shown_level (OdanSectorBoard *self,
                                            guint32          node);
/* The node at @position of the list as shown (worst first), or ODAN_NONE. */
guint32  odan_sector_board_get_nth_node (OdanSectorBoard *self,
                                         guint            position);
/* The row that shows @node, or NULL. */
GtkWidget *odan_sector_board_get_row    (OdanSectorBoard *self,
                                         guint32          node);
/* The summary line under @sector's name: "2 down · 1 degraded · 64% on
 * average", or "All 19 normal". */
char    *odan_sector_board_get_sector_summary (OdanSectorBoard *self,
                                               guint32          sector);
/* What the board says about the selected node's cause, or NULL. */
const char *odan_sector_board_get_cause_text (OdanSectorBoard *self);

/* The level class ("level-normal", "level-degraded", "level-impaired" or
 * "level-down") of operability @value, as style.css colours it. */
const char *odan_sector_board_level_class (double value);

G_END_DECLS

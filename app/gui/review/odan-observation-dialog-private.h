/* odan-observation-dialog-private.h — shared by odan-observation-dialog.c and the tests */
#pragma once

#include "odan-observation-dialog.h"

G_BEGIN_DECLS

struct _OdanObservationDialog
{
  AdwWindow     parent_instance;

  /* Template widgets */
  GtkButton    *add_button;
  AdwEntryRow  *objective_row;
  AdwEntryRow  *capability_row;
  AdwComboRow  *rating_row;      /* none, P, S, M, U (OdanRating order) */
  AdwComboRow  *finding_row;     /* none, strength, area for improvement (OdanFinding order) */
  AdwComboRow  *team_row;        /* no team, then the pack's teams */
  GtkTextView  *text_view;

  /* Owned */
  OdanExercise *exercise;
};

G_END_DECLS

/* odan-adhoc-dialog-private.h — shared by odan-adhoc-dialog.c and the tests */
#pragma once

#include "odan-adhoc-dialog.h"

G_BEGIN_DECLS

struct _OdanAdhocDialog
{
  AdwWindow            parent_instance;

  /* Template widgets */
  GtkButton           *send_button;
  AdwEntryRow         *title_row;
  GtkSwitch           *all_switch;
  AdwPreferencesGroup *teams_group;
  AdwEntryRow         *channel_row;
  AdwEntryRow         *from_row;
  GtkTextView         *body_view;
  AdwEntryRow         *effect_row;
  GtkLabel            *effect_error;

  /* Owned */
  OdanExercise        *exercise;
  GPtrArray           *team_checks;   /* GtkCheckButton, one per team of the pack */
  char                *effect_message; /* what is wrong with the effect, or NULL */
};

G_END_DECLS

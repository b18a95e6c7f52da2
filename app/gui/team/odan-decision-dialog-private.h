/* odan-decision-dialog-private.h — shared by odan-decision-dialog.c and the tests */
#pragma once

#include "odan-decision-dialog.h"

G_BEGIN_DECLS

struct _OdanDecisionDialog
{
  AdwWindow            parent_instance;

  /* Template widgets */
  GtkButton           *log_button;
  AdwComboRow         *category_row;
  GtkStack            *form_stack;
  GtkSwitch           *bcp_switch;
  AdwComboRow         *mitigation_row;
  AdwEntryRow         *channel_row;
  AdwEntryRow         *audience_row;
  AdwEntryRow         *ministry_row;
  AdwComboRow         *stage_row;
  AdwPreferencesGroup *forward_group;
  GtkLabel            *forward_empty;
  AdwPreferencesGroup *recipients_group;
  AdwExpanderRow      *sectors_row;
  AdwExpanderRow      *teams_row;
  AdwComboRow         *forward_channel_row;
  GtkLabel            *reach_label;
  AdwPreferencesGroup *summary_group;
  GtkTextView         *summary_view;
  AdwEntryRow         *by_row;
  GtkLabel            *message_label;
  AdwPreferencesGroup *team_group;

  /* Owned */
  OdanExercise        *exercise;
  guint32              team;
  GArray              *mitigations;      /* guint32 pack index per mitigation_row item after "None" */
  GPtrArray           *forward_checks;   /* GtkCheckButton per forwardable inject */
  GArray              *forward_injects;  /* guint32 pack inject index, parallel to forward_checks */
  GPtrArray           *recipient_checks; /* GtkCheckButton per recipient */
  GPtrArray           *recipient_keys;   /* char*: "nisc", "ministry", "ceptoar", "members", a sector or team id */
  GPtrArray           *channels;         /* char* per forward_channel_row item; NULL first: the team's default */
  char                *message;          /* what is wrong, or NULL */
  char                *reach_text;
  gboolean             touched;          /* the user changed something: problems show as errors */
};

G_END_DECLS

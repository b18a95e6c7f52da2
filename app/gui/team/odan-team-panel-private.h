/* odan-team-panel-private.h — shared by odan-team-panel.c and the tests */
#pragma once

#include "odan-inbox-item.h"
#include "odan-team-panel.h"

G_BEGIN_DECLS

struct _OdanTeamPanel
{
  AdwBin               parent_instance;

  /* Template widgets */
  AdwToastOverlay     *toast_overlay;
  GtkStack            *main_stack;
  GtkLabel            *inbox_count;
  GtkStack            *inbox_stack;
  GtkColumnView       *inbox_view;
  GtkColumnViewColumn *forwarded_column;   /* owned by inbox_view */
  GtkStack            *message_stack;
  GtkLabel            *message_title;
  GtkLabel            *message_meta;
  GtkLabel            *message_state;
  GtkLabel            *message_body;
  GtkButton           *received_button;
  GtkButton           *read_button;
  GtkButton           *log_button;
  GtkStack            *obligations_stack;
  GtkListBox          *obligations_list;
  GtkStack            *decisions_stack;
  GtkListBox          *decisions_list;
  GtkWidget           *model_box;
  GtkWidget           *model_board;      /* OdanSectorBoard */

  /* Owned */
  OdanExercise        *exercise;
  char                *team_id;
  guint32              team;
  OdanTeamView        *view;
  gulong               event_added_id;
  GListStore          *inbox;            /* OdanInboxItem, newest first */
  GtkSingleSelection  *selection;
  guint                n_decisions;      /* rows in decisions_list */
  char                *obligations_shown; /* what obligations_list shows, to rebuild only on change */
  char                *time_text;
  guint                tick_id;

  gboolean             read_only;   /* shown to an evaluator: no acknowledging, no deciding */
};

G_END_DECLS

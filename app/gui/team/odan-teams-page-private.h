/* odan-teams-page-private.h — shared by odan-teams-page.c and the tests */
#pragma once

#include "odan-teams-page.h"

G_BEGIN_DECLS

struct _OdanTeamsPage
{
  AdwBin         parent_instance;

  /* Template widgets */
  GtkDropDown   *team_dropdown;
  OdanTeamPanel *panel;
  GtkLabel      *overview_summary;
  GtkStack      *overview_stack;
  GtkListBox    *overview_list;

  /* Owned */
  OdanExercise  *exercise;
  gulong         event_added_id;
  GPtrArray     *windows;          /* OdanTeamWindow, weak: removed as they close */
  char          *overview_shown;   /* what overview_list shows, to rebuild only on change */
  guint          n_late;
  guint          tick_id;
  gboolean       read_only;        /* an evaluator's console: team views only to look at */
};

G_END_DECLS

/* odan-exercise-view-private.h — shared by odan-exercise-view.c, odan-exercise-view-actions.c and the tests */
#pragma once

#include "odan-decision-item.h"
#include "odan-exercise-view.h"
#include "odan-graph-view.h"
#include "odan-inject-item.h"
#include "odan-review-page.h"
#include "odan-sector-board.h"
#include "odan-situation-window.h"
#include "odan-teams-page.h"
#include "odan-team-view.h"

G_BEGIN_DECLS

struct _OdanExerciseView
{
  AdwBin               parent_instance;

  /* Template widgets */
  GtkLabel            *clock_label;
  GtkLabel            *clock_local;
  AdwViewSwitcherTitle *switcher_title;
  AdwViewStack        *view_stack;
  OdanSectorBoard     *sector_board;
  OdanGraphView       *graph_view;
  GtkButton           *clock_button;
  GtkDropDown         *speed_dropdown;
  GtkMenuButton       *jump_button;
  GtkSpinButton       *jump_spin;
  AdwToastOverlay     *toast_overlay;
  GtkSearchEntry      *search_entry;
  GtkColumnView       *msel_view;
  GtkPaned            *msel_paned;
  GtkSpinButton       *delay_spin;
  GtkStack            *detail_stack;
  GtkLabel            *detail_title;
  GtkLabel            *detail_meta;
  GtkLabel            *detail_status;
  GtkLabel            *detail_body;
  GtkWidget           *expected_box;
  GtkLabel            *detail_expected;
  GtkWidget           *objective_box;
  GtkLabel            *detail_objective;
  GtkStack            *feed_stack;
  GtkColumnView       *feed_view;
  OdanTeamsPage       *teams_page;
  OdanReviewPage      *review_page;

  /* Owned */
  OdanExercise        *exercise;
  gulong               event_added_id;
  GListStore          *injects;        /* OdanInjectItem, in pack order, then ad hoc ones */
  GListStore          *decisions;      /* OdanDecisionItem, newest first */
  GtkStringFilter     *filter;
  GtkSingleSelection  *selection;
  guint8              *settled;        /* per inject: 0, or DELIVERED / SKIPPED */
  gboolean            *delayed;        /* per inject: its last reschedule was a delay */
  guint                tick_id;        /* the clock's timer, while it runs in real time */
  gboolean             syncing_speed;  /* the dropdown follows the clock, not the reverse */
  OdanRole             role;           /* who uses the console: a facilitator unless set */
  OdanSituationWindow *situation;      /* weak: the situation display, while it is open */
};

/* What the timer does: delivers what fell due by the clock's time (its
 * wall-clock source may be replaced, odan-clock.h) and shows it. */
void            _odan_exercise_view_tick             (OdanExerciseView *self);
OdanInjectItem *_odan_exercise_view_get_selected     (OdanExerciseView *self);
/* Selects inject @index of the pack in the MSEL; FALSE when the search hides it. */
gboolean        _odan_exercise_view_select_inject    (OdanExerciseView *self,
                                                      guint32           index);
/* Closes the situation display, if open (when the exercise goes). */
void            _odan_exercise_view_close_situation  (OdanExerciseView *self);
void            _odan_exercise_view_show_error       (OdanExerciseView *self,
                                                      const GError     *error);
double          _odan_exercise_view_get_speed        (OdanExerciseView *self);
void            _odan_exercise_view_class_actions_init (OdanExerciseViewClass *klass);
void            _odan_exercise_view_actions_update   (OdanExerciseView *self);

G_END_DECLS

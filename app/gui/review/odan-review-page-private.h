/* odan-review-page-private.h — shared by odan-review-page.c and the tests */
#pragma once

#include "odan-curve-plot.h"
#include "odan-review-page.h"
#include "odan-sector-board.h"

G_BEGIN_DECLS

/* What the thread computed, read back on the main thread only. */
typedef struct _OdanReviewData OdanReviewData;

struct _OdanReviewPage
{
  AdwBin               parent_instance;

  /* Template widgets */
  GtkScale            *scrubber;
  GtkAdjustment       *scrub_adjustment;
  GtkLabel            *scrub_label;
  GtkSpinner          *spinner;
  GtkStack            *section_stack;
  GtkSearchEntry      *search_entry;
  GtkDropDown         *category_dropdown;
  GtkDropDown         *team_dropdown;
  GtkDropDown         *sector_dropdown;
  GtkSpinButton       *from_spin;
  GtkSpinButton       *to_spin;
  GtkLabel            *timeline_count;
  GtkStack            *timeline_stack;
  GtkColumnView       *timeline_view;
  GtkStack            *measures_stack;
  AdwStatusPage       *measures_error;
  GtkBox              *measures_box;
  GtkStack            *observations_stack;
  GtkListBox          *observation_list;
  GtkStack            *plan_stack;
  GtkListBox          *plan_list;
  AdwEntryRow         *action_row;
  AdwComboRow         *answers_row;
  GtkStringList       *answers_model;
  AdwEntryRow         *issue_row;
  AdwEntryRow         *reference_row;
  AdwEntryRow         *root_cause_row;
  AdwEntryRow         *plan_capability_row;
  AdwEntryRow         *owner_row;
  AdwEntryRow         *poc_row;
  AdwEntryRow         *start_row;
  AdwEntryRow         *completion_row;
  AdwComboRow         *status_row;
  GtkButton           *plan_button;
  GtkDropDown         *curve_dropdown;
  OdanCurvePlot       *curve_plot;
  OdanSectorBoard     *board;

  /* Owned */
  OdanExercise        *exercise;
  gulong               event_added_id;
  GListStore          *events;        /* OdanTimelineItem of the log's events, log order */
  GListStore          *impacts;       /* OdanTimelineItem of the engine's impacts */
  GtkCustomFilter     *filter;
  GtkFilterListModel  *filtered;
  char                *needle;        /* the search, casefolded */
  OdanReviewData      *data;          /* the last computation, or NULL */
  GCancellable        *cancellable;   /* the computation running, or NULL */
  gboolean             dirty;         /* events came in since it started */
  GArray              *areas;         /* gint64: the observation of each answers_row item after "None" */
  double               end;           /* the scrubber's end: the exercise's time */
  gboolean             at_end;        /* the scrubber follows the end as it grows */
};

/* The timeline as filtered now (OdanTimelineItem). */
GListModel *_odan_review_page_get_timeline (OdanReviewPage *self);

G_END_DECLS

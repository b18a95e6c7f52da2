/* odan-review-page.h — the evaluator's review: timeline, curves, scrubbing, measures, observations */
#pragma once

#include <adwaita.h>

#include "odan-exercise.h"
#include "odan-report.h"

G_BEGIN_DECLS

#define ODAN_TYPE_REVIEW_PAGE (odan_review_page_get_type ())

G_DECLARE_FINAL_TYPE (OdanReviewPage, odan_review_page, ODAN, REVIEW_PAGE, AdwBin)

/* Shows @exercise (NULL for none); the page keeps a reference. */
void      odan_review_page_set_exercise (OdanReviewPage *self,
                                         OdanExercise   *exercise);
/* Moves the scrubber: the plot's cursor and the page's board show @minute. */
void      odan_review_page_set_time     (OdanReviewPage *self,
                                         double          minute);
double    odan_review_page_get_time     (OdanReviewPage *self);
/* TRUE while the measures and the counterfactual are being computed. */
gboolean  odan_review_page_get_busy     (OdanReviewPage *self);
/* Computes them again (after new events); the "busy" property follows. */
void      odan_review_page_recompute    (OdanReviewPage *self);

/* The evaluator's dialogs: a new observation (OdanObservationDialog), and
 * where to export the report (then writes it and shows a toast). */
void      odan_review_page_add_observation (OdanReviewPage *self);
void      odan_review_page_export          (OdanReviewPage *self);

/* Writes the after-action report of the exercise as it stands to @file, in
 * a thread over a read-only copy of the exercise. */
void      odan_review_page_export_to_async  (OdanReviewPage       *self,
                                             GFile                *file,
                                             OdanReportFormat      format,
                                             OdanReportLang        lang,
                                             GCancellable         *cancellable,
                                             GAsyncReadyCallback   callback,
                                             gpointer              user_data);
gboolean  odan_review_page_export_to_finish (OdanReviewPage  *self,
                                             GAsyncResult    *result,
                                             GError         **error);

G_END_DECLS

/* odan-evaluation.h — evaluator observations and the improvement plan
 *
 * HSEEP's Exercise Evaluation Guides have evaluators note what they see,
 * tie it to an exercise objective and a core capability, rate performance
 * P / S / M / U and call it a strength or an area for improvement; the
 * after-action report's Improvement Plan lists corrective actions with the
 * capability, the capability element (POETE), the responsible organisation
 * and its point of contact, start and completion dates.
 *
 * Both are events of the log, kind `observation`, so an evaluator's
 * database role (which may append observations only) can write them and a
 * reopened file shows them (engine/EXERCISE.md):
 *
 *   action `note`: summary = the observation; details `objective`,
 *     `capability`, `rating` (P/S/M/U), `finding` (`strength` or
 *     `area-for-improvement`), all optional — a plain note has none;
 *     `team` and `ref` say what it is about.
 *   action `improvement`: summary = the corrective action; details
 *     `issue`, `reference` (the plan, procedure or agreement the issue
 *     is measured against, as HSEEP's AAR cites one), `root-cause` (the
 *     analysis of why it happened), `capability`, `element` (planning, organization,
 *     equipment, training, exercise), `organization`, `poc`, `start`,
 *     `completion` (YYYY-MM-DD), `status` (open, in-progress, completed,
 *     cancelled), `revises` (the id of the item this one replaces); `ref`
 *     is the observation (area for improvement) it answers, or 0.
 *
 * The log is append-only, so an item is changed (its status, dates, owner)
 * by logging a revision; the plan shows the latest revision of each item.
 *
 * Strings in the structs returned are borrowed from the exercise's events:
 * valid as long as the exercise.
 */
#pragma once

#include <glib.h>
#include "odan-exercise.h"

G_BEGIN_DECLS

typedef enum {
  ODAN_RATING_NONE, /*< skip >*/
  ODAN_RATING_P,   /*< nick=P >*/ /* Performed without Challenges */
  ODAN_RATING_S,   /*< nick=S >*/ /* Performed with Some Challenges */
  ODAN_RATING_M,   /*< nick=M >*/ /* Performed with Major Challenges */
  ODAN_RATING_U,   /*< nick=U >*/ /* Unable to be Performed */
} OdanRating;

#define ODAN_N_RATINGS (ODAN_RATING_U + 1)

typedef enum {
  ODAN_FINDING_NONE,     /*< skip >*/
  ODAN_FINDING_STRENGTH,
  ODAN_FINDING_AREA,     /*< nick=area-for-improvement >*/
} OdanFinding;

typedef enum {
  ODAN_IMPROVEMENT_OPEN,
  ODAN_IMPROVEMENT_IN_PROGRESS,
  ODAN_IMPROVEMENT_COMPLETED,
  ODAN_IMPROVEMENT_CANCELLED,
} OdanImprovementStatus;

/* "P", "S", "M", "U" (NULL for NONE); parsing takes either case. */
const char *odan_rating_to_string   (OdanRating rating);
gboolean    odan_rating_from_string (const char *text, OdanRating *out);
/* "strength", "area-for-improvement" (NULL for NONE). */
const char *odan_finding_to_string   (OdanFinding finding);
gboolean    odan_finding_from_string (const char *text, OdanFinding *out);
/* "open", "in-progress", "completed", "cancelled". */
const char *odan_improvement_status_to_string   (OdanImprovementStatus status);
gboolean    odan_improvement_status_from_string (const char *text, OdanImprovementStatus *out);
/* TRUE for planning, organization, equipment, training, exercise. */
gboolean    odan_capability_element_is_valid (const char *element);

typedef struct {
  gint64       event;       /* id (output only) */
  double       minute;      /* (output only) */
  const char  *by;
  const char  *team;        /* team id, or NULL */
  gint64       ref;         /* an event it is about, or 0 */
  const char  *text;
  const char  *objective;
  const char  *capability;
  OdanRating   rating;
  OdanFinding  finding;
} OdanObservation;

typedef struct {
  gint64                 event;        /* id of this revision (output only) */
  gint64                 first;        /* id of the item's first revision (output only) */
  double                 minute;       /* (output only) */
  const char            *by;
  gint64                 observation;  /* the area for improvement, or 0 */
  gint64                 revises;      /* the item this replaces, or 0 for a new one */
  const char            *issue;
  const char            *reference;    /* plan, procedure or agreement cited, may be NULL */
  const char            *root_cause;   /* the analysis of why, may be NULL */
  const char            *action;       /* the corrective action */
  const char            *capability;
  const char            *element;      /* POETE, may be NULL */
  const char            *organization; /* primary responsible organisation */
  const char            *poc;          /* its point of contact, may be NULL */
  const char            *start;        /* YYYY-MM-DD */
  const char            *completion;   /* YYYY-MM-DD, not before start */
  OdanImprovementStatus  status;
} OdanImprovement;

/* Logs an observation (action `note`) at the exercise's time. Needs text;
 * the rest is optional. Returns the event id, or 0 with @error. */
gint64  odan_evaluation_observe (OdanExercise           *exercise,
                                 const OdanObservation  *observation,
                                 GError                **error);
/* Logs an improvement-plan item or a revision of one. Needs the corrective
 * action, the capability, the organisation and both dates (completion not
 * before start); @element, when given, one of POETE; @observation, when
 * given, an observation event; @revises, when given, an improvement item.
 * ODAN_EXERCISE_ERROR_INVALID names what does not fit. */
gint64  odan_evaluation_add_improvement (OdanExercise           *exercise,
                                         const OdanImprovement  *item,
                                         GError                **error);

/* Logs the observations of an Exercise Evaluation Guide sheet: the CSV
 * file or workbook (.xlsx; @sheet names the worksheet, NULL the first) at
 * @path, one observation per row under a header naming its columns —
 * the observation's text (“Observation Notes”, “text”, “観察内容”), and
 * optionally team (an id or a team's name), objective, capability
 * (“Core Capability”), rating (P/S/M/U or HSEEP's words), finding
 * (“Strength/Area for Improvement”), evaluator (else @by) and ref (an
 * event id). Every row is checked first; when any has a problem nothing is
 * logged and @error lists them as "PATH:LINE: problem". Returns how many
 * observations were logged (0 with @error). odan-eeg-import.c */
guint   odan_evaluation_import_sheet (OdanExercise  *exercise,
                                      const char    *path,
                                      const char    *sheet,
                                      const char    *by,
                                      GError       **error);

/* Every observation (action `note`) in log order: a new GArray of
 * OdanObservation. */
GArray *odan_evaluation_get_observations (OdanExercise *exercise);
/* The plan: the latest revision of each item, in the order the items were
 * first logged: a new GArray of OdanImprovement. */
GArray *odan_evaluation_get_improvements (OdanExercise *exercise);

/* One row of the analysis of capabilities: an objective and a core
 * capability with the count of observations of each rating and the final
 * rating — that of the latest rated observation. */
typedef struct {
  const char *objective;    /* "" when not given */
  const char *capability;   /* "" when not given */
  guint       count[ODAN_N_RATINGS];
  OdanRating  final;
  guint       strengths;
  guint       areas;
} OdanCapabilityRating;

/* The rows for @observations (from odan_evaluation_get_observations()),
 * rated or with a finding, ordered by objective then capability in first
 * appearance order: a new GArray of OdanCapabilityRating. */
GArray *odan_evaluation_rate_capabilities (const GArray *observations);

G_END_DECLS

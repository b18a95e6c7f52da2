/* odan-counterfactual.h — the exercise rerun without the teams' mitigations
 *
 * What did the teams' decisions change? The model is rerun from the log with
 * the same injects and ad hoc effects, each at the minute it was delivered,
 * and the teams' applied mitigations filtered or moved:
 *
 *   ALL        every mitigation as logged (the exercise as played)
 *   NONE       no mitigation at all
 *   WITHOUT_TEAM      all but those of one team's decisions
 *   WITHOUT_DECISION  all but the mitigation of one decision
 *   SHIFT_DECISION    one decision's mitigation applied @shift minutes
 *                     later (negative: earlier; never before minute 0);
 *                     pools and every other decision stay as logged
 *
 * Lost operability is ∫ (1 − o(t)) dt per node from minute 0 to the
 * horizon, in node-hours, times the weight of the node's sector: the
 * optional `weight` column of sectors.csv (a number ≥ 0; empty or absent
 * means 1). It is integrated exactly from the simulator's change callback
 * (operability is piecewise constant between changes): no sampling, and the
 * same log always gives the same figures. The horizon is the exercise's
 * last event unless the caller names one.
 *
 * Impact avoided by a decision (or a team, or all mitigations) is
 * lost(variant without it) − lost(ALL): positive when it helped. For a
 * shifted decision, lost(SHIFT) − lost(ALL): positive when the move would
 * have made things worse.
 */
#pragma once

#include <glib.h>
#include "odan-exercise.h"

G_BEGIN_DECLS

typedef struct _OdanCounterfactual OdanCounterfactual;

typedef enum {
  ODAN_CF_ALL,
  ODAN_CF_NONE,
  ODAN_CF_WITHOUT_TEAM,
  ODAN_CF_WITHOUT_DECISION,
  ODAN_CF_SHIFT_DECISION,
} OdanCfKind;

typedef struct {
  OdanCfKind kind;
  guint32    team;       /* WITHOUT_TEAM: team index */
  guint32    decision;   /* WITHOUT/SHIFT_DECISION: index among the log's
                          * decisions (odan_exercise_get_decisions()) */
  double     shift;      /* SHIFT_DECISION: minutes, may be negative */
} OdanCfVariant;

/* One sector's mean operability over time: a step function, one point per
 * instant it changed (the first at minute 0). */
typedef struct {
  double time;
  double value;
} OdanCurvePoint;

typedef struct {
  guint32 team;
  guint   n_mitigations;  /* applied mitigations of the team's decisions */
  double  lost_without;   /* weighted node-hours */
  double  avoided;
} OdanCfTeam;

typedef struct {
  guint32 decision;       /* index among the log's decisions */
  gint64  event;          /* the decision event */
  guint32 team;
  guint32 mitigation;
  double  applied;        /* minute */
  double  lost_without;
  double  avoided;
} OdanCfDecision;

typedef struct {
  double  horizon;
  double  lost_all;       /* weighted node-hours, as played */
  double  lost_none;      /* without any mitigation */
  double  avoided;        /* lost_none − lost_all */
  double *lost_all_by_sector;   /* n_sectors, weighted */
  double *lost_none_by_sector;
  GArray *teams;          /* OdanCfTeam, teams with applied mitigations, pack order */
  GArray *decisions;      /* OdanCfDecision, log order */
} OdanCfSummary;

/* Reads the log of @exercise into a rerunnable list. @horizon: minutes
 * after T0 to integrate up to, or a negative value for the last event's
 * minute. Fails with ODAN_PACK_ERROR_INVALID ("sectors.csv:LINE: …") when a
 * sector's weight is not a number ≥ 0. The exercise must outlive it. */
OdanCounterfactual *odan_counterfactual_new  (OdanExercise  *exercise,
                                              double         horizon,
                                              GError       **error);
void                odan_counterfactual_free (OdanCounterfactual *cf);

double   odan_counterfactual_get_horizon (const OdanCounterfactual *cf);
/* The weight of sector @sector (sectors.csv `weight`, default 1). */
double   odan_counterfactual_get_weight  (const OdanCounterfactual *cf,
                                          guint32                   sector);

/* Lost operability under @variant, in weighted node-hours. @per_sector
 * (n_sectors doubles, may be NULL) receives each sector's weighted part. */
double   odan_counterfactual_lost (OdanCounterfactual  *cf,
                                   const OdanCfVariant *variant,
                                   double              *per_sector);

/* Every sector's mean operability (unweighted) under @variant: a new array
 * of n_sectors GArrays of OdanCurvePoint; free with
 * odan_counterfactual_curves_free(). */
GArray **odan_counterfactual_sector_curves (OdanCounterfactual  *cf,
                                            const OdanCfVariant *variant);
void     odan_counterfactual_curves_free   (GArray **curves,
                                            guint    n_sectors);

/* ALL, NONE, without each team with mitigations and without each decision
 * whose mitigation was applied; the reruns are spread over the machine's
 * cores (each is independent, so the figures do not depend on it). */
OdanCfSummary *odan_counterfactual_summarize (OdanCounterfactual *cf);
void           odan_cf_summary_free          (OdanCfSummary *summary);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (OdanCounterfactual, odan_counterfactual_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (OdanCfSummary, odan_cf_summary_free)

G_END_DECLS

/* sim-cases.h — hand-computed cascade cases shared by the engine tests
 *
 * Each case is a tiny pack, the mitigations the test schedules by hand, the
 * time to run to and the exact CSV the spec (engine/SEMANTICS.md, section
 * 8, "The CSV of odan-cli simulate") demands. test-sim runs every case
 * through the engine; test-differential runs them through the reference
 * simulator, which validates the reference before it judges the engine.
 */
#pragma once

#include <glib.h>

#include "odan-test-pack.h"

G_BEGIN_DECLS

typedef struct {
  double  time;
  guint32 mitigation;   /* index in the pack's mitigations */
} OdanTestSchedule;

typedef struct {
  const char             *name;          /* the test path's last component */
  OdanTestPack            pack;
  /* Mitigations the test schedules with ODAN_ORIGIN_MITIGATION (decision
   * number = position in this list), before it schedules the injects. */
  const OdanTestSchedule *schedules;
  guint                   n_schedules;
  double                  until;
  /* Steps per minute that put every event of the case on the reference's
   * grid; 0 when the case is not run through the reference. */
  guint                   reference_steps;
  const char             *expected;      /* CSV text */
} OdanSimCase;

extern const OdanSimCase odan_sim_cases[];
extern const guint       odan_sim_n_cases;

/* The case named @name; there must be one. */
const OdanSimCase *odan_sim_case_find (const char *name);

G_END_DECLS

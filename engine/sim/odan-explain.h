/* odan-explain.h — the chain of causes behind a node's operability, in words */
#pragma once

#include <glib.h>
#include "odan-sim.h"
#include "odan-decisions.h"

G_BEGIN_DECLS

/* @sim must have recorded history and run to at least @time. @decisions
 * (may be NULL) names the decisions behind mitigations. Returns text a
 * facilitator can read aloud, one cause per line, deepest last. */
char *odan_explain (const OdanSim  *sim,
                    const OdanPack *pack,
                    const GArray   *decisions,
                    guint32         node,
                    double          time);

G_END_DECLS

/* odan-sim-private.h — what the engine's own files share about OdanSim */
#pragma once

#include "odan-sim.h"

G_BEGIN_DECLS

/* Changes reported while set carry no cause (the CSV needs values only,
 * and finding the binding edge costs a pass over the node's in-edges).
 * Ignored while history is recorded. */
void _odan_sim_set_skip_causes (OdanSim *sim, gboolean skip);

G_END_DECLS

/* odan-pack-task.h — loading a scenario pack off the main thread */
#pragma once

#include <gio/gio.h>

#include "odan-pack.h"

G_BEGIN_DECLS

void      odan_pack_task_load_async  (GFile                *folder,
                                      GCancellable         *cancellable,
                                      GAsyncReadyCallback   callback,
                                      gpointer              user_data);
/* Returns the pack, or NULL with @error set (ODAN_PACK_ERROR_INVALID when the
 * pack has errors). @diagnostics receives every problem found, errors and
 * warnings, in either case. */
OdanPack *odan_pack_task_load_finish (GAsyncResult         *result,
                                      GPtrArray           **diagnostics,
                                      GError              **error);

G_END_DECLS

/* odan-pack-view.h — a scenario pack at a glance: its sectors and their nodes */
#pragma once

#include <adwaita.h>

#include "odan-pack.h"

G_BEGIN_DECLS

#define ODAN_TYPE_PACK_VIEW (odan_pack_view_get_type ())

G_DECLARE_FINAL_TYPE (OdanPackView, odan_pack_view, ODAN, PACK_VIEW, AdwBin)

GtkWidget *odan_pack_view_new      (void);
/* Shows @pack (not kept: the view copies what it shows) and the warnings
 * found loading it; NULL clears the view. */
void       odan_pack_view_set_pack (OdanPackView   *self,
                                    const OdanPack *pack,
                                    GPtrArray      *warnings);

G_END_DECLS

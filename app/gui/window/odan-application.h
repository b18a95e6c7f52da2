/* odan-application.h — the odan application: one instance, one window per pack */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define ODAN_APPLICATION_ID "jp.odan.Odan"

#define ODAN_TYPE_APPLICATION (odan_application_get_type ())

G_DECLARE_FINAL_TYPE (OdanApplication, odan_application, ODAN, APPLICATION, AdwApplication)

void             odan_application_init_i18n             (void);
OdanApplication *odan_application_new                   (GApplicationFlags flags);
GFile           *odan_application_find_builtin_scenario (GError          **error);

G_END_DECLS

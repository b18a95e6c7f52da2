/* main.c — the odan program: translations, then OdanApplication */
#define G_LOG_DOMAIN "odan-gui"

#include <glib/gi18n.h>

#include "odan-application.h"

int
main (int   argc,
      char *argv[])
{
  g_autoptr(OdanApplication) app = NULL;
  g_autoptr(GSettingsSchema) schema = NULL;
  GSettingsSchemaSource *schemas;

  /* setlocale, bindtextdomain (ODAN_LOCALEDIR or LOCALEDIR), textdomain */
  odan_application_init_i18n ();
  g_set_application_name (_("Odan"));

  /* GSettings aborts on a missing schema; say what to do instead. */
  schemas = g_settings_schema_source_get_default ();
  if (schemas != NULL)
    schema = g_settings_schema_source_lookup (schemas, ODAN_APPLICATION_ID, TRUE);
  if (schema == NULL)
    {
      g_printerr (_("odan: the settings schema %s is not installed; install odan, or run it from "
                    "the build folder with “meson devenv -C BUILDDIR odan”\n"),
                  ODAN_APPLICATION_ID);
      return EXIT_FAILURE;
    }

  app = odan_application_new (G_APPLICATION_DEFAULT_FLAGS);

  return g_application_run (G_APPLICATION (app), argc, argv);
}

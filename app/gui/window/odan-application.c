/* odan-application.c — start-up, command line and the built-in scenario
 *
 * `odan` with no argument opens the built-in scenario in one window;
 * `odan PACK_DIR…` opens each folder in a window of its own. The application
 * is single-instance: a second `odan PACK_DIR` opens a window in the first.
 * `odan --situation FILE.odan|URI` is a process of its own (not unique)
 * with only the situation display of that exercise, read-only, for the
 * computer that drives the projector.
 */
#define G_LOG_DOMAIN "odan-gui"

#include <locale.h>
#include <glib/gi18n.h>

#include "odan-application-private.h"
#include "odan-locale.h"
#include "odan-store.h"
#include "odan-situation-window.h"
#include "odan-window.h"

/* The pack that `odan` opens when given none: the December cross-sector
 * exercise on the Kanto model. */
#define BUILTIN_SCENARIO "kanto"

G_DEFINE_FINAL_TYPE (OdanApplication, odan_application, ADW_TYPE_APPLICATION)

static const GOptionEntry main_entries[] = {
  { "version", 0, 0, G_OPTION_ARG_NONE, NULL, N_("Show the version and exit"), NULL },
  { "situation", 0, 0, G_OPTION_ARG_FILENAME, NULL,
    N_("Show only the situation display of the exercise in FILE.odan or at a server’s URI, for a projector"),
    N_("FILE.odan|URI") },
  { NULL }
};

/* The locale and the message catalogs; call first thing in main().
 * odan_locale_dir() finds the translations of an uninstalled build too. */
void
odan_application_init_i18n (void)
{
  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, odan_locale_dir ());
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);
}

OdanApplication *
odan_application_new (GApplicationFlags flags)
{
  return g_object_new (ODAN_TYPE_APPLICATION,
                       "application-id", ODAN_APPLICATION_ID,
                       "flags", flags | G_APPLICATION_HANDLES_OPEN,
                       "resource-base-path", "/jp/odan/Odan",
                       NULL);
}

/* Looks for the built-in scenario, in order: $ODAN_SCENARIOS (tests and
 * `meson devenv`), the installed data folder, then the source tree (so a
 * plain build runs without installing). */
GFile *
odan_application_find_builtin_scenario (GError **error)
{
  g_autoptr(GPtrArray) candidates = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GString) searched = g_string_new (NULL);
  const char *env = g_getenv ("ODAN_SCENARIOS");

  if (env != NULL && env[0] != '\0')
    g_ptr_array_add (candidates, g_build_filename (env, BUILTIN_SCENARIO, NULL));
  g_ptr_array_add (candidates, g_build_filename (ODAN_DATADIR, "scenarios", BUILTIN_SCENARIO, NULL));
  g_ptr_array_add (candidates, g_build_filename (ODAN_SOURCE_SCENARIOS, BUILTIN_SCENARIO, NULL));

  for (guint i = 0; i < candidates->len; i++)
    {
      const char *path = g_ptr_array_index (candidates, i);

      if (g_file_test (path, G_FILE_TEST_IS_DIR))
        return g_file_new_for_path (path);

      if (searched->len > 0)
        g_string_append (searched, ", ");
      g_string_append (searched, path);
    }

  g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
               /* Translators: %s is a list of folders */
               _("The built-in scenario is not installed: none of %s exists"),
               searched->str);
  return NULL;
}

static void
odan_application_apply_color_scheme (OdanApplication *self)
{
  AdwStyleManager *style_manager = adw_style_manager_get_default ();
  AdwColorScheme scheme;

  /* The enum nicks of the schema's color-scheme key. */
  switch (g_settings_get_enum (self->settings, "color-scheme"))
    {
    case 1:
      scheme = ADW_COLOR_SCHEME_FORCE_LIGHT;
      break;
    case 2:
      scheme = ADW_COLOR_SCHEME_FORCE_DARK;
      break;
    default:
      scheme = ADW_COLOR_SCHEME_DEFAULT;
      break;
    }

  adw_style_manager_set_color_scheme (style_manager, scheme);
}

static int
odan_application_handle_local_options (GApplication *application,
                                       GVariantDict *options)
{
  if (g_variant_dict_contains (options, "version"))
    {
      g_print ("odan %s\n", PACKAGE_VERSION);
      return EXIT_SUCCESS;
    }

  if (g_variant_dict_contains (options, "situation"))
    {
      OdanApplication *self = ODAN_APPLICATION (application);
      g_autofree char *location = NULL;
      g_autoptr(GError) error = NULL;

      g_variant_dict_lookup (options, "situation", "^ay", &location);
      /* only reads: the console that runs the exercise writes */
      self->situation = odan_exercise_open (location, NULL, ODAN_EXERCISE_OPEN_READ_ONLY, &error);
      if (self->situation == NULL)
        {
          /* the store's message names the file or server */
          g_printerr ("odan: %s\n", error->message);
          return EXIT_FAILURE;
        }
      /* a display of its own, beside any console on the same machine */
      g_application_set_flags (application, g_application_get_flags (application) | G_APPLICATION_NON_UNIQUE);
    }

  return G_APPLICATION_CLASS (odan_application_parent_class)->handle_local_options (application, options);
}

static void
odan_application_startup (GApplication *application)
{
  OdanApplication *self = ODAN_APPLICATION (application);

  G_APPLICATION_CLASS (odan_application_parent_class)->startup (application);

  self->settings = g_settings_new (ODAN_APPLICATION_ID);
  g_signal_connect_object (self->settings,
                           "changed::color-scheme",
                           G_CALLBACK (odan_application_apply_color_scheme),
                           self,
                           G_CONNECT_SWAPPED);
  odan_application_apply_color_scheme (self);

  gtk_window_set_default_icon_name (ODAN_APPLICATION_ID);

  _odan_application_actions_init (self);
}

static void
odan_application_activate (GApplication *application)
{
  OdanApplication *self = ODAN_APPLICATION (application);
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (application));

  if (window == NULL && self->situation != NULL)
    {
      window = GTK_WINDOW (odan_situation_window_new (GTK_APPLICATION (application), self->situation, TRUE));
      gtk_window_fullscreen (window);
    }
  else if (window == NULL)
    {
      window = GTK_WINDOW (odan_window_new (ODAN_APPLICATION (application)));
      odan_window_load_builtin (ODAN_WINDOW (window));
    }

  gtk_window_present (window);
}

static void
odan_application_open (GApplication  *application,
                       GFile        **files,
                       int            n_files,
                       const char    *hint)
{
  for (int i = 0; i < n_files; i++)
    {
      OdanWindow *window = odan_window_new (ODAN_APPLICATION (application));
      g_autofree char *uri = g_file_get_uri (files[i]);
      g_autoptr(GError) error = NULL;

      gtk_window_present (GTK_WINDOW (window));
      /* an exercise (a file, or a server's URI) opens its console; a
       * folder is a scenario pack */
      if (odan_store_location_is_database (uri))
        odan_window_open_server_dialog (window, uri, FALSE);
      else if (g_file_query_file_type (files[i], G_FILE_QUERY_INFO_NONE, NULL) == G_FILE_TYPE_REGULAR)
        {
          if (!odan_window_open_exercise (window, files[i], NULL, &error))
            odan_window_toast (window, error->message);
        }
      else
        odan_window_load (window, files[i]);
    }
}

static void
odan_application_dispose (GObject *object)
{
  OdanApplication *self = ODAN_APPLICATION (object);

  g_clear_object (&self->settings);
  g_clear_object (&self->situation);

  G_OBJECT_CLASS (odan_application_parent_class)->dispose (object);
}

static void
odan_application_class_init (OdanApplicationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GApplicationClass *application_class = G_APPLICATION_CLASS (klass);

  object_class->dispose = odan_application_dispose;

  application_class->handle_local_options = odan_application_handle_local_options;
  application_class->startup = odan_application_startup;
  application_class->activate = odan_application_activate;
  application_class->open = odan_application_open;
}

static void
odan_application_init (OdanApplication *self)
{
  g_application_add_main_option_entries (G_APPLICATION (self), main_entries);
  g_application_set_option_context_parameter_string (G_APPLICATION (self),
                                                     /* Translators: the argument of `odan --help` */
                                                     _("[FILE.odan|PACK_DIR|SERVER_URI…]"));
  g_application_set_option_context_summary (G_APPLICATION (self),
                                            _("Open the exercise in FILE.odan or on a server (postgresql://…), or the "
                                              "scenario pack in PACK_DIR; the built-in scenario when none is given."));
}

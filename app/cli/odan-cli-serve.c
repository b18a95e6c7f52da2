/* odan-cli-serve.c — `odan-cli serve`: the teams' pages in their browsers
 *
 * serve EXERCISE [--listen HOST:PORT] [--tls-certificate FILE --tls-key FILE]
 *   serves the exercise (a .odan file, which it then writes, or a
 *   postgresql:// URI: the facilitator's role serves every team, a team's own
 *   role that team only, several side by side) to the teams invited with
 *   `odan-cli invite`, prints
 *   the URL it listens on, and follows the exercise until interrupted
 *   (SIGINT, SIGTERM). The server is libodan-serve (app/serve/).
 */
#define G_LOG_DOMAIN "odan-cli"

#include <glib-unix.h>
#include <glib/gi18n.h>
#include <stdio.h>
#include <sys/resource.h>

#include "odan-cli.h"
#include "odan-server.h"

static gboolean
quit (gpointer user_data)
{
  g_main_loop_quit (user_data);
  return G_SOURCE_REMOVE;
}

static OdanServer *
start_server (const char  *location,
              const char  *listen,
              const char  *certificate_file,
              const char  *key_file,
              GError     **error)
{
  g_autoptr(OdanExercise) exercise = NULL;
  g_autoptr(OdanServer) server = NULL;

  exercise = odan_exercise_open (location, NULL, ODAN_EXERCISE_OPEN_WRITE, error);
  if (exercise == NULL)
    return NULL;
  server = odan_server_new (exercise, error);
  if (server == NULL)
    return NULL;
  if (certificate_file != NULL)
    {
      g_autoptr(GTlsCertificate) certificate = odan_server_load_certificate (certificate_file, key_file, error);

      if (certificate == NULL)
        return NULL;
      odan_server_set_tls (server, certificate);
    }
  if (!odan_server_listen (server, listen, error))
    return NULL;
  return g_steal_pointer (&server);
}

int
odan_cli_serve (int    argc,
                char **argv)
{
  g_autofree char *listen = NULL;
  g_autofree char *certificate_file = NULL;
  g_autofree char *key_file = NULL;
  GOptionEntry entries[] = {
    { "listen", 'l', 0, G_OPTION_ARG_STRING, &listen,
      N_("where to listen (default *:8080: every interface, port 8080)"), N_("HOST:PORT") },
    { "tls-certificate", 0, 0, G_OPTION_ARG_FILENAME, &certificate_file,
      N_("serve HTTPS with this PEM certificate (chain)"), N_("FILE") },
    { "tls-key", 0, 0, G_OPTION_ARG_FILENAME, &key_file,
      N_("the certificate's PEM private key"), N_("FILE") },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new (_("EXERCISE — serve the teams' pages to their browsers"));
  g_autoptr(OdanServer) server = NULL;
  g_autoptr(GMainLoop) loop = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *url = NULL;

  if (!odan_cli_parse_options (context, entries, 1, _("expected exactly one exercise (FILE.odan or postgresql://…)"),
                               &argc, &argv))
    return ODAN_CLI_USAGE;
  if ((certificate_file == NULL) != (key_file == NULL))
    return odan_cli_usage_error (context, _("--tls-certificate and --tls-key go together"));

  server = start_server (argv[1], listen != NULL ? listen : "*:8080", certificate_file, key_file, &error);
  if (server == NULL)
    {
      g_printerr ("%s\n", error->message);
      return ODAN_CLI_PROBLEMS;
    }
  url = odan_server_get_url (server);
  /* Translators: %s is the URL, e.g. http://0.0.0.0:8080 */
  printf (_("Serving the teams’ pages on %s (invite each team with odan-cli invite)\n"), url);
  fflush (stdout);

  /* a page holds a descriptor: a room of a thousand needs more than the usual 1,024 */
  {
    struct rlimit limit;

    if (getrlimit (RLIMIT_NOFILE, &limit) == 0 && limit.rlim_cur < limit.rlim_max)
      {
        limit.rlim_cur = limit.rlim_max;
        setrlimit (RLIMIT_NOFILE, &limit);
      }
  }
  loop = g_main_loop_new (NULL, FALSE);
  g_unix_signal_add (SIGINT, quit, loop);
  g_unix_signal_add (SIGTERM, quit, loop);
  g_main_loop_run (loop);
  return ODAN_CLI_OK;
}

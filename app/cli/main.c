/* main.c — odan-cli */
#include <glib/gi18n.h>
#include <locale.h>

#include "odan-cli.h"

int
main (int    argc,
      char **argv)
{
  const char *localedir = g_getenv ("ODAN_LOCALEDIR");

  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, localedir ? localedir : LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  return odan_cli_main (argc, argv);
}

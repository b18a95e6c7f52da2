/* main.c — odan-cli */
#include <glib/gi18n.h>
#include <locale.h>

#include "odan-cli.h"
#include "odan-locale.h"

int
main (int    argc,
      char **argv)
{
  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, odan_locale_dir ());
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  return odan_cli_main (argc, argv);
}

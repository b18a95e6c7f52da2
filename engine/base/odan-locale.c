/* odan-locale.c — where Odan's message catalogues are */
#define G_LOG_DOMAIN "odan-locale"

#include "odan-locale.h"

static gboolean
has_catalogue (const char *dir)
{
  g_autofree char *mo = g_build_filename (dir, "ja", "LC_MESSAGES", GETTEXT_PACKAGE ".mo", NULL);

  return g_file_test (mo, G_FILE_TEST_IS_REGULAR);
}

const char *
odan_locale_dir (void)
{
  const char *dir = g_getenv ("ODAN_LOCALEDIR");

  if (dir != NULL && dir[0] != '\0')
    return dir;
  if (!has_catalogue (LOCALEDIR) && has_catalogue (ODAN_BUILD_LOCALEDIR))
    return ODAN_BUILD_LOCALEDIR;
  return LOCALEDIR;
}

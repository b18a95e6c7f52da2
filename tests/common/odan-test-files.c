/* odan-test-files.c — temporary folders for tests */
#include <glib/gstdio.h>

#include "odan-test-files.h"

gboolean
odan_test_remove_tree (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;
  gboolean ok = TRUE;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      if (g_file_test (child, G_FILE_TEST_IS_DIR) && !g_file_test (child, G_FILE_TEST_IS_SYMLINK))
        ok &= odan_test_remove_tree (child);
      else
        ok &= g_unlink (child) == 0;
    }
  return g_rmdir (path) == 0 && ok;
}

char *
odan_test_copy_folder (const char *source,
                       const char *tmpl)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *copy = g_dir_make_tmp (tmpl, &error);
  g_autoptr(GDir) dir = NULL;
  const char *name;

  g_assert_no_error (error);
  dir = g_dir_open (source, 0, &error);
  g_assert_no_error (error);
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *from = g_build_filename (source, name, NULL);
      g_autofree char *to = g_build_filename (copy, name, NULL);
      g_autofree char *contents = NULL;
      gsize len;

      if (!g_file_test (from, G_FILE_TEST_IS_REGULAR))
        continue;
      g_assert_true (g_file_get_contents (from, &contents, &len, NULL));
      g_assert_true (g_file_set_contents (to, contents, (gssize) len, NULL));
    }
  return g_steal_pointer (&copy);
}

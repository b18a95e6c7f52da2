/* fuzz-replay.c — runs a fuzz target over corpus files as a GLib test
 *
 *   fuzz-replay-TARGET [GTest options] PATH…
 *
 * Each PATH is a corpus folder (every regular file in it, sorted by name)
 * or a single file; every file becomes one test case
 * /data/fuzz/TARGET/FILE that feeds its bytes to LLVMFuzzerTestOneInput().
 * Linked with the target instead of libFuzzer, so every `meson test` run
 * (and the sanitizer build) replays the committed seeds and reproducers.
 */
#define G_LOG_DOMAIN "odan-fuzz"

#include "fuzz-common.h"

#include <string.h>

#ifndef ODAN_FUZZ_TARGET
#error "ODAN_FUZZ_TARGET must name the target, e.g. -DODAN_FUZZ_TARGET=\"csv\""
#endif

static void
replay_file (gconstpointer user_data)
{
  const char *path = user_data;
  g_autofree char *contents = NULL;
  g_autoptr(GError) error = NULL;
  gsize len = 0;

  g_assert_true (g_file_get_contents (path, &contents, &len, &error));
  g_assert_no_error (error);
  /* libFuzzer hands over a buffer of exactly the input's size (never
   * NULL, even when empty); copy into one so ASan sees reads past the end
   * as it would while fuzzing. */
  {
    g_autofree uint8_t *exact = g_malloc (MAX (len, 1));
    memcpy (exact, contents, len);
    LLVMFuzzerTestOneInput (exact, len);
  }
}

static gint
compare_strings (gconstpointer a, gconstpointer b)
{
  return strcmp (*(char *const *) a, *(char *const *) b);
}

static void
add_file (const char *path)
{
  g_autofree char *base = g_path_get_basename (path);
  g_autofree char *test_path = g_strdup_printf ("/data/fuzz/%s/%s", ODAN_FUZZ_TARGET, base);

  /* The path is kept for the whole run: the test data must outlive main's loop. */
  g_test_add_data_func_full (test_path, g_strdup (path), replay_file, g_free);
}

int
main (int argc, char **argv)
{
  guint n_files = 0;

  g_test_init (&argc, &argv, NULL);
  LLVMFuzzerInitialize (&argc, &argv);

  if (argc < 2)
    {
      g_printerr ("usage: %s [GTest options] CORPUS-FOLDER-OR-FILE…\n", argv[0]);
      return 2;
    }

  for (int i = 1; i < argc; i++)
    {
      if (g_file_test (argv[i], G_FILE_TEST_IS_DIR))
        {
          g_autoptr(GError) error = NULL;
          g_autoptr(GDir) dir = g_dir_open (argv[i], 0, &error);
          g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
          const char *name;

          if (dir == NULL)
            {
              g_printerr ("%s: %s\n", argv[0], error->message);
              return 1;
            }
          while ((name = g_dir_read_name (dir)) != NULL)
            {
              g_autofree char *path = g_build_filename (argv[i], name, NULL);
              if (g_file_test (path, G_FILE_TEST_IS_REGULAR))
                g_ptr_array_add (names, g_steal_pointer (&path));
            }
          g_ptr_array_sort (names, compare_strings);
          for (guint k = 0; k < names->len; k++)
            add_file (names->pdata[k]);
          n_files += names->len;
        }
      else if (g_file_test (argv[i], G_FILE_TEST_IS_REGULAR))
        {
          add_file (argv[i]);
          n_files++;
        }
      else
        {
          g_printerr ("%s: %s: no such file or folder\n", argv[0], argv[i]);
          return 1;
        }
    }

  if (n_files == 0)
    {
      g_printerr ("%s: no corpus files found\n", argv[0]);
      return 1;
    }
  return g_test_run ();
}

/* odan-test-pack.c — writing tiny scenario packs for the engine tests
 *
 * Each pack is a folder under the system temporary directory, made by
 * g_dir_make_tmp(), holding scenario.ini and the CSV files with the headers
 * of odan-test-pack.h.
 */
#define G_LOG_DOMAIN "odan-test"

#include <errno.h>
#include <glib/gstdio.h>
#include <string.h>

#include "odan-test-pack.h"

static void
write_file (const char *dir,
            const char *name,
            const char *header,
            const char *rows)
{
  g_autofree char *path = g_build_filename (dir, name, NULL);
  g_autoptr(GString) text = g_string_new (NULL);
  g_autoptr(GError) error = NULL;

  if (header != NULL)
    g_string_append_printf (text, "%s\n", header);
  g_string_append (text, rows);
  if (text->len > 0 && text->str[text->len - 1] != '\n')
    g_string_append_c (text, '\n');

  g_file_set_contents (path, text->str, text->len, &error);
  g_assert_no_error (error);
}

char *
odan_test_pack_write (const OdanTestPack *pack)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("odan-engine-test-XXXXXX", &error);
  g_autofree char *ini = NULL;
  double duration = pack->duration > 0 ? pack->duration : 24 * 60;

  g_assert_no_error (error);

  ini = g_strdup_printf ("[scenario]\n"
                         "id=engine-test\n"
                         "title=Engine test\n"
                         "start=2015-12-08T09:00+09:00\n"
                         "duration=%.0f\n",
                         duration);
  write_file (dir, "scenario.ini", NULL, ini);
  write_file (dir, "sectors.csv", ODAN_TEST_SECTORS_HEADER,
              pack->sectors != NULL ? pack->sectors : ODAN_TEST_DEFAULT_SECTORS);
  write_file (dir, "nodes.csv", ODAN_TEST_NODES_HEADER, pack->nodes);
  write_file (dir, "dependencies.csv",
              pack->dependencies_header != NULL ? pack->dependencies_header : ODAN_TEST_DEPENDENCIES_HEADER,
              pack->dependencies != NULL ? pack->dependencies : "");
  if (pack->injects != NULL)
    write_file (dir, "injects.csv", ODAN_TEST_INJECTS_HEADER, pack->injects);
  if (pack->mitigations != NULL)
    write_file (dir, "mitigations.csv",
                pack->mitigations_header != NULL ? pack->mitigations_header : ODAN_TEST_MITIGATIONS_HEADER,
                pack->mitigations);
  if (pack->pools != NULL)
    write_file (dir, "pools.csv", ODAN_TEST_POOLS_HEADER, pack->pools);
  if (pack->resupply != NULL)
    write_file (dir, "resupply.csv", ODAN_TEST_RESUPPLY_HEADER, pack->resupply);

  return g_steal_pointer (&dir);
}

OdanPack *
odan_test_pack_load (const char *dir)
{
  g_autoptr(GPtrArray) diagnostics = g_ptr_array_new_with_free_func ((GDestroyNotify) odan_diagnostic_free);
  g_autoptr(GError) error = NULL;
  OdanPack *pack = odan_pack_load (dir, diagnostics, &error);

  for (guint i = 0; i < diagnostics->len; i++)
    {
      g_autofree char *line = odan_diagnostic_format (g_ptr_array_index (diagnostics, i));
      g_test_message ("%s: %s", dir, line);
      if (pack == NULL)
        g_printerr ("# %s: %s\n", dir, line);
    }
  g_assert_no_error (error);
  g_assert_nonnull (pack);
  return pack;
}

static void
remove_tree (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  if (dir == NULL)
    {
      g_remove (path);
      return;
    }
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);
      remove_tree (child);
    }
  if (g_rmdir (path) != 0)
    g_warning ("Cannot remove %s: %s", path, g_strerror (errno));
}

void
odan_test_pack_remove (const char *dir)
{
  g_assert_nonnull (dir);
  g_assert_true (g_str_has_prefix (dir, g_get_tmp_dir ()));
  remove_tree (dir);
}

GArray *
odan_test_effects (const OdanPack *pack,
                   const char     *text)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) effects = odan_effects_parse (text, &error);
  guint n_empty = 0;

  g_assert_no_error (error);
  g_assert_nonnull (effects);
  odan_effects_resolve (effects, pack, &n_empty, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (n_empty, ==, 0);
  return g_steal_pointer (&effects);
}

char *
odan_test_sim_csv (OdanSim *sim,
                   double   until)
{
  char *buf = NULL;
  size_t len = 0;
  FILE *out = open_memstream (&buf, &len);

  g_assert_nonnull (out);
  odan_sim_write_csv (sim, until, out);
  g_assert_cmpint (fclose (out), ==, 0);
  g_assert_cmpuint (strlen (buf), ==, len);
  return buf;
}

static void
print_prefixed (const char *label,
                const char *text)
{
  g_auto(GStrv) lines = g_strsplit (text, "\n", -1);

  g_printerr ("# %s:\n", label);
  for (guint i = 0; lines[i] != NULL; i++)
    if (lines[i][0] != '\0' || lines[i + 1] != NULL)
      g_printerr ("#   %s\n", lines[i]);
}

void
odan_test_assert_text (const char *what,
                       const char *got,
                       const char *expected)
{
  g_auto(GStrv) got_lines = NULL;
  g_auto(GStrv) expected_lines = NULL;
  guint i;

  if (g_strcmp0 (got, expected) == 0)
    return;

  got_lines = g_strsplit (got != NULL ? got : "", "\n", -1);
  expected_lines = g_strsplit (expected != NULL ? expected : "", "\n", -1);
  for (i = 0; got_lines[i] != NULL && expected_lines[i] != NULL; i++)
    if (strcmp (got_lines[i], expected_lines[i]) != 0)
      break;

  g_printerr ("# %s differs first at line %u: got \"%s\", expected \"%s\"\n",
              what, i + 1,
              got_lines[i] != NULL ? got_lines[i] : "(end)",
              expected_lines[i] != NULL ? expected_lines[i] : "(end)");
  print_prefixed ("got", got != NULL ? got : "(null)");
  print_prefixed ("expected", expected != NULL ? expected : "(null)");
  /* Not fatal: the remaining cases still run and report. */
  g_test_fail_printf ("%s differs from the expected text at line %u", what, i + 1);
}

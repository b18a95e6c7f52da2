/* odan-test-files.h — temporary folders for tests, and copies of packs in them */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Removes @path and everything below it (links are removed, not followed).
 * FALSE when something could not be removed: tests that must leave nothing
 * behind assert it. */
gboolean  odan_test_remove_tree (const char *path);
/* A new temporary folder named after @tmpl (as for g_dir_make_tmp()) that
 * holds a copy of every file at the top of the folder @source. */
char     *odan_test_copy_folder (const char *source,
                                 const char *tmpl);

G_END_DECLS

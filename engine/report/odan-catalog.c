/* odan-catalog.c — translations of one language, whatever the process's locale
 *
 * Why not gettext itself: glibc picks the catalogue from LANGUAGE and
 * LC_MESSAGES, which are the whole process's. Switching them for a report
 * (setenv ("LANGUAGE") and ++_nl_msg_cat_cntr) would race with the GUI's
 * other threads, which translate and read the environment at the same
 * time, and does nothing at all under the "C" locale, where glibc ignores
 * LANGUAGE; uselocale() needs the ja_JP locale installed. So this reads the
 * .mo file gettext would read (the format is GNU gettext's, documented in
 * its manual under "The Format of GNU MO Files"), once per language, into
 * a hash table that never changes afterwards, under a lock.
 */
#define G_LOG_DOMAIN "odan-report"

#include "odan-catalog.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#define MO_MAGIC         0x950412deU
#define MO_MAGIC_SWAPPED 0xde120495U

G_LOCK_DEFINE_STATIC (catalogs);
static GHashTable *catalogs;   /* language → GHashTable msgid → msgstr, or NULL: none */

static guint32
read_u32 (const guint8 *data,
          gsize         offset,
          gboolean      swapped)
{
  guint32 v;

  memcpy (&v, data + offset, sizeof v);
  return swapped ? GUINT32_SWAP_LE_BE (v) : v;
}

/* The string at table entry @i of the table at @table, or NULL when it
 * points outside the file. */
static const char *
mo_string (const guint8 *data,
           gsize         size,
           guint32       table,
           guint32       i,
           gboolean      swapped)
{
  gsize entry = (gsize) table + 8 * (gsize) i;
  guint32 length, offset;

  if (entry + 8 > size)
    return NULL;
  length = read_u32 (data, entry, swapped);
  offset = read_u32 (data, entry + 4, swapped);
  if ((gsize) offset + length >= size || data[offset + length] != '\0')
    return NULL;
  return (const char *) data + offset;
}

static GHashTable *
catalog_load (const char *language)
{
  const char *localedir = bindtextdomain (GETTEXT_PACKAGE, NULL);
  g_autofree char *name = g_strconcat (GETTEXT_PACKAGE, ".mo", NULL);
  g_autofree char *path = g_build_filename (localedir != NULL ? localedir : "", language,
                                            "LC_MESSAGES", name, NULL);
  g_autofree guint8 *data = NULL;
  g_autoptr(GError) error = NULL;
  GHashTable *table;
  gsize size;
  guint32 magic, n, originals, translations;
  gboolean swapped;

  if (!g_file_get_contents (path, (char **) &data, &size, &error))
    {
      g_warning ("no %s translations for the report: %s", language, error->message);
      return NULL;
    }
  magic = size >= 20 ? read_u32 (data, 0, FALSE) : 0;
  if (magic != MO_MAGIC && magic != MO_MAGIC_SWAPPED)
    {
      g_warning ("%s is not a gettext catalogue", path);
      return NULL;
    }
  swapped = magic == MO_MAGIC_SWAPPED;
  n = read_u32 (data, 8, swapped);
  originals = read_u32 (data, 12, swapped);
  translations = read_u32 (data, 16, swapped);

  table = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  for (guint32 i = 0; i < n; i++)
    {
      const char *msgid = mo_string (data, size, originals, i, swapped);
      const char *msgstr = mo_string (data, size, translations, i, swapped);

      /* entry "" is the header; plural entries keep their singular */
      if (msgid != NULL && msgstr != NULL && msgid[0] != '\0' && msgstr[0] != '\0')
        g_hash_table_insert (table, g_strdup (msgid), g_strdup (msgstr));
    }
  return table;
}

const char *
odan_catalog_lookup (const char *language,
                     const char *msgid)
{
  GHashTable *table;
  const char *found = NULL;

  g_return_val_if_fail (language != NULL, NULL);
  g_return_val_if_fail (msgid != NULL, NULL);

  G_LOCK (catalogs);
  if (catalogs == NULL)
    catalogs = g_hash_table_new (g_str_hash, g_str_equal);
  if (!g_hash_table_lookup_extended (catalogs, language, NULL, (gpointer *) &table))
    {
      /* kept for the life of the process: lookups return its strings */
      table = catalog_load (language);
      g_hash_table_insert (catalogs, g_strdup (language), table);
    }
  if (table != NULL)
    found = g_hash_table_lookup (table, msgid);
  G_UNLOCK (catalogs);
  return found;
}

/* odan-pg-store-none.c — the PostgreSQL backend of an Odan built without libpq
 *
 * Recognises the locations the real backend opens, so that a connection
 * string is not taken for a file name, and refuses to open them with a
 * message that says why. meson builds this file instead of odan-pg-store.c
 * when libpq is not found.
 */
#define G_LOG_DOMAIN "odan-store"

#include "odan-pg-store.h"

#include <glib/gi18n-lib.h>

gboolean
odan_pg_store_is_location (const char *location)
{
  return location != NULL
         && (g_str_has_prefix (location, "postgresql://") || g_str_has_prefix (location, "postgres://"));
}

/* Without libpq nothing can tell what a connection string holds: none is
 * ever saved. */
gboolean
odan_pg_store_conninfo_has_password (const char *conninfo)
{
  return TRUE;
}

OdanStore *
odan_pg_store_open (const char        *conninfo,
                    OdanPgStoreFlags   flags,
                    GError           **error)
{
  g_set_error (error, ODAN_STORE_ERROR, ODAN_STORE_ERROR_DENIED, "%s",
               _("this Odan was built without PostgreSQL support; "
                 "open the exercise with an Odan built with libpq"));
  return NULL;
}

/* odan-store-open.c — opening a store by its location
 *
 * The one file that knows the backends: a location is a PostgreSQL
 * connection string or a file name, and everything else in Odan opens a
 * store through here and then talks to the OdanStore interface only.
 * Without libpq the PostgreSQL backend is a stub whose open says so
 * (pg/odan-pg-store-none.c), so nothing here depends on how Odan was built.
 */
#define G_LOG_DOMAIN "odan-store"

#include "odan-store.h"
#include "odan-pg-store.h"
#include "odan-sqlite-store.h"

gboolean
odan_store_location_is_database (const char *location)
{
  g_return_val_if_fail (location != NULL, FALSE);

  return odan_pg_store_is_location (location);
}

gboolean
odan_store_conninfo_has_password (const char *conninfo)
{
  g_return_val_if_fail (conninfo != NULL, TRUE);

  return odan_pg_store_conninfo_has_password (conninfo);
}

OdanStore *
odan_store_open_location (const char          *location,
                          OdanStoreOpenFlags   flags,
                          GError             **error)
{
  g_return_val_if_fail (location != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  /* the backends' flags share the first bits; CREATE only concerns files */
  if ((flags & ODAN_STORE_OPEN_DATABASE) || odan_pg_store_is_location (location))
    return odan_pg_store_open (location,
                               (OdanPgStoreFlags) (flags & (ODAN_STORE_OPEN_READ_ONLY
                                                            | ODAN_STORE_OPEN_REQUIRE_WRITE)),
                               error);
  return odan_sqlite_store_open (location,
                                 (OdanSqliteStoreFlags) (flags & ~ODAN_STORE_OPEN_DATABASE),
                                 error);
}

/* odan-store.c — where an exercise keeps its log: the interface
 *
 * Thin wrappers over the vtable; the contract is in odan-store.h.
 */
#define G_LOG_DOMAIN "odan-store"

#include "odan-store.h"
#include "odan-sqlite-store.h"
#ifdef ODAN_HAVE_LIBPQ
#include "odan-pg-store.h"
#endif

#include <glib/gi18n-lib.h>

G_DEFINE_QUARK (odan-store-error-quark, odan_store_error)

G_DEFINE_INTERFACE (OdanStore, odan_store, G_TYPE_OBJECT)

static void
odan_store_default_init (OdanStoreInterface *iface)
{
}

const char *
odan_store_get_location (OdanStore *self)
{
  g_return_val_if_fail (ODAN_IS_STORE (self), NULL);

  return ODAN_STORE_GET_IFACE (self)->get_location (self);
}

OdanStoreAccess
odan_store_get_access (OdanStore *self)
{
  g_return_val_if_fail (ODAN_IS_STORE (self), ODAN_STORE_ACCESS_READ_ONLY);

  return ODAN_STORE_GET_IFACE (self)->get_access (self);
}

gboolean
odan_store_is_read_only (OdanStore *self)
{
  return odan_store_get_access (self) != ODAN_STORE_ACCESS_READ_WRITE;
}

guint
odan_store_get_schema_version (OdanStore *self)
{
  g_return_val_if_fail (ODAN_IS_STORE (self), 0);

  return ODAN_STORE_GET_IFACE (self)->get_schema_version (self);
}

gboolean
odan_store_is_empty (OdanStore *self)
{
  g_return_val_if_fail (ODAN_IS_STORE (self), TRUE);

  return ODAN_STORE_GET_IFACE (self)->is_empty (self);
}

gboolean
odan_store_init_exercise (OdanStore   *self,
                          GHashTable  *pack_files,
                          GHashTable  *meta,
                          GError     **error)
{
  g_return_val_if_fail (ODAN_IS_STORE (self), FALSE);
  g_return_val_if_fail (pack_files != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  return ODAN_STORE_GET_IFACE (self)->init_exercise (self, pack_files, meta, error);
}

GHashTable *
odan_store_read_pack (OdanStore *self,
                      GError   **error)
{
  g_return_val_if_fail (ODAN_IS_STORE (self), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return ODAN_STORE_GET_IFACE (self)->read_pack (self, error);
}

char *
odan_store_get_meta (OdanStore  *self,
                     const char *key)
{
  g_return_val_if_fail (ODAN_IS_STORE (self), NULL);
  g_return_val_if_fail (key != NULL, NULL);

  return ODAN_STORE_GET_IFACE (self)->get_meta (self, key);
}

gboolean
odan_store_append_event (OdanStore  *self,
                         OdanEvent  *event,
                         GError    **error)
{
  g_return_val_if_fail (ODAN_IS_STORE (self), FALSE);
  g_return_val_if_fail (event != NULL, FALSE);
  g_return_val_if_fail (event->id == 0, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  return ODAN_STORE_GET_IFACE (self)->append_event (self, event, error);
}

gboolean
odan_store_read_events (OdanStore          *self,
                        gint64              after_id,
                        OdanStoreEventFunc  func,
                        gpointer            user_data,
                        GError            **error)
{
  g_return_val_if_fail (ODAN_IS_STORE (self), FALSE);
  g_return_val_if_fail (func != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  return ODAN_STORE_GET_IFACE (self)->read_events (self, after_id, func, user_data, error);
}

gboolean
odan_store_close (OdanStore *self,
                  GError   **error)
{
  g_return_val_if_fail (ODAN_IS_STORE (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  return ODAN_STORE_GET_IFACE (self)->close (self, error);
}

gboolean
odan_store_location_is_database (const char *location)
{
  g_return_val_if_fail (location != NULL, FALSE);

  return g_str_has_prefix (location, "postgresql://") || g_str_has_prefix (location, "postgres://");
}

OdanStore *
odan_store_open_location (const char          *location,
                          OdanStoreOpenFlags   flags,
                          GError             **error)
{
  g_return_val_if_fail (location != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (odan_store_location_is_database (location))
    {
#ifdef ODAN_HAVE_LIBPQ
      return odan_pg_store_open (location, (OdanPgStoreFlags) (flags & ~ODAN_STORE_OPEN_CREATE), error);
#else
      g_set_error (error, ODAN_STORE_ERROR, ODAN_STORE_ERROR_DENIED, "%s",
                   _("this Odan was built without PostgreSQL support; "
                        "open the exercise with an Odan built with libpq"));
      return NULL;
#endif
    }
  return odan_sqlite_store_open (location, (OdanSqliteStoreFlags) flags, error);
}

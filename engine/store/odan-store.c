/* odan-store.c — where an exercise keeps its log: the interface
 *
 * Thin wrappers over the vtable; the contract is in odan-store.h. Opening
 * by location, the one place that knows the backends, is odan-store-open.c.
 */
#define G_LOG_DOMAIN "odan-store"

#include "odan-store.h"

#include <glib/gi18n-lib.h>

G_DEFINE_QUARK (odan-store-error-quark, odan_store_error)

G_DEFINE_INTERFACE (OdanStore, odan_store, G_TYPE_OBJECT)

static void
odan_store_default_init (OdanStoreInterface *iface)
{
  /**
   * OdanStore::connection-changed:
   * @connected: FALSE when a watch lost the server, TRUE once it is back
   *
   * Emitted while odan_store_watch() runs only (a status line for the
   * console); the watch catches up on its own after reconnecting.
   */
  g_signal_new ("connection-changed", G_TYPE_FROM_INTERFACE (iface), G_SIGNAL_RUN_LAST,
                0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_BOOLEAN);
  /**
   * OdanStore::event-skipped:
   * @id: the event's id (gint64)
   * @message: why it was skipped, naming the event and its author
   *
   * A member's event (a team's or an evaluator's own connection wrote it)
   * that this reader cannot take was left out of what it hands on; every
   * other event still is. Emitted once per event and store.
   */
  g_signal_new ("event-skipped", G_TYPE_FROM_INTERFACE (iface), G_SIGNAL_RUN_LAST,
                0, NULL, NULL, NULL, G_TYPE_NONE, 2, G_TYPE_INT64, G_TYPE_STRING);
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
odan_store_append_events (OdanStore  *self,
                          OdanEvent **events,
                          guint       n_events,
                          GError    **error)
{
  OdanStoreInterface *iface;

  g_return_val_if_fail (ODAN_IS_STORE (self), FALSE);
  g_return_val_if_fail (events != NULL || n_events == 0, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  iface = ODAN_STORE_GET_IFACE (self);
  if (iface->append_events != NULL)
    return iface->append_events (self, events, n_events, error);
  for (guint i = 0; i < n_events; i++)
    if (!iface->append_event (self, events[i], error))
      return FALSE;
  return TRUE;
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

OdanStoreRole
odan_store_get_role (OdanStore *self)
{
  OdanStoreInterface *iface;

  g_return_val_if_fail (ODAN_IS_STORE (self), ODAN_STORE_ROLE_TEAM);

  iface = ODAN_STORE_GET_IFACE (self);
  return iface->get_role != NULL ? iface->get_role (self) : ODAN_STORE_ROLE_OWNER;
}

const char *
odan_store_get_team (OdanStore *self)
{
  OdanStoreInterface *iface;

  g_return_val_if_fail (ODAN_IS_STORE (self), NULL);

  iface = ODAN_STORE_GET_IFACE (self);
  return iface->get_team != NULL ? iface->get_team (self) : NULL;
}

gboolean
odan_store_watch (OdanStore          *self,
                  gint64              after_id,
                  OdanStoreEventFunc  func,
                  gpointer            user_data,
                  GDestroyNotify      destroy)
{
  OdanStoreInterface *iface;

  g_return_val_if_fail (ODAN_IS_STORE (self), FALSE);
  g_return_val_if_fail (func != NULL, FALSE);

  iface = ODAN_STORE_GET_IFACE (self);
  if (iface->watch == NULL)
    return FALSE;
  return iface->watch (self, after_id, func, user_data, destroy);
}

void
odan_store_unwatch (OdanStore *self)
{
  OdanStoreInterface *iface;

  g_return_if_fail (ODAN_IS_STORE (self));

  iface = ODAN_STORE_GET_IFACE (self);
  if (iface->unwatch != NULL)
    iface->unwatch (self);
}

static gboolean
no_invitations (OdanStore  *self,
                GError    **error)
{
  g_set_error (error, ODAN_STORE_ERROR, ODAN_STORE_ERROR_DENIED,
               _("%s keeps no invitations: serve an exercise file"), odan_store_get_location (self));
  return FALSE;
}

gboolean
odan_store_put_invitation (OdanStore   *self,
                           const char  *team,
                           const char  *hash,
                           GError     **error)
{
  OdanStoreInterface *iface;

  g_return_val_if_fail (ODAN_IS_STORE (self), FALSE);
  g_return_val_if_fail (team != NULL && hash != NULL, FALSE);

  iface = ODAN_STORE_GET_IFACE (self);
  if (iface->put_invitation == NULL)
    return no_invitations (self, error);
  return iface->put_invitation (self, team, hash, error);
}

gboolean
odan_store_revoke_invitation (OdanStore   *self,
                              const char  *team,
                              gboolean    *out_revoked,
                              GError     **error)
{
  OdanStoreInterface *iface;
  gboolean revoked = FALSE;

  g_return_val_if_fail (ODAN_IS_STORE (self), FALSE);
  g_return_val_if_fail (team != NULL, FALSE);

  iface = ODAN_STORE_GET_IFACE (self);
  if (iface->revoke_invitation == NULL)
    return no_invitations (self, error);
  if (!iface->revoke_invitation (self, team, &revoked, error))
    return FALSE;
  if (out_revoked != NULL)
    *out_revoked = revoked;
  return TRUE;
}

gboolean
odan_store_find_invitation (OdanStore   *self,
                            const char  *hash,
                            char       **out_team,
                            GError     **error)
{
  OdanStoreInterface *iface;

  g_return_val_if_fail (ODAN_IS_STORE (self), FALSE);
  g_return_val_if_fail (hash != NULL && out_team != NULL, FALSE);

  *out_team = NULL;
  iface = ODAN_STORE_GET_IFACE (self);
  if (iface->find_invitation == NULL)
    return no_invitations (self, error);
  return iface->find_invitation (self, hash, out_team, error);
}

/* odan-serve-sessions.c — sessions by id, failed codes by address
 *
 * Two hash tables: session id → OdanServeSession, client address → the
 * failures of its current window. Windows are dropped when they expire,
 * so an address that stops trying costs nothing.
 */
#define G_LOG_DOMAIN "odan-serve"

#include "odan-serve-sessions.h"

#include <string.h>

#include "odan-invitation.h"

typedef struct {
  gint64 start;     /* seconds */
  guint  failures;
} Window;

struct _OdanServeSessions
{
  GHashTable *sessions;   /* id → OdanServeSession */
  GHashTable *windows;    /* address → Window */
};

static void
session_free (OdanServeSession *session)
{
  g_free (session->id);
  g_free (session->csrf);
  g_free (session->team);
  g_free (session->invitation);
  g_ptr_array_unref (session->sockets);
  g_free (session);
}

OdanServeSessions *
odan_serve_sessions_new (void)
{
  OdanServeSessions *self = g_new0 (OdanServeSessions, 1);

  self->sessions = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, (GDestroyNotify) session_free);
  self->windows = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  return self;
}

void
odan_serve_sessions_free (OdanServeSessions *self)
{
  if (self == NULL)
    return;
  g_hash_table_unref (self->sessions);
  g_hash_table_unref (self->windows);
  g_free (self);
}

OdanServeSession *
odan_serve_sessions_add (OdanServeSessions  *self,
                         const char         *team,
                         guint32             team_index,
                         const char         *invitation,
                         GError            **error)
{
  g_autofree char *id = odan_invitation_random_token (32, error);
  g_autofree char *csrf = id != NULL ? odan_invitation_random_token (32, error) : NULL;
  OdanServeSession *session;

  if (csrf == NULL)
    return NULL;
  session = g_new0 (OdanServeSession, 1);
  session->id = g_steal_pointer (&id);
  session->csrf = g_steal_pointer (&csrf);
  session->team = g_strdup (team);
  session->team_index = team_index;
  session->invitation = g_strdup (invitation);
  session->sockets = g_ptr_array_new_with_free_func (g_object_unref);
  g_hash_table_insert (self->sessions, session->id, session);
  return session;
}

OdanServeSession *
odan_serve_sessions_lookup (OdanServeSessions *self,
                            const char        *id)
{
  return id != NULL ? g_hash_table_lookup (self->sessions, id) : NULL;
}

void
odan_serve_sessions_remove (OdanServeSessions *self,
                            OdanServeSession  *session)
{
  g_hash_table_remove (self->sessions, session->id);
}

GPtrArray *
odan_serve_sessions_list (OdanServeSessions *self)
{
  GPtrArray *list = g_ptr_array_sized_new (g_hash_table_size (self->sessions));
  GHashTableIter iter;
  gpointer value;

  g_hash_table_iter_init (&iter, self->sessions);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    g_ptr_array_add (list, value);
  return list;
}

guint
odan_serve_sessions_count (OdanServeSessions *self)
{
  return g_hash_table_size (self->sessions);
}

/* The address's window at @now, NULL when it has none or it expired. */
static Window *
current_window (OdanServeSessions *self,
                const char        *address,
                gint64             now)
{
  Window *w = g_hash_table_lookup (self->windows, address);

  if (w != NULL && now - w->start >= ODAN_SERVE_FAILURE_WINDOW)
    {
      g_hash_table_remove (self->windows, address);
      return NULL;
    }
  return w;
}

gboolean
odan_serve_sessions_may_try (OdanServeSessions *self,
                             const char        *address,
                             gint64             now,
                             guint             *out_retry_after)
{
  Window *w = current_window (self, address != NULL ? address : "", now);

  if (w == NULL || w->failures < ODAN_SERVE_MAX_FAILURES)
    return TRUE;
  if (out_retry_after != NULL)
    *out_retry_after = (guint) MAX (1, ODAN_SERVE_FAILURE_WINDOW - (now - w->start));
  return FALSE;
}

void
odan_serve_sessions_note_failure (OdanServeSessions *self,
                                  const char        *address,
                                  gint64             now)
{
  Window *w;

  address = address != NULL ? address : "";
  w = current_window (self, address, now);
  if (w == NULL)
    {
      w = g_new0 (Window, 1);
      w->start = now;
      g_hash_table_insert (self->windows, g_strdup (address), w);
    }
  w->failures++;
}

gboolean
odan_serve_token_equal (const char *a,
                        const char *b)
{
  gsize n;
  guint8 diff = 0;

  if (a == NULL || b == NULL)
    return FALSE;
  n = strlen (a);
  if (n != strlen (b))
    return FALSE;
  for (gsize i = 0; i < n; i++)
    diff |= (guint8) (a[i] ^ b[i]);
  return diff == 0;
}

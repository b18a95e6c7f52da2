/* odan-invitation.c — invitation codes, their hashes and the store
 *
 * The codes carry 256 bits from the kernel, so a plain SHA-256 is enough to
 * keep them: there is nothing to guess from a hash that a dictionary helps
 * with. Everything cryptographic is GLib's (GChecksum) or the kernel's.
 */
#define G_LOG_DOMAIN "odan-exercise"

#include "odan-invitation.h"

#include <gio/gio.h>
#include <glib/gi18n-lib.h>
#include <string.h>

gboolean
odan_invitation_random (guint8  *buf,
                        gsize    len,
                        GError **error)
{
  g_autoptr(GFile) file = g_file_new_for_path ("/dev/urandom");
  g_autoptr(GFileInputStream) stream = g_file_read (file, NULL, error);
  gsize n = 0;

  if (stream == NULL)
    return FALSE;
  if (!g_input_stream_read_all (G_INPUT_STREAM (stream), buf, len, &n, NULL, error))
    return FALSE;
  if (n != len)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, _("/dev/urandom gave too few bytes"));
      return FALSE;
    }
  return TRUE;
}

char *
odan_invitation_random_token (gsize    len,
                              GError **error)
{
  g_autofree guint8 *buf = g_malloc (len);
  g_autofree char *text = NULL;
  gsize n;

  if (!odan_invitation_random (buf, len, error))
    return NULL;
  text = g_base64_encode (buf, len);
  /* URL-safe, no padding: fits a URL fragment and a cookie as it is */
  n = strlen (text);
  while (n > 0 && text[n - 1] == '=')
    text[--n] = '\0';
  for (char *p = text; *p != '\0'; p++)
    if (*p == '+')
      *p = '-';
    else if (*p == '/')
      *p = '_';
  return g_steal_pointer (&text);
}

char *
odan_invitation_hash (const char *code)
{
  return g_compute_checksum_for_string (G_CHECKSUM_SHA256, code, -1);
}

static gboolean
has_code_shape (const char *code)
{
  gsize n = 0;

  for (const char *p = code; *p != '\0'; p++, n++)
    if (!g_ascii_isalnum (*p) && *p != '-' && *p != '_')
      return FALSE;
  return n == ODAN_INVITATION_CODE_LENGTH;
}

static gboolean
check_team (OdanExercise  *exercise,
            const char    *team,
            GError       **error)
{
  if (team == NULL || odan_pack_find_team (odan_exercise_get_pack (exercise), team) == ODAN_NONE)
    {
      g_set_error (error, ODAN_EXERCISE_ERROR, ODAN_EXERCISE_ERROR_INVALID,
                   _("%s: no team “%s” in this exercise"),
                   odan_store_get_location (odan_exercise_get_store (exercise)),
                   team != NULL ? team : "");
      return FALSE;
    }
  return TRUE;
}

char *
odan_invitation_create (OdanExercise  *exercise,
                        const char    *team,
                        GError       **error)
{
  g_autofree char *code = NULL;
  g_autofree char *hash = NULL;

  g_return_val_if_fail (ODAN_IS_EXERCISE (exercise), NULL);

  if (!check_team (exercise, team, error))
    return NULL;
  code = odan_invitation_random_token (32, error);
  if (code == NULL)
    return NULL;
  g_assert (strlen (code) == ODAN_INVITATION_CODE_LENGTH);
  hash = odan_invitation_hash (code);
  if (!odan_store_put_invitation (odan_exercise_get_store (exercise), team, hash, error))
    return NULL;
  return g_steal_pointer (&code);
}

gboolean
odan_invitation_revoke (OdanExercise  *exercise,
                        const char    *team,
                        gboolean      *out_revoked,
                        GError       **error)
{
  g_return_val_if_fail (ODAN_IS_EXERCISE (exercise), FALSE);

  if (!check_team (exercise, team, error))
    return FALSE;
  return odan_store_revoke_invitation (odan_exercise_get_store (exercise), team, out_revoked, error);
}

char *
odan_invitation_find (OdanStore   *store,
                      const char  *code,
                      GError     **error)
{
  g_autofree char *hash = NULL;
  char *team = NULL;

  g_return_val_if_fail (ODAN_IS_STORE (store), NULL);

  if (code == NULL || !has_code_shape (code))
    return NULL;
  hash = odan_invitation_hash (code);
  if (!odan_store_find_invitation (store, hash, &team, error))
    return NULL;
  return team;
}

char *
odan_invitation_url (const char *base_url,
                     const char *code)
{
  gsize n = strlen (base_url);

  while (n > 0 && base_url[n - 1] == '/')
    n--;
  return g_strdup_printf ("%.*s/join#%s", (int) n, base_url, code);
}

/* odan-invitation.h — a team's invitation to its browser page
 *
 * `odan-cli invite` (and the console's Teams page) give a team a URL that
 * carries a secret code; `odan-cli serve` exchanges the code once for a
 * session. A code is 32 random bytes from the kernel (/dev/urandom through
 * GIO), written as 43 characters of URL-safe base64. The exercise keeps only
 * its SHA-256 (odan_store_put_invitation()), one per team: a new invitation
 * replaces the team's last one, and revoking withdraws it.
 */
#pragma once

#include <glib.h>
#include "odan-exercise.h"

G_BEGIN_DECLS

/* The length of a code, in characters. */
#define ODAN_INVITATION_CODE_LENGTH 43

/* A new invitation for @team (a team id of the exercise's pack): the code
 * to hand out (g_free() it), or NULL with ODAN_EXERCISE_ERROR_INVALID for an
 * unknown team, or the store's error. */
char     *odan_invitation_create (OdanExercise  *exercise,
                                  const char    *team,
                                  GError       **error);
/* Withdraws @team's invitation; *@out_revoked (may be NULL) says whether it
 * had one. */
gboolean  odan_invitation_revoke (OdanExercise  *exercise,
                                  const char    *team,
                                  gboolean      *out_revoked,
                                  GError       **error);
/* The team @code invites (g_free() it), or NULL: not a code's shape, no
 * invitation with it (both with @error unset), or the store failed. */
char     *odan_invitation_find   (OdanStore     *store,
                                  const char    *code,
                                  GError       **error);
/* The hash kept for @code (lowercase hex SHA-256). */
char     *odan_invitation_hash   (const char    *code);
/* The URL to hand out: @base_url (scheme, host and port, any trailing
 * slash dropped) + "/join#" + @code; the code stays in the fragment, which
 * browsers send to no server and no Referer carries. */
char     *odan_invitation_url    (const char    *base_url,
                                  const char    *code);
/* Random bytes from the kernel for codes and session ids. */
gboolean  odan_invitation_random (guint8        *buf,
                                  gsize          len,
                                  GError       **error);
/* @len random bytes as URL-safe base64 without padding. */
char     *odan_invitation_random_token (gsize    len,
                                        GError **error);

G_END_DECLS

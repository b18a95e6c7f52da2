/* odan-serve-sessions.h — who is signed in to `odan-cli serve`, and who may try
 *
 * A session is what an invitation code is exchanged for: a random id in an
 * HttpOnly cookie, the team, the hash of the invitation it came from (a
 * revoked invitation ends its sessions) and a CSRF token every write must
 * carry. Sessions live in the serving process only; restarting it signs
 * every page out, and the pages sign in again with their invitation.
 *
 * Guessing codes is rate-limited per client address: after
 * ODAN_SERVE_MAX_FAILURES wrong codes within ODAN_SERVE_FAILURE_WINDOW
 * seconds an address is refused, right code or not, until the window has
 * passed.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define ODAN_SERVE_MAX_FAILURES   10
#define ODAN_SERVE_FAILURE_WINDOW 60

typedef struct {
  char      *id;           /* the cookie's value */
  char      *csrf;         /* the token every write carries */
  char      *team;         /* the team's id */
  guint32    team_index;
  char      *invitation;   /* the hash of the code it came from */
  GPtrArray *sockets;      /* SoupWebsocketConnection, the session's open pages */
} OdanServeSession;

typedef struct _OdanServeSessions OdanServeSessions;

OdanServeSessions *odan_serve_sessions_new  (void);
void               odan_serve_sessions_free (OdanServeSessions *self);

/* A new session for @team; NULL with @error when the kernel gives no
 * random bytes. The table owns it. */
OdanServeSession  *odan_serve_sessions_add    (OdanServeSessions  *self,
                                               const char         *team,
                                               guint32             team_index,
                                               const char         *invitation,
                                               GError            **error);
OdanServeSession  *odan_serve_sessions_lookup (OdanServeSessions  *self,
                                               const char         *id);
/* Ends @session (its sockets are the caller's to close first). */
void               odan_serve_sessions_remove (OdanServeSessions  *self,
                                               OdanServeSession   *session);
/* Every session, in no order (a new array of borrowed pointers). */
GPtrArray         *odan_serve_sessions_list   (OdanServeSessions  *self);
guint              odan_serve_sessions_count  (OdanServeSessions  *self);

/* Whether @address may try a code at @now (seconds); else the seconds
 * to wait in *@out_retry_after. */
gboolean           odan_serve_sessions_may_try     (OdanServeSessions *self,
                                                    const char        *address,
                                                    gint64             now,
                                                    guint             *out_retry_after);
void               odan_serve_sessions_note_failure (OdanServeSessions *self,
                                                     const char        *address,
                                                     gint64             now);

/* Constant-time comparison of two tokens. */
gboolean           odan_serve_token_equal (const char *a,
                                           const char *b);

G_END_DECLS

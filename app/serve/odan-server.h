/* odan-server.h — `odan-cli serve`: the teams' browser pages over HTTP
 *
 * An OdanServer serves one exercise to sector teams in their browsers, on
 * libsoup 3 (HTTP/1.1, WebSocket; TLS by GnuTLS through GIO). A team signs
 * in with its invitation (odan-invitation.h), gets a session cookie
 * (HttpOnly, SameSite=Strict, Secure under TLS), and its page shows exactly
 * what its desktop window shows (OdanTeamView), pushed over a WebSocket as
 * the log grows. Every write goes through the exercise API the desktop
 * team window uses. odan-serve-api.h says what the page may ask.
 *
 * The server lives in the thread-default main context of its creator and
 * follows the exercise there: a shared exercise (PostgreSQL) through
 * odan_exercise_follow(), a file it writes itself — when the clock runs in
 * real time, it delivers what falls due as the console would.
 */
#pragma once

#include <gio/gio.h>
#include "odan-exercise.h"

G_BEGIN_DECLS

#define ODAN_SERVER_ERROR (odan_server_error_quark ())

typedef enum {
  ODAN_SERVER_ERROR_ADDRESS,   /* --listen is no HOST:PORT */
  ODAN_SERVER_ERROR_LISTEN,    /* the address is taken or not ours */
  ODAN_SERVER_ERROR_TLS,       /* the certificate or key does not load */
  ODAN_SERVER_ERROR_EXERCISE,  /* the exercise cannot be served as it is */
} OdanServerError;

GQuark odan_server_error_quark (void);

#define ODAN_TYPE_SERVER (odan_server_get_type ())
G_DECLARE_FINAL_TYPE (OdanServer, odan_server, ODAN, SERVER, GObject)

/* A server for @exercise, which must be writable (teams log through it). A
 * team client (a team's own PostgreSQL role) serves that team only. */
OdanServer *odan_server_new          (OdanExercise     *exercise,
                                      GError          **error);
/* Serves HTTPS with @certificate (odan_server_load_certificate()); call
 * before listening. */
void        odan_server_set_tls      (OdanServer       *self,
                                      GTlsCertificate  *certificate);
GTlsCertificate *odan_server_load_certificate (const char  *certificate_file,
                                               const char  *key_file,
                                               GError     **error);
/* Listens on @address ("HOST:PORT"; port 0 picks a free one; host "*"
 * every interface). */
gboolean    odan_server_listen       (OdanServer       *self,
                                      const char       *address,
                                      GError          **error);
/* The URL it listens on first ("http://127.0.0.1:8080"). */
char       *odan_server_get_url      (OdanServer       *self);
OdanExercise *odan_server_get_exercise (OdanServer     *self);
/* Signed-in sessions and open pages (WebSocket connections). */
guint       odan_server_get_n_sessions (OdanServer     *self);
guint       odan_server_get_n_pages    (OdanServer     *self);
/* Ends the sessions whose invitation was revoked (also done every second). */
void        odan_server_check_invitations (OdanServer  *self);

G_END_DECLS

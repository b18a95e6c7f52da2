/* odan-store.h — where an exercise keeps its log: the interface
 *
 * An exercise lives in one store: the pack it was started from (its files,
 * name → bytes) and every event in id order. The SQLite backend (sqlite/)
 * keeps a store in one file, the PostgreSQL one (pg/) an exercise played
 * across sites in a database. Everything that differs between them is here —
 * opening by location, who the connection is, following what others write
 * — so the exercise, the CLI and the GUI only talk to this interface.
 *
 * The contract every backend keeps:
 *  - odan_store_append_event() commits the event in a transaction of its own
 *    and sets its id only once that transaction is durable: an id handed out
 *    is never lost, whatever happens to the process afterwards.
 *  - Ids grow with every append and are never reused; reading after an id
 *    gives the events appended since, in id order (how a replica catches up).
 *  - One writer at a time. A second opener gets the store read-only
 *    (ODAN_STORE_ACCESS_LOCKED) and never damages it.
 *  - A store written by a newer Odan is refused (ODAN_STORE_ERROR_TOO_NEW);
 *    an older one is upgraded on open, in one transaction.
 */
#pragma once

#include <glib-object.h>
#include "odan-event.h"

G_BEGIN_DECLS

#define ODAN_STORE_ERROR (odan_store_error_quark ())

/**
 * OdanStoreError:
 * @ODAN_STORE_ERROR_IO: the file cannot be read or written (permissions,
 *   disk full, I/O error); the message names the file and the cause
 * @ODAN_STORE_ERROR_NOT_EXERCISE: the file is not an Odan exercise file
 * @ODAN_STORE_ERROR_EMPTY: the file holds no exercise yet (its creation was
 *   interrupted before the pack was stored)
 * @ODAN_STORE_ERROR_DAMAGED: the integrity check failed or the content
 *   contradicts itself; nothing is written to such a file
 * @ODAN_STORE_ERROR_TOO_NEW: written by a newer Odan (a later schema)
 * @ODAN_STORE_ERROR_LOCKED: another process is writing to it and writing was
 *   required
 * @ODAN_STORE_ERROR_READ_ONLY: a write to a store that is open read-only
 * @ODAN_STORE_ERROR_EXISTS: the store already holds an exercise
 * @ODAN_STORE_ERROR_DENIED: the database refused what this connection's
 *   role may not do (a team writing as another team, reading the MSEL);
 *   also a backend that this Odan was built without
 */
typedef enum {
  ODAN_STORE_ERROR_IO,
  ODAN_STORE_ERROR_NOT_EXERCISE,
  ODAN_STORE_ERROR_EMPTY,
  ODAN_STORE_ERROR_DAMAGED,
  ODAN_STORE_ERROR_TOO_NEW,
  ODAN_STORE_ERROR_LOCKED,
  ODAN_STORE_ERROR_READ_ONLY,
  ODAN_STORE_ERROR_EXISTS,
  ODAN_STORE_ERROR_DENIED,
} OdanStoreError;

GQuark odan_store_error_quark (void);

typedef enum {
  ODAN_STORE_ACCESS_READ_WRITE,
  ODAN_STORE_ACCESS_READ_ONLY,   /* asked for, or the file cannot be written */
  ODAN_STORE_ACCESS_LOCKED,      /* read-only: another process is writing to it */
} OdanStoreAccess;

/**
 * OdanStoreRole:
 * @ODAN_STORE_ROLE_OWNER: the one who created the exercise: a facilitator
 *   (any exercise file's opener)
 * @ODAN_STORE_ROLE_FACILITATOR: the facilitator's console
 * @ODAN_STORE_ROLE_EVALUATOR: an evaluator: reads everything, logs only
 *   observations
 * @ODAN_STORE_ROLE_TEAM: a sector team's own connection (odan_store_get_team())
 *
 * Who a connection is in the exercise: the principal whose rights the
 * store enforces. The nicks are the words of the database's role mapping.
 */
typedef enum {
  ODAN_STORE_ROLE_OWNER,         /*< nick=owner >*/
  ODAN_STORE_ROLE_FACILITATOR,   /*< nick=facilitator >*/
  ODAN_STORE_ROLE_EVALUATOR,     /*< nick=evaluator >*/
  ODAN_STORE_ROLE_TEAM,          /*< nick=team >*/
} OdanStoreRole;

/* Receives each event read (transfer full). Return FALSE with @error set to stop. */
typedef gboolean (*OdanStoreEventFunc) (OdanEvent *event,
                                        gpointer   user_data,
                                        GError   **error);

#define ODAN_TYPE_STORE (odan_store_get_type ())
G_DECLARE_INTERFACE (OdanStore, odan_store, ODAN, STORE, GObject)

struct _OdanStoreInterface
{
  GTypeInterface parent_iface;

  const char     *(*get_location)       (OdanStore *self);
  OdanStoreAccess (*get_access)         (OdanStore *self);
  guint           (*get_schema_version) (OdanStore *self);
  gboolean        (*is_empty)           (OdanStore *self);
  gboolean        (*init_exercise)      (OdanStore   *self,
                                         GHashTable  *pack_files,
                                         GHashTable  *meta,
                                         GError     **error);
  GHashTable     *(*read_pack)          (OdanStore *self,
                                         GError   **error);
  char           *(*get_meta)           (OdanStore  *self,
                                         const char *key);
  gboolean        (*append_event)       (OdanStore  *self,
                                         OdanEvent  *event,
                                         GError    **error);
  /* Optional: without it each event is appended on its own. */
  gboolean        (*append_events)      (OdanStore  *self,
                                         OdanEvent **events,
                                         guint       n_events,
                                         GError    **error);
  gboolean        (*read_events)        (OdanStore          *self,
                                         gint64              after_id,
                                         OdanStoreEventFunc  func,
                                         gpointer            user_data,
                                         GError            **error);
  gboolean        (*close)              (OdanStore *self,
                                         GError   **error);

  /* Optional: a store without them is a file's, opened by its owner, and
   * has no other writer to follow. */
  OdanStoreRole   (*get_role)           (OdanStore *self);
  const char     *(*get_team)           (OdanStore *self);
  gboolean        (*watch)              (OdanStore          *self,
                                         gint64              after_id,
                                         OdanStoreEventFunc  func,
                                         gpointer            user_data,
                                         GDestroyNotify      destroy);
  void            (*unwatch)            (OdanStore *self);

  /* Optional: a store without them keeps no invitations. */
  gboolean        (*put_invitation)     (OdanStore   *self,
                                         const char  *team,
                                         const char  *hash,
                                         GError     **error);
  gboolean        (*revoke_invitation)  (OdanStore   *self,
                                         const char  *team,
                                         gboolean    *out_revoked,
                                         GError     **error);
  gboolean        (*find_invitation)    (OdanStore   *self,
                                         const char  *hash,
                                         char       **out_team,
                                         GError     **error);
};

/* For messages: the file name or connection the store stands for. */
const char     *odan_store_get_location       (OdanStore *self);
OdanStoreAccess odan_store_get_access         (OdanStore *self);
gboolean        odan_store_is_read_only       (OdanStore *self);
/* The layout version of the stored data (after any upgrade on open). */
guint           odan_store_get_schema_version (OdanStore *self);
/* TRUE while no exercise has been stored (see ODAN_STORE_ERROR_EMPTY). */
gboolean        odan_store_is_empty           (OdanStore *self);

/* Stores the pack an exercise starts from (@pack_files: file name → GBytes)
 * and @meta (key → value strings, may be NULL) in one transaction. Fails with
 * ODAN_STORE_ERROR_EXISTS when the store already holds an exercise. */
gboolean        odan_store_init_exercise      (OdanStore   *self,
                                               GHashTable  *pack_files,
                                               GHashTable  *meta,
                                               GError     **error);
/* The embedded pack: file name → GBytes. */
GHashTable     *odan_store_read_pack          (OdanStore *self,
                                               GError   **error);
/* A value stored by odan_store_init_exercise() (or the store itself:
 * "created", "odan-version"), or NULL. */
char           *odan_store_get_meta           (OdanStore  *self,
                                               const char *key);

/* Commits @event and sets its id; the id is set only when the transaction
 * is durable. On failure @event->id stays 0 and nothing was stored. */
gboolean        odan_store_append_event       (OdanStore  *self,
                                               OdanEvent  *event,
                                               GError    **error);
/* Commits @events in order and sets their ids; where the store can, in one
 * transaction (all or nothing), else one at a time (those before a failure
 * stay committed, with their ids). */
gboolean        odan_store_append_events      (OdanStore  *self,
                                               OdanEvent **events,
                                               guint       n_events,
                                               GError    **error);
/* Calls @func for every event with an id above @after_id (0: all), in id order. */
gboolean        odan_store_read_events        (OdanStore          *self,
                                               gint64              after_id,
                                               OdanStoreEventFunc  func,
                                               gpointer            user_data,
                                               GError            **error);
/* Releases the file and the writer's lock; later calls fail. Disposing a
 * store closes it too (errors then go to the log). */
gboolean        odan_store_close              (OdanStore *self,
                                               GError   **error);

/* The principal: who this connection is in the exercise, and the team it
 * plays (ODAN_STORE_ROLE_TEAM only; NULL otherwise). A file's opener is
 * its owner. */
OdanStoreRole   odan_store_get_role           (OdanStore *self);
const char     *odan_store_get_team           (OdanStore *self);

/* Following the log as other connections write to it: @func gets every
 * event after @after_id as it is committed (transfer full), in id order
 * and each once, from the thread-default main loop, never inside this call;
 * the store reconnects and catches up on its own. One watch per store;
 * @func returning FALSE stops it (its error is logged); @destroy frees
 * @user_data when the watch ends. Returns FALSE, and keeps nothing, when
 * nobody else writes to this store (a file: its one writer is this
 * process), so there is nothing to follow.
 *
 * While a watch runs the store emits "connection-changed" (gboolean
 * connected) when it loses the server and when it is back. */
gboolean        odan_store_watch              (OdanStore          *self,
                                               gint64              after_id,
                                               OdanStoreEventFunc  func,
                                               gpointer            user_data,
                                               GDestroyNotify      destroy);
void            odan_store_unwatch            (OdanStore *self);

/* Invitations to a team's browser page (`odan-cli serve`): one per team,
 * kept beside the log, never in it, and only as the hash of its code
 * (@hash: lowercase hex SHA-256; odan-invitation.h makes them). Putting
 * replaces the team's earlier invitation. They may be written while another
 * process holds the log. ODAN_STORE_ERROR_DENIED from a store that keeps
 * none. */
gboolean        odan_store_put_invitation     (OdanStore   *self,
                                               const char  *team,
                                               const char  *hash,
                                               GError     **error);
/* *@out_revoked (may be NULL): whether the team had one. */
gboolean        odan_store_revoke_invitation  (OdanStore   *self,
                                               const char  *team,
                                               gboolean    *out_revoked,
                                               GError     **error);
/* The team whose invitation has @hash in *@out_team, NULL when none has. */
gboolean        odan_store_find_invitation    (OdanStore   *self,
                                               const char  *hash,
                                               char       **out_team,
                                               GError     **error);

/* Opening by location (odan-store-open.c): the same bits for every backend
 * (a PostgreSQL database is created by its administrator, so CREATE only
 * concerns files). */
typedef enum {
  ODAN_STORE_OPEN_DEFAULT       = 0,
  ODAN_STORE_OPEN_READ_ONLY     = 1 << 0,
  ODAN_STORE_OPEN_CREATE        = 1 << 1,
  ODAN_STORE_OPEN_REQUIRE_WRITE = 1 << 2,
  /* a server's connection string whatever its form, libpq's "host=… dbname=…"
   * too (the server dialog); without it only a URI names a database */
  ODAN_STORE_OPEN_DATABASE      = 1 << 3,
} OdanStoreOpenFlags;

/* TRUE when @location is a PostgreSQL connection string ("postgresql://…"
 * or "postgres://…") rather than a file name. */
gboolean        odan_store_location_is_database (const char *location);
/* TRUE when the connection string @conninfo (URI or "key=value" form)
 * carries a password, however it is spelt (user:secret@, ?password=,
 * ?%70assword=, password=…), or cannot be parsed: it must then never be
 * saved. libpq's own parser decides (PQconninfoParse), not a text search. */
gboolean        odan_store_conninfo_has_password (const char *conninfo);
/* Opens @location wherever a .odan file name is accepted: a connection
 * string opens the PostgreSQL backend (ODAN_STORE_ERROR_DENIED when this
 * Odan was built without PostgreSQL), anything else a SQLite file. The one
 * way into a store: callers never name a backend. */
OdanStore      *odan_store_open_location      (const char          *location,
                                               OdanStoreOpenFlags   flags,
                                               GError             **error);

G_END_DECLS

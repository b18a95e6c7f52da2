/* odan-pg-invitations-private.h — the teams' invitations in an exercise's database
 *
 * Private to pg/: schema 4 (odan-pg-invitations.c) and the three
 * invitation methods of OdanStore on PostgreSQL.
 */
#pragma once

#include <libpq-fe.h>

#include "odan-pg-store.h"

/* The invitations table and the functions that alone touch it. */
extern const char odan_pg_migrate_to_4[];

/* Appends to @sql the grants of a member (@quoted: its role, quoted) of
 * @part: teams check invitations, facilitators also make and revoke them. */
void      odan_pg_invitations_grants     (GString            *sql,
                                          const char         *quoted,
                                          OdanStoreRole       part);
void      odan_pg_invitations_iface_init (OdanStoreInterface *iface);

/* odan-pg-store.c's own: an idempotent statement, run again after a
 * reconnect; and whether the store is open on an exercise. */
PGresult *_odan_pg_store_run             (OdanPgStore        *self,
                                          const char         *sql,
                                          int                 n_params,
                                          const char *const  *values,
                                          ExecStatusType      expected,
                                          const char         *what,
                                          GError            **error);
gboolean  _odan_pg_store_check_exercise  (OdanPgStore        *self,
                                          GError            **error);

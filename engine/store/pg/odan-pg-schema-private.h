/* odan-pg-schema-private.h — the SQL of schema 3: what members may write
 *
 * Private to pg/: odan-pg-store.c runs it as the migration from 2 to 3.
 */
#pragma once

/* Members (teams, evaluators) write only through typed SECURITY DEFINER
 * functions that build the whole row; the writer's claim; evicting a
 * member that holds the log; members' column of what they wrote. */
extern const char odan_pg_migrate_to_3[];

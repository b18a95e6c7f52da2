/* odan-pg-sequencer-private.h — schemas 5 and 6: members' events through an inbox
 *
 * Private to pg/: odan-pg-store.c runs the SQL as the migrations from 4 to 5 and 5 to 6
 * and adds the grants to each new member.
 */
#pragma once

#include <glib.h>

#include "odan-store.h"

/* odan.inbox, odan.sequence (), odan.sequenced (), the new door of
 * members' events and the triggers that leave sequenced rows alone. */
extern const char odan_pg_migrate_to_5[];

/* What a thousand teams cost: the members' helpers in PL/pgSQL, batches
 * that notify no one, teams that sequence only when their event waited. */
extern const char odan_pg_migrate_to_6[];

/* Appends to @sql the grants of a member (@quoted: its role, quoted) of
 * @part: every member may run the sequencer; teams and evaluators may ask
 * for the id of their own event. */
void odan_pg_sequencer_grants (GString       *sql,
                               const char    *quoted,
                               OdanStoreRole  part);

/* odan-relay-reach.h — reach per CEPTOAR and relay stage (疎通確認率)
 *
 * What a CEPTOAR drill measures: of the receivers each stage of the relay
 * must reach, how many acknowledged the message, and how many within the
 * stage's deadline, counted from the moment the stage before actually
 * forwarded it (engine/EXERCISE.md, "Reach per CEPTOAR and stage"). The
 * messages measured are those a `received`/`read` deadline with a `role`
 * names. `odan-cli reach` prints the rows; the report's relay table and
 * headline are the same rows and their sums.
 *
 * Layout: one GArray of plain rows, by message (pack order), CEPTOAR team
 * (pack order), then stage in relay order.
 */
#pragma once

#include <glib.h>
#include "odan-exercise.h"

G_BEGIN_DECLS

typedef enum {
  ODAN_RELAY_HOP_NISC_MINISTRY,     /* NISC → the ministry in charge */
  ODAN_RELAY_HOP_MINISTRY_CEPTOAR,  /* the ministry → the CEPTOAR */
  ODAN_RELAY_HOP_CEPTOAR_MEMBERS,   /* the CEPTOAR → its members */
} OdanRelayHop;

#define ODAN_RELAY_N_HOPS (ODAN_RELAY_HOP_CEPTOAR_MEMBERS + 1)

/* The nick of its registered enum (ODAN_TYPE_RELAY_HOP, odan-review-enums.h):
 * "nisc-ministry", "ministry-ceptoar", "ceptoar-members". */
const char *odan_relay_hop_to_string (OdanRelayHop hop);

typedef struct {
  guint32      message;          /* inject index */
  guint32      ceptoar;          /* team index of the CEPTOAR */
  OdanRelayHop hop;
  guint        expected;         /* receivers the stage must reach */
  guint        reached;          /* of those, acknowledged at all */
  guint        reached_in_time;  /* acknowledged within the deadline */
  double       deadline;         /* minutes; NAN when no deadline sets it */
} OdanRelayReach;

/* The rows for the whole log of @exercise. */
GArray *odan_relay_reach_compute (OdanExercise *exercise);

/* reached_in_time ÷ expected; 0 when nothing was expected. */
double  odan_relay_reach_rate    (const OdanRelayReach *row);

G_END_DECLS

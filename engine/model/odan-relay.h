/* odan-relay.h — who a forwarded message reaches, and how long it takes
 *
 * Information sharing in a drill moves down NISC → ministry in charge →
 * CEPTOAR → members and back up. A team that forwards names its recipients
 * with a few words instead of team ids; this module turns them into teams
 * of the pack, from the columns the pack already has:
 *
 *   nisc      the teams whose id is "nisc" or whose role is "nisc"
 *   ministry  the teams with role "ministry" whose name or name_ja is the
 *             `ministry` of the forwarding team's sector (sectors.csv)
 *   ceptoar   from a ministry: the CEPTOAR teams (role "ceptoar") of the
 *             sectors in its charge; from NISC: every CEPTOAR team; from a
 *             CEPTOAR team: the CEPTOAR team or council (role "council", a
 *             liaison council of CEPTOARs, no relay stage of its own) it is a
 *             member_of; from any
 *             other team: the CEPTOAR team of its own CEPTOAR (the role
 *             "ceptoar" team whose `ceptoar` column is the same)
 *   members   from a CEPTOAR team or council only: the teams whose member_of is it, and
 *             the teams (not role "ceptoar") whose `ceptoar` column is its own;
 *             and its simulated members (teams.csv `members`), which are no
 *             teams: odan_relay_population() counts them
 *   SECTOR    a sector id: that sector's teams
 *   TEAM      a team id: that team
 *
 * Keywords are matched without regard to case, then sector ids, then team
 * ids. The forwarding team never receives its own forward.
 *
 * A forward reaches its recipients at the decision's minute plus the
 * latency of its channel in relay.csv (zero when the pack has no row for
 * it). The channel is the decision's, or else the forwarding team's first
 * contact means.
 */
#pragma once

#include <glib.h>
#include "odan-pack.h"

G_BEGIN_DECLS

#define ODAN_RELAY_ERROR (odan_relay_error_quark ())
GQuark odan_relay_error_quark (void);

typedef enum {
  ODAN_RELAY_ERROR_NO_RECIPIENT,  /* a recipient that stands for nobody */
} OdanRelayError;

/* TRUE when @team is a NISC team (id or role "nisc", any case). */
gboolean    odan_relay_team_is_nisc     (const OdanPack *pack, guint32 team);
/* The team's role word, lower-case comparisons: "ministry", "ceptoar"… */
gboolean    odan_relay_team_has_role    (const OdanPack *pack, guint32 team, const char *role);

/* Appends to @out (guint32 team indices; kept free of duplicates and in pack
 * order) the teams @recipient stands for when @from forwards. Returns FALSE
 * with ODAN_RELAY_ERROR_NO_RECIPIENT in @error (the message names the
 * recipient and why) when @recipient is no keyword, sector or team, or
 * stands for nobody from @from. */
gboolean    odan_relay_resolve          (const OdanPack *pack,
                                         guint32         from,
                                         const char     *recipient,
                                         GArray         *out,
                                         GError        **error);

/* How many simulated members @recipient reaches when @from forwards: the
 * team's `members` for "members" from a CEPTOAR team, else 0. */
guint       odan_relay_population       (const OdanPack *pack,
                                         guint32         from,
                                         const char     *recipient);

/* The channel a forward by @from goes by: @channel when given, else the
 * first contact means of the team (NULL when it has none). */
const char *odan_relay_channel          (const OdanPack *pack,
                                         guint32         from,
                                         const char     *channel);
/* Minutes a message takes on @channel (relay.csv), 0 when not listed or NULL. */
double      odan_relay_latency          (const OdanPack *pack,
                                         const char     *channel);

G_END_DECLS

/* odan-relay.c — who a forwarded message reaches, and how long it takes
 *
 * Resolution reads only the pack: teams' role, sector, ceptoar and
 * member_of columns, and sectors' ministry. It is deterministic (teams come
 * out in pack order), so a decision's recipients resolve the same way live
 * and when the log is replayed; the exercise still records the resolved
 * team ids in the decision, so a reader never has to redo this.
 */
#define G_LOG_DOMAIN "odan-relay"

#include "odan-error-private.h"
#include "odan-relay.h"

#include <glib/gi18n-lib.h>
#include <string.h>

G_DEFINE_QUARK (odan-relay-error-quark, odan_relay_error)

guint
odan_relay_population (const OdanPack *pack,
                       guint32         from,
                       const char     *recipient)
{
  g_return_val_if_fail (pack != NULL && from < pack->n_teams, 0);

  if (recipient == NULL || g_ascii_strcasecmp (recipient, "members") != 0
      || !odan_relay_team_has_role (pack, from, "ceptoar"))
    return 0;
  return pack->teams[from].members;
}

gboolean
odan_relay_team_has_role (const OdanPack *pack,
                          guint32         team,
                          const char     *role)
{
  g_return_val_if_fail (pack != NULL && team < pack->n_teams, FALSE);

  return pack->teams[team].role != NULL && g_ascii_strcasecmp (pack->teams[team].role, role) == 0;
}

gboolean
odan_relay_team_is_nisc (const OdanPack *pack,
                         guint32         team)
{
  g_return_val_if_fail (pack != NULL && team < pack->n_teams, FALSE);

  return g_ascii_strcasecmp (pack->teams[team].id, "nisc") == 0
         || odan_relay_team_has_role (pack, team, "nisc");
}

/* TRUE when ministry team @team is the one named @ministry (sectors.csv). */
static gboolean
team_is_ministry (const OdanPack *pack,
                  guint32         team,
                  const char     *ministry)
{
  const OdanTeam *t = &pack->teams[team];

  return ministry != NULL && odan_relay_team_has_role (pack, team, "ministry")
         && (g_strcmp0 (t->name, ministry) == 0 || g_strcmp0 (t->name_ja, ministry) == 0);
}

/* TRUE when sector @sector is in the charge of ministry team @team. */
static gboolean
sector_of_ministry (const OdanPack *pack,
                    guint32         sector,
                    guint32         team)
{
  return team_is_ministry (pack, team, pack->sectors[sector].ministry);
}

static void
add_team (GArray  *out,
          guint32  team)
{
  guint i = 0;

  /* pack order, no duplicates: lists are a few dozen teams long */
  while (i < out->len && g_array_index (out, guint32, i) < team)
    i++;
  if (i < out->len && g_array_index (out, guint32, i) == team)
    return;
  g_array_insert_val (out, i, team);
}

/* No team to send to: sets ODAN_RELAY_ERROR_NO_RECIPIENT and returns FALSE. */
#define nobody(error, ...) odan_fail ((error), ODAN_RELAY_ERROR, ODAN_RELAY_ERROR_NO_RECIPIENT, __VA_ARGS__)

gboolean
odan_relay_resolve (const OdanPack *pack,
                    guint32         from,
                    const char     *recipient,
                    GArray         *out,
                    GError        **error)
{
  const OdanTeam *sender;
  guint before;

  g_return_val_if_fail (pack != NULL, FALSE);
  g_return_val_if_fail (from < pack->n_teams, FALSE);
  g_return_val_if_fail (recipient != NULL, FALSE);
  g_return_val_if_fail (out != NULL, FALSE);

  sender = &pack->teams[from];
  before = out->len;

  if (g_ascii_strcasecmp (recipient, "nisc") == 0)
    {
      for (guint32 t = 0; t < pack->n_teams; t++)
        if (t != from && odan_relay_team_is_nisc (pack, t))
          add_team (out, t);
    }
  else if (g_ascii_strcasecmp (recipient, "ministry") == 0)
    {
      const char *ministry = sender->sector != ODAN_NONE ? pack->sectors[sender->sector].ministry : NULL;

      if (ministry == NULL)
        return nobody (error, _("recipient 'ministry': team '%s' has no sector with a ministry in charge"),
                       sender->id);
      for (guint32 t = 0; t < pack->n_teams; t++)
        if (t != from && team_is_ministry (pack, t, ministry))
          add_team (out, t);
    }
  else if (g_ascii_strcasecmp (recipient, "ceptoar") == 0)
    {
      gboolean is_ministry = odan_relay_team_has_role (pack, from, "ministry");
      gboolean is_nisc = odan_relay_team_is_nisc (pack, from);
      gboolean is_ceptoar = odan_relay_team_has_role (pack, from, "ceptoar");

      for (guint32 t = 0; t < pack->n_teams; t++)
        {
          const OdanTeam *other = &pack->teams[t];

          /* a council (role council) is reached only from the CEPTOARs that are its members */
          if (t == from || (!odan_relay_team_has_role (pack, t, "ceptoar")
                            && !(is_ceptoar && sender->member_of == t
                                 && odan_relay_team_has_role (pack, t, "council"))))
            continue;
          if (is_nisc
              || (is_ministry && other->sector != ODAN_NONE && sector_of_ministry (pack, other->sector, from))
              || (is_ceptoar && sender->member_of == t)
              || (!is_ministry && !is_ceptoar && sender->ceptoar != NULL
                  && g_strcmp0 (other->ceptoar, sender->ceptoar) == 0))
            add_team (out, t);
        }
    }
  else if (g_ascii_strcasecmp (recipient, "members") == 0)
    {
      if (!odan_relay_team_has_role (pack, from, "ceptoar") && !odan_relay_team_has_role (pack, from, "council"))
        return nobody (error, _("recipient 'members': team '%s' is not a CEPTOAR (role ceptoar) and has no members"),
                       sender->id);
      for (guint32 t = 0; t < pack->n_teams; t++)
        {
          const OdanTeam *other = &pack->teams[t];

          if (t == from)
            continue;
          if (other->member_of == from
              || (!odan_relay_team_has_role (pack, t, "ceptoar") && sender->ceptoar != NULL
                  && g_strcmp0 (other->ceptoar, sender->ceptoar) == 0))
            add_team (out, t);
        }
    }
  else
    {
      guint32 sector = ODAN_NONE;

      for (guint32 s = 0; s < pack->n_sectors; s++)
        if (strcmp (pack->sectors[s].id, recipient) == 0)
          sector = s;
      if (sector != ODAN_NONE)
        {
          for (guint32 t = 0; t < pack->n_teams; t++)
            if (t != from && pack->teams[t].sector == sector)
              add_team (out, t);
        }
      else
        {
          guint32 team = odan_pack_find_team (pack, recipient);

          if (team == ODAN_NONE)
            return nobody (error, _("unknown recipient '%s' (expected nisc, ministry, ceptoar, members, "
                                    "a sector id or a team id)"), recipient);
          if (team == from)
            return nobody (error, _("team '%s' cannot forward to itself"), recipient);
          add_team (out, team);
        }
    }

  /* a CEPTOAR's simulated members are reached without being teams */
  if (out->len == before && !(g_ascii_strcasecmp (recipient, "members") == 0 && sender->members > 0))
    return nobody (error, _("recipient '%s' stands for no team when team '%s' forwards"),
                   recipient, sender->id);
  return TRUE;
}

const char *
odan_relay_channel (const OdanPack *pack,
                    guint32         from,
                    const char     *channel)
{
  const char *contact;
  const char *end;
  g_autofree char *first = NULL;

  g_return_val_if_fail (pack != NULL && from < pack->n_teams, NULL);

  if (channel != NULL && channel[0] != '\0')
    return channel;
  contact = pack->teams[from].contact;
  if (contact == NULL || contact[0] == '\0')
    return NULL;
  /* the first of "メール;電話;FAX": callers get it interned from the pack */
  end = strchr (contact, ';');
  if (end == NULL)
    return contact;
  for (guint i = 0; i < pack->n_relays; i++)
    if (strlen (pack->relays[i].channel) == (gsize) (end - contact)
        && strncmp (pack->relays[i].channel, contact, (gsize) (end - contact)) == 0)
      return pack->relays[i].channel;
  /* not a relay.csv channel: its latency is 0 whatever the string's home */
  first = g_strndup (contact, (gsize) (end - contact));
  return g_intern_string (first);
}

double
odan_relay_latency (const OdanPack *pack,
                    const char     *channel)
{
  guint32 relay;

  g_return_val_if_fail (pack != NULL, 0.0);

  relay = odan_pack_find_relay (pack, channel);
  return relay != ODAN_NONE ? pack->relays[relay].latency : 0.0;
}

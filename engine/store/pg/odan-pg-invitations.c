/* odan-pg-invitations.c — schema 4: the teams' invitations in the exercise's database
 *
 * `odan-cli serve` over PostgreSQL runs as any member that may act for
 * teams: the facilitator (every team) or one team's own role (that team
 * only), several side by side. The invitations live beside the log in
 * odan.invitations (team, SHA-256 of the code, created, revoked), which no
 * member may read: a facilitator makes and withdraws them through
 * odan.put_invitation () and odan.revoke_invitation (); a team's role
 * learns only whether a code's hash is a standing invitation of its own
 * team (odan.check_invitation ()), so a team's server can neither sign in
 * another team nor see another team's hashes. Withdrawn rows stay, marked,
 * for the exercise's record. engine/EXERCISE.md has the threat model.
 */
#define G_LOG_DOMAIN "odan-store"

#include "odan-pg-invitations-private.h"

#include <glib/gi18n-lib.h>

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PGresult, PQclear)

const char odan_pg_migrate_to_4[] =
  "CREATE TABLE odan.invitations (\n"
  "  team text NOT NULL,\n"
  "  hash text NOT NULL UNIQUE CHECK (hash ~ '^[0-9a-f]{64}$'),\n"
  "  created timestamptz NOT NULL DEFAULT now (),\n"
  "  revoked timestamptz);\n"
  "CREATE UNIQUE INDEX invitations_standing ON odan.invitations (team) WHERE revoked IS NULL;\n"
  "REVOKE ALL ON odan.invitations FROM PUBLIC;\n"
  /* the facilitator, or the exercise's owner (as odan.claim_writer () says) */
  "CREATE FUNCTION odan.may_invite () RETURNS boolean LANGUAGE sql STABLE SECURITY DEFINER\n"
  "  SET search_path = pg_catalog, odan AS $$\n"
  "  SELECT coalesce (odan.my_kind () = 'facilitator',\n"
  "    pg_has_role (session_user, (SELECT relowner FROM pg_class WHERE oid = 'odan.events'::regclass), 'USAGE'))\n"
  "$$;\n"
  "CREATE FUNCTION odan.put_invitation (p_team text, p_hash text) RETURNS void LANGUAGE plpgsql\n"
  "  SECURITY DEFINER SET search_path = pg_catalog, odan AS $$\n"
  "BEGIN\n"
  "  IF NOT odan.may_invite () THEN\n"
  "    PERFORM odan.refuse ('only the facilitator invites a team', '42501');\n"
  "  END IF;\n"
  "  IF NOT EXISTS (SELECT 1 FROM odan.names n WHERE n.kind = 'team' AND n.id = p_team) THEN\n"
  "    PERFORM odan.refuse (format ('\"%s\" is no team of the exercise', p_team), 'OD014');\n"
  "  END IF;\n"
  "  IF p_hash IS NULL OR p_hash !~ '^[0-9a-f]{64}$' THEN\n"
  "    PERFORM odan.refuse ('an invitation is kept as the SHA-256 of its code, in hex', 'OD010');\n"
  "  END IF;\n"
  /* two invitations of one team at once: one after the other */
  "  LOCK TABLE odan.invitations IN SHARE ROW EXCLUSIVE MODE;\n"
  "  UPDATE odan.invitations SET revoked = now () WHERE team = p_team AND revoked IS NULL;\n"
  "  INSERT INTO odan.invitations (team, hash) VALUES (p_team, p_hash);\n"
  "END $$;\n"
  "CREATE FUNCTION odan.revoke_invitation (p_team text) RETURNS boolean LANGUAGE plpgsql\n"
  "  SECURITY DEFINER SET search_path = pg_catalog, odan AS $$\n"
  "BEGIN\n"
  "  IF NOT odan.may_invite () THEN\n"
  "    PERFORM odan.refuse ('only the facilitator withdraws an invitation', '42501');\n"
  "  END IF;\n"
  "  UPDATE odan.invitations SET revoked = now () WHERE team = p_team AND revoked IS NULL;\n"
  "  RETURN FOUND;\n"
  "END $$;\n"
  /* NULL alike for a wrong code, a withdrawn one and another team's */
  "CREATE FUNCTION odan.check_invitation (p_hash text) RETURNS text LANGUAGE sql STABLE SECURITY DEFINER\n"
  "  SET search_path = pg_catalog, odan AS $$\n"
  "  SELECT i.team FROM odan.invitations i\n"
  "  WHERE i.hash = p_hash AND i.revoked IS NULL\n"
  "    AND (odan.may_invite () OR (odan.my_kind () = 'team' AND i.team = odan.my_team ()))\n"
  "$$;\n"
  "REVOKE ALL ON FUNCTION odan.may_invite (), odan.put_invitation (text, text),\n"
  "  odan.revoke_invitation (text), odan.check_invitation (text) FROM PUBLIC;\n"
  "DO $$\n"
  "DECLARE m record;\n"
  "BEGIN\n"
  "  FOR m IN SELECT * FROM odan.members WHERE kind IN ('team', 'facilitator') LOOP\n"
  "    EXECUTE format ('GRANT EXECUTE ON FUNCTION odan.check_invitation (text) TO %I', m.role);\n"
  "    IF m.kind = 'facilitator' THEN\n"
  "      EXECUTE format ('GRANT EXECUTE ON FUNCTION odan.put_invitation (text, text),'\n"
  "                      ' odan.revoke_invitation (text) TO %I', m.role);\n"
  "    END IF;\n"
  "  END LOOP;\n"
  "END $$;\n";

void
odan_pg_invitations_grants (GString       *sql,
                            const char    *quoted,
                            OdanStoreRole  part)
{
  if (part == ODAN_STORE_ROLE_TEAM || part == ODAN_STORE_ROLE_FACILITATOR)
    g_string_append_printf (sql, "GRANT EXECUTE ON FUNCTION odan.check_invitation (text) TO %s;", quoted);
  if (part == ODAN_STORE_ROLE_FACILITATOR)
    g_string_append_printf (sql,
                            "GRANT EXECUTE ON FUNCTION odan.put_invitation (text, text),"
                            "  odan.revoke_invitation (text) TO %s;", quoted);
}

/* The database refuses anyone else too; this says it in the user's words. */
static gboolean
check_inviter (OdanPgStore  *self,
               GError      **error)
{
  OdanStoreRole role = odan_store_get_role (ODAN_STORE (self));

  if (role == ODAN_STORE_ROLE_OWNER || role == ODAN_STORE_ROLE_FACILITATOR)
    return TRUE;
  g_set_error (error, ODAN_STORE_ERROR, ODAN_STORE_ERROR_DENIED,
               _("%s: only the facilitator’s connection invites teams and withdraws invitations"),
               odan_store_get_location (ODAN_STORE (self)));
  return FALSE;
}

/* Each is one statement the server runs whole: safe to send again after a
 * dropped connection (a new invitation's hash is new; withdrawing twice
 * withdraws once). */

static gboolean
odan_pg_store_put_invitation (OdanStore   *store,
                              const char  *team,
                              const char  *hash,
                              GError     **error)
{
  OdanPgStore *self = ODAN_PG_STORE (store);
  const char *values[2] = { team, hash };
  g_autoptr(PGresult) res = NULL;

  if (!_odan_pg_store_check_exercise (self, error) || !check_inviter (self, error))
    return FALSE;
  res = _odan_pg_store_run (self, "SELECT odan.put_invitation ($1, $2)", 2, values,
                            PGRES_TUPLES_OK, _("store the invitation"), error);
  return res != NULL;
}

static gboolean
odan_pg_store_revoke_invitation (OdanStore   *store,
                                 const char  *team,
                                 gboolean    *out_revoked,
                                 GError     **error)
{
  OdanPgStore *self = ODAN_PG_STORE (store);
  const char *values[1] = { team };
  g_autoptr(PGresult) res = NULL;

  if (!_odan_pg_store_check_exercise (self, error) || !check_inviter (self, error))
    return FALSE;
  res = _odan_pg_store_run (self, "SELECT odan.revoke_invitation ($1)", 1, values,
                            PGRES_TUPLES_OK, _("withdraw the invitation"), error);
  if (res == NULL)
    return FALSE;
  *out_revoked = PQntuples (res) == 1 && g_strcmp0 (PQgetvalue (res, 0, 0), "t") == 0;
  return TRUE;
}

static gboolean
odan_pg_store_find_invitation (OdanStore   *store,
                               const char  *hash,
                               char       **out_team,
                               GError     **error)
{
  OdanPgStore *self = ODAN_PG_STORE (store);
  const char *values[1] = { hash };
  g_autoptr(PGresult) res = NULL;

  if (!_odan_pg_store_check_exercise (self, error))
    return FALSE;
  res = _odan_pg_store_run (self, "SELECT odan.check_invitation ($1)", 1, values,
                            PGRES_TUPLES_OK, _("check the invitation"), error);
  if (res == NULL)
    return FALSE;
  *out_team = PQntuples (res) == 1 && !PQgetisnull (res, 0, 0) ? g_strdup (PQgetvalue (res, 0, 0)) : NULL;
  return TRUE;
}

void
odan_pg_invitations_iface_init (OdanStoreInterface *iface)
{
  iface->put_invitation = odan_pg_store_put_invitation;
  iface->revoke_invitation = odan_pg_store_revoke_invitation;
  iface->find_invitation = odan_pg_store_find_invitation;
}

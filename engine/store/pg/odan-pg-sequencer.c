/* odan-pg-sequencer.c — schemas 5 and 6: members write in parallel, one sequencer orders the log
 *
 * (Schema 6, at the end of this file, made it cheap enough for a thousand
 * teams: what follows is schema 5's design, which it keeps.)
 *
 * Up to schema 4 every append, a team's included, took log_head's row lock
 * for its whole transaction, so members' commits ran one at a time. Now
 * odan.ack (), odan.decide () and odan.observe () check as before and put
 * the row they built into odan.inbox (bigserial key, no trigger, no lock
 * but its own row's, no NOTIFY); no member has any privilege on it, and
 * members' commits go in parallel (group commit).
 *
 * odan.sequence () moves what is committed in the inbox into odan.events
 * under log_head's lock, in one statement (DELETE … RETURNING → INSERT):
 * gapless ids after the last, the log's last minute, a forward's arrival
 * no sooner than its channel carries it from that minute; then one NOTIFY
 * for the batch. A READ COMMITTED statement sees only committed rows, so a
 * row committed meanwhile goes in the next batch with a higher id; the
 * lock is held until the batch commits, so "every event after my last id"
 * still never skips one. Sequencers never wait for each other (FOR UPDATE
 * SKIP LOCKED): one that finds the lock taken returns -1, the holder's
 * batch or the next takes its rows. The facilitator's own append moves the
 * inbox first, under the same lock, so its event comes after every member
 * event committed before it, at the minute they were logged.
 *
 * Who runs it: a member right after its own call (odan.sequenced (), which
 * also answers the id its event got), every staff read, and the staff's
 * follow loop every 50 ms. A member can only hold the lock inside one of
 * these calls; a member that keeps it (an open transaction, a sleep, a
 * busy statement after it) is evicted by the staff's odan.lock_head () as
 * in schema 3 (an evaluator waiting a second for its id may ask for that
 * too; a team never waits: a thousand waiters would starve the server).
 * engine/EXERCISE.md has the threat model.
 */
#define G_LOG_DOMAIN "odan-store"

#include "odan-pg-sequencer-private.h"

const char odan_pg_migrate_to_5[] =
  "CREATE TABLE odan.inbox (\n"
  "  seq bigserial PRIMARY KEY,\n"
  "  token uuid NOT NULL UNIQUE,\n"
  "  kind text NOT NULL, action text NOT NULL, wall text NOT NULL, actor text NOT NULL,\n"
  "  team text, subject text, ref bigint, summary text NOT NULL,\n"
  "  member_details jsonb NOT NULL, author name NOT NULL);\n"
  "REVOKE ALL ON odan.inbox FROM PUBLIC;\n"
  /* a queue: emptied all the time, so autovacuum would keep truncating it, */
  /* which takes an ACCESS EXCLUSIVE lock that members' inserts wait on */
  /* past their lock_timeout when the disk is slow */
  "ALTER TABLE odan.inbox SET (vacuum_truncate = false);\n"
  /* The one door of members' events, now into the inbox. A retry (the */
  /* same token from the same role) answers the event's id once it is in */
  /* the log, NULL while it waits; another role's token is refused. */
  "CREATE OR REPLACE FUNCTION odan.store_member_event (p_token uuid, p_kind text, p_action text, p_actor text,\n"
  "    p_team text, p_subject text, p_ref bigint, p_wall text, p_summary text, p_details jsonb,\n"
  "    OUT event_id bigint, OUT event_minute double precision)\n"
  "  LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, odan AS $$\n"
  "DECLARE holder name;\n"
  "BEGIN\n"
  "  IF p_token IS NULL THEN\n"
  "    PERFORM odan.refuse ('an event needs its token', 'OD010');\n"
  "  END IF;\n"
  "  PERFORM odan.check_text ('the wall time', p_wall, 64);\n"
  "  PERFORM odan.check_text ('the summary', p_summary, 4000);\n"
  "  SELECT e.id, e.minute, coalesce (e.author, i.author) INTO event_id, event_minute, holder\n"
  "    FROM (SELECT 1) one LEFT JOIN odan.events e ON e.token = p_token\n"
  "    LEFT JOIN odan.inbox i ON i.token = p_token;\n"
  "  IF holder = session_user THEN\n"
  "    RETURN;\n"
  "  ELSIF holder IS NOT NULL THEN\n"
  "    event_id := NULL; event_minute := NULL;\n"
  "    PERFORM odan.refuse ('the token belongs to another event', '23505');\n"
  "  END IF;\n"
  "  IF p_kind <> 'observation' AND NOT (SELECT started FROM odan.log_head) THEN\n"
  "    RAISE EXCEPTION 'the exercise has not started' USING ERRCODE = 'OD002';\n"
  "  END IF;\n"
  "  INSERT INTO odan.inbox (token, kind, action, wall, actor, team, subject, ref, summary, member_details, author)\n"
  "    VALUES (p_token, p_kind, p_action, coalesce (p_wall, ''), p_actor, p_team, p_subject, p_ref,\n"
  "            coalesce (p_summary, ''), p_details, session_user);\n"
  "END $$;\n"
  /* What is committed in the inbox into the log, under the lock the caller */
  /* holds (@head is log_head's row): ids after the last, the last minute. */
  /* A row whose token is in the log already (a retry that raced its first */
  /* call) is dropped; ids are counted after, so they stay gapless. */
  "CREATE FUNCTION odan.move_inbox (head odan.log_head) RETURNS odan.log_head LANGUAGE plpgsql\n"
  "  SET search_path = pg_catalog, odan AS $$\n"
  "DECLARE moved bigint;\n"
  "BEGIN\n"
  "  WITH taken AS (\n"
  "    DELETE FROM odan.inbox i WHERE i.seq IN (SELECT seq FROM odan.inbox ORDER BY seq LIMIT 10000)\n"
  "    RETURNING i.*),\n"
  "  kept AS (\n"
  "    SELECT t.*, row_number () OVER (ORDER BY t.seq) AS n FROM taken t\n"
  "    WHERE NOT EXISTS (SELECT 1 FROM odan.events e WHERE e.token = t.token)),\n"
  "  stamped AS (\n"
  "    SELECT k.*, CASE WHEN k.kind = 'decision' AND k.member_details ? 'forward-to'\n"
  "      THEN k.member_details || jsonb_build_object ('arrives', greatest (\n"
  "        coalesce ((k.member_details->>'arrives')::double precision, 0),\n"
  "        head.last_minute + coalesce ((SELECT l.latency FROM odan.latencies l\n"
  "                                      WHERE l.channel = k.member_details->>'forward-channel'), 0)))\n"
  "      ELSE k.member_details END AS d\n"
  "    FROM kept k)\n"
  "  INSERT INTO odan.events (id, token, kind, action, minute, wall, actor, team, subject, ref, summary,\n"
  "                           details, payload, public_payload, member_details, author)\n"
  "    SELECT head.last_id + s.n, s.token, s.kind, s.action, head.last_minute, s.wall, s.actor, s.team,\n"
  "           s.subject, s.ref, s.summary, s.d, NULL, NULL, s.d, s.author\n"
  "    FROM stamped s ORDER BY s.n;\n"
  "  GET DIAGNOSTICS moved = ROW_COUNT;\n"
  /* always: the holder then shows as RowExclusiveLock (odan.head_holder ()) */
  "  UPDATE odan.log_head SET last_id = head.last_id + moved;\n"
  "  head.last_id := head.last_id + moved;\n"
  "  RETURN head;\n"
  "END $$;\n"
  /* A member that may be holding the lock and should not: idle in its */
  /* transaction, asleep, or in a transaction older than a fifth of a */
  /* second (an honest call holds it for milliseconds). Cheap: no pg_locks. */
  "CREATE FUNCTION odan.suspect_holder () RETURNS boolean LANGUAGE sql STABLE SECURITY DEFINER\n"
  "  SET search_path = pg_catalog, odan AS $$\n"
  "  SELECT EXISTS (SELECT 1 FROM pg_stat_activity a JOIN odan.members m ON m.role = a.usename\n"
  "                 WHERE m.kind IN ('team', 'evaluator') AND a.datname = current_database ()\n"
  "                   AND a.pid <> pg_backend_pid ()\n"
  "                   AND (a.state LIKE 'idle in transaction%' OR a.wait_event_type = 'Timeout'\n"
  "                        OR a.xact_start < clock_timestamp () - interval '200 ms'))\n"
  "$$;\n"
  /* The number of events moved; -1 when another sequencer holds the lock */
  /* (its batch or the next takes what is waiting). @patient: a caller that */
  /* would rather wait, evicting a member that holds the lock (the staff, or */
  /* a member whose event has waited a second) than skip. */
  "CREATE FUNCTION odan.sequence_inbox (patient boolean) RETURNS bigint LANGUAGE plpgsql\n"
  "  SET search_path = pg_catalog, odan AS $$\n"
  "DECLARE head odan.log_head; first bigint; got boolean := false;\n"
  "BEGIN\n"
  "  IF NOT EXISTS (SELECT 1 FROM odan.inbox) THEN\n"
  "    RETURN 0;\n"
  "  END IF;\n"
  /* SKIP LOCKED still waits while it follows the row to a version another */
  /* sequencer has just written; that wait may reach the lock timeout, which */
  /* only means someone else is sequencing. */
  "  BEGIN\n"
  "    SELECT * INTO head FROM odan.log_head FOR UPDATE SKIP LOCKED;\n"
  "    got := FOUND;\n"
  "  EXCEPTION WHEN lock_not_available THEN\n"
  "    got := false;\n"
  "  END;\n"
  "  IF NOT got THEN\n"
  "    IF NOT patient OR NOT odan.suspect_holder () THEN\n"
  "      RETURN -1;\n"
  "    END IF;\n"
  "    head := odan.lock_head ();\n"
  "  END IF;\n"
  "  first := head.last_id;\n"
  "  head := odan.move_inbox (head);\n"
  "  IF head.last_id > first THEN\n"
  "    PERFORM pg_notify ((SELECT value FROM odan.meta WHERE key = 'channel'), head.last_id::text);\n"
  "  END IF;\n"
  "  RETURN head.last_id - first;\n"
  "END $$;\n"
  /* Any member may run it; the staff (facilitator, evaluator, owner) are patient. */
  "CREATE FUNCTION odan.sequence () RETURNS bigint LANGUAGE sql SECURITY DEFINER\n"
  "  SET search_path = pg_catalog, odan AS $$\n"
  "  SELECT odan.sequence_inbox (coalesce (odan.my_kind (), 'owner') <> 'team')\n"
  "$$;\n"
  /* A team's or the evaluator's event with @p_token: its id and minute once */
  /* in the log, after trying to sequence it; NULL while another sequencer */
  /* holds the lock. Refused when the caller has no such event. */
  "CREATE FUNCTION odan.sequenced (p_token uuid, p_patient boolean,\n"
  "    OUT event_id bigint, OUT event_minute double precision)\n"
  "  LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, odan AS $$\n"
  "DECLARE waiting boolean;\n"
  "BEGIN\n"
  "  SELECT e.id, e.minute, i.seq IS NOT NULL INTO event_id, event_minute, waiting\n"
  "    FROM (SELECT 1) one LEFT JOIN odan.events e ON e.token = p_token AND e.author = session_user\n"
  "    LEFT JOIN odan.inbox i ON i.token = p_token AND i.author = session_user;\n"
  "  IF event_id IS NOT NULL THEN\n"
  "    RETURN;\n"
  "  END IF;\n"
  "  IF NOT waiting THEN\n"
  "    PERFORM odan.refuse (format ('no event of yours has the token %s', p_token), 'OD014');\n"
  "  END IF;\n"
  /* only the evaluator may wait for the lock: a thousand teams waiting */
  /* and looking at pg_locks would starve the server; the staff evict */
  "  IF odan.sequence_inbox (coalesce (p_patient, false) AND odan.my_kind () = 'evaluator') >= 0 THEN\n"
  "    SELECT e.id, e.minute INTO event_id, event_minute FROM odan.events e\n"
  "      WHERE e.token = p_token AND e.author = session_user;\n"
  "  END IF;\n"
  "END $$;\n"
  /* Schema 3's wait for the lock, but a holder flushing its commit to */
  /* disk (WAL waits: a slow disk, an honest sequencer) is not taken for a */
  /* member busy with something else: that wait ends with the commit. */
  "CREATE OR REPLACE FUNCTION odan.lock_head () RETURNS odan.log_head LANGUAGE plpgsql SECURITY DEFINER\n"
  "  SET search_path = pg_catalog, odan SET lock_timeout = '250ms' AS $$\n"
  "DECLARE head odan.log_head; h record; seen_pid integer; seen_xid xid; seen_at timestamptz;\n"
  "BEGIN\n"
  "  FOR round IN 1 .. 240 LOOP\n"
  "    BEGIN\n"
  "      SELECT * INTO head FROM odan.log_head FOR UPDATE;\n"
  "      RETURN head;\n"
  "    EXCEPTION WHEN lock_not_available THEN\n"
  "      SELECT * INTO h FROM odan.head_holder ();\n"
  "      IF h.pid IS NULL THEN\n"
  "        seen_pid := NULL;\n"
  "      ELSIF EXISTS (SELECT 1 FROM pg_stat_activity a WHERE a.pid = h.pid\n"
  "                    AND a.wait_event IN ('WALSync', 'WALWrite', 'WALInsert', 'WALWriteLock')) THEN\n"
  "        seen_pid := h.pid; seen_xid := h.holder_xid; seen_at := clock_timestamp ();\n"
  "      ELSIF h.parked OR (h.pid = seen_pid AND h.holder_xid IS NOT DISTINCT FROM seen_xid\n"
  "                          AND clock_timestamp () - seen_at >= interval '500 ms') THEN\n"
  "        PERFORM odan.evict (h.pid);\n"
  "        seen_pid := NULL;\n"
  "      ELSIF h.pid IS DISTINCT FROM seen_pid OR h.holder_xid IS DISTINCT FROM seen_xid THEN\n"
  "        seen_pid := h.pid; seen_xid := h.holder_xid; seen_at := clock_timestamp ();\n"
  "      END IF;\n"
  "    END;\n"
  "  END LOOP;\n"
  "  PERFORM odan.refuse ('the log stayed locked for a minute', '55P03');\n"
  "  RETURN NULL;\n"
  "END $$;\n"
  /* The facilitator's append moves the inbox first, under the lock it */
  /* takes anyway: its event comes after every member event committed */
  /* before it. Rows the sequencer inserts carry their id: no trigger. */
  "CREATE OR REPLACE FUNCTION odan.before_append () RETURNS trigger LANGUAGE plpgsql\n"
  "  SECURITY DEFINER SET search_path = pg_catalog, odan AS $$\n"
  "DECLARE head odan.log_head; who text;\n"
  "BEGIN\n"
  "  head := odan.lock_head ();\n"
  "  SELECT kind INTO who FROM odan.members WHERE role = NEW.author;\n"
  "  IF who IS NULL OR who = 'facilitator' THEN\n"
  "    IF (SELECT pid FROM odan.writer) IS DISTINCT FROM pg_backend_pid () THEN\n"
  "      PERFORM odan.refuse ('this connection does not hold the facilitator''s claim to write', 'OD003');\n"
  "    END IF;\n"
  "    IF NEW.minute < head.last_minute THEN\n"
  "      RAISE EXCEPTION 'the event at minute % comes before the last one in the log (minute %)',\n"
  "        NEW.minute, head.last_minute USING ERRCODE = 'OD001';\n"
  "    END IF;\n"
  "    IF EXISTS (SELECT 1 FROM odan.inbox) THEN\n"
  "      head := odan.move_inbox (head);\n"
  "    END IF;\n"
  "  ELSE\n"
  "    IF NOT head.started AND NEW.kind <> 'observation' THEN\n"
  "      RAISE EXCEPTION 'the exercise has not started' USING ERRCODE = 'OD002';\n"
  "    END IF;\n"
  "    NEW.minute := head.last_minute;\n"
  "  END IF;\n"
  "  NEW.id := head.last_id + 1;\n"
  "  UPDATE odan.log_head SET last_id = NEW.id,\n"
  "    last_minute = greatest (head.last_minute, NEW.minute),\n"
  "    started = head.started OR (NEW.kind = 'clock' AND NEW.action = 'start');\n"
  "  RETURN NEW;\n"
  "END $$;\n"
  "DROP TRIGGER before_append ON odan.events;\n"
  "CREATE TRIGGER before_append BEFORE INSERT ON odan.events\n"
  "  FOR EACH ROW WHEN (NEW.id IS NULL) EXECUTE FUNCTION odan.before_append ();\n"
  /* members' rows are never deliveries, and their batch has one NOTIFY */
  "DROP TRIGGER after_append ON odan.events;\n"
  "CREATE TRIGGER after_append AFTER INSERT ON odan.events\n"
  "  FOR EACH ROW WHEN (NEW.payload IS NOT NULL) EXECUTE FUNCTION odan.after_append ();\n"
  "REVOKE ALL ON FUNCTION odan.move_inbox (odan.log_head), odan.suspect_holder (),\n"
  "  odan.sequence_inbox (boolean), odan.sequence (), odan.sequenced (uuid, boolean) FROM PUBLIC;\n"
  "DO $$\n"
  "DECLARE m record;\n"
  "BEGIN\n"
  "  FOR m IN SELECT * FROM odan.members LOOP\n"
  "    EXECUTE format ('GRANT EXECUTE ON FUNCTION odan.sequence () TO %I', m.role);\n"
  "    IF m.kind IN ('team', 'evaluator') THEN\n"
  "      EXECUTE format ('GRANT EXECUTE ON FUNCTION odan.sequenced (uuid, boolean) TO %I', m.role);\n"
  "    END IF;\n"
  "  END LOOP;\n"
  "END $$;\n";

/* Schema 6: what a thousand teams cost. Measured at 200 teams (bench
 * odan-bench-pgscale --profile): an ack took 0.9 ms of the server's time
 * in its functions, 0.7 of it in helpers written in SQL, which PostgreSQL
 * plans again at every call when it cannot inline them (SECURITY DEFINER,
 * SET); PL/pgSQL keeps its plans for the session. And PostgreSQL signals
 * every listening backend of the database at each commit that notifies,
 * whatever the channel, each then running a transaction to read the
 * queue: a NOTIFY per batch woke every team's backend twenty times a
 * second, which at 1,000 teams is 20,000 wake-ups a second, more than two
 * cores have. So batches notify no one: the staff, who sequence every
 * 50 ms anyway, look at the log's last id then; teams ask for their own
 * event's id (after 50 ms, doubling), and their watches wake for the
 * facilitator's events, which still notify. A team runs the sequencer only
 * when its event has waited 2 s (no staff is sequencing): a thousand teams
 * never contend for the lock. */
const char odan_pg_migrate_to_6[] =
  /* Fewer relations per member's call: PostgreSQL takes up to 16 relation */
  /* locks per transaction on a fast path; more go through the shared lock */
  /* table, whose partitions a thousand callers queued on (36 % of the */
  /* waits in a burst of 300). The inbox keeps its token's index only: */
  /* insert order is a time, no sequence, no second index. */
  /* Members' calls read no log_head: whether the clock has started is */
  /* in meta, a page no one writes while they call. The one row of */
  /* log_head, updated at every batch, kept a chain of up to a hundred */
  /* versions (a page with room is not pruned) that every call walked */
  /* under its buffer's lock while the sequencer waited to write it. */
  "INSERT INTO odan.meta (key, value) SELECT 'started', 'true' FROM odan.log_head WHERE started\n"
  "  ON CONFLICT (key) DO NOTHING;\n"
  "CREATE FUNCTION odan.note_start () RETURNS trigger LANGUAGE plpgsql\n"
  "  SECURITY DEFINER SET search_path = pg_catalog, odan AS $$\n"
  "BEGIN\n"
  "  INSERT INTO odan.meta (key, value) VALUES ('started', 'true') ON CONFLICT (key) DO NOTHING;\n"
  "  RETURN NULL;\n"
  "END $$;\n"
  "REVOKE ALL ON FUNCTION odan.note_start () FROM PUBLIC;\n"
  "CREATE TRIGGER note_start AFTER INSERT ON odan.events\n"
  "  FOR EACH ROW WHEN (NEW.kind = 'clock' AND NEW.action = 'start') EXECUTE FUNCTION odan.note_start ();\n"
  /* and what the sequencer leaves behind is pruned on the way */
  "ALTER TABLE odan.log_head SET (fillfactor = 10);\n"
  "ALTER TABLE odan.inbox DROP COLUMN seq;\n"
  "ALTER TABLE odan.inbox ADD COLUMN at timestamptz NOT NULL DEFAULT clock_timestamp ();\n"
  /* Room for a burst: a thousand inserts into a table that must grow */
  /* queue on its extension lock (98 % of the waits in a burst of 300), */
  /* so the inbox is made 10,000 rows large here; a vacuum then records */
  /* the space as free and, with vacuum_truncate off, it is never given */
  /* back. And a thousand inserts into a unique B-tree of a few leaves (a */
  /* vacuum deletes the empty ones) queued on those leaves' locks (96 % of */
  /* the waits in a burst of 1,000 sent at once): the token's index is a */
  /* hash of 512 buckets, made while the table is full, which stay. */
  "ALTER TABLE odan.inbox DROP CONSTRAINT inbox_token_key;\n"
  "INSERT INTO odan.inbox (token, kind, action, wall, actor, summary, member_details, author)\n"
  "  SELECT gen_random_uuid (), 'room', '', '', '', repeat (' ', 200), '{}', current_user\n"
  "  FROM generate_series (1, 10000);\n"
  "CREATE INDEX inbox_token ON odan.inbox USING hash (token) WITH (fillfactor = 10);\n"
  "DELETE FROM odan.inbox WHERE kind = 'room';\n"
  "CREATE OR REPLACE FUNCTION odan.move_inbox (head odan.log_head) RETURNS odan.log_head LANGUAGE plpgsql\n"
  "  SET search_path = pg_catalog, odan SET enable_hashjoin = off SET enable_mergejoin = off AS $$\n"
  "DECLARE moved bigint;\n"
  "BEGIN\n"
  "  WITH taken AS (\n"
  "    DELETE FROM odan.inbox i WHERE i.ctid = ANY (ARRAY (SELECT ctid FROM odan.inbox LIMIT 10000))\n"
  "    RETURNING i.*),\n"
  /* a token twice (a retry that raced its first call: no unique index */
  /* since schema 6) goes in once */
  "  kept AS (\n"
  "    SELECT u.*, row_number () OVER (ORDER BY u.at, u.token) AS n FROM (\n"
  "      SELECT DISTINCT ON (t.token) t.* FROM taken t\n"
  "      WHERE NOT EXISTS (SELECT 1 FROM odan.events e WHERE e.token = t.token)\n"
  "      ORDER BY t.token, t.at) u),\n"
  "  stamped AS (\n"
  "    SELECT k.*, CASE WHEN k.kind = 'decision' AND k.member_details ? 'forward-to'\n"
  "      THEN k.member_details || jsonb_build_object ('arrives', greatest (\n"
  "        coalesce ((k.member_details->>'arrives')::double precision, 0),\n"
  "        head.last_minute + coalesce ((SELECT l.latency FROM odan.latencies l\n"
  "                                      WHERE l.channel = k.member_details->>'forward-channel'), 0)))\n"
  "      ELSE k.member_details END AS d\n"
  "    FROM kept k)\n"
  "  INSERT INTO odan.events (id, token, kind, action, minute, wall, actor, team, subject, ref, summary,\n"
  "                           details, payload, public_payload, member_details, author)\n"
  "    SELECT head.last_id + s.n, s.token, s.kind, s.action, head.last_minute, s.wall, s.actor, s.team,\n"
  "           s.subject, s.ref, s.summary, s.d, NULL, NULL, s.d, s.author\n"
  "    FROM stamped s ORDER BY s.n;\n"
  "  GET DIAGNOSTICS moved = ROW_COUNT;\n"
  /* always: the holder then shows as RowExclusiveLock (odan.head_holder ()) */
  "  UPDATE odan.log_head SET last_id = head.last_id + moved;\n"
  "  head.last_id := head.last_id + moved;\n"
  "  RETURN head;\n"
  "END $$;\n"
  /* Fewer statements per call: a member's call spent 57 % of the */
  /* backends' CPU in PL/pgSQL (1,000 teams, perf), most of it starting */
  /* each statement's executor. One look at members instead of two helper */
  /* calls; the details' check and the loops over a decision's lists only */
  /* when there is something to check; the text checks as expressions (the */
  /* helper only to say what is wrong); and this, called only from the */
  /* members' own functions (its caller's owner and search path), is no */
  /* SECURITY DEFINER of its own. */
  "CREATE OR REPLACE FUNCTION odan.store_member_event (p_token uuid, p_kind text, p_action text, p_actor text,\n"
  "    p_team text, p_subject text, p_ref bigint, p_wall text, p_summary text, p_details jsonb,\n"
  "    OUT event_id bigint, OUT event_minute double precision)\n"
  "  LANGUAGE plpgsql AS $$\n"
  "DECLARE holder name; ignored text;\n"
  "BEGIN\n"
  "  IF p_token IS NULL THEN\n"
  "    PERFORM odan.refuse ('an event needs its token', 'OD010');\n"
  "  END IF;\n"
  "  IF length (p_wall) > 64 OR length (p_summary) > 4000 THEN\n"
  "    PERFORM odan.check_text ('the wall time', p_wall, 64);\n"
  "    PERFORM odan.check_text ('the summary', p_summary, 4000);\n"
  "  END IF;\n"
  "  SELECT e.id, e.minute, coalesce (e.author, i.author) INTO event_id, event_minute, holder\n"
  "    FROM (SELECT 1) one LEFT JOIN odan.events e ON e.token = p_token\n"
  "    LEFT JOIN odan.inbox i ON i.token = p_token;\n"
  "  IF holder = session_user THEN\n"
  "    RETURN;\n"
  "  ELSIF holder IS NOT NULL THEN\n"
  "    event_id := NULL; event_minute := NULL;\n"
  "    PERFORM odan.refuse ('the token belongs to another event', '23505');\n"
  "  END IF;\n"
  "  IF p_kind <> 'observation' AND NOT EXISTS (SELECT 1 FROM odan.meta WHERE key = 'started') THEN\n"
  "    RAISE EXCEPTION 'the exercise has not started' USING ERRCODE = 'OD002';\n"
  "  END IF;\n"
  /* nothing is promised yet (no id): the batch that moves the row commits */
  /* synchronously, which flushes the log's WAL up to it, this included */
  "  ignored := set_config ('synchronous_commit', 'off', true);\n"
  "  INSERT INTO odan.inbox (token, kind, action, wall, actor, team, subject, ref, summary, member_details, author)\n"
  "    VALUES (p_token, p_kind, p_action, coalesce (p_wall, ''), p_actor, p_team, p_subject, p_ref,\n"
  "            coalesce (p_summary, ''), p_details, session_user);\n"
  "END $$;\n"
  "CREATE OR REPLACE FUNCTION odan.ack (p_token uuid, p_action text, p_delivery bigint, p_wall text,\n"
  "    p_summary text, p_details jsonb, OUT event_id bigint, OUT event_minute double precision)\n"
  "  LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, odan AS $$\n"
  "DECLARE me text; kind text; d_subject text; d_minute double precision; reached boolean;\n"
  "BEGIN\n"
  "  SELECT m.kind, m.team INTO kind, me FROM odan.members m WHERE m.role = session_user;\n"
  "  IF kind IS DISTINCT FROM 'team' THEN\n"
  "    PERFORM odan.refuse ('only a team acknowledges a delivery', '42501');\n"
  "  END IF;\n"
  "  IF p_action IS NULL OR p_action NOT IN ('received', 'read') THEN\n"
  "    PERFORM odan.refuse (format ('\"%s\" is no acknowledgement (received, read)', p_action), 'OD013');\n"
  "  END IF;\n"
  "  IF p_details IS NOT NULL AND p_details <> '{}'::jsonb THEN\n"
  "    PERFORM odan.check_details ('ack', p_details);\n"
  "  END IF;\n"
  "  SELECT e.subject, e.minute, EXISTS (SELECT 1 FROM odan.recipients r\n"
  "                                      WHERE r.event_id = e.id AND r.team IN (me, '*'))\n"
  "    INTO d_subject, d_minute, reached\n"
  "    FROM odan.events e WHERE e.id = p_delivery AND e.kind = 'delivery' AND e.action <> 'skipped';\n"
  "  IF NOT coalesce (reached, false) THEN\n"
  "    PERFORM odan.refuse (format ('event %s is no delivery that reached %s', p_delivery, me), 'OD014');\n"
  "  END IF;\n"
  "  SELECT * INTO event_id, event_minute FROM odan.store_member_event (p_token, 'ack', p_action, me, me,\n"
  "    d_subject, p_delivery, p_wall, p_summary,\n"
  "    jsonb_build_object ('delivered', d_minute) || coalesce (p_details, '{}'));\n"
  "END $$;\n"
  "CREATE OR REPLACE FUNCTION odan.decide (p_token uuid, p_category text, p_mitigation text, p_ref bigint,\n"
  "    p_wall text, p_summary text, p_details jsonb, OUT event_id bigint, OUT event_minute double precision)\n"
  "  LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, odan AS $$\n"
  "DECLARE me text; kind text; d jsonb := coalesce (p_details, '{}'); w text;\n"
  "BEGIN\n"
  "  SELECT m.kind, m.team INTO kind, me FROM odan.members m WHERE m.role = session_user;\n"
  "  IF kind IS DISTINCT FROM 'team' THEN\n"
  "    PERFORM odan.refuse ('only a team decides through odan.decide', '42501');\n"
  "  END IF;\n"
  "  IF p_category IS NULL OR p_category NOT IN ('business-continuity', 'disclosure', 'ministry-report',\n"
  "                                              'information-sharing', 'other') THEN\n"
  "    PERFORM odan.refuse (format ('\"%s\" is no category of decision', p_category), 'OD013');\n"
  "  END IF;\n"
  "  IF d <> '{}'::jsonb THEN\n"
  "    PERFORM odan.check_details ('decision', d);\n"
  "  END IF;\n"
  "  IF p_ref IS NOT NULL THEN\n"
  "    PERFORM odan.refuse ('a team''s decision follows from no earlier event', 'OD013');\n"
  "  END IF;\n"
  "  IF p_mitigation IS NOT NULL AND NOT EXISTS (SELECT 1 FROM odan.choices c\n"
  "                                              WHERE c.team = me AND c.mitigation = p_mitigation) THEN\n"
  "    PERFORM odan.refuse (format ('%s may not choose the mitigation \"%s\"', me, p_mitigation), 'OD014');\n"
  "  END IF;\n"
  "  IF d ? 'stage' AND d->>'stage' NOT IN ('initial', 'follow-up', 'final') THEN\n"
  "    PERFORM odan.refuse (format ('\"%s\" is no report stage (initial, follow-up, final)', d->>'stage'), 'OD013');\n"
  "  END IF;\n"
  "  IF d ? 'injects' THEN\n"
  "    FOR w IN SELECT jsonb_array_elements_text (coalesce (d->'injects', '[]')) LOOP\n"
  "      IF NOT EXISTS (SELECT 1 FROM odan.events e JOIN odan.recipients r ON r.event_id = e.id\n"
  "                     WHERE e.kind = 'delivery' AND e.action <> 'skipped' AND e.subject = w\n"
  "                       AND r.team IN (me, '*')) THEN\n"
  "        PERFORM odan.refuse (format ('the inject \"%s\" has not reached %s', w, me), 'OD014');\n"
  "      END IF;\n"
  "    END LOOP;\n"
  "  END IF;\n"
  "  IF d ? 'forward-origins' THEN\n"
  "    FOR w IN SELECT jsonb_array_elements_text (coalesce (d->'forward-origins', '[]')) LOOP\n"
  "      IF NOT odan.reaching_me (w::bigint) THEN\n"
  "        PERFORM odan.refuse (format ('event %s is no delivery that reached %s', w, me), 'OD014');\n"
  "      END IF;\n"
  "    END LOOP;\n"
  "  END IF;\n"
  "  IF d ? 'recipients' THEN\n"
  "    FOR w IN SELECT jsonb_array_elements_text (coalesce (d->'recipients', '[]')) LOOP\n"
  "      IF w NOT IN ('ceptoar', 'nisc', 'members')\n"
  "         AND NOT EXISTS (SELECT 1 FROM odan.names n WHERE n.kind IN ('team', 'sector') AND n.id = w) THEN\n"
  "        PERFORM odan.refuse (format ('\"%s\" is no team, sector or relay word', w), 'OD014');\n"
  "      END IF;\n"
  "    END LOOP;\n"
  "  END IF;\n"
  "  IF d ? 'forward-to' THEN\n"
  "    FOR w IN SELECT jsonb_array_elements_text (coalesce (d->'forward-to', '[]')) LOOP\n"
  "      IF w = me OR NOT EXISTS (SELECT 1 FROM odan.names n WHERE n.kind = 'team' AND n.id = w) THEN\n"
  "        PERFORM odan.refuse (format ('\"%s\" is no team %s may forward to', w, me), 'OD014');\n"
  "      END IF;\n"
  "    END LOOP;\n"
  "  END IF;\n"
  "  IF p_category <> 'information-sharing' AND (d ? 'forward-to' OR d ? 'forward-origins') THEN\n"
  "    PERFORM odan.refuse ('only an information-sharing decision forwards', 'OD013');\n"
  "  END IF;\n"
  "  IF jsonb_array_length (coalesce (d->'forward-origins', '[]')) <> jsonb_array_length (coalesce (d->'injects', '[]'))\n"
  "     AND d ? 'forward-to' THEN\n"
  "    PERFORM odan.refuse ('a forward names one delivery per inject', 'OD013');\n"
  "  END IF;\n"
  "  -- a forward arrives no sooner than its channel carries it (relay.csv)\n"
  "  IF d ? 'forward-to' THEN\n"
  "    d := d || jsonb_build_object ('arrives', greatest (coalesce ((d->>'arrives')::double precision, 0),\n"
  "      (SELECT last_minute FROM odan.log_head)\n"
  "      + coalesce ((SELECT latency FROM odan.latencies WHERE channel = d->>'forward-channel'), 0)));\n"
  "  END IF;\n"
  "  SELECT * INTO event_id, event_minute FROM odan.store_member_event (p_token, 'decision', p_category, me, me,\n"
  "    p_mitigation, NULL, p_wall, p_summary, d);\n"
  "END $$;\n"
  /* a queue: vacuumed often, so that its emptied pages are found again */
  /* (a burst of a thousand inserts otherwise queues on extending it) */
  "ALTER TABLE odan.inbox SET (autovacuum_vacuum_scale_factor = 0, autovacuum_vacuum_threshold = 1000);\n"
  "CREATE OR REPLACE FUNCTION odan.my_kind () RETURNS text LANGUAGE plpgsql STABLE SECURITY DEFINER\n"
  "  SET search_path = pg_catalog, odan AS $$\n"
  "BEGIN RETURN (SELECT kind FROM odan.members WHERE role = session_user); END $$;\n"
  "CREATE OR REPLACE FUNCTION odan.my_team () RETURNS text LANGUAGE plpgsql STABLE SECURITY DEFINER\n"
  "  SET search_path = pg_catalog, odan AS $$\n"
  "BEGIN RETURN (SELECT team FROM odan.members WHERE role = session_user); END $$;\n"
  "CREATE OR REPLACE FUNCTION odan.reaching_me (delivery bigint) RETURNS boolean LANGUAGE plpgsql STABLE\n"
  "  SET search_path = pg_catalog, odan AS $$\n"
  "BEGIN\n"
  "  RETURN EXISTS (SELECT 1 FROM odan.events e JOIN odan.recipients r ON r.event_id = e.id\n"
  "                 WHERE e.id = delivery AND e.kind = 'delivery' AND e.action <> 'skipped'\n"
  "                   AND r.team IN (odan.my_team (), '*'));\n"
  "END $$;\n"
  /* The lock, the move and log_head's update in one subtransaction (the */
  /* block that catches the lock timeout): taken in a subtransaction and */
  /* updated by its parent, the row's old versions carried a multixact, */
  /* which every member's call that read log_head then looked up (30 % of */
  /* the waits at 300 teams, on MultiXactMemberSLRU). */
  "CREATE OR REPLACE FUNCTION odan.sequence_inbox (patient boolean) RETURNS bigint LANGUAGE plpgsql\n"
  "  SET search_path = pg_catalog, odan AS $$\n"
  "DECLARE head odan.log_head; first bigint;\n"
  "BEGIN\n"
  "  IF NOT EXISTS (SELECT 1 FROM odan.inbox) THEN\n"
  "    RETURN 0;\n"
  "  END IF;\n"
  "  BEGIN\n"
  "    SELECT * INTO head FROM odan.log_head FOR UPDATE SKIP LOCKED;\n"
  "    IF FOUND THEN\n"
  "      first := head.last_id;\n"
  "      head := odan.move_inbox (head);\n"
  "      RETURN head.last_id - first;\n"
  "    END IF;\n"
  "  EXCEPTION WHEN lock_not_available THEN\n"
  "    NULL;\n"
  "  END;\n"
  "  IF NOT patient OR NOT odan.suspect_holder () THEN\n"
  "    RETURN -1;\n"
  "  END IF;\n"
  "  head := odan.lock_head ();\n"
  "  first := head.last_id;\n"
  "  head := odan.move_inbox (head);\n"
  "  RETURN head.last_id - first;\n"
  "END $$;\n"
  "CREATE OR REPLACE FUNCTION odan.sequenced (p_token uuid, p_patient boolean,\n"
  "    OUT event_id bigint, OUT event_minute double precision)\n"
  "  LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, odan AS $$\n"
  "DECLARE waiting boolean; kind text;\n"
  "BEGIN\n"
  "  SELECT e.id, e.minute, i.token IS NOT NULL INTO event_id, event_minute, waiting\n"
  "    FROM (SELECT 1) one LEFT JOIN odan.events e ON e.token = p_token AND e.author = session_user\n"
  "    LEFT JOIN odan.inbox i ON i.token = p_token AND i.author = session_user;\n"
  "  IF event_id IS NOT NULL THEN\n"
  "    RETURN;\n"
  "  END IF;\n"
  "  IF NOT waiting THEN\n"
  "    PERFORM odan.refuse (format ('no event of yours has the token %s', p_token), 'OD014');\n"
  "  END IF;\n"
  "  kind := odan.my_kind ();\n"
  "  IF kind = 'team' AND NOT coalesce (p_patient, false) THEN\n"
  "    RETURN;\n"
  "  END IF;\n"
  /* only the evaluator may wait for the lock: a thousand teams waiting */
  /* and looking at pg_locks would starve the server; the staff evict */
  "  IF odan.sequence_inbox (coalesce (p_patient, false) AND kind = 'evaluator') >= 0 THEN\n"
  "    SELECT e.id, e.minute INTO event_id, event_minute FROM odan.events e\n"
  "      WHERE e.token = p_token AND e.author = session_user;\n"
  "  END IF;\n"
  "END $$;\n";

void
odan_pg_sequencer_grants (GString       *sql,
                          const char    *quoted,
                          OdanStoreRole  part)
{
  g_string_append_printf (sql, "GRANT EXECUTE ON FUNCTION odan.sequence () TO %s;", quoted);
  if (part == ODAN_STORE_ROLE_TEAM || part == ODAN_STORE_ROLE_EVALUATOR)
    g_string_append_printf (sql, "GRANT EXECUTE ON FUNCTION odan.sequenced (uuid, boolean) TO %s;", quoted);
}

-- cstar-events 0001: the transactional inbox.
--
-- One row per cStar event id handled. A receiver inserts the id with
--   INSERT INTO cstar_inbox (event_id) VALUES ($1) ON CONFLICT DO NOTHING
-- in the same transaction as the handler's own writes, then commits:
--   * one row inserted: first delivery, run the handler;
--   * no row inserted: a duplicate, already committed, do nothing;
--   * a concurrent delivery of the same id waits on the first transaction's row lock and then
--     sees it committed (duplicate) or rolled back (its insert succeeds, it runs the handler).
-- A failed handler rolls back, taking the id with it, so cStar's retry runs it again.
--
-- received_at serves the retention sweep (Inbox::sweep): keep rows longer than cStar's retry
-- window (6 retries over about 31 hours); the default is 72 hours.
--
-- Applied by Inbox::migrate(), idempotently (IF NOT EXISTS), under a transaction-scoped advisory
-- lock so that receivers starting together do not race on the catalog. Apply it with your own
-- migration tool instead if you have one: it is plain SQL.

CREATE TABLE IF NOT EXISTS cstar_inbox (
    event_id    text        PRIMARY KEY,
    received_at timestamptz NOT NULL DEFAULT now()
);

CREATE INDEX IF NOT EXISTS cstar_inbox_received_at ON cstar_inbox (received_at);

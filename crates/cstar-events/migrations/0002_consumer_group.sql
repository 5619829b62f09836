-- cstar-events 0002: the realtime consumer group's durable cursor.
--
-- One row per consumer group. The instance that holds the group's session advisory lock is
-- the leader; on taking over it increments epoch and resumes after cursor (the id of the last
-- event whose effects committed). Every cursor write is fenced by the writer's epoch:
--   UPDATE cstar_consumer_cursors SET cursor = $event_id ... WHERE group_name = $g AND epoch = $mine
-- in the same transaction as the consumer's effects, so a leader that lost the lock without
-- knowing it (a stalled process, a broken connection) writes nothing: its transaction is
-- rolled back, and the cursor never moves backwards. Two leaders at once can only produce
-- duplicates (the new one replays after the last committed cursor), which the inbox absorbs.
--
-- Applied by Inbox::migrate() after 0001, idempotently.

CREATE TABLE IF NOT EXISTS cstar_consumer_cursors (
    group_name text        PRIMARY KEY,
    epoch      bigint      NOT NULL DEFAULT 0,
    cursor     text,
    advanced   bigint      NOT NULL DEFAULT 0,
    updated_at timestamptz NOT NULL DEFAULT now()
);

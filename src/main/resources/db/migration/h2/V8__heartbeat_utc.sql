-- When a heartbeat was written, in UTC, by this product's sessions (the Python tool leaves it NULL).
-- InsertedAt is local time, which the autumn change repeats for an hour: a dead session's
-- heartbeats from the first pass would look recent for up to an hour.
ALTER TABLE Task_Scheduler_Heartbeat ADD COLUMN BeatAt TIMESTAMP(3);

-- Releasing a claim deletes its row by run id (Claims.release); without this index each release
-- scanned the whole claim table, waiting (locking READ COMMITTED) on every claim in flight.
CREATE INDEX IX_Task_Scheduler_Fire_RunID ON dbo.Task_Scheduler_Fire (RunID);

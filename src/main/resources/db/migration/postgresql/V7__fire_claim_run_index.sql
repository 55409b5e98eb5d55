-- Releasing a claim deletes its row by run id (Claims.release); without this index each release
-- scanned the whole claim table, and on SQL Server waited on every claim in flight.
CREATE INDEX IX_Task_Scheduler_Fire_RunID ON Task_Scheduler_Fire (RunID);

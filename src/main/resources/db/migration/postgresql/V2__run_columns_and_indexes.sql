-- Only additions: nullable columns and plain indexes, as on SQL Server (see its script for why no
-- unique index goes on a legacy table; the claim key lives in a table of our own, V5).

ALTER TABLE Task_Scheduler ADD COLUMN TimeoutSeconds INT;
ALTER TABLE Task_Scheduler ADD COLUMN CatchUpGraceMinutes INT;
ALTER TABLE Task_Scheduler ADD COLUMN LastFireTime TIMESTAMP(3);

ALTER TABLE Log_Task_Scheduler ADD COLUMN TaskID INT;
ALTER TABLE Log_Task_Scheduler ADD COLUMN FireTime TIMESTAMP(3);
ALTER TABLE Log_Task_Scheduler ADD COLUMN StartedAt TIMESTAMP(3);
ALTER TABLE Log_Task_Scheduler ADD COLUMN FinishedAt TIMESTAMP(3);
ALTER TABLE Log_Task_Scheduler ADD COLUMN ExitCode INT;
ALTER TABLE Log_Task_Scheduler ADD COLUMN DurationMs BIGINT;
ALTER TABLE Log_Task_Scheduler ADD COLUMN TriggeredBy VARCHAR(20);
ALTER TABLE Log_Task_Scheduler ADD COLUMN OutputPath VARCHAR(1000);
ALTER TABLE Log_Task_Scheduler ADD COLUMN Reason VARCHAR(1000);

ALTER TABLE Task_Scheduled ADD COLUMN TaskID INT;

CREATE INDEX IX_Log_Task_Scheduler_InsertedAt ON Log_Task_Scheduler (InsertedAt DESC, ID DESC);
CREATE INDEX IX_Log_Task_Scheduler_Status_Heartbeat ON Log_Task_Scheduler (Status, HeartbeatID);
CREATE INDEX IX_Log_Task_Scheduler_HeartbeatID ON Log_Task_Scheduler (HeartbeatID);
CREATE INDEX IX_Log_Task_Scheduler_TaskID ON Log_Task_Scheduler (TaskID, InsertedAt DESC);

CREATE INDEX IX_Task_Scheduler_Identity ON Task_Scheduler (RunBy, RunHost);

CREATE INDEX IX_Task_Scheduled_Task_Session ON Task_Scheduled (TaskID, HeartbeatID);
CREATE INDEX IX_Task_Scheduled_NextRun ON Task_Scheduled (NextRun);
CREATE INDEX IX_Task_Scheduled_InsertedAt ON Task_Scheduled (InsertedAt);

CREATE INDEX IX_Task_Scheduler_Heartbeat_Identity
    ON Task_Scheduler_Heartbeat (InsertedBy, InsertedHost, IsProd, InsertedAt);
CREATE INDEX IX_Task_Scheduler_Heartbeat_InsertedAt ON Task_Scheduler_Heartbeat (InsertedAt);

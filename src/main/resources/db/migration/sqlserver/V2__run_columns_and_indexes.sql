-- Only additions: nullable columns and plain indexes. No unique and no filtered index goes on a
-- legacy table: rows the Python tool writes leave the new columns NULL (SQL Server counts NULLs as
-- equal in a unique index), and a filtered index makes SQL Server refuse every insert into its
-- table from a session with QUOTED_IDENTIFIER OFF (sqlcmd, FreeTDS/pymssql). The claim key lives
-- in a table of our own (V5). Instants in the new columns are UTC (DATETIME2); the legacy DATETIME
-- columns stay local time.

ALTER TABLE dbo.Task_Scheduler ADD
    TimeoutSeconds      INT NULL,
    CatchUpGraceMinutes INT NULL,
    LastFireTime        DATETIME2(3) NULL;

ALTER TABLE dbo.Log_Task_Scheduler ADD
    TaskID       INT NULL,
    FireTime     DATETIME2(3) NULL,
    StartedAt    DATETIME2(3) NULL,
    FinishedAt   DATETIME2(3) NULL,
    ExitCode     INT NULL,
    DurationMs   BIGINT NULL,
    TriggeredBy  NVARCHAR(20) NULL,
    OutputPath   NVARCHAR(1000) NULL,
    Reason       NVARCHAR(1000) NULL;

ALTER TABLE dbo.Task_Scheduled ADD
    TaskID       INT NULL;
GO

CREATE INDEX IX_Log_Task_Scheduler_InsertedAt ON dbo.Log_Task_Scheduler (InsertedAt DESC, ID DESC);
CREATE INDEX IX_Log_Task_Scheduler_Status_Heartbeat ON dbo.Log_Task_Scheduler (Status, HeartbeatID);
CREATE INDEX IX_Log_Task_Scheduler_HeartbeatID ON dbo.Log_Task_Scheduler (HeartbeatID);
CREATE INDEX IX_Log_Task_Scheduler_TaskID ON dbo.Log_Task_Scheduler (TaskID, InsertedAt DESC);

CREATE INDEX IX_Task_Scheduler_Identity ON dbo.Task_Scheduler (RunBy, RunHost);

-- The publisher finds its one row per task and session.
CREATE INDEX IX_Task_Scheduled_Task_Session ON dbo.Task_Scheduled (TaskID, HeartbeatID);
CREATE INDEX IX_Task_Scheduled_NextRun ON dbo.Task_Scheduled (NextRun);
CREATE INDEX IX_Task_Scheduled_InsertedAt ON dbo.Task_Scheduled (InsertedAt);

CREATE INDEX IX_Task_Scheduler_Heartbeat_Identity
    ON dbo.Task_Scheduler_Heartbeat (InsertedBy, InsertedHost, IsProd, InsertedAt);
CREATE INDEX IX_Task_Scheduler_Heartbeat_InsertedAt ON dbo.Task_Scheduler_Heartbeat (InsertedAt);

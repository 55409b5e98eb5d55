-- The claim key of every fire, in a table of our own: a plain unique index on NOT NULL columns,
-- so nothing constrains the legacy tables the Python tool writes (see V2).
CREATE TABLE dbo.Task_Scheduler_Fire (
    ID           INT IDENTITY(1,1) PRIMARY KEY,
    TaskID       INT NOT NULL,
    FireTime     DATETIME2(3) NOT NULL,
    TriggeredBy  NVARCHAR(20) NOT NULL,
    RunID        INT NOT NULL
);
CREATE UNIQUE INDEX UX_Task_Scheduler_Fire ON dbo.Task_Scheduler_Fire (TaskID, FireTime, TriggeredBy);
CREATE INDEX IX_Task_Scheduler_Fire_FireTime ON dbo.Task_Scheduler_Fire (FireTime);

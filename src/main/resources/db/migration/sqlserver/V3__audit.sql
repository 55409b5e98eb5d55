-- The audit trail of the dashboard and API: a table of our own, so the Python tool never sees it.
-- OccurredAt is a UTC instant (DATETIME2), like the other columns we added.
CREATE TABLE dbo.Task_Scheduler_Audit (
    ID            INT IDENTITY(1,1) PRIMARY KEY,
    OccurredAt    DATETIME2(3) NOT NULL,
    Actor         NVARCHAR(255) NOT NULL,
    ClientAddress NVARCHAR(255) NULL,
    Operation     NVARCHAR(20) NOT NULL,
    Target        NVARCHAR(255) NULL,
    BeforeJson    NVARCHAR(MAX) NULL,
    AfterJson     NVARCHAR(MAX) NULL
);
CREATE INDEX IX_Task_Scheduler_Audit_OccurredAt
    ON dbo.Task_Scheduler_Audit (OccurredAt DESC, ID DESC);

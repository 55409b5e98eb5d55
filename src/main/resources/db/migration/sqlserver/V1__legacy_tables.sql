-- The four tables exactly as the legacy Python tool created them. On a database that already has
-- them, start-up baselines at version 1 and this script never runs; the IF guards only protect a
-- database that holds some but not all of them.
IF OBJECT_ID(N'dbo.Task_Scheduler', N'U') IS NULL
CREATE TABLE dbo.Task_Scheduler (
    ID            INT IDENTITY(1,1) PRIMARY KEY,
    Enable        BIT,
    RunBy         NVARCHAR(255),
    ScriptName    NVARCHAR(255),
    ScriptFolder  NVARCHAR(255),
    Every         NVARCHAR(50),
    AtTime        NVARCHAR(50),
    Ressource     NVARCHAR(255),
    ToRunAsap     BIT,
    Comment       NVARCHAR(MAX),
    RunHost       NVARCHAR(255),
    InsertedAt    DATETIME DEFAULT GETDATE(),
    InsertedBy    NVARCHAR(255) DEFAULT SYSTEM_USER,
    InsertedHost  NVARCHAR(255) DEFAULT HOST_NAME()
);

IF OBJECT_ID(N'dbo.Task_Scheduled', N'U') IS NULL
CREATE TABLE dbo.Task_Scheduled (
    ID            INT IDENTITY(1,1) PRIMARY KEY,
    ScriptName    NVARCHAR(255),
    ScriptFolder  NVARCHAR(255),
    RunBy         NVARCHAR(255),
    RunHost       NVARCHAR(255),
    NextRun       DATETIME,
    HeartbeatID   NVARCHAR(255),
    InsertedAt    DATETIME DEFAULT GETDATE(),
    InsertedBy    NVARCHAR(255) DEFAULT SYSTEM_USER,
    InsertedHost  NVARCHAR(255) DEFAULT HOST_NAME()
);

IF OBJECT_ID(N'dbo.Log_Task_Scheduler', N'U') IS NULL
CREATE TABLE dbo.Log_Task_Scheduler (
    ID            INT IDENTITY(1,1) PRIMARY KEY,
    ScriptFile    NVARCHAR(255),
    Status        NVARCHAR(50),
    SessionID     NVARCHAR(255),
    IsProd        BIT,
    TraceID       NVARCHAR(255),
    HeartbeatID   NVARCHAR(255),
    InsertedAt    DATETIME DEFAULT GETDATE(),
    InsertedBy    NVARCHAR(255) DEFAULT SYSTEM_USER,
    InsertedHost  NVARCHAR(255) DEFAULT HOST_NAME()
);

IF OBJECT_ID(N'dbo.Task_Scheduler_Heartbeat', N'U') IS NULL
CREATE TABLE dbo.Task_Scheduler_Heartbeat (
    ID            INT IDENTITY(1,1) PRIMARY KEY,
    SessionID     NVARCHAR(255),
    IsProd        BIT,
    InsertedAt    DATETIME DEFAULT GETDATE(),
    InsertedBy    NVARCHAR(255) DEFAULT SYSTEM_USER,
    InsertedHost  NVARCHAR(255) DEFAULT HOST_NAME()
);

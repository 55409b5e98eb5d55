-- The four tables as databases created for the legacy Python tool have them (SQL Server).
-- Column names and kinds are what the tool reads and writes; lengths vary between installations
-- (nvarchar(255) is common, Comment may be nvarchar(max)). Datetimes are local wall-clock times.
-- H2 (MODE=MSSQLServer) version: schema prefix and the SYSTEM_USER and HOST_NAME() defaults left out.

CREATE TABLE Task_Scheduler (
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
    InsertedBy    NVARCHAR(255),
    InsertedHost  NVARCHAR(255)
);

CREATE TABLE Task_Scheduled (
    ID            INT IDENTITY(1,1) PRIMARY KEY,
    ScriptName    NVARCHAR(255),
    ScriptFolder  NVARCHAR(255),
    RunBy         NVARCHAR(255),
    RunHost       NVARCHAR(255),
    NextRun       DATETIME,
    HeartbeatID   NVARCHAR(255),
    InsertedAt    DATETIME DEFAULT GETDATE(),
    InsertedBy    NVARCHAR(255),
    InsertedHost  NVARCHAR(255)
);

CREATE TABLE Log_Task_Scheduler (
    ID            INT IDENTITY(1,1) PRIMARY KEY,
    ScriptFile    NVARCHAR(255),
    Status        NVARCHAR(50),
    SessionID     NVARCHAR(255),
    IsProd        BIT,
    TraceID       NVARCHAR(255),
    HeartbeatID   NVARCHAR(255),
    InsertedAt    DATETIME DEFAULT GETDATE(),
    InsertedBy    NVARCHAR(255),
    InsertedHost  NVARCHAR(255)
);

CREATE TABLE Task_Scheduler_Heartbeat (
    ID            INT IDENTITY(1,1) PRIMARY KEY,
    SessionID     NVARCHAR(255),
    IsProd        BIT,
    InsertedAt    DATETIME DEFAULT GETDATE(),
    InsertedBy    NVARCHAR(255),
    InsertedHost  NVARCHAR(255)
);

-- Typical rows written by the legacy tool (user 'David' on host 'QUANT-PC-07'):
INSERT INTO Task_Scheduler (Enable, RunBy, ScriptName, ScriptFolder, Every, AtTime, Ressource, ToRunAsap, Comment, RunHost, InsertedAt, InsertedBy, InsertedHost)
VALUES (1, 'david', 'load_prices.py', 'market_data', 'weekday', '07:45', NULL, 0, 'before the open', 'QUANT-PC-07', '2025-10-01 09:12:44', 'David', 'QUANT-PC-07'),
       (1, 'david', 'refresh_cache.py', 'utils', 'minutes', '15', NULL, 0, NULL, 'QUANT-PC-07', '2025-10-01 09:13:02', 'David', 'QUANT-PC-07'),
       (0, 'david', 'old_report.py', 'reports', 'friday', '18:00', NULL, 1, 'disabled but flagged ASAP', 'QUANT-PC-07', '2025-10-02 11:00:00', 'David', 'QUANT-PC-07'),
       (1, 'jane', 'rebalance.py', 'portfolio', 'every_4_hour', NULL, 'big-box', 0, NULL, 'QUANT-SRV-01', '2025-10-03 08:00:00', 'Jane', 'QUANT-SRV-01');
INSERT INTO Task_Scheduler_Heartbeat (SessionID, IsProd, InsertedAt, InsertedBy, InsertedHost)
VALUES ('1759476323123456', 1, '2025-10-03 09:25:23', 'David', 'QUANT-PC-07');
INSERT INTO Log_Task_Scheduler (ScriptFile, Status, SessionID, IsProd, TraceID, HeartbeatID, InsertedAt, InsertedBy, InsertedHost)
VALUES ('load_prices.py', 'Run', 'From_Python_Scheduler', 1, NULL, '1759476323123456', '2025-10-03 07:45:00', 'David', 'QUANT-PC-07');
INSERT INTO Task_Scheduled (ScriptName, ScriptFolder, RunBy, RunHost, NextRun, HeartbeatID, InsertedAt, InsertedBy, InsertedHost)
VALUES ('refresh_cache.py', 'utils', 'david', 'QUANT-PC-07', '2025-10-03 09:40:23', '1759476323123456', '2025-10-03 09:25:24', 'David', 'QUANT-PC-07');

-- The four tables as databases created for the legacy Python tool have them (SQL Server).
-- Column names and kinds are what the tool reads and writes; lengths vary between installations
-- (nvarchar(255) is common, Comment may be nvarchar(max)). Datetimes are local wall-clock times.
-- PostgreSQL version (its own types): schema prefix and the SYSTEM_USER and HOST_NAME() defaults left out.

CREATE TABLE Task_Scheduler (
    ID            SERIAL PRIMARY KEY,
    Enable        BOOLEAN,
    RunBy         VARCHAR(255),
    ScriptName    VARCHAR(255),
    ScriptFolder  VARCHAR(255),
    Every         VARCHAR(50),
    AtTime        VARCHAR(50),
    Ressource     VARCHAR(255),
    ToRunAsap     BOOLEAN,
    Comment       TEXT,
    RunHost       VARCHAR(255),
    InsertedAt    TIMESTAMP DEFAULT LOCALTIMESTAMP,
    InsertedBy    VARCHAR(255),
    InsertedHost  VARCHAR(255)
);

CREATE TABLE Task_Scheduled (
    ID            SERIAL PRIMARY KEY,
    ScriptName    VARCHAR(255),
    ScriptFolder  VARCHAR(255),
    RunBy         VARCHAR(255),
    RunHost       VARCHAR(255),
    NextRun       TIMESTAMP,
    HeartbeatID   VARCHAR(255),
    InsertedAt    TIMESTAMP DEFAULT LOCALTIMESTAMP,
    InsertedBy    VARCHAR(255),
    InsertedHost  VARCHAR(255)
);

CREATE TABLE Log_Task_Scheduler (
    ID            SERIAL PRIMARY KEY,
    ScriptFile    VARCHAR(255),
    Status        VARCHAR(50),
    SessionID     VARCHAR(255),
    IsProd        BOOLEAN,
    TraceID       VARCHAR(255),
    HeartbeatID   VARCHAR(255),
    InsertedAt    TIMESTAMP DEFAULT LOCALTIMESTAMP,
    InsertedBy    VARCHAR(255),
    InsertedHost  VARCHAR(255)
);

CREATE TABLE Task_Scheduler_Heartbeat (
    ID            SERIAL PRIMARY KEY,
    SessionID     VARCHAR(255),
    IsProd        BOOLEAN,
    InsertedAt    TIMESTAMP DEFAULT LOCALTIMESTAMP,
    InsertedBy    VARCHAR(255),
    InsertedHost  VARCHAR(255)
);

-- Typical rows written by the legacy tool (user 'David' on host 'QUANT-PC-07'):
INSERT INTO Task_Scheduler (Enable, RunBy, ScriptName, ScriptFolder, Every, AtTime, Ressource, ToRunAsap, Comment, RunHost, InsertedAt, InsertedBy, InsertedHost)
VALUES (TRUE, 'david', 'load_prices.py', 'market_data', 'weekday', '07:45', NULL, FALSE, 'before the open', 'QUANT-PC-07', '2025-10-01 09:12:44', 'David', 'QUANT-PC-07'),
       (TRUE, 'david', 'refresh_cache.py', 'utils', 'minutes', '15', NULL, FALSE, NULL, 'QUANT-PC-07', '2025-10-01 09:13:02', 'David', 'QUANT-PC-07'),
       (FALSE, 'david', 'old_report.py', 'reports', 'friday', '18:00', NULL, TRUE, 'disabled but flagged ASAP', 'QUANT-PC-07', '2025-10-02 11:00:00', 'David', 'QUANT-PC-07'),
       (TRUE, 'jane', 'rebalance.py', 'portfolio', 'every_4_hour', NULL, 'big-box', FALSE, NULL, 'QUANT-SRV-01', '2025-10-03 08:00:00', 'Jane', 'QUANT-SRV-01');
INSERT INTO Task_Scheduler_Heartbeat (SessionID, IsProd, InsertedAt, InsertedBy, InsertedHost)
VALUES ('1759476323123456', TRUE, '2025-10-03 09:25:23', 'David', 'QUANT-PC-07');
INSERT INTO Log_Task_Scheduler (ScriptFile, Status, SessionID, IsProd, TraceID, HeartbeatID, InsertedAt, InsertedBy, InsertedHost)
VALUES ('load_prices.py', 'Run', 'From_Python_Scheduler', TRUE, NULL, '1759476323123456', '2025-10-03 07:45:00', 'David', 'QUANT-PC-07');
INSERT INTO Task_Scheduled (ScriptName, ScriptFolder, RunBy, RunHost, NextRun, HeartbeatID, InsertedAt, InsertedBy, InsertedHost)
VALUES ('refresh_cache.py', 'utils', 'david', 'QUANT-PC-07', '2025-10-03 09:40:23', '1759476323123456', '2025-10-03 09:25:24', 'David', 'QUANT-PC-07');

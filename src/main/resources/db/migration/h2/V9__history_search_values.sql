-- The history search reads the distinct values of its six columns from their indexes
-- (RunHistory, SearchValues): a term that matches no value reads no log row, one that matches a
-- few values looks their rows up by index. Without them a search was a scan of the whole log
-- (1.5 s per million rows). Status is indexed since V2.
CREATE INDEX IX_Log_Task_Scheduler_ScriptFile ON Log_Task_Scheduler (ScriptFile, InsertedAt, ID);
CREATE INDEX IX_Log_Task_Scheduler_InsertedBy ON Log_Task_Scheduler (InsertedBy, InsertedAt, ID);
CREATE INDEX IX_Log_Task_Scheduler_InsertedHost ON Log_Task_Scheduler (InsertedHost, InsertedAt, ID);
CREATE INDEX IX_Log_Task_Scheduler_TriggeredBy ON Log_Task_Scheduler (TriggeredBy, InsertedAt, ID);
CREATE INDEX IX_Log_Task_Scheduler_Reason ON Log_Task_Scheduler (Reason, InsertedAt, ID);

-- The history search reads the distinct values of its six columns from their indexes
-- (RunHistory, SearchValues) where the trigram index of V6 cannot serve it: terms without three
-- letters or digits in a row (a two-letter term scanned the whole log), or no pg_trgm. A term that
-- matches no value reads no log row. Status is indexed since V2.
CREATE INDEX IX_Log_Task_Scheduler_ScriptFile ON Log_Task_Scheduler (ScriptFile);
CREATE INDEX IX_Log_Task_Scheduler_InsertedBy ON Log_Task_Scheduler (InsertedBy);
CREATE INDEX IX_Log_Task_Scheduler_InsertedHost ON Log_Task_Scheduler (InsertedHost);
CREATE INDEX IX_Log_Task_Scheduler_TriggeredBy ON Log_Task_Scheduler (TriggeredBy);
-- Only Reason's first 400 characters (SearchValues.REASON_PREFIX): a B-tree entry holds at most
-- 2,704 bytes, which 1,000 characters of UTF-8 can exceed, and an index must never make a write
-- of the log fail. The expression must stay exactly the one SearchValues walks.
CREATE INDEX IX_Log_Task_Scheduler_Reason ON Log_Task_Scheduler (left(Reason, 400));
-- The rows whose Reason goes on past that prefix, few, for reading those values whole.
CREATE INDEX IX_Log_Task_Scheduler_LongReason ON Log_Task_Scheduler (ID)
    WHERE LENGTH(Reason) >= 400;

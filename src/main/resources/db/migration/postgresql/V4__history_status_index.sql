-- The history sorted by Status pages through this index instead of sorting every log row.
CREATE INDEX IX_Log_Task_Scheduler_Status_ID ON Log_Task_Scheduler (Status, ID);

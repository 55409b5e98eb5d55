-- The trigram index of the history search exists only on PostgreSQL (see
-- postgresql/V6__history_search_index.sql): H2 has no index for a substring search
-- (LIKE '%term%') and keeps scanning the six columns.
--
-- H2 only: the history filtered by status pages through this index. Its planner filters
-- Status IN (...) through an index and then sorts every match by InsertedAt; with this index
-- RunHistory sorts only ids read from the index and loads the page's rows by id.
CREATE INDEX IX_Log_Task_Scheduler_Status_InsertedAt ON Log_Task_Scheduler (Status, InsertedAt, ID);

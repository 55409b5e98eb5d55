-- The history search (a case-insensitive substring of ScriptFile, Status, InsertedBy, InsertedHost,
-- TriggeredBy or Reason) served by one trigram index instead of scanning every log row.
--
-- pg_trgm ships with PostgreSQL's contrib and is a trusted extension since PostgreSQL 13 (a user
-- with CREATE on the database may install it). Where it is missing or may not be installed, this
-- migration still succeeds: the index is left out and RunHistory searches the six columns one by
-- one, as on the other databases (slower, same results).
DO $$
BEGIN
  CREATE EXTENSION IF NOT EXISTS pg_trgm;
EXCEPTION
  WHEN insufficient_privilege OR undefined_file OR feature_not_supported OR undefined_object THEN
    RAISE NOTICE 'pg_trgm cannot be installed (%): the history search scans the log table', SQLERRM;
END
$$;

-- The six searched columns, lower-cased, in one text separated by chr(1): a search term never
-- contains chr(1) (RunHistory checks), so a substring of this text that matches the term lies
-- within one column. IMMUTABLE (lower, chr, || and COALESCE are) so it may be indexed; the query
-- calls this same function, so the planner matches it with the index expression.
CREATE OR REPLACE FUNCTION task_scheduler_history_text(
    script_file TEXT, status TEXT, inserted_by TEXT, inserted_host TEXT, triggered_by TEXT,
    reason TEXT)
RETURNS TEXT
LANGUAGE sql IMMUTABLE PARALLEL SAFE
AS $$
  SELECT lower(COALESCE(script_file, '') || chr(1) || COALESCE(status, '') || chr(1)
      || COALESCE(inserted_by, '') || chr(1) || COALESCE(inserted_host, '') || chr(1)
      || COALESCE(triggered_by, '') || chr(1) || COALESCE(reason, ''))
$$;

-- Only when pg_trgm is there; its operator class is named with the extension's schema, wherever
-- an administrator installed it. On an existing large log table this builds the index once, at
-- this start-up; writers to the log wait until it is built.
DO $$
DECLARE
  trgm_schema NAME;
BEGIN
  SELECT n.nspname INTO trgm_schema
    FROM pg_extension e JOIN pg_namespace n ON n.oid = e.extnamespace
   WHERE e.extname = 'pg_trgm';
  IF trgm_schema IS NULL THEN
    RAISE NOTICE 'pg_trgm is not installed: no index for the history search';
  ELSE
    EXECUTE format(
      'CREATE INDEX IF NOT EXISTS IX_Log_Task_Scheduler_Search ON Log_Task_Scheduler'
      || ' USING gin (task_scheduler_history_text(ScriptFile, Status, InsertedBy, InsertedHost,'
      || ' TriggeredBy, Reason) %I.gin_trgm_ops)',
      trgm_schema);
  END IF;
END
$$;

-- Up to when this product's session had scheduled (UTC): the start of its engine's last complete
-- pass when it wrote the heartbeat; NULL while it starts or stands by, and in the Python tool's
-- rows. A session taking over owes nothing before it. A heartbeat alone does not say that: a
-- session killed right after its first heartbeat had run nothing (the chaos run lost a slot so).
ALTER TABLE Task_Scheduler_Heartbeat ADD COLUMN PassedAt TIMESTAMP(3);

-- The single sequence row that change numbering bumps (see sync_state in src/server/db/schema.ts).
INSERT INTO "sync_state" ("id", "last_seq") VALUES (1, 0) ON CONFLICT ("id") DO NOTHING;

ALTER TABLE "sync_state" ADD COLUMN "server_hlc" text;--> statement-breakpoint
ALTER TABLE "sync_state" ADD COLUMN "epoch" uuid DEFAULT gen_random_uuid() NOT NULL;--> statement-breakpoint
ALTER TABLE "tokens" ADD COLUMN "last_sync_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "tokens" ADD COLUMN "pending_changes" integer;
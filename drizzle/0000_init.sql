CREATE TABLE "audit_log" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	"user_id" uuid,
	"action" text NOT NULL,
	"detail" jsonb DEFAULT '{}'::jsonb NOT NULL
);
--> statement-breakpoint
CREATE TABLE "changes" (
	"seq" bigint PRIMARY KEY NOT NULL,
	"change_id" uuid NOT NULL,
	"tbl" text NOT NULL,
	"row_id" uuid NOT NULL,
	"village_id" uuid NOT NULL,
	"fields" jsonb NOT NULL,
	"hlc" text NOT NULL,
	"user_id" uuid NOT NULL,
	"device_id" text NOT NULL,
	"received_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "changes_change_id_unique" UNIQUE("change_id")
);
--> statement-breakpoint
CREATE TABLE "conflicts" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"tbl" text NOT NULL,
	"row_id" uuid NOT NULL,
	"village_id" uuid NOT NULL,
	"field" text NOT NULL,
	"winner_value" jsonb,
	"winner_hlc" text NOT NULL,
	"loser_value" jsonb,
	"loser_hlc" text NOT NULL,
	"loser_change_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"resolved_at" timestamp with time zone,
	"resolved_by" uuid,
	"resolution" text,
	CONSTRAINT "conflicts_resolution_check" CHECK ("conflicts"."resolution" is null or "conflicts"."resolution" in ('kept', 'restored'))
);
--> statement-breakpoint
CREATE TABLE "records" (
	"tbl" text NOT NULL,
	"id" uuid NOT NULL,
	"village_id" uuid NOT NULL,
	"data" jsonb NOT NULL,
	"clocks" jsonb NOT NULL,
	"seq" bigint NOT NULL,
	CONSTRAINT "records_tbl_id_pk" PRIMARY KEY("tbl","id")
);
--> statement-breakpoint
CREATE TABLE "sync_state" (
	"id" integer PRIMARY KEY NOT NULL,
	"last_seq" bigint NOT NULL,
	CONSTRAINT "sync_state_single_row" CHECK ("sync_state"."id" = 1)
);
--> statement-breakpoint
CREATE TABLE "tokens" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"user_id" uuid NOT NULL,
	"token_hash" text NOT NULL,
	"device_name" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"last_used_at" timestamp with time zone DEFAULT now() NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"revoked_at" timestamp with time zone,
	CONSTRAINT "tokens_token_hash_unique" UNIQUE("token_hash")
);
--> statement-breakpoint
CREATE TABLE "users" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"username" text NOT NULL,
	"display_name" text NOT NULL,
	"password_hash" text NOT NULL,
	"role" text NOT NULL,
	"village_ids" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"disabled" boolean DEFAULT false NOT NULL,
	"failed_logins" integer DEFAULT 0 NOT NULL,
	"locked_until" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "users_username_unique" UNIQUE("username"),
	CONSTRAINT "users_role_check" CHECK ("users"."role" in ('member', 'lead', 'commune'))
);
--> statement-breakpoint
ALTER TABLE "tokens" ADD CONSTRAINT "tokens_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "conflicts_village_resolved_idx" ON "conflicts" USING btree ("village_id","resolved_at");--> statement-breakpoint
CREATE INDEX "records_seq_idx" ON "records" USING btree ("seq");--> statement-breakpoint
CREATE INDEX "records_village_seq_idx" ON "records" USING btree ("village_id","seq");--> statement-breakpoint
CREATE INDEX "tokens_user_id_idx" ON "tokens" USING btree ("user_id");
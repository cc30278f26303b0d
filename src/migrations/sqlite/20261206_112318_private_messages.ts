import { MigrateUpArgs, MigrateDownArgs, sql } from '@payloadcms/db-sqlite'

export async function up({ db, payload, req }: MigrateUpArgs): Promise<void> {
  await db.run(sql`ALTER TABLE \`users\` ADD \`notifications_notify_messages\` integer DEFAULT true;`)
  await db.run(sql`ALTER TABLE \`conversations\` ADD \`other_member_id\` integer REFERENCES users(id);`)
  await db.run(sql`ALTER TABLE \`conversations\` ADD \`other_member_name\` text;`)
  await db.run(sql`ALTER TABLE \`conversations\` ADD \`other_unread\` integer DEFAULT false;`)
  await db.run(sql`ALTER TABLE \`conversations\` ADD \`member_blocked\` integer DEFAULT false;`)
  await db.run(sql`ALTER TABLE \`conversations\` ADD \`other_blocked\` integer DEFAULT false;`)
  await db.run(sql`ALTER TABLE \`conversations\` ADD \`reported\` integer DEFAULT false;`)
  await db.run(sql`ALTER TABLE \`conversations\` ADD \`reported_at\` text;`)
  await db.run(sql`ALTER TABLE \`conversations\` ADD \`report_reason\` text;`)
  await db.run(sql`CREATE INDEX \`conversations_other_member_idx\` ON \`conversations\` (\`other_member_id\`);`)
  await db.run(sql`CREATE INDEX \`conversations_other_unread_idx\` ON \`conversations\` (\`other_unread\`);`)
  await db.run(sql`CREATE INDEX \`conversations_reported_idx\` ON \`conversations\` (\`reported\`);`)
  await db.run(sql`ALTER TABLE \`messages\` ADD \`other_member_id\` integer REFERENCES users(id);`)
  await db.run(sql`ALTER TABLE \`messages\` ADD \`reported\` integer DEFAULT false;`)
  await db.run(sql`ALTER TABLE \`messages\` ADD \`crisis_hold\` integer DEFAULT false;`)
  await db.run(sql`CREATE INDEX \`messages_other_member_idx\` ON \`messages\` (\`other_member_id\`);`)
  await db.run(sql`CREATE INDEX \`messages_reported_idx\` ON \`messages\` (\`reported\`);`)
  await db.run(sql`CREATE INDEX \`messages_crisis_hold_idx\` ON \`messages\` (\`crisis_hold\`);`)
}

export async function down({ db, payload, req }: MigrateDownArgs): Promise<void> {
  await db.run(sql`PRAGMA foreign_keys=OFF;`)
  await db.run(sql`CREATE TABLE \`__new_conversations\` (
  	\`id\` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
  	\`kind\` text NOT NULL,
  	\`member_id\` integer NOT NULL,
  	\`member_name\` text,
  	\`locality_id\` integer,
  	\`alert_id\` integer,
  	\`started_by_id\` integer,
  	\`last_message_at\` text,
  	\`member_unread\` integer DEFAULT false,
  	\`staff_unread\` integer DEFAULT false,
  	\`status\` text DEFAULT 'open' NOT NULL,
  	\`updated_at\` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
  	\`created_at\` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
  	FOREIGN KEY (\`member_id\`) REFERENCES \`users\`(\`id\`) ON UPDATE no action ON DELETE set null,
  	FOREIGN KEY (\`locality_id\`) REFERENCES \`localities\`(\`id\`) ON UPDATE no action ON DELETE set null,
  	FOREIGN KEY (\`alert_id\`) REFERENCES \`crisis_alerts\`(\`id\`) ON UPDATE no action ON DELETE set null,
  	FOREIGN KEY (\`started_by_id\`) REFERENCES \`users\`(\`id\`) ON UPDATE no action ON DELETE set null
  );
  `)
  await db.run(sql`INSERT INTO \`__new_conversations\`("id", "kind", "member_id", "member_name", "locality_id", "alert_id", "started_by_id", "last_message_at", "member_unread", "staff_unread", "status", "updated_at", "created_at") SELECT "id", "kind", "member_id", "member_name", "locality_id", "alert_id", "started_by_id", "last_message_at", "member_unread", "staff_unread", "status", "updated_at", "created_at" FROM \`conversations\`;`)
  await db.run(sql`DROP TABLE \`conversations\`;`)
  await db.run(sql`ALTER TABLE \`__new_conversations\` RENAME TO \`conversations\`;`)
  await db.run(sql`PRAGMA foreign_keys=ON;`)
  await db.run(sql`CREATE INDEX \`conversations_kind_idx\` ON \`conversations\` (\`kind\`);`)
  await db.run(sql`CREATE INDEX \`conversations_member_idx\` ON \`conversations\` (\`member_id\`);`)
  await db.run(sql`CREATE INDEX \`conversations_locality_idx\` ON \`conversations\` (\`locality_id\`);`)
  await db.run(sql`CREATE INDEX \`conversations_alert_idx\` ON \`conversations\` (\`alert_id\`);`)
  await db.run(sql`CREATE INDEX \`conversations_started_by_idx\` ON \`conversations\` (\`started_by_id\`);`)
  await db.run(sql`CREATE INDEX \`conversations_last_message_at_idx\` ON \`conversations\` (\`last_message_at\`);`)
  await db.run(sql`CREATE INDEX \`conversations_member_unread_idx\` ON \`conversations\` (\`member_unread\`);`)
  await db.run(sql`CREATE INDEX \`conversations_staff_unread_idx\` ON \`conversations\` (\`staff_unread\`);`)
  await db.run(sql`CREATE INDEX \`conversations_updated_at_idx\` ON \`conversations\` (\`updated_at\`);`)
  await db.run(sql`CREATE INDEX \`conversations_created_at_idx\` ON \`conversations\` (\`created_at\`);`)
  await db.run(sql`CREATE TABLE \`__new_messages\` (
  	\`id\` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
  	\`conversation_id\` integer NOT NULL,
  	\`kind\` text NOT NULL,
  	\`member_id\` integer NOT NULL,
  	\`locality_id\` integer,
  	\`sender_id\` integer,
  	\`sender_label\` text,
  	\`from_member\` integer DEFAULT false,
  	\`body\` text NOT NULL,
  	\`updated_at\` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
  	\`created_at\` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
  	FOREIGN KEY (\`conversation_id\`) REFERENCES \`conversations\`(\`id\`) ON UPDATE no action ON DELETE set null,
  	FOREIGN KEY (\`member_id\`) REFERENCES \`users\`(\`id\`) ON UPDATE no action ON DELETE set null,
  	FOREIGN KEY (\`locality_id\`) REFERENCES \`localities\`(\`id\`) ON UPDATE no action ON DELETE set null,
  	FOREIGN KEY (\`sender_id\`) REFERENCES \`users\`(\`id\`) ON UPDATE no action ON DELETE set null
  );
  `)
  await db.run(sql`INSERT INTO \`__new_messages\`("id", "conversation_id", "kind", "member_id", "locality_id", "sender_id", "sender_label", "from_member", "body", "updated_at", "created_at") SELECT "id", "conversation_id", "kind", "member_id", "locality_id", "sender_id", "sender_label", "from_member", "body", "updated_at", "created_at" FROM \`messages\`;`)
  await db.run(sql`DROP TABLE \`messages\`;`)
  await db.run(sql`ALTER TABLE \`__new_messages\` RENAME TO \`messages\`;`)
  await db.run(sql`CREATE INDEX \`messages_conversation_idx\` ON \`messages\` (\`conversation_id\`);`)
  await db.run(sql`CREATE INDEX \`messages_member_idx\` ON \`messages\` (\`member_id\`);`)
  await db.run(sql`CREATE INDEX \`messages_locality_idx\` ON \`messages\` (\`locality_id\`);`)
  await db.run(sql`CREATE INDEX \`messages_sender_idx\` ON \`messages\` (\`sender_id\`);`)
  await db.run(sql`CREATE INDEX \`messages_updated_at_idx\` ON \`messages\` (\`updated_at\`);`)
  await db.run(sql`CREATE INDEX \`messages_created_at_idx\` ON \`messages\` (\`created_at\`);`)
  await db.run(sql`ALTER TABLE \`users\` DROP COLUMN \`notifications_notify_messages\`;`)
}

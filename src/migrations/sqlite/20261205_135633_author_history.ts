import { MigrateUpArgs, MigrateDownArgs, sql } from '@payloadcms/db-sqlite'

export async function up({ db, payload, req }: MigrateUpArgs): Promise<void> {
  await db.run(sql`ALTER TABLE \`moderation_events\` ADD \`subject_id\` integer REFERENCES users(id) ON DELETE set null;`)
  await db.run(sql`CREATE INDEX \`moderation_events_subject_idx\` ON \`moderation_events\` (\`subject_id\`);`)
}

export async function down({ db, payload, req }: MigrateDownArgs): Promise<void> {
  await db.run(sql`PRAGMA foreign_keys=OFF;`)
  await db.run(sql`CREATE TABLE \`__new_moderation_events\` (
  	\`id\` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
  	\`actor_id\` integer,
  	\`actor_role\` text NOT NULL,
  	\`target_collection\` text NOT NULL,
  	\`target_id\` text NOT NULL,
  	\`action\` text NOT NULL,
  	\`reason\` text,
  	\`private_note\` text,
  	\`from_state\` text,
  	\`to_state\` text,
  	\`at\` text NOT NULL,
  	\`locality_id\` integer,
  	\`updated_at\` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
  	\`created_at\` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
  	FOREIGN KEY (\`actor_id\`) REFERENCES \`users\`(\`id\`) ON UPDATE no action ON DELETE set null,
  	FOREIGN KEY (\`locality_id\`) REFERENCES \`localities\`(\`id\`) ON UPDATE no action ON DELETE set null
  );
  `)
  await db.run(sql`INSERT INTO \`__new_moderation_events\`("id", "actor_id", "actor_role", "target_collection", "target_id", "action", "reason", "private_note", "from_state", "to_state", "at", "locality_id", "updated_at", "created_at") SELECT "id", "actor_id", "actor_role", "target_collection", "target_id", "action", "reason", "private_note", "from_state", "to_state", "at", "locality_id", "updated_at", "created_at" FROM \`moderation_events\`;`)
  await db.run(sql`DROP TABLE \`moderation_events\`;`)
  await db.run(sql`ALTER TABLE \`__new_moderation_events\` RENAME TO \`moderation_events\`;`)
  await db.run(sql`PRAGMA foreign_keys=ON;`)
  await db.run(sql`CREATE INDEX \`moderation_events_actor_idx\` ON \`moderation_events\` (\`actor_id\`);`)
  await db.run(sql`CREATE INDEX \`moderation_events_target_collection_idx\` ON \`moderation_events\` (\`target_collection\`);`)
  await db.run(sql`CREATE INDEX \`moderation_events_target_id_idx\` ON \`moderation_events\` (\`target_id\`);`)
  await db.run(sql`CREATE INDEX \`moderation_events_at_idx\` ON \`moderation_events\` (\`at\`);`)
  await db.run(sql`CREATE INDEX \`moderation_events_locality_idx\` ON \`moderation_events\` (\`locality_id\`);`)
  await db.run(sql`CREATE INDEX \`moderation_events_updated_at_idx\` ON \`moderation_events\` (\`updated_at\`);`)
  await db.run(sql`CREATE INDEX \`moderation_events_created_at_idx\` ON \`moderation_events\` (\`created_at\`);`)
}

import { type Kysely, sql } from 'kysely';

/** The longest name the API takes (src/http/schemas.ts, `Name`). */
const MAX_NAME = 200;

/**
 * A service user's name is unique in its organization, whatever its case, as a username is in the
 * cluster: the CLI and the console find a service user by its name. Names that an earlier Keyward let
 * repeat are told apart first: the oldest keeps its name, and each later one gains the end of its id.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  const { rows } = await sql<{ id: string; org_id: string; name: string }>`
    select id, org_id, name from service_users order by created_at, id`.execute(db);
  const taken = new Set<string>();
  for (const row of rows) {
    let name = row.name;
    if (taken.has(`${row.org_id} ${name.toLowerCase()}`)) {
      const suffix = `-${row.id.slice(-6)}`;
      name = row.name.slice(0, MAX_NAME - suffix.length) + suffix;
      await sql`update service_users set name = ${name} where id = ${row.id}`.execute(db);
    }
    taken.add(`${row.org_id} ${name.toLowerCase()}`);
  }
  await db.schema
    .createIndex('service_users_org_name')
    .on('service_users')
    .unique()
    .expression(sql`org_id, lower(name)`)
    .execute();
}

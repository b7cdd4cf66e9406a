import { defineConfig } from 'drizzle-kit';

// `npm run db:generate` writes a new migration into drizzle/ from src/server/db/schema.ts; the
// server applies pending ones at startup (src/server/db/migrate.ts) on PGlite and PostgreSQL alike.
// After generating: drop any `"public".` qualifier drizzle-kit puts on references (tables must live
// in whatever schema the connection's search_path names; tests/server/migrations.test.ts checks),
// and run `npx biome check --write drizzle` to format the snapshot JSON.
export default defineConfig({
  dialect: 'postgresql',
  schema: './src/server/db/schema.ts',
  out: './drizzle',
});

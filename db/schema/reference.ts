/** Reference tables: the 21 responsible bodies and the ten streets and towns (seeded from src/domain/shared/reference.ts). */
import { pgTable, text } from 'drizzle-orm/pg-core';

export const departments = pgTable('departments', {
  code: text('code').primaryKey(),
  name: text('name').notNull().unique(),
  duties: text('duties').notNull(),
});

export const streets = pgTable('streets', {
  code: text('code').primaryKey(),
  name: text('name').notNull().unique(),
});

/// <reference types="astro/client" />

declare namespace App {
  interface Locals {
    /** The process-wide database (db/client.ts), set by src/middleware.ts. */
    db: import('../db/client').Db;
    /**
     * For the public registry's reads, which may lag (search, profiles, lists, warnings,
     * contracts, draws, open data, statistics): the streaming replica when DATABASE_REPLICA_URL is
     * set, else the same as db. Never for writes, a filer's own complaint, staff pages or Open311.
     */
    readDb: import('../db/client').Db;
    /** Today's date in Shanghai, fixed for the whole request so every section agrees. */
    today: string;
    /** Facts about the data set for the page shell's banner and footer (src/server/registry/dataset.ts). */
    datasetFacts: () => Promise<import('../db/queries/registry/publications').DatasetFacts>;
    /**
     * The signed-in staff member on /staff and /api/staff routes (src/server/staff/staff-session.ts,
     * loaded by the middleware); null when nobody is signed in or elsewhere.
     */
    staff?: import('./domain/staff/staff-roles').StaffActor | null;
  }
}

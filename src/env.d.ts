/// <reference types="astro/client" />

declare namespace App {
  interface Locals {
    /** The process-wide database (db/client.ts), set by src/middleware.ts. */
    db: import('../db/client').Db;
    /** Today's date in Shanghai, fixed for the whole request so every section agrees. */
    today: string;
  }
}

// @ts-check
/**
 * `npm run serve [-- path/to/dist/server/entry.mjs]` (and the last step of `npm start`): the front
 * server (src/server/http/front.mjs, its processes in front-process.mjs) in front of the built app. With WEB_CONCURRENCY > 1 node:cluster
 * runs this same file in every worker; main() tells the primary from a worker.
 */
import { main } from '../server/http/front-process.mjs';

await main();

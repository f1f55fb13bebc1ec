// @ts-check
import { defineConfig } from 'astro/config';
import node from '@astrojs/node';
import preact from '@astrojs/preact';
import { PAGE_DIRECTIVES } from './src/server/http/security-headers.mjs';
import { contractPdfs } from './src/server/publishing/contract-pdfs-integration';
import { precompressedAssets } from './src/server/http/precompress-integration';

// The public address, e.g. https://px.example.gov.cn. Behind a reverse proxy it also tells Astro
// which X-Forwarded-Host / -Proto values to trust (security.allowedDomains), so that the origin
// check of form posts compares against the address the browser really used.
const site = process.env.PUBLIC_SITE_URL ? new URL(process.env.PUBLIC_SITE_URL) : undefined;

// Server-rendered pages; the only browser JavaScript comes from src/islands/ (Preact).
export default defineConfig({
  output: 'server',
  // 'middleware': dist/server/entry.mjs exports the app's request handler and starts nothing; the
  // front server (src/server/http/front.mjs) listens, serves the static files and calls it for the rest.
  adapter: node({ mode: 'middleware' }),
  // contractPdfs(): /contracts/<code>.pdf, made from the contract texts when the build finishes;
  // precompressedAssets() (last, so it sees every file): a .br and .gz beside each built text file.
  integrations: [preact(), contractPdfs(), precompressedAssets()],
  // Rendered public pages are kept per process for a minute (src/server/http/page-cache.ts): by the
  // front server (src/server/http/front.mjs) when it runs the app, else in Astro's memory cache with
  // this config (src/server/http/cache-provider.ts decides).
  cache: {
    provider: { name: 'portal', entrypoint: new URL('./src/server/http/cache-provider.ts', import.meta.url), config: { max: 5000 } },
  },
  // Astro's own lines (an uncaught error's stack) go through the portal's logger while the front
  // server runs the app: JSON, scrubbed of personal data (src/server/http/astro-log-destination.mjs).
  logger: { entrypoint: new URL('./src/server/http/astro-log-destination.mjs', import.meta.url) },
  site: site?.origin ?? 'http://localhost:4321',
  trailingSlash: 'ignore',
  server: { host: process.env.HOST || '127.0.0.1', port: Number(process.env.PORT || 4321) },
  security: {
    // Off on purpose: src/middleware.ts applies the same Origin rule to every POST, except the
    // API-key endpoints (Open311), which machine clients call without an Origin header and which no
    // cookie authenticates (src/server/http/origin-check.ts). Astro's check cannot exempt a route.
    checkOrigin: false,
    allowedDomains: site ? [{ hostname: site.hostname, protocol: site.protocol.replace(':', '') }] : [],
    // A strict Content-Security-Policy on every page: script-src and style-src are 'self' plus the
    // SHA-256 hash of each inline script and style Astro emits (its island loader and the like),
    // computed at build time; no 'unsafe-inline'. Pages render on demand, so Astro sends the policy
    // as a response header, not a <meta> tag (frame-ancestors works only in a header). The other
    // directives, BASE_CSP for everything that is not a page, and upgrade-insecure-requests behind
    // HTTPS: src/server/http/security-headers.mjs.
    csp: { algorithm: 'SHA-256', directives: [...PAGE_DIRECTIVES] },
  },
  vite: {
    // Server-only packages stay out of the client bundle and are loaded from node_modules at run time.
    ssr: { external: ['@electric-sql/pglite', 'postgres', 'pinyin-pro', '@faker-js/faker'] },
  },
});

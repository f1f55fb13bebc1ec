/**
 * Reading a Content-Security-Policy and the inline code of a page, for the header walk
 * (tests/e2e/headers.spec.ts): every inline script and style a page carries must be allowed by its
 * hash, and no attribute may need 'unsafe-inline'. Pure functions, tested in tests/unit/http/.
 */
import { createHash } from 'node:crypto';

/** The directives of a policy by name (lower case), each with its source list; the first of a name wins, as in browsers. */
export function parseCsp(policy: string): Map<string, string[]> {
  const directives = new Map<string, string[]>();
  for (const part of policy.split(';')) {
    const [name, ...sources] = part.trim().split(/\s+/);
    if (!name) continue;
    const key = name.toLowerCase();
    if (!directives.has(key)) directives.set(key, sources);
  }
  return directives;
}

/** The CSP source that allows exactly this inline text: 'sha256-…' of its UTF-8 bytes. */
export function sha256Source(text: string): string {
  return `'sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}'`;
}

/** Script types a browser runs; any other (application/json, application/ld+json) is data and needs no hash. */
const RUNNABLE = /^(?:|module|text\/javascript|application\/javascript)$/i;

/**
 * The inline code of an HTML page: the text of each `<script>` without `src` that a browser would
 * run and of each `<style>`, and the attributes that only 'unsafe-inline' (or 'unsafe-hashes') would
 * allow: `style="…"` and `on…="…"` event handlers. Enough for HTML as Astro writes it; not a
 * general HTML parser.
 */
export function inlineCode(html: string): { scripts: string[]; styles: string[]; attributes: string[] } {
  const scripts: string[] = [];
  for (const m of html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script\s*>/gi)) {
    const attrs = m[1] ?? '';
    if (/\ssrc\s*=/i.test(attrs)) continue;
    const type = /\stype\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))/i.exec(attrs);
    if (!RUNNABLE.test((type?.[1] ?? type?.[2] ?? type?.[3] ?? '').trim())) continue;
    scripts.push(m[2] ?? '');
  }
  const styles = [...html.matchAll(/<style\b[^>]*>([\s\S]*?)<\/style\s*>/gi)].map((m) => m[1] ?? '');
  // Names of the attributes of start tags, outside scripts and styles, quoted values skipped whole
  // (a value may hold '>' or the word style=).
  const markup = html.replace(/<(script|style)\b[^>]*>[\s\S]*?<\/\1\s*>/gi, '');
  const attributes: string[] = [];
  for (const tag of markup.matchAll(/<[a-z][\w:-]*((?:\s+[^\s=>/]+(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s>]+))?)*)\s*\/?>/gi)) {
    for (const a of (tag[1] ?? '').matchAll(/\s+([^\s=>/]+)(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s>]+))?/g)) {
      const name = a[1]!.toLowerCase();
      if (name === 'style' || /^on[a-z]+$/.test(name)) attributes.push(name);
    }
  }
  return { scripts, styles, attributes };
}

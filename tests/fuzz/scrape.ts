/**
 * Reading what a page offers: its links (to find real values for [param] segments) and its POST
 * forms with their fields (the valid base that the fuzzer spoils one field at a time). Regular
 * expressions over the portal's own server-rendered HTML, which is regular enough for this.
 */

export interface FormField {
  name: string;
  /** The value the page puts there: a hidden field's, a select's first option, a box's value. */
  value: string;
  type: string;
  /** For a checkbox: ticked on the page. */
  checked?: boolean;
}

export interface ScrapedForm {
  /** The path the form posts to (no query), resolved against the page. */
  action: string;
  /** Its query string, kept (a form may post to ?next=...). */
  search: string;
  multipart: boolean;
  fields: FormField[];
}

const decode = (s: string) =>
  s.replace(/&(amp|lt|gt|quot|#39|#x27|#(\d+));/g, (_, name: string, num?: string) =>
    num ? String.fromCodePoint(Number(num)) : ({ amp: '&', lt: '<', gt: '>', quot: '"', '#39': "'", '#x27': "'" } as Record<string, string>)[name]!,
  );

/** The attributes of a tag's inside, lower-cased names. */
function attrs(tag: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const m of tag.matchAll(/([\w:-]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+)))?/g)) out[m[1]!.toLowerCase()] = decode(m[2] ?? m[3] ?? m[4] ?? '');
  return out;
}

export interface Link {
  path: string;
  search: string;
  /** The link's text without tags, to tell links apart (whose account a user page is). */
  text: string;
}

/** Same-site links of a page: <a href>, form actions, sitemap <loc>, and "/..." strings in JSON. */
export function linksOf(body: string, pageUrl: string): Link[] {
  const found: Link[] = [];
  const add = (href: string, text = '') => {
    try {
      const url = new URL(decode(href), pageUrl);
      if (url.origin === new URL(pageUrl).origin) found.push({ path: url.pathname, search: url.search, text: text.replace(/<[^>]+>/g, '').trim() });
    } catch {
      // not a URL
    }
  };
  for (const m of body.matchAll(/<a\b([^>]*)>([\s\S]*?)<\/a>/gi)) {
    const href = attrs(m[1]!).href;
    if (href) add(href, m[2]);
  }
  for (const m of body.matchAll(/<loc>([^<]+)<\/loc>/g)) add(m[1]!);
  for (const m of body.matchAll(/"(?:url|href|path)"\s*:\s*"(\/[^"]*)"/g)) add(m[1]!);
  return found;
}

/** The page's forms that post (method="post"), with their fields. */
export function postFormsOf(body: string, pageUrl: string): ScrapedForm[] {
  const forms: ScrapedForm[] = [];
  for (const m of body.matchAll(/<form\b([^>]*)>([\s\S]*?)<\/form>/gi)) {
    const a = attrs(m[1]!);
    if ((a.method ?? 'get').toLowerCase() !== 'post') continue;
    const url = new URL(a.action || pageUrl, pageUrl);
    const inner = m[2]!;
    const fields: FormField[] = [];
    const seenRadio = new Set<string>();
    const controls = /<textarea\b([^>]*)>([\s\S]*?)<\/textarea>|<select\b([^>]*)>([\s\S]*?)<\/select>|<(input|button)\b([^>]*)>/gi;
    for (const t of inner.matchAll(controls)) {
      const tag = t[1] !== undefined ? 'textarea' : t[3] !== undefined ? 'select' : t[5]!.toLowerCase();
      const fa = attrs(t[1] ?? t[3] ?? t[6]!);
      if (!fa.name) continue;
      if (tag === 'button') {
        if (fa.value !== undefined && fa.type !== 'reset' && !fields.some((f) => f.name === fa.name)) fields.push({ name: fa.name, value: fa.value, type: 'button' });
        continue;
      }
      if (tag === 'textarea') fields.push({ name: fa.name, value: decode(t[2]!), type: 'textarea' });
      else if (tag === 'select') {
        const options = [...t[4]!.matchAll(/<option\b([^>]*)>([^<]*)/gi)].map((o) => attrs(o[1]!).value ?? decode(o[2]!).trim());
        fields.push({ name: fa.name, value: options.find((v) => v !== '') ?? '', type: 'select' });
      } else {
        const type = (fa.type ?? 'text').toLowerCase();
        if (type === 'submit' || type === 'reset' || type === 'image') continue;
        if (type === 'radio') {
          if (seenRadio.has(fa.name)) continue;
          seenRadio.add(fa.name);
        }
        const value = type === 'checkbox' || type === 'radio' ? (fa.value ?? 'on') : (fa.value ?? '');
        fields.push({ name: fa.name, value, type, ...(type === 'checkbox' ? { checked: 'checked' in fa } : {}) });
      }
    }
    forms.push({ action: url.pathname, search: url.search, multipart: /multipart/i.test(a.enctype ?? ''), fields });
  }
  return forms;
}

/**
 * What the running portal offers before the fuzzing starts: real values for every [param] (read
 * from the links of its pages, as each identity sees them), the POST forms of its pages (the
 * valid bases to spoil), the query names its links use, and a few facts for valid values.
 */
import { linksOf, postFormsOf, type Link, type ScrapedForm } from './scrape';
import { routeMatcher, fillPattern, type Route } from './routes';
import { STAFF_IDENTITIES, type FuzzPortal, type Identity } from './fuzz-portal';

export interface FormBase extends ScrapedForm {
  /** Who saw the form (a staff page shows each person the actions they may take). */
  identity: Identity;
  /** The page it was read from, to read it again (a fresh captcha question). */
  page: string;
}

export interface Harvest {
  /** Real values of each route's params, by route pattern: one array of values per concrete path. */
  params: Map<string, string[][]>;
  /** Query names seen in links, by route pattern. */
  queryNames: Map<string, Set<string>>;
  forms: FormBase[];
  creditCode: string;
  serviceCode: string;
  /** Users whose pages must not be posted to: the fuzzer's own sessions. */
  ownUserPaths: Set<string>;
}

const MAX_INSTANCES = 2;

async function get(portal: FuzzPortal, identity: Identity, path: string): Promise<{ status: number; body: string }> {
  const res = await fetch(portal.url + path, { redirect: 'manual', headers: { cookie: portal.cookies[identity], 'x-forwarded-for': '203.0.113.251' } });
  return { status: res.status, body: await res.text() };
}

/** Reads the portal's pages as every identity, two levels deep from every route without params. */
export async function harvest(portal: FuzzPortal, routes: Route[]): Promise<Harvest> {
  const matchers = routes.map((r) => ({ route: r, re: routeMatcher(r.pattern) }));
  const params = new Map<string, string[][]>();
  const queryNames = new Map<string, Set<string>>();
  const forms: FormBase[] = [];
  const ownUserPaths = new Set<string>();
  const visited = new Set<string>();
  const identities: Identity[] = ['anonymous', ...STAFF_IDENTITIES];

  // What each identity's own pages link to: a handler sees other cases than a dispatcher.
  const seenBy = new Map<string, string[][]>();
  const take = (links: Link[], identity: Identity = 'anonymous') => {
    for (const link of links) {
      for (const { route, re } of matchers) {
        const m = re.exec(link.path);
        if (!m) continue;
        if (link.search) {
          const names = queryNames.get(route.pattern) ?? new Set();
          for (const k of new URLSearchParams(link.search).keys()) names.add(k);
          queryNames.set(route.pattern, names);
        }
        if (route.params.length === 0) continue;
        if (route.pattern === '/staff/users/[id]' && STAFF_IDENTITIES.some((u) => link.text.includes(u))) ownUserPaths.add(link.path);
        const values = m.slice(1);
        const list = params.get(route.pattern) ?? [];
        if (!list.some((v) => v.join('/') === values.join('/'))) list.push(values);
        params.set(route.pattern, list);
        const own = seenBy.get(`${identity} ${route.pattern}`) ?? [];
        if (!own.some((v) => v.join('/') === values.join('/'))) own.push(values);
        seenBy.set(`${identity} ${route.pattern}`, own);
      }
    }
  };

  const visit = async (identity: Identity, path: string) => {
    const key = `${identity} ${path}`;
    if (visited.has(key)) return;
    visited.add(key);
    const { status, body } = await get(portal, identity, path);
    if (status !== 200) return;
    take(linksOf(body, portal.url + path), identity);
    for (const f of postFormsOf(body, portal.url + path)) forms.push({ ...f, identity, page: path });
    // Open311 names requests by id, not by link.
    for (const m of body.matchAll(/"service_request_id"\s*:\s*"([^"]+)"/g)) take([{ path: `/open311/v2/requests/${m[1]}.json`, search: '', text: '' }]);
  };

  for (const identity of identities) {
    const roots = routes.filter((r) => r.params.length === 0 && r.methods.includes('GET') && (identity === 'anonymous' || r.staff) && !/sign-out/.test(r.pattern));
    await Promise.all(roots.map((r) => visit(identity, r.pattern)));
  }
  // One level further: a few concrete pages of each route with params, as each identity.
  for (const identity of identities) {
    const jobs: Promise<void>[] = [];
    for (const r of routes) {
      if (r.params.length === 0 || !r.methods.includes('GET') || (identity !== 'anonymous' && !r.staff)) continue;
      const own = seenBy.get(`${identity} ${r.pattern}`) ?? params.get(r.pattern) ?? [];
      for (const values of [...own].sort().slice(0, MAX_INSTANCES)) jobs.push(visit(identity, fillPattern(r.pattern, values)));
    }
    await Promise.all(jobs);
  }

  const institutions = (await (await fetch(`${portal.url}/api/institutions`)).json()) as { items: { creditCode: string }[] };
  const services = (await (await fetch(`${portal.url}/open311/v2/services.json`)).json()) as { service_code: string }[];
  const creditCode = institutions.items[0]!.creditCode;
  // A verification record exists only once someone has checked a tenant.
  const made = await fetch(`${portal.url}/api/verifications`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: portal.url },
    body: JSON.stringify({ tenant: creditCode, address: '上海市普陀区长寿路218号3楼' }),
  });
  const record = (await made.json()) as { url?: string };
  if (record.url) take([{ path: new URL(record.url, portal.url).pathname, search: '', text: '' }]);
  // Pages were read in parallel: put what they gave in a fixed order, so a seed replays the same cases.
  const formKey = (f: FormBase) => JSON.stringify([f.identity, f.page, f.action, f.search, f.fields]);
  forms.sort((a, b) => formKey(a).localeCompare(formKey(b)));
  for (const list of params.values()) list.sort((a, b) => a.join('/').localeCompare(b.join('/')));
  for (const [k, names] of queryNames) queryNames.set(k, new Set([...names].sort()));
  return { params, queryNames, forms, creditCode, serviceCode: services[0]!.service_code, ownUserPaths };
}

/**
 * A fuzz plan for every discovered route and method: who sends it, the real values for its params,
 * the valid bases its bad values are put into (the fields of the forms that post to it, or of the
 * form a JSON endpoint mirrors), the query names to try, and how its body is written.
 */
import type { FormBase, Harvest } from './harvest';
import { STAFF_IDENTITIES, type Identity } from './fuzz-portal';
import { routeMatcher, type Method, type Route } from './routes';
import { hasValidValue, OPEN311_POST_FIELDS } from './valid-values';

export interface Base {
  identity: Identity | null;
  /** Field names and the page's values (completed from valid-values.ts when sent). */
  fields: [string, string][];
  /** Boxes the page leaves unticked: sent only when spoilt. */
  unticked: string[];
  /** The page the form came from, when a fresh copy is needed (captcha). */
  page: string | null;
  /** Concrete param values the form posts to (its action), when the route has params. */
  params: string[] | null;
  search: string;
}

export interface Plan {
  route: Route;
  method: Method;
  identities: Identity[];
  /** Real values for the params, one array per concrete path ([] when none were found). */
  params: string[][];
  bases: Base[];
  queryNames: string[];
  /** The query names the portal's own links use for this route. */
  linkQueryNames: string[];
  body: 'json' | 'form' | 'none';
}

/** Query names every GET gets besides those its links use: the portal's parameters and lookalikes. */
export const COMMON_QUERY_NAMES = ['q', 'page', 'sort', 'field', 'street', 'status', 'licence', 'next', 'institution', 'filer', 'code', 'number', 'api_key', 'service_code', 'start_date', 'page_size', 'service_request_id'];

/**
 * JSON endpoints that take what a page's form takes: their bases are that page's forms. Open311's
 * POST has no page; its fields are the hotline's (valid-values.ts).
 */
const MIRRORS: Record<string, string> = {
  '/api/verifications': '/verify',
  '/api/staff/cases/[number]': '/staff/cases/[number]',
};

/** Posting here ends the session the fuzzer signs in with: only anonymous visitors post. */
const ENDS_SESSION = /\/sign-out$/;

function basesFor(route: Route, harvest: Harvest): Base[] {
  if (route.pattern === '/open311/v2/requests.json') return [{ identity: null, fields: OPEN311_POST_FIELDS.map((n) => [n, '']), unticked: [], page: null, params: null, search: '' }];
  const source = MIRRORS[route.pattern] ?? route.pattern;
  const re = routeMatcher(source);
  return harvest.forms
    .filter((f: FormBase) => re.test(f.action) && !harvest.ownUserPaths.has(f.action))
    .map((f) => ({
      identity: f.identity,
      fields: f.fields.filter((x) => x.checked !== false || hasValidValue(x.name)).map((x) => [x.name, x.value] as [string, string]),
      unticked: [...new Set(f.fields.filter((x) => x.checked === false && !hasValidValue(x.name)).map((x) => x.name))],
      page: f.page,
      params: re.exec(f.action)!.slice(1),
      search: f.search,
    }));
}

/** Values found for params of the same names on other routes (a contract code, a credit code). */
function sameNamed(route: Route, routes: Route[], harvest: Harvest): string[][] {
  if (route.params.length !== 1) return [];
  const out: string[][] = [];
  for (const other of routes) {
    if (other === route || other.params.length !== 1 || other.params[0] !== route.params[0]) continue;
    out.push(...(harvest.params.get(other.pattern) ?? []).slice(0, 2));
  }
  return out;
}

/** One plan per route and accepted method. */
export function buildPlans(routes: Route[], harvest: Harvest): Plan[] {
  const plans: Plan[] = [];
  for (const route of routes) {
    for (const method of route.methods) {
      const identities: Identity[] = route.staff ? ['anonymous', ...STAFF_IDENTITIES] : ['anonymous', 'dispatcher'];
      const found = (harvest.params.get(route.pattern) ?? []).filter((v) => !(route.pattern === '/staff/users/[id]' && harvest.ownUserPaths.has(`/staff/users/${v[0]}`)));
      // No link leads here (a catch-all, a download nobody links): a plain unknown value, and the
      // values other routes take for a param of the same name.
      const params = found.length ? found : [route.params.map(() => 'fuzz'), ...sameNamed(route, routes, harvest)];
      const writes = method !== 'GET';
      plans.push({
        route,
        method,
        identities: writes && ENDS_SESSION.test(route.pattern) ? ['anonymous'] : identities,
        params,
        bases: writes ? basesFor(route, harvest) : [],
        queryNames: [...new Set([...(harvest.queryNames.get(route.pattern) ?? []), ...COMMON_QUERY_NAMES])],
        linkQueryNames: [...(harvest.queryNames.get(route.pattern) ?? [])],
        body: !writes ? 'none' : route.json && !route.pattern.startsWith('/open311/') ? 'json' : 'form',
      });
    }
  }
  return plans;
}

/**
 * Playwright's `test` and `expect` for every browser spec (import them from here, not from
 * @playwright/test): a test fails when any page it opened reported a Content-Security-Policy
 * violation, so a new inline script, a `style=` attribute or a script from elsewhere cannot slip in
 * unseen. Pages of the default `context`/`page` and of contexts a test makes itself
 * (`browser.newContext()`, `browser.newPage()`, as the staff specs do for several people) are
 * all watched.
 *
 * Two witnesses: the page's `securitypolicyviolation` event, reported to the test at once through
 * a binding (so nothing is lost when the page navigates away), and the console error Chromium
 * writes for each refusal ("Refused to ... because it violates the following Content Security
 * Policy directive").
 */
import { test as base, expect, type Browser, type BrowserContext } from '@playwright/test';

export { expect };
export type { APIRequestContext, APIResponse, Browser, BrowserContext, Locator, Page } from '@playwright/test';

/** What a page reports, as the test's failure message shows it. */
interface Violation {
  page: string;
  directive: string;
  blocked: string;
  sample: string;
}

const BINDING = '__reportCspViolation';
const watched = new WeakSet<BrowserContext>();

async function watch(context: BrowserContext, found: Set<string>): Promise<void> {
  if (watched.has(context)) return;
  watched.add(context);
  await context.exposeBinding(BINDING, (_source, v: Violation) => {
    found.add(`${v.page}: ${v.directive} refused ${v.blocked}${v.sample ? ` (${v.sample})` : ''}`);
  });
  await context.addInitScript((name) => {
    document.addEventListener('securitypolicyviolation', (e) => {
      const report = (window as unknown as Record<string, (v: Violation) => void>)[name];
      report?.({ page: location.pathname + location.search, directive: e.effectiveDirective, blocked: e.blockedURI, sample: e.sample });
    });
  }, BINDING);
  context.on('console', (message) => {
    if (message.type() === 'error' && /Content Security Policy/i.test(message.text())) {
      found.add(`${message.page()?.url() ?? '?'}: ${message.text()}`);
    }
  });
}

/** Makes `browser.newContext()` (and so `browser.newPage()`) watch what it creates, until `restore()`. */
function watchNewContexts(browser: Browser, found: Set<string>): () => void {
  const own = Object.getOwnPropertyDescriptor(browser, 'newContext');
  const newContext = browser.newContext;
  browser.newContext = async (...args: Parameters<Browser['newContext']>) => {
    const context = await newContext.apply(browser, args);
    await watch(context, found);
    return context;
  };
  return () => {
    if (own) Object.defineProperty(browser, 'newContext', own);
    else delete (browser as Partial<Browser>).newContext;
  };
}

export const test = base.extend<{ cspViolations: Set<string> }>({
  cspViolations: [
    async ({ browser }, use) => {
      const found = new Set<string>();
      const restore = watchNewContexts(browser, found);
      try {
        await use(found);
      } finally {
        restore();
      }
      expect([...found], 'Content-Security-Policy violations reported by the pages of this test').toEqual([]);
    },
    { auto: true },
  ],
  context: async ({ context, cspViolations }, use) => {
    await watch(context, cspViolations);
    await use(context);
  },
});

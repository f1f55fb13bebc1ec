/**
 * Reflow (WCAG 2.1, 1.4.10): on a phone no page scrolls sideways; long names, codes and tables
 * wrap or scroll inside their own box.
 */
import { expect, type Page } from '@playwright/test';

/** The page as it is now is no wider than the viewport; `what` names it in the failure message. */
export async function expectNoSidewaysScroll(page: Page, what: string = page.url()): Promise<void> {
  const { scrollWidth, clientWidth } = await page.evaluate(() => ({
    scrollWidth: document.documentElement.scrollWidth,
    clientWidth: document.documentElement.clientWidth,
  }));
  expect(scrollWidth, `${what}: page is ${scrollWidth}px wide in a ${clientWidth}px viewport`).toBeLessThanOrEqual(clientWidth);
}

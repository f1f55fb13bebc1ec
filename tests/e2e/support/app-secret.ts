/** The application secret of the browser tests' server (tests/playwright.config.ts): test-only. */
export const E2E_APP_SECRET = 'e2e-app-secret-for-tests-only-0123456789abcdef';

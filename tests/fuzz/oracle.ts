/**
 * What every answer must be, whatever was sent: never a 5xx nor a dropped connection; JSON on the
 * routes that promise it (README, "JSON API"; Open311); an over-limit body refused before it was
 * read, with 413 where the route takes posts.
 */
import type { Plan } from './plans';
import type { Answer } from './send';
import { OVER_LIMIT_TOTAL, type OverLimitAnswer } from './over-limit';
import { isJsonPath } from './routes';

/**
 * Node's HTTP parser answers a request it cannot parse (a request line past its header limit: 431;
 * malformed: 400) with an empty body before the app sees it; the app cannot shape that answer.
 */
const fromNodeItself = (a: Answer) => a.contentType === '' && (a.status === 431 || a.status === 400);

const isJson = (contentType: string) => /^application\/(?:[\w.+-]+\+)?json\b/i.test(contentType);

/** Node refuses a request line past its header limit (16 KB) itself: 431, or a reset while we still send. */
const URL_LIMIT = 16 * 1024;

/** The problems with `answer` to an ordinary fuzz request on `plan` sent to `url`. */
export function judge(plan: Plan, url: string, answer: Answer): string[] {
  const problems: string[] = [];
  if (answer.status === 0) return url.length > URL_LIMIT && /ECONNRESET|EPIPE/.test(answer.error ?? '') ? [] : [`no answer (${answer.error})`];
  // The error pages are routes too; /500 answers 500 by design.
  const errorPage = /^\/(\d{3})$/.exec(plan.route.pattern)?.[1];
  if (answer.status >= 500 && String(answer.status) !== errorPage) problems.push('5xx');
  const json = plan.route.json || isJsonPath(new URL(url).pathname);
  if (json && !fromNodeItself(answer) && answer.status !== 204 && !isJson(answer.contentType)) problems.push(`not JSON (${answer.contentType || 'no content type'})`);
  return problems;
}

/** The problems with the answer to a body past every limit. */
export function judgeOverLimit(plan: Plan, answer: OverLimitAnswer): string[] {
  // The server may close the connection once it has refused: fine if most of the body was unsent.
  if (answer.status === 0) return answer.sentAtAnswer >= OVER_LIMIT_TOTAL ? [`read whole, then no answer (${answer.error})`] : [];
  const problems = judge(plan, `http://portal${plan.route.pattern}`, answer);
  if (answer.sentAtAnswer >= OVER_LIMIT_TOTAL) problems.push(`read whole (${answer.sentAtAnswer >> 20} MB) before answering`);
  if (plan.method === 'POST' && (answer.status < 300 || answer.status === 400)) problems.push(`judged the body instead of refusing it (expected 413)`);
  return problems;
}

/**
 * The client's address for rate limits. Behind a reverse proxy (TRUST_PROXY=1) it is the last
 * address the proxy appended to X-Forwarded-For; otherwise the socket's address. Never logged.
 */
import { env } from '../../config/env';

export function clientIp(request: Request, socketAddress: string | undefined): string {
  if (env().TRUST_PROXY) {
    const hops = (request.headers.get('x-forwarded-for') ?? '').split(',').map((h) => h.trim()).filter(Boolean);
    const last = hops.at(-1);
    if (last) return last;
  }
  return socketAddress ?? 'unknown';
}

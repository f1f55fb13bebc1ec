/**
 * Reads a JSON request body with a size limit: a verification needs a few hundred bytes, and the
 * server would otherwise buffer whatever it is sent. Never throws; says what went wrong instead.
 */
export type JsonBody = { kind: 'ok'; value: unknown } | { kind: 'too_large' } | { kind: 'malformed' } | { kind: 'unsupported' };

export async function readJsonBody(request: Request, limit: number): Promise<JsonBody> {
  const type = (request.headers.get('content-type') ?? '').split(';')[0]!.trim().toLowerCase();
  if (type !== 'application/json') return { kind: 'unsupported' };
  const declared = Number(request.headers.get('content-length') ?? '0');
  if (Number.isFinite(declared) && declared > limit) return { kind: 'too_large' };
  if (!request.body) return { kind: 'malformed' };
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      size += value.byteLength;
      if (size > limit) {
        await reader.cancel().catch(() => {});
        return { kind: 'too_large' };
      }
      chunks.push(value);
    }
    return { kind: 'ok', value: JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(Buffer.concat(chunks))) };
  } catch {
    return { kind: 'malformed' };
  }
}

/**
 * Just enough MIME reading for the SMTP test to check what arrived: headers unfolded and their
 * encoded words (RFC 2047) decoded, and the text and HTML parts of a multipart/alternative message
 * with their transfer encoding (base64, quoted-printable) undone, as UTF-8. Not a general parser.
 */

export interface ReceivedMessage {
  /** Header names lower-cased; decoded values. */
  headers: Map<string, string>;
  text: string;
  html: string;
}

function decodeWords(value: string): string {
  return value
    .replace(/(=\?[^?]+\?[BbQq]\?[^?]*\?=)\s+(?==\?)/g, '$1')
    .replace(/=\?([^?]+)\?([BbQq])\?([^?]*)\?=/g, (_m, _charset: string, enc: string, data: string) =>
      enc.toUpperCase() === 'B' ? Buffer.from(data, 'base64').toString('utf8') : decodeQuotedPrintable(data.replace(/_/g, ' ')),
    );
}

function decodeQuotedPrintable(text: string): string {
  const joined = text.replace(/=\r?\n/g, '');
  const bytes: number[] = [];
  for (let i = 0; i < joined.length; i++) {
    const hex = joined.slice(i + 1, i + 3);
    if (joined[i] === '=' && /^[0-9A-F]{2}$/i.test(hex)) {
      bytes.push(parseInt(hex, 16));
      i += 2;
    } else bytes.push(...Buffer.from(joined[i] ?? '', 'utf8'));
  }
  return Buffer.from(bytes).toString('utf8');
}

function splitHead(raw: string): { headers: Map<string, string>; body: string } {
  const at = raw.indexOf('\r\n\r\n');
  const head = raw.slice(0, at).replace(/\r\n[ \t]+/g, ' ');
  const headers = new Map<string, string>();
  for (const line of head.split('\r\n')) {
    const colon = line.indexOf(':');
    if (colon > 0) headers.set(line.slice(0, colon).toLowerCase(), decodeWords(line.slice(colon + 1).trim()));
  }
  return { headers, body: raw.slice(at + 4) };
}

function decodeBody(headers: Map<string, string>, body: string): string {
  const encoding = (headers.get('content-transfer-encoding') ?? '7bit').toLowerCase();
  if (encoding === 'base64') return Buffer.from(body.replace(/\s+/g, ''), 'base64').toString('utf8');
  if (encoding === 'quoted-printable') return decodeQuotedPrintable(body);
  return body;
}

/** The message as the server received it (CRLF line ends). */
export function parseReceived(raw: string): ReceivedMessage {
  const { headers, body } = splitHead(raw);
  const boundary = headers.get('content-type')?.match(/boundary="?([^";]+)"?/)?.[1];
  const out: ReceivedMessage = { headers, text: '', html: '' };
  if (!boundary) {
    out.text = decodeBody(headers, body);
    return out;
  }
  for (const chunk of body.split(`--${boundary}`).slice(1)) {
    if (chunk.startsWith('--')) break;
    const part = splitHead(chunk.replace(/^\r\n/, '').replace(/\r\n$/, ''));
    const type = part.headers.get('content-type') ?? '';
    if (type.startsWith('text/plain')) out.text = decodeBody(part.headers, part.body);
    if (type.startsWith('text/html')) out.html = decodeBody(part.headers, part.body);
  }
  return out;
}

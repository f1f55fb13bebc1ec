/**
 * The one HTML shape of the portal's staff e-mails: a plain document, inline styles only (mail
 * clients drop <style> blocks and external sheets), no images and nothing fetched from elsewhere,
 * so a message reads the same offline and no client is asked to load remote content. Every value
 * is escaped here; callers pass text, never markup. Pure.
 */

const HTML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Text made safe to place in HTML content or a double-quoted attribute. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => HTML_ESCAPES[c] ?? c);
}

/** An http(s) address as given, or null: a link parameter that is anything else is shown as text. */
export function safeHttpUrl(value: string): string | null {
  try {
    const url = new URL(value);
    return url.protocol === 'https:' || url.protocol === 'http:' ? url.href : null;
  } catch {
    return null;
  }
}

/** One block of an e-mail body: a paragraph of text, or a link with its visible words. */
export type EmailBlock = { kind: 'text'; text: string } | { kind: 'link'; text: string; href: string } | { kind: 'note'; text: string };

export interface EmailBody {
  /** The heading, also the first line of the plain-text part. */
  heading: string;
  blocks: readonly EmailBlock[];
  /** Small print under a rule: why the person gets this message. */
  footer: string;
}

/** The plain-text part: heading, blocks separated by blank lines, links written out in full. */
export function renderText(body: EmailBody): string {
  const lines = [body.heading, ''];
  for (const b of body.blocks) {
    if (b.kind === 'link') lines.push(`${b.text}：`, safeHttpUrl(b.href) ?? b.href);
    else lines.push(b.text);
    lines.push('');
  }
  lines.push('--', body.footer);
  return `${lines.join('\n')}\n`;
}

const FONT = 'font-family:-apple-system,&quot;PingFang SC&quot;,&quot;Microsoft YaHei&quot;,&quot;Noto Sans SC&quot;,sans-serif';

/** The HTML part: the same blocks, escaped; a link that is not http(s) stays plain text. */
export function renderHtml(body: EmailBody): string {
  const blocks = body.blocks.map((b) => {
    if (b.kind === 'note') return `<p style="margin:0 0 16px;color:#555">${escapeHtml(b.text)}</p>`;
    if (b.kind === 'text') return `<p style="margin:0 0 16px">${escapeHtml(b.text)}</p>`;
    const href = safeHttpUrl(b.href);
    if (!href) return `<p style="margin:0 0 16px">${escapeHtml(b.text)}：${escapeHtml(b.href)}</p>`;
    return `<p style="margin:0 0 16px"><a href="${escapeHtml(href)}" style="color:#0b57a4">${escapeHtml(b.text)}</a></p>`;
  });
  return [
    '<!doctype html>',
    '<html lang="zh-CN">',
    '<head><meta charset="utf-8"><meta name="viewport" content="width=device-width">',
    `<title>${escapeHtml(body.heading)}</title></head>`,
    `<body style="margin:0;padding:16px;background:#fff;color:#1a1a1a;${FONT};font-size:16px;line-height:1.6">`,
    '<div style="max-width:600px">',
    `<h1 style="font-size:20px;margin:0 0 16px">${escapeHtml(body.heading)}</h1>`,
    ...blocks,
    `<hr style="border:0;border-top:1px solid #ccc;margin:24px 0 12px">`,
    `<p style="margin:0;font-size:14px;color:#555">${escapeHtml(body.footer)}</p>`,
    '</div>',
    '</body>',
    '</html>',
    '',
  ].join('\n');
}

/**
 * GET /contracts/<code>/download: a model contract's file. The file staff uploaded
 * (/staff/publish/contracts, kept in contract_files) is streamed from the database with its own
 * type and name; without an upload this redirects to the file bundled in public/contracts. Public
 * and cached like a page, purged with the 'contracts' tag when a new file is uploaded.
 */
import type { APIRoute } from 'astro';
import { contractFileByCode } from '../../../../db/queries/registry/publications';
import { cachePublic } from '../../../server/http/page-cache';

/** RFC 6266: a plain ASCII fallback name and the real one in UTF-8. */
function disposition(fileName: string, code: string): string {
  const ext = /\.[a-z0-9]+$/i.exec(fileName)?.[0] ?? '';
  const ascii = `${code}${ext}`.replace(/[^\w.-]/g, '_');
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(fileName)}`;
}

export const GET: APIRoute = async (context) => {
  const code = (context.params.code ?? '').slice(0, 60);
  const found = /^[\w.-]+$/.test(code) ? await contractFileByCode(context.locals.readDb, code) : null;
  if (!found) return new Response(null, { status: 404 });
  if (!found.file) return context.redirect(`/contracts/${encodeURIComponent(found.bundled)}`, 302);
  cachePublic(context, ['contracts']);
  const f = found.file;
  return new Response(Buffer.from(f.content), {
    status: 200,
    headers: {
      'Content-Type': f.mediaType,
      'Content-Length': String(f.content.byteLength),
      'Content-Disposition': disposition(f.fileName, code),
      ETag: `"${f.sha256}"`,
      'Last-Modified': f.uploadedAt.toUTCString(),
    },
  });
};

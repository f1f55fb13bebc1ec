/** GET /open-data/<dataset>.<csv|json>: one open dataset, streamed (src/server/registry/open-data-format.ts). */
import type { APIRoute } from 'astro';
import { isOpenDataset, isOpenFormat } from '../../domain/registry/open-data';
import { notFound } from '../../server/http/json';
import { CONTENT_TYPES, openDataStream } from '../../server/registry/open-data-format';
import { cachePublic } from '../../server/http/page-cache';

export const GET: APIRoute = (context) => {
  const match = /^([a-z-]+)\.([a-z]+)$/.exec(context.params.file ?? '');
  const [, dataset = '', format = ''] = match ?? [];
  if (!isOpenDataset(dataset) || !isOpenFormat(format)) {
    return notFound('unknown_dataset', '没有这个数据集。可下载的数据集见 /open-data。');
  }
  cachePublic(context, ['registry', 'lists']);
  const generatedAt = new Date();
  const stamp = context.locals.today.replaceAll('-', '');
  return new Response(openDataStream(context.locals.readDb, dataset, format, context.locals.today, generatedAt), {
    headers: {
      'Content-Type': CONTENT_TYPES[format],
      'Content-Disposition': `attachment; filename="putuo-${dataset}-${stamp}.${format}"`,
      'Last-Modified': generatedAt.toUTCString(),
      'X-Generated-At': generatedAt.toISOString(),
      Link: '<https://creativecommons.org/licenses/by/4.0/>; rel="license"',
    },
  });
};

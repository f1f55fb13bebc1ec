/** GET /open-data/datapackage.json: a Frictionless Data Package describing the open datasets. */
import type { APIRoute } from 'astro';
import { DATASETS, OPEN_DATASETS, OPEN_DATA_LICENCE } from '../../domain/registry/open-data';
import { json } from '../../server/http/json';
import { cachePublic } from '../../server/http/page-cache';

export const GET: APIRoute = (context) => {
  cachePublic(context, ['registry']);
  const origin = context.url.origin;
  return json({
    name: 'putuo-training-institutions',
    title: '普陀区培训机构公示数据',
    licenses: [{ name: OPEN_DATA_LICENCE.id, path: OPEN_DATA_LICENCE.url, title: OPEN_DATA_LICENCE.name }],
    created: new Date().toISOString(),
    resources: OPEN_DATASETS.flatMap((id) =>
      (['csv', 'json'] as const).map((format) => ({
        name: `${id}-${format}`,
        title: DATASETS[id].title,
        description: DATASETS[id].description,
        path: `${origin}/open-data/${id}.${format}`,
        format,
        mediatype: format === 'csv' ? 'text/csv' : 'application/json',
        encoding: 'utf-8',
        schema: { fields: DATASETS[id].columns.map((c) => ({ name: format === 'csv' ? c.header : c.key, type: 'string', description: c.description })) },
      })),
    ),
  });
};

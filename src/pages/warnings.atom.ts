/** Atom feed of published risk warnings (RFC 4287), built with the `feed` library. */
import type { APIRoute } from 'astro';
import { Feed } from 'feed';
import { publishedWarnings } from '../../db/queries/publications';
import { t } from '../i18n';
import { label } from '../i18n/labels';
import { cachePublic } from '../server/page-cache';

export const GET: APIRoute = async (context) => {
  const { locals, url } = context;
  const warnings = await publishedWarnings(locals.db, locals.today, 50);
  cachePublic(context, ['warnings']);
  const origin = url.origin;
  const updated = warnings.reduce<Date>((max, w) => (w.updatedAt > max ? w.updatedAt : max), new Date(`${locals.today}T00:00:00+08:00`));
  const feed = new Feed({
    title: `${t('site.short')} · ${t('warnings.title')}`,
    description: t('warnings.lead'),
    id: `${origin}/warnings`,
    link: `${origin}/warnings`,
    language: 'zh-CN',
    updated: warnings.length ? updated : new Date(`${locals.today}T00:00:00+08:00`),
    copyright: t('site.name'),
    feedLinks: { atom: `${origin}/warnings.atom` },
  });
  for (const w of warnings) {
    feed.addItem({
      title: `[${label('severity', w.severity)}] ${w.title}`,
      id: `${origin}/warnings#warning-${w.id}`,
      link: `${origin}/warnings#warning-${w.id}`,
      description: w.body.slice(0, 200),
      content: w.body,
      date: new Date(`${w.publishedOn}T09:00:00+08:00`),
    });
  }
  return new Response(feed.atom1(), { headers: { 'Content-Type': 'application/atom+xml; charset=utf-8', 'Cache-Control': 'public, max-age=60' } });
};

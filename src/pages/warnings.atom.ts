/**
 * Atom feed (RFC 4287, built with the `feed` library) of what the district publishes as it happens:
 * risk warnings and black/white list changes (an approved list decision appears here
 * within a second, through the change notices that purge the cached copy).
 */
import type { APIRoute } from 'astro';
import { Feed } from 'feed';
import { listHistory } from '../../db/queries/registry/lists';
import { publishedWarnings } from '../../db/queries/registry/publications';
import { t } from '../i18n';
import { label } from '../i18n/labels';
import { cachePublic } from '../server/http/page-cache';

export const GET: APIRoute = async (context) => {
  const { locals, url } = context;
  const [warnings, listEvents] = await Promise.all([publishedWarnings(locals.readDb, locals.today, 50), listHistory(locals.readDb, locals.today, 50)]);
  cachePublic(context, ['warnings', 'lists']);
  const origin = url.origin;
  const updated = warnings.reduce<Date>((max, w) => (w.updatedAt > max ? w.updatedAt : max), new Date(`${locals.today}T00:00:00+08:00`));
  const feed = new Feed({
    title: `${t('site.short')} · ${t('feed.title')}`,
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
  for (const e of listEvents) {
    const what = `${e.kind === 'added' ? '列入' : '移出'}${label('list', e.entry.list)}`;
    feed.addItem({
      title: `[${what}] ${e.entry.name}`,
      id: `${origin}/lists#decision-${e.entry.id}-${e.kind}`,
      link: `${origin}/institutions/${e.entry.creditCode}`,
      description: e.kind === 'added' ? `理由：${e.entry.reason}（依据：${e.entry.legalBasis}）` : `移出理由：${e.entry.removalReason ?? '—'}`,
      date: new Date(`${e.date}T09:00:00+08:00`),
    });
  }
  return new Response(feed.atom1(), { headers: { 'Content-Type': 'application/atom+xml; charset=utf-8', 'Cache-Control': 'public, max-age=60' } });
};

/**
 * What a visitor sees on an institution's profile (getInstitutionProfile) and on the black and
 * white lists (currentList, searchCurrentLists, listHistory), with the rows of tests/fixtures/profile-and-lists.ts.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { getInstitutionProfile } from '../../../db/queries/registry/institutions';
import { currentList, listHistory, listYears, searchCurrentLists } from '../../../db/queries/registry/lists';
import { fundSupervision, inspections, modelContracts, promises, riskWarnings, warningInstitutions } from '../../../db/schema';
import { addDays } from '../../../src/domain/shared/dates';
import { TODAY } from '../../fixtures/institutions';
import {
  CONTRACTS,
  CURRENT_LISTS,
  FUNDS,
  HISTORY,
  INSPECTIONS,
  LIST_INSTITUTIONS,
  NEIGHBOUR,
  PROFILED,
  PROMISES,
  WARNINGS,
} from '../../fixtures/profile-and-lists';
import { forEachDriver } from '../../support/db-harness';
import { insertInstitutions } from '../../support/insert-fixtures';

const day = (offset: number) => addDays(TODAY, offset);

forEachDriver('institution profile', (t) => {
  beforeAll(async () => {
    const ids = await insertInstitutions(t.db, [PROFILED, NEIGHBOUR]);
    const id = ids.get('profiled')!.id;
    await t.db.insert(inspections).values(
      INSPECTIONS.map((i) => ({
        institutionId: id,
        inspectedOn: day(i.inspected),
        kind: 'regular',
        department: 'culture',
        checkedItems: ['premises_safety', 'promised_service'],
        findings: i.findings,
        result: i.result,
        published: i.published,
        publishedOn: i.published ? day(i.inspected + 3) : null,
      })),
    );
    await t.db.insert(promises).values(
      PROMISES.map((p) => ({
        institutionId: id,
        fees: p.fees,
        chargingMethod: '按月收费',
        prepaidCapMonths: 3,
        prepaidCapHours: 60,
        prepaidCapYuan: 5000,
        refundPolicy: '未上课时全额退还',
        classEndTime: '20:00',
        staffStatement: '授课人员均具备资格',
        madeOn: day(p.made),
      })),
    );
    await t.db.insert(fundSupervision).values(
      FUNDS.map((f) => ({ institutionId: id, custodyKind: f.custodyKind, custodianBank: f.bank, asOf: day(f.asOf) })),
    );
    for (const w of WARNINGS) {
      const [row] = await t.db
        .insert(riskWarnings)
        .values({ title: w.title, body: '—', severity: 'caution', publishedOn: day(w.published), withdrawnOn: w.withdrawn === undefined ? null : day(w.withdrawn) })
        .returning({ id: riskWarnings.id });
      await t.db.insert(warningInstitutions).values({ warningId: row!.id, institutionId: ids.get(w.names)!.id });
    }
    await t.db.insert(modelContracts).values(
      CONTRACTS.map((c) => ({
        code: c.code,
        title: `${c.code} 示范合同`,
        fields: c.fields,
        refundWindow: '—',
        feeSupervision: '—',
        keyClauses: ['—'],
        fileName: `${c.code}.txt`,
        issuedOn: '2021-10-01',
      })),
    );
  });

  const profile = async () => (await getInstitutionProfile(t.db, PROFILED.creditCode!, TODAY))!;

  it('shows the institution and its derived states', async () => {
    const p = await profile();
    expect(p.institution).toMatchObject({ name: PROFILED.name, creditCode: PROFILED.creditCode, fields: ['arts', 'sports'] });
    expect(p.licences.map((l) => l.number)).toEqual(['教民13101077000901号']);
    expect(p.licenceState).toBe('expiring');
    expect(p.listStatus).toBe('white');
    expect(p.decisions.map((d) => [d.list, d.effectiveOn])).toEqual([['white', day(-100)]]);
  });

  it('shows only published inspections, newest first', async () => {
    expect((await profile()).inspections.map((i) => [i.inspectedOn, i.result])).toEqual([
      [day(-30), 'rectify'],
      [day(-200), 'pass'],
    ]);
  });

  it('shows the latest promise and fund arrangement', async () => {
    const p = await profile();
    expect(p.promise?.fees).toBe('新承诺：每课时180元');
    expect(p.fund).toMatchObject({ custodyKind: 'bank_custody', asOf: day(-15) });
  });

  it('shows warnings that name it once published, until withdrawn', async () => {
    expect((await profile()).warnings.map((w) => w.title)).toEqual(['今天发布的提示', '已发布的提示']);
  });

  it('shows the model contracts of its fields', async () => {
    expect((await profile()).contracts.map((c) => c.code)).toEqual(['T-ARTS', 'T-ARTS-SPORTS']);
  });

  it('shows a profile with nothing published as empty, not missing', async () => {
    const p = await getInstitutionProfile(t.db, (await insertInstitutions(t.db, [{ key: 'bare', name: '空白机构' }])).get('bare')!.creditCode, TODAY);
    expect(p).toMatchObject({ licences: [], licenceState: 'none', listStatus: 'none', promise: null, fund: null, inspections: [], warnings: [] });
  });

  it('returns null for an unknown credit code', async () => {
    expect(await getInstitutionProfile(t.db, '91310107MA1A00031F', TODAY)).toBeNull();
  });
});

forEachDriver('black and white lists', (t) => {
  const keyOf = new Map<number, string>();

  beforeAll(async () => {
    for (const [key, { id }] of await insertInstitutions(t.db, LIST_INSTITUTIONS)) keyOf.set(id, key);
  });

  describe('currentList', () => {
    it.each(['white', 'black'] as const)('shows who is on the %s list today, newest placement first', async (list) => {
      const { total, entries } = await currentList(t.db, list, TODAY);
      expect(entries.map((e) => ({ key: keyOf.get(e.institutionId)!, effective: e.effectiveOn }))).toEqual(
        CURRENT_LISTS[list].map((c) => ({ key: c.key, effective: day(c.effective) })),
      );
      expect(entries.every((e) => e.list === list && (e.removedOn === null || e.removedOn > TODAY))).toBe(true);
      expect(total).toBe(CURRENT_LISTS[list].length);
    });

    it('shows an institution on both lists only on the blacklist', async () => {
      const white = await currentList(t.db, 'white', TODAY);
      const black = await currentList(t.db, 'black', TODAY);
      expect(white.entries.map((e) => e.name)).not.toContain('两榜机构');
      expect(black.entries.map((e) => e.name)).toContain('两榜机构');
    });

    it('pages through a list, keeping the total on every page', async () => {
      const pages = await Promise.all([0, 2, 3, 10].map((offset) => currentList(t.db, 'white', TODAY, 2, offset)));
      expect(pages.map((p) => p.entries.map((e) => keyOf.get(e.institutionId)))).toEqual([
        ['white', 'white twice'],
        ['white until tomorrow'],
        [],
        [],
      ]);
      expect(pages.map((p) => p.total)).toEqual([3, 3, 3, 3]);
    });

    it('follows the day: a future placement counts from its effective date', async () => {
      const nextWeek = await currentList(t.db, 'white', day(7));
      expect(nextWeek.entries.map((e) => keyOf.get(e.institutionId))).toEqual(['white from next week', 'white', 'white twice']);
    });
  });

  describe('searchCurrentLists (the /lists page)', () => {
    const keys = async (filter: Parameters<typeof searchCurrentLists>[1]) => {
      const { total, entries } = await searchCurrentLists(t.db, filter, TODAY);
      return { total, keys: entries.map((e) => `${keyOf.get(e.institutionId)}:${e.list}`) };
    };

    it('shows both lists together, newest placement first, an institution on both only as blacklisted', async () => {
      expect(await keys({})).toEqual({
        total: 5,
        keys: ['both lists:black', 'white:white', 'black:black', 'white twice:white', 'white until tomorrow:white'],
      });
    });

    it('finds by part of the name, literally (a % in the search is not a wildcard)', async () => {
      expect(await keys({ q: '白名单' })).toEqual({ total: 3, keys: ['white:white', 'white twice:white', 'white until tomorrow:white'] });
      expect(await keys({ q: '白名单', list: 'black' })).toEqual({ total: 0, keys: [] });
      expect(await keys({ q: '%' })).toEqual({ total: 0, keys: [] });
    });

    it('narrows by the deciding department and by the year of the placement', async () => {
      expect((await keys({ department: 'edu' })).total).toBe(5);
      expect(await keys({ department: 'market' })).toEqual({ total: 0, keys: [] });
      const year = Number(TODAY.slice(0, 4));
      const inYear = [...CURRENT_LISTS.black, ...CURRENT_LISTS.white].filter((c) => day(c.effective).startsWith(String(year)));
      expect((await keys({ year })).total).toBe(inYear.length);
      expect(await keys({ year: year - 5 })).toEqual({ total: 0, keys: [] });
    });

    it('offers the years of the placements in force, newest first', async () => {
      const years = [...new Set([...CURRENT_LISTS.black, ...CURRENT_LISTS.white].map((c) => Number(day(c.effective).slice(0, 4))))].sort((a, b) => b - a);
      expect(await listYears(t.db, TODAY)).toEqual(years);
    });
  });

  describe('listHistory', () => {
    const expected = HISTORY.map((h) => ({ date: day(h.day), kind: h.kind, list: h.list, key: h.key }));
    const events = async (limit?: number) =>
      (await listHistory(t.db, TODAY, limit)).map((e) => ({ date: e.date, kind: e.kind, list: e.entry.list, key: keyOf.get(e.entry.institutionId)! }));

    it('shows placements and removals in date order, newest first, nothing in the future', async () => {
      expect(await events()).toEqual(expected);
    });

    it('shows the latest events when limited', async () => {
      expect(await events(4)).toEqual(expected.slice(0, 4));
    });
  });
});

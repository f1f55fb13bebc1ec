/**
 * Open311 GeoReport v2 against a real database: posting through the one intake path
 * (postServiceRequest → submitComplaint), and the public list (publicRequests + requestJson) with
 * its filters, paging and privacy. The service catalogue, which needs no database, is
 * tests/unit/open311/open311-services.test.ts; route-level HTTP is tests/e2e/open311.spec.ts.
 */
import { eq, sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { publicRequest, publicRequests } from '../../../db/queries/open311/open311';
import { apiClients, complaintContacts, complaints, complaintEvents, institutions } from '../../../db/schema';
import { seedReference } from '../../../db/seed/reference';
import { withCheckCharacter } from '../../../src/domain/registry/credit-code';
import { addDays } from '../../../src/domain/shared/dates';
import { parseOpen311Query } from '../../../src/domain/open311/open311-query';
import { DEPARTMENTS, STREETS } from '../../../src/domain/shared/reference';
import { searchColumns } from '../../../src/domain/registry/search';
import { apiKeyHash } from '../../../src/server/open311/api-keys';
import { OPEN311_BODY_LIMIT, postServiceRequest } from '../../../src/server/open311/open311-intake';
import { serviceDefinitionJson, servicesJson } from '../../../src/server/open311/open311-services';
import { requestJson } from '../../../src/server/open311/open311-shapes';
import { TODAY } from '../../fixtures/complaint-form-errors';
import { requestsProblems } from '../../fixtures/open311-conformance';
import { forEachDriver } from '../../support/db-harness';

const SECRET = 'open311-test-secret-0123456789abcdef';
const KEY = 'open311-db-test-key-active-0123456789abcdef';
const DISABLED_KEY = 'open311-db-test-key-disabled-0123456789abc';
const ENDPOINT = 'http://localhost/open311/v2/requests.json';

const LISTED = { creditCode: '91310107MA1G0ABC1Y', name: '普陀测试英语培训有限公司', address: '上海市普陀区武宁路100号3楼', street: 'changfeng' } as const;
const OTHER = { creditCode: withCheckCharacter('91310107MA1G0ABD2'), name: '普陀测试体育俱乐部', address: '上海市普陀区真北路200号', street: 'zhenru' } as const;

// What the complainant typed: none of it may reach a public answer.
const PRIVATE = {
  phone: '13912345678',
  lastName: '欧阳',
  firstName: '娜娜',
  description: '我叫欧阳娜娜，住在真光新村8号楼，老板跑路了，还欠我两万三千元课时费，请联系13912345678。',
  notListedName: '欧阳家里的小作坊',
  notListedAddress: '真光新村8号楼402室',
};

/** A valid post about the listed institution; `over` replaces or removes (undefined) parameters. */
function params(over: Record<string, string | undefined> = {}): URLSearchParams {
  const base: Record<string, string | undefined> = {
    api_key: KEY,
    service_code: 'prepaid_card',
    description: '老板突然关门跑路了，还有两万多课时费没上完',
    'attribute[credit_code]': LISTED.creditCode,
    'attribute[occurred_on]': '2026-06-01',
    'attribute[money_yuan]': '23000',
    'attribute[filer_role]': 'parent',
    'attribute[consent_to_contact]': 'true',
    'attribute[idempotency_key]': crypto.randomUUID(),
    first_name: '女士',
    last_name: '王',
    phone: '13900001111',
    ...over,
  };
  return new URLSearchParams(Object.entries(base).filter((e): e is [string, string] => e[1] !== undefined));
}

function post(body: URLSearchParams | FormData | string, headers: Record<string, string> = {}): Request {
  const contentType: Record<string, string> = body instanceof URLSearchParams ? { 'content-type': 'application/x-www-form-urlencoded' } : {};
  return new Request(ENDPOINT, { method: 'POST', headers: { ...contentType, ...headers }, body });
}

forEachDriver('Open311 requests', (t) => {
  const options = () => ({ db: t.db, secret: SECRET, today: TODAY });
  const send = async (body: URLSearchParams | FormData | string, headers: Record<string, string> = {}) => {
    const res = await postServiceRequest(post(body, headers), options());
    expect(res.headers.get('content-type')).toBe('application/json; charset=utf-8');
    return { status: res.status, headers: res.headers, body: (await res.json()) as Record<string, unknown>[] };
  };
  const descriptions = (body: Record<string, unknown>[]) => body.map((e) => e.description);

  beforeAll(async () => {
    await seedReference(t.db);
    for (const i of [LISTED, OTHER]) {
      const search = searchColumns(i.name);
      await t.db.insert(institutions).values({
        creditCode: i.creditCode,
        name: i.name,
        formerNames: [],
        fields: ['culture_edu'],
        legalForm: 'for_profit',
        entryPath: 'licence',
        registrationAuthority: 'market',
        supervisingDepartment: 'edu',
        address: i.address,
        street: i.street,
        operatingStatus: 'operating',
        delivery: 'offline',
        registeredOn: addDays(TODAY, -1000),
        asOf: TODAY,
        searchText: search.searchText,
        pinyin: search.pinyin,
        initials: search.initials,
      });
    }
    await t.db.insert(apiClients).values([
      { name: '12345 热线', channel: 'hotline', keyHash: apiKeyHash(KEY) },
      { name: '停用的渠道', channel: 'old', keyHash: apiKeyHash(DISABLED_KEY), active: false },
    ]);
  });

  describe('POST requests.json', () => {
    it('files a complaint through the intake path and answers 201 with the number and access code', async () => {
      const res = await send(params());
      expect(res.status).toBe(201);
      expect(res.body).toHaveLength(1);
      const [answer] = res.body;
      expect(answer).toEqual({
        service_request_id: expect.stringMatching(/^PT-2026-\d{6}$/),
        service_notice: expect.stringMatching(/^投诉已受理。由区商务委牵头办理，答复期限为2026年\d+月\d+日。$/),
        account_id: null,
        access_code: expect.stringMatching(/^[2-9A-HJKMNP-Z]{5}-[2-9A-HJKMNP-Z]{5}$/),
      });
      expect(res.headers.get('location')).toBe(`/open311/v2/requests/${answer!.service_request_id}.json`);
      const [row] = await t.db.select().from(complaints).where(eq(complaints.trackingNumber, answer!.service_request_id as string));
      expect(row).toMatchObject({ channel: 'open311', category: 'prepaid_card', receivedOn: TODAY, moneyYuan: 23000 });
      const [contact] = await t.db.select().from(complaintContacts).where(eq(complaintContacts.complaintId, row!.id));
      expect(contact).toMatchObject({ phone: '13900001111', name: '王女士', consentToContact: true });
    });

    it('answers a replay with the same receipt, and refuses the same key with other content (409)', async () => {
      const body = params();
      const first = await send(body);
      const again = await send(body);
      expect(first.status).toBe(201);
      expect(again.status).toBe(200);
      expect(again.body).toEqual(first.body);
      const changed = new URLSearchParams(body);
      changed.set('attribute[money_yuan]', '99');
      const conflict = await send(changed);
      expect(conflict.status).toBe(409);
      expect(descriptions(conflict.body)[0]).toMatch(/^attribute\[idempotency_key\]：/);
    });

    it('takes the key from the Idempotency-Key header, and refuses a header that disagrees', async () => {
      const key = crypto.randomUUID();
      const body = params({ 'attribute[idempotency_key]': undefined });
      const first = await send(body, { 'Idempotency-Key': key });
      const again = await send(body, { 'Idempotency-Key': key.toUpperCase() });
      expect([first.status, again.status]).toEqual([201, 200]);
      expect(again.body[0]!.service_request_id).toBe(first.body[0]!.service_request_id);
      const [row] = await t.db.select({ key: complaints.idempotencyKey }).from(complaints).where(eq(complaints.trackingNumber, first.body[0]!.service_request_id as string));
      expect(row!.key).toBe(key);
      const mismatch = await send(params(), { 'Idempotency-Key': crypto.randomUUID() });
      expect(mismatch.status).toBe(400);
      expect(descriptions(mismatch.body)[0]).toMatch(/^Idempotency-Key：/);
      const malformed = await send(params(), { 'Idempotency-Key': 'not-a-uuid' });
      expect(malformed.status).toBe(400);
    });

    it('makes a key when none is sent, so each such post is a new complaint', async () => {
      const body = params({ 'attribute[idempotency_key]': undefined });
      const a = await send(body);
      const b = await send(body);
      expect([a.status, b.status]).toEqual([201, 201]);
      expect(a.body[0]!.service_request_id).not.toBe(b.body[0]!.service_request_id);
    });

    it('names the Open311 parameter in every validation error', async () => {
      const res = await send(params({ service_code: 'noise', phone: undefined, 'attribute[filer_role]': 'mayor' }));
      expect(res.status).toBe(400);
      expect(res.body.every((e) => e.code === 400)).toBe(true);
      expect(descriptions(res.body)).toEqual([
        'service_code：所选的问题类别无效，请从列表中选择。',
        'attribute[filer_role]：所选的身份无效，请从家长或学员、居民、场所业主、机构工作人员或其他中选择。',
        'phone：请填写手机号码，处理部门需要时会联系您。',
      ]);
      const unknown = await send(params({ 'attribute[credit_code]': withCheckCharacter('91310107MA1G0ABE3') }));
      expect(unknown.status).toBe(400);
      expect(descriptions(unknown.body)[0]).toMatch(/^attribute\[credit_code\]：/);
      const notListed = await send(params({ 'attribute[credit_code]': undefined }));
      expect(descriptions(notListed.body)).toEqual([
        expect.stringMatching(/^attribute\[institution_name\]：/),
        expect.stringMatching(/^address_string：/),
        expect.stringMatching(/^attribute\[street\]：/),
      ]);
    });

    it('reads attribute[occurred_on] given as a date-time as its day in Shanghai', async () => {
      const res = await send(params({ 'attribute[occurred_on]': '2026-05-31T17:30:00Z' }));
      expect(res.status).toBe(201);
      const [row] = await t.db.select({ on: complaints.occurredOn }).from(complaints).where(eq(complaints.trackingNumber, res.body[0]!.service_request_id as string));
      expect(row!.on).toBe('2026-06-01');
    });

    it('refuses a missing key (401), and an unknown or disabled key (403) alike', async () => {
      const missing = await send(params({ api_key: undefined }));
      expect(missing.status).toBe(401);
      expect(descriptions(missing.body)[0]).toMatch(/^api_key：/);
      const unknown = await send(params({ api_key: 'no-such-key-0123456789abcdef0123456789' }));
      const disabled = await send(params({ api_key: DISABLED_KEY }));
      expect([unknown.status, disabled.status]).toEqual([403, 403]);
      expect(disabled.body).toEqual(unknown.body);
      const inQuery = await postServiceRequest(
        new Request(`${ENDPOINT}?api_key=${encodeURIComponent(KEY)}`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: params({ api_key: undefined }) }),
        options(),
      );
      expect(inQuery.status).toBe(201);
    });

    it('tells a refused key so before anything about the form, and lets it replay nothing', async () => {
      const bad = await send(params({ api_key: DISABLED_KEY, 'attribute[filer_role]': 'nobody', phone: '123' }));
      expect(bad.status).toBe(403);
      expect((await send(params({ api_key: undefined, phone: '123' }))).status).toBe(401);
      // A post the good key filed, sent again under the disabled key: refused, not answered as a replay.
      const key = crypto.randomUUID();
      const filed = await send(params({ 'attribute[idempotency_key]': key }));
      expect(filed.status).toBe(201);
      const replay = await send(params({ 'attribute[idempotency_key]': key, api_key: DISABLED_KEY }));
      expect(replay.status).toBe(403);
      expect(JSON.stringify(replay.body)).not.toContain(filed.body[0]!.service_request_id as string);
    });

    it('accepts multipart/form-data, refuses other content types (415) and bodies over 64 KB (413)', async () => {
      const form = new FormData();
      for (const [k, v] of params()) form.append(k, v);
      expect((await send(form)).status).toBe(201);
      const asJson = await send(JSON.stringify(Object.fromEntries(params())), { 'content-type': 'application/json' });
      expect(asJson.status).toBe(415);
      const big = await send(params({ description: 'x'.repeat(OPEN311_BODY_LIMIT) }));
      expect(big.status).toBe(413);
    });
  });

  describe('GET requests.json', () => {
    const filed: string[] = [];

    beforeAll(async () => {
      await t.db.execute(sql`truncate complaints restart identity cascade`);
      // Five complaints received a day apart, oldest first; the third is closed.
      const bodies = [
        params({ service_code: 'fees_refund' }),
        params({ service_code: 'fire_safety', 'attribute[credit_code]': OTHER.creditCode }),
        params({ service_code: 'fees_refund' }),
        params({
          service_code: 'crime',
          'attribute[credit_code]': undefined,
          'attribute[institution_name]': PRIVATE.notListedName,
          address_string: PRIVATE.notListedAddress,
          'attribute[street]': 'zhenru',
          description: PRIVATE.description,
          phone: PRIVATE.phone,
          last_name: PRIVATE.lastName,
          first_name: PRIVATE.firstName,
        }),
        params({ service_code: 'other' }),
      ];
      for (const [n, body] of bodies.entries()) {
        const res = await send(body);
        expect(res.status).toBe(201);
        const number = res.body[0]!.service_request_id as string;
        filed.push(number);
        await t.db.update(complaints).set({ receivedAt: new Date(`2026-06-${String(10 + n).padStart(2, '0')}T09:00:00+08:00`) }).where(eq(complaints.trackingNumber, number));
      }
      const [closed] = await t.db
        .update(complaints)
        .set({ status: 'closed', result: 'substantiated', closedAt: new Date('2026-06-20T10:00:00+08:00') })
        .where(eq(complaints.trackingNumber, filed[2]!))
        .returning({ id: complaints.id });
      await t.db.insert(complaintEvents).values({ complaintId: closed!.id, kind: 'closed', at: new Date('2026-06-20T10:00:00+08:00'), data: { result: 'substantiated' } });
      // The received events were written "now"; put them back on the receipt day. The timeline is
      // append-only (migration 0005), so the test lifts the guard for this back-dating only.
      await t.db.execute(sql`alter table complaint_events disable trigger complaint_events_append_only`);
      await t.db.execute(sql`update complaint_events e set at = c.received_at from complaints c where c.id = e.complaint_id and e.kind = 'received'`);
      await t.db.execute(sql`alter table complaint_events enable trigger complaint_events_append_only`);
    });

    const list = async (query: string) => {
      const parsed = parseOpen311Query(new URLSearchParams(query));
      if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
      const page = await publicRequests(t.db, parsed.value);
      return { total: page.total, items: page.items.map(requestJson) };
    };
    const ids = (items: { service_request_id: string }[]) => items.map((i) => i.service_request_id);

    it('lists newest first, every item conforming to request.json', async () => {
      const { total, items } = await list('');
      expect(total).toBe(5);
      expect(ids(items)).toEqual([...filed].reverse());
      expect(requestsProblems(items)).toEqual([]);
    });

    it('filters by ids, service code, status and dates', async () => {
      expect(ids((await list(`service_request_id=${filed[0]},${filed[3]!.toLowerCase()}`)).items)).toEqual([filed[3], filed[0]]);
      expect(ids((await list('service_code=fees_refund')).items)).toEqual([filed[2], filed[0]]);
      expect(ids((await list('status=closed')).items)).toEqual([filed[2]]);
      expect((await list('status=open')).total).toBe(4);
      expect(ids((await list('start_date=2026-06-11T09:00:00%2B08:00&end_date=2026-06-12')).items)).toEqual([filed[2], filed[1]]);
      expect(ids((await list('start_date=2026-06-13T01:00:00Z')).items)).toEqual([filed[4], filed[3]]);
      expect(ids((await list('end_date=2026-06-10T09:00:00')).items)).toEqual([filed[0]]);
    });

    it('pages with page and page_size', async () => {
      const second = await list('page=2&page_size=2');
      expect(second.total).toBe(5);
      expect(ids(second.items)).toEqual([filed[2], filed[1]]);
      expect((await list('page=4&page_size=2')).items).toEqual([]);
    });

    it('refuses bad filters with one Open311 error per parameter', () => {
      const parsed = parseOpen311Query(new URLSearchParams('status=pending&page_size=500&start_date=yesterday&service_request_id=PT-2026-1'));
      expect(parsed).toEqual({
        ok: false,
        errors: [
          { code: 400, description: expect.stringMatching(/^service_request_id：/) },
          { code: 400, description: expect.stringMatching(/^start_date：/) },
          { code: 400, description: 'status：应为 open 或 closed。' },
          { code: 400, description: 'page_size：应为1到100之间的整数。' },
        ],
      });
      expect(parseOpen311Query(new URLSearchParams('start_date=2026-06-12&end_date=2026-06-11'))).toMatchObject({ ok: false, errors: [{ description: 'end_date：不能早于 start_date。' }] });
    });

    it('publishes only public fields: registry name and address, lead department, due date at 18:00', async () => {
      const listed = requestJson((await publicRequest(t.db, filed[1]!))!);
      const [row] = await t.db.select({ dueOn: complaints.dueOn, lead: complaints.routeLead }).from(complaints).where(eq(complaints.trackingNumber, filed[1]!));
      expect(listed).toEqual({
        service_request_id: filed[1],
        status: 'open',
        status_notes: '已受理，等待派单。',
        service_name: '消防安全隐患',
        service_code: 'fire_safety',
        description: `关于${OTHER.name}的消防安全隐患投诉`,
        agency_responsible: DEPARTMENTS.fire.name,
        service_notice: expect.stringContaining(`由${DEPARTMENTS.fire.name}牵头办理`),
        requested_datetime: '2026-06-11T09:00:00+08:00',
        updated_datetime: '2026-06-11T09:00:00+08:00',
        expected_datetime: `${row!.dueOn}T18:00:00+08:00`,
        address: OTHER.address,
        address_id: null,
        zipcode: null,
        lat: null,
        long: null,
        media_url: null,
      });
      expect(row!.lead).toBe('fire');
      const closed = requestJson((await publicRequest(t.db, filed[2]!))!);
      expect(closed).toMatchObject({ status: 'closed', status_notes: '已办结，办理结果：属实。', updated_datetime: '2026-06-20T10:00:00+08:00' });
      const notListed = requestJson((await publicRequest(t.db, filed[3]!))!);
      expect(notListed).toMatchObject({ description: '关于未在名录中的机构的涉嫌犯罪（诈骗、卷款跑路等）投诉', address: STREETS.zhenru });
      expect(await publicRequest(t.db, 'PT-2026-999999')).toBeNull();
    });

    it('never publishes the phone, name, description or the typed institution of a complaint', async () => {
      const answers = [
        (await list('')).items,
        (await list(`service_request_id=${filed[3]}`)).items,
        (await list('service_code=crime&status=open')).items,
        [requestJson((await publicRequest(t.db, filed[3]!))!)],
        servicesJson(),
        serviceDefinitionJson('crime'),
      ];
      const text = JSON.stringify(answers);
      expect(text).toContain(filed[3]);
      const secrets = [PRIVATE.phone, PRIVATE.lastName, PRIVATE.firstName, PRIVATE.description, PRIVATE.notListedName, PRIVATE.notListedAddress, '真光新村', '13900001111', '王女士'];
      for (const secret of secrets) expect(text, secret).not.toContain(secret);
      expect(text).not.toContain(PRIVATE.description.slice(0, 10));
    });
  });
});

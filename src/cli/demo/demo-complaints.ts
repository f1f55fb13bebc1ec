/**
 * Demo complaints, so the staff area of a fresh demo shows queues, deadlines and figures: filed
 * through the real intake over the last weeks and moved through the real case service by the demo
 * accounts (dispatch on the suggested route, accept, reply, close). Deterministic for a seed.
 * Only ever run on a database that holds generated demo data (src/cli/setup.ts).
 *
 * Like a district that mostly keeps its deadlines: about 15% of the complaints (OVERDUE_SHARE)
 * stall after dispatch and are overdue today; the other old ones were answered on time; those not
 * yet due wait in every state of the queue.
 */
import { randomUUID } from 'node:crypto';
import { asc, eq } from 'drizzle-orm';
import { parseComplaintForm } from '../../domain/complaints/complaint-form';
import { addDays, type IsoDate } from '../../domain/shared/dates';
import { actOnCase } from '../../server/cases/case-actions';
import { loadCaseForStaff } from '../../server/cases/case-view';
import { submitComplaint } from '../../server/complaints/complaint-intake';
import { appSecret } from '../../server/shared/secret';
import type { StaffActor } from '../../domain/staff/staff-roles';
import type { Db } from '../../../db/client';
import { actorFromUser, listStaffUsers } from '../../../db/queries/staff/staff';
import { complaints, institutions } from '../../../db/schema';
import { createRng } from '../../../db/seed/random';

/** What parents typically write, with the category they choose. */
const STORIES: readonly { category: string; text: string; money?: number }[] = [
  { category: 'prepaid_card', text: '机构突然停课，前台说老板联系不上，我们还有四十多节课没上，预交了一万二千元。', money: 12000 },
  { category: 'fees_refund', text: '报名时说随时可以退费，现在孩子不想上了，机构说只能退一半，还要扣教材费。', money: 3800 },
  { category: 'advertising', text: '宣传单上写“保证提分30分，不提分全额退款”，上了一学期成绩没变化，机构不认账。' },
  { category: 'fire_safety', text: '教室在二楼，安全出口被桌椅堵住，走廊里电动车充电，孩子上课很不放心。' },
  { category: 'staff_qualification', text: '给孩子上课的老师说不出自己有什么资格证，机构也不肯出示。' },
  { category: 'residential_use', text: '楼下住宅里开了培训班，每天晚上很多孩子进出，楼道噪音很大，也不知道有没有证。' },
  { category: 'unlicensed', text: '小区门口有人发传单招生，说是学科辅导，查不到这个机构的办学许可证。' },
  { category: 'consumer_loan', text: '课程顾问劝我们办分期贷款交学费，说不用利息，后来发现每月都有手续费。', money: 18000 },
];

const FILERS = ['parent', 'parent', 'parent', 'resident', 'landlord'] as const;

/** Share of the demo complaints left overdue today (issue 16: 10–20%, not 80%). */
export const OVERDUE_SHARE = 0.15;

/** A complaint filed this long ago is past its deadline whatever its category and the holidays. */
const SURELY_DUE_DAYS = 21;

/** Departments with a demo handler account (db/seed/staff.ts), who can answer a case they lead. */
function answerable(story: (typeof STORIES)[number], handlers: ReadonlySet<string>): boolean {
  // Categories whose lead does not depend on the institution's field (routing-table.ts).
  const fixed: Record<string, string> = { prepaid_card: 'commerce', fees_refund: 'market', advertising: 'market', fire_safety: 'fire' };
  return fixed[story.category] !== undefined && handlers.has(fixed[story.category]!);
}

export interface DemoComplaintsSummary {
  filed: number;
  moved: number;
}

export async function seedDemoComplaints(db: Db, count: number, seed: number, today: IsoDate): Promise<DemoComplaintsSummary> {
  if (count === 0) return { filed: 0, moved: 0 };
  const rng = createRng(seed);
  rng.reseed(seed, 91);
  const secret = await appSecret(db);
  const insts = await db.select({ code: institutions.creditCode }).from(institutions).orderBy(asc(institutions.id)).limit(400);
  const staff = new Map<string, StaffActor>();
  for (const u of await listStaffUsers(db)) {
    const a = actorFromUser(u);
    if (a) staff.set(u.username, a);
  }
  const dispatcher = staff.get('dispatcher');
  const handlerOf = (department: string) => [...staff.values()].find((a) => a.role === 'handler' && a.department === department);
  const handlers = new Set([...staff.values()].filter((a) => a.role === 'handler' && a.department).map((a) => a.department!));
  const answerableStories = STORIES.filter((s) => answerable(s, handlers));

  // Spread over the last eight weeks, oldest first; the stalled ones are spread evenly over the
  // complaints that are surely past their deadline.
  const days = Array.from({ length: count }, (_, n) => addDays(today, -Math.round(((count - n) / count) * 56)));
  const old = days.flatMap((on, n) => (on < addDays(today, -SURELY_DUE_DAYS) ? [n] : []));
  const target = Math.min(old.length, Math.round(count * OVERDUE_SHARE));
  const stalled = new Set(old.filter((_, i) => Math.floor(((i + 1) * target) / old.length) > Math.floor((i * target) / old.length)));

  let filed = 0;
  let moved = 0;
  let waiting = 0;
  for (let n = 0; n < count; n++) {
    const on = days[n]!;
    // A complaint that will be answered goes to a department with a demo handler to answer it.
    const pool = stalled.has(n) || answerableStories.length === 0 ? STORIES : answerableStories;
    const story = rng.pick(pool);
    const form = parseComplaintForm(
      {
        creditCode: insts.length ? rng.pick(insts).code : undefined,
        category: story.category,
        description: story.text,
        occurredOn: addDays(on, -rng.int(1, 20)),
        moneyYuan: story.money ? String(story.money) : '',
        filerRole: rng.pick(FILERS),
        phone: `139${rng.digits(8)}`,
        consentToContact: 'on',
        idempotencyKey: randomUUID(),
      },
      on,
    );
    if (!form.ok) throw new Error(`demo complaint ${n} is invalid: ${JSON.stringify(form.errors)}`);
    const r = await submitComplaint(form.value, { db, secret, today: on, channel: 'web', ip: null, limitPhone: false });
    if (r.kind !== 'accepted') throw new Error(`demo complaint ${n} was not accepted: ${r.kind}`);
    filed++;
    // The intake stamps the clock; the demo's story happens on its own days.
    await db.update(complaints).set({ receivedAt: new Date(`${on}T09:30:00+08:00`) }).where(eq(complaints.trackingNumber, r.trackingNumber));
    // Stalled: dispatched (some accepted) and never answered. Due: answered on time, most closed.
    // Not yet due: waiting in the queue, received, dispatched or accepted in turn.
    const stage = stalled.has(n) ? rng.int(1, 2) : r.dueOn < today ? (rng.chance(0.7) ? 4 : 3) : waiting++ % 3;
    if (stage === 0 || !dispatcher) continue;
    const view = await loadCaseForStaff(db, dispatcher, r.trackingNumber, on);
    if (!view) continue;
    const lead = handlerOf(view.suggested.lead);
    const helpers = view.suggested.assisting.map(handlerOf);
    // The answer comes two to four days after filing, never after the due day (or today). An
    // assisting department without a demo account never gives its part, so the lead answers on the
    // due day, once the assisting deadline (a working day earlier) has passed.
    const early = helpers.every(Boolean) ? addDays(on, rng.int(2, 4)) : r.dueOn;
    const replyOn = [early, r.dueOn, today].sort()[0]!;
    const acceptOn = addDays(on, 1) < replyOn ? addDays(on, 1) : replyOn;
    const steps: [StaffActor | undefined, Record<string, unknown>, IsoDate][] = [[dispatcher, { type: 'dispatch', lead: view.suggested.lead, assisting: view.suggested.assisting }, on]];
    if (stage >= 2) steps.push([lead, { type: 'accept' }, acceptOn]);
    if (stage >= 3) for (const h of helpers) if (h) steps.push([h, { type: 'contribute', text: '经核查，本部门意见已提供牵头部门，同意其处理意见。' }, acceptOn]);
    if (stage >= 3) steps.push([lead, { type: 'reply', text: '经核查，已约谈机构负责人，责令其按约定办理退费并整改宣传内容。' }, replyOn]);
    if (stage >= 4) steps.push([lead, { type: 'close', result: rng.pick(['substantiated', 'partly_substantiated', 'not_substantiated'] as const) }, addDays(replyOn, 1) > today ? today : addDays(replyOn, 1)]);
    for (const [actor, input, when] of steps) {
      if (!actor) break;
      const out = await actOnCase(db, actor, r.trackingNumber, input, when);
      if (out.kind !== 'done') break;
      if (input.type === 'reply') await db.update(complaints).set({ answeredAt: new Date(`${when}T16:00:00+08:00`) }).where(eq(complaints.trackingNumber, r.trackingNumber));
      if (input.type === 'close') await db.update(complaints).set({ closedAt: new Date(`${when}T17:00:00+08:00`) }).where(eq(complaints.trackingNumber, r.trackingNumber));
      moved++;
    }
  }
  return { filed, moved };
}

/**
 * Demo complaints, so the staff area of a fresh demo shows queues, deadlines and figures: filed
 * through the real intake over the last weeks and moved through the real case service by the demo
 * accounts (dispatch on the suggested route, accept, reply, close). Deterministic for a seed.
 * Only ever run on a database that holds generated demo data (src/cli/setup.ts).
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
  let filed = 0;
  let moved = 0;
  for (let n = 0; n < count; n++) {
    const story = rng.pick(STORIES);
    // Spread over the last eight weeks, oldest first, so some are overdue and some fresh.
    const on = addDays(today, -Math.round(((count - n) / count) * 56));
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
    // The newest stay in the dispatcher's queue; older ones have moved on by now.
    const stage = n < count * 0.75 ? rng.int(1, 4) : 0;
    if (stage === 0 || !dispatcher) continue;
    const view = await loadCaseForStaff(db, dispatcher, r.trackingNumber, on);
    if (!view) continue;
    const steps: [StaffActor | undefined, Record<string, unknown>, number][] = [[dispatcher, { type: 'dispatch', lead: view.suggested.lead, assisting: view.suggested.assisting }, 1]];
    const lead = [...staff.values()].find((a) => a.role === 'handler' && a.department === view.suggested.lead);
    if (stage >= 2) steps.push([lead, { type: 'accept' }, 2]);
    if (stage >= 3) steps.push([lead, { type: 'reply', text: '经核查，已约谈机构负责人，责令其按约定办理退费并整改宣传内容。' }, 4]);
    if (stage >= 4) steps.push([lead, { type: 'close', result: rng.pick(['substantiated', 'partly_substantiated', 'not_substantiated'] as const) }, 5]);
    for (const [actor, input, days] of steps) {
      if (!actor) break;
      const when = addDays(on, days) > today ? today : addDays(on, days);
      const out = await actOnCase(db, actor, r.trackingNumber, input, when);
      if (out.kind !== 'done') break;
      if (input.type === 'reply') await db.update(complaints).set({ answeredAt: new Date(`${when}T16:00:00+08:00`) }).where(eq(complaints.trackingNumber, r.trackingNumber));
      if (input.type === 'close') await db.update(complaints).set({ closedAt: new Date(`${when}T17:00:00+08:00`) }).where(eq(complaints.trackingNumber, r.trackingNumber));
      moved++;
    }
  }
  return { filed, moved };
}

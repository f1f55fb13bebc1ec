/**
 * Acting on a case: parse the form, lock the case, check that the actor may see it,
 * ask `decide` (case-machine.ts), and only then write the change, its events and an audit row,
 * all in one transaction. The row lock (SELECT ... FOR UPDATE) makes a second person acting at
 * the same moment wait and then decide on the state the first one left, so two staff cannot both
 * accept, reply or close on a stale state. A refusal or an invisible case writes nothing.
 */
import type { Db } from '../../../db/client';
import { contributionsOf, lockCases, whistlesOf, type CaseRow } from '../../../db/queries/cases/cases';
import { accessFacts, caseFacts } from '../../domain/cases/case-facts';
import { parseCaseAction, type ParsedCaseAction } from '../../domain/cases/case-form';
import { openPlaceholders } from '../../domain/cases/reply-templates';
import { formatTrackingNumber, parseTrackingNumber } from '../../domain/complaints/tracking';
import { decide, type CaseActor, type CaseFacts, type CaseStatus } from '../../domain/cases/case-machine';
import type { IsoDate } from '../../domain/shared/dates';
import { canSeeCase } from '../../domain/cases/case-access';
import type { StaffActor } from '../../domain/staff/staff-roles';
import { writeAudit } from '../staff/audit';
import { applyAction, type ActionContext } from './case-effects';
import type { FieldError } from '../../domain/shared/form-fields';

export type ActOutcome =
  | { kind: 'done'; status: CaseStatus; message: string }
  | { kind: 'not_found' }
  | { kind: 'refused'; message: string }
  | { kind: 'invalid'; errors: FieldError[] };

/** Who acts and how the timeline names them. */
interface Acting {
  actor: CaseActor;
  staff: StaffActor | null;
}

async function run(db: Db, acting: Acting, trackingNumber: string, parsed: ParsedCaseAction, today: IsoDate): Promise<ActOutcome> {
  return db.transaction(async (txRaw) => {
    const tx = txRaw as unknown as Db;
    // A loosely typed number ("2026-123", lower case) names the same case as its canonical form.
    if (parsed.ok && parsed.value.type === 'mark_duplicate') {
      const n = parseTrackingNumber(parsed.value.of);
      if (n) parsed.value.of = formatTrackingNumber(n.year, n.sequence);
    }
    const target = parsed.ok && parsed.value.type === 'mark_duplicate' ? parsed.value.of : null;
    const locked = await lockCases(tx, target && target !== trackingNumber ? [trackingNumber, target] : [trackingNumber]);
    const c = locked.find((r) => r.trackingNumber === trackingNumber);
    if (!c) return { kind: 'not_found' };

    const whistles = await whistlesOf(tx, c.id);
    const visible = (row: CaseRow, ws: typeof whistles) =>
      acting.staff === null || canSeeCase(acting.staff, accessFacts(row, ws.flatMap((w) => w.reports.map((r) => r.department))));
    // Visibility first: a case the actor may not see is "not found", whatever was posted.
    if (!visible(c, whistles)) return { kind: 'not_found' };
    if (!parsed.ok) return { kind: 'invalid', errors: parsed.errors };
    const action = parsed.value;
    if (action.type === 'whistle' && action.reportBy < today) {
      return { kind: 'invalid', errors: [{ field: 'reportBy', message: '报到时间不能早于今天。' }] };
    }

    const contributions = await contributionsOf(tx, c.id);
    const facts: CaseFacts = caseFacts(c, contributions, whistles, today);
    let duplicateTarget: CaseRow | null = null;
    if (action.type === 'mark_duplicate') {
      const t = action.of === trackingNumber ? c : (locked.find((r) => r.trackingNumber === action.of) ?? null);
      // A case the dispatcher could not open does not exist for this purpose either.
      duplicateTarget = t && (t === c || visible(t, await whistlesOf(tx, t.id))) ? t : null;
      facts.duplicateTarget = duplicateTarget ? { status: duplicateTarget.status as CaseStatus, sameCase: duplicateTarget.id === c.id } : null;
    }

    // Missing text the actor may give is a field error (shown at the field), not a refusal.
    if (action.type === 'dispatch' && !action.reason && decide(facts, { ...action, reason: '-' }, acting.actor).ok && !decide(facts, action, acting.actor).ok) {
      return { kind: 'invalid', errors: [{ field: 'reason', message: '改派的部门与系统建议不同，请填写改派理由。' }] };
    }
    if (action.type === 'reply' && openPlaceholders(action.text).length > 0) {
      return { kind: 'invalid', errors: [{ field: 'text', message: `答复中还有未填写的内容：${openPlaceholders(action.text).join('、')}。请补全后再发送。` }] };
    }
    const decision = decide(facts, action, acting.actor);
    if (!decision.ok) return { kind: 'refused', message: decision.message };

    const ctx: ActionContext = { tx, c, facts, staff: acting.staff, today, now: new Date(), decision, duplicateTarget };
    const applied = await applyAction(ctx, action);
    if (applied.kind === 'refused') return applied;
    if (acting.staff) {
      await writeAudit(tx, {
        actor: acting.staff,
        action: `case.${action.type}`,
        objectType: 'case',
        objectId: c.trackingNumber,
        detail: { from: c.status, to: decision.status, ...applied.audit },
      });
    }
    return { kind: 'done', status: decision.status, message: applied.message };
  });
}

/**
 * Applies one action of a staff member to a case. `input` is the raw form (FormData, or an object
 * of strings / string arrays, or JSON) including `type`. Not visible → not_found; bad input →
 * invalid (field messages); not allowed now → refused (the rule's message); nothing is written
 * unless the outcome is 'done'.
 */
export async function actOnCase(db: Db, actor: StaffActor, trackingNumber: string, input: unknown, today: IsoDate): Promise<ActOutcome> {
  return run(db, { actor: { kind: 'staff', staff: actor }, staff: actor }, trackingNumber, parseCaseAction(input), today);
}

/**
 * The complainant's answer to a request for more information, from the public tracking page
 * (which has checked the access code itself). The case's clock restarts and its deadline moves
 * by the working days it waited.
 */
export async function addInfoFromComplainant(db: Db, trackingNumber: string, text: string, today: IsoDate): Promise<ActOutcome> {
  return run(db, { actor: { kind: 'complainant' }, staff: null }, trackingNumber, parseCaseAction({ type: 'info_received', text }), today);
}

/**
 * The patrol report form (src/pages/staff/patrol.astro) on the server. Post/redirect/get (STYLE.md
 * habit 2): a filed report redirects to /staff/patrol?filed=<number>, which shows the number to the
 * account that filed it; anything else shows the form again with the values typed and one message
 * per field. The form carries an idempotency key, kept when the form is shown again, so a retried
 * post (a lost response, a double click) finds the report it already made instead of filing twice.
 *
 * No captcha and no rate limit per address: only a signed-in grid staff account gets here.
 */
import { randomUUID } from 'node:crypto';
import { institutionNameByCode } from '../../../db/queries/registry/institutions';
import { isValidCreditCode, normaliseCreditCode } from '../../domain/registry/credit-code';
import type { IsoDate } from '../../domain/shared/dates';
import { checkboxValue, type FieldError } from '../../domain/shared/form-fields';
import { parsePatrolReport, PATROL_FORM_FIELDS, type PatrolFiler } from '../../domain/complaints/patrol-report';
import type { StaffActor } from '../../domain/staff/staff-roles';
import { writeAudit } from '../staff/audit';
import { submitComplaint } from './complaint-intake';
import { MAX_BODY_BYTES } from './complaint-form-handler';
import { readFormBody } from '../http/body';
import { appSecret } from '../shared/secret';

export const PATROL_PATH = '/staff/patrol';

export interface PatrolFormView {
  values: Record<string, string>;
  errors: FieldError[];
  /** About the whole post rather than a field (a reused form). */
  notice: string | null;
  institutionName: string | null;
  idempotencyKey: string;
}

export type PatrolPostResult =
  | { kind: 'redirect'; location: string }
  | { kind: 'too_large' }
  | { kind: 'form'; status: 400 | 409 | 503; view: PatrolFormView };

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The filer of this account's reports, or null for an account that is not grid staff of a street. */
export function patrolFiler(staff: StaffActor): PatrolFiler | null {
  return staff.role === 'grid' && staff.street ? { staffId: staff.id, street: staff.street } : null;
}

/** A fresh form: found today. */
export function blankPatrolForm(today: IsoDate): PatrolFormView {
  return { values: { occurredOn: today }, errors: [], notice: null, institutionName: null, idempotencyKey: randomUUID() };
}

/** Handles a POST of the form by `filer` (signed in as `staff`). */
export async function handlePatrolPost(ctx: { request: Request; locals: App.Locals }, staff: StaffActor, filer: PatrolFiler): Promise<PatrolPostResult> {
  const body = await readFormBody(ctx.request, MAX_BODY_BYTES);
  if (body.kind === 'too_large') return { kind: 'too_large' };
  const raw: Record<string, string> = body.kind === 'ok' || body.kind === 'bad_text' ? body.values : {};
  const { db, today } = ctx.locals;
  const values = keptValues(raw);
  const submittedKey = UUID.test(raw.idempotencyKey ?? '') ? raw.idempotencyKey! : null;
  const again = async (status: 400 | 409, errors: FieldError[], notice: string | null = null, key = submittedKey ?? randomUUID()) =>
    ({ kind: 'form', status, view: { values, errors, notice, idempotencyKey: key, institutionName: await knownName(ctx.locals.db, values) } }) as const;

  if (body.kind === 'bad_text') return again(400, [{ field: body.field, message: body.message }]);
  const parsed = parsePatrolReport(raw, today, filer);
  if (!parsed.ok) return again(400, parsed.errors);

  const outcome = await submitComplaint(parsed.value, { db, secret: await appSecret(db), today, channel: 'patrol', ip: null, limitPhone: false });
  switch (outcome.kind) {
    case 'accepted':
      if (!outcome.replay) {
        await writeAudit(db, { actor: staff, action: 'case.patrol_report', objectType: 'case', objectId: outcome.trackingNumber, detail: { street: filer.street, category: parsed.value.category } });
      }
      return { kind: 'redirect', location: `${PATROL_PATH}?filed=${encodeURIComponent(outcome.trackingNumber)}` };
    case 'invalid':
      return again(400, outcome.errors);
    case 'conflict':
      // The key already made another report: these values can be filed anew, on a new form.
      return again(409, [], '这张表单已经提交过另一份不同内容的上报。本页已换成新表单并保留了您填写的内容，请核对后重新提交。', randomUUID());
    case 'rate_limited':
      // No limit applies to patrol reports (ip null, no phone); kept for completeness of the switch.
      return again(400, [], '提交过于频繁，请稍后再试。');
    case 'unavailable':
      return {
        kind: 'form',
        status: 503,
        view: {
          values,
          errors: [],
          notice:
            outcome.filed === 'no'
              ? '服务暂时不可用，这份上报尚未提交。填写的内容已保留，请稍等几秒后再次提交。'
              : '服务暂时不可用，无法确认这份上报是否已经提交。请稍等几秒后原样重新提交，不会重复受理。',
          idempotencyKey: parsed.value.idempotencyKey,
          institutionName: null,
        },
      };
    case 'key_refused':
      throw new Error('patrol reports are filed without an API key: no key can be refused');
  }
}

/** The form's own fields as typed; the key travels separately. */
function keptValues(raw: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const field of PATROL_FORM_FIELDS) if (field !== 'idempotencyKey' && typeof raw[field] === 'string') out[field] = raw[field];
  return out;
}

async function knownName(db: App.Locals['db'], values: Record<string, string>): Promise<string | null> {
  const code = normaliseCreditCode(values.creditCode ?? '');
  return !checkboxValue(values.notListed) && isValidCreditCode(code) ? institutionNameByCode(db, code) : null;
}

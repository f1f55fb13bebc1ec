/** GET /api/institutions/<credit code>: the whole public profile. */
import type { APIRoute } from 'astro';
import { getInstitutionProfile } from '../../../../db/queries/institutions';
import { creditCodeProblem, describeCreditCodeProblem, normaliseCreditCode } from '../../../domain/credit-code';
import { t } from '../../../i18n';
import { profileJson } from '../../../server/api-shapes';
import { json, notFound } from '../../../server/json';
import { cachePublic, institutionTag } from '../../../server/page-cache';

export const GET: APIRoute = async (context) => {
  const { params, locals } = context;
  const code = normaliseCreditCode(String(params.code ?? '').slice(0, 64));
  const problem = creditCodeProblem(code);
  if (problem) return notFound('malformed_code', describeCreditCodeProblem(problem));
  const profile = await getInstitutionProfile(locals.db, code, locals.today);
  if (!profile) return notFound('not_found', t('api.error.not_found'));
  cachePublic(context, ['registry', institutionTag(code)]);
  return json({ asOf: locals.today, institution: profileJson(profile, locals.today) });
};

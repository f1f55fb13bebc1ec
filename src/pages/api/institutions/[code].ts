/** GET /api/institutions/<credit code>: the whole public profile. */
import type { APIRoute } from 'astro';
import { getInstitutionProfile } from '../../../../db/queries/registry/institutions';
import { creditCodeProblem, describeCreditCodeProblem, normaliseCreditCode } from '../../../domain/registry/credit-code';
import { t } from '../../../i18n';
import { profileJson } from '../../../server/registry/api-shapes';
import { json, notFound } from '../../../server/http/json';
import { institutionTag } from '../../../domain/shared/cache-tags';
import { cachePublic } from '../../../server/http/page-cache';

export const GET: APIRoute = async (context) => {
  const { params, locals } = context;
  const code = normaliseCreditCode(String(params.code ?? '').slice(0, 64));
  const problem = creditCodeProblem(code);
  if (problem) return notFound('malformed_code', describeCreditCodeProblem(problem));
  const profile = await getInstitutionProfile(locals.readDb, code, locals.today);
  if (!profile) return notFound('not_found', t('api.error.not_found'));
  cachePublic(context, ['registry', institutionTag(code)]);
  return json({ asOf: locals.today, institution: profileJson(profile, locals.today) });
};

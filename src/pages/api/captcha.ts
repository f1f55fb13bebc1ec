/** GET /api/captcha: a fresh proof-of-work challenge for the complaint form's island. */
import type { APIRoute } from 'astro';
import { newPowChallenge } from '../../server/complaints/captcha';
import { json } from '../../server/http/json';
import { appSecret } from '../../server/shared/secret';

export const GET: APIRoute = async ({ locals }) => {
  const challenge = await newPowChallenge(await appSecret(locals.db));
  return json(challenge, 200, { 'Cache-Control': 'no-store' });
};

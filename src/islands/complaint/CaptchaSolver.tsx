/**
 * The proof-of-work captcha (ALTCHA protocol): fetches a challenge from /api/captcha, finds the
 * number with Web Crypto (altcha-lib's solveChallenge), puts the signed solution in the hidden
 * field `altcha` and hides the arithmetic question, which the server then does not need. Where it
 * cannot run (no Web Crypto outside a secure context, offline), the question simply stays.
 */
import { solveChallenge } from 'altcha-lib';
import { useEffect, useState } from 'preact/hooks';
import { byId } from './dom';

export interface CaptchaLabels {
  working: string;
  done: string;
  failed: string;
}

interface Challenge {
  algorithm: string;
  challenge: string;
  salt: string;
  signature: string;
  maxnumber: number;
}

/** Challenges expire after 20 minutes (src/server/complaints/captcha.ts): someone slow gets a fresh one. */
const REFRESH_MS = 15 * 60_000;

function showQuestion(show: boolean) {
  const question = byId('captcha-question');
  const answer = byId<HTMLInputElement>('captchaAnswer');
  if (question) question.hidden = !show;
  if (answer) answer.required = show;
}

export default function CaptchaSolver({ labels }: { labels: CaptchaLabels }) {
  const [payload, setPayload] = useState('');
  const [status, setStatus] = useState('');

  useEffect(() => {
    let stopped = false;
    let abort: AbortController | undefined;
    let solved = false;

    async function solve() {
      if (!globalThis.crypto?.subtle) return setStatus(labels.failed);
      if (!solved) setStatus(labels.working);
      try {
        const res = await fetch('/api/captcha', { cache: 'no-store' });
        if (!res.ok) throw new Error(`captcha ${res.status}`);
        const c = (await res.json()) as Challenge;
        const job = solveChallenge(c.challenge, c.salt, c.algorithm, c.maxnumber);
        abort = job.controller;
        const solution = await job.promise;
        if (stopped) return;
        if (!solution) throw new Error('captcha not solved');
        setPayload(btoa(JSON.stringify({ algorithm: c.algorithm, challenge: c.challenge, number: solution.number, salt: c.salt, signature: c.signature })));
        solved = true;
        showQuestion(false);
        setStatus(labels.done);
      } catch {
        if (stopped || solved) return;
        showQuestion(true);
        setStatus(labels.failed);
      }
    }

    void solve();
    const timer = window.setInterval(() => void solve(), REFRESH_MS);
    return () => {
      stopped = true;
      abort?.abort();
      window.clearInterval(timer);
    };
  }, []);

  return (
    <>
      <input type="hidden" name="altcha" value={payload} />
      <p class="captcha-status" role="status">{status}</p>
    </>
  );
}

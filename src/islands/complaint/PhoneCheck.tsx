/**
 * Checks the mobile number when the person leaves the field (and again as they correct it), with
 * the same rule and message as the server (src/domain/shared/mobile.ts).
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import { isMobile } from '../../domain/shared/mobile';
import { byId, toggleDescribedBy } from './dom';

export default function PhoneCheck({ message, prefix }: { message: string; prefix: string }) {
  const [error, setError] = useState('');
  const shown = useRef(false);

  useEffect(() => {
    const input = byId<HTMLInputElement>('phone');
    if (!input) return;
    const check = () => {
      const value = input.value.trim();
      const bad = value !== '' && !isMobile(value);
      shown.current = bad;
      setError(bad ? message : '');
    };
    const onInput = () => {
      // The server's message was about the value as submitted; from the first edit this check speaks.
      const stale = byId('phone-error');
      if (stale) {
        stale.hidden = true;
        toggleDescribedBy(input, 'phone-error', false);
      }
      if (shown.current || isMobile(input.value)) check();
    };
    input.addEventListener('blur', check);
    input.addEventListener('input', onInput);
    return () => {
      input.removeEventListener('blur', check);
      input.removeEventListener('input', onInput);
    };
  }, []);

  useEffect(() => {
    const input = byId<HTMLInputElement>('phone');
    if (!input) return;
    const serverError = byId('phone-error');
    const invalid = Boolean(error) || Boolean(serverError && !serverError.hidden);
    toggleDescribedBy(input, 'phone-check', Boolean(error));
    input.classList.toggle('input-error', invalid);
    if (invalid) input.setAttribute('aria-invalid', 'true');
    else input.removeAttribute('aria-invalid');
  }, [error]);

  return (
    <p class="field-error" id="phone-check" hidden={!error}>
      <span class="visually-hidden">{prefix}</span>
      {error}
    </p>
  );
}

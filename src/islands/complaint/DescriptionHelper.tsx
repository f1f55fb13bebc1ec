/**
 * Under the description: how many characters are left, and which category the description points
 * to, with the words that matched (src/domain/complaints/category-suggest.ts, the same rules the server
 * records). The suggestion is only that: the person applies it with a button, or ignores it.
 */
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { suggestCategory } from '../../domain/complaints/category-suggest';
import { countCharacters } from '../../domain/shared/form-fields';
import { byId, fill, useMounted } from './dom';

export interface DescriptionLabels {
  /** Category names by code, passed in rather than imported so their descriptions stay on the server. */
  categories: Record<string, string>;
  count: string;
  over: string;
  suggest: string;
  apply: string;
  applied: string;
}

/** The count is read out once typing pauses, not at every keystroke. */
const ANNOUNCE_AFTER_MS = 1500;

export default function DescriptionHelper({ min, max, labels }: { min: number; max: number; labels: DescriptionLabels }) {
  const mounted = useMounted();
  const [text, setText] = useState('');
  const [selected, setSelected] = useState<string | null>(null);
  const [spoken, setSpoken] = useState('');
  const appliedRef = useRef<HTMLParagraphElement>(null);

  useEffect(() => {
    const area = byId<HTMLTextAreaElement>('description');
    const form = area?.form;
    if (!area) return;
    const readText = () => setText(area.value);
    const readCategory = () => setSelected(form?.querySelector<HTMLInputElement>('input[name="category"]:checked')?.value ?? null);
    readText();
    readCategory();
    area.addEventListener('input', readText);
    form?.addEventListener('change', readCategory);
    return () => {
      area.removeEventListener('input', readText);
      form?.removeEventListener('change', readCategory);
    };
  }, []);

  const count = countCharacters(text.trim());
  const counter = count > max ? fill(labels.over, { count, over: count - max }) : fill(labels.count, { count, left: max - count });
  useEffect(() => {
    const timer = window.setTimeout(() => setSpoken(count > 0 ? counter : ''), ANNOUNCE_AFTER_MS);
    return () => window.clearTimeout(timer);
  }, [counter]);

  // Below the minimum length a description says too little to suggest from.
  const top = useMemo(() => (count >= min ? suggestCategory(text).top : null), [text, count >= min]);

  function apply(code: string) {
    const radio = byId('description')?.closest('form')?.querySelector<HTMLInputElement>(`input[name="category"][value="${code}"]`);
    if (!radio) return;
    radio.checked = true;
    radio.dispatchEvent(new Event('change', { bubbles: true }));
    setSelected(code);
    // The button is replaced by the confirmation: keep keyboard focus there rather than lose it.
    window.setTimeout(() => appliedRef.current?.focus(), 0);
  }

  if (!mounted) return null;
  const name = top ? (labels.categories[top.category] ?? top.category) : '';
  return (
    <>
      <p class={count > max ? 'hint counter over' : 'hint counter'} id="description-count">{counter}</p>
      <p class="visually-hidden" aria-live="polite">{spoken}</p>
      <div class="category-suggestion" aria-live="polite" hidden={!top}>
        {top && (
          <>
            <p>{fill(labels.suggest, { category: name, words: top.matched.join('、') })}</p>
            {selected === top.category ? (
              <p class="applied" tabIndex={-1} ref={appliedRef}>{fill(labels.applied, { category: name })}</p>
            ) : (
              <button type="button" class="secondary" onClick={() => apply(top.category)}>{fill(labels.apply, { category: name })}</button>
            )}
          </>
        )}
      </div>
    </>
  );
}

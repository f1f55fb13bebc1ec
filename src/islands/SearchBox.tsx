/**
 * Search input with instant suggestions (WAI-ARIA combobox with a listbox popup). Rendered on the
 * server as a plain text input inside a GET form, so search works without JavaScript; once
 * hydrated it asks /api/suggest as the user types. Imports nothing from the server.
 */
import { useEffect, useRef, useState } from 'preact/hooks';

export interface Suggestion {
  creditCode: string;
  name: string;
  street: string;
  listStatus: 'white' | 'black' | 'none';
}

interface Props {
  id: string;
  /** The form field to submit; leave it out when the box only helps fill another field. */
  name?: string;
  value?: string;
  placeholder: string;
  describedBy?: string;
  invalid?: boolean;
  labels: { suggestions: string; count: string; none: string; black: string; white: string };
  /** What choosing a suggestion does; by default it opens the institution's profile. */
  onChoose?: (s: Suggestion) => void;
}

const DEBOUNCE_MS = 150;

export default function SearchBox({ id, name, value = '', placeholder, describedBy, invalid, labels, onChoose }: Props) {
  const [query, setQuery] = useState(value);
  const [items, setItems] = useState<Suggestion[]>([]);
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(-1);
  const [status, setStatus] = useState('');
  const timer = useRef<number | undefined>(undefined);
  const abort = useRef<AbortController | undefined>(undefined);
  const listId = `${id}-suggestions`;

  useEffect(() => () => window.clearTimeout(timer.current), []);

  function fetchSuggestions(q: string) {
    window.clearTimeout(timer.current);
    abort.current?.abort();
    if (!q.trim() || q.length > 100) {
      setItems([]);
      setOpen(false);
      return;
    }
    timer.current = window.setTimeout(async () => {
      const controller = new AbortController();
      abort.current = controller;
      try {
        const res = await fetch(`/api/suggest?q=${encodeURIComponent(q)}`, { signal: controller.signal });
        if (!res.ok) return;
        const data = (await res.json()) as { suggestions: Suggestion[] };
        setItems(data.suggestions);
        setActive(-1);
        setOpen(true);
        setStatus(data.suggestions.length ? labels.count.replace('{count}', String(data.suggestions.length)) : labels.none);
      } catch {
        /* aborted or offline: the plain form still works */
      }
    }, DEBOUNCE_MS);
  }

  function go(s: Suggestion) {
    if (!onChoose) return window.location.assign(`/institutions/${s.creditCode}`);
    setQuery(s.name);
    setOpen(false);
    setActive(-1);
    onChoose(s);
  }

  function onKeyDown(e: KeyboardEvent) {
    if (!open || items.length === 0) return;
    if (e.key === 'ArrowDown') {
      e.preventDefault();
      setActive((a) => (a + 1) % items.length);
    } else if (e.key === 'ArrowUp') {
      e.preventDefault();
      setActive((a) => (a <= 0 ? items.length - 1 : a - 1));
    } else if (e.key === 'Enter' && active >= 0) {
      e.preventDefault();
      go(items[active]!);
    } else if (e.key === 'Escape') {
      setOpen(false);
      setActive(-1);
    }
  }

  const expanded = open && items.length > 0;
  return (
    <div class="suggest">
      <input
        type="search"
        id={id}
        name={name}
        value={query}
        placeholder={placeholder}
        maxLength={100}
        autoComplete="off"
        spellcheck={false}
        role="combobox"
        aria-autocomplete="list"
        aria-expanded={expanded}
        aria-controls={listId}
        aria-activedescendant={expanded && active >= 0 ? `${listId}-${active}` : undefined}
        aria-describedby={describedBy}
        aria-invalid={invalid ? true : undefined}
        class={invalid ? 'input-error' : undefined}
        onInput={(e) => {
          const q = (e.currentTarget as HTMLInputElement).value;
          setQuery(q);
          fetchSuggestions(q);
        }}
        onKeyDown={onKeyDown}
        onBlur={() => window.setTimeout(() => setOpen(false), 150)}
      />
      <ul id={listId} role="listbox" aria-label={labels.suggestions} class="suggest-list" hidden={!expanded}>
        {items.map((s, i) => (
          <li
            id={`${listId}-${i}`}
            key={s.creditCode}
            role="option"
            aria-selected={i === active}
            onMouseDown={(e) => {
              e.preventDefault();
              go(s);
            }}
          >
            <span>{s.name}</span>
            {s.listStatus === 'black' && <strong> · {labels.black}</strong>}
            {s.listStatus === 'white' && <span> · {labels.white}</span>}
            <span class="meta"> {s.street}</span>
          </li>
        ))}
      </ul>
      <p class="visually-hidden" role="status" aria-live="polite">{status}</p>
    </div>
  );
}

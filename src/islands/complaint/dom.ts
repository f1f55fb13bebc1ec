/**
 * Small helpers for the complaint form's island, which enhances fields the server rendered.
 */
import { useEffect, useState } from 'preact/hooks';

/** A server-rendered element of the form by id (null when the page has none). */
export function byId<T extends HTMLElement = HTMLElement>(id: string): T | null {
  return document.getElementById(id) as T | null;
}

/** False during the server render and hydration, true once running in the browser. */
export function useMounted(): boolean {
  const [mounted, setMounted] = useState(false);
  useEffect(() => setMounted(true), []);
  return mounted;
}

/** Fills {name} placeholders of a catalogue message passed down from the server. */
export function fill(template: string, params: Record<string, string | number>): string {
  return template.replace(/\{(\w+)\}/g, (m, name: string) => (name in params ? String(params[name]) : m));
}

/** Adds or removes one id in an element's aria-describedby, keeping the others. */
export function toggleDescribedBy(el: HTMLElement, id: string, on: boolean): void {
  const ids = (el.getAttribute('aria-describedby') ?? '').split(/\s+/).filter((x) => x && x !== id);
  if (on) ids.push(id);
  if (ids.length) el.setAttribute('aria-describedby', ids.join(' '));
  else el.removeAttribute('aria-describedby');
}

/**
 * A button that prints the page (the verification record, laid out for A4 by the print
 * stylesheet). Printing needs JavaScript, so the button exists only once the island runs: the
 * server renders nothing, and without JavaScript the page's sentence about the browser's print
 * function is the whole instruction (no dead button).
 */
import { useEffect, useState } from 'preact/hooks';

export default function PrintButton({ label }: { label: string }) {
  const [mounted, setMounted] = useState(false);
  useEffect(() => setMounted(true), []);
  if (!mounted) return null;
  return (
    <button type="button" class="secondary print-button" onClick={() => window.print()}>
      {label}
    </button>
  );
}

/**
 * Finding the institution by name: the registry search box (SearchBox, /api/suggest) whose choice
 * fills in the credit code and shows the name under it. Also reveals the name/address/street
 * fields only while "机构不在名录中" is ticked (without JavaScript they always show, with a hint).
 */
import { useEffect, useState } from 'preact/hooks';
import SearchBox, { type Suggestion } from '../SearchBox';
import { byId, fill, useMounted } from './dom';

export interface InstitutionLabels {
  search: string;
  hint: string;
  placeholder: string;
  /** "已选择“{name}”，代码已填入。" */
  chosen: string;
  /** "机构：{name}" */
  known: string;
  suggestions: string;
  count: string;
  none: string;
  black: string;
  white: string;
}

export default function InstitutionPicker({ labels }: { labels: InstitutionLabels }) {
  const mounted = useMounted();
  const [announcement, setAnnouncement] = useState('');

  useEffect(() => {
    const box = byId<HTMLInputElement>('notListed');
    const fields = byId('not-listed-fields');
    const code = byId<HTMLInputElement>('creditCode');
    const name = byId('creditCode-name');
    const syncReveal = () => {
      if (!box || !fields) return;
      fields.hidden = !box.checked;
      box.setAttribute('aria-expanded', String(box.checked));
    };
    // A code typed by hand no longer matches the name shown for the previous one.
    const forgetName = () => {
      if (name) name.textContent = '';
    };
    syncReveal();
    box?.addEventListener('change', syncReveal);
    code?.addEventListener('input', forgetName);
    return () => {
      box?.removeEventListener('change', syncReveal);
      code?.removeEventListener('input', forgetName);
    };
  }, []);

  function choose(s: Suggestion) {
    const code = byId<HTMLInputElement>('creditCode');
    const name = byId('creditCode-name');
    const box = byId<HTMLInputElement>('notListed');
    if (code) code.value = s.creditCode;
    if (name) name.textContent = fill(labels.known, { name: s.name });
    if (box?.checked) {
      box.checked = false;
      box.dispatchEvent(new Event('change', { bubbles: true }));
    }
    setAnnouncement(fill(labels.chosen, { name: s.name }));
  }

  if (!mounted) return null;
  return (
    <div class="form-group institution-search">
      <label for="institution-search">{labels.search}</label>
      <p class="hint" id="institution-search-hint">{labels.hint}</p>
      <SearchBox
        id="institution-search"
        placeholder={labels.placeholder}
        describedBy="institution-search-hint"
        labels={{ suggestions: labels.suggestions, count: labels.count, none: labels.none, black: labels.black, white: labels.white }}
        onChoose={choose}
      />
      <p class="chosen-institution" role="status">{announcement}</p>
    </div>
  );
}

/**
 * A file input labelled in the page's language. The browser draws its own file input in the
 * browser's language ("Choose File / No file chosen" on a Chinese page); here the native input is
 * kept (it is what the form submits, and what the keyboard focuses) but hidden from sight, and a
 * button-like label and the chosen file's name are drawn in its place. Without JavaScript the
 * name cannot be read, so a required picker says by CSS alone (:valid) that a file is chosen.
 */
import { useEffect, useId, useRef, useState } from 'react';

import type { Lang } from '~/engine/text';
import { useLang } from '~/i18n/ui';

const WORDS: Record<'choose' | 'none' | 'chosen', Record<Lang, string>> = {
  choose: { 'zh-CN': '选择文件…', en: 'Choose a file…' },
  none: { 'zh-CN': '未选择文件', en: 'No file chosen' },
  chosen: { 'zh-CN': '已选择文件', en: 'File chosen' },
};

export interface FilePickerProps {
  /** What the file is, shown before the button ("文件（CSV、TXT 或 XLSX）"). */
  label: string;
  name: string;
  accept?: string;
  required?: boolean;
  /** For tests: on the wrapper. */
  testId?: string;
}

export function FilePicker({ label, name, accept, required, testId }: FilePickerProps) {
  const lang = useLang();
  const id = useId();
  const labelId = `${id}-label`;
  const nameId = `${id}-name`;
  const input = useRef<HTMLInputElement>(null);
  const [fileName, setFileName] = useState<string | null>(null);
  const [hydrated, setHydrated] = useState(false);
  // A file the browser kept in the input (back and forward) is named once the page is live.
  useEffect(() => {
    setHydrated(true);
    setFileName(input.current?.files?.[0]?.name ?? null);
  }, []);

  return (
    <span className="file-picker" data-testid={testId}>
      <label htmlFor={id} id={labelId} className="file-picker-label">
        {label}
      </label>
      <input
        ref={input}
        id={id}
        className="file-picker-input"
        type="file"
        name={name}
        accept={accept}
        required={required}
        // Named by what the file is, described by the file chosen (the two labels would add the
        // button's words to its name).
        aria-labelledby={labelId}
        aria-describedby={nameId}
        onChange={(e) => setFileName(e.currentTarget.files?.[0]?.name ?? null)}
      />
      {/* A second label of the same input: clicking it opens the file dialog, as the button would. */}
      <label htmlFor={id} className="button secondary file-picker-button" aria-hidden="true">
        {WORDS.choose[lang]}
      </label>
      <span id={nameId} className="file-picker-name" aria-live="polite">
        {hydrated ? (
          (fileName ?? WORDS.none[lang])
        ) : (
          <>
            <span className="file-picker-none">{WORDS.none[lang]}</span>
            {required && <span className="file-picker-chosen">{WORDS.chosen[lang]}</span>}
          </>
        )}
      </span>
    </span>
  );
}

/** Where a number comes from, as a tag: measured (n, dates), claimed (by whom) or assumed. */
import type { Evidence } from '~/engine/schema';
import { useT } from '~/i18n/ui';

export function EvidenceTag({ evidence }: { evidence: Evidence | null }) {
  const t = useT();
  if (!evidence) return null;
  const detail =
    evidence.kind === 'measured'
      ? `n=${evidence.n}${evidence.from ? `, ${evidence.from}–${evidence.to ?? ''}` : ''}`
      : evidence.kind === 'claimed'
        ? (evidence.source ?? '')
        : '';
  return (
    <span>
      <span className={`tag ${evidence.kind}`}>{t(evidence.kind)}</span>
      {detail && <span className="muted">{detail} </span>}
      {evidence.note && <span className="muted">{evidence.note}</span>}
    </span>
  );
}

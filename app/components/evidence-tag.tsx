/** Where a number comes from, as a tag: measured (n, dates), claimed (by whom) or assumed. */
import { evidenceDetail } from '~/editor/evidence';
import type { Evidence } from '~/engine/schema';
import { useT } from '~/i18n/ui';

export function EvidenceTag({ evidence }: { evidence: Evidence | null }) {
  const t = useT();
  if (!evidence) return null;
  const detail = evidenceDetail(evidence);
  return (
    <span>
      <span className={`tag ${evidence.kind}`}>{t(evidence.kind)}</span>
      {detail && <span className="muted">{detail} </span>}
      {evidence.kind !== 'assumed' && evidence.note && <span className="muted">{evidence.note}</span>}
    </span>
  );
}

/** Where a number comes from, as a tag: measured (n, dates), claimed (by whom) or assumed. */
import { evidenceDetail, evidenceNote } from '~/catalogue/evidence';
import type { Evidence } from '~/engine/schema';
import { useLang, useT } from '~/i18n/ui';

export function EvidenceTag({ evidence }: { evidence: Evidence | null }) {
  const t = useT();
  const lang = useLang();
  if (!evidence) return null;
  const detail = evidenceDetail(evidence, lang);
  const note = evidenceNote(evidence, lang);
  return (
    <span>
      <span className={`tag ${evidence.kind}`}>{t(evidence.kind)}</span>
      {detail && <span className="muted">{detail} </span>}
      {note && <span className="muted">{note}</span>}
    </span>
  );
}

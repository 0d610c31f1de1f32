/**
 * On the data page: what file to prepare. For each kind of file the app reads, a line on what it
 * holds, its samples to download (Excel and CSV, in the page's language) and a table of its
 * columns as the reader understands them (see guide.ts): the name, the words a header is
 * recognised by in both languages, the unit, whether it is required, an example.
 */
import type { Lang } from '~/engine/text';
import { useLang } from '~/i18n/ui';

import type { ColumnNeed, GuideColumn, KindGuide } from './guide';
import { useDataWords, type DataWord } from './words';

const KIND_WORDS: Record<KindGuide['kind'], { title: DataWord; intro: DataWord }> = {
  observations: { title: 'observationsTitle', intro: 'observationsIntro' },
  volumes: { title: 'volumesTitle', intro: 'volumesIntro' },
};

const quoted = (names: string[], lang: Lang) =>
  lang === 'zh-CN' ? names.map((n) => `“${n}”`).join('和') : names.map((n) => `"${n}"`).join(' and ');

function NeedText({ need }: { need: ColumnNeed }) {
  const w = useDataWords();
  const lang = useLang();
  if (need.kind === 'required') return <strong>{w('needRequired')}</strong>;
  if (need.kind === 'optional') return <>{w('needOptional')}</>;
  if (need.kind === 'oneOf') return <>{w('needOneOf', { other: need.other })}</>;
  return <>{w('needInstead', { of: quoted(need.of, lang) })}</>;
}

/** The words of both languages, the page's first; English marked as English on a Chinese page. */
function Words({ column }: { column: GuideColumn }) {
  const w = useDataWords();
  const lang = useLang();
  const order: Lang[] = lang === 'zh-CN' ? ['zh-CN', 'en'] : ['en', 'zh-CN'];
  return (
    <>
      {order.map((l) => (
        <span key={l} className="guide-words">
          {w(l === 'zh-CN' ? 'wordsZh' : 'wordsEn')}
          {lang === 'zh-CN' ? '：' : ': '}
          <span lang={l}>{column.words[l].join(l === 'zh-CN' ? '、' : ', ')}</span>
          {column.alongWith && (
            <>
              {` ${w('wordsAlong')} `}
              <span lang={l}>{column.alongWith[l].join(l === 'zh-CN' ? '、' : ', ')}</span>
            </>
          )}
        </span>
      ))}
    </>
  );
}

export function FileGuide({
  scenarioId,
  guide,
  open,
}: {
  scenarioId: string;
  guide: KindGuide[];
  open: boolean;
}) {
  const w = useDataWords();
  const lang = useLang();
  const otherLang: Lang = lang === 'zh-CN' ? 'en' : 'zh-CN';
  const sample = (kind: string, format: string) =>
    `/scenarios/${scenarioId}/data/sample.${format}?kind=${kind}&lang=${lang}`;
  return (
    <details className="card file-guide" open={open} data-testid="file-guide">
      <summary>
        <h2>{w('prepareTitle')}</h2>
      </summary>
      <p>{w('prepareIntro')}</p>
      {guide.map((k) => (
        <section key={k.kind} data-testid={`guide-${k.kind}`}>
          <h3>{w(KIND_WORDS[k.kind].title)}</h3>
          <p className="muted">{w(KIND_WORDS[k.kind].intro)}</p>
          <p className="row">
            {w('sampleDownload')}
            <a href={sample(k.kind, 'xlsx')} download className="button secondary">
              {w('sampleXlsx')}
            </a>
            <a href={sample(k.kind, 'csv')} download className="button secondary">
              {w('sampleCsv')}
            </a>
          </p>
          <table className="compact column-guide">
            <thead>
              <tr>
                <th>{w('guideColumn')}</th>
                <th>{w('guideWords')}</th>
                <th>{w('guideUnit')}</th>
                <th>{w('guideNeed')}</th>
                <th>{w('guideExample')}</th>
              </tr>
            </thead>
            <tbody>
              {k.columns.map((c) => (
                <tr key={c.meaning} className={c.need.kind === 'instead' ? 'alternative' : undefined}>
                  <th scope="row">
                    {c.name}
                    <span className="muted guide-other-name" lang={otherLang}>
                      {c.otherName}
                    </span>
                  </th>
                  <td data-label={w('guideWords')}>
                    <Words column={c} />
                  </td>
                  <td data-label={w('guideUnit')} className={c.unit ? 'guide-unit' : 'guide-unit none'}>
                    {c.unit ?? '—'}
                  </td>
                  <td data-label={w('guideNeed')}>
                    <NeedText need={c.need} />
                  </td>
                  <td data-label={w('guideExample')}>{c.example}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      ))}
    </details>
  );
}

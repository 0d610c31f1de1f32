/** A refused structural edit (structure.ts), said in words with the options named. */
import type { StructureRefusal } from '~/builder/structure';
import type { ScenarioInput } from '~/engine/schema';
import { localize, type Lang } from '~/engine/text';

export function refusalMessage(doc: ScenarioInput, refusal: StructureRefusal, lang: Lang): string {
  const names = refusal.optionIds
    .map((id) => doc.options.find((o) => o.id === id))
    .filter((o) => o !== undefined)
    .map((o) => (lang === 'zh-CN' ? `「${localize(o.name, lang)}」` : `“${localize(o.name, lang)}”`))
    .join(lang === 'zh-CN' ? '、' : ', ');
  if (refusal.code === 'noScaleUpTarget')
    return lang === 'zh-CN'
      ? `${names ? `${names}不能改为试点：` : ''}试点需要一个成功后可推广的采购或自建方案，请先添加一个`
      : `${names ? `${names} cannot become a pilot: ` : ''}a pilot needs a buy or build option to scale into; add one first`;
  return lang === 'zh-CN'
    ? `试点${names}要推广为这个方案，而没有别的采购或自建方案可以推广：请先删除试点或添加另一个方案`
    : `The pilot ${names} scales into this option and there is no other buy or build option: remove the pilot or add another option first`;
}

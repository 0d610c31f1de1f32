/**
 * The committee report as a PDF, made on the server: a real PDF in both languages, the
 * chapters REPORT.md asks for, Chinese text that can be extracted (a subset of Noto Sans SC is
 * embedded), page numbers and the version on every page, and figures from the engine.
 */
import { afterAll, describe, expect, it } from 'vitest';

import { localize } from '~/engine/text';

import { compileScenario, runModel } from '~/engine';
import { formatAmount } from '~/engine/format';
import { getScenario } from '~/models/scenarios.server';
import { pdfPages } from '../helpers/pdf';
import { loader as reportPdf } from '~/routes/api.scenarios.$id.report[.]pdf';

import { closeAndRemoveTempDatabases, makeRequest, useJobPool, useTempDatabase } from './helpers';

useTempDatabase('report-pdf');
useJobPool();
afterAll(() => closeAndRemoveTempDatabases());

const ID = 'county-hospital-300-beds';

async function download(query: string, id = ID): Promise<Response> {
  return (await reportPdf({
    request: makeRequest(`/api/scenarios/${id}/report.pdf${query}`),
    params: { id },
    context: {},
  } as never)) as Response;
}

// Each test makes the case's Monte Carlo and a 15-page PDF: seconds on a busy machine.
describe('report.pdf', { timeout: 60_000 }, () => {
  it('is a PDF with every chapter in Chinese, extractable, with page numbers and the version', async () => {
    const response = await download('?lang=zh-CN');
    expect(response.status).toBe(200);
    expect(response.headers.get('Content-Type')).toBe('application/pdf');
    // The file is named by the hospital, the case and the version, in the report's language,
    // never by its id; an old client gets the English names, in ASCII.
    const disposition = response.headers.get('Content-Disposition')!;
    expect(decodeURIComponent(disposition.split("UTF-8''")[1]!)).toBe(
      '某县人民医院-县医院：语音病历采购、护理文书自建与慢病随访试点-第1版.pdf',
    );
    expect(disposition).toMatch(
      /^attachment; filename="A county people's hospital-County hospital buy speech-to-EMR, [\x20-\x7e]*-v1\.pdf"; filename\*=UTF-8''/,
    );
    expect(disposition).not.toContain(ID);
    const bytes = new Uint8Array(await response.arrayBuffer());
    expect(new TextDecoder().decode(bytes.slice(0, 5))).toBe('%PDF-');
    // The CJK font is embedded as a subset (a six-letter tag before its name), not the 10 MB file.
    const raw = new TextDecoder('latin1').decode(bytes);
    expect(raw).toMatch(/\/BaseFont \/[A-Z]{6}\+NotoSansSC/);
    expect(bytes.byteLength).toBeLessThan(1_000_000);

    const pages = await pdfPages(bytes);
    const text = pages.join('\n');
    for (const chapter of [
      '一、概述',
      '二、建设背景和必要性',
      '三、需求分析',
      '四、建设方案',
      '五、运营方案',
      '六、投融资与财务方案',
      '七、影响效果分析',
      '八、风险管控',
      '九、绩效目标和考核指标',
      '十、结论及建议',
      '附表：全部输入',
    ])
      expect(text).toContain(chapter);
    pages.forEach((page, i) => expect(page).toContain(`第 1 版 · 第 ${i + 1} / ${pages.length} 页`));
    // Figures are the engine's: each option's NPV in 万元 appears in the money chapter.
    const result = runModel(compileScenario(getScenario(ID)!.document));
    for (const o of result.options) expect(text).toContain(formatAmount(o.npv, 'zh-CN'));
    expect(text).toContain('蒙特卡洛模拟');
    // Where the inputs come from, in Chinese: a note and a source written in both languages.
    expect(text).toContain('由委员会决定。');
    expect(text).toContain('国家卫生健康委 2023 年统计公报（公立医院）');
    expect(text).not.toContain("The committee's decision.");
    // Cover and footers name the hospital and the case, never the internal id.
    expect(pages[0]).toContain(localize(getScenario(ID)!.document.hospital.name, 'zh-CN'));
    expect(pages[0]).toContain(localize(getScenario(ID)!.document.name, 'zh-CN'));
    expect(text).not.toContain(ID);
    // So does the viewer's window title.
    const { getDocument } = await import('pdfjs-dist/legacy/build/pdf.mjs');
    const { info } = await (await getDocument({ data: bytes.slice() }).promise).getMetadata();
    expect((info as { Title: string }).Title).toBe(
      '某县人民医院 · 县医院：语音病历采购、护理文书自建与慢病随访试点',
    );
    // Work the speech-to-EMR purchase adds is said as added, in the summary and the effects
    // table alike (its FTE in the final year, after it stops in month 12, is none either way).
    expect(text).toContain('增加工时 576 小时');
    // The effects table's row: option, role, hours, FTE.
    expect(text).toMatch(/采购三甲医院语音电子病历\s*医师\s*增加 576\s*0\.00/);
    expect(text).not.toMatch(/释放工时\s*[-−]|释放\s*[-−]\d/);
    expect(text).toContain('释放工时（左轴；负值为增加工时）');
  }, 30_000);

  it('speaks English when asked, and refuses a bad language or an unknown scenario', async () => {
    const bytes = new Uint8Array(await (await download('?lang=en')).arrayBuffer());
    const text = (await pdfPages(bytes)).join('\n');
    expect(text).toContain('1. Summary');
    expect(text).toContain('Annex: every input');
    expect(text).toMatch(/version 1 · page 1 of \d+/);
    expect(text).toContain("The committee's decision.");
    expect(text).not.toContain('由委员会决定。');
    expect(text).toContain('adds 576 hours of work');
    expect(text).toMatch(/speech-to-EMR system\s*Physician\s*added 576\s*0\.00/);
    // The chosen option's tornado lists what moves its NPV, not another option's inputs.
    const tornado = text.slice(
      text.indexOf('the inputs that move its NPV most'),
      text.indexOf('Break-even values'),
    );
    expect(tornado).toContain('Chronic-disease follow-up · Claimed reduction');
    expect(tornado).not.toMatch(/Outpatient note writing|Nursing documentation/);
    expect((await download('?lang=de')).status).toBe(400);
    expect((await download('', 'nope')).status).toBe(404);
    expect((await download('?version=9')).status).toBe(404);
  }, 20_000);

  it('compares like with like in the summary: the peak year with its own budget and share', async () => {
    const id = 'tertiary-hospital-on-prem';
    const text = (
      await pdfPages(new Uint8Array(await (await download('?lang=zh-CN', id)).arrayBuffer()))
    ).join('');
    // The pilot's flows (its table in chapter 6): 2027 spends 124.01 万, less 30.00 万 of
    // funding, of a 255.04 万 budget: 36.9 %; its peak, 2033, spends 124.10 万, less 30.00 万,
    // of 304.53 万. Worked by hand: (124.10 − 30.00) ÷ 304.53 = 30.9 %. The old sentence set
    // the peak's 124.10 万 beside the first year's budget and share.
    // (Spaces aside: a line may break at one.)
    expect(text.replace(/\s+/g, '')).toContain(
      (
        '“三个病区试点出院小结与护理文书”年度支出最高为 2033 年的 124.10 万元；扣除当年资金来源 30.00 万元后，占当年 AI 预算 304.53 万元的 30.9%。' +
        '预算占用最高的年份是 2027 年，占当年 AI 预算 255.04 万元的 36.9%。'
      ).replace(/\s+/g, ''),
    );
    expect(text).not.toContain('首年占用');
  }, 30_000);
});

/**
 * The portfolio's exports (committee PDF chapter, XLSX sheet) as jobs for the worker pool: each
 * takes the solved plan and the version's document as plain data and returns the file's bytes.
 */
import { planXlsx } from './plan-xlsx.server';
import { portfolioReportPdf, type PortfolioExportInput } from './report-pdf.server';

export const portfolioExportJobs = {
  /** The committee's PDF chapter; `generatedAt` is the request's clock (ISO), for the cover. */
  portfolioReportPdf(
    input: PortfolioExportInput & { generatedAt: string },
  ): Promise<Uint8Array<ArrayBuffer>> {
    return portfolioReportPdf({ ...input, generatedAt: new Date(input.generatedAt) });
  },

  /** The sheet 组合规划: 元 data, live totals and headroom, the 万元 display as formulas. */
  portfolioPlanXlsx(input: PortfolioExportInput): Promise<Uint8Array<ArrayBuffer>> {
    return planXlsx(input);
  },
};

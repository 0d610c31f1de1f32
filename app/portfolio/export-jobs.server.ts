/** The portfolio's exports (committee PDF chapter, XLSX sheet) as jobs for the worker pool. */
export const portfolioExportJobs = {};

export function buildJobWorker(outfile: string): Promise<void>;

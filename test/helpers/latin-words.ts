/**
 * The Latin-script words a Chinese page (or a Chinese text in the data) may show, for the tests
 * that check "everything on a Chinese page in Chinese": units and measures a Chinese director
 * reads as they are, file formats, product and model names, and the proper names and citations
 * the reference figures keep as published.
 */

/** The Latin-script words of a text, once URLs, host names, e-mail and IP addresses are taken out. */
export function latinWords(text: string): string[] {
  const stripped = text
    .replace(/https?:\/\/\S+/g, ' ')
    .replace(/\b[\w-]+(?:\.[\w-]+)*\.(?:com|org|net|gov|edu|cn|io|ai|int|uk|de|jp|tw|hk)\b[\w/.-]*/gi, ' ')
    .replace(/\b[\w.+-]+@[\w-]+(?:\.[\w-]+)+/g, ' ')
    // An IP address, IPv4 or IPv4 written as IPv6 (::ffff:127.0.0.1), as the audit log keeps it.
    .replace(/(?:::ffff:)?\b\d{1,3}(?:\.\d{1,3}){3}\b/gi, ' ');
  // Digits run into a word are part of it: the row number "1.23a" gives "23a", not "a".
  return stripped.match(/[0-9]*[A-Za-z][A-Za-z0-9]*(?:[.'’_-][A-Za-z0-9]+)*/g) ?? [];
}

/** Terms a Chinese page may use anywhere. */
export const LATIN_TERMS: ReadonlySet<string> = new Set([
  // units and measures
  'kW',
  'W',
  'kWh',
  'GB',
  'TB',
  'MB',
  'KB',
  'TOPS',
  'TFLOPS',
  'PUE',
  'TPM',
  'token',
  'tokens',
  'Token',
  'FTE',
  'NPV',
  'IRR',
  'ROI',
  'P10',
  'P50',
  'P90',
  'PERT',
  'CNY',
  'USD',
  // files, encodings and systems
  'PDF',
  'XLSX',
  'XLS',
  'CSV',
  'JSON',
  'TXT',
  'UTF-8',
  'UTF-16',
  'GBK',
  'Excel',
  'API',
  'AI',
  'GPU',
  'CPU',
  'LLM',
  'HIS',
  'EMR',
  'EHR',
  'LIS',
  'PACS',
  'PDA',
  'IT',
  'CIO',
  'SaaS',
  'MaaS',
  'SMS',
  'TOTP',
  'LDAP',
  'URL',
  // products and models
  'Qwen',
  'DeepSeek',
  'NVIDIA',
  'GPT',
  'ChatGPT',
  'Llama',
  'vLLM',
]);

/**
 * A model, card or version name, a grade letter, a percentile or a journal's article number:
 * A100, H20, V3, P10, Qwen2.5-7B, GLM-4-Flash, qwen-max, e17006, v0.6.0, B.
 */
export function isModelLike(word: string): boolean {
  return (
    /^[A-Z]$/.test(word) ||
    /\d/.test(word) ||
    // A model family's names: qwen-max, deepseek-chat, vllm-ascend.
    /^(?:qwen|deepseek|vllm|doubao|glm|ernie|llama)[\w.-]*$/i.test(word) ||
    // Capitalised parts joined by hyphens: TensorRT-LLM, ERNIE-Lite, China-PAR.
    /^[A-Z][A-Za-z]*(?:-[A-Z0-9][A-Za-z0-9]*)+$/.test(word)
  );
}

/**
 * Proper names, journal abbreviations and formula letters that the reference figures' Chinese
 * text keeps as published (test/reference.test.ts also checks that each one stands in the
 * English text of the same figure, so that none is an untranslated English word).
 */
export const REFERENCE_NAMES: ReadonlySet<string> = new Set(
  [
    // people, in citations
    'Liang Hu Zhang Liu Hendrich et al',
    // journals and series
    'JMIR Med Inform Biomed Res BMC HSR Perm J Nurs Manag JAMA JAMIA Intern Netw Open IM NEJM Nat',
    'PLoS PLOS One ONE Hypertens Chin Gen Pract Internet Zhonghua Xing Bing Xue Za Zhi npj Digital',
    'Medicine arXiv',
    // surveys, data sets and standards bodies
    'CHIMA HIMSS Dorenfest Most Wired CHARLS NHS Health Check IDC Statista MyCOS',
    // institutions
    'UCLA UCSF NYU Langone Penn Kaiser TPMG Permanente Medical Group Duke Stanford Care Northwestern',
    'Advocate Intermountain Microsoft Cerner Epic EMA VA Frost Sullivan Jiao Lianshan CEO CSP SEO',
    // products, hardware and benchmarks
    'DAX Nabla Abridge Ambience Augmedix DeepScribe Doximity Scribe Dragon Copilot Nuance Heidi Suki Tali',
    'Colib Atlas Duo EPYC RTX SXM PCIe NVLink DGX AWQ ShareGPT TPM TPOT HC BOSS Gamers Nexus Hugging Face',
    'flash pro',
    // formula letters: (1+r)^k, n = 284, p = 0.068
    'k r n p vs',
  ].flatMap((line) => line.split(' ')),
);

import { createRequire } from 'node:module';
import { jsPDF } from 'jspdf';

/**
 * jsPDF compresses each stream with fflate and then turns the compressed bytes back into a string
 * one character at a time (`bytes.reduce((s, b) => s + String.fromCharCode(b), '')`): a chain of
 * one small string object per byte that lives until the file is assembled, some 200 MB at the
 * peak of a 2,000-page report. This puts the same compression (the same fflate jsPDF loads, with
 * its default options, so the bytes are identical) behind Buffer conversions instead. It replaces
 * jsPDF.API.processDataByFilters, the hook jsPDF's plugins extend, for a FlateEncode chain only.
 */

type Processed = { data: string; reverseChain: string };
type FilterApi = { processDataByFilters(data: string, filters?: string | string[]): Processed };

// fflate as jsPDF itself resolves it (a dependency of jspdf, not of Custos).
const fromJsPdf = createRequire(createRequire(import.meta.url).resolve('jspdf'));
const { zlibSync } = fromJsPdf('fflate') as { zlibSync(data: Uint8Array): Uint8Array };

let installed = false;

export function installFlate(): void {
  if (installed) return;
  installed = true;
  const api = jsPDF.API as unknown as FilterApi;
  const original = api.processDataByFilters.bind(api);
  api.processDataByFilters = (data, filters) => {
    const chain = typeof filters === 'string' ? [filters] : (filters ?? []);
    if (chain.length !== 1 || (chain[0] !== 'FlateEncode' && chain[0] !== '/FlateEncode')) {
      return original(data, filters);
    }
    const packed = zlibSync(Buffer.from(data ?? '', 'latin1'));
    return {
      data: Buffer.from(packed.buffer, packed.byteOffset, packed.byteLength).toString('latin1'),
      reverseChain: '/FlateDecode',
    };
  };
}

import { parentPort, workerData } from 'node:worker_threads';
import type { ReportDoc } from '../doc.ts';
import { renderReportPdf } from './render.ts';
import type { RenderProgress } from './render.ts';

/**
 * Lays one report out on its own thread (offThread.ts starts it): progress as it goes, then the
 * bytes, handed over rather than copied. Cancel is the parent ending the thread; there is nothing
 * to clean up, as the worker writes no file.
 */
export type PdfWorkerMessage =
  | { type: 'progress'; progress: RenderProgress }
  | { type: 'done'; bytes: Uint8Array; pages: number; fonts: string[] }
  | { type: 'error'; message: string };

const port = parentPort!;
const post = (message: PdfWorkerMessage, transfer: ArrayBuffer[] = []) => port.postMessage(message, transfer);

try {
  const rendered = renderReportPdf(workerData as ReportDoc, {
    onProgress: (progress) => post({ type: 'progress', progress }),
  });
  const { bytes } = rendered;
  // The bytes usually own their whole buffer; if not, a copy that does is handed over.
  const owned = bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength ? bytes : bytes.slice();
  post({ type: 'done', bytes: owned, pages: rendered.pages, fonts: rendered.fonts }, [owned.buffer as ArrayBuffer]);
} catch (error) {
  post({ type: 'error', message: error instanceof Error ? error.message : String(error) });
}

import { Worker } from 'node:worker_threads';
import type { ReportDoc } from '../doc.ts';
import type { PdfWorkerMessage } from './pdfWorker.ts';
import type { RenderProgress, RenderedPdf } from './render.ts';

// The bundle ships ./pdfWorker.js beside this code; from source Node runs the TypeScript.
const WORKER_URL = new URL(import.meta.url.endsWith('.ts') ? './pdfWorker.ts' : './pdfWorker.js', import.meta.url);

/**
 * Lays a report out on a worker thread, so the main process keeps answering (progress, Cancel)
 * while a large report is made. Cancel ends the worker; nothing was written, so nothing is left.
 * The document crosses as a structured clone; the bytes come back transferred, not copied.
 */
export async function renderReportOffThread(
  doc: ReportDoc,
  options: { signal?: AbortSignal; onProgress?: (progress: RenderProgress) => void } = {},
): Promise<RenderedPdf | 'cancelled'> {
  const { signal, onProgress } = options;
  if (signal?.aborted) return 'cancelled';
  return new Promise((resolve, reject) => {
    // A bounded young generation: the layout makes many short-lived strings, and a worker's default
    // lets the heap grow about 100 MB further on a 2,000-page report for no gain in time.
    const worker = new Worker(WORKER_URL, { workerData: doc, resourceLimits: { maxYoungGenerationSizeMb: 32 } });
    let settled = false;
    const settle = (outcome: () => void) => {
      if (settled) return;
      settled = true;
      signal?.removeEventListener('abort', onAbort);
      outcome();
    };
    const onAbort = () => {
      settle(() => resolve('cancelled'));
      void worker.terminate();
    };
    signal?.addEventListener('abort', onAbort, { once: true });
    worker.on('message', (message: PdfWorkerMessage) => {
      if (settled) return;
      if (message.type === 'progress') onProgress?.(message.progress);
      else if (message.type === 'done') {
        settle(() => resolve({ bytes: message.bytes, pages: message.pages, fonts: message.fonts }));
      } else settle(() => reject(new Error(message.message)));
    });
    worker.once('error', (error) => settle(() => reject(error)));
    worker.once('exit', (code) => settle(() => reject(new Error(`the report worker stopped (exit code ${code})`))));
  });
}

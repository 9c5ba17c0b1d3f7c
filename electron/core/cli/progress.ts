import { basename } from 'node:path';
import type { CliIo } from './context.ts';
import { formatBytes } from '../../../shared/logic/units.ts';
import { safe } from './format.ts';

/** Progress of adding a file on stderr, once a second, when stderr is a terminal. */
export function fileProgressPrinter(io: CliIo, enabled: boolean) {
  let last = 0;
  return (p: { file: string; bytes: number; total: number }) => {
    const now = Date.now();
    if (!enabled || now - last < 1000) return;
    last = now;
    const pct = p.total > 0 ? Math.floor((p.bytes / p.total) * 100) : 100;
    io.err(`  ${safe(basename(p.file))}: ${pct}% (${formatBytes(p.bytes)} of ${formatBytes(p.total)})`);
  };
}

/** Progress of a verification or export on stderr, once a second, when stderr is a terminal. */
export function jobProgressPrinter(io: CliIo, enabled: boolean, doing: string) {
  let last = 0;
  return (p: { label: string; index: number; count: number; bytes: number; total: number }) => {
    const now = Date.now();
    if (!enabled || now - last < 1000) return;
    last = now;
    const pct = p.total > 0 ? Math.floor((p.bytes / p.total) * 100) : 100;
    io.err(
      `  ${doing} ${p.label} (${p.index + 1} of ${p.count}): ${pct}% (${formatBytes(p.bytes)} of ${formatBytes(p.total)})`,
    );
  };
}

/** Ctrl-C cancels the running work (which then says what it kept) instead of killing the process. */
export async function withCancel<T>(run: (signal: AbortSignal) => Promise<T>): Promise<T> {
  const controller = new AbortController();
  const onSigint = () => controller.abort();
  process.once('SIGINT', onSigint);
  try {
    return await run(controller.signal);
  } finally {
    process.off('SIGINT', onSigint);
  }
}

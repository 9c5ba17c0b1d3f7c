// Runs Electronegativity on the Electron shell and the renderer page and fails on any HIGH or
// MEDIUM finding that has not been reviewed. Electronegativity itself always exits 0, so its CSV
// is the gate. Run by `npm test`; also `npm run security`.
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';

const root = resolve(import.meta.dirname, '..');
const staging = join(root, 'reports/electronegativity-src');
const csv = join(root, 'reports/electronegativity.csv');

/**
 * Findings a person has reviewed, with the reason. Electronegativity marks these "review" items
 * (manualReview) for every app that has them; they are accepted only at the named file.
 */
const REVIEWED: { id: string; file: string; reason: string }[] = [
  {
    id: 'PRELOAD_JS_CHECK',
    file: 'electron/main/index.ts',
    reason:
      'Flagged for every preload. Ours (electron/preload/index.ts) runs sandboxed with contextIsolation and exposes one function per IPC channel built from shared/ipc/channels.ts plus a menu-command subscription; it never exposes ipcRenderer. Main checks the sender frame before parsing each request with zod.',
  },
];

rmSync(staging, { recursive: true, force: true });
mkdirSync(staging, { recursive: true });
cpSync(join(root, 'electron'), join(staging, 'electron'), { recursive: true });
cpSync(join(root, 'renderer/index.html'), join(staging, 'renderer/index.html'));

const electronVersion = (JSON.parse(readFileSync(join(root, 'node_modules/electron/package.json'), 'utf8')) as { version: string }).version;
const run = spawnSync(
  process.execPath,
  // The release-list check needs the internet to say anything, so it is left out; see offline-got.cjs.
  ['--require', join(root, 'scripts/offline-got.cjs'), join(root, 'node_modules/@doyensec/electronegativity/dist/index.js'), '-i', staging, '-e', electronVersion, '-r', '-x', 'AvailableSecurityFixesGlobalCheck', '-o', csv],
  {
    encoding: 'utf8',
  },
);
if (run.status !== 0) {
  console.error(`electronegativity did not run: ${run.stderr || run.stdout}`);
  process.exit(2);
}

type Finding = { id: string; severity: string; file: string; location: string; description: string };

/** RFC 4180 records: quoted cells may hold commas, doubled quotes and line breaks (the CSP sample does). */
function parseCsv(text: string): string[][] {
  const records: string[][] = [];
  let record: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      record.push(cell.trim());
      cell = '';
    } else if (c === '\n') {
      record.push(cell.trim());
      if (record.some((x) => x !== '')) records.push(record);
      record = [];
      cell = '';
    } else if (c !== '\r') cell += c;
  }
  record.push(cell.trim());
  if (record.some((x) => x !== '')) records.push(record);
  return records;
}

const findings: Finding[] = parseCsv(readFileSync(csv, 'utf8'))
  .slice(1)
  .map(([id, severity, , file, location, , description]) => ({ id: id!, severity: severity!, file: file!, location: location!, description: description! }));

const serious = findings.filter((f) => f.severity === 'HIGH' || f.severity === 'MEDIUM');
const accepted = serious.filter((f) => REVIEWED.some((r) => r.id === f.id && f.file === r.file));
const blocking = serious.filter((f) => !accepted.includes(f));
console.log(`Electronegativity ${electronVersion ? `(Electron ${electronVersion})` : ''}: ${findings.length} findings, ${serious.length} HIGH/MEDIUM, ${accepted.length} reviewed, ${blocking.length} blocking`);
for (const f of accepted) console.log(`  reviewed  ${f.severity} ${f.id} ${f.file}:${f.location} — ${REVIEWED.find((r) => r.id === f.id)!.reason}`);
for (const f of findings.filter((x) => !serious.includes(x))) console.log(`  info      ${f.severity} ${f.id} ${f.file}:${f.location} — ${f.description}`);
for (const f of blocking) console.log(`  BLOCKING  ${f.severity} ${f.id} ${f.file}:${f.location} — ${f.description}`);
rmSync(staging, { recursive: true, force: true });
process.exit(blocking.length === 0 ? 0 : 1);

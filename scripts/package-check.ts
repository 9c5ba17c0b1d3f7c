// Validates electron-builder.yml by packing a Linux dir build against a stub Electron (the real
// binary cannot be downloaded here), then checks the asar holds what the app needs to start.
import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, rmSync, writeFileSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { createRequire } from 'node:module';

const root = resolve(import.meta.dirname, '..');
const stub = join(root, 'reports/stub-electron');
const output = join(root, 'reports/package');
const electronVersion = (
  JSON.parse(readFileSync(join(root, 'node_modules/electron/package.json'), 'utf8')) as { version: string }
).version;

rmSync(stub, { recursive: true, force: true });
rmSync(output, { recursive: true, force: true });
mkdirSync(join(stub, 'resources'), { recursive: true });
mkdirSync(join(stub, 'locales'), { recursive: true });
writeFileSync(join(stub, 'electron'), '#!/bin/sh\necho "stub electron for packaging checks"\n');
chmodSync(join(stub, 'electron'), 0o755);
writeFileSync(join(stub, 'version'), `v${electronVersion}`);
writeFileSync(join(stub, 'LICENSE'), 'stub');
writeFileSync(join(stub, 'LICENSES.chromium.html'), 'stub');

const builder = spawnSync(
  process.execPath,
  [
    join(root, 'node_modules/electron-builder/cli.js'),
    '--linux',
    'dir',
    `-c.electronDist=${stub}`,
    '-c.npmRebuild=false',
    `-c.directories.output=${output}`,
  ],
  { cwd: root, encoding: 'utf8', env: { ...process.env, ELECTRON_BUILDER_OFFLINE: '1' } },
);
if (builder.status !== 0) {
  console.error(`electron-builder failed:\n${builder.stdout}\n${builder.stderr}`);
  process.exit(1);
}

const require = createRequire(join(root, 'node_modules/electron-builder/package.json'));
const asar = require('@electron/asar') as { listPackage(path: string, options: object): string[] };
const appDir = join(output, 'linux-unpacked');
const files = new Set(asar.listPackage(join(appDir, 'resources/app.asar'), {}).map((f) => f.replaceAll('\\', '/')));
const required = [
  '/package.json',
  '/out/main/index.js',
  '/out/main/verifyWorker.js',
  '/out/main/ingestWorker.js',
  '/out/main/chunkStoreWorker.js',
  '/out/main/evidenceJobWorker.js',
  '/out/preload/index.cjs',
  '/out/renderer/index.html',
  '/resources/playbooks/termination-access-revocation.json',
  '/resources/standards/cacao-2.0/schemas/playbook.json',
  '/resources/standards/cacao-2.0/LICENSE',
  '/resources/clocks/notification-clocks.json',
  '/resources/sanctions/dprk-payment-notice.json',
  '/resources/reports/law-enforcement-contacts.json',
  '/resources/standards/stix-2.1/schemas/common/bundle.json',
  '/resources/standards/stix-2.1/LICENSE',
  '/node_modules/zod/package.json',
  '/out/main/pdfWorker.js',
  // The report fonts and their licences (electron/core/reports/pdf/fonts.ts).
  '/node_modules/jspdf/package.json',
  '/node_modules/@expo-google-fonts/noto-sans/package.json',
  '/node_modules/@expo-google-fonts/noto-sans/400Regular/NotoSans_400Regular.ttf',
  '/node_modules/@expo-google-fonts/noto-sans/700Bold/NotoSans_700Bold.ttf',
  '/node_modules/@expo-google-fonts/noto-sans/LICENSE_FONT',
  '/node_modules/@expo-google-fonts/noto-sans-kr/package.json',
  '/node_modules/@expo-google-fonts/noto-sans-kr/400Regular/NotoSansKR_400Regular.ttf',
  '/node_modules/@expo-google-fonts/noto-sans-kr/700Bold/NotoSansKR_700Bold.ttf',
  '/node_modules/@expo-google-fonts/noto-sans-kr/LICENSE_FONT',
];
const missing = required.filter((f) => !files.has(f));
const nativeUnpacked =
  existsSync(join(appDir, 'resources/app.asar.unpacked/node_modules/better-sqlite3/prebuilds/linux-x64.node')) ||
  existsSync(join(appDir, 'resources/app.asar.unpacked/node_modules/better-sqlite3/build/Release/better_sqlite3.node'));
const leaked = [...files].filter(
  // Test, scratch and report-output folders; resources/reports is data (police contacts) and ships.
  (f) =>
    (/\/(test|scratch|reports)\//.test(f) && !f.includes('node_modules') && !f.startsWith('/resources/reports/')) ||
    f.endsWith('.custos'),
);
// Of the font packages only the four TTFs, package.json and the licence files ship (the other weights
// and the previews would add some 60 MB).
const fontFiles = [...files].filter(
  (f) => f.startsWith('/node_modules/@expo-google-fonts/') && /\.[a-z0-9]+$/i.test(f),
);
const extraFonts = fontFiles.filter(
  (f) =>
    !/\/(noto-sans|noto-sans-kr)\/(package\.json|LICENSE|LICENSE_FONT|(400Regular|700Bold)\/NotoSans(KR)?_(400Regular|700Bold)\.ttf)$/.test(
      f,
    ),
);
const problems = [
  ...missing.map((f) => `missing from app.asar: ${f}`),
  ...(nativeUnpacked ? [] : ['better-sqlite3 native module is not unpacked next to the asar']),
  ...leaked.map((f) => `should not ship: ${f}`),
  ...extraFonts.map((f) => `should not ship (only the regular and bold report fonts do): ${f}`),
];
rmSync(stub, { recursive: true, force: true });
if (problems.length > 0) {
  console.error(problems.join('\n'));
  process.exit(1);
}
console.log(
  `electron-builder.yml packs: ${files.size} entries in app.asar, main/preload/renderer/worker present, better-sqlite3 unpacked, report fonts: ${fontFiles.length} files`,
);
rmSync(output, { recursive: true, force: true });

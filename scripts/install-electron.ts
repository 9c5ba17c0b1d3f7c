// `npm run electron:install -- ARCHIVE`: installs Electron from an archive downloaded elsewhere, for
// machines that cannot reach Electron's download host. The archive is hostile until checked: it must
// be the exact file Electron published for this platform (its SHA-256 in Electron's checksums.json).
// It is then placed where Electron's own installer looks first, and that installer unpacks it.
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, readFileSync, renameSync, rmSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { ROOT, cacheRoot, cachedArchivePath, isInstalled, runtime, sha256File } from './electronRuntime.ts';

function refuse(message: string): never {
  console.error(`electron:install: ${message}`);
  process.exit(2);
}

const rt = runtime();
const args = process.argv.slice(2);
if (args.length !== 1 || !args[0] || args[0].startsWith('-')) {
  refuse(`name the archive: npm run electron:install -- /path/to/${rt.archive}`);
}
// npm runs scripts in the project folder; a relative path means the folder the person typed it in.
const source = resolve(process.env.INIT_CWD ?? process.cwd(), args[0]);
let size: number;
try {
  const stat = statSync(source);
  if (!stat.isFile()) refuse(`${source} is not a file; name the downloaded ${rt.archive}`);
  size = stat.size;
} catch (error) {
  refuse(`cannot read ${source} (${(error as NodeJS.ErrnoException).code ?? String(error)}); check the path`);
}
if (!rt.sha256) refuse(`Electron ${rt.version} publishes no ${rt.archive} for this platform`);

// The bytes decide, not the file's name: a renamed, truncated or other download is refused.
const sha256 = sha256File(source);
if (sha256 !== rt.sha256) {
  const checksums = JSON.parse(readFileSync(join(ROOT, 'node_modules/electron/checksums.json'), 'utf8')) as Record<
    string,
    string
  >;
  const other = Object.entries(checksums).find(([, sum]) => sum === sha256)?.[0];
  refuse(
    other
      ? `${source} is ${other}; this machine needs ${rt.archive} (${rt.url})`
      : `${source} is not Electron's ${rt.archive}: its SHA-256 is ${sha256} (${size} bytes), Electron published ${rt.sha256}. Download it again from ${rt.url}`,
  );
}

const target = cachedArchivePath(cacheRoot(), rt);
mkdirSync(dirname(target), { recursive: true });
// Copy beside the target and rename, so an interrupted copy never leaves a partial archive where the
// installer would trust it; and check the copy itself, in case the source changed after it was checked.
const partial = `${target}.partial-${process.pid}`;
try {
  copyFileSync(source, partial);
  if (sha256File(partial) !== rt.sha256) refuse(`${source} changed while it was copied; copy it again`);
  renameSync(partial, target);
} finally {
  rmSync(partial, { force: true });
}
console.log(`Checked ${rt.archive} (SHA-256 ${sha256}) and placed it in Electron's cache:\n  ${target}`);

// A mirror setting changes the URL and so the cache folder the installer looks in: without it, the
// installer looks exactly where the archive now is.
const env = Object.fromEntries(
  Object.entries(process.env).filter(
    ([key]) =>
      !/^(npm_config_|npm_package_config_)?electron_(mirror|nightly_mirror|custom_dir|custom_filename)$/i.test(key),
  ),
);
const install = spawnSync(process.execPath, [join(ROOT, 'node_modules/electron/install.js')], {
  cwd: ROOT,
  env,
  stdio: 'inherit',
});
if (install.status !== 0 || !isInstalled()) {
  console.error("electron:install: Electron's installer could not unpack the archive (see above).");
  process.exit(1);
}
console.log(`Electron ${rt.version} is installed. Run npm start.`);

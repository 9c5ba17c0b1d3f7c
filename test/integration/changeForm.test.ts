import Database from 'better-sqlite3';
import { join } from 'node:path';
import { rebuildChain, tamperCovered } from '../helpers/tamper.ts';
import { runCustos } from '../helpers/cli.ts';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openCaseDbReadOnly } from '../../electron/core/store/db/caseDb.ts';
import { runReplayAndForm } from '../../electron/core/store/verify/replay.ts';
import { verifyCase } from '../../electron/core/store/verify/index.ts';
import { verifyCaseInWorkers } from '../../electron/core/store/verify/workers.ts';
import { STATE_TABLE_NAMES } from '../../electron/core/store/format/stateTables.ts';
import { addTimelineEvent } from '../../electron/core/services/timeline.ts';
import { insertNote } from '../../electron/core/store/tables/notes.ts';
import { newCase, tempDir } from '../helpers/tempCase.ts';
import { checkOf, custosVerdict, pythonVerdict } from '../helpers/verdicts.ts';

/**
 * The audit chain accepts only change data in the form the case format defines (sections 3 and 4
 * of docs/case-file-format.md). The hash covers the stored text, so other forms can only come from
 * someone who rebuilt the chain: each test does that, hashes and all, and expects both verifiers to
 * name the entry in check 1.
 */
let dir: string;
let cleanup: () => void;
let path: string;

beforeEach(() => {
  ({ dir, cleanup } = tempDir());
  const made = newCase(dir);
  path = made.path;
  for (let i = 1; i <= 3; i++) {
    addTimelineEvent(made.caseDb, made.ctx, {
      at: `2026-10-0${i}T10:00Z`,
      zone: 'UTC',
      title: `Event ${i} — Łódź "quoted"`,
      description: 'Okta',
      source: 'Okta',
      category: 'access',
    });
  }
  insertNote(made.caseDb, made.ctx, '11111111-2222-4333-8444-555555555555', {
    body: 'Counsel asked for a hold.',
    author: 'Dana',
    privileged: true,
  });
  made.caseDb.close();
});
afterEach(() => cleanup());

/** Replaces entry `seq`'s change text and recomputes every hash from there on, as a forger would. */
const rewriteEntry = (seq: number, rewrite: (changes: string) => string) =>
  rebuildChain(path, (at, changes) => (at === seq ? rewrite(changes) : changes));

/** Both verifiers, every route of Custos's: the verdict, and check 1's result. */
async function chainResult() {
  const custos = custosVerdict(path);
  const { exitCode, ...python } = pythonVerdict(path);
  expect(python).toEqual(custos);
  expect(exitCode).toBe(custos.ok ? 0 : 1);
  const caseDb = openCaseDbReadOnly(path, { forVerification: true });
  try {
    const inline = verifyCase(caseDb);
    expect((await verifyCaseInWorkers(caseDb)).checks).toEqual(inline.checks);
    // With every table's inserts proven in SQL (as for a large case), the finding is the same.
    const provenEverywhere = runReplayAndForm(caseDb.db, STATE_TABLE_NAMES, 0);
    const viaProofs = inline.checks.find((c) => c.id === 'chain')!;
    if (viaProofs.status === 'fail' && !provenEverywhere.form) {
      expect(viaProofs.message).not.toMatch(/form the case format does not allow/);
    }
    return inline.checks.find((c) => c.id === 'chain')!;
  } finally {
    caseDb.close();
  }
}

describe('the audit chain accepts only the canonical form of change data', () => {
  it('a chain rebuilt without changing the form still passes (the forger’s tool is sound)', async () => {
    rewriteEntry(3, (changes) => changes.replace('Event 2', 'Event X'));
    const chain = await chainResult();
    expect(chain.status).toBe('pass');
    // The replay still catches the edit, against the table.
    expect(checkOf(custosVerdict(path), 'replay').status).toBe('fail');
  });

  const forms: [string, (changes: string) => string][] = [
    ['spaces between members', (c) => c.replaceAll('":', '": ')],
    ['a number written as 0.0', (c) => c.replace('"removed":0', '"removed":0.0')],
    ['a number written as -0', (c) => c.replace('"removed":0', '"removed":-0')],
    ['a number written with an exponent', (c) => c.replace('"removed":0', '"removed":0e0')],
    ['a number too large to be exact', (c) => c.replace('"removed":0', '"removed":9007199254740993')],
    ['a letter escaped that need not be', (c) => c.replace('"Event 2', '"\\u0045vent 2')],
    [
      'the members of a row image out of order',
      (c) =>
        c.replace(
          /^\[\{"after":\{"category":("[^"]*"),"created_at":("[^"]*"),/,
          '[{"after":{"created_at":$2,"category":$1,',
        ),
    ],
    ['a member the format does not have', (c) => c.replace('"before":null,', '"before":null,"comment":"x",')],
    ['a change without its before-image', (c) => c.replace('"before":null,', '')],
    ['a change that is not an object', () => '[null]'],
    ['a value that is true rather than 1 or 0', (c) => c.replace('"removed":0', '"removed":false')],
    ['text that is not JSON', () => '[{"after":'],
  ];
  for (const [what, rewrite] of forms) {
    it(`${what}: check 1 fails at that entry`, async () => {
      rewriteEntry(3, rewrite);
      const chain = await chainResult();
      expect(chain).toMatchObject({ status: 'fail', location: { seq: 3 } });
      expect(chain.message).toMatch(/^Entry 3 stores its change data in a form the case format does not allow: /);
    });
  }

  it('names the earliest entry, whether its fault is the form or the hash', async () => {
    rewriteEntry(4, (c) => c.replaceAll('":', '": '));
    rewriteEntry(3, (c) => c.replace('"removed":0', '"removed":0.0'));
    expect(await chainResult()).toMatchObject({ status: 'fail', location: { seq: 3 } });
    // An entry altered without its hash being recomputed comes before a later one of the wrong form.
    const db = new Database(path);
    const trigger = db
      .prepare("SELECT sql FROM sqlite_master WHERE name = 'audit_log_no_update'")
      .pluck()
      .get() as string;
    db.exec(`DROP TRIGGER audit_log_no_update; UPDATE audit_log SET actor_name = 'Mallory' WHERE seq = 2; ${trigger}`);
    db.close();
    expect(await chainResult()).toMatchObject({
      status: 'fail',
      location: { seq: 2 },
      message: 'Entry 2 was altered: its content no longer matches its hash',
    });
  });
  it('a number too large to be exact, in the entry and in its row alike: the same findings whether SQL proved the insert or not', async () => {
    rewriteEntry(3, (c) => c.replace('"removed":0', '"removed":9007199254740993'));
    // The forger also switches off the CHECK constraints that keep `removed` to 0 or 1.
    tamperCovered(
      path,
      "PRAGMA ignore_check_constraints = ON; UPDATE timeline_event SET removed = 9007199254740993 WHERE title LIKE 'Event 2%'",
    );
    expect(await chainResult()).toMatchObject({ status: 'fail', location: { seq: 3 } });
    const caseDb = openCaseDbReadOnly(path, { forVerification: true });
    try {
      const folded = runReplayAndForm(caseDb.db, STATE_TABLE_NAMES, Number.MAX_SAFE_INTEGER);
      const proven = runReplayAndForm(caseDb.db, STATE_TABLE_NAMES, 0);
      expect(proven).toEqual(folded);
      expect(proven.form).toMatchObject({ status: 'fail', location: { seq: 3 } });
    } finally {
      caseDb.close();
    }
  });
});

describe('an entry whose change data cannot be read', () => {
  it('is listed by custos audit among all the others, marked and named; the list still works', () => {
    tamperCovered(path, `UPDATE audit_log SET changes = '[{"after":' WHERE seq = 3`);
    const result = runCustos(join(dir, 'data'), ['audit', path]);
    expect(result.status).toBe(0);
    // Every entry is there, in order.
    expect([...result.stdout.matchAll(/^#(\d+) /gm)].map((m) => Number(m[1]))).toEqual([1, 2, 3, 4, 5]);
    // Its sentence says it cannot be read, and the warning under it says what to do.
    expect(result.stdout).toMatch(
      /^#3 .*\n {6}Dana Whitfield recorded 'timeline\.add' \(entry 3\), whose change data cannot be read: the file was altered outside Custos\n {6}⚠ UNREADABLE: entry 3's change data is not JSON; run custos verify$/m,
    );
    expect(result.stderr).toBe(
      `custos: warning: entry 3 holds change data that cannot be read; the others are listed. Run custos verify ${path} for the full report\n`,
    );
    const json = runCustos(join(dir, 'data'), ['audit', path, '--json']);
    const entries = JSON.parse(json.stdout) as { seq: number; damaged?: string; changes: unknown[] }[];
    expect(entries.map((e) => [e.seq, e.damaged ?? null, e.changes.length])).toEqual([
      [1, null, 1],
      [2, null, 1],
      [3, 'it is not JSON', 0],
      [4, null, 1],
      [5, null, 1],
    ]);
  });
});

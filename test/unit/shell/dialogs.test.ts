import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { newCase } from '../../helpers/tempCase.ts';
import { startShell } from './shell.ts';
import type { Shell } from './shell.ts';

let shell: Shell;
beforeEach(async () => {
  shell = await startShell();
  await shell.setProfile();
});
afterEach(() => shell.stop());

const cancelledOpen = { canceled: true, filePaths: [] };
const cancelledSave = { canceled: true, filePath: '' };

describe('native dialogs', () => {
  it('give null when the person cancels, and open over the Custos window', async () => {
    const { dialog } = shell.electron;
    dialog.answerOpen(cancelledOpen);
    dialog.answerOpen(cancelledOpen);
    dialog.answerOpen(cancelledOpen);
    dialog.answerSave(cancelledSave);
    // Some desktops report no cancel but no path either.
    dialog.answerSave({ canceled: false, filePath: '' });
    expect(await shell.invoke('dialog:chooseCaseToOpen', {})).toEqual({ ok: true, value: null });
    expect(await shell.invoke('dialog:chooseEvidenceFiles', {})).toEqual({ ok: true, value: null });
    expect(await shell.invoke('dialog:chooseExportFolder', {})).toEqual({ ok: true, value: null });
    expect(await shell.invoke('dialog:chooseNewCasePath', {})).toEqual({ ok: true, value: null });
    expect(await shell.invoke('dialog:chooseNewCasePath', {})).toEqual({ ok: true, value: null });
    expect(dialog.calls.map((c) => c.parent)).toEqual(Array(5).fill(shell.window));
  });

  it('ask for what each is for: a case file, evidence files, a folder', async () => {
    const { dialog } = shell.electron;
    for (let i = 0; i < 3; i++) dialog.answerOpen(cancelledOpen);
    await shell.ok('dialog:chooseCaseToOpen', {});
    await shell.ok('dialog:chooseEvidenceFiles', {});
    await shell.ok('dialog:chooseExportFolder', {});
    expect(dialog.calls.map((c) => c.options.properties)).toEqual([
      ['openFile'],
      ['openFile', 'multiSelections'],
      ['openDirectory', 'createDirectory'],
    ]);
    expect(dialog.calls[0]?.options.filters).toEqual([{ name: 'Custos case', extensions: ['custos'] }]);
  });

  it('New case: the save dialog suggests the name and the case file always ends in .custos', async () => {
    const { dialog } = shell.electron;
    dialog.answerSave({ canceled: false, filePath: join(shell.workDir, 'IR-2026-014') });
    dialog.answerSave({ canceled: false, filePath: join(shell.workDir, 'Upper.CUSTOS') });
    dialog.answerSave({ canceled: false, filePath: join(shell.workDir, 'ok.custos') });
    expect(await shell.ok('dialog:chooseNewCasePath', { suggestedName: 'IR-2026-014.custos' })).toEqual({
      path: join(shell.workDir, 'IR-2026-014.custos'),
    });
    expect(await shell.ok('dialog:chooseNewCasePath', {})).toEqual({ path: join(shell.workDir, 'Upper.CUSTOS') });
    expect(await shell.ok('dialog:chooseNewCasePath', {})).toEqual({ path: join(shell.workDir, 'ok.custos') });
    expect(dialog.calls[0]?.options.defaultPath).toBe('IR-2026-014.custos');
  });

  it('New case: the path the save dialog returned (with .custos added) is the one case:create accepts', async () => {
    const path = join(shell.workDir, 'IR-2026-014.custos');
    const draft = { title: 'Contractor infiltration' };
    expect(await shell.invoke('case:create', { path, draft })).toMatchObject({
      ok: false,
      error: { code: 'PATH_NOT_CHOSEN' },
    });
    shell.electron.dialog.answerSave({ canceled: false, filePath: join(shell.workDir, 'IR-2026-014') });
    await shell.ok('dialog:chooseNewCasePath', {});
    expect(await shell.ok('case:create', { path, draft })).toMatchObject({ path, record: { title: draft.title } });
  });

  it('Open case: a case file becomes usable once the open dialog returned it', async () => {
    // A case made elsewhere (another machine, the CLI): not in this app's recent list.
    const { path, caseDb } = newCase(shell.workDir, { title: 'Received from legal' }, 'received.custos');
    caseDb.close();
    expect(await shell.invoke('case:open', { path })).toMatchObject({ ok: false, error: { code: 'PATH_NOT_CHOSEN' } });

    shell.electron.dialog.answerOpen({ canceled: false, filePaths: [path] });
    expect(await shell.ok('dialog:chooseCaseToOpen', {})).toEqual({ path });
    expect(await shell.ok('case:open', { path })).toMatchObject({ path, record: { title: 'Received from legal' } });
    expect(shell.window.getTitle()).toBe('Received from legal — Custos');
  });

  it('Add files and Export: the chosen paths come back to the page, and only they are usable', async () => {
    const files = [join(shell.workDir, 'a.bin'), join(shell.workDir, 'b.bin')];
    const folder = join(shell.workDir, 'export');
    const add = () => shell.invoke('evidence:add', { paths: files, draft: {} });
    const exportTo = () => shell.invoke('evidence:export', { ids: [], dir: folder });
    expect(await add()).toMatchObject({ ok: false, error: { code: 'PATH_NOT_CHOSEN' } });
    expect(await exportTo()).toMatchObject({ ok: false, error: { code: 'PATH_NOT_CHOSEN' } });

    shell.electron.dialog.answerOpen({ canceled: false, filePaths: files });
    shell.electron.dialog.answerOpen({ canceled: false, filePaths: [folder] });
    expect(await shell.ok('dialog:chooseEvidenceFiles', {})).toEqual({ paths: files });
    expect(await shell.ok('dialog:chooseExportFolder', {})).toEqual({ path: folder });
    // Past the path check; what stops them now is that no case is open.
    expect(await add()).toMatchObject({ ok: false, error: { code: 'NO_CASE_OPEN' } });
    expect(await exportTo()).toMatchObject({ ok: false, error: { code: 'NO_CASE_OPEN' } });
  });

  it('Export as: the save dialog offers JSON, gives the path exactly as chosen, and only that path is written', async () => {
    const { dialog } = shell.electron;
    const target = join(shell.workDir, 'termination.cacao.json');
    const exportTo = (path: string) => shell.invoke('playbook:export', { template: 'termination', path });
    expect(await exportTo(target)).toMatchObject({ ok: false, error: { code: 'PATH_NOT_CHOSEN' } });
    dialog.answerSave(cancelledSave);
    dialog.answerSave({ canceled: false, filePath: target });
    expect(await shell.ok('dialog:chooseSavePath', { suggestedName: 'termination.cacao.json' })).toBeNull();
    expect(await shell.ok('dialog:chooseSavePath', { suggestedName: 'termination.cacao.json' })).toEqual({
      path: target,
    });
    expect(dialog.calls.map((c) => c.options.defaultPath)).toEqual([
      'termination.cacao.json',
      'termination.cacao.json',
    ]);
    expect(dialog.calls[0]?.options.filters).toEqual([{ name: 'CACAO 2.0 playbook (JSON)', extensions: ['json'] }]);
    expect(await exportTo(target)).toMatchObject({ ok: true, value: { path: target } });
    expect(await exportTo(join(shell.workDir, 'other.json'))).toMatchObject({
      ok: false,
      error: { code: 'PATH_NOT_CHOSEN' },
    });
  });
});

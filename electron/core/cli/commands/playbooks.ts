import { existsSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { MAX_PLAYBOOK_BYTES, exportCacaoPlaybook } from '../../playbooks/importCacao.ts';
import { findTemplate, importTemplate, listTemplates } from '../../playbooks/library.ts';
import { UsageError, option, parseCommand, quoted } from '../args.ts';
import type { Runners } from '../command.ts';
import { EXIT } from '../context.ts';
import { safe } from '../format.ts';

/** Reads a file a person names, refusing what is not a regular file or is too large to be a playbook. */
function readPlaybookFile(path: string): Uint8Array {
  let size: number;
  try {
    const stat = statSync(path);
    if (!stat.isFile()) throw new UsageError(`${quoted(path)} is not a file; name a CACAO 2.0 JSON file`);
    size = stat.size;
  } catch (error) {
    if (error instanceof UsageError) throw error;
    throw new UsageError(
      `cannot read ${quoted(path)} (${(error as NodeJS.ErrnoException).code ?? 'error'}); check the path`,
    );
  }
  if (size > MAX_PLAYBOOK_BYTES) {
    throw new UsageError(`${quoted(path)} is ${size} bytes, more than the ${MAX_PLAYBOOK_BYTES} a playbook may have`);
  }
  return readFileSync(path);
}

export const playbookCommands = {
  'playbook templates'(args, cli) {
    const { values } = parseCommand(args, { file: false });
    const { usable, unusable } = listTemplates(cli.env.dataDir);
    if (values.json) {
      cli.io.out(
        JSON.stringify(
          {
            templates: usable.map(({ template, origin, file }) => ({
              id: template.id,
              name: template.name,
              kind: template.kind,
              version: template.modified,
              steps: template.steps.filter((s) => s.type === 'action').length,
              origin,
              file,
            })),
            unusable,
          },
          null,
          2,
        ),
      );
      return EXIT.ok;
    }
    for (const { template, origin, file } of usable) {
      const actions = template.steps.filter((s) => s.type === 'action').length;
      cli.io.out(
        `${safe(template.name)}\n  ${template.id}  ${origin}, ${actions} steps, version ${template.modified}\n  ${safe(file)}`,
      );
    }
    for (const { file, problem } of unusable) cli.io.err(`custos: not usable: ${safe(file)}: ${safe(problem)}`);
    return EXIT.ok;
  },
  'playbook export'(args, cli) {
    const { values, rest } = parseCommand(args, {
      file: false,
      options: { out: { type: 'string' } },
      min: 1,
      max: 1,
      names: 'the TEMPLATE (name, id, or file name)',
    });
    const out = option(values, 'out');
    if (!out) throw new UsageError('--out FILE is required: where to write the CACAO 2.0 JSON');
    const target = resolve(out);
    if (existsSync(target)) {
      throw new UsageError(`${quoted(target)} exists; choose a new file name (nothing is overwritten)`);
    }
    if (!existsSync(dirname(target))) throw new UsageError(`the folder ${quoted(dirname(target))} does not exist`);
    const { template } = findTemplate(cli.env.dataDir, rest[0]!);
    const text = exportCacaoPlaybook(template);
    const temp = `${target}.partial-${process.pid}`;
    try {
      writeFileSync(temp, text, { flag: 'wx' });
      renameSync(temp, target);
    } finally {
      rmSync(temp, { force: true });
    }
    cli.io.out(
      values.json
        ? JSON.stringify({ id: template.id, file: target }, null, 2)
        : `Exported "${safe(template.name)}" as CACAO 2.0 to ${safe(target)}`,
    );
    return EXIT.ok;
  },
  'playbook import'(args, cli) {
    const { values, rest } = parseCommand(args, { file: false, min: 1, max: 1, names: 'the CACAO 2.0 FILE to import' });
    const path = resolve(rest[0]!);
    const { template, file } = importTemplate(cli.env.dataDir, readPlaybookFile(path), path);
    const actions = template.steps.filter((s) => s.type === 'action').length;
    cli.io.out(
      values.json
        ? JSON.stringify({ id: template.id, name: template.name, file }, null, 2)
        : `Imported "${safe(template.name)}" (${actions} steps) into your templates: ${safe(file)}`,
    );
    return EXIT.ok;
  },
} satisfies Runners;

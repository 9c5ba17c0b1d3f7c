import { PlaybookTemplate } from '../../../shared/domain/playbook.ts';
import { CustosError } from '../errors.ts';
import { cacaoSchemaErrors } from './cacaoSchema.ts';
import { templateFromCacao, templateToCacao } from './cacao.ts';
import { workflowProblems } from './workflow.ts';
import { reachable } from '../../../shared/logic/workflow.ts';

/**
 * Reading a CACAO 2.0 playbook someone hands over: hostile until checked. In order: its size, that
 * it is JSON, that the official schemas accept it, that its workflow holds together; only then is
 * it a template. A refusal names the file, what is wrong and where (a JSON path), and nothing is
 * written anywhere by reading.
 */

export const MAX_PLAYBOOK_BYTES = 4 * 1024 * 1024;
const SHOWN = 8;

function refuse(name: string, what: string, problems: string[]): never {
  const more = problems.length > SHOWN ? `; and ${problems.length - SHOWN} more` : '';
  throw new CustosError(
    'INVALID_INPUT',
    `${name} is not a playbook Custos can use: ${what}: ${problems.slice(0, SHOWN).join('; ')}${more}`,
  );
}

/** A template from the bytes of a CACAO 2.0 file; `name` says which file in any refusal. */
export function parseCacaoPlaybook(bytes: Uint8Array, name: string): PlaybookTemplate {
  if (bytes.byteLength > MAX_PLAYBOOK_BYTES) {
    refuse(name, 'it is too large', [
      `${bytes.byteLength} bytes, more than the ${MAX_PLAYBOOK_BYTES} a playbook may have`,
    ]);
  }
  let doc: unknown;
  try {
    doc = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes));
  } catch (error) {
    refuse(name, 'it is not JSON text', [(error as Error).message]);
  }
  const schema = cacaoSchemaErrors(doc);
  if (schema.length > 0) refuse(name, 'the CACAO 2.0 schemas refuse it', schema);
  const workflow = workflowProblems(doc as Record<string, unknown>);
  if (workflow.length > 0) refuse(name, 'its workflow does not hold together', workflow);
  const parsed = PlaybookTemplate.safeParse(templateFromCacao(doc as Record<string, unknown>));
  if (!parsed.success) {
    refuse(
      name,
      'it does not fit a Custos template',
      parsed.error.issues.map((i) => `$.${i.path.join('.')}: ${i.message}`),
    );
  }
  return parsed.data;
}

/** The CACAO 2.0 JSON text of a template, checked against the official schemas before it leaves. */
export function exportCacaoPlaybook(template: PlaybookTemplate): string {
  return checkedCacaoText(templateToCacao(template), `the playbook "${template.name}"`);
}

/** A CACAO document as the JSON text Custos writes, refused if the schemas or the workflow check would refuse it. */
export function checkedCacaoText(doc: Record<string, unknown>, what: string): string {
  const problems = [...cacaoSchemaErrors(doc), ...workflowProblems(doc)];
  if (problems.length > 0) {
    throw new CustosError(
      'INVALID_INPUT',
      `${what} would not be valid CACAO 2.0: ${problems.slice(0, SHOWN).join('; ')}`,
    );
  }
  return `${JSON.stringify(doc, null, 2)}\n`;
}

/**
 * What is wrong with a template as edited, in words a person can act on, or nothing: the fields
 * Custos needs, then what CACAO 2.0 and the workflow check would refuse.
 */
export function templateProblems(template: PlaybookTemplate): string[] {
  const parsed = PlaybookTemplate.safeParse(template);
  if (!parsed.success) return parsed.error.issues.map((i) => `$.${i.path.join('.')}: ${i.message}`);
  const doc = templateToCacao(parsed.data);
  return [...cacaoSchemaErrors(doc), ...workflowProblems(doc), ...unreachableSteps(parsed.data)];
}

/**
 * Steps the start no longer leads to, after an edit: a playbook made elsewhere may carry some (and
 * is imported as it is), but an edit that cuts a step off the flow is a mistake to point out.
 */
function unreachableSteps(template: PlaybookTemplate): string[] {
  const seen = reachable(template, [template.start]);
  return template.steps
    .filter((s) => !seen.has(s.id) && s.type !== 'end')
    .map((s) => `$.workflow["${s.id}"]: step ${s.code || s.name || s.type} cannot be reached from the start`);
}

import { describe, expect, it } from 'vitest';
import { templateFromCacao } from '../../electron/core/playbooks/cacao.ts';
import { ipcContract } from '../../shared/ipc/contract.ts';
import { thirdParty } from '../helpers/cacao.ts';

// What the page may send about playbooks is bounded like every other request: an edited template
// to check or save is no larger than a playbook file may be.

describe('playbook requests over IPC', () => {
  it('take an edited template up to the size of a playbook file, and refuse a larger one saying so', () => {
    const template = templateFromCacao(thirdParty());
    for (const channel of ['playbook:check', 'playbook:save'] as const) {
      expect(ipcContract[channel].req.safeParse({ template }).success).toBe(true);
      const huge = ipcContract[channel].req.safeParse({
        template: { ...template, description: 'x'.repeat(5_000_000) },
      });
      expect(huge.success).toBe(false);
      expect(huge.error?.issues[0]?.message).toBe('the template is larger than 4 MiB, the limit for a playbook');
    }
  });
});

// A CACAO 2.0 playbook made by another tool, in the shape of OASIS's own examples: an automated ssh
// step run by a person's agent against a firewall, a decision, and a bounded loop.
export const ID = {
  playbook: 'playbook--a1b2c3d4-0000-4000-8000-000000000001',
  identity: 'identity--a1b2c3d4-0000-4000-8000-000000000002',
  start: 'start--a1b2c3d4-0000-4000-8000-000000000003',
  block: 'action--a1b2c3d4-0000-4000-8000-000000000004',
  decide: 'if-condition--a1b2c3d4-0000-4000-8000-000000000005',
  notify: 'action--a1b2c3d4-0000-4000-8000-000000000006',
  retry: 'while-condition--a1b2c3d4-0000-4000-8000-000000000007',
  check: 'action--a1b2c3d4-0000-4000-8000-000000000008',
  end: 'end--a1b2c3d4-0000-4000-8000-000000000009',
  endTrue: 'end--a1b2c3d4-0000-4000-8000-00000000000a',
  endLoop: 'end--a1b2c3d4-0000-4000-8000-00000000000b',
  analyst: 'individual--a1b2c3d4-0000-4000-8000-00000000000c',
  firewall: 'security-category--a1b2c3d4-0000-4000-8000-00000000000d',
};

export function thirdParty(): Record<string, unknown> {
  return {
    type: 'playbook',
    spec_version: 'cacao-2.0',
    id: ID.playbook,
    name: 'Block a bad MAC address',
    description: 'Made by another tool.',
    created_by: ID.identity,
    created: '2025-03-01T10:00:00.000Z',
    modified: '2025-03-02T10:00:00.000Z',
    workflow_start: ID.start,
    workflow: {
      [ID.start]: { type: 'start', on_completion: ID.block },
      [ID.block]: {
        type: 'action',
        name: 'Block the MAC address',
        commands: [
          { type: 'ssh', command: 'set mac-filter deny 00:11:22:33:44:55' },
          { type: 'manual', command_b64: Buffer.from('Confirm the block in the console').toString('base64') },
        ],
        agent: ID.analyst,
        targets: [ID.firewall],
        on_completion: ID.decide,
      },
      [ID.decide]: {
        type: 'if-condition',
        name: 'Was the device a company laptop?',
        condition: "[x-custos:answer = 'yes']",
        on_true: ID.notify,
        on_completion: ID.retry,
      },
      [ID.notify]: {
        type: 'action',
        name: 'Tell the asset owner',
        commands: [{ type: 'manual', command: 'Call the asset owner' }],
        agent: ID.analyst,
        on_completion: ID.endTrue,
      },
      [ID.endTrue]: { type: 'end' },
      [ID.retry]: {
        type: 'while-condition',
        name: 'Still seen on the network?',
        condition: "[x-custos:seen = 'yes']",
        on_true: ID.check,
        on_completion: ID.end,
      },
      [ID.check]: {
        type: 'action',
        name: 'Look again in the switch logs',
        commands: [{ type: 'manual', command: 'Search the switch logs' }],
        agent: ID.analyst,
        on_completion: ID.endLoop,
      },
      [ID.endLoop]: { type: 'end' },
      [ID.end]: { type: 'end' },
    },
    agent_definitions: { [ID.analyst]: { type: 'individual', name: 'SOC analyst' } },
    target_definitions: {
      [ID.firewall]: { type: 'security-category', name: 'Perimeter firewall', category: ['firewall'] },
    },
  };
}

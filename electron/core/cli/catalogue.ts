import { domain } from './command.ts';
import type { Command } from './command.ts';

// Every command of `custos` and its usage, in the order help lists them. What each one does lives in
// commands/<domain>.ts and is loaded only when it runs, so help and usage errors answer at once.

const RECORD_USAGE =
  '[--reference R] [--type infiltration|extortion|both|other] [--status open|contained|closed]\n' +
  '                    [--severity low|medium|high|critical] [--tlp CLEAR|GREEN|AMBER|AMBER+STRICT|RED]\n' +
  '                    [--privilege-marking M] [--lead L] [--counsel C] [--aware-at TIME [--aware-zone Z]] [--summary S]';

/** The acquisition options other than --description, which each command places itself. */
const ACQUISITION_USAGE =
  '[--source S] [--custodian C] [--acquired-by A] [--witness W]\n' +
  '                    [--acquired-at TIME [--acquired-zone Z]] [--legal-basis B] [--storage-location L] [--notes N]';

const handOverUsage = (kind: string) =>
  `custos custody ${kind} FILE ID --from A --to B --purpose P [--seal-before S] [--seal-after S]\n` +
  '                    [--from-location L] [--to-location L] [--check-hash]';

export const COMMANDS: Command[] = [
  ...domain(
    {
      'profile set': 'custos profile set --name N --role R --organisation O [--time-zone ZONE]',
      'profile show': 'custos profile show [--json]',
    },
    async () => (await import('./commands/profile.ts')).profileCommands,
  ),
  ...domain(
    {
      new: `custos new FILE --title T ${RECORD_USAGE}`,
      info: 'custos info FILE [--json]',
      'case set': `custos case set FILE [--title T] ${RECORD_USAGE}\n                    (--aware-at "" clears it)`,
    },
    async () => (await import('./commands/case.ts')).caseCommands,
  ),
  ...domain(
    {
      overview:
        'custos overview FILE [--json]      (the case at a glance: integrity, custody, deadlines, playbook progress,\n' +
        '                    the latest activity and what to do next)',
    },
    async () => (await import('./commands/overview.ts')).overviewCommands,
  ),
  ...domain(
    {
      'timeline add':
        'custos timeline add FILE --at TIME --title T [--zone Z] [--description D] [--source S] [--category C]',
      'timeline list': 'custos timeline list FILE [--json]',
      'timeline edit':
        'custos timeline edit FILE EVENT [--at TIME [--zone Z]] [--title T] [--description D] [--source S] [--category C]',
      'timeline remove': 'custos timeline remove FILE EVENT      (EVENT: the id, or the short id add and list print)',
    },
    async () => (await import('./commands/timeline.ts')).timelineCommands,
  ),
  ...domain(
    {
      'note add':
        'custos note add FILE --text T [--title T] [--privileged]\n' +
        '                    (--title becomes the note’s first line; --privileged marks it legally privileged)',
      'note list': 'custos note list FILE [--json]',
      'note show': 'custos note show FILE ID [--json]      (the whole note)',
      'note edit':
        'custos note edit FILE ID [--text T] [--title T] [--privileged | --not-privileged]\n' +
        '                    (--text replaces the whole note, with --title as its first line; --title alone replaces the first line)',
      'note remove': 'custos note remove FILE ID',
    },
    async () => (await import('./commands/notes.ts')).noteCommands,
  ),
  ...domain(
    {
      audit: 'custos audit FILE [--json]',
      verify: 'custos verify FILE [--json] [--expect-head SEQ:HASH]',
    },
    async () => (await import('./commands/audit.ts')).auditCommands,
  ),
  ...domain(
    {
      'evidence add':
        'custos evidence add FILE PATH… [--by-reference] [--md5] [--sha1] [--link] [--derived-from E-0001]\n' +
        '                    [--tool TOOL [--tool-version V]] [--tool-hash ALGORITHM:HEX] [--store-limit SIZE]\n' +
        '                    [--description D]…      (once for every file, or once per file in the order of the files)\n' +
        `                    ${ACQUISITION_USAGE}`,
      'evidence add-physical':
        'custos evidence add-physical FILE --description D [--make M] [--model M] [--serial S] [--asset-tag T]\n' +
        `                    [--condition C] [--seal S] [--method M]\n                    ${ACQUISITION_USAGE}`,
      'evidence add-text':
        'custos evidence add-text FILE --text T --method HOW --description D      (words captured on the spot, hashed as UTF-8)\n' +
        `                    ${ACQUISITION_USAGE}`,
      'evidence list': 'custos evidence list FILE [--json]',
      'evidence show': 'custos evidence show FILE ID [--json]      (the item, its custody history and its links)',
      'evidence verify': 'custos evidence verify FILE [ID…] [--json]',
      'evidence export':
        'custos evidence export FILE ID…|--all DIR      (DIR is made if it does not exist but its parent does)',
      'evidence dispose':
        'custos evidence dispose FILE ID --method M --reason R --authorised-by A      (refused under a legal hold)',
      'evidence link': 'custos evidence link FILE ID --to-event ID | --to-note ID | --to-item ID [--relation R]',
      'evidence unlink': 'custos evidence unlink FILE LINK_ID      (custos evidence show lists an item’s links)',
    },
    async () => (await import('./commands/evidence.ts')).evidenceCommands,
  ),
  ...domain(
    { 'custody transfer': handOverUsage('transfer'), 'custody return': handOverUsage('return') },
    async () => (await import('./commands/custody.ts')).custodyCommands,
  ),
  ...domain(
    {
      'subject add':
        'custos subject add FILE --name N [--role worker|facilitator|laptop-farm-host|reference|recruiter|agency|operator|other]\n' +
        '                    [--kind person|organisation|persona] [--alias A …] [--claimed-name N] [--claimed-nationality N]\n' +
        '                    [--claimed-location L] [--documents D] [--verified-name N] [--verified-nationality N]\n' +
        '                    [--verified-location L] [--findings F] [--verdict unverified|verified|partly-false|false]\n' +
        '                    [--hired DATE] [--started DATE] [--terminated DATE] [--manager M] [--notes N] [--tlp TLP]',
      'subject list': 'custos subject list FILE [--json]',
      'subject show': 'custos subject show FILE SUBJECT [--json]      (SUBJECT: id or name)',
      'subject link':
        'custos subject link FILE SUBJECT --to (SUBJECT|EXHIBIT|INDICATOR-ID|EVENT-ID|NOTE-ID) --relation R\n' +
        '                    [--confidence low|medium|high|confirmed]      (e.g. --relation "received the laptop for")',
      'subject unlink': 'custos subject unlink FILE LINK      (a link id as subject show lists it)',
      'subject remove': 'custos subject remove FILE SUBJECT      (marked removed; the record stays in the file)',
    },
    async () => (await import('./commands/subjects.ts')).subjectCommands,
  ),
  ...domain(
    {
      'indicator check':
        'custos indicator check TYPE VALUE [--json]      (its one canonical form, or why it is refused; exit 1 if refused)',
      'indicator add':
        'custos indicator add FILE TYPE[/PLATFORM] VALUE [--platform P] [--first-seen T] [--last-seen T] [--zone Z]\n' +
        '                    [--source EXHIBIT] [--confidence low|medium|high|confirmed] [--tlp TLP] [--subject S …] [--notes N]',
      'indicator import':
        'custos indicator import FILE LIST [--type TYPE[/PLATFORM]] [--source EXHIBIT] [--subject S …] [--json]\n' +
        '                    (one indicator a line as TYPE:VALUE, or a CSV with a header type,value[,platform,…];\n' +
        '                    a verdict per line; exit 1 if any line was refused, the good lines are still added)',
      'indicator list': 'custos indicator list FILE [--type TYPE] [--json]',
      'indicator remove':
        'custos indicator remove FILE INDICATOR      (its id or value; marked removed, kept in the file)',
      'indicator types': 'custos indicator types [--json]      (the types and the short names each accepts)',
    },
    async () => (await import('./commands/indicators.ts')).indicatorCommands,
  ),
  ...domain(
    {
      'message add':
        'custos message add FILE --at TIME [--zone Z] --summary S [--channel email|telegram|signal|whatsapp|slack|phone|letter|other]\n' +
        '                    [--sender S] [--body TEXT] [--evidence EXHIBIT]',
      'demand add':
        'custos demand add FILE --threat T [--amount N --asset A] [--pay-to WALLET] [--deadline TIME [--zone Z]]\n' +
        '                    [--message ID] [--offered-proof P]      (prints the sanctions notice when a payment is named)',
      'demand list': 'custos demand list FILE [--json]      (demands, validation, decisions and time left)',
      'demand validate':
        'custos demand validate FILE DEMAND --samples S --compared-against C [--result pending|confirmed|not-confirmed|inconclusive]\n' +
        '                    [--at TIME [--zone Z]] [--evidence EXHIBIT] [--notes N]',
      'demand decide':
        'custos demand decide FILE [DEMAND] --decision do-not-pay|pay|negotiate|defer --reasons R --decided-by P\n' +
        '                    --at TIME [--zone Z] [--counsel C [--signed-at TIME]]',
      'demand sign-off':
        "custos demand sign-off FILE DECISION --counsel C --at TIME [--zone Z]      (counsel's sign-off; never replaced)",
    },
    async () => (await import('./commands/extortion.ts')).extortionCommands,
  ),
  ...domain(
    {
      clocks:
        'custos clocks FILE [--determined T] [--material T] [--classified T] [--discovered T] [--paid T]\n' +
        '                    [--submitted RULE=T …] [--zone Z] [--json]      (notification deadlines: GDPR, NIS2, DORA, SEC 8-K,\n' +
        '                    NYDFS, HIPAA; what-if: from the awareness time of the case and the events given)',
      'clock rules': 'custos clock rules [--json]      (every rule shipped, with what starts it and its source)',
      'clock set':
        'custos clock set FILE RULE [--trigger TIME [--zone Z]] [--off] [--notes N]\n' +
        '                    (the rule applies to the case; without --trigger it runs from the awareness time or the submission it follows)',
      'clock submitted':
        'custos clock submitted FILE RULE --at TIME [--zone Z] [--recipient R] --reference REF [--proof EXHIBIT] [--notes N]',
      'clock list': 'custos clock list FILE [--all] [--json]      (each deadline in UTC and in the case zone)',
    },
    async () => (await import('./commands/clocks.ts')).clockCommands,
  ),
  ...domain(
    {
      report:
        'custos report FILE --kind counsel|law-enforcement|executive|custody|checklist --out FILE.pdf\n' +
        '                    [--sections S,S…] [--exclude ID …] [--summary TEXT] [--country CC …] [--run RUN [--blank]]\n' +
        '                    (verifies the case, writes a new PDF and records it; --exclude takes E-0001, an id or kind:id)',
      'report verify':
        'custos report verify FILE REPORT.pdf [--json]      (whether this exact PDF was generated from the case; exit 1 if not)',
      'report regenerate':
        'custos report regenerate FILE REPORT_ID --out FILE.pdf      (the same bytes again while the case is unchanged)',
      'report list': 'custos report list FILE [--json]      (every report, export and package generated from the case)',
      export:
        'custos export FILE --format csv|stix --out DIR [--bom]      (CSV tables or a STIX 2.1 bundle; nothing is replaced)',
      package:
        'custos package FILE --out DIR [--exclude ID …] [--summary TEXT] [--country CC …]\n' +
        '                    (a new folder for the police: referral PDF, evidence, CSV, STIX and SHA256SUMS)',
    },
    async () => (await import('./commands/reports.ts')).reportCommands,
  ),
  ...domain(
    {
      search:
        'custos search FILE TEXT [--kind K] [--limit N] [--json]      (the whole case; case and accents ignored;\n' +
        '                    an indicator is found in any of its forms)',
    },
    async () => (await import('./commands/search.ts')).searchCommands,
  ),
  ...domain(
    {
      'playbook templates':
        'custos playbook templates [--json]      (the built-in playbooks and the ones you imported)',
      'playbook export':
        'custos playbook export (TEMPLATE | FILE [RUN]) --out OUT      (CACAO 2.0 JSON: a template by name, id or file name;\n' +
        '                    or a run of a case with its step record, state and proof in the Custos extension)',
      'playbook import':
        'custos playbook import FILE      (a CACAO 2.0 playbook into your templates, checked against the official schemas)',
      'playbook duplicate':
        'custos playbook duplicate TEMPLATE --name NAME      (a copy to adapt; built-ins stay read-only)',
      'playbook start':
        'custos playbook start FILE TEMPLATE --t0 TIME [--zone Z] [--title T]      (T0: the time steps are due from)',
      'playbook show':
        'custos playbook show FILE [RUN] [--json]      (steps by phase, due times from T0, what is overdue)',
      'playbook step':
        'custos playbook step FILE STEP --state S [--at TIME [--zone Z]] [--outcome O] [--reason R] [--assignee A]\n' +
        '                    [--proof E-0001 …] [--on-timeline] [--run RUN]      (states: pending, in_progress, done, skipped, blocked,\n' +
        '                    not_applicable; for indicators observed, not_observed, unknown; skipped and blocked need --reason)',
      'playbook decide':
        'custos playbook decide FILE QUESTION --answer A [--at TIME [--zone Z]] [--reason R] [--run RUN]\n' +
        '                    (answer a branch such as D4 "laptop returned?": yes/no, or a case such as US; the other branches become not applicable)',
      'playbook close':
        'custos playbook close FILE [RUN] [--reopen]      (a run whose work is over; a closed run takes no changes until reopened)',
      'access update':
        'custos access update FILE (ITEM | IDENTIFIER) --status revoked|verified_dead|not_applicable|active [--at TIME [--zone Z]] [--proof E-0001] [--notes N]\n' +
        '                    (revoked at, verified dead at: when it was cut, when a test showed it no longer works)',
      'access add':
        'custos access add FILE --system S --identifier I [--category C] [--owner O] [--status active|revoked|verified_dead|not_applicable]\n' +
        '                    [--revoked-at TIME [--zone Z]] [--proof E-0001] [--notes N]      (the access inventory of a termination)',
      'access import':
        'custos access import FILE CSV [--dry-run]      (header: system,identifier[,category,owner,status,revoked_at,notes];\n' +
        '                    every line gets a verdict; one refused line and nothing is imported)',
      'access list': 'custos access list FILE [--json]',
    },
    async () => (await import('./commands/playbooks.ts')).playbookCommands,
  ),
  ...domain(
    {
      'hold place': 'custos hold place FILE [ID] --reason R      (no ID: a hold on the whole case)',
      'hold release': 'custos hold release FILE HOLD_ID --reason R',
      'hold list': 'custos hold list FILE [--json]',
    },
    async () => (await import('./commands/holds.ts')).holdCommands,
  ),
];

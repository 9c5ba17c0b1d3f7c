import { Profile } from '../../../../shared/domain/profile.ts';
import { isValidZone } from '../../../../shared/logic/time.ts';
import { UsageError, checked, option, parseCommand } from '../args.ts';
import type { Runners } from '../command.ts';
import { EXIT } from '../context.ts';
import { safe } from '../format.ts';

/** The examiner profile every writing command records (the app asks for it on first start). */
export const profileCommands = {
  'profile set'(args, cli) {
    const { values } = parseCommand(args, {
      file: false,
      options: {
        name: { type: 'string' },
        role: { type: 'string' },
        organisation: { type: 'string' },
        'time-zone': { type: 'string' },
      },
    });
    const zone = option(values, 'time-zone') ?? '';
    if (zone && !isValidZone(zone)) {
      throw new UsageError(`--time-zone: ${safe(zone)} is not a time zone; use a name such as Europe/Berlin or UTC`);
    }
    const profile = checked(
      Profile,
      {
        name: option(values, 'name') ?? '',
        role: option(values, 'role') ?? '',
        organisation: option(values, 'organisation') ?? '',
        timeZone: zone,
      },
      { name: '--name', role: '--role', organisation: '--organisation', timeZone: '--time-zone' },
    );
    const saved = cli.appData().setProfile(profile);
    cli.io.out(
      values.json
        ? JSON.stringify(saved, null, 2)
        : `Examiner: ${safe(saved.name)} (${safe(saved.role)}, ${safe(saved.organisation)})${saved.timeZone ? `; the app also shows times in ${saved.timeZone}` : ''}\nSaved in ${safe(cli.appData().dir)}`,
    );
    return EXIT.ok;
  },
  'profile show'(args, cli) {
    const { values } = parseCommand(args, { file: false });
    const profile = cli.appData().profile();
    if (values.json) cli.io.out(JSON.stringify(profile, null, 2));
    else if (!profile) cli.io.out('No examiner profile yet (custos profile set --name N --role R --organisation O)');
    else {
      cli.io.out(
        `Examiner: ${safe(profile.name)} (${safe(profile.role)}, ${safe(profile.organisation)})${profile.timeZone ? `; the app also shows times in ${profile.timeZone}` : ''}`,
      );
    }
    return EXIT.ok;
  },
} satisfies Runners;

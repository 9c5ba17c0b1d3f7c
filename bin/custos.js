#!/usr/bin/env node
// The `custos` command. Runs the TypeScript core directly on Node 24 (type stripping), the same
// code the app runs. `npx custos …` in the project folder picks up the pinned Node 24.
import { runCli } from '../electron/core/cli/main.ts';

process.exitCode = await runCli(process.argv.slice(2), {
  out: (text) => process.stdout.write(`${text}\n`),
  err: (text) => process.stderr.write(`${text}\n`),
});

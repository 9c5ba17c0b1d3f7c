// Runs Electronegativity as a library and prints its findings as JSON, severity included: its CSV
// writer garbles rows whose sample holds quotes (the CSP row loses its first fields), and its SARIF
// output marks every finding "note". The CSV is still written beside it for people to read.
// Usage: node scripts/electronegativity-json.cjs <input dir> <electron version> <csv path>
require('./offline-got.cjs');
const path = require('node:path');
const dist = path.join(__dirname, '..', 'node_modules', '@doyensec', 'electronegativity', 'dist');
const run = require(path.join(dist, 'runner.js'));

const [input, electronVersion, csv] = process.argv.slice(2);
run({
  input: path.resolve(input),
  output: csv,
  isSarif: false,
  customScan: [],
  // Without network this check can say nothing; with the got stub it would only report that.
  excludeFromScan: ['availablesecurityfixesglobalcheck'],
  severitySet: 'informational',
  confidenceSet: 'tentative',
  isRelative: true,
  isVerbose: false,
  electronUpgrade: undefined,
  electronVersionOverride: electronVersion,
  parserPlugins: [],
})
  .then((result) => {
    const findings = result.issues.map((i) => ({
      id: i.id,
      severity: i.severity.name,
      confidence: i.confidence.name,
      file: i.file,
      location: `${i.location.line}:${i.location.column}`,
      description: i.description,
    }));
    process.stdout.write(`${JSON.stringify({ errors: result.errors.length, findings })}\n`);
  })
  .catch((error) => {
    process.stderr.write(`${error.stack}\n`);
    process.exit(1);
  });

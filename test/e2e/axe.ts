import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { AxeBuilder } from '@axe-core/playwright';
import type { Page } from 'playwright-core';

// axe-core's own types, reached through the builder so only the declared dependency is imported.
type Result = Awaited<ReturnType<AxeBuilder['analyze']>>['violations'][number];

/** WCAG 2.0 and 2.1, levels A and AA: the rules a screen of Custos must pass. */
export const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] as const;

/**
 * Also run, but only reported: axe's best practices (landmarks, a level-one heading, and the like)
 * are not WCAG failures, yet they are what a screen-reader user navigates by.
 */
const REPORTED_TAGS = ['best-practice'] as const;

/** Impacts that fail the test, for a rule of WCAG_TAGS; moderate and minor ones are only reported. */
const FAILING_IMPACTS: ReadonlySet<string> = new Set(['serious', 'critical']);
const FAILING_TAGS: ReadonlySet<string> = new Set(WCAG_TAGS);

function fails(violation: Result): boolean {
  return FAILING_IMPACTS.has(violation.impact ?? '') && violation.tags.some((tag) => FAILING_TAGS.has(tag));
}

// The message has to stay readable in a test run's output; the report file has everything.
const MAX_NODES_PER_RULE = 5;
const MAX_TARGET_CHARS = 160;
const MAX_HTML_CHARS = 160;
const MAX_SUMMARY_CHARS = 240;

function clip(text: string, max: number): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
}

/** axe's "Fix any of the following:" and one line per check, on one line. */
function summaryOf(failureSummary: string): string {
  const [lead = '', ...checks] = failureSummary.split('\n').map((line) => line.trim());
  return [lead, checks.filter(Boolean).join('; ')].filter(Boolean).join(' ');
}

/** A node's target as one CSS-like path (shadow DOM and frame parts joined by " >> "). */
function targetOf(node: Result['nodes'][number]): string {
  return node.target.map((part) => (Array.isArray(part) ? part.join(' >> ') : String(part))).join(' >> ');
}

/** One failing rule, as a developer reads it: what, how bad, where, and what axe saw there. */
function describeViolation(violation: Result): string {
  const lines = [`  ${violation.id} [${violation.impact ?? 'unknown'}]: ${violation.help}`, `    ${violation.helpUrl}`];
  for (const node of violation.nodes.slice(0, MAX_NODES_PER_RULE)) {
    lines.push(`    - ${clip(targetOf(node), MAX_TARGET_CHARS)}`, `      ${clip(node.html, MAX_HTML_CHARS)}`);
    if (node.failureSummary) lines.push(`      ${clip(summaryOf(node.failureSummary), MAX_SUMMARY_CHARS)}`);
  }
  const more = violation.nodes.length - MAX_NODES_PER_RULE;
  if (more > 0) lines.push(`    … and ${more} more ${more === 1 ? 'node' : 'nodes'}`);
  return lines.join('\n');
}

function summarise(violation: Result) {
  return {
    id: violation.id,
    impact: violation.impact ?? null,
    help: violation.help,
    helpUrl: violation.helpUrl,
    tags: violation.tags,
    nodes: violation.nodes.map((node) => ({
      target: targetOf(node),
      html: node.html,
      failureSummary: node.failureSummary ?? null,
    })),
  };
}

// Evaluating axe-core's 650 kB source takes most of a check's time, and a screen that shows a
// running task must be checked before the task ends. So the source goes into a document once, and
// later checks of the same document hand AxeBuilder this no-op instead; a reload starts a document
// without axe, which then gets the real source again.
const ALREADY_LOADED = '/* axe-core is already loaded in this document */';

async function axeSourceFor(page: Page): Promise<{ axeSource?: string }> {
  const loaded = await page.evaluate(() => typeof (globalThis as { axe?: unknown }).axe === 'object');
  return loaded ? { axeSource: ALREADY_LOADED } : {};
}

/**
 * Runs axe-core on the page as it is now and writes `<dir>/<screen>.json` with every violation
 * (and the checks axe could not decide, for a person to review). Throws, naming the screen, if a
 * WCAG A or AA rule is violated with serious or critical impact.
 *
 * Playwright's evaluate injects axe without going through the page's Content-Security-Policy, so
 * the renderer's CSP stays as strict as it ships.
 */
export async function checkAccessibility(page: Page, screen: string, dir: string): Promise<void> {
  const results = await new AxeBuilder({ page, ...(await axeSourceFor(page)) })
    // Only these two are read; the passes need not be serialised out of the page. (Before withTags:
    // options() replaces every option set so far.)
    .options({ resultTypes: ['violations', 'incomplete'] })
    .withTags([...WCAG_TAGS, ...REPORTED_TAGS])
    // Legacy mode runs axe.run() in the page itself instead of axe.runPartial() in every frame and
    // axe.finishRun() in a second, blank page: about half the time of a check here. What it gives
    // up is checking cross-origin frames, and the renderer has none (its CSP lets no frame load).
    .setLegacyMode(true)
    .analyze();
  const report = join(dir, `${screen}.json`);
  mkdirSync(dir, { recursive: true });
  writeFileSync(
    report,
    `${JSON.stringify(
      {
        screen,
        url: results.url,
        axeVersion: results.testEngine.version,
        failsOn: { impacts: [...FAILING_IMPACTS], tags: WCAG_TAGS },
        tags: [...WCAG_TAGS, ...REPORTED_TAGS],
        violations: results.violations.map(summarise),
        needsReview: results.incomplete.map(summarise),
      },
      null,
      2,
    )}\n`,
  );
  const failing = results.violations.filter(fails);
  if (failing.length === 0) return;
  throw new Error(
    [
      `Accessibility: screen "${screen}" has ${failing.length} serious or critical axe-core ${failing.length === 1 ? 'violation' : 'violations'} (${WCAG_TAGS.join(', ')}):`,
      ...failing.map(describeViolation),
      `Full report: ${report}`,
    ].join('\n'),
  );
}

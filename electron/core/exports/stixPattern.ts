/**
 * A parser for STIX 2.1 patterning (STIX 2.1 part 9, grammar oasis-open/cti-stix2-json-schemas
 * pattern_grammar/STIXPattern.g4): observation expressions in brackets joined by AND, OR and
 * FOLLOWEDBY with WITHIN, REPEATS and START/STOP qualifiers; comparison expressions joined by AND
 * and OR; object paths with quoted keys (file:hashes.'SHA-256') and list indexes; every literal kind.
 * Custos writes patterns for its indicators and refuses to write a bundle whose pattern does not
 * parse, and the tests read every exported pattern back with it.
 *
 * Beyond the grammar it holds two rules of the specification a grammar cannot: comparisons joined
 * by AND inside one observation speak of the same object type (they must match one object), and an
 * observation carries each kind of qualifier at most once.
 */

export class StixPatternError extends Error {
  override name = 'StixPatternError';
  readonly position: number;
  constructor(position: number, message: string) {
    super(`at character ${position + 1}: ${message}`);
    this.position = position;
  }
}

export type PathStep = { key: string } | { index: number | '*' };
export type ObjectPath = { objectType: string; steps: PathStep[] };

export type Literal =
  | { kind: 'string'; value: string }
  | { kind: 'int'; value: number }
  | { kind: 'float'; value: number }
  | { kind: 'bool'; value: boolean }
  | { kind: 'hex'; value: string }
  | { kind: 'binary'; value: string }
  | { kind: 'timestamp'; value: string };

export type ComparisonOp = '=' | '!=' | '<' | '<=' | '>' | '>=' | 'IN' | 'LIKE' | 'MATCHES' | 'ISSUBSET' | 'ISSUPERSET';

export type Comparison =
  | { kind: 'test'; path: ObjectPath; negated: boolean; op: ComparisonOp; value: Literal | Literal[] }
  | { kind: 'exists'; path: ObjectPath };
export type ComparisonExpression =
  Comparison | { kind: 'and' | 'or'; left: ComparisonExpression; right: ComparisonExpression };

export type Qualifier =
  | { kind: 'within'; seconds: number }
  | { kind: 'repeats'; times: number }
  | { kind: 'startstop'; start: string; stop: string };
export type ObservationExpression =
  | { kind: 'observation'; comparison: ComparisonExpression; qualifiers: Qualifier[] }
  | { kind: 'group'; inner: ObservationExpression; qualifiers: Qualifier[] }
  | { kind: 'and' | 'or' | 'followedby'; left: ObservationExpression; right: ObservationExpression };

// ---- tokens ----------------------------------------------------------------------------------------

type TokenKind =
  | 'keyword'
  | 'ident'
  | 'identHyphen'
  | 'string'
  | 'int'
  | 'float'
  | 'hex'
  | 'binary'
  | 'timestamp'
  | 'bool'
  | 'op'
  | 'punct'
  | 'end';
type Token = { kind: TokenKind; text: string; value?: string | number | boolean; at: number };

const KEYWORDS = new Set([
  'AND',
  'OR',
  'NOT',
  'EXISTS',
  'FOLLOWEDBY',
  'LIKE',
  'MATCHES',
  'ISSUPERSET',
  'ISSUBSET',
  'LAST',
  'IN',
  'START',
  'STOP',
  'SECONDS',
  'WITHIN',
  'REPEATS',
  'TIMES',
]);

// The grammar's WS rule: these characters separate tokens and are otherwise ignored.
// eslint-disable-next-line no-control-regex
const SPACE = /[ \t\r\n\u000B\u000C\u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]/;
const TIMESTAMP =
  /^[0-9]{4}-(0[1-9]|1[012])-(0[1-9]|[12][0-9]|3[01])T([01][0-9]|2[0-3]):([0-5][0-9]):([0-5][0-9]|60)(\.[0-9]+)?Z$/;
const BASE64 = /^([A-Za-z0-9+/]{4})*([A-Za-z0-9+/]{4}|[A-Za-z0-9+/]{3}=|[A-Za-z0-9+/]{2}==)$/;

/** A quoted string starting at `start` (the quote): its value with \' and \\ undone, and where it ends. */
function readQuoted(text: string, start: number): { value: string; end: number } {
  let value = '';
  let i = start + 1;
  while (i < text.length) {
    const c = text[i]!;
    if (c === "'") return { value, end: i + 1 };
    if (c === '\\') {
      const next = text[i + 1];
      if (next !== "'" && next !== '\\') {
        throw new StixPatternError(i, "a backslash in a string may only escape ' or \\");
      }
      value += next;
      i += 2;
      continue;
    }
    value += c;
    i++;
  }
  throw new StixPatternError(start, 'a string is never closed (a quote is missing)');
}

function tokenise(text: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < text.length) {
    const c = text[i]!;
    if (SPACE.test(c)) {
      i++;
      continue;
    }
    if (text.startsWith('/*', i)) {
      const end = text.indexOf('*/', i + 2);
      if (end < 0) throw new StixPatternError(i, 'a comment is never closed');
      i = end + 2;
      continue;
    }
    if (text.startsWith('//', i)) {
      while (i < text.length && text[i] !== '\n' && text[i] !== '\r') i++;
      continue;
    }
    const at = i;
    // Prefixed literals: h'..' (hex), b'..' (base64), t'..' (timestamp).
    if ((c === 'h' || c === 'b' || c === 't') && text[i + 1] === "'") {
      const { value, end } = readQuoted(text, i + 1);
      if (c === 'h' && !/^([0-9a-fA-F]{2})*$/.test(value)) {
        throw new StixPatternError(at, 'a hex literal holds pairs of hex digits');
      }
      if (c === 'b' && !BASE64.test(value)) throw new StixPatternError(at, 'a binary literal holds base64');
      if (c === 't' && !TIMESTAMP.test(value)) {
        throw new StixPatternError(at, "a timestamp literal is t'YYYY-MM-DDTHH:MM:SS[.s]Z'");
      }
      tokens.push({
        kind: c === 'h' ? 'hex' : c === 'b' ? 'binary' : 'timestamp',
        text: text.slice(at, end),
        value,
        at,
      });
      i = end;
      continue;
    }
    if (c === "'") {
      const { value, end } = readQuoted(text, i);
      tokens.push({ kind: 'string', text: text.slice(at, end), value, at });
      i = end;
      continue;
    }
    const startsNumber =
      /[0-9]/.test(c) ||
      ((c === '+' || c === '-') && /[0-9.]/.test(text[i + 1] ?? '')) ||
      (c === '.' && /[0-9]/.test(text[i + 1] ?? ''));
    if (startsNumber) {
      // IntLiteral: 0 or no leading zero; FloatLiteral: digits (any), a dot, at least one digit.
      const literal = /^[+-]?(?:[0-9]*\.[0-9]+|[0-9]+)/.exec(text.slice(i))?.[0] ?? '';
      if (!literal || /^[+-]$/.test(literal)) throw new StixPatternError(at, 'a sign without a number');
      const isFloat = literal.includes('.');
      if (!isFloat && /^[+-]?0[0-9]/.test(literal)) {
        throw new StixPatternError(at, 'a whole number does not start with 0');
      }
      tokens.push({ kind: isFloat ? 'float' : 'int', text: literal, value: Number(literal), at });
      i += literal.length;
      continue;
    }
    const word = /^[a-zA-Z_][a-zA-Z0-9_-]*/.exec(text.slice(i));
    if (word) {
      const w = word[0];
      const kind: TokenKind = KEYWORDS.has(w)
        ? 'keyword'
        : w === 'true' || w === 'false'
          ? 'bool'
          : w.includes('-')
            ? 'identHyphen'
            : 'ident';
      tokens.push({ kind, text: w, ...(kind === 'bool' ? { value: w === 'true' } : {}), at });
      i += w.length;
      continue;
    }
    const op = ['<=', '>=', '!=', '<>', '==', '=', '<', '>'].find((o) => text.startsWith(o, i));
    if (op) {
      tokens.push({ kind: 'op', text: op === '==' ? '=' : op === '<>' ? '!=' : op, at });
      i += op.length;
      continue;
    }
    if ('[]():.,*'.includes(c)) {
      tokens.push({ kind: 'punct', text: c, at });
      i++;
      continue;
    }
    throw new StixPatternError(at, `"${c}" has no place in a STIX pattern`);
  }
  tokens.push({ kind: 'end', text: '', at: text.length });
  return tokens;
}

// ---- parser ----------------------------------------------------------------------------------------

class Parser {
  private i = 0;
  private readonly tokens: Token[];
  constructor(tokens: Token[]) {
    this.tokens = tokens;
  }

  private get peek(): Token {
    return this.tokens[this.i]!;
  }
  private next(): Token {
    return this.tokens[this.i++]!;
  }
  private is(kind: TokenKind, text?: string): boolean {
    return this.peek.kind === kind && (text === undefined || this.peek.text === text);
  }
  private accept(kind: TokenKind, text?: string): Token | null {
    return this.is(kind, text) ? this.next() : null;
  }
  private expect(kind: TokenKind, text: string | undefined, what: string): Token {
    const token = this.accept(kind, text);
    if (!token) throw new StixPatternError(this.peek.at, `expected ${what}, found ${shown(this.peek)}`);
    return token;
  }

  pattern(): ObservationExpression {
    const expression = this.observationExpressions();
    if (!this.is('end')) throw new StixPatternError(this.peek.at, `unexpected ${shown(this.peek)}`);
    return expression;
  }

  // FOLLOWEDBY binds loosest, then OR, then AND (all left-associative).
  private observationExpressions(): ObservationExpression {
    let left = this.observationOr();
    while (this.accept('keyword', 'FOLLOWEDBY')) left = { kind: 'followedby', left, right: this.observationOr() };
    return left;
  }
  private observationOr(): ObservationExpression {
    let left = this.observationAnd();
    while (this.accept('keyword', 'OR')) left = { kind: 'or', left, right: this.observationAnd() };
    return left;
  }
  private observationAnd(): ObservationExpression {
    let left = this.observation();
    while (this.accept('keyword', 'AND')) left = { kind: 'and', left, right: this.observation() };
    return left;
  }
  private observation(): ObservationExpression {
    let expression: ObservationExpression;
    if (this.accept('punct', '[')) {
      const at = this.peek.at;
      const comparison = this.comparisonOr();
      this.expect('punct', ']', '"]" closing the observation');
      sameTypeUnderAnd(comparison, at);
      expression = { kind: 'observation', comparison, qualifiers: [] };
    } else if (this.accept('punct', '(')) {
      const inner = this.observationExpressions();
      this.expect('punct', ')', '")"');
      expression = { kind: 'group', inner, qualifiers: [] };
    } else {
      throw new StixPatternError(this.peek.at, `expected "[" starting an observation, found ${shown(this.peek)}`);
    }
    for (;;) {
      const at = this.peek.at;
      const qualifier = this.qualifier();
      if (!qualifier) break;
      if (expression.qualifiers.some((q) => q.kind === qualifier.kind)) {
        throw new StixPatternError(at, `an observation has at most one ${qualifier.kind.toUpperCase()} qualifier`);
      }
      expression.qualifiers.push(qualifier);
    }
    return expression;
  }
  private qualifier(): Qualifier | null {
    if (this.accept('keyword', 'WITHIN')) {
      const amount = this.peek;
      if ((amount.kind !== 'int' && amount.kind !== 'float') || amount.text.startsWith('-')) {
        throw new StixPatternError(amount.at, 'WITHIN takes a positive number of seconds');
      }
      this.next();
      this.expect('keyword', 'SECONDS', 'SECONDS');
      return { kind: 'within', seconds: amount.value as number };
    }
    if (this.accept('keyword', 'REPEATS')) {
      const times = this.peek;
      if (times.kind !== 'int' || times.text.startsWith('-')) {
        throw new StixPatternError(times.at, 'REPEATS takes a positive whole number');
      }
      this.next();
      this.expect('keyword', 'TIMES', 'TIMES');
      return { kind: 'repeats', times: times.value as number };
    }
    if (this.accept('keyword', 'START')) {
      const start = this.expect('timestamp', undefined, "a timestamp t'…' after START");
      this.expect('keyword', 'STOP', 'STOP');
      const stop = this.expect('timestamp', undefined, "a timestamp t'…' after STOP");
      return { kind: 'startstop', start: start.value as string, stop: stop.value as string };
    }
    return null;
  }

  private comparisonOr(): ComparisonExpression {
    let left = this.comparisonAnd();
    while (this.accept('keyword', 'OR')) left = { kind: 'or', left, right: this.comparisonAnd() };
    return left;
  }
  private comparisonAnd(): ComparisonExpression {
    let left = this.propTest();
    while (this.accept('keyword', 'AND')) left = { kind: 'and', left, right: this.propTest() };
    return left;
  }
  private propTest(): ComparisonExpression {
    if (this.accept('punct', '(')) {
      const inner = this.comparisonOr();
      this.expect('punct', ')', '")"');
      return inner;
    }
    if (this.accept('keyword', 'EXISTS')) return { kind: 'exists', path: this.objectPath() };
    const path = this.objectPath();
    const negated = Boolean(this.accept('keyword', 'NOT'));
    const token = this.peek;
    if (token.kind === 'op') {
      this.next();
      const op = token.text as ComparisonOp;
      const value = this.literal(op === '=' || op === '!=');
      return { kind: 'test', path, negated, op, value };
    }
    if (token.kind === 'keyword' && token.text === 'IN') {
      this.next();
      return { kind: 'test', path, negated, op: 'IN', value: this.set() };
    }
    if (token.kind === 'keyword' && ['LIKE', 'MATCHES', 'ISSUBSET', 'ISSUPERSET'].includes(token.text)) {
      this.next();
      const value = this.expect('string', undefined, `a quoted string after ${token.text}`);
      return { kind: 'test', path, negated, op: token.text as ComparisonOp, value: literalOf(value) };
    }
    throw new StixPatternError(token.at, `expected a comparison (=, !=, <, IN, LIKE…), found ${shown(token)}`);
  }
  private set(): Literal[] {
    this.expect('punct', '(', '"(" opening a set');
    const items: Literal[] = [];
    if (this.accept('punct', ')')) return items;
    do items.push(this.literal(true));
    while (this.accept('punct', ','));
    this.expect('punct', ')', '")" closing the set');
    return items;
  }
  private literal(boolAllowed: boolean): Literal {
    const token = this.peek;
    const kinds: TokenKind[] = [
      'string',
      'int',
      'float',
      'hex',
      'binary',
      'timestamp',
      ...(boolAllowed ? ['bool' as const] : []),
    ];
    if (!kinds.includes(token.kind)) {
      throw new StixPatternError(token.at, `expected a value (a quoted string, a number…), found ${shown(token)}`);
    }
    this.next();
    return literalOf(token);
  }

  // objectType ':' firstPathComponent objectPathComponent*
  private objectPath(): ObjectPath {
    const type = this.peek;
    if (type.kind !== 'ident' && type.kind !== 'identHyphen') {
      throw new StixPatternError(type.at, `expected an object type such as email-addr, found ${shown(type)}`);
    }
    this.next();
    if (!/^[a-z][a-z0-9]*(-[a-z0-9]+)*$/.test(type.text) || type.text.length < 3 || type.text.length > 250) {
      throw new StixPatternError(
        type.at,
        `"${type.text}" is not a STIX object type name (lower case, words joined by -)`,
      );
    }
    this.expect('punct', ':', '":" after the object type');
    const steps: PathStep[] = [{ key: this.key('a property name after ":"') }];
    for (;;) {
      if (this.accept('punct', '.')) {
        steps.push({ key: this.key('a property name after "."') });
      } else if (this.is('punct', '[')) {
        this.next();
        const index = this.peek;
        if (this.accept('punct', '*')) steps.push({ index: '*' });
        else if (index.kind === 'int') {
          this.next();
          steps.push({ index: index.value as number });
        } else throw new StixPatternError(index.at, 'a list index is a whole number or *');
        this.expect('punct', ']', '"]" closing the index');
      } else break;
    }
    return { objectType: type.text, steps };
  }
  private key(what: string): string {
    const token = this.peek;
    if (token.kind === 'ident' || token.kind === 'string') {
      this.next();
      return token.value === undefined ? token.text : String(token.value);
    }
    if (token.kind === 'identHyphen') {
      throw new StixPatternError(token.at, `a property name with a hyphen is quoted: '${token.text}'`);
    }
    throw new StixPatternError(token.at, `expected ${what}, found ${shown(token)}`);
  }
}

function literalOf(token: Token): Literal {
  switch (token.kind) {
    case 'string':
    case 'hex':
    case 'binary':
    case 'timestamp':
      return { kind: token.kind, value: token.value as string };
    case 'int':
    case 'float':
      return { kind: token.kind, value: token.value as number };
    case 'bool':
      return { kind: 'bool', value: token.value as boolean };
    default:
      throw new StixPatternError(token.at, `expected a value, found ${shown(token)}`);
  }
}

function shown(token: Token): string {
  return token.kind === 'end' ? 'the end of the pattern' : `"${token.text.slice(0, 40)}"`;
}

/** The object types of comparisons that must all match one object: those joined by AND. */
function sameTypeUnderAnd(expression: ComparisonExpression, at: number): void {
  const typesOf = (e: ComparisonExpression): Set<string> =>
    'path' in e ? new Set([e.path.objectType]) : new Set([...typesOf(e.left), ...typesOf(e.right)]);
  const check = (e: ComparisonExpression): void => {
    if (e.kind === 'and') {
      const types = typesOf(e);
      if (types.size > 1) {
        throw new StixPatternError(
          at,
          `comparisons joined by AND in one observation must name one object type, not ${[...types].join(' and ')}`,
        );
      }
    }
    if (e.kind === 'and' || e.kind === 'or') {
      check(e.left);
      check(e.right);
    }
  };
  check(expression);
}

/** The pattern as a tree, or a StixPatternError saying where and why it does not parse. */
export function parsePattern(text: string): ObservationExpression {
  return new Parser(tokenise(text)).pattern();
}

/** Why a pattern does not parse, or null when it does. */
export function patternProblem(text: string): string | null {
  try {
    parsePattern(text);
    return null;
  } catch (error) {
    if (error instanceof StixPatternError) return error.message;
    throw error;
  }
}

/** Every comparison of a parsed pattern, in order: what the tests read back. */
export function comparisonsOf(expression: ObservationExpression | ComparisonExpression): Comparison[] {
  switch (expression.kind) {
    case 'observation':
      return comparisonsOf(expression.comparison);
    case 'group':
      return comparisonsOf(expression.inner);
    case 'and':
    case 'or':
    case 'followedby':
      return [
        ...comparisonsOf(expression.left as ObservationExpression),
        ...comparisonsOf(expression.right as ObservationExpression),
      ];
    default:
      return [expression];
  }
}

/** A string as a pattern literal: quoted, with ' and \ escaped (the only escapes the grammar has). */
export function patternString(value: string): string {
  return `'${value.replaceAll('\\', '\\\\').replaceAll("'", "\\'")}'`;
}

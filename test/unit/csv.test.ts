import { describe, expect, it } from 'vitest';
import { parseCsv } from '../../shared/logic/csv.ts';

describe('reading CSV as identity providers and spreadsheets export it', () => {
  it('splits fields, unquotes, keeps commas, quotes and line breaks inside quotes, and numbers lines', () => {
    const text =
      '\uFEFFsystem,identifier,notes\r\nGitHub,jkim-dev,"PATs, SSH keys"\r\nOkta,"j.kim@x.com","said ""hi""\nthen left"\n\nAWS,AKIA123,\n';
    expect(parseCsv(text)).toEqual([
      { line: 1, fields: ['system', 'identifier', 'notes'] },
      { line: 2, fields: ['GitHub', 'jkim-dev', 'PATs, SSH keys'] },
      { line: 3, fields: ['Okta', 'j.kim@x.com', 'said "hi"\nthen left'] },
      { line: 6, fields: ['AWS', 'AKIA123', ''] },
    ]);
  });

  it('names the line where the format breaks', () => {
    expect(() => parseCsv('a,b\nc,"d\n')).toThrow('line 2: a quoted field is never closed');
    expect(() => parseCsv('a,b\nc,x"d"\n')).toThrow('line 2: a quote inside a field that does not start with one');
    expect(() => parseCsv('a,"b"c\n')).toThrow('line 1: text after the closing quote of a field');
  });
});

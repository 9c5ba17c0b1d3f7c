/**
 * Just enough TrueType for the report's fonts: which characters a font has (its cmap), and a subset
 * holding only the glyphs a report drew. jsPDF's own subsetter copies the whole character map,
 * metrics and glyph names into every PDF and takes about half a second on Noto Sans KR; this one
 * keeps the glyph ids as they are (the PDF maps character codes to glyph ids one to one), empties
 * every glyph not drawn, zeroes their metrics and writes a character map of the drawn characters
 * only, so a subset of a few hundred glyphs is a few kilobytes.
 */

type Table = { offset: number; length: number };

export class TrueType {
  private readonly data: Buffer;
  private readonly tables = new Map<string, Table>();

  constructor(data: Buffer) {
    this.data = data;
    const version = data.readUInt32BE(0);
    if (version !== 0x00010000 && version !== 0x74727565) throw new Error('not a TrueType font');
    const count = data.readUInt16BE(4);
    for (let i = 0; i < count; i++) {
      const at = 12 + i * 16;
      const tag = data.toString('latin1', at, at + 4);
      this.tables.set(tag, { offset: data.readUInt32BE(at + 8), length: data.readUInt32BE(at + 12) });
    }
  }

  private table(tag: string): Table {
    const table = this.tables.get(tag);
    if (!table) throw new Error(`the font has no ${tag} table`);
    return table;
  }

  private raw(tag: string): Buffer {
    const { offset, length } = this.table(tag);
    return this.data.subarray(offset, offset + length);
  }

  get numGlyphs(): number {
    return this.data.readUInt16BE(this.table('maxp').offset + 4);
  }

  get unitsPerEm(): number {
    return this.data.readUInt16BE(this.table('head').offset + 18);
  }

  /** Advance width of a glyph in font units (hmtx; glyphs past the last metric share its advance). */
  advance(glyph: number): number {
    const metrics = this.data.readUInt16BE(this.table('hhea').offset + 34);
    const hmtx = this.table('hmtx').offset;
    return this.data.readUInt16BE(hmtx + Math.min(glyph, metrics - 1) * 4);
  }

  /** The glyph of each BMP character (0: the font has none), from the Unicode character map. */
  glyphMap(): Uint16Array {
    const map = new Uint16Array(0x10000);
    const cmap = this.table('cmap').offset;
    const count = this.data.readUInt16BE(cmap + 2);
    let format4 = -1;
    for (let i = 0; i < count; i++) {
      const at = cmap + 4 + i * 8;
      const platform = this.data.readUInt16BE(at);
      const encoding = this.data.readUInt16BE(at + 2);
      const sub = cmap + this.data.readUInt32BE(at + 4);
      const format = this.data.readUInt16BE(sub);
      if (format === 12 && ((platform === 3 && encoding === 10) || platform === 0)) return this.map12(sub, map);
      if (format === 4 && ((platform === 3 && encoding === 1) || platform === 0)) format4 = sub;
    }
    if (format4 < 0) throw new Error('the font has no Unicode character map');
    return this.map4(format4, map);
  }

  private map12(sub: number, map: Uint16Array): Uint16Array {
    const groups = this.data.readUInt32BE(sub + 12);
    for (let i = 0; i < groups; i++) {
      const at = sub + 16 + i * 12;
      const start = this.data.readUInt32BE(at);
      const end = Math.min(this.data.readUInt32BE(at + 4), 0xffff);
      const glyph = this.data.readUInt32BE(at + 8);
      for (let code = start; code <= end; code++) map[code] = glyph + (code - start);
    }
    return map;
  }

  private map4(sub: number, map: Uint16Array): Uint16Array {
    const d = this.data;
    const segments = d.readUInt16BE(sub + 6) / 2;
    const ends = sub + 14;
    const starts = ends + segments * 2 + 2;
    const deltas = starts + segments * 2;
    const rangeOffsets = deltas + segments * 2;
    for (let s = 0; s < segments; s++) {
      const end = d.readUInt16BE(ends + s * 2);
      const start = d.readUInt16BE(starts + s * 2);
      const delta = d.readInt16BE(deltas + s * 2);
      const rangeOffsetAt = rangeOffsets + s * 2;
      const rangeOffset = d.readUInt16BE(rangeOffsetAt);
      for (let code = start; code <= end && code !== 0xffff; code++) {
        let glyph: number;
        if (rangeOffset === 0) glyph = (code + delta) & 0xffff;
        else {
          const at = rangeOffsetAt + rangeOffset + (code - start) * 2;
          glyph = at + 1 < d.length ? d.readUInt16BE(at) : 0;
          if (glyph !== 0) glyph = (glyph + delta) & 0xffff;
        }
        map[code] = glyph;
      }
    }
    return map;
  }

  private glyphRange(glyph: number, loca: Table, longLoca: boolean): [number, number] {
    if (longLoca) {
      return [this.data.readUInt32BE(loca.offset + glyph * 4), this.data.readUInt32BE(loca.offset + glyph * 4 + 4)];
    }
    return [this.data.readUInt16BE(loca.offset + glyph * 2) * 2, this.data.readUInt16BE(loca.offset + glyph * 2 + 2) * 2];
  }

  /**
   * A font with the same glyph ids holding only `glyphs` (and .notdef and the parts of composite
   * glyphs), with a character map of `characters` (code to glyph).
   */
  subset(glyphs: Iterable<number>, characters: Map<number, number>): Uint8Array {
    const d = this.data;
    const numGlyphs = this.numGlyphs;
    const loca = this.table('loca');
    const glyf = this.table('glyf');
    const longLoca = d.readInt16BE(this.table('head').offset + 50) === 1;
    const keep = new Uint8Array(numGlyphs);
    const pending = [0, ...glyphs].filter((g) => g >= 0 && g < numGlyphs);
    while (pending.length > 0) {
      const glyph = pending.pop()!;
      if (keep[glyph]) continue;
      keep[glyph] = 1;
      const [start, end] = this.glyphRange(glyph, loca, longLoca);
      if (end <= start || d.readInt16BE(glyf.offset + start) >= 0) continue;
      // A composite glyph: its components are glyphs too.
      let at = glyf.offset + start + 10;
      for (;;) {
        const flags = d.readUInt16BE(at);
        pending.push(d.readUInt16BE(at + 2));
        at += 4 + (flags & 0x0001 ? 4 : 2) + (flags & 0x0008 ? 2 : flags & 0x0040 ? 4 : flags & 0x0080 ? 8 : 0);
        if (!(flags & 0x0020)) break;
      }
    }

    const pieces: Buffer[] = [];
    const newLoca = Buffer.alloc((numGlyphs + 1) * 4);
    let offset = 0;
    for (let g = 0; g < numGlyphs; g++) {
      newLoca.writeUInt32BE(offset, g * 4);
      if (!keep[g]) continue;
      const [start, end] = this.glyphRange(g, loca, longLoca);
      if (end <= start) continue;
      const piece = d.subarray(glyf.offset + start, glyf.offset + end);
      pieces.push(piece);
      offset += piece.length;
      if (offset % 4) {
        pieces.push(Buffer.alloc(4 - (offset % 4)));
        offset += 4 - (offset % 4);
      }
    }
    newLoca.writeUInt32BE(offset, numGlyphs * 4);

    // Metrics of glyphs not kept are zeroed: nothing draws them, and zeros compress to nothing.
    const hmtx = Buffer.from(this.raw('hmtx'));
    const metrics = d.readUInt16BE(this.table('hhea').offset + 34);
    for (let g = 0; g < numGlyphs; g++) {
      if (keep[g]) continue;
      if (g < metrics) hmtx.writeUInt32BE(0, g * 4);
      else if (metrics * 4 + (g - metrics) * 2 + 2 <= hmtx.length) hmtx.writeUInt16BE(0, metrics * 4 + (g - metrics) * 2);
    }

    const head = Buffer.from(this.raw('head'));
    head.writeUInt32BE(0, 8);
    head.writeInt16BE(1, 50);
    const post = Buffer.from(this.raw('post').subarray(0, 32));
    post.writeUInt32BE(0x00030000, 0);

    const tables = new Map<string, Buffer>([
      ['cmap', characterMap(characters)],
      ['glyf', Buffer.concat(pieces)],
      ['head', head],
      ['hhea', Buffer.from(this.raw('hhea'))],
      ['hmtx', hmtx],
      ['loca', newLoca],
      ['maxp', Buffer.from(this.raw('maxp'))],
      ['name', Buffer.from(this.raw('name'))],
      ['post', post],
    ]);
    for (const tag of ['OS/2', 'cvt ', 'fpgm', 'prep', 'gasp']) {
      if (this.tables.has(tag)) tables.set(tag, Buffer.from(this.raw(tag)));
    }
    return assemble(tables);
  }
}

/** A format 4 character map (Windows, Unicode BMP) with one segment per character. */
function characterMap(characters: Map<number, number>): Buffer {
  const codes = [...characters.keys()].filter((c) => c < 0xffff).sort((a, b) => a - b);
  const segments = codes.length + 1;
  const length = 16 + segments * 8;
  const sub = Buffer.alloc(length);
  const searchRange = 2 * 2 ** Math.floor(Math.log2(segments));
  sub.writeUInt16BE(4, 0);
  sub.writeUInt16BE(length, 2);
  sub.writeUInt16BE(0, 4);
  sub.writeUInt16BE(segments * 2, 6);
  sub.writeUInt16BE(searchRange, 8);
  sub.writeUInt16BE(Math.log2(searchRange / 2), 10);
  sub.writeUInt16BE(segments * 2 - searchRange, 12);
  const ends = 14;
  const starts = ends + segments * 2 + 2;
  const deltas = starts + segments * 2;
  codes.forEach((code, i) => {
    sub.writeUInt16BE(code, ends + i * 2);
    sub.writeUInt16BE(code, starts + i * 2);
    sub.writeUInt16BE((characters.get(code)! - code) & 0xffff, deltas + i * 2);
  });
  const last = segments - 1;
  sub.writeUInt16BE(0xffff, ends + last * 2);
  sub.writeUInt16BE(0xffff, starts + last * 2);
  sub.writeUInt16BE(1, deltas + last * 2);
  const header = Buffer.alloc(12);
  header.writeUInt16BE(0, 0);
  header.writeUInt16BE(1, 2);
  header.writeUInt16BE(3, 4);
  header.writeUInt16BE(1, 6);
  header.writeUInt32BE(12, 8);
  return Buffer.concat([header, sub]);
}

function checksum(data: Buffer): number {
  let sum = 0;
  const padded = data.length % 4 ? Buffer.concat([data, Buffer.alloc(4 - (data.length % 4))]) : data;
  for (let i = 0; i < padded.length; i += 4) sum = (sum + padded.readUInt32BE(i)) >>> 0;
  return sum;
}

/** The table directory (tags in order), the tables 4-byte aligned, and head's checksum adjustment. */
function assemble(tables: Map<string, Buffer>): Uint8Array {
  const tags = [...tables.keys()].sort();
  const count = tags.length;
  const searchRange = 16 * 2 ** Math.floor(Math.log2(count));
  const directory = Buffer.alloc(12 + count * 16);
  directory.writeUInt32BE(0x00010000, 0);
  directory.writeUInt16BE(count, 4);
  directory.writeUInt16BE(searchRange, 6);
  directory.writeUInt16BE(Math.floor(Math.log2(count)), 8);
  directory.writeUInt16BE(count * 16 - searchRange, 10);
  const parts: Buffer[] = [directory];
  let offset = directory.length;
  let headOffset = 0;
  tags.forEach((tag, i) => {
    const table = tables.get(tag)!;
    const at = 12 + i * 16;
    directory.write(tag, at, 'latin1');
    directory.writeUInt32BE(checksum(table), at + 4);
    directory.writeUInt32BE(offset, at + 8);
    directory.writeUInt32BE(table.length, at + 12);
    if (tag === 'head') headOffset = offset;
    parts.push(table);
    offset += table.length;
    if (table.length % 4) {
      parts.push(Buffer.alloc(4 - (table.length % 4)));
      offset += 4 - (table.length % 4);
    }
  });
  const font = Buffer.concat(parts);
  font.writeUInt32BE((0xb1b0afba - checksum(font)) >>> 0, headOffset + 8);
  return new Uint8Array(font.buffer, font.byteOffset, font.byteLength);
}

import { describe, expect, it } from 'vitest';
import { exactBytes, formatBytes } from '../../shared/logic/units.ts';

describe('sizes in binary units', () => {
  it('reads as file managers and ls -h show them', () => {
    expect(formatBytes(0)).toBe('0 B');
    expect(formatBytes(1023)).toBe('1023 B');
    expect(formatBytes(1536)).toBe('1.5 KiB');
    expect(formatBytes(1_610_612_736)).toBe('1.5 GiB');
    expect(formatBytes(null)).toBe('—');
  });

  it('never prints 1024 of a unit: that is one of the next', () => {
    expect(formatBytes(1_048_500)).toBe('1.0 MiB');
    expect(formatBytes(1_073_217_536)).toBe('1.0 GiB');
    expect(formatBytes(1_048_064)).toBe('1.0 MiB');
  });

  it('keeps the exact count beside it', () => {
    expect(exactBytes(2_147_483_648)).toBe('2,147,483,648 bytes');
    expect(exactBytes(1)).toBe('1 byte');
  });
});

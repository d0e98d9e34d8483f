import { describe, expect, it } from 'vitest';
import { formatSize } from './size.js';

describe('formatSize', () => {
  it('says bytes, KB or MB with one decimal below ten', () => {
    expect(formatSize(0)).toBe('0 bytes');
    expect(formatSize(1)).toBe('1 byte');
    expect(formatSize(1023)).toBe('1023 bytes');
    expect(formatSize(1024)).toBe('1.0 KB');
    expect(formatSize(1536)).toBe('1.5 KB');
    expect(formatSize(200 * 1024)).toBe('200 KB');
    expect(formatSize(10 * 1024 * 1024)).toBe('10 MB');
    expect(formatSize(2.25 * 1024 * 1024)).toBe('2.3 MB');
  });
});

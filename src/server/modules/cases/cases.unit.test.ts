import { describe, expect, it } from 'vitest';
import { newCaseReference, normaliseReference, REFERENCE_PATTERN } from './reference.js';
import { renderTemplate, unknownPlaceholders } from './templates.js';

describe('case references', () => {
  it('look like VR-26-7KQ4-MX, carry the year and avoid ambiguous letters', () => {
    const refs = Array.from({ length: 2000 }, () => newCaseReference(new Date('2026-05-01T00:00:00Z')));
    for (const r of refs) {
      expect(r).toMatch(REFERENCE_PATTERN);
      expect(r.startsWith('VR-26-')).toBe(true);
      expect(r.slice(6)).not.toMatch(/[ILOU]/);
    }
    // Random, not sequential: 2,000 draws from ~10^9 almost never repeat.
    expect(new Set(refs).size).toBeGreaterThan(1995);
  });

  it('reads back what people type', () => {
    expect(normaliseReference(' vr-26-7kq4-mx ')).toBe('VR-26-7KQ4-MX');
    expect(normaliseReference('VR-26-OKQI-MX')).toBe('VR-26-0KQ1-MX');
  });
});

describe('response templates', () => {
  const template = {
    subject: 'About {{case.subject}}',
    body: 'Dear {{customer.name}},\n\nRef {{case.reference}}',
  };

  it('fills text as is and escapes HTML', () => {
    const out = renderTemplate(template, {
      'case.subject': '<img src=x onerror=alert(1)>',
      'customer.name': 'Ann <b>',
      'case.reference': 'VR-26-AAAA-BB',
    });
    expect(out.subject).toBe('About <img src=x onerror=alert(1)>');
    expect(out.text).toBe('Dear Ann <b>,\n\nRef VR-26-AAAA-BB');
    expect(out.html).toContain('Dear Ann &lt;b&gt;,');
    expect(out.html).not.toContain('<img');
    expect(out.html).not.toContain('<b>');
  });

  it('never expands a placeholder inside a value, and keeps subjects on one line', () => {
    const out = renderTemplate(
      { subject: '{{case.subject}}', body: '{{customer.name}}' },
      { 'customer.name': '{{case.reference}}', 'case.subject': 'a\r\nBcc: x@example.com' },
    );
    expect(out.text).toBe('{{case.reference}}');
    expect(out.subject).toBe('a Bcc: x@example.com');
  });

  it('names unknown placeholders', () => {
    expect(unknownPlaceholders('{{customer.name}} {{customer.password}} {{ case.reference }}')).toEqual([
      'customer.password',
    ]);
  });
});

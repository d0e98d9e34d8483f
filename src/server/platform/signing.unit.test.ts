import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createSigner } from './signing.js';

describe('signed tokens', () => {
  const signer = createSigner(randomBytes(32));
  const now = new Date('2026-11-23T10:00:00Z');

  it('verifies its own token and returns the payload', () => {
    const token = signer.sign('track', { c: 'case-1', e: 'abc' });
    expect(signer.verify('track', token, now)).toEqual({ c: 'case-1', e: 'abc' });
  });

  it('refuses a token for another purpose, with a changed payload, or from another key', () => {
    const token = signer.sign('track', { c: 'case-1' });
    expect(signer.verify('reply', token, now)).toBeNull();
    const [body, mac] = token.split('.');
    const forged = Buffer.from(JSON.stringify({ c: 'case-2' })).toString('base64url');
    expect(signer.verify('track', `${forged}.${mac}`, now)).toBeNull();
    expect(createSigner(randomBytes(32)).verify('track', token, now)).toBeNull();
    expect(signer.verify('track', `${body}.`, now)).toBeNull();
    expect(signer.verify('track', 'garbage', now)).toBeNull();
    expect(signer.verify('track', `${body}.${mac}.x`, now)).toBeNull();
  });

  it('refuses an expired token', () => {
    const token = signer.sign('track', { c: 'case-1' }, new Date('2026-11-23T11:00:00Z'));
    expect(signer.verify('track', token, now)).toMatchObject({ c: 'case-1' });
    expect(signer.verify('track', token, new Date('2026-11-23T11:00:01Z'))).toBeNull();
  });

  it('refuses a short key', () => {
    expect(() => createSigner(randomBytes(16))).toThrow(/32 bytes/);
  });
});

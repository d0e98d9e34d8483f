import { randomBytes, randomUUID } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createSigner } from '../../platform/signing.js';
import {
  readReplyToken,
  replyAddress,
  replyTokenFor,
  REPLY_TOKEN_DAYS,
  REPLY_TOKEN_LENGTH,
  splitAddress,
} from './reply-token.js';

describe('reply tokens', () => {
  const signer = createSigner(randomBytes(32));
  const now = new Date('2026-11-23T10:00:00Z');
  const caseId = '0b5c8a8e-3f7e-4c1a-9d2b-6e4f1a2b3c4d';

  it('names the case for mail from the customer it was made for, whatever the case of the letters', () => {
    const token = replyTokenFor(signer, caseId, 'Jane@Example.com', now);
    expect(token).toMatch(/^[a-z2-7]+$/);
    expect(token).toHaveLength(REPLY_TOKEN_LENGTH);
    expect(readReplyToken(signer, token, 'jane@example.com', now)).toEqual({ caseId });
    expect(readReplyToken(signer, token.toUpperCase(), 'JANE@example.com', now)).toEqual({ caseId });
  });

  it('fits the 64-character local part of an address with a "feedback+" prefix', () => {
    const address = replyAddress('feedback@verity.test', replyTokenFor(signer, caseId, 'a@b.c', now));
    expect(address.split('@')[0]!.length).toBeLessThanOrEqual(64);
    expect(splitAddress(address)).toEqual({
      base: 'feedback@verity.test',
      tag: replyTokenFor(signer, caseId, 'a@b.c', now),
    });
    expect(splitAddress('Feedback@Verity.test')).toEqual({ base: 'feedback@verity.test', tag: null });
  });

  it('refuses a token from another sender, another key, or with any character changed', () => {
    const token = replyTokenFor(signer, caseId, 'jane@example.com', now);
    expect(readReplyToken(signer, token, 'mallory@example.com', now)).toEqual({ problem: 'invalid' });
    expect(readReplyToken(createSigner(randomBytes(32)), token, 'jane@example.com', now)).toEqual({
      problem: 'invalid',
    });
    for (let i = 0; i < token.length; i++) {
      const changed = token.slice(0, i) + (token[i] === 'a' ? 'b' : 'a') + token.slice(i + 1);
      expect(readReplyToken(signer, changed, 'jane@example.com', now)).toEqual({ problem: 'invalid' });
    }
    expect(readReplyToken(signer, token.slice(1), 'jane@example.com', now)).toEqual({ problem: 'invalid' });
    expect(readReplyToken(signer, '', 'jane@example.com', now)).toEqual({ problem: 'invalid' });
  });

  it('expires REPLY_TOKEN_DAYS after it was made', () => {
    const token = replyTokenFor(signer, caseId, 'jane@example.com', now);
    const day = 86_400_000;
    const lastDay = new Date(now.getTime() + REPLY_TOKEN_DAYS * day - 1000);
    expect(readReplyToken(signer, token, 'jane@example.com', lastDay)).toEqual({ caseId });
    const after = new Date(now.getTime() + REPLY_TOKEN_DAYS * day + 1000);
    expect(readReplyToken(signer, token, 'jane@example.com', after)).toEqual({ problem: 'expired' });
  });

  it('round-trips any case id (property)', () => {
    fc.assert(
      fc.property(fc.uuid(), fc.emailAddress(), (id, email) => {
        const token = replyTokenFor(signer, id, email, now);
        expect(readReplyToken(signer, token, email, now)).toEqual({ caseId: id });
      }),
    );
    expect(
      readReplyToken(signer, replyTokenFor(signer, randomUUID(), 'x@y.z', now), 'x@y.z', now),
    ).toHaveProperty('caseId');
  });
});

import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../config.js';
import { messageKeyOf, oneLine, readBody, trimQuotedHistory } from './mail-in.content.js';
import { withCaseLinks } from './outbound.js';

describe('email-in settings', () => {
  it('are off by default', () => {
    expect(loadConfig({}).mailIn).toEqual({
      smtpPort: undefined,
      smtpHost: '0.0.0.0',
      addresses: [],
      area: undefined,
      maxBytes: 10 * 1024 * 1024,
      imapUrl: undefined,
      imapPollSeconds: 60,
    });
  });

  it('read the listener, addresses (lower-cased) and mailbox', () => {
    const c = loadConfig({
      INBOUND_SMTP_PORT: '2525',
      INBOUND_ADDRESSES: ' Feedback@Example.com, complaints@example.com ',
      INBOUND_AREA: 'Front office',
      IMAP_URL: 'imaps://box%40example.com:p%40ss@imap.example.com:993/INBOX',
      IMAP_POLL_SECONDS: '30',
    }).mailIn;
    expect(c).toMatchObject({
      smtpPort: 2525,
      addresses: ['feedback@example.com', 'complaints@example.com'],
      area: 'Front office',
      imapPollSeconds: 30,
    });
  });

  it('name every problem: addresses missing or bad, a "+" in an address, a bad IMAP URL', () => {
    const problems = (env: Record<string, string>) => {
      try {
        loadConfig(env);
        return [];
      } catch (err) {
        return (err as ConfigError).problems;
      }
    };
    expect(problems({ INBOUND_SMTP_PORT: '2525' })).toEqual([
      'INBOUND_ADDRESSES: required when INBOUND_SMTP_PORT or IMAP_URL is set',
    ]);
    expect(problems({ IMAP_URL: 'http://x', INBOUND_ADDRESSES: 'a+b@example.com, nope' })).toHaveLength(3);
  });
});

describe('reading an email', () => {
  it('trims quoted history, keeping everything when all of it is quoted', () => {
    expect(trimQuotedHistory('Yes, thanks.\n\nOn Tue, 1 Dec 2026, Verity wrote:\n> Did it work?\n')).toBe(
      'Yes, thanks.',
    );
    expect(trimQuotedHistory('> only\n> quoted')).toBe('> only\n> quoted');
  });

  it('prefers the text part, and reads sanitised HTML as text otherwise', () => {
    expect(readBody({ text: 'Plain.', html: '<p>Rich</p>' })).toEqual({
      text: 'Plain.',
      html: '<p>Rich</p>',
    });
    const body = readBody({ text: undefined, html: '<p onclick="x()">A <script>bad()</script>B</p>' });
    expect(body.html).toBe('<p>A B</p>');
    expect(body.text).toBe('A B');
  });

  it('cuts a body longer than a case holds, saying so', () => {
    const body = readBody({ text: 'x'.repeat(20_000), html: false });
    expect(body.text.length).toBe(10_000);
    expect(body.text).toMatch(/the rest of this email was cut/);
  });

  it('makes names one line', () => {
    expect(oneLine('a\r\nBcc: x@y\u0000\u2028z', 200)).toBe('a Bcc: x@y z');
  });

  it('keys a message by its Message-ID, or by a hash of what it says', () => {
    expect(messageKeyOf({ messageId: '<a@b>', subject: 's', text: 't', html: false })).toBe('<a@b>');
    const one = messageKeyOf({ subject: 's', text: 't', html: false, date: new Date(0) });
    expect(one).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(messageKeyOf({ subject: 's', text: 't', html: false, date: new Date(0) })).toBe(one);
    expect(messageKeyOf({ subject: 's', text: 'u', html: false, date: new Date(0) })).not.toBe(one);
  });
});

describe('the ending of every email to a customer', () => {
  it('adds the tracking link to both parts, escaped in the HTML, before </body>', () => {
    const url = 'http://verity.test/track?t=a.b&x="1"';
    const out = withCaseLinks(
      { text: 'Hello.\n', html: '<html><body><p>Hello.</p></body></html>' },
      { trackingUrl: url, canReply: true },
    );
    expect(out.text).toBe(
      `Hello.\n\n—\nFollow your case: ${url}\nYou can reply to this email to add to your case.`,
    );
    expect(out.html).toContain('<a href="http://verity.test/track?t=a.b&amp;x=&quot;1&quot;">');
    expect(out.html.endsWith('</p></body></html>')).toBe(true);
    expect(withCaseLinks({ text: 'Hi', html: '<p>Hi</p>' }, { trackingUrl: 'u', canReply: false }).text).toBe(
      'Hi\n\n—\nFollow your case: u',
    );
  });
});

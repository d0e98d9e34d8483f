import type { Deps } from '../../platform/deps.js';
import { escapeHtml } from '../../platform/mail.js';
import { replyAddress, replyTokenFor } from './reply-token.js';

/** The customer's tracking link: `${publicUrl}/track?t=<tracking token>`. */
export function trackingUrl(publicUrl: string, trackingToken: string): string {
  return `${publicUrl}/track?t=${encodeURIComponent(trackingToken)}`;
}

/**
 * Every email to a customer ends the same way in both its parts: the link to follow the case, and (when
 * replies come back to Verity) that answering the email adds to the case. The HTML part escapes the link.
 */
export function withCaseLinks(
  message: { text: string; html: string },
  links: { trackingUrl: string; canReply: boolean },
): { text: string; html: string } {
  const replyLine = 'You can reply to this email to add to your case.';
  const text = [
    message.text.trimEnd(),
    '',
    '—',
    `Follow your case: ${links.trackingUrl}`,
    ...(links.canReply ? [replyLine] : []),
  ].join('\n');
  const url = escapeHtml(links.trackingUrl);
  const footer =
    `<hr style="border: none; border-top: 1px solid #ccc">` +
    `<p style="font-size: 90%; color: #444">Follow your case: <a href="${url}">${url}</a>` +
    (links.canReply ? `<br>${replyLine}` : '') +
    `</p>`;
  const at = message.html.toLowerCase().lastIndexOf('</body>');
  const html = at >= 0 ? message.html.slice(0, at) + footer + message.html.slice(at) : message.html + footer;
  return { text, html };
}

/**
 * The Reply-To of emails about this case to this customer: the first inbound address with the reply token
 * (`feedback+<token>@domain`); undefined when no inbound address is configured (replies cannot come back).
 */
export function replyAddressFor(
  deps: Pick<Deps, 'signer' | 'clock' | 'config'>,
  caseId: string,
  email: string,
): string | undefined {
  const base = deps.config.mailIn.addresses[0];
  return base ? replyAddress(base, replyTokenFor(deps.signer, caseId, email, deps.clock.now())) : undefined;
}

export {
  createMailInService,
  IMAP_POLL_QUEUE,
  type CustomerFiles,
  type MailInService,
  type ReceiveResult,
} from './mail-in.service.js';
export { startSmtpIntake, type SmtpIntake } from './mail-in.smtp.js';
export { readReplyToken, replyTokenFor } from './reply-token.js';
export { replyAddressFor, trackingUrl, withCaseLinks } from './outbound.js';

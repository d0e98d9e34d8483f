export {
  createAttachmentService,
  type AttachmentService,
  type IncomingFile,
  type OpenedAttachment,
} from './attachments.service.js';
export { attachmentRoutes } from './attachments.routes.js';
export { contentDisposition, multipartFiles, sendAttachment } from './attachments.http.js';
export { LocalDiskStore, type AttachmentStore } from './attachments.store.js';

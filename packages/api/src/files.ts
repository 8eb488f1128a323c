// The server's file routes and where files are kept: booking photos, receipts, local or S3 storage.
export { addBookingPhoto, addRequestPhoto, readAttachment, type PhotoKind } from './services/attachments/attachments.ts';
export { displayWidths, type DisplayWidth } from './services/attachments/photos.ts';
export { readLatestReceipt } from './services/receipts/receipts.ts';
export { createLocalStorage, createS3Storage, type FileStorage, type S3Config } from './services/attachments/storage.ts';
export { setProfilePhoto, addGalleryPhoto } from './services/onboarding/photos.ts';
export { storageKeyOfPublicPhoto } from './services/onboarding/photo-files.ts';
export { addReviewPhoto, readPublicReviewPhoto } from './services/reviews/photos.ts';
export { sendPhotoMessage } from './services/messages/messages.ts';

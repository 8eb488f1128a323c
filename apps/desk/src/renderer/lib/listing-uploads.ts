import { API_URL } from './config.ts';
import { UploadError, uploadErrorMessage } from './job-files.ts';
import { session } from './session.svelte.ts';

/**
 * A listing photo (the profile photo, cropped here; or a photo of past work), as multipart to the API
 * with the bearer token. XMLHttpRequest, for the progress. The server checks and re-encodes it.
 */
export function uploadListingPhoto(
  kind: 'profile-photo' | 'gallery',
  file: Blob,
  onProgress: (fraction: number) => void,
): { done: Promise<{ url: string }>; abort: () => void } {
  const xhr = new XMLHttpRequest();
  const done = new Promise<{ url: string }>((resolve, reject) => {
    xhr.open('POST', `${API_URL}/uploads/${kind}`);
    for (const [k, v] of Object.entries(session.authHeaders())) xhr.setRequestHeader(k, v);
    xhr.upload.onprogress = (e) => {
      if (e.lengthComputable) onProgress(e.loaded / e.total);
    };
    xhr.onload = () => {
      if (xhr.status === 201) {
        onProgress(1);
        resolve(JSON.parse(xhr.responseText) as { url: string });
      } else {
        if (xhr.status === 401) session.expired();
        reject(new UploadError(uploadErrorMessage(xhr.status, xhr.responseText), xhr.status));
      }
    };
    xhr.onerror = () => reject(new UploadError(uploadErrorMessage(0, ''), 0));
    xhr.onabort = () => reject(new UploadError('Upload cancelled.', 0));
    const form = new FormData();
    form.append('file', file, file instanceof File ? file.name : 'photo.jpg');
    xhr.send(form);
  });
  return { done, abort: () => xhr.abort() };
}

/** The part of an image the crop box covers, drawn at `size` × `size` as a JPEG (the server re-encodes it again). */
export async function cropToSquare(src: string, area: { x: number; y: number; width: number; height: number }, size = 1024): Promise<Blob> {
  const image = new Image();
  image.src = src;
  await image.decode();
  const canvas = document.createElement('canvas');
  canvas.width = size;
  canvas.height = size;
  const ctx = canvas.getContext('2d');
  if (!ctx) throw new Error('This computer cannot draw the photo.');
  ctx.drawImage(image, area.x, area.y, area.width, area.height, 0, 0, size, size);
  return new Promise((resolve, reject) =>
    canvas.toBlob((b) => (b ? resolve(b) : reject(new Error('The photo could not be cropped.'))), 'image/jpeg', 0.9),
  );
}

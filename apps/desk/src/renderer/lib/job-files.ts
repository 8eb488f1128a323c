import type { RouterOutputs } from '@handled/client';
import { API_URL } from './config.ts';
import { idbGet, idbPut } from './offline/idb.ts';
import { session } from './session.svelte.ts';

export type JobPhoto = RouterOutputs['attachments']['list'][number];
export type PhotoKind = 'before' | 'after';

export class UploadError extends Error {
  constructor(
    message: string,
    readonly status: number,
  ) {
    super(message);
  }
}

/** What the person reads when an upload fails: the server's message, or a plain one by status. */
export function uploadErrorMessage(status: number, body: string): string {
  try {
    const parsed = JSON.parse(body) as { error?: unknown };
    if (typeof parsed.error === 'string' && parsed.error) return parsed.error;
  } catch {
    // Not JSON: fall through to the status.
  }
  if (status === 0) return 'The upload did not reach Handled. Check your connection and try again.';
  if (status === 413) return 'That photo is too large.';
  if (status === 415) return 'That file is not a photo we can use (JPEG, PNG, WebP or HEIC).';
  if (status === 401) return 'Your session ended. Sign in again.';
  return `The upload failed (${status}).`;
}

/**
 * A job photo, as multipart to `POST /uploads/bookings/:id?kind=…` with the bearer token.
 * XMLHttpRequest rather than fetch: only it reports upload progress.
 */
export function uploadPhoto(
  bookingId: string,
  kind: PhotoKind | 'receipt',
  file: File,
  onProgress: (fraction: number) => void,
): { done: Promise<JobPhoto>; abort: () => void } {
  const xhr = new XMLHttpRequest();
  const done = new Promise<JobPhoto>((resolve, reject) => {
    xhr.open('POST', `${API_URL}/uploads/bookings/${encodeURIComponent(bookingId)}?kind=${kind}`);
    for (const [k, v] of Object.entries(session.authHeaders())) xhr.setRequestHeader(k, v);
    xhr.upload.onprogress = (e) => {
      if (e.lengthComputable) onProgress(e.loaded / e.total);
    };
    xhr.onload = () => {
      if (xhr.status === 201) {
        onProgress(1);
        resolve(JSON.parse(xhr.responseText) as JobPhoto);
      } else {
        if (xhr.status === 401) session.expired();
        reject(new UploadError(uploadErrorMessage(xhr.status, xhr.responseText), xhr.status));
      }
    };
    xhr.onerror = () => reject(new UploadError(uploadErrorMessage(0, ''), 0));
    xhr.onabort = () => reject(new UploadError('Upload cancelled.', 0));
    const form = new FormData();
    form.append('file', file, file.name);
    xhr.send(form);
  });
  return { done, abort: () => xhr.abort() };
}

/**
 * A private file (photo, receipt) as a blob URL: these routes need the bearer token, which `<img src>`
 * cannot send. Photos are kept on this computer once seen, so a job's photos show with no connection.
 */
export async function privateObjectUrl(path: string, { keep = false }: { keep?: boolean } = {}): Promise<string> {
  const key = `private:${path}`;
  let res: Response;
  try {
    res = await fetch(new URL(path, API_URL), { headers: session.authHeaders() });
  } catch (e) {
    const kept = keep ? await idbGet<Blob>('files', key).catch(() => undefined) : undefined;
    if (kept) return URL.createObjectURL(kept);
    throw e;
  }
  if (!res.ok) throw new UploadError(uploadErrorMessage(res.status, await res.text()), res.status);
  const blob = await res.blob();
  if (keep) void idbPut('files', key, blob).catch(() => undefined);
  return URL.createObjectURL(blob);
}

/** Saves a private file under `filename` (a receipt PDF) — works the same in Electron and a browser. */
export async function downloadPrivate(path: string, filename: string) {
  const url = await privateObjectUrl(path);
  const a = document.createElement('a');
  a.href = url;
  a.download = filename;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 30_000);
}

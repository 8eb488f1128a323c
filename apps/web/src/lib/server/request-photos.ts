import { maxRequestPhotos } from '@handled/core/schemas';

/**
 * Photos of the problem on the booking form. With JavaScript they are uploaded as they are picked
 * (with progress) and the form carries their ids (`photoIds`); without it, the form carries the
 * files (`photos`) and this uploads them to the API as the visitor — the same sniffing and
 * re-encoding either way. Ids of photos uploaded by an earlier, refused send come back too, so a
 * photo is never lost to a typo in the address.
 */
export interface RequestPhotos {
  ids: string[];
  /** Why a photo was not taken (the API's words), beside the photo field. */
  error: string | null;
}

const idPattern = /^[\w-]{1,100}$/;

export function photoIdsOf(data: FormData): string[] {
  return [...new Set(data.getAll('photoIds').filter((v): v is string => typeof v === 'string' && idPattern.test(v)))];
}

export function photoFilesOf(data: FormData): File[] {
  return data.getAll('photos').filter((v): v is File => typeof v === 'object' && v !== null && 'size' in v && (v as File).size > 0);
}

/**
 * Uploads the form's files to the API at `apiUrl` as the visitor (their cookie), after the ids already
 * uploaded: to `/uploads/requests` unless told (a review's photos go to `/uploads/reviews/<booking>`).
 */
export async function uploadRequestPhotos(
  request: Request,
  data: FormData,
  apiUrl: string,
  options: { path?: string; max?: number } = {},
): Promise<RequestPhotos> {
  const { path = '/uploads/requests', max = maxRequestPhotos } = options;
  const ids = photoIdsOf(data);
  const files = photoFilesOf(data);
  const room = max - ids.length;
  if (files.length > room) return { ids, error: `Add at most ${max} photos${ids.length ? ` (you have ${ids.length} already)` : ''}.` };
  const cookie = request.headers.get('cookie');
  for (const file of files) {
    const body = new FormData();
    body.append('file', file, file.name || 'photo');
    let res: Response;
    try {
      res = await fetch(`${apiUrl}${path}`, { method: 'POST', headers: cookie ? { cookie } : {}, body });
    } catch {
      return { ids, error: 'Your photos could not be sent just now. Try again.' };
    }
    const answer = (await res.json().catch(() => null)) as { id?: unknown; error?: unknown } | null;
    if (res.status !== 201 || typeof answer?.id !== 'string') {
      const why = typeof answer?.error === 'string' ? answer.error : `The upload failed (${res.status}).`;
      return { ids, error: `${file.name || 'A photo'}: ${why}` };
    }
    ids.push(answer.id);
  }
  return { ids, error: null };
}

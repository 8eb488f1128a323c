import { Hono, type Context as HonoContext } from 'hono';
import { createMiddleware } from 'hono/factory';
import { bodyLimit } from 'hono/body-limit';
import { z } from 'zod';
import type { ServiceDeps, SessionUser } from '@handled/api';
import {
  addBookingPhoto,
  addGalleryPhoto,
  addReviewPhoto,
  readPublicReviewPhoto,
  addRequestPhoto,
  displayWidths,
  readAttachment,
  readLatestReceipt,
  sendPhotoMessage,
  setProfilePhoto,
} from '@handled/api/files';
import { isDomainError } from '@handled/core/errors';
import type { Auth } from '../auth.ts';
import { createContext } from '../context.ts';
import { domainErrorAnswer } from './answers.ts';

export interface FileRoutesOptions {
  deps: ServiceDeps;
  auth: Auth;
  botSecret: string;
  /** Largest photo accepted, in bytes. */
  maxUploadBytes: number;
}

function fail(c: HonoContext, e: unknown) {
  if (!isDomainError(e)) throw e;
  return domainErrorAnswer(c, e);
}

const kindSchema = z.enum(['before', 'after', 'receipt'], {
  error: 'Say whether this is a "before" or an "after" photo, or a receipt (?kind=before|after|receipt).',
});
const widthSchema = z.coerce
  .number()
  .pipe(z.literal(displayWidths, { error: `Width must be one of ${displayWidths.join(', ')}` }))
  .optional();

/**
 * Private files: job photos (upload, view) and receipts. Signed in with the same cookie or
 * bearer token as tRPC; only the booking's client, its provider or an admin gets a file.
 */
export function fileRoutes(opts: FileRoutesOptions) {
  const { deps } = opts;
  const app = new Hono<{ Variables: { user: SessionUser } }>();
  const tooLarge = `Photos can be at most ${Math.round(opts.maxUploadBytes / 1024 / 1024)} MB.`;

  // Per route, not `use('*')`: this app is mounted at the root beside tRPC and the rest.
  const signedIn = createMiddleware<{ Variables: { user: SessionUser } }>(async (c, next) => {
    const ctx = await createContext(c.req.raw, deps, opts.auth, opts.botSecret);
    if (!ctx.user) return c.json({ error: 'Please sign in to continue.', code: 'UNAUTHENTICATED' }, 401);
    c.set('user', ctx.user);
    await next();
  });

  // Refused before the body is read into memory or anything is stored (multipart adds a little).
  const uploadLimit = bodyLimit({
    maxSize: opts.maxUploadBytes + 64 * 1024,
    onError: (c) => c.json({ error: tooLarge, code: 'PAYLOAD_TOO_LARGE' }, 413),
  });
  /** The multipart field `file`, or the answer that refuses the upload. */
  const fileOf = async (c: HonoContext): Promise<File | Response> => {
    const form = await c.req.parseBody().catch(() => null);
    const file = form?.['file'];
    if (!(file instanceof File))
      return c.json({ error: 'Send the photo as a multipart form field named "file".', code: 'INVALID_INPUT' }, 400);
    if (file.size > opts.maxUploadBytes) return c.json({ error: tooLarge, code: 'PAYLOAD_TOO_LARGE' }, 413);
    return file;
  };

  app.post('/uploads/bookings/:id', signedIn, uploadLimit, async (c) => {
    const kind = kindSchema.safeParse(c.req.query('kind'));
    if (!kind.success) return c.json({ error: kind.error.issues[0]?.message ?? 'Bad kind', code: 'INVALID_INPUT' }, 400);
    const file = await fileOf(c);
    if (file instanceof Response) return file;
    try {
      const photo = await addBookingPhoto(deps, c.get('user'), {
        bookingId: c.req.param('id'),
        kind: kind.data,
        bytes: new Uint8Array(await file.arrayBuffer()),
        maxBytes: opts.maxUploadBytes,
      });
      return c.json(photo, 201);
    } catch (e) {
      return fail(c, e);
    }
  });

  // A photo message in a booking's conversation (the caption in the form field `body`, optional).
  app.post('/uploads/messages/:id', signedIn, uploadLimit, async (c) => {
    const form = await c.req.parseBody().catch(() => null);
    const file = form?.['file'];
    if (!(file instanceof File))
      return c.json({ error: 'Send the photo as a multipart form field named "file".', code: 'INVALID_INPUT' }, 400);
    if (file.size > opts.maxUploadBytes) return c.json({ error: tooLarge, code: 'PAYLOAD_TOO_LARGE' }, 413);
    const caption = form?.['body'];
    try {
      const sent = await sendPhotoMessage(deps, c.get('user'), {
        bookingId: c.req.param('id'),
        body: typeof caption === 'string' ? caption : '',
        bytes: new Uint8Array(await file.arrayBuffer()),
        maxBytes: opts.maxUploadBytes,
      });
      return c.json(sent, 201);
    } catch (e) {
      return fail(c, e);
    }
  });

  // A client's photo of the problem, before the request is sent (the request then names its id).
  app.post('/uploads/requests', signedIn, uploadLimit, async (c) => {
    const file = await fileOf(c);
    if (file instanceof Response) return file;
    try {
      const photo = await addRequestPhoto(deps, c.get('user'), {
        bytes: new Uint8Array(await file.arrayBuffer()),
        maxBytes: opts.maxUploadBytes,
      });
      return c.json(photo, 201);
    } catch (e) {
      return fail(c, e);
    }
  });

  // A client's photo for their review of a completed job (kept private until the review is public).
  app.post('/uploads/reviews/:id', signedIn, uploadLimit, async (c) => {
    const file = await fileOf(c);
    if (file instanceof Response) return file;
    try {
      const photo = await addReviewPhoto(deps, c.get('user'), {
        bookingId: c.req.param('id'),
        bytes: new Uint8Array(await file.arrayBuffer()),
        maxBytes: opts.maxUploadBytes,
      });
      return c.json(photo, 201);
    } catch (e) {
      return fail(c, e);
    }
  });

  // A published review's photos, for anyone (the profile page shows them).
  app.get('/review-photos/:reviewId/:photoId', async (c) => {
    try {
      const size = c.req.query('size') === 'thumb' ? 'thumb' : 'full';
      const file = await readPublicReviewPhoto(deps, c.req.param('reviewId'), c.req.param('photoId'), size);
      return c.body(Buffer.from(file.body), 200, {
        'content-type': file.contentType,
        'cache-control': 'public, max-age=300',
        'x-content-type-options': 'nosniff',
      });
    } catch (e) {
      return fail(c, e);
    }
  });

  // A provider's listing photo (the desk crops it square first) and photos of past work: public once
  // stored, so they pass the same checks as every upload — type from the bytes, size, no metadata.
  app.post('/uploads/profile-photo', signedIn, uploadLimit, async (c) => {
    const file = await fileOf(c);
    if (file instanceof Response) return file;
    try {
      const photo = await setProfilePhoto(deps, c.get('user'), {
        bytes: new Uint8Array(await file.arrayBuffer()),
        maxBytes: opts.maxUploadBytes,
      });
      return c.json(photo, 201);
    } catch (e) {
      return fail(c, e);
    }
  });

  app.post('/uploads/gallery', signedIn, uploadLimit, async (c) => {
    const file = await fileOf(c);
    if (file instanceof Response) return file;
    const caption = c.req.query('caption');
    try {
      const photo = await addGalleryPhoto(deps, c.get('user'), {
        bytes: new Uint8Array(await file.arrayBuffer()),
        maxBytes: opts.maxUploadBytes,
        ...(caption ? { caption } : {}),
      });
      return c.json(photo, 201);
    } catch (e) {
      return fail(c, e);
    }
  });

  const sendAttachment = (variant: 'full' | 'thumb') => async (c: HonoContext<{ Variables: { user: SessionUser } }>) => {
    try {
      // `?w=640`: the full photo at the width the page shows it.
      const width = variant === 'full' ? widthSchema.safeParse(c.req.query('w')) : null;
      if (width && !width.success) return c.json({ error: width.error.issues[0]?.message ?? 'Bad width', code: 'INVALID_INPUT' }, 400);
      const file = await readAttachment(deps, c.get('user'), c.req.param('id') ?? '', width?.data ?? variant);
      return c.body(Buffer.from(file.body), 200, {
        'content-type': file.contentType,
        'cache-control': 'private, max-age=3600',
        'x-content-type-options': 'nosniff',
      });
    } catch (e) {
      return fail(c, e);
    }
  };
  app.get('/attachments/:id', signedIn, sendAttachment('full'));
  app.get('/attachments/:id/thumb', signedIn, sendAttachment('thumb'));

  app.get('/receipts/:file', signedIn, async (c) => {
    const name = c.req.param('file');
    if (!name.endsWith('.pdf')) return c.json({ error: 'Not found' }, 404);
    try {
      const receipt = await readLatestReceipt(deps, c.get('user'), name.slice(0, -'.pdf'.length));
      return c.body(Buffer.from(receipt.body), 200, {
        'content-type': 'application/pdf',
        'content-disposition': `inline; filename="${receipt.filename}"`,
        'cache-control': 'private, no-cache',
        'x-content-type-options': 'nosniff',
      });
    } catch (e) {
      return fail(c, e);
    }
  });

  return app;
}

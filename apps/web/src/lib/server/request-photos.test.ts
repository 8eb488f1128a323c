import { describe, expect, it } from 'vitest';
import { photoFilesOf, photoIdsOf } from './request-photos.ts';

describe('photos on the booking form', () => {
  it('reads the ids already uploaded (once each, well-formed only) and the picked files (not the empty part a browser sends with none)', () => {
    const data = new FormData();
    for (const id of ['a1', 'a1', 'b-2', '../etc', '']) data.append('photoIds', id);
    data.append('photos', new File([], ''));
    data.append('photos', new File([new Uint8Array([1, 2])], 'tap.jpg', { type: 'image/jpeg' }));
    expect(photoIdsOf(data)).toEqual(['a1', 'b-2']);
    expect(photoFilesOf(data).map((f) => f.name)).toEqual(['tap.jpg']);
  });
});

import { describe, expect, it } from 'vitest';
import { hoursWorked, photoGroups, viewerSrcset } from './work-view';

describe('the work on the booking page', () => {
  it('says the hours against the estimate', () => {
    expect(hoursWorked(2.5, 2)).toEqual({ worked: '2.5 h', estimated: '2 h', difference: '0.5 h more than estimated' });
    expect(hoursWorked(1.75, 2).difference).toBe('0.25 h less than estimated');
    expect(hoursWorked(2, 2).difference).toBe('as estimated');
    expect(hoursWorked(null, 3)).toEqual({ worked: '3 h', estimated: '3 h', difference: null });
  });

  it('groups photos by who took them and when, and asks the viewer for screen sizes only', () => {
    const p = (id: string, kind: string) => ({ id, kind, url: `/attachments/${id}`, thumbUrl: null, width: 10, height: 10 });
    const g = photoGroups([p('a', 'after'), p('b', 'before'), p('c', 'problem')], 'Maya');
    expect(g.problem[0]!.photos.map((x) => x.id)).toEqual(['c']);
    expect(g.work.map((x) => x.photos.map((y) => y.id))).toEqual([['b'], ['a']]);
    expect(viewerSrcset('/attachments/a')).toBe('/attachments/a?w=640 640w, /attachments/a?w=960 960w, /attachments/a?w=1280 1280w');
  });
});

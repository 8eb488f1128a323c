import { describe, expect, it } from 'vitest';
import { moderationFlags } from './moderation.ts';

describe('automatic review flags', () => {
  it.each([
    ['Sam fixed the tap in 20 minutes and left the kitchen spotless.', []],
    ['Great work in Scunthorpe, assessed the pipes properly.', []],
    ['Arrived at 9, 2 hours, $120 — fair price.', []],
    ['What a sh1t job, total fucking waste', ['profanity']],
    ['Call me on +1 (212) 555-0143 for the details', ['contact']],
    ['email me at maya.r@example.com', ['contact', 'link']],
    ['maya at gmail dot com'.replace(' at ', '(at)').replace(' dot ', '(dot)'), ['contact']],
    ['Book him cheaper at www.cheap-plumbers.biz instead', ['link']],
    ['see https://example.org/deal', ['link']],
    ['He charged my card 4242 4242 4242 4242 twice', ['personal_data']],
    ['Came to 221 Baker Street and left the door open', ['personal_data']],
  ])('%s', (text, flags) => {
    expect(moderationFlags(text)).toEqual(flags);
  });
});

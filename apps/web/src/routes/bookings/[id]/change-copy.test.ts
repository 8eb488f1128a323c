import { describe, expect, it } from 'vitest';
import { answerErrorMessage, changeTimelineLabel, noteToShow, priceDifference, proposedSpan } from './change-copy.ts';

describe('a proposed change on the booking page', () => {
  it('keeps the booking’s start or length where the change leaves them', () => {
    const b = { startsAt: '2026-06-11T14:00:00.000Z', hours: 2 };
    expect(proposedSpan({ startsAt: '2026-06-12T15:00:00.000Z', hours: null }, b)).toEqual({
      startsAt: '2026-06-12T15:00:00.000Z',
      endsAt: '2026-06-12T17:00:00.000Z',
      hours: 2,
    });
    expect(proposedSpan({ startsAt: null, hours: 2.75 }, b)).toEqual({
      startsAt: b.startsAt,
      endsAt: '2026-06-11T16:45:00.000Z',
      hours: 2.75,
    });
  });

  it('words the price difference only when the total moves', () => {
    expect(priceDifference({ newTotal: 12000, currentTotal: 12000, currency: 'USD' })).toBeNull();
    expect(priceDifference({ newTotal: 18000, currentTotal: 12000, currency: 'USD' })).toEqual({
      now: '$120.00',
      next: '$180.00',
      diff: '+$60.00',
      more: true,
    });
    expect(priceDifference({ newTotal: 9000, currentTotal: 12000, currency: 'USD' })).toMatchObject({ diff: '−$30.00', more: false });
  });

  it('hides the server’s own note on a Cal.com move but shows a person’s', () => {
    expect(noteToShow({ via: 'calcom', note: 'The provider moved this job in their calendar.' })).toBeNull();
    expect(noteToShow({ via: 'handled', note: 'Running late on Thursday' })).toBe('Running late on Thursday');
  });

  it('says what happened when the answer is refused', () => {
    const err = { message: 'There is no pending change to answer.', domainCode: 'ILLEGAL_TRANSITION' };
    const theirs = { changeId: 'c1', proposedBy: 'provider' as const };
    expect(answerErrorMessage(err, theirs, null, 'Sam')).toBe('Sam withdrew this proposal, so your booking stays as it is.');
    expect(answerErrorMessage(err, theirs, { id: 'c2' }, 'Sam')).toMatch(/^Sam changed this proposal meanwhile/);
    expect(answerErrorMessage(err, { changeId: 'c1', proposedBy: 'client' }, null, 'Sam')).toMatch(
      /^Sam has already answered your request/,
    );
    expect(answerErrorMessage({ message: 'busy', domainCode: 'SLOT_TAKEN' }, theirs, { id: 'c1' }, 'Sam')).toMatch(
      /^That time is no longer free/,
    );
    expect(
      answerErrorMessage(
        { message: 'The booking has started, so it can no longer be changed.', domainCode: 'ILLEGAL_TRANSITION' },
        theirs,
        { id: 'c1' },
        'Sam',
      ),
    ).toBe('The booking has started, so it can no longer be changed.');
  });

  it('labels change events from the client’s side', () => {
    expect(changeTimelineLabel({ type: 'booking.change_proposed', actor: 'provider' }, 'Sam Rivera')).toBe('Sam proposed a change');
    expect(changeTimelineLabel({ type: 'booking.changed', actor: 'client' }, 'Sam Rivera')).toBe("You accepted Sam's change");
    expect(changeTimelineLabel({ type: 'booking.change_rejected', actor: 'client' }, 'Sam Rivera')).toBe("You declined Sam's proposal");
    expect(changeTimelineLabel({ type: 'booking.accepted', actor: 'provider' }, 'Sam Rivera')).toBeNull();
  });
});

import { describe, expect, it } from 'vitest';
import { bookingForm, type BookingFormValues } from './booking-form.ts';
import { checkForm, errorsFromApi, readForm } from './form.ts';

const parseBookingForm = (values: BookingFormValues) => checkForm(bookingForm, values);
const readBookingForm = (f: FormData) => readForm(bookingForm, f);

function form(overrides: Partial<BookingFormValues> = {}): FormData {
  const f = new FormData();
  const base: BookingFormValues = {
    providerId: 'prov-1',
    categoryId: 'cat-plumbing',
    startsAt: '2026-06-11T14:00:00.000Z',
    hours: '2',
    details: 'Leaking kitchen tap',
    specialRequirements: '',
    line1: '12 Grove St',
    line2: '',
    city: 'New York',
    region: 'NY',
    postalCode: '10014',
    country: 'us',
    contactPhone: '+1 212 555 0100',
  };
  for (const [k, v] of Object.entries({ ...base, ...overrides })) f.set(k, v);
  return f;
}

describe('booking form', () => {
  it('turns a filled form into the API input (country upper-cased, blank optionals dropped)', () => {
    const r = parseBookingForm(readBookingForm(form()));
    expect(r.ok).toBe(true);
    if (!r.ok) throw new Error('the form was refused');
    expect(r.data.hours).toBe(2);
    expect(r.data.address).toEqual({ line1: '12 Grove St', city: 'New York', region: 'NY', postalCode: '10014', country: 'US' });
  });

  it('puts each error next to its field, including the nested address', () => {
    const r = parseBookingForm(readBookingForm(form({ details: 'tap', postalCode: 'SW1A 1AA', contactPhone: 'call me', hours: '0.3' })));
    expect(r.ok).toBe(false);
    if (r.ok) throw new Error('the form was accepted');
    expect(Object.keys(r.errors).sort()).toEqual(['contactPhone', 'details', 'hours', 'postalCode']);
    expect(r.errors.postalCode).toContain('10001');
  });

  it('reads missing fields as empty strings so nothing typed is lost on redisplay', () => {
    const f = new FormData();
    f.set('details', 'Fix the boiler');
    const v = readBookingForm(f);
    expect(v.details).toBe('Fix the boiler');
    expect(v.line1).toBe('');
    const r = parseBookingForm(v);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.errors.line1).toBe('Enter the street address');
  });

  it('maps the API field errors onto the form', () => {
    expect(errorsFromApi(bookingForm, { address: ['Bad address'], hours: ['At most 12 hours in one booking'] })).toEqual({
      line1: 'Bad address',
      hours: 'At most 12 hours in one booking',
    });
  });
});

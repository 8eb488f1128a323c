import { z } from 'zod';
import { newId } from '../shared/ids.ts';
import { listOf, type StripeRouter } from './http.ts';
import { bool, expand, listParams, mergeMetadata, metadata, validate } from './params.ts';
import type { TaxRate } from './types.ts';

const percentage = z
  .union([z.number(), z.string().regex(/^\d+(\.\d+)?$/, 'must be a number')])
  .transform(Number)
  .refine((n) => n >= 0 && n <= 100, 'must be between 0 and 100');

const createSchema = z.strictObject({
  display_name: z.string().min(1),
  percentage,
  inclusive: bool(),
  active: bool().optional(),
  country: z.string().optional(),
  state: z.string().optional(),
  description: z.string().optional(),
  jurisdiction: z.string().optional(),
  tax_type: z.string().optional(),
  metadata: metadata().optional(),
  expand: expand(),
});
const updateSchema = z.strictObject({
  display_name: z.string().optional(),
  active: bool().optional(),
  description: z.string().optional(),
  metadata: metadata().optional(),
  expand: expand(),
});

export function taxRateRoutes(r: StripeRouter): void {
  r.post('/v1/tax_rates', ({ params, req, store }) => {
    const p = validate(createSchema, params);
    const rate: TaxRate = {
      id: newId('txr'),
      object: 'tax_rate',
      active: p.active ?? true,
      country: p.country ?? null,
      created: store.now(),
      description: p.description ?? null,
      display_name: p.display_name,
      effective_percentage: p.percentage,
      flat_amount: null,
      inclusive: p.inclusive,
      jurisdiction: p.jurisdiction ?? null,
      jurisdiction_level: null,
      livemode: false,
      metadata: p.metadata ?? {},
      percentage: p.percentage,
      rate_type: 'percentage',
      state: p.state ?? null,
      tax_type: p.tax_type ?? null,
    };
    store.data.tax_rates[rate.id] = rate;
    store.emit('tax_rate.created', rate, req);
    return rate;
  });

  r.get('/v1/tax_rates/:id', ({ path, store }) => store.get('tax_rates', path.id!, 'tax_rate'));

  r.post('/v1/tax_rates/:id', ({ path, params, req, store }) => {
    const rate = store.get('tax_rates', path.id!, 'tax_rate');
    const p = validate(updateSchema, params);
    if (p.display_name !== undefined) rate.display_name = p.display_name;
    if (p.active !== undefined) rate.active = p.active;
    if (p.description !== undefined) rate.description = p.description;
    rate.metadata = mergeMetadata(rate.metadata as Record<string, string>, p.metadata);
    store.emit('tax_rate.updated', rate, req);
    return rate;
  });

  r.get('/v1/tax_rates', ({ params, store }) => {
    validate(z.strictObject({ ...listParams, active: bool().optional() }), params);
    return listOf(Object.values(store.data.tax_rates).reverse(), params, '/v1/tax_rates');
  });
}

// The server's plain-GET path for slot lists: the same input schema, service and answer as catalog.slots.
export { slotsInput } from './routers/catalog.ts';
export { providerSlots, type SlotsAnswer } from './services/slots.ts';

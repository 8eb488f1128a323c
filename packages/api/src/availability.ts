// The server's plain-GET path for the public reads hit most: the same input schemas, services and
// answers as catalog.slots and discovery.search.
export { slotsInput } from './routers/catalog.ts';
export { searchInput } from './routers/discovery.ts';
export { providerSlots, type SlotsAnswer } from './services/slots.ts';
export { discover } from './services/discovery/search.ts';

// Search over providers, called directly by the search benchmark.
export { discover, type DiscoveryInput, type DiscoveryPage } from './services/discovery/search.ts';

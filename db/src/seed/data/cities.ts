import type { Currency } from '@handled/core/money';

export interface Neighbourhood {
  name: string;
  postalCode: string;
  lat: number;
  lng: number;
}

export interface City {
  key: 'new-york' | 'london' | 'sydney' | 'chicago';
  name: string;
  region: string;
  country: string;
  timeZone: string;
  currency: Currency;
  /** Sales tax / VAT / GST applied to the service and fee, in basis points. */
  taxBps: number;
  /** Local price level against New York in the local currency (e.g. a London plumber at ×0.62 in GBP). */
  rateFactor: number;
  /** Share of generated providers and clients. */
  weight: number;
  phonePrefix: string;
  streets: string[];
  neighbourhoods: Neighbourhood[];
}

export const cities: readonly City[] = [
  {
    key: 'new-york',
    name: 'New York',
    region: 'NY',
    country: 'US',
    timeZone: 'America/New_York',
    currency: 'USD',
    taxBps: 887,
    rateFactor: 1,
    weight: 34,
    phonePrefix: '+1 718 555 01',
    streets: ['7th Ave', 'Bedford Ave', 'Amsterdam Ave', 'Steinway St', 'Union St', 'Lenox Ave', '5th Ave', 'Knickerbocker Ave', 'Ditmars Blvd', 'Myrtle Ave'],
    neighbourhoods: [
      { name: 'Park Slope', postalCode: '11215', lat: 40.671, lng: -73.9814 },
      { name: 'Astoria', postalCode: '11102', lat: 40.7644, lng: -73.9235 },
      { name: 'Upper West Side', postalCode: '10024', lat: 40.787, lng: -73.9754 },
      { name: 'Williamsburg', postalCode: '11211', lat: 40.7081, lng: -73.9571 },
      { name: 'Harlem', postalCode: '10027', lat: 40.8116, lng: -73.9465 },
      { name: 'Chelsea', postalCode: '10011', lat: 40.7465, lng: -74.0014 },
      { name: 'Bushwick', postalCode: '11237', lat: 40.6958, lng: -73.9171 },
      { name: 'Flushing', postalCode: '11354', lat: 40.7675, lng: -73.8331 },
      { name: 'Bay Ridge', postalCode: '11209', lat: 40.6262, lng: -74.03 },
      { name: 'Jackson Heights', postalCode: '11372', lat: 40.7557, lng: -73.8831 },
      { name: 'Long Island City', postalCode: '11101', lat: 40.7447, lng: -73.9485 },
      { name: 'Upper East Side', postalCode: '10021', lat: 40.769, lng: -73.959 },
    ],
  },
  {
    key: 'london',
    name: 'London',
    region: 'Greater London',
    country: 'GB',
    timeZone: 'Europe/London',
    currency: 'GBP',
    taxBps: 2000,
    rateFactor: 0.62,
    weight: 28,
    phonePrefix: '+44 20 7946 0',
    streets: ['Upper Street', 'Abbeville Road', 'Mare Street', 'Coldharbour Lane', 'Parkway', 'Hill Rise', 'Royal Hill', 'Hoe Street', 'Munster Road', 'Church Street'],
    neighbourhoods: [
      { name: 'Islington', postalCode: 'N1 8QH', lat: 51.5362, lng: -0.1033 },
      { name: 'Clapham', postalCode: 'SW4 7AB', lat: 51.4619, lng: -0.1384 },
      { name: 'Hackney', postalCode: 'E8 3RH', lat: 51.545, lng: -0.0553 },
      { name: 'Brixton', postalCode: 'SW9 8HE', lat: 51.4613, lng: -0.1156 },
      { name: 'Camden', postalCode: 'NW1 8NH', lat: 51.539, lng: -0.1426 },
      { name: 'Richmond', postalCode: 'TW9 1DN', lat: 51.4613, lng: -0.3037 },
      { name: 'Greenwich', postalCode: 'SE10 9BB', lat: 51.4826, lng: -0.0077 },
      { name: 'Walthamstow', postalCode: 'E17 7JN', lat: 51.583, lng: -0.02 },
      { name: 'Fulham', postalCode: 'SW6 1BA', lat: 51.4733, lng: -0.201 },
      { name: 'Ealing', postalCode: 'W5 5JY', lat: 51.513, lng: -0.3089 },
      { name: 'Peckham', postalCode: 'SE15 5DQ', lat: 51.474, lng: -0.069 },
      { name: 'Stoke Newington', postalCode: 'N16 0NX', lat: 51.562, lng: -0.076 },
    ],
  },
  {
    key: 'sydney',
    name: 'Sydney',
    region: 'NSW',
    country: 'AU',
    timeZone: 'Australia/Sydney',
    currency: 'AUD',
    taxBps: 1000,
    rateFactor: 1.15,
    weight: 22,
    phonePrefix: '+61 2 5550 1',
    streets: ['Crown Street', 'King Street', 'Campbell Parade', 'The Corso', 'Church Street', 'Victoria Avenue', 'Illawarra Road', 'Arden Street', 'Glebe Point Road', 'Darling Street'],
    neighbourhoods: [
      { name: 'Surry Hills', postalCode: '2010', lat: -33.8861, lng: 151.2111 },
      { name: 'Newtown', postalCode: '2042', lat: -33.8977, lng: 151.179 },
      { name: 'Bondi', postalCode: '2026', lat: -33.8915, lng: 151.2767 },
      { name: 'Manly', postalCode: '2095', lat: -33.7969, lng: 151.284 },
      { name: 'Parramatta', postalCode: '2150', lat: -33.815, lng: 151.0011 },
      { name: 'Chatswood', postalCode: '2067', lat: -33.7969, lng: 151.1803 },
      { name: 'Marrickville', postalCode: '2204', lat: -33.911, lng: 151.155 },
      { name: 'Coogee', postalCode: '2034', lat: -33.92, lng: 151.256 },
      { name: 'Glebe', postalCode: '2037', lat: -33.879, lng: 151.186 },
      { name: 'Balmain', postalCode: '2041', lat: -33.859, lng: 151.179 },
      { name: 'Ryde', postalCode: '2112', lat: -33.815, lng: 151.103 },
    ],
  },
  {
    key: 'chicago',
    name: 'Chicago',
    region: 'IL',
    country: 'US',
    timeZone: 'America/Chicago',
    currency: 'USD',
    taxBps: 1025,
    rateFactor: 0.85,
    weight: 16,
    phonePrefix: '+1 312 555 01',
    streets: ['N Clark St', 'N Milwaukee Ave', 'W Fullerton Ave', 'E 53rd St', 'W 18th St', 'N Broadway', 'W Armitage Ave', 'S Halsted St'],
    neighbourhoods: [
      { name: 'Lincoln Park', postalCode: '60614', lat: 41.9214, lng: -87.6513 },
      { name: 'Wicker Park', postalCode: '60622', lat: 41.9088, lng: -87.6796 },
      { name: 'Logan Square', postalCode: '60647', lat: 41.9234, lng: -87.7083 },
      { name: 'Hyde Park', postalCode: '60615', lat: 41.7943, lng: -87.5907 },
      { name: 'Pilsen', postalCode: '60608', lat: 41.8564, lng: -87.6566 },
      { name: 'Lakeview', postalCode: '60657', lat: 41.94, lng: -87.6536 },
      { name: 'Andersonville', postalCode: '60640', lat: 41.98, lng: -87.6685 },
      { name: 'Bridgeport', postalCode: '60609', lat: 41.8381, lng: -87.651 },
    ],
  },
];

export function cityByKey(key: City['key']): City {
  const city = cities.find((c) => c.key === key);
  if (!city) throw new RangeError(`Unknown city ${key}`);
  return city;
}

/** Cities for the benchmark's scale mode: spread across zones, each a centre and a currency. */
export const scaleCities = [
  { name: 'New York', region: 'NY', country: 'US', timeZone: 'America/New_York', currency: 'USD', taxBps: 887, lat: 40.73, lng: -73.95 },
  { name: 'Chicago', region: 'IL', country: 'US', timeZone: 'America/Chicago', currency: 'USD', taxBps: 1025, lat: 41.88, lng: -87.63 },
  { name: 'Los Angeles', region: 'CA', country: 'US', timeZone: 'America/Los_Angeles', currency: 'USD', taxBps: 950, lat: 34.05, lng: -118.24 },
  { name: 'Toronto', region: 'ON', country: 'CA', timeZone: 'America/Toronto', currency: 'CAD', taxBps: 1300, lat: 43.65, lng: -79.38 },
  { name: 'London', region: 'Greater London', country: 'GB', timeZone: 'Europe/London', currency: 'GBP', taxBps: 2000, lat: 51.51, lng: -0.13 },
  { name: 'Berlin', region: 'Berlin', country: 'DE', timeZone: 'Europe/Berlin', currency: 'EUR', taxBps: 1900, lat: 52.52, lng: 13.4 },
  { name: 'Madrid', region: 'Madrid', country: 'ES', timeZone: 'Europe/Madrid', currency: 'EUR', taxBps: 2100, lat: 40.42, lng: -3.7 },
  { name: 'Sydney', region: 'NSW', country: 'AU', timeZone: 'Australia/Sydney', currency: 'AUD', taxBps: 1000, lat: -33.87, lng: 151.21 },
] as const;

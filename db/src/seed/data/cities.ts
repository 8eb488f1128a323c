import type { Currency } from '@handled/core/money';

export interface Neighbourhood {
  name: string;
  postalCode: string;
  lat: number;
  lng: number;
  /** Real streets inside this postal code, so a drawn address's street and code agree. */
  streets: readonly string[];
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
    neighbourhoods: [
      { name: 'Park Slope', postalCode: '11215', lat: 40.671, lng: -73.9814, streets: ['7th Ave', 'Union St', '5th Ave'] },
      { name: 'Astoria', postalCode: '11102', lat: 40.7644, lng: -73.9235, streets: ['Ditmars Blvd', '31st St', 'Astoria Blvd'] },
      { name: 'Upper West Side', postalCode: '10024', lat: 40.787, lng: -73.9754, streets: ['Amsterdam Ave', 'Columbus Ave', 'W 86th St'] },
      { name: 'Williamsburg', postalCode: '11211', lat: 40.7081, lng: -73.9571, streets: ['Bedford Ave', 'Grand St', 'Metropolitan Ave'] },
      { name: 'Harlem', postalCode: '10027', lat: 40.8116, lng: -73.9465, streets: ['Lenox Ave', 'W 125th St', 'Frederick Douglass Blvd'] },
      { name: 'Chelsea', postalCode: '10011', lat: 40.7465, lng: -74.0014, streets: ['W 23rd St', '8th Ave', 'W 19th St'] },
      { name: 'Bushwick', postalCode: '11237', lat: 40.6958, lng: -73.9171, streets: ['Knickerbocker Ave', 'Wyckoff Ave', 'Irving Ave'] },
      { name: 'Flushing', postalCode: '11354', lat: 40.7675, lng: -73.8331, streets: ['Main St', 'Roosevelt Ave', 'Kissena Blvd'] },
      { name: 'Bay Ridge', postalCode: '11209', lat: 40.6262, lng: -74.03, streets: ['3rd Ave', 'Shore Rd', '86th St'] },
      { name: 'Jackson Heights', postalCode: '11372', lat: 40.7557, lng: -73.8831, streets: ['37th Ave', '82nd St', 'Roosevelt Ave'] },
      { name: 'Long Island City', postalCode: '11101', lat: 40.7447, lng: -73.9485, streets: ['Jackson Ave', 'Vernon Blvd', '44th Dr'] },
      { name: 'Upper East Side', postalCode: '10021', lat: 40.769, lng: -73.959, streets: ['E 72nd St', 'Lexington Ave', '2nd Ave'] },
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
    neighbourhoods: [
      { name: 'Islington', postalCode: 'N1 8QH', lat: 51.5362, lng: -0.1033, streets: ['Upper Street', 'Essex Road', 'Cross Street'] },
      {
        name: 'Clapham',
        postalCode: 'SW4 7AB',
        lat: 51.4619,
        lng: -0.1384,
        streets: ['Abbeville Road', 'Clapham Park Road', 'Clapham Common South Side'],
      },
      { name: 'Hackney', postalCode: 'E8 3RH', lat: 51.545, lng: -0.0553, streets: ['Mare Street', 'Dalston Lane', 'Graham Road'] },
      { name: 'Brixton', postalCode: 'SW9 8HE', lat: 51.4613, lng: -0.1156, streets: ['Coldharbour Lane', 'Brixton Road', 'Acre Lane'] },
      { name: 'Camden', postalCode: 'NW1 8NH', lat: 51.539, lng: -0.1426, streets: ['Parkway', 'Arlington Road', 'Camden Road'] },
      { name: 'Richmond', postalCode: 'TW9 1DN', lat: 51.4613, lng: -0.3037, streets: ['Hill Rise', 'Sheen Road', 'Kew Road'] },
      {
        name: 'Greenwich',
        postalCode: 'SE10 9BB',
        lat: 51.4826,
        lng: -0.0077,
        streets: ['Royal Hill', 'Crooms Hill', 'Greenwich Church Street'],
      },
      { name: 'Walthamstow', postalCode: 'E17 7JN', lat: 51.583, lng: -0.02, streets: ['Hoe Street', 'Orford Road', 'High Street'] },
      { name: 'Fulham', postalCode: 'SW6 1BA', lat: 51.4733, lng: -0.201, streets: ['Munster Road', 'Fulham Road', 'Dawes Road'] },
      { name: 'Ealing', postalCode: 'W5 5JY', lat: 51.513, lng: -0.3089, streets: ['The Broadway', 'Uxbridge Road', 'New Broadway'] },
      { name: 'Peckham', postalCode: 'SE15 5DQ', lat: 51.474, lng: -0.069, streets: ['Rye Lane', 'Bellenden Road', 'Choumert Road'] },
      {
        name: 'Stoke Newington',
        postalCode: 'N16 0NX',
        lat: 51.562,
        lng: -0.076,
        streets: ['Church Street', 'Stoke Newington High Street', 'Albion Road'],
      },
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
    neighbourhoods: [
      { name: 'Surry Hills', postalCode: '2010', lat: -33.8861, lng: 151.2111, streets: ['Crown Street', 'Bourke Street', 'Riley Street'] },
      { name: 'Newtown', postalCode: '2042', lat: -33.8977, lng: 151.179, streets: ['King Street', 'Australia Street', 'Wilson Street'] },
      { name: 'Bondi', postalCode: '2026', lat: -33.8915, lng: 151.2767, streets: ['Campbell Parade', 'Hall Street', 'Curlewis Street'] },
      { name: 'Manly', postalCode: '2095', lat: -33.7969, lng: 151.284, streets: ['The Corso', 'Darley Road', 'Pittwater Road'] },
      {
        name: 'Parramatta',
        postalCode: '2150',
        lat: -33.815,
        lng: 151.0011,
        streets: ['Church Street', 'George Street', 'Macquarie Street'],
      },
      {
        name: 'Chatswood',
        postalCode: '2067',
        lat: -33.7969,
        lng: 151.1803,
        streets: ['Victoria Avenue', 'Albert Avenue', 'Archer Street'],
      },
      {
        name: 'Marrickville',
        postalCode: '2204',
        lat: -33.911,
        lng: 151.155,
        streets: ['Illawarra Road', 'Marrickville Road', 'Victoria Road'],
      },
      { name: 'Coogee', postalCode: '2034', lat: -33.92, lng: 151.256, streets: ['Arden Street', 'Carr Street', 'Dolphin Street'] },
      { name: 'Glebe', postalCode: '2037', lat: -33.879, lng: 151.186, streets: ['Glebe Point Road', 'St Johns Road', 'Wigram Road'] },
      { name: 'Balmain', postalCode: '2041', lat: -33.859, lng: 151.179, streets: ['Darling Street', 'Beattie Street', 'Mort Street'] },
      { name: 'Ryde', postalCode: '2112', lat: -33.815, lng: 151.103, streets: ['Blaxland Road', 'Victoria Road', 'Church Street'] },
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
    neighbourhoods: [
      {
        name: 'Lincoln Park',
        postalCode: '60614',
        lat: 41.9214,
        lng: -87.6513,
        streets: ['N Clark St', 'W Fullerton Ave', 'N Halsted St'],
      },
      {
        name: 'Wicker Park',
        postalCode: '60622',
        lat: 41.9088,
        lng: -87.6796,
        streets: ['N Milwaukee Ave', 'N Damen Ave', 'W Division St'],
      },
      {
        name: 'Logan Square',
        postalCode: '60647',
        lat: 41.9234,
        lng: -87.7083,
        streets: ['N Milwaukee Ave', 'W Fullerton Ave', 'N Kedzie Blvd'],
      },
      { name: 'Hyde Park', postalCode: '60615', lat: 41.7943, lng: -87.5907, streets: ['E 53rd St', 'S Harper Ave', 'S Lake Park Ave'] },
      { name: 'Pilsen', postalCode: '60608', lat: 41.8564, lng: -87.6566, streets: ['W 18th St', 'S Blue Island Ave', 'W Cermak Rd'] },
      { name: 'Lakeview', postalCode: '60657', lat: 41.94, lng: -87.6536, streets: ['N Broadway', 'N Clark St', 'W Belmont Ave'] },
      { name: 'Andersonville', postalCode: '60640', lat: 41.98, lng: -87.6685, streets: ['N Clark St', 'W Foster Ave', 'N Ashland Ave'] },
      { name: 'Bridgeport', postalCode: '60609', lat: 41.8381, lng: -87.651, streets: ['S Halsted St', 'W 31st St', 'S Morgan St'] },
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
  {
    name: 'Los Angeles',
    region: 'CA',
    country: 'US',
    timeZone: 'America/Los_Angeles',
    currency: 'USD',
    taxBps: 950,
    lat: 34.05,
    lng: -118.24,
  },
  { name: 'Toronto', region: 'ON', country: 'CA', timeZone: 'America/Toronto', currency: 'CAD', taxBps: 1300, lat: 43.65, lng: -79.38 },
  {
    name: 'London',
    region: 'Greater London',
    country: 'GB',
    timeZone: 'Europe/London',
    currency: 'GBP',
    taxBps: 2000,
    lat: 51.51,
    lng: -0.13,
  },
  { name: 'Berlin', region: 'Berlin', country: 'DE', timeZone: 'Europe/Berlin', currency: 'EUR', taxBps: 1900, lat: 52.52, lng: 13.4 },
  { name: 'Madrid', region: 'Madrid', country: 'ES', timeZone: 'Europe/Madrid', currency: 'EUR', taxBps: 2100, lat: 40.42, lng: -3.7 },
  { name: 'Sydney', region: 'NSW', country: 'AU', timeZone: 'Australia/Sydney', currency: 'AUD', taxBps: 1000, lat: -33.87, lng: 151.21 },
] as const;

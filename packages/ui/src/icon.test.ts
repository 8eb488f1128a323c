import { Heart, MapPin } from 'lucide';
import { describe, expect, it } from 'vitest';
import { iconMarkup } from './icon.ts';

describe('iconMarkup', () => {
  it("writes Lucide's shapes as SVG elements with their attributes", () => {
    expect(iconMarkup(Heart)).toMatch(/^<path d="M2 9\.5a5\.5 [^"]+"\/>$/);
    expect(iconMarkup(MapPin)).toBe(
      MapPin.map(
        ([tag, attrs]) =>
          `<${tag}${Object.entries(attrs)
            .map(([k, v]) => ` ${k}="${String(v)}"`)
            .join('')}/>`,
      ).join(''),
    );
    expect(iconMarkup(MapPin)).toContain('<circle cx="12" cy="10" r="3"/>');
  });

  it('escapes attribute values', () => {
    expect(iconMarkup([['path', { d: 'M0 0"><script>' }]])).toBe('<path d="M0 0&quot;&gt;&lt;script&gt;"/>');
  });
});

import type { CategorySlug } from '../data/categories.ts';
import type { Rng } from '../rng.ts';

/** Work-gallery scenes, 800×600: flat illustrations whose colours and layout vary by draw. */
const W = 800;
const H = 600;

const walls = ['#f5efe6', '#e8f0f2', '#f3e8ee', '#eef2e3', '#fdf6e3', '#e9e7f5'];
const accents = ['#2563eb', '#0d9488', '#db2777', '#ea580c', '#7c3aed', '#16a34a', '#ca8a04'];

function frame(body: string, defs = ''): string {
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" viewBox="0 0 ${W} ${H}"><defs>${defs}</defs>${body}</svg>`;
}

function sky(id: string, top: string, bottom: string): string {
  return `<linearGradient id="${id}" x1="0" y1="0" x2="0" y2="1"><stop offset="0" stop-color="${top}"/><stop offset="1" stop-color="${bottom}"/></linearGradient>`;
}

function sparkle(x: number, y: number, r: number, colour: string): string {
  return `<path d="M${x} ${y - r}L${x + r * 0.28} ${y - r * 0.28}L${x + r} ${y}L${x + r * 0.28} ${y + r * 0.28}L${x} ${y + r}L${x - r * 0.28} ${y + r * 0.28}L${x - r} ${y}L${x - r * 0.28} ${y - r * 0.28}z" fill="${colour}"/>`;
}

function kitchenCounter(rng: Rng, wall: string, cabinet: string): string {
  const doors = Array.from(
    { length: 5 },
    (_, i) =>
      `<rect x="${40 + i * 148}" y="420" width="132" height="160" rx="6" fill="${cabinet}"/><rect x="${96 + i * 148}" y="440" width="20" height="6" rx="3" fill="#e5e7eb"/>`,
  ).join('');
  return `<rect width="${W}" height="${H}" fill="${wall}"/><rect y="560" width="${W}" height="40" fill="#a8a29e"/><rect x="20" y="380" width="760" height="30" rx="4" fill="#d6d3d1"/>${doors}${rng.chance(0.5) ? '<rect x="600" y="330" width="50" height="50" rx="8" fill="#84cc16"/><path d="M625 330c-10-30 0-50 20-60-5 25-10 40-20 60z" fill="#4d7c0f"/>' : ''}`;
}

const scenes: Record<CategorySlug, (rng: Rng) => string> = {
  cleaning(rng) {
    const cab = rng.pick(accents);
    const sparkles = Array.from({ length: 7 }, () =>
      sparkle(rng.int(80, 720), rng.int(80, 360), rng.int(10, 26), rng.pick(['#ffffff', '#fde047'])),
    ).join('');
    return frame(
      `${kitchenCounter(rng, rng.pick(walls), cab)}<rect x="250" y="70" width="300" height="220" rx="8" fill="url(#s)" stroke="#ffffff" stroke-width="14"/><path d="M400 70v220M250 180h300" stroke="#ffffff" stroke-width="10"/><path d="M280 290l60-120" stroke="#ffffff" stroke-opacity="0.5" stroke-width="18"/>
<path d="M140 380v-80h40l20 20v60z" fill="${rng.pick(accents)}"/><rect x="150" y="280" width="24" height="20" fill="#e5e7eb"/>${sparkles}`,
      sky('s', '#7dd3fc', '#e0f2fe'),
    );
  },
  plumbing(rng) {
    const tile = rng.pick(['#dbeafe', '#e0f2f1', '#f1f5f9', '#fef3c7']);
    const grout = '#ffffff';
    const tiles =
      Array.from({ length: 10 }, (_, i) => `<path d="M${i * 80} 0v380" stroke="${grout}" stroke-width="4"/>`).join('') +
      Array.from({ length: 5 }, (_, i) => `<path d="M0 ${i * 80}h800" stroke="${grout}" stroke-width="4"/>`).join('');
    const chrome =
      '<linearGradient id="c" x1="0" y1="0" x2="1" y2="0"><stop offset="0" stop-color="#94a3b8"/><stop offset="0.5" stop-color="#f8fafc"/><stop offset="1" stop-color="#64748b"/></linearGradient>';
    return frame(
      `<rect width="${W}" height="${H}" fill="${tile}"/>${tiles}<rect y="380" width="${W}" height="220" fill="${rng.pick(['#78716c', '#334155', '#7c2d12'])}"/>
<rect x="180" y="350" width="440" height="40" rx="6" fill="#e7e5e4"/><path d="M250 390h300l-20 70H270z" fill="#cbd5e1"/>
<rect x="388" y="220" width="24" height="135" rx="10" fill="url(#c)"/><path d="M400 230c0-40 30-60 80-60h40v28h-40c-30 0-48 10-48 32z" fill="url(#c)"/><rect x="500" y="196" width="26" height="18" rx="4" fill="url(#c)"/>
<rect x="360" y="300" width="24" height="10" rx="4" fill="${rng.pick(['#ef4444', '#3b82f6'])}"/>
<path d="M513 236c-8 14-12 22-12 28a12 12 0 0 0 24 0c0-6-4-14-12-28z" fill="#38bdf8"/>
<path d="M400 460v60h120v80" fill="none" stroke="#cbd5e1" stroke-width="22"/><circle cx="400" cy="520" r="14" fill="#94a3b8"/>`,
      chrome,
    );
  },
  electrical(rng) {
    const wall = rng.pick(['#1e293b', '#334155', '#3f3f46', '#134e4a']);
    const shade = rng.pick(['#f59e0b', '#e11d48', '#0ea5e9', '#f8fafc']);
    const lamps = rng.int(1, 3);
    const spacing = W / (lamps + 1);
    const lampSvg = Array.from({ length: lamps }, (_, i) => {
      const x = spacing * (i + 1);
      const drop = rng.int(160, 240);
      return `<circle cx="${x}" cy="${drop + 60}" r="140" fill="url(#g)"/><path d="M${x} 0v${drop}" stroke="#111827" stroke-width="4"/><path d="M${x - 70} ${drop + 60}L${x - 26} ${drop}h52l44 60z" fill="${shade}"/><circle cx="${x}" cy="${drop + 66}" r="18" fill="#fef9c3"/>`;
    }).join('');
    return frame(
      `<rect width="${W}" height="${H}" fill="${wall}"/>${lampSvg}<rect y="520" width="${W}" height="80" fill="#0f172a" opacity="0.5"/>
<rect x="620" y="420" width="110" height="70" rx="10" fill="#f8fafc"/><rect x="640" y="440" width="10" height="18" rx="2" fill="#475569"/><rect x="662" y="440" width="10" height="18" rx="2" fill="#475569"/><rect x="690" y="440" width="10" height="18" rx="2" fill="#475569"/>`,
      '<radialGradient id="g"><stop offset="0" stop-color="#fde68a" stop-opacity="0.55"/><stop offset="1" stop-color="#fde68a" stop-opacity="0"/></radialGradient>',
    );
  },
  handyman(rng) {
    const wall = rng.pick(walls);
    const wood = rng.pick(['#a16207', '#78350f', '#d6a86b', '#f5f5f4']);
    const books = (x: number, y: number) => {
      let out = '';
      let cx = x;
      for (let i = 0; i < rng.int(4, 7); i++) {
        const w = rng.int(16, 30);
        const h = rng.int(60, 90);
        out += `<rect x="${cx}" y="${y - h}" width="${w}" height="${h}" rx="2" fill="${rng.pick(accents)}"/>`;
        cx += w + 3;
      }
      return out;
    };
    const frames = Array.from(
      { length: 3 },
      (_, i) =>
        `<rect x="${470 + i * 100}" y="${120 + (i % 2) * 40}" width="80" height="100" fill="#ffffff" stroke="#1f2937" stroke-width="6"/><rect x="${482 + i * 100}" y="${132 + (i % 2) * 40}" width="56" height="76" fill="${rng.pick(accents)}" opacity="0.6"/>`,
    ).join('');
    return frame(
      `<rect width="${W}" height="${H}" fill="${wall}"/><rect y="540" width="${W}" height="60" fill="#a8a29e"/>
<rect x="60" y="200" width="320" height="18" fill="${wood}"/>${books(80, 200)}<rect x="60" y="360" width="320" height="18" fill="${wood}"/>${books(150, 360)}
<rect x="90" y="300" width="40" height="60" rx="6" fill="#fb923c"/><path d="M110 300c-20-30-10-50 0-60 10 10 20 30 0 60z" fill="#16a34a"/>${frames}
<rect x="520" y="400" width="200" height="140" rx="6" fill="${wood}"/><path d="M520 470h200M620 400v140" stroke="#000000" stroke-opacity="0.15" stroke-width="4"/>`,
    );
  },
  gardening(rng) {
    const flowers = Array.from({ length: 14 }, () => {
      const x = rng.int(30, 770);
      const y = rng.int(330, 380);
      const c = rng.pick(['#f43f5e', '#facc15', '#a855f7', '#fb923c', '#ffffff', '#ec4899']);
      return `<path d="M${x} ${y}v40" stroke="#15803d" stroke-width="4"/><circle cx="${x}" cy="${y}" r="${rng.int(8, 14)}" fill="${c}"/><circle cx="${x}" cy="${y}" r="4" fill="#fde047"/>`;
    }).join('');
    const stripes = Array.from(
      { length: 8 },
      (_, i) => `<rect x="${i * 100}" y="420" width="50" height="180" fill="#ffffff" opacity="0.08"/>`,
    ).join('');
    return frame(
      `<rect width="${W}" height="${H}" fill="url(#s)"/><circle cx="${rng.int(560, 720)}" cy="${rng.int(70, 130)}" r="44" fill="#fde047"/>
<rect x="0" y="200" width="${W}" height="60" fill="#a16207"/>${Array.from({ length: 17 }, (_, i) => `<rect x="${i * 48}" y="170" width="36" height="100" rx="4" fill="#b45309"/>`).join('')}
<rect x="-20" y="240" width="${rng.int(360, 520)}" height="160" rx="60" fill="${rng.pick(['#166534', '#15803d', '#14532d'])}"/>
<rect y="400" width="${W}" height="200" fill="${rng.pick(['#4ade80', '#22c55e', '#65a30d'])}"/>${stripes}<rect x="0" y="360" width="${W}" height="50" fill="#78350f" opacity="0.85"/>${flowers}`,
      sky('s', rng.pick(['#38bdf8', '#60a5fa', '#7dd3fc']), '#e0f2fe'),
    );
  },
  painting(rng) {
    const oldC = rng.pick(['#e7e5e4', '#fef3c7', '#e2e8f0']);
    const newC = rng.pick(['#14532d', '#1e3a8a', '#9f1239', '#0f766e', '#c2410c', '#f9a8d4', '#fde68a']);
    const split = rng.int(330, 470);
    return frame(
      `<rect width="${W}" height="${H}" fill="${oldC}"/><rect width="${split}" height="520" fill="${newC}"/><path d="M${split} 0c-10 80 12 180 0 260s10 180 0 260" fill="${newC}" stroke="${newC}" stroke-width="14"/>
<rect y="20" width="${W}" height="14" fill="#facc15" opacity="0.8"/><rect y="500" width="${W}" height="30" fill="#f8fafc"/><rect y="530" width="${W}" height="70" fill="#d6d3d1"/>
<g transform="translate(${split + 40} 230) rotate(-12)"><rect x="0" y="0" width="140" height="48" rx="12" fill="${newC}" stroke="#1f2937" stroke-width="4"/><path d="M140 24h30v70H70v40" fill="none" stroke="#374151" stroke-width="10"/><rect x="58" y="130" width="24" height="90" rx="8" fill="#111827"/></g>
<path d="M${split + 150} 580l30-50h140l-20 50z" fill="#94a3b8"/><path d="M${split + 190} 560h110" stroke="${newC}" stroke-width="18"/>`,
    );
  },
  'moving-help'(rng) {
    const box = (x: number, y: number, w: number, h: number) =>
      `<rect x="${x}" y="${y}" width="${w}" height="${h}" fill="${rng.pick(['#d6a86b', '#c08a4e', '#e0b97f'])}" stroke="#92400e" stroke-width="3"/><rect x="${x + w / 2 - 10}" y="${y}" width="20" height="${h}" fill="#fef3c7" opacity="0.8"/>`;
    const boxes =
      box(80, 420, 180, 130) + box(280, 440, 150, 110) + box(120, 300, 140, 120) + (rng.chance(0.6) ? box(300, 340, 110, 100) : '');
    const van = rng.pick(['#f8fafc', '#1d4ed8', '#f59e0b', '#334155']);
    return frame(
      `<rect width="${W}" height="${H}" fill="${rng.pick(walls)}"/><rect y="550" width="${W}" height="50" fill="#a8a29e"/>${boxes}
<g transform="translate(470 300)"><rect x="0" y="40" width="200" height="170" rx="8" fill="${van}" stroke="#1f2937" stroke-width="4"/><path d="M200 90h70l40 60v60H200z" fill="${van}" stroke="#1f2937" stroke-width="4"/><path d="M215 100h50l30 45h-80z" fill="#bae6fd"/><circle cx="60" cy="220" r="30" fill="#111827"/><circle cx="250" cy="220" r="30" fill="#111827"/><circle cx="60" cy="220" r="12" fill="#9ca3af"/><circle cx="250" cy="220" r="12" fill="#9ca3af"/></g>`,
    );
  },
  'dog-walking'(rng) {
    const trees = Array.from({ length: rng.int(3, 5) }, () => {
      const x = rng.int(40, 760);
      const r = rng.int(50, 80);
      return `<rect x="${x - 8}" y="${300 - r / 2}" width="16" height="${r + 40}" fill="#78350f"/><circle cx="${x}" cy="${280 - r}" r="${r}" fill="${rng.pick(['#15803d', '#16a34a', '#166534', '#ca8a04'])}"/>`;
    }).join('');
    const dog = rng.pick(['#92400e', '#1f2937', '#d6d3d1', '#f59e0b']);
    return frame(
      `<rect width="${W}" height="${H}" fill="url(#s)"/><ellipse cx="200" cy="380" rx="420" ry="120" fill="#86efac"/><ellipse cx="650" cy="400" rx="380" ry="110" fill="#4ade80"/>${trees}
<rect y="400" width="${W}" height="200" fill="#22c55e"/><path d="M-20 600C200 520 360 470 820 430" fill="none" stroke="#e7d7b5" stroke-width="70"/>
<g transform="translate(330 430)"><ellipse cx="60" cy="40" rx="60" ry="26" fill="${dog}"/><circle cx="125" cy="12" r="24" fill="${dog}"/><ellipse cx="112" cy="0" rx="9" ry="18" fill="#000000" opacity="0.3"/><rect x="14" y="56" width="12" height="34" fill="${dog}"/><rect x="92" y="56" width="12" height="34" fill="${dog}"/><path d="M0 30c-20-10-26-30-20-40" stroke="${dog}" stroke-width="10" fill="none" stroke-linecap="round"/><circle cx="134" cy="8" r="3" fill="#111827"/><rect x="104" y="26" width="30" height="8" rx="4" fill="${rng.pick(accents)}"/></g>
<path d="M470 460q60-60 110-180" fill="none" stroke="${rng.pick(accents)}" stroke-width="5"/>`,
      sky('s', '#93c5fd', '#f0f9ff'),
    );
  },
  'appliance-repair'(rng) {
    const body = rng.pick(['#f8fafc', '#e2e8f0', '#cbd5e1']);
    const room = `<rect width="${W}" height="${H}" fill="${rng.pick(walls)}"/><rect y="540" width="${W}" height="60" fill="#78716c"/><rect x="0" y="150" width="${W}" height="20" fill="#d6d3d1"/>`;
    const screwdriver = `<g transform="translate(600 380) rotate(30)"><rect x="0" y="0" width="24" height="110" rx="8" fill="${rng.pick(accents)}"/><path d="M-6 110h36v22a18 18 0 0 1-36 0z" fill="#475569"/></g>`;
    const kind = rng.pick(['washer', 'washer', 'oven', 'fridge'] as const);
    if (kind === 'oven') {
      return frame(
        `${room}<rect x="240" y="200" width="320" height="340" rx="12" fill="${body}" stroke="#94a3b8" stroke-width="4"/>${[0, 1, 2, 3].map((i) => `<circle cx="${290 + i * 72}" cy="232" r="14" fill="#475569"/>`).join('')}
<rect x="270" y="270" width="260" height="200" rx="10" fill="#1e293b"/><rect x="290" y="290" width="220" height="160" rx="8" fill="url(#glow)"/><path d="M300 420h200" stroke="#f97316" stroke-width="6"/><rect x="300" y="490" width="200" height="14" rx="7" fill="#94a3b8"/>${screwdriver}`,
        '<radialGradient id="glow"><stop offset="0" stop-color="#fb923c"/><stop offset="1" stop-color="#7c2d12"/></radialGradient>',
      );
    }
    if (kind === 'fridge') {
      return frame(
        `${room}<rect x="270" y="110" width="260" height="430" rx="18" fill="${body}" stroke="#94a3b8" stroke-width="4"/><path d="M270 260h260" stroke="#94a3b8" stroke-width="4"/><rect x="490" y="160" width="12" height="70" rx="6" fill="#64748b"/><rect x="490" y="290" width="12" height="110" rx="6" fill="#64748b"/>
<rect x="310" y="300" width="50" height="60" rx="6" fill="${rng.pick(accents)}" opacity="0.8"/><circle cx="420" cy="180" r="26" fill="#bae6fd"/>${screwdriver}`,
      );
    }
    const water = rng.pick(['#60a5fa', '#38bdf8', '#93c5fd']);
    return frame(
      `${room}<rect x="250" y="170" width="300" height="370" rx="16" fill="${body}" stroke="#94a3b8" stroke-width="4"/><rect x="250" y="170" width="300" height="70" rx="16" fill="#e5e7eb"/><circle cx="300" cy="205" r="16" fill="#94a3b8"/><rect x="340" y="195" width="120" height="20" rx="4" fill="#1e293b"/><circle cx="500" cy="205" r="10" fill="#22c55e"/>
<circle cx="400" cy="380" r="110" fill="#475569"/><circle cx="400" cy="380" r="88" fill="#cbd5e1"/><clipPath id="d"><circle cx="400" cy="380" r="82"/></clipPath><g clip-path="url(#d)"><rect x="300" y="${rng.int(380, 410)}" width="200" height="120" fill="${water}"/><path d="M318 400q20-14 40 0t40 0 40 0 40 0" fill="${water}"/></g><path d="M350 330q20-20 50-24" stroke="#ffffff" stroke-width="8" fill="none" opacity="0.7"/>${screwdriver}`,
    );
  },
  'pest-control'(rng) {
    const house = rng.pick(['#fef3c7', '#e0f2fe', '#fce7f3', '#ecfccb']);
    const roof = rng.pick(['#b91c1c', '#334155', '#7c2d12']);
    return frame(
      `<rect width="${W}" height="${H}" fill="url(#s)"/><rect y="470" width="${W}" height="130" fill="#65a30d"/>
<path d="M160 260L330 120l170 140z" fill="${roof}"/><rect x="190" y="260" width="280" height="210" fill="${house}"/><rect x="300" y="350" width="60" height="120" fill="#78350f"/><rect x="215" y="300" width="60" height="50" fill="#bae6fd" stroke="#ffffff" stroke-width="6"/><rect x="385" y="300" width="60" height="50" fill="#bae6fd" stroke="#ffffff" stroke-width="6"/>
<path d="M600 150l110 40v90c0 80-60 130-110 150-50-20-110-70-110-150v-90z" fill="${rng.pick(['#16a34a', '#0d9488', '#2563eb'])}"/><path d="M550 280l35 35 70-80" fill="none" stroke="#ffffff" stroke-width="22" stroke-linecap="round" stroke-linejoin="round"/>`,
      sky('s', '#7dd3fc', '#f0f9ff'),
    );
  },
};

export function sceneSvg(category: CategorySlug, rng: Rng): string {
  return scenes[category](rng);
}

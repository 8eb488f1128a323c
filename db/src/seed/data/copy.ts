import type { CategorySlug } from './categories.ts';

export interface CategoryCopy {
  /** What the provider calls themselves ("plumber"). */
  trade: string;
  /** Their line of business ("a small plumbing business"). */
  business: string;
  /** Whether "I started as an apprentice" makes sense for the trade. */
  apprenticed: boolean;
  headlines: string[];
  /** One sentence about what they are good at. */
  specialties: string[];
  /** What a client writes when booking. */
  jobs: string[];
  /** Captions for work photos. */
  captions: string[];
}

export const categoryCopy: Record<CategorySlug, CategoryCopy> = {
  cleaning: {
    trade: 'cleaner',
    business: 'cleaning',
    apprenticed: false,
    headlines: [
      'Thorough home cleaning, own supplies',
      'Deep cleans and end-of-tenancy specialist',
      'Weekly cleans you can set your watch by',
      'Eco-friendly cleaning for busy households',
    ],
    specialties: [
      'I bring my own eco products and microfibre cloths, and I never use bleach unless you ask for it.',
      'Ovens, limescale and the bits behind the fridge are where I earn my keep.',
      'Most of my regulars have had the same slot with me for years, so I know how they like things done.',
      'End-of-tenancy cleans are my speciality, and I have helped plenty of tenants get their full deposit back.',
    ],
    jobs: [
      'Regular clean of a two-bed flat, bathroom needs extra attention.',
      'Deep clean before my parents visit, kitchen and both bathrooms.',
      'End-of-tenancy clean, oven and fridge included, keys handed over Friday.',
      'Fortnightly clean, we have a cat so lots of fur on the sofa.',
      'Post-renovation dust everywhere, need floors and skirting boards done.',
    ],
    captions: ['Kitchen after a deep clean', 'Descaled shower and tiles', 'Living room, weekly clean', 'End-of-tenancy result'],
  },
  plumbing: {
    trade: 'plumber',
    business: 'plumbing',
    apprenticed: true,
    headlines: [
      'Licensed plumber, leaks and blockages fixed fast',
      'Taps, toilets and radiators, no call-out fee',
      'Friendly local plumber, tidy work',
      'Same-week plumbing repairs',
    ],
    specialties: [
      'Dripping taps, running toilets and slow drains make up most of my week, and I carry the common parts in the van.',
      'I replace old compression fittings properly rather than wrapping them in tape and hoping.',
      'Radiator bleeds, valve swaps and balancing before winter are a big part of my autumn.',
      'I always show you where your stopcock is before I leave, because it saves a flood one day.',
    ],
    jobs: [
      'Kitchen tap drips constantly; probably needs new washers or a cartridge.',
      'Toilet keeps running after flushing and the cistern fills slowly.',
      'Bathroom sink drains very slowly, tried a plunger already.',
      'Two radiators upstairs stay cold at the top.',
      'Replace the shut-off valve under the kitchen sink, it is seized.',
    ],
    captions: ['New mixer tap fitted', 'Under-sink pipework, tidy and tested', 'Radiator valve replacement', 'Bathroom basin refit'],
  },
  electrical: {
    trade: 'electrician',
    business: 'electrical',
    apprenticed: true,
    headlines: [
      'Qualified electrician for lights, sockets and faults',
      'Safe, certified electrical work',
      'Fault finding and small rewires',
      'Lighting upgrades and smart switches',
    ],
    specialties: [
      'Tracking down tripping circuits is my favourite kind of puzzle, and I explain what I found in plain words.',
      'I fit a lot of pendant lights, dimmers and smart switches, and I always check the circuit can take the load.',
      'Every job gets tested and written up, so you have the paperwork when you sell or rent the place.',
      'Older buildings are my bread and butter, and I know how to work around plaster and lath without wrecking the walls.',
    ],
    jobs: [
      'Breaker trips when the kettle and microwave run together.',
      'Swap three ceiling lights for new fittings (I have bought them).',
      'Add a double socket behind the TV unit.',
      'Replace all smoke alarms, two of them chirp.',
      'Install dimmer switches in the living room and hallway.',
    ],
    captions: [
      'New pendant lights in a kitchen',
      'Consumer unit, labelled and tested',
      'Dimmer and smart switch install',
      'Outdoor light on a sensor',
    ],
  },
  handyman: {
    trade: 'handyman',
    business: 'handyman',
    apprenticed: false,
    headlines: [
      'Handyman for the jobs on your list',
      'Shelves, flat-pack and small repairs',
      'Reliable odd jobs, done properly',
      'Your to-do list, sorted in an afternoon',
    ],
    specialties: [
      'I put up shelves, curtain poles and TVs on every kind of wall, and I bring the right fixings for each.',
      'Flat-pack furniture goes together faster and straighter when someone has built a few hundred of them.',
      'Sticking doors, loose hinges and squeaky floorboards are small jobs I never turn down.',
      'Send me your list before the visit and I will bring the parts, so one trip usually covers it.',
    ],
    jobs: [
      'Hang two mirrors and a gallery wall of six frames.',
      'Assemble a wardrobe and a chest of drawers from IKEA.',
      'Bedroom door sticks and the handle is loose.',
      'Put up floating shelves in the alcoves either side of the fireplace.',
      'Mount a 55-inch TV on a plasterboard wall and hide the cables.',
    ],
    captions: ['Alcove shelving', 'Wall-mounted TV with hidden cables', 'Wardrobe assembly', 'Gallery wall, all level'],
  },
  gardening: {
    trade: 'gardener',
    business: 'gardening',
    apprenticed: true,
    headlines: [
      'Garden maintenance and seasonal tidy-ups',
      'Lawns, hedges and borders kept neat',
      'Friendly gardener with a good eye for plants',
      'Small gardens, big difference',
    ],
    specialties: [
      'I like planting for the season, so your borders have something flowering from spring into autumn.',
      'Hedges get trimmed by hand where it matters, and I take all the green waste away.',
      'Lawns that have been left to go wild are a nice challenge, and they usually come back within a season.',
      'I work mostly in small city gardens and balconies, where every pot and corner counts.',
    ],
    jobs: [
      'Mow the lawn, trim the hedge along the fence and weed the beds.',
      'Autumn tidy-up: leaves, cutting back perennials, clearing gutters of the shed.',
      'Plant bulbs and a few shrubs I have bought.',
      'Overgrown back garden needs a full clear before summer.',
      'Balcony pots need repotting and a feeding plan.',
    ],
    captions: ['Borders in early summer', 'Freshly edged lawn', 'Hedge trimmed and shaped', 'Small courtyard garden'],
  },
  painting: {
    trade: 'painter and decorator',
    business: 'decorating',
    apprenticed: true,
    headlines: [
      'Painter and decorator, neat and tidy',
      'Interior painting with careful prep',
      'Walls, ceilings and woodwork',
      'Feature walls and fresh starts',
    ],
    specialties: [
      'Good painting is mostly preparation, so I fill, sand and mask before a tin is even opened.',
      'I cut in by hand and leave crisp lines between walls and ceilings.',
      'Rentals between tenants are a big part of my work, turned around in a day or two.',
      'I am happy to help pick colours and bring sample pots to try on your walls first.',
    ],
    jobs: [
      'Paint a bedroom, walls and ceiling, colour already chosen.',
      'Touch up scuffs in the hallway and stairwell.',
      'Feature wall in the living room in a dark green.',
      'Repaint skirting boards and door frames in satin white.',
      'Freshen up the whole flat before we move out.',
    ],
    captions: ['Living room in a warm white', 'Dark green feature wall', 'Crisp cut-in at the ceiling', 'Hallway refresh'],
  },
  'moving-help': {
    trade: 'mover',
    business: 'removals',
    apprenticed: false,
    headlines: [
      'Moving help, careful with your things',
      'Strong hands for moving day',
      'Loading, unloading and furniture assembly',
      'Small moves and single items',
    ],
    specialties: [
      'I wrap furniture properly and carry it like it is my own, stairs and tight corners included.',
      'Third-floor walk-ups are routine for me, and I plan the route before the first box moves.',
      'I can take apart and rebuild beds and wardrobes so they fit through narrow doors.',
      'Students and small flats are most of my work, and I am happy to help with a single sofa.',
    ],
    jobs: [
      'Help load a van for a one-bed flat move, third floor no lift.',
      'Unload and carry boxes up two flights, plus assemble a bed frame.',
      'Move a sofa and a bookcase between two flats nearby.',
      'Help pack the kitchen and wrap fragile things.',
      'Carry a piano-sized sideboard down to the street.',
    ],
    captions: ['Van packed tight and safe', 'Wrapped furniture ready to go', 'Bed frame reassembled', 'Boxes labelled by room'],
  },
  'dog-walking': {
    trade: 'dog walker',
    business: 'dog walking',
    apprenticed: false,
    headlines: [
      'Dog walker with a pocket full of treats',
      'Solo walks and puppy visits',
      'Reliable daily walks, photo updates',
      'Happy dogs, tired dogs',
    ],
    specialties: [
      'I walk small groups of no more than three, so every dog gets proper attention.',
      'Puppies and nervous rescues are my favourite, and I go at their pace.',
      'You get a photo and a short note after every walk, including what came out the other end.',
      'I know the local parks and which ones have the quiet corners for reactive dogs.',
    ],
    jobs: [
      'Midday walk for a two-year-old labrador, very friendly.',
      'Hour-long walk for our beagle, he pulls on the lead.',
      'Puppy visit: toilet break, play and feed.',
      'Walk for our rescue greyhound, muzzle on in the park please.',
      'Two terriers, they like to chase squirrels.',
    ],
    captions: ['Morning walk in the park', 'Puppy visit', 'Tired and happy after the beach', 'Small group walk'],
  },
  'appliance-repair': {
    trade: 'appliance engineer',
    business: 'appliance repair',
    apprenticed: true,
    headlines: [
      'Washing machine and dishwasher repairs',
      'Appliance engineer, most brands',
      'Fix it before you replace it',
      'Oven, fridge and washer repairs at home',
    ],
    specialties: [
      'Most washing machine faults are a pump, a belt or a door lock, and I carry all three for the common brands.',
      'I will tell you honestly when a repair is not worth it and a replacement makes more sense.',
      'Dishwashers that do not drain or dry are a weekly job for me.',
      'I trained with a manufacturer, so I know the fault codes and how to clear them properly.',
    ],
    jobs: [
      'Washing machine stops mid-cycle with water in the drum.',
      'Dishwasher leaves everything wet and a little cloudy.',
      'Oven does not heat up past 120 degrees.',
      'Fridge is noisy and the freezer section frosts up.',
      'Dryer runs but does not get hot.',
    ],
    captions: ['Washing machine pump replacement', 'Dishwasher filter and arm cleaned', 'Oven element swap', 'Fridge seal replaced'],
  },
  'pest-control': {
    trade: 'pest controller',
    business: 'pest control',
    apprenticed: false,
    headlines: [
      'Pest control, discreet and pet-safe',
      'Mice, ants and cockroaches sorted',
      'Certified pest technician',
      'Wasps and bed bugs treated properly',
    ],
    specialties: [
      'I find out how they are getting in, because sealing the gaps matters more than the bait.',
      'Wherever I can I use pet-safe and child-safe treatments, and I tell you exactly what went where.',
      'Unmarked van and plain clothes, because nobody wants the neighbours asking questions.',
      'Every treatment comes with a follow-up plan, and I come back if the problem does.',
    ],
    jobs: [
      'Mice in the kitchen, droppings behind the cooker.',
      'Ants coming in along the patio door.',
      'Wasp nest under the roof eaves by the back door.',
      'Cockroaches in the bathroom of a ground-floor flat.',
      'Possible bed bugs, bites for a week.',
    ],
    captions: ['Bait stations placed and logged', 'Entry points sealed', 'Wasp nest removal', 'Inspection under the kitchen units'],
  },
};

/** First sentence of a bio: who they are. `{trade}`, `{years}`, `{area}`, `{city}` are filled in. */
export const bioOpeners = [
  "I've been working as a {trade} in {city} for {years} years, mostly around {area}.",
  'Born and raised near {area}, I have been a {trade} for {years} years.',
  'After {years} years as a {trade}, I still enjoy leaving a home better than I found it.',
  'I run a small {business} business from {area} and have been at it for {years} years.',
  '{years} years in the trade, most of them in and around {area}.',
];

/** An opener for trades learnt on the job. */
export const apprenticeOpener = 'I started as an apprentice and have now been a {trade} for {years} years across {city}.';

/** How they work. */
export const bioStyles = [
  'I turn up when I say I will, and I message you if anything changes.',
  'I keep my prices clear up front, so there are no surprises when the job is done.',
  'I always put down dust sheets and clean up before I leave.',
  'I am fully insured and happy to share references from neighbours.',
  'I explain what I am doing as I go, so you know what you are paying for.',
  'I work on my own, so the person you book is the person who turns up.',
  'Families, landlords and small offices make up most of my regular clients.',
  'I speak English and Spanish, and I am patient with questions.',
];

/** An optional last line. */
export const bioClosers = [
  'Weekends are for my kids and my vegetable patch.',
  'Outside work you will find me at the local football club.',
  'Dogs are very welcome to supervise.',
  'Send me a photo of the job before the visit if you can, it helps me bring the right things.',
  'If I cannot help, I will point you to someone who can.',
];

import type { CategorySlug } from './categories.ts';

interface ReviewCopy {
  5: string[];
  4: string[];
  3: string[];
  low: string[];
}

/** `{name}` is the provider's first name. */
export const reviewCopy: Record<CategorySlug, ReviewCopy> = {
  cleaning: {
    5: [
      '{name} got the oven looking brand new, I honestly did not know it was that colour inside.',
      'Flat was spotless, even the skirting boards. {name} noticed the limescale on the shower screen without me asking.',
      'Our end-of-tenancy clean passed inspection first time and we got the whole deposit back. Thank you {name}!',
      'Quick, friendly and very thorough. The bathroom has never been this clean.',
    ],
    4: [
      'Really good clean overall, just missed the top of the fridge. Would book again.',
      '{name} was lovely and the kitchen was great; ran about 20 minutes over but did not charge extra.',
      'Solid job on a very dusty flat after our renovation.',
    ],
    3: [
      'Fine for a regular clean but the bathroom could have been more thorough.',
      'Arrived late and rushed the last room a bit. Kitchen was good though.',
    ],
    low: ['Left streaks on all the windows and skipped the hallway entirely.'],
  },
  plumbing: {
    5: [
      '{name} fixed our dripping kitchen tap in half an hour and showed me how to change the cartridge next time.',
      'The toilet had been running for weeks. {name} replaced the fill valve and it is silent now.',
      'Turned up on time, found the blockage in the waste pipe, and left the cupboard cleaner than before.',
      'Both radiators are finally hot at the top. Clear explanation and a fair price.',
    ],
    4: [
      'Fixed the leak properly. Had to pop out for a part, which added a bit of time.',
      'Good work on the shut-off valve, friendly and tidy.',
      'Sorted the slow drain, though it took two attempts.',
    ],
    3: ['Tap is fixed, but I had to chase for an arrival time.', 'Job done, but it took longer than the estimate.'],
    low: ['The drip came back two days later and I had to book someone else.'],
  },
  electrical: {
    5: [
      '{name} found the fault on the kitchen circuit quickly and explained it in plain English. No more tripping.',
      'Three new ceiling lights up and working, with no mess at all. Very professional.',
      'The new socket behind the TV looks like it was always there. Great job.',
      'Replaced every smoke alarm and tested them all. Gave me a written note of what was done.',
    ],
    4: [
      'Dimmers work perfectly, just one faceplate is slightly off level.',
      'Good, safe work. Scheduling took a couple of messages.',
      'Sorted the lights, knowledgeable and polite.',
    ],
    3: ['Work is fine but left plaster dust on the floor.', 'Got there in the end, needed a second visit for a part.'],
    low: ['Arrived an hour late and the new switch already feels loose.'],
  },
  handyman: {
    5: [
      '{name} hung our gallery wall perfectly level and patched two old holes while at it.',
      'Wardrobe and chest of drawers built in under two hours, solid as a rock.',
      'The bedroom door finally closes properly. Friendly and efficient.',
      'TV mounted with all the cables hidden in the wall. Looks amazing.',
    ],
    4: [
      'Shelves look great. Ran slightly over time but kept me updated.',
      'Did everything on my list, just forgot to take the packaging away.',
      'Good work, tidy and careful with our floors.',
    ],
    3: ['Shelves are up but one is very slightly off.', 'Okay job, but brought the wrong fixings at first.'],
    low: ['Drilled into the wrong spot and left a hole I had to get filled.'],
  },
  gardening: {
    5: [
      'The garden looks like a different place. Hedge is straight, lawn is edged and all the waste taken away.',
      '{name} really knows plants. Gave us great advice on what will grow in our shady corner.',
      'Cleared a very overgrown garden in one afternoon. We can actually use it now.',
      'Lovely work on the balcony pots, and a feeding plan written down for us.',
    ],
    4: [
      'Lawn and hedge look great, the weeding was a bit light.',
      'Good seasonal tidy-up, friendly and on time.',
      'Happy with the result, would book again in spring.',
    ],
    3: ['Decent job but left some clippings on the patio.', 'Fine, though we had to point out a few beds that were missed.'],
    low: ['Cut back a shrub we asked to keep. Disappointing.'],
  },
  painting: {
    5: [
      'Beautiful clean lines between the walls and ceiling. {name} moved and covered everything first.',
      'Our green feature wall looks exactly like the sample. Really careful prep work.',
      'Whole flat refreshed before we moved out, landlord was impressed.',
      'Skirting and door frames look brand new. Not a drop of paint on the floor.',
    ],
    4: [
      'Great finish, took a little longer than planned.',
      'Very neat, just one small patch needed a touch-up.',
      'Lovely job on the bedroom, friendly and tidy.',
    ],
    3: ['Walls are good but the ceiling edge is wobbly in places.', 'Okay result, a few drips on the skirting.'],
    low: ['Patchy coverage, you can see the old colour in the corners.'],
  },
  'moving-help': {
    5: [
      '{name} carried everything down three floors without a scratch. Absolute star.',
      'Wrapped all our furniture and had the van packed in no time.',
      'Took apart the bed to get it through the door and rebuilt it at the new place. So helpful.',
      'Careful with our fragile boxes and in a great mood all day.',
    ],
    4: [
      'Very strong and quick, one box got a bit crushed but nothing broke.',
      'Great help with the sofa. Turned up 15 minutes late.',
      'Good day overall, would use again.',
    ],
    3: ['Got the job done but not very careful with the door frames.', 'Fine, but we had to direct every item.'],
    low: ['Scratched our table and did not mention it.'],
  },
  'dog-walking': {
    5: [
      'Our labrador adores {name}. We get a photo and a note after every walk.',
      '{name} is so patient with our nervous rescue. She has really come out of her shell.',
      'Reliable every single day, and the beagle comes home happily tired.',
      'Brilliant with our puppy, even started working on the recall.',
    ],
    4: [
      'Great walks, just once forgot to send the photo.',
      'Very good with our two terriers, a little late one day.',
      'Our dog is happy, which is what counts.',
    ],
    3: ['Fine, but walks felt a bit short.', 'Okay, though the dog came back quite muddy and was not wiped.'],
    low: ['Missed a walk without letting us know.'],
  },
  'appliance-repair': {
    5: [
      'Washing machine pump replaced and running again the same afternoon. Saved us buying a new one.',
      '{name} diagnosed the dishwasher in minutes and explained exactly what was wrong.',
      'Oven heats properly again. Honest, quick and reasonably priced.',
      'Fixed the fridge seal and the frosting stopped. Really knowledgeable.',
    ],
    4: [
      'Fixed the dryer, needed a part ordered so took a second visit.',
      'Good repair and clear explanation.',
      'Dishwasher works now, slightly over the estimate.',
    ],
    3: ['Repair worked but there was water left on the floor.', 'Machine works again but still a bit noisy.'],
    low: ['Said it was fixed but the same fault code came back the next day.'],
  },
  'pest-control': {
    5: [
      'No mice since {name} came. Found the gap behind the cooker and sealed it.',
      'Wasp nest gone in twenty minutes. Calm, professional and pet-safe.',
      'Very discreet and explained every step of the treatment. The ants are gone.',
      'Thorough inspection and a clear follow-up plan. Highly recommend.',
    ],
    4: [
      'Treatment worked, needed a follow-up visit.',
      'Good advice and friendly, the bait stations are a bit visible.',
      'Problem solved after a week.',
    ],
    3: ['Fewer ants now but not gone entirely.', 'Fine, but we waited a while for the follow-up.'],
    low: ['Still seeing cockroaches two weeks later.'],
  },
};

/** A provider's reply. `{client}` is the reviewer's first name. */
export const responseCopy = {
  good: [
    'Thanks so much {client}, it was a pleasure. See you next time!',
    'Really appreciate the kind words, {client}.',
    'Thank you {client}! Give me a shout whenever you need a hand again.',
  ],
  bad: [
    "Sorry this wasn't up to scratch, {client}. I've messaged you to put it right.",
    'Thanks for the honest feedback, {client}. I would like to come back and fix this at no charge.',
  ],
};

/** A second sentence some reviewers add, by how the job went. */
export const reviewAddOns = {
  good: [
    'Would definitely book again.',
    'Arrived right on time and messaged when on the way.',
    'Fair price for the work, too.',
    'Already booked the next visit.',
    'Great communication before the visit.',
    'Really friendly and easy to deal with.',
    'Kept me updated the whole time.',
    'Highly recommend.',
  ],
  mixed: ['Would probably book again.', 'Communication could be better.', 'Price was fair.'],
  bad: ['Would not book again.', 'Not worth the price.'],
};

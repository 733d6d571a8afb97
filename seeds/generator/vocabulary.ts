/** The words the generated world is made of: names, companies, topics and our products. */

export type Language = 'de' | 'en';

function wordList(words: string): readonly string[] {
  return words.split(' ');
}

export const LOCALES: readonly (readonly [string, number])[] = [
  ['de-DE', 55],
  ['de-AT', 6],
  ['de-CH', 4],
  ['en-GB', 20],
  ['en-US', 10],
  ['en-IE', 5],
];

export function languageOf(locale: string): Language {
  return locale.startsWith('de') ? 'de' : 'en';
}

export const FIRST_NAMES: Readonly<Record<Language, readonly string[]>> = {
  de: wordList(
    'Anna Lukas Mia Paul Sofia Felix Lena Jonas Emma Leon Hannah Finn Marie Elias Lea Noah ' +
      'Clara Ben Johanna Max Laura Tim Katharina Jan Sarah Moritz Julia Niklas Franziska ' +
      'Tobias Ida Matthias Greta Stefan Charlotte Florian Helene Sebastian Nele Jürgen',
  ),
  en: wordList(
    'Oliver Amelia George Isla Harry Ava Jack Olivia Charlie Grace Thomas Emily James Sophie ' +
      'William Chloe Daniel Ella Samuel Lucy Ethan Megan Ryan Hannah Michael Jessica Liam Zoe ' +
      'Aidan Niamh',
  ),
};

export const LAST_NAMES: Readonly<Record<Language, readonly string[]>> = {
  de: wordList(
    'Müller Schmidt Schneider Fischer Weber Meyer Wagner Becker Schulz Hoffmann Koch Richter ' +
      'Klein Wolf Schröder Neumann Schwarz Braun Zimmermann Krüger Hartmann Lange Werner ' +
      'Krause Lehmann Köhler Maier Huber Kaiser Fuchs Peters Scholz Möller Vogel Jäger Brandt',
  ),
  en: wordList(
    'Smith Jones Taylor Brown Williams Wilson Johnson Davies Robinson Wright Thompson Evans ' +
      'Walker White Roberts Green Hall Wood Jackson Clarke Murphy Byrne Kelly Walsh Miller ' +
      'Davis Moore',
  ),
};

/** Company names: a word, a trade and a legal form ("Nordlicht Logistik GmbH"). */
export const COMPANY_WORDS = wordList(
  'Nordlicht Alpen Rhein Elbe Hanse Isar Spree Weser Main Bodensee Harbour Thames Pennine ' +
    'Greenway Riverside Summit Beacon Meridian Fjord Linden Eiche Falken Kranich Sonnen Blau ' +
    'Grün Stern Brücken',
);
export const COMPANY_TRADES = [
  'Logistik',
  'Kurierdienst',
  'Pflegedienst',
  'Handwerk',
  'Stadtwerke',
  'Immobilien',
  'Lieferservice',
  'Hotels',
  'Bäckerei',
  'Facility Services',
  'Couriers',
  'Delivery',
  'Property Management',
  'Care Services',
  'Mobility',
  'Catering',
];
export const LEGAL_FORMS = ['GmbH', 'GmbH & Co. KG', 'AG', 'e.K.', 'Ltd', 'plc', 'KG'];

export const MEDIA_OUTLETS = [
  'Radwelt Magazin',
  'E-Bike Today',
  'Urban Mobility Weekly',
  'Velo Journal',
  'Pedelec Praxis',
  'Cycling Business Review',
  'Stadtrad Blatt',
  'Green Commute News',
  'BikeTech Insider',
  'Mobilität & Stadt',
  'The Cargo Bike Report',
  'Fahrrad Aktuell',
];

export const COMMUNITY_ORGANIZATIONS = [
  'Lastenrad-Netzwerk Hamburg',
  'E-Bike Forum Deutschland',
  'Urban Cycling UK',
  'Pendlerrad München',
  'Family Cargo Riders',
  'Alpencross Community',
  'Critical Mass Köln',
  'London Bike Commuters',
];

export const AGENCIES = ['Kreativ Influence Agentur', 'Spoke & Story Talent', 'Pedal Media Group'];

export const TOPICS = [
  'e-bikes',
  'cargo bikes',
  'batteries',
  'commuting',
  'sustainability',
  'service',
  'bike leasing',
  'mountain biking',
  'urban mobility',
  'safety',
  'family cycling',
  'cycling tours',
] as const;

export interface ProductEntry {
  name: string;
  sku: string;
}

export const PRODUCTS: readonly ProductEntry[] = [
  { name: 'Velora City', sku: 'VB-CITY-26' },
  { name: 'Velora Cargo', sku: 'VB-CARGO-26' },
  { name: 'Velora Trail', sku: 'VB-TRAIL-26' },
  { name: 'Velora Compact', sku: 'VB-COMPACT-26' },
  { name: 'Velora Speed', sku: 'VB-SPEED-26' },
  { name: 'Velora PowerPack 750', sku: 'VB-BAT-750' },
];

export const OWN_ORGANIZATION_ID = 'own-organization';
export const OWN_ORGANIZATION_NAME = 'Velora Bikes';
/** Our brand's handle on the platforms where Velora Bikes runs accounts. */
export const BRAND_HANDLE = 'velorabikes';

/** Plain ASCII for handles, logins and e-mail addresses: "Jürgen Köhler" → "juergen", "koehler". */
export function asciiSlug(text: string): string {
  return text
    .toLowerCase()
    .replace(/ä/g, 'ae')
    .replace(/ö/g, 'oe')
    .replace(/ü/g, 'ue')
    .replace(/ß/g, 'ss')
    .replace(/[^a-z0-9]+/g, '');
}

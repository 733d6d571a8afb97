import type { Language } from './vocabulary';

export const INTERACTION_KINDS = [
  'ORDER',
  'COMPLAINT',
  'TICKET',
  'CALL',
  'EMAIL',
  'MEETING',
  'POST',
  'MENTION',
  'REPLY',
  'SHARE',
  'LIKE',
  'REVIEW',
] as const;
export type InteractionKind = (typeof INTERACTION_KINDS)[number];

export const SOCIAL_KINDS: ReadonlySet<InteractionKind> = new Set([
  'POST',
  'MENTION',
  'REPLY',
  'SHARE',
  'LIKE',
  'REVIEW',
]);

/** What a text says about us; the sentiment score is drawn from the tone's range. */
export type Tone = 'praise' | 'neutral' | 'complaint';

export const SENTIMENT_RANGE: Readonly<Record<Tone, readonly [number, number]>> = {
  praise: [0.35, 1],
  neutral: [-0.15, 0.25],
  complaint: [-1, -0.35],
};

export interface InteractionTemplate {
  language: Language;
  tone: Tone;
  kinds: readonly InteractionKind[];
  /** `{product}`, `{topic}` and `{brand}` (our handle) are filled in by the generator. */
  text: string;
}

const CLASSIC_CONTACT: readonly InteractionKind[] = ['CALL', 'EMAIL', 'MEETING'];
const SOCIAL_OPINION: readonly InteractionKind[] = ['POST', 'REVIEW'];

function templates(
  language: Language,
  tone: Tone,
  kinds: readonly InteractionKind[],
  texts: readonly string[],
): InteractionTemplate[] {
  return texts.map((text) => ({ language, tone, kinds, text }));
}

export const INTERACTION_TEMPLATES: readonly InteractionTemplate[] = [
  ...templates(
    'de',
    'neutral',
    ['ORDER'],
    [
      'Bestellung: 1x {product} inkl. Lieferung',
      'Bestellung über den Webshop: {product}, Abholung im Laden',
      'Nachbestellung Ersatzteile für {product}',
    ],
  ),
  ...templates(
    'en',
    'neutral',
    ['ORDER'],
    [
      'Order: 1x {product} including delivery',
      'Web shop order: {product}, click and collect',
      'Spare parts reordered for {product}',
    ],
  ),
  ...templates(
    'de',
    'praise',
    ['ORDER'],
    ['Zweites {product} für die Familie bestellt, wir sind begeistert'],
  ),
  ...templates('en', 'praise', ['ORDER'], ['Ordered a second {product}, we love the first one']),
  ...templates(
    'de',
    'complaint',
    ['COMPLAINT', 'TICKET'],
    [
      'Der Akku meines {product} lädt nicht mehr, nach nur drei Monaten. Sehr ärgerlich!',
      'Lieferung des {product} ist seit drei Wochen überfällig, niemand antwortet.',
      'Bremsen am {product} quietschen schon wieder, die Werkstatt war keine Hilfe.',
      'Rechnung für das {product} ist falsch, ich erwarte eine Korrektur.',
      'Motor des {product} fällt bei Regen aus. So nicht, Velora Bikes.',
    ],
  ),
  ...templates(
    'en',
    'complaint',
    ['COMPLAINT', 'TICKET'],
    [
      'The battery of my {product} stopped charging after only three months. Very annoying!',
      'My {product} delivery is three weeks late and nobody answers.',
      'The brakes on my {product} squeal again and the workshop did not help.',
      'The invoice for my {product} is wrong, please correct it.',
      'The motor of my {product} cuts out in the rain. Not good enough, Velora Bikes.',
    ],
  ),
  ...templates(
    'de',
    'neutral',
    ['TICKET'],
    [
      'Frage zur Inspektion meines {product}: wann ist der nächste Termin frei?',
      'Wie aktualisiere ich die Firmware am {product}?',
      'Gibt es für das {product} einen Kindersitz-Adapter?',
    ],
  ),
  ...templates(
    'en',
    'neutral',
    ['TICKET'],
    [
      'Question about servicing my {product}: when is the next free slot?',
      'How do I update the firmware on the {product}?',
      'Is there a child seat adapter for the {product}?',
    ],
  ),
  ...templates('de', 'neutral', CLASSIC_CONTACT, [
    'Angebot für {product} als Dienstrad besprochen, Rückmeldung bis Monatsende',
    'Termin zur Probefahrt mit dem {product} vereinbart',
    'Rückfrage zu Leasingkonditionen für das {product}',
    'Flottengespräch: Bedarf an {product} für das nächste Jahr',
  ]),
  ...templates('en', 'neutral', CLASSIC_CONTACT, [
    'Discussed a quote for the {product} as a company bike, answer by month end',
    'Test ride with the {product} booked',
    'Follow-up on leasing terms for the {product}',
    'Fleet review: demand for {product} next year',
  ]),
  ...templates('de', 'praise', CLASSIC_CONTACT, [
    'Sehr positives Gespräch, das Team ist vom {product} überzeugt',
    'Kunde lobt den schnellen Service beim {product}',
  ]),
  ...templates('en', 'praise', CLASSIC_CONTACT, [
    'Very positive meeting, the team is convinced by the {product}',
    'Customer praised the quick service for the {product}',
  ]),
  ...templates('de', 'praise', SOCIAL_OPINION, [
    'Seit einem Jahr mit dem {product} zur Arbeit, bestes Rad ever! #{topic}',
    'Das {product} ist einfach super, Akku hält ewig. Danke Velora Bikes!',
    'Begeistert vom {product}: leise, stark und zuverlässig.',
    'Mit dem {product} ist {topic} endlich entspannt. Klare Empfehlung!',
  ]),
  ...templates('en', 'praise', SOCIAL_OPINION, [
    'A year of commuting on my {product}, best bike ever! #{topic}',
    'The {product} is simply great, the battery lasts forever. Thanks Velora Bikes!',
    'Loving the {product}: quiet, strong and reliable.',
    'With the {product}, {topic} is finally relaxed. Highly recommended!',
  ]),
  ...templates('de', 'complaint', SOCIAL_OPINION, [
    'Enttäuscht vom {product}: zweiter Defekt in einem Monat. #{topic}',
    'Finger weg vom {product}, der Service von Velora Bikes ist eine Katastrophe.',
    'Mein {product} steht schon wieder in der Werkstatt. Frustrierend.',
  ]),
  ...templates('en', 'complaint', SOCIAL_OPINION, [
    'Disappointed with the {product}: second fault in a month. #{topic}',
    'Stay away from the {product}, Velora Bikes service is a disaster.',
    'My {product} is back in the workshop again. Frustrating.',
  ]),
  ...templates(
    'de',
    'neutral',
    ['POST', 'SHARE'],
    [
      'Spannender Artikel über {topic} in der Stadt',
      'Neue Zahlen zu {topic}: was bedeutet das für Pendler?',
      'Wer fährt hier {topic}? Suche Erfahrungen.',
    ],
  ),
  ...templates(
    'en',
    'neutral',
    ['POST', 'SHARE'],
    [
      'Interesting read about {topic} in cities',
      'New figures on {topic}: what do they mean for commuters?',
      'Anyone here into {topic}? Looking for experiences.',
    ],
  ),
  ...templates(
    'de',
    'praise',
    ['MENTION'],
    [
      'Danke {brand} für die schnelle Hilfe mit meinem {product}!',
      '{brand} das {product} ist genial, weiter so!',
    ],
  ),
  ...templates(
    'en',
    'praise',
    ['MENTION'],
    [
      'Thanks {brand} for the quick help with my {product}!',
      '{brand} the {product} is brilliant, keep it up!',
    ],
  ),
  ...templates(
    'de',
    'complaint',
    ['MENTION'],
    [
      '{brand} warum antwortet niemand auf mein Ticket zum {product}?',
      '{brand} schon wieder ein Akkuproblem beim {product}. Ich bin sauer.',
    ],
  ),
  ...templates(
    'en',
    'complaint',
    ['MENTION'],
    [
      '{brand} why does nobody answer my ticket about the {product}?',
      '{brand} another battery problem with the {product}. I am angry.',
    ],
  ),
  ...templates('de', 'neutral', ['MENTION'], ['{brand} gibt es das {product} auch in Größe XL?']),
  ...templates('en', 'neutral', ['MENTION'], ['{brand} does the {product} come in size XL?']),
  ...templates(
    'de',
    'praise',
    ['REPLY'],
    ['Genau meine Erfahrung, absolut zufrieden!', 'Stimmt, {topic} macht damit richtig Spaß.'],
  ),
  ...templates(
    'en',
    'praise',
    ['REPLY'],
    ['Exactly my experience, absolutely happy!', 'True, {topic} is great fun with it.'],
  ),
  ...templates(
    'de',
    'neutral',
    ['REPLY'],
    ['Welche Reichweite hast du im Winter?', 'Interessant, danke fürs Teilen.'],
  ),
  ...templates(
    'en',
    'neutral',
    ['REPLY'],
    ['What range do you get in winter?', 'Interesting, thanks for sharing.'],
  ),
  ...templates(
    'de',
    'complaint',
    ['REPLY'],
    [
      'Bei mir leider genauso schlecht, sehr enttäuschend.',
      'Kann ich bestätigen, der Service ist furchtbar.',
    ],
  ),
  ...templates(
    'en',
    'complaint',
    ['REPLY'],
    ['Same bad experience here, very disappointing.', 'Can confirm, the service is terrible.'],
  ),
  ...templates('de', 'praise', ['SHARE'], ['Lesenswert! Genau deshalb fahre ich {product}.']),
  ...templates('en', 'praise', ['SHARE'], ['Worth reading! This is why I ride the {product}.']),
  ...templates(
    'de',
    'neutral',
    ['REVIEW'],
    ['{product}: solide verarbeitet, Preis ist hoch. 3 von 5 Sternen.'],
  ),
  ...templates(
    'en',
    'neutral',
    ['REVIEW'],
    ['{product}: solid build, the price is high. 3 out of 5 stars.'],
  ),
];

/** German labels for topics in German texts; topic nodes keep their English names. */
export const TOPIC_LABELS_DE: Readonly<Record<string, string>> = {
  'e-bikes': 'E-Bikes',
  'cargo bikes': 'Lastenräder',
  batteries: 'Akkus',
  commuting: 'Pendeln',
  sustainability: 'Nachhaltigkeit',
  service: 'Service',
  'bike leasing': 'Dienstradleasing',
  'mountain biking': 'Mountainbiken',
  'urban mobility': 'Stadtverkehr',
  safety: 'Sicherheit',
  'family cycling': 'Familienradeln',
  'cycling tours': 'Radreisen',
};

/** How often each kind of interaction carries which tone; LIKE has no text and no tone. */
export const TONE_WEIGHTS: Readonly<Record<InteractionKind, readonly (readonly [Tone, number])[]>> =
  {
    ORDER: [
      ['neutral', 85],
      ['praise', 15],
    ],
    COMPLAINT: [['complaint', 1]],
    TICKET: [
      ['neutral', 60],
      ['complaint', 40],
    ],
    CALL: [
      ['neutral', 80],
      ['praise', 20],
    ],
    EMAIL: [
      ['neutral', 80],
      ['praise', 20],
    ],
    MEETING: [
      ['neutral', 75],
      ['praise', 25],
    ],
    POST: [
      ['praise', 35],
      ['neutral', 40],
      ['complaint', 25],
    ],
    MENTION: [
      ['praise', 40],
      ['complaint', 35],
      ['neutral', 25],
    ],
    REPLY: [
      ['praise', 40],
      ['neutral', 35],
      ['complaint', 25],
    ],
    SHARE: [
      ['neutral', 60],
      ['praise', 40],
    ],
    LIKE: [],
    REVIEW: [
      ['praise', 50],
      ['complaint', 30],
      ['neutral', 20],
    ],
  };

const TEMPLATE_INDEX = new Map<string, InteractionTemplate[]>();
for (const template of INTERACTION_TEMPLATES) {
  for (const kind of template.kinds) {
    const key = `${kind}|${template.language}|${template.tone}`;
    const list = TEMPLATE_INDEX.get(key) ?? [];
    list.push(template);
    TEMPLATE_INDEX.set(key, list);
  }
}

/** The templates for one kind, language and tone (a lookup: this runs once per interaction). */
export function templatesFor(
  kind: InteractionKind,
  language: Language,
  tone: Tone,
): readonly InteractionTemplate[] {
  return TEMPLATE_INDEX.get(`${kind}|${language}|${tone}`) ?? [];
}

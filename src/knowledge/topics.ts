/** The fixed topic list. Facts may only use these; the README documents them too. */
export const TOPICS = {
  trade: 'bilateral trade volumes, balance, what is traded, trading partners',
  energy: 'oil, gas, LNG, coal, pipelines, nuclear power, energy deals',
  military: 'arms sales, defence industry, joint exercises and patrols, weapons technology',
  diplomacy: 'summits, visits, statements, support at the UN, joint positions against the US',
  finance: 'currencies, payments, de-dollarisation, investment funds and investment',
  technology: '5G, telecoms, research and technology cooperation, technology supplies',
  ukraine: 'the war in Ukraine, Crimea, Donbas, positions on the war',
  sanctions: 'Western sanctions and how the partnership responds to them',
  tensions: 'points of friction, imbalance, rivalry, mistrust',
  history: 'the past: the Sino-Soviet split, normalisation, the Cold War',
  multilateral: 'BRICS, the SCO, the UN Security Council, G7, NATO, Belt and Road',
  leaders: 'Xi Jinping, Vladimir Putin and their personal relationship',
} as const;

export type Topic = keyof typeof TOPICS;
export const TOPIC_NAMES = Object.keys(TOPICS) as Topic[];

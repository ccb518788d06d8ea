// The User-Agent an audit sends. Presets let a site be seen as a search engine's smartphone
// crawler or a browser would see it (sites vary their HTML by UA), but every preset still names
// us: a polite crawler never hides who it is, so site owners can find and block it.

export const USER_AGENT_PRESETS = ['rival', 'googlebot-smartphone', 'googlebot-desktop', 'bingbot', 'chrome-desktop', 'chrome-mobile', 'custom'] as const;
export type UserAgentPreset = (typeof USER_AGENT_PRESETS)[number];

const CHROME = '131.0.0.0';
const PRESET_PREFIX: Record<Exclude<UserAgentPreset, 'rival' | 'custom'>, string> = {
  'googlebot-smartphone': `Mozilla/5.0 (Linux; Android 6.0.1; Nexus 5X Build/MMB29P) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/${CHROME} Mobile Safari/537.36 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)`,
  'googlebot-desktop': `Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html) Chrome/${CHROME} Safari/537.36`,
  bingbot: `Mozilla/5.0 (compatible; bingbot/2.0; +http://www.bing.com/bingbot.htm) Chrome/${CHROME} Safari/537.36`,
  'chrome-desktop': `Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/${CHROME} Safari/537.36`,
  'chrome-mobile': `Mozilla/5.0 (Linux; Android 10; K) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/${CHROME} Mobile Safari/537.36`,
};

export const USER_AGENT_LABELS: Record<UserAgentPreset, string> = {
  rival: 'Rival Outranker bot',
  'googlebot-smartphone': 'Googlebot smartphone',
  'googlebot-desktop': 'Googlebot desktop',
  bingbot: 'Bingbot',
  'chrome-desktop': 'Chrome desktop',
  'chrome-mobile': 'Chrome mobile',
  custom: 'Custom',
};

/** The header for a preset (or custom text), always ending with our own bot identifier. */
export function userAgentFor(preset: UserAgentPreset, custom: string | undefined, ownAgent: string): string {
  if (preset === 'rival') return ownAgent;
  const base = preset === 'custom' ? (custom ?? '').trim() : PRESET_PREFIX[preset];
  return base ? `${base} ${ownAgent}` : ownAgent;
}

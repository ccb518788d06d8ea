import { describe, expect, it } from 'vitest';
import { USER_AGENT_PRESETS, userAgentFor } from '@/lib/crawler/user-agents';

const OWN = 'RivalOutrankerBot/1.0 (+https://example.org/bot)';

describe('userAgentFor', () => {
  it('always names us, whatever the preset', () => {
    for (const preset of USER_AGENT_PRESETS) expect(userAgentFor(preset, 'MyAgent/1', OWN)).toContain(OWN);
  });

  it('uses the preset or the custom text before our identifier', () => {
    expect(userAgentFor('rival', undefined, OWN)).toBe(OWN);
    expect(userAgentFor('googlebot-smartphone', undefined, OWN)).toMatch(/^Mozilla\/5\.0 \(Linux; Android.*Googlebot\/2\.1.* RivalOutrankerBot/);
    expect(userAgentFor('custom', '  MyAgent/1  ', OWN)).toBe(`MyAgent/1 ${OWN}`);
    expect(userAgentFor('custom', '', OWN)).toBe(OWN);
  });
});

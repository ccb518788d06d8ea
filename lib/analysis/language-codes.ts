// ISO 639-1 language and ISO 3166-1 alpha-2 region codes, used to validate <html lang> and
// hreflang values the way Google documents them (language-[script-]region).

const ISO_639_1 =
  'aa ab ae af ak am an ar as av ay az ba be bg bh bi bm bn bo br bs ca ce ch co cr cs cu cv cy da de dv dz ee el en eo es et eu fa ff fi fj fo fr fy ga gd gl gn gu gv ha he hi ho hr ht hu hy hz ia id ie ig ii ik io is it iu ja jv ka kg ki kj kk kl km kn ko kr ks ku kv kw ky la lb lg li ln lo lt lu lv mg mh mi mk ml mn mr ms mt my na nb nd ne ng nl nn no nr nv ny oc oj om or os pa pi pl ps pt qu rm rn ro ru rw sa sc sd se sg si sk sl sm sn so sq sr ss st su sv sw ta te tg th ti tk tl tn to tr ts tt tw ty ug uk ur uz ve vi vo wa wo xh yi yo za zh zu' +
  // Deprecated aliases that browsers and Google still understand.
  ' iw in ji';

const ISO_3166_1 =
  'AD AE AF AG AI AL AM AO AQ AR AS AT AU AW AX AZ BA BB BD BE BF BG BH BI BJ BL BM BN BO BQ BR BS BT BV BW BY BZ CA CC CD CF CG CH CI CK CL CM CN CO CR CU CV CW CX CY CZ DE DJ DK DM DO DZ EC EE EG EH ER ES ET FI FJ FK FM FO FR GA GB GD GE GF GG GH GI GL GM GN GP GQ GR GS GT GU GW GY HK HM HN HR HT HU ID IE IL IM IN IO IQ IR IS IT JE JM JO JP KE KG KH KI KM KN KP KR KW KY KZ LA LB LC LI LK LR LS LT LU LV LY MA MC MD ME MF MG MH MK ML MM MN MO MP MQ MR MS MT MU MV MW MX MY MZ NA NC NE NF NG NI NL NO NP NR NU NZ OM PA PE PF PG PH PK PL PM PN PR PS PT PW PY QA RE RO RS RU RW SA SB SC SD SE SG SH SI SJ SK SL SM SN SO SR SS ST SV SX SY SZ TC TD TF TG TH TJ TK TL TM TN TO TR TT TV TW TZ UA UG UM US UY UZ VA VC VE VG VI VN VU WF WS YE YT ZA ZM ZW' +
  // Kosovo: user-assigned but universally used.
  ' XK';

export const LANGUAGE_CODES: ReadonlySet<string> = new Set(ISO_639_1.split(' '));
export const REGION_CODES: ReadonlySet<string> = new Set(ISO_3166_1.split(' '));

// Common mistakes worth a "did you mean" hint.
const REGION_HINTS: Record<string, string> = { UK: 'GB', EN: 'the bare language code "en"', EU: 'a country code' };

/**
 * Validates a BCP 47 tag as Google reads it. Returns null when valid, otherwise a precise reason.
 * Three-letter ISO 639-2/3 codes are accepted (we can't list them all and won't guess wrong).
 */
export function validateLanguageTag(tag: string, opts: { allowXDefault?: boolean } = {}): string | null {
  if (tag.length === 0) return 'is empty';
  if (tag !== tag.trim()) return 'has leading or trailing whitespace';
  if (opts.allowXDefault && tag.toLowerCase() === 'x-default') return null;
  if (tag.includes('_')) return `uses "_" instead of "-" (write "${tag.replace(/_/g, '-')}")`;
  const parts = tag.split('-');
  const language = (parts[0] ?? '').toLowerCase();
  if (!/^[a-z]{2,3}$/.test(language)) {
    return `language "${parts[0] ?? ''}" is not an ISO 639-1 code`;
  }
  if (language.length === 2 && !LANGUAGE_CODES.has(language)) {
    if (REGION_CODES.has(language.toUpperCase())) {
      return `"${parts[0]}" is a country code, not a language code (hreflang needs the language first, e.g. "en-${language.toUpperCase()}")`;
    }
    return `language "${parts[0]}" is not an ISO 639-1 code`;
  }
  let i = 1;
  const script = parts[i];
  if (script !== undefined && /^[a-z]{4}$/i.test(script)) i++;
  const region = parts[i];
  if (region !== undefined) {
    if (/^[a-z]{2}$/i.test(region)) {
      if (!REGION_CODES.has(region.toUpperCase())) {
        const hint = REGION_HINTS[region.toUpperCase()];
        return `region "${region}" is not an ISO 3166-1 alpha-2 code${hint ? ` (use ${hint})` : ''}`;
      }
      i++;
    } else if (/^\d{3}$/.test(region)) {
      i++;
    }
  }
  for (; i < parts.length; i++) {
    const p = parts[i] ?? '';
    // variants (5–8 alphanumerics or digit + 3), extensions and private use are allowed by BCP 47
    if (!/^[a-z0-9]{1,8}$/i.test(p)) return `subtag "${p}" is malformed`;
  }
  return null;
}

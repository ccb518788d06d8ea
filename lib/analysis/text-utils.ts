// Text helpers shared by fact extraction, checks and keyword analysis. Matching is case- and
// diacritic-insensitive because users type "cafe" and expect to match "Café".

/** Lower-cases, strips diacritics (NFD + combining marks) and collapses whitespace. */
export function normalizeText(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim();
}

/** Whitespace-collapsed, trimmed text (keeps case and diacritics). */
export function collapseWhitespace(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

// Han, Hiragana and Katakana are written without spaces, so each character counts as a word;
// otherwise a 3,000-character Japanese article would look "thin".
const CJK_CHAR = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]/u;
const WORD_OR_CJK = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]|[\p{L}\p{N}]+(?:['’][\p{L}]+)*/gu;

/** Splits text into word tokens (CJK characters are single tokens). Keeps original case. */
export function tokenizeWords(text: string): string[] {
  return text.match(WORD_OR_CJK) ?? [];
}

/** Word tokens of normalised (lower-cased, diacritic-free) text. */
export function tokenizeNormalized(text: string): string[] {
  return tokenizeWords(normalizeText(text));
}

export function countWords(text: string): number {
  return tokenizeWords(text).length;
}

export function isCjkToken(token: string): boolean {
  return CJK_CHAR.test(token);
}

/**
 * `text` cut to at most `max` characters, the last an ellipsis. Never between the two halves of a
 * surrogate pair (an emoji): half of one is not text, and PostgreSQL refuses it.
 */
export function truncate(text: string, max: number): string {
  if (text.length <= max) return text;
  let end = Math.max(0, max - 1);
  const last = text.charCodeAt(end - 1);
  if (last >= 0xd800 && last <= 0xdbff) end--;
  return `${text.slice(0, end)}…`;
}

/** Truncates for messages so a 5,000-character alt text doesn't flood the report. */
export function truncateForMessage(text: string, max = 80): string {
  return truncate(collapseWhitespace(text), max);
}

/** Quotes a value for a finding message. */
export function quote(text: string, max = 80): string {
  return `"${truncateForMessage(text, max)}"`;
}

export function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Rough English syllable count (vowel groups, silent trailing e) for Flesch reading ease. */
export function countSyllables(word: string): number {
  const w = word.toLowerCase().replace(/[^a-z]/g, '');
  if (w.length === 0) return 0;
  if (w.length <= 3) return 1;
  const trimmed = w.replace(/(?:[^laeiouy]es|ed|[^laeiouy]e)$/, '').replace(/^y/, '');
  const groups = trimmed.match(/[aeiouy]{1,2}/g);
  return Math.max(1, groups ? groups.length : 1);
}

/**
 * Flesch reading ease (higher is easier; 60–70 is plain English) for English prose; null when there
 * isn't enough prose. Only sentence-like runs (3–60 words ending in . ! or ?) count, so menus,
 * tables and file listings don't drag the score to absurd negatives.
 */
export function computeFleschReadingEase(text: string, minWords = 100): number | null {
  let words = 0;
  let sentences = 0;
  let syllables = 0;
  // Sentences are runs ending in [.!?]+ followed by whitespace or the end. Split, not the regex
  // /[^.!?]+[.!?]+(?=\s|$)/g, which is quadratic on long text without a full stop.
  const parts = text.split(/([.!?]+)/);
  for (let i = 0; i + 1 < parts.length; i += 2) {
    const body = parts[i] as string;
    const next = parts[i + 2] ?? '';
    if (!body || !(next === '' || /^\s/.test(next))) continue;
    const w = body.match(/[A-Za-z]+(?:['’][A-Za-z]+)*/g) ?? [];
    if (w.length < 3 || w.length > 60) continue;
    sentences++;
    words += w.length;
    for (const word of w) syllables += countSyllables(word);
  }
  if (words < minWords || sentences < 5) return null;
  return 206.835 - 1.015 * (words / sentences) - 84.6 * (syllables / words);
}

// Small stop-word lists for the languages we can detect; used for related-term extraction and
// for the html-lang / content-language mismatch heuristic.
export const STOP_WORDS: Record<string, ReadonlySet<string>> = {
  en: new Set(
    'a about above after again against all am an and any are as at be because been before being below between both but by can could did do does doing down during each few for from further had has have having he her here hers herself him himself his how i if in into is it its itself just me more most my myself no nor not now of off on once only or other our ours ourselves out over own same she should so some such than that the their theirs them themselves then there these they this those through to too under until up very was we were what when where which while who whom why will with would you your yours yourself yourselves also get got may might must shall us one'.split(
      ' ',
    ),
  ),
  de: new Set(
    'aber alle allem allen aller alles als also am an ander andere anderem anderen anderer anderes auch auf aus bei bin bis bist da damit dann das dass dein deine dem den der des dich die dies diese diesem diesen dieser dieses dir doch dort du durch ein eine einem einen einer eines er es euer eure für hatte hatten hier hin hinter ich ihr ihre im in ist ja jede jedem jeden jeder jedes jetzt kann kein keine können machen man mein meine mit muss nach nicht nichts noch nun nur ob oder ohne sehr sein seine sich sie sind so über um und uns unser unter vom von vor war waren was weg weil welche wenn werden wie wieder will wir wird wo zu zum zur'.split(
      ' ',
    ),
  ),
  fr: new Set(
    'au aux avec ce ces dans de des du elle en et eux il ils je la le les leur lui ma mais me même mes moi mon ne nos notre nous on ou par pas pour qu que qui sa se ses son sur ta te tes toi ton tu un une vos votre vous est sont été être avoir fait plus comme tout cette aussi très'.split(
      ' ',
    ),
  ),
  es: new Set(
    'a al algo algunas algunos ante antes como con contra cual cuando de del desde donde durante e el ella ellas ellos en entre era es esa esas ese eso esos esta estas este esto estos fue ha hay la las le les lo los más me mi mis mucho muy nada ni no nos nosotros o otra otro para pero poco por porque que quien se sea ser si sin sobre su sus también te tiene tu tus un una uno unos y ya'.split(
      ' ',
    ),
  ),
  it: new Set(
    'a ad al alla alle allo anche che chi ci come con da dal dalla dei del della delle dello di e ed è gli ha hanno i il in io la le lei lo loro lui ma mi mio ne nei nel nella noi non o per più quale quando questa questo se si sia sono su sua suo sul sulla tra tu un una uno vi voi'.split(
      ' ',
    ),
  ),
  pt: new Set(
    'a à ao aos as com como da das de do dos e é ela elas ele eles em entre era essa esse esta este eu foi há isso já lhe mais mas me mesmo meu minha muito na não nas nem no nos nós o os ou para pela pelo por qual quando que se sem ser seu sua são também te tem um uma você'.split(
      ' ',
    ),
  ),
  nl: new Set(
    'aan al alles als altijd andere ben bij daar dan dat de der deze die dit doch doen door dus een eens en er ge geen geweest haar had heb hebben heeft hem het hier hij hoe hun iemand iets ik in is ja je kan kon kunnen maar me meer men met mij mijn moet na naar niet niets nog nu of om omdat onder ons ook op over reeds te tegen toch toen tot u uit uw van veel voor want waren was wat we wel werd wezen wie wil worden wordt zal ze zelf zich zij zijn zo zonder zou'.split(
      ' ',
    ),
  ),
};

/** True when the normalised token is a stop word in any supported language. */
export function isStopWord(token: string): boolean {
  for (const list of Object.values(STOP_WORDS)) if (list.has(token)) return true;
  return false;
}

/**
 * Guesses the dominant language of a text from stop-word frequency. Returns null when the text is
 * too short or no language clearly dominates (we only ever use this to avoid false positives).
 */
export function guessLanguage(text: string, minWords = 150): { lang: string; share: number } | null {
  const tokens = tokenizeWords(text.toLowerCase());
  if (tokens.length < minWords) return null;
  const scores = Object.entries(STOP_WORDS).map(([lang, list]) => {
    let hits = 0;
    for (const t of tokens) if (list.has(t)) hits++;
    return { lang, share: hits / tokens.length };
  });
  scores.sort((a, b) => b.share - a.share);
  const [best, second] = scores;
  if (!best || best.share < 0.12) return null;
  // Require a clear margin: short lists overlap (e.g. "a", "de", "en").
  if (second && best.share < second.share * 2) return null;
  return best;
}

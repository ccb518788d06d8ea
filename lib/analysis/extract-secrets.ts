// Credentials pasted into a page (API keys, private keys): a scan of the raw HTML, not of the DOM,
// because they hide in scripts, comments and attributes alike.

const SECRET_PATTERNS: { kind: string; re: RegExp }[] = [
  { kind: 'private key', re: /-----BEGIN (?:RSA |EC |DSA |OPENSSH |PGP |ENCRYPTED )?PRIVATE KEY-----/ },
  { kind: 'AWS access key id', re: /\b(?:AKIA|ASIA)[0-9A-Z]{16}\b/ },
  { kind: 'Stripe secret key', re: /\b[sr]k_live_[0-9a-zA-Z]{20,}\b/ },
  { kind: 'GitHub token', re: /\b(?:gh[pousr]_[A-Za-z0-9]{36,}|github_pat_[A-Za-z0-9_]{40,})\b/ },
  { kind: 'Slack token', re: /\bxox[baprs]-[0-9A-Za-z-]{10,}\b/ },
  { kind: 'OpenAI API key', re: /\bsk-(?:proj-[A-Za-z0-9_-]{40,}|[A-Za-z0-9]{48})\b/ },
  { kind: 'Anthropic API key', re: /\bsk-ant-[A-Za-z0-9_-]{32,}\b/ },
  { kind: 'SendGrid API key', re: /\bSG\.[A-Za-z0-9_-]{22}\.[A-Za-z0-9_-]{43}\b/ },
];

/** One masked sample per kind of credential found in the HTML. */
export function findSecrets(html: string): { kind: string; sample: string }[] {
  const out: { kind: string; sample: string }[] = [];
  for (const { kind, re } of SECRET_PATTERNS) {
    const m = re.exec(html);
    // Mask: the report must never become a second leak.
    if (m) out.push({ kind, sample: `${m[0].slice(0, kind === 'private key' ? 31 : 8)}…` });
  }
  return out;
}

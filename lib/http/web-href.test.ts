import { describe, expect, it } from 'vitest';
import { webHref } from '@/lib/http/web-href';

describe('webHref', () => {
  it.each(['https://example.com/a?b=1#c', 'http://127.0.0.1:3000/', 'HTTPS://EXAMPLE.COM/'])('keeps %s as a link', (url) => {
    expect(webHref(url)).toBe(url);
  });

  it.each([
    'javascript:alert(1)',
    'JaVaScRiPt:alert(1)',
    ' javascript:alert(1)',
    '\tjava\nscript:alert(1)',
    'data:text/html,<script>alert(1)</script>',
    'vbscript:msgbox(1)',
    'file:///etc/passwd',
    '/relative/path',
    '//example.com/protocol-relative',
    'not a url',
    '',
  ])('refuses %j', (url) => {
    expect(webHref(url)).toBeNull();
  });
});

import { describe, expect, it } from 'vitest';
import { createFormCollector } from '@/lib/analysis/extract-forms';
import { collectFrom } from '@/test/extract-test-support';

describe('form collector', () => {
  it('lists forms with their resolved action, method and whether they ask for a password', () => {
    const { forms } = collectFrom('<form action="/login" method="POST"><div><input type="Password"></div></form><form><input type="text"></form><input type="password">', createFormCollector);
    expect(forms).toEqual([
      { action: 'https://example.com/login', method: 'post', hasPassword: true },
      { action: null, method: 'get', hasPassword: false },
    ]);
  });

  it('collects the visible labels of buttons, submit inputs and role=button elements, skipping empty ones', () => {
    const { buttons } = collectFrom('<button> Send <b>now</b></button><input type="submit" value="Go"><input type="button" value=""><a role="button" href="#">Open</a><button></button>', createFormCollector);
    expect(buttons).toEqual(['Send now', 'Go', 'Open']);
  });
});

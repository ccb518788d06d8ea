import { describe, expect, it } from 'vitest';
import { readUrlList, requireUsableUrlList } from '@/lib/audits/read-url-list';
import { parseUrlList } from '@/lib/audits/audit-input';
import { AppError } from '@/lib/errors';

function form(urls: string, file?: File) {
  const data = new FormData();
  data.set('urls', urls);
  if (file) data.set('file', file);
  return data;
}

async function rejection(promise: Promise<unknown>): Promise<AppError> {
  const err = await promise.then(() => undefined, (e: unknown) => e);
  expect(err).toBeInstanceOf(AppError);
  return err as AppError;
}

describe('readUrlList', () => {
  it('numbers the lines of the pasted text and of the file separately', async () => {
    const list = await readUrlList(form('a.com\nhello', new File(['url\nb.com\nworld\nhttps://a.com/\n'], 'urls.csv')));
    expect(list.urls).toEqual(['https://a.com/', 'https://b.com/']);
    expect(list.duplicates).toBe(1);
    expect(list.invalid).toEqual([
      { line: 2, text: 'hello', reason: '"hello" is not a full host name.' },
      { line: 3, text: 'world', reason: '"world" is not a full host name.', source: 'urls.csv' },
    ]);
  });

  it('reads a file on its own from line 1 (its header is still a header)', async () => {
    const list = await readUrlList(form('', new File(['url\nhello\nb.com'], 'list.txt')));
    expect(list.urls).toEqual(['https://b.com/']);
    expect(list.invalid).toEqual([{ line: 2, text: 'hello', reason: '"hello" is not a full host name.', source: 'list.txt' }]);
  });

  it('when no line is valid, the error says so and carries every rejected line', async () => {
    const text = Array.from({ length: 150 }, (_, i) => `word${i}`).join('\n');
    const err = await rejection(readUrlList(form(text)));
    expect(err.code).toBe('BAD_REQUEST');
    expect(err.message).toBe('None of the 150 lines is a valid URL.');
    expect((err.details as { invalid: unknown[] }).invalid).toHaveLength(150);
  });

  it('uses the singular for a single line and asks for input when there is none', async () => {
    expect((await rejection(readUrlList(form('mailto:x@y.z')))).message).toBe('The only line is not a valid URL.');
    expect((await rejection(readUrlList(form('  \n# just a comment')))).message).toBe('Paste at least one URL.');
  });

  it('refuses other file types', async () => {
    expect((await rejection(readUrlList(form('', new File(['x'], 'urls.xlsx'))))).message).toMatch(/Upload a .txt or .csv file/);
  });
});

describe('requireUsableUrlList', () => {
  it('passes a list with at least one URL through', () => {
    const list = parseUrlList('a.com\nhello');
    expect(requireUsableUrlList(list)).toBe(list);
  });
});

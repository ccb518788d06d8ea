import { MAX_BULK_URLS, parseUrlList, type ParsedUrlList } from '@/lib/audits/audit-input';
import { env } from '@/lib/env';
import { AppError } from '@/lib/errors';

/** URLs from a pasted text field and/or an uploaded .txt/.csv file, validated and de-duplicated. */
export async function readUrlList(form: FormData): Promise<ParsedUrlList> {
  let text = String(form.get('urls') ?? '');
  const file = form.get('file');
  if (file instanceof File && file.size > 0) {
    if (!/\.(txt|csv)$/i.test(file.name)) throw new AppError('BAD_REQUEST', `Upload a .txt or .csv file (got "${file.name}").`);
    if (file.size > env.MAX_UPLOAD_BYTES) throw new AppError('PAYLOAD_TOO_LARGE', `The file is larger than ${Math.round(env.MAX_UPLOAD_BYTES / 1_048_576)} MB.`);
    text += `\n${await file.text()}`;
  }
  const list = parseUrlList(text);
  if (list.urls.length === 0) {
    throw new AppError('BAD_REQUEST', list.invalid.length ? `None of the ${list.invalid.length} lines is a valid URL.` : 'Paste at least one URL.', list);
  }
  if (list.urls.length > MAX_BULK_URLS) {
    throw new AppError('BAD_REQUEST', `At most ${MAX_BULK_URLS.toLocaleString('en')} URLs per bulk analysis (got ${list.urls.length.toLocaleString('en')}).`);
  }
  return list;
}

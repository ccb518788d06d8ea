import { combineUrlLists, MAX_BULK_URLS, parseUrlList, type ParsedUrlList } from '@/lib/audits/audit-input';
import { countOf } from '@/lib/checks/labels';
import { env } from '@/lib/env';
import { AppError } from '@/lib/errors';

/** Refuses a list nothing can be started from; the error's details carry every rejected line. */
export function requireUsableUrlList(list: ParsedUrlList): ParsedUrlList {
  if (list.urls.length === 0) {
    const n = list.invalid.length;
    const message = n === 0 ? 'Paste at least one URL.' : n === 1 ? 'The only line is not a valid URL.' : `None of the ${n.toLocaleString('en')} lines is a valid URL.`;
    throw new AppError('BAD_REQUEST', message, list);
  }
  if (list.urls.length > MAX_BULK_URLS) {
    throw new AppError('BAD_REQUEST', `At most ${countOf(MAX_BULK_URLS, 'URL')} per bulk analysis (got ${list.urls.length.toLocaleString('en')}).`);
  }
  return list;
}

/** URLs from a pasted text field and/or an uploaded .txt/.csv file, validated and de-duplicated. */
export async function readUrlList(form: FormData): Promise<ParsedUrlList> {
  // Parsed separately so each rejected line is reported with its own line number (and file name).
  const lists = [parseUrlList(String(form.get('urls') ?? ''))];
  const file = form.get('file');
  if (file instanceof File && file.size > 0) {
    if (!/\.(txt|csv)$/i.test(file.name)) throw new AppError('BAD_REQUEST', `Upload a .txt or .csv file (got "${file.name}").`);
    if (file.size > env.MAX_UPLOAD_BYTES) throw new AppError('PAYLOAD_TOO_LARGE', `The file is larger than ${Math.round(env.MAX_UPLOAD_BYTES / 1_048_576)} MB.`);
    lists.push(parseUrlList(await file.text(), file.name));
  }
  return requireUsableUrlList(combineUrlLists(lists));
}

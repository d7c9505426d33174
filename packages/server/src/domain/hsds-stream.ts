import { invalid } from './problems.js';

/** One record of an HSDS upload, parsed on its own, with where it sat in the payload. */
export interface UploadRecord {
  /** `3` in a top-level array, `contents.3` in a list page, `` for a single record. */
  path: string;
  value: unknown;
}

const refuse = (path: string, message: string) => invalid([{ path, message, code: 'invalid_json' }]);

function parseRecord(path: string, text: string): UploadRecord {
  try {
    return { path, value: JSON.parse(text) as unknown };
  } catch (error) {
    throw refuse(path, `Not valid JSON: ${error instanceof Error ? error.message : String(error)}`);
  }
}

/**
 * Splits an HSDS upload into its records as the bytes arrive, so a 200 MB directory is never
 * held as one string: the items of a top-level array, or of the `contents` array of a list page;
 * an object without `contents` is one record. Only one record's text is kept at a time. Broken
 * JSON is refused with a problem naming the record (or the upload) it is in.
 *
 * @example
 * for await (const { path, value } of hsdsRecords(request.body)) fromHsds(value);
 */
export async function* hsdsRecords(
  bytes: AsyncIterable<Uint8Array>,
  onBytes: (count: number) => void = () => undefined,
): AsyncGenerator<UploadRecord> {
  const decoder = new TextDecoder('utf-8', { fatal: true });
  let top: '[' | '{' | undefined;
  let depth = 0;
  let inString = false;
  let escaped = false;
  let ended = false;
  // The array whose items are records: depth 1 (top-level array) or 2 (`contents`); 0 when none is open.
  let recordDepth = 0;
  let prefix = '';
  let index = 0;
  let item: string[] | undefined;
  let itemStart = 0;
  // Top-level object: its keys, and its whole text until a `contents` array is found.
  let expectKey = false;
  let key: string[] | undefined;
  let keyStart: number;
  let pendingKey: string | undefined;
  let whole: string[] | undefined;
  let wholeStart: number;
  let contentsSeen = false;

  const finishItem = (chunk: string, end: number): UploadRecord | undefined => {
    if (!item) return undefined;
    item.push(chunk.slice(itemStart, end));
    const text = item.join('').trim();
    item = undefined;
    const path = prefix === '' ? String(index) : `${prefix}.${String(index)}`;
    index += 1;
    return parseRecord(path, text);
  };

  async function* chunks(): AsyncGenerator<string> {
    try {
      for await (const part of bytes) {
        onBytes(part.byteLength);
        yield decoder.decode(part, { stream: true });
      }
      yield decoder.decode();
    } catch (error) {
      if (error instanceof TypeError) throw refuse('', 'The upload is not valid UTF-8');
      throw error;
    }
  }

  for await (const chunk of chunks()) {
    itemStart = 0;
    keyStart = 0;
    wholeStart = 0;
    for (let i = 0; i < chunk.length; i++) {
      const c = chunk.charCodeAt(i);
      if (inString) {
        if (escaped) escaped = false;
        else if (c === 0x5c) escaped = true;
        else if (c === 0x22) {
          inString = false;
          if (key) {
            key.push(chunk.slice(keyStart, i + 1));
            pendingKey = String(parseRecord('', key.join('')).value);
            key = undefined;
          }
        }
        continue;
      }
      if (c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09) continue;
      if (ended) throw refuse('', 'Unexpected text after the end of the JSON value');
      const atRecord = recordDepth > 0 && depth === recordDepth;
      if (c === 0x2c) {
        // ,
        if (atRecord) {
          if (!item) throw refuse(prefix, 'Unexpected comma in the list of records');
          const record = finishItem(chunk, i);
          if (record) yield record;
        } else if (top === '{' && depth === 1) expectKey = true;
        continue;
      }
      if (c === 0x5d || c === 0x7d) {
        // ] }
        depth -= 1;
        if (depth < 0) throw refuse('', 'Unexpected closing bracket');
        if (recordDepth > 0 && depth === recordDepth - 1) {
          const record = finishItem(chunk, i);
          if (record) yield record;
          recordDepth = 0;
        }
        if (depth === 0) {
          ended = true;
          if (whole) whole.push(chunk.slice(wholeStart, i + 1));
        }
        continue;
      }
      if (atRecord && !item) {
        item = [];
        itemStart = i;
      }
      if (c === 0x3a) {
        // :
        if (top === '{' && depth === 1) expectKey = false;
        continue;
      }
      if (c === 0x22) {
        inString = true;
        if (top === '{' && depth === 1 && expectKey) {
          key = [];
          keyStart = i;
        }
        continue;
      }
      if (c === 0x5b || c === 0x7b) {
        // [ {
        if (depth === 0) {
          top = c === 0x5b ? '[' : '{';
          if (top === '[') recordDepth = 1;
          else {
            expectKey = true;
            whole = [];
            wholeStart = i;
          }
        } else if (top === '{' && depth === 1 && c === 0x5b && pendingKey === 'contents' && !contentsSeen) {
          contentsSeen = true;
          recordDepth = 2;
          prefix = 'contents';
          whole = undefined;
        }
        if (depth === 1 && top === '{') pendingKey = undefined;
        depth += 1;
        continue;
      }
      if (depth === 0) throw refuse('', 'Expected an array of HSDS services or an HSDS object');
    }
    if (item) item.push(chunk.slice(itemStart));
    if (key) key.push(chunk.slice(keyStart));
    if (whole && !ended) whole.push(chunk.slice(wholeStart));
  }
  if (!top) throw refuse('', 'The upload is empty');
  if (!ended || inString) throw refuse(prefix, 'The upload ends before its JSON does');
  if (top === '{' && !contentsSeen && whole) yield parseRecord('', whole.join(''));
}

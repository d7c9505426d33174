// Dotted paths into a form's value (`peopleServed.0.count`), typed by the contract's type so that
// a misspelt path does not compile, and the reads and writes that follow them.

type Join<K extends string, Rest> = [Rest] extends [never] ? K : K | `${K}.${Rest & string}`;

/**
 * Every dotted path into `T`: object keys by name, array items by index.
 *
 * @example
 * type P = FieldPath<{ times: { arrivedAt: string }; people: { count: number }[] }>;
 * // 'times' | 'times.arrivedAt' | 'people' | `people.${number}` | `people.${number}.count`
 */
export type FieldPath<T> = T extends readonly (infer Item)[]
  ? Join<`${number}`, FieldPath<Item>>
  : T extends object
    ? { [K in keyof T & string]-?: Join<K, FieldPath<NonNullable<T[K]>>> }[keyof T & string]
    : never;

const split = (path: string): string[] => (path ? path.split('.') : []);
const isContainer = (value: unknown): value is object => typeof value === 'object' && value !== null;

/** The value at a dotted path (`peopleServed.0.count`); `undefined` where the value has no such part. */
export function getIn(value: unknown, path: string): unknown {
  let current = value;
  for (const key of split(path)) current = isContainer(current) ? Reflect.get(current, key) : undefined;
  return current;
}

/** A copy of `value` with `next` at `path`; `undefined` removes an object key. */
export function setIn(value: unknown, path: string, next: unknown): unknown {
  const [key, ...rest] = split(path);
  if (key === undefined) return next;
  const base: object = Array.isArray(value)
    ? [...(value as unknown[])]
    : isContainer(value)
      ? { ...value }
      : /^\d+$/.test(key)
        ? []
        : {};
  const child = setIn(Reflect.get(base, key), rest.join('.'), next);
  if (child === undefined && !Array.isArray(base)) Reflect.deleteProperty(base, key);
  else Reflect.set(base, key, child);
  return base;
}

/** Where the control for a field path lives in the shadow root. */
export const fieldId = (path: string): string => `f-${path.replaceAll('.', '-')}`;

/** A value as a control shows it: strings and numbers as text, anything else as nothing. */
export const str = (value: unknown): string =>
  typeof value === 'string' || typeof value === 'number' ? String(value) : '';

/** A value that should be a list, as one. */
export const list = (value: unknown): unknown[] => (Array.isArray(value) ? value : []);

/** Whether `value` is one of an enum's `options` (a value from storage or an older release may not be). */
export const oneOf = <O extends string>(options: readonly O[], value: unknown): value is O =>
  (options as readonly unknown[]).includes(value);

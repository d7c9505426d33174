/** One page of a list endpoint, as the contract's `page()` answers it. */
export interface Page<T> {
  readonly items: readonly T[];
  readonly nextCursor: string | null;
}

/**
 * Every item of a paged list, following `nextCursor` until the last page (a roster of a few
 * thousand peers is a handful of pages of 200). Stops early when `signal` aborts.
 *
 * @example
 * ```ts
 * const peers = await allPages((cursor) => api.specialists.list({ limit: 200, ...(cursor ? { cursor } : {}) }, { signal }));
 * ```
 */
export async function allPages<T>(
  read: (cursor: string | undefined) => Promise<Page<T>>,
  signal?: AbortSignal,
): Promise<T[]> {
  const items: T[] = [];
  let cursor: string | undefined;
  do {
    const page = await read(cursor);
    items.push(...page.items);
    cursor = page.nextCursor ?? undefined;
  } while (cursor && !signal?.aborted);
  return items;
}

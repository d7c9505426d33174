// The in-browser directory behind the picker's local `resources` mode.
import { createResourceIndex, type Resource, type ResourceCategory, type ResourceIndex } from '@peerlink/sdk';

export interface LocalDirectory {
  readonly index: ResourceIndex;
  /** Primary language subtags the resources offer, most offered first. */
  readonly languages: readonly string[];
}

/**
 * Indexes `resources` for search. `categoryNames` are the names a category is shown by in other
 * languages, so that typing "desintoxicación" finds detox services as "detox" does.
 */
export function localDirectory(
  resources: readonly Resource[],
  categoryNames: Partial<Record<ResourceCategory, readonly string[]>>,
): LocalDirectory {
  const counts = new Map<string, number>();
  for (const resource of resources) {
    for (const tag of resource.languages) {
      const language = (tag.split('-')[0] ?? tag).toLowerCase();
      counts.set(language, (counts.get(language) ?? 0) + 1);
    }
  }
  const languages = [...counts.entries()]
    .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
    .map(([language]) => language);
  return { index: createResourceIndex(resources, { categoryNames }), languages };
}

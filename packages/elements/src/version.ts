/** Release of this package; keep equal to `version` in package.json. */
export const VERSION = '0.1.0';

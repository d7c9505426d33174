/** ISO 8601 with offset (`Z`), as the contract's timestamps require. */
export const iso = (date: Date | number | string): string => new Date(date).toISOString();

export type Clock = () => Date;
export const systemClock: Clock = () => new Date();

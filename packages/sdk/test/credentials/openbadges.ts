// 1EdTech's Open Badges 3.0 artifacts (fixtures/openbadges, see its README): the published
// AchievementCredential JSON Schema and the specification's example credentials.
import { readdirSync, readFileSync } from 'node:fs';
import Ajv2019 from 'ajv/dist/2019.js';
import addFormats from 'ajv-formats';

const root = new URL('../fixtures/openbadges/', import.meta.url);

export type Json = Record<string, unknown>;

/** Validates a credential against the AchievementCredential schema; the errors, or none. */
export function achievementCredentialErrors(): (credential: unknown) => string[] {
  const schema = JSON.parse(readFileSync(new URL('schema/achievementcredential.json', root), 'utf8')) as Json;
  // The schema writes `@context` as a 2-item tuple with `additionalItems`, which ajv's strict tuple rule flags.
  const ajv = new Ajv2019({ allErrors: true, strictTuples: false });
  addFormats(ajv);
  const validate = ajv.compile(schema);
  return (credential) =>
    validate(credential) ? [] : (validate.errors ?? []).map((error) => `${error.instancePath} ${error.message ?? ''}`);
}

/** The specification's example AchievementCredentials, by the name of the specification's file holding each. */
export function specExamples(): { file: string; credential: Json }[] {
  const dir = new URL('examples/', root);
  return readdirSync(dir)
    .filter((file) => file.endsWith('.json'))
    .map((file) => ({
      file: file.replace(/\.json$/, '.html'),
      credential: JSON.parse(readFileSync(new URL(file, dir), 'utf8')) as Json,
    }));
}

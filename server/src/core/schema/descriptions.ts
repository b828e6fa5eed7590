/**
 * Our own documentation texts (schema/descriptions/<Kind>.yaml), bundled at
 * build time as one JSON object through the `virtual:descriptions` module
 * (see scripts/build.mjs).
 */
import all from 'virtual:descriptions';

interface KindDescriptions {
  readonly kind?: string;
  readonly fields?: Readonly<Record<string, string>>;
  readonly enums?: Readonly<Record<string, string>>;
}

const byKind = all as Readonly<Record<string, KindDescriptions>>;
const fields = new Map<string, string>();
const enums = new Map<string, string>();
for (const d of Object.values(byKind)) {
  for (const [k, v] of Object.entries(d.fields ?? {})) fields.set(k, v.trim());
  for (const [k, v] of Object.entries(d.enums ?? {})) enums.set(k, v.trim());
}

export function kindDescription(kind: string): string | undefined {
  return byKind[kind]?.kind?.trim();
}

export function fieldDescription(key: string): string | undefined {
  return fields.get(key);
}

export function enumDescription(fieldKey: string, value: string): string | undefined {
  return enums.get(`${fieldKey}=${value}`);
}

/** Every key we have a text for, for the completeness test. */
export function describedKeys(): { kinds: string[]; fields: string[]; enums: string[] } {
  return {
    kinds: Object.keys(byKind).filter((k) => byKind[k].kind),
    fields: [...fields.keys()],
    enums: [...enums.keys()],
  };
}

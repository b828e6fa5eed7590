/** Checks of a scalar value against its schema node: type, enum, bounds, length, pattern. */
import type { Reporter } from '../../findings';
import type { SchemaNode } from '../../schema/model';
import { nodeRange, type Scalar } from '../../yamlAst';
import { describe, label, schemaError, suggest, typeName } from './structure';

type Path = (string | number)[];

const INT_BOUNDS: Record<string, [number, number]> = {
  int32: [-2147483648, 2147483647],
  uint32: [0, 4294967295],
  int64: [Number.MIN_SAFE_INTEGER, Number.MAX_SAFE_INTEGER],
  uint64: [0, Number.MAX_SAFE_INTEGER],
};

export function checkScalar(report: Reporter, scalar: Scalar, s: SchemaNode, path: Path): void {
  const range = nodeRange(scalar);
  const v = scalar.value;
  const fail = (rule: string, message: string, data?: Record<string, unknown>) => report.add(range, schemaError(rule, message, data));
  switch (s.type) {
    case 'string':
      if (typeof v !== 'string') return fail('type', `${label(path)} must be a string, not ${describe(scalar)}. Quote it: "${String(v)}".`);
      break;
    case 'integer':
      if (typeof v !== 'number' || !Number.isInteger(v)) return fail('type', `${label(path)} must be ${typeName(s)}, not ${describe(scalar)}.`);
      break;
    case 'number':
      if (typeof v !== 'number') return fail('type', `${label(path)} must be a number, not ${describe(scalar)}.`);
      break;
    case 'boolean':
      if (typeof v !== 'boolean') return fail('type', `${label(path)} must be true or false, not ${describe(scalar)}.`);
      return;
    case 'intOrString':
      if (typeof v !== 'string' && !(typeof v === 'number' && Number.isInteger(v))) return fail('type', `${label(path)} must be an integer or a string.`);
      return;
    default:
      return;
  }
  if (typeof v === 'number') checkNumber(v, s, path, fail);
  else if (typeof v === 'string') checkString(v, s, path, fail);
}

function checkNumber(v: number, s: SchemaNode, path: Path, fail: (rule: string, message: string) => void): void {
  const bounds = s.format ? INT_BOUNDS[s.format] : undefined;
  const min = s.minimum ?? bounds?.[0];
  const max = s.maximum ?? bounds?.[1];
  if (min !== undefined && v < min) fail('minimum', `${label(path)} must be at least ${min}, not ${v}.`);
  else if (max !== undefined && v > max) fail('maximum', `${label(path)} must be at most ${max}, not ${v}.`);
}

function checkString(v: string, s: SchemaNode, path: Path, fail: (rule: string, message: string, data?: Record<string, unknown>) => void): void {
  if (s.enum && !s.enum.includes(v)) {
    const guess = suggest(v, s.enum);
    const hint = guess ? ` Did you mean "${guess}"?` : '';
    return fail('enum', `"${v}" is not a valid value for ${label(path)}.${hint} Allowed: ${s.enum.join(', ')}.`, guess ? { replacement: guess } : undefined);
  }
  if (s.minLength !== undefined && v.length < s.minLength) fail('min-length', `${label(path)} must not be shorter than ${s.minLength} character${s.minLength === 1 ? '' : 's'}.`);
  if (s.maxLength !== undefined && v.length > s.maxLength) fail('max-length', `${label(path)} must not be longer than ${s.maxLength} characters (it has ${v.length}).`);
  if (s.pattern !== undefined && !matches(s.pattern, v)) fail('pattern', `${label(path)} does not have the expected form (${s.pattern}).`);
}

const patterns = new Map<string, RegExp | null>();
function matches(pattern: string, v: string): boolean {
  let re = patterns.get(pattern);
  if (re === undefined) {
    try {
      re = new RegExp(pattern, 'u');
    } catch {
      re = null;
    }
    patterns.set(pattern, re);
  }
  return re === null || re.test(v);
}

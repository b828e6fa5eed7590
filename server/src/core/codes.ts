/**
 * Every diagnostic code we publish. Codes are stable: tests, suppressions and
 * CI pipelines depend on them. Where `istioctl analyze` reports the same
 * problem we use its code; everything else is ours. docs/diagnostics.md lists
 * them all (a test keeps the two in sync).
 */
export const enum ErrorCode {
  /** The YAML itself cannot be parsed. */
  YamlSyntax = 'yaml-syntax',
  /** A key appears twice in one mapping. */
  YamlDuplicateKey = 'yaml-duplicate-key',
  /** A tab character used for indentation. */
  YamlTabIndent = 'yaml-tab-indent',
  /** Too many alias expansions (a "billion laughs" document). */
  YamlAliasLimit = 'yaml-alias-limit',
  /** A parser warning (unknown tag, deprecated directive ...). */
  YamlWarning = 'yaml-warning',
  /** istioctl analyze: the resource fails schema or istiod validation. */
  SchemaValidation = 'IST0106',
  /** istioctl analyze: a deprecated field or value. */
  Deprecated = 'IST0002',
  /** An apiVersion/kind that Istio does not serve. */
  UnknownResource = 'unknown-resource',
}

export const DIAGNOSTIC_SOURCE = 'istio';

/** Maps a `yaml` library error code to ours. */
export function codeForYamlError(yamlCode: string, message: string): ErrorCode {
  if (yamlCode === 'DUPLICATE_KEY') return ErrorCode.YamlDuplicateKey;
  if (yamlCode === 'TAB_AS_INDENT' || /\btabs?\b/i.test(message)) return ErrorCode.YamlTabIndent;
  if (yamlCode === 'RESOURCE_EXHAUSTION' || /alias/i.test(message) && /excessive|exhaust/i.test(message)) return ErrorCode.YamlAliasLimit;
  return ErrorCode.YamlSyntax;
}

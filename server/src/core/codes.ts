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
  /** An alias (`*name`) with no anchor `&name` before it, often an unquoted `*.example.com`. */
  YamlUnknownAnchor = 'yaml-unknown-anchor',
  /** A parser warning (unknown tag, deprecated directive ...). */
  YamlWarning = 'yaml-warning',
  /** The text is larger than the core analyses (core/limits.ts). */
  FileTooLarge = 'file-too-large',
  /** Collections nest deeper than the core analyses (core/limits.ts). */
  NestingTooDeep = 'nesting-too-deep',
  /** The text holds a NUL character: a binary file, not analysed. */
  BinaryContent = 'binary-content',
  /** More findings than a file shows (core/services/validation: MAX_FINDINGS); one notice sums up the rest. */
  TooManyProblems = 'too-many-problems',
  /** istioctl analyze: the resource fails schema or istiod validation. */
  SchemaValidation = 'IST0106',
  /** istioctl analyze: a deprecated field or value. */
  Deprecated = 'IST0002',
  /** An apiVersion/kind that Istio does not serve. */
  UnknownResource = 'unknown-resource',
  /** istioctl analyze: a referenced subset, gateway or host does not exist. */
  ReferencedResourceNotFound = 'IST0101',
  /** istioctl analyze: mesh-bound VirtualServices define the same host. */
  ConflictingMeshGatewayVirtualServiceHosts = 'IST0109',
  /** istioctl analyze: a destination without `port` on a service with several ports. */
  VirtualServiceDestinationPortSelectorRequired = 'IST0112',
  /** istioctl analyze: an http rule that earlier rules leave no request to. */
  VirtualServiceUnreachableRule = 'IST0130',
  /** istioctl analyze: a match that an earlier rule's match already takes. */
  VirtualServiceIneffectiveMatch = 'IST0131',
  /** istioctl analyze: no VirtualService host is served by a bound Gateway. */
  VirtualServiceHostNotFoundInGateway = 'IST0132',
  /** Several DestinationRules for the same host in one namespace. */
  DuplicateDestinationRule = 'duplicate-destination-rule',
  /** The same host and subset twice in one route. */
  DuplicateRouteDestination = 'duplicate-route-destination',
  /** A DestinationRule subset without labels (it selects every endpoint). */
  SubsetWithoutLabels = 'subset-without-labels',
  /** Several ServiceEntries for the same host and port in one namespace. */
  DuplicateServiceEntry = 'duplicate-service-entry',
}

export const DIAGNOSTIC_SOURCE = 'istio';

/** Maps a `yaml` library error code to ours. */
export function codeForYamlError(yamlCode: string, message: string): ErrorCode {
  if (yamlCode === 'DUPLICATE_KEY') return ErrorCode.YamlDuplicateKey;
  if (yamlCode === 'TAB_AS_INDENT' || /\btabs?\b/i.test(message)) return ErrorCode.YamlTabIndent;
  if (yamlCode === 'RESOURCE_EXHAUSTION' || /alias/i.test(message) && /excessive|exhaust/i.test(message)) return ErrorCode.YamlAliasLimit;
  return ErrorCode.YamlSyntax;
}

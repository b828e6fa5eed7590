/**
 * Aliases that name no anchor. YAML makes `*name` an error unless `&name`
 * was set on a node before it in the same document, and Kubernetes' parser
 * rejects the file; the `yaml` library keeps such an alias silently (it
 * resolves to nothing). The usual cause in Istio files is an unquoted
 * wildcard host: `- *.example.com` is an alias to an anchor named
 * `.example.com`, not a host.
 */
import { ErrorCode } from '../../codes';
import type { Finding } from '../../findings';
import type { ParsedDocument } from '../../parser';
import { unknownAnchors } from '../../yamlAliases';

/** Looks like the rest of a wildcard host or address (`*.example.com`, `*`-prefixed names), not an anchor name someone chose. */
const WILDCARD_REST = /^(\.|[A-Za-z0-9-]*\.)[A-Za-z0-9.-]*$/;

/** One error per alias of `doc` that refers to no anchor before it. */
export function unknownAnchorFindings(doc: ParsedDocument): Finding[] {
  return unknownAnchors(doc.yaml).map(({ start, end, source }): Finding => {
    const text = `*${source}`;
    const message = WILDCARD_REST.test(source)
      ? `${text} is read as a YAML alias, not as text: an unquoted value starting with "*" names an anchor (&${source}), and there is none. Quote it: "${text}".`
      : `The alias ${text} refers to no anchor: set &${source} on a node before it in this document, or quote the value if "${text}" is meant as text.`;
    return { start, end, severity: 'error', code: ErrorCode.YamlUnknownAnchor, rule: ErrorCode.YamlUnknownAnchor, message, data: { replacement: JSON.stringify(text) } };
  });
}

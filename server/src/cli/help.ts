/** `istio-yaml-check --help`. */
import { TOOL_NAME } from './version';

export const HELP = `Usage: ${TOOL_NAME} [options] <path>...

Checks Istio manifests the way the Istio YAML editor extension does. Every
file and folder given is checked as ONE workspace, so references between
files (subsets, gateways, hosts) are resolved across all of them.

Paths:
  FILE              a file (checked whatever its extension)
  FOLDER            every *.yaml / *.yml below it (.git and node_modules skipped)
  -                 standard input

Options:
  -f, --format FMT        human (default), json or sarif
      --fail-on LEVEL     exit 1 when a finding is at least LEVEL:
                          error (default), warning or info
      --istio-version V   the Istio version the manifests target (default 1.30)
  -n, --namespace NS      namespace of resources without one (default: default)
  -s, --suppress SPEC     silence findings: CODE, or "CODE=Kind name" where name
                          is name, namespace/name or name.namespace; * is a
                          wildcard (repeatable). Resources may also carry the
                          galley.istio.io/analyze-suppress: "CODE,..." annotation.
      --ignore GLOB       skip matching files and folders (repeatable); a glob
                          without / matches a file or folder name at any depth
  -q, --quiet             print only the findings that fail the run, and nothing
                          when it passes (human format)
      --no-cross-file     skip the checks that look at other files
  -h, --help              show this help
      --version           show the version

Exit status: 0 no finding reaches --fail-on, 1 some finding does,
2 bad usage or a path that is missing or cannot be read.
`;

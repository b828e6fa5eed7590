/** The checker's name and version (kept equal to server/package.json by a test). */
export const TOOL_NAME = 'istio-yaml-check';
export const VERSION = '0.1.0';
/** Where the project lives: SARIF `informationUri` and the base of our docs links. */
export const HOMEPAGE = 'https://example.invalid/istio-yaml-vscode';

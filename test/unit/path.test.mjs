import { describe, it } from 'node:test';
import { checkPath } from '../helpers/core.mjs';

const VS = `apiVersion: networking.istio.io/v1
kind: VirtualService
metadata:
  name: reviews
spec:
  hosts:
  - reviews
  http:
  - match:
    - uri:
        prefix: /a
    route:
    - destination:
        host: reviews
        subset: v1
      weight: 90
    - destination:
        host: reviews
        @
`;
const vs = (cursorLine) => VS.replace('@', cursorLine);

describe('cursor path', () => {
  const cases = [
    ['a value', vs('subset: v|2'), { path: 'spec.http[0].route[1].destination.subset', kind: 'value', prefix: 'v' }],
    ['an empty value', vs('subset: |'), { path: 'spec.http[0].route[1].destination.subset', kind: 'value', prefix: '' }],
    ['a blank indented line', vs('|'), { path: 'spec.http[0].route[1].destination', kind: 'empty', prefix: '' }],
    ['a half-typed key', vs('sub|'), { path: 'spec.http[0].route[1].destination.sub', kind: 'key', prefix: 'sub' }],
    ['a shallower blank line', vs('subset: v2\n      |'), { path: 'spec.http[0].route[1]', kind: 'empty', prefix: '' }],
    ['a new list item', vs('subset: v2\n    - |'), { path: 'spec.http[0].route[2]', kind: 'empty', prefix: '' }],
    ['a key typed after a dash', vs('subset: v2\n    - dest|'), { path: 'spec.http[0].route[2].dest', kind: 'key', prefix: 'dest' }],
    ['a new top-level list', vs('subset: v2\n  tcp:\n  - |'), { path: 'spec.tcp[0]', kind: 'empty', prefix: '' }],
    ['inside an existing key', VS.replace('prefix: /a', 'pre|fix: /a').replace('@', ''), { path: 'spec.http[0].match[0].uri.prefix', kind: 'key', prefix: 'pre' }],
    ['the document root', 'apiVersion: v1\n|', { path: '', kind: 'empty', prefix: '' }],
    ['a top-level half-typed key', 'apiVersion: v1\nki|', { path: 'ki', kind: 'key', prefix: 'ki' }],
    ['a flow mapping', 'spec:\n  port: {number: 8|0}\n', { path: 'spec.port.number', kind: 'value', prefix: '8' }],
    ['a quoted key', 'spec:\n  "hosts":\n  - |', { path: 'spec.hosts[0]', kind: 'empty', prefix: '' }],
    ['nested sequences', 'a:\n- - x\n  - |', { path: 'a[0][1]', kind: 'empty', prefix: '' }],
    ['a key after a comment line', 'spec:\n  # hosts come first\n  ho|', { path: 'spec.ho', kind: 'key', prefix: 'ho' }],
    ['CRLF line ends', 'spec:\r\n  http:\r\n  - route:\r\n    - |\r\n', { path: 'spec.http[0].route[0]', kind: 'empty', prefix: '' }],
    ['a block scalar is not a parent of its text', 'spec:\n  script: >\n    x: 1\n  |', { path: 'spec', kind: 'empty', prefix: '' }],
  ];
  for (const [name, src, expected] of cases) it(name, () => checkPath(src, expected));

  it('the second document of a file', () =>
    checkPath('kind: A\n---\napiVersion: v1\nkind: Service\nspec:\n  ports:\n  - port: 80\n    |', { path: 'spec.ports[0]', kind: 'empty', prefix: '' }));
});

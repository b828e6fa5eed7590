// The workspace the navigation tests share (navigation-*.test.mjs): definition, references,
// rename, reference hover and symbols. One multi-file workspace (namespaces shop, edge, web),
// with a DestinationRule exported only to its own namespace (ledger), an Istio Gateway and a
// Gateway API Gateway of the same name, and short and `namespace/name` gateway references.
// Expected ranges are `file L:C-L:C`, 1-based, end exclusive.
import assert from 'node:assert/strict';
import { workspace } from '../helpers/workspace.mjs';

export const FILES = {
  'shop/checkout-vs.yaml': `apiVersion: networking.istio.io/v1
kind: VirtualService
metadata:
  name: checkout
  namespace: shop
spec:
  hosts:
  - checkout.example.com
  gateways:
  - edge/public
  - mesh
  http:
  - name: primary
    match:
    - gateways:
      - edge/public
    route:
    - destination:
        host: payments
        subset: v1
      weight: 90
    - destination:
        host: payments
        subset: "v2"
      weight: 10
    mirror:
      host: payments.shop.svc.cluster.local
      subset: v2
  - route:
    - destination:
        host: ledger
        subset: stable
  tcp:
  - route:
    - destination:
        host: payments
        port:
          number: 9000
  tls:
  - match:
    - sniHosts:
      - checkout.example.com
    route:
    - destination:
        host: api.stripe.com
`,
  'shop/payments-dr.yaml': `apiVersion: networking.istio.io/v1
kind: DestinationRule
metadata:
  name: payments
  namespace: shop
spec:
  host: payments
  subsets:
  - name: v1
    labels:
      version: v1
  - name: v2
    labels:
      version: v2
---
apiVersion: networking.istio.io/v1
kind: DestinationRule
metadata:
  name: ledger
  namespace: shop
spec:
  host: ledger
  exportTo:
  - .
  subsets:
  - name: stable
    labels:
      track: stable
`,
  'shop/payments-svc.yaml': `apiVersion: v1
kind: Service
metadata:
  name: payments
  namespace: shop
spec:
  selector:
    app: payments
  ports:
  - name: http
    port: 8080
    targetPort: 9080
`,
  // Indexed before edge/gateway.yaml: a lookup that does not check the group finds it first.
  'edge/gateway-api.yaml': `apiVersion: gateway.networking.k8s.io/v1
kind: Gateway
metadata:
  name: public
  namespace: edge
spec:
  gatewayClassName: istio
  listeners:
  - name: http
    port: 80
    protocol: HTTP
`,
  'edge/gateway.yaml': `apiVersion: networking.istio.io/v1
kind: Gateway
metadata:
  name: public
  namespace: edge
spec:
  selector:
    istio: ingressgateway
  servers:
  - port:
      number: 80
      name: http
      protocol: HTTP
    hosts:
    - "*.example.com"
  - port:
      number: 443
      name: https
      protocol: HTTPS
    hosts:
    - checkout.example.com
    tls:
      mode: SIMPLE
      credentialName: checkout-cert
`,
  'edge/shortname-vs.yaml': `apiVersion: networking.istio.io/v1
kind: VirtualService
metadata:
  name: storefront
  namespace: edge
spec:
  hosts:
  - www.example.com
  gateways:
  - public
  http:
  - route:
    - destination:
        host: payments.shop.svc.cluster.local
        subset: v1
`,
  'web/web.yaml': `apiVersion: networking.istio.io/v1
kind: Gateway
metadata:
  name: public
  namespace: web
spec:
  selector:
    istio: ingressgateway
  servers:
  - port:
      number: 8080
      name: http
      protocol: HTTP
    hosts:
    - web.example.com
---
apiVersion: networking.istio.io/v1
kind: VirtualService
metadata:
  name: web
  namespace: web
spec:
  hosts:
  - web.example.com
  gateways:
  - public
  http:
  - route:
    - destination:
        host: ledger.shop.svc.cluster.local
        subset: stable
    - destination:
        host: payments
        subset: v1
`,
  'external/se.yaml': `apiVersion: networking.istio.io/v1
kind: ServiceEntry
metadata:
  name: stripe
  namespace: shop
spec:
  hosts:
  - api.stripe.com
  - "*.stripe.com"
  location: MESH_EXTERNAL
  resolution: DNS
  ports:
  - number: 443
    name: https
    protocol: TLS
`,
  'edge/internal-gw.yaml': `apiVersion: networking.istio.io/v1
kind: Gateway
metadata:
  name: internal
  namespace: edge
spec:
  selector:
    istio: internal-gateway
  servers:
  - port:
      number: 80
      name: http
      protocol: HTTP
    hosts:
    - "*.internal.example.com"
`,
};

export const shared = workspace(FILES);

/** The document, parse and position of the `nth` occurrence of `needle` in `file`, `shift` characters into it. */
export function at(ws, file, needle, { shift = 1, nth = 0 } = {}) {
  const { doc, parsed } = ws.docs[file];
  const text = doc.getText();
  let i = -1;
  for (let k = 0; k <= nth; k++) {
    i = text.indexOf(needle, i + 1);
    assert.ok(i >= 0, `${needle} #${k} in ${file}`);
  }
  return [doc, parsed, doc.positionAt(i + shift)];
}
export const span = (r) => `${r.start.line + 1}:${r.start.character + 1}-${r.end.line + 1}:${r.end.character + 1}`;
export const loc = (l) => `${l.uri.replace('file:///ws/', '')} ${span(l.range)}`;
export const definition = (file, needle, opts) => shared.service.findDefinition(...at(shared, file, needle, opts)).map(loc);
export const references = (file, needle, opts, includeDeclaration = true) =>
  shared.service.findReferences(...at(shared, file, needle, opts), includeDeclaration).map(loc);
/** A WorkspaceEdit as { file: ['L:C-L:C newText', ...] }. */
export const edits = (edit) =>
  edit && Object.fromEntries(Object.entries(edit.changes).map(([uri, list]) => [uri.replace('file:///ws/', ''), list.map((e) => `${span(e.range)} ${e.newText}`)]));

export const VS = 'shop/checkout-vs.yaml';
export const DR = 'shop/payments-dr.yaml';
export const GW = 'edge/gateway.yaml';
export const EDGE_VS = 'edge/shortname-vs.yaml';
export const WEB = 'web/web.yaml';

export const V1 = 'shop/payments-dr.yaml 9:11-9:13';
export const V2 = 'shop/payments-dr.yaml 12:11-12:13';
export const STABLE = 'shop/payments-dr.yaml 26:11-26:17';
export const EDGE_PUBLIC = 'edge/gateway.yaml 4:9-4:15';

// Finds, for each object node of the generated schema, the proto message that
// documents it on istio.io, by matching field names against the anchors of
// the reference pages (`<h2 id="HTTPRoute">`, `<tr id="HTTPRoute-timeout">`).
// Only anchor names are read from the pages: no text.
import { readFileSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';

const PAGES = {
  virtual_service: 'networking/virtual-service',
  destination_rule: 'networking/destination-rule',
  gateway: 'networking/gateway',
  service_entry: 'networking/service-entry',
  sidecar: 'networking/sidecar',
  envoy_filter: 'networking/envoy-filter',
  workload_entry: 'networking/workload-entry',
  workload_group: 'networking/workload-group',
  proxy_config: 'networking/proxy-config',
  authorization_policy: 'security/authorization-policy',
  peer_authentication: 'security/peer_authentication',
  request_authentication: 'security/request_authentication',
};

const KIND_PAGE = {
  VirtualService: 'networking/virtual-service', DestinationRule: 'networking/destination-rule', Gateway: 'networking/gateway',
  ServiceEntry: 'networking/service-entry', Sidecar: 'networking/sidecar', EnvoyFilter: 'networking/envoy-filter',
  WorkloadEntry: 'networking/workload-entry', WorkloadGroup: 'networking/workload-group', ProxyConfig: 'networking/proxy-config',
  AuthorizationPolicy: 'security/authorization-policy', PeerAuthentication: 'security/peer_authentication',
  RequestAuthentication: 'security/request_authentication',
};

function walk(dir) {
  return readdirSync(dir).flatMap((f) => {
    const p = path.join(dir, f);
    return statSync(p).isDirectory() ? walk(p) : [p];
  });
}

const camel = (s) => s.replace(/_([a-z0-9])/g, (_, c) => c.toUpperCase());

/** page -> message -> Set(camelCase field) */
function readMessages(refDocs) {
  const pages = new Map();
  for (const file of walk(refDocs)) {
    const m = /([a-z_]+)\.pb\.html$/.exec(file);
    const page = m && PAGES[m[1]];
    if (!page) continue;
    const html = readFileSync(file, 'utf8');
    const messages = new Map();
    for (const [, id] of html.matchAll(/<h[2-6] id="([A-Za-z0-9-]+)"/g)) messages.set(id, new Set());
    for (const [, id] of html.matchAll(/<tr id="([A-Za-z0-9_-]+)"/g)) {
      const cut = id.lastIndexOf('-');
      const msg = id.slice(0, cut);
      if (messages.has(msg)) messages.get(msg).add(camel(id.slice(cut + 1)));
    }
    pages.set(page, messages);
  }
  return pages;
}

export function docAnchors(refDocs, nodes) {
  const pages = readMessages(refDocs);
  const result = new Map();
  nodes.forEach((n, id) => {
    if (!n.properties) return;
    const props = Object.keys(n.properties);
    // Only the kind's own page: a small type matched on another page is more often wrong than right.
    const home = KIND_PAGE[n.path.split('.')[0]];
    const messages = home ? pages.get(home) : undefined;
    if (!messages) return;
    let best;
    for (const [message, fields] of messages) {
      const common = props.filter((p) => fields.has(p)).length;
      if (common === 0) continue;
      const score = common / (props.length + fields.size - common);
      if (!best || score > best.score) best = { score, page: home, message, fields };
    }
    if (best && best.score >= 0.5) {
      result.set(id, { page: best.page, message: best.message, fields: props.filter((p) => best.fields.has(p)) });
    }
  });
  return result;
}

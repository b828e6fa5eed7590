/**
 * What the workspace index knows about each resource: its identity, what it
 * defines (subsets, hosts, gateways, ports, labels) and what it references,
 * each with the source range of the value, so that features can point at it.
 */
export type Range = readonly [number, number];

export interface Ref {
  readonly value: string;
  readonly range: Range;
}

export interface DestinationRef {
  readonly host: Ref;
  readonly subset?: Ref;
  readonly port?: { readonly number: number; readonly range: Range };
  /** Where: `route` (http/tcp/tls routes), `mirror` (mirror and mirrors). */
  readonly role: 'route' | 'mirror';
  /** The path of the destination node, e.g. `spec.http[0].route[1].destination`. */
  readonly path: readonly (string | number)[];
  /** Range of the `destination:` (or `mirror:`) key, for whole-destination findings. */
  readonly keyRange: Range;
}

export interface SubsetDef {
  readonly name: Ref;
  readonly labels: Readonly<Record<string, string>>;
  /** Range of the whole subset item. */
  readonly range: Range;
  readonly hasLabels: boolean;
}

export interface PortDef {
  readonly number: number;
  readonly name?: string;
  readonly protocol?: string;
  readonly targetPort?: number | string;
}

export interface GatewayServer {
  readonly hosts: readonly Ref[];
  readonly port?: PortDef;
}

/** A string condition of an HTTP match; `present` is `{}` (the header or parameter only has to be there). */
export interface StringMatchDef {
  readonly kind: 'exact' | 'prefix' | 'regex' | 'present';
  readonly value: string;
}

/** One `match` item of an http rule, reduced to what decides which requests it takes. */
export interface HttpMatchDef {
  /** Where to point at the match: its first key. */
  readonly keyRange: Range;
  /** `uri`, `scheme`, `method`, `authority`, `header:<lower-case name>`, `query:<name>`, `without:<lower-case name>`. */
  readonly conditions: Readonly<Record<string, StringMatchDef>>;
  readonly port?: number;
  /** Match-level gateways (empty: the VirtualService's own). */
  readonly gateways: readonly string[];
  readonly sourceLabels: Readonly<Record<string, string>>;
  readonly sourceNamespace?: string;
  readonly ignoreUriCase: boolean;
  /** It holds something we do not model: it is never taken to cover another match. */
  readonly opaque: boolean;
}

/** One `http` rule of a VirtualService. */
export interface HttpRouteDef {
  readonly index: number;
  readonly name?: string;
  /** Where to point at the rule: its `match` key, else its first key. */
  readonly keyRange: Range;
  readonly matches: readonly HttpMatchDef[];
}

export interface IndexedResource {
  readonly uri: string;
  readonly docIndex: number;
  readonly group: string;
  readonly version: string;
  readonly kind: string;
  readonly name: string;
  /** `metadata.namespace`, else the default namespace. */
  readonly namespace: string;
  readonly namespaceExplicit: boolean;
  readonly nameRange?: Range;
  /** The whole document's range. */
  readonly range: Range;
  readonly annotations: Readonly<Record<string, string>>;
  readonly exportTo?: readonly string[];
  /** VirtualService / ServiceEntry hosts. */
  readonly hosts: readonly Ref[];
  /** VirtualService gateways (top level and match level). */
  readonly gateways: readonly Ref[];
  readonly destinations: readonly DestinationRef[];
  /** DestinationRule `host`. */
  readonly host?: Ref;
  readonly subsets: readonly SubsetDef[];
  readonly servers: readonly GatewayServer[];
  /** ServiceEntry and Service ports. */
  readonly ports: readonly PortDef[];
  /** Service / Gateway selector. */
  readonly selector?: Readonly<Record<string, string>>;
  /** Labels of the pods a Deployment/StatefulSet/DaemonSet/Pod/ReplicaSet creates. */
  readonly podLabels?: Readonly<Record<string, string>>;
  /** VirtualService top-level `gateways` only (`gateways` above also holds the match-level ones). */
  readonly topGateways?: readonly Ref[];
  /** VirtualService `http` rules with their match conditions. */
  readonly httpRoutes?: readonly HttpRouteDef[];
  /** DestinationRule `workloadSelector.matchLabels`, when it has one. */
  readonly workloadSelector?: Readonly<Record<string, string>>;
  /** DestinationRule: has a top-level `trafficPolicy`. */
  readonly hasTrafficPolicy?: boolean;
  /**
   * A template (Helm) writes part of it: the names, hosts and subsets it
   * defines may not be what the index holds, so "not found" findings that
   * it could answer are not raised.
   */
  readonly templated?: boolean;
}

/**
 * Fields Istio deprecated or removed, and what replaces them. Keys are
 * description keys (`<canonical parent path>.<field>`), so one entry covers
 * every place the type appears (e.g. outlierDetection in subsets and port
 * settings too).
 */
export interface Deprecation {
  /** What to write instead, as shown to the user. */
  readonly replacement: string;
  /** For the quick fix: the key path that replaces the field, relative to its parent. */
  readonly rewrite?: readonly string[];
  /** Deprecated since this Istio version. */
  readonly since?: string;
}

export const DEPRECATED: Readonly<Record<string, Deprecation>> = {
  'DestinationRule.spec.trafficPolicy.outlierDetection.consecutiveErrors': {
    replacement: 'consecutive5xxErrors',
    rewrite: ['consecutive5xxErrors'],
    since: '1.5',
  },
  'VirtualService.spec.http[].mirrorPercent': { replacement: 'mirrorPercentage.value', rewrite: ['mirrorPercentage', 'value'], since: '1.5' },
  'VirtualService.spec.http[].mirror_percent': { replacement: 'mirrorPercentage.value', rewrite: ['mirrorPercentage', 'value'], since: '1.5' },
  'VirtualService.spec.http[].fault.delay.percent': { replacement: 'percentage.value', rewrite: ['percentage', 'value'], since: '1.5' },
  'DestinationRule.spec.trafficPolicy.loadBalancer.consistentHash.minimumRingSize': { replacement: 'ringHash.minimumRingSize', rewrite: ['ringHash', 'minimumRingSize'] },
  'DestinationRule.spec.trafficPolicy.loadBalancer.warmupDurationSecs': { replacement: 'warmup.duration', rewrite: ['warmup', 'duration'] },
};

/** Fields that no longer exist: unknown, with a message naming the replacement. */
export const REMOVED: Readonly<Record<string, Deprecation>> = {
  'VirtualService.spec.http[].fault.abort.percent': { replacement: 'percentage.value', rewrite: ['percentage', 'value'] },
};

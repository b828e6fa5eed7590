/**
 * istiod's own validation rules (the ones the CRD schema cannot express),
 * dispatched by kind. Each kind's rules live in their own file.
 */
import type { Reporter } from '../../findings';
import type { ParsedDocument } from '../../parser';
import type { ResourceSchema } from '../../schema/model';
import type { Settings } from '../../settings';
import { checkDestinationRule } from './rules/destinationRule';
import { checkGateway } from './rules/gateway';
import { checkServiceEntry } from './rules/serviceEntry';
import { checkVirtualService } from './rules/virtualService';

export interface SemanticContext {
  readonly doc: ParsedDocument;
  readonly schema: ResourceSchema;
  readonly report: Reporter;
  readonly settings: Settings;
}

type Check = (ctx: SemanticContext) => void;

const BY_KIND: Record<string, Check[]> = {
  Gateway: [checkGateway],
  VirtualService: [checkVirtualService],
  DestinationRule: [checkDestinationRule],
  ServiceEntry: [checkServiceEntry],
};

export function checkSemantics(ctx: SemanticContext): void {
  for (const check of BY_KIND[ctx.schema.kind] ?? []) check(ctx);
}

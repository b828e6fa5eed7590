/**
 * istiod's own validation rules (the ones the CRD schema cannot express),
 * dispatched by kind. Each kind's rules live in their own file.
 */
import type { Reporter } from '../../findings';
import type { ParsedDocument } from '../../parser';
import type { ResourceSchema } from '../../schema/model';
import type { Settings } from '../../settings';

export interface SemanticContext {
  readonly doc: ParsedDocument;
  readonly schema: ResourceSchema;
  readonly report: Reporter;
  readonly settings: Settings;
}

type Check = (ctx: SemanticContext) => void;

const BY_KIND: Record<string, Check[]> = {};

export function checkSemantics(ctx: SemanticContext): void {
  for (const check of BY_KIND[ctx.schema.kind] ?? []) check(ctx);
}

/**
 * `apiVersion:` and `kind:` completions: the Istio API groups and versions,
 * and the kinds the chosen apiVersion serves.
 */
import { CompletionItemKind, MarkupKind, type CompletionItem } from 'vscode-languageserver-types';
import type { ParsedDocument } from '../../parser';
import { isIstioGroup, splitApiVersion } from '../../resource';
import { resourceMarkdown } from '../../schema/docs';
import { RESOURCES } from '../../schema/model';

export function apiVersionItems(): Omit<CompletionItem, 'textEdit'>[] {
  const byApi = new Map<string, string[]>();
  // Newest first: storage versions, then the rest.
  for (const r of [...RESOURCES].sort((a, b) => Number(b.storage) - Number(a.storage))) {
    const api = `${r.group}/${r.version}`;
    byApi.set(api, [...(byApi.get(api) ?? []), r.kind]);
  }
  return [...byApi].map(([api, kinds], i) => ({
    label: api,
    kind: CompletionItemKind.Module,
    detail: kinds.join(', '),
    sortText: String(i).padStart(3, '0'),
  }));
}

export function kindItems(doc: ParsedDocument): Omit<CompletionItem, 'textEdit'>[] {
  const api = doc.resource?.apiVersion;
  const { group, version } = api ? splitApiVersion(api) : { group: '', version: '' };
  const served = RESOURCES.filter((r) => (isIstioGroup(group) ? r.group === group && r.version === version : r.storage));
  return served.map((r) => ({
    label: r.kind,
    kind: CompletionItemKind.Class,
    detail: `${r.group}/${r.version}`,
    documentation: {
      kind: MarkupKind.Markdown,
      value: resourceMarkdown(r, RESOURCES.filter((x) => x.kind === r.kind && x.group === r.group).map((x) => x.version)),
    },
  }));
}

/**
 * A subset that no DestinationRule defines (IST0101, rules
 * `subset-not-found` and `subset-no-destination-rule`). The fixes: use the
 * close match the diagnostic suggests (`data.replacement`); add the subset to
 * the host's DestinationRule, wherever that file is; or, when the host has
 * none, append a new DestinationRule with the subset to this file. A new
 * subset selects pods labelled `version: <subset>`.
 */
import type { CodeAction, Diagnostic } from 'vscode-languageserver-types';
import { toFqdn } from '../../workspace/hosts';
import type { DestinationRef, IndexedResource } from '../../workspace/model';
import { isMap, isSeq, mapGet, nodeRange } from '../../yamlAst';
import { resourceAt } from '../workspace/context';
import { columnOf, dataString, endOfLastLine, indentUnit, lineEndOf, offsets, quickFix, replaceScalar, sequenceIndent, yamlString, type FixContext, type OffsetEdit } from './edits';

export function fixSubset(ctx: FixContext, d: Diagnostic): CodeAction[] {
  const [start] = offsets(ctx, d);
  const vs = resourceAt(ctx.indexed, start);
  const dest = vs?.destinations.find((x) => x.subset?.range[0] === start);
  if (!vs || !dest?.subset || dest.host.value.includes('*')) return [];
  const subset = dest.subset.value;
  const actions: CodeAction[] = [];
  const replacement = dataString(d, 'replacement');
  if (replacement) {
    const [s, e] = dest.subset.range;
    actions.push(quickFix(ctx, `Change to "${replacement}"`, d, [replaceScalar(ctx.document.uri, ctx.file.text, s, e, replacement)], true));
  }
  const rules = ctx.index.destinationRulesFor(toFqdn(dest.host.value, vs.namespace), vs.namespace).filter((dr) => dr.group === 'networking.istio.io');
  rules.sort((a, b) => Number(b.uri === ctx.document.uri) - Number(a.uri === ctx.document.uri));
  for (const dr of rules) {
    if (dr.subsets.some((s) => s.name.value === subset)) return actions; // already there (a stale diagnostic)
    const edit = addToDestinationRule(ctx, dr, subset);
    if (edit) actions.push(quickFix(ctx, `Add subset "${subset}" to DestinationRule ${dr.namespace}/${dr.name}`, d, [edit], !replacement && rules.length === 1));
  }
  if (rules.length === 0) {
    actions.push(quickFix(ctx, `Create a DestinationRule for "${dest.host.value}" with subset "${subset}"`, d, [newDestinationRule(ctx, vs, dest)], !replacement));
  }
  return actions;
}

/** `- name: <subset>` with its `version` label, the dash at `dash`, as lines to append. */
function subsetItem(subset: string, dash: number, unit: number): string {
  const pad = (n: number) => ' '.repeat(n);
  const name = yamlString(subset);
  return `\n${pad(dash)}- name: ${name}\n${pad(dash + 2)}labels:\n${pad(dash + 2 + unit)}version: ${name}`;
}

/** The edit that adds the subset to `dr`'s `subsets` (creating the list when needed). */
function addToDestinationRule(ctx: FixContext, dr: IndexedResource, subset: string): OffsetEdit | undefined {
  const parsed = ctx.index.get(dr.uri)?.parsed;
  const doc = parsed?.docs[dr.docIndex];
  const spec = doc && mapGet(doc.yaml.contents, 'spec')?.value;
  if (!parsed || !isMap(spec) || spec.flow) return undefined;
  const text = parsed.text;
  const unit = indentUnit(text);
  const pair = mapGet(spec, 'subsets');
  const list = pair?.value;
  if (isSeq(list) && list.items.length > 0) {
    const first = nodeRange(list.items[0]);
    const last = nodeRange(list.items[list.items.length - 1]);
    if (!first || !last) return undefined;
    if (list.flow) return flowAppend(dr.uri, text, nodeRange(list), subset);
    let dash = first[0] - 1;
    while (dash > 0 && text[dash] === ' ') dash--;
    if (text[dash] !== '-') return undefined;
    const at = endOfLastLine(text, last);
    return { uri: dr.uri, start: at, end: at, newText: subsetItem(subset, columnOf(text, dash), unit) };
  }
  const seqIndent = sequenceIndent(text);
  const keyRange = nodeRange(pair?.key);
  if (pair && keyRange) {
    // `subsets:` with nothing (or `[]`) after it: replace the line.
    const end = lineEndOf(text, keyRange[0]);
    const col = columnOf(text, keyRange[0]);
    return { uri: dr.uri, start: keyRange[0], end, newText: `subsets:${subsetItem(subset, col + seqIndent, unit)}` };
  }
  const specRange = nodeRange(spec);
  const firstKey = nodeRange(spec.items[0]?.key);
  if (!specRange || !firstKey) return undefined;
  const col = columnOf(text, firstKey[0]);
  const at = endOfLastLine(text, specRange);
  return { uri: dr.uri, start: at, end: at, newText: `\n${' '.repeat(col)}subsets:${subsetItem(subset, col + seqIndent, unit)}` };
}

function flowAppend(uri: string, text: string, range: [number, number] | undefined, subset: string): OffsetEdit | undefined {
  if (!range || text[range[1] - 1] !== ']') return undefined;
  const at = range[1] - 1;
  return { uri, start: at, end: at, newText: `, {name: ${yamlString(subset)}, labels: {version: ${yamlString(subset)}}}` };
}

/** A new `---` document at the end of this file: a DestinationRule for the host, named after its short name. */
function newDestinationRule(ctx: FixContext, vs: IndexedResource, dest: DestinationRef): OffsetEdit {
  const text = ctx.file.text;
  const unit = indentUnit(text);
  const pad = (n: number) => ' '.repeat(n);
  const host = dest.host.value;
  const name = host.split('.')[0] || host;
  const lines = [
    ...(/(^|\n)---[ \t]*\r?\n?$/.test(text) ? [] : ['---']),
    `apiVersion: networking.istio.io/${vs.version || 'v1'}`,
    'kind: DestinationRule',
    'metadata:',
    `${pad(unit)}name: ${yamlString(name)}`,
    ...(vs.namespaceExplicit ? [`${pad(unit)}namespace: ${vs.namespace}`] : []),
    'spec:',
    `${pad(unit)}host: ${yamlString(host)}`,
    `${pad(unit)}subsets:${subsetItem(dest.subset!.value, unit + sequenceIndent(text), unit)}`,
  ];
  const separator = text === '' || text.endsWith('\n') ? '' : '\n';
  return { uri: ctx.document.uri, start: text.length, end: text.length, newText: `${separator}${lines.join('\n')}\n` };
}

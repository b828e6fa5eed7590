/**
 * Go / Helm templates: detection (detect.ts), the same-length masking the
 * parser reads instead of the template (mask.ts, scan.ts), and which
 * findings of a templated file can be believed (suppress.ts).
 */
export { insideTemplate, isChartTemplateUri, touchesTemplate } from './detect';
export { maskTemplates, type MaskedText, type Span, type TemplateInfo } from './mask';
export { scanActions, type ActionKind, type TemplateAction } from './scan';
export { filterTemplated } from './suppress';

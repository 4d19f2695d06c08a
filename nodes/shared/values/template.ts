import { InvalidSettingError } from '../errors';
import { failure, success, type Result } from '../result';
import type { Escape } from './escape';

/**
 * Message templates an operator edits in a node parameter: "{campaign} ROAS {roas} below {target}".
 * Single braces, so n8n does not mistake them for expressions. An unknown name is reported when the
 * template is compiled, not left in a message someone receives.
 */
export type Render = (values: Record<string, string>) => string;

const PLACEHOLDER = /\{([A-Za-z]+)\}/g;

/** `escape` is applied to every value filled in (see escape.ts), never to the template's own text. */
export function compileTemplate(template: string, names: readonly string[], escape: Escape = (text) => text): Result<Render> {
	const unknown = [...template.matchAll(PLACEHOLDER)].map((match) => match[1]).filter((name) => !names.includes(name));
	if (unknown.length > 0) {
		return failure(
			`{${unknown[0]}} is not a placeholder this node fills; use ${names.map((name) => `{${name}}`).join(', ')}`,
		);
	}
	return success((values) => template.replace(PLACEHOLDER, (_match, name: string) => escape(values[name] ?? '')));
}

/** A template from a node setting: an unknown placeholder is a settings error naming the parameter. */
export function settingTemplate(template: string, names: readonly string[], parameter: string, escape?: Escape): Render {
	const compiled = compileTemplate(template, names, escape);
	if (!compiled.ok) throw new InvalidSettingError(parameter, compiled.problem);
	return compiled.value;
}

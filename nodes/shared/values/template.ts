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

export interface TemplateOptions {
	escape?: Escape;
	/**
	 * Node versions 2 on: a message reads cleanly whatever is empty. A bracket whose placeholders are
	 * all empty is left out ("({from} to {to})" without dates, "[{account}]" without an account), and the spaces an empty value leaves
	 * are closed up ("Spend 100.00 , revenue" reads "Spend 100.00, revenue"). Values stay as they are.
	 */
	tidy?: boolean;
}

/** `escape` is applied to every value filled in (see escape.ts), never to the template's own text. */
export function compileTemplate(template: string, names: readonly string[], options: TemplateOptions = {}): Result<Render> {
	const unknown = [...template.matchAll(PLACEHOLDER)].map((match) => match[1]).filter((name) => !names.includes(name));
	if (unknown.length > 0) {
		return failure(`{${unknown[0]}} is not a placeholder this node fills; use ${names.map((name) => `{${name}}`).join(', ')}`);
	}
	const escape = options.escape ?? ((text: string) => text);
	if (options.tidy) return success(tidyRender(template, escape));
	return success((values) => template.replace(PLACEHOLDER, (_match, name: string) => escape(values[name] ?? '')));
}

/** A template from a node setting: an unknown placeholder is a settings error naming the parameter. */
export function settingTemplate(template: string, names: readonly string[], parameter: string, options?: TemplateOptions): Render {
	const compiled = compileTemplate(template, names, options);
	if (!compiled.ok) throw new InvalidSettingError(parameter, compiled.problem);
	return compiled.value;
}

/** Round or square brackets of the template's own text that hold placeholders, none inside. */
const BRACKET = /\([^()\n]*\)|\[[^[\]\n]*\]/g;
// Stand-ins for the values while the template's own text is tidied (private-use characters).
const VALUE_START = '\uE000';
const VALUE_END = '\uE001';
const STAND_IN = /\uE000(\d+)\uE001/g;

function tidyRender(template: string, escape: Escape): Render {
	const brackets = [...template.matchAll(BRACKET)]
		.map((match) => ({ start: match.index, end: match.index + match[0].length, names: [...match[0].matchAll(PLACEHOLDER)].map((inner) => inner[1]) }))
		.filter((bracket) => bracket.names.length > 0);
	return (values) => {
		const isEmpty = (name: string) => (values[name] ?? '').trim() === '';
		let skeleton = '';
		let from = 0;
		for (const bracket of brackets) {
			if (!bracket.names.every(isEmpty)) continue;
			skeleton += template.slice(from, bracket.start);
			from = bracket.end;
		}
		skeleton += template.slice(from);
		const filled: string[] = [];
		skeleton = skeleton.replace(PLACEHOLDER, (_match, name: string) => {
			if (isEmpty(name)) return '';
			filled.push(escape(values[name]));
			return `${VALUE_START}${filled.length - 1}${VALUE_END}`;
		});
		const tidied = skeleton
			.replace(/[ \t]{2,}/g, ' ')
			.replace(/[ \t]+([,.;:!?)\]])/g, '$1')
			.replace(/([([])[ \t]+/g, '$1')
			.replace(/^[ \t]+|[ \t]+$/gm, '');
		return tidied.replace(STAND_IN, (_match, index: string) => filled[Number(index)]);
	};
}

import { BoundedCache } from './boundedCache';

/** Distinct parameter sets kept per node type; a busy instance rarely has more of one type. */
const ENTRIES_PER_NODE_TYPE = 64;

/** The parameter set holds an expression the settings read resolves: compile on every execution. */
const READ_EVERY_TIME = Symbol('read every time');

export interface ParameterCache<T> {
	readonly entries: BoundedCache<T | typeof READ_EVERY_TIME>;
	/** Whether an expression at this parameter path is left for later (read per item), not resolved by `compile`. */
	readonly readLater: (path: string, typeVersion: number) => boolean;
}

export function parameterCache<T>(readLater: ParameterCache<T>['readLater']): ParameterCache<T> {
	return { entries: new BoundedCache(ENTRIES_PER_NODE_TYPE), readLater };
}

/**
 * What a node compiles from its parameters (settings, matchers, schedules), kept for the next
 * execution with exactly the same parameters, node version and workflow timezone: a webhook path
 * runs one execution per event, and compiling was most of its cost. Any change is a new key, so a
 * changed node compiles afresh. A parameter set with an expression that `compile` resolves (its
 * value may differ from one execution to the next) is compiled every time; a failed compile is not kept.
 * `node` is the node as saved: getExecuteData().node (getNode() makes a deep copy of it).
 */
export function compiledPerParameters<T>(cache: ParameterCache<T>, node: { typeVersion: number; parameters: object }, timezone: string, compile: () => T): T {
	const key = `${node.typeVersion}\u0000${timezone}\u0000${JSON.stringify(node.parameters)}`;
	const kept = cache.entries.get(key);
	if (kept === READ_EVERY_TIME) return compile();
	if (kept !== undefined) return kept;
	if (expressionPaths(node.parameters).some((path) => !cache.readLater(path, node.typeVersion))) {
		cache.entries.set(key, READ_EVERY_TIME);
		return compile();
	}
	const compiled = compile();
	cache.entries.set(key, compiled);
	return compiled;
}

/** Paths (`rules.rule[0].value`) of every parameter written as an expression. */
export function expressionPaths(parameters: object): string[] {
	const paths: string[] = [];
	const visit = (value: unknown, path: string) => {
		if (typeof value === 'string') {
			if (value.startsWith('=')) paths.push(path);
		} else if (Array.isArray(value)) {
			value.forEach((entry, index) => visit(entry, `${path}[${index}]`));
		} else if (value !== null && typeof value === 'object') {
			for (const [key, entry] of Object.entries(value)) visit(entry, path === '' ? key : `${path}.${key}`);
		}
	};
	visit(parameters, '');
	return paths;
}

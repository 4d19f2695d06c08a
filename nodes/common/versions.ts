import type { INodeProperties } from 'n8n-workflow';

/**
 * n8n's `@version` display options, for a parameter that changes in node version 2: saved
 * workflows keep the version-1 form, a node added now shows the new one.
 */
export const VERSION_1_ONLY = { '@version': [1] };
export const FROM_VERSION_2 = { '@version': [{ _cnd: { gte: 2 } }] };

function shownIn(property: INodeProperties, versions: typeof VERSION_1_ONLY | typeof FROM_VERSION_2): INodeProperties {
	return { ...property, displayOptions: { ...property.displayOptions, show: { ...property.displayOptions?.show, ...versions } } };
}

/** The parameter as version 1 had it, and from version 2 on with `changes`. */
export function changedInVersion2(property: INodeProperties, changes: Partial<INodeProperties>): INodeProperties[] {
	return [shownIn(property, VERSION_1_ONLY), shownIn({ ...property, ...changes }, FROM_VERSION_2)];
}

/** A parameter that only exists from version 2 on. */
export function addedInVersion2(property: INodeProperties): INodeProperties {
	return shownIn(property, FROM_VERSION_2);
}

/**
 * From version 2 on, a number that is the same for every row: n8n offers no expression over the
 * item for it (`noDataExpression`), and its hint names where a per-row value goes instead. Version
 * 1 kept the expression and read it once, at the first row.
 */
export function sameForEveryRowFromVersion2(property: INodeProperties, hint: string): INodeProperties[] {
	return changedInVersion2(property, { noDataExpression: true, hint });
}

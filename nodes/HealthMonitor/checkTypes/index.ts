import type { INodeProperties } from 'n8n-workflow';

import { budgetPacing } from './budgetPacing';
import type { CheckTypeEntry } from './checkType';
import { endpoint } from './endpoint';
import { leadVolume } from './leadVolume';
import { metric } from './metric';
import { paymentFailures } from './paymentFailures';

/** Every check type the Health Monitor offers, keyed by its saved value. A new type is one entry here. */
export const CHECK_TYPES = { budgetPacing, endpoint, leadVolume, metric, paymentFailures } satisfies Record<string, CheckTypeEntry>;
export type CheckType = keyof typeof CHECK_TYPES;

const entries = Object.entries(CHECK_TYPES) as Array<[CheckType, CheckTypeEntry]>;

export const isCheckType = (value: unknown): value is CheckType => typeof value === 'string' && Object.prototype.hasOwnProperty.call(CHECK_TYPES, value);

/** The Check Type options, in n8n's alphabetical order. */
export const CHECK_TYPE_OPTIONS = entries
	.map(([value, { option }]) => ({ name: option.name, value, description: option.description }))
	.sort((a, b) => a.name.localeCompare(b.name));

/** Each type's own fields, shown only for that type (on top of any condition of the field's own). */
export const CHECK_TYPE_FIELDS: INodeProperties[] = entries.flatMap(([value, entry]) =>
	entry.fields.map((field) => ({
		...field,
		displayOptions: { ...field.displayOptions, show: { checkType: [value], ...field.displayOptions?.show } },
	})),
);

/** The types that make a request of their own instead of reading the items (the endpoint check). */
export const REQUESTING_CHECK_TYPES = entries.filter(([, entry]) => entry.request !== undefined).map(([value]) => value);

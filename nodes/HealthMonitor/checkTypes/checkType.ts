import type { IDataObject, INodeProperties } from 'n8n-workflow';

import type { CheckSpec } from '../../shared/health/evaluate';
import type { EndpointSpec } from './endpoint';
import type { Thresholds } from '../../shared/health/thresholds';
import type { ParseOptions } from '../../shared/values/number';

// n8n evaluates the checks once per run, at the first item: a threshold cannot differ per item.
export const SAME_FOR_EVERY_SERIES = 'One value for every series of this check; an expression is read once per run, at the first item';

/** One check as saved in the node's Checks parameter. */
export type RawCheck = IDataObject & { name?: string; checkType?: string; options?: IDataObject };

/** What a check type's reader gets: the saved check and helpers that name its fields in errors. */
export interface CheckReading {
	raw: RawCheck;
	name: string;
	/** The check's When to Alert (Options). */
	options: IDataObject;
	workflowZone: string;
	numbers: ParseOptions;
	/** "Checks › name › field", the field as the panel shows it. */
	parameter: (field: string) => string;
	/** A threshold field's number; undefined when empty (version 2: an error when not a number). */
	number: (key: string) => number | undefined;
	/** The thresholds with the check's recovery margin, checked for contradictions. */
	thresholds: (values: Omit<Thresholds, 'margin'>) => Thresholds;
}

/** What a check type adds to the parts every check has (name, series, alert timing). */
export type CheckTypeSpec = Pick<CheckSpec, 'label' | 'unit' | 'source' | 'thresholds'>;

/**
 * One check type, all in one place: the option in Check Type, the fields only it shows (the
 * registry adds the `checkType` condition) and how its saved fields are read.
 */
export interface CheckTypeEntry {
	option: { name: string; description: string };
	fields: INodeProperties[];
	read: (reading: CheckReading) => CheckTypeSpec;
	/** For a type observed by a request of the node's own instead of the items (the endpoint check): what to request. */
	request?: (raw: RawCheck, name: string) => EndpointSpec;
}

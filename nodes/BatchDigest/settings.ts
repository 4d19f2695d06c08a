import { IANAZone } from 'luxon';
import type { IExecuteFunctions } from 'n8n-workflow';

import { InvalidSettingError } from '../shared/errors';
import { DIGEST_BUDGETS, MIN_BUDGET, type DigestBudget } from '../shared/digest/budgets';
import type { DigestSettings } from '../shared/digest/digest';
import { compileLineTemplate } from '../shared/digest/lineTemplate';
import { settingFieldReader } from '../shared/values/fieldPath';
import { readMessageEscape } from '../common/messageFormat';

interface RawOptions {
	groupField?: string;
	moneyField?: string;
	moneyLabel?: string;
	periodField?: string;
	sortField?: string;
	sortDescending?: boolean;
	timezone?: string;
}

/** Reads the parameters once per execution; anything unusable names the parameter. */
export function readDigestSettings(context: IExecuteFunctions): DigestSettings {
	const budgetChoice = context.getNodeParameter('budget', 0, 'slackMessage') as DigestBudget;
	const budget = budgetChoice === 'custom' ? Number(context.getNodeParameter('maxCharacters', 0, 4000)) : DIGEST_BUDGETS[budgetChoice];
	if (!Number.isFinite(budget) || budget < MIN_BUDGET)
		throw new InvalidSettingError('Maximum Characters', `must be at least ${MIN_BUDGET}, to hold the title, the summary and a line`);
	const title = String(context.getNodeParameter('title', 0, 'Batch digest')).trim() || 'Batch digest';
	if (title.length > budget / 4)
		throw new InvalidSettingError('Title', `is ${title.length} characters long; keep it under a quarter of the message size (${Math.floor(budget / 4)})`);
	const options = context.getNodeParameter('options', 0, {}) as RawOptions;
	const field = (value: string | undefined, parameter: string) => {
		const trimmed = (value ?? '').trim();
		return trimmed === '' ? undefined : { field: trimmed, read: settingFieldReader(trimmed, parameter) };
	};
	const idField = field(String(context.getNodeParameter('idField', 0, 'id')), 'ID Field');
	if (!idField) throw new InvalidSettingError('ID Field', 'is empty: name the field that identifies each item, such as id');
	const zone = (options.timezone ?? '').trim() || context.getTimezone();
	if (!IANAZone.isValidZone(zone)) throw new InvalidSettingError('Options › Timezone', `"${zone}" is not a timezone; use a name such as Europe/Berlin`);
	const group = field(options.groupField, 'Options › Count By Field');
	const money = field(options.moneyField, 'Options › Money Field');
	const period = field(options.periodField, 'Options › Period Field');
	const sort = field(options.sortField, 'Options › Sort By Field');
	const overflow = context.getNodeParameter('overflow', 0, 'split') === 'top' ? 'top' : 'split';
	const escape = readMessageEscape(context);
	return {
		title,
		line: compileLineTemplate(String(context.getNodeParameter('line', 0, '')), 'Line', escape),
		id: idField,
		group: group && { ...group, label: `By ${group.field}` },
		money: money && { ...money, label: (options.moneyLabel ?? '').trim() || 'Money at stake' },
		period: period && { ...period, zone },
		sort: sort && { read: sort.read, descending: options.sortDescending === true },
		budget,
		overflow,
		escape,
		maxLines: overflow === 'top' ? Math.max(0, Math.floor(Number(context.getNodeParameter('maxLines', 0, 0)) || 0)) : 0,
	};
}

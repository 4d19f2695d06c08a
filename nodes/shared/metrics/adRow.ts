import { InvalidItemValueError, InvalidSettingError } from '../errors';
import { describeValue } from '../values/describe';
import { settingFieldReader, type FieldReader } from '../values/fieldPath';
import { isAbsent } from '../values/absent';
import { parseDecimal, STRICT_NUMBERS, type DecimalSeparator, type ParseOptions } from '../values/number';

/**
 * One row of ad performance, whatever it came from: spend and value in micros (millionths of the
 * currency unit, as Google Ads reports cost) so that sums are exact, conversions as a number.
 */
export interface AdRow {
	accountId: string;
	campaignId: string;
	campaignName: string;
	date: string;
	/** The last day the row covers: the same as `date` for a daily row. */
	dateTo: string;
	spendMicros: number;
	valueMicros: number;
	conversions: number;
	currency: string;
	period: string;
	target?: number;
}

export type InputFormat = 'auto' | 'fields' | 'meta' | 'googleAds';

/** Where each figure lives when rows come from a sheet, a webhook or the Ad Metrics node. */
export interface FieldMapping {
	campaign: string;
	account: string;
	spend: string;
	value: string;
	conversions: string;
	currency: string;
	date: string;
	period: string;
	target: string;
}

export interface RowReaderSettings {
	format: InputFormat;
	mapping: FieldMapping;
	/** Which figures the metric needs: a missing one is an error; the others count as 0 when absent. */
	needs: { value: boolean; conversions: boolean };
	metaActionType: string;
	decimalSeparator: DecimalSeparator;
	defaultCurrency: string;
	/**
	 * Version 2 of the ROAS Calculator and the CPA Tracker: group separators only in groups of three,
	 * a list or object in a text field (campaign, account, currency, date) is an error instead of an
	 * empty value, currency codes are upper-cased ("usd" and "USD" are one currency), and an amount
	 * whose currency sign or code contradicts the row's currency is an error.
	 */
	strict?: boolean;
}

/**
 * Reads one item into `row`, overwriting every field. Rows are read into one reused object and
 * added to their group straight away, so 100,000 rows allocate nothing per row.
 */
export type RowReader = (json: Record<string, unknown>, row: AdRow) => void;

export function emptyRow(): AdRow {
	return {
		accountId: '',
		campaignId: '',
		campaignName: '',
		date: '',
		dateTo: '',
		spendMicros: 0,
		valueMicros: 0,
		conversions: 0,
		currency: '',
		period: '',
		target: undefined,
	};
}

const MICROS = 1_000_000;

export function createRowReader(settings: RowReaderSettings): RowReader {
	const readLabels = createLabelReader(settings);
	const readMapped = createMappedReader(settings, readLabels);
	const readMeta = createMetaReader(settings, readLabels);
	const readGoogle = createGoogleAdsReader(readLabels, settings.strict === true);
	switch (settings.format) {
		case 'fields':
			return readMapped;
		case 'meta':
			return readMeta;
		case 'googleAds':
			return readGoogle;
		default:
			return (json, row) => {
				if (json.metrics !== undefined && isObject(json.metrics)) readGoogle(json, row);
				else if (json.date_start !== undefined || json.actions !== undefined || json.action_values !== undefined) readMeta(json, row);
				else readMapped(json, row);
			};
	}
}

type LabelReader = (json: Record<string, unknown>, row: AdRow) => void;

interface MappedField {
	path: string;
	read: FieldReader;
}

/** An empty path means "not mapped"; a broken one is a settings error naming the parameter. */
function mappedField(path: string, parameter: string): MappedField | undefined {
	if (path.trim() === '') return undefined;
	return { path: path.trim(), read: settingFieldReader(path, parameter) };
}

/** Everything but the figures, from the mapped fields: the platform readers override what they know. */
function createLabelReader(settings: RowReaderSettings): LabelReader {
	const { mapping, decimalSeparator } = settings;
	const campaign = mappedField(mapping.campaign, 'Campaign Field');
	const account = mappedField(mapping.account, 'Account Field');
	const currency = mappedField(mapping.currency, 'Currency Field');
	const date = mappedField(mapping.date, 'Date Field');
	const period = mappedField(mapping.period, 'Period Field');
	const target = mappedField(mapping.target, 'Target Field');
	const parse: ParseOptions = settings.strict ? STRICT_NUMBERS : {};
	const label = settings.strict ? scalarText : (value: unknown) => text(value);
	const defaultCurrency = settings.strict ? settings.defaultCurrency.toUpperCase() : settings.defaultCurrency;
	const readCurrency = settings.strict ? (value: unknown, path: string) => scalarText(value, path).toUpperCase() : (value: unknown) => text(value);
	return (json, row) => {
		// The row object is reused: a label that fails to read must not leave the previous row's group in it.
		row.campaignId = row.accountId = '';
		row.campaignName = campaign ? label(campaign.read(json), campaign.path) : '';
		row.campaignId = row.campaignName;
		row.accountId = account ? label(account.read(json), account.path) : '';
		row.date = date ? label(date.read(json), date.path) : '';
		// Rows from the Ad Metrics node cover a period: { from, to }.
		row.dateTo = isObject(json.period) ? text(json.period.to) || row.date : row.date;
		row.currency = (currency ? readCurrency(currency.read(json), currency.path) : '') || defaultCurrency;
		row.period = period ? label(period.read(json), period.path) : '';
		row.target = target ? optionalNumber(target.read(json), target.path, decimalSeparator, parse) : undefined;
	};
}

function createMappedReader(settings: RowReaderSettings, readLabels: LabelReader): RowReader {
	const { mapping, needs, decimalSeparator } = settings;
	const parse: ParseOptions = settings.strict ? STRICT_NUMBERS : {};
	const money: Parse = settings.strict
		? (raw, path, row) => {
				checkAmountCurrency(raw, path, row.currency);
				return toMicros(raw, path, decimalSeparator, parse);
			}
		: (raw, path) => toMicros(raw, path, decimalSeparator);
	const count: Parse = (raw, path) => toCount(raw, path, decimalSeparator, parse);
	const blank = parse.blankIsMissing === true;
	const readSpend = figureReader(mapping.spend, 'Spend Field', money, true, blank);
	const readValue = figureReader(mapping.value, 'Conversion Value Field', money, needs.value, blank);
	const readConversions = figureReader(mapping.conversions, 'Conversions Field', count, needs.conversions, blank);
	return (json, row) => {
		readLabels(json, row);
		row.spendMicros = readSpend(json, row);
		row.valueMicros = readValue(json, row);
		row.conversions = readConversions(json, row);
	};
}

type Parse = (raw: unknown, path: string, row: AdRow) => number;

/**
 * Reads one figure from mapped rows. A figure the metric needs must be on every row; one it does
 * not need counts as 0 where absent but is still checked where present.
 */
function figureReader(path: string, parameter: string, parse: Parse, required: boolean, blankIsMissing: boolean): (json: unknown, row: AdRow) => number {
	const field = mappedField(path, parameter);
	if (!field) {
		if (required) throw new InvalidSettingError(parameter, 'is empty; name the field that holds this figure');
		return () => 0;
	}
	if (required) return (json, row) => parse(present(field.read(json), field.path, blankIsMissing), field.path, row);
	return (json, row) => {
		const raw = field.read(json);
		return isAbsent(raw, blankIsMissing) ? 0 : parse(raw, field.path, row);
	};
}

/**
 * Meta Marketing API insights rows: `spend` as text; purchases under `actions` and their value
 * under `action_values`, as lists of {action_type, value}. The same purchase is listed under
 * several action types, so exactly one type is read, never their sum.
 */
function createMetaReader(settings: RowReaderSettings, readLabels: LabelReader): RowReader {
	const actionType = settings.metaActionType.trim();
	const strict = settings.strict === true;
	return (json, row) => {
		readLabels(json, row);
		row.accountId = text(json.account_id) || row.accountId;
		row.campaignId = text(json.campaign_id) || row.campaignId;
		row.campaignName = text(json.campaign_name) || row.campaignName;
		row.date = text(json.date_start) || row.date;
		row.dateTo = text(json.date_stop) || row.date;
		row.currency = text(json.account_currency) || row.currency;
		row.spendMicros = toMicros(present(json.spend, 'spend', strict), 'spend', '.');
		row.valueMicros = toMicros(actionValue(json.action_values, actionType, 'action_values', strict), 'action_values', '.');
		row.conversions = toCount(actionValue(json.actions, actionType, 'actions', strict), 'actions', '.');
	};
}

function actionValue(list: unknown, actionType: string, field: string, strict: boolean): unknown {
	if (list === undefined || list === null) return 0;
	if (!Array.isArray(list)) {
		throw new InvalidItemValueError(field, `is ${describeValue(list)}; Meta sends a list of {action_type, value}`);
	}
	for (const entry of list) {
		if (!isObject(entry) || entry.action_type !== actionType) continue;
		// Version 1 said `"action_values" in item 0 is empty, which is not an amount`.
		if (strict && isAbsent(entry.value, true)) throw new InvalidItemValueError(field, `has no value in its "${actionType}" entry`);
		return entry.value;
	}
	return 0;
}

/**
 * Google Ads API rows (searchStream results): `metrics.costMicros` as text in millionths,
 * `metrics.conversions`, `metrics.conversionsValue`, `segments.date`, `campaign`, `customer`.
 */
function createGoogleAdsReader(readLabels: LabelReader, blankIsMissing: boolean): RowReader {
	return (json, row) => {
		readLabels(json, row);
		const metrics = isObject(json.metrics) ? json.metrics : {};
		const campaign = isObject(json.campaign) ? json.campaign : {};
		const customer = isObject(json.customer) ? json.customer : {};
		const segments = isObject(json.segments) ? json.segments : {};
		// Who the row is about comes first: a row with a bad figure still names its campaign.
		row.accountId = text(customer.id) || row.accountId;
		row.campaignId = text(campaign.id) || row.campaignId;
		row.campaignName = text(campaign.name) || row.campaignName;
		row.date = text(segments.date) || row.date;
		row.dateTo = text(segments.date) || row.dateTo;
		row.currency = text(customer.currencyCode) || row.currency;
		const costMicros = present(metrics.costMicros, 'metrics.costMicros', blankIsMissing);
		const spendMicros = parseDecimal(costMicros, '.');
		if (!Number.isInteger(spendMicros) || spendMicros < 0) {
			throw new InvalidItemValueError('metrics.costMicros', `is ${describeValue(costMicros)}, which is not a whole number of micros`);
		}
		row.spendMicros = spendMicros;
		row.valueMicros = toMicros(metrics.conversionsValue ?? 0, 'metrics.conversionsValue', '.');
		row.conversions = toCount(metrics.conversions ?? 0, 'metrics.conversions', '.');
	};
}

function present(value: unknown, path: string, blankIsMissing = false): unknown {
	if (isAbsent(value, blankIsMissing)) {
		throw new InvalidItemValueError(path, 'is missing; every row needs it (use 0 for none)');
	}
	return value;
}

/** A money amount in micros; negative, NaN, Infinity and text that is not a number are errors. */
export function toMicros(value: unknown, field: string, decimalSeparator: DecimalSeparator, options: ParseOptions = {}): number {
	const amount = parseDecimal(value, decimalSeparator, options);
	if (!Number.isFinite(amount)) throw new InvalidItemValueError(field, `is ${describeValue(value)}, which is not an amount`);
	if (amount < 0) throw new InvalidItemValueError(field, `is ${describeValue(value)}; an amount cannot be negative`);
	return Math.round(amount * MICROS);
}

function toCount(value: unknown, field: string, decimalSeparator: DecimalSeparator, options: ParseOptions = {}): number {
	const count = parseDecimal(value, decimalSeparator, options);
	if (!Number.isFinite(count)) throw new InvalidItemValueError(field, `is ${describeValue(value)}, which is not a number`);
	if (count < 0) throw new InvalidItemValueError(field, `is ${describeValue(value)}; a count cannot be negative`);
	return count;
}

function optionalNumber(value: unknown, field: string, decimalSeparator: DecimalSeparator, options: ParseOptions): number | undefined {
	if (isAbsent(value, options.blankIsMissing)) return undefined;
	const number = parseDecimal(value, decimalSeparator, options);
	if (!Number.isFinite(number) || number < 0) {
		throw new InvalidItemValueError(field, `is ${describeValue(value)}, which is not a usable target`);
	}
	return number;
}

export const fromMicros = (micros: number) => micros / MICROS;

function text(value: unknown): string {
	if (typeof value === 'string') return value.trim();
	if (typeof value === 'number' || typeof value === 'bigint') return String(value);
	return '';
}

/** A text field of a row: one value, never a list or an object quietly read as nothing. */
function scalarText(value: unknown, field: string): string {
	if (typeof value === 'object' && value !== null) {
		throw new InvalidItemValueError(field, `is ${describeValue(value)}, ${Array.isArray(value) ? 'a list' : 'an object'}; it must be a single value`);
	}
	return text(value);
}

/** Currency signs that name one currency; "$" and "¥" name several and are not checked. */
const SIGN_CURRENCIES: Record<string, string> = { '€': 'EUR', '£': 'GBP', '₹': 'INR', '₩': 'KRW', '₽': 'RUB' };

/** "€12" on a USD row is an error: the amount was written in another currency than the row says. */
function checkAmountCurrency(raw: unknown, field: string, rowCurrency: string): void {
	if (typeof raw !== 'string' || rowCurrency === '') return;
	const written = raw.trim();
	const code = /^[+-]?\s*([A-Za-z]{3})\b/.exec(written)?.[1] ?? /\b([A-Za-z]{3})$/.exec(written)?.[1];
	const sign = /[€£₹₩₽]/.exec(written)?.[0];
	const named = code?.toUpperCase() ?? (sign === undefined ? undefined : SIGN_CURRENCIES[sign]);
	if (named !== undefined && named !== rowCurrency) {
		throw new InvalidItemValueError(field, `is ${describeValue(raw)}, an amount in ${named}, but the row's currency is ${rowCurrency}`);
	}
}

function isObject(value: unknown): value is Record<string, unknown> {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

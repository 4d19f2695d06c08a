/**
 * The router's promise, fuzzed through n8n's real engine: random items (nested objects, missing
 * fields, numbers as text, unicode, null, lists, booleans, dates, very long texts) through random
 * Latency Classifier configurations (all three modes, every operator, ready-made rules, schedules,
 * decision record on and off, every "On Error" setting), from a fixed seed.
 *
 * Every run must either
 *   - put every input item on exactly one output (Real-Time, Batch, or the error output), its data
 *     unchanged except for the decision record (or, for an item that could not be judged, its
 *     `error`), with a well-formed record that agrees with the output it is on; or
 *   - stop with an error that names the item index and the field, or the parameter.
 * Anything else is a violation, and the test fails on the first run that has one.
 *
 * RELIABILITY_SEED and RELIABILITY_FUZZ_RUNS replay or widen the search; the figures recorded
 * for the summary are those of the default seed.
 */
'use strict';

const { runWorkflow, triggerThenNode } = require('../engine/harness');
const { createRandom } = require('./random');
const { record } = require('./figures');

const SEED = Number(process.env.RELIABILITY_SEED ?? 20261127);
const RUNS = Number(process.env.RELIABILITY_FUZZ_RUNS ?? 2500);
/** RELIABILITY_FUZZ_REPLAY=<run> runs only that run of the seed, to look at one failure. */
const REPLAY = process.env.RELIABILITY_FUZZ_REPLAY === undefined ? undefined : Number(process.env.RELIABILITY_FUZZ_REPLAY);
const CLASSIFIER = 'Latency Classifier';
const PRESET_IDS = [
	'newLead',
	'budgetAlert',
	'systemDown',
	'paymentFailed',
	'customerRequest',
	'reporting',
	'dataEnrichment',
	'backup',
	'logArchival',
	'dataSync',
];
const PRESET_LABELS = {
	newLead: 'New lead or form submission',
	budgetAlert: 'Budget exceeded',
	systemDown: 'System down',
	paymentFailed: 'Payment failed',
	customerRequest: 'VIP or time-sensitive customer request',
	reporting: 'Reporting',
	dataEnrichment: 'Data enrichment',
	backup: 'Backup',
	logArchival: 'Log archival',
	dataSync: 'Data sync',
};
const OPERATORS = [
	'equals',
	'notEquals',
	'contains',
	'notContains',
	'startsWith',
	'endsWith',
	'isOneOf',
	'isNotOneOf',
	'greaterThan',
	'greaterThanOrEqual',
	'lessThan',
	'lessThanOrEqual',
	'exists',
	'notExists',
];
const NUMBER_OPERATORS = ['greaterThan', 'greaterThanOrEqual', 'lessThan', 'lessThanOrEqual'];
const DELAY_COSTS = ['nothing', 'money', 'trust', 'moneyAndTrust'];
const TIMEZONES = ['', 'UTC', 'Europe/Berlin', 'America/New_York', 'Asia/Kolkata', 'Pacific/Chatham', 'Australia/Lord_Howe', 'America/Sao_Paulo'];
/** Moments the runs happen at: ordinary ones, daylight-saving changes, the turn of a year, a leap day. */
const MOMENTS = [
	'2026-11-27T10:00:00Z',
	'2026-03-29T00:59:59Z',
	'2026-10-25T00:30:00Z',
	'2026-11-01T05:30:00Z',
	'2026-12-31T23:59:59Z',
	'2028-02-29T12:00:00Z',
	'2026-06-15T05:59:00Z',
];
const PARAMETER_ERROR =
	/^(Timezone|Run At|Run Every|Cron Expression|Event Type Field|Amount Field|Due Date Field|Required Fields|Custom Rules › Rule "[^"]*"(?: › Field)?): \S/;

// ---------------------------------------------------------------------------------------------
// Random values

const EVENT_TYPES = [
	'new_lead',
	'Lead Created',
	'form_submitted',
	'contactForm',
	'demo request',
	'signup',
	'invoice.payment_failed',
	'card_declined',
	'chargeback',
	'budget_exceeded',
	'over budget',
	'system_down',
	'OUTAGE',
	'incident',
	'vip_ticket',
	'urgent',
	'escalation',
	'weekly_report',
	'daily-report',
	'analytics',
	'digest',
	'lead_enrichment',
	'enrich',
	'database_backup',
	'snapshot',
	'log_rotation',
	'crm_sync',
	'etl',
	'page_view',
	'İNCİDENT',
	'straße',
	'🔥 outage 🔥',
	'payment\u200bfailed',
	'ПЛАТЕЖ',
	'مرحبا',
	'',
	' ',
	'lead\u0000created',
	'e\u0301vent',
];
const TEXT_PIECES = [
	'a',
	'Z',
	'vip',
	'VIP',
	'enterprise',
	' ',
	',',
	'.',
	'İ',
	'ı',
	'ß',
	'ẞ',
	'🔥',
	'👍🏽',
	'e\u0301',
	'مرحبا',
	'\u200b',
	'\u0000',
	'\ud800',
	'"',
	'\\',
	'{{',
	'}}',
	'$json',
	'\n',
	'null',
	'true',
	'0',
];
const KEYS = [
	'a',
	'b',
	'x y',
	'ключ',
	'🔥',
	'',
	' ',
	'a.b',
	'0',
	'123',
	'constructor',
	'toString',
	'__proto__',
	'error',
	'message',
	'details',
	'latency',
	'json',
	'pairedItem',
	'length',
	'route',
];

function setKey(object, key, value) {
	// An own "__proto__" key, as JSON.parse makes it, not a prototype change.
	Object.defineProperty(object, key, { value, enumerable: true, writable: true, configurable: true });
}

function randomText(r) {
	return r.weighted([
		[6, () => Array.from({ length: r.between(1, 12) }, () => r.pick(TEXT_PIECES)).join('')],
		[3, () => r.pick(EVENT_TYPES)],
		[1, () => r.pick(['x', 'lead ', '🔥']).repeat(r.pick([1_000, 20_000, 100_000]))],
	])();
}

function numberLike(r) {
	return r.weighted([
		[6, () => r.between(0, 2000)],
		[3, () => Math.round(r.next() * 1e6) / 100],
		[1, () => -r.between(1, 500)],
		[3, () => r.pick(['1,250.00', '$99', '1.234,50 €', ' 42 ', '1e3', '0x10', '-5', 'EUR 12.5', '12.5.1', '150', '0.1', '', '  ', '5 apples'])],
		[
			1,
			() => r.pick([Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY, -0, 0, 1e21, 1e300, Number.MAX_SAFE_INTEGER + 2, 5e-324, Number.MAX_VALUE]),
		],
		[1, () => r.pick(['NaN', 'Infinity', '-Infinity', 'lots', 'n/a', '1e400', '9'.repeat(400)])],
		[1, () => anyValue(r, 1)],
	])();
}

function dateLike(r, atMs) {
	const when = atMs + Math.round((r.next() - 0.3) * 3 * 86_400_000);
	const iso = new Date(when).toISOString();
	return r.weighted([
		[3, () => iso],
		[1, () => iso.replace('Z', r.pick(['+05:30', '-08:00', '+13:45']))],
		[1, () => iso.slice(0, 19)],
		[1, () => iso.slice(0, 16).replace('T', ' ')],
		[1, () => iso.slice(0, 10)],
		[1, () => new Date(when).toUTCString()],
		[1, () => Math.floor(when / 1000)],
		[1, () => when],
		[1, () => String(Math.floor(when / 1000))],
		[1, () => new Date(when)],
		[
			2,
			() =>
				r.pick([
					'2026-02-30',
					'next tuesday',
					'',
					'   ',
					'2026-13-01T00:00:00Z',
					'99999999999999999',
					1e20,
					-1,
					0,
					Number.NaN,
					new Date('nope'),
					'24:00',
					'2026-11-27T25:00:00Z',
					'null',
					'1e5',
					-8.64e15,
					8.7e15,
				]),
		],
		[1, () => anyValue(r, 1)],
	])();
}

function anyValue(r, depth) {
	return r.weighted([
		[2, () => null],
		[1, () => undefined],
		[2, () => r.chance(0.5)],
		[3, () => numberLike(r)],
		[4, () => randomText(r)],
		[1, () => dateLike(r, Date.parse(r.pick(MOMENTS)))],
		[depth > 0 ? 2 : 0, () => Array.from({ length: r.between(0, 4) }, () => anyValue(r, depth - 1))],
		[depth > 0 ? 2 : 0, () => randomObject(r, depth - 1)],
	])();
}

function randomObject(r, depth) {
	const object = {};
	for (let count = r.between(0, 4); count > 0; count--) setKey(object, r.pick(KEYS), anyValue(r, depth));
	return object;
}

/** Fields the rules read, each usually holding the kind of value it should. */
function randomItem(r, atMs) {
	if (r.chance(0.02)) return r.pick([{}, { error: 'upstream node failed' }, { error: 'x', message: 'y' }]);
	const item = {};
	const maybe = (key, make) => {
		if (r.chance(0.55)) setKey(item, key, r.chance(0.8) ? make() : anyValue(r, 2));
	};
	maybe('eventType', () => (r.chance(0.9) ? r.pick(EVENT_TYPES) : r.pick([null, 42, true, ['new_lead', 'backup'], [], { type: 'x' }])));
	maybe('event', () => ({ type: r.pick(EVENT_TYPES) }));
	maybe('amount', () => numberLike(r));
	maybe('dealValue', () => numberLike(r));
	maybe('cost', () => numberLike(r));
	maybe('limit', () => numberLike(r));
	maybe('dueAt', () => dateLike(r, atMs));
	maybe('due', () => dateLike(r, atMs));
	maybe('meta', () => ({ due: dateLike(r, atMs), source: randomText(r) }));
	maybe('customer', () => ({ tier: r.pick(['vip', 'VIP', 'enterprise', 'basic', '', null, 'Vİp', ['vip', 'basic'], [['vip']]]), name: randomText(r) }));
	maybe('tags', () => Array.from({ length: r.between(0, 4) }, () => r.pick(['vip', 'urgent', 'b2b', '', null, 5, ['nested']])));
	maybe('priority', () => r.pick(['high', 'low', 'urgent', 'HIGH', 1, 0, true, '']));
	maybe('country', () => r.pick(['US', 'us', 'DE', 'TR', 'İT', '', null]));
	maybe('lines', () => Array.from({ length: r.between(0, 3) }, () => ({ sku: randomText(r), qty: numberLike(r) })));
	maybe('field with spaces', () => randomText(r));
	for (let extra = r.between(0, 3); extra > 0; extra--) setKey(item, r.pick(KEYS), anyValue(r, 3));
	return item;
}

// ---------------------------------------------------------------------------------------------
// Random configurations

const RULE_FIELDS = [
	'eventType',
	'event.type',
	'amount',
	'dealValue',
	'cost',
	'customer.tier',
	'customer',
	'tags',
	'priority',
	'country',
	'lines[0].sku',
	'lines[1].qty',
	'["field with spaces"]',
	' amount ',
	'missing.field',
	'constructor',
	'toString',
	'__proto__',
	'tags.length',
];
const CONDITIONS = [
	'={{ $json.amount > 1000 }}',
	'={{ $json.country === "US" }}',
	'={{ $json.priority }}',
	'={{ $json.customer.tier === "vip" }}',
	'={{ Array.isArray($json.tags) && $json.tags.includes("vip") }}',
	'={{ $json.amount }}',
	true,
	false,
];

function randomRuleValue(r, operator) {
	if (operator === 'exists' || operator === 'notExists') return '';
	if (r.chance(0.12)) return r.pick(['={{ $json.limit }}', '={{ $json.country }}', '={{ $json.customer }}', '={{ $json.tags }}']);
	if (NUMBER_OPERATORS.includes(operator)) {
		return r.chance(0.95) ? r.pick(['100', '1,000', '$5', '0', '-3', '2.5', '1e3', ' 150 ']) : r.pick(['high', '', 'NaN']);
	}
	if (operator === 'isOneOf' || operator === 'isNotOneOf') return r.pick(['vip, enterprise', 'new_lead,backup', '', ' , ', 'İSTANBUL, ß', 'US\nDE', 'urgent']);
	return r.chance(0.7) ? r.pick(['vip', 'VIP', 'lead', 'US', '100', 'new_lead', '🔥', 'İ', 'ß', '', ' ']) : randomText(r);
}

function randomRule(r) {
	const rule = { name: r.pick(['', 'VIP', 'Big order', 'Règle ünicode 🔥', '  padded  ', 'Rule 1', 'x'.repeat(300)]), delayCost: r.pick(DELAY_COSTS) };
	if (r.chance(0.1)) return { ...rule, conditionType: 'expression', condition: r.pick(CONDITIONS) };
	const operator = r.pick(OPERATORS);
	return { ...rule, conditionType: r.pick(['field', undefined]), field: r.pick(RULE_FIELDS), operator, value: randomRuleValue(r, operator) };
}

function randomSchedule(r) {
	const kind = r.pick(['daily', 'interval', 'cron', undefined]);
	const schedule = kind === undefined ? {} : { scheduleKind: kind };
	if (kind === 'daily' || kind === undefined) {
		if (r.chance(0.7)) schedule.runAt = r.chance(0.97) ? r.pick(['06:00', '00:00', '23:59', '2:30', ' 12:15 ']) : r.pick(['25:00', '6am', '']);
	} else if (kind === 'interval') {
		schedule.runEveryUnit = r.pick(['minutes', 'hours']);
		schedule.runEvery = r.chance(0.97) ? r.between(1, schedule.runEveryUnit === 'minutes' ? 59 : 23) : r.pick([0, 60, 1.5, -1]);
	} else {
		schedule.cronExpression = r.chance(0.95)
			? r.pick(['0 6 * * *', '*/15 * * * *', '0 9 * * MON-FRI', '30 2 1 * *', '0 0 29 2 *', '0 0 6 * * *', '0 12 13 * 5', '5,35 8-18/2 * JAN,JUL *'])
			: r.pick(['0 6 * *', '0 25 * * *', '0 0 30 2 *', 'every day', '']);
	}
	schedule.timezone = r.chance(0.98) ? r.pick(TIMEZONES) : r.pick(['Mars/Olympus', 'utc+2']);
	return schedule;
}

function randomConfiguration(r) {
	const mode = r.weighted([
		[5, 'rules'],
		[2, 'costOfDelay'],
		[2, 'deadline'],
	]);
	const parameters = { ...randomSchedule(r) };
	if (mode !== 'rules' || r.chance(0.3)) parameters.mode = mode;
	if (mode === 'rules') {
		const rules = Array.from(
			{
				length: r.weighted([
					[2, 0],
					[3, 1],
					[3, 2],
					[2, 3],
					[1, 5],
				]),
			},
			() => randomRule(r),
		);
		if (rules.length > 0) parameters.rules = { rule: rules };
		if (r.chance(0.6)) parameters.readyMadeRules = r.chance(0.3) ? [] : r.subset(PRESET_IDS, 0.6);
		if (r.chance(0.4))
			parameters.eventTypeField = r.chance(0.95) ? r.pick(['eventType', 'event.type', ' eventType ', 'missing', 'customer']) : r.pick(['', 'a[0']);
		if (r.chance(0.5)) parameters.noMatchRoute = r.pick(['batch', 'realTime']);
	} else if (mode === 'costOfDelay') {
		if (r.chance(0.15)) {
			parameters.costSource = 'expression';
			parameters.costExpression = r.pick(['={{ $json.dealValue * 0.1 }}', '={{ $json.cost }}', '={{ $json.amount * $json.limit }}', 42]);
		} else {
			if (r.chance(0.8)) parameters.costField = r.chance(0.97) ? r.pick(['dealValue', 'cost', 'amount', 'lines[0].qty', ' cost ']) : r.pick(['', 'x[']);
			if (r.chance(0.7)) parameters.costMultiplier = r.pick([1, 0.1, 0, 2.5, 0.0001, 1e6]);
		}
		if (r.chance(0.8)) parameters.costThreshold = r.pick([0, 10, 100, 5000, 1e9]);
	} else {
		if (r.chance(0.8)) parameters.deadlineField = r.chance(0.97) ? r.pick(['dueAt', 'due', 'meta.due', ' due ']) : r.pick(['', 'due[']);
		if (r.chance(0.6)) parameters.marginMinutes = r.pick([0, 15, 120, 1440]);
	}
	const options = {};
	if (r.chance(0.2)) options.includeDecision = false;
	else if (r.chance(0.1)) options.includeDecision = true;
	if (r.chance(0.35))
		options.decisionField = r.pick([
			'latency',
			'route',
			'décision 🔥',
			'',
			' ',
			' padded ',
			'a.b',
			'error',
			'message',
			'details',
			'eventType',
			'__proto__',
			'constructor',
		]);
	if (r.chance(0.3)) options.caseSensitive = r.chance(0.5);
	if (r.chance(0.15))
		options.requiredFields = r.chance(0.97)
			? r.pick(['eventType', 'eventType, customer.tier', ' dueAt ,amount', '', ' , ', 'constructor', 'lines[0].sku\ncountry'])
			: 'a[0';
	if (Object.keys(options).length > 0 || r.chance(0.5)) parameters.options = options;
	const onError = r.pick(['stopWorkflow', 'continueRegularOutput', 'continueErrorOutput']);
	return { mode, parameters, onError };
}

/** What the configuration means, read the way the node documents it. */
function expectations(configuration) {
	const { mode, parameters } = configuration;
	const options = parameters.options ?? {};
	const decisionField = options.includeDecision === false ? undefined : (options.decisionField ?? '').trim() || 'latency';
	const itemFields = new Set();
	const rules = (parameters.rules?.rule ?? []).map((rule, index) => ({ ...rule, displayName: (rule.name ?? '').trim() || `Rule ${index + 1}` }));
	if (mode === 'rules') {
		for (const rule of rules) {
			if (rule.conditionType === 'expression') itemFields.add(`${rule.displayName} › Condition`);
			else {
				itemFields.add(rule.field.trim());
				itemFields.add(`${rule.displayName} › Value`);
			}
		}
	} else if (mode === 'costOfDelay') {
		itemFields.add(parameters.costSource === 'expression' ? 'Cost of a One-Hour Delay' : (parameters.costField ?? 'dealValue').trim());
	} else {
		itemFields.add((parameters.deadlineField ?? 'dueAt').trim());
	}
	for (const field of String(options.requiredFields ?? '').split(/[,\n]/)) if (field.trim() !== '') itemFields.add(field.trim());
	const presets = parameters.readyMadeRules ?? PRESET_IDS;
	return {
		decisionField,
		itemFields,
		rules,
		presetLabels: new Set(presets.map((id) => PRESET_LABELS[id])),
		noMatchRoute: parameters.noMatchRoute ?? 'batch',
		threshold: parameters.costThreshold ?? 100,
		usesExpressions: JSON.stringify(parameters).includes('={{'),
	};
}

function workflow(configuration) {
	return triggerThenNode({
		type: 'latencyClassifier',
		name: CLASSIFIER,
		parameters: configuration.parameters,
		settings: configuration.onError === 'stopWorkflow' ? {} : { onError: configuration.onError },
	});
}

// ---------------------------------------------------------------------------------------------
// Checking one run

const kindOf = (value) => Object.prototype.toString.call(value);

function sameValue(a, b) {
	if (Object.is(a, b)) return true;
	if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null || kindOf(a) !== kindOf(b)) return false;
	if (kindOf(a) === '[object Date]') return Object.is(a.getTime(), b.getTime());
	const keys = Object.keys(a);
	if (keys.length !== Object.keys(b).length) return false;
	return keys.every((key) => Object.hasOwn(b, key) && sameValue(a[key], b[key]));
}

/** A deep copy made here (structuredClone would make objects of another realm under Jest). */
function copyOf(value) {
	if (typeof value !== 'object' || value === null) return value;
	if (kindOf(value) === '[object Date]') return new Date(value.getTime());
	if (Array.isArray(value)) return value.map(copyOf);
	const copy = {};
	for (const key of Object.keys(value)) setKey(copy, key, copyOf(value[key]));
	return copy;
}

/** Where two values first differ, for the report: "customer.tier: "vip" -> "VIP"". */
function difference(a, b, path = '') {
	if (sameValue(a, b)) return undefined;
	if (typeof a === 'object' && typeof b === 'object' && a !== null && b !== null && kindOf(a) === kindOf(b) && kindOf(a) !== '[object Date]') {
		for (const key of new Set([...Object.keys(a), ...Object.keys(b)])) {
			if (!Object.hasOwn(a, key) || !Object.hasOwn(b, key)) return `${path}${key}: ${Object.hasOwn(a, key) ? 'added' : 'removed'}`;
			const inner = difference(a[key], b[key], `${path}${key}.`);
			if (inner) return inner;
		}
	}
	const show = (value) => preview(value).slice(0, 80);
	return `${path || 'the item'}: ${show(b)} -> ${show(a)}`;
}

function without(object, key) {
	const copy = {};
	for (const own of Object.keys(object)) if (own !== key) setKey(copy, own, object[own]);
	return copy;
}

/** Reads a rule's field as the README describes it: own fields only, a flat dotted key first. */
function ownField(json, path) {
	const trimmed = path.trim();
	if (Object.hasOwn(json, trimmed)) return json[trimmed];
	const segments = [];
	trimmed.replace(/\[\s*["']?([^\]"']*)["']?\s*\]|([^.[\]]+)/g, (_match, bracket, plain) => segments.push(bracket ?? plain));
	let current = json;
	for (const segment of segments) {
		if (typeof current !== 'object' || current === null || !Object.hasOwn(current, segment)) return undefined;
		current = current[segment];
	}
	return current;
}

const isPresent = (value) => value !== undefined && value !== null && value !== '' && !(Array.isArray(value) && value.length === 0);

/** An item error must name this item's index and one of the fields the configuration reads. */
function itemErrorProblem(message, index, expected) {
	const match = /^"(.*?)" in item (\d+) \S/s.exec(message);
	if (!match) return `does not name the field and the item: ${message.slice(0, 200)}`;
	if (index !== undefined && Number(match[2]) !== index) return `names item ${match[2]} instead of item ${index}: ${message.slice(0, 200)}`;
	if (!expected.itemFields.has(match[1])) return `names "${match[1]}", which the configuration does not read: ${message.slice(0, 200)}`;
	return undefined;
}

const looksLikeN8nError = (json) => Boolean(json.error) && Object.keys(json).every((key) => ['error', 'message', 'details'].includes(key));

function recordProblem(decision, outputIndex, configuration, expected, json, atMs) {
	if (decision === null || typeof decision !== 'object') return 'has no decision record';
	const route = outputIndex === 0 ? 'realTime' : 'batch';
	if (outputIndex < 2 && decision.route !== route) return `record says ${decision.route} on the ${route} output`;
	if (typeof decision.reason !== 'string' || decision.reason === '') return 'record has no reason';
	if (decision.delayCost !== undefined && !DELAY_COSTS.includes(decision.delayCost)) return `unknown delayCost ${decision.delayCost}`;
	if (decision.route === 'batch') {
		if (!(Date.parse(decision.nextBatchRun) > atMs)) return `batch record with nextBatchRun ${decision.nextBatchRun}`;
	} else if (decision.nextBatchRun !== undefined) return 'real-time record with a nextBatchRun';
	const wellFormedText = (text) => !/NaN|Infinity|undefined|e[+-]\d*,|Due ,/.test(text);
	switch (configuration.mode) {
		case 'costOfDelay':
			if (decision.decidedBy !== 'costOfDelay') return `decidedBy ${decision.decidedBy} in Cost of Delay mode`;
			if (!(Number.isFinite(decision.delayCostAmount) && decision.delayCostAmount >= 0)) return `delayCostAmount ${decision.delayCostAmount}`;
			if (decision.delayCostAmount >= expected.threshold !== (decision.route === 'realTime'))
				return `cost ${decision.delayCostAmount} against threshold ${expected.threshold} went ${decision.route}`;
			if (!wellFormedText(decision.reason)) return `reason "${decision.reason}"`;
			return undefined;
		case 'deadline':
			if (decision.decidedBy !== 'deadline') return `decidedBy ${decision.decidedBy} in Deadline mode`;
			if (typeof decision.dueAt !== 'string' || Number.isNaN(Date.parse(decision.dueAt))) return `dueAt ${JSON.stringify(decision.dueAt)}`;
			if (!wellFormedText(decision.reason)) return `reason "${decision.reason}"`;
			return undefined;
		default: {
			if (decision.decidedBy === 'noMatch') return decision.route === expected.noMatchRoute ? undefined : `no match went ${decision.route}`;
			if (decision.decidedBy === 'readyMadeRule')
				return expected.presetLabels.has(decision.rule) ? undefined : `ready-made rule "${decision.rule}" is not switched on`;
			if (decision.decidedBy !== 'rule') return `decidedBy ${decision.decidedBy} in Rules mode`;
			const named = expected.rules.filter((candidate) => candidate.displayName === decision.rule);
			if (named.length === 0) return `rule "${decision.rule}" is not configured`;
			const [rule] = named;
			// Checked when the name says which rule decided: a field that "exists" must be the item's own.
			if (named.length === 1 && rule.conditionType !== 'expression' && (rule.operator === 'exists' || rule.operator === 'notExists')) {
				const present = isPresent(ownField(json, rule.field));
				if (present !== (rule.operator === 'exists'))
					return `rule "${rule.displayName}" (${rule.field} ${rule.operator}) matched an item where the field is ${present ? 'present' : 'absent'}`;
			}
			return undefined;
		}
	}
}

function checkRun(configuration, inputs, result, atMs, tally) {
	const problems = [];
	const expected = expectations(configuration);
	const error = result.error;
	if (error) {
		const message = String(error.message ?? '');
		if (PARAMETER_ERROR.test(message)) {
			tally.stoppedSetting++;
			if (configuration.onError !== 'stopWorkflow') problems.push(`run stopped on a settings error despite ${configuration.onError}: ${message}`);
		} else {
			const problem = itemErrorProblem(message, undefined, expected);
			if (problem) problems.push(`run stopped with an error that ${problem}`);
			else if (Number(/ in item (\d+) /.exec(message)[1]) >= inputs.length) problems.push(`error names an item that does not exist: ${message}`);
			if (configuration.onError !== 'stopWorkflow') problems.push(`run stopped on an item error despite ${configuration.onError}: ${message}`);
			tally.stoppedItem++;
		}
		tally.itemsInStoppedRuns += inputs.length;
		if (!result.ran(CLASSIFIER) || !result.taskOf(CLASSIFIER).data) return problems;
	}
	const outputs = result.outputsOf(CLASSIFIER);
	const outputCount = configuration.onError === 'continueErrorOutput' ? 3 : 2;
	if (outputs.length !== outputCount) problems.push(`${outputs.length} outputs instead of ${outputCount}`);
	const settingsErrors = new Set(
		outputs
			.flat()
			.map((item) => item.json.error)
			.filter((text) => typeof text === 'string' && PARAMETER_ERROR.test(text)),
	);
	if (settingsErrors.size > 0) {
		tally.stoppedSetting++;
		tally.settingWithContinue++;
		tally.itemsInStoppedRuns += inputs.length;
	}
	const seen = new Array(inputs.length).fill(0);
	outputs.forEach((items, outputIndex) => {
		for (const item of items) {
			const paired = Array.isArray(item.pairedItem) ? item.pairedItem : [item.pairedItem];
			const index = paired.length === 1 ? paired[0]?.item : undefined;
			if (typeof index !== 'number' || index < 0 || index >= inputs.length) {
				problems.push(`output ${outputIndex} has an item paired with ${JSON.stringify(item.pairedItem)}`);
				continue;
			}
			seen[index]++;
			const input = inputs[index];
			const json = item.json;
			if (settingsErrors.size > 0) {
				// A settings error with Continue: every item goes on with it, nothing is judged.
				const wanted = configuration.onError === 'continueErrorOutput' ? 2 : 0;
				if (outputIndex !== wanted || !settingsErrors.has(json.error)) problems.push(`item ${index} left on output ${outputIndex} without the settings error`);
				const changed = difference(without(json, 'error'), without(input, 'error'));
				if (changed) problems.push(`item ${index} with the settings error lost or changed data: ${changed}`);
				continue;
			}
			const carriesError = typeof json.error === 'string' && !(Object.hasOwn(input, 'error') && input.error === json.error) && / in item \d+ /.test(json.error);
			if (carriesError) {
				const problem = itemErrorProblem(json.error, index, expected);
				if (problem) problems.push(`item ${index} carries an error that ${problem}`);
				const wanted = configuration.onError === 'continueErrorOutput' ? 2 : 0;
				if (configuration.onError === 'stopWorkflow') problems.push(`item ${index} carries an error although the node should have stopped`);
				else if (outputIndex !== wanted) problems.push(`item ${index} with its error left on output ${outputIndex}, not ${wanted}`);
				const changed = difference(without(json, 'error'), without(input, 'error'));
				if (changed) problems.push(`item ${index} with its error lost or changed data: ${changed}`);
				if (outputIndex === 2) tally.errorOutput++;
				else tally.continued++;
				continue;
			}
			if (expected.decisionField === undefined) {
				const changed = difference(json, input);
				if (changed) problems.push(`item ${index} changed although the decision record is off: ${changed}`);
			} else {
				if (!Object.hasOwn(json, expected.decisionField)) {
					problems.push(`item ${index} has no decision record in "${expected.decisionField}" (keys: ${Object.keys(json).slice(0, 12).join(', ')})`);
					continue;
				}
				const changed = difference(without(json, expected.decisionField), without(input, expected.decisionField));
				if (changed) problems.push(`item ${index} changed beyond its decision record: ${changed}`);
				const problem = recordProblem(json[expected.decisionField], outputIndex, configuration, expected, input, atMs);
				if (problem) problems.push(`item ${index}: ${problem}`);
			}
			if (outputIndex === 2) {
				if (!looksLikeN8nError(json)) problems.push(`item ${index} was judged but left on the error output`);
				tally.movedByN8n++;
			} else if (outputIndex === 0) tally.realTime++;
			else tally.batch++;
		}
	});
	seen.forEach((count, index) => {
		if (count !== 1) problems.push(`item ${index} left ${count === 0 ? 'on no output' : `${count} times`}`);
	});
	return problems;
}

// ---------------------------------------------------------------------------------------------

describe('Latency Classifier fuzz', () => {
	it(`routes every item once, unchanged but for its record, or stops naming the item and field (seed ${SEED}, ${RUNS} runs)`, async () => {
		const r = createRandom(SEED);
		const tally = {
			realTime: 0,
			batch: 0,
			continued: 0,
			errorOutput: 0,
			movedByN8n: 0,
			stoppedItem: 0,
			stoppedSetting: 0,
			settingWithContinue: 0,
			itemsInStoppedRuns: 0,
		};
		const byMode = { rules: 0, costOfDelay: 0, deadline: 0 };
		const byOnError = { stopWorkflow: 0, continueRegularOutput: 0, continueErrorOutput: 0 };
		let items = 0;
		const violations = [];
		for (let run = 0; run < RUNS; run++) {
			const configuration = randomConfiguration(r);
			const at = r.pick(MOMENTS);
			const atMs = Date.parse(at);
			const count = expectations(configuration).usesExpressions
				? r.between(1, 8)
				: r.weighted([
						[1, 1],
						[6, r.between(2, 30)],
						[1, r.between(31, 80)],
					]);
			const inputs = Array.from({ length: count }, () => randomItem(r, atMs));
			if (REPLAY !== undefined && run !== REPLAY) continue;
			const untouched = copyOf(inputs);
			byMode[configuration.mode]++;
			byOnError[configuration.onError]++;
			items += count;
			// Wrapped here, so that an item with a "json" field of its own is not taken for a wrapper.
			const pinned = inputs.map((json) => ({ json }));
			const result = await runWorkflow({ workflow: workflow(configuration), pinData: { Input: pinned }, at });
			const problems = checkRun(configuration, untouched, result, atMs, tally);
			if (problems.length > 0) {
				violations.push({ run, at, configuration, problems: problems.slice(0, 5), firstItems: untouched.slice(0, 3) });
				if (violations.length >= 5) break;
			}
		}
		const figures = {
			seed: String(SEED),
			'workflow runs': RUNS,
			'  by mode: Rules / Cost of Delay / Deadline': `${byMode.rules} / ${byMode.costOfDelay} / ${byMode.deadline}`,
			'  by On Error: Stop / Continue / Error Output': `${byOnError.stopWorkflow} / ${byOnError.continueRegularOutput} / ${byOnError.continueErrorOutput}`,
			'items in': items,
			'routed to Real-Time': tally.realTime,
			'routed to Batch': tally.batch,
			'went on with their error (Real-Time)': tally.continued,
			'on the error output with their error': tally.errorOutput,
			'already shaped like an n8n error, moved to Error by n8n': tally.movedByN8n,
			'in runs that stopped or had a bad setting': tally.itemsInStoppedRuns,
			'runs stopped, error names item and field': tally.stoppedItem,
			'runs with a bad setting, error names the parameter': tally.stoppedSetting,
			'  of which Continue: every item went on with that error': tally.settingWithContinue,
			'invariant violations': violations.reduce((sum, violation) => sum + violation.problems.length, 0),
		};
		record('Latency Classifier fuzz', `seed ${SEED}`, figures);
		const report = violations.map(({ run, at, configuration, problems, firstItems }) =>
			[
				`run ${run} at ${at}, ${JSON.stringify(configuration).slice(0, 1500)}`,
				...problems.map((problem) => `  - ${problem}`),
				`  first items: ${preview(firstItems)}`,
			].join('\n'),
		);
		expect(report).toEqual([]);
	}, 600_000);
});

function preview(items) {
	const text =
		JSON.stringify(items, (_key, value) => (typeof value === 'string' && value.length > 60 ? `${value.slice(0, 60)}…(${value.length})` : value)) ??
		String(items);
	return text.length > 1500 ? `${text.slice(0, 1500)}…` : text;
}

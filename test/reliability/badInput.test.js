/**
 * Bad input, node by node, through n8n's engine: a broad table of bad values, bad settings and (for
 * Ad Metrics) bad platform answers. Each item case runs three ways:
 *   - Stop (the default): the run stops with an error naming the item index and the field
 *   - Continue: every item goes on; the bad one carries its `error` on the node's documented output
 *   - Continue (using error output): the bad item leaves on the error output, with its data and error
 * A bad setting must fail the node with an error naming the parameter; with either Continue, every
 * input item goes on, unjudged, carrying that error (Continue output or error output). In every
 * run, each input item must be accounted for (an output item paired with it, or the run's error):
 * an item dropped silently fails the test. The counts go to the reliability summary.
 *
 * The specific error-handling tests of each node stay in test/engine/*.test.js; this table is broad.
 */
'use strict';

const http = require('node:http');
const { runWorkflow, triggerThenNode } = require('../engine/harness');
const { startAdPlatformStandIn, META_VERSION } = require('../engine/standIns/adPlatforms');
const { record } = require('./figures');

const AT = '2026-11-27T10:00:00Z';
const NODE = 'Node';
const WAYS = ['stopWorkflow', 'continueRegularOutput', 'continueErrorOutput'];

/**
 * Each node: its type, its outputs, the output an item with an error goes to under "Continue", the
 * parameters every case starts from, and the cases. An item case has `items`, the index `bad` of the
 * bad item, and `error`, a pattern the error message must match (it names the field and the item);
 * `group` when the error is a whole group's (the item with the error then carries the group's data).
 * A setting case has `setting`, a pattern naming the parameter.
 */
const NODES = [
	{
		name: 'Latency Classifier',
		type: 'latencyClassifier',
		outputs: 2,
		continueOutput: 0,
		base: { timezone: 'UTC' },
		cases: [
			...costCases(),
			...[
				[
					'Real-Time From expression gives nothing (v2)',
					{ costThreshold: '={{ $json.limit }}' },
					{ cost: 5 },
					/^"Real-Time From" in item 1 is missing; its expression gave no value for this item/,
				],
				[
					'Real-Time From expression gives text (v2)',
					{ costThreshold: '={{ $json.limit }}' },
					{ cost: 5, limit: 'high' },
					/^"Real-Time From" in item 1 is "high", which is not a number/,
				],
				[
					'Multiply By expression negative (v2)',
					{ costMultiplier: '={{ $json.share }}' },
					{ cost: 5, share: -1 },
					/^"Multiply By" in item 1 is -1; it cannot be negative/,
				],
			].map(([name, parameters, bad, error]) => ({
				name,
				typeVersion: 2,
				parameters: {
					mode: 'costOfDelay',
					costField: 'cost',
					costMultiplier: '={{ $json.share ?? 1 }}',
					costThreshold: '={{ $json.limit ?? 10 }}',
					...parameters,
				},
				items: [{ cost: 50, limit: 10, share: 1 }, bad, { cost: 1, limit: 10, share: 1 }],
				bad: 1,
				error,
			})),
			...[
				['due date not a day', '2026-02-30'],
				['due date in words', 'tomorrow'],
				['due date too far out', 1e20],
				['due date an object', { day: 27 }],
				['due date a boolean', true],
				['due date a list', ['2026-11-27']],
				['due date NaN', Number.NaN],
			].map(([name, due]) => ({
				name,
				parameters: { mode: 'deadline', deadlineField: 'due' },
				items: [{ due: '2026-11-27T12:00:00Z' }, { due }, { due: '2026-12-24T12:00:00Z' }],
				bad: 1,
				error: /^"due" in item 1 is .*, which is not a date/,
			})),
			...[
				['due date missing', undefined],
				['due date empty', ''],
				['due date null', null],
			].map(([name, due]) => ({
				name,
				parameters: { mode: 'deadline', deadlineField: 'due' },
				items: [{ due: '2026-11-27T12:00:00Z' }, due === undefined ? { id: 2 } : { due }, { due: '2026-12-24T12:00:00Z' }],
				bad: 1,
				error: /^"due" in item 1 is missing/,
			})),
			ruleCase(
				'rule field holding an object',
				{ field: 'customer', operator: 'contains', value: 'vip' },
				[{ customer: 'vip' }, { customer: { tier: 'vip' } }, {}],
				/^"customer" in item 1 holds an object/,
			),
			ruleCase(
				'rule field holding a list of lists',
				{ field: 'tags', operator: 'equals', value: 'vip' },
				[{ tags: ['a'] }, { tags: [['vip']] }, {}],
				/^"tags" in item 1 holds a list of lists/,
			),
			ruleCase(
				'text where a rule compares numbers',
				{ field: 'amount', operator: 'greaterThan', value: '100' },
				[{ amount: 5 }, { amount: 'a lot' }, { amount: 500 }],
				/^"amount" in item 1 is "a lot", which is not a number/,
			),
			ruleCase(
				'NaN where a rule compares numbers',
				{ field: 'amount', operator: 'lessThan', value: '100' },
				[{ amount: 5 }, { amount: Number.NaN }, { amount: 500 }],
				/^"amount" in item 1 is NaN, which is not a number/,
			),
			ruleCase(
				'condition returning a number',
				{ conditionType: 'expression', condition: '={{ $json.score }}' },
				[{ score: true }, { score: 3 }, { score: false }],
				/^"R › Condition" in item 1 returned 3; the condition must return true or false/,
			),
			ruleCase(
				'condition returning text',
				{ conditionType: 'expression', condition: '={{ $json.score }}' },
				[{ score: 'true' }, { score: 'yes' }, {}],
				/^"R › Condition" in item 1 returned "yes"/,
			),
			ruleCase(
				'rule value from the item holding an object',
				{ field: 'tier', operator: 'isOneOf', value: '={{ $json.allowed }}' },
				[
					{ tier: 'a', allowed: 'a' },
					{ tier: 'a', allowed: { a: 1 } },
					{ tier: 'b', allowed: 'a' },
				],
				/^"R › Value" in item 1 holds an object/,
			),
			ruleCase(
				'rule value from the item not a number',
				{ field: 'spend', operator: 'greaterThan', value: '={{ $json.limit }}' },
				[
					{ spend: 5, limit: 1 },
					{ spend: 5, limit: 'none' },
					{ spend: 5, limit: 9 },
				],
				/^"R › Value" in item 1 "none" is not a number/,
			),
			{
				name: 'required field missing',
				parameters: { options: { requiredFields: 'email' } },
				items: [{ email: 'a@example.com' }, { email: '  ' }, { email: 'c@example.com' }],
				bad: 1,
				error: /^"email" in item 1 is required but missing or empty/,
			},
			{
				name: 'cost with a misplaced group separator (v2)',
				typeVersion: 2,
				parameters: { mode: 'costOfDelay', costField: 'cost', costThreshold: 10 },
				items: [{ cost: '1,234.50' }, { cost: '1,2,3' }, { cost: '5' }],
				bad: 1,
				error: /^"cost" in item 1 is "1,2,3", which is not a number/,
			},
			{
				name: 'cost only spaces (v2)',
				typeVersion: 2,
				parameters: { mode: 'costOfDelay', costField: 'cost', costThreshold: 10 },
				items: [{ cost: 50 }, { cost: '  ' }, { cost: '5' }],
				bad: 1,
				error: /^"cost" in item 1 is missing; it must hold the cost of a one-hour delay as a number/,
			},
			{
				...ruleCase(
					'rule comparing a number with groups of two (v2)',
					{ field: 'amount', operator: 'greaterThan', value: '1,000' },
					[{ amount: '1,500' }, { amount: '10,00' }, { amount: 50 }],
					/^"amount" in item 1 is "10,00", which is not a number/,
				),
				typeVersion: 2,
			},
			setting('unknown timezone', { timezone: 'Mars/Olympus' }, /^Timezone: "Mars\/Olympus" is not a known timezone/),
			setting('cron that never runs', { scheduleKind: 'cron', cronExpression: '0 0 30 2 *' }, /^Cron Expression: The batch schedule .* never runs/),
			setting('cron in words', { scheduleKind: 'cron', cronExpression: 'every day' }, /^Cron Expression: /),
			setting('time of day 24:00', { runAt: '24:00' }, /^Run At: "24:00" is not a time of day/),
			setting(
				'interval of 60 minutes',
				{ scheduleKind: 'interval', runEvery: 60, runEveryUnit: 'minutes' },
				/^Run Every: An interval of 60 minutes is not supported/,
			),
			setting(
				'rule comparing numbers with text',
				{ rules: { rule: [{ name: 'R', field: 'x', operator: 'lessThan', value: 'low' }] } },
				/^Custom Rules › Rule "R": "low" is not a number/,
			),
			setting('empty amount field', { mode: 'costOfDelay', costField: '  ' }, /^Amount Field: The field name is empty/),
			setting(
				'due date field with an open bracket',
				{ mode: 'deadline', deadlineField: 'due[' },
				/^Due Date Field: The field "due\[" has a "\[" without a closing "\]"/,
			),
			setting('empty event type field', { eventTypeField: '' }, /^Event Type Field: The field name is empty/),
			setting('required field with an open bracket', { options: { requiredFields: 'body[0' } }, /^Required Fields: /),
		],
	},
	{
		name: 'ROAS Calculator',
		type: 'roasCalculator',
		outputs: 3,
		continueOutput: 2,
		base: { minSpend: 0 },
		cases: [
			...amountCases('spend', { conversionValue: 50 }),
			...amountCases('conversionValue', { conversionValue: 50 }),
			...adPerformanceGroupCases({ conversionValue: 10 }),
			...strictRowCases({ conversionValue: 50 }),
			{
				name: 'Google Ads row with cost not in micros',
				parameters: { inputFormat: 'googleAds' },
				items: [googleRow('A', '1000000'), googleRow('B', '12.5.3'), googleRow('C', '2000000')],
				bad: 1,
				error: /^"metrics\.costMicros" in item 1 is "12\.5\.3", which is not a whole number of micros/,
			},
			{
				name: 'Meta row with actions not a list',
				parameters: { inputFormat: 'meta' },
				items: [metaRow('A'), { ...metaRow('B'), action_values: 'many' }, metaRow('C')],
				bad: 1,
				error: /^"action_values" in item 1 is "many"; Meta sends a list of \{action_type, value\}/,
			},
			{
				name: 'own target not a number',
				parameters: { options: { targetField: 'target' } },
				items: [row('A', { conversionValue: 50, target: 2 }), row('B', { conversionValue: 50, target: 'high' }), row('C', { conversionValue: 50 })],
				bad: 1,
				error: /^"target" in item 1 is "high", which is not a usable target/,
			},
			...responseCases(),
			setting('critical above the target', { targetRoas: 2, criticalRoas: 3 }, /^Critical Below: 3 is above the Target ROAS of 2/),
			{
				...setting(
					'target an expression over the row (v2)',
					{ targetRoas: '={{ $json.limit }}' },
					/^Target ROAS: "\{\{ \$json\.limit \}\}" is not a number\. It is one value for all rows; for a target per campaign, name a column in Options › Target Field\./,
				),
				typeVersion: 2,
			},
			setting('gross margin of 0%', { targetSource: 'margin', grossMarginPercent: 0 }, /^Gross Margin \(%\): 0 is not a margin/),
			setting('gross margin of 150%', { targetSource: 'margin', grossMarginPercent: 150 }, /^Gross Margin \(%\): 150 is not a margin/),
			setting('unknown placeholder', { alertMessage: '{campaign} at {roass}' }, /^Alert Message: \{roass\} is not a placeholder/),
			setting('empty spend field', { inputFormat: 'fields', spendField: ' ' }, /^Spend Field: /),
			setting('period start not a day', { comparePeriods: 'date', currentFrom: '27/11/2026' }, /^Current Period Starts On: "27\/11\/2026" is not a day/),
		],
	},
	{
		name: 'CPA Tracker',
		type: 'cpaTracker',
		outputs: 3,
		continueOutput: 2,
		base: { minSpend: 0, minConversions: 0 },
		cases: [
			...amountCases('spend', { conversions: 2 }),
			...strictRowCases({ conversions: 2 }),
			...[
				['conversions in words', 'several', /^"conversions" in item 1 is "several", which is not a number/],
				['negative conversions', -2, /^"conversions" in item 1 is -2; a count cannot be negative/],
				['conversions Infinity', Number.POSITIVE_INFINITY, /^"conversions" in item 1 is Infinity, which is not a number/],
				['conversions an object', { n: 2 }, /^"conversions" in item 1 is \{"n":2\}, which is not a number/],
				['conversions missing', undefined, /^"conversions" in item 1 is missing/],
			].map(([name, conversions, error]) => ({
				name,
				items: [row('A', { conversions: 2 }), row('B', conversions === undefined ? {} : { conversions }), row('C', { conversions: 1 })],
				bad: 1,
				error,
			})),
			...adPerformanceGroupCases({ conversions: 1 }),
			...responseCases(),
			setting('maximum below the target', { targetCpa: 50, maximumCpa: 40 }, /^Maximum CPA: 40 is below the Target CPA of 50/),
			{
				...setting(
					'no-conversion limit an expression (v2)',
					{ noConversionMultiple: '={{ $json.limit }}' },
					/^No-Conversion Limit \(× Target CPA\): "\{\{ \$json\.limit \}\}" is not a number\. It is one value for all rows\./,
				),
				typeVersion: 2,
			},
			setting('unknown placeholder', { resolvedMessage: 'fine: {cpaa}' }, /^Resolved Message: \{cpaa\} is not a placeholder/),
			setting('conversions field with an open bracket', { inputFormat: 'fields', conversionsField: 'conv[' }, /^Conversions Field: /),
		],
	},
	{
		name: 'Health Monitor',
		type: 'healthMonitor',
		outputs: 3,
		continueOutput: 0,
		base: { options: { emitOk: true } },
		cases: [
			...[
				['metric in words', 'many', /which is not a number/],
				['metric NaN', Number.NaN, /is NaN, which is not a number/],
				['metric "Infinity"', 'Infinity', /is "Infinity", which is not a number/],
				['metric an object', { value: 3 }, /is \{"value":3\}, which is not a number/],
				['metric a list', [1, 2], /is \[1,2\], which is not a number/],
				['metric a boolean', true, /is true, which is not a number/],
				['metric missing', undefined, /is missing; the check needs a number here/],
				['metric empty', '', /is missing|is "", which is not a number/],
				['metric null', null, /is missing|is null, which is not a number/],
			].map(([name, value, error]) => ({
				name,
				parameters: { checks: { check: [metricCheck()] } },
				items: [{ queue: 'a', depth: 5 }, value === undefined ? { queue: 'b' } : { queue: 'b', depth: value }, { queue: 'c', depth: 7 }],
				bad: 1,
				error: new RegExp(`^Check "Queue": "depth" in item 1 .*(${error.source})`),
			})),
			{
				name: 'spend not a number (budget pacing)',
				parameters: {
					checks: {
						check: [
							{
								name: 'Pacing',
								checkType: 'budgetPacing',
								seriesField: 'campaign',
								spendField: 'spend',
								budgetField: 'dailyBudget',
								options: { timezone: 'UTC' },
							},
						],
					},
				},
				items: [
					{ campaign: 'A', spend: 10, dailyBudget: 100 },
					{ campaign: 'B', spend: 'lots', dailyBudget: 100 },
					{ campaign: 'C', spend: 5, dailyBudget: 100 },
				],
				bad: 1,
				error: /^Check "Pacing": "spend" in item 1 is "lots", which is not a number/,
			},
			{
				name: 'budget missing (budget pacing)',
				parameters: {
					checks: {
						check: [
							{
								name: 'Pacing',
								checkType: 'budgetPacing',
								seriesField: 'campaign',
								spendField: 'spend',
								budgetField: 'dailyBudget',
								options: { timezone: 'UTC' },
							},
						],
					},
				},
				items: [
					{ campaign: 'A', spend: 10, dailyBudget: 100 },
					{ campaign: 'B', spend: 10 },
					{ campaign: 'C', spend: 5, dailyBudget: 100 },
				],
				bad: 1,
				error: /^Check "Pacing": "dailyBudget" in item 1 is missing/,
			},
			{
				name: 'payment without a status',
				parameters: { checks: { check: [{ name: 'Payments', checkType: 'paymentFailures', statusField: 'status', minPayments: 1 }] } },
				items: [{ status: 'succeeded' }, { amount: 5 }, { status: 'failed' }],
				bad: 1,
				error: /^Check "Payments": "status" in item 1 is missing; every payment needs its status/,
			},
			{
				name: 'metric with a misplaced group separator (v2)',
				typeVersion: 2,
				parameters: { checks: { check: [metricCheck()] } },
				items: [
					{ queue: 'a', depth: '1,500' },
					{ queue: 'b', depth: '1,5' },
					{ queue: 'c', depth: 7 },
				],
				bad: 1,
				error: /^Check "Queue": "depth" in item 1 is "1,5", which is not a number/,
			},
			{
				name: 'metric only spaces (v2)',
				typeVersion: 2,
				parameters: { checks: { check: [metricCheck()] } },
				items: [
					{ queue: 'a', depth: 5 },
					{ queue: 'b', depth: ' ' },
					{ queue: 'c', depth: 7 },
				],
				bad: 1,
				error: /^Check "Queue": "depth" in item 1 is missing; the check needs a number here/,
			},
			{
				...setting(
					'threshold an expression giving text (v2)',
					{ checks: { check: [metricCheck({ critical: '={{ "high" }}' })] } },
					/^Checks › Queue › Critical Threshold: "high" is not a number/,
				),
				typeVersion: 2,
			},
			setting(
				'warning beyond critical',
				{ checks: { check: [metricCheck({ warning: 600 })] } },
				/^Checks › Queue › Thresholds: the Warning threshold \(600\) is above the Critical one \(500\)/,
			),
			setting(
				'recovery margin of 100% or more',
				{ checks: { check: [metricCheck({ options: { recoveryMarginPercent: 100 } })] } },
				/^Checks › Queue › Thresholds: the Recovery Margin \(100%\) must be at least 0% and below 100%/,
			),
			setting('low above high', { checks: { check: [metricCheck({ condition: 'outsideRange', low: 10, high: 5 })] } }, /^Checks › Queue › Thresholds: /),
			setting('two checks with one name', { checks: { check: [metricCheck(), metricCheck()] } }, /^Checks › Queue: two checks have this name/),
			setting(
				'URL without http',
				{ checks: { check: [{ name: 'Site', checkType: 'endpoint', url: 'shop.example.com/health' }] } },
				/^Checks › Site › Endpoint URL: must start with http:\/\/ or https:\/\//,
			),
			setting(
				'expected status in words',
				{ checks: { check: [{ name: 'Site', checkType: 'endpoint', url: 'http://127.0.0.1:9/', expectedStatus: 'fine' }] } },
				/^Checks › Site › Expected Status: "fine" is not a status/,
			),
			setting('empty metric field', { checks: { check: [metricCheck({ metricField: '' })] } }, /^Checks › Queue › Metric Field: The field name is empty/),
			setting(
				'unknown timezone',
				{ checks: { check: [{ name: 'Pacing', checkType: 'budgetPacing', options: { timezone: 'Moon/Base' } }] } },
				/^Checks › Pacing › Timezone: "Moon\/Base" is not a known timezone/,
			),
			setting(
				'unknown placeholder',
				{ checks: { check: [metricCheck()] }, alertMessage: '{check} is {vaule}' },
				/^Alert Message: \{vaule\} is not a placeholder/,
			),
		],
	},
	{
		name: 'Ad Metrics',
		type: 'adMetrics',
		outputs: 1,
		continueOutput: 0,
		base: { platform: 'meta', accountId: '={{ $json.account }}' },
		cases: [
			...[
				['expired token', 'expired', /^Meta Ads: Error validating access token/],
				['missing permission', 'forbidden', /^Meta Ads: \(#200\) Ad account owner has NOT grant/],
				['rate limit', 'throttled', /^Meta Ads: User request limit reached/],
				['unknown account', '999', /^Meta Ads: \(#100\) Unknown account/],
				['answer that is an HTML page', 'html', /^Meta answered without a data list: "<html>/],
				['answer with data not a list', 'datastring', /^Meta answered without a data list: \{"data":"nope"\}/],
				['server error with an HTML page', 'servererror', /^Meta Ads: /],
				['spend that is not a number', 'badspend', /^Meta answered spend "abc" for campaign "Broken", which is not a number/],
			].map(([name, account, error]) => ({ name: `Meta: ${name}`, items: [{ account: '111' }, { account }, { account: '111' }], bad: 1, error })),
			...[
				['sign-in expired, refresh refused', '999-000-0000', /needs to be reconnected/],
				['missing permission', '403-000-0000', /^Google Ads: User doesn't have permission to access customer\./],
				// Google asks for 30 s; the node may wait 29 s at most, so it fails at once (waiting is tested in test/engine/adMetrics.test.js).
				[
					'quota exhausted, a longer wait than allowed',
					'429-000-0000',
					/^Google Ads: Too many requests\. Retry in 30 seconds\./,
					{ options: { rateLimitWaitSeconds: 29 } },
				],
				['server error with an HTML page', '500-000-0000', /^Google Ads: /],
				['results not a list', '200-000-0001', /^Google Ads answered with results that are not a list: "nope"/],
				['cost that is not a number', '200-000-0002', /^Google Ads answered metrics\.costMicros "abc" for campaign "Broken", which is not a number/],
			].map(([name, account, error, extra = {}]) => ({
				name: `Google Ads: ${name}`,
				parameters: { platform: 'googleAds', ...extra },
				items: [{ account: '123-456-7890' }, { account }, { account: '123-456-7890' }],
				bad: 1,
				error,
			})),
			{ name: 'account ID missing', items: [{ account: '111' }, { other: 1 }, { account: '111' }], bad: 1, error: /^Account ID is empty for item 1/ },
			{
				name: 'custom range backwards',
				parameters: { period: 'custom', since: '={{ $json.since }}', until: '2026-11-10' },
				items: [
					{ account: '111', since: '2026-11-01' },
					{ account: '111', since: '2026-11-20' },
					{ account: '111', since: '2026-11-02' },
				],
				bad: 1,
				error: /^Custom period: the range ends \(2026-11-10\) before it starts \(2026-11-20\)/,
			},
			{
				name: 'custom range with a day that does not exist',
				parameters: { period: 'custom', since: '={{ $json.since }}', until: '2026-11-10' },
				items: [
					{ account: '111', since: '2026-11-01' },
					{ account: '111', since: '2026-02-30' },
					{ account: '111', since: '2026-11-02' },
				],
				bad: 1,
				error: /^Custom period: /,
			},
		],
	},
];

function row(campaignName, fields) {
	return { campaignName, spend: 20, currency: 'USD', ...fields };
}

function costCases() {
	return [
		['cost in words', 'lots', /is "lots", which is not a number/],
		['cost NaN', Number.NaN, /is NaN, which is not a number/],
		['cost "Infinity"', 'Infinity', /is "Infinity", which is not a number/],
		['cost Infinity', Number.POSITIVE_INFINITY, /is Infinity, which is not a number/],
		['cost too long to be a number', '9'.repeat(400), /, which is not a number/],
		['cost negative', -5, /is -5; a cost cannot be negative/],
		['cost empty', '', /is missing/],
		['cost null', null, /is missing/],
		['cost missing', undefined, /is missing/],
		['cost an object', { amount: 5 }, /is \{"amount":5\}, which is not a number/],
		['cost a list', [5], /is \[5\], which is not a number/],
		['cost a boolean', true, /is true, which is not a number/],
		['cost two decimal points', '1.2.3', /is "1\.2\.3", which is not a number/],
		['cost times the multiplier too large', Number.MAX_VALUE, /times 10 that is too large to be a cost/],
	].map(([name, cost, error]) => ({
		name,
		parameters: { mode: 'costOfDelay', costField: 'cost', costMultiplier: name.includes('multiplier') ? 10 : 1, costThreshold: 10 },
		items: [{ cost: 50 }, cost === undefined ? { id: 2 } : { cost }, { cost: 1 }],
		bad: 1,
		error: new RegExp(`^"cost" in item 1 .*${error.source}`),
	}));
}

function ruleCase(name, rule, items, error) {
	return { name, parameters: { readyMadeRules: [], rules: { rule: [{ name: 'R', ...rule }] } }, items, bad: 1, error };
}

/** Version 2 of the ROAS Calculator and the CPA Tracker: an item holding a whole Meta insights page. */
function responseCases() {
	const page = (rows) => ({ data: rows, paging: { cursors: { before: 'a', after: 'b' } } });
	return [
		{
			name: 'a row of a Meta page with spend in words (v2)',
			typeVersion: 2,
			items: [page([metaRow('A')]), page([metaRow('B'), { ...metaRow('C'), spend: 'lots' }]), page([metaRow('D')])],
			bad: 1,
			// the bad row's campaign carries the error, with the row rather than the whole page
			group: true,
			error: /^"data\[1\]\.spend" in item 1 is "lots", which is not an amount/,
		},
		{
			name: 'a Meta page with a row that is not an object (v2)',
			typeVersion: 2,
			items: [page([metaRow('A')]), page([metaRow('B'), 5]), page([metaRow('D')])],
			bad: 1,
			error: /^"data\[1\]" in item 1 is 5; each row of the response must be an object/,
		},
	];
}

function setting(name, parameters, error) {
	return { name, parameters, setting: error };
}

/** Version 2 of the ROAS Calculator and the CPA Tracker: what version 1 read quietly is an error. */
function strictRowCases(other) {
	return [
		['spend with a misplaced group separator (v2)', { spend: '1,2,3' }, /^"spend" in item 1 is "1,2,3", which is not an amount/],
		['spend with groups of two (v2)', { spend: '12,34' }, /^"spend" in item 1 is "12,34", which is not an amount/],
		['currency a list (v2)', { currency: ['USD', 'EUR'] }, /^"currency" in item 1 is \["USD","EUR"\], a list; it must be a single value/],
		['campaign an object (v2)', { campaignName: { name: 'B' } }, /^"campaignName" in item 1 is \{"name":"B"\}, an object; it must be a single value/],
		['spend in another currency than the row (v2)', { spend: '€20' }, /^"spend" in item 1 is "€20", an amount in EUR, but the row's currency is USD/],
		['spend only spaces, as an emptied cell (v2)', { spend: '   ' }, /^"spend" in item 1 is missing; every row needs it/],
	].map(([name, fields, error]) => ({ name, typeVersion: 2, items: [row('A', other), { ...row('B', other), ...fields }, row('C', other)], bad: 1, error }));
}

function amountCases(field, other) {
	return [
		['in words', 'abc', 'which is not an amount'],
		['NaN', Number.NaN, 'is NaN, which is not an amount'],
		['"Infinity"', 'Infinity', 'which is not an amount'],
		['negative', -10, 'an amount cannot be negative'],
		['an object', { value: 1 }, 'which is not an amount'],
		['a list', [1], 'which is not an amount'],
		['a boolean', false, 'which is not an amount'],
		['missing', undefined, 'is missing; every row needs it'],
		['null', null, 'is missing|which is not an amount'],
		['empty', '', 'is missing|which is not an amount'],
		['with two decimal points', '1.234.5', 'which is not an amount'],
		['too long to be a number', '9'.repeat(400), 'which is not an amount'],
	].map(([name, value, error]) => {
		const bad = { ...row('B', other) };
		if (value === undefined) delete bad[field];
		else bad[field] = value;
		return {
			name: `${field} ${name}`,
			items: [row('A', other), bad, row('C', other)],
			bad: 1,
			error: new RegExp(`^"${field}" in item 1 .*(${error})`),
		};
	});
}

function adPerformanceGroupCases(other) {
	return [
		{
			name: 'two currencies in one campaign',
			items: [row('A', other), row('A', { ...other, currency: 'EUR' }), row('C', other)],
			bad: 1,
			group: true,
			error: /^"currency" in item 1 is "EUR" but earlier rows of campaign "A" are in "USD"/,
		},
		{
			name: 'row in neither period',
			parameters: { comparePeriods: 'label' },
			items: [row('A', { ...other, period: 'current' }), row('B', { ...other, period: 'last year' }), row('C', { ...other, period: 'current' })],
			bad: 1,
			error: /^"period" in item 1 /,
		},
		{
			name: 'row date not a day when splitting periods',
			parameters: { comparePeriods: 'date', currentFrom: '2026-11-20' },
			items: [row('A', { ...other, date: '2026-11-21' }), row('B', { ...other, date: 'yesterday' }), row('C', { ...other, date: '2026-11-22' })],
			bad: 1,
			error: /^"date" in item 1 /,
		},
	];
}

function googleRow(name, costMicros) {
	return { campaign: { id: name, name }, customer: { id: '1', currencyCode: 'USD' }, metrics: { costMicros, conversions: 1, conversionsValue: 3 } };
}

function metaRow(name) {
	return {
		campaign_id: name,
		campaign_name: name,
		spend: '20.00',
		account_currency: 'EUR',
		date_start: '2026-11-26',
		actions: [{ action_type: 'omni_purchase', value: '1' }],
		action_values: [{ action_type: 'omni_purchase', value: '30' }],
	};
}

function metricCheck(extra = {}) {
	return { name: 'Queue', checkType: 'metric', metricField: 'depth', seriesField: 'queue', condition: 'above', warning: 100, critical: 500, ...extra };
}

// ---------------------------------------------------------------------------------------------
// The ad platforms: the stand-in of the engine tests, and in front of it a server that gives the
// answers a platform should never give (HTML, data that is not a list, amounts in words).

let standIn;
let broken;
let platformCredentials;

function brokenAnswer(url, body) {
	const meta = new RegExp(`^/${META_VERSION.replace('.', '\\.')}/act_(\\w+)/insights$`).exec(url.pathname);
	if (meta) {
		const row = { campaign_id: '9', campaign_name: 'Broken', spend: 'abc', account_currency: 'EUR', date_start: '2026-11-20', date_stop: '2026-11-26' };
		return {
			html: [200, 'text/html', '<html><body>Sorry, something went wrong.</body></html>'],
			datastring: [200, 'application/json', JSON.stringify({ data: 'nope' })],
			servererror: [500, 'text/html', '<html><body>Internal Server Error</body></html>'],
			badspend: [200, 'application/json', JSON.stringify({ data: [row], paging: {} })],
		}[meta[1]];
	}
	const google = /^\/v26\/customers\/(\d+)\/googleAds:searchStream$/.exec(url.pathname);
	if (google) {
		if (google[1] === '5000000000') return [500, 'text/html', '<html><body>Internal Server Error</body></html>'];
		if (body.includes('customer.time_zone') && google[1].startsWith('200000000')) {
			return [200, 'application/json', JSON.stringify([{ results: [{ customer: { timeZone: 'UTC' } }] }])];
		}
		const broken = {
			customer: { id: google[1], currencyCode: 'USD' },
			campaign: { id: '9', name: 'Broken' },
			metrics: { costMicros: 'abc', conversions: 1, conversionsValue: 2 },
		};
		if (google[1] === '2000000001') return [200, 'application/json', JSON.stringify([{ results: 'nope' }])];
		if (google[1] === '2000000002') return [200, 'application/json', JSON.stringify([{ results: [broken] }])];
	}
	return undefined;
}

async function startBrokenPlatform(forwardTo) {
	const target = new URL(forwardTo);
	const server = http.createServer((request, response) => {
		const chunks = [];
		request.on('data', (chunk) => chunks.push(chunk));
		request.on('end', () => {
			const body = Buffer.concat(chunks);
			const answer = brokenAnswer(new URL(request.url, 'http://127.0.0.1'), body.toString('utf8'));
			if (answer) {
				response.writeHead(answer[0], { 'content-type': answer[1] });
				response.end(answer[2]);
				return;
			}
			const forwarded = http.request(
				{ host: target.hostname, port: target.port, method: request.method, path: request.url, headers: { ...request.headers, host: target.host } },
				(answerFromStandIn) => {
					response.writeHead(answerFromStandIn.statusCode, answerFromStandIn.headers);
					answerFromStandIn.pipe(response);
				},
			);
			forwarded.end(body);
		});
	});
	await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
	return {
		base: `http://127.0.0.1:${server.address().port}`,
		close: () =>
			new Promise((resolve) => {
				server.closeAllConnections();
				server.close(resolve);
			}),
	};
}

beforeAll(async () => {
	standIn = await startAdPlatformStandIn();
	broken = await startBrokenPlatform(standIn.base);
	platformCredentials = JSON.parse(JSON.stringify(standIn.credentials));
	platformCredentials.realtimeBatchMetaAdsApi.baseUrl = broken.base;
	platformCredentials.realtimeBatchGoogleAdsOAuth2Api.baseUrl = broken.base;
	platformCredentials.realtimeBatchGoogleAdsOAuth2Api.accessTokenUrl = `${broken.base}/token`;
});

afterAll(async () => {
	await broken?.close();
	await standIn?.close();
});

// ---------------------------------------------------------------------------------------------

function workflow(node, parameters, onError, typeVersion = 1) {
	const wanted = { ...node.base, ...parameters };
	const credential = node.type !== 'adMetrics' ? undefined : wanted.platform === 'googleAds' ? 'realtimeBatchGoogleAdsOAuth2Api' : 'realtimeBatchMetaAdsApi';
	return triggerThenNode({
		type: node.type,
		name: NODE,
		typeVersion,
		parameters: wanted,
		settings: {
			...(credential ? { credentials: { [credential]: { id: '1', name: 'test' } } } : {}),
			...(onError === 'stopWorkflow' ? {} : { onError }),
		},
	});
}

const pairedIndexes = (item) => (Array.isArray(item.pairedItem) ? item.pairedItem : [item.pairedItem]).map((paired) => paired?.item);

/** The error names the item: in its message, or (for errors of a platform) as n8n's item index. */
function namesItem(error, index, node) {
	if (new RegExp(`\\bitem ${index}\\b`).test(error.message)) return true;
	return node.type === 'adMetrics' && error.context?.itemIndex === index;
}

/** Runs one case one way, asserts its outcome, and says which outcome it was. */
async function runCase(node, testCase, onError) {
	const items = testCase.items ?? [{ queue: 'a', depth: 1, campaignName: 'A', spend: 1, conversionValue: 1, conversions: 1, account: '111' }];
	const result = await runWorkflow({
		workflow: workflow(node, testCase.parameters, onError, testCase.typeVersion),
		pinData: { Input: items.map((json) => ({ json })) },
		at: AT,
		credentials: node.type === 'adMetrics' ? JSON.parse(JSON.stringify(platformCredentials)) : undefined,
	});
	const where = `${node.name} › ${testCase.name} › ${onError}`;
	if (testCase.setting) {
		if (onError === 'stopWorkflow') {
			expect([where, result.error?.message]).toEqual([where, expect.stringMatching(testCase.setting)]);
			return 'clearError';
		}
		// With either "Continue", every input item goes on, unjudged, carrying the error that names
		// the parameter: on the node's Continue output, or on the error output.
		expect([where, result.error?.message]).toEqual([where, undefined]);
		const outputs = result.outputsOf(NODE);
		const wanted = onError === 'continueErrorOutput' ? node.outputs : node.continueOutput;
		const placed = outputs.map((list, output) => list.map((item) => [output, pairedIndexes(item)[0], item.json.error]));
		expect([where, placed.flat()]).toEqual([where, items.map((_item, index) => [wanted, index, expect.stringMatching(testCase.setting)])]);
		for (const [index, item] of outputs[wanted].entries()) {
			for (const [key, value] of Object.entries(items[index])) expect([where, key, item.json[key]]).toEqual([where, key, value]);
		}
		return onError === 'continueErrorOutput' ? 'settingErrorOutput' : 'settingContinued';
	}
	if (onError === 'stopWorkflow') {
		expect([where, result.error?.message]).toEqual([where, expect.stringMatching(testCase.error)]);
		expect([where, namesItem(result.error, testCase.bad, node)]).toEqual([where, true]);
		return 'clearError';
	}
	expect([where, result.error?.message]).toEqual([where, undefined]);
	const outputs = result.outputsOf(NODE);
	const errorOutput = onError === 'continueErrorOutput' ? node.outputs : node.continueOutput;
	expect([where, outputs.length]).toEqual([where, node.outputs + (onError === 'continueErrorOutput' ? 1 : 0)]);
	const withError = outputs.flatMap((list, output) => list.filter((item) => typeof item.json.error === 'string').map((item) => ({ item, output })));
	expect([where, withError.map(({ item, output }) => [output, item.json.error, pairedIndexes(item).includes(testCase.bad)])]).toEqual([
		where,
		[[errorOutput, expect.stringMatching(testCase.error), true]],
	]);
	// The bad item keeps its data (Ad Metrics passes on the error of the account; on the error
	// output n8n adds the input item's data)
	const [{ item: failed }] = withError;
	if (!testCase.group && (node.type !== 'adMetrics' || onError === 'continueErrorOutput')) {
		const own = Object.entries(items[testCase.bad]).filter(([key]) => !(node.type === 'adMetrics' && key === 'error'));
		for (const [key, value] of own) expect([where, key, failed.json[key]]).toEqual([where, key, value]);
	}
	// Nothing dropped silently: every input item is behind an output item.
	const accounted = new Set(outputs.flat().flatMap(pairedIndexes));
	const dropped = items.map((_item, index) => index).filter((index) => !accounted.has(index));
	expect([where, 'dropped', dropped]).toEqual([where, 'dropped', []]);
	return onError === 'continueErrorOutput' ? 'errorOutput' : 'continued';
}

describe.each(NODES)('bad input: $name', (node) => {
	const tally = { values: 0, settings: 0, runs: 0, clearError: 0, continued: 0, errorOutput: 0, settingContinued: 0, settingErrorOutput: 0, dropped: 0 };
	afterAll(() => {
		record('Bad input', node.name, {
			'bad values': tally.values,
			'bad settings': tally.settings,
			runs: tally.runs,
			'stopped, clear error': tally.clearError,
			'went on with error': tally.continued,
			'on error output': tally.errorOutput,
			'bad setting, Continue: items went on with it': tally.settingContinued + tally.settingErrorOutput,
			'dropped silently': tally.dropped,
		});
	});

	it.each(node.cases.map((testCase) => [testCase.name, testCase]))('%s', async (_name, testCase) => {
		if (testCase.setting) tally.settings++;
		else tally.values++;
		for (const onError of WAYS) {
			tally.runs++;
			let outcome;
			try {
				outcome = await runCase(node, testCase, onError);
			} catch (error) {
				if (/dropped/.test(String(error.message))) tally.dropped++;
				throw error;
			}
			tally[outcome]++;
		}
	});
});

import { routeFor, type DelayCost } from './oneHourTest';
import { wordForms } from './wordForms';

/**
 * Ready-made rules for the cases the design note names. Each matches an event-type value by
 * synonyms, so "form_submitted", "Lead Created" and "invoice.payment_failed" need no set-up.
 */
export type PresetId =
	| 'newLead'
	| 'budgetAlert'
	| 'systemDown'
	| 'paymentFailed'
	| 'customerRequest'
	| 'reporting'
	| 'dataEnrichment'
	| 'backup'
	| 'logArchival'
	| 'dataSync'
	| 'adDisapproved'
	| 'adAccountDisabled'
	| 'customerMessage'
	| 'monitoringAlert'
	| 'resolvedOrRecovered';

export interface Preset {
	id: PresetId;
	label: string;
	delayCost: DelayCost;
	synonyms: string[];
	/**
	 * Names matched from node version 2 on, written for its reading of word forms ("past due" also
	 * meets "went past due"). Kept apart so version 1 routes exactly as it always did.
	 */
	synonymsSince2?: string[];
	/** Set on rules first offered in node version 2. */
	since?: 2;
}

export const PRESETS: readonly Preset[] = [
	{
		id: 'newLead',
		label: 'New lead or form submission',
		delayCost: 'money',
		synonyms: [
			'new lead',
			'lead',
			'lead created',
			'lead submitted',
			'lead received',
			'form submission',
			'form submitted',
			'form submit',
			'form response',
			'contact form',
			'contact request',
			'demo request',
			'quote request',
			'signup',
			'sign up',
			'inquiry',
			'enquiry',
		],
		synonymsSince2: ['leadgen', 'invitee created', 'meeting booked', 'request demo'],
	},
	{
		id: 'budgetAlert',
		label: 'Budget exceeded',
		delayCost: 'money',
		synonyms: [
			'budget exceeded',
			'over budget',
			'budget alert',
			'budget overspend',
			'overspend',
			'spend limit',
			'spend limit reached',
			'budget limit',
			'spend alert',
			'spend cap',
		],
	},
	{
		id: 'systemDown',
		label: 'System down',
		delayCost: 'moneyAndTrust',
		synonyms: [
			'system down',
			'service down',
			'site down',
			'website down',
			'server down',
			'api down',
			'monitor down',
			'outage',
			'downtime',
			'incident',
			'health check failed',
			'uptime alert',
		],
		synonymsSince2: [
			'down',
			'offline',
			'unreachable',
			'service unavailable',
			'not responding',
			'not working',
			'majoroutage',
			'partialoutage',
			'degraded performance',
			'degradedperformance',
			'degraded',
			'investigating',
			'identified',
			'major',
		],
	},
	{
		id: 'paymentFailed',
		label: 'Payment failed',
		delayCost: 'moneyAndTrust',
		synonyms: ['payment failed', 'payment failure', 'failed payment', 'payment declined', 'card declined', 'charge failed', 'payment error', 'chargeback'],
		synonymsSince2: [
			'payment denied',
			'capture denied',
			'capture declined',
			'sale denied',
			'payment reversed',
			'approval reversed',
			'charged unsuccessfully',
			'past due',
			'settlement declined',
			'transaction declined',
			'billing attempt failure',
			'billing attempt challenged',
			'billing failed',
			'payment action required',
			'requires action',
			'checkout failed',
			'checkout failure',
			'checkout error',
		],
	},
	{
		id: 'customerRequest',
		label: 'VIP or time-sensitive customer request',
		delayCost: 'trust',
		synonyms: [
			'vip',
			'vip request',
			'vip ticket',
			'vip customer',
			'urgent',
			'urgent request',
			'urgent ticket',
			'priority ticket',
			'high priority',
			'escalation',
			'escalated',
			'time sensitive',
			'callback request',
		],
	},
	{
		id: 'reporting',
		label: 'Reporting',
		delayCost: 'nothing',
		synonyms: ['report', 'reporting', 'daily report', 'weekly report', 'monthly report', 'kpi report', 'analytics', 'dashboard refresh', 'digest', 'summary'],
		synonymsSince2: ['alert digest', 'alert report', 'alert summary'],
	},
	{
		id: 'dataEnrichment',
		label: 'Data enrichment',
		delayCost: 'nothing',
		synonyms: ['enrichment', 'data enrichment', 'enrich', 'lead enrichment', 'contact enrichment', 'company enrichment'],
	},
	{
		id: 'backup',
		label: 'Backup',
		delayCost: 'nothing',
		synonyms: ['backup', 'back up', 'database backup', 'snapshot'],
	},
	{
		id: 'logArchival',
		label: 'Log archival',
		delayCost: 'nothing',
		synonyms: ['log archival', 'log archive', 'archive logs', 'log rotation', 'archive', 'archival', 'logs'],
	},
	{
		id: 'dataSync',
		label: 'Data sync',
		delayCost: 'nothing',
		synonyms: [
			'data sync',
			'sync',
			'synchronization',
			'synchronisation',
			'synchronize',
			'synchronise',
			'crm sync',
			'contact sync',
			'lead sync',
			'import',
			'etl',
			'replication',
		],
	},
	{
		id: 'adDisapproved',
		label: 'Ad disapproved or not delivering',
		delayCost: 'money',
		since: 2,
		synonyms: [],
		// Meta's ad effective_status and Google Ads' policy and serving statuses.
		synonymsSince2: [
			'disapproved',
			'ad rejected',
			'policy violation',
			'with issues',
			'not eligible',
			'fully limited',
			'area of interest only',
			'delivery stopped',
			'not delivering',
			'prohibited',
		],
	},
	{
		id: 'adAccountDisabled',
		label: 'Ad account disabled',
		delayCost: 'money',
		since: 2,
		synonyms: [],
		// Meta's account_status and disable_reason values, Google Ads' customer status.
		synonymsSince2: [
			'account disabled',
			'disabled',
			'account suspended',
			'suspended',
			'unsettled',
			'pending billing info',
			'risk payment',
			'ads integrity policy',
			'account shut down',
			'compromised',
		],
	},
	{
		id: 'customerMessage',
		label: 'New support ticket or customer message',
		delayCost: 'trust',
		since: 2,
		synonyms: [],
		// Help desks' "ticket created" and "customer replied" events (Zendesk, Intercom, Help Scout, HubSpot).
		synonymsSince2: [
			'ticket created',
			'new ticket',
			'conversation created',
			'conversation user created',
			'convo created',
			'customer reply',
			'contact replied',
			'user replied',
		],
	},
	{
		id: 'monitoringAlert',
		label: 'Monitoring alert or error spike',
		delayCost: 'moneyAndTrust',
		since: 2,
		synonyms: [],
		// Alert states and common alert rule names of Prometheus, Alertmanager, Datadog and PagerDuty.
		synonymsSince2: [
			'alert',
			'firing',
			'triggered',
			'critical',
			'error rate',
			'high error rate',
			'latency high',
			'high request latency',
			'out of memory',
			'out of space',
			'out of disk space',
			'rule failure',
			'target missing',
			'error budget burn',
			'insufficient members',
			'not connected',
			'no leader',
			'crash looping',
			'not ready',
			'probe failed',
			'cluster red',
		],
	},
	{
		id: 'resolvedOrRecovered',
		label: 'Incident resolved, recovered or acknowledged',
		delayCost: 'nothing',
		since: 2,
		synonyms: [],
		// Someone is already on it or it is over: the record can wait, and "alert resolved" is not an alert.
		synonymsSince2: [
			'incident resolved',
			'incident acknowledged',
			'incident annotated',
			'alert resolved',
			'alert recovered',
			'alert acknowledged',
			'outage resolved',
			'monitor up',
			'service recovered',
			'back online',
			'resolved',
			'recovered',
		],
	},
];

export const ALL_PRESET_IDS: PresetId[] = PRESETS.map((preset) => preset.id);

/** The ready-made rules a node of this version offers, all switched on by default. */
export function presetsOfVersion(version: number): Preset[] {
	return PRESETS.filter((preset) => (preset.since ?? 1) <= version);
}

/**
 * Splits "invoice.payment_failed", "newLead" or "Form Submitted" into comparable words:
 * camelCase and separators split, lower case, a plural "s" dropped.
 */
export function eventWords(value: string): string[] {
	return value
		.replace(/([a-z0-9])([A-Z])/g, '$1 $2')
		.toLowerCase()
		.split(/[^a-z0-9]+/)
		.filter((word) => word !== '')
		.map((word) => (word.length > 3 && word.endsWith('s') && !word.endsWith('ss') ? word.slice(0, -1) : word));
}

export interface PresetMatch {
	preset: Preset;
	synonym: string;
	/** Set when a ready-made rule of the other route matched as strongly, and lost the tie. */
	tiedWith?: { preset: Preset; synonym: string };
}

export interface PresetMatcherOptions {
	/**
	 * Node version 2 on: when rules of both routes match equally, Real-Time wins (a wrong Batch costs
	 * money or trust, a wrong Real-Time one execution). Version 1: the rule named last wins.
	 */
	tiesGoRealTime?: boolean;
	/**
	 * Node version 2 on: event names are read in their word forms (wordForms.ts), and the names and
	 * rules added in version 2 take part. Version 1 reads words as eventWords does and knows its ten rules.
	 */
	version2Names?: boolean;
}

/**
 * Builds a matcher for the enabled presets. A value matches a synonym when the synonym's words
 * appear in it in a row. The longest synonym wins; between equally long ones the one mentioned
 * last wins, as the last word of a compound names the thing ("lead enrichment" is enrichment),
 * unless the tie is between the routes and ties go Real-Time.
 */
export function createPresetMatcher(enabled: readonly PresetId[], options: PresetMatcherOptions = {}): (eventType: string) => PresetMatch | undefined {
	const bySynonym = new Map<string, PresetMatch>();
	const toWords = options.version2Names ? wordForms : eventWords;
	let longest = 0;
	for (const preset of presetsOfVersion(options.version2Names ? 2 : 1)) {
		if (!enabled.includes(preset.id)) continue;
		for (const synonym of options.version2Names ? [...preset.synonyms, ...(preset.synonymsSince2 ?? [])] : preset.synonyms) {
			const words = toWords(synonym);
			longest = Math.max(longest, words.length);
			const key = words.join(' ');
			if (!bySynonym.has(key)) bySynonym.set(key, { preset, synonym });
		}
	}
	return (eventType) => {
		const words = toWords(eventType);
		// The matches of the greatest length, in the order they end.
		let strongest: PresetMatch[] = [];
		let strongestLength = 0;
		for (let start = 0; start < words.length; start++) {
			let key = '';
			for (let end = start; end < words.length && end - start < longest; end++) {
				key = end === start ? words[end] : `${key} ${words[end]}`;
				const match = bySynonym.get(key);
				if (!match) continue;
				const length = end - start + 1;
				if (length > strongestLength) {
					strongest = [match];
					strongestLength = length;
				} else if (length === strongestLength) {
					strongest.push(match);
				}
			}
		}
		return options.tiesGoRealTime ? realTimeWinsTies(strongest) : strongest[strongest.length - 1];
	};
}

function realTimeWinsTies(strongest: PresetMatch[]): PresetMatch | undefined {
	const last = strongest[strongest.length - 1];
	let lastRealTime: PresetMatch | undefined;
	let lastBatch: PresetMatch | undefined;
	for (const match of strongest) {
		if (routeFor(match.preset.delayCost) === 'realTime') lastRealTime = match;
		else lastBatch = match;
	}
	if (!lastRealTime || !lastBatch) return last;
	return { ...lastRealTime, tiedWith: { preset: lastBatch.preset, synonym: lastBatch.synonym } };
}

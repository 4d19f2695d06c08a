import { ALL_PRESET_IDS, createPresetMatcher, eventWords, PRESETS, presetsOfVersion } from '../../nodes/shared/latency/presets';
import { wordForms } from '../../nodes/shared/latency/wordForms';

describe('eventWords', () => {
	it('splits separators and camelCase and drops plural s', () => {
		expect(eventWords('invoice.payment_failed')).toEqual(['invoice', 'payment', 'failed']);
		expect(eventWords('newLeads')).toEqual(['new', 'lead']);
		expect(eventWords('Weekly-Reports')).toEqual(['weekly', 'report']);
		expect(eventWords('business')).toEqual(['business']);
	});
});

describe('createPresetMatcher', () => {
	const match = createPresetMatcher(ALL_PRESET_IDS);
	const presetOf = (eventType: string) => match(eventType)?.preset.id;

	it.each([
		['form_submitted', 'newLead'],
		['lead.created', 'newLead'],
		['newLead', 'newLead'],
		['Contact Form', 'newLead'],
		['budget_exceeded', 'budgetAlert'],
		['campaign.over_budget', 'budgetAlert'],
		['service-down', 'systemDown'],
		['invoice.payment_failed', 'paymentFailed'],
		['charge.failed', 'paymentFailed'],
		['vip_ticket', 'customerRequest'],
		['URGENT', 'customerRequest'],
		['daily_report', 'reporting'],
		['lead_enrichment', 'dataEnrichment'],
		['nightly-backup', 'backup'],
		['archive_logs', 'logArchival'],
		['crm.sync', 'dataSync'],
		['lead sync', 'dataSync'],
	])('matches %j to %s', (eventType, preset) => {
		expect(presetOf(eventType)).toBe(preset);
	});

	it.each(['page_view', 'profile_update', 'downgrade', ''])('matches nothing for %j', (eventType) => {
		expect(presetOf(eventType)).toBeUndefined();
	});

	it('prefers the longer synonym, then the one mentioned last', () => {
		// "lead" (new lead) and "enrichment" are both one word: the last-named thing wins
		expect(presetOf('lead enrichment job')).toBe('dataEnrichment');
		expect(presetOf('report on new lead')).toBe('newLead');
		// "payment failed" (two words) beats "report" (one word)
		expect(presetOf('report payment failed')).toBe('paymentFailed');
	});

	it('the longer synonym wins even when a shorter one comes after it (not simply the last match)', () => {
		expect(presetOf('payment failed report')).toBe('paymentFailed');
		expect(presetOf('failed payment sync')).toBe('paymentFailed');
		expect(presetOf('health check failed digest')).toBe('systemDown');
		expect(presetOf('lead sync')).toBe('dataSync');
		expect(presetOf('lead sync report')).toBe('dataSync');
	});

	it('between synonyms of the same length, the one that ends last wins (not the first found)', () => {
		expect(presetOf('sync lead')).toBe('newLead');
		expect(presetOf('lead sync')).toBe('dataSync');
		expect(presetOf('urgent report')).toBe('reporting');
		expect(presetOf('report urgent')).toBe('customerRequest');
		expect(match('report urgent')?.synonym).toBe('urgent');
	});

	it('finds synonyms of the longest length (three words) at the start, middle and end of an event type', () => {
		expect(match('health check failed')?.synonym).toBe('health check failed');
		expect(match('nightly health check failed now')?.synonym).toBe('health check failed');
		expect(match('spend limit reached')?.synonym).toBe('spend limit reached');
		expect(match('spend limit')?.synonym).toBe('spend limit');
		expect(match('limit reached')).toBeUndefined();
	});

	it('ignores presets that are switched off', () => {
		const leadsOnly = createPresetMatcher(['newLead']);
		expect(leadsOnly('daily_report')).toBeUndefined();
		expect(leadsOnly('lead enrichment')?.preset.id).toBe('newLead');
	});

	it('has no synonym claimed by two presets', () => {
		const owners = new Map<string, string>();
		for (const preset of PRESETS) {
			for (const synonym of preset.synonyms) {
				const key = eventWords(synonym).join(' ');
				expect(owners.get(key) ?? preset.id).toBe(preset.id);
				owners.set(key, preset.id);
			}
		}
	});
});

describe('createPresetMatcher with ties going Real-Time (node version 2)', () => {
	const v1 = createPresetMatcher(ALL_PRESET_IDS);
	const v2 = createPresetMatcher(ALL_PRESET_IDS, { tiesGoRealTime: true });

	it('a tie of both routes: version 1 takes the one named last, version 2 the Real-Time one, naming the Batch one', () => {
		expect(v1('urgent_report')).toEqual({ preset: expect.objectContaining({ id: 'reporting' }), synonym: 'report' });
		expect(v1('report urgent')?.preset.id).toBe('customerRequest');
		expect(v2('urgent_report')).toEqual({
			preset: expect.objectContaining({ id: 'customerRequest' }),
			synonym: 'urgent',
			tiedWith: { preset: expect.objectContaining({ id: 'reporting' }), synonym: 'report' },
		});
		expect(v2('report urgent')).toMatchObject({ preset: { id: 'customerRequest' }, tiedWith: { preset: { id: 'reporting' } } });
	});

	it('among several, the last Real-Time one wins and the last Batch one is named', () => {
		expect(v2('vip backup outage sync')).toMatchObject({
			preset: { id: 'systemDown' },
			synonym: 'outage',
			tiedWith: { preset: { id: 'dataSync' }, synonym: 'sync' },
		});
	});

	it('no tie without both routes among the strongest matches', () => {
		expect(v2('backup archive')).toEqual({ preset: expect.objectContaining({ id: 'logArchival' }), synonym: 'archive' });
		expect(v2('vip outage')).toEqual({ preset: expect.objectContaining({ id: 'systemDown' }), synonym: 'outage' });
		expect(v2('urgent weekly report')).toEqual({ preset: expect.objectContaining({ id: 'reporting' }), synonym: 'weekly report' });
		expect(v2('page_view')).toBeUndefined();
	});
});

describe('createPresetMatcher reading word forms, with the rules added in version 2', () => {
	const v2 = createPresetMatcher(ALL_PRESET_IDS, { tiesGoRealTime: true, version2Names: true });
	const v1 = createPresetMatcher(ALL_PRESET_IDS);
	const presetOf = (eventType: string) => v2(eventType)?.preset.id;

	it.each([
		['Demo Requested', 'newLead'],
		['Signed Up', 'newLead'],
		['leads_created', 'newLead'],
		['Form Submissions', 'newLead'],
		['Payment Failing', 'paymentFailed'],
		['payments.failed', 'paymentFailed'],
		['Card was declined', 'paymentFailed'],
		['subscription_went_past_due', 'paymentFailed'],
		['the site went down', 'systemDown'],
		['Website Is Down', 'systemDown'],
		['service unavailable', 'systemDown'],
		['chargebacks', 'paymentFailed'],
		['Nightly Backups', 'backup'],
		['contacts syncing', 'dataSync'],
		['reports generated', 'reporting'],
		['Escalation', 'customerRequest'],
		['AD_GROUP_AD_DISAPPROVED', 'adDisapproved'],
		['ad was rejected', 'adDisapproved'],
		['Delivery has stopped', 'adDisapproved'],
		['GRAY_ACCOUNT_SHUT_DOWN', 'adAccountDisabled'],
		['Ad Account Disabled', 'adAccountDisabled'],
		['onTicketCreate', 'customerMessage'],
		['convo.customer.reply.created', 'customerMessage'],
		['KubeAPIErrorBudgetBurn', 'monitoringAlert'],
		['HighErrorRate', 'monitoringAlert'],
		['alerts firing', 'monitoringAlert'],
		['incident.resolved', 'resolvedOrRecovered'],
		['alert.recovered', 'resolvedOrRecovered'],
		['alert digest', 'reporting'],
		['budget alert', 'budgetAlert'],
	])('matches %j to %s', (eventType, preset) => {
		expect(presetOf(eventType)).toBe(preset);
	});

	it.each([
		'downgrade',
		'download',
		'leaderboard',
		'unsubscribe',
		'identify',
		'trigger fired',
		'workflow trigger',
		'breakdown',
		'checkout started',
		'payment info entered',
		'trial started',
		'subscribe',
	])('matches nothing for the unrelated %j', (eventType) => {
		expect(v2(eventType)).toBeUndefined();
	});

	it('version 1 does not read word forms nor know the rules or names added in version 2', () => {
		for (const eventType of ['Demo Requested', 'Payment Failing', 'the site went down', 'DISAPPROVED', 'HighErrorRate', 'leadgen', 'incident.resolved']) {
			expect(v1(eventType)?.preset.id).not.toBe(presetOf(eventType));
		}
		expect(v1('incident.resolved')?.preset.id).toBe('systemDown');
		expect(v1('Leads')?.preset.id).toBe('newLead');
	});

	it('a rule added in version 2 is off unless enabled; a version-2 name of an old rule is off with its rule', () => {
		const noAds = createPresetMatcher(['newLead', 'systemDown'], { version2Names: true });
		expect(noAds('DISAPPROVED')).toBeUndefined();
		expect(noAds('leadgen')?.preset.id).toBe('newLead');
		expect(noAds('InstanceDown')?.synonym).toBe('down');
		expect(createPresetMatcher(['systemDown'], { version2Names: true })('leadgen')).toBeUndefined();
	});

	it('the longest synonym in word forms wins: "Incident Acknowledged" is handled, "Incident Unacknowledged" is not', () => {
		expect(v2('incident.acknowledged')).toEqual({ preset: expect.objectContaining({ id: 'resolvedOrRecovered' }), synonym: 'incident acknowledged' });
		expect(v2('incident.unacknowledged')).toEqual({ preset: expect.objectContaining({ id: 'systemDown' }), synonym: 'incident' });
		expect(v2('GRAY_ACCOUNT_SHUT_DOWN')?.synonym).toBe('account shut down');
	});

	it('has no synonym claimed by two presets in the version-2 reading either', () => {
		const owners = new Map<string, string>();
		for (const preset of PRESETS) {
			for (const synonym of [...preset.synonyms, ...(preset.synonymsSince2 ?? [])]) {
				const key = wordForms(synonym).join(' ');
				expect([synonym, owners.get(key) ?? preset.id]).toEqual([synonym, preset.id]);
				owners.set(key, preset.id);
			}
		}
	});

	it('version 1 offers its ten rules; version 2 adds five', () => {
		expect(presetsOfVersion(1).map((preset) => preset.id)).toEqual([
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
		]);
		expect(presetsOfVersion(2).map((preset) => preset.id)).toEqual(ALL_PRESET_IDS);
		expect(ALL_PRESET_IDS).toHaveLength(15);
	});
});

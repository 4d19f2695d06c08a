import { commonForm, splitWords, wordForms } from '../../nodes/shared/latency/wordForms';

describe('splitWords', () => {
	it('splits separators, camelCase and runs of capitals before a word', () => {
		expect(splitWords('KubeAPIErrorBudgetBurn')).toEqual(['kube', 'api', 'error', 'budget', 'burn']);
		expect(splitWords('NginxHighHttp5xxErrorRate')).toEqual(['nginx', 'high', 'http5xx', 'error', 'rate']);
		expect(splitWords('zen:event-type:ticket.created')).toEqual(['zen', 'event', 'type', 'ticket', 'created']);
		expect(splitWords('subscription_billing_attempts/failure')).toEqual(['subscription', 'billing', 'attempts', 'failure']);
		expect(splitWords('API')).toEqual(['api']);
		expect(splitWords(' -- ')).toEqual([]);
	});
});

describe('wordForms', () => {
	it.each([
		// past tense, gerund, third person and the plain verb meet
		[['failed', 'failing', 'fails', 'fail', 'FAILED'], 'fail'],
		[['created', 'creation', 'creates', 'create', 'creations'], 'creat'],
		[['declined', 'declines', 'decline', 'declining'], 'declin'],
		[['submitted', 'submits', 'submit', 'submitting'], 'submit'],
		[['stopped', 'stopping', 'stops', 'stop'], 'stop'],
		[['replied', 'replies', 'reply'], 'reply'],
		[['denied', 'denies', 'deny'], 'deny'],
		[['escalated', 'escalation', 'escalates'], 'escalat'],
		[['synchronization', 'synchronisation', 'synchronize', 'synchronized'], 'synchroniz'],
		[['issues', 'issue'], 'issu'],
		[['statuses', 'status'], 'status'],
		[['crashes', 'crash'], 'crash'],
		[['went', 'gone', 'goes', 'going', 'go'], 'go'],
		[['paid', 'pay'], 'pay'],
		[['sent', 'send'], 'send'],
		[['notifications', 'notification'], 'notificat'],
		[['meetings', 'meeting'], 'meet'],
	])('%j all read as %j', (forms, common) => {
		for (const form of forms) expect(wordForms(form)).toEqual([common]);
	});

	it('leaves out articles and auxiliaries, keeps "not", "no" and "of"', () => {
		expect(wordForms('The site is down')).toEqual(['sit', 'down']);
		expect(wordForms('Payment has been declined')).toEqual(['payment', 'declin']);
		expect(wordForms('Subscription went past due')).toEqual(['subscript', 'go', 'past', 'due']);
		expect(wordForms('HostOutOfMemory')).toEqual(['host', 'out', 'of', 'memory']);
		expect(wordForms('etcdNoLeader')).toEqual(['etcd', 'no', 'leader']);
		expect(wordForms('KubeNodeNotReady')).toEqual(['kub', 'nod', 'not', 'ready']);
		expect(wordForms('a an the is are was were has have had been being')).toEqual([]);
	});

	it('keeps words whose regular stem would meet a word of another meaning', () => {
		expect(commonForm('identified')).not.toBe(commonForm('identify'));
		expect(commonForm('firing')).not.toBe(commonForm('fired'));
		expect(commonForm('triggered')).not.toBe(commonForm('trigger'));
	});

	it('leaves short words, double s and ll, -eed and -us, -is and -ss plurals alone', () => {
		expect(wordForms('ads red bed due')).toEqual(['ads', 'red', 'bed', 'due']);
		expect(wordForms('process business missing')).toEqual(['process', 'business', 'miss']);
		expect(wordForms('exceeded exceed speed')).toEqual(['exceed', 'exceed', 'speed']);
		expect(wordForms('bus analysis bill billing')).toEqual(['bus', 'analysis', 'bill', 'bill']);
		expect(wordForms('action actions ring sing')).toEqual(['action', 'action', 'ring', 'sing']);
	});

	it('pins the length limits of each ending', () => {
		// -ies/-ied need more than four letters; -tion more than six; -ing and -ed six and five
		expect(commonForm('ties')).toBe('tie');
		expect(commonForm('tied')).toBe('tied');
		expect(commonForm('flies')).toBe('fly');
		expect(commonForm('dried')).toBe('dry');
		expect(commonForm('motion')).toBe('motion');
		expect(commonForm('station')).toBe('stat');
		expect(commonForm('during')).toBe('dur');
		expect(commonForm('thing')).toBe('thing');
		expect(commonForm('ended')).toBe('end');
		expect(commonForm('shed')).toBe('shed');
		expect(commonForm('axes')).toBe('axe');
		expect(commonForm('boxes')).toBe('box');
		expect(commonForm('buses')).toBe('bus');
		expect(commonForm('cats')).toBe('cat');
		expect(commonForm('its')).toBe('its');
		expect(commonForm('rate')).toBe('rat');
		expect(commonForm('one')).toBe('one');
		expect(commonForm('off')).toBe('off');
		expect(commonForm('stuff')).toBe('stuf');
		expect(commonForm('summaries')).toBe('summary');
	});
});

/**
 * How long one message may be, in characters, where it goes. Slack cuts a message's text at 40,000
 * characters and a section block at 3,000 (its chat.postMessage and Block Kit limits); Gmail clips
 * messages above about 102 KB, so an e-mail digest stays under 100,000.
 */
export const DIGEST_BUDGETS = {
	slackMessage: 40_000,
	slackSection: 3_000,
	email: 100_000,
} as const;

export type DigestBudget = keyof typeof DIGEST_BUDGETS | 'custom';

/** Below this a message cannot hold its heading and a useful line. */
export const MIN_BUDGET = 200;

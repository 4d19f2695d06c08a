/**
 * The one-hour test: "what happens if this result is delayed by one hour?"
 * Nothing -> batch it. Money or trust lost -> real time.
 */
export type Route = 'realTime' | 'batch';

export type DelayCost = 'nothing' | 'money' | 'trust' | 'moneyAndTrust';

export function routeFor(cost: DelayCost): Route {
	return cost === 'nothing' ? 'batch' : 'realTime';
}

const COST_WORDS: Record<DelayCost, string> = {
	nothing: 'a one-hour delay costs nothing',
	money: 'a one-hour delay costs money',
	trust: 'a one-hour delay costs trust',
	moneyAndTrust: 'a one-hour delay costs money and trust',
};

export function describeCost(cost: DelayCost): string {
	return COST_WORDS[cost];
}

export const ROUTE_NAMES: Record<Route, string> = { realTime: 'Real-Time', batch: 'Batch' };

/**
 * Reduces the words of an event name to a common form, so "Payment Failed", "payment_failing",
 * "payments fail" and "subscription went down" meet the synonyms written once in the presets.
 * Applied the same way to synonyms and event types; a stem only has to be the same on both sides,
 * not a real word. Node version 2 on.
 */

/** Words that carry no meaning in an event name ("Site is down", "The payment has failed"). */
const FILLER_WORDS = new Set(['a', 'an', 'the', 'is', 'are', 'was', 'were', 'has', 'have', 'had', 'been', 'being']);

/** Irregular forms, and words whose regular stem would meet a word they do not mean. */
const FIXED_FORMS = new Map<string, string>([
	['went', 'go'],
	['gone', 'go'],
	['goes', 'go'],
	['going', 'go'],
	['paid', 'pay'],
	['sent', 'send'],
	// Statuspage's "identified" is an outage stage; "identify" (Segment) is a profile update.
	['identified', 'identified'],
	// Alertmanager's "firing" is an alert; "fired" is any trigger or event that ran.
	['firing', 'firing'],
	// "triggered" names a monitor that went off; a "trigger" is any workflow start.
	['triggered', 'triggered'],
]);

/** Splits "KubeAPIErrorBudgetBurn" or "invoice.payment_failed" into lower-case words. */
export function splitWords(value: string): string[] {
	return value
		.replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2')
		.replace(/([a-z0-9])([A-Z])/g, '$1 $2')
		.toLowerCase()
		.split(/[^a-z0-9]+/)
		.filter((word) => word !== '');
}

/** The event name's words in their common form, filler words left out. */
export function wordForms(value: string): string[] {
	return splitWords(value)
		.filter((word) => !FILLER_WORDS.has(word))
		.map(commonForm);
}

export function commonForm(word: string): string {
	const fixed = FIXED_FORMS.get(word);
	if (fixed !== undefined) return fixed;
	return tidyEnding(verbStem(singular(word)));
}

function singular(word: string): string {
	if (word.length > 4 && word.endsWith('ies')) return `${word.slice(0, -3)}y`;
	if (word.length > 4 && /(shes|ches|xes|sses|zes|uses)$/.test(word)) return word.slice(0, -2);
	if (word.length > 3 && word.endsWith('s') && !/(ss|us|is)$/.test(word)) return word.slice(0, -1);
	return word;
}

/** Past tense, gerund and the noun in -tion meet the verb: "failed", "failing", "creation". */
function verbStem(word: string): string {
	if (word.length > 4 && word.endsWith('ied')) return `${word.slice(0, -3)}y`;
	if (/(ization|isation)$/.test(word)) return `${word.slice(0, -7)}iz`;
	if (word.length > 6 && word.endsWith('tion')) return word.slice(0, -3);
	if (word.length >= 6 && word.endsWith('ing')) return word.slice(0, -3);
	if (word.length >= 5 && word.endsWith('ed') && !word.endsWith('eed')) return word.slice(0, -2);
	return word;
}

/** "declin(e)", "submitt(ed)" and "stopp(ing)" meet "decline", "submit" and "stop". */
function tidyEnding(stem: string): string {
	if (stem.length > 3 && stem.endsWith('e')) return stem.slice(0, -1);
	if (stem.length > 3 && /([b-df-hj-np-tv-z])\1$/.test(stem) && !/(ss|ll)$/.test(stem)) return stem.slice(0, -1);
	return stem;
}

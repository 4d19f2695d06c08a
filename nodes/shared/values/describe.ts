/** Shows an item's value inside an error message as the operator would recognise it. */
export function describeValue(value: unknown): string {
	if (typeof value === 'number' || typeof value === 'bigint') return String(value);
	if (value === undefined) return 'empty';
	const text = JSON.stringify(value) ?? String(value);
	return text.length > 80 ? `${text.slice(0, 77)}...` : text;
}

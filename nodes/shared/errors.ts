/**
 * Errors raised by the engine-free core. Node shells turn them into n8n errors:
 * an item error names the item's field, a setting error names the node parameter.
 */
export class InvalidItemValueError extends Error {
	constructor(
		readonly field: string,
		message: string,
	) {
		super(message);
		this.name = 'InvalidItemValueError';
	}
}

export class InvalidSettingError extends Error {
	constructor(
		readonly parameter: string,
		message: string,
	) {
		super(message);
		this.name = 'InvalidSettingError';
	}
}

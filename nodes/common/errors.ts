import {
	NodeOperationError,
	type IDataObject,
	type IExecuteFunctions,
	type INode,
	type INodeExecutionData,
	type IPairedItemData,
	type NodeApiError,
} from 'n8n-workflow';

import { InvalidItemValueError, InvalidSettingError } from '../shared/errors';
import { attempt } from '../shared/values/attempt';

/** A problem with one item: names the item index and the field, so the operator can find it. */
export function itemError(node: INode, error: unknown, itemIndex: number): NodeOperationError {
	if (error instanceof InvalidItemValueError) {
		return new NodeOperationError(node, `"${error.field}" in item ${itemIndex} ${error.message}`, {
			itemIndex,
			description: `Fix the value in the input, or set Settings › On Error to "Continue" to carry on with the other items and pass this one on with its error.`,
		});
	}
	if (error instanceof NodeOperationError) {
		if (error.context.itemIndex === undefined) error.context.itemIndex = itemIndex;
		return error;
	}
	return new NodeOperationError(node, error as Error, { itemIndex, message: `Item ${itemIndex}: ${(error as Error).message}` });
}

/** A problem with the node's own settings: names the parameter to fix. */
export function settingError(node: INode, error: unknown): NodeOperationError {
	if (error instanceof InvalidSettingError) {
		return new NodeOperationError(node, `${error.parameter}: ${error.message}`);
	}
	if (error instanceof NodeOperationError) return error;
	return new NodeOperationError(node, error as Error);
}

/**
 * The json of an item that goes on with its error under On Error: Continue. For the error output
 * it holds only the error: n8n moves such an item there and merges the input item's data back in.
 */
export function errorJson(node: INode, fields: IDataObject | (() => IDataObject), message: string, description?: string | null): IDataObject {
	// n8n's error output takes `details` beside the error; on the regular output the item keeps its
	// fields (read only then, when they cost a parameter read).
	if (node.onError === 'continueErrorOutput') return description === undefined ? { error: message } : { error: message, details: description };
	const own = typeof fields === 'function' ? fields() : fields;
	return description === undefined ? { ...own, error: message } : { ...own, error: message, description };
}

/**
 * An item that failed, as the node's On Error setting says: Stop Workflow throws the error;
 * Continue gives the item that goes on carrying it (for the error output n8n moves it there).
 */
export function goesOnWithError(
	context: IExecuteFunctions,
	error: NodeOperationError | NodeApiError,
	fields: IDataObject | (() => IDataObject),
	pairedItem: IPairedItemData | IPairedItemData[],
	description?: string | null,
): INodeExecutionData {
	if (!context.continueOnFail()) throw error;
	return { json: errorJson(context.getNode(), fields, error.message, description), pairedItem };
}

/** A settings problem found mid-run (e.g. by the alert memory): thrown, or every item on `outputIndex` with it. */
export function settingErrorOutputs(context: IExecuteFunctions, error: NodeOperationError, outputCount: number, outputIndex: number): INodeExecutionData[][] {
	if (!context.continueOnFail()) throw error;
	return itemsWithSettingError(context, error, outputCount, outputIndex);
}

/**
 * Reads a node's settings once per execution. A problem stops the node with an error naming the
 * parameter, or, with On Error: Continue, gives the outputs to return: every item on `outputIndex`
 * carrying that error (see itemsWithSettingError).
 */
export function settingsOrOutputs<S>(
	context: IExecuteFunctions,
	read: () => S,
	outputCount: number,
	outputIndex: number,
): { settings: S } | { outputs: INodeExecutionData[][] } {
	const outcome = attempt(read);
	if (outcome.ok) return { settings: outcome.value };
	return { outputs: settingErrorOutputs(context, settingError(context.getNode(), outcome.error), outputCount, outputIndex) };
}

/**
 * A settings error under "On Error: Continue": thrown, n8n would pass the input items on untouched,
 * down the first output, as if they had been judged. Instead every item goes out on
 * `outputIndex` carrying the error (for the error output the engine moves them there and merges
 * each item's data back in, as it does for item errors).
 */
export function itemsWithSettingError(context: IExecuteFunctions, error: NodeOperationError, outputCount: number, outputIndex: number): INodeExecutionData[][] {
	const node = context.getNode();
	const outputs: INodeExecutionData[][] = Array.from({ length: outputCount }, () => []);
	outputs[outputIndex] = context.getInputData().map((item, itemIndex) => ({
		json: errorJson(node, item.json, error.message),
		pairedItem: { item: itemIndex },
	}));
	return outputs;
}

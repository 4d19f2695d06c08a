/**
 * What a piece of core code threw, for tests that assert the words an operator reads. Without a
 * catch block: n8n's lint allows rethrowing only n8n's own errors from one.
 */
import { InvalidItemValueError } from '../../nodes/shared/errors';
import { attempt } from '../../nodes/shared/values/attempt';

/** The error `work` threw, or undefined when it returned. */
export function thrown(work: () => unknown): unknown {
	const outcome = attempt(work);
	return outcome.ok ? undefined : outcome.error;
}

/** "field: message" of the item error `work` threw; 'no error' when it returned; anything else is rethrown. */
export function itemProblem(work: () => unknown): string {
	const error = thrown(work);
	if (error === undefined) return 'no error';
	if (error instanceof InvalidItemValueError) return `${error.field}: ${error.message}`;
	throw error;
}

/** The message of the error of class `type` that `work` threw; 'no error' when it returned. */
export function problemOf<T extends Error>(type: new (...args: never[]) => T, work: () => unknown): string {
	const error = thrown(work);
	if (error === undefined) return 'no error';
	if (error instanceof type) return error.message;
	throw error;
}

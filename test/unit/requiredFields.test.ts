/**
 * The Latency Classifier's Required Fields (latency/requiredFields.ts): what counts as missing,
 * which field is named, and what an empty list means.
 */
import { InvalidSettingError } from '../../nodes/shared/errors';
import { compileRequiredFields } from '../../nodes/shared/latency/requiredFields';
import { itemProblem } from './thrown';

const check = (list: string) => {
	const compiled = compileRequiredFields(list, 'Required Fields');
	if (!compiled) throw new Error('no check');
	return compiled;
};
const missingField = (list: string, json: unknown) => {
	const problem = itemProblem(() => check(list)(json));
	return problem === 'no error' ? undefined : problem;
};

describe('compileRequiredFields', () => {
	it('no fields (empty, spaces, commas) is no check at all', () => {
		expect(compileRequiredFields('', 'Required Fields')).toBeUndefined();
		expect(compileRequiredFields(' , \n ', 'Required Fields')).toBeUndefined();
	});

	it('missing, null, empty and blank text are missing; 0, false and lists are values', () => {
		for (const value of [undefined, null, '', '   ', '\t\n'])
			expect(missingField('body.eventType', { body: { eventType: value } })).toBe('body.eventType: is required but missing or empty');
		for (const value of [0, false, 'x', ' x ', [], {}]) expect(missingField('body.eventType', { body: { eventType: value } })).toBeUndefined();
		expect(missingField('body.eventType', { body: null })).toBe('body.eventType: is required but missing or empty');
		expect(missingField('body.eventType', 'not an object')).toBe('body.eventType: is required but missing or empty');
	});

	it('names the first field missing, in the order listed', () => {
		expect(missingField('email, name', {})).toBe('email: is required but missing or empty');
		expect(missingField('email, name', { email: 'a@b.c' })).toBe('name: is required but missing or empty');
		expect(missingField('email\nname', { name: 'Ana' })).toBe('email: is required but missing or empty');
		expect(missingField('email, name', { email: 'a@b.c', name: 'Ana' })).toBeUndefined();
	});

	it('a field path that cannot be read is a settings error naming the parameter', () => {
		expect(() => compileRequiredFields('body[', 'Required Fields')).toThrow(InvalidSettingError);
		expect(() => compileRequiredFields('body[', 'Required Fields')).toThrow(expect.objectContaining({ parameter: 'Required Fields' }));
	});
});

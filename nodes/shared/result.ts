/** What a parser gives back: the value, or a sentence saying what is wrong with the input. */
export type Result<T> = { ok: true; value: T } | { ok: false; problem: string };

export const success = <T>(value: T): Result<T> => ({ ok: true, value });
export const failure = <T = never>(problem: string): Result<T> => ({ ok: false, problem });

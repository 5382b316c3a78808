// Errors counted per category. A request counts once in each category it has an error of, however many
// errors of that category it has: every figure, connection and view counts this way.

import {ERROR_CATEGORIES, type ErrorCategory, type RequestView} from './types.js';

export type ErrorCounts = Record<ErrorCategory, number>;

/** The categories a request has errors of, each once, in ERROR_CATEGORIES order. */
export function errorCategoriesOf(request: Pick<RequestView, 'errors'>): ErrorCategory[] {
	return ERROR_CATEGORIES.filter((category) => request.errors.some((error) => error.category === category));
}

export function zeroCounts(): ErrorCounts {
	return {authorizer: 0, waf: 0, integration: 0, throttle: 0, client: 0, gateway: 0};
}

// The engine's six error categories (core/classify/) as Logs Insights filter expressions over the access
// fields a stage logs. Only the access log is queried, so a request counts in a category exactly when the
// classifier, given that request's access line alone, gives it an error of that category. Pure.
//
// How the classifier reads an access line, restated as sets:
// - U(c), evidence that names category c: a known error.responseType, an error.message it recognises
//   (both only on a failed response), authorizer.*/waf.*/integration.* error texts and step statuses,
//   error.validationErrorString;
// - an "echo" (an unknown response type such as DEFAULT_5XX, or a message it does not recognise) adds the
//   status's own category g only when no U evidence fits the status;
// - a failing status nothing explains adds g too.

import {ERROR_CATEGORIES, type ErrorCategory} from '../../core/types.js';
import type {AccessQueryFields} from './access-query-fields.js';
import {all, any, FALSE, not, term, TRUE, type Expression} from './query-expression.js';

const RESPONSE_TYPES: Record<ErrorCategory, readonly string[]> = {
	authorizer: ['UNAUTHORIZED', 'ACCESS_DENIED', 'AUTHORIZER_FAILURE', 'AUTHORIZER_CONFIGURATION_ERROR', 'EXPIRED_TOKEN', 'INVALID_SIGNATURE'],
	waf: ['WAF_FILTERED'],
	integration: ['INTEGRATION_FAILURE', 'INTEGRATION_TIMEOUT'],
	throttle: ['THROTTLED', 'QUOTA_EXCEEDED'],
	client: [
		'BAD_REQUEST_PARAMETERS',
		'BAD_REQUEST_BODY',
		'INVALID_API_KEY',
		'MISSING_AUTHENTICATION_TOKEN',
		'RESOURCE_NOT_FOUND',
		'REQUEST_TOO_LARGE',
		'UNSUPPORTED_MEDIA_TYPE',
	],
	gateway: ['API_CONFIGURATION_ERROR'],
};

/** core/classify/access.ts CLIENT_MESSAGES, in the service's regex dialect (`(?i)` for case). */
const CLIENT_MESSAGES: Partial<Record<ErrorCategory, string>> = {
	authorizer: '^\\s*unauthori[sz]ed\\s*$|^\\s*user is not authorized to access this resource|security token|signature',
	throttle: '^\\s*(limit exceeded|too many requests|rate exceeded)',
	integration: '^\\s*(endpoint request timed out|network error communicating with endpoint)',
	client: '^\\s*missing authentication token',
};

const AUTHORIZER_ERRORS = ['authorizer.error', 'authorize.error', 'authenticate.error'];
const AUTHORIZER_STATUSES = ['authorizer.status', 'authorize.status', 'authenticate.status', 'authorizer.integrationStatus'];
const INTEGRATION_ERRORS = ['integration.error', 'integrationErrorMessage'];
const INTEGRATION_STATUSES = ['integration.status', 'integrationStatus', 'integration.integrationStatus'];
const PAST_AUTHORIZER = ['authorizer.principalId', 'integration.status', 'integrationStatus', 'integration.latency', 'integrationLatency'];
const AUTHORIZER_FIELD = /^(?:authorizer|authorize|authenticate)(?:\.|$)/;

export type CategoryPredicates = Readonly<Record<ErrorCategory, Expression>>;

/**
 * For each category, the lines that count in it; FALSE where the format cannot show that category at all.
 * Whether the status's own category is added depends on the status, so that part is written once per
 * status case with the status a constant: the rules fold to what that status allows, which keeps each
 * query far below the service's 10,000 characters.
 */
export function categoryPredicates(fields: AccessQueryFields): CategoryPredicates {
	const general = new Rules(fields);
	const status = fields.field('status');
	const cases: Array<{test: Expression; rules: Rules}> =
		status === undefined
			? [{test: TRUE, rules: general}]
			: STATUS_CASES.map(({sample, test}) => ({test: test(status), rules: new Rules(fields, sample)}));
	return Object.fromEntries(
		ERROR_CATEGORIES.map((category) => [
			category,
			any(
				general.named([category]),
				...cases.map(({test, rules}) => all(rules.statusCategoryIs(category), test, statusCategoryAdded(rules))),
			),
		]),
	) as Record<ErrorCategory, Expression>;
}

/** The statuses the classifier tells apart, each with one status that stands for the case. */
const STATUS_CASES: Array<{sample: number | 'missing'; test: (status: string) => Expression}> = [
	// No number at all (`-`, empty, not logged on this line): every comparison is false.
	{sample: 'missing', test: (status) => all(not(term(`${status} >= 0`)), not(term(`${status} < 0`)))},
	...[401, 403, 429, 502, 504].map((code) => ({sample: code, test: (status: string) => term(`${status} = ${code}`)})),
	{
		sample: 400,
		test: (status) => all(term(`${status} >= 400`), term(`${status} < 500`), ...[401, 403, 429].map((code) => not(term(`${status} = ${code}`)))),
	},
	{sample: 500, test: (status) => all(term(`${status} >= 500`), ...[502, 504].map((code) => not(term(`${status} = ${code}`))))},
];

/**
 * The status's own category is added: an echo that no named evidence fitting the status takes, or a
 * failing status nothing explains. With R, M "a response type / message is there" and KT, KM "a known
 * one is", the classifier's rule reduces to: no error field fitting the status, and either a failing
 * status with neither R nor M, or an echo ((R and not KT) or (M and not KM)) with no known type or message fitting the status.
 */
function statusCategoryAdded(rules: Rules): Expression {
	const fitting = ERROR_CATEGORIES.filter((category) => isTrue(rules.fits(category)));
	const typed = all(rules.failed, rules.present('error.responseType'));
	const messaged = all(rules.failed, rules.present('error.message'));
	const echo = any(all(typed, not(rules.responseTypeIn(ERROR_CATEGORIES))), all(messaged, not(rules.messageOf(ERROR_CATEGORIES))));
	return all(
		not(rules.fromFields(fitting)),
		any(
			all(rules.statusAtLeast(400), not(typed), not(messaged)),
			all(echo, not(rules.responseTypeIn(fitting)), not(rules.messageOf(fitting))),
		),
	);
}

function isTrue(expression: Expression): boolean {
	return expression.kind === 'constant' && expression.value;
}

/**
 * Lines with an error of any category. Simpler than the categories together: a failing status always
 * makes an error (the evidence that explains it, or the status itself), so other lines need an error
 * field, or (without a status) a response type or message.
 */
export function anyErrorPredicate(fields: AccessQueryFields): Expression {
	const rules = new Rules(fields);
	return any(
		rules.statusAtLeast(400),
		rules.fromFields(ERROR_CATEGORIES),
		all(rules.failed, any(rules.present('error.responseType'), rules.present('error.message'))),
	);
}

/** Categories the format cannot tell apart from others or cannot show, said for the user. */
export function categoryBlindSpots(fields: AccessQueryFields): string[] {
	const has = (names: readonly string[]) => names.some((name) => fields.field(name) !== undefined);
	const notes: string[] = [];
	if (fields.field('status') === undefined) notes.push('no $context.status: failures without an error field are all counted as gateway errors');
	if (!has(['error.responseType', 'error.message'])) notes.push('no error.responseType or error.message: categories come from statuses (429 throttle, 502/504 integration, other 4xx client, 5xx gateway)');
	if (!has([...AUTHORIZER_ERRORS, ...AUTHORIZER_STATUSES, 'error.responseType'])) notes.push('no authorizer.* fields: authorizer denials count as client errors');
	if (!has(['waf.status', 'waf.error', 'wafResponseCode', 'error.responseType'])) notes.push('no waf.* fields: WAF blocks count as client errors');
	if (!has([...INTEGRATION_ERRORS, ...INTEGRATION_STATUSES, 'error.responseType'])) notes.push('no integration.* fields: integration failures other than 502/504 count as gateway errors');
	return notes;
}

class Rules {
	readonly failed: Expression;
	readonly #status: string | undefined;

	/** `sample`: the rules for lines of that status (a constant), or of lines without one, instead of any status. */
	constructor(
		private readonly fields: AccessQueryFields,
		private readonly sample?: number | 'missing',
	) {
		this.#status = sample === 'missing' ? undefined : fields.field('status');
		// A missing status counts as failed, as in the classifier: `not (status < 400)` is true for it.
		this.failed = this.#status === undefined ? TRUE : not(this.statusBelow(400));
	}

	statusBelow(code: number): Expression {
		if (typeof this.sample === 'number') return this.sample < code ? TRUE : FALSE;
		return this.#status === undefined ? FALSE : term(`${this.#status} < ${code}`);
	}

	/** Logged with a value: not empty, not whitespace, not `-` (fieldValue in core/classify/evidence.ts). */
	present(variable: string): Expression {
		const field = this.fields.field(variable);
		return field === undefined ? FALSE : term(`${field} =~ /[^\\s-]|-.*-/`);
	}

	anyPresent(variables: readonly string[]): Expression {
		return any(...variables.map((variable) => this.present(variable)));
	}

	/** Evidence naming one of `categories`: a response type, a recognised message or an error field. */
	named(categories: readonly ErrorCategory[]): Expression {
		return any(this.responseTypeIn(categories), this.messageOf(categories), this.fromFields(categories));
	}

	fromFields(categories: readonly ErrorCategory[]): Expression {
		return any(...categories.map((category) => this.fieldEvidence(category)));
	}

	/** A known gateway response type of one of `categories`, as one regex. */
	responseTypeIn(categories: readonly ErrorCategory[]): Expression {
		const field = this.fields.field('error.responseType');
		const types = categories.flatMap((category) => RESPONSE_TYPES[category]);
		if (field === undefined || types.length === 0) return FALSE;
		return all(this.failed, term(`${field} =~ /(?i)^\\s*(${types.join('|')})\\s*$/`));
	}

	/** A client message the classifier recognises as one of `categories`, as one regex. */
	messageOf(categories: readonly ErrorCategory[]): Expression {
		const field = this.fields.field('error.message');
		const patterns = categories.flatMap((category) => CLIENT_MESSAGES[category] ?? []);
		if (field === undefined || patterns.length === 0) return FALSE;
		return all(this.failed, term(`${field} =~ /(?i)${patterns.join('|')}/`));
	}

	fits(category: ErrorCategory): Expression {
		if (this.#status === undefined) return TRUE;
		switch (category) {
			case 'authorizer':
				return any(this.statusIs(401), this.statusIs(403), this.statusAtLeast(500));
			case 'waf':
			case 'client':
				return all(this.statusAtLeast(400), not(this.statusAtLeast(500)));
			case 'throttle':
				return this.statusIs(429);
			case 'integration':
			case 'gateway':
				return this.statusAtLeast(500);
		}
	}

	statusIs(code: number): Expression {
		if (typeof this.sample === 'number') return this.sample === code ? TRUE : FALSE;
		return this.#status === undefined ? FALSE : term(`${this.#status} = ${code}`);
	}

	statusAtLeast(code: number): Expression {
		if (typeof this.sample === 'number') return this.sample >= code ? TRUE : FALSE;
		return this.#status === undefined ? FALSE : term(`${this.#status} >= ${code}`);
	}

	/** core/classify/evidence.ts statusCategory: what a failing status means when nothing else says. */
	statusCategoryIs(category: ErrorCategory): Expression {
		if (this.#status === undefined) return category === 'gateway' ? TRUE : FALSE;
		const denial = any(this.statusIs(401), this.statusIs(403));
		const authorizerRan = this.anyPresent(this.fields.variables.filter((variable) => AUTHORIZER_FIELD.test(variable)));
		const byAuthorizer = all(denial, authorizerRan, not(this.anyPresent(PAST_AUTHORIZER)));
		const badGateway = any(this.statusIs(502), this.statusIs(504));
		const clientRange = all(this.statusAtLeast(400), not(this.statusAtLeast(500)));
		switch (category) {
			case 'throttle':
				return this.statusIs(429);
			case 'integration':
				return badGateway;
			case 'authorizer':
				return byAuthorizer;
			case 'client':
				return all(clientRange, not(this.statusIs(429)), not(byAuthorizer));
			case 'gateway':
				return all(this.statusAtLeast(500), not(badGateway));
			case 'waf':
				return FALSE;
		}
	}

	fieldEvidence(category: ErrorCategory): Expression {
		switch (category) {
			case 'authorizer':
				return any(this.anyPresent(AUTHORIZER_ERRORS), ...AUTHORIZER_STATUSES.map((name) => this.stepFailed(name, true)));
			case 'waf': {
				const code = this.fields.field('wafResponseCode');
				return any(
					this.stepStatusIs('waf.status', 403),
					this.present('waf.error'),
					code === undefined ? FALSE : term(`${code} =~ /(?i)^\\s*WAF_BLOCK\\s*$/`),
				);
			}
			case 'integration':
				return any(this.anyPresent(INTEGRATION_ERRORS), ...INTEGRATION_STATUSES.map((name) => this.stepFailed(name, false)));
			case 'client':
				return this.present('error.validationErrorString');
			case 'throttle':
			case 'gateway':
				return FALSE;
		}
	}

	/** A step's three-digit status of 5xx (or, for the authorizer, also 401/403). */
	stepFailed(variable: string, denials: boolean): Expression {
		const field = this.fields.field(variable);
		if (field === undefined) return FALSE;
		const serverError = all(term(`${field} >= 500`), term(`${field} < 1000`));
		return denials ? any(this.stepStatusIs(variable, 401), this.stepStatusIs(variable, 403), serverError) : serverError;
	}

	stepStatusIs(variable: string, code: number): Expression {
		const field = this.fields.field(variable);
		return field === undefined ? FALSE : term(`${field} = ${code}`);
	}
}

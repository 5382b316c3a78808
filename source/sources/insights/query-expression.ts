// Filter expressions of the Logs Insights query language as a small tree, so a rule about a field the
// stage's format does not log folds away (to true or false) instead of becoming a comparison against a
// field that never exists. Pure.

export type Expression =
	| {kind: 'constant'; value: boolean}
	| {kind: 'term'; text: string}
	| {kind: 'not'; operand: Expression}
	| {kind: 'all' | 'any'; operands: Expression[]};

export const TRUE: Expression = {kind: 'constant', value: true};
export const FALSE: Expression = {kind: 'constant', value: false};

/** A comparison as the language writes it: `status >= 500`, ``\`error.message\` =~ /x/``. */
export function term(text: string): Expression {
	return {kind: 'term', text};
}

export function not(operand: Expression): Expression {
	if (operand.kind === 'constant') return operand.value ? FALSE : TRUE;
	if (operand.kind === 'not') return operand.operand;
	return {kind: 'not', operand};
}

export function all(...operands: Expression[]): Expression {
	return combine('all', operands);
}

export function any(...operands: Expression[]): Expression {
	return combine('any', operands);
}

function combine(kind: 'all' | 'any', operands: Expression[]): Expression {
	const absorbing = kind === 'any';
	const kept: Expression[] = [];
	for (const operand of operands) {
		if (operand.kind === 'constant') {
			if (operand.value === absorbing) return operand;
			continue;
		}

		for (const flat of operand.kind === kind ? operand.operands : [operand]) {
			if (!kept.some((seen) => render(seen) === render(flat))) kept.push(flat);
		}
	}

	if (kept.length === 0) return absorbing ? FALSE : TRUE;
	return kept.length === 1 ? kept[0]! : {kind, operands: kept};
}

/** The expression as query text; a constant has no spelling and is the caller's to avoid. */
export function render(expression: Expression): string {
	switch (expression.kind) {
		case 'constant':
			throw new Error(`a constant (${expression.value}) has no query spelling`);
		case 'term':
			return expression.text;
		case 'not':
			return `not (${render(expression.operand)})`;
		case 'all':
		case 'any':
			return expression.operands.map((operand) => `(${render(operand)})`).join(expression.kind === 'all' ? ' and ' : ' or ');
	}
}

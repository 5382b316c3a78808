// Sorts a request's failures into the six categories of reference §5. One failure often shows in
// several places (an `Unauthorized request` line, status 401, error.responseType UNAUTHORIZED): each
// place is a piece of evidence, and evidence about one failure is merged into one error.
//
// Merging, in order:
// 1. Evidence that can only mean one thing is placed first. An execution line names its failure; lines
//    naming the same failure share an error, lines naming different failures get one each. An access
//    field echoes a failure: it joins the first error of its category, or makes one.
// 2. Ambiguous evidence (a configuration error that may be the authorizer's, `Internal server error`)
//    goes to the category the gateway response type names when it fits there, else joins an error of a
//    category it fits, else makes an error of its own.
// 3. A failing status nothing accounts for becomes an error of its own (reference §5 "any other 4xx/5xx").
// Errors come out in the order of their first evidence: execution lines in log order, access fields after,
// then the Lambda invocations' own evidence (classify/lambda.ts), which speaks for an error when it joins one.
import {accessEvidence} from './access.js';
import {requestContext, statusEvidence, type Evidence} from './evidence.js';
import {disconnectEvidence} from './disconnect.js';
import {executionEvidence} from './execution.js';
import {lambdaEvidence} from './lambda.js';
import type {ErrorCategory, ErrorInfo, RequestView} from '../types.js';

interface DraftError {
	category: ErrorCategory;
	/** The failure an execution line named, once one has. */
	failure: string | undefined;
	/** Index of the earliest evidence, for ordering. */
	position: number;
	evidence: PlacedEvidence[];
}

interface PlacedEvidence {
	evidence: Evidence;
	position: number;
}

/** Every error of one request, in the order they happened (execution line order, access evidence after). Pure, deterministic, never throws. */
export function classifyRequest(request: Omit<RequestView, 'errors'>): ErrorInfo[] {
	const context = requestContext(request);
	const access = accessEvidence(context);
	const all: PlacedEvidence[] = [
		...executionEvidence(request.execution, context),
		...access.evidence,
		...lambdaEvidence(request.invocations, context),
		...disconnectEvidence(request, context),
	].map(
		(evidence, position) => ({evidence, position}),
	);

	const drafts: DraftError[] = [];
	for (const placed of all) {
		if (placed.evidence.alsoFits.length === 0) place(drafts, placed, placed.evidence.category);
	}

	for (const placed of all) {
		const {evidence} = placed;
		if (evidence.alsoFits.length === 0) continue;
		const decided = access.decided !== undefined && evidence.alsoFits.includes(access.decided) ? access.decided : undefined;
		place(drafts, placed, decided ?? evidence.category, decided === undefined ? evidence.alsoFits : []);
	}

	const {status} = context;
	if (status !== undefined && !drafts.some((draft) => draft.evidence.some(({evidence}) => evidence.explainsStatus(status)))) {
		const fallback = statusEvidence(context);
		if (fallback !== undefined) place(drafts, {evidence: fallback, position: all.length}, fallback.category);
	}

	return drafts.sort((a, b) => a.position - b.position).map(toErrorInfo);
}

/** Adds evidence to the error it belongs to in `category` (or one of `alternatives`), or opens a new one. */
function place(
	drafts: DraftError[],
	placed: PlacedEvidence,
	category: ErrorCategory,
	alternatives: readonly ErrorCategory[] = [],
): void {
	const {failure} = placed.evidence;
	const joins = (draft: DraftError): boolean =>
		failure === undefined || draft.failure === undefined || draft.failure === failure;
	const target =
		drafts.find((draft) => draft.category === category && joins(draft)) ??
		drafts.find((draft) => alternatives.includes(draft.category) && joins(draft));
	if (target === undefined) {
		drafts.push({category, failure, position: placed.position, evidence: [placed]});
		return;
	}

	target.evidence.push(placed);
	target.failure ??= failure;
	target.position = Math.min(target.position, placed.position);
}

/** The most specific evidence speaks for the error; the earliest wins a tie. */
function toErrorInfo(draft: DraftError): ErrorInfo {
	let best = draft.evidence[0]!;
	for (const placed of draft.evidence) {
		const {specificity} = placed.evidence;
		if (specificity > best.evidence.specificity || (specificity === best.evidence.specificity && placed.position < best.position)) {
			best = placed;
		}
	}

	return {category: draft.category, message: best.evidence.message, explanation: best.evidence.explain(draft.category)};
}

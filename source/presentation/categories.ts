// How every view names an error category: a glyph, so errors stand out without colour too, and the
// category's word beside it where there is room.

import type {ErrorCategory} from '../core/types.js';

export const CATEGORY_GLYPH: Readonly<Record<ErrorCategory, string>> = {
	authorizer: '⊘',
	waf: '⛨',
	integration: '⚡',
	throttle: '⏳',
	client: '✋',
	gateway: '✖',
};

/** `⚡ integration` */
export function categoryLabel(category: ErrorCategory): string {
	return `${CATEGORY_GLYPH[category]} ${category}`;
}

/** What each category means, for help's legend (narrow headers show the glyphs alone). */
export const CATEGORY_MEANING: Readonly<Record<ErrorCategory, string>> = {
	authorizer: 'authorizer: denied or failed',
	waf: 'waf: blocked by AWS WAF',
	integration: 'integration: the backend failed or timed out',
	throttle: 'throttle: rate or quota exceeded',
	client: 'client: a bad request or message',
	gateway: 'gateway: API Gateway itself failed',
};

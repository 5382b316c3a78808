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

import {defineConfig} from 'vitest/config';

export default defineConfig({
	test: {
		include: ['test/**/*.test.ts', 'test/**/*.test.tsx'],
		setupFiles: ['test/setup.ts'],
		testTimeout: 30_000,
		hookTimeout: 30_000,
		// The JSON report lets .ci/run print the closing "N passed, N failed" line of every run.
		reporters: ['default', 'json'],
		outputFile: {json: 'test-results/vitest.json'},
	},
});

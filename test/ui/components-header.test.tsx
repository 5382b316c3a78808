import {render} from 'ink-testing-library';
import {describe, expect, it} from 'vitest';
import {Header} from '../../source/ui/components/header.js';
import {COLOUR_THEME, NO_COLOUR_THEME} from '../../source/ui/theme.js';
import {errorCounts, expectInside, headerView} from './view-model-fixtures.js';

const everything = headerView({sampled: true, throttled: true, evicted: 12, unparsed: 3});

describe('Header', () => {
	it('160 columns: every fact, every category by name (zeros too), clock flush right', () => {
		const {lastFrame} = render(<Header view={everything} width={160} height={2} theme={NO_COLOUR_THEME} />);
		const [identity, figures] = expectInside(lastFrame(), 160, 2);
		expect(identity).toBe(
			`apigw-tail · chat-demo (a1b2c3d4e5) · prod · eu-west-1 · live · ⚠ SAMPLED · ⚠ THROTTLED${' '.repeat(61)}14:03:07 UTC`,
		);
		expect(figures).toBe(
			'lag 1.2s · 43 ev/s  settled:  ⊘ authorizer 2  ⛨ waf 0  ⚡ integration 5  ⏳ throttle 0  ✋ client 0  ✖ gateway 0  evicted 12  unparsed 3',
		);
	});

	it('80 columns: drops the app name and region, keeps the warnings, glyph counts only', () => {
		const {lastFrame} = render(<Header view={everything} width={80} height={2} theme={NO_COLOUR_THEME} />);
		expect(expectInside(lastFrame(), 80, 2)).toEqual([
			'chat-demo (a1b2c3d4e5) · prod · live · ⚠ SAMPLED · ⚠ THROTTLED      14:03:07 UTC',
			'lag 1.2s · 43 ev/s  ⊘ 2  ⛨ 0  ⚡ 5  ⏳ 0  ✋ 0  ✖ 0  evicted 12  unparsed 3',
		]);
	});

	it('a long source gives up length before the warnings, the transport or the stage', () => {
		const view = {...everything, source: '/aws/apigateway/welcome, API-Gateway-Execution-Logs_a1b2c3d4e5/prod'};
		const {lastFrame} = render(<Header view={view} width={80} height={2} theme={NO_COLOUR_THEME} />);
		const [identity] = expectInside(lastFrame(), 80, 2);
		expect(identity).toMatch(/^\/aws\/apigateway\/welcome, .*… · prod · live · ⚠ SAMPLED · ⚠ THROTTLED +14:03:07 UTC$/);
	});

	it('60 columns with every error category: compact counts, warnings and lost-line counts survive', () => {
		const view = {
			...everything,
			errorCounts: errorCounts({authorizer: 1, waf: 2, integration: 3, throttle: 4, client: 5, gateway: 6}),
			evicted: 1234,
			unparsed: 5678,
		};
		const {lastFrame} = render(<Header view={view} width={60} height={2} theme={NO_COLOUR_THEME} />);
		const [identity, figures] = expectInside(lastFrame(), 60, 2);
		expect(identity).toContain('⚠ SAMPLED · ⚠ THROTTLED');
		expect(figures).toBe('⊘1  ⛨2  ⚡3  ⏳4  ✋5  ✖6  evicted 1,234  unparsed 5,678');
	});

	it('settled counts: says so, with what is still settling and how many were revised', () => {
		const {lastFrame} = render(<Header view={headerView({settlingErrors: 3, revisedErrors: 1})} width={120} height={2} theme={NO_COLOUR_THEME} />);
		expect(expectInside(lastFrame(), 120, 2)[1]).toBe('lag 1.2s · 43 ev/s  settled:  ⊘ 2  ⛨ 0  ⚡ 5  ⏳ 0  ✋ 0  ✖ 0  +3 settling  1 revised');
	});

	it('shows no warnings, evictions or unparsed counts when there are none', () => {
		const {lastFrame} = render(<Header view={headerView({lagMs: undefined})} width={120} height={2} theme={NO_COLOUR_THEME} />);
		const frame = lastFrame() ?? '';
		expect(frame).not.toMatch(/⚠|evicted|unparsed/);
		expect(frame).toContain('lag -');
	});

	it('with one row, keeps the identity row (and its warnings)', () => {
		const {lastFrame} = render(<Header view={everything} width={80} height={1} theme={NO_COLOUR_THEME} />);
		const lines = expectInside(lastFrame(), 80, 1);
		expect(lines).toHaveLength(1);
		expect(lines[0]).toContain('⚠ THROTTLED');
	});

	it('draws the same text with and without colours', () => {
		const plain = render(<Header view={everything} width={100} height={2} theme={NO_COLOUR_THEME} />).lastFrame();
		const coloured = render(<Header view={everything} width={100} height={2} theme={COLOUR_THEME} />).lastFrame();
		expect(plain).toBe(coloured);
	});
});

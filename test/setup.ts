import fc from 'fast-check';

// CI=true changes Ink's rendering (it prints only the last frame); tests must see what users see.
// Whether this run is CI is kept under another name for tests that must insist on CI-only tools (moto).
if (process.env['CI'] !== undefined) process.env['APIGW_TAIL_CI'] = process.env['CI'];
delete process.env['CI'];
process.env['FORCE_COLOR'] = '0';

// Property tests draw fresh cases on every local run (that is how they find bugs); CI draws the same cases
// each time so a run's verdict is about the change, not the draw. A failure prints its seed to replay.
if (process.env['APIGW_TAIL_CI'] !== undefined) fc.configureGlobal({seed: 20_261_205});

// CI=true changes Ink's rendering (it prints only the last frame); tests must see what users see.
// Whether this run is CI is kept under another name for tests that must insist on CI-only tools (moto).
if (process.env['CI'] !== undefined) process.env['APIGW_TAIL_CI'] = process.env['CI'];
delete process.env['CI'];
process.env['FORCE_COLOR'] = '0';

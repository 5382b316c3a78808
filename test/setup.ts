// CI=true changes Ink's rendering (it prints only the last frame); tests must see what users see.
delete process.env['CI'];
process.env['FORCE_COLOR'] = '0';

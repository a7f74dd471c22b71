// Needs the node-greeter layer: the library, a command on PATH and the library path all come from /opt.
const { execFileSync } = require('node:child_process');
const greeter = require('greeter');

exports.handler = async (event) => ({
    greeting: greeter.greet(event.name ?? 'World'),
    version: greeter.version,
    tool: event.tool ? execFileSync('layer-tool.sh', { encoding: 'utf8' }).trim() : undefined,
    ldLibraryPath: process.env.LD_LIBRARY_PATH,
});

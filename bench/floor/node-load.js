// Floor for Node.js cold starts: start the interpreter and load the handler, nothing else.
// Usage: node node-load.js HANDLER_FILE
require(process.argv[2]);

// Fails while the module loads, before any handler runs.
throw new Error('init failed');

// Never reached; present so that only the load failure explains the error.
exports.handler = async () => 'unreachable';

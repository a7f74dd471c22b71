// Returns a string of event.bytes characters ("x" repeated); the JSON response is 2 bytes longer (the quotes).
exports.handler = async (event) => 'x'.repeat(event.bytes ?? 0);

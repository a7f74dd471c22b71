// Logs a line, then ends the runtime process mid-invocation with exit status event.code (default 3).
exports.handler = async (event) => {
    console.log('exiting now');
    process.exit(event.code ?? 3);
};

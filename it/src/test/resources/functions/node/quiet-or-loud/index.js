// Prints nothing unless the event says so: event.say is written with process.stdout.write (no console), event.err
// with process.stderr.write. Returns what it was asked to say.
exports.handler = async (event) => {
    if (event.say) {
        process.stdout.write(`${event.say}\n`);
    }
    if (event.err) {
        process.stderr.write(`${event.err}\n`);
    }
    return event.say ?? 'quiet';
};

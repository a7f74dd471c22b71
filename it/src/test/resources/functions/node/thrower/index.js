// Fails every invocation: Error("boom"), or a ValidationError("bad input") when event.custom is set.
class ValidationError extends Error {
    constructor(message) {
        super(message);
        this.name = 'ValidationError';
    }
}

exports.handler = async (event) => {
    if (event.custom) {
        throw new ValidationError('bad input');
    }
    throw new Error('boom');
};

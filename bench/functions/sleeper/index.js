// Scale-out probe: records when the handler started (epoch ms), then holds its sandbox busy for event.ms.
// The log stream names the sandbox (pids repeat across sandboxes: each has its own PID namespace).
exports.handler = async (event) => {
    const started = Date.now();
    await new Promise((resolve) => setTimeout(resolve, event.ms ?? 2000));
    return { started, sandbox: process.env.AWS_LAMBDA_LOG_STREAM_NAME };
};

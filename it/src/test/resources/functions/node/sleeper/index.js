// Holds an environment busy for event.ms (default 500); tells which environment (log stream, pid) served it.
exports.handler = async (event) => {
    await new Promise((resolve) => setTimeout(resolve, event.ms ?? 500));
    return { logStream: process.env.AWS_LAMBDA_LOG_STREAM_NAME, pid: process.pid };
};

// Sleeps event.ms (default 3000) and then answers; used to run past the function timeout.
exports.handler = async (event) => {
    const ms = event.ms ?? 3000;
    await new Promise((resolve) => setTimeout(resolve, ms));
    return { slept: ms };
};

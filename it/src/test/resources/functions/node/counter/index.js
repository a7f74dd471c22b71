// Module state survives between invocations of one environment: count goes 1, 2, 3... per process.
let count = 0;

exports.handler = async () => {
    count += 1;
    return { count, pid: process.pid };
};

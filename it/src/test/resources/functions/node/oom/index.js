// Allocates event.mb (default 512) MiB in 1 MiB buffers, touches every page and keeps them all reachable.
const kept = [];

exports.handler = async (event) => {
    const mb = event.mb ?? 512;
    for (let i = 0; i < mb; i += 1) {
        kept.push(Buffer.alloc(1024 * 1024, i % 251));
    }
    return { allocatedMb: mb, totalKept: kept.length };
};

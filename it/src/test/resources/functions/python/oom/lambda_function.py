# Allocates event["mb"] (default 512) MiB in 1 MiB bytearrays, every page written, all kept across invocations.
kept = []


def lambda_handler(event, context):
    mb = event.get("mb", 512)
    for i in range(mb):
        kept.append(bytearray([i % 251]) * (1024 * 1024))
    return {"allocatedMb": mb, "totalKept": len(kept)}

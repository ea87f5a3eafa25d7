using Coordinator.Fences;
using Microsoft.Extensions.Logging;

namespace Coordinator.Grains.Consumers;

public sealed partial class ConsumerPointerGrain
{
    [LoggerMessage(EventId = 1201, Level = LogLevel.Information, Message = "Consumer pointer {Pointer} move {From} -> {To}: {State} ({Operator})")]
    private static partial void LogMove(ILogger logger, string pointer, string from, string to, MoveState state, string @operator);

    [LoggerMessage(EventId = 1202, Level = LogLevel.Warning, Message = "Consumer pointer {Pointer} partition {Partition} reset to offset {Offset} by {Operator}")]
    private static partial void LogReset(ILogger logger, string pointer, int partition, long offset, string @operator);

    [LoggerMessage(EventId = 1203, Level = LogLevel.Warning, Message = "ETag conflict on consumer pointer {Pointer} (round {Round}); re-reading and deciding the batch again")]
    private static partial void LogConflict(ILogger logger, string pointer, int round);

    [LoggerMessage(EventId = 1204, Level = LogLevel.Warning, Message = "Consumer pointer {Pointer} evicted {Count} idempotency keys before their retention ran out; the group is fail-open; raise LedgerMaxEntries")]
    private static partial void LogEvicted(ILogger logger, string pointer, long count);

    [LoggerMessage(EventId = 1205, Level = LogLevel.Warning, Message = "Consumer pointer {Pointer} refuses new idempotency keys and pauses its group: {Reason}")]
    private static partial void LogLedgerFull(ILogger logger, string pointer, string reason);

    [LoggerMessage(EventId = 1206, Level = LogLevel.Warning, Message = "Consumer pointer {Pointer} could not change its move-deadline reminder; its timer still judges the move while it is active, and the next check tries again")]
    private static partial void LogMoveReminderFailed(ILogger logger, Exception exception, string pointer);

    [LoggerMessage(EventId = 1207, Level = LogLevel.Information, Message = "Consumer pointer {Pointer} follows the stored ledger: {Added} sealed segments to read, {Removed} gone")]
    private static partial void LogFollowing(ILogger logger, string pointer, int added, int removed);

    [LoggerMessage(EventId = 1208, Level = LogLevel.Information, Message = "Consumer pointer {Pointer} clears ledger segment {Segment}: the state write that named it lost to another write")]
    private static partial void LogAbandonedSeal(ILogger logger, string pointer, string segment);

    [LoggerMessage(EventId = 1209, Level = LogLevel.Warning, Message = "Consumer pointer {Pointer} could not clear ledger segment {Segment}, which nothing names any more")]
    private static partial void LogSegmentClearFailed(ILogger logger, Exception exception, string pointer, string segment);

    [LoggerMessage(EventId = 1211, Level = LogLevel.Warning, Message = "Consumer pointer {Pointer} could not read its {Segments} sealed ledger segments; commands wait, and the next one reads them again")]
    private static partial void LogIndexLoadFailed(ILogger logger, Exception exception, string pointer, int segments);

    [LoggerMessage(EventId = 1210, Level = LogLevel.Information, Message = "Consumer pointer {Pointer} forgot {Count} idempotency keys past their retention")]
    private static partial void LogLedgerExpired(ILogger logger, string pointer, long count);

    [LoggerMessage(EventId = 1212, Level = LogLevel.Warning, Message = "Could not remove audit segment {Segment} of consumer pointer {Pointer} after its write lost an ETag race; it is named by no state")]
    private static partial void LogSegmentCleanupFailed(ILogger logger, Exception exception, string pointer, string segment);
}

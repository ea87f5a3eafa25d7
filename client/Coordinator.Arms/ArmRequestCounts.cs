namespace Coordinator.Arms;

/// <summary>A consistent snapshot of the requests one arm server answered, counted by the server itself.</summary>
public sealed record ArmRequestCounts
{
    /// <summary>Every request answered, whatever the path and status.</summary>
    public long Total { get; init; }

    /// <summary>Requests to <c>/ask</c>, whatever their status.</summary>
    public long Asks { get; init; }

    /// <summary>Requests to <c>/healthz</c> (an edge's health probes).</summary>
    public long Health { get; init; }

    /// <summary>Responses with a 2xx status.</summary>
    public long Status2xx { get; init; }

    /// <summary>Responses with a 3xx status.</summary>
    public long Status3xx { get; init; }

    /// <summary>Responses with a 4xx status.</summary>
    public long Status4xx { get; init; }

    /// <summary>Responses with a 5xx status.</summary>
    public long Status5xx { get; init; }

    /// <summary>The highest <c>x-coordinator-epoch</c> request header seen; null when no request carried one.</summary>
    public long? HighestEpoch { get; init; }

    /// <summary>Requests per <c>x-coordinator-epoch</c> header value, ascending.</summary>
    public IReadOnlyDictionary<long, long> ByEpoch { get; init; } = new SortedDictionary<long, long>();

    /// <summary>When the last <c>/ask</c> carrying each <c>x-coordinator-epoch</c> value reached the server (its arrival, not its answer), ascending by epoch.</summary>
    public IReadOnlyDictionary<long, DateTimeOffset> LastAskByEpoch { get; init; } = new SortedDictionary<long, DateTimeOffset>();

    /// <summary>Requests whose <c>x-coordinator-epoch</c> header was not a non-negative integer.</summary>
    public long EpochHeaderInvalid { get; init; }
}

namespace Coordinator.Consumers;

/// <summary>Limits of consumer pointers (silo settings Coordinator:LedgerRetentionHours, LedgerMaxEntries, ConsumerInstanceTimeoutSeconds).</summary>
public sealed record ConsumerPointerOptions
{
    /// <summary>How long an idempotency key is remembered (default 72 h).</summary>
    public TimeSpan LedgerRetention { get; init; } = TimeSpan.FromHours(72);

    /// <summary>The default bound: 10 million keys, about 140 MB of filter in the silo.</summary>
    public const int DefaultLedgerMaxEntries = 10_000_000;

    public const int MinLedgerMaxEntries = 100;

    /// <summary>The largest bound: about 700 MB of filter for one pointer.</summary>
    public const int MaxLedgerMaxEntries = 50_000_000;

    /// <summary>Most keys one pointer remembers; past it a fail-closed group refuses new keys, a fail-open one evicts the oldest and counts them.</summary>
    public int LedgerMaxEntries { get; init; } = DefaultLedgerMaxEntries;

    /// <summary>An instance not heard from for this long no longer counts for a drain.</summary>
    public TimeSpan InstanceTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Keys per sealed ledger segment: bounds the size of each state write.</summary>
    public int LedgerSegmentSize { get; init; } = 256;

    public IReadOnlyList<string> Validate()
    {
        var failures = new List<string>();
        if (LedgerRetention < TimeSpan.FromMinutes(1) || LedgerRetention > TimeSpan.FromDays(30))
        {
            failures.Add($"LedgerRetention: must be between 1 minute and 30 days (got {LedgerRetention})");
        }

        if (LedgerMaxEntries is < MinLedgerMaxEntries or > MaxLedgerMaxEntries)
        {
            failures.Add($"LedgerMaxEntries: must be between {MinLedgerMaxEntries:N0} and {MaxLedgerMaxEntries:N0} (got {LedgerMaxEntries})");
        }

        if (InstanceTimeout < TimeSpan.FromSeconds(1) || InstanceTimeout > TimeSpan.FromMinutes(10))
        {
            failures.Add($"InstanceTimeout: must be between 1 second and 10 minutes (got {InstanceTimeout})");
        }

        if (LedgerSegmentSize < 16 || LedgerSegmentSize > LedgerMaxEntries)
        {
            failures.Add($"LedgerSegmentSize: must be between 16 and LedgerMaxEntries (got {LedgerSegmentSize})");
        }

        return failures;
    }
}

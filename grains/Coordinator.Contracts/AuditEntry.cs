namespace Coordinator;

/// <summary>
/// One accepted command in a region's append-only audit chain. <see cref="Hash"/> is SHA-256 over a
/// canonical encoding of every other field, including <see cref="PreviousHash"/>, so altering or
/// removing any entry breaks the chain.
/// </summary>
[GenerateSerializer, Immutable]
[Alias("coordinator.AuditEntry")]
public sealed record AuditEntry
{
    [Id(0)] public required long Sequence { get; init; }
    [Id(1)] public required DateTimeOffset At { get; init; }
    [Id(2)] public required string Operator { get; init; }
    [Id(3)] public required string Command { get; init; }
    [Id(4)] public required string Detail { get; init; }
    [Id(5)] public required string Before { get; init; }
    [Id(6)] public required string After { get; init; }
    [Id(7)] public required string PreviousHash { get; init; }
    [Id(8)] public required string Hash { get; init; }
}

[GenerateSerializer, Immutable]
[Alias("coordinator.AuditVerification")]
public sealed record AuditVerification
{
    [Id(0)] public required bool IsValid { get; init; }
    [Id(1)] public required int EntryCount { get; init; }
    [Id(2)] public required string HeadHash { get; init; }
    [Id(3)] public required IReadOnlyList<string> Problems { get; init; }
}

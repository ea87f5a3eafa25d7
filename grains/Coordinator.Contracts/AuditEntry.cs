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
    /// <summary>Position in the chain, from 1, without gaps.</summary>
    [Id(0)] public required long Sequence { get; init; }
    /// <summary>When the command was accepted (UTC).</summary>
    [Id(1)] public required DateTimeOffset At { get; init; }
    /// <summary>Who issued the command.</summary>
    [Id(2)] public required string Operator { get; init; }
    /// <summary>What was done, e.g. "flip", "register-arm", "claim", "release".</summary>
    [Id(3)] public required string Command { get; init; }
    /// <summary>The command's arguments and reason as "key=value;..." text.</summary>
    [Id(4)] public required string Detail { get; init; }
    /// <summary>The affected state before the command, as canonical text.</summary>
    [Id(5)] public required string Before { get; init; }
    /// <summary>The affected state after the command, as canonical text.</summary>
    [Id(6)] public required string After { get; init; }
    /// <summary>The previous entry's <see cref="Hash"/>; 64 zeros for the first entry.</summary>
    [Id(7)] public required string PreviousHash { get; init; }
    /// <summary>SHA-256 in lowercase hex over every other field.</summary>
    [Id(8)] public required string Hash { get; init; }
}

/// <summary>The result of checking a region's audit chain: every hash, every link and the kept head.</summary>
[GenerateSerializer, Immutable]
[Alias("coordinator.AuditVerification")]
public sealed record AuditVerification
{
    /// <summary>True when no problem was found: no entry was altered, removed or cut off the end.</summary>
    [Id(0)] public required bool IsValid { get; init; }
    /// <summary>Entries checked.</summary>
    [Id(1)] public required int EntryCount { get; init; }
    /// <summary>The last entry's hash; 64 zeros for an empty chain.</summary>
    [Id(2)] public required string HeadHash { get; init; }
    /// <summary>One line per problem found (which entry, what is wrong); empty when <see cref="IsValid"/>.</summary>
    [Id(3)] public required IReadOnlyList<string> Problems { get; init; }
}

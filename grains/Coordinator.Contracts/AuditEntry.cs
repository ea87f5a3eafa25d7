namespace Coordinator;

/// <summary>
/// One accepted command in an append-only audit chain. <see cref="Hash"/> covers a canonical encoding
/// of every other field, including <see cref="PreviousHash"/>, so altering or removing any entry breaks
/// the chain; <see cref="Version"/> says whether it is keyed.
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
    /// <summary>Lowercase hex over every other field: SHA-256 when <see cref="Version"/> is 0, HMAC-SHA256 under the silo's audit key when 1.</summary>
    [Id(8)] public required string Hash { get; init; }
    /// <summary>0: unkeyed SHA-256 (entries written before audit keys); 1: keyed HMAC-SHA256.</summary>
    [Id(9)] public int Version { get; init; }
}

/// <summary>The result of checking an audit chain: every hash, every link and the kept head.</summary>
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
    /// <summary>Entries hashed with the silo's audit key (the rest are unkeyed SHA-256).</summary>
    [Id(4)] public int KeyedEntryCount { get; init; }
    /// <summary>True when the keyed hashes were checked with the key (on the grain); false for a check without it, which covers links, sequence and unkeyed hashes only.</summary>
    [Id(5)] public bool KeyChecked { get; init; }
    /// <summary>True when every entry is unkeyed and nothing keyed pins them yet: a chain written before the audit key, which verifies once the key is adopted (an <c>adopt-key</c> entry) or the next command is recorded.</summary>
    [Id(6)] public bool AdoptionNeeded { get; init; }
}

/// <summary>What adopting the audit key did to a chain written (partly) before the key was configured.</summary>
[GenerateSerializer, Immutable]
[Alias("coordinator.AuditAdoption")]
public sealed record AuditAdoption
{
    /// <summary>True when an <c>adopt-key</c> entry was appended; false when the chain needed none (empty, or already ending in a keyed entry).</summary>
    [Id(0)] public required bool Appended { get; init; }
    /// <summary>The leading entries that are unkeyed: written before the key and pinned by the keyed entry after them.</summary>
    [Id(1)] public required long UnkeyedEntryCount { get; init; }
    /// <summary>The appended entry; null when nothing was appended.</summary>
    [Id(2)] public AuditEntry? Entry { get; init; }
    /// <summary>The chain verified with the key after the adoption.</summary>
    [Id(3)] public AuditVerification? Verification { get; init; }
}

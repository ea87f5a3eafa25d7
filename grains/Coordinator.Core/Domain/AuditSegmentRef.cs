namespace Coordinator.Domain;

/// <summary>
/// A sealed block of an audit chain stored in a segment grain: its id, the sequence range it holds and
/// its last hash, recorded in the owner's state so a segment altered or swapped in storage is detected.
/// </summary>
[GenerateSerializer, Immutable]
[Alias("coordinator.AuditSegmentRef")]
public sealed record AuditSegmentRef(
    [property: Id(0)] string Id,
    [property: Id(1)] long FirstSequence,
    [property: Id(2)] long LastSequence,
    [property: Id(3)] string LastHash);

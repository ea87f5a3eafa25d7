namespace Coordinator.Domain;

/// <summary>
/// Adopting the audit key for a chain written before the key was configured. Its entries are unkeyed
/// (plain SHA-256), so a keyed verify cannot tell them from a rewrite until a keyed entry pins them. The
/// next command pins them as a side effect; adoption does it on purpose, recorded with who and why: one
/// keyed entry whose HMAC covers the current head. It vouches for the unkeyed history as it stands, so
/// it is refused for a chain that does not verify without the key, or that holds keyed entries already
/// (unkeyed entries after keyed ones were rewritten without the key, not written before it).
/// </summary>
public static class AuditKeyAdoption
{
    /// <summary>The command recorded in the chain.</summary>
    public const string Command = "adopt-key";

    /// <summary>
    /// Decides the adoption for <paramref name="state"/>, whose whole chain (sealed segments, then the
    /// tail) is <paramref name="whole"/>. Unchanged when nothing needs pinning (an empty chain, or one
    /// that ends in a keyed entry); <paramref name="what"/> names the chain in refusals.
    /// </summary>
    public static Decision<T, AuditAdoption> Adopt<T>(
        T state, IReadOnlyList<AuditEntry> whole, AuditKey key, string operatorName, string reason, DateTimeOffset now, string what)
        where T : class, IAudited<T>
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(whole);
        var errors = new List<FieldError>();
        NameRules.CheckText("operator", operatorName, Limits.MaxOperatorLength, errors);
        NameRules.CheckText("reason", reason, Limits.MaxReasonLength, errors);
        NameRules.ThrowIfAny(errors);

        var trail = state.AuditTrail;
        var leading = whole.TakeWhile(e => e.Version == AuditChain.Unkeyed).LongCount();
        if (whole.Count == 0 || whole[^1].Version == AuditChain.Keyed)
        {
            return Decision<T, AuditAdoption>.Unchanged(new AuditAdoption { Appended = false, UnkeyedEntryCount = leading });
        }

        if (leading != whole.Count)
        {
            throw new CoordinatorException(CoordinatorErrorCode.Conflict,
                $"the audit chain of {what} has unkeyed entries after keyed ones: they were rewritten without the key, not written before it; nothing was adopted");
        }

        var keyless = AuditChain.Verify(whole, trail.Head, trail.Count);
        if (!keyless.IsValid)
        {
            throw new CoordinatorException(CoordinatorErrorCode.Conflict,
                $"the audit chain of {what} does not verify even without the key, so adopting it would vouch for a broken chain; nothing was adopted: {string.Join("; ", keyless.Problems)}");
        }

        var next = state.Audited(state, now, key, operatorName, Command, $"unkeyed={leading};head={trail.Head};reason={reason}");
        return Decision<T, AuditAdoption>.Changed(next, new AuditAdoption { Appended = true, UnkeyedEntryCount = leading, Entry = next.AuditTrail.Tail[^1] });
    }
}

using Coordinator.Domain;

namespace Coordinator.TestKit;

/// <summary>States as stored before the audit key was configured: their chains are unkeyed SHA-256.</summary>
public static class UnkeyedAudit
{
    /// <summary>
    /// <paramref name="state"/> holding an unkeyed chain of one entry per command. With
    /// <paramref name="keepCount"/> false the count is left 0, as consumer pointers stored it before it was kept.
    /// </summary>
    public static T With<T>(T state, DateTimeOffset at, bool keepCount, params string[] commands)
        where T : class, IAudited<T>
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(commands);
        var chain = new List<AuditEntry>();
        foreach (var command in commands)
        {
            chain.Add(AuditChain.Append(chain, at.AddMinutes(chain.Count), "legacy-operator", command, $"n={chain.Count + 1}", state.Describe(), state.Describe()));
        }

        return state.WithAuditTrail(new AuditTrail
        {
            Tail = [.. chain],
            Head = chain.Count == 0 ? AuditChain.Genesis : chain[^1].Hash,
            Count = keepCount ? chain.Count : 0,
        });
    }
}

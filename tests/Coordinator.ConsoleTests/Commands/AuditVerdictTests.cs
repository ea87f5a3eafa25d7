using Coordinator.Operations.Audit;
using Coordinator.Domain;

namespace Coordinator.ConsoleTests.Commands;

/// <summary>The local half of audit --verify (what makes exit code 5), on chains built in memory.</summary>
public sealed class AuditVerdictTests
{
    private static readonly DateTimeOffset At = new(2026, 11, 26, 9, 0, 0, TimeSpan.Zero);

    [Fact]
    public void An_intact_chain_verified_by_the_grain_is_valid()
    {
        var entries = Chain(3);

        var verdict = AuditOperations.Combine(AuditChain.Verify(entries), entries);

        Assert.True(verdict.IsValid, string.Join("; ", verdict.Problems));
        Assert.Equal(3, verdict.EntryCount);
        Assert.Equal(entries[^1].Hash, verdict.HeadHash);
    }

    [Fact]
    public void An_entry_altered_after_the_grain_verified_the_chain_fails_local_verification()
    {
        var entries = Chain(3);
        var remote = AuditChain.Verify(entries);
        var tampered = entries.Select(e => e.Sequence == 2 ? e with { Detail = "to=blue" } : e).ToList();

        var verdict = AuditOperations.Combine(remote, tampered);

        Assert.False(verdict.IsValid);
        Assert.Contains(verdict.Problems, p => p.StartsWith("local: entry #2", StringComparison.Ordinal));
    }

    [Fact]
    public void Fewer_entries_than_the_grain_verified_is_a_failure()
    {
        var entries = Chain(3);

        var verdict = AuditOperations.Combine(AuditChain.Verify(entries), entries.Take(2).ToList());

        Assert.False(verdict.IsValid);
        Assert.Contains(verdict.Problems, p => p.Contains("only 2 were fetched", StringComparison.Ordinal));
    }

    [Fact]
    public void Entries_appended_after_the_grain_verified_are_accepted()
    {
        var entries = Chain(4);

        var verdict = AuditOperations.Combine(AuditChain.Verify(entries.Take(3).ToList()), entries);

        Assert.True(verdict.IsValid, string.Join("; ", verdict.Problems));
        Assert.Equal(4, verdict.EntryCount);
    }

    private static List<AuditEntry> Chain(int count)
    {
        var chain = new List<AuditEntry>();
        for (var i = 0; i < count; i++)
        {
            chain.Add(AuditChain.Append(chain, At.AddMinutes(i), "tester", "flip", $"to=green;n={i}", $"epoch={i}", $"epoch={i + 1}"));
        }

        return chain;
    }
}

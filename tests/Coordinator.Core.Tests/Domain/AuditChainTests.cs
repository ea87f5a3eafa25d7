using Coordinator.Domain;

namespace Coordinator.Core.Tests.Domain;

public sealed class AuditChainTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 26, 12, 0, 0, TimeSpan.Zero);

    private static List<AuditEntry> Chain(int count)
    {
        var chain = new List<AuditEntry>();
        for (var i = 0; i < count; i++)
        {
            chain.Add(AuditChain.Append(chain, T0.AddMinutes(i), "alice", i % 2 == 0 ? "flip" : "register-arm", $"detail-{i}", $"epoch={i}", $"epoch={i + 1}"));
        }

        return chain;
    }

    [Fact]
    public void An_untouched_chain_verifies()
    {
        var chain = Chain(5);

        var result = AuditChain.Verify(chain, chain[^1].Hash, chain.Count);

        Assert.True(result.IsValid, string.Join("; ", result.Problems));
        Assert.Equal(5, result.EntryCount);
        Assert.Equal(chain[^1].Hash, result.HeadHash);
        Assert.Equal(AuditChain.Genesis, chain[0].PreviousHash);
        Assert.Equal(Enumerable.Range(1, 5).Select(i => (long)i), chain.Select(e => e.Sequence));
    }

    [Fact]
    public void Hashes_are_sha256_hex_and_depend_on_every_field()
    {
        var entry = Chain(1)[0];
        Assert.Matches("^[0-9a-f]{64}$", entry.Hash);
        Assert.NotEqual(entry.Hash, AuditChain.ComputeHash(entry with { Operator = "mallory" }));
        Assert.NotEqual(entry.Hash, AuditChain.ComputeHash(entry with { At = entry.At.AddTicks(1) }));
        Assert.NotEqual(entry.Hash, AuditChain.ComputeHash(entry with { After = entry.After + " " }));
        // Length prefixes: moving text between fields changes the hash.
        Assert.NotEqual(
            AuditChain.ComputeHash(entry with { Before = "ab", After = "c" }),
            AuditChain.ComputeHash(entry with { Before = "a", After = "bc" }));
    }

    [Fact]
    public void One_altered_entry_is_detected()
    {
        var chain = Chain(5);
        var head = chain[^1].Hash;
        chain[2] = chain[2] with { Operator = "mallory" };

        var result = AuditChain.Verify(chain, head, 5);

        Assert.False(result.IsValid);
        Assert.Contains(result.Problems, p => p.Contains("#3", StringComparison.Ordinal) && p.Contains("altered", StringComparison.Ordinal));
    }

    [Fact]
    public void An_altered_entry_with_a_recomputed_hash_is_still_detected_by_the_next_link()
    {
        var chain = Chain(5);
        var forged = chain[1] with { Detail = "to=blue" };
        chain[1] = forged with { Hash = AuditChain.ComputeHash(forged) };

        var result = AuditChain.Verify(chain, chain[^1].Hash, 5);

        Assert.False(result.IsValid);
        Assert.Contains(result.Problems, p => p.Contains("#3 does not link", StringComparison.Ordinal));
    }

    [Fact]
    public void One_removed_middle_entry_is_detected()
    {
        var chain = Chain(5);
        var head = chain[^1].Hash;
        chain.RemoveAt(2);

        var result = AuditChain.Verify(chain, head, 5);

        Assert.False(result.IsValid);
        Assert.Contains(result.Problems, p => p.Contains("removed", StringComparison.Ordinal));
    }

    [Fact]
    public void A_removed_last_entry_is_detected_against_the_recorded_head()
    {
        var chain = Chain(5);
        var head = chain[^1].Hash;
        chain.RemoveAt(4);

        Assert.True(AuditChain.Verify(chain).IsValid, "without the recorded head a clean truncation looks valid");
        var result = AuditChain.Verify(chain, head, 5);
        Assert.False(result.IsValid);
        Assert.Contains(result.Problems, p => p.Contains("4 entries but 5", StringComparison.Ordinal));
    }
}

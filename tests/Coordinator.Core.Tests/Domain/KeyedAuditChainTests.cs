using Coordinator.Domain;

namespace Coordinator.Core.Tests.Domain;

public sealed class KeyedAuditChainTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 30, 12, 0, 0, TimeSpan.Zero);
    private static readonly AuditKey Key = Parse(Enumerable.Range(1, 32).Select(i => (byte)i).ToArray());
    private static readonly AuditKey OtherKey = Parse(Enumerable.Range(2, 32).Select(i => (byte)i).ToArray());

    private static AuditKey Parse(byte[] bytes) => AuditKey.TryParse(Convert.ToBase64String(bytes), out _)!;

    private static List<AuditEntry> Chain(int count, AuditKey key, List<AuditEntry>? start = null)
    {
        var chain = start ?? [];
        for (var i = 0; i < count; i++)
        {
            var (sequence, previous) = chain.Count == 0 ? (0L, AuditChain.Genesis) : (chain[^1].Sequence, chain[^1].Hash);
            chain.Add(AuditChain.Append(key, sequence, previous, T0.AddMinutes(chain.Count), "alice", "flip", $"detail-{i}", $"epoch={i}", $"epoch={i + 1}"));
        }

        return chain;
    }

    private static List<AuditEntry> Unkeyed(int count)
    {
        var chain = new List<AuditEntry>();
        for (var i = 0; i < count; i++)
        {
            chain.Add(AuditChain.Append(chain, T0.AddMinutes(i), "bob", "flip", $"old-{i}", "-", "-"));
        }

        return chain;
    }

    /// <summary>What someone who can write storage but lacks the key does: alter, recompute the public hash, relink everything after.</summary>
    private static void RewriteWithoutKey(List<AuditEntry> chain, int index, Func<AuditEntry, AuditEntry> alter)
    {
        for (var i = index; i < chain.Count; i++)
        {
            var entry = i == index ? alter(chain[i]) : chain[i];
            entry = entry with { PreviousHash = i == 0 ? AuditChain.Genesis : chain[i - 1].Hash };
            chain[i] = entry with { Hash = AuditChain.ComputeHash(entry) };
        }
    }

    [Fact]
    public void A_keyed_chain_verifies_with_its_key()
    {
        var chain = Chain(4, Key);

        var result = AuditChain.Verify(chain, Key, chain[^1].Hash, 4);

        Assert.True(result.IsValid, string.Join("; ", result.Problems));
        Assert.True(result.KeyChecked);
        Assert.Equal(4, result.KeyedEntryCount);
        Assert.All(chain, e => Assert.Equal(AuditChain.Keyed, e.Version));
        Assert.All(chain, e => Assert.NotEqual(AuditChain.ComputeHash(e), e.Hash));
    }

    [Fact]
    public void A_rewritten_entry_and_its_head_fail_even_with_every_link_and_the_head_recomputed()
    {
        var chain = Chain(4, Key);
        RewriteWithoutKey(chain, 1, e => e with { Operator = "mallory" });
        var forgedHead = chain[^1].Hash;

        var result = AuditChain.Verify(chain, Key, forgedHead, 4);

        Assert.False(result.IsValid);
        Assert.Contains(result.Problems, p => p.Contains("#2 (flip) does not match its keyed hash", StringComparison.Ordinal));
        Assert.Contains(result.Problems, p => p.Contains("#4 (flip) does not match its keyed hash", StringComparison.Ordinal));
    }

    [Fact]
    public void A_rewrite_that_downgrades_entries_to_unkeyed_fails()
    {
        var chain = Chain(3, Key).Select(e => e with { Version = AuditChain.Unkeyed }).ToList();
        RewriteWithoutKey(chain, 0, e => e with { Detail = "to=blue" });

        var result = AuditChain.Verify(chain, Key, chain[^1].Hash, 3);

        Assert.False(result.IsValid);
        Assert.Contains(result.Problems, p => p.Contains("no keyed entry follows them", StringComparison.Ordinal));
        Assert.True(AuditChain.Verify(chain, chain[^1].Hash, 3).IsValid, "without the key the same forgery looks intact: that is why the grain checks with the key");
    }

    [Fact]
    public void An_unkeyed_entry_after_keyed_ones_fails()
    {
        var chain = Chain(3, Key);
        RewriteWithoutKey(chain, 2, e => e with { Version = AuditChain.Unkeyed });
        chain = Chain(1, Key, chain);

        var result = AuditChain.Verify(chain, Key, chain[^1].Hash, 4);

        Assert.False(result.IsValid);
        Assert.Contains(result.Problems, p => p.Contains("#3 (flip) is unkeyed after keyed entries", StringComparison.Ordinal));
    }

    [Fact]
    public void A_wrong_key_fails_every_keyed_entry()
    {
        var chain = Chain(3, Key);

        var result = AuditChain.Verify(chain, OtherKey, chain[^1].Hash, 3);

        Assert.False(result.IsValid);
        Assert.Equal(3, result.Problems.Count(p => p.Contains("does not match its keyed hash", StringComparison.Ordinal)));
    }

    [Fact]
    public void Unkeyed_entries_written_before_keys_verify_once_a_keyed_entry_pins_them()
    {
        var chain = Chain(2, Key, Unkeyed(3));

        var result = AuditChain.Verify(chain, Key, chain[^1].Hash, 5);

        Assert.True(result.IsValid, string.Join("; ", result.Problems));
        Assert.Equal(2, result.KeyedEntryCount);
    }

    [Fact]
    public void Unkeyed_entries_before_a_keyed_one_cannot_be_rewritten_because_its_hmac_covers_their_hash()
    {
        var chain = Chain(1, Key, Unkeyed(3));
        RewriteWithoutKey(chain, 1, e => e with { Operator = "mallory" });

        var result = AuditChain.Verify(chain, Key, chain[^1].Hash, 4);

        Assert.False(result.IsValid);
        Assert.Contains(result.Problems, p => p.Contains("#4 (flip) does not match its keyed hash", StringComparison.Ordinal));
    }

    [Fact]
    public void Without_the_key_links_sequence_and_head_are_still_checked()
    {
        var chain = Chain(3, Key);
        var head = chain[^1].Hash;
        chain.RemoveAt(1);

        var result = AuditChain.Verify(chain, head, 3);

        Assert.False(result.IsValid);
        Assert.False(result.KeyChecked);
        Assert.Contains(result.Problems, p => p.Contains("removed", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(null, "is empty")]
    [InlineData("not base64!", "is not base64")]
    [InlineData("AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", "decodes to 30 bytes; at least 32 are required")]
    public void A_bad_key_is_refused_with_its_reason(string? text, string reason)
    {
        Assert.Null(AuditKey.TryParse(text, out var problem));
        Assert.Equal(reason, problem);
    }
}

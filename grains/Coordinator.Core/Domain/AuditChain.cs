using System.Buffers.Binary;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Coordinator.Domain;

/// <summary>
/// The hash chain behind an audit log. Each entry's hash covers a canonical encoding of all its
/// fields and the previous entry's hash; the owner also keeps the head hash and count, so a removed
/// tail entry is detected as well as an altered or removed middle one.
/// </summary>
/// <remarks>
/// Entries carry a version. <see cref="Keyed"/> entries are HMAC-SHA256 under an <see cref="AuditKey"/>
/// from configuration, so a rewrite by someone without the key is detected. <see cref="Unkeyed"/>
/// entries are plain SHA-256: chains written before keys existed. With a key, an unkeyed entry is
/// accepted only before the first keyed one, and only once a keyed entry follows it (whose HMAC covers
/// its hash and so pins it); a chain ending in unkeyed entries cannot be told from a rewrite and fails
/// until the next command, or an explicit adoption (<see cref="AuditKeyAdoption"/>), pins it.
/// </remarks>
public static class AuditChain
{
    /// <summary>The previous hash of the first entry.</summary>
    public static readonly string Genesis = new('0', 64);

    /// <summary>Version of an entry hashed with plain SHA-256 (anyone can recompute it).</summary>
    public const int Unkeyed = 0;

    /// <summary>Version of an entry hashed with HMAC-SHA256 under the configured <see cref="AuditKey"/>.</summary>
    public const int Keyed = 1;

    /// <summary>An unkeyed entry after <paramref name="chain"/>'s last.</summary>
    public static AuditEntry Append(
        IReadOnlyList<AuditEntry> chain, DateTimeOffset at, string operatorName, string command, string detail, string before, string after) =>
        chain.Count == 0
            ? Append(0, Genesis, at, operatorName, command, detail, before, after)
            : Append(chain[^1].Sequence, chain[^1].Hash, at, operatorName, command, detail, before, after);

    /// <summary>The unkeyed entry after the one numbered <paramref name="previousSequence"/> with hash <paramref name="previous"/>.</summary>
    public static AuditEntry Append(
        long previousSequence, string previous, DateTimeOffset at, string operatorName, string command, string detail, string before, string after)
    {
        var entry = Unsigned(previousSequence, previous, at, operatorName, command, detail, before, after, Unkeyed);
        return entry with { Hash = ComputeHash(entry) };
    }

    /// <summary>The keyed entry after the one numbered <paramref name="previousSequence"/> with hash <paramref name="previous"/>.</summary>
    public static AuditEntry Append(
        AuditKey key, long previousSequence, string previous, DateTimeOffset at, string operatorName, string command, string detail, string before, string after)
    {
        ArgumentNullException.ThrowIfNull(key);
        var entry = Unsigned(previousSequence, previous, at, operatorName, command, detail, before, after, Keyed);
        return entry with { Hash = ComputeHash(entry, key) };
    }

    /// <summary>SHA-256 (lowercase hex) over the length-prefixed UTF-8 encoding of every field but the hash and version.</summary>
    public static string ComputeHash(AuditEntry entry) => Convert.ToHexStringLower(SHA256.HashData(Encode(entry, withVersion: false)));

    /// <summary>HMAC-SHA256 (lowercase hex) under <paramref name="key"/> over the same encoding plus the version.</summary>
    public static string ComputeHash(AuditEntry entry, AuditKey key)
    {
        ArgumentNullException.ThrowIfNull(key);
        return key.Sign(Encode(entry, withVersion: true));
    }

    /// <summary>
    /// Without a key: sequence numbers, every link, the head and count kept beside the chain, and the
    /// hashes of unkeyed entries; keyed entries' hashes cannot be checked (the console's local check).
    /// </summary>
    public static AuditVerification Verify(IReadOnlyList<AuditEntry> entries, string? expectedHead = null, long? expectedCount = null) =>
        Verify(entries, null, expectedHead, expectedCount);

    /// <summary>
    /// Checks sequence numbers, every hash and every link; with <paramref name="expectedHead"/> and
    /// <paramref name="expectedCount"/> (kept beside the chain) also that nothing was cut off the end.
    /// With <paramref name="key"/> keyed hashes are checked too and unkeyed entries must be pinned.
    /// </summary>
    public static AuditVerification Verify(IReadOnlyList<AuditEntry> entries, AuditKey? key, string? expectedHead = null, long? expectedCount = null)
    {
        var problems = new List<string>();
        var previous = Genesis;
        var keyed = 0;
        var unpinned = 0;
        for (var i = 0; i < entries.Count; i++)
        {
            var entry = entries[i];
            if (entry.Sequence != i + 1)
            {
                problems.Add($"entry #{i + 1} carries sequence {entry.Sequence}: an entry was removed or reordered");
            }

            if (!string.Equals(entry.PreviousHash, previous, StringComparison.Ordinal))
            {
                problems.Add($"entry #{entry.Sequence} does not link to the entry before it: an entry was removed or altered");
            }

            CheckHash(entry, key, keyed, problems);
            if (entry.Version == Keyed)
            {
                keyed++;
                unpinned = 0;
            }
            else
            {
                unpinned++;
            }

            previous = entry.Hash;
        }

        var adoptionNeeded = key is not null && unpinned > 0 && keyed == 0;
        if (key is not null && unpinned > 0)
        {
            problems.Add($"the last {unpinned} entries are unkeyed and no keyed entry follows them: they cannot be told from a rewrite"
                + (adoptionNeeded ? "; if they were written before the audit key was configured, adopt the key (console: audit adopt-key) to pin them" : string.Empty));
        }

        var head = entries.Count == 0 ? Genesis : entries[^1].Hash;
        if (expectedCount is { } count && count != entries.Count)
        {
            problems.Add($"the chain has {entries.Count} entries but {count} were recorded: entries were removed");
        }

        if (expectedHead is not null && !string.Equals(expectedHead, head, StringComparison.Ordinal))
        {
            problems.Add("the last entry is not the recorded head of the chain: entries were removed or altered");
        }

        return new AuditVerification
        {
            IsValid = problems.Count == 0,
            EntryCount = entries.Count,
            HeadHash = head,
            Problems = problems,
            KeyedEntryCount = keyed,
            KeyChecked = key is not null,
            AdoptionNeeded = adoptionNeeded,
        };
    }

    private static void CheckHash(AuditEntry entry, AuditKey? key, int keyedBefore, List<string> problems)
    {
        switch (entry.Version)
        {
            case Unkeyed when key is not null && keyedBefore > 0:
                problems.Add($"entry #{entry.Sequence} ({entry.Command}) is unkeyed after keyed entries: it was rewritten without the key");
                break;
            case Unkeyed when !string.Equals(ComputeHash(entry), entry.Hash, StringComparison.Ordinal):
                problems.Add($"entry #{entry.Sequence} ({entry.Command}) does not match its hash: it was altered");
                break;
            case Keyed when key is not null && !string.Equals(ComputeHash(entry, key), entry.Hash, StringComparison.Ordinal):
                problems.Add($"entry #{entry.Sequence} ({entry.Command}) does not match its keyed hash: it was altered, or the key is not the one it was written with");
                break;
            case Unkeyed or Keyed:
                break;
            default:
                problems.Add($"entry #{entry.Sequence} ({entry.Command}) has unknown version {entry.Version}");
                break;
        }
    }

    private static AuditEntry Unsigned(
        long previousSequence, string previous, DateTimeOffset at, string operatorName, string command, string detail, string before, string after, int version) => new()
        {
            Sequence = previousSequence + 1,
            At = at.ToUniversalTime(),
            Operator = operatorName,
            Command = command,
            Detail = detail,
            Before = before,
            After = after,
            PreviousHash = previous,
            Hash = string.Empty,
            Version = version,
        };

    private static byte[] Encode(AuditEntry entry, bool withVersion)
    {
        using var buffer = new MemoryStream();
        if (withVersion)
        {
            WriteField(buffer, entry.Version.ToString(CultureInfo.InvariantCulture));
        }

        WriteField(buffer, entry.Sequence.ToString(CultureInfo.InvariantCulture));
        WriteField(buffer, entry.At.UtcTicks.ToString(CultureInfo.InvariantCulture));
        WriteField(buffer, entry.Operator);
        WriteField(buffer, entry.Command);
        WriteField(buffer, entry.Detail);
        WriteField(buffer, entry.Before);
        WriteField(buffer, entry.After);
        WriteField(buffer, entry.PreviousHash);
        return buffer.ToArray();
    }

    private static void WriteField(Stream stream, string? value)
    {
        var bytes = Encoding.UTF8.GetBytes(value ?? string.Empty);
        Span<byte> length = stackalloc byte[4];
        BinaryPrimitives.WriteInt32BigEndian(length, bytes.Length);
        stream.Write(length);
        stream.Write(bytes);
    }
}

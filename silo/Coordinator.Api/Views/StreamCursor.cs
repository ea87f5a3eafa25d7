using System.Globalization;
using Coordinator.Campaigns;
using Coordinator.Domain;
using Coordinator.Fences;
using Coordinator.Operations.Regions;

namespace Coordinator.Api.Views;

/// <summary>
/// Where an event-stream follower stands, written as its event id: every region's epoch as the
/// <see cref="EpochCursor"/> writes it ("eu-west=3"), then each campaign's status version
/// ("campaign:c1=7") and each lease's stamp ("lease:eu-west/w1=5f": the latest fencing token, then
/// v valid, f frozen, n no valid token). Parts appear once the stream has sent them, so a stream of
/// regions alone keeps the ids it always had. Events carry whole states, so a resumed follower is sent
/// what moved past its id, with how much went by unseen.
/// </summary>
internal sealed class StreamCursor
{
    private const string CampaignPrefix = "campaign:";
    private const string LeasePrefix = "lease:";

    private readonly SortedDictionary<string, long> _campaigns = new(StringComparer.Ordinal);
    private readonly SortedDictionary<string, string> _leases = new(StringComparer.Ordinal);

    private StreamCursor(EpochCursor regions) => Regions = regions;

    public EpochCursor Regions { get; }

    /// <summary>Parses an id this API wrote; adds an error naming <paramref name="field"/> when it is not one.</summary>
    public static StreamCursor Parse(string? text, string field, ICollection<FieldError> errors)
    {
        if (string.IsNullOrEmpty(text) || text.Length > EpochCursor.MaxLength)
        {
            return new StreamCursor(EpochCursor.Parse(text, field, errors));
        }

        var parts = text.Split(';');
        var cursor = new StreamCursor(EpochCursor.Parse(string.Join(';', parts.Where(p => !p.Contains(':', StringComparison.Ordinal))), field, errors));
        foreach (var part in parts.Where(p => p.Contains(':', StringComparison.Ordinal)))
        {
            if (!cursor.TryAdd(part))
            {
                errors.Add(new FieldError(field, $"'{(text.Length <= 40 ? text : text[..40] + "...")}' is not an event id this API wrote"));
                return new StreamCursor(EpochCursor.Empty);
            }
        }

        return cursor;
    }

    /// <summary>True (and the cursor moves) when <paramref name="change"/> is newer than what the follower saw; <paramref name="missed"/> counts versions unseen.</summary>
    public bool Advance(CampaignChange change, out long missed)
    {
        missed = 0;
        if (_campaigns.TryGetValue(change.CampaignId, out var seen))
        {
            if (change.Version <= seen)
            {
                return false;
            }

            missed = change.Version - seen - 1;
        }

        _campaigns[change.CampaignId] = change.Version;
        return true;
    }

    /// <summary>True (and the cursor moves) when the lease's stamp differs from what the follower saw; <paramref name="missed"/> counts grants unseen.</summary>
    public bool Advance(string region, string writer, LeaseChanged change, out long missed)
    {
        missed = 0;
        var key = region + "/" + writer;
        var stamp = Stamp(change);
        if (_leases.TryGetValue(key, out var seen))
        {
            var seenToken = long.Parse(seen.AsSpan(0, seen.Length - 1), NumberStyles.None, CultureInfo.InvariantCulture);
            if (seen == stamp || change.LatestFencingToken < seenToken)
            {
                return false;
            }

            missed = Math.Max(0, change.LatestFencingToken - seenToken - 1);
        }

        _leases[key] = stamp;
        return true;
    }

    public override string ToString()
    {
        var parts = new List<string>();
        var regions = Regions.ToString();
        if (regions.Length > 0)
        {
            parts.Add(regions);
        }

        parts.AddRange(_campaigns.Select(kv => CampaignPrefix + kv.Key + "=" + kv.Value.ToString(CultureInfo.InvariantCulture)));
        parts.AddRange(_leases.Select(kv => LeasePrefix + kv.Key + "=" + kv.Value));
        return string.Join(';', parts);
    }

    private static string Stamp(LeaseChanged change) =>
        change.LatestFencingToken.ToString(CultureInfo.InvariantCulture) + (change.FrozenBy is not null ? "f" : change.ValidToken is not null ? "v" : "n");

    private bool TryAdd(string part)
    {
        var pair = part.Split('=');
        if (pair.Length != 2)
        {
            return false;
        }

        var names = new List<FieldError>();
        if (pair[0].StartsWith(CampaignPrefix, StringComparison.Ordinal))
        {
            var id = pair[0][CampaignPrefix.Length..];
            NameRules.Check("campaign", id, names);
            return names.Count == 0
                && long.TryParse(pair[1], NumberStyles.None, CultureInfo.InvariantCulture, out var version)
                && _campaigns.TryAdd(id, version);
        }

        if (pair[0].StartsWith(LeasePrefix, StringComparison.Ordinal))
        {
            var lease = pair[0][LeasePrefix.Length..].Split('/');
            if (lease.Length != 2 || pair[1].Length < 2 || pair[1][^1] is not ('v' or 'f' or 'n'))
            {
                return false;
            }

            NameRules.Check("region", lease[0], names);
            NameRules.Check("writer", lease[1], names);
            return names.Count == 0
                && long.TryParse(pair[1].AsSpan(0, pair[1].Length - 1), NumberStyles.None, CultureInfo.InvariantCulture, out _)
                && _leases.TryAdd(lease[0] + "/" + lease[1], pair[1]);
        }

        return false;
    }
}

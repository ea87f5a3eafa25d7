using System.Globalization;
using Coordinator.Domain;

namespace Coordinator.Operations.Regions;

/// <summary>
/// Where a follower of a service's regions stands: the epoch it last saw per region, written as an
/// event id ("eu-west=3;us-east=1"). Because events carry the region's whole confirmed state, a
/// follower that resumes from its cursor misses nothing it needs: each region that moved past its
/// epoch is sent again as it is now, with how many epochs went by unseen.
/// </summary>
public sealed class EpochCursor
{
    /// <summary>Longest cursor accepted back from a client.</summary>
    public const int MaxLength = 8 * 1024;

    private readonly SortedDictionary<string, long> _epochs;

    private EpochCursor(SortedDictionary<string, long> epochs) => _epochs = epochs;

    public static EpochCursor Empty => new(new SortedDictionary<string, long>(StringComparer.Ordinal));

    /// <summary>Parses a cursor a client sent back; adds an error naming <paramref name="field"/> when it is not one.</summary>
    public static EpochCursor Parse(string? text, string field, ICollection<FieldError> errors)
    {
        var cursor = Empty;
        if (string.IsNullOrEmpty(text))
        {
            return cursor;
        }

        if (text.Length > MaxLength)
        {
            errors.Add(new FieldError(field, $"must be at most {MaxLength} characters"));
            return cursor;
        }

        foreach (var part in text.Split(';'))
        {
            var pair = part.Split('=');
            var nameErrors = new List<FieldError>();
            if (pair.Length == 2)
            {
                NameRules.Check(field, pair[0], nameErrors);
            }

            if (pair.Length != 2 || nameErrors.Count > 0
                || !long.TryParse(pair[1], NumberStyles.None, CultureInfo.InvariantCulture, out var epoch)
                || !cursor._epochs.TryAdd(pair[0], epoch))
            {
                errors.Add(new FieldError(field, $"'{Truncate(text)}' is not an event id this API wrote (region=epoch;...)"));
                return Empty;
            }
        }

        return cursor;
    }

    /// <summary>
    /// The regions of <paramref name="views"/> that moved past this cursor (a region never seen counts
    /// from nothing), each with the epochs that went by unseen; the cursor now stands at them.
    /// </summary>
    public IReadOnlyList<(ActiveArmView View, long MissedEpochs)> Advance(IEnumerable<ActiveArmView> views)
    {
        var moved = new List<(ActiveArmView, long)>();
        foreach (var view in views)
        {
            if (!_epochs.TryGetValue(view.Region, out var seen))
            {
                _epochs[view.Region] = view.Epoch;
                moved.Add((view, 0));
            }
            else if (view.Epoch > seen)
            {
                _epochs[view.Region] = view.Epoch;
                moved.Add((view, view.Epoch - seen - 1));
            }
        }

        return moved;
    }

    /// <summary>The event id: every region's last seen epoch.</summary>
    public override string ToString() =>
        string.Join(';', _epochs.Select(kv => kv.Key + "=" + kv.Value.ToString(CultureInfo.InvariantCulture)));

    private static string Truncate(string text) => text.Length <= 40 ? text : text[..40] + "...";
}

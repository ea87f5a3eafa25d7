using System.Globalization;
using System.Text.RegularExpressions;

namespace Coordinator.Console.Commands;

/// <summary>Durations as operators type them: a whole number and a unit, e.g. 500ms, 30s, 2m, 1h.</summary>
public static partial class DurationText
{
    public const string Forms = "a whole number with a unit: ms, s, m or h (e.g. 30s, 2m)";

    [GeneratedRegex(@"^(?<n>[0-9]{1,9})(?<unit>ms|s|m|h)$", RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();

    public static bool TryParse(string? text, out TimeSpan value)
    {
        value = default;
        var match = text is null ? null : Pattern().Match(text.Trim());
        if (match is not { Success: true })
        {
            return false;
        }

        var n = long.Parse(match.Groups["n"].Value, CultureInfo.InvariantCulture);
        value = match.Groups["unit"].Value switch
        {
            "ms" => TimeSpan.FromMilliseconds(n),
            "s" => TimeSpan.FromSeconds(n),
            "m" => TimeSpan.FromMinutes(n),
            _ => TimeSpan.FromHours(n),
        };
        return true;
    }

    /// <summary>The shortest of the accepted forms that says exactly <paramref name="value"/>, e.g. "90s".</summary>
    public static string Format(TimeSpan value) =>
        value == TimeSpan.Zero ? "0s"
        : value.Ticks % TimeSpan.TicksPerSecond != 0 ? Invariant($"{(long)value.TotalMilliseconds}ms")
        : value.Ticks % TimeSpan.TicksPerMinute != 0 ? Invariant($"{(long)value.TotalSeconds}s")
        : value.Ticks % TimeSpan.TicksPerHour != 0 ? Invariant($"{(long)value.TotalMinutes}m")
        : Invariant($"{(long)value.TotalHours}h");

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}

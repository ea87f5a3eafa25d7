using System.Globalization;

namespace Coordinator.Console.Rendering;

/// <summary>Small formatting rules shared by the tables.</summary>
public static class Display
{
    /// <summary>Cuts <paramref name="value"/> to <paramref name="max"/> characters, marking the cut with '…'.</summary>
    public static string Shorten(string value, int max) =>
        value.Length <= max ? value : string.Concat(value.AsSpan(0, Math.Max(0, max - 1)), "…");

    public static string Time(DateTimeOffset at) =>
        at.ToUniversalTime().ToString("yyyy-MM-dd HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    /// <summary>Time of day to the millisecond, for event lines where sub-second order matters.</summary>
    public static string Clock(DateTimeOffset at) =>
        at.ToUniversalTime().ToString("HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

    public static string Time(DateTimeOffset? at) => at is { } value ? Time(value) : "never";

    public static string Number(long value) => value.ToString(CultureInfo.InvariantCulture);

    /// <summary>"in 25s" while <paramref name="at"/> is ahead of <paramref name="now"/> (rounded up), else "expired".</summary>
    public static string Until(DateTimeOffset at, DateTimeOffset now) =>
        at > now ? $"in {Number((long)Math.Ceiling((at - now).TotalSeconds))}s" : "expired";

    /// <summary>"3s ago" (rounded down; never negative when clocks differ slightly).</summary>
    public static string Ago(DateTimeOffset at, DateTimeOffset now) =>
        $"{Number((long)Math.Max(0, Math.Floor((now - at).TotalSeconds)))}s ago";

    public static string OrDash(string? value) => string.IsNullOrEmpty(value) ? "-" : value;
}

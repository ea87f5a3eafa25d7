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

    public static string Time(DateTimeOffset? at) => at is { } value ? Time(value) : "never";
}

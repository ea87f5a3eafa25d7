namespace Coordinator.Campaigns;

/// <summary>JSON paths for error messages: <c>$.waves[1].regions[0]</c>, <c>$.waves[0].region_fences['eu-west']</c>.</summary>
public static class JsonPath
{
    public const string Root = "$";

    public static string Property(string parent, string key) =>
        IsPlainKey(key) ? $"{parent}.{key}" : $"{parent}['{key.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("'", "\\'", StringComparison.Ordinal)}']";

    public static string Index(string parent, int index) => $"{parent}[{index}]";

    /// <summary>True when <paramref name="path"/> is <paramref name="ancestor"/> or lies inside it.</summary>
    public static bool IsWithin(string path, string ancestor) =>
        path.StartsWith(ancestor, StringComparison.Ordinal)
        && (path.Length == ancestor.Length || path[ancestor.Length] is '.' or '[');

    private static bool IsPlainKey(string key) =>
        key.Length > 0 && (char.IsAsciiLetter(key[0]) || key[0] == '_') && key.All(c => char.IsAsciiLetterOrDigit(c) || c == '_');
}

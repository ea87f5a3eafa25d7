namespace Coordinator;

/// <summary>The grain key of a per-(service, region) grain: "service/region".</summary>
public static class RegionKey
{
    public const char Separator = '/';

    public static string Format(string service, string region) => $"{service}{Separator}{region}";

    public static (string Service, string Region) Parse(string key)
    {
        var at = key.IndexOf(Separator, StringComparison.Ordinal);
        if (at <= 0 || at == key.Length - 1)
        {
            throw new FormatException($"'{key}' is not a 'service/region' key.");
        }

        return (key[..at], key[(at + 1)..]);
    }
}

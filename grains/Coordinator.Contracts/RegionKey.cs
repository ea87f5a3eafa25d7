namespace Coordinator;

/// <summary>The grain key of a per-(service, region) grain: "service/region".</summary>
public static class RegionKey
{
    /// <summary>Separates the parts of every composite grain key; service and region names never contain it.</summary>
    public const char Separator = '/';

    /// <summary>The key of the (<paramref name="service"/>, <paramref name="region"/>) grains: switchover, cutover region state, fence directory.</summary>
    public static string Format(string service, string region) => $"{service}{Separator}{region}";

    /// <summary>Splits at the first '/'; the region may not be empty.</summary>
    /// <exception cref="FormatException">No '/', or an empty service or region.</exception>
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

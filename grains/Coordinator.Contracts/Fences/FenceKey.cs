namespace Coordinator.Fences;

/// <summary>Keys of per-(service, region, name) grains: "service/region/name".</summary>
public static class FenceKey
{
    /// <summary>The key of the lease or consumer pointer <paramref name="name"/> in (<paramref name="service"/>, <paramref name="region"/>). The parts must not contain '/' (names are checked before they get here).</summary>
    public static string Format(string service, string region, string name) => $"{service}/{region}/{name}";

    /// <summary>Splits a key made by <see cref="Format"/>.</summary>
    /// <exception cref="FormatException">The key does not have exactly three '/'-separated parts.</exception>
    public static (string Service, string Region, string Name) Parse(string key)
    {
        var parts = key.Split('/');
        if (parts.Length != 3)
        {
            throw new FormatException($"'{key}' is not a 'service/region/name' key.");
        }

        return (parts[0], parts[1], parts[2]);
    }
}

namespace Coordinator.Fences;

/// <summary>Keys of per-(service, region, name) grains: "service/region/name".</summary>
public static class FenceKey
{
    public static string Format(string service, string region, string name) => $"{service}/{region}/{name}";

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

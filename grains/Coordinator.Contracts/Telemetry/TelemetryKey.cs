namespace Coordinator.Campaigns;

/// <summary>The key of an <see cref="ITelemetryGrain"/>: "service/region/arm", arm as "blue" or "green".</summary>
public static class TelemetryKey
{
    /// <summary>"service/region/blue" or "service/region/green".</summary>
    public static string Format(string service, string region, Arm arm) =>
        $"{RegionKey.Format(service, region)}{RegionKey.Separator}{arm.ToWire()}";

    /// <summary>Splits a key; the names are not checked here (see <c>NameRules</c>).</summary>
    /// <exception cref="FormatException">Not three non-empty parts, or the last is not an arm.</exception>
    public static (string Service, string Region, Arm Arm) Parse(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        var parts = key.Split(RegionKey.Separator);
        if (parts.Length != 3 || parts.Any(string.IsNullOrEmpty))
        {
            throw new FormatException($"'{key}' is not a 'service/region/arm' key.");
        }

        if (!ArmExtensions.TryParse(parts[2], out var arm) || parts[2] != arm.ToWire())
        {
            throw new FormatException($"'{parts[2]}' in '{key}' is not 'blue' or 'green'.");
        }

        return (parts[0], parts[1], arm);
    }
}

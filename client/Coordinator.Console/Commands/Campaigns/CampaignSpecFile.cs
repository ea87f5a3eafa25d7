using System.Text.Json.Nodes;
using Coordinator.Campaigns;
using Coordinator.Campaigns.Json;
using Coordinator.Console.App;
using Coordinator.Domain;

namespace Coordinator.Console.Commands.Campaigns;

/// <summary>Reading a spec file for the console: offline first, then against the service's registered regions.</summary>
public static class CampaignSpecFile
{
    /// <summary>The spec's "service" when the file is JSON with a valid service name; null otherwise (nothing to check regions against).</summary>
    public static string? ServiceOf(string path)
    {
        try
        {
            var service = (JsonNode.Parse(File.ReadAllText(path)) as JsonObject)?["service"] is JsonValue value && value.TryGetValue<string>(out var text) ? text : null;
            var errors = new List<FieldError>();
            NameRules.Check("service", service, errors);
            return errors.Count == 0 ? service : null;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException or System.Text.Json.JsonException)
        {
            return null;
        }
    }

    /// <summary>The regions the service directory knows for <paramref name="service"/>.</summary>
    public static async Task<IReadOnlySet<string>> RegisteredRegionsAsync(IClusterClient client, string service) =>
        (await client.GetGrain<IServiceDirectoryGrain>(service).GetRegionsAsync()).ToHashSet(StringComparer.Ordinal);

    /// <exception cref="UsageException">The spec is invalid; every error is listed with its JSON path.</exception>
    public static CampaignSpec Require(string path, CampaignSpecReadResult result) =>
        result.Spec ?? throw new UsageException($"campaign spec '{path}' is invalid", result.Errors);
}

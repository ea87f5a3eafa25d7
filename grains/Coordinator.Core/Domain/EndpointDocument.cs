using System.Text.Json.Serialization;

namespace Coordinator.Domain;

/// <summary>
/// One region's entry under a manifest's <c>"endpoints"</c> as written in JSON; both keys optional here
/// so a missing url is reported by <see cref="ManifestValidator"/> with the others.
/// </summary>
public sealed class EndpointDocument
{
    public const string UrlKey = "url";
    public const string HealthPathKey = "health_path";

    [JsonPropertyName(UrlKey)] public string? Url { get; set; }

    [JsonPropertyName(HealthPathKey)] public string? HealthPath { get; set; }
}

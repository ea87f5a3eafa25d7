using System.Text.Json.Nodes;
using Coordinator.Campaigns;
using Coordinator.Campaigns.Json;
using Coordinator.Console.App;
using Coordinator.Domain;
using Coordinator.Operations.Campaigns;

namespace Coordinator.Console.Commands.Campaigns;

/// <summary>
/// A campaign spec file, read from disk once: checked offline, and against the service's registered
/// regions from the same text.
/// </summary>
public sealed class CampaignSpecFile
{
    private readonly string? _text;
    private readonly CampaignSpecReadResult? _unreadable;

    private CampaignSpecFile(string path, string? text, CampaignSpecReadResult? unreadable)
    {
        Path = path;
        _text = text;
        _unreadable = unreadable;
    }

    public string Path { get; }

    /// <summary>The spec's "service" when the text is JSON with a valid service name; null otherwise (nothing to check regions against).</summary>
    public string? Service
    {
        get
        {
            try
            {
                var service = (JsonNode.Parse(_text ?? string.Empty) as JsonObject)?["service"] is JsonValue value && value.TryGetValue<string>(out var text) ? text : null;
                var errors = new List<FieldError>();
                NameRules.Check("service", service, errors);
                return errors.Count == 0 ? service : null;
            }
            catch (System.Text.Json.JsonException)
            {
                return null;
            }
        }
    }

    public static CampaignSpecFile Load(string path)
    {
        string? text = null;
        try
        {
            var info = new FileInfo(path);
            if (info.Exists)
            {
                // Read even when oversized: the service name still says which regions to check against.
                text = File.ReadAllText(path);
                if (info.Length <= CampaignLimits.MaxSpecBytes)
                {
                    var (inlined, goldError) = WarmGoldSet.Inline(path, text);
                    return new CampaignSpecFile(path, inlined, goldError is null ? null : new CampaignSpecReadResult(null, [goldError]));
                }
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            // Reported below, in the reader's words.
        }

        // Missing, oversized or unreadable: the spec reader says which, with the path, as everywhere else.
        return new CampaignSpecFile(path, text, CampaignSpecReader.ReadFile(path));
    }

    /// <summary>Every problem with the spec; with <paramref name="registeredRegions"/>, unregistered regions too.</summary>
    public CampaignSpecReadResult Read(IReadOnlySet<string>? registeredRegions = null) =>
        _unreadable ?? CampaignSpecReader.Read(_text!, registeredRegions);

    /// <exception cref="UsageException">The spec is invalid; every error is listed with its JSON path.</exception>
    public CampaignSpec Require() => Require(Read());

    /// <summary>An already valid spec checked against the service's registered regions.</summary>
    /// <exception cref="UsageException">A region is not registered (or another problem, each with its JSON path).</exception>
    public CampaignSpec RequireRegistered(CampaignSpec spec, IReadOnlySet<string> registeredRegions)
    {
        var errors = CampaignSpecValidator.Validate(spec, registeredRegions);
        return errors.Count == 0 ? spec : throw Invalid(errors);
    }

    /// <exception cref="UsageException">The spec is invalid; every error is listed with its JSON path.</exception>
    public CampaignSpec Require(CampaignSpecReadResult result) => result.Spec ?? throw Invalid(result.Errors);

    /// <summary>The regions the service directory knows for <paramref name="service"/>.</summary>
    public static Task<IReadOnlySet<string>> RegisteredRegionsAsync(IClusterClient client, string service) =>
        CampaignOperations.RegisteredRegionsAsync(client, service);

    /// <summary>The console's error for this spec, listing every problem.</summary>
    public UsageException Invalid(IReadOnlyList<FieldError> errors) => new($"campaign spec '{Path}' is invalid", errors);
}

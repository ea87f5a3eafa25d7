using System.Globalization;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;

namespace Coordinator.Hosting;

/// <summary>
/// Reads the "Coordinator" section by hand rather than with the binder, so that a non-numeric port
/// or a misspelt key is reported together with every other problem instead of stopping at the first.
/// </summary>
public static class CoordinatorSiloOptionsReader
{
    private static readonly HashSet<string> KnownKeys = new(
        typeof(CoordinatorSiloOptions).GetProperties().Select(p => p.Name), StringComparer.OrdinalIgnoreCase);

    private const string ApiSubsection = "Api";

    private const string ObservabilitySubsection = "Observability";

    /// <exception cref="OptionsValidationException">Lists every invalid or unknown setting.</exception>
    public static CoordinatorSiloOptions Read(IConfiguration configuration)
    {
        const string s = CoordinatorSiloOptions.Section;
        var section = configuration.GetSection(s);
        var failures = new List<string>();
        foreach (var child in section.GetChildren())
        {
            // "Coordinator:Api" and "Coordinator:Observability" have readers of their own, which check them.
            if (!KnownKeys.Contains(child.Key) && child.Key != ApiSubsection && child.Key != ObservabilitySubsection)
            {
                failures.Add($"{s}:{child.Key}: is not a known setting (known: {string.Join(", ", KnownKeys.Order())})");
            }
        }

        var options = new CoordinatorSiloOptions();
        options.StorageMode = section[nameof(options.StorageMode)]?.Trim().ToLowerInvariant() ?? options.StorageMode;
        options.ClusterId = section[nameof(options.ClusterId)] ?? options.ClusterId;
        options.ServiceId = section[nameof(options.ServiceId)] ?? options.ServiceId;
        options.AdvertisedIPAddress = section[nameof(options.AdvertisedIPAddress)] ?? options.AdvertisedIPAddress;
        options.AzureStorageConnectionString = section[nameof(options.AzureStorageConnectionString)] ?? options.AzureStorageConnectionString;
        options.AuditKey = section[nameof(options.AuditKey)] ?? options.AuditKey;
        options.SiloPort = ReadInt(section, nameof(options.SiloPort), options.SiloPort, failures);
        options.GatewayPort = ReadInt(section, nameof(options.GatewayPort), options.GatewayPort, failures);
        options.HttpPort = ReadInt(section, nameof(options.HttpPort), options.HttpPort, failures);
        options.StreamQueueCount = ReadInt(section, nameof(options.StreamQueueCount), options.StreamQueueCount, failures);
        options.LedgerRetentionHours = ReadInt(section, nameof(options.LedgerRetentionHours), options.LedgerRetentionHours, failures);
        options.LedgerMaxEntries = ReadInt(section, nameof(options.LedgerMaxEntries), options.LedgerMaxEntries, failures);
        options.ConsumerInstanceTimeoutSeconds = ReadInt(section, nameof(options.ConsumerInstanceTimeoutSeconds), options.ConsumerInstanceTimeoutSeconds, failures);
        options.ProbeTimeoutMilliseconds = ReadInt(section, nameof(options.ProbeTimeoutMilliseconds), options.ProbeTimeoutMilliseconds, failures);
        options.MissedProbesLimit = ReadInt(section, nameof(options.MissedProbesLimit), options.MissedProbesLimit, failures);
        options.DeathVoteExpirationSeconds = ReadInt(section, nameof(options.DeathVoteExpirationSeconds), options.DeathVoteExpirationSeconds, failures);
        options.MembershipTableRefreshSeconds = ReadInt(section, nameof(options.MembershipTableRefreshSeconds), options.MembershipTableRefreshSeconds, failures);
        options.IAmAlivePublishSeconds = ReadInt(section, nameof(options.IAmAlivePublishSeconds), options.IAmAlivePublishSeconds, failures);
        options.CampaignWakeSeconds = ReadInt(section, nameof(options.CampaignWakeSeconds), options.CampaignWakeSeconds, failures);
        options.WebhookAttemptTimeoutSeconds = ReadInt(section, nameof(options.WebhookAttemptTimeoutSeconds), options.WebhookAttemptTimeoutSeconds, failures);
        options.WebhookInitialBackoffMilliseconds = ReadInt(section, nameof(options.WebhookInitialBackoffMilliseconds), options.WebhookInitialBackoffMilliseconds, failures);
        options.WebhookMaxBackoffSeconds = ReadInt(section, nameof(options.WebhookMaxBackoffSeconds), options.WebhookMaxBackoffSeconds, failures);

        failures.AddRange(CoordinatorSiloOptionsValidator.Collect(options));
        if (failures.Count > 0)
        {
            throw new OptionsValidationException(s, typeof(CoordinatorSiloOptions), failures);
        }

        return options;
    }

    private static int ReadInt(IConfigurationSection section, string key, int fallback, List<string> failures)
    {
        var text = section[key];
        if (text is null)
        {
            return fallback;
        }

        if (int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value))
        {
            return value;
        }

        failures.Add($"{section.Path}:{key}: '{text}' is not a whole number");
        return fallback;
    }
}

using Coordinator.Consumers;
using System.Net;
using Microsoft.Extensions.Options;

namespace Coordinator.Hosting;

/// <summary>Reports every bad setting at once, each naming its configuration key.</summary>
public sealed class CoordinatorSiloOptionsValidator : IValidateOptions<CoordinatorSiloOptions>
{
    public ValidateOptionsResult Validate(string? name, CoordinatorSiloOptions options)
    {
        var failures = Collect(options);
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    public static List<string> Collect(CoordinatorSiloOptions options)
    {
        const string s = CoordinatorSiloOptions.Section;
        var failures = new List<string>();
        if (!StorageMode.IsKnown(options.StorageMode))
        {
            failures.Add($"{s}:StorageMode: '{options.StorageMode}' is not a storage mode; use '{StorageMode.Embedded}' or '{StorageMode.Azure}'");
        }

        CheckId($"{s}:ClusterId", options.ClusterId, failures);
        CheckId($"{s}:ServiceId", options.ServiceId, failures);
        CheckPort($"{s}:SiloPort", options.SiloPort, failures);
        CheckPort($"{s}:GatewayPort", options.GatewayPort, failures);
        CheckPort($"{s}:HttpPort", options.HttpPort, failures);
        if (options.SiloPort == options.GatewayPort && options.SiloPort != 0)
        {
            failures.Add($"{s}:GatewayPort: must differ from {s}:SiloPort ({options.SiloPort})");
        }

        if (options.HttpPort == options.SiloPort || options.HttpPort == options.GatewayPort)
        {
            failures.Add($"{s}:HttpPort: must differ from the silo and gateway ports ({options.HttpPort})");
        }

        if (!IPAddress.TryParse(options.AdvertisedIPAddress, out _))
        {
            failures.Add($"{s}:AdvertisedIPAddress: '{options.AdvertisedIPAddress}' is not an IP address");
        }

        if (options.LedgerRetentionHours is < 1 or > 720)
        {
            failures.Add($"{s}:LedgerRetentionHours: must be between 1 and 720 (got {options.LedgerRetentionHours})");
        }

        if (options.LedgerMaxEntries is < ConsumerPointerOptions.MinLedgerMaxEntries or > ConsumerPointerOptions.MaxLedgerMaxEntries)
        {
            failures.Add($"{s}:LedgerMaxEntries: must be between {ConsumerPointerOptions.MinLedgerMaxEntries} and {ConsumerPointerOptions.MaxLedgerMaxEntries} (got {options.LedgerMaxEntries})");
        }

        if (options.ConsumerInstanceTimeoutSeconds is < 1 or > 600)
        {
            failures.Add($"{s}:ConsumerInstanceTimeoutSeconds: must be between 1 and 600 (got {options.ConsumerInstanceTimeoutSeconds})");
        }

        CheckAuditKey(options, failures);
        CheckRange($"{s}:ProbeTimeoutMilliseconds", options.ProbeTimeoutMilliseconds, 100, 60_000, failures);
        CheckRange($"{s}:MissedProbesLimit", options.MissedProbesLimit, 1, 10, failures);
        CheckRange($"{s}:DeathVoteExpirationSeconds", options.DeathVoteExpirationSeconds, 1, 600, failures);
        CheckRange($"{s}:MembershipTableRefreshSeconds", options.MembershipTableRefreshSeconds, 1, 300, failures);
        CheckRange($"{s}:IAmAlivePublishSeconds", options.IAmAlivePublishSeconds, 1, 600, failures);
        CheckRange($"{s}:CampaignWakeSeconds", options.CampaignWakeSeconds, 1, 300, failures);
        CheckRange($"{s}:WebhookAttemptTimeoutSeconds", options.WebhookAttemptTimeoutSeconds, 1, 120, failures);
        CheckRange($"{s}:WebhookInitialBackoffMilliseconds", options.WebhookInitialBackoffMilliseconds, 10, 600_000, failures);
        CheckRange($"{s}:WebhookMaxBackoffSeconds", options.WebhookMaxBackoffSeconds, 1, 86_400, failures);
        if (options.WebhookMaxBackoffSeconds * 1000L < options.WebhookInitialBackoffMilliseconds)
        {
            failures.Add($"{s}:WebhookMaxBackoffSeconds: must be at least {s}:WebhookInitialBackoffMilliseconds ({options.WebhookInitialBackoffMilliseconds} ms)");
        }

        // A vote that expires before the other survivors can miss their probes never adds up to a death.
        var suspicionMs = (long)options.ProbeTimeoutMilliseconds * options.MissedProbesLimit;
        if (options.DeathVoteExpirationSeconds * 1000L <= suspicionMs && suspicionMs > 0)
        {
            failures.Add($"{s}:DeathVoteExpirationSeconds: must be longer than {s}:ProbeTimeoutMilliseconds x {s}:MissedProbesLimit ({suspicionMs} ms)");
        }

        if (options.StorageMode == StorageMode.Azure)
        {
            if (string.IsNullOrWhiteSpace(options.AzureStorageConnectionString))
            {
                failures.Add($"{s}:AzureStorageConnectionString: is required in azure mode (use 'UseDevelopmentStorage=true' for Azurite)");
            }

            if (options.StreamQueueCount is < 1 or > 64)
            {
                failures.Add($"{s}:StreamQueueCount: must be between 1 and 64 (got {options.StreamQueueCount})");
            }
        }

        return failures;
    }

    private static void CheckAuditKey(CoordinatorSiloOptions options, List<string> failures)
    {
        const string key = $"{CoordinatorSiloOptions.Section}:{nameof(CoordinatorSiloOptions.AuditKey)}";
        if (string.IsNullOrWhiteSpace(options.AuditKey))
        {
            if (options.StorageMode == StorageMode.Azure)
            {
                failures.Add($"{key}: is required in azure mode (base64 of at least {Domain.AuditKey.MinimumBytes} random bytes, e.g. 'openssl rand -base64 32')");
            }
        }
        else if (Domain.AuditKey.TryParse(options.AuditKey, out var problem) is null)
        {
            // Never echo the value: it is a secret.
            failures.Add($"{key}: {problem}");
        }
    }

    private static void CheckRange(string key, int value, int min, int max, List<string> failures)
    {
        if (value < min || value > max)
        {
            failures.Add($"{key}: must be between {min} and {max} (got {value})");
        }
    }

    private static void CheckPort(string key, int port, List<string> failures)
    {
        if (port is < 1 or > 65535)
        {
            failures.Add($"{key}: {port} is not a port (1-65535)");
        }
    }

    private static void CheckId(string key, string? value, List<string> failures)
    {
        // Ids become Azure table partition keys and queue name prefixes: keep them plain.
        if (string.IsNullOrWhiteSpace(value))
        {
            failures.Add($"{key}: is required");
        }
        else if (value.Length > 40 || !value.All(c => char.IsAsciiLetterOrDigit(c) || c == '-')
            || value.StartsWith('-') || value.EndsWith('-') || value.Contains("--", StringComparison.Ordinal))
        {
            failures.Add($"{key}: '{value}' must be 1-40 letters, digits or single '-' between them");
        }
    }
}

using Coordinator.Campaigns;

namespace Coordinator.Grains.Campaigns;

/// <summary>Hold and baseline windows read from the per-(service, region, arm) telemetry grains.</summary>
public sealed class GrainCampaignTelemetry(IGrainFactory grains) : ICampaignTelemetry
{
    public async Task<TelemetryWindow?> GetWindowAsync(string service, string region, Arm arm, DateTimeOffset from, DateTimeOffset to) =>
        to <= from ? null : await grains.GetGrain<ITelemetryGrain>(TelemetryKey.Format(service, region, arm)).GetWindowAsync(from, to);
}

/// <summary>Where the hold step reads live telemetry; absent, holds longer than zero end inconclusive.</summary>
public interface ICampaignTelemetry
{
    Task<TelemetryWindow?> GetWindowAsync(string service, string region, Arm arm, DateTimeOffset from, DateTimeOffset to);
}

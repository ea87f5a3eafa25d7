namespace Coordinator.Grains.Campaigns;

/// <summary>How often a running campaign's reminder wakes its grain, so a crash of its host stalls it only briefly.</summary>
public sealed class CampaignWakeOptions
{
    /// <summary>The reminder's period; the host lowers Orleans' minimum reminder period to match.</summary>
    public TimeSpan Period { get; set; } = TimeSpan.FromMinutes(1);
}

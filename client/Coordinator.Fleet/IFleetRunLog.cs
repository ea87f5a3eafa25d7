using Coordinator.Campaigns;

namespace Coordinator.Fleet;

/// <summary>Where a <see cref="FleetRun"/> reports as it goes; the caller decides how that looks.</summary>
public interface IFleetRunLog
{
    /// <summary>A note about the fleet itself (started, ready, waiting, a failed read).</summary>
    void Note(string line, DateTimeOffset at);

    /// <summary>The campaign as last read, while the run polls it.</summary>
    void Progress(CampaignStatus status, DateTimeOffset at);
}

using Coordinator.Campaigns;
using Coordinator.Console.Rendering;
using Coordinator.Fleet;

namespace Coordinator.Console.Commands.Fleet;

/// <summary>A fleet run's notes and campaign progress as the console's timestamped lines.</summary>
public sealed class FleetProgressLog(CampaignProgressLog log) : IFleetRunLog
{
    public void Note(string line, DateTimeOffset at) => log.Note(line, at);

    public void Progress(CampaignStatus status, DateTimeOffset at) => log.Print(status, at);
}

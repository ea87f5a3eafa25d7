using System.ComponentModel;
using Coordinator.Console.App;
using Coordinator.Operations.Campaigns;

namespace Coordinator.Console.Commands.Campaigns;

[Description("Resume a paused campaign.")]
public sealed class CampaignResumeCommand(CommandRunner runner, CampaignActionOperation operation)
    : CampaignActionCommand(runner, operation, CampaignAction.Resume);

using System.ComponentModel;
using Coordinator.Console.App;
using Coordinator.Operations.Campaigns;

namespace Coordinator.Console.Commands.Campaigns;

[Description("Abort a campaign: every region it flipped goes back to Blue.")]
public sealed class CampaignAbortCommand(CommandRunner runner, CampaignActionOperation operation)
    : CampaignActionCommand(runner, operation, CampaignAction.Abort);

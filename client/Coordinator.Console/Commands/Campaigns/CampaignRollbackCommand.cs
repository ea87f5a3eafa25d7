using System.ComponentModel;
using Coordinator.Console.App;
using Coordinator.Operations.Campaigns;

namespace Coordinator.Console.Commands.Campaigns;

[Description("Roll back a campaign, also a completed one: every region it flipped goes back to Blue, writers and consumers with it.")]
public sealed class CampaignRollbackCommand(CommandRunner runner, CampaignActionOperation operation)
    : CampaignActionCommand(runner, operation, CampaignAction.Rollback);

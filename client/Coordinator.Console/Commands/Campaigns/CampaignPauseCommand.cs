using System.ComponentModel;
using Coordinator.Console.App;
using Coordinator.Operations.Campaigns;

namespace Coordinator.Console.Commands.Campaigns;

[Description("Pause a running campaign where it is: no step advances until it is resumed.")]
public sealed class CampaignPauseCommand(CommandRunner runner, CampaignActionOperation operation)
    : CampaignActionCommand(runner, operation, CampaignAction.Pause);

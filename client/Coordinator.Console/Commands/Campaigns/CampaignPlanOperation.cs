using Coordinator.Campaigns;
using Coordinator.Campaigns.Json;
using Coordinator.Console.App;
using Coordinator.Console.Rendering;

namespace Coordinator.Console.Commands.Campaigns;

/// <summary>What <c>campaign plan</c> does once the spec is read: prints the plan, or every error; changes nothing.</summary>
public sealed class CampaignPlanOperation(ConsoleIo io)
{
    /// <summary>Prints the plan of a valid spec, or every error with its JSON path (exit code 2).</summary>
    /// <param name="regionsChecked">Whether <paramref name="result"/> was read against the service's registered regions.</param>
    public int Plan(CampaignSpecFile file, CampaignSpecReadResult result, bool regionsChecked, bool json)
    {
        if (result.Spec is not { } spec)
        {
            if (json)
            {
                CampaignJson.Write(io.Out, new { Valid = false, RegionsChecked = regionsChecked, Errors = result.Errors.Select(e => new { Path = e.Field, e.Reason }) });
            }

            throw file.Invalid(result.Errors);
        }

        var plan = CampaignPlanner.Plan(spec);
        if (json)
        {
            CampaignJson.Write(io.Out, new { Valid = true, RegionsChecked = regionsChecked, Plan = plan });
        }
        else
        {
            io.Out.Write(CampaignPlanView.Render(plan, regionsChecked));
        }

        return ExitCodes.Ok;
    }
}

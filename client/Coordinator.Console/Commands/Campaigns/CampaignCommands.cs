using Coordinator.Campaigns;
using Coordinator.Campaigns.Json;
using Coordinator.Console.App;
using Coordinator.Console.Rendering;
using Spectre.Console;

namespace Coordinator.Console.Commands.Campaigns;

/// <summary>What the campaign commands do once their input is checked: plan, start, status, approve, abort.</summary>
public sealed class CampaignCommands(ConsoleIo io)
{
    /// <summary>Prints the plan of a valid spec, or every error with its JSON path (exit code 2); changes nothing.</summary>
    /// <param name="regionsChecked">Whether <paramref name="result"/> was read against the service's registered regions.</param>
    public int Plan(string path, CampaignSpecReadResult result, bool regionsChecked, bool json)
    {
        if (result.Spec is not { } spec)
        {
            if (json)
            {
                CampaignJson.Write(io.Out, new { Valid = false, RegionsChecked = regionsChecked, Errors = result.Errors.Select(e => new { Path = e.Field, e.Reason }) });
            }

            throw new UsageException($"campaign spec '{path}' is invalid", result.Errors);
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

    /// <summary>Starts the campaign, or finds it already started with the same spec (a replay changes nothing).</summary>
    public async Task<CampaignStatus> StartAsync(IClusterClient client, CampaignSpec spec, bool quiet)
    {
        var grain = client.GetGrain<ICutoverGrain>(spec.Service);
        var existing = await grain.GetStatusAsync(spec.CampaignId);
        var status = await grain.StartAsync(spec);
        var lines = quiet ? io.Error : io.Out;
        if (existing is not null)
        {
            lines.MarkupLineInterpolated(
                $"already started: campaign [bold]{status.CampaignId}[/] with this spec is {CampaignStatusView.StateText(status.State)} (started {Display.Time(status.StartedAt)} by {status.StartedBy}); nothing changed");
        }
        else
        {
            lines.MarkupLineInterpolated(
                $"started campaign [bold]{status.CampaignId}[/] for [bold]{status.Service}[/]: {status.Regions.Count} region(s) in {status.WaveCount} wave(s)");
        }

        return status;
    }

    /// <summary>Prints a status as a table, or as JSON.</summary>
    public void Show(CampaignStatus status, bool json)
    {
        if (json)
        {
            CampaignJson.Write(io.Out, status);
        }
        else
        {
            io.Out.Write(CampaignStatusView.Render(status));
        }
    }

    public async Task<CampaignStatus> ApproveAsync(IClusterClient client, string service, string campaignId, string approver, string reason)
    {
        var status = await client.GetGrain<ICutoverGrain>(service).ApproveAsync(campaignId, approver, reason);
        io.Out.MarkupLineInterpolated($"approved by [bold]{approver}[/]: campaign [bold]{campaignId}[/] is {CampaignStatusView.StateText(status.State)} again");
        io.Out.WriteLine(CampaignStatusView.Summary(status));
        return status;
    }

    /// <summary>One line per campaign, newest last; or all of them as JSON.</summary>
    public void ShowList(IReadOnlyList<CampaignStatus> campaigns, bool json)
    {
        if (json)
        {
            CampaignJson.Write(io.Out, campaigns);
            return;
        }

        if (campaigns.Count == 0)
        {
            io.Out.WriteLine("no campaigns");
            return;
        }

        var table = new Table().AddColumns("Campaign", "State", "Started (UTC)", "By", "Regions done", "Reason");
        foreach (var c in campaigns)
        {
            table.AddRow(
                Markup.Escape(c.CampaignId),
                CampaignStatusView.StateText(c.State),
                Display.Time(c.StartedAt),
                Markup.Escape(c.StartedBy),
                $"{c.Regions.Count(r => r.Outcome == RegionOutcome.Done)}/{c.Regions.Count}",
                Markup.Escape(c.Reason ?? "-"));
        }

        io.Out.Write(table);
    }

    /// <summary>Abort, pause, resume or roll back: an operator's decision about a campaign.</summary>
    public async Task<CampaignStatus> ActAsync(IClusterClient client, CampaignAction action, string service, string campaignId, string operatorName, string reason)
    {
        var grain = client.GetGrain<ICutoverGrain>(service);
        var status = action switch
        {
            CampaignAction.Abort => await grain.AbortAsync(campaignId, operatorName, reason),
            CampaignAction.Pause => await grain.PauseAsync(campaignId, operatorName, reason),
            CampaignAction.Resume => await grain.ResumeAsync(campaignId, operatorName, reason),
            _ => await grain.RollbackAsync(campaignId, operatorName, reason),
        };
        io.Out.MarkupLineInterpolated(
            $"{action.ToString().ToLowerInvariant()} by [bold]{operatorName}[/]: campaign [bold]{campaignId}[/] is {CampaignStatusView.StateText(status.State)}; follow it with 'campaign watch {service} {campaignId}'");
        return status;
    }

    /// <exception cref="UsageException">The service has no such campaign (current or recently finished).</exception>
    public static async Task<CampaignStatus> GetAsync(ICutoverGrain grain, string service, string campaignId) =>
        await grain.GetStatusAsync(campaignId)
        ?? throw new UsageException(
            "no such campaign",
            [new FieldError("id", $"'{campaignId}' is not a campaign of {service} (the coordinator keeps the current campaign and the last finished ones)")]);
}

public enum CampaignAction
{
    Abort,
    Pause,
    Resume,
    Rollback,
}

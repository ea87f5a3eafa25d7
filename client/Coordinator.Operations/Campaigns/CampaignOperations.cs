using Coordinator.Campaigns;
using Coordinator.Campaigns.Json;
using Coordinator.Operations.Errors;

namespace Coordinator.Operations.Campaigns;

/// <summary>An operator's decision about a running campaign.</summary>
public enum CampaignAction
{
    Abort,
    Pause,
    Resume,
    Rollback,
}

/// <summary>A service's campaigns: plan (a dry run), start, list, status, approve, pause, resume, abort, rollback, smoke reports.</summary>
public static class CampaignOperations
{
    public static ICutoverGrain Cutover(IGrainFactory grains, string service) => grains.GetGrain<ICutoverGrain>(service);

    /// <summary>The regions the service directory knows for <paramref name="service"/>: a spec may name only these.</summary>
    public static async Task<IReadOnlySet<string>> RegisteredRegionsAsync(IGrainFactory grains, string service) =>
        (await grains.GetGrain<IServiceDirectoryGrain>(service).GetRegionsAsync()).ToHashSet(StringComparer.Ordinal);

    /// <summary>Reads a spec against the service's registered regions and plans it; changes nothing.</summary>
    public static async Task<(CampaignSpecReadResult Result, CampaignPlan? Plan)> PlanAsync(IGrainFactory grains, string json, string? service)
    {
        var result = CampaignSpecReader.Read(json, service is null ? null : await RegisteredRegionsAsync(grains, service));
        return (result, result.Spec is { } spec ? CampaignPlanner.Plan(spec) : null);
    }

    /// <summary>Starts a spec already read, after checking its regions are registered; the same id and spec again is a replay.</summary>
    public static async Task<CampaignStart> StartAsync(IGrainFactory grains, CampaignSpec spec)
    {
        NameRulesCheck(CampaignSpecValidator.Validate(spec, await RegisteredRegionsAsync(grains, spec.Service)));
        return await Cutover(grains, spec.Service).StartAsync(spec);
    }

    public static Task<IReadOnlyList<CampaignStatus>> ListAsync(IGrainFactory grains, string service) => Cutover(grains, service).ListAsync();

    /// <exception cref="NotFoundException">The service has no such campaign (current or recently finished).</exception>
    public static async Task<CampaignStatus> GetAsync(IGrainFactory grains, string service, string campaignId) =>
        await Cutover(grains, service).GetStatusAsync(campaignId)
        ?? throw new NotFoundException("campaign", "id", $"'{campaignId}' is not a campaign of {service} (the coordinator keeps the current campaign and the last finished ones)");

    /// <exception cref="NotFoundException">The service never had (or no longer keeps) such a campaign.</exception>
    public static async Task<CampaignStatus> ApproveAsync(IGrainFactory grains, string service, string campaignId, string approver, string reason)
    {
        await GetAsync(grains, service, campaignId);
        return await Cutover(grains, service).ApproveAsync(campaignId, approver, reason);
    }

    /// <exception cref="NotFoundException">The service never had (or no longer keeps) such a campaign.</exception>
    public static async Task<CampaignStatus> ActAsync(IGrainFactory grains, CampaignAction action, string service, string campaignId, string operatorName, string reason)
    {
        // A campaign nobody knows is missing, not merely "not the current one" (which the cutover grain says of finished ones).
        await GetAsync(grains, service, campaignId);
        var grain = Cutover(grains, service);
        return action switch
        {
            CampaignAction.Abort => await grain.AbortAsync(campaignId, operatorName, reason),
            CampaignAction.Pause => await grain.PauseAsync(campaignId, operatorName, reason),
            CampaignAction.Resume => await grain.ResumeAsync(campaignId, operatorName, reason),
            _ => await grain.RollbackAsync(campaignId, operatorName, reason),
        };
    }

    public static Task SubmitSmokeReportAsync(IGrainFactory grains, string service, string campaignId, SmokeReport report) =>
        Cutover(grains, service).SubmitSmokeReportAsync(campaignId, report);

    private static void NameRulesCheck(IReadOnlyList<FieldError> errors) => Domain.NameRules.ThrowIfAny(errors);
}

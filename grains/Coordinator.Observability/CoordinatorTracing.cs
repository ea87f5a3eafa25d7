using System.Diagnostics;

namespace Coordinator.Observability;

/// <summary>
/// The product's spans. A campaign's root span (<see cref="CampaignStart"/>) is started when the campaign
/// is accepted, and its W3C trace context is stored with the campaign; every later span of the campaign
/// (each checklist step per region, the rollback, each flip it makes) is created as its child from that
/// stored context, so they share one trace across grain activations and silos.
/// </summary>
public static class CoordinatorTracing
{
    /// <summary>The root span of a campaign: its acceptance.</summary>
    public const string CampaignStart = "campaign.start";

    /// <summary>One checklist step of one region, from when the region entered it until it left it.</summary>
    public const string CampaignStep = "campaign.step";

    /// <summary>A campaign's rollback, from its start until every touched region was back on Blue.</summary>
    public const string CampaignRollback = "campaign.rollback";

    /// <summary>A flip of one region's pointer: the decision and its persisted write.</summary>
    public const string PointerFlip = "pointer.flip";

    /// <summary>The Orleans request-context key under which a campaign's calls carry its trace context to the grains they call.</summary>
    public const string CampaignContextKey = "coordinator.campaign.traceparent";

    /// <summary>Starts a campaign's root span (null when nobody listens).</summary>
    public static Activity? StartCampaign(string service, string campaignId) =>
        CoordinatorDiagnostics.Source.StartActivity(CampaignStart, ActivityKind.Internal, parentContext: default,
            [new(TagNames.Service, service), new(TagNames.CampaignId, campaignId)]);

    /// <summary>
    /// The W3C traceparent to store with a campaign: <paramref name="root"/>'s, or a fresh one when no span
    /// was recorded (nobody listened at the start), so the campaign's later spans still share a trace.
    /// </summary>
    public static string TraceParentOf(Activity? root) =>
        root is { IdFormat: ActivityIdFormat.W3C, Id: { } id }
            ? id
            : $"00-{ActivityTraceId.CreateRandom().ToHexString()}-{ActivitySpanId.CreateRandom().ToHexString()}-01";

    /// <summary>The stored context, or default when there is none or it does not parse.</summary>
    public static ActivityContext Parse(string? traceParent) =>
        traceParent is not null && ActivityContext.TryParse(traceParent, null, isRemote: true, out var context) ? context : default;

    /// <summary>
    /// Records a span that already happened (its times were persisted with the campaign) as a child of
    /// <paramref name="parent"/>. Nothing is recorded when nobody listens.
    /// </summary>
    public static void RecordFinished(string name, ActivityContext parent, DateTimeOffset start, DateTimeOffset end, IEnumerable<KeyValuePair<string, object?>> tags)
    {
        using var activity = CoordinatorDiagnostics.Source.StartActivity(name, ActivityKind.Internal, parent, tags, links: null, startTime: start);
        if (activity is null)
        {
            return;
        }

        // A zero duration would make Stop() take the current time as the end.
        activity.SetEndTime((end > start ? end : start.AddTicks(1)).UtcDateTime);
    }

    /// <summary>Starts a flip's span, a child of the campaign's context when a campaign flips (null when nobody listens).</summary>
    public static Activity? StartFlip(string service, string region, ActivityContext campaign) =>
        CoordinatorDiagnostics.Source.StartActivity(PointerFlip, ActivityKind.Internal, campaign,
            [new(TagNames.Service, service), new(TagNames.Region, region)]);
}

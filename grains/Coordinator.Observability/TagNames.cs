namespace Coordinator.Observability;

/// <summary>The tag (attribute) keys on Coordinator metrics and spans. Every value set is bounded: no ids on metrics.</summary>
public static class TagNames
{
    /// <summary>The service, as registered.</summary>
    public const string Service = "service";

    /// <summary>The region, as registered.</summary>
    public const string Region = "region";

    /// <summary>An arm: blue or green.</summary>
    public const string Arm = "arm";

    /// <summary>A campaign state in snake_case, e.g. rolling_back.</summary>
    public const string State = "state";

    /// <summary>A gate: warm or hold.</summary>
    public const string Gate = "gate";

    /// <summary>A gate metric's stable name, e.g. coverage_mean.</summary>
    public const string Metric = "metric";

    /// <summary>A verdict: pass, inconclusive or fail.</summary>
    public const string Verdict = "verdict";

    /// <summary>Which threshold: pass (the target) or stop (the stop rule).</summary>
    public const string Bound = "bound";

    /// <summary>A lease writer's name.</summary>
    public const string Writer = "writer";

    /// <summary>A consumer group's name.</summary>
    public const string Group = "group";

    /// <summary>Why something was refused, e.g. frozen, held, stale, expired.</summary>
    public const string Reason = "reason";

    /// <summary>How a resolver learnt of a flip: notification or refresh.</summary>
    public const string Source = "source";

    /// <summary>Spans only: the campaign's id (spans are per event, so an id there costs no cardinality).</summary>
    public const string CampaignId = "campaign.id";

    /// <summary>Spans only: a checklist step's wire name, e.g. warm-green.</summary>
    public const string Step = "step";

    /// <summary>Spans only: an epoch.</summary>
    public const string Epoch = "epoch";

    /// <summary>Spans only: what came of a step or a flip, in words.</summary>
    public const string Result = "result";
}

using Coordinator.Fences;

namespace Coordinator.Campaigns.Machine;

/// <summary>
/// Something the campaign machine needs done outside the cutover grain, in one region: the machine
/// asks for it, the grain runs it against the region's grains and hands the result back. Effects are
/// values, so asking again in the same tick finds the answer already there; every effect is
/// idempotent, so asking again after a crash repeats nothing.
/// </summary>
public abstract record CampaignEffect(string Region);

/// <summary>Freeze a writer lease for the campaign (holder revoked, grants refused).</summary>
public sealed record FreezeWriter(string Region, string Writer) : CampaignEffect(Region);

/// <summary>Unfreeze a writer lease onto an INDEX_HASH.</summary>
public sealed record UnfreezeWriter(string Region, string Writer, string IndexHash) : CampaignEffect(Region);

/// <summary>Read a writer lease; answers its <see cref="LeaseStatus"/>.</summary>
public sealed record ReadLease(string Region, string Writer) : CampaignEffect(Region);

/// <summary>Pause a consumer group for the campaign.</summary>
public sealed record PauseConsumers(string Region, string Group) : CampaignEffect(Region);

/// <summary>Resume a consumer group the campaign paused.</summary>
public sealed record ResumeConsumers(string Region, string Group) : CampaignEffect(Region);

/// <summary>Claim the region's pointer for the campaign; answers the pointer's <see cref="ActiveArmView"/>.</summary>
public sealed record ClaimPointer(string Region) : CampaignEffect(Region);

/// <summary>Release the campaign's claim on the region's pointer.</summary>
public sealed record ReleasePointer(string Region) : CampaignEffect(Region);

/// <summary>Read the region's pointer; answers its <see cref="ActiveArmView"/>.</summary>
public sealed record ReadPointer(string Region) : CampaignEffect(Region);

/// <summary>Compare-and-set flip of the region's pointer; answers the <see cref="FlipResult"/>.</summary>
public sealed record FlipPointer(string Region, FlipRequest Request) : CampaignEffect(Region);

/// <summary>An arm's telemetry over [From, To); answers a <see cref="TelemetryWindow"/>, or null for an empty span.</summary>
public sealed record ReadTelemetry(string Region, Arm Arm, DateTimeOffset From, DateTimeOffset To) : CampaignEffect(Region);

/// <summary>A consumer move by its idempotency key; answers its <see cref="MoveStatus"/>, or null if never started.</summary>
public sealed record ReadMove(string Region, string Group, string Key) : CampaignEffect(Region);

/// <summary>Start a consumer move, or follow the one already started under the request's key; answers its <see cref="MoveStatus"/>.</summary>
public sealed record MoveConsumers(string Region, string Group, MoveRequest Request) : CampaignEffect(Region);

/// <summary>A consumer group's pointer; answers its <see cref="ConsumerPointerStatus"/>.</summary>
public sealed record ReadConsumers(string Region, string Group) : CampaignEffect(Region);

/// <summary>
/// Run the spec's gold set against Green's endpoint for the region (the coordinator's own evaluator);
/// answers a <see cref="WarmRun"/>. <paramref name="StepStartedAt"/> keys it to one Warm Green step.
/// </summary>
public sealed record EvaluateWarm(string Region, DateTimeOffset StepStartedAt) : CampaignEffect(Region);

/// <summary>What <see cref="EvaluateWarm"/> answers: the smoke report the Warm gate judges, and what else was measured.</summary>
public sealed record WarmRun(SmokeReport Report, WarmEvaluation Evaluation);

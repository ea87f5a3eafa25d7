using Coordinator.Campaigns;
using Coordinator.Campaigns.Machine;
using Coordinator.Fences;

namespace Coordinator.Grains.Campaigns;

/// <summary>Runs the campaign machine's effects against the region's pointer, lease, consumer and telemetry grains.</summary>
internal sealed class CampaignEffectRunner(
    IGrainFactory grains, string service, string campaignId, string operatorName, Action<Exception> failed, CampaignSpec? spec = null, IWarmEvaluator? warm = null)
{
    /// <summary>Runs one effect; a refusal and a failure are answers too, so the machine decides what they mean.</summary>
    public Task<EffectResult> TryRunAsync(CampaignEffect effect) => TryAsync(() => RunAsync(effect));

    /// <summary>
    /// What the evaluator needs for a Warm Green evaluation (Green's endpoint from its registered manifest), read in
    /// the grain's turn: the request as the answer's value, or the refusal or failure the effect comes to.
    /// </summary>
    public Task<EffectResult> TryPrepareWarmAsync(EvaluateWarm effect) => TryAsync(async () => await PrepareWarmAsync(effect));

    /// <summary>
    /// Runs the evaluator on the thread pool, never on the grain's scheduler, bounded by the smoke deadline and by
    /// <paramref name="stop"/>; never throws: a run cut short or failed is a failure, tried again next tick.
    /// </summary>
    public Task<EffectResult> EvaluateWarmOffTurnAsync(WarmRequest request, CancellationToken stop) => Task.Run(async () =>
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(stop);
        deadline.CancelAfter(spec!.SmokeDeadline);
        try
        {
            return EffectResult.Done(await warm!.RunAsync(request, deadline.Token).ConfigureAwait(false));
        }
        catch (OperationCanceledException) when (deadline.IsCancellationRequested)
        {
            return EffectResult.Failure(stop.IsCancellationRequested
                ? "the evaluation was cancelled: the campaign no longer waits for it"
                : $"the evaluation did not finish within the smoke deadline ({spec.SmokeDeadline})");
        }
        catch (Exception ex)
        {
            failed(ex);
            return EffectResult.Failure(ex.Message);
        }
    }, CancellationToken.None);

    private async Task<EffectResult> TryAsync(Func<Task<object?>> run)
    {
        try
        {
            return EffectResult.Done(await run());
        }
        catch (CoordinatorException refused) when (refused.Code != CoordinatorErrorCode.StorageUnavailable)
        {
            return EffectResult.Refusal(refused.Message);
        }
        catch (Exception ex)
        {
            // E.g. the region's grain lived on a silo that is down: the machine retries the step next tick.
            failed(ex);
            return EffectResult.Failure(ex.Message);
        }
    }

    /// <summary>The effect's answer (see each effect); throws what the grain threw.</summary>
    public async Task<object?> RunAsync(CampaignEffect effect)
    {
        var pointer = grains.GetGrain<ISwitchoverGrain>(RegionKey.Format(service, effect.Region));
        switch (effect)
        {
            case FreezeWriter e: return await Lease(e.Region, e.Writer).FreezeAsync(campaignId, operatorName);
            case UnfreezeWriter e: return await Lease(e.Region, e.Writer).UnfreezeAsync(campaignId, e.IndexHash, operatorName);
            case ReadLease e: return await Lease(e.Region, e.Writer).GetStatusAsync();
            case PauseConsumers e: return await Consumers(e.Region, e.Group).PauseAsync(campaignId, operatorName);
            case ResumeConsumers e: return await Consumers(e.Region, e.Group).ResumeAsync(campaignId, operatorName);
            case ClaimPointer: return await pointer.ClaimAsync(campaignId, operatorName);
            case ReleasePointer: return await pointer.ReleaseAsync(campaignId, operatorName);
            case ReadPointer: return await pointer.GetActiveArmAsync();
            case FlipPointer e: return await pointer.FlipAsync(e.Request);
            case ReadTelemetry e:
                return e.To <= e.From ? null : await grains.GetGrain<ITelemetryGrain>(TelemetryKey.Format(service, e.Region, e.Arm)).GetWindowAsync(e.From, e.To);
            case ReadMove e: return await Consumers(e.Region, e.Group).GetMoveAsync(e.Key);
            case MoveConsumers e:
                var consumers = Consumers(e.Region, e.Group);
                return await consumers.GetMoveAsync(e.Request.IdempotencyKey) ?? await consumers.StartMoveAsync(e.Request);
            case ReadConsumers e: return await Consumers(e.Region, e.Group).GetStatusAsync();
            case EvaluateWarm: throw new InvalidOperationException("a Warm evaluation runs off the grain's turn: TryPrepareWarmAsync, then EvaluateWarmOffTurnAsync");
            default: throw new InvalidOperationException($"no runner for effect {effect.GetType().Name}");
        }
    }

    /// <summary>
    /// Green's endpoint for the region from its registered manifest, and the request for the evaluator. A Green
    /// without an endpoint there is a refusal (nothing to evaluate).
    /// </summary>
    private async Task<WarmRequest> PrepareWarmAsync(EvaluateWarm e)
    {
        if (spec?.Warm is not { } settings || warm is null)
        {
            throw new InvalidOperationException("the campaign names no gold set, or this silo has no evaluator");
        }

        var pointer = grains.GetGrain<ISwitchoverGrain>(RegionKey.Format(service, e.Region));
        var green = (await pointer.GetActiveArmAsync()).Green
            ?? throw new CoordinatorException(CoordinatorErrorCode.InvalidInput, $"no Green arm is registered in {e.Region}");
        if (!green.Endpoints.TryGetValue(e.Region, out var endpoint) || !Uri.TryCreate(endpoint.Url, UriKind.Absolute, out var url))
        {
            throw new CoordinatorException(CoordinatorErrorCode.InvalidInput,
                $"Green's registered manifest has no endpoint for {e.Region} (endpoints.{e.Region}.url); the evaluator needs one to call /ask");
        }

        return new WarmRequest(service, e.Region, url, green, settings, spec.Gate);
    }

    private ILeaseGrain Lease(string region, string writer) => grains.GetGrain<ILeaseGrain>(FenceKey.Format(service, region, writer));

    private IConsumerPointerGrain Consumers(string region, string group) => grains.GetGrain<IConsumerPointerGrain>(FenceKey.Format(service, region, group));
}

using Coordinator.Domain;
using Coordinator.Operations.Errors;

namespace Coordinator.Operations.Regions;

/// <summary>Arms, flips and reads of one service's regions, over any grain factory (a cluster client, a silo's own).</summary>
public static class RegionOperations
{
    /// <summary>How often a long-poll re-reads the region it waits on.</summary>
    public static readonly TimeSpan WaitPollInterval = TimeSpan.FromMilliseconds(100);

    public static ISwitchoverGrain Pointer(IGrainFactory grains, string service, string region) =>
        grains.GetGrain<ISwitchoverGrain>(RegionKey.Format(service, region));

    /// <summary>Registers (or replaces) an arm's manifest; the pointer records the region in the service's directory.</summary>
    public static Task<RegisterResult> RegisterArmAsync(IGrainFactory grains, string service, string region, Arm arm, ArmManifest manifest, string operatorName) =>
        Pointer(grains, service, region).RegisterArmAsync(arm, manifest, operatorName);

    /// <summary>A compare-and-set flip; without an expected epoch the current one is read first, without a key a fresh one is made.</summary>
    public static async Task<FlipResult> FlipAsync(IGrainFactory grains, string service, string region, FlipInput input)
    {
        var pointer = Pointer(grains, service, region);
        var expected = input.ExpectedEpoch ?? (await pointer.GetActiveArmAsync()).Epoch;
        return await pointer.FlipAsync(new FlipRequest
        {
            Target = input.Target,
            ExpectedEpoch = expected,
            Operator = input.Operator,
            Reason = input.Reason,
            IdempotencyKey = input.IdempotencyKey ?? Guid.NewGuid().ToString("N"),
            RequestHash = input.RequestHash,
        });
    }

    /// <summary>The regions of a service as storage confirmed them; null <paramref name="regions"/> for every region in its directory.</summary>
    public static async Task<IReadOnlyList<ActiveArmView>> StatusAsync(IGrainFactory grains, string service, IReadOnlyList<string>? regions = null)
    {
        regions ??= await grains.GetGrain<IServiceDirectoryGrain>(service).GetRegionsAsync();
        return await Task.WhenAll(regions.Select(region => Pointer(grains, service, region).GetActiveArmAsync()));
    }

    /// <summary>A region's active arm as storage confirmed it.</summary>
    /// <exception cref="NotFoundException">Neither arm was ever registered in the region.</exception>
    public static async Task<ActiveArmView> GetActiveAsync(IGrainFactory grains, string service, string region)
    {
        NameRules.ValidateRegionKey(service, region);
        var view = await Pointer(grains, service, region).GetActiveArmAsync();
        return view.Blue is null && view.Green is null
            ? throw new NotFoundException("region", "region", $"{RegionKey.Format(service, region)} has no registered arm")
            : view;
    }

    /// <summary>
    /// The region once its epoch passes <paramref name="afterEpoch"/>, or as it is when <paramref name="timeout"/>
    /// runs out; never a lower epoch than storage confirmed. Re-reads the pointer's confirmed state on an interval.
    /// </summary>
    public static async Task<ActiveArmView> WaitForEpochAsync(
        IGrainFactory grains, string service, string region, long afterEpoch, TimeSpan timeout, TimeProvider time, CancellationToken cancellationToken)
    {
        var deadline = time.GetUtcNow() + timeout;
        var view = await GetActiveAsync(grains, service, region);
        while (view.Epoch <= afterEpoch && time.GetUtcNow() < deadline)
        {
            var left = deadline - time.GetUtcNow();
            var pause = left < WaitPollInterval ? left : WaitPollInterval;
            if (pause > TimeSpan.Zero)
            {
                await Task.Delay(pause, time, cancellationToken);
            }

            view = await Pointer(grains, service, region).GetActiveArmAsync();
        }

        return view;
    }
}

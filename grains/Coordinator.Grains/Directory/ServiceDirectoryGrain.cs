using Coordinator.Domain;
using Microsoft.Extensions.Logging;

namespace Coordinator.Grains.Directory;

/// <summary>
/// Which regions a service has. Adding is idempotent, so losing an ETag race to another activation
/// is resolved by re-reading and deciding again: the region may already be there. The service is
/// listed in the <see cref="IServiceCatalogGrain"/> before its first region is recorded.
/// </summary>
public sealed partial class ServiceDirectoryGrain(
    [PersistentState("directory", StorageNames.Coordinator)] IPersistentState<ServiceDirectoryState> state,
    ILogger<ServiceDirectoryGrain> logger) : Grain, IServiceDirectoryGrain
{
    private readonly ConfirmedState<ServiceDirectoryState> _state = new(state);

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        // A service whose regions were recorded before the catalog existed joins it the first time
        // anything reads them (a stored list always has a valid name); best effort: the next
        // activation or AddRegion tries again.
        var service = this.GetPrimaryKeyString();
        if (_state.Value.Regions.Count > 0)
        {
            try
            {
                await Catalog.AddServiceAsync(service);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                LogCatalogFailed(logger, ex, service);
            }
        }
    }

    async Task IServiceDirectoryGrain.AddRegionAsync(string region)
    {
        var service = this.GetPrimaryKeyString();
        var errors = new List<FieldError>();
        NameRules.Check("service", service, errors);
        NameRules.Check("region", region, errors);
        NameRules.ThrowIfAny(errors);

        // Listed before it holds state, so every service with regions can be found; adding is idempotent.
        await Catalog.AddServiceAsync(service);
        await _state.DecideAndWriteAsync(
            current => current.WithRegion(region) switch
            {
                null => Decision<ServiceDirectoryState, bool>.Unchanged(false),
                { Regions.Count: > ServiceDirectoryState.MaxRegions } => throw new InvalidInputException(
                    "region", $"{service} already has {ServiceDirectoryState.MaxRegions} regions, the most one service may have"),
                var next => Decision<ServiceDirectoryState, bool>.Changed(next, true),
            },
            round => LogConflict(logger, service, region, round),
            $"the region list of {service}");
    }

    Task<IReadOnlyList<string>> IServiceDirectoryGrain.GetRegionsAsync() =>
        Task.FromResult<IReadOnlyList<string>>(_state.Value.Regions);

    private IServiceCatalogGrain Catalog => GrainFactory.GetGrain<IServiceCatalogGrain>(ServiceCatalog.Key);

    [LoggerMessage(EventId = 1304, Level = LogLevel.Warning, Message = "Could not list {Service} in the service catalog; it is tried again on the next activation or region")]
    private static partial void LogCatalogFailed(ILogger logger, Exception exception, string service);

    [LoggerMessage(EventId = 1301, Level = LogLevel.Warning, Message = "ETag conflict on the region list of {Service} while adding {Region} (round {Round}); re-reading")]
    private static partial void LogConflict(ILogger logger, string service, string region, int round);
}

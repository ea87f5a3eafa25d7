using Coordinator.Domain;
using Microsoft.Extensions.Logging;

namespace Coordinator.Grains.Directory;

/// <summary>
/// Which regions a service has. Adding is idempotent, so losing an ETag race to another activation
/// is resolved by re-reading and deciding again: the region may already be there.
/// </summary>
public sealed partial class ServiceDirectoryGrain(
    [PersistentState("directory", StorageNames.Coordinator)] IPersistentState<ServiceDirectoryState> state,
    ILogger<ServiceDirectoryGrain> logger) : Grain, IServiceDirectoryGrain
{
    private readonly ConfirmedState<ServiceDirectoryState> _state = new(state);

    async Task IServiceDirectoryGrain.AddRegionAsync(string region)
    {
        var service = this.GetPrimaryKeyString();
        var errors = new List<FieldError>();
        NameRules.Check("service", service, errors);
        NameRules.Check("region", region, errors);
        NameRules.ThrowIfAny(errors);

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

    [LoggerMessage(EventId = 1301, Level = LogLevel.Warning, Message = "ETag conflict on the region list of {Service} while adding {Region} (round {Round}); re-reading")]
    private static partial void LogConflict(ILogger logger, string service, string region, int round);
}

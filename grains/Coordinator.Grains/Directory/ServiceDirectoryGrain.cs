using Coordinator.Domain;
using Microsoft.Extensions.Logging;
using Orleans.Storage;

namespace Coordinator.Grains.Directory;

/// <summary>
/// Which regions a service has. Adding is idempotent, so losing an ETag race to another activation
/// is resolved by re-reading and deciding again: the region may already be there.
/// </summary>
public sealed partial class ServiceDirectoryGrain(
    [PersistentState("directory", StorageNames.Coordinator)] IPersistentState<ServiceDirectoryState> state,
    ILogger<ServiceDirectoryGrain> logger) : Grain, IServiceDirectoryGrain
{
    /// <summary>How many times an add is re-decided after losing an ETag race before giving up.</summary>
    private const int MaxConflictRounds = 4;

    async Task IServiceDirectoryGrain.AddRegionAsync(string region)
    {
        var service = this.GetPrimaryKeyString();
        var errors = new List<FieldError>();
        NameRules.Check("service", service, errors);
        NameRules.Check("region", region, errors);
        NameRules.ThrowIfAny(errors);

        for (var round = 1; ; round++)
        {
            var before = state.State;
            var next = before.WithRegion(region);
            if (next is null)
            {
                return;
            }

            if (next.Regions.Count > ServiceDirectoryState.MaxRegions)
            {
                throw new InvalidInputException("region", $"{service} already has {ServiceDirectoryState.MaxRegions} regions, the most one service may have");
            }

            state.State = next;
            try
            {
                await state.WriteStateAsync();
                return;
            }
            catch (InconsistentStateException)
            {
                LogConflict(logger, service, region, round);
                await state.ReadStateAsync();
                if (round >= MaxConflictRounds)
                {
                    throw new CoordinatorException(
                        CoordinatorErrorCode.Conflict,
                        $"the region list of {service} kept changing while adding {region}; nothing was applied, try again");
                }
            }
            catch
            {
                state.State = before;
                throw;
            }
        }
    }

    Task<IReadOnlyList<string>> IServiceDirectoryGrain.GetRegionsAsync() =>
        Task.FromResult<IReadOnlyList<string>>(state.State.Regions);

    [LoggerMessage(EventId = 1301, Level = LogLevel.Warning, Message = "ETag conflict on the region list of {Service} while adding {Region} (round {Round}); re-reading")]
    private static partial void LogConflict(ILogger logger, string service, string region, int round);
}

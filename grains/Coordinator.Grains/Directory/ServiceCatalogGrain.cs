using Coordinator.Domain;
using Microsoft.Extensions.Logging;

namespace Coordinator.Grains.Directory;

/// <summary>
/// Which services exist. Adding is idempotent, so losing an ETag race to another activation is
/// resolved by re-reading and deciding again: the service may already be there.
/// </summary>
public sealed partial class ServiceCatalogGrain(
    [PersistentState("service-catalog", StorageNames.Coordinator)] IPersistentState<ServiceCatalogState> state,
    ILogger<ServiceCatalogGrain> logger) : Grain, IServiceCatalogGrain
{
    private readonly ConfirmedState<ServiceCatalogState> _state = new(state);

    async Task IServiceCatalogGrain.AddServiceAsync(string service)
    {
        var errors = new List<FieldError>();
        if (this.GetPrimaryKeyString() != ServiceCatalog.Key)
        {
            errors.Add(new FieldError("key", $"the service catalog is keyed '{ServiceCatalog.Key}', not '{this.GetPrimaryKeyString()}'"));
        }

        NameRules.Check("service", service, errors);
        NameRules.ThrowIfAny(errors);

        await _state.DecideAndWriteAsync(
            current => current.WithService(service) switch
            {
                null => Decision<ServiceCatalogState, bool>.Unchanged(false),
                { Services.Count: > ServiceCatalog.MaxServices } => throw new InvalidInputException(
                    "service", $"the cluster already has {ServiceCatalog.MaxServices} services, the most the catalog lists"),
                var next => Decision<ServiceCatalogState, bool>.Changed(next, true),
            },
            round => LogConflict(logger, service, round),
            "the service catalog");
    }

    Task<IReadOnlyList<string>> IServiceCatalogGrain.GetServicesAsync() =>
        Task.FromResult<IReadOnlyList<string>>(_state.Value.Services);

    [LoggerMessage(EventId = 1303, Level = LogLevel.Warning, Message = "ETag conflict on the service catalog while adding {Service} (round {Round}); re-reading")]
    private static partial void LogConflict(ILogger logger, string service, int round);
}

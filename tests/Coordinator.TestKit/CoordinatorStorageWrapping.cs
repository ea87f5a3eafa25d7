using Coordinator.Grains;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Storage;

namespace Coordinator.TestKit;

/// <summary>Puts a test's grain storage around the coordinator storage the product configured, whatever the storage mode.</summary>
public static class CoordinatorStorageWrapping
{
    public static ISiloBuilder WrapCoordinatorStorage(this ISiloBuilder siloBuilder, Func<IGrainStorage, IGrainStorage> wrap)
    {
        var services = siloBuilder.Services;
        var original = services.Single(d => d.ServiceType == typeof(IGrainStorage) && d.IsKeyedService && Equals(d.ServiceKey, StorageNames.Coordinator));
        var create = original.KeyedImplementationFactory
            ?? throw new InvalidOperationException($"the '{StorageNames.Coordinator}' grain storage is expected to be registered by a factory");
        services.Remove(original);
        services.AddKeyedSingleton<IGrainStorage>(StorageNames.Coordinator, (sp, key) => wrap((IGrainStorage)create(sp, key)));
        return siloBuilder;
    }
}

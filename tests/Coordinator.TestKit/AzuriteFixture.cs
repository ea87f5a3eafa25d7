using Xunit;

namespace Coordinator.TestKit;

/// <summary>Fails every test of the collection, with instructions, when Azurite is not running.</summary>
public sealed class AzuriteFixture : IAsyncLifetime
{
    public Task InitializeAsync() => Azurite.EnsureReachableAsync();

    public Task DisposeAsync() => Task.CompletedTask;
}


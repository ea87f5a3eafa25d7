using Coordinator.Hosting;
using Microsoft.Extensions.Logging;

namespace Coordinator.EdgeTests.Edge;

/// <summary>One embedded silo (in-memory, real Orleans) shared by the edge tests; each test uses its own service name.</summary>
public sealed class EdgeFixture : IAsyncLifetime
{
    private EmbeddedSilo? _silo;
    private int _names;

    public IClusterClient Client => (_silo ?? throw new InvalidOperationException("the silo has not started")).Client;

    public int GatewayPort => _silo!.GatewayPort;

    public async Task InitializeAsync() =>
        _silo = await EmbeddedSilo.StartAsync("edge-tests", "edge-tests", logging => logging.SetMinimumLevel(LogLevel.Warning));

    public async Task DisposeAsync()
    {
        if (_silo is not null)
        {
            await _silo.DisposeAsync();
        }
    }

    /// <summary>A service name no other test uses.</summary>
    public string NewService(string stem) => $"{stem}-{Interlocked.Increment(ref _names)}";
}

[CollectionDefinition(Name)]
public sealed class EdgeCollection : ICollectionFixture<EdgeFixture>
{
    public const string Name = "edge silo";
}

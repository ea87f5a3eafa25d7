using Coordinator.Evaluation.Embeddings;
using Coordinator.Evaluation.Gold;
using Coordinator.EvaluationTests.Gold;

namespace Coordinator.EvaluationTests.Real;

/// <summary>One real MiniLM model and the shipped gold set for every test that needs them (loading costs seconds).</summary>
public sealed class MiniLmFixture : IAsyncLifetime, IDisposable
{
    public MiniLmEmbeddingGenerator Embedder { get; } = new();

    public GoldSet Gold { get; private set; } = null!;

    public async Task InitializeAsync() => Gold = await GoldSet.LoadAsync(GoldSetTests.ShippedPath);

    public Task DisposeAsync() => Task.CompletedTask;

    public void Dispose() => Embedder.Dispose();
}

[CollectionDefinition(Name)]
public sealed class MiniLmCollection : ICollectionFixture<MiniLmFixture>
{
    public const string Name = "MiniLM";
}

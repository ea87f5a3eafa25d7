using Microsoft.Extensions.AI;

namespace Coordinator.EvaluationTests;

/// <summary>A fixed embedder for unit tests: each known text has a hand-chosen vector.</summary>
internal sealed class TinyEmbedder(IReadOnlyDictionary<string, float[]> vectors) : IEmbeddingGenerator<string, Embedding<float>>
{
    public Task<GeneratedEmbeddings<Embedding<float>>> GenerateAsync(IEnumerable<string> values, EmbeddingGenerationOptions? options = null, CancellationToken cancellationToken = default) =>
        Task.FromResult(new GeneratedEmbeddings<Embedding<float>>(values.Select(v => new Embedding<float>(vectors[v]))));

    public object? GetService(Type serviceType, object? serviceKey = null) =>
        serviceType == typeof(EmbeddingGeneratorMetadata) ? new EmbeddingGeneratorMetadata("tiny", null, "fixed") : null;

    public void Dispose()
    {
    }
}

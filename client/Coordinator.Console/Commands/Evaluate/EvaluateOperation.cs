using Coordinator.Campaigns;
using Coordinator.Console.App;
using Coordinator.Console.Rendering;
using Coordinator.Domain;
using Coordinator.Evaluation.Embeddings;
using Coordinator.Evaluation.Gold;
using Coordinator.Evaluation.Running;
using Coordinator.Operations.Campaigns;
using Microsoft.Extensions.AI;
using Spectre.Console;

namespace Coordinator.Console.Commands.Evaluate;

/// <summary>Runs the reference evaluator against an arm, prints ΔS, coverage, λ, latency and the Warm gate's verdict, and optionally submits the report.</summary>
public sealed class EvaluateOperation(ConsoleIo io)
{
    /// <summary>Reads the gold set; every error becomes a field error of --gold.</summary>
    public static async Task<GoldSet> LoadGoldAsync(string path, CancellationToken cancellationToken)
    {
        try
        {
            return await GoldSet.LoadAsync(path, cancellationToken);
        }
        catch (GoldSetFormatException ex)
        {
            throw new UsageException($"the gold set '{path}' is not valid", [.. ex.Errors.Select(e => new FieldError("--gold", e))]);
        }
    }

    /// <param name="client">The cluster, or null when --endpoint is given and nothing is submitted.</param>
    public async Task<int> RunAsync(IClusterClient? client, EvaluateSettings settings, GoldSet gold, CancellationToken cancellationToken)
    {
        ArmManifest? manifest = null;
        if (client is not null)
        {
            var view = await client.GetGrain<ISwitchoverGrain>(RegionKey.Format(settings.Service, settings.Region)).GetActiveArmAsync();
            manifest = view.ManifestOf(settings.ArmValue);
        }

        var endpoint = settings.EndpointUri ?? EndpointOf(manifest, settings);
        var options = new EvaluatorOptions
        {
            Concurrency = settings.Concurrency,
            CallTimeout = settings.CallTimeoutValue,
            WarmupPasses = settings.Warmup,
        };
        using var http = new HttpClient { Timeout = Timeout.InfiniteTimeSpan };
        using var embedder = Embedder(settings, http);
        var result = await new GoldEvaluator(embedder, http, options)
            .RunAsync(new EvaluationTarget(settings.Service, settings.Region, endpoint, manifest, settings.ArmValue), gold, cancellationToken: cancellationToken);

        if (settings.Json)
        {
            CampaignJson.Write(io.Out, EvaluationJson.Of(result));
        }
        else
        {
            EvaluationView.Write(io.Out, result);
        }

        if (settings.Submit)
        {
            if (result.Report.Items.Count == 0)
            {
                io.Error.MarkupLine("[red]not submitted[/]: every gold item errored, so the report has no items");
                return ExitCodes.WarmGateInconclusive;
            }

            await CampaignOperations.SubmitSmokeReportAsync(client!, settings.Service, settings.Campaign!, result.Report);
            io.Error.MarkupLineInterpolated($"submitted the smoke report to campaign {settings.Campaign}");
        }

        return result.Gate.Verdict switch
        {
            GateVerdict.Pass => ExitCodes.Ok,
            GateVerdict.Fail => ExitCodes.WarmGateFailed,
            _ => ExitCodes.WarmGateInconclusive,
        };
    }

    private static Uri EndpointOf(ArmManifest? manifest, EvaluateSettings settings)
    {
        var arm = settings.ArmValue.ToWire();
        if (manifest is null)
        {
            throw new UsageException("nothing to evaluate", [new FieldError("--arm", $"no {arm} manifest is registered for {settings.Service}/{settings.Region}; register it or pass --endpoint")]);
        }

        return manifest.Endpoints.TryGetValue(settings.Region, out var endpoint) && Uri.TryCreate(endpoint.Url, UriKind.Absolute, out var url)
            ? url
            : throw new UsageException("nothing to evaluate", [new FieldError("--endpoint", $"the {arm} manifest of {settings.Service}/{settings.Region} has no endpoint for {settings.Region}; pass --endpoint")]);
    }

    private static IEmbeddingGenerator<string, Embedding<float>> Embedder(EvaluateSettings settings, HttpClient http)
    {
        if (settings.EmbeddingsEndpoint is null)
        {
            return MiniLmEmbeddingGenerator.Shared;
        }

        var options = new OpenAiEmbeddingOptions
        {
            Endpoint = Uri.TryCreate(settings.EmbeddingsEndpoint, UriKind.Absolute, out var url) ? url : null,
            Model = settings.EmbeddingsModel ?? string.Empty,
            ApiKeyVariable = settings.EmbeddingsKeyEnv,
        };
        return options.Validate() is { Count: > 0 } errors
            ? throw new UsageException("the embeddings endpoint is not usable", [.. errors.Select(e => new FieldError("--embeddings", e))])
            : new OpenAiEmbeddingGenerator(http, options);
    }
}

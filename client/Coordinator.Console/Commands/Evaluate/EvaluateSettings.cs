using System.ComponentModel;
using Coordinator.Domain;
using Spectre.Console.Cli;

namespace Coordinator.Console.Commands.Evaluate;

public sealed class EvaluateSettings : ClusterSettings
{
    [CommandArgument(0, "<service>")]
    [Description("Service name, e.g. rag-api.")]
    public string Service { get; set; } = string.Empty;

    [CommandArgument(1, "<region>")]
    [Description("Region, e.g. eu-west.")]
    public string Region { get; set; } = string.Empty;

    [CommandOption("--arm <ARM>")]
    [Description("blue or green (default green: the Warm gate judges Green).")]
    public string Arm { get; set; } = "green";

    [CommandOption("--gold <FILE>")]
    [Description("The gold set (JSON Lines, format coordinator.gold v1), e.g. infra/gold/ops-handbook.v1.gold.jsonl.")]
    public string? Gold { get; set; }

    [CommandOption("--endpoint <URL>")]
    [Description("The arm's base URL (POST {URL}/ask). Default: the registered manifest's endpoint for the region (needs the cluster).")]
    public string? Endpoint { get; set; }

    [CommandOption("--json")]
    [Description("Print the result as one JSON document.")]
    public bool Json { get; set; }

    [CommandOption("--submit")]
    [Description("Submit the smoke report to the campaign named by --campaign.")]
    public bool Submit { get; set; }

    [CommandOption("--campaign <ID>")]
    [Description("The campaign to submit to (with --submit).")]
    public string? Campaign { get; set; }

    [CommandOption("--concurrency <N>")]
    [Description("Calls in flight at once, 1-64 (default 4).")]
    public int Concurrency { get; set; } = 4;

    [CommandOption("--call-timeout <DURATION>")]
    [Description("Per call, e.g. 10s (default 10s).")]
    public string CallTimeout { get; set; } = "10s";

    [CommandOption("--warmup <N>")]
    [Description("Warm-up passes over the gold questions before measuring, 0-5 (default 1).")]
    public int Warmup { get; set; } = 1;

    [CommandOption("--embeddings-endpoint <URL>")]
    [Description("An OpenAI-compatible embeddings API (POST {URL}/embeddings) instead of the local MiniLM model.")]
    public string? EmbeddingsEndpoint { get; set; }

    [CommandOption("--embeddings-model <NAME>")]
    [Description("The model to ask the embeddings API for (with --embeddings-endpoint).")]
    public string? EmbeddingsModel { get; set; }

    [CommandOption("--embeddings-key-env <VAR>")]
    [Description("The environment variable holding the embeddings API key (with --embeddings-endpoint).")]
    public string? EmbeddingsKeyEnv { get; set; }

    public Arm ArmValue => Arm == "blue" ? Coordinator.Arm.Blue : Coordinator.Arm.Green;

    public Uri? EndpointUri => Uri.TryCreate(Endpoint, UriKind.Absolute, out var uri) ? uri : null;

    public TimeSpan CallTimeoutValue => DurationText.TryParse(CallTimeout, out var value) ? value : TimeSpan.Zero;

    protected override List<FieldError> CollectErrors()
    {
        var errors = base.CollectErrors();
        NameRules.Check("service", Service, errors);
        NameRules.Check("region", Region, errors);
        if (Arm is not ("blue" or "green"))
        {
            errors.Add(new FieldError("--arm", $"'{Arm}' is not an arm; use blue or green"));
        }

        if (string.IsNullOrWhiteSpace(Gold))
        {
            errors.Add(new FieldError("--gold", "is required: the gold set file to run"));
        }

        if (Endpoint is not null && EndpointUri is not { Scheme: "http" or "https" })
        {
            errors.Add(new FieldError("--endpoint", $"'{Endpoint}' is not an absolute http or https URL"));
        }

        if (Submit && string.IsNullOrWhiteSpace(Campaign))
        {
            errors.Add(new FieldError("--campaign", "is required with --submit"));
        }

        if (!Submit && Campaign is not null)
        {
            errors.Add(new FieldError("--campaign", "only with --submit"));
        }

        if (Concurrency is < 1 or > 64)
        {
            errors.Add(new FieldError("--concurrency", $"must be 1 to 64 (got {Concurrency})"));
        }

        if (!DurationText.TryParse(CallTimeout, out var timeout) || timeout < TimeSpan.FromMilliseconds(100) || timeout > TimeSpan.FromMinutes(5))
        {
            errors.Add(new FieldError("--call-timeout", $"'{CallTimeout}' is not a duration from 100ms to 5m, such as 10s"));
        }

        if (Warmup is < 0 or > 5)
        {
            errors.Add(new FieldError("--warmup", $"must be 0 to 5 (got {Warmup})"));
        }

        if ((EmbeddingsModel ?? EmbeddingsKeyEnv) is not null && EmbeddingsEndpoint is null)
        {
            errors.Add(new FieldError("--embeddings-endpoint", "is required with --embeddings-model or --embeddings-key-env"));
        }

        return errors;
    }
}

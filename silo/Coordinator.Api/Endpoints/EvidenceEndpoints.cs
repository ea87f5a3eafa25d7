using System.Collections.Immutable;
using System.Globalization;
using Coordinator.Api.Auth;
using Coordinator.Api.Bodies;
using Coordinator.Api.Problems;
using Coordinator.Campaigns;
using Coordinator.Domain;
using Coordinator.Operations.Campaigns;
using Coordinator.Telemetry;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Coordinator.Api.Endpoints;

/// <summary>What gates decide on: smoke reports for Warm Green steps and telemetry batches, from services in any language.</summary>
public static class EvidenceEndpoints
{
    public static void Map(RouteGroupBuilder api)
    {
        api.MapPost("/services/{service}/campaigns/{id}/smoke-reports", SmokeReportAsync).WithName("SubmitSmokeReport").RequireRoles(ApiRoles.Writer).Takes<SmokeReportBody>()
            .Produces(StatusCodes.Status202Accepted).Problems(StatusCodes.Status404NotFound, StatusCodes.Status409Conflict)
            .WithSummary("An evaluator's smoke report for a region's Warm Green step (202); every bad value is named by JSON path.");
        api.MapPost("/services/{service}/regions/{region}/telemetry/{arm}", TelemetryAsync).WithName("ReportTelemetry").RequireRoles(ApiRoles.Writer).Takes<TelemetryBody>()
            .Produces(StatusCodes.Status202Accepted)
            .WithSummary("One window of an arm's request telemetry (202), checked by the same rules as the SDK's batches.");
    }

    private static async Task<IResult> SmokeReportAsync(HttpContext context, string service, string id, IGrainFactory grains, ApiOptions options)
    {
        var (body, problem) = await RequestBody.ReadAsync<SmokeReportBody>(context, options);
        if (problem is not null)
        {
            return ApiProblems.Result(problem);
        }

        var errors = new List<FieldError>();
        NameRules.Check("service", service, errors);
        NameRules.Check("id", id, errors);
        var arm = Arm.Green;
        if (body!.Arm is not null && (!ArmExtensions.TryParse(body.Arm, out arm) || body.Arm != arm.ToWire()))
        {
            errors.Add(new FieldError("$.arm", $"'{body.Arm}' is not an arm; use blue or green"));
        }

        var items = ImmutableList.CreateBuilder<SmokeItem>();
        for (var i = 0; i < (body.Items?.Count ?? 0); i++)
        {
            var item = body.Items![i];
            var lambda = ImmutableList.CreateBuilder<LambdaState>();
            for (var j = 0; j < (item.Lambda?.Count ?? 0); j++)
            {
                if (Enum.TryParse<LambdaState>(item.Lambda![j], ignoreCase: true, out var state) && item.Lambda[j] == state.ToString().ToLowerInvariant())
                {
                    lambda.Add(state);
                }
                else
                {
                    errors.Add(new FieldError($"$.items[{i}].lambda[{j}]", $"'{item.Lambda[j]}' is not a λ state; use convergent, divergent, recursive or chaotic"));
                }
            }

            BodyRules.Require(errors, $"$.items[{i}].coverage", item.Coverage);
            BodyRules.Require(errors, $"$.items[{i}].latency_ms", item.LatencyMs);
            items.Add(new SmokeItem
            {
                Id = item.Id ?? string.Empty,
                DeltaS = [.. item.DeltaS ?? []],
                Coverage = item.Coverage ?? 0,
                Lambda = lambda.ToImmutable(),
                LatencyMs = item.LatencyMs ?? 0,
            });
        }

        var report = new SmokeReport
        {
            Service = service,
            Region = body.Region ?? string.Empty,
            Arm = arm,
            Versions = Versions(body.Versions),
            SubmittedAt = RegionEndpoints.TimeOf(context).GetUtcNow(),
            Evaluator = body.Evaluator ?? string.Empty,
            Items = items.ToImmutable(),
        };

        // The shared validator names fields from the report's root; here the root is the body. What was
        // already reported here (a bad λ value, a missing number) is not reported again as its consequence.
        var reported = errors.Select(e => e.Field).ToList();
        errors.AddRange(SmokeReportValidator.Validate(report)
            .Where(e => e.Field != "service")
            .Select(AtRoot)
            .Where(e => !reported.Any(r => Coordinator.Campaigns.JsonPath.IsWithin(r, e.Field))));
        NameRules.ThrowIfAny(errors);
        await CampaignOperations.SubmitSmokeReportAsync(grains, service, id, report);
        return Results.Accepted();
    }

    private static async Task<IResult> TelemetryAsync(HttpContext context, string service, string region, string arm, IGrainFactory grains, ApiOptions options)
    {
        var (body, problem) = await RequestBody.ReadAsync<TelemetryBody>(context, options);
        if (problem is not null)
        {
            return ApiProblems.Result(problem);
        }

        var errors = new List<FieldError>();
        NameRules.Check("service", service, errors);
        NameRules.Check("region", region, errors);
        if (!ArmExtensions.TryParse(arm, out var parsedArm) || arm != parsedArm.ToWire())
        {
            errors.Add(new FieldError("arm", $"'{arm}' is not an arm; use blue or green"));
        }

        var from = Time(errors, "$.from", body!.From);
        var to = Time(errors, "$.to", body.To);
        NameRules.ThrowIfAny(errors);

        var batch = new TelemetryBatch
        {
            Service = service,
            Region = region,
            Arm = parsedArm,
            Versions = Versions(body.Versions)!,
            From = from,
            To = to,
            RequestCount = body.RequestCount ?? 0,
            ErrorCount = body.ErrorCount ?? 0,
            Http5xxCount = body.Http5xxCount ?? 0,
            Latency = Histogram(body.Latency, HistogramScale.LatencyMs),
            RetrieveLatency = Histogram(body.RetrieveLatency, HistogramScale.LatencyMs),
            RerankLatency = Histogram(body.RerankLatency, HistogramScale.LatencyMs),
            ReasonLatency = Histogram(body.ReasonLatency, HistogramScale.LatencyMs),
            DeltaS = Histogram(body.DeltaS, HistogramScale.UnitInterval),
            DeltaSSum = body.DeltaSSum ?? 0,
            CoverageSum = body.CoverageSum ?? 0,
            CoverageCount = body.CoverageCount ?? 0,
            LambdaSamples = body.LambdaSamples ?? 0,
            LambdaFlipped = body.LambdaFlipped ?? 0,
            LambdaConvergent = body.LambdaConvergent ?? 0,
            ToolLoopSignals = body.ToolLoopSignals ?? 0,
        };

        // The grain takes batches one way and drops bad ones, so the same rules answer the caller here.
        NameRules.ThrowIfAny(TelemetryBatchRules.Check(batch, service, region, parsedArm, RegionEndpoints.TimeOf(context).GetUtcNow())
            .Select(e => new FieldError("$" + e.Field["batch".Length..], e.Reason)).ToList());
        await grains.GetGrain<ITelemetryGrain>(TelemetryKey.Format(service, region, parsedArm)).ReportAsync(batch);
        return Results.Accepted();
    }

    private static PinnedVersions? Versions(VersionsBody? body) => body is null ? null : new PinnedVersions
    {
        IndexHash = body.IndexHash ?? string.Empty,
        EmbedSchema = body.EmbedSchema ?? string.Empty,
        RerankConf = body.RerankConf ?? string.Empty,
        PromptVer = body.PromptVer ?? string.Empty,
        ModelVer = body.ModelVer ?? string.Empty,
    };

    /// <summary>A histogram as sent; an offset out of int range is left for the histogram rules to refuse.</summary>
    private static HistogramCounts Histogram(HistogramBody? body, HistogramScale scale) => body is null
        ? HistogramCounts.Empty(scale)
        : new HistogramCounts { Scale = scale, Offset = (int)Math.Clamp(body.Offset ?? 0, -1, int.MaxValue), Counts = [.. body.Counts ?? []] };

    private static DateTimeOffset Time(List<FieldError> errors, string path, string? text)
    {
        if (text is null)
        {
            errors.Add(new FieldError(path, "is required (an ISO 8601 time with offset, e.g. 2026-11-30T12:00:00Z)"));
        }
        else if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var time) && text.Contains('T', StringComparison.Ordinal))
        {
            return time;
        }
        else
        {
            errors.Add(new FieldError(path, $"'{text}' is not an ISO 8601 time with offset, e.g. 2026-11-30T12:00:00Z"));
        }

        return default;
    }

    private static FieldError AtRoot(FieldError error) => new(error.Field == "report" ? "$" : "$." + error.Field, error.Reason);
}
